"""Indonesian affix stripping for product search, dependency-free and dictionary-free.

Written from scratch in the spirit of Nazief-Adriani's confix stripping. Those stemmers check every
step against a root dictionary; we have none, so each way of reading a word is scored instead:
 * guards stop a strip that leaves too little: a piece stripped off must leave at least 3 letters
   and two syllables, because Indonesian roots are mostly two syllables long (what a prefix
   leaves must also start like a word). That alone keeps bersih, berkas, kering, kecap,
   kemas(an), pempek, merah, kertas, dingin and makan whole;
 * the confix rules forbid pairs that never occur (me-/di-/ter- with -an, ke- with -kan, ...);
 * of the readings left, the one with the fewest syllables wins, then the one with more affixes.
The same function stems the indexed text and the query, so being consistent (a base word and its
affixed forms reach one stem) matters more than being linguistically right.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MAX_TOKEN = 40  # longer "words" are pasted junk (hashes, URLs) and never a search term
_WORD = re.compile(r"[a-z0-9]+")
_VOWELS = frozenset("aeiou")

# Words of this catalog's domain that look affixed, or whose affixed forms the rules would read the
# wrong way. A reading that reaches one of them wins; the word itself is never stripped further.
ROOTS = frozenset({
    "bersih", "olah",         # bersihkan is not ber- + sihkan, diolah not dio + -lah
    "terasi", "terigu",       # sambal terasi, tepung terigu: not ter- + asi / igu
    "durian", "andaliman",    # not duri + -an, andalim + -an
    "perabot",                # not pe- + rabot
    "alat",                   # peralatan = per- + alat + -an (per- before a vowel is usually pe- + r...)
    "manis", "masak",         # pemanis, memasak: me-/pe- + m..., not the usual m -> p recoding
    "cat", "cek", "bor", "las", "lap", "pel",  # one-syllable roots behind menge-/penge- (mengepel)
})

# Strings a root may start with: a vowel, consonant + vowel, or these clusters. "ke" + "rtas"
# (kertas), "di" + "nding" (dinding), "di" + "skon" (diskon) and "di" + "ngin" (dingin) are
# therefore no prefix (roots starting with ng- are rare; meng- and peng- take the ng themselves).
_ONSETS = frozenset({"ny", "sy", "kh"} | {c + l for c in "bcdfgkpst" for l in "rl"})

# Derivational suffixes each prefix never combines with (Nazief-Adriani's disallowed confixes),
# plus -i, which is stripped only after a prefix: alone it ends too many roots (kopi, roti, beli).
_FORBIDDEN = {"ber": {"i"}, "di": {"an"}, "ke": {"i", "kan", None}, "me": {"an"},
              "ter": {"an"}, "pe": {"kan", "i"}, None: {"i"}}
# ke- is only read as the ke-...-an confix (kebersihan, kerajinan); as a plain prefix it would
# eat kelapa, kemiri, kecil, kemeja, keripik, kerupuk. se- is not stripped at all: in this catalog
# it begins more roots (sepatu, seragam, selai, selendang, semangka, selimut, segar, sehat) than
# derived words, and the derived ones (selusin, sekotak, selengkapnya) are not search terms.


def normalize(text: str) -> str:
    """Lowercase, decompose (NFKD) and drop combining marks, control and format characters."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed
                   if not unicodedata.combining(ch) and unicodedata.category(ch) not in ("Cc", "Cf"))


def tokens(text: str, limit: int | None = None) -> list[str]:
    """The normalized words of `text`, in order; anything but [a-z0-9] separates them."""
    out: list[str] = []
    if limit is not None and limit <= 0:
        return out
    for match in _WORD.finditer(normalize(text)):
        if len(match.group()) <= MAX_TOKEN:
            out.append(match.group())
            if limit is not None and len(out) >= limit:
                break
    return out


def _syllables(word: str) -> int:
    """Vowels counted one each, except a closing diphthong (-ai, -au, -oi: serai, pulau)."""
    count = sum(ch in _VOWELS for ch in word)
    return count - 1 if word[-2:] in ("ai", "au", "oi") and count > 1 else count


def _root_like(rest: str, min_syllables: int = 2, after_prefix: bool = False) -> bool:
    """Could `rest` be what is left of a word after an affix is stripped off?"""
    if len(rest) < 3 or _syllables(rest) < min_syllables:
        return False
    return not after_prefix or rest[0] in _VOWELS or rest[1] in _VOWELS or rest[:2] in _ONSETS


