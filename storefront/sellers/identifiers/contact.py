"""Contact numbers: Indonesian mobile / WhatsApp numbers and wa.me links.

The rules: docs/domain.md, "Mobile and WhatsApp numbers".
"""
from __future__ import annotations

import re
from urllib.parse import quote

from storefront.sellers.identifiers.core import InvalidIdentifier, lenient_display, normalise
from storefront.text import lazy_gettext as _l

# --- Mobile / WhatsApp numbers ------------------------------------------------------------------

MSG_PHONE = _l("Nomor HP/WhatsApp diawali 08 (atau +62 8), panjangnya 10 sampai 13 angka, misalnya "
               "0812-3456-7890. Nomor telepon rumah atau kantor tidak bisa dipakai.")

# National form: 0 + 8 + operator digit 1-9 + 7..10 digits = 10..13 digits in all.
_MOBILE_NATIONAL = re.compile(r"08[1-9][0-9]{7,10}")


def validate_phone(value) -> str:
    """An Indonesian mobile number as E.164 without the plus, the form wa.me takes: `6281234567890`.

    Accepts 0812..., 812..., +62 812..., 62812..., 0062 812... and "+62 (0) 812...".
    """
    text = normalise(value).replace("(", "").replace(")", "")
    if text.startswith("+"):
        text = text[1:]
        if not text.startswith("62"):
            raise InvalidIdentifier(MSG_PHONE, "phone")
    elif text.startswith("0062"):
        text = text[2:]
    if text.startswith("620"):  # "+62 (0) 812..."
        text = "62" + text[3:]
    if text.startswith("62"):
        national = "0" + text[2:]
    elif text.startswith("8"):
        national = "0" + text
    else:
        national = text
    if not (national.isascii() and _MOBILE_NATIONAL.fullmatch(national)):
        raise InvalidIdentifier(MSG_PHONE, "phone")
    return "62" + national[1:]


def phone_e164(value) -> str:
    """`+6281234567890`: the international (E.164) form."""
    return "+" + validate_phone(value)


def format_phone(value) -> str:
    """`0812-3456-7890`: the national form Indonesians read, in groups of four."""
    def display(number: str) -> str:
        national = "0" + number[2:]
        return "-".join(national[i:i + 4] for i in range(0, len(national), 4))

    return lenient_display(validate_phone, value, display)


def whatsapp_link(phone, text: str | None = None) -> str:
    """`https://wa.me/6281234567890?text=...` with the text percent-encoded as UTF-8.

    Spaces become %20 (not +), so "&", "?", "#", "+", line breaks and emoji all arrive intact.
    """
    link = f"https://wa.me/{validate_phone(phone)}"
    if text:
        link += "?text=" + quote(str(text), safe="")
    return link
