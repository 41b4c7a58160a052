#!/usr/bin/python3
# Reference figures for tests/engine/test-ksweep.c: for k = 1..6 on
# tests/data/reference/blobs.csv, KMeans(n_clusters=k, n_init=10,
# random_state=0) inertia and, for k >= 2, silhouette, Calinski-Harabasz and
# Davies-Bouldin of its labels.  Run with Debian's /usr/bin/python3
# (scikit-learn 1.2.1, numpy 1.24.2):
#   /usr/bin/python3 tests/reference/ksweep.py
import os
import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score, silhouette_score

ref = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "reference")
B = np.loadtxt(os.path.join(ref, "blobs.csv"), delimiter=",", skiprows=1)
for k in range(1, 7):
    km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(B)
    if k == 1:
        print(f"{{ {k}, {km.inertia_!r}, NAN, NAN, NAN }},")
    else:
        print(f"{{ {k}, {km.inertia_!r}, {silhouette_score(B, km.labels_)!r}, "
              f"{calinski_harabasz_score(B, km.labels_)!r}, {davies_bouldin_score(B, km.labels_)!r} }},")
