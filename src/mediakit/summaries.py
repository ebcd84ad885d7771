"""Corpus summaries of source attribution, for report notebooks.

Every function takes the :func:`mediakit.sources` table plus the corpus table
(:func:`mediakit.load_corpus`) that gives each ``doc_id`` its ``date`` and
grouping columns (``outlet`` ...). Passing the corpus table alone works too: its
sources are computed first. Results are tidy long tables: one row per group and
category, each count with its denominator, and shares computed last as sums over
sums (never means of per-article shares).

Grouping, shared by all functions:

* ``freq``: a pandas period alias ("D", "W", "M", "Q"; "MS"/"QS"/"YS" too). Adds
  a ``period`` column (start of the period, UTC) as ``quote_density`` does;
  articles without a date fall in a ``NaT`` period.
* ``by``: a corpus column name or a list of them (e.g. ``"outlet"``).

Unknown affiliations are counted under ``"unknown"``, never guessed.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import pandas as pd

from mediakit._periods import period_start

__all__ = [
    "quotes_by_affiliation",
    "top_sources",
    "wire_share",
    "anonymous_share",
    "quoted_vs_paraphrased",
]

UNKNOWN = "unknown"
_CITED = ("quoted", "paraphrased", "anonymous")


def _is_dask(df: Any) -> bool:
    return hasattr(df, "map_partitions") and not isinstance(df, pd.DataFrame)


def _by_list(by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def _split_inputs(src_or_df: Any, corpus: Any) -> tuple[pd.DataFrame, Any]:
    """(sources table, corpus table or None); computes sources from a corpus table."""
    if "kind" in getattr(src_or_df, "columns", []) and "source" in src_or_df.columns:
        src = src_or_df.compute() if _is_dask(src_or_df) else src_or_df
        return src, corpus
    from mediakit.sources import sources

    return sources(src_or_df), src_or_df if corpus is None else corpus


def _articles(corpus: Any, src: pd.DataFrame, freq: str | None, by: list[str]) -> pd.DataFrame:
    """One row per article: ``doc_id`` and the group columns (``period``, ``by``...)."""
    if corpus is None:
        if freq or by:
            raise ValueError("freq= and by= need the corpus table (corpus=...) for dates and groups")
        return pd.DataFrame({"doc_id": pd.unique(src["doc_id"])})
    cols = ["doc_id", *(["date"] if freq else []), *by]
    missing = [c for c in cols if c not in corpus.columns]
    if missing:
        raise KeyError(f"corpus table lacks columns {missing}")
    art = corpus[cols]
    if _is_dask(art):
        art = art.compute()
        for c in art.columns:  # dask hands strings back as string[pyarrow]
            if isinstance(art[c].dtype, pd.StringDtype):
                art[c] = art[c].astype(object).where(art[c].notna(), None)
    art = art.drop_duplicates("doc_id").reset_index(drop=True)
    if freq:
        art.insert(1, "period", period_start(art.pop("date"), freq))
    return art


def _keys(freq: str | None, by: list[str]) -> list[str]:
    return (["period"] if freq else []) + by


def _attach(src: pd.DataFrame, art: pd.DataFrame) -> pd.DataFrame:
    """Sources rows of the corpus articles with their group columns."""
    return src.merge(art, on="doc_id", how="inner")


def _share(num: pd.Series, den: pd.Series) -> pd.Series:
    return (num / den.where(den > 0)).astype(float)


def quotes_by_affiliation(
    src_or_df: Any,
    corpus: Any = None,
    *,
    freq: str | None = None,
    by: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Share of direct quotes by the speaker's affiliation, per period and group.

    Args:
        src_or_df: the ``sources()`` table, or a corpus table.
        corpus: the corpus table (dates and ``by`` columns); optional without
            ``freq``/``by``.
        freq: period length (pandas offset alias), or None for the whole corpus.
        by: corpus column(s) to group by, e.g. ``"outlet"``.

    Returns:
        Columns ``[period], [by...], affiliation, n_quotes, total_quotes, share``:
        quotes (``n_quotes`` of every source, anonymous ones included) whose
        speaker has this affiliation, over all quotes in the group.
    """
    src, corpus = _split_inputs(src_or_df, corpus)
    by_l = _by_list(by)
    keys = _keys(freq, by_l)
    rows = _attach(src[src["n_quotes"] > 0], _articles(corpus, src, freq, by_l))
    rows = rows.assign(affiliation=rows["affiliation"].fillna(UNKNOWN))
    cols = [*keys, "affiliation", "n_quotes", "total_quotes", "share"]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    out = rows.groupby([*keys, "affiliation"], dropna=False, sort=True, as_index=False)["n_quotes"].sum()
    if keys:
        out["total_quotes"] = out.groupby(keys, dropna=False)["n_quotes"].transform("sum")
    else:
        out["total_quotes"] = out["n_quotes"].sum()
    out["share"] = _share(out["n_quotes"], out["total_quotes"])
    out = out.sort_values([*keys, "n_quotes", "affiliation"], ascending=[True] * len(keys) + [False, True])
    return out[cols].reset_index(drop=True)


