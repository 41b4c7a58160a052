#!/usr/bin/env bash
# Database sources against the same data as CSV files.
#   test-db.sh sqlite       creates SQLite files from the CSVs
#   test-db.sh postgresql   starts a throwaway server (unix socket only, in a
#                           temporary directory, as a non-root user), loads
#                           the CSVs, and stops it at the end, even on failure
# For each data set, segmenta-cli must write byte-identical customers.csv and
# segments.csv from the files and from the database; then every error case
# must give a clear message naming the source.  Exit 77 = skipped.
set -uo pipefail

kind=$1
cli=${SEGMENTA_CLI:?}
load=${SEG_TEST_DBLOAD:?}
src=${SEG_SOURCE_ROOT:?}
shared=$(cd "$src/.." && pwd)/shared/data
pgbin=/usr/lib/postgresql/15/bin
work=$(mktemp -d)
chmod 755 "$work"
failures=0
pg_started=0
extra=()   # more segmenta-cli arguments for both runs of compare

cleanup () {
  if [ "$pg_started" = 1 ]; then
    as_pg "$pgbin/pg_ctl" -D "$work/pg" -m immediate -w stop >/dev/null 2>&1
  fi
  rm -rf "$work"
}
trap cleanup EXIT

fail () { echo "FAIL: $*"; failures=$((failures + 1)); }
ok () { echo "ok: $*"; }

# name:table=file … for each data set present
datasets=()
[ -d "$shared/fintech" ] && datasets+=("fintech|customers=$shared/fintech/customers.csv|transactions=$shared/fintech/transactions.csv|activity=$shared/fintech/activity.csv")
datasets+=("sample|customers=$src/data/samples/fintech/customers.csv|transactions=$src/data/samples/fintech/transactions.csv|activity=$src/data/samples/fintech/activity.csv")
[ -d "$shared/retail_dw" ] && datasets+=("retail_dw|cleaned_customers=$shared/retail_dw/processed/cleaned_customers.csv|cleaned_transactions=$shared/retail_dw/processed/cleaned_transactions.csv|cleaned_engagements=$shared/retail_dw/processed/cleaned_engagements.csv")
if [ "${CI:-}" = true ] && [ ! -d "$shared/fintech" ]; then
  echo "CI=true and ../shared/data is missing"; exit 1
fi

# compare NAME URI-PREFIX SPEC…: CSV run and database run, same outputs
compare () {
  local name=$1 prefix=$2; shift 2
  local files=() uris=() spec
  for spec in "$@"; do
    files+=("${spec#*=}")
    uris+=("$prefix#table=${spec%%=*}")
  done
  # every method runs; --k 4 only spares the k sweep, which no database changes
  "$cli" "${files[@]}" "${extra[@]}" --k 4 --out "$work/$name-csv" >/dev/null 2>"$work/$name-csv.err" \
    || { fail "$name: CSV run failed"; cat "$work/$name-csv.err"; return; }
  "$cli" "${uris[@]}" "${extra[@]}" --k 4 --out "$work/$name-db" >/dev/null 2>"$work/$name-db.err" \
    || { fail "$name: $kind run failed"; cat "$work/$name-db.err"; return; }
  for f in customers.csv segments.csv; do
    if cmp -s "$work/$name-csv/$f" "$work/$name-db/$f"; then
      ok "$name: $f identical"
    else
      fail "$name: $f differs"; diff "$work/$name-csv/$f" "$work/$name-db/$f" | head -5
    fi
  done
  if grep -q '"path" : "[^"]*password\|:[^"@/]*@' "$work/$name-db/summary.json"; then
    fail "$name: summary.json shows a password"
  fi
}

# The published rule segments of the fintech data (README, test-analysis.c)
check_fintech_rules () {
  local seg=$1/segments.csv
  [ -f "$seg" ] || return
  for want in "rules,Power User,79,0.395,6790198," "rules,Others,65," "rules,Inactive Customer,46,0.23,533399," \
              "rules,High-Value Customer,6,0.03,129361," "rules,New Customer,4,0.02,0,"; do
    grep -qF "$want" "$seg" && ok "fintech from $kind: $want" || fail "fintech from $kind: no “$want”"
  done
}

