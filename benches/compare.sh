#!/usr/bin/env bash
# Side by side, in one run, on the same files: trendscan, the scikit-learn pipeline a researcher
# would write (../shared/anchors/sklearn_trend.py: TfidfVectorizer + PyStemmer Snowball + KMeans,
# same k, same 5 restarts) and the `cat | wc -w` floor. Prints a Markdown table (BENCHMARKS.md is
# made from it).
#
#   benches/compare.sh [SIZE...]        default: 1000 10000 100000 synthetic documents; "real"
#                                       alone runs only the real corpora
#   WORK=/tmp/trendscan-bench  where generated corpora and outputs go (reused between runs)
#   REAL=0                     skip the real labelled corpora of ../shared/corpora
#   RUNS=3                     timed rounds (floor, trendscan, scikit-learn in turn); medians
#
# Needs: python3-sklearn python3-stemmer python3-scipy wfrench (installed if missing), and the
# anchors folder ../shared/anchors next to the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ANCHORS=${ANCHORS:-$ROOT/../shared/anchors}
CORPORA=${CORPORA:-$ROOT/../shared/corpora}
WORK=${WORK:-/tmp/trendscan-bench}
RUNS=${RUNS:-3}
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000 100000)
mkdir -p "$WORK"

need=()
for p in python3-sklearn python3-stemmer python3-scipy wfrench; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
[ -x build/trendscan ] || scripts/build.sh >/dev/null
PY=/usr/bin/python3   # Debian's python, where python3-sklearn lives
TS=$ROOT/build/trendscan

# One timed run of a command: appends "seconds peak-RSS-KB" to $1, its stdout goes to $2.
once() {
  local times=$1 out=$2; shift 2
  # exit 3 is trendscan's "report written, some inputs skipped" (20news has empty posts)
  /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" >"$out" 2>"$WORK/err.txt" ||
    [ $? -eq 3 ] || { cat "$WORK/err.txt" >&2; return 1; }
  tail -n 1 "$WORK/time.txt" >> "$times"
}
# The median time and the largest peak RSS of the runs recorded in a file.
summary() { sort -n "$1" | awk '{t[NR] = $1; if ($2 > m) m = $2} END {print t[int((NR + 1) / 2)], m}'; }

json() { $PY -c "import json,sys; d=json.load(open('$1')); print($2)"; }

echo "| corpus | docs | MB | cat\|wc s | trendscan s | sklearn s | speed-up | vs floor | trendscan peak MB (x input) | sklearn peak MB | round ms trendscan / sklearn | NMI trendscan / sklearn |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"

row() {  # name dir k sklearn-args... -- trendscan-args...
  local name=$1 dir=$2 k=$3; shift 3
  local sk=() ts=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do sk+=("$1"); shift; done
  shift
  ts=("$@")
  local docs mb
  docs=$(find "$dir" -name '*.txt' | wc -l)
  mb=$(find "$dir" -name '*.txt' -print0 | du -cb --files0-from=- | tail -1 | awk '{printf "%.1f", $1/1e6}')
  # The three commands take turns, RUNS rounds of floor, trendscan, scikit-learn, so that a
  # slow spell of a shared machine hits all three alike; each figure is the median.
  rm -f "$WORK"/t-floor.txt "$WORK"/t-ts.txt "$WORK"/t-sk.txt
  for _ in $(seq "$RUNS"); do
    once "$WORK/t-floor.txt" /dev/null sh -c "find '$dir' -name '*.txt' -print0 | xargs -0 cat | wc -w"
    once "$WORK/t-ts.txt" /dev/null "$TS" analyze "$dir" --k "$k" "${ts[@]}" --format json -o "$WORK/ts.json"
    once "$WORK/t-sk.txt" "$WORK/sk.json" "$PY" "$ANCHORS/sklearn_trend.py" "$dir" --k "$k" "${sk[@]}"
  done
  read -r floor _ < <(summary "$WORK/t-floor.txt")
  read -r ts_s ts_rss < <(summary "$WORK/t-ts.txt")
  read -r sk_s sk_rss < <(summary "$WORK/t-sk.txt")
  "$TS" bench "$dir" --k "$k" "${ts[@]}" --format json --rounds 20 --export-matrix "$WORK/m.mtx" -o "$WORK/bench.json" 2>/dev/null || [ $? -eq 3 ]
  $PY "$ROOT/benches/sklearn_rounds.py" "$WORK/m.mtx" --k "$k" > "$WORK/skr.json"
  local ts_nmi sk_nmi ts_round sk_round input
  input=$(json "$WORK/bench.json" "d['corpus']['megabytes']")
  ts_nmi=$(json "$WORK/bench.json" "'%.3f' % d['quality']['nmi']")
  sk_nmi=$(json "$WORK/sk.json" "'%.3f' % d['quality']['nmi']")
  ts_round=$(json "$WORK/bench.json" "'%.2f' % d['rounds']['milliseconds_per_round']")
  sk_round=$(json "$WORK/skr.json" "'%.2f' % d['milliseconds_per_round']")
  $PY - "$name" "$docs" "$mb" "$floor" "$ts_s" "$sk_s" "$ts_rss" "$sk_rss" "$input" "$ts_round" "$sk_round" "$ts_nmi" "$sk_nmi" <<'PY'
import sys
name, docs, mb, floor, ts, sk, ts_rss, sk_rss, inp, tr, sr, tn, sn = sys.argv[1:]
floor, ts, sk, inp = float(floor), float(ts), float(sk), float(inp)
print(f"| {name} | {int(docs):,} | {float(mb):.1f} | {floor:.2f} | {ts:.2f} | {sk:.2f} | {sk/ts:.1f}x | {ts/floor:.2f}x "
      f"| {int(ts_rss)/1024:.0f} ({int(ts_rss)*1024/1e6/inp:.2f}x) | {int(sk_rss)/1024:.0f} | {tr} / {sr} "
      f"({float(sr)/float(tr):.1f}x) | {tn} / {sn} |")
PY
}

[ "${SIZES[*]}" = real ] && SIZES=()
for n in "${SIZES[@]}"; do
  dir="$WORK/gen-$n"
  [ -d "$dir" ] || $PY "$ANCHORS/gen_corpus.py" "$dir" --docs "$n"
  row "synthetic (gen_corpus.py)" "$dir" 8 --stopwords "$ANCHORS/stopwords-fr.txt" --
done

if [ "${REAL:-1}" = 1 ] && [ -d "$CORPORA/20news-bydate" ]; then
  news4="$WORK/20news-4"
  if [ ! -d "$news4" ]; then
    mkdir -p "$news4"
    for g in alt.atheism talk.religion.misc comp.graphics sci.space; do cp -r "$CORPORA/20news-bydate/$g" "$news4/"; done
  fi
  row "20news, 4 groups" "$news4" 4 --lang english --stopwords english --min-df 5 --max-df 0.5 -- --lang en --min-df 5 --max-df 0.5
  row "20news, 20 groups" "$CORPORA/20news-bydate" 20 --lang english --stopwords english --min-df 5 --max-df 0.5 -- --lang en --min-df 5 --max-df 0.5
  row "sib200-fr" "$CORPORA/sib200-fr" 7 --stopwords "$ANCHORS/stopwords-fr.txt" --min-df 2 --max-df 0.5 -- --lang fr --min-df 2 --max-df 0.5
  row "sib200-en" "$CORPORA/sib200-en" 7 --lang english --stopwords english --min-df 2 --max-df 0.5 -- --lang en --min-df 2 --max-df 0.5
fi
