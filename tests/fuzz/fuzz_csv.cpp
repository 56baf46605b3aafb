// CSV import: any file either imports or is refused with an InputError
// naming what is wrong; the import runs as --dry-run, so the database the
// fuzzer starts with stays the same.

#include <massagelog/store/clinic.hpp>
#include <massagelog/core/error.hpp>
#include <massagelog/exchange/exchange.hpp>
#include <massagelog/records/people.hpp>
#include <massagelog/records/sessions.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sstream>
#include <unistd.h>

namespace {

massagelog::Clinic& clinic()
{
    using namespace massagelog;
    static std::unique_ptr<Clinic> instance = [] {
        std::string dir = (std::filesystem::temp_directory_path() /
                           ("massagelog-fuzz-" + std::to_string(::getpid())))
                              .string();
        std::filesystem::create_directories(dir);
        auto c = std::make_unique<Clinic>(ClinicOptions{dir + "/clinic.db", "America/New_York",
                                                        "fuzzer", OpenMode::create,
                                                        from_utc_text("2026-11-21T15:00:00Z")});
        add_therapist(*c, {"Rosa Larsen", std::nullopt});
        add_client(*c, {"Ana Souza", {}, {}, {}, {}});
        SessionInput s;
        s.client_id = 1;
        s.therapist_id = 1;
        s.started_at = from_utc_text("2026-11-20T15:00:00Z");
        s.technique = "swedish";
        s.pressure = 2;
        add_session(*c, s);
        return c;
    }();
    return *instance;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace massagelog;
    if (size == 0)
        return 0;
    static const Table tables[] = {Table::therapists, Table::clients, Table::sessions,
                                   Table::reports};
    Table table = tables[data[0] % 4];
    std::istringstream in(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
    try {
        import_csv(clinic(), table, in, "fuzz", DryRun::yes);
    } catch (const InputError&) {
    }
    return 0;
}
