"""Transcript turns labelled by a name in Title Case, at a line start or inside a line.

A transcript scraped without its line breaks (the Kremlin's, flattened to one line)
still opens each turn with a label right after a sentence: "… Mr Peskov, please.
Vyacheslav Terekhov: Good afternoon, Mr President." Quote attribution reads them for
"I" and for where a floating quote's speaker stops; source attribution counts them as
the speaker's turns. Which labels name a person is for each caller to decide.

The scan goes from each ": " that a turn's first word may follow back to where its
label would start: far fewer places than line starts or sentence ends.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

# a label: capitalised words one space apart, "of"/"of the" between ("President of
# Russia Vladimir Putin")
_LABEL = r"(?P<name>[A-Z][\w.'’\-]*(?:[ \xa0](?:of[ \xa0](?:the[ \xa0])?)?[A-Z][\w.'’\-]*){1,7})"
# ... right after a sentence's end, up to the colon (searched for up to the colon)
_AFTER_SENTENCE_RE = re.compile(rf"[.?!…][ \xa0]{_LABEL}\Z")
# ... opening a line (matched at the line's start, up to the colon)
_AT_LINE_START_RE = re.compile(rf"[^\S\n]*{_LABEL}\Z")
# ": " after a lower-case letter or a period (a label in capitals, "MS. PSAKI:", is
# the callers' own business), and the turn's first word: a capital or a quote mark
_COLON_RE = re.compile(r": (?<=[a-z.'’\-]: )(?=[ \xa0]{0,3}[A-Z“\"‘'])")
_REACH = 120  # the longest label looked for, in characters
# a name echoed in reverse by a tooltip scraped with the label, its own role glued on
# ("Alexander Lukashenko Lukashenko AlexanderPresident of Belarus", the Kremlin's pages):
# the label ends at the name
_ECHO_RE = re.compile(r"(?<![\w'’\-])(?P<first>[A-Z][\w'’\-]*) (?P<last>[A-Z][\w'’\-]*) "
                      r"(?P=last) (?P=first)(?=[A-Z]|\Z)")


def _colons(text: str) -> Iterator[int]:
    """Offsets of the ": " that may end a Title Case label (see ``_COLON_RE``), with a
    capitalised word right before it, not in capitals."""
    for m in _COLON_RE.finditer(text):
        colon = m.start()
        last = text.rfind(" ", max(0, colon - 40), colon)  # before the label's last word
        if last >= 0 and text[last + 1:last + 2].isupper() and not text[last + 1:colon].isupper():
            yield colon


def _label(label: str) -> str:
    """A label without a tooltip's echo of its name (see ``_ECHO_RE``)."""
    m = _ECHO_RE.search(label) if label.count(" ") >= 3 else None
    return label if m is None else label[:m.end("last")]


def turn_labels(text: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(start, label) of the turns that a Title Case label opens at a line start, and
    of those that open right after a sentence inside a line."""
    at_line: list[tuple[int, str]] = []
    inline: list[tuple[int, str]] = []
    for colon in _colons(text):
        line = text.rfind("\n", 0, colon) + 1
        if colon - line <= _REACH:
            m = _AT_LINE_START_RE.match(text, line, colon)
            if m is not None:
                at_line.append((m.start("name"), _label(m["name"])))
                continue
        m = _AFTER_SENTENCE_RE.search(text, max(0, colon - _REACH), colon)
        if m is None:
            continue
        start, label = m.start("name"), m["name"]
        # a word with a period but no abbreviation ("Dagestan. Please. Magomed
        # Magomedov") ends a sentence: the label is what follows
        words = label.split(" ")
        k = max((i + 1 for i, w in enumerate(words[:-1]) if w.endswith(".") and len(w) > 4), default=0)
        if k:
            cut = " ".join(words[:k]) + " "
            start, label = start + len(cut), label[len(cut):]
        inline.append((start, _label(label)))
    return at_line, inline
