#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""bench/run — time Segmenta against pandas/scikit-learn and DuckDB.

Every program is run several times under /usr/bin/time -f '%e %M'; the table
shows the median wall time and the median peak RSS, and the ratio
reference time / Segmenta time measured in the same run.  Not part of the
test suite.  See bench/README.md.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
PY = "/usr/bin/python3"
FEATS = "f1,f2,f3,f4,f5,f6,f7,f8"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def build(build_dir):
    if not os.path.isdir(build_dir):
        sh(["meson", "setup", build_dir, ROOT, "-Dbuildtype=release"], stdout=subprocess.DEVNULL)
    cli = os.path.join(build_dir, "src", "cli", "segmenta-cli")
    gen = os.path.join(build_dir, "bench", "segmenta-gen")
    p = subprocess.run(["ninja", "-C", build_dir, "src/cli/segmenta-cli", "bench/segmenta-gen"],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if p.returncode != 0:
        if not (os.path.exists(cli) and os.path.exists(gen)):
            sys.exit("bench/run: the build failed:\n" + p.stdout.decode()[-3000:])
        log("bench/run: WARNING: the build failed; timing the binaries already built")
    return cli, gen


INPUTS = {
    "txn-1m.csv": ["transactions", "--rows", "1000000", "--customers", "100000", "--seed", "1"],
    "txn-1m-integer.csv": ["transactions", "--rows", "1000000", "--customers", "100000", "--seed", "1",
                           "--ids", "integer"],
    "txn-10m.csv": ["transactions", "--rows", "10000000", "--customers", "1000000", "--seed", "1"],
    "features-1m.csv": ["features", "--rows", "1000000", "--cols", "8", "--seed", "1"],
    "features-100k.csv": ["features", "--rows", "100000", "--cols", "8", "--seed", "1"],
    "customers-1m-integer.csv": ["customers", "--rows", "1000000", "--ids", "integer", "--seed", "1"],
    "customers-1m-prefixed.csv": ["customers", "--rows", "1000000", "--ids", "prefixed", "--seed", "1"],
    "customers-1m-uuid.csv": ["customers", "--rows", "1000000", "--ids", "uuid", "--seed", "1"],
}


def inputs(gen, out, only=None):
    os.makedirs(out, exist_ok=True)
    files = INPUTS
    if only:
        files = {k: v for k, v in files.items() if k in only}
    paths = {}
    for name, args in files.items():
        path = os.path.join(out, name)
        if not os.path.exists(path):
            log(f"generating {name}")
            sh([gen] + args + ["--out", path])
        paths[name] = path
        with open(path, "rb") as f:          # warm the page cache
            while f.read(1 << 24):
                pass
    return paths


def timed(cmd, runs, cwd=None, budget=40.0):
    """Median wall time (s), median peak RSS (MB) and the last stdout.  Stops
    repeating once the runs took @budget seconds (the slow references), so
    that the whole of bench/run stays within ten minutes."""
    times, rss, stdout = [], [], ""
    for _ in range(runs):
        if sum(times) >= budget:
            break
        with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
            p = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", tf.name] + cmd, cwd=cwd,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            if p.returncode != 0:
                raise RuntimeError(f"{' '.join(cmd)} failed:\n{p.stderr[-2000:]}")
            e, m = tf.read().split()[-2:]
        times.append(float(e))
        rss.append(int(m) / 1024.0)
        stdout = p.stdout
    return statistics.median(times), statistics.median(rss), stdout


def gui_stall(build_dir, path):
    """Runs bench-gui-stall under Xvfb: (file, longest ms, p99 ms, load s, phases) or None."""
    if not (shutil.which("xvfb-run") and shutil.which("dbus-run-session")):
        return None
    p = subprocess.run(["ninja", "-C", build_dir, "bench/bench-gui-stall", "data/gschemas.compiled"],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    prog = os.path.join(build_dir, "bench", "bench-gui-stall")
    if p.returncode != 0 or not os.path.exists(prog):
        return None
    env = dict(os.environ, GDK_BACKEND="x11", GSK_RENDERER="cairo", GDK_DEBUG="gl-disable",
               GTK_A11Y="none", NO_AT_BRIDGE="1", GSETTINGS_BACKEND="memory",
               GSETTINGS_SCHEMA_DIR=os.path.join(build_dir, "data"), LANG="C.UTF-8")
    log(f"GUI stall {os.path.basename(path)}")
    p = subprocess.run(["dbus-run-session", "--", "xvfb-run", "-a", "-s", "-screen 0 1600x1000x24",
                        prog, path], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stall = p99 = load = None
    phases = cpu = ""
    for line in p.stdout.splitlines():
        w = line.split()
        if line.startswith("ticks "):
            stall = float(w[w.index("stall") + 1])
            p99 = float(w[w.index("p99") + 1])
            load = float(w[w.index("load") + 1])
        elif line.startswith("longest stall while"):
            phases = line
        elif line.startswith("longest main-thread CPU"):
            cpu = line
    if stall is None:
        log(f"bench-gui-stall failed:\n{p.stderr[-2000:]}")
        return None
    return os.path.basename(path), stall, p99, load, phases, cpu


PGBIN = "/usr/lib/postgresql/15/bin"


def postgres(cli, csv_path, work, runs):
    """Loads @csv_path into a throwaway PostgreSQL 15 server (unix socket, in a
    temporary directory, as nobody when run as root) and times segmenta-cli
    --method metrics on the table: (time s, peak RSS MB, load s, output dir)
    or None without PostgreSQL.  The server is stopped whatever happens."""
    if not os.path.exists(os.path.join(PGBIN, "initdb")):
        return None
    d = tempfile.mkdtemp(prefix="segmenta-pg-")
    os.chmod(d, 0o755)
    as_pg = []
    if os.getuid() == 0:
        shutil.chown(d, "nobody")
        as_pg = ["runuser", "-u", "nobody", "--"]
    data, port = os.path.join(d, "pg"), str(20000 + os.getpid() % 20000)
    quiet = {"stdout": subprocess.DEVNULL}
    try:
        sh(as_pg + [f"{PGBIN}/initdb", "-D", data, "-U", "segmenta", "-A", "trust", "--no-sync",
                    "-E", "UTF8", "--locale=C"], **quiet)
        sh(as_pg + [f"{PGBIN}/pg_ctl", "-D", data, "-l", os.path.join(d, "server.log"), "-w", "-o",
                    f"-c listen_addresses='' -c unix_socket_directories='{d}' -p {port} -c fsync=off "
                    "-c shared_buffers=256MB -c work_mem=256MB -c max_wal_size=4GB", "start"], **quiet)
        psql = [f"{PGBIN}/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", d, "-p", port,
                "-U", "segmenta", "-d", "postgres"]
        start = time.time()
        sh(psql + ["-c", "CREATE TABLE transactions (txn_id text, customer_id text, txn_date date, "
                   "amount double precision, category text, channel text, repayment_date date)"])
        sh(psql + ["-c", f"\\copy transactions FROM '{csv_path}' CSV HEADER"])
        sh(psql + ["-c", "VACUUM ANALYZE transactions"])
        load = time.time() - start
        uri = f"postgresql://segmenta@/postgres?host={d}&port={port}#table=transactions"
        out = os.path.join(work, "pg")
        t, m, _ = timed([cli, "--method", "metrics", "--out", out, uri], runs)
        return t, m, load, out
    finally:
        subprocess.run(as_pg + [f"{PGBIN}/pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(d, ignore_errors=True)


def same_file(a, b):
    try:
        with open(a, "rb") as f, open(b, "rb") as g:
            return f.read() == g.read()
    except OSError:
        return False


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


class Table:
    def __init__(self):
        self.rows = []

    def add(self, bench, program, t, rss, mb=None, ref=None, target="", met=""):
        thr = f"{mb / t:.0f} MB/s" if mb else ""
        ratio = f"{ref / t:.2f}×" if ref else ""
        self.rows.append((bench, program, f"{t:.2f}", thr, f"{rss:.0f}", ratio, target, met))
        log("  " + " | ".join(self.rows[-1]))

    def render(self):
        head = ("benchmark", "program", "time s", "throughput", "peak RSS MB",
                "ref/Segmenta", "target", "met")
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(r) + " |" for r in self.rows]
        return "\n".join(lines)


def yes(ok):
    return "yes" if ok else "**no**"


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--build", default=os.path.join(ROOT, "build-bench"))
    ap.add_argument("--runs", type=int, default=3, help="runs per small benchmark (median)")
    ap.add_argument("--big-runs", type=int, default=1, help="runs per 10M-row benchmark")
    ap.add_argument("--skip-big", action="store_true", help="leave out the 10M-row runs")
    ap.add_argument("--db-only", action="store_true",
                    help="only the 10M-row log from PostgreSQL against the same CSV")
    a = ap.parse_args()

    cli, gen = build(a.build)
    only = None
    if a.db_only:
        only = ["txn-10m.csv"]
    elif a.skip_big:
        only = [name for name in INPUTS if name != "txn-10m.csv"]
    data = inputs(gen, os.path.join(BENCH, "out"), only)
    if a.db_only:
        return db_only(cli, data, a)
    work = tempfile.mkdtemp(prefix="segmenta-bench-")
    duck = os.path.isdir(os.path.join(BENCH, "node_modules", "@duckdb", "node-api"))
    tab = Table()
    notes = [f"load average at start: {loadavg()} ({os.cpu_count()} CPUs)"]
    R = a.runs

    # the pandas and scikit-learn references need Debian's python3-pandas and
    # python3-sklearn; without them Segmenta's rows are still timed
    have_py = subprocess.run([PY, "-c", "import pandas, sklearn"], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL).returncode == 0
    if not have_py:
        notes.append("pandas / scikit-learn references not run: /usr/bin/python3 lacks them "
                     "(apt install python3-pandas python3-sklearn)")

    def ref(script, *args):
        return [PY, os.path.join(BENCH, "reference", script)] + list(args)

    def ref_timed(runs, script, *args):
        """timed() of a pandas/scikit-learn reference, or (None, None, "") without them."""
        if not have_py:
            return None, None, ""
        return timed(ref(script, *args), runs)

    def met(tp, t, factor):
        return yes(tp / t >= factor) if tp else "n/a"

    def ref_row(program, tp, mp, mb=None):
        if tp is not None:
            tab.add("", program, tp, mp, mb)

    # 1. ingest + per-customer metrics written as CSV, 1M rows
    src = data["txn-1m.csv"]
    mb = os.path.getsize(src) / 1e6
    log("ingest 1M")
    t, m, _ = timed([cli, "--method", "metrics", "--out", f"{work}/m1", src], R)
    tp, mp, _ = ref_timed(R, "ingest_pandas.py", src, f"{work}/p1.csv")
    tab.add("ingest+metrics 1M rows", "segmenta-cli", t, m, mb, tp, "≥ 8× pandas, ≥ 300 MB/s",
            f"{met(tp, t, 8)} / {yes(mb / t >= 300)}")
    ref_row("pandas", tp, mp, mb)
    if duck:
        td, md, _ = timed(["node", os.path.join(BENCH, "reference", "ingest_duckdb.mjs"), src,
                           f"{work}/d1.csv"], R, cwd=BENCH)
        tab.add("", "segmenta-cli vs DuckDB", t, m, mb, td, "≥ 2× DuckDB", yes(td / t >= 2))
        tab.add("", "DuckDB (node)", td, md, mb)
    else:
        notes.append("DuckDB not installed: run `npm ci` in bench/")

    # 1'. the same log with numeric customer ids (1, 2, 3 …): a number column,
    # whose keys are made from the parsed values
    src = data["txn-1m-integer.csv"]
    mb = os.path.getsize(src) / 1e6
    log("ingest 1M, integer ids")
    t, m, _ = timed([cli, "--method", "metrics", "--out", f"{work}/m1i", src], R)
    tp, mp, _ = ref_timed(R, "ingest_pandas.py", src, f"{work}/p1i.csv")
    tab.add("ingest+metrics 1M rows, integer ids", "segmenta-cli", t, m, mb, tp,
            "≥ 8× pandas, ≥ 300 MB/s", f"{met(tp, t, 8)} / {yes(mb / t >= 300)}")
    ref_row("pandas", tp, mp, mb)
    if duck:
        td, md, _ = timed(["node", os.path.join(BENCH, "reference", "ingest_duckdb.mjs"), src,
                           f"{work}/d1i.csv"], R, cwd=BENCH)
        tab.add("", "segmenta-cli vs DuckDB", t, m, mb, td, "≥ 2× DuckDB", yes(td / t >= 2))
        tab.add("", "DuckDB (node)", td, md, mb)

    # 1a. a 1M-row customer table: numeric ids must load no slower than text ids
    # (GLib's g_int64_hash on a double's bits once put every integer id in one bucket)
    log("customers 1M by id shape")
    shapes = {}
    for shape in ("prefixed", "integer", "uuid"):
        src = data[f"customers-1m-{shape}.csv"]
        t, m, _ = timed([cli, "--method", "metrics", "--out", f"{work}/cust-{shape}", src], R)
        shapes[shape] = (t, m, os.path.getsize(src) / 1e6)
    t_text = shapes["prefixed"][0]
    for shape, label in (("prefixed", "text ids C0000001"), ("integer", "numeric ids 1, 2, 3"),
                         ("uuid", "UUID ids")):
        t, m, mb = shapes[shape]
        tab.add("load customers 1M" if shape == "prefixed" else "", f"segmenta-cli, {label}", t, m, mb,
                None, "" if shape == "prefixed" else "≤ 1.25× text ids",
                "" if shape == "prefixed" else f"{yes(t <= 1.25 * t_text)} ({t / t_text:.2f}×)")

    # 1b. memory at 10M rows (grows with customers, not rows?)
    if not a.skip_big:
        src10 = data["txn-10m.csv"]
        log("ingest 10M")
        t, m, _ = timed([cli, "--method", "metrics", "--out", f"{work}/m10", src10], a.big_runs)
        tab.add("ingest+metrics 10M rows", "segmenta-cli", t, m, os.path.getsize(src10) / 1e6,
                None, "RSS grows with customers", "")
        # 1c. the same log served by PostgreSQL: the server aggregates
        database_rows(cli, data, work, tab, notes, a.big_runs, f"{work}/m10")

    # 2. k-means 1M × 8, k = 4, n_init = 10, read → labels written
    src = data["features-1m.csv"]
    log("k-means 1M")
    t, m, _ = timed([cli, "--method", "kmeans", "--k", "4", "--features", FEATS,
                     "--out", f"{work}/k1", src], R)
    tp, mp, out = ref_timed(R, "kmeans_sklearn.py", src, f"{work}/k1.csv")
    with open(f"{work}/k1/summary.json") as f:
        ours = json.load(f)["kmeans"]["inertia"]
    if tp is not None:
        theirs = float(out.split()[1])
        notes.append(f"k-means inertia: Segmenta {ours:.6f}, scikit-learn {theirs:.6f} "
                     f"(ratio {ours / theirs:.7f}, target ≤ 1.0001)")
        inertia = yes(ours <= theirs * 1.0001)
    else:
        notes.append(f"k-means inertia: Segmenta {ours:.6f} (no scikit-learn to compare with)")
        inertia = "n/a"
    tab.add("k-means 1M×8 k=4", "segmenta-cli", t, m, None, tp, "≥ 4×, inertia ≤ sk×1.0001",
            f"{met(tp, t, 4)} / {inertia}")
    ref_row("pandas+sklearn", tp, mp)

    # 3. k sweep 1..10 with silhouette, CH, DB on 100k customers
    src = data["features-100k.csv"]
    log("k sweep 100k")
    t, m, _ = timed([cli, "--method", "kmeans", "--k", "auto", "--k-range", "1..10",
                     "--features", FEATS, "--out", f"{work}/s1", src], R)
    tp, mp, _ = ref_timed(R, "ksweep_sklearn.py", src, f"{work}/s1.csv")
    tab.add("k sweep 1..10, 100k", "segmenta-cli", t, m, None, tp, "≥ 3×", met(tp, t, 3))
    ref_row("pandas+sklearn", tp, mp)

    # 4. PCA 1M × 8
    src = data["features-1m.csv"]
    log("PCA 1M")
    t, m, _ = timed([cli, "--method", "pca", "--features", FEATS, "--out", f"{work}/p1", src], R)
    tp, mp, _ = ref_timed(R, "pca_sklearn.py", src, f"{work}/pca.csv")
    tab.add("PCA 1M×8", "segmenta-cli", t, m, None, tp, "(no target)", "")
    ref_row("pandas+sklearn", tp, mp)

    # 5. charts: the whole 1M run with and without --chart-format png
    src = data["txn-1m.csv"]
    whole = ["--method", "metrics,rules,rfm,kmeans,pca", "--k", "4"]
    log("charts")
    t0, _, _ = timed([cli] + whole + ["--out", f"{work}/c0", src], R)
    t1, m1, _ = timed([cli] + whole + ["--chart-format", "png", "--out", f"{work}/c1", src], R)
    charts = os.path.join(work, "c1", "charts")
    n_charts = len(os.listdir(charts)) if os.path.isdir(charts) else 0
    tab.add("chart rendering (PNG)", f"{n_charts} charts", max(t1 - t0, 0.0), m1, None, None,
            "(no target)", "" if n_charts else "not wired yet")

    # 6. whole CLI run on 10M transactions
    if not a.skip_big:
        src = data["txn-10m.csv"]
        log("whole run 10M")
        t, m, _ = timed([cli] + whole + ["--chart-format", "png", "--out", f"{work}/w10", src],
                        a.big_runs)
        tp, mp, _ = ref_timed(a.big_runs, "pipeline_sklearn.py", src, f"{work}/w10ref")
        tab.add("whole CLI run 10M", "segmenta-cli", t, m, os.path.getsize(src) / 1e6, tp,
                "≥ 4×, RSS < 800 MB", f"{met(tp, t, 4)} / {yes(m < 800)}")
        ref_row("pandas+sklearn (no charts)", tp, mp)

    # 7. GUI: the longest main-loop stall while the real window loads a log
    gui = gui_stall(a.build, data["txn-1m.csv" if a.skip_big else "txn-10m.csv"])
    if gui is None:
        notes.append("GUI stall: not measured (needs xvfb-run, dbus-run-session and bench/bench-gui-stall)")
    else:
        name, stall, p99, load, phases, cpu = gui
        tab.rows.append((f"GUI load {name}", "bench-gui-stall", f"{load:.2f}", "", "",
                         "", "longest stall ≤ 50 ms", f"{yes(stall <= 50)} ({stall:.1f} ms, p99 {p99:.1f} ms)"))
        notes.append(f"GUI stalls by phase ({name}): {phases}")
        if cpu:
            # the wall time of a stall includes the time other processes had
            # the core; the main thread's own CPU time is the work it did
            notes.append(f"GUI main-thread CPU ({name}): {cpu}")

    notes.append(f"load average at end: {loadavg()}")
    shutil.rmtree(work, ignore_errors=True)
    text = tab.render() + "\n\n" + "\n".join(f"- {n}" for n in notes) + "\n"
    print(text)
    with open(os.path.join(BENCH, "out", "results.md"), "w") as f:
        f.write(text)


def database_rows(cli, data, work, tab, notes, runs, csv_out):
    """The 10M-row log from PostgreSQL (server-side GROUP BY) next to the CSV."""
    src = data["txn-10m.csv"]
    log("PostgreSQL 10M")
    pg = postgres(cli, src, work, runs)
    if pg is None:
        notes.append("PostgreSQL 10M: not measured (needs PostgreSQL 15 in /usr/lib/postgresql/15)")
        return
    t, m, load, out = pg
    same = all(same_file(os.path.join(out, f), os.path.join(csv_out, f)) for f in ("customers.csv",))
    tab.add("ingest+metrics 10M rows from PostgreSQL", "segmenta-cli", t, m, None, None,
            "RSS ≤ the CSV's, same customers.csv", f"{'yes' if same else 'NO'} (identical: {same})")
    notes.append(f"PostgreSQL 10M: COPY + VACUUM ANALYZE of the table took {load:.0f} s (not counted); "
                 "segmenta-cli time includes the server's GROUP BY")


def db_only(cli, data, a):
    work = tempfile.mkdtemp(prefix="segmenta-bench-")
    tab = Table()
    notes = [f"load average at start: {loadavg()} ({os.cpu_count()} CPUs)"]
    src10 = data["txn-10m.csv"]
    log("ingest 10M")
    t, m, _ = timed([cli, "--method", "metrics", "--out", f"{work}/m10", src10], a.big_runs)
    tab.add("ingest+metrics 10M rows", "segmenta-cli", t, m, os.path.getsize(src10) / 1e6,
            None, "RSS grows with customers", "")
    database_rows(cli, data, work, tab, notes, a.big_runs, f"{work}/m10")
    notes.append(f"load average at end: {loadavg()}")
    shutil.rmtree(work, ignore_errors=True)
    print(tab.render() + "\n\n" + "\n".join(f"- {n}" for n in notes))


if __name__ == "__main__":
    main()
