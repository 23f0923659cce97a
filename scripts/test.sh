#!/usr/bin/env bash
# One command for the test suite: install what is missing (Open MPI too, for the distributed
# tests), build, run every test (ctest, the runs under mpirun included); then the same tests
# under AddressSanitizer + UndefinedBehaviorSanitizer (scripts/sanitize.sh) and each libFuzzer
# target for a few seconds (scripts/fuzz.sh). `--quick` stops after the first step, for the
# edit-compile-test loop.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
scripts/build.sh
scripts/format.sh --check
ctest --test-dir build --output-on-failure
if [ "${1:-}" = "--quick" ]; then exit 0; fi
scripts/sanitize.sh
scripts/fuzz.sh "${TRENDSCAN_FUZZ_SECONDS:-10}"
