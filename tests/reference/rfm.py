#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference RFM scores for tests/engine/test-rfm.c.

Run with Debian's /usr/bin/python3 (pandas 1.5.3, sqlite3 3.40.1):
    /usr/bin/python3 tests/reference/rfm.py
NTILE comes from SQLite window functions (the same SQL also runs in the
`sqlite3` CLI), qcut from pandas.  Not run by the test suite; the output is
pasted into test-rfm.c.
"""
import math
import sqlite3

import numpy as np
import pandas as pd

NAN = float("nan")

# Fixture A: 25 customers in shuffled row order, heavy ties, two never bought.
A_IDS = ["C07", "C12", "C03", "C21", "C15", "C01", "C19", "C09", "C23", "C05",
         "C17", "C11", "C02", "C20", "C14", "C06", "C22", "C10", "C04", "C18",
         "C08", "C16", "C13", "C24", "C25"]
A_REC = [5, 30, 30, 5, 90, 200, 30, 5, 365, 90, 30, 12, 200, 5, 30, 90, 12,
         365, 30, 5, 200, 60, 12, NAN, NAN]
A_FREQ = [1, 1, 2, 1, 3, 1, 1, 5, 1, 2, 1, 1, 8, 2, 1, 1, 3, 1, 2, 1, 1, 4, 1,
          NAN, NAN]
A_MON = [20, 35.5, 80, 20, 150, 10, 35.5, 400, 15, 90, 25, 20, 990, 60, 35.5,
         12, 210, 9.99, 75, 20, 18, 300, 22, NAN, NAN]

# Fixture B: numeric-looking ids compared as text ("10" < "2"), 12 customers.
B_IDS = [str(i) for i in range(1, 13)]
B_REC = [10, 10, 3, 10, 45, 3, 10, 7, 45, 3, 10, 7]
B_FREQ = [2, 2, 2, 1, 1, 2, 6, 2, 1, 2, 3, 2]
B_MON = [50, 50, 40, 50, 10, 40, 300, 50, 10, 40, 70, 50]

SQL = """
SELECT id,
  NTILE({b}) OVER (ORDER BY recency DESC, id) AS r,
  NTILE({b}) OVER (ORDER BY frequency, id) AS f,
  NTILE({b}) OVER (ORDER BY monetary, id) AS m
FROM c WHERE recency IS NOT NULL ORDER BY rowid_;
"""


def ntile(ids, rec, freq, mon, b):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE c (rowid_ INTEGER, id TEXT, recency REAL, "
               "frequency REAL, monetary REAL)")
    for k, row in enumerate(zip(ids, rec, freq, mon)):
        vals = [None if isinstance(v, float) and math.isnan(v) else v
                for v in row]
        db.execute("INSERT INTO c VALUES (?, ?, ?, ?, ?)", [k] + vals)
    got = {i: (r, f, m) for i, r, f, m in db.execute(SQL.format(b=b))}
    return [got.get(i, (0, 0, 0)) for i in ids]


def qcut(values, b, rank_first, reverse):
    s = pd.Series(values, dtype=float)
    if rank_first:
        s = s.rank(method="first")
    codes = pd.qcut(s, b, labels=False, duplicates="drop")
    out = []
    for c in codes:
        if math.isnan(c):
            out.append(0)
        else:
            out.append(b - int(c) if reverse else int(c) + 1)
    return out


def show(name, scores):
    print(f"  /* {name} */ {{ " + ", ".join(str(s) for s in scores) + " },")


for fname, (ids, rec, freq, mon) in {
        "A": (A_IDS, A_REC, A_FREQ, A_MON),
        "B": (B_IDS, B_REC, B_FREQ, B_MON)}.items():
    for b in (4, 5):
        print(f"fixture {fname}, {b} bins")
        nt = ntile(ids, rec, freq, mon, b)
        show("NTILE R", [t[0] for t in nt])
        show("NTILE F", [t[1] for t in nt])
        show("NTILE M", [t[2] for t in nt])
        for rf, label in ((False, "QCUT"), (True, "RANK_FIRST")):
            show(label + " R", qcut(rec, b, rf, True))
            show(label + " F", qcut(freq, b, rf, False))
            show(label + " M", qcut(mon, b, rf, False))
        for col, vals in (("recency", rec), ("frequency", freq),
                          ("monetary", mon)):
            edges = np.quantile([v for v in vals if not math.isnan(v)],
                                np.linspace(0, 1, b + 1))
            print(f"  qcut edges {col}: {list(edges)}")
