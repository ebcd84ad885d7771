"""Benchmark harness: throughput, memory and baselines for every stage, in one run.

``python -m mediakit.bench [--scales 1,10,100] [--out docs/benchmarks.md]`` loads the
shared corpora once, replicates them ``k`` times (shifted ids and dates) as Parquet
shards in a temporary folder, and streams each stage over the shards, one shard in
memory at a time, in a fresh subprocess per measurement so that the peak resident
memory (``ru_maxrss``) belongs to that measurement alone. It reports MB/s of article
text and articles/s per stage and end to end, peak memory per scale (flat for the
streaming stages), the baselines a user would otherwise reach for (NLTK Treebank +
Snowball per token, scikit-learn ``CountVectorizer`` with a fixed vocabulary, a plain
regex quote finder) as ratios, an incremental re-run through ``mediakit.cache``,
and optionally the ``mediakit report`` wall time over a 10,000+ document corpus.
The result is written as Markdown with the machine, date and commit.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import importlib.metadata
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["run_bench", "replicate_corpus", "base_corpus", "measure", "TERMS", "STAGES", "BASELINES"]

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPORA = ROOT.parent / "shared" / "data" / "corpora"

# a fixed term list used by every term-frequency measurement, ours and baselines
TERMS = [
    "Ukraine", "Russia", "NATO", "sanctions", "inflation", "vaccine", "Putin", "Biden",
    "Zelenskyy", "gas", "refugees", "economy", "security", "war", "peace", "jobs",
    "United States", "European Union", "climate", "China",
]

# stage -> (module that must import, what it measures)
STAGES: dict[str, tuple[str, str]] = {
    "load": ("corpus", "load_corpus on one shard saved by save_corpus (Parquet folder)"),
    "clean": ("clean", "clean_article on every article text"),
    "quotes": ("quotes", "quotes(df): quotes and speakers"),
    "sources": ("sources", "sources(df)"),
    "terms": ("terms", f"term_frequency(df, {len(TERMS)} terms, freq='W'): counting plus near-duplicate removal (dedupe=True, the default)"),
    "terms_count": ("terms", f"term_frequency(df, {len(TERMS)} terms, freq='W', dedupe=False): the counting alone"),
    "density": ("density", "quote_density(df, by='outlet') from precomputed quotes"),
    "end_to_end": ("quotes", "load + quotes + quote_density + sources(quotes=q) + term_frequency (dedupe)"),
}

# baseline -> (our stage it is compared with, what it does)
BASELINES: dict[str, tuple[str, str]] = {
    "nltk_terms": ("terms_count", "NLTK TreebankWordTokenizer + SnowballStemmer per token, count stemmed terms"),
    "sklearn_terms": ("terms_count", "scikit-learn CountVectorizer(vocabulary=terms, ngram_range=(1, 2)).transform"),
    "regex_quotes": ("quotes", "plain regex: pairs of marks within a paragraph, speaker = capitalised name beside 'said'"),
}

_MARKER_START = "<!-- million:start -->"
_MARKER_END = "<!-- million:end -->"


# -- the corpus ---------------------------------------------------------------


def _corpus_sources(corpora: Path) -> list[Path]:
    """The loadable inputs under a corpora folder: text folders and table files."""
    if corpora.is_file():
        return [corpora]
    out: list[Path] = []
    for child in sorted(corpora.iterdir()):
        if child.is_dir():
            tables = sorted(p for p in child.iterdir() if p.suffix in {".csv", ".jsonl", ".parquet"})
            out += tables if tables else [child]
        elif child.suffix in {".csv", ".jsonl", ".parquet"}:
            out.append(child)
    return out


def base_corpus(corpora: str | os.PathLike[str] = DEFAULT_CORPORA) -> pd.DataFrame:
    """Load every input under ``corpora`` with ``mediakit.load_corpus`` into one table."""
    try:
        from mediakit.corpus import load_corpus
    except ImportError:  # the loader has not landed: a minimal reader keeps the harness usable
        load_corpus = _minimal_load
    frames = [load_corpus(src) for src in _corpus_sources(Path(corpora))]
    base = pd.concat(frames, ignore_index=True)
    base.attrs = {}
    return base


def _minimal_load(src: Path) -> pd.DataFrame:
    """Markdown-with-front-matter folders and CSV/JSONL tables, for when ``corpus`` is absent."""
    import hashlib

    import yaml

    from mediakit._text import count_words

    src = Path(src)
    rows = []
    if src.is_dir():
        for p in sorted(src.rglob("*.md")):
            raw = p.read_text(encoding="utf-8")
            meta: dict[str, Any] = {}
            if raw.startswith("---"):
                _, front, raw = raw.split("---", 2)
                meta = yaml.safe_load(front) or {}
            rows.append({"title": meta.get("title"), "date": meta.get("date"), "outlet": src.name, "text": raw.strip(), "source_path": str(p)})
    else:
        table = pd.read_csv(src) if src.suffix == ".csv" else pd.read_json(src, lines=True)
        for rec in table.to_dict("records"):
            rows.append({"title": rec.get("headline", rec.get("title")), "date": rec.get("date"), "outlet": src.stem,
                         "text": str(rec.get("body", rec.get("text")) or ""), "source_path": str(src)})
    df = pd.DataFrame(rows)
    df.insert(0, "doc_id", [hashlib.sha1(f"{r['source_path']}|{i}".encode()).hexdigest()[:16] for i, r in enumerate(rows)])
    df["date"] = pd.to_datetime(df["date"], utc=True, errors="coerce", format="mixed")
    df["n_words"] = df["text"].map(count_words)
    return df


def _text_bytes(df: pd.DataFrame) -> int:
    return int(sum(len(t.encode("utf-8")) for t in df["text"].fillna("")))


def _shifted(base: pd.DataFrame, k: int, span: pd.Timedelta, dates: pd.Series | None) -> tuple[list[str], pd.Series | None]:
    ids = base["doc_id"].astype(str)
    if not k:
        return ids.tolist(), dates
    return (ids + f"~r{k}").tolist(), (dates + span * k if dates is not None else None)


def replicate_corpus(
    base: pd.DataFrame, copies: int, out_dir: str | os.PathLike[str], *, layout: str = "shards"
) -> list[Path]:
    """Write ``copies`` copies of ``base``: copy ``k`` has ids suffixed ``~rk`` and dates
    shifted by ``k`` times the corpus span (so the copies tile the time line), or by
    ``k`` weeks when that would pass the year 2262 (hundreds of copies).

    Args:
        base: a corpus table.
        copies: how many copies (copy 0 is ``base`` itself).
        out_dir: folder to write into.
        layout: ``"shards"``: one ``save_corpus`` folder per copy (``part-00000/`` ...),
            to stream one at a time; ``"dataset"``: one ``save_corpus`` folder holding
            one Parquet file per copy, which ``load_corpus(out_dir, engine="dask")``
            reads as one partition per copy.

    Returns:
        The shard folders (``"shards"``) or the Parquet files (``"dataset"``).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    dates = pd.to_datetime(base["date"], utc=True) if "date" in base.columns else None
    span = pd.Timedelta(days=1)
    if dates is not None and dates.notna().any():
        span = (dates.max() - dates.min()) + pd.Timedelta(days=1)
    if span / pd.Timedelta(days=1) * copies > 150 * 365:  # stay within datetime64[ns] (year 2262)
        span = pd.Timedelta(days=7)
    try:
        from mediakit.corpus import save_corpus
    except ImportError:  # no loader yet: plain Parquet files
        save_corpus = None
    first = out / "part-00000" if layout == "shards" else out
    if save_corpus is not None:
        save_corpus(base, first)
        template = next(first.glob("*.parquet"))
    else:
        first.mkdir(parents=True, exist_ok=True)
        template = first / "part-0.parquet"
        base.to_parquet(template, index=False)
    table = pq.read_table(template)
    marker = next(iter(first.glob("_*.json")), None)
    paths = [first if layout == "shards" else template]
    for k in range(1, copies):
        ids, shifted = _shifted(base, k, span, dates)
        t = table.set_column(table.schema.get_field_index("doc_id"), "doc_id", pa.array(ids, type=pa.string()))
        if shifted is not None:
            i = t.schema.get_field_index("date")
            t = t.set_column(i, "date", pa.array(shifted, type=t.schema.field(i).type))
        if layout == "shards":
            folder = out / f"part-{k:05d}"
            folder.mkdir(exist_ok=True)
            pq.write_table(t, folder / template.name)
            if marker is not None:
                shutil.copyfile(marker, folder / marker.name)
            paths.append(folder)
        elif layout == "dataset":
            path = out / f"part-{k}.parquet"
            pq.write_table(t, path)
            paths.append(path)
        else:
            raise ValueError(f"layout must be 'shards' or 'dataset', not {layout!r}")
    if layout == "dataset" and marker is not None:
        info = json.loads(marker.read_text(encoding="utf-8"))
        info["rows"] = len(base) * copies
        marker.write_text(json.dumps(info, indent=1), encoding="utf-8")
    return paths


