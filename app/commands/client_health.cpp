// massagelog client health add CLIENT [--anticoagulant yes|no] ... and
// client health show CLIENT

#include "../command.hpp"
#include "../entries.hpp"
#include "../prompt.hpp"
#include "../records.hpp"

#include <massagelog/core/catalog.hpp>
#include <massagelog/core/error.hpp>
#include <massagelog/core/text.hpp>
#include <massagelog/records/entry_checks.hpp>
#include <massagelog/records/health.hpp>
#include <massagelog/records/people.hpp>

#include <fmt/format.h>

namespace massagelog::app {

namespace {

// The option of a question or a field: "high-blood-pressure".
std::string option_of(std::string_view column)
{
    return flag_label(column).substr(2);
}

void add_options(po::options_description& o)
{
    for (const HealthQuestionSpec& q : health_questions())
        o.add_options()(option_of(q.column).c_str(), po::value<std::string>()->value_name("yes|no"),
                        std::string(q.asks).c_str());
    auto regions = [] {
        return po::value<std::vector<std::string>>()->composing()->value_name("R[:SIDE]");
    };
    o.add_options()("pregnancy-week", po::value<std::string>()->value_name("N"),
                    "the week of pregnancy, 1-45 (with --pregnant yes)")(
        "sensation-region", regions(),
        "a region with reduced sensation, repeatable; its whole limb is treated as affected "
        "(with --reduced-sensation yes)")(
        "surgery-at", po::value<std::string>()->value_name("DATE"),
        "the date of the surgery or injury, YYYY-MM-DD (with --recent-surgery yes)")(
        "surgery-region", regions(),
        "a region of the surgery or injury, repeatable (with --recent-surgery yes)")(
        "skin-region", regions(),
        "a region with a skin condition or wound, repeatable (with --skin-condition yes)")(
        "avoid-region", regions(),
        "a region the client asks to avoid, repeatable; 'none' when they named none")(
        "preferred-pressure", po::value<std::string>()->value_name("P"),
        "1 light, 2 moderate, 3 firm, 4 deep, 5 very-deep (number or name)");
    add_notes_options(o, "health notes");
}

std::vector<RegionSpec> region_specs(const po::variables_map& vm, const char* name)
{
    std::vector<RegionSpec> out;
    if (vm.count(name))
        for (const std::string& r : vm[name].as<std::vector<std::string>>())
            out.push_back(parse_region_spec(r, fmt::format("--{}", name), RegionExtras::side_only));
    return out;
}

HealthInput health_input(const po::variables_map& vm, Clinic& clinic)
{
    HealthInput in;
    in.client_id = resolve_client(clinic, vm["client"].as<std::string>(), "CLIENT");
    for (const HealthQuestionSpec& q : health_questions()) {
        std::string option = option_of(q.column);
        if (auto answer = opt_string(vm, option.c_str())) {
            in.answer(q.question) = parse_tri(*answer, "--" + option);
            if (in.answer(q.question) == Tri::unknown)
                throw InputError(fmt::format("--{} takes yes or no", option),
                                 "leave the option out when the question was not asked")
                    .about("--" + option);
        }
    }
    if (auto week = opt_string(vm, "pregnancy-week"))
        in.pregnancy_week = static_cast<int>(parse_int(*week, "--pregnancy-week", 1, 45));
    in.sensation_regions = region_specs(vm, "sensation-region");
    in.surgery_at = opt_string(vm, "surgery-at");
    in.surgery_regions = region_specs(vm, "surgery-region");
    in.skin_regions = region_specs(vm, "skin-region");
    if (vm.count("avoid-region")) {
        const auto& given = vm["avoid-region"].as<std::vector<std::string>>();
        if (given.size() == 1 && given.front() == "none")
            in.avoid_regions.emplace();
        else
            in.avoid_regions = region_specs(vm, "avoid-region");
    }
    if (auto p = opt_string(vm, "preferred-pressure"))
        in.preferred_pressure = parse_pressure(*p, "--preferred-pressure");
    in.notes = notes_value(vm);
    return in;
}

int add_run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    HealthInput in = health_input(vm, clinic);
    std::int64_t id = add_health_entry(clinic, in);
    out << fmt::format("Added health history entry {} for client {}.\n", id, in.client_id);
    print_health(out, read_health(clinic, in.client_id, clinic.clock().now()), clinic.clock());
    return 0;
}

// Asks each question not given (blank: not asked), then the details of a
// yes, then shows the entry and asks to confirm.
void add_prompt(po::variables_map& vm, Clinic& clinic, Prompter& p)
{
    p.say("New health history entry (Ctrl-D cancels; a blank answer is 'not asked').");
    if (!vm.count("client"))
        set_option(vm, "client", ask_client(clinic, p));
    Catalog catalog(clinic.db());
    // One answer for option `name` unless given; blank leaves it out.
    auto one = [&](const std::string& name, const std::string& question,
                   const std::function<void(const std::string&)>& check) {
        if (vm.count(name))
            return;
        auto a = p.ask(question, std::string(), [&](const std::string& a) {
            if (!a.empty())
                check(a);
        });
        if (!a.empty())
            set_option(vm, name, a);
    };
    auto yes_no = [](const std::string& a) {
        if (a != "yes" && a != "no")
            throw InputError("answer yes or no, or leave it blank for not asked");
    };
    auto regions = [&](const std::string& name, const std::string& question) {
        if (vm.count(name))
            return;
        std::vector<std::string> given;
        while (true) {
            auto a = p.ask(question + " (R[:SIDE], blank when done)", std::string(),
                           [&](const std::string& a) {
                               if (a.empty() || a == "none")
                                   return;
                               auto spec = parse_region_spec(a, name, RegionExtras::side_only);
                               const Region& region = catalog.region(spec.region, name);
                               if (spec.side)
                                   check_side(region, *spec.side, name);
                           });
            if (a.empty())
                break;
            given.push_back(a);
        }
        if (!given.empty())
            set_option(vm, name, given);
    };
    for (const HealthQuestionSpec& q : health_questions()) {
        std::string option = option_of(q.column);
        std::string asks(q.asks);
        asks[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(asks[0])));
        one(option, asks + "? (yes/no)", yes_no);
        if (!vm.count(option) || vm[option].as<std::string>() != "yes")
            continue;
        switch (q.question) {
        case HealthQuestion::pregnant:
            one("pregnancy-week", "Week of pregnancy (blank: not known)",
                [](const std::string& a) { parse_int(a, "week", 1, 45); });
            break;
        case HealthQuestion::reduced_sensation:
            regions("sensation-region", "Where is sensation reduced");
            break;
        case HealthQuestion::recent_surgery:
            one("surgery-at", "Date of the surgery or injury, YYYY-MM-DD (blank: not known)",
                [](const std::string& a) { parse_calendar_date(a, "date"); });
            regions("surgery-region", "Where was the surgery or injury");
            break;
        case HealthQuestion::skin_condition:
            regions("skin-region", "Where is the skin condition or wound");
            break;
        default: break;
        }
    }
    regions("avoid-region", "An area the client asks to avoid ('none' if none)");
    one("preferred-pressure", "Preferred pressure (1 light .. 5 very-deep, blank: not asked)",
        [](const std::string& a) { parse_pressure(a, "pressure"); });
    if (!vm.count("notes-file"))
        one("notes", "Notes (blank for none)", [](const std::string&) {});
    HealthInput in = health_input(vm, clinic);
    std::string answers;
    for (const HealthQuestionSpec& q : health_questions())
        if (in.answers[static_cast<std::size_t>(q.question)] != Tri::unknown)
            answers += fmt::format("{}{} {}", answers.empty() ? "" : ", ", q.column,
                                   to_string(in.answers[static_cast<std::size_t>(q.question)]));
    p.say(fmt::format("\nHealth history for {} ({}): {}",
                      require_client(clinic, in.client_id, "client").name, in.client_id,
                      answers.empty() ? "no question answered" : answers));
    if (!p.confirm("Save it?"))
        throw Cancelled{};
}

