"""quote_density: per-article and grouped counts, rates as sums over sums."""
from __future__ import annotations

import importlib.util

import pandas as pd
import pytest

from mediakit._text import count_words
from mediakit.density import quote_density

HAS_QUOTES = importlib.util.find_spec("mediakit.quotes") is not None
needs_quotes = pytest.mark.skipif(not HAS_QUOTES, reason="mediakit.quotes not built yet")


def _corpus() -> pd.DataFrame:
    texts = [
        "Smith said “we will not move an inch” and Jones said “never”.",
        "No quotes here, only the writer's own words in this article, which runs on a while longer.",
        "“One two three four,” she said.",
        "",
    ]
    return pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "outlet": ["X", "X", "Y", "Y"],
            "date": pd.to_datetime(
                ["2022-01-10 09:00", "2022-01-16 23:00", "2022-01-17 01:00", "2022-02-01 00:00"],
                utc=True,
            ),
            "text": texts,
            "n_words": [count_words(t) for t in texts],
        }
    )


def _quotes(df: pd.DataFrame) -> pd.DataFrame:
    """A stand-in quotes table with real offsets into the corpus texts."""
    rows = []
    spec = [("a", "“we will not move an inch”", "Ann Smith", "full"),
            ("a", "“never”", "Bo Jones", "partial"),
            ("c", "“One two three four,”", None, "full"),
            ("c", "said", None, "scare")]  # not speech: must be ignored
    text_of = dict(zip(df["doc_id"], df["text"], strict=True))
    for doc_id, q, speaker, kind in spec:
        start = text_of[doc_id].index(q)
        rows.append({"doc_id": doc_id, "start": start, "end": start + len(q), "quote": q,
                     "speaker": speaker, "kind": kind})
    return pd.DataFrame(rows)


def test_per_article_counts_and_rates():
    df = _corpus()
    out = quote_density(df, quotes=_quotes(df))
    assert list(out.columns) == ["doc_id", "n_quotes", "quoted_words", "n_words",
                                 "quotes_per_1k_words", "quoted_share", "n_speakers"]
    assert out["doc_id"].tolist() == ["a", "b", "c", "d"]
    assert out["n_quotes"].tolist() == [2, 0, 1, 0]
    assert out["quoted_words"].tolist() == [7, 0, 4, 0]
    assert out["n_words"].tolist() == df["n_words"].tolist()
    assert out["n_speakers"].tolist() == [2, 0, 0, 0]
    a = out.iloc[0]
    assert a["quotes_per_1k_words"] == pytest.approx(2 / a["n_words"] * 1000)
    assert a["quoted_share"] == pytest.approx(7 / a["n_words"])
    assert out.loc[1, "quoted_share"] == 0.0
    # an empty article has no denominator: rates are NaN, not 0 and not inf
    assert pd.isna(out.loc[3, "quotes_per_1k_words"]) and pd.isna(out.loc[3, "quoted_share"])


def test_grouped_rates_are_sums_over_sums():
    df = _corpus()
    out = quote_density(df, by="outlet", quotes=_quotes(df))
    assert out["outlet"].tolist() == ["X", "Y"]
    assert out["n_articles"].tolist() == [2, 2]
    x = out.set_index("outlet").loc["X"]
    words_x = df["n_words"].iloc[:2].sum()
    assert x["n_words"] == words_x
    assert x["quoted_share"] == pytest.approx(7 / words_x)
    assert x["quotes_per_1k_words"] == pytest.approx(2 / words_x * 1000)
    # not the mean of the per-article rates
    per = quote_density(df, quotes=_quotes(df))
    assert x["quoted_share"] != pytest.approx(per["quoted_share"].iloc[:2].mean())
    assert out["n_speakers"].tolist() == [2, 0]
    assert out["n_quotes"].sum() == per["n_quotes"].sum()
    assert out["quoted_words"].sum() == per["quoted_words"].sum()


def test_period_groups_start_at_period_start():
    df = _corpus()
    out = quote_density(df, freq="W", quotes=_quotes(df))
    # W = weeks ending Sunday: Mon 10 Jan and Sun 16 Jan share a week, Mon 17 starts the next
    assert out["period"].tolist() == [pd.Timestamp("2022-01-10", tz="UTC"),
                                      pd.Timestamp("2022-01-17", tz="UTC"),
                                      pd.Timestamp("2022-01-31", tz="UTC")]
    assert out["n_articles"].tolist() == [2, 1, 1]
    assert out["n_quotes"].tolist() == [2, 1, 0]
    both = quote_density(df, ["outlet"], freq="MS", quotes=_quotes(df))
    assert list(both.columns[:3]) == ["outlet", "period", "n_articles"]
    assert both["period"].dt.month.tolist() == [1, 1, 2]
    assert both["n_articles"].sum() == len(df)


def test_undated_articles_stay_counted():
    df = _corpus()
    df.loc[1, "date"] = pd.NaT
    out = quote_density(df, freq="M", quotes=_quotes(df))
    assert out["n_articles"].sum() == 4
    assert out["period"].isna().sum() == 1


