#!/usr/bin/env bash
# Formats the C++ sources with the committed .clang-format, or with --check fails (listing the
# files) when any is not formatted. The test command runs the check.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files --cached --others --exclude-standard '*.cpp' '*.hpp' | grep -v '^tests/data/')
if [ "${1:-}" = "--check" ]; then
  if ! clang-format --dry-run --Werror "${files[@]}" 2>/tmp/trendscan-format.$$; then
    grep -oE '^[^:]+\.(cpp|hpp)' /tmp/trendscan-format.$$ | sort -u | sed 's/^/format: not formatted: /' >&2
    rm -f /tmp/trendscan-format.$$
    echo "format: run scripts/format.sh to format them" >&2
    exit 1
  fi
  rm -f /tmp/trendscan-format.$$
  echo "format: ${#files[@]} files formatted as .clang-format says" >&2
else
  clang-format -i "${files[@]}"
fi
