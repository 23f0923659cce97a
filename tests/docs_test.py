#!/usr/bin/env python3
"""The man page and the shell completions against --help, from the files the build wrote.

Usage: docs_test.py TRENDSCAN_BINARY DOCS_DIR. The build writes DOCS_DIR/trendscan.1(.gz),
trendscan.bash and _trendscan with `trendscan help-man` and `help-completion` from the option
definitions --help shows; this checks that they are well formed and say the same:
  - groff reads the man page without a warning, and every option --help lists is in it;
  - bash, given the completion script, completes commands, options, option values and paths;
  - zsh reads its completion function without a syntax error, and every option is in it.
"""
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile


def help_options(binary, command):
    out = subprocess.run([binary, command, "--help"], check=True, capture_output=True,
                         text=True).stdout
    return sorted(set(re.findall(r"^  (?:-\w, )?(--[a-z][a-z0-9-]*)", out, re.M)))


def complete(script, words, cwd):
    """What bash offers for the last of `words` (a command line being typed)."""
    line = " ".join(f"'{w}'" for w in words)
    program = (f"source '{script}' || exit 9\nCOMP_WORDS=({line})\nCOMP_CWORD={len(words) - 1}\n"
               "_trendscan\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n")
    done = subprocess.run(["bash", "--norc", "--noprofile", "-c", program], cwd=cwd,
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"docs_test: bash failed on {words}: {done.stderr}")
    return [w for w in done.stdout.split("\n") if w]


def main():
    binary, docs = sys.argv[1], sys.argv[2]
    errors = []
    with gzip.open(os.path.join(docs, "trendscan.1.gz"), "rt", encoding="utf-8") as f:
        page = f.read()
    with open(os.path.join(docs, "trendscan.1"), encoding="utf-8") as f:
        if f.read() != page:
            errors.append("trendscan.1.gz is not trendscan.1 compressed")
    if shutil.which("groff"):
        done = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z"], input=page,
                              capture_output=True, text=True)
        if done.returncode != 0 or done.stderr.strip():
            errors.append(f"groff warns about the man page: {done.stderr.strip()[:500]}")
        rendered = subprocess.run(["groff", "-man", "-Tascii", "-P", "-cbou"], input=page,
                                  capture_output=True, text=True, check=True).stdout
    else:
        errors.append("groff is missing (scripts/install-deps.sh test installs groff-base)")
        rendered = page.replace("\\-", "-")
    for section in ("NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "ANALYZE OPTIONS",
                    "BENCH OPTIONS", "EXIT STATUS", "EXAMPLES", "FILES"):
        if not re.search(rf"^{section}$", rendered, re.M):
            errors.append(f"the man page has no {section} section")
    options = {c: help_options(binary, c) for c in ("analyze", "bench")}
    for command, names in options.items():
        for name in names:
            if name not in rendered:
                errors.append(f"{command} {name} is in --help but not in the man page")

    script = os.path.abspath(os.path.join(docs, "trendscan.bash"))
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(os.path.join(tmp, "corpus"))
        open(os.path.join(tmp, "corpus", "a.md"), "w").close()
        open(os.path.join(tmp, "lexicon.txt"), "w").close()
        cases = [
            (["trendscan", "an"], ["analyse", "analyze"]),
            (["trendscan", "b"], ["bench"]),
            (["trendscan", "analyze", "--for"], ["--format"]),
            (["trendscan", "analyse", "--format", ""], ["text", "json", "html"]),
            (["trendscan", "analyze", "--unit", "p"], ["paragraph"]),
            (["trendscan", "analyze", "cor"], ["corpus"]),
            (["trendscan", "analyze", "corpus", "--themes", "lex"], ["lexicon.txt"]),
            (["trendscan", "analyze", "--k", ""], []),
            (["trendscan", "bench", "--expo"], ["--export-matrix"]),
        ]
        for words, expected in cases:
            got = complete(script, words, tmp)
            if sorted(got) != sorted(expected):
                errors.append(f"bash completes {' '.join(words)!r} with {got}, not {expected}")
        every = complete(script, ["trendscan", "analyze", "--"], tmp)
        for name in options["analyze"]:
            if name not in every:
                errors.append(f"bash does not complete analyze {name}")

    with open(os.path.join(docs, "_trendscan"), encoding="utf-8") as f:
        zsh_function = f.read()
    if not zsh_function.startswith("#compdef trendscan\n"):
        errors.append("_trendscan does not start with #compdef trendscan")
    for command, names in options.items():
        for name in names:
            if name not in zsh_function:
                errors.append(f"zsh completion lacks {command} {name}")
    if shutil.which("zsh"):
        done = subprocess.run(["zsh", "-n", os.path.join(docs, "_trendscan")],
                              capture_output=True, text=True)
        if done.returncode != 0:
            errors.append(f"zsh cannot read _trendscan: {done.stderr.strip()}")
    else:
        errors.append("zsh is missing (scripts/install-deps.sh test installs it)")

    for e in errors:
        print(f"docs_test: {e}", file=sys.stderr)
    if errors:
        sys.exit(1)
    print(f"docs_test: man page ({len(rendered.splitlines())} lines) and completions carry all "
          f"{sum(len(v) for v in options.values())} options of --help; bash completes "
          f"{len(cases)} cases as expected")


if __name__ == "__main__":
    main()
