"""Query parameters read strictly, and links that carry a page's parameters on.

Two defects had the same root: `str.isdigit()` is true for "²" and other non-ASCII digits that
`int()` refuses, and `url_for(endpoint, **request.args)` lets a visitor's parameter names reach
url_for's own keywords (`_anchor`, `_method`, `_scheme`, `_external`) or clash with the route's
arguments (`?slug=` on a category). Every view reads numbers with `whole_number` and builds
"this page with other parameters" with `url_with_args`; tests/test_query_fuzz.py fuzzes every GET
route to keep it so.
"""
from __future__ import annotations

import re
from urllib.parse import urlencode

from flask import url_for

_ASCII_DIGITS = re.compile(r"[0-9]+")


def whole_number(raw: str | None, *, max_digits: int = 9) -> int | None:
    """The number written in ASCII digits (at most `max_digits` of them), else None."""
    if raw is None or len(raw) > max_digits or not _ASCII_DIGITS.fullmatch(raw):
        return None
    return int(raw)


def url_with_args(endpoint: str, view_args: dict | None, args: dict[str, list[str]]) -> str:
    """The route's address from url_for, its query string encoded here: no parameter name can
    become a url_for keyword or a route argument."""
    path = url_for(endpoint, **(view_args or {}))
    query = urlencode([(name, value) for name, values in args.items() for value in values])
    return f"{path}?{query}" if query else path
