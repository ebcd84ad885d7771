"""Direct quotations and their speakers.

``extract_quotes(text)`` finds every quoted region of an article and names who said
it; ``quotes(df)`` does it for every article of a corpus table.

How it works, in three passes over one article, all regex-driven (no parser, no model):

1. **Marks** (:mod:`mediakit._quote_marks`): quotation marks are paired inside each
   paragraph by what stands beside them (straight, curly, mixed and wrong-way marks);
   a quote running over paragraphs (every paragraph opens, only the last closes) is
   one quote; an unclosed mark ends its quote at the paragraph end.
2. **Cues**: quoted text is masked and the writer's own sentence around each quote is
   searched for a reporting verb (lexicon ``reporting_verbs``) and its subject:
   ``“…,” he said`` / ``said Smith`` / ``Smith, who …, said`` / ``Smith said: “…”`` /
   ``— Smith`` / ``according to Smith``; for a partial quote the subject standing before
   it (``Peskov described the talks as “…”``).
3. **Speakers**: names are split into role and name (:mod:`mediakit._names`); a
   surname or honorific mention is resolved to the most complete name in the article;
   ``he``/``she`` to the person of that gender most recently mentioned; a quote with no
   cue continues the previous quote's speaker unless someone else was named in between.

Scare quotes, titles of works and nicknames are left out.
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import operator
import os
import re
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
from pandas.arrays import IntegerArray

try:  # building the quotes table block by block is ~4x faster than from a dict
    from pandas._libs.internals import BlockPlacement as _BlockPlacement
    from pandas.core.internals import BlockManager as _BlockManager
    from pandas.core.internals.blocks import get_block_type as _block_type
except ImportError:  # pragma: no cover - other pandas versions: the public way
    _BlockManager = _BlockPlacement = _block_type = None

from mediakit import _names, _offices
from mediakit._aliases import alias_map
from mediakit._aliases import name_key as _alias_key
from mediakit._progress import interactive
from mediakit._quote_cues import (
    DETERMINERS,
    INTRO_WORDS,
    Mention,
    mention_after,
    role_head,
    sentence_subject,
    subject_before,
)
from mediakit._quote_marks import Span, spans_and_lines
from mediakit._quote_rules import (
    BODY,
    CLOSE_ASK,
    CLOSE_COMMA,
    CLOSE_NONE,
    CLOSE_STOP,
    MASKS,
    OPEN,
    Rules,
    _rules,
)
from mediakit._quote_rules import affiliation_key as _aff_key
from mediakit._quote_rules import owned_role as _owned_role
from mediakit._turns import turn_labels
from mediakit.lexicons import lexicon, lexicon_version

__all__ = ["extract_quotes", "quotes", "COLUMNS"]

COLUMNS = [
    "start",
    "end",
    "quote",
    "speaker",
    "speaker_mention",
    "speaker_start",
    "speaker_end",
    "role",
    "cue",
    "kind",
    "continued",
    "paragraph",
]

_WINDOW = 400  # how far from a quote its cue may stand (keeps the work linear)
_MARK_CHARS = set('"“”„«»‟')
_TRAIL = set("’'\u2019 )]\xa0")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


# --------------------------------------------------------------------------- masking
def _mask(text: str, spans: list[Span]) -> str:
    """``text`` with every quote replaced, char for char, by mask characters that keep
    the quote's edges and final punctuation (offsets are unchanged)."""
    out: list[str] = []
    pos = 0
    for sp in spans:
        pieces = sp.pieces or [(sp.start, sp.end, sp.paragraph)]
        for k, (a, b, _p) in enumerate(pieces):
            if b - a < 2:
                continue
            out.append(text[pos:a])
            last = k == len(pieces) - 1
            close = _close_char(text, a, b) if last and sp.closed else BODY
            out.append(OPEN + BODY * (b - a - 2) + close)
            pos = b
    out.append(text[pos:])
    return "".join(out)


def _close_char(text: str, a: int, b: int) -> str:
    j = b - 2
    while j > a and (text[j] in _TRAIL or text[j] in _MARK_CHARS):
        j -= 1
    ch = text[j]
    if ch in "?!":
        return CLOSE_ASK
    if ch in ".…":
        return CLOSE_STOP
    if ch in ",;:—–-":
        return CLOSE_COMMA
    return CLOSE_NONE


# ------------------------------------------------------------------- sentences
@functools.cache
def _abbrevs(version: int) -> frozenset[str]:
    return frozenset(lexicon("abbreviations"))


# a break is the character before it, then: after . ! ? closing marks and spaces
# before a capital, digit, quote or bracket; after a quote that ends a sentence
# (mask CLOSE_STOP / CLOSE_ASK) spaces before a capital, quote or bracket; after a line
# end any further line ends
_SENT_AFTER_END = rf"[\"'’”)\]]*[ \t\xa0]+(?=[\"“‘(\[]?[A-Z0-9{OPEN}])"
_SENT_AFTER_CLOSE = rf"[ \t\xa0]+(?=[A-Z{OPEN}\"“‘(])"
# the reference: one pattern for every break (each alternative starts with the
# character before the break, matched first as a class)
_SENT_RE = re.compile(
    rf"(?P<c>[.!?{CLOSE_STOP}{CLOSE_ASK}\n])"
    rf"(?:(?<=[.!?]){_SENT_AFTER_END}"
    rf"|(?<=[{CLOSE_STOP}{CLOSE_ASK}]){_SENT_AFTER_CLOSE}"
    r"|(?<=\n)\n*)"
)
# the same breaks, one pattern per first character: a pattern that starts with one
# literal character is scanned for it ~5x faster than for a class, and characters
# absent from the article are not scanned for at all. Breaks never overlap (none
# swallows another's first character), so the union is what _SENT_RE finds.
_SENT_DOT_RE = re.compile(r"\." + _SENT_AFTER_END)
_SENT_NL_RE = re.compile(r"\n\n*")
_SENT_OTHER_RES = (
    ("!", re.compile("!" + _SENT_AFTER_END)),
    ("?", re.compile(r"\?" + _SENT_AFTER_END)),
    (CLOSE_STOP, re.compile(CLOSE_STOP + _SENT_AFTER_CLOSE)),
    (CLOSE_ASK, re.compile(CLOSE_ASK + _SENT_AFTER_CLOSE)),
)


def _sentence_starts(masked: str, version: int) -> list[int]:
    """Start offsets of the writer's sentences (quotes count as opaque words), for the
    whole text at once: the reference for ``_Sentences``, which splits line by line."""
    # (offsets taken by map() over the matches: no Python frame per match)
    ends = list(map(_MATCH_END, _SENT_NL_RE.finditer(masked)))
    ends += _breaks(masked, 0, len(masked), [(ch, rx) for ch, rx in _SENT_OTHER_RES if ch in masked],
                    _abbrevs(version))
    ends.sort()
    return [0, *ends]


def _breaks(masked: str, a: int, b: int, others: list[tuple[str, re.Pattern]],
            ab: frozenset[str]) -> list[int]:
    """The ends of the breaks other than line ends that start in ``masked[a:b]``
    (unsorted): after ``others`` (the (character, pattern) of _SENT_OTHER_RES worth a
    scan: a pattern is run only where its character is) and after a period that does
    not end an abbreviation."""
    ends = []
    for ch, rx in others:
        if masked.find(ch, a, b) >= 0:
            ends += map(_MATCH_END, rx.finditer(masked, a, b))
    add = ends.append
    for p, e in map(_MATCH_SPAN, _SENT_DOT_RE.finditer(masked, a, b)):
        if p > 6 and masked[p - 6:p].isalpha():
            add(e)  # a long word: no abbreviation
            continue
        lo = p - 12 if p > 12 else 0
        w = max(masked.rfind(" ", lo, p), masked.rfind("(", lo, p), masked.rfind("\n", lo, p))
        word = masked[w + 1:p] if w >= 0 or p < 12 else ""
        if word and (word in ab or (len(word) == 1 and word.isupper()) or (
            "." in word and len(word) <= 5 and word.replace(".", "").isupper()
        )):
            continue
        add(e)
    return ends


