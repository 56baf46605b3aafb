// massagelog therapist add --name N [--licence L]

#include "../command.hpp"

#include <massagelog/records/people.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("name", po::value<std::string>()->required()->value_name("NAME"), "the therapist's full name")(
        "licence", po::value<std::string>()->value_name("NUMBER"), "licence or registration number");
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    auto id = add_therapist(clinic, {vm["name"].as<std::string>(), opt_string(vm, "licence")});
    out << "Added therapist " << id << ".\n";
    return 0;
}

} // namespace

Command therapist_add_command()
{
    return {"therapist add", "--name NAME [--licence NUMBER]", "Add a therapist.", Access::write, options,
            {}, run};
}

} // namespace massagelog::app
