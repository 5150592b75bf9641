"""`flask seed-bench --products 100000 [--seed 1]`: a large, realistic catalog for benchmarks, fast.

Rows go in with bulk Core inserts (executemany, BATCH rows at a time) instead of the services,
which would take hours for 100,000 products. What the services would have ensured is done here:
- the public products get their catalog entries, search terms included, from the same code as
  in the app (entries.rebuild_all); on SQLite the FTS5 triggers stay in place and fill the
  search index exactly as they do for the app;
- halal claims hold together (certified: a BPJPH number `ID12…`; legacy MUI: 14 digits; not
  halal: the ingredient; out of scope: a reason, only for kinds outside the mandatory scope);
- sellers and products are in every status of their lifecycles, with the matching timestamps.
Photos point at a pool of ~40 images stored once through the upload pipeline (bench_photos.py).
Deterministic for a given --seed. Ids are given explicitly (after any existing rows), and the
PostgreSQL sequences are moved past them at the end. (VACUUM) ANALYZE runs last.
"""
from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import timedelta

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from storefront.catalog import entries
from storefront.demo import bench_photos, bench_vocab
from storefront.extensions import db
from storefront.listings.models import DeliveryArea, Product, ProductPhoto, product_delivery_kecamatan
from storefront.listings.workflow import ProductStatus
from storefront.reference import services as reference
from storefront.reference.models import Category, Kecamatan, Unit
from storefront.sellers.halal.claims import OutOfScopeReason
from storefront.sellers.halal.kinds import BusinessScale
from storefront.sellers.halal.statuses import HalalStatus
from storefront.sellers.models import Seller
from storefront.sellers.workflow import SellerStatus
from storefront.timeutil import utcnow

BATCH = 5000
PRODUCTS_PER_SELLER = 50
SELLER_STATUSES = {SellerStatus.VERIFIED: 80, SellerStatus.SUSPENDED: 4, SellerStatus.SUBMITTED: 4,
                   SellerStatus.REGISTERED: 4, SellerStatus.INVITED: 4, SellerStatus.REVISION_REQUESTED: 3,
                   SellerStatus.REJECTED: 1}
PRODUCT_STATUSES = {ProductStatus.PUBLISHED: 84, ProductStatus.DRAFT: 4, ProductStatus.IN_REVIEW: 4,
                    ProductStatus.REVISION_REQUESTED: 2, ProductStatus.REJECTED: 1, ProductStatus.UNPUBLISHED: 3,
                    ProductStatus.SUSPENDED: 2}
SCALES = {BusinessScale.MIKRO: 70, BusinessScale.KECIL: 22, BusinessScale.MENENGAH: 8}
_FOOD = {HalalStatus.CERTIFIED_SELF_DECLARE: 30, HalalStatus.CERTIFIED_REGULAR: 12, HalalStatus.LEGACY_MUI: 4,
         HalalStatus.IN_PROCESS: 14, HalalStatus.NOT_CERTIFIED: 37, HalalStatus.NOT_HALAL: 3}
HALAL = {  # by bench_vocab kind; out of scope only where no mandatory deadline applies
    "food": _FOOD, "farm": {**_FOOD, HalalStatus.NOT_HALAL: 0},
    "textile": {HalalStatus.CERTIFIED_REGULAR: 5, HalalStatus.CERTIFIED_SELF_DECLARE: 7, HalalStatus.IN_PROCESS: 10,
                HalalStatus.NOT_CERTIFIED: 78},
    "cosmetics": {HalalStatus.CERTIFIED_REGULAR: 15, HalalStatus.CERTIFIED_SELF_DECLARE: 10, HalalStatus.LEGACY_MUI: 3,
                  HalalStatus.IN_PROCESS: 12, HalalStatus.NOT_CERTIFIED: 60},
    "craft": {HalalStatus.OUT_OF_SCOPE: 85, HalalStatus.NOT_CERTIFIED: 15},
    "office": {HalalStatus.OUT_OF_SCOPE: 90, HalalStatus.NOT_CERTIFIED: 10},
    "service": {HalalStatus.OUT_OF_SCOPE: 95, HalalStatus.NOT_CERTIFIED: 5},
}
PHOTO_COUNTS = {0: 20, 1: 35, 2: 15, 3: 15, 4: 5, 5: 3, 6: 7}  # 20 % without a photo, some with 6
# Were published once.
SHOW_PUBLISHED = frozenset({ProductStatus.PUBLISHED, ProductStatus.UNPUBLISHED, ProductStatus.SUSPENDED})
SUBMITTED = SHOW_PUBLISHED | {ProductStatus.IN_REVIEW, ProductStatus.REVISION_REQUESTED, ProductStatus.REJECTED}
PACKAGING_DIGIT = {"jar": 1, "bottle": 1, "pouch": 2, "box": 3}


