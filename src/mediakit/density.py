"""Quote density: how much of each article, outlet or period is direct quotation.

``quote_density`` counts quotes, quoted words, words and distinct speakers per
article, then (optionally) sums them per group and divides last, so grouped rates
are sums over sums, never means of per-article rates. Words are counted with
``mediakit._text.count_words``, the same definition as ``n_words`` in the corpus.
"""
from __future__ import annotations

import inspect
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from mediakit._aliases import alias_map, name_key, surname_joins
from mediakit._periods import period_start
from mediakit._text import count_words

__all__ = ["quote_density"]

_COUNTS = ["n_quotes", "quoted_words", "n_words"]
_RATES = ["quotes_per_1k_words", "quoted_share"]
_SPEECH_KINDS = ("full", "partial")
_SEP = "\x1f"  # joins speaker names inside one cell (not a character names contain)
_ROW = "__mk_row"


def quote_density(
    df: Any,
    by: str | Sequence[str] | None = None,
    *,
    quotes: pd.DataFrame | None = None,
    freq: str | None = None,
) -> pd.DataFrame:
    """Quotes per article, or per group of articles, with their denominators.

    Args:
        df: Corpus table (``load_corpus``) with ``doc_id`` and ``text``; ``n_words``
            is used where present, else counted. A dask DataFrame works too: the
            per-article counts run partition by partition and are summed after.
        by: Column name(s) to group by, e.g. ``"outlet"`` or ``["outlet"]``.
            None (and no ``freq``) gives one row per article.
        quotes: A precomputed ``mediakit.quotes(df)`` table (with ``doc_id``);
            computed from ``df`` when None.
        freq: pandas period alias (``"D"``, ``"W"``, ``"M"``...): groups by a
            ``period`` column holding the start of each article's period (UTC).

    Returns:
        One row per article (``doc_id``) or per group (the ``by`` columns, then
        ``period``, then ``n_articles``), with ``n_quotes``, ``quoted_words``,
        ``n_words``, ``quotes_per_1k_words``, ``quoted_share`` (quoted words /
        words) and ``n_speakers`` (distinct named speakers; across a group's
        articles one person named two ways, "Biden" and "Joe Biden", counts once:
        see ``_n_persons``). Rates are NaN where
        there are no words. Quotes whose ``kind`` is neither ``"full"`` nor
        ``"partial"`` (scare quotes, titles) are not counted.
    """
    keys = [by] if isinstance(by, str) else list(by or [])
    if _is_dask(df):
        per_doc = _per_doc_dask(df, keys, quotes=quotes, freq=freq)
    else:
        per_doc = _per_doc(df, keys, quotes=quotes, freq=freq)
    if not keys and freq is None:
        out = per_doc[["doc_id", *_COUNTS]].copy()
        out["n_speakers"] = per_doc["_speakers"].map(_n_names).astype("int64")
        return _with_rates(out)[["doc_id", *_COUNTS, *_RATES, "n_speakers"]]
    return _grouped(per_doc, keys + (["period"] if freq is not None else []))


# -- per article -------------------------------------------------------------


