"""Per-article cache: only missing articles are computed; options, version and lexicons invalidate."""
from __future__ import annotations

import os
import threading

import pandas as pd
import pytest

import mediakit
from mediakit import cache
from mediakit.cache import cached_map, clear_cache


def _corpus(n: int, start: int = 0) -> pd.DataFrame:
    ids = [f"d{i:04d}" for i in range(start, start + n)]
    texts = [f"Article {i}. \u201cQuote number {i},\u201d said Ann Lee." + (" Again." * (i % 3)) for i in range(start, start + n)]
    return pd.DataFrame({"doc_id": ids, "text": texts, "date": pd.Timestamp("2022-01-01", tz="UTC")})


class _Counter:
    """A per-article stage that records which articles it saw; 0, 1 or 2 rows per article."""

    def __init__(self) -> None:
        self.calls = 0
        self.seen: list[str] = []

    def __call__(self, df: pd.DataFrame) -> pd.DataFrame:
        self.calls += 1
        self.seen += df["doc_id"].tolist()
        rows = []
        for doc_id, text in zip(df["doc_id"], df["text"], strict=True):
            for j in range(text.count("Again")):
                rows.append({"doc_id": doc_id, "j": j, "n_chars": len(text), "tags": [doc_id, "x"]})
        return pd.DataFrame(rows, columns=["doc_id", "j", "n_chars", "tags"])


def test_second_run_is_all_hits_and_same_result(tmp_path):
    df = _corpus(30)
    f = _Counter()
    first = cached_map(df, "toy", f, options={"a": 1}, cache_dir=tmp_path)
    assert f.calls == 1 and len(f.seen) == 30
    assert first.attrs["cache"] == {"articles": 30, "hits": 0, "misses": 30, "calls": 1, "rows_computed": len(first)}
    second = cached_map(df, "toy", f, options={"a": 1}, cache_dir=tmp_path)
    assert f.calls == 1  # nothing recomputed
    assert second.attrs["cache"]["hits"] == 30 and second.attrs["cache"]["misses"] == 0
    pd.testing.assert_frame_equal(first, second)
    assert second["tags"].iloc[0] == [second["doc_id"].iloc[0], "x"]  # lists come back as lists
    assert len(first) == sum(i % 3 for i in range(30))


def test_one_percent_new_articles_computes_only_those(tmp_path):
    old = _corpus(500)
    new = _corpus(5, start=500)
    f = _Counter()
    cached_map(old, "toy", f, options={}, cache_dir=tmp_path)
    f.seen.clear()
    grown = pd.concat([old, new], ignore_index=True)
    out = cached_map(grown, "toy", f, options={}, cache_dir=tmp_path)
    assert sorted(f.seen) == new["doc_id"].tolist()
    assert out.attrs["cache"]["misses"] == 5 and out.attrs["cache"]["hits"] == 500
    full = _Counter()(grown)
    pd.testing.assert_frame_equal(out, full)


def test_edited_article_is_recomputed(tmp_path):
    df = _corpus(10)
    f = _Counter()
    cached_map(df, "toy", f, options={}, cache_dir=tmp_path)
    f.seen.clear()
    df.loc[3, "text"] = df.loc[3, "text"] + " Again."
    cached_map(df, "toy", f, options={}, cache_dir=tmp_path)
    assert f.seen == ["d0003"]


def test_columns_limit_the_key(tmp_path):
    df = _corpus(10)
    f = _Counter()
    cached_map(df, "toy", f, options={}, columns=["text"], cache_dir=tmp_path)
    df["date"] = pd.Timestamp("2023-01-01", tz="UTC")  # a field the stage does not read
    out = cached_map(df, "toy", f, options={}, columns=["text"], cache_dir=tmp_path)
    assert f.calls == 1 and out.attrs["cache"]["hits"] == 10


def test_options_stage_version_and_lexicon_invalidate(tmp_path, monkeypatch):
    df = _corpus(8)
    f = _Counter()
    cached_map(df, "toy", f, options={"a": 1}, cache_dir=tmp_path)
    assert cached_map(df, "toy", f, options={"a": 2}, cache_dir=tmp_path).attrs["cache"]["misses"] == 8
    assert cached_map(df, "other", f, options={"a": 1}, cache_dir=tmp_path).attrs["cache"]["misses"] == 8
    # option order does not matter
    assert cached_map(df, "toy", f, options={"a": 1}, cache_dir=tmp_path).attrs["cache"]["hits"] == 8

    monkeypatch.setattr(mediakit, "__version__", "999.0")
    assert cached_map(df, "toy", f, options={"a": 1}, cache_dir=tmp_path).attrs["cache"]["misses"] == 8
    monkeypatch.undo()
    assert cached_map(df, "toy", f, options={"a": 1}, cache_dir=tmp_path).attrs["cache"]["hits"] == 8
    # code that changed under the same version number (the version had stayed 0.1.0
    # through every change of the rules in code)
    monkeypatch.setattr(cache, "_code_fingerprint", lambda: "edited")
    assert cached_map(df, "toy", f, options={"a": 1}, cache_dir=tmp_path).attrs["cache"]["misses"] == 8
    monkeypatch.undo()
    assert cached_map(df, "toy", f, options={"a": 1}, cache_dir=tmp_path).attrs["cache"]["hits"] == 8

    # a user lexicon folder with a new rule file changes the fingerprint
    lex = tmp_path / "lex"
    lex.mkdir()
    (lex / "reporting_verbs.txt").write_text("quipped\n", encoding="utf-8")
    monkeypatch.setenv("MEDIAKIT_LEXICONS", str(lex))
    assert cached_map(df, "toy", f, options={"a": 1}, cache_dir=tmp_path).attrs["cache"]["misses"] == 8
    (lex / "reporting_verbs.txt").write_text("quipped\nsighed\n", encoding="utf-8")
    assert cached_map(df, "toy", f, options={"a": 1}, cache_dir=tmp_path).attrs["cache"]["misses"] == 8


