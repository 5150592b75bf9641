"""The roles of Etalase and what each means. No database here; labels are lazily translated."""
from __future__ import annotations

import enum

from storefront.text import lazy_gettext as _l


class Role(str, enum.Enum):
    SELLER = "seller"
    PEMESAN = "pemesan"
    PPK = "ppk"
    BENDAHARA = "bendahara"
    VERIFIER = "verifier"
    AUDITOR = "auditor"
    ADMIN = "admin"

    @property
    def label(self):
        return ROLE_LABELS[self]

    @property
    def needs_opd(self) -> bool:
        return self in OPD_ROLES


# The sets of roles that rules name, each written once here.
# Procurement staff act for exactly one OPD; everyone else belongs to none.
OPD_ROLES = frozenset({Role.PEMESAN, Role.PPK, Role.BENDAHARA})
# The back office is read by the auditor (Inspektorat reads everything) and changed by the admin.
BACK_OFFICE_READERS = frozenset({Role.ADMIN, Role.AUDITOR})
# The Dinas verifies sellers and curates products; the Inspektorat and the administrator read.
DINAS_READERS = frozenset({Role.VERIFIER, Role.ADMIN, Role.AUDITOR})
# Who takes part in purchase requests (each in their own); the auditor reads them all and acts on none.
PROCUREMENT_PARTIES = OPD_ROLES | {Role.SELLER, Role.VERIFIER}
PROCUREMENT_READERS = PROCUREMENT_PARTIES | {Role.AUDITOR}
# Who reads the buyers' ratings on a seller's page: the OPD staff who buy, and the auditor.
RATING_READERS = OPD_ROLES | {Role.AUDITOR}

ROLE_LABELS = {
    Role.SELLER: _l("Penjual (UMKM)"),
    Role.PEMESAN: _l("Pemesan (PP)"),
    Role.PPK: _l("PPK"),
    Role.BENDAHARA: _l("Bendahara"),
    Role.VERIFIER: _l("Verifikator Dinas"),
    Role.AUDITOR: _l("Auditor (Inspektorat)"),
    Role.ADMIN: _l("Administrator"),
}

ROLE_DESCRIPTIONS = {
    Role.SELLER: _l("Kelola profil usaha dan dokumen, daftarkan produk dengan foto kemasan dan status halal, "
                    "lalu tanggapi permintaan pembelian dari OPD."),
    Role.PEMESAN: _l("Susun keranjang dan ajukan permintaan pembelian untuk OPD Anda."),
    Role.PPK: _l("Setujui atau tolak permintaan pembelian OPD Anda, terbitkan Surat Pesanan, periksa barang "
                 "dan tanda tangani BAST."),
    Role.BENDAHARA: _l("Catat pembayaran atas permintaan pembelian OPD Anda."),
    Role.VERIFIER: _l("Kelola daftar UMKM binaan, verifikasi penjual dan dokumennya, kurasi produk, "
                      "dan tengahi sengketa."),
    Role.AUDITOR: _l("Baca semua data untuk pemeriksaan; Anda tidak dapat mengubah apa pun."),
    Role.ADMIN: _l("Kelola pengguna, OPD, kategori, satuan dan data referensi lainnya."),
}
