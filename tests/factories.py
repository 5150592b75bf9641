"""Small factories for test data: committed rows with sensible defaults.

Each call runs in its own app context and returns a detached object with its columns loaded.
No context stays pushed during a test: in Flask 3 a request reuses an already pushed app
context (and its `g` and database session), which would hide bugs that real requests show.
"""
from __future__ import annotations

import itertools
from contextlib import contextmanager

import sqlalchemy as sa

from storefront.accounts import passwords
from storefront.accounts.models import User
from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.reference import services as reference
from storefront.reference.models import City, Kecamatan, Opd
from storefront.sellers.halal.kinds import BusinessScale
from storefront.sellers.models import Seller
from storefront.sellers.workflow import SellerStatus
from storefront.timeutil import utcnow
from tests import database

_sequence = itertools.count(1)


class Factory:
    def __init__(self, app, *, password: str):
        self.app = app
        self.password = password
        self._hash = passwords.hash_password(password, "scrypt:1024:8:1")

    @contextmanager
    def _session(self):
        with self.app.app_context():
            yield db.session

    @staticmethod
    def _detach(session, obj):
        session.commit()
        session.refresh(obj)
        session.expunge(obj)
        return obj

    def city(self) -> City:
        with self._session() as session:
            city = session.scalar(sa.select(City).order_by(City.id).limit(1))
            if city is None:
                city = City(slug="medan", code="12.71", name="Kota Medan", province="Sumatera Utara",
                            dinas_name="Dinas Koperasi UKM Perindag Kota Medan", dinas_short_name="Diskop")
                session.add(city)
            return self._detach(session, city)

    def reference(self, city: str = "medan") -> City:
        """The full seeded reference data of a city. On an empty database (most tests start with
        it) a copy of the run's first seeding, which is much cheaper than seeding again."""
        template = f"reference {city}"
        if database.can_save(self.app) and database.is_empty(self.app):
            if database.saved(template):
                database.load(self.app, template)
                with self._session() as session:
                    return self._detach(session, session.scalar(sa.select(City).order_by(City.id).limit(1)))
            with self._session() as session:
                seeded = self._detach(session, reference.seed_reference(city))
            database.save(self.app, template, with_files=False)
            return seeded
        with self._session() as session:
            return self._detach(session, reference.seed_reference(city))

    def opd(self, name: str | None = None, **values) -> Opd:
        city_id = self.city().id
        with self._session() as session:
            opd = Opd(city_id=city_id, name=name or f"Dinas Uji {next(_sequence)}", **values)
            session.add(opd)
            return self._detach(session, opd)

    def user(self, role: Role = Role.PEMESAN, *, email: str | None = None, opd: Opd | None = None,
             **values) -> User:
        if role.needs_opd and opd is None:
            opd = self.opd()
        with self._session() as session:
            user = User(email=email or f"{role.value}{next(_sequence)}@uji.example",
                        name=values.pop("name", f"Pengguna {role.value}"), role=role,
                        opd_id=opd.id if role.needs_opd else None, password_hash=self._hash, **values)
            session.add(user)
            return self._detach(session, user)

    def kecamatan(self) -> Kecamatan:
        city_id = self.city().id
        with self._session() as session:
            kecamatan = session.scalar(sa.select(Kecamatan).order_by(Kecamatan.id).limit(1))
            if kecamatan is None:
                kecamatan = Kecamatan(city_id=city_id, code="12.71.01", name="Medan Kota")
                session.add(kecamatan)
            return self._detach(session, kecamatan)

    def seller(self, status: SellerStatus = SellerStatus.VERIFIED, *, owner: User | None = None,
               **values) -> Seller:
        """A seller in `status`: invited ones have no owner; others a complete profile and an owner."""
        city_id, kecamatan_id = self.city().id, self.kecamatan().id
        n = next(_sequence)
        if status is not SellerStatus.INVITED and owner is None:
            owner = self.user(Role.SELLER)
        profile = {} if status is SellerStatus.INVITED else {
            "owner_name": "Pemilik Uji", "address": f"Jl. Uji No. {n}", "kecamatan_id": kecamatan_id,
            "whatsapp": "6281234567890", "scale": BusinessScale.MIKRO, "bank_name": "Bank Sumut",
            "bank_account_number": "1234567890", "bank_account_holder": "Pemilik Uji"}
        fields = {"city_id": city_id, "business_name": f"Usaha Uji {n}", "invitation_code": f"UJI-{n:04d}-TEST",
                  "nib": f"{9000000000000 + n}", "status": status, "owner_id": owner.id if owner else None,
                  **profile, **values}
        with self._session() as session:
            seller = Seller(**fields)
            session.add(seller)
            return self._detach(session, seller)

    def product(self, seller: Seller, *, status=None, category: str | None = None, **values):
        """A listing of `seller` (published by default) in the first seeded food category, or in
        the category with slug `category`."""
        from storefront.listings.models import Product
        from storefront.listings.workflow import ProductStatus
        from storefront.reference.models import Category, Unit
        from storefront.sellers.halal.statuses import HalalStatus
        from storefront.timeutil import utcnow

        with self._session() as session:
            wanted = Category.slug == category if category else Category.parent_id.is_not(None)
            category_id = session.scalar(sa.select(Category.id).where(wanted).order_by(Category.id).limit(1))
            unit_id = session.scalar(sa.select(Unit.id).order_by(Unit.id).limit(1))
            fields = {"seller_id": seller.id, "category_id": category_id, "unit_id": unit_id,
                      "name": f"Produk Uji {next(_sequence)}", "price": 25000, "capacity_per_day": 10,
                      "halal_status": HalalStatus.IN_PROCESS, "status": status or ProductStatus.PUBLISHED,
                      "published_at": utcnow(), **values}
            product = Product(**fields)
            session.add(product)
            return self._detach(session, product)

    def photo(self, product, *, primary: bool = True, alt_text: str = "Kemasan depan", colour=(180, 40, 40)):
        """A real packaging photo (Pillow-made, through the media service) on `product`."""
        import io

        from PIL import Image

        from storefront.listings.models import ProductPhoto
        from storefront.media.services import store_upload

        data = io.BytesIO()
        Image.new("RGB", (640, 480), colour).save(data, "PNG")
        data.seek(0)
        with self._session() as session:
            owner_id = session.scalar(sa.select(Seller.owner_id).where(Seller.id == product.seller_id))
            image = store_upload(data, owner=session.get(User, owner_id))
            photo = ProductPhoto(product_id=product.id, image_id=image.id, is_primary=primary, alt_text=alt_text)
            session.add(photo)
            return self._detach(session, photo)

    def purchase_request(self, seller, product, *, opd, pemesan, ppk, status: str = "submitted", quantity: int = 2):
        """A request of `opd` to `seller` for `product`, already in `status`, with what that status
        implies (Surat Pesanan, BAST and the accepted value), written directly."""
        from datetime import date, time, timedelta

        from storefront.procurement.models import PurchaseRequest, RequestEvent, RequestItem
        from storefront.procurement.workflow import RequestStatus
        from storefront.reference.models import Kecamatan

        status = RequestStatus(status)
        past_approval = status not in (RequestStatus.SUBMITTED, RequestStatus.COUNTERED)
        with self._session() as session:
            kecamatan_id = session.scalar(sa.select(Kecamatan.id).order_by(Kecamatan.id).limit(1))
            n = next(_sequence)
            total = quantity * product.price
            # The app numbers a request by its id (PP/<year>/<id>); these count down from 999999, so a
            # request made later in the test (or after its world was copied) never takes their number.
            request = PurchaseRequest(
                number=f"PP/2026/{999_999 - n:06d}", status=status, opd_id=opd.id, seller_id=seller.id,
                submitted_by_id=pemesan.id, ppk_id=ppk.id, idempotency_key=f"uji-{n}", kode_rekening="5.1.02.01.01.0052",
                rup_code="12345678", fiscal_year=2026, delivery_address="Jl. Kapten Maulana Lubis No. 2",
                delivery_kecamatan_id=kecamatan_id, recipient_name="Bu Sari", recipient_phone="081234567890",
                needed_on=date.today() + timedelta(days=7), window_start=time(8), window_end=time(10), total=total,
                sp_number=f"SP/{n}/2026" if past_approval else None, sp_issued_at=utcnow() if past_approval else None)
            inspected = status in (RequestStatus.INSPECTED, RequestStatus.AWAITING_PAYMENT, RequestStatus.PAID,
                                   RequestStatus.COMPLETED)  # only an inspection accepts what was delivered
            if inspected:
                request.accepted_total = total
            if inspected and status is not RequestStatus.INSPECTED:
                request.bast_number, request.bast_signed_at = f"BAST/{n}/2026", utcnow()
            if status in (RequestStatus.SUBMITTED, RequestStatus.APPROVED, RequestStatus.COUNTERED):
                request.respond_by = utcnow() + timedelta(days=3)
            request.items = [RequestItem(product_id=product.id, quantity=quantity, name=product.name, unit_name="kotak",
                                         unit_price=product.price, price_includes_ppn=False, seller_is_pkp=False,
                                         halal_status="in_process", accepted_quantity=quantity if inspected else None)]
            session.add(request)
            session.flush()
            from storefront.procurement import issuance  # the documents it carries, frozen as issued
            if request.sp_number:
                issuance.issue(request, "sp", request.sp_issued_at)
            if request.bast_number:
                issuance.issue(request, "bast", request.bast_signed_at)
            session.add(RequestEvent(request_id=request.id, actor_id=pemesan.id, actor_role="pemesan", action="submit",
                                     from_status="draft", to_status=status.value))
            return self._detach(session, request)
