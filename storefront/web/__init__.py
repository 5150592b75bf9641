"""Web plumbing shared by every feature: request guards, route decorators, the form base and fields,
safe redirects and parameters, absolute addresses, navigation, the language switch and the page cache."""
