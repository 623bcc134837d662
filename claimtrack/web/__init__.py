"""The review room: `claimtrack serve`, a local web application over the same database.

Server-rendered pages (Starlette and Jinja2) that call the library functions
the CLI calls, so every decision, verdict and correction made in a browser
leaves the same record as one made on the command line. `app.create_app`
builds it; `security.py` holds what keeps it safe to run.
"""
