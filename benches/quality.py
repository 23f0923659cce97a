#!/usr/bin/python3
"""Judge trendscan's themes against reference labels, side by side with scikit-learn.

    benches/quality.py [--seeds 5] [--corpora sample-fr,essais-fr,...] [--binary build/trendscan]
        [--ts-args "--lsa 100"] [--json out.json] [--no-sklearn] [--sklearn-variants] [--work DIR]

For each corpus and seed 0..N-1, one after the other: `trendscan analyze ... --labels` and the
anchor ../shared/anchors/sklearn_trend.py (TF-IDF + Snowball + KMeans), same k and seed. Prints a
Markdown table (NMI, ARI, seconds per run, trend-named themes), the known-theme checks of the
corpora labelled with lexicon ids (sample-fr, essais-fr) and the commands used. scikit-learn gets
the repository corpora rewritten as <label>/<doc>.txt bodies (no front matter, no Date:/Titre:
lines, one file per JSONL post); both tools get ../shared/corpora (skipped when absent) as a tree
of links to the chosen label folders. 20news-20 runs only when named. --sklearn-variants adds
scikit-learn without (or with) stemming and with --lsa 100. --work DIR keeps the prepared corpora.
Needs Debian's python3-sklearn and python3-stemmer (hence /usr/bin/python3).
"""
import argparse, collections, itertools, json, os, re, shlex, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
ANCHOR = os.path.join(SHARED, "anchors", "sklearn_trend.py")
FR_STOP = os.path.join(SHARED, "anchors", "stopwords-fr.txt")
REAL = os.path.join(SHARED, "corpora")
NEWS = os.path.join(REAL, "20news-bydate")
FR_SK = {"lang": "french", "stopwords": FR_STOP, "min-df": "2", "max-df": "0.5"}
NEWS_SK = {"lang": "english", "stopwords": "english", "min-df": "5", "max-df": "0.5"}
CORPORA = {n: dict(path=os.path.join(ROOT, "corpora", n), lang="fr", sk=FR_SK, lexicon=lex)
           for n, lex in (("sample-fr", True), ("essais-fr", True), ("actu-fr", False), ("forum-fr", False))}
CORPORA.update({  # "groups": label folders under "root" (None: all of them)
    "20news-4": dict(root=NEWS, lang="en", sk=dict(NEWS_SK, lang="none"),
                     groups=["alt.atheism", "talk.religion.misc", "comp.graphics", "sci.space"]),
    "sib200-fr": dict(root=os.path.join(REAL, "sib200-fr"), lang="fr", groups=None, sk=FR_SK),
    "sib200-en": dict(root=os.path.join(REAL, "sib200-en"), lang="en", groups=None,
                      sk={"lang": "english", "stopwords": "english", "min-df": "2", "max-df": "0.5"}),
    "20news-20": dict(root=NEWS, lang="en", groups=None, sk=NEWS_SK),
})
OFF_BY_DEFAULT = {"20news-20"}


def read_labels(path):
    labels = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            key, tab, label = line.rstrip("\r\n").partition("\t")
            if tab and key.strip() and not key.startswith("#"):
                labels[key.strip()] = label.strip()
    return labels


def body_text(root, key):
    """The text a document's key (file, or file#line for JSONL) stands for, without headers."""
    if "#" in key:
        name, _, line_no = key.rpartition("#")
        with open(os.path.join(root, name), encoding="utf-8") as fh:
            return json.loads(next(itertools.islice(fh, int(line_no) - 1, None))).get("text", "")
    with open(os.path.join(root, key), encoding="utf-8", errors="replace") as fh:
        text = fh.read()
    if key.endswith(".md"):
        return re.sub(r"\A---[ \t]*\r?\n.*?\n---[ \t]*\r?\n", "", text, count=1, flags=re.S)
    return re.sub(r"\A(?:(?:Date|Titre):[^\n]*\n)+", "", text).lstrip("\n")


def materialise(root, labels, dest):
    """Write every labelled document of a repository corpus as dest/<label>/<key>.txt."""
    for key, label in labels.items():
        os.makedirs(os.path.join(dest, label), exist_ok=True)
        name = re.sub(r"[^\w.-]", "_", key) + ".txt"
        with open(os.path.join(dest, label, name), "w", encoding="utf-8") as fh:
            fh.write(body_text(root, key))
    return dest


