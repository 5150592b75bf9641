"""Public browsing: home, all products, a category, search results.

Every page here is served from the page cache to anonymous visitors (web/page_cache.py); the
models below are the ones whose changes these pages show.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, redirect, render_template, request

from storefront.catalog import queries
from storefront.catalog.results import category_family, results_page
from storefront.extensions import db
from storefront.listings.models import Product, ProductPhoto
from storefront.media.models import MediaDerivative, MediaImage
from storefront.reference.models import Category, City, Kecamatan, Unit
from storefront.sellers.models import Seller
from storefront.web import page_cache
from storefront.web.params import url_with_args

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
    return results_page("catalog/listing.html")


@bp.get("/kategori/<slug>")
@page_cache.cached_page
def category(slug: str):
    current = category_family(slug)
    if current is None:
        abort(404)
    return results_page("catalog/listing.html", category=current)


@bp.get("/cari")
@page_cache.cached_page
def search():
    return results_page("catalog/listing.html", searching=True)


@bp.get("/search")
def search_alias():
    """The English address some visitors (and the issue) type; the page lives at /cari."""
    return redirect(url_with_args("catalog.search", None, request.args.to_dict(flat=False)))
