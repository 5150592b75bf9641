"""Each test's database: empty at the start, or a copy of a seeded template.

Every test gets an app of its own with an empty database (SQLite: a new in-memory database;
PostgreSQL: the run's one database, emptied). Worlds that many tests share (the seeded city,
the access matrix's accounts, businesses and requests, the demo) cost far more to build than to
copy, so a fixture builds one once per run, saves it as a template, and copies it into each
test's database and file folders: every test still starts from exactly the same rows and files
and may change them as it likes.

- SQLite: a template is an in-memory database; copying is SQLite's backup API (schema and all).
- PostgreSQL: a template is a schema of the run's database with a copy of every table; copying
  empties the tables and inserts the template's rows, in one round trip. The sequences are left
  alone: they are already past every id a template holds, which was taken from them.
"""
from __future__ import annotations

import atexit
import itertools
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from storefront.extensions import db

# Where an app keeps files next to its database rows; a template keeps a copy of each.
FILE_FOLDERS = ("MEDIA_ROOT", "DOCUMENT_ROOT", "REGISTRY_IMPORT_DIR")
EMPTY = "empty"


@dataclass
class Template:
    payload: object             # what the builder returned (ids, cookies): plain data, never rows
    files: Path                 # a copy of each of FILE_FOLDERS, by key
    sqlite: sqlite3.Connection | None = None  # SQLite: the database itself
    schema: str | None = None   # PostgreSQL: the schema holding its tables
    tables: tuple[str, ...] = ()  # PostgreSQL: the tables with rows


_templates: dict[str, Template] = {}
_schema_ready: set[str] = set()
_numbers = itertools.count(1)
_folder = Path(tempfile.mkdtemp(prefix="etalase-templates-"))
atexit.register(shutil.rmtree, _folder, ignore_errors=True)


def _is_postgresql(app) -> bool:
    return app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql")


def _in_memory(app) -> bool:
    return app.config["SQLALCHEMY_DATABASE_URI"] in ("sqlite://", "sqlite:///:memory:")


def _tables() -> list[sa.Table]:
    return list(db.metadata.sorted_tables)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _columns(table: sa.Table) -> str:
    return ", ".join(_quoted(column.name) for column in table.columns)


def _sequences_past(tables: list[sa.Table]) -> list[str]:
    """PostgreSQL: move each id sequence past the ids the copied rows hold. Only needed when the
    tables were dropped and made again since the template was saved (tests/test_migrations.py),
    which starts their sequences over; a sequence never moves back."""
    statements = []
    for table in tables:
        column = table.autoincrement_column
        if column is None:
            continue
        name, key = _quoted(table.name), _quoted(column.name)
        statements.append(
            f"SELECT setval(s, GREATEST(COALESCE(pg_sequence_last_value(s::regclass), 1), "
            f"(SELECT MAX({key}) FROM {name}))) FROM (SELECT pg_get_serial_sequence('{name}', '{column.name}') AS s) AS q "
            f"WHERE s IS NOT NULL")
    return statements


def _delete_everything() -> str:
    return "; ".join(f"DELETE FROM {_quoted(table.name)}" for table in reversed(_tables()))


def _sqlite_backup(app, *, into: sqlite3.Connection | None = None, source: sqlite3.Connection | None = None):
    """Copy the app's in-memory database into `into`, or `source` into the app's."""
    with app.app_context():
        raw = db.engine.raw_connection()
        try:
            if into is not None:
                raw.driver_connection.backup(into)
            else:
                source.backup(raw.driver_connection)
        finally:
            raw.close()


def empty(app) -> None:
    """Give the app an empty database with the whole schema."""
    if _is_postgresql(app):
        with app.app_context():
            url = str(db.engine.url)
            if url not in _schema_ready:  # the first app of the run on this database makes the schema
                db.drop_all()
                db.create_all()
                _schema_ready.add(url)
            else:  # DELETE beats TRUNCATE on small tables (no file work per table); one round trip
                with db.engine.begin() as connection:
                    connection.exec_driver_sql(_delete_everything())
        return
    if not _in_memory(app):  # a database file (tests that need several connections): made afresh
        with app.app_context():
            db.create_all()
        return
    template = _templates.get(EMPTY)
    if template is None:
        with app.app_context():
            db.create_all()
        save(app, EMPTY)
    else:
        _sqlite_backup(app, source=template.sqlite)


