// massagelog session show ID

#include "../command.hpp"

#include <massagelog/core/error.hpp>
#include <massagelog/records/sessions.hpp>

#include <fmt/format.h>

namespace massagelog::app {

namespace {

void options(po::options_description&) {}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    auto id = id_value(vm["id"].as<std::string>(), "session ID");
    auto s = find_session(clinic, id);
    if (!s)
        throw InputError(fmt::format("session {}: no such session", id),
                         "see 'massagelog session list'");
    const ClinicClock& clock = clinic.clock();
    std::vector<std::pair<std::string, std::string>> fields = {
        {"session", std::to_string(s->id)},
        {"started", clock.local_minutes(s->started_at) + " " + clock.zone_name()},
        {"client", fmt::format("{} ({})", s->client_name, s->client_id)},
        {"therapist", fmt::format("{} ({})", s->therapist_name, s->therapist_id)},
        {"duration", fmt::format("{} min", s->duration_min)},
        {"technique", s->technique},
        {"pressure", fmt::format("{} {}", s->pressure, pressure_name(s->pressure))}};
    for (const auto& r : s->regions)
        fields.emplace_back("region", fmt::format("{} {}, pressure {}{}", r.region,
                                                  to_string(r.side), r.pressure,
                                                  r.focal ? ", focal" : ""));
    fields.emplace_back("notes", s->notes.value_or("-"));
    fields.emplace_back("entered by", s->created_by);
    if (s->voided_at)
        fields.emplace_back("VOIDED", clock.local_minutes(*s->voided_at) + ": " + *s->void_reason);
    print_fields(out, fields);
    return 0;
}

} // namespace

Command session_show_command()
{
    return {"session show", "ID", "Show one session with its regions.", Access::read, options,
            {"id"}, run};
}

} // namespace massagelog::app
