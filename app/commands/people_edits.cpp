// massagelog client edit | client unarchive | therapist edit | therapist archive:
// correcting people's details and archiving. Sessions and reports are not
// edited: one entered wrongly is voided and entered again.

#include "../command.hpp"
#include "../entries.hpp"

#include <massagelog/core/error.hpp>
#include <massagelog/records/people.hpp>

#include <fmt/format.h>

namespace massagelog::app {

namespace {

std::string field_list(const std::vector<std::string>& fields)
{
    std::string out;
    for (const auto& f : fields)
        out += (out.empty() ? "" : ", ") + f;
    return out;
}

int client_edit(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    auto fields = enter_client_edit(vm, clinic);
    out << fmt::format("Changed client {}: {}.\n", vm["client"].as<std::string>(),
                       field_list(fields));
    return 0;
}

int client_unarchive(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    auto id = resolve_archived_client(clinic, vm["client"].as<std::string>(), "CLIENT");
    unarchive_client(clinic, id);
    out << "Client " << id << " is back in the lists, flags and calls due.\n";
    return 0;
}

void therapist_edit_options(po::options_description& o)
{
    o.add_options()("name", po::value<std::string>()->value_name("NAME"),
                    "the therapist's full name")(
        "licence", po::value<std::string>()->value_name("NUMBER"),
        "licence or registration number (empty clears it)");
}

int therapist_edit(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    auto id = resolve_therapist(clinic, vm["therapist"].as<std::string>(), "THERAPIST");
    TherapistChange change{opt_string(vm, "name"), opt_string(vm, "licence")};
    if (!change.name && !change.licence)
        throw InputError("nothing to change", "give --name or --licence");
    out << fmt::format("Changed therapist {}: {}.\n", id,
                       field_list(edit_therapist(clinic, id, change)));
    return 0;
}

int therapist_archive(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    auto id = resolve_therapist(clinic, vm["therapist"].as<std::string>(), "THERAPIST");
    archive_therapist(clinic, id);
    out << "Archived therapist " << id << "; their sessions are kept.\n";
    return 0;
}

void no_options(po::options_description&) {}

void client_edit_options(po::options_description& o) { client_options(o, false); }

} // namespace

Command client_edit_command()
{
    return {"client edit",
            "CLIENT [--name NAME] [--phone PHONE] [--email EMAIL] [--birth-date YYYY-MM-DD] "
            "[--notes TEXT|--notes-file FILE]",
            "Correct a client's details (audited); an empty value clears a field.",
            Access::write, client_edit_options, {"client"}, client_edit};
}

Command client_unarchive_command()
{
    return {"client unarchive", "CLIENT", "Bring an archived client back (audited).",
            Access::write, no_options, {"client"}, client_unarchive};
}

Command therapist_edit_command()
{
    return {"therapist edit", "THERAPIST [--name NAME] [--licence NUMBER]",
            "Correct a therapist's name or licence (audited).", Access::write,
            therapist_edit_options, {"therapist"}, therapist_edit};
}

Command therapist_archive_command()
{
    return {"therapist archive", "THERAPIST",
            "Archive a therapist: out of new sessions, their sessions kept.", Access::write,
            no_options, {"therapist"}, therapist_archive};
}

} // namespace massagelog::app
