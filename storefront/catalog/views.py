"""Public browsing: home, all products, a category, search results.

Every page here is served from the page cache to anonymous visitors (web/page_cache.py); the
models below are the ones whose changes these pages show.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _

from storefront.catalog import queries
from storefront.catalog.filters import MAX_PAGES, FilterForm
from storefront.catalog.models import Product, ProductPhoto
from storefront.catalog.urls import url_with
from storefront.extensions import db
from storefront.media.models import MediaDerivative, MediaImage
from storefront.reference.models import Category, City, Kecamatan, Unit
from storefront.sellers.models import Seller
from storefront.web import page_cache
from storefront.web.pagination import page_number

bp = Blueprint("catalog", __name__)
page_cache.watch(Product, ProductPhoto, Seller, Category, Kecamatan, Unit, City,
                 MediaImage, MediaDerivative)


@bp.get("/")
@page_cache.cached_page
def home():
    categories = db.session.scalars(
        sa.select(Category).where(Category.parent_id.is_(None), Category.active.is_(True))
        .order_by(Category.position)).all()
    city, product_count, seller_count = queries.home_summary()
    newest, halal = queries.home_products()
    return render_template("catalog/home.html", categories=categories, city=city, products=newest,
                           halal_products=halal, product_count=product_count, seller_count=seller_count)


@bp.get("/produk")
@page_cache.cached_page
def listing():
    return _results("catalog/listing.html")


@bp.get("/kategori/<slug>")
@page_cache.cached_page
def category(slug: str):
    current = _category_family(slug)
    if current is None:
        abort(404)
    return _results("catalog/listing.html", category=current)


@bp.get("/cari")
@page_cache.cached_page
def search():
    return _results("catalog/listing.html", searching=True)


def _category_family(slug: str) -> Category | None:
    """The active category with this slug, its children in `children` (one statement)."""
    if not slug or len(slug) > 80:
        return None
    family = db.session.scalars(
        sa.select(Category).where(Category.active.is_(True), sa.or_(
            Category.slug == slug,
            Category.parent_id == sa.select(Category.id).where(Category.slug == slug).scalar_subquery()))
        .order_by(Category.position)).all()
    current = next((c for c in family if c.slug == slug), None)
    if current is not None:
        current.children = [c for c in family if c is not current]
    return current


@bp.get("/search")
def search_alias():
    """The English address some visitors (and the issue) type; the page lives at /cari."""
    return redirect(url_for("catalog.search", **request.args.to_dict(flat=False)))


def _results(template: str, *, searching: bool = False, category: Category | None = None, seller=None,
             **context):
    form = FilterForm(request.args, with_relevance=searching or bool(request.args.get("q")))
    asked_category = request.args.get("kategori", "")
    if category is None and asked_category:
        category = _category_family(asked_category)
    family = [category, *category.children] if category is not None else []
    requested = page_number()
    query = form.to_query(page=min(requested, MAX_PAGES), category_ids=[c.id for c in family],
                          seller_id=seller.id if seller else None)
    if asked_category and category is None:
        form.kategori.errors = [_("Kategori ini tidak ada; produk semua kategori ditampilkan.")]
    found, match = queries.find(query)
    if requested > found.pages:
        return redirect(url_with(page=found.pages))
    facets = queries.facets(found) if found.total and not found.is_fallback else None
    return render_template(template, form=form, query=query, found=found, facets=facets,
                           products=queries.cards(found.ids), searching=searching, seller=seller,
                           category=category, **context)
