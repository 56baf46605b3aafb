// The referral letter from the web: /clients/ID/referral.pdf, .html or
// .json (the FHIR R4 document), as `massagelog referral` writes it,
// downloaded and audited as an export.
// ?flag=RULE:EVIDENCE (repeatable) names the flags, as --flag does.

#include "web/site.hpp"

#include <massagelog/reports/referral.hpp>
#include <massagelog/store/clinic.hpp>
#include <massagelog/store/output.hpp>

#include <fmt/format.h>

#include <sstream>

namespace massagelog::web {

void Site::referral(Call& call, httplib::Response& res)
{
    const std::int64_t id = path_id(call);
    known_client(call.clinic, id);
    const std::string format = call.http.matches[2]; // the file's extension
    const ReferralFormat as =
        format == "json" ? ReferralFormat::fhir : parse_referral_format(format, "format");
    ReferralRequest request;
    for (std::size_t i = 0; i < call.http.get_param_value_count("flag"); ++i)
        request.flags.push_back(call.http.get_param_value("flag", i));
    Referral letter = build_referral(call.clinic, id, request);
    const std::string bytes = referral_bytes(letter, as, call.clinic.clock());
    ExportRecord record{as == ReferralFormat::fhir ? "referral fhir" : "referral " + format, id,
                        {{"via", "web"}}};
    std::ostringstream out;
    write_export(call.clinic, std::nullopt, Overwrite::no, out, record,
                 [&](std::ostream& to) { to << bytes; });
    res.set_header("Content-Disposition",
                   fmt::format("attachment; filename=\"referral-{}.{}\"", id, format));
    res.set_content(out.str(), as == ReferralFormat::pdf    ? "application/pdf"
                               : as == ReferralFormat::fhir ? "application/fhir+json; charset=utf-8"
                                                            : "application/xhtml+xml; charset=utf-8");
}

} // namespace massagelog::web
