"""Ingest: read paths into articles, extract, store and link them one article at a time."""
