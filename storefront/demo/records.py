"""What a demo business and product are, and the fake identifiers derived from a business's number."""
from __future__ import annotations

from dataclasses import dataclass, field

from storefront.listings.workflow import ProductStatus
from storefront.sellers.halal.claims import OutOfScopeReason
from storefront.sellers.halal.kinds import BusinessScale
from storefront.sellers.halal.statuses import HalalStatus
from storefront.sellers.workflow import SellerStatus
from storefront.timeutil import utcnow

PIRT_YEARS_LEFT = 4  # P-IRT end year: four years ahead, within the 5 years a P-IRT may run


@dataclass(frozen=True)
class DemoProduct:
    name: str
    category: str  # category slug (storefront/reference/data/catalog.json)
    unit: str  # unit code
    price: int
    description: str
    shape: str  # the drawn package: box | jar | bottle | pouch | cloth | plaque | bag | folder
    status: ProductStatus = ProductStatus.PUBLISHED
    photos: int = 1
    halal: HalalStatus | None = None  # default: the business's
    # P-IRT: first digit the packaging (1 glass, 2 plastic, 3 paper), then the food type (docs/domain.md, "P-IRT").
    pirt: str = ""  # e.g. "306": packaging 3, food type 06 (tepung dan hasil olahannya)
    bpom: bool = False
    capacity_per_day: int | None = 30
    stock: int | None = None
    min_order: int = 1
    lead_time_days: int = 1
    delivery_kecamatan: tuple[str, ...] = ()  # empty: the whole city
    reason: str = ""  # for a revision request, rejection or suspension
    field_reasons: dict = field(default_factory=dict)
    earlier_price: int | None = None  # listed at this price first, then repriced (an approved revision)
    pending_price: int | None = None  # a price change waiting for review beside the live listing
    back_lines: tuple[str, ...] = ()  # extra lines on the drawn back label


@dataclass(frozen=True)
class DemoBusiness:
    number: int  # 1-20; every fake identifier is derived from it
    name: str
    kecamatan: str
    owner: str
    halal: HalalStatus
    permit: str  # "pirt" | "slhs" | "bpom" | "" (none needed)
    registry_category: str
    description: str
    address: str
    status: SellerStatus = SellerStatus.VERIFIED
    email: str | None = None  # default umkmNN@etalase.example; None for an invited business
    scale: BusinessScale = BusinessScale.MIKRO
    out_of_scope: OutOfScopeReason | None = None
    reason: str = ""  # rejection or suspension
    field_reasons: dict = field(default_factory=dict)  # revision request
    products: tuple[DemoProduct, ...] = ()

    @property
    def nib(self) -> str:
        return f"90000000000{self.number:02d}"

    @property
    def halal_number(self) -> str:
        return f"ID12110000000{self.number:02d}0925"  # Sumut (12), issued 09/2025

    @property
    def whatsapp(self) -> str:
        return f"0812-0000-00{self.number:02d}"

    @property
    def owner_email(self) -> str | None:
        if self.status is SellerStatus.INVITED:
            return None
        return self.email or f"umkm{self.number:02d}@etalase.example"

    def pirt_number(self, product_index: int, product: DemoProduct) -> str:
        """Packaging and food type, Medan (1271), product serial, IRTP serial 00NN, end year."""
        end_year = (utcnow().year + PIRT_YEARS_LEFT) % 100
        return f"{product.pirt}1271{product_index + 1:02d}00{self.number:02d}{end_year:02d}"

    def bpom_number(self, product_index: int) -> str:
        return f"MD00000{self.number:02d}1271{product_index + 1}"

    @property
    def slhs_number(self) -> str:
        return f"CONTOH/SLHS/1271/{self.number:04d}/2025"
