"""Languages and formats: the English catalog is complete, and Indonesian money and dates read right.

The UI is written in Bahasa Indonesia (the msgids); English comes from translations/en. The
language is the `bahasa` cookie, set by GET /bahasa/<code>?next=...
"""
from __future__ import annotations

import os
import re
from collections import Counter
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from storefront.accounts.roles import Role
from storefront.config import PROJECT_ROOT, from_environment
from storefront.i18n import date_time, long_date, rupiah

EN_CATALOG = PROJECT_ROOT / "translations" / "en" / "LC_MESSAGES" / "messages.po"
SOURCE_DIRS = ("storefront", "templates")
# Our code marks strings with _() and gettext() (Babel's defaults) and _l() / lazy_gettext().
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
# %(name)s, %(n)d, %s, %% ... : what Python's % operator (and Jinja's gettext) fills in.
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[#0 +\-]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[diouxXeEfFgGcrsa%]")


@pytest.fixture
def app_config(app_config):
    # The city's zone, whatever ETALASE_TIMEZONE says on this machine (its default is tested below).
    return {**app_config, "BABEL_DEFAULT_TIMEZONE": "Asia/Jakarta"}


# --- the catalog ---------------------------------------------------------------------------------

def _source_directories(dirpath: str) -> bool:
    """Walk only storefront/ and templates/. Unlike Babel's default, keep `_macros/` and the like."""
    relative = os.path.relpath(dirpath, PROJECT_ROOT)
    name = os.path.basename(dirpath)
    return (relative.split(os.sep)[0] in SOURCE_DIRS
            and not name.startswith(".") and name != "__pycache__")


def extract_source_messages() -> dict[str, list[str]]:
    """Every msgid in the source (as babel.cfg says to read it), with the files it comes from."""
    with (PROJECT_ROOT / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg, "babel.cfg")
    found: dict[str, list[str]] = {}
    for filename, _lineno, message, _comments, _context in extract_from_dir(
            str(PROJECT_ROOT), method_map, options_map, keywords=KEYWORDS,
            directory_filter=_source_directories):
        for msgid in message if isinstance(message, tuple) else (message,):
            if msgid:
                found.setdefault(msgid, []).append(filename)
    return found


def read_en_catalog():
    with EN_CATALOG.open("rb") as po_file:
        return read_po(po_file, locale="en")


def placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text))


def test_extraction_sees_python_templates_and_macros():
    """Guards the completeness test below against passing because it extracted nothing."""
    messages = extract_source_messages()
    assert len(messages) > 100
    files = {name for names in messages.values() for name in names}
    assert any(name.endswith(".py") for name in files)
    assert any(name.endswith(".html") for name in files)
    assert "Kata sandi baru" in messages  # _l() in storefront/accounts/forms.py
    assert "Halaman tidak ditemukan" in messages  # _l() in storefront/web/error_pages.py
    assert "Langsung ke isi halaman" in messages  # _() in templates/base.html
    # templates/_macros/ is skipped by Babel's default directory filter (and so by a plain
    # `pybabel extract`); its strings are on screen all the same.
    assert "Halaman %(page)d dari %(pages)d" in messages


def test_every_source_string_has_an_english_translation():
    messages = extract_source_messages()
    catalog = read_en_catalog()
    missing, fuzzy, empty, mismatched = [], [], [], []
    for msgid, files in sorted(messages.items()):
        where = f"{msgid!r}  ({', '.join(sorted(set(files)))})"
        entry = catalog.get(msgid)
        if entry is None:
            missing.append(where)
            continue
        if entry.fuzzy:
            fuzzy.append(where)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if not all(s and s.strip() for s in strings):
            empty.append(where)
            continue
        for translated in strings:
            if placeholders(translated) != placeholders(msgid):
                mismatched.append(f"{where} -> {translated!r}")
    problems = [
        ("missing from the en catalog (re-extract, then pybabel update)", missing),
        ("fuzzy (check the translation, then drop the fuzzy flag)", fuzzy),
        ("without an English msgstr", empty),
        ("whose placeholders differ between msgid and msgstr", mismatched),
    ]
    report = "\n".join(f"{len(items)} string(s) {label}:\n  " + "\n  ".join(items)
                       for label, items in problems if items)
    assert not report, report


