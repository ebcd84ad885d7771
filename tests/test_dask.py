"""The dask engine gives the same results as pandas on the same corpus.

Contract (docs/architecture.md, issue 7): ``load_corpus(..., engine="dask")`` returns a
partitioned dask DataFrame, and ``quotes``, ``quote_density``, ``sources`` and
``term_frequency`` accept it and return what they return for the pandas table.
Runs on an in-process ``dask.distributed.LocalCluster`` with one worker.
"""
from __future__ import annotations

import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")

# the functions from their modules: ``mediakit.quotes``/``mediakit.sources`` can be the
# submodules once another test imported them (lazy-API name clash, reported)
from mediakit.corpus import load_corpus, save_corpus  # noqa: E402
from mediakit.density import quote_density  # noqa: E402
from mediakit.quotes import quotes  # noqa: E402
from mediakit.sources import sources  # noqa: E402
from mediakit.terms import term_frequency  # noqa: E402

_PEOPLE = [("Jane Smith", "she"), ("Omar Haddad", "he"), ("Li Wei", "she"), ("Peter Brown", "he")]
TERMS = ["NATO", "sanctions", "Ukraine", "security council"]


def _body(i: int) -> str:
    name, pron = _PEOPLE[i % len(_PEOPLE)]
    other = _PEOPLE[(i + 1) % len(_PEOPLE)][0]
    return (
        f"WASHINGTON (AP) — NATO allies discussed sanctions on day {i}, officials said.\n\n"
        f"\u201cWe are ready to respond,\u201d {name}, a State Department spokesperson, said on Monday. "
        f"\u201cThe Security Council must act.\u201d\n\n"
        f"{other} told reporters the talks on Ukraine were \u201copen and direct.\u201d\n\n"
        f"\"Nothing is agreed,\" {pron} said. A senior official, who spoke on condition of anonymity, "
        f"said more sanctions were possible.\n\n" + "The war in Ukraine goes on. " * (i % 4)
    )


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dask_corpus")
    for f in range(3):  # three files -> at least three partitions
        rows = [
            {
                "link": f"https://example.org/{f}/{i}",
                "headline": f"Story {f}-{i}",
                "date": (pd.Timestamp("2022-01-03", tz="UTC") + pd.Timedelta(days=3 * i + f)).isoformat(),
                "body": _body(10 * f + i),
            }
            for i in range(8)
        ]
        pd.DataFrame(rows).to_csv(folder / f"outlet{f}.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0"
    )
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def frames(corpus_dir, client):
    pdf = load_corpus(corpus_dir)
    ddf = load_corpus(corpus_dir, engine="dask")
    return pdf, ddf


def _same(a: pd.DataFrame, b: pd.DataFrame, keys: list[str]) -> None:
    a = a.sort_values(keys, kind="stable").reset_index(drop=True)
    b = b.sort_values(keys, kind="stable").reset_index(drop=True)
    assert list(a.columns) == list(b.columns)
    pd.testing.assert_frame_equal(a, b, check_dtype=False, check_categorical=False)


def test_load_corpus_dask_is_partitioned_and_equal(frames):
    pdf, ddf = frames
    assert isinstance(ddf, dd.DataFrame)
    assert ddf.npartitions >= 3
    got = ddf.compute()
    assert len(got) == len(pdf) == 24
    assert list(got.columns) == list(pdf.columns)
    a = got.set_index("doc_id").sort_index()
    b = pdf.set_index("doc_id").sort_index()
    assert a["text"].tolist() == b["text"].tolist()
    assert a["n_words"].tolist() == b["n_words"].tolist()
    assert (a["date"] == b["date"]).all()


def test_saved_corpus_reloads_with_dask(frames, tmp_path):
    pdf, _ = frames
    saved = save_corpus(pdf, tmp_path / "saved")
    ddf = load_corpus(saved, engine="dask")
    got = ddf.compute().reset_index(drop=True)
    assert got["doc_id"].tolist() == pdf["doc_id"].tolist()
    assert got["text"].tolist() == pdf["text"].tolist()


def test_quotes_dask_equals_pandas(frames):
    pdf, ddf = frames
    expected = quotes(pdf)
    got = quotes(ddf)
    got = got.compute() if hasattr(got, "compute") else got
    assert len(expected) > 24
    _same(got, expected, ["doc_id", "start"])


def test_quote_density_dask_equals_pandas(frames):
    pdf, ddf = frames
    for kwargs in ({}, {"by": "outlet"}, {"freq": "W"}):
        expected = quote_density(pdf, **kwargs)
        got = quote_density(ddf, **kwargs)
        got = got.compute() if hasattr(got, "compute") else got
        keys = ["doc_id"] if not kwargs else [c for c in ("outlet", "period") if c in expected.columns]
        _same(got, expected, keys)


def test_sources_dask_equals_pandas(frames):
    pdf, ddf = frames
    expected = sources(pdf)
    got = sources(ddf)
    got = got.compute() if hasattr(got, "compute") else got
    assert len(expected) > 0
    _same(got, expected, ["doc_id", "source", "kind"])


@pytest.mark.parametrize("kwargs", [{"freq": "W"}, {"freq": "M", "by": "outlet"}, {"freq": "W", "dedupe": False}])
def test_term_frequency_dask_equals_pandas(frames, kwargs):
    pdf, ddf = frames
    expected = term_frequency(pdf, TERMS, **kwargs)
    got = term_frequency(ddf, TERMS, **kwargs)
    got = got.compute() if hasattr(got, "compute") else got
    assert expected["count"].sum() > 0
    _same(got, expected, [c for c in ("period", "outlet", "term") if c in expected.columns])
