// massagelog flags review RULE CLIENT EVIDENCE --action acknowledged|referred|dismissed [--note]

#include "../command.hpp"

#include <massagelog/records/people.hpp>

#include <massagelog/rules/flags.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("action", po::value<std::string>()->required()->value_name("A"),
                    "acknowledged, referred or dismissed")("note", po::value<std::string>(),
                                                           "what was decided and why");
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    const auto& rule = vm["rule"].as<std::string>();
    auto client = resolve_client(clinic, vm["client"].as<std::string>(), "CLIENT");
    const auto& evidence = vm["evidence"].as<std::string>();
    auto action = parse_enum<ReviewAction>(vm["action"].as<std::string>(), "--action");
    review_flag(clinic, rule, client, evidence, action, opt_string(vm, "note"));
    out << "Recorded: " << rule << " flag for client " << client << " [" << evidence << "] "
        << to_string(action) << ".\n";
    return 0;
}

} // namespace

Command flags_review_command()
{
    return {"flags review", "RULE CLIENT EVIDENCE --action acknowledged|referred|dismissed [--note TEXT]",
            "Record a review of a flag (audited); it stays visible with its review.",
            Access::write, options, {"rule", "client", "evidence"}, run};
}

} // namespace massagelog::app
