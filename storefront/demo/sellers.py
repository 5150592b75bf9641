"""Demo sellers and products: the 20 fictional UMKM of domain-indonesia.md §10, in every status.

Everything here is invented: business and owner names, addresses and numbers. Identifiers are
syntactically valid but obviously fake (§10): NIB 90000000000NN, halal ID12110000000NN0925,
P-IRT with Medan's code 1271, IRTP serial 00NN and an end year four years ahead, WhatsApp
0812-0000-00NN, BPOM MD00000NN1271k. Permit dates are relative to the day of seeding, so no
demo permit runs out while the demo is in use. Medan Timur is left without a seller on purpose
(empty filters).

Every status is reached through the real services, with the demo verifier deciding where a
verifier decides, so events, price history, revisions and photo derivatives are the real thing:
registry entry (registry_services.add_entry) -> registration (services.register) -> profile and
documents -> submit -> verifier decision; products are created, photographed (Pillow drawings
through media.store_upload), submitted and decided through listings and photos.

Idempotent: a business whose NIB exists is skipped whole (the seed runs in one transaction).
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from PIL import Image, ImageDraw
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value
from werkzeug.datastructures import FileStorage

from storefront.accounts.models import User
from storefront.catalog.models import DeliveryArea, Product
from storefront.demo import packaging
from storefront.extensions import db
from storefront.reference.models import Category, City, Kecamatan, Unit
from storefront.sellers import documents, listings, photos, registry_services, services
from storefront.sellers.halal import BusinessScale, HalalStatus, OutOfScopeReason
from storefront.sellers.models import DocumentKind, Seller
from storefront.sellers.workflow import Party, ProductAction, ProductStatus, SellerAction, SellerStatus
from storefront.timeutil import utcnow

DEMO_CITY = "medan"  # the businesses, kecamatan and P-IRT region code are Medan's
EMPTY_KECAMATAN = "Medan Timur"  # no demo business there (§10: tests the empty filter)
PIRT_YEARS_LEFT = 4  # P-IRT end year: four years ahead, within the 5 years a P-IRT may run (§2.2)
CERTIFIED = (HalalStatus.CERTIFIED_REGULAR, HalalStatus.CERTIFIED_SELF_DECLARE)

P, S = ProductStatus, SellerStatus
H = HalalStatus


@dataclass(frozen=True)
class DemoProduct:
    name: str
    category: str  # category slug (storefront/reference/data/catalog.json)
    unit: str  # unit code
    price: int
    description: str
    shape: str  # the drawn package: box | jar | bottle | pouch | cloth | plaque | bag | folder
    status: ProductStatus = P.PUBLISHED
    photos: int = 1
    halal: HalalStatus | None = None  # default: the business's
    # P-IRT: first digit the packaging (1 glass, 2 plastic, 3 paper), then the food type (§2.2).
    pirt: str = ""  # e.g. "306": packaging 3, food type 06 (tepung dan hasil olahannya)
    bpom: bool = False
    capacity_per_day: int | None = 30
    stock: int | None = None
    min_order: int = 1
    lead_time_days: int = 1
    delivery_kecamatan: tuple[str, ...] = ()  # empty: the whole city
    reason: str = ""  # for a revision request, rejection or suspension
    field_reasons: dict = field(default_factory=dict)
    earlier_price: int | None = None  # listed at this price first, then repriced (an approved revision)
    pending_price: int | None = None  # a price change waiting for review beside the live listing
    back_lines: tuple[str, ...] = ()  # extra lines on the drawn back label


@dataclass(frozen=True)
class DemoBusiness:
    number: int  # the row of §10; every fake identifier is derived from it
    name: str
    kecamatan: str
    owner: str
    halal: HalalStatus
    permit: str  # "pirt" | "slhs" | "bpom" | "" (none needed)
    registry_category: str
    description: str
    address: str
    status: SellerStatus = S.VERIFIED
    email: str | None = None  # default umkmNN@etalase.example; None for an invited business
    scale: BusinessScale = BusinessScale.MIKRO
    out_of_scope: OutOfScopeReason | None = None
    reason: str = ""  # rejection or suspension
    field_reasons: dict = field(default_factory=dict)  # revision request
    products: tuple[DemoProduct, ...] = ()

    @property
    def nib(self) -> str:
        return f"90000000000{self.number:02d}"

    @property
    def halal_number(self) -> str:
        return f"ID12110000000{self.number:02d}0925"  # Sumut (12), issued 09/2025

    @property
    def whatsapp(self) -> str:
        return f"0812-0000-00{self.number:02d}"

    @property
    def owner_email(self) -> str | None:
        if self.status is S.INVITED:
            return None
        return self.email or f"umkm{self.number:02d}@etalase.example"

    def pirt_number(self, product_index: int, product: DemoProduct) -> str:
        """Packaging and food type, Medan (1271), product serial, IRTP serial 00NN, end year."""
        end_year = (utcnow().year + PIRT_YEARS_LEFT) % 100
        return f"{product.pirt}1271{product_index + 1:02d}00{self.number:02d}{end_year:02d}"

    def bpom_number(self, product_index: int) -> str:
        return f"MD00000{self.number:02d}1271{product_index + 1}"

    @property
    def slhs_number(self) -> str:
        return f"CONTOH/SLHS/1271/{self.number:04d}/2025"


def _business(number, name, kecamatan, owner, halal, permit, registry_category, description, address, products,
              **values) -> DemoBusiness:
    return DemoBusiness(number, name, kecamatan, owner, halal, permit, registry_category, description, address,
                        products=tuple(products), **values)


BUSINESSES: tuple[DemoBusiness, ...] = (
    _business(
        1, "Dapur Bika Tiga Saudara", "Medan Kota", "Rahmawati Lubis", H.CERTIFIED_SELF_DECLARE, "",
        "Kue basah", "Bika ambon dipanggang tiap pagi oleh tiga bersaudara; pesanan rapat dan oleh-oleh.",
        "Jl. Seroja Contoh No. 1", email="penjual.bika@etalase.example", products=[
            DemoProduct("Bika ambon pandan", "kue-roti", "loyang", 75_000,
                        "Bika ambon daun pandan dan santan, bersarang rapat. Loyang 20×20 cm, sekitar 16 potong. "
                        "Tahan 3 hari di suhu ruang, tanpa pengawet.", "box", photos=3, pending_price=80_000),
            DemoProduct("Bika ambon original", "kue-roti", "loyang", 70_000,
                        "Bika ambon kuning klasik, loyang 20×20 cm. Tahan 3 hari di suhu ruang.", "box"),
            DemoProduct("Bika ambon potong isi 12", "kue-roti", "kotak", 45_000,
                        "12 potong bika ambon pandan dan original dalam kotak kertas, cocok untuk rapat.", "box",
                        status=P.DRAFT),
        ]),
    _business(
        2, "Rumah Bolu Gulung Melati Deli", "Medan Petisah", "Siti Khadijah Nst.", H.CERTIFIED_REGULAR, "pirt",
        "Kue dan roti", "Bolu gulung lembut dengan isian keju, pandan srikaya dan cokelat.",
        "Jl. Melati Contoh No. 2", products=[
            DemoProduct("Bolu gulung keju", "kue-roti", "kotak", 65_000,
                        "Bolu gulung isi krim keju, panjang 22 cm, dalam kotak. Tahan 5 hari di lemari es.", "box",
                        photos=2, pirt="306"),
            DemoProduct("Bolu gulung pandan srikaya", "kue-roti", "kotak", 60_000,
                        "Bolu pandan dengan selai srikaya, panjang 22 cm, dalam kotak.", "box", pirt="306"),
            DemoProduct("Bolu gulung cokelat", "kue-roti", "kotak", 62_000,
                        "Bolu cokelat isi ganache, panjang 22 cm, dalam kotak.", "box", status=P.IN_REVIEW,
                        pirt="306"),
        ]),
    _business(
        3, "Sari Markisa Bukit Barisan", "Medan Selayang", "Jonatan Ginting", H.CERTIFIED_SELF_DECLARE, "pirt",
        "Minuman", "Sirup markisa dari buah pilihan petani dataran tinggi, diolah di Medan Selayang.",
        "Jl. Bunga Contoh No. 3", products=[
            DemoProduct("Sirup markisa 620 ml", "minuman-sirup", "botol", 45_000,
                        "Sirup markisa kental dalam botol kaca 620 ml. Encerkan 1 bagian sirup dengan 4 bagian air.",
                        "bottle", photos=2, pirt="114", stock=120, capacity_per_day=None),
            DemoProduct("Sirup markisa 1 liter", "minuman-sirup", "botol", 68_000,
                        "Sirup markisa dalam botol kaca 1 liter, untuk jamuan dan katering.", "bottle",
                        status=P.UNPUBLISHED, pirt="114", stock=0, capacity_per_day=None),
        ]),
    _business(
        4, "Somboi Kasturi Mak Ucu", "Medan Area", "Nurhayati Harahap", H.IN_PROCESS, "pirt",
        "Minuman", "Sirup jeruk kasturi resep keluarga; sertifikasi halal sedang diajukan.",
        "Jl. Kenanga Contoh No. 4", status=S.REGISTERED, products=[
            DemoProduct("Sirup jeruk kasturi 500 ml", "minuman-sirup", "botol", 40_000,
                        "Sirup jeruk kasturi asam manis dalam botol kaca 500 ml.", "bottle", status=P.DRAFT,
                        pirt="114"),
        ]),
    _business(
        5, "Kopi Bubuk Lembah Dairi", "Medan Tuntungan", "Hotman Sitanggang", H.CERTIFIED_SELF_DECLARE, "pirt",
        "Kopi", "Kopi robusta dan arabika Sumatera Utara, disangrai dan digiling sendiri.",
        "Jl. Kopi Contoh No. 5", products=[
            DemoProduct("Kopi robusta bubuk Sumut 250 g", "kopi-biji", "bungkus", 48_000,
                        "Kopi robusta sangrai sedang, giling halus, kemasan standing pouch 250 g dengan katup.",
                        "pouch", photos=2, pirt="210", stock=200, capacity_per_day=None),
            DemoProduct("Kopi arabika bubuk 250 g", "kopi-biji", "bungkus", 65_000,
                        "Kopi arabika sangrai sedang, giling sedang untuk tubruk atau saring, 250 g.", "pouch",
                        pirt="210", stock=80, capacity_per_day=None),
            DemoProduct("Kopi luwak liar 100 g", "kopi-biji", "bungkus", 150_000,
                        "Kopi luwak liar, 100 g.", "pouch", status=P.REJECTED, pirt="210", stock=10,
                        capacity_per_day=None,
                        reason="Klaim \"luwak liar\" tidak dapat dibuktikan, dan produk ini tidak tercantum pada "
                               "izin P-IRT usaha. Produk tidak dapat ditayangkan."),
        ]),
    _business(
        6, "Katering Berkah Amplas", "Medan Amplas", "Ahmad Fauzi Siregar", H.CERTIFIED_REGULAR, "slhs",
        "Katering", "Katering nasi kotak dan tumpeng untuk rapat dan acara kantor; ayam dari RPU bersertifikat.",
        "Jl. Garuda Contoh No. 6", email="penjual.katering@etalase.example", scale=BusinessScale.KECIL, products=[
            DemoProduct("Nasi kotak rapat ayam gulai", "katering-nasi-kotak", "kotak", 35_000,
                        "Nasi putih, ayam gulai, sayur daun ubi tumbuk, sambal, kerupuk dan buah. Dikirim hangat, "
                        "pesan H-2.", "box", photos=3, capacity_per_day=300, min_order=20, lead_time_days=2),
            DemoProduct("Nasi kotak ikan nila bakar", "katering-nasi-kotak", "kotak", 38_000,
                        "Nasi putih, ikan nila bakar, tumis kacang panjang, sambal, kerupuk dan buah.", "box",
                        capacity_per_day=200, min_order=20, lead_time_days=2),
            DemoProduct("Tumpeng nasi kuning 20 porsi", "katering-nasi-kotak", "paket", 650_000,
                        "Tumpeng nasi kuning dengan ayam goreng, telur balado, perkedel dan urap untuk 20 orang.",
                        "box", status=P.DRAFT, capacity_per_day=5, lead_time_days=3),
        ]),
    _business(
        7, "Kotak Kue Pelangi Denai", "Medan Denai", "Dewi Anggraini", H.CERTIFIED_SELF_DECLARE, "slhs",
        "Kue basah", "Snack box kue tradisional untuk rapat dan pengajian.",
        "Jl. Pelangi Contoh No. 7", products=[
            DemoProduct("Snack box rapat 3 kue + air mineral", "snack-box", "kotak", 15_000,
                        "Tiga kue tradisional pilihan (lemper, risol, kue lapis) dan air mineral gelas dalam kotak.",
                        "box", photos=2, capacity_per_day=400, min_order=20),
            DemoProduct("Snack box 5 kue tradisional", "snack-box", "kotak", 22_000,
                        "Lima kue tradisional pilihan dalam kotak, dengan tisu dan garpu kecil.", "box",
                        capacity_per_day=300, min_order=20),
        ]),
    _business(
        8, "Keripik Ubi Marelan Jaya", "Medan Marelan", "Suparman", H.CERTIFIED_SELF_DECLARE, "pirt",
        "Makanan ringan", "Keripik ubi dan pisang dari kebun sekitar Marelan.",
        "Jl. Pisang Contoh No. 8", status=S.SUSPENDED,
        reason="Dua OPD melaporkan pesanan yang sudah dibayar tidak dikirim, dan pemilik tidak dapat dihubungi. "
               "Dibekukan sampai pemilik memberi klarifikasi ke Dinas.",
        products=[
            DemoProduct("Keripik ubi balado 250 g", "makanan-ringan", "bungkus", 18_000,
                        "Keripik ubi kayu iris tipis dengan bumbu balado, 250 g.", "pouch", photos=2,
                        status=P.SUSPENDED, pirt="215", stock=150, capacity_per_day=None,
                        reason="Dibekukan sementara: ada laporan pesanan tidak dikirim; menunggu klarifikasi."),
            DemoProduct("Keripik pisang manis 250 g", "makanan-ringan", "bungkus", 17_000,
                        "Keripik pisang kepok dengan gula aren, 250 g.", "pouch", status=P.DRAFT, pirt="214",
                        stock=60, capacity_per_day=None),
        ]),
    _business(
        9, "Sambal Teri Bahari Belawan", "Medan Belawan", "Mariani Tanjung", H.CERTIFIED_SELF_DECLARE, "pirt",
        "Lauk kemasan", "Sambal teri dan teri goreng dari nelayan Belawan.",
        "Jl. Bahari Contoh No. 9", products=[
            DemoProduct("Sambal teri Medan 200 g", "lauk-sambal", "toples", 35_000,
                        "Sambal teri Medan dengan cabai merah dan kacang tanah, toples kaca 200 g. Tahan 1 bulan.",
                        "jar", photos=2, pirt="102", stock=90, capacity_per_day=None),
            DemoProduct("Teri Medan goreng renyah 100 g", "lauk-sambal", "toples", 28_000,
                        "Teri Medan goreng kering tanpa bumbu pedas, toples 100 g.", "jar", pirt="102",
                        stock=70, capacity_per_day=None),
        ]),
    _business(
        10, "Kerupuk Ikan Labuhan Mandiri", "Medan Labuhan", "Zulkifli Rangkuti", H.NOT_CERTIFIED, "pirt",
        "Makanan ringan", "Kerupuk ikan dan udang mentah dari hasil tangkapan Labuhan.",
        "Jl. Nelayan Contoh No. 10", products=[
            DemoProduct("Kerupuk ikan mentah 500 g", "makanan-ringan", "bungkus", 30_000,
                        "Kerupuk ikan tenggiri mentah, goreng sendiri. 500 g.", "pouch", photos=2, pirt="202",
                        stock=300, capacity_per_day=None,
                        delivery_kecamatan=("Medan Labuhan", "Medan Belawan", "Medan Marelan", "Medan Deli")),
            DemoProduct("Kerupuk udang mentah 500 g", "makanan-ringan", "bungkus", 42_000,
                        "Kerupuk udang mentah, goreng sendiri. 500 g.", "pouch", pirt="202", stock=150,
                        capacity_per_day=None,
                        delivery_kecamatan=("Medan Labuhan", "Medan Belawan", "Medan Marelan", "Medan Deli")),
        ]),
    _business(
        11, "Tenun Ulos Boru Hasian", "Medan Johor", "Roslina br. Tobing", H.NOT_CERTIFIED, "",
        "Tenun", "Ulos tenun tangan dari alat tenun gedogan, dikerjakan oleh penenun di Medan Johor.",
        "Jl. Tenun Contoh No. 11", email="penjual.ulos@etalase.example", products=[
            DemoProduct("Ulos ragi hotang tenun tangan", "ulos-songket", "lembar", 750_000,
                        "Ulos ragi hotang tenun tangan, benang katun, sekitar 200 × 90 cm.", "cloth", photos=3,
                        stock=8, capacity_per_day=None, lead_time_days=3),
            DemoProduct("Ulos sadum tenun tangan", "ulos-songket", "lembar", 650_000,
                        "Ulos sadum warna cerah, tenun tangan, sekitar 180 × 70 cm.", "cloth", stock=6,
                        capacity_per_day=None, lead_time_days=3),
            DemoProduct("Selendang ulos cenderamata", "ulos-songket", "lembar", 85_000,
                        "Selendang ulos ukuran kecil untuk cenderamata tamu, 150 × 25 cm.", "cloth",
                        status=P.IN_REVIEW, stock=50, capacity_per_day=None, min_order=10),
        ]),
    _business(
        12, "Songket Deli Tanjung Sari", "Medan Deli", "Tengku Nurul Aini", H.NOT_CERTIFIED, "",
        "Tenun", "Kain songket Melayu Deli dengan benang emas.",
        "Jl. Deli Contoh No. 12", status=S.REVISION_REQUESTED,
        field_reasons={"nib": "NIB pada profil tidak sama dengan dokumen NIB yang diunggah. Periksa lagi di OSS.",
                       "bank": "Nama pemilik rekening berbeda dengan nama usaha dan nama pemilik."},
        products=[
            DemoProduct("Kain songket Melayu Deli", "ulos-songket", "lembar", 1_250_000,
                        "Kain songket tenun tangan motif pucuk rebung, benang emas, 200 × 100 cm.", "cloth",
                        status=P.DRAFT, stock=4, capacity_per_day=None, lead_time_days=5),
        ]),
    _business(
        13, "Batik Medan Kembang Durian", "Medan Helvetia", "Yusniar Daulay", H.IN_PROCESS, "",
        "Batik", "Batik cap dan tulis bermotif Medan; seragam batik untuk kantor dan sekolah.",
        "Jl. Durian Contoh No. 13", email="penjual.batik@etalase.example", scale=BusinessScale.KECIL, products=[
            DemoProduct("Kemeja batik cap motif Istana Maimun", "batik-medan", "pcs", 275_000,
                        "Kemeja batik cap katun primisima, lengan panjang, ukuran S-XXL. Bisa pesan seragam.",
                        "cloth", photos=3, capacity_per_day=20, lead_time_days=7),
            DemoProduct("Kain batik tulis motif bunga durian 2 m", "batik-medan", "lembar", 350_000,
                        "Kain batik tulis katun, motif bunga durian, panjang 2 m lebar 1,15 m.", "cloth",
                        stock=15, capacity_per_day=None),
            DemoProduct("Kemeja batik lengan pendek motif pucuk rebung", "batik-medan", "pcs", 240_000,
                        "Kemeja batik cap lengan pendek, ukuran S-XXL.", "cloth", status=P.REVISION_REQUESTED,
                        capacity_per_day=20, lead_time_days=7,
                        reason="Foto belum menunjukkan motif dengan jelas dan ukuran belum lengkap.",
                        field_reasons={"photos": "Tambahkan foto kain dari dekat agar motif terlihat.",
                                       "description": "Cantumkan ukuran lingkar dada untuk S sampai XXL."}),
        ]),
    _business(
        14, "Konveksi Rapi Polonia", "Medan Polonia", "Benny Simanjuntak", H.NOT_CERTIFIED, "",
        "Konveksi", "Konveksi seragam kerja dan PDL.", "Jl. Polonia Contoh No. 14", status=S.REJECTED,
        reason="NIB yang dilampirkan terdaftar untuk usaha perdagangan besar di luar Kota Medan, bukan "
               "konveksi di Medan Polonia. Etalase hanya untuk UMKM binaan Kota Medan.",
        products=[
            DemoProduct("Seragam PDL per stel", "pakaian-seragam", "stel", 185_000,
                        "Seragam PDL kain drill, kemeja dan celana, bordir nama dan logo.", "cloth",
                        status=P.DRAFT, capacity_per_day=40, lead_time_days=14),
        ]),
    _business(
        15, "Kreasi Cendera Maimun", "Medan Maimun", "Irwansyah Putra", H.OUT_OF_SCOPE, "",
        "Kerajinan", "Plakat dan miniatur kayu bermotif ikon Kota Medan untuk cenderamata dinas.",
        "Jl. Maimun Contoh No. 15", out_of_scope=OutOfScopeReason.NOT_REGULATED, products=[
            DemoProduct("Plakat kayu motif Istana Maimun", "ukiran-plakat", "pcs", 150_000,
                        "Plakat kayu mahoni ukir motif Istana Maimun, 30 × 20 cm, dengan plat nama dan kotak.",
                        "plaque", photos=2, capacity_per_day=10, lead_time_days=5),
            DemoProduct("Miniatur becak motor kayu", "ukiran-plakat", "pcs", 120_000,
                        "Miniatur becak motor Medan dari kayu, panjang 25 cm.", "plaque", capacity_per_day=8,
                        lead_time_days=5),
        ]),
    _business(
        16, "Anyaman Pandan Sunggal Indah", "Medan Sunggal", "Sri Wahyuni", H.IN_PROCESS, "",
        "Kerajinan", "Tas dan dompet anyaman daun pandan buatan ibu-ibu Sunggal.",
        "Jl. Pandan Contoh No. 16", status=S.SUBMITTED, products=[
            DemoProduct("Tas anyaman pandan", "tas-aksesoris", "pcs", 120_000,
                        "Tas jinjing anyaman pandan dengan lapisan kain, 35 × 30 cm.", "bag", status=P.DRAFT,
                        stock=25, capacity_per_day=None),
            DemoProduct("Dompet anyaman pandan", "tas-aksesoris", "pcs", 45_000,
                        "Dompet anyaman pandan dengan ritsleting, 20 × 10 cm.", "bag", status=P.DRAFT, stock=40,
                        capacity_per_day=None),
        ]),
    _business(
        17, "Percetakan & ATK Barat Sejahtera", "Medan Barat", "Liem Andi Wijaya", H.OUT_OF_SCOPE, "",
        "Percetakan", "Percetakan map, amplop dan kop surat untuk kantor; pesanan OPD dengan logo instansi.",
        "Jl. Perintis Contoh No. 17", out_of_scope=OutOfScopeReason.LATER_PHASE, products=[
            DemoProduct("Map snelhecter cetak logo instansi", "percetakan", "lusin", 54_000,
                        "Map snelhecter karton 250 gsm, cetak logo instansi satu warna. Harga per lusin, "
                        "pesanan minimal 5 lusin.", "folder", photos=2, capacity_per_day=100, min_order=5,
                        lead_time_days=3),
            DemoProduct("Amplop cetak kop surat isi 100", "percetakan", "kotak", 95_000,
                        "Amplop putih ukuran 110 × 230 mm, cetak kop instansi, 100 lembar per kotak.", "folder",
                        capacity_per_day=50, lead_time_days=3),
        ]),
    _business(
        18, "Lemang Tembung Sehati", "Medan Tembung", "Erlina Pohan", H.CERTIFIED_SELF_DECLARE, "",
        "Kue basah", "Lemang ketan bakar dalam bambu.", "Jl. Bambu Contoh No. 18", status=S.INVITED, products=[
            # The owner has not registered yet: nobody could have listed this (kept for later flows).
        ]),
    _business(
        19, "Lapis Legit Perjuangan", "Medan Perjuangan", "Meilinda Tan", H.CERTIFIED_REGULAR, "pirt",
        "Kue dan roti", "Lapis legit dan lapis prune berlapis tipis, dipanggang lapis demi lapis.",
        "Jl. Perjuangan Contoh No. 19", scale=BusinessScale.KECIL, products=[
            DemoProduct("Lapis legit 20×10 cm", "kue-roti", "kotak", 180_000,
                        "Lapis legit rempah, lebih dari 18 lapis, 20 × 10 cm dalam kotak. Tahan 2 minggu.", "box",
                        photos=2, pirt="306", capacity_per_day=15, lead_time_days=2, earlier_price=170_000),
            DemoProduct("Lapis legit prune 20×10 cm", "kue-roti", "kotak", 195_000,
                        "Lapis legit dengan buah prune, 20 × 10 cm dalam kotak.", "box", pirt="306",
                        capacity_per_day=10, lead_time_days=2),
        ]),
    _business(
        20, "Pancake Durian Baru Manis", "Medan Baru", "Rizky Ananda Nasution", H.CERTIFIED_REGULAR, "bpom",
        "Makanan beku", "Pancake durian Medan beku, dikirim dengan kotak pendingin.",
        "Jl. Durian Contoh No. 20", scale=BusinessScale.KECIL, products=[
            DemoProduct("Pancake durian isi 10, beku", "makanan-beku", "kotak", 90_000,
                        "10 pancake durian daging durian Medan asli, beku. Simpan di freezer, tahan 3 bulan.",
                        "box", photos=2, bpom=True, stock=100, capacity_per_day=None),
            DemoProduct("Pancake durian isi 6, beku", "makanan-beku", "kotak", 58_000,
                        "6 pancake durian beku dalam kotak. Simpan di freezer, tahan 3 bulan.", "box", bpom=True,
                        stock=100, capacity_per_day=None),
        ]),
)


def owner_accounts() -> list[tuple[str, str]]:
    """(email, name) of the owner accounts this seed creates besides the demo accounts: umkmNN@."""
    return [(b.owner_email, b.owner) for b in BUSINESSES
            if b.owner_email is not None and b.email is None]


# --- the seed -------------------------------------------------------------------------------------------

@dataclass
class _Context:
    city: City
    verifier: User
    password: str
    kecamatan: dict[str, int]
    categories: dict[str, int]
    units: dict[str, int]


def seed_demo_sellers(city: City, *, verifier_email: str, password: str) -> list[Seller]:
    """Create the demo businesses that do not exist yet (by NIB); returns those created. Flushes.

    Only for Medan: the businesses, their kecamatan and the P-IRT region code are Medan's.
    """
    if city.slug != DEMO_CITY:
        return []
    existing = set(db.session.scalars(sa.select(Seller.nib).where(Seller.nib.in_([b.nib for b in BUSINESSES]))))
    wanted = [business for business in BUSINESSES if business.nib not in existing]
    if not wanted:
        return []
    verifier = db.session.scalar(sa.select(User).where(User.email == verifier_email))
    if verifier is None:
        raise LookupError(f"the demo verifier {verifier_email} must be seeded first")
    context = _Context(
        city=city, verifier=verifier, password=password,
        kecamatan=dict(db.session.execute(sa.select(Kecamatan.name, Kecamatan.id)
                                          .where(Kecamatan.city_id == city.id)).all()),
        categories=dict(db.session.execute(sa.select(Category.slug, Category.id)).all()),
        units=dict(db.session.execute(sa.select(Unit.code, Unit.id)).all()))
    return [_seed_business(business, context) for business in wanted]


def _seed_business(business: DemoBusiness, context: _Context) -> Seller:
    verifier = context.verifier
    # The Dinas keeps the registry: an invited entry with an invitation code.
    seller = registry_services.add_entry(
        actor=verifier, city_id=context.city.id, business_name=business.name, owner_name=business.owner,
        nib=business.nib, kecamatan_id=context.kecamatan[business.kecamatan], whatsapp=business.whatsapp,
        address=f"{business.address}, Kecamatan {business.kecamatan}, Kota Medan",
        category=business.registry_category)
    seller.is_demo = True
    if business.status is S.INVITED:
        return seller
    owner = _register(seller, business, context)
    services.update_profile(seller, actor=owner, values={
        "scale": business.scale, "description": business.description, "bank_name": "Bank Contoh Daerah",
        "bank_account_number": f"99900000{business.number:02d}", "bank_account_holder": business.owner})
    _add_documents(seller, business, owner)
    if business.status is S.REGISTERED:
        _seed_products(seller, business, owner, context)
        return seller
    _load_documents(seller)  # readiness reads them (lazy="raise")
    services.act(seller, SellerAction.SUBMIT, actor=owner, party=Party.OWNER)
    if business.status in (S.SUBMITTED, S.REVISION_REQUESTED, S.REJECTED):
        _seed_products(seller, business, owner, context)  # drafts made while the profile was checked
        if business.status is S.REVISION_REQUESTED:
            services.act(seller, SellerAction.REQUEST_REVISION, actor=verifier, party=Party.VERIFIER,
                         field_reasons=business.field_reasons)
        elif business.status is S.REJECTED:
            services.act(seller, SellerAction.REJECT, actor=verifier, party=Party.VERIFIER, reason=business.reason)
        return seller
    services.act(seller, SellerAction.APPROVE, actor=verifier, party=Party.VERIFIER)
    _seed_products(seller, business, owner, context)
    if business.status is S.SUSPENDED:
        services.act(seller, SellerAction.SUSPEND, actor=verifier, party=Party.VERIFIER, reason=business.reason)
    return seller


def _register(seller: Seller, business: DemoBusiness, context: _Context) -> User:
    """The owner registers with the invitation: a new account (umkmNN@), or the existing demo account."""
    email = business.owner_email
    user = db.session.scalar(sa.select(User).where(User.email == email))
    if user is None:
        return services.register(seller, email=email, name=business.owner, password=context.password)
    # The demo seller accounts exist already (seeded with the other demo accounts).
    services.attach_owner(seller, user)
    return user


def _load_documents(seller: Seller) -> None:
    db.session.scalar(sa.select(Seller).where(Seller.id == seller.id).options(selectinload(Seller.documents)))


def _add_documents(seller: Seller, business: DemoBusiness, owner: User) -> None:
    """NIB, and the halal certificate and permits the business has, as drawn PDFs marked CONTOH."""
    today = utcnow().date()
    docs = [(DocumentKind.NIB, business.nib, today - timedelta(days=800), None)]
    if business.halal in CERTIFIED:  # issued 09/2025, as the number says; valid while the recipe holds
        docs.append((DocumentKind.HALAL, business.halal_number, min(date(2025, 9, 15), today), None))
    if business.permit == "slhs":  # valid 3 years
        docs.append((DocumentKind.SLHS, business.slhs_number, today - timedelta(days=200),
                     today + timedelta(days=3 * 365 - 200)))
    for index, product in enumerate(business.products):
        if product.pirt:  # valid until the end of the year in its last two digits
            docs.append((DocumentKind.PIRT, business.pirt_number(index, product), today - timedelta(days=300), None))
        if product.bpom:
            docs.append((DocumentKind.BPOM, business.bpom_number(index), today - timedelta(days=400),
                         today + timedelta(days=5 * 365 - 400)))
    for kind, number, issued_on, expires_on in docs:
        documents.add_document(seller, actor=owner, kind=kind, number=number, issued_on=issued_on,
                               expires_on=expires_on, upload=_upload(_document_pdf(kind, number, business),
                                                                    f"{kind.value}.pdf", "application/pdf"))


def _seed_products(seller: Seller, business: DemoBusiness, owner: User, context: _Context) -> None:
    verifier = context.verifier
    for index, item in enumerate(business.products):
        values = _values(business, index, item, context, price=item.earlier_price or item.price)
        delivery = [context.kecamatan[name] for name in item.delivery_kecamatan]
        product = listings.create_product(seller, actor=owner, values=values, delivery_kecamatan_ids=delivery)
        product.is_demo = True
        set_committed_value(product, "photos", [])  # new, so none; photos.add_photo reads the list
        _add_photos(product, business, index, item, owner)
        if item.status is P.DRAFT:
            continue
        listings.act(product, ProductAction.SUBMIT, actor=owner, party=Party.OWNER)
        if item.status is P.IN_REVIEW:
            continue
        if item.status is P.REVISION_REQUESTED:
            listings.act(product, ProductAction.REQUEST_REVISION, actor=verifier, party=Party.VERIFIER,
                         reason=item.reason, field_reasons=item.field_reasons)
            continue
        if item.status is P.REJECTED:
            listings.act(product, ProductAction.REJECT, actor=verifier, party=Party.VERIFIER, reason=item.reason)
            continue
        listings.act(product, ProductAction.APPROVE, actor=verifier, party=Party.VERIFIER, verified_claims=True)
        if item.earlier_price:  # repriced since, and the verifier approved the new price
            revision = listings.update_product(product, seller=seller, actor=owner, delivery_kecamatan_ids=delivery,
                                               values=_values(business, index, item, context, price=item.price))
            listings.decide_revision(revision, product=product, actor=verifier, approve=True)
        if item.pending_price:  # a price change waiting for the verifier; the old price stays live
            listings.update_product(product, seller=seller, actor=owner, delivery_kecamatan_ids=delivery,
                                    values=_values(business, index, item, context, price=item.pending_price))
        if item.status is P.UNPUBLISHED:
            listings.act(product, ProductAction.UNPUBLISH, actor=owner, party=Party.OWNER)
        elif item.status is P.SUSPENDED:
            listings.act(product, ProductAction.SUSPEND, actor=verifier, party=Party.VERIFIER, reason=item.reason)


def _values(business: DemoBusiness, index: int, item: DemoProduct, context: _Context, *, price: int) -> dict:
    """Every field of the product form (update_product takes the whole form, not a partial change)."""
    halal = item.halal or business.halal
    return {
        "name": item.name, "description": item.description, "category_id": context.categories[item.category],
        "unit_id": context.units[item.unit], "price": price, "price_includes_ppn": False,
        "min_order": item.min_order, "capacity_per_day": item.capacity_per_day, "stock": item.stock,
        "lead_time_days": item.lead_time_days,
        "delivery_area": (DeliveryArea.KECAMATAN if item.delivery_kecamatan else DeliveryArea.CITY).value,
        "halal_status": halal.value,
        "halal_certificate_number": business.halal_number if halal in CERTIFIED else "",
        "non_halal_ingredient": "",
        "halal_out_of_scope_reason": business.out_of_scope.value if halal is H.OUT_OF_SCOPE else None,
        "pirt_number": business.pirt_number(index, item) if item.pirt else "",
        "bpom_number": business.bpom_number(index) if item.bpom else "",
        "export_ready": False,
    }


def _add_photos(product: Product, business: DemoBusiness, index: int, item: DemoProduct, owner: User) -> None:
    back = list(item.back_lines)
    if item.pirt:
        pirt = business.pirt_number(index, item)
        back.append(f"P-IRT No. {pirt[:13]}-{pirt[13:]}")
    if item.bpom:
        back.append(f"BPOM RI {business.bpom_number(index)[:2]} {business.bpom_number(index)[2:]}")
    halal = item.halal or business.halal
    if halal in CERTIFIED:
        back.append(f"Sertifikat halal {business.halal_number}")
    back.append(f"Diproduksi oleh {business.name}, {business.kecamatan}, Kota Medan")
    back.append(f"WhatsApp {business.whatsapp}")
    for view in packaging.VIEWS[:item.photos]:
        data = packaging.draw_photo(packaging.PhotoSpec(item.name, business.name, item.category, item.shape,
                                                        view=view, back_lines=tuple(back)))
        photos.add_photo(product, _upload(data, f"foto-{view}.jpg", "image/jpeg"),
                         alt_text=packaging.alt_text(item.name, item.shape, view), actor=owner)


def _upload(data: bytes, filename: str, content_type: str) -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=filename, content_type=content_type)


DOCUMENT_TITLES = {
    DocumentKind.NIB: "Nomor Induk Berusaha (NIB)",
    DocumentKind.HALAL: "Sertifikat Halal",
    DocumentKind.PIRT: "Sertifikat Produksi Pangan Industri Rumah Tangga (SPP-IRT)",
    DocumentKind.BPOM: "Izin Edar BPOM",
    DocumentKind.SLHS: "Sertifikat Laik Higiene Sanitasi (SLHS)",
}


def _document_pdf(kind: DocumentKind, number: str, business: DemoBusiness) -> bytes:
    """A one-page PDF that says plainly it is a fictional sample document."""
    page = Image.new("RGB", (595, 842), "white")  # A4 at 72 dpi
    draw = ImageDraw.Draw(page)
    draw.rectangle((20, 20, 575, 822), outline=(120, 120, 120), width=2)
    lines = [("DOKUMEN CONTOH - FIKTIF", 28, (170, 30, 30)), (DOCUMENT_TITLES[kind], 20, (30, 30, 30)),
             (f"Nomor: {number}", 20, (30, 30, 30)), (business.name, 18, (60, 60, 60)),
             (f"Pemilik: {business.owner}", 16, (60, 60, 60)), (f"Kecamatan {business.kecamatan}, Kota Medan", 16,
                                                                 (60, 60, 60)),
             ("Data contoh Etalase: nama, nomor dan produk fiktif.", 14, (170, 30, 30))]
    y = 60
    for text, size, colour in lines:
        y = packaging.write_text(draw, (50, y), text, packaging.label_font(size), 495, colour, lines=3) + 14
    buffer = io.BytesIO()
    page.save(buffer, "PDF", resolution=72.0)
    return buffer.getvalue()
