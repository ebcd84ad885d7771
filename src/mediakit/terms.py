"""Term frequency over time: counts with their denominators, and keyword in context.

A term is a word (``"NATO"``), a phrase (``"open-door policy"``, ``"Security
Council"``), a glob (``"sanction*"``) or, with ``match="regex"``, a regular
expression. Terms are counted in the article body (``text``) only: captions and
site chrome are separated by the loader into other columns.

How a term matches (``match``):

* ``"stem"`` (default): NLTK's Snowball (English) stem of each word piece, so
  ``"sanctions"`` counts sanction/sanctions/sanctioned and ``"troops"`` counts
  troop/troops. Globs are matched as patterns, not stemmed.
* ``"exact"``: the word form as written (case aside).
* ``"regex"``: the term is a Python regular expression, counted as is.

Words are pieces of letters and digits: ``NATO’s`` is ``NATO`` + ``s`` (so
possessives count, with straight or curly apostrophes) and ``Russia-NATO``
contains ``NATO``. Phrase words may be joined by spaces (non-breaking ones too)
or hyphens: ``"open-door policy"`` and ``"open door policy"`` are the same term.
Matching ignores case unless ``case_sensitive=True`` (British "Nato" is NATO).

Speed: each term is found at a literal anchor (its stem, less a last letter
Snowball may have rewritten), and only the words found there are stemmed (cached
per word form). Articles are read in batches joined by newlines: one numpy pass
finds where every word piece starts, and anchors are looked up only there, by
the pieces' first two characters, all anchors in one pass; a word term's verdict
is taken once per distinct piece of a batch; words are counted with a numpy lookup table
(:func:`mediakit._text.count_words`; ``count_words_fast`` is the same function).
With ``dedupe``, :func:`term_frequency` counts on the batches the near-duplicate
search reads (``mediakit._text._Batch``), and a text repeated verbatim is
counted once.

Scale: :func:`count_terms` is a pure function of each row, so a dask DataFrame
can be counted partition by partition; :func:`term_frequency` accepts one and sums
counts and denominators before dividing.
"""
from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from mediakit._periods import period_range, period_start
from mediakit._text import (
    WORD_RE,
    _Batch,
    _count_words_units,
    _tables,
    _text_batches,
    _unique_rows,
    _units,
    count_words,
)

__all__ = ["term_frequency", "kwic", "count_terms", "count_words_fast"]

Match = Literal["stem", "exact", "regex"]

DEFAULT_TERMS = ("NATO", "sanctions", "troops")

# one piece of a word: letters and digits (what ``[^\W_]`` matches)
_PIECE = r"[^\W_]+"
_PIECE_RE = re.compile(_PIECE)
# what may join the words of a phrase: spaces (NBSP included: \s covers it) and hyphens
_SEP = r"[\s\-\u2010\u2011\u2012\u2013]+"
_GLOB_CHARS = re.compile(r"[*?]")


# --------------------------------------------------------------------------- stems
@functools.cache
def _stemmer() -> Any:
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


@functools.lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """Snowball stem of a lowercase word piece (cached: word forms repeat)."""
    return _stemmer().stem(word)


@functools.cache
def _special_forms() -> dict[str, tuple[str, ...]]:
    """Snowball's irregular words (``dying`` -> ``die``), keyed by stem."""
    special = getattr(_stemmer().stemmer, "_EnglishStemmer__special_words", {})
    out: dict[str, list[str]] = {}
    for word, stem in special.items():
        out.setdefault(stem, []).append(word)
    return {k: tuple(v) for k, v in out.items()}


# last letters Snowball may write into a stem that the word form does not have
# there (y -> i, an added e, -bility -> bl, skies -> sky)
_WRITTEN_LAST = frozenset("eily")


def _stem_anchors(stem: str) -> list[str]:
    """Literal prefixes every word form with this stem starts with.

    A Snowball stem differs from its word forms in at most its last letter, and
    only where that letter is one the algorithm writes (``cri`` <- cry, ``hope``
    <- hoping, ``abl`` <- ability), bar a few listed irregular words (``die`` <-
    dying). Checked against full tokenisation on the project's corpora.
    """
    cut = len(stem) > 1 and stem[-1] in _WRITTEN_LAST
    anchors = [stem[:-1] if cut else stem, *_special_forms().get(stem, ())]
    return _minimal_prefixes(anchors)


def _minimal_prefixes(anchors: Iterable[str]) -> list[str]:
    out: list[str] = []
    for a in sorted(set(anchors), key=len):
        if a and not any(a.startswith(b) for b in out):
            out.append(a)
    return out


def _lower(text: str, units: np.ndarray | None = None) -> str:
    """``text`` lowercased character by character, every character kept in place."""
    if text.isascii():
        return text.lower()
    if units is None:
        units = _units(text)
    return _tables()[1][units].tobytes().decode("utf-16-le", "surrogatepass")


# the one word counter lives in ``_text`` (this name is kept for callers of terms)
count_words_fast = count_words