# expect_error NAME PATTERN CLI-ARGS…: exit status 1 and a message matching PATTERN
expect_error () {
  local name=$1 pattern=$2; shift 2
  local out status
  out=$(timeout 30 "$cli" "$@" --method metrics 2>&1 >/dev/null); status=$?
  if [ $status -eq 1 ] && grep -qE -- "$pattern" <<<"$out"; then
    ok "$name: $(head -1 <<<"$out")"
  else
    fail "$name: status $status, message: $out"
  fi
}


# compare_where PREFIX: a filter the server evaluates, and one it cannot (then
# every row is read, and a note says so); both as with the CSV files
compare_where () {
  local prefix=$1 s="$src/data/samples/fintech"
  local specs=("customers=$s/customers.csv" "transactions=$s/transactions.csv" "activity=$s/activity.csv")
  extra=(--where "amount >= 20 and channel != 'web' or txn_date < 2024-01-01 or not (amount - 5 * 2 > 80)")
  compare sample-where "$prefix" "${specs[@]}"
  grep -q "every row is read" "$work/sample-where-db.err" && fail "the translatable filter was not pushed down"
  extra=(--where "amount / 2 > 10")
  compare sample-where2 "$prefix" "${specs[@]}"
  grep -q "every row is read from the database: the filter" "$work/sample-where2-db.err" \
    && ok "an untranslatable filter is said and read row by row" || fail "no note for the untranslatable filter"
  extra=()
}

if [ "$kind" = sqlite ]; then
  for ds in "${datasets[@]}"; do
    IFS='|' read -r name specs <<<"$ds"
    IFS='|' read -r -a parts <<<"$specs"
    "$load" sqlite "$work/$name.sqlite" "${parts[@]}" || { fail "$name: loading SQLite"; continue; }
    compare "$name" "sqlite:$work/$name.sqlite" "${parts[@]}"
  done
  # a log alone: its customers in the order they first appear
  compare sample-log "sqlite:$work/sample.sqlite" "transactions=$src/data/samples/fintech/transactions.csv"
  compare_where "sqlite:$work/sample.sqlite"
  check_fintech_rules "$work/fintech-db"
  db="sqlite:$work/sample.sqlite"
  expect_error "missing table" "sqlite:.*sample.sqlite#table=nope: no such table: nope" "$db#table=nope"
  expect_error "missing column" "no such column: nope" "$db#query=SELECT%20nope%20FROM%20customers"
  expect_error "missing file" "sqlite:$work/none.sqlite#table=customers: no such file" "sqlite:$work/none.sqlite#table=customers"
  echo "not a database" >"$work/text.sqlite"
  expect_error "not a database" "text.sqlite#table=customers: not an SQLite database" "sqlite:$work/text.sqlite#table=customers"
  if [ "$(id -u)" != 0 ]; then
    cp "$work/sample.sqlite" "$work/locked.sqlite"; chmod 000 "$work/locked.sqlite"
    expect_error "permission denied" "locked.sqlite#table=customers: permission denied" "sqlite:$work/locked.sqlite#table=customers"
  fi
else
  [ -x "$pgbin/initdb" ] || { echo "PostgreSQL 15 is not installed"; exit 77; }
  # the server refuses to run as root
  if [ "$(id -u)" = 0 ]; then
    pguser=nobody
    as_pg () { runuser -u "$pguser" -- "$@"; }
  else
    as_pg () { "$@"; }
  fi
  mkdir -p "$work/pg"; [ "$(id -u)" = 0 ] && chown "$pguser" "$work" "$work/pg"
  as_pg "$pgbin/initdb" -D "$work/pg" -U segmenta -A trust --no-sync -E UTF8 --locale=C >"$work/initdb.log" 2>&1 \
    || { cat "$work/initdb.log"; fail "initdb"; exit 1; }
  cat >"$work/pg/pg_hba.conf" <<EOF
