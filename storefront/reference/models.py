"""Reference tables. A second city is new rows here (see data/), never new code."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import get_locale
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront.extensions import db
from storefront.text import lazy_gettext as _l


class City(db.Model):
    """The city this deployment serves (one row per deployment; the tenant)."""

    __tablename__ = "cities"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(40), unique=True)
    code: Mapped[str] = mapped_column(sa.String(5), unique=True)  # Kemendagri, e.g. 12.71
    name: Mapped[str] = mapped_column(sa.String(80))
    province: Mapped[str] = mapped_column(sa.String(80))
    timezone: Mapped[str] = mapped_column(sa.String(40), default="Asia/Jakarta")
    dinas_name: Mapped[str] = mapped_column(sa.String(200))
    dinas_short_name: Mapped[str] = mapped_column(sa.String(60))


class Kecamatan(db.Model):
    __tablename__ = "kecamatan"

    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(sa.ForeignKey("cities.id"), index=True)
    code: Mapped[str] = mapped_column(sa.String(8), unique=True)  # Kemendagri, e.g. 12.71.07
    name: Mapped[str] = mapped_column(sa.String(80))
    active: Mapped[bool] = mapped_column(default=True)


OPD_KIND_LABELS = {
    "sekretariat": _l("Sekretariat"), "dinas": _l("Dinas"), "badan": _l("Badan"),
    "inspektorat": _l("Inspektorat"), "kecamatan": _l("Kecamatan"), "satpol": _l("Satpol PP"),
    "blud": _l("BLUD / rumah sakit"), "lainnya": _l("Lainnya"),
}
OPD_KINDS = tuple(OPD_KIND_LABELS)


class Opd(db.Model):
    """Organisasi Perangkat Daerah: a city agency that buys."""

    __tablename__ = "opds"
    __table_args__ = (sa.UniqueConstraint("city_id", "name", name="uq_opds_city_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(sa.ForeignKey("cities.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    short_name: Mapped[str] = mapped_column(sa.String(60), default="")
    kind: Mapped[str] = mapped_column(
        sa.Enum(*OPD_KINDS, native_enum=False, create_constraint=True, name="opd_kind"),
        default="dinas",
    )
    active: Mapped[bool] = mapped_column(default=True)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.short_name})" if self.short_name else self.name

    @property
    def kind_label(self):
        return OPD_KIND_LABELS.get(self.kind, self.kind)


class Category(db.Model):
    """Product category tree (two levels in the seed; the model allows any depth)."""

    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("categories.id"), index=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    name_id: Mapped[str] = mapped_column(sa.String(120))
    name_en: Mapped[str] = mapped_column(sa.String(120))
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    parent: Mapped[Category | None] = relationship(remote_side=[id], lazy="raise")

    @property
    def name(self) -> str:
        return localized(self.name_id, self.name_en)


class Unit(db.Model):
    """Satuan: how a product is counted and priced (kotak, pcs, kg, lusin...)."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(20), unique=True)
    name_id: Mapped[str] = mapped_column(sa.String(60))
    name_en: Mapped[str] = mapped_column(sa.String(60))
    active: Mapped[bool] = mapped_column(default=True)

    @property
    def name(self) -> str:
        return localized(self.name_id, self.name_en)


def localized(indonesian: str, english: str) -> str:
    """Pick the column for the visitor's language; Indonesian when English is empty."""
    locale = get_locale()
    return english if locale is not None and locale.language == "en" and english else indonesian