def test_packaged_lexicon_edit_invalidates(tmp_path, monkeypatch):
    pkg = tmp_path / "pkgdata"
    pkg.mkdir()
    (pkg / "rules.txt").write_text("a\n", encoding="utf-8")
    monkeypatch.setattr(cache, "_package_data_dir", lambda: pkg)
    before = cache.cache_key_prefix("toy", {})
    assert cache.cache_key_prefix("toy", {}) == before
    (pkg / "rules.txt").write_text("a\nb\n", encoding="utf-8")
    assert cache.cache_key_prefix("toy", {}) != before


def test_run_time_extension_invalidates(tmp_path, monkeypatch):
    from mediakit import lexicons

    monkeypatch.setattr(lexicons, "_EXTRA", {})
    before = cache.cache_key_prefix("toy", {})
    monkeypatch.setattr(lexicons, "_EXTRA", {"reporting_verbs": ["quipped"]})
    assert cache.cache_key_prefix("toy", {}) != before


def test_articles_with_no_rows_are_cached_too(tmp_path):
    df = _corpus(3)
    df["text"] = "nothing here"
    f = _Counter()
    first = cached_map(df, "toy", f, options={}, cache_dir=tmp_path)
    second = cached_map(df, "toy", f, options={}, cache_dir=tmp_path)
    assert len(first) == len(second) == 0
    assert f.calls == 1
    assert list(second.columns) == ["doc_id", "j", "n_chars", "tags"]


def test_overlapping_runs_do_not_corrupt(tmp_path):
    df = _corpus(200)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            cached_map(df, "toy", _Counter(), options={}, cache_dir=tmp_path)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    f = _Counter()
    out = cached_map(df, "toy", f, options={}, cache_dir=tmp_path)
    assert f.calls == 0
    pd.testing.assert_frame_equal(out, _Counter()(df))


def test_clear_cache(tmp_path):
    df = _corpus(5)
    f = _Counter()
    cached_map(df, "toy", f, options={}, cache_dir=tmp_path)
    cached_map(df, "other", f, options={}, cache_dir=tmp_path)
    assert clear_cache(tmp_path, stages=["other"]) == 2
    assert cached_map(df, "toy", f, options={}, cache_dir=tmp_path).attrs["cache"]["hits"] == 5
    assert clear_cache(tmp_path) == 2
    assert cached_map(df, "toy", f, options={}, cache_dir=tmp_path).attrs["cache"]["misses"] == 5
    assert clear_cache(tmp_path / "absent") == 0


