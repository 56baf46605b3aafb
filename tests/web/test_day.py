#!/usr/bin/env python3
"""A clinic day on the web (SPEC 8, "a day's work"): the body map's
per-region pressure and focal mark, the error summary of a refused form,
the owner's void and archive with their guards, no pre-selected review or
call outcome, one call row per client and session with its reasons in
words, a confirmation before an account is disabled, settings in words with
the time zone chosen from the tz database's places, the client picker (by
name whatever its case and accents, or by phone digits) and the report
form's recent sessions, the referral letter as a PDF or XHTML download,
and no links a role may not open.

    test_day.py --binary PATH
"""

import os
import re
import subprocess
import sys
import tempfile
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(__file__))
from webtest import Browser, json_of, run_suite  # noqa: E402

SESSION = {"client": "1", "therapist": "1", "at": "2026-11-21 09:00", "technique": "deep-tissue",
           "pressure": "2"}


def test_body_map(check, clinic, port):
    thera = Browser(port)
    thera.login("thera")
    status, _, page = thera.get("/sessions/new?client=1")
    check(status == 200 and 'name="region-pressure-shoulder"' in page and
          'name="region-focal-shoulder"' in page, "each region has its own pressure and focal box")

    # Both sides ticked, the region's own pressure and focal mark: one region.
    fields = list(SESSION.items()) + [("region", "shoulder:left"), ("region", "shoulder:right"),
                                      ("region-pressure-shoulder", "4"),
                                      ("region-focal-shoulder", "yes"), ("region", "neck:midline")]
    status, _, body = thera.post("/sessions", fields, json_answer=True)
    check(status == 201, f"a session from the map -> {status} {body}")
    sid = json_of(body)["id"]
    rows = clinic.sql("SELECT r.name, sr.side, sr.pressure, sr.focal FROM session_regions sr "
                      "JOIN regions r ON r.id = sr.region_id WHERE sr.session_id = ? "
                      "ORDER BY r.name", sid)
    check(rows == [("neck", "midline", 2, 0), ("shoulder", "both", 4, 1)],
          f"the shoulder on both sides at 4, focal; the neck at the session's 2: {rows}")

    before = clinic.counts()
    for fields, words in [
            (list(SESSION.items()), "no region is ticked"),
            (list(SESSION.items()) + [("region", "neck:midline"),
                                      ("region-pressure-calf", "4")],
             "calf has a pressure or focal mark but no side ticked")]:
        status, _, body = thera.post("/sessions", fields, json_answer=True)
        answer = json_of(body)
        check(status == 422 and answer.get("field") == "region" and words in answer["error"],
              f"refused: {words} -> {status} {answer}")
    check(clinic.counts() == before, "nothing written")


def test_error_summary(check, clinic, port):
    thera = Browser(port)
    thera.login("thera")
    fields = list(dict(SESSION, pressure="9").items()) + [("region", "calf:left")]
    status, _, page = thera.post("/sessions", fields)
    check(status == 422, f"a refused form -> {status}")
    summary = re.search(r'<div class="error-summary" id="f-errors" role="alert" tabindex="-1" '
                        r'autofocus><h2>Not saved</h2><p><a href="#f-pressure">', page)
    check(summary is not None, "the page opens on a focused summary linking to the field")
    check(page.index("error-summary") < page.index("<form class=\"entry\""), "above the form")
    check('aria-invalid="true" aria-describedby="f-pressure-error"' in page and
          'id="f-pressure-error"' in page, "the field says it is invalid and where the message is")
    check('value="calf:left" checked' in page, "what was ticked stays ticked")


