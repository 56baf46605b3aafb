// massagelog flags review RULE CLIENT EVIDENCE --action acknowledged|referred|dismissed [--note]

#include "../command.hpp"
#include "../entries.hpp"

#include <massagelog/records/people.hpp>

#include <massagelog/rules/flags.hpp>

namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("action", po::value<std::string>()->required()->value_name("A"),
                    "acknowledged, referred or dismissed")("note", po::value<std::string>()->value_name("TEXT"),
                                                           "what was decided and why");
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    auto review = enter_review(vm, clinic);
    out << "Recorded: " << review.rule << " flag for client " << review.client_id << " ["
        << review.evidence << "] " << to_string(review.action) << ".\n";
    return 0;
}

} // namespace

EnteredReview enter_review(const po::variables_map& vm, Clinic& clinic)
{
    EnteredReview r{vm["rule"].as<std::string>(),
                    resolve_client(clinic, vm["client"].as<std::string>(), "CLIENT"),
                    vm["evidence"].as<std::string>(),
                    parse_enum<ReviewAction>(vm["action"].as<std::string>(), "--action")};
    review_flag(clinic, r.rule, r.client_id, r.evidence, r.action, opt_string(vm, "note"));
    return r;
}

Command flags_review_command()
{
    return {"flags review", "RULE CLIENT EVIDENCE --action acknowledged|referred|dismissed [--note TEXT]",
            "Record a review of a flag (audited); it stays visible with its review.",
            Access::write, options, {"rule", "client", "evidence"}, run};
}

} // namespace massagelog::app
