"""Packaging photos for the demo products, drawn with Pillow at seed time. Pure: no Flask, no database.

No image files ship with the app and nothing is downloaded: each photo is a simple drawing of the
package (box, jar, bottle, pouch, folded cloth, plaque, bag or folders) in a colour per category,
with the product and business name on its label and "data contoh" on it, so nobody mistakes it
for a real product. The seed passes the JPEG bytes through the real upload pipeline.
"""
from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 900
JPEG_QUALITY = 85

# The main colour of the package, per category slug (storefront/reference/data/catalog.json).
CATEGORY_COLOURS = {
    "kue-roti": (190, 88, 56),
    "makanan-ringan": (224, 150, 46),
    "lauk-sambal": (160, 40, 42),
    "minuman-sirup": (236, 140, 60),
    "makanan-beku": (52, 92, 140),
    "katering-nasi-kotak": (96, 150, 72),
    "snack-box": (214, 120, 150),
    "ulos-songket": (128, 36, 40),
    "batik-medan": (102, 68, 44),
    "pakaian-seragam": (74, 96, 52),
    "hijab-peci": (60, 60, 90),
    "anyaman": (176, 150, 90),
    "ukiran-plakat": (140, 94, 58),
    "tas-aksesoris": (156, 140, 84),
    "atk": (60, 110, 150),
    "percetakan": (44, 96, 140),
    "kopi-biji": (84, 56, 44),
}
DEFAULT_COLOUR = (90, 110, 130)

# What each view shows, and how the alt text begins (Indonesian, for screen readers).
VIEW_FRONT, VIEW_BACK, VIEW_CONTENTS = "front", "back", "contents"
VIEWS = (VIEW_FRONT, VIEW_BACK, VIEW_CONTENTS)
PACKAGED_SHAPES = frozenset({"box", "jar", "bottle", "pouch", "folder"})
ALT_PREFIXES = {
    True: {VIEW_FRONT: "Kemasan depan", VIEW_BACK: "Label belakang kemasan", VIEW_CONTENTS: "Kemasan dan isi"},
    False: {VIEW_FRONT: "Tampak depan", VIEW_BACK: "Label gantung", VIEW_CONTENTS: "Tampak dekat"},
}
DEMO_MARK = "DATA CONTOH - PRODUK FIKTIF"


@dataclass(frozen=True)
class PhotoSpec:
    product_name: str
    business_name: str
    category_slug: str
    shape: str  # box | jar | bottle | pouch | cloth | plaque | bag | folder
    view: str = VIEW_FRONT
    back_lines: tuple[str, ...] = ()  # what the back label says (permits, halal, contents)


def alt_text(product_name: str, shape: str, view: str) -> str:
    """`Kemasan depan bika ambon pandan`: the view, then the product name in lower case."""
    name = product_name[:1].lower() + product_name[1:]
    return f"{ALT_PREFIXES[shape in PACKAGED_SHAPES][view]} {name}"[:200]


