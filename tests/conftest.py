"""Fixtures: a fresh app and database per test, factories, signed-in clients, a query counter."""
from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from storefront import create_app
from storefront.extensions import db
from tests import dbconfig
from tests.factories import Factory
from tests.i18n_setup import compile_translations

TEST_PASSWORD = "kata-sandi-uji-123"


def pytest_report_header(config):
    return f"database: {dbconfig.engine_name().upper()}"


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


def base_config(database_url: str, tmp_path) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "ETALASE_ENV": "development",
        "WTF_CSRF_ENABLED": False,  # tests/test_csrf.py turns it back on
        "RATELIMIT_STORAGE_URI": "memory://",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "DOCUMENT_ROOT": str(tmp_path / "documents"),
        "REGISTRY_IMPORT_DIR": str(tmp_path / "registry-imports"),
        "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",  # cheap for tests; real hashes keep their own
        "SERVER_NAME": None,
        "BASE_URL": "http://localhost",  # the test client's own host: absolute links stay as they were
    }


@pytest.fixture
def app_config(database_url, tmp_path) -> dict:
    """Override keys here (in a test module's fixture) before `app` is built."""
    return base_config(database_url, tmp_path)


@pytest.fixture
def app(app_config):
    app = create_app(app_config)
    with app.app_context():
        if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
            _reset_postgresql()
        else:
            db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


_schema_ready: set[str] = set()


def _reset_postgresql() -> None:
    """Create the schema once per run; afterwards empty every table (ids keep counting up)."""
    url = str(db.engine.url)
    if url not in _schema_ready:
        db.drop_all()
        db.create_all()
        _schema_ready.add(url)
        return
    # DELETE is much faster than TRUNCATE on small tables (no file work per table).
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()


@pytest.fixture
def make(app):
    """Factories for committed rows: make.user(role=...), make.opd(), make.reference()."""
    return Factory(app, password=TEST_PASSWORD)


@pytest.fixture
def client(app):
    return app.test_client()


def sign_in(client, email: str, password: str = TEST_PASSWORD):
    return client.post("/masuk", data={"email": email, "password": password})


@pytest.fixture
def login(app):
    """`login(user)` -> a test client signed in through the real login form."""

    def _login(user, password: str = TEST_PASSWORD):
        client = app.test_client()
        response = sign_in(client, user.email, password)
        assert response.status_code == 302, "sign-in failed"
        return client

    return _login


@pytest.fixture
def as_role(make, login):
    """`as_role(Role.PPK)` -> a client signed in as a new user of that role (with an OPD if needed)."""
    return lambda role, **values: login(make.user(role, **values))


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


@pytest.fixture
def busy(app, make, login):
    """The access-matrix world with overdue requests and unread notices (tests/crawl.py); a fixture
    here, so that the crawling tests take it as an argument without importing it."""
    from tests.crawl import busy_world

    return busy_world(app, make, login)


@pytest.fixture
def sent_mail(monkeypatch) -> list:
    """Every email the app would send (storefront.mail.send is where they all leave)."""
    from storefront import mail

    outbox: list = []
    monkeypatch.setattr(mail, "send", lambda messages: outbox.extend(messages))
    return outbox
