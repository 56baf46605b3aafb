// massagelog followup log --session ID --outcome O [--notes TEXT|--notes-file FILE] [--at TIME]

#include "../command.hpp"
#include "../entries.hpp"

#include <massagelog/records/followups.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("session", po::value<std::string>()->required()->value_name("ID"),
                    "the session the call was about")(
        "outcome", po::value<std::string>()->required()->value_name("O"),
        "no-reaction, reaction-reported or no-answer")(
        "at", po::value<std::string>()->value_name("TIME"), "when the call was made (default now)");
    add_notes_options(o, "what was said");
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    auto id = enter_call(vm, clinic);
    auto session_id = req_id(vm, "session");
    out << "Logged call " << id << " about session " << session_id << ".\n";
    if (vm["outcome"].as<std::string>() == to_string(FollowupOutcome::reaction_reported))
        out << "Record what the client reported: massagelog report add --session " << session_id
            << " ...\n";
    return 0;
}

} // namespace

std::int64_t enter_call(const po::variables_map& vm, Clinic& clinic)
{
    FollowupInput in;
    in.session_id = req_id(vm, "session");
    in.outcome = parse_enum<FollowupOutcome>(vm["outcome"].as<std::string>(), "--outcome");
    in.contacted_at = opt_time(vm, "at", clinic);
    in.notes = notes_value(vm);
    return log_followup(clinic, in);
}

Command followup_log_command()
{
    return {"followup log",
            "--session ID --outcome no-reaction|reaction-reported|no-answer [--notes TEXT|--notes-file FILE] [--at TIME]",
            "Log a follow-up call (audited); it clears the call from 'followup due'.",
            Access::write, options, {}, run};
}

} // namespace massagelog::app
