"""A small corpus for the review and report tests, written for them in wire-copy style.

Three outlets on a dam burst (an agency's toll of 42 carried by two of them,
doctors saying 60, a ministry denying the dam caused any deaths), and a
football story with a tear-gas denial of its own, so `--topic` has something
to leave out.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from claimtrack.cli.main import app

ARTICLES = {
    "wire": """\
---
title: Dam burst floods villages in northern Bolivia
outlet: Andes Wire
published: 2024-05-07
url: https://andes-wire.example/dam-burst
---

Rescue teams worked through the night after the Rio Seco dam gave way on Monday.

The National Emergency Agency said on Tuesday that 42 deaths had been confirmed in the flood \
after the Rio Seco dam burst in northern Bolivia.
""",
    "courier": """\
---
title: Families search for missing as flood waters recede
outlet: La Paz Courier
published: 2024-05-07
---

Families gathered outside the regional hospital in Trinidad on Tuesday.

About 42 deaths had been confirmed in the flood after the Rio Seco dam burst, the National \
Emergency Agency said.
""",
    "post": """\
---
title: Doctors put flood toll higher than agency count
outlet: Valley Post
published: 2024-05-08
url: https://valley-post.example/toll
---

Doctors in the Beni valley have kept their own count since the water came down.

The Valley Doctors Association said on Wednesday that 60 deaths had been confirmed in the \
flood after the Rio Seco dam burst.

The Ministry of Public Works denied that the Rio Seco dam burst had caused any deaths in the \
flood.
""",
    "sport": """\
---
title: Bolivia wins regional football final
outlet: Sports Daily
published: 2024-05-05
---

Bolivia beat its neighbour 2-1 in the regional final on Sunday.

Supporters' club president Ana Quispe said police had fired tear gas at fans outside the \
stadium after the final whistle.

The city police denied that officers had fired tear gas at fans outside the stadium.
""",
}

# Untrusted text at its worst: markup, script, Markdown and spreadsheet control
# characters in the title, outlet, URL, speaker mention and quoted sentence.
HOSTILE = """\
---
title: <script>alert('title')</script> Flood | *toll* # report
outlet: "=HYPERLINK(\\"http://evil.example\\") <b>Outlet</b>"
published: 2024-05-10
url: javascript:alert(1)
---

Rescue teams reached the valley on Thursday.

Mayor Ana <img src=x onerror=alert(1)> Ortiz said that 90 deaths had been confirmed in the \
flood after the Rio Seco dam burst <script>document.title='pwned'</script> | *really* _truly_ \
[link](javascript:alert(2)) # not a heading.
"""


def write_articles(directory: Path, articles: dict[str, str]) -> list[str]:
    paths = []
    for name, text in articles.items():
        path = directory / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def invoke(runner: CliRunner, db: str, *args: str) -> Result:
    return runner.invoke(app, ["--db", db, *args], env={"USER": "", "CLAIMTRACK_REVIEWER": ""})


def ok(runner: CliRunner, db: str, *args: str) -> str:
    result = invoke(runner, db, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def as_json(runner: CliRunner, db: str, *args: str) -> Any:
    return json.loads(ok(runner, db, *args, "--format", "json"))


def claim_id(runner: CliRunner, db: str, search: str) -> int:
    (found,) = as_json(runner, db, "claims", "--search", search)
    return int(found["id"])
