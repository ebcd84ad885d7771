"""The per-article cache as users meet it: ``quotes(df, cache=...)``,
``sources(df, cache=...)`` and report runs, which cache next to their outputs."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import mediakit as mk

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def demo() -> pd.DataFrame:
    return mk.load_corpus(ROOT / "data" / "raw" / "demo", progress=False)


def _stats(table: pd.DataFrame) -> dict:
    stats = table.attrs["cache"]
    return stats if isinstance(stats, dict) else stats.as_dict()


def test_quotes_cache_computes_only_new_articles(demo, tmp_path):
    plain = mk.quotes(demo, progress=False)
    first = mk.quotes(demo.iloc[:-3], cache=tmp_path)
    assert _stats(first)["misses"] == len(demo) - 3
    second = mk.quotes(demo, cache=tmp_path)
    assert _stats(second)["hits"] == len(demo) - 3
    assert _stats(second)["misses"] == 3
    pd.testing.assert_frame_equal(
        second.reset_index(drop=True), plain.reset_index(drop=True), check_dtype=False
    )


def test_sources_cache_gives_the_same_table(demo, tmp_path):
    plain = mk.sources(demo)
    cached = mk.sources(demo, cache=tmp_path)
    again = mk.sources(demo, cache=tmp_path)
    key = ["doc_id", "source", "kind"]
    for table in (cached, again):
        pd.testing.assert_frame_equal(
            table.sort_values(key).reset_index(drop=True),
            plain.sort_values(key).reset_index(drop=True),
            check_dtype=False,
        )
    assert _stats(again)["misses"] == 0


def test_sources_cache_keeps_fill_affiliation_off(demo, tmp_path):
    plain = mk.sources(demo, fill_affiliation=False)
    cached = mk.sources(demo, cache=tmp_path, fill_affiliation=False)
    filled = mk.sources(demo, cache=tmp_path)
    key = ["doc_id", "source", "kind"]
    pd.testing.assert_frame_equal(
        cached.sort_values(key).reset_index(drop=True),
        plain.sort_values(key).reset_index(drop=True),
        check_dtype=False,
    )
    # the option acts after the cache: the second call computed nothing again
    assert _stats(filled)["misses"] == 0
    assert filled["affiliation"].notna().sum() >= cached["affiliation"].notna().sum()


def test_report_runs_cache_next_to_their_outputs(tmp_path):
    corpus = ROOT / "data" / "raw" / "demo"
    mk.run_report("quote_density", corpus=corpus, output_dir=tmp_path, run_name="one")
    shards = list((tmp_path / ".cache" / "quotes").rglob("*.parquet"))
    assert shards, "the report run left no cached quotes"
    mk.run_report("quote_density", corpus=corpus, output_dir=tmp_path, run_name="two")
    # the second run found every article cached: no new shard was written
    assert sorted((tmp_path / ".cache" / "quotes").rglob("*.parquet")) == sorted(shards)
    one = pd.read_csv(tmp_path / "quote_density" / "one" / "tables" / "quotes.csv")
    two = pd.read_csv(tmp_path / "quote_density" / "two" / "tables" / "quotes.csv")
    pd.testing.assert_frame_equal(one, two)
