#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Reference for bench/run "k sweep": read the features CSV, z-score, and for
# k = 1..10 fit KMeans(n_init=10, random_state=0) and score it with
# silhouette (on a 20,000-row sample, as Segmenta does above 20,000 rows),
# Calinski-Harabasz and Davies-Bouldin; write the rows with the labels of
# the best-silhouette k.
# Usage: /usr/bin/python3 ksweep_sklearn.py FEATURES.csv OUT.csv
import sys

import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import (calinski_harabasz_score, davies_bouldin_score,
                             silhouette_score)
from sklearn.preprocessing import StandardScaler

src, out = sys.argv[1], sys.argv[2]
df = pd.read_csv(src)
cols = [c for c in df.columns if c != "customer_id"]
x = StandardScaler().fit_transform(df[cols].to_numpy())
best, best_s = None, -2.0
for k in range(1, 11):
    km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(x)
    if k == 1:
        continue
    s = silhouette_score(x, km.labels_, sample_size=min(20000, len(x)), random_state=0)
    calinski_harabasz_score(x, km.labels_)
    davies_bouldin_score(x, km.labels_)
    if s > best_s:
        best, best_s = km, s
df["cluster"] = best.labels_
df.to_csv(out, index=False)
print(f"best k {best.n_clusters} silhouette {best_s:.4f}")
