#pragma once
// The referral letter as FHIR R4 (4.0.1): a `document` Bundle a clinic
// system can import. docs/reports.md maps it resource by resource.

#include "massagelog/reports/referral.hpp"

#include <nlohmann/json.hpp>

namespace massagelog {

// Composition first (LOINC 57133-1 "Referral note"), then the Patient, a
// Practitioner per therapist, the Organization, an Encounter and a
// Procedure per session, an Observation per reaction report, a Flag per
// flag referred for and the ServiceRequest (intent proposal, SNOMED CT
// 3457005 "Patient referral") whose reasons are the observations. Ids are
// urn:uuid values derived from the client, the letter's time and the
// record, so the same letter gives the same Bundle; members in the order
// the FHIR specification shows them (resourceType first).
nlohmann::ordered_json referral_bundle(const Referral& referral, const ClinicClock& clock);

// The client's whole record as a FHIR R4 `collection` Bundle, to move the
// client to another system: the same resources as a referral's for every
// session (a voided one entered-in-error), report and flag (a cleared or
// dismissed one inactive), without the Composition and the request;
// `clinic_name` (clinic.name) names the Organization.
nlohmann::ordered_json record_bundle(const ClientSummary& summary, const std::string& clinic_name,
                                     const ClinicClock& clock);

} // namespace massagelog
