"""The cart, and submitting it: one purchase request per seller, every rule checked first.

Submitting checks each line (still public, not listed or re-priced in the last 24 hours, minimum
order, delivery area, lead time, the capacity left that day and the stock) and either creates
every request or none. The same form sent twice (a double click, a retry) creates them once:
the form carries an idempotency key, unique per seller in the database.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import groupby

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import joinedload

from storefront import lifecycle_engine, once
from storefront.accounts.models import User
from storefront.accounts.roles import Role
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.listings import capacity
from storefront.listings.models import DeliveryArea, Product, ProductPhoto
from storefront.listings.visibility import public_product_filter
from storefront.media.models import MediaImage
from storefront.procurement import clock, notify
from storefront.procurement.models import MAX_QUANTITY, MAX_TOTAL, CartItem, PurchaseRequest, RequestItem
from storefront.procurement.workflow import RequestStatus
from storefront.sellers.models import Seller
from storefront.text import lazy_gettext as _l
from storefront.timeutil import utcnow

MAX_QUANTITY_TEXT = f"{MAX_QUANTITY:,}".replace(",", ".")  # 1.000.000, as the messages write it


class OrderError(DomainError):
    """Why the cart cannot go out as it is: one message per problem, by product or by field."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("; ".join(str(message) for _, message in problems))
        self.problems = problems  # (field name or "product-<id>", message)


@dataclass
class Checkout:
    """What the checkout form asks, already typed and checked by the form."""

    ppk_id: int
    kode_rekening: str
    rup_code: str
    fiscal_year: int
    delivery_address: str
    delivery_kecamatan_id: int
    recipient_name: str
    recipient_phone: str
    needed_on: date
    window_start: time
    window_end: time
    notes: str = ""
    quantities: dict[int, int] = field(default_factory=dict)  # cart item id -> quantity (as shown)


def cart_items(user) -> list[CartItem]:
    """The user's cart with what the page and the checks need, grouped by seller: one statement."""
    return list(db.session.scalars(
        sa.select(CartItem).join(CartItem.product).where(CartItem.user_id == user.id)
        .options(joinedload(CartItem.product).joinedload(Product.seller),
                 joinedload(CartItem.product).joinedload(Product.unit),
                 joinedload(CartItem.product).selectinload(Product.delivery_kecamatan),
                 joinedload(CartItem.product).selectinload(Product.photos).joinedload(ProductPhoto.image)
                 .joinedload(MediaImage.derivatives))
        .order_by(Product.seller_id, CartItem.id)).unique())


def is_public(product_id: int) -> bool:
    return db.session.scalar(sa.select(Product.id).join(Product.seller)
                             .where(Product.id == product_id, public_product_filter())) is not None


def add(user, product_id: int, quantity: int, key: str | None = None) -> CartItem:
    """Put a public product in the cart, or add to its quantity when it is there already.

    One statement (insert, or add on the existing line) so two posts at once cannot both insert.
    The product page's form carries a `key`: the same form posted twice (a double click, a retry)
    adds once, and the second post gets the first's result; the page opened again adds again.
    """
    if not 0 < quantity <= MAX_QUANTITY:
        raise OrderError([("quantity", _l("Jumlah harus antara 1 dan %(max)s.", max=MAX_QUANTITY_TEXT))])
    if not is_public(product_id):
        raise OrderError([("product", _l("Produk ini tidak tayang lagi."))])
    line = CartItem.__table__.c
    same_form = sa.and_(line.add_key.is_not(None), line.add_key == sa.literal(key, sa.String))
    once.upsert(CartItem, {"user_id": user.id, "product_id": product_id, "quantity": quantity, "add_key": key,
                           "added_at": utcnow()},
                key=["user_id", "product_id"],
                update={"quantity": lambda new: sa.case(
                            (same_form, line.quantity),
                            (line.quantity + new.quantity > MAX_QUANTITY, MAX_QUANTITY),
                            else_=line.quantity + new.quantity),
                        "add_key": lambda new: new.add_key})
    return db.session.scalar(sa.select(CartItem).where(CartItem.user_id == user.id, CartItem.product_id == product_id)
                             .execution_options(populate_existing=True))


def remove(user, item_id: int) -> bool:
    """Take a line out of the user's own cart; False when it is not there."""
    removed = db.session.execute(sa.delete(CartItem).where(CartItem.id == item_id, CartItem.user_id == user.id))
    return removed.rowcount == 1


def submitted(user, key: str) -> list[PurchaseRequest]:
    """The requests an earlier post of the same form made (the idempotency key)."""
    return list(db.session.scalars(sa.select(PurchaseRequest).where(
        PurchaseRequest.idempotency_key == key, PurchaseRequest.submitted_by_id == user.id)))


def ppk_choices(user) -> list[User]:
    """The active PPKs of the pemesan's OPD: one of them approves."""
    return list(db.session.scalars(sa.select(User).where(
        User.role == Role.PPK, User.opd_id == user.opd_id, User.is_active_account.is_(True)).order_by(User.name)))


