"""Sellers: UMKM binaan registry, onboarding, profiles, documents, verification and product listings."""
