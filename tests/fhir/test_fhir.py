#!/usr/bin/env python3
"""The referral and the client's record as FHIR R4, validated offline: the
demo clinic's referral documents for ten clients (each with a refer flag,
else its first flag named with --flag) and their whole records (export
fhir) pass tests/fhir/validate.js with no error; planted errors (an
Observation without its status, a reference to nothing) are caught.

    test_fhir.py --binary PATH --node-modules DIR
"""

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
NOW = "2026-11-21T15:00:00Z"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--node-modules", required=True)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="massagelog-fhir-") as work:
        env = dict(os.environ, MASSAGELOG_NOW=NOW, MASSAGELOG_USER="tester", TZ="UTC",
                   NODE_PATH=os.path.abspath(args.node_modules))
        db = os.path.join(work, "clinic.db")

        def run(*argv):
            return subprocess.run([os.path.abspath(args.binary), "--db", db, *argv], env=env,
                                  capture_output=True, text=True, check=True).stdout

        run("--tz", "America/New_York", "demo", "--seed", "1")
        flags = list(csv.DictReader(io.StringIO(run("flags", "--format", "csv"))))
        by_client = {}
        for f in flags:
            by_client.setdefault(int(f["client_id"]), []).append(f)
        bundles = []
        for client in sorted(by_client)[:10]:
            refer = [f for f in by_client[client] if f["level"] == "refer"]
            named = [] if refer else ["--flag", f"{by_client[client][0]['rule']}:"
                                                f"{by_client[client][0]['evidence_key']}"]
            path = os.path.join(work, f"referral-{client}.json")
            run("referral", str(client), "--format", "fhir", "--to", "Dr Ada Lee", *named,
                "-o", path)
            bundles.append(path)
            record = os.path.join(work, f"record-{client}.json")
            run("export", "fhir", str(client), "-o", record)
            bundles.append(record)
        if len(bundles) != 20:
            print(f"FAIL the demo clinic gave {len(bundles) // 2} clients with flags, not 10")
            return 1
        kinds = set()
        for path in bundles:
            with open(path, encoding="utf-8") as f:
                kinds |= {e["resource"]["resourceType"] for e in json.load(f)["entry"]}
        wanted = {"Composition", "Patient", "Practitioner", "Organization", "Encounter",
                  "Procedure", "Observation", "Flag", "ServiceRequest", "BodyStructure"}
        if not wanted <= kinds:
            print(f"FAIL the Bundles lack {sorted(wanted - kinds)}")
            return 1

        validate = ["node", os.path.join(HERE, "validate.js")]
        good = subprocess.run(validate + bundles, env=env, capture_output=True, text=True)
        print(good.stdout, end="")
        if good.returncode != 0:
            print(f"FAIL the referral Bundles do not validate: {good.stderr}")
            return 1

        # A planted error in a copy of the first: each must be caught.
        with open(bundles[1], encoding="utf-8") as f:
            bundle = json.load(f)
        observation = next(e["resource"] for e in bundle["entry"]
                           if e["resource"]["resourceType"] == "Observation")
        del observation["status"]
        bundle["entry"][0]["resource"]["subject"] = {"reference": "urn:uuid:no-such-entry"}
        planted = os.path.join(work, "planted.json")
        with open(planted, "w", encoding="utf-8") as f:
            json.dump(bundle, f)
        bad = subprocess.run(validate + [planted], env=env, capture_output=True, text=True)
        if bad.returncode == 0 or "Observation.status" not in bad.stdout or \
                "urn:uuid:no-such-entry: not in the Bundle" not in bad.stdout:
            print(f"FAIL the planted errors were not both caught:\n{bad.stdout}{bad.stderr}")
            return 1
        for path in bundles:
            with open(path, encoding="utf-8") as f:
                kind = json.load(f)["type"]
            if kind != ("document" if "referral-" in path else "collection"):
                print(f"FAIL {path} is a {kind} Bundle")
                return 1
        print(f"fhir: 10 referral documents and 10 client records valid "
              f"({', '.join(sorted(kinds))}); the planted errors caught")
    return 0


if __name__ == "__main__":
    sys.exit(main())
