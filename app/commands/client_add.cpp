// massagelog client add --name N [--phone] [--email] [--birth-date] [--notes]

#include "../command.hpp"

#include <massagelog/people.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("name", po::value<std::string>()->required(), "the client's full name")(
        "phone", po::value<std::string>(), "phone number")("email", po::value<std::string>(),
                                                           "e-mail address")(
        "birth-date", po::value<std::string>()->value_name("YYYY-MM-DD"), "date of birth");
    add_notes_options(o, "notes: health history, preferences");
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    ClientInput input{vm["name"].as<std::string>(), opt_string(vm, "phone"),
                      opt_string(vm, "email"), opt_string(vm, "birth-date"), notes_value(vm)};
    auto id = add_client(clinic, input);
    out << "Added client " << id << ".\n";
    return 0;
}

} // namespace

Command client_add_command()
{
    return {"client add", "--name N [--phone P] [--email E] [--birth-date D] [--notes TEXT]",
            "Add a client.", Access::write, options, {}, run};
}

} // namespace massagelog::app
