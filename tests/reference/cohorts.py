#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference cohort retention for tests/engine/test-cohort.c.

Run once with Debian's /usr/bin/python3 (pandas 1.5.3):
    /usr/bin/python3 tests/reference/cohorts.py tests/data/cohorts/cohorts.csv \
        > tests/data/cohorts/cohorts-pandas.csv
    /usr/bin/python3 tests/reference/cohorts.py --online-retail \
        ../shared/data/online_retail/online_retail.csv.gz \
        > tests/data/cohorts/online-retail-pandas.csv
Not run by the test suite: the test reads the recorded output.

The rows are those Segmenta keeps for its metrics: a customer id and a date,
and for Online Retail only Quantity > 0.  (Segmenta also drops exact repeats
of a row; they cannot change a count of distinct customers, so they are kept
here.)  A customer's
cohort is the month of their first purchase; pandas'
    groupby([cohort, months_since_first]).customer.nunique()
is spread over the full triangle (every month from the cohort's to the last
month of the log), months with no purchase as 0.
"""
import sys

import pandas as pd


def cohorts(df, customer, date):
    df = df.dropna(subset=[customer, date])
    month = df[date].dt.year * 12 + df[date].dt.month - 1
    df = df.assign(_month=month)
    first = df.groupby(customer)["_month"].transform("min")
    df = df.assign(_cohort=first, _offset=df["_month"] - first)
    counts = df.groupby(["_cohort", "_offset"])[customer].nunique()
    sizes = df.groupby("_cohort")[customer].nunique()
    last = int(df["_month"].max())
    print("cohort,months_since_first,customers,retention")
    for cohort, size in sizes.items():
        for k in range(0, last - int(cohort) + 1):
            n = int(counts.get((cohort, k), 0))
            y, m = divmod(int(cohort), 12)
            print(f"{y:04d}-{m + 1:02d},{k},{n},{repr(n / size)}")


if sys.argv[1] == "--online-retail":
    df = pd.read_csv(sys.argv[2], dtype={"CustomerID": str, "InvoiceNo": str, "StockCode": str},
                     parse_dates=["InvoiceDate"])
    df = df[df["Quantity"] > 0]
    cohorts(df, "CustomerID", "InvoiceDate")
else:
    df = pd.read_csv(sys.argv[1], dtype={"customer_id": str, "txn_id": str},
                     parse_dates=["txn_date"])
    cohorts(df, "customer_id", "txn_date")