def test_void(check, clinic, port):
    thera, owner = Browser(port), Browser(port)
    thera.login("thera")
    owner.login("owner")
    status, _, body = thera.post("/sessions", list(SESSION.items()) + [("region", "calf:left")],
                                 json_answer=True)
    sid = json_of(body)["id"]
    check(thera.get(f"/sessions/{sid}/void")[0] == 403, "a therapist may not void")
    status, _, page = owner.get(f"/sessions/{sid}/void")
    name = clinic.sql("SELECT name FROM clients WHERE id = 1")[0][0]
    check(status == 200 and f"Void session {sid}?" in page and name in page,
          "the owner is asked first, with the session and the client named")
    status, _, body = owner.post(f"/sessions/{sid}/void", {}, json_answer=True)
    check(status == 422 and json_of(body).get("field") == "reason", "a reason is required")
    status, headers, _ = owner.post(f"/sessions/{sid}/void", {"reason": "entered twice"})
    check(status == 303 and headers.get("location") == f"/clients/1?voided={sid}",
          f"voided -> {status} {headers.get('location')}")
    row = clinic.sql("SELECT void_reason FROM sessions WHERE id = ?", sid)
    check(row == [("entered twice",)], f"kept with its reason: {row}")
    audit = clinic.sql("SELECT actor FROM audit_log WHERE action = 'void' AND entity_id = ?", sid)
    check(audit == [("owner",)], f"audited as the owner: {audit}")

    # A session behind a refer flag: refused naming it, then voided with the box.
    status, _, body = thera.post("/sessions", list(SESSION.items()) + [("region", "calf:right")],
                                 json_answer=True)
    flagged = json_of(body)["id"]
    status, _, body = thera.post("/reports", {"session": str(flagged), "region": "calf:right",
                                              "onset": "2026-11-21 09:30", "severity": "4",
                                              "weakness": "yes"}, json_answer=True)
    check(status == 201, f"a report with weakness -> {status} {body}")
    status, _, page = owner.get(f"/sessions/{flagged}/void")
    check("Refer flags await review" in page and 'name="despite-flags"' in page,
          "the page lists the refer flags resting on the session, with the box to go ahead")
    status, _, body = owner.post(f"/sessions/{flagged}/void", {"reason": "wrong client"},
                                 json_answer=True)
    check(status == 422 and "unreviewed refer flag" in json_of(body)["error"],
          f"refused while the flag awaits review -> {status} {body}")
    status, _, _ = owner.post(f"/sessions/{flagged}/void",
                              {"reason": "wrong client", "despite-flags": "yes"})
    check(status == 303, f"voided despite the flag -> {status}")
    page = owner.get("/clients/1")[2]
    check(f'href="/sessions/{sid}/void"' not in page, "a voided session offers no void link")


def test_archive(check, clinic, port):
    owner, thera = Browser(port), Browser(port)
    owner.login("owner")
    thera.login("thera")
    p = clinic.run("client", "add", "--name", "Kai Brandt")
    cid = int(re.search(r"(\d+)", p.stdout).group(1))
    check(thera.get(f"/clients/{cid}/archive")[0] == 403, "a therapist may not archive")
    page = owner.get(f"/clients/{cid}")[2]
    check(f'href="/clients/{cid}/archive"' in page, "the owner's client page links to archive")
    check("Archive this client" not in thera.get(f"/clients/{cid}")[2],
          "the therapist's does not")
    status, _, page = owner.get(f"/clients/{cid}/archive")
    check(status == 200 and "Archive Kai Brandt?" in page, "asked first, by name")
    status, headers, _ = owner.post(f"/clients/{cid}/archive", {})
    check(status == 303 and headers.get("location") == f"/clients?archived={cid}",
          f"archived -> {status}")
    check(clinic.sql("SELECT archived_at IS NOT NULL FROM clients WHERE id = ?", cid) == [(1,)],
          "the client is archived")
    page = owner.get(f"/clients?archived={cid}")[2]
    check(f'<a href="/clients/{cid}">Kai Brandt</a> archived' in page,
          "the confirmation names the client and links to the record")
    status, _, page = owner.get(f"/clients/{cid}/archive")
    check("Bring back Kai Brandt?" in page, "an archived client's page offers to bring them back")
    status, headers, _ = owner.post(f"/clients/{cid}/unarchive", {})
    check(status == 303 and clinic.sql("SELECT archived_at FROM clients WHERE id = ?", cid) ==
          [(None,)], f"brought back -> {status}")
    status, _, body = owner.post(f"/clients/{cid}/unarchive", {}, json_answer=True)
    check(status == 422, f"bringing back a client not archived is refused -> {status} {body}")


