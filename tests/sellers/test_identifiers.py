"""Indonesian identifiers: normalise, validate, explain, format, mask (pure; no app needed).

Outside a request the lazy messages render as their msgid (Bahasa Indonesia); one test renders
them inside a request context as well.
"""
from __future__ import annotations

from datetime import date
from urllib.parse import unquote, urlsplit

import pytest
from flask_babel import lazy_gettext as _l
from hypothesis import example, given
from hypothesis import strategies as st

from storefront.sellers.identifiers.business import (
    format_nib,
    format_npwp,
    format_npwp_legacy,
    is_head_office_nitku,
    is_legacy_npwp,
    nik_warnings,
    parse_nik,
    validate_nib,
    validate_nik,
    validate_nitku,
    validate_npwp,
)
from storefront.sellers.identifiers.contact import format_phone, phone_e164, validate_phone, whatsapp_link
from storefront.sellers.identifiers.core import InvalidIdentifier, normalise
from storefront.sellers.identifiers.masking import MASK_CHAR, mask_private
from storefront.sellers.identifiers.permits import (
    HalalNumberKind,
    bpom_warnings,
    format_bpom,
    format_halal_number,
    format_pirt,
    halal_number_kind,
    halal_number_warnings,
    is_bpjph_number,
    is_legacy_mui_number,
    pirt_end_year,
    pirt_is_expired,
    pirt_region_code,
    pirt_valid_until,
    pirt_warnings,
    validate_bpom,
    validate_bpom_notification,
    validate_halal_number,
    validate_pirt,
)

VALIDATORS = {
    "nib": validate_nib,
    "npwp": validate_npwp,
    "nitku": validate_nitku,
    "nik": validate_nik,
    "pirt": validate_pirt,
    "bpom": validate_bpom,
    "bpom_notification": validate_bpom_notification,
    "halal": validate_halal_number,
    "phone": validate_phone,
}


def message_of(excinfo) -> str:
    return str(excinfo.value)


# --- normalise -----------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("01.234.567.8-121.000", "012345678121000"),
    ("  1234 5678 90123\n", "1234567890123"),
    ("id 3211/0000-4747.10722", "ID32110000474710722"),
    ("md\u00a0224510001234", "MD224510001234"),  # no-break space
    ("0812\u20133456\u20147890", "081234567890"),  # en and em dashes
    ("\u200e0812\u200b3456\ufeff7890", "081234567890"),  # marks pasted from WhatsApp
    ("\uff10\uff18\uff11\uff12", "0812"),  # full-width digits
    ("", ""),
    (None, ""),
    (1234567890123, "1234567890123"),
])
def test_normalise(raw, expected):
    assert normalise(raw) == expected


@pytest.mark.parametrize("raw", [1.5, b"123", ["1"], True])
def test_normalise_refuses_non_strings(raw):
    with pytest.raises(TypeError):
        normalise(raw)


@given(st.text())
@example("ǅ ß ﬀ ａ－ｂ")
def test_normalise_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once


@given(st.text())
def test_normalise_leaves_no_separators_or_lowercase(text):
    result = normalise(text)
    assert not any(ch in ".-/ " or ch.isspace() for ch in result)
    assert result == result.upper()


# --- NIB -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw", [
    "9120001234567", " 9120 0012 34567 ", "9120-0012-34567", "9120.0012.34567", "NIB: 9120001234567",
    "nib 9120001234567", "NIB No. 9120001234567", 9120001234567, "\uff19120001234567",
])
def test_nib_valid(raw):
    assert validate_nib(raw) == "9120001234567"


@pytest.mark.parametrize("raw", [
    "", None, "912000123456", "91200012345678", "91200012345A7", "NIB", "9120001234567 8",
    "+9120001234567", "٩١٢٠٠٠١٢٣٤٥٦٧",  # Arabic-Indic digits are not accepted
])
def test_nib_invalid(raw):
    with pytest.raises(InvalidIdentifier) as excinfo:
        validate_nib(raw)
    assert message_of(excinfo) == "NIB terdiri dari 13 angka. Lihat di dokumen NIB dari OSS (oss.go.id)."
    assert excinfo.value.kind == "nib"
    assert isinstance(excinfo.value, ValueError)


