"""Seeded templates (tests/database.py): each test gets its own copy, whatever the test before did."""
from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from storefront.accounts.models import User
from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.reference.models import Opd
from tests import database
from tests.helpers.access_matrix import IMAGE, snapshot


def _files(app) -> dict[str, bytes]:
    found = {}
    for key in database.FILE_FOLDERS:
        root = Path(app.config[key])
        found |= {f"{key}/{path.relative_to(root)}": path.read_bytes() for path in root.rglob("*") if path.is_file()}
    return found


def test_a_copy_is_the_template_again_after_a_test_changed_it(app, world, seeded):
    rows, files = snapshot(app), _files(app)
    assert rows["users"] and rows["purchase_requests"] and files, "the world has rows and stored files"
    with app.app_context():
        db.session.execute(sa.update(User).where(User.id == world.target.id).values(name="Sudah Diubah"))
        db.session.add(Opd(city_id=world.opd.city_id, name="Dinas Sisa Uji Sebelumnya"))
        db.session.commit()
    for path in Path(app.config["MEDIA_ROOT"]).rglob("*"):
        if path.is_file():
            path.write_bytes(b"diubah")
    assert snapshot(app) != rows and _files(app) != files

    seed = seeded("access-matrix", lambda *_: pytest.fail("the world's template was built for the fixture"))
    assert snapshot(app) == rows and _files(app) == files
    assert seed.refs[IMAGE] == world.refs[IMAGE]


def test_the_signed_in_clients_of_a_copy_are_still_signed_in(world):
    for role, client in world.clients.items():
        if role is not None:
            assert client.get("/dasbor").status_code == 200, role
    assert world.clients[None].get("/dasbor").status_code == 302


def _facts(rows: dict) -> dict:
    """The rows without what a second seeding may number or time differently (ids, times)."""
    kept = {}
    for table in db.metadata.sorted_tables:
        columns = [i for i, column in enumerate(table.columns) if not (
            column.primary_key or column.foreign_keys or isinstance(column.type, sa.DateTime))]
        kept[table.name] = sorted((tuple(row[i] for i in columns) for row in rows[table.name]), key=repr)
    return kept


def test_the_reference_copy_is_the_seeding(app, make):
    """make.reference() on an empty database copies the run's first seeding: the same rows."""
    from storefront.reference import services

    make.reference()
    copied = snapshot(app)
    database.empty(app)
    with app.app_context():
        services.seed_reference("medan")
        db.session.commit()
    assert _facts(copied) == _facts(snapshot(app))
    assert copied["kecamatan"] and copied["categories"] and copied["units"]
    assert make.user(Role.ADMIN).id  # and rows can be added after a copy (ids past the copied ones)
