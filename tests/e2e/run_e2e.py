#!/usr/bin/env python3
"""End-to-end tests: run the real massagelog binary against temporary
databases and compare what it prints with the golden files in
tests/expected/. Every command that fails must leave the database exactly as
it was (row counts and the audit log's head).

    run_e2e.py --binary PATH --expected DIR [--update] [CASE...]

--update rewrites the golden files (tests/update_expected.sh does that).
"""

import argparse
import os
import shlex
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile

NOW = "2026-11-21T15:00:00Z"
TABLES = ["settings", "therapists", "clients", "sessions", "session_regions",
          "reports", "followups", "flag_reviews", "audit_log"]


class Failure(Exception):
    pass


def snapshot(db_path):
    """Row counts of every table and the audit log's last hash."""
    if not os.path.exists(db_path):
        return None
    if not os.path.isfile(db_path):
        return "not a file"
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        out = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        head = con.execute("SELECT row_hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        out["audit_head"] = head[0] if head else ""
        return out
    except sqlite3.DatabaseError:
        return "unreadable"
    finally:
        con.close()


class Runner:
    def __init__(self, binary, workdir):
        self.binary = binary
        self.workdir = workdir
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": workdir,
            "TZ": "UTC",
            "LANG": "C.UTF-8",
            "MASSAGELOG_NOW": NOW,
            "MASSAGELOG_USER": "tester",
        }
        self.transcript = []

    def run(self, args, stdin=None, expect=None, record=True, prefix=(), audits_failure=False):
        """Runs massagelog ARGS in the work folder; returns (code, out, err).
        A failing command must not change the database; one that tried and
        failed (an export to a full disk) adds only its 'failed' audit row
        (audits_failure)."""
        name = args[args.index("--db") + 1] if "--db" in args[:-1] else "clinic.db"
        db = os.path.join(self.workdir, name)
        before = snapshot(db)
        proc = subprocess.run(list(prefix) + [self.binary] + args, cwd=self.workdir, env=self.env,
                              input=stdin, capture_output=True)
        out = proc.stdout.decode("utf-8", "replace")
        err = proc.stderr.decode("utf-8", "replace")
        after = snapshot(db)
        if audits_failure and isinstance(before, dict) and isinstance(after, dict):
            added = after["audit_log"] - before["audit_log"]
            after = dict(after, audit_log=before["audit_log"], audit_head=before["audit_head"])
            if added != 1:
                raise Failure(f"'{shlex.join(args)}' added {added} audit rows, not 1")
        if proc.returncode != 0 and before is not None and after != before:
            raise Failure(f"'{shlex.join(args)}' failed (exit {proc.returncode}) "
                          f"but changed the database")
        if expect is not None and proc.returncode != expect:
            raise Failure(f"'{shlex.join(args)}' exited {proc.returncode}, expected {expect}\n"
                          f"stdout: {out}\nstderr: {err}")
        if record:
            shown = [a if len(a) <= 60 else a[:40] + f"...({len(a)} chars)" for a in args]
            self.transcript.append(f"$ massagelog {shlex.join(shown)}\n{out}{err}"
                                   f"[exit {proc.returncode}]\n")
        return proc.returncode, out, err

    def write_file(self, name, data):
        path = os.path.join(self.workdir, name)
        with open(path, "wb") as f:
            f.write(data)
        return path


DB = ["--db", "clinic.db"]


def seed_basic(r):
    r.run(DB + ["init", "--tz", "America/New_York"], expect=0)
    r.run(DB + ["therapist", "add", "--name", "Rosa Larsen", "--licence", "LMT-1001"], expect=0)
    r.run(DB + ["client", "add", "--name", "Zoë Müller", "--phone", "+1 555 0101",
                "--email", "zoe@example.org", "--birth-date", "1988-04-12"], expect=0)
    r.run(DB + ["session", "add", "--client", "1", "--therapist", "1", "--at", "2026-11-20 10:00",
                "--technique", "deep-tissue", "--pressure", "deep",
                "--region", "neck:midline:4:focal", "--region", "shoulder:left"], expect=0)


def case_basic(r):
    """Data entry and every way of reading it back."""
    seed_basic(r)
    r.run(DB + ["client", "add", "--name", "=HYPERLINK(\"x\")", "--notes", "line one\nline, two"],
          expect=0)
    r.run(DB + ["report", "add", "--session", "1", "--onset", "2026-11-20 18:30",
                "--region", "shoulder:left", "--severity", "4", "--kind", "twitch",
                "--frequency", "frequent", "--still-present", "yes", "--weakness", "yes",
                "--pain", "no", "--source", "phone", "--notes", "Hard to lift the arm."], expect=0)
    r.run(DB + ["session", "add", "--client", "Zoë Müller", "--therapist", "rosa larsen", "--at",
                "2026-11-21 08:00", "--technique", "swedish", "--pressure", "light"], expect=0)
    r.run(DB + ["client", "add", "--name", "Zoë Müller"], expect=0)
    r.run(DB + ["session", "add", "--client", "Zoë Müller", "--therapist", "1", "--at", "now",
                "--technique", "swedish", "--pressure", "2"], expect=2)
    r.run(DB + ["session", "list", "--client", "Nobody"], expect=2)
    r.run(DB + ["session", "add", "--client", "2", "--therapist", "1", "--at", "2026-11-21T09:00-05:00",
                "--technique", "swedish", "--pressure", "2", "--duration", "45"], expect=0)
    for fmt in ["table", "csv", "json"]:
        r.run(DB + ["session", "list", "--format", fmt], expect=0)
        r.run(DB + ["report", "list", "--format", fmt], expect=0)
        r.run(DB + ["client", "list", "--format", fmt], expect=0)
    r.run(DB + ["therapist", "list"], expect=0)
    r.run(DB + ["session", "show", "1"], expect=0)
    r.run(DB + ["client", "show", "1"], expect=0)
    r.run(DB + ["report", "list", "--open"], expect=0)
    r.run(DB + ["session", "list", "--from", "2026-11-21", "--to", "2026-11-21"], expect=0)
    r.run(DB + ["--tz", "Europe/Berlin", "session", "list", "--client", "1"], expect=0)
    r.run(DB + ["session", "void", "2", "--reason", "entered for the wrong client"], expect=0)
    r.run(DB + ["session", "list", "--no-voided"], expect=0)
    r.run(DB + ["client", "archive", "2"], expect=0)
    r.run(DB + ["client", "list"], expect=0)
    r.run(DB + ["client", "list", "--archived", "--search", "hyper"], expect=0)
    r.run(DB + ["config", "set", "persist.watch_days", "4"], expect=0)
    r.run(DB + ["config", "get", "persist.watch_days"], expect=0)
    r.run(DB + ["config", "list"], expect=0)
    r.run(DB + ["db", "check"], expect=0)
    audit = sqlite3.connect(os.path.join(r.workdir, "clinic.db")).execute(
        "SELECT action, entity, entity_id, client_id, detail FROM audit_log ORDER BY id").fetchall()
    r.transcript.append("audit log:\n" + "".join(f"  {row}\n" for row in audit))


def case_bad_input(r):
    """Every bad input exits 2 (1 for the database), names the flag and value,
    and writes nothing (checked by Runner.run for every failing command)."""
    seed_basic(r)
    session = ["session", "add", "--client", "1", "--therapist", "1", "--at", "2026-11-20 10:00",
               "--technique", "swedish", "--pressure", "2"]

    def with_(args, flag, value):
        out = list(args)
        out[out.index(flag) + 1] = value
        return out

    r.run(DB + with_(session, "--client", "99"), expect=2)
    r.run(DB + with_(session, "--client", "abc"), expect=2)
    r.run(DB + with_(session, "--pressure", "7"), expect=2)
    r.run(DB + with_(session, "--at", "2026-03-08 02:30"), expect=2)
    r.run(DB + with_(session, "--at", "2026-11-01 01:30"), expect=2)
    r.run(DB + with_(session, "--at", "9999-01-01 10:00"), expect=2)
    r.run(DB + with_(session, "--technique", "reiki"), expect=2)
    r.run(DB + session + ["--region", "elbow"], expect=2)
    r.run(DB + session + ["--region", "calf:sideways"], expect=2)
    r.run(DB + session + ["--duration", "1000"], expect=2)
    r.run(DB + session[:-2], expect=2)  # --pressure missing
    r.run(DB + ["session", "add", "--technique", "swedish"], expect=2)  # four missing, all named
    r.run(DB + session + ["--bogus"], expect=2)
    r.run(DB + ["--tz", "Mars/Olympus"] + session, expect=2)
    r.run(DB + ["--tz", "EST"] + session, expect=2)  # no daylight saving: not a place
    r.run(DB + ["config", "set", "clinic.timezone", "EST"], expect=2)
    report = ["report", "add", "--session", "1", "--onset", "2026-11-20 12:00",
              "--region", "calf", "--severity", "3"]
    r.run(DB + with_(report, "--severity", "0"), expect=2)
    r.run(DB + with_(report, "--severity", "11"), expect=2)
    r.run(DB + with_(report, "--session", "5"), expect=2)
    r.run(DB + with_(report, "--onset", "2026-11-19 12:00"), expect=2)
    r.run(DB + report + ["--pain", "maybe"], expect=2)
    r.run(DB + report + ["--kind", "tremor"], expect=2)
    r.run(DB + report + ["--still-present", "yes", "--resolved-at", "2026-11-20 14:00"], expect=2)
    r.run(DB + ["client", "add", "--name", "Bad", "--birth-date", "1990-02-30"], expect=2)
    r.run(DB + ["client", "add", "--name", "Bad", "--email", "nope"], expect=2)
    r.run(DB + ["client", "add", "--name", "Two\nlines"], expect=2)
    r.run(DB + ["client", "add"], expect=2)
    r.run(DB + ["client", "show", "77"], expect=2)
    r.run(DB + ["client", "show"], expect=2)
    r.run(DB + ["session", "void", "1"], expect=2)
    r.run(DB + ["config", "set", "recur.count", "many"], expect=2)
    r.run(DB + ["config", "get", "no.such.key"], expect=2)
    r.run(DB + ["session", "frobnicate"], expect=2)
    r.run(DB + ["frobnicate"], expect=2)
    r.run(DB + ["demo"], expect=2)
    r.run(DB + ["session", "list", "--format", "xml"], expect=2)
    r.run(["--db", "missing.db", "session", "list"], expect=1)
    health = ["client", "health", "add", "1"]
    r.run(DB + health, expect=2)  # nothing asked
    r.run(DB + health + ["--clot", "maybe"], expect=2)
    r.run(DB + health + ["--clot", "unknown"], expect=2)
    r.run(DB + health + ["--pregnant", "no", "--pregnancy-week", "12"], expect=2)
    r.run(DB + health + ["--pregnant", "yes", "--pregnancy-week", "50"], expect=2)
    r.run(DB + health + ["--reduced-sensation", "yes", "--sensation-region", "elbow"], expect=2)
    r.run(DB + health + ["--recent-surgery", "yes", "--surgery-at", "2026-12-01"], expect=2)
    r.run(DB + health + ["--skin-condition", "yes", "--skin-region", "neck:left"], expect=2)
    r.run(DB + health + ["--preferred-pressure", "9"], expect=2)
    r.run(DB + ["client", "health", "add", "77", "--clot", "no"], expect=2)
    r.run(DB + ["client", "health", "frobnicate"], expect=2)
    bad_health = r.write_file("bad-health.csv", (
        "id,client_id,recorded_at,recorded_by,anticoagulant,clot,pregnant,pregnancy_week,"
        "diabetes,reduced_sensation,sensation_regions,recent_surgery,surgery_date,"
        "surgery_regions,osteoporosis,high_blood_pressure,pacemaker,cancer_treatment,"
        "lymphoedema,skin_condition,skin_regions,avoid_regions,preferred_pressure,notes\n"
        "1,1,2026-11-20T10:00:00-05:00,ann,yes,,,,,,,,,,,,,,,,,,,\n"
        "2,1,2026-11-20T10:00:00-05:00,ann,,,no,12,,,,,,,,,,,,,,,,\n"
        "3,1,2026-11-20T10:00:00-05:00,ann,,,,,,,,,,,,,,,,,,elbow,,\n").encode())
    r.run(DB + ["import", "health_history", os.path.basename(bad_health)], expect=2)

    # A 1 MB note is fine; a NUL byte or invalid UTF-8 is not.
    big = r.write_file("big-note.txt", b"x" * 1_000_000)
    r.run(DB + session + ["--notes-file", os.path.basename(big)], expect=0, record=False)
    stored = sqlite3.connect(os.path.join(r.workdir, "clinic.db")).execute(
        "SELECT length(notes) FROM sessions ORDER BY id DESC LIMIT 1").fetchone()[0]
    if stored != 1_000_000:
        raise Failure(f"the 1 MB note was stored as {stored} characters")
    r.transcript.append("1 MB note stored whole\n")
    nul = r.write_file("nul-note.txt", b"before\x00after")
    r.run(DB + session + ["--notes-file", "nul-note.txt"], expect=2)
    r.run(DB + session + ["--notes-file", "-"], stdin=b"caf\xe9", expect=2)
    r.run(DB + session + ["--notes", "a", "--notes-file", os.path.basename(nul)], expect=2)


