#!/usr/bin/env bash
# The distributed run under a real mpirun (Open MPI), as a user runs it: the JSON report of
# `mpirun -np N trendscan analyze ...` is the single-process one byte for byte (--no-timings) at
# 1, 2 and 4 ranks, on the sample essays, on a folder of JSONL shards and by paragraphs; errors
# end every rank with one message and the documented exit code; a rank killed mid-run ends the
# job without a report. Run by ctest when the build found MPI.
# Usage: mpi_test.sh TRENDSCAN_BINARY SOURCE_DIR [MPIRUN]
set -euo pipefail
bin=$1
src=$2
mpirun=${3:-mpirun}
work=$(mktemp -d "${TMPDIR:-/tmp}/trendscan-mpi-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
# Open MPI refuses root unless told; the ranks share 2 cores here, hence --oversubscribe.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1
# No network interface probing beyond the loopback on a single machine.
export OMPI_MCA_btl=self,vader
mpi() { "$mpirun" --oversubscribe -np "$@"; }
failures=0
fail() {
  echo "mpi_test: FAIL: $*" >&2
  failures=$((failures + 1))
}

# Same report? $1 = label, $2 = expected exit code, rest = analyze arguments.
same_report() {
  local label=$1 code=$2
  shift 2
  local rc=0
  "$bin" analyze "$@" --format json --no-timings -o "$work/single.json" 2>/dev/null || rc=$?
  [ "$rc" = "$code" ] || fail "$label: single process exit $rc, expected $code"
  for ranks in 1 2 4; do
    rc=0
    mpi "$ranks" "$bin" analyze "$@" --format json --no-timings -o "$work/mpi.json" \
      >/dev/null 2>"$work/err" || rc=$?
    [ "$rc" = "$code" ] || fail "$label: $ranks ranks exit $rc, expected $code"
    if cmp -s "$work/single.json" "$work/mpi.json"; then
      echo "mpi_test: $label: $ranks ranks: same report"
    else
      fail "$label: $ranks ranks: the report differs from the single-process one"
    fi
  done
}

python3 "$src/benches/gen_posts.py" "$work/shards" --posts 3000 --per-shard 400 >/dev/null
printf '{"text": "un billet"}\nnot json\n' >"$work/shards/zz-bad.jsonl"

same_report "sample-fr" 0 "$src/corpora/sample-fr"
same_report "sample-fr --threads 1" 0 "$src/corpora/sample-fr" --threads 1
same_report "JSONL shards (a bad line: exit 3)" 3 "$work/shards" --k 8
same_report "sample-fr --unit paragraph" 0 "$src/corpora/sample-fr" --unit paragraph
same_report "sample-fr --since 2010 --by author" 0 "$src/corpora/sample-fr" --since 2010 --by author

# The text report too.
"$bin" analyze "$src/corpora/sample-fr" --no-timings >"$work/single.txt"
mpi 3 "$bin" analyze "$src/corpora/sample-fr" --no-timings >"$work/mpi.txt" 2>/dev/null
cmp -s "$work/single.txt" "$work/mpi.txt" || fail "text report: 3 ranks differ"
# The HTML report and the CSV tables too.
"$bin" analyze "$src/corpora/sample-fr" --no-timings --format html -o "$work/single.html" \
  --tables "$work/tables-single" -q
mpi 3 "$bin" analyze "$src/corpora/sample-fr" --no-timings --format html -o "$work/mpi.html" \
  --tables "$work/tables-mpi" -q >/dev/null 2>&1
cmp -s "$work/single.html" "$work/mpi.html" || fail "HTML report: 3 ranks differ"
diff -r "$work/tables-single" "$work/tables-mpi" >/dev/null || fail "CSV tables: 3 ranks differ"
[ -s "$work/tables-mpi/themes.csv" ] || fail "CSV tables: 3 ranks wrote no themes.csv"
echo "mpi_test: text, HTML and CSV tables: 3 ranks: same bytes"

# trendscan bench under MPI: the ranks read a labelled folder, rank 0 measures; the same
# corpus, counts and clustering as one process. The synthetic corpus is refused (exit 2).
mkdir -p "$work/labelled"
for label in blogs votes; do
  mkdir -p "$work/labelled/$label"
  for i in 1 2 3 4 5 6; do
    case $label in
      blogs) echo "Mon blog numéro $i, mes billets, mes lecteurs et leurs commentaires." ;;
      votes) echo "Le vote $i des citoyens, la consultation et le budget participatif." ;;
    esac >"$work/labelled/$label/$i.txt"
  done
done
bench_figures() {
  python3 -c 'import json, sys
j = json.load(open(sys.argv[1]))
print(j["corpus"], j["clustering"]["objective"], j["quality"], j["parameters"]["k"],
      j["input"]["documents"])' "$1"
}
"$bin" bench "$work/labelled" --format json --rounds 0 --min-df 1 --max-df 1.0 \
  -o "$work/bench1.json" 2>/dev/null || fail "bench: single process failed"
