"""Numbers people type (issue 10 point 18): rupiah the Indonesian way in every money field, and 0
is an answer, not an empty box.

Every form class of the app is discovered (every module of storefront is imported, then every
subclass of BaseForm is read), so a new money field or a new number field is covered without
being listed here.
"""
from __future__ import annotations

import importlib
import pkgutil
import re
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import MultiDict
from wtforms import DecimalField, FloatField, IntegerField, StringField
from wtforms.fields.core import UnboundField
from wtforms.validators import DataRequired

import storefront
from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.listings.models import Product
from storefront.reference.models import Category, Unit
from storefront.sellers.workflow import SellerStatus
from storefront.web import fields
from storefront.web.fields import MoneyError, MoneyField, parse_rupiah
from storefront.web.forms import BaseForm
from tests.helpers.html_forms import browser_selection, parse_forms

ACCEPTED = {
    "25000": 25_000, "25.000": 25_000, "25.000.000": 25_000_000, "Rp25.000": 25_000, "Rp 25.000": 25_000,
    "Rp. 25.000": 25_000, "rp25000": 25_000, "IDR 25.000": 25_000, "25 000": 25_000, "25\u00a0000": 25_000,
    "Rp25.000,-": 25_000, "Rp25.000,00": 25_000, " 1.250.000 ": 1_250_000, "100": 100, "0": 0,
}
REFUSED = {
    "25,5": fields.MSG_MONEY_SEN, "25.000,50": fields.MSG_MONEY_SEN, "25.5": fields.MSG_MONEY_SEN,
    "25.50": fields.MSG_MONEY_SEN, "2.50.000": fields.MSG_MONEY_GROUPS, "25.0000": fields.MSG_MONEY_GROUPS,
    "-25.000": fields.MSG_MONEY_NEGATIVE, "dua puluh ribu": fields.MSG_MONEY_NOT_A_NUMBER,
    "25rb": fields.MSG_MONEY_NOT_A_NUMBER, "²⁵": fields.MSG_MONEY_NOT_A_NUMBER, "1" * 16: fields.MSG_MONEY_TOO_LONG,
}
TYPED = (StringField, IntegerField, DecimalField, FloatField)  # boxes a person types into
MONEY_WORDS = re.compile(r"\b(rp|rupiah|harga|price|amount|biaya|total|nilai|jumlah dibayar)\b", re.I)


@pytest.mark.parametrize("text", ACCEPTED, ids=repr)
def test_rupiah_as_typed(text):
    assert parse_rupiah(text) == ACCEPTED[text]


@pytest.mark.parametrize("text", REFUSED, ids=repr)
def test_what_is_wrong_with_an_amount(text):
    with pytest.raises(MoneyError) as refused:
        parse_rupiah(text)
    assert refused.value.args[0] == REFUSED[text]


def all_form_fields():
    """(form class, field name, unbound field) of every form of the app."""
    for module in pkgutil.walk_packages(storefront.__path__, "storefront."):
        importlib.import_module(module.name)
    seen, pending = [], list(BaseForm.__subclasses__())
    while pending:
        form = pending.pop()
        seen.append(form)
        pending += form.__subclasses__()
    for form in seen:
        for name in dir(form):
            value = getattr(form, name, None)
            if isinstance(value, UnboundField):
                yield form, name, value


def _label(unbound: UnboundField) -> str:
    label = unbound.args[0] if unbound.args else unbound.kwargs.get("label", "")
    return str(label or "")


def money_fields(app):
    with app.test_request_context():
        return [(form, name, unbound) for form, name, unbound in all_form_fields()
                if issubclass(unbound.field_class, TYPED) and MONEY_WORDS.search(f"{name.replace('_', ' ')} {_label(unbound)}")]


def test_every_money_field_is_a_money_field(app):
    found = money_fields(app)
    assert {name for _form, name, _unbound in found} >= {"price", "amount", "harga_min", "harga_max"}
    wrong = [f"{form.__name__}.{name}" for form, name, unbound in found
             if not issubclass(unbound.field_class, MoneyField)]
    assert not wrong, f"use storefront.web.fields.MoneyField for these amounts of money: {wrong}"


def _probe(app, name, unbound, text):
    """The field alone in a form, posted `text`: (data, errors)."""
    probe = type("Probe", (BaseForm,), {name: unbound, "Meta": type("Meta", (), {"csrf": False})})
    with app.test_request_context(method="POST"):
        form = probe(formdata=MultiDict({name: text}))
        form.validate()
        return form[name].data, form[name].errors


