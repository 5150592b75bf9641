"""GET /media/<key>: served as an immutable WebP, 404 for anything that is not a stored derivative."""
from __future__ import annotations

import pytest
from flask import render_template_string

from storefront.extensions import db
from storefront.media import services, views
from storefront.media.models import MediaImage
from storefront.media.storage import content_key
from tests.media.conftest import as_upload


@pytest.fixture(autouse=True)
def default_rule(app, monkeypatch):
    """These tests are about the route itself: the media package's own default rule (the app wires
    the sellers' rule in create_app, so this runs after it; one test below checks that wiring)."""
    monkeypatch.setattr(views, "visibility_rule", views.always_visible)


@pytest.fixture
def stored(app, corpus, seller):
    """(image id, [derivative keys, smallest first]) of one committed upload."""
    with app.app_context():
        image = services.store_upload(as_upload(corpus["jpeg_with_icc"].read_bytes()), owner=seller)
        keys = [d.key for d in image.derivatives]
        db.session.commit()
        return image.id, keys


def test_a_derivative_is_served_as_immutable_webp(client, stored, storage):
    _, keys = stored
    response = client.get(f"/media/{keys[0]}")
    assert response.status_code == 200
    assert response.mimetype == "image/webp"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    digest = keys[0].split("/")[1].removesuffix(".webp")
    assert response.headers["ETag"] == f'"{digest}"'
    assert response.data == storage.read(keys[0])
    assert "Set-Cookie" not in response.headers


def test_a_known_etag_gets_304_and_head_gets_no_body(client, stored):
    _, keys = stored
    etag = client.get(f"/media/{keys[1]}").headers["ETag"]
    again = client.get(f"/media/{keys[1]}", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    head = client.head(f"/media/{keys[1]}")
    assert head.status_code == 200 and head.data == b"" and head.mimetype == "image/webp"


@pytest.mark.parametrize("key", [
    "../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%2e%2e/%2e%2e/etc/passwd", "ab/../../etc/passwd",
    "/etc/passwd", "ab", "ab/", "x" * 5000, content_key(b"x") + "/" + "y" * 3000,
    content_key(b"x").upper(), content_key(b"x").replace(".webp", ".jpg"), content_key(b"x") + "%00",
    "00/" + "1" * 64 + ".webp",  # well-formed, but its folder does not match its name
])
def test_malformed_keys_are_404(client, stored, key):
    response = client.get(f"/media/{key}", follow_redirects=True)  # "//" is merged by a redirect
    assert response.status_code == 404
    assert response.mimetype == "text/html"  # the app's 404 page, never a file


def test_a_file_no_row_refers_to_is_not_served(client, stored, storage):
    orphan = content_key(b"orphan")
    storage.save(orphan, b"orphan", "image/webp")
    assert client.get(f"/media/{orphan}").status_code == 404


def test_a_row_whose_file_is_missing_is_404_not_500(client, stored, storage):
    _, keys = stored
    storage.delete(keys[2])
    assert client.get(f"/media/{keys[2]}").status_code == 404


def test_a_deleted_image_is_no_longer_served(app, client, stored):
    image_id, keys = stored
    with app.app_context():
        services.delete_image(db.session.get(MediaImage, image_id))
        db.session.commit()
    assert client.get(f"/media/{keys[0]}").status_code == 404


def test_visibility_rule_hides_images_and_keeps_private_ones_out_of_shared_caches(
        client, stored, monkeypatch, seller, login):
    _, keys = stored
    calls = []

    def hidden(user, image):
        calls.append((user.is_authenticated, image.id))
        return False

    monkeypatch.setattr(views, "visibility_rule", hidden)
    assert client.get(f"/media/{keys[0]}").status_code == 404
    assert calls == [(False, stored[0])]

    def owner_only(user, image):  # e.g. a draft product's photo
        return user.is_authenticated and user.id == image.owner_id

    monkeypatch.setattr(views, "visibility_rule", owner_only)
    assert client.get(f"/media/{keys[0]}").status_code == 404
    response = login(seller).get(f"/media/{keys[0]}")
    assert response.status_code == 200
    # A photo only its owner may see is kept by no cache (every signed-in answer: private, no-store).
    assert response.headers["Cache-Control"] == "private, no-store"


def test_the_app_wires_a_rule_that_keeps_unattached_images_private(app, client, stored, seller, login,
                                                                   monkeypatch):
    from storefront.listings.visibility import image_visible

    monkeypatch.setattr(views, "visibility_rule", image_visible)  # as create_app sets it
    _, keys = stored
    assert client.get(f"/media/{keys[0]}").status_code == 404  # on no published product
    response = login(seller).get(f"/media/{keys[0]}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"].startswith("private,")


def test_template_helpers_build_srcset(app, stored):
    image_id, keys = stored
    with app.test_request_context():
        image = db.session.get(MediaImage, image_id, options=[db.selectinload(MediaImage.derivatives)])
        srcset = render_template_string("{{ media_srcset(image) }}", image=image)
        src = render_template_string("{{ media_src(image, 500) }}", image=image)
    assert srcset == f"/media/{keys[0]} 320w, /media/{keys[1]} 800w, /media/{keys[2]} 1000w"
    assert src == f"/media/{keys[1]}"
