"""What a visitor asked the catalog for: search text, facets, sort and page, read from the URL.

The URL arguments go through a WTForms form (no CSRF: these are GET links anyone may share),
so a bad value is reported next to its field in the filter panel and then ignored.
"""
from __future__ import annotations

from dataclasses import dataclass

from wtforms import BooleanField, HiddenField, IntegerField, SearchField, SelectField
from wtforms.validators import Length, NumberRange, Optional, ValidationError

from storefront.sellers.halal.kinds import BusinessScale
from storefront.text import lazy_gettext as _l
from storefront.web.fields import MoneyField
from storefront.web.forms import BaseForm

PER_PAGE = 24
MAX_PAGES = 50  # deeper than 1,200 products, a visitor narrows the filters (the sitemap lists all)
MAX_QUERY_LENGTH = 100
MAX_PRICE = 10**12

SORTS = {
    "relevance": _l("Paling sesuai"),
    "newest": _l("Terbaru"),
    "price_asc": _l("Harga terendah"),
    "price_desc": _l("Harga tertinggi"),
}
LEAD_TIMES = {"1": _l("Siap dalam 1 hari"), "3": _l("Paling lama 3 hari"), "7": _l("Paling lama 7 hari")}


@dataclass(frozen=True)
class CatalogQuery:
    text: str = ""
    category_ids: tuple[int, ...] = ()  # a category with its children
    kecamatan_id: int | None = None
    halal_only: bool = False
    price_min: int | None = None
    price_max: int | None = None
    max_lead_days: int | None = None
    scale: str | None = None
    seller_id: int | None = None
    sort: str = "newest"
    page: int = 1

    @property
    def filters_only_text(self) -> bool:
        """No facet narrows the results (only the words, if any)."""
        return not (self.category_ids or self.kecamatan_id or self.halal_only or self.price_min is not None
                    or self.price_max is not None or self.max_lead_days is not None or self.scale
                    or self.seller_id)


class FilterForm(BaseForm):
    """The filter panel; every field optional, every value checked."""

    class Meta:
        csrf = False

    q = SearchField(_l("Cari produk"))
    kategori = HiddenField(validators=[Optional(), Length(max=80)])
    # Offered as a list of the kecamatan in the results (with counts), so checked as an id here.
    kecamatan = IntegerField(_l("Kecamatan penjual"), validators=[Optional(), NumberRange(min=1, max=2**31 - 1)])
    halal = BooleanField(_l("Hanya bersertifikat halal"))
    harga_min = MoneyField(_l("Harga dari (Rp)"), validators=[Optional(), NumberRange(min=0, max=MAX_PRICE)])
    harga_max = MoneyField(_l("Harga sampai (Rp)"), validators=[Optional(), NumberRange(min=0, max=MAX_PRICE)])
    lama = SelectField(_l("Lama penyiapan"), default="")
    skala = SelectField(_l("Skala usaha"), default="")
    urut = SelectField(_l("Urutkan"), default="")

    def __init__(self, formdata, with_relevance: bool):
        super().__init__(formdata)
        any_choice = [("", _l("Semua"))]
        self.lama.choices = any_choice + list(LEAD_TIMES.items())
        self.skala.choices = any_choice + [(scale.value, scale.label) for scale in BusinessScale  # UMKM only
                                           if scale is not BusinessScale.BESAR]
        sorts = SORTS if with_relevance else {k: v for k, v in SORTS.items() if k != "relevance"}
        self.urut.choices = list(sorts.items())
        self.default_sort = "relevance" if with_relevance else "newest"
        if not self.urut.data:
            self.urut.data = self.default_sort

    def validate_harga_max(self, field):
        low = self.harga_min.data
        if field.data is not None and low is not None and field.data < low:
            raise ValidationError(_l("Harga sampai harus sama atau lebih besar dari harga dari."))

    def to_query(self, *, page: int, category_ids=(), seller_id=None) -> CatalogQuery:
        """The valid part of what was asked; fields with errors count as not set."""
        self.validate()
        ok = lambda field: not field.errors and field.data not in (None, "")  # noqa: E731
        return CatalogQuery(
            text=(self.q.data or "")[:MAX_QUERY_LENGTH] if ok(self.q) else "",
            category_ids=tuple(category_ids),
            kecamatan_id=int(self.kecamatan.data) if ok(self.kecamatan) else None,
            halal_only=bool(self.halal.data) and not self.halal.errors,
            price_min=self.harga_min.data if ok(self.harga_min) else None,
            price_max=self.harga_max.data if ok(self.harga_max) else None,
            max_lead_days=int(self.lama.data) if ok(self.lama) else None,
            scale=self.skala.data if ok(self.skala) else None,
            seller_id=seller_id,
            sort=self.urut.data if ok(self.urut) else self.default_sort,
            page=page,
        )
