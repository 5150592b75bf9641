"""Halal statuses, the badge rule, the mandatory deadlines and halal claims (pure; no app needed)."""
from __future__ import annotations

import enum
import json
from datetime import date

import pytest
from flask import render_template_string
from hypothesis import given
from hypothesis import strategies as st

from storefront.config import PROJECT_ROOT
from storefront.sellers.halal.claims import (
    InvalidHalalClaim,
    OutOfScopeReason,
    validate_halal_claim,
    validate_non_halal_ingredient,
)
from storefront.sellers.halal.deadlines import halal_deadline, is_mandatory, is_overdue, pending_deadline
from storefront.sellers.halal.kinds import DEFAULT_CATEGORY_KINDS, BusinessScale, CategoryKind, coerce_scale
from storefront.sellers.halal.statuses import CERTIFIED, HalalStatus, coerce_status, shows_halal_badge, status_label
from storefront.sellers.identifiers.permits import HalalNumberKind

BPJPH = "ID12110000123450724"
MUI = "00150099991220"

DEADLINE_UMK = date(2026, 10, 17)
DEADLINE_MEDIUM_LARGE_FOOD = date(2024, 10, 17)


# --- the statuses --------------------------------------------------------------------------------

def test_seven_statuses_each_with_label_and_explanation():
    assert len(HalalStatus) == 7
    labels = [str(status.label) for status in HalalStatus]
    assert len(set(labels)) == 7
    for status in HalalStatus:
        assert str(status.explanation).strip()
    assert str(HalalStatus.CERTIFIED_REGULAR.label) == "Bersertifikat Halal (reguler)"
    assert str(HalalStatus.CERTIFIED_SELF_DECLARE.label) == "Bersertifikat Halal (pernyataan pelaku usaha)"
    assert str(HalalStatus.OUT_OF_SCOPE.label) == "Tidak termasuk wajib halal"


def test_status_values_are_stable_strings():
    assert {status.value for status in HalalStatus} == {
        "certified_regular", "certified_self_declare", "legacy_mui", "in_process",
        "not_certified", "not_halal", "out_of_scope"}
    assert coerce_status("in_process") is HalalStatus.IN_PROCESS
    with pytest.raises(ValueError):
        coerce_status("halal")


@pytest.mark.parametrize("status, kind", [
    (HalalStatus.CERTIFIED_REGULAR, HalalNumberKind.BPJPH),
    (HalalStatus.CERTIFIED_SELF_DECLARE, HalalNumberKind.BPJPH),
    (HalalStatus.LEGACY_MUI, HalalNumberKind.MUI_LEGACY),
    (HalalStatus.IN_PROCESS, None),
    (HalalStatus.NOT_CERTIFIED, None),
    (HalalStatus.NOT_HALAL, None),
    (HalalStatus.OUT_OF_SCOPE, None),
])
def test_which_statuses_need_which_certificate_number(status, kind):
    assert status.certificate_kind is kind
    assert status.requires_certificate_number is (kind is not None)
    assert status.is_certified is (kind is HalalNumberKind.BPJPH)


def test_non_halal_label_names_the_ingredient():
    assert str(status_label(HalalStatus.NOT_HALAL, "babi")) == "Tidak halal (mengandung babi)"
    assert str(status_label("not_halal")) == "Tidak halal"
    assert str(status_label(HalalStatus.IN_PROCESS, "babi")) == "Dalam proses sertifikasi"


# --- the badge ------------------------------------------------------------------------------------

NUMBERS = {
    "bpjph": BPJPH,
    "bpjph typed loosely": "id 1211 0000 1234 50724",
    "legacy mui": MUI,
    "kh decree": "KH-1234/2025",
    "too short after ID": "ID1211",
    "empty": "",
    "none": None,
}
BADGE_NUMBERS = {"bpjph", "bpjph typed loosely"}


@pytest.mark.parametrize("status", list(HalalStatus))
@pytest.mark.parametrize("number_name", sorted(NUMBERS))
def test_badge_only_for_bpjph_certified_with_an_id_number(status, number_name):
    expected = status in CERTIFIED and number_name in BADGE_NUMBERS
    assert shows_halal_badge(status, NUMBERS[number_name]) is expected
    assert shows_halal_badge(status.value, NUMBERS[number_name]) is expected


def test_badge_for_unknown_status_or_odd_input_is_false():
    assert shows_halal_badge("halal", BPJPH) is False
    assert shows_halal_badge(None, BPJPH) is False
    assert shows_halal_badge(HalalStatus.CERTIFIED_REGULAR, 12110000123450724) is False


