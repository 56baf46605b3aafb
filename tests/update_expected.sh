#!/usr/bin/env bash
# Rewrites tests/expected/*.txt from the current build's output. Read the
# diff (git diff tests/expected) before committing it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${BUILD_DIR:-$here/../build}
python3 "$here/e2e/run_e2e.py" --binary "$build/app/massagelog" --expected "$here/expected" --update "$@"
