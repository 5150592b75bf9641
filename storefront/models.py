"""Every feature's models, imported so that Alembic and create_all see all tables."""
from storefront.accounts.models import AuthSession, User  # noqa: F401
from storefront.media.models import MediaDerivative, MediaImage  # noqa: F401
from storefront.reference.models import Category, City, Kecamatan, Opd, Unit  # noqa: F401
from storefront.sellers.models import Seller, SellerDocument, SellerEvent  # noqa: F401
from storefront.listings.models import (CapacityHold, Product, ProductEvent, ProductPhoto,  # noqa: F401
                                        ProductPriceHistory, ProductRevision)
from storefront.catalog.models import CatalogEntry  # noqa: F401
from storefront.procurement.models import (CartItem, Holiday, Notice, Payment, PurchaseRequest,  # noqa: F401
                                           Rating, RequestEvent, RequestItem)
from storefront.once import FormSubmission  # noqa: F401,E402
from storefront.catalog import search_index  # noqa: F401,E402  (its FTS/GIN objects)
from storefront.catalog import entries  # noqa: F401,E402  (the public read model's upkeep)
