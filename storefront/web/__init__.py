"""Web plumbing shared by every feature: decorators, safe redirects, form base, navigation."""
