"""Redirect targets that can only stay on this site."""
from __future__ import annotations

from urllib.parse import urlsplit


def safe_next_url(target: str | None, fallback: str) -> str:
    """`target` when it is a path on this site, else `fallback`.

    Refuses absolute URLs, scheme-relative `//host`, backslash tricks (`/\\host`) and
    control characters that browsers strip before resolving.
    """
    if not target or len(target) > 2000:
        return fallback
    if any(ord(ch) < 32 or ch == "\\" for ch in target):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    return target