def test_no_preselection_and_links(check, clinic, port):
    owner, desk, thera = Browser(port), Browser(port), Browser(port)
    owner.login("owner")
    desk.login("desk")
    thera.login("thera")
    status, _, body = thera.post("/sessions", list(SESSION.items()) + [("region", "hand:left")],
                                 json_answer=True)
    thera.post("/reports", {"session": str(json_of(body)["id"]), "region": "hand:left",
                            "onset": "2026-11-21 09:30", "severity": "3", "weakness": "yes"})
    page = owner.get("/flags")[2]
    check(re.search(r'<select name="action" required><option value="">choose an action</option>',
                    page) is not None, "no review action is chosen beforehand")
    check('selected' not in re.search(r'<select name="action".*?</select>', page, re.S).group(0),
          "none selected")
    status, _, body = owner.post("/flags/review", {"rule": "weakness", "client": "1",
                                                   "evidence": "x", "action": ""},
                                 json_answer=True)
    check(status == 422, f"a review with no action is refused -> {status} {body}")
    key = re.search(r'name="rule" value="weakness"><input type="hidden" name="client" '
                    r'value="1"><input type="hidden" name="evidence" value="([^"]+)"', page)
    for note in ["", "   "]:
        status, _, body = owner.post("/flags/review", {"rule": "weakness", "client": "1",
                                                       "evidence": key.group(1),
                                                       "action": "dismissed", "note": note},
                                     json_answer=True)
        check(status == 422 and "needs note" in json_of(body).get("error", ""),
              f"a dismissal needs a note ({note!r}) -> {status} {body}")
    clinic.run("session", "add", "--client", "1", "--therapist", "1", "--at", "2026-11-16 10:00",
               "--technique", "swedish", "--pressure", "2", "--region", "neck")
    page = desk.get("/followups")[2]
    check(re.search(r'<select name="outcome" required><option value="">choose the outcome',
                    page) is not None, "no call outcome is chosen beforehand")
    page = desk.get("/")[2]
    check("/clients/1\"" not in page and "/reports/new" not in page,
          "the front desk's today page links to no page it may not open")
    check("<th></th>" not in page and "<th></th>" not in owner.get("/clients")[2],
          "no empty table header")


def test_one_call_per_event(check, clinic, port):
    thera, desk = Browser(port), Browser(port)
    thera.login("thera")
    desk.login("desk")
    # Four days ago at pressure 4 (a check-in due), then weakness (a refer flag).
    status, _, body = thera.post("/sessions", list(dict(SESSION, pressure="4",
                                                        at="2026-11-17 09:00").items()) +
                                 [("region", "forearm:right")], json_answer=True)
    sid = json_of(body)["id"]
    thera.post("/reports", {"session": str(sid), "region": "forearm:right",
                            "onset": "2026-11-17 18:00", "severity": "3", "weakness": "yes",
                            "still-present": "yes"})
    page = desk.get("/followups")[2]
    rows = [r for r in re.findall(r"<tr>.*?</tr>", page, re.S)
            if f'name="session" value="{sid}"' in r]
    check(len(rows) == 1, f"one row for the session's call, whatever its reasons ({len(rows)})")
    reasons = re.findall(r"<li><strong>([^<]+)</strong>", rows[0])
    check(len(reasons) >= 2 and reasons[0] == "Refer flag not reviewed",
          f"its reasons in words, the refer flag first: {reasons}")
    check(not re.search(r"\b(persist|recur|followup)\.[a-z_]+", page),
          "no settings key stands in for a reason")
    # A long list comes a page at a time, most overdue first.
    for i in range(55):
        clinic.run("session", "add", "--client", "1", "--therapist", "1", "--at",
                   f"2026-11-20 {8 + i // 6:02}:{i % 6 * 10:02}", "--technique", "swedish",
                   "--pressure", "4", "--region", "neck")
    first = desk.get("/followups")[2]
    rows = re.findall(r'name="session" value="(\d+)"', first)
    check(len(rows) == 50 and 'href="/followups?page=2">Next page</a>' in first and
          re.search(r"<p>\d+ calls; page 1 of 2\.</p>", first),
          f"50 calls on the first page, and a link to the next ({len(rows)})")
    rest = re.findall(r'name="session" value="(\d+)"', desk.get("/followups?page=2")[2])
    check(rest and not set(rest) & set(rows), f"the second page has the rest ({len(rest)})")
    check(str(sid) in rows[:3], "the calls with a refer flag come first")
    name = clinic.sql("SELECT name FROM clients WHERE id = 1")[0][0]
    status, headers, _ = desk.post("/followups", {"session": str(sid), "outcome": "no-answer"})
    page = desk.get(headers.get("location", "/followups"))[2]
    check(status == 303 and f"Call with {name} logged (session {sid})." in page,
          f"the confirmation names the client -> {status}")


