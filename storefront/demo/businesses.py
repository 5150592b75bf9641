"""The 20 fictional Medan businesses (docs/domain.md, "Demo data") and their products, as data."""
from __future__ import annotations

from storefront.demo.records import DemoBusiness, DemoProduct
from storefront.listings.workflow import ProductStatus
from storefront.sellers.halal.claims import OutOfScopeReason
from storefront.sellers.halal.kinds import BusinessScale
from storefront.sellers.halal.statuses import HalalStatus
from storefront.sellers.workflow import SellerStatus

DEMO_CITY = "medan"  # the businesses, kecamatan and P-IRT region code are Medan's
EMPTY_KECAMATAN = "Medan Timur"  # no demo business there: the empty filter has something to show


def _business(number, name, kecamatan, owner, halal, permit, registry_category, description, address, products,
              **values) -> DemoBusiness:
    return DemoBusiness(number, name, kecamatan, owner, halal, permit, registry_category, description, address,
                        products=tuple(products), **values)


BUSINESSES: tuple[DemoBusiness, ...] = (
    _business(
        1, "Dapur Bika Tiga Saudara", "Medan Kota", "Rahmawati Lubis", HalalStatus.CERTIFIED_SELF_DECLARE, "",
        "Kue basah", "Bika ambon dipanggang tiap pagi oleh tiga bersaudara; pesanan rapat dan oleh-oleh.",
        "Jl. Seroja Contoh No. 1", email="penjual.bika@etalase.example", products=[
            DemoProduct("Bika ambon pandan", "kue-roti", "loyang", 75_000,
                        "Bika ambon daun pandan dan santan, bersarang rapat. Loyang 20×20 cm, sekitar 16 potong. "
                        "Tahan 3 hari di suhu ruang, tanpa pengawet.", "box", photos=3, pending_price=80_000),
            DemoProduct("Bika ambon original", "kue-roti", "loyang", 70_000,
                        "Bika ambon kuning klasik, loyang 20×20 cm. Tahan 3 hari di suhu ruang.", "box"),
            DemoProduct("Bika ambon potong isi 12", "kue-roti", "kotak", 45_000,
                        "12 potong bika ambon pandan dan original dalam kotak kertas, cocok untuk rapat.", "box",
                        status=ProductStatus.DRAFT),
        ]),
    _business(
        2, "Rumah Bolu Gulung Melati Deli", "Medan Petisah", "Siti Khadijah Nst.", HalalStatus.CERTIFIED_REGULAR,
        "pirt", "Kue dan roti", "Bolu gulung lembut dengan isian keju, pandan srikaya dan cokelat.",
        "Jl. Melati Contoh No. 2", products=[
            DemoProduct("Bolu gulung keju", "kue-roti", "kotak", 65_000,
                        "Bolu gulung isi krim keju, panjang 22 cm, dalam kotak. Tahan 5 hari di lemari es.", "box",
                        photos=2, pirt="306"),
            DemoProduct("Bolu gulung pandan srikaya", "kue-roti", "kotak", 60_000,
                        "Bolu pandan dengan selai srikaya, panjang 22 cm, dalam kotak.", "box", pirt="306"),
            DemoProduct("Bolu gulung cokelat", "kue-roti", "kotak", 62_000,
                        "Bolu cokelat isi ganache, panjang 22 cm, dalam kotak.", "box", status=ProductStatus.IN_REVIEW,
                        pirt="306"),
        ]),
    _business(
        3, "Sari Markisa Bukit Barisan", "Medan Selayang", "Jonatan Ginting", HalalStatus.CERTIFIED_SELF_DECLARE,
        "pirt", "Minuman", "Sirup markisa dari buah pilihan petani dataran tinggi, diolah di Medan Selayang.",
        "Jl. Bunga Contoh No. 3", products=[
            DemoProduct("Sirup markisa 620 ml", "minuman-sirup", "botol", 45_000,
                        "Sirup markisa kental dalam botol kaca 620 ml. Encerkan 1 bagian sirup dengan 4 bagian air.",
                        "bottle", photos=2, pirt="114", stock=120, capacity_per_day=None),
            DemoProduct("Sirup markisa 1 liter", "minuman-sirup", "botol", 68_000,
                        "Sirup markisa dalam botol kaca 1 liter, untuk jamuan dan katering.", "bottle",
                        status=ProductStatus.UNPUBLISHED, pirt="114", stock=0, capacity_per_day=None),
        ]),
    _business(
        4, "Somboi Kasturi Mak Ucu", "Medan Area", "Nurhayati Harahap", HalalStatus.IN_PROCESS, "pirt",
        "Minuman", "Sirup jeruk kasturi resep keluarga; sertifikasi halal sedang diajukan.",
        "Jl. Kenanga Contoh No. 4", status=SellerStatus.REGISTERED, products=[
            DemoProduct("Sirup jeruk kasturi 500 ml", "minuman-sirup", "botol", 40_000,
                        "Sirup jeruk kasturi asam manis dalam botol kaca 500 ml.", "bottle", status=ProductStatus.DRAFT,
                        pirt="114"),
        ]),
    _business(
        5, "Kopi Bubuk Lembah Dairi", "Medan Tuntungan", "Hotman Sitanggang", HalalStatus.CERTIFIED_SELF_DECLARE,
        "pirt", "Kopi", "Kopi robusta dan arabika Sumatera Utara, disangrai dan digiling sendiri.",
        "Jl. Kopi Contoh No. 5", products=[
            DemoProduct("Kopi robusta bubuk Sumut 250 g", "kopi-biji", "bungkus", 48_000,
                        "Kopi robusta sangrai sedang, giling halus, kemasan standing pouch 250 g dengan katup.",
                        "pouch", photos=2, pirt="210", stock=200, capacity_per_day=None),
            DemoProduct("Kopi arabika bubuk 250 g", "kopi-biji", "bungkus", 65_000,
                        "Kopi arabika sangrai sedang, giling sedang untuk tubruk atau saring, 250 g.", "pouch",
                        pirt="210", stock=80, capacity_per_day=None),
            DemoProduct("Kopi luwak liar 100 g", "kopi-biji", "bungkus", 150_000,
                        "Kopi luwak liar, 100 g.", "pouch", status=ProductStatus.REJECTED, pirt="210", stock=10,
                        capacity_per_day=None,
                        reason="Klaim \"luwak liar\" tidak dapat dibuktikan, dan produk ini tidak tercantum pada "
                               "izin P-IRT usaha. Produk tidak dapat ditayangkan."),
        ]),
    _business(
        6, "Katering Berkah Amplas", "Medan Amplas", "Ahmad Fauzi Siregar", HalalStatus.CERTIFIED_REGULAR, "slhs",
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
                        "box", status=ProductStatus.DRAFT, capacity_per_day=5, lead_time_days=3),
        ]),
    _business(
        7, "Kotak Kue Pelangi Denai", "Medan Denai", "Dewi Anggraini", HalalStatus.CERTIFIED_SELF_DECLARE, "slhs",
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
        8, "Keripik Ubi Marelan Jaya", "Medan Marelan", "Suparman", HalalStatus.CERTIFIED_SELF_DECLARE, "pirt",
        "Makanan ringan", "Keripik ubi dan pisang dari kebun sekitar Marelan.",
        "Jl. Pisang Contoh No. 8", status=SellerStatus.SUSPENDED,
        reason="Dua OPD melaporkan pesanan yang sudah dibayar tidak dikirim, dan pemilik tidak dapat dihubungi. "
               "Dibekukan sampai pemilik memberi klarifikasi ke Dinas.",
        products=[
            DemoProduct("Keripik ubi balado 250 g", "makanan-ringan", "bungkus", 18_000,
                        "Keripik ubi kayu iris tipis dengan bumbu balado, 250 g.", "pouch", photos=2,
                        status=ProductStatus.SUSPENDED, pirt="215", stock=150, capacity_per_day=None,
                        reason="Dibekukan sementara: ada laporan pesanan tidak dikirim; menunggu klarifikasi."),
            DemoProduct("Keripik pisang manis 250 g", "makanan-ringan", "bungkus", 17_000,
                        "Keripik pisang kepok dengan gula aren, 250 g.", "pouch", status=ProductStatus.DRAFT,
                        pirt="214",
                        stock=60, capacity_per_day=None),
        ]),
    _business(
        9, "Sambal Teri Bahari Belawan", "Medan Belawan", "Mariani Tanjung", HalalStatus.CERTIFIED_SELF_DECLARE, "pirt",
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
        10, "Kerupuk Ikan Labuhan Mandiri", "Medan Labuhan", "Zulkifli Rangkuti", HalalStatus.NOT_CERTIFIED, "pirt",
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
        11, "Tenun Ulos Boru Hasian", "Medan Johor", "Roslina br. Tobing", HalalStatus.NOT_CERTIFIED, "",
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
                        status=ProductStatus.IN_REVIEW, stock=50, capacity_per_day=None, min_order=10),
        ]),
    _business(
        12, "Songket Deli Tanjung Sari", "Medan Deli", "Tengku Nurul Aini", HalalStatus.NOT_CERTIFIED, "",
        "Tenun", "Kain songket Melayu Deli dengan benang emas.",
        "Jl. Deli Contoh No. 12", status=SellerStatus.REVISION_REQUESTED,
        field_reasons={"nib": "NIB pada profil tidak sama dengan dokumen NIB yang diunggah. Periksa lagi di OSS.",
                       "bank": "Nama pemilik rekening berbeda dengan nama usaha dan nama pemilik."},
        products=[
            DemoProduct("Kain songket Melayu Deli", "ulos-songket", "lembar", 1_250_000,
                        "Kain songket tenun tangan motif pucuk rebung, benang emas, 200 × 100 cm.", "cloth",
                        status=ProductStatus.DRAFT, stock=4, capacity_per_day=None, lead_time_days=5),
        ]),
    _business(
        13, "Batik Medan Kembang Durian", "Medan Helvetia", "Yusniar Daulay", HalalStatus.IN_PROCESS, "",
        "Batik", "Batik cap dan tulis bermotif Medan; seragam batik untuk kantor dan sekolah.",
        "Jl. Durian Contoh No. 13", email="penjual.batik@etalase.example", scale=BusinessScale.KECIL, products=[
            DemoProduct("Kemeja batik cap motif Istana Maimun", "batik-medan", "pcs", 275_000,
                        "Kemeja batik cap katun primisima, lengan panjang, ukuran S-XXL. Bisa pesan seragam.",
                        "cloth", photos=3, capacity_per_day=20, lead_time_days=7),
            DemoProduct("Kain batik tulis motif bunga durian 2 m", "batik-medan", "lembar", 350_000,
                        "Kain batik tulis katun, motif bunga durian, panjang 2 m lebar 1,15 m.", "cloth",
                        stock=15, capacity_per_day=None),
            DemoProduct("Kemeja batik lengan pendek motif pucuk rebung", "batik-medan", "pcs", 240_000,
                        "Kemeja batik cap lengan pendek, ukuran S-XXL.", "cloth",
                        status=ProductStatus.REVISION_REQUESTED,
                        capacity_per_day=20, lead_time_days=7,
                        reason="Foto belum menunjukkan motif dengan jelas dan ukuran belum lengkap.",
                        field_reasons={"photos": "Tambahkan foto kain dari dekat agar motif terlihat.",
                                       "description": "Cantumkan ukuran lingkar dada untuk S sampai XXL."}),
        ]),
    _business(
        14, "Konveksi Rapi Polonia", "Medan Polonia", "Benny Simanjuntak", HalalStatus.NOT_CERTIFIED, "",
        "Konveksi", "Konveksi seragam kerja dan PDL.", "Jl. Polonia Contoh No. 14", status=SellerStatus.REJECTED,
        reason="NIB yang dilampirkan terdaftar untuk usaha perdagangan besar di luar Kota Medan, bukan "
               "konveksi di Medan Polonia. Etalase hanya untuk UMKM binaan Kota Medan.",
        products=[
            DemoProduct("Seragam PDL per stel", "pakaian-seragam", "stel", 185_000,
                        "Seragam PDL kain drill, kemeja dan celana, bordir nama dan logo.", "cloth",
                        status=ProductStatus.DRAFT, capacity_per_day=40, lead_time_days=14),
        ]),
    _business(
        15, "Kreasi Cendera Maimun", "Medan Maimun", "Irwansyah Putra", HalalStatus.OUT_OF_SCOPE, "",
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
        16, "Anyaman Pandan Sunggal Indah", "Medan Sunggal", "Sri Wahyuni", HalalStatus.IN_PROCESS, "",
        "Kerajinan", "Tas dan dompet anyaman daun pandan buatan ibu-ibu Sunggal.",
        "Jl. Pandan Contoh No. 16", status=SellerStatus.SUBMITTED, products=[
            DemoProduct("Tas anyaman pandan", "tas-aksesoris", "pcs", 120_000,
                        "Tas jinjing anyaman pandan dengan lapisan kain, 35 × 30 cm.", "bag",
                        status=ProductStatus.DRAFT,
                        stock=25, capacity_per_day=None),
            DemoProduct("Dompet anyaman pandan", "tas-aksesoris", "pcs", 45_000,
                        "Dompet anyaman pandan dengan ritsleting, 20 × 10 cm.", "bag", status=ProductStatus.DRAFT,
                        stock=40,
                        capacity_per_day=None),
        ]),
    _business(
        17, "Percetakan & ATK Barat Sejahtera", "Medan Barat", "Liem Andi Wijaya", HalalStatus.OUT_OF_SCOPE, "",
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
        18, "Lemang Tembung Sehati", "Medan Tembung", "Erlina Pohan", HalalStatus.CERTIFIED_SELF_DECLARE, "",
        "Kue basah", "Lemang ketan bakar dalam bambu.", "Jl. Bambu Contoh No. 18", status=SellerStatus.INVITED,
        products=[
            # The owner has not registered yet: nobody could have listed this (kept for later flows).
        ]),
    _business(
        19, "Lapis Legit Perjuangan", "Medan Perjuangan", "Meilinda Tan", HalalStatus.CERTIFIED_REGULAR, "pirt",
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
        20, "Pancake Durian Baru Manis", "Medan Baru", "Rizky Ananda Nasution", HalalStatus.CERTIFIED_REGULAR, "bpom",
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