# ------------------------------------------------------------------------- terms
@dataclass(frozen=True)
class _Term:
    label: str
    anchors: tuple[str, ...]  # literal prefixes to find; empty -> scan with ``pattern``
    pattern: re.Pattern[str]  # matched at an anchor (or searched when no anchors)
    check: Callable[[re.Match[str]], bool] | None  # verifies a candidate
    lowered: bool  # anchors/pattern apply to the lowercased text
    # a one-piece word term (no glob): ``pattern`` is one whole piece, ``check``
    # its test; ``piece_ok`` gives the same verdict from the piece as a string
    word: bool = False
    piece_ok: Callable[[str], bool] | None = None
    memo: dict[str, bool] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def spans(self, text: str, low: str | None) -> Iterator[tuple[int, int]]:
        """(start, end) of each non-overlapping occurrence in ``text``."""
        t = low if (self.lowered and low is not None) else text
        if not self.anchors:
            for m in self.pattern.finditer(t):
                if m.end() > m.start() and (self.check is None or self.check(m)):
                    yield m.start(), m.end()
            return
        hits: list[tuple[int, int]] = []
        match, check = self.pattern.match, self.check
        for anchor in self.anchors:
            find = t.find
            i = find(anchor)
            while i != -1:
                if i and t[i - 1].isalnum():
                    i = find(anchor, i + 1)
                    continue
                m = match(t, i)
                if m is not None and (check is None or check(m)):
                    hits.append((i, m.end()))
                    i = find(anchor, m.end())
                else:
                    i = find(anchor, i + 1)
        if len(self.anchors) > 1:
            hits.sort()
        yield from hits

    def count(self, text: str, low: str | None) -> int:
        if not self.anchors and self.check is None:
            return sum(1 for m in self.pattern.finditer(text if not self.lowered else low) if m.end() > m.start())
        return sum(1 for _ in self.spans(text, low))


def _glob_piece(piece: str) -> str:
    return "".join(
        r"[^\W_]*" if c == "*" else r"[^\W_]" if c == "?" else re.escape(c) for c in piece
    )


# a piece of a term: letters/digits, keeping glob wildcards inside the piece
_TERM_PIECE = re.compile(r"[^\W_]*[*?][^\W_*?]*(?:[*?][^\W_*?]*)*|[^\W_]+")
_HYPHENS = frozenset("-\u2010\u2011\u2012\u2013")


def _sep_pattern(sep: str) -> str:
    """How two words of a phrase may be joined in the text, given the term's joint.

    Spaces or hyphens in the term: any run of spaces (non-breaking too) or
    hyphens (``open-door policy`` = ``open door policy``). Other punctuation is
    kept, apostrophes straight or curly (``U.S.``, ``NATO's``).
    """
    core = sep.strip()
    if not core or set(core) <= _HYPHENS:
        return _SEP
    out = "".join("['\u2019]" if c in "'\u2019" else r"\s*" if c.isspace() else re.escape(c) for c in core)
    return rf"\s*{out}\s*" if sep != core else out


def _compile_term(term: str, match: Match, case_sensitive: bool) -> _Term:
    if not isinstance(term, str) or not term.strip():
        raise ValueError(f"a term must be a non-empty string, got {term!r}")
    if match == "regex":
        flags = 0 if case_sensitive else re.IGNORECASE
        try:
            pattern = re.compile(term, flags)
        except re.error as e:
            raise ValueError(f"invalid regular expression {term!r}: {e}") from None
        return _Term(term, (), pattern, None, lowered=False)
    if match not in ("stem", "exact"):
        raise ValueError(f"match must be 'stem', 'exact' or 'regex', got {match!r}")
    written = term if case_sensitive else _lower(term)
    # pieces of the term: letters/digits, keeping glob wildcards inside a piece
    found = [m for m in _TERM_PIECE.finditer(written) if m.group()]
    pieces = [m.group() for m in found]
    seps = [_sep_pattern(written[a.end() : b.start()]) for a, b in zip(found, found[1:], strict=False)]
    if not pieces:
        raise ValueError(f"term {term!r} has no letters or digits")
    is_glob = [bool(_GLOB_CHARS.search(p)) for p in pieces]
    if match == "stem":
        wanted = [None if g else _stem(p.lower()) for p, g in zip(pieces, is_glob, strict=True)]
    else:
        wanted = [None if g else p for p, g in zip(pieces, is_glob, strict=True)]
    parts = [
        f"({_glob_piece(p)})(?![^\\W_])" if g else f"({_PIECE})" for p, g in zip(pieces, is_glob, strict=True)
    ]
    pattern = re.compile(parts[0] + "".join(sep + part for sep, part in zip(seps, parts[1:], strict=True)))
    lowered = not case_sensitive

    def check(m: re.Match[str], wanted: list[str | None] = wanted) -> bool:
        for k, w in enumerate(wanted, start=1):
            if w is None:
                continue
            got = m.group(k)
            if match == "stem":
                if _stem(got if lowered else got.lower()) != w:
                    return False
            elif got != w:
                return False
        return True

    piece_ok = None
    if len(pieces) == 1 and wanted[0] is not None:
        w0 = wanted[0]
        if match == "stem":
            def piece_ok(got: str, w0: str = w0) -> bool:
                return _stem(got if lowered else got.lower()) == w0
        else:
            def piece_ok(got: str, w0: str = w0) -> bool:
                return got == w0

    first, first_glob = pieces[0], is_glob[0]
    if first_glob:
        lit = _GLOB_CHARS.split(first, maxsplit=1)[0]
        anchors = (lit,) if lit else ()
    elif match == "stem":
        anchors = tuple(_stem_anchors(wanted[0]))  # type: ignore[arg-type]
        if case_sensitive:
            # the anchors as the term writes them (same letters, same case)
            n = len(os.path.commonprefix([first.lower(), anchors[0]]))
            anchors = _minimal_prefixes([first[:n], *anchors[1:]])  # type: ignore[assignment]
            anchors = tuple(anchors)
    else:
        anchors = (first,)
    if not anchors:
        # a leading wildcard: search the whole pattern, at word starts
        pattern = re.compile(r"(?<![^\W_])" + pattern.pattern)
    return _Term(
        term, anchors, pattern, check if any(w is not None for w in wanted) else None, lowered,
        word=piece_ok is not None and bool(anchors), piece_ok=piece_ok,
    )