def test_disable_confirmation(check, clinic, port):
    owner, thera = Browser(port), Browser(port)
    owner.login("owner")
    thera.login("thera")
    status, _, _ = owner.post("/users", {"name": "relief", "role": "front-desk",
                                         "password": "relief passphrase 1",
                                         "password-again": "relief passphrase 1"})
    check(status == 303, f"an account to disable -> {status}")
    page = owner.get("/users")[2]
    check(re.search(r'<form class="entry" method="get" action="/users/disable">', page),
          "the users page's disable form only leads to a confirmation")
    status, _, page = owner.get("/users/disable?name=relief")
    check(status == 200 and "<h1>Disable relief?</h1>" in page and "front-desk" in page and
          'method="post" action="/users/disable"' in page and
          '<input type="hidden" name="name" value="relief">' in page,
          f"the confirmation names the account and asks again -> {status}")
    status, _, page = owner.get("/users/disable?name=owner")
    check(status == 200 and "you are logged in with this account" in page and
          'method="post" action="/users/disable"' not in page,
          "one's own account: said why, and no button")
    check(owner.get("/users/disable?name=nobody")[0] == 404, "an unknown name is 404")
    check(thera.get("/users/disable?name=relief")[0] == 403, "only the owner may ask")
    check(clinic.sql("SELECT count(*) FROM users WHERE disabled_at IS NOT NULL")[0][0] == 0,
          "asking disabled nobody")
    status, headers, _ = owner.post("/users/disable", {"name": "relief"})
    page = owner.get(headers.get("location", "/users"))[2]
    check(status == 303 and "relief is disabled" in page, f"confirmed, it is done -> {status}")
    status, _, page = owner.get("/users/disable?name=relief")
    check(status == 200 and "was disabled" in page and 'action="/users/disable"' not in page,
          "an account already disabled is said so")


def test_settings_in_words(check, clinic, port):
    owner = Browser(port)
    owner.login("owner")
    page = owner.get("/settings")[2]
    check('<label for="persist.watch_days-value">Watch a reaction still open after</label>' in page
          and "days, 1 to 365." in page, "a setting is labelled in words, with its unit and bounds")
    check('<h2>persist.watch_days</h2>' not in page and "Sets persist.watch_days:" in page,
          "the key is named beside it, not as its heading")
    zone = re.search(r'<select id="clinic.timezone-value" name="value"[^>]*>(.*?)</select>', page,
                     re.S)
    check(zone and '<option value="Europe/Berlin">' in zone.group(1) and
          'value="EST"' not in zone.group(1) and
          '<option value="America/New_York" selected>' in zone.group(1),
          "the time zone is chosen from the tz database's places, the clinic's own selected")
    check(re.search(r'<select id="caution.anticoagulant_max_pressure-value" name="value"[^>]*>'
                    r'<option value="1">pressure 1</option>', page),
          "a pressure limit is a choice of pressures")
    before = clinic.sql("SELECT count(*) FROM audit_log")[0][0]
    status, _, body = owner.post("/settings", {"key": "clinic.timezone", "value": "EST"},
                                 json_answer=True)
    answer = json_of(body)
    check(status == 422 and answer.get("field") == "value" and
          "is not a place's time zone" in answer.get("error", ""),
          f"EST is refused on the web as on the command line -> {status} {body}")
    check(clinic.sql("SELECT count(*) FROM audit_log")[0][0] == before, "nothing written")
    status, headers, _ = owner.post("/settings", {"key": "clinic.timezone",
                                                  "value": "Europe/Berlin"})
    page = owner.get(headers.get("location", "/settings"))[2]
    check(status == 303 and "Clinic time zone is now Europe/Berlin." in page and
          '<option value="Europe/Berlin" selected>' in page,
          f"a place is saved and shown chosen -> {status}")


