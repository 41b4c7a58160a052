#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Reference for bench/run "PCA": read the features CSV, z-score, PCA(2),
# write the table with pc1, pc2.
# Usage: /usr/bin/python3 pca_sklearn.py FEATURES.csv OUT.csv
import sys

import pandas as pd
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

src, out = sys.argv[1], sys.argv[2]
df = pd.read_csv(src)
cols = [c for c in df.columns if c != "customer_id"]
x = StandardScaler().fit_transform(df[cols].to_numpy())
pca = PCA(n_components=2).fit(x)
pc = pca.transform(x)
df["pc1"], df["pc2"] = pc[:, 0], pc[:, 1]
df.to_csv(out, index=False)
print("explained", pca.explained_variance_ratio_)
