#!/usr/bin/env bash
# How time and memory grow with the number of short posts: for each size, generates JSONL shards
# of posts with benches/gen_posts.py (into $WORK, deleted afterwards), runs
# `/usr/bin/time -v trendscan analyze DIR --format json -o FILE` and prints a Markdown table:
# input MB, wall time, peak resident memory and its ratio to the input, bytes per post, the
# report's size and its stage times.
#
# Usage: benches/posts_scaling.sh [POSTS...]   (default: 100000 1000000)
# Environment: WORK (default /tmp/trendscan-posts-bench), ARGS (more analyze options).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$PWD/build/trendscan
work=${WORK:-/tmp/trendscan-posts-bench}
read -r -a extra <<<"${ARGS:-}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

echo "| posts | input MB | wall s | peak MB | peak / input | peak bytes per post | report MB | read | tokenize+stem | vectorize | cluster | describe |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for n in "${sizes[@]}"; do
  corpus=$work/posts-$n
  python3 benches/gen_posts.py "$corpus" --posts "$n" --per-shard 100000
  /usr/bin/time -v "$bin" analyze "$corpus" "${extra[@]}" --format json -o "$work/report.json" -q \
    2>"$work/time.txt" || true
  python3 - "$corpus" "$work/time.txt" "$work/report.json" "$n" <<'EOF'
import json, os, re, sys
corpus, timing, report, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
size = sum(os.path.getsize(os.path.join(corpus, f)) for f in os.listdir(corpus))
text = open(timing).read()
peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
seconds = 0.0
for part in wall.split(":"):
    seconds = seconds * 60 + float(part)
t = json.load(open(report))["timings"]
t.setdefault("tokenize_stem", t.get("tokenize+stem", 0))  # the name before report schema 4
stages = " | ".join(f"{t.get(s, 0):.2f}" for s in ["read", "tokenize_stem", "vectorize", "cluster", "describe"])
print(f"| {n:,} | {size / 1e6:.1f} | {seconds:.2f} | {peak_kb / 1024:.0f} | {peak_kb * 1024 / size:.2f}x | "
      f"{peak_kb * 1024 / n:.0f} | {os.path.getsize(report) / 1e6:.0f} | {stages} |")
EOF
  rm -rf "$corpus" "$work/report.json"
done