def test_client_picker(check, clinic, port):
    thera, desk = Browser(port), Browser(port)
    thera.login("thera")
    desk.login("desk")
    clinic.run("client", "add", "--name", "Liv Ångström", "--phone", "+49 30 555 0101")
    zoe = clinic.sql("SELECT id FROM clients WHERE phone = '+49 30 555 0101'")[0][0]
    for typed in ["angstrom", "LIV ÅNG", "ström", "5550101", "+49305550101", "30 555 01"]:
        status, headers, body = thera.get("/clients/pick?q=" + quote(typed))
        found = json_of(body)
        check(status == 200 and headers["content-type"].startswith("application/json") and
              [c["id"] for c in found["clients"]] == [zoe] and found["more"] is False,
              f"the picker finds her by {typed!r}: {body}")
    check(json_of(thera.get("/clients/pick?q=nobody-such")[2]) == {"clients": [], "more": False},
          "nothing found is an empty list")
    check(desk.get("/clients/pick?q=liv")[0] == 403, "the picker serves the session form's roles")

    # Without the script: the find form is a GET that lists the same clients.
    page = thera.get("/sessions/new?find=" + quote("555 0101"))[2]
    check(f'<a href="/sessions/new?client={zoe}">Liv Ångström</a> (client {zoe}, +49 30 555 0101)'
          in page, "the session form's find lists her, linked to the form with her chosen")
    check('<script src="/pick.js" defer></script>' in page and
          'data-pick="/clients/pick"' in page, "the script makes it live where it runs")
    status, headers, script = thera.get("/pick.js")
    check(status == 200 and headers["content-type"].startswith("text/javascript") and
          "data-pick" in script, "the script is served from the server itself (CSP 'self')")
    page = thera.get(f"/sessions/new?client={zoe}")[2]
    check('form class="find"' not in page and "Liv Ångström" in page,
          "with a client chosen, the form is about her")

    # The report form lists her latest sessions, newest first, voided left out.
    ids = []
    for day in ["2026-11-18", "2026-11-19", "2026-11-20"]:
        status, _, body = thera.post("/sessions", list(dict(SESSION, client=str(zoe),
                                                           at=day + " 10:00").items()) +
                                     [("region", "neck:midline")], json_answer=True)
        ids.append(json_of(body)["id"])
    clinic.run("session", "void", str(ids[1]), "--reason", "entered twice")
    page = thera.get(f"/reports/new?client={zoe}")[2]
    listed = [int(i) for i in re.findall(r'<a href="/reports/new\?session=(\d+)">', page)]
    check(listed == [ids[2], ids[0]], f"her sessions to choose from, newest first: {listed}")
    page = thera.get(f"/reports/new?session={ids[2]}")[2]
    check('section class="recent"' not in page and f"Session {ids[2]} for Liv Ångström" in page,
          "a chosen session is named above the form")


