"""The web rows of make bench: keep-alive clients on loopback posting
sessions to massagelog serve, and the time of each page of a clinic day
(/, /flags, /followups, a client's page), on the bench's largest clinic.
Bounded in count; the server is stopped at the end.

    web_load.py --binary PATH --db FILE   (or imported by run.py)
"""

import argparse
import http.client
import os
import re
import statistics
import subprocess
import threading
import time
import urllib.parse

PASSWORD = "bench passphrase for the web row"
POSTS_PER_CLIENT = 150


class Client:
    """One keep-alive connection with its own login."""

    def __init__(self, port, name):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        _, headers, page = self.send("GET", "/login")
        self.cookie = headers["set-cookie"].split(";")[0]  # the login form's token
        token = re.search(r'name="csrf" value="([0-9a-f]{64})"', page).group(1)
        status, headers, _ = self.send("POST", "/login",
                                       {"name": name, "password": PASSWORD, "csrf": token})
        if status != 303:
            raise RuntimeError(f"bench login failed: {status}")
        self.cookie = headers["set-cookie"].split(";")[0]
        _, _, page = self.send("GET", "/sessions/new")  # a light page with the token
        self.csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"', page).group(1)

    def send(self, method, path, fields=None, json_answer=False):
        # Bytes, so that http.client sends the headers and the body in one
        # write: two small writes meet Nagle and delayed ACKs (40 ms each).
        body = urllib.parse.urlencode(fields, doseq=True).encode() if fields is not None else None
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
        if getattr(self, "cookie", None):
            headers["Cookie"] = self.cookie
        if json_answer:
            headers["Accept"] = "application/json"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            res = self.conn.getresponse()
        except (ConnectionError, http.client.RemoteDisconnected):
            # The server closed an idle keep-alive connection: open another,
            # as a browser does.
            self.conn.close()
            self.conn.request(method, path, body=body, headers=headers)
            res = self.conn.getresponse()
        text = res.read().decode("utf-8")
        return res.status, {k.lower(): v for k, v in res.getheaders()}, text


def post_sessions(port, clients, name):
    """`clients` connections each posting POSTS_PER_CLIENT sessions at once;
    returns (adds per second, p50 s, p99 s)."""
    conns = [Client(port, name) for _ in range(clients)]
    latencies, failures = [], []
    start_line = threading.Barrier(clients + 1)

    def work(k, c):
        start_line.wait()
        try:
            post_all(k, c)
        except Exception as e:  # noqa: BLE001 - reported below
            failures.append(("exception", repr(e)))

    def post_all(k, c):
        for i in range(POSTS_PER_CLIENT):
            fields = {"client": str(5 + (k * 7 + i) % 40), "therapist": "3",
                      "at": f"2026-11-{1 + i % 20:02} {9 + k % 9:02}:{i % 60:02}",
                      "technique": "deep-tissue", "pressure": "4",
                      "region": ["neck:midline:4:focal", "calf:left"],
                      # Some of these clients have a refer flag on the neck:
                      # the guard reads their flags either way, and this
                      # way each add is also audited with the flags.
                      "despite-flags": "yes", "reason": "load test of the web entry",
                      "csrf": c.csrf}
            t = time.perf_counter()
            status, _, body = c.send("POST", "/sessions", fields, json_answer=True)
            latencies.append(time.perf_counter() - t)
            if status != 201:
                failures.append((status, body))

    threads = [threading.Thread(target=work, args=(k, c)) for k, c in enumerate(conns)]
    for t in threads:
        t.start()
    began = time.perf_counter()
    start_line.wait()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    if failures:
        raise RuntimeError(f"{len(failures)} posts failed, e.g. {failures[0]}")
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / elapsed, statistics.median(latencies), p99


# The pages of a clinic day, each with a word its answer must hold; the
# client is one with hundreds of sessions.
PAGES = [("/", "Calls due"), ("/flags", "unreviewed refer flags first"),
         ("/followups", "Log call"), ("/clients/77", "Sessions")]


def first_page_time(owner):
    """The time of the first / after the adds: it brings the server's flag
    board up to date with every client they wrote (the worst a page meets:
    thousands of writes since the last page, where a clinic day has a few)."""
    t = time.perf_counter()
    status, _, _ = owner.send("GET", "/")
    if status != 200:
        raise RuntimeError(f"GET /: {status}")
    return time.perf_counter() - t


def page_times(owner, rounds=5):
    """The median time of each page of PAGES, as the owner opens it on a
    keep-alive connection: {path: seconds}."""
    out = {}
    for path, word in PAGES:
        times = []
        for _ in range(rounds):
            t = time.perf_counter()
            status, _, page = owner.send("GET", path)
            times.append(time.perf_counter() - t)
            if status != 200 or word not in page:
                raise RuntimeError(f"GET {path}: {status}")
        out[path] = statistics.median(times)
    return out


def run_web(binary, db, env):
    """Measures the web row; returns a dict of figures."""
    name = "bench-owner"
    add = subprocess.run([binary, "--db", db, "user", "add", "--name", name, "--role", "owner"],
                         input=PASSWORD + "\n", capture_output=True, text=True, env=env)
    if add.returncode != 0 and "exists" not in add.stderr:
        raise RuntimeError(add.stderr)
    server = subprocess.Popen([binary, "--db", db, "serve", "--listen", "127.0.0.1:0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        port = int(re.search(r":(\d+)/", server.stdout.readline()).group(1))
        out = {}
        for clients in (4, 16):
            out[clients] = post_sessions(port, clients, name)
        owner = Client(port, name)
        out["first_page"] = first_page_time(owner)
        out["pages"] = page_times(owner)
        return out
    finally:
        server.terminate()
        server.wait(timeout=60)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--db", required=True)
    args = ap.parse_args()
    env = dict(os.environ, MASSAGELOG_NOW="2026-11-21T15:00:00Z", MASSAGELOG_USER="bench", TZ="UTC")
    out = run_web(os.path.abspath(args.binary), args.db, env)
    for clients in (4, 16):
        rate, p50, p99 = out[clients]
        print(f"{clients} clients: {rate:.0f} adds/s, p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms")
    print(f"GET / first after the adds: {out['first_page'] * 1000:.0f} ms")
    for path, seconds in out["pages"].items():
        print(f"GET {path}: {seconds * 1000:.0f} ms")


if __name__ == "__main__":
    main()
