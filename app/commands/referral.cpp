// massagelog referral CLIENT [--flag RULE:EVIDENCE]... [--to TEXT]
//     [--format html|pdf|fhir] [-o FILE [--force]] [--as-of TIME]

#include "../command.hpp"

#include <massagelog/core/error.hpp>
#include <massagelog/records/people.hpp>
#include <massagelog/reports/referral.hpp>

#include <fmt/format.h>


namespace massagelog::app {

namespace {

void options(po::options_description& o)
{
    o.add_options()("flag", po::value<std::vector<std::string>>()->composing()->value_name(
                                "RULE:EVIDENCE"),
                    "a flag to refer for, as 'flags --client' lists it (repeatable); default "
                    "every refer flag not cleared or dismissed")(
        "to", po::value<std::string>()->value_name("TEXT"),
        "the physician or practice the letter is addressed to")(
        "format", po::value<std::string>()->value_name("html|pdf|fhir"),
        "html (default): one self-contained XHTML file; pdf: A4 through WeasyPrint; fhir: a FHIR "
        "R4 document Bundle (JSON)")(
        "as-of", po::value<std::string>()->value_name("TIME"), "the letter as it stood at TIME");
    add_output_option(o, "write to FILE (mode 0600, audited); needed for pdf");
}

int run(const po::variables_map& vm, Clinic& clinic, std::ostream& out)
{
    auto id = resolve_client(clinic, vm["client"].as<std::string>(), "CLIENT");
    const std::string format = opt_string(vm, "format").value_or("html");
    const ReferralFormat as = parse_referral_format(format, "--format");
    if (as == ReferralFormat::pdf && !opt_string(vm, "output"))
        throw InputError("--format pdf writes a file: give -o FILE").about("--output");
    ReferralRequest request;
    if (vm.count("flag"))
        request.flags = vm["flag"].as<std::vector<std::string>>();
    request.to = opt_string(vm, "to");
    request.as_of = opt_time(vm, "as-of", clinic);
    Referral referral = build_referral(clinic, id, request);
    const std::string bytes = referral_bytes(referral, as, clinic.clock());
    write_output(vm, clinic, out, "referral " + format, id,
                 [&](std::ostream& to) { to << bytes; });
    return 0;
}

} // namespace

Command referral_command()
{
    return {"referral",
            "CLIENT [--flag RULE:EVIDENCE]... [--to TEXT] [--format html|pdf|fhir] [-o FILE "
            "[--force]] "
            "[--as-of TIME]",
            "The referral letter to a physician: the refer flags with their evidence, guidance and "
            "source, the sessions and reactions in the look-back, the health history, and the "
            "areas the clinic has paused.",
            Access::read, options, {"client"}, run, "output"};
}

} // namespace massagelog::app
