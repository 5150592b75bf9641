"""Procurement: the cart, purchase requests from submission to payment, their documents and audit."""
