"""One million articles through dask on one machine, with bounded worker memory.

A documented benchmark run, not a test (it takes tens of minutes and GBs of disk):

    nice -n 10 .venv/bin/python benchmarks/million.py            # 1,000,000+ articles
    .venv/bin/python benchmarks/million.py --articles 20000      # a quick rehearsal

It replicates ``../shared/data/corpora`` (shifted ids and dates) into one
``save_corpus`` Parquet folder in a temporary directory (one file per copy, so one
dask partition per copy of ~2,250 articles), starts
``LocalCluster(n_workers=2, threads_per_worker=1, memory_limit="2GB")``, loads the
folder with ``load_corpus(..., engine="dask")`` and computes, one after the
other, ``term_frequency`` (weekly, by outlet), ``quote_density`` (monthly, by
outlet) and optionally ``sources``. It records wall time, articles/s and the peak
resident memory of each worker (sampled every 0.5 s with psutil), writes the
section between the ``million`` markers of ``docs/benchmarks.md``, and deletes the
generated data.

``term_frequency`` runs with ``dedupe=False``: every copy of the corpus is a
duplicate of the first by construction, so near-duplicate removal would collapse
the million back to one copy and measure nothing but the duplicate finder.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import pandas as pd  # noqa: E402

from mediakit import bench  # noqa: E402

START, END = "<!-- million:start -->", "<!-- million:end -->"


class _MemorySampler:
    """Peak RSS of every dask worker process, sampled in a background thread."""

    def __init__(self, client: Any, every: float = 0.5) -> None:
        self.client, self.every = client, every
        self.peak: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _rss() -> float:
        import psutil

        return psutil.Process().memory_info().rss / 1e6

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                for addr, mb in self.client.run(self._rss).items():
                    self.peak[addr] = max(self.peak.get(addr, 0.0), mb)
            except Exception:  # a worker restarting: keep sampling
                pass
            self._stop.wait(self.every)

    def __enter__(self) -> _MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._thread.join()

    def reset(self) -> None:
        self.peak = {}


def _section(info: dict[str, Any]) -> str:
    m = info["machine"]
    lines = [
        "## One million articles (dask)",
        "",
        f"`{info['command']}` — {m['date']}, commit `{m['commit']}`, {m['nproc']} cores ({m['cpu']}),"
        f" {m['ram']} RAM, Python {m['python']}; {m['packages']}.",
        "",
        f"- corpus: {info['articles']:,} articles = {info['copies']} copies of the shared corpora"
        f" ({info['base_articles']:,} articles, {info['base_mb']:.1f} MB of text each) with shifted ids and"
        f" dates; {info['text_gb']:.2f} GB of article text, {info['disk_gb']:.2f} GB of Parquet on disk in"
        f" {info['partitions']} partitions; generated in {info['generate_s']:.0f} s, deleted afterwards",
        f"- cluster: `LocalCluster(n_workers={info['workers']}, threads_per_worker=1,"
        f" memory_limit=\"{info['memory_limit']}\")`; peak worker memory is the largest RSS sampled"
        " every 0.5 s (psutil) in any worker process",
        "- the machine was shared with other work during the run: wall times are upper bounds",
        "",
        "| computation | articles | wall s | articles/s | MB/s | peak worker RSS MB | result rows |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in info["runs"]:
        lines.append(
            f"| {r['what']} | {r['articles']:,} | {r['seconds']:.0f} | {r['articles_per_s']:,.0f} |"
            f" {r['mb_per_s']:.1f} | {r['peak_worker_mb']:.0f} | {r['rows']:,} |"
        )
    for r in info.get("failed", []):
        lines.append(f"| {r['what']} | – | – | – | – | – | failed: {r['error']} |")
    lines += [
        "",
        f"Every worker stayed under its {info['memory_limit']} limit: "
        + ("yes" if info["bounded"] else "NO (see peaks)") + f" (largest peak {info['max_peak_mb']:.0f} MB).",
    ]
    return "\n".join(lines)


def _write_section(out: Path, section: str) -> None:
    text = out.read_text(encoding="utf-8") if out.is_file() else "# Benchmarks\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + START + "\n" + section + "\n" + END + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + START + "\n" + section + "\n" + END + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=1_000_000, help="at least this many articles")
    p.add_argument("--corpora", default=str(bench.DEFAULT_CORPORA))
    p.add_argument("--workdir", default=None, help="where to generate (default a temp dir under /tmp)")
    p.add_argument("--keep", action="store_true", help="keep the generated corpus")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--memory-limit", default="2GB")
    p.add_argument("--what", default="scan,terms,density", help="comma-separated: scan, terms, density, sources")
    p.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"), help="'-' not to write")
    p.add_argument("--json", default=None)
    args = p.parse_args(argv)

    from dask.distributed import Client, LocalCluster

    from mediakit.corpus import load_corpus
    from mediakit.density import quote_density
    from mediakit.sources import sources
    from mediakit.terms import term_frequency

    base = bench.base_corpus(args.corpora)
    base.attrs = {}
    copies = math.ceil(args.articles / len(base))
    parent = Path(args.workdir) if args.workdir else Path(tempfile.gettempdir())
    parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="mediakit-million-", dir=parent))
    info: dict[str, Any] = {
        "command": "python benchmarks/million.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "base_articles": len(base), "base_mb": bench._text_bytes(base) / 1e6, "copies": copies,
        "articles": copies * len(base), "workers": args.workers, "memory_limit": args.memory_limit,
        "runs": [], "failed": [],
    }
    info["text_gb"] = info["base_mb"] * copies / 1e3
    try:
        # disk check: one copy first, then extrapolate
        probe = bench.replicate_corpus(base, 1, folder / "probe", layout="dataset")
        per_copy = sum(f.stat().st_size for f in probe)
        shutil.rmtree(folder / "probe")
        need = per_copy * copies * 1.2
        free = shutil.disk_usage(folder).free
        print(f"{copies} copies x {per_copy / 1e6:.1f} MB = {need / 1e9:.1f} GB needed, {free / 1e9:.1f} GB free")
        if need > free * 0.8:
            raise SystemExit(f"not enough disk in {parent}: need {need / 1e9:.1f} GB, free {free / 1e9:.1f} GB")
        t0 = time.perf_counter()
        files = bench.replicate_corpus(base, copies, folder / "corpus", layout="dataset")
        info["generate_s"] = time.perf_counter() - t0
        info["disk_gb"] = sum(f.stat().st_size for f in files) / 1e9
        print(f"generated {info['articles']:,} articles in {info['generate_s']:.0f} s ({info['disk_gb']:.2f} GB)")
        del base

        cluster = LocalCluster(
            n_workers=args.workers, threads_per_worker=1, memory_limit=args.memory_limit,
            dashboard_address=None, processes=True,
        )
        client = Client(cluster)
        try:
            ddf = load_corpus(folder / "corpus", engine="dask")
            info["partitions"] = ddf.npartitions
            todo = {
                "scan": (
                    "one pass over the corpus: sum of n_words (read + decode, the floor of any computation)",
                    lambda: ddf["n_words"].sum().compute(),
                ),
                "terms": (
                    f"term_frequency({len(bench.TERMS)} terms, freq='W', by='outlet', dedupe=False)",
                    lambda: term_frequency(ddf, bench.TERMS, freq="W", by="outlet", dedupe=False),
                ),
                "density": (
                    "quote_density(by='outlet', freq='M') (quotes extracted per article)",
                    lambda: quote_density(ddf, "outlet", freq="M"),
                ),
                "sources": ("sources()", lambda: sources(ddf)),
            }
            with _MemorySampler(client) as mem:
                for key in [w for w in args.what.split(",") if w]:
                    what, fn = todo[key]
                    mem.reset()
                    print(f"{what} ...", flush=True)
                    t0 = time.perf_counter()
                    try:
                        res = fn()
                        res = res.compute() if hasattr(res, "compute") else res
                    except Exception as e:  # record and go on to the next computation
                        info["failed"].append({"what": what, "error": f"{type(e).__name__}: {str(e)[:200]}"})
                        print(f"  failed: {e!r}")
                        continue
                    seconds = time.perf_counter() - t0
                    r = {
                        "what": what, "articles": info["articles"], "seconds": seconds,
                        "articles_per_s": info["articles"] / seconds,
                        "mb_per_s": info["text_gb"] * 1e3 / seconds,
                        "peak_worker_mb": max(mem.peak.values(), default=float("nan")),
                        "rows": len(res) if hasattr(res, "__len__") else 1,
                    }
                    info["runs"].append(r)
                    print(f"  {seconds:.0f} s, {r['articles_per_s']:,.0f} articles/s, peak worker {r['peak_worker_mb']:.0f} MB")
                    _finish(info, args)  # write what we have after every computation
        finally:
            client.close()
            cluster.close()
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    _finish(info, args)
    return 0


def _finish(info: dict[str, Any], args: argparse.Namespace) -> None:
    info["machine"] = bench.machine_info()
    limit_mb = _parse_size(info["memory_limit"]) / 1e6
    peaks = [r["peak_worker_mb"] for r in info["runs"]]
    info["max_peak_mb"] = max(peaks, default=float("nan"))
    info["bounded"] = bool(peaks) and all(p < limit_mb for p in peaks)
    info.setdefault("partitions", 0)
    info.setdefault("generate_s", float("nan"))
    info.setdefault("disk_gb", float("nan"))
    if args.out != "-":
        _write_section(Path(args.out), _section(info))
    if args.json:
        Path(args.json).write_text(json.dumps(info, indent=1, default=str), encoding="utf-8")


def _parse_size(s: str) -> float:
    units = {"KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12, "KIB": 2**10, "MIB": 2**20, "GIB": 2**30}
    s = s.strip().upper()
    for u, f in sorted(units.items(), key=lambda kv: -len(kv[0])):
        if s.endswith(u):
            return float(s[: -len(u)]) * f
    return float(s)


if __name__ == "__main__":
    pd.set_option("display.width", 120)
    print(dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    raise SystemExit(main())
