#!/usr/bin/env python3
"""Validates trendscan's JSON reports against docs/report.schema.json (JSON Schema 2020-12).

Usage: validate_report.py TRENDSCAN_BINARY SOURCE_DIR. Runs the binary in several configurations
(each unit kind, labels, a custom lexicon) and checks every report; then checks that the schema
does reject broken reports, so a schema that accepts anything cannot pass, and accepts a report
with a field added (the evolution policy of docs/report.md: consumers ignore unknown fields).

The published schema lets fields be added, so on its own it would not notice a field trendscan
writes but nobody documented. Two stricter checks close that gap: every key of every report is
declared in the schema, and every key the schema declares is named in docs/report.md.
"""
import copy
import json
import os
import re
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    sys.exit("validate_report: python3-jsonschema is missing (scripts/install-deps.sh installs it)")


def undeclared(node, schema, path="$"):
    """The paths of report keys that the schema does not declare."""
    found = []
    if isinstance(schema, dict):
        for key in ("oneOf", "anyOf", "allOf"):
            for sub in schema.get(key, []):
                if isinstance(sub, dict) and sub.get("type") in ("object", "array"):
                    found += undeclared(node, sub, path)
    if isinstance(node, dict) and isinstance(schema, dict):
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key, value in node.items():
            if key in props:
                found += undeclared(value, props[key], f"{path}.{key}")
            elif isinstance(extra, dict):
                found += undeclared(value, extra, f"{path}.{key}")
            elif "properties" in schema:
                found.append(f"{path}.{key}")
    elif isinstance(node, list) and isinstance(schema, dict) and "items" in schema:
        for i, value in enumerate(node[:50]):
            found += undeclared(value, schema["items"], f"{path}[{i}]")
    return found


def declared_keys(schema):
    keys = set()
    if isinstance(schema, dict):
        for key, value in schema.get("properties", {}).items():
            keys.add(key)
            keys |= declared_keys(value)
        for key, value in schema.items():
            if key != "properties":
                keys |= declared_keys(value)
    elif isinstance(schema, list):
        for value in schema:
            keys |= declared_keys(value)
    return keys


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
            missing = undeclared(report, schema)
            if missing:
                sys.exit(f"{' '.join(args)}: keys the schema does not declare: {missing[:10]}")
            reports.append(report)
    # The schema must reject what breaks the contract.
    base = reports[0]
    broken = []
    for mutate in (
        lambda r: r.pop("themes"),
        lambda r: r.__setitem__("schema_version", 1),
        lambda r: r["themes"][0]["characteristic_terms"][0].__setitem__("chi2", "big"),
        lambda r: r["units"][0].__setitem__("document_index", "first"),
        lambda r: r["units"][0].pop("begin"),
    ):
        r = copy.deepcopy(base)
        mutate(r)
        broken.append(validator.is_valid(r))
    if any(broken):
        sys.exit(f"the schema accepted a broken report: {broken}")
    # A field added, at the top and in every kind of object, must not break a validating reader.
    added = copy.deepcopy(base)
    objects = [added, added["tool"], added["input"], added["parameters"], added["corpus"],
               added["themes"][0], added["themes"][0]["passages"][0], added["documents"][0],
               added["units"][0], added["timeline"], added["timeline"]["series"][0]["trend"]]
    for obj in objects:
        obj["field_added_later"] = {"any": ["value"]}
    if not validator.is_valid(added):
        sys.exit("the schema rejects a report with an added field: it must allow additions")
    with open(os.path.join(source, "docs", "report.md"), encoding="utf-8") as f:
        documented = set(re.findall(r"`([a-z0-9_]+)(?:\[\])?`", f.read()))
    undocumented = sorted(declared_keys(schema) - documented)
    if undocumented:
        sys.exit(f"keys in the schema but not named in docs/report.md: {undocumented}")
    print(f"validate_report: {len(reports)} reports valid and fully declared, {len(broken)} "
          f"broken ones rejected, one with added fields accepted, every key documented")


if __name__ == "__main__":
    main()
