"""Sellers: the UMKM binaan (the registry and the business profile are one row), documents, events.

A registry entry imported by the Dinas is a Seller in status `invited` with no owner yet;
registering with its invitation code gives it an owner account.
"""
from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront.extensions import db
from storefront.lifecycle_engine import Lifecycle, register
from storefront.sellers.halal.kinds import BusinessScale
from storefront.sellers.workflow import SELLER_TRANSITIONS, Party, SellerStatus
from storefront.timeutil import utcnow


def str_enum(enum_class: type[enum.Enum], name: str, length: int = 20) -> sa.Enum:
    """A portable enum column: a VARCHAR with a CHECK constraint, storing the values."""
    return sa.Enum(enum_class, native_enum=False, create_constraint=True, length=length, name=name,
                   values_callable=lambda e: [m.value for m in e], validate_strings=True)


class DocumentKind(str, enum.Enum):
    NIB = "nib"
    HALAL = "halal"
    PIRT = "pirt"
    BPOM = "bpom"
    SLHS = "slhs"


class Seller(db.Model):
    __tablename__ = "sellers"

    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(sa.ForeignKey("cities.id"), index=True)
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), unique=True)
    status: Mapped[SellerStatus] = mapped_column(str_enum(SellerStatus, "seller_status"),
                                                 default=SellerStatus.INVITED, index=True)
    invitation_code: Mapped[str] = mapped_column(sa.String(16), unique=True)
    # Registry data (from the Dinas) and the business profile (kept by the owner).
    business_name: Mapped[str] = mapped_column(sa.String(120))
    legal_name: Mapped[str] = mapped_column(sa.String(160), default="")
    owner_name: Mapped[str] = mapped_column(sa.String(120), default="")
    nib: Mapped[str | None] = mapped_column(sa.String(13), unique=True)
    npwp: Mapped[str | None] = mapped_column(sa.String(16))
    is_pkp: Mapped[bool] = mapped_column(default=False)
    scale: Mapped[BusinessScale | None] = mapped_column(str_enum(BusinessScale, "seller_scale"))  # PP 7/2021
    address: Mapped[str] = mapped_column(sa.Text, default="")
    kecamatan_id: Mapped[int | None] = mapped_column(sa.ForeignKey("kecamatan.id"), index=True)
    kelurahan: Mapped[str] = mapped_column(sa.String(80), default="")
    # "Kategori" of the Dinas registry, as the Dinas wrote it (free text, a hint for the verifier;
    # products have the real categories).
    registry_category: Mapped[str] = mapped_column(sa.String(80), default="")
    whatsapp: Mapped[str] = mapped_column(sa.String(15), default="")  # 628..., never public
    description: Mapped[str] = mapped_column(sa.Text, default="")
    logo_image_id: Mapped[int | None] = mapped_column(sa.ForeignKey("media_images.id"))
    # Private: never on a public page (UU PDP); shown masked to the owner and the Dinas.
    nik: Mapped[str | None] = mapped_column(sa.String(16))
    bank_name: Mapped[str] = mapped_column(sa.String(60), default="")
    bank_account_number: Mapped[str] = mapped_column(sa.String(30), default="")
    bank_account_holder: Mapped[str] = mapped_column(sa.String(120), default="")
    is_demo: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None]
    verified_at: Mapped[datetime | None]

    kecamatan: Mapped[Kecamatan | None] = relationship(lazy="raise")  # noqa: F821
    owner: Mapped[User | None] = relationship(lazy="raise")  # noqa: F821
    logo: Mapped[MediaImage | None] = relationship(lazy="raise")  # noqa: F821
    documents: Mapped[list[SellerDocument]] = relationship(
        back_populates="seller", lazy="raise", order_by="SellerDocument.id", cascade="all, delete-orphan")

    @property
    def is_verified(self) -> bool:
        return self.status is SellerStatus.VERIFIED

    @property
    def is_invited(self) -> bool:
        return self.status is SellerStatus.INVITED


class SellerDocument(db.Model):
    """A permit or certificate of the business, as a photo or a PDF, with its number and dates."""

    __tablename__ = "seller_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(sa.ForeignKey("sellers.id", ondelete="CASCADE"), index=True)
    kind: Mapped[DocumentKind] = mapped_column(str_enum(DocumentKind, "document_kind"))
    number: Mapped[str] = mapped_column(sa.String(40))
    issued_on: Mapped[date | None]
    expires_on: Mapped[date | None]
    file_key: Mapped[str] = mapped_column(sa.String(120))  # private storage key, served with checks
    content_type: Mapped[str] = mapped_column(sa.String(40))
    file_size: Mapped[int | None]  # bytes stored; None for rows older than the quota (read from storage)
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    flagged_expired_at: Mapped[datetime | None]

    seller: Mapped[Seller] = relationship(back_populates="documents", lazy="raise")


class SellerEvent(db.Model):
    """Append-only: every status change of a seller, with who, when and why."""

    __tablename__ = "seller_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(sa.ForeignKey("sellers.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))  # None: the system
    actor_role: Mapped[str] = mapped_column(sa.String(20))
    action: Mapped[str] = mapped_column(sa.String(30))
    from_status: Mapped[str] = mapped_column(sa.String(20))
    to_status: Mapped[str] = mapped_column(sa.String(20))
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    # Revision requests name the fields to fix: {"nib": "Nomor tidak cocok dengan dokumen", ...}
    field_reasons: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    actor: Mapped[User | None] = relationship(lazy="raise")  # noqa: F821

    @property
    def shows_dinas_note(self) -> bool:
        """A Dinas decision whose reasons the owner's dashboard shows."""
        return self.to_status in (SellerStatus.REVISION_REQUESTED, SellerStatus.REJECTED, SellerStatus.SUSPENDED)


register(Lifecycle(Seller, SELLER_TRANSITIONS, Party.SYSTEM, event=SellerEvent, event_key="seller_id"))
