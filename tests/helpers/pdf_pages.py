"""Read a generated PDF (the Surat Pesanan, the BAST) as a person would: its first page drawn
(pdfium), optionally kept as a screenshot in docs/, and the text of every page."""
from __future__ import annotations

import pypdfium2 as pdfium

from storefront.config import PROJECT_ROOT

SCREENSHOTS = PROJECT_ROOT / "docs" / "screenshots"


def read_pdf(data: bytes, screenshot: str | None = None) -> str:
    document = pdfium.PdfDocument(data)
    page = document[0]
    image = page.render(scale=1.5).to_pil()
    lightest, darkest = image.convert("L").getextrema()
    assert image.size[0] > 800 and darkest > 200 and lightest < 60  # drawn on, not blank
    if screenshot:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        image.save(SCREENSHOTS / screenshot)
    return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
