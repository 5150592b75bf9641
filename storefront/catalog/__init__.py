"""Catalog: the public read side (home page now; listings and search come with the catalog issue)."""
