"""Translated UI text that stays text: lazy messages escape like any other value.

Flask-Babel's LazyString answers `__html__` with its text unescaped, so Jinja, markupsafe and
WTForms take every lazy message for safe markup: `_l("%(name)s tidak tayang lagi", name=...)`
put a seller's `<a href=…>` or `<meta http-equiv=refresh>` straight into the page. Every module
builds its lazy messages here instead (tests/test_escaping.py checks that none imports
Flask-Babel's), so a message with a name in it is escaped wherever it is rendered.
"""
from __future__ import annotations

from flask_babel import gettext
from flask_babel.speaklater import LazyString
from markupsafe import Markup, escape


class LazyText(LazyString):
    """A lazy translation that is plain text to HTML: rendering it escapes all of it."""

    def __html__(self) -> Markup:
        return escape(str(self))


def lazy_gettext(string: str, **variables) -> LazyText:
    return LazyText(gettext, string, **variables)
