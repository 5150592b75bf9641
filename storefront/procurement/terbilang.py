"""Amounts in Indonesian words, as a Surat Pesanan and a BAST write them ("terbilang").

    terbilang(1_250_000) == "satu juta dua ratus lima puluh ribu rupiah"
"""
from __future__ import annotations

_ONES = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"]
_SCALES = [(10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu")]


def words(number: int) -> str:
    """A whole number from 0 to below 10^15 in words: "seribu", "seratus", "sebelas"."""
    if number < 0:
        return "minus " + words(-number)
    if number >= 10**15:
        raise ValueError("too large to write in words")
    return _words(number) or "nol"


def _words(n: int) -> str:
    if n < 12:
        return _ONES[n]
    if n < 20:
        return f"{_ONES[n - 10]} belas"
    if n < 100:
        return _join(f"{_ONES[n // 10]} puluh", _words(n % 10))
    if n < 1000:
        head = "seratus" if n // 100 == 1 else f"{_ONES[n // 100]} ratus"
        return _join(head, _words(n % 100))
    for size, name in _SCALES:
        if n >= size:
            count = n // size
            head = "seribu" if size == 1000 and count == 1 else f"{_words(count)} {name}"
            return _join(head, _words(n % size))
    raise AssertionError(n)


def _join(head: str, tail: str) -> str:
    return f"{head} {tail}" if tail else head


def terbilang(amount: int) -> str:
    """Rupiah in words, lower case: the documents capitalise as they need."""
    return f"{words(int(amount))} rupiah"
