"""Syndicated copies: exact and near-duplicate articles, found in linear-ish time.

A wire story republished by several outlets differs by its chrome, headline and
trims, so comparing whole texts misses it. Each body is cut into overlapping
shingles of ``shingle`` lowercased words, hashed with numpy (no per-word Python),
and summarised by a one-permutation MinHash signature of ``num_perm`` bins.
Signatures are bucketed by bands (locality-sensitive hashing): only articles
sharing a bucket are compared, each with the bucket's first member, so the work
grows with the number of articles, never with the number of pairs. Two articles
are copies when their estimated similarity reaches ``threshold``; by default the
similarity is *containment* (shared shingles over the shorter article's
shingles), so a trimmed copy still matches its original, while an excerpt much
shorter than its source (``min_ratio``) does not. Identical word sequences (case,
spacing and punctuation aside) are always copies, however short.

Texts are hashed in batches joined by newlines (``mediakit._text._Batch``; a
text repeated verbatim is hashed once), with the same values as hashing them
one by one.

:func:`signature_frame` is row-local (dask ``map_partitions``) and
:func:`group_signatures` groups the small signature table in memory.
"""
from __future__ import annotations

import functools
import zlib
from collections.abc import Callable, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from mediakit._text import _Batch, _tables, _text_batches, _unique_rows, _units

__all__ = ["find_duplicates", "signature_frame", "group_signatures"]

Measure = Literal["containment", "jaccard"]

_SIG_PREFIX = "sig_"


@functools.cache
def _weights() -> tuple[np.ndarray, np.ndarray]:
    """Random odd multipliers: per letter position in a word (uint32), per word in a shingle (uint64)."""
    rng = np.random.default_rng(20220224)
    letters = rng.integers(1, 2**31, size=64, dtype=np.uint32) | np.uint32(1)
    words = rng.integers(1, 2**63, size=64, dtype=np.uint64) | np.uint64(1)
    return letters, words


def _mix_inplace(x: np.ndarray) -> np.ndarray:
    """:func:`_mix` of a uint64 array the caller no longer needs, computed in place
    (one temporary instead of ten)."""
    t = x >> np.uint64(30)
    x ^= t
    x *= np.uint64(0xBF58476D1CE4E5B9)
    np.right_shift(x, np.uint64(27), out=t)
    x ^= t
    x *= np.uint64(0x94D049BB133111EB)
    np.right_shift(x, np.uint64(31), out=t)
    x ^= t
    return x


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads structured hashes over 64 bits."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> np.uint64(30))
        x = x * np.uint64(0xBF58476D1CE4E5B9)
        x = x ^ (x >> np.uint64(27))
        x = x * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def _word_hashes(text: Any) -> np.ndarray:
    """One 64-bit hash per lowercased word piece of ``text``, in order (numpy only).

    Stable across processes (no ``hash()``), so dask workers agree.
    """
    if not isinstance(text, str) or not text:
        return np.empty(0, dtype=np.uint64)
    units = _units(text)
    word = _tables()[0][units] == 1
    idx = np.flatnonzero(word)
    if not len(idx):
        return np.empty(0, dtype=np.uint64)
    low = _units(text.lower()) if text.isascii() else _tables()[1][units]
    return _hash_letter_runs(idx, low[idx])[1]


