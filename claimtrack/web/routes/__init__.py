"""The review room's pages, one module per part of the desk's work."""