class SeedRefused(Exception):
    pass


def pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@dataclass
class _Seller:
    id: int
    status: SellerStatus
    kecamatan: str
    leaves: list  # the leaf categories this business mostly sells in
    since: object  # datetime: products are created after this


def seed_bench(products: int, seed: int = 1, *, force: bool = False, pool_size: int = 40,
               city_slug: str = "medan", echo=print) -> dict[str, float]:
    """Add `products` products (and products / 50 sellers); returns seconds per phase. Commits."""
    timings, started = {}, time.perf_counter()
    existing = db.session.scalar(sa.select(sa.func.count()).select_from(Product))
    if existing and not force:
        raise SeedRefused(f"Basis data ini sudah berisi {existing} produk; seed-bench hanya untuk basis data "
                          "kosong (tambahkan --force untuk tetap menambah).")
    city = reference.seed_reference(city_slug)
    pool = bench_photos.image_pool(pool_size)
    db.session.commit()
    timings["reference data + image pool"] = _lap(started)
    rng, now = random.Random(seed), utcnow()
    kecamatan = db.session.execute(sa.select(Kecamatan.id, Kecamatan.name).where(Kecamatan.city_id == city.id)).all()
    leaves = [c for c in db.session.scalars(sa.select(Category).where(Category.parent_id.is_not(None)))
              if c.slug in bench_vocab.LEAVES]
    units = dict(db.session.execute(sa.select(Unit.code, Unit.id)).all())
    conn = db.session.connection()
    next_id = {t: (conn.scalar(sa.select(sa.func.max(t.c.id))) or 0) + 1
               for t in (Seller.__table__, Product.__table__, ProductPhoto.__table__)}

    mark = time.perf_counter()
    sellers = _sellers(rng, max(8, products // PRODUCTS_PER_SELLER), next_id[Seller.__table__], city.id,
                       kecamatan, leaves, now, conn)
    timings[f"{len(sellers)} sellers"] = _lap(mark)

    mark = time.perf_counter()
    makers = [s for s in sellers if s.status is not SellerStatus.INVITED]  # an invited business has no account yet
    weights = [min(rng.paretovariate(1.3), 40)
               * (1 if s.status in (SellerStatus.VERIFIED, SellerStatus.SUSPENDED) else 0.15) for s in makers]
    owners = rng.choices(makers, weights=weights, k=products)
    # Product ids follow creation time, as they would in a live catalog.
    plan = sorted(((o.since + (now - o.since) * rng.random(), o) for o in owners), key=lambda item: item[0])
    photo_id, counts = next_id[ProductPhoto.__table__], {"photos": 0}
    for start in range(0, products, BATCH):
        rows, photos, delivery = [], [], []
        for offset, (created, owner) in enumerate(plan[start:start + BATCH]):
            product_id = next_id[Product.__table__] + start + offset
            row = _product(rng, product_id, owner, created, now, units, kecamatan, leaves, delivery)
            row.pop("_category")
            slug = row.pop("_slug")
            rows.append(row)
            for position, image in enumerate(_photos(rng, pool, slug)):
                photos.append({"id": photo_id, "product_id": product_id, "image_id": image.id, "position": position,
                               "is_primary": position == 0,
                               "alt_text": bench_photos.alt_text(row["name"], bench_vocab.LEAVES[slug].shape, position)})
                photo_id += 1
        for table, batch in ((Product.__table__, rows),
                             (ProductPhoto.__table__, photos), (product_delivery_kecamatan, delivery)):
            if batch:
                conn.execute(table.insert(), batch)
        counts["photos"] += len(photos)
        echo(f"  {min(start + BATCH, products):>8} produk ({time.perf_counter() - mark:.1f} s)")
    timings[f"{products} products + {counts['photos']} photos"] = _lap(mark)

    mark = time.perf_counter()
    public = entries.rebuild_all(conn)  # Core inserts bypass the flush that keeps the entries
    timings[f"{public} catalog entries"] = _lap(mark)

    mark = time.perf_counter()
    if conn.dialect.name == "postgresql":
        for table in ("sellers", "products", "product_photos"):
            conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                 f"(SELECT max(id) FROM {table}))")
    db.session.commit()
    timings["commit"] = _lap(mark)
    mark = time.perf_counter()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as analyze:
        # PostgreSQL: VACUUM also empties the GIN indexes' pending lists, which a bulk insert
        # fills and every search would scan until autovacuum comes by.
        analyze.exec_driver_sql("VACUUM ANALYZE" if analyze.dialect.name == "postgresql" else "ANALYZE")
    timings["VACUUM ANALYZE"] = _lap(mark)
    timings["total"] = _lap(started)
    return timings


