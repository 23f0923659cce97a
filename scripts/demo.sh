#!/usr/bin/env bash
# One command for a new user: install what is missing, build, and analyse the bundled corpus of
# French essays (extra arguments go to `trendscan analyze`, e.g. --format json).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
exec build/trendscan analyze corpora/sample-fr --k 5 --labels corpora/sample-fr/labels.tsv "$@"