def draw_photo(spec: PhotoSpec) -> bytes:
    """A 1200x900 JPEG of the package (the upload a seller would make with a phone)."""
    colour = CATEGORY_COLOURS.get(spec.category_slug, DEFAULT_COLOUR)
    image = Image.new("RGB", (WIDTH, HEIGHT), _mix(colour, (255, 255, 255), 0.86))
    draw = ImageDraw.Draw(image)
    _backdrop(draw, colour, spec.view)
    if spec.view == VIEW_BACK:
        _back_label(draw, spec, colour)
    elif spec.view == VIEW_CONTENTS:
        _package(draw, spec, colour, centre=(400, 470), scale=0.72)
        _contents(draw, spec.shape, colour)
    else:
        _package(draw, spec, colour, centre=(600, 460), scale=1.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()


# --- drawing ------------------------------------------------------------------------------------------

def _backdrop(draw: ImageDraw.ImageDraw, colour, view: str) -> None:
    """A wall and a table top, with a soft shadow where the package stands."""
    table = _mix(colour, (236, 226, 210), 0.82 if view != VIEW_BACK else 0.9)
    draw.rectangle((0, 700, WIDTH, HEIGHT), fill=table)
    draw.line((0, 700, WIDTH, 700), fill=_mix(table, (0, 0, 0), 0.12), width=3)
    if view != VIEW_BACK:
        draw.ellipse((250, 690, 950, 760), fill=_mix(table, (0, 0, 0), 0.18))


def _package(draw: ImageDraw.ImageDraw, spec: PhotoSpec, colour, *, centre, scale: float) -> None:
    cx, cy = centre
    s = scale
    dark = _mix(colour, (0, 0, 0), 0.3)
    light = _mix(colour, (255, 255, 255), 0.25)
    shape = spec.shape

    def box(x0, y0, x1, y1):
        return (cx + x0 * s, cy + y0 * s, cx + x1 * s, cy + y1 * s)

    if shape == "box":
        draw.polygon([(cx - 300 * s, cy - 180 * s), (cx - 220 * s, cy - 250 * s), (cx + 380 * s, cy - 250 * s),
                      (cx + 300 * s, cy - 180 * s)], fill=light, outline=dark)
        draw.polygon([(cx + 300 * s, cy - 180 * s), (cx + 380 * s, cy - 250 * s), (cx + 380 * s, cy + 170 * s),
                      (cx + 300 * s, cy + 240 * s)], fill=dark)
        draw.rectangle(box(-300, -180, 300, 240), fill=colour, outline=dark, width=3)
        label = box(-250, -120, 250, 180)
    elif shape == "jar":
        draw.rounded_rectangle(box(-190, -260, 190, -190), radius=int(18 * s), fill=dark)
        draw.rounded_rectangle(box(-230, -200, 230, 240), radius=int(60 * s), fill=_mix(colour, (255, 255, 255), 0.1),
                               outline=dark, width=3)
        label = box(-220, -120, 220, 150)
    elif shape == "bottle":
        draw.rectangle(box(-45, -300, 45, -250), fill=dark)
        draw.polygon([(cx - 60 * s, cy - 250 * s), (cx + 60 * s, cy - 250 * s), (cx + 150 * s, cy - 140 * s),
                      (cx - 150 * s, cy - 140 * s)], fill=_mix(colour, (40, 20, 0), 0.2))
        draw.rounded_rectangle(box(-150, -150, 150, 240), radius=int(30 * s), fill=_mix(colour, (40, 20, 0), 0.2),
                               outline=dark, width=3)
        label = box(-140, -70, 140, 170)
    elif shape == "pouch":
        draw.polygon([(cx - 230 * s, cy - 250 * s), (cx + 230 * s, cy - 250 * s), (cx + 260 * s, cy + 240 * s),
                      (cx - 260 * s, cy + 240 * s)], fill=colour, outline=dark)
        draw.line((cx - 225 * s, cy - 200 * s, cx + 225 * s, cy - 200 * s), fill=dark, width=max(2, int(6 * s)))
        draw.ellipse(box(-20, -240, 20, -215), fill=_mix(colour, (255, 255, 255), 0.7))
        label = box(-200, -150, 200, 170)
    elif shape == "cloth":
        for step, shade in enumerate((0.35, 0.18, 0.0)):
            offset = (2 - step) * 40
            draw.rounded_rectangle(box(-330 + offset, -120 - offset, 330 + offset, 200 - offset), radius=int(16 * s),
                                   fill=_mix(colour, (0, 0, 0), shade), outline=dark)
        top = box(-330, -120, 330, 200)
        for y in range(int(top[1] + 20 * s), int(top[3] - 10 * s), max(8, int(28 * s))):
            draw.line((top[0] + 10, y, top[2] - 10, y), fill=_mix(colour, (240, 200, 120), 0.45),
                      width=max(2, int(5 * s)))
        for x in range(int(top[0] + 40 * s), int(top[2] - 20 * s), max(16, int(70 * s))):
            draw.regular_polygon((x, (top[1] + top[3]) / 2, 18 * s), 4, fill=(236, 200, 120))
        label = box(140, 60, 420, 250)  # a hang tag at the corner
        draw.line((cx + 280 * s, cy + 60 * s, cx + 250 * s, cy + 20 * s), fill=dark, width=3)
    elif shape == "plaque":
        draw.polygon([(cx - 80 * s, cy + 230 * s), (cx + 80 * s, cy + 230 * s), (cx + 40 * s, cy + 170 * s),
                      (cx - 40 * s, cy + 170 * s)], fill=dark)
        draw.rounded_rectangle(box(-300, -260, 300, 180), radius=int(24 * s), fill=colour, outline=dark, width=4)
        draw.rounded_rectangle(box(-260, -220, 260, 140), radius=int(16 * s), outline=light, width=max(2, int(8 * s)))
        draw.polygon([(cx - 150 * s, cy - 60 * s), (cx, cy - 190 * s), (cx + 150 * s, cy - 60 * s)], fill=light)
        label = box(-220, -40, 220, 120)
    elif shape == "bag":
        draw.arc(box(-170, -330, -30, -110), 180, 360, fill=dark, width=max(3, int(14 * s)))
        draw.arc(box(30, -330, 170, -110), 180, 360, fill=dark, width=max(3, int(14 * s)))
        draw.polygon([(cx - 260 * s, cy - 220 * s), (cx + 260 * s, cy - 220 * s), (cx + 300 * s, cy + 240 * s),
                      (cx - 300 * s, cy + 240 * s)], fill=colour, outline=dark)
        for y in range(int(cy - 200 * s), int(cy + 230 * s), max(8, int(30 * s))):
            draw.line((cx - 280 * s, y, cx + 280 * s, y), fill=_mix(colour, (0, 0, 0), 0.15), width=2)
        for x in range(int(cx - 260 * s), int(cx + 260 * s), max(8, int(30 * s))):
            draw.line((x, cy - 215 * s, x, cy + 235 * s), fill=_mix(colour, (255, 255, 255), 0.15), width=2)
        label = box(-180, -100, 180, 130)
    else:  # folder: a stack of printed folders
        for step in range(3):
            offset = (2 - step) * 30
            draw.rectangle(box(-280 + offset, -240 + offset, 280 + offset, 220 + offset),
                           fill=_mix(colour, (255, 255, 255), 0.15 * step), outline=dark, width=3)
        draw.rectangle(box(-280, -240, -240, 220), fill=dark)
        label = box(-200, -150, 240, 150)
    _label(draw, label, spec, colour)


def _label(draw: ImageDraw.ImageDraw, area, spec: PhotoSpec, colour) -> None:
    """The front label: the product name, a rule, the business name and the demo mark, at the
    largest size that fits the label."""
    x0, y0, x1, y1 = (int(v) for v in area)
    draw.rounded_rectangle((x0, y0, x1, y1), radius=14, fill=(252, 250, 244), outline=_mix(colour, (0, 0, 0), 0.3),
                           width=3)
    width, height = x1 - x0 - 30, y1 - y0 - 24
    for big in range(min(48, height // 4), 13, -2):
        name = _wrap(draw, spec.product_name, label_font(big), width, lines=3)
        business = _wrap(draw, spec.business_name, label_font(big * 2 // 3), width, lines=2)
        mark = _wrap(draw, DEMO_MARK, label_font(max(10, big // 2 - 2)), width, lines=1)
        needed = _height(name, big) + 14 + _height(business, big * 2 // 3) + 6 + _height(mark, max(10, big // 2 - 2))
        if needed <= height and not any(row.endswith("...") for row in name + business + mark):
            break
    y = _draw_rows(draw, (x0 + 15, y0 + 12), name, label_font(big), _mix(colour, (0, 0, 0), 0.45))
    draw.line((x0 + 15, y + 4, x1 - 15, y + 4), fill=colour, width=3)
    y = _draw_rows(draw, (x0 + 15, y + 12), business, label_font(big * 2 // 3), (60, 60, 60))
    small = max(10, big // 2 - 2)
    _draw_rows(draw, (x0 + 15, max(y + 4, y1 - 12 - _height(mark, small))), mark, label_font(small), (150, 40, 40))


def _back_label(draw: ImageDraw.ImageDraw, spec: PhotoSpec, colour) -> None:
    """The back of the package, close up: the label with its numbers."""
    draw.rounded_rectangle((170, 90, 1030, 780), radius=30, fill=colour)
    draw.rounded_rectangle((230, 140, 970, 730), radius=18, fill=(252, 250, 244), outline=_mix(colour, (0, 0, 0), 0.3),
                           width=4)
    dark = _mix(colour, (0, 0, 0), 0.45)
    y = write_text(draw, (270, 170), spec.product_name, label_font(44), 660, dark, lines=2)
    y = write_text(draw, (270, y + 6), spec.business_name, label_font(30), 660, (60, 60, 60), lines=1)
    draw.line((270, y + 10, 930, y + 10), fill=colour, width=3)
    y += 30
    for line in spec.back_lines:
        y = write_text(draw, (270, y), line, label_font(28), 660, (40, 40, 40), lines=2) + 6
    write_text(draw, (270, 680), DEMO_MARK, label_font(24), 660, (150, 40, 40), lines=1)


def _contents(draw: ImageDraw.ImageDraw, shape: str, colour) -> None:
    """What is inside, beside the package: pieces, a glass, a folded cloth..."""
    fill = _mix(colour, (255, 240, 200), 0.35)
    edge = _mix(colour, (0, 0, 0), 0.35)
    if shape in ("cloth", "bag"):
        draw.rounded_rectangle((760, 360, 1100, 660), radius=20, fill=fill, outline=edge, width=3)
        for y in range(380, 650, 24):
            draw.line((770, y, 1090, y), fill=_mix(colour, (240, 200, 120), 0.4), width=4)
    elif shape == "bottle":
        draw.polygon([(820, 420), (980, 420), (960, 680), (840, 680)], fill=(240, 240, 240), outline=edge)
        draw.polygon([(828, 480), (972, 480), (960, 670), (840, 670)], fill=fill)
    elif shape in ("plaque", "folder"):
        draw.rectangle((780, 420, 1080, 660), fill=fill, outline=edge, width=3)
        draw.rectangle((810, 450, 1050, 500), fill=edge)
    else:
        draw.ellipse((730, 560, 1130, 700), fill=(245, 245, 245), outline=(200, 200, 200), width=3)
        for x, y in ((800, 560), (900, 540), (1000, 565), (860, 600), (960, 600)):
            draw.rounded_rectangle((x - 45, y - 35, x + 45, y + 35), radius=14, fill=fill, outline=edge, width=2)


# --- text -----------------------------------------------------------------------------------------------

@cache
def label_font(size: int):
    """Pillow's built-in font at `size` (Pillow >= 10.1), else its small bitmap font."""
    try:
        return ImageFont.load_default(size=size)
    except TypeError:
        return ImageFont.load_default()


def _ascii(text: str) -> str:
    """The built-in font has only ASCII glyphs: 20×20 becomes 20x20, a dash a hyphen."""
    text = text.replace("\u00d7", "x").replace("\u2013", "-").replace("\u2014", "-")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, *, lines: int) -> list[str]:
    """Word-wrapped rows within `width` pixels, at most `lines`; cut text ends with "..."."""
    words = _ascii(text).split()
    rows: list[str] = []
    while words and len(rows) < lines:
        row = words.pop(0)
        while words and draw.textlength(f"{row} {words[0]}", font=font) <= width:
            row = f"{row} {words.pop(0)}"
        rows.append(row)
    if words and rows:
        rows[-1] = rows[-1].rstrip(".,") + "..."
    return rows


def _height(rows: list[str], size: int) -> int:
    return int(size * 1.2) * len(rows)


def _draw_rows(draw: ImageDraw.ImageDraw, xy, rows: list[str], font, fill) -> int:
    x, y = xy
    size = getattr(font, "size", 11)
    for row in rows:
        draw.text((x, y), row, font=font, fill=fill)
        y += int(size * 1.2)
    return y


def write_text(draw: ImageDraw.ImageDraw, xy, text: str, font, width: int, fill, *, lines: int) -> int:
    """Word-wrapped text within `width` pixels, at most `lines` lines; returns the y below it."""
    return _draw_rows(draw, xy, _wrap(draw, text, font, width, lines=lines), font, fill)


def _mix(colour, other, amount: float) -> tuple[int, int, int]:
    """`colour` moved `amount` (0-1) of the way towards `other`."""
    return tuple(int(a + (b - a) * amount) for a, b in zip(colour, other, strict=True))