def top_sources(
    src_or_df: Any,
    corpus: Any = None,
    *,
    n: int = 10,
    freq: str | None = None,
    by: str | Sequence[str] | None = None,
    kinds: Sequence[str] = ("quoted", "paraphrased"),
) -> pd.DataFrame:
    """The ``n`` sources cited in most articles, per period and group.

    Args:
        src_or_df: the ``sources()`` table, or a corpus table.
        corpus: the corpus table (dates, ``by`` columns, article counts).
        n: sources kept per group.
        freq: period length (pandas offset alias), or None.
        by: corpus column(s) to group by.
        kinds: source kinds that count (default: quoted and paraphrased, people and
            institutions; add ``"anonymous"`` to rank unnamed sources too).

    Returns:
        Columns ``[period], [by...], rank, source, affiliation, is_institution,
        n_articles, total_articles, share_articles, n_quotes, n_paraphrases``.
        Ranked by articles citing the source, then quotes, then name;
        ``total_articles`` counts every article of the group.
    """
    src, corpus = _split_inputs(src_or_df, corpus)
    by_l = _by_list(by)
    keys = _keys(freq, by_l)
    art = _articles(corpus, src, freq, by_l)
    rows = _attach(src[src["kind"].isin(list(kinds))], art)
    cols = [*keys, "rank", "source", "affiliation", "is_institution", "n_articles", "total_articles",
            "share_articles", "n_quotes", "n_paraphrases"]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    rows = rows.assign(affiliation=rows["affiliation"].fillna(UNKNOWN))
    g = rows.groupby([*keys, "source"], dropna=False, sort=False)
    out = g.agg(
        affiliation=("affiliation", lambda a: a[a != UNKNOWN].mode().iloc[0] if (a != UNKNOWN).any() else UNKNOWN),
        is_institution=("is_institution", "any"),
        n_articles=("doc_id", "nunique"),
        n_quotes=("n_quotes", "sum"),
        n_paraphrases=("n_paraphrases", "sum"),
    ).reset_index()
    if keys:
        totals = art.groupby(keys, dropna=False).size().rename("total_articles").reset_index()
        out = out.merge(totals, on=keys, how="left")
    else:
        out["total_articles"] = len(art)
    out["share_articles"] = _share(out["n_articles"], out["total_articles"])
    out = out.sort_values(
        [*keys, "n_articles", "n_quotes", "source"], ascending=[True] * len(keys) + [False, False, True]
    )
    if keys:
        out["rank"] = out.groupby(keys, dropna=False).cumcount() + 1
    else:
        out["rank"] = range(1, len(out) + 1)
    out = out[out["rank"] <= n]
    return out[cols].reset_index(drop=True)


