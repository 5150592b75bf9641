"""Status words as a UMKM owner reads them, and badge colours: one place for the templates."""
from __future__ import annotations


from storefront.sellers.workflow import SellerStatus
from storefront.text import lazy_gettext as _l

SELLER_STATUS_LABELS = {
    SellerStatus.INVITED: _l("Diundang"),
    SellerStatus.REGISTERED: _l("Terdaftar, profil belum diajukan"),
    SellerStatus.SUBMITTED: _l("Menunggu verifikasi Dinas"),
    SellerStatus.VERIFIED: _l("Terverifikasi"),
    SellerStatus.REVISION_REQUESTED: _l("Perlu perbaikan"),
    SellerStatus.REJECTED: _l("Ditolak"),
    SellerStatus.SUSPENDED: _l("Dibekukan"),
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