def _read_shard(path: Path) -> pd.DataFrame:
    """One shard as the corpus table (a ``save_corpus`` folder reloads fast)."""
    path = Path(path)
    try:
        from mediakit.corpus import load_corpus
    except ImportError:
        return pd.read_parquet(path)
    df = load_corpus(path)
    df.attrs = {}
    return df


# -- baselines ----------------------------------------------------------------


def _nltk_terms(texts: Iterable[str], terms: Sequence[str]) -> int:
    from nltk.stem.snowball import SnowballStemmer
    from nltk.tokenize import TreebankWordTokenizer

    tok = TreebankWordTokenizer()
    stem = SnowballStemmer("english").stem
    wanted = {stem(t.lower()) for t in terms if " " not in t}
    n = 0
    for text in texts:
        for token in tok.tokenize(text):
            if stem(token.lower()) in wanted:
                n += 1
    return n


def _sklearn_terms(texts: Sequence[str], terms: Sequence[str]) -> int:
    from sklearn.feature_extraction.text import CountVectorizer

    vocab = sorted({t.lower() for t in terms})
    cv = CountVectorizer(vocabulary=vocab, ngram_range=(1, 2), lowercase=True)
    return int(cv.transform(texts).sum())


_RX_QUOTE = re.compile(r"[\"“”]([^\"“”\n]{1,3000}?)[\"“”]")
_RX_NAME = r"((?:[A-Z][a-z]+\.?\s){0,3}[A-Z][a-zA-Z'-]+)"
_RX_AFTER = re.compile(r"[,\s]*(?:" + _RX_NAME + r"\s+said|said\s+" + _RX_NAME + ")")
_RX_BEFORE = re.compile(_RX_NAME + r"\s+said[,:]?\s*$")


