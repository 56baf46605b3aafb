// massagelog client archive CLIENT [--despite-flags --reason TEXT]

#include "../command.hpp"

#include <massagelog/records/archive.hpp>
#include <massagelog/core/error.hpp>
#include <massagelog/records/people.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    add_despite_flags_options(o, "archive although unreviewed refer flags stand (needs --reason; "
                                 "audited)");
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    auto id = resolve_client(clinic, vm["client"].as<std::string>(), "CLIENT");
    archive_client(clinic, id, despite_flags_reason(vm));
    out << "Archived client " << id << "; their records are kept.\n";
    return 0;
}

} // namespace

Command client_archive_command()
{
    return {"client archive", "CLIENT [--despite-flags --reason TEXT]",
            "Archive a client (not while refer flags await review); records are kept.",
            Access::write, options, {"client"}, run};
}

} // namespace massagelog::app