mpi 3 "$bin" bench "$work/labelled" --format json --rounds 0 --min-df 1 --max-df 1.0 \
  -o "$work/bench3.json" >/dev/null 2>&1 || fail "bench: 3 ranks failed"
if [ "$(bench_figures "$work/bench1.json")" = "$(bench_figures "$work/bench3.json")" ] &&
  grep -q '"ranks": 3' "$work/bench3.json"; then
  echo "mpi_test: bench: 3 ranks: same corpus, counts and clustering"
else
  fail "bench: 3 ranks differ: $(bench_figures "$work/bench1.json") against $(bench_figures "$work/bench3.json")"
fi
rc=0
mpi 2 "$bin" bench --docs 100 >/dev/null 2>"$work/err" || rc=$?
[ "$rc" = 2 ] && grep -q "under MPI, bench reads a folder" "$work/err" ||
  fail "bench: synthetic under 2 ranks: exit $rc, $(cat "$work/err")"

# Errors: one message (from rank 0), the documented code, no report.
expect_error() {
  local label=$1 code=$2 pattern=$3
  shift 3
  local rc=0
  rm -f "$work/none.json"
  mpi 2 "$bin" analyze "$@" -o "$work/none.json" </dev/null >/dev/null 2>"$work/err" || rc=$?
  [ "$rc" = "$code" ] || fail "$label: exit $rc, expected $code"
  local n
  n=$(grep -c '^trendscan: error:' "$work/err" || true)
  [ "$n" = 1 ] || fail "$label: $n error lines, expected 1"
  grep -q "$pattern" "$work/err" || fail "$label: no '$pattern' in: $(cat "$work/err")"
  [ ! -e "$work/none.json" ] || fail "$label: a report was written"
  echo "mpi_test: $label: exit $rc, one message"
}
expect_error "missing path" 1 "does not exist" "$work/missing"
expect_error "bad option" 2 "not expected" "$src/corpora/sample-fr" --no-such-option
expect_error "standard input" 2 "standard input" -
expect_error "k too large" 2 "larger than the 45 documents" "$src/corpora/sample-fr" --k 99
# A lexicon only rank 1 cannot read: every rank stops, rank 0 names rank 1.
cp "$src/data/themes/fr.txt" "$work/themes.txt"
rc=0
mpi 2 sh -c 'if [ "$OMPI_COMM_WORLD_RANK" = 1 ]; then t=/nonexistent; else t="$0"; fi;
  exec "$1" analyze "$2" --themes "$t" -o "$3"' \
  "$work/themes.txt" "$bin" "$src/corpora/sample-fr" "$work/none.json" 2>"$work/err" || rc=$?
[ "$rc" = 2 ] || fail "lexicon missing on rank 1: exit $rc, expected 2"
grep -q "(on rank 1 of 2)" "$work/err" || fail "lexicon missing on rank 1: $(cat "$work/err")"
[ ! -e "$work/none.json" ] || fail "lexicon missing on rank 1: a report was written"

# A rank killed (SIGKILL) while the job runs: mpirun ends every rank, no report, no temp file.
# Rank 1 is stopped as soon as it is seen, so it cannot have sent its share: the job cannot
# have finished when it is killed.
python3 "$src/benches/gen_posts.py" "$work/big" --posts 30000 --per-shard 1000 >/dev/null
tag="trendscan-mpi-test-$$-$RANDOM"
rc=0
TRENDSCAN_TEST_TAG=$tag "$mpirun" --oversubscribe -np 3 -x TRENDSCAN_TEST_TAG \
  "$bin" analyze "$work/big" --format json -o "$work/killed.json" >/dev/null 2>&1 &
job=$!
victim=""
for _ in $(seq 1 2000); do
  for comm in /proc/[0-9]*/comm; do
    name=""
    read -r name 2>/dev/null <"$comm" || continue
    [ "$name" = trendscan ] || continue
    environ=${comm%/comm}/environ
    if grep -qzx "TRENDSCAN_TEST_TAG=$tag" 2>/dev/null <"$environ" &&
      grep -qzx "OMPI_COMM_WORLD_RANK=1" 2>/dev/null <"$environ"; then
      victim=${comm#/proc/}
      victim=${victim%/comm}
      kill -STOP "$victim"
      break 2
    fi
  done
  sleep 0.005
done
if [ -n "$victim" ]; then
  sleep 1
  [ ! -e "$work/killed.json" ] || fail "stopped rank: the report was written without its share"
  kill -9 "$victim"
  wait "$job" || rc=$?
  [ "$rc" != 0 ] || fail "killed rank: the job exited 0"
  [ ! -e "$work/killed.json" ] || fail "killed rank: a report was written"
  ! ls -A "$work" | grep -q '\.tmp\.' || fail "killed rank: a temporary file was left"
  echo "mpi_test: a rank killed: the job ended (exit $rc), no report"
else
  wait "$job" || true
  fail "killed rank: rank 1 was never seen running"
fi

if [ "$failures" -gt 0 ]; then
  echo "mpi_test: $failures failure(s)" >&2
  exit 1
fi
echo "mpi_test: all passed"
