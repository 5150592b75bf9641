"""Every feature's models, imported so that Alembic and create_all see all tables."""
from storefront.accounts.models import AuthSession, User  # noqa: F401
from storefront.catalog import (
    entries,  # noqa: F401  (the public read model's upkeep)
    search_index,  # noqa: F401  (its FTS/GIN objects)
)
from storefront.catalog.models import CatalogEntry  # noqa: F401
from storefront.listings.models import (  # noqa: F401
    CapacityHold,
    Product,
    ProductEvent,
    ProductPhoto,
    ProductPriceHistory,
    ProductRevision,
)
from storefront.media.models import MediaDerivative, MediaImage  # noqa: F401
from storefront.once import FormSubmission  # noqa: F401
from storefront.procurement.models import (  # noqa: F401
    CartItem,
    Holiday,
    Notice,
    Payment,
    PurchaseRequest,
    Rating,
    RequestEvent,
    RequestItem,
)
from storefront.reference.models import Category, City, Kecamatan, Opd, Unit  # noqa: F401
from storefront.sellers.models import Seller, SellerDocument, SellerEvent  # noqa: F401
