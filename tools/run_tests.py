"""`make test`: the static checks, then the whole suite on SQLite and again on PostgreSQL (required
when CI=true). `--checks-only` (`make lint`) runs the static checks alone.

The static checks come first, in seconds: `lint-imports` (the layers of docs/architecture.md, as
import-linter contracts in pyproject.toml) and `ruff check`. A failed check fails the run, after
the tests have run too (so one run shows everything).

The two passes run side by side (the machine has two cores and each pass uses about one); the
SQLite pass prints as it goes, the PostgreSQL pass writes test-results/postgresql.log, printed
when it ends. Prints loudly which databases ran and how many tests passed on each, and exits
non-zero if any run failed or PostgreSQL was required and missing.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "test-results"
# The tools come from the same virtualenv as this Python; both read their settings from pyproject.toml.
STATIC_CHECKS = {"lint-imports": ["lint-imports", "--no-logo"], "ruff": ["ruff", "check"]}
PG_ADMIN_URL = os.environ.get("ETALASE_TEST_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def postgresql_reachable() -> bool:
    try:
        with psycopg.connect(PG_ADMIN_URL, connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def start_postgresql() -> None:
    """CI machines start PostgreSQL before the run; this only restarts a stopped local cluster."""
    versions = sorted(Path("/etc/postgresql").glob("*")) if Path("/etc/postgresql").exists() else []
    if versions:
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1].name, "main", "start"],
                       check=False)


def start_pytest(engine: str, extra: list[str], log: Path | None = None) -> tuple[subprocess.Popen, Path]:
    RESULTS.mkdir(exist_ok=True)
    report = RESULTS / f"{engine}.xml"
    report.unlink(missing_ok=True)
    env = dict(os.environ, ETALASE_TEST_DB=engine)
    output = log.open("w") if log else None
    process = subprocess.Popen([sys.executable, "-m", "pytest", f"--junitxml={report}", *extra], cwd=ROOT, env=env,
                               stdout=output, stderr=subprocess.STDOUT if output else None)
    return process, report


def counts_of(process: subprocess.Popen, report: Path) -> dict:
    code = process.wait()
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    seconds = 0.0
    if report.exists():
        suite = ET.parse(report).getroot()
        suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
        counts = {key: int(suite.get(key, 0)) for key in counts}
        seconds = float(suite.get("time", 0))
    counts["exit"] = code
    counts["seconds"] = seconds
    return counts


def banner(text: str) -> None:
    line = "=" * 78
    print(f"\n{line}\n{text}\n{line}", flush=True)


def run_static_checks() -> dict[str, int]:
    """Each check's exit code (0: passed)."""
    tools = Path(sys.executable).parent
    codes = {}
    for name, (tool, *options) in STATIC_CHECKS.items():
        banner(f"Static check: {name}")
        codes[name] = subprocess.run([str(tools / tool), *options], cwd=ROOT).returncode
    return codes


def report_static_checks(codes: dict[str, int]) -> int:
    """Print one line per check; the number that failed."""
    for name, code in codes.items():
        print(f"{name:<12} {'passed' if code == 0 else f'FAILED (exit {code})'}")
    return sum(1 for code in codes.values() if code != 0)


def main() -> int:
    started = time.monotonic()
    args = sys.argv[1:]
    if "--checks-only" in args:
        codes = run_static_checks()
        banner("Summary")
        return 1 if report_static_checks(codes) else 0
    checks = run_static_checks()
    in_ci = os.environ.get("CI", "").lower() == "true"
    if not postgresql_reachable():
        start_postgresql()
    postgresql = None
    pg_log = RESULTS / "postgresql.log"
    if postgresql_reachable():
        banner("Running the suite on SQLITE and on POSTGRESQL side by side "
               f"(PostgreSQL output: {pg_log.relative_to(ROOT)}, printed at the end)")
        RESULTS.mkdir(exist_ok=True)
        postgresql = start_pytest("postgresql", ["-m", "not browser", *args], log=pg_log)
    elif in_ci:
        banner("PostgreSQL is REQUIRED in CI (CI=true) and is not reachable at " + PG_ADMIN_URL)
        return 1
    else:
        banner("Running the suite on SQLITE only")
    results = {"sqlite": counts_of(*start_pytest("sqlite", args))}
    if postgresql is not None:
        results["postgresql"] = counts_of(*postgresql)
        banner("The suite on POSTGRESQL")
        print(pg_log.read_text(errors="replace"), flush=True)
    else:
        banner("PostgreSQL NOT reachable: the database tests ran on SQLite ONLY")
    banner("Summary")
    failed = report_static_checks(checks)
    for engine, counts in results.items():
        passed = counts["tests"] - counts["failures"] - counts["errors"] - counts["skipped"]
        bad = counts["failures"] + counts["errors"]
        failed += bad + (1 if counts["exit"] not in (0,) and not bad else 0)
        minutes, seconds = divmod(round(counts["seconds"]), 60)
        print(f"{engine.upper():<11} {passed} passed, {bad} failed, {counts['skipped']} skipped "
              f"in {minutes} min {seconds:02d} s (pytest exit {counts['exit']})")
    total_passed = sum(c["tests"] - c["failures"] - c["errors"] - c["skipped"] for c in results.values())
    total_failed = sum(c["failures"] + c["errors"] for c in results.values())
    minutes, seconds = divmod(round(time.monotonic() - started), 60)
    print(f"total: {total_passed} passed, {total_failed} failed, {minutes} min {seconds:02d} s wall", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
