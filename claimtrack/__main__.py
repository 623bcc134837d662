"""`python -m claimtrack`: the command line without the console script on PATH."""

from claimtrack.cli.main import app

app(prog_name="claimtrack")
