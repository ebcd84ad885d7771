"""Text primitives shared by every stage: what a word is, and how it is counted.

``count_words`` is the one definition of a word in mediakit: ``n_words`` in the
corpus table, the denominator of term rates and of quote density all use it, so
rates computed by different stages agree.
"""
from __future__ import annotations

import re

# A word: a run of letters/digits, with inner apostrophes or hyphens kept
# ("NATO’s", "open-door", "don't" are one word each).
WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


def count_words(text: str | None) -> int:
    """Number of words in ``text`` (0 for None or empty)."""
    if not text:
        return 0
    return sum(1 for _ in WORD_RE.finditer(text))


def words(text: str | None) -> list[str]:
    """The words of ``text`` in order, as written."""
    if not text:
        return []
    return WORD_RE.findall(text)
