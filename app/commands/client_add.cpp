// massagelog client add --name N [--phone] [--email] [--birth-date] [--notes]

#include "../command.hpp"
#include "../entries.hpp"

#include "../prompt.hpp"

#include <massagelog/records/people.hpp>

#include <fmt/format.h>

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("name", po::value<std::string>()->required()->value_name("NAME"), "the client's full name")(
        "phone", po::value<std::string>()->value_name("PHONE"), "phone number")("email", po::value<std::string>()->value_name("EMAIL"),
                                                           "e-mail address")(
        "birth-date", po::value<std::string>()->value_name("YYYY-MM-DD"), "date of birth");
    add_notes_options(o, "notes: health history, preferences");
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    auto id = enter_client(vm, clinic);
    out << "Added client " << id << ".\n";
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
