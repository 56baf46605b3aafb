#!/usr/bin/env python3
"""The health history on the web (SPEC 2, 3): the form for the front desk
and therapists, what the client page and the session form show, and a
session the health history rules out: refused (422) naming the region, the
answer and the rule, then saved with a reason, audited.

    test_health.py --binary PATH
"""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from webtest import Browser, json_of, run_suite  # noqa: E402

SESSION = {"client": "1", "therapist": "1", "at": "2026-11-21 09:00", "technique": "swedish",
           "pressure": "2"}


def test_form(check, clinic, port):
    desk, thera, owner = Browser(port), Browser(port), Browser(port)
    desk.login("desk")
    thera.login("thera")
    owner.login("owner")
    for who, b in [("front desk", desk), ("therapist", thera), ("owner", owner)]:
        status, _, page = b.get("/clients/1/health")
        check(status == 200 and 'name="clot"' in page and 'name="avoid-region"' in page,
              f"the {who} gets the health form ({status})")
    status, _, page = thera.get("/clients/1")
    check(status == 200 and "Health history" in page and "None recorded" in page,
          "the client page says no health history is recorded")

    before = clinic.counts()
    status, _, body = desk.post("/clients/1/health", {"pregnant": "no", "pregnancy-week": "12"},
                                json_answer=True)
    answer = json_of(body)
    check(status == 422 and answer.get("field") == "pregnancy-week" and
          "goes with pregnant yes" in answer.get("error", ""),
          f"a week without pregnant yes -> {status} {answer}")
    status, _, body = desk.post("/clients/1/health", {}, json_answer=True)
    check(status == 422 and "answers no question" in json_of(body).get("error", ""),
          f"an empty entry -> {status} {body}")
    status, _, page = desk.post("/clients/1/health", {"skin-condition": "yes",
                                                      "skin-region": "elbow"})
    check(status == 422 and "is not a known region" in page and 'value="elbow"' in page,
          "the HTML form says why and keeps what was typed")
    status, _, _ = desk.post("/clients/99/health", {"clot": "no"}, json_answer=True)
    check(status == 404, f"an unknown client's health -> {status}")
    check(clinic.counts() == before, "refusals wrote nothing")

    status, headers, _ = desk.post("/clients/1/health", {
        "clot": "yes", "anticoagulant": "yes", "high-blood-pressure": "yes",
        "avoid-region": "face, neck", "preferred-pressure": "2", "notes": "bruises easily"})
    check(status == 303 and headers.get("location") == "/clients/1?health=added",
          f"an entry is added -> {status} {headers.get('location')}")
    row = clinic.sql("SELECT clot, anticoagulant, pregnant, avoid_regions, recorded_by "
                     "FROM health_history ORDER BY id DESC LIMIT 1")[0]
    check(row == (1, 1, None, "face:midline neck:midline", "desk"),
          f"stored with not asked as NULL: {row}")
    audit = clinic.sql("SELECT actor, detail FROM audit_log WHERE entity = 'health' "
                       "ORDER BY id DESC LIMIT 1")[0]
    check(audit[0] == "desk" and "bruises" not in audit[1] and '"clot"' in audit[1],
          f"audited by what was asked, not the answers: {audit}")
    status, _, body = thera.post("/clients/1/health", {"diabetes": "no"}, json_answer=True)
    check(status == 201 and "id" in json_of(body), f"a therapist adds an entry -> {status}")

    status, _, page = thera.get("/clients/1")
    check("deep vein thrombosis or a clot, ever or suspected now" in page and
          "face:midline neck:midline" in page, "the client page shows what stands")
    status, _, page = thera.get("/sessions/new?client=1")
    check(status == 200 and 'id="health-h"' in page and "anticoagulant" in page and
          "Not asked:" in page and "pregnant" in page,
          "the session form shows the health history, and what was not asked")
    check('name="despite-contraindication"' in page and page.count('name="reason"') == 1,
          "with one checkbox and one reason to go ahead anyway")


def test_session(check, clinic, port):
    thera = Browser(port)
    thera.login("thera")
    before = clinic.counts()
    status, _, body = thera.post("/sessions", dict(SESSION, region=["calf:left", "face"]),
                                 json_answer=True)
    answer = json_of(body)
    error = answer.get("error", "")
    check(status == 422 and answer.get("field") == "region" and
          "calf:left:2 (clot: no work on the thigh, calf, shin or foot; clot yes" in error and
          "face:midline:2 (local: the client asked that it be avoided" in error,
          f"a session the health history rules out -> {status} {answer}")
    status, _, body = thera.post("/sessions", dict(SESSION, region=["upper-back:3"]),
                                 json_answer=True)
    check(status == 422 and "anticoagulant: pressure above 2" in json_of(body).get("error", ""),
          f"firm pressure for an anticoagulated client -> {status} {body}")
    status, _, body = thera.post("/sessions", dict(SESSION, region=["calf:left"], **{
        "despite-contraindication": "yes"}), json_answer=True)
    check(status == 422 and json_of(body).get("field") == "reason",
          f"going ahead without a reason -> {status} {body}")
    status, _, page = thera.post("/sessions", dict(SESSION, region=["calf:left"]))
    check(status == 422 and "contraindicated by the client" in page and
          'name="despite-contraindication"' in page, "the HTML form says why, with the checkbox")
    check(clinic.counts() == before, "refusals wrote nothing")

    status, _, body = thera.post("/sessions", dict(SESSION, region=["calf:left"], **{
        "despite-contraindication": "yes", "reason": "Dr Lee cleared the legs"}),
        json_answer=True)
    check(status == 201, f"saved with a reason -> {status} {body}")
    detail = clinic.sql("SELECT detail FROM audit_log WHERE entity = 'session' ORDER BY id DESC "
                        "LIMIT 1")[0][0]
    check('"despite_contraindications"' in detail and "Dr Lee cleared the legs" in detail,
          f"audited with what it overrode: {detail}")
    status, _, body = thera.post("/sessions", dict(SESSION, region=["upper-back:2"]),
                                 json_answer=True)
    check(status == 201, f"moderate pressure on the back (a caution only) -> {status} {body}")


def main():
    return run_suite("web health", [test_form, test_session], demo=False)


if __name__ == "__main__":
    sys.exit(main())