def test_nib_is_shown_plain():
    assert format_nib("9120 0012 34567") == "9120001234567"


def test_message_renders_inside_a_request(app):
    with app.test_request_context():
        with pytest.raises(InvalidIdentifier) as excinfo:
            validate_nib("123")
        assert "13" in str(excinfo.value)


# --- NPWP and NITKU ----------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("01.234.567.8-121.000", "0012345678121000"),  # legacy 15 -> "0" + 15
    ("012345678121000", "0012345678121000"),
    ("NPWP: 01.234.567.8-121.000", "0012345678121000"),
    ("0012345678121000", "0012345678121000"),  # new form for an entity
    ("0012 3456 7812 1000", "0012345678121000"),
    ("1271014506900002", "1271014506900002"),  # an individual's NPWP is the NIK
])
def test_npwp_valid(raw, expected):
    assert validate_npwp(raw) == expected


@pytest.mark.parametrize("raw", [
    "", "01.234.567.8-121.00", "01234567812100", "00123456781210001", "01.234.567.8-121.00O",
    "NPWP",
])
def test_npwp_invalid(raw):
    with pytest.raises(InvalidIdentifier) as excinfo:
        validate_npwp(raw)
    assert message_of(excinfo).startswith("NPWP terdiri dari 16 angka.")
    assert "NIK" in message_of(excinfo)


def test_npwp_legacy_detection_and_display():
    assert is_legacy_npwp("01.234.567.8-121.000")
    assert not is_legacy_npwp("0012345678121000")
    assert format_npwp("01.234.567.8-121.000") == "0012345678121000"
    assert format_npwp_legacy("0012345678121000") == "01.234.567.8-121.000"
    assert format_npwp_legacy("012345678121000") == "01.234.567.8-121.000"
    assert format_npwp_legacy("1271014506900002") is None  # a NIK has no legacy form
    assert format_npwp_legacy("nonsense") is None


def test_nitku():
    assert validate_nitku("0012345678121000 000000") == "0012345678121000000000"
    assert validate_nitku("0012345678121000000001", npwp="01.234.567.8-121.000")
    assert is_head_office_nitku("0012345678121000000000")
    assert not is_head_office_nitku("0012345678121000000001")
    with pytest.raises(InvalidIdentifier, match="22 angka"):
        validate_nitku("0012345678121000")
    with pytest.raises(InvalidIdentifier, match="harus sama dengan NPWP"):
        validate_nitku("0012345678121000000000", npwp="0099999999121000")


# --- NIK -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, female, day, month, year", [
    ("3271010101900004", False, 1, 1, 90),  # man, 1 January 1990, Kota Bogor
    ("1271 0145 0690 0002", True, 5, 6, 90),  # woman (45 = 5 + 40), Kota Medan
    ("1271.01.710100.0003", True, 31, 1, 0),  # woman, 31 January 2000
    ("NIK 9601012902040001", False, 29, 2, 4),  # Papua Barat Daya, 29 February 2004
])
def test_nik_valid(raw, female, day, month, year):
    nik = validate_nik(raw, strict=True)
    parts = parse_nik(nik)
    assert (parts.female, parts.day, parts.month, parts.year) == (female, day, month, year)
    assert parts.regency == nik[:4]
    assert nik_warnings(nik) == []


@pytest.mark.parametrize("raw", ["", "327101010190000", "32710101019000041", "3271010101900O04"])
def test_nik_must_be_16_digits(raw):
    with pytest.raises(InvalidIdentifier) as excinfo:
        validate_nik(raw)
    assert message_of(excinfo) == "NIK terdiri dari 16 angka. Lihat di KTP atau Kartu Keluarga."