def link_tree(spec, dest):
    """dest/<label> -> the label folders of a real corpus, and a labels file for trendscan."""
    groups = spec["groups"] or sorted(g for g in os.listdir(spec["root"])
                                      if os.path.isdir(os.path.join(spec["root"], g)))
    os.makedirs(dest)
    lines = []
    for g in groups:
        os.symlink(os.path.join(spec["root"], g), os.path.join(dest, g))
        lines += ["%s/%s\t%s" % (g, f, g) for f in sorted(os.listdir(os.path.join(dest, g)))
                  if f.endswith(".txt")]
    with open(dest + ".labels.tsv", "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    return dest + ".labels.tsv", len(groups)


def prepare(name, spec, work):
    """(trendscan paths, labels file, scikit-learn folder, k) for one corpus."""
    dest = os.path.join(work, name)
    shutil.rmtree(dest, ignore_errors=True)  # links are removed, never followed
    if "path" in spec:
        labels = read_labels(labels_file := os.path.join(spec["path"], "labels.tsv"))
        sk_dir = materialise(spec["path"], labels, dest)
        return [spec["path"]], labels_file, sk_dir, len(set(labels.values()))
    labels_file, k = link_tree(spec, dest)
    return [dest], labels_file, dest, k


def run_json(cmd, ok=(0,), tries=1):
    """Run a command, return (parsed stdout, wall seconds); retry while the binary is rebuilt."""
    for attempt in range(tries):
        t0 = time.perf_counter()
        try:
            p = subprocess.run(cmd, capture_output=True, text=True)
        except OSError as e:
            p = subprocess.CompletedProcess(cmd, 127, "", str(e))
        wall = time.perf_counter() - t0
        if p.returncode in ok:
            return json.loads(p.stdout), wall
        time.sleep(5 if attempt + 1 < tries else 0)
    raise RuntimeError("%s: exit %d: %s" % (cmd[0], p.returncode, p.stderr.strip()[-400:]))


def trendscan_cmd(a, paths, labels_file, k, seed, lang):
    cmd = [a.binary, "analyze", *paths, "--format", "json", "--no-timings", "--k", str(k),
           "--seed", str(seed), "--labels", labels_file]
    return cmd + (["--lang", "en"] if lang == "en" else []) + shlex.split(a.ts_args)


def sklearn_cmd(sk_dir, k, seed, opts):
    return ["/usr/bin/python3", ANCHOR, sk_dir, "--k", str(k), "--seed", str(seed)] + \
        [x for key, value in opts.items() for x in ("--" + key, str(value))]


def sklearn_settings(spec, ndocs, variants):
    base, lsa = spec["sk"], min(100, ndocs - 1)
    if not variants:
        return {"reference": base}
    stemmed = base["lang"] != "none"
    other = dict(base, lang="none" if stemmed else {"en": "english", "fr": "french"}[spec["lang"]])
    return {"reference": base, "stemming " + ("off" if stemmed else "on"): other,
            "--lsa %d" % lsa: dict(base, lsa=lsa)}


def lexicon(report):
    kts = report.get("known_themes") or []
    kts = kts.get("themes", []) if isinstance(kts, dict) else kts
    return [(t["id"], t.get("name", t["id"])) for t in kts]


def known_id(value, lex):
    """A known theme given as an id, an index (-1: none), an object or null -> id or None."""
    if isinstance(value, dict):
        value = value.get("id", value.get("known_theme"))
    if isinstance(value, int) and not isinstance(value, bool):
        return lex[value][0] if 0 <= value < len(lex) else None
    return value or None


def theme_trend(theme, lex):
    """(id, name) of the known theme a discovered theme is named after, or None when new."""
    if "known" in theme:
        tid, new = known_id(theme["known"].get("known_theme"), lex), theme["known"].get("is_new")
    else:
        tid, new = known_id(theme.get("known_theme"), lex), theme.get("new")
    return None if new or tid is None else (tid, dict(lex).get(tid, tid))


def trend_summary(report):
    lex = lexicon(report)
    names = [tr[1] for tr in (theme_trend(t, lex) for t in report["themes"]) if tr]
    counts = collections.Counter(names)
    parts = [n + (" ×%d" % counts[n] if counts[n] > 1 else "") for n in dict.fromkeys(names)]
    return "%d of %d" % (len(names), len(report["themes"])) + (": " + ", ".join(parts) if parts else "")


def known_checks(report):
    """Counts for the corpora whose labels are lexicon ids (plus an off-theme label)."""
    lex = lexicon(report)
    ids, docs = dict(lex), [d for d in report["documents"] if d.get("label")]
    on = [d for d in docs if d["label"] in ids]
    off = [d for d in docs if d["label"] not in ids]
    named = right = 0
    for t in report["themes"]:
        tr = theme_trend(t, lex)
        if tr:
            named += 1
            votes = collections.Counter(d["label"] for d in docs if d.get("theme") == t["id"])
            right += bool(votes) and votes.most_common(1)[0][0] == tr[0]
    return {"known_right": [sum(known_id(d.get("known_theme"), lex) == d["label"] for d in on), len(on)],
            "off_none": [sum(known_id(d.get("known_theme"), lex) is None for d in off), len(off)],
            "names_right": [right, named]}


def measure(a, name, spec, work):
    paths, labels_file, sk_dir, k = prepare(name, spec, work)
    ndocs = sum(len(fs) for _, _, fs in os.walk(sk_dir, followlinks=True))
    res = {"k": k, "trendscan": [], "sklearn": {}, "commands": {}, "errors": []}
    settings = {} if a.no_sklearn else sklearn_settings(spec, ndocs, a.sklearn_variants)
    for seed in range(a.seeds):
        print("  %s seed %d" % (name, seed), file=sys.stderr)
        cmd = trendscan_cmd(a, paths, labels_file, k, seed, spec["lang"])
        rep, wall = run_json(cmd, ok=(0, 3), tries=4)
        q = rep.get("quality", {})
        res["trendscan"].append({"seed": seed, "nmi": q.get("nmi"), "ari": q.get("ari"), "seconds": wall})
        if seed == 0:
            res["commands"]["trendscan"] = cmd
            res["docs"] = q.get("labelled_documents", 0)
            res["unlabelled"] = sum(1 for d in rep["documents"] if not d.get("label"))
            res["trends"] = trend_summary(rep)
            res["known"] = known_checks(rep) if spec.get("lexicon") else None
        for label, opts in settings.items():
            cmd = sklearn_cmd(sk_dir, k, seed, opts)
            res["commands"].setdefault("sklearn " + label, cmd)
            try:
                out, wall = run_json(cmd)
            except (RuntimeError, ValueError) as e:
                res["errors"].append("%s: sklearn %s, seed %d: %s" % (name, label, seed, e))
                continue
            res["sklearn"].setdefault(label, []).append({
                "seed": seed, "nmi": out["quality"]["nmi"], "ari": out["quality"]["ari"],
                "seconds": wall, "pipeline_seconds": out["seconds"]["total"], "docs": out["docs"]})
    return res


def mean(xs):
    xs = [x for x in xs if x is not None]
    return sum(xs) / len(xs) if xs else float("nan")


def nmi_cell(runs):
    v = [r["nmi"] for r in runs if r["nmi"] is not None]
    return "%.3f (%.3f-%.3f)" % (mean(v), min(v), max(v)) if v else "–"


def corpus_row(name, r, variants):
    ts, sk = r["trendscan"], r["sklearn"].get("reference", [])
    docs = str(r["docs"]) + (" / %d" % sk[0]["docs"] if sk and sk[0]["docs"] != r["docs"] else "") \
        + (" (+%d unlabelled)" % r["unlabelled"] if r["unlabelled"] else "")
    ari = "%.3f" % mean([x["ari"] for x in ts]) + (" / %.3f" % mean([x["ari"] for x in sk]) if sk else "")
    row = [name, docs, str(r["k"]), nmi_cell(ts), ari, nmi_cell(sk) if sk else "–",
           "%.2f" % mean([x["seconds"] for x in ts]),
           "%.2f (%.2f in pipeline)" % (mean([x["seconds"] for x in sk]),
                                        mean([x["pipeline_seconds"] for x in sk])) if sk else "–",
           r["trends"]]
    if variants:
        best = max(r["sklearn"].items(), key=lambda kv: mean([x["nmi"] for x in kv[1]]), default=None)
        row.append("%s: %s" % (best[0], nmi_cell(best[1])) if best else "–")
    return "| " + " | ".join(row) + " |"


def print_report(a, results, notes):
    head = ["corpus", "docs", "k", "trendscan NMI mean (min-max)", "ARI mean ts / sk",
            "sklearn NMI mean (min-max)", "trendscan s/run", "sklearn s/run",
            "themes named as a trend (seed 0)"] + (["sklearn best variant NMI"] if a.sklearn_variants else [])
    print("| " + " | ".join(head) + " |\n|" + " --- |" * len(head))
    for name, r in results.items():
        print(corpus_row(name, r, a.sklearn_variants))
    print("\n%d seed(s) per tool (0..%d). docs: documents trendscan scored against the labels"
          " [/ scikit-learn's count when it differs] (+ documents read without a label)."
          " s/run: wall clock, process start included." % (a.seeds, a.seeds - 1))
    for n in notes + [e for r in results.values() for e in r["errors"]]:
        print("- " + n)
    known = {n: r["known"] for n, r in results.items() if r.get("known")}
    if known:
        print("\n| corpus | best known theme right | off-theme with none | theme names right |\n"
              "| --- | --- | --- | --- |")
        for n, kc in known.items():
            print("| %s | %d of %d | %d of %d | %d of %d |" % (n, *kc["known_right"], *kc["off_none"],
                                                               *kc["names_right"]))
        print("\nSeed 0's report. Theme names right: themes named after a trend whose majority label"
              " is that trend, of the themes named after one.")
    print("\nCommands (seed 0; other seeds change --seed only; prepared corpora in %s, %s):\n\n```"
          % (a.work_dir, "kept" if a.work else "removed at the end: keep them with --work DIR"))
    for n, r in results.items():
        for tool, cmd in r["commands"].items():
            print("# %s, %s\n%s" % (n, tool, shlex.join(cmd)))
    print("```")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--corpora", default=",".join(n for n in CORPORA if n not in OFF_BY_DEFAULT))
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "trendscan"))
    ap.add_argument("--ts-args", default="", help="extra trendscan arguments (shell-split)")
    ap.add_argument("--json", help="write all raw figures to this file")
    ap.add_argument("--no-sklearn", action="store_true")
    ap.add_argument("--sklearn-variants", action="store_true")
    ap.add_argument("--work", help="keep the prepared corpora in this folder")
    a = ap.parse_args()
    a.binary, notes = os.path.abspath(a.binary), []
    if a.seeds < 1:
        ap.error("--seeds must be at least 1")
    if not a.no_sklearn and not os.path.exists(ANCHOR):
        notes.append("scikit-learn skipped: %s is absent" % ANCHOR)
        a.no_sklearn = True
    names = [n.strip() for n in a.corpora.split(",") if n.strip()]
    if set(names) - set(CORPORA):
        ap.error("unknown corpora: %s (known: %s)" % (set(names) - set(CORPORA), ", ".join(CORPORA)))
    work = a.work_dir = os.path.abspath(a.work or tempfile.mkdtemp(prefix="trendscan-quality-"))
    os.makedirs(work, exist_ok=True)
    results = {}
    started = time.perf_counter()
    try:
        for name in names:
            spec, where = CORPORA[name], CORPORA[name].get("path") or CORPORA[name]["root"]
            if not os.path.isdir(where):
                notes.append("%s skipped: %s is absent" % (name, where))
                continue
            print("%s ..." % name, file=sys.stderr)
            try:
                results[name] = measure(a, name, spec, work)
            except (RuntimeError, OSError, ValueError, KeyError) as e:
                notes.append("%s failed: %s" % (name, e))
    finally:
        if not a.work:
            shutil.rmtree(work, ignore_errors=True)
    notes.append("whole run: %.1f s" % (time.perf_counter() - started))
    print_report(a, results, notes)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as fh:
            json.dump({"seeds": a.seeds, "ts_args": a.ts_args, "corpora": results, "notes": notes},
                      fh, ensure_ascii=False, indent=1)
    return 0 if results else 1


if __name__ == "__main__":
    sys.exit(main())
