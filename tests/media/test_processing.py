"""processing.py on its own: sizes, limits, Pillow's global state, and fuzzed bytes."""
from __future__ import annotations

import ast
import io
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from storefront.media import processing
from storefront.media.processing import ImageRejected, process_image, target_sizes
from tests.media.make_images import declared_png, two_halves


@pytest.mark.parametrize(("size", "expected"), [
    ((4000, 3000), [(320, 240), (800, 600), (1600, 1200)]),
    ((1600, 900), [(320, 180), (800, 450), (1600, 900)]),
    ((1000, 1000), [(320, 320), (800, 800), (1000, 1000)]),
    ((500, 250), [(320, 160), (500, 250)]),  # never upscaled: 320 and its own width
    ((320, 100), [(320, 100)]),
    ((200, 2000), [(200, 2000)]),
    ((3000, 301), [(320, 32), (800, 80), (1600, 161)]),
])
def test_target_sizes_never_upscale_and_keep_the_aspect(size, expected):
    assert target_sizes(*size) == expected


def test_processing_is_pure_pillow():
    """No Flask, no database, nothing of the app: usable from a script, a worker or the bench."""
    tree = ast.parse(Path(processing.__file__).read_text())
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module}
    assert not imported & {"flask", "flask_babel", "sqlalchemy", "storefront", "werkzeug"}


def jpeg(size=(300, 200)) -> bytes:
    buffer = io.BytesIO()
    two_halves(size).save(buffer, "JPEG")
    return buffer.getvalue()


def test_pillow_limits_and_warning_filters_are_left_as_they_were():
    limit, filters = Image.MAX_IMAGE_PIXELS, list(warnings.filters)
    process_image(jpeg())
    with pytest.raises(ImageRejected):
        process_image(declared_png(20000, 20000))
    with pytest.raises(ImageRejected):
        process_image(b"not an image")
    assert Image.MAX_IMAGE_PIXELS == limit
    assert warnings.filters == filters


def test_pillows_own_guard_runs_at_our_limit_with_its_warning_as_an_error():
    with processing.pillow_pixel_limit(1_000_000):
        with pytest.raises(Image.DecompressionBombWarning):  # 1-2x the limit: Pillow only warns
            Image.open(io.BytesIO(declared_png(1200, 1000)))
        with pytest.raises(Image.DecompressionBombError):  # above 2x: Pillow refuses
            Image.open(io.BytesIO(declared_png(1500, 1500)))
    with Image.open(io.BytesIO(declared_png(1200, 1000))) as image:  # outside: Pillow's defaults
        assert image.size == (1200, 1000)


def test_the_pixel_limit_is_checked_even_where_pillow_would_allow_more():
    """Our explicit width x height check does not depend on Pillow's global limit."""
    old = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None  # someone else disabled Pillow's guard
    try:
        with pytest.raises(ImageRejected) as refused:
            process_image(declared_png(3000, 2000), max_pixels=5_000_000)
    finally:
        Image.MAX_IMAGE_PIXELS = old
    assert refused.value.reason == "too_many_pixels"
    assert Image.MAX_IMAGE_PIXELS == old


def test_result_describes_the_original_and_the_derivatives():
    data = jpeg((1000, 400))
    result = process_image(data)
    assert (result.original_format, result.original_width, result.original_height) == ("JPEG", 1000, 400)
    assert result.original_bytes == len(data)
    assert [(d.width, d.height) for d in result.derivatives] == [(320, 128), (800, 320), (1000, 400)]
    assert all(d.size == len(d.data) and d.content_type == "image/webp" for d in result.derivatives)


def test_messages_are_indonesian_and_name_the_limit():
    with pytest.raises(ImageRejected) as refused:
        process_image(b"x" * (1024 * 1024 + 1), max_bytes=1024 * 1024)
    assert str(refused.value) == "Foto terlalu besar: maksimal 1 MB."
    with pytest.raises(ImageRejected) as refused:
        process_image(b"x" * 11, max_bytes=7 * 1024 * 1024 + 10)
    assert refused.value.reason == "not_image"
    with pytest.raises(ImageRejected) as refused:
        process_image(jpeg((2000, 1000)), max_pixels=1_500_000)
    assert str(refused.value) == "Resolusi foto terlalu besar: maksimal 1,5 megapiksel."


SEEDS = {}


def _seed(format: str) -> bytes:
    if format not in SEEDS:
        buffer = io.BytesIO()
        image = two_halves((64, 48))
        if format == "GIF":
            image.save(buffer, format, save_all=True, append_images=[two_halves((64, 48), left=(0, 255, 0))])
        else:
            image.save(buffer, format)
        SEEDS[format] = buffer.getvalue()
    return SEEDS[format]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(format=st.sampled_from(["JPEG", "PNG", "WEBP", "GIF"]), data=st.data())
def test_damaged_files_are_refused_never_crash(format, data):
    """Flipped bytes and cut-off files: stored or ImageRejected, nothing else escapes."""
    original = bytearray(_seed(format))
    for _ in range(data.draw(st.integers(0, 8))):
        position = data.draw(st.integers(0, len(original) - 1))
        original[position] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(original)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow may warn about damaged chunks; that is not our error
        try:
            result = process_image(bytes(original[:cut]) if cut else bytes(original))
        except ImageRejected:
            return
    assert result.derivatives