class _Sentences:
    """The sentence starts of ``_sentence_starts``, worked out one line at a time when
    asked. A line end always ends a sentence and no other break runs over one, so a
    line's sentences depend on that line alone, and the lines with no quote and no
    person asked about (most of an article) are never split."""

    def __init__(self, masked: str, version: int, lines: list[tuple[int, int]] | None = None) -> None:
        """``lines``: the (start, end) of the non-empty lines, if known (masking keeps them)."""
        self.masked = masked
        self.ab = _abbrevs(version)
        # the line starts: 0 and the end of every run of line ends (the start of every
        # non-empty line but one at 0, and the text's end after final line ends)
        if lines is None:
            self.lines = [0, *map(_MATCH_END, _SENT_NL_RE.finditer(masked))]
        else:
            self.lines = [0, *[start for start, _end in lines if start]]
            if masked.endswith("\n"):
                self.lines.append(len(masked))
        self.others = [(ch, rx) for ch, rx in _SENT_OTHER_RES if ch in masked]
        self._split: dict[int, list[int]] = {}

    def _line(self, pos: int) -> tuple[int, list[int]]:
        """(index of the line holding ``pos``, the sorted starts of its sentences after
        the first). A position inside a run of line ends is on the line before it."""
        j = bisect.bisect_right(self.lines, pos) - 1
        starts = self._split.get(j)
        if starts is None:
            a = self.lines[j]
            b = self.masked.find("\n", a)
            starts = _breaks(self.masked, a, len(self.masked) if b < 0 else b, self.others, self.ab)
            starts.sort()
            self._split[j] = starts
        return j, starts

    def start(self, pos: int) -> int:
        """The start of the sentence holding ``pos`` (``pos`` >= 0)."""
        j, starts = self._line(pos)
        k = bisect.bisect_right(starts, pos)
        return starts[k - 1] if k else self.lines[j]

    def bounds(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence holding ``pos`` (the end is the next start)."""
        j, starts = self._line(pos)
        k = bisect.bisect_right(starts, pos)
        s0 = starts[k - 1] if k else self.lines[j]
        if k < len(starts):
            return s0, starts[k]
        return s0, self.lines[j + 1] if j + 1 < len(self.lines) else len(self.masked)


_MATCH_END = re.Match.end
_MATCH_SPAN = re.Match.span


# ------------------------------------------------------------------- names
@functools.lru_cache(maxsize=1 << 16)
def _key(name: str, version: int) -> str | None:
    return _names.name_key(name, _names._tables(version))


@functools.lru_cache(maxsize=1 << 16)
def _first(name: str, version: int) -> str | None:
    return _names.first_name(name)


@functools.lru_cache(maxsize=1 << 16)
def _same(a: str, b: str, version: int) -> bool:
    """``_names.same_person`` from the cached surname keys and first names."""
    if not a or not b or _key(a, version) != _key(b, version):
        return False
    fa, fb = _first(a, version), _first(b, version)
    return not (fa and fb and fa.lower() != fb.lower())


@functools.lru_cache(maxsize=1 << 16)
def _gender(name: str, role: str | None, version: int) -> str | None:
    return _names.name_gender(name, role, _names._tables(version))


@functools.cache
def _name_info(raw: str, version: int) -> tuple | None:
    """(role, name, key, gender, strong) for a capitalised phrase, None if no name.

    ``strong``: surely a person (has a title/honorific, or a known first name)."""
    R = _rules(version)
    t = _names._tables(version)
    toks = raw.split()
    if "of" in toks:
        # "Michael Brown of Washington", "Sen. Barbara Mikulski of Maryland": a person
        # (known first name, no role word after it) then where they come from
        k = toks.index("of")
        if k >= 2 and toks[k - 2].lower() in t["first"] and toks[k - 2][:1].isupper() \
                and toks[k - 1].lower().rstrip(".") not in R.role_words \
                and toks[k - 2].lower().rstrip(".") not in R.role_words:
            return _name_info(" ".join(toks[:k]), version)
    while toks and (toks[0] in R.not_names or toks[0].rstrip(".") in R.not_names) and not (
            len(toks) > 1 and not toks[0].isupper() and toks[0].rstrip(".").lower() in t["honorifics"]) \
            and not (len(toks) == 1 and toks[0] in R.surname_homographs) \
            and not (len(toks) > 1 and toks[0] + " " + toks[1] in R.place_names):
        # ("May" said: see _People; "New" stays in "New York Times")
        # (an honorific stays: "Ms. Morrison" is a woman, "Mr. Szlachta" a man; not a
        # transcript label's "MS. PSAKI", which the label's own rule reads)
        toks.pop(0)
    while len(toks) > 1 and (toks[-1] in R.not_names or toks[-1].rstrip(".") in R.not_names) \
            and toks[-1] not in R.org_words:  # "Human Rights Watch" keeps its last word
        if toks[-1].rstrip(".") in R.surname_homographs and toks[-2].lower() in t["first"] \
                and toks[-2][1:].islower() and (len(toks) == 2 or toks[-3].lower().rstrip(".") in R.role_words):
            break  # "Theresa May", "Ian Read": a surname, not a month or "Read more"
        toks.pop()
    if not toks:
        return None
    if len(toks) == 2 and toks[0].isalpha() and toks[1].isalpha() and toks[0][1:].islower() \
            and toks[1].isascii() and toks[0].lower() in t["first"] \
            and toks[1].lower() not in R.role_words and toks[1] not in R.not_names:
        # the common case, quickly: "Donald Trump" (a first name that is also a role
        # word is a first name here: "Dean Baker", not Dean Baker of a school)
        f = toks[0].lower()
        g = t["first"][f]
        return None, toks[0] + " " + toks[1], toks[1].lower(), g if g in ("male", "female") else None, True
    # plain capitalised words, none of them a role word, none but the last a modifier,
    # none but the first a suffix ("Hofstra University", "Politifact", "Hillary Rodham
    # Clinton"): split_name keeps them all as the name, the key is the last word, and
    # only a known first name gives a gender and strength (what name_gender and the
    # tests below find). Most phrases seen for the first time are such.
    last = toks[-1]
    if last.isascii():
        role_set, mods, sufs = t["role"], t["modifiers"], t["suffixes"]
        n = len(toks)
        for j, x in enumerate(toks):
            lx = x.lower()
            if not (x.isalpha() and x[0].isupper()) or lx in role_set or (j < n - 1 and lx in mods) \
                    or (j and lx in sufs):
                break
        else:
            f = toks[0].lower()
            role = None
            if n == 1 or f not in t["first"]:
                j = _names.given_name_start(toks, t["first"])
                if not j:
                    # a place before an unknown given name is no part of the name ("… for
                    # Europe and Central Asia Kimon Sotiropoulos"): it ends a role
                    j = next((k for k in range(n - 2, 0, -1) if " ".join(toks[:k]) in R.place_names), 0)
                    if j and not last.isupper():  # ("America Rising PAC" is one name)
                        return " ".join(toks[:j]), " ".join(toks[j:]), last.lower(), None, False
                    return None, " ".join(toks), last.lower(), None, False
                # "Council Oleksiy Danilov": the end of a role or organisation, then the name
                role, toks = " ".join(toks[:j]), toks[j:]
                f = toks[0].lower()
            g = t["first"][f] if len(toks[0]) > 1 else None  # (first_name: no initial)
            return role, " ".join(toks), last.lower(), g if g in ("male", "female") else None, True
    role, name = _names.split_name(" ".join(toks), t)
    if not name and len(toks) == 2 and toks[1] in R.title_surnames \
            and toks[0].rstrip(".").lower() in t["honorifics"]:
        role, name = toks[0], toks[1]  # "Dr. King": a surname after an honorific
    if not name:
        return None
    if role and " " not in name and " " in role:
        # a title, then a first name that is also a role word: "Representative Dean
        # Phillips" (not "Law School Dean Baker")
        rt = role.rsplit(" ", 2)
        if rt[-1].lower() in t["first"] and rt[-1][1:].islower() and rt[-2].lower().rstrip(".") in R.pre_name_heads:
            role, name = role[: -len(rt[-1]) - 1], rt[-1] + " " + name
    ntoks = name.split()
    if all(x in R.not_names or x.rstrip(".") in R.not_names for x in ntoks):
        return None
    key = _key(name, version)
    if not key:
        return None
    gender = _gender(name, role, version)
    first = ntoks[0].lower() if len(ntoks) >= 2 else None
    strong = bool(role and any(w.lower().rstrip(".") in R.title_words or w.lower() in R.title_words
                               for w in role.split())) or (first is not None and first in t["first"])
    return role, name, key, gender, strong


_REV_WORD_RE = re.compile(r"([^\w\n]*)([^\W\d_](?:[^\W\d_]|['’](?=[^\W\d_]))*)")


def _prev_word(s: str, pos: int, lo: int = 0) -> tuple[str, int, int] | None:
    """(word, start, end) of the word before ``pos`` (within 30 characters and the same
    line), apostrophes inside kept ("AP’s"); None at a line start. Matched on the
    reversed text, so the cost does not depend on where the word starts."""
    lo = max(lo, pos - 30)
    m = _REV_WORD_RE.match(s[lo:pos][::-1])
    if m is None:
        return None
    end = pos - m.end(1)  # the groups' lengths, without building them
    start = pos - m.end(2)
    return s[start:end], start, end


def _cut_capseq(s: int, raw: str, R: Rules):
    start = None
    pos = 0
    last_end = 0
    for tok in raw.split(" "):
        if not tok:
            pos += 1
            continue
        a = s + pos
        pos += len(tok) + 1
        if start is None:
            if not tok[:1].isupper():
                continue
            start = a
        core = tok
        cut = False
        if tok.endswith(("’s", "'s")):
            core = tok[:-2]
            cut = True
        elif tok.endswith(("’", "'")) or (
                tok.endswith(".") and len(tok) > 2 and "." not in tok[:-1] and tok[:-1] not in R.abbrevs
                and tok[:-1].lower() not in R.role_words):
            core = tok[:-1]
            cut = True
        last_end = a + len(core)
        if cut:
            if last_end > start:
                yield start, last_end, _SPACES_RE.sub(" ", raw[start - s:last_end - s])
            start = None
    if start is not None and last_end > start:
        yield start, last_end, raw[start - s:last_end - s]


_SPACES_RE = re.compile(r"[ \xa0]+")
_NON_ALNUM_SUB = re.compile(r"[\W_]+").sub
# words after which a name is still the subject of its clause
# "the Florida senator said": the person named last before it whose own title or
# appositive has the description's head ("Sen. Marco Rubio", "Trump, the Republican
# nominee,"); a description that matches nobody's role stays unnamed unless it goes on
# from the person just named, under the conditions of ``_Article._carried``. (Resolving
# to the last subject whatever its role was right about three times in four on PolNeAR
# train; with those conditions, 21 times in 22.)
_DESC_WINDOW = 3000
# how near a full name ("Bill Clinton") a bare surname ("Clinton") still means them
_FAMILY_NEAR = 400
# a lower-case word of two letters or more, not glued to a word before it and not one
# of "and but so yet then still also": written as "(?<![\w’'])(?!(?:and|…)\b)[a-z]{2,}"
# with the tests after the first letter, so that the scan only stops at a lower-case
# letter (a leading look-behind is tried at every character: ~6x slower)
_LOWER_WORD_RE = re.compile(
    r"[a-z](?<![\w’'].)(?<!(?:a(?=nd\b|lso\b)|b(?=ut\b)|s(?=o\b|till\b)|y(?=et\b)|t(?=hen\b)))[a-z]+"
)
# (possessive: a masked quote opening the sentence is not given back mark by mark)
_INTRO_RE = re.compile(r"[\W]*+(?:[A-Z][a-z]+ly|In|On|At|After|Before|During|Speaking|Asked|When|While|Earlier|Later|Since|Last|This|For|With|From|By|As|Then|Meanwhile|Still|However|Instead|Now|Today|Also|Separately|Similarly|Elsewhere|Overall|Indeed|Again|Despite|Amid|According|Under|Over|Throughout)\b[^,;:\n]{0,80},[ \xa0]*$")
# one to three lower-case words after a name, then a name, a comma or the end of a clause
_MODIFIER_RE = re.compile(r"(?:[ \xa0]+[a-z][a-z\-]*){1,3}(?=[ \xa0]*[,.;:!?]|[ \xa0]+[A-Z])")
# a reporting verb that ends its sentence: ", Stovall said." / ", Smith said Tuesday."
_FINAL_SAID_RE = re.compile(r"[ \xa0]+(?:said|says|added|adds|wrote|writes|noted|notes|explained|argued|argues)"
                            r"(?:[ \xa0]+(?:on[ \xa0]+)?[A-Z][a-z]+day)?[ \xa0]*[.!?]")
_TO_HOLDER_RE = re.compile(r"[^\w]*(?:To|As[ \xa0]+(?:for|to))[ \xa0]((?:[\w.’'\-]+[ \xa0]+){0,8})$")
# an appositive closed by a comma: ", the Republican nominee," (group 1: its first word)
# the capitalised words an "of" chain opens with, and those inside it, right before a
# name: "Deputy Head of the Office of the " (President Kyrylo Tymoshenko), "Adviser to
# the Head of the President’s " (Office Mykhailo Podolyak), "Deputy Prime Minister -
# Minister for Reintegration of the " (Temporarily Occupied Territories Iryna Vereshchuk)
_OF_CHAIN_RE = re.compile(
    r"(?<![\w’'\-.])((?:[A-Z][\w’'\-]*(?:[ \xa0][-–—])?[ \xa0])+)(?:of|to|for)[ \xa0](?:the[ \xa0])?"
    r"((?:(?:[A-Z][\w’'\-]*|of|to|for|the|and)[ \xa0])*)$"
)


def _chain_before(masked: str, lo: int, s: int, first_names: Mapping[str, object],
                  roles: frozenset[str] | set[str]) -> re.Match | None:
    """The chain of roles (``_OF_CHAIN_RE``) that ends at ``s``, if one does; an "and"
    in it joins the words of one name ("National Security and Defense Council"), not
    two persons ("President of Ukraine Volodymyr Zelenskyy and Prime Minister of the"):
    not with a given name in the chain or a role after the "and"."""
    for _ in range(3):
        m = _OF_CHAIN_RE.search(masked, lo, s)
        if m is None or m.end() != s:
            return None
        inner = m[2].split()
        if "and" not in inner:
            return m
        k = len(inner) - 1 - inner[::-1].index("and")
        after = itertools.takewhile(lambda w: w not in ("of", "to", "for", "the"), inner[k + 1:])
        if not any(w.lower() in first_names for w in inner) and not any(w.lower() in roles for w in after):
            return m
        lo = m.start(2) + (" " + m[2]).rindex(" and ") + 4  # after the last "and"
    return None


_APPOSITIVE_RE = re.compile(rf"([\w’'\-.]+)[^,.;:!?\n{MASKS}]{{0,100}}(?=,)")
_APPOSITIVE_OPENERS = frozenset(["the", "a", "an", "his", "her", "their", "its", "now", "then"])
# words that make another role of the next ("Vice President", "former President")
# a description qualified by a nation or what its role heads: "the President of
# Ukraine", "The Ukrainian President" (words before the head, the head, after "of")
_QUALIFIED_DESC_RE = re.compile(
    r"[Tt](?<![\w’'][Tt])he[ \xa0]+((?:[A-Z][\w’'\-]*[ \xa0]+){0,3}?)(?!(?:of|the)\b)([A-Za-z]+)"
    r"(?:[ \xa0]+of[ \xa0]+(?:the[ \xa0]+)?([A-Z][\w’'\-]*(?:[ \xa0]+(?:of[ \xa0]+)?[A-Z][\w’'\-]*)*))?"
)
_ROLE_PREFIXES = frozenset(["vice", "deputy", "assistant", "associate", "under", "lieutenant", "former"])


def _head_of(words: list[str], synonyms: dict[str, str]) -> str:
    """The head that a role's ``words`` ("Ukrainian Head of State" as written, without
    its article) are matched by: the last word's head (``role_synonyms``), with a
    word before it that makes another role of it ("vice president", "former
    president"). (Not ``_quote_cues.role_head``, which asks whether a word may end a
    role.)"""
    last = words[-1].lower()
    head = synonyms.get(last, last)
    if len(words) > 1 and words[-2].lower() in _ROLE_PREFIXES:
        head = words[-2].lower() + " " + head
    return head


_LOWER_ROLE_RE = re.compile(r"([a-z][a-z\-]*)\b")
_POSSESSOR_RE = re.compile(r"[A-Z][\w\-]*(?:[ \xa0][A-Z][\w\-]*)?[’']s[ \xa0]+[a-z]")
# a sentence opening with a role and a comma: "Trump’s attorney, " / "His lawyer, "
_ROLE_FIRST_RE = re.compile(
    r"[^\w]*(?:[A-Z][\w.\-]*(?:[ \xa0][A-Z][\w.\-]*)*[’']s|The|His|Her|Their|Its)[ \xa0]+"
    r"(?:[\w\-]+[ \xa0]+){0,3}?([a-z][\w\-]*),[ \xa0]*$")
_APPOSITION_END_RE = re.compile(r"[ \xa0]*(?:\([^()\n]{1,40}\)[ \xa0]*)?,")
_CAP_TAIL_RE = re.compile(r"(?:[A-Z][\w.’'\-]*[ \xa0]+)+$")


_SUBJ_PREV = frozenset([
    "and", "but", "that", "when", "while", "because", "if", "so", "then", "where", "though",
    "although", "whether", "how", "why", "whom", "who", "which",
])
# inverted attribution: '“…,” said Smith' (Smith speaks; in 'he said Ryan' Ryan does not)
_PRONOUN_GENDER = {"he": "male", "she": "female"}
# the lower-case word right after (a name, a mention), hyphenated ones whole
_NEXT_LOWER_RE = re.compile(r"[ \xa0]+([a-z][\w\-]*)")
_NOT_VERB_AFTER = frozenset(["on", "in", "at", "of", "for", "to", "from", "with", "by", "about", "and", "or",
                             "who", "whom", "that", "which", "last", "this", "earlier", "later", "the", "a", "an"])
_PRESENTING = frozenset(["there’s", "there's", "here’s", "here's", "enter", "meet"])
# after these the name opens a clause of thought, not a new topic ("she doesn't think
# Clinton can address …"): it stays an object for he/she
_THINKING = frozenset(["think", "thinks", "thought", "believe", "believes", "believed", "know", "knows",
                       "knew", "hope", "hopes", "hoped", "expect", "expects", "expected", "doubt", "doubts"])
_FINITE = frozenset(["is", "was", "has", "had", "will", "would", "could", "can", "did", "does", "made",
                     "said", "says", "told", "wrote", "thinks", "thought", "wants", "wanted", "knew", "knows"])
_SAID = frozenset(["said", "says", "told", "adds", "added", "asked", "wrote", "say"])


def _is_headline(masked: str, start: int, end: int) -> bool:
    """Whether the line ``masked[start:end]`` looks like a headline: short, no quotes,
    nearly every word capitalised."""
    # most lines are long paragraphs, told by their length without a copy
    # (the line is copied only once it passes the tests made in place: few do)
    if end - start > 200 or not masked[start].isupper():
        return False
    if masked.find(OPEN, start, end) >= 0 or _TWO_LOWER_RE.search(masked, start, end):
        return False
    words = [w for w in masked[start:end].split() if len(w) > 3]
    if len(words) < 2:
        return False
    caps = sum(1 for w in words if w[:1].isupper())
    return caps >= 0.8 * len(words)


class _Headlines:
    """Whether the lines are headlines (``_is_headline``), each line tested when first
    asked: only the lines with a name on them are."""

    def __init__(self, masked: str, lines: list[tuple[int, int]] | None) -> None:
        if lines is None:
            lines = list(map(_MATCH_SPAN, _LINE_RE.finditer(masked)))
        self.masked = masked
        self.lines = lines
        self.starts = [start for start, _end in lines]
        self._seen: dict[int, bool] = {}

    def line(self, pos: int) -> tuple[int, bool]:
        """(the end of the line holding ``pos``, whether it is a headline); for a
        position on no line, (the next line's start, False). Asked in the order of the
        text, the answer holds for every position up to that end."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0 or pos >= self.lines[i][1]:
            return (self.starts[i + 1] if i + 1 < len(self.starts) else len(self.masked)), False
        head = self._seen.get(i)
        if head is None:
            head = self._seen[i] = _is_headline(self.masked, *self.lines[i])
        return self.lines[i][1], head


_LINE_RE = re.compile(r"[^\n]+")
_TWO_LOWER_RE = re.compile(r"(?<![\w’'])[a-z]{4,}[ \xa0,]+[a-z]{4,}")


_GLUE = frozenset("’'-.")  # a capitalised run after one of these is glued to a word
_RUN_WORD = operator.itemgetter(2)  # the word of a (start, end, word) run


_HE_SHE = {"male": ("he", "He"), "female": ("she", "She")}
_ASKED_AFTER_RE = re.compile(r"[ \xa0]+ask(?:ed|s)\b")
# words that may open a sentence before a role in apposition: "And Florida’s attorney
# general, Pam Bondi, said"
_ROLE_OPENERS = frozenset(["And", "But", "As", "So", "Yet", "Also", "Meanwhile", "Then", "Now", "Still"])
# an adverbial phrase, no role: "In his email to members, Trumka said"
_OPENING_PREPOSITIONS = frozenset(["in", "on", "at", "with", "for", "from", "after", "before", "during", "since",
                                   "under", "over", "through", "into", "to", "of", "by", "about", "like",
                                   "unlike", "despite", "amid", "among", "within", "without"])


def _word_in(s: str, word: str, a: int, b: int) -> bool:
    """Whether ``word`` stands as a whole word in ``s[a:b]``."""
    i = s.find(word, a, b)
    while i >= 0:
        e = i + len(word)
        if (i == 0 or not s[i - 1].isalnum()) and (e >= len(s) or not s[e].isalnum()):
            return True
        i = s.find(word, e, b)
    return False


def _reads_as_common_word(masked: str, s: int, e: int, R: Rules) -> bool:
    """Whether the word at ``s:e`` ("May", "From") reads as a common word there: before
    a number, after a word such as "in" or "since", or before one such as "the"
    (``surname_homographs``)."""
    if _DIGIT_AFTER_RE.match(masked, e):
        return True
    nm = _NEXT_WORD_RE.match(masked, e)
    if nm is not None and nm[1].lower() in R.homograph_not_before:
        return True
    pw = _prev_word(masked, s)
    return pw is not None and pw[0].lower() in R.homograph_not_after


# a sentence opening with a pronoun subject, right after a quote
_PRONOUN_OPENS = re.compile(r"[ \xa0]+(?:He|She|They|We|I)[ \xa0]")
# a person's name given as such, right before it: "His name was Satchel Paige"
_NAME_WAS_RE = re.compile(r"\b(?:[Hh]is|[Hh]er|[Mm]y|[Ww]hose)[ \xa0]+name[ \xa0]+(?:is|was)[ \xa0]+$")
_NEXT_WORD_RE = re.compile(r"[ \xa0]+([A-Za-z]+)")
_DIGIT_AFTER_RE = re.compile(r"[ \xa0]*\d")


def _title_before(masked: str, s: int, R: Rules) -> bool:
    """Whether a lower-case title stands right before the name at ``s``: "press
    secretary Jen Psaki", "secretary of state Antony Blinken"."""
    if not (s > 1 and masked[s - 1] == " " and masked[s - 2].islower()):
        return False
    tail = masked[s - 4 if s > 3 else 0:s - 1]
    if tail[tail.rfind(" ") + 1:] not in R.pre_name_tails:
        return False  # (the word's last three letters end no title)
    a = masked.rfind(" ", max(0, s - 25), s - 1) + 1
    word = masked[a:s - 1]
    if word in R.pre_name_heads:
        return True
    titles = R.pre_name_titles.get(word)
    return titles is not None and any(
        masked.endswith(t, 0, s - 1) and (a - len(t) + len(word) <= 0 or not masked[a - len(t) + len(word) - 1].isalnum())
        for t in titles)


@functools.cache
def _office_table(version: int) -> dict[str, list[tuple[str, frozenset[str]]]]:
    """Surname key -> [(name, role words)] from the ``office_holders`` lexicon, the
    words as ``_People.roles_at`` gives them ("president", "@Russia")."""
    out: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for r in lexicon("office_holders"):
        name, title, country = (r.get(k, "").strip() for k in ("name", "title", "country"))
        key = _key(name, version) if name and title else None
        if key:
            roles = frozenset(title.lower().split()) | ({"@" + country} if country else frozenset())
            out.setdefault(key, []).append((name, roles))
    return out


@functools.lru_cache(maxsize=1 << 12)
def _held_offices(canon: str, version: int) -> frozenset[str]:
    """The role words of every office the table gives a person named ``canon``."""
    rows = _office_table(version).get(_key(canon, version) or "", ())
    return frozenset().union(*(roles for name, roles in rows if _same(canon, name, version)))


@functools.cache
def _single_keys(version: int) -> dict[str, tuple[bool, str, str]]:
    """One-word run -> (a known first name?, its surname keys) for ``_People``: the
    same words recur in every article."""
    return {}


@functools.cache
def _run_info(version: int) -> dict[str, tuple[tuple | None, bool]]:
    """Run of several capitalised words -> (``_name_info``, whether a weak full name
    without organisation words: a verb or appositive after it may prove a person)."""
    return {}


class _People:
    """Person mentions of one article, in order, for resolving names and pronouns.

    Every mention is mapped to a *canonical* person: the most complete name with the
    same surname (and a compatible first name and gender) mentioned before it, else
    anywhere in the article. Persons of one family ("Bill Clinton", "Hillary Clinton")
    stay apart."""

    def __init__(self, masked: str, R: Rules, version: int, sents: _Sentences,
                 lines: list[tuple[int, int]] | None = None) -> None:
        role_words = R.role_words
        org_words = self.org_words = R.org_words
        first_names = self.first_names = _names._tables(version)["first"]
        self.version = version
        self.sents = sents
        self.masked = masked
        self.R = R
        self._offices: dict[tuple[str, str], str] = {}  # (surname key, office) -> canonical
        # (runs on a headline are no names: asked only of the runs that may be names;
        # they come in the order of the text, so a line is looked up at its first run)
        head_line = _Headlines(masked, lines).line
        head_end, on_head = 0, False  # the end of the line last looked up, a headline?
        cands = []  # (start, end, name, key, gender, strong)
        provable: set[str] = set()  # surnames of weak full names that a later mention may prove
        singles = []  # one-word names wait until the surnames of full names are known
        not_names = R.not_names
        # runs of capitalised words not glued to a word before them, cut at a possessive
        # or a sentence-final period ("Smith. The" is two runs); one-word runs, most of
        # them, take a short path
        glue = _GLUE
        add_single = singles.append
        homographs, homograph_singles = R.surname_homographs, False
        run_info = _run_info(version)
        if len(run_info) > 1 << 16:  # bounded, like the other name caches
            run_info.clear()
        for m in R.CAPSEQ_FAST.finditer(masked):
            raw = m[0]
            if " " not in raw and "\xa0" not in raw:
                # one word (most runs): a name only if a full name gives its surname;
                # the same three tests, the cheapest first ("The", "But" …)
                if raw in not_names:
                    if raw in homographs:
                        homograph_singles = True  # ("May": weighed below)
                        add_single((m.start(), m.end(), raw))
                    continue
                # (whether it is glued to a word before it is asked below, of the few
                # one-word runs that may be names)
                add_single((m.start(), m.end(), raw))
                continue
            entry = run_info.get(raw)
            if entry is not None and entry[0] is None and ". " not in raw and "\xa0" not in raw:
                continue  # a run seen before naming nobody ("White House"), and not to be cut
            s, e_ = m.span()
            if s and (masked[s - 1].isalnum() or masked[s - 1] in glue):
                continue
            if ". " in raw or "\xa0" in raw:
                pieces: Iterable = _cut_capseq(s, raw, R)
            else:
                pieces = ((s, e_, raw),)
            for s, e_, raw in pieces:
                if " " not in raw:
                    if raw not in not_names:
                        add_single((s, e_, raw))
                    continue
                entry = run_info.get(raw)
                if entry is None:
                    info = _name_info(raw, version)
                    if info is not None:
                        name = info[1]
                        if name.rsplit(" ", 1)[-1] in org_words and (
                                " " not in name or name.split(" ", 1)[0].lower() not in first_names):
                            # "House of Representatives Committee", "Fox News": not a person
                            info = None
                        elif name in R.place_names or raw in R.place_names:
                            info = None  # "North Korea", "South Carolina": a place
                    # a weak full name with no organisation word may still prove a person
                    entry = run_info[raw] = (info, info is not None and not info[4] and " " in info[1]
                                             and org_words.isdisjoint(info[1].split()))
                info, may_prove = entry
                if info is None:
                    continue
                if s >= head_end:
                    head_end, on_head = head_line(s)
                if on_head:
                    continue
                _role, name, key, g, strong = info
                if may_prove:
                    if R.PERSON_AFTER.match(masked, e_) or (
                            masked.startswith(", ", e_) and _role_appositive(masked, e_, R.appositive_heads)) or (
                            s > 8 and masked[s - 1] == " " and _NAME_WAS_RE.search(masked, max(0, s - 24), s)):
                        # "Zeynep Akar told CNN", "Brianne Stone, 29, says",
                        # "Raynard Jackson, a black Republican campaign consultant, …",
                        # "His name was Satchel Paige."
                        strong = True
                    elif name.count(" ") < 3:  # "Florent Groberg", not "Verkhovna Rada Ruslan Stefanchuk"
                        provable.add(key)
                if not strong:
                    # a lower-case role right before: "press secretary Jen Psaki"
                    strong = _title_before(masked, s, R)
                cands.append((s, e_, name, key, g, strong))
        strong_keys = {c[3] for c in cands if c[5] and " " in c[2]}
        provable -= strong_keys
        if homograph_singles:
            # "May" names Theresa May where the article names her in full, not as a
            # month ("in May", "May 5")
            singles = [x for x in singles if x[2] not in homographs or x[2].lower() in strong_keys
                       and not _reads_as_common_word(masked, x[0], x[1], R)]
        if singles:
            # word by word: whether a one-word run may be a name is the same at each
            # occurrence of its word (few are), and a lower-case title before it is rare
            words = set(map(_RUN_WORD, singles))
            if provable:
                # the surname alone proves the full name: "Florent Groberg is …", then
                # "Groberg, 33, opened up" or "Groberg says"
                surnames = {raw for raw in words if raw.lower().rstrip(".’'s") in provable}
                proven = {raw.lower().rstrip(".’'s") for _s, e_, raw in singles if raw in surnames
                          and (R.PERSON_AFTER.match(masked, e_) or _role_appositive(masked, e_, R.appositive_heads))}
                if proven:
                    strong_keys |= proven
                    cands = [c if c[5] or c[3] not in proven or " " not in c[2] else (*c[:5], True) for c in cands]
            single_keys = _single_keys(version)
            if len(single_keys) > 1 << 16:  # bounded, like the other name caches
                single_keys.clear()
            for raw in words:
                if raw in single_keys:
                    continue
                low = raw.lower()
                # (an all-capitals word is an acronym, not a first name: "CHIP", not Chip)
                single_keys[raw] = (low in first_names and not (raw.isupper() and len(raw) > 1), low.rstrip(".’'s"),
                                    low if low.isalnum() else _NON_ALNUM_SUB("", low))
            # the words that are a first name or a strong surname
            known = {raw for raw in words
                     if (keys := single_keys[raw])[0] or keys[1] in strong_keys or keys[2] in strong_keys}
            # the runs of those words, and those after a lower-case title (a title ends in
            # a lower-case letter: asked first, without a call), each with that title test
            runs = [(s, e_, raw, title_before) for s, e_, raw in singles
                    if (title_before := s > 1 and masked[s - 2].islower() and _title_before(masked, s, R))
                    or raw in known]
            head_end, on_head = 0, False  # (one-word runs: in the order of the text too)
            for s, e_, raw, title_before in runs:
                if s >= head_end:
                    head_end, on_head = head_line(s)
                if on_head or (
                        s and masked[s - 1] != " " and (masked[s - 1].isalnum() or masked[s - 1] in glue)):
                    continue
                if raw in R.modal_names and R.MODAL_SUBJECT.match(masked, e_):
                    continue  # a question's verb: "Will he?", "Will there be …"
                info = _name_info(raw, version)
                if info is None:
                    continue
                _role, name, key, g, strong = info
                if name in org_words:
                    continue
                cands.append((s, e_, name, key, g, strong or title_before))
            cands.sort()
        found = []  # (start, name, key, gender, strong, subj)
        add_found = found.append
        for s, e, name, key, g, strong in cands:
            if not strong and key not in strong_keys:
                # only a first name alone may stay
                if " " in name or name.lower() not in first_names or name in R.place_names:
                    continue  # (nor a place that is also a first name: "talks with Israel")
                pw = _prev_word(masked, s)
                if pw is None or not pw[0].islower() and _subject_level(masked, s, e, sents, role_words, R.role_or_person):
                    continue  # a sentence-initial word, not surely a name
                # a first name alone: "Her father, Brad, said"
                strong = True
                g = _gender(name + " X", None, version)
            add_found((s, name, key, g, strong, None, e))  # subj: worked out when a pronoun needs it
        # full names (two words or more) known to be persons, by surname
        by_key: dict[str, list[str]] = {}
        gender: dict[str, str | None] = {}
        for _s, name, key, g, strong, _subj, _e in found:
            if strong and " " in name:
                lst = by_key.setdefault(key, [])
                # (a name met again is in the list: the same person as itself)
                if name not in lst and not any(_same(name, x, version) for x in lst):
                    lst.append(name)
                else:
                    # keep the most complete form ("Donald J. Trump" over "Donald Trump")
                    for i, x in enumerate(lst):
                        if len(name) > len(x) and _same(name, x, version):
                            gender[name] = gender.pop(x, None)
                            lst[i] = name
            if g:
                gender.setdefault(name if " " in name else "#" + key, g)
        self.by_key = by_key
        self.gender = gender
        self.pos: list[int] = []
        self.items: list[tuple[str, bool]] = []  # (canonical name, subject)
        ends: list[int] = []
        recent: dict[str, str] = {}  # surname key -> canonical most recently mentioned
        named: dict[str, tuple[str, int]] = {}  # surname key -> (canonical, end) of the last full name
        singles: dict[str, str] = {}  # lone first names
        canon_of = self._canon
        # the canonical form of a name with a first name does not depend on the
        # mentions before it (see _canon): one lookup per name
        full_canon: dict[str, str | None] = {}
        add_pos, add_item, add_end = self.pos.append, self.items.append, ends.append
        for s, name, key, g, strong, subj, e in found:
            if " " in name and _first(name, version):
                canon = full_canon.get(name, full_canon)
                if canon is full_canon:
                    canon = full_canon[name] = canon_of(name, key, g, recent)
                if canon is not None:
                    named[key] = (canon, e)
            elif strong and (office := self._office_before(s, e, name)) is not None:
                # "President Biden": the full name written with that title, else the
                # holder alone, not a relative named in full ("Hunter Biden")
                canon = self._office_holder(name, key, office, s)
            else:
                canon = canon_of(name, key, g, recent, named, s)
            if canon is None:
                if strong and " " not in name:
                    # a first name alone, and the article names one person in full with
                    # it: that person ("Jake Sullivan" … "I'll turn it over to Jake")
                    canon = singles.get(name)
                    if canon is None:
                        canon = singles[name] = self._full_of_first(name, g) or name
                    if g:
                        gender.setdefault(name, g)
                else:
                    continue
            recent[key] = canon
            add_pos(s)
            add_item((canon, subj))
            add_end(e)
        self.ends = ends
        self._text_names = {canon for canon, _subj in self.items}  # (before add_mention adds any)
        self.role_words = role_words
        self._roles: dict[tuple[int, int, str], set[str]] = {}  # roles_at, per mention
        # pronoun evidence for persons of unknown gender: "Smith said she …"
        votes: dict[str, int] = {}
        gender_of = self.gender_of
        # (a person is mentioned many times: its gender looked up once)
        unknown = {canon for canon in {item[0] for item in self.items} if gender_of(canon) is None}
        for (canon, _subj), e in zip(self.items, ends, strict=True):
            if canon not in unknown:
                continue
            pm = R.HE_SHE_AFTER.match(masked, e)
            if pm:
                votes[canon] = votes.get(canon, 0) + (1 if pm.group("p") == "he" else -1)
        for canon, v in votes.items():
            if v:
                gender[canon] = "male" if v > 0 else "female"

    def _by_first(self) -> dict[str, str | None]:
        """Lower-case first name -> the one person named in full with it (None when
        several are: "Bill Clinton", "Bill de Blasio"), built when first asked."""
        by_first = self.__dict__.get("_first_index")
        if by_first is None:
            by_first = self._first_index = {}
            for fulls in self.by_key.values():
                for x in fulls:
                    f = _first(x, self.version)
                    if f:
                        f = f.lower()
                        by_first[f] = x if f not in by_first else None
        return by_first

    def _full_of_first(self, first: str, g: str | None) -> str | None:
        """The one person named in full with the first name ``first`` (``_by_first``),
        if they may be of gender ``g``; else None."""
        full = self._by_first().get(first.lower())
        return full if full is not None and self._fits_gender(full, g) else None

    def _office_before(self, s: int, e: int, name: str) -> str | None:
        """The office title (lower case) written right before the surname ``name`` in
        the run ``masked[s:e]`` ("President Biden’s"), if there is one."""
        at = self.masked.rfind(name, s, e)
        if at <= s:
            return None
        words = self.masked[s:at].lower().split()
        offices = self.R.office_titles
        for n, titles in offices.items():
            if len(words) >= n and (t := " ".join(words[-n:])) in titles:
                return t
        return None

    def _office_holder(self, name: str, key: str, office: str, at: int) -> str:
        """The canonical person for an office title and a surname at ``at`` ("President
        Biden"): the full name the article writes after that title ("President Joe
        Biden"); else the one the alias table names, if the article writes it; else,
        for a surname the table does not know, the full name introduced before the
        title's first mention with that surname; else the surname alone.

        Decided at the first such mention (mentions come in the order of the text): a
        relative named in full ("Hunter Biden", "Jill Biden") is not the office holder."""
        memo = self._offices
        hit = memo.get((key, office))
        if hit is None:
            masked, fulls = self.masked, self.by_key.get(key, ())
            hit = next((x for x in fulls if _names.written_with_title(masked, office, x)), None)
            if hit is None:
                amap = alias_map()
                known = amap.get(_alias_key(name))
                if known is not None:
                    hit = next((x for x in fulls if _same(x, known, self.version)
                                or amap.get(_alias_key(x)) == known), name)
                else:
                    hit = next((x for x in fulls if 0 <= masked.find(x) < at), name)
            memo[(key, office)] = hit
        return hit

    def gender_of(self, canon: str) -> str | None:
        g = self.gender.get(canon)
        if g is None and " " in canon:
            g = self.gender.get("#" + (_key(canon, self.version) or ""))
        return g

    def _canon(self, name: str, key: str, g: str | None, recent: dict[str, str],
               named: dict[str, tuple[str, int]] | None = None, at: int = 0) -> str | None:
        fulls = self.by_key.get(key)
        if not fulls:
            return None
        if " " in name and _first(name, self.version):
            for x in fulls:
                if _same(name, x, self.version):
                    return x
            return None
        if len(fulls) > 1 and named is not None:
            # a surname shared in a family ("Clinton"): the one named in full just
            # before, else the one the article introduced first (news style names the
            # other in full, "Bill Clinton", whenever it means them)
            last = named.get(key)
            if last is not None and at - last[1] < _FAMILY_NEAR and self._fits_gender(last[0], g):
                return last[0]
            x = self._first_of_gender(fulls, g)
            if x is not None:
                return x
        # a surname (maybe with an honorific): the person last mentioned, if compatible
        r = recent.get(key)
        if r is not None and self._fits_gender(r, g):
            return r
        return self._first_of_gender(fulls, g) or fulls[0]

    def _fits_gender(self, canon: str, g: str | None) -> bool:
        """Whether ``canon`` may be of gender ``g`` (None: any)."""
        return g is None or self.gender.get(canon) in (None, g)

    def _first_of_gender(self, fulls: list[str], g: str | None) -> str | None:
        """The first of ``fulls`` that may be of gender ``g``."""
        return next((x for x in fulls if self._fits_gender(x, g)), None)

    def add_speaker(self, key: str, name: str) -> None:
        """A name seen as the subject of a reporting verb is a person too."""
        if " " in name and _first(name, self.version) and name.rsplit(" ", 1)[-1] not in self.org_words:
            lst = self.by_key.setdefault(key, [])
            for x in lst:
                if _same(name, x, self.version):
                    break
            else:
                lst.append(name)

    def last_mention(self, canon: str, at: int) -> int:
        """The index of ``canon``'s last mention before ``at``; -1 if none."""
        i = bisect.bisect_left(self.pos, at) - 1
        while i >= 0 and self.items[i][0] != canon:
            i -= 1
        return i

    def add_mention(self, at: int, canon: str) -> None:
        """Record that ``canon`` is mentioned (as a subject) at ``at``: a resolved pronoun."""
        if _org_or_place(canon, self.R):
            return  # an organisation or a country speaks ("North Korea said"), but is no "he"
        i = bisect.bisect_left(self.pos, at)
        if i < len(self.pos) and self.pos[i] == at:
            # a speaker is at least a clause subject; a sentence's main subject stays one
            self.items[i] = (canon, max(self.level(i), 1))
            return
        self.pos.insert(i, at)
        self.items.insert(i, (canon, 1))
        self.ends.insert(i, at)

    def resolve(self, name: str, role: str | None, at: int) -> str:
        """The most complete name for a mention at ``at``."""
        key = _key(name, self.version)
        fulls = self.by_key.get(key) if key else None
        if not fulls:
            if " " not in name and name.lower() in self.first_names:
                # a first name alone, the first name of one person named in full
                full = self._full_of_first(name, _gender(name, role, self.version))
                if full is not None:
                    return full
            return name
        if " " in name and _first(name, self.version):
            for x in fulls:
                if _same(name, x, self.version):
                    return x if len(x) >= len(name) else name
            return name
        g = _gender(name, role, self.version)
        choice = self._by_surname(key, fulls, g, at)
        head = self._title_head(role)
        if head is None:
            return choice
        # a title with the surname ("President Obama") names the one given that title,
        # not another of the family ("Michelle Obama", the first lady)
        if self.role_fit(choice, head, set(), at):
            return choice
        for x in fulls:
            if x != choice and self._fits_gender(x, g) and self.role_fit(x, head, set(), at):
                return x
        return choice

    def _by_surname(self, key: str, fulls: list[str], g: str | None, at: int) -> str:
        """The person a surname at ``at`` names: as worked out for that mention (see
        ``_canon``), else the one with this surname mentioned last before it."""
        i = bisect.bisect_left(self.pos, at)
        if i < len(self.pos) and self.pos[i] == at:
            i += 1  # the mention itself first
        while i > 0:
            i -= 1
            canon = self.items[i][0]
            if _key(canon, self.version) == key and self._fits_gender(canon, g):
                if " " not in canon and canon not in fulls:
                    # a surname the text gives no full name for ("handed to Ms. Psaki"),
                    # where one is known now from outside the text (the title's, a
                    # transcript label's): that full name
                    named = self._text_names
                    return next((x for x in fulls if x not in named and self._fits_gender(x, g)), canon)
                return canon
        return self._first_of_gender(fulls, g) or fulls[0]

    def _title_head(self, role: str | None) -> str | None:
        """The head of a title ("president" in "former President"), if it is one."""
        if not role:
            return None
        w = role.split()[-1].strip(".,").lower()
        w = self.R.role_synonyms.get(w, w)
        return w if w in self.R.person_heads else None

    def pronoun(self, gender: str, at: int, window: int | None = None) -> str | None:
        """The person of ``gender`` (or of unknown gender) mentioned last before ``at`` as
        the subject of a clause, preferring the main subject of that sentence; failing
        that, the last mention of that gender in any position."""
        i = bisect.bisect_left(self.pos, at)
        any_pos = None
        best = None
        best_sent = -1
        sents = self.sents
        while i > 0:
            i -= 1
            if window is not None and self.pos[i] < at - window:
                break
            canon, subj = self.items[i]
            if subj is None:
                subj = self.level(i)
            if best is not None and self.pos[i] < best_sent:
                break
            g = self.gender_of(canon)
            if g not in (gender, None) and gender != "any":
                continue
            if subj:
                if best is None:
                    best = canon
                    if subj == 2:
                        return canon
                    best_sent = sents.start(self.pos[i])
                elif subj == 2:
                    return canon
            elif any_pos is None and g == gender:
                any_pos = canon
        if best is not None:
            return best
        return any_pos

    def roles_at(self, j: int) -> set[str]:
        """Role words given with person mention ``j``: in the name itself ("Sen."), in
        lower case right before it ("press secretary"), in a closed appositive after it
        (", the Republican nominee,"); capitalised modifiers as "@florida"."""
        s, e = self.pos[j], self.ends[j]
        memo_key = (s, e, self.items[j][0])  # (indices move when a mention is added)
        out = self._roles.get(memo_key)
        if out is None:
            out = self._roles[memo_key] = self._roles_of(s, e, self.items[j][0])
        return out

    def _mention_in(self, a: int, b: int) -> bool:
        """Whether a person is mentioned between offsets ``a`` and ``b``."""
        i = bisect.bisect_left(self.pos, a)
        return i < len(self.pos) and self.pos[i] < b

    def _roles_of(self, s: int, e: int, canon: str) -> set[str]:
        masked, R = self.masked, self.R
        start = s
        before: list[str] = []
        pw = _prev_word(masked, s, max(0, s - 80))
        while pw is not None and pw[0].lower() in R.role_or_person and not masked[pw[2]:s].strip(" \xa0"):
            before.insert(0, pw[0])
            s = pw[1]
            pw = _prev_word(masked, s, max(0, s - 80))
        owner = pw is not None and pw[0][:1].isupper() and pw[0].endswith(("’s", "'s"))
        link = masked[max(0, pw[1] - 3):pw[1]] if pw is not None and pw[0] == "the" else ""
        if owner or link in ("of ", "to ") or pw is not None and pw[0] == "and":
            # "Head of the Office of the President Andriy Yermak": what he heads, not his
            # role (but "the endorsement of Gov. Mike Pence" gives his); his role is what
            # the chain of "of" opens with, "Head", and what it heads is more of it (also
            # "Deputy Head of the President’s Office Rostyslav Shurma", "Secretary of the
            # National Security and Defense Council Oleksiy Danilov")
            if link == "of ":
                before = ["of", *before]
            m = _chain_before(masked, max(0, pw[1] - 120), s, self.first_names, R.role_or_person)
            if m is not None:
                before = [*m[1].split(), "of", *m[2].split(), *before]
        segments = [before + masked[start:e].split()]
        if masked.startswith(", ", e):
            m = _APPOSITIVE_RE.match(masked, e + 2)
            if m is not None and (m.group(1).lower() in _APPOSITIVE_OPENERS or m.group(1).lower() in R.role_or_person) \
                    and not self._mention_in(m.start(), m.end()):
                # (not the next of a list: "Denys Shmyhal, Deputy Head of the Office Rostyslav Shurma,")
                segments.append(m.group().split())
        syn = R.role_synonyms
        named = {w.strip(".") for w in canon.lower().split()}
        out = set()
        for words in segments:
            prefix = ""
            after_of = False  # "President of Ukraine": a head, then what it heads
            for w in words:
                w = w.strip(".,’'()")
                if w == "of":
                    after_of = True
                    continue
                if w[:1].isupper() and w.lower() not in named and w not in R.not_names and (
                        after_of or w.lower() not in R.role_or_person or _aff_key(w, R.affiliation_words)):
                    out.add("@" + w.lower())  # "Florida" in "Florida Sen. Marco Rubio"
                    continue
                if after_of:
                    continue
                w = w.lower()
                w = syn.get(w, w)
                if w in _ROLE_PREFIXES:
                    prefix = w + " "  # "Vice President Biden" is no "president"
                    continue
                if w in R.role_or_person or w in R.synonym_heads:
                    out.add(prefix + w)
                prefix = ""
        return out

    def role_fit(self, canon: str, head: str, mods: set[str], at: int, *, strict: bool = False,
                 salient: bool = False) -> bool | None:
        """Whether ``canon`` was given a role with ``head`` ("senator") in a mention before
        ``at``, with no capitalised modifier clashing with ``mods`` ({"@florida"}); None
        when no role of theirs is known."""
        roles: set[str] = set()
        for j in range(bisect.bisect_left(self.pos, at)):
            if self.items[j][0] == canon:
                roles |= self.roles_at(j)
        aff = self.R.affiliation_words
        # (a country is strict, "the Chinese President"; a party is not, "the Senate
        # Democratic leader")
        nations = {"@" + a for w in mods if (a := _aff_key(w[1:], aff)) and a in self.R.place_names}
        known = bool(roles)
        if nations and not any(w[0] == "@" for w in roles):
            # a country's office ("the President of Russia") and the text gives the
            # person no country: the offices they are known to have held
            # (``office_holders``); held when is not known, so without a role from the
            # text a misfit leaves the role unknown
            roles = roles | _held_offices(canon, self.version)
        if not roles:
            return None
        # capitalised modifiers compared by what they name: "Ukrainian" is "Ukraine"
        theirs = {"@" + (_aff_key(w[1:], aff) or w[1:]) for w in roles if w[0] == "@"}
        mods = {"@" + (_aff_key(w[1:], aff) or w[1:]) for w in mods}
        # "the former pollster" may be one called "pollster" before; "the president" is
        # not one called "former President"
        has = head in roles or (head.startswith("former ") and head[7:] in roles)
        if strict and mods or nations:
            # "the President of Ukraine", "the Chinese President": that country's, known so
            # (``salient``: or given with no country; see ``described``)
            fit = has and (bool(mods & theirs) or salient and not theirs)
        else:
            fit = has and not (mods and theirs and not mods & theirs)
        return fit if fit or known else None

    def level(self, i: int) -> int:
        """0 (object), 1 (subject of a clause) or 2 (main subject) for mention ``i``."""
        canon, subj = self.items[i]
        if subj is None:
            subj = _subject_level(self.masked, self.pos[i], self.ends[i], self.sents, self.role_words,
                                  self.R.role_or_person)
            self.items[i] = (canon, subj)
        return subj

    def named_between(self, a: int, b: int) -> list[str]:
        """The persons named between offsets ``a`` and ``b``."""
        i = bisect.bisect_left(self.pos, a)
        j = bisect.bisect_left(self.pos, b)
        return [self.items[k][0] for k in range(i, j)]


_CLAUSE_SUBJ_RE = re.compile(
    rf"[,;][ \xa0]+(?P<m>(?:[A-Z][\w’'\-.]*[ \xa0]+){{0,3}}[A-Z][\w’'\-]*)[ \xa0]+(?!said|says)[a-z]+(?:s|ed)\b[^{MASKS}]*$"
)
_PASSIVE = frozenset(["was", "were", "been", "being", "is", "are", "be"])
_BY_RE = re.compile(r"(?:[ \xa0]+[a-z]+ly)?[ \xa0]+by[ \xa0]+")
# verbs that put the speaker after them: 'said Smith', 'asked Smith'
_INVERTING = frozenset(
    ["said", "says", "asked", "asks", "added", "adds", "wrote", "writes", "continued", "continues", "recalled", "recalls", "explained", "explains", "noted", "notes", "replied", "replies", "responded", "responds", "insisted", "insists", "warned", "warns", "declared", "declares", "tweeted", "tweets"]
)
_QUANTIFIERS = frozenset(["many", "some", "several", "other", "all", "both", "most", "these", "those",
                          "the", "a", "an", "its", "their", "his", "her", "our", "few", "two", "three"])
_POSSESSIVE_DETS = frozenset(["his", "her", "its", "their", "our", "my", "your"])
_ROLE_LINKS = frozenset(["for", "to", "at"])  # not "of": 'footage of Trump' is Trump speaking
_AUX = frozenset(["is", "was", "are", "were", "been", "be", "am"])
# verbs of going on or starting that take a reporting verb's -ing form ("kept asking")
_ASPECT = frozenset(["keep", "keeps", "kept", "start", "starts", "started", "stop", "stops", "stopped", "resumed"])
_CLAUSE_BREAK = frozenset(".!?;:,(—–\n") | frozenset(MASKS)
def _sentence_prefix(masked: str, s: int, sents: _Sentences) -> str:
    """The text of ``s``'s sentence before ``s``."""
    return masked[sents.start(s):s]


def _subject_level(masked: str, s: int, e: int, sents: _Sentences, role_words, role_nouns) -> int:
    """Whether the name at ``s``..``e`` is the subject of its clause: 2 when it opens its
    sentence (after an introductory phrase), 1 after a comma or conjunction, 0 after a
    preposition or verb or as a possessive. A role before the name is skipped."""
    m = _MODIFIER_RE.match(masked, e)
    if m is not None:
        words = m.group().split()
        if all(w in role_nouns for w in words):
            # a name modifying a role: "George W. Bush speechwriter Noam Neusner",
            # "Clinton's chief Democratic rival, Sen. Bernie Sanders"
            return 0
    if masked.startswith(",", e) and (m := _TO_HOLDER_RE.match(_sentence_prefix(masked, s, sents))) and (
            not m.group(1) or m.group(1).split()[-1] in role_nouns):
        # the holder of a view: "To Montclair State University professor Brigid Harrison,
        # the stare seemed to reflect sadness." (not "To help Trump, Bush …"); the topic
        # the sentence goes on about: "As for Trump, he said he’s not worried"
        return 2
    if _possessive_after(masked, e):
        # the owner in a sentence's subject is salient: "Trump’s biggest applause came
        # when he said …", "Suu Kyi’s fate is unclear, but she said …"
        pre = _sentence_prefix(masked, s, sents)
        return 1 if ((not _LOWER_WORD_RE.search(pre) and "," not in pre) or _INTRO_RE.match(pre)) else 0
    pw = _prev_word(masked, s)
    hops = 0
    head = s  # where the name with its role begins
    while pw is not None and hops < 5 and (pw[0].lower() in role_words or (
            pw[0] == "old" and masked[max(0, pw[1] - 6):pw[1]] == "-year-")) and (
            not any(ch in _CLAUSE_BREAK for ch in masked[pw[2]:s])):
        s2 = head = pw[1]
        pw = _prev_word(masked, s2)
        hops += 1
        if pw is not None and any(ch in _CLAUSE_BREAK for ch in masked[pw[2]:s2]):
            break
    if pw is not None:
        prev = pw[0]
        subj = (not prev.islower() or prev in _SUBJ_PREV
                or any(ch in _CLAUSE_BREAK for ch in masked[pw[2]:s]))
        if not subj:
            m = _NEXT_LOWER_RE.match(masked, e)
            nxt = m.group(1) if m is not None else None  # the lower-case word after the name
            if prev in _SAID:
                j = pw[1] - 1
                while j >= 0 and masked[j] in " ,\xa0":
                    j -= 1
                if masked[j + 1:pw[1]].strip(" \xa0") == "," and masked.startswith(",", e):
                    # an attribution set off in the sentence: "And Trump, said Sunshine,
                    # who remains friendly with him, doesn't forgive or forget."
                    return 2
                # '“…,” said Smith', or the subject of what was said: "aides say Ivanka
                # Trump also advises …"
                subj = (j >= 0 and masked[j] in MASKS) or (nxt is not None and nxt not in _NOT_VERB_AFTER)
            if not subj and prev in _PRESENTING:
                subj = True  # "Then there’s Axelrod."
            if not subj:
                # a clause of its own after a noun: "remarks Clinton made", "the bill Obama signed"
                subj = nxt is not None and (nxt in _FINITE or (nxt.endswith("ed") and len(nxt) > 4)) \
                    and not prev.endswith(("ed", "ing")) and prev not in _THINKING
            if not subj:
                return 0
    if pw is not None and masked[pw[2]:s].strip(" \xa0") == "," and _FINAL_SAID_RE.match(masked, e):
        # "Cruz electrified the crowds, Stovall said.": the sentence is what Stovall said
        return 2
    pre = _sentence_prefix(masked, head, sents)
    m = _ROLE_FIRST_RE.match(pre)
    if m is not None and m.group(1).lower() in role_nouns and _APPOSITION_END_RE.match(masked, e):
        # the name in apposition to a role opening the sentence: "Trump’s attorney,
        # Alan Garten, said …", "The campaign’s spokeswoman, Hope Hicks, said …"
        return 2
    if head < s:
        # the role's own modifiers belong to the subject: "In a memo, Clinton campaign
        # manager Robby Mook said", "former George W. Bush speechwriter Noam Neusner"
        while True:
            pre = _CAP_TAIL_RE.sub("", pre)
            cut = pre.rstrip(" \xa0").rfind(" ") + 1
            if not pre or pre[cut:].strip(" \xa0").lower() not in role_nouns:
                break
            pre = pre[:cut]
    if not _LOWER_WORD_RE.search(pre) or _INTRO_RE.match(pre):
        return 2
    return 1


def _role_appositive(s: str, e: int, title_words) -> bool:
    """', a Republican campaign consultant,' right after a name: it names a person."""
    if not s.startswith((", a ", ", an ", ", the ", ", who "), e) and not (
            s.startswith(", ", e) and (
                # ", director general of …" (not ", he’s …"), ", Clinton’s campaign manager"
                (m := _LOWER_ROLE_RE.match(s, e + 2)) is not None and m.group(1) in title_words
                or _POSSESSOR_RE.match(s, e + 2))):
        return False
    seg = s[e + 2:e + 90]
    cut = seg.find(",")
    if cut >= 0:
        seg = seg[:cut]
    return any(w in title_words for w in seg.lower().split())


def _possessive_after(s: str, e: int) -> bool:
    return s.startswith(("’s", "'s", "’ ", "' "), e)


# ------------------------------------------------------------------- attribution
class _Cue:
    """A mention at a cue, resolved to a speaker."""

    __slots__ = ("mention", "m_start", "m_end", "cue", "speaker", "role", "key", "kind", "resolved")

    def __init__(self, m: Mention) -> None:
        self.mention = m.text
        self.m_start = m.start
        self.m_end = m.end
        self.cue = m.cue
        self.kind = m.kind  # "name" | "pronoun" | "desc"
        self.speaker = None
        self.role = None
        self.key = None
        self.resolved = False


# a transcript's turn label, at a line start: "Q", "MS. PSAKI:", "THE PRESIDENT:",
# "President of Russia Vladimir Putin:" (capitalised words, "of" and "the" between)
_TURN_RE = re.compile(
    r"^[^\S\n]*(?:(?P<q>Q)(?=[:\s])"
    r"|(?P<caps>[A-Z][A-Z.'’\-]*(?:[ \xa0]+[A-Z][A-Z.'’\-]*){0,5}):(?=\s)"
    r"|(?P<name>[A-Z][\w.'’\-]*(?:[ \xa0]+(?:of[ \xa0]+(?:the[ \xa0]+)?)?[A-Z][\w.'’\-]*){1,7}):(?=\s))",
    re.M,
)


# the writer quoting someone by name: "I quote Bob Dole:", "in the words of X,"
_QUOTING_RE = re.compile(r"(?:\b[Qq]uot(?:e|es|ed|ing)|\b[Ii]n[ \xa0]+the[ \xa0]+words[ \xa0]+of"
                         r"|\b[Tt]o[ \xa0]+paraphrase|\b[Pp]araphrasing)[ \xa0]+")
# "the President", "The Secretary", "the NATO Secretary General" (a capitalised title
# after "the", up to two capitalised words before it; see _asked_about)
_THE_TITLE_RE = re.compile(r"\b[Tt]he[ \xa0]+(?:[A-Z][\w.]*[ \xa0]+){0,2}?(?P<title>[A-Z][a-z]+)\b(?![ \xa0]+[A-Z])")


# a title that says who speaks: "Speech by …", "Video Address by …", "Remarks By …"
# (where a name in a title ends: the lexicon title_case_breaks)
_TITLE_BY_RE = re.compile(r"[ \xa0]*(?:[A-Z][\w\-]*[ \xa0]+){0,2}?([A-Za-z]+)[ \xa0]+[Bb]y[ \xa0]+")


class _Article:
    def __init__(self, text: str, title: str | None = None, summary: str | None = None,
                 day: dt.date | None = None, site_country: str | None = None) -> None:
        self.text = text
        self.title = title
        self.summary = summary
        self.day = day  # the article's date: who held an office then
        self.site_country = site_country  # an official site's country: whose "the President"
        self.version = lexicon_version()
        self.spans, lines = spans_and_lines(text)
        self.R = _rules(self.version)  # one lexicon_version() per article
        self._subjects: dict = {}
        self._sentence_at: dict[int, tuple[int, int]] = {}
        if self.spans:
            self.masked = _mask(text, self.spans)
            self.sents = _Sentences(self.masked, self.version, lines)
            self._lines = lines
            self._line_starts: list[int] | None = None
            self._labels: dict[int, str | None] = {}  # see _turn_label

    def _line_spans(self) -> list[tuple[int, int]]:
        """The text's lines (as ``_turn_label`` reads them), split once."""
        if self._lines is None:
            self._lines = list(map(_MATCH_SPAN, _LINE_RE.finditer(self.masked)))
        return self._lines

    def _turn_label(self, pos: int) -> str | None:
        """The label of the transcript turn holding ``pos`` (None for a reporter's
        question, "Q", or no turn)."""
        return self._turn_at(pos)[0]

    def turn_between(self, a: int, b: int) -> bool:
        """Whether a transcript turn opens between offsets ``a`` and ``b``."""
        if not (self._has_turns or self._inline_turns[0]):
            return False
        return self._turn_at(b)[1] > a

    def _turns_window(self, pos: int, back: int = 2) -> int | None:
        """How far before ``pos`` a transcript's "he"/"she" may find the one it
        names: its own turn and the ``back`` turns before it (None: no turns)."""
        if not (self._has_turns or self._inline_turns[0]):
            return None
        at = pos
        for _ in range(back + 1):
            start = self._turn_at(at)[1]
            if start <= 0:
                return None
            at = start - 1
        return pos - start

    def _turn_at(self, pos: int) -> tuple[str | None, int]:
        """(label, start) of the transcript turn holding ``pos`` (label None for a
        reporter's question, "Q"; start -1: no turn): the line holding ``pos``, else the
        nearest line before it, that opens with a label, unless a turn opens inside the
        line after it. (Lines are matched at their start, from ``pos`` back: a search for
        "^" would try every offset of the text.)"""
        starts = self._line_starts
        if starts is None:
            starts = self._line_starts = [a for a, _b in self._line_spans()]
        seen = self._labels  # line index -> its label ("": the line opens no turn)
        i = bisect.bisect_right(starts, pos) - 1
        label, at = None, -1
        while i >= 0:
            if i in seen:
                label = seen[i]
            else:
                m = _TURN_RE.match(self.masked, starts[i])
                label = seen[i] = "" if m is None else None if m["q"] else m["caps"] or m["name"]
            if label != "":
                at = starts[i]
                break
            i -= 1
        else:
            label = None
        # a turn that opens inside the line, after a sentence: a transcript that lost its
        # line breaks ("… Thank you. Vyacheslav Terekhov: Good afternoon, Mr President.")
        inline_starts, inline_labels = self._inline_turns
        j = bisect.bisect_right(inline_starts, pos) - 1
        if j >= 0 and inline_starts[j] > at:
            return inline_labels[j], inline_starts[j]
        return label, at

    @functools.cached_property
    def _inline_turns(self) -> tuple[list[int], list[str]]:
        """(starts, labels) of the turns that open after a sentence inside a line, each
        label a person's full name ("President of Russia Vladimir Putin:")."""
        starts: list[int] = []
        labels: list[str] = []
        for start, label in turn_labels(self.masked)[1]:
            info = _name_info(label, self.version)
            if info is None or " " not in info[1] or _org_or_place(info[1], self.R):
                continue  # not surely a person: "Western Europe:", "Second Question:"
            starts.append(start)
            labels.append(label)
        return starts, labels

    @functools.cached_property
    def title_host(self) -> tuple[str | None, str] | None:
        """(role, name) of the person a title says is speaking: the name right after
        "Speech by", "Remarks by", "Address by" … (a speech noun, then "by")."""
        m = _TITLE_BY_RE.match(self.title or "")
        if m is None or m[1].lower() not in self.R.speech_nouns:
            return None
        # capitalised words, and "of"/"the" inside a role ("Head of the Office of the
        # President of Ukraine Andriy Yermak"), up to what goes on past the name ("at …")
        words = list(itertools.takewhile(
            lambda w: w in ("of", "the") or w[:1].isupper() and w.lower() not in self.R.title_case_breaks
            and not w.endswith("ing"), self.title[m.end():].split()))
        while words and words[-1] in ("of", "the"):
            words.pop()
        info = _name_info(" ".join(words), self.version) if words else None
        if info is None or not info[4] or _org_or_place(info[1], self.R):
            return None  # surely a person: a full name, or a titled surname ("President Biden")
        return info[0], info[1]

    @functools.cached_property
    def _has_turns(self) -> bool:
        """Whether any line of the text opens a transcript turn ("Q", "MS. PSAKI:")."""
        return any(_TURN_RE.match(self.masked, a) for a, _b in self._line_spans())

    @functools.cached_property
    def title_names(self) -> list[tuple[str | None, str, str]]:
        """(role, name, surname key) of each name in the title given with the text."""
        out: list[tuple[str | None, str, str]] = []
        breaks = self.R.title_case_breaks
        for m in self.R.CAPSEQ_FAST.finditer(self.title or ""):
            # a title's capitals run on past a name ("President Biden Celebrating …") and
            # into one ("Remarks By President Biden"): a name is a stretch of the run
            # between a function word or an "-ing" word and the next
            for is_break, group in itertools.groupby(
                    m[0].split(), lambda w: w.lower() in breaks or w.endswith("ing")):
                if is_break:
                    continue
                info = _name_info(" ".join(group), self.version)
                if info is not None and (info[4] or info[0]):
                    out.append((info[0], info[1], info[2]))
        return out

    def _first_person(self, c: _Cue) -> None:
        """"I" in a transcript is whoever holds the turn: the person its label names
        ("MS. PSAKI:", "President of Russia Vladimir Putin:"), if it names one; not a
        reporter ("Q"), and not the "I" of a text without turns."""
        label = self._turn_label(c.m_start)
        if label is None:
            host = self.title_host
            if host is not None and not self._has_turns:
                # a speech with no turns: "I" is the speaker the title names ("Speech by
                # President of Ukraine Volodymyr Zelenskyy in the Verkhovna Rada")
                c.role, c.speaker = host
                c.key = _key(c.speaker, self.version)
            return
        if label.isupper():
            label = label.title()  # "MS. JEAN-PIERRE" -> "Ms. Jean-Pierre"
        words = label.split()
        if words[0] == "The":
            # "THE PRESIDENT:" is the host of the transcript, who need not be named in
            # it (the president named last is as often the one he speaks of), but may
            # be in the title: "Remarks by President Biden at …"
            if len(words) >= 2 and words[-1].lower() in self.R.person_heads:
                c.role = label
                office = " ".join(words[1:]).lower()
                host = next((n for r, n, _k in self.title_names if r and r.lower() == office), None)
                if host is not None:
                    c.speaker = host
                    c.key = _key(host, self.version)
            return
        info = _name_info(label, self.version)
        titled = words[0].lower() in self.R.title_words or words[0].lower().rstrip(".") in self.R.title_words
        if info is None or not (info[4] or titled and len(words) >= 2):
            return  # not surely a person: "Senior Administration Official", "Moderator"
        role = info[0] or (words[0] if titled else None)  # "Ms." of "Ms. Psaki"
        c.role = role
        c.key = info[2]
        c.speaker = self.people.resolve(info[1], role, c.m_start)
        if " " not in c.speaker:
            # "MS. PSAKI" in "Press Briefing by Press Secretary Jen Psaki"
            c.speaker = next((n for _r, n, k in self.title_names if k == c.key and " " in n), c.speaker)
        g = _gender(info[1], role, self.version)
        if g:
            # "MS. PSAKI": the label's honorific gives a gender the text may not
            self.people.gender.setdefault(c.speaker, g)

    @functools.cached_property
    def people(self) -> _People:
        """The article's person mentions, scanned when a quote first needs them (in
        the shared corpora, a quarter of the articles with quote marks never do)."""
        return _People(self.masked, self.R, self.version, self.sents, self._lines)

    def sentence(self, pos: int) -> tuple[int, int]:
        # asked 4-5 times for each quote's start: remembered
        r = self._sentence_at.get(pos)
        if r is None:
            r = self._sentence_at[pos] = self.sents.bounds(pos)
        return r

    # -- cues around one quote
    def direct_cue(self, sp: Span) -> _Cue | None:
        """A cue standing right beside the quote or in its sentence."""
        R, masked = self.R, self.masked
        end = sp.end
        nl = masked.find("\n", end, end + 300)
        lim = end + 300 if nl < 0 else nl
        lim = min(lim, len(masked))
        closing = masked[end - 1]
        s0, s1 = self.sentence(sp.start)
        s0 = max(s0, sp.start - _WINDOW)
        s1 = min(max(s1, end), end + _WINDOW)
        if sp.start > s0:
            # the writer quotes someone right before it: "And I quote Bob Dole: “…”",
            # "In the words of Martin Luther King, “…”" (the words are theirs)
            lo = max(s0, sp.start - 150)
            w = masked[lo:sp.start]
            # (the words looked for first, as plain text: the regex only where one is)
            qm = next(reversed(list(_QUOTING_RE.finditer(masked, lo, sp.start))), None) \
                if "uot" in w or "words" in w or "araphras" in w else None
            if qm is not None:
                c = mention_after(masked, qm.end(), sp.start, qm.group().strip(), R)
                if c is not None and c.kind == "name" and not masked[c.end:sp.start].strip(" \xa0,:—–"):
                    return _Cue(c)
        if sp.start > s0 and (closing == CLOSE_STOP or closing == CLOSE_ASK and _PRONOUN_OPENS.match(masked, end)):
            # a sentence that ends with the quote names its speaker before it:
            # 'Madigan asserted that “trust … is broken.” Clinton said Wednesday …'; so
            # does a question when a capitalised "He" opens the next sentence, whose cue
            # is the next quote's: 'the press said, “How do you feel?”  He said, “…”'
            c = self._cue_before(sp, s0)
            if c is not None:
                return c
        # 1. right after the quote: ', he said' / ', said Smith' / ', Smith, a Democrat, said'
        vm = R.VERB_RE.search(masked, end, min(lim, end + 220))
        if vm is not None and vm.group() not in R.past_forms and masked[vm.end():vm.end() + 1] in (" ", "\xa0"):
            # a base form right before a past one is a noun: '“…,” the head of the
            # Russian state noted', '“…,” the report said'
            v2 = R.VERB_RE.match(masked, vm.end() + 1)
            if v2 is not None and v2.group() in R.past_forms:
                vm = v2
        if vm is not None:
            gap = masked[end:vm.start()]
            if not gap.strip(" ,\xa0"):
                # verb first: '“…,” said Smith' (not a participle: '“…,” claiming that …')
                c = None if vm.group() in R.ing_forms else mention_after(masked, vm.end(), lim, vm.group(), R)
                if c is not None and not (c.kind == "desc" and c.text.split(" ", 1)[0].lower() in _POSSESSIVE_DETS):
                    # (not an object: '“terrible,” denounced her record')
                    return _Cue(c)
            elif OPEN not in gap:
                qa = R.QUOTED_AS.search(masked, end, vm.start()) if vm.group() in R.ing_forms else None
                # '“…,” Braynard is quoted as saying.'
                c = subject_before(masked, end, qa.start() if qa else vm.start(), vm.group(), R)
                if (c is not None and (not masked[end:c.start].strip(" ,\xa0")
                                       or (c.kind == "name" and _role_gap(masked[end:c.start], R)))
                        and not (closing == CLOSE_STOP and c.kind != "pronoun"
                                 and not _short_tail(masked, vm.end(), lim))
                        and not (closing == CLOSE_ASK and c.kind == "desc"
                                 and not _short_tail(masked, vm.end(), lim))):
                    return _Cue(c)
        m = R.POST_DASH.match(masked, end, lim)
        if m:
            c = mention_after(masked, m.end(), lim, "—", R)
            if c is not None and c.kind == "name":
                return _Cue(c)
        elif nl >= 0 and not masked[end:nl].strip(" \xa0"):
            m = R.DASH_LINE.match(masked, end, end + 400)
            if m:
                eol = masked.find("\n", m.end())
                eol = len(masked) if eol < 0 else eol
                c = mention_after(masked, m.end(), eol, "—", R) if eol - m.end() < 80 else None
                rest = masked[c.end:eol].strip(" \xa0.") if c is not None else ""
                if c is not None and c.kind == "name" and (not rest or rest[0] == ","):
                    # (the name alone, or with a description: "— President Obama,
                    # tweeting after Clinton's speech.")
                    return _Cue(c)
        # 2. "according to X" in the sentence
        m = R.ACCORDING.search(masked, s0, s1)
        if m:
            c = mention_after(masked, m.end(), s1, "according to", R)
            if c is not None:
                return _Cue(c)
        # 3. before the quote, in its sentence: the nearest reporting verb with a subject
        if sp.start > s0 and closing != CLOSE_STOP:
            c = self._cue_before(sp, s0)
            if c is not None:
                return c
        # 4. later in the sentence: '“…” but to take the lead, says Evan Tracey.',
        # '“…,” though, Allen did suggest …'
        if s1 > end:
            for vm in R.VERB_RE.finditer(masked, end, s1):
                if vm.group() in R.ing_forms:
                    continue
                if masked[max(end, vm.start() - 2):vm.start()].strip() == ",":
                    c = mention_after(masked, vm.end(), s1, vm.group(), R)
                else:
                    c = self._subject_of(vm, max(end, vm.start() - 120))
                if c is not None and (c.kind == "name" or (
                        c.kind == "pronoun" and OPEN not in masked[end:c.start]
                        and masked[c.start - 2:c.start] == ", ")):
                    # '“We’re alive” at the convention, he said.'
                    return _Cue(c)
        return None

    def _cue_before(self, sp: Span, s0: int) -> _Cue | None:
        """The nearest reporting verb before the quote (in its sentence) with its subject,
        or an inverted 'said Smith, “…”'."""
        R, masked = self.R, self.masked
        verbs = [vm for vm in R.VERB_RE.finditer(masked, s0, sp.start) if not _idle_phrase(masked, vm)]
        for n, vm in enumerate(reversed(verbs[-4:])):
            # a new clause with its own subject between the verb and the quote:
            # "While Sullivan proclaims …, Clinton fixates on the “pivot” line"
            cm = _CLAUSE_SUBJ_RE.search(masked, vm.end(), sp.start)
            if cm is not None:
                c = subject_before(masked, vm.end(), cm.end("m"), None, R)
                if c is not None and c.kind == "name":
                    return _Cue(c)
            c = self._subject_of(vm, s0)
            if c is not None:
                return _Cue(c)
            aside = masked.endswith(", ", s0, vm.start())
            if vm.group() in _INVERTING and (n == 0 or aside):
                # 'But, said Solovey, “I don’t want …”'; a reporting clause set off by
                # commas further back: 'The paradox of Nancy, says Carl Anthony, a
                # historian, is that she was “…”'
                c = mention_after(masked, vm.end(), sp.start, vm.group(), R)
                if c is not None and c.kind == "name" and (
                        not masked[c.end:sp.start].strip(" ,:\xa0") or aside and masked.startswith(",", c.end)):
                    return _Cue(c)
        return None

    def subject_cue(self, sp: Span) -> _Cue | None:
        """For a phrase inside the writer's sentence: the subject of that sentence."""
        s0, _ = self.sentence(sp.start)
        s0 = max(s0, sp.start - _WINDOW)
        if sp.start <= s0 or not self.masked[s0:sp.start].strip():
            return None
        c = self._sentence_subject(s0, sp.start)
        if c is not None and c.kind != "desc" and self._personal(c):
            return _Cue(c)
        return None

    def has_subject(self, sp: Span) -> bool:
        """Whether the writer's sentence has any subject before the quote."""
        s0, _ = self.sentence(sp.start)
        s0 = max(s0, sp.start - _WINDOW)
        if sp.start <= s0:
            return False
        return self._sentence_subject(s0, sp.start) is not None

    def _sentence_subject(self, s0: int, hi: int) -> Mention | None:
        key = (s0, hi)
        memo = self._subjects
        if key not in memo:
            memo[key] = sentence_subject(self.masked, s0, hi, None, self.R)
        return memo[key]

    def _personal(self, c: Mention) -> bool:
        """A weak cue (a sentence subject) must be a pronoun or a known person's name."""
        if c.kind == "pronoun":
            return True
        info = _name_info(c.text, self.version)
        if info is None:
            return False
        return info[4] or bool(self.people.by_key.get(info[2]))

    def _second_person(self, c: _Cue) -> None:
        """"you" in a transcript is the other side of the exchange: in a reporter's
        question ("Q    … you said, “…”"), whoever answers it (the next turn a label
        names); in a named turn, whoever spoke the turn before, if a label names them.
        Elsewhere "you" names nobody."""
        label, start = self._turn_at(c.m_start)
        if start < 0:
            return
        if label is None:
            starts = self._line_starts  # (split by the _turn_at above)
            i = bisect.bisect_right(starts, c.m_start)
            other = None
            for j in range(i, min(i + 60, len(starts))):
                lbl, st = self._turn_at(starts[j])
                if st > c.m_start and lbl is not None:
                    other = st
                    break
        else:
            lbl, other = self._turn_at(start - 1) if start > 0 else (None, -1)
            if lbl is None or lbl == label:
                return  # (a turn the scan does not see came between: nobody addresses himself)
        if other is None or other < 0:
            return
        probe = _Cue(Mention(other, other, "I", "pronoun", c.cue))
        self._first_person(probe)
        c.speaker, c.key, c.role = probe.speaker, probe.key, probe.role

    def _asked_about(self, pos: int) -> _Cue | None:
        """In a reporter's question ("Q" turn), the last "the President" (any title in
        Title Case after "the": "the Secretary") before ``pos``, when no person is named
        between it and ``pos``; else None."""
        if not self._has_turns:
            return None
        label, start = self._turn_at(pos)
        if label is not None or start < 0:
            return None  # not a reporter's question
        heads = self.R.person_heads
        # (the last title of a person: not "the COVID Rescue Plan" after "The President")
        m = next((t for t in reversed(list(_THE_TITLE_RE.finditer(self.masked, start, pos)))
                  if t["title"].lower() in heads), None)
        if m is None or self.masked.startswith(" of ", m.end()):
            return None  # "the President of El Salvador" is another one
        P = self.people
        if P._mention_in(self.sentence(m.start())[0], m.start()):
            # a person named before it in its sentence is the one a "he" goes on from:
            # "… McConnell, who had strong words for the President?  He called his speech …"
            return None
        i = bisect.bisect_right(P.pos, m.start())
        if i < len(P.pos) and P.pos[i] < pos:
            return None  # someone named since
        return _Cue(Mention(m.start(), m.end(), m[0], "desc", None))

    def _kin_since(self, pos: int, canon: str, gender: str) -> str | None:
        """The words of an unnamed person of ``gender`` ("my dad", "a guy", from
        ``kin_nouns``) who is a clause subject after the last mention of ``canon`` before
        ``pos`` (within 400 characters), with nobody named since; else None."""
        P, R = self.people, self.R
        i = P.last_mention(canon, pos)
        lo = max(P.pos[i] if i >= 0 else 0, pos - 400)
        best = None
        if R.KIN_WORD.search(self.masked, lo, pos) is not None:  # (most windows hold no such word)
            for m in R.KIN_SUBJECT.finditer(self.masked, lo, pos):
                if R.kin_gender[m["noun"]] == gender:
                    best = m
        # (or one of either sex brought in as "a …", "one of the …s")
        new = next(reversed(list(R.NEW_PERSON_SUBJECT.finditer(self.masked, lo, pos))), None)
        if new is not None and (best is None or new.start("m") > best.start("m")):
            best = new
        if best is None or P._mention_in(best.start("m"), pos):
            return None
        return best["m"]

    def _described_subject(self, pos: int) -> _Cue | None:
        """The subject of the sentence before the one holding ``pos`` when it is a
        title after "The" ("The President", "The Head of State") and nobody is named
        between it and ``pos``; else None."""
        s0, _ = self.sentence(pos)
        if s0 == 0:
            return None
        p0 = self.sents.start(s0 - 1)
        masked = self.masked
        if not masked.startswith(("The ", "The\xa0"), p0) or OPEN in masked[p0:s0]:
            return None
        m = sentence_subject(masked, p0, s0, None, self.R)
        if m is None or m.start != p0 + 4 or m.kind != "name" \
                or m.text.split()[-1].lower() not in self.R.person_heads:
            return None
        if self.people._mention_in(p0, pos):
            return None  # someone named since
        return _Cue(Mention(p0, m.end, masked[p0:m.end], "name", None))

    def lede_subject(self, sp: Span) -> tuple[str, str] | None:
        """(speaker, key) of a quote in the text's first sentence: the person the
        summary's last sentence has as its subject ("Vladimir Putin sent greetings to
        …"), if the summary has one and the text names nobody before the quote."""
        summary = self.summary
        if not summary or self.sentence(sp.start)[0] != 0:
            return None
        P = self.people
        if P.pos and P.pos[0] < sp.start:
            return None  # the text names someone before the quote
        end = len(summary.rstrip())
        cut = max(summary.rfind(". ", 0, end - 1), summary.rfind("\n", 0, end - 1))
        m = sentence_subject(summary, cut + 1 if cut >= 0 else 0, end, None, self.R)
        if m is None or m.kind != "name":
            return None
        info = _name_info(m.text, self.version)
        if info is None or not info[4] or " " not in info[1] or info[1].rsplit(" ", 1)[-1] in self.R.org_words:
            return None  # surely a person, named in full
        return P.resolve(info[1], info[0], sp.start), info[2]

    def still_about(self, canon: str, a: int, b: int, *, first_person: bool = False) -> bool:
        """Whether the text between ``a`` and ``b`` (paragraphs between a speaker's
        quote and a floating one) goes on about ``canon``: names them, has a "he"/"she"
        of their gender (either, if not known; "Howard continued his scathing
        remarks.", "She pauses."), or (``first_person``: they spoke as "I") has an "I".
        Else the floating quote after it is not surely theirs (nor after another turn
        of a transcript: see ``turn_between``)."""
        if canon in self.people.named_between(a, b) or first_person and _word_in(self.masked, "I", a, b):
            return True
        g = self.people.gender_of(canon)
        words = _HE_SHE[g] if g in _HE_SHE else (*_HE_SHE["male"], *_HE_SHE["female"])
        return any(_word_in(self.masked, w, a, b) for w in words)

    def previous_subject(self, sp: Span) -> _Cue | None:
        """The subject of the writer's sentence just before the quote's sentence."""
        s0, _ = self.sentence(sp.start)
        if s0 == 0:
            return None
        p0 = self.sents.start(s0 - 1)
        if OPEN in self.masked[p0:s0]:
            return None
        c = sentence_subject(self.masked, p0, s0, None, self.R)
        if c is None or c.kind == "desc" or not self._personal(c):
            return None
        return _Cue(c)

    def _subject_of(self, vm: re.Match, s0: int) -> Mention | None:
        R, masked = self.R, self.masked
        v = vm.group()
        vs = vm.start()
        lo = max(s0, vs - 180)
        pw = _prev_word(masked, vs, lo)
        if pw is not None and "," not in masked[pw[2]:vs]:
            prev = pw[0]
            if prev.lower() in DETERMINERS or prev.lower() == "to" or prev.endswith(("’s", "'s")):
                # a noun ("the report", "AP’s report") or an infinitive ("to say")
                return None
            if v.endswith("s") and prev[:1].isupper():
                pw2 = _prev_word(masked, pw[1], lo)
                if pw2 is not None and pw2[0].lower() in _QUANTIFIERS and "," not in masked[pw2[2]:pw[1]]:
                    # a plural noun: "in many Asian states, and it has used …"
                    return None
        rel = pw
        for _ in range(2):  # (over an auxiliary or adverb: "who has called", "who once said")
            if rel is None or not (rel[0] in _AUX or rel[0] in ("has", "have", "had") or rel[0] in R.adverbs
                                   or rel[0].endswith("ly")):
                break
            rel = _prev_word(masked, rel[1], lo)
        if rel is not None and rel[0] == "who" and v not in R.ing_forms:
            # a relative clause: "Senator Ann Lee, who told us, “…”", "It was Justice
            # Marshall who reminded us"
            hi = rel[1] - 2 if masked.startswith(", ", rel[1] - 2) else rel[1] - 1
            c = subject_before(masked, lo, hi, v, R) if hi > lo else None
            if c is not None and c.kind == "name" and c.end == hi and not _org_or_place(c.text, R):
                return c  # (not a place: "the man he met in Jackson, Mississippi, who told him")
        if pw is not None and pw[0] == "and" and v not in R.ing_forms:
            # "Clinton slammed the shift … and accused Sanders of a “flip-flop”"
            c = subject_before(masked, lo, vs, v, R)
            return c if c is not None else sentence_subject(masked, s0, vs, v, R)
        if pw is not None and pw[0] in _PASSIVE and v not in R.ing_forms and "," not in masked[pw[2]:vs]:
            # "Sanders was asked by host Bill Maher": the speaker follows "by"
            m = _BY_RE.match(masked, vm.end())
            if m:
                return mention_after(masked, m.end(), min(len(masked), m.end() + 120), v, R)
            return None
        if v in R.ing_forms:
            qa = R.QUOTED_AS.search(masked, lo, vs)
            if qa:
                return subject_before(masked, lo, qa.start(), v, R)
            before = masked[max(lo, vs - 12):vs].rstrip()
            if before.endswith(","):
                # 'Spicer said, adding, “…”': the subject of that verb, not of the sentence
                comma = masked.rfind(",", lo, vs)
                vm2 = R.VERB_BEFORE_COMMA.search(masked, max(lo, comma - 40), comma + 1)
                if vm2 is not None and vm2.group(1) in _INVERTING:  # not a noun: "Trump’s comments,"
                    c = subject_before(masked, lo, vm2.start(1), vm2.group(1), R)
                    if c is not None and c.kind != "desc":
                        return c
                return sentence_subject(masked, s0, vs, v, R)
            if before.endswith((" while", " after", " before", " in", " by", " when")):
                return sentence_subject(masked, s0, vs, v, R)
            if pw is not None and pw[0] in _ASPECT and pw[1] > lo:
                # a verb of going on or starting, then what is said: "Sen. Ron Johnson kept
                # asking her why …": the subject of that verb, where it is a person's name
                # (a pronoun or a description goes on as any -ing form does: "we kept saying")
                c = subject_before(masked, lo, pw[1], v, R)
                if c is not None and c.kind == "name" and self._personal(c):
                    return c
            if pw is not None and (pw[0] in _AUX or pw[0][:1].isupper()):
                # 'Trump is insisting', 'with McCain calling it …'
                c = subject_before(masked, lo, vs, v, R)
                if c is not None and c.kind == "name" and pw[0] not in _AUX and not self._personal(c):
                    # 'responded to Vargas’ question on Facebook writing, “…”'
                    return sentence_subject(masked, s0, vs, v, R)
                return c
            return None
        return subject_before(masked, lo, vs, v, R)

    def colon_intro(self, sp: Span) -> _Cue | None:
        """'Obama said:' (or any sentence ending in a colon) right before the quote."""
        masked = self.masked
        j = sp.start - 1
        while j >= 0 and masked[j] in " \t\xa0\n":
            j -= 1
        if j < 0 or masked[j] != ":":
            return None
        s0, _ = self.sentence(j)
        s0 = max(s0, j - _WINDOW)
        verbs = list(self.R.VERB_RE.finditer(masked, s0, j))
        for vm in reversed(verbs[-3:]):
            c = self._subject_of(vm, s0)
            if c is not None:
                return _Cue(c)
        label = masked[s0:j]
        if ", " in label and len(label) <= 120:
            # a name and its title around a comma: 'Mark Zandi, chief economist at
            # Moody’s Analytics: “…”', 'Moody’s Analytics chief economist, Mark Zandi: “…”'
            a = s0
            for part in label.split(","):
                b = a + len(part)
                text = part.strip(" \xa0\n")
                info = _name_info(text, self.version) if text else None
                if info is not None and info[4] and info[0] is None and info[1] == text and " " in text:
                    start = masked.index(text, a, b)
                    return _Cue(Mention(start, start + len(text), text, "name", None))
                a = b + 1
        m = self.R.OWNER_BEFORE_COLON.search(masked, s0, j)
        if m is not None:
            a = m.start(1)
            for w in m.group(1).split()[:-1]:  # not "From" in "From Bush’s post:"
                if w not in self.R.not_names and w.lower() not in INTRO_WORDS:
                    break
                a = masked.index(" ", a) + 1
            return _Cue(Mention(a, m.end(1), masked[a:m.end(1)], "name", None))
        c = sentence_subject(masked, s0, j, None, self.R)
        if c is not None and c.kind != "desc":
            return _Cue(c)
        # a person named right before the colon: 'does not surprise pollster Daron
        # Shaw: “…”', transcripts ('Rep. Trey Gowdy (R-S.C.): “…”')
        c = subject_before(masked, s0, j, None, self.R)
        if c is not None and c.kind == "name" and self._personal(c):
            return _Cue(c)
        return None

    # -- naming
    def described(self, words: list[str], at: int, *, strict: bool = False) -> str | None:
        """The person that a definite description (the ``words`` of "the Florida
        senator") at ``at`` refers to: the salient person just before it (the subject a
        pronoun would take) if they were given a role with the same head; else, when
        that person's role is unknown, nobody; else the person named last before it
        (within ``_DESC_WINDOW``) with such a role. A capitalised word of the description
        ("Florida") must not clash with those of the role ("Iowa Sen."); with ``strict``
        ("the President of Ukraine") one of them must be in the role."""
        P = self.people
        head = _head_of(words[1:] or words, self.R.role_synonyms)  # (after "the")
        aff = self.R.affiliation_words
        mods = {"@" + w.lower() for w in words[1:-1]
                if w[:1].isupper() and (w.lower() not in self.R.role_or_person or _aff_key(w, aff))}

        i = bisect.bisect_left(P.pos, at)
        if not strict and not mods:
            # "The President of Ukraine stressed … “…,” the President said": a bare
            # description goes on from the qualified one before it
            prior = self._qualified_before(head, at)
            if prior is not None:
                return prior
            office = self._title_office
            if office is not None and office[0] == head and len(words) == 2:
                # "President of Ukraine honored …" over the text: its bare "the
                # President" is that country's
                return self.described(["the", *office[1].split(), words[-1]], at, strict=True)
        salient = P.pronoun("any", at, window=400)
        if salient is not None:
            ok = P.role_fit(salient, head, mods, at, strict=strict)
            if ok is None:
                if (strict or mods) and self._alone(salient, head, mods, at, strict):
                    # a qualified description ("the President of Russia") of the one
                    # person named nearby, whose role is not given: "Vladimir Putin
                    # noted … “…,” the President of Russia noted"
                    return salient
                if not strict and self._carried(words, head, mods, salient, at):
                    return salient
                return None
            if ok:
                return salient
            if P.role_fit(salient, head, mods, at, strict=strict, salient=True) \
                    and self._alone(salient, head, mods, at, strict):
                # their role was given with no country, and nobody else named nearby
                # may be the one: "President Volodymyr Zelenskyy … the President of
                # Ukraine said" (not "President Biden met Xi Jinping … the Chinese President")
                return salient
        tried: set[str] = {salient} if salient else set()
        while i > 0:
            i -= 1
            if P.pos[i] < at - _DESC_WINDOW:
                break
            canon = P.items[i][0]
            if canon in tried:
                continue
            tried.add(canon)
            if P.role_fit(canon, head, mods, at, strict=strict):
                return canon
        return None

    def _carried(self, words: list[str], head: str, mods: set[str], canon: str, at: int) -> bool:
        """Whether a description at ``at`` goes on from ``canon``, the person a pronoun
        there would take, whose role is not known: "Cruz warned against … “…,” the Texas
        senator said". Only a definite description of one person, headed by a person
        noun in lower case (not a title, "the President", nor one who speaks for
        another, "the spokesman"), of a person named in full in an earlier sentence;
        and nobody named before with a role that fits, everyone named since known to
        hold another role, no other name since, nothing since called by its head
        ("greeted by an organizer … the organizer told them")."""
        R, P = self.R, self.people
        last = words[-1].rstrip(".,")
        if words[0].lower() != "the" or not last.islower() or last not in R.person_heads or last in R.agent_nouns \
                or any(w.lower() in ("and", "or", "&") or "’s" in w or "'s" in w for w in words) \
                or " " not in canon or _org_or_place(canon, R) \
                or any(" ".join(words[-n:]).lower() in R.office_titles.get(n, ()) for n in (1, 2)):
            # (a person named by a first name alone is one addressed, "Thanks, Karine";
            # an office one person holds, "the president", names its holder)
            return False
        g = R.kin_gender.get(last) or ("female" if last.endswith("woman") else "male" if last.endswith("man") else None)
        if g and P.gender_of(canon) not in (g, None):
            return False
        j = P.last_mention(canon, at)
        if j < 0 or P.ends[j] > self.sentence(at)[0]:
            return False  # (named in the same sentence: "hosts Joe Scarborough and Mika Brzezinski, the …")
        since = P.ends[j]
        if _ASKED_AFTER_RE.match(self.masked, since):
            return False  # (the one who asked is not the one who answers: "“…?” Borger asked.")
        if any(P.role_fit(other, head, mods, at) is not False for other in set(P.named_between(since, at)) - {canon}) \
                or any(P.role_fit(other, head, mods, at)
                       for other in set(P.named_between(at - _DESC_WINDOW, since)) - {canon}):
            return False  # (someone named before with a role that fits: "Prince Alwaleed …")
        if self._other_name_since(canon, at, lo=since, orgs=True):
            return False  # (or an organisation: "The Canadian Chamber of Commerce wrote")
        return re.search(rf"\b{re.escape(last)}\b", self.masked[since:at], re.IGNORECASE) is None

    def _alone(self, canon: str, head: str, mods: set[str], at: int, strict: bool) -> bool:
        """Whether nobody but ``canon`` named within ``_DESC_WINDOW`` before ``at`` may be
        the one a description with ``head`` and ``mods`` refers to."""
        P = self.people
        return not any(P.role_fit(other, head, mods, at, strict=strict) is not False
                       for other in set(P.named_between(at - _DESC_WINDOW, at)) - {canon}
                       ) and not self._other_name_since(canon, at)

    def _other_name_since(self, canon: str, at: int, lo: int | None = None, *, orgs: bool = False) -> bool:
        """Whether a capitalised run that may name someone else than ``canon`` (a person
        not known as one: "Xi Jinping"; with ``orgs`` an organisation opening a sentence
        too) stands between ``lo`` (default: ``canon``'s first mention within
        ``_DESC_WINDOW`` before ``at``) and ``at``."""
        P = self.people
        if lo is None:
            i, lo = bisect.bisect_left(P.pos, at), at
            while i > 0 and P.pos[i - 1] >= at - _DESC_WINDOW:
                i -= 1
                if P.items[i][0] == canon:
                    lo = P.pos[i]
        R, own = self.R, _key(canon, self.version)
        for m in R.CAPSEQ_FAST.finditer(self.masked, lo, at):
            raw = m[0]
            if " " not in raw:
                continue
            info = _name_info(raw, self.version)
            if info is None or info[2] == own or info[2] in P.by_key:
                continue  # (a known person's role was weighed in ``described``)
            if raw in R.place_names or info[1] in R.place_names:
                continue
            if " " in info[1] and not _org_or_place(info[1], R):
                return True
            if orgs and not self.masked[self.sentence(m.start())[0]:m.start()].strip():
                return True  # (an organisation opening its sentence: its subject)
        return False

    @functools.cached_property
    def _title_office(self) -> tuple[str, str] | None:
        """(head, country) of the one office of a country that a title naming nobody
        names ("President of Ukraine honored …"): ("president", "Ukraine"). (A title
        that names someone, or two offices, may name a guest's: "… discussed Donbas
        with the Federal Chancellor of Germany and the President of France".)"""
        if not self.title or self.title_names:
            return None
        toks = [w.strip(",.:;!?\"“”") for w in self.title.split()]
        places, heads, syn = self.R.place_names, self.R.person_heads, self.R.role_synonyms
        found = []
        for i in range(len(toks) - 2):
            head = toks[i].lower()
            if toks[i + 1] != "of" or not toks[i][:1].isupper() or syn.get(head, head) not in heads \
                    or i and toks[i - 1].lower() in self.R.role_words:
                continue  # (not a longer title's last word: "Executive Vice President of …")
            j = i + 3 if toks[i + 2] == "the" else i + 2
            for k in (3, 2, 1):
                place = " ".join(toks[j:j + k])
                if place in places and not (j + k < len(toks) and toks[j + k][:1].isupper()):
                    found.append((syn.get(head, head), place))
                    break
        return found[0] if len(found) == 1 else None

    def _qualified_before(self, head: str, at: int) -> str | None:
        """The person a qualified description with ``head`` describes ("the President of
        Ukraine"), if one stands within 400 characters before ``at`` (the last such) and
        nobody is named between them."""
        syn, lo = self.R.role_synonyms, max(0, at - 400)
        last = None
        for m in _QUALIFIED_DESC_RE.finditer(self.masked, lo, at):
            word = m[2].lower()
            if (m[1] or m[3]) and syn.get(word, word) == head:
                last = m
        if last is None or self.people._mention_in(last.end(), at):
            return None  # (a person named since is the one to weigh: see ``described``)
        words = ["the", *last[1].split(), *(last[3].split() if last[3] else ()), last[2]]
        return self.described(words, last.start(), strict=True)

    def _role_phrase(self, c: _Cue, words: list[str]) -> bool:
        """Make ``c`` a description if its words are "the" and a role of several words
        ("the Ukrainian Head of State", "the President’s wife"): one head, from
        ``role_synonyms``."""
        if words[0].lower() != "the":
            return False
        for n, phrases in self.R.role_phrases.items():
            head = phrases.get(" ".join(words[-n:]).lower().rstrip(".,;:")) if len(words) > n else None
            if head is not None:
                self._as_description(c, [*words[:-n], head])
                return True
        return False

    def _owned_role(self, words: list[str], at: int) -> list[str] | None:
        """The description words ("the", qualifiers, head) of "the wife of the
        President [of Ukraine]" (``words[at]`` is its first "of"), where
        ``role_synonyms`` knows the possessive form ("president’s wife": lady); else
        None (``_quote_rules.owned_role``)."""
        got = _owned_role(words[at - 1:], self.R.role_synonyms) if words[0].lower() == "the" else None
        if got is None:
            return None
        head, rest = got
        return ["the", *rest[1 + (rest[1].lower() == "the"):], head] if rest else ["the", head]

    def _joint(self, c: _Cue) -> bool:
        """Make ``c``'s speaker both persons of "A and B" ("Mark Blumenthal and Jon
        Cohen wrote", "Senate leader Phil Berger and House Speaker Tim Moore said"),
        each by their most complete name, if both sides name a person in full."""
        left, right = c.mention.split(" and ", 1)
        names = []
        for part in (left, right):
            info = _name_info(part, self.version)
            if info is None or " " not in info[1] or not _first(info[1], self.version) \
                    or _org_or_place(info[1], self.R):
                return False
            names.append(self.people.resolve(info[1], info[0], c.m_start))
        c.speaker, c.key, c.role = " and ".join(names), None, None
        return True

    def _as_description(self, c: _Cue, words: list[str] | None = None, *, strict: bool = False) -> None:
        """Make ``c`` a description, its words the role; its speaker the person that
        ``words`` describe (see ``described``), if given and found."""
        c.kind = "desc"
        c.role = c.mention
        if words is not None:
            c.speaker = self.described(words, c.m_start, strict=strict)
            c.key = _key(c.speaker, self.version) if c.speaker else None

    def resolve(self, c: _Cue) -> None:
        """Find the speaker of ``c``; an office named by a description ("the President",
        "the Russian Prime Minister") that the text does not tie to a person is its
        holder on the article's date (``office_holders``), where the article has one."""
        if c.resolved:
            return
        self._resolve_cue(c)
        if self.day is None or c.kind == "pronoun" or not c.mention:
            return
        found = self._dated_holder(c.mention)
        if found is None:
            return
        holder, title, head, country = found
        if c.speaker is None:
            if holder is not None:
                c.speaker, c.key, c.role = holder, _key(holder, self.version), c.role or c.mention
            return
        if country is None or holder is not None and c.key == _key(holder, self.version) \
                or self.people.role_fit(c.speaker, head, {"@" + country.lower()}, c.m_start, strict=True):
            return
        # a country's office, and the text does not give it to the person found: its
        # holder then ("the Ukrainian President" after the President of Russia spoke),
        # and nobody if the table shows that person in another country's office then
        if holder is not None:
            c.speaker, c.key, c.role = holder, _key(holder, self.version), c.role or c.mention
        elif c.key is not None and any(
                (h := _offices.holder_on(title, other, self.day, self.version)) is not None and _key(h, self.version) == c.key
                for t, other in _offices.terms(self.version) if t == title and other != country):
            c.speaker, c.key = None, None

    def _dated_holder(self, mention: str) -> tuple[str | None, str, str, str | None] | None:
        """(holder, title, head, country named) for the office that ``mention`` names
        ("the President of Russia": Russia's; a bare "the President" only on an official
        site, as that site's country's, and country None) on the article's date; the
        holder by the article's name for them if it has one, None if the table has
        nobody then."""
        found = _offices.office_named(mention, self.site_country, self.day, self.version)
        if found is None:
            return None
        title, named, holder = found
        head = _head_of(title.split(), self.R.role_synonyms)  # ("vice president", as ``described`` reads it)
        if holder is None:
            return None, title, head, named
        # (the holder as the article names them, "Biden"; not a relative, "Hunter Biden")
        key, version = _key(holder, self.version), self.version
        same = {canon for canon, _subj in self.people.items
                if _key(canon, version) == key and _same(canon, holder, version)}
        return (max(same, key=len) if same else holder), title, head, named

    def _resolve_cue(self, c: _Cue) -> None:
        c.resolved = True
        P = self.people
        if c.kind == "pronoun":
            g = _PRONOUN_GENDER.get(c.mention.lower())
            if g in ("male", "female"):
                c.speaker = P.pronoun(g, c.m_start, window=self._turns_window(c.m_start))
                c.key = _key(c.speaker, self.version) if c.speaker else None
                asked = self._asked_about(c.m_start)
                kin = self._kin_since(c.m_start, c.speaker, g) if asked is None and c.speaker else None
                if kin is not None:
                    # "my dad … he used to look at me and say": that unnamed man, not the
                    # last man named before him
                    c.speaker, c.key, c.role = None, None, kin
                elif asked is None and c.speaker is not None:
                    # "The Head of State also met doctors. “…,” he said": the person the
                    # previous sentence's subject describes, not one named before it
                    d = self._described_subject(c.m_start)
                    if d is not None:
                        self.resolve(d)
                        if d.speaker is not None and P._fits_gender(d.speaker, g):
                            c.speaker, c.key = d.speaker, d.key
                if asked is not None:
                    # a reporter's "he" after "the President" with nobody named since:
                    # the one that title names, or nobody (not a person named before
                    # it, unless that person was given the title)
                    self.resolve(asked)
                    head = asked.mention.split()[-1].lower()
                    if asked.speaker is not None or not (c.speaker and P.role_fit(c.speaker, head, set(), c.m_start)):
                        c.speaker, c.key = asked.speaker, asked.key
            elif c.mention == "I":
                self._first_person(c)
            return
        if c.kind == "desc" and " " not in c.mention and c.mention[:1].isupper() \
                and P.by_key.get(c.mention.lower()):
            # "Parents said" where the article names "Jane Parents": a surname, not a group
            c.kind = "name"
        if c.kind == "desc":
            c.role = c.mention
            words = c.mention.split()
            owner = _speech_owner(words, self.R)
            if owner is not None:
                # "Trump’s statement said", "according to Axelrod’s memoir"
                c.speaker = P.resolve(owner, None, c.m_start)
                c.key = _key(c.speaker, self.version)
                return
            if self._role_phrase(c, words):
                return
            if words[0].lower() == "the" and len(words) >= 2 and words[-1].lower() in self.R.person_heads:
                self._as_description(c, words)
            return
        words = c.mention.split()
        if self._role_phrase(c, words):
            return
        org = _organisation(words, self.R, self.version)
        if org is not None:
            # an organisation speaks, by its whole name (not "Department" with the role
            # "the State", nor nobody for "the White House")
            c.speaker, c.key, c.role = org, None, None
            return
        linked = (any(w in _ROLE_LINKS for w in words[1:-1]) and not words[1][:1].isupper()
                  and (words[0].islower() or words[0].lower() in DETERMINERS
                       or words[0].lower() in self.R.speaker_nouns))  # "Officials at …"
        of_at = next((k for k in range(2, len(words) - 1) if words[k] in ("of", "to")), None)
        if not linked and words[0].lower() in ("the", "a", "an") and of_at is not None:
            # "The CEO of Pioneer Natural Resources": the CEO speaks, unnamed
            # (not "footage of Trump", which has no article before the role); also "the
            # Adviser to the President" (capitalised: a lower-case one is linked above)
            at = of_at
            linked = words[at - 1].lower().rstrip(".") in self.R.role_or_person
            owned = self._owned_role(words, at)
            if owned is not None:
                # "the wife of the President of Ukraine": as "the President’s wife" is
                self._as_description(c, owned, strict=len(owned) > 2)
                return
            if linked and words[0].lower() == "the":
                # "the President of Ukraine": the president named before, if one was
                # (the words before the role kept next to it: "the Deputy Head of the Office")
                self._as_description(c, [words[0], *words[at + 1:], *words[1:at - 1], words[at - 1]], strict=True)
                return
        k = words.index("of") if "of" in words[1:-1] else 0
        if k and not linked and words[0].lower() not in ("the", "a", "an") \
                and " ".join(words[k + 1:]) in self.R.place_names \
                and words[k - 1].lower().rstrip(".") in self.R.role_or_person:
            # "President of Ukraine" (a sentence's "The" left out): the president, as
            # "the President of Ukraine" is, never the country
            self._as_description(c, ["the", *words[k + 1:], *words[:k - 1], words[k - 1]], strict=True)
            return
        if linked or words[0].lower() in self.R.indefinite:
            # 'A spokesman for … Hillary Clinton', 'a person close to the Clintons',
            # 'one unaligned Florida Republican': nobody is named, the words are the
            # role; but 'A flabbergasted Noah' names a person known in the article
            tail = _name_info(words[-1], self.version)
            org = words[-1] in self.R.org_words  # 'A Government Accountability Office report'
            if linked or not org and (tail is None or not P.by_key.get(tail[2]) or words[-2][:1].isupper()):
                # ("the Head of the President’s Office": the head, not the office)
                self._as_description(c)
                return
        if " and " in c.mention and self._joint(c):
            return
        info = _name_info(c.mention, self.version)
        if info is None:
            if len(words) >= 2 and words[0].lower() == "the" and words[-1].lower() in self.R.person_heads and all(
                    w[:1].isupper() or w.lower() in self.R.role_or_person for w in words[1:-1]):
                # a capitalised title as a description: "the President said", "the
                # Ukrainian President" (not "the ones State")
                self._as_description(c, words)
            return
        role, name = info[0], info[1]
        if " " not in name and self._place_modifier(c, words, name):
            # "the Russian state", "according to the Kiev strategists", "Our colleague
            # from Qatar": a place qualifies whoever speaks; nobody is named, the
            # words may describe a person named before ("the Republican said")
            self._as_description(c, words)
            return
        k = next((j for j in range(len(words) - 2, -1, -1) if words[j].endswith(("’s", "'s"))), None)
        if k is not None and name.endswith(" ".join(words[k + 1:])) and len(name.split()) >= len(words) - k - 1:
            # "The Wall Street Journal's Jennifer Smith": the owner, as written, is part of the role
            role = " ".join(words[:k + 1])
            name = " ".join(words[k + 1:])
        c.role = role if role is not None else self._apposed_role(c.m_start)
        c.key = info[2]
        c.speaker = P.resolve(name, role, c.m_start)
        if c.speaker == name == c.mention and " " not in name and self._common_word(name):
            # a sentence's first word that the text also writes in lower case is no
            # name: "Matter of fact, … saying, “…”", "Generations of sentinels have …,
            # pledging their “…”"
            c.speaker = c.key = None

    def _apposed_role(self, start: int) -> str | None:
        """A role in apposition right before the name at ``start``: "Sanders’s campaign
        manager, Jeff Weaver, said", "said the bureau's director, James B. Comey", "his
        wife, Gabriela Lazar, wrote" (the words after the clause's last break, a
        reporting verb left out, as ``_role_words`` accepts them)."""
        masked = self.masked
        lo = max(0, start - 120)
        if not masked.startswith(", ", start - 2) or start - 2 <= lo:
            return None
        k = start - 3
        while k >= lo and masked[k] not in _CLAUSE_BREAK:
            k -= 1
        if k < lo:
            return None
        phrase = masked[k + 1:start - 2].strip(" \xa0")
        vm = self.R.VERB_RE.match(phrase)
        if vm is not None:  # "said the bureau's director, …"
            phrase = phrase[vm.end():].strip(" \xa0")
        words = phrase.split()
        while words and words[0] in _ROLE_OPENERS:
            words.pop(0)  # "As Virginia's governor, Kaine …", "And Florida’s attorney general, …"
        if not words or words[0].lower() in _OPENING_PREPOSITIONS or "and" in words or "or" in words:
            return None  # (not "In his email to members", "NATO and other world partners")
        return " ".join(words) if _role_words(words, self.R) else None

    def _common_word(self, word: str) -> bool:
        """Whether ``word`` ("Matter") is a common word here (outside the quotes):
        :func:`_names.written_in_lower_case`."""
        return _names.written_in_lower_case(word, (self.masked,), self.people.first_names)

    def _place_modifier(self, c: _Cue, words: list[str], name: str) -> bool:
        """Whether the one-word place or nationality ``name`` that the mention ``words``
        gives only qualifies the speaker: an adjective ("the Russian state"; not the
        people, "Russians say"), after a lower-case head ("Our colleague from Qatar"), or
        before a lower-case noun after "according to" ("according to the Kiev
        strategists"); not "Russia added", "the Pentagon has described"."""
        R = self.R
        low = name.lower()
        aff = R.affiliation_words.get(low)
        if aff is None and name not in R.place_names:
            return False
        if aff is not None and aff.lower() != low and low[:3] == aff[:3].lower() and not low.endswith("s"):
            # a nationality: the adjective of its country ("Russian", "Ukrainian",
            # "European"), not a place or body in it ("Moscow", "Kremlin") nor its
            # people ("Russians say")
            return True
        if any(w.islower() and w not in DETERMINERS for w in words[:-1]):
            return True
        return bool(c.cue and c.cue.lower().startswith("according") and c.m_end is not None
                    and _NEXT_LOWER_RE.match(self.masked, c.m_end))



# "went on to say", "went on about …", "goes on and on" are speech; "goes on recess" is not
_IDLE_AFTER_RE = re.compile(r"[ \xa0]+(?!(?:to|about|and|at|with|for|record)\b)[a-z]")


def _speech_owner(words: list[str], R: Rules) -> str | None:
    """The name owning what was said in a description ("Hillary Clinton’s statement",
    "Bush’s Facebook post"), if it is one."""
    if words[-1].lower() not in R.speech_nouns:
        return None
    for n, w in enumerate(words[:-1]):
        if w.endswith(("’s", "'s")) and w[:1].isupper() and len(words) - n <= 4:
            name = words[:n] + [w[:-2]]
            if all(x[:1].isupper() for x in name) and name[0] not in R.not_names:
                return " ".join(name)
            return None
    return None


_ORG_JOINERS = frozenset(["of", "for", "and", "&"])


def _org_or_place(name: str, R: Rules) -> bool:
    """Whether a name that ``_name_info`` gives is an organisation's ("Fox News") or a
    place's ("North Korea") rather than a person's; "X of Y" by its X ("Chamber of
    Commerce")."""
    return name.rsplit(" ", 1)[-1] in R.org_words or name in R.place_names or (
        " of " in name and name.split(" of ", 1)[0].rsplit(" ", 1)[-1] in R.org_words)


def _organisation(words: list[str], R: Rules, version: int) -> str | None:
    """The name of an organisation that speaks ("the State Department", "the Russian
    Defense Ministry", "the White House", "the Ministry of Defense"), as written without
    its article: capitalised words, the last one an organisation word or the first one
    an organisation word its complement follows ("of …"). Not a role of a person ("the
    Secretary of State"), nor a titled name ("Atlantic City Mayor Don Guardian")."""
    if words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if len(words) < 2 or not (words[-1] in R.org_words or any(
            words[j] in R.org_words and words[j + 1] == "of" for j in range(len(words) - 1))):
        # ("the Ministry of Defense", "the Canadian Chamber of Commerce")
        return None
    if words[0] in R.not_names and len(words) == 2:
        return None  # "But Democrats": one word after what opens a sentence
    for j, w in enumerate(words):
        if w in _ORG_JOINERS:
            if j == 0 or j == len(words) - 1 or w in ("of", "for") and words[j - 1].lower() in R.role_or_person:
                # "Secretary of State", "the Head of the President’s Office" (not "Health
                # and Human Services": "and" joins two of the body's words)
                return None
        elif not (w[:1].isupper() and w != "The" or w == "the" and words[j - 1] == "of"):
            return None
    info = _name_info(" ".join(words), version)
    if info is not None and info[4] and " " in info[1]:
        return None  # a person, a title before the name
    return " ".join(words)


def _idle_phrase(masked: str, vm: re.Match) -> bool:
    """A particle phrase used literally: "once the Senate goes on recess" (as a cue it
    stands before "to", a comma, a colon or the quote: "went on to say", "goes on: “…”")."""
    v = vm.group()
    return v.endswith(" on") and _IDLE_AFTER_RE.match(masked, vm.end()) is not None


def _role_gap(gap: str, R: Rules) -> bool:
    """A role before a name in apposition: '“…,” Sanders’s campaign manager, Jeff
    Weaver, said' (the gap is "Sanders’s campaign manager, "), '“…,” his wife,
    Gabriela Lazar, wrote'."""
    gap = gap.strip(" \xa0")
    if not gap.endswith(",") or "," in gap[:-1]:
        return False
    return _role_words(gap[:-1].split(), R)


def _role_words(words: list[str], R: Rules) -> bool:
    """Whether ``words`` make a role that may stand in apposition before a name: a role
    word, a relative or people of a role at the end ("his wife", "top executives"), a
    possessive, a role word or a possessive determiner at the start."""
    return 1 <= len(words) <= 7 and role_head(words[-1].lower(), R) and (
        any(w.endswith(("’s", "'s")) for w in words) or words[0].lower() in R.role_words
        or words[0].lower() in _POSSESSIVE_DETS)


def _short_tail(masked: str, pos: int, lim: int) -> bool:
    """True when the attribution sentence ends soon after the verb ('Trump said.')."""
    seg = masked[pos:min(lim, pos + 40)]
    return bool(_SHORT_TAIL_RE.match(seg))


_SHORT_TAIL_RE = re.compile(r"[^.;:!?\n]{0,30}[.,;:!?]|\s*$")


def _kind(text: str, masked: str, sp: Span, s0: int) -> str:
    inner = text[sp.start + 1: sp.end - 1].strip(" '’‘\"“”")
    if not inner:
        return "partial"
    pre = masked[max(s0, sp.start - 40):sp.start].rstrip()
    starts_sentence = not pre or pre.endswith((":", ",")) or pre[-1] in MASKS
    if sp.pieces and len(sp.pieces) > 1:
        return "full"
    first = inner[0]
    if starts_sentence and (first.isupper() or first.isdigit() or first in "…."):
        return "full"
    return "partial"


_TITLE_WORD_RE = re.compile(r"[A-Za-z][\w’'\-]*")
# eleven _TITLE_WORD_RE words from the start (possessive: a word is never split)
_ELEVEN_WORDS_RE = re.compile(r"(?:[^A-Za-z]*+[A-Za-z][\w’'\-]*+){11}")
_SMALL = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "&", "is", "it"}
_NICK_BEFORE_RE = re.compile(
    r"(?:known as|nicknamed|dubbed|goes by|went by|go by|called himself|called herself|titled|entitled|headlined)\s+$"
)
_SCARE_BEFORE_RE = re.compile(r"(?:so-called|quote-unquote|quote,? unquote)[ \xa0]+$", re.I)
_NAMING_BEFORE_RE = re.compile(
    r"\b(?:call(?:ed|s|ing)?|label(?:l?ed|s)?|brand(?:ed|s)?)(?:[ \xa0]+(?:him|her|them|it|me|us|you|[A-Z][\w’'\-]*(?:[ \xa0][A-Z][\w’'\-]*)?))?[ \xa0]+(?:a[ \xa0]+|an[ \xa0]+|the[ \xa0]+)?$"
)
# "(?<![.!?] )[A-Z]…" with the look-behind after the capital (a leading look-behind
# makes the engine try a match at every character)
_CAP_BEFORE_RE = re.compile(r"[A-Z](?<![.!?] .)[\w’'\-]*[ \xa0]+$")
_CAP_AFTER_RE = re.compile(r"[ \xa0]+[A-Z]")
_STOP_SPACE_RE = re.compile(r"[.!?]\s")
# a quote in a list of quoted words, next to another: "Hostomel", "Borodyanka" and "Izyum"
# (a comma or "and" between them, or a comma inside the first: "“losers,” “dopes”")
_LIST_SEP = r"[ \xa0]*(?:,[ \xa0]*(?:(?:and|or)[ \xa0]+)?|(?:and|or)[ \xa0]+)"
_LIST_NEXT_RE = re.compile(rf"(?:(?<={CLOSE_COMMA})[ \xa0]+(?:(?:and|or)[ \xa0]+)?|{_LIST_SEP}){OPEN}")
_LIST_PREV_RE = re.compile(
    rf"(?:{CLOSE_COMMA}[ \xa0]+(?:(?:and|or)[ \xa0]+)?|[{CLOSE_COMMA}{CLOSE_STOP}{CLOSE_NONE}{CLOSE_ASK}]{_LIST_SEP})$")


