#!/usr/bin/env python3
"""HTTP-level tests of massagelog serve (SPEC 8): every refusal answers
with its status and writes nothing; what is accepted is written once,
audited as the logged-in user from web:ADDRESS.

    test_http.py --binary PATH
"""

import csv
import io
import os
import re
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
from webtest import Browser, json_of, run_suite, wait_gone  # noqa: E402

SESSION = {"client": "3", "therapist": "1", "at": "2026-11-21 09:00", "technique": "swedish",
           "pressure": "2", "region": ["neck:midline", "calf:left"]}


def security_headers(check, headers, what):
    csp = headers.get("content-security-policy", "")
    check("default-src 'self'" in csp, f"{what}: CSP default-src 'self' ({csp!r})")
    check("frame-ancestors 'none'" in csp, f"{what}: CSP frame-ancestors 'none'")
    check(headers.get("x-content-type-options") == "nosniff", f"{what}: nosniff")
    check(headers.get("cache-control") == "no-store", f"{what}: Cache-Control no-store")


def test_anonymous(check, clinic, port):
    anon = Browser(port)
    before = clinic.counts()
    status, headers, _ = anon.get("/")
    check(status == 303 and headers.get("location") == "/login", f"anonymous GET / -> {status}")
    security_headers(check, headers, "a redirect")
    for path in ["/clients", "/flags", "/followups", "/sessions/new", "/export/sessions.csv"]:
        status, headers, _ = anon.get(path)
        check(status == 303, f"anonymous GET {path} -> {status}")
    status, headers, _ = anon.post("/sessions", SESSION, with_csrf=False)
    check(status == 401, f"anonymous POST /sessions -> {status}")
    status, _, _ = anon.post("/sessions", SESSION, with_csrf=False, json_answer=True)
    check(status == 401, f"anonymous JSON POST /sessions -> {status}")
    status, headers, page = anon.get("/login")
    check(status == 200 and 'name="password"' in page, "the login page")
    security_headers(check, headers, "the login page")
    status, headers, css = anon.get("/style.css")
    check(status == 200 and "bodymap" in css, "the stylesheet is served to anyone")
    check(clinic.counts() == before, "anonymous requests wrote nothing")


def test_login_cookie_and_lockout(check, clinic, port):
    b = Browser(port)
    before = clinic.counts()
    good = {"name": "thera", "password": "therapist passphrase 2"}
    status, _, page = b.send_login(good, form=False)
    check(status == 403 and "did not come from this site" in page,
          f"a login not sent from the login page -> {status}")
    _, h, page = b.request("GET", "/login")
    form_cookie = h["set-cookie"]
    for flag in ["HttpOnly", "SameSite=Strict", "Path=/login"]:
        check(flag in form_cookie, f"the login form's cookie is {flag}: {form_cookie}")
    token = re.search(r'name="csrf" value="([0-9a-f]{64})"', page).group(1)
    status, _, _ = b.request("POST", "/login", dict(good, csrf=token))
    check(status == 403, f"the form's token without its cookie (another site's post) -> {status}")
    status, _, _ = b.request("POST", "/login", dict(good, csrf="0" * 64),
                             headers={"Cookie": form_cookie.split(";")[0]})
    check(status == 403, f"the form's cookie with another token -> {status}")
    check(clinic.counts() == before and
          clinic.sql("SELECT count(*) FROM login_failures")[0][0] == 0,
          "refused login forms wrote and counted nothing")
    status, headers, _ = b.send_login(good)
    check(status == 303, f"a good login -> {status}")
    cookie = headers["set-cookie"]
    check(len(cookie.split(";")[0].split("=")[1]) == 64, "the cookie holds 256 random bits")
    for flag in ["HttpOnly", "SameSite=Strict", "Path=/"]:
        check(flag in cookie, f"the cookie is {flag}: {cookie}")
    check("Secure" not in cookie, "no Secure flag without TLS")
    stored = clinic.sql("SELECT token_sha256 FROM logins ORDER BY id DESC LIMIT 1")[0][0]
    check(stored != cookie.split(";")[0].split("=")[1], "the database holds the cookie's hash only")
    check(clinic.sql("SELECT count(*) FROM users WHERE password_hash LIKE '$argon2id$%'")[0][0] == 3,
          "passwords are stored as Argon2id hashes")
    check(clinic.sql("SELECT count(*) FROM audit_log WHERE entity = 'user'")[0][0] == 3,
          "each account's creation is audited")

    # Five wrong passwords lock the name, even against the right one.
    clinic.run("user", "add", "--name", "temp", "--role", "front-desk", stdin="temp passphrase 4")
    intruder = Browser(port)
    for i in range(5):
        status = intruder.login("temp", "not the password")
        check(status == 401, f"wrong password {i + 1} -> {status}")
    status = intruder.login("temp", "temp passphrase 4")
    check(status == 429, f"the right password on a locked name -> {status}")
    status, _, page = intruder.send_login({"name": "TEMP", "password": "x"})
    check(status == 429 and "refused until 2026-11-21 10:15" in page, "the page says until when")
    failed = clinic.sql("SELECT count(*) FROM audit_log WHERE entity = 'login' AND outcome = 'failed'"
                        " AND os_user = 'web:127.0.0.1'")[0][0]
    # Five failures; the two attempts on the locked name share one row.
    check(failed == 6, f"each failure and the lock are audited ({failed}): {clinic.sql('SELECT actor, os_user, entity, outcome FROM audit_log ORDER BY id DESC LIMIT 9')}")
    check(clinic.sql("SELECT count(*) FROM audit_log WHERE entity = 'login' AND "
                     "detail LIKE '%\"reason\":\"locked\"%'")[0][0] == 1, "the lockout is audited once")
    check(clinic.sql("SELECT attempts FROM login_refusals WHERE key = 'temp'") == [(2,)],
          "the attempts under the lock are counted")
    status = Browser(port).login("owner")
    check(status == 303, "another name is not locked")