def _hash_letter_runs(idx: np.ndarray, low: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Hash each run of adjacent letter positions in ``idx`` (``low``: their lowercased units).

    Returns where each word starts (an index into ``idx``) and one 64-bit hash per word.
    """
    starts = np.empty(len(idx), dtype=bool)  # a word starts where the previous letter is not adjacent
    starts[0] = True
    np.not_equal(idx[1:] - idx[:-1], 1, out=starts[1:])
    first = np.flatnonzero(starts)
    lengths = np.diff(first, append=len(idx))
    pos = np.arange(len(idx)) - np.repeat(first, lengths)
    np.minimum(pos, 63, out=pos)
    with np.errstate(over="ignore"):
        contrib = (low.astype(np.uint32) + np.uint32(1)) * _weights()[0][pos]
        return first, _mix(np.add.reduceat(contrib, first).astype(np.uint64) + lengths.astype(np.uint64))


def _shingles(words: np.ndarray, shingle: int, seed: int = 0) -> np.ndarray:
    """Sorted distinct hashes of the ``shingle``-word windows."""
    if len(words) == 0:
        return np.empty(0, dtype=np.uint64)
    k = min(shingle, len(words))
    n = len(words) - k + 1
    mult = _weights()[1]
    h = np.full(n, seed, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            h += words[j : j + n] * mult[j]
    h = _mix(h)
    h.sort()
    keep = np.empty(len(h), dtype=bool)
    keep[0] = True
    np.not_equal(h[1:], h[:-1], out=keep[1:])
    return h[keep]


_EMPTY = np.iinfo(np.uint64).max


@functools.cache
def _bin_starts(num_perm: int) -> np.ndarray:
    return np.array([(i << 64) // num_perm for i in range(num_perm)], dtype=np.uint64)


def _minhash(h: np.ndarray, num_perm: int) -> np.ndarray:
    """One-permutation MinHash with densification, from sorted distinct hashes ``h``.

    The hash space is cut into ``num_perm`` equal bins by the top bits; a bin's
    value is the smallest hash in it (the first one, as ``sh`` is sorted). An
    empty bin borrows the value of the next non-empty bin (circularly), mixed
    with the distance, so equal sets give equal signatures and similar sets
    agree in about ``Jaccard`` of their bins.
    """
    if len(h) == 0:
        return np.full(num_perm, _EMPTY, dtype=np.uint64)
    lo = _bin_starts(num_perm)
    pos = np.searchsorted(h, lo, side="left")
    end = np.append(pos[1:], len(h))
    filled = pos < end
    sig = np.full(num_perm, _EMPTY, dtype=np.uint64)
    sig[filled] = h[pos[filled]]
    if not filled.all():
        nz = np.flatnonzero(filled)
        j = np.arange(num_perm)
        k = np.searchsorted(nz, j) % len(nz)  # next non-empty bin, circularly
        src = nz[k]
        dist = (src - j) % num_perm
        empty = ~filled
        with np.errstate(over="ignore"):
            sig[empty] = _mix(sig[src[empty]] + dist[empty].astype(np.uint64))
    return sig


def _exact_key(words: np.ndarray) -> int:
    """Hash of the word sequence (so case, spacing and punctuation aside); 0 if empty."""
    if len(words) == 0:
        return 0
    b = words.tobytes()
    return (zlib.crc32(b) << 32 | zlib.adler32(b)) or 1


def _batch_words(batch: _Batch) -> tuple[np.ndarray, np.ndarray]:
    """Word hashes of a batch's joined texts (as :func:`_word_hashes`, text by text)
    and the number of words of each text.

    A word's hash sums ``(lowercased unit + 1) * letter weight[position]`` over its
    letters; the words are sorted by length (a radix sort) so that the ``j``-th
    letters of all words at least ``j + 1`` long are one contiguous slice: one
    numpy step per letter position, not per letter.
    """
    starts, ends, low = batch.starts, batch.ends, batch.low
    n = len(starts)
    n_words = np.diff(np.searchsorted(starts, batch.text_start), append=n)
    if not n:
        return np.empty(0, dtype=np.uint64), n_words
    length = ends - starts
    capped = np.minimum(length, 64)
    order = np.argsort((64 - capped).astype(np.uint8), kind="stable")  # longest first
    s = np.take(starts, order)  # (np.take: faster than indexing with [])
    longer = n - np.cumsum(np.bincount(capped, minlength=65))  # longer[j]: words longer than j
    weights = _weights()[0]
    acc = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(min(int(capped[order[0]]), 63)):
            m = int(longer[j])
            term = np.take(low[j:], s[:m]).astype(np.uint32)  # the j-th letters
            term += np.uint32(1)
            term *= weights[j]
            acc[:m] += term
        far = np.arange(int(longer[63]))  # the longest words first: from the 64th letter on, one weight
        if len(far):
            k = length[order[far]] - 63
            first = np.zeros(len(far), dtype=np.int64)
            np.cumsum(k[:-1], out=first[1:])
            pos = np.arange(int(k.sum())) - np.repeat(first, k) + np.repeat(s[far] + 63, k)
            acc[far] += np.add.reduceat((low[pos].astype(np.uint32) + np.uint32(1)) * weights[63], first)
        h = np.empty(n, dtype=np.uint64)
        h[order] = acc
        h += length.view(np.uint64)  # (lengths are positive: the same values)
        return _mix_inplace(h), n_words


def _signatures(batch: _Batch, shingle: int, num_perm: int, seed: int) -> tuple[np.ndarray, ...]:
    """``(sigs, n_shingles, exact)`` of a batch of texts at once, numpy over the whole batch.

    Bit for bit what :func:`_word_hashes`, :func:`_shingles`, :func:`_minhash` and
    :func:`_exact_key` give text by text, without their per-article numpy calls:
    words hashed in one pass over the joined texts, shingles formed within each
    text, and the bins of every signature filled and densified as one matrix.
    """
    R = len(batch.rows)
    sigs = np.full((R, num_perm), _EMPTY, dtype=np.uint64)
    n_sh = np.zeros(R, dtype=np.int64)
    exact = np.zeros(R, dtype=np.uint64)
    H, n_words = _batch_words(batch)
    N = len(H)
    if not N:
        return sigs, n_sh, exact
    w_start = np.zeros(R, dtype=np.int64)
    np.cumsum(n_words[:-1], out=w_start[1:])
    ws, nw = w_start.tolist(), n_words.tolist()
    for i in np.flatnonzero(n_words).tolist():  # _exact_key, reading the words in place
        w = H[ws[i] : ws[i] + nw[i]]
        exact[i] = (zlib.crc32(w) << 32 | zlib.adler32(w)) or 1
    # ---- shingles: windows of ``shingle`` words within a text (the whole text when shorter).
    # Windows are summed over the joined words; those crossing into the next text are dropped.
    mult = _weights()[1]
    k = min(shingle, N)
    h = np.full(N, seed, dtype=np.uint64)
    tmp = np.empty(N, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            np.multiply(H[j:], mult[j], out=tmp[: N - j])
            h[: N - j] += tmp[: N - j]
    # a window starting in the last shingle - 1 words of a text crosses its end
    # (a text shorter than that keeps only its first window: itself, summed below)
    valid = np.ones(N, dtype=bool)
    back = np.arange(1, max(shingle, 1))
    last = (w_start + n_words)[:, None] - back
    valid[last[back < np.minimum(n_words, shingle)[:, None]]] = False
    for i in np.flatnonzero((n_words > 0) & (n_words < shingle)).tolist():
        a, m = ws[i], nw[i]
        with np.errstate(over="ignore"):
            h[a] = np.uint64(seed) + (H[a : a + m] * mult[:m]).sum(dtype=np.uint64)
    h = _mix_inplace(h[valid])
    counts = n_words - np.maximum(np.minimum(n_words, shingle) - 1, 0)  # windows kept per text
    h_start = np.zeros(R, dtype=np.int64)
    np.cumsum(counts[:-1], out=h_start[1:])
    hs, cs = h_start.tolist(), counts.tolist()
    for i in np.flatnonzero(counts > 1).tolist():
        h[hs[i] : hs[i] + cs[i]].sort()

    def text_of(window: np.ndarray) -> np.ndarray:
        return np.searchsorted(h_start, window, side="right") - 1  # (an empty text starts where the next does)

    # a hash equal to the one before it in the same text is a shingle seen again: not
    # counted, and never the first of its bin, so it can stay in place
    again = h[1:] == h[:-1]
    after = h_start[(h_start > 0) & (h_start < len(h))]  # a text's first window, after another's
    again[after - 1] = False
    n_sh[:] = counts - np.bincount(text_of(np.flatnonzero(again) + 1), minlength=R)
    # ---- one-permutation MinHash: the first (smallest) hash in each bin, then densify
    if num_perm & (num_perm - 1) == 0:  # a power of two: the bin is the top bits
        b = h >> np.uint64(64 - num_perm.bit_length() + 1) if num_perm > 1 else np.zeros(len(h), np.uint64)
    else:
        b = np.searchsorted(_bin_starts(num_perm), h, side="right") - 1
    # the first hash of each (text, bin): where the bin or the text changes
    first = np.empty(len(h), dtype=bool)
    first[0] = True
    np.not_equal(b[1:], b[:-1], out=first[1:])
    first[h_start[counts > 0]] = True
    head = np.flatnonzero(first)
    cell = text_of(head) * num_perm + b[head].astype(np.int64)
    flat = sigs.reshape(-1)
    flat[cell] = h[head]
    filled = np.zeros(R * num_perm, dtype=bool)
    filled[cell] = True
    filled = filled.reshape(R, num_perm)
    rows = np.flatnonzero((n_sh > 0) & ~filled.all(axis=1))
    if len(rows):
        f = filled[rows]
        j = np.arange(2 * num_perm)
        cand = np.where(np.concatenate([f, f], axis=1), j, 2 * num_perm)
        nxt = np.minimum.accumulate(cand[:, ::-1], axis=1)[:, ::-1][:, :num_perm]
        src = nxt % num_perm
        dist = (nxt - j[:num_perm]).astype(np.uint64)
        sub = sigs[rows]
        borrowed = np.take_along_axis(sub, src, axis=1)
        with np.errstate(over="ignore"):
            sub[~f] = _mix(borrowed[~f] + dist[~f])
        sigs[rows] = sub
    return sigs, n_sh, exact


def signature_frame(
    df: pd.DataFrame,
    *,
    keys: Sequence[str] = (),
    shingle: int = 5,
    num_perm: int = 128,
    seed: int = 7,
) -> pd.DataFrame:
    """MinHash signature of each article's ``text`` (row-local and pure).

    Args:
        df: Table with ``doc_id``, ``text`` (and ``date`` and ``keys`` to carry).
        keys: Extra columns to carry along (e.g. ``["outlet"]``).
        shingle: Words per shingle.
        num_perm: Hash functions in a signature.
        seed: Seed of the hash functions (all partitions must use the same).

    Returns:
        ``doc_id``, ``date``, the ``keys``, ``n_shingles`` (distinct shingles),
        ``exact`` (hash of the whitespace-normalised lowercased text, 0 when
        empty) and ``sig_0`` ... ``sig_{num_perm-1}`` (uint64).
    """
    sigs, n_sh, exact = _signature_arrays(df["text"].tolist(), shingle, num_perm, seed)
    out = pd.DataFrame({"doc_id": df["doc_id"].to_numpy()}, index=df.index)
    out["date"] = df["date"] if "date" in df.columns else pd.NaT  # same index: dtype kept
    for k in keys:
        out[k] = df[k].to_numpy()
    out["n_shingles"] = n_sh
    out["exact"] = exact
    sig = pd.DataFrame(sigs, index=df.index, columns=[f"{_SIG_PREFIX}{j}" for j in range(num_perm)])
    return pd.concat([out, sig], axis=1)


def _signature_arrays(
    texts: list[Any],
    shingle: int,
    num_perm: int,
    seed: int,
    on_batch: Callable[[_Batch], None] | None = None,
    unique: tuple[list[int], np.ndarray] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(sigs, n_shingles, exact)`` of every text, in :func:`mediakit._text._text_batches`.

    A text repeated verbatim is hashed once (its copies share its signature).
    ``on_batch`` is called with each batch once its signatures are done (another
    stage reading the same words: :func:`mediakit.terms.term_frequency`), which
    may pass ``unique``, :func:`mediakit._text._unique_rows` of ``texts``.
    """
    R = len(texts)
    sigs = np.full((R, num_perm), _EMPTY, dtype=np.uint64)
    n_sh = np.zeros(R, dtype=np.int64)
    exact = np.zeros(R, dtype=np.uint64)
    first, rep = _unique_rows(texts) if unique is None else unique
    for batch in _text_batches(texts, first):
        sigs[batch.rows], n_sh[batch.rows], exact[batch.rows] = _signatures(batch, shingle, num_perm, seed)
        if on_batch is not None:
            on_batch(batch)
    copies = np.flatnonzero(rep != np.arange(R))
    if len(copies):
        src = rep[copies]
        sigs[copies], n_sh[copies], exact[copies] = sigs[src], n_sh[src], exact[src]
    return sigs, n_sh, exact


def _signature_meta(df: Any, keys: Sequence[str], num_perm: int = 128) -> pd.DataFrame:
    """Empty frame with :func:`signature_frame`'s columns and dtypes (dask ``meta``)."""
    return signature_frame(df._meta if hasattr(df, "_meta") else df.iloc[:0], keys=keys, num_perm=num_perm)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = np.arange(n)

    def find(self, i: int) -> int:
        p = self.parent
        root = i
        while p[root] != root:
            root = p[root]
        while p[i] != root:
            p[i], i = root, p[i]
        return root

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)

    def roots(self) -> np.ndarray:
        """Every element's root, the smallest element of its set (a parent is never
        larger than its child, so jumping to the parent's parent ends there)."""
        p = self.parent
        while True:
            up = p[p]
            if (up == p).all():
                return up
            p = up


