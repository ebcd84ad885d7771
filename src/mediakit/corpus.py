"""LOAD stage: any pile of articles -> one tidy corpus table, every input accounted for.

``load_corpus(source)`` reads a file, a folder (recursively), a glob or a list of
them, in any of these formats (by extension, ``.gz`` allowed on each;
``format=`` overrides):

========================  ===========================================================
``.txt``                  scraped plain text, through :func:`mediakit.clean_article`
                          (optional YAML front matter supplies metadata)
``.md`` ``.markdown``     Markdown, optional YAML front matter; converted to plain text
``.csv`` ``.tsv``         one article a row
``.jsonl`` ``.ndjson``    one JSON object a line
``.json``                 an array of objects, one object, or an object holding an
                          array under ``articles``/``data``/``items``/``records``...
``.html`` ``.htm``        a saved page: main text and metadata by trafilatura (offline)
``.parquet``              a table, or a folder written by :func:`save_corpus`
========================  ===========================================================

The table has the columns of ``docs/architecture.md``, in that order: ``doc_id``,
``title``, ``date`` (UTC), ``date_source``, ``outlet``, ``byline``, ``wire``,
``dateline``, ``url``, ``text``, ``n_words``, ``source_path``, ``captions``,
``photo_credits``, ``contributors``, then the input's other columns as they come.
Missing values are ``None`` (``NaT`` for dates); list columns hold ``[]``.

Rules (decisions documented here, relied on by tests):

* **Column names** are matched through ``data/column_aliases.yaml`` (case, spaces and
  hyphens ignored; the first alias present wins, the others stay as ordinary
  columns); ``columns={"their": "text"}`` overrides.
* **doc_id** is the first 16 hex digits of SHA-1 over the file's path *relative to
  the source it was found through* (the folder, or the glob's fixed prefix; the file
  name for a file named directly), plus the record number within the file (CSV row,
  JSON line, array index). The same input gives the same ids from any working folder
  or machine. An input column named ``doc_id`` is used as given (a saved corpus keeps
  its ids). Ids that would repeat get ``-2``, ``-3``... appended, with a warning.
* **outlet**: ``outlet=`` when given; else an outlet column of the data (outlet,
  publisher, source, site...); else, for files holding many articles (CSV, TSV,
  JSON, JSONL, Parquet), the file's stem (``putin.csv`` -> ``putin``); for
  one-article files (txt, md, html) the site name in the page, else the domain
  of its URL, else the name of the folder the loader was pointed at.
* **dates**: the date column (``published_time`` is preferred to ``date`` when both
  exist, being more precise), parsed by ``mediakit._dates`` to UTC
  (``date_source="metadata"``); for ``.txt`` without metadata the date inferred from
  the text (``"text"``); else a ``YYYY-MM-DD`` date in the file's relative path
  (``"path"``). A present but unreadable date gives ``NaT``, the row is kept and
  the reason goes to ``df.attrs["warnings"]``.
* **text**: non-breaking and zero-width spaces and Markdown backslash escapes are
  normalised in ``text`` and ``title`` for every format; Markdown files are turned
  into plain text; ``.txt`` goes through ``clean_article`` (captions, credits,
  contributors, dateline and wire split out). For the other formats the text is
  kept whole, and ``dateline``/``wire`` are read from a dateline at its start
  ("MOSCOW (AP) — ...") where the data gives none.
* **encodings**: UTF-8 (a BOM is dropped), else cp1252, else latin-1; the one used
  is in ``df.attrs["files"]``.

The ledgers in ``df.attrs`` (DataFrames that compare as a whole, so pandas can
``concat`` corpora):

* ``given`` (int): records offered: rows, lines, array items and one-article files,
  plus one for each file that could not be split into records.
  ``given == len(df) + len(df.attrs["skipped"])`` always holds.
* ``skipped``: ``source_path``, ``record``, ``reason`` for everything not loaded
  (unreadable, binary or empty file, unknown format, a non-article file such as
  ``LICENSE`` met in a folder, malformed JSON line, no text column, empty text...).
  ``record`` is the 1-based row / line / item number, or None for a whole file.
* ``warnings``: ``source_path``, ``record``, ``doc_id``, ``reason`` for rows loaded
  with a problem (unreadable date, bad front matter, renamed duplicate id).
* ``files``: ``source_path``, ``format``, ``encoding``, ``bytes``, ``given``,
  ``loaded``, ``skipped``, one row per file met.

``strict=True`` raises :class:`CorpusError` at the first problem that would go to
``skipped`` or ``warnings``, naming the file and record.
"""
from __future__ import annotations

import glob as _glob
import gzip
import hashlib
import io
import json
import os
import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse

import pandas as pd

from mediakit import _dates
from mediakit._progress import interactive
from mediakit._text import count_words
from mediakit.clean import (
    clean_article,
    detect_dateline,
    markdown_to_text,
    normalize_text,
    unescape_markdown,
)
from mediakit.lexicons import lexicon

