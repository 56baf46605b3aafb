// massagelog report add --session ID --onset TIME --region R[:SIDE] --severity 1-10 ...

#include "../command.hpp"

#include <massagelog/reports.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("session", po::value<std::string>()->required()->value_name("ID"),
                    "the session the reaction followed")(
        "onset", po::value<std::string>()->required()->value_name("TIME"),
        "when the reaction started, clinic time")(
        "region", po::value<std::string>()->required()->value_name("R[:SIDE]"),
        "where: e.g. calf:left, neck")("severity", po::value<std::string>()->required(),
                                       "1 barely noticeable .. 10 worst imaginable")(
        "kind", po::value<std::string>()->value_name("K"), "twitch (default), spasm or cramp")(
        "frequency", po::value<std::string>()->value_name("F"), "occasional, frequent or constant")(
        "still-present", po::value<std::string>()->value_name("yes|no"),
        "whether the reaction is still there")(
        "resolved-at", po::value<std::string>()->value_name("TIME"), "when it went away")(
        "reported-at", po::value<std::string>()->value_name("TIME"),
        "when the client reported it (default now)")(
        "source", po::value<std::string>()->value_name("S"),
        "phone, in-person, form or other (default other)");
    for (auto name : k_symptom_names)
        o.add_options()(flag_label(name).substr(2).c_str(),
                        po::value<std::string>()->value_name("yes|no"),
                        "symptom; leave out when not asked (not recorded)");
    add_notes_options(o, "what the client said");
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    ReportInput in;
    in.session_id = req_id(vm, "session");
    in.onset_at = *opt_time(vm, "onset", clinic);
    in.reported_at = opt_time(vm, "reported-at", clinic);
    in.resolved_at = opt_time(vm, "resolved-at", clinic);
    in.region = parse_region_spec(vm["region"].as<std::string>(), "--region", RegionExtras::side_only);
    in.severity = static_cast<int>(parse_int(vm["severity"].as<std::string>(), "--severity", 1, 10));
    if (auto k = opt_string(vm, "kind"))
        in.kind = parse_enum<ReactionKind>(*k, "--kind");
    if (auto f = opt_string(vm, "frequency"))
        in.frequency = parse_enum<Frequency>(*f, "--frequency");
    if (auto p = opt_string(vm, "still-present"))
        in.still_present = parse_tri(*p, "--still-present");
    if (auto s = opt_string(vm, "source"))
        in.source = parse_enum<ReportSource>(*s, "--source");
    for (std::size_t i = 0; i < k_symptom_names.size(); ++i) {
        std::string flag = flag_label(k_symptom_names[i]);
        if (auto v = opt_string(vm, flag.c_str() + 2))
            in.symptoms.values[i] = parse_tri(*v, flag);
    }
    in.notes = notes_value(vm);
    auto id = add_report(clinic, in);
    out << "Added report " << id << ".\n";
    return 0;
}

} // namespace

Command report_add_command()
{
    return {"report add",
            "--session ID --onset TIME --region R[:SIDE] --severity 1-10 [--kind K] "
            "[--frequency F] [--still-present yes|no] [--resolved-at TIME] [--weakness yes|no] "
            "[--loss-of-control yes|no] [--pain yes|no] [--fatigue yes|no] "
            "[--vision-changes yes|no] [--numbness yes|no] [--stiffness yes|no] "
            "[--reported-at TIME] [--source S] [--notes TEXT]",
            "Record a reaction a client reports after a session; symptoms left out stay 'not "
            "recorded'.",
            Access::write, options, {}, run};
}

} // namespace massagelog::app