@given(status=st.sampled_from(list(HalalStatus)), number=st.one_of(st.none(), st.text()))
def test_badge_never_raises_and_implies_certified_id_number(status, number):
    shown = shows_halal_badge(status, number)
    if shown:
        assert status in CERTIFIED
        assert "ID" in number.upper()


# --- deadlines ------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind, scale, expected", [
    (CategoryKind.FOOD_BEVERAGE, BusinessScale.MIKRO, DEADLINE_UMK),
    (CategoryKind.FOOD_BEVERAGE, BusinessScale.KECIL, DEADLINE_UMK),
    (CategoryKind.FOOD_BEVERAGE, BusinessScale.MENENGAH, DEADLINE_MEDIUM_LARGE_FOOD),
    (CategoryKind.FOOD_BEVERAGE, BusinessScale.BESAR, DEADLINE_MEDIUM_LARGE_FOOD),
    (CategoryKind.FOOD_BEVERAGE, None, DEADLINE_UMK),  # unknown scale: never overdue too early
    (CategoryKind.TEXTILE_FASHION, BusinessScale.MIKRO, DEADLINE_UMK),
    (CategoryKind.TEXTILE_FASHION, BusinessScale.MENENGAH, DEADLINE_UMK),
    (CategoryKind.COSMETICS_HEALTH, BusinessScale.KECIL, DEADLINE_UMK),
    (CategoryKind.COSMETICS_HEALTH, BusinessScale.BESAR, DEADLINE_UMK),
    (CategoryKind.CRAFT_OTHER, BusinessScale.MIKRO, None),
    (CategoryKind.CRAFT_OTHER, BusinessScale.BESAR, None),
    (CategoryKind.SERVICES, BusinessScale.MIKRO, None),
    ("food_beverage", "kecil", DEADLINE_UMK),
    ("food_beverage", "03", DEADLINE_MEDIUM_LARGE_FOOD),
    ("food_beverage", "small", DEADLINE_UMK),
])
def test_halal_deadline(kind, scale, expected):
    assert halal_deadline(kind, scale) == expected
    assert is_mandatory(kind, scale) is (expected is not None)


def test_deadline_accepts_the_models_scale_enum():
    class Scale(str, enum.Enum):  # the shape of storefront.sellers.models.Scale
        MIKRO = "mikro"
        KECIL = "kecil"
        MENENGAH = "menengah"

    assert halal_deadline(CategoryKind.FOOD_BEVERAGE, Scale.KECIL) == DEADLINE_UMK
    assert halal_deadline(CategoryKind.FOOD_BEVERAGE, Scale.MENENGAH) == DEADLINE_MEDIUM_LARGE_FOOD
    assert coerce_scale(Scale.MIKRO) is BusinessScale.MIKRO


def test_scale_codes_and_labels():
    assert [scale.oss_code for scale in BusinessScale] == ["01", "02", "03", "04"]
    assert [str(scale.label) for scale in BusinessScale] == ["Mikro", "Kecil", "Menengah", "Besar"]
    assert [scale.is_umk for scale in BusinessScale] == [True, True, False, False]
    with pytest.raises(ValueError):
        coerce_scale("raksasa")
    with pytest.raises(ValueError):
        halal_deadline("furniture", BusinessScale.MIKRO)


AWAITING = {HalalStatus.NOT_CERTIFIED, HalalStatus.IN_PROCESS}


@pytest.mark.parametrize("status", list(HalalStatus))
@pytest.mark.parametrize("kind, scale, deadline", [
    (CategoryKind.FOOD_BEVERAGE, BusinessScale.MIKRO, DEADLINE_UMK),
    (CategoryKind.FOOD_BEVERAGE, BusinessScale.MENENGAH, DEADLINE_MEDIUM_LARGE_FOOD),
    (CategoryKind.TEXTILE_FASHION, BusinessScale.KECIL, DEADLINE_UMK),
    (CategoryKind.COSMETICS_HEALTH, BusinessScale.MIKRO, DEADLINE_UMK),
    (CategoryKind.CRAFT_OTHER, BusinessScale.MIKRO, None),
    (CategoryKind.SERVICES, BusinessScale.KECIL, None),
])
def test_overdue_and_banner_across_all_statuses(status, kind, scale, deadline):
    awaiting = status in AWAITING
    expected_banner = deadline if awaiting else None
    assert pending_deadline(status, kind, scale) == expected_banner
    if deadline is None:
        for today in (date(2024, 1, 1), date(2026, 10, 18), date(2040, 1, 1)):
            assert is_overdue(status, kind, scale, today) is False
        return
    assert is_overdue(status, kind, scale, deadline) is False  # the last day is still in time
    assert is_overdue(status, kind, scale, date.fromordinal(deadline.toordinal() - 1)) is False
    assert is_overdue(status, kind, scale, date.fromordinal(deadline.toordinal() + 1)) is awaiting
    assert is_overdue(status, kind, scale, date(2030, 1, 1)) is awaiting


