#!/usr/bin/env bash
# Builds the test suite with AddressSanitizer + UndefinedBehaviorSanitizer (clang, in
# build-san/) and runs it; any sanitizer report fails the run. The same build also holds the
# libFuzzer targets (TRENDSCAN_FUZZ), so scripts/fuzz.sh after this compiles almost nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# -O1: fast enough to compile on two cores, and what the sanitizers' authors recommend.
cmake -S . -B build-san -DCMAKE_CXX_COMPILER=clang++ -DTRENDSCAN_FUZZ=ON -DTRENDSCAN_BUILD_BENCHMARKS=OFF \
  -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g1" >/dev/null
cmake --build build-san -j "$(nproc)"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --test-dir build-san --output-on-failure