def _lap(mark: float) -> float:
    return round(time.perf_counter() - mark, 2)


def _sellers(rng, count, first_id, city_id, kecamatan, leaves, now, conn) -> list[_Seller]:
    statuses = list(SELLER_STATUSES)  # one of each first, then by weight
    by_parent: dict[int, list] = {}
    for leaf in leaves:
        by_parent.setdefault(leaf.parent_id, []).append(leaf)
    rows, sellers = [], []
    for index in range(count):
        seller_id = first_id + index
        status = statuses[index] if index < len(statuses) else pick(rng, SELLER_STATUSES)
        kec_id, kec_name = rng.choice(kecamatan)
        scale = pick(rng, SCALES)
        created = now - timedelta(days=rng.uniform(60, 800))
        submitted = (created + timedelta(days=rng.uniform(1, 20))
                     if status not in (SellerStatus.INVITED, SellerStatus.REGISTERED) else None)
        verified = (submitted + timedelta(days=rng.uniform(1, 14))
                    if status in (SellerStatus.VERIFIED, SellerStatus.SUSPENDED) else None)
        group = by_parent[rng.choice(list(by_parent))]
        sellers.append(_Seller(seller_id, status, kec_name, group, verified or submitted or created))
        owner = bench_vocab.person_name(rng)
        rows.append({
            "id": seller_id, "city_id": city_id, "owner_id": None, "status": status,
            "invitation_code": f"BENCH{seller_id:011d}", "business_name": bench_vocab.business_name(rng, seller_id),
            "legal_name": f"CV Bench {seller_id}" if scale is BusinessScale.MENENGAH else "",
            "owner_name": owner, "nib": f"8{seller_id:012d}" if status is not SellerStatus.INVITED else None,
            "npwp": f"9{seller_id:015d}" if scale is not BusinessScale.MIKRO else None,
            "is_pkp": scale is BusinessScale.MENENGAH and rng.random() < 0.5, "scale": scale,
            "address": f"Jl. {rng.choice(bench_vocab.LAST_NAMES)} No. {rng.randint(1, 250)}",
            "kecamatan_id": kec_id, "kelurahan": "", "registry_category": group[0].name_id,
            "whatsapp": f"62813{seller_id:08d}"[:15],
            "description": f"Usaha {scale.value} di {kec_name}: {', '.join(c.name_id.lower() for c in group[:3])}.",
            "logo_image_id": None, "nik": None, "bank_name": "Bank Sumut" if verified else "",
            "bank_account_number": f"77{seller_id:010d}" if verified else "",
            "bank_account_holder": owner if verified else "", "is_demo": False,
            "created_at": created, "updated_at": verified or submitted or created,
            "submitted_at": submitted, "verified_at": verified,
        })
    for start in range(0, len(rows), BATCH):
        conn.execute(Seller.__table__.insert(), rows[start:start + BATCH])
    return sellers


