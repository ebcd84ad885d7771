"""Per-article result cache, so a daily re-run redoes only the new articles.

A stage result (quotes, sources, per-article term counts ...) depends on the
article, the stage, its options, the mediakit version and code, and the rules in the
lexicon files. ``cached_map`` hashes all of these: the stage, options, version, code
and lexicons pick a folder; each article's content (the columns the stage reads) is a
key inside it. The stage function runs only on the articles whose key is missing,
its rows are written as one Parquet shard for the run, and cached rows of the other
articles are read back and put in the input's order.

Layout under ``cache_dir`` (default ``data/processed/.cache``, or
``$MEDIAKIT_CACHE_DIR``)::

    <stage>/<fingerprint>/shards/<run>.parquet    result rows + a ``_key`` column
    <stage>/<fingerprint>/index/<run>.parquet     keys computed in that run

The index fragment is written after its shard, each to a hidden temporary name then
renamed, so a reader never sees half a run and two overlapping runs each add their
own files. A change of options, version, code or lexicon changes the fingerprint: old
results are simply not read (``clear_cache`` removes them).
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "cached_map", "cached_stage", "clear_cache", "cache_key_prefix", "default_cache_dir", "CacheStats",
    "STAGE_COLUMNS",
]

_KEY = "_key"
_DEFAULT_DIR = Path("data") / "processed" / ".cache"


@dataclass
class CacheStats:
    """What one ``cached_map`` call did: articles found, computed, and calls to ``func``."""

    articles: int = 0
    hits: int = 0
    misses: int = 0
    calls: int = 0
    rows_computed: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def default_cache_dir() -> Path:
    """``$MEDIAKIT_CACHE_DIR`` if set, else ``data/processed/.cache`` under the working directory."""
    env = os.environ.get("MEDIAKIT_CACHE_DIR")
    return Path(env) if env else _DEFAULT_DIR


def _hash(*parts: bytes) -> str:
    h = hashlib.blake2b(digest_size=16)
    for p in parts:
        h.update(len(p).to_bytes(8, "little"))
        h.update(p)
    return h.hexdigest()


def _package_data_dir() -> Path:
    return Path(str(resources.files("mediakit") / "data"))


def _lexicon_fingerprint() -> str:
    """Hash of the packaged rule files, user lexicon folders and run-time extensions."""
    h = hashlib.blake2b(digest_size=16)
    folders = [_package_data_dir()]
    folders += [Path(p) for p in os.environ.get("MEDIAKIT_LEXICONS", "").split(os.pathsep) if p]
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if "__pycache__" in path.parts:
                continue
            h.update(str(path.relative_to(folder)).encode())
            h.update(path.read_bytes())
    try:
        from mediakit import lexicons

        h.update(json.dumps(lexicons._EXTRA, sort_keys=True, default=repr).encode())
    except (ImportError, AttributeError):  # pragma: no cover - lexicons is part of the base
        pass
    return h.hexdigest()


@functools.cache
def _code_fingerprint() -> str:
    """Hash of the package's Python files: code that changed under the same version
    number (an install from git, a development tree) does not read old results."""
    h = hashlib.blake2b(digest_size=16)
    root = Path(str(resources.files("mediakit")))
    for path in sorted(root.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        h.update(str(path.relative_to(root)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def cache_key_prefix(stage: str, options: dict[str, Any] | None = None) -> str:
    """Fingerprint of a stage run: stage name, options, mediakit version and code, and
    lexicons.

    Two calls share cached results only when their fingerprints are equal.
    """
    import mediakit

    opts = json.dumps(options or {}, sort_keys=True, default=repr)
    return _hash(
        stage.encode(), opts.encode(), mediakit.__version__.encode(), _code_fingerprint().encode(),
        _lexicon_fingerprint().encode(),
    )


def _value_bytes(v: Any) -> bytes:
    if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NaT:
        return b"\x00"
    if isinstance(v, str):
        return v.encode("utf-8", "surrogatepass")
    if isinstance(v, (list, tuple, dict, np.ndarray)):
        if isinstance(v, np.ndarray):
            v = v.tolist()
        return json.dumps(v, sort_keys=True, default=str).encode()
    return repr(v).encode()


# Long strings (article texts) enter a key by their own digest. The digests of the last
# call's strings are kept, with the strings, so that the next stage over the same table
# (quotes, then sources) does not encode and hash every text again; only one call's
# strings are held, and only while no other call has replaced them.
_LONG = 512
_last_digests: dict[int, tuple[str, bytes]] = {}


def _long_digest(v: str, memo: dict[int, tuple[str, bytes]]) -> bytes:
    hit = memo.get(id(v))
    if hit is not None and hit[0] is v:
        return hit[1]
    return hashlib.blake2b(v.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _article_keys(df: pd.DataFrame, columns: Sequence[str]) -> list[str]:
    global _last_digests
    memo: dict[int, tuple[str, bytes]] = _last_digests
    fresh: dict[int, tuple[str, bytes]] = {}

    def part(v: Any) -> bytes:
        if type(v) is str and len(v) > _LONG:
            d = fresh[id(v)] = (v, _long_digest(v, memo))
            return b"\x01" + d[1]
        return _value_bytes(v)

    out = [_hash(*map(part, values)) for values in zip(*[df[c].tolist() for c in columns], strict=True)]
    _last_digests = fresh
    return out


def _restore_lists(frame: pd.DataFrame) -> pd.DataFrame:
    """Parquet gives list cells back as numpy arrays: make them lists again."""
    for col in frame.columns:
        if frame[col].dtype == object and len(frame):
            first = frame[col].dropna()
            if len(first) and isinstance(first.iloc[0], np.ndarray):
                frame[col] = frame[col].map(lambda v: v.tolist() if isinstance(v, np.ndarray) else v)
    return frame


def _write_atomic(frame: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{uuid.uuid4().hex}.tmp"
    frame.to_parquet(tmp, index=False)
    os.replace(tmp, path)


def _read_index(folder: Path) -> pd.DataFrame:
    files = sorted((folder / "index").glob("*.parquet"))
    if not files:
        return pd.DataFrame({_KEY: pd.Series(dtype=object), "run": pd.Series(dtype=object)})
    parts = [pd.read_parquet(f, columns=[_KEY]).assign(run=f.stem) for f in files]
    index = pd.concat(parts, ignore_index=True)
    # overlapping runs may both have computed a key: the first run (by name) wins
    return index.drop_duplicates(_KEY, keep="first")


def cached_map(
    df: pd.DataFrame,
    stage: str,
    func: Callable[[pd.DataFrame], pd.DataFrame],
    *,
    options: dict[str, Any] | None = None,
    columns: Sequence[str] | None = None,
    id_column: str = "doc_id",
    cache_dir: str | os.PathLike[str] | None = None,
    meta: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Apply a per-article ``func`` to ``df``, computing only articles not cached yet.

    ``func`` takes a subset of ``df``'s rows and returns a table with an
    ``id_column`` naming the article of each row (any number of rows per article,
    zero included). It must be a pure function of each article's ``columns`` and
    ``options``: that is what the cache key covers.

    Args:
        df: one row per article, with ``id_column``.
        stage: the stage name, e.g. ``"quotes"``; part of the key.
        func: the per-article stage, e.g. ``mediakit.quotes``.
        options: the options ``func`` runs with (JSON-able); part of the key.
        columns: the fields ``func`` reads; default every column of ``df``.
            ``id_column`` is always included.
        id_column: the article id column in ``df`` and in ``func``'s result.
        cache_dir: where results live; default ``default_cache_dir()``. On a
            cluster it must be a folder every worker can reach.
        meta: for a dask ``df``: an empty frame shaped like ``func``'s result
            (default ``func`` of an empty partition).

    Returns:
        ``func``'s rows for every article of ``df``, articles in ``df``'s order.
        ``result.attrs["cache"]`` holds a ``CacheStats`` dict (hits, misses, calls).
        A dask ``df`` gives a dask DataFrame: each partition is looked up and
        stored on its own (one shard per partition), with no stats.
    """
    if not isinstance(df, pd.DataFrame) and hasattr(df, "map_partitions"):
        if meta is None:
            meta = func(df._meta)
        folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        return df.map_partitions(
            cached_map, stage, func, options=options, columns=columns, id_column=id_column,
            cache_dir=folder.resolve(), meta=meta,
        )
    if id_column not in df.columns:
        raise KeyError(f"cached_map needs an {id_column!r} column")
    cols = list(df.columns) if columns is None else list(columns)
    if id_column not in cols:
        cols = [id_column, *cols]
    missing_cols = [c for c in cols if c not in df.columns]
    if missing_cols:
        raise KeyError(f"columns not in df: {missing_cols}")

    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    folder = folder / stage / cache_key_prefix(stage, options)
    keys = _article_keys(df, cols)
    index = _read_index(folder)
    known = dict(zip(index[_KEY], index["run"], strict=True))
    hit = np.fromiter((k in known for k in keys), dtype=bool, count=len(keys))
    stats = CacheStats(articles=len(df), hits=int(hit.sum()), misses=int((~hit).sum()))

    fresh: pd.DataFrame | None = None
    if stats.misses:
        todo = df.loc[~hit]
        fresh = func(todo)
        stats.calls = 1
        stats.rows_computed = len(fresh)
        if id_column not in fresh.columns:
            raise KeyError(f"{stage}: func's result has no {id_column!r} column")
        todo_keys = [k for k, h in zip(keys, hit, strict=True) if not h]
        key_of_id = dict(zip(todo[id_column], todo_keys, strict=False))
        fresh = fresh.reset_index(drop=True)
        fresh_keys = fresh[id_column].map(key_of_id)
        run = f"{pd.Timestamp.now('UTC'):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:12]}"
        _write_atomic(fresh.assign(**{_KEY: fresh_keys.to_numpy()}), folder / "shards" / f"{run}.parquet")
        _write_atomic(pd.DataFrame({_KEY: todo_keys}), folder / "index" / f"{run}.parquet")
        fresh = fresh.assign(**{_KEY: fresh_keys.to_numpy()})

    parts: list[pd.DataFrame] = []
    if stats.hits:
        wanted: dict[str, set[str]] = {}
        for k, h in zip(keys, hit, strict=True):
            if h:
                wanted.setdefault(known[k], set()).add(k)
        for run, ks in sorted(wanted.items()):
            shard = pd.read_parquet(folder / "shards" / f"{run}.parquet")
            parts.append(_restore_lists(shard[shard[_KEY].isin(ks)]))
    if fresh is not None:
        parts.append(fresh)
    parts = [p for p in parts if len(p.columns)]
    if not parts:
        out = pd.DataFrame({id_column: pd.Series(dtype=object)})
    else:
        nonempty = [p for p in parts if len(p)] or parts[:1]
        out = pd.concat(nonempty, ignore_index=True) if len(nonempty) > 1 else nonempty[0]
        if fresh is not None and len(nonempty) > 1:
            out = _align_dtypes(out, fresh)
        order = {k: i for i, k in enumerate(keys)}
        pos = out[_KEY].map(order).to_numpy()
        out = out.iloc[np.argsort(pos, kind="stable")].drop(columns=_KEY).reset_index(drop=True)
    out.attrs["cache"] = stats.as_dict()
    return out


