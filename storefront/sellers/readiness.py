"""The onboarding checklist: what a seller still misses before the Dinas can verify, and why.

Pure: it reads a seller and its documents, and answers. The view shows it; `submit` refuses
while a required item is open.
"""
from __future__ import annotations

from dataclasses import dataclass

from storefront.sellers.models import DocumentKind
from storefront.text import lazy_gettext as _l


@dataclass(frozen=True)
class ReadinessItem:
    key: str
    label: object
    why: object
    done: bool
    required: bool = True


def checklist(seller) -> list[ReadinessItem]:
    kinds = {document.kind for document in seller.documents}
    return [
        ReadinessItem("profile", _l("Profil usaha lengkap"),
                      _l("Nama usaha, pemilik, alamat, kecamatan dan nomor WhatsApp dipakai OPD untuk "
                         "menghubungi dan mengirim pesanan."),
                      all([seller.business_name, seller.owner_name, seller.address,
                           seller.kecamatan_id, seller.whatsapp])),
        ReadinessItem("nib", _l("Nomor Induk Berusaha (NIB)"),
                      _l("NIB adalah identitas usaha dari OSS; tanpa NIB usaha tidak bisa diverifikasi."),
                      bool(seller.nib)),
        ReadinessItem("nib_document", _l("Foto atau PDF dokumen NIB"),
                      _l("Verifikator mencocokkan nomor NIB dengan dokumennya."),
                      DocumentKind.NIB in kinds),
        ReadinessItem("scale", _l("Skala usaha (mikro, kecil, menengah)"),
                      _l("OPD wajib membelanjakan minimal 40% anggaran barang/jasa pada usaha mikro, "
                         "kecil dan koperasi; skala usaha menunjukkan bagian itu."),
                      seller.scale is not None),
        ReadinessItem("bank", _l("Rekening bank untuk pembayaran"),
                      _l("Bendahara OPD membayar ke rekening atas nama usaha atau pemilik."),
                      bool(seller.bank_name and seller.bank_account_number and seller.bank_account_holder)),
        ReadinessItem("food_permit", _l("Izin produk pangan (P-IRT, BPOM atau SLHS) bila menjual makanan"),
                      _l("Produk pangan olahan perlu izin edar; katering perlu SLHS. Unggah bila ada."),
                      bool(kinds & {DocumentKind.PIRT, DocumentKind.BPOM, DocumentKind.SLHS}), required=False),
        ReadinessItem("halal", _l("Sertifikat halal bila ada"),
                      _l("Makanan, minuman, pakaian dan kosmetik usaha mikro dan kecil wajib bersertifikat "
                         "halal sejak 17 Oktober 2026."),
                      DocumentKind.HALAL in kinds, required=False),
    ]


def missing_required(seller) -> list[ReadinessItem]:
    return [item for item in checklist(seller) if item.required and not item.done]