@pytest.mark.parametrize("nik, fragment", [
    ("9971010101900004", "kode provinsi"),  # 99 is no province
    ("2071010101900004", "kode provinsi"),
    ("3271010001900004", "tanggal lahir"),  # day 00
    ("3271013102900004", "tanggal lahir"),  # 31 February
    ("3271014001900004", "tanggal lahir"),  # 40 = day 0 for a woman
    ("3271017201900004", "tanggal lahir"),  # 72 = day 32 for a woman
    ("3271010113900004", "tanggal lahir"),  # month 13
    ("3271010101900000", "0000"),
])
def test_nik_structure_is_a_warning_not_a_rejection(nik, fragment):
    assert validate_nik(nik) == nik  # soft by default: don't over-reject
    warnings = [str(w) for w in nik_warnings(nik)]
    assert len(warnings) == 1 and fragment in warnings[0]
    with pytest.raises(InvalidIdentifier, match=fragment):
        validate_nik(nik, strict=True)


def test_nik_29_february_accepted_if_either_century_is_a_leap_year():
    assert nik_warnings("3271012902000004") == []  # 2000
    assert nik_warnings("3271016902960004") == []  # woman, 1996
    assert nik_warnings("3271012902010004") != []  # neither 1901 nor 2001


# --- P-IRT ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw", [
    "P-IRT No. 2061271010001-30", "p-irt no. 2061271010001-30", "PIRT 2061271010001 30",
    "SPP-IRT No: 206.1271.01.0001-30", "2061271010001-30", "206127101000130", "No. 206127101000130",
])
def test_pirt_valid(raw):
    assert validate_pirt(raw) == "206127101000130"


@pytest.mark.parametrize("raw", [
    "", "20612710100013", "2061271010001300", "0061271010001-30", "9061271010001-30",
    "2061271010001-3O", "MD 2061271010001",
])
def test_pirt_invalid(raw):
    with pytest.raises(InvalidIdentifier) as excinfo:
        validate_pirt(raw)
    assert message_of(excinfo).startswith("Nomor P-IRT terdiri dari 15 angka")


@pytest.mark.parametrize("raw, year", [
    ("P-IRT No. 2061271010001-29", 2029),
    ("3101271020012-30", 2030),
    ("8061271010001-05", 2005),
])
def test_pirt_end_year(raw, year):
    assert pirt_end_year(raw) == year
    assert pirt_valid_until(raw) == date(year, 12, 31)


def test_pirt_expiry():
    pirt = "P-IRT No. 2061271010001-29"
    assert not pirt_is_expired(pirt, date(2029, 12, 31))
    assert pirt_is_expired(pirt, date(2030, 1, 1))
    assert pirt_region_code(pirt) == "1271"


def test_pirt_warnings():
    pirt = "2061271010001-29"
    assert pirt_warnings(pirt, city_code="12.71", today=date(2026, 3, 1)) == []
    (region,) = pirt_warnings(pirt, city_code="35.73")
    assert "1271" in str(region) and "3573" in str(region)
    (expired,) = pirt_warnings(pirt, today=date(2030, 1, 2))
    assert "2029" in str(expired) and "habis" in str(expired)
    (too_long,) = pirt_warnings("2061271010001-35", today=date(2026, 3, 1))
    assert "5 tahun" in str(too_long)


def test_pirt_display():
    assert format_pirt("206127101000130") == "P-IRT No. 2061271010001-30"


# --- BPOM --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("BPOM RI MD 123456789012", "MD123456789012"),
    ("bpom ri md 224510001234", "MD224510001234"),
    ("BPOM RI MD. 2245-1000-1234", "MD224510001234"),
    ("POM MD 224510001234", "MD224510001234"),
    ("MD224510001234", "MD224510001234"),
    ("ML 224510001234", "ML224510001234"),
    ("BPOM RI ML 224510001234567", "ML224510001234567"),  # 15 digits
    ("Bpom Ri No. MD 224510001234", "MD224510001234"),
])
def test_bpom_valid(raw, expected):
    assert validate_bpom(raw) == expected


