#!/usr/bin/env python3
"""The dependency rule between stages, read from the CMake links and checked on every #include.

Each src/<stage>/CMakeLists.txt declares its library with the stages it links
(trendscan_add_library(<stage> ... LINKS trendscan_<dep> ...)). A file of a stage (its public
headers in include/trendscan/<stage>/, its sources in src/<stage>/, its tests in tests/<stage>/)
may include the public headers of that stage and of the stages it links, directly or through
another stage; internal headers (src/<stage>/*.hpp) only of its own stage, or of util. Public
headers include no internal header. Prints every crossing and exits 1 when there is one.
Usage: layering_test.py [REPOSITORY_ROOT]
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parents[1])
# Headers at the top of include/trendscan/ belong to util (status, the matrix type, the span)
# or are the facade (pipeline, and the version of the build).
TOP_LEVEL = {"status.hpp": "util", "sparse_matrix.hpp": "util", "span.hpp": "util",
             "pipeline.hpp": "pipeline", "version.hpp": "pipeline"}

links = {}
for cmake in sorted((root / "src").glob("*/CMakeLists.txt")):
    stage = cmake.parent.name
    text = re.sub(r"#.*", "", cmake.read_text())
    links[stage] = set(re.findall(r"\btrendscan_(\w+)", text)) - {stage, "add_library", "flags",
                                                                    "instrumentation"}
stages = set(links)
# A stage's tests may use what their test program links (tests/CMakeLists.txt).
test_links = {}
for m in re.finditer(r"trendscan_add_tests\((\w+)\s+LINKS([^)]*?)SOURCES",
                     (root / "tests" / "CMakeLists.txt").read_text()):
    test_links[m.group(1)] = set(re.findall(r"\btrendscan_(\w+)", m.group(2)))


def closure(stage):
    seen, todo = set(), [stage]
    while todo:
        s = todo.pop()
        if s in seen:
            continue
        seen.add(s)
        todo.extend(links.get(s, ()))
    return seen


errors = []
for s, deps in links.items():
    for d in deps - stages:
        errors.append(f"src/{s}/CMakeLists.txt links trendscan_{d}, which is not a stage")


def check(path, stage, public, allowed=None):
    allowed = allowed if allowed is not None else closure(stage)
    for n, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
        m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
        if not m:
            continue
        inc = m.group(1)
        where = f"{path.relative_to(root)}:{n}"
        parts = inc.split("/")
        if parts[0] == "trendscan":
            target = TOP_LEVEL.get(parts[1]) if len(parts) == 2 else parts[1]
            if target is None:
                errors.append(f"{where}: {inc} is not a known public header")
            elif target not in allowed:
                errors.append(f"{where}: stage '{stage}' includes {inc} but does not link "
                              f"trendscan_{target}")
        elif parts[0] in stages:
            if public:
                errors.append(f"{where}: a public header includes the internal header {inc}")
            elif parts[0] != stage and not (parts[0] == "util" and "util" in allowed):
                errors.append(f"{where}: stage '{stage}' includes {inc}, internal to "
                              f"'{parts[0]}'")


for stage in sorted(stages):
    for f in sorted((root / "include" / "trendscan" / stage).glob("*.hpp")):
        check(f, stage, public=True)
    for f in sorted((root / "src" / stage).glob("*.[ch]pp")):
        check(f, stage, public=False)
    allowed = set().union(*(closure(l) for l in test_links.get(stage, {stage})))
    for f in sorted((root / "tests" / stage).glob("*.[ch]pp")):
        check(f, stage, public=False, allowed=allowed)
for f in sorted((root / "include" / "trendscan").glob("*.hpp")):
    check(f, TOP_LEVEL.get(f.name, "util"), public=True)

for e in errors:
    print("layering:", e)
print(f"layering: {len(stages)} stages, {len(errors)} crossing(s)")
sys.exit(1 if errors else 0)
