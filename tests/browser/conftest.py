"""Browser fixtures: the demo app served for real on 127.0.0.1, and one headless Chromium.

One live server and one browser for the whole run (fast); every test gets a fresh browser
context (no cookies carried over). A page fails its test on any console error, uncaught
script error (CSP violations are console errors in Chromium) or server error response.
"""
from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from storefront import create_app
from storefront.config import PROJECT_ROOT
from storefront.extensions import db
from tests import database, dbconfig

SCREENSHOTS = PROJECT_ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


@pytest.hookimpl(tryfirst=True)  # before `-m "not browser"` deselects
def pytest_collection_modifyitems(config, items):
    # Every test in this folder drives the browser; the PostgreSQL pass deselects them with -m.
    browser_dir = str(PROJECT_ROOT / "tests" / "browser")
    for item in items:
        if str(item.path).startswith(browser_dir):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def _sqlite_only():
    if dbconfig.engine_name() != "sqlite":
        pytest.skip("browser tests run in the SQLite pass only")


@contextmanager
def _logging_untouched():
    """Alembic's env.py calls logging.config.fileConfig; put the test run's logging back after."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    named = {name: logging.getLogger(name).level for name in ("sqlalchemy.engine", "alembic", "flask_migrate")}
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
        for name, old in named.items():
            logging.getLogger(name).setLevel(old)


class _QuietRequestHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):  # one line per request is noise; errors still log
        pass


@pytest.fixture(scope="session")
def live_app(tmp_path_factory, demo):
    """The demo app on a file SQLite database: schema by migrations, then the Medan demo seed (the
    run's one seeding, copied: tests/conftest.py)."""
    from flask_migrate import upgrade

    base = tmp_path_factory.mktemp("live")
    app = create_app({
        "TESTING": False,
        "SECRET_KEY": "browser-test-secret-0123456789abcdef",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{base / 'etalase.sqlite'}",
        "ETALASE_ENV": "development",
        "ETALASE_DEMO": True,
        "WTF_CSRF_ENABLED": True,
        "RATELIMIT_STORAGE_URI": "memory://",
        "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
        "MEDIA_ROOT": str(base / "media"),
        "DOCUMENT_ROOT": str(base / "documents"),
        "SERVER_NAME": None,
    })
    with app.app_context():
        with _logging_untouched():
            upgrade()
    exit_code, output = database.load_rows(app, demo)
    assert exit_code == 0, output
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="session")
def live_server(live_app):
    """Base URL of the app served by Werkzeug in a daemon thread on a free port."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True, request_handler=_QuietRequestHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageProblems:
    items: list[str] = field(default_factory=list)


def _watch(page, problems: PageProblems) -> None:
    def on_console(message):
        if message.type == "error":
            location = message.location.get("url", "")
            problems.items.append(f"console error on {page.url}: {message.text} ({location})")

    def on_response(response):
        if response.status >= 500:
            problems.items.append(f"HTTP {response.status} for {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.items.append(f"page error on {page.url}: {error}"))
    page.on("response", on_response)


@pytest.fixture
def open_page(browser, live_server):
    """`open_page(viewport)` -> a Playwright page in a fresh context, base URL set to the live server.

    After the test, any console error, CSP violation, script error or 5xx response fails it.
    """
    contexts = []
    problems = PageProblems()

    def _open(viewport: dict = PHONE):
        context = browser.new_context(viewport=viewport, base_url=live_server, locale="id-ID",
                                      reduced_motion="reduce")  # no collapse animation to wait for
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        _watch(page, problems)
        return page

    yield _open
    for context in contexts:
        context.close()
    if problems.items:
        pytest.fail("browser reported problems:\n" + "\n".join(problems.items), pytrace=False)


@pytest.fixture(scope="session")
def screenshot_dir():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
