"""Page numbers from the URL, bounded so that no value can make a page expensive or fail."""
from __future__ import annotations

from flask import request

MAX_PAGE = 10_000


def page_number(arg: str = "page") -> int:
    """A page number between 1 and MAX_PAGE; anything else (text, negative, huge) means page 1."""
    raw = request.args.get(arg, "1")
    if not raw.isdigit() or len(raw) > 6:
        return 1
    return min(max(int(raw), 1), MAX_PAGE)
