"""Demo data for trying Etalase: fictional Medan accounts, sellers, products and purchase requests."""
