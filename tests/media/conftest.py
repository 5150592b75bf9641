"""Media fixtures: the generated corpus (once per run), a seller, uploads as a browser sends them."""
from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from PIL import Image
from werkzeug.datastructures import FileStorage

from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.media.models import MediaDerivative, MediaImage
from storefront.media.storage import get_storage
from tests.media.make_images import CASES

# RIFF chunks a clean WebP may have: image data and alpha, nothing else (no EXIF, XMP, ICCP).
PIXEL_CHUNKS = {"VP8 ", "VP8L", "VP8X", "ALPH"}
VP8X_METADATA_FLAGS = 0x20 | 0x08 | 0x04 | 0x02  # ICC, EXIF, XMP, animation


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> dict:
    """Every case of make_images.py written once: {name: path}."""
    folder = tmp_path_factory.mktemp("corpus")
    return {name: make(folder) for name, make in CASES.items()}


@pytest.fixture
def seller(make):
    return make.user(Role.SELLER)


@pytest.fixture
def storage(app):
    return get_storage(app)


def as_upload(data: bytes, filename: str = "foto.jpg", content_type: str = "image/jpeg") -> FileStorage:
    """What request.files gives a view: name and type are whatever the client claimed."""
    return FileStorage(stream=io.BytesIO(data), filename=filename, content_type=content_type)


def counts(app, storage) -> tuple[int, int, int]:
    """(image rows, derivative rows, stored files)."""
    with app.app_context():
        images = db.session.scalar(sa.select(sa.func.count()).select_from(MediaImage))
        derivatives = db.session.scalar(sa.select(sa.func.count()).select_from(MediaDerivative))
    return images, derivatives, len(list(storage.iter_keys()))


def webp_chunks(data: bytes) -> list[str]:
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP", "not a WebP file"
    chunks, position = [], 12
    while position + 8 <= len(data):
        size = int.from_bytes(data[position + 4:position + 8], "little")
        chunks.append(data[position:position + 4].decode("latin-1"))
        if chunks[-1] == "VP8X":
            assert not data[position + 8] & VP8X_METADATA_FLAGS, "VP8X announces metadata or animation"
        position += 8 + size + (size & 1)
    assert position == len(data), "bytes after the last chunk"
    return chunks


def assert_clean_webp(data: bytes, size: tuple[int, int]) -> Image.Image:
    """A plain WebP of that size with no metadata at all; returns it decoded."""
    assert set(webp_chunks(data)) <= PIXEL_CHUNKS
    image = Image.open(io.BytesIO(data))
    assert image.format == "WEBP" and image.size == size
    assert not getattr(image, "is_animated", False)
    for key in ("exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp"):
        assert key not in image.info, key
    assert len(image.getexif()) == 0
    image.load()
    return image