@functools.lru_cache(maxsize=256)
def _compile_terms(terms: tuple[str, ...], match: Match, case_sensitive: bool) -> tuple[_Term, ...]:
    return tuple(_compile_term(t, match, case_sensitive) for t in terms)


def _as_terms(terms: str | Sequence[str]) -> tuple[str, ...]:
    out = (terms,) if isinstance(terms, str) else tuple(terms)
    if not out:
        raise ValueError("give at least one term")
    if len(set(out)) != len(out):
        raise ValueError(f"terms repeat: {list(out)}")
    return out


# ------------------------------------------------------------------ per article
def _count_text(text: Any, compiled: tuple[_Term, ...], words: bool = False) -> list[int]:
    """Counts of each compiled term in ``text``, then (``words``) its word count."""
    if not isinstance(text, str) or not text:
        return [0] * (len(compiled) + words)
    units = _units(text)
    low = _lower(text, units) if any(t.lowered for t in compiled) else None
    out = [t.count(text, low) for t in compiled]
    if words:
        out.append(_count_words_units(text, units))
    return out


# ------------------------------------------------------------- many articles
# Articles are counted in batches of about _BATCH_CHARS characters joined by a
# newline (never part of a word, :class:`mediakit._text._Batch`): one numpy pass
# finds where each word piece starts, and an anchor is looked for only there
# (bucketed by the piece's first two characters) instead of ``str.find`` over the
# whole text once per term. With ``dedupe``, term_frequency counts on the batches
# the near-duplicate search has just read.
_BATCH_CHARS = 500_000


def _anchor_units(anchor: str, wide: bool) -> np.ndarray | None:
    """The anchor's code units as a batch holds them (``None``: cannot occur in ASCII text)."""
    if not wide:
        return np.frombuffer(anchor.encode("ascii"), dtype=np.uint8) if anchor.isascii() else None
    return np.frombuffer(anchor.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)


def _anchor_keys(a: np.ndarray) -> list[int]:
    """Keys (first two units, folded to Latin-1 as :class:`_View` folds them) a piece
    starting with the units ``a`` can have."""
    f = [min(int(u), 255) for u in a[:2]]
    return [f[0] << 8 | f[1]] if len(f) == 2 else [f[0] << 8 | x for x in range(256)]


class _Keys:
    """Lookup of the anchors' keys: key -> 1 + its rank (0: no anchor starts so)."""

    def __init__(self, anchors: Iterable[str]) -> None:
        keys = sorted({k for a in anchors for k in _anchor_keys(_anchor_units(a, True))})
        self.rank = {k: n for n, k in enumerate(keys, start=1)}
        # the smallest type holding the ranks: a smaller table is read faster
        dtype = np.uint8 if len(keys) < 256 else np.uint16 if len(keys) < 65536 else np.int32
        self.table = np.zeros(65536, dtype=dtype)
        self.table[keys] = np.arange(1, len(keys) + 1)
        self.n = len(keys)


class _View:
    """Anchor lookup in one batch, lowercased or as written: the pieces whose first
    two characters some anchor starts with, grouped by those two characters."""

    def __init__(self, batch: _Batch, lowered: bool, keys: _Keys) -> None:
        units = batch.low if lowered else batch.units
        self.units, self.keys = units, keys
        self.joined = batch.low_joined if lowered else batch.joined
        self.starts, self.ends = batch.starts, batch.ends  # (lowercasing keeps letter classes)
        # (np.take: faster than indexing with [])
        key = np.take(units, self.starts).astype(np.uint16, copy=False)
        second = np.take(units[1:], self.starts)  # (the batch ends with a newline: in range)
        if units.dtype != np.uint8:  # characters beyond Latin-1 share the key 255
            np.minimum(key, 255, out=key)
            np.minimum(second, 255, out=second)
        key <<= np.uint16(8)
        key |= second
        rank = np.take(keys.table, key)
        sel = np.flatnonzero(rank != 0)
        r = rank[sel]
        order = np.argsort(r, kind="stable")
        self.pieces = sel[order]  # by key, then position
        self.ranks = r[order]  # the key's rank of each of ``pieces``
        self.bounds = np.searchsorted(self.ranks, np.arange(1, keys.n + 2))  # pieces of rank k: bounds[k-1]:bounds[k]

    def find(self, anchor: str) -> np.ndarray:
        """Indices (into ``starts``, ascending) of the pieces that begin with ``anchor``."""
        units = self.units
        a = _anchor_units(anchor, units.dtype != np.uint8)
        if a is None:
            return np.empty(0, dtype=np.int64)
        ks = [self.keys.rank[k] for k in _anchor_keys(a)]
        parts = [self.pieces[self.bounds[k - 1] : self.bounds[k]] for k in ks]
        sel = parts[0] if len(parts) == 1 else np.sort(np.concatenate(parts))
        check = _unsettled(a)
        if check and len(sel):
            at = self.starts[sel][:, None] + np.asarray(check)
            np.minimum(at, len(units) - 1, out=at)  # past the end: the final newline, no letter
            sel = sel[(units[at] == a[check]).all(axis=1)]
        return sel


def _unsettled(a: np.ndarray) -> list[int]:
    """Positions of the anchor's units ``a`` that its key leaves open (past the first
    two, or folded to 255 in the key)."""
    return [j for j in range(len(a)) if j >= 2 or a[j] >= 255]


