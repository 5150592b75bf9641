"""Masking private numbers (NIK, bank account) so they are never shown whole.

Personal data (NIK, phone, bank account) is never public: docs/domain.md, "Masking".
"""
from __future__ import annotations

from storefront.sellers.identifiers.core import normalise

# --- Masking private numbers --------------------------------------------------------------------

MASK_CHAR = "\u2022"  # •


def mask_private(value, visible: int = 4) -> str:
    """`3271••••••••0004`: NIK, bank account and the like, never shown whole.

    At most `visible` characters at each end, and never more than a quarter of the value at
    each end (a 10-digit account shows 2 + 2), so at least half is always hidden.
    Works on anything (it does not validate); the value is normalised first.
    """
    text = normalise(value)
    keep = min(visible, len(text) // 4)
    if keep <= 0:
        return MASK_CHAR * len(text)
    return text[:keep] + MASK_CHAR * (len(text) - 2 * keep) + text[-keep:]
