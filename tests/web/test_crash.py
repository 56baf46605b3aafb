#!/usr/bin/env python3
"""kill -9 of massagelog serve while 4 clients post sessions: every session
that was answered 201 is in the database with all its regions, none is
half-written, and db check passes.

    test_crash.py --binary PATH
"""

import argparse
import os
import signal
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
from webtest import Browser, Check, Clinic, json_of  # noqa: E402

CLIENTS = 4
PER_CLIENT = 400  # bounded: the kill comes long before


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    check = Check()
    clinic = Clinic(os.path.abspath(args.binary), demo=False)
    try:
        proc, port = clinic.serve()
        accepted = [[] for _ in range(CLIENTS)]
        ready = threading.Barrier(CLIENTS + 1)

        def post(k):
            b = Browser(port)
            b.login("thera")
            ready.wait()
            for i in range(PER_CLIENT):
                fields = {"client": "1", "therapist": "1", "technique": "deep-tissue",
                          "at": f"2026-11-{1 + i % 20:02} {9 + k:02}:{i % 60:02}",
                          "pressure": "4", "notes": f"client {k} post {i}",
                          "region": ["neck:midline:4:focal", "calf:left", "shoulder:right"]}
                try:
                    status, _, body = b.post("/sessions", fields, json_answer=True)
                except OSError:
                    return  # the server is gone
                if status == 201:
                    accepted[k].append((json_of(body)["id"], fields["notes"]))

        threads = [threading.Thread(target=post, args=(k,)) for k in range(CLIENTS)]
        for t in threads:
            t.start()
        ready.wait()
        time.sleep(1.0)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        for t in threads:
            t.join(timeout=60)
        ids = [a for per in accepted for a in per]
        check(len(ids) > 0, "sessions were answered 201 before the kill")
        for sid, notes in ids:
            row = clinic.sql("SELECT notes FROM sessions WHERE id = ?", sid)
            check(row == [(notes,)], f"session {sid} answered 201 is stored as sent: {row}")
        partial = clinic.sql("SELECT count(*) FROM sessions s WHERE (SELECT count(*) FROM "
                             "session_regions r WHERE r.session_id = s.id) <> 3")[0][0]
        check(partial == 0, f"{partial} sessions without their three regions")
        audited = clinic.sql("SELECT count(*) FROM sessions s WHERE NOT EXISTS (SELECT 1 FROM "
                             "audit_log a WHERE a.entity = 'session' AND a.entity_id = s.id)")[0][0]
        check(audited == 0, f"{audited} sessions without their audit row")
        stored = clinic.sql("SELECT count(*) FROM sessions")[0][0]
        check(stored >= len(ids), "no answered session is missing")
        p = clinic.run("db", "check", check=False)
        check(p.returncode == 0, f"db check after the kill: {p.stdout}{p.stderr}")
        print(f"web crash: {len(ids)} sessions answered 201 by {CLIENTS} clients before kill -9; "
              f"{stored} stored, each whole; db check passed")
    except AssertionError as e:
        print(f"FAIL {e}")
        return 1
    finally:
        clinic.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
