"""What the web tests share: a clinic in a temporary folder, the real
binary serving it on a loopback port of its own choosing, and a small HTTP
client with a cookie jar. Servers are stopped when a test ends."""

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
import urllib.parse

NOW = "2026-11-21T15:00:00Z"  # Saturday 10:00 in New York
PASSWORDS = {
    "owner": "owner passphrase 1",
    "thera": "therapist passphrase 2",
    "desk": "front desk passphrase 3",
}


class Check:
    """Counts checks and stops at the first that fails, naming it."""

    def __init__(self):
        self.count = 0

    def __call__(self, ok, what):
        self.count += 1
        if not ok:
            raise AssertionError(what)


class Clinic:
    """A demo clinic (or one therapist and one client) with an owner, a
    therapist (therapist 1) and a front desk account, in a temporary folder
    removed at the end."""

    def __init__(self, binary, demo=True):
        self.binary = binary
        self.dir = tempfile.mkdtemp(prefix="massagelog-web-")
        self.db = os.path.join(self.dir, "clinic.db")
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.dir,
            "TZ": "UTC",
            "LANG": "C.UTF-8",
            "MASSAGELOG_NOW": NOW,
            "MASSAGELOG_USER": "tester",
            "MASSAGELOG_DB": self.db,
        }
        # A sanitizer's settings reach the programs under test.
        for name in ["ASAN_OPTIONS", "UBSAN_OPTIONS", "TSAN_OPTIONS"]:
            if name in os.environ:
                self.env[name] = os.environ[name]
        self.run("init", "--tz", "America/New_York")
        if demo:
            self.run("demo")
        else:
            self.run("therapist", "add", "--name", "Rosa Larsen")
            self.run("client", "add", "--name", "Ana Souza")
        self.run("user", "add", "--name", "owner", "--role", "owner", stdin=PASSWORDS["owner"])
        self.run("user", "add", "--name", "thera", "--role", "therapist", "--therapist", "1",
                 stdin=PASSWORDS["thera"])
        self.run("user", "add", "--name", "desk", "--role", "front-desk", stdin=PASSWORDS["desk"])
        self.servers = []

    def run(self, *args, stdin="", check=True):
        p = subprocess.run([self.binary, *args], input=stdin + "\n", env=self.env,
                           capture_output=True, text=True, timeout=120)
        if check and p.returncode != 0:
            raise AssertionError(f"massagelog {' '.join(args)}: exit {p.returncode}: {p.stderr}")
        return p

    def serve(self, *extra):
        """Starts `massagelog serve` on a free loopback port; returns the
        process and its base URL."""
        proc = subprocess.Popen([self.binary, "serve", "--listen", "127.0.0.1:0", *extra],
                                env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        self.servers.append(proc)
        line = proc.stdout.readline()
        m = re.search(r"(https?)://127\.0\.0\.1:(\d+)/", line)
        if not m:
            proc.kill()
            raise AssertionError(f"serve printed {line!r}; stderr: {proc.stderr.read()}")
        return proc, int(m.group(2))

    def sql(self, query, *params):
        con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            return con.execute(query, params).fetchall()
        finally:
            con.close()

    def counts(self):
        tables = ["clients", "sessions", "session_regions", "reports", "followups",
                  "flag_reviews", "health_history", "audit_log"]
        return {t: self.sql(f"SELECT count(*) FROM {t}")[0][0] for t in tables}

    def close(self):
        for proc in self.servers:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
        shutil.rmtree(self.dir, ignore_errors=True)


class Browser:
    """An HTTP client with one login's cookie and CSRF token."""

    def __init__(self, port, source="127.0.0.1", tls=None, host=None):
        """`tls`: an ssl context, for HTTPS; `host`: the Host header to send."""
        self.port = port
        self.source = source
        self.tls = tls
        self.host = host
        self.cookie = ""
        self.csrf = ""

    def request(self, method, path, fields=None, json_answer=False, headers=None, raw=False):
        """(status, headers with lower-case names, body as text, or bytes when raw)."""
        if self.tls:
            conn = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=30,
                                               source_address=(self.source, 0), context=self.tls)
        else:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30,
                                              source_address=(self.source, 0))
        # Bytes: http.client then sends headers and body in one write (two
        # small writes wait on delayed ACKs).
        body = urllib.parse.urlencode(fields, doseq=True).encode() if fields is not None else None
        h = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
        if self.cookie:
            h["Cookie"] = self.cookie
        if json_answer:
            h["Accept"] = "application/json"
        if self.host:
            h["Host"] = self.host
        h.update(headers or {})
        conn.request(method, path, body=body, headers=h)
        res = conn.getresponse()
        text = res.read()
        if not raw:
            text = text.decode("utf-8")
        conn.close()
        return res.status, dict((k.lower(), v) for k, v in res.getheaders()), text

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, fields, with_csrf=True, **kw):
        fields = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if with_csrf:
            fields.append(("csrf", self.csrf))
        return self.request("POST", path, fields, **kw)

    def send_login(self, fields, form=True):
        """POST /login as the login page's form does: with the token of
        that page, in its field and its cookie (form=False: without)."""
        fields = dict(fields)
        headers = {}
        if form:
            _, h, page = self.request("GET", "/login")
            headers["Cookie"] = h["set-cookie"].split(";")[0]
            fields["csrf"] = re.search(r'name="csrf" value="([0-9a-f]{64})"', page).group(1)
        return self.request("POST", "/login", fields, headers=headers)

    def login(self, name, password=None):
        status, headers, _ = self.send_login(
            {"name": name, "password": password or PASSWORDS[name]})
        if status != 303:
            return status
        self.cookie = headers["set-cookie"].split(";")[0]
        status, _, page = self.get("/")
        self.csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"', page).group(1)
        return 303


def json_of(text):
    return json.loads(text)


def wait_gone(proc, seconds=20):
    deadline = time.time() + seconds
    while proc.poll() is None and time.time() < deadline:
        time.sleep(0.05)
    return proc.poll()


def run_suite(label, tests, demo=True, stop=True, after_stop=()):
    """The main() of a web test file: reads --binary, serves a fresh clinic
    (the demo's, or one therapist and client), runs each of `tests` as
    test(check, clinic, port[, proc]), stops the server with SIGINT (exit 0)
    unless `stop` is false, runs each of `after_stop` as test(check, clinic),
    checks the database, and returns the exit code."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    check = Check()
    clinic = Clinic(os.path.abspath(args.binary), demo=demo)
    try:
        proc, port = clinic.serve()
        for test in tests:
            if test.__code__.co_argcount == 4:
                test(check, clinic, port, proc)
            else:
                test(check, clinic, port)
            print(f"ok   {test.__name__}", flush=True)
        if stop:
            proc.send_signal(signal.SIGINT)
            check(wait_gone(proc) == 0, "SIGINT stops the server with exit 0")
        for test in after_stop:
            test(check, clinic)
            print(f"ok   {test.__name__}", flush=True)
        p = clinic.run("db", "check", check=False)
        check(p.returncode == 0, f"db check after everything: {p.stdout}{p.stderr}")
    except AssertionError as e:
        print(f"FAIL {e}")
        return 1
    finally:
        clinic.close()
    print(f"{label}: {check.count} checks passed")
    return 0
