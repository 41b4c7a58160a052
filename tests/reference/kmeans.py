#!/usr/bin/python3
# Reference figures for tests/engine/test-kmeans.c: k-means from given
# initial centres (labels, n_iter, inertia) and k-means++ inertias on the
# credit-card data.  Run with Debian's /usr/bin/python3 (scikit-learn 1.2.1,
# numpy 1.24.2, pandas 1.5.3):
#   /usr/bin/python3 tests/reference/kmeans.py [path/to/shared/data]
import os
import sys
import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.preprocessing import StandardScaler

here = os.path.dirname(os.path.abspath(__file__))
ref = os.path.join(here, "..", "data", "reference")
shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "..", "shared", "data")


def explicit(name, X, init):
    km = KMeans(n_clusters=len(init), init=np.array(init, dtype=float), n_init=1,
                algorithm="lloyd").fit(X)
    print(f"{name}: k={len(init)} n_iter={km.n_iter_} inertia={km.inertia_!r}")
    print("  labels=\"" + "".join(str(v) for v in km.labels_) + "\"")
    print("  centers=" + ", ".join(repr(float(v)) for v in km.cluster_centers_.ravel()))


def load(name):
    return np.loadtxt(os.path.join(ref, name), delimiter=",", skiprows=1)


B = load("blobs.csv")
explicit("blobs", B, B[:4])
U = load("uniform.csv")
explicit("uniform", U, U[:5])
E = load("empty_cluster.csv")
explicit("empty_cluster", E, [[0, 0], [0.5, 0.2], [100, 100]])
explicit("two_empty", E, [[0, 0], [0.5, 0.2], [100, 100], [200, 200]])

mall = os.path.join(shared, "credit_card", "Mall_Customers.csv")
if os.path.exists(mall):
    M = pd.read_csv(mall)[["Age", "Annual Income (k$)", "Spending Score (1-100)"]].to_numpy(float)
    explicit("mall", M, M[:5])

cc = os.path.join(shared, "credit_card", "CC GENERAL.csv")
if os.path.exists(cc):
    cols = ["BALANCE", "PURCHASES", "ONEOFF_PURCHASES", "INSTALLMENTS_PURCHASES",
            "CASH_ADVANCE", "PURCHASES_FREQUENCY", "ONEOFF_PURCHASES_FREQUENCY",
            "PURCHASES_INSTALLMENTS_FREQUENCY", "CASH_ADVANCE_FREQUENCY",
            "CREDIT_LIMIT", "PAYMENTS", "MINIMUM_PAYMENTS", "PRC_FULL_PAYMENT", "TENURE"]
    D = pd.read_csv(cc)[cols]
    D = D.fillna(D.mean())
    Z = StandardScaler().fit_transform(D.to_numpy(float))
    for k in range(1, 11):
        km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(Z)
        print(f"cc k={k} inertia={km.inertia_!r}")
