"""A product's page, a seller's page, and products side by side."""
from __future__ import annotations

from flask import abort, redirect, render_template, request
from flask_login import current_user

from storefront.accounts.roles import RATING_READERS, Role
from storefront.catalog import queries, seo
from storefront.catalog.urls import product_url, slugify
from storefront.catalog.results import results_page
from storefront.catalog.views import bp
from storefront.procurement import ordering
from storefront.procurement import queries as procurement_queries
from storefront.web import page_cache
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
    can_request = current_user.is_authenticated and current_user.role is Role.PEMESAN
    ends = ordering.orderable_from(item) if can_request else None
    cooling = ordering.cooling_message(item, ends) if ends else None
    return render_template("catalog/product.html", product=item, can_request=can_request, cooling=cooling,
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
    # Buyers (OPD staff and the auditor, never the public cache) see how other OPDs rated it.
    buyer = current_user.is_authenticated and current_user.role in RATING_READERS
    return results_page("catalog/seller.html", seller=business,
                    ratings=procurement_queries.seller_ratings(business.id) if buyer else None)


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
