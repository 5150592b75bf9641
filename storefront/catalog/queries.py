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
from storefront.sellers.workflow import ProductStatus, SellerStatus


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


# Results are read as one bounded list of candidate ids: every reachable page (MAX_PAGES) plus
# one id to tell "more than that". Deep pages then cost what the first costs, the total needs
# no count over the whole catalog, and the facets are counted over these ids only.
CANDIDATES = MAX_PAGES * PER_PAGE + 1
# Best-ranked text matches considered before the visibility filter: enough that CANDIDATES
# public ones remain even if many matches belong to hidden products.
RANKED_MATCHES = 4 * CANDIDATES


@dataclass
class Found:
    """The candidate ids in order (at most CANDIDATES), the page asked for, and how found."""

    candidates: list[int]
    page: int
    is_fallback: bool = False

    @property
    def total(self) -> int:
        return len(self.candidates)

    @property
    def is_capped(self) -> bool:
        """More results than a visitor can page through: the total shows as "more than"."""
        return len(self.candidates) >= CANDIDATES

    @property
    def pages(self) -> int:
        return min(MAX_PAGES, max(1, -(-self.total // PER_PAGE)))

    @property
    def ids(self) -> list[int]:
        start = (self.page - 1) * PER_PAGE
        return self.candidates[start:start + PER_PAGE]


def find(query: CatalogQuery) -> tuple[Found, search.TextMatch | None]:
    """The results the query asks for; with text, falls back to typo matching when the exact
    words match nothing."""
    plain_relevance = query.sort == "relevance" and query.filters_only_text
    match = search.text_match(query.text, best=RANKED_MATCHES if plain_relevance else None) if query.text else None
    if query.text and match is None:  # only punctuation or symbols: nothing can match
        return Found([], query.page), None
    found = _candidates(query, match)
    if not found.candidates and match is not None:
        fallback = search.typo_match(query.text)
        if fallback is not None:
            found = _candidates(query, fallback)
            found.is_fallback = True
            match = fallback
    return found, match


def _candidates(query: CatalogQuery, match) -> Found:
    stmt = _filtered([Product.id], query, match).order_by(*_order(query, match)).limit(CANDIDATES)
    return Found(list(db.session.scalars(stmt)), query.page)


# --- facets --------------------------------------------------------------------------------------

@dataclass
class Facets:
    categories: dict[int, dict] = field(default_factory=dict)  # id -> {name, count, parent_id}
    kecamatan: dict[int, dict] = field(default_factory=dict)   # id -> {name, count}
    scales: dict[str, int] = field(default_factory=dict)
    halal_certified: int = 0
    total: int = 0


def facets(found: Found) -> Facets:
    """Counts per category, kecamatan, scale and halal badge among the candidates: one
    statement of four small groupings (names joined in, so no lookups follow). Exact when the
    results are not capped; otherwise the pages show the options without counts."""
    chosen = sa.select(Product.id).where(Product.id.in_(found.candidates)).cte("chosen")
    parent = sa.orm.aliased(Category)
    n = sa.func.count().label("n")
    none = sa.null()

    def grouped(kind: str, key, label, *more, joins=()):
        stmt = sa.select(sa.literal(kind).label("kind"), key.label("key"), label.label("label"), *more, n)
        stmt = stmt.select_from(chosen).join(Product, Product.id == chosen.c.id)
        for target, condition in joins:
            # LEFT joins keep SQLite starting from the few chosen ids (an inner join let it
            # start from kecamatan and walk every product of the city).
            stmt = stmt.outerjoin(target, condition)
        return stmt.group_by(key, label, *more)

    by_seller = [(Seller, Seller.id == Product.seller_id)]
    text = sa.String
    statement = sa.union_all(
        grouped("category", Category.id, Category.name_id, Category.slug, Category.name_en, Category.parent_id,
                parent.slug, parent.name_id, parent.name_en,
                joins=[(Category, Category.id == Product.category_id)]).outerjoin(parent, parent.id == Category.parent_id),
        grouped("kecamatan", Kecamatan.id, Kecamatan.name, *[sa.cast(none, text)] * 2, sa.cast(none, sa.Integer),
                *[sa.cast(none, text)] * 3,
                joins=[*by_seller, (Kecamatan, Kecamatan.id == Seller.kecamatan_id)]),
        grouped("scale", sa.cast(none, sa.Integer), sa.cast(Seller.scale, text), *[sa.cast(none, text)] * 2,
                sa.cast(none, sa.Integer), *[sa.cast(none, text)] * 3, joins=by_seller),
        grouped("halal", sa.cast(none, sa.Integer), sa.cast(sa.case((halal_badge_clause(), "y"), else_="n"), text),
                *[sa.cast(none, text)] * 2, sa.cast(none, sa.Integer), *[sa.cast(none, text)] * 3),
    )
    result = Facets(total=found.total)
    for kind, key, label, slug, name_en, parent_id, parent_slug, parent_name_id, parent_name_en, count \
            in db.session.execute(statement):
        if kind == "category":
            _add(result.categories, key, count, slug=slug, name_id=label, name_en=name_en, parent_id=parent_id)
            if parent_id is not None:
                _add(result.categories, parent_id, count, slug=parent_slug, name_id=parent_name_id,
                     name_en=parent_name_en, parent_id=None)
        elif kind == "kecamatan" and key is not None:
            _add(result.kecamatan, key, count, name=label)
        elif kind == "scale" and label:
            result.scales[label] = count
        elif kind == "halal" and label == "y":
            result.halal_certified = count
    return result


def _add(bucket: dict, key, count: int, **labels) -> None:
    entry = bucket.setdefault(key, {"count": 0, **labels})
    entry["count"] += count


# --- cards and pages -----------------------------------------------------------------------------

def _card_options():
    # A card shows the primary photo only: loading the others would multiply the rows.
    return (contains_eager(Product.seller), joinedload(Product.unit),
            joinedload(Product.photos.and_(ProductPhoto.is_primary.is_(True)))
            .joinedload(ProductPhoto.image).joinedload(MediaImage.derivatives))


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
    product_count = (sa.select(sa.func.count()).select_from(Product).join(Product.seller)
                     .where(public_product_filter()).scalar_subquery())
    with_public = sa.select(Product.seller_id).where(Product.status == ProductStatus.PUBLISHED)
    seller_count = (sa.select(sa.func.count()).select_from(Seller)
                    .where(Seller.status == SellerStatus.VERIFIED, Seller.id.in_(with_public)).scalar_subquery())
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
