#!/usr/bin/env bash
# Installs the Debian packages trendscan needs to build and test, and only those missing.
# Idempotent: when everything is there it checks and returns in well under a second.
set -euo pipefail

packages=(
  cmake g++ make pkg-config
  libicu-dev libstemmer-dev libeigen3-dev libfmt-dev libcli11-dev
  doctest-dev nlohmann-json3-dev libbenchmark-dev
  python3 python3-jsonschema
  clang libclang-rt-14-dev clang-format
  chromium
)

missing=()
for p in "${packages[@]}"; do
  # A jsonschema module installed another way (pip) serves the schema test just as well.
  if [ "$p" = python3-jsonschema ] && python3 -c 'import jsonschema' 2>/dev/null; then continue; fi
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo="sudo"; else
    echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