def test_overdue_example_for_a_micro_food_seller():
    assert not is_overdue("not_certified", "food_beverage", "mikro", date(2026, 10, 17))
    assert is_overdue("not_certified", "food_beverage", "mikro", date(2026, 10, 18))
    assert is_overdue("not_certified", "food_beverage", "menengah", date(2025, 1, 1))
    assert not is_overdue("not_halal", "food_beverage", "mikro", date(2030, 1, 1))


def test_every_category_kind_has_a_label():
    assert {str(kind.label) for kind in CategoryKind} and len(CategoryKind) == 5
    for kind in CategoryKind:
        assert str(kind.label).strip()


def test_default_category_kinds_cover_the_seeded_tree():
    with (PROJECT_ROOT / "storefront" / "reference" / "data" / "catalog.json").open() as f:
        tree = json.load(f)["categories"]
    top = {category["slug"] for category in tree}
    slugs = top | {child["slug"] for category in tree for child in category.get("children", [])}
    assert top <= set(DEFAULT_CATEGORY_KINDS)
    assert set(DEFAULT_CATEGORY_KINDS) <= slugs
    assert DEFAULT_CATEGORY_KINDS["kuliner"] is CategoryKind.FOOD_BEVERAGE
    assert DEFAULT_CATEGORY_KINDS["wastra-fesyen"] is CategoryKind.TEXTILE_FASHION
    assert DEFAULT_CATEGORY_KINDS["tas-aksesoris"] is CategoryKind.TEXTILE_FASHION  # bags: 2026


# --- halal claims --------------------------------------------------------------------------------

@pytest.mark.parametrize("status, kwargs, number, ingredient, reason", [
    (HalalStatus.CERTIFIED_REGULAR, {"certificate_number": "id-1211 0000 1234 50724"}, BPJPH, None, None),
    (HalalStatus.CERTIFIED_SELF_DECLARE, {"certificate_number": BPJPH}, BPJPH, None, None),
    (HalalStatus.LEGACY_MUI, {"certificate_number": "0015 0099 9912 20"}, MUI, None, None),
    (HalalStatus.IN_PROCESS, {}, None, None, None),
    (HalalStatus.NOT_CERTIFIED, {"certificate_number": "  "}, None, None, None),
    (HalalStatus.NOT_HALAL, {"non_halal_ingredient": "  babi \n (lemak) "}, None, "babi (lemak)", None),
    (HalalStatus.OUT_OF_SCOPE, {"out_of_scope_reason": "later_phase"}, None, None, OutOfScopeReason.LATER_PHASE),
    (HalalStatus.OUT_OF_SCOPE, {"out_of_scope_reason": OutOfScopeReason.NOT_REGULATED,
                      "category_kind": CategoryKind.CRAFT_OTHER}, None, None,
     OutOfScopeReason.NOT_REGULATED),
])
def test_valid_claims(status, kwargs, number, ingredient, reason):
    claim = validate_halal_claim(status.value, **kwargs)
    assert claim.status is status
    assert (claim.certificate_number, claim.non_halal_ingredient, claim.out_of_scope_reason) == \
        (number, ingredient, reason)
    assert claim.shows_badge is (status in CERTIFIED)
    assert claim.certificate_kind is status.certificate_kind


