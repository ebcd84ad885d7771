"""``load_corpus(..., engine="dask")``: the same table as a partitioned dask DataFrame.

Partitions:

* a folder written by ``save_corpus`` (or a ``.parquet`` file): ``dd.read_parquet``,
  with list columns turned back into lists and the row-order column dropped;
* a table file (CSV, TSV, JSON, JSON lines, Parquet): one partition per file;
* one-article files (txt, md, html): one partition per ``files_per_partition`` files.

Each partition is built by the pandas loader itself (``corpus._load_sources``) on its
own files, so columns, values and ``doc_id`` are those ``engine="pandas"`` gives.
What a lazy frame cannot give, and how it differs:

* the columns are the corpus columns plus the other input columns met in the *first*
  partition (computed eagerly to build the frame's ``meta``); other partitions are
  made to match (a missing column is None, an extra one is dropped);
* ledgers are per partition and not gathered: ``strict=True`` raises as usual at
  compute time; otherwise problems are only in ``engine="pandas"``'s ``attrs``;
* duplicate ``doc_id`` are made unique within a partition, not across partitions.
"""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pandas as pd

from mediakit import corpus as _c

__all__ = ["load_corpus_dask"]

FILES_PER_PARTITION = 64


def _conform(df: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    for c in meta.columns:
        if c not in df.columns:
            df[c] = None
    df = df[list(meta.columns)]
    return df.astype(meta.dtypes.to_dict(), copy=False) if not df.empty else meta.copy()


def _part(sources: list, opts: dict[str, Any], meta: pd.DataFrame | None) -> pd.DataFrame:
    book = _c._Book(strict=opts["strict"])
    df = _c._load_sources(
        sources, book, format=opts["format"], columns=opts["columns"], outlet=opts["outlet"], progress=False
    )
    df.attrs = {}
    return df if meta is None else _conform(df, meta)


def _saved(path: Path):
    import dask.dataframe as dd

    meta_file = path / _c._SAVED_MARKER
    ddf = dd.read_parquet(str(path)) if path.is_dir() else dd.read_parquet(str(path))
    if meta_file.is_file():
        import json

        info = json.loads(meta_file.read_text(encoding="utf-8"))
        order = [c for c in info.get("columns", []) if c in ddf.columns]
        dtypes = info.get("dtypes", {})
    else:
        order, dtypes = [c for c in ddf.columns if c != "__order"], {}

    def fix(df: pd.DataFrame) -> pd.DataFrame:
        if "__order" in df.columns:
            df = df.sort_values("__order", kind="stable").drop(columns="__order")
        for c, t in dtypes.items():
            if c in df.columns and str(df[c].dtype) != t:
                with contextlib.suppress(TypeError, ValueError):
                    df[c] = df[c].astype(object if t == "object" else t)
        for c in _c.LIST_COLUMNS:
            if c in df.columns:
                df[c] = df[c].map(_c._as_list)
        for c in df.columns:
            if df[c].dtype == object and c not in _c.LIST_COLUMNS:
                df[c] = df[c].where(df[c].notna(), None)
        return df[order] if order else df

    sample = fix(ddf._meta.copy())
    return ddf.map_partitions(fix, meta=sample)


def load_corpus_dask(
    source: Any,
    *,
    format: str | None = None,
    columns: dict[str, str] | None = None,
    outlet: str | None = None,
    recursive: bool = True,
    strict: bool = False,
    files_per_partition: int = FILES_PER_PARTITION,
):
    """Build the corpus as a dask DataFrame (see the module docstring)."""
    import dask

    # keep object columns as object: dask's default conversion to pyarrow strings
    # would turn the list columns (captions, photo_credits, contributors) into text
    with dask.config.set({"dataframe.convert-string": False}):
        return _build(source, format, columns, outlet, recursive, strict, files_per_partition)


def _build(source, format, columns, outlet, recursive, strict, files_per_partition):
    import dask
    import dask.dataframe as dd

    book = _c._Book(strict=strict)
    sources = _c._resolve(source, recursive, book)
    # a single saved corpus or Parquet dataset: read by dask itself
    if len(sources) == 1 and format in (None, "parquet") and (
        sources[0].path.is_dir() or sources[0].path.suffix.lower() in (".parquet", ".pq")
    ) and outlet is None and columns is None and (
        not sources[0].path.is_dir() or (sources[0].path / _c._SAVED_MARKER).is_file()
    ):
        return _saved(sources[0].path)

    tables, singles = [], []
    for s in sources:
        fmt, _gz = _c._format_of(s.path, format)
        (tables if fmt in _c._TABLES else singles).append(s)
    chunks: list[list] = [[s] for s in tables]
    for i in range(0, len(singles), max(1, files_per_partition)):
        chunks.append(singles[i : i + files_per_partition])
    opts = {"format": format, "columns": columns, "outlet": outlet, "strict": strict}
    if not chunks:
        empty = _c._empty_frame()
        return dd.from_pandas(empty, npartitions=1)
    first = _part(chunks[0], opts, None)
    meta = first.iloc[:0]
    if first.empty:
        meta = _c._empty_frame()
    parts = [dask.delayed(_part)(chunk, opts, meta) for chunk in chunks[1:]]
    first_part = dd.from_pandas(_conform(first, meta), npartitions=1)
    if not parts:
        return first_part
    rest = dd.from_delayed(parts, meta=meta, verify_meta=False)
    return dd.concat([first_part, rest], interleave_partitions=False)
