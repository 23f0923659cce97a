#!/usr/bin/env bash
# Times `trendscan analyze` as one process and under mpirun at several rank counts on the same
# corpus, and prints a Markdown table: wall time, the peak memory of rank 0 and of the largest
# other rank (/usr/bin/time on each rank), the report's stage times, and whether the JSON report
# is byte-identical to the single-process one (--no-timings run). Needs a build with MPI
# (scripts/install-deps.sh --test, then scripts/build.sh).
#
# Usage: benches/mpi_scaling.sh [CORPUS_DIR | POSTS] [RANKS...]
#   CORPUS_DIR: a folder to analyse; POSTS: a number of short posts to generate with
#   benches/gen_posts.py into $WORK (default 100000). RANKS default: 1 2 4.
# Environment: WORK (default /tmp/trendscan-mpi-bench, removed at the end unless KEEP=1),
#   THREADS (--threads of each rank; default 0: the machine's cores shared among its ranks),
#   ARGS (more analyze options, e.g. "--k 8"), RUNS (runs per row, the median kept; default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$PWD/build/trendscan
work=${WORK:-/tmp/trendscan-mpi-bench}
threads=${THREADS:-0}
runs=${RUNS:-1}
read -r -a extra <<<"${ARGS:-}"
what=${1:-100000}
shift || true
ranks=("$@")
[ ${#ranks[@]} -gt 0 ] || ranks=(1 2 4)
mkdir -p "$work"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
if [ -d "$what" ]; then
  corpus=$what
else
  corpus=$work/posts-$what
  [ -d "$corpus" ] || python3 benches/gen_posts.py "$corpus" --posts "$what" --per-shard 100000
fi
mb=$(du -sb "$corpus" | awk '{printf "%.1f", $1 / 1e6}')

# One run: $1 = ranks (0 = one process, no mpirun); prints "wall peak0 peak_other" and leaves
# the report in $work/report.json.
run_once() {
  local n=$1
  rm -f "$work"/time.*
  local start end
  start=$(date +%s.%N)
  if [ "$n" = 0 ]; then
    /usr/bin/time -f '%M' -o "$work/time.0" "$bin" analyze "$corpus" --threads "$threads" \
      "${extra[@]}" --format json -o "$work/report.json" -q || true
  else
    mpirun --oversubscribe -np "$n" sh -c \
      'exec /usr/bin/time -f "%M" -o "$0/time.$OMPI_COMM_WORLD_RANK" "$@"' "$work" \
      "$bin" analyze "$corpus" --threads "$threads" "${extra[@]}" --format json \
      -o "$work/report.json" -q >/dev/null 2>&1 || true
  fi
  end=$(date +%s.%N)
  local peak0 other=0
  peak0=$(tail -1 "$work/time.0")
  for f in "$work"/time.*; do
    [ "$f" = "$work/time.0" ] && continue
    local p
    p=$(tail -1 "$f")
    [ "$p" -gt "$other" ] && other=$p
  done
  echo "$(echo "$end - $start" | bc) $peak0 $other"
}

stages() {
  python3 - "$work/report.json" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))["timings"]
if "tokenize+stem" in t: t.setdefault("tokenize_stem", t["tokenize+stem"])  # before schema 4
order = ["read", "segment", "tokenize_stem", "gather", "vectorize", "cluster", "describe"]
print(" | ".join(f"{t[s]:.2f}" if s in t else "-" for s in order))
EOF
}

"$bin" analyze "$corpus" --threads "$threads" "${extra[@]}" --format json --no-timings \
  -o "$work/single.json" -q || true
echo "corpus: $corpus ($mb MB), --threads $threads ${extra[*]:-}, $(nproc) cores, $runs run(s) a row"
echo
echo "| ranks | wall s | peak MB rank 0 | peak MB other ranks | read | segment | tokenize+stem | gather | vectorize | cluster | describe | same report |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
for n in 0 "${ranks[@]}"; do
  results=()
  for _ in $(seq 1 "$runs"); do results+=("$(run_once "$n")"); done
  median=$(printf '%s\n' "${results[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
  read -r wall peak0 other <<<"$median"
  same="-"
  if [ "$n" != 0 ]; then
    mpirun --oversubscribe -np "$n" "$bin" analyze "$corpus" --threads "$threads" "${extra[@]}" \
      --format json --no-timings -o "$work/mpi.json" -q >/dev/null 2>&1 || true
    if cmp -s "$work/single.json" "$work/mpi.json"; then same=yes; else same=NO; fi
  fi
  label=$([ "$n" = 0 ] && echo "one process" || echo "$n")
  printf '| %s | %.2f | %d | %s | %s | %s |\n' "$label" "$wall" $((peak0 / 1024)) \
    "$([ "$other" = 0 ] && echo - || echo $((other / 1024)))" "$(stages)" "$same"
done
