"""Property tests over arbitrary Unicode: the text functions never raise, offsets are
valid, counts are non-negative and add up (issue 8, deliverable 1)."""
from __future__ import annotations

import importlib.util
import os

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediakit._text import count_words

HAS_QUOTES = importlib.util.find_spec("mediakit.quotes") is not None

# Fragments that steer arbitrary text into the interesting paths: quote marks of every
# kind, attributions, datelines, captions, chrome, terms the tests count.
FRAGMENTS = [
    "“", "”", '"', "‘", "’", "'", "«", "»", "„", " ", "  ", "\n", "\n\n", "\r\n", "\u00a0",
    "\u200b", ",", ".", ":", "—", " - ", "(AP)", "MOSCOW (AP) — ", "said", " he said.",
    " she told reporters.", "Smith", "Dmitry Peskov", "according to officials", "NATO",
    "NATO’s", "nato", "sanctions", "sanctioned", "Security Council", "open-door policy",
    "(AP Photo/Jane Doe)", "FILE – ", "contributed.", "Read more", "ε", "Ж", "中文",
    "🙂", "\t", "#", "*", "<script>", "&amp;", "\\", "Mr.", "U.S.",
]
# modest by default so the file runs in seconds; raise it for a bug hunt:
# MEDIAKIT_HYPOTHESIS_EXAMPLES=2000 pytest tests/test_properties.py
SETTINGS = settings(
    max_examples=int(os.environ.get("MEDIAKIT_HYPOTHESIS_EXAMPLES", "50")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=6), max_size=60).map("".join),
)
TERMS = ["NATO", "sanction*", "Security Council", "said"]


@SETTINGS
@given(texts)
def test_clean_article_never_raises_and_is_consistent(text):
    from mediakit.clean import clean_article

    art = clean_article(text)
    assert isinstance(art.text, str)
    assert art.n_words == count_words(art.text) >= 0
    for part in ("contributors", "captions", "chrome"):
        value = getattr(art, part)
        assert isinstance(value, list) and all(isinstance(x, str) for x in value)
    for credit in art.photo_credits:
        assert set(credit) >= {"name", "agency"}
    assert art.date is None or art.date.tzinfo is not None
    # the body never grows beyond what was given (words may only be removed)
    assert count_words(art.text) <= count_words(text)


@pytest.mark.skipif(not HAS_QUOTES, reason="mediakit.quotes not built yet")
@SETTINGS
@given(texts)
def test_extract_quotes_offsets_always_valid(text):
    from mediakit.quotes import extract_quotes

    q = extract_quotes(text)
    for col in ("start", "end", "quote", "speaker", "speaker_mention", "speaker_start",
                "speaker_end", "role", "cue", "kind", "continued", "paragraph"):
        assert col in q.columns
    for r in q.itertuples(index=False):
        assert 0 <= r.start < r.end <= len(text)
        assert text[r.start:r.end] == r.quote
        assert r.kind in ("full", "partial")
        assert r.paragraph >= 0
        if pd.notna(r.speaker_start):
            assert 0 <= r.speaker_start < r.speaker_end <= len(text)
            assert text[int(r.speaker_start):int(r.speaker_end)] == r.speaker_mention
    # quotes do not overlap one another
    spans = sorted(zip(q["start"], q["end"], strict=True))
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))


def _corpus(bodies: list[str]) -> pd.DataFrame:
    n = len(bodies)
    return pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(n)],
        "date": pd.to_datetime(["2022-01-03", "2022-01-12", "2022-02-20"] * n, utc=True)[:n],
        "outlet": (["A", "B"] * n)[:n],
        "text": bodies,
        "n_words": [count_words(b) for b in bodies],
    })


@SETTINGS
@given(st.lists(texts, min_size=1, max_size=5))
def test_term_frequency_counts_add_up(bodies):
    from mediakit.terms import count_terms, term_frequency

    df = _corpus(bodies)
    per_doc = count_terms(df, TERMS)
    assert (per_doc[TERMS] >= 0).all().all()
    assert per_doc["n_words"].tolist() == df["n_words"].tolist()
    tf = term_frequency(df, TERMS, freq="W", by="outlet", dedupe=False)
    assert (tf[["count", "n_words", "n_docs", "docs_with_term"]] >= 0).all().all()
    assert (tf["docs_with_term"] <= tf["n_docs"]).all()
    totals = tf.groupby("term")["count"].sum()
    for term in TERMS:
        assert totals[term] == per_doc[term].sum(), term
        assert tf.loc[tf["term"] == term, "n_words"].sum() == df["n_words"].sum()
    # deduplicated counts never exceed the raw ones
    dd = term_frequency(df, TERMS, freq="M", dedupe=True)
    for term in TERMS:
        assert 0 <= dd.loc[dd["term"] == term, "count"].sum() <= totals[term]


@SETTINGS
@given(st.lists(texts, min_size=1, max_size=4), st.sampled_from(TERMS), st.integers(0, 12))
def test_kwic_rows_match_counts_and_offsets(bodies, term, window):
    from mediakit.terms import count_terms, kwic

    df = _corpus(bodies)
    k = kwic(df, term, window=window)
    counts = count_terms(df, [term], words=False)[term]
    per_doc = k.groupby("doc_id").size().reindex(df["doc_id"], fill_value=0)
    assert per_doc.tolist() == counts.tolist()
    text_of = dict(zip(df["doc_id"], df["text"], strict=True))
    for r in k.itertuples(index=False):
        assert text_of[r.doc_id][r.start:r.end] == r.match
        assert count_words(r.left) <= window and count_words(r.right) <= window


@pytest.mark.skipif(not HAS_QUOTES, reason="mediakit.quotes not built yet")
@SETTINGS
@given(st.lists(texts, min_size=1, max_size=4))
def test_quote_density_per_article_sums_to_groups(bodies):
    from mediakit.density import quote_density
    from mediakit.quotes import quotes

    df = _corpus(bodies)
    q = quotes(df, progress=False)
    per = quote_density(df, quotes=q)
    assert (per[["n_quotes", "quoted_words", "n_words", "n_speakers"]] >= 0).all().all()
    assert (per["quoted_words"] <= per["n_words"]).all()
    assert per["n_quotes"].sum() == len(q)
    for by in ("outlet", None):
        grouped = quote_density(df, by, freq="W") if by is None else quote_density(df, by, quotes=q)
        for col in ("n_quotes", "quoted_words", "n_words"):
            assert grouped[col].sum() == per[col].sum(), (by, col)
        assert grouped["n_articles"].sum() == len(df)