def _regex_quotes(texts: Iterable[str]) -> list[tuple[int, int, str | None]]:
    """The plain regex quote finder: marks paired within a paragraph, speaker beside 'said'."""
    out = []
    for text in texts:
        for m in _RX_QUOTE.finditer(text):
            after = _RX_AFTER.match(text, m.end(), min(len(text), m.end() + 80))
            speaker = (after.group(1) or after.group(2)) if after else None
            if speaker is None:
                before = _RX_BEFORE.search(text, max(0, m.start() - 80), m.start())
                speaker = before.group(1) if before else None
            out.append((m.start(), m.end(), speaker))
    return out


# -- one measurement ----------------------------------------------------------


def _rss_mb() -> float:
    """Peak resident memory of this process so far, in MB.

    ``VmHWM`` belongs to this process's own address space; ``ru_maxrss`` would
    carry over the parent's peak across fork + exec, so it is only the fallback.
    """
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _stage_fn(task: str, terms: Sequence[str]) -> Callable[[pd.DataFrame], int]:
    """A function of one shard's table that runs ``task`` and returns rows produced."""
    if task == "clean":
        from mediakit.clean import clean_article

        return lambda df: sum(1 for t in df["text"].fillna("") if clean_article(t) is not None)
    if task == "quotes":
        from mediakit.quotes import quotes

        return lambda df: len(quotes(df))
    if task == "sources":
        from mediakit.sources import sources

        return lambda df: len(sources(df))
    if task == "terms":
        from mediakit.terms import term_frequency

        return lambda df: len(term_frequency(df, list(terms), freq="W"))
    if task == "terms_count":
        from mediakit.terms import term_frequency

        return lambda df: len(term_frequency(df, list(terms), freq="W", dedupe=False))
    if task == "nltk_terms":
        return lambda df: _nltk_terms(df["text"].fillna(""), terms)
    if task == "sklearn_terms":
        return lambda df: _sklearn_terms(df["text"].fillna("").tolist(), terms)
    if task == "regex_quotes":
        return lambda df: len(_regex_quotes(df["text"].fillna("")))
    raise ValueError(f"unknown task {task!r}")


def _analyse(df: pd.DataFrame, terms: Sequence[str]) -> int:
    """The per-article analysis of a report: quotes, quote density, sources, term frequency."""
    from mediakit.density import quote_density
    from mediakit.quotes import quotes
    from mediakit.sources import sources
    from mediakit.terms import term_frequency

    q = quotes(df)
    d = quote_density(df, "outlet", quotes=q) if "outlet" in df.columns else quote_density(df, quotes=q)
    s = sources(df, quotes=q)
    t = term_frequency(df, list(terms), freq="W")
    return len(q) + len(d) + len(s) + len(t)


def _end_to_end(path: Path, terms: Sequence[str]) -> int:
    from mediakit.corpus import load_corpus

    return _analyse(load_corpus(path), terms)


def _warm_up(task: str, first: Path, terms: Sequence[str]) -> None:
    """Run ``task`` once on a few articles, untimed: lazy imports and compiled rules
    are a one-off cost of the process, not of the articles."""
    if task == "load":
        from mediakit.corpus import load_corpus

        load_corpus(first)
        return
    head = _read_shard(first).head(5)
    if task == "end_to_end":
        _analyse(head, terms)
    elif task == "density":
        from mediakit.density import quote_density
        from mediakit.quotes import quotes

        quote_density(head, quotes=quotes(head))
    else:
        _stage_fn(task, terms)(head)


def measure(
    task: str, shards: Sequence[str | os.PathLike[str]], *, terms: Sequence[str] = TERMS, warm: bool = True
) -> dict[str, Any]:
    """Run ``task`` over ``shards`` one at a time, in this process; time only the task.

    With ``warm``, the task first runs untimed on five articles (imports, compiled rules).

    Returns seconds, articles, text bytes, rows produced, and the process's peak
    resident memory (MB) before and after.
    """
    paths = [Path(p) for p in shards]
    if warm and paths:
        _warm_up(task, paths[0], terms)
    base_rss = _rss_mb()
    seconds = 0.0
    cpu = 0.0
    articles = nbytes = rows = 0
    if task == "load":
        from mediakit.corpus import load_corpus

        for p in paths:
            t0, c0 = time.perf_counter(), time.process_time()
            df = load_corpus(p)
            seconds += time.perf_counter() - t0
            cpu += time.process_time() - c0
            articles += len(df)
            nbytes += _text_bytes(df)
            rows += len(df)
            del df
    elif task == "end_to_end":
        for p in paths:
            t0, c0 = time.perf_counter(), time.process_time()
            rows += _end_to_end(p, terms)
            seconds += time.perf_counter() - t0
            cpu += time.process_time() - c0
            df = _read_shard(p)
            articles += len(df)
            nbytes += _text_bytes(df)
            del df
    elif task == "density":
        from mediakit.density import quote_density
        from mediakit.quotes import quotes

        for p in paths:
            df = _read_shard(p)
            q = quotes(df)
            t0, c0 = time.perf_counter(), time.process_time()
            d = quote_density(df, "outlet", quotes=q) if "outlet" in df.columns else quote_density(df, quotes=q)
            seconds += time.perf_counter() - t0
            cpu += time.process_time() - c0
            articles += len(df)
            nbytes += _text_bytes(df)
            rows += len(d)
            del df, q, d
    else:
        fn = _stage_fn(task, terms)
        for p in paths:
            df = _read_shard(p)
            t0, c0 = time.perf_counter(), time.process_time()
            rows += fn(df)
            seconds += time.perf_counter() - t0
            cpu += time.process_time() - c0
            articles += len(df)
            nbytes += _text_bytes(df)
            del df
    return {
        "task": task,
        "shards": len(paths),
        "articles": articles,
        "mb": nbytes / 1e6,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "rows": rows,
        # per core: CPU seconds of this process, so other load on the machine does not count
        "mb_per_s": nbytes / 1e6 / cpu if cpu else float("nan"),
        "articles_per_s": articles / cpu if cpu else float("nan"),
        "rss_start_mb": base_rss,
        "peak_rss_mb": _rss_mb(),
    }