def case_read_only(r):
    """A database the user may read but not write: exit 1, nothing written."""
    seed_basic(r)
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        r.transcript.append("skipped: needs root and setpriv\n")
        return
    os.chmod(r.workdir, 0o755)
    for name in os.listdir(r.workdir):
        os.chmod(os.path.join(r.workdir, name), 0o644)
    nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    r.run(DB + ["client", "add", "--name", "X"], expect=1, prefix=nobody)
    r.run(DB + ["config", "set", "recur.count", "4"], expect=1, prefix=nobody)


def case_demo(r):
    """The demo clinic: deterministic, consistent, private."""
    r.run(DB + ["--tz", "America/New_York", "demo", "--seed", "1"], expect=0)
    path = os.path.join(r.workdir, "clinic.db")
    mode = stat.S_IMODE(os.stat(path).st_mode)
    if mode != 0o600:
        raise Failure(f"clinic.db has mode {oct(mode)}, expected 0600")
    con = sqlite3.connect(path)
    checks = [con.execute("PRAGMA integrity_check").fetchall(),
              con.execute("PRAGMA foreign_key_check").fetchall(),
              con.execute("PRAGMA user_version").fetchall()]
    con.close()
    if checks != [[("ok",)], [], [(8,)]]:
        raise Failure(f"demo database checks: {checks}")
    r.transcript.append("mode 0600, integrity ok, no foreign key problems, user_version 7\n")
    r.run(DB + ["therapist", "list"], expect=0)
    r.run(DB + ["client", "list", "--search", "a"], expect=0)
    r.run(DB + ["report", "list", "--open"], expect=0)
    r.run(DB + ["client", "show", "3"], expect=0)
    r.run(DB + ["session", "list", "--from", "2026-11-14"], expect=0)
    r.run(DB + ["db", "check"], expect=0)
    # The same seed at the same now gives the same clinic.
    again = os.path.join(r.workdir, "again.db")
    r.run(["--db", again, "--tz", "America/New_York", "demo", "--seed", "1"], expect=0,
          record=False)
    strip = lambda p: [line for line in sqlite3.connect(p).iterdump()
                       if "audit_log" not in line]
    if strip(path) != strip(again):
        raise Failure("two demo runs with the same seed differ")
    r.transcript.append("a second demo with seed 1 is identical\n")


def case_flags(r):
    """The demo clinic's flags: every rule fires; reviews, filters, --fail-on."""
    r.run(DB + ["--tz", "America/New_York", "demo", "--seed", "1"], expect=0)
    _, out, _ = r.run(DB + ["flags", "--format", "csv"], expect=0)
    fired = {line.split(",")[1] for line in out.splitlines()[1:]}
    for rule in ["persistent", "weakness", "worsening", "accompanied", "trunk", "spread",
                 "recurrent", "nerve"]:
        if rule not in fired:
            raise Failure(f"the demo clinic fires no '{rule}' flag")
    r.run(DB + ["flags", "--level", "refer"], expect=0)
    r.run(DB + ["flags", "--client", "3", "--format", "json"], expect=0)
    r.run(DB + ["flags", "--client", "1", "--as-of", "2026-11-19 12:00"], expect=0)
    r.run(DB + ["flags", "--level", "refer", "--fail-on", "refer", "--format", "csv"], expect=3)
    r.run(DB + ["flags", "review", "weakness", "3", "s3:shoulder:left", "--action", "referred",
                "--note", "Sent to her GP"], expect=0)
    r.run(DB + ["flags", "--client", "3"], expect=0)
    r.run(DB + ["flags", "--client", "3", "--unreviewed"], expect=0)
    r.run(DB + ["flags", "review", "weakness", "3", "s99:neck:midline", "--action", "referred"],
          expect=2)
    r.run(DB + ["flags", "review", "sparkle", "3", "s3:shoulder:left", "--action", "referred"],
          expect=2)
    r.run(DB + ["flags", "review", "weakness", "3", "s3:shoulder:left", "--action", "ignored"],
          expect=2)
    r.run(DB + ["flags", "--level", "urgent"], expect=2)
    r.run(DB + ["flags", "--client", "999"], expect=2)
    r.run(DB + ["flags", "--as-of", "2026-03-08 02:30"], expect=2)


def case_rules_doc(r):
    """Every worked example in docs/rules.md fires the rule it documents."""
    import re
    docs = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "rules.md")
    with open(docs, encoding="utf-8") as f:
        text = f.read()
    examples = 0
    rules = {"persistent", "weakness", "worsening", "accompanied", "trunk", "spread",
             "recurrent", "nerve", "clot"}
    for section in re.split(r"^## ", text, flags=re.M)[1:]:
        rule = section.split("\n", 1)[0].strip()
        for block in re.findall(r"```sh\n(.*?)```", section, flags=re.S):
            for name in os.listdir(r.workdir):
                os.remove(os.path.join(r.workdir, name))
            lines = [l for l in block.splitlines() if l.strip()]
            if rule not in rules:
                # Reviews and the guard: every line kept, a "# refused" one exits 2.
                r.transcript.append(f"## {rule}\n")
                for line in lines:
                    command, _, comment = line.partition("  # ")
                    r.run(shlex.split(command)[1:], expect=2 if comment == "refused" else 0)
                continue
            for line in lines[:-1]:
                r.run(shlex.split(line)[1:], expect=0, record=False)
            code, out, err = r.run(shlex.split(lines[-1])[1:], expect=0, record=False)
            if f"  {rule}  " not in out:
                raise Failure(f"docs/rules.md example for '{rule}' does not fire it:\n{out}{err}")
            r.transcript.append(f"{rule}: {out.splitlines()[0]}\n")
            examples += 1
    if examples < 10:
        raise Failure(f"docs/rules.md has only {examples} examples")


