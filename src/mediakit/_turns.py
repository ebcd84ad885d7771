"""Transcript turns labelled by a name in Title Case, at a line start or inside a line.

A transcript scraped without its line breaks (the Kremlin's, flattened to one line)
still opens each turn with a label right after a sentence: "… Mr Peskov, please.
Vyacheslav Terekhov: Good afternoon, Mr President." Quote attribution reads them for
"I" and for where a floating quote's speaker stops; source attribution counts them as
the speaker's turns. Which labels name a person is for each caller to decide.
"""
from __future__ import annotations

import re

# a label (capitalised words one space apart, "of"/"of the" between: "President of
# Russia Vladimir Putin") right after a sentence's end, up to the colon
_LABEL_BEFORE_COLON_RE = re.compile(
    r"[.?!…][ \xa0](?P<name>[A-Z][\w.'’\-]*(?:[ \xa0](?:of[ \xa0](?:the[ \xa0])?)?[A-Z][\w.'’\-]*){1,7})\Z"
)
# the same label opening a line ("\n" put before the text: a literal to scan for)
_LINE_LABEL_RE = re.compile(
    r"\n[^\S\n]*(?P<name>[A-Z][\w.'’\-]*(?:[ \xa0](?:of[ \xa0](?:the[ \xa0])?)?[A-Z][\w.'’\-]*){1,7}):(?=\s)"
)
_OPENS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ“\"‘'")  # what a turn's first word starts with


def inline_labels(text: str) -> list[tuple[int, str]]:
    """(start, label) of each turn that opens right after a sentence inside a line."""
    out: list[tuple[int, str]] = []
    colon = text.find(": ")
    while colon >= 0:
        # (from each ": " back to a sentence end: far fewer places than sentence ends)
        m = _LABEL_BEFORE_COLON_RE.search(text, max(0, colon - 120), colon)
        at, colon = colon, text.find(": ", colon + 2)
        if m is not None and text[at + 2:at + 6].lstrip(" \xa0")[:1] in _OPENS:
            start, label = m.start("name"), m["name"]
            # a word with a period but no abbreviation ("Dagestan. Please. Magomed
            # Magomedov") ends a sentence: the label is what follows
            words = label.split(" ")
            k = max((i + 1 for i, w in enumerate(words[:-1]) if w.endswith(".") and len(w) > 4), default=0)
            if k:
                cut = " ".join(words[:k]) + " "
                start, label = start + len(cut), label[len(cut):]
            out.append((start, label))
    return out


def line_labels(text: str) -> list[tuple[int, str]]:
    """(start, label) of each turn that a Title Case label opens at a line start (a
    label in capitals, "MS. PSAKI", is left to the callers' own rules)."""
    return [(m.start("name") - 1, m["name"]) for m in _LINE_LABEL_RE.finditer("\n" + text)
            if not m["name"].isupper()]
