"""The review room in a real browser: Debian's chromium, driven by Selenium and chromium-driver.

The server runs in a thread with uvicorn on a free port, over the seeds. The
test walks a reviewer's path: the disputes page, the troop dispute, a verdict
recorded through its form, a suggested link confirmed with the `y` key, and
both decisions seen in the pages' histories. No browser is downloaded: without
`/usr/bin/chromium` and `/usr/bin/chromedriver` it skips, except under CI
(`CI` set), where `.ci/run` installs them and their absence is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimtrack.ingest.pipeline import ingest
from claimtrack.link.linker import Linker
from claimtrack.models import LinkStatus
from claimtrack.query.reviews import reviews
from claimtrack.store.database import open_store

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
)
DRIVER = shutil.which("chromedriver") or (
    "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1600",
]
MISSING = CHROMIUM is None or DRIVER is None

if MISSING and os.environ.get("CI"):
    pytest.fail("CI needs chromium and chromium-driver (.ci/run installs them)", pytrace=False)
pytestmark = pytest.mark.skipif(MISSING, reason="no chromium or chromedriver installed")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """The review room over the seeds, at http://127.0.0.1:PORT; yields (base URL, db path)."""
    import uvicorn

    from claimtrack.web.app import create_app

    db = str(tmp_path / "seeds.db")
    with open_store(db) as store:
        ingest(store, [str(ROOT / "seeds")])
    port = free_port()
    config = uvicorn.Config(
        create_app(db), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", db
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    profile = tempfile.mkdtemp(prefix="claimtrack-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(executable_path=str(DRIVER)), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_for(check: object, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out waiting in the browser"
        time.sleep(0.1)


def test_a_reviewer_records_a_verdict_and_confirms_a_link(
    served: tuple[str, str], browser: object
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.support.ui import Select

    assert isinstance(browser, WebDriver)
    base, db = served
    browser.get(base + "/")
    assert "Disputes" in browser.title
    troops = browser.find_element(By.PARTIAL_LINK_TEXT, "troops: 1,500")
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart rect.bar")  # the figure chart
    troops.click()
    wait_for(lambda: "/disputes/" in browser.current_url)
    dispute_id = int(browser.current_url.rsplit("/", 1)[1].split("#")[0])

    form = browser.find_element(By.CSS_SELECTOR, "form.verdict")
    Select(form.find_element(By.NAME, "rating")).select_by_visible_text("Half true")
    form.find_element(By.NAME, "reviewer").send_keys("Browser Reviewer")
    form.find_element(By.NAME, "note").send_keys("Three counts, no independent confirmation.")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(lambda: "#history" in browser.current_url)
    history = browser.find_element(By.ID, "history").text
    assert "Half true" in history and "Browser Reviewer" in history

    browser.get(base + "/links/suggested")
    first = browser.find_element(By.CSS_SELECTOR, ".suggestion").get_attribute("id")
    assert first and first.startswith("link-")
    link_id = int(first.removeprefix("link-"))
    # The reviewer field was filled from the verdict's name; the key decides.
    assert browser.find_element(By.NAME, "reviewer").get_attribute("value") == "Browser Reviewer"
    browser.find_element(By.TAG_NAME, "body").send_keys("y")
    wait_for(
        lambda: (
            (found := browser.find_elements(By.CSS_SELECTOR, ".suggestion"))
            and found[0].get_attribute("id") != first
        )
    )

    with open_store(db, create=False) as store:
        linker = Linker(store)
        decided = [x for x in linker.links(status=LinkStatus.confirmed) if x.id == link_id]
        assert decided and decided[0].decided_by == "Browser Reviewer"
        assert [r.reviewer for r in reviews(store, dispute_id=dispute_id)] == ["Browser Reviewer"]
        claim_id = decided[0].claim_id
    browser.get(f"{base}/claims/{claim_id}")
    links = browser.find_element(By.ID, "links").text
    assert "confirmed by Browser Reviewer" in links
    # The claim's span is marked in its article, and similar claims loaded by the script.
    assert browser.find_element(By.CSS_SELECTOR, "mark#span").text
    wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "#similar ol.matches, #similar p"))
    browser.get(f"{base}/disputes/{dispute_id}")
    assert "Browser Reviewer" in browser.find_element(By.ID, "history").text
    # The policy blocked nothing of ours: no inline script or style anywhere.
    blocked = [
        e["message"] for e in browser.get_log("browser") if "Security Policy" in e["message"]
    ]
    assert blocked == []
