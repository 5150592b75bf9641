"""Catalog benchmark at 100,000 products (docs/performance.md, "Goals": P3, P4, P5).

    .venv/bin/python bench/catalog_bench.py --db sqlite --products 100000
    .venv/bin/python bench/catalog_bench.py --db postgresql --products 100000
    .venv/bin/python bench/catalog_bench.py --db sqlite --reuse /tmp/x/bench.sqlite    # skip the seed
    .venv/bin/python bench/catalog_bench.py --db postgresql --keep                     # keep the DB after

1. A fresh database (a SQLite file in a temporary folder, or a PostgreSQL database
   `etalase_bench_<pid>`, dropped at the end), `flask db upgrade`, `flask seed-bench`.
   `--reuse PATH|URL` uses an existing seeded database instead (it is upgraded, not seeded).
2. In process, no HTTP: `queries.find` for 7 classes of search (>= 5 queries each, p50/p95 per
   class over every call), the listing's page 50 against page 1, a per-page breakdown of one
   uncached request, and the plans (EXPLAIN) of the statements behind the slow cases. Profiles
   and plans go to bench/results/catalog-<db>-profile.txt.
3. Over HTTP: gunicorn with 5 sync workers (`ETALASE_BENCH=1` for the hello route), measured with
   wrk (-t1 -c16; installed with apt-get when missing, else a thread-based Python client), 3
   rounds, each endpoint for --seconds in turn (interleaved), median of the rounds; ratios to
   hello are taken per round, then the median. After each run the script waits until the
   workers (and PostgreSQL) are idle again: slow pages leave a backlog that would otherwise
   slow the next endpoint. wrk counts only requests that finish within the run.
   Cached pages: REDIS_URL=redis://127.0.0.1:6379/14 (flushed first), so all workers share the
   page cache, and the same URL again and again. Uncached pages: a second gunicorn, identical
   but with ETALASE_PAGE_CACHE_SECONDS=0. (Not a unique `?r=n` per request: every such miss would
   also write a new page into Redis, tens of thousands of them, so it would measure miss + store
   and fill Redis, not the uncached page.) Product pages rotate over 200 public products.
4. Results: a Markdown block in bench/README.md (the "Catalog" section; the upload section and
   any text outside this database's block are kept) and bench/results/catalog-<db>.json.
"""
from __future__ import annotations

