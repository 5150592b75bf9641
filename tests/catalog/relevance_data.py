"""Relevance test data for product search: a fictional catalog of Medan UMKM products and the
queries it must answer. Data only; the test that feeds it to the search engine lives elsewhere.

PRODUCTS: {"key", "name", "description", "category"}; categories are the leaf slugs of
storefront/reference/data/catalog.json. Names and descriptions are written the way sellers here
write them, with affixed forms (dibuat, olahan, kemasan, pembersih, rajutan, anyaman, tenunan)
and words many products share (kemasan, medan, rasa, khas), so ranking matters.

QUERIES: (query, keys that must appear in the top 5). TYPO_QUERIES: same shape, each query one
edit away from a word in a product name; nothing matches them exactly, the typo fallback answers.
"""

PRODUCTS = [
    # --- kue-roti -----------------------------------------------------------------------------
    {"key": "bika-ambon-pandan", "name": "Bika Ambon Pandan Utuh", "category": "kue-roti",
     "description": "Bika ambon khas Medan rasa pandan, dibuat dari santan kelapa segar dan telur ayam "
                    "kampung. Teksturnya bersarang dan kenyal. Tahan 4 hari di suhu ruang, dikemas dalam "
                    "kotak karton."},
    {"key": "bika-ambon-durian", "name": "Bika Ambon Durian", "category": "kue-roti",
     "description": "Bika ambon dengan daging durian Medan asli, harum dan legit. Kemasan kotak isi 20 "
                    "potong, cocok untuk oleh-oleh."},
    {"key": "bolu-meranti-keju", "name": "Bolu Gulung Meranti Keju", "category": "kue-roti",
     "description": "Bolu gulung lembut khas Medan dengan olesan selai srikaya dan parutan keju cheddar. "
                    "Dibuat setiap pagi tanpa pengawet, dikemas dalam kotak mika."},
    {"key": "bolu-meranti-moka", "name": "Bolu Gulung Meranti Moka", "category": "kue-roti",
     "description": "Bolu gulung rasa moka dengan krim mentega. Lembut, tidak terlalu manis. Satu "
                    "loyang dipotong 10."},
    {"key": "lapis-legit-prunes", "name": "Lapis Legit Prunes", "category": "kue-roti",
     "description": "Kue lapis legit 18 lapisan dengan buah prunes, dipanggang satu per satu memakai "
                    "mentega Wijsman. Kemasan toples kaca, cocok untuk hantaran."},
    {"key": "roti-sobek-cokelat", "name": "Roti Sobek Cokelat Srikaya", "category": "kue-roti",
     "description": "Roti manis sobek isi cokelat dan srikaya, dipanggang di oven rumahan di Medan "
                    "Johor. Empuk sampai hari ketiga."},
    {"key": "kue-bolu-pandan", "name": "Bolu Kukus Pandan Mekar", "category": "kue-roti",
     "description": "Bolu kukus mekar warna hijau dari sari daun pandan asli, tanpa pewarna buatan. "
                    "Isi 10 buah per kotak."},

    # --- makanan-ringan -----------------------------------------------------------------------
    {"key": "keripik-pisang-manis", "name": "Keripik Pisang Manis", "category": "makanan-ringan",
     "description": "Keripik pisang kepok dari kebun di Deli Serdang, digoreng tipis lalu dibalut gula "
                    "aren. Renyah dan manis. Kemasan standing pouch 250 g."},
    {"key": "keripik-pisang-balado", "name": "Keripik Pisang Balado Pedas", "category": "makanan-ringan",
     "description": "Keripik pisang dengan bumbu balado cabai merah, pedasnya pas. Olahan UMKM binaan "
                    "Kecamatan Medan Tuntungan, kemasan 200 g."},
    {"key": "keripik-ubi-pedas", "name": "Keripik Ubi Pedas Manis", "category": "makanan-ringan",
     "description": "Singkong pilihan diiris tipis, digoreng kering dan diberi sambal pedas manis. "
                    "Tanpa penyedap rasa."},
    {"key": "kerupuk-udang", "name": "Kerupuk Udang Mentah", "category": "makanan-ringan",
     "description": "Kerupuk udang olahan nelayan Belawan, dijemur sampai kering, tinggal digoreng. "
                    "Kemasan plastik 500 g."},
    {"key": "dodol-durian", "name": "Dodol Durian Medan", "category": "makanan-ringan",
     "description": "Dodol durian legit, diaduk 8 jam di kuali besar dengan santan dan gula merah. "
                    "Dibungkus kertas minyak per potong."},
    {"key": "rempeyek-kacang", "name": "Rempeyek Kacang Tanah", "category": "makanan-ringan",
     "description": "Peyek renyah bertabur kacang tanah, gurih dengan daun jeruk. Toples isi 30 keping."},
    {"key": "kacang-sihobuk", "name": "Kacang Sihobuk Sangrai", "category": "makanan-ringan",
     "description": "Kacang tanah khas Tapanuli yang disangrai dengan pasir sampai kering dan wangi. "
                    "Kemasan 250 g."},
    {"key": "manisan-pala", "name": "Manisan Pala Kering", "category": "makanan-ringan",
     "description": "Daging buah pala diiris dan direndam air gula, lalu dijemur. Rasa manis asam yang "
                    "segar, oleh-oleh khas Medan."},

    # --- lauk-sambal --------------------------------------------------------------------------
    {"key": "teri-medan-kacang", "name": "Teri Medan Kacang Balado", "category": "lauk-sambal",
     "description": "Ikan teri Medan pilihan digoreng kering bersama kacang tanah dan sambal balado. "
                    "Toples 250 g, tahan sebulan."},
    {"key": "teri-medan-mentah", "name": "Teri Medan Kering 500 g", "category": "lauk-sambal",
     "description": "Teri nasi kering tawar, tidak asin, hasil tangkapan nelayan Belawan. Dijemur di "
                    "bawah matahari dan dikemas vakum."},
    {"key": "sambal-andaliman", "name": "Sambal Andaliman Khas Batak", "category": "lauk-sambal",
     "description": "Sambal andaliman pedas getir dengan bawang merah dan cabai rawit, dimasak tanpa "
                    "pengawet. Botol kaca 150 ml."},
    {"key": "sambal-terasi", "name": "Sambal Terasi Bajak", "category": "lauk-sambal",
     "description": "Sambal terasi udang yang ditumis lama sampai berminyak. Pedasnya sedang, cocok "
                    "untuk lalapan dan ikan bakar."},
    {"key": "rendang-daging", "name": "Rendang Daging Sapi Kemasan", "category": "lauk-sambal",
     "description": "Rendang daging sapi dimasak 6 jam dengan santan dan rempah, dikemas vakum sehingga "
                    "tahan 3 bulan tanpa pengawet."},
    {"key": "abon-ikan-tongkol", "name": "Abon Ikan Tongkol", "category": "lauk-sambal",
     "description": "Abon ikan tongkol olahan kelompok wanita nelayan, gurih dan tidak berminyak. "
                    "Kemasan pouch 100 g."},

    # --- minuman-sirup ------------------------------------------------------------------------
    {"key": "sirup-markisa", "name": "Sirup Markisa Asli 620 ml", "category": "minuman-sirup",
     "description": "Sirup dari buah markisa segar Berastagi, manis asam dan menyegarkan. Tanpa "
                    "pewarna buatan. Encerkan 1 bagian sirup dengan 4 bagian air dingin."},
    {"key": "sirup-terong-belanda", "name": "Sirup Terong Belanda", "category": "minuman-sirup",
     "description": "Sirup terong belanda khas Tanah Karo, warnanya merah alami. Botol kaca 620 ml, "
                    "kemasan kardus untuk kiriman luar kota."},
    {"key": "sari-markisa", "name": "Sari Buah Markisa Siap Minum", "category": "minuman-sirup",
     "description": "Minuman sari buah markisa dalam botol 250 ml, cukup didinginkan lalu disajikan. "
                    "Isi 12 botol per dus."},
    {"key": "sirup-kurma", "name": "Sirup Kurma Pekat", "category": "minuman-sirup",
     "description": "Sirup sari kurma tanpa gula tambahan, untuk minuman dan campuran kue. Botol 460 ml."},
    {"key": "bandrek-susu", "name": "Bandrek Susu Instan", "category": "minuman-sirup",
     "description": "Minuman hangat dari jahe, gula aren dan susu. Seduh satu sachet dengan air panas. "
                    "Isi 10 sachet."},

    # --- makanan-beku -------------------------------------------------------------------------
    {"key": "dimsum-ayam", "name": "Dimsum Ayam Udang Beku", "category": "makanan-beku",
     "description": "Dimsum siomay ayam dan udang, isi 20 buah. Kukus 15 menit dari beku. Disimpan "
                    "di freezer tahan 2 bulan."},
    {"key": "roti-canai-beku", "name": "Roti Canai Beku isi 5", "category": "makanan-beku",
     "description": "Roti canai khas India Medan, tinggal dipanggang di teflon tanpa minyak. Cocok "
                    "dengan kari kambing."},
    {"key": "pempek-kapal-selam", "name": "Pempek Kapal Selam Beku", "category": "makanan-beku",
     "description": "Pempek ikan tenggiri isi telur, dikemas vakum dengan kuah cuka terpisah. Goreng "
                    "langsung dari beku."},
    {"key": "nugget-ikan", "name": "Nugget Ikan Tenggiri", "category": "makanan-beku",
     "description": "Nugget dari daging ikan tenggiri asli tanpa pengawet, dibalut tepung roti. "
                    "Kemasan 500 g."},
    {"key": "bakso-ikan", "name": "Bakso Ikan Beku 1 kg", "category": "makanan-beku",
     "description": "Bakso ikan kenyal untuk kuah, mi, atau digoreng. Dibuat dari ikan segar "
                    "tangkapan Belawan."},

    # --- katering-nasi-kotak ------------------------------------------------------------------
    {"key": "nasi-kotak-ayam-bakar", "name": "Nasi Kotak Ayam Bakar", "category": "katering-nasi-kotak",
     "description": "Nasi kotak untuk rapat dinas: nasi putih, ayam bakar, sayur, sambal, kerupuk, "
                    "buah, dan air mineral. Minimal pemesanan 30 kotak, diantar ke kantor di Medan."},
    {"key": "nasi-kotak-rendang", "name": "Nasi Kotak Rendang", "category": "katering-nasi-kotak",
     "description": "Nasi putih, rendang daging, gulai nangka, sambal hijau, dan kerupuk. Pesan H-1 "
                    "sebelum pukul 15.00."},
    {"key": "nasi-lemak", "name": "Nasi Lemak Medan Bungkus", "category": "katering-nasi-kotak",
     "description": "Nasi gurih santan dengan teri kacang, telur, dan sambal. Dibungkus daun pisang, "
                    "cocok untuk sarapan rapat pagi."},
    {"key": "katering-prasmanan", "name": "Katering Prasmanan Acara Kantor", "category": "katering-nasi-kotak",
     "description": "Hidangan prasmanan untuk acara dinas dan syukuran: nasi, dua lauk, sayur, "
                    "pencuci mulut. Harga per porsi, minimal 50 porsi."},
    {"key": "lontong-medan", "name": "Lontong Sayur Medan", "category": "katering-nasi-kotak",
     "description": "Lontong dengan sayur labu, tauco, rendang, dan kerupuk merah. Dikirim dalam "
                    "wadah tertutup per porsi."},

    # --- snack-box ----------------------------------------------------------------------------
    {"key": "snack-box-rapat", "name": "Snack Box Rapat Isi 3", "category": "snack-box",
     "description": "Kotak kue rapat berisi bika ambon, lemper ayam, dan risol. Air mineral gelas "
                    "termasuk. Diantar ke kantor pagi hari."},
    {"key": "snack-box-premium", "name": "Snack Box Premium Isi 5", "category": "snack-box",
     "description": "Lima kue pilihan: bolu gulung, pastel, kue lapis, sus, dan buah potong. Untuk "
                    "tamu pimpinan dan rapat koordinasi."},
    {"key": "paket-gorengan", "name": "Paket Gorengan Rapat", "category": "snack-box",
     "description": "Bakwan, tahu isi, pisang goreng, dan tempe mendoan yang digoreng pagi hari, "
                    "dikemas dalam kotak kertas dengan sambal kacang."},
    {"key": "tampah-kue-basah", "name": "Tampah Kue Basah Tradisional", "category": "snack-box",
     "description": "Satu tampah berisi 50 kue basah: lapis, kue talam, lepat, ongol-ongol, dan "
                    "onde-onde. Dihias daun pisang."},

    # --- ulos-songket -------------------------------------------------------------------------
    {"key": "ulos-ragidup", "name": "Ulos Ragidup Tenunan Tangan", "category": "ulos-songket",
     "description": "Ulos Batak Toba motif ragidup, ditenun dengan alat tenun bukan mesin oleh "
                    "penenun di Tarutung. Panjang 2 meter, untuk acara adat."},
    {"key": "ulos-sadum", "name": "Ulos Sadum Warna-warni", "category": "ulos-songket",
     "description": "Ulos sadum dengan warna cerah dan manik-manik, hasil tenun tangan. Cocok sebagai "
                    "selendang atau cenderamata tamu."},
    {"key": "songket-melayu-deli", "name": "Kain Songket Melayu Deli", "category": "ulos-songket",
     "description": "Kain songket tenunan benang emas motif pucuk rebung khas Melayu Deli. Dibuat "
                    "penenun di Kampung Songket Medan Labuhan."},
    {"key": "selendang-songket", "name": "Selendang Songket Tenun", "category": "ulos-songket",
     "description": "Selendang songket ringan untuk pesta dan acara resmi, benang perak dengan "
                    "kain dasar merah marun."},

    # --- batik-medan --------------------------------------------------------------------------
    {"key": "batik-tulis-tembakau", "name": "Kain Batik Tulis Motif Daun Tembakau", "category": "batik-medan",
     "description": "Batik tulis khas Medan dengan motif daun tembakau Deli, dicanting tangan di atas "
                    "katun primisima. Ukuran 2 x 1,15 meter."},
    {"key": "batik-cap-gorga", "name": "Kain Batik Cap Motif Gorga", "category": "batik-medan",
     "description": "Batik cap motif gorga Batak warna merah, hitam, putih. Pewarnaan alami, "
                    "bahan katun 2 meter."},
    {"key": "kemeja-batik-pria", "name": "Kemeja Batik Pria Lengan Panjang", "category": "batik-medan",
     "description": "Kemeja batik motif Medan untuk pakaian dinas hari Kamis, dilapisi furing. "
                    "Ukuran M sampai XXL."},
    {"key": "blus-batik-wanita", "name": "Blus Batik Wanita", "category": "batik-medan",
     "description": "Blus batik cap lengan tujuh per delapan, bahan katun adem, jahitan rapi."},

    # --- pakaian-seragam ----------------------------------------------------------------------
    {"key": "kemeja-pdh", "name": "Kemeja Seragam PDH Lengan Panjang", "category": "pakaian-seragam",
     "description": "Seragam pakaian dinas harian warna khaki, bahan drill, lengkap dengan bordir "
                    "nama dan logo instansi."},
    {"key": "kaos-horas", "name": "Kaos Oblong Horas Medan", "category": "pakaian-seragam",
     "description": "Kaos katun combed 30s bergambar tulisan Horas dan Istana Maimun, sablon plastisol "
                    "tidak luntur. Oleh-oleh khas Medan."},
    {"key": "rompi-lapangan", "name": "Rompi Lapangan Bordir", "category": "pakaian-seragam",
     "description": "Rompi kerja lapangan banyak saku, bahan taslan, bordir logo dinas di dada."},
    {"key": "kaos-polo-seragam", "name": "Kaos Polo Seragam Komunitas", "category": "pakaian-seragam",
     "description": "Polo shirt bahan lacoste cotton, bisa bordir atau sablon logo, minimal 24 potong."},

    # --- hijab-peci ---------------------------------------------------------------------------
    {"key": "peci-hitam", "name": "Peci Hitam Beludru", "category": "hijab-peci",
     "description": "Peci nasional bahan beludru hitam, dijahit rapi dengan lapisan dalam yang "
                    "menyerap keringat. Ukuran 5 sampai 8."},
    {"key": "peci-songket", "name": "Peci Songket Melayu", "category": "hijab-peci",
     "description": "Peci dengan lapisan kain songket Melayu Deli, untuk pengantin dan acara resmi."},
    {"key": "hijab-motif-ulos", "name": "Hijab Segi Empat Motif Ulos", "category": "hijab-peci",
     "description": "Hijab voal segi empat bermotif ulos, jatuh dan tidak menerawang, 115 x 115 cm."},
    {"key": "jilbab-instan", "name": "Jilbab Instan Jersey", "category": "hijab-peci",
     "description": "Jilbab instan bahan jersey yang adem dan tidak mudah kusut, pet antem di depan."},

    # --- anyaman ------------------------------------------------------------------------------
    {"key": "tas-anyaman-pandan", "name": "Tas Anyaman Pandan", "category": "anyaman",
     "description": "Tas jinjing dari daun pandan yang dianyam tangan oleh pengrajin Serdang Bedagai, "
                    "dilapisi kain di bagian dalam."},
    {"key": "tikar-pandan", "name": "Tikar Pandan Lipat", "category": "anyaman",
     "description": "Tikar anyaman pandan ukuran 2 x 3 meter, bisa dilipat, motif warna alami."},
    {"key": "keranjang-rotan", "name": "Keranjang Rotan Serbaguna", "category": "anyaman",
     "description": "Keranjang rotan anyaman tangan untuk parsel, buah, atau wadah dokumen. "
                    "Kuat dan awet."},
    {"key": "tudung-saji", "name": "Tudung Saji Bambu", "category": "anyaman",
     "description": "Tudung saji anyaman bambu dicat warna, diameter 50 cm, penutup makanan di meja."},
    {"key": "bakul-nasi", "name": "Bakul Nasi Bambu", "category": "anyaman",
     "description": "Bakul nasi dari bilah bambu yang dianyam rapat, lengkap dengan tutup."},

    # --- ukiran-plakat ------------------------------------------------------------------------
    {"key": "plakat-kayu", "name": "Plakat Kayu Ukir Logo Instansi", "category": "ukiran-plakat",
     "description": "Plakat kenang-kenangan dari kayu jati, logo instansi diukir dan tulisan dicetak "
                    "di plat kuningan. Dikemas dalam kotak beludru."},
    {"key": "hiasan-gorga", "name": "Hiasan Dinding Ukiran Gorga", "category": "ukiran-plakat",
     "description": "Ukiran gorga Batak tiga warna di papan kayu, untuk hiasan dinding kantor dan "
                    "rumah. Panjang 60 cm."},
    {"key": "plakat-akrilik", "name": "Plakat Akrilik Penghargaan", "category": "ukiran-plakat",
     "description": "Plakat akrilik bening tebal 5 mm, cetak UV berwarna, dengan kotak. Selesai 3 hari."},
    {"key": "miniatur-rumah-bolon", "name": "Miniatur Rumah Bolon", "category": "ukiran-plakat",
     "description": "Miniatur rumah adat Batak dari kayu, ukiran tangan lengkap dengan gorga. "
                    "Cenderamata untuk tamu daerah."},

    # --- tas-aksesoris ------------------------------------------------------------------------
    {"key": "tas-rajut", "name": "Tas Rajut Tali Kur", "category": "tas-aksesoris",
     "description": "Tas selempang rajutan tangan dari benang tali kur, kuat dan bisa dicuci. Warna "
                    "bisa pesan."},
    {"key": "dompet-ulos", "name": "Dompet Kombinasi Ulos", "category": "tas-aksesoris",
     "description": "Dompet kulit sintetis dengan aksen kain ulos, tiga ruang kartu dan resleting."},
    {"key": "gantungan-kunci-ulos", "name": "Gantungan Kunci Ulos Mini", "category": "tas-aksesoris",
     "description": "Gantungan kunci kain ulos mini untuk suvenir acara. Harga per lusin."},
    {"key": "bros-songket", "name": "Bros Kain Songket", "category": "tas-aksesoris",
     "description": "Bros bunga dari perca songket, peniti kuat, tiap bros dikemas satu per satu."},

    # --- atk ----------------------------------------------------------------------------------
    {"key": "kertas-hvs-a4", "name": "Kertas HVS A4 80 gsm", "category": "atk",
     "description": "Kertas HVS putih ukuran A4 80 gram, 1 rim isi 500 lembar, tidak mudah macet "
                    "di printer."},
    {"key": "kertas-hvs-f4", "name": "Kertas HVS F4 70 gsm", "category": "atk",
     "description": "Kertas HVS ukuran F4 (folio) 70 gram, 1 rim 500 lembar, untuk fotokopi dan "
                    "cetak dokumen."},
    {"key": "map-berkas", "name": "Map Berkas Plastik Kancing", "category": "atk",
     "description": "Map plastik dengan kancing untuk menyimpan berkas ukuran folio, tersedia warna "
                    "biru, merah, hijau. Harga per lusin."},
    {"key": "map-snelhecter", "name": "Map Snelhecter Plastik", "category": "atk",
     "description": "Map snelhecter dengan penjepit besi untuk arsip surat, ukuran folio."},
    {"key": "pulpen-gel", "name": "Pulpen Gel Hitam 0,5 mm", "category": "atk",
     "description": "Pulpen gel tinta hitam, tulisan lancar dan cepat kering. Harga per lusin."},
    {"key": "amplop-cokelat", "name": "Amplop Cokelat Kabinet", "category": "atk",
     "description": "Amplop cokelat ukuran kabinet untuk surat dinas, isi 100 lembar per pak."},
    {"key": "tinta-isi-ulang", "name": "Tinta Isi Ulang Printer", "category": "atk",
     "description": "Tinta isi ulang untuk printer inkjet, warna hitam, 100 ml, dengan jarum suntik."},

    # --- percetakan ---------------------------------------------------------------------------
    {"key": "cetak-spanduk", "name": "Cetak Spanduk Flexi", "category": "percetakan",
     "description": "Pencetakan spanduk dan baliho bahan flexi 280 gram, harga per meter persegi. "
                    "Selesai sehari, bisa antar ke kantor."},
    {"key": "kartu-nama", "name": "Cetak Kartu Nama", "category": "percetakan",
     "description": "Kartu nama art carton 260 gram, cetak dua sisi, isi 100 lembar per kotak."},
    {"key": "stempel-otomatis", "name": "Stempel Warna Otomatis", "category": "percetakan",
     "description": "Stempel flash otomatis untuk kantor dan sekolah, desain bebas, tinta bisa diisi "
                    "ulang."},
    {"key": "kop-surat", "name": "Cetak Kop Surat dan Amplop", "category": "percetakan",
     "description": "Cetak kop surat instansi di kertas HVS 80 gram dan amplop berlogo, minimal "
                    "1 rim."},
    {"key": "buku-yasin", "name": "Cetak Buku Yasin", "category": "percetakan",
     "description": "Buku Yasin dan tahlil untuk takziah, sampul hardcover dengan foto, minimal 100 "
                    "buku."},

    # --- sabun-perawatan ----------------------------------------------------------------------
    {"key": "sabun-cuci-piring", "name": "Sabun Cuci Piring Jeruk Nipis 1 Liter", "category": "sabun-perawatan",
     "description": "Sabun cuci piring cair buatan UMKM, ampuh mengangkat lemak dan lembut di tangan. "
                    "Kemasan jeriken untuk dapur kantor."},
    {"key": "deterjen-cair", "name": "Deterjen Cair Pewangi Pakaian", "category": "sabun-perawatan",
     "description": "Sabun cuci pakaian cair dengan pewangi tahan lama, bisa untuk mesin cuci. "
                    "Kemasan 5 liter."},
    {"key": "pembersih-lantai", "name": "Cairan Pembersih Lantai Sereh", "category": "sabun-perawatan",
     "description": "Cairan untuk membersihkan lantai keramik dan marmer, wangi sereh, mengusir "
                    "lalat. Kemasan 1 liter."},
    {"key": "sabun-mandi-sereh", "name": "Sabun Mandi Batang Sereh Madu", "category": "sabun-perawatan",
     "description": "Sabun mandi olahan tangan dari minyak kelapa, madu dan sereh. Kulit terasa bersih "
                    "dan segar tanpa terasa kering."},
    {"key": "pengharum-ruangan", "name": "Pengharum Ruangan Gel Melati", "category": "sabun-perawatan",
     "description": "Pengharum ruangan bentuk gel aroma melati, tahan sebulan, untuk ruang rapat dan "
                    "toilet kantor."},
    {"key": "minyak-kemiri", "name": "Minyak Kemiri Rambut", "category": "sabun-perawatan",
     "description": "Minyak kemiri murni untuk perawatan rambut, dibuat dari kemiri sangrai. Botol 100 ml."},

    # --- jamu-herbal --------------------------------------------------------------------------
    {"key": "jamu-beras-kencur", "name": "Jamu Beras Kencur Botol", "category": "jamu-herbal",
     "description": "Jamu beras kencur segar tanpa pengawet, diminum dingin. Botol 250 ml, simpan di "
                    "kulkas."},
    {"key": "jahe-merah-instan", "name": "Jahe Merah Instan", "category": "jamu-herbal",
     "description": "Minuman serbuk jahe merah dengan gula aren untuk menghangatkan badan. Toples 500 g."},
    {"key": "madu-hutan", "name": "Madu Hutan Sumatera 500 g", "category": "jamu-herbal",
     "description": "Madu hutan asli dari lebah liar di hutan Langkat, dipanen dan disaring tanpa "
                    "pemanasan. Kemasan botol kaca."},
    {"key": "teh-daun-kelor", "name": "Teh Daun Kelor Celup", "category": "jamu-herbal",
     "description": "Teh celup daun kelor kering, dikeringkan tanpa sinar matahari langsung. Isi 20 "
                    "kantong."},
    {"key": "minyak-urut-sereh", "name": "Minyak Urut Sereh Wangi", "category": "jamu-herbal",
     "description": "Minyak urut dari sereh wangi dan jahe, menghangatkan badan yang pegal."},

    # --- kopi-biji ----------------------------------------------------------------------------
    {"key": "kopi-sidikalang", "name": "Kopi Sidikalang Robusta Bubuk 250 g", "category": "kopi-biji",
     "description": "Kopi bubuk robusta dari petani Sidikalang, Dairi. Disangrai medium lalu digiling "
                    "halus. Kemasan kedap udara dengan katup."},
    {"key": "kopi-lintong", "name": "Kopi Arabika Lintong Biji Sangrai", "category": "kopi-biji",
     "description": "Biji kopi arabika Lintong Nihuta, sangrai medium, rasa cokelat dan rempah. "
                    "Kemasan 500 g."},
    {"key": "kopi-mandailing", "name": "Kopi Arabika Mandailing Bubuk", "category": "kopi-biji",
     "description": "Kopi arabika Mandailing giling sedang untuk tubruk dan V60. Kemasan 200 g."},
    {"key": "kopi-karo-green", "name": "Biji Kopi Mentah Karo", "category": "kopi-biji",
     "description": "Green bean arabika dataran tinggi Karo, proses semi-wash, untuk penyangrai "
                    "rumahan. Karung 5 kg."},

    # --- rempah -------------------------------------------------------------------------------
    {"key": "andaliman-kering", "name": "Andaliman Kering 100 g", "category": "rempah",
     "description": "Merica Batak pilihan dari Humbang Hasundutan, dikeringkan alami. Untuk arsik, "
                    "sambal, dan saksang."},
    {"key": "kayu-manis", "name": "Kayu Manis Batang", "category": "rempah",
     "description": "Kayu manis Kerinci batang panjang, harum dan manis. Kemasan 250 g."},
    {"key": "kemiri-kupas", "name": "Kemiri Kupas 1 kg", "category": "rempah",
     "description": "Kemiri utuh sudah dikupas, bersih dari kulit, untuk bumbu dapur dan usaha katering."},
    {"key": "bumbu-arsik", "name": "Bumbu Arsik Instan", "category": "rempah",
     "description": "Bumbu arsik ikan mas siap pakai berisi andaliman, kecombrang, dan kunyit. "
                    "Cukup untuk 1 kg ikan."},

    # --- buah ---------------------------------------------------------------------------------
    {"key": "markisa-ungu", "name": "Buah Markisa Ungu Berastagi 1 kg", "category": "buah",
     "description": "Markisa ungu segar dipetik dari kebun di Berastagi, asam manis, cocok dibuat jus."},
    {"key": "jeruk-berastagi", "name": "Jeruk Manis Berastagi", "category": "buah",
     "description": "Jeruk manis Karo kulit tipis, banyak air. Dijual per kilogram, dikirim dalam "
                    "keranjang."},
    {"key": "salak-sidempuan", "name": "Salak Sidempuan 1 kg", "category": "buah",
     "description": "Salak Padang Sidempuan daging merah, manis sepat, segar dari kebun."},
    {"key": "durian-kupas", "name": "Durian Medan Kupas", "category": "buah",
     "description": "Daging durian Medan tanpa kulit, dikemas kotak styrofoam dan disegel. Bisa "
                    "dibekukan."},

    # --- sablon-jahit -------------------------------------------------------------------------
    {"key": "jasa-sablon-kaos", "name": "Jasa Sablon Kaos", "category": "sablon-jahit",
     "description": "Sablon plastisol dan DTF untuk kaos acara, minimal 24 potong, desain dibantu."},
    {"key": "jahit-seragam", "name": "Jasa Jahit Seragam Kantor", "category": "sablon-jahit",
     "description": "Penjahit seragam kantor dan sekolah, ukur di tempat, jahitan rapi, selesai "
                    "dua minggu."},
    {"key": "bordir-logo", "name": "Jasa Bordir Logo Komputer", "category": "sablon-jahit",
     "description": "Bordir logo dan nama di kemeja, topi, dan tas dengan mesin bordir komputer."},
    {"key": "permak-pakaian", "name": "Permak Pakaian dan Vermak Jeans", "category": "sablon-jahit",
     "description": "Potong celana, ganti resleting, kecilkan kemeja. Selesai satu hari."},

    # --- dekorasi -----------------------------------------------------------------------------
    {"key": "dekorasi-panggung", "name": "Dekorasi Panggung Acara", "category": "dekorasi",
     "description": "Dekorasi panggung dan backdrop untuk acara dinas, seminar, dan pelantikan, "
                    "termasuk bunga dan karpet."},
    {"key": "papan-bunga", "name": "Papan Bunga Ucapan", "category": "dekorasi",
     "description": "Papan bunga ucapan selamat atau duka cita ukuran 2 x 1,25 meter, diantar "
                    "dalam kota Medan."},
    {"key": "rangkaian-bunga-meja", "name": "Rangkaian Bunga Meja", "category": "dekorasi",
     "description": "Rangkaian bunga segar untuk meja rapat dan meja tamu, dalam vas keramik."},
    {"key": "dekorasi-balon", "name": "Dekorasi Balon Gapura", "category": "dekorasi",
     "description": "Gapura balon untuk pembukaan acara, warna sesuai permintaan, dipasang di lokasi."},
]

