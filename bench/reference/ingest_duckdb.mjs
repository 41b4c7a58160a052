// SPDX-License-Identifier: GPL-3.0-or-later
// Reference for bench/run "ingest + metrics": DuckDB (npm @duckdb/node-api)
// COPY (SELECT … GROUP BY customer_id) TO … FROM read_csv_auto, the same
// per-customer columns segmenta-cli --method metrics writes.
// Usage: node ingest_duckdb.mjs TRANSACTIONS.csv OUT.csv   (run from bench/)
import { DuckDBInstance } from '@duckdb/node-api';

const [src, out] = process.argv.slice(2);
const q = (s) => "'" + s.replaceAll("'", "''") + "'";
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
await con.run(`
  COPY (
    WITH t AS (SELECT * FROM read_csv_auto(${q(src)})),
         a AS (SELECT max(txn_date) AS as_of FROM t)
    SELECT customer_id,
           count(DISTINCT txn_id) AS txn_count,
           sum(amount) AS total_spent,
           avg(amount) AS avg_spent,
           min(txn_date) AS first_txn_date,
           max(txn_date) AS last_txn_date,
           any_value(a.as_of) - max(txn_date) AS recency_days,
           any_value(a.as_of) - min(txn_date) AS tenure_days
    FROM t, a
    GROUP BY customer_id
  ) TO ${q(out)} (HEADER, DELIMITER ',')`);
