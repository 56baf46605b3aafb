#!/usr/bin/env python3
"""make bench: times massagelog against the sqlite3 shell doing the same work
on the same database (whole processes, hyperfine medians, ratios from one
run), peak memory of export and flags at two sizes, and cost at three sizes.

    bench/run.py --binary build-release/app/massagelog --work bench/work [--quick]
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

from web_load import run_web

NOW = "2026-11-21T15:00:00Z"
SIZES = [  # clients, sessions, reports
    (5_000, 100_000, 30_000),
    (15_000, 300_000, 90_000),
    (50_000, 1_000_000, 300_000),
]

EXPORT_SQL = """SELECT s.id, s.started_at, s.client_id, c.name, s.therapist_id, t.name,
 s.duration_min, k.name, s.pressure,
 (SELECT group_concat(g.name || ':' || sr.side || ':' || sr.pressure ||
   CASE WHEN sr.focal THEN ':focal' ELSE '' END, ' ')
    FROM session_regions sr JOIN regions g ON g.id = sr.region_id WHERE sr.session_id = s.id),
 s.notes, s.created_by, s.created_at, s.voided_at, s.void_reason
 FROM sessions s JOIN clients c ON c.id = s.client_id JOIN therapists t ON t.id = s.therapist_id
 JOIN techniques k ON k.id = s.technique_id ORDER BY s.id"""

COUNT_SQL = """SELECT count(*) FROM reports r JOIN sessions s ON s.id = r.session_id
 JOIN clients c ON c.id = r.client_id WHERE s.voided_at IS NULL AND c.archived_at IS NULL
 AND s.started_at <= '{now}' AND r.reported_at <= '{now}'"""

INSERT_SQL = """INSERT INTO sessions (client_id, therapist_id, started_at, duration_min,
 technique_id, pressure, created_by, created_at) VALUES (5, 3, '2026-11-20T15:00:00Z', 60, 1, 2,
 'bench', '2026-11-21T15:00:00Z')"""


def env():
    e = dict(os.environ)
    e.update({"MASSAGELOG_NOW": NOW, "MASSAGELOG_USER": "bench", "TZ": "UTC"})
    return e


def sh(cmd, **kw):
    return subprocess.run(cmd, shell=True, check=True, env=env(), **kw)


def hyperfine(name, commands, work, runs, prepare=None, shell=True, rounds=1):
    """Median seconds of each command. hyperfine runs all of one command's
    runs before the next command's, so a change in the machine's load
    between the two would skew their ratio; with rounds > 1 it is called
    that many times, `runs` each, and the median is taken over every round's
    times. Without a shell (shell=False) the commands run directly, their
    output discarded: the few milliseconds of starting bash would blur the
    short ones."""
    times = [[] for _ in commands]
    for r in range(rounds):
        out = os.path.join(work, f"{name}.json" if rounds == 1 else f"{name}-{r + 1}.json")
        args = ["hyperfine", "--style", "none", "--warmup", "1", "--runs", str(runs),
                "--export-json", out] + (["--shell", "bash"] if shell else ["-N"])
        if prepare:
            args += ["--prepare", prepare]
        subprocess.run(args + commands, check=True, env=env(), stdout=subprocess.DEVNULL)
        with open(out) as f:
            for i, result in enumerate(json.load(f)["results"]):
                times[i].extend(result["times"])
    return [statistics.median(t) for t in times]


def peak_kb(command):
    proc = subprocess.run(["/usr/bin/time", "-v", "bash", "-c", command], env=env(),
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    for line in proc.stderr.decode().splitlines():
        if "Maximum resident set size" in line:
            return int(line.split(":")[1])
    return -1


def timed(command):
    start = time.perf_counter()
    sh(command + " > /dev/null")
    return time.perf_counter() - start


def make_clinic(binary, work, size):
    clients, sessions, reports = size
    db = os.path.join(work, f"clinic-{sessions}.db")
    if os.path.exists(db):  # kept from an earlier run: bring its schema up to date
        sh(f"{binary} --db {db} db migrate > /dev/null")
    else:
        t = timed(f"{binary} --db {db} --tz America/New_York demo --clients {clients} "
                  f"--sessions {sessions} --reports {reports} --seed 1")
        print(f"demo clinic of {clients} clients, {sessions} sessions, {reports} reports: "
              f"{t:.1f} s", file=sys.stderr)
    return db


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--quick", action="store_true", help="small clinic, for trying the script")
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    sizes = SIZES[:1] if args.quick else SIZES
    runs = 3 if args.quick else 5

    dbs = [make_clinic(binary, work, s) for s in sizes]
    big = dbs[-1]
    m = f"{binary} --db"
    export_csv = os.path.join(work, "sessions.csv")
    sh(f"{m} {big} export sessions -o {export_csv} --force 2>/dev/null")
    for t in ("therapists", "clients"):
        sh(f"{m} {big} export {t} -o {work}/{t}.csv --force 2>/dev/null")
    base = os.path.join(work, "import-base.db")
    if os.path.exists(base):
        os.remove(base)
    sh(f"{m} {base} init --tz America/New_York > /dev/null")
    sh(f"{m} {base} import therapists {work}/therapists.csv > /dev/null")
    sh(f"{m} {base} import clients {work}/clients.csv > /dev/null")
    bare = os.path.join(work, "bare.db")

    rows = []
    ours, shell = hyperfine("export", [
        f"{m} {big} export sessions -o {work}/out.csv --force 2>/dev/null",
        f"sqlite3 -csv {big} \"{' '.join(EXPORT_SQL.split())}\" > {work}/out-shell.csv"], work, runs)
    rows.append(("export sessions", ours, shell, "< 1.0x the shell", ours / shell < 1.0))
    ours, shell = hyperfine("flags", [
        f"{m} {big} flags --format csv",
        f"sqlite3 {big} \"{' '.join(COUNT_SQL.format(now=NOW).split())}\""],
        work, runs, shell=False)
    rows.append(("flags (whole clinic)", ours, shell, "< 2x the shell", ours / shell < 2.0))
    ours, shell = hyperfine("import", [
        f"cp {base} {work}/import.db && rm -f {work}/import.db-wal {work}/import.db-shm && "
        f"{m} {work}/import.db import sessions {export_csv} > /dev/null",
        f"rm -f {bare} && sqlite3 {bare} '.import --csv {export_csv} sessions'"],
        work, 3, rounds=2)
    rows.append(("import sessions", ours, shell, "< 2x the shell", ours / shell < 2.0))
    ours, shell = hyperfine("add", [
        f"{m} {big} session add --client 5 --therapist 3 --at '2026-11-20 10:00' "
        "--technique swedish --pressure 2 --region calf",
        f"sqlite3 {big} \"{' '.join(INSERT_SQL.split())}\""], work, 10, shell=False, rounds=4)
    rows.append(("session add", ours, shell, "< 2x the shell", ours / shell < 2.0))
    client_flags, client_summary = hyperfine("client", [
        f"{m} {big} flags --client 77",
        f"{m} {big} summary client 77"], work, 10, shell=False)
    rows.append(("flags --client 77", client_flags, None, "< 20 ms", client_flags < 0.020))
    rows.append(("summary client 77", client_summary, None, "< 20 ms", client_summary < 0.020))

    # The web row: keep-alive clients posting sessions to massagelog serve,
    # against session add as one process per add (the row above).
    web = run_web(binary, big, env())
    cli_rate = 1.0 / rows[3][1]
    web_lines = []
    for clients in (4, 16):
        rate, p50, p99 = web[clients]
        # The time column holds the time per add (1 / adds per second).
        rows.append((f"web add, {clients} clients", 1.0 / rate, None,
                     ">= 10x session add", rate >= 10 * cli_rate))
        if clients == 16:
            rows.append(("web add p99, 16 clients", p99, None, "< 50 ms", p99 < 0.050))
        web_lines.append(f"| {clients} | {rate:.0f} | {rate / cli_rate:.1f}x | {p50 * 1000:.1f} ms | "
                         f"{p99 * 1000:.1f} ms |")
    for path, seconds in web["pages"].items():
        rows.append((f"web GET {path}", seconds, None, "< 100 ms", seconds < 0.100))

    print(f"\nOn {sizes[-1][1]:,} sessions, {sizes[-1][0]:,} clients, {sizes[-1][2]:,} reports "
          f"(hyperfine medians, whole processes):\n")
    print(f"| {'work':<22} | {'massagelog':>10} | {'sqlite3':>9} | {'ratio':>6} | {'target':<17} | met |")
    print(f"|{'-' * 24}|{'-' * 12}|{'-' * 11}|{'-' * 8}|{'-' * 19}|-----|")
    missed = 0
    for name, ours, shell, target, ok in rows:
        ratio = f"{ours / shell:.2f}" if shell else "-"
        shell_text = f"{shell * 1000:.0f} ms" if shell else "-"
        print(f"| {name:<22} | {ours * 1000:>7.0f} ms | {shell_text:>9} | {ratio:>6} | "
              f"{target:<17} | {'yes' if ok else 'NO':<3} |")
        missed += not ok

    print(f"\nWeb entry: keep-alive clients posting sessions to massagelog serve, against "
          f"session add as one process per add ({cli_rate:.0f} adds/s):\n")
    print("| clients | adds/s | vs session add | p50 | p99 |")
    print("|---|---|---|---|---|")
    for line in web_lines:
        print(line)
    print(f"\nThe first `/` after those adds, which brings the server's flag board up to date "
          f"with the 40 clients they wrote (every later page reads it as it stands): "
          f"{web['first_page'] * 1000:.0f} ms.")

    print("\nPeak memory (maximum resident set size):\n")
    print("| sessions | export sessions | flags |")
    print("|---|---|---|")
    for db, size in list(zip(dbs, sizes))[-2:] if len(dbs) > 1 else zip(dbs, sizes):
        e = peak_kb(f"{m} {db} export sessions -o {work}/mem.csv --force 2>/dev/null")
        f = peak_kb(f"{m} {db} flags --format csv > /dev/null")
        print(f"| {size[1]:,} | {e / 1024:.1f} MiB | {f / 1024:.1f} MiB |")

    print("\nCost by size (one run each):\n")
    print("| sessions | export sessions | flags | import sessions |")
    print("|---|---|---|---|")
    for db, size in zip(dbs, sizes):
        e = timed(f"{m} {db} export sessions -o {work}/g.csv --force 2>/dev/null")
        f = timed(f"{m} {db} flags --format csv")
        sh(f"{m} {db} export sessions -o {work}/g.csv --force 2>/dev/null")
        sh(f"cp {base} {work}/g.db && rm -f {work}/g.db-wal {work}/g.db-shm")
        i = timed(f"{m} {work}/g.db import sessions {work}/g.csv")
        print(f"| {size[1]:,} | {e:.2f} s | {f:.2f} s | {i:.2f} s |")
    print(f"\n{len(rows) - missed} of {len(rows)} targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