__all__ = ["load_corpus", "save_corpus", "CorpusError", "COLUMNS", "Ledger"]

COLUMNS = [
    "doc_id", "title", "date", "date_source", "outlet", "byline", "wire", "dateline",
    "url", "text", "n_words", "source_path",
]
LIST_COLUMNS = ["captions", "photo_credits", "contributors"]
ALL_COLUMNS = COLUMNS + LIST_COLUMNS
_MAPPED = ["text", "title", "date", "outlet", "byline", "url", "dateline", "wire"]

FORMATS = {
    ".txt": "txt", ".text": "txt",
    ".md": "md", ".markdown": "md", ".mdown": "md",
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".parquet": "parquet", ".pq": "parquet",
}
_TABLES = {"csv", "tsv", "jsonl", "json", "parquet"}
_SAVED_MARKER = "_mediakit_corpus.json"
_GLOB_CHARS = re.compile(r"[*?\[]")
_PATH_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_/.]?(0[1-9]|1[0-2])[-_/.]?(0[1-9]|[12]\d|3[01])(?!\d)")


class CorpusError(ValueError):
    """A problem met while loading with ``strict=True``."""


class Ledger(pd.DataFrame):
    """A DataFrame kept in ``df.attrs``. ``==`` compares it as a whole (returns a bool),
    so that pandas can compare the attrs of frames it concatenates or merges; frames
    derived from the corpus share it (treat it as read-only: ``.copy()`` to edit)."""

    _metadata: list[str] = []

    @property
    def _constructor(self):  # noqa: D401 - pandas hook
        return Ledger

    def __eq__(self, other: object) -> bool:  # type: ignore[override]
        return isinstance(other, pd.DataFrame) and self.shape == other.shape and self.equals(other)

    def __ne__(self, other: object) -> bool:  # type: ignore[override]
        return not self.__eq__(other)

    def __deepcopy__(self, memo: dict | None = None) -> Ledger:
        # pandas deep-copies attrs into every derived frame and row (df.iloc[i]);
        # a ledger is a record of one load, read not written: share it
        return self

    __hash__ = None  # type: ignore[assignment]


# --- bookkeeping -----------------------------------------------------------------


@dataclass
class _Book:
    strict: bool
    given: int = 0
    skipped: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    files: list[dict[str, Any]] = field(default_factory=list)

    def skip(self, path: str, record: int | None, reason: str) -> None:
        if self.strict:
            where = path if record is None else f"{path}, record {record}"
            raise CorpusError(f"{where}: {reason}")
        self.skipped.append({"source_path": path, "record": record, "reason": reason})

    def warn(self, path: str, record: int | None, doc_id: str | None, reason: str) -> None:
        if self.strict:
            where = path if record is None else f"{path}, record {record}"
            raise CorpusError(f"{where}: {reason}")
        self.warnings.append({"source_path": path, "record": record, "doc_id": doc_id, "reason": reason})


class _Skip(Exception):
    """A whole file cannot be loaded: the reason."""


@dataclass
class _Source:
    path: Path
    rel: str  # path relative to what the user named (for doc_id and path dates)
    root_name: str | None  # the folder the user named, for the outlet fallback
    explicit: bool  # named directly, not found by walking


# --- finding files ------------------------------------------------------------------


def _non_article(path: Path) -> str | None:
    table = lexicon("non_article_files")
    name = path.name
    if name.lower() in {n.lower() for n in table.get("names", [])}:
        return f"not an article: {name} is a system file"
    stem = name[:-3] if name.lower().endswith(".gz") else name
    stem = stem.split(".", 1)[0] if "." in stem else stem
    if stem.upper() in {s.upper() for s in table.get("stems", [])}:
        return f"not an article: {name} is a repository/licence file"
    return None


def _walk(folder: Path, recursive: bool) -> Iterator[Path]:
    if recursive:
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            if _SAVED_MARKER in filenames and Path(dirpath) != folder:
                dirnames[:] = []
                yield Path(dirpath)
                continue
            for f in sorted(filenames):
                yield Path(dirpath) / f
    else:
        for p in sorted(folder.iterdir()):
            if p.is_file() or (p / _SAVED_MARKER).is_file():
                yield p


