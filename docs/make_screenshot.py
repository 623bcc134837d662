"""Render the HTML report of the bundled seed articles and screenshot it in headless Chromium.

    python docs/make_screenshot.py              # writes docs/report-screenshot.png
    python docs/make_screenshot.py out.png --html report.html

Needs a `chromium` binary (Debian's `chromium` package; `.ci/run` installs it).
The seeds are ingested into a temporary SQLite database and one dispute is
reviewed, so the picture shows a verdict as well as the figure chart.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimtrack.ingest.pipeline import ingest  # noqa: E402
from claimtrack.report.build import build_report, render  # noqa: E402
from claimtrack.query.reviews import record_review  # noqa: E402
from claimtrack.store.database import open_store  # noqa: E402

# The flags the browser test uses too: no sandbox (CI runs as root), no GPU, no
# background traffic, so a run makes no network request of its own.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--hide-scrollbars",
]
WINDOW = "--window-size=1200,2000"


def seed_report_html(directory: Path) -> Path:
    """The seeds' HTML report, with a verdict on the most significant dispute."""
    with open_store(str(directory / "seeds.db")) as store:
        ingest(store, [str(ROOT / "seeds")])
        report = build_report(store)
        if report.disputes:
            record_review(
                store,
                rating="unproven",
                dispute_id=report.disputes[0].id,
                reviewer="Fact desk",
                note="Three counts from three sources; none independently confirmed.",
            )
        report = build_report(store)
    path = directory / "report.html"
    path.write_text(render(report, "html"), encoding="utf-8")
    return path


def screenshot(page: Path, out: Path, chromium: str) -> None:
    subprocess.run(
        [chromium, *CHROMIUM_FLAGS, WINDOW, f"--screenshot={out}", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(ROOT / "docs" / "report-screenshot.png"))
    parser.add_argument("--html", help="Also keep the HTML report here.")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium not found: apt-get install chromium", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        page = seed_report_html(Path(tmp))
        if args.html:
            shutil.copyfile(page, args.html)
        screenshot(page, Path(args.out).resolve(), chromium)
    print(args.out, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