def test_csrf(check, clinic, port):
    b = Browser(port)
    b.login("thera")
    other = Browser(port)
    other.login("owner")
    before = clinic.counts()
    status, headers, _ = b.post("/sessions", SESSION, with_csrf=False)
    check(status == 403, f"no csrf -> {status}")
    security_headers(check, headers, "a 403")
    fields = dict(SESSION, csrf="0" * 64)
    status, _, _ = b.request("POST", "/sessions", fields)
    check(status == 403, f"a wrong csrf -> {status}")
    fields = dict(SESSION, csrf=other.csrf)
    status, _, _ = b.request("POST", "/sessions", fields)
    check(status == 403, f"another login's csrf -> {status}")
    check(clinic.counts() == before, "nothing written without the login's csrf")


def test_roles(check, clinic, port):
    thera, desk, owner = Browser(port), Browser(port), Browser(port)
    thera.login("thera")
    desk.login("desk")
    owner.login("owner")
    flag = clinic.run("flags", "--level", "refer", "--format", "csv").stdout.splitlines()[1]
    # rule,level,client_id,... as flags --format csv writes them.
    header = clinic.run("flags", "--format", "csv").stdout.splitlines()[0].split(",")
    cells = flag.split(",")
    review = {"rule": cells[header.index("rule")], "client": cells[header.index("client_id")],
              "evidence": cells[header.index("evidence_key")], "action": "referred"}
    before = clinic.counts()
    status, _, _ = thera.post("/flags/review", review)
    check(status == 403, f"a therapist reviewing a flag -> {status}")
    status, _, _ = thera.post("/flags/review", review, json_answer=True)
    check(status == 403, f"a therapist reviewing a flag (JSON) -> {status}")
    status, _, _ = desk.post("/sessions", SESSION)
    check(status == 403, f"the front desk adding a session -> {status}")
    status, _, _ = thera.post("/clients", {"name": "New Person"})
    check(status == 403, f"a therapist adding a client -> {status}")
    status, _, _ = thera.post("/followups", {"session": "1", "outcome": "no-answer"})
    check(status == 403, f"a therapist logging a call -> {status}")
    for who, path in [(desk, "/flags"), (desk, "/clients/1"), (thera, "/followups"),
                      (thera, "/export/sessions.csv"), (desk, "/export/clients.csv")]:
        status, _, _ = who.get(path)
        check(status == 403, f"GET {path} by the wrong role -> {status}")
    check(clinic.counts() == before, "refused roles wrote nothing")

    status, _, _ = owner.post("/flags/review", review)
    check(status == 303, f"the owner reviews -> {status}")
    status, headers, csv = owner.get("/export/sessions.csv")
    check(status == 200 and headers["content-type"].startswith("text/csv") and
          csv.startswith("id,"), "the owner exports sessions")
    check(clinic.sql("SELECT actor, os_user, outcome FROM audit_log WHERE action = 'export' "
                     "ORDER BY id DESC LIMIT 1") == [("owner", "web:127.0.0.1", "ok")],
          "the export is audited as the owner from the web")
    for who, path in [(thera, "/flags"), (thera, "/clients/1"), (desk, "/followups"),
                      (desk, "/clients"), (thera, "/"), (desk, "/")]:
        status, _, _ = who.get(path)
        check(status == 200, f"GET {path} by its role -> {status}")


