"""The sellers' words for their enums, as a UMKM owner reads them, and badge colours: one place
for the templates, the forms and the views."""
from __future__ import annotations

from storefront.sellers.models import DocumentKind
from storefront.sellers.workflow import SellerAction, SellerStatus
from storefront.text import lazy_gettext as _l

# In the order a seller goes through them: the registry lists its counts in this order.
SELLER_STATUS_LABELS = {
    SellerStatus.INVITED: _l("Diundang"),
    SellerStatus.REGISTERED: _l("Terdaftar, profil belum diajukan"),
    SellerStatus.SUBMITTED: _l("Menunggu verifikasi Dinas"),
    SellerStatus.REVISION_REQUESTED: _l("Perlu perbaikan"),
    SellerStatus.VERIFIED: _l("Terverifikasi"),
    SellerStatus.SUSPENDED: _l("Dibekukan"),
    SellerStatus.REJECTED: _l("Ditolak"),
}
# The verifier's decisions on a seller.
SELLER_ACTION_LABELS = {
    SellerAction.APPROVE: _l("Setujui (terverifikasi)"),
    SellerAction.REQUEST_REVISION: _l("Minta perbaikan"),
    SellerAction.REJECT: _l("Tolak"),
    SellerAction.SUSPEND: _l("Bekukan"),
    SellerAction.REINSTATE: _l("Aktifkan kembali"),
}
DOCUMENT_LABELS = {
    DocumentKind.NIB: _l("NIB (Nomor Induk Berusaha)"),
    DocumentKind.HALAL: _l("Sertifikat halal"),
    DocumentKind.PIRT: _l("SPP-IRT (P-IRT)"),
    DocumentKind.BPOM: _l("Izin edar BPOM (MD/ML)"),
    DocumentKind.SLHS: _l("Sertifikat Laik Higiene Sanitasi (SLHS)"),
}
EVENT_LABELS = {
    "register": _l("mendaftar"), "submit": _l("mengajukan"), "approve": _l("menyetujui"),
    "request_revision": _l("meminta perbaikan"), "reject": _l("menolak"), "suspend": _l("membekukan"),
    "reinstate": _l("mengaktifkan kembali"), "unpublish": _l("berhenti menayangkan"),
    "republish": _l("menayangkan kembali"), "revision_approved": _l("menyetujui perubahan"),
    "revision_rejected": _l("menolak perubahan"), "import": _l("memasukkan ke daftar binaan"),
    "add": _l("menambahkan ke daftar binaan"), "renew_code": _l("mengganti kode undangan"),
}
COLOURS = {"verified": "success", "published": "success", "submitted": "info", "in_review": "info",
           "revision_requested": "warning", "rejected": "danger", "suspended": "danger"}


def status_label(value: str) -> str:
    """Label of a stored seller status value (events keep plain strings); an unknown one as it is."""
    try:
        return str(SELLER_STATUS_LABELS[SellerStatus(value)])
    except ValueError:
        return value


def event_label(action: str) -> str:
    return str(EVENT_LABELS.get(action, action))


def init_app(app) -> None:
    app.add_template_global(SELLER_STATUS_LABELS, "seller_status_labels")
    app.add_template_global(COLOURS, "status_colours")
    app.add_template_filter(status_label)
    app.add_template_filter(event_label)
