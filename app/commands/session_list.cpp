// massagelog session list [--client ID] [--therapist ID] [--from TIME] [--to TIME]

#include "../command.hpp"

#include <massagelog/records/people.hpp>
#include "../records.hpp"

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("client", po::value<std::string>()->value_name("ID|NAME"), "only this client")(
        "therapist", po::value<std::string>()->value_name("ID|NAME"), "only this therapist")(
        "from", po::value<std::string>()->value_name("TIME"), "sessions starting at or after TIME")(
        "to", po::value<std::string>()->value_name("TIME"),
        "sessions starting before TIME (a bare date includes that day)")(
        "no-voided", po::bool_switch(), "leave out voided sessions");
    add_format_option(o);
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    Format format = format_option(vm);
    SessionFilter filter{opt_client(vm, "client", clinic), opt_therapist(vm, "therapist", clinic),
                         opt_time(vm, "from", clinic),
                         opt_time(vm, "to", clinic, DateMeans::end_of_day),
                         !vm["no-voided"].as<bool>()};
    auto writer = list_writer(vm, out, session_columns());
    each_session(clinic, filter,
                 [&](const Session& s) { writer->row(session_cells(s, clinic.clock(), format)); });
    writer->finish();
    return 0;
}

} // namespace

Command session_list_command()
{
    return {"session list",
            "[--client ID] [--therapist ID] [--from TIME] [--to TIME] [--no-voided] [--format F]",
            "List sessions, oldest first.", Access::read, options, {}, run};
}

} // namespace massagelog::app
