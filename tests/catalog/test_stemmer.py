"""The search stemmer: word -> stem pairs, tokens() on hostile input, and properties of stem()."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storefront.catalog.stemmer import MAX_TOKEN, index_terms, normalize, stem, tokens

STEMS = [
    # meN- / peN- with the usual recoding
    ("menyapu", "sapu"), ("memukul", "pukul"), ("menulis", "tulis"), ("mengirim", "kirim"),
    ("pemotong", "potong"), ("pengering", "kering"), ("pendingin", "dingin"), ("penyulam", "sulam"),
    ("penulis", "tulis"), ("pembersih", "bersih"), ("membersihkan", "bersih"), ("menggoreng", "goreng"),
    ("pengharum", "harum"), ("penjahit", "jahit"), ("mencuci", "cuci"), ("pewarna", "warna"),
    ("pengawet", "awet"), ("pemanis", "manis"), ("memasak", "masak"), ("mengolah", "olah"),
    ("pengolahan", "olah"), ("pengiriman", "kirim"), ("pemesanan", "pesan"), ("mengeringkan", "kering"),
    ("pengeringan", "kering"), ("mengemas", "kemas"), ("mengepel", "pel"), ("pengecatan", "cat"),
    ("memakai", "pakai"), ("memperbaiki", "baik"), ("menyablon", "sablon"),
    # -an nouns: the base word and the affixed form meet
    ("minuman", "minum"), ("makanan", "makan"), ("anyaman", "anyam"), ("rajutan", "rajut"),
    ("olahan", "olah"), ("tenunan", "tenun"), ("sulaman", "sulam"), ("manisan", "manis"),
    ("asinan", "asin"), ("gorengan", "goreng"), ("kemasan", "kemas"), ("ukiran", "ukir"),
    ("jahitan", "jahit"), ("masakan", "masak"), ("cetakan", "cetak"), ("pakaian", "pakai"),
    # ke-...-an, per-, ber-, ter-, di- (with their confixes)
    ("kebersihan", "bersih"), ("kerajinan", "rajin"), ("kesehatan", "sehat"), ("kecantikan", "cantik"),
    ("percetakan", "cetak"), ("perawatan", "rawat"), ("peralatan", "alat"), ("perlengkapan", "lengkap"),
    ("perabotan", "perabot"), ("berwarna", "warna"), ("berbahan", "bahan"), ("berisi", "isi"),
    ("bekerja", "kerja"), ("belajar", "ajar"), ("terbuat", "buat"), ("tersedia", "sedia"),
    ("dibuat", "buat"), ("dikemas", "kemas"), ("diolah", "olah"), ("dimakan", "makan"),
    ("dipakai", "pakai"), ("disangrai", "sangrai"), ("dilengkapi", "lengkap"), ("dibersihkan", "bersih"),
    ("dikeringkan", "kering"), ("didinginkan", "dingin"), ("bersihkan", "bersih"), ("dinginkan", "dingin"),
    # possessives and particles
    ("rasanya", "rasa"), ("kopinya", "kopi"), ("kemasannya", "kemas"), ("beratnya", "berat"),
    ("sepatunya", "sepatu"), ("bajuku", "baju"), ("pesanlah", "pesan"), ("bukankah", "bukan"),
    ("siapapun", "siapa"),
    # base words that look affixed and must stay whole
    ("bersih", "bersih"), ("kering", "kering"), ("dingin", "dingin"), ("beras", "beras"),
    ("berkas", "berkas"), ("berat", "berat"), ("kemas", "kemas"), ("kecap", "kecap"),
    ("keripik", "keripik"), ("kerupuk", "kerupuk"), ("kemeja", "kemeja"), ("kelapa", "kelapa"),
    ("kemiri", "kemiri"), ("kertas", "kertas"), ("sepatu", "sepatu"), ("selai", "selai"),
    ("selendang", "selendang"), ("seragam", "seragam"), ("pempek", "pempek"), ("perabot", "perabot"),
    ("terasi", "terasi"), ("terigu", "terigu"), ("terong", "terong"), ("durian", "durian"),
    ("andaliman", "andaliman"), ("santan", "santan"), ("dinding", "dinding"), ("diskon", "diskon"),
    ("dimsum", "dimsum"), ("medan", "medan"), ("merah", "merah"), ("meter", "meter"),
    ("mentega", "mentega"), ("makan", "makan"), ("ikan", "ikan"), ("jalan", "jalan"),
    ("pakai", "pakai"), ("lantai", "lantai"), ("ringan", "ringan"), ("markisa", "markisa"),
    ("songket", "songket"), ("sidikalang", "sidikalang"), ("tenun", "tenun"), ("kain", "kain"),
    ("batik", "batik"), ("tas", "tas"), ("kue", "kue"), ("bika", "bika"), ("bolu", "bolu"),
    ("teri", "teri"), ("roti", "roti"), ("kopi", "kopi"), ("jahe", "jahe"), ("madu", "madu"),
    ("dodol", "dodol"), ("sirup", "sirup"), ("jamu", "jamu"), ("beku", "beku"), ("pisang", "pisang"),
    # not plain words: left alone
    ("a4", "a4"), ("80gsm", "80gsm"), ("620", "620"), ("", ""),
]


def test_the_table_is_big_and_has_no_contradictions():
    assert len(STEMS) >= 60
    words = [word for word, _ in STEMS]
    assert len(words) == len(set(words))


@pytest.mark.parametrize(("word", "expected"), STEMS)
def test_stem(word, expected):
    assert stem(word) == expected


@pytest.mark.parametrize("family", [
    ["bersih", "pembersih", "membersihkan", "kebersihan", "dibersihkan", "bersihkan"],
    ["kering", "pengering", "dikeringkan", "mengeringkan", "pengeringan"],
    ["kemas", "kemasan", "dikemas", "mengemas", "kemasannya"],
    ["tenun", "tenunan", "ditenun", "penenun"],
    ["olah", "olahan", "diolah", "mengolah", "pengolahan"],
    ["jahit", "jahitan", "dijahit", "penjahit", "menjahit"],
    ["cetak", "cetakan", "dicetak", "percetakan", "pencetakan"],
])
def test_a_base_word_and_its_affixed_forms_meet(family):
    assert {stem(word) for word in family} == {family[0]}


def test_index_terms_add_the_stem_after_each_word_that_has_one():
    assert index_terms("Pembersih lantai") == "pembersih bersih lantai"
    assert index_terms("Kopi Sidikalang, kemasan 250 g") == "kopi sidikalang kemasan kemas 250 g"
    assert index_terms("") == ""


def test_normalize():
    assert normalize("KAFÉ") == "kafe"
    assert normalize("ko\x00pi\x07 su\u200bsu") == "kopi susu"  # NUL, BEL, zero-width space
    assert normalize("ＫＯＰＩ ﬁlter") == "kopi filter"  # full-width letters and a ligature
    assert normalize("İstana") == "istana"  # the dotted capital I leaves no combining dot


@pytest.mark.parametrize(("text", "expected"), [
    ('"kopi" \'sidikalang\'', ["kopi", "sidikalang"]),
    ("kop*", ["kop"]),
    ("NEAR(kopi sidikalang, 2)", ["near", "kopi", "sidikalang", "2"]),
    ("kopi OR teh AND NOT susu", ["kopi", "or", "teh", "and", "not", "susu"]),
    ("bika-ambon -durian", ["bika", "ambon", "durian"]),
    ("[kopi] {teh} (susu) <b>madu</b>", ["kopi", "teh", "susu", "b", "madu", "b"]),
    ("name_terms:kopi ^teh", ["name", "terms", "kopi", "teh"]),
    ("ko\x00pi", ["kopi"]),
    ("kopi☕ enak😋👍🏽", ["kopi", "enak"]),
    ("Kafé Crème brûlée", ["kafe", "creme", "brulee"]),
    ("Kopi, Sidikalang!", ["kopi", "sidikalang"]),
    ("", []),
    ("   \t\n ", []),
    ("'; DROP TABLE product;--", ["drop", "table", "product"]),
    ("x" * 41 + " kopi " + "y" * 40, ["kopi", "y" * MAX_TOKEN]),
])
def test_tokens_on_hostile_input(text, expected):
    assert tokens(text) == expected


def test_tokens_on_ten_thousand_characters():
    long_word = "a" * 10_000
    assert tokens(long_word) == []
    many = ("kopi " * 2_000)[:10_000]
    assert len(many) == 10_000
    assert tokens(many) == ["kopi"] * 2_000
    assert tokens(many, limit=8) == ["kopi"] * 8


def test_tokens_limit():
    assert tokens("a b c d", limit=2) == ["a", "b"]
    assert tokens("a b c d", limit=0) == []
    assert tokens("a b c d", limit=None) == ["a", "b", "c", "d"]


@given(st.text(max_size=200), st.one_of(st.none(), st.integers(min_value=0, max_value=10)))
def test_tokens_are_always_short_plain_words(text, limit):
    found = tokens(text, limit=limit)
    assert all(re.fullmatch(r"[a-z0-9]{1,40}", token) for token in found)
    assert limit is None or len(found) <= limit


_AFFIXED = st.builds(
    lambda prefix, middle, suffix: prefix + middle + suffix,
    st.sampled_from(["", "di", "ke", "se", "ter", "ber", "be", "bel", "per", "pe", "me", "mem", "men",
                     "meng", "meny", "menge", "pem", "pen", "peng", "peny", "penge", "memper", "diper"]),
    st.from_regex(r"[a-z]{0,8}", fullmatch=True),
    st.sampled_from(["", "i", "an", "kan", "ku", "mu", "nya", "lah", "kah", "tah", "pun", "kannya",
                     "annya", "inyalah"]),
)


@settings(max_examples=500)
@given(st.one_of(_AFFIXED, st.from_regex(r"[a-z0-9]{1,40}", fullmatch=True), st.text(max_size=50)))
def test_stem_never_fails_never_empties_never_grows(word):
    result = stem(word)
    assert isinstance(result, str)
    assert len(result) <= len(word)
    if word:
        assert result
    if re.fullmatch(r"[a-z]+", word):
        assert re.fullmatch(r"[a-z]+", result)