@pytest.mark.parametrize("status, kwargs, field, fragment", [
    ("made_up", {}, "status", "status halal"),
    (HalalStatus.CERTIFIED_REGULAR, {}, "certificate_number", "diawali ID"),
    (HalalStatus.CERTIFIED_REGULAR, {"certificate_number": "ID1211"}, "certificate_number", "diawali ID"),
    (HalalStatus.CERTIFIED_REGULAR, {"certificate_number": MUI}, "certificate_number", "MUI lama"),
    (HalalStatus.CERTIFIED_SELF_DECLARE, {"certificate_number": "KH 1234/2025"}, "certificate_number",
     "Ketetapan Halal"),
    (HalalStatus.LEGACY_MUI, {}, "certificate_number", "14 angka"),
    (HalalStatus.LEGACY_MUI, {"certificate_number": BPJPH}, "certificate_number", "Bersertifikat Halal"),
    (HalalStatus.IN_PROCESS, {"certificate_number": BPJPH}, "certificate_number", "tidak memakai nomor"),
    (HalalStatus.NOT_CERTIFIED, {"certificate_number": MUI}, "certificate_number", "tidak memakai nomor"),
    (HalalStatus.NOT_HALAL, {}, "non_halal_ingredient", "Sebutkan bahan"),
    (HalalStatus.NOT_HALAL, {"non_halal_ingredient": " \t "}, "non_halal_ingredient", "Sebutkan bahan"),
    (HalalStatus.NOT_HALAL, {"non_halal_ingredient": "babi " * 50}, "non_halal_ingredient", "200 huruf"),
    (HalalStatus.NOT_HALAL, {"non_halal_ingredient": "babi", "certificate_number": BPJPH}, "certificate_number",
     "tidak memakai nomor"),
    (HalalStatus.CERTIFIED_REGULAR, {"certificate_number": BPJPH, "non_halal_ingredient": "babi"},
     "non_halal_ingredient", "Tidak halal"),
    (HalalStatus.OUT_OF_SCOPE, {}, "out_of_scope_reason", "Pilih alasan"),
    (HalalStatus.OUT_OF_SCOPE, {"out_of_scope_reason": "because"}, "out_of_scope_reason", "Pilih alasan"),
    (HalalStatus.OUT_OF_SCOPE, {"out_of_scope_reason": "later_phase", "category_kind": "food_beverage"},
     "status", "wajib bersertifikat halal"),
    (HalalStatus.OUT_OF_SCOPE, {"out_of_scope_reason": "not_regulated", "category_kind": "textile_fashion"},
     "status", "wajib bersertifikat halal"),
])
def test_invalid_claims(status, kwargs, field, fragment):
    with pytest.raises(InvalidHalalClaim) as excinfo:
        validate_halal_claim(status, **kwargs)
    assert excinfo.value.field == field
    assert fragment in str(excinfo.value)
    assert isinstance(excinfo.value, ValueError)


def test_non_halal_ingredient_helper():
    assert validate_non_halal_ingredient("  angciu\t(arak masak) ") == "angciu (arak masak)"
    assert validate_non_halal_ingredient("x" * 200) == "x" * 200
    with pytest.raises(InvalidHalalClaim):
        validate_non_halal_ingredient("x" * 201)
    with pytest.raises(InvalidHalalClaim):
        validate_non_halal_ingredient(None)


def test_non_halal_claim_label():
    claim = validate_halal_claim(HalalStatus.NOT_HALAL, non_halal_ingredient="babi")
    assert str(claim.label) == "Tidak halal (mengandung babi)"
    assert not claim.shows_badge


def test_out_of_scope_reasons_have_labels():
    assert {reason.value for reason in OutOfScopeReason} == {"later_phase", "not_regulated"}
    for reason in OutOfScopeReason:
        assert str(reason.label).strip()


@given(status=st.sampled_from(list(HalalStatus)),
       number=st.one_of(st.none(), st.text(), st.sampled_from([BPJPH, MUI])),
       ingredient=st.one_of(st.none(), st.text()),
       reason=st.one_of(st.none(), st.text(), st.sampled_from(list(OutOfScopeReason))),
       kind=st.one_of(st.none(), st.sampled_from(list(CategoryKind))))
def test_claims_raise_nothing_but_invalid_halal_claim(status, number, ingredient, reason, kind):
    try:
        claim = validate_halal_claim(status, number, ingredient, reason, kind)
    except InvalidHalalClaim as error:
        assert str(error) and error.field
        return
    assert claim.shows_badge is shows_halal_badge(status, number)
    if claim.shows_badge:
        assert claim.certificate_number.startswith("ID")


def test_ingredient_label_is_escaped_in_html_and_plain_in_text(app):
    label = status_label(HalalStatus.NOT_HALAL, '<script>alert("x")</script> & babi')
    assert str(label) == 'Tidak halal (mengandung <script>alert("x")</script> & babi)'
    with app.test_request_context():
        html = render_template_string("{{ label }}", label=label)
    assert "<script>" not in html
    assert html == "Tidak halal (mengandung &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; babi)"
