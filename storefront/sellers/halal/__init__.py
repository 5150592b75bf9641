"""Halal status of a product: the seven statuses, the badge rule and the mandatory deadlines. Pure.

Nothing here knows about a product row: callers pass the status, the certificate number, the
category kind of the product's category and the seller's scale.

The statuses, their labels and the badge rule are in statuses; category kinds and business
scale in kinds; the deadlines (and the banner) in deadlines; validating a product form's halal
fields in claims. Each module cites its rules in docs/domain.md. Import a name from the
module that defines it: this package re-exports nothing.
"""