@pytest.mark.parametrize("raw", [
    "", "MD", "MD22451000123", "MD2245100012345", "MD22451000123456", "MD2245100012345678",
    "MA224510001234", "224510001234", "NA18191200123", "MD 22451000123X", "BPOM RI",
    "MDMD224510001234",
])
def test_bpom_invalid(raw):
    with pytest.raises(InvalidIdentifier) as excinfo:
        validate_bpom(raw)
    assert "MD atau ML" in message_of(excinfo)


def test_bpom_notification_numbers():
    assert validate_bpom_notification("BPOM RI NA 18191200123") == "NA18191200123"
    assert validate_bpom_notification("POM TR 133 379 601") == "TR133379601"
    assert bpom_warnings("NA18191200123") == []
    (warning,) = bpom_warnings("NA1819120012")
    assert "11 angka" in str(warning)
    with pytest.raises(InvalidIdentifier, match="NA"):
        validate_bpom_notification("MD224510001234")


def test_bpom_display():
    assert format_bpom("md224510001234") == "BPOM RI MD 224510001234"
    assert format_bpom("NA18191200123") == "BPOM RI NA 18191200123"
    assert format_bpom("rubbish") == "rubbish"


# --- halal certificate numbers ------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected, kind", [
    ("ID32110000474710722", "ID32110000474710722", HalalNumberKind.BPJPH),
    ("id 3211 0000 4747 10722", "ID32110000474710722", HalalNumberKind.BPJPH),
    ("No. ID-12110000123450724", "ID12110000123450724", HalalNumberKind.BPJPH),
    ("ID121100001234507", "ID121100001234507", HalalNumberKind.BPJPH),  # 15 digits
    ("ID121100001234507240", "ID121100001234507240", HalalNumberKind.BPJPH),  # 18 digits
    ("00150099991220", "00150099991220", HalalNumberKind.MUI_LEGACY),
    ("0015 0099 9912 20", "00150099991220", HalalNumberKind.MUI_LEGACY),
])
def test_halal_number_valid(raw, expected, kind):
    assert validate_halal_number(raw) == expected
    assert validate_halal_number(raw, kind) == expected
    assert halal_number_kind(raw) is kind
    assert is_bpjph_number(raw) is (kind is HalalNumberKind.BPJPH)
    assert is_legacy_mui_number(raw) is (kind is HalalNumberKind.MUI_LEGACY)


@pytest.mark.parametrize("raw", [
    "", "ID", "ID12110000123450", "ID1211000012345072401", "IDN12110000123450724",
    "12110000123450724", "0015009999122", "KH 1234/2025", "LPPOM-00150099991220", "D12110000123450724",
])
def test_halal_number_invalid(raw):
    assert halal_number_kind(raw) is None
    with pytest.raises(InvalidIdentifier) as excinfo:
        validate_halal_number(raw)
    assert "diawali ID" in message_of(excinfo) and "14 angka" in message_of(excinfo)


def test_halal_number_of_the_wrong_kind():
    with pytest.raises(InvalidIdentifier, match="Ketetapan Halal"):
        validate_halal_number("00150099991220", HalalNumberKind.BPJPH)
    with pytest.raises(InvalidIdentifier, match="MUI lama"):
        validate_halal_number("ID12110000123450724", HalalNumberKind.MUI_LEGACY)


def test_halal_number_province_is_only_a_warning():
    assert halal_number_warnings("ID12110000123450724") == []
    (warning,) = halal_number_warnings("ID99110000123450724")
    assert "99" in str(warning)
    assert halal_number_warnings("00150099991220") == []


