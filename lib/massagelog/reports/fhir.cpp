#include "massagelog/reports/fhir.hpp"

#include "massagelog/core/catalog.hpp"
#include "massagelog/reports/summary_parts.hpp"
#include "massagelog/store/audit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace massagelog {

namespace {

using json = nlohmann::ordered_json;

constexpr const char* k_snomed = "http://snomed.info/sct";

// A coded concept: the code only where it was checked against the code
// system (docs/reports.md lists each with its source), always the text.
json concept_of(std::string_view text, const char* system = nullptr, const char* code = nullptr,
                const char* display = nullptr)
{
    json c = {{"text", text}};
    if (system)
        c["coding"] = json::array({{{"system", system}, {"code", code}, {"display", display}}});
    return c;
}

json reaction_code(ReactionKind kind)
{
    switch (kind) {
    case ReactionKind::twitch:
        return concept_of("muscle twitching", k_snomed, "82470000", "Fasciculation");
    case ReactionKind::spasm:
        return concept_of("muscle spasm", k_snomed, "45352006", "Spasm");
    case ReactionKind::cramp:
        return concept_of("muscle cramp", k_snomed, "55300003", "Cramp");
    }
    return concept_of(to_string(kind));
}

json symptom_code(std::size_t i)
{
    if (i == static_cast<std::size_t>(Symptom::weakness))
        return concept_of("muscle weakness", k_snomed, "26544005", "Muscle weakness");
    if (i == static_cast<std::size_t>(Symptom::numbness))
        return concept_of("numbness", k_snomed, "44077006", "Numbness");
    return concept_of(symptom_label(i));
}

// The area worked or reported, as text ("shoulder, left"): the regions
// have no verified SNOMED CT body structure codes here yet.
json body_site(std::string_view region, Side side)
{
    return concept_of(fmt::format("{}, {}", region, to_string(side)));
}

// The side as BodyStructure.locationQualifier: the laterality codes of
// FHIR's "Bodystructure Location Qualifier" value set; the midline, which
// it has no code for, as text.
json laterality(Side side)
{
    switch (side) {
    case Side::left: return concept_of("left", k_snomed, "419161000", "Unilateral left");
    case Side::right: return concept_of("right", k_snomed, "419465000", "Unilateral right");
    case Side::both: return concept_of("both sides", k_snomed, "51440002", "Bilateral");
    case Side::midline: return concept_of("midline");
    }
    return concept_of(to_string(side));
}

// The R4 core extensions that point a Procedure, or any element, at the
// BodyStructure of its area.
constexpr const char* k_target_body_structure =
    "http://hl7.org/fhir/StructureDefinition/procedure-targetBodyStructure";
constexpr const char* k_body_site = "http://hl7.org/fhir/StructureDefinition/bodySite";

class Bundler {
public:
    // A referral's `document`, or (document false) the whole record of
    // r.record as a `collection`: no Composition and no request.
    Bundler(const Referral& r, const ClinicClock& clock, bool document)
        : m_r(r), m_clock(clock), m_document(document)
    {
        m_seed = fmt::format("massagelog {} client {} at {}", document ? "referral" : "record",
                             r.record.client.id, to_utc_text(r.record.as_of));
    }

    // "urn:uuid:..." for the record named `key`: the same each time.
    std::string url(const std::string& key) const
    {
        std::string h = sha256_hex(m_seed + " " + key);
        h[12] = '5';                                              // version 5: name-based
        h[16] = "89ab"[std::stoi(h.substr(16, 1), nullptr, 16) & 3]; // RFC 4122 variant
        return fmt::format("urn:uuid:{}-{}-{}-{}-{}", h.substr(0, 8), h.substr(8, 4),
                           h.substr(12, 4), h.substr(16, 4), h.substr(20, 12));
    }
    static json ref(const std::string& url) { return {{"reference", url}}; }
    std::string when(Instant t) const { return m_clock.local_iso(t); }

    void add(const std::string& url, json resource)
    {
        m_entries.push_back({{"fullUrl", url}, {"resource", std::move(resource)}});
    }

    json build();

private:
    // The Bundle: the entries added so far, then `resources`.
    json bundle(std::vector<std::pair<std::string, json>>& resources);
    // The BodyStructure of an area (region and side), added once.
    std::string body_structure(const std::string& patient, const std::string& region, Side side,
                               std::vector<std::pair<std::string, json>>& out)
    {
        const std::string key = fmt::format("body structure {} {}", region, to_string(side));
        const std::string u = url(key);
        if (m_structures.insert(key).second)
            out.emplace_back(u, json{{"resourceType", "BodyStructure"},
                                     {"location", concept_of(region)},
                                     {"locationQualifier", json::array({laterality(side)})},
                                     {"description", fmt::format("{}, {}", region,
                                                                 to_string(side))},
                                     {"patient", ref(patient)}});
        return u;
    }
    std::set<std::string> m_structures;

