"""Parts of a page that a feature higher up adds, so the page's own feature never imports it.

The catalog's product page offers ordering and its seller page shows the OPDs' ratings, but both
are procurement's, which sits above the catalog; the seller's dashboard counts products, which
are the listings' and sit above sellers. The higher feature adds its part when the app is built,
and the page asks for the parts by the page's name:

    page_parts.add(app, "catalog.product", order_part)                  # procurement, at start-up
    render_template(..., **page_parts.collect("catalog.product", product=item))   # the catalog's view

A part is a function of the page's subject (keyword arguments) returning template values; the
parts of one page name different values. A page without parts gets none of those values.
"""
from __future__ import annotations

from collections.abc import Callable

from flask import current_app

Part = Callable[..., dict]


def add(app, page: str, part: Part) -> None:
    app.extensions.setdefault("page_parts", {}).setdefault(page, []).append(part)


def collect(page: str, **subject) -> dict:
    """Every part's values for this page, in the order the parts were added."""
    values: dict = {}
    for part in current_app.extensions.get("page_parts", {}).get(page, ()):
        values.update(part(**subject))
    return values
