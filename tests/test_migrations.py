"""Migrations are the schema: upgrade, compare with the models, downgrade, on both databases."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from storefront import create_app
from storefront.catalog.search_index import is_search_index_object
from storefront.extensions import db, schema_object_included
from tests.app_setup import base_config


@pytest.fixture
def empty_app(database_url, tmp_path):
    """An app on an empty database: a SQLite file, or the run's PostgreSQL database emptied."""
    url = database_url if database_url.startswith("postgresql") else f"sqlite:///{tmp_path / 'migrate.sqlite'}"
    app = create_app(base_config(url, tmp_path))
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
    yield app
    with app.app_context():
        # Leave the PostgreSQL schema as the other tests expect it.
        db.drop_all()
        with db.engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
        db.create_all()
        db.engine.dispose()


def differences(app, metadata=None) -> list:
    with app.app_context(), db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True,
                                                        "include_name": schema_object_included})
        return compare_metadata(context, metadata if metadata is not None else db.metadata)


def table_names(app) -> set[str]:
    with app.app_context():
        names = set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}
        return {name for name in names if not is_search_index_object(name)}


def test_migrations_build_exactly_the_models(empty_app):
    with empty_app.app_context():
        upgrade()
    assert differences(empty_app) == []
    assert table_names(empty_app) == set(db.metadata.tables)


def test_downgrade_to_base_and_up_again(empty_app):
    with empty_app.app_context():
        upgrade()
        downgrade(revision="base")
    assert table_names(empty_app) == set()
    with empty_app.app_context():
        upgrade()
    assert differences(empty_app) == []


def test_a_model_change_without_migration_is_detected(empty_app):
    """The check above can fail: a column added to the models only shows up as a difference."""
    with empty_app.app_context():
        upgrade()
    changed = sa.MetaData(naming_convention=db.metadata.naming_convention)
    for table in db.metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables["units"].append_column(sa.Column("not_migrated", sa.Integer))
    assert [diff[0] for diff in differences(empty_app, changed)] == ["add_column"]