// Given none of the command's options: on a terminal, every question is asked.
bool nothing_given(const po::variables_map& vm)
{
    po::options_description options;
    add_options(options);
    for (const auto& o : options.options())
        if (vm.count(o->long_name()))
            return false;
    return true;
}

void no_options(po::options_description&) {}

int show_run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    Client c = require_client(clinic, resolve_client(clinic, vm["client"].as<std::string>(), "CLIENT"),
                              "client");
    const ClinicClock& clock = clinic.clock();
    HealthStanding health = read_health(clinic, c.id, clock.now());
    out << fmt::format("Health history of {} (client {}), as it stands:\n", c.name, c.id);
    print_health(out, health, clock);
    if (health.entries.empty())
        return 0;
    out << "\nEntries, latest first:\n";
    for (auto e = health.entries.rbegin(); e != health.entries.rend(); ++e) {
        std::string answered;
        for (const HealthQuestionSpec& q : health_questions())
            if (e->answer(q.question) != Tri::unknown)
                answered += fmt::format("{}{} {}", answered.empty() ? "" : "; ", q.column,
                                        describe_answer(*e, q.question));
        if (e->avoid_regions)
            answered += fmt::format("{}avoid {}", answered.empty() ? "" : "; ",
                                    to_string(*e->avoid_regions));
        if (e->preferred_pressure)
            answered += fmt::format("{}preferred pressure {}", answered.empty() ? "" : "; ",
                                    *e->preferred_pressure);
        out << fmt::format("  {}  {} by {}: {}\n", e->id, clock.local_minutes(e->recorded_at),
                           visible(e->recorded_by), answered.empty() ? "notes only" : answered);
        if (e->notes)
            out << "      notes: " << visible(*e->notes) << '\n';
    }
    return 0;
}

} // namespace

std::int64_t enter_health(const po::variables_map& vm, Clinic& clinic)
{
    return add_health_entry(clinic, health_input(vm, clinic));
}

Command client_health_add_command()
{
    return {"client health add",
            "CLIENT [--anticoagulant yes|no] [--clot yes|no] [--pregnant yes|no "
            "[--pregnancy-week N]] [--diabetes yes|no] [--reduced-sensation yes|no "
            "[--sensation-region R]...] [--recent-surgery yes|no [--surgery-at DATE] "
            "[--surgery-region R]...] [--osteoporosis yes|no] [--high-blood-pressure yes|no] "
            "[--pacemaker yes|no] [--cancer-treatment yes|no] [--lymphoedema yes|no] "
            "[--skin-condition yes|no [--skin-region R]...] [--avoid-region R|none]... "
            "[--preferred-pressure P] [--notes TEXT|--notes-file FILE]",
            "Add a dated entry to a client's health history (a question left out is not asked); "
            "on a terminal, asks each question.",
            Access::write, add_options, {"client"}, add_run, nullptr, add_prompt, nothing_given};
}

Command client_health_show_command()
{
    return {"client health show", "CLIENT",
            "Show what stands of a client's health history, and every entry.", Access::read,
            no_options, {"client"}, show_run};
}

} // namespace massagelog::app