# the fields of an article each per-article stage reads: the cache key covers exactly these
STAGE_COLUMNS: dict[str, tuple[str, ...]] = {
    # (date, url and outlet: who held an office then, and an official site's country)
    "quotes": ("doc_id", "text", "title", "summary", "date", "url", "outlet"),
    "sources": ("doc_id", "text", "title", "summary", "date", "url", "outlet", "wire", "byline", "contributors",
                "photo_credits", "captions"),
}


def cached_stage(
    df: pd.DataFrame, stage: str, *, cache_dir: str | os.PathLike[str] | None = None, **options: Any
) -> pd.DataFrame:
    """``mediakit.quotes(df)`` or ``mediakit.sources(df)`` through the per-article cache.

    Only articles not seen before (same fields, options, version and rules) are
    computed. ``sources`` reuses the cached quotes of the same articles, caches
    its per-article part and merges name variants across the corpus afterwards.

    Args:
        df: the corpus table.
        stage: ``"quotes"`` or ``"sources"``.
        cache_dir: default ``default_cache_dir()``.
        **options: keyword options of the stage (e.g. ``aliases=`` for sources);
            part of the key.

    Returns:
        What the stage returns for ``df``; ``attrs["cache"]`` has the hit counts.
    """
    import importlib

    if stage not in STAGE_COLUMNS:
        raise ValueError(f"no cached stage {stage!r}; one of {sorted(STAGE_COLUMNS)}")
    module = importlib.import_module(f"mediakit.{stage}")
    columns = [c for c in STAGE_COLUMNS[stage] if c in df.columns]
    if stage == "quotes":
        return cached_map(
            df, stage, lambda part: module.quotes(part, **options), options=options, columns=columns,
            cache_dir=cache_dir,
        )
    # sources: the per-article part is cached; merging name variants across
    # articles (merge_names) depends on the whole corpus, so it runs after.
    # fill_affiliation acts only in that merge: not part of the per-article key.
    fill_affiliation = options.pop("fill_affiliation", True)

    def run(part: pd.DataFrame) -> pd.DataFrame:
        # quotes only for the articles whose sources are not cached (from the quotes cache)
        mine = cached_stage(part, "quotes", cache_dir=cache_dir).reset_index(drop=True)
        return module.sources_partition(part, quotes=mine, aliases=options.get("aliases"))

    table = cached_map(df, "sources_partition", run, options=options, columns=columns, cache_dir=cache_dir)
    stats = table.attrs.get("cache")
    out = module.merge_names(table, aliases=options.get("aliases"), fill_affiliation=fill_affiliation)
    out.attrs["cache"] = stats
    return out


