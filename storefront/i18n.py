"""Money, numbers and dates as Indonesians write them: Rp1.250.000, 22 November 2026, in the reader's
language (chosen at storefront/web/language.py)."""
from __future__ import annotations

from datetime import date, datetime, time

from babel.dates import format_date, format_time
from babel.numbers import format_decimal
from flask import has_app_context
from flask_babel import get_locale

from storefront.timeutil import local, local_date


def rupiah(amount: int | None) -> str:
    """Whole rupiah, Indonesian grouping in every language (the official spelling, PUEBI)."""
    if amount is None:
        return ""
    amount = int(amount)
    # Python's grouping with the Indonesian separator: the same text as Babel's id_ID pattern
    # "#,##0", at a fraction of the cost (a results page formats 24 prices).
    return f"{'-' if amount < 0 else ''}Rp{abs(amount):,}".replace(",", ".")


def number(value: int | None) -> str:
    """A count with the visitor's grouping: 12.345 in Indonesian, 12,345 in English."""
    if value is None:
        return ""
    return format_decimal(int(value), format="#,##0", locale=str(get_locale() or "id"))


def _reader_locale(locale: str | None):
    """The language asked for, else the reader's (a request), else Indonesian (no app at all)."""
    if locale:
        return locale
    return (get_locale() or "id") if has_app_context() else "id"


def long_date(value: date | datetime | str | None, locale: str | None = None) -> str:
    """`22 November 2026` (`November 22, 2026` in English): the one way a day is written for people.
    Datetimes are stored moments, moved to the city's zone first (storefront/timeutil.py); an ISO
    text is a day kept in JSON (a counter-offer's delivery date, a frozen document's date)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return format_date(local_date(value), format="long", locale=_reader_locale(locale))


def date_time(value: datetime | None, locale: str | None = None) -> str:
    """`22 November 2026 14.30` in the city's time zone (the time in the locale's own style)."""
    if value is None:
        return ""
    moment = local(value)
    chosen = _reader_locale(locale)
    return f"{format_date(moment.date(), format='long', locale=chosen)} " \
           f"{format_time(moment, format='short', tzinfo=moment.tzinfo, locale=chosen)}"


def time_of_day(value: time | None) -> str:
    """`08.00`: a time of day as stated (a delivery window is already the city's clock)."""
    if value is None:
        return ""
    return f"{value.hour:02d}.{value.minute:02d}"


def init_app(app) -> None:
    app.add_template_filter(rupiah)
    app.add_template_filter(number)
    app.add_template_filter(long_date)
    app.add_template_filter(date_time)
    app.add_template_filter(time_of_day)
