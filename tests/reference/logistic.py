#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference logistic-regression figures for tests/engine/test-logistic.c.

Run with Debian's /usr/bin/python3 (scikit-learn 1.2.1, numpy 1.24.2):
    /usr/bin/python3 tests/reference/logistic.py
Prints the fixtures as C arrays and sklearn's coefficients, intercepts,
probabilities and ROC AUC values.  Not run by the test suite.
"""
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler


def fixture_a():
    # 40 customers, 3 features, overlapping classes.
    rng = np.random.RandomState(7)
    n = 40
    x = np.column_stack([
        np.round(rng.gamma(2.0, 50.0, n), 1),     # days since last purchase
        rng.poisson(4, n).astype(float),          # purchases
        np.round(rng.lognormal(4, 0.8, n), 2),    # spend
    ])
    z = 0.02 * x[:, 0] - 0.4 * x[:, 1] + 0.002 * x[:, 2] - 0.5
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-z))).astype(int)
    return x, y


def fixture_b():
    # 60 customers, 4 features with many ties (a 0/1 flag and small counts).
    rng = np.random.RandomState(11)
    n = 60
    x = np.column_stack([
        rng.randint(0, 2, n).astype(float),
        rng.randint(1, 6, n).astype(float),
        np.round(rng.normal(50, 15, n), 0),
        np.round(rng.uniform(0, 1, n), 2),
    ])
    z = 1.2 * x[:, 0] - 0.5 * x[:, 1] + 0.03 * (x[:, 2] - 50) + 0.5 * x[:, 3]
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-z))).astype(int)
    return x, y


def newton_optimum(z, y, C):
    """The exact optimum of C·Σ log-loss + ½‖β‖² by Newton's method from
    sklearn's answer: lbfgs stops on its ftol (relative decrease 64·eps)
    with a gradient still near 1e-4, so its coefficients are good to ~1e-5."""
    s = 2 * y - 1
    zz = np.column_stack([np.ones(len(z)), z])
    m = LogisticRegression(C=C, tol=1e-10, max_iter=10000).fit(z, y)
    w = np.r_[m.intercept_, m.coef_[0]]
    for _ in range(30):
        mm = zz @ w
        d = -C * s / (1 + np.exp(s * mm))
        g = zz.T @ d
        g[1:] += w[1:]
        p = 1 / (1 + np.exp(-mm))
        h = zz.T @ (zz * (C * p * (1 - p))[:, None])
        h[1:, 1:] += np.eye(z.shape[1])
        w = w - np.linalg.solve(h, g)
    return w, np.abs(g).max()


def carr(name, a, fmt):
    items = ", ".join(repr(float(v)) if fmt == "%r" else fmt % v
                      for v in np.ravel(a))
    print(f"static const {'double' if fmt != '%d' else 'guint8'} {name}[] = {{ {items} }};")


for name, (x, y) in (("a", fixture_a()), ("b", fixture_b())):
    carr(f"{name}_x", x, "%r")
    carr(f"{name}_y", y, "%d")
    sc = StandardScaler().fit(x)
    print(f"/* {name}: scaler mean {list(sc.mean_)} scale {list(sc.scale_)} */")
    for C in (1.0, 0.1):
        m = LogisticRegression(C=C, tol=1e-10, max_iter=10000).fit(sc.transform(x), y)
        print(f"/* {name} C={C}: coef {', '.join('%.10f' % c for c in m.coef_[0])} "
              f"intercept {m.intercept_[0]:.10f} */")
        w, gmax = newton_optimum(sc.transform(x), y, C)
        print(f"/* {name} C={C}: exact optimum coef "
              f"{', '.join('%.12f' % c for c in w[1:])} intercept {w[0]:.12f} "
              f"(max |gradient| {gmax:.1e}) */")
        p = m.predict_proba(sc.transform(x))[:, 1]
        print(f"/* {name} C={C}: p[0..2] {', '.join('%.12f' % v for v in p[:3])} "
              f"AUC (train) {roc_auc_score(y, p):.15f} */")

# ROC AUC with ties (scores rounded to one decimal).
y = np.array([0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 0, 1])
s = np.array([0.1, 0.4, 0.4, 0.4, 0.9, 0.2, 0.4, 0.7, 0.1, 0.7, 0.7, 0.3, 0.2, 0.9, 0.5])
print("AUC ties:", "%.17g" % roc_auc_score(y, s))
y2 = np.array([1, 0, 1, 0, 1, 0])
s2 = np.array([0.5] * 6)
print("AUC all tied:", "%.17g" % roc_auc_score(y2, s2))
