#!/usr/bin/env bash
# The HTML report at scale: a synthetic corpus of 100,000 dated documents by 200 authors
# (../shared/anchors/gen_corpus.py, then a `Titre:`/`Date:`/`Auteur:` header on each file),
# analysed with --format html --by author, the page's size measured and the page opened in
# headless Chromium by tests/report/browser_test.py within a time limit: no console error,
# nothing fetched, every section in the DOM, the documents table finding, sorting and paging
# 100,000 documents, a screenshot that is not blank, an A4 print. Not part of ctest: generating
# the corpus takes about a minute on two cores. The corpus is deleted at the end.
#
#   benches/html_100k.sh               N=100000 documents, LIMIT=30 s for the browser check (measured: 4 s)
#   N=20000 LIMIT=60 benches/html_100k.sh
#   TABLES=1                           also write --tables and report their sizes
#   OUT=/tmp/trendscan-html-100k       where the report, screenshots and PDF are kept
#
# Needs: wfrench and chromium (installed by scripts/install-deps.sh), ../shared/anchors.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ANCHORS=${ANCHORS:-$ROOT/../shared/anchors}
N=${N:-100000}
LIMIT=${LIMIT:-30}
OUT=${OUT:-/tmp/trendscan-html-100k}
PY=/usr/bin/python3
mkdir -p "$OUT"
CORPUS=$(mktemp -d /tmp/trendscan-corpus-XXXXXX)
trap 'rm -rf "$CORPUS"' EXIT
[ -x build/trendscan ] || scripts/build.sh >/dev/null

echo "html_100k: generating $N documents in $CORPUS" >&2
start=$(date +%s%N)
$PY "$ANCHORS/gen_corpus.py" "$CORPUS" --docs "$N" --words 150
# Dates spread over 2015-2022 (96 months), 200 authors: a timeline and a --by author to draw.
$PY - "$CORPUS" <<'PYEOF'
import os, random, sys
rng = random.Random(11)
for folder, _, files in os.walk(sys.argv[1]):
    for name in files:
        path = os.path.join(folder, name)
        with open(path, encoding="utf-8") as f:
            body = f.read()
        n = int(name[1:8])
        month = n * 96 // 100000 % 96
        header = (f"Titre: Document {n}\nDate: {2015 + month // 12}-{month % 12 + 1:02d}-"
                  f"{rng.randint(1, 28):02d}\nAuteur: Auteur {rng.randint(1, 200)}\n\n")
        with open(path, "w", encoding="utf-8") as f:
            f.write(header + body)
PYEOF
echo "html_100k: corpus made in $(( ($(date +%s%N) - start) / 1000000 )) ms, $(du -sh "$CORPUS" | cut -f1)" >&2

tables=()
[ "${TABLES:-0}" = 1 ] && tables=(--tables "$OUT/tables")
start=$(date +%s%N)
build/trendscan analyze "$CORPUS" --format html --no-timings --by author -q \
  -o "$OUT/report.html" "${tables[@]}" || [ $? -eq 3 ]
echo "html_100k: analyze + HTML in $(( ($(date +%s%N) - start) / 1000000 )) ms" >&2
html_bytes=$(stat -c %s "$OUT/report.html")
gzip_bytes=$(gzip -c "$OUT/report.html" | wc -c)
echo "html_100k: report.html $html_bytes bytes ($((html_bytes / 1024 / 1024)) MiB; gzip $((gzip_bytes / 1024 / 1024)) MiB)"
if [ "${TABLES:-0}" = 1 ]; then
  du -b "$OUT"/tables/*.csv | sort -n | awk '{ printf "html_100k: %s %d bytes\n", $2, $1 }'
fi

$PY tests/report/browser_test.py --chromium "${CHROMIUM:-chromium}" --html "$OUT/report.html" \
  --screenshot "$OUT/report.png" --full-page "$OUT/report-page.png" --pdf "$OUT/report.pdf" \
  --sections "$OUT/sections" --timeout "$LIMIT" --min-svg 20 --min-documents "$N" \
  --find "d0012345" --expect overview map themes theme-1 concordance timeline crosstabs \
    known-themes documents about
