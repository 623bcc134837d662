"""Linking: claims about one proposition across articles (compare is pure, the linker stores)."""