# --- phone / WhatsApp -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw", [
    "081234567890", "0812-3456-7890", "0812 3456 7890", "+62 812-3456-7890", "+6281234567890",
    "6281234567890", "62 812 3456 7890", "(+62) 812 3456 7890", "+62 (0) 812 3456 7890",
    "0062 812 3456 7890", "812 3456 7890", "0812.3456.7890",
])
def test_phone_forms(raw):
    assert validate_phone(raw) == "6281234567890"


@pytest.mark.parametrize("raw, expected", [
    ("0811601234", "62811601234"),  # 10 digits, the shortest
    ("08123456789", "628123456789"),  # 11
    ("0812345678901", "62812345678901"),  # 13, the longest
    ("+62 895-1234-5678", "6289512345678"),
])
def test_phone_lengths(raw, expected):
    assert validate_phone(raw) == expected


@pytest.mark.parametrize("raw", [
    "", "081234567", "08123456789012", "0801234567", "061 4567890", "(061) 456-7890",
    "+1 415 555 0100", "+0812 3456 7890", "0812-3456-789O", "62 061 4567890", "0812+34567890",
    "+", "62", "08",
])
def test_phone_invalid(raw):
    with pytest.raises(InvalidIdentifier) as excinfo:
        validate_phone(raw)
    assert message_of(excinfo).startswith("Nomor HP/WhatsApp diawali 08")


def test_phone_display_and_e164():
    assert format_phone("6281234567890") == "0812-3456-7890"
    assert format_phone("628123456789") == "0812-3456-789"
    assert phone_e164("0812-3456-7890") == "+6281234567890"
    assert format_phone("not a number") == "not a number"
    assert format_phone(None) == ""


@pytest.mark.parametrize("text, encoded", [
    ("Halo", "Halo"),
    ("Halo Bu, saya mau pesan", "Halo%20Bu%2C%20saya%20mau%20pesan"),
    ("bika ambon & lapis legit", "bika%20ambon%20%26%20lapis%20legit"),
    ("2 + 2 = 4? #promo", "2%20%2B%202%20%3D%204%3F%20%23promo"),
    ("Terima kasih 🙏", "Terima%20kasih%20%F0%9F%99%8F"),
    ("baris 1\nbaris 2", "baris%201%0Abaris%202"),
    ("Rp1.250.000/kotak", "Rp1.250.000%2Fkotak"),
])
def test_whatsapp_link_encodes_text(text, encoded):
    assert whatsapp_link("0812-3456-7890", text) == f"https://wa.me/6281234567890?text={encoded}"


def test_whatsapp_link_without_text_and_with_lazy_text():
    assert whatsapp_link("+62 812 3456 7890") == "https://wa.me/6281234567890"
    assert whatsapp_link("081234567890", "") == "https://wa.me/6281234567890"
    assert whatsapp_link("081234567890", _l("Halo & selamat")) == \
        "https://wa.me/6281234567890?text=Halo%20%26%20selamat"
    with pytest.raises(InvalidIdentifier):
        whatsapp_link("061 4567890", "Halo")


@given(st.text(min_size=1))
def test_whatsapp_text_round_trips(text):
    link = whatsapp_link("081234567890", text)
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "wa.me", "/6281234567890")
    assert parts.query.startswith("text=")
    assert unquote(parts.query[len("text="):]) == text
    assert not any(ch in parts.query[len("text="):] for ch in " &#+?\n")


# --- masking -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, masked", [
    ("3271010101900004", "3271••••••••0004"),  # NIK
    ("3271 0101 0190 0004", "3271••••••••0004"),
    ("1234567890", "12••••••90"),  # a 10-digit bank account
    ("123-456-7890-12", "123••••••012"),
    ("0012345678121000", "0012••••••••1000"),
    ("1234", "1••4"),
    ("123", "•••"),
    ("", ""),
    (None, ""),
])
def test_mask_private(raw, masked):
    assert mask_private(raw) == masked


