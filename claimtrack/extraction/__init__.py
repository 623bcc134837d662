"""Extraction, pure: an article's text to attributed claims (clean, segment, attribution)."""
