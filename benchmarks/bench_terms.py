"""Throughput of ``term_frequency``'s counting (3 stemmed terms + word denominator).

Runs mediakit and the baselines on the same real texts (the bodies ``load_corpus``
reads from ``corpora/whitehouse`` and ``corpora/kremlin_ukraine/*.csv``) in the
same process, one core, and prints MB/s (UTF-8 megabytes of body text per second) and ratios:

* mediakit ``count_terms`` (three stemmed terms, ``n_words`` counted);
* mediakit with the shared ``count_words`` as denominator (reference);
* the whole ``term_frequency`` (weekly table; and with near-duplicate removal);
* NLTK TreebankWordTokenizer + Snowball stem per token (on a sample: it is slow);
* scikit-learn CountVectorizer with a fixed vocabulary;
* one alternation regex over the raw text;
* ``re.findall(r"\\w+")`` and ``str.split`` word counting (for scale).

Usage (from the project root)::

    .venv/bin/python benchmarks/bench_terms.py [--data ../shared/data] [--repeat 3]
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from mediakit import terms as T  # noqa: E402
from mediakit._text import count_words  # noqa: E402

TERMS = ("NATO", "sanctions", "troops")


def load_texts(data: Path) -> pd.DataFrame:
    """White House briefings (Markdown) and Kremlin/Zelenskyy CSV bodies, as ``load_corpus`` reads them."""
    from mediakit.corpus import load_corpus

    wh = load_corpus(data / "corpora" / "whitehouse")
    kr = load_corpus(str(data / "corpora" / "kremlin_ukraine" / "*.csv"))
    df = pd.concat([wh, kr], ignore_index=True)
    return df[df["text"].fillna("").str.len() > 0].reset_index(drop=True)


def mb(texts: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def best(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    """Best of ``repeat`` runs, in CPU seconds of this process (one thread).

    CPU time, not wall time: on a shared machine waiting for a core is not work,
    and every method here runs on one core.
    """
    times, out = [], None
    for _ in range(repeat):
        t0 = time.process_time()
        out = fn()
        times.append(time.process_time() - t0)
    return min(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--sample-mb", type=float, default=1.0, help="text given to the slow NLTK baseline")
    args = ap.parse_args()
    corpus = load_texts(args.data)
    texts = corpus["text"].tolist()
    size = mb(texts)
    print(f"{len(texts)} article bodies (load_corpus), {size:.1f} MB, pid {os.getpid()}, one core, CPU time")
    # no n_words column: the denominator is counted, not read from the corpus
    df = corpus[["doc_id", "date", "outlet", "text"]]

    # warm up: imports (nltk takes seconds) and regex compilation are not throughput
    T.count_terms(df.head(5), TERMS)
    results: dict[str, float] = {}

    secs, ours = best(lambda: T.count_terms(df, TERMS), args.repeat)
    results["mediakit count_terms (3 stems + n_words)"] = size / secs

    def with_shared_count() -> list[int]:
        compiled = T._compile_terms(TERMS, "stem", False)
        return [sum(T._count_text(t, compiled)) + count_words(t) for t in texts]

    secs, _ = best(with_shared_count, args.repeat)
    results["mediakit terms + shared count_words"] = size / secs

    secs, _ = best(lambda: T.term_frequency(df, TERMS, dedupe=False), args.repeat)
    results["term_frequency(dedupe=False), weekly table"] = size / secs
    secs, _ = best(lambda: T.term_frequency(df, TERMS, by="outlet"), args.repeat)
    results["term_frequency(dedupe=True, by=outlet)"] = size / secs

    secs, n_fast = best(lambda: [T.count_words_fast(t) for t in texts], args.repeat)
    results["  denominator alone: count_words_fast"] = size / secs
    secs, n_ref = best(lambda: [count_words(t) for t in texts], args.repeat)
    results["  denominator alone: shared count_words"] = size / secs
    assert n_fast == n_ref, "count_words_fast must equal count_words"

    # NLTK Treebank + Snowball per token, on a sample
    from nltk.stem.snowball import SnowballStemmer
    from nltk.tokenize import TreebankWordTokenizer

    tok, stem = TreebankWordTokenizer(), SnowballStemmer("english")
    wanted = {stem.stem(t.lower()) for t in TERMS}
    sample, acc = [], 0.0
    for t in texts:
        sample.append(t)
        acc += len(t.encode("utf-8")) / 1e6
        if acc >= args.sample_mb:
            break

    def nltk_count() -> list[int]:
        out = []
        for t in sample:
            toks = tok.tokenize(t)
            out.append(sum(stem.stem(w) in wanted for w in toks) + len(toks))
        return out

    secs, _ = best(nltk_count, 1)
    results["NLTK Treebank + Snowball per token"] = mb(sample) / secs

    from sklearn.feature_extraction.text import CountVectorizer

    vocab = ["nato", "sanction", "sanctions", "sanctioned", "sanctioning", "troop", "troops"]
    cv = CountVectorizer(vocabulary=vocab, lowercase=True)
    secs, _ = best(lambda: cv.transform(texts), args.repeat)
    results["scikit-learn CountVectorizer, fixed vocabulary"] = size / secs

    alt = re.compile(r"\b(?:nato|sanction\w*|troops?)\b", re.IGNORECASE)
    secs, _ = best(lambda: [len(alt.findall(t)) for t in texts], args.repeat)
    results["one alternation regex"] = size / secs

    w = re.compile(r"\w+")
    secs, _ = best(lambda: [len(w.findall(t)) for t in texts], args.repeat)
    results["re.findall(r'\\w+') word count"] = size / secs
    secs, _ = best(lambda: [len(t.split()) for t in texts], args.repeat)
    results["str.split() word count"] = size / secs

    ref = results["mediakit count_terms (3 stems + n_words)"]
    print(f"{'method':50s} {'MB/s':>8s} {'mediakit x':>11s}")
    for name, rate in results.items():
        print(f"{name:50s} {rate:8.1f} {ref / rate:10.1f}x")
    totals = ours[list(TERMS)].sum()
    print("counts:", ", ".join(f"{k}={v}" for k, v in totals.items()), f"words={ours['n_words'].sum()}")


if __name__ == "__main__":
    main()
