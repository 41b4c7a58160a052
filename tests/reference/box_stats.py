#!/usr/bin/python3
# Reference figures for tests/charts/test-box-stats.c: numpy.quantile with its
# default method ("linear", Hyndman-Fan type 7) and Tukey whiskers at the most
# extreme data within 1.5 IQR of the box.  Run with Debian's /usr/bin/python3.
import numpy as np

def stats(name, v):
    v = np.asarray(v, dtype=float)
    v = v[np.isfinite(v)]
    q1, med, q3 = np.quantile(v, [0.25, 0.5, 0.75])
    iqr = q3 - q1
    lo = v[v >= q1 - 1.5 * iqr].min()
    hi = v[v <= q3 + 1.5 * iqr].max()
    nlo = int((v < lo).sum())
    nhi = int((v > hi).sum())
    print(f"{name}: n={v.size} q1={q1!r} median={med!r} q3={q3!r} mean={v.mean()!r} "
          f"whisker_low={lo!r} whisker_high={hi!r} out_low={nlo} out_high={nhi}")

print("numpy", np.__version__)
stats("small", [7, 1, 3, 2, 9, 4])
stats("outliers", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 50, -30])
stats("with_nan", [2.5, float("nan"), 10, 4, float("nan"), 8])
stats("single", [42])
rng_vals = [((i * 7919) % 1000) / 10.0 for i in range(1, 101)] + [500, 600, -200]
stats("lcg103", rng_vals)
