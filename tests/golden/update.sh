#!/usr/bin/env bash
# Regenerates the golden reports listed in tests/golden/cases.txt with the built binary
# (build/trendscan, or $TRENDSCAN); a name ending in / is a folder of --tables. Run it only after
# a change that is meant to change reports, then read the diff and say in the commit why the
# reports changed. The build's commit ("commit" in the JSON tool object) is written as "GOLDEN",
# as golden_test.cpp compares it.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="${TRENDSCAN:-build/trendscan}"
grep -vE '^\s*(#|$)' tests/golden/cases.txt | while read -r name args; do
  if [ "${name%/}" != "$name" ]; then
    # A folder: the tables (--tables) of the run, and only them.
    rm -rf "tests/golden/${name%/}.tmp"
    # shellcheck disable=SC2086  # the arguments are words by design
    "$bin" $args --tables "tests/golden/${name%/}.tmp" -o /dev/null 2>/dev/null || [ $? -eq 3 ]
    rm -rf "tests/golden/${name%/}"
    mv "tests/golden/${name%/}.tmp" "tests/golden/${name%/}"
  else
    # shellcheck disable=SC2086  # the arguments are words by design
    "$bin" $args 2>/dev/null >"tests/golden/$name.tmp" || [ $? -eq 3 ]
    sed -i -E '0,/"commit": /s/"commit": (null|"[^"]*")/"commit": "GOLDEN"/' "tests/golden/$name.tmp"
    mv "tests/golden/$name.tmp" "tests/golden/$name"
  fi
  echo "golden: wrote tests/golden/$name" >&2
done
