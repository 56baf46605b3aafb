#include "fixture.hpp"

#include <massagelog/store/atomic_file.hpp>
#include <massagelog/store/input_file.hpp>
#include <massagelog/store/output.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <sys/stat.h>

using namespace massagelog;
using namespace massagelog::testing;

namespace {

std::string read_all(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_all(const std::string& path, const std::string& text)
{
    std::ofstream(path, std::ios::binary) << text;
}

} // namespace

TEST_CASE_METHOD(ClinicFixture, "output::open_output", "[db][files]")
{
    TempDir dir;
    SECTION("a new file goes through a temporary file, mode 0600")
    {
        auto file = open_output(dir.file("out.csv"), Overwrite::no, path());
        file->stream() << "a,b\r\n";
        file->finish();
        file->publish();
        CHECK(read_all(dir.file("out.csv")) == "a,b\r\n");
        struct stat st{};
        REQUIRE(::stat(dir.file("out.csv").c_str(), &st) == 0);
        CHECK((st.st_mode & 0777) == 0600);
    }
    SECTION("an existing file only with Overwrite::yes")
    {
        write_all(dir.file("out.csv"), "old");
        CHECK_THROWS_WITH(open_output(dir.file("out.csv"), Overwrite::no, path()),
                          Catch::Contains("exists already"));
        auto file = open_output(dir.file("out.csv"), Overwrite::yes, path());
        file->stream() << "new";
        file->commit();
        CHECK(read_all(dir.file("out.csv")) == "new");
    }
    SECTION("a file that appears while writing is not replaced without Overwrite::yes")
    {
        auto file = open_output(dir.file("late.csv"), Overwrite::no, path());
        file->stream() << "mine";
        file->finish();
        write_all(dir.file("late.csv"), "theirs");
        CHECK_THROWS_AS(file->publish(), InputError);
        CHECK(read_all(dir.file("late.csv")) == "theirs");
    }
    SECTION("never the database, its -wal or -shm, or another SQLite file; never a folder")
    {
        std::string before = read_all(path());
        for (const std::string& target : {path(), path() + "-wal", path() + "-shm"})
            CHECK_THROWS_WITH(open_output(target, Overwrite::yes, path()),
                              Catch::Contains("is the clinic's database or one of its files"));
        write_all(dir.file("backup.db"), before);
        CHECK_THROWS_AS(open_output(dir.file("backup.db"), Overwrite::yes, path()), InputError);
        CHECK_THROWS_WITH(open_output(dir.file(""), Overwrite::yes, path()),
                          Catch::Contains("is a folder"));
        CHECK(read_all(path()) == before);
    }
    SECTION("a failed write is audited as failed")
    {
        ExportRecord record{"csv clients", std::nullopt, {}};
        std::ostringstream unused;
        CHECK_THROWS_AS(write_export(clinic(), dir.file("x.csv"), Overwrite::no, unused, record,
                                     [](std::ostream&) { throw OperationalError("disk full"); }),
                        OperationalError);
        CHECK(db().execAndGet("SELECT outcome FROM audit_log ORDER BY id DESC LIMIT 1").getString() ==
              "failed");
        CHECK_FALSE(std::ifstream(dir.file("x.csv")).good());
    }
}

TEST_CASE("input_file::InputFile", "[files]")
{
    TempDir dir;
    SECTION("a file within the cap is read whole")
    {
        write_all(dir.file("notes.txt"), "hello\nworld");
        CHECK(read_text_file(dir.file("notes.txt"), 64, "--notes-file") == "hello\nworld");
    }
    SECTION("past the cap, a NUL byte, or a folder: InputError naming the label")
    {
        write_all(dir.file("big.txt"), std::string(100, 'x'));
        CHECK_THROWS_WITH(read_text_file(dir.file("big.txt"), 64, "--notes-file 'big.txt'"),
                          "--notes-file 'big.txt' is larger than 64 bytes");
        write_all(dir.file("bin"), std::string("ab\0cd", 5));
        CHECK_THROWS_WITH(read_text_file(dir.file("bin"), 64, "FILE 'bin'"),
                          "FILE 'bin' is not a text file: it holds NUL bytes");
        CHECK_THROWS_WITH(read_text_file(dir.file(""), 64, "FILE 'x'"), "FILE 'x' is a folder");
    }
    SECTION("the cap holds for a stream that does not say its size")
    {
        // A FIFO read while a child writes more than the cap.
        std::string fifo = dir.file("fifo");
        REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
        std::string cmd = "yes > " + fifo + " 2>/dev/null &";
        REQUIRE(std::system(cmd.c_str()) == 0);
        CHECK_THROWS_WITH(read_text_file(fifo, 4096, "--notes-file"),
                          "--notes-file is larger than 4096 bytes");
    }
}
