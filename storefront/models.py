"""Every feature's models, imported so that Alembic and create_all see all tables."""
from storefront.accounts.models import AuthSession, User  # noqa: F401
from storefront.reference.models import Category, City, Kecamatan, Opd, Unit  # noqa: F401