def test_entry(check, clinic, port):
    b = Browser(port)
    b.login("thera")
    before = clinic.counts()
    status, _, body = b.post("/sessions", SESSION, json_answer=True)
    check(status == 201, f"a session -> {status} {body}")
    sid = json_of(body)["id"]
    row = clinic.sql("SELECT client_id, therapist_id, created_by FROM sessions WHERE id = ?", sid)
    check(row == [(3, 1, "thera")], f"the session as stored: {row}")
    regions = clinic.sql("SELECT count(*) FROM session_regions WHERE session_id = ?", sid)[0][0]
    check(regions == 2, "with its two regions")
    audit = clinic.sql("SELECT actor, os_user FROM audit_log WHERE entity = 'session' AND "
                       "entity_id = ?", sid)
    check(audit == [("thera", "web:127.0.0.1")], f"audited as the user from the web: {audit}")
    after = clinic.counts()
    check(after["sessions"] == before["sessions"] + 1, "one session written")

    # Left and right ticked on the map are one region on both sides.
    status, _, body = b.post("/sessions", dict(SESSION, region=["calf:left", "calf:right"]),
                             json_answer=True)
    sid2 = json_of(body)["id"]
    check(clinic.sql("SELECT side FROM session_regions WHERE session_id = ?", sid2) == [("both",)],
          "calf left and right are calf both")

    # Bad input: 422 naming the field, nothing written.
    before = clinic.counts()
    for fields, field in [(dict(SESSION, pressure="9"), "pressure"),
                          (dict(SESSION, at="2030-01-01 09:00"), "at"),
                          (dict(SESSION, technique="reiki"), "technique"),
                          (dict(SESSION, region=["knee:left"]), "region"),
                          (dict(SESSION, region=["neck:left"]), "region"),
                          (dict(SESSION, client="99999"), "client"),
                          ({k: v for k, v in SESSION.items() if k != "client"}, "client")]:
        status, _, body = b.post("/sessions", fields, json_answer=True)
        answer = json_of(body)
        check(status == 422 and answer.get("field") == field,
              f"bad {field} -> {status} {answer}")
    status, _, page = b.post("/sessions", dict(SESSION, pressure="9", notes="kept <b>as typed</b>"))
    check(status == 422, f"a bad HTML form -> {status}")
    check('class="field has-error"><label for="f-pressure">' in page and
          "pressure &#39;9&#39; is not 1-5" in page, "the message stands beside the field")
    check("kept &lt;b&gt;as typed&lt;/b&gt;" in page and 'value="calf:left" checked' in page,
          "the values are kept, escaped")
    check(clinic.counts() == before, "bad input wrote nothing")

    # A report with weakness: the refer flag follows.
    status, _, body = b.post("/reports", {"session": str(sid), "region": "calf:left",
                                          "onset": "2026-11-21 09:30", "severity": "4",
                                          "weakness": "yes", "pain": "no", "numbness": ""},
                             json_answer=True)
    check(status == 201, f"a report -> {status} {body}")
    rid = json_of(body)["id"]
    row = clinic.sql("SELECT weakness, pain, numbness, created_by FROM reports WHERE id = ?", rid)
    check(row == [(1, 0, None, "thera")], f"yes, no and not recorded stored as such: {row}")
    status, _, page = b.get("/flags")
    check("weakness" in page and "refer" in page, "the refer flag is on /flags")


