#!/usr/bin/python3
"""Time scikit-learn's KMeans per iteration on a matrix exported by `trendscan bench --export-matrix`.

Same matrix, same k, one initialisation (k-means++), a fixed number of Lloyd iterations (tol=0),
so seconds / iterations compares directly with trendscan's "k-means round" figure.
Debian packages: python3-sklearn python3-scipy
"""
import argparse, json, time

import scipy.io
from sklearn.cluster import KMeans

ap = argparse.ArgumentParser()
ap.add_argument("matrix")
ap.add_argument("--k", type=int, required=True)
ap.add_argument("--rounds", type=int, default=20)
ap.add_argument("--seed", type=int, default=0)
a = ap.parse_args()

X = scipy.io.mmread(a.matrix).tocsr().astype("float32")
best = None
for _ in range(3):
    km = KMeans(n_clusters=a.k, n_init=1, max_iter=a.rounds, tol=0.0, algorithm="lloyd",
                random_state=a.seed)
    t0 = time.perf_counter()
    km.fit(X)
    dt = time.perf_counter() - t0
    per = dt / km.n_iter_
    best = per if best is None else min(best, per)
print(json.dumps({"rows": X.shape[0], "cols": X.shape[1], "nnz": int(X.nnz), "k": a.k,
                  "iterations": int(km.n_iter_), "milliseconds_per_round": 1000 * best}))
