"""Public pages."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, render_template

from storefront.catalog import queries
from storefront.extensions import db
from storefront.reference.models import Category
from storefront.reference.services import current_city

bp = Blueprint("catalog", __name__)


@bp.get("/")
def home():
    categories = db.session.scalars(
        sa.select(Category).where(Category.parent_id.is_(None), Category.active.is_(True))
        .order_by(Category.position)).all()
    return render_template("catalog/home.html", categories=categories, city=current_city(),
                           products=queries.newest_products())
