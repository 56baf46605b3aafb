// massagelog export fhir CLIENT [--as-of TIME] [-o FILE [--force]]

#include "../command.hpp"

#include <massagelog/records/people.hpp>
#include <massagelog/reports/fhir.hpp>
#include <massagelog/reports/summary.hpp>
#include <massagelog/store/clinic.hpp>
#include <massagelog/store/settings.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("as-of", po::value<std::string>()->value_name("TIME"),
                    "the record as it stood at TIME");
    add_output_option(o, "write to FILE (mode 0600, audited)");
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    auto id = resolve_client(clinic, vm["client"].as<std::string>(), "CLIENT");
    auto summary = client_summary(clinic, id, opt_time(vm, "as-of", clinic));
    const std::string json =
        record_bundle(summary, get_setting(clinic.db(), "clinic.name"), clinic.clock()).dump(2) +
        "\n";
    write_output(vm, clinic, out, "fhir client", id, [&](std::ostream& to) { to << json; });
    return 0;
}

} // namespace

Command export_fhir_command()
{
    return {"export fhir", "CLIENT [--as-of TIME] [-o FILE [--force]]",
            "Export one client's whole record as a FHIR R4 collection Bundle (JSON), to move "
            "the client to another system; audited when written to a file.",
            Access::read, options, {"client"}, run, "output"};
}

} // namespace massagelog::app
