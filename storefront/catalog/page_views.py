"""A product's page, a seller's page, and products side by side."""
from __future__ import annotations

from flask import abort, redirect, render_template, request

from storefront.catalog import queries, seo
from storefront.catalog.results import results_page
from storefront.catalog.urls import product_url, slugify
from storefront.catalog.views import bp
from storefront.web import page_cache, page_parts
from storefront.web.params import url_with_args, whole_number

COMPARE_MIN, COMPARE_MAX = 2, 4


@bp.get("/produk/<int:product_id>", defaults={"slug": ""})
@bp.get("/produk/<int:product_id>/<slug>")
@page_cache.cached_page
def product(product_id: int, slug: str):
    item = queries.product_page(product_id)
    if item is None:
        abort(404)
    if slug != slugify(item.name):
        return redirect(product_url(item), 301)
    # Whether this visitor may order it, and from when: procurement's part (procurement/catalog_parts.py).
    ordering = page_parts.collect("catalog.product", product=item)
    return render_template("catalog/product.html", product=item, **ordering,
                           structured_data=seo.product_structured_data(item))


@bp.get("/umkm/<int:seller_id>", defaults={"slug": ""})
@bp.get("/umkm/<int:seller_id>/<slug>")
@page_cache.cached_page
def seller(seller_id: int, slug: str):
    business = queries.public_seller(seller_id)
    if business is None:
        abort(404)
    if slug != slugify(business.business_name):
        return redirect(url_with_args("catalog.seller", {"seller_id": business.id,
                                                         "slug": slugify(business.business_name)},
                                      request.args.to_dict(flat=False)), 301)
    # Buyers see how other OPDs rated it: procurement's part (procurement/catalog_parts.py).
    return results_page("catalog/seller.html", seller=business,
                        **page_parts.collect("catalog.seller", seller=business))


@bp.get("/bandingkan")
@page_cache.cached_page
def compare():
    """2-4 products side by side; the ids come from the checkboxes of a results page."""
    raw = request.args.getlist("p")
    ids = list(dict.fromkeys(number for number in map(whole_number, raw) if number))
    problem = None
    if len(ids) < COMPARE_MIN:
        problem = "too_few"
    elif len(ids) > COMPARE_MAX:
        problem, ids = "too_many", ids[:COMPARE_MAX]
    products = queries.compared(ids) if len(ids) >= COMPARE_MIN else []
    missing = len(ids) - len(products) if products or len(ids) >= COMPARE_MIN else 0
    return render_template("catalog/compare.html", products=products, problem=problem, missing=missing)
