"""Amounts in words, as an Indonesian official writes them on a Surat Pesanan or a BAST."""
import pytest

from storefront.procurement.terbilang import terbilang, words


@pytest.mark.parametrize("number, text", [
    (0, "nol"), (1, "satu"), (10, "sepuluh"), (11, "sebelas"), (12, "dua belas"), (19, "sembilan belas"),
    (20, "dua puluh"), (21, "dua puluh satu"), (100, "seratus"), (101, "seratus satu"),
    (111, "seratus sebelas"), (250, "dua ratus lima puluh"), (1000, "seribu"), (1001, "seribu satu"),
    (1100, "seribu seratus"), (2000, "dua ribu"), (11000, "sebelas ribu"), (100000, "seratus ribu"),
    (101000, "seratus satu ribu"), (1_000_000, "satu juta"), (1_250_000, "satu juta dua ratus lima puluh ribu"),
    (1_000_000_000, "satu miliar"), (2_000_000_000_000, "dua triliun"),
    (987_654_321, "sembilan ratus delapan puluh tujuh juta enam ratus lima puluh empat ribu tiga ratus dua puluh satu"),
])
def test_numbers_in_words(number, text):
    assert words(number) == text


def test_rupiah_and_limits():
    assert terbilang(75_000) == "tujuh puluh lima ribu rupiah"
    assert words(-5) == "minus lima"
    with pytest.raises(ValueError):
        words(10**15)
