"""Etalase: the local e-katalog of a city government. `create_app` builds the Flask app."""
from __future__ import annotations

import os
import secrets

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from storefront import cli, config, extensions, i18n, security
from storefront.catalog import urls as catalog_urls
from storefront.config import PROJECT_ROOT
from storefront.listings import labels as listing_labels
from storefront.sellers import labels
from storefront.web import edge, error_pages, external, guards, language, page_cache
from storefront.web.external import EtalaseFlask


def create_app(overrides: dict | None = None) -> Flask:
    """Build a configured app. Tests pass `overrides`; production reads the environment."""
    if not (PROJECT_ROOT / "templates").is_dir():
        raise RuntimeError(f"templates/ not found under {PROJECT_ROOT}: install with `pip install -e .`")
    app = EtalaseFlask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
        instance_path=os.environ.get("ETALASE_INSTANCE_PATH", str(PROJECT_ROOT / "instance")),
    )
    config.load(app, overrides)
    os.makedirs(app.instance_path, exist_ok=True)
    proxies = app.config["PROXY_COUNT"]
    if proxies:
        # Behind a load balancer the client address comes from X-Forwarded-For (rate limits) and
        # the scheme from X-Forwarded-Proto. X-Forwarded-Host is not believed: addresses come from
        # ETALASE_BASE_URL, and the proxy passes the visitor's Host on (checked by TRUSTED_HOSTS).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=0)
    extensions.init_app(app, migrations_dir=PROJECT_ROOT / "migrations")
    app.url_map.converters["int"] = IdConverter  # before any route is added
    _register_blueprints(app)
    _add_page_parts(app)
    i18n.init_app(app)
    language.init_app(app)
    labels.init_app(app)
    listing_labels.init_app(app)
    catalog_urls.init_app(app)
    external.init_app(app)
    page_cache.init_app(app)
    security.init_app(app)
    error_pages.init_app(app)
    edge.init_app(app)
    cli.init_app(app)
    guards.init_app(app)  # after every extension: its checks go first of all
    if os.environ.get("ETALASE_BENCH") == "1":  # benchmark reference routes (bench/catalog_bench.py)
        from storefront.web import bench_routes
        bench_routes.init_app(app)
    _template_globals(app)
    return app


class IdConverter(IntegerConverter):
    """`<int:...>` in our URLs is a database id (INTEGER): a larger number is a 404 at routing,
    never a database overflow error (SQLite above 2**63, PostgreSQL above 2**31)."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


def _register_blueprints(app: Flask) -> None:
    from storefront import models  # noqa: F401  (every table known before the first request)
    from storefront.accounts.views import bp as accounts_bp
    from storefront.admin import reference_views  # noqa: F401  (adds its routes to admin's bp)
    from storefront.admin.views import bp as admin_bp
    from storefront.catalog import page_views, seo  # noqa: F401  (add their routes to catalog's bp)
    from storefront.catalog.views import bp as catalog_bp
    from storefront.listings.curation_views import bp as curation_bp
    from storefront.listings.views import bp as listings_bp
    from storefront.media.views import bp as media_bp
    from storefront.procurement import cart_views, document_views, rating_views  # noqa: F401  (add routes to its bp)
    from storefront.procurement.views import bp as procurement_bp
    from storefront.sellers.registry import import_views  # noqa: F401  (adds the import routes to registry's bp)
    from storefront.sellers.registry.views import bp as registry_bp
    from storefront.sellers.verification_views import bp as verification_bp
    from storefront.sellers.views import bp as sellers_bp

    for blueprint in (accounts_bp, admin_bp, catalog_bp, media_bp, sellers_bp, verification_bp, listings_bp,
                      curation_bp, registry_bp, procurement_bp):
        app.register_blueprint(blueprint)
    # Photos of drafts and of unverified sellers are not public (the media route asks this rule).
    from storefront.listings.visibility import image_visible
    from storefront.media import views as media_views

    media_views.visibility_rule = image_visible


def _add_page_parts(app: Flask) -> None:
    """What a feature adds to a lower feature's page, which never imports it (web/page_parts.py)."""
    from storefront.listings import dashboard
    from storefront.procurement import catalog_parts

    dashboard.init_app(app)       # the seller dashboard's product counts
    catalog_parts.init_app(app)   # ordering on a product page, ratings on a seller page


def _template_globals(app: Flask) -> None:
    from flask_babel import get_locale
    from flask_login import current_user

    from storefront.web.forms import ActionForm
    from storefront.web.navigation import items_for

    # A fresh key per rendered form: the same form posted twice is done once (storefront/once.py).
    # A global, not context: imported macros (render_form) see globals only.
    app.jinja_env.globals["form_key"] = lambda: secrets.token_urlsafe(24)

    @app.context_processor
    def layout_context():
        return {
            "nav_items": items_for(current_user),
            "current_language": str(get_locale() or "id"),
            # Buttons in templates only need the CSRF token: never parse the request body for
            # them (the 413 page of a signed-in user would otherwise fail on the body it refused).
            "action_form": lambda: ActionForm(formdata=None),
            "demo_mode": app.config["ETALASE_DEMO"],
        }