def test_catalog_header_is_not_fuzzy_and_is_english():
    catalog = read_en_catalog()
    assert not catalog.fuzzy  # pybabel compile skips a fuzzy catalog entirely
    assert str(catalog.locale) == "en"


def test_placeholder_pattern():
    assert placeholders("Halaman %(page)d dari %(pages)d") == Counter(["%(page)d", "%(pages)d"])
    assert placeholders("Page %(pages)d of %(page)d") == placeholders("Halaman %(page)d dari %(pages)d")
    assert placeholders("%(n)s") != placeholders("%(n)d")
    assert placeholders("100%% halal") == Counter(["%%"])
    assert placeholders("Kata sandi") == Counter()


# --- rupiah and dates ----------------------------------------------------------------------------

def test_rupiah_is_written_the_indonesian_way():
    assert rupiah(1250000) == "Rp1.250.000"
    assert rupiah(999) == "Rp999"
    assert rupiah(1000) == "Rp1.000"
    assert rupiah(0) == "Rp0"
    assert rupiah(-1250000) == "-Rp1.250.000"
    assert rupiah(None) == ""


def test_rupiah_is_the_same_in_english(app):
    with app.test_request_context(headers={"Cookie": "bahasa=en"}):
        assert rupiah(1250000) == "Rp1.250.000"
        assert rupiah(-75000) == "-Rp75.000"


def test_long_date_in_indonesian(app):
    with app.test_request_context():
        assert long_date(date(2026, 11, 22)) == "22 November 2026"
        assert long_date(date(2026, 8, 17)) == "17 Agustus 2026"
        assert long_date(None) == ""


def test_datetimes_are_shown_in_the_city_time_zone(app):
    """Stored as naive UTC; 20:00 UTC is 03:00 the next day in Asia/Jakarta (UTC+7)."""
    with app.test_request_context():
        assert long_date(datetime(2026, 11, 22, 20, 0)) == "23 November 2026"
        assert long_date(datetime(2026, 11, 22, 20, 0, tzinfo=UTC)) == "23 November 2026"
        assert long_date(datetime(2026, 11, 22, 16, 59)) == "22 November 2026"
        assert date_time(datetime(2026, 11, 22, 20, 0)) == "23 November 2026 03.00"
        assert date_time(datetime(2026, 11, 22, 7, 30)) == "22 November 2026 14.30"
        assert date_time(None) == ""


def test_dates_in_english(app):
    with app.test_request_context(headers={"Cookie": "bahasa=en"}):
        assert long_date(date(2026, 11, 22)) == "November 22, 2026"
        assert long_date(datetime(2026, 11, 22, 20, 0)) == "November 23, 2026"


def test_the_city_time_zone_is_the_default():
    assert from_environment({}, "/tmp")["BABEL_DEFAULT_TIMEZONE"] == "Asia/Jakarta"


# --- choosing the language -----------------------------------------------------------------------

def _redirect_path(response) -> str:
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.netloc in ("", "localhost"), response.headers["Location"]
    return location.path + (f"?{location.query}" if location.query else "")


def _language_cookie(response) -> str | None:
    for header in response.headers.getlist("Set-Cookie"):
        if header.startswith("bahasa="):
            return header
    return None


def test_home_is_indonesian_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="id">' in response.text
    assert "Produk UMKM binaan kota Anda" in response.text
    assert ">Masuk<" in response.text
    assert 'hreflang="en">English</a>' in response.text


