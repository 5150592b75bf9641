"""Indonesian identifiers: normalise, validate, explain, format and mask. Pure: no app, no database.

Every validator first normalises what the seller typed (spaces, dots, dashes and slashes
removed, letters uppercased, full-width characters folded, a leading label such as "NIB:" or
"BPOM RI" dropped), then checks the shape and returns the canonical value to store. When the
shape is wrong it raises `InvalidIdentifier`, whose str() is a message in plain Indonesian
saying what the number looks like and where to find it (lazily translated, so it is rendered
in the visitor's language when shown).

Hard rules raise; soft rules (a NIK whose birth date looks odd, a P-IRT from another city, a
BPJPH number whose province digits are unknown) only return warnings, because they are
plausibility checks and a wrong rejection would stop a real seller
(docs/domain.md, "Normalising, hard and soft rules").

The shared pieces (the error, normalising, province codes) are in core; NIB, NPWP, NITKU and
NIK in business; P-IRT, BPOM and halal certificate numbers in permits; mobile/WhatsApp numbers
in contact; masking in masking. Each module cites its rules in docs/domain.md. Import a
name from the module that defines it: this package re-exports nothing.
"""