def wire_share(
    df: Any,
    corpus: Any = None,
    *,
    freq: str | None = None,
    by: str | Sequence[str] | None = None,
    per_wire: bool = False,
) -> pd.DataFrame:
    """Share of articles built on wire copy (a ``wire`` credit), per period and group.

    Args:
        df: the corpus table (its ``wire`` column is read), or the ``sources()``
            table with ``corpus=`` (its ``wire`` rows are read).
        corpus: the corpus table when ``df`` is a sources table.
        freq: period length (pandas offset alias), or None.
        by: corpus column(s) to group by.
        per_wire: one row per wire service (AP, Reuters ...) instead of any wire.

    Returns:
        ``[period], [by...], n_wire, n_articles, share``; with ``per_wire`` a
        ``wire`` column comes before the counts (an article crediting two services
        counts for each).
    """
    by_l = _by_list(by)
    keys = _keys(freq, by_l)
    if "kind" in df.columns and "source" in df.columns:
        if corpus is None:
            raise ValueError("a sources table needs corpus= for the article counts")
        src = df.compute() if _is_dask(df) else df
        wires = src.loc[src["kind"] == "wire", ["doc_id", "source"]].rename(columns={"source": "wire"})
        art = _articles(corpus, src, freq, by_l)
    else:
        art = _articles(df, pd.DataFrame({"doc_id": []}), freq, by_l)
        w = df[["doc_id", "wire"]]
        w = w.compute() if _is_dask(w) else w
        w = w.dropna(subset=["wire"])
        w = w[w["wire"].astype(str).str.strip() != ""]
        from mediakit._aliases import alias_map, name_key

        amap = alias_map()
        w = w.assign(wire=w["wire"].astype(str).str.split(r"\s*(?:,|/|;| and |&)\s*", regex=True)).explode("wire")
        w = w[w["wire"].str.strip() != ""]
        wires = w.assign(wire=[amap.get(name_key(x), x.strip()) for x in w["wire"]])
    wires = wires.drop_duplicates()
    cols = [*keys, *(["wire"] if per_wire else []), "n_wire", "n_articles", "share"]
    totals = (
        art.groupby(keys, dropna=False).size().rename("n_articles").reset_index()
        if keys
        else pd.DataFrame({"n_articles": [len(art)]})
    )
    hits = wires.merge(art, on="doc_id", how="inner")
    if per_wire:
        num = hits.groupby([*keys, "wire"], dropna=False).size().rename("n_wire").reset_index()
        out = num.merge(totals, on=keys, how="left") if keys else num.assign(n_articles=len(art))
    else:
        num = (
            hits.drop_duplicates("doc_id").groupby(keys, dropna=False).size().rename("n_wire").reset_index()
            if keys
            else pd.DataFrame({"n_wire": [hits["doc_id"].nunique()]})
        )
        out = totals.merge(num, on=keys, how="left") if keys else pd.concat([num, totals], axis=1)
        out["n_wire"] = out["n_wire"].fillna(0).astype("int64")
    out["share"] = _share(out["n_wire"], out["n_articles"])
    return out[cols].sort_values(keys or cols[:1]).reset_index(drop=True)