local all pw_user scram-sha-256
local all all trust
EOF
  port=$((20000 + RANDOM % 20000))
  as_pg "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w -t 30 \
    -o "-c listen_addresses='' -c unix_socket_directories='$work' -p $port -c log_statement=all -c fsync=off -c shared_buffers=16MB" \
    start >/dev/null || { cat "$work/pg/server.log"; fail "pg_ctl start"; exit 1; }
  pg_started=1
  psql () { "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 -h "$work" -p "$port" -U segmenta "$@"; }
  for ds in "${datasets[@]}"; do
    IFS='|' read -r name specs <<<"$ds"
    IFS='|' read -r -a parts <<<"$specs"
    psql -d postgres -c "CREATE DATABASE $name" || { fail "$name: createdb"; continue; }
    "$load" pgsql "${parts[@]}" | psql -d "$name" >/dev/null || { fail "$name: loading PostgreSQL"; continue; }
    compare "$name" "postgresql://segmenta@/$name?host=$work&port=$port" "${parts[@]}"
  done
  compare sample-log "postgresql://segmenta@/sample?host=$work&port=$port" \
    "transactions=$src/data/samples/fintech/transactions.csv"
  compare_where "postgresql://segmenta@/sample?host=$work&port=$port"
  # the filter's constants are bound parameters, not SQL text
  if grep -q "parameters: .*= 'web'" "$work/pg/server.log" && ! grep -q "<> 'web'" "$work/pg/server.log"; then
    ok "--where constants are bound as parameters"
  else
    fail "--where constants are not bound as parameters"
  fi
  check_fintech_rules "$work/fintech-db"
  if grep -q 'FROM "transactions" AS seg_t) AS seg_t) AS r GROUP BY k' "$work/pg/server.log"; then
    ok "the server's statement log shows the GROUP BY over the transactions table"
  else
    fail "no GROUP BY over transactions in the statement log"
  fi
  if grep -q 'DECLARE seg_cursor NO SCROLL CURSOR FOR SELECT "transactions"' "$work/pg/server.log" \
     && ! grep -q 'CURSOR FOR SELECT [^L]* FROM "transactions"$' "$work/pg/server.log"; then
    ok "the transactions table itself was read as a preview only"
  fi

  base="postgresql://segmenta@/sample?host=$work&port=$port"
  psql -d sample <<EOF
CREATE ROLE pw_user LOGIN PASSWORD 'right';
GRANT SELECT ON customers TO pw_user;
CREATE ROLE limited LOGIN;
EOF
  pw="postgresql://pw_user@/sample?host=$work&port=$port"
  PGPASSWORD=right "$cli" "$pw#table=customers" --method metrics >/dev/null 2>&1 \
    && ok "the password comes from PGPASSWORD" || fail "PGPASSWORD was not used"
  PGPASSWORD=wrong expect_error "wrong password" "pw_user@/sample.*did not accept the password of user “pw_user”" "$pw#table=customers"
  expect_error "password in the URI, not shown" "pw_user@/sample\\?host=[^ ]*#table=customers: the server did not accept" \
    "postgresql://pw_user:wrong@/sample?host=$work&port=$port#table=customers"
  expect_error "unknown host" "no-such-host.invalid/sample#table=customers: unknown host “no-such-host.invalid”" \
    "postgresql://segmenta@no-such-host.invalid/sample#table=customers"
  coproc LISTENER { "$load" listen; }
  read -r lport <&"${LISTENER[0]}"
  expect_error "no answer (connect_timeout)" "no answer from the server “127.0.0.1” within 1 seconds" \
    "postgresql://segmenta@127.0.0.1:$lport/sample?connect_timeout=1#table=customers"
  exec {LISTENER[1]}>&-
  wait "$LISTENER_PID" 2>/dev/null
  expect_error "missing table" "sample\\?host=.*#table=nope: no such table: relation \"nope\" does not exist" "$base#table=nope"
  expect_error "missing column" "#query=.*: no such column: column \"nope\" does not exist" \
    "$base#query=SELECT%20nope%20FROM%20customers"
  expect_error "permission denied" "limited@/sample.*#table=transactions: permission denied: permission denied for table transactions" \
    "postgresql://limited@/sample?host=$work&port=$port#table=transactions"
  expect_error "lost connection" "#query=.*: the connection to the server was lost" \
    "$base#query=SELECT%20*%2C%20pg_terminate_backend(pg_backend_pid())%20FROM%20customers"
  expect_error "missing database" "/nodb\\?host=.*: database \"nodb\" does not exist" \
    "postgresql://segmenta@/nodb?host=$work&port=$port#table=customers"
fi

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
