"""The app's own form fields: a select that round-trips stored values, and rupiah as people type them.

ChoiceField is used for every select of the app except StepForm's (one form for every request
step, whose selects are read only by the steps that show them). MoneyField is used for every
amount of money a person types.
"""
from __future__ import annotations

import enum
import re

from wtforms import SelectField, StringField
from wtforms.validators import StopValidation

from storefront.text import lazy_gettext as _l

MSG_SELECT_MISSING = _l("Wajib diisi. Pilih salah satu dari daftar.")


def optional_int(value):
    """"" (the empty "— pilih —" choice) means none; anything else must be a whole number."""
    return int(value) if value not in (None, "") else None


class ChoiceField(SelectField):
    """A select that shows a stored enum as selected, and is refused when a POST leaves it out.

    WTForms coerces a stored value with `coerce` (str by default): str(Role.PPK) is "Role.PPK",
    which matches no choice, so the page showed nothing selected and the browser sent the first
    option instead; saving an edit unchanged then changed the record. Enums are read by value.

    A browser always sends a single select (its selected option, or the first one): a POST
    without it did not come from the page, and keeping the old value or clearing it would both
    be guesses. It gets the field error instead.
    """

    def process_data(self, value):
        super().process_data(value.value if isinstance(value, enum.Enum) else value)

    def pre_validate(self, form):
        if self.raw_data == []:  # a POST (formdata given) without this field at all
            raise StopValidation(MSG_SELECT_MISSING)
        super().pre_validate(form)


# --- money -------------------------------------------------------------------------------------------

MSG_MONEY_SEN = _l("Rupiah ditulis tanpa sen: isi angka bulat, misalnya 25.000.")
MSG_MONEY_NEGATIVE = _l("Jumlah rupiah tidak boleh negatif.")
MSG_MONEY_GROUPS = _l("Titik hanya untuk memisahkan ribuan (tiga angka), misalnya 25.000 atau 1.250.000.")
MSG_MONEY_NOT_A_NUMBER = _l("Isi jumlah rupiah dengan angka, misalnya 25.000 atau Rp25.000.")
MSG_MONEY_TOO_LONG = _l("Jumlah rupiah ini terlalu panjang.")

_CURRENCY = re.compile(r"^(?:rp|idr)\.?", re.I)
_ZERO_SEN = re.compile(r"(?:,-|,00?)$")  # "25.000,-" and "25.000,00": the Indonesian way of "no sen"
_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")  # spaces, also the no-break ones a copied amount carries


class MoneyError(ValueError):
    """An amount that is not whole rupiah; the message says what to fix."""


def parse_rupiah(text: str) -> int | None:
    """Whole rupiah from what a person types: 25000, 25.000, 25.000.000, Rp25.000, Rp 25 000,
    Rp25.000,-. None for an empty text. Raises MoneyError saying what is wrong."""
    text = _SPACES.sub("", text or "")
    if not text:
        return None
    text = _CURRENCY.sub("", text)
    text = _ZERO_SEN.sub("", text)
    if text.startswith("-"):
        raise MoneyError(MSG_MONEY_NEGATIVE)
    if "," in text:
        raise MoneyError(MSG_MONEY_SEN)
    if "." in text and not _GROUPED.match(text):
        raise MoneyError(MSG_MONEY_SEN if re.fullmatch(r"\d+\.\d{1,2}", text) else MSG_MONEY_GROUPS)
    digits = text.replace(".", "")
    if not digits.isascii() or not digits.isdigit():  # "²" and other Unicode digits are not amounts
        raise MoneyError(MSG_MONEY_NOT_A_NUMBER)
    if len(digits) > 15:
        raise MoneyError(MSG_MONEY_TOO_LONG)
    return int(digits)


def format_rupiah_digits(amount: int | None) -> str:
    """25000 -> "25.000" (what the box shows back; parse_rupiah reads it again)."""
    return "" if amount is None else f"{amount:,}".replace(",", ".")


class MoneyField(StringField):
    """Whole rupiah typed the Indonesian way (see parse_rupiah). A text box with a numeric keypad:
    a number input would refuse "25.000" in the browser, or read it as 25."""

    def __init__(self, label=None, validators=None, **kwargs):
        render_kw = {"inputmode": "numeric", "autocomplete": "off", **kwargs.pop("render_kw", {})}
        super().__init__(label, validators, render_kw=render_kw, **kwargs)

    def process_formdata(self, valuelist):
        self.data = None
        if valuelist:
            try:
                self.data = parse_rupiah(valuelist[0])
            except MoneyError as error:
                raise ValueError(error.args[0]) from None

    def pre_validate(self, form):
        # A typed amount that is not rupiah gets its own message, not "Wajib diisi" from a
        # required validator that sees no number (that was the bug with "25.000").
        if self.process_errors:
            raise StopValidation()

    def _value(self):
        if self.raw_data:  # a refused entry is shown as typed, so the person can correct it
            return self.raw_data[0]
        return format_rupiah_digits(self.data) if isinstance(self.data, int) else ""
