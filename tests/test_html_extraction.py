"""Golden evaluation of HTML extraction: load_corpus on the 181 pages of the Article
Extraction Benchmark (``../shared/data/html/aeb``) against the human-extracted
``articleBody`` of ``ground-truth.json``, scored by token-level F1 (bags of words,
words as ``mediakit._text.words`` defines them, case kept)."""
from __future__ import annotations

import json
import statistics
import time
from collections import Counter
from pathlib import Path

import pytest

from mediakit._text import words
from mediakit.corpus import load_corpus


def token_f1(predicted: str | None, gold: str | None) -> float:
    """F1 of the multiset of words of ``predicted`` against that of ``gold``."""
    p, g = Counter(words(predicted)), Counter(words(gold))
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def test_token_f1() -> None:
    assert token_f1("a b c", "a b c") == 1.0
    assert token_f1("a b", "a b c d") == pytest.approx(2 * 1 * 0.5 / 1.5)
    assert token_f1("", "a") == 0.0 and token_f1(None, None) == 0.0
    assert token_f1("x y", "a b") == 0.0


@pytest.mark.shared
def test_aeb_median_token_f1(shared_data: Path) -> None:
    root = shared_data / "html" / "aeb"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    started = time.perf_counter()
    df = load_corpus(str(root / "html" / "*.html.gz"), progress=False)
    elapsed = time.perf_counter() - started
    assert df.attrs["given"] == 181 == len(truth)
    by_id = {Path(p).name.split(".", 1)[0]: t for p, t in zip(df.source_path, df.text, strict=True)}
    scores = {k: token_f1(by_id.get(k), v["articleBody"]) for k, v in truth.items()}
    median = statistics.median(scores.values())
    mean = statistics.fmean(scores.values())
    print(f"\nAEB: {len(scores)} pages, median token F1 {median:.4f}, mean {mean:.4f}, {elapsed:.1f} s")
    assert median >= 0.90
    assert mean >= 0.85
    # every page yields text and metadata
    assert len(df) >= 178
    assert df.title.notna().mean() > 0.95
    assert df.outlet.notna().all()
    assert elapsed < 120
