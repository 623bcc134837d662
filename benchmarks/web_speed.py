"""Review-room page latency on an existing database: the pages a desk opens most.

Serves the database in-process (Starlette's TestClient, no network) and times
GET requests: the disputes page (first and later pages, a topic filter), a
dispute, a claim and its similar claims, the suggestions page. The first
request of a fresh server computes (or reads the kept) disputes ranking and is
reported apart. Opening a database may upgrade its schema: point it at a copy.

    python benchmarks/web_speed.py --db /tmp/100k.db --runs 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def main(argv: list[str] | None = None) -> int:
    from starlette.testclient import TestClient

    from claimtrack.web.app import create_app

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    client = TestClient(create_app(args.db), base_url="http://127.0.0.1")
    start = time.perf_counter()
    first = client.get("/")
    print(f"first disputes page (ranking made or read): {time.perf_counter() - start:.3f} s")
    assert first.status_code == 200, first.status_code
    from claimtrack.link.linker import Linker
    from claimtrack.query.disputes import disputes
    from claimtrack.store.database import open_store

    with open_store(args.db) as store:
        found = disputes(Linker(store))
        dispute = found[0]
        claim = dispute.positions[0].claim_ids[0]
    pages = {
        "disputes page 1": "/",
        "disputes page 3": "/?page=3",
        "disputes, topic": "/?topic=people",
        "a dispute": f"/disputes/{dispute.id}",
        "a claim": f"/claims/{claim}",
        "its similar claims": f"/claims/{claim}/similar",
        "suggestions": "/links/suggested",
    }
    for name, path in pages.items():
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, (path, response.status_code)
        print(
            f"{name:20} median {statistics.median(times) * 1000:7.1f} ms"
            f"   max {max(times) * 1000:7.1f} ms   {path}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
