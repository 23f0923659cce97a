#!/usr/bin/env bash
# One command for the test suite: install what is missing (building, running and testing, Open MPI
# included), build, run every test (ctest, the distributed runs under mpirun included); then the
# same tests under AddressSanitizer + UndefinedBehaviorSanitizer (scripts/sanitize.sh) and each
# libFuzzer target for a few seconds (scripts/fuzz.sh). `--quick` stops after the first step, for
# the edit-compile-test loop. Each step says what it does on
# standard error.
set -euo pipefail
cd "$(dirname "$0")/.."
steps=3
if [ "${1:-}" = "--quick" ]; then steps=1; fi
echo "test: step 1 of $steps: Release build, format check and every test (ctest)" >&2
scripts/build.sh
scripts/format.sh --check
ctest --test-dir build --output-on-failure
if [ "$steps" = 1 ]; then exit 0; fi
echo "test: step 2 of $steps: the tests under ASan + UBSan (scripts/sanitize.sh, build-san/)" >&2
scripts/sanitize.sh
echo "test: step 3 of $steps: each fuzz target for ${TRENDSCAN_FUZZ_SECONDS:-10} s (scripts/fuzz.sh)" >&2
scripts/fuzz.sh "${TRENDSCAN_FUZZ_SECONDS:-10}"
echo "test: all passed" >&2
