"""Time in one place: stored as naive UTC, shown in the city's zone by Flask-Babel."""
from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Naive UTC: SQLite keeps no zone, so both databases store the same wall-clock value."""
    return datetime.now(UTC).replace(tzinfo=None)
