"""Reports: one Report model from the store, rendered as Markdown, HTML, JSON, CSV, ClaimReview."""
