"""Validate an uploaded photo and turn it into clean WebP derivatives. Pure Pillow: no Flask, no database.

Why each step exists (docs/performance.md, "Image uploads"):
- The bytes are judged by decoding them, never by file name or declared type: a PHP script named
  `foto.jpg`, an SVG or a PDF simply does not open with the allowed decoders.
- Size is refused in order of cost: byte count (free), then width x height from the header
  (Image.open reads only the header), and only then the pixels are decoded. A 400 MP PNG of a
  few hundred bytes never allocates its 400 MB.
- Nothing of the upload reaches storage as it came: every derivative is re-encoded from pixels,
  so appended HTML/JS (polyglots), EXIF with GPS or camera serials, XMP and comments are gone.
- Fixed widths (320/800/1600) make `srcset` possible and bound what a page can cost.
"""
from __future__ import annotations

import io
import logging
import math
import threading
import warnings
from contextlib import contextmanager
from dataclasses import dataclass

import pillow_heif
from PIL import Image, ImageCms, ImageOps

# HEIC/HEIF (iPhone photos). Decoding stays inside libheif's own security limits.
pillow_heif.register_heif_opener()

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_PIXELS = 40_000_000
DEFAULT_WIDTHS = (320, 800, 1600)
# A longer side more than this many times the shorter one is a strip, not a product photo (and the
# classic 30000x1 trick to get past a pixel limit while making huge derivatives).
MAX_ASPECT_RATIO = 10
WEBP_QUALITY = 80
WEBP_METHOD = 4  # method 6 costs +70 % time for -10 % bytes (bench/README.md)
CONTENT_TYPE = "image/webp"

# Decoders we let Pillow try. GIF and animated WebP give their first frame.
OPEN_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "HEIF")
# What the JPEG decoder may report for phone photos with extra frames (depth maps, previews).
FORMAT_NAMES = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "GIF": "GIF", "HEIF": "HEIF"}

_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
# Serialises the moment Pillow's process-wide pixel limit is lowered (see pillow_pixel_limit).
_LIMIT_LOCK = threading.Lock()


def N_(message: str) -> str:
    """Marks a message for translation (Babel extracts N_) without importing Flask here."""
    return message


MESSAGES = {
    "empty": N_("Berkas kosong. Pilih foto yang ingin diunggah."),
    "too_many_bytes": N_("Foto terlalu besar: maksimal %(mb)s MB."),
    "not_image": N_("Berkas ini bukan gambar yang bisa dibaca. Unggah foto JPG, PNG, WebP atau HEIC."),
    "corrupt": N_("Foto ini rusak atau tidak lengkap, mungkin terpotong saat dikirim. "
                  "Simpan ulang foto di ponsel Anda, lalu unggah lagi."),
    "too_many_pixels": N_("Resolusi foto terlalu besar: maksimal %(mp)s megapiksel."),
    "aspect_ratio": N_("Foto terlalu panjang atau terlalu sempit: sisi panjang paling banyak "
                       "%(ratio)s kali sisi pendek. Potong fotonya, lalu unggah lagi."),
}


class ImageRejected(ValueError):
    """The upload is refused. `reason` is a stable code; `message % params` is for the UMKM owner."""

    def __init__(self, reason: str, **params):
        self.reason = reason
        self.template = MESSAGES[reason]
        self.params = params
        super().__init__(self.template % params if params else self.template)


@dataclass(frozen=True)
class Derivative:
    width: int
    height: int
    data: bytes = b""

    @property
    def size(self) -> int:
        return len(self.data)

    content_type = CONTENT_TYPE


@dataclass(frozen=True)
class ProcessedImage:
    """The original's facts (dimensions as displayed, after EXIF orientation) and its derivatives,
    smallest first."""

    original_format: str
    original_width: int
    original_height: int
    original_bytes: int
    derivatives: tuple[Derivative, ...]


def process_image(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, max_pixels: int = DEFAULT_MAX_PIXELS,
                  widths: tuple[int, ...] = DEFAULT_WIDTHS) -> ProcessedImage:
    """Check, decode and re-encode one upload. Raises ImageRejected, never anything else."""
    if not data:
        raise ImageRejected("empty")
    if len(data) > max_bytes:
        raise ImageRejected("too_many_bytes", mb=_number(max_bytes / (1024 * 1024)))
    image = _open(data, max_pixels)
    try:
        return _process(image, len(data), widths)
    except ImageRejected:
        raise
    except Exception as error:  # truncated or corrupt data surfaces only while decoding
        log.info("image refused while decoding: %r", error)
        raise ImageRejected("corrupt") from error
    finally:
        image.close()


def target_sizes(width: int, height: int, widths: tuple[int, ...] = DEFAULT_WIDTHS) -> list[tuple[int, int]]:
    """Derivative sizes for an image shown at width x height: each fixed width below the image's
    own, plus its own width when it is narrower than the largest (never an upscale)."""
    chosen = {w for w in widths if w < width}
    if width <= max(widths):
        chosen.add(width)
    chosen = sorted(chosen)
    return [(w, max(1, round(height * w / width))) for w in chosen]


# --- steps ----------------------------------------------------------------------------------------

@contextmanager
def pillow_pixel_limit(max_pixels: int):
    """Pillow's own bomb guard at our limit while the header is read, its warning made an error.

    Image.MAX_IMAGE_PIXELS and the warning filters are process-wide, so they are changed only for
    the header read (well under a millisecond), under a lock, and restored afterwards: other code
    keeps Pillow's defaults. Our explicit check in `_open` does not depend on any of this.
    """
    with _LIMIT_LOCK, warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        previous = Image.MAX_IMAGE_PIXELS
        Image.MAX_IMAGE_PIXELS = max_pixels
        try:
            yield
        finally:
            Image.MAX_IMAGE_PIXELS = previous


