"""What a party reads on a purchase request before taking a step, as facts (storefront/reviewed.py).

The table has cycles (a counter-offer goes back to the PPK, a replacement back through delivery,
mediation back to the seller), so a request can return to the status of an open page with other
terms: the PPK would then issue a Surat Pesanan for a total they never read. Every step's form
carries these facts and the step is refused when they changed.
"""
from __future__ import annotations

from flask_babel import gettext as _

from storefront.i18n import rupiah
from storefront.procurement import clock
from storefront.procurement.labels import REQUEST_STATUS_LABELS
from storefront.procurement.models import PurchaseRequest
from storefront.reviewed import Fact, fact
from storefront.text import lazy_gettext as _l


def _offer_text(offer: dict, items) -> str:
    prices = offer.get("items", {})
    total = sum(quantity * price for quantity, price in prices.values())
    lines = ", ".join(f"{item.name} {prices[str(item.id)][0]} × {rupiah(prices[str(item.id)][1])}"
                      for item in items if str(item.id) in prices)
    return f"{rupiah(total)} ({lines}), {offer.get('needed_on', '')}"


def request_facts(request: PurchaseRequest, items) -> dict[str, Fact]:
    """The request's status, terms and records as its page shows them; `items` its lines."""
    facts = {"status": fact(_l("Status"), request.status.value, shown=REQUEST_STATUS_LABELS[request.status])}
    for item in items:
        shown = f"{item.quantity} × {rupiah(item.unit_price)}"
        if item.accepted_quantity is not None:
            shown += ", " + _("diterima %(n)s", n=item.accepted_quantity)
        facts[f"item:{item.id}"] = fact(item.name, [item.quantity, item.unit_price, item.accepted_quantity],
                                        shown=shown)
    facts["total"] = fact(_l("Total"), request.total, shown=rupiah(request.total))
    facts["accepted_total"] = fact(_l("Nilai diterima"), request.accepted_total,
                                   shown=rupiah(request.accepted_total) or "—")
    facts["needed_on"] = fact(_l("Tanggal dibutuhkan"), request.needed_on,
                              shown=clock.long_date_text(request.needed_on))
    offer = request.counter_offer
    facts["counter_offer"] = fact(_l("Penawaran penjual"), offer, shown=_offer_text(offer, items) if offer else "—")
    facts["sp_number"] = fact(_l("Nomor Surat Pesanan"), request.sp_number, shown=request.sp_number or "—")
    facts["shipping_note"] = fact(_l("Catatan pengiriman"), [request.shipping_note, request.shipping_photo_key],
                                  shown=request.shipping_note or "—")
    inspection = request.inspection
    facts["inspection"] = fact(_l("Hasil pemeriksaan"), inspection,
                               shown=(inspection or {}).get("note") or ("—" if not inspection else _("dicatat")))
    facts["bast_number"] = fact(_l("Nomor BAST"), request.bast_number, shown=request.bast_number or "—")
    return facts
