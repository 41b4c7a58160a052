#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Reference for bench/run "k-means 1M x 8": read the features CSV, z-score,
# KMeans(n_clusters=K, n_init=10, random_state=0) (Lloyd, k-means++), write
# the table with a cluster column.  Prints the inertia on the z-scored data.
# Usage: /usr/bin/python3 kmeans_sklearn.py FEATURES.csv OUT.csv [K]
import sys

import pandas as pd
from sklearn.cluster import KMeans
from sklearn.preprocessing import StandardScaler

src, out = sys.argv[1], sys.argv[2]
k = int(sys.argv[3]) if len(sys.argv) > 3 else 4
df = pd.read_csv(src)
cols = [c for c in df.columns if c != "customer_id"]
x = StandardScaler().fit_transform(df[cols].to_numpy())
km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(x)
df["cluster"] = km.labels_
df.to_csv(out, index=False)
print(f"inertia {km.inertia_!r} n_iter {km.n_iter_}")
