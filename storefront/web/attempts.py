"""Counting attempts before the work they guard (password checks, invitation-code look-ups).

Flask-Limiter's `deduct_when` counts after the response, so requests that arrive together all
pass the check before any of them is counted (25 to 30 of 30 parallel guesses were checked
against a limit of 10). Here each counter is incremented first, atomically in the limiter's
storage (a locked counter in memory, INCRBY in Redis), and the attempt goes ahead only if its
own increment stayed within the limit. An attempt that turns out fine (the right password) gives
its hits back, so only failures are counted.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

from limits import RateLimitItem, parse

from storefront.extensions import limiter


@dataclass(frozen=True)
class Counter:
    """One limit and the identifiers of the counter it applies to (e.g. account and address)."""

    limit: str
    identifiers: tuple[str, ...]
    name: str  # which counter refused, for the caller to pick its answer

    @property
    def item(self) -> RateLimitItem:
        return parse(self.limit)


@dataclass
class Attempt:
    taken: list[Counter] = field(default_factory=list)
    refused_by: Counter | None = None
    retry_after: int = 0

    @property
    def allowed(self) -> bool:
        return self.refused_by is None


def take(*counters: Counter) -> Attempt:
    """Take one hit from each counter in order; stop at the first that is over its limit.

    The hits taken before a refusal are given back: a refused attempt checked nothing, so it
    counts only against the counter that refused it.
    """
    attempt = Attempt()
    for counter in counters:
        if limiter.limiter.hit(counter.item, *counter.identifiers):
            attempt.taken.append(counter)
            continue
        give_back(attempt)
        attempt.refused_by = counter
        attempt.retry_after = _seconds_until_reset(counter)
        return attempt
    return attempt


def give_back(attempt: Attempt) -> None:
    """Return the hits of an attempt that is not to count (it succeeded, or was refused later)."""
    for counter in attempt.taken:
        item = counter.item
        # A negative increment: atomic like the hit itself, on every storage.
        limiter.storage.incr(item.key_for(*counter.identifiers), item.get_expiry(), amount=-1)
    attempt.taken = []


def _seconds_until_reset(counter: Counter) -> int:
    stats = limiter.limiter.get_window_stats(counter.item, *counter.identifiers)
    return max(1, math.ceil(stats.reset_time - time.time()))