import argparse
import ast
import cProfile
import hashlib
import io
import json
import math
import os
import platform
import pstats
import random
import re
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VENV_BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results"
README = ROOT / "bench" / "README.md"
PG_ADMIN = os.environ.get("ETALASE_BENCH_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = "redis://127.0.0.1:6379/14"
WORKERS = 5
GOAL_UNCACHED, GOAL_CACHED, GOAL_PRODUCT, GOAL_P99_MS = 0.15, 0.60, 0.12, 150
GOAL_SEARCH_P95_MS, GOAL_DEEP_RATIO = 50, 1.5
MIN_RUNS, QUERY_BUDGET_MS = 5, 15_000  # each search query runs --repeats times, or >= 5 times and ~15 s

# (label, category slug or None, price range or None, text); every class has at least 5 queries.
SEARCH_CLASSES = {
    "very common word": ["kemasan", "medan", "pilihan", "cocok", "bahan"],
    "rare word": ["kecombrang", "pirdot", "gelamai", "timphan", "keumamah"],
    "two words": ["keripik pedas", "kopi bubuk", "tas rajutan", "sambal andaliman", "nasi kotak"],
    "prefix as typed": ["ko", "kerip", "andal", "tenu", "sabun cu"],
    "affixed form": ["pembersih", "membersihkan", "dianyam", "tenunan", "olahan"],
    "with filters (category + price)": [("keripik", "makanan-ringan", 10_000, 50_000),
                                        ("kemasan", "kuliner", 20_000, 200_000),
                                        ("batik", "batik-medan", 100_000, 500_000),
                                        ("kopi", "kopi-biji", 50_000, 300_000),
                                        ("rajutan", "hijab-peci", 25_000, 150_000)],
    "zero-hit typo (fallback)": ["kerpik", "andalimam", "rjutan", "sablom kaos", "pembersh lantai"],
}


def percentile(values, fraction):
    """Nearest rank (no interpolation): p95 of 100 samples is the 95th smallest."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def run(args, env, **kwargs):
    return subprocess.run(args, cwd=ROOT, env=env, check=True, text=True, capture_output=True, **kwargs)


# --- database ---------------------------------------------------------------------------------------

class Database:
    def __init__(self, kind: str, reuse: str | None, keep: bool):
        self.kind, self.keep, self.reused = kind, keep, bool(reuse)
        self.workdir = Path(tempfile.mkdtemp(prefix="etalase-bench-"))
        self.pg_name = None
        if kind == "sqlite":
            path = Path(reuse).resolve() if reuse else self.workdir / "bench.sqlite"
            self.url = f"sqlite:///{path}"
        elif reuse:  # psycopg takes postgresql:// (the app accepts both)
            self.url = reuse.replace("postgresql+psycopg://", "postgresql://", 1)
        else:
            import psycopg
            self.pg_name = f"etalase_bench_{os.getpid()}"
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}"')
                conn.execute(f'CREATE DATABASE "{self.pg_name}"')
            self.url = PG_ADMIN.rsplit("/", 1)[0] + "/" + self.pg_name

    def env(self, **extra) -> dict:
        env = dict(os.environ, FLASK_APP="wsgi", DATABASE_URL=self.url, MEDIA_ROOT=str(self.workdir / "media"),
                   ETALASE_INSTANCE_PATH=str(self.workdir / "instance"), ETALASE_ENV="development")
        env.pop("REDIS_URL", None)
        return env | {key: str(value) for key, value in extra.items()}

    def busy(self) -> bool:
        """PostgreSQL: a query of another session is running in this database."""
        if self.kind != "postgresql":
            return False
        import psycopg
        with psycopg.connect(self.url, connect_timeout=10) as conn:
            return bool(conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                     "AND state = 'active' AND pid <> pg_backend_pid()").fetchone()[0])

    def close(self):
        if self.keep:
            print(f"kept: --reuse {self.url.removeprefix('sqlite:///')} (work folder {self.workdir})")
            return
        if self.pg_name:
            import psycopg
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')
        shutil.rmtree(self.workdir, ignore_errors=True)


def prepare(database: Database, products: int, seed: int) -> dict:
    env = database.env()
    run([str(VENV_BIN / "flask"), "db", "upgrade"], env)
    if database.reused:
        return {"reused": True}
    started = time.perf_counter()
    out = run([str(VENV_BIN / "flask"), "seed-bench", "--products", str(products), "--seed", str(seed)], env).stdout
    phases = {m.group(1).strip(): float(m.group(2)) for m in re.finditer(r"^(\S.*?)\s{2,}([\d.]+) s$", out, re.M)}
    return {"reused": False, "wall_seconds": round(time.perf_counter() - started, 1), "phases": phases}


# --- in process: search latency, deep pages, where a request's time goes ----------------------------

def in_process(database: Database, repeats: int, profile_path: Path) -> dict:
    import warnings

    warnings.filterwarnings("ignore", message="Using the in-memory storage")
    os.environ["ETALASE_BENCH"] = "1"
    import sqlalchemy as sa

    from storefront import create_app
    from storefront.catalog import queries
    from storefront.catalog.filters import CatalogQuery
    from storefront.config import database_url
    from storefront.extensions import db
    from storefront.reference.models import Category

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url(database.url, ""), "PAGE_CACHE_SECONDS": 0,
                      "REDIS_URL": "", "RATELIMIT_STORAGE_URI": "memory://", "ETALASE_ENV": "development",
                      "MEDIA_ROOT": str(database.workdir / "media"), "SECRET_KEY": secrets.token_hex(32)})
    report = io.StringIO()
    with app.app_context():
        engine = db.engine
        families = {}
        for category in db.session.scalars(sa.select(Category)):
            families.setdefault(category.slug, []).append(category.id)
            if category.parent_id is not None:
                parent = db.session.get(Category, category.parent_id)
                families.setdefault(parent.slug, []).append(category.id)

        def query_for(spec) -> CatalogQuery:
            if isinstance(spec, tuple):
                text, slug, low, high = spec
                return CatalogQuery(text=text, category_ids=tuple(families[slug]), price_min=low, price_max=high,
                                    sort="relevance")
            return CatalogQuery(text=spec, sort="relevance")

        def timed(function):
            started = time.perf_counter()
            value = function()
            elapsed = (time.perf_counter() - started) * 1000
            db.session.remove()
            return elapsed, value

        # Search: every query warmed twice, then all queries in turn, `repeats` times (interleaved).
        specs = [(label, spec) for label, items in SEARCH_CLASSES.items() for spec in items]
        per_query = {repr(spec): {"class": label, "ms": []} for label, spec in specs}
        for _label, spec in specs:
            for _ in range(2):
                found, match = queries.find(query_for(spec))
            per_query[repr(spec)].update(total=found.total, fallback=found.is_fallback, matched=match is not None,
                                         capped=bool(getattr(found, "is_capped", False)))
            db.session.remove()
        for _ in range(repeats):
            for _label, spec in specs:
                samples = per_query[repr(spec)]["ms"]
                if len(samples) >= MIN_RUNS and sum(samples) > QUERY_BUDGET_MS:
                    continue  # a very slow query: enough samples to see it, without an hour's run
                samples.append(timed(lambda spec=spec: queries.find(query_for(spec)))[0])
        # The rest of a results page's queries (facets and cards), for the diagnosis; fewer runs.
        for _label, spec in specs:
            query = query_for(spec)

            def page_queries(query=query):
                found, match = queries.find(query)
                facets = queries.facets(found) if found.total and not found.is_fallback else None
                return queries.cards(found.ids), facets
            per_query[repr(spec)]["page_ms"] = [timed(page_queries)[0] for _ in range(3)]
        classes = {}
        for label in SEARCH_CLASSES:
            rows = [dict(query=q, **v) for q, v in per_query.items() if v["class"] == label]
            samples = [ms for row in rows for ms in row["ms"]]
            page = [ms for row in rows for ms in row["page_ms"]]
            classes[label] = {"p50": percentile(samples, 0.5), "p95": percentile(samples, 0.95),
                              "page_queries_p50": percentile(page, 0.5), "page_queries_p95": percentile(page, 0.95),
                              "queries": [{"query": row["query"], "hits": row["total"], "fallback": row["fallback"],
                                           "capped": row["capped"],
                                           "p50": percentile(row["ms"], 0.5), "runs": len(row["ms"])}
                                          for row in rows]}

        # Deep pages: the listing's page 50 against page 1, find() alone and the whole page.
        deep = {"find": {1: [], 50: []}, "page": {1: [], 50: []}}
        client = app.test_client()
        for page in (1, 50):  # warm
            queries.find(CatalogQuery(page=page))
            client.get(f"/produk?page={page}")
        for _ in range(max(20, repeats)):
            for page in (1, 50):
                deep["find"][page].append(timed(lambda page=page: queries.find(CatalogQuery(page=page)))[0])
                elapsed, response = timed(lambda page=page: client.get(f"/produk?page={page}"))
                assert response.status_code == 200, response.status_code
                deep["page"][page].append(elapsed)
        deep_summary = {kind: {"page1_p50": percentile(v[1], 0.5), "page50_p50": percentile(v[50], 0.5),
                               "ratio": percentile(v[50], 0.5) / percentile(v[1], 0.5)} for kind, v in deep.items()}

        # One uncached request per page: time, statements and SQL time; then a profile and the plans.
        product_paths = public_product_paths(db, sa, 200)
        pages = {"hello": "/_bench/hello", "listing": "/produk", "listing page 50": "/produk?page=50",
                 "product": product_paths[0], "search (common word)": "/cari?q=kemasan",
                 "search (prefix ko)": "/cari?q=ko", "category + price": "/kategori/kuliner?harga_min=20000&harga_max=200000"}
        breakdown = {}
        statements: list = []
        sql_ms = [0.0]

        def before(conn, cursor, statement, parameters, context, executemany):
            conn.info["bench_started"] = time.perf_counter()
            statements.append((statement, parameters))

        def after(conn, cursor, statement, parameters, context, executemany):
            sql_ms[0] += (time.perf_counter() - conn.info.pop("bench_started")) * 1000

        sa.event.listen(engine, "before_cursor_execute", before)
        sa.event.listen(engine, "after_cursor_execute", after)
        for name, path in pages.items():
            client.get(path)
            totals, sqls, counts = [], [], []
            for _ in range(max(10, repeats // 2)):
                statements.clear()
                sql_ms[0] = 0.0
                elapsed, response = timed(lambda path=path: client.get(path))
                assert response.status_code == 200, (path, response.status_code)
                totals.append(elapsed), sqls.append(sql_ms[0]), counts.append(len(statements))
            breakdown[name] = {"path": path, "ms_p50": percentile(totals, 0.5), "sql_ms_p50": percentile(sqls, 0.5),
                               "statements": median(counts), "bytes": len(response.data)}
        for name, path in pages.items():
            if name == "hello":
                continue
            profiler = cProfile.Profile()
            statements.clear()
            profiler.runcall(client.get, path)
            captured = list(statements)
            report.write(f"\n\n===== {name}: GET {path} =====\n")
            stats = io.StringIO()
            pstats.Stats(profiler, stream=stats).sort_stats("cumulative").print_stats(22)
            report.write(stats.getvalue())
            for statement, parameters in captured:
                if not statement.lstrip().upper().startswith(("SELECT", "WITH")):
                    continue
                report.write("\n--- statement ---\n" + statement + f"\n{parameters!r}\n--- plan ---\n")
                report.write(explain(engine, statement, parameters))
        sa.event.remove(engine, "before_cursor_execute", before)
        sa.event.remove(engine, "after_cursor_execute", after)
        db.session.remove()
        engine.dispose()
    profile_path.write_text("\n".join(shorten(line) for line in report.getvalue().splitlines()) + "\n")
    return {"search": classes, "deep": deep_summary, "pages": breakdown, "product_paths": product_paths}


def shorten(line: str, limit: int = 1500) -> str:
    """Long lines of the report are 1,201-id IN lists: keep their start."""
    return line if len(line) <= limit else f"{line[:limit]} … ({len(line) - limit:,} more characters)"


def explain(engine, statement, parameters) -> str:
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
            return "\n".join(f"{row[0]:>3} {row[1]:>3} {row[3]}" for row in rows) + "\n"
        rows = conn.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters).all()
        return "\n".join(row[0] for row in rows) + "\n"


def public_product_paths(db, sa, count: int) -> list[str]:
    from storefront.catalog.urls import slugify
    from storefront.listings.models import Product
    from storefront.listings.visibility import public_product_filter

    rows = db.session.execute(sa.select(Product.id, Product.name).join(Product.seller)
                              .where(public_product_filter()).order_by(Product.id)).all()
    chosen = random.Random(1).sample(rows, min(count, len(rows)))
    return [f"/produk/{product_id}/{slugify(name)}" for product_id, name in chosen]


# --- over HTTP ------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn as in production (sync workers, ETALASE_ENV=production), plus the hello route."""

    def __init__(self, database: Database, name: str, cache_seconds: int):
        self.port = free_port()
        env = database.env(ETALASE_BENCH=1, REDIS_URL=REDIS_URL, ETALASE_ENV="production",
                           SECRET_KEY=secrets.token_hex(32), ETALASE_PAGE_CACHE_SECONDS=cache_seconds)
        self.log = open(database.workdir / f"gunicorn-{name}.log", "w")
        self.process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "-w", str(WORKERS), "-k", "sync", "--timeout", "30",
             "-b", f"127.0.0.1:{self.port}", "wsgi:app"], cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while True:
            try:
                if fetch(self.port, "/_bench/hello")[0] == 200:
                    break
            except OSError:
                pass
            if time.time() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"gunicorn {name} did not start; see {self.log.name}")
            time.sleep(0.3)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def fetch(port: int, path: str, timeout: float = 60):
    conn = HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def settle(server: Server, database: Database, limit_s: float = 600) -> float:
    """Wait until the server has worked off the requests still queued when the client stopped:
    slow pages leave a backlog in the workers (and, on PostgreSQL, in its backends), which would
    otherwise slow the next endpoint's run. Quiet = the gunicorn workers used < 5 % of a CPU over
    half a second and the database runs no query for them."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit_s:
        before = cpu_seconds(server.process.pid)
        time.sleep(0.5)
        if cpu_seconds(server.process.pid) - before < 0.025 and not database.busy():
            break
    return round(time.perf_counter() - started, 1)


def cpu_seconds(master_pid: int) -> float:
    """CPU time (user + system) used so far by the children of a gunicorn master."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:  # fields after the name: state, ppid, ..., utime (12), stime (13)
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def ensure_wrk() -> str | None:
    if shutil.which("wrk"):
        return shutil.which("wrk")
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for commands in ([["apt-get", "install", "-y", "wrk"]],
                     [["apt-get", "update"], ["apt-get", "install", "-y", "wrk"]]):
        try:
            for command in commands:
                subprocess.run(sudo + command, check=True, capture_output=True, timeout=600, env=env)
            return shutil.which("wrk")
        except (OSError, subprocess.SubprocessError):
            continue
    return None


