"""Catalog: the product models and the public read side: catalog entries, full-text search, the
home, results, product and seller pages, and sitemaps."""
