"""Three working days, as the LKPP counts them: weekends and holidays do not count."""
from datetime import date, datetime

from storefront.procurement.deadlines import add_working_days, respond_by, working_days_between

JAKARTA = "Asia/Jakarta"  # UTC+7


def test_friday_morning_waits_until_the_end_of_wednesday():
    friday_10_local = datetime(2026, 12, 4, 3, 0)  # UTC
    assert respond_by(friday_10_local, set(), JAKARTA) == datetime(2026, 12, 9, 16, 59, 59)  # Wed 23.59.59 local


def test_holidays_push_the_deadline():
    christmas = date(2026, 12, 25)
    assert add_working_days(date(2026, 12, 23), 3, {christmas}) == date(2026, 12, 29)
    assert add_working_days(date(2026, 12, 23), 3, set()) == date(2026, 12, 28)


def test_late_evening_utc_is_already_the_next_local_day():
    monday_2330_local = datetime(2026, 12, 7, 16, 30)  # UTC: Monday 23:30 in Medan
    tuesday_0030_local = datetime(2026, 12, 7, 17, 30)  # UTC: Tuesday 00:30 in Medan
    assert respond_by(monday_2330_local, set(), JAKARTA) == datetime(2026, 12, 10, 16, 59, 59)
    assert respond_by(tuesday_0030_local, set(), JAKARTA) == datetime(2026, 12, 11, 16, 59, 59)


def test_days_since_bast_count_working_days():
    assert working_days_between(date(2026, 12, 4), date(2026, 12, 11), set()) == 5
    assert working_days_between(date(2026, 12, 11), date(2026, 12, 4), set()) == 0
    assert working_days_between(date(2026, 12, 23), date(2026, 12, 28), {date(2026, 12, 25)}) == 2
