// massagelog report list [--client ID] [--open]

#include "../command.hpp"

#include <massagelog/records/people.hpp>
#include "../records.hpp"

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("client", po::value<std::string>()->value_name("ID|NAME"), "only this client")(
        "open", po::bool_switch(), "only reactions not yet resolved");
    add_format_option(o);
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    Format format = format_option(vm);
    auto writer = list_writer(vm, out, report_columns(format));
    each_report(clinic, ReportFilter{opt_client(vm, "client", clinic), vm["open"].as<bool>()},
                [&](const Report& r) { writer->row(report_cells(r, clinic.clock(), format)); });
    writer->finish();
    return 0;
}

} // namespace

Command report_list_command()
{
    return {"report list", "[--client ID] [--open] [--format F]",
            "List reported reactions (of sessions not voided), by onset.", Access::read, options,
            {}, run};
}

} // namespace massagelog::app
