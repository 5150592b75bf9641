"""Purchase requests: the cart, the request with its frozen items, its append-only events, the
documents issued for it (frozen), the payment, the rating, and in-app notices.

Money is whole rupiah. A request belongs to one OPD and one seller; its items keep the product as
ordered (docs/domain.md, "Purchase requests": later edits never change what was ordered).
"""
from __future__ import annotations

import enum
from datetime import date, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront.extensions import db
from storefront.lifecycle_engine import Lifecycle, register
from storefront.procurement.errors import request_changed
from storefront.procurement.workflow import TRANSITIONS, Party, RequestStatus
from storefront.sellers.models import str_enum
from storefront.timeutil import utcnow

# Bounds of what a request may say: a quantity, a unit price, and a total (Rp100 triliun: far above
# any UMKM order, and within what the documents write out).
MAX_QUANTITY, MAX_UNIT_PRICE, MAX_TOTAL = 1_000_000, 10_000_000_000, 10**14


class PaymentMethod(str, enum.Enum):
    SP2D_LS = "sp2d_ls"      # Surat Perintah Pencairan Dana, langsung to the seller
    UP_GU = "up_gu"          # uang persediaan / ganti uang, by the bendahara
    KKPD = "kkpd"            # Kartu Kredit Pemerintah Daerah
    TRANSFER = "transfer"    # other bank transfer


