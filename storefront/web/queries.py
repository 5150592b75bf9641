"""Small query helpers shared by list pages."""
from __future__ import annotations

import sqlalchemy as sa


def contains(column, text: str):
    """Case-insensitive "column contains text", where % and _ are what the visitor typed."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return sa.func.lower(column).like(f"%{escaped}%", escape="\\")
