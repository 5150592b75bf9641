"""Listings: sellers' products from draft through curation to published, with their photos, revisions,
stock and capacity, and the rule of who may see them."""
