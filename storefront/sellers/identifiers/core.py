"""What every identifier shares: the error, normalising, printed labels, province codes, lenient display."""
from __future__ import annotations

import re
import unicodedata


class InvalidIdentifier(ValueError):
    """The value does not have the shape of the identifier; str() is the message for the user."""

    def __init__(self, message, kind: str = ""):
        super().__init__(message)
        self.message = message
        self.kind = kind  # "nib", "npwp", ... (for logs and tests; the user sees the message)

    def __str__(self) -> str:
        return str(self.message)


# --- normalising ---------------------------------------------------------------------------------

# Full-width forms (U+FF01..U+FF5E) as some phone keyboards and PDFs produce them -> ASCII.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_SEPARATOR_CHARS = frozenset(".-/")
# Dashes (Pd: ‐ – — − ...), invisible format marks that pasted text carries (Cf: zero-width
# space, left-to-right mark, BOM), and every kind of space or line break.
_SEPARATOR_CATEGORIES = frozenset({"Pd", "Cf", "Zs", "Zl", "Zp"})


def _is_separator(char: str) -> bool:
    return (char in _SEPARATOR_CHARS or char.isspace()
            or unicodedata.category(char) in _SEPARATOR_CATEGORIES)


def normalise(value) -> str:
    """Strip spaces, dots, dashes and slashes; uppercase letters. Idempotent.

    None is treated as an empty field. Integers are accepted (a NIB read from a spreadsheet).
    """
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    text = str(value).translate(_FULLWIDTH).upper()
    return "".join(char for char in text if not _is_separator(char))


def is_digits(text: str, length: int | tuple[int, ...]) -> bool:
    """ASCII digits only (str.isdigit alone takes superscripts and other scripts' digits), of that length."""
    lengths = (length,) if isinstance(length, int) else length
    return len(text) in lengths and text.isascii() and text.isdigit()


def strip_label(text: str, pattern: re.Pattern) -> str:
    """Drop a printed label ("NIB:", "P-IRT No.", "BPOM RI") in front of the number."""
    return pattern.sub("", text, count=1)


def label_pattern(words: str) -> re.Pattern:
    """`NIB`, `NIB:`, `NIB No.`, `Nomor:` ... in front of the number (after normalising)."""
    return re.compile(rf"^(?:{words})?:?(?:NOMOR|NO)?:?")


# Province codes (Kepmendagri 2025; docs/domain.md, "Province codes"): 11-19 Sumatra, 21 Kepri,
# 31-36 Java, 51-53 Bali/Nusa Tenggara, 61-65 Kalimantan, 71-76 Sulawesi, 81-82 Maluku,
# 91-96 Papua (93-96 created in 2022).
PROVINCE_CODES = frozenset(
    [str(code) for code in range(11, 20)] + ["21"] + [str(code) for code in range(31, 37)]
    + ["51", "52", "53"] + [str(code) for code in range(61, 66)]
    + [str(code) for code in range(71, 77)] + ["81", "82"] + [str(code) for code in range(91, 97)]
)


# --- helpers -------------------------------------------------------------------------------------

def lenient_display(validate, value, display) -> str:
    """Formatters are for templates: a value that does not validate is shown as it was stored."""
    try:
        return display(validate(value))
    except (InvalidIdentifier, TypeError):
        return "" if value is None else str(value)
