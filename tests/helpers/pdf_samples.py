"""A small real PDF for upload tests: the app re-writes every uploaded PDF (storefront/media/pdfs.py),
so a few bytes that only start with %PDF- are refused as unreadable."""
from __future__ import annotations

import io

import pikepdf
from pikepdf import Dictionary, Name


def small_pdf(text: str = "bukti") -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 100))
    page = pdf.pages[0]
    page.obj.Resources = Dictionary(Font=Dictionary(F1=Dictionary(Type=Name.Font, Subtype=Name.Type1,
                                                                  BaseFont=Name.Helvetica)))
    page.obj.Contents = pdf.make_stream(f"BT /F1 10 Tf 10 50 Td ({text}) Tj ET".encode())
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()
