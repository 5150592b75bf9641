"""The catalog's read side: what the public sees, each page in a fixed number of statements.

Results pages read `catalog_entries` (catalog/entries.py), one narrow row per public product:
one statement for the candidates (ids with the columns the facets count), one for the names of
the categories and kecamatan the facets show, one for the cards. None of them grows with the
data, and none joins products to sellers.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from storefront.catalog import search
from storefront.catalog.filters import MAX_PAGES, PER_PAGE, CatalogQuery
from storefront.catalog.models import CatalogEntry
from storefront.extensions import db
from storefront.listings.models import Product, ProductPhoto
from storefront.listings.visibility import public_product_filter
from storefront.media.models import MediaImage
from storefront.reference.models import Category, City, Kecamatan
from storefront.sellers.models import Seller
from storefront.sellers.workflow import SellerStatus

# The results statements use the table's columns, not the mapped attributes: they return plain
# rows, not entities, and skip the ORM's loading (a tenth of the listing's time at 1,201 rows).
ENTRY_COLUMNS = CatalogEntry.__table__.c
# What a candidate carries: its id and what the facets count.
CANDIDATE_COLUMNS = (ENTRY_COLUMNS.product_id, ENTRY_COLUMNS.category_id, ENTRY_COLUMNS.kecamatan_id,
                     ENTRY_COLUMNS.scale, ENTRY_COLUMNS.halal_badge)


def _conditions(query: CatalogQuery) -> list:
    conditions = []
    if query.category_ids:
        conditions.append(ENTRY_COLUMNS.category_id.in_(query.category_ids))
    if query.kecamatan_id is not None:
        conditions.append(ENTRY_COLUMNS.kecamatan_id == query.kecamatan_id)
    if query.halal_only:
        conditions.append(ENTRY_COLUMNS.halal_badge.is_(True))
    # Sorted by anything but price, the price range is tested on the rows the order's index gives
    # (it covers the price): "+ 0" keeps SQLite from range-scanning the price index instead and
    # sorting every match (250 ms against 3 ms for a category with a price range at 100,000).
    price = ENTRY_COLUMNS.price if query.sort in ("price_asc", "price_desc") else ENTRY_COLUMNS.price + 0
    if query.price_min is not None:
        conditions.append(price >= query.price_min)
    if query.price_max is not None:
        conditions.append(price <= query.price_max)
    if query.max_lead_days is not None:
        conditions.append(ENTRY_COLUMNS.lead_time_days <= query.max_lead_days)
    if query.scale is not None:
        conditions.append(ENTRY_COLUMNS.scale == query.scale)
    if query.seller_id is not None:
        conditions.append(ENTRY_COLUMNS.seller_id == query.seller_id)
    return conditions


def _order(query: CatalogQuery) -> list:
    if query.sort == "price_asc":
        return [ENTRY_COLUMNS.price, ENTRY_COLUMNS.product_id]
    if query.sort == "price_desc":
        return [ENTRY_COLUMNS.price.desc(), ENTRY_COLUMNS.product_id.desc()]
    return [ENTRY_COLUMNS.published_at.desc(), ENTRY_COLUMNS.product_id.desc()]


# Results are read as one bounded list of candidates: every reachable page (MAX_PAGES) plus
# one to tell "more than that". Deep pages then cost what the first costs, the total needs
# no count over the whole catalog, and the facets are counted over these rows.
CANDIDATES = MAX_PAGES * PER_PAGE + 1
# Best-ranked name matches kept before joining the entries (SQLite, where the index is a separate
# table): without filters, the first CANDIDATES of them are the stage's rows anyway.
RANKED_MATCHES = CANDIDATES


@dataclass
class Found:
    """The candidates in order (at most CANDIDATES), the page asked for, and how found."""

    rows: list  # (product_id, category_id, kecamatan_id, scale, halal_badge)
    page: int
    is_fallback: bool = False

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def is_capped(self) -> bool:
        """More results than a visitor can page through: the total shows as "more than"."""
        return len(self.rows) >= CANDIDATES

    @property
    def pages(self) -> int:
        return min(MAX_PAGES, max(1, -(-self.total // PER_PAGE)))

    @property
    def ids(self) -> list[int]:
        start = (self.page - 1) * PER_PAGE
        return [row[0] for row in self.rows[start:start + PER_PAGE]]


def find(query: CatalogQuery) -> tuple[Found, search.TextMatch | None]:
    """The results the query asks for; with text, falls back to typo matching when the exact
    words match nothing."""
    match = search.text_match(query.text) if query.text else None
    if query.text and match is None:  # only punctuation or symbols: nothing can match
        return Found([], query.page), None
    found = _candidates(query, match)
    if not found.rows and match is not None:
        fallback = search.typo_match(query.text)
        if fallback is not None:
            found = _candidates(query, fallback)
            found.is_fallback = True
            match = fallback
    return found, match


def _candidates(query: CatalogQuery, match: search.TextMatch | None) -> Found:
    conditions = _conditions(query)
    if match is None or query.sort != "relevance":
        if match is not None:
            conditions.append(search.condition(match))
        stmt = sa.select(*CANDIDATE_COLUMNS).where(*conditions).order_by(*_order(query)).limit(CANDIDATES)
        return Found(db.session.execute(stmt).all(), query.page)
    # Each stage read in its own cheap order and cut, then the stages one after another. Each
    # stage reads CANDIDATES rows, so whatever the earlier stages found, enough new ones remain.
    best = RANKED_MATCHES if query.filters_only_text else None
    parts = []
    for number, stage in enumerate(search.stages(match, best)):
        part = stage.narrow(sa.select(*CANDIDATE_COLUMNS, sa.literal(number).label("stage"), stage.key.label("key"))
                            .where(*conditions)).order_by(*stage.order).limit(CANDIDATES).subquery()
        parts.append(sa.select(part))  # SQLite refuses ORDER BY/LIMIT inside a bare UNION
    stages = sa.union_all(*parts).subquery("stages")
    stmt = (sa.select(*(stages.c[column.key] for column in CANDIDATE_COLUMNS))
            .order_by(stages.c.stage, stages.c.key, stages.c.product_id))
    seen, rows = set(), []
    for row in db.session.execute(stmt):
        if row[0] not in seen:
            seen.add(row[0])
            rows.append(row)
            if len(rows) == CANDIDATES:
                break
    return Found(rows, query.page)


# --- facets --------------------------------------------------------------------------------------

@dataclass
class Facets:
    categories: dict[int, dict] = field(default_factory=dict)  # id -> {slug, name_id, name_en, parent_id, count}
    kecamatan: dict[int, dict] = field(default_factory=dict)   # id -> {name, count}
    scales: dict[str, int] = field(default_factory=dict)
    halal_certified: int = 0
    total: int = 0


def _facet_names() -> sa.CompoundSelect:
    """The categories counted (with their parents) and the kecamatan counted, by id lists bound
    at execution: built once, as building it costs more than running it."""
    categories = sa.bindparam("categories", expanding=True)
    parents = sa.select(Category.parent_id).where(Category.id.in_(categories))
    return sa.union_all(
        sa.select(sa.literal("c").label("kind"), Category.id, Category.parent_id, Category.slug,
                  Category.name_id, Category.name_en)
        .where(sa.or_(Category.id.in_(categories), Category.id.in_(parents))),
        sa.select(sa.literal("k"), Kecamatan.id, sa.cast(sa.null(), sa.Integer), sa.cast(sa.null(), sa.String),
                  Kecamatan.name, sa.cast(sa.null(), sa.String))
        .where(Kecamatan.id.in_(sa.bindparam("kecamatan", expanding=True))))


_FACET_NAMES = _facet_names()


def facets(found: Found) -> Facets:
    """Counts per category (a parent counts its children's), kecamatan, scale and halal badge
    among the candidates, counted here; one statement fetches the names. Exact when the results
    are not capped; otherwise the pages show the options without counts."""
    _, categories, kecamatan, scales, halal = zip(*found.rows, strict=True) if found.rows else ((),) * 5
    by_category, by_kecamatan = Counter(categories), Counter(kecamatan)
    by_kecamatan.pop(None, None)
    result = Facets(total=found.total, halal_certified=sum(map(bool, halal)),
                    scales={scale: count for scale, count in Counter(scales).items() if scale})
    rows = db.session.execute(_FACET_NAMES, {"categories": sorted(by_category), "kecamatan": sorted(by_kecamatan)})
    for kind, key, parent_id, slug, name, name_en in rows:
        if kind == "k":
            result.kecamatan[key] = {"name": name, "count": by_kecamatan[key]}
        else:
            result.categories[key] = {"slug": slug, "name_id": name, "name_en": name_en,
                                      "parent_id": parent_id, "count": by_category.get(key, 0)}
    for key, count in by_category.items():
        parent_id = result.categories.get(key, {}).get("parent_id")
        if parent_id in result.categories:
            result.categories[parent_id]["count"] += count
    return result


# --- cards and pages -----------------------------------------------------------------------------

def cards(ids: list[int]) -> list[CatalogEntry]:
    """The entries of a results page, in the given order: one statement."""
    if not ids:
        return []
    by_id = {entry.product_id: entry
             for entry in db.session.scalars(sa.select(CatalogEntry).where(CatalogEntry.product_id.in_(ids)))}
    return [by_id[i] for i in ids if i in by_id]


def home_products(limit: int = 8) -> tuple[list[CatalogEntry], list[CatalogEntry]]:
    """(newest, newest halal-certified): both shelves of the home page in one statement."""
    newest = sa.select(ENTRY_COLUMNS.product_id).order_by(*_order(CatalogQuery())).limit(limit)
    halal = (sa.select(ENTRY_COLUMNS.product_id).where(ENTRY_COLUMNS.halal_badge.is_(True))
             .order_by(*_order(CatalogQuery())).limit(limit))
    # Each shelf in its own subquery: SQLite refuses ORDER BY/LIMIT inside a bare UNION.
    shelves = [shelf.subquery() for shelf in (newest, halal)]
    wanted = sa.union(*(sa.select(shelf.c.product_id) for shelf in shelves)).subquery()
    entries = list(db.session.scalars(
        sa.select(CatalogEntry).where(CatalogEntry.product_id.in_(sa.select(wanted.c.product_id)))))
    entries.sort(key=lambda e: (e.published_at, e.product_id), reverse=True)
    return entries[:limit], [e for e in entries if e.halal_badge][:limit]


def home_summary() -> tuple[City | None, int, int]:
    """The city with live counts: public products, and the verified sellers they belong to."""
    products = sa.select(sa.func.count()).select_from(CatalogEntry).scalar_subquery()
    sellers = sa.select(sa.func.count(sa.distinct(CatalogEntry.seller_id))).scalar_subquery()
    row = db.session.execute(sa.select(City, products, sellers).order_by(City.id).limit(1)).first()
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
