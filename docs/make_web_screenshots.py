"""Serve the seeds' review room and screenshot two of its pages in headless Chromium.

    python docs/make_web_screenshots.py        # writes docs/web-disputes.png and docs/web-claim.png

Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them) and
the `test` extra (Selenium). The seeds are ingested into a temporary SQLite
database, one dispute is reviewed and one link confirmed, so the pictures show
a verdict and a decision; the server runs in a thread on a free port.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimtrack.ingest.pipeline import ingest  # noqa: E402
from claimtrack.link.linker import Linker  # noqa: E402
from claimtrack.models import LinkStatus  # noqa: E402
from claimtrack.query.disputes import disputes  # noqa: E402
from claimtrack.query.reviews import record_review  # noqa: E402
from claimtrack.store.database import open_store  # noqa: E402

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--window-size=1280,1000",
]


def seed_database(directory: Path) -> tuple[str, int]:
    """The seeds with a verdict on the troop dispute; returns the path and a claim to show."""
    db = str(directory / "seeds.db")
    os.chdir(ROOT)  # stored as "seeds/…", as `claimtrack ingest seeds/` stores them: no home path
    with open_store(db) as store:
        ingest(store, ["seeds"])
        linker = Linker(store)
        troops = next(d for d in disputes(linker) if d.topic.startswith("troops:"))
        record_review(
            store,
            rating="unproven",
            dispute_id=troops.id,
            reviewer="Fact desk",
            note="Three counts from three sources; none independently confirmed.",
        )
        claim_id = troops.positions[0].claim_ids[0]
        suggested = linker.links(status=LinkStatus.suggested, claim_id=claim_id)
        if suggested:
            linker.decide(suggested[0].id, LinkStatus.confirmed, "Fact desk")
    return db, claim_id


def serve(db: str) -> tuple[str, object]:
    import uvicorn

    from claimtrack.web.app import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs"), help="Directory for the PNGs.")
    args = parser.parse_args()
    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if chromium is None or driver_path is None:
        print("needs chromium and chromedriver: apt-get install chromium chromium-driver")
        return 1
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    with tempfile.TemporaryDirectory() as tmp:
        db, claim_id = seed_database(Path(tmp))
        base, server = serve(db)
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for flag in [*FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}"]:
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
        try:
            pages = [("/", "web-disputes.png"), (f"/claims/{claim_id}#span", "web-claim.png")]
            for path, name in pages:
                driver.get(base + path)
                time.sleep(1.0)  # the claim page's similar claims load by script
                driver.save_screenshot(str(Path(args.out) / name))
                print(f"wrote {Path(args.out) / name}")
        finally:
            driver.quit()
            server.should_exit = True  # type: ignore[attr-defined]
    return 0


if __name__ == "__main__":
    sys.exit(main())
