#!/usr/bin/python3
# Reference figures for tests/engine/test-cluster-metrics.c and test-pca.c
# (silhouette, Calinski-Harabasz, Davies-Bouldin, PCA).  Run with Debian's
# /usr/bin/python3 (scikit-learn 1.2.1, numpy 1.24.2):
#   /usr/bin/python3 tests/reference/cluster_metrics.py
import os
import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import (calinski_harabasz_score, davies_bouldin_score,
                             silhouette_samples, silhouette_score)
from sklearn.preprocessing import StandardScaler

ref = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "reference")
B = np.loadtxt(os.path.join(ref, "blobs.csv"), delimiter=",", skiprows=1)
U = np.loadtxt(os.path.join(ref, "uniform.csv"), delimiter=",", skiprows=1)

# The labels are those of the explicit-centre k-means in kmeans.py.
lb = KMeans(n_clusters=4, init=B[:4], n_init=1, algorithm="lloyd").fit(B).labels_
lu = KMeans(n_clusters=5, init=U[:5], n_init=1, algorithm="lloyd").fit(U).labels_
ls = lb.copy()
ls[0] = 7  # a singleton cluster (label 7, labels 4..6 unused)

for name, X, lab in (("blobs", B, lb), ("uniform", U, lu), ("singleton", B, ls)):
    s = silhouette_samples(X, lab)
    print(f"{name}: silhouette={silhouette_score(X, lab)!r} "
          f"ch={calinski_harabasz_score(X, lab)!r} db={davies_bouldin_score(X, lab)!r}")
    print("  samples[0:4]=" + ", ".join(repr(float(v)) for v in s[:4]))

for name, X in (("pca blobs raw", B), ("pca uniform z", StandardScaler().fit_transform(U))):
    p = PCA(svd_solver="full").fit(X)
    print(f"{name}:")
    print("  explained_variance=" + ", ".join(repr(float(v)) for v in p.explained_variance_))
    print("  ratio=" + ", ".join(repr(float(v)) for v in p.explained_variance_ratio_))
    print("  abs components=" + ", ".join(repr(float(v)) for v in np.abs(p.components_).ravel()))
    print("  abs scores row0=" + ", ".join(repr(float(v)) for v in np.abs(p.transform(X[:1])).ravel()))