def test_switching_to_english(client):
    response = client.get("/bahasa/en?next=/")
    assert _redirect_path(response) == "/"
    cookie = _language_cookie(response)
    assert cookie is not None and cookie.startswith("bahasa=en;")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Max-Age=" in cookie
    assert client.get_cookie("bahasa").value == "en"

    page = client.get("/").text
    assert '<html lang="en">' in page
    assert "Products of UMKM fostered by your city" in page
    assert "Categories" in page
    assert ">Sign in<" in page
    assert "Produk UMKM binaan" not in page
    assert ">Masuk<" not in page
    assert 'hreflang="id">Bahasa Indonesia</a>' in page


def test_switching_back_to_indonesian(client):
    client.get("/bahasa/en?next=/")
    response = client.get("/bahasa/id?next=/")
    assert _redirect_path(response) == "/"
    assert client.get_cookie("bahasa").value == "id"
    page = client.get("/").text
    assert '<html lang="id">' in page and "Produk UMKM binaan" in page


def test_reference_data_follows_the_language(client, make):
    make.reference()
    page = client.get("/").text
    assert "Produk UMKM binaan Kota Medan" in page and "Kuliner" in page
    client.get("/bahasa/en?next=/")
    page = client.get("/").text
    assert "Products of UMKM fostered by Kota Medan" in page
    assert "Food &amp; beverages" in page and "Kuliner" not in page


def test_an_unknown_language_changes_nothing(client):
    response = client.get("/bahasa/xx?next=/")
    assert _redirect_path(response) == "/"
    assert _language_cookie(response) is None
    assert '<html lang="id">' in client.get("/").text

    client.get("/bahasa/en?next=/")
    response = client.get("/bahasa/xx?next=/")
    assert _language_cookie(response) is None
    assert client.get_cookie("bahasa").value == "en"
    assert '<html lang="en">' in client.get("/").text


def test_a_forged_cookie_falls_back_to_indonesian(client):
    client.set_cookie("bahasa", "xx")
    assert '<html lang="id">' in client.get("/").text


def test_the_switch_returns_to_the_page_the_visitor_was_on(client):
    response = client.get("/bahasa/en?next=/masuk?next=/dasbor")
    assert _redirect_path(response) == "/masuk?next=/dasbor"
    response = client.get("/bahasa/en")
    assert _redirect_path(response) == "/"


@pytest.mark.parametrize("target", [
    "https://evil.example",
    "https://evil.example/",
    "//evil.example",
    "//evil.example/masuk",
    "/\\evil.example",
    "http:evil.example",
    "javascript:alert(1)",
])
def test_the_switch_never_redirects_off_site(client, target):
    response = client.get("/bahasa/en", query_string={"next": target})
    assert _redirect_path(response) == "/"
    assert "evil" not in response.headers["Location"]
    assert client.get_cookie("bahasa").value == "en"  # the language still changes


def test_the_404_page_in_both_languages(client):
    response = client.get("/tidak-ada-halaman-ini")
    assert response.status_code == 404
    assert '<html lang="id">' in response.text
    assert "Halaman tidak ditemukan" in response.text

    client.get("/bahasa/en?next=/")
    response = client.get("/tidak-ada-halaman-ini")
    assert response.status_code == 404
    assert '<html lang="en">' in response.text
    assert "Page not found" in response.text
    assert "Error 404" in response.text
    assert "Back to the home page" in response.text
    assert "Halaman tidak ditemukan" not in response.text


def test_form_errors_in_english(client):
    client.get("/bahasa/en?next=/")
    response = client.post("/masuk", data={"email": "", "password": ""})
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert "Wajib diisi." not in response.text
    assert "Sign in to Etalase" in response.text


def test_signed_in_pages_in_english(make, login):
    client = login(make.user(Role.PPK))
    response = client.get("/bahasa/en?next=/dasbor")
    assert _redirect_path(response) == "/dasbor"
    page = client.get("/dasbor").text
    assert '<html lang="en">' in page
    assert "Dashboard" in page
    assert "issue the Surat Pesanan" in page and "sign the BAST" in page  # lazy role description
    assert ">Sign out<" in page
    assert "Setujui atau tolak" not in page