QUERIES = [
    # single common words
    ("kopi", ["kopi-sidikalang", "kopi-mandailing"]),
    ("sirup", ["sirup-markisa", "sirup-terong-belanda", "sirup-kurma"]),
    ("ulos", ["ulos-ragidup", "ulos-sadum"]),
    ("songket", ["songket-melayu-deli", "selendang-songket"]),
    ("batik", ["blus-batik-wanita", "kemeja-batik-pria"]),
    ("keripik", ["keripik-pisang-manis", "keripik-ubi-pedas"]),
    ("sambal", ["sambal-andaliman", "sambal-terasi"]),
    ("plakat", ["plakat-kayu", "plakat-akrilik"]),
    ("dekorasi", ["dekorasi-panggung", "dekorasi-balon"]),
    ("peci", ["peci-hitam", "peci-songket"]),
    ("markisa", ["sirup-markisa", "markisa-ungu", "sari-markisa"]),
    # rare words
    ("andaliman", ["sambal-andaliman", "andaliman-kering"]),
    ("snelhecter", ["map-snelhecter"]),
    ("sihobuk", ["kacang-sihobuk"]),
    ("gorga", ["batik-cap-gorga", "hiasan-gorga"]),
    ("kelor", ["teh-daun-kelor"]),
    ("berkas", ["map-berkas"]),
    ("yasin", ["buku-yasin"]),
    ("tembakau", ["batik-tulis-tembakau"]),
    # two-word queries
    ("kopi sidikalang", ["kopi-sidikalang"]),
    ("bika ambon", ["bika-ambon-pandan", "bika-ambon-durian"]),
    ("keripik pisang", ["keripik-pisang-manis", "keripik-pisang-balado"]),
    ("teri medan", ["teri-medan-kacang", "teri-medan-mentah"]),
    ("nasi kotak", ["nasi-kotak-ayam-bakar", "nasi-kotak-rendang"]),
    ("snack box", ["snack-box-rapat", "snack-box-premium"]),
    ("kertas hvs", ["kertas-hvs-a4", "kertas-hvs-f4"]),
    ("sabun cuci", ["sabun-cuci-piring", "deterjen-cair"]),
    ("kemeja batik", ["kemeja-batik-pria"]),
    ("dodol durian", ["dodol-durian"]),
    ("tas rajut", ["tas-rajut"]),
    ("jahe merah", ["jahe-merah-instan"]),
    ("durian medan", ["durian-kupas", "dodol-durian"]),
    ("bolu meranti", ["bolu-meranti-keju", "bolu-meranti-moka"]),
    ("kain songket", ["songket-melayu-deli"]),
    # affixed query, base form in the product text (and the other way round)
    ("pembersih", ["pembersih-lantai", "sabun-mandi-sereh"]),
    ("membersihkan lantai", ["pembersih-lantai"]),
    ("rajutan", ["tas-rajut"]),
    ("anyaman pandan", ["tas-anyaman-pandan", "tikar-pandan"]),
    ("tenunan ulos", ["ulos-ragidup", "ulos-sadum"]),
    ("ukiran kayu", ["plakat-kayu", "hiasan-gorga", "miniatur-rumah-bolon"]),
    ("olahan ikan", ["abon-ikan-tongkol"]),
    ("pengharum", ["pengharum-ruangan"]),
    ("bersih", ["pembersih-lantai"]),
    ("rajut", ["tas-rajut"]),
    ("anyam bambu", ["tudung-saji", "bakul-nasi"]),
    ("menjahit seragam", ["jahit-seragam"]),
    ("cetakan spanduk", ["cetak-spanduk"]),
    ("minuman markisa", ["sari-markisa", "sirup-markisa"]),
    ("kemasan vakum", ["teri-medan-mentah", "rendang-daging", "pempek-kapal-selam"]),
    ("dikeringkan", ["teh-daun-kelor", "andaliman-kering"]),
    # prefixes, as typed
    ("kop", ["kopi-sidikalang"]),
    ("bika amb", ["bika-ambon-pandan", "bika-ambon-durian"]),
    ("sir", ["sirup-markisa"]),
    ("andal", ["andaliman-kering", "sambal-andaliman"]),
    ("kertas hv", ["kertas-hvs-a4"]),
    # category-ish words
    ("makanan beku", ["dimsum-ayam", "bakso-ikan"]),
    ("alat tulis kantor", ["pulpen-gel"]),
    ("jamu", ["jamu-beras-kencur"]),
    ("bumbu rempah", ["bumbu-arsik", "kemiri-kupas"]),
    ("kue rapat", ["snack-box-rapat", "paket-gorengan"]),
    # mixed case and punctuation
    ("Kopi, Sidikalang!", ["kopi-sidikalang"]),
    ("BIKA-AMBON", ["bika-ambon-pandan", "bika-ambon-durian"]),
    ('"Sambal" (Andaliman)', ["sambal-andaliman"]),
    ("Ulos*", ["ulos-ragidup", "ulos-sadum"]),
]

TYPO_QUERIES = [
    ("bikaa ambon", ["bika-ambon-pandan", "bika-ambon-durian"]),
    ("songkte", ["songket-melayu-deli", "selendang-songket"]),
    ("markisq", ["sirup-markisa", "markisa-ungu"]),
    ("sidikalamg", ["kopi-sidikalang"]),
    ("andalimam", ["sambal-andaliman", "andaliman-kering"]),
    ("snelhectr", ["map-snelhecter"]),
    ("dimsun", ["dimsum-ayam"]),
    ("rempeyak", ["rempeyek-kacang"]),
]
