"""The Surat Pesanan and the BAST of a request as PDF, its payment proof and delivery photo (for
who may see the request), and the public page the documents' QR code opens, which tells whether
a document is genuine and where its request stands."""
from __future__ import annotations

from flask import Response, abort, render_template

from storefront.procurement import documents, labels, queries
from storefront.procurement.views import READERS, bp, visible_request
from storefront.sellers import documents as private
from storefront.web.decorators import role_required
from storefront.web.external import external_url

FILES = {"surat-pesanan": "sp", "bast": "bast"}


@bp.get("/permintaan/<int:request_id>/<name>.pdf")
@role_required(*READERS)
def document(request_id: int, name: str):
    kind = FILES.get(name) or abort(404)
    loaded, _ = visible_request(request_id)
    if not documents.issued(loaded, kind):
        abort(404)
    content = documents.facts(loaded, kind)
    verify_url = external_url("procurement.verify", kind=kind, request_id=loaded.id,
                              digest=documents.fingerprint(content))
    filename = f"{name}-{loaded.number.replace('/', '-')}.pdf"
    return Response(documents.render(content, verify_url), mimetype="application/pdf",
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
    """Public, and a 404 for anything but a document as it was issued: no digest, no facts."""
    if kind not in documents.KINDS or len(digest) != 64:
        abort(404)
    loaded = queries.request_page(request_id)
    if loaded is None or not documents.issued(loaded, kind):
        abort(404)
    content = documents.facts(loaded, kind)
    if documents.fingerprint(content) != digest:
        abort(404)
    return render_template("procurement/verify.html", content=content, kind_title=documents.KINDS[kind],
                           status=labels.status_label(loaded.status), digest=digest)