@functools.cache
def _work_words(version: int) -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon("work_cues"))


@functools.cache
def _act_nouns(version: int) -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon("act_nouns"))


# the last words before a quote, a number among them ("Law No. 2875-XII", "Decree № 64/2022")
_ACT_WORD_RE = re.compile(r"[\w№/\-]+")


def _act_title(inner: str, before: str, version: int) -> bool:
    """A legal act's or an event's title in the form "On …", a few words after the
    document it names: the Law of Ukraine “On the Fundamentals of National Resistance”,
    Decree № 64/2022 “On the imposition of martial law in Ukraine”. A quote that goes on
    past a comma ("On June 23, the Council will …") or after a colon is speech."""
    if not inner.startswith("On ") or "," in inner or _STOP_SPACE_RE.search(inner):
        return False
    tail = before.rstrip()
    if not tail or tail[-1] in ":.!?;":
        return False
    nouns = _act_nouns(version)
    return any(w.lower() in nouns for w in _ACT_WORD_RE.findall(tail)[-6:])


def _non_speech(text: str, masked: str, sp: Span, has_cue: bool, has_subject: bool, kind: str,
                version: int) -> bool:
    """Scare quotes, titles of works, nicknames. ``has_cue``: a reporting verb names the
    speaker; ``has_subject``: at least the sentence has a subject who may speak."""
    inner = text[sp.start + 1: sp.end - 1].strip(" ,.;:!?'’‘\"“”")
    # only up to 11 words matter (every test below on the words is on n <= 10): a
    # quote of more than ten words is told by one match, without building them
    if _ELEVEN_WORDS_RE.match(inner):
        words, n = [], 11
    else:
        words = _TITLE_WORD_RE.findall(inner)
        n = len(words)
    if n == 0:
        return True
    if sp.pieces:
        return False
    before = masked[max(0, sp.start - 40): sp.start]
    if _act_title(inner, before, version):
        return True
    after = masked[sp.end: sp.end + 3]
    # nickname between two name words: George “Jay” Smith
    if n <= 3 and kind == "partial" and _CAP_BEFORE_RE.search(before) and _CAP_AFTER_RE.match(after):
        return True
    if n <= 4 and _NICK_BEFORE_RE.search(before):
        return True
    if n <= 3 and _SCARE_BEFORE_RE.search(before):
        return True  # a so-called “reform”
    titled = n <= 10 and all(w[0].isupper() or w.lower() in _SMALL for w in words) and not _STOP_SPACE_RE.search(inner)
    if titled and kind == "partial":
        pw = _prev_word(before, len(before))
        if pw is not None and (pw[0].lower() in _work_words(version) or pw[0].endswith(("’s", "'s"))):
            # "on NBC’s “Meet the Press”", "the film “Selma”"
            return True
        if not has_cue and not _NAMING_BEFORE_RE.search(before):
            # a title, unless someone is being called it: 'called him “Lyin’ Ted”'
            return True
    if kind == "full" and not has_cue and n <= 3 and (
            _LIST_NEXT_RE.match(masked, sp.end) or _LIST_PREV_RE.search(before)):
        # words named, not said: a list of quoted words standing as a sentence, with no
        # speaker to it ("Hard words. “Hostomel”, “Borodyanka” and “Izyum”."); in a
        # writer's sentence such a list is most often someone's words ("his backers are
        # waging “profane” and “sexist” attacks")
        return True
    if has_cue or kind == "full":
        return False
    # title of a work: every content word capitalised, no sentence inside
    if titled:
        return True
    # a short phrase with nobody saying it
    return n <= 3 and not has_subject