    const Referral& m_r;
    const ClinicClock& m_clock;
    bool m_document;
    std::string m_seed;
    json m_entries = json::array();
};

json Bundler::build()
{
    const ClientSummary& s = m_r.record;
    const Client& c = s.client;
    const std::string patient = url("patient"), org = url("organization");
    std::map<std::string, std::string> practitioners; // therapist name -> url
    for (const std::string& name : m_r.therapists)
        practitioners[name] = url("practitioner " + name);

    json sections = json::array();
    json flags = json::array(), procedures = json::array(), observations = json::array();
    std::vector<std::pair<std::string, json>> later;

    json pat = {{"resourceType", "Patient"},
                {"identifier", json::array({{{"system", "urn:massagelog:client"},
                                             {"value", std::to_string(c.id)}}})},
                {"name", json::array({{{"text", c.name}}})}};
    if (c.birth_date)
        pat["birthDate"] = *c.birth_date;
    if (c.phone)
        pat["telecom"] = json::array({{{"system", "phone"}, {"value", *c.phone}}});
    later.emplace_back(patient, pat);
    for (const auto& [name, u] : practitioners)
        later.emplace_back(u, json{{"resourceType", "Practitioner"},
                                   {"name", json::array({{{"text", name}}})}});
    later.emplace_back(org, json{{"resourceType", "Organization"},
                                 {"name", m_r.clinic.empty() ? "Massage therapy clinic"
                                                             : m_r.clinic}});

    std::map<std::int64_t, std::string> procedure_of;
    for (const Session& x : s.sessions) {
        const std::string enc = url(fmt::format("encounter {}", x.id));
        const std::string proc = url(fmt::format("procedure {}", x.id));
        procedure_of[x.id] = proc;
        json period = {{"start", when(x.started_at)},
                       {"end", when(x.started_at + std::chrono::minutes{x.duration_min})}};
        json performer = practitioners.count(x.therapist_name)
                             ? ref(practitioners[x.therapist_name])
                             : json{{"display", x.therapist_name}};
        later.emplace_back(
            enc, json{{"resourceType", "Encounter"},
                      {"identifier", json::array({{{"system", "urn:massagelog:session"},
                                                   {"value", std::to_string(x.id)}}})},
                      {"status", x.voided_at ? "entered-in-error" : "finished"},
                      {"class", {{"system", "http://terminology.hl7.org/CodeSystem/v3-ActCode"},
                                 {"code", "AMB"},
                                 {"display", "ambulatory"}}},
                      {"serviceType",
                       concept_of("massage therapy",
                                  "http://terminology.hl7.org/CodeSystem/service-type", "25",
                                  "Massage Therapy")},
                      {"subject", ref(patient)},
                      {"participant", json::array({{{"individual", performer}}})},
                      {"period", period},
                      {"serviceProvider", ref(org)}});
        json sites = json::array(), targets = json::array();
        for (const SessionRegion& r : x.regions) {
            sites.push_back(body_site(r.region, r.side));
            targets.push_back({{"url", k_target_body_structure},
                               {"valueReference", ref(body_structure(patient, r.region, r.side,
                                                                     later))}});
        }
        json proc_json = {{"resourceType", "Procedure"},
                          {"status", x.voided_at ? "entered-in-error" : "completed"},
                          {"code", concept_of(fmt::format("massage therapy, {}", x.technique))},
                          {"subject", ref(patient)},
                          {"encounter", ref(enc)},
                          {"performedPeriod", period},
                          {"performer", json::array({{{"actor", performer}}})},
                          {"note", json::array({{{"text", summary_parts::session_line(x, m_clock) +
                                                              "; " +
                                                              summary_parts::regions_text(x)}}})}};
        if (!sites.empty()) {
            proc_json["extension"] = targets;
            proc_json["bodySite"] = sites;
        }
        later.emplace_back(proc, proc_json);
        procedures.push_back(ref(proc));
    }

    for (const Episode& e : s.history.episodes) {
        for (const ReportFacts& r : e.reports) {
            const std::string obs = url(fmt::format("observation {}", r.id));
            json components = json::array();
            for (std::size_t i = 0; i < r.symptoms.values.size(); ++i)
                if (r.symptoms.values[i] != Tri::unknown)
                    components.push_back({{"code", symptom_code(i)},
                                          {"valueBoolean", r.symptoms.values[i] == Tri::yes}});
            json o = {{"resourceType", "Observation"},
                      {"identifier", json::array({{{"system", "urn:massagelog:report"},
                                                   {"value", std::to_string(r.id)}}})},
                      {"status", "final"},
                      {"code", reaction_code(r.kind)},
                      {"subject", ref(patient)},
                      {"effectiveDateTime", when(r.onset_at)},
                      {"issued", m_clock.local_iso(r.reported_at)},
                      {"valueInteger", r.severity},
                      {"bodySite", body_site(e.region->name, r.side)},
                      {"extension",
                       json::array({{{"url", k_body_site},
                                     {"valueReference",
                                      ref(body_structure(patient, e.region->name, r.side,
                                                         later))}}})},
                      {"note", json::array({{{"text", "severity on a scale of 1 to 10; " +
                                                          summary_parts::report_state(r)}}})}};
            if (procedure_of.count(e.session_id))
                o["partOf"] = json::array({ref(procedure_of[e.session_id])});
            if (!components.empty())
                o["component"] = components;
            later.emplace_back(obs, o);
            observations.push_back(ref(obs));
        }
    }

    for (const Flag& f : s.flags) {
        const std::string flag = url("flag " + f.rule + " " + f.evidence_key);
        later.emplace_back(flag, json{{"resourceType", "Flag"},
                                      {"status", f.released() ? "inactive" : "active"},
                                      {"code", concept_of(fmt::format("{} ({}): {}", f.rule,
                                                                      to_string(f.level),
                                                                      f.evidence))},
                                      {"subject", ref(patient)},
                                      {"period", {{"start", when(f.at)}}}});
        flags.push_back(ref(flag));
    }

    if (!m_document)
        return bundle(later);
    const std::string request = url("service request");
    std::string reasons;
    for (const Flag& f : s.flags)
        reasons += (reasons.empty() ? "" : " ") + std::string(f.guidance);
    json sr = {{"resourceType", "ServiceRequest"},
               {"status", "active"},
               {"intent", "proposal"},
               {"code", concept_of("referral to a physician", k_snomed, "3457005",
                                   "Patient referral")},
               {"subject", ref(patient)},
               {"authoredOn", when(s.as_of)},
               {"note", json::array({{{"text", reasons}}})}};
    if (!m_r.therapists.empty())
        sr["requester"] = ref(practitioners[m_r.therapists.front()]);
    if (m_r.to)
        sr["performer"] = json::array({{{"display", *m_r.to}}});
    if (!observations.empty())
        sr["reasonReference"] = observations;
    later.emplace_back(request, sr);

    auto section = [&](const char* title, const json& entries, const std::string& empty) {
        json sec = {{"title", title}};
        if (!entries.empty())
            sec["entry"] = entries;
        sec["text"] = {{"status", "generated"},
                       {"div", fmt::format("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>{}</p>"
                                           "</div>",
                                           entries.empty() ? empty
                                                           : fmt::format("{} entries", entries.size()))}};
        sections.push_back(sec);
    };
    section("Reasons for referral", flags, "none");
    section("Sessions", procedures, "no sessions in the look-back");
    section("Reactions", observations, "no reactions reported");
    section("Referral request", json::array({ref(request)}), "");

    json authors = json::array();
    for (const auto& [name, u] : practitioners)
        authors.push_back(ref(u));
    if (authors.empty())
        authors.push_back(ref(org));
    add(url("composition"),
        json{{"resourceType", "Composition"},
             {"status", "final"},
             {"type", concept_of("referral note", "http://loinc.org", "57133-1", "Referral note")},
             {"subject", ref(patient)},
             {"date", when(s.as_of)},
             {"author", authors},
             {"title", "Referral to a physician: " + c.name},
             {"custodian", ref(org)},
             {"section", sections}});
    return bundle(later);
}

json Bundler::bundle(std::vector<std::pair<std::string, json>>& resources)
{
    for (auto& [u, resource] : resources)
        add(u, std::move(resource));
    return json{{"resourceType", "Bundle"},
                {"identifier", {{"system", "urn:ietf:rfc:3986"}, {"value", url("bundle")}}},
                {"type", m_document ? "document" : "collection"},
                {"timestamp", m_clock.local_iso(m_r.record.as_of)},
                {"entry", m_entries}};
}

} // namespace

nlohmann::ordered_json referral_bundle(const Referral& referral, const ClinicClock& clock)
{
    return Bundler(referral, clock, true).build();
}

nlohmann::ordered_json record_bundle(const ClientSummary& summary, const std::string& clinic_name,
                                     const ClinicClock& clock)
{
    Referral whole;
    whole.record = summary;
    whole.clinic = clinic_name;
    for (const Session& x : summary.sessions)
        if (std::find(whole.therapists.begin(), whole.therapists.end(), x.therapist_name) ==
            whole.therapists.end())
            whole.therapists.push_back(x.therapist_name);
    return Bundler(whole, clock, false).build();
}

} // namespace massagelog