# A word piece found at an anchor is known exactly from the anchor, and the units
# after it (its tail) when there are few: the tail's units packed in 48 bits (6
# ASCII or 3 UTF-16 units), its length in the 3 bits above and the anchor's number
# in the top 13. Pieces with the same key get one verdict; longer tails are read one by one.
_TAIL_BITS = 48
_PACKED_ANCHORS = 1 << 13


class _Plan:
    """The anchored terms read on one kind of view (lowercased or as written, of
    one-byte or two-byte units), anchor by anchor.

    An anchor that alone among them has its keys is checked with all such anchors
    in one numpy pass over the view's pieces (:meth:`matches`); one sharing a key
    with another, or that cannot occur in ASCII text, by :meth:`_View.find`.
    """

    def __init__(self, compiled: tuple[_Term, ...], lowered: bool, keys: _Keys, wide: bool) -> None:
        pairs = [(k, a) for k, t in enumerate(compiled) if t.anchors and t.lowered == lowered for a in t.anchors]
        self.anchors = [a for _, a in pairs]
        self.term = np.array([k for k, _ in pairs], dtype=np.int64)  # each anchor's term
        self.word = np.array([compiled[k].word for k, _ in pairs], dtype=bool)
        self.length = np.array([len(a) for a in self.anchors], dtype=np.int64)
        units = [_anchor_units(a, wide) for a in self.anchors]
        holders: dict[int, list[int]] = {}  # key rank -> the anchors with that key
        for n, a in enumerate(self.anchors):
            for key in _anchor_keys(_anchor_units(a, True)):
                holders.setdefault(keys.rank[key], []).append(n)
        alone = [u is not None for u in units]
        for ns in holders.values():
            if len(ns) > 1:
                for n in ns:
                    alone[n] = False
        self.apart = [n for n, ok in enumerate(alone) if not ok]
        self.owner = np.full(keys.n + 1, -1, dtype=np.int64)  # key rank -> its anchor alone (else -1)
        for rank, ns in holders.items():
            if alone[ns[0]]:
                self.owner[rank] = ns[0]
        # column by column, each anchor's units and whether a piece's unit there needs
        # no comparing (settled by the key, or past the anchor)
        width = max((len(u) for u, ok in zip(units, alone, strict=True) if ok), default=0)
        self.units = np.zeros((len(units), width), dtype=np.uint16 if wide else np.uint8)
        self.settled = np.ones((len(units), width), dtype=bool)
        for n, u in enumerate(units):
            if alone[n]:
                self.units[n, : len(u)] = u
                self.settled[n, _unsettled(u)] = False
        self.units, self.settled = self.units.T.copy(), self.settled.T.copy()  # column by column
        self.columns = np.flatnonzero(~self.settled.all(axis=1)).tolist()
        unit_bits = 16 if wide else 8
        self.tail = _TAIL_BITS // unit_bits  # most units of a tail packed in a key
        self.shifts = np.arange(self.tail, dtype=np.uint64) * np.uint64(unit_bits)

    def matches(self, v: _View) -> tuple[np.ndarray, np.ndarray]:
        """The view's pieces (indices into ``starts``) that begin with an anchor, and
        that anchor's number, as :meth:`_View.find` of each anchor gives them (in
        ascending order for an anchor with one key)."""
        own = np.take(self.owner, v.ranks)
        keep = own >= 0
        pieces, own = v.pieces[keep], own[keep]
        start = np.take(v.starts, pieces)
        for c in self.columns:  # column by column: most pieces are dropped at the first
            # (mode="clip": past the end, the final newline, no letter)
            same = np.take(v.units, start + c, mode="clip") == np.take(self.units[c], own)
            same |= np.take(self.settled[c], own)
            pieces, own, start = pieces[same], own[same], start[same]
        if self.apart:
            found = [v.find(self.anchors[n]) for n in self.apart]
            pieces = np.concatenate([pieces, *found])
            own = np.concatenate([own, *(np.full(len(f), n, dtype=np.int64) for n, f in zip(self.apart, found, strict=True))])
        return pieces, own

    def tail_keys(self, v: _View, pieces: np.ndarray, own: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Which pieces (found at anchors ``own``) have a tail short enough to pack,
        and their keys: two keys are equal exactly when the pieces are the same string."""
        start = v.starts[pieces]
        tail = v.ends[pieces] - start - self.length[own]
        packed = (tail >= 0) & (tail <= self.tail) & (own < _PACKED_ANCHORS)
        start, tail, own = start[packed], tail[packed], own[packed]
        cols = np.arange(self.tail)
        at = (start + self.length[own])[:, None] + cols
        units = np.take(v.units, at, mode="clip").astype(np.uint64)  # (clip: past the end, the final newline)
        units[cols >= tail[:, None]] = 0  # past the piece
        units <<= self.shifts
        key = units.sum(axis=1, dtype=np.uint64)  # (the units' bits do not overlap)
        key |= tail.astype(np.uint64) << np.uint64(_TAIL_BITS)
        key |= own.astype(np.uint64) << np.uint64(_TAIL_BITS + 3)
        return packed, key


class _Counter:
    """``_count_text`` of many texts, fed batch by batch (see :func:`_count_many`)."""

    def __init__(self, texts: list[Any], compiled: tuple[_Term, ...], words: bool) -> None:
        self.texts, self.compiled, self.words = texts, compiled, words
        self.out = np.zeros((len(texts), len(compiled) + words), dtype=np.int64)
        self.anchored = [k for k, t in enumerate(compiled) if t.anchors]
        self.done = np.zeros(len(texts), dtype=bool)  # rows counted in full
        self.keys: dict[bool, _Keys] = {}  # the anchors' keys, lowercased or not
        self.plans: dict[tuple[bool, bool], _Plan] = {}  # by (lowercased, two-byte units)
        self.unique = _unique_rows(texts)  # the first copy of each text; each row's first copy

    def add(self, batch: _Batch) -> None:
        texts, compiled, out = self.texts, self.compiled, self.out
        rows = batch.rows
        if batch.kind == "astral" or not self.anchored:  # positions differ from code units: one by one
            for i in rows:
                out[i] = _count_text(texts[i], compiled, self.words)
            self.done[rows] = True
            return
        rows_arr = np.asarray(rows, dtype=np.int64)
        tstart, tend = batch.text_start, batch.text_end
        for k in self.anchored:
            memo = compiled[k].memo  # verdicts by piece: word forms repeat
            if len(memo) > 200_000:
                memo.clear()
        hit_at: list[np.ndarray] = []  # where each counted occurrence starts
        hit_term: list[np.ndarray] = []  # and its term
        for lowered in dict.fromkeys(compiled[k].lowered for k in self.anchored):
            keys = self.keys.get(lowered)
            if keys is None:
                anchors = [a for t in compiled if t.lowered == lowered for a in t.anchors]
                keys = self.keys[lowered] = _Keys(anchors)
            v = _View(batch, lowered, keys)
            wide = v.units.dtype != np.uint8
            plan = self.plans.get((lowered, wide))
            if plan is None:
                plan = self.plans[lowered, wide] = _Plan(compiled, lowered, keys, wide)
            pieces, own = plan.matches(v)
            # one-piece word terms: the verdict depends on the piece alone (no overlap possible)
            word = plan.word[own]
            found, found_at = pieces[word], own[word]
            ok = self._verdicts(plan, v, found, found_at)
            hit_at.append(v.starts[found[ok]])
            hit_term.append(plan.term[found_at[ok]])
            text = v.joined
            for n in np.flatnonzero(~plan.word).tolist():
                # a phrase or glob: matched at each anchor, occurrences not overlapping
                t = compiled[plan.term[n]]
                match, check = t.pattern.match, t.check
                pos = v.starts[np.sort(pieces[own == n])]
                ti = np.searchsorted(tstart, pos, side="right") - 1
                hits: list[int] = []
                cur, last = -1, 0
                for p, i, e in zip(pos.tolist(), ti.tolist(), tend[ti].tolist(), strict=True):
                    if i != cur:
                        cur, last = i, 0
                    if p < last:
                        continue
                    m = match(text, p, e)
                    if m is not None and (check is None or check(m)):
                        hits.append(p)
                        last = m.end()
                hit_at.append(np.asarray(hits, dtype=np.int64))
                hit_term.append(np.full(len(hits), plan.term[n], dtype=np.int64))
        n_terms = len(compiled)
        ti = np.searchsorted(tstart, np.concatenate(hit_at), side="right") - 1
        found_counts = np.bincount(ti * n_terms + np.concatenate(hit_term), minlength=len(rows) * n_terms)
        out[rows_arr, :n_terms] += found_counts.reshape(len(rows), n_terms)
        if self.words:
            # count_words: starts of letter/digit runs, less the joiners gluing two runs
            n = np.diff(np.searchsorted(batch.starts, tstart), append=len(batch.starts))
            a, c = batch.letter, _tables()[0][batch.units] if batch.kind != "ascii" else _cls8()[batch.units]
            glued = np.flatnonzero((c[1:-1] == 2) & a[:-2] & a[2:]) + 1
            n -= np.bincount(np.searchsorted(tstart, glued, side="right") - 1, minlength=len(rows))
            out[rows_arr, -1] = n

    def _verdicts(self, plan: _Plan, v: _View, pieces: np.ndarray, own: np.ndarray) -> np.ndarray:
        """Whether each word piece (found at anchors ``own``) is its term: one test per
        distinct piece."""
        ok = np.zeros(len(pieces), dtype=bool)
        packed, key = plan.tail_keys(v, pieces, own)
        if len(key):
            _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
            at = np.flatnonzero(packed)
            ok[at] = np.asarray(self._test(plan, v, pieces[at[first]], own[at[first]]), dtype=bool)[inverse]
        rest = np.flatnonzero(~packed)
        if len(rest):
            ok[rest] = self._test(plan, v, pieces[rest], own[rest])
        return ok

    def _test(self, plan: _Plan, v: _View, pieces: np.ndarray, own: np.ndarray) -> list[bool]:
        """Whether each word piece is its term, by the term's memo of verdicts."""
        terms = [self.compiled[k] for k in plan.term.tolist()]
        text, out = v.joined, []
        for p, e, n in zip(v.starts[pieces].tolist(), v.ends[pieces].tolist(), own.tolist(), strict=True):
            t = terms[n]
            piece = text[p:e]
            r = t.memo.get(piece)
            if r is None:
                r = t.memo[piece] = t.piece_ok(piece)  # type: ignore[misc]
            out.append(r)
        return out

    def finish(self) -> np.ndarray:
        """The counts, once every batch is in: terms without anchors, and copies."""
        texts, compiled, out = self.texts, self.compiled, self.out
        first, rep = self.unique
        others = [k for k in range(len(compiled)) if k not in self.anchored]
        if others and self.anchored:
            terms = tuple(compiled[k] for k in others)
            lowered = any(t.lowered for t in terms)
            for i in first:
                t = texts[i]
                if isinstance(t, str) and t and not self.done[i]:
                    low = _lower(t) if lowered else None
                    out[i, others] = [o.count(t, low) for o in terms]
        copies = np.flatnonzero(rep != np.arange(len(texts)))
        if len(copies):
            out[copies] = out[rep[copies]]
        return out


@functools.cache
def _cls8() -> np.ndarray:
    return np.ascontiguousarray(_tables()[0][:256])


def _count_many(texts: list[Any], compiled: tuple[_Term, ...], words: bool = False) -> np.ndarray:
    """``[_count_text(t, compiled, words) for t in texts]`` as an int64 array, in batches
    (a text repeated verbatim is counted once)."""
    counter = _Counter(texts, compiled, words)
    for batch in _text_batches(texts, counter.unique[0], _BATCH_CHARS):
        counter.add(batch)
    return counter.finish()


def count_terms(
    df: pd.DataFrame,
    terms: str | Sequence[str] = DEFAULT_TERMS,
    *,
    match: Match = "stem",
    case_sensitive: bool = False,
    words: bool = True,
) -> pd.DataFrame:
    """Occurrences of each term in each article's ``text`` (row-local and pure).

    Safe to run on every partition of a dask DataFrame with ``map_partitions``.

    Args:
        df: Table with a ``text`` column (the article body).
        terms: Words, phrases, globs, or regexes with ``match="regex"``.
        match: ``"stem"``, ``"exact"`` or ``"regex"`` (see the module docs).
        case_sensitive: Match case as written (default: ignore case).
        words: Add ``n_words`` (the ``count_words`` definition); taken from an
            existing ``n_words`` column where one is present.

    Returns:
        A DataFrame on ``df``'s index with one int64 column per term (named by the
        term as given) and, with ``words``, ``n_words``.
    """
    labels = _as_terms(terms)
    compiled = _compile_terms(labels, match, case_sensitive)
    texts = df["text"].tolist()
    given = words and "n_words" in df.columns and not df["n_words"].isna().any()
    count = words and not given
    counts = _count_many(texts, compiled, count)
    return _counts_frame(counts, df, labels, given)


def _counts_frame(counts: np.ndarray, df: pd.DataFrame, labels: tuple[str, ...], given: bool) -> pd.DataFrame:
    """:func:`count_terms`'s table from the counts (``n_words`` last, unless ``given`` in ``df``)."""
    out = pd.DataFrame(counts[:, : len(labels)], index=df.index, columns=list(labels))
    if given:
        out["n_words"] = df["n_words"].to_numpy(dtype=np.int64)
    elif counts.shape[1] > len(labels):
        out["n_words"] = counts[:, -1]
    return out


# ----------------------------------------------------------------------- periods
def _bound(value: Any, *, end: bool) -> pd.Timestamp | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    ts = pd.Timestamp(value)
    ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
    if end and ts == ts.normalize() and not (isinstance(value, str) and ":" in value):
        ts = ts + pd.Timedelta(days=1) - pd.Timedelta(1, "ns")  # a date: the whole day
    return ts


# ------------------------------------------------------------------ aggregation
def term_frequency(
    df: Any,
    terms: str | Sequence[str] = DEFAULT_TERMS,
    *,
    freq: str = "W",
    by: str | Sequence[str] | None = None,
    match: Match = "stem",
    case_sensitive: bool = False,
    dedupe: bool = True,
    start: Any = None,
    end: Any = None,
    threshold: float = 0.8,
) -> pd.DataFrame:
    """How often terms occur per period (and group), with counts and denominators.

    Args:
        df: Corpus table (``load_corpus``: ``doc_id``, ``date``, ``text``, and
            ``n_words`` where present) or a dask DataFrame of it.
        terms: Words, phrases (``"Security Council"``), globs (``"sanction*"``),
            or regexes with ``match="regex"``. Output labels are the terms as given.
        freq: pandas period alias: ``"D"``, ``"W"`` (weeks starting Monday),
            ``"M"``/``"MS"``, ``"Q"``, ``"Y"``.
        by: Column(s) to split by, e.g. ``"outlet"``.
        match: ``"stem"`` (Snowball), ``"exact"`` or ``"regex"``.
        case_sensitive: Match case as written (default: ignore case).
        dedupe: Count each story once: near-duplicate articles (syndicated copies,
            ``find_duplicates``; an existing ``dup_group`` column is used as is)
            are counted once per ``by`` group (one outlet's copy counts for that
            outlet), through the canonical copy (the fullest, then the earliest),
            in that copy's period. ``n_copies`` says how many articles the counted
            stories stand for. Copies are looked for among the articles within
            ``start``/``end``.
        start, end: Keep articles dated within [start, end] (dates or timestamps;
            a bare ``end`` date includes that whole day). They also fix the range
            of periods reported.
        threshold: Similarity at which two articles are copies (``find_duplicates``).

    Returns:
        Tidy long table, one row per period x group x term: ``period`` (start of
        the period, UTC), the ``by`` columns, ``term``, ``count``, ``n_words``,
        ``per_1k_words`` (= 1000 * count / n_words, summed counts over summed
        words; 0.0 where there are no words), ``docs_with_term``, ``n_docs``, and
        ``n_copies`` with ``dedupe``. Every period between the first and the last
        (or ``start``/``end``) appears, with zeros where nothing was published.
        Articles without a date are left out; ``attrs["undated"]`` says how many.
    """
    labels = _as_terms(terms)
    keys = [by] if isinstance(by, str) else list(by or [])
    _compile_terms(labels, match, case_sensitive)  # fail early on bad terms
    lo, hi = _bound(start, end=False), _bound(end, end=True)
    if _is_dask(df):
        sums, first, last, undated = _sums_dask(
            df, labels, keys, freq, match, case_sensitive, dedupe, lo, hi, threshold
        )
    else:
        sums, first, last = _sums_pandas(df, labels, keys, freq, match, case_sensitive, dedupe, lo, hi, threshold)
        undated = df["date"].isna().sum()
    out = _finish(sums, labels, keys, freq, first if lo is None else lo, last if hi is None else hi, dedupe)
    if lo is None and hi is None:
        out.attrs["undated"] = int(undated)
    return out


def _check(df: Any, keys: list[str]) -> None:
    missing = [c for c in ["date", "text", *keys] if c not in df.columns]
    if missing:
        raise ValueError(
            f"term_frequency needs column(s) {missing} in the corpus table; it has {list(df.columns)}"
        )


def _within(df: Any, lo: pd.Timestamp | None, hi: pd.Timestamp | None) -> Any:
    if lo is None and hi is None:
        return df
    d = df["date"]
    mask = d.notnull()  # (dask Series have no notna)
    if lo is not None:
        mask = mask & (d >= lo)
    if hi is not None:
        mask = mask & (d <= hi)
    return df[mask]


def _dedupe_plan(meta: pd.DataFrame, keys: list[str]) -> pd.Series:
    """doc_id -> number of copies, for the one article kept per story and group.

    Kept: the canonical copy where it is in the group (``is_canonical``), else
    the longest (``n_words``), then the earliest.
    """
    meta = meta.copy()
    meta["_canon"] = meta["is_canonical"].astype(bool) if "is_canonical" in meta else False
    meta["_len"] = meta.get("n_words", 0)
    meta = meta.sort_values(
        ["_canon", "_len", "date", "doc_id"], ascending=[False, False, True, True], kind="stable", na_position="last"
    )
    group = ["dup_group", *keys]
    size = meta.groupby(group, dropna=False, sort=False)["doc_id"].transform("size")
    first = ~meta.duplicated(group, keep="first")
    return pd.Series(size[first].to_numpy(dtype=np.int64), index=meta.loc[first, "doc_id"].to_numpy())


def _partition_sums(
    part: pd.DataFrame,
    labels: tuple[str, ...],
    keys: list[str],
    freq: str,
    match: Match,
    case_sensitive: bool,
    copies: pd.Series | None,
    counted: np.ndarray | None = None,
) -> pd.DataFrame:
    """Per-article counts of one partition, reduced to sums per (period, keys).

    ``counted``: the terms' counts of ``part``'s rows when already known (then
    their word counts, unless ``part`` has ``n_words`` without gaps).
    """
    if copies is not None:
        keep = part["doc_id"].isin(copies.index).to_numpy()
        part = part[keep]
        if counted is not None:
            counted = counted[keep]
    if counted is None:
        counts = count_terms(part, labels, match=match, case_sensitive=case_sensitive)
    else:  # as count_terms(part) would give: its n_words column where complete
        given = "n_words" in part.columns and not part["n_words"].isna().any()
        counts = _counts_frame(counted, part, labels, given)
    # the columns by position (period_start keeps part's index), made in one go
    columns: dict[str, Any] = {"period": period_start(part["date"], freq).array}
    for k in keys:
        columns[k] = part[k].astype(object).to_numpy()
    for i, label in enumerate(labels):
        c = counts[label].to_numpy()
        columns[f"c{i}"] = c
        columns[f"d{i}"] = (c > 0).astype(np.int64)
    columns["n_words"] = counts["n_words"].to_numpy()
    columns["n_docs"] = np.ones(len(part), dtype=np.int64)
    columns["n_copies"] = (
        part["doc_id"].map(copies).fillna(1).to_numpy(dtype=np.int64)
        if copies is not None
        else np.ones(len(part), dtype=np.int64)
    )
    frame = pd.DataFrame(columns, index=part.index)
    frame = frame[frame["period"].notna()]
    return frame.groupby(["period", *keys], dropna=False, sort=False).sum().reset_index()


def _sums_pandas(df, labels, keys, freq, match, case_sensitive, dedupe, lo, hi, threshold):
    _check(df, keys)
    df = _within(df, lo, hi)
    copies = counts = None
    if dedupe and len(df):
        if "dup_group" not in df.columns:
            from mediakit.duplicates import _find_duplicates

            # count every article on the batches the duplicate search reads (the
            # words are classified once); the copies' counts are dropped below
            compiled = _compile_terms(labels, match, case_sensitive)
            complete = "n_words" in df.columns and not df["n_words"].isna().any()
            counter = _Counter(df["text"].tolist(), compiled, not complete)
            df = _find_duplicates(df, threshold=threshold, on_batch=counter.add, unique=counter.unique)
            counts = counter.finish()
        extra = [c for c in ("is_canonical", "n_words") if c in df.columns and c not in keys]
        copies = _dedupe_plan(df[["doc_id", "date", "dup_group", *extra, *keys]], keys)
    sums = _partition_sums(df, labels, keys, freq, match, case_sensitive, copies, counts)
    dates = pd.to_datetime(df["date"], utc=True, errors="coerce")
    return sums, dates.min(), dates.max()


def _sums_dask(df, labels, keys, freq, match, case_sensitive, dedupe, lo, hi, threshold):
    import dask

    _check(df, keys)
    whole = df
    df = _within(df, lo, hi)
    copies = None
    if dedupe:
        if "dup_group" in df.columns:
            extra = [c for c in ("is_canonical", "n_words") if c in df.columns and c not in keys]
            meta = df[["doc_id", "date", "dup_group", *extra, *keys]].compute()
        else:
            from mediakit.duplicates import _signature_meta, group_signatures, signature_frame

            sig = df.map_partitions(signature_frame, keys=keys, meta=_signature_meta(df, keys)).compute()
            meta = sig[["doc_id", "date", *keys]].copy()
            meta["dup_group"] = group_signatures(sig, threshold=threshold)
            meta["n_words"] = sig["n_shingles"].to_numpy()  # length rank only
        meta = meta.reset_index(drop=True)
        copies = _dedupe_plan(meta, keys)
    empty = _partition_sums(df._meta, labels, keys, freq, match, case_sensitive, copies)
    parts = df.map_partitions(
        _partition_sums, labels, keys, freq, match, case_sensitive, copies, meta=empty
    )
    # one pass: the sums, the date range and the undated count share the partitions' reads
    # (undated: of the whole input, as term_frequency reports it only without start/end)
    dates = df["date"]
    sums, first, last, undated = dask.compute(
        parts.groupby(["period", *keys], dropna=False).sum(), dates.min(), dates.max(), whole["date"].isna().sum()
    )
    return sums.reset_index(), first, last, undated


def _finish(
    sums: pd.DataFrame,
    labels: tuple[str, ...],
    keys: list[str],
    freq: str,
    first: Any,
    last: Any,
    dedupe: bool,
) -> pd.DataFrame:
    sums = sums.groupby(["period", *keys], dropna=False, sort=False).sum().reset_index()
    if pd.isna(first) or pd.isna(last):
        periods = pd.DatetimeIndex([], tz="UTC")
    else:
        periods = period_range(first, last, freq)
    combos = sums[keys].drop_duplicates().sort_values(keys).itertuples(index=False, name=None) if keys else [()]
    combos = list(combos)
    grid = pd.DataFrame([(p, *c) for c in combos for p in periods], columns=["period", *keys])
    grid["period"] = pd.to_datetime(grid["period"], utc=True)
    sums["period"] = pd.to_datetime(sums["period"], utc=True)
    merged = grid.merge(sums, on=["period", *keys], how="left")
    def col(*names: str) -> np.ndarray:
        """The columns ``names`` of ``merged``, 0 where no article, one after another
        (read together: the merge leaves gaps in all of them or none, one dtype)."""
        return merged[list(names)].fillna(0).to_numpy(dtype=np.int64).T.reshape(-1)

    # one block of rows per term (the grid's rows in order), built column by column
    n, n_terms = len(merged), len(labels)
    out = merged[["period", *keys]].take(np.tile(np.arange(n), n_terms)).reset_index(drop=True)
    out["term"] = np.repeat(np.array(labels, dtype=object), n)
    out["count"] = col(*(f"c{i}" for i in range(n_terms)))
    words = col("n_words")
    out["n_words"] = np.tile(words, n_terms)
    w = out["n_words"].to_numpy(dtype=float)
    out["per_1k_words"] = np.divide(
        1000.0 * out["count"].to_numpy(dtype=float), w, out=np.zeros(len(out)), where=w > 0
    )
    out["docs_with_term"] = col(*(f"d{i}" for i in range(n_terms)))
    out["n_docs"] = np.tile(col("n_docs"), n_terms)
    if dedupe:
        out["n_copies"] = np.tile(col("n_copies"), n_terms)
    out["period"] = pd.to_datetime(out["period"], utc=True)
    return out


def _is_dask(df: Any) -> bool:
    return type(df).__module__.startswith("dask") and hasattr(df, "map_partitions")


# ------------------------------------------------------------------------- KWIC
def kwic(
    df: pd.DataFrame,
    term: str,
    *,
    window: int = 10,
    match: Match = "stem",
    case_sensitive: bool = False,
) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``term`` with the words around it.

    Args:
        df: Corpus table with ``doc_id`` and ``text`` (``date``/``outlet`` copied
            when present).
        term: One term, matched exactly as :func:`term_frequency` counts it.
        window: Number of words kept on each side.
        match: ``"stem"``, ``"exact"`` or ``"regex"``.
        case_sensitive: Match case as written.

    Returns:
        One row per occurrence: ``doc_id``, ``date``, ``outlet``, ``left``,
        ``match`` (as written in the text), ``right``, then ``start``/``end``
        (character offsets in ``text``). Whitespace in the context is collapsed.
    """
    (compiled,) = _compile_terms((term,), match, case_sensitive)
    rows = []
    has_date, has_outlet = "date" in df.columns, "outlet" in df.columns
    for rec in df.itertuples(index=False):
        text = rec.text
        if not isinstance(text, str) or not text:
            continue
        low = _lower(text) if compiled.lowered else None
        for s, e in compiled.spans(text, low):
            rows.append(
                (
                    rec.doc_id,
                    rec.date if has_date else pd.NaT,
                    rec.outlet if has_outlet else None,
                    _left(text, s, window),
                    text[s:e],
                    _right(text, e, window),
                    s,
                    e,
                )
            )
    out = pd.DataFrame(rows, columns=["doc_id", "date", "outlet", "left", "match", "right", "start", "end"])
    if has_date:
        out["date"] = out["date"].astype(df["date"].dtype) if len(out) else pd.Series([], dtype=df["date"].dtype)
    return out


_WS = re.compile(r"\s+")


def _left(text: str, pos: int, window: int) -> str:
    if window <= 0:
        return ""
    lo = max(0, pos - 40 * window)
    found = list(WORD_RE.finditer(text, lo, pos))
    if not found:
        return ""
    begin = found[-window].start() if len(found) >= window else found[0].start()
    return _WS.sub(" ", text[begin:pos]).strip()


def _right(text: str, pos: int, window: int) -> str:
    if window <= 0:
        return ""
    found = []
    for m in WORD_RE.finditer(text, pos, min(len(text), pos + 40 * window)):
        found.append(m)
        if len(found) == window:
            break
    if not found:
        return ""
    return _WS.sub(" ", text[pos : found[-1].end()]).strip()

