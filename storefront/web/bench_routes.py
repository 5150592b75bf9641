"""Reference routes for benchmarks (docs/performance.md, "Rules of measurement").

Registered only when the environment has ETALASE_BENCH=1 (bench/catalog_bench.py sets it), never in
a normal deployment; a test checks that /_bench/hello is a 404 without it. The hello route goes
through the same app, middleware and after-request hooks as every page, and does no work of its
own, so a page's rps divided by hello's rps is the page's cost on this machine, in this run.
"""
from __future__ import annotations

from flask import Flask, Response


def init_app(app: Flask) -> None:
    @app.get("/_bench/hello")
    def bench_hello():
        return Response("Hello, World!", mimetype="text/plain")