def _align_dtypes(out: pd.DataFrame, like: pd.DataFrame) -> pd.DataFrame:
    for col in like.columns:
        if col in out.columns and out[col].dtype != like[col].dtype:
            with contextlib.suppress(TypeError, ValueError):
                out[col] = out[col].astype(like[col].dtype)
    return out


def _is_stage_dir(path: Path) -> bool:
    """A folder laid out by ``cached_map``: ``<fingerprint>/index`` or ``<fingerprint>/shards`` inside."""
    return path.is_dir() and any(
        (fp / "index").is_dir() or (fp / "shards").is_dir() for fp in path.iterdir() if fp.is_dir()
    )


def clear_cache(cache_dir: str | os.PathLike[str] | None = None, *, stages: Iterable[str] | None = None) -> int:
    """Delete cached results; return the number of files removed.

    Only folders laid out by ``cached_map`` are removed, so pointing ``cache_dir``
    at the wrong folder deletes nothing else.

    Args:
        cache_dir: the cache folder; default ``default_cache_dir()``.
        stages: only these stages; default all.
    """
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    if not folder.is_dir():
        return 0
    targets = [folder / s for s in stages] if stages is not None else sorted(folder.iterdir())
    n = 0
    for target in targets:
        if _is_stage_dir(target):
            n += sum(1 for p in target.rglob("*") if p.is_file())
            shutil.rmtree(target)
    return n


def cache_clear_command(argv: Sequence[str] | None = None) -> int:
    """``mediakit cache clear [--cache-dir DIR] [--stage S ...]``: the CLI hook.

    Prints what was removed and returns an exit code (0).
    """
    import argparse

    parser = argparse.ArgumentParser(prog="mediakit cache clear", description="Delete cached per-article results.")
    parser.add_argument("--cache-dir", default=None, help="cache folder (default data/processed/.cache or $MEDIAKIT_CACHE_DIR)")
    parser.add_argument("--stage", action="append", dest="stages", help="only this stage (repeatable)")
    args = parser.parse_args(argv)
    folder = Path(args.cache_dir) if args.cache_dir else default_cache_dir()
    n = clear_cache(folder, stages=args.stages)
    print(f"removed {n} cached file(s) from {folder}")
    return 0
