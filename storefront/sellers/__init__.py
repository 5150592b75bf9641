"""Sellers: the UMKM binaan registry, onboarding, profiles, documents and verification (products: listings/)."""
