// massagelog session add --client ID --therapist ID --at TIME --technique T --pressure P ...

#include "../command.hpp"
#include "../entries.hpp"

#include <massagelog/records/people.hpp>

#include "../prompt.hpp"

#include <massagelog/core/catalog.hpp>
#include <massagelog/records/entry_checks.hpp>
#include <massagelog/core/error.hpp>
#include <massagelog/records/point_of_care.hpp>
#include <massagelog/records/sessions.hpp>

#include "../records.hpp"

#include <sstream>

#include <fmt/format.h>

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("client", po::value<std::string>()->required()->value_name("ID|NAME"), "the client")(
        "therapist", po::value<std::string>()->required()->value_name("ID|NAME"), "the therapist")(
        "at", po::value<std::string>()->required()->value_name("TIME"),
        "when the session started, clinic time (e.g. '2026-11-21 14:30', 'today 09:00')")(
        "technique", po::value<std::string>()->required()->value_name("T"),
        "swedish, deep-tissue, trigger-point, myofascial, neuromuscular, sports, "
        "reciprocal-inhibition, hot-stone, lymphatic-drainage, prenatal, shiatsu, thai, "
        "reflexology or other")(
        "pressure", po::value<std::string>()->required()->value_name("P"),
        "1 light, 2 moderate, 3 firm, 4 deep, 5 very-deep (number or name)")(
        "duration", po::value<std::string>()->value_name("MIN"), "minutes, 5-480 (default 60)")(
        "region", po::value<std::vector<std::string>>()->composing()->value_name("R[:SIDE][:P][:focal]"),
        "a region worked, repeatable: e.g. neck:midline:4:focal, calf:left");
    add_notes_options(o, "session notes");
    add_despite_flags_options(o, "work a region that a refer flag guards anyway (needs --reason; "
                                 "audited with the flags)");
    add_despite_contraindication_option(o);
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    SessionInput in = session_input(vm, clinic);
    AddedSession added = add_session(clinic, in);
    print_standing_flags(out, added.standing, clinic.clock());
    print_contraindications(out, added.contra, in.client_id);
    out << "Added session " << added.id << ".\n";
    return 0;
}

// The therapist this person last entered a session for, as a default.
std::optional<std::string> last_therapist(Clinic& clinic)
{
    if (auto id = last_therapist_for(clinic, clinic.actor().name))
        return std::to_string(*id);
    return std::nullopt;
}

std::string names(const std::vector<std::string>& items)
{
    std::string out;
    for (const auto& i : items)
        out += (out.empty() ? "" : ", ") + i;
    return out;
}

// Shows the client's standing flags and, when a region asked for is under a
// refer flag, asks why the session goes ahead anyway (blank cancels).
void ask_despite_flags(po::variables_map& vm, Clinic& clinic, Prompter& p, std::int64_t client)
{
    std::vector<Flag> standing = standing_flags(clinic, client, clinic.clock().now());
    if (standing.empty())
        return;
    std::ostringstream shown;
    print_standing_flags(shown, standing, clinic.clock());
    p.say(shown.str());
    auto guarded = guarded_regions(clinic, standing, session_input(vm, clinic));
    if (guarded.empty() || vm["despite-flags"].as<bool>())
        return;
    for (const GuardedRegion& g : guarded)
        p.say(fmt::format("{}:{} is under the refer flag {} [{}]: not to be worked until cleared.",
                          g.region.region, to_string(g.region.side), g.flag->rule,
                          g.flag->evidence_key));
    auto reason = p.ask("Reason to work it anyway (blank cancels)", std::string(),
                        [](const std::string&) {});
    if (reason.empty())
        throw Cancelled{};
    set_switch(vm, "despite-flags");
    set_option(vm, "reason", reason);
}

// Shows what the client's health history says of the session and, when it
// rules the session out, asks why it goes ahead anyway (blank cancels).
void ask_despite_contraindication(po::variables_map& vm, Clinic& clinic, Prompter& p,
                                  std::int64_t client)
{
    ContraCheck check = session_contraindications(clinic, session_input(vm, clinic));
    std::ostringstream shown;
    print_contraindications(shown, check, client);
    if (!shown.str().empty())
        p.say(shown.str());
    if (!check.blocked() || vm["despite-contraindication"].as<bool>())
        return;
    auto reason = p.ask("The health history rules this out. Reason to go ahead anyway (blank "
                        "cancels)",
                        std::string(), [](const std::string&) {});
    if (reason.empty())
        throw Cancelled{};
    set_switch(vm, "despite-contraindication");
    // One --reason serves both overrides: the flags' reason, if asked, comes first.
    set_option(vm, "reason",
               vm.count("reason") ? vm["reason"].as<std::string>() + "; " + reason : reason);
}