def _product(rng, product_id, seller: _Seller, created, now, units, kecamatan, all_leaves, delivery) -> dict:
    """One products row (with `_category` and `_slug` for the caller, popped before the insert)."""
    category = rng.choice(seller.leaves) if rng.random() < 0.8 else rng.choice(all_leaves)
    leaf = bench_vocab.LEAVES[category.slug]
    name = bench_vocab.product_name(rng, leaf)
    status = (pick(rng, PRODUCT_STATUSES) if seller.status in (SellerStatus.VERIFIED, SellerStatus.SUSPENDED)
              else ProductStatus.DRAFT)
    low, high = leaf.price
    price = max(1_000, min(5_000_000, round(low * (high / low) ** rng.random() / 500) * 500))
    halal = pick(rng, HALAL[leaf.kind])
    submitted = created + timedelta(hours=rng.uniform(1, 48)) if status in SUBMITTED else None
    published = submitted + timedelta(hours=rng.uniform(2, 96)) if status in SHOW_PUBLISHED else None
    published = min(published, now) if published else None
    unit_codes = [code for code in leaf.units if code in units] or list(units)
    pirt = leaf.kind == "food" and category.slug != "katering-nasi-kotak" and rng.random() < 0.6
    if rng.random() < 0.1:
        chosen = rng.sample(kecamatan, rng.randint(1, 3))
        delivery.extend({"product_id": product_id, "kecamatan_id": kec_id} for kec_id, _ in chosen)
    return {
        "_category": category, "_slug": category.slug,
        "id": product_id, "seller_id": seller.id, "category_id": category.id,
        "unit_id": units[rng.choice(unit_codes)], "status": status, "name": name,
        "description": bench_vocab.description(rng, leaf, name, seller.kecamatan),
        "price": price, "price_includes_ppn": False, "min_order": rng.choice(leaf.min_orders),
        "capacity_per_day": None if rng.random() < 0.3 else rng.choice((5, 10, 20, 30, 50, 100, 250, 500)),
        "stock": None if rng.random() < 0.5 else rng.randint(0, 1000),
        "lead_time_days": rng.randint(*leaf.lead), "export_ready": rng.random() < 0.03,
        "delivery_area": DeliveryArea.KECAMATAN if delivery and delivery[-1]["product_id"] == product_id
        else DeliveryArea.CITY,
        "halal_status": halal,
        "halal_certificate_number": (f"ID12{rng.randrange(10**14, 10**15)}" if halal in (HalalStatus.CERTIFIED_REGULAR,
                                     HalalStatus.CERTIFIED_SELF_DECLARE) else
                                     f"{rng.randrange(10**13, 10**14)}" if halal is HalalStatus.LEGACY_MUI else ""),
        "non_halal_ingredient": rng.choice(("babi", "angciu (arak masak)")) if halal is HalalStatus.NOT_HALAL else "",
        "halal_out_of_scope_reason": (OutOfScopeReason.NOT_REGULATED if leaf.kind == "service" or rng.random() < 0.4
                                      else OutOfScopeReason.LATER_PHASE) if halal is HalalStatus.OUT_OF_SCOPE else None,
        "pirt_number": (f"{PACKAGING_DIGIT.get(leaf.shape, 2)}{rng.randint(1, 15):02d}1271"
                        f"{product_id % 100:02d}{seller.id % 10000:04d}{(now.year + 3) % 100:02d}") if pirt else "",
        "bpom_number": f"MD{rng.randrange(10**11, 10**12)}" if pirt and rng.random() < 0.08 else "",
        "claims_verified_at": published if published and halal in (HalalStatus.CERTIFIED_REGULAR,
                                                                   HalalStatus.CERTIFIED_SELF_DECLARE)
        else None,
        "is_demo": False, "created_at": created, "updated_at": published or submitted or created,
        "submitted_at": submitted, "published_at": published, "listed_or_repriced_at": published,
    }


def _photos(rng, pool: list[bench_photos.PoolImage], slug: str) -> list[bench_photos.PoolImage]:
    count = pick(rng, PHOTO_COUNTS)
    if not count:
        return []
    own = [image for image in pool if image.category_slug == slug]
    first = rng.choice(own) if own else rng.choice(pool)
    return [first] + rng.sample([image for image in pool if image is not first], min(count, len(pool)) - 1)


@click.command("seed-bench")
@click.option("--products", type=click.IntRange(1, 5_000_000), default=10_000, show_default=True)
@click.option("--seed", type=int, default=1, show_default=True, help="Same seed, same catalog.")
@click.option("--force", is_flag=True, help="Add products even when the database already holds some.")
@click.option("--images", type=click.IntRange(6, 500), default=40, show_default=True, help="Photo pool size.")
@with_appcontext
def seed_bench_command(products: int, seed: int, force: bool, images: int) -> None:
    """Fill the catalog with generated sellers and products for benchmarks. Refused in production."""
    from storefront.web import page_cache

    if current_app.config["ETALASE_ENV"] == "production":
        raise click.ClickException("seed-bench tidak boleh dijalankan di produksi.")
    try:
        timings = seed_bench(products, seed, force=force, pool_size=images,
                             city_slug=current_app.config["ETALASE_CITY"], echo=click.echo)
    except SeedRefused as error:
        raise click.ClickException(str(error)) from error
    page_cache.invalidate()  # the pages cached before the seed are stale
    for phase, seconds in timings.items():
        click.echo(f"{phase:<60} {seconds:>8.2f} s")
