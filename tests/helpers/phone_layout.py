"""The one rule for phone layouts: nothing makes a 360 px screen scroll sideways."""
from __future__ import annotations

PHONE_WIDTH = 360

# The elements whose right edge passes the viewport, deepest first: they name the culprit
# when the assertion fails, instead of only the page's total width.
_OVERFLOWING = """(width) => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > width + 0.5)
  .filter(el => ![...el.children].some(child => child.getBoundingClientRect().right > width + 0.5))
  .slice(0, 5)
  .map(el => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')}`
             + ` right=${Math.round(el.getBoundingClientRect().right)} "${(el.textContent || '').trim().slice(0, 40)}"`)"""


def assert_fits_the_phone(page, width: int = PHONE_WIDTH) -> None:
    # After a click the URL changes before the stylesheets arrive; an unstyled page is wider
    # than the styled one (a CI run once measured 368 px that way), so measure the loaded page.
    page.wait_for_load_state("load")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        culprits = page.evaluate(_OVERFLOWING, width)
        raise AssertionError(f"{page.url} scrolls sideways at {width} px ({scroll_width} px wide): {culprits}")
