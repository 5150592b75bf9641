"""The image robustness corpus, generated with Pillow at test time (no binaries in git).

Each `make_*` function writes one case into a folder and returns the file's path; CASES maps the
case name to its function. To look at the files yourself:

    .venv/bin/python tests/media/make_images.py /tmp/etalase-corpus
"""
from __future__ import annotations

import io
import random
import struct
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pillow_heif
from PIL import Image, ImageCms, ImageDraw

pillow_heif.register_heif_opener()

RED, BLUE, GREEN = (220, 30, 30), (30, 30, 220), (30, 200, 30)
# What a polyglot carries after the JPEG's end: it must never reach storage.
PAYLOAD = b'<html><script>alert("etalase-polyglot-payload")</script></html>'
# Identifying metadata planted in the inputs; none of it may survive.
CAMERA_MAKE, CAMERA_SERIAL = "SAMSUNG-ETALASE", "R58W-ETALASE-123456"
XMP = b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF>etalase-xmp-secret</rdf:RDF></x:xmpmeta>"
COMMENT = b"etalase-comment-secret"

CASES: dict[str, Callable[[Path], Path]] = {}


def case(function):
    CASES[function.__name__.removeprefix("make_")] = function
    return function


# --- helpers -------------------------------------------------------------------------------------

def two_halves(size=(640, 480), left=RED, right=BLUE, mode="RGB") -> Image.Image:
    """Left half one colour, right half another: shows which way an image was turned."""
    image = Image.new(mode, size, right)
    image.paste(left, (0, 0, size[0] // 2, size[1]))
    return image


def camera_exif(orientation: int = 1) -> Image.Exif:
    """EXIF as a phone writes it: orientation, make, serial number and a GPS position (Medan)."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = CAMERA_MAKE
    exif[0x0110] = "SM-A546E"
    exif.get_ifd(0x8769)[0xA431] = CAMERA_SERIAL  # BodySerialNumber
    exif.get_ifd(0x8825).update({1: "N", 2: (3.0, 35.0, 24.0), 3: "E", 4: (98.0, 40.0, 12.0)})
    return exif


def phone_photo(size=(4000, 3000), seed: int = 1) -> Image.Image:
    """Photo-like content: gradients, shapes, texture and sensor noise, so that JPEG and WebP
    sizes and timings are realistic (a flat colour compresses to nothing)."""
    width, height = size
    rnd = random.Random(seed)
    image = Image.merge("RGB", (
        Image.linear_gradient("L").resize(size),
        Image.linear_gradient("L").rotate(90).resize(size),
        Image.radial_gradient("L").resize(size),
    ))
    draw = ImageDraw.Draw(image)
    for _ in range(60):
        x, y, side = rnd.randrange(width), rnd.randrange(height), rnd.randrange(width // 40, width // 4)
        draw.ellipse((x, y, x + side, y + side * 0.7), fill=tuple(rnd.randrange(256) for _ in range(3)))
    texture = Image.merge("RGB", [
        Image.effect_noise((max(1, width // 4), max(1, height // 4)), 60).resize(size, Image.Resampling.BICUBIC)
        for _ in range(3)])
    grain = Image.effect_noise(size, 30).convert("RGB")
    return Image.blend(Image.blend(image, texture, 0.2), grain, 0.1)


def phone_jpeg_bytes(size=(4000, 3000), seed: int = 1) -> bytes:
    buffer = io.BytesIO()
    phone_photo(size, seed).save(buffer, "JPEG", quality=90, exif=camera_exif())
    return buffer.getvalue()


def _png_chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def declared_png(width: int, height: int, *, complete: bool = False) -> bytes:
    """An 8-bit grey PNG declaring width x height. By default only its first row of pixel data is
    there (a few hundred bytes); `complete` writes every (zero) row, still tiny once compressed."""
    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)  # filter byte + pixels
    if complete:
        block = row * max(1, (1 << 20) // len(row))
        rows_per_block = len(block) // len(row)
        parts, left = [], height
        while left >= rows_per_block:
            parts.append(compressor.compress(block))
            left -= rows_per_block
        parts.append(compressor.compress(row * left))
        idat = b"".join(parts) + compressor.flush()
    else:
        idat = compressor.compress(row) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", idat)
            + _png_chunk(b"IEND", b""))


def _save(image: Image.Image, path: Path, format: str, **params) -> Path:
    image.save(path, format, **params)
    return path


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --- accepted, with something to normalise ---------------------------------------------------------

@case
def make_exif_rotated_jpeg(folder: Path) -> Path:
    """640x480 stored, orientation 6: shown 480x640 with the red half on top."""
    return _save(two_halves(), folder / "diputar.jpg", "JPEG", quality=90, exif=camera_exif(6), xmp=XMP,
                 comment=COMMENT)


@case
def make_phone_jpeg(folder: Path) -> Path:
    """12 MP, ~3 MB, with camera EXIF and GPS: the normal worst case."""
    return _write(folder / "IMG_20250101_120000.jpg", phone_jpeg_bytes())


@case
def make_mpo_jpeg(folder: Path) -> Path:
    """A JPEG with a second image appended (MPO: portrait-mode depth maps, some Samsung photos),
    rotated by EXIF: reported as JPEG, first image only."""
    return _save(two_halves((800, 600)), folder / "potret.jpg", "MPO", save_all=True,
                 append_images=[two_halves((800, 600), left=GREEN)], exif=camera_exif(6))


@case
def make_cmyk_jpeg(folder: Path) -> Path:
    return _save(two_halves(left=(0, 255, 255, 0), right=(255, 255, 0, 0), mode="CMYK"),
                 folder / "cmyk.jpg", "JPEG", quality=90)


@case
def make_png_16bit(folder: Path) -> Path:
    """16-bit grey: left half 0x8000 (mid grey), right half 0xFFFF (white)."""
    row = (0x8000).to_bytes(2, "little") * 300 + (0xFFFF).to_bytes(2, "little") * 300
    image = Image.frombytes("I;16", (600, 400), row * 400)  # (paste() of an int into I;16 gives 0)
    return _save(image, folder / "16bit.png", "PNG")


@case
def make_palette_png_transparent(folder: Path) -> Path:
    """Palette image whose left half is transparent (index 0)."""
    image = Image.new("P", (300, 200), 1)
    image.putpalette([0, 0, 0, *RED] + [0] * (256 - 2) * 3)
    image.paste(0, (0, 0, 150, 200))
    return _save(image, folder / "logo.png", "PNG", transparency=0)


@case
def make_rgba_png_opaque(folder: Path) -> Path:
    """RGBA with every pixel opaque: the alpha channel carries nothing and is dropped."""
    return _save(two_halves(mode="RGBA", left=RED + (255,), right=BLUE + (255,)), folder / "rgba.png", "PNG")


@case
def make_png_with_metadata(folder: Path) -> Path:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", CAMERA_SERIAL)
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    return _save(two_halves((500, 400)), folder / "meta.png", "PNG", pnginfo=info, exif=camera_exif())


@case
def make_webp_with_metadata(folder: Path) -> Path:
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return _save(two_halves((900, 600)), folder / "meta.webp", "WEBP", exif=camera_exif(), xmp=XMP,
                 icc_profile=srgb)


@case
def make_jpeg_with_icc(folder: Path) -> Path:
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return _save(two_halves((1000, 750)), folder / "icc.jpg", "JPEG", icc_profile=srgb)


@case
def make_animated_gif(folder: Path) -> Path:
    """Three frames, red then green then blue: only the red one is kept."""
    frames = [Image.new("RGB", (400, 300), colour) for colour in (RED, GREEN, BLUE)]
    return _save(frames[0], folder / "animasi.gif", "GIF", save_all=True, append_images=frames[1:],
                 duration=200, loop=0)


@case
def make_animated_webp(folder: Path) -> Path:
    frames = [Image.new("RGB", (400, 300), colour) for colour in (RED, GREEN, BLUE)]
    return _save(frames[0], folder / "animasi.webp", "WEBP", save_all=True, append_images=frames[1:],
                 duration=200, loop=0)


@case
def make_heic(folder: Path) -> Path:
    """An iPhone-style HEIC (pillow-heif's encoder), with camera EXIF."""
    return _save(two_halves(), folder / "IMG_0001.HEIC", "HEIF", exif=camera_exif().tobytes())


@case
def make_polyglot_jpeg(folder: Path) -> Path:
    """A valid JPEG with an HTML/JS page after its end marker."""
    buffer = io.BytesIO()
    two_halves((400, 300)).save(buffer, "JPEG", quality=90)
    return _write(folder / "polyglot.jpg", buffer.getvalue() + PAYLOAD)


@case
def make_tiny_png(folder: Path) -> Path:
    return _save(Image.new("RGB", (1, 1), RED), folder / "titik.png", "PNG")


# --- refused ---------------------------------------------------------------------------------------

@case
def make_truncated_jpeg(folder: Path) -> Path:
    buffer = io.BytesIO()
    phone_photo((1200, 900)).save(buffer, "JPEG", quality=90)
    data = buffer.getvalue()
    return _write(folder / "terpotong.jpg", data[: len(data) * 2 // 5])


@case
def make_empty(folder: Path) -> Path:
    return _write(folder / "kosong.jpg", b"")


@case
def make_text_as_jpg(folder: Path) -> Path:
    return _write(folder / "foto.jpg", b"<?php system($_GET['cmd']); ?>\nIni bukan foto.\n")


@case
def make_svg(folder: Path) -> Path:
    return _write(folder / "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
                                       b'<script>alert(1)</script><rect width="100" height="100"/></svg>')


@case
def make_pdf(folder: Path) -> Path:
    return _write(folder / "katalog.jpg", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n")


@case
def make_tiff(folder: Path) -> Path:
    """Pillow can decode TIFF, but it is not an allowed format (a large parser attack surface)."""
    return _save(two_halves((200, 100)), folder / "scan.jpg", "TIFF")


@case
def make_png_bomb(folder: Path) -> Path:
    """A few hundred bytes declaring 20000x20000 (400 MP; 400 MB once decoded)."""
    return _write(folder / "bom.png", declared_png(20000, 20000))


@case
def make_png_100mp(folder: Path) -> Path:
    """100 MP: between Pillow's warning (89.5 MP) and error (179 MP) limits, so Pillow alone would
    only warn and decode it; ours refuses. Complete pixel data, ~100 KB."""
    return _write(folder / "100mp.png", declared_png(10000, 10000, complete=True))


@case
def make_png_over_limit(folder: Path) -> Path:
    """42 MP: below every Pillow limit, above ours (40 MP)."""
    return _write(folder / "42mp.png", declared_png(7000, 6000))


@case
def make_png_strip(folder: Path) -> Path:
    """30000x1: few pixels, but a strip, not a photo."""
    return _write(folder / "garis.png", declared_png(30000, 1, complete=True))


@case
def make_oversized_bytes(folder: Path) -> Path:
    """A valid JPEG padded to 10 MiB + 1 byte."""
    buffer = io.BytesIO()
    two_halves((400, 300)).save(buffer, "JPEG")
    data = buffer.getvalue()
    return _write(folder / "besar.jpg", data + b"\x00" * (10 * 1024 * 1024 + 1 - len(data)))


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    folder = Path(argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    for name, make in CASES.items():
        path = make(folder)
        print(f"{name:28} {path.stat().st_size:>10,} B  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
