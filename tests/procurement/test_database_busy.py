"""A write that cannot get the database (another writer holds it past the busy timeout) gets a
clear 503 page in the visitor's language, and changes nothing; the same post later succeeds.

SQLite's single writer is what makes this happen, so both passes run it on a SQLite file."""
from __future__ import annotations

import sqlite3

import psycopg
import pytest
import sqlalchemy as sa

from storefront.extensions import db
from storefront.procurement.models import CartItem
from storefront.web.edge import database_was_busy
from tests.app_setup import base_config


@pytest.fixture
def app_config(tmp_path):
    return base_config(f"sqlite:///{tmp_path / 'busy.sqlite'}", tmp_path) | {"SQLITE_BUSY_TIMEOUT_MS": 50}


def cart_size(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(CartItem))


def test_a_locked_database_answers_503_and_saves_nothing(app, login, shop, tmp_path):
    client = login(shop.pemesan)
    bika = shop.products[0]
    other_writer = sqlite3.connect(tmp_path / "busy.sqlite", isolation_level=None)
    other_writer.execute("BEGIN IMMEDIATE")  # holds the write lock, as a long import would
    try:
        response = client.post(f"/keranjang/tambah/{bika.id}", data={"quantity": "4"})
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "5"
        assert "Sistem sedang sibuk" in response.text and "tidak ada yang berubah" in response.text
    finally:
        other_writer.rollback()
        other_writer.close()
    assert cart_size(app) == 0
    assert client.post(f"/keranjang/tambah/{bika.id}", data={"quantity": "4"}).status_code == 302
    assert cart_size(app) == 1


@pytest.mark.parametrize(("orig", "busy"), [
    (sqlite3.OperationalError("database is locked"), True),
    (sqlite3.OperationalError("no such table: produk"), False),
    # psycopg's own errors, as the driver raises them (they carry `sqlstate`, not psycopg2's `pgcode`)
    (psycopg.errors.DeadlockDetected("deadlock detected"), True),    # 40P01
    (psycopg.errors.LockNotAvailable("lock not available"), True),   # 55P03
    (psycopg.errors.UniqueViolation("duplicate key"), False),  # 23505: a bug or a race the code must handle itself
])
def test_only_lock_contention_counts_as_busy(orig, busy):
    assert database_was_busy(sa.exc.OperationalError("SELECT 1", {}, orig)) is busy