def _resolve(source: Any, recursive: bool, book: _Book) -> list[_Source]:
    items = list(source) if isinstance(source, list | tuple | set) else [source]
    out: list[_Source] = []
    for item in items:
        s = os.fspath(item)
        p = Path(s).expanduser()
        if p.is_dir() and not (p / _SAVED_MARKER).is_file():
            for f in _walk(p, recursive):
                out.append(_Source(f, f.relative_to(p).as_posix(), p.resolve().name, False))
        elif p.exists():
            out.append(_Source(p, p.name, None, True))
        elif _GLOB_CHARS.search(s):
            # ids are relative to the pattern's fixed folder: "data/*.csv" -> "data"
            prefix = re.split(r"[*?\[]", s, maxsplit=1)[0]
            base = Path(prefix) if prefix.endswith(("/", os.sep)) else Path(prefix).parent
            matches = sorted(_glob.glob(os.path.expanduser(s), recursive=True))
            if not matches:
                book.given += 1
                book.skip(s, None, "no file matches this pattern")
            for m in matches:
                mp = Path(m)
                if mp.is_dir() and not (mp / _SAVED_MARKER).is_file():
                    continue
                try:
                    rel = mp.relative_to(base).as_posix()
                except ValueError:
                    rel = mp.name
                out.append(_Source(mp, rel, base.resolve().name, False))
        else:
            book.given += 1
            book.skip(s, None, "file not found")
    return out


# --- reading bytes -----------------------------------------------------------------


def _format_of(path: Path, forced: str | None) -> tuple[str | None, bool]:
    name = path.name.lower()
    gz = name.endswith(".gz") or name.endswith(".gzip")
    if forced:
        return forced.lower().lstrip("."), gz
    if path.is_dir():
        return "parquet", False
    stem = name.rsplit(".", 1)[0] if gz else name
    ext = os.path.splitext(stem)[1]
    return FORMATS.get(ext), gz


