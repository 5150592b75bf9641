"""The language switch: /bahasa/<code> remembers the visitor's language in a cookie and goes back
to the page they came from. Writing in that language (money, dates) is storefront/i18n.py's; the
locale selector in storefront/extensions.py reads the cookie."""
from __future__ import annotations

from flask import Blueprint, current_app, make_response, redirect, request, url_for

from storefront.web.redirects import safe_next_url

# The blueprint kept its name when the route moved here from i18n.py: the endpoint stays `i18n.set_language`.
bp = Blueprint("i18n", __name__)
LANGUAGE_COOKIE = "bahasa"


@bp.get("/bahasa/<code>")
def set_language(code: str):
    """Remember the chosen language in a cookie and go back to where the visitor was."""
    target = safe_next_url(request.args.get("next"), url_for("catalog.home"))
    response = make_response(redirect(target))
    if code in current_app.config["LANGUAGES"]:
        response.set_cookie(LANGUAGE_COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax",
                            secure=current_app.config["SESSION_COOKIE_SECURE"], httponly=True)
    return response


def init_app(app) -> None:
    app.register_blueprint(bp)
