// Output files appear whole or not at all: written to a temporary file
// beside the target and renamed into place, or streamed into a FIFO.

#include "fixture.hpp"

#include <massagelog/store/atomic_file.hpp>
#include <massagelog/store/audit.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <thread>

using namespace massagelog;
using namespace massagelog::testing;

namespace {

std::string read_all(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::size_t files_in(const std::string& dir)
{
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir))
        ++n;
    return n;
}

} // namespace

TEST_CASE("atomic_file::AtomicFile", "[files]")
{
    TempDir dir;
    std::string path = dir.file("out.csv");
    std::string folder = std::filesystem::path(path).parent_path().string();
    SECTION("commit puts the whole file in place, 0600, and gives its SHA-256")
    {
        std::string text(300'000, 'x'); // more than one buffer
        AtomicFile f(path);
        f.stream() << text;
        CHECK_FALSE(std::filesystem::exists(path)); // not before commit
        CHECK(f.commit() == sha256_hex(text));
        CHECK(read_all(path) == text);
        struct stat st {};
        REQUIRE(::stat(path.c_str(), &st) == 0);
        CHECK((st.st_mode & 0777) == 0600);
        CHECK(files_in(folder) == 1); // no temporary file left
    }
    SECTION("without commit the old file stays and the temporary file goes")
    {
        std::ofstream(path) << "old";
        {
            AtomicFile f(path);
            f.stream() << "new, but never committed";
        }
        CHECK(read_all(path) == "old");
        CHECK(files_in(folder) == 1);
    }
    SECTION("Overwrite::no refuses a file that appeared while writing")
    {
        AtomicFile f(path, Delivery::rename_into_place, Overwrite::no);
        f.stream() << "mine";
        std::ofstream(path) << "theirs";
        f.finish();
        CHECK_THROWS_WITH(f.publish(), Catch::Contains("appeared while it was being written"));
        CHECK(read_all(path) == "theirs");
    }
    SECTION("a FIFO is written into, and stays a FIFO")
    {
        REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
        std::string received;
        std::thread reader([&] { received = read_all(path); });
        {
            AtomicFile f(path, Delivery::stream);
            f.stream() << "streamed";
            f.commit();
        }
        reader.join();
        CHECK(received == "streamed");
        struct stat st {};
        REQUIRE(::stat(path.c_str(), &st) == 0);
        CHECK(S_ISFIFO(st.st_mode));
    }
}
