"""Absolute addresses, always on the configured public base (ETALASE_BASE_URL).

The one place that builds an address to be used outside this page: the sitemap and robots.txt,
canonical and OpenGraph links, JSON-LD, email links, the QR codes of documents, invitation links.
None of them may come from the request's Host or X-Forwarded-Host: one visitor's forged header
would otherwise end up in a cached page that every visitor gets, or in someone's email. Flask's
own `url_for(..., _external=True)` is routed here too (EtalaseFlask below), so a new caller of the
familiar spelling is safe as well.
"""
from __future__ import annotations

from flask import Flask, current_app
from werkzeug.exceptions import SecurityError

from storefront.config import parse_base_url


def external_url(endpoint: str, *, _anchor: str | None = None, **values) -> str:
    """The absolute address of `endpoint` on the public base; works with or without a request."""
    app = current_app._get_current_object()
    adapter = base_adapter(app)
    values = {name: value for name, value in values.items() if value is not None}
    app.inject_url_defaults(endpoint, values)
    url = adapter.build(endpoint, values, force_external=True)
    return f"{url}#{_anchor}" if _anchor else url


def base_adapter(app, request=None):
    """A URL adapter on the public base (for the request's path and method, if there is one)."""
    scheme, netloc, prefix = parse_base_url(app.config["BASE_URL"])
    if request is None:
        return app.url_map.bind(netloc, script_name=prefix or "/", url_scheme=scheme)
    return app.url_map.bind(netloc, script_name=prefix or "/", url_scheme=scheme, path_info=request.path,
                            default_method=request.method, query_args=request.query_string)


class EtalaseFlask(Flask):
    """Flask, except that an external address is always the configured one, and a request for a
    host outside TRUSTED_HOSTS can still be answered with our own 400 page."""

    def create_url_adapter(self, request):
        try:
            return super().create_url_adapter(request)
        except SecurityError as error:
            # Flask would leave the request without an adapter, and the error page could not build
            # a single link (a 500). Keep the refusal (storefront/web/guards.py raises it before
            # any other work) and route on the public base instead.
            request.routing_exception = error
            return base_adapter(self, request)

    def url_for(self, endpoint: str, *, _anchor=None, _method=None, _scheme=None, _external=None, **values) -> str:
        if _external:
            if endpoint.startswith("."):  # a blueprint-relative name: resolve it as Flask would
                from flask import request
                endpoint = f"{request.blueprint}{endpoint}"
            return external_url(endpoint, _anchor=_anchor, **values)
        return super().url_for(endpoint, _anchor=_anchor, _method=_method, _scheme=_scheme, _external=_external,
                               **values)


def init_app(app) -> None:
    app.add_template_global(external_url)