def _measure_in_subprocess(task: str, shards: Sequence[Path], *, terms: Sequence[str], timeout: float | None) -> dict[str, Any]:
    spec = json.dumps({"task": task, "shards": [str(p) for p in shards], "terms": list(terms)})
    proc = subprocess.run(
        [sys.executable, "-m", "mediakit.bench", "--child", spec],
        capture_output=True, text=True, timeout=timeout, check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{task} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _available(task: str) -> bool:
    module = STAGES[task][0] if task in STAGES else BASELINES[task][0] if task in BASELINES else None
    needs = {"end_to_end": ["corpus", "quotes", "sources", "terms", "density"], "density": ["quotes", "density"]}
    mods = needs.get(task, [module] if task in STAGES else [])
    if task in BASELINES:
        mods = ["sklearn"] if task == "sklearn_terms" else ["nltk"] if task == "nltk_terms" else []
        return all(importlib.util.find_spec(m) is not None for m in mods)
    return all(importlib.util.find_spec(f"mediakit.{m}") is not None for m in mods)


# -- incremental re-run -------------------------------------------------------


def incremental_demo(
    base: pd.DataFrame, *, new_fraction: float = 0.01, cache_dir: str | os.PathLike[str] | None = None,
) -> dict[str, Any]:
    """Show what a re-run over a corpus grown by ``new_fraction`` costs with the cache.

    The per-article stages run through ``mediakit.cache.cached_stage`` (quotes, then
    sources given the cached quotes). Day 1 runs over ``base`` into an empty cache;
    day 2 adds ``new_fraction`` new articles (copies with new ids) and runs again.
    A cold run over the day-2 corpus is the reference. Then a change of options and
    of ``mediakit.__version__`` must recompute everything. "Articles processed"
    counts the articles passed to the stage functions (cache misses).
    """
    import mediakit
    from mediakit import cache
    from mediakit.cache import cached_stage

    n_new = max(1, round(len(base) * new_fraction))
    new = base.sample(n=n_new, random_state=0).copy()
    new["doc_id"] = new["doc_id"].astype(str) + "~new"
    day2 = pd.concat([base, new], ignore_index=True)
    stages = ("quotes", "sources")

    def run_all(df: pd.DataFrame, folder: Path, options: dict[str, Any]) -> tuple[float, float, int, dict[str, Any]]:
        """quotes, then sources with ``options``, as a new process would (a day's run
        starts with no digests of texts kept from an earlier run)."""
        cache._last_digests = {}
        t0, c0 = time.perf_counter(), time.process_time()
        q = cached_stage(df, "quotes", cache_dir=folder)
        s = cached_stage(df, "sources", cache_dir=folder, **options)
        stats = {"quotes": q.attrs["cache"], "sources": s.attrs["cache"]}
        n = sum(v["misses"] for v in stats.values())
        return time.perf_counter() - t0, time.process_time() - c0, n, stats

    tmp = Path(cache_dir) if cache_dir is not None else Path(tempfile.mkdtemp(prefix="mediakit-cache-"))
    try:
        cold_s, cold_cpu, cold_n, _ = run_all(day2, tmp / "cold", {})
        run_all(base, tmp / "warm", {})  # day 1
        inc_s, inc_cpu, inc_n, inc_stats = run_all(day2, tmp / "warm", {})
        again_s, _, again_n, _ = run_all(day2, tmp / "warm", {})
        # new options for sources (an alias table): sources recomputes, quotes stay cached
        opt_s, _, opt_n, _ = run_all(day2, tmp / "warm", {"aliases": {"Nobody Known": "Somebody Known"}})
        real_version = mediakit.__version__
        mediakit.__version__ = real_version + "+bench"
        try:
            ver_s, _, ver_n, _ = run_all(day2, tmp / "warm", {})
        finally:
            mediakit.__version__ = real_version
    finally:
        if cache_dir is None:
            shutil.rmtree(tmp, ignore_errors=True)
    return {
        "stages": list(stages),
        "articles_day1": len(base),
        "articles_day2": len(day2),
        "new_articles": n_new,
        "cold_seconds": cold_s,
        "cold_cpu_seconds": cold_cpu,
        "cold_processed": cold_n,
        "incremental_seconds": inc_s,
        "incremental_cpu_seconds": inc_cpu,
        "incremental_processed": inc_n,
        "incremental_stats": inc_stats,
        "work_share": inc_n / cold_n if cold_n else float("nan"),
        "time_share": inc_cpu / cold_cpu if cold_cpu else float("nan"),
        "unchanged_seconds": again_s,
        "unchanged_processed": again_n,
        "options_changed_processed": opt_n,
        "options_changed_seconds": opt_s,
        "version_changed_processed": ver_n,
        "version_changed_seconds": ver_s,
        "all_articles_all_stages": len(day2) * len(stages),
    }


# -- report timing ------------------------------------------------------------


def time_report(
    base: pd.DataFrame, *, min_docs: int = 10_000, names: Sequence[str] | None = None, workdir: Path,
    timeout: float | None = 900,
) -> list[dict[str, Any]]:
    """Wall time of ``mediakit report NAME --corpus PATH --out DIR`` over ``min_docs``+ documents.

    The corpus is ``base`` replicated into one ``save_corpus`` folder. Each report
    named (default: every packaged report) runs once, in a fresh process, as a user
    would run it.
    """
    try:
        from mediakit.report import list_reports
    except ImportError:
        return []
    table = list_reports()
    if isinstance(table, pd.DataFrame):
        col = "report" if "report" in table.columns else "name" if "name" in table.columns else table.columns[0]
        known = list(dict.fromkeys(table[col]))
    else:
        known = list(dict.fromkeys(table))
    names = list(names) if names else known
    copies = -(-min_docs // max(1, len(base)))
    corpus_dir = workdir / "report-corpus"
    if not corpus_dir.exists():
        replicate_corpus(base, copies, corpus_dir, layout="dataset")
    exe = Path(sys.executable).with_name("mediakit")
    prefix = [str(exe)] if exe.exists() else [sys.executable, "-m", "mediakit.cli"]
    out = []
    for name in names:
        cmd = [*prefix, "report", name, "--corpus", str(corpus_dir), "--out", str(workdir / "report-out")]
        t0 = time.perf_counter()
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=timeout)
            code, err = proc.returncode, proc.stderr
        except subprocess.TimeoutExpired as e:
            code, err = -1, f"timed out after {timeout} s\n{(e.stderr or b'')[-500:]!r}"
        seconds = time.perf_counter() - t0
        cells = _cell_times(workdir / "report-out" / name)
        out.append({
            "report": name, "documents": copies * len(base), "seconds": seconds, "returncode": code,
            "cells_s": sum(c[0] for c in cells), "slowest_cells": cells[:3],
            "command": f"mediakit report {name} --corpus <{copies}x corpora, save_corpus folder> --out <tmp>",
            "stderr_tail": err[-800:] if code else "",
        })
    return out


def _cell_times(report_dir: Path) -> list[tuple[float, str]]:
    """(seconds, first code line) of each cell of the newest executed notebook, slowest first."""
    books = sorted(report_dir.glob("*/*.ipynb"), key=lambda p: p.stat().st_mtime)
    if not books:
        return []
    with contextlib.suppress(OSError, ValueError, KeyError):
        nb = json.loads(books[-1].read_text(encoding="utf-8"))
        out = []
        for cell in nb.get("cells", []):
            d = (cell.get("metadata", {}).get("papermill") or {}).get("duration")
            if cell.get("cell_type") == "code" and d is not None:
                src = "".join(cell.get("source", [])).strip().splitlines()
                out.append((float(d), src[0][:70] if src else ""))
        return sorted(out, reverse=True)
    return []


# -- machine and markdown -------------------------------------------------------


def machine_info() -> dict[str, str]:
    """nproc, CPU model, RAM, Python, package versions, UTC date and git commit."""
    cpu = platform.processor() or "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = "?"
    with contextlib.suppress(OSError, ValueError, IndexError):
        kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        ram = f"{kb / 1024**2:.1f} GiB"
    versions = []
    for pkg in ("mediakit", "pandas", "numpy", "pyarrow", "dask", "distributed", "nltk", "scikit-learn"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            versions.append(f"{pkg} {importlib.metadata.version(pkg)}")
    commit = "?"
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "ram": ram,
        "python": platform.python_version(),
        "packages": ", ".join(versions),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
    }


def _fmt(x: float, digits: int = 1) -> str:
    if x != x:  # NaN
        return "–"
    if 0 < abs(x) < 10 ** -digits * 10:  # keep small numbers readable: 3 significant digits
        return f"{x:.3g}"
    return f"{x:,.{digits}f}"


def render_markdown(results: dict[str, Any]) -> str:
    """The benchmark report as Markdown."""
    m = results["machine"]
    lines = [
        "# Benchmarks",
        "",
        "Written by `python -m mediakit.bench` (numbers below are from one run; re-run to refresh).",
        "",
        f"- command: `{results['command']}`",
        f"- date: {m['date']}, commit `{m['commit']}`",
        f"- machine: {m['nproc']} cores ({m['cpu']}), {m['ram']} RAM, Python {m['python']}",
        f"- packages: {m['packages']}",
        f"- corpus: {results['corpus']} — {results['base_articles']:,} articles, {results['base_mb']:.1f} MB of text at 1x;"
        " scale k = k copies with shifted ids and dates, as Parquet shards streamed one at a time",
        "- one core: every measurement runs alone in a fresh subprocess; peak memory is its `VmHWM` (peak RSS)",
        "",
        "## Stage throughput",
        "",
        "MB/s and articles/s are per core: text volume over the CPU seconds of the measuring"
        " process (the machine is shared, so wall time is shown beside them). Peak RSS is the"
        " process's maximum resident memory; 'over start' subtracts what imports had taken.",
        "",
        "| stage | scale | articles | MB | CPU s | wall s | MB/s | articles/s | peak RSS MB | over start MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results["stages"] + results.get("baseline_rows", []):
        lines.append(
            f"| {r['task']} | {r['scale']}x | {r['articles']:,} | {_fmt(r['mb'])} | {_fmt(r['cpu_seconds'], 2)} | "
            f"{_fmt(r['seconds'], 2)} | {_fmt(r['mb_per_s'], 2)} | {_fmt(r['articles_per_s'], 0)} | "
            f"{_fmt(r['peak_rss_mb'], 0)} | {_fmt(r['peak_rss_mb'] - r['rss_start_mb'], 0)} |"
        )
    lines += ["", "What each stage measures:", ""]
    lines += [f"- `{k}`: {v[1]}" for k, v in STAGES.items()]
    if results.get("skipped"):
        lines += ["", "Not measured (module not available yet): " + ", ".join(f"`{s}`" for s in results["skipped"])]

    lines += [
        "",
        "## Against baselines",
        "",
        "Same shards, same one core. Ratio = our MB/s ÷ baseline MB/s (above 1: mediakit is faster).",
        "",
        "| ours | baseline | scale | ours MB/s | baseline MB/s | ratio |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for r in results["ratios"]:
        lines.append(
            f"| {r['ours']} | {r['baseline']} | {r['scale']}x | {_fmt(r['ours_mb_per_s'], 2)} | "
            f"{_fmt(r['baseline_mb_per_s'], 2)} | {_fmt(r['ratio'], 2)} |"
        )
    lines += ["", "Baselines:", ""] + [f"- `{k}`: {v[1]}" for k, v in BASELINES.items()]

    growth = results.get("growth", [])
    if growth:
        scales = results["scales"]
        lines += [
            "",
            "## Cost growth and memory flatness",
            "",
            "CPU seconds per 1,000 articles and peak RSS (MB) at each scale; a streaming stage holds one"
            " shard at a time, so its peak should not grow with the corpus.",
            "",
            "| stage | " + " | ".join(f"s/1k @{s}x" for s in scales) + " | "
            + " | ".join(f"MB @{s}x" for s in scales) + " | peak ratio max/min |",
            "|---|" + "---:|" * (2 * len(scales) + 1),
        ]
        for g in growth:
            lines.append(
                f"| {g['task']} | " + " | ".join(_fmt(g["s_per_1k"].get(s, float("nan")), 2) for s in scales) + " | "
                + " | ".join(_fmt(g["peak"].get(s, float("nan")), 0) for s in scales) + f" | {_fmt(g['flatness'], 2)} |"
            )

    inc = results.get("incremental") or {}
    if inc:
        lines += [
            "",
            "## Incremental re-run (per-article cache)",
            "",
            f"Per-article stages through `mediakit.cache.cached_stage`: {', '.join(inc['stages'])} (sources"
            " given the cached quotes; its corpus-wide name merge always runs). Day 1:"
            f" {inc['articles_day1']:,} articles; day 2 adds {inc['new_articles']:,} new ones"
            f" ({inc['new_articles'] / inc['articles_day1']:.1%}).",
            "",
            "| run | articles passed to the stage functions | wall s |",
            "|---|---:|---:|",
            f"| day 2, cold cache (reference) | {inc['cold_processed']:,} | {_fmt(inc['cold_seconds'], 2)} |",
            f"| day 2 after day 1 (incremental) | {inc['incremental_processed']:,} | {_fmt(inc['incremental_seconds'], 2)} |",
            f"| day 2 again, nothing new | {inc['unchanged_processed']:,} | {_fmt(inc['unchanged_seconds'], 2)} |",
            f"| sources options changed (`aliases=`): quotes stay cached | {inc['options_changed_processed']:,} | {_fmt(inc['options_changed_seconds'], 2)} |",
            f"| `mediakit.__version__` changed | {inc['version_changed_processed']:,} | {_fmt(inc['version_changed_seconds'], 2)} |",
            "",
            f"Incremental work: {inc['work_share']:.1%} of the articles and {inc['time_share']:.1%} of the CPU time"
            f" of the cold run ({inc['incremental_cpu_seconds']:.2f} s vs {inc['cold_cpu_seconds']:.2f} s; target: at"
            " most 10%). New options recompute every article of that stage; a new version recomputes"
            " every article of every stage; so do a change to the package's code and editing a lexicon"
            " file (tested in `tests/test_cache.py`).",
        ]

    reps = results.get("report") or []
    if reps:
        lines += [
            "",
            "## `mediakit report` end to end",
            "",
            f"Each report run once as a user would (`mediakit report NAME --corpus PATH --out DIR`: a fresh"
            f" process, papermill, kernel start, HTML export) over {reps[0]['documents']:,} documents"
            " (the corpora replicated, one `save_corpus` folder). Wall time on the shared machine.",
            "",
            "| report | documents | wall s | in notebook cells s | slowest cell | exit |",
            "|---|---:|---:|---:|---|---:|",
        ]
        for rep in reps:
            slow = rep.get("slowest_cells") or []
            slowest = f"{slow[0][0]:.1f} s `{slow[0][1].replace('|', '/')}`" if slow else "–"
            lines.append(
                f"| {rep['report']} | {rep['documents']:,} | {rep['seconds']:.1f} | {rep.get('cells_s', 0):.1f} |"
                f" {slowest} | {rep['returncode']} |"
            )
        for rep in reps:
            if rep.get("stderr_tail"):
                lines += ["", f"`{rep['report']}` failed:", "", "```", rep["stderr_tail"].strip(), "```"]

    lines += ["", "## Targets", "", "| target | measured | met |", "|---|---|---|"]
    for t in results.get("targets", []):
        lines.append(f"| {t['target']} | {t['measured']} | {'yes' if t['met'] else 'no'} |")
    lines += ["", _MARKER_START, results.get("million_section", "## One million articles (dask)\n\nNot run yet: `python benchmarks/million.py`."), _MARKER_END, ""]
    return "\n".join(lines)


def _targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    by = {(r["task"], r["scale"]): r for r in results["stages"]}
    top = max(results["scales"])
    for stage, note in (("terms_count", "counting, dedupe=False"), ("terms", "with dedupe")):
        rows = [by[(t, s)] for (t, s) in by if t == stage]
        if rows:
            worst = min(r["mb_per_s"] for r in rows)
            out.append({"target": f"term frequency >= 30 MB/s per core ({note})", "measured": f"{worst:.1f} MB/s (slowest scale)", "met": worst >= 30})
    e2e = [by[(t, s)] for (t, s) in by if t == "end_to_end"]
    if e2e:
        worst = min(r["articles_per_s"] for r in e2e)
        out.append({"target": "full per-article analysis >= 1,000 articles/s per core", "measured": f"{worst:,.0f} articles/s (end_to_end, slowest scale)", "met": worst >= 1000})
    for rep in results.get("report") or []:
        out.append({"target": f"`mediakit report {rep['report']}` over 10,000+ documents < 60 s", "measured": f"{rep['seconds']:.1f} s over {rep['documents']:,} (exit {rep['returncode']})", "met": rep["returncode"] == 0 and rep["seconds"] < 60})
    streaming = [g for g in results.get("growth", []) if g["task"] not in {"nltk_terms", "sklearn_terms", "regex_quotes"}]
    if streaming and top > min(results["scales"]):
        worst = max(g["flatness"] for g in streaming)
        out.append({"target": "memory flat in corpus size (streaming stages)", "measured": f"peak RSS grows at most {worst:.2f}x from {min(results['scales'])}x to {top}x", "met": worst <= 1.25})
    inc = results.get("incremental") or {}
    if inc:
        share = max(inc["work_share"], inc["time_share"])
        out.append({"target": "re-run with 1% new articles does <= 10% of the work", "measured": f"{inc['work_share']:.1%} of articles, {inc['time_share']:.1%} of time", "met": share <= 0.10})
    return out


def _growth(rows: list[dict[str, Any]], scales: Sequence[int]) -> list[dict[str, Any]]:
    out = []
    for task in dict.fromkeys(r["task"] for r in rows):
        mine = {r["scale"]: r for r in rows if r["task"] == task}
        if len(mine) < 2:
            continue
        peaks = {s: r["peak_rss_mb"] for s, r in mine.items()}
        out.append({
            "task": task,
            "s_per_1k": {s: 1000 * r["cpu_seconds"] / r["articles"] for s, r in mine.items() if r["articles"]},
            "peak": peaks,
            "flatness": max(peaks.values()) / min(peaks.values()),
        })
    return out


_KEPT = ("million", "notes")


def _merge_million(text: str, old: Path) -> str:
    """Keep the sections other tools or people wrote into ``old`` between
    ``<!-- million:start/end -->`` (``benchmarks/million.py``) and
    ``<!-- notes:start/end -->`` (profiles, analysis) markers."""
    if not old.is_file():
        return text
    prev = old.read_text(encoding="utf-8")
    for name in _KEPT:
        a, b = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
        if a not in prev or b not in prev:
            continue
        section = prev.split(a, 1)[1].split(b, 1)[0]
        if a in text and b in text:
            head, rest = text.split(a, 1)
            text = head + a + section + b + rest.split(b, 1)[1]
        else:
            text = text.rstrip("\n") + "\n\n" + a + section + b + "\n"
    return text


# -- the whole run --------------------------------------------------------------


def run_bench(
    *,
    corpora: str | os.PathLike[str] = DEFAULT_CORPORA,
    scales: Sequence[int] = (1, 10, 100),
    stages: Sequence[str] | None = None,
    baselines: Sequence[str] | None = None,
    baseline_scales: Sequence[int] = (1,),
    scale_stages: dict[int, Sequence[str]] | None = None,
    out: str | os.PathLike[str] | None = ROOT / "docs" / "benchmarks.md",
    workdir: str | os.PathLike[str] | None = None,
    incremental: bool = True,
    report: bool = False,
    report_docs: int = 10_000,
    report_names: Sequence[str] | None = None,
    isolate: bool = True,
    timeout: float | None = None,
    log: Callable[[str], None] | None = print,
    command: str = "python -m mediakit.bench",
) -> dict[str, Any]:
    """Measure every stage and baseline at every scale; write Markdown to ``out``.

    Args:
        corpora: folder of inputs (each sub-folder of texts or each table file is
            loaded with ``load_corpus``), or one input file.
        scales: copies of the corpus to stream through.
        stages: subset of ``STAGES``; default all whose modules exist.
        baselines: subset of ``BASELINES``; default all.
        baseline_scales: scales at which baselines run (NLTK is slow).
        scale_stages: scale -> the only stages run at that scale (default all at
            every scale), e.g. ``{100: ["load", "terms_count"]}``.
        out: Markdown file to write (``None``: do not write).
        workdir: where shards go; default a temporary folder deleted afterwards.
        incremental: also run the per-article cache demonstration.
        report: also time ``mediakit report`` over ``report_docs``+ documents.
        report_names: which reports (default all packaged ones).
        isolate: one subprocess per measurement (peak memory per measurement);
            False runs in this process (faster, memory is then cumulative).
        timeout: seconds allowed for one measurement.
        log: progress printer, or None.

    Returns:
        The results as a dict (also rendered to ``out``).
    """
    say = log or (lambda _msg: None)
    stages = [s for s in (stages or list(STAGES)) if s in STAGES]
    baselines = [b for b in (baselines if baselines is not None else list(BASELINES)) if b in BASELINES]
    skipped = [s for s in stages + baselines if not _available(s)]
    stages = [s for s in stages if s not in skipped]
    baselines = [b for b in baselines if b not in skipped]
    scales = sorted(set(int(s) for s in scales))

    tmp = Path(workdir) if workdir is not None else Path(tempfile.mkdtemp(prefix="mediakit-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"scales": scales, "stages": [], "ratios": [], "skipped": skipped, "command": command}
    try:
        say(f"loading {corpora}")
        base = base_corpus(corpora)
        results.update(corpus=str(corpora), base_articles=len(base), base_mb=_text_bytes(base) / 1e6)
        shards = replicate_corpus(base, max(scales), tmp / "shards")
        run = (
            (lambda task, paths: _measure_in_subprocess(task, paths, terms=TERMS, timeout=timeout))
            if isolate else (lambda task, paths: measure(task, paths))
        )
        by: dict[tuple[str, int], dict[str, Any]] = {}
        results["machine"] = machine_info()

        def write() -> None:
            """Derive ratios, growth and targets from what is measured so far; write ``out``."""
            results["ratios"] = []
            for b in baselines:
                ours = BASELINES[b][0]
                for scale in baseline_scales:
                    if (b, scale) in by and (ours, scale) in by:
                        o, x = by[(ours, scale)], by[(b, scale)]
                        results["ratios"].append({
                            "ours": ours, "baseline": b, "scale": scale, "ours_mb_per_s": o["mb_per_s"],
                            "baseline_mb_per_s": x["mb_per_s"], "ratio": o["mb_per_s"] / x["mb_per_s"],
                        })
            results["growth"] = _growth(results["stages"], scales)
            results["targets"] = _targets(results)
            if out is not None:
                path = Path(out)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(_merge_million(render_markdown(results), path), encoding="utf-8")

        for scale in scales:
            only = (scale_stages or {}).get(scale)
            here = stages if only is None else [t for t in stages if t in only]
            todo = here + ([b for b in baselines] if scale in baseline_scales else [])
            for task in todo:
                say(f"{task} @ {scale}x ...")
                r = run(task, shards[:scale]) | {"scale": scale}
                say(f"  {r['mb_per_s']:.2f} MB/s, {r['articles_per_s']:.0f} articles/s, peak {r['peak_rss_mb']:.0f} MB")
                by[(task, scale)] = r
                (results["stages"] if task in STAGES else results.setdefault("baseline_rows", [])).append(r)
                write()
            if scale != scales[0]:
                continue
            # after the smallest scale: the cache demonstration and the report timing
            if incremental and _available("quotes") and _available("sources"):
                say("incremental re-run ...")
                results["incremental"] = incremental_demo(base, cache_dir=tmp / "cache")
                write()
            if report:
                say("mediakit report ...")
                results["report"] = time_report(base, min_docs=report_docs, names=report_names, workdir=tmp)
                write()
        results["machine"] = machine_info()
        write()
        if out is not None:
            say(f"wrote {out}")
    finally:
        if workdir is None:
            shutil.rmtree(tmp, ignore_errors=True)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m mediakit.bench``: see the module docstring."""
    parser = argparse.ArgumentParser(prog="python -m mediakit.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,10,100", help="copies of the corpus, comma-separated")
    parser.add_argument("--stages", default=None, help=f"comma-separated subset of {','.join(STAGES)}")
    parser.add_argument("--baselines", default=None, help=f"comma-separated subset of {','.join(BASELINES)} ('' for none)")
    parser.add_argument("--baseline-scales", default="1", help="scales at which baselines run")
    parser.add_argument(
        "--scale-stages", action="append", default=[], metavar="SCALE=STAGES",
        help="only these stages at this scale, e.g. 100=load,terms_count (repeatable)",
    )
    parser.add_argument("--corpora", default=str(DEFAULT_CORPORA), help="input folder (default ../shared/data/corpora)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"), help="Markdown report ('-' to skip)")
    parser.add_argument("--json", default=None, help="also write the raw results as JSON here")
    parser.add_argument("--workdir", default=None, help="keep shards here instead of a temporary folder")
    parser.add_argument("--no-incremental", action="store_true", help="skip the cache re-run demonstration")
    parser.add_argument("--report", action="store_true", help="also time `mediakit report` over 10,000+ documents")
    parser.add_argument("--report-names", default=None, help="comma-separated reports to time (default all)")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        spec = json.loads(args.child)
        print(json.dumps(measure(spec["task"], spec["shards"], terms=spec["terms"])))
        return 0
    ints = lambda s: [int(x) for x in s.split(",") if x.strip()]  # noqa: E731
    results = run_bench(
        corpora=args.corpora,
        scales=ints(args.scales),
        stages=args.stages.split(",") if args.stages else None,
        baselines=[b for b in args.baselines.split(",") if b] if args.baselines is not None else None,
        baseline_scales=ints(args.baseline_scales),
        scale_stages={
            int(k): [t for t in v.split(",") if t] for k, v in (x.split("=", 1) for x in args.scale_stages)
        },
        out=None if args.out == "-" else args.out,
        workdir=args.workdir,
        incremental=not args.no_incremental,
        report=args.report,
        report_names=args.report_names.split(",") if args.report_names else None,
        command="python -m mediakit.bench " + " ".join(sys.argv[1:] if argv is None else argv),
    )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
