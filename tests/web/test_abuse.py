#!/usr/bin/env python3
"""The web server under abuse (SPEC 8, "bounded under abuse"), against the
real binary on loopback: slow clients, endless and compressed bodies, a
flood of headers, forms at the notes limit, bad ids and bytes, failed-login
floods, look-alike user names, a foreign Host and many logins at once.
Every attack is bounded in count and time and stops by itself; the
server's memory is read from /proc (VmHWM, its peak)."""

import os
import re
import socket
import sys
import threading
import time
import urllib.parse
import zlib

from webtest import Browser, json_of, run_suite

MIB = 1024 * 1024


def peak_kib(proc):
    with open(f"/proc/{proc.pid}/status") as f:
        return int(re.search(r"VmHWM:\s+(\d+) kB", f.read()).group(1))


def sanitized():
    return "ASAN_OPTIONS" in os.environ


def connect(port, source="127.0.0.1"):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((source, 0))
    s.settimeout(30)
    s.connect(("127.0.0.1", port))
    return s


def read_status(s):
    """The status of the answer on socket `s` (None if it closed first)."""
    data = b""
    try:
        while b"\r\n" not in data:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
    except OSError:
        pass
    m = re.match(rb"HTTP/1\.1 (\d{3})", data)
    return int(m.group(1)) if m else None


def send_while_answered(port, head, body_chunks):
    """Sends `head` then body chunks from a thread until the server answers
    or stops reading; returns the status it answered."""
    s = connect(port)

    def pump():
        try:
            s.sendall(head)
            for chunk in body_chunks:
                s.sendall(chunk)
        except OSError:
            pass  # the server answered and closed: what the test wants

    t = threading.Thread(target=pump, daemon=True)
    t.start()
    status = read_status(s)
    s.close()
    t.join(timeout=30)
    return status


def still_open(sockets):
    """How many of `sockets` the server has neither closed nor answered."""
    n = 0
    for s in sockets:
        try:
            while s.recv(65536):
                pass  # an answer (408): the server is closing it
        except BlockingIOError:
            n += 1
        except OSError:
            pass
    return n


def timed_login(port):
    t = time.monotonic()
    status = Browser(port).login("owner")
    return status, time.monotonic() - t


