#!/usr/bin/python3
# Reference figures for tests/engine/test-scale.c.  Run with Debian's
# /usr/bin/python3 (scikit-learn 1.2.1, numpy 1.24.2):
#   /usr/bin/python3 tests/reference/scale.py
import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler

nan = np.nan
# a: gaps; b: constant; c: near-constant around 1e10 (sklearn's eps rule
# gives scale 1); d: money column to log1p (with a gap).
X = np.array([[1.0, 5.0, 1e10, 0.0],
              [2.0, 5.0, 1e10 + 1e-5, 9.0],
              [nan, 5.0, 1e10, 99.0],
              [4.0, 5.0, 1e10 - 1e-5, nan],
              [10.0, 5.0, 1e10, 999.0]])
X[:, 3] = np.log1p(X[:, 3])
imp = SimpleImputer(strategy="mean").fit(X)
Xi = imp.transform(X)
sc = StandardScaler().fit(Xi)
print("mean_=" + ", ".join(repr(float(v)) for v in sc.mean_))
print("scale_=" + ", ".join(repr(float(v)) for v in sc.scale_))
print("Z=" + ", ".join(repr(float(v)) for v in sc.transform(Xi).ravel()))
