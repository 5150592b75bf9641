"""The Surat Pesanan and the BAST as PDF: numbers, parties, items, totals with the amount in words,
signature blocks, and a QR code to a public page that verifies the document.

A document's fingerprint is the SHA-256 of its content (the facts printed on it, as canonical
JSON), not of the PDF bytes: the QR inside the PDF cannot carry a hash of the file that contains
it. The facts are taken once, when the document is issued, and frozen with their fingerprint
(issuance.py, models.IssuedDocument); the PDF is drawn from the frozen facts, and verification
compares with them, never with today's names. Dates are the city's days (timeutil.py).
"""
from __future__ import annotations

import hashlib
import io
import json
import unicodedata
from datetime import datetime

import segno
from fpdf import FPDF

from storefront.i18n import long_date, rupiah, time_of_day
from storefront.procurement.models import PurchaseRequest
from storefront.procurement.terbilang import terbilang
from storefront.timeutil import iso_day

KINDS = {"sp": "SURAT PESANAN", "bast": "BERITA ACARA SERAH TERIMA"}
_ASCII = {"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2026": "...",
          "\u00a0": " "}


def issued(request: PurchaseRequest, kind: str) -> bool:
    return bool(request.sp_number) if kind == "sp" else bool(request.bast_number)


def facts(request: PurchaseRequest, kind: str, *, opd, ppk, seller, issued_at: datetime) -> dict:
    """What the document states, at the moment it is issued (items loaded; the parties given):
    the input of both the PDF and the fingerprint. The date is the city's day of `issued_at`."""
    bast = kind == "bast"
    items = [{"name": item.name, "unit": item.unit_name, "price": item.unit_price,
              "quantity": item.accepted_quantity if bast and item.accepted_quantity is not None else item.quantity,
              "ppn_included": item.price_includes_ppn} for item in request.items]
    return {
        "kind": kind, "number": request.bast_number if bast else request.sp_number, "request": request.number,
        "date": iso_day(issued_at),
        "opd": opd.name, "ppk": ppk.name, "seller": seller.business_name,
        "seller_owner": seller.owner_name, "nib": seller.nib or "", "rup": request.rup_code,
        "kode_rekening": request.kode_rekening, "fiscal_year": request.fiscal_year, "items": items,
        "total": sum(item["price"] * item["quantity"] for item in items),
        "delivery": {"address": request.delivery_address, "date": iso_day(request.needed_on),
                     "window": f"{time_of_day(request.window_start)}-{time_of_day(request.window_end)}"},
    }


def _long(day: str) -> str:
    """`8 Desember 2026`: documents are Indonesian whatever the reader's language."""
    return long_date(day, locale="id")


def fingerprint(content: dict) -> str:
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _text(value) -> str:
    """The built-in PDF fonts know Latin-1 only: typographic marks become plain ones."""
    text = unicodedata.normalize("NFKC", str(value))
    text = "".join(_ASCII.get(ch, ch) for ch in text)
    return text.encode("latin-1", "replace").decode("latin-1")


def render(content: dict, verify_url: str) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 8, _text(KINDS[content["kind"]]), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 6, _text(f"Nomor: {content['number']}  -  Tanggal: {_long(content['date'])}"), align="C",
             new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for label, value in (("Permintaan pembelian", content["request"]), ("Satuan kerja", content["opd"]),
                         ("PPK", content["ppk"]), ("Penyedia", f"{content['seller']} (NIB {content['nib'] or '-'})"),
                         ("Kode RUP / kode rekening", f"{content['rup']} / {content['kode_rekening']}"),
                         ("Tahun anggaran", content["fiscal_year"]),
                         ("Pengiriman", f"{content['delivery']['address']}, {_long(content['delivery']['date'])}, "
                                        f"pukul {content['delivery']['window']}")):
        pdf.set_font("Helvetica", "B", 9)
        pdf.cell(52, 5, _text(label))
        pdf.set_font("Helvetica", "", 9)
        pdf.multi_cell(0, 5, _text(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    widths = (8, 74, 18, 22, 30, 34)
    pdf.set_font("Helvetica", "B", 9)
    for width, title in zip(widths, ("No", "Barang", "Jumlah", "Satuan", "Harga satuan", "Jumlah harga"), strict=True):
        pdf.cell(width, 6, title, border=1)
    pdf.ln()
    pdf.set_font("Helvetica", "", 9)
    for number, item in enumerate(content["items"], 1):
        row = (str(number), item["name"][:44], f"{item['quantity']:,}".replace(",", "."), item["unit"][:12],
               rupiah(item["price"]), rupiah(item["price"] * item["quantity"]))
        for width, value in zip(widths, row, strict=True):
            pdf.cell(width, 6, _text(value), border=1)
        pdf.ln()
    pdf.set_font("Helvetica", "B", 9)
    pdf.cell(sum(widths[:-1]), 6, "Total", border=1)
    pdf.cell(widths[-1], 6, _text(rupiah(content["total"])), border=1, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "I", 9)
    pdf.multi_cell(0, 5, _text(f"Terbilang: {terbilang(content['total']).capitalize()}."), new_x="LMARGIN",
                   new_y="NEXT")
    included = {item["ppn_included"] for item in content["items"]}
    pdf.cell(0, 5, _text("Harga termasuk PPN." if included == {True} else "Harga tidak termasuk PPN."),
             new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    top = pdf.get_y()
    pdf.set_font("Helvetica", "", 9)
    signers = ((15, "Pejabat Pembuat Komitmen", content["ppk"]),
               (110, "Penyedia", content["seller_owner"] or content["seller"]))
    for x, role, name in signers:
        pdf.set_xy(x, top)
        pdf.cell(80, 5, _text(role), align="C")
        pdf.set_xy(x, top + 25)
        pdf.cell(80, 5, _text(f"( {name} )"), align="C")
    qr = io.BytesIO()
    segno.make(verify_url, error="m").save(qr, kind="png", scale=3, border=1)
    qr.seek(0)
    pdf.image(qr, x=15, y=top + 36, w=28)
    pdf.set_xy(46, top + 40)
    pdf.set_font("Helvetica", "", 7)
    pdf.multi_cell(140, 4, _text(f"Pindai untuk memeriksa keaslian dokumen: {verify_url}\n"
                                 f"Sidik dokumen (SHA-256): {fingerprint(content)}"), align="L")
    return bytes(pdf.output())