def _open(data: bytes, max_pixels: int) -> Image.Image:
    """Read the header only and refuse what is not an allowed image or too large to decode."""
    try:
        with pillow_pixel_limit(max_pixels):
            image = Image.open(io.BytesIO(data), formats=OPEN_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ImageRejected("too_many_pixels", mp=_number(max_pixels / 1_000_000)) from error
    except Exception as error:  # UnidentifiedImageError, and whatever a damaged header raises
        log.info("image refused at open: %r", error)
        raise ImageRejected("not_image") from error
    width, height = image.size
    if image.format not in FORMAT_NAMES or width < 1 or height < 1:
        image.close()
        raise ImageRejected("not_image")
    if width * height > max_pixels:
        image.close()
        raise ImageRejected("too_many_pixels", mp=_number(max_pixels / 1_000_000))
    if max(width, height) > MAX_ASPECT_RATIO * min(width, height):
        image.close()
        raise ImageRejected("aspect_ratio", ratio=MAX_ASPECT_RATIO)
    return image


def _process(image: Image.Image, original_bytes: int, widths: tuple[int, ...]) -> ProcessedImage:
    original_format = FORMAT_NAMES[image.format]
    width, height = _displayed_size(image)
    sizes = target_sizes(width, height, widths)
    _draft(image, width, sizes[-1][0])
    image.load()  # the first frame only: GIF and animated WebP stop here
    base = ImageOps.exif_transpose(image)
    if (base.width > base.height) != (width > height) and base.width != base.height:
        # The orientation tag was not applied after all (unreadable EXIF): trust the pixels.
        width, height = height, width
        sizes = target_sizes(width, height, widths)
    base, profile = _to_rgb(base)
    factor = base.size[0] // sizes[-1][0]
    if factor >= 2:  # what draft() does for JPEG, for the other formats: a fast box reduction
        base = base.reduce(min(factor, 8))
    derivatives = []
    current = base
    for w, h in reversed(sizes):  # largest first, each made from the one before: cheap and sharp
        if current.size != (w, h):
            current = current.resize((w, h), Image.Resampling.LANCZOS, reducing_gap=3.0)
        if profile is not None:  # colour-manage once, at the largest derivative (fewest pixels)
            current, profile = _profile_to_srgb(current, profile), None
        derivatives.append(Derivative(w, h, _encode(current)))
    return ProcessedImage(original_format, width, height, original_bytes, tuple(reversed(derivatives)))


def _displayed_size(image: Image.Image) -> tuple[int, int]:
    """Width and height once EXIF orientation is applied (5-8 turn the image by 90 degrees)."""
    width, height = image.size
    try:
        orientation = image.getexif().get(0x0112, 1)
    except Exception:  # an unreadable EXIF block is dropped anyway
        orientation = 1
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def _draft(image: Image.Image, displayed_width: int, largest: int) -> None:
    """Let libjpeg decode at 1/2, 1/4 or 1/8 scale when that still covers the largest derivative."""
    if image.format not in ("JPEG", "MPO") or largest >= displayed_width:
        return
    scale = largest / displayed_width
    image.draft("RGB", (math.ceil(image.size[0] * scale), math.ceil(image.size[1] * scale)))


def _to_rgb(image: Image.Image) -> tuple[Image.Image, ImageCms.ImageCmsProfile | None]:
    """8-bit RGB, or RGBA when some pixel is actually transparent. Returns the embedded colour
    profile still to apply (for RGB images; CMYK is converted here, it cannot be resized as is)."""
    icc = image.info.get("icc_profile")
    profile = _read_profile(icc) if icc else None
    if image.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I", "F"):  # 16-bit grey: scale, do not clip
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if image.mode == "CMYK":
        if profile is not None and profile.profile.xcolor_space.strip() == "CMYK":
            try:
                return ImageCms.profileToProfile(image, profile, _SRGB, outputMode="RGB"), None
            except Exception as error:
                log.info("CMYK profile not applied: %r", error)
        return image.convert("RGB"), None
    if (image.mode == "P" and "transparency" in image.info) or image.mode in ("PA", "LA", "La", "RGBa", "RGBA"):
        image = image.convert("RGBA")
        if image.getchannel("A").getextrema()[0] == 255:  # alpha everywhere opaque: drop it
            image = image.convert("RGB")
    elif image.mode != "RGB":
        image = image.convert("RGB")
    if profile is not None and profile.profile.xcolor_space.strip() != "RGB":
        profile = None
    return image, profile


def _read_profile(icc: bytes) -> ImageCms.ImageCmsProfile | None:
    try:
        return ImageCms.ImageCmsProfile(io.BytesIO(icc))
    except Exception:  # a broken profile is dropped with the rest of the metadata
        return None


def _profile_to_srgb(image: Image.Image, profile: ImageCms.ImageCmsProfile) -> Image.Image:
    """Display P3 (iPhone) and Adobe RGB look washed out when their profile is simply dropped."""
    try:
        return ImageCms.profileToProfile(image, profile, _SRGB, outputMode=image.mode)
    except Exception as error:
        log.info("colour profile not applied: %r", error)
        return image


def _encode(image: Image.Image) -> bytes:
    """WebP with no metadata at all: no EXIF, XMP or ICC is passed, and the info dict is emptied."""
    image.info = {}
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
    return buffer.getvalue()


def _number(value: float) -> str:
    """10 -> "10", 7.5 -> "7,5" (Indonesian decimal comma)."""
    return str(int(value)) if value == int(value) else f"{value:.1f}".replace(".", ",")