def group_signatures(
    sig: pd.DataFrame,
    *,
    threshold: float = 0.8,
    measure: Measure = "containment",
    rows: int | None = None,
    min_shingles: int = 10,
    min_ratio: float = 0.5,
) -> np.ndarray:
    """Duplicate-group labels (0..G-1, first appearance order) for a signature table.

    Args:
        sig: Output of :func:`signature_frame` (one or many partitions concatenated).
        threshold: Estimated similarity at which two articles are copies.
        measure: ``"containment"`` (shared shingles / shingles of the shorter) or
            ``"jaccard"`` (shared / all).
        rows: Signature rows per LSH band (fewer rows find less similar pairs and
            compare more); default 2 for containment, 4 for Jaccard.
        min_shingles: Articles with fewer shingles only match exact copies.
        min_ratio: With containment, the shorter article must have at least this
            share of the longer one's shingles: a trimmed copy is a copy, a
            200-word excerpt of a 6,000-word speech is not.

    Returns:
        An int64 array aligned with ``sig``'s rows.
    """
    cols = [c for c in sig.columns if isinstance(c, str) and c.startswith(_SIG_PREFIX)]
    return _group(
        sig["exact"].to_numpy(dtype=np.uint64),
        sig[cols].to_numpy(dtype=np.uint64),
        sig["n_shingles"].to_numpy(dtype=np.int64),
        threshold=threshold,
        measure=measure,
        rows=rows,
        min_shingles=min_shingles,
        min_ratio=min_ratio,
    )


