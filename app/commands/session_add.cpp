// massagelog session add --client ID --therapist ID --at TIME --technique T --pressure P ...

#include "../command.hpp"

#include <massagelog/sessions.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("client", po::value<std::string>()->required()->value_name("ID"), "the client")(
        "therapist", po::value<std::string>()->required()->value_name("ID"), "the therapist")(
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
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    SessionInput in;
    in.client_id = req_id(vm, "client");
    in.therapist_id = req_id(vm, "therapist");
    in.started_at = *opt_time(vm, "at", clinic);
    in.technique = vm["technique"].as<std::string>();
    in.pressure = parse_pressure(vm["pressure"].as<std::string>(), "--pressure");
    if (auto d = opt_string(vm, "duration"))
        in.duration_min = static_cast<int>(parse_int(*d, "--duration", 5, 480));
    if (vm.count("region"))
        for (const auto& r : vm["region"].as<std::vector<std::string>>())
            in.regions.push_back(parse_region_spec(r, "--region", RegionExtras::side_pressure_focal));
    in.notes = notes_value(vm);
    auto id = add_session(clinic, in);
    out << "Added session " << id << ".\n";
    return 0;
}

} // namespace

Command session_add_command()
{
    return {"session add",
            "--client ID --therapist ID --at TIME --technique T --pressure P [--duration MIN] "
            "[--region R[:SIDE][:PRESSURE][:focal]]... [--notes TEXT]",
            "Record a massage session and the regions it worked.", Access::write, options, {}, run};
}

} // namespace massagelog::app