def submit(user, checkout: Checkout, key: str, *, ip: str = "") -> list[PurchaseRequest]:
    """Make one request per seller from the cart; nothing is made when any rule fails."""
    done = submitted(user, key)
    if done:
        return done
    items = cart_items(user)
    if not items:
        raise OrderError([("cart", _l("Keranjang kosong. Tambahkan produk dari katalog dulu."))])
    wrong = [(f"product-{item.product_id}", _l("Jumlah %(name)s harus antara 1 dan %(max)s.", name=item.product.name,
                                                max=MAX_QUANTITY_TEXT))
             for item in items if not 0 < checkout.quantities.get(item.id, item.quantity) <= MAX_QUANTITY]
    if wrong:
        raise OrderError(wrong)
    for item in items:
        item.quantity = checkout.quantities.get(item.id, item.quantity)
    if checkout.ppk_id not in {ppk.id for ppk in ppk_choices(user)}:
        raise OrderError([("ppk_id", _l("Pilih PPK dari OPD Anda."))])
    problems = [problem for item in items for problem in _problems(item, checkout)]
    totals = {}
    for item in items:
        totals[item.product.seller_id] = totals.get(item.product.seller_id, 0) + item.quantity * item.product.price
    if any(total > MAX_TOTAL for total in totals.values()):
        problems.append(("cart", _l("Nilai satu permintaan terlalu besar; bagi menjadi beberapa permintaan.")))
    if problems:
        raise OrderError(problems)
    requests = []
    for seller_id, lines in groupby(items, key=lambda item: item.product.seller_id):
        requests.append(_create(user, checkout, key, seller_id, list(lines), ip))
    for item in items:
        db.session.delete(item)
    db.session.flush()
    return requests


def orderable_from(product) -> datetime | None:
    """When a product listed or re-priced moments ago may be ordered (None: now). The pause
    (ORDER_COOLING_HOURS, 24 by default) stops the upload-then-buy-at-once pattern KPK found."""
    hours = current_app.config["ORDER_COOLING_HOURS"]
    changed = product.listed_or_repriced_at
    if changed is None or utcnow() - changed >= timedelta(hours=hours):
        return None
    return changed + timedelta(hours=hours)


def cooling_message(product, when: datetime):
    return _l("%(name)s baru tayang atau baru berubah harga; dapat dipesan mulai %(when)s (jeda %(hours)s jam "
              "mencegah pesanan yang diatur lebih dulu).", name=product.name, when=clock.local_text(when),
              hours=current_app.config["ORDER_COOLING_HOURS"])


def _problems(item: CartItem, checkout: Checkout) -> list[tuple[str, str]]:
    product, where = item.product, f"product-{item.product_id}"
    name = product.name
    if product.status.value != "published" or not product.seller.is_verified:
        return [(where, _l("%(name)s tidak tayang lagi; hapus dari keranjang.", name=name))]
    problems = []
    cooling_ends = orderable_from(product)
    if cooling_ends is not None:
        problems.append((where, cooling_message(product, cooling_ends)))
    if not 0 < item.quantity <= MAX_QUANTITY:
        problems.append((where, _l("Jumlah %(name)s tidak sah.", name=name)))
    elif item.quantity < product.min_order:
        problems.append((where, _l("Pesanan minimum %(name)s adalah %(min)s %(unit)s.", name=name,
                                   min=product.min_order, unit=product.unit.name)))
    if product.delivery_area is DeliveryArea.KECAMATAN and checkout.delivery_kecamatan_id not in {
            k.id for k in product.delivery_kecamatan}:
        problems.append((where, _l("%(name)s tidak diantar ke kecamatan tujuan.", name=name)))
    earliest = clock.today_local() + timedelta(days=product.lead_time_days)
    if checkout.needed_on < earliest:
        problems.append((where, _l("%(name)s perlu %(days)s hari persiapan: paling cepat %(date)s.", name=name,
                                   days=product.lead_time_days, date=clock.long_date_text(earliest))))
    if product.stock is not None and item.quantity > product.stock:
        problems.append((where, _l("Stok %(name)s tinggal %(left)s %(unit)s.", name=name, left=product.stock,
                                   unit=product.unit.name)))
    if product.capacity_per_day is not None:
        left = capacity.available(product.id, checkout.needed_on, product.capacity_per_day)
        if item.quantity > left:
            problems.append((where, _l("Kapasitas %(name)s pada tanggal itu tinggal %(left)s %(unit)s.", name=name,
                                       left=left, unit=product.unit.name)))
    return problems


def _create(user, checkout: Checkout, key: str, seller_id: int, lines: list[CartItem], ip: str) -> PurchaseRequest:
    seller = lines[0].product.seller
    request = PurchaseRequest(
        number=f"~{key[:24]}-{seller_id}", opd_id=user.opd_id, seller_id=seller_id, submitted_by_id=user.id,
        ppk_id=checkout.ppk_id, idempotency_key=key, kode_rekening=checkout.kode_rekening,
        rup_code=checkout.rup_code, fiscal_year=checkout.fiscal_year, delivery_address=checkout.delivery_address,
        delivery_kecamatan_id=checkout.delivery_kecamatan_id, recipient_name=checkout.recipient_name,
        recipient_phone=checkout.recipient_phone, needed_on=checkout.needed_on, window_start=checkout.window_start,
        window_end=checkout.window_end, notes=checkout.notes, status=RequestStatus.SUBMITTED,
        total=sum(line.quantity * line.product.price for line in lines))
    request.items = [_snapshot(line, seller) for line in lines]
    db.session.add(request)
    db.session.flush()
    request.number = f"PP/{utcnow().year}/{request.id:06d}"  # the id makes it unique and gap-free enough
    request.respond_by = clock.respond_by(utcnow())
    lifecycle_engine.record(request, "submit", user, before="draft", after=RequestStatus.SUBMITTED,
                            ip_address=(ip or "")[:45])
    notify.request_waits(request)
    return request


def _snapshot(line: CartItem, seller: Seller) -> RequestItem:
    product = line.product
    photo = product.primary_photo
    key = photo.image.derivative(320).key if photo is not None else ""
    return RequestItem(product_id=product.id, quantity=line.quantity, name=product.name,
                       unit_name=product.unit.name, unit_price=product.price,
                       price_includes_ppn=product.price_includes_ppn, seller_is_pkp=seller.is_pkp,
                       halal_status=product.halal_status.value,
                       halal_certificate_number=product.halal_certificate_number or "", photo_key=key)
