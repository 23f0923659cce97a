#!/usr/bin/env bash
# Installs what is missing, then configures and builds trendscan (Release) in build/, showing
# the build's progress on standard error (standard output stays free for the caller).
#   scripts/build.sh         the program, its tests and benchmarks (what scripts/test.sh runs)
#   scripts/build.sh --run   the program with its man page and completions, and only what that
#                            needs installed (scripts/demo.sh); a build/ already configured
#                            with the tests is kept as it is
#   --no-deps                skip scripts/install-deps.sh (the caller has just run it)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=test
deps=1
for arg in "$@"; do
  case "$arg" in
    --run) mode=run ;;
    --no-deps) deps=0 ;;
    *)
      echo "usage: scripts/build.sh [--run] [--no-deps]" >&2
      exit 2
      ;;
  esac
done
if [ "$deps" = 1 ]; then scripts/install-deps.sh "$mode"; fi

options=(-DCMAKE_BUILD_TYPE=Release)
if [ "$mode" = test ]; then
  options+=(-DTRENDSCAN_BUILD_TESTS=ON -DTRENDSCAN_BUILD_BENCHMARKS=ON)
elif [ ! -f build/CMakeCache.txt ]; then
  options+=(-DTRENDSCAN_BUILD_TESTS=OFF -DTRENDSCAN_BUILD_BENCHMARKS=OFF)
fi
echo "build: configuring build/ (cmake ${options[*]})" >&2
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! cmake -S . -B build "${options[@]}" >"$log" 2>&1; then
  cat "$log" >&2
  echo "build: cmake could not configure build/ (above)" >&2
  exit 1
fi
jobs="$(nproc)"
echo "build: compiling with $jobs job(s); the first build takes a few minutes (3 to 8 on 2 cores)" >&2
cmake --build build -j "$jobs" >&2
echo "build: build/trendscan is ready" >&2