def _extract(text: str, title: str | None = None, summary: str | None = None,
             day: dt.date | None = None, site_country: str | None = None) -> list[list]:
    """Rows (in COLUMNS order) for one article."""
    if not text or not isinstance(text, str):
        return []
    art = _Article(text, title if isinstance(title, str) else None, summary if isinstance(summary, str) else None,
                   day, site_country)
    if not art.spans:
        return []
    masked, spans, version = art.masked, art.spans, art.version
    n = len(spans)
    cues: list[_Cue | None] = [art.direct_cue(sp) for sp in spans]
    sent_of = [art.sentence(sp.start)[0] for sp in spans]
    kinds = [_kind(text, masked, sp, sent_of[i]) for i, sp in enumerate(spans)]
    # quotes of one sentence share a cue: “A,” he said, “B.” / “A” and “B,” X said.
    for i in range(n):
        if cues[i] is None:
            for j in (i - 1, i + 1):
                if 0 <= j < n and sent_of[j] == sent_of[i] and cues[j] is not None:
                    cues[i] = cues[j]
                    break
    # the next quote of the same paragraph that has a cue (one pass, not a scan per quote)
    next_cue = [-1] * n
    for i in range(n - 2, -1, -1):
        if spans[i + 1].paragraph == spans[i].paragraph:
            next_cue[i] = i + 1 if cues[i + 1] is not None else next_cue[i + 1]
    out = []
    last: tuple | None = None  # (speaker, key, end, paragraph, cue)
    for idx, sp in enumerate(spans):
        c = cues[idx]
        kind = kinds[idx]
        direct = c is not None
        if c is None:
            c = art.colon_intro(sp)
        strong = c is not None
        has_subject = strong
        if c is None:
            c = art.subject_cue(sp)
            has_subject = c is not None or art.has_subject(sp)
        if _non_speech(text, masked, sp, strong, has_subject, kind, version):
            continue
        continued = False
        speaker = key = None
        if c is not None:
            art.resolve(c)
            speaker, key = c.speaker, c.key
            if speaker and direct and c.mention != "I" and (c.key is not None or " and " not in speaker):
                # (a speaker's "I" is no antecedent of a later "he" or "she", nor are two
                # persons, "A and B")
                art.people.add_mention(c.m_start, speaker)
        else:
            # same paragraph (and transcript turn): the quote before it; else the next
            # quote's cue
            if last is not None and last[3] == sp.paragraph and not art.turn_between(last[2], sp.start):
                speaker, key, c = last[0], last[1], last[4]
                continued = True
            else:
                j = next_cue[idx]
                nxt = cues[j] if j >= 0 and not art.turn_between(sp.end, spans[j].start) else None
                if nxt is not None:
                    art.resolve(nxt)
                    speaker, key, c = nxt.speaker, nxt.key, nxt
                else:
                    # a floating quote continues the last speaker unless someone else
                    # was named since, or a paragraph between is not about them (see
                    # still_about); then the subject of the sentence before it speaks
                    others = None
                    if last is not None:
                        since = last[2]
                        lc = last[4]
                        if lc is not None and lc.m_start is not None and lc.m_start >= since:
                            # names in the cue's own sentence after the quote are no new
                            # speaker: '“…,” he told CNN’s Chris Cuomo.'
                            since = max(since, min(art.sentence(lc.m_start)[1], sp.start))
                        others = [k for k in art.people.named_between(since, sp.start)
                                  if k != last[0]]
                        if not others and (art.turn_between(since, sp.start) or (
                                sp.paragraph - last[3] > 1 and last[0] is not None
                                and not art.still_about(last[0], since, sp.start,
                                                        first_person=lc is not None and lc.mention == "I"))):
                            # (another turn of a transcript, or a paragraph between that
                            # is not about them)
                            others = None
                    if last is not None and others == []:
                        speaker, key, c = last[0], last[1], last[4]
                        continued = True
                    else:
                        c = art.previous_subject(sp)
                        if c is not None:
                            art.resolve(c)
                            speaker, key = c.speaker, c.key
                        elif last is None and (lede := art.lede_subject(sp)) is not None:
                            # the text opens with the quote: the summary above it says who
                            speaker, key = lede
        if c is not None and c.key and speaker:
            art.people.add_speaker(c.key, speaker)
        out.append([
            sp.start,
            sp.end,
            text[sp.start:sp.end],
            speaker,
            c.mention if c is not None else None,
            c.m_start if c is not None else None,
            c.m_end if c is not None else None,
            c.role if c is not None else None,
            c.cue if c is not None else None,
            kind,
            continued,
            sp.paragraph,
        ])
        if speaker is not None or c is not None:
            last = (speaker, key, sp.end, sp.paragraph, c)
    if any(row[3] is None and row[4] is None for row in out):
        _addressed(art, out)
    if any(row[3] is not None and row[3].isupper() for row in out):
        _recase_labels(text, out)
    return out


