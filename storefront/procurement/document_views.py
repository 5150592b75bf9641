"""The Surat Pesanan and the BAST of a request as PDF, its payment proof and delivery photo (for
who may see the request), and the public page the documents' QR code opens, which tells whether
a document is genuine and where its request stands.

Both read the document as it was issued (issuance.py): the PDF is drawn from the frozen facts, and
the QR page compares a link with them. A link that names no issued document gets its own page,
"dokumen tidak dikenali", that says what to do, with a 404 status."""
from __future__ import annotations

import re

from flask import Response, abort, render_template

from storefront.extensions import db
from storefront.procurement import documents, issuance, labels
from storefront.procurement.models import PurchaseRequest
from storefront.procurement.views import READERS, bp, visible_request
from storefront.sellers import documents as private
from storefront.web.decorators import role_required
from storefront.web.external import external_url

FILES = {"surat-pesanan": "sp", "bast": "bast"}
FINGERPRINT = re.compile(r"[0-9a-f]{64}")


@bp.get("/permintaan/<int:request_id>/<name>.pdf")
@role_required(*READERS)
def document(request_id: int, name: str):
    kind = FILES.get(name) or abort(404)
    loaded, _ = visible_request(request_id)
    record = issuance.current(loaded, kind) or abort(404)
    verify_url = external_url("procurement.verify", kind=kind, request_id=loaded.id, digest=record.digest)
    filename = f"{name}-{record.facts['request'].replace('/', '-')}.pdf"
    return Response(documents.render(record.facts, verify_url), mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{filename}"',
                             "Cache-Control": "private, no-store"})


@bp.get("/permintaan/<int:request_id>/berkas/<which>")
@role_required(*READERS)
def attachment(request_id: int, which: str):
    """The payment proof or the delivery photo, for who may see the request."""
    loaded, _ = visible_request(request_id)
    if which == "bukti-bayar" and loaded.payment is not None:
        payment = loaded.payment
        extension = "pdf" if payment.proof_content_type == "application/pdf" else "webp"
        return private.send_private(payment.proof_key, payment.proof_content_type,
                                    f"bukti-bayar-{loaded.id}.{extension}")
    if which == "foto-kirim" and loaded.shipping_photo_key:
        return private.send_private(loaded.shipping_photo_key, "image/webp", f"foto-kirim-{loaded.id}.webp")
    abort(404)


@bp.get("/verifikasi/<kind>/<int:request_id>/<digest>")
def verify(kind: str, request_id: int, digest: str):
    """Public: the facts of a document as issued, for its own link only (no digest, no facts)."""
    record = issuance.find(kind, request_id, digest) if FINGERPRINT.fullmatch(digest) else None
    if record is None:
        return render_template("procurement/verify_unknown.html"), 404
    loaded = db.session.get(PurchaseRequest, request_id)
    return render_template("procurement/verify.html", content=record.facts, kind_title=documents.KINDS[kind],
                           status=labels.status_label(loaded.status), digest=record.digest,
                           replaced=issuance.is_replaced(record, loaded))
