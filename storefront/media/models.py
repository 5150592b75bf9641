"""An uploaded image: the facts of the original (which is not kept) and one row per WebP derivative.

Derivatives are rows, not columns, so a page can load every size of many images in one query
(`selectinload(MediaImage.derivatives)`) and build `srcset`, and a new width needs no migration.
Relationships raise instead of lazy-loading: a page that forgot to load them fails in tests.
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront.extensions import db
from storefront.timeutil import utcnow


class MediaImage(db.Model):
    __tablename__ = "media_images"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    original_format: Mapped[str] = mapped_column(sa.String(10))  # JPEG, PNG, WEBP, GIF, HEIF
    # As displayed, after EXIF orientation.
    original_width: Mapped[int]
    original_height: Mapped[int]
    original_bytes: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    owner: Mapped[User] = relationship(lazy="raise")  # noqa: F821
    # The database deletes the rows with the image (ON DELETE CASCADE); unloaded ones stay unloaded.
    derivatives: Mapped[list[MediaDerivative]] = relationship(
        lazy="raise", back_populates="image", order_by="MediaDerivative.width",
        cascade="all, delete-orphan", passive_deletes=True)

    def derivative(self, width: int) -> MediaDerivative:
        """The smallest derivative at least `width` wide, else the largest (needs derivatives loaded)."""
        ordered = sorted(self.derivatives, key=lambda d: d.width)
        return next((d for d in ordered if d.width >= width), ordered[-1])


class MediaDerivative(db.Model):
    __tablename__ = "media_derivatives"
    __table_args__ = (sa.UniqueConstraint("image_id", "width", name="uq_media_derivatives_image_width"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    image_id: Mapped[int] = mapped_column(sa.ForeignKey("media_images.id", ondelete="CASCADE"))
    width: Mapped[int]
    height: Mapped[int]
    # Storage key, e.g. "ab/ab12….webp". Not unique: the same photo uploaded twice shares files.
    key: Mapped[str] = mapped_column(sa.String(200), index=True)
    bytes: Mapped[int]

    image: Mapped[MediaImage] = relationship(lazy="raise", back_populates="derivatives")
