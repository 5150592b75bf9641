"""Seeding and editing reference data. Idempotent seeding: natural keys decide what exists."""
from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa

from storefront.errors import DomainError
from storefront.extensions import db
from storefront.reference.models import Category, City, Kecamatan, Opd, Unit
from storefront.text import lazy_gettext as _l

DATA_DIR = Path(__file__).parent / "data"


class ReferenceError(DomainError):
    """A reference-data edit was refused."""


def available_cities() -> list[str]:
    return sorted(p.stem for p in DATA_DIR.glob("*.json") if p.stem != "catalog")


def seed_reference(city_slug: str) -> City:
    """Create the city's reference rows that do not exist yet; never overwrite an admin's edits.

    Raises ReferenceError for an unknown city. Flushes; the caller commits.
    """
    path = DATA_DIR / f"{city_slug}.json"
    if city_slug not in available_cities():
        raise ReferenceError(_l("Data kota %(city)s tidak ada.", city=city_slug))
    data = json.loads(path.read_text(encoding="utf-8"))
    city = db.session.scalar(sa.select(City).where(City.slug == data["city"]["slug"]))
    if city is None:
        city = City(**data["city"])
        db.session.add(city)
        db.session.flush()
    existing_codes = set(db.session.scalars(sa.select(Kecamatan.code)))
    for row in data["kecamatan"]:
        if row["code"] not in existing_codes:
            db.session.add(Kecamatan(city_id=city.id, **row))
    existing_opds = set(db.session.scalars(sa.select(Opd.name).where(Opd.city_id == city.id)))
    for row in data["opds"]:
        if row["name"] not in existing_opds:
            db.session.add(Opd(city_id=city.id, **row))
    _seed_catalog_reference(json.loads((DATA_DIR / "catalog.json").read_text(encoding="utf-8")))
    db.session.flush()
    return city


def _seed_catalog_reference(data: dict) -> None:
    slugs = set(db.session.scalars(sa.select(Category.slug)))
    for position, row in enumerate(data["categories"]):
        parent = db.session.scalar(sa.select(Category).where(Category.slug == row["slug"]))
        if parent is None:
            parent = Category(slug=row["slug"], name_id=row["name_id"], name_en=row["name_en"],
                              position=position)
            db.session.add(parent)
            db.session.flush()
        for child_position, child in enumerate(row["children"]):
            if child["slug"] not in slugs:
                db.session.add(Category(parent_id=parent.id, position=child_position, **child))
    codes = set(db.session.scalars(sa.select(Unit.code)))
    for row in data["units"]:
        if row["code"] not in codes:
            db.session.add(Unit(**row))


def current_city() -> City | None:
    """The deployment's city: the first (and normally only) row."""
    return db.session.scalar(sa.select(City).order_by(City.id).limit(1))


def save(obj, **values) -> None:
    """Apply an admin's edit to a reference row after checking its natural key stays unique.

    Raises ReferenceError on `code`, `slug` or `name` clashes. Flushes.
    """
    model = type(obj)
    for key in ("code", "slug"):
        if key in values and hasattr(model, key):
            clash = db.session.scalar(sa.select(model.id).where(getattr(model, key) == values[key],
                                                               model.id != obj.id))
            if clash is not None:
                raise ReferenceError(_l("Kode ini sudah dipakai."), field=key)
    if model is Opd and "name" in values:
        clash = db.session.scalar(sa.select(Opd.id).where(Opd.name == values["name"], Opd.id != obj.id,
                                                         Opd.city_id == obj.city_id))
        if clash is not None:
            raise ReferenceError(_l("OPD dengan nama ini sudah ada."), field="name")
    if model is Category and values.get("parent_id") is not None:
        _check_no_cycle(obj, values["parent_id"])
    for key, value in values.items():
        setattr(obj, key, value)
    if obj.id is None:
        db.session.add(obj)
    db.session.flush()


def _check_no_cycle(category: Category, parent_id: int) -> None:
    """A category cannot sit under itself or under one of its own descendants."""
    parents = dict(db.session.execute(sa.select(Category.id, Category.parent_id)).all())
    current = parent_id
    while current is not None:
        if category.id is not None and current == category.id:
            raise ReferenceError(_l("Kategori tidak boleh menjadi induk dirinya sendiri."), field="parent_id")
        current = parents.get(current)
