"""Time in one place. Moments are stored as naive UTC; people read them in the city's time zone
(ETALASE_TIMEZONE, default Asia/Jakarta): a document issued at 00.30 WIB on 8 December is dated the
8th, although it is still the 7th in UTC. Every conversion from a stored moment to a day or a time
of day goes through here, and every text a person reads through storefront/i18n.py on top of it
(tests/procurement/test_local_dates.py checks that no module or template goes around them).

This works without a request or an app (a command-line job, an e-mail sent from a scheduled command):
the zone is then the app's setting if an app is active, else the environment's.
"""
from __future__ import annotations

import os
from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_TIMEZONE = "Asia/Jakarta"


def utcnow() -> datetime:
    """Naive UTC: SQLite keeps no zone, so both databases store the same wall-clock value."""
    return datetime.now(UTC).replace(tzinfo=None)


@lru_cache(maxsize=8)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def city_zone() -> ZoneInfo:
    if has_app_context():
        return _zone(current_app.config.get("BABEL_DEFAULT_TIMEZONE") or DEFAULT_TIMEZONE)
    return _zone(os.environ.get("ETALASE_TIMEZONE") or DEFAULT_TIMEZONE)


def local(moment: datetime) -> datetime:
    """A stored moment (naive means UTC) as the city's clock shows it (aware)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(city_zone())


def local_date(value: date | datetime) -> date:
    """The day a person in the city calls it. A `date` is already a day (a delivery date, a
    permit's end): no zone moves it; a `datetime` is a stored moment and is moved first."""
    return local(value).date() if isinstance(value, datetime) else value


def local_today() -> date:
    return local(utcnow()).date()


def iso_day(value: date | datetime) -> str:
    """`2026-12-08`: the city's day in the form machines and operators read (JSON, CLI, sitemaps)."""
    return local_date(value).isoformat()
