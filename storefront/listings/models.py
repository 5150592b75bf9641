"""Products: the live (approved) listing, its photos, price history, events and pending revisions,
and what accepted requests hold of its stock and daily capacity.

A material edit of a published product waits in ProductRevision while the approved version
stays live; stock and capacity changes apply at once (docs/domain.md, "Products").
"""
from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront.extensions import db
from storefront.lifecycle_engine import Lifecycle, register
from storefront.listings.workflow import PRODUCT_TRANSITIONS, REVISION_TRANSITIONS, ProductStatus, RevisionStatus
from storefront.sellers.halal.claims import OutOfScopeReason
from storefront.sellers.halal.statuses import HalalStatus, shows_halal_badge
from storefront.sellers.models import str_enum
from storefront.sellers.workflow import Party
from storefront.text import lazy_gettext as _l
from storefront.timeutil import utcnow


class DeliveryArea(str, enum.Enum):
    CITY = "city"            # the whole city
    KECAMATAN = "kecamatan"  # only the chosen kecamatan

    @property
    def label(self):
        return DELIVERY_LABELS[self]


DELIVERY_LABELS = {DeliveryArea.CITY: _l("Seluruh kota"), DeliveryArea.KECAMATAN: _l("Kecamatan tertentu")}


product_delivery_kecamatan = sa.Table(
    "product_delivery_kecamatan", db.metadata,
    sa.Column("product_id", sa.ForeignKey("products.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("kecamatan_id", sa.ForeignKey("kecamatan.id"), primary_key=True),
)


class Product(db.Model):
    __tablename__ = "products"
    __table_args__ = (
        sa.CheckConstraint("price > 0", name="price_positive"),
        sa.CheckConstraint("min_order >= 1", name="min_order_positive"),
        sa.CheckConstraint("lead_time_days >= 0", name="lead_time_not_negative"),
        # The public listings read products in these orders and stop after the reachable pages.
        sa.Index("ix_products_status_published_at", "status", "published_at", "id"),
        sa.Index("ix_products_status_price", "status", "price", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(sa.ForeignKey("sellers.id"), index=True)
    category_id: Mapped[int] = mapped_column(sa.ForeignKey("categories.id"), index=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"))
    status: Mapped[ProductStatus] = mapped_column(str_enum(ProductStatus, "product_status"),
                                                  default=ProductStatus.DRAFT, index=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    price: Mapped[int] = mapped_column(sa.BigInteger)  # whole rupiah
    price_includes_ppn: Mapped[bool] = mapped_column(default=False)
    min_order: Mapped[int] = mapped_column(default=1)
    capacity_per_day: Mapped[int | None]
    stock: Mapped[int | None]
    lead_time_days: Mapped[int] = mapped_column(default=1)
    delivery_area: Mapped[DeliveryArea] = mapped_column(str_enum(DeliveryArea, "delivery_area"),
                                                        default=DeliveryArea.CITY)
    halal_status: Mapped[HalalStatus] = mapped_column(str_enum(HalalStatus, "halal_status", 30))
    halal_certificate_number: Mapped[str] = mapped_column(sa.String(24), default="")
    non_halal_ingredient: Mapped[str] = mapped_column(sa.String(200), default="")
    halal_out_of_scope_reason: Mapped[OutOfScopeReason | None] = mapped_column(
        str_enum(OutOfScopeReason, "halal_out_of_scope_reason"))
    pirt_number: Mapped[str] = mapped_column(sa.String(15), default="")
    bpom_number: Mapped[str] = mapped_column(sa.String(20), default="")
    export_ready: Mapped[bool] = mapped_column(default=False)
    # Set when a verifier checked the halal and permit numbers against the documents.
    claims_verified_at: Mapped[datetime | None]
    is_demo: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None]
    published_at: Mapped[datetime | None]
    # The last time name or price changed: the collusion guard (procurement) reads it.
    listed_or_repriced_at: Mapped[datetime | None]

    seller: Mapped[Seller] = relationship(lazy="raise")  # noqa: F821
    category: Mapped[Category] = relationship(lazy="raise")  # noqa: F821
    unit: Mapped[Unit] = relationship(lazy="raise")  # noqa: F821
    photos: Mapped[list[ProductPhoto]] = relationship(
        back_populates="product", lazy="raise", order_by="ProductPhoto.position",
        cascade="all, delete-orphan")
    delivery_kecamatan: Mapped[list[Kecamatan]] = relationship(  # noqa: F821
        secondary=product_delivery_kecamatan, lazy="raise")

    @property
    def primary_photo(self) -> ProductPhoto | None:
        """The photo marked primary, else the first (needs `photos` loaded)."""
        return next((photo for photo in self.photos if photo.is_primary), self.photos[0] if self.photos else None)

    @property
    def shows_halal_badge(self) -> bool:
        return shows_halal_badge(self.halal_status, self.halal_certificate_number)

    @property
    def delivers_citywide(self) -> bool:
        return self.delivery_area is DeliveryArea.CITY


class ProductPhoto(db.Model):
    """A packaging photo of a product (1-8), in display order; one is primary."""

    __tablename__ = "product_photos"
    __table_args__ = (sa.UniqueConstraint("product_id", "image_id", name="uq_product_photos_image"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id", ondelete="CASCADE"), index=True)
    image_id: Mapped[int] = mapped_column(sa.ForeignKey("media_images.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    is_primary: Mapped[bool] = mapped_column(default=False)
    alt_text: Mapped[str] = mapped_column(sa.String(200))

    product: Mapped[Product] = relationship(back_populates="photos", lazy="raise")
    image: Mapped[MediaImage] = relationship(lazy="raise")  # noqa: F821


class ProductPriceHistory(db.Model):
    """Append-only: every price a product was published with."""

    __tablename__ = "product_price_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id", ondelete="CASCADE"), index=True)
    price: Mapped[int] = mapped_column(sa.BigInteger)
    price_includes_ppn: Mapped[bool]
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProductEvent(db.Model):
    """Append-only: every status change and decision on a product or its pending revision."""

    __tablename__ = "product_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    actor_role: Mapped[str] = mapped_column(sa.String(20))
    action: Mapped[str] = mapped_column(sa.String(30))
    from_status: Mapped[str] = mapped_column(sa.String(20))
    to_status: Mapped[str] = mapped_column(sa.String(20))
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    field_reasons: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def shows_dinas_note(self) -> bool:
        """A Dinas decision whose note (if any) the owner's product page shows."""
        return self.to_status in (ProductStatus.REVISION_REQUESTED, ProductStatus.REJECTED, ProductStatus.SUSPENDED,
                                  ProductStatus.PUBLISHED)


class ProductRevision(db.Model):
    """A material edit of a published product, waiting for review beside the live version.

    `changes` holds the proposed field values (JSON-safe); approving applies them.
    """

    __tablename__ = "product_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id", ondelete="CASCADE"), index=True)
    status: Mapped[RevisionStatus] = mapped_column(str_enum(RevisionStatus, "revision_status"),
                                                   default=RevisionStatus.IN_REVIEW, index=True)
    changes: Mapped[dict] = mapped_column(sa.JSON)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(sa.Text, default="")

    product: Mapped[Product] = relationship(lazy="raise")


register(Lifecycle(Product, PRODUCT_TRANSITIONS, Party.SYSTEM, event=ProductEvent, event_key="product_id"))
# A revision's decision is logged on its product (ProductEvent, from and to the product's status),
# by listings/services.py: the product's history is the one its owner and the Dinas read.
register(Lifecycle(ProductRevision, REVISION_TRANSITIONS, Party.SYSTEM))


# What a revision holds: a live product's material fields wait for review (with the photos);
# the immediate ones change at once. Claims are what the curator vouches for against documents.
MATERIAL_FIELDS = ("name", "description", "category_id", "unit_id", "price", "price_includes_ppn",
                   "halal_status", "halal_certificate_number", "non_halal_ingredient",
                   "halal_out_of_scope_reason", "pirt_number", "bpom_number")
CLAIM_FIELDS = frozenset({"halal_status", "halal_certificate_number", "non_halal_ingredient", "pirt_number",
                          "bpom_number"})
IMMEDIATE_FIELDS = ("stock", "capacity_per_day", "min_order", "lead_time_days", "delivery_area",
                    "export_ready")

class CapacityHold(db.Model):
    """Units of a product promised for delivery on one day; never above its capacity per day.

    Written only by a conditional UPDATE (listings/capacity.py), so concurrent acceptances
    cannot promise the same units twice."""

    __tablename__ = "capacity_holds"
    __table_args__ = (sa.CheckConstraint("reserved >= 0", name="reserved_not_negative"),)

    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    reserved: Mapped[int] = mapped_column(default=0)