WRK_SCRIPT = """
local paths = {%s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT{"requests":%%d,"duration_us":%%d,"status_errors":%%d,"socket_errors":%%d,' ..
    '"p50":%%d,"p95":%%d,"p99":%%d,"max":%%d}\\n', summary.requests, summary.duration, e.status,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max))
end
"""


def load(tool, port: int, paths: list[str], seconds: float, clients: int, workdir: Path) -> dict:
    """rps, latency percentiles (ms) and errors of `clients` keep-alive connections for `seconds`."""
    if tool:
        script = workdir / "paths.lua"
        script.write_text(WRK_SCRIPT % ", ".join(json.dumps(p) for p in paths))
        out = subprocess.run([tool, "-t1", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "30s", "-s", str(script),
                              f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=True).stdout
        raw = json.loads(out.split("RESULT", 1)[1].splitlines()[0])
        return {"rps": raw["requests"] / (raw["duration_us"] / 1e6), "p50": raw["p50"] / 1000,
                "p95": raw["p95"] / 1000, "p99": raw["p99"] / 1000, "max": raw["max"] / 1000,
                "errors": raw["status_errors"] + raw["socket_errors"], "requests": raw["requests"]}
    return python_load(port, paths, seconds, clients)


def python_load(port: int, paths: list[str], seconds: float, clients: int) -> dict:
    """The fallback client: one thread and one keep-alive connection per client."""
    latencies, errors, lock = [], [0], threading.Lock()
    started = time.perf_counter()
    deadline = started + seconds

    def client(index: int):
        conn, mine, k = HTTPConnection("127.0.0.1", port, timeout=10), [], index
        while time.perf_counter() < deadline:
            path, k = paths[k % len(paths)], k + clients
            begun = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                ok = response.status < 400
            except OSError:
                conn.close()
                conn, ok = HTTPConnection("127.0.0.1", port, timeout=10), False
            if ok:
                mine.append((time.perf_counter() - begun) * 1000)
            else:
                with lock:
                    errors[0] += 1
        with lock:
            latencies.extend(mine)
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {"rps": len(latencies) / elapsed, "p50": percentile(latencies, 0.5), "p95": percentile(latencies, 0.95),
            "p99": percentile(latencies, 0.99), "max": max(latencies), "errors": errors[0], "requests": len(latencies)}


def http_bench(database: Database, tool: str | None, product_paths: list[str], seconds: float, rounds: int,
               clients: int) -> dict:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    cached, uncached = Server(database, "cached", 600), Server(database, "uncached", 0)
    try:
        endpoints = [("hello", cached, ["/_bench/hello"]), ("listing /produk, uncached", uncached, ["/produk"]),
                     ("listing /produk, cached", cached, ["/produk"]),
                     ("listing /produk?page=50, uncached", uncached, ["/produk?page=50"]),
                     (f"product page, uncached ({len(product_paths)} products in turn)", uncached, product_paths),
                     ("search /cari?q=kemasan, uncached", uncached, ["/cari?q=kemasan"])]
        checks = {}
        for name, server, paths in endpoints:  # every address answers 200 (no redirect) before we count
            status, headers, body = fetch(server.port, paths[0])
            assert status == 200, (name, status)
            status, headers, body = fetch(server.port, paths[0])
            checks[name] = {"bytes": len(body), "page_cache": headers.get("X-Page-Cache", "-")}
        assert checks["listing /produk, cached"]["page_cache"] == "hit", checks
        assert checks["listing /produk, uncached"]["page_cache"] == "-", checks
        for _name, server, paths in endpoints:  # warm every worker
            load(tool, server.port, paths, 3, clients, database.workdir)
            settle(server, database)
        results = {name: [] for name, _, _ in endpoints}
        for round_number in range(rounds):
            for name, server, paths in endpoints:
                results[name].append(load(tool, server.port, paths, seconds, clients, database.workdir))
                results[name][-1]["settle_s"] = settle(server, database)
                print(f"  round {round_number + 1} {name:<48} {results[name][-1]['rps']:8.1f} rps  "
                      f"p99 {results[name][-1]['p99']:7.1f} ms", flush=True)
    finally:
        cached.stop(), uncached.stop()
        redis.Redis.from_url(REDIS_URL).flushdb()
    hello = results["hello"]
    summary = {}
    for name, runs in results.items():
        summary[name] = {key: median([r[key] for r in runs]) for key in ("rps", "p50", "p95", "p99")}
        summary[name]["ratio"] = median([r["rps"] / h["rps"] for r, h in zip(runs, hello, strict=True)])
        summary[name]["errors"] = sum(r["errors"] for r in runs)
        summary[name].update(checks[name])
    return {"tool": "wrk -t1" if tool else "python threads (wrk unavailable)", "clients": clients,
            "seconds": seconds, "rounds": rounds, "rounds_raw": results, "summary": summary}


# --- facts, goals, report ----------------------------------------------------------------------------------

def machine(database: Database) -> dict:
    from importlib.metadata import version

    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"model name\s*:\s*(.*)", cpuinfo)
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    total = re.search(r"MemTotal:\s*(\d+)", meminfo)
    code = {name: hashlib.sha256((ROOT / "storefront" / "catalog" / name).read_bytes()).hexdigest()[:12]
            for name in ("queries.py", "search.py", "search_index.py", "views.py", "filters.py")}
    facts = {"code_sha256": code, "cpu": model.group(1).strip() if model else platform.processor(), "nproc": os.cpu_count(),
             "ram_gib": round(int(total.group(1)) / 1024 / 1024, 1) if total else None,
             "os": platform.platform(), "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
             "gunicorn": version("gunicorn"), "sqlalchemy": version("sqlalchemy"), "workers": WORKERS,
             "postgresql": None, "wrk": None}
    if database.kind == "postgresql":
        import psycopg
        with psycopg.connect(database.url) as conn:
            facts["postgresql"] = conn.execute("SHOW server_version").fetchone()[0]
    if shutil.which("wrk"):
        out = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
        facts["wrk"] = (out.stdout + out.stderr).split("\n")[0].split("[")[0].strip()
    return facts


