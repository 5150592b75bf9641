"""The pool of product photos the benchmark catalog reuses (bench_seed.py).

About forty packaging photos are drawn once with Pillow (demo/packaging.py) and stored through
the real upload pipeline (media.store_upload), owned by one bench account. Products then point
at pool images, so seeding 100,000 products processes no image beyond the pool.
"""
from __future__ import annotations

import io
import secrets
from dataclasses import dataclass

import sqlalchemy as sa

from storefront.accounts import services as accounts
from storefront.accounts.models import User
from storefront.accounts.roles import Role
from storefront.demo import packaging
from storefront.demo.bench_vocab import LEAVES
from storefront.extensions import db
from storefront.media.models import MediaImage
from storefront.media.services import store_upload

OWNER_EMAIL = "bench-owner@etalase.example"


@dataclass(frozen=True)
class PoolImage:
    id: int
    category_slug: str  # the category the photo was drawn for
    shape: str


def pool_owner() -> User:
    """The account that owns the pool images (created with a random password nobody knows)."""
    user = db.session.scalar(sa.select(User).where(User.email == OWNER_EMAIL))
    if user is None:
        user, _ = accounts.create_user(actor=None, email=OWNER_EMAIL, name="Akun benchmark (foto contoh)",
                                       role=Role.SELLER, opd_id=None, password=secrets.token_urlsafe(24))
    return user


def _plan(size: int) -> list[tuple[str, str, str]]:
    """(category slug, shape, view) of pool image i: categories in turn, then the next view."""
    slugs = list(LEAVES)
    return [(slugs[i % len(slugs)], LEAVES[slugs[i % len(slugs)]].shape,
             packaging.VIEWS[(i // len(slugs)) % len(packaging.VIEWS)]) for i in range(size)]


def image_pool(size: int) -> list[PoolImage]:
    """The bench owner's first `size` images, drawn and stored now if there are fewer. Flushes."""
    owner = pool_owner()
    existing = list(db.session.scalars(
        sa.select(MediaImage.id).where(MediaImage.owner_id == owner.id).order_by(MediaImage.id).limit(size)))
    plan = _plan(size)
    for index in range(len(existing), size):
        slug, shape, view = plan[index]
        leaf = LEAVES[slug]
        name = f"{leaf.nouns[index % len(leaf.nouns)]} {leaf.variants[0]}".title()
        spec = packaging.PhotoSpec(name, "Data benchmark Etalase", slug, shape, view=view,
                                   back_lines=(f"Foto contoh nomor {index + 1}", "Diproduksi di Kota Medan"))
        image = store_upload(io.BytesIO(packaging.draw_photo(spec)), owner=owner)
        existing.append(image.id)
    return [PoolImage(image_id, slug, shape) for image_id, (slug, shape, _) in zip(existing, plan, strict=True)]


def alt_text(product_name: str, shape: str, position: int) -> str:
    view = packaging.VIEWS[position % len(packaging.VIEWS)]
    text = packaging.alt_text(product_name, shape, view)
    return text if position < len(packaging.VIEWS) else f"{text}, foto {position + 1}"[:200]