def is_empty(app) -> bool:
    """True when no table of the app's database holds a row."""
    with app.app_context():
        query = " OR ".join(f"EXISTS (SELECT 1 FROM {_quoted(table.name)})" for table in _tables())
        with db.engine.connect() as connection:
            return not connection.exec_driver_sql(f"SELECT {query}").scalar()


def saved(name: str) -> bool:
    return name in _templates


def can_save(app) -> bool:
    """Templates are saved from in-memory SQLite databases and from PostgreSQL."""
    return _is_postgresql(app) or _in_memory(app)


def save(app, name: str, payload: object = None, *, with_files: bool = True) -> None:
    """Keep the app's database (and files) as template `name` (the app may go on changing them)."""
    files = _folder / f"{next(_numbers)}"
    for key in FILE_FOLDERS if with_files else ():
        folder = Path(app.config[key])
        if folder.is_dir():
            shutil.copytree(folder, files / key)
    if _is_postgresql(app):
        schema = f"template_{next(_numbers)}"
        with app.app_context():
            with db.engine.begin() as connection:
                statements = [f"CREATE SCHEMA {schema}"]
                statements += [f"CREATE TABLE {schema}.{_quoted(table.name)} AS "
                               f"SELECT {_columns(table)} FROM {_quoted(table.name)}" for table in _tables()]
                connection.exec_driver_sql("; ".join(statements))
                query = " UNION ALL ".join(f"SELECT '{table.name}' WHERE EXISTS (SELECT 1 FROM {_quoted(table.name)})"
                                           for table in _tables())
                tables = tuple(connection.exec_driver_sql(query).scalars())
        _templates[name] = Template(payload, files, schema=schema, tables=tables)
        return
    if not can_save(app):
        raise RuntimeError("templates are saved from in-memory SQLite databases or PostgreSQL")
    copy = sqlite3.connect(":memory:", check_same_thread=False)
    _sqlite_backup(app, into=copy)
    _templates[name] = Template(payload, files, sqlite=copy)


def load(app, name: str):
    """Replace the app's database and files with template `name`; returns its payload."""
    template = _templates[name]
    for key in FILE_FOLDERS:
        if (template.files / key).is_dir():
            shutil.copytree(template.files / key, app.config[key], dirs_exist_ok=True)
    if template.schema is not None:
        with app.app_context():
            with db.engine.begin() as connection:
                tables = [table for table in _tables() if table.name in template.tables]
                inserts = [f"INSERT INTO {_quoted(table.name)} ({_columns(table)}) "
                           f"SELECT {_columns(table)} FROM {template.schema}.{_quoted(table.name)}"
                           for table in tables]
                connection.exec_driver_sql("; ".join([_delete_everything(), *inserts, *_sequences_past(tables)]))
    elif _in_memory(app):
        _sqlite_backup(app, source=template.sqlite)
    else:  # a database file: written before the app's first connection (tests/test_double_submit.py)
        path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
        with app.app_context():
            db.engine.dispose()
        target = sqlite3.connect(path)
        try:
            template.sqlite.backup(target)
        finally:
            target.close()
    return template.payload


def load_rows(app, name: str):
    """Insert template `name`'s rows (and files) into the app's SQLite database, whose schema
    something else made (the migrations: tests/browser/conftest.py); returns its payload."""
    template = _templates[name]
    for key in FILE_FOLDERS:
        if (template.files / key).is_dir():
            shutil.copytree(template.files / key, app.config[key], dirs_exist_ok=True)
    with app.app_context():
        with db.engine.begin() as connection:
            for table in _tables():
                columns = _columns(table)
                rows = template.sqlite.execute(f"SELECT {columns} FROM {_quoted(table.name)} ORDER BY rowid").fetchall()
                if rows:
                    marks = ", ".join("?" for _ in table.columns)
                    connection.exec_driver_sql(f"INSERT INTO {_quoted(table.name)} ({columns}) VALUES ({marks})", rows)
    return template.payload
