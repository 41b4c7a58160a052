#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Reference for bench/run "ingest + metrics": pandas read_csv + groupby + to_csv,
# the same per-customer columns segmenta-cli --method metrics writes.
# Usage: /usr/bin/python3 ingest_pandas.py TRANSACTIONS.csv OUT.csv
import sys

import pandas as pd

src, out = sys.argv[1], sys.argv[2]
df = pd.read_csv(src, usecols=["txn_id", "customer_id", "txn_date", "amount"],
                 parse_dates=["txn_date"])
as_of = df["txn_date"].max()
g = df.groupby("customer_id", sort=False).agg(
    txn_count=("txn_id", "nunique"), total_spent=("amount", "sum"),
    avg_spent=("amount", "mean"), first_txn_date=("txn_date", "min"),
    last_txn_date=("txn_date", "max"))
g["recency_days"] = (as_of - g["last_txn_date"]).dt.days
g["tenure_days"] = (as_of - g["first_txn_date"]).dt.days
g.to_csv(out, date_format="%Y-%m-%d")