def test_point_of_care(check, clinic, port):
    """After test_entry, client 3 has a weakness (refer) on the left calf."""
    thera, owner = Browser(port), Browser(port)
    thera.login("thera")
    owner.login("owner")
    status, _, page = thera.get("/sessions/new?client=3")
    name = clinic.sql("SELECT name FROM clients WHERE id = 3")[0][0]
    check(status == 200 and f"Session for <strong>{name}</strong> (client 3)" in page,
          "the session form names the client")
    check("Flags standing for this client" in page and "weakness" in page,
          "and lists the standing flags at the top")
    check(re.search(r'class="tick marked"><input type="checkbox" name="region" '
                    r'value="calf:left"', page) is not None, "the flagged region is marked on the map")
    check(re.search(r'<span class="map-why">refer flag: weakness', page) is not None,
          "with the flag named beside it")
    check(not re.search(r'class="tick marked"><input type="checkbox" name="region" '
                        r'value="calf:right"', page), "and not its other side")
    check('name="despite-flags"' in page and 'name="reason"' in page,
          "with a checkbox and a reason to work it anyway")

    flagged = dict(SESSION, region=["calf:left"])
    before = clinic.counts()
    head = clinic.sql("SELECT row_hash FROM audit_log ORDER BY id DESC LIMIT 1")
    status, _, body = thera.post("/sessions", flagged, json_answer=True)
    answer = json_of(body)
    check(status == 422 and answer.get("field") == "region" and
          "calf:left is under the refer flag weakness" in answer.get("error", ""),
          f"a session on the flagged area -> {status} {answer}")
    status, _, body = thera.post("/sessions", dict(flagged, **{"despite-flags": "yes"}),
                                 json_answer=True)
    check(status == 422 and json_of(body).get("field") == "reason",
          f"working it anyway without a reason -> {status} {body}")
    status, _, page = thera.post("/sessions", flagged)
    check(status == 422 and "not to be worked until the flag is cleared" in page,
          "the HTML form says why")
    check(clinic.counts() == before and
          clinic.sql("SELECT row_hash FROM audit_log ORDER BY id DESC LIMIT 1") == head,
          "refusals wrote nothing")

    status, _, body = thera.post("/sessions", dict(flagged, **{"despite-flags": "yes",
                                                             "reason": "GP letter: light work"}),
                                 json_answer=True)
    check(status == 201, f"worked anyway with a reason -> {status} {body}")
    detail = clinic.sql("SELECT detail FROM audit_log WHERE entity = 'session' ORDER BY id DESC "
                        "LIMIT 1")[0][0]
    check('"despite_flags"' in detail and "GP letter: light work" in detail,
          f"audited with the flags it overrode: {detail}")

    # The owner clears the flag (a note is required); then the area is free.
    key = clinic.sql("SELECT 's' || session_id || ':calf:left' FROM reports WHERE weakness = 1 "
                     "AND client_id = 3 ORDER BY id DESC LIMIT 1")[0][0]
    review = {"rule": "weakness", "client": "3", "evidence": key, "action": "cleared"}
    status, _, body = owner.post("/flags/review", review, json_answer=True)
    check(status == 422 and json_of(body).get("field") == "note",
          f"cleared without a note -> {status} {body}")
    status, _, _ = owner.post("/flags/review", dict(review, note="Dr Lee, fit for massage"))
    check(status == 303, f"cleared with a note -> {status}")
    status, _, body = thera.post("/sessions", flagged, json_answer=True)
    check(status == 201, f"the cleared area is worked -> {status} {body}")