def _read_bytes(path: Path, gz: bool) -> bytes:
    with open(path, "rb") as f:
        data = f.read()
    if gz or data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as e:
            raise _Skip(f"corrupt gzip file ({e})") from None
    return data


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-:.]+)""", re.I)


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


def _decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Text of a file: UTF-8 (BOM dropped), else the page's declared charset (HTML),
    else cp1252, else latin-1 (which reads any bytes)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:8192]:
        raise _Skip("binary file (NUL bytes), not text")
    if data[:3] == b"\xef\xbb\xbf":
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared and declared.replace("-", "").replace("_", "") not in {"utf8", "utf8mb4"}:
        try:
            return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


# --- per-format readers: each returns a raw frame and its column overrides --------

_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_MD_H1 = re.compile(r"\A\s*#\s+(.+?)\s*#*\s*(?:\n|\Z)")

try:  # the C loader is ~10x faster on front matter
    _YAML_LOADER: Any = __import__("yaml").CSafeLoader
except AttributeError:  # pragma: no cover
    _YAML_LOADER = __import__("yaml").SafeLoader


def _front_matter(text: str) -> tuple[dict[str, Any], str, str | None]:
    """(metadata, body, problem) of a text with optional YAML front matter."""
    m = _FRONT.match(text)
    if not m:
        return {}, text, None
    import yaml

    try:
        meta = yaml.load(m.group(1), Loader=_YAML_LOADER)  # noqa: S506 - safe loader
    except yaml.YAMLError as e:
        return {}, text[m.end():], f"unreadable front matter ({str(e).splitlines()[0]})"
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return {}, text[m.end():], "front matter is not a mapping"
    return {str(k): v for k, v in meta.items()}, text[m.end():], None


def _record_txt(text: str) -> tuple[dict[str, Any], str | None]:
    meta, body, problem = _front_matter(text)
    cols = _map_columns(list(meta), None)
    title = meta.get(cols["title"]) if "title" in cols else None
    date = meta.get(cols["date"]) if "date" in cols else None
    art = clean_article(body, title=None if title is None else str(title), date=date)
    rec = {k: v for k, v in meta.items() if k not in {cols.get(c) for c in ("title", "date")}}
    rec.update(
        title=art.title, text=art.text, byline=art.byline if art.byline else rec.get("byline"),
        wire=art.wire, dateline=art.dateline, captions=art.captions,
        photo_credits=art.photo_credits, contributors=art.contributors,
    )
    if date is not None:
        rec["date"] = date  # parsed (and its problems reported) with the others
    elif art.date is not None:
        rec["date"] = art.date
        rec["__date_source"] = art.date_source
    return rec, problem


def _record_md(text: str) -> tuple[dict[str, Any], str | None]:
    meta, body, problem = _front_matter(text)
    rec = dict(meta)
    body_text = markdown_to_text(body)
    cols = _map_columns(list(meta), None)
    if "title" not in cols:
        m = _MD_H1.match(body)
        if m:
            rec["title"] = m.group(1)
            body_text = markdown_to_text(body[m.end():])
    rec["__body"] = body_text
    return rec, problem


def _record_html(text: str, path: Path) -> dict[str, Any]:
    from mediakit._html import extract_html

    return extract_html(text)


def _read_jsonl(text: str, src: str, book: _Book) -> tuple[pd.DataFrame, int]:
    rows, numbers, given = [], [], 0
    loads = json.loads
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        given += 1
        try:
            obj = loads(line)
        except ValueError as e:
            book.skip(src, n, f"malformed JSON line ({e.msg} at column {e.colno})")
            continue
        if not isinstance(obj, dict):
            book.skip(src, n, f"JSON line is a {type(obj).__name__}, not an object")
            continue
        rows.append(obj)
        numbers.append(n)
    df = pd.DataFrame.from_records(rows) if rows else pd.DataFrame()
    df["__record"] = numbers
    return df, given


_JSON_CONTAINERS = ("articles", "data", "items", "records", "results", "docs", "documents", "rows", "entries", "posts")


def _read_json(text: str, src: str, book: _Book) -> tuple[pd.DataFrame, int]:
    try:
        obj = json.loads(text)
    except ValueError:
        return _read_jsonl(text, src, book)  # JSON lines saved as .json
    if isinstance(obj, dict):
        for key in _JSON_CONTAINERS:
            if isinstance(obj.get(key), list):
                obj = obj[key]
                break
        else:
            obj = [obj]
    if not isinstance(obj, list):
        raise _Skip(f"JSON holds a {type(obj).__name__}, not articles")
    rows, numbers = [], []
    for n, item in enumerate(obj, start=1):
        if isinstance(item, dict):
            rows.append(item)
            numbers.append(n)
        else:
            book.skip(src, n, f"JSON item is a {type(item).__name__}, not an object")
    df = pd.DataFrame.from_records(rows) if rows else pd.DataFrame()
    df["__record"] = numbers
    return df, len(obj)


# cells read as missing: empty, and the usual spellings of "no value" in exports
_CSV_NA = ["", "NA", "N/A", "n/a", "NULL", "null", "NaN", "nan", "None", "#N/A"]


def _read_csv(text: str, src: str, book: _Book, sep: str) -> tuple[pd.DataFrame, int]:
    opts = dict(sep=sep, dtype=str, keep_default_na=False, na_values=_CSV_NA, skipinitialspace=False)
    try:
        df = pd.read_csv(io.StringIO(text), engine="c", on_bad_lines="error", **opts)
        bad = 0
    except pd.errors.EmptyDataError:
        raise _Skip("empty table (no header)") from None
    except pd.errors.ParserError:
        bad_rows: list[list[str]] = []

        def on_bad(fields: list[str]) -> None:
            bad_rows.append(fields)
            return None

        df = pd.read_csv(io.StringIO(text), engine="python", on_bad_lines=on_bad, **opts)
        for i, fields in enumerate(bad_rows, start=1):
            book.skip(src, None, f"malformed row #{i} of the file ({len(fields)} fields): {str(fields)[:80]}")
        bad = len(bad_rows)
    df["__record"] = range(1, len(df) + 1)
    return df, len(df) + bad


def _read_parquet(path: Path, data: bytes | None) -> pd.DataFrame:
    if path.is_dir():
        return _read_saved(path)
    try:
        return pd.read_parquet(io.BytesIO(data))
    except Exception as e:  # pyarrow raises many kinds
        raise _Skip(f"unreadable Parquet ({type(e).__name__}: {str(e)[:100]})") from None


# --- column mapping and the common finish -------------------------------------------


def _norm_name(name: Any) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


def _map_columns(names: Sequence[Any], overrides: dict[str, str] | None) -> dict[str, Any]:
    """corpus column -> input column, by the alias table then the user's overrides."""
    aliases: dict[str, list[str]] = lexicon("column_aliases")
    by_norm: dict[str, Any] = {}
    for n in names:
        if isinstance(n, str) and n.startswith("__"):
            continue
        by_norm.setdefault(_norm_name(n), n)
    out: dict[str, Any] = {}
    for target in _MAPPED:
        for alias in aliases.get(target, []):
            hit = by_norm.get(_norm_name(alias))
            if hit is not None and hit not in out.values():
                out[target] = hit
                break
    for theirs, ours in (overrides or {}).items():
        if ours not in ALL_COLUMNS and ours != "doc_id":
            raise ValueError(f"columns={{{theirs!r}: {ours!r}}}: {ours!r} is not a corpus column")
        if theirs in names:
            out = {k: v for k, v in out.items() if v != theirs}
            out[ours] = theirs
    return out


def _clean_str(s: pd.Series, *, markdown_escapes: bool = True, normalise: bool = True) -> pd.Series:
    """Normalise a column of text; missing or blank -> None."""

    def one(v: Any) -> Any:
        if v is None or (isinstance(v, float) and v != v):
            return None
        if not isinstance(v, str):
            if isinstance(v, list | tuple):
                v = ", ".join(str(x) for x in v if x is not None)
            else:
                v = str(v)
        if not normalise:
            return v if v.strip() else None
        v = normalize_text(unescape_markdown(v) if markdown_escapes else v)
        return v or None

    return s.map(one).astype(object)


def _domain(url: Any) -> str | None:
    if not isinstance(url, str) or "://" not in url:
        return None
    host = urlparse(url).hostname or ""
    return host[4:] if host.startswith("www.") else (host or None)


