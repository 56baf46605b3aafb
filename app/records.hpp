#pragma once
// How sessions and reports appear in lists, shared by the list and show
// commands.

#include "output.hpp"

#include <massagelog/reports.hpp>
#include <massagelog/sessions.hpp>

namespace massagelog::app {

std::vector<std::string> session_columns();
std::vector<Cell> session_cells(const Session& s, const ClinicClock& clock, Format format);

std::vector<std::string> report_columns(Format format);
std::vector<Cell> report_cells(const Report& r, const ClinicClock& clock, Format format);

} // namespace massagelog::app
