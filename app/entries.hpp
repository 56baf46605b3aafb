#pragma once
// What the entry commands read from their options and write through lib:
// shared by the command line and the web's forms, whose fields are named
// like the options (SPEC 8). Each throws InputError naming the option.

#include "command.hpp"

#include <massagelog/records/sessions.hpp>
#include <massagelog/rules/flag.hpp>

#include <cstdint>
#include <string>

namespace massagelog::app {

// session add: the session the options describe, for add_session.
SessionInput session_input(const po::variables_map& vm, Clinic& clinic);
std::int64_t enter_report(const po::variables_map& vm, Clinic& clinic);  // report add
std::int64_t enter_client(const po::variables_map& vm, Clinic& clinic);  // client add
std::int64_t enter_health(const po::variables_map& vm, Clinic& clinic);  // client health add
// client add's options (--name required) and client edit's (each optional).
void client_options(po::options_description& o, bool adding);
// client edit: the fields that changed.
std::vector<std::string> enter_client_edit(const po::variables_map& vm, Clinic& clinic);
// The other clients of the same name (as name lookups match it), for a
// warning: "client 2 (María García, +1 555 0101, archived); client 5 (…)",
// or empty. A second client of the same name is most often the first again.
std::string clients_also_named(Clinic& clinic, std::string_view name, std::int64_t other_than = 0);
std::int64_t enter_call(const po::variables_map& vm, Clinic& clinic);    // followup log
// user add, with the password the front end asked for.
std::int64_t enter_user(const po::variables_map& vm, const std::string& password, Clinic& clinic);

struct EnteredReview {
    std::string rule;
    std::int64_t client_id = 0;
    std::string evidence;
    ReviewAction action = ReviewAction::acknowledged;
};
EnteredReview enter_review(const po::variables_map& vm, Clinic& clinic); // flags review

} // namespace massagelog::app
