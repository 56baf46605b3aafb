#!/usr/bin/env bash
# The main job on a fresh demo clinic: build it, then show what staff would
# look at first. Usage: scripts/demo.sh PATH/TO/massagelog
set -euo pipefail
bin=${1:-build/app/massagelog}
mkdir -p demo
db=demo/clinic.db
rm -f "$db" "$db-wal" "$db-shm"
run() {
    echo
    echo "\$ massagelog $*"
    "$bin" --db "$db" "$@"
}
zone=${MASSAGELOG_DEMO_TZ:-America/New_York}
run --tz "$zone" demo --seed 1
run session list --from "$(date -d '7 days ago' +%F)"
run report list --open
run flags
run db check
run followup due
run summary client 3 --format html -o demo/client-3.html --force
echo
echo "Client 3's follow-up report (HTML): $(pwd)/demo/client-3.html"
echo "The demo database is $db; try: $bin --db $db --help"
