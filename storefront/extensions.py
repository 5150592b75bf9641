"""Flask extensions, created unbound here and attached to the app in `init_app`."""
from __future__ import annotations

import sqlalchemy as sa
from flask import request
from flask_babel import Babel
from flask_bootstrap import Bootstrap5
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase

from storefront.text import lazy_gettext as _l


class Base(DeclarativeBase):
    # Named constraints: SQLite batch migrations can only alter or drop what has a name.
    metadata = sa.MetaData(naming_convention={
        "pk": "pk_%(table_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
    })


db = SQLAlchemy(model_class=Base)
migrate = Migrate()


# Schema objects a feature keeps beside its ORM tables by hand (catalog/search_index.py: FTS5
# tables, GIN expression indexes). The feature registers a predicate here, so this module knows
# no feature and Alembic's comparison still looks past them.
_hand_made_schema: list = []


def look_past_in_migrations(is_hand_made) -> None:
    """Register `is_hand_made(name) -> bool`: the schema objects it accepts are not the ORM's."""
    if is_hand_made not in _hand_made_schema:
        _hand_made_schema.append(is_hand_made)


def schema_object_included(name, type_, parent_names) -> bool:
    """Alembic compares the ORM models with the database, except the objects registered above."""
    return not any(is_hand_made(name) for is_hand_made in _hand_made_schema)


login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
bootstrap = Bootstrap5()
# One limiter per process (Flask-Limiter keeps its storage on this object, set by init_app).
limiter = Limiter(key_func=get_remote_address, default_limits=[], strategy="fixed-window", key_prefix="etalase")


def select_locale() -> str:
    """The language the visitor chose (cookie), else Indonesian: the city's language comes first."""
    from flask import current_app, has_request_context

    if not has_request_context():  # command line: Indonesian
        return "id"
    chosen = request.cookies.get("bahasa", "")
    return chosen if chosen in current_app.config["LANGUAGES"] else "id"


def init_app(app, *, migrations_dir) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(migrations_dir), render_as_batch=True, compare_type=True,
                     include_name=schema_object_included)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Silakan masuk untuk membuka halaman ini.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = None  # sessions are checked against the database instead
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    bootstrap.init_app(app)
    limiter.init_app(app)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        with app.app_context():
            sa.event.listen(db.engine, "connect", _sqlite_pragmas(int(app.config["SQLITE_BUSY_TIMEOUT_MS"])))


def _sqlite_pragmas(busy_timeout_ms: int):
    """WAL lets readers work while one writer writes; foreign keys are off by default in SQLite.
    A writer waits up to the busy timeout for another writer to finish, then gets a 503 page."""

    def on_connect(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms:d}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    return on_connect
