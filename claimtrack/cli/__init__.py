"""The command line: parse options, call the library, format what it returns."""

from claimtrack.cli.main import app

__all__ = ["app"]
