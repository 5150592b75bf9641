"""Reference data: Medan's official codes, idempotent seeding, a second city as data only."""
from __future__ import annotations

import sqlalchemy as sa

from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.reference import services as reference
from storefront.reference.models import Category, City, Kecamatan, Opd, Unit


def counts(app) -> dict:
    with app.app_context():
        return {m.__name__: db.session.scalar(sa.select(sa.func.count()).select_from(m))
                for m in (City, Kecamatan, Opd, Category, Unit)}


def test_medan_has_its_21_kecamatan_with_kemendagri_codes(app, make):
    make.reference("medan")
    with app.app_context():
        rows = dict(db.session.execute(sa.select(Kecamatan.code, Kecamatan.name)).all())
    assert len(rows) == 21
    assert rows["12.71.01"] == "Medan Kota"
    assert rows["12.71.07"] == "Medan Tuntungan"
    assert rows["12.71.21"] == "Medan Selayang"
    assert all(code.startswith("12.71.") for code in rows)


def test_medan_opds_include_the_dinas_and_every_kecamatan_office(app, make):
    make.reference("medan")
    with app.app_context():
        names = set(db.session.scalars(sa.select(Opd.name)))
    assert "Badan Perencanaan Pembangunan Daerah" in names
    assert "Dinas Koperasi, Usaha Kecil dan Menengah, Perindustrian dan Perdagangan" in names
    assert sum(name.startswith("Kecamatan Medan") for name in names) == 21


def test_seeding_twice_changes_nothing_and_keeps_admin_edits(app, make):
    make.reference("medan")
    first = counts(app)
    with app.app_context():
        unit = db.session.scalar(sa.select(Unit).where(Unit.code == "kotak"))
        unit.name_en = "carton box"
        db.session.commit()
    make.reference("medan")
    assert counts(app) == first
    with app.app_context():
        assert db.session.scalar(sa.select(Unit.name_en).where(Unit.code == "kotak")) == "carton box"


def test_a_second_city_is_data_not_code(app, make):
    make.reference("malang")
    with app.app_context():
        city = db.session.scalar(sa.select(City))
        codes = set(db.session.scalars(sa.select(Kecamatan.code)))
    assert (city.code, city.name) == ("35.73", "Kota Malang")
    assert codes == {"35.73.01", "35.73.02", "35.73.03", "35.73.04", "35.73.05"}
    assert set(reference.available_cities()) >= {"medan", "malang"}


def test_category_tree_has_bilingual_names(app, make, client):
    make.reference("medan")
    with app.app_context():
        child = db.session.scalar(sa.select(Category).where(Category.slug == "katering-nasi-kotak"))
        assert child.parent_id is not None
        assert (child.name_id, child.name_en) == ("Katering & nasi kotak", "Catering & boxed meals")
    assert "Kuliner" in client.get("/").text
    client.set_cookie("bahasa", "en")
    assert "Food &amp; beverages" in client.get("/").text


def test_admin_edits_an_opd_and_the_auditor_cannot(app, make, login):
    make.reference("medan")
    with app.app_context():
        opd_id = db.session.scalar(sa.select(Opd.id).where(Opd.short_name == "Bappeda"))
    admin = login(make.user(Role.ADMIN))
    response = admin.post(f"/admin/referensi/opd/{opd_id}", data={
        "name": "Badan Perencanaan Pembangunan Daerah", "short_name": "BAPPEDA", "kind": "badan", "active": "y"})
    assert response.status_code == 302
    auditor = login(make.user(Role.AUDITOR))
    assert auditor.get("/admin/referensi/opd").status_code == 200
    assert auditor.post(f"/admin/referensi/opd/{opd_id}", data={
        "name": "Diubah auditor", "short_name": "X", "kind": "badan"}).status_code == 403
    with app.app_context():
        opd = db.session.get(Opd, opd_id)
        assert (opd.name, opd.short_name) == ("Badan Perencanaan Pembangunan Daerah", "BAPPEDA")


def test_duplicate_kecamatan_code_is_refused_next_to_the_field(app, make, login):
    make.reference("medan")
    before = counts(app)
    admin = login(make.user(Role.ADMIN))
    response = admin.post("/admin/referensi/kecamatan/baru", data={"code": "12.71.01", "name": "Kembar"})
    assert response.status_code == 200
    assert "Kode ini sudah dipakai." in response.text
    assert counts(app) == before


def test_category_cannot_be_moved_under_itself(app, make, login):
    make.reference("medan")
    with app.app_context():
        parent = db.session.scalar(sa.select(Category).where(Category.slug == "kuliner"))
        parent_id = parent.id
    admin = login(make.user(Role.ADMIN))
    response = admin.post(f"/admin/referensi/kategori/{parent_id}", data={
        "name_id": "Kuliner", "name_en": "Food", "slug": "kuliner", "parent_id": str(parent_id), "position": "0"})
    assert response.status_code == 200
    with app.app_context():
        assert db.session.get(Category, parent_id).parent_id is None


def test_new_unit_is_created_by_the_admin(app, make, login):
    admin = login(make.user(Role.ADMIN))
    response = admin.post("/admin/referensi/satuan/baru", data={
        "code": "tandan", "name_id": "tandan", "name_en": "bunch", "active": "y"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(sa.select(Unit.name_en).where(Unit.code == "tandan")) == "bunch"
