// massagelog user list

#include "../command.hpp"

#include <massagelog/access/accounts.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description& o) { add_format_option(o); }

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    auto writer = list_writer(vm, out, {"id", "name", "role", "therapist_id", "created", "disabled"});
    for (const User& u : list_users(clinic))
        writer->row({Cell::num(u.id), Cell::str(u.name), Cell::val(std::string(to_string(u.role))),
                     u.therapist_id ? Cell::num(*u.therapist_id) : Cell::null(),
                     Cell::val(clinic.clock().local_minutes(u.created_at)),
                     u.disabled_at ? Cell::val(clinic.clock().local_minutes(*u.disabled_at))
                                   : Cell::null()});
    writer->finish();
    return 0;
}

} // namespace

Command user_list_command()
{
    return {"user list", "[--format F]", "List web accounts.", Access::read, options, {}, run};
}

} // namespace massagelog::app
