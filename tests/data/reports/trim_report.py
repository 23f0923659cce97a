#!/usr/bin/env python3
"""Cuts a JSON report down to a small fixture that keeps every kind of field.

Usage: trim_report.py < report.json > fixture.json. Every list of objects keeps its first 3
(the timeline's periods excepted: they stay aligned with each series' counts and shares), so
the fixture has every key a full report has, in a few kilobytes. Used once per schema_version
to freeze a report of that version (see README.md here).
"""
import json
import sys

KEEP = 3


def trim(node, path=()):
    if isinstance(node, dict):
        return {k: trim(v, path + (k,)) for k, v in node.items()}
    if isinstance(node, list):
        items = node
        if path[-2:] != ("timeline", "periods") and items and isinstance(items[0], dict):
            items = items[:KEEP]
        return [trim(v, path) for v in items]
    return node


json.dump(trim(json.load(sys.stdin)), sys.stdout, ensure_ascii=False, indent=2)
sys.stdout.write("\n")