void prompt(po::variables_map& vm, Clinic& clinic, Prompter& p)
{
    Catalog catalog(clinic.db());
    p.say("New session (Ctrl-D cancels; nothing is saved until you confirm).");
    if (!vm.count("client"))
        set_option(vm, "client", ask_client(clinic, p));
    if (!vm.count("therapist")) {
        std::vector<std::string> active;
        for (const Therapist& t : list_therapists(clinic))
            if (t.active)
                active.push_back(fmt::format("{} {}", t.id, t.name));
        p.say("Therapists: " + names(active));
        set_option(vm, "therapist", p.ask("Therapist (name or ID)", last_therapist(clinic), [&](const std::string& a) {
            resolve_therapist(clinic, a, "therapist");
        }));
    }
    if (!vm.count("at"))
        set_option(vm, "at", p.ask("Started at (e.g. 14:30 today is 'today 14:30')", std::string("now"),
                                   [&](const std::string& a) { clinic.clock().parse(a, "time"); }));
    if (!vm.count("technique")) {
        std::vector<std::string> choices;
        for (const auto& t : catalog.techniques())
            choices.push_back(t.name);
        p.say("Techniques: " + names(choices));
        set_option(vm, "technique", p.ask("Technique", std::nullopt, [&](const std::string& a) {
            catalog.technique(a, "technique");
        }));
    }
    if (!vm.count("pressure"))
        set_option(vm, "pressure",
                   p.ask("Pressure (1 light, 2 moderate, 3 firm, 4 deep, 5 very-deep)", std::nullopt,
                         [&](const std::string& a) { parse_pressure(a, "pressure"); }));
    if (!vm.count("duration"))
        set_option(vm, "duration", p.ask("Duration in minutes", std::string("60"), [&](const std::string& a) {
            parse_int(a, "duration", 5, 480);
        }));
    if (!vm.count("region")) {
        std::vector<std::string> choices;
        for (const auto& r : catalog.regions())
            choices.push_back(r.name);
        p.say("Regions: " + names(choices) + "; sides left, right, both, midline; add :4 for "
              "its own pressure, :focal for sustained pressure on one point.");
        std::vector<std::string> regions;
        while (true) {
            auto a = p.ask("Region worked (blank when done)", std::string(), [&](const std::string& a) {
                if (a.empty())
                    return;
                auto spec = parse_region_spec(a, "region", RegionExtras::side_pressure_focal);
                const Region& region = catalog.region(spec.region, "region");
                if (spec.side)
                    check_side(region, *spec.side, "region");
            });
            if (a.empty())
                break;
            regions.push_back(a);
        }
        set_option(vm, "region", regions);
    }
    if (!vm.count("notes") && !vm.count("notes-file")) {
        auto notes = p.ask("Notes (blank for none)", std::string(), [](const std::string&) {});
        if (!notes.empty())
            set_option(vm, "notes", notes);
    }
    auto client = resolve_client(clinic, vm["client"].as<std::string>(), "client");
    auto therapist = resolve_therapist(clinic, vm["therapist"].as<std::string>(), "therapist");
    Instant at = clinic.clock().parse(vm["at"].as<std::string>(), "time");
    ask_despite_flags(vm, clinic, p, client);
    ask_despite_contraindication(vm, clinic, p, client);
    std::string regions = vm.count("region") ? names(vm["region"].as<std::vector<std::string>>()) : "";
    p.say(fmt::format("\nSession for {} ({}) with {} ({}), {}, {} at pressure {}, {} min{}{}",
                      require_client(clinic, client, "client").name, client,
                      require_therapist(clinic, therapist, "therapist").name, therapist,
                      clinic.clock().local_minutes(at),
                      vm["technique"].as<std::string>(), vm["pressure"].as<std::string>(),
                      vm["duration"].as<std::string>(),
                      regions.empty() ? "" : "; regions " + regions,
                      vm.count("notes") ? "; notes: " + vm["notes"].as<std::string>() : ""));
    if (!p.confirm("Save it?"))
        throw Cancelled{};
}

} // namespace

SessionInput session_input(const po::variables_map& vm, Clinic& clinic)
{
    SessionInput in;
    in.client_id = *opt_client(vm, "client", clinic);
    in.therapist_id = *opt_therapist(vm, "therapist", clinic);
    in.started_at = *opt_time(vm, "at", clinic);
    in.technique = vm["technique"].as<std::string>();
    in.pressure = parse_pressure(vm["pressure"].as<std::string>(), "--pressure");
    if (auto d = opt_string(vm, "duration"))
        in.duration_min = static_cast<int>(parse_int(*d, "--duration", 5, 480));
    if (vm.count("region"))
        for (const auto& r : vm["region"].as<std::vector<std::string>>())
            in.regions.push_back(parse_region_spec(r, "--region", RegionExtras::side_pressure_focal));
    in.notes = notes_value(vm);
    in.despite_flags_reason = despite_flags_reason(vm);
    in.despite_contraindication_reason = despite_contraindication_reason(vm);
    return in;
}


Command session_add_command()
{
    return {"session add",
            "--client ID --therapist ID --at TIME --technique T --pressure P [--duration MIN] "
            "[--region R[:SIDE][:PRESSURE][:focal]]... [--notes TEXT|--notes-file FILE] "
            "[--despite-flags] [--despite-contraindication] [--reason TEXT]",
            "Record a massage session and the regions it worked; on a terminal, asks for what "
            "is missing.",
            Access::write, options, {}, run, nullptr, prompt};
}

} // namespace massagelog::app
