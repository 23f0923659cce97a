#!/usr/bin/python3
"""Labelled synthetic short posts as JSONL shards, for the scale runs of BENCHMARKS.md.

OUT/posts-00000.jsonl, ...: one post a line, {"id", "date", "author", "topic", "text"}; --per-shard
posts a file. Each post draws 6 to 40 words (mean --words) from a Zipfian distribution over its
topic's slice of a French word list (Debian package wfrench), mixed with shared background words
and a few stop words, as ../shared/anchors/gen_corpus.py does for long documents. Deterministic
for a --seed; generate to /tmp, never commit the output.
"""
import argparse
import json
import os
import random

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--posts", type=int, default=100000)
ap.add_argument("--per-shard", type=int, default=100000)
ap.add_argument("--topics", type=int, default=8)
ap.add_argument("--words", type=int, default=14, help="mean words per post")
ap.add_argument("--mix", type=float, default=0.5, help="share of background words")
ap.add_argument("--seed", type=int, default=7)
a = ap.parse_args()

rng = random.Random(a.seed)
WORD_LIST = "/usr/share/dict/french"
if not os.path.exists(WORD_LIST):
    raise SystemExit(f"gen_posts.py: {WORD_LIST} is missing: it comes from the Debian package "
                     "wfrench (sudo apt-get install wfrench)")
words = [w.strip() for w in open(WORD_LIST, encoding="utf-8") if len(w.strip()) > 3]
rng.shuffle(words)
per_topic = 3000
background = words[:5000]
topics = [words[5000 + i * per_topic:5000 + (i + 1) * per_topic] for i in range(a.topics)]
# Cumulative weights once: random.choices is then a bisection per word.
topic_cum = [0.0] * per_topic
acc = 0.0
for r in range(per_topic):
    acc += 1.0 / (r + 1)
    topic_cum[r] = acc
back_cum = []
acc = 0.0
for r in range(len(background)):
    acc += 1.0 / (r + 1)
    back_cum.append(acc)
glue = ["le", "la", "les", "de", "des", "et", "un", "une", "est", "que", "qui", "dans", "pour"]

os.makedirs(a.out, exist_ok=True)
shard = None
for i in range(a.posts):
    if i % a.per_shard == 0:
        if shard:
            shard.close()
        shard = open(os.path.join(a.out, f"posts-{i // a.per_shard:05d}.jsonl"), "w",
                     encoding="utf-8")
    t = i % a.topics
    n = min(40, max(6, int(rng.gauss(a.words, a.words / 3))))
    nb = int(n * a.mix)
    toks = (rng.choices(topics[t], cum_weights=topic_cum, k=n - nb) +
            rng.choices(background, cum_weights=back_cum, k=nb) +
            rng.choices(glue, k=n // 4))
    rng.shuffle(toks)
    text = " ".join(toks)
    day = rng.randrange(3 * 365)
    date = f"{2021 + day // 365}-{1 + (day % 365) // 31:02d}-{1 + day % 28:02d}"
    shard.write(json.dumps({"id": f"p{i}", "date": date, "author": f"user{rng.randrange(50000)}",
                            "topic": f"topic{t:02d}", "text": text[0].upper() + text[1:] + "."},
                           ensure_ascii=False) + "\n")
if shard:
    shard.close()
