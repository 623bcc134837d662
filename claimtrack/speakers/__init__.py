"""Cross-article speaker identity: name keys, and when two records are one speaker (pure)."""
