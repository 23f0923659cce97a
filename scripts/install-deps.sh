#!/usr/bin/env bash
# Installs the Debian packages trendscan needs, and only those missing.
#   scripts/install-deps.sh run    what building and running trendscan needs (scripts/demo.sh)
#   scripts/install-deps.sh test   that, plus what the tests need: doctest, Google Benchmark,
#                                  Python's jsonschema, clang and its sanitizer runtime,
#                                  clang-format, dpkg-dev (the .deb), groff and zsh (the man page
#                                  and completion checks), jq (reading the report as users do),
#                                  Open MPI (so that the build enables distributed runs and ctest
#                                  runs them under mpirun; trendscan builds and runs without it),
#                                  wfrench (the word list benches/gen_posts.py draws posts from,
#                                  for the MPI test's shards).
#                                  The default (scripts/test.sh).
# Idempotent: when everything is there it checks and returns in well under a second.
set -euo pipefail

mode="${1:-test}"
run_packages=(
  cmake g++ make pkg-config
  libicu-dev libstemmer-dev libeigen3-dev libfmt-dev libcli11-dev nlohmann-json3-dev
)
test_packages=(
  doctest-dev libbenchmark-dev
  python3 python3-jsonschema
  clang libclang-rt-14-dev clang-format
  dpkg-dev groff-base zsh jq chromium
  libopenmpi-dev openmpi-bin wfrench
)
case "$mode" in
  run) packages=("${run_packages[@]}") what="build and run" ;;
  test) packages=("${run_packages[@]}" "${test_packages[@]}") what="build, run and test" ;;
  *)
    echo "usage: scripts/install-deps.sh [run|test]" >&2
    exit 2
    ;;
esac

missing=()
for p in "${packages[@]}"; do
  # A jsonschema module installed another way (pip) serves the schema test just as well.
  if [ "$p" = python3-jsonschema ] && python3 -c 'import jsonschema' 2>/dev/null; then continue; fi
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: the ${#packages[@]} Debian packages needed to $what trendscan are installed" >&2
  exit 0
fi

echo "install-deps: installing ${#missing[@]} Debian package(s) (and what they need): ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo="sudo"; else
    echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
echo "install-deps: apt-get update" >&2
$sudo apt-get update -qq >&2
# apt-get's "Setting up <package>" lines are the progress, on standard error.
set +e
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}" 2>&1 |
  grep --line-buffered -E '^(Setting up|E:|W:)' >&2
status="${PIPESTATUS[0]}"
set -e
if [ "$status" -ne 0 ]; then
  echo "install-deps: apt-get install failed" >&2
  exit 1
fi
echo "install-deps: done" >&2
