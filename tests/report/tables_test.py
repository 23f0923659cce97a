#!/usr/bin/env python3
"""The CSV tables (--tables) read with Python's csv module, as R's read.csv or a spreadsheet
would read them, and checked against the JSON report of the same run and the source files.

Each file: UTF-8 without a byte-order mark, records ended by CR LF, a header row of distinct
names, every record as long as the header (strict RFC 4180 parsing). Then the content: the same
documents, themes, statistics and timeline as the JSON report; each unit's text is the bytes at
its offsets in its source file, white space collapsed; each concordance word is the bytes at its
offsets.
Usage: tables_test.py TRENDSCAN REPOSITORY_ROOT
"""
import csv
import io
import json
import math
import pathlib
import re
import subprocess
import sys
import tempfile

trendscan, root = sys.argv[1], pathlib.Path(sys.argv[2])
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def read_table(path):
    raw = path.read_bytes()
    check(not raw.startswith(b"\xef\xbb\xbf"), f"{path.name}: starts with a byte-order mark")
    text = raw.decode("utf-8")  # raises on anything that is not UTF-8
    check(text.endswith("\r\n"), f"{path.name}: the last record does not end with CR LF")
    # Outside quoted fields, every line feed follows a carriage return.
    unquoted = re.sub(r'"(?:[^"]|"")*"', '""', text)
    check("\n" not in unquoted.replace("\r\n", ""), f"{path.name}: a bare line feed ends a record")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    header, records = rows[0], rows[1:]
    check(len(set(header)) == len(header), f"{path.name}: header names repeat: {header}")
    for n, r in enumerate(records, 2):
        check(len(r) == len(header), f"{path.name}:{n}: {len(r)} fields, header has {len(header)}")
    return [dict(zip(header, r)) for r in records], header


def number(s):
    return float(s) if s != "" else None


def close(a, b):
    return (a is None and b is None) or (a is not None and b is not None and
                                         math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-15))


def collapse(text):
    return re.sub(r"[ \t\n\r\f\v]+", " ", text).strip(" ")