def test_every_money_field_reads_thousands_separators_and_says_what_is_wrong(app):
    problems = []
    for form, name, unbound in money_fields(app):
        where = f"{form.__name__}.{name}"
        for text in ("Rp25.000", "25.000", "25 000", "Rp25.000,-"):
            data, errors = _probe(app, name, unbound, text)
            if data != 25_000 or errors:
                problems.append(f"{where} {text!r}: {data!r} {errors}")
        with app.test_request_context():
            expected = str(fields.MSG_MONEY_SEN)
            data, errors = _probe(app, name, unbound, "25,5")
            if [str(e) for e in errors] != [expected]:
                problems.append(f"{where} '25,5': {errors}, expected only {expected!r}")
    assert not problems, "\n".join(problems)


def test_zero_is_an_answer_in_every_number_field(app):
    """DataRequired treats 0 as empty: "Wajib diisi" for a lead time of 0 days. Number fields
    use InputRequired (present) and NumberRange (what is allowed) instead."""
    numeric = (IntegerField, DecimalField, FloatField, MoneyField)
    with app.test_request_context():
        wrong = [f"{form.__name__}.{name}" for form, name, unbound in all_form_fields()
                 if issubclass(unbound.field_class, numeric)
                 and any(isinstance(v, DataRequired) for v in unbound.kwargs.get("validators") or ())]
    assert not wrong, f"use InputRequired instead of DataRequired on these number fields: {wrong}"


def test_a_counter_offer_price_reads_like_every_money_field(app):
    """The counter-offer's per-item prices are hand-written inputs (price-<item id>), not a field."""
    from storefront.procurement import steps
    from storefront.procurement.errors import ProcurementError

    request = SimpleNamespace(items=[SimpleNamespace(id=7), SimpleNamespace(id=8)])
    with app.test_request_context(method="POST", data={"price-7": "Rp25.000", "price-8": "1.250.000"}):
        assert steps.posted_prices(request) == {7: 25_000, 8: 1_250_000}
    with app.test_request_context(method="POST", data={"price-7": "25,5"}):
        with pytest.raises(ProcurementError) as refused:
            steps.posted_prices(request)
        assert str(refused.value) == str(fields.MSG_MONEY_SEN)


@pytest.fixture
def seller(app, make, login):
    make.reference()
    owner = make.user(Role.SELLER)
    make.seller(SellerStatus.REGISTERED, owner=owner)
    return login(owner)


def product_data(app, **changes) -> dict:
    with app.app_context():
        category = db.session.scalar(sa.select(Category.id).where(Category.slug == "kue-roti"))
        unit = db.session.scalar(sa.select(Unit.id).where(Unit.code == "loyang"))
    return {"name": "Bika ambon pandan", "category_id": str(category), "description": "", "price": "75000",
            "unit_id": str(unit), "min_order": "1", "capacity_per_day": "30", "lead_time_days": "1",
            "delivery_area": "city", "halal_status": "in_process", "halal_out_of_scope_reason": "", **changes}


def test_a_seller_types_the_price_as_printed_and_ready_the_same_day(app, seller):
    response = seller.post("/penjual/produk/baru", data=product_data(app, price="Rp25.000", lead_time_days="0"))
    assert response.status_code == 302
    with app.app_context():
        product = db.session.scalar(sa.select(Product))
        assert (product.price, product.lead_time_days) == (25_000, 0)


def test_a_price_with_sen_is_refused_with_the_reason_next_to_the_field(app, seller):
    response = seller.post("/penjual/produk/baru", data=product_data(app, price="25,5"))
    assert response.status_code == 200
    assert re.search(r'id="price-galat"[^>]*>\s*Rupiah ditulis tanpa sen', response.text)
    assert 'value="25,5"' in response.text  # shown as typed, to correct
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Product)) == 0


def test_a_product_without_a_halal_status_is_not_a_claim(app, seller):
    """The form starts on "— pilih —": a seller who skips it is asked, nothing is claimed for them."""
    page = seller.get("/penjual/produk/baru").text
    form = next(form for form in parse_forms(page) if form.named("halal_status"))
    assert browser_selection(form.named("halal_status")[0]) == [""]
    response = seller.post("/penjual/produk/baru", data=product_data(app, halal_status=""))
    assert re.search(r'id="halal_status-galat"[^>]*>\s*Wajib diisi', response.text)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Product)) == 0