# "you said", "as you put it", "you told us", right before a quote in its sentence
_YOU_SAID_RE = re.compile(
    r"(?<![\w’'])([Yy]ou)(?:[ \xa0]+(?:just|also|have|had|did|once|then|already|recently|earlier))*[ \xa0]+"
    r"(?:(said|say|told|mentioned|noted|promised|wrote|described)\b[^.?!\n“”\"]{0,60}|(put[ \xa0]+it),?[ \xa0]*)$")


def _addressed(art: _Article, rows: list[list]) -> None:
    """In a transcript, a quote that no one is named for, right after "you said" (a
    reporter quoting the briefer back: "Q    … you said “in the coming weeks”"), is
    the words of whoever "you" is there (:meth:`_Article._second_person`); in place."""
    masked = art.masked
    for row in rows:
        if row[3] is not None or row[4] is not None:
            continue
        start = row[0]
        s0 = art.sentence(start)[0]
        m = _YOU_SAID_RE.search(masked, max(s0, start - 90), start)
        if m is None:
            continue
        c = _Cue(Mention(m.start(1), m.end(1), m[1], "pronoun", " ".join((m[2] or m[3]).split())))
        art._second_person(c)
        if c.speaker is not None:
            row[3:9] = [c.speaker, c.mention, c.m_start, c.m_end, c.role, c.cue]