def _hash_ids(keys: Iterable[str]) -> list[str]:
    return [hashlib.sha1(k.encode("utf-8")).hexdigest()[:16] for k in keys]


def _finish(
    raw: pd.DataFrame,
    *,
    src: _Source,
    fmt: str,
    overrides: dict[str, str] | None,
    outlet: str | None,
    book: _Book,
    text_col: str | None = None,
) -> pd.DataFrame | None:
    """Map, normalise and complete one part (one table file, or all one-article files
    of a format); rows without text are skipped. Returns the corpus-shaped frame."""
    spath = raw["__path"] if "__path" in raw else pd.Series(str(src.path), index=raw.index)
    records = raw["__record"] if "__record" in raw else pd.Series([None] * len(raw), index=raw.index, dtype=object)
    keys = raw["__key"] if "__key" in raw else (src.rel + "#" + records.astype(str))
    cols = _map_columns(list(raw.columns), overrides)
    if text_col is not None:
        cols["text"] = text_col
    if "text" not in cols:
        shown = ", ".join(str(c) for c in raw.columns if not str(c).startswith("__"))
        raise _Skip(f"no text column (columns: {shown or 'none'}); name it with columns={{'...': 'text'}}")
    out = pd.DataFrame(index=raw.index)
    md_escapes = fmt != "txt"
    out["text"] = _clean_str(
        raw[cols["text"]], markdown_escapes=md_escapes, normalise=text_col is None and fmt != "txt"
    )
    empty = out["text"].isna()
    if empty.any():
        for p, rec in zip(spath[empty], records[empty], strict=True):
            book.skip(p, None if rec is None or rec != rec else int(rec), "empty text")
        keep = ~empty
        raw, out, spath, records, keys = raw[keep], out[keep], spath[keep], records[keep], keys[keep]
    if out.empty:
        return out
    # ids
    if "doc_id" in raw.columns:
        ids = raw["doc_id"].map(lambda v: None if v is None or v != v else str(v))
        missing = ids.isna()
        if missing.any():
            ids[missing] = _hash_ids(keys[missing])
    else:
        ids = pd.Series(_hash_ids(keys), index=raw.index, dtype=object)
    out.insert(0, "doc_id", ids)
    out["title"] = _clean_str(raw[cols["title"]]) if "title" in cols else None
    # dates
    date_source = pd.Series([None] * len(raw), index=raw.index, dtype=object)
    if "date" in cols:
        dates, reasons = _dates.parse_dates(raw[cols["date"]])
        bad = reasons.notna()
        if bad.any():
            for p, rec, did, why in zip(spath[bad], records[bad], ids[bad], reasons[bad], strict=True):
                book.warn(p, None if rec is None or rec != rec else int(rec), did, why)
        text_src = raw.get("__date_source", None)
        date_source[dates.notna()] = "metadata"
        if text_src is not None:
            from_text = text_src.notna() & dates.notna()
            date_source[from_text] = text_src[from_text]
    else:
        dates = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns, UTC]")
    nodate = dates.isna()
    if nodate.any():
        rel = keys[nodate].str.rsplit("#", n=1).str[0]
        found = rel.str.extract(_PATH_DATE)
        ok = found.notna().all(axis=1)
        if ok.any():
            pd_dates = pd.to_datetime(
                found[ok][0] + "-" + found[ok][1] + "-" + found[ok][2], utc=True, errors="coerce"
            )
            idx = pd_dates.dropna().index
            dates.loc[idx] = pd_dates.loc[idx]
            date_source.loc[idx] = "path"
    out["date"] = dates.astype("datetime64[ns, UTC]")
    out["date_source"] = date_source
    # outlet
    if outlet is not None:
        out["outlet"] = outlet
    else:
        col = _clean_str(raw[cols["outlet"]]) if "outlet" in cols else pd.Series([None] * len(raw), index=raw.index, dtype=object)
        if fmt in _TABLES:
            fallback = _stem(src.path)
            col = col.where(col.notna(), fallback)
        else:
            urls = raw[cols["url"]] if "url" in cols else pd.Series([None] * len(raw), index=raw.index)
            doms = urls.map(_domain)
            col = col.where(col.notna(), doms)
            root = raw["__root"] if "__root" in raw else pd.Series([src.root_name] * len(raw), index=raw.index)
            col = col.where(col.notna(), root)
        out["outlet"] = col.astype(object).where(col.notna(), None)
    for c in ("byline", "wire", "dateline", "url"):
        out[c] = _clean_str(raw[cols[c]], markdown_escapes=False) if c in cols else None
    if fmt != "txt":
        # a wire story's dateline ("MOSCOW (AP) —") names the place and the wire;
        # values given in the data win
        found = detect_dateline(out["text"])
        for c in ("dateline", "wire"):
            col = out[c] if isinstance(out[c], pd.Series) else pd.Series([None] * len(out), index=out.index, dtype=object)
            out[c] = col.where(col.notna(), found[c])
    cols_text = out.pop("text")
    out["text"] = cols_text
    out["n_words"] = pd.Series(
        [count_words(t) if isinstance(t, str) else 0 for t in cols_text.tolist()], index=cols_text.index, dtype="int64"
    )
    out["source_path"] = spath.astype(str)
    for c in LIST_COLUMNS:
        if c in raw.columns:
            out[c] = raw[c].map(_as_list)
        else:
            out[c] = [[] for _ in range(len(out))]
    used = set(cols.values()) | set(ALL_COLUMNS)
    for c in raw.columns:
        if c in used or (isinstance(c, str) and c.startswith("__")):
            continue
        out[c if c not in out.columns else f"{c}_input"] = raw[c]
    return out


