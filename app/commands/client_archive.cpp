// massagelog client archive ID

#include "../command.hpp"

#include <massagelog/people.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description&) {}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    auto id = id_value(vm["id"].as<std::string>(), "client ID");
    archive_client(clinic, id);
    out << "Archived client " << id << "; their records are kept.\n";
    return 0;
}

} // namespace

Command client_archive_command()
{
    return {"client archive", "ID",
            "Archive a client: hidden from lists and new sessions, never deleted.", Access::write,
            options, {"id"}, run};
}

} // namespace massagelog::app
