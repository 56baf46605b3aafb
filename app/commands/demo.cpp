// massagelog demo [--clients N] [--sessions N] [--reports N] [--seed S]

#include "../command.hpp"

#include <massagelog/demo/demo.hpp>
#include <massagelog/store/settings.hpp>
#include <massagelog/store/config.hpp>
#include <massagelog/core/values.hpp>

#include <iostream>
#include <unistd.h>

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("clients", po::value<std::string>()->value_name("N"), "clients (default 40)")(
        "sessions", po::value<std::string>()->value_name("N"), "sessions (default 400)")(
        "reports", po::value<std::string>()->value_name("N"),
        "reaction reports (default 3 in 10 sessions)")(
        "seed", po::value<std::string>()->value_name("S"), "random seed (default 1)");
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    DemoOptions d;
    if (auto v = opt_string(vm, "clients"))
        d.clients = parse_int(*v, "--clients", 1, 10'000'000);
    if (auto v = opt_string(vm, "sessions"))
        d.sessions = parse_int(*v, "--sessions", 0, 100'000'000);
    if (auto v = opt_string(vm, "reports"))
        d.reports = parse_int(*v, "--reports", 0, 100'000'000);
    if (auto v = opt_string(vm, "seed"))
        d.seed = static_cast<std::uint64_t>(parse_int(*v, "--seed", 0, INT64_MAX));
    bool show_progress = isatty(STDERR_FILENO) && d.sessions >= 100'000;
    auto counts = generate_demo(clinic, d, [&](std::int64_t done, std::int64_t total) {
        if (show_progress)
            std::cerr << "\rdemo: " << done << " of " << total << " sessions" << std::flush;
    });
    if (show_progress)
        std::cerr << '\n';
    // Only once the clinic is written, so a refused demo changes nothing.
    settle_clinic_zone(clinic, MachineZone::ignore);
    out << "Demo clinic in " << clinic.path() << ": " << counts.therapists << " therapists, "
        << counts.clients << " clients, " << counts.sessions << " sessions ("
        << counts.session_regions << " regions worked), " << counts.reports << " reaction reports, "
        << counts.followups << " follow-up calls.\n";
    return 0;
}

} // namespace

Command demo_command()
{
    return {"demo", "[--clients N] [--sessions N] [--reports N] [--seed S]",
            "Fill an empty database with a realistic demo clinic (same seed, same clinic).",
            Access::create, options, {}, run};
}

} // namespace massagelog::app
