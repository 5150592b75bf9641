"""Demo sellers and products: the 20 fictional UMKM of docs/domain.md, "Demo data", in every status.

Everything here is invented: business and owner names, addresses and numbers. Identifiers are
syntactically valid but obviously fake: NIB 90000000000NN, halal ID12110000000NN0925,
P-IRT with Medan's code 1271, IRTP serial 00NN and an end year four years ahead, WhatsApp
0812-0000-00NN, BPOM MD00000NN1271k. Permit dates are relative to the day of seeding, so no
demo permit runs out while the demo is in use. Medan Timur is left without a seller on purpose
(empty filters).

Every status is reached through the real services, with the demo verifier deciding where a
verifier decides, so events, price history, revisions and photo derivatives are the real thing:
registry entry (registry.services.add_entry) -> registration (services.register) -> profile and
documents -> submit -> verifier decision; products are created, photographed (Pillow drawings
through media.store_upload), submitted and decided through listings and photos.

Idempotent: a business whose NIB exists is skipped whole (the seed runs in one transaction).

The businesses are data in demo/businesses.py, their shape and fake identifiers in demo/records.py.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from PIL import Image, ImageDraw
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value
from werkzeug.datastructures import FileStorage

from storefront.accounts.models import User
from storefront.demo import packaging
from storefront.demo.businesses import BUSINESSES, DEMO_CITY
from storefront.demo.records import DemoBusiness, DemoProduct
from storefront.extensions import db
from storefront.listings import photos
from storefront.listings import services as listings
from storefront.listings.models import DeliveryArea, Product
from storefront.listings.workflow import ProductAction, ProductStatus
from storefront.reference.models import Category, City, Kecamatan, Unit
from storefront.sellers import documents, services
from storefront.sellers.halal.statuses import HalalStatus
from storefront.sellers.models import DocumentKind, Seller
from storefront.sellers.registry import services as registry_services
from storefront.sellers.workflow import Party, SellerAction, SellerStatus
from storefront.timeutil import local_today

CERTIFIED = (HalalStatus.CERTIFIED_REGULAR, HalalStatus.CERTIFIED_SELF_DECLARE)


def owner_accounts() -> list[tuple[str, str]]:
    """(email, name) of the owner accounts this seed creates besides the demo accounts: umkmNN@."""
    return [(b.owner_email, b.owner) for b in BUSINESSES
            if b.owner_email is not None and b.email is None]


# --- the seed -------------------------------------------------------------------------------------------

@dataclass
class _Context:
    city: City
    verifier: User
    password: str
    kecamatan: dict[str, int]
    categories: dict[str, int]
    units: dict[str, int]


def seed_demo_sellers(city: City, *, verifier_email: str, password: str) -> list[Seller]:
    """Create the demo businesses that do not exist yet (by NIB); returns those created. Flushes.

    Only for Medan: the businesses, their kecamatan and the P-IRT region code are Medan's.
    """
    if city.slug != DEMO_CITY:
        return []
    existing = set(db.session.scalars(sa.select(Seller.nib).where(Seller.nib.in_([b.nib for b in BUSINESSES]))))
    wanted = [business for business in BUSINESSES if business.nib not in existing]
    if not wanted:
        return []
    verifier = db.session.scalar(sa.select(User).where(User.email == verifier_email))
    if verifier is None:
        raise LookupError(f"the demo verifier {verifier_email} must be seeded first")
    context = _Context(
        city=city, verifier=verifier, password=password,
        kecamatan=dict(db.session.execute(sa.select(Kecamatan.name, Kecamatan.id)
                                          .where(Kecamatan.city_id == city.id)).all()),
        categories=dict(db.session.execute(sa.select(Category.slug, Category.id)).all()),
        units=dict(db.session.execute(sa.select(Unit.code, Unit.id)).all()))
    return [_seed_business(business, context) for business in wanted]


def _seed_business(business: DemoBusiness, context: _Context) -> Seller:
    verifier = context.verifier
    # The Dinas keeps the registry: an invited entry with an invitation code.
    seller = registry_services.add_entry(
        actor=verifier, city_id=context.city.id, business_name=business.name, owner_name=business.owner,
        nib=business.nib, kecamatan_id=context.kecamatan[business.kecamatan], whatsapp=business.whatsapp,
        address=f"{business.address}, Kecamatan {business.kecamatan}, Kota Medan",
        category=business.registry_category)
    seller.is_demo = True
    if business.status is SellerStatus.INVITED:
        return seller
    owner = _register(seller, business, context)
    services.update_profile(seller, actor=owner, values={
        "scale": business.scale, "description": business.description, "bank_name": "Bank Contoh Daerah",
        "bank_account_number": f"99900000{business.number:02d}", "bank_account_holder": business.owner})
    _add_documents(seller, business, owner)
    if business.status is SellerStatus.REGISTERED:
        _seed_products(seller, business, owner, context)
        return seller
    _load_documents(seller)  # readiness reads them (lazy="raise")
    services.act(seller, SellerAction.SUBMIT, actor=owner, party=Party.OWNER)
    if business.status in (SellerStatus.SUBMITTED, SellerStatus.REVISION_REQUESTED, SellerStatus.REJECTED):
        _seed_products(seller, business, owner, context)  # drafts made while the profile was checked
        if business.status is SellerStatus.REVISION_REQUESTED:
            services.act(seller, SellerAction.REQUEST_REVISION, actor=verifier, party=Party.VERIFIER,
                         field_reasons=business.field_reasons)
        elif business.status is SellerStatus.REJECTED:
            services.act(seller, SellerAction.REJECT, actor=verifier, party=Party.VERIFIER, reason=business.reason)
        return seller
    services.act(seller, SellerAction.APPROVE, actor=verifier, party=Party.VERIFIER)
    _seed_products(seller, business, owner, context)
    if business.status is SellerStatus.SUSPENDED:
        services.act(seller, SellerAction.SUSPEND, actor=verifier, party=Party.VERIFIER, reason=business.reason)
    return seller


def _register(seller: Seller, business: DemoBusiness, context: _Context) -> User:
    """The owner registers with the invitation: a new account (umkmNN@), or the existing demo account."""
    email = business.owner_email
    user = db.session.scalar(sa.select(User).where(User.email == email))
    if user is None:
        return services.register(seller.invitation_code, email=email, name=business.owner, password=context.password)
    # The demo seller accounts exist already (seeded with the other demo accounts).
    services.attach_owner(seller, user)
    return user


def _load_documents(seller: Seller) -> None:
    db.session.scalar(sa.select(Seller).where(Seller.id == seller.id).options(selectinload(Seller.documents)))


def _add_documents(seller: Seller, business: DemoBusiness, owner: User) -> None:
    """NIB, and the halal certificate and permits the business has, as drawn PDFs marked CONTOH."""
    today = local_today()
    docs = [(DocumentKind.NIB, business.nib, today - timedelta(days=800), None)]
    if business.halal in CERTIFIED:  # issued 09/2025, as the number says; valid while the recipe holds
        docs.append((DocumentKind.HALAL, business.halal_number, min(date(2025, 9, 15), today), None))
    if business.permit == "slhs":  # valid 3 years
        docs.append((DocumentKind.SLHS, business.slhs_number, today - timedelta(days=200),
                     today + timedelta(days=3 * 365 - 200)))
    for index, product in enumerate(business.products):
        if product.pirt:  # valid until the end of the year in its last two digits
            docs.append((DocumentKind.PIRT, business.pirt_number(index, product), today - timedelta(days=300), None))
        if product.bpom:
            docs.append((DocumentKind.BPOM, business.bpom_number(index), today - timedelta(days=400),
                         today + timedelta(days=5 * 365 - 400)))
    for kind, number, issued_on, expires_on in docs:
        documents.add_document(seller, actor=owner, kind=kind, number=number, issued_on=issued_on,
                               expires_on=expires_on, upload=_upload(_document_pdf(kind, number, business),
                                                                    f"{kind.value}.pdf", "application/pdf"))


def _seed_products(seller: Seller, business: DemoBusiness, owner: User, context: _Context) -> None:
    verifier = context.verifier
    for index, item in enumerate(business.products):
        values = _values(business, index, item, context, price=item.earlier_price or item.price)
        delivery = [context.kecamatan[name] for name in item.delivery_kecamatan]
        product = listings.create_product(seller, actor=owner, values=values, delivery_kecamatan_ids=delivery)
        product.is_demo = True
        set_committed_value(product, "photos", [])  # new, so none; photos.add_photo reads the list
        _add_photos(product, business, index, item, owner)
        if item.status is ProductStatus.DRAFT:
            continue
        listings.act(product, ProductAction.SUBMIT, actor=owner, party=Party.OWNER)
        if item.status is ProductStatus.IN_REVIEW:
            continue
        if item.status is ProductStatus.REVISION_REQUESTED:
            listings.act(product, ProductAction.REQUEST_REVISION, actor=verifier, party=Party.VERIFIER,
                         reason=item.reason, field_reasons=item.field_reasons)
            continue
        if item.status is ProductStatus.REJECTED:
            listings.act(product, ProductAction.REJECT, actor=verifier, party=Party.VERIFIER, reason=item.reason)
            continue
        listings.act(product, ProductAction.APPROVE, actor=verifier, party=Party.VERIFIER, verified_claims=True)
        if item.earlier_price:  # repriced since, and the verifier approved the new price
            revision = listings.update_product(product, seller=seller, actor=owner, delivery_kecamatan_ids=delivery,
                                               values=_values(business, index, item, context, price=item.price))
            listings.decide_revision(revision, product=product, actor=verifier, approve=True)
        if item.pending_price:  # a price change waiting for the verifier; the old price stays live
            listings.update_product(product, seller=seller, actor=owner, delivery_kecamatan_ids=delivery,
                                    values=_values(business, index, item, context, price=item.pending_price))
        if item.status is ProductStatus.UNPUBLISHED:
            listings.act(product, ProductAction.UNPUBLISH, actor=owner, party=Party.OWNER)
        elif item.status is ProductStatus.SUSPENDED:
            listings.act(product, ProductAction.SUSPEND, actor=verifier, party=Party.VERIFIER, reason=item.reason)


def _values(business: DemoBusiness, index: int, item: DemoProduct, context: _Context, *, price: int) -> dict:
    """Every field of the product form (update_product takes the whole form, not a partial change)."""
    halal = item.halal or business.halal
    return {
        "name": item.name, "description": item.description, "category_id": context.categories[item.category],
        "unit_id": context.units[item.unit], "price": price, "price_includes_ppn": False,
        "min_order": item.min_order, "capacity_per_day": item.capacity_per_day, "stock": item.stock,
        "lead_time_days": item.lead_time_days,
        "delivery_area": (DeliveryArea.KECAMATAN if item.delivery_kecamatan else DeliveryArea.CITY).value,
        "halal_status": halal.value,
        "halal_certificate_number": business.halal_number if halal in CERTIFIED else "",
        "non_halal_ingredient": "",
        "halal_out_of_scope_reason": business.out_of_scope.value if halal is HalalStatus.OUT_OF_SCOPE else None,
        "pirt_number": business.pirt_number(index, item) if item.pirt else "",
        "bpom_number": business.bpom_number(index) if item.bpom else "",
        "export_ready": False,
    }


def _add_photos(product: Product, business: DemoBusiness, index: int, item: DemoProduct, owner: User) -> None:
    back = list(item.back_lines)
    if item.pirt:
        pirt = business.pirt_number(index, item)
        back.append(f"P-IRT No. {pirt[:13]}-{pirt[13:]}")
    if item.bpom:
        back.append(f"BPOM RI {business.bpom_number(index)[:2]} {business.bpom_number(index)[2:]}")
    halal = item.halal or business.halal
    if halal in CERTIFIED:
        back.append(f"Sertifikat halal {business.halal_number}")
    back.append(f"Diproduksi oleh {business.name}, {business.kecamatan}, Kota Medan")
    back.append(f"WhatsApp {business.whatsapp}")
    for view in packaging.VIEWS[:item.photos]:
        data = packaging.draw_photo(packaging.PhotoSpec(item.name, business.name, item.category, item.shape,
                                                        view=view, back_lines=tuple(back)))
        photos.add_photo(product, _upload(data, f"foto-{view}.jpg", "image/jpeg"),
                         alt_text=packaging.alt_text(item.name, item.shape, view), actor=owner)


def _upload(data: bytes, filename: str, content_type: str) -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=filename, content_type=content_type)


DOCUMENT_TITLES = {
    DocumentKind.NIB: "Nomor Induk Berusaha (NIB)",
    DocumentKind.HALAL: "Sertifikat Halal",
    DocumentKind.PIRT: "Sertifikat Produksi Pangan Industri Rumah Tangga (SPP-IRT)",
    DocumentKind.BPOM: "Izin Edar BPOM",
    DocumentKind.SLHS: "Sertifikat Laik Higiene Sanitasi (SLHS)",
}


def _document_pdf(kind: DocumentKind, number: str, business: DemoBusiness) -> bytes:
    """A one-page PDF that says plainly it is a fictional sample document."""
    page = Image.new("RGB", (595, 842), "white")  # A4 at 72 dpi
    draw = ImageDraw.Draw(page)
    draw.rectangle((20, 20, 575, 822), outline=(120, 120, 120), width=2)
    lines = [("DOKUMEN CONTOH - FIKTIF", 28, (170, 30, 30)), (DOCUMENT_TITLES[kind], 20, (30, 30, 30)),
             (f"Nomor: {number}", 20, (30, 30, 30)), (business.name, 18, (60, 60, 60)),
             (f"Pemilik: {business.owner}", 16, (60, 60, 60)), (f"Kecamatan {business.kecamatan}, Kota Medan", 16,
                                                                 (60, 60, 60)),
             ("Data contoh Etalase: nama, nomor dan produk fiktif.", 14, (170, 30, 30))]
    y = 60
    for text, size, colour in lines:
        y = packaging.write_text(draw, (50, y), text, packaging.label_font(size), 495, colour, lines=3) + 14
    buffer = io.BytesIO()
    page.save(buffer, "PDF", resolution=72.0)
    return buffer.getvalue()