@given(st.text(alphabet=st.characters(exclude_characters=MASK_CHAR)))
def test_mask_hides_at_least_half_and_shows_at_most_four_each_end(text):
    plain = normalise(text)
    masked = mask_private(text)
    assert len(masked) == len(plain)
    shown = len(plain) - masked.count(MASK_CHAR)
    assert shown * 2 <= len(plain) and shown <= 8
    keep = shown // 2
    assert masked[:keep] == plain[:keep]
    assert masked[len(masked) - keep:] == plain[len(plain) - keep:]


# --- properties across all identifiers --------------------------------------------------------------------------

NEAR_MISS = st.text(alphabet="0123456789 .-/+()IDMLNATRPBOKSWHmdl:\u00a0\u2013", max_size=30)


@pytest.mark.parametrize("name", sorted(VALIDATORS))
@given(text=st.one_of(st.text(), NEAR_MISS))
def test_validators_raise_nothing_but_invalid_identifier(name, text):
    validate = VALIDATORS[name]
    try:
        result = validate(text)
    except InvalidIdentifier as error:
        assert str(error)  # every rejection explains itself
        return
    assert isinstance(result, str) and result.isascii()
    assert validate(result) == result  # the stored form validates to itself


@pytest.mark.parametrize("name", sorted(VALIDATORS))
@given(text=st.text())
def test_warnings_and_kind_helpers_never_raise_on_valid_input(name, text):
    try:
        value = VALIDATORS[name](text)
    except InvalidIdentifier:
        return
    helpers = {"nik": nik_warnings, "pirt": pirt_warnings, "halal": halal_number_warnings,
               "bpom_notification": bpom_warnings}
    if name in helpers:
        assert isinstance(helpers[name](value), list)


@given(st.from_regex(r"[0-9]{13}", fullmatch=True))
def test_nib_round_trips(nib):
    assert validate_nib(format_nib(nib)) == nib


@given(st.from_regex(r"[0-9]{16}", fullmatch=True))
def test_npwp_round_trips(npwp):
    assert validate_npwp(format_npwp(npwp)) == npwp
    legacy = format_npwp_legacy(npwp)
    if npwp.startswith("0"):
        assert legacy is not None and validate_npwp(legacy) == npwp
    else:
        assert legacy is None


@given(st.from_regex(r"[0-9]{15}", fullmatch=True))
def test_legacy_npwp_becomes_16_with_a_leading_zero(npwp15):
    dotted = f"{npwp15[:2]}.{npwp15[2:5]}.{npwp15[5:8]}.{npwp15[8]}-{npwp15[9:12]}.{npwp15[12:]}"
    assert validate_npwp(dotted) == "0" + npwp15
    assert format_npwp_legacy("0" + npwp15) == dotted


@given(st.from_regex(r"[1-8][0-9]{14}", fullmatch=True))
def test_pirt_round_trips(pirt):
    assert validate_pirt(format_pirt(pirt)) == pirt
    assert pirt_end_year(pirt) == 2000 + int(pirt[-2:])


@given(st.from_regex(r"(MD|ML)[0-9]{12}([0-9]{3})?", fullmatch=True))
def test_bpom_round_trips(number):
    assert validate_bpom(format_bpom(number)) == number
    assert validate_bpom(number.lower()) == number


@given(st.one_of(st.from_regex(r"ID[0-9]{15,18}", fullmatch=True), st.from_regex(r"[0-9]{14}", fullmatch=True)))
def test_halal_number_round_trips(number):
    assert validate_halal_number(format_halal_number(number)) == number
    assert validate_halal_number(number.lower()) == number


@given(st.from_regex(r"8[1-9][0-9]{7,10}", fullmatch=True))
def test_phone_round_trips(subscriber):
    stored = "62" + subscriber
    for typed in ("0" + subscriber, "+62" + subscriber, "62 " + subscriber, format_phone(stored)):
        assert validate_phone(typed) == stored
    assert 10 <= len("0" + subscriber) <= 13


def test_pirt_region_check_wants_a_kab_kota_code():
    with pytest.raises(ValueError):
        pirt_warnings("2061271010001-30", city_code="Kota Medan")
