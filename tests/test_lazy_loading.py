"""Every relationship raises on an unplanned lazy load, so a page can never slip into N+1:
each query states what it loads (joinedload, selectinload, contains_eager)."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from storefront.extensions import db
from storefront.listings.models import Product


def test_every_relationship_raises_on_lazy_load(app):
    relationships = [(mapper.class_.__name__, rel.key, rel.lazy)
                     for mapper in db.Model.registry.mappers for rel in mapper.relationships]
    assert len(relationships) > 10
    assert [r for r in relationships if r[2] not in ("raise", "raise_on_sql")] == []


def test_an_unplanned_load_fails_loudly(app, make):
    make.reference("medan")
    product = make.product(make.seller())
    with app.app_context():
        loaded = db.session.get(Product, product.id)
        with pytest.raises(sa.exc.InvalidRequestError, match="lazy='raise'"):
            loaded.seller  # noqa: B018