def _recase_labels(text: str, rows: list[list]) -> None:
    """Speakers written in capitals because a transcript's label names them
    ("SENATOR CARPER:", "MR. JACK MCGARVEY:") as the text writes them elsewhere
    ("Carper"), else in title case; in place. Capitals that open no label stay
    ("NATO", "CDC")."""
    fixed: dict[str, str] = {}
    for row in rows:
        name = row[3]
        if name is None or not name.isupper() or name in fixed:
            continue
        label = re.compile(rf"^[^\S\n]*(?:[A-Z][A-Z.’'\-]*[ \xa0]+)*{re.escape(name)}:", re.M)
        fixed[name] = " ".join(_as_written(text, w) for w in name.split()) if label.search(text) else name
    for row in rows:
        if row[3] in fixed:
            row[3] = fixed[row[3]]


def _as_written(text: str, word: str) -> str:
    """``word`` (in capitals) as the text writes it with a capital and lower case
    ("Carper"), else in title case."""
    for m in re.finditer(rf"(?<![\w’'-]){re.escape(word)}(?![\w’'-])", text, re.I):
        w = m[0]
        if w[0].isupper() and not w.isupper():
            return w
    return word.title()


_COLUMN_INDEX = pd.Index(COLUMNS)
_INT_COLS = (0, 1, 11)  # start, end, paragraph: int64
_OBJ_COLS = (2, 3, 4, 7, 8, 9)  # quote, speaker, speaker_mention, role, cue, kind: object
_NULLABLE_COLS = (5, 6)  # speaker_start, speaker_end: Int64
_BOOL_COL = 10  # continued