def test_missing_columns_and_duplicate_ids_are_clear_errors():
    df = _corpus()
    with pytest.raises(ValueError, match="outlet_x"):
        quote_density(df, by="outlet_x", quotes=_quotes(df))
    dup = pd.concat([df, df.iloc[[0]]], ignore_index=True)
    with pytest.raises(ValueError, match="more than once"):
        quote_density(dup, quotes=_quotes(df))


def test_counts_words_when_corpus_has_no_n_words():
    df = _corpus().drop(columns="n_words")
    out = quote_density(df, quotes=_quotes(df))
    assert out["n_words"].tolist() == [count_words(t) for t in df["text"]]


@needs_quotes
def test_computes_quotes_itself_and_matches_precomputed(seed_text):
    import mediakit

    df = pd.DataFrame({"doc_id": ["seed", "plain"], "outlet": ["AP", "AP"],
                       "text": [seed_text, "Nothing quoted."]})
    q = mediakit.quotes(df)
    own = quote_density(df)
    given = quote_density(df, quotes=q)
    pd.testing.assert_frame_equal(own, given)
    assert own.loc[0, "n_quotes"] > 0 and own.loc[1, "n_quotes"] == 0
    assert 0 < own.loc[0, "quoted_share"] < 1
    # duplicate ids are counted row by row when quotes are computed here
    dup = pd.concat([df, df.iloc[[0]]], ignore_index=True)
    d = quote_density(dup)
    assert d["n_quotes"].tolist() == [own.loc[0, "n_quotes"], 0, own.loc[0, "n_quotes"]]


@needs_quotes
def test_dask_matches_pandas(seed_text):
    dd = pytest.importorskip("dask.dataframe")
    texts = [seed_text, "“Yes,” he said.", "none", seed_text[:2000]]
    df = pd.DataFrame({"doc_id": list("abcd"), "outlet": ["AP", "X", "X", "AP"],
                       "date": pd.to_datetime(["2022-01-11"] * 2 + ["2022-02-01"] * 2, utc=True),
                       "text": texts, "n_words": [count_words(t) for t in texts]})
    ddf = dd.from_pandas(df, npartitions=2)
    for kwargs in ({}, {"by": "outlet"}, {"freq": "M"}):
        want = quote_density(df, **kwargs)
        got = quote_density(ddf, **kwargs)
        pd.testing.assert_frame_equal(got.reset_index(drop=True), want, check_dtype=False)
    # a precomputed quotes table with a dask corpus
    from mediakit.quotes import quotes

    got = quote_density(ddf, "outlet", quotes=quotes(df, progress=False))
    pd.testing.assert_frame_equal(got, quote_density(df, "outlet"), check_dtype=False)


def test_a_group_counts_a_person_named_two_ways_once():
    # across articles the same person is "Biden" in one (the text gives no first name)
    # and "Joe Biden" in another; "Mykhailo Podolyak" and "Mykhailo Podoliak" are one
    # transliteration apart: on the shared corpora the White House outlet had 307
    # "distinct speakers", 277 persons
    texts = ["“We are ready,” Biden said.", "“We are ready,” Joe Biden said.",
             "“Yes,” Mykhailo Podolyak said.", "“Yes,” Mykhailo Podoliak said.",
             "“No,” Bill Clinton said. “No,” Clinton said.", "“No,” Hillary Clinton said."]
    df = pd.DataFrame({"doc_id": list("abcdef"), "outlet": ["X", "X", "Y", "Y", "Z", "Z"], "text": texts})
    speakers = ["Biden", "Joe Biden", "Mykhailo Podolyak", "Mykhailo Podoliak", "Bill Clinton", "Hillary Clinton"]
    rows = []
    for doc_id, text, speaker in zip(df["doc_id"], texts, speakers, strict=True):
        start = text.index("“")
        end = text.index("”") + 1
        rows.append({"doc_id": doc_id, "start": start, "end": end, "quote": text[start:end],
                     "speaker": speaker, "kind": "full"})
    out = quote_density(df, by="outlet", quotes=pd.DataFrame(rows)).set_index("outlet")
    # two Clintons stay two persons
    assert out["n_speakers"].to_dict() == {"X": 1, "Y": 1, "Z": 2}


def test_a_body_with_and_in_its_name_is_one_speaker():
    # a joint speaker "A and B" counts two persons, but "Department of Health and Human
    # Services" is one body (the split is the one sources cites by: sources._joint_persons)
    texts = ["“We are ready,” the department said.", "“We are too,” they said."]
    df = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "X"], "text": texts})
    rows = [{"doc_id": d, "start": t.index("“"), "end": t.index("”") + 1,
             "quote": t[t.index("“"):t.index("”") + 1], "speaker": sp, "kind": "full"}
            for d, t, sp in zip(["a", "b"], texts,
                                ["Department of Health and Human Services", "Brian Deese and Jake Sullivan"],
                                strict=True)]
    out = quote_density(df, by="outlet", quotes=pd.DataFrame(rows))
    assert out["n_speakers"].tolist() == [3]
