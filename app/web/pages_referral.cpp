// The referral letter from the web: /clients/ID/referral.pdf, .html or
// .json (the FHIR R4 document), as `massagelog referral` writes it,
// downloaded and audited as an export.
// ?flag=RULE:EVIDENCE (repeatable) names the flags, as --flag does.

#include "web/site.hpp"

#include <massagelog/reports/fhir.hpp>
#include <massagelog/reports/pdf.hpp>
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
    const std::string format = call.http.matches[2];
    const bool pdf = format == "pdf";
    ReferralRequest request;
    for (std::size_t i = 0; i < call.http.get_param_value_count("flag"); ++i)
        request.flags.push_back(call.http.get_param_value("flag", i));
    Referral letter = build_referral(call.clinic, id, request);
    std::string bytes;
    if (format == "json") {
        bytes = referral_bundle(letter, call.clinic.clock()).dump(2) + "\n";
    } else {
        std::ostringstream xhtml;
        render_referral_html(letter, call.clinic.clock(), xhtml);
        // Printed before anything is audited: a PDF that fails is not an export.
        bytes = pdf ? print_pdf(xhtml.str()) : xhtml.str();
    }
    const std::string kind = format == "json" ? "fhir" : format;
    ExportRecord record{"referral " + kind, id, {{"via", "web"}}};
    std::ostringstream out;
    write_export(call.clinic, std::nullopt, Overwrite::no, out, record,
                 [&](std::ostream& to) { to << bytes; });
    res.set_header("Content-Disposition",
                   fmt::format("attachment; filename=\"referral-{}.{}\"", id, format));
    res.set_content(out.str(), pdf                ? "application/pdf"
                               : format == "json" ? "application/fhir+json; charset=utf-8"
                                                  : "application/xhtml+xml; charset=utf-8");
}

} // namespace massagelog::web