def _suffix_splits(word: str):
    """(body, derivational suffix or None, number of suffixes stripped), likeliest first.

    A word is root + derivational (-kan, -an, -i) + possessive (-ku, -mu, -nya) + particle
    (-lah, -kah, -tah, -pun), peeled from the right in that order. Particles and possessives are
    tried stripped first (beratnya is berat + -nya, not ber- + atnya); a derivational ending
    unstripped first (dimakan, berbahan are di- + makan, ber- + bahan)."""
    for part in ("lah", "kah", "tah", "pun", None):
        w1 = word if part is None else word[: -len(part)]
        if part and (not word.endswith(part) or not _root_like(w1)):
            continue
        for poss in ("nya", "ku", "mu", None):
            w2 = w1 if poss is None else w1[: -len(poss)]
            if poss and (not w1.endswith(poss) or not _root_like(w2)):
                continue
            n = (part is not None) + (poss is not None)
            yield w2, None, n
            for deriv in ("an", "kan", "i"):  # -an before -kan: masakan is masak + -an
                body = w2[: -len(deriv)]
                if not w2.endswith(deriv) or not _root_like(body):
                    continue
                if deriv == "an" and body[-1] == "k" and body[-2] not in _VOWELS:
                    continue  # "bersihk" is no root: bersihkan takes -kan
                if deriv == "i" and body[-1] == "a":
                    continue  # dipakai, disangrai end in a root's -ai (diwarnai loses out)
                yield body, deriv, n + 1


def _prefix_readings(w: str) -> list[tuple[str, str, bool]]:
    """(kind, rest, one_syllable_ok) for each way to strip one prefix off `w`, likeliest first."""
    out = []
    for kind in ("di", "ke", "ter"):
        if w.startswith(kind):
            out.append((kind, w[len(kind):], False))
    if w.startswith("belajar"):
        out.append(("ber", w[3:], False))
    if w.startswith("ber"):  # ber- + vowel: berisi (isi) more often than beragam (ragam)
        out += [("ber", w[3:], False), ("ber", "r" + w[3:], False)]
    elif w.startswith("be") and len(w) > 4 and w[2] not in _VOWELS and w[3:5] == "er":
        out.append(("ber", w[2:], False))  # bekerja, beternak
    if w.startswith("per"):  # per- + vowel is mostly pe- + an r-root: perawatan, perajin
        out += [("per", "r" + w[3:], False), ("per", w[3:], False)]
    if w[:2] in ("me", "pe"):
        kind, r = w[:2], w[2:]
        if r.startswith("nge") and r[3:] in ROOTS:
            out.append((kind, r[3:], True))            # mengecat, pengepel: listed roots only
        if r.startswith("ng") and r[2:3] in _VOWELS:   # meng- + vowel: the root lost a k, or not
            k_root, bare = (kind, "k" + r[2:], False), (kind, r[2:], False)
            out += [k_root, bare] if r[2] in "ei" else [bare, k_root]  # kering, kirim; olah, ukir
        elif r.startswith("ng") and (r[2:3] in ("g", "h") or r[2:4] == "kh"):
            out.append((kind, r[2:], False))           # menggoreng, pengharum
        elif r.startswith("ny") and r[2:3] in _VOWELS:
            out += [(kind, "s" + r[2:], False), (kind, r, False)]   # menyapu -> sapu
        elif r.startswith("m") and r[1:2] in _VOWELS:
            out += [(kind, "p" + r[1:], False), (kind, r, False)]   # memukul -> pukul
        elif r.startswith("m") and (r[1:2] in ("b", "f", "v") or r[1:3] in ("pr", "pl", "pe")):
            out.append((kind, r[1:], False))           # membuat, memproduksi, memperbaiki
        elif r.startswith("n") and r[1:2] in _VOWELS:
            out += [(kind, "t" + r[1:], False), (kind, r, False)]   # menulis -> tulis
        elif r.startswith("n") and (r[1:2] in ("c", "d", "j", "z") or r[1:3] == "tr"):
            out.append((kind, r[1:], False))           # mencuci, pendingin, penjahit
        elif r[:1] in ("l", "r", "w", "y"):
            out.append((kind, r, False))               # melukis, pewarna
    return out


def _prefix_paths(word: str, depth: int = 0, used: frozenset = frozenset()):
    """(stem, outermost prefix kind, number of prefixes) for up to three stacked prefixes."""
    for kind, rest, one_ok in _prefix_readings(word):
        if kind in used or (kind == "ke" and depth) or not _root_like(rest, 1 if one_ok else 2, True):
            continue
        yield rest, kind, 1
        if depth < 2 and rest not in ROOTS:
            for stem, _, n in _prefix_paths(rest, depth + 1, used | {kind}):
                yield stem, kind, n + 1


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of one normalized token; anything that is not a plain [a-z] word comes back as is."""
    if len(word) < 5 or word in ROOTS or not word.isascii() or not word.isalpha() or not word.islower():
        return word
    best, best_key = word, (True, _syllables(word), 0, True, 0)
    order = 0
    for body, deriv, n_suffix in _suffix_splits(word):
        readings = [(body, None, 0)] + list(_prefix_paths(body))
        for candidate, outer, n_prefix in readings:
            order += 1
            if deriv in _FORBIDDEN.get(outer, ()):
                continue
            # Ties go to a prefix paired with a suffix (mem-bersih-kan, not mem-ber-sihkan).
            confix = n_prefix > 0 and deriv is not None
            key = (candidate not in ROOTS, _syllables(candidate), -(n_suffix + n_prefix), not confix, order)
            if key < best_key:
                best, best_key = candidate, key
    return best


def index_terms(text: str) -> str:
    """Space-joined search terms: each token, followed by its stem when that differs."""
    out: list[str] = []
    for token in tokens(text):
        out.append(token)
        root = stem(token)
        if root != token:
            out.append(root)
    return " ".join(out)
