#!/usr/bin/env bash
# One command for a new user: install what building and running need, build, and analyse the
# bundled corpus of French essays (extra arguments go to `trendscan analyze`, e.g.
# --format json). Each step says what it does on standard error and the build shows its
# progress there; the report alone goes to standard output.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "demo: step 1 of 3: the Debian packages that building and running trendscan need" >&2
scripts/install-deps.sh run
echo "demo: step 2 of 3: building build/trendscan" >&2
scripts/build.sh --run --no-deps
args=(corpora/sample-fr --k 5 --labels corpora/sample-fr/labels.tsv "$@")
echo "demo: step 3 of 3: build/trendscan analyze ${args[*]}" >&2
exec build/trendscan analyze "${args[@]}"
