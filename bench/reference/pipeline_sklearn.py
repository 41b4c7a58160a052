#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Reference for bench/run "whole CLI run": what
#   segmenta-cli --method metrics,rules,rfm,kmeans,pca --k 4 --out DIR LOG.csv
# does, in pandas + scikit-learn: per-customer metrics, the built-in fintech
# rules (first match wins), RFM quintiles (NTILE order), k-means k = 4
# (n_init = 10) on the z-scored numeric metrics with per-customer silhouette
# (on a 20,000-row sample), PCA(2), customers.csv and segments.csv.
# Charts are not drawn: matplotlib is not installed (Debian python3-matplotlib
# would be the reference), so this side does strictly less work.
# Usage: /usr/bin/python3 pipeline_sklearn.py TRANSACTIONS.csv OUTDIR
import os
import sys

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_samples
from sklearn.preprocessing import StandardScaler

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
df = pd.read_csv(src, parse_dates=["txn_date", "repayment_date"])
as_of = df["txn_date"].max()
c = df.groupby("customer_id", sort=False).agg(
    txn_count=("txn_id", "nunique"), total_spent=("amount", "sum"),
    avg_spent=("amount", "mean"), first_txn_date=("txn_date", "min"),
    last_txn_date=("txn_date", "max"))
c["recency_days"] = (as_of - c["last_txn_date"]).dt.days
c["tenure_days"] = (as_of - c["first_txn_date"]).dt.days

conds = [c["txn_count"] > 20,
         (c["total_spent"] >= 10000) & (c["txn_count"] >= 5),
         (c["total_spent"] >= 1000) & (c["total_spent"] <= 5000)]
c["rule_segment"] = np.select(conds, ["Power User", "High-Value Customer", "Budget Customer"],
                              "Other")


def ntile(values, reverse=False):
    order = values.rank(method="first", ascending=not reverse)
    return pd.qcut(order, 5, labels=False) + 1


c["rfm_r"] = ntile(c["recency_days"], reverse=True)
c["rfm_f"] = ntile(c["txn_count"])
c["rfm_m"] = ntile(c["total_spent"])
score = c["rfm_r"] * 100 + c["rfm_f"] * 10 + c["rfm_m"]
c["rfm_segment"] = np.where(score >= 444, "Champions", np.where(c["rfm_r"] <= 2, "At Risk", "Others"))

feats = ["txn_count", "total_spent", "avg_spent", "recency_days", "tenure_days"]
x = StandardScaler().fit_transform(c[feats].to_numpy(dtype=float))
km = KMeans(n_clusters=4, n_init=10, random_state=0).fit(x)
c["cluster"] = km.labels_
rng = np.random.default_rng(0)
sample = rng.choice(len(x), size=min(20000, len(x)), replace=False)
sil = np.full(len(x), np.nan)
sil[sample] = silhouette_samples(x[sample], km.labels_[sample])
c["silhouette"] = sil
pc = PCA(n_components=2).fit_transform(x)
c["pc1"], c["pc2"] = pc[:, 0], pc[:, 1]
c.to_csv(os.path.join(out, "customers.csv"), date_format="%Y-%m-%d")

seg = []
for method in ["rule_segment", "rfm_segment", "cluster"]:
    s = c.groupby(method).agg(customers=("txn_count", "size"), total_spent=("total_spent", "sum"),
                              **{f"mean_{f}": (f, "mean") for f in feats})
    s.insert(0, "method", method)
    seg.append(s.reset_index().rename(columns={method: "segment"}))
pd.concat(seg).to_csv(os.path.join(out, "segments.csv"), index=False)
print(f"customers {len(c)} inertia {km.inertia_!r}")
