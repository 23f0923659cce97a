#!/usr/bin/env bash
# The Debian package, as a user gets it: CPack builds it from this build folder; its control
# file must declare the shared libraries the binary needs; it is unpacked into a scratch root
# (dpkg-deb -x, no system change), and the installed binary analyses a copy of the sample
# corpus from a folder that has nothing of the source tree, with its man page and completions
# where Debian looks for them.
#   package_test.sh BUILD_DIR SOURCE_DIR VERSION [CPACK]
set -euo pipefail
build="$1" source="$2" version="$3" cpack="${4:-cpack}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
fail() {
  echo "package_test: $*" >&2
  exit 1
}

grep -qx "version: $version" "$source/CITATION.cff" ||
  fail "CITATION.cff does not cite version $version (the CMake project version)"

"$cpack" --config "$build/CPackConfig.cmake" -B "$scratch/out" >"$scratch/cpack.log" 2>&1 ||
  { cat "$scratch/cpack.log" >&2; fail "cpack failed"; }
deb="$scratch/out/trendscan_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || fail "no $deb"

depends="$(dpkg-deb -f "$deb" Depends)"
for library in libicu libstemmer0d libfmt libstdc++6 libc6; do
  case "$depends" in *"$library"*) ;; *) fail "Depends does not name $library: $depends" ;; esac
done

dpkg-deb -x "$deb" "$scratch/root"
root="$scratch/root"
for file in usr/bin/trendscan usr/share/man/man1/trendscan.1.gz \
  usr/share/bash-completion/completions/trendscan usr/share/zsh/vendor-completions/_trendscan \
  usr/share/doc/trendscan/report.schema.json usr/share/doc/trendscan/report.md \
  usr/share/doc/trendscan/copyright usr/share/doc/trendscan/LICENSE \
  usr/share/trendscan/stopwords/fr.txt usr/share/trendscan/themes/fr.txt; do
  [ -f "$root/$file" ] || fail "the package lacks /$file"
done

# Every library the installed binary needs is found, and each it links directly (its NEEDED
# entries) comes from a package Depends names; what those libraries need in turn is their
# packages' own Depends (Open MPI's libhwloc, say).
ldd "$root/usr/bin/trendscan" >"$scratch/ldd" || fail "ldd failed on the installed binary"
! grep -q "not found" "$scratch/ldd" || fail "missing libraries: $(grep 'not found' "$scratch/ldd")"
objdump -p "$root/usr/bin/trendscan" | awk '$1 == "NEEDED" { print $2 }' >"$scratch/needed"
[ -s "$scratch/needed" ] || fail "objdump found no NEEDED entry in the installed binary"
while read -r name lib; do
  grep -qx "$name" "$scratch/needed" || continue
  owner="$(dpkg -S "$(readlink -f "$lib")" 2>/dev/null | head -1 | cut -d: -f1)" || true
  [ -n "$owner" ] || continue
  case "$depends" in *"$owner"*) ;; *) fail "$lib comes from $owner, which Depends lacks" ;; esac
done < <(awk '/=> \// { print $1, $3 }' "$scratch/ldd")

# The installed binary, from elsewhere, on a copy of the corpus: nothing of the source tree.
mkdir -p "$scratch/elsewhere"
cp -r "$source/corpora/sample-fr" "$scratch/elsewhere/essais"
cd "$scratch/elsewhere"
"$root/usr/bin/trendscan" --version >version.txt
grep -q "^trendscan $version\$" version.txt || fail "--version says $(head -1 version.txt)"
"$root/usr/bin/trendscan" analyze essais --format json -o report.json -q ||
  fail "the installed trendscan failed on the sample corpus (exit $?)"
python3 - "$root/usr/share/doc/trendscan/report.schema.json" <<'PY' || fail "bad report"
import json, sys
report = json.load(open("report.json"))
schema = json.load(open(sys.argv[1]))
assert report["schema_version"] == schema["properties"]["schema_version"]["const"]
assert report["input"]["documents"] == 45 and len(report["themes"]) == 5, report["corpus"]
try:
    import jsonschema
    jsonschema.Draft202012Validator(schema).validate(report)
except ImportError:
    pass
PY
# The installed data files are the ones compiled in: naming them changes nothing.
"$root/usr/bin/trendscan" analyze essais --format json --no-timings -q >builtin.json
"$root/usr/bin/trendscan" analyze essais --format json --no-timings -q \
  --stopwords "$root/usr/share/trendscan/stopwords/fr.txt" \
  --themes "$root/usr/share/trendscan/themes/fr.txt" >installed.json
python3 - <<'PY' || fail "the installed data files differ from the compiled-in ones"
import json
builtin, installed = json.load(open("builtin.json")), json.load(open("installed.json"))
for r in (builtin, installed):  # where each list came from, the only difference allowed
    del r["parameters"]["stopwords"], r["parameters"]["themes"], r["known_themes"]["source"]
assert builtin == installed
PY
# The man page reads, and the bash completion loads and completes.
if command -v groff >/dev/null; then
  zcat "$root/usr/share/man/man1/trendscan.1.gz" | groff -man -Tascii -ww -z 2>"$scratch/groff" ||
    fail "groff failed on the man page"
  [ ! -s "$scratch/groff" ] || fail "groff warns: $(cat "$scratch/groff")"
fi
completion="$(bash --norc -c "source '$root/usr/share/bash-completion/completions/trendscan';
  COMP_WORDS=(trendscan analy); COMP_CWORD=1; _trendscan; echo \"\${COMPREPLY[*]}\"")"
[ "$completion" = "analyze analyse" ] || fail "bash completion gives '$completion'"
echo "package_test: $(basename "$deb") ($(stat -c %s "$deb") bytes) declares $depends;" \
  "installed in a scratch root, it analysed the sample corpus from another folder" >&2
