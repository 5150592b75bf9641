"""Response headers that every page carries (the "passive scan" tests check them)."""
from __future__ import annotations

from flask import request, session

# The app's own CSS, JS and fonts: the same bytes for everyone, so a signed-in visitor may cache them.
PUBLIC_FILES = frozenset({"static", "bootstrap.static"})

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


def init_app(app) -> None:
    production = app.config["ETALASE_ENV"] == "production"

    @app.after_request
    def set_security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(self), geolocation=(), microphone=()")
        if production:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return keep_signed_in_answers_private(response)


def keep_signed_in_answers_private(response):
    """Whatever a signed-in user is shown (NIK, bank details, e-mail addresses, invitation codes,
    documents) is kept by no browser or proxy cache: `private, no-store`. Decided from the signed
    session cookie (no database). Only what is the same for everyone is left alone: the app's own
    static files and images that their view marked public."""
    if "_user_id" not in session or request.endpoint in PUBLIC_FILES or response.cache_control.public:
        return response
    response.headers["Cache-Control"] = "private, no-store"
    response.vary.add("Cookie")
    return response
