#!/usr/bin/env python3
"""Reads a JSON report the way its users do: with jq on the command line, and in Python (with
pandas when it is installed), using only what docs/report.md promises.

Usage: consume_report_test.py TRENDSCAN_BINARY SOURCE_DIR. Checks that no key needs quoting in
jq (snake_case everywhere, except the keys that are data: metadata and known-theme ids), that an
unset option is null and a repeated one a list, and that documents are referenced by id, so a
unit or a passage joins its document without index arithmetic.
"""
import json
import os
import re
import shutil
import subprocess
import sys


def main():
    binary, source = sys.argv[1], sys.argv[2]
    sample = os.path.join(source, "corpora", "sample-fr")
    out = subprocess.run([binary, "analyze", sample, "--format", "json", "-q", "--by", "author",
                          "--by", "tags", "--unit", "paragraph", "--since", "2009"],
                         check=True, capture_output=True, text=True).stdout
    report = json.loads(out)
    errors = []

    def check(ok, what):
        if not ok:
            errors.append(what)

    # Every key is snake_case, but for the two objects keyed by data.
    def keys(node, path):
        if isinstance(node, dict):
            for k, v in node.items():
                if path.endswith((".metadata", ".known_scores")):
                    continue
                check(re.fullmatch(r"[a-z0-9_]+", k), f"{path}.{k} is not snake_case")
                keys(v, f"{path}.{k}")
        elif isinstance(node, list):
            for v in node:
                keys(v, path + "[]")
    keys(report, "$")

    p = report["parameters"]
    check(p["since"] == "2009" and p["until"] is None, "since/until: a value, and null when open")
    check(p["by"] == ["author", "tags"], f"by is the list of --by variables: {p['by']}")
    check(isinstance(p["min_df"], (int, float)), "min_df is a number")
    check(report["tool"]["version"] and report["tool"]["icu"], "tool has version and icu")
    check(re.fullmatch(r"sha256:[0-9a-f]{64}", report["input"]["fingerprint"]), "fingerprint")

    documents = {d["id"]: d for d in report["documents"]}
    for u in report["units"]:
        check(u["document"] in documents, f"unit's document {u['document']} is a document id")
        check(report["documents"][u["document_index"]]["id"] == u["document"], "document_index")
    for t in report["themes"]:
        for passage in t["passages"]:
            d = documents[passage["document"]]
            check(passage["begin"] >= d["text_offset"], "a passage lies in its document's body")
            check(report["units"][passage["unit_index"]]["document"] == passage["document"],
                  "a passage's unit is in its document")
        for c in t["central_documents"]:
            check(documents[c["document"]]["title"] == c["title"], "central document by id")
    for s in report["timeline"]["series"]:
        if "slope_share_per_period" in s["trend"]:
            lo, hi = s["trend"]["slope_share_per_period_ci"]
            check(lo <= s["trend"]["slope_share_per_period"] <= hi, "slope inside its interval")
            check(-1 <= s["trend"]["change_share"] <= 1, "change_share is a fraction")

    # jq, as the README shows it: no quoting needed, ids join directly.
    jq = shutil.which("jq")
    if jq is None:
        errors.append("jq is missing (scripts/install-deps.sh test installs it)")
    else:
        def run_jq(program):
            return subprocess.run([jq, "-r", program], input=out, check=True,
                                  capture_output=True, text=True).stdout.split("\n")[:-1]
        min_df, until, by = run_jq(".parameters.min_df, .parameters.until, .parameters.by[1]")
        check(float(min_df) == p["min_df"] and until == "null" and by == "tags",
              "jq reads parameters plainly")
        ids = run_jq('.units[] | select(.theme == 1) | .document')
        check(ids and all(i in documents for i in ids), "jq: units of theme 1 by document id")
        joined = run_jq('(.documents | map({(.id): .title}) | add) as $title'
                        ' | .themes[0].passages[] | $title[.document]')
        check(joined and all(joined), "jq: a passage's document title by id")
        check(run_jq(".schema_version") == ["4"], "jq: schema_version")

    try:
        import pandas as pd
    except ImportError:
        pd = None
    if pd is not None:
        docs = pd.json_normalize(report["documents"])
        units = pd.DataFrame(report["units"]).merge(docs[["id", "date"]], left_on="document",
                                                    right_on="id", how="left")
        check(units["date"].notna().all(), "pandas: every unit joins its document's date")
        check(any(c.startswith("known_scores.") for c in docs.columns), "pandas: known_scores")

    for e in errors:
        print(f"consume_report_test: {e}", file=sys.stderr)
    if errors:
        sys.exit(1)
    print(f"consume_report_test: {len(report['units'])} units and their passages joined by id "
          f"(jq: {'yes' if jq else 'no'}, pandas: {'yes' if pd is not None else 'not installed'})")


if __name__ == "__main__":
    main()