def test_hostile_name(check, clinic, port):
    desk = Browser(port)
    desk.login("desk")
    name = "<script>alert('x')</script> & \"Bobby\""
    status, _, body = desk.post("/clients", {"name": name, "phone": "+1 555 0000"},
                                json_answer=True)
    check(status == 201, f"a client with a hostile name -> {status} {body}")
    status, _, page = desk.get("/clients")
    check("<script>alert" not in page, "the name is never HTML")
    check("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Bobby&quot;" in page,
          "the name is shown escaped")

    # The same name again (other case): added, with a warning naming the first.
    first = json_of(body)["id"]
    status, headers, _ = desk.post("/clients", {"name": name.upper()})
    check(status == 303 and headers.get("location", "").startswith("/clients?added="),
          f"a second client of the same name -> {status}")
    status, _, page = desk.get(headers["location"])
    check(f"The same name is already on client {first} (" in page and "+1 555 0000" in page and
          "<script>alert" not in page, "the front desk is told of the first client, escaped")


def test_client_edit(check, clinic, port):
    desk, thera = Browser(port), Browser(port)
    desk.login("desk")
    thera.login("thera")
    status, _, page = desk.get("/clients/3/edit")
    name = clinic.sql("SELECT name FROM clients WHERE id = 3")[0][0]
    check(status == 200 and f'value="{name}"' in page, f"the edit form is filled in -> {status}")
    status, _, _ = thera.get("/clients/3/edit")
    check(status == 403, f"a therapist opening the edit form -> {status}")
    for who, path in [(desk, "/clients/99999/edit"), (thera, "/clients/99999")]:
        status, _, page = who.get(path)
        check(status == 404 and "no such client" in page, f"GET {path} -> {status}")

    before = clinic.counts()
    audits = clinic.sql("SELECT count(*) FROM audit_log")[0][0]
    fields = {"name": name, "phone": "+49 30 5550 1234", "email": "", "birth-date": "",
              "notes": ""}
    status, _, _ = thera.post("/clients/3/edit", fields)
    check(status == 403, f"a therapist editing a client -> {status}")
    status, _, _ = desk.post("/clients/3/edit", fields, with_csrf=False)
    check(status == 403, f"an edit without csrf -> {status}")
    status, _, body = desk.post("/clients/3/edit", dict(fields, email="not an address"),
                                json_answer=True)
    check(status == 422 and json_of(body).get("field") == "email",
          f"a bad e-mail -> {status} {body}")
    status, _, page = desk.post("/clients/3/edit", dict(fields, email="not an address"))
    check(status == 422 and 'value="not an address"' in page and 'class="field has-error"' in page,
          "the form comes back with the value and the message beside it")
    status, _, body = desk.post("/clients/99999/edit", fields, json_answer=True)
    check(status == 422 and json_of(body).get("field") == "client",
          f"an unknown client -> {status} {body}")
    check(clinic.counts() == before and
          clinic.sql("SELECT count(*) FROM audit_log")[0][0] == audits,
          "refused edits wrote nothing")

    status, headers, _ = desk.post("/clients/3/edit", fields)
    check(status == 303 and headers.get("location") == "/clients?edited=3",
          f"the front desk changes a phone -> {status}")
    check(clinic.sql("SELECT phone FROM clients WHERE id = 3") == [("+49 30 5550 1234",)],
          "the new phone is stored")
    audit = clinic.sql("SELECT action, actor, os_user FROM audit_log WHERE entity = 'client' "
                       "AND entity_id = 3 ORDER BY id DESC LIMIT 1")
    check(audit == [("update", "desk", "web:127.0.0.1")], f"audited as the front desk: {audit}")
    status, _, page = desk.get("/clients?edited=3")
    name = clinic.sql("SELECT name FROM clients WHERE id = 3")[0][0]
    check(f"{name}: changes saved." in page and 'href="/clients/3"' not in page.split("<table")[0],
          "the list names whose details changed, with no link the front desk may not open")
    status, _, body = desk.post("/clients/3/edit", fields, json_answer=True)
    check(status == 422, f"saving with nothing changed -> {status} {body}")


