"""Response deadlines in working days (the LKPP rule: 3 working days, else the request expires).

A request waiting from Friday 10:00 must be answered by the end of Wednesday: Saturday, Sunday
and the configured holidays (procurement.models.Holiday) do not count. Plain Python: the caller
passes the holidays and the city's time zone.
"""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

RESPONSE_WORKING_DAYS = 3


def is_working_day(day: date, holidays: frozenset[date] | set[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(day: date, count: int, holidays) -> date:
    """The `count`-th working day after `day` (the day itself never counts)."""
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            count -= 1
    return day


def respond_by(since: datetime, holidays, zone: str, days: int = RESPONSE_WORKING_DAYS) -> datetime:
    """The last second (23.59.59 local) of the `days`-th working day after `since`, as naive UTC
    like every stored time."""
    local_zone = ZoneInfo(zone)
    local = since.replace(tzinfo=UTC).astimezone(local_zone)
    last = add_working_days(local.date(), days, holidays)
    end = datetime.combine(last, time(23, 59, 59), tzinfo=local_zone)
    return end.astimezone(UTC).replace(tzinfo=None)


def working_days_between(start: date, end: date, holidays) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start): the
    "days since BAST" an unpaid request shows."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day, holidays)
    return count
