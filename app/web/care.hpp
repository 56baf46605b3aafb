#pragma once
// What stands for a client at the point of care, as the web shows it: the
// standing flags and the health history at the top of the session form, the
// health history on the client's page, and the fields that let a session go
// ahead despite a flag or a contraindication.

#include "web/html.hpp"

#include <massagelog/records/health.hpp>
#include <massagelog/records/people.hpp>
#include <massagelog/rules/flag.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace massagelog::web {

// Whether a standing refer flag guards an area (recurrent guards none).
bool guards_an_area(const std::vector<Flag>& standing);

// The client and their standing flags, at the top of the session form.
std::string standing_html(const Client& c, const std::vector<Flag>& standing,
                          const ClinicClock& clock);

// The health history in brief for the session form: the yes answers, the
// areas to avoid, the preferred pressure, and the questions never asked
// (or that there is none), with a link to the health form.
std::string health_brief_html(const HealthStanding& health, std::int64_t client_id,
                              const ClinicClock& clock);

// The whole health history as it stands, for the client's page.
std::string health_table_html(const HealthStanding& health, std::int64_t client_id,
                              const ClinicClock& clock);

// The checkboxes that let a session work a flagged area (`flags`) or go
// ahead despite a contraindication (`contra`), with the one reason both
// share; nothing when neither applies.
std::string override_fields(bool flags, bool contra, const FormState& form);

} // namespace massagelog::web
