"""Serve stored derivatives: GET /media/<key>. Originals are never kept, so never served.

A key names bytes that never change (it is their SHA-256), so responses are cacheable forever.
Only keys that a media_derivatives row refers to are served, and only when `visibility_rule`
allows it for at least one image using that key.
"""
from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from flask import Blueprint, Response, abort, current_app, g, request, url_for
from flask_login import AnonymousUserMixin, current_user

from storefront.extensions import db
from storefront.media.models import MediaDerivative, MediaImage
from storefront.media.storage import CONTENT_KEY_PATTERN, get_storage

bp = Blueprint("media", __name__, url_prefix="/media")

ONE_YEAR = 365 * 24 * 3600


def always_visible(user, image: MediaImage) -> bool:
    return True


# `visibility_rule(user, image) -> bool`: may this visitor (current_user, possibly anonymous) see
# this image? Replace it (media.views.visibility_rule = rule) when images belong to things with
# their own visibility, e.g. the listings' rule: a draft product's photos 404 for everyone but
# their seller and the verifiers. It gets a MediaImage whose relationships are NOT loaded (they
# raise): the rule queries what it needs. Images invisible to anonymous visitors are sent with
# Cache-Control "private", so shared caches never keep them (and to a signed-in visitor "private,
# no-store", like every signed-in answer: storefront/security.py).
visibility_rule: Callable[[object, MediaImage], bool] = always_visible


@bp.get("/<path:key>")
def serve(key: str):
    if not CONTENT_KEY_PATTERN.fullmatch(key):  # also refuses "../", absolute and overlong keys
        abort(404)
    images = db.session.scalars(
        sa.select(MediaImage).join(MediaImage.derivatives).where(MediaDerivative.key == key)).unique().all()
    visible = [image for image in images if visibility_rule(current_user, image)]
    if not visible:
        abort(404)
    try:
        data = get_storage(current_app).read(key)
    except FileNotFoundError:
        current_app.logger.warning("media file missing for a stored row: %s", key)
        abort(404)
    public = any(visibility_rule(AnonymousUserMixin(), image) for image in visible)
    response = Response(data, mimetype="image/webp")
    response.set_etag(key.rsplit("/", 1)[-1].removesuffix(".webp"))
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = f"{'public' if public else 'private'}, max-age={ONE_YEAR}, immutable"
    response.headers["Content-Disposition"] = "inline"
    return response.make_conditional(request)


@bp.app_template_global()
def media_url(key: str) -> str:
    """url_for's address of a stored key, with the part before the key built once per request
    (a results page shows about a hundred; keys are hex names, nothing needs quoting)."""
    prefix = g.get("media_url_prefix")
    if prefix is None:
        prefix = g.media_url_prefix = url_for("media.serve", key="k")[:-1]
    return prefix + key


@bp.app_template_global()
def media_srcset(image: MediaImage) -> str:
    """`srcset` for <img>: "…/a.webp 320w, …/b.webp 800w" (needs the derivatives loaded)."""
    return ", ".join(f"{media_url(d.key)} {d.width}w" for d in sorted(image.derivatives, key=lambda d: d.width))


@bp.app_template_global()
def photo_srcset(derivatives: list) -> str:
    """`srcset` from a catalog entry's [[width, key], ...] (narrowest first)."""
    return ", ".join(f"{media_url(key)} {width}w" for width, key in derivatives)


@bp.app_template_global()
def photo_src(derivatives: list, width: int = 800) -> str:
    """The fallback `src` of an entry's photo: the narrowest at least `width` wide, else the widest."""
    return media_url(next((key for w, key in derivatives if w >= width), derivatives[-1][1]))


@bp.app_template_global()
def media_src(image: MediaImage, width: int = 800) -> str:
    """The fallback `src`: the smallest derivative at least `width` wide."""
    return media_url(image.derivative(width).key)
