// massagelog report add --session ID --onset TIME --region R[:SIDE] --severity 1-10 ...

#include "../command.hpp"
#include "../entries.hpp"

#include <massagelog/records/sessions.hpp>

#include "../prompt.hpp"

#include <massagelog/core/catalog.hpp>
#include <massagelog/records/entry_checks.hpp>
#include <massagelog/core/error.hpp>
#include <massagelog/records/people.hpp>
#include <massagelog/records/reactions.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace massagelog::app {

namespace {

// How many of the client's latest sessions the prompt offers.
constexpr std::size_t k_sessions_listed = 10;

void options(po::options_description& o)
{
    o.add_options()("session", po::value<std::string>()->required()->value_name("ID"),
                    "the session the reaction followed")(
        "onset", po::value<std::string>()->required()->value_name("TIME"),
        "when the reaction started, clinic time")(
        "region", po::value<std::string>()->required()->value_name("R[:SIDE]"),
        "where: e.g. calf:left, neck")("severity", po::value<std::string>()->required()->value_name("1-10"),
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
    auto id = enter_report(vm, clinic);
    out << "Added report " << id << ".\n";
    return 0;
}

// Asks an optional yes/no/blank question unless the option was given.
void ask_tri(po::variables_map& vm, Prompter& p, const std::string& option, const std::string& question)
{
    if (vm.count(option))
        return;
    auto a = p.ask(question + " (yes, no, or blank if not asked)", std::string(),
                   [&](const std::string& a) { parse_tri(a, question); });
    if (!a.empty())
        set_option(vm, option, a);
}

void prompt(po::variables_map& vm, Clinic& clinic, Prompter& p)
{
    p.say("New reaction report (Ctrl-D cancels; nothing is saved until you confirm).");
    if (!vm.count("session")) {
        auto client = std::stoll(ask_client(clinic, p));
        SessionFilter filter;
        filter.client_id = client;
        filter.include_voided = false;
        std::vector<Session> sessions;
        each_session(clinic, filter, [&](const Session& s) { sessions.push_back(s); });
        if (sessions.empty())
            throw InputError("the client has no sessions to report a reaction after");
        // Only the sessions listed may be chosen: a typo must not file the
        // reaction under another client's session.
        std::size_t first = sessions.size() > k_sessions_listed ? sessions.size() - k_sessions_listed : 0;
        std::vector<std::int64_t> listed;
        for (std::size_t i = first; i < sessions.size(); ++i) {
            listed.push_back(sessions[i].id);
            p.say(fmt::format("  session {:>6}  {}  {} pressure {}", sessions[i].id,
                              clinic.clock().local_minutes(sessions[i].started_at),
                              sessions[i].technique, sessions[i].pressure));
        }
        set_option(vm, "session", p.ask("Session", std::to_string(sessions.back().id), [&](const std::string& a) {
            auto id = id_value(a, "session");
            if (std::find(listed.begin(), listed.end(), id) == listed.end())
                throw InputError(fmt::format("session {} is not one of {}'s listed above", id,
                                             sessions.back().client_name),
                                 "type one of the session numbers shown");
        }));
    }
    if (!vm.count("onset"))
        set_option(vm, "onset", p.ask("When did it start (e.g. 'yesterday 20:00')", std::nullopt,
                                      [&](const std::string& a) { clinic.clock().parse(a, "time"); }));
    if (!vm.count("region")) {
        Catalog catalog(clinic.db());
        std::string names;
        for (const auto& r : catalog.regions())
            names += (names.empty() ? "" : ", ") + r.name;
        p.say("Regions: " + names + "; add :left, :right, :both or :midline.");
        set_option(vm, "region", p.ask("Where", std::nullopt, [&](const std::string& a) {
            auto spec = parse_region_spec(a, "region", RegionExtras::side_only);
            const Region& region = catalog.region(spec.region, "region");
            if (spec.side)
                check_side(region, *spec.side, "region");
        }));
    }
    if (!vm.count("severity"))
        set_option(vm, "severity", p.ask("Severity, 1 barely noticeable .. 10 worst imaginable",
                                         std::nullopt,
                                         [](const std::string& a) { parse_int(a, "severity", 1, 10); }));
    if (!vm.count("kind"))
        set_option(vm, "kind", p.ask("Kind (twitch, spasm, cramp)", std::string("twitch"),
                                     [](const std::string& a) { parse_enum<ReactionKind>(a, "kind"); }));
    if (!vm.count("frequency")) {
        auto a = p.ask("How often (occasional, frequent, constant; blank if not asked)", std::string(),
                       [](const std::string& a) {
                           if (!a.empty())
                               parse_enum<Frequency>(a, "frequency");
                       });
        if (!a.empty())
            set_option(vm, "frequency", a);
    }
    ask_tri(vm, p, "still-present", "Still there");
    for (std::size_t i = 0; i < k_symptom_names.size(); ++i) {
        std::string question = symptom_label(i);
        question[0] = to_upper(question.substr(0, 1))[0];
        ask_tri(vm, p, flag_label(k_symptom_names[i]).substr(2), question);
    }
    if (!vm.count("notes") && !vm.count("notes-file")) {
        auto notes = p.ask("What the client said (blank for nothing)", std::string(), [](const std::string&) {});
        if (!notes.empty())
            set_option(vm, "notes", notes);
    }
    std::string symptoms;
    for (auto name : k_symptom_names) {
        std::string option = flag_label(name).substr(2);
        symptoms += fmt::format("{}{} {}", symptoms.empty() ? "" : ", ", name,
                                vm.count(option) ? vm[option].as<std::string>() : "not recorded");
    }
    // The confirmation names whose session it is, however it was chosen.
    auto session = find_session(clinic, id_value(vm["session"].as<std::string>(), "--session"));
    if (!session)
        throw InputError(fmt::format("--session {}: no such session", vm["session"].as<std::string>()),
                         "see 'massagelog session list'");
    p.say(fmt::format("\nReport for session {} of {} (client {}, {}): {} in the {}, severity {}, "
                      "started {}; still there: {}; {}",
                      session->id, session->client_name, session->client_id,
                      clinic.clock().local_minutes(session->started_at), vm["kind"].as<std::string>(),
                      vm["region"].as<std::string>(), vm["severity"].as<std::string>(),
                      vm["onset"].as<std::string>(),
                      vm.count("still-present") ? vm["still-present"].as<std::string>() : "not recorded",
                      symptoms));
    if (!p.confirm("Save it?"))
        throw Cancelled{};
}

} // namespace

std::int64_t enter_report(const po::variables_map& vm, Clinic& clinic)
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
    return add_report(clinic, in);
}

Command report_add_command()
{
    return {"report add",
            "--session ID --onset TIME --region R[:SIDE] --severity 1-10 [--kind K] "
            "[--frequency F] [--still-present yes|no] [--resolved-at TIME] [--weakness yes|no] "
            "[--loss-of-control yes|no] [--pain yes|no] [--fatigue yes|no] "
            "[--vision-changes yes|no] [--numbness yes|no] [--stiffness yes|no] "
            "[--reported-at TIME] [--source S] [--notes TEXT|--notes-file FILE]",
            "Record a reaction a client reports after a session; symptoms left out stay 'not "
            "recorded'. On a terminal, asks for what is missing.",
            Access::write, options, {}, run, nullptr, prompt};
}

} // namespace massagelog::app
