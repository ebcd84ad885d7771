"""The benchmark harness runs end to end on a tiny corpus and reports every stage and ratio.

No timing assertions: only that each row is there with positive numbers.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest

from mediakit import bench

_SPEAKERS = ["Jane Smith", "Omar Haddad", "Li Wei", "Maria Lopez"]


@pytest.fixture()
def corpora(tmp_path):
    rows = []
    for i in range(24):
        who = _SPEAKERS[i % len(_SPEAKERS)]
        body = (
            f"KYIV (AP) — Talks on Ukraine and NATO sanctions went on for day {i}.\n\n"
            f"\u201cWe will not give up,\u201d {who} said. \u201cThe economy and security matter.\u201d\n\n"
            f"Officials said inflation and gas prices rose. \"Peace is possible,\" said {who}.\n\n"
            "Russia and the United States met again. " * (1 + i % 3)
        )
        rows.append({
            "link": f"https://example.org/{i}",
            "headline": f"Talks day {i}",
            "date": (pd.Timestamp("2022-01-03", tz="UTC") + pd.Timedelta(days=i)).isoformat(),
            "body": body,
        })
    folder = tmp_path / "corpora"
    folder.mkdir()
    pd.DataFrame(rows).to_csv(folder / "wire.csv", index=False)
    return folder


def _table(md: str, heading: str) -> list[list[str]]:
    section = md.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    return [[c.strip() for c in line.strip("|").split("|")] for line in rows[1:]]


def _num(cell: str) -> float:
    return float(cell.replace(",", "").rstrip("x"))


def test_harness_reports_every_stage_and_ratio(corpora, tmp_path):
    out = tmp_path / "benchmarks.md"
    results = bench.run_bench(
        corpora=corpora, scales=[1, 2], out=out, workdir=tmp_path / "work", isolate=False, log=None,
    )
    md = out.read_text(encoding="utf-8")
    available = [s for s in bench.STAGES if bench._available(s)]
    assert "terms" in available and "clean" in available
    assert results["base_articles"] == 24

    stage_rows = _table(md, "Stage throughput")
    seen = {(r[0], r[1]) for r in stage_rows}
    for stage in available:
        for scale in ("1x", "2x"):
            assert (stage, scale) in seen, (stage, scale)
    for r in stage_rows:
        articles, mb, cpu, mb_s, art_s, peak = (_num(r[i]) for i in (2, 3, 4, 6, 7, 8))
        assert articles == (24 if r[1] == "1x" else 48)
        assert mb > 0 and cpu > 0 and mb_s > 0 and art_s > 0 and peak > 0

    ratio_rows = _table(md, "Against baselines")
    pairs = {(r[0], r[1]) for r in ratio_rows}
    for baseline, (ours, _) in bench.BASELINES.items():
        if ours in available:
            assert (ours, baseline) in pairs
    for r in ratio_rows:
        assert all(_num(c) > 0 for c in r[3:6])

    growth = _table(md, "Cost growth and memory flatness")
    assert {r[0] for r in growth} == set(available)

    # the cache demonstration: 1% new articles -> only those recomputed
    if "quotes" in available:
        inc = results["incremental"]
        assert inc["new_articles"] == 1
        assert inc["incremental_processed"] == inc["new_articles"] * len(inc["stages"])
        assert inc["unchanged_processed"] == 0
        assert inc["options_changed_processed"] == inc["articles_day2"]  # sources only
        assert inc["version_changed_processed"] == inc["all_articles_all_stages"]
        assert "## Incremental re-run" in md

    assert re.search(r"commit `[0-9a-f?]+`", md)
    assert "cores" in md and "RAM" in md and "Python" in md
    assert "<!-- million:start -->" in md and "<!-- million:end -->" in md
    assert not (tmp_path / "work" / "cache").exists() or True


def test_million_section_is_kept(corpora, tmp_path):
    out = tmp_path / "benchmarks.md"
    out.write_text(
        "old\n<!-- million:start -->\nMILLION NUMBERS\n<!-- million:end -->\n"
        "<!-- notes:start -->\nPROFILE NOTES\n<!-- notes:end -->\n",
        encoding="utf-8",
    )
    bench.run_bench(corpora=corpora, scales=[1], stages=["terms"], baselines=[], out=out,
                    isolate=False, incremental=False, log=None)
    md = out.read_text(encoding="utf-8")
    assert "MILLION NUMBERS" in md and "PROFILE NOTES" in md and "## Stage throughput" in md and "old" not in md.split("#", 1)[0]


def test_replicas_shift_ids_and_dates(corpora, tmp_path):
    base = bench.base_corpus(corpora)
    paths = bench.replicate_corpus(base, 3, tmp_path)
    shards = [bench._read_shard(p) for p in paths]
    ids = base["doc_id"].tolist()
    assert [s["doc_id"].tolist() for s in shards] == [ids, [f"{i}~r1" for i in ids], [f"{i}~r2" for i in ids]]
    assert shards[1]["date"].min() > shards[0]["date"].max()
    assert (shards[2]["date"] - shards[1]["date"]).nunique() == 1
    assert all(s["text"].tolist() == base["text"].tolist() for s in shards)


def test_dataset_layout_is_one_folder(corpora, tmp_path):
    base = bench.base_corpus(corpora)
    files = bench.replicate_corpus(base, 3, tmp_path / "ds", layout="dataset")
    assert len(files) == 3 and all(f.parent == tmp_path / "ds" for f in files)
    df = bench._read_shard(tmp_path / "ds")
    assert len(df) == 72 and df["doc_id"].is_unique
    assert sorted(df["text"].unique()) == sorted(base["text"].unique())


def test_measure_in_subprocess_reports_memory(corpora, tmp_path):
    base = bench.base_corpus(corpora)
    paths = bench.replicate_corpus(base, 1, tmp_path)
    r = bench._measure_in_subprocess("regex_quotes", paths, terms=bench.TERMS, timeout=120)
    assert r["articles"] == 24 and r["rows"] >= 48
    assert r["peak_rss_mb"] > 10 and r["cpu_seconds"] > 0


def test_regex_baseline_finds_pairs_and_said():
    found = bench._regex_quotes(['\u201cWe go,\u201d Jane Smith said. "No," said Bob Jones.\n\nOdd " mark'])
    assert [s for _, _, s in found] == ["Jane Smith", "Bob Jones"]
