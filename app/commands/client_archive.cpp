// massagelog client archive ID

#include "../command.hpp"

#include <massagelog/people.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description&) {}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    auto id = resolve_client(clinic, vm["client"].as<std::string>(), "CLIENT");
    archive_client(clinic, id);
    out << "Archived client " << id << "; their records are kept.\n";
    return 0;
}

} // namespace

Command client_archive_command()
{
    return {"client archive", "CLIENT",
            "Archive a client: hidden from lists and new sessions, never deleted.", Access::write,
            options, {"client"}, run};
}

} // namespace massagelog::app
