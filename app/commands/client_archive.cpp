// massagelog client archive CLIENT [--despite-flags --reason TEXT]

#include "../command.hpp"

#include <massagelog/records/archive.hpp>
#include <massagelog/core/error.hpp>
#include <massagelog/records/people.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("despite-flags", po::bool_switch(),
                    "archive although unreviewed refer flags stand (needs --reason; audited)")(
        "reason", po::value<std::string>()->value_name("TEXT"),
        "why the client is archived despite their flags");
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    auto id = resolve_client(clinic, vm["client"].as<std::string>(), "CLIENT");
    bool despite = vm["despite-flags"].as<bool>();
    auto reason = opt_string(vm, "reason");
    if (despite && (!reason || reason->empty()))
        throw InputError("--despite-flags needs --reason TEXT",
                         "say why the client is archived with flags nobody has reviewed");
    if (reason && !despite)
        throw InputError("--reason goes with --despite-flags",
                         "without flags standing, 'client archive CLIENT' is enough");
    archive_client(clinic, id, despite ? reason : std::nullopt);
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
