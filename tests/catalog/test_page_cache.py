"""The anonymous page cache: hits, 304s, invalidation by any change, and never a private page."""
from __future__ import annotations

import re

import pytest
import redis

from storefront import create_app
from storefront.accounts.roles import Role
from storefront.catalog.urls import slugify
from storefront.extensions import db
from storefront.listings.models import Product
from tests import database, dbconfig
from tests.app_setup import TEST_PASSWORD, base_config
from tests.factories import Factory

PUBLIC_PAGES = ["/", "/produk", "/kategori/kuliner", "/cari?q=bika", "/sitemap.xml", "/sitemap/halaman.xml",
                "/sitemap/produk-0.xml"]


@pytest.fixture
def product(make):
    make.reference("medan")
    return make.product(make.seller(business_name="Dapur Bika"), name="Bika Ambon Pandan", price=40_000)


def product_path(product) -> str:
    return f"/produk/{product.id}/{slugify(product.name)}"


def test_a_second_anonymous_visit_is_served_from_the_cache(client, product, count_queries):
    for url in PUBLIC_PAGES + [product_path(product), f"/umkm/{product.seller_id}/dapur-bika"]:
        first = client.get(url)
        with count_queries() as counter:
            second = client.get(url)
        assert first.headers["X-Page-Cache"] == "miss" and second.headers["X-Page-Cache"] == "hit", url
        assert second.data == first.data and counter.count == 0, url
        assert second.headers["Cache-Control"] == "no-cache" and "Cookie" in second.headers["Vary"]


def test_a_repeat_visit_with_the_etag_gets_304(client, product):
    first = client.get("/produk")
    etag = first.headers["ETag"]
    again = client.get("/produk", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert client.get("/produk", headers={"If-None-Match": '"lain"'}).status_code == 200


def test_any_change_to_what_pages_show_empties_the_cache(app, client, product):
    assert "Rp40.000" in client.get("/produk").text
    etag = client.get("/produk").headers["ETag"]
    with app.app_context():
        db.session.get(Product, product.id).price = 45_000
        db.session.commit()
    fresh = client.get("/produk", headers={"If-None-Match": etag})
    assert fresh.status_code == 200 and fresh.headers["X-Page-Cache"] == "miss"
    assert "Rp45.000" in fresh.text


def test_a_rolled_back_change_keeps_the_cache(app, client, product):
    client.get("/produk")
    with app.app_context():
        db.session.get(Product, product.id).price = 1
        db.session.flush()
        db.session.rollback()
    assert client.get("/produk").headers["X-Page-Cache"] == "hit"


def test_signed_in_visitors_are_never_served_or_stored(client, login, make, product):
    client.get("/produk")  # cached for visitors
    buyer = login(make.user(Role.PEMESAN, name="Bu Pemesan Rahasia"))
    page = buyer.get("/produk")
    assert "X-Page-Cache" not in page.headers and "Bu Pemesan Rahasia" in page.text
    assert page.headers["Cache-Control"] == "private, no-store"
    again = client.get("/produk")
    assert again.headers["X-Page-Cache"] == "hit" and "Bu Pemesan Rahasia" not in again.text


def test_no_cached_page_carries_a_csrf_token_or_a_session(client, product):
    for url in PUBLIC_PAGES + [product_path(product)]:
        client.get(url)
        hit = client.get(url)
        assert hit.headers["X-Page-Cache"] == "hit"
        assert "csrf_token" not in hit.text and "Set-Cookie" not in hit.headers, url


def test_a_visitor_with_a_message_waiting_gets_a_fresh_page(client, product):
    client.get("/produk")
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "Pesan khusus untuk Anda")]
    page = client.get("/produk")
    assert "X-Page-Cache" not in page.headers and "Pesan khusus untuk Anda" in page.text
    assert client.get("/produk").headers["X-Page-Cache"] == "hit"  # the message was shown once


def test_each_language_has_its_own_copy(client, product):
    assert 'lang="id"' in client.get("/").text
    client.set_cookie("bahasa", "en")
    english = client.get("/")
    assert english.headers["X-Page-Cache"] == "miss" and 'lang="en"' in english.text
    assert client.get("/").headers["X-Page-Cache"] == "hit"


def test_error_pages_and_redirects_are_not_stored(client, product):
    client.get(f"/produk/{product.id}")  # redirect to the canonical address
    assert "X-Page-Cache" not in client.get(f"/produk/{product.id}").headers
    client.get("/produk/999999")
    assert client.get("/produk/999999").status_code == 404


def test_the_cache_can_be_turned_off(app_config, database_url, tmp_path, make):
    app = create_app({**base_config(database_url, tmp_path), "PAGE_CACHE_SECONDS": 0})
    with app.app_context():
        db.create_all() if database_url.startswith("sqlite") else None
    client = app.test_client()
    try:
        for _ in range(2):
            response = client.get("/sitemap.xml")
            assert "X-Page-Cache" not in response.headers and response.headers["ETag"]
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


REDIS_URL = dbconfig.redis_url()


@pytest.fixture
def shared_apps(app_config, tmp_path):
    """Two app instances (two workers) on one database, sharing the cache through Redis."""
    redis.Redis.from_url(REDIS_URL).flushdb()
    config = {**app_config, "REDIS_URL": REDIS_URL}
    if config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{tmp_path / 'shared.sqlite'}"
    first, second = create_app(config), create_app(config)
    database.empty(first)
    yield first, second
    for instance in (first, second):
        with instance.app_context():
            db.engine.dispose()
    redis.Redis.from_url(REDIS_URL).flushdb()


def test_with_redis_every_worker_shares_pages_and_invalidation(shared_apps):
    first, second = shared_apps
    make = Factory(first, password=TEST_PASSWORD)
    make.reference("medan")
    product = make.product(make.seller(), name="Bika Ambon Pandan")
    assert first.test_client().get("/produk").headers["X-Page-Cache"] == "miss"
    assert second.test_client().get("/produk").headers["X-Page-Cache"] == "hit"
    with second.app_context():
        db.session.get(Product, product.id).name = "Bika Ambon Keju"
        db.session.commit()
    page = first.test_client().get("/produk")
    assert page.headers["X-Page-Cache"] == "miss" and re.search(r">Bika Ambon Keju<", page.text)


def test_production_without_redis_keeps_no_pages(database_url, tmp_path):
    """Several workers could not share an in-memory generation, so production needs Redis."""
    config = {**base_config(database_url, tmp_path), "ETALASE_ENV": "production", "SECRET_KEY": "k" * 40}
    app = create_app(config)
    assert app.extensions["page_cache"] is None
    client = app.test_client()
    for _ in range(2):
        response = client.get("/bandingkan", base_url="https://localhost")  # cacheable, needs no database
        assert response.status_code == 200 and "X-Page-Cache" not in response.headers
        assert response.headers["ETag"]
