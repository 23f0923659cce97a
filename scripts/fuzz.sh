#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan, in build-san/) and runs each for a bounded
# time on a scratch copy of its committed seeds (tests/fuzz/corpus/<target>/), so the repository
# is never touched. Fails when any target crashes, leaks, hangs or trips a sanitizer; the input
# that did it is left in build-san/fuzz-artifacts/.
#   scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
targets=(tokenizer decode text html jsonl csv iramuteq report corpus)
scripts/install-deps.sh
cmake -S . -B build-san -DCMAKE_CXX_COMPILER=clang++ -DTRENDSCAN_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g1" >/dev/null
cmake --build build-san -j "$(nproc)" --target "${targets[@]/#/fuzz_}"
artifacts="$PWD/build-san/fuzz-artifacts"
mkdir -p "$artifacts"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
for t in "${targets[@]}"; do
  mkdir -p "$scratch/$t"
  cp tests/fuzz/corpus/"$t"/* "$scratch/$t/"
  echo "fuzz: $t for ${seconds}s" >&2
  if ! build-san/fuzz_"$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -artifact_prefix="$artifacts/$t-" -print_final_stats=1 \
      "$scratch/$t" >"$scratch/$t.log" 2>&1; then
    tail -n 60 "$scratch/$t.log" >&2
    echo "fuzz: $t FAILED; the input is in $artifacts/" >&2
    exit 1
  fi
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$scratch/$t.log" | tr '\n' ' ' >&2
  echo >&2
done
echo "fuzz: all ${#targets[@]} targets ran ${seconds}s each without a finding" >&2