def _frame(rows: list) -> pd.DataFrame:
    """The quotes table with its final dtypes, built straight from one block per dtype
    (a DataFrame from a dict of 12 arrays costs ~0.12 ms; this ~0.015 ms). The blocks
    are what ``pandas.core.internals.api.make_block`` would build, without its checks
    (the placements and block classes are fixed, see ``_BLOCKS``)."""
    n = len(rows)
    cols = list(zip(*rows, strict=True)) if rows else [()] * len(COLUMNS)
    try:
        (int_cls, int_at), (obj_cls, obj_at), (bool_cls, bool_at), (na_cls, na_at) = _BLOCKS
        ints = np.array([cols[0], cols[1], cols[11]], dtype=np.int64).reshape(3, n)
        # (values are str or None: never taken for nested sequences)
        objs = np.array([cols[2], cols[3], cols[4], cols[7], cols[8], cols[9]], dtype=object).reshape(6, n)
        bools = np.array(cols[_BOOL_COL], dtype=bool).reshape(1, n)
        blocks = (int_cls(ints, int_at, 2), obj_cls(objs, obj_at, 2), bool_cls(bools, bool_at, 2),
                  na_cls(_nullable(cols[5]), na_at[0], 2), na_cls(_nullable(cols[6]), na_at[1], 2))
        # what pd.RangeIndex(n) builds, without its argument checks
        mgr = _BlockManager(blocks, [_COLUMN_INDEX, pd.RangeIndex._simple_new(range(n))],
                            verify_integrity=False)
        return pd.DataFrame._from_mgr(mgr, axes=mgr.axes)
    except Exception:  # pragma: no cover - pandas internals changed: the public way
        return _frame_public(cols)


