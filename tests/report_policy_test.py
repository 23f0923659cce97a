#!/usr/bin/env python3
"""Holds the JSON report to its evolution policy (docs/report.md, "Evolution").

Usage: report_policy_test.py TRENDSCAN_BINARY SOURCE_DIR. With the frozen reports of
tests/data/reports/cases.txt:
  - the schema forbids no additional property anywhere, so a field added later cannot break a
    consumer that validates;
  - each report of the current schema_version validates, and a report made now with the same
    arguments has every key it has, with the same JSON types: within a version, fields are
    added, never removed or retyped;
  - each report of an older version is rejected by the current schema, and becomes valid when
    converted by the renames and new fields docs/report.md lists (MIGRATIONS below, which
    this test so keeps complete), which also must reproduce the current report of the same
    arguments key for key.
"""
import copy
import json
import os
import shlex
import subprocess
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("report_policy_test: python3-jsonschema is missing (scripts/install-deps.sh test)")

# Objects whose keys are data, not fields: their paths end in "*".
DATA_KEYED = {"metadata", "known_scores", "timings"}


def rename(obj, old, new):
    if isinstance(obj, dict) and old in obj:
        obj[new] = obj.pop(old)


def from_3_to_4(r):
    """schema_version 3 -> 4, as docs/report.md "Changes from schema_version 3" lists it."""
    r["schema_version"] = 4
    r["tool"].update({"commit": None, "icu": "unknown", "unicode": "unknown", "snowball": None})
    r["input"] = {"fingerprint": "sha256:" + "0" * 64, "documents": r["corpus"]["documents"]}
    p = r["parameters"]
    r["parameters"] = {k.replace("-", "_"): v for k, v in p.items()}
    p = r["parameters"]
    for key in ("since", "until"):
        if p.get(key) == "":
            p[key] = None
    p["by"] = [v for v in p.get("by", "").split(",") if v]
    documents = r["documents"]
    for theme in r["themes"]:
        for passage in theme["passages"]:
            rename(passage, "unit", "unit_index")
            rename(passage, "document", "document_index")
            rename(passage, "id", "document")
        for central in theme["central_documents"]:
            rename(central, "document", "document_index")
            rename(central, "id", "document")
    for unit in r["units"]:
        rename(unit, "document", "document_index")
        index = unit["document_index"]
        # A trimmed report may lack the document; its id is then unknown here.
        unit["document"] = documents[index]["id"] if index < len(documents) else f"#{index}"
    timeline = r["timeline"]
    rename(timeline, "min_change", "min_change_share")
    for series in timeline["series"]:
        trend = series["trend"]
        rename(trend, "slope", "slope_share_per_period")
        rename(trend, "slope_ci", "slope_share_per_period_ci")
        rename(trend, "slope_p", "slope_p_value")
        rename(trend, "change", "change_share")
        rename(trend.get("mann_kendall"), "p", "p_value")
    for crosstab in r["crosstabs"]:
        for row in crosstab["themes"]:
            for cell in row["cells"]:
                rename(cell, "p", "p_value")
    if "timings" in r:
        r["timings"] = {k.replace("+", "_"): v for k, v in r["timings"].items()}
    # Reorder as version 4 writes it: "input" after "tool".
    order = ["schema_version", "tool", "input"]
    return {**{k: r[k] for k in order}, **{k: v for k, v in r.items() if k not in order}}


MIGRATIONS = {3: from_3_to_4}


def json_type(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return type(value).__name__


def key_types(node, path="$", out=None):
    """{path: set of JSON types} for every key; array items share the path "[]"."""
    out = {} if out is None else out
    if isinstance(node, dict):
        for key, value in node.items():
            name = "*" if path.rsplit(".", 1)[-1] in DATA_KEYED else key
            sub = f"{path}.{name}"
            out.setdefault(sub, set()).add(json_type(value))
            key_types(value, sub, out)
    elif isinstance(node, list):
        for value in node:
            key_types(value, path + "[]", out)
    return out


def forbidden_additions(schema, path="$"):
    found = []
    if isinstance(schema, dict):
        if schema.get("additionalProperties") is False:
            found.append(path)
        for key, value in schema.items():
            found += forbidden_additions(value, f"{path}/{key}")
    elif isinstance(schema, list):
        for i, value in enumerate(schema):
            found += forbidden_additions(value, f"{path}/{i}")
    return found


def run(binary, source, args):
    done = subprocess.run([binary, *args, "-q"], cwd=source, capture_output=True, text=True)
    if done.returncode not in (0, 3):
        sys.exit(f"trendscan {' '.join(args)} failed: {done.stderr}")
    return json.loads(done.stdout)


def main():
    binary, source = sys.argv[1], sys.argv[2]
    with open(os.path.join(source, "docs", "report.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    current = schema["properties"]["schema_version"]["const"]
    errors = []
    closed = forbidden_additions(schema)
    if closed:
        errors.append(f"the schema forbids additional properties at {closed}")
    fixtures = os.path.join(source, "tests", "data", "reports")
    checked = {"current": 0, "old": 0}
    with open(os.path.join(fixtures, "cases.txt"), encoding="utf-8") as f:
        cases = [line.split(None, 1) for line in f if line.strip() and not line.startswith("#")]
    for name, args in cases:
        with open(os.path.join(fixtures, name), encoding="utf-8") as f:
            frozen = json.load(f)
        fresh = run(binary, source, shlex.split(args))
        version = frozen["schema_version"]
        if version < current:
            if validator.is_valid(frozen):
                errors.append(f"{name}: a schema_version {version} report validates against "
                              f"schema {current}; the version check must reject it")
            converted = copy.deepcopy(frozen)
            for v in range(version, current):
                if v not in MIGRATIONS:
                    sys.exit(f"no conversion from schema_version {v}: add one (and document it)")
                converted = MIGRATIONS[v](converted)
            for e in list(validator.iter_errors(converted))[:5]:
                errors.append(f"{name} converted: {list(e.path)}: {e.message}")
            frozen = converted
            checked["old"] += 1
        else:
            for e in list(validator.iter_errors(frozen))[:5]:
                errors.append(f"{name}: {list(e.path)}: {e.message}")
            checked["current"] += 1
        # Every key of the frozen (or converted) report is still written, with its types.
        want, have = key_types(frozen), key_types(fresh)
        for path, types in sorted(want.items()):
            if path not in have:
                errors.append(f"{name}: {path} is gone from the report of the same arguments")
            elif types - {"null"} - have[path]:
                errors.append(f"{name}: {path} was {sorted(types)}, is now {sorted(have[path])}")
    for e in errors:
        print(f"report_policy_test: {e}", file=sys.stderr)
    if errors:
        sys.exit(1)
    print(f"report_policy_test: schema {current} open to additions; {checked['current']} "
          f"report(s) of this version still valid and complete, {checked['old']} older one(s) "
          f"rejected and valid once converted")


if __name__ == "__main__":
    main()
