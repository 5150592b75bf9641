"""Public addresses of products and sellers: `/produk/12/kopi-sidikalang-250-g`.

The number finds the row; the words are for people and search engines, so a stale or missing
slug redirects to the canonical address instead of failing.
"""
from __future__ import annotations

import re

from flask import g, request, url_for

from storefront.catalog.stemmer import normalize
from storefront.web.params import url_with_args


def slugify(text: str, limit: int = 60) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", normalize(text or "")).strip("-")
    return slug[:limit].rstrip("-") or "produk"


def product_url(product, **kwargs) -> str:
    return url_for("catalog.product", product_id=product.id, slug=slugify(product.name), **kwargs)


def entry_url(entry) -> str:
    """A results card's link: the entry carries its slug, made when the product was saved.

    The address is url_for's, cut before the id once per request: a results page links 24
    products, and url_for for each cost more than the rest of the card (ids are digits and
    slugs [a-z0-9-], so nothing needs quoting)."""
    prefix = g.get("product_url_prefix")
    if prefix is None:
        prefix = g.product_url_prefix = url_for("catalog.product", product_id=1, slug="s")[:-len("1/s")]
    return f"{prefix}{entry.product_id}/{entry.slug}"


def seller_url(seller, **kwargs) -> str:
    return url_for("catalog.seller", seller_id=seller.id, slug=slugify(seller.business_name), **kwargs)


def url_with(**changes) -> str:
    """This page's address with some arguments changed (None removes one); any change of
    filter returns to the first page, unless the change is the page itself."""
    args = request.args.to_dict(flat=False)
    if "page" not in changes:
        args.pop("page", None)
    for name, value in changes.items():
        if value is None:
            args.pop(name, None)
        else:
            args[name] = [str(value)]
    return url_with_args(request.endpoint, request.view_args, args)


def category_url(slug: str) -> str:
    """A category's page keeping the other filters (and the search words) of this page."""
    args = {name: values for name, values in request.args.to_dict(flat=False).items()
            if name not in ("page", "kategori")}
    return url_with_args("catalog.category", {"slug": slug}, args)


def init_app(app) -> None:
    app.add_template_global(category_url)
    app.add_template_global(product_url)
    app.add_template_global(entry_url)
    app.add_template_global(seller_url)
    app.add_template_global(url_with)