with tempfile.TemporaryDirectory() as tmp:
    tables = pathlib.Path(tmp) / "tables"
    report_path = pathlib.Path(tmp) / "report.json"
    args = [trendscan, "analyze", "corpora/sample-fr", "--unit", "paragraph", "--by", "author",
            "--labels", "corpora/sample-fr/labels.tsv", "--format", "json", "--no-timings",
            "-o", str(report_path), "--tables", str(tables)]
    run = subprocess.run(args, cwd=root, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"tables_test: trendscan failed ({run.returncode}): {run.stderr}")
    report = json.loads(report_path.read_text(encoding="utf-8"))
    names = sorted(p.name for p in tables.iterdir())
    expected = sorted(["themes.csv", "terms.csv", "documents.csv", "units.csv", "passages.csv",
                       "concordance.csv", "timeline.csv", "trends.csv", "crosstabs.csv",
                       "known_themes.csv", "map.csv", "map_axes.csv", "parameters.csv"])
    check(names == expected, f"files: {names}")
    t = {name: read_table(tables / name) for name in names}

    # Themes and their terms.
    themes, _ = t["themes.csv"]
    check([int(r["theme"]) for r in themes] == [th["id"] for th in report["themes"]], "theme ids")
    for r, th in zip(themes, report["themes"]):
        check(r["label"] == th["label"] and int(r["size"]) == th["size"], f"theme {th['id']}")
        check(close(number(r["share"]), th["share"]), f"theme {th['id']} share")
        check(r["new"] in ("TRUE", "FALSE") and (r["new"] == "TRUE") == th["new"], "new")
    terms, _ = t["terms.csv"]
    for th in report["themes"]:
        for lst, key in (("profile", "characteristic_terms"), ("anti-profile", "anti_profile")):
            rows = [r for r in terms if int(r["theme"]) == th["id"] and r["list"] == lst]
            check(len(rows) == len(th[key]), f"theme {th['id']} {lst}: {len(rows)} rows")
            for r, s in zip(rows, th[key]):
                check(r["word"] == s["word"] and r["term"] == s["term"], f"{lst} {s['word']}")
                check(int(r["in_theme"]) == s["in_theme"] and int(r["outside"]) == s["outside"],
                      f"{lst} {s['word']} counts")
                check(close(number(r["chi2"]), s["chi2"]), f"{lst} {s['word']} chi2")
                check(close(number(r["p_value"]), s["p_value"]), f"{lst} {s['word']} p")

    # Documents: one row each, in order, with their mix and known-theme scores.
    documents, header = t["documents.csv"]
    check(len(documents) == len(report["documents"]), "one row per document")
    known_ids = [k["id"] for k in report["known_themes"]["themes"]]
    check(header[-1] == "meta_author", f"metadata column: {header[-1]}")
    for r, d in zip(documents, report["documents"]):
        check(r["id"] == d["id"] and r["title"] == d["title"], f"document {d['id']}")
        check((r["date"] or None) == d["date"], f"document {d['id']} date")
        check((int(r["theme"]) if r["theme"] else None) == d["theme"], f"{d['id']} theme")
        mix = {m["theme"]: m["share"] for m in d["theme_mix"]}
        for th in report["themes"]:
            check(close(number(r[f"mix_{th['id']}"]), mix.get(th["id"], 0.0)), f"{d['id']} mix")
        for k in known_ids:
            check(close(number(r[f"known_{k}"]), d["known_scores"][k]), f"{d['id']} known {k}")
        check(r["meta_author"] == d["metadata"]["author"], f"{d['id']} author")

    # Units: their offsets as in the JSON, their text the bytes of the source at those offsets.
    units, _ = t["units.csv"]
    check(len(units) == len(report["units"]), "one row per unit")
    sources = {}
    for r, u in zip(units, report["units"]):
        check(int(r["begin"]) == u["begin"] and int(r["end"]) == u["end"], "unit offsets")
        path = report["documents"][u["document_index"]]["path"]
        check(r["document"] == u["document"] and int(r["document_index"]) == u["document_index"],
              "a unit names its document as the JSON does")
        data = sources.setdefault(path, (root / path).read_bytes())
        source = data[u["begin"]:u["end"]].decode("utf-8")
        check(r["text"] == collapse(source), f"unit {r['unit_index']}: text is not its bytes")
    concordance, _ = t["concordance.csv"]
    check(len(concordance) > 0, "a concordance")
    for r in concordance:
        d = report["documents"][int(r["document_index"])]
        check(r["document"] == d["id"], "a concordance line names its document by id")
        data = (root / d["path"]).read_bytes()
        check(data[int(r["begin"]):int(r["end"])].decode("utf-8") == r["word"],
              f"concordance {r['word']} at {r['begin']}")

    # Timeline: a row per series and period, shares as in the JSON (empty for no documents).
    timeline, _ = t["timeline.csv"]
    series, periods = report["timeline"]["series"], report["timeline"]["periods"]
    check(len(timeline) == len(series) * len(periods), "timeline rows")
    for i, s in enumerate(series):
        for j, p in enumerate(periods):
            r = timeline[i * len(periods) + j]
            check(r["period"] == p["label"] and int(r["count"]) == s["counts"][j], "timeline")
            check(close(number(r["share"]), s["shares"][j]), "timeline share")
    trends, _ = t["trends.csv"]
    check([r["flag"] for r in trends] == [s["trend"]["flag"] for s in series], "trend flags")

    # Cross-tables: a row per variable, series and value.
    crosstabs, _ = t["crosstabs.csv"]
    cells = [(c["variable"], row["label"], cell["value"], cell["chi2"])
             for c in report["crosstabs"] for row in c["themes"] for cell in row["cells"]]
    check(len(crosstabs) == len(cells), "crosstab rows")
    for r, (variable, label, value, chi2) in zip(crosstabs, cells):
        check((r["variable"], r["label"], r["value"]) == (variable, label, value), "crosstab")
        check(close(number(r["chi2"]), chi2), "crosstab chi2")

    # The map: every theme and every characteristic term, with finite coordinates.
    points, _ = t["map.csv"]
    check(sum(r["point"] == "theme" for r in points) == len(report["themes"]), "map themes")
    axes, _ = t["map_axes.csv"]
    check(len(axes) >= 2 and all(float(a["inertia_share"]) >= float(b["inertia_share"])
                                 for a, b in zip(axes, axes[1:])), "map axes")
    check(all(math.isfinite(float(r[f"axis{a + 1}"])) for r in points for a in range(len(axes))),
          "map coordinates")
    parameters, _ = t["parameters.csv"]
    check({r["name"]: r["value"] for r in parameters}.get("unit") == "paragraph", "parameters")

for f in failures:
    print("tables_test: " + f, file=sys.stderr)
if failures:
    sys.exit(1)
print(f"tables_test: {len(names)} tables read and checked")
