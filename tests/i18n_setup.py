"""Compile the translation catalogs if the .mo files are missing or older than the .po files."""
from __future__ import annotations

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from storefront.config import PROJECT_ROOT


def compile_translations() -> None:
    for po_path in (PROJECT_ROOT / "translations").glob("*/LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog)