def anonymous_share(
    src_or_df: Any,
    corpus: Any = None,
    *,
    freq: str | None = None,
    by: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """How much coverage rests on unnamed sources, per period and group.

    Args:
        src_or_df: the ``sources()`` table, or a corpus table.
        corpus: the corpus table (dates, ``by`` columns, article counts).
        freq: period length (pandas offset alias), or None.
        by: corpus column(s) to group by.

    Returns:
        ``[period], [by...], n_articles, n_articles_anonymous, article_share,
        n_sources, n_anonymous, source_share``: articles with at least one
        anonymous source over all articles; anonymous sources over all cited
        sources (quoted, paraphrased and anonymous rows).
    """
    src, corpus = _split_inputs(src_or_df, corpus)
    by_l = _by_list(by)
    keys = _keys(freq, by_l)
    art = _articles(corpus, src, freq, by_l)
    cited = _attach(src[src["kind"].isin(_CITED)], art)
    anon = cited[cited["kind"] == "anonymous"]
    counts = ["n_articles", "n_articles_anonymous", "n_sources", "n_anonymous"]
    if keys:
        out = art.groupby(keys, dropna=False).size().rename("n_articles").reset_index()
        parts = [
            anon.groupby(keys, dropna=False)["doc_id"].nunique().rename("n_articles_anonymous"),
            cited.groupby(keys, dropna=False).size().rename("n_sources"),
            anon.groupby(keys, dropna=False).size().rename("n_anonymous"),
        ]
        for p in parts:
            out = out.merge(p.reset_index(), on=keys, how="left")
    else:
        out = pd.DataFrame(
            {
                "n_articles": [len(art)],
                "n_articles_anonymous": [anon["doc_id"].nunique()],
                "n_sources": [len(cited)],
                "n_anonymous": [len(anon)],
            }
        )
    for c in counts:
        out[c] = out[c].fillna(0).astype("int64")
    out["article_share"] = _share(out["n_articles_anonymous"], out["n_articles"])
    out["source_share"] = _share(out["n_anonymous"], out["n_sources"])
    order = [*keys, "n_articles", "n_articles_anonymous", "article_share", "n_sources", "n_anonymous", "source_share"]
    return out[order].sort_values(keys or order[:1]).reset_index(drop=True)


def quoted_vs_paraphrased(
    src_or_df: Any,
    corpus: Any = None,
    *,
    freq: str | None = None,
    by: str | Sequence[str] | None = None,
    count: Literal["sources", "citations"] = "sources",
    institutions: bool = True,
) -> pd.DataFrame:
    """Quoted versus paraphrased sources, per period and group.

    Args:
        src_or_df: the ``sources()`` table, or a corpus table.
        corpus: the corpus table (dates and ``by`` columns).
        freq: period length (pandas offset alias), or None.
        by: corpus column(s) to group by.
        count: ``"sources"`` counts (article, source) rows — a source both quoted
            and paraphrased counts as quoted; ``"citations"`` sums ``n_quotes``
            and ``n_paraphrases`` (each quote and each paraphrase once).
        institutions: include institutions ("the Kremlin said").

    Returns:
        ``[period], [by...], kind, n, total, share`` with ``kind`` "quoted" or
        "paraphrased" and ``total`` their sum in the group.
    """
    src, corpus = _split_inputs(src_or_df, corpus)
    by_l = _by_list(by)
    keys = _keys(freq, by_l)
    rows = src[src["kind"].isin(["quoted", "paraphrased"])]
    if not institutions:
        rows = rows[~rows["is_institution"].astype(bool)]
    rows = _attach(rows, _articles(corpus, src, freq, by_l))
    if count == "sources":
        long = rows.assign(n=1)[[*keys, "kind", "n"]]
    elif count == "citations":
        long = pd.concat(
            [
                rows[keys].assign(kind="quoted", n=rows["n_quotes"]),
                rows[keys].assign(kind="paraphrased", n=rows["n_paraphrases"]),
            ],
            ignore_index=True,
        )
    else:
        raise ValueError(f"count must be 'sources' or 'citations', not {count!r}")
    cols = [*keys, "kind", "n", "total", "share"]
    if long.empty:
        return pd.DataFrame(columns=cols)
    # both kinds in every group, zero where absent
    groups = long[keys].drop_duplicates() if keys else pd.DataFrame(index=[0])
    grid = groups.merge(pd.DataFrame({"kind": ["quoted", "paraphrased"]}), how="cross")
    sums = long.groupby([*keys, "kind"], dropna=False, as_index=False)["n"].sum()
    out = grid.merge(sums, on=[*keys, "kind"], how="left")
    out["n"] = out["n"].fillna(0).astype("int64")
    out["total"] = out.groupby(keys, dropna=False)["n"].transform("sum") if keys else out["n"].sum()
    out["share"] = _share(out["n"], out["total"])
    out["_k"] = out["kind"].map({"quoted": 0, "paraphrased": 1})
    out = out.sort_values([*keys, "_k"])
    return out[cols].reset_index(drop=True)