def _per_doc(
    df: pd.DataFrame, keys: list[str], *, quotes: pd.DataFrame | None, freq: str | None
) -> pd.DataFrame:
    """One row per input row: doc_id, group keys, counts and joined speaker names."""
    _check_columns(df, keys, freq=freq, need_text=quotes is None or "n_words" not in df.columns)
    frame = pd.DataFrame(index=range(len(df)))
    frame["doc_id"] = df["doc_id"].astype(str).to_numpy()
    for k in keys:
        frame[k] = df[k].to_numpy()
    if freq is not None:
        frame["period"] = period_start(df["date"], freq).to_numpy()
    if "n_words" in df.columns:
        n_words = pd.to_numeric(df["n_words"], errors="coerce").to_numpy()
        missing = np.isnan(n_words.astype(float))
        if missing.any():  # count where the corpus left a gap
            texts = df["text"].to_numpy()
            n_words = n_words.astype(float)
            n_words[missing] = [count_words(_str(t)) for t in texts[missing]]
        frame["n_words"] = n_words.astype("int64")
    else:
        frame["n_words"] = [count_words(_str(t)) for t in df["text"]]

    if quotes is None:
        row_key = pd.Series(np.arange(len(df)).astype(str))
        work = df.assign(doc_id=row_key.to_numpy())
        qt = _speech(_compute_quotes(work)).reset_index(drop=True)
        qt = qt.assign(**{_ROW: pd.to_numeric(qt["doc_id"])})
    else:
        if "doc_id" not in quotes.columns:
            raise ValueError("quotes= must be a mediakit.quotes(df) table with a 'doc_id' column")
        if frame["doc_id"].duplicated().any():
            dup = frame.loc[frame["doc_id"].duplicated(), "doc_id"].iloc[0]
            raise ValueError(
                f"doc_id {dup!r} occurs more than once in df, so quotes= cannot be matched "
                "to articles; drop duplicates or pass quotes=None to count row by row"
            )
        qt = _speech(quotes).reset_index(drop=True)
        row_of = pd.Series(np.arange(len(frame)), index=frame["doc_id"].to_numpy())
        qt = qt.assign(**{_ROW: qt["doc_id"].astype(str).map(row_of)})
        qt = qt[qt[_ROW].notna()]

    n_q = qt.groupby(_ROW).size()
    q_words = qt["quote"].map(lambda q: count_words(_str(q))).groupby(qt[_ROW]).sum()
    speakers = qt["speaker"].where(qt["speaker"].map(_is_name), None).dropna().astype(str)
    # the distinct speakers of each row, joined in sorted order (a dict of sets: a
    # groupby with a Python function per group cost ~20 ms a copy of the corpora)
    names_of: dict[Any, set[str]] = {}
    for row, name in zip(qt.loc[speakers.index, _ROW].to_numpy(), speakers.to_numpy(), strict=True):
        names_of.setdefault(row, set()).add(name)
    spk = pd.Series({row: _SEP.join(sorted(names)) for row, names in names_of.items()}, dtype=object)
    rows = pd.Index(np.arange(len(frame)))
    frame["n_quotes"] = n_q.reindex(rows, fill_value=0).astype("int64").to_numpy()
    frame["quoted_words"] = q_words.reindex(rows, fill_value=0).astype("int64").to_numpy()
    frame["_speakers"] = spk.reindex(rows, fill_value="").to_numpy()
    return frame


def _per_doc_dask(
    ddf: Any, keys: list[str], *, quotes: pd.DataFrame | None, freq: str | None
) -> pd.DataFrame:
    """Per-article rows from a dask DataFrame: map_partitions, then collect (small)."""
    if quotes is not None:
        cols = [c for c in ["doc_id", "text", "n_words", "date", *keys] if c in ddf.columns]
        if "n_words" in cols:
            cols.remove("text")
        return _per_doc(ddf[cols].compute(), keys, quotes=quotes, freq=freq)
    meta = pd.DataFrame(
        {
            "doc_id": pd.Series([], dtype=object),
            **{k: pd.Series([], dtype=ddf[k].dtype) for k in keys},
            **({"period": pd.Series([], dtype="datetime64[ns, UTC]")} if freq else {}),
            "n_words": pd.Series([], dtype="int64"),
            "n_quotes": pd.Series([], dtype="int64"),
            "quoted_words": pd.Series([], dtype="int64"),
            "_speakers": pd.Series([], dtype=object),
        }
    )

    def part(p: pd.DataFrame) -> pd.DataFrame:
        return _per_doc(p, keys, quotes=None, freq=freq)[list(meta.columns)]

    return ddf.map_partitions(part, meta=meta).compute().reset_index(drop=True)


# -- groups ------------------------------------------------------------------


