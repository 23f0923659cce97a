#!/usr/bin/env bash
# One command for the test suite: install what is missing, build, run every test (ctest).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
ctest --test-dir build --output-on-failure
