"""A results page (all products, a category, a search, a seller's products): the filter form, the
candidates, the facets and the cards, shared by the catalog's views."""
from __future__ import annotations

import sqlalchemy as sa
from flask import redirect, render_template, request
from flask_babel import gettext as _

from storefront.catalog import queries
from storefront.catalog.filters import MAX_PAGES, FilterForm
from storefront.catalog.urls import url_with
from storefront.extensions import db
from storefront.reference.models import Category
from storefront.web.pagination import page_number


def category_family(slug: str) -> Category | None:
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


def results_page(template: str, *, searching: bool = False, category: Category | None = None, seller=None,
             **context):
    form = FilterForm(request.args, with_relevance=searching or bool(request.args.get("q")))
    asked_category = request.args.get("kategori", "")
    if category is None and asked_category:
        category = category_family(asked_category)
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