def mark(ok: bool) -> str:
    return "✅" if ok else "❌"


def http_goal(name: str, row: dict, summary: dict) -> str:
    p99 = f"p99 ≤ {GOAL_P99_MS} ms {mark(0 < row['p99'] <= GOAL_P99_MS)}"
    if name.startswith("hello"):
        return "reference"
    if "cached" in name and "uncached" not in name:
        return f"≥ {GOAL_CACHED:.0%} {mark(row['ratio'] >= GOAL_CACHED)}; {p99}"
    if "page=50" in name:
        first = summary["listing /produk, uncached"]["rps"]
        ratio = first / row["rps"] if row["rps"] else math.inf
        return f"page 1 rps ÷ this ≤ {GOAL_DEEP_RATIO}× ({ratio:.2f}×) {mark(ratio <= GOAL_DEEP_RATIO)}"
    if name.startswith("listing"):
        return f"≥ {GOAL_UNCACHED:.0%} {mark(row['ratio'] >= GOAL_UNCACHED)}; {p99}"
    if name.startswith("product"):
        return f"≥ {GOAL_PRODUCT:.0%} (P3) {mark(row['ratio'] >= GOAL_PRODUCT)}; {p99}"
    return f"p95 ≤ 200 ms, ≥ 3 % (P3) {mark(0 < row['p95'] <= 200 and row['ratio'] >= 0.03)}"


