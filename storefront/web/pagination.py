"""Page numbers from the URL, bounded so that no value can make a page expensive or fail."""
from __future__ import annotations

from flask import request

from storefront.web.params import whole_number

MAX_PAGE = 10_000


def page_number(arg: str = "page") -> int:
    """A page number between 1 and MAX_PAGE; anything else (text, negative, huge) means page 1."""
    number = whole_number(request.args.get(arg), max_digits=6)
    return 1 if number is None else min(max(number, 1), MAX_PAGE)