def test_owner_pages(check, clinic, port):
    owner, desk, thera = Browser(port), Browser(port), Browser(port)
    owner.login("owner")
    desk.login("desk")
    thera.login("thera")
    users = lambda: clinic.sql("SELECT name, role, therapist_id, disabled_at IS NOT NULL "
                               "FROM users ORDER BY id")
    settings = lambda: clinic.sql("SELECT key, value FROM settings ORDER BY key")
    before, before_users, before_settings = clinic.counts(), users(), settings()
    new_user = {"name": "relief", "role": "therapist", "therapist": "1",
                "password": "relief passphrase 1", "password-again": "relief passphrase 1"}
    for who, path in [(desk, "/users"), (thera, "/settings"), (desk, "/settings")]:
        status, _, _ = who.get(path)
        check(status == 403, f"GET {path} by the wrong role -> {status}")
    for who, path, fields in [(desk, "/users", new_user),
                              (thera, "/users/disable", {"name": "desk"}),
                              (desk, "/users/passwd", dict(new_user, name="desk")),
                              (thera, "/settings", {"key": "persist.watch_days", "value": "2"})]:
        status, _, _ = who.post(path, fields)
        check(status == 403, f"POST {path} by the wrong role -> {status}")
    status, _, _ = owner.post("/users", new_user, with_csrf=False)
    check(status == 403, f"a user added without csrf -> {status}")

    # Bad input: 422 naming the field, nothing written.
    for fields, field in [(dict(new_user, **{"password-again": "relief passphrase 2"}),
                           "password-again"),
                          (dict(new_user, password="short", **{"password-again": "short"}),
                           "password"),
                          (dict(new_user, name="DESK"), "name"),
                          (dict(new_user, role="boss"), "role"),
                          (dict(new_user, therapist="999"), "therapist")]:
        status, _, body = owner.post("/users", fields, json_answer=True)
        check(status == 422 and json_of(body).get("field") == field,
              f"a user with a bad {field} -> {status} {body}")
    status, _, page = owner.post("/users", dict(new_user, name="<b>x</b>", password="short",
                                                **{"password-again": "short"}))
    check(status == 422 and 'value="&lt;b&gt;x&lt;/b&gt;"' in page and
          'id="add-password-error"' in page, "the add form comes back with its message and values")
    status, _, body = owner.post("/users/disable", {"name": "owner"}, json_answer=True)
    check(status == 422 and json_of(body).get("field") == "name",
          f"the owner disabling their own account -> {status} {body}")
    status, _, body = owner.post("/settings", {"key": "persist.watch_days", "value": "20"},
                                 json_answer=True)
    check(status == 422, f"watch days past refer days -> {status} {body}")
    status, _, page = owner.post("/settings", {"key": "persist.watch_days", "value": "soon"})
    check(status == 422 and 'value="soon"' in page, "the setting comes back with its message")
    check(clinic.counts() == before and users() == before_users and settings() == before_settings,
          "refused owner changes wrote nothing")

    # Accepted: each audited as the owner from the web.
    status, headers, _ = owner.post("/users", new_user)
    check(status == 303 and headers["location"].startswith("/users?added="),
          f"the owner adds a user -> {status}")
    status, _, page = owner.get(headers["location"])
    check("User relief added." in page, "the users page says so")
    check(users()[-1] == ("relief", "therapist", 1, 0), f"stored: {users()[-1]}")
    relief = Browser(port)
    check(relief.login("relief", "relief passphrase 1") == 303, "the new user logs in")
    status, _, _ = owner.post("/users/passwd", {"name": "relief", "password": "relief passphrase 2",
                                                "password-again": "relief passphrase 2"})
    check(status == 303, f"the owner sets a password -> {status}")
    status, _, _ = relief.get("/flags")
    check(status == 303, "the user's login ended with the new password")
    check(relief.login("relief", "relief passphrase 2") == 303, "the new password logs in")
    status, _, _ = owner.post("/users/disable", {"name": "relief"})
    check(status == 303 and users()[-1][3] == 1, f"the owner disables the user -> {status}")
    check(Browser(port).login("relief", "relief passphrase 2") == 401, "a disabled user is refused")
    audit = clinic.sql("SELECT action, actor, os_user FROM audit_log WHERE entity = 'user' "
                       "ORDER BY id DESC LIMIT 3")
    check(audit == [("archive", "owner", "web:127.0.0.1"), ("update", "owner", "web:127.0.0.1"),
                    ("create", "owner", "web:127.0.0.1")], f"audited: {audit}")

    status, _, page = owner.get("/settings")
    check(status == 200 and "persist.watch_days" in page and 'href="/export/sessions.csv"' in page,
          "the settings page lists the settings and the exports")
    for path in ["/users", "/settings"]:
        ids = re.findall(r' id="([^"]+)"', owner.get(path)[2])
        check(ids and len(ids) == len(set(ids)), f"every label of {path} names its own field")
    status, headers, _ = owner.post("/settings", {"key": "persist.watch_days", "value": "4"})
    check(status == 303 and headers["location"] == "/settings?changed=persist.watch_days",
          f"the owner changes a setting -> {status}")
    check(("persist.watch_days", "4") in settings(), "the setting is stored")
    audit = clinic.sql("SELECT actor, detail FROM audit_log WHERE entity = 'setting' "
                       "ORDER BY id DESC LIMIT 1")
    check(audit[0][0] == "owner" and '"to":"4"' in audit[0][1], f"audited: {audit}")
    status, _, page = owner.get(headers["location"])
    check("Watch a reaction still open after is now 4 days." in page, "the settings page says so")
    owner.post("/settings", {"key": "persist.watch_days", "value": "3"})


