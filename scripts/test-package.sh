#!/usr/bin/env bash
# The Debian package of a build: made by CPack, passed by lintian, then
# unpacked into an empty root where the installed programs must run.
#   scripts/test-package.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
cd "$build"
cpack -G DEB > cpack.log 2>&1 || { cat cpack.log; exit 1; }
deb=$build/massagelog_$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' CMakeCache.txt)_amd64.deb
test -f "$deb" || { echo "no package at $deb"; exit 1; }
lintian --fail-on error --allow-root "$deb"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
for f in usr/bin/massagelog usr/bin/massagelog-web usr/share/man/man1/massagelog.1.gz \
         usr/share/man/man1/massagelog-web.1.gz usr/share/bash-completion/completions/massagelog \
         usr/share/doc/massagelog/copyright usr/share/doc/massagelog/changelog.gz \
         usr/share/doc/massagelog/README.md usr/share/doc/massagelog/docs/cli.md; do
    test -e "$root/$f" || { echo "the package lacks /$f"; exit 1; }
done
dpkg-deb -f "$deb" Depends | grep -q libsqlite3 || { echo "Depends misses libsqlite3"; exit 1; }
"$root/usr/bin/massagelog" --version
"$root/usr/bin/massagelog" help > /dev/null
MASSAGELOG_NOW=2026-11-21T15:00:00Z "$root/usr/bin/massagelog" --db "$root/clinic.db" init --tz Etc/UTC
echo "package ok: $(basename "$deb")"
