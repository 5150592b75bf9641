"""Demo data: fictional Medan accounts (and later sellers, products, requests) for trying Etalase."""