def markdown(result: dict) -> str:
    m, db_label = result["machine"], {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[result["db"]]
    version = m["sqlite"] if result["db"] == "sqlite" else m["postgresql"]
    seed = result["seed"]
    if seed.get("reused"):
        seeded = f"reused a database seeded apart: {seed['note']}" if seed.get("note") else \
            "reused an existing seeded database (its seeding was not measured by this run)"
    else:
        phases = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in seed["phases"].items() if name != "total")
        seeded = f"`flask seed-bench --products {result['products']}` took {seed['wall_seconds']:.0f} s ({phases})"
    http = result["http"]
    lines = [f"### {db_label} {version}, {result['products']:,} products",
             "",
             f"- date: {result['date']}; {m['cpu']}, nproc {m['nproc']}, RAM {m['ram_gib']} GiB; {m['os']}",
             f"- load average (1 min) before / after: {result['load_before']:.2f} / {result['load_after']:.2f} "
             "(a shared box: compare ratios, not absolute figures)",
             f"- Python {m['python']}, SQLAlchemy {m['sqlalchemy']}, SQLite {m['sqlite']}"
             + (f", PostgreSQL {m['postgresql']}" if m["postgresql"] else "")
             + f"; gunicorn {m['gunicorn']}, {m['workers']} sync workers, ETALASE_ENV=production; "
             f"load: {http['tool']} ({m['wrk'] or '-'}), {http['clients']} connections, {http['rounds']} rounds × "
             f"{http['seconds']:.0f} s per endpoint, interleaved",
             f"- seeding: {seeded}",
             "- code measured (sha256 prefixes, storefront/catalog/): "
             + ", ".join(f"{name} `{digest}`" for name, digest in m["code_sha256"].items()),
             "",
             "| endpoint (HTTP, c=16) | rps (median) | ÷ hello | p50 | p95 | p99 | errors | page | goal |",
             "|---|---|---|---|---|---|---|---|---|"]
    for name, row in http["summary"].items():
        if row["rps"] > 0:
            latency = f"{row['p50']:.1f} ms | {row['p95']:.1f} ms | {row['p99']:.1f} ms"
        else:  # wrk counts only requests that finish within the run
            latency = " | ".join([f"> {http['seconds']:.0f} s"] * 3)
        lines.append(f"| {name} | {row['rps']:,.1f} | {row['ratio']:.1%} | {latency} | {row['errors']} | "
                     f"{row['bytes'] / 1024:.0f} KiB | {http_goal(name, row, http['summary'])} |")
    lines += ["", "| search in process (`queries.find`) | queries (hits) | p50 | p95 | "
                  "find + facets + cards p50 / p95 | goal |", "|---|---|---|---|---|---|"]
    for label, row in result["inprocess"]["search"].items():
        shown = ", ".join(f"{describe(q['query'])} ({q['hits']:,}{'+' if q.get('capped') else ''}"
                          f"{', fallback' if q['fallback'] else ''})"
                          for q in row["queries"])
        lines.append(f"| {label} | {shown} | {row['p50']:.1f} ms | {row['p95']:.1f} ms | "
                     f"{row['page_queries_p50']:.1f} / {row['page_queries_p95']:.1f} ms | "
                     f"p95 ≤ {GOAL_SEARCH_P95_MS} ms {mark(row['p95'] <= GOAL_SEARCH_P95_MS)} |")
    deep = result["inprocess"]["deep"]
    lines += ["", "| deep page, in process | page 1 p50 | page 50 p50 | ratio | goal |", "|---|---|---|---|---|"]
    for kind, label in (("find", "`queries.find`, newest first"), ("page", "whole page (test client, cache off)")):
        row = deep[kind]
        lines.append(f"| {label} | {row['page1_p50']:.1f} ms | {row['page50_p50']:.1f} ms | {row['ratio']:.2f}× | "
                     f"≤ {GOAL_DEEP_RATIO}× {mark(row['ratio'] <= GOAL_DEEP_RATIO)} |")
    lines += ["", "| one uncached request, in process | time p50 | of which SQL | statements | size |",
              "|---|---|---|---|---|"]
    for name, row in result["inprocess"]["pages"].items():
        lines.append(f"| {name} (`{row['path'][:60]}`) | {row['ms_p50']:.1f} ms | {row['sql_ms_p50']:.1f} ms | "
                     f"{row['statements']:.0f} | {row['bytes'] / 1024:.0f} KiB |")
    return "\n".join(lines)