def test_logout(check, clinic, port):
    b = Browser(port)
    b.login("owner")
    status, headers, _ = b.post("/logout", {})
    check(status == 303 and "Max-Age=0" in headers.get("set-cookie", ""), "logout clears the cookie")
    status, _, _ = b.get("/flags")
    check(status == 303, "the old cookie no longer logs in")
    check(clinic.sql("SELECT count(*) FROM audit_log WHERE action = 'update' AND entity = 'login'")[0][0] >= 1,
          "logout is audited")


def test_listen_rules(check, clinic):
    p = clinic.run("serve", "--listen", "0.0.0.0:0", check=False)
    check(p.returncode == 2 and "only loopback is served without TLS" in p.stderr,
          f"non-loopback without TLS -> {p.returncode} {p.stderr}")
    p = clinic.run("serve", "--listen", "192.168.1.20:8080", check=False)
    check(p.returncode == 2, "a LAN address without TLS")
    p = clinic.run("serve", "--listen", "localhost8080", check=False)
    check(p.returncode == 2 and "--listen" in p.stderr, "a malformed --listen")
    p = clinic.run("serve", "--tls-cert", "x.pem", check=False)
    check(p.returncode == 2 and "go together" in p.stderr, "a certificate without its key")
    p = clinic.run("serve", "--trusted-proxy", "nginx.local", check=False)
    check(p.returncode == 2 and "--trusted-proxy 'nginx.local' is not an IP address" in p.stderr,
          f"a proxy that is not an address -> {p.returncode} {p.stderr}")


def test_tls(check, clinic):
    cert, key = os.path.join(clinic.dir, "cert.pem"), os.path.join(clinic.dir, "key.pem")
    made = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                           "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", cert],
                          capture_output=True, timeout=60)
    check(made.returncode == 0, "openssl made a certificate")
    import http.client
    import ssl
    proc, port = clinic.serve("--tls-cert", cert, "--tls-key", key)
    context = ssl.create_default_context(cafile=cert)
    context.check_hostname = False
    conn = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=30)
    conn.request("GET", "/login")
    res = conn.getresponse()
    page = res.read().decode()
    form_cookie = res.getheader("Set-Cookie")
    check("Secure" in form_cookie, f"over TLS the login form's cookie is Secure: {form_cookie}")
    token = re.search(r'name="csrf" value="([0-9a-f]{64})"', page).group(1)
    conn.request("POST", "/login", body=f"name=owner&password=owner+passphrase+1&csrf={token}",
                 headers={"Content-Type": "application/x-www-form-urlencoded",
                          "Cookie": form_cookie.split(";")[0]})
    res = conn.getresponse()
    res.read()
    cookie = res.getheader("Set-Cookie")
    check(res.status == 303 and "Secure" in cookie, f"over TLS the cookie is Secure: {cookie}")
    check("max-age" in (res.getheader("Strict-Transport-Security") or ""), "and HSTS is sent")
    proc.send_signal(signal.SIGTERM)
    check(wait_gone(proc) == 0, "SIGTERM stops the TLS server with exit 0")