def case_clinical(r):
    """Clinical safety: no current reaction drops off every list, and no flag
    hides behind a typo. Now is 2026-11-21 10:00 in New York."""
    def add(*args, expect=0):
        return r.run(DB + list(args), expect=expect)
    add("init", "--tz", "America/New_York")
    add("therapist", "add", "--name", "Rosa Larsen")
    for name in ["Ana Souza", "Bruno Keller", "Chloé Martin"]:
        add("client", "add", "--name", name)

    # 1. A reaction that comes back reopens its episode as a new bout.
    add("session", "add", "--client", "1", "--therapist", "1", "--at", "2026-11-02 10:00",
        "--technique", "swedish", "--pressure", "2", "--region", "calf:left")
    add("report", "add", "--session", "1", "--onset", "2026-11-02 18:00", "--reported-at",
        "2026-11-03 09:00", "--region", "calf:left", "--severity", "3", "--still-present", "yes")
    add("report", "add", "--session", "1", "--onset", "2026-11-02 18:00", "--reported-at",
        "2026-11-05 09:00", "--region", "calf:left", "--severity", "2", "--still-present", "no")
    add("report", "list", "--open")
    add("report", "add", "--session", "1", "--onset", "2026-11-05 09:01", "--reported-at",
        "2026-11-16 09:00", "--region", "calf:left", "--severity", "3", "--still-present", "yes")
    add("report", "list", "--open")
    add("flags", "--client", "1")
    add("followup", "due")
    add("summary", "client", "1")

    # 2. The nerve rule looks back over every session of the last 7 days.
    add("session", "add", "--client", "2", "--therapist", "1", "--at", "2026-11-16 10:00",
        "--technique", "deep-tissue", "--pressure", "5", "--region", "shoulder:left")
    add("session", "add", "--client", "2", "--therapist", "1", "--at", "2026-11-18 10:00",
        "--technique", "swedish", "--pressure", "1", "--region", "shoulder:left")
    add("report", "add", "--session", "3", "--onset", "2026-11-18 20:00", "--reported-at",
        "2026-11-19 09:00", "--region", "shoulder:left", "--severity", "4", "--pain", "yes")
    add("flags", "--client", "2")

    # 3. Recurrence within any 90-day span: 80 days apart, the first 90 d 30 min ago.
    for session, day in [(4, "2026-08-23 09:30"), (5, "2026-10-02 09:30"), (6, "2026-11-11 09:30")]:
        add("session", "add", "--client", "3", "--therapist", "1", "--at", day,
            "--technique", "sports", "--pressure", "3", "--region", "thigh-front:right")
        add("report", "add", "--session", str(session), "--onset", day, "--reported-at", day,
            "--region", "thigh-front:right", "--kind", "cramp", "--severity", "5",
            "--still-present", "no")
    add("flags", "--client", "3", "--level", "refer")

    # 4. Nothing typed may lie more than entry.future_minutes (15) ahead.
    add("session", "add", "--client", "1", "--therapist", "1", "--at", "2026-11-21 10:15",
        "--technique", "swedish", "--pressure", "2")
    add("session", "add", "--client", "1", "--therapist", "1", "--at", "2026-11-21 10:16",
        "--technique", "swedish", "--pressure", "2", expect=2)
    add("report", "add", "--session", "3", "--onset", "2026-11-19 20:00", "--reported-at",
        "2027-11-21 10:00", "--region", "shoulder:left", "--severity", "4", "--weakness", "yes",
        expect=2)
    add("report", "add", "--session", "3", "--onset", "2026-11-21 10:16", "--region",
        "shoulder:left", "--severity", "4", expect=2)
    add("report", "add", "--session", "3", "--onset", "2026-11-19 20:00", "--resolved-at",
        "2026-11-22 08:00", "--region", "shoulder:left", "--severity", "4", expect=2)
    add("followup", "log", "--session", "3", "--outcome", "no-answer", "--at", "2026-11-22 09:00",
        expect=2)
    add("summary", "clinic", "--from", "2026-11-20", "--to", "2026-11-01", expect=2)
    # A session stored a year ahead before entry refused it does not count "until now".
    shell(os.path.join(r.workdir, "clinic.db"),
          "INSERT INTO sessions (client_id, therapist_id, started_at, duration_min, technique_id, "
          "pressure, created_by, created_at) VALUES (1, 1, '2027-11-20T15:00:00Z', 60, 1, 2, "
          "'legacy', '2026-01-01T00:00:00Z')")
    _, out, _ = add("summary", "clinic")
    if "Sessions: 7 " not in out:
        raise Failure(f"summary clinic counts the session a year ahead:\n{out}")
    # Staff void it; from then on massagelog vouches for the row as it is.
    ahead = sqlite3.connect(os.path.join(r.workdir, "clinic.db")).execute(
        "SELECT max(id) FROM sessions").fetchone()[0]
    add("db", "check", expect=1)
    add("session", "void", str(ahead), "--reason", "entered a year ahead")

    # 5. A side must fit its region; stored misfits stay readable and db check names them.
    add("session", "add", "--client", "1", "--therapist", "1", "--at", "2026-11-20 10:00",
        "--technique", "swedish", "--pressure", "2", "--region", "calf:midline", expect=2)
    add("session", "add", "--client", "1", "--therapist", "1", "--at", "2026-11-20 10:00",
        "--technique", "swedish", "--pressure", "2", "--region", "abdomen:left", expect=2)
    add("report", "add", "--session", "1", "--onset", "2026-11-02 18:00", "--region",
        "neck:right", "--severity", "2", expect=2)
    # Old records arrive by import, as they were kept.
    with open(os.path.join(r.workdir, "old-sessions.csv"), "w") as f:
        f.write("id,started_at,client_id,client,therapist_id,therapist,duration_min,technique,"
                "pressure,regions,notes,created_by,created_at,voided_at,void_reason\n"
                "50,2025-06-02T10:00:00-04:00,1,Ana Souza,1,Rosa Larsen,60,swedish,2,"
                "calf:midline:2,,legacy,2025-06-02T10:00:00-04:00,,\n")
    add("import", "sessions", "old-sessions.csv")
    add("session", "show", "50")
    add("db", "check")

    # 6. Archiving does not hide unreviewed refer flags.
    add("client", "archive", "2", expect=2)
    add("client", "archive", "2", "--despite-flags", expect=2)
    add("client", "archive", "2", "--despite-flags", "--reason", "Moved abroad; GP told by letter")
    con = sqlite3.connect(os.path.join(r.workdir, "clinic.db"))
    detail = con.execute("SELECT detail FROM audit_log WHERE action = 'archive'").fetchone()[0]
    con.close()
    r.transcript.append(f"archive audited: {detail}\n")

    # 7. On a terminal, report add offers the client's sessions only, and names the client.
    path = os.path.join(r.workdir, "clinic.db")
    before = snapshot(path)
    code, out = pty_run(r, DB + ["report", "add"], [
        ("Client (name, part of it, or ID)", "Ana"),
        ("Session", "3"),                                     # Bruno's session: asked again
        ("Session", "1"),
        ("When did it start", "2026-11-20 08:00"),
        ("Where", "calf:midline"),                            # not a side of the calf: asked again
        ("Where", "calf:left"),
        ("Severity", "2"),
        ("Kind", ""),
        ("How often", ""),
        ("Still there", ""),
    ] + [(q, "") for q in ["Weakness", "Loss of control", "Pain", "Fatigue", "Vision changes",
                           "Numbness", "Stiffness", "What the client said"]] + [("Save it?", "n")])
    for expected in ["session 3 is not one of Ana Souza's listed above",
                     "the calf takes left, right or both only",
                     "Report for session 1 of Ana Souza (client 1, 2026-11-02 10:00)"]:
        if expected not in out:
            raise Failure(f"the dialogue lacks {expected!r}:\n{out}")
    if code != 2 or snapshot(path) != before:
        raise Failure(f"answering no did not cancel cleanly (exit {code}):\n{out}")
    r.transcript.append("interactive report add: another client's session and a misfit side "
                        "asked again; the confirmation names the client\n")