def test_clear_cache_leaves_other_files_alone(tmp_path):
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "table.csv").write_text("a\n1\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("keep", encoding="utf-8")
    cached_map(_corpus(3), "toy", _Counter(), options={}, cache_dir=tmp_path)
    assert clear_cache(tmp_path) == 2
    assert (tmp_path / "report" / "table.csv").is_file() and (tmp_path / "notes.txt").is_file()
    assert not (tmp_path / "toy").exists()


def test_cache_clear_command(tmp_path, capsys):
    cached_map(_corpus(2), "toy", _Counter(), options={}, cache_dir=tmp_path)
    assert cache.cache_clear_command(["--cache-dir", str(tmp_path)]) == 0
    assert "removed 2" in capsys.readouterr().out
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_default_dir_from_env(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIAKIT_CACHE_DIR", str(tmp_path / "c"))
    cached_map(_corpus(2), "toy", _Counter(), options={})
    assert (tmp_path / "c" / "toy").is_dir()
    assert os.environ["MEDIAKIT_CACHE_DIR"]


def test_missing_id_column_raises(tmp_path):
    with pytest.raises(KeyError):
        cached_map(pd.DataFrame({"text": ["a"]}), "toy", _Counter(), options={}, cache_dir=tmp_path)


def test_dask_partitions_are_cached(tmp_path):
    dd = pytest.importorskip("dask.dataframe")
    import dask

    df = _corpus(40)
    f = _Counter()
    ddf = dd.from_pandas(df, npartitions=4)
    with dask.config.set(scheduler="synchronous"):
        first = cached_map(ddf, "toy", f, options={}, cache_dir=tmp_path).compute()
        seen = len(f.seen)
        again = cached_map(ddf, "toy", f, options={}, cache_dir=tmp_path).compute()
    assert seen >= 40 and len(f.seen) == seen  # second pass computes nothing
    expected = _Counter()(df)
    pd.testing.assert_frame_equal(again.reset_index(drop=True), expected, check_dtype=False)
    pd.testing.assert_frame_equal(first.reset_index(drop=True), expected, check_dtype=False)


_PEOPLE = ["Jane Smith", "Omar Haddad", "Li Wei", "Peter Brown"]


def _news(n: int, start: int = 0) -> pd.DataFrame:
    rows = []
    for i in range(start, start + n):
        who = _PEOPLE[i % 4]
        text = (
            f"NATO met on day {i}. \u201cWe are ready,\u201d {who}, a spokesperson, said.\n\n"
            f"A senior official, who spoke on condition of anonymity, said talks went on. \"No deal,\" said {who}."
        )
        rows.append({"doc_id": f"n{i:03d}", "text": text, "title": f"Day {i}", "wire": None, "byline": None,
                     "contributors": [], "photo_credits": [], "captions": []})
    return pd.DataFrame(rows)


def test_cached_stage_equals_the_stage_and_computes_only_new(tmp_path, monkeypatch):
    from mediakit.quotes import quotes
    from mediakit.sources import sources

    old, new = _news(30), _news(1, start=30)
    # the new article names a speaker by surname only: the corpus-wide merge joins it to "Jane Smith"
    new.loc[0, "text"] = "\u201cWe will see,\u201d Smith said on Tuesday. \u201cNot yet,\u201d Smith added."
    grown = pd.concat([old, new], ignore_index=True)
    cache.cached_stage(old, "sources", cache_dir=tmp_path)
    q = cache.cached_stage(grown, "quotes", cache_dir=tmp_path)
    s = cache.cached_stage(grown, "sources", cache_dir=tmp_path)
    assert q.attrs["cache"]["misses"] == 1 and q.attrs["cache"]["hits"] == 30
    assert s.attrs["cache"]["misses"] == 1 and s.attrs["cache"]["hits"] == 30
    pd.testing.assert_frame_equal(q, quotes(grown), check_dtype=False)
    pd.testing.assert_frame_equal(s, sources(grown), check_dtype=False)
    assert "Jane Smith" in set(s.loc[s["doc_id"] == "n030", "source"])
    with pytest.raises(ValueError):
        cache.cached_stage(grown, "nothing", cache_dir=tmp_path)


def test_the_quotes_key_holds_the_title(tmp_path):
    # the title names a transcript's host (extract_quotes(title=...)): a new title is a
    # new result
    text = "THE PRESIDENT:  Thank you.  I said, \u201cWe will build it.\u201d"
    df = pd.DataFrame({"doc_id": ["a", "b"], "text": [text, text], "title": ["Remarks by President Biden", None]})
    first = cache.cached_stage(df, "quotes", cache_dir=tmp_path)
    assert first["speaker"].tolist() == ["Biden", None]
    df.loc[1, "title"] = "Remarks by President Biden"
    again = cache.cached_stage(df, "quotes", cache_dir=tmp_path)
    assert again.attrs["cache"]["misses"] == 1 and again.attrs["cache"]["hits"] == 1
    assert again["speaker"].tolist() == ["Biden", "Biden"]


def test_a_text_kept_from_the_last_call_gives_the_same_key():
    # a long text enters its key by its digest, which the next call over the same
    # strings (quotes, then sources) reuses instead of hashing the text again
    long_a, long_b = "word " * 200, "other " * 200
    df = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [long_a, long_b, "short"]})
    cache._last_digests = {}
    cold = cache._article_keys(df, ["doc_id", "text"])
    assert set(cache._last_digests) == {id(long_a), id(long_b)}  # only the long ones are kept
    warm = cache._article_keys(df, ["doc_id", "text"])
    assert warm == cold and len(set(cold)) == 3
    # the same words in a new string object give the same key; an edit gives another
    copy = pd.DataFrame({"doc_id": ["a"], "text": ["".join(["word "] * 200)]})
    assert copy["text"][0] is not long_a
    assert cache._article_keys(copy, ["doc_id", "text"]) == cold[:1]
    edited = pd.DataFrame({"doc_id": ["a"], "text": [long_a[:-1] + "!"]})
    assert cache._article_keys(edited, ["doc_id", "text"]) != cold[:1]
    # and only the last call's strings are held
    assert set(cache._last_digests) == {id(edited["text"][0])}
