#!/usr/bin/env python3
"""Validates trendscan's JSON reports against docs/report.schema.json (JSON Schema 2020-12).

Usage: validate_report.py TRENDSCAN_BINARY SOURCE_DIR. Runs the binary in several configurations
(each unit kind, labels, a custom lexicon) and checks every report; then checks that the schema
does reject broken reports, so a schema that accepts anything cannot pass.
"""
import copy
import json
import os
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    sys.exit("validate_report: python3-jsonschema is missing (scripts/install-deps.sh installs it)")


def main():
    binary, source = sys.argv[1], sys.argv[2]
    with open(os.path.join(source, "docs", "report.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    sample = os.path.join(source, "corpora", "sample-fr")
    multi = os.path.join(source, "tests", "data", "multi-theme")
    with tempfile.TemporaryDirectory() as tmp:
        lexicon = os.path.join(tmp, "lexicon.txt")
        with open(lexicon, "w", encoding="utf-8") as f:
            f.write("[cuisine] Cuisine\nconfiture tomates soupe\n")
        runs = [
            [sample, "--labels", os.path.join(sample, "labels.tsv")],
            [sample, "--unit", "paragraph"],
            [sample, "--unit", "segment", "--segment-words", "25", "--passages", "5"],
            [sample, "--themes", lexicon, "--lang", "en", "--k", "3"],
            [multi, "--unit", "paragraph", "--k", "4", "--min-df", "1"],
            [sample, "--k", "auto", "--k-max", "6", "--by", "author"],
            [sample, "--period", "quarter", "--since", "2009", "--until", "2013-06"],
            [sample, "--algorithm", "bisecting", "--lsa", "20"],
        ]
        reports = []
        for args in runs:
            out = subprocess.run([binary, "analyze", *args, "--format", "json", "-q"],
                                 check=True, capture_output=True, text=True).stdout
            report = json.loads(out)
            errors = sorted(validator.iter_errors(report), key=lambda e: list(e.path))
            for e in errors[:5]:
                print(f"{' '.join(args)}: {list(e.path)}: {e.message}", file=sys.stderr)
            if errors:
                sys.exit(1)
            reports.append(report)
    # The schema must reject what breaks the contract.
    base = reports[0]
    broken = []
    for mutate in (
        lambda r: r.pop("themes"),
        lambda r: r.__setitem__("schema_version", 1),
        lambda r: r["themes"][0]["characteristic_terms"][0].__setitem__("chi2", "big"),
        lambda r: r["documents"][0].__setitem__("undocumented", 1),
        lambda r: r["units"][0].pop("begin"),
    ):
        r = copy.deepcopy(base)
        mutate(r)
        broken.append(validator.is_valid(r))
    if any(broken):
        sys.exit(f"the schema accepted a broken report: {broken}")
    print(f"validate_report: {len(reports)} reports valid, {len(broken)} broken ones rejected")


if __name__ == "__main__":
    main()