def _as_list(v: Any) -> list:
    if v is None or (isinstance(v, float) and v != v):
        return []
    if isinstance(v, list):
        return [dict(x) if isinstance(x, dict) else x for x in v]
    if hasattr(v, "tolist"):
        return [dict(x) if isinstance(x, dict) else x for x in v.tolist()]
    if isinstance(v, tuple):
        return list(v)
    if isinstance(v, str):
        try:
            parsed = json.loads(v)
            if isinstance(parsed, list):
                return parsed
        except ValueError:
            pass
        return [v]
    return [v]


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (".gz", ".gzip"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name.rsplit(".", 1)[0] if "." in name else name


# --- the entry point -------------------------------------------------------------


def load_corpus(
    source: Any,
    *,
    format: str | None = None,
    columns: dict[str, str] | None = None,
    outlet: str | None = None,
    recursive: bool = True,
    strict: bool = False,
    progress: bool | None = None,
    engine: Literal["pandas", "dask"] = "pandas",
):
    """Load articles into one DataFrame, one row per article (see the module docstring).

    Args:
        source: a file, a folder, a glob pattern, or a list of them.
        format: read every file as this format ("txt", "md", "csv", "tsv", "jsonl",
            "json", "html", "parquet") whatever its extension.
        columns: input column -> corpus column, e.g. ``{"story": "text"}``.
        outlet: the outlet of every article, overriding the data.
        recursive: walk sub-folders of a folder.
        strict: raise :class:`CorpusError` at the first problem instead of recording it.
        progress: show a progress bar (default: on an interactive screen, for many files).
        engine: "pandas" (default) or "dask" for a partitioned dask DataFrame.

    Returns:
        The corpus DataFrame; ``attrs`` holds ``given``, ``skipped``, ``warnings``, ``files``.
    """
    if engine == "dask":
        from mediakit._dask import load_corpus_dask

        return load_corpus_dask(
            source, format=format, columns=columns, outlet=outlet, recursive=recursive, strict=strict
        )
    if engine != "pandas":
        raise ValueError(f"engine must be 'pandas' or 'dask', not {engine!r}")
    book = _Book(strict=strict)
    sources = _resolve(source, recursive, book)
    return _load_sources(sources, book, format=format, columns=columns, outlet=outlet, progress=progress)


def _load_sources(
    sources: list[_Source],
    book: _Book,
    *,
    format: str | None,
    columns: dict[str, str] | None,
    outlet: str | None,
    progress: bool | None,
) -> pd.DataFrame:
    """Load resolved files into one table (the body of load_corpus; dask runs it per
    partition)."""
    show = progress if progress is not None else (interactive() and len(sources) > 20)
    parts: list[pd.DataFrame] = []
    singles: dict[str, list[dict[str, Any]]] = {"txt": [], "md": [], "html": []}
    iterator: Iterable[_Source] = sources
    if show:
        from tqdm.auto import tqdm

        iterator = tqdm(sources, desc="load_corpus", unit="file", disable=not show)
    for src in iterator:
        _load_one(src, format, columns, outlet, book, parts, singles)
    for fmt, recs in singles.items():
        if not recs:
            continue
        raw = pd.DataFrame.from_records(recs)
        part = _finish(
            raw, src=_Source(Path("."), "", None, False), fmt=fmt, overrides=columns,
            outlet=outlet, book=book, text_col="__body" if fmt == "md" else None,
        )
        if part is not None and len(part):
            parts.append(part)
    return _assemble(parts, book)


def _load_one(src, format, columns, outlet, book, parts, singles) -> None:
    spath = str(src.path)
    if not src.explicit:
        why = _non_article(src.path)
        if why:
            book.given += 1
            book.skip(spath, None, why)
            book.files.append(_file_row(spath, None, None, None, 1, 0, 1))
            return
    fmt, gz = _format_of(src.path, format)
    before = (book.given, len(book.skipped))
    encoding = None
    size = None
    try:
        if fmt is None:
            ext = os.path.splitext(src.path.name[:-3] if gz else src.path.name)[1]
            raise _Skip(f"unsupported file type {ext!r}" if ext else "no file extension: not a known article format")
        if fmt not in set(FORMATS.values()):
            raise ValueError(f"format={fmt!r}: use one of {sorted(set(FORMATS.values()))}")
        data = None if src.path.is_dir() else _read_bytes(src.path, gz)
        size = None if data is None else len(data)
        if fmt == "parquet" and src.path.is_dir():
            saved = _read_parquet(src.path, None)
            book.given += len(saved)
            if len(saved):
                parts.append(saved)
        elif fmt == "parquet":
            raw = _read_parquet(src.path, data)
            raw["__record"] = range(1, len(raw) + 1)
            book.given += len(raw)
            _add_part(raw, src, fmt, columns, outlet, book, parts)
        else:
            if not data or not data.strip():
                raise _Skip("empty file")
            text, encoding = _decode(data, _declared_charset(data) if fmt == "html" else None)
            if not text.strip():
                raise _Skip("empty file")
            if fmt in {"csv", "tsv"}:
                raw, given = _read_csv(text, spath, book, "," if fmt == "csv" else "\t")
                book.given += given
                _add_part(raw, src, fmt, columns, outlet, book, parts)
            elif fmt == "jsonl":
                raw, given = _read_jsonl(text, spath, book)
                book.given += given
                _add_part(raw, src, fmt, columns, outlet, book, parts)
            elif fmt == "json":
                raw, given = _read_json(text, spath, book)
                book.given += given
                _add_part(raw, src, fmt, columns, outlet, book, parts)
            else:
                book.given += 1
                if fmt == "txt":
                    rec, problem = _record_txt(text)
                elif fmt == "md":
                    rec, problem = _record_md(text)
                else:
                    rec = _record_html(text, src.path)
                    problem = rec.pop("__problem", None)
                    if rec.pop("__reason", None) and not rec.get("text"):
                        raise _Skip("no main text found in the HTML page")
                key = src.rel
                if problem:
                    book.warn(spath, None, _hash_ids([key])[0], problem)
                rec.update(__path=spath, __record=None, __key=key, __root=src.root_name)
                singles[fmt].append(rec)
    except _Skip as e:
        # the file as a whole is one input: forget what was counted or skipped
        # record by record before the file turned out unreadable
        book.given = before[0] + 1
        del book.skipped[before[1]:]
        book.skip(spath, None, str(e))
    given = book.given - before[0]
    skipped = len(book.skipped) - before[1]
    book.files.append(_file_row(spath, fmt, encoding, size, given, given - skipped, skipped))


def _add_part(raw, src, fmt, columns, outlet, book, parts) -> None:
    if raw.empty or len(raw.columns) <= 1:
        return
    part = _finish(raw, src=src, fmt=fmt, overrides=columns, outlet=outlet, book=book)
    if part is not None and len(part):
        parts.append(part)


def _file_row(path, fmt, encoding, size, given, loaded, skipped) -> dict[str, Any]:
    return {"source_path": path, "format": fmt, "encoding": encoding, "bytes": size,
            "given": given, "loaded": loaded, "skipped": skipped}


def _empty_frame() -> pd.DataFrame:
    df = pd.DataFrame({c: pd.Series(dtype=object) for c in ALL_COLUMNS})
    df["date"] = pd.Series(dtype="datetime64[ns, UTC]")
    df["n_words"] = pd.Series(dtype="int64")
    return df


def _assemble(parts: list[pd.DataFrame], book: _Book) -> pd.DataFrame:
    if parts:
        df = pd.concat(parts, ignore_index=True, sort=False) if len(parts) > 1 else parts[0].reset_index(drop=True)
        df = df[ALL_COLUMNS + [c for c in df.columns if c not in ALL_COLUMNS]]
    else:
        df = _empty_frame()
    df["date"] = df["date"].astype("datetime64[ns, UTC]")
    # the file-per-article parts were finished together: fix their files ledger counts
    dup = df["doc_id"].duplicated(keep=False)
    if dup.any():
        seen: dict[str, int] = {}
        new_ids = []
        for i, did in enumerate(df["doc_id"]):
            if not dup.iat[i]:
                new_ids.append(did)
                continue
            seen[did] = seen.get(did, 0) + 1
            if seen[did] == 1:
                new_ids.append(did)
                continue
            nid = f"{did}-{seen[did]}"
            while nid in seen or nid in set(df["doc_id"]):
                seen[did] += 1
                nid = f"{did}-{seen[did]}"
            new_ids.append(nid)
            book.warn(df["source_path"].iat[i], None, nid, f"duplicate doc_id {did!r}: renamed {nid!r}")
        df["doc_id"] = new_ids
    # missing is None in every text column, ours and the input's
    for c in ("title", "date_source", "outlet", "byline", "wire", "dateline", "url"):
        if df[c].dtype != object:
            df[c] = df[c].astype(object)
    for c in df.columns:
        if df[c].dtype == object and c not in LIST_COLUMNS:
            missing = df[c].isna()
            if missing.any():
                df[c] = df[c].where(~missing, None)
    _recount_files(book)
    df.attrs["given"] = int(book.given)
    df.attrs["skipped"] = Ledger(book.skipped, columns=["source_path", "record", "reason"])
    df.attrs["warnings"] = Ledger(book.warnings, columns=["source_path", "record", "doc_id", "reason"])
    df.attrs["files"] = Ledger(
        book.files, columns=["source_path", "format", "encoding", "bytes", "given", "loaded", "skipped"]
    )
    assert df.attrs["given"] == len(df) + len(book.skipped), "ledger out of balance"
    return df


def _recount_files(book: _Book) -> None:
    """One-article files are finished in a batch after reading: re-derive each file's
    loaded/skipped counts from the skipped ledger."""
    if not book.files:
        return
    skipped_by_file: dict[str, int] = {}
    for s in book.skipped:
        skipped_by_file[s["source_path"]] = skipped_by_file.get(s["source_path"], 0) + 1
    for f in book.files:
        n = skipped_by_file.get(f["source_path"], 0)
        f["skipped"] = n
        f["loaded"] = max(f["given"] - n, 0)


# --- Parquet out and back ----------------------------------------------------------


def save_corpus(df: pd.DataFrame, path: str | os.PathLike, *, partition_by: str | list[str] | None = None) -> Path:
    """Write a corpus to a Parquet folder that :func:`load_corpus` reads back identically.

    The folder holds Parquet files (hive partitions ``col=value/`` when
    ``partition_by`` is given, e.g. ``"outlet"``) and ``_mediakit_corpus.json``
    recording column order and dtypes. Rows come back in the same order, with the
    same columns, dtypes, values and ``doc_id``; list columns come back as lists.
    The ledgers in ``df.attrs`` are stored in that JSON file too.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = Path(path)
    if out.exists() and any(out.iterdir()) if out.is_dir() else out.exists():
        if not (out / _SAVED_MARKER).is_file():
            raise FileExistsError(f"{out} exists and is not a saved corpus; choose a new folder")
        import shutil

        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    parts = [partition_by] if isinstance(partition_by, str) else list(partition_by or [])
    frame = df.reset_index(drop=True).copy()
    frame.attrs = {}
    frame["__order"] = range(len(frame))
    for c in parts:
        if c not in frame.columns:
            raise KeyError(f"partition_by={c!r}: no such column")
    table = pa.Table.from_pandas(frame, preserve_index=False)
    if parts:
        pq.write_to_dataset(table, root_path=str(out), partition_cols=parts,
                            basename_template="part-{i}.parquet")
    else:
        pq.write_table(table, str(out / "part-0.parquet"))
    meta = {
        "columns": [str(c) for c in df.columns],
        "dtypes": {str(c): str(t) for c, t in df.dtypes.items()},
        "partition_by": parts,
        "rows": len(df),
        "attrs": {k: _attr_json(v) for k, v in df.attrs.items()},
    }
    (out / _SAVED_MARKER).write_text(json.dumps(meta, indent=1, default=str), encoding="utf-8")
    return out


def _attr_json(v: Any) -> Any:
    if isinstance(v, pd.DataFrame):
        return {"__frame__": json.loads(v.to_json(orient="split", date_format="iso", default_handler=str))}
    try:
        json.dumps(v)
        return v
    except TypeError:
        return str(v)


def _read_saved(folder: Path) -> pd.DataFrame:
    import pyarrow.parquet as pq

    marker = folder / _SAVED_MARKER
    meta = json.loads(marker.read_text(encoding="utf-8")) if marker.is_file() else {}
    try:
        table = pq.read_table(str(folder), partitioning="hive" if meta.get("partition_by") else None)
    except Exception as e:  # pyarrow raises many kinds
        raise _Skip(f"unreadable Parquet folder ({type(e).__name__}: {str(e)[:100]})") from None
    df = table.to_pandas()
    if "__order" in df.columns:
        df = df.sort_values("__order", kind="stable").drop(columns="__order").reset_index(drop=True)
    for c, t in meta.get("dtypes", {}).items():
        if c in df.columns and str(df[c].dtype) != t:
            try:
                if t == "object":
                    col = df[c].astype(object)
                    df[c] = col.where(col.notna(), None)
                else:
                    df[c] = df[c].astype(t)
            except (TypeError, ValueError):
                pass
    if meta.get("columns"):
        df = df[[c for c in meta["columns"] if c in df.columns] + [c for c in df.columns if c not in meta["columns"]]]
    for c in LIST_COLUMNS:
        if c in df.columns:
            df[c] = df[c].map(_as_list)
    return df
