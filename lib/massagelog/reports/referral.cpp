#include "massagelog/reports/referral.hpp"

#include "massagelog/core/error.hpp"
#include "massagelog/reports/fhir.hpp"
#include "massagelog/reports/pdf.hpp"
#include "massagelog/reports/summary.hpp"
#include "massagelog/reports/summary_parts.hpp"
#include "massagelog/store/clinic.hpp"
#include "massagelog/store/settings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <sstream>

namespace massagelog {

namespace {

// The flags the letter is about: those named, else every refer flag that
// still guards (not cleared or dismissed).
std::vector<Flag> reasons(const ClientSummary& s, const ReferralRequest& request)
{
    std::vector<Flag> out;
    for (const std::string& named : request.flags) {
        auto colon = named.find(':');
        auto rule = named.substr(0, colon);
        auto key = colon == std::string::npos ? std::string() : named.substr(colon + 1);
        auto f = std::find_if(s.flags.begin(), s.flags.end(), [&](const Flag& g) {
            return g.rule == rule && g.evidence_key == key;
        });
        if (colon == std::string::npos || f == s.flags.end())
            throw InputError(fmt::format("--flag '{}': client {} has no such flag", named,
                                         s.client.id),
                             fmt::format("give RULE:EVIDENCE as 'massagelog flags --client {}' "
                                         "lists them, e.g. weakness:s1:shoulder:left",
                                         s.client.id))
                .about("--flag");
        if (std::find_if(out.begin(), out.end(), [&](const Flag& g) {
                return g.rule == f->rule && g.evidence_key == f->evidence_key;
            }) == out.end())
            out.push_back(*f);
    }
    if (request.flags.empty())
        for (const Flag& f : s.flags)
            if (f.level == Level::refer && !f.released())
                out.push_back(f);
    if (out.empty())
        throw InputError(fmt::format("client {} has no refer flag standing to refer for",
                                     s.client.id),
                         "name the flags to write about with --flag RULE:EVIDENCE");
    return out;
}

} // namespace

Referral build_referral(Clinic& clinic, std::int64_t client_id, const ReferralRequest& request)
{
    Referral r;
    r.to = request.to;
    r.clinic = get_setting(clinic.db(), "clinic.name");
    r.record = client_summary(clinic, client_id, request.as_of);
    ClientSummary& s = r.record;
    s.flags = reasons(s, request);

    // The look-back: from nerve.lookback_days before the first session
    // behind the flags (the work that may have caused them) to now.
    std::set<std::int64_t> behind;
    for (const Flag& f : s.flags)
        behind.insert(f.session_ids.begin(), f.session_ids.end());
    Instant first = s.as_of;
    for (const Session& session : s.sessions)
        if (behind.count(session.id))
            first = std::min(first, session.started_at);
    const auto lookback = std::chrono::days{get_int_setting(clinic.db(), "nerve.lookback_days")};
    const Instant from = first - lookback;
    r.lookback_from = clinic.clock().local_date(from);
    std::erase_if(s.sessions, [&](const Session& session) {
        return session.voided_at || session.started_at < from;
    });
    std::set<std::int64_t> kept;
    for (const Session& session : s.sessions) {
        kept.insert(session.id);
        if (std::find(r.therapists.begin(), r.therapists.end(), session.therapist_name) ==
            r.therapists.end())
            r.therapists.push_back(session.therapist_name);
    }
    std::erase_if(s.history.episodes,
                  [&](const Episode& e) { return !kept.count(e.session_id); });
    s.followups.clear();

    for (const Flag& f : s.flags) {
        if (f.region.empty())
            continue;
        std::string area = f.region + " " + std::string(to_string(f.side));
        if (std::find(r.paused.begin(), r.paused.end(), area) == r.paused.end())
            r.paused.push_back(area);
    }
    return r;
}

void render_referral_html(const Referral& referral, const ClinicClock& clock, std::ostream& out)
{
    summary_parts::render_referral(referral, clock, out);
}

ReferralFormat parse_referral_format(std::string_view text, std::string_view field)
{
    if (text == "html")
        return ReferralFormat::html;
    if (text == "pdf")
        return ReferralFormat::pdf;
    if (text == "fhir")
        return ReferralFormat::fhir;
    throw InputError(fmt::format("{} '{}' is not html, pdf or fhir", field, text)).about(field);
}

std::string referral_bytes(const Referral& referral, ReferralFormat format,
                           const ClinicClock& clock)
{
    if (format == ReferralFormat::fhir)
        return referral_bundle(referral, clock).dump(2) + "\n";
    std::ostringstream xhtml;
    render_referral_html(referral, clock, xhtml);
    return format == ReferralFormat::pdf ? print_pdf(xhtml.str()) : xhtml.str();
}

} // namespace massagelog
