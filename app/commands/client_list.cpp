// massagelog client list [--search TEXT] [--archived]

#include "../command.hpp"

#include <massagelog/records/people.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("search", po::value<std::string>()->value_name("TEXT"), "only names, phones or e-mails containing TEXT")(
        "archived", po::bool_switch(), "include archived clients");
    add_format_option(o);
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    Format format = format_option(vm);
    auto writer = list_writer(vm, out,
                              {"id", "name", "phone", "email", "birth_date", "archived_at"});
    each_client(clinic, opt_string(vm, "search").value_or(""),
                vm["archived"].as<bool>() ? IncludeArchived::yes : IncludeArchived::no,
                [&](const Client& c) {
                    writer->row({Cell::num(c.id), Cell::str(c.name), Cell::opt(c.phone),
                                 Cell::opt(c.email),
                                 c.birth_date ? Cell::val(*c.birth_date) : Cell::null(),
                                 c.archived_at ? Cell::val(format == Format::table
                                                               ? clinic.clock().local_minutes(*c.archived_at)
                                                               : clinic.clock().local_iso(*c.archived_at))
                                               : Cell::null()});
                });
    writer->finish();
    return 0;
}

} // namespace

Command client_list_command()
{
    return {"client list", "[--search TEXT] [--archived] [--format F]",
            "List clients by name (archived ones with --archived).", Access::read, options, {},
            run};
}

} // namespace massagelog::app