def case_data_safety(r):
    """No command clobbers a file, loses history or leaves a record nobody
    can read. Devices are private nodes made with mknod in the test's folder,
    never the system's /dev."""
    import hashlib
    import threading
    w = r.workdir
    path = os.path.join(w, "clinic.db")

    def digest(name):
        with open(os.path.join(w, name), "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()

    def last_audit():
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        row = con.execute("SELECT action, entity, outcome, detail FROM audit_log "
                          "ORDER BY id DESC LIMIT 1").fetchone()
        con.close()
        return row

    r.run(DB + ["init", "--tz", "Europe/Berlin"], expect=0)
    r.run(DB + ["therapist", "add", "--name", "Rosa Larsen"], expect=0)
    r.run(DB + ["client", "add", "--name", "Ana Souza"], expect=0)

    # 1. Never the database, its -wal/-shm or a backup; an existing file only with --force.
    before = digest("clinic.db")
    for target in ["clinic.db", "clinic.db-wal", "clinic.db-shm", "./clinic.db"]:
        r.run(DB + ["export", "clients", "-o", target], expect=2)
    r.run(DB + ["summary", "client", "1", "-o", "clinic.db", "--force"], expect=2)
    r.run(DB + ["db", "backup", "backup.db"], expect=0)
    r.run(DB + ["export", "clients", "-o", "backup.db", "--force"], expect=2)
    os.symlink("clinic.db", os.path.join(w, "link.csv"))
    r.run(DB + ["export", "clients", "-o", "link.csv", "--force"], expect=2)
    r.run(DB + ["export", "clients", "-o", "clients.csv"], expect=0)
    first = digest("clients.csv")
    r.run(DB + ["client", "add", "--name", "Bruno Keller"], expect=0)
    r.run(DB + ["export", "clients", "-o", "clients.csv"], expect=2)
    if digest("clients.csv") != first:
        raise Failure("an existing file was changed without --force")
    r.run(DB + ["export", "clients", "-o", "clients.csv", "--force"], expect=0)
    r.run(DB + ["export", "clients", "-o", w], expect=2)
    r.run(DB + ["db", "check"], expect=0)

    # 2. A FIFO and devices are written into as streams, never replaced.
    os.mknod(os.path.join(w, "full"), 0o600 | stat.S_IFCHR, os.makedev(1, 7))
    os.mknod(os.path.join(w, "null"), 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    r.run(DB + ["export", "clients", "-o", "full"], expect=1, audits_failure=True)
    r.transcript.append(f"last audit row: {last_audit()[:3]}\n")
    r.run(DB + ["export", "clients", "-o", "null"], expect=0)
    for dev in ["full", "null"]:
        if not stat.S_ISCHR(os.stat(os.path.join(w, dev)).st_mode):
            raise Failure(f"the device node {dev} was replaced")
    fifo = os.path.join(w, "pipe")
    os.mkfifo(fifo, 0o600)
    received = []
    reader = threading.Thread(target=lambda: received.append(open(fifo, "rb").read()))
    reader.start()
    r.run(DB + ["export", "clients", "-o", "pipe"], expect=0)
    reader.join(timeout=10)
    if not stat.S_ISFIFO(os.stat(fifo).st_mode) or not received or b"Bruno Keller" not in received[0]:
        raise Failure("the FIFO was not written into as a stream")
    lines = received[0].count(b"\r\n")
    r.transcript.append(f"the FIFO received {lines} lines and is still a FIFO\n")

    # 9. An export to standard output that fails is audited as failed, exit 1.
    with open(os.path.join(w, "full"), "wb") as full:
        proc = subprocess.run([r.binary] + DB + ["export", "clients"], cwd=w, env=r.env,
                              stdout=full, stderr=subprocess.PIPE)
    r.transcript.append(f"$ massagelog --db clinic.db export clients > full\n"
                        f"{proc.stderr.decode()}[exit {proc.returncode}]\n"
                        f"last audit row: {last_audit()[:3]}\n")
    if proc.returncode != 1:
        raise Failure("an export to a full device did not exit 1")

    # 3. One range of times, checked on the stored UTC value.
    r.run(DB + ["session", "add", "--client", "1", "--therapist", "1", "--at", "1900-01-01 00:00",
                "--technique", "swedish", "--pressure", "2"], expect=2)
    r.run(DB + ["session", "add", "--client", "1", "--therapist", "1", "--at", "1900-01-01 01:00",
                "--technique", "swedish", "--pressure", "2"], expect=0)
    r.run(DB + ["session", "list"], expect=0)
    shell(path, "INSERT INTO sessions (client_id, therapist_id, started_at, duration_min, "
                "technique_id, pressure, created_by, created_at) VALUES (1, 1, "
                "'1899-12-31T23:00:00Z', 60, 1, 2, 'legacy', '2026-01-01T00:00:00Z')")
    r.run(DB + ["db", "check"], expect=1)
    r.run(DB + ["session", "void", "2", "--reason", "entered before times were checked"], expect=0)
    # Every reader reads it, and once voided it is only a warning.
    r.run(DB + ["session", "list"], expect=0)
    r.run(DB + ["export", "sessions"], expect=0)
    r.run(DB + ["summary", "client", "1"], expect=0)
    r.run(DB + ["db", "check"], expect=0)

    # 4. Input files: a folder, an endless stream, a binary file.
    os.mknod(os.path.join(w, "zero"), 0o600 | stat.S_IFCHR, os.makedev(1, 5))
    os.mknod(os.path.join(w, "random"), 0o600 | stat.S_IFCHR, os.makedev(1, 9))
    r.run(DB + ["client", "add", "--name", "Folder Notes", "--notes-file", w], expect=2)
    r.run(DB + ["client", "add", "--name", "Zero Notes", "--notes-file", "zero"], expect=2)
    r.run(DB + ["import", "clients", "zero"], expect=2)
    code, _, err = r.run(DB + ["import", "clients", "random"], expect=2, record=False)
    if not err.isprintable() and not all(c.isprintable() or c == "\n" for c in err):
        raise Failure(f"the error about a binary file is not printable: {err!r}")
    r.transcript.append("import clients random: exit 2, a printable message\n")
    endless = os.path.join(w, "endless")
    os.mkfifo(endless, 0o600)
    feeder = subprocess.Popen(["sh", "-c", f"yes > {endless}"], stderr=subprocess.DEVNULL)
    try:
        r.run(DB + ["client", "add", "--name", "Endless Notes", "--notes-file", "endless"], expect=2)
    finally:
        feeder.kill()
        feeder.wait()

    # 7. Another program's SQLite file is left byte for byte, exit 2.
    con = sqlite3.connect(os.path.join(w, "other.db"))
    con.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO recipes (name) VALUES ('bread')")
    con.commit()
    con.close()
    other = digest("other.db")
    for args in (["init"], ["db", "migrate"], ["client", "list"]):
        r.run(["--db", "other.db"] + args, expect=2)
    if digest("other.db") != other or os.path.exists(os.path.join(w, "other.db-wal")):
        raise Failure("another program's database was changed")

    # 8. init never changes an existing clinic's zone; config set does, audited.
    r.run(DB + ["init", "--tz", "America/New_York"], expect=2)
    r.run(DB + ["init", "--tz", "Europe/Berlin"], expect=0)
    r.run(DB + ["config", "set", "clinic.tz", "America/New_York"], expect=0)
    r.transcript.append(f"last audit row: {last_audit()}\n")

    # 10. --db pointing at a folder says so.
    r.run(["--db", w, "client", "list"], expect=2)
    r.run(["--db", w, "init"], expect=2)


HISTORY_TABLES = ["settings", "therapists", "clients", "sessions", "reports", "followups",
                  "flag_reviews", "health_history"]


def case_round_trip(r):
    """The whole history moves: every table exported from the demo clinic and
    imported into a new database gives byte-identical flags (with their
    reviews), calls due, client summaries and the clinic summary."""
    old = ["--db", "old.db"]
    new = ["--db", "new.db"]
    r.run(old + ["--tz", "America/New_York", "demo", "--seed", "1"], expect=0, record=False)
    r.run(old + ["config", "set", "persist.watch_days", "4"], expect=0)
    r.run(old + ["flags", "review", "weakness", "3", "s3:shoulder:left", "--action",
                 "acknowledged"], expect=0)
    r.run(old + ["flags", "review", "weakness", "3", "s3:shoulder:left", "--action", "referred",
                 "--note", "Sent to her GP, \"=urgent\""], expect=0)
    r.run(old + ["client", "health", "add", "3", "--clot", "no", "--pregnant", "yes",
                 "--pregnancy-week", "24", "--reduced-sensation", "yes", "--sensation-region",
                 "hand:left", "--recent-surgery", "yes", "--surgery-at", "2026-09-01",
                 "--surgery-region", "thigh-front:right", "--avoid-region",
                 "none", "--preferred-pressure", "light", "--notes", "=SUM(A1) \"quoted\"\nline two"],
          expect=0, record=False)
    r.run(old + ["client", "health", "add", "3", "--anticoagulant", "yes", "--skin-condition", "yes",
                 "--skin-region", "calf:left", "--avoid-region", "face"], expect=0, record=False)
    r.run(old + ["client", "health", "add", "5", "--diabetes", "no"], expect=0, record=False)
    for table in HISTORY_TABLES:
        r.run(old + ["export", table, "-o", f"{table}.csv"], expect=0)
    r.run(new + ["init", "--tz", "America/New_York"], expect=0)
    # Out of order: a call before its session exists is refused, and nothing is written.
    r.run(new + ["import", "followups", "followups.csv"], expect=2, record=False)
    for table in HISTORY_TABLES:
        r.run(new + ["import", table, f"{table}.csv"], expect=0)
    r.run(new + ["import", "followups", "followups.csv"], expect=2, record=False)

    def views(db):
        out = {}
        for name, args in [("flags", ["flags", "--format", "csv"]),
                           ("due", ["followup", "due"]),
                           ("clinic", ["summary", "clinic"]),
                           ("client 3 html", ["summary", "client", "3", "--format", "html"])]:
            out[name] = r.run(db + args, record=False)[1]
        for client in range(1, 11):
            out[f"client {client}"] = r.run(db + ["summary", "client", str(client)],
                                            record=False)[1]
        return out
    before, after = views(old), views(new)
    for name in before:
        if before[name] != after[name]:
            raise Failure(f"'{name}' differs after the round trip")
    if ",tester,referred," not in before["flags"] or "Reviewed:   referred by tester" not in before["client 3"]:
        raise Failure("the review is not in what was compared")
    if "anticoagulant or antiplatelet medication: yes" not in before["client 3"]:
        raise Failure("the health history is not in what was compared")
    r.transcript.append(f"identical after the round trip: {', '.join(before)}\n")
    r.run(new + ["export", "health_history", "-o", "health_again.csv"], expect=0, record=False)
    with open(os.path.join(r.workdir, "health_history.csv"), "rb") as a, \
            open(os.path.join(r.workdir, "health_again.csv"), "rb") as b:
        if a.read() != b.read():
            raise Failure("health_history.csv differs after the round trip")
    r.transcript.append("health_history.csv is byte-identical after the round trip\n")
    r.run(new + ["export", "health_history"], expect=0)
    r.run(new + ["db", "check"], expect=0)
    r.run(new + ["export", "flag_reviews"], expect=0)
    r.run(new + ["export", "settings"], expect=0)


def check_html(path):
    """The HTML reports: well-formed XML (an XHTML-compatible document), private,
    self-contained: no script and nothing fetched over the network."""
    import xml.etree.ElementTree as ET
    mode = stat.S_IMODE(os.stat(path).st_mode)
    if mode != 0o600:
        raise Failure(f"{path} has mode {oct(mode)}, expected 0600")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as e:
        raise Failure(f"{path} is not well-formed: {e}")
    ns = "{http://www.w3.org/1999/xhtml}"
    if root.tag != ns + "html":
        raise Failure(f"{path}: root element is {root.tag}")
    if root.find(f".//{ns}script") is not None or "<script" in text:
        raise Failure(f"{path} contains a script")
    for attr in ("src", "href"):
        for el in root.iter():
            if el.get(attr):
                raise Failure(f"{path}: {el.tag} refers to {el.get(attr)}")
    if "@import" in text or "url(" in text:
        raise Failure(f"{path} loads something from elsewhere")
    if shutil.which("xmllint"):
        proc = subprocess.run(["xmllint", "--noout", path], capture_output=True)
        if proc.returncode != 0:
            raise Failure(f"xmllint: {proc.stderr.decode()}")
    return root


def case_reports(r):
    """Follow-ups due and logged, the client's report (text and HTML) and
    the clinic's report."""
    r.run(DB + ["--tz", "America/New_York", "demo", "--seed", "1"], expect=0)
    r.run(DB + ["followup", "due"], expect=0)
    r.run(DB + ["followup", "due", "--format", "csv"], expect=0)
    r.run(DB + ["followup", "log", "--session", "17", "--outcome", "no-reaction",
                "--notes", "Feels fine, a little sore."], expect=0)
    r.run(DB + ["followup", "log", "--session", "17", "--outcome", "maybe"], expect=2)
    r.run(DB + ["followup", "log", "--session", "14", "--outcome", "no-answer"], expect=2)
    r.run(DB + ["followup", "log", "--session", "3", "--outcome", "no-answer",
                "--at", "2026-12-01 10:00"], expect=2)
    _, out, _ = r.run(DB + ["followup", "due", "--format", "csv"], expect=0, record=False)
    if ",17," in out:
        raise Failure("a logged call is still listed as due")
    r.transcript.append("session 17's check-in is gone from the list after the call\n")
    r.run(DB + ["followup", "due", "--as-of", "2026-11-23 12:00", "--format", "csv"], expect=0)
    r.run(DB + ["summary", "client", "4"], expect=0)
    r.run(DB + ["summary", "client", "3", "--format", "html", "-o", "client3.html"], expect=0)
    root = check_html(os.path.join(r.workdir, "client3.html"))
    ns = "{http://www.w3.org/2000/svg}"
    charts = root.findall(f".//{ns}svg")
    if len(charts) != 1:
        raise Failure(f"client3.html has {len(charts)} charts, expected one per episode (1)")
    r.transcript.append("client3.html: well-formed XHTML, mode 0600, no script, 1 SVG chart\n")
    r.run(DB + ["summary", "client", "2", "--format", "pdf"], expect=2)
    r.run(DB + ["summary", "client", "999"], expect=2)
    r.run(DB + ["summary", "clinic", "--from", "2026-08-01", "--to", "2026-11-21"], expect=0)
    r.run(DB + ["summary", "clinic", "--format", "html", "-o", "clinic.html"], expect=0)
    check_html(os.path.join(r.workdir, "clinic.html"))
    r.run(DB + ["summary", "clinic", "-o", "no-such-folder/clinic.txt"], expect=1)
    con = sqlite3.connect(os.path.join(r.workdir, "clinic.db"))
    rows = con.execute("SELECT action, entity, client_id, json_extract(detail, '$.path') "
                       "FROM audit_log WHERE action = 'export' ORDER BY id").fetchall()
    con.close()
    r.transcript.append("".join(f"audit: {a} {e} client={c} {os.path.basename(p)}\n"
                                for a, e, c, p in rows))


def case_referral(r):
    """The referral letter to a physician: as HTML and as a FHIR R4 Bundle
    (both whole in the golden; tests/fhir validates Bundles), as a PDF
    through WeasyPrint read back with pdftotext, and its refusals."""
    import re
    r.run(DB + ["--tz", "America/New_York", "demo", "--seed", "1"], expect=0, record=False)
    r.run(DB + ["referral", "3", "--to", "Dr Ada Lee, Riverside Practice"], expect=0)
    r.run(DB + ["referral", "3", "--flag", "weakness:s3:shoulder:left", "-o", "r3.html"],
          expect=0)
    check_html(os.path.join(r.workdir, "r3.html"))
    r.transcript.append("r3.html: well-formed XHTML, mode 0600, no script\n")
    r.run(DB + ["referral", "3", "--format", "fhir", "--to", "Dr Ada Lee"], expect=0)
    r.run(DB + ["referral", "1"], expect=2)  # no refer flag stands
    r.run(DB + ["referral", "3", "--flag", "weakness:s9:calf:left"], expect=2)
    r.run(DB + ["referral", "3", "--flag", "weakness"], expect=2)
    r.run(DB + ["referral", "3", "--format", "pdf"], expect=2)  # a PDF needs a file
    r.run(DB + ["referral", "3", "--format", "docx", "-o", "r3.docx"], expect=2)
    r.run(DB + ["referral", "999"], expect=2)
    # Without WeasyPrint on the PATH: the error names the package, nothing written.
    path = r.env["PATH"]
    r.env["PATH"] = "/nonexistent"
    r.run(DB + ["referral", "3", "--format", "pdf", "-o", "none.pdf"], expect=1)
    r.env["PATH"] = path
    if os.path.exists(os.path.join(r.workdir, "none.pdf")):
        raise Failure("a failed PDF left a file")
    _, out, _ = r.run(DB + ["flags", "--client", "3", "--level", "refer", "--format", "csv"],
                      expect=0, record=False)
    evidence = [row[6] for row in csv_rows(out)[1:] if row[13] not in ("cleared", "dismissed")]
    r.run(DB + ["referral", "3", "--format", "pdf", "-o", "r3.pdf"], expect=0, record=False)
    pages = int(re.search(r"^Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", os.path.join(r.workdir, "r3.pdf")], capture_output=True, text=True,
        check=True).stdout, re.M).group(1))
    text = subprocess.run(["pdftotext", "-layout", os.path.join(r.workdir, "r3.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for words in ["Referral to a physician: Chloé Martin", f"page {pages} of {pages}"] + evidence:
        if " ".join(words.split()) not in flat:
            raise Failure(f"the PDF letter lacks {words!r}:\n{text}")
    mode = stat.S_IMODE(os.stat(os.path.join(r.workdir, "r3.pdf")).st_mode)
    r.transcript.append(f"r3.pdf: A4 PDF, mode {oct(mode)}, {pages} pages numbered 'page N of "
                        f"{pages}', the client and the evidence of all {len(evidence)} refer "
                        "flags in its text\n")
    con = sqlite3.connect(os.path.join(r.workdir, "clinic.db"))
    rows = con.execute("SELECT entity, client_id, json_extract(detail, '$.path') FROM audit_log "
                       "WHERE action = 'export' ORDER BY id").fetchall()
    con.close()
    r.transcript.append("".join(f"audit: export {e} client={c} {os.path.basename(p)}\n"
                                for e, c, p in rows))


def csv_rows(text):
    import csv
    import io
    return list(csv.reader(io.StringIO(text)))


def read_csv(path):
    """Parses a CSV file with Python's csv module, an independent reader."""
    import csv
    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def case_csv(r):
    """Exports: golden, RFC 4180, read back by Python's csv module; imports:
    the round trip is exact, every bad row is named, nothing half-written."""
    import csv
    import random
    run = lambda args, **kw: r.run(DB + args, **kw)
    run(["--tz", "America/New_York", "demo", "--seed", "3", "--clients", "16",
         "--sessions", "30"], expect=0)
    tricky = [("=cmd|' /C calc'!A0", "+1 555 0199", "line one\nline two, \"quoted\""),
              ("'-already quoted", "-", "@mention\ttab"),
              ("Zoë Ñúñez-李", "", "'''=three quotes")]
    for name, phone, notes in tricky:
        args = ["client", "add", "--name", name, "--notes", notes]
        if phone:
            args += ["--phone", phone]
        run(args, expect=0, record=False)
    tables = ["therapists", "clients", "sessions", "reports", "followups", "flags", "audit"]
    for t in tables:
        run(["export", t, "-o", f"{t}.csv"], expect=0, record=False)
        with open(os.path.join(r.workdir, f"{t}.csv"), "rb") as f:
            data = f.read()
        if any(not line.endswith(b"\r") for line in data.split(b"\n")[:1]):
            raise Failure(f"{t}.csv lines do not end in CRLF")
        rows = read_csv(os.path.join(r.workdir, f"{t}.csv"))
        if t == "audit":  # the OS account and the hashes differ between machines
            keep = [i for i, c in enumerate(rows[0]) if c not in ("os_user", "prev_hash", "row_hash")]
            text = "".join(",".join(row[i] for i in keep) + "\n" for row in rows)
        else:
            text = data.decode("utf-8")
        r.transcript.append(f"== export {t}\n{text}")

    # Python's csv module reads back what the database holds.
    con = sqlite3.connect(os.path.join(r.workdir, "clinic.db"))
    db_clients = {row[0]: tuple(row[1:]) for row in con.execute(
        "SELECT id, name, coalesce(phone, ''), coalesce(notes, '') FROM clients")}
    db_reports = {row[0]: tuple(row[1:]) for row in con.execute(
        "SELECT id, severity, coalesce(weakness, -1), coalesce(pain, -1) FROM reports")}
    con.close()

    def unneutralise(v):
        rest = v[1:].lstrip("'")
        return v[1:] if v.startswith("'") and rest[:1] in ("=", "+", "-", "@", "\t", "\r") else v

    for row in read_csv(os.path.join(r.workdir, "clients.csv"))[1:]:
        got = (unneutralise(row[1]), unneutralise(row[2]), unneutralise(row[5]))
        if db_clients[int(row[0])] != got:
            raise Failure(f"clients.csv row {row[0]} reads back as {got}")
    tri = {"yes": 1, "no": 0, "": -1}
    reports = read_csv(os.path.join(r.workdir, "reports.csv"))
    header = reports[0]
    for row in reports[1:]:
        got = (int(row[header.index("severity")]), tri[row[header.index("weakness")]],
               tri[row[header.index("pain")]])
        if db_reports[int(row[0])] != got:
            raise Failure(f"reports.csv row {row[0]} reads back as {got}")
    r.transcript.append("Python's csv module reads the same values as the database holds\n")

    # Round trip into an empty database: identical bytes.
    other = ["--db", "copy.db"]
    r.run(other + ["init", "--tz", "America/New_York"], expect=0, record=False)
    for t in tables[:4]:
        r.run(other + ["import", t, f"{t}.csv"], expect=0)
    for t in tables[:4]:
        r.run(other + ["export", t, "-o", f"copy-{t}.csv"], expect=0, record=False)
        with open(os.path.join(r.workdir, f"{t}.csv"), "rb") as a, \
                open(os.path.join(r.workdir, f"copy-{t}.csv"), "rb") as b:
            if a.read() != b.read():
                raise Failure(f"{t}: export, import, export is not byte-identical")
    r.transcript.append("round trip: therapists, clients, sessions, reports byte-identical\n")

    # With a byte order mark, LF line ends and the columns reordered.
    r.run(["--db", "bom.db", "init", "--tz", "America/New_York"], expect=0, record=False)
    run(["export", "therapists", "--bom", "-o", "bom-therapists.csv"], expect=0, record=False)
    r.run(["--db", "bom.db", "import", "therapists", "bom-therapists.csv"], expect=0)
    rows = read_csv(os.path.join(r.workdir, "clients.csv"))
    order = list(range(len(rows[0])))
    random.Random(5).shuffle(order)
    with open(os.path.join(r.workdir, "shuffled.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        for row in rows:
            w.writerow([row[i] for i in order])
    r.run(["--db", "bom.db", "import", "clients", "shuffled.csv"], expect=0)
    r.run(["--db", "bom.db", "export", "clients", "-o", "bom-clients.csv"], expect=0, record=False)
    with open(os.path.join(r.workdir, "clients.csv"), "rb") as a, \
            open(os.path.join(r.workdir, "bom-clients.csv"), "rb") as b:
        if a.read() != b.read():
            raise Failure("reordered LF clients.csv does not import to the same rows")
    r.transcript.append("a BOM, LF line ends and a reordered header import the same rows\n")

    # Refusals: nothing written (the runner compares the database before and after).
    with open(os.path.join(r.workdir, "missing.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        for row in rows:
            w.writerow(row[:4] + row[5:])  # no birth_date
    run(["import", "clients", "missing.csv"], expect=2)
    run(["import", "clients", "clients.csv"], expect=2)  # the ids exist already
    run(["import", "audit", "audit.csv"], expect=2)
    run(["import", "clients", "no-such.csv"], expect=2)
    with open(os.path.join(r.workdir, "big.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(rows[0])
        for i in range(1, 10000):
            birth = "1990-13-01" if i == 4999 else "1990-01-01"
            w.writerow([1000 + i, f"Client {i}", "", "", birth, "", "2026-01-01T10:00:00-05:00", ""])
    r.run(["--db", "bom.db", "import", "clients", "big.csv"], expect=2)
    bad = [rows[0],
           ["900", "Ok"] + rows[1][2:],
           ["901", "", "", "", "", "", "2026-01-01T10:00:00-05:00", ""],
           ["902", "Two", "", "x@", "2030-01-01", "", "2026-01-01T10:00:00-05:00", ""],
           ["abc", "Three", "", "", "", "", "yesterday-ish", ""],
           ["904", "Four"]]
    with open(os.path.join(r.workdir, "bad.csv"), "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(bad)
    run(["import", "clients", "bad.csv", "--dry-run"], expect=2)
    good = rows[:1] + [[str(2000 + i)] + row[1:] for i, row in enumerate(rows[1:])]
    with open(os.path.join(r.workdir, "good.csv"), "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(good)
    run(["import", "clients", "good.csv", "--dry-run"], expect=0)
    count = snapshot(os.path.join(r.workdir, "clinic.db"))["clients"]
    r.transcript.append(f"after the dry run: {count} clients\n")


def shell(path, sql):
    """The sqlite3 command-line shell, as someone tampering with the file would use it."""
    proc = subprocess.run(["sqlite3", path, sql], capture_output=True)
    if proc.returncode != 0:
        raise Failure(f"sqlite3 {sql}: {proc.stderr.decode()}")


def clients_csv(path, first_id, count, notes_bytes=0):
    import csv
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["id", "name", "phone", "email", "birth_date", "notes", "created_at",
                    "archived_at"])
        for i in range(count):
            w.writerow([first_id + i, f"Client {first_id + i}", "+1 555 0100", "", "1980-01-01",
                        "n" * notes_bytes, "2026-01-01T10:00:00Z", ""])


def case_integrity(r):
    """db check, backup and restore catch what was tampered with."""
    seed_basic(r)
    run = lambda args, **kw: r.run(DB + args, **kw)
    run(["client", "add", "--name", "Second"], expect=0, record=False)
    run(["db", "backup", "backup.db"], expect=0, record=False)
    mode = stat.S_IMODE(os.stat(os.path.join(r.workdir, "backup.db")).st_mode)
    r.transcript.append(f"backup.db mode {oct(mode)}\n")
    run(["db", "backup", "backup.db"], expect=2)
    path = os.path.join(r.workdir, "clinic.db")
    # Edit an audit row behind massagelog's back.
    shell(path, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE id = 3;")
    run(["db", "check"], expect=1)
    run(["db", "backup", "tampered.db"], expect=1)
    # Restoring the good backup brings it back; the tampered state is kept aside.
    code, out, _ = run(["db", "restore", "backup.db"], expect=0, record=False)
    run(["db", "check"], expect=0)
    # A removed row is caught too.
    shell(path, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 2;")
    run(["db", "check"], expect=1)
    # A backup that fails its checks is refused, and nothing changes.
    shutil.copy(path, os.path.join(r.workdir, "bad-backup.db"))
    run(["db", "restore", "backup.db"], expect=0, record=False)
    run(["db", "restore", "bad-backup.db"], expect=1)
    with open(os.path.join(r.workdir, "junk.db"), "wb") as f:
        f.write(b"not a database at all" * 100)
    run(["db", "restore", "junk.db"], expect=1)
    run(["db", "restore", "missing.db"], expect=2)

    # The rows themselves: each audit row holds the SHA-256 of the row it wrote.
    def tamper(db, sql):
        shell(db, sql)
        r.transcript.append(f"$ sqlite3 {os.path.basename(db)} {shlex.quote(sql)}\n")
    run(["db", "restore", "backup.db"], expect=0, record=False)
    run(["report", "add", "--session", "1", "--onset", "2026-11-20 18:30", "--region",
         "shoulder:left", "--severity", "4", "--pain", "yes"], expect=0)
    run(["followup", "log", "--session", "1", "--outcome", "reaction-reported"], expect=0)
    run(["db", "backup", "good.db"], expect=0, record=False)
    run(["db", "check"], expect=0)
    tamper(path, "UPDATE reports SET pain = 0")
    with open(path, "rb") as f:
        before = f.read()
    run(["db", "check"], expect=1)
    with open(path, "rb") as f:
        if f.read() != before:
            raise Failure("db check changed the database file")
    tamper(path, "UPDATE session_regions SET pressure = 1 WHERE session_id = 1; "
                "DROP TRIGGER followups_no_delete; DELETE FROM followups; "
                "INSERT INTO clients (name, created_at) VALUES ('Mallory', '2026-11-21T14:00:00Z')")
    run(["db", "check"], expect=1)
    run(["db", "restore", "good.db"], expect=0, record=False)
    run(["db", "check"], expect=0)

    # An import holds digests over the rows it wrote, a chunk of 256 at a time.
    r.run(["--db", "demo.db", "--tz", "America/New_York", "demo", "--seed", "3"], expect=0,
          record=False)
    r.run(["--db", "demo.db", "export", "sessions", "-o", "sessions.csv"], expect=0, record=False)
    r.run(["--db", "moved.db", "init", "--tz", "America/New_York"], expect=0, record=False)
    for table in ["therapists", "clients"]:
        r.run(["--db", "demo.db", "export", table, "-o", f"{table}.csv"], expect=0, record=False)
        r.run(["--db", "moved.db", "import", table, f"{table}.csv"], expect=0, record=False)
    r.run(["--db", "moved.db", "import", "sessions", "sessions.csv"], expect=0)
    r.run(["--db", "moved.db", "db", "check"], expect=0)
    moved = os.path.join(r.workdir, "moved.db")
    tamper(moved, "UPDATE sessions SET pressure = 5 WHERE id = 12")
    r.run(["--db", "moved.db", "db", "check"], expect=1)
    tamper(moved, "UPDATE sessions SET pressure = 1 WHERE id = 12; "
                 "DROP TRIGGER session_regions_no_delete; DROP TRIGGER sessions_no_delete; "
                 "DELETE FROM session_regions WHERE session_id = 30; DELETE FROM sessions WHERE id = 30")
    r.run(["--db", "moved.db", "db", "check"], expect=1)


def case_faults(r):
    """Damaged, newer, read-only, full and size-limited databases: a clear
    error, exit 1, nothing half-written."""
    import resource
    seed_basic(r)
    path = os.path.join(r.workdir, "clinic.db")
    run = lambda args, **kw: r.run(DB + args, **kw)
    # A database from a newer massagelog.
    shutil.copy(path, os.path.join(r.workdir, "newer.db"))
    shell(os.path.join(r.workdir, "newer.db"), "PRAGMA user_version = 99")
    r.run(["--db", "newer.db", "client", "list"], expect=1)
    r.run(["--db", "newer.db", "client", "add", "--name", "X"], expect=1)
    # A corrupt header, and corrupt pages (every page after the first).
    r.run(DB + ["db", "backup", "copy.db"], expect=0, record=False)
    for name, offset in [("header.db", 0), ("pages.db", 4096)]:
        broken = os.path.join(r.workdir, name)
        shutil.copy(os.path.join(r.workdir, "copy.db"), broken)
        size = os.path.getsize(broken)
        with open(broken, "r+b") as f:
            f.seek(offset)
            f.write(b"\xde\xad\xbe\xef" * ((min(size, offset + 4096 * 64) - offset) // 4))
        for args in (["db", "check"], ["client", "list"], ["client", "add", "--name", "X"]):
            code, out, err = r.run(["--db", name] + args, record=False)
            if code != 1 or "massagelog: error:" not in err and "FAILED" not in out:
                raise Failure(f"{' '.join(args)} on {name} exited {code}: {out}{err}")
        r.transcript.append(f"{name}: db check, client list, client add exit 1: "
                            f"{err.splitlines()[0][:70]}...\n")
    # Past a file size limit: the import fails cleanly.
    clients_csv(os.path.join(r.workdir, "many.csv"), 100, 3000, notes_bytes=400)
    size = os.path.getsize(path)
    limit = lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (size + 256 * 1024, size + 256 * 1024))
    before = snapshot(path)
    proc = subprocess.run([r.binary] + DB + ["import", "clients", "many.csv"], cwd=r.workdir,
                          env=r.env, capture_output=True, preexec_fn=limit)
    r.transcript.append(f"import past a file size limit: exit {proc.returncode}: "
                        f"{proc.stderr.decode().strip()}\n")
    if proc.returncode != 1 or snapshot(path) != before:
        raise Failure("the size-limited import did not fail cleanly")
    run(["db", "check"], expect=0)
    # Read-only: a read-only mount, a full disk; both need mount(8) as root.
    mnt = os.path.join(r.workdir, "mnt")
    os.mkdir(mnt)
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", mnt],
                                           capture_output=True).returncode != 0:
        r.transcript.append("skipped: mounting needs root\n")
        return
    try:
        shutil.copy(path, os.path.join(mnt, "clinic.db"))
        on_mount = ["--db", "mnt/clinic.db"]
        before = snapshot(os.path.join(mnt, "clinic.db"))
        r.run(on_mount + ["import", "clients", "many.csv"], expect=1)
        if snapshot(os.path.join(mnt, "clinic.db")) != before:
            raise Failure("the import on a full disk changed the database")
        r.run(on_mount + ["db", "check"], expect=0)
        subprocess.run(["mount", "-o", "remount,ro", mnt], check=True)
        r.run(on_mount + ["client", "add", "--name", "X"], expect=1)
        r.run(on_mount + ["db", "backup", "mnt/b.db"], expect=1)
    finally:
        subprocess.run(["umount", mnt])


def case_crash(r):
    """SIGKILL at random points of a large import: every time the database
    passes db check and holds all of the import or none of it."""
    import random
    import signal
    import time
    seed_basic(r)
    path = os.path.join(r.workdir, "clinic.db")
    clients_csv(os.path.join(r.workdir, "bulk.csv"), 1000, 20000, notes_bytes=200)
    rng = random.Random(int(os.environ.get("MASSAGELOG_CRASH_SEED", "7")))
    tries = int(os.environ.get("MASSAGELOG_CRASH_TRIES", "12"))
    killed = none = 0
    r.run(DB + ["db", "backup", "before.db"], expect=0, record=False)
    for i in range(tries):
        proc = subprocess.Popen([r.binary] + DB + ["import", "clients", "bulk.csv"],
                                cwd=r.workdir, env=r.env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, 0.6))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait()
        code, out, err = r.run(DB + ["db", "check"], record=False)
        count = snapshot(path)["clients"]
        if code != 0 or count not in (1, 20001):
            raise Failure(f"after kill {i}: db check exit {code}, {count} clients\n{out}{err}")
        if count == 20001:  # it finished: take it back out by restoring
            r.run(DB + ["db", "restore", "before.db"], expect=0, record=False)
        else:
            none += 1
    print(f"crash: {tries} imports of 20000 rows, {killed} killed mid-way; "
          f"every time db check passed and the import was all or nothing")
    r.transcript.append("every killed import left all or nothing, and db check passed\n")


def case_concurrency(r):
    """Four processes adding sessions at once: each command succeeds or exits
    1 saying the database is busy, and every success is there exactly once."""
    import time
    seed_basic(r)
    seconds = int(os.environ.get("MASSAGELOG_CONCURRENCY_SECONDS", "3"))
    worker = r.write_file("worker.sh", (
        "#!/bin/sh\n"
        "end=$(( $(date +%s) + $2 ))\n"
        "n=0\n"
        "while [ $(date +%s) -lt $end ]; do\n"
        "  n=$((n+1))\n"
        f"  {r.binary} --db clinic.db session add --client 1 --therapist 1 --at '2026-11-20 10:00' "
        "--technique swedish --pressure 2 --notes \"w$1-$n\" >/dev/null 2>err-$1-$n.txt\n"
        "  echo \"$1-$n $?\" >> results-$1.txt\n"
        "done\n").encode())
    procs = [subprocess.Popen(["sh", worker, str(i), str(seconds)], cwd=r.workdir, env=r.env)
             for i in range(4)]
    for p in procs:
        p.wait()
    ok, busy = set(), 0
    for i in range(4):
        with open(os.path.join(r.workdir, f"results-{i}.txt")) as f:
            for line in f:
                tag, code = line.split()
                if code == "0":
                    ok.add(tag)
                elif code == "1":
                    with open(os.path.join(r.workdir, f"err-{tag}.txt")) as e:
                        message = e.read()
                    if "database is busy" not in message:
                        raise Failure(f"{tag} exited 1 without saying busy: {message}")
                    busy += 1
                else:
                    raise Failure(f"{tag} exited {code}")
    con = sqlite3.connect(os.path.join(r.workdir, "clinic.db"))
    stored = [row[0][1:] for row in con.execute("SELECT notes FROM sessions WHERE notes LIKE 'w%'")]
    con.close()
    if sorted(stored) != sorted(ok):
        raise Failure(f"{len(ok)} successes but {len(stored)} sessions stored")
    r.run(DB + ["db", "check"], expect=0, record=False)
    print(f"concurrency: 4 writers, {len(ok) + busy} commands, {len(ok)} stored once each, "
          f"{busy} refused as busy")
    r.transcript.append("every success stored exactly once; every failure said busy\n")


def case_hostile(r):
    """Hostile input is refused (exit 2) or stored verbatim and exported safely."""
    seed_basic(r)
    run = lambda args, **kw: r.run(DB + args, **kw)
    sql = "Robert'); DROP TABLE clients;--"
    run(["client", "add", "--name", sql, "--phone", "1' OR '1'='1", "--email", "x@y.z'--",
         "--notes", "\"; DELETE FROM sessions; --"], expect=0)
    run(["therapist", "add", "--name", sql, "--licence", "' OR 1=1 --"], expect=0)
    run(["session", "add", "--client", "2", "--therapist", "2", "--at", "2026-11-20 12:00",
         "--technique", "swedish", "--pressure", "2", "--notes", sql], expect=0)
    run(["session", "void", "2", "--reason", sql], expect=0)
    run(["client", "list", "--search", "'; DROP"], expect=0)
    run(["client", "list", "--search", "%"], expect=0)
    big = r.write_file("big.txt", ("é" * 500_000).encode())  # 1 MB of UTF-8
    run(["client", "add", "--name", "Big Notes", "--notes-file", "big.txt"], expect=0)
    for bad in [["client", "add", "--name", "x" * 1_000],
                ["client", "add", "--name", "Bell\a"],
                ["session", "add", "--client", "1", "--therapist", "1", "--at", "0000-01-01 10:00",
                 "--technique", "swedish", "--pressure", "2"],
                ["session", "add", "--client", "1", "--therapist", "1", "--at", "9999-12-31 10:00",
                 "--technique", "swedish", "--pressure", "2"],
                ["session", "add", "--client", "-1", "--therapist", "1", "--at", "2026-11-20 10:00",
                 "--technique", "swedish", "--pressure", "2"],
                ["session", "add", "--client", "99999999999999999999", "--therapist", "1", "--at",
                 "2026-11-20 10:00", "--technique", "swedish", "--pressure", "2"],
                ["session", "add", "--client", "1", "--therapist", "1", "--at", "2026-11-20 10:00",
                 "--technique", "swedish", "--pressure", "2", "--duration", "-5"],
                ["session", "add", "--client", "1", "--therapist", "1", "--at", "2026-11-20 10:00",
                 "--technique", "swedish; DROP TABLE sessions", "--pressure", "2"],
                ["report", "add", "--session", "1", "--onset", "2026-11-20 12:00", "--region",
                 "calf", "--severity", "99999999999"],
                ["report", "add", "--session", "1", "--onset", "2026-11-20 12:00", "--region",
                 "calf", "--severity", "3", "--source", "telepathy"]]:
        run(bad, expect=2)
    proc = subprocess.run([r.binary.encode(), b"--db", b"clinic.db", b"client", b"add", b"--name",
                           b"Bad\xff\xfe"], cwd=r.workdir, env=r.env, capture_output=True)
    r.transcript.append(f"invalid UTF-8 name: exit {proc.returncode}: {proc.stderr.decode()}")
    if proc.returncode != 2:
        raise Failure("invalid UTF-8 was not refused")
    run(["export", "clients", "-o", "clients.csv"], expect=0, record=False)
    rows = read_csv(os.path.join(r.workdir, "clients.csv"))
    names = [row[1] for row in rows[1:]]
    r.transcript.append(f"exported names: {names[:3]}, notes sizes: "
                        f"{[len(row[5]) for row in rows[1:]]}\n")
    con = sqlite3.connect(os.path.join(r.workdir, "clinic.db"))
    tables = sorted(row[0] for row in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'"))
    stored = con.execute("SELECT name, phone, notes FROM clients WHERE id = 2").fetchone()
    con.close()
    if stored != (sql, "1' OR '1'='1", "\"; DELETE FROM sessions; --"):
        raise Failure(f"SQL fragments were not stored verbatim: {stored}")
    r.transcript.append(f"tables intact: {', '.join(tables)}\n")


def pty_run(r, args, steps, env_extra=None, columns=None, timeout=15):
    """Runs massagelog on a pseudo-terminal; `steps` are (text to wait for,
    reply to type, or None to send end-of-input). Returns (exit code, output)."""
    import fcntl
    import pty
    import select
    import struct
    import termios
    import time
    env = dict(r.env)
    env.update(env_extra or {})
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(r.workdir)
        os.execve(r.binary, [r.binary] + args, env)
    if columns:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    output = b""

    def read_until(text):
        nonlocal output
        deadline = time.time() + timeout
        while text.encode() not in output:
            if time.time() > deadline:
                raise Failure(f"waited for {text!r}; got:\n{output.decode(errors='replace')}")
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                output += chunk

    for wait_for, reply in steps:
        read_until(wait_for)
        output = output.replace(wait_for.encode(), wait_for.encode() + b"\x00", 1)
        if reply is None:
            os.write(fd, b"\x04")
        else:
            os.write(fd, reply.encode() + b"\r")
    while True:
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    _, status = os.waitpid(pid, 0)
    text = output.replace(b"\x00", b"").decode("utf-8", "replace").replace("\r\n", "\n")
    return os.waitstatus_to_exitcode(status), text


def case_interactive(r):
    """On a terminal, missing options are asked for, checked at once, and
    nothing is written until confirmed; lists fit the terminal and colour
    follows NO_COLOR."""
    seed_basic(r)
    path = os.path.join(r.workdir, "clinic.db")
    r.run(DB + ["client", "add", "--name", "Zoltan Kiss"], expect=0, record=False)
    before = snapshot(path)
    code, out = pty_run(r, DB + ["session", "add"], [
        ("Client (name, part of it, or ID)", "Zo"),           # two match: asked again
        ("Client (name, part of it, or ID)", "Müller"),
        ("Therapist (name or ID) [1]", ""),                   # the last one this person used
        ("Started at", "2026-11-20 15:00"),
        ("Technique", "reiki"),                               # not a technique: asked again
        ("Technique", "sports"),
        ("Pressure", "7"),                                    # out of range: asked again
        ("Pressure", "deep"),
        ("Duration in minutes [60]", ""),
        ("Region worked (blank when done)", "calf:left"),
        ("Region worked (blank when done)", ""),
        ("Notes (blank for none)", "Felt good afterwards."),
        ("Save it?", "y"),
    ])
    if code != 0:
        raise Failure(f"interactive session add exited {code}:\n{out}")
    for expected in ["2 clients match", "'reiki' is not a known technique", "'7' is not 1-5",
                     "-> Zoë Müller (client 1)", "Added session 2."]:
        if expected not in out:
            raise Failure(f"the dialogue lacks {expected!r}:\n{out}")
    con = sqlite3.connect(path)
    row = con.execute("SELECT client_id, therapist_id, started_at, pressure, notes FROM sessions "
                      "WHERE id = 2").fetchone()
    regions = con.execute("SELECT count(*) FROM session_regions WHERE session_id = 2").fetchone()
    con.close()
    if row != (1, 1, "2026-11-20T20:00:00Z", 4, "Felt good afterwards.") or regions != (1,):
        raise Failure(f"the session stored is {row}, {regions}")
    r.transcript.append("interactive session add: re-asked three bad answers, stored the session\n")

    # A health history asked question by question (blank: not asked), then a
    # session it rules out, saved with the reason asked for.
    code, out = pty_run(r, DB + ["client", "health", "add", "Zoltan Kiss"], [
        ("Anticoagulant or antiplatelet medication? (yes/no)", "no"),
        ("Deep vein thrombosis or a clot, ever or suspected now? (yes/no)", "yes"),
        ("Pregnant? (yes/no)", "maybe"),                      # asked again
        ("Pregnant? (yes/no)", "no"),
        ("Diabetes? (yes/no)", ""),
        ("Reduced sensation or numbness in a limb? (yes/no)", ""),
        ("Surgery or injury in the last 6 months? (yes/no)", "yes"),
        ("Date of the surgery or injury", "2026-10-02"),
        ("Where was the surgery or injury", "shoulder:right"),
        ("Where was the surgery or injury", ""),
        ("Osteoporosis? (yes/no)", ""),
        ("High blood pressure? (yes/no)", ""),
        ("Pacemaker or implanted device? (yes/no)", ""),
        ("Cancer under treatment? (yes/no)", ""),
        ("Lymphoedema? (yes/no)", ""),
        ("Skin condition or wound? (yes/no)", ""),
        ("An area the client asks to avoid", "face"),
        ("An area the client asks to avoid", ""),
        ("Preferred pressure", "moderate"),
        ("Notes (blank for none)", ""),
        ("Save it?", "y"),
    ])
    stored = sqlite3.connect(path).execute(
        "SELECT clot, pregnant, diabetes, surgery_date, surgery_regions, avoid_regions, "
        "preferred_pressure FROM health_history").fetchall()
    if code != 0 or stored != [(1, 0, None, "2026-10-02", "shoulder:right", "face:midline", 2)]:
        raise Failure(f"interactive health add (exit {code}) stored {stored}:\n{out}")
    code, out = pty_run(r, DB + ["session", "add", "--client", "Zoltan Kiss", "--therapist", "1",
                                 "--at", "2026-11-20 16:00", "--pressure", "2", "--duration", "60",
                                 "--region", "calf:left", "--notes", "legs only"], [
        ("Technique", "swedish"),
        ("Reason to go ahead anyway (blank cancels)", "Dr Lee cleared the legs"),
        ("Save it?", "y"),
    ])
    if code != 0 or "BLOCK  calf:left:2 (clot:" not in out or "Added session" not in out:
        raise Failure(f"interactive session add despite a contraindication (exit {code}):\n{out}")
    r.transcript.append("interactive health add stored yes, no and not asked; a session it rules "
                        "out asked for a reason and was saved\n")

    before = snapshot(path)
    code, out = pty_run(r, DB + ["session", "add", "--client", "1"], [
        ("Therapist", "1"), ("Started at", "now"), ("Technique", None)])
    if code != 2 or "Cancelled; nothing was written." not in out or snapshot(path) != before:
        raise Failure(f"end of input did not cancel cleanly (exit {code}):\n{out}")
    code, out = pty_run(r, DB + ["client", "add"], [
        ("Full name", "New Person"), ("Phone", ""), ("E-mail", "not-an-email"), ("E-mail", ""),
        ("Birth date", ""), ("Notes", ""), ("Save it?", "n")])
    if code != 2 or snapshot(path) != before:
        raise Failure(f"answering no did not cancel cleanly (exit {code}):\n{out}")
    r.transcript.append("end of input, and 'n' at the end, write nothing and exit 2\n")

    code, out = pty_run(r, DB + ["report", "add", "--session", "1", "--onset", "2026-11-20 18:00",
                                 "--region", "calf", "--severity", "3", "--still-present", "no",
                                 "--source", "phone", "--no-input"], [])
    if code != 0 or "Added report" not in out:
        raise Failure(f"a complete command asked questions anyway:\n{out}")

    # Tables fit the terminal; colour only on a terminal without NO_COLOR.
    code, out = pty_run(r, DB + ["session", "list"], [], columns=60)
    widest = max(len(line) for line in out.splitlines())
    if widest > 60:
        raise Failure(f"session list is {widest} wide on a 60-column terminal:\n{out}")
    r.run(DB + ["report", "add", "--session", "1", "--onset", "2026-11-20 18:00", "--region",
                "shoulder:left", "--severity", "4", "--weakness", "yes"], expect=0, record=False)
    code, out = pty_run(r, DB + ["flags"], [])
    if "\x1b[1;31mREFER" not in out:
        raise Failure(f"no colour on a terminal:\n{out!r}")
    code, out = pty_run(r, DB + ["flags"], [], env_extra={"NO_COLOR": "1"})
    if "\x1b[" in out:
        raise Failure("colour despite NO_COLOR")
    _, out, _ = r.run(DB + ["flags"], expect=0, record=False)
    if "\x1b[" in out:
        raise Failure("colour on a pipe")
    r.transcript.append("lists fit 60 columns; colour on a terminal, none with NO_COLOR or a pipe\n")


def case_everyday(r):
    """What a clinic trips over every day: not recorded reads as not recorded,
    sources by title, a flag's reviews kept as a history."""
    def add(*args, expect=0):
        return r.run(DB + list(args), expect=expect)
    add("init", "--tz", "America/New_York")
    add("therapist", "add", "--name", "Rosa Larsen")
    add("client", "add", "--name", "Ana Souza")
    add("session", "add", "--client", "1", "--therapist", "1", "--at", "2026-11-16 10:00",
        "--technique", "swedish", "--pressure", "2", "--region", "calf:left")
    # Nobody asked whether it is still there: 5 days on it is not "still present".
    add("report", "add", "--session", "1", "--onset", "2026-11-16 18:00", "--reported-at",
        "2026-11-17 09:00", "--region", "calf:left", "--severity", "3", "--weakness", "yes")
    add("flags", "--client", "1")
    add("summary", "client", "1")
    # Two reviews of one flag: the listing shows both, latest first.
    add("flags", "review", "weakness", "1", "s1:calf:left", "--action", "acknowledged",
        "--note", "Called: she will rest")
    add("flags", "review", "weakness", "1", "s1:calf:left", "--action", "referred",
        "--note", "Sent to her GP")
    add("flags", "--client", "1", "--level", "refer")

    # Names in any script and case: found whatever the case and accents.
    for name in ["Françoise Dupré", "María García", "李小龙", "Zoe\u0308 Mu\u0308ller"]:
        add("client", "add", "--name", name, "--phone", "+1 555 0100")
    add("client", "show", "FRANÇOISE DUPRÉ")
    add("client", "list", "--search", "garcia")
    add("client", "list", "--search", "ZOË")
    # A second María García is told (and asked on a terminal: see below).
    add("client", "add", "--name", "MARIA GARCIA")
    code, out = pty_run(r, DB + ["client", "add", "--name", "maría garcía"],
                        [("Add a new client anyway?", "n")])
    if code != 2 or "client 3 (María García, +1 555 0100)" not in out or "Cancelled" not in out:
        raise Failure(f"a duplicate name on a terminal was not asked about:\n{out}")
    r.transcript.append(f"on a terminal: asked, answered no, exit {code}\n")
    # Invisible and bidirectional characters: refused in names, shown in notes.
    add("client", "add", "--name", "Eve\u202eliam", expect=2)
    add("client", "add", "--name", "Zo\u200bë", expect=2)
    add("client", "edit", "2", "--notes", "prefers \u202eevening\u202c calls")
    add("client", "show", "2")
    # Tables measure what the terminal shows: 李小龙 takes 6 columns, Zoë 3;
    # an id or a date is never cut, and a pipe gets every cell whole.
    for columns in ["80", "120", "50"]:
        r.env["COLUMNS"] = columns
        r.transcript.append(f"COLUMNS={columns}\n")
        add("client", "list")
        add("session", "list")
    # Long flag and call lines wrap to the terminal, under their label; a
    # pipe (no COLUMNS) gets each on one line, as the cases above show.
    r.env["COLUMNS"] = "80"
    r.transcript.append("COLUMNS=80\n")
    add("flags", "--client", "1")
    add("followup", "due")
    del r.env["COLUMNS"]
    _, report, _ = add("summary", "clinic")
    widest = max(len(line) for line in report.splitlines())
    if widest > 80:
        raise Failure(f"summary clinic is {widest} columns wide")
    # Correcting details and archiving: audited, checked, nothing clinical.
    add("client", "edit", "2", "--phone", "", "--email", "francoise@example.org")
    add("client", "edit", "2", "--email", "francoise@example.org", expect=2)
    add("client", "edit", "2", expect=2)
    add("client", "edit", "2", "--name", "", expect=2)
    add("client", "archive", "4")
    add("client", "list", "--search", "李")
    add("client", "unarchive", "李小龙")  # archived clients are found by name here
    add("client", "unarchive", "4", expect=2)
    add("client", "unarchive", "李小龙", expect=2)
    add("therapist", "edit", "1", "--licence", "LMT-1001")
    add("therapist", "add", "--name", "Kofi Murphy")
    add("therapist", "archive", "Kofi Murphy")
    add("therapist", "archive", "2", expect=2)
    add("therapist", "list")
    add("db", "check")


def case_readme(r):
    """Every command of the README's first session and browser blocks works at
    any hour: run with now pinned to 09:00 and to 23:00 in the clinic's zone
    (Europe/Berlin), each on a fresh database."""
    import re
    readme = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "README.md")
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    lines = []
    for block in re.findall(r"\n\n((?:    .*\n)+)", text):
        joined = block.replace("\\\n", " ")
        for line in joined.splitlines():
            line = line.strip()
            if line.startswith("massagelog "):
                lines.append(line.split("  #")[0].strip())
    # serve runs until it is stopped: the web tests cover it.
    lines = [l for l in lines if " serve" not in l]
    if len(lines) < 10:
        raise Failure(f"the README has only {len(lines)} commands to run")
    for now in ["2026-11-21T08:00:00Z", "2026-11-21T22:00:00Z"]:  # 09:00 and 23:00 in Berlin
        for name in os.listdir(r.workdir):
            os.remove(os.path.join(r.workdir, name))
        r.env["MASSAGELOG_NOW"] = now
        for line in lines:
            args = shlex.split(line)[1:]
            stdin = b"a long passphrase\na long passphrase\n" if "user" in args else None
            r.run(args, stdin=stdin, expect=0, record=False)
        r.transcript.append(f"now {now}: {len(lines)} README commands ran\n")
    r.env["MASSAGELOG_NOW"] = NOW


def case_docs(r):
    """The man page and the bash completion name every command and option
    that --help does."""
    import re
    folder = os.path.dirname(r.binary)
    with open(os.path.join(folder, "massagelog.1"), encoding="utf-8") as f:
        man = f.read().replace("\\-", "-")
    with open(os.path.join(folder, "massagelog.bash"), encoding="utf-8") as f:
        completion = f.read()
    _, overview, _ = r.run(["--help"], expect=0, record=False)
    commands = re.findall(r"^  ([a-z]+(?: [a-z]+){0,2})  ", overview.split("Commands:")[1].split("Global")[0], re.M)
    checked = 0
    for name in commands:
        _, helptext, _ = r.run(name.split() + ["--help"], expect=0, record=False)
        options = sorted(set(re.findall(r"^  (?:-\w \[ )?(--[a-z-]+)", helptext, re.M)))
        section = man.split(f'.SS "{name}"')
        if len(section) < 2:
            raise Failure(f"the man page has no section for '{name}'")
        section = section[1].split(".SS ")[0]
        line = re.search(rf'^\s+"{name}"\) words="([^"]*)"', completion, re.M)
        if not line:
            raise Failure(f"the completion does not know '{name}'")
        for option in options:
            if option not in section and option not in man.split(".SH COMMANDS")[0]:
                raise Failure(f"the man page lacks {option} of '{name}'")
            if option not in line.group(1).split():
                raise Failure(f"the completion lacks {option} of '{name}'")
            checked += 1
    proc = subprocess.run(["bash", "-c", f"source {folder}/massagelog.bash; "
                           "COMP_WORDS=(massagelog session a); COMP_CWORD=2; _massagelog; "
                           "echo ${COMPREPLY[@]}; COMP_WORDS=(massagelog client health s); "
                           "COMP_CWORD=3; _massagelog; echo ${COMPREPLY[@]}"],
                          capture_output=True, text=True)
    session_a, health_s = (proc.stdout.splitlines() + ["", ""])[:2]
    r.transcript.append(f"{len(commands)} commands and {checked} options in the man page and the "
                        f"completion; 'massagelog session a<TAB>' -> {session_a}; "
                        f"'massagelog client health s<TAB>' -> {health_s}\n")


def case_help(r):
    """Help for the program and for every command."""
    _, out, _ = r.run(["--help"], expect=0)
    r.run(["--version"], expect=0)
    r.run([], expect=2, record=False)
    commands = ["init", "db check", "db migrate", "config get", "config set", "config list",
                "therapist add", "therapist list", "therapist edit", "therapist archive",
                "client add", "client list", "client show", "client edit", "client archive",
                "client unarchive", "session add", "session list", "session show", "session void",
                "report add", "report list", "flags", "flags review", "followup due",
                "followup log", "summary client", "summary clinic", "referral", "export",
                "export fhir", "import",
                "db backup", "db restore", "demo"]
    for name in commands:
        if f"  {name}  " not in out:
            raise Failure(f"--help does not list '{name}'")
        code, _, err = r.run(name.split() + ["--help"], record=False)
        if code != 0:
            raise Failure(f"'{name} --help' exited {code}: {err}")
    for name in ["session add", "report add", "client list"]:
        r.run(name.split() + ["--help"], expect=0)
    r.run(["help", "session", "void"], expect=0)
    # A group: its commands with a line each, asked for or not.
    r.run(["help", "session"], expect=0)
    r.run(["session", "--help"], expect=0)
    r.run(["session"], expect=2)
    r.run(["session", "frob"], expect=2)
    r.run(["help", "frob"], expect=2)
    # Every option has a placeholder that says what it takes, and the usage
    # line names every option.
    import re
    for name in commands + ["user add", "user list", "user passwd", "user disable", "serve"]:
        _, text, _ = r.run(name.split() + ["--help"], expect=0, record=False)
        options = text.split("Global options")[0]
        if re.search(r"^  -.* arg\b", options, re.M):
            raise Failure(f"'{name} --help' shows an 'arg' placeholder:\n{options}")
        usage = text.splitlines()[0]
        for option in sorted(set(re.findall(r"^  (?:-\w \[ )?(--[a-z-]+)", options, re.M))):
            if option not in usage and not (option == "--output" and "-o FILE" in usage):
                raise Failure(f"the usage line of '{name}' lacks {option}: {usage}")


CASES = {
    "basic": case_basic,
    "bad_input": case_bad_input,
    "read_only": case_read_only,
    "demo": case_demo,
    "flags": case_flags,
    "rules_doc": case_rules_doc,
    "clinical": case_clinical,
    "data_safety": case_data_safety,
    "round_trip": case_round_trip,
    "reports": case_reports,
    "referral": case_referral,
    "csv": case_csv,
    "integrity": case_integrity,
    "faults": case_faults,
    "crash": case_crash,
    "concurrency": case_concurrency,
    "hostile": case_hostile,
    "interactive": case_interactive,
    "docs": case_docs,
    "help": case_help,
    "everyday": case_everyday,
    "readme": case_readme,
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--expected", required=True)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("cases", nargs="*")
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    failed = 0
    passed = 0
    for name in args.cases or CASES:
        workdir = tempfile.mkdtemp(prefix=f"massagelog-e2e-{name}-")
        runner = Runner(binary, workdir)
        try:
            CASES[name](runner)
            got = "".join(runner.transcript).replace(workdir, "$WORKDIR")
            golden = os.path.join(args.expected, f"{name}.txt")
            if args.update:
                with open(golden, "w", encoding="utf-8", newline="") as f:
                    f.write(got)
            else:
                with open(golden, encoding="utf-8", newline="") as f:
                    want = f.read()
                if got != want:
                    actual = golden + ".actual"
                    actual = os.path.join(tempfile.gettempdir(), f"massagelog-{name}.actual")
                    with open(actual, "w", encoding="utf-8", newline="") as f:
                        f.write(got)
                    raise Failure(f"output differs from {golden}; see {actual} "
                                  f"(diff -u {golden} {actual})")
            print(f"ok   {name}")
            passed += 1
        except Failure as e:
            print(f"FAIL {name}: {e}")
            failed += 1
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"e2e: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
