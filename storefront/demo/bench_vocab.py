"""Words for the benchmark catalog (bench_seed.py): names and descriptions per leaf category.

Pure Python, no Flask. The text is Indonesian with affixed forms (pembersih, membersihkan,
bersih; dianyam, anyaman; ditenun, tenunan; olahan, diolah...), a few words that most products
carry (medan, kemasan, pilihan...) and a list of rare words that each end up in about 0.1 % of
the products, so search benchmarks have common and rare terms. Everything invented is fiction.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

# kind: food | textile | craft | office | cosmetics | farm | service (halal rules and verbs follow it)


@dataclass(frozen=True)
class Leaf:
    nouns: tuple[str, ...]
    variants: tuple[str, ...]
    sizes: tuple[str, ...]
    units: tuple[str, ...]  # unit codes (reference/data/catalog.json)
    price: tuple[int, int]  # whole rupiah, drawn log-uniformly
    kind: str
    shape: str  # packaging.draw_photo shape
    min_orders: tuple[int, ...] = (1, 1, 1, 2, 5)
    lead: tuple[int, int] = (0, 3)


LEAVES: dict[str, Leaf] = {
    "kue-roti": Leaf(("bika ambon", "bolu meranti", "roti manis", "kue lapis legit", "bolu gulung", "kue bangkit",
                      "bolu pandan", "roti sobek", "kue bawang", "lapis surabaya"),
                     ("pandan", "keju", "cokelat", "original", "durian", "gula aren", "kelapa", "susu"),
                     ("", "kecil", "besar", "isi 10", "1 loyang"), ("kotak", "loyang", "pcs"), (15_000, 350_000),
                     "food", "box", lead=(1, 3)),
    "makanan-ringan": Leaf(("keripik singkong", "keripik pisang", "kerupuk udang", "rempeyek kacang", "manisan pala",
                            "kacang sangrai", "dodol durian", "manisan jahe", "keripik tempe", "kerupuk jengkol"),
                           ("pedas manis", "original", "balado", "bawang", "asin", "jagung bakar", "manis"),
                           ("100 g", "250 g", "500 g", "1 kg"), ("bungkus", "toples", "kg"), (8_000, 150_000),
                           "food", "pouch"),
    "lauk-sambal": Leaf(("sambal andaliman", "rendang daging", "teri medan", "sambal terasi", "abon ikan",
                         "sambal ijo", "ikan asin", "sambal tuktuk", "dendeng balado"),
                        ("pedas", "sedang", "ekstra pedas", "original", "kering", "basah"),
                        ("150 g", "250 g", "500 g"), ("botol", "toples", "bungkus"), (15_000, 250_000),
                        "food", "jar"),
    "minuman-sirup": Leaf(("sirup markisa", "sirup terong belanda", "jus markisa", "wedang jahe", "teh rosella",
                           "sirup pala", "sari nanas", "minuman serai"),
                          ("asli", "tanpa pengawet", "gula aren", "rendah gula", "madu"),
                          ("330 ml", "500 ml", "620 ml", "1 liter"), ("botol", "liter", "dus"), (10_000, 300_000),
                          "food", "bottle"),
    "makanan-beku": Leaf(("bakso ikan", "nugget ayam", "dimsum ayam", "lumpia", "pempek", "risol mayo", "siomay",
                          "otak-otak"), ("original", "pedas", "keju", "udang", "sayur"),
                         ("isi 10", "isi 20", "500 g", "1 kg"), ("bungkus", "kg", "paket"), (20_000, 250_000),
                         "food", "pouch", lead=(0, 2)),
    "katering-nasi-kotak": Leaf(("nasi kotak", "nasi tumpeng", "nasi ayam penyet", "nasi soto", "nasi rendang",
                                 "nasi gurih", "prasmanan"), ("rapat", "ekonomis", "spesial", "komplit", "lauk ikan"),
                                ("", "lengkap"), ("porsi", "kotak", "paket"), (18_000, 3_500_000), "food", "box",
                                (10, 20, 25, 50, 100), (1, 3)),
    "snack-box": Leaf(("snack box rapat", "kue rapat", "paket kue basah", "snack box seminar"),
                      ("isi 3", "isi 4", "isi 5", "premium", "ekonomis"), ("",), ("kotak", "paket"),
                      (8_000, 60_000), "food", "box", (20, 25, 50, 100), (1, 2)),
    "ulos-songket": Leaf(("ulos ragi hotang", "ulos sadum", "songket melayu", "kain tenunan", "selendang tenunan",
                          "ulos mangiring", "songket deli"), ("benang emas", "motif klasik", "warna alam", "sutra"),
                         ("", "2 meter", "panjang"), ("lembar", "meter"), (150_000, 5_000_000), "textile", "cloth",
                         lead=(2, 14)),
    "batik-medan": Leaf(("batik medan", "kemeja batik", "kain batik tulis", "batik cap", "blus batik"),
                        ("motif pakis", "motif tembakau deli", "motif bunga", "lengan panjang", "lengan pendek"),
                        ("S", "M", "L", "XL", ""), ("lembar", "pcs", "meter"), (85_000, 1_500_000),
                        "textile", "cloth", lead=(1, 10)),
    "pakaian-seragam": Leaf(("seragam dinas", "kemeja seragam", "kaos olahraga", "rompi", "seragam sekolah",
                             "kaos kerah"), ("katun", "drill", "lengan panjang", "bordir logo", "sablon"),
                            ("S", "M", "L", "XL", "XXL"), ("stel", "pcs", "kodi", "lusin"), (45_000, 900_000),
                            "textile", "cloth", (1, 12, 20, 24, 50), (3, 14)),
    "hijab-peci": Leaf(("hijab rajutan", "peci rajutan", "kerudung", "peci hitam", "hijab segi empat",
                        "bergo instan"), ("polos", "motif", "bordir", "voal", "katun"), ("",),
                       ("pcs", "lusin", "kodi"), (25_000, 400_000), "textile", "cloth", lead=(0, 5)),
    "anyaman": Leaf(("tikar anyaman pandan", "keranjang anyaman rotan", "tas anyaman", "tampah bambu",
                     "bakul anyaman", "tudung saji"), ("kecil", "sedang", "besar", "motif", "warna alam"),
                    ("",), ("pcs", "set"), (15_000, 750_000), "craft", "bag", lead=(1, 10)),
    "ukiran-plakat": Leaf(("plakat kayu ukiran", "plakat akrilik", "papan nama ukiran", "miniatur rumah adat",
                           "ukiran gorga"), ("jati", "mahoni", "custom logo", "motif batak", "motif melayu"),
                          ("20x30 cm", "30x40 cm", ""), ("pcs",), (75_000, 2_500_000), "craft", "plaque",
                          lead=(3, 14)),
    "tas-aksesoris": Leaf(("tas rajutan", "dompet kulit", "gantungan kunci", "tas tenunan ulos", "tas laptop",
                           "bros manik"), ("kecil", "sedang", "motif ulos", "kulit asli", "manik"), ("",),
                          ("pcs", "lusin"), (10_000, 800_000), "textile", "bag", lead=(0, 7)),
    "atk": Leaf(("map kertas", "buku tulis", "amplop cokelat", "stempel", "kertas hvs", "map plastik",
                 "buku agenda"), ("folio", "a4", "f4", "kuarto", "bergaris"), ("",),
                ("rim", "dus", "pcs", "lusin"), (1_000, 300_000), "office", "folder", lead=(0, 2)),
    "percetakan": Leaf(("kartu nama", "spanduk", "brosur", "undangan", "stiker kemasan", "kalender meja",
                        "buku yasin"), ("full color", "art paper", "vinyl", "hard cover", "satu sisi"), ("",),
                       ("lembar", "pcs", "meter"), (1_000, 1_500_000), "office", "folder", (1, 50, 100, 500), (1, 7)),
    "sabun-perawatan": Leaf(("pembersih lantai", "sabun cuci piring", "pembersih wajah", "sabun sereh",
                             "sabun minyak kelapa", "minyak urut", "lulur"),
                            ("wangi sereh", "jeruk nipis", "lavender", "alami", "tanpa pewangi"),
                            ("100 ml", "250 ml", "500 ml", "1 liter"), ("botol", "pcs", "liter"), (8_000, 180_000),
                            "cosmetics", "bottle"),
    "jamu-herbal": Leaf(("jamu kunyit asam", "jamu beras kencur", "serbuk jahe merah", "minyak kayu putih",
                         "teh daun kelor", "jamu temulawak"), ("asli", "tanpa gula", "sachet", "cair"),
                        ("250 ml", "100 g", "isi 10"), ("botol", "bungkus"), (10_000, 150_000), "cosmetics", "bottle"),
    "kopi-biji": Leaf(("kopi sidikalang", "kopi mandailing", "kopi gayo", "kopi arabika", "kopi robusta",
                       "kopi lintong"), ("biji sangrai", "bubuk", "medium roast", "dark roast", "giling halus"),
                      ("200 g", "250 g", "500 g", "1 kg"), ("kg", "gram", "bungkus"), (25_000, 600_000),
                      "food", "pouch"),
    "rempah": Leaf(("andaliman kering", "kemiri", "kayu manis", "lada hitam", "bumbu rendang", "kunyit bubuk",
                    "cengkeh"), ("utuh", "bubuk", "pilihan", "kering"), ("100 g", "250 g", "1 kg"),
                   ("kg", "gram", "bungkus"), (5_000, 400_000), "food", "pouch"),
    "buah": Leaf(("jeruk berastagi", "markisa", "durian medan", "terong belanda", "salak", "alpukat"),
                 ("segar", "manis", "super", "petik pagi"), ("1 kg", "5 kg", ""), ("kg",), (12_000, 500_000),
                 "farm", "box", (1, 1, 5, 10), (0, 2)),
    "sablon-jahit": Leaf(("jasa sablon kaos", "jasa jahit seragam", "bordir logo", "jasa permak", "sablon tas"),
                         ("satu warna", "full color", "kilat", "per potong", "borongan"), ("",),
                         ("pcs", "lusin", "kegiatan"), (5_000, 2_000_000), "service", "cloth", (1, 12, 24), (2, 14)),
    "dekorasi": Leaf(("dekorasi panggung", "dekorasi pelaminan", "sewa tenda", "rangkaian bunga",
                      "dekorasi ruang rapat"), ("sederhana", "mewah", "adat batak", "adat melayu", "minimalis"),
                     ("",), ("kegiatan", "paket", "orang-hari"), (250_000, 5_000_000), "service", "plaque",
                     (1,), (2, 14)),
}

VERBS = {
    "food": ("diolah", "dibuat", "dimasak", "diproduksi", "digoreng"),
    "textile": ("ditenun", "dijahit", "dirajut", "dibuat", "dikerjakan"),
    "craft": ("dianyam", "diukir", "dibuat tangan", "dikerjakan"),
    "office": ("dicetak", "dibuat", "diproduksi"),
    "cosmetics": ("diracik", "dibuat", "diolah"),
    "farm": ("dipetik", "dipanen", "dipilih"),
    "service": ("dikerjakan", "ditangani", "dibuat"),
}
MAKERS = ("perajin", "ibu-ibu", "penjahit", "UMKM binaan", "kelompok usaha", "keluarga", "penenun", "pengrajin muda")
MATERIALS = {
    "food": ("sayur segar", "tepung terigu", "gula aren", "santan kelapa", "rempah asli", "minyak kelapa", "telur ayam"),
    "textile": ("benang katun", "benang sutra", "kain katun", "pewarna alam", "kain drill"),
    "craft": ("rotan", "pandan", "bambu", "kayu jati", "kayu mahoni", "akrilik"),
    "office": ("kertas tebal", "art paper", "tinta berkualitas", "karton"),
    "cosmetics": ("minyak kelapa", "serai wangi", "kunyit", "jahe merah", "daun kelor", "lidah buaya"),
    "farm": ("kebun sendiri", "petani karo", "lahan organik"),
    "service": ("kain dan tinta", "bunga segar", "tenda baru", "benang bordir"),
}
KIND_SENTENCES = {
    "food": ("Rasa {adj} tanpa pengawet buatan dan tahan {days} hari.", "Olahan rumahan yang higienis dan halal.",
             "Dimasak setiap pagi sehingga selalu segar saat dikirim."),
    "textile": ("Tenunan rapi dengan motif {adj} yang tidak luntur.", "Rajutan halus dan nyaman dipakai seharian.",
                "Jahitan kuat, ukuran bisa dipesan sesuai kebutuhan seragam."),
    "craft": ("Anyaman rapat dan kuat, setiap pola dianyam dengan tangan.", "Ukiran halus dengan sentuhan {adj}.",
              "Kerajinan tangan yang cocok sebagai cenderamata tamu."),
    "office": ("Cetakan tajam dan warna {adj}.", "Tersedia ukuran folio, a4 dan kuarto untuk keperluan kantor."),
    "cosmetics": ("Membersihkan kotoran dan minyak tanpa membuat kulit kering.",
                  "Pembersih alami yang membuat lantai bersih dan wangi.", "Diracik dari bahan {adj} tanpa paraben.",
                  "Kebersihan rumah terjaga, aman untuk anak."),
    "farm": ("Dipanen saat matang sehingga rasanya {adj}.", "Dikirim segar langsung dari kebun ke kantor Anda."),
    "service": ("Dikerjakan oleh tim berpengalaman dengan hasil {adj}.", "Survei lokasi tanpa biaya untuk kegiatan dinas."),
}
ADJECTIVES = ("khas", "manis", "gurih", "lembut", "cerah", "klasik", "tradisional", "modern", "alami", "mewah")
OCCASIONS = ("rapat dinas", "acara kantor", "oleh-oleh", "hajatan", "arisan", "seminar", "kegiatan sekolah",
             "pesta pernikahan", "syukuran", "pelatihan", "kunjungan tamu", "peringatan hari besar")
PACKAGING = ("Kemasan rapi dan higienis sehingga aman dikirim.", "Dikemas dengan plastik tebal dan kardus.",
             "Kemasan baru yang kedap udara.", "Kemasan ramah lingkungan dari kertas daur ulang.",
             "Setiap pesanan dikemas ulang dengan rapi.")
ORDERING = ("Melayani pesanan dalam jumlah besar untuk instansi.", "Pengiriman ke seluruh Kota Medan.",
            "Pemesanan bisa melalui Surat Pesanan dari OPD.", "Pesanan diantar langsung oleh penjual.",
            "Harga sudah termasuk ongkos kirim dalam kota.")
# Each product has a small chance to mention one of these: about 0.1 % of products per word.
RARE_WORDS = ("kecombrang", "pirdot", "rimbang", "gelamai", "sitarak", "pakkat", "bandrek", "bajigur", "ombus",
              "lappet", "natinombur", "arsik", "tengteng", "sasagun", "dalihan", "hiou", "tumtuman", "pangir",
              "tambar", "serampang", "bahulu", "kemojo", "gulamo", "pulut", "timphan", "keumamah", "asoka",
              "lemang", "kincung", "tenggiri")
RARE_SHARE = 0.04


_LOWER = frozenset({"ml", "g", "kg", "cm", "liter", "meter", "isi"})


def _cap(text: str) -> str:
    return " ".join(w if w.isupper() or w in _LOWER or any(c.isdigit() for c in w) else w[:1].upper() + w[1:]
                    for w in text.split())


def product_name(rng: random.Random, leaf: Leaf) -> str:
    parts = [rng.choice(leaf.nouns), rng.choice(leaf.variants), rng.choice(leaf.sizes)]
    if rng.random() < 0.15:
        parts.insert(2, rng.choice(("khas Medan", "premium", "asli", "spesial", "olahan rumahan")))
    return _cap(" ".join(p for p in parts if p))[:120]


def description(rng: random.Random, leaf: Leaf, name: str, place: str) -> str:
    """20-40 words: how it is made, a kind-specific line, packaging, use and ordering, sometimes
    a rare word."""
    kind = leaf.kind
    adj = rng.choice(ADJECTIVES)
    sentences = [
        f"{name} {rng.choice(VERBS[kind])} oleh {rng.choice(MAKERS)} di {place}.",
        rng.choice(KIND_SENTENCES[kind]).format(adj=adj, days=rng.randint(3, 30)),
        f"Bahan {rng.choice(MATERIALS[kind])} pilihan, {rng.choice(('kualitas terjaga', 'mutu terbaik', 'tanpa campuran'))}.",
        rng.choice(PACKAGING),
        "Cocok untuk {} dan {}.".format(*rng.sample(OCCASIONS, 2)),
        rng.choice(ORDERING),
    ]
    head, rest = sentences[0], sentences[1:]
    rng.shuffle(rest)
    if rng.random() < RARE_SHARE:
        rest.insert(0, f"Juga tersedia varian {rng.choice(RARE_WORDS)} khas Sumatera Utara.")
    target = rng.randint(20, 40)
    words = head.split()
    for sentence in rest:
        if len(words) >= target:
            break
        if len(words) + len(sentence.split()) <= 40:
            words += sentence.split()
    if len(words) < 20:
        words += "Produk asli Kota Medan, dibuat dengan teliti.".split()
    return " ".join(words[:40])


BUSINESS_HEADS = ("Dapur", "Rumah", "Sentra", "Kedai", "Galeri", "Usaha", "Toko", "Griya", "Pondok", "CV")
BUSINESS_TAILS = ("Bu Rahma", "Sumber Rezeki", "Karya Deli", "Melati", "Barokah", "Tapanuli", "Sejahtera",
                  "Mandiri", "Putri Deli", "Horas", "Maju Jaya", "Cahaya", "Sinar Tembung", "Kasih Ibu", "Amanah")
FIRST_NAMES = ("Rahmawati", "Ahmad", "Roslina", "Yusniar", "Budi", "Sri", "Hotma", "Dewi", "Fauzi", "Lestari",
               "Rudi", "Nurhayati", "Togar", "Maria", "Irwan", "Siti")
LAST_NAMES = ("Lubis", "Siregar", "Nasution", "Tobing", "Daulay", "Harahap", "Sitompul", "Ginting", "Sembiring",
              "Purba", "Saragih", "Hutapea", "Pane", "Tarigan")


def business_name(rng: random.Random, number: int) -> str:
    return f"{rng.choice(BUSINESS_HEADS)} {rng.choice(BUSINESS_TAILS)} {number}"


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
