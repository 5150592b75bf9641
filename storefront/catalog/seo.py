"""For search engines and link previews: schema.org JSON-LD, sitemaps and robots.txt.

The sitemap is an index of files of at most SITEMAP_CHUNK products each (the protocol allows
50,000 addresses per file), cut by id range so each file is one indexed range scan.
"""
from __future__ import annotations

from xml.sax.saxutils import escape

import sqlalchemy as sa
from flask import Response, abort, url_for

from storefront.catalog.urls import product_url, seller_url
from storefront.catalog.views import bp
from storefront.extensions import db
from storefront.listings.models import Product
from storefront.listings.visibility import public_product_filter
from storefront.reference.models import Category
from storefront.sellers.models import Seller
from storefront.sellers.workflow import SellerStatus
from storefront.timeutil import iso_day
from storefront.web import page_cache

SITEMAP_CHUNK = 40_000
PRIVATE_PREFIXES = ("/admin", "/dasbor", "/dinas", "/penjual", "/akun", "/masuk", "/daftar", "/keluar",
                    "/cari", "/search", "/bandingkan")


def product_structured_data(product) -> dict:
    """schema.org Product with its Offer, as Google and link previews read it."""
    photo = product.primary_photo
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "description": product.description[:500],
        "sku": f"ETL-{product.id}",
        "category": product.category.name,
        "brand": {"@type": "Brand", "name": product.seller.business_name},
        "offers": {
            "@type": "Offer",
            "price": str(product.price),
            "priceCurrency": "IDR",
            "availability": "https://schema.org/InStock" if product.stock != 0 else "https://schema.org/OutOfStock",
            "url": product_url(product, _external=True),
            "seller": {"@type": "Organization", "name": product.seller.business_name,
                       "url": seller_url(product.seller, _external=True)},
        },
    }
    if photo is not None:
        data["image"] = [url_for("media.serve", key=photo.image.derivative(800).key, _external=True)]
    return data


def _xml(body: str) -> Response:
    return Response('<?xml version="1.0" encoding="UTF-8"?>\n' + body, content_type="application/xml; charset=utf-8")


@bp.get("/sitemap.xml")
@page_cache.cached_page
def sitemap_index():
    highest = db.session.scalar(sa.select(sa.func.max(Product.id)).join(Product.seller)
                                .where(public_product_filter())) or 0
    files = [url_for("catalog.sitemap_pages", _external=True)]
    files += [url_for("catalog.sitemap_products", chunk=n, _external=True)
              for n in range(highest // SITEMAP_CHUNK + 1)] if highest else []
    entries = "".join(f"<sitemap><loc>{escape(loc)}</loc></sitemap>" for loc in files)
    return _xml(f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>')


@bp.get("/sitemap/produk-<int:chunk>.xml")
@page_cache.cached_page
def sitemap_products(chunk: int):
    low = chunk * SITEMAP_CHUNK
    rows = db.session.execute(
        sa.select(Product.id, Product.name, Product.updated_at).join(Product.seller)
        .where(public_product_filter(), Product.id >= low, Product.id < low + SITEMAP_CHUNK)
        .order_by(Product.id)).all()
    if not rows and chunk > 0:
        abort(404)
    return _urlset((product_url(row, _external=True), row.updated_at) for row in rows)


@bp.get("/sitemap/halaman.xml")
@page_cache.cached_page
def sitemap_pages():
    """The home page, every category with products, and every public seller."""
    sellers = db.session.execute(
        sa.select(Seller.id, Seller.business_name, Seller.updated_at)
        .where(Seller.status == SellerStatus.VERIFIED).order_by(Seller.id)).all()
    categories = db.session.scalars(sa.select(Category.slug).where(Category.active.is_(True))
                                    .order_by(Category.position, Category.id)).all()
    entries = [(url_for("catalog.home", _external=True), None), (url_for("catalog.listing", _external=True), None)]
    entries += [(url_for("catalog.category", slug=slug, _external=True), None) for slug in categories]
    entries += [(seller_url(row, _external=True), row.updated_at) for row in sellers]
    return _urlset(entries)


def _urlset(entries) -> Response:
    parts = []
    for loc, modified in entries:
        lastmod = f"<lastmod>{iso_day(modified)}</lastmod>" if modified else ""
        parts.append(f"<url><loc>{escape(loc)}</loc>{lastmod}</url>")
    return _xml('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + "".join(parts) + "</urlset>")


@bp.get("/robots.txt")
def robots():
    lines = ["User-agent: *", "Allow: /"] + [f"Disallow: {prefix}" for prefix in PRIVATE_PREFIXES]
    lines.append(f"Sitemap: {url_for('catalog.sitemap_index', _external=True)}")
    return Response("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
