"""Media: uploaded photos made into WebP derivatives, stored by content and served; uploaded PDFs made inert."""
