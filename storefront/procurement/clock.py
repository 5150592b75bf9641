"""Time as the city lives it: today in the city's time zone, response deadlines in working days
(holidays from the `holidays` table), and dates written the Indonesian way."""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from flask import current_app

from storefront.extensions import db
from storefront.i18n import date_time, long_date
from storefront.procurement import deadlines
from storefront.procurement.models import Holiday
from storefront.timeutil import city_zone, local_today


def _zone() -> str:
    return city_zone().key


def today_local() -> date:
    return local_today()


def holidays() -> frozenset[date]:
    return frozenset(db.session.scalars(sa.select(Holiday.day)))


def respond_by(since: datetime) -> datetime:
    """The end of the third working day after `since` (config RESPONSE_WORKING_DAYS)."""
    return deadlines.respond_by(since, holidays(), _zone(), current_app.config["RESPONSE_WORKING_DAYS"])


def working_days_since(day: date) -> int:
    return deadlines.working_days_between(day, today_local(), holidays())


def local_text(moment: datetime) -> str:
    """`22 November 2026 14.30`, in the city's time zone."""
    return date_time(moment)


def long_date_text(day: date) -> str:
    return long_date(day)
