#!/usr/bin/env bash
# Runs each libFuzzer target: first on its saved regressions, then for
# SECONDS on a copy of its seed corpus. A crash leaves the input in
# BUILD/artifacts and fails; save it under tests/fuzz/regressions/TARGET/
# and fix the bug. Usage: scripts/fuzz.sh BUILD_DIR SECONDS
set -euo pipefail
shopt -s nullglob
build=${1:-build-fuzz}
seconds=${2:-60}
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$build/artifacts"
for target in time region csv; do
    bin="$build/tests/fuzz/fuzz_$target"
    regressions=("$here/tests/fuzz/regressions/$target"/*)
    if ((${#regressions[@]})); then
        "$bin" "${regressions[@]}" > "$build/artifacts/$target-regressions.log" 2>&1 || {
            cat "$build/artifacts/$target-regressions.log"; exit 1; }
    fi
    work=$(mktemp -d)
    cp -r "$here/tests/fuzz/corpus/$target/." "$work/"
    echo "fuzz_$target: ${#regressions[@]} regression inputs passed; fuzzing for ${seconds}s"
    if ! "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
            -artifact_prefix="$build/artifacts/$target-" -print_final_stats=1 \
            "$work" > "$build/artifacts/$target.log" 2>&1; then
        tail -40 "$build/artifacts/$target.log"
        echo "fuzz_$target found a failure: see $build/artifacts/; save the input in tests/fuzz/regressions/$target/"
        rm -rf "$work"
        exit 1
    fi
    grep -E "stat::number_of_executed_units|Done" "$build/artifacts/$target.log" | tr '\n' ' '
    echo
    rm -rf "$work"
done
