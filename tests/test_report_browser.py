"""The seeds' HTML report as a reader sees it, rendered by headless Chromium.

Skipped only when no `chromium` binary is installed (`.ci/run` installs Debian's).
The DOM is dumped after the page has loaded, so it shows what a browser built:
the figure chart's bars and labels, every dispute's heading, and no trace of
the script and event handler planted in an article of our own. A test copy of
a page with a 20,000-character word and long backer lists, with a measuring
script added, shows that the page keeps the window's width and every chart
label sits inside its chart.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from claimtrack.ingest.pipeline import ingest
from claimtrack.query.reviews import record_review
from claimtrack.report.build import build_report, render
from claimtrack.store.database import open_store
from tests.report_corpus import HOSTILE, write_articles

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary installed")

# An article of our own whose text would run code if it were ever treated as markup.
PLANTED = HOSTILE


class Dom(HTMLParser):
    """The dumped DOM: element counts, bar widths and labels per chart, visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: dict[str, int] = {}
        self.charts: dict[str, list[tuple[str, str]]] = {}
        self.title = ""
        self.text: list[str] = []
        self._chart: str | None = None
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.elements[tag] = self.elements.get(tag, 0) + 1
        if tag == "svg" and "chart" in (values.get("class") or ""):
            self._chart = values.get("aria-label") or ""
            self.charts[self._chart] = []
        elif tag == "rect" and self._chart is not None:
            self.charts[self._chart].append((values.get("width") or "", ""))
        self._in = "label" if values.get("class") == "bar-label" else tag

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._chart = None
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title" and self._chart is None:
            self.title += data
        if self._in == "label" and self._chart is not None:
            bars = self.charts[self._chart]
            bars.append(("label", data))
        if self._in not in ("style", "title"):
            self.text.append(data)


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, *FLAGS, *args], capture_output=True, text=True, timeout=180, check=True
    )


@pytest.fixture(scope="module")
def seeds_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], str]:
    """The seeds plus the planted article, stored and reviewed; the page and what it holds."""
    tmp = tmp_path_factory.mktemp("browser")
    with open_store(str(tmp / "seeds.db")) as store:
        ingest(store, [str(ROOT / "seeds"), *write_articles(tmp, {"planted": PLANTED})])
        (planted,) = [c for c in store.claims() if "pwned" in c.sentence]
        assert planted.id is not None
        record_review(store, rating="false", claim_id=planted.id, note="<b>not bold</b>")
        report = build_report(store)
    page = tmp / "report.html"
    page.write_text(render(report, "html"), encoding="utf-8")
    headings = [f"Dispute {d.id}: {d.topic}" for d in report.disputes]
    return page, headings, report.title


def test_the_reader_sees_the_charts_and_disputes_and_no_script_ran(
    seeds_page: tuple[Path, list[str], str], tmp_path: Path
) -> None:
    page, headings, title = seeds_page
    dom = Dom()
    dom.feed(chromium("--dump-dom", page.as_uri()).stdout)
    text = " ".join("".join(dom.text).split())

    (troops,) = [bars for label, bars in dom.charts.items() if label.startswith("troops:")]
    widths = [float(w) for w, kind in troops if kind == ""]
    labels = [data for kind, data in troops if kind == "label"]
    assert len(widths) == 3
    assert [label.split(" — ")[0] for label in labels] == ["1,500", "approximately 3,000", "10,000"]
    assert widths == sorted(widths) and widths[2] > 3 * widths[1] / 2

    assert headings
    for heading in headings:
        assert " ".join(heading.split()) in text

    # Nothing ran: the title is the report's, the planted markup is text, no element was made.
    assert dom.title == title
    assert "pwned" not in dom.title
    assert dom.elements.get("script", 0) == 0 and dom.elements.get("img", 0) == 0
    assert dom.elements.get("b", 0) == 0
    assert "<script>document.title='pwned'</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "<b>not bold</b>" in text

    shot = tmp_path / "report.png"
    chromium("--screenshot=" + str(shot), "--window-size=1200,2000", page.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# Measures the laid-out page; added only to a test copy (the report itself forbids scripts).
MEASURE = """<pre id="measured"></pre><script>
const out = {page: document.documentElement.scrollWidth, viewport: window.innerWidth,
             labels: 0, outside: []};
for (const svg of document.querySelectorAll("svg.chart")) {
  const [, , w, h] = svg.getAttribute("viewBox").split(" ").map(Number);
  for (const text of svg.querySelectorAll("text")) {
    const box = text.getBBox();
    out.labels += 1;
    if (box.x < 0 || box.y < 0 || box.x + box.width > w || box.y + box.height > h) {
      out.outside.push(text.textContent.slice(0, 60));
    }
  }
}
document.getElementById("measured").textContent = JSON.stringify(out);
</script>"""


def test_a_huge_word_and_long_backer_lists_stay_inside_the_page(tmp_path: Path) -> None:
    from claimtrack.report.models import FigureTable
    from tests.test_report import hostile_report
    from tests.test_report_safety import chart_group

    report = hostile_report()
    word = "W" * 20_000
    report.claims[0].sentence = word
    report.speakers[0].name = word
    many = [f"Regional Health Directorate of Province Number {n}" for n in range(60)]
    report.figure_tables = [
        FigureTable(
            dispute_id=1,
            unit="deaths",
            rows=[
                chart_group(42, ["National Emergency Agency"]),
                chart_group(60, many),
                chart_group(1_000_000, [word]),
                chart_group(62, [f"Médecins Sans Frontières 医生 {n}" for n in range(12)]),
            ],
        )
    ]
    page = render(report, "html")
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    path = tmp_path / "measured.html"
    path.write_text(page.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    dom = chromium("--window-size=1200,2000", "--dump-dom", path.as_uri()).stdout
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom, flags=re.S)
    assert found is not None and found.group(1), dom[-2000:]
    measured = json.loads(found.group(1))
    assert measured["page"] <= measured["viewport"], measured  # 231,248 px before the fix
    assert measured["labels"] >= 8 and measured["outside"] == [], measured
