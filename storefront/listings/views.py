"""The seller's listings: list by status, create, edit, photos, submit, unpublish, republish."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from storefront import once
from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.lifecycle import allowed_actions
from storefront.listings import photos
from storefront.listings import services as listings
from storefront.listings import workflow as wf
from storefront.listings.forms import PhotoChangeForm, PhotoForm, ProductForm
from storefront.listings.models import Product, ProductEvent, ProductPhoto
from storefront.listings.workflow import ProductAction
from storefront.media.models import MediaImage
from storefront.reference.models import Category, Kecamatan, Unit
from storefront.sellers.views import own_seller
from storefront.sellers.workflow import Party
from storefront.web import edge
from storefront.web.decorators import role_required
from storefront.web.error_pages import ALREADY_DONE

bp = Blueprint("listings", __name__, url_prefix="/penjual/produk")
OWNER_ACTIONS = {"ajukan": ProductAction.SUBMIT, "tarik": ProductAction.UNPUBLISH,
                 "tayangkan": ProductAction.REPUBLISH}


def _own_product(product_id: int):
    """The signed-in seller's product with what its pages need; another seller's is a 404."""
    seller = own_seller()
    product = db.session.scalar(sa.select(Product).where(Product.id == product_id, Product.seller_id == seller.id)
                                .options(selectinload(Product.photos).selectinload(ProductPhoto.image)
                                         .selectinload(MediaImage.derivatives),
                                         selectinload(Product.delivery_kecamatan)))
    return seller, product or abort(404)


def _form(product=None) -> ProductForm:
    form = ProductForm(obj=product) if product is not None else ProductForm()  # ChoiceField reads enums
    if product is not None and request.method == "GET":
        form.delivery_kecamatan.data = [k.id for k in product.delivery_kecamatan]
    form.set_choices(
        db.session.scalars(sa.select(Category).where(Category.active.is_(True), Category.parent_id.is_not(None))
                           .order_by(Category.parent_id, Category.position)).all(),
        db.session.scalars(sa.select(Unit).where(Unit.active.is_(True)).order_by(Unit.code)).all(),
        db.session.scalars(sa.select(Kecamatan).where(Kecamatan.active.is_(True)).order_by(Kecamatan.name)).all())
    return form


@bp.get("/")
@role_required(Role.SELLER)
def product_list():
    seller = own_seller()
    products = db.session.scalars(sa.select(Product).where(Product.seller_id == seller.id)
                                  .order_by(Product.updated_at.desc())).all()
    by_status = {status: [p for p in products if p.status is status] for status in wf.ProductStatus}
    return render_template("listings/product_list.html", seller=seller, by_status=by_status, total=len(products))


@bp.route("/baru", methods=["GET", "POST"])
@role_required(Role.SELLER)
def product_new():
    seller = own_seller()
    form = _form()
    if form.validate_on_submit():
        if not once.first_post(request.form.get("form_key"), current_user.id):
            flash(ALREADY_DONE, "warning")  # its twin, posted at the same time, created it
            return redirect(url_for("listings.product_list"))
        with edge.saving(form) as saved:
            product = listings.create_product(seller, actor=current_user, values=form.values(),
                                              delivery_kecamatan_ids=form.delivery_kecamatan.data or [])
        if saved:
            flash(_("Produk disimpan sebagai draf. Tambahkan foto kemasan, lalu ajukan."), "success")
            return redirect(url_for("listings.product_photos", product_id=product.id))
    return render_template("listings/product_form.html", form=form, product=None)


@bp.route("/<int:product_id>", methods=["GET", "POST"])
@role_required(Role.SELLER)
def product_edit(product_id: int):
    seller, product = _own_product(product_id)
    form = _form(product)
    revision = listings.pending_revision(product)
    if revision is not None and request.method == "GET":
        # The seller edits the pending version, not the live one: nothing asked for gets lost.
        for key, value in revision.changes.items():
            if key in form._fields:
                form[key].data = value if value is not None else ""
    if form.validate_on_submit():
        with edge.saving(form) as saved:
            revision = listings.update_product(product, seller=seller, actor=current_user, values=form.values(),
                                               delivery_kecamatan_ids=form.delivery_kecamatan.data or [])
        if saved:
            flash(_("Perubahan dikirim ke Dinas untuk diperiksa; versi yang tayang tetap tampil sampai disetujui.")
                  if revision else _("Produk disimpan."), "success")
            return redirect(url_for("listings.product_edit", product_id=product.id))
    events = db.session.scalars(sa.select(ProductEvent).where(ProductEvent.product_id == product.id)
                                .order_by(ProductEvent.id.desc()).limit(10)).all()
    return render_template("listings/product_form.html", form=form, product=product, events=events,
                           revision=listings.pending_revision(product),
                           actions=allowed_actions(wf.PRODUCT_TRANSITIONS, product.status, {Party.OWNER}),
                           action_paths={action: path for path, action in OWNER_ACTIONS.items()})


@bp.route("/<int:product_id>/foto", methods=["GET", "POST"])
@role_required(Role.SELLER)
def product_photos(product_id: int):
    product = _own_product(product_id)[1]
    form = PhotoForm()
    if form.validate_on_submit():
        if not once.first_post(request.form.get("form_key"), current_user.id):
            flash(ALREADY_DONE, "warning")  # its twin, posted at the same time, created it
            return redirect(url_for("listings.product_photos", product_id=product.id))
        with edge.saving(form) as saved:
            photos.add_photo(product, form.photo.data, alt_text=form.alt_text.data, actor=current_user)
        if saved:
            flash(_("Foto ditambahkan."), "success")
            return redirect(url_for("listings.product_photos", product_id=product.id))
    photo_set = photos.current_set(product)
    images = {image.id: image for image in db.session.scalars(
        sa.select(MediaImage).where(MediaImage.id.in_([p["image_id"] for p in photo_set] or [0]))
        .options(selectinload(MediaImage.derivatives)))}
    return render_template("listings/product_photos.html", product=product, form=form, photo_set=photo_set,
                           images=images, max_photos=photos.MAX_PHOTOS)


@bp.post("/<int:product_id>/foto/<int:index>")
@role_required(Role.SELLER)
def photo_change(product_id: int, index: int):
    product = _own_product(product_id)[1]
    form = PhotoChangeForm()
    if not form.validate_on_submit():
        flash(_("Perubahan foto tidak dikenal."), "danger")
        return redirect(url_for("listings.product_photos", product_id=product.id))
    with edge.saving() as saved:
        photos.change(product, index, form.operation.data, actor=current_user, alt_text=form.alt_text.data or "")
    if saved:
        flash(_("Foto diperbarui."), "success")
    return redirect(url_for("listings.product_photos", product_id=product.id))


@bp.post("/<int:product_id>/<any(ajukan, tarik, tayangkan):step>")
@role_required(Role.SELLER)
def product_act(product_id: int, step: str):
    product = _own_product(product_id)[1]
    with edge.saving(not_allowed=_("Langkah ini tidak berlaku untuk status produk sekarang.")) as saved:
        listings.act(product, OWNER_ACTIONS[step], actor=current_user, party=Party.OWNER)
    if saved:
        flash({"ajukan": _("Produk diajukan ke Dinas untuk dikurasi."), "tarik": _("Produk tidak ditayangkan lagi."),
               "tayangkan": _("Produk ditayangkan kembali.")}[step], "success")
    return redirect(url_for("listings.product_edit", product_id=product.id))
