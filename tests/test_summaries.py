"""Corpus summaries of sources: counts with denominators, shares as sums over sums."""
from __future__ import annotations

import pandas as pd
import pytest

from mediakit.sources import COLUMNS
from mediakit.summaries import (
    anonymous_share,
    quoted_vs_paraphrased,
    quotes_by_affiliation,
    top_sources,
    wire_share,
)


def _row(doc, source, kind, aff=None, nq=0, npar=0, inst=False):
    return dict(zip(COLUMNS, [doc, source, kind, inst, None, aff, nq, npar, 1, None], strict=True))


@pytest.fixture()
def corpus():
    return pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "date": pd.to_datetime(["2022-01-03", "2022-01-04", "2022-01-11", "2022-01-12"], utc=True),
            "outlet": ["x", "y", "x", "x"],
            "wire": ["AP", None, "Reuters", "Associated Press"],
            "text": ["", "", "", ""],
        }
    )


@pytest.fixture()
def src():
    rows = [
        _row("a", "Julianne Smith", "quoted", "United States", nq=4),
        _row("a", "Dmitry Peskov", "quoted", "Russia", nq=3, npar=1),
        _row("a", "Moscow", "paraphrased", "Russia", npar=2, inst=True),
        _row("a", "AP", "wire"),
        _row("b", "Dmitry Peskov", "quoted", "Russia", nq=1),
        _row("b", "senior administration official", "anonymous", nq=2),
        _row("c", "Jane Roe", "paraphrased", None, npar=1),
        _row("c", "Dmitry Peskov", "paraphrased", "Russia", npar=1),
        _row("c", "people familiar with the matter", "anonymous"),
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def test_quotes_by_affiliation_whole_corpus(src):
    out = quotes_by_affiliation(src)
    got = {r.affiliation: (r.n_quotes, r.total_quotes) for r in out.itertuples()}
    assert got == {"United States": (4, 10), "Russia": (4, 10), "unknown": (2, 10)}
    assert out["share"].sum() == pytest.approx(1.0)
    assert list(out.columns) == ["affiliation", "n_quotes", "total_quotes", "share"]


def test_quotes_by_affiliation_per_week_and_outlet_is_sum_over_sum(src, corpus):
    out = quotes_by_affiliation(src, corpus, freq="W", by="outlet")
    assert list(out.columns) == ["period", "outlet", "affiliation", "n_quotes", "total_quotes", "share"]
    wk1x = out[(out.period == pd.Timestamp("2022-01-03", tz="UTC")) & (out.outlet == "x")]
    assert dict(zip(wk1x.affiliation, wk1x.share, strict=True)) == {"United States": 4 / 7, "Russia": 3 / 7}
    wk1y = out[(out.period == pd.Timestamp("2022-01-03", tz="UTC")) & (out.outlet == "y")]
    assert dict(zip(wk1y.affiliation, wk1y.n_quotes, strict=True)) == {"unknown": 2, "Russia": 1}
    assert out.groupby(["period", "outlet"])["share"].sum().round(9).eq(1).all()


def test_freq_without_corpus_is_an_error(src):
    with pytest.raises(ValueError, match="corpus"):
        quotes_by_affiliation(src, freq="W")


def test_top_sources_ranks_by_articles(src, corpus):
    out = top_sources(src, corpus, n=2)
    assert out["source"].tolist() == ["Dmitry Peskov", "Julianne Smith"]
    peskov = out.iloc[0]
    assert (peskov.n_articles, peskov.total_articles, peskov.n_quotes, peskov.n_paraphrases) == (3, 4, 4, 2)
    assert peskov.share_articles == pytest.approx(0.75)
    assert out["rank"].tolist() == [1, 2]


def test_top_sources_per_period(src, corpus):
    out = top_sources(src, corpus, n=1, freq="W")
    assert out[["period", "source", "n_articles", "total_articles"]].values.tolist() == [
        [pd.Timestamp("2022-01-03", tz="UTC"), "Dmitry Peskov", 2, 2],
        [pd.Timestamp("2022-01-10", tz="UTC"), "Dmitry Peskov", 1, 2],
    ]


def test_wire_share_from_corpus(corpus):
    out = wire_share(corpus)
    assert out[["n_wire", "n_articles"]].values.tolist() == [[3, 4]]
    assert out["share"].iloc[0] == pytest.approx(0.75)
    per = wire_share(corpus, per_wire=True, by="outlet")
    got = {(r.outlet, r.wire): (r.n_wire, r.n_articles) for r in per.itertuples()}
    assert got == {("x", "AP"): (2, 3), ("x", "Reuters"): (1, 3)}


def test_wire_share_from_sources_table(src, corpus):
    out = wire_share(src, corpus, freq="W")
    assert out[["n_wire", "n_articles"]].values.tolist() == [[1, 2], [0, 2]]


def test_anonymous_share(src, corpus):
    out = anonymous_share(src, corpus)
    r = out.iloc[0]
    assert (r.n_articles, r.n_articles_anonymous, r.n_sources, r.n_anonymous) == (4, 2, 8, 2)
    assert (r.article_share, r.source_share) == (0.5, 0.25)
    by = anonymous_share(src, corpus, by="outlet").set_index("outlet")
    assert by.loc["y", "article_share"] == 1.0 and by.loc["x", "n_articles_anonymous"] == 1


def test_quoted_vs_paraphrased_sources_and_citations(src, corpus):
    out = quoted_vs_paraphrased(src, corpus)
    assert out[["kind", "n", "total"]].values.tolist() == [["quoted", 3, 6], ["paraphrased", 3, 6]]
    cit = quoted_vs_paraphrased(src, corpus, count="citations", institutions=False)
    assert cit[["kind", "n", "total"]].values.tolist() == [["quoted", 8, 11], ["paraphrased", 3, 11]]
    week = quoted_vs_paraphrased(src, corpus, freq="W")
    w2 = week[week.period == pd.Timestamp("2022-01-10", tz="UTC")]
    assert w2[["kind", "n", "share"]].values.tolist() == [["quoted", 0, 0.0], ["paraphrased", 2, 1.0]]
    with pytest.raises(ValueError):
        quoted_vs_paraphrased(src, count="words")


def test_summaries_accept_a_corpus_table():
    corpus = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "date": pd.to_datetime(["2022-01-03", "2022-02-03"], utc=True),
            "outlet": ["x", "x"],
            "text": ["Moscow says it has no plans to attack.", "A senior administration official said no."],
        }
    )
    out = anonymous_share(corpus, freq="MS")
    assert out[["n_articles", "n_articles_anonymous"]].values.tolist() == [[1, 0], [1, 1]]


def test_dask_corpus_for_groups(src, corpus):
    dd = pytest.importorskip("dask.dataframe")
    out = quotes_by_affiliation(src, dd.from_pandas(corpus.drop(columns=["text"]), npartitions=2), by="outlet")
    pd.testing.assert_frame_equal(out, quotes_by_affiliation(src, corpus, by="outlet"))