def test_referral_letter(check, clinic, port):
    thera, desk = Browser(port), Browser(port)
    thera.login("thera")
    desk.login("desk")
    clinic.run("client", "add", "--name", "Mira Petrov")
    mira = clinic.sql("SELECT id FROM clients WHERE name = 'Mira Petrov'")[0][0]
    page = thera.get(f"/clients/{mira}")[2]
    check("/referral.pdf" not in page, "no letter is offered without a refer flag")
    status, _, page = thera.get(f"/clients/{mira}/referral.html")
    check(status == 400 and "has no refer flag standing to refer for" in page,
          f"and none is written -> {status}")
    status, _, body = thera.post("/sessions", list(dict(SESSION, client=str(mira), pressure="4",
                                                        at="2026-11-19 10:00").items()) +
                                 [("region", "shoulder:left")], json_answer=True)
    sid = json_of(body)["id"]
    thera.post("/reports", {"session": str(sid), "region": "shoulder:left",
                            "onset": "2026-11-19 18:00", "severity": "4", "weakness": "yes"})
    page = thera.get(f"/clients/{mira}")[2]
    check(f'<a href="/clients/{mira}/referral.pdf">Referral letter for a physician (PDF)</a>'
          in page, "the client page offers the letter")
    flags = thera.get(f"/flags?client={mira}")[2]
    link = re.search(rf'href="(/clients/{mira}/referral\.pdf\?flag=weakness%3As{sid}%3A'
                     r'shoulder%3Aleft)"', flags)
    check(link is not None, "each refer flag offers a letter about it")
    before = clinic.sql("SELECT count(*) FROM audit_log WHERE action = 'export'")[0][0]
    status, headers, pdf = thera.get(link.group(1), raw=True)
    check(status == 200 and headers["content-type"] == "application/pdf" and
          pdf.startswith(b"%PDF-") and
          headers["content-disposition"] == f'attachment; filename="referral-{mira}.pdf"',
          f"the letter downloads as a PDF -> {status}")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        text = subprocess.run(["pdftotext", f.name, "-"], capture_output=True, text=True,
                              check=True).stdout
    check("Referral to a physician: Mira Petrov" in text and "weakness" in text and
          "page 1 of" in text, "it is the letter, with page numbers")
    audit = clinic.sql("SELECT entity, client_id, actor FROM audit_log WHERE action = 'export' "
                       "ORDER BY id")
    check(len(audit) == before + 1 and audit[-1] == ("referral pdf", mira, "thera"),
          f"audited as an export: {audit[-1:]}")
    status, headers, html = thera.get(f"/clients/{mira}/referral.html")
    check(status == 200 and headers["content-type"].startswith("application/xhtml+xml") and
          "<h1>Referral to a physician: Mira Petrov</h1>" in html, "and as XHTML")
    status, headers, body = thera.get(f"/clients/{mira}/referral.json")
    check(status == 200 and headers["content-type"].startswith("application/fhir+json") and
          json_of(body)["type"] == "document" and
          json_of(body)["entry"][0]["resource"]["resourceType"] == "Composition",
          "and as a FHIR R4 document")
    check(desk.get(f"/clients/{mira}/referral.pdf")[0] == 403, "not for the front desk")


def test_csv_for_spreadsheets(check, clinic, port):
    owner = Browser(port)
    owner.login("owner")
    clinic.run("client", "add", "--name", "Zoë Weiß")
    status, _, plain = owner.get("/export/clients.csv")
    check(status == 200 and plain.startswith("id,") and "Zoë Weiß" in plain,
          "the default CSV is RFC 4180 as the command line writes it, no byte-order mark")
    status, _, excel = owner.get("/export/clients.csv?excel=1")
    check(status == 200 and excel == "\ufeff" + plain,
          "?excel=1 is the same CSV after a UTF-8 byte-order mark")
    check('href="/export/clients.csv?excel=1"' in owner.get("/settings")[2],
          "the settings page offers it")


def main():
    return run_suite("web day", [test_body_map, test_error_summary, test_void, test_archive,
                                 test_no_preselection_and_links, test_one_call_per_event,
                                 test_csv_for_spreadsheets, test_disable_confirmation,
                                 test_settings_in_words, test_client_picker,
                                 test_referral_letter],
                     demo=False)


if __name__ == "__main__":
    sys.exit(main())