def _grouped(per_doc: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    g = per_doc.groupby(keys, dropna=False, sort=True)
    out = g[_COUNTS].sum()
    out.insert(0, "n_articles", g.size())
    out["n_speakers"] = g["_speakers"].agg(_n_names_union)
    out = out.reset_index()
    out = _with_rates(out)
    for c in ["n_articles", *_COUNTS, "n_speakers"]:
        out[c] = out[c].astype("int64")
    return out[[*keys, "n_articles", *_COUNTS, *_RATES, "n_speakers"]]


def _with_rates(out: pd.DataFrame) -> pd.DataFrame:
    words = out["n_words"].astype(float).where(out["n_words"] > 0)
    out["quotes_per_1k_words"] = out["n_quotes"] / words * 1000.0
    out["quoted_share"] = out["quoted_words"] / words
    return out


# -- helpers -----------------------------------------------------------------


def _compute_quotes(df: pd.DataFrame) -> pd.DataFrame:
    from mediakit.quotes import quotes as _quotes

    kwargs: dict[str, Any] = {}
    try:
        params = inspect.signature(_quotes).parameters
    except (TypeError, ValueError):  # pragma: no cover - builtins / C callables
        params = {}
    if "progress" in params:
        kwargs["progress"] = False
    return _quotes(df, **kwargs)


def _speech(qt: pd.DataFrame) -> pd.DataFrame:
    """Quotes that are speech: drop rows whose kind marks a scare quote or title."""
    for col in ("doc_id", "quote", "speaker"):
        if col not in qt.columns:  # an empty table may come without columns
            qt = qt.assign(**{col: pd.Series([None] * len(qt), index=qt.index, dtype=object)})
    if "kind" in qt.columns:
        qt = qt[qt["kind"].isna() | qt["kind"].isin(_SPEECH_KINDS)]
    return qt


def _check_columns(df: pd.DataFrame, keys: list[str], *, freq: str | None, need_text: bool) -> None:
    need = ["doc_id", *keys]
    if need_text:
        need.append("text")
    if freq is not None:
        need.append("date")
    missing = [c for c in need if c not in df.columns]
    if missing:
        raise ValueError(
            f"quote_density needs column(s) {missing} in the corpus table; "
            f"it has {list(df.columns)}"
        )


def _is_dask(df: Any) -> bool:
    return type(df).__module__.startswith("dask") and hasattr(df, "map_partitions")


def _is_name(v: Any) -> bool:
    return isinstance(v, str) and bool(v.strip())


def _str(v: Any) -> str:
    return v if isinstance(v, str) else ""


def _n_names(joined: str) -> int:
    return len(joined.split(_SEP)) if joined else 0


def _n_names_union(col: pd.Series) -> int:
    names: set[str] = set()
    for joined in col:
        if joined:
            names.update(joined.split(_SEP))
    return _n_persons(names)


def _n_persons(names: set[str]) -> int:
    """Distinct persons among speaker names of several articles, each article having
    named them its own way: the aliases table applied, spellings folded by name key
    ("Mykhailo Podolyak", "Mykhailo Podoliak"), a surname alone joined to the one full
    name of the group with that surname ("Biden", "Joe Biden"), two persons named
    together ("Brian Deese and Jake Sullivan") counted apart."""
    amap = alias_map()
    keys: set[str] = set()
    for name in names:
        for one in _persons_of(name) if " and " in name else (name,):
            k = name_key(one)
            k = name_key(amap[k]) if k in amap else k
            keys.add(k or one)
    joins = surname_joins(keys)
    return len({joins.get(k, k) if " " not in k else k for k in keys})


def _persons_of(name: str) -> list[str]:
    """The persons of a joint speaker, as ``sources`` cites them ("Brian Deese and
    Jake Sullivan"; not "Department of Health and Human Services")."""
    # (sources and its rules are loaded only when a name has "and")
    from mediakit.sources import _get_rules, _joint_persons

    return _joint_persons(name, _get_rules())
