"""Text primitives shared by every stage: what a word is, and how it is counted.

``count_words`` is the one definition of a word in mediakit: ``n_words`` in the
corpus table, the denominator of term rates and of quote density all use it, so
rates computed by different stages agree.

A word is what ``WORD_RE`` matches. :func:`count_words` gives exactly
``len(WORD_RE.findall(text))`` without running the regex: every character is
classified with a numpy lookup table, and the count is the starts of
letter/digit runs minus the apostrophes and hyphens that glue two runs into one
word (about ten times faster than the regex).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

# A word: a run of letters/digits, with inner apostrophes or hyphens kept
# ("NATO’s", "open-door", "don't" are one word each).
WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")

# what joins two letter/digit runs into one word (as in ``WORD_RE``)
_JOINERS = "'\u2019-"


@functools.cache
def _tables() -> tuple[np.ndarray, np.ndarray]:
    """Per UTF-16 code unit: word class and lowercase.

    Class: 0 other, 1 letter/digit (``[^\\W_]``), 2 apostrophe or hyphen (joins
    pieces into one word, as in ``WORD_RE``), 3 surrogate (a character outside the
    BMP: counted by the exact slow path). Lowercase: the character's lowercase
    where that is one BMP character, else the character itself (positions kept).
    """
    cls = np.zeros(65536, dtype=np.int8)
    low = np.arange(65536, dtype=np.uint16)
    for c in range(65536):
        if 0xD800 <= c < 0xE000:
            cls[c] = 3
            continue
        ch = chr(c)
        if ch.isalnum():
            cls[c] = 1
        elif ch in _JOINERS:
            cls[c] = 2
        lc = ch.lower()
        if len(lc) == 1 and ord(lc) < 0x10000:
            low[c] = ord(lc)
    return cls, low


def _units(text: str) -> np.ndarray:
    """UTF-16 code units of ``text`` (one per character for BMP text)."""
    if text.isascii():
        return np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    return np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)


def _count_words_regex(text: str) -> int:
    return sum(1 for _ in WORD_RE.finditer(text))


def _count_words_units(text: str, units: np.ndarray) -> int:
    """:func:`count_words` of ``text`` given its :func:`_units`."""
    cls = _tables()[0][units]
    if units.dtype == np.uint16 and (cls == 3).any():
        return _count_words_regex(text)  # characters beyond the BMP: exact, slower
    a = cls == 1
    if not len(a):
        return 0
    starts = int(a[0]) + int(np.count_nonzero(a[1:] > a[:-1]))
    glued = int(np.count_nonzero((cls[1:-1] == 2) & a[:-2] & a[2:]))
    return starts - glued


def count_words(text: str | None) -> int:
    """Number of words in ``text`` (0 for None or empty): ``len(WORD_RE.findall(text))``."""
    if not text:
        return 0
    if len(text) < 200:
        return len(WORD_RE.findall(text))  # short texts (a quote): the regex is faster than numpy's set-up
    return _count_words_units(text, _units(text))


def words(text: str | None) -> list[str]:
    """The words of ``text`` in order, as written."""
    if not text:
        return []
    return WORD_RE.findall(text)


# ------------------------------------------------------------ joined batches
# Stages that look at every word of many articles (near-duplicate signatures,
# term counts) join the articles into batches and classify every character once.

_BATCH_CHARS = 500_000


@functools.cache
def _letter_tables() -> tuple[np.ndarray, np.ndarray]:
    """Letter/digit flag (class 1 of :func:`_tables`) per byte and per UTF-16 unit."""
    letter = _tables()[0] == 1
    return np.ascontiguousarray(letter[:256]), letter


@functools.cache
def _byte_tables() -> tuple[bytes, bytes]:
    """``bytes.translate`` tables of Latin-1 bytes: letter/digit flag (0/1), lowercase."""
    letter8 = _letter_tables()[0]
    return letter8.astype(np.uint8).tobytes(), _tables()[1][:256].astype(np.uint8).tobytes()


class _Batch:
    """Texts joined by newlines (a newline never joins words), classified once.

    ``rows``: which texts (indices into the caller's list). ``kind``: ``"ascii"``
    (one byte per character), ``"bmp"`` (one UTF-16 unit per character, so unit
    positions are string positions) or ``"astral"`` (characters beyond the BMP
    take two units). ``units``/``low``: code units as written / lowercased
    (:func:`_tables`, the same letter classes); ``starts``/``ends``: where each
    run of letters/digits (a word piece) begins and ends; ``text_start``: where
    each text begins (the joined units end with a newline).
    """

    def __init__(
        self, texts: list[str], rows: list[int], kind: str, joined: str | None = None, raw: bytes | None = None
    ) -> None:
        self.rows, self.kind = rows, kind
        if joined is None:
            joined = "\n".join(texts) + "\n"
        self.joined = joined
        letter8, letter16 = _letter_tables()
        letter_bytes, lower_bytes = _byte_tables()
        if kind == "ascii":
            raw = joined.encode("ascii")
            self._raw = raw
            self.units = np.frombuffer(raw, dtype=np.uint8)
            self.low = np.frombuffer(raw.lower(), dtype=np.uint8)
            letter = np.frombuffer(raw.translate(letter_bytes), dtype=np.bool_)
        else:
            if raw is None:
                raw = joined.encode("utf-16-le", "surrogatepass")
            self.units = units = np.frombuffer(raw, dtype=np.uint16)
            if kind == "bmp":
                # the low byte of each unit, classified and lowercased by bytes.translate
                # (right for Latin-1), then the few characters beyond Latin-1 by the tables
                latin = units.astype(np.uint8).tobytes()
                letter = np.frombuffer(bytearray(latin.translate(letter_bytes)), dtype=np.bool_)
                low = np.frombuffer(latin.translate(lower_bytes), dtype=np.uint8).astype(np.uint16)
                wide = np.flatnonzero(units > 255)
                wu = units[wide]
                letter[wide] = letter16[wu]
                low[wide] = _tables()[1][wu]
                self.low = low
            else:
                self.low = _tables()[1][units]
                letter = letter16[units]
        if kind == "astral":
            lens = [len(t.encode("utf-16-le", "surrogatepass")) // 2 for t in texts]
        else:
            lens = [len(t) for t in texts]
        n = np.asarray(lens, dtype=np.int64)
        self.text_start = np.zeros(len(texts), dtype=np.int64)
        np.cumsum(n[:-1] + 1, out=self.text_start[1:])
        self.text_end = self.text_start + n
        self.letter = letter
        change = np.flatnonzero(letter[1:] != letter[:-1]) + 1
        if letter[0]:
            change = np.concatenate(([0], change))
        self.starts, self.ends = np.ascontiguousarray(change[0::2]), np.ascontiguousarray(change[1::2])
        self._low_str: str | None = None

    @property
    def low_joined(self) -> str:
        """The joined texts lowercased unit by unit (positions kept)."""
        if self._low_str is None:
            if self.kind == "ascii":
                self._low_str = self._raw.lower().decode("ascii")
            else:
                self._low_str = self.low.tobytes().decode("utf-16-le", "surrogatepass")
        return self._low_str


def _text_batches(texts: list[Any], rows: Iterable[int], batch_chars: int | None = None) -> Iterator[_Batch]:
    """The non-empty ``texts[rows]`` in batches of about ``batch_chars`` characters,
    ASCII, BMP and astral texts apart (built one at a time, in row order within each kind)."""
    size_cap = _BATCH_CHARS if batch_chars is None else batch_chars
    groups: dict[bool, list[int]] = {True: [], False: []}
    for i in rows:
        t = texts[i]
        if isinstance(t, str) and t:
            groups[t.isascii()].append(i)
    for ascii_, idx in groups.items():
        a = 0
        while a < len(idx):
            b, size = a, 0
            while b < len(idx) and (size < size_cap or b == a):
                size += len(texts[idx[b]]) + 1
                b += 1
            part, strs = idx[a:b], [texts[i] for i in idx[a:b]]
            a = b
            if ascii_:
                yield _Batch(strs, part, "ascii")
                continue
            joined = "\n".join(strs) + "\n"
            raw = joined.encode("utf-16-le", "surrogatepass")
            if len(raw) == 2 * len(joined):  # no character beyond the BMP
                yield _Batch(strs, part, "bmp", joined, raw)
                continue
            astral = [len(t.encode("utf-16-le", "surrogatepass")) != 2 * len(t) for t in strs]
            for flag, kind in ((False, "bmp"), (True, "astral")):
                sub = [k for k, f in enumerate(astral) if f == flag]
                if sub:
                    yield _Batch([strs[k] for k in sub], [part[k] for k in sub], kind)


def _unique_rows(texts: list[Any]) -> tuple[list[int], np.ndarray]:
    """Rows of the first copy of each distinct text, and each row's first copy.

    Texts are keyed by length and their ends (hashing every character of long
    texts costs more than it saves when nothing repeats); only texts whose key
    was seen before are looked up whole.
    """
    seen: dict[tuple[int, str, str], int] = {}
    whole: dict[str, int] = {}
    rep = np.arange(len(texts))
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            continue
        j = seen.setdefault((len(t), t[:32], t[-32:]), i)
        if j != i:
            whole.setdefault(texts[j], j)  # the first text with this key is its first copy
            rep[i] = whole.setdefault(t, i)
    return np.flatnonzero(rep == np.arange(len(texts))).tolist(), rep
