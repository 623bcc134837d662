"""The environment variables claimtrack reads, each named once.

The library itself reads only ``CLAIMTRACK_DB`` (when no URL is passed); the rest
back command-line options, and `--help` shows them next to the option.
"""

from __future__ import annotations

DEFAULT_DB = "claimtrack.db"
ENV_DB = "CLAIMTRACK_DB"
ENV_WORKERS = "CLAIMTRACK_WORKERS"
ENV_MAX_SIZE = "CLAIMTRACK_MAX_SIZE"
ENV_REVIEWER = "CLAIMTRACK_REVIEWER"
ENV_ORG_NAME = "CLAIMTRACK_ORG_NAME"
ENV_ORG_URL = "CLAIMTRACK_ORG_URL"
ENV_REVIEW_URL = "CLAIMTRACK_REVIEW_URL"
