"""Renderers: each lays out a Report in one format and escapes untrusted text for it."""
