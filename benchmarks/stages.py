"""Time budget of extraction by stage: where the milliseconds of one article go.

Wraps the stage functions that ``claimtrack.extraction.claims.extract`` calls
(clean, segment, attribution, speaker memory, numbers) with timers and runs
the extractor over a corpus; what is left is claim assembly (spans, stance,
hedges, the pydantic models).  A slow new rule shows up as one stage growing.
The wrappers cost well under a microsecond a call, so shares are honest;
absolute figures are a little above ``speed.py``'s.

Examples::

    python benchmarks/stages.py                      # seeds, cycled to 500 articles
    python benchmarks/stages.py --polnear ../shared/data/polnear/dev --json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from claimtrack.extraction import claims as pipeline  # noqa: E402
from claimtrack.extraction.mentions import ArticleSpeakers  # noqa: E402
from claimtrack.models import Article  # noqa: E402

# stage -> (object holding the function, attribute names)
STAGES: dict[str, tuple[Any, tuple[str, ...]]] = {
    "clean + boilerplate": (pipeline, ("content_spans",)),
    "segment": (pipeline, ("quote_spans", "split_sentences")),
    "attribution": (pipeline, ("has_cue", "analyse")),
    "speakers": (ArticleSpeakers, ("observe", "resolve", "medium")),
    "numbers": (pipeline, ("find_figures",)),
}


def _timed(fn: Callable[..., Any], bucket: list[float]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            bucket[0] += time.perf_counter() - t0

    return wrapper


def budget(articles: Sequence[Article]) -> dict[str, float]:
    """Seconds per stage over ``articles`` (stages do not nest, so they add up)."""
    buckets = {stage: [0.0] for stage in STAGES}
    saved: list[tuple[Any, str, Any]] = []
    for stage, (owner, names) in STAGES.items():
        for name in names:
            original = getattr(owner, name)
            saved.append((owner, name, original))
            setattr(owner, name, _timed(original, buckets[stage]))
    try:
        t0 = time.perf_counter()
        for article in articles:
            pipeline.extract(article)
        total = time.perf_counter() - t0
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)
    seconds = {stage: bucket[0] for stage, bucket in buckets.items()}
    seconds["assembly (rest)"] = total - sum(seconds.values())
    seconds["total"] = total
    return seconds


def load(polnear: Path | None, count: int) -> list[Article]:
    if polnear is not None:
        files = sorted((polnear / "text").glob("*.txt"))
    else:
        files = sorted((REPO / "seeds").glob("*.txt"))
    if not files:
        raise FileNotFoundError("no .txt articles found")
    texts = [f.read_text(encoding="utf-8") for f in files]
    n = count if polnear is None else len(texts)
    return [Article(text=texts[i % len(texts)], path=f"a{i}") for i in range(n)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", type=Path, metavar="DIR", help="a PolNeAR split")
    parser.add_argument("--articles", type=int, default=500, help="seed articles to cycle")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    articles = load(args.polnear, args.articles)
    pipeline.extract(articles[0])  # warm caches (compiled patterns, lexicons)
    seconds = budget(articles)
    total = seconds["total"]
    if args.json:
        print(json.dumps({"articles": len(articles), "seconds": seconds}, indent=2))
        return 0
    print(f"{len(articles)} articles, {len(articles) / total:.1f} articles/s")
    print(f"  {'stage':<20} {'ms/article':>10} {'share':>6}")
    for stage, sec in seconds.items():
        print(f"  {stage:<20} {1000 * sec / len(articles):>10.3f} {sec / total:>6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
