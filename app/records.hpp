#pragma once
// How sessions and reports appear in lists, shared by the list and show
// commands.

#include "rows.hpp"

#include <massagelog/rules/flags.hpp>
#include <massagelog/records/health.hpp>
#include <massagelog/records/reactions.hpp>
#include <massagelog/records/sessions.hpp>

namespace massagelog::app {

std::vector<std::string> session_columns();
std::vector<Cell> session_cells(const Session& s, const ClinicClock& clock, Format format);

std::vector<std::string> report_columns(Format format);
std::vector<Cell> report_cells(const Report& r, const ClinicClock& clock, Format format);

std::vector<std::string> flag_columns();
std::vector<Cell> flag_cells(const Flag& f, const ClinicClock& clock, Format format);
// A flag as a block of lines for people: level, rule, client, evidence,
// guidance, source and review.
// With `colour`, the level is red (refer) or yellow (watch).
// The flags that stand for a client as a session is entered: a heading,
// then a line each (level, rule, key, evidence, the review if any).
void print_standing_flags(std::ostream& out, const std::vector<Flag>& standing,
                          const ClinicClock& clock);

// The contraindication check of a session as it is entered: each block
// (gone ahead with a reason) and warning with its guidance, then the
// questions the health history never asked (or that there is none).
void print_contraindications(std::ostream& out, const ContraCheck& check, std::int64_t client_id);

// What stands of a client's health history, a line per question with the
// date of its answer.
void print_health(std::ostream& out, const HealthStanding& health, const ClinicClock& clock);

// Long lines wrap to `width` columns (0: unwrapped, for a pipe).
void print_flag(std::ostream& out, const Flag& f, const ClinicClock& clock, bool colour = false,
                std::size_t width = 0);

} // namespace massagelog::app