class CartItem(db.Model):
    """A product a pemesan means to request, with the quantity (the cart is the draft)."""

    __tablename__ = "cart_items"
    __table_args__ = (sa.UniqueConstraint("user_id", "product_id", name="uq_cart_items_user_product"),
                      sa.CheckConstraint("quantity > 0", name="quantity_positive"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id", ondelete="CASCADE"))
    quantity: Mapped[int]
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The key of the product page's form that last added to this line: the same form posted twice
    # (a double click, a retry) adds once; a new visit to the page adds again (ordering.add).
    add_key: Mapped[str | None] = mapped_column(sa.String(64))

    product: Mapped[Product] = relationship(lazy="raise")  # noqa: F821


class PurchaseRequest(db.Model):
    __tablename__ = "purchase_requests"
    __table_args__ = (
        # The same submitted form makes the same requests, once: one per seller per token.
        sa.UniqueConstraint("idempotency_key", "seller_id", name="uq_purchase_requests_idempotency_seller"),
        sa.Index("ix_purchase_requests_opd_status", "opd_id", "status"),
        sa.Index("ix_purchase_requests_seller_status", "seller_id", "status"),
        sa.CheckConstraint("total > 0", name="total_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(sa.String(30), unique=True)  # PP-2026-000123
    status: Mapped[RequestStatus] = mapped_column(str_enum(RequestStatus, "request_status"),
                                                  default=RequestStatus.SUBMITTED)
    opd_id: Mapped[int] = mapped_column(sa.ForeignKey("opds.id"))
    seller_id: Mapped[int] = mapped_column(sa.ForeignKey("sellers.id"))
    submitted_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    ppk_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    idempotency_key: Mapped[str] = mapped_column(sa.String(64))
    # Budget reference.
    kode_rekening: Mapped[str] = mapped_column(sa.String(60))
    rup_code: Mapped[str] = mapped_column(sa.String(30))
    fiscal_year: Mapped[int]
    # Delivery.
    delivery_address: Mapped[str] = mapped_column(sa.Text)
    delivery_kecamatan_id: Mapped[int] = mapped_column(sa.ForeignKey("kecamatan.id"))
    recipient_name: Mapped[str] = mapped_column(sa.String(120))
    recipient_phone: Mapped[str] = mapped_column(sa.String(20))
    needed_on: Mapped[date]
    window_start: Mapped[time]
    window_end: Mapped[time]
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    total: Mapped[int] = mapped_column(sa.BigInteger)           # as ordered (or as countered)
    accepted_total: Mapped[int | None] = mapped_column(sa.BigInteger)  # after inspection (partial)
    # The seller's counter-offer, waiting for the pemesan: {"items": {item_id: [qty, price]},
    # "needed_on": "2026-12-20", "note": "..."}.
    counter_offer: Mapped[dict | None] = mapped_column(sa.JSON)
    # Documents.
    sp_number: Mapped[str | None] = mapped_column(sa.String(60))
    sp_issued_at: Mapped[datetime | None]
    shipping_note: Mapped[str] = mapped_column(sa.Text, default="")
    shipping_photo_key: Mapped[str | None] = mapped_column(sa.String(120))
    inspection: Mapped[dict | None] = mapped_column(sa.JSON)  # {quantity_ok, quality_ok, on_time, note}
    bast_number: Mapped[str | None] = mapped_column(sa.String(60))
    bast_signed_at: Mapped[datetime | None]
    # When the party it waits for must answer by (SUBMITTED, APPROVED, COUNTERED), else None.
    respond_by: Mapped[datetime | None] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    items: Mapped[list[RequestItem]] = relationship(
        back_populates="request", lazy="raise", order_by="RequestItem.id", cascade="all, delete-orphan")
    events: Mapped[list[RequestEvent]] = relationship(
        back_populates="request", lazy="raise", order_by="RequestEvent.id")
    payment: Mapped[Payment | None] = relationship(back_populates="request", lazy="raise")
    rating: Mapped[Rating | None] = relationship(back_populates="request", lazy="raise")
    opd: Mapped[Opd] = relationship(lazy="raise")  # noqa: F821
    seller: Mapped[Seller] = relationship(lazy="raise")  # noqa: F821
    submitted_by: Mapped[User] = relationship(lazy="raise", foreign_keys=[submitted_by_id])  # noqa: F821
    ppk: Mapped[User] = relationship(lazy="raise", foreign_keys=[ppk_id])  # noqa: F821


class RequestItem(db.Model):
    """One line, with the product frozen as it was ordered."""

    __tablename__ = "request_items"
    __table_args__ = (sa.CheckConstraint("quantity > 0", name="quantity_positive"),
                      sa.CheckConstraint("unit_price > 0", name="unit_price_positive"))

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("purchase_requests.id", ondelete="CASCADE"), index=True)
    product_id: Mapped[int | None] = mapped_column(sa.ForeignKey("products.id", ondelete="SET NULL"))
    quantity: Mapped[int]
    accepted_quantity: Mapped[int | None]  # set at inspection
    # The snapshot.
    name: Mapped[str] = mapped_column(sa.String(120))
    unit_name: Mapped[str] = mapped_column(sa.String(60))
    unit_price: Mapped[int] = mapped_column(sa.BigInteger)
    price_includes_ppn: Mapped[bool]
    seller_is_pkp: Mapped[bool]
    halal_status: Mapped[str] = mapped_column(sa.String(30))
    halal_certificate_number: Mapped[str] = mapped_column(sa.String(24), default="")
    photo_key: Mapped[str] = mapped_column(sa.String(200), default="")  # content-hash key of the 320 px photo

    request: Mapped[PurchaseRequest] = relationship(back_populates="items", lazy="raise")

    @property
    def line_total(self) -> int:
        return self.quantity * self.unit_price


class RequestEvent(db.Model):
    """Append-only: who did what to a request, as which role, when, from which status to which,
    from where, and why. Written by storefront/lifecycle_engine.py; nothing updates or deletes these rows."""

    __tablename__ = "request_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("purchase_requests.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))  # None: the system
    actor_role: Mapped[str] = mapped_column(sa.String(20))
    action: Mapped[str] = mapped_column(sa.String(30))
    from_status: Mapped[str] = mapped_column(sa.String(20))
    to_status: Mapped[str] = mapped_column(sa.String(20))
    reason_code: Mapped[str] = mapped_column(sa.String(30), default="")
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    details: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    ip_address: Mapped[str] = mapped_column(sa.String(45), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    request: Mapped[PurchaseRequest] = relationship(back_populates="events", lazy="raise")
    actor: Mapped[User | None] = relationship(lazy="raise")  # noqa: F821


register(Lifecycle(PurchaseRequest, TRANSITIONS, Party.SYSTEM, event=RequestEvent, event_key="request_id",
                   changed_meanwhile=request_changed))


class IssuedDocument(db.Model):
    """A Surat Pesanan or BAST as it was issued: every fact it states, frozen, and their fingerprint.

    The PDF is always drawn from these facts and the QR page verifies against them, so a renamed
    PPK, OPD or seller, or any later change to the request, never alters or un-verifies a printed
    document. Append-only: a new Surat Pesanan after a counter-offer is a new row."""

    __tablename__ = "issued_documents"
    __table_args__ = (sa.Index("ix_issued_documents_request_kind", "request_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("purchase_requests.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(10))  # documents.KINDS: "sp", "bast"
    number: Mapped[str] = mapped_column(sa.String(60))
    facts: Mapped[dict] = mapped_column(sa.JSON)
    digest: Mapped[str] = mapped_column(sa.String(64))  # SHA-256 of the facts as canonical JSON
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)


class Payment(db.Model):
    """The payment the bendahara made outside Etalase, recorded with its proof."""

    __tablename__ = "payments"
    __table_args__ = (sa.CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("purchase_requests.id", ondelete="CASCADE"), unique=True)
    method: Mapped[PaymentMethod] = mapped_column(str_enum(PaymentMethod, "payment_method"))
    paid_on: Mapped[date]
    amount: Mapped[int] = mapped_column(sa.BigInteger)
    reference: Mapped[str] = mapped_column(sa.String(60), default="")  # SP2D number, transfer reference
    proof_key: Mapped[str] = mapped_column(sa.String(120))  # private document storage
    proof_content_type: Mapped[str] = mapped_column(sa.String(40))
    recorded_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[datetime | None]  # the seller saw the money arrive

    request: Mapped[PurchaseRequest] = relationship(back_populates="payment", lazy="raise")


class Rating(db.Model):
    """The buyer's rating after completion (1-5 each), with the seller's right to reply."""

    __tablename__ = "ratings"
    __table_args__ = tuple(sa.CheckConstraint(f"{name} BETWEEN 1 AND 5", name=f"{name}_range")
                           for name in ("on_time", "as_described", "quality"))

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("purchase_requests.id", ondelete="CASCADE"), unique=True)
    seller_id: Mapped[int] = mapped_column(sa.ForeignKey("sellers.id"), index=True)
    on_time: Mapped[int]
    as_described: Mapped[int]
    quality: Mapped[int]
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    rated_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    reply: Mapped[str] = mapped_column(sa.Text, default="")
    replied_at: Mapped[datetime | None]

    request: Mapped[PurchaseRequest] = relationship(back_populates="rating", lazy="raise")


class Notice(db.Model):
    """An in-app notice: something waits for this user (the same text went out by email)."""

    __tablename__ = "notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    request_id: Mapped[int | None] = mapped_column(sa.ForeignKey("purchase_requests.id", ondelete="CASCADE"))
    message: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]


class Holiday(db.Model):
    """A day off that does not count as a working day for response deadlines (configurable)."""

    __tablename__ = "holidays"

    day: Mapped[date] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120))