def _blocks() -> tuple | None:
    """(block class, placement) for the int64, object, bool and Int64 blocks of
    ``_frame``, as ``make_block`` chooses them."""
    if _BlockManager is None:  # pragma: no cover
        return None
    try:
        return (
            (_block_type(np.dtype(np.int64)), _BlockPlacement(list(_INT_COLS))),
            (_block_type(np.dtype(object)), _BlockPlacement(list(_OBJ_COLS))),
            (_block_type(np.dtype(bool)), _BlockPlacement([_BOOL_COL])),
            (_block_type(pd.Int64Dtype()), tuple(_BlockPlacement([j]) for j in _NULLABLE_COLS)),
        )
    except Exception:  # pragma: no cover - pandas internals changed
        return None


_BLOCKS = _blocks()
_simple_int_array = getattr(IntegerArray, "_simple_new", IntegerArray)


def _nullable(values) -> IntegerArray:
    if None not in values:
        return _simple_int_array(np.array(values, dtype=np.int64), np.zeros(len(values), dtype=bool))
    mask = np.array([v is None for v in values], dtype=bool)
    vals = np.array([0 if v is None else v for v in values], dtype=np.int64)
    return _simple_int_array(vals, mask)


def _frame_public(cols: list) -> pd.DataFrame:
    """The same table through the public constructor (slower)."""
    data = {}
    for j, (name, values) in enumerate(zip(COLUMNS, cols, strict=True)):
        if j in _INT_COLS:
            data[name] = np.array(values, dtype=np.int64)
        elif j == _BOOL_COL:
            data[name] = np.array(values, dtype=bool)
        elif j in _NULLABLE_COLS:
            data[name] = _nullable(values)
        else:
            arr = np.empty(len(values), dtype=object)
            arr[:] = values
            data[name] = arr
    return pd.DataFrame(data, copy=False)


# words that name nobody in particular: a role of one of them describes no speaker
_NOBODY = frozenset(["i", "we", "you", "he", "she", "it", "they", "one"])


def unnamed_speaker(speaker: object, role: object) -> str | None:
    """The description of a quote's unnamed speaker: its ``role`` where ``speaker`` is
    empty ("a person close to the Clintons said"; "my dad", whom a later "he said"
    goes back to), with its spaces made single; None for a named speaker, and where
    the text says nothing about who speaks (no role, or a bare pronoun)."""
    if isinstance(speaker, str) and speaker.strip() or not isinstance(role, str):
        return None
    words = role.split()
    if not words or (len(words) == 1 and words[0].lower() in _NOBODY):
        return None
    return " ".join(words)


def extract_quotes(text: str, *, title: str | None = None, summary: str | None = None,
                   date: object = None, url: str | None = None) -> pd.DataFrame:
    """Every direct quotation in ``text`` with its speaker.

    ``title``: the article's headline, when ``text`` does not hold it; the names in it
    complete a transcript's labels ("MS. PSAKI:" in "Press Briefing by Press Secretary
    Jen Psaki") and name its host ("THE PRESIDENT:" in "Remarks by President Biden …").
    ``summary``: a lede printed above ``text`` and not part of it; its subject speaks a
    quote that opens the text with nobody named before it ("Vladimir Putin sent
    greetings to …" above "The message reads, in part: “…”").
    ``date``: when the article appeared (a date, a timestamp or an ISO string): an office
    the text names but ties to nobody ("the President of Russia said") is its holder
    then (``office_holders``). ``url``: the page's address (or its host); on an official
    site (``official_sites``: whitehouse.gov, kremlin.ru …) a bare "the President" is
    that country's.

    Returns one row per quotation with columns ``start``, ``end`` (offsets, marks
    included: ``text[start:end] == quote``), ``quote``, ``speaker`` (most complete
    name in the article, None where nobody is named), ``speaker_mention`` (the words
    naming the speaker at this quote) with ``speaker_start``/``speaker_end``, ``role``,
    ``cue`` (reporting verb or phrase), ``kind`` ("full" or "partial"), ``continued``
    (speaker carried over from an earlier quote) and ``paragraph`` (index of the
    paragraph where the quote starts). Never raises on odd marks.
    """
    return _frame(_extract(text, title, summary, _offices.day_of(date), _offices.site_country(url, lexicon_version())))


def quotes(
    df: pd.DataFrame, *, progress: bool | None = None, cache: bool | str | os.PathLike[str] = False
) -> pd.DataFrame:
    """:func:`extract_quotes` for every article of a corpus table.

    Args:
        df: a corpus table with ``doc_id`` and ``text`` columns (and ``title``,
            ``summary``, ``date`` and ``url``, else ``outlet``, used as
            :func:`extract_quotes` uses title, summary, date and url).
        progress: show a progress bar (tqdm.auto); None shows one only in an
            interactive session.
        cache: reuse per-article results of earlier runs (``mediakit.cache``): True
            for ``$MEDIAKIT_CACHE_DIR`` or ``data/processed/.cache``, or a folder.
            Only articles not seen before (same text, mediakit version and rules)
            are computed; ``attrs["cache"]`` says how many. Ignored for a dask
            DataFrame.

    Returns:
        One row per quotation, ``doc_id`` first, then the :func:`extract_quotes` columns.
        Given a dask DataFrame, a lazy dask DataFrame of the same (one pandas call per
        partition; dask shows its own progress).
    """
    if not isinstance(df, pd.DataFrame) and hasattr(df, "map_partitions"):
        meta = quotes(pd.DataFrame({"doc_id": pd.Series(dtype="object"),
                                    "text": pd.Series(dtype="object")}), progress=False)
        return df.map_partitions(quotes, progress=False, meta=meta)
    if cache:
        from mediakit.cache import cached_stage  # the cache calls back into quotes() without it

        return cached_stage(df, "quotes", cache_dir=None if cache is True else cache)
    if progress is None:
        progress = interactive()
    ids = df["doc_id"].tolist() if "doc_id" in df.columns else list(df.index)
    texts = df["text"].tolist()
    titles = df["title"].tolist() if "title" in df.columns else [None] * len(texts)
    summaries = df["summary"].tolist() if "summary" in df.columns else [None] * len(texts)
    days, sites = _offices.contexts(df, lexicon_version())
    it: Iterable = zip(ids, texts, titles, summaries, days, sites, strict=True)
    if progress:
        from tqdm.auto import tqdm

        it = tqdm(it, total=len(texts), desc="quotes", unit="doc")
    doc_col: list = []
    rows: list = []
    for doc_id, text, title, summary, day, site in it:
        r = _extract(text, title, summary, day, site) if isinstance(text, str) else []
        rows.extend(r)
        doc_col.extend([doc_id] * len(r))
    out = _frame(rows)
    out.insert(0, "doc_id", pd.Series(doc_col, dtype="object"))
    return out


def _warm() -> None:
    """Compile the lexicon patterns once at import, not inside the first call."""
    _extract('“We are ready,” said Sen. Ann Lee, who spoke on Monday. “So are we,” she added. '
             'Officials described it as “a step.”')


_warm()
