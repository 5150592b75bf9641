"""The benchmark catalog (`flask seed-bench`) and the benchmark-only hello route."""
from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from storefront import create_app
from storefront.catalog import queries
from storefront.catalog.filters import CatalogQuery
from storefront.catalog.models import CatalogEntry
from storefront.extensions import db
from storefront.listings.models import Product, ProductPhoto
from storefront.listings.workflow import ProductStatus
from storefront.sellers.halal.statuses import HalalStatus
from storefront.sellers.models import Seller
from storefront.sellers.workflow import SellerStatus


@pytest.fixture
def seeded(app):
    result = app.test_cli_runner().invoke(args=["seed-bench", "--products", "300", "--images", "8", "--seed", "3"])
    assert result.exit_code == 0, result.output
    return app


def test_seed_bench_covers_the_lifecycles_photos_and_halal_claims(seeded):
    with seeded.app_context():
        product_statuses = set(db.session.scalars(sa.select(Product.status).distinct()))
        seller_statuses = set(db.session.scalars(sa.select(Seller.status).distinct()))
        photo_counts = set(db.session.scalars(
            sa.select(sa.func.count(ProductPhoto.id)).select_from(Product)
            .outerjoin(ProductPhoto, ProductPhoto.product_id == Product.id).group_by(Product.id)))
        primaries = db.session.execute(
            sa.select(ProductPhoto.product_id, sa.func.count()).where(ProductPhoto.is_primary)
            .group_by(ProductPhoto.product_id)).all()
        with_photos = db.session.scalar(sa.select(sa.func.count(sa.distinct(ProductPhoto.product_id))))
        entries = db.session.scalar(sa.select(sa.func.count()).select_from(CatalogEntry))
        public = db.session.scalar(sa.select(sa.func.count()).select_from(Product).join(Product.seller).where(
            Product.status == ProductStatus.PUBLISHED, Seller.status == SellerStatus.VERIFIED))
        certified = db.session.scalars(sa.select(Product.halal_certificate_number).where(
            Product.halal_status.in_([HalalStatus.CERTIFIED_REGULAR, HalalStatus.CERTIFIED_SELF_DECLARE]))).all()
        verified_without_date = db.session.scalar(sa.select(sa.func.count()).select_from(Seller).where(
            Seller.status == SellerStatus.VERIFIED, Seller.verified_at.is_(None)))
    assert {ProductStatus.PUBLISHED, ProductStatus.DRAFT, ProductStatus.IN_REVIEW} <= product_statuses
    assert len(product_statuses) >= 5
    assert {SellerStatus.VERIFIED, SellerStatus.SUSPENDED, SellerStatus.SUBMITTED, SellerStatus.INVITED} <= seller_statuses
    assert {0, 6} <= photo_counts
    assert len(primaries) == with_photos and all(count == 1 for _, count in primaries)
    assert entries == public > 0
    assert certified and all(re.fullmatch(r"ID12[0-9]{15}", number) for number in certified)
    assert verified_without_date == 0


def test_seeded_words_are_found_by_the_catalog_search(seeded):
    with seeded.app_context():
        if db.engine.dialect.name == "sqlite":  # the FTS5 index agrees with catalog_entries
            for table in ("product_fts", "product_fts_names"):
                db.session.execute(sa.text(f"INSERT INTO {table}({table}) VALUES('integrity-check')"))
        found, match = queries.find(CatalogQuery(text="kemasan", sort="relevance"))
        affixed, _ = queries.find(CatalogQuery(text="dikemas"))  # kemasan, dikemas: one stem
        public = set(db.session.scalars(
            sa.select(Product.id).join(Product.seller).where(Product.status == ProductStatus.PUBLISHED,
                                                             Seller.status == SellerStatus.VERIFIED)))
    assert match is not None and not found.is_fallback
    assert found.total > 10 and found.ids and set(found.ids) <= public
    assert affixed.total >= found.total


def test_seed_bench_refuses_a_catalog_that_has_products(seeded):
    result = seeded.test_cli_runner().invoke(args=["seed-bench", "--products", "5", "--images", "8"])
    assert result.exit_code != 0
    assert "--force" in result.output
    forced = seeded.test_cli_runner().invoke(
        args=["seed-bench", "--products", "5", "--images", "8", "--force"])
    assert forced.exit_code == 0, forced.output
    with seeded.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Product)) == 305


@pytest.mark.parametrize("flag, status", [(None, 404), ("0", 404), ("1", 200)])
def test_bench_hello_exists_only_with_etalase_bench(app_config, monkeypatch, flag, status):
    if flag is None:
        monkeypatch.delenv("ETALASE_BENCH", raising=False)
    else:
        monkeypatch.setenv("ETALASE_BENCH", flag)
    app = create_app(app_config)
    try:
        response = app.test_client().get("/_bench/hello")
    finally:
        with app.app_context():
            db.engine.dispose()
    assert response.status_code == status
    if status == 200:
        assert response.data == b"Hello, World!"
        assert response.mimetype == "text/plain"
