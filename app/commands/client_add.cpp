// massagelog client add --name NAME [--phone] [--email] [--birth-date] [--notes]

#include "../command.hpp"
#include "../entries.hpp"

#include "../prompt.hpp"

#include <massagelog/core/error.hpp>
#include <massagelog/records/people.hpp>

#include <fmt/format.h>

#include <iostream>

namespace massagelog::app {

void client_options(po::options_description& o, bool adding)
{
    auto name = po::value<std::string>()->value_name("NAME");
    if (adding)
        name->required();
    const char* cleared = adding ? "" : " (empty clears it)";
    o.add_options()("name", name, "the client's full name")(
        "phone", po::value<std::string>()->value_name("PHONE"),
        fmt::format("phone number{}", cleared).c_str())(
        "email", po::value<std::string>()->value_name("EMAIL"),
        fmt::format("e-mail address{}", cleared).c_str())(
        "birth-date", po::value<std::string>()->value_name("YYYY-MM-DD"),
        fmt::format("date of birth{}", cleared).c_str());
    add_notes_options(o, adding ? "notes: health history, preferences"
                                : "notes: health history, preferences (replace the notes)");
}

std::vector<std::string> enter_client_edit(const po::variables_map& vm, Clinic& clinic)
{
    auto id = resolve_client(clinic, vm["client"].as<std::string>(), "CLIENT");
    ClientChange change{opt_string(vm, "name"), opt_string(vm, "phone"), opt_string(vm, "email"),
                        opt_string(vm, "birth-date"), notes_value(vm)};
    if (!change.name && !change.phone && !change.email && !change.birth_date && !change.notes)
        throw InputError("nothing to change",
                         "give --name, --phone, --email, --birth-date or --notes");
    return edit_client(clinic, id, change);
}

std::string clients_also_named(Clinic& clinic, std::string_view name, std::int64_t other_than)
{
    std::string out;
    for (const Client& c : clients_named(clinic, name, other_than))
        out += fmt::format("{}client {} ({}{}{})", out.empty() ? "" : "; ", c.id, c.name,
                           c.phone ? ", " + *c.phone : "", c.archived_at ? ", archived" : "");
    return out;
}

namespace {

void options(po::options_description& o) { client_options(o, true); }

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    // Asked on a terminal, told otherwise.
    std::string others = clients_also_named(clinic, vm["name"].as<std::string>());
    if (!others.empty() && can_ask(vm)) {
        Prompter prompter(std::cin, std::cerr);
        prompter.say(fmt::format("The same name is already on {}.", others));
        if (!prompter.confirm("Add a new client anyway?"))
            throw Cancelled{};
    }
    auto id = enter_client(vm, clinic);
    out << "Added client " << id << ".\n";
    if (!others.empty() && !can_ask(vm))
        std::cerr << fmt::format("massagelog: warning: the same name is already on {}; if it is "
                                 "the same person, use that client and archive client {}\n",
                                 others, id);
    return 0;
}

void prompt(po::variables_map& vm, Clinic& clinic, Prompter& p)
{
    p.say("New client (Ctrl-D cancels; nothing is saved until you confirm).");
    std::string today = clinic.clock().local_date(clinic.clock().now());
    if (!vm.count("name"))
        set_option(vm, "name", p.ask("Full name", std::nullopt, [&](const std::string& a) {
            checked_client({a, {}, {}, {}, {}}, today, clinic.label());
        }));
    struct Optional {
        const char* option;
        const char* question;
    };
    for (auto [option, question] : {Optional{"phone", "Phone"}, Optional{"email", "E-mail"},
                                    Optional{"birth-date", "Birth date (YYYY-MM-DD)"}}) {
        if (vm.count(option))
            continue;
        auto a = p.ask(std::string(question) + " (blank to skip)", std::string(), [&](const std::string& a) {
            ClientInput probe{"x", {}, {}, {}, {}};
            std::string o(option);
            (o == "phone" ? probe.phone : o == "email" ? probe.email : probe.birth_date) = a;
            checked_client(probe, today, clinic.label());
        });
        if (!a.empty())
            set_option(vm, option, a);
    }
    if (!vm.count("notes") && !vm.count("notes-file")) {
        auto notes = p.ask("Notes (blank for none)", std::string(), [](const std::string&) {});
        if (!notes.empty())
            set_option(vm, "notes", notes);
    }
    auto shown = [&](const char* o) { return vm.count(o) ? vm[o].as<std::string>() : std::string("-"); };
    p.say(fmt::format("\nClient {}: phone {}, e-mail {}, born {}", shown("name"), shown("phone"),
                      shown("email"), shown("birth-date")));
    if (!p.confirm("Save it?"))
        throw Cancelled{};
}

} // namespace

std::int64_t enter_client(const po::variables_map& vm, Clinic& clinic)
{
    ClientInput input{vm["name"].as<std::string>(), opt_string(vm, "phone"),
                      opt_string(vm, "email"), opt_string(vm, "birth-date"), notes_value(vm)};
    return add_client(clinic, input);
}

Command client_add_command()
{
    return {"client add", "--name NAME [--phone PHONE] [--email EMAIL] [--birth-date YYYY-MM-DD] [--notes TEXT|--notes-file FILE]",
            "Add a client; on a terminal, asks for what is missing.", Access::write, options, {},
            run, nullptr, prompt};
}

} // namespace massagelog::app