def test_clean_stop(check, clinic):
    """SIGTERM while requests are in flight: each gets its answer, then the
    server exits 0."""
    proc, port = clinic.serve()
    b = Browser(port)
    b.login("thera")
    answers = []

    def post_many():
        for i in range(300):
            try:
                status, _, _ = b.post("/sessions", dict(SESSION, at=f"2026-11-20 {8 + i % 10:02}:00"),
                                      json_answer=True)
                answers.append(status)
            except OSError:
                return  # the server has stopped listening: later requests are refused

    threads = [threading.Thread(target=post_many) for _ in range(3)]
    for t in threads:
        t.start()
    time.sleep(0.3)
    proc.send_signal(signal.SIGTERM)
    for t in threads:
        t.join(timeout=60)
    check(wait_gone(proc) == 0, f"SIGTERM -> exit {proc.returncode}")
    check(0 < len(answers) < 900, f"the stop came while requests were in flight ({len(answers)})")
    check(all(s == 201 for s in answers), f"every request that was answered was written: {answers}")
    stored = clinic.sql("SELECT count(*) FROM sessions WHERE created_by = 'thera' AND "
                        "started_at LIKE '2026-11-20%'")[0][0]
    check(stored == len(answers), f"{len(answers)} answered 201, {stored} stored")
    p = clinic.run("db", "check", check=False)
    check(p.returncode == 0, "db check passes after the stop")


def test_lists_follow_writes(check, clinic, port):
    """/, /flags and /followups read a board of the clinic's flags kept in
    memory: what the command line writes beside the server shows at the
    next page, and a setting has the board built again."""
    owner = Browser(port)
    owner.login("owner")

    def on_web():
        _, _, flags = owner.get("/flags")
        _, _, today = owner.get("/")
        every = re.search(r"<p>(\d+) flags; unreviewed", flags)
        refer = re.search(r"Refer flags not yet reviewed \((\d+)\)", today)
        return int(every.group(1)), int(refer.group(1))

    def calls_due():
        _, _, today = owner.get("/")
        return int(re.search(r"Calls due \((\d+)\)", today).group(1))

    def on_cli():
        def rows(*args):
            out = clinic.run("flags", "--format", "csv", *args).stdout
            return list(csv.DictReader(io.StringIO(out)))
        return len(rows()), len(rows("--level", "refer", "--unreviewed"))

    first, calls = on_web(), calls_due()
    check(first == on_cli() and first[1] > 0, f"the board lists what flags lists: {first}")
    # A client with no flag yet reports twitching with weakness.
    flagged = {r["client_id"] for r in csv.DictReader(io.StringIO(
        clinic.run("flags", "--format", "csv").stdout))}
    quiet = next(str(c) for c in range(1, 1000) if str(c) not in flagged)
    session = clinic.run("session", "add", "--client", quiet, "--therapist", "1", "--at",
                         "2026-11-20 10:00", "--technique", "swedish", "--pressure", "2",
                         "--region", "calf:left", "--no-input").stdout
    sid = re.search(r"Added session (\d+)", session).group(1)
    clinic.run("report", "add", "--session", sid, "--onset", "2026-11-20 18:00", "--region",
               "calf:left", "--severity", "4", "--weakness", "yes", "--reported-at",
               "2026-11-21 09:00", "--no-input")
    after = on_web()
    check(after == on_cli() and after[1] > first[1],
          f"a refer flag written on the command line shows at once: {first} -> {after}")
    check(calls_due() == calls + 1, f"and a call about it is due: {calls} -> {calls_due()}")
    clinic.run("config", "set", "persist.watch_days", "1")
    clinic.run("config", "set", "persist.refer_days", "2")
    rebuilt = on_web()
    check(rebuilt == on_cli() and rebuilt != after,
          f"a setting has every client's flags computed again: {after} -> {rebuilt}")


def main():
    return run_suite("web http", [test_anonymous, test_login_cookie_and_lockout, test_csrf,
                                  test_roles, test_entry, test_point_of_care, test_hostile_name,
                                  test_client_edit, test_owner_pages, test_lists_follow_writes,
                                  test_logout],
                     after_stop=[test_listen_rules, test_tls, test_clean_stop])


if __name__ == "__main__":
    sys.exit(main())