def _group(
    exact: np.ndarray,
    m: np.ndarray,
    n_sh: np.ndarray,
    *,
    threshold: float,
    measure: Measure,
    rows: int | None,
    min_shingles: int,
    min_ratio: float,
) -> np.ndarray:
    """:func:`group_signatures` of the arrays: exact keys, signatures (one row per
    article), distinct shingles."""
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    if measure not in ("containment", "jaccard"):
        raise ValueError(f"measure must be 'containment' or 'jaccard', got {measure!r}")
    n = len(exact)
    uf = _UnionFind(n)
    # exact copies
    first_of: dict[int, int] = {}
    for i, key in enumerate(exact.tolist()):
        if key == 0:
            continue
        j = first_of.setdefault(key, i)
        if j != i:
            uf.union(j, i)
    # near copies: LSH bands, each bucket compared to its first member (linear).
    # The groups are the connected components of the (head, member) pairs whose
    # estimated similarity passes, whatever the order the pairs are tested in, so
    # all pairs are gathered first and tested at once. An article whose exact key,
    # signature and shingle count equal an earlier article's is already in its
    # group and tests like it against any third: only the first is bucketed.
    ok = np.flatnonzero(n_sh >= min_shingles)
    if len(ok) > 1 and first_of:
        first = np.fromiter((first_of.get(k, -1) for k in exact[ok].tolist()), dtype=np.int64, count=len(ok))
        first = np.where(first < 0, ok, first)
        twin = np.zeros(len(ok), dtype=bool)
        later = np.flatnonzero((first != ok) & (n_sh[first] == n_sh[ok]))
        for k in range(0, len(later), 4096):  # bounded memory
            c = later[k : k + 4096]
            twin[c] = (m[first[c]] == m[ok[c]]).all(axis=1)
        ok = ok[~twin]
    r = rows or (2 if measure == "containment" else 4)
    r = max(1, min(r, m.shape[1]))
    bands = m.shape[1] // r
    if len(ok) > 1 and bands:
        heads, others = [], []
        for band in range(bands):
            block = np.ascontiguousarray(m[ok, band * r : (band + 1) * r].T)  # one row per position
            # the articles whose band shares its first value's low 16 bits with another
            # (a radix sort; few: the top bits are the bin's, the low ones random),
            # then bucketed exactly by every value of the band; stable, so a
            # bucket's head is its first article
            top = block[0].astype(np.uint16)
            o = np.argsort(top, kind="stable")
            eq = top[o][1:] == top[o][:-1]
            if not eq.any():
                continue
            near = np.zeros(len(o), dtype=bool)
            near[1:] = eq
            near[:-1] |= eq
            cand = np.sort(o[near])
            order = cand[np.lexsort(block[::-1][:, cand])]
            sk = block[:, order].T
            same = (sk[1:] == sk[:-1]).all(axis=1)
            if not same.any():
                continue
            member = np.flatnonzero(same) + 1  # sorted positions that are not a bucket's first
            start = np.ones(len(order), dtype=bool)
            start[member] = False
            head_at = np.maximum.accumulate(np.where(start, np.arange(len(order)), 0))
            heads.append(order[head_at[member]])
            others.append(order[member])
        if heads:
            pair = np.unique(np.concatenate(heads) * len(ok) + np.concatenate(others))
            a, b = ok[pair // len(ok)], ok[pair % len(ok)]
            na, nb = n_sh[a], n_sh[b]
            test = np.ones(len(a), dtype=bool)
            if measure == "containment":
                test = ~(np.minimum(na, nb) < min_ratio * np.maximum(na, nb))
            a, b, na, nb = a[test], b[test], na[test], nb[test]
            passed = _similarities(m, a, b, na, nb, measure) >= threshold
            for x, y in zip(a[passed].tolist(), b[passed].tolist(), strict=True):
                uf.union(x, y)
    # numbered by first appearance: a group's root is its first article
    roots = uf.roots()
    is_root = roots == np.arange(n)
    return (np.cumsum(is_root) - 1)[roots]


def _similarities(
    m: np.ndarray, a: np.ndarray, b: np.ndarray, na: np.ndarray, nb: np.ndarray, measure: Measure
) -> np.ndarray:
    """:func:`_similarity` of the signature rows ``a[k]``, ``b[k]`` for every ``k``
    (the same float operations, in the same order)."""
    out = np.empty(len(a), dtype=np.float64)
    for k in range(0, len(a), 4096):  # bounded memory
        sl = slice(k, k + 4096)
        j = (m[a[sl]] == m[b[sl]]).sum(axis=1, dtype=np.float64) / m.shape[1]
        if measure == "jaccard":
            out[sl] = j
            continue
        inter = j * (na[sl] + nb[sl]) / (1.0 + j)
        out[sl] = np.minimum(1.0, inter / np.maximum(1, np.minimum(na[sl], nb[sl])))
    return out


def _similarity(a: np.ndarray, b: np.ndarray, na: int, nb: int, measure: Measure) -> float:
    j = float(np.mean(a == b))
    if measure == "jaccard":
        return j
    # |A & B| = J (|A| + |B|) / (1 + J); containment = |A & B| / min(|A|, |B|)
    inter = j * (na + nb) / (1.0 + j)
    return min(1.0, inter / max(1, min(na, nb)))


def find_duplicates(
    df: pd.DataFrame,
    *,
    threshold: float = 0.8,
    measure: Measure = "containment",
    shingle: int = 5,
    num_perm: int = 128,
    min_shingles: int = 10,
    min_ratio: float = 0.5,
    seed: int = 7,
) -> pd.DataFrame:
    """Flag exact and near-duplicate articles (syndicated copies of one story).

    Args:
        df: Corpus table with ``doc_id`` and ``text`` (``date`` picks the canonical
            copy when present).
        threshold: Estimated similarity (0-1) at which two articles are copies.
        measure: ``"containment"`` (default: a trimmed copy matches its original)
            or ``"jaccard"``.
        shingle: Words per shingle.
        num_perm: MinHash functions (more: finer similarity estimates, slower).
        min_shingles: Shorter articles only match identical copies.
        min_ratio: With containment, a copy keeps at least this share of the
            longer text (excerpts and quotes of a long text are not copies).
        seed: Seed of the hash functions.

    Returns:
        A copy of ``df`` with ``dup_group`` (int: same story, same number),
        ``dup_size`` (articles in the group), ``is_canonical`` (the fullest copy:
        most distinct shingles, then the earliest, then the first listed) and
        ``dup_of`` (the canonical copy's ``doc_id``).
    """
    return _find_duplicates(
        df,
        threshold=threshold,
        measure=measure,
        shingle=shingle,
        num_perm=num_perm,
        min_shingles=min_shingles,
        min_ratio=min_ratio,
        seed=seed,
    )


def _find_duplicates(
    df: pd.DataFrame,
    *,
    threshold: float = 0.8,
    measure: Measure = "containment",
    shingle: int = 5,
    num_perm: int = 128,
    min_shingles: int = 10,
    min_ratio: float = 0.5,
    seed: int = 7,
    on_batch: Callable[[_Batch], None] | None = None,
    unique: tuple[list[int], np.ndarray] | None = None,
) -> pd.DataFrame:
    """:func:`find_duplicates`, calling ``on_batch`` with each batch of texts read
    (see :func:`_signature_arrays`, also for ``unique``)."""
    missing = [c for c in ("doc_id", "text") if c not in df.columns]
    if missing:
        raise ValueError(f"find_duplicates needs column(s) {missing}; it has {list(df.columns)}")
    sigs, n_sh, exact = _signature_arrays(df["text"].tolist(), shingle, num_perm, seed, on_batch, unique)
    groups = _group(
        exact, sigs, n_sh, threshold=threshold, measure=measure, rows=None, min_shingles=min_shingles, min_ratio=min_ratio
    )
    out = df.copy()
    out["dup_group"] = groups
    out["dup_size"] = np.bincount(groups)[groups]  # (groups are numbered 0, 1, ...)
    # the canonical copy: by group, the most shingles, then the earliest (undated
    # last), then the first listed
    if "date" in df.columns:
        date = pd.to_datetime(df["date"], utc=True, errors="coerce").dt.tz_localize(None).to_numpy()
    else:
        date = np.full(len(df), np.datetime64("NaT", "ns"))
    rank = np.lexsort((date.view(np.int64), np.isnat(date), -n_sh, groups))  # (stable: then as listed)
    canon_pos = rank[np.r_[True, groups[rank][1:] != groups[rank][:-1]]] if len(rank) else rank
    is_canon = np.zeros(len(df), dtype=bool)
    is_canon[canon_pos] = True
    out["is_canonical"] = is_canon
    canon_id = pd.Series(df["doc_id"].to_numpy()[canon_pos], index=groups[canon_pos])
    out["dup_of"] = canon_id.reindex(groups).to_numpy()
    return out
