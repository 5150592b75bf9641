"""Fixtures: a fresh app and database per test, factories, signed-in clients, a query counter, and
the shared worlds (copied from templates built once per run: tests/database.py)."""
from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from storefront import create_app
from storefront.extensions import db
from tests import database, dbconfig
from tests.app_setup import TEST_PASSWORD, base_config, share_compiled_templates, sign_in
from tests.factories import Factory
from tests.helpers.access_matrix import World, build_world, open_world, seed_of
from tests.helpers.crawl import busy_world
from tests.i18n_setup import compile_translations

# The class suites that walk every route, form, field or step as everyone: minutes, where the rest
# takes seconds. `pytest -m "not slow and not browser"` is the quick loop; make test runs them all.
SLOW_SUITES = {
    "tests/test_route_access.py", "tests/test_edit_forms.py", "tests/test_double_submit.py",
    "tests/test_query_fuzz.py", "tests/test_safe_gets.py", "tests/test_hosts.py", "tests/test_escaping.py",
    "tests/test_csrf.py", "tests/test_body_limits.py", "tests/test_bad_input.py", "tests/sellers/test_bad_input.py",
    "tests/procurement/test_stale_steps.py", "tests/procurement/test_blocked_steps.py",
    "tests/procurement/test_concurrency.py", "tests/demo/test_demo_sellers.py",
}
ROOT = Path(__file__).resolve().parent.parent


def pytest_report_header(config):
    return f"database: {dbconfig.engine_name().upper()}"


@pytest.hookimpl(tryfirst=True)  # before `-m "not slow"` deselects
def pytest_collection_modifyitems(config, items):
    missing = sorted(path for path in SLOW_SUITES if not (ROOT / path).is_file())
    if missing:  # a renamed suite would silently join the quick loop
        raise pytest.UsageError(f"SLOW_SUITES in tests/conftest.py names files that do not exist: {missing}")
    for item in items:
        if item.path.relative_to(ROOT).as_posix() in SLOW_SUITES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session", autouse=True)
def _translations():
    compile_translations()


@pytest.fixture(scope="session")
def database_url():
    """SQLite: a new in-memory database per app. PostgreSQL: one database for the run."""
    if dbconfig.engine_name() == "sqlite":
        yield "sqlite://"
        return
    name, url = dbconfig.create_pg_database()
    try:
        yield url
    finally:
        dbconfig.drop_pg_database(name)


@pytest.fixture
def app_config(database_url, tmp_path) -> dict:
    """Override keys here (in a test module's fixture) before `app` is built."""
    return base_config(database_url, tmp_path)


@pytest.fixture
def app(app_config):
    app = share_compiled_templates(create_app(app_config))
    database.empty(app)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def seeded(app, app_config, tmp_path_factory):
    """`seeded(name, build)` -> what `build(app, make, login)` returned, with the database and files
    it made copied into this test's app (or into `into`, another app of the test). The first call
    of a run builds it in an app of its own (same configuration, so a test module that changes it
    gets its own template) and keeps it as a template; every call gets a fresh copy. Call it before
    anything else writes: it replaces the whole database."""

    def _seeded(name: str, build, into=None):
        key = f"{name} {sorted((k, repr(v)) for k, v in app_config.items() if k not in database.FILE_FOLDERS)}"
        if not database.saved(key):
            folder = tmp_path_factory.mktemp("template")
            _build_template(key, app_config | {k: str(folder / k.lower()) for k in database.FILE_FOLDERS}, build)
        return database.load(into or app, key)

    return _seeded


@pytest.fixture(scope="session")
def demo(database_url, tmp_path_factory) -> str:
    """The name of the template of the Medan demo as `flask seed-demo` makes it (seeded once per
    run: some 60 photos to draw and process). `database.load(app, demo)` copies it into an app and
    returns the command's (exit code, output)."""

    def build(app, make, login):
        result = app.test_cli_runner().invoke(args=["seed-demo"])
        return result.exit_code, result.output

    return _build_template("demo", base_config(database_url, tmp_path_factory.mktemp("demo")), build)


def _build_template(key: str, config: dict, build) -> str:
    """Template `key`: made by `build(app, make, login)` in an app of its own on `config`, unless
    this run already has it."""
    if not database.saved(key):
        builder = share_compiled_templates(create_app(config))
        database.empty(builder)
        payload = build(builder, Factory(builder, password=TEST_PASSWORD), _login_to(builder))
        database.save(builder, key, payload)
        with builder.app_context():
            db.session.remove()
            db.engine.dispose()
    return key


def _login_to(app):
    def _login(user, password: str = TEST_PASSWORD):
        client = app.test_client()
        response = sign_in(client, user.email, password)
        assert response.status_code == 302, "sign-in failed"
        return client

    return _login


@pytest.fixture
def make(app):
    """Factories for committed rows: make.user(role=...), make.opd(), make.reference()."""
    return Factory(app, password=TEST_PASSWORD)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def login(app):
    """`login(user)` -> a test client signed in through the real login form."""
    return _login_to(app)


@pytest.fixture
def as_role(make, login):
    """`as_role(Role.PPK)` -> a client signed in as a new user of that role (with an OPD if needed)."""
    return lambda role, **values: login(make.user(role, **values))


@pytest.fixture
def world(app, seeded) -> World:
    """The access matrix's world (tests/helpers/access_matrix.py), a fresh copy for each test."""
    return open_world(app, seeded("access-matrix", lambda app, make, login: seed_of(build_world(app, make, login))))


@pytest.fixture
def busy(app, seeded) -> World:
    """That world with what tempts a page to write: overdue requests, unread notices (tests/helpers/crawl.py)."""
    return open_world(app, seeded("busy", lambda app, make, login: seed_of(busy_world(app, make, login))))


@pytest.fixture
def sent_mail(monkeypatch) -> list:
    """Every email the app would send (storefront.mail.send is where they all leave)."""
    from storefront import mail

    outbox: list = []
    monkeypatch.setattr(mail, "send", lambda messages: outbox.extend(messages))
    return outbox


@pytest.fixture
def count_queries(app):
    """`with count_queries() as counter: ...` then `counter.count` (SQL statements sent)."""

    @contextmanager
    def _count():
        counter = _Counter()
        with app.app_context():
            engine = db.engine
        sa.event.listen(engine, "before_cursor_execute", counter.record)
        try:
            yield counter
        finally:
            sa.event.remove(engine, "before_cursor_execute", counter.record)

    return _count


class _Counter:
    def __init__(self):
        self.statements: list[str] = []

    def record(self, conn, cursor, statement, parameters, context, executemany):
        if not re.match(r"\s*(SAVEPOINT|RELEASE|ROLLBACK|PRAGMA)", statement, re.I):
            self.statements.append(statement)

    @property
    def count(self) -> int:
        return len(self.statements)
