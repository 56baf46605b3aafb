// massagelog therapist list

#include "../command.hpp"

#include <massagelog/records/people.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description& o) { add_format_option(o); }

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    auto writer = list_writer(vm, out, {"id", "name", "licence", "active"});
    for (const Therapist& t : list_therapists(clinic))
        writer->row({Cell::num(t.id), Cell::str(t.name), Cell::opt(t.licence),
                     Cell::val(t.active ? "yes" : "no")});
    writer->finish();
    return 0;
}

} // namespace

Command therapist_list_command()
{
    return {"therapist list", "[--format F]", "List therapists.", Access::read, options, {}, run};
}

} // namespace massagelog::app