def describe(spec: str) -> str:
    """`keripik · makanan-ringan · Rp10.000–50.000` for a filtered query, the words otherwise."""
    value = ast.literal_eval(spec)  # the repr() of a SEARCH_CLASSES entry
    if isinstance(value, tuple):
        text, slug, low, high = value
        return f"{text} · {slug} · Rp{low:,}–{high:,}".replace(",", ".")
    return value


SECTION = "## Catalog (`catalog_bench.py`)"
SECTION_INTRO = f"""{SECTION}

Run it yourself: `.venv/bin/python bench/catalog_bench.py --db sqlite|postgresql --products 100000`
(`--keep` keeps the seeded database, `--reuse PATH|URL` skips the seed next time). What it does,
and why uncached pages are served by a second gunicorn with the page cache off, is in the script's
docstring; the goals are in `docs/performance.md` ("Goals": P3, P4, P5). Each
database's block below is rewritten by its own run; the raw figures are in `results/catalog-<db>.json`,
the profiles and query plans in `results/catalog-<db>-profile.txt`.

<!-- catalog-bench:sqlite:start -->
<!-- catalog-bench:sqlite:end -->

<!-- catalog-bench:postgresql:start -->
<!-- catalog-bench:postgresql:end -->
"""


def write_readme(result: dict) -> None:
    text = README.read_text() if README.exists() else "# Benchmarks\n"
    if SECTION not in text:
        text = text.rstrip("\n") + "\n\n" + SECTION_INTRO
    start, end = f"<!-- catalog-bench:{result['db']}:start -->", f"<!-- catalog-bench:{result['db']}:end -->"
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    README.write_text(before + start + "\n" + markdown(result) + "\n" + end + after)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), required=True)
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", metavar="PATH|URL", help="an already seeded SQLite file or PostgreSQL URL")
    parser.add_argument("--keep", action="store_true", help="keep the new database (prints how to --reuse it)")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--repeats", type=int, default=20, help="runs of each search query")
    parser.add_argument("--no-write", action="store_true", help="do not touch bench/README.md and results/")
    parser.add_argument("--seeded-note", help="with --reuse: how long its `flask seed-bench` took (for the report)")
    parser.add_argument("--skip-http", action="store_true", help="in-process measurements only (no README)")
    args = parser.parse_args()

    load_before = os.getloadavg()[0]
    database = Database(args.db, args.reuse, args.keep)
    try:
        print(f"database: {database.url}", flush=True)
        seed = prepare(database, args.products, args.seed)
        if args.seeded_note:  # a database seeded apart: say by whom (the last run's note is no proof)
            seed = {"reused": True, "note": args.seeded_note}
        print(f"seeded: {seed}", flush=True)
        tool = ensure_wrk()
        facts = machine(database)
        RESULTS.mkdir(exist_ok=True)
        profile_path = RESULTS / f"catalog-{args.db}-profile.txt" if not args.no_write else database.workdir / "p.txt"
        inprocess = in_process(database, args.repeats, profile_path)
        print(json.dumps({k: (v["p50"], v["p95"]) for k, v in inprocess["search"].items()}), flush=True)
        if args.skip_http:
            print(json.dumps({k: v for k, v in inprocess.items() if k != "product_paths"}, indent=1, default=str))
            return 0
        http = http_bench(database, tool, inprocess["product_paths"], args.seconds, args.rounds, args.clients)
        products = count_products(database)
    finally:
        database.close()
    result = {"db": args.db, "products": products, "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
              "machine": facts, "load_before": load_before, "load_after": os.getloadavg()[0], "seed": seed,
              "inprocess": inprocess, "http": http}
    print(markdown(result))
    if not args.no_write:
        (RESULTS / f"catalog-{args.db}.json").write_text(json.dumps(result, indent=1, default=str) + "\n")
        write_readme(result)
    return 0


def count_products(database: Database) -> int:
    import sqlalchemy as sa

    from storefront.config import database_url

    engine = sa.create_engine(database_url(database.url, ""))
    try:
        with engine.connect() as conn:
            return conn.scalar(sa.text("SELECT count(*) FROM products"))
    finally:
        engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
