"""The one word counter (``mediakit._text.count_words``) equals the regex definition."""
from __future__ import annotations

import glob
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mediakit._text import WORD_RE, _count_words_units, _units, count_words, words

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpora"


def regex_count(text: str) -> int:
    return len(WORD_RE.findall(text))


def units_count(text: str) -> int:
    """The numpy counter that count_words uses for texts of 200 characters or more,
    called on any text."""
    return _count_words_units(text, _units(text)) if text else 0


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Z9_-'’‐.\u00a0\n\téİKß²½٣ǅ𝐀😀—“")), max_size=80))
def test_count_words_equals_regex_on_generated_text(text):
    assert count_words(text) == units_count(text) == regex_count(text)
    assert count_words(text * 4) == units_count(text * 4) == regex_count(text * 4)  # 200+: the numpy path


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_count_words_equals_regex_on_any_unicode(text):
    assert count_words(text) == units_count(text) == regex_count(text)


@pytest.mark.parametrize(
    "text",
    ["", "a", "-", "'", "a-", "-a", "a-b-c", "a--b", "rock-n-roll", "NATO’s", "a''b", "a-'b", "x_y", "_x_",
     "İstanbul", "𝐀𝐁 c", "bad \udcff byte", "😀NATO", "don't stop", "1,000 and 2.5", "é-é", "\u00a0a\u00a0"],
)
def test_count_words_on_edge_cases(text):
    assert count_words(text) == units_count(text) == regex_count(text) == len(words(text))


def test_count_words_none_and_empty():
    assert count_words(None) == 0
    assert count_words("") == 0
    assert words(None) == []


def _real_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted(glob.glob(str(CORPORA / "kremlin_ukraine" / "*.csv")))[:3]:
        texts += pd.read_csv(path, usecols=lambda c: c == "body")["body"].dropna().astype(str).tolist()[:300]
    for path in sorted((CORPORA / "whitehouse").rglob("*.md"))[:200]:
        texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return texts


def test_count_words_equals_regex_on_real_texts():
    texts = _real_texts()
    if not texts:
        pytest.skip(f"no corpora under {CORPORA}")
    for t in texts:
        assert count_words(t) == regex_count(t)