def test_slowloris(check, clinic, port, proc):
    """200 connections that send a header line a byte at a time, from one
    address and then from ten: a login from another address is answered
    at once, and the slow ones are cut at the header deadline."""
    status, baseline = timed_login(port)
    check(status == 303, f"a login before the attack -> {status}")
    bound = max(1.0, 2 * baseline + 0.5)
    for sources in [["127.0.0.2"], [f"127.0.0.{3 + i}" for i in range(10)]]:
        slow = []
        for i in range(200):
            s = connect(port, sources[i % len(sources)])
            s.setblocking(False)
            try:
                s.send(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            except OSError:
                pass  # closed at once: over the address's share
            slow.append(s)
        stop = threading.Event()

        def trickle():
            while not stop.wait(1.0):
                for s in slow:
                    try:
                        s.send(b"x")
                    except OSError:
                        pass

        t = threading.Thread(target=trickle, daemon=True)
        t.start()
        time.sleep(2)
        status, took = timed_login(port)
        check(status == 303 and took < bound,
              f"a login during a 200-connection slowloris from {len(sources)} address(es): "
              f"{status} in {took:.2f} s (before it: {baseline:.2f} s)")
        # One address holds at most 32 connections: the rest were closed.
        time.sleep(1)
        open_ones = still_open(slow)
        if len(sources) == 1:
            check(open_ones <= 32, f"one address keeps at most 32 connections ({open_ones} open)")
        else:
            check(open_ones == 200, f"ten addresses keep their 200 connections ({open_ones})")
        # The header deadline (10 s from opening) closes them all.
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and open_ones:
            time.sleep(0.5)
            open_ones = still_open(slow)
        check(open_ones == 0, f"the slow connections are closed by the header deadline ({open_ones})")
        stop.set()
        t.join()
        for s in slow:
            s.close()


def test_bodies(check, clinic, port, proc):
    before = peak_kib(proc)
    head = (b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
            b"application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n")
    piece = b"a" * 65536
    chunk = b"%x\r\n" % len(piece) + piece + b"\r\n"
    status = send_while_answered(port, head, (chunk for _ in range(1024 ** 3 // len(piece))))
    check(status == 413, f"1 GB sent chunked -> {status}")

    # 200 KB of gzip that would inflate to 200 MB.
    bomb = zlib.compressobj(9, zlib.DEFLATED, 31)
    data = bomb.compress(b"\0" * (200 * MIB)) + bomb.flush()
    check(len(data) < 400 * 1024, f"the bomb is small ({len(data)} bytes)")
    head = (b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
            b"application/x-www-form-urlencoded\r\nContent-Encoding: gzip\r\n"
            b"Content-Length: %d\r\n\r\n" % len(data))
    status = send_while_answered(port, head, [data])
    check(status == 413, f"a gzip bomb -> {status}")

    head = b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1073741824\r\n\r\n"
    status = send_while_answered(port, head, [])
    check(status == 413, f"a Content-Length of 1 GB -> {status}")

    headers = b"".join(b"X-Pad-%d: %s\r\n" % (i, b"p" * 100) for i in range(10000))
    status = send_while_answered(port, b"GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers
                                 + b"\r\n", [])
    check(status == 431, f"10,000 headers -> {status}")

    grew = (peak_kib(proc) - before) / 1024
    limit = 64 if not sanitized() else 256  # AddressSanitizer keeps freed memory a while
    check(grew < limit, f"the server's peak memory grew {grew:.1f} MiB (< {limit})")
    status, _ = timed_login(port)
    check(status == 303, f"the server still answers: {status}")


def test_form_at_the_notes_limit(check, clinic, port, proc):
    b = Browser(port)
    b.login("thera")
    session = {"client": "1", "therapist": "1", "at": "2026-11-20 09:00",
               "technique": "swedish", "pressure": "2", "region": "neck:midline"}
    status, _, body = b.post("/sessions", dict(session, notes="a" * MIB), json_answer=True)
    check(status == 201, f"a form with 1 MiB of notes -> {status} {body[:200]}")
    status, _, body = b.post("/sessions", dict(session, notes="é" * (MIB // 2)), json_answer=True)
    check(status == 201, f"1 MiB of notes that are all percent-encoded (3 MiB sent) -> {status}")
    before = clinic.counts()
    status, _, body = b.post("/sessions", dict(session, notes="a" * (MIB + 1)), json_answer=True)
    check(status == 422 and json_of(body)["field"] == "notes",
          f"1 MiB + 1 of notes -> {status} {body[:200]}")
    check(clinic.counts() == before, "nothing written")
    p = clinic.run("session", "add", "--client", "1", "--therapist", "1", "--at",
                   "2026-11-20 10:00", "--technique", "swedish", "--pressure", "2",
                   "--region", "neck:midline", "--notes-file", "/dev/stdin", stdin="a" * MIB,
                   check=False)
    check(p.returncode == 2 and "notes" in p.stderr,
          f"the command line refuses the same notes (1 MiB and its newline): {p.returncode}")


def test_bad_ids_and_bytes(check, clinic, port, proc):
    b = Browser(port)
    b.login("owner")
    for path in ["/clients/99999999999999999999", "/clients/99999999999999999999/edit",
                 "/reports/new?session=99999999999999999999", "/reports/new?session=%FF",
                 "/clients?q=%FF%FE", "/sessions/new?client=%FF", "/flags?client=%FF",
                 "/export/%FF.csv", "/%FF"]:
        status, _, page = b.get(path)
        check(status < 500, f"GET {path} -> {status}")
        check("stoll" not in page and "json" not in page.lower(), f"GET {path} says no internals")
    status, _, body = b.post("/sessions", {"client": "1", "therapist": "1", "at": "2026-11-20 09:00",
                                            "technique": "swedish", "pressure": "2",
                                            "notes": b"\xff"}, json_answer=True)
    check(status in (400, 422), f"a form with bytes that are not UTF-8 -> {status}")
    failures = clinic.sql("SELECT count(*) FROM login_failures")[0][0]
    status, _, body = Browser(port).request("GET", "/login")
    anon = Browser(port)
    status, _, page = anon.send_login({"name": b"\xffowner", "password": "x" * 12})
    check(status == 401, f"a login with bytes that are not UTF-8 -> {status}")
    check(clinic.sql("SELECT count(*) FROM login_failures")[0][0] == failures + 1,
          "it counts as a failure")
    row = clinic.sql("SELECT detail FROM audit_log WHERE entity = 'login' ORDER BY id DESC LIMIT 1")
    check("\\\\xff" in row[0][0], f"and is audited with the byte escaped: {row}")


def test_failed_login_flood(check, clinic, port, proc):
    rows = clinic.sql("SELECT count(*) FROM audit_log")[0][0]
    statuses = {}
    s = Browser(port)
    _, h, page = s.request("GET", "/login")
    cookie = h["set-cookie"].split(";")[0]
    token = re.search(r'name="csrf" value="([0-9a-f]{64})"', page).group(1)
    for i in range(1000):
        status, _, _ = s.request("POST", "/login",
                                 {"name": f"guess{i % 7}", "password": "not it at all",
                                  "csrf": token}, headers={"Cookie": cookie})
        statuses[status] = statuses.get(status, 0) + 1
    added = clinic.sql("SELECT count(*) FROM audit_log")[0][0] - rows
    check(statuses.get(429, 0) >= 980, f"the flood is answered 429 once locked: {statuses}")
    check(added <= 12, f"1,000 failed logins added {added} audit rows")
    check(Browser(port, source="127.0.0.99").login("owner") == 303,
          "the owner logs in from another device: the lock is on the flooding address")
    check(Browser(port).login("owner") == 429, "and not from the flooding one")


def test_lookalike_names(check, clinic, port, proc):
    clinic.run("user", "add", "--name", "owner1", "--role", "owner", stdin="owner one passphrase")
    for name in ["owner1 ", " owner1", "owner1\u00a0", "\u043ewner1", "OWNER1"]:
        p = clinic.run("user", "add", "--name", name, "--role", "owner", stdin="x passphrase 123",
                       check=False)
        check(p.returncode == 2 and "owner1" in p.stderr.lower(),
              f"user add {name!r} -> {p.returncode} {p.stderr}")
    b = Browser(port)
    b.login("owner")
    status, _, body = b.post("/users", {"name": "\u043ewner1", "role": "owner",
                                        "password": "x passphrase 123",
                                        "password-again": "x passphrase 123"}, json_answer=True)
    check(status == 422 and "owner1" in body, f"/users with a look-alike -> {status} {body}")
    check(clinic.sql("SELECT count(*) FROM users WHERE name LIKE '%wner1%'")[0][0] == 1,
          "one owner1")


def test_host(check, clinic, port, proc):
    b = Browser(port)
    for host, want in [("evil.example", 421), (f"evil.example:{port}", 421),
                       (f"127.0.0.1:{port}", 200), (f"LOCALHOST:{port}", 200)]:
        status, _, _ = b.request("GET", "/login", headers={"Host": host})
        check(status == want, f"Host: {host} -> {status}")
    proc2, port2 = clinic.serve("--allowed-host", "clinic.example")
    b = Browser(port2)
    status, _, _ = b.request("GET", "/login", headers={"Host": "clinic.example"})
    check(status == 200, f"--allowed-host clinic.example serves it -> {status}")
    status, _, _ = b.request("GET", "/login", headers={"Host": f"127.0.0.1:{port2}"})
    check(status == 421, f"and no other -> {status}")
    proc2.terminate()


def test_textarea_escaped(check, clinic, port, proc):
    clinic.run("client", "add", "--name", "Eve Mallory", "--notes", "left \u202eright")
    cid = clinic.sql("SELECT id FROM clients WHERE name = 'Eve Mallory'")[0][0]
    b = Browser(port)
    b.login("desk")
    status, _, page = b.get(f"/clients/{cid}/edit")
    check(status == 200 and "\u202e" not in page and "&lt;U+202E&gt;" in page,
          "the edit form's notes show <U+202E>, not the character")
    fields = dict(re.findall(r'name="([a-z-]+)" value="([^"]*)"', page))
    fields["notes"] = re.search(r"<textarea[^>]*>([^<]*)</textarea>", page).group(1).replace(
        "&lt;", "<").replace("&gt;", ">")
    fields.pop("csrf", None)
    fields["phone"] = "555-0100"
    status, _, _ = b.post(f"/clients/{cid}/edit", fields)
    check(status == 303, f"saving the form unchanged -> {status}")
    check(clinic.sql("SELECT notes FROM clients WHERE id = ?", cid)[0][0] == "left \u202eright",
          "gives back the notes as they were")


def test_logins_at_once(check, clinic, port, proc):
    before = peak_kib(proc)
    results = []

    def one(i):
        results.append(Browser(port, source=f"127.0.1.{i + 1}").login("thera"))

    # From 60 devices: one address holds at most 32 connections.
    threads = [threading.Thread(target=one, args=(i,)) for i in range(60)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    check(results.count(303) == 60, f"60 logins at once: {results}")
    grew = (peak_kib(proc) - before) / 1024
    check(grew < 400, f"60 logins at once grew the peak memory {grew:.0f} MiB (< 400: a few "
                      "64 MiB hashes at a time)")


def main():
    return run_suite("web abuse", [test_host, test_bad_ids_and_bytes, test_bodies,
                                   test_form_at_the_notes_limit, test_textarea_escaped,
                                   test_lookalike_names, test_logins_at_once, test_slowloris,
                                   test_failed_login_flood], demo=False, stop=False)


if __name__ == "__main__":
    sys.exit(main())
