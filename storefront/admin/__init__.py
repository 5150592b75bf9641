"""Back office: users and OPD staff, reference data (admin edits; auditor reads)."""
