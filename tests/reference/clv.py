#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference BG/NBD and Gamma-Gamma figures for tests/engine/test-clv.c.

lifetimes is not packaged in Debian, so this evaluates the formulas of
lifetimes' BetaGeoFitter / GammaGammaFitter / _customer_lifetime_value
(as described in ALGORITHMS.md §3.10) with scipy 1.10.1's hyp2f1 and gammaln
at the parameters lifetimes publishes for CDNOW (docs/Quickstart.md):
    /usr/bin/python3 tests/reference/clv.py
Not run by the test suite; its output is pasted into test-clv.c.
"""
import numpy as np
from scipy.special import gammaln, hyp2f1

R, ALPHA, A, B = 0.242593, 4.413532, 0.792886, 2.425752
P, Q, V = 6.25, 3.74, 15.45


def expected(t, x, tx, T):
    hyp = hyp2f1(R + x, B + x, A + B + x - 1, t / (ALPHA + T + t))
    first = (A + B + x - 1) / (A - 1)
    second = 1 - hyp * ((ALPHA + T) / (ALPHA + t + T)) ** (R + x)
    den = 1 + (x > 0) * (A / (B + x - 1)) * ((ALPHA + T) / (ALPHA + tx)) ** (R + x)
    return first * second / den


def expected_new(t):
    hyp = hyp2f1(R, B, A + B - 1, t / (ALPHA + t))
    return (A + B - 1) / (A - 1) * (1 - hyp * (ALPHA / (ALPHA + t)) ** R)


def p_alive(x, tx, T):
    return 1 / (1 + (x > 0) * (A / (B + x - 1)) * ((ALPHA + T) / (ALPHA + tx)) ** (R + x))


def ll(x, tx, T):
    a1 = gammaln(R + x) - gammaln(R) + R * np.log(ALPHA)
    a2 = gammaln(A + B) + gammaln(B + x) - gammaln(B) - gammaln(A + B + x)
    a3 = -(R + x) * np.log(ALPHA + T)
    a4 = np.log(A) - np.log(B + max(x, 1) - 1) - (R + x) * np.log(ALPHA + tx)
    return a1 + a2 + np.log(np.exp(a3) + (x > 0) * np.exp(a4))


def spend(x, m):
    w = P * x / (P * x + Q - 1)
    return (1 - w) * P * V / (Q - 1) + w * m if x > 0 else P * V / (Q - 1)


def clv(x, tx, T, m, factor, months=12, d=0.01):
    total = 0.0
    for i in range(1, months + 1):
        e = expected(i * factor, x, tx, T) - expected((i - 1) * factor, x, tx, T)
        total += spend(x, m) * e / (1 + d) ** i
    return total


CUSTOMERS = [(2, 30.43, 38.86, 22.35), (1, 1.71, 38.86, 11.77),
             (0, 0.0, 38.86, 0.0), (18, 35.14, 35.86, 0.0),
             (29, 37.71, 38.00, 0.0), (7, 29.43, 38.86, 73.74)]
for x, tx, T, m in CUSTOMERS:
    print(f"x={x} t_x={tx} T={T}: LL {ll(x, tx, T):.12f} P(alive) {p_alive(x, tx, T):.12f} "
          f"E[X(1)] {expected(1, x, tx, T):.12f} E[X(52)] {expected(52, x, tx, T):.12f} "
          f"E[X(360)] {expected(360, x, tx, T):.12f}")
    print(f"    spend {spend(x, m):.10f} CLV(30) {clv(x, tx, T, m, 30):.10f} "
          f"CLV(4.345) {clv(x, tx, T, m, 4.345):.10f}")
print(f"E[X(10)] new {expected_new(10):.12f}  E[X(100)] new {expected_new(100):.12f}")
for a, b, c, z in ((1, 1, 2, 0.5), (0.3, 2.1, 3.7, 0.95), (2.5, 0.4, 1.2, 0.999),
                   (30.2, 32.4, 33.2, 0.9)):
    print(f"hyp2f1({a}, {b}, {c}, {z}) = {hyp2f1(a, b, c, z)!r}")
