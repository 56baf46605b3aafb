#!/usr/bin/env python3
"""The nginx site the package ships (packaging/nginx.conf, docs/web.md,
"Behind nginx"), run as written in front of the real server: nginx accepts
it, logins pass through it over TLS, the login rate limit answers 429, and
with --trusted-proxy the server locks and audits the address nginx names,
not its own. Loopback only; nginx and the server are stopped at the end.

    test_nginx.py --binary PATH
"""

import argparse
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from webtest import Browser, Check, Clinic, wait_gone  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SITE = os.path.join(HERE, "..", "..", "packaging", "nginx.conf")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def site_conf(d, port, upstream, check):
    """The shipped site with only the clinic's own values changed: where it
    listens, its certificate, and the port massagelog serves on."""
    with open(SITE, encoding="utf-8") as f:
        text = f.read()
    changes = [("listen 443 ssl;", f"listen 127.0.0.1:{port} ssl;"),
               ("/etc/massagelog/cert.pem", os.path.join(d, "cert.pem")),
               ("/etc/massagelog/key.pem", os.path.join(d, "key.pem")),
               ("server 127.0.0.1:8080;", f"server 127.0.0.1:{upstream};")]
    for old, new in changes:
        check(text.count(old) == 1, f"the site says {old!r} once")
        text = text.replace(old, new)
    return text


def main_conf(d):
    temp = "\n".join(f"    {name}_temp_path {d}/{name};"
                     for name in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"])
    for name in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]:
        os.makedirs(os.path.join(d, name), mode=0o777, exist_ok=True)
        os.chmod(os.path.join(d, name), 0o777)
    user = "user nobody nogroup;\n" if os.geteuid() == 0 else ""
    return (f"{user}daemon off;\nworker_processes 1;\npid {d}/nginx.pid;\n"
            f"error_log {d}/error.log;\nevents {{ worker_connections 256; }}\n"
            f"http {{\n    access_log off;\n{temp}\n    include {d}/site.conf;\n}}\n")


def wait_port(port, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            time.sleep(0.05)
    return False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    check = Check()
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    clinic = Clinic(os.path.abspath(args.binary), demo=False)
    front = None
    try:
        d = clinic.dir
        os.chmod(d, 0o755)
        made = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                               "-days", "2", "-subj", "/CN=clinic.example",
                               "-keyout", os.path.join(d, "key.pem"),
                               "-out", os.path.join(d, "cert.pem")],
                              capture_output=True, timeout=60)
        check(made.returncode == 0, "openssl made a certificate")
        proc, upstream = clinic.serve("--allowed-host", "clinic.example",
                                      "--trusted-proxy", "127.0.0.1")
        port = free_port()
        with open(os.path.join(d, "site.conf"), "w", encoding="utf-8") as f:
            f.write(site_conf(d, port, upstream, check))
        conf = os.path.join(d, "nginx.conf")
        with open(conf, "w", encoding="utf-8") as f:
            f.write(main_conf(d))
        tested = subprocess.run([nginx, "-t", "-c", conf, "-p", d], capture_output=True,
                                text=True, timeout=60)
        check(tested.returncode == 0, f"nginx -t accepts the shipped site: {tested.stderr}")
        front = subprocess.Popen([nginx, "-c", conf, "-p", d], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, text=True)
        check(wait_port(port), "nginx listens")
        print("ok   nginx -t and start")

        context = ssl.create_default_context(cafile=os.path.join(d, "cert.pem"))
        context.check_hostname = False

        def browser(source):
            return Browser(port, source=source, tls=context, host="clinic.example")

        owner = browser("127.0.0.1")
        check(owner.login("owner") == 303, "the owner logs in through nginx over TLS")
        status, headers, page = owner.get("/")
        check(status == 200 and "Today" in page, f"and reads a page ({status})")
        check("default-src 'self'" in headers.get("content-security-policy", ""),
              "the server's own headers pass through")
        audit = clinic.sql("SELECT os_user FROM audit_log WHERE entity = 'login' "
                           "ORDER BY id DESC LIMIT 1")[0][0]
        check(audit.endswith("web:127.0.0.1"), f"the login is audited by the client's address: {audit}")
        status, _, _ = Browser(port, tls=context, host="elsewhere.example").get("/login")
        check(status == 421, f"another host name is refused by the server behind nginx ({status})")
        print("ok   a login through nginx")

        # Ten failed logins from one client (each for another name) lock that
        # client's address only. The form is fetched once and sent ten times,
        # paced to nginx's 10 a minute after its burst of 5.
        guesser = browser("127.0.0.2")
        _, h, page = guesser.request("GET", "/login")
        form = {"csrf": re.search(r'name="csrf" value="([0-9a-f]{64})"', page).group(1)}
        cookie = {"Cookie": h["set-cookie"].split(";")[0]}
        answers = []
        for i in range(11):
            if i >= 5:
                time.sleep(6.1)
            status, _, text = guesser.request(
                "POST", "/login", dict(form, name=f"guess-{i}", password="wrong guess"),
                headers=cookie)
            answers.append((status, "too many failed logins from this device" in text))
        check([a[0] for a in answers[:10]] == [401] * 10 and answers[10] == (429, True),
              f"the guesser is locked by the server after ten failures: {answers}")
        failed = clinic.sql("SELECT DISTINCT address FROM login_failures")
        check(failed == [("127.0.0.2",)], f"the failures are the guesser's address: {failed}")
        check(browser("127.0.0.3").login("thera") == 303,
              "another client logs in while the guesser is locked")
        print("ok   the lock is the client's, not nginx's")

        # nginx's own limit on /login: a burst past 5 answers 429 at once.
        flood = browser("127.0.0.4")
        answers = [flood.request("GET", "/login")[0] for _ in range(12)]
        check(answers[:6] == [200] * 6 and 429 in answers[6:],
              f"a burst of logins is limited by nginx: {answers}")
        print("ok   nginx limits a burst of logins")

        front.send_signal(signal.SIGQUIT)
        check(wait_gone(front) is not None, "nginx stops")
        proc.send_signal(signal.SIGINT)
        check(wait_gone(proc) == 0, "SIGINT stops the server with exit 0")
    except AssertionError as e:
        print(f"FAIL {e}")
        if front and front.poll() is None:
            front.kill()
        return 1
    finally:
        if front and front.poll() is None:
            front.kill()
            front.wait(timeout=10)
        clinic.close()
    print(f"web nginx: {check.count} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
