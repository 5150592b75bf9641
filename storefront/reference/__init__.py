"""Reference data: the city, its kecamatan, its OPDs, product categories and units."""
