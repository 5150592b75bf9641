"""The browser tests' pages (tests/browser): the viewport of a phone screenshot, a whole page
captured with its lazy images, and the address of a demo product."""
from __future__ import annotations

import sqlalchemy as sa

from storefront.catalog.urls import product_url
from storefront.extensions import db
from storefront.listings.models import Product

PHONE = {"width": 360, "height": 800}  # taller than a test page's default (tests/browser/conftest.py)


def load_all_images(page) -> None:
    """Lazy images below the fold would be blank in a full-page screenshot: load them all first."""
    # (No wait_for_function with a string: that is eval() in the page, which the app's CSP forbids.)
    page.evaluate("""async () => {
      const images = [...document.images];
      images.forEach(img => { img.loading = "eager"; });
      await Promise.all(images.map(img => img.decode().catch(() => null)));
    }""")


def screenshot(page, screenshot_dir, name: str) -> None:
    """The whole page. The viewport is stretched to the page's height first: a full-page capture of a
    shorter viewport leaves the sticky compare bar floating over the middle of the results."""
    load_all_images(page)
    size = page.viewport_size
    height = page.evaluate("document.scrollingElement.scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(height, size["height"])})
    page.screenshot(path=str(screenshot_dir / name), full_page=True)
    page.set_viewport_size(size)


def product_path(live_app, name: str) -> str:
    with live_app.test_request_context():
        product = db.session.scalar(sa.select(Product).where(Product.name == name))
        assert product is not None, f"demo product {name!r} is missing"
        path = product_url(product)
        db.session.remove()
    return path
