"""The catalog's read side: what the public sees, each page in a fixed number of statements.

A results page costs one statement for the page of ids (with the total, by a window
function), one for the facet counts and one for the cards; none of them grows with the data.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from storefront.catalog import search
from storefront.catalog.filters import MAX_PAGES, PER_PAGE, CatalogQuery
from storefront.catalog.models import Product, ProductPhoto
from storefront.extensions import db
from storefront.media.models import MediaImage
from storefront.reference.models import Category, City, Kecamatan
from storefront.sellers.halal.statuses import CERTIFIED
from storefront.sellers.models import Seller
from storefront.sellers.visibility import public_product_filter
from storefront.sellers.workflow import SellerStatus


def halal_badge_clause() -> sa.ColumnElement[bool]:
    """SQL twin of halal.shows_halal_badge (a test keeps them in agreement): a certified status
    with a BPJPH number, `ID` and 15-18 digits (stored numbers are normalised)."""
    number = Product.halal_certificate_number
    return sa.and_(Product.halal_status.in_(CERTIFIED), number.like("ID%"),
                   sa.func.length(number).between(17, 20),
                   sa.func.ltrim(sa.func.substr(number, 3), "0123456789") == "")


def _filtered(columns, query: CatalogQuery, match: search.TextMatch | None):
    stmt = sa.select(*columns).select_from(Product).join(Product.seller).where(public_product_filter())
    if match is not None:
        stmt = match.apply(stmt)
    conditions = []
    if query.category_ids:
        conditions.append(Product.category_id.in_(query.category_ids))
    if query.kecamatan_id is not None:
        conditions.append(Seller.kecamatan_id == query.kecamatan_id)
    if query.halal_only:
        conditions.append(halal_badge_clause())
    if query.price_min is not None:
        conditions.append(Product.price >= query.price_min)
    if query.price_max is not None:
        conditions.append(Product.price <= query.price_max)
    if query.max_lead_days is not None:
        conditions.append(Product.lead_time_days <= query.max_lead_days)
    if query.scale is not None:
        conditions.append(Seller.scale == query.scale)
    if query.seller_id is not None:
        conditions.append(Product.seller_id == query.seller_id)
    return stmt.where(*conditions)


def _order(query: CatalogQuery, match: search.TextMatch | None) -> list:
    if query.sort == "relevance" and match is not None:
        return [match.rank, Product.id]
    if query.sort == "price_asc":
        return [Product.price, Product.id]
    if query.sort == "price_desc":
        return [Product.price.desc(), Product.id.desc()]
    return [Product.published_at.desc(), Product.id.desc()]


@dataclass
class Found:
    """One page of matching product ids, in order, with the total and how they were found."""

    ids: list[int]
    total: int
    page: int
    is_fallback: bool = False

    @property
    def pages(self) -> int:
        return min(MAX_PAGES, max(1, -(-self.total // PER_PAGE)))


def find(query: CatalogQuery) -> tuple[Found, search.TextMatch | None]:
    """The page of products the query asks for; with text, falls back to typo matching when
    the exact words match nothing."""
    match = search.text_match(query.text) if query.text else None
    if query.text and match is None:  # only punctuation or symbols: nothing can match
        return Found([], 0, query.page), None
    found = _page(query, match)
    if found.total == 0 and match is not None and query.page == 1:
        fallback = search.typo_match(query.text)
        if fallback is not None:
            found = _page(query, fallback)
            found.is_fallback = True
            match = fallback
    return found, match


def _page(query: CatalogQuery, match) -> Found:
    stmt = (_filtered([Product.id, sa.func.count().over().label("total")], query, match)
            .order_by(*_order(query, match)).limit(PER_PAGE).offset(query.offset))
    rows = db.session.execute(stmt).all()
    if not rows and query.page > 1:
        # Past the end: the caller sends the visitor to the last page, so it needs the total.
        total = db.session.scalar(_filtered([sa.func.count()], query, match))
        return Found([], total or 0, query.page)
    return Found([row.id for row in rows], rows[0].total if rows else 0, query.page)


# --- facets --------------------------------------------------------------------------------------

@dataclass
class Facets:
    categories: dict[int, dict] = field(default_factory=dict)  # id -> {name, count, parent_id}
    kecamatan: dict[int, dict] = field(default_factory=dict)   # id -> {name, count}
    scales: dict[str, int] = field(default_factory=dict)
    halal_certified: int = 0
    total: int = 0


def facets(query: CatalogQuery, match: search.TextMatch | None) -> Facets:
    """Counts per category, kecamatan, scale and halal badge within the current results, in
    one grouped statement (names joined in, so no lookups follow)."""
    parent = sa.orm.aliased(Category)
    halal = sa.case((halal_badge_clause(), 1), else_=0).label("halal")
    columns = [Category.id, Category.slug, Category.name_id, Category.name_en, Category.parent_id,
               parent.slug.label("parent_slug"), parent.name_id.label("parent_name_id"),
               parent.name_en.label("parent_name_en"),
               Kecamatan.id.label("kecamatan_id"), Kecamatan.name.label("kecamatan_name"),
               Seller.scale, halal, sa.func.count().label("n")]
    stmt = (_filtered(columns, query, match).join(Category, Category.id == Product.category_id)
            .outerjoin(parent, parent.id == Category.parent_id)
            .outerjoin(Kecamatan, Kecamatan.id == Seller.kecamatan_id)
            .group_by(*columns[:-1]))
    result = Facets()
    for row in db.session.execute(stmt):
        _add(result.categories, row.id, row.n, slug=row.slug, name_id=row.name_id, name_en=row.name_en,
             parent_id=row.parent_id)
        if row.parent_id is not None:
            _add(result.categories, row.parent_id, row.n, slug=row.parent_slug, name_id=row.parent_name_id,
                 name_en=row.parent_name_en, parent_id=None)
        if row.kecamatan_id is not None:
            _add(result.kecamatan, row.kecamatan_id, row.n, name=row.kecamatan_name)
        if row.scale is not None:
            key = getattr(row.scale, "value", row.scale)
            result.scales[key] = result.scales.get(key, 0) + row.n
        result.halal_certified += row.n if row.halal else 0
        result.total += row.n
    return result


def _add(bucket: dict, key, count: int, **labels) -> None:
    entry = bucket.setdefault(key, {"count": 0, **labels})
    entry["count"] += count


# --- cards and pages -----------------------------------------------------------------------------

def _card_options():
    return (contains_eager(Product.seller), joinedload(Product.unit),
            joinedload(Product.photos).joinedload(ProductPhoto.image).joinedload(MediaImage.derivatives))


def cards(ids: list[int]) -> list[Product]:
    """The products of a results page, in the given order, with what a card shows: one statement."""
    if not ids:
        return []
    products = db.session.scalars(
        sa.select(Product).join(Product.seller).where(Product.id.in_(ids), public_product_filter())
        .options(*_card_options())).unique().all()
    by_id = {product.id: product for product in products}
    return [by_id[i] for i in ids if i in by_id]


def home_products(limit: int = 8) -> tuple[list[Product], list[Product]]:
    """(newest, newest halal-certified): both shelves of the home page in one statement."""
    newest = _filtered([Product.id], CatalogQuery(), None).order_by(*_order(CatalogQuery(), None)).limit(limit)
    halal = (_filtered([Product.id], CatalogQuery(halal_only=True), None)
             .order_by(*_order(CatalogQuery(), None)).limit(limit))
    # Each shelf in its own subquery: SQLite refuses ORDER BY/LIMIT inside a bare UNION.
    shelves = [shelf.subquery() for shelf in (newest, halal)]
    wanted = sa.union(*(sa.select(shelf.c.id) for shelf in shelves)).subquery()
    products = db.session.scalars(
        sa.select(Product).join(Product.seller).where(Product.id.in_(sa.select(wanted.c.id)))
        .options(*_card_options())).unique().all()
    products.sort(key=lambda p: (p.published_at, p.id), reverse=True)
    return products[:limit], [p for p in products if p.shows_halal_badge][:limit]


def home_summary() -> tuple[City | None, int, int]:
    """The city with live counts: public products, and verified sellers that have one."""
    public = sa.select(Product.id).join(Product.seller).where(public_product_filter())
    product_count = sa.select(sa.func.count()).select_from(public.subquery()).scalar_subquery()
    seller_count = (sa.select(sa.func.count(sa.distinct(Product.seller_id))).join(Product.seller)
                    .where(public_product_filter()).scalar_subquery())
    row = db.session.execute(sa.select(City, product_count, seller_count).order_by(City.id).limit(1)).first()
    if row is None:
        return None, 0, 0
    return row[0], row[1], row[2]


def product_page(product_id: int) -> Product | None:
    """A public product with everything its page shows, in two statements."""
    return db.session.scalar(
        sa.select(Product).join(Product.seller).where(Product.id == product_id, public_product_filter())
        .options(contains_eager(Product.seller).joinedload(Seller.kecamatan),
                 contains_eager(Product.seller).joinedload(Seller.logo).joinedload(MediaImage.derivatives),
                 joinedload(Product.unit), joinedload(Product.category).joinedload(Category.parent),
                 joinedload(Product.photos).joinedload(ProductPhoto.image).joinedload(MediaImage.derivatives),
                 selectinload(Product.delivery_kecamatan)))


def public_seller(seller_id: int) -> Seller | None:
    return db.session.scalar(
        sa.select(Seller).where(Seller.id == seller_id, Seller.status == SellerStatus.VERIFIED)
        .options(joinedload(Seller.kecamatan), joinedload(Seller.logo).joinedload(MediaImage.derivatives)))


def compared(ids: list[int]) -> list[Product]:
    """Products side by side (public ones only), with their categories."""
    if not ids:
        return []
    products = db.session.scalars(
        sa.select(Product).join(Product.seller).where(Product.id.in_(ids), public_product_filter())
        .options(contains_eager(Product.seller).joinedload(Seller.kecamatan), joinedload(Product.unit),
                 joinedload(Product.category),
                 joinedload(Product.photos).joinedload(ProductPhoto.image).joinedload(MediaImage.derivatives))
    ).unique().all()
    by_id = {product.id: product for product in products}
    return [by_id[i] for i in ids if i in by_id]
