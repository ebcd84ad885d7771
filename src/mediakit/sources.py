"""Source attribution: whom an article relies on, and on whose side they stand.

One row per (article, source): who wrote it (``wire``, ``byline``,
``contributor``), who took its pictures (``photo``), who is quoted directly
(``quoted``), who is cited with a reporting verb but no quote mark
(``paraphrased``: "Ryabkov ... said afterward that ...", "the Russian military
said ...", "according to X"), and unnamed sources (``anonymous``: "a senior
administration official said", "people familiar with the matter"). Institutions
cited as speakers ("the Kremlin said", "Moscow says") are sources with
``is_institution=True``. In transcripts, turns such as ``MS. PSAKI:`` and ``Q``
are quoted speakers (one quote per turn).

Rules are data files in ``mediakit/data/`` read through :func:`mediakit.lexicon`:
``affiliations.csv`` (pattern -> affiliation), ``institutions.txt``,
``anonymous_patterns.yaml``, ``paraphrase_cues.txt`` (verbs of saying; stricter
than the quotes stage's ``reporting_verbs``), ``source_titles.txt`` and
``source_role_modifiers.txt`` (role words), ``source_org_words.txt``,
``source_honorifics.txt``, ``source_stopwords.txt``, ``wire_services.yaml`` (the
clean stage's agencies) and ``aliases.csv`` (see :mod:`mediakit._aliases` for
its format). Affiliation comes only from words in
the article (role words before a name, an appositive after it, the institution's
own name, photo captions); where none names a body it stays unknown (``None``).

The per-article work (:func:`article_sources`, :func:`sources_partition`) is a
pure function of one row, so dask can run it with ``map_partitions``; only the
final name merge across articles (:func:`merge_names`) looks at the whole table.
"""
from __future__ import annotations

import ast
import bisect
import datetime as dt
import functools
import os
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from mediakit import _names, _offices
from mediakit._aliases import AliasSource, _clean_name, _name_key, alias_map, surname_joins
from mediakit._quote_rules import reporting_verbs
from mediakit._turns import turn_labels
from mediakit.lexicons import lexicon, lexicon_version

__all__ = ["sources", "sources_partition", "article_sources", "merge_names", "COLUMNS", "KINDS"]

COLUMNS = [
    "doc_id",
    "source",
    "kind",
    "is_institution",
    "role",
    "affiliation",
    "n_quotes",
    "n_paraphrases",
    "n_mentions",
    "agency",
]
# determiners that introduce somebody the text does not name ("a spokesman for …")
# "President of Russia", "Head of the President's Office": a role of a named body
_OFFICE_RE = re.compile(r"^[A-Za-z][\w\-]*(?: [A-Za-z][\w\-]*){0,2} of (?:the )?[A-Z]")
KINDS = ("quoted", "paraphrased", "anonymous", "wire", "byline", "contributor", "photo")

# ----------------------------------------------------------------------------- rules


@dataclass(frozen=True, eq=False)  # hashed by identity: a key of the caches below
class _Rules:
    trig_re: re.Pattern[str]
    # the same verbs after a space / after any other non-alphanumeric character
    # (two scans that skip to likely word starts; None when the verbs do not allow it)
    trig_sp_re: re.Pattern[str] | None
    trig_other_re: re.Pattern[str] | None
    # both scans in one, over the text as bytes with every character but [a-zA-Z0-9]
    # turned into NUL (_GAPS); None when a verb is not ASCII. See _trig_hits
    trig_gap_re: re.Pattern[bytes] | None
    # hash table of the four bytes a ``trig_gap_re`` match holds after its NUL, with
    # its multiplier and shift, and the cues' first words (_verb_table); None: no
    # batched scan (_scanned)
    trig_table: _VerbTable | None
    # lower-case last words of institutions ("the defence ministry"): see _no_subject_before;
    # None: every verb is followed up (no shortcut)
    subj_tails: tuple[str, ...] | None
    subj_end_re: re.Pattern[str]
    # a group of people, or an office in lower case, and a preposition right before a
    # subject: "officials in Moscow said", "the senator from Wisconsin said" (the place
    # qualifies the group or office; see _article_rows for a body after "of")
    group_of_re: re.Pattern[str]
    group_lead_re: re.Pattern[str]  # the same opening a subject ("Residents of Kharkiv")
    noun_prep_re: re.Pattern[str]  # a noun and a preposition right before a subject (see _noun_prep)
    inv_verbs: frozenset[str]
    inv_re: re.Pattern[str]
    anon_triggers: tuple[str, ...]
    # (key, [(trigger, offset of the key in it)]): triggers found through a shared
    # substring, one str.find per key; offset -1: the trigger itself
    anon_keys: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]
    # the same as ASCII bytes, for the text as Latin-1 bytes (see _article_rows); None:
    # triggers or patterns that need the text itself lower-cased
    anon_keys_b: tuple[tuple[bytes, tuple[tuple[bytes, int], ...]], ...] | None
    anon_re: re.Pattern[str]
    anon_pats: tuple[re.Pattern[str], ...]  # the alternatives of ``anon_re``, one by one
    anon_req: tuple[frozenset[str] | None, ...] | None  # words each needs (None: unknown)
    # each alternative's end from its first part that cannot be empty (None: no such
    # end): found in every match, and cheap to look for (see _required_end)
    anon_ends: tuple[re.Pattern[str] | None, ...]
    anon_labels: dict[str, str]
    aff_re: re.Pattern[str]
    aff_map: dict[str, str]
    aff_tokens: frozenset[str]
    aff_last_words: frozenset[str]  # last words of the multi-word ``aff_map`` patterns
    institutions: dict[str, str]  # lower-case surface without "the" -> canonical
    places: frozenset[str]  # the ``places`` lexicon: no person's name
    # words that head a description of a person: titles, person nouns, party and other
    # role modifiers ("an Iowa Democrat"); not the speaker nouns, which hold things that
    # speak ("a letter said")
    person_words: frozenset[str]
    # stop words that end a name after a first name ("Theresa May", "Ian Read"):
    # surname_homographs, with the first names they may follow
    homographs: frozenset[str]
    first_names: Mapping[str, object]
    verb_forms: frozenset[str]  # every form of the reporting_verbs lexicon
    title_breaks: frozenset[str]  # words that end a name in a Title Case title
    titles: frozenset[str]
    wires: dict[str, str]  # any written form of a news agency -> its canonical name
    inst_generic: re.Pattern[str]
    mods: frozenset[str]
    orgs: frozenset[str]
    stop: frozenset[str]
    indefinite: frozenset[str]  # words opening a description that names nobody (shared with quotes)
    abbrev_re: re.Pattern[str]
    abbrev_words: frozenset[str] | None  # the words of ``abbrev_re`` (None: use the regex)
    abbrev_longest: int  # the length of the longest of ``abbrev_words``
    abbrev_last: frozenset[str]  # the last letters of ``abbrev_words`` and the capitals
    turn_re: re.Pattern[str]
    appos_re: re.Pattern[str]
    chain_re: re.Pattern[str]


_WS = r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)"
_PARTICLES = ("von", "van", "der", "den", "de", "da", "di", "del", "della", "du", "la", "le", "bin", "al", "ibn")
_PARTICLE = r"(?:(?:" + "|".join(_PARTICLES) + ")" + _WS + ")"
_ADVERBS = (
    "also", "later", "then", "previously", "repeatedly", "has", "have", "had", "again", "publicly", "privately",
    "recently", "earlier", "firmly", "would", "will", "could", "did", "does", "not", "never",
)
_ADV = r"(?:" + "|".join(_ADVERBS) + r"|[a-z]+ly|on" + _WS + r"[A-Z][a-z]+day)"
# lower-case words a subject of a reporting verb (and the adverbs after it) can hold
# besides the institutions' own words: see _subject_guard
_SUBJECT_SMALL_WORDS = frozenset([*_PARTICLES, *_ADVERBS, "of", "on", "for", "the", "and"])
_RUN = r"[\w'’\-]"  # a word, as far as the subject guard is concerned
_UPPER_RE = re.compile(r"[A-ZÀ-ÖØ-Þ]")  # a capital that can start a name word
_LY_RE = re.compile(r"[a-z]+ly")
_ADVERB_WORDS = frozenset([*_ADVERBS, "on"])
_END_CHARS = frozenset(".?!\n”\" ")  # the characters a sentence end (_END_RE) is made of
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w’'\-]+"
_INVERTED_VERBS = ("said", "says", "added", "wrote", "noted", "explained", "insisted")


def _alt(words: Iterable[str], ws: str = _WS) -> str:
    """Regex alternation of literal phrases as a character trie (fast in ``re``).

    Longer phrases win over their prefixes; a space matches ``ws`` (any run of
    spaces and one line break).
    """
    trie: dict[str, Any] = {}
    for w in set(words):
        if not w:
            continue
        node = trie
        for ch in " ".join(w.split()):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [(ws if ch == " " else re.escape(ch)) + emit(node[ch]) for ch in sorted(node) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie) or r"(?!x)x"


def _verbs() -> list[str]:
    # Paraphrase cues are verbs of saying with content ("said that ...", "warned ..."),
    # a stricter list than the quote cues (``reporting_verbs``: "laughed", "praised").
    return list(lexicon("paraphrase_cues"))


def _subject_guard(inst_lines: Iterable[str]) -> str:
    """A look-ahead that every match of the subject-before-verb pattern passes.

    Up to the first comma, such a match holds the subject (capitalised words, the
    small words of names and institutions) and the adverbs before the verb; a comma
    opens an apposition or ends it. So a lower-case word outside those lists before
    the next comma rules a start out, and ``re`` need not try the long subject
    pattern there. Words are runs of ``[\\w'’-]``; the start's own word is skipped.
    """
    words = set(_SUBJECT_SMALL_WORDS)
    for line in inst_lines:
        words.update(w for w in re.findall(rf"{_RUN}+", line) if not _UPPER_RE.match(w))
    small = _alt(words)
    run_end = rf"(?!{_RUN})"
    return (
        rf"(?={_RUN}*+(?:[^\w'’\-,]++(?:[A-ZÀ-ÖØ-Þ]{_RUN}*+|(?:{small}|[a-z]+ly){run_end}))*+"
        r"[^\w'’\-,]*+(?:,|\Z))"
    )


def _trigger_keys(triggers: Iterable[str]) -> tuple[tuple[str, tuple[tuple[str, int], ...]], ...]:
    """Group trigger words by a substring of 5+ characters they share ("anonym" for
    "anonymity" and "anonymous"), so that one scan of the text finds them all."""
    left = list(dict.fromkeys(triggers))
    out: list[tuple[str, tuple[tuple[str, int], ...]]] = []
    while True:
        counts: Counter[str] = Counter()
        for t in left:
            counts.update({t[i:j] for i in range(len(t)) for j in range(i + 5, len(t) + 1)})
        shared = [(n, len(k), k) for k, n in counts.items() if n > 1]
        if not shared:
            break
        _, _, key = max(shared)
        out.append((key, tuple((t, t.index(key)) for t in left if key in t)))
        left = [t for t in left if key not in t]
    out += [(t, ((t, -1),)) for t in left]
    return tuple(out)


def _trigger_spans(
    lower: Any,
    n_text: int,
    keys: tuple[tuple[Any, tuple[tuple[Any, int], ...]], ...],
    found: dict[int, list[int]] | None = None,
    base: int = 0,
) -> list[tuple[int, int]]:
    """(start, end) around each trigger in ``lower``: 120 characters before, 60 after
    (what one ``str.find`` loop per trigger finds, with one loop per key).

    ``found``: every offset of each key in the text (ascending; a key not in the
    text has no entry), when already looked for (:func:`_trigger_offsets`); the text is then ``lower[base:]``.
    """
    spans: list[tuple[int, int]] = []
    for k, (key, members) in enumerate(keys):
        single = len(members) == 1 and members[0][1] < 0  # a trigger looked for itself
        if found is not None:
            at = found.get(k, ())
        else:
            at = []
            i = lower.find(key)
            step = len(key) if single else 1
            while i >= 0:
                at.append(i)
                i = lower.find(key, i + step)
        if not at:
            continue
        if single:
            cur = 0
            for i in at:
                if i >= cur:  # find() goes on after the key
                    spans.append((max(0, i - 120), min(n_text, i + len(key) + 60)))
                    cur = i + len(key)
            continue
        # several triggers share the key: each occurrence of a trigger holds the key at
        # its offset; taking them left to right without overlap is what find() does
        for trig, off in members:
            cur = 0
            for j in at:
                i = j - off
                if i >= cur and lower.startswith(trig, base + i):
                    spans.append((max(0, i - 120), min(n_text, i + len(trig) + 60)))
                    cur = i + len(trig)
    return spans


def _split_scan_ok(cues: Iterable[str]) -> bool:
    """True when scanning for the cues only after a space and after other
    non-alphanumeric characters finds exactly the cues a plain scan of ``trig_re``
    finds at word starts.

    It does when every cue starts and ends with a letter or digit and no cue can
    start inside another one (after a space in a phrase: "pointed out" and "out").
    """
    norm = [" ".join(str(c).split()) for c in cues]
    if any(not c or not c[0].isalnum() or not c[-1].isalnum() for c in norm):
        return False
    for c in norm:
        for k in range(len(c) - 1):
            if c[k].isalnum() or c[k] in "’'-":
                continue
            tail = c[k + 1 :]
            if any(c2.startswith(tail) or tail.startswith(c2) for c2 in norm):
                return False
    return True


@functools.lru_cache(maxsize=256)
def _parsed(pattern: str) -> Any:
    """``re``'s parse tree of ``pattern`` (read by _required_literals and _looks_back)."""
    from re import _parser as p

    return p.parse(pattern)


def _required_literals(pattern: str) -> frozenset[str] | None | bool:
    """Strings one of which every match of ``pattern`` contains (None: none known;
    False: the pattern refers to groups by number, so it cannot be compiled apart)."""
    try:
        from re import _constants as c

        tree = _parsed(pattern)
    except Exception:  # noqa: BLE001 - another Python's internals: no shortcut
        return False
    refs = tuple(getattr(c, n) for n in dir(c) if n.startswith("GROUPREF"))
    repeats = tuple(getattr(c, n) for n in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(c, n))
    has_ref = False

    def walk(items: Any) -> frozenset[str] | None:
        nonlocal has_ref
        cands: list[frozenset[str]] = []
        run: list[str] = []
        for op, av in items:
            if op is c.LITERAL:
                run.append(chr(av))
                continue
            if run:
                cands.append(frozenset(["".join(run)]))
                run = []
            got: frozenset[str] | None = None
            if op in refs:
                has_ref = True
            elif op is c.SUBPATTERN:
                got = walk(av[3].data)
                if av[1] & re.IGNORECASE:
                    got = None
            elif op is c.BRANCH:
                alts = [walk(a.data) for a in av[1]]
                got = None if any(not a for a in alts) else frozenset().union(*alts)  # type: ignore[arg-type]
            elif op in repeats:
                got = walk(av[2].data)
                if av[0] < 1:
                    got = None
            elif op is getattr(c, "ATOMIC_GROUP", None):
                got = walk(av.data)
            elif op in (c.ASSERT, c.ASSERT_NOT):
                walk(av[1].data)  # not part of the match: looked into for group references only
            if got:
                cands.append(got)
        if run:
            cands.append(frozenset(["".join(run)]))
        if not cands:
            return None
        return max(cands, key=lambda s: (min(map(len, s)), -len(s)))

    got = walk(tree.data)
    if has_ref:
        return False
    return None if tree.state.flags & re.IGNORECASE else got


def _required_end(pattern: str) -> re.Pattern[str] | None:
    """The part of ``pattern`` from its first element that cannot match empty on,
    compiled on its own: every match of ``pattern`` ends with a match of it (in the
    same string), so where it is not found ``pattern`` is not either.

    ``pattern`` is one group around a sequence: for
    "(?P<a1>\\b(?:senior\\s+){0,4}officials\\s+said)" the part is "officials\\s+said".
    It may not refer to groups by number (where _required_literals says False).
    None when the part would be the whole pattern, or where ``re``'s internals are
    not the ones read here.
    """
    try:
        from re import _compiler
        from re import _constants as c
        from re import _parser as p

        tree = _parsed(pattern)
        if len(tree.data) != 1 or tree.data[0][0] is not c.SUBPATTERN:
            return None
        _, add_flags, del_flags, body = tree.data[0][1]
        if add_flags or del_flags:
            return None
        items = body.data
        first = next((k for k, item in enumerate(items) if p.SubPattern(tree.state, [item]).getwidth()[0] > 0), 0)
        if first == 0:
            return None
        return _compiler.compile(p.SubPattern(tree.state, items[first:]))
    except Exception:  # noqa: BLE001 - another Python's internals: no shortcut
        return None


def _looks_back(pattern: str) -> bool:
    """True unless ``pattern`` certainly looks at no character before a match but
    the one ``\\b`` reads and not at the string's start (no look-behind, no ``^``,
    no ``\\A``); True as well where ``re``'s parser is not at hand."""
    try:
        from re import _constants as c
        from re import _parser as p

        tree = _parsed(pattern)
    except Exception:  # noqa: BLE001 - another Python's internals: assume the worst
        return True
    starts = (c.AT_BEGINNING, c.AT_BEGINNING_LINE, c.AT_BEGINNING_STRING)

    def walk(items: list[Any]) -> bool:
        for op, av in items:
            if op is c.AT and av in starts:
                return True
            if op in (c.ASSERT, c.ASSERT_NOT) and av[0] < 0:
                return True
            if op is c.IN or op is c.LITERAL or op is c.NOT_LITERAL:
                continue  # no sub-patterns
            for x in av if isinstance(av, (tuple, list)) else (av,):
                for y in x if isinstance(x, list) else (x,):
                    if isinstance(y, p.SubPattern) and walk(y.data):
                        return True
        return False

    return walk(tree.data)


def _anon_matches(lower: str, a: int, b: int, rules: _Rules) -> list[re.Match[str]]:
    """``list(rules.anon_re.finditer(lower, a, b))``, faster.

    Each alternative is looked for on its own, and only where the words it needs are
    in ``lower[a:b]`` and its required end (``anon_ends``) is; at the leftmost place
    where some alternative matches, the first of them wins, as in the alternation.
    """
    req = rules.anon_req
    if req is None:
        return list(rules.anon_re.finditer(lower, a, b))
    seg = lower[a:b]
    pats = rules.anon_pats
    found: dict[int, re.Match[str] | None] = {}
    for i, r in enumerate(req):
        if r is not None:
            for w in r:
                if w in seg:
                    break
            else:
                continue  # none of the words it needs
        end = rules.anon_ends[i]
        if end is not None and end.search(lower, a, b) is None:
            continue  # no match has its end anywhere here
        found[i] = pats[i].search(lower, a, b)
    out: list[re.Match[str]] = []
    cur = a
    while True:
        best = None
        for i, m in found.items():  # in pattern order: the first wins a tie
            if m is not None and m.start() < cur:
                m = found[i] = pats[i].search(lower, cur, b)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return out
        if best.end() == best.start():  # an empty match: finditer's own rules apply
            return list(rules.anon_re.finditer(lower, a, b))
        out.append(best)
        cur = best.end()


def _trig_hits(
    text: str, rules: _Rules, latin1: bytes | None = None, scan: _Scan | None = None
) -> list[tuple[int, str]]:
    """(offset, word) of the reporting verbs that start a word in ``text``
    (``latin1``: ``text.encode("latin-1", "replace")``, ``scan``: the text's
    candidates from :func:`_scanned`, when at hand)."""
    out: list[tuple[int, str]] = []
    if rules.trig_sp_re is None or rules.trig_other_re is None:
        for m in rules.trig_re.finditer(text):
            v = m.start()
            if v and (text[v - 1].isalnum() or text[v - 1] in "’'-"):
                continue
            out.append((v, m.group()))
        return out
    pos = 0
    m0 = rules.trig_re.match(text)
    if m0:
        out.append((0, m0.group()))
        pos = m0.end()
    if rules.trig_gap_re is not None:
        return _gap_hits(text, pos, out, rules, latin1, scan)
    out += [(m.start(1), m.group(1)) for m in rules.trig_sp_re.finditer(text, pos)]
    other = [(m.start(1), m.group(1)) for m in rules.trig_other_re.finditer(text, pos)]
    if other:
        out += [(v, w) for v, w in other if not (text[v - 1].isalnum() or text[v - 1] in "’'-")]
        out.sort()
    return out


# byte -> itself for [a-zA-Z0-9], else NUL (a space included): see _gap_hits
_GAPS = bytes(b if chr(b).isascii() and chr(b).isalnum() else 0 for b in range(256))


def _gap_hits(
    text: str,
    pos: int,
    out: list[tuple[int, str]],
    rules: _Rules,
    latin1: bytes | None = None,
    scan: _Scan | None = None,
) -> list[tuple[int, str]]:
    """What the two scans of ``trig_sp_re`` and ``trig_other_re`` from ``pos`` add to
    ``out`` (sorted), in one scan of ``trig_gap_re`` over ``text`` as Latin-1 bytes
    (others: "?") with every byte but [a-zA-Z0-9] made NUL.

    A verb after a space or any other character but [a-zA-Z0-9] comes after a NUL
    there; the verbs are ASCII, so the bytes match where the text does, except that
    a phrase's gap (NULs: any characters) and the word boundary after the verb
    ("_" and non-ASCII letters are no word characters in the bytes) may let the
    bytes match where the text does not: then the text's own scan decides at that
    place. A bytes match spans no place where a text match could start
    (_split_scan_ok), so the scans skip the same places.

    With ``scan`` (see :func:`_scanned`) the bytes are a batch of texts and
    ``trig_gap_re`` is tried only before the candidate word starts, left to right
    past the previous match: where ``finditer`` finds its matches. A candidate
    that is a whole cue by itself is what the pattern matches there (no need to
    try it).
    """
    assert rules.trig_gap_re is not None and rules.trig_sp_re is not None and rules.trig_other_re is not None
    n = len(text)
    spans: list[tuple[int, int]]  # the verbs' places in ``gaps``
    if scan is None:
        base = 0
        gaps = (text.encode("latin-1", "replace") if latin1 is None else latin1).translate(_GAPS)
        spans = [m.span(1) for m in rules.trig_gap_re.finditer(gaps, pos)]
    else:
        gaps, base, cands, whole = scan
        spans = []
        cur, stop, match = base + pos, base + n, rules.trig_gap_re.match
        for s, size in zip(cands, whole, strict=True):
            if s > cur:  # the NUL before it is at or past ``cur``
                if size:  # a cue by itself: the pattern's match is the word
                    cur = s + size
                    spans.append((s, cur))
                    continue
                m = match(gaps, s - 1, stop)
                if m is not None:
                    spans.append(m.span(1))
                    cur = m.end()
    for v, end in spans:
        word_b = gaps[v:end]
        v -= base
        end -= base
        after = text[end] if end < n else ""
        prev = text[v - 1]
        if b"\0" in word_b or after == "_" or after >= "\x80":
            tm = (rules.trig_sp_re if prev == " " else rules.trig_other_re).match(text, v - 1)
            if tm is None:
                continue
            word = tm.group(1)
        else:
            word = word_b.decode("ascii")
        if prev != " " and (prev.isalnum() or prev in "’'-"):
            continue
        out.append((v, word))
    return out


# (a batch's bytes as _GAPS made them, where the text starts in them, the candidate
# word starts of the text in the batch, and for each the length of the cue it is by
# itself, else 0): see _scanned
_Scan = tuple[bytes, int, list[int], list[int]]
_SCAN_BYTES = 1 << 20  # texts scanned together by _scanned: about 1 MB at a time (faster than 4)
_EMPTY_KEY = 0xFFFFFFFF  # no four bytes of _GAPS output (0xFF is never in it)


# (hash table of four-byte keys, its multiplier, its shift, the sorted eight-byte
# heads, and for each head the length of the cue it is by itself, else 0)
_VerbTable = tuple[np.ndarray, int, int, np.ndarray, np.ndarray]


def _verb_table(cues: Iterable[str]) -> _VerbTable | None:
    """Hash table of the first four bytes of each cue's first word (a three-letter
    word and the NUL after it), as little-endian uint32, with the multiplier and
    shift that put every key in its own slot, and the first words themselves (their
    first eight bytes, as sorted little-endian uint64); None when a first word is
    shorter than three characters.

    A head is a cue by itself when it is a whole one-word cue of letters and digits
    (shorter than eight: the word ends in the eight bytes) that opens no longer cue:
    at a word that is this head, ``trig_gap_re`` matches the word.
    """
    keys = set()
    heads = set()
    opens_phrase = set()
    for c in cues:
        words = str(c).split()
        if not words or len(words[0]) < 3 or not words[0].isascii():
            return None
        keys.add(int.from_bytes((words[0][:4] + "\0").encode("ascii")[:4], "little"))
        heads.add(int.from_bytes(words[0][:8].encode("ascii"), "little"))
        if len(words) > 1:
            opens_phrase.add(words[0])
    alone = {
        int.from_bytes(w.encode("ascii"), "little"): len(w)
        for w in (str(c).strip() for c in cues)
        if w.isascii() and w.isalnum() and len(w) < 8 and w not in opens_phrase
    }
    sorted_heads = sorted(heads)
    whole = np.asarray([alone.get(h, 0) for h in sorted_heads], dtype=np.intp)
    for bits in range(8, 21):
        if 1 << bits < 8 * len(keys):
            continue
        for k in range(64):
            mult = (0x9E3779B1 + 2 * k) & 0xFFFFFFFF
            slots = {(key * mult & 0xFFFFFFFF) >> (32 - bits) for key in keys}
            if len(slots) == len(keys):
                table = np.full(1 << bits, _EMPTY_KEY, dtype=np.uint32)
                for key in keys:
                    table[(key * mult & 0xFFFFFFFF) >> (32 - bits)] = key
                return table, mult, 32 - bits, np.asarray(sorted_heads, dtype=np.uint64), whole
    return None


# (a batch's bytes lower-cased, where the text starts in them, every offset of each
# ``anon_keys_b`` key in the text): see _trigger_offsets
_Found = tuple[bytes, int, dict[int, list[int]]]
_PAD = 16  # NULs after a batch, so that eight bytes can be read at any offset in it
# the first n bytes of a little-endian uint64, n = 0..8
_BYTE_MASKS = np.asarray([(1 << 8 * n) - 1 for n in range(9)], dtype=np.uint64)


def _scanned(texts: list[str], rules: _Rules) -> Iterator[tuple[_Scan | None, _Found | None]]:
    """Each text's ``scan`` for :func:`_trig_hits` and its anonymous-source trigger
    keys for :func:`_trigger_spans` (None: not looked for).

    Texts are encoded as Latin-1 (one byte per character: "?" beyond it), joined
    (NUL between them) into batches of about ``_SCAN_BYTES`` and looked at once
    with numpy (:func:`_verb_candidates`, :func:`_trigger_offsets`). (Encoding text
    by text is faster: one character beyond Latin-1 widens a whole joined string.)
    """
    i = 0
    while i < len(texts):
        j, size = i, 0
        while j < len(texts) and (size < _SCAN_BYTES or j == i):
            size += len(texts[j]) + 1
            j += 1
        batch = texts[i:j]
        i = j
        if rules.trig_table is None and not rules.anon_keys_b:
            for _ in batch:
                yield None, None
            continue
        latin = [t.encode("latin-1", "replace") for t in batch]
        joined = b"\0".join(latin) + b"\0" * _PAD
        starts = [0]
        for b in latin:
            starts.append(starts[-1] + len(b) + 1)
        verbs = _verb_candidates(joined, starts, rules.trig_table) if rules.trig_table is not None else None
        trigs = _trigger_offsets(joined.lower(), starts, rules.anon_keys_b) if rules.anon_keys_b else None
        for k in range(len(batch)):
            yield (
                None if verbs is None else (verbs[0], starts[k], verbs[1][k], verbs[2][k]),
                None if trigs is None else (trigs[0], starts[k], trigs[1][k]),
            )


def _verb_candidates(
    joined: bytes, starts: list[int], table: _VerbTable
) -> tuple[bytes, list[list[int]], list[list[int]]]:
    """The batch as _GAPS bytes, each text's candidate verb starts in them and for
    each the length of the cue it is by itself, else 0.

    A ``trig_gap_re`` match is a NUL and a cue, so it starts before a word whose
    first four bytes are those of a cue's first word (``table``, looked up for every
    NUL at once) and whose first eight bytes up to its end are one of those words
    (a cue's phrase goes on after its first word's end): those word starts are a
    superset of where the matches start.
    """
    keys, mult, shift, heads, whole = table
    gaps = joined.translate(_GAPS)
    a = np.frombuffer(gaps, dtype=np.uint8)
    nul = np.flatnonzero(a[: -_PAD + 4] == 0)
    # the four bytes after each NUL, as one little-endian uint32
    # (take(): faster than indexing with an array this long)
    after = np.ndarray((len(a) - 4,), dtype="<u4", buffer=gaps, offset=1, strides=(1,)).take(nul)
    cands = nul[keys.take((after * np.uint32(mult)) >> np.uint32(shift)) == after] + 1
    # the word's first eight bytes, cut at its end (its first NUL)
    word = np.ndarray((len(a) - 8,), dtype="<u8", buffer=gaps, strides=(1,))[cands]
    nuls = word.view(np.uint8).reshape(-1, 8) == 0
    size = np.where(nuls.any(axis=1), nuls.argmax(axis=1), 8)
    word &= _BYTE_MASKS[size]
    at = np.minimum(np.searchsorted(heads, word), len(heads) - 1)
    is_head = heads[at] == word
    cands = cands[is_head]
    cuts = np.searchsorted(cands, starts).tolist()
    flat = cands.tolist()
    sizes = whole[at[is_head]].tolist()
    per_text = [(cuts[k], cuts[k + 1]) for k in range(len(starts) - 1)]
    return gaps, [flat[lo:hi] for lo, hi in per_text], [sizes[lo:hi] for lo, hi in per_text]


def _trigger_offsets(
    low: bytes, starts: list[int], keys: tuple[tuple[bytes, tuple[tuple[bytes, int], ...]], ...]
) -> tuple[bytes, list[dict[int, list[int]]]] | None:
    """``low`` (the batch lower-cased) and, per text, every offset of each key in it
    (ascending; overlaps too); None when the keys cannot be looked for this way.

    Each key is looked for through two of its bytes (the pair least frequent in
    the batch's first 64 KB, one pair per key), at every offset at once; the places
    where a pair is are then checked for the key's first eight bytes, and the few
    left for the whole key.
    """
    if len(keys) > 255 or any(len(k) < 2 for k, _ in keys):
        return None
    pairs = np.ndarray((len(low) - 1,), dtype="<u2", buffer=low, strides=(1,))
    seen = np.bincount(pairs[: 1 << 16], minlength=1 << 16)
    which = np.zeros(1 << 16, dtype=np.uint8)  # pair -> 1 + the key it stands for (0: none)
    offs = []
    for k, (key, _) in enumerate(keys):
        free = [(seen[key[o] | key[o + 1] << 8], o) for o in range(len(key) - 1) if not which[key[o] | key[o + 1] << 8]]
        if not free:
            return None  # every pair of the key stands for another key already
        o = min(free)[1]
        which[key[o] | key[o + 1] << 8] = k + 1
        offs.append(o)
    # where a chosen pair is: byte compares (a lookup of every pair in ``which`` would
    # need the pairs as a table index: eight bytes each), one first byte at a time
    a = np.frombuffer(low, dtype=np.uint8)
    first, second = a[:-1], a[1:]
    seconds: dict[int, list[int]] = {}
    for pair in np.flatnonzero(which).tolist():
        seconds.setdefault(pair & 0xFF, []).append(pair >> 8)
    hit = np.zeros(len(first), dtype=bool)
    is_first = np.empty(len(first), dtype=bool)
    is_second = np.empty(len(first), dtype=bool)
    other = np.empty(len(first), dtype=bool)
    for b0, b1s in seconds.items():
        np.equal(first, b0, out=is_first)
        np.equal(second, b1s[0], out=is_second)
        for b1 in b1s[1:]:
            is_second |= np.equal(second, b1, out=other)
        is_first &= is_second
        hit |= is_first
    at = np.flatnonzero(hit)
    kid = which[pairs[at]].astype(np.intp) - 1
    begin = at - np.asarray(offs, dtype=np.intp)[kid]
    inside = begin >= 0
    begin, kid = begin[inside], kid[inside]
    head = [key[:8] for key, _ in keys]
    mask = np.asarray([(1 << 8 * len(h)) - 1 for h in head], dtype=np.uint64)
    want = np.asarray([int.from_bytes(h, "little") for h in head], dtype=np.uint64)
    eight = np.ndarray((len(low) - 7,), dtype="<u8", buffer=low, strides=(1,))[begin]
    ok = (eight & mask[kid]) == want[kid]
    begin, kid = begin[ok], kid[ok]
    text_of = (np.searchsorted(starts, begin, side="right") - 1).tolist()
    # (per text, a dict of the keys it holds: not a list for every key)
    out: list[dict[int, list[int]]] = [{} for _ in range(len(starts) - 1)]
    for b, k, t in zip(begin.tolist(), kid.tolist(), text_of, strict=True):
        key = keys[k][0]
        if len(key) <= 8 or low.startswith(key, b):
            out[t].setdefault(k, []).append(b - starts[t])
    return low, out


@functools.cache
def _rules(version: int) -> _Rules:
    titles = frozenset(w.lower() for w in lexicon("source_titles"))
    mods = frozenset(w.lower() for w in lexicon("source_role_modifiers"))
    orgs = frozenset(lexicon("source_org_words"))
    stop = frozenset(w.lower() for w in lexicon("source_stopwords"))
    honorifics = [w.rstrip(".") for w in lexicon("source_honorifics")]
    abbrevs = {w.rstrip(".").capitalize() for w in honorifics if len(w) <= 3}
    abbrevs |= {w.rstrip(".").capitalize() for w in titles if w.endswith(".")}
    abbrevs |= {"St", "Ft", "Mt"}
    # a capitalised word is taken whole (possessive): what may follow it in a chain,
    # a subject or a speaker label is white space or punctuation, never the rest of
    # the word, so giving letters back never helps (and is slow to try)
    tok = (
        rf"(?:(?:{'|'.join(sorted(abbrevs, key=len, reverse=True))})\.|(?:[A-Z]\.){{2,}}"
        r"|[A-Z]\.(?=\s+[A-Z])|[A-ZÀ-ÖØ-Þ][\w'’\-]*+)"
    )
    chain = rf"(?:{tok})(?:{_WS}(?:{_PARTICLE}*|(?:of|on|for){_WS}(?:the{_WS})?)(?:{tok}))*"

    inst_lines = [str(x) for x in lexicon("institutions")]
    institutions: dict[str, str] = {}
    surfaces, generic, generic_tails = [], [], []
    for line in inst_lines:
        bare = re.sub(r"^the\s+", "", line.strip(), flags=re.I)
        if bare.startswith("{Name} "):  # "the {Name} defence ministry": any capitalised word
            generic_tails.append(bare[len("{Name} ") :])
            continue
        if "{Name}" in bare:
            generic.append(re.escape(bare).replace(r"\{Name\}", _NAME_WORD).replace(r"\ ", _WS))
            continue
        institutions[bare.lower()] = bare
        surfaces.append(bare)
    if generic_tails:
        # the capitalised word taken whole: white space follows it (as in ``tok``)
        generic.insert(0, rf"{_NAME_WORD}+{_WS}(?:{_alt(generic_tails)})")
    generic_alt = "|".join(generic) or r"(?!x)x"
    inst = rf"(?:(?:[Tt]he{_WS})?(?:{generic_alt}|{_alt(surfaces)}))(?![\w’'])"
    inst_generic = re.compile(rf"(?:[Tt]he{_WS})?(?:{generic_alt})")

    wires: dict[str, str] = {}
    try:
        table = lexicon("wire_services") or {}
    except KeyError:
        table = {}
    for canon, forms in table.items():
        for f in [canon, *(forms or [])]:
            wires[str(f)] = str(canon)

    # _subject_guard, _no_subject_before (subj_tails) and _SUBJECT_SMALL_WORDS describe
    # what this subject pattern can match: change them with it
    subj = r"(?P<{g}>" + inst + "|" + chain + ")"
    subj_tails: tuple[str, ...] | None = tuple(
        sorted({t for line in inst_lines for t in line.replace("{Name}", "X").split()[-1:] if not _UPPER_RE.search(t)})
    )
    subj_end = (
        r"(?=[A-Z]|[Tt]he\b)"
        + _subject_guard(inst_lines)
        + subj.replace("{g}", "s1")
        + rf"(?:{_WS}and{_WS}"
        + subj.replace("{g}", "s2")
        + r")?(?P<appos>,[^,;:“”\"\n]{1,160},)?"
        + rf",?{_WS}(?:{_ADV}{_WS}){{0,3}}\Z"
    )
    inv = (
        rf"(?:(?:{_alt(_INVERTED_VERBS)}){_WS}"
        + subj.replace("{g}", "s1")
        + r"(?=[^\S\n]*(?:[.,;]|$))"
        + rf"|[Aa]ccording{_WS}to{_WS}"
        + subj.replace("{g}", "s2")
        + ")"
    )
    cues = [*_verbs(), "according", "According"]
    trig_alt = _alt(cues)
    trig_re = re.compile(rf"(?:{trig_alt})\b")
    trig_sp_re = trig_other_re = None
    if _split_scan_ok(cues):
        trig_sp_re = re.compile(rf" ({trig_alt})\b")
        trig_other_re = re.compile(rf"[^ a-zA-Z0-9]({trig_alt})\b")
    trig_gap_re = None
    if trig_sp_re is not None and all(c.isascii() for c in cues):
        trig_gap_re = re.compile((r"\x00(" + _alt(cues, ws=r"\x00+") + r")\b").encode("ascii"))
    if trig_sp_re is None:  # the verbs may not start words: no shortcut
        subj_tails = None
    trig_table = _verb_table(cues) if trig_gap_re is not None else None

    affs = [(r["pattern"], r["affiliation"]) for r in lexicon("affiliations")]
    # keyed with single spaces: the pattern lets any white space stand for one
    aff_map = {" ".join(p.split()): a for p, a in affs}
    aff_re = re.compile(rf"(?<![\w.])(?:{_alt(aff_map)})(?![\w])")
    aff_tokens = frozenset(p for p in aff_map if " " not in p)

    anon = lexicon("anonymous_patterns") or {}
    parts = {
        k: (f"(?:{_alt(v)})" if isinstance(v, list) else str(v)) for k, v in (anon.get("parts") or {}).items()
    }
    groups, labels = [], {}
    for i, entry in enumerate(anon.get("patterns") or []):
        pat = str(entry["pattern"])
        for k, v in parts.items():
            pat = pat.replace("{" + k + "}", v)
        groups.append(f"(?P<a{i}>{pat})")
        labels[f"a{i}"] = str(entry.get("label") or "")
    anon_re = re.compile("|".join(groups) or r"(?!x)x")
    reqs = [_required_literals(g) for g in groups]
    anon_req = None if any(r is False for r in reqs) else tuple(r or None for r in reqs)
    anon_triggers = tuple(str(t).lower() for t in anon.get("triggers") or [])
    anon_keys = _trigger_keys(anon_triggers)
    anon_keys_b = None
    # ASCII triggers without "?" (what the bytes hold for characters beyond Latin-1);
    # patterns that look at most one character before the span (\b) and not at the
    # string's start
    if all(t.isascii() and "?" not in t for t in anon_triggers) and not any(_looks_back(g) for g in groups):
        anon_keys_b = tuple(
            (k.encode("ascii"), tuple((t.encode("ascii"), off) for t, off in members)) for k, members in anon_keys
        )

    months = "Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|No|Nos|Vol|vs|etc|approx"
    abbrev_words: frozenset[str] | None = frozenset([*abbrevs, *months.split("|")])
    if not all(re.fullmatch(r"[A-Za-z]{1,11}", w) for w in abbrev_words):
        abbrev_words = None
    abbrev_re = re.compile(
        rf"(?:\b(?:[A-Z]\.)+|\b[A-Z]|\b(?:{'|'.join(sorted(abbrevs))}|{months}))\.[\"”’)\]]*$"
    )
    turn_re = re.compile(  # exactly these two groups: _article_rows reads findall()'s pairs
        r"\n[^\S\n]*(?:(?P<q>Q)(?=[:\s])|"
        r"(?P<spk>[A-Z][A-Z.'’\-]*(?:[ \u00a0]+[A-Z][A-Z.'’\-]*){0,5}):(?=\s))"
    )
    appos_re = re.compile(
        r",[^\S\n]+((?:the|a|an|[A-Z][\w.]*(?:’s|'s))[^\S\n]+(?:[^,.;“”\"\n]|(?<=[A-Z])\.){1,80}?)(?:[,;]|(?<![A-Z])\.)(?!\w)"
    )
    # a group, or a role in lower case, and a preposition: "residents of", "the senator
    # from" (not a role "for" someone: "a spokeswoman for Fiorina" speaks for her)
    group_of = (rf"(?:(?i:{_alt(w.lower() for w in lexicon('group_nouns'))}){_WS}(?P<prep>in|of|from|at|with|for)"
                rf"|{_alt(titles)}{_WS}(?P<tprep>in|of|from|at)){_WS}(?:the{_WS})?")
    return _Rules(
        trig_re=trig_re,
        trig_sp_re=trig_sp_re,
        trig_other_re=trig_other_re,
        trig_gap_re=trig_gap_re,
        trig_table=trig_table,
        subj_tails=subj_tails,
        subj_end_re=re.compile(subj_end),
        group_of_re=re.compile(rf"(?<![\w-]){group_of}\Z"),
        group_lead_re=re.compile(group_of),
        noun_prep_re=re.compile(rf"(?<![\w-])[A-Za-z][a-z\-]*{_WS}(?P<prep>in|of|from|at|near){_WS}(?:the{_WS})?\Z"),
        inv_verbs=frozenset(_INVERTED_VERBS) | {"according", "According"},
        inv_re=re.compile(inv),
        anon_triggers=anon_triggers,
        anon_keys=anon_keys,
        anon_keys_b=anon_keys_b,
        anon_re=anon_re,
        anon_pats=tuple(re.compile(g) for g in groups) if anon_req is not None else (),
        anon_req=anon_req,
        anon_ends=tuple(_required_end(g) for g in groups) if anon_req is not None else (),
        anon_labels=labels,
        aff_re=aff_re,
        aff_map=aff_map,
        aff_tokens=aff_tokens,
        aff_last_words=frozenset(p.rsplit(" ", 1)[-1] for p in aff_map if " " in p),
        institutions=institutions,
        places=frozenset(lexicon("places")),
        person_words=titles | frozenset(
            w.lower() for name in ("person_nouns", "source_role_modifiers") for w in lexicon(name)),
        homographs=frozenset(str(w) for w in (lexicon("surname_homographs") or {}).get("words") or []),
        first_names=_names._tables(version)["first"],
        verb_forms=frozenset(reporting_verbs()[0]),
        title_breaks=frozenset(w.lower() for w in lexicon("title_case_breaks")),
        titles=titles,
        wires=wires,
        inst_generic=inst_generic,
        mods=mods,
        orgs=orgs,
        stop=stop,
        indefinite=frozenset(w.lower() for w in lexicon("indefinite_determiners")),
        abbrev_re=abbrev_re,
        abbrev_words=abbrev_words,
        abbrev_longest=max(map(len, abbrev_words or ["x"])),
        abbrev_last=frozenset([*(w[-1] for w in abbrev_words or ()), *"ABCDEFGHIJKLMNOPQRSTUVWXYZ"]),
        turn_re=turn_re,
        appos_re=appos_re,
        chain_re=re.compile(chain),
    )


def _get_rules() -> _Rules:
    global _V
    _V = lexicon_version()
    return _rules(_V)


# lexicon version read once per call of the public functions (os.environ is slow
# to read per name), used by the cached name helpers below
_V = 0


def _cn(name: str) -> str:
    return _clean_name(name, _V)


def _nk(name: str) -> str:
    return _name_key(name, _V)


# ----------------------------------------------------------------------------- helpers


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and value != value  # NaN


def _as_list(value: Any) -> list[Any]:
    """A list column's value as a list: lists, arrays (parquet), and the string
    form dask gives list columns under ``string[pyarrow]`` ("[]", "['A B']")."""
    if type(value) is list:  # the common case first (a Mapping check is slow)
        return list(value)
    if _is_missing(value):
        return []
    if isinstance(value, str):
        v = value.strip()
        if v.startswith("[") and v.endswith("]"):
            try:
                parsed = ast.literal_eval(v)
            except (ValueError, SyntaxError):
                parsed = None
            if isinstance(parsed, list):
                return parsed
        return [value] if v else []
    if isinstance(value, Mapping):
        return [value]
    try:
        return list(value)
    except TypeError:
        return [value]


def _as_str(value: Any) -> str:
    if _is_missing(value):
        return ""
    return str(value)


@functools.lru_cache(maxsize=1 << 16)
def _affiliation(text: str | None, rules: _Rules) -> str | None:
    if not text:
        return None
    m = rules.aff_re.search(text)
    # the pattern takes any run of white space inside a name ("White  House", a line break)
    return rules.aff_map[" ".join(m.group().split())] if m else None


def _agency(credit: str, amap: Mapping[str, str], wires: Mapping[str, str]) -> str | None:
    """The agency a credit names first: ``"Pool via AP"`` -> ``Pool``, ``"AP, Pool"`` -> ``AP``."""
    parts = [p.strip() for p in re.split(r"\s*(?:,|/|;|\bvia\b)\s*", credit) if p.strip()]
    if not parts:
        return None
    first = re.sub(r"\s+(?:Photo|Photos|Images)$", "", parts[0])
    return wires.get(first) or amap.get(_nk(first), first)


@functools.lru_cache(maxsize=1 << 16)
def _institution(words: str, rules: _Rules) -> str | None:
    """The institution ``words`` name (its listed spelling, without "the"), else None."""
    bare = re.sub(r"^the\s+", "", " ".join(words.split()), flags=re.I)
    hit = rules.institutions.get(bare.lower())
    if hit is None and rules.inst_generic.fullmatch(bare):
        return bare
    return hit


@functools.lru_cache(maxsize=1 << 16)
def _is_role_token(tok: str, rules: _Rules) -> bool:
    """A head or modifier of a role, or a one-word affiliation ("Russian", "U.S.")."""
    t = tok.rstrip(",")
    low = t.lower()
    if low in rules.titles or low in rules.mods or t in rules.aff_tokens:
        return True
    if low.endswith("s") and low[:-1] in rules.titles:
        return True  # a plural title: "Presidents Biden and Putin"
    return t.endswith(("’s", "'s")) and t[:-2] in rules.aff_tokens


def _role_part(tok: str, rules: _Rules) -> bool:
    """A word that can sit inside a role: head, modifier, affiliation, organisation, joiner."""
    t = tok[:-2] if tok.endswith(("’s", "'s")) else tok
    return _is_role_token(t, rules) or t in rules.orgs or t in _JOINERS or t.lower() in rules.titles


def _aff_phrase(toks: list[str], i: int, step: int, rules: _Rules) -> int:
    """Length (2 or 3) of a multi-word affiliation ("White House") at ``i``, else 0."""
    for n in (3, 2):
        lo, hi = (i, i + n) if step > 0 else (i - n + 1, i + 1)
        if lo >= 0 and hi <= len(toks) and " ".join(toks[lo:hi]) in rules.aff_map:
            return n
    return 0


_JOINERS = frozenset(["of", "the", "for", "to", "and"])


def _valid_role(tokens: list[str], rules: _Rules) -> str:
    """The role words trimmed of function words; "" unless a head word is in them."""
    while tokens and (tokens[0].lower() in rules.stop or tokens[0] in _JOINERS):
        tokens = tokens[1:]
    while tokens and (tokens[-1].lower() in rules.stop or tokens[-1] in _JOINERS):
        tokens = tokens[:-1]
    if not any(t.lower().rstrip(",") in rules.titles for t in tokens):
        return ""
    return " ".join(tokens)


@functools.lru_cache(maxsize=1 << 16)
def _valid_role_of(words: str, rules: _Rules) -> str:
    """``_valid_role`` of the words of ``words``."""
    return _valid_role(words.split(), rules)


# a relative clause may follow an appositive's noun ("a pollster who is …"); a verb
# before any such word makes it a clause ("a meeting of ministers … was held in Kyiv")
_RELATIVE = frozenset(["who", "which", "that", "whose", "whom"])
_FINITE = frozenset(["was", "were", "is", "are", "has", "have", "had", "will", "would", "did", "does", "do"])
# an appositive that opens with a quantity of people is the next item of a list ("Andrei
# Turchak, a number of ministers and governors"), not a role
_LIST_OPENERS = ("a number of ", "a group of ", "several ", "many ", "other ", "dozens of ")


@functools.lru_cache(maxsize=1 << 16)
def _valid_appositive(words: str, rules: _Rules) -> str:
    """``_valid_role`` of an appositive's words; "" for a clause ("a meeting of
    ministers of the two countries was held in Kyiv recently")."""
    tokens = words.split()
    if " ".join(tokens).lower().startswith(_LIST_OPENERS):
        return ""
    for t in tokens:
        if t in _RELATIVE:
            break
        if t in _FINITE:
            return ""
    return _valid_role(tokens, rules)


def _split_chain(chain: str, rules: _Rules) -> tuple[str, list[str]]:
    """(role at the front, name tokens) of a capitalised run."""
    role, name = _split_chain_cached(chain, rules)
    return role, list(name)


@functools.lru_cache(maxsize=1 << 16)
def _split_chain_cached(chain: str, rules: _Rules) -> tuple[str, tuple[str, ...]]:
    toks = chain.split()
    role: list[str] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        n = _aff_phrase(toks, i, 1, rules)
        if n and i + n < len(toks):
            role += toks[i : i + n]
            i += n
            continue
        if t.lower() in rules.stop:
            role = []
        elif not (_is_role_token(t, rules) and i < len(toks) - 1):
            break
        else:
            role.append(t)
        i += 1
    name = toks[i:]
    # a role after words we do not know ("Elbonian Foreign Minister Dogbert Smith")
    heads = [j for j, t in enumerate(name[:-1]) if t.lower() in rules.titles]
    if heads:
        role, name = role + name[: heads[-1] + 1], name[heads[-1] + 1 :]
    if name and name[-1].endswith(("’s", "'s")):
        name[-1] = name[-1][:-2]
    return _valid_role(role, rules), tuple(name)


_NO_PLAN: Any = object()
_INITIAL_RE = re.compile(r"[A-Z]\.")


def _role_before(text: str, start: int, rules: _Rules, skip: frozenset[str]) -> str:
    """Role words just before ``start`` (name tokens in ``skip`` are stepped over)."""
    seg = text[max(0, start - 120) : start]
    # first the last word alone: most often it is no name word and ends no role
    last = seg.rsplit(None, 1)
    if (len(last) == 2 or start <= 120) and last and last[-1] not in skip and _stops_role(last[-1], rules):
        return ""
    toks = seg.split()
    if start > 120 and toks:
        toks = toks[1:]
    out: list[str] = []
    j = len(toks) - 1
    while j >= 0 and (toks[j] in skip or _INITIAL_RE.fullmatch(toks[j])):
        j -= 1
    if j < 0 or not _may_end_role(toks[j], rules):
        return ""  # what the loop below gives when it stops at its first word
    while j >= 0:
        t = toks[j]
        if t[-1] in ",.;:(—“”\"" and not rules.aff_re.fullmatch(t):
            break
        n = _aff_phrase(toks, j, -1, rules) if t in rules.aff_last_words else 0  # (the phrase ends with ``t``)
        if n:
            out += reversed(toks[j - n + 1 : j + 1])
            j -= n
            continue
        if _is_role_token(t, rules) and t.lower() not in rules.stop or t.lower() in ("of", "the", "for", "to") and out:
            out.append(t)
        elif out and out[-1].lower() in rules.titles and _GIVEN_RE.fullmatch(t) and t.lower() not in rules.stop:
            out.append(t)  # the role's owner: "Stein spokeswoman", "Clinton campaign chairman"
            break
        else:
            break
        j -= 1
    if not out:
        return ""  # what _valid_role([]) gives
    if j >= 0 and toks[j] in _MODALS and out[-1].islower():
        return ""  # a verb, not a title: "We will judge Varnia", "to coach Smith"
    out.reverse()
    return _valid_role_of(" ".join(out), rules)  # (the words hold no white space)


_MODALS = frozenset(["will", "would", "can", "could", "shall", "should", "may", "might", "must", "to",
                     "did", "do", "does", "not"])


@functools.lru_cache(maxsize=1 << 16)
def _may_end_role(t: str, rules: _Rules) -> bool:
    """False when _role_before's loop stops at ``t`` as the first word it reads (so
    finds no role): ``t`` ends with punctuation, or is no role word and no last word
    of a multi-word affiliation."""
    if t[-1] in ",.;:(—“”\"" and not rules.aff_re.fullmatch(t):
        return False
    if t in rules.aff_last_words:
        return True  # _aff_phrase may match
    return _is_role_token(t, rules) and t.lower() not in rules.stop


@functools.lru_cache(maxsize=1 << 16)
def _stops_role(t: str, rules: _Rules) -> bool:
    """True when _role_before, reading ``t`` as the last word before the name,
    neither steps over it (an initial) nor finds a role that ends with it."""
    return not _INITIAL_RE.fullmatch(t) and not _may_end_role(t, rules)


# a sentence end: [.?!] (a closing quote) and a space or line break, or a blank line;
# written to start with one character class, which ``re`` skips to quickly
_END_RE = re.compile(r"[.?!\n](?:(?<=\n)\n|(?<!\n)[”\"]?[ \n])")
_END_START = ".?!\n"


def _is_abbrev(text: str, k: int, rules: _Rules) -> bool:
    """True when the period at ``k`` ends an abbreviation ("U.S.", "Mr.", "Jan.").

    That is ``abbrev_re.search(text, k - 12, k + 1)``: the word before the period
    is a capital letter or one of ``abbrev_words``, or the period follows another.
    """
    if text[k] != ".":
        return False
    words = rules.abbrev_words
    if words is None or (k and text[k - 1] == "."):
        return rules.abbrev_re.search(text, k - 12 if k > 12 else 0, k + 1) is not None
    if not k or text[k - 1] not in rules.abbrev_last:
        return False  # no word, or one that ends as no abbreviation does
    j = k - 1
    stop = k - 1 - rules.abbrev_longest
    while j >= 0 and (text[j].isalnum() or text[j] == "_"):  # the word before: \w+
        j -= 1
        if j < stop:
            return False  # longer than any abbreviation
    w = text[j + 1 : k]
    return w in words or (len(w) == 1 and "A" <= w <= "Z")


def _last_end(text: str, lo: int, pos: int, rules: _Rules) -> int:
    """End of the last sentence end ``_END_RE.finditer(text, lo, pos)`` finds that is
    not an abbreviation's period, else -1.

    Read from ``pos`` backwards: a match at [.?!] is found wherever the pattern
    matches (no match can hold those characters but first); blank lines are the
    line breaks of a run paired left to right, from the run's start (or ``lo``), or
    from the next one when a match before the run ends with its first line break.
    """
    hi = pos
    while True:
        k = max(text.rfind(".", lo, hi), text.rfind("\n", lo, hi), text.rfind("?", lo, hi), text.rfind("!", lo, hi))
        if k < 0:
            return -1
        if text[k] != "\n":  # [.?!], a closing quote or not, and a space or line break before ``pos``
            nxt = text[k + 1] if k + 1 < pos else ""
            if nxt == " " or nxt == "\n":
                end = k + 2
            elif (nxt == "”" or nxt == '"') and k + 2 < pos and text[k + 2] in " \n":
                end = k + 3
            else:
                hi = k
                continue
            if text[k] != "." or not _is_abbrev(text, k, rules):
                return end
            hi = k
            continue
        r = k
        while r > lo and text[r - 1] == "\n":
            r -= 1
        first = r  # where the pairs start
        if r - 1 >= lo and text[r - 1] in ".?!" or r - 2 >= lo and text[r - 1] in "”\"" and text[r - 2] in ".?!":
            first = r + 1
        e = k + 1
        while e < pos and text[e] == "\n":
            e += 1
        if e - first >= 2:
            return first + (e - first) // 2 * 2  # the end of the last pair
        hi = r


_QUANTITY_NOUNS = frozenset([
    "number", "majority", "minority", "plurality", "group", "lot", "lots", "handful", "couple", "dozen",
    "dozens", "hundreds", "thousands", "millions", "half", "part", "rest", "most", "many", "some", "all",
    "several", "few", "none", "one", "two", "three", "each", "both"])


def _noun_prep(pre: str, end: int, rules: _Rules) -> re.Match[str] | None:
    """A common noun and a preposition right before ``pre[:end]``'s end, the subject's
    start: the name after them is the preposition's object ("Residents of the border
    town of Vessel say", "Exporters at Harbourside say"), not the subject. A capitalised
    noun counts only where it opens the sentence (not a title: "Managing Director at
    FIBA Europe Monika Puchner noted")."""
    m = rules.noun_prep_re.search(pre, 0, end)
    if m is None or m[0].split(None, 1)[0].lower() in _QUANTITY_NOUNS:
        return None  # (a part of them is them: "a number of Florida Republicans have complained")
    if m[0][:1].islower():
        return m
    before = pre[:m.start()].rstrip()
    return m if not before or before[-1] in ".!?\n" else None


def _no_subject_before(text: str, v: int, rules: _Rules) -> bool:
    """True when ``subj_end_re`` cannot match any text that ends at ``v`` (whatever
    the sentence start): the word before the verb ends no subject.

    A match ends with whitespace after the subject's last word, an apposition's
    comma or up to three adverbs. So the last word before ``v`` must hold a capital
    (a name, a day), end with a comma, be an adverb, or end like an institution
    whose last word is lower case ("the defence ministry").
    """
    if not v or not text[v - 1].isspace():
        return True
    lo = v - 60 if v > 60 else 0
    tail = text[lo:v]
    parts = tail.rsplit(None, 1)
    if not parts:
        return False
    if len(parts) == 1 and lo and not tail[0].isspace():
        return False  # the word may start before ``lo``
    return _ends_no_subject(parts[-1], rules)


@functools.lru_cache(maxsize=1 << 16)
def _ends_no_subject(w: str, rules: _Rules) -> bool:
    """True when the word ``w`` cannot be the last word before a verb that
    ``subj_end_re`` matches (see _no_subject_before)."""
    return not (
        w.endswith(",")
        or w in _ADVERB_WORDS
        or _LY_RE.fullmatch(w)
        or _UPPER_RE.search(w)
        or w.endswith(rules.subj_tails or ())
    )


def _dead_hit(text: str, v: int, word: str, rules: _Rules) -> bool:
    """True when the reporting verb at ``v`` cites nobody whatever its sentence
    (called when ``inv_re`` does not match at ``v``)."""
    if word in ("according", "According"):
        return _ACCORDING_PRONOUN.match(text, v) is None
    # "She noted ...": _PRONOUN_SUBJ (both tests are pure: the cheaper one first)
    if not _no_subject_before(text, v, rules):
        return False
    before = text[v - 40 if v > 40 else 0 : v]
    return not ("He" in before or "She" in before)


def _sentence_agrees(text: str, pos: int, bounds: tuple[int, int]) -> bool:
    """True when every sentence found from an earlier position that holds ``pos``
    is ``bounds`` = ``_sentence(text, pos)``.

    Its start must be a sentence end that scans from further back find too (some
    character before it that no sentence end holds), or the text's start within
    reach; its end a sentence end (or the text's end) within 400 characters of its
    start, so that a scan from any position in the sentence reaches it.
    """
    start, end = bounds
    lo = pos - 400 if pos > 400 else 0
    if lo and (start - 3 <= lo or all(c in _END_CHARS for c in text[lo : start - 3])):
        return False
    if end > start + 400:
        return False
    return end < pos + 400 or end == len(text)


def _sentence(text: str, pos: int, rules: _Rules) -> tuple[int, int]:
    """(start, end) of the sentence around ``pos`` (looked for within 400 characters)."""
    lo = pos - 400 if pos > 400 else 0
    # first the last 150 characters: where no sentence end can cover ``near``, a scan
    # from ``near`` finds the same ends as the scan from ``lo``
    near = pos - 150
    if near > lo + 2 and text[near - 1] not in _END_START and text[near - 2] not in _END_START:
        start = _last_end(text, near, pos, rules)
        if start < 0:  # none there: the one before ``near`` (no match crosses it)
            start = _last_end(text, lo, near, rules)
    else:
        start = _last_end(text, lo, pos, rules)
    if start < 0:
        start = lo
    end = pos + 400 if pos + 400 < len(text) else len(text)
    m = _END_RE.search(text, pos, end)
    while m is not None:  # as finditer: on from each match's end
        k = m.start()
        if text[k] != "." or not _is_abbrev(text, k, rules):  # (_is_abbrev: False unless a period)
            return start, m.end()
        m = _END_RE.search(text, m.end(), end)
    return start, end


_FINDER_NUMPY_MIN = 10_000  # texts this long: a word's first two bytes found with numpy beat str.find


class _Finder(dict[str, list[int]]):
    """word -> ``_find_all(text, word)`` for one text, each word searched once.

    ``gaps``: the text's bytes as _GAPS made them (see _scanned), when at hand; in
    a long text a word of two or more ASCII letters and digits is then looked for
    through them (:func:`_pair_occurrences`).
    """

    def __init__(self, text: str, gaps: np.ndarray | None = None) -> None:
        super().__init__()
        self.text = text
        self.gaps = gaps if gaps is not None and len(text) >= _FINDER_NUMPY_MIN else None

    def __missing__(self, word: str) -> list[int]:
        if self.gaps is not None and len(word) > 1 and word.isascii() and word.isalnum():
            got = _find_all(self.text, word, _pair_occurrences(self.text, word, self.gaps))
        else:
            got = _find_all(self.text, word)
        self[word] = got
        return got


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Where ``word`` is in ``text``, left to right, each looked for past the last."""
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + len(word))


def _pair_occurrences(text: str, word: str, gaps: np.ndarray) -> Iterator[int]:
    """``_occurrences(text, word)`` for a word of ASCII letters and digits (two or
    more), ``gaps`` being the text's _GAPS bytes: where the word is, its first two
    bytes are there (the bytes keep those characters), so the places of that pair
    (one pass of numpy) hold every place of the word."""
    nxt = 0
    for i in np.flatnonzero((gaps[:-1] == ord(word[0])) & (gaps[1:] == ord(word[1]))).tolist():
        if i >= nxt and text.startswith(word, i):
            yield i
            nxt = i + len(word)


def _find_all(text: str, word: str, occurrences: Iterable[int] | None = None) -> list[int]:
    """Offsets of ``word`` in ``text`` as a whole word (str.find: no regex);
    ``occurrences``: what ``_occurrences(text, word)`` gives, found another way."""
    out = []
    n = len(word)
    for i in _occurrences(text, word) if occurrences is None else occurrences:
        before = text[i - 1] if i else " "
        after = text[i + n] if i + n < len(text) else " "
        if not (before.isalnum() or before in "’'-") and not (after.isalnum() or after == "-"):
            out.append(i)
    return out


# ----------------------------------------------------------------------------- per article


class _Acc:
    """Accumulates one article's sources keyed by (kind group, name key)."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], dict[str, Any]] = {}

    def add(self, group: str, key: str, **fields: Any) -> dict[str, Any]:
        row = self.rows.get((group, key))
        if row is None:
            row = {
                "source": fields.get("source"),
                "kind": fields.get("kind"),
                "is_institution": bool(fields.get("is_institution", False)),
                "role": None,
                "affiliation": None,
                "n_quotes": 0,
                "n_paraphrases": 0,
                "n_mentions": 0,
                "agency": None,
                "_roles": [],
                "_forms": set(),
            }
            self.rows[(group, key)] = row
        for k in ("role", "affiliation", "agency"):
            if fields.get(k) and not row[k]:
                row[k] = fields[k]
        return row


_ACCORDING_PRONOUN = re.compile(r"[Aa]ccording\s+to\s+(?:him|her)\b")
_PRONOUN_SUBJ = re.compile(r"(?:[“\"]?(?:He|She))(?:\s+(?:also|later|then|again|has|had|[a-z]+ly))*,?\s*")
_CONTRACTION = re.compile(r"[’'](?:m|re|ve|ll|d|t)$")
_GIVEN_RE = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’\-]*[^\W_]|[A-Z]\.")


@functools.lru_cache(maxsize=1 << 16)
def _given_word(t: str, rules: _Rules) -> bool:
    """``t`` can be a given name before a surname ("Dmitry")."""
    return bool(
        _GIVEN_RE.fullmatch(t)
        and not _CONTRACTION.search(t)
        and not t.endswith(("’s", "'s"))  # "It’s Jeff Zients", "Biden’s Jill"
        and not _is_role_token(t, rules)
        and t.lower() not in rules.stop
    )


def _trim_common(full: str, texts: Iterable[str], rules: _Rules) -> str | None:
    """``full`` ("Elections Susan Bucher") from the word after the last of its given
    words that ``texts`` also write in lower case ("Susan Bucher"), and from its first
    known given name; None when no given word is left ("Poor Ron")."""
    words = full.split()
    cut = max((k + 1 for k, w in enumerate(words[:-1]) if _names.written_in_lower_case(w, texts, rules.first_names)), default=0)
    if cut >= len(words) - 1:
        return None
    words = words[cut:]
    # (and from its first given name: "Recorder Helen Purcell", as _person_name reads it)
    return " ".join(words[_names.given_name_start(words, rules.first_names):])


def _full_names_for(
    surname: str, texts: Iterable[str], rules: _Rules, finder: _Finder | None = None
) -> list[str]:
    """Full names written before ``surname`` in ``texts`` ("Dmitry" + "Peskov");
    ``finder`` finds words in one of them."""
    out = []
    for text, i in _word_places(surname, texts, finder):
        pre = text[max(0, i - 60) : i]
        toks = pre[pre.rfind("\n\n") + 1 :].rsplit(None, 3)  # the last three words are enough
        given: list[str] = []
        for t in reversed(toks[-3:]):
            if _given_word(t, rules) and not (t.lower() in rules.verb_forms and _in_title_case_line(text, i)):
                # (in a headline in Title Case, capitals say nothing of where a name
                # starts: a reporting verb there is none of it, "Donald Trump Praises
                # Breitbart’s …")
                given.append(t)
            else:
                break
        if given and not (given[-1].rstrip(".").lower() not in rules.first_names and _in_quote(text, i)):
            # (not words of a quoted headline: "“Republicans Wrongly Blame Biden for …”")
            out.append(" ".join([*reversed(given), surname]))
    return out


def _in_title_case_line(text: str, i: int) -> bool:
    """Whether offset ``i`` is in a line of five or more words, all but "a", "of", "the"
    and the like capitalised: a headline ("Donald Trump Praises Breitbart’s …")."""
    lo = text.rfind("\n", 0, i) + 1
    hi = text.find("\n", i)
    hi = len(text) if hi < 0 else hi
    if hi - lo > 250:  # (a paragraph, not a headline: no need to split it)
        return False
    words = text[lo:hi].split()
    if len(words) < 5 or len(words) > 30:
        return False
    lower = [w for w in words if w[:1].islower() and w.lower() not in _TITLE_CASE_SMALL]
    return not lower


# words a headline in Title Case may leave in lower case
_TITLE_CASE_SMALL = frozenset(["a", "an", "the", "of", "and", "or", "but", "for", "nor", "in", "on", "at", "to",
                               "by", "as", "with", "from", "into", "via", "vs", "vs."])


def _in_quote(text: str, i: int) -> bool:
    """Whether offset ``i`` is inside curly double quotes opened in its paragraph."""
    lo = text.rfind("\n", 0, i) + 1
    return text.rfind("“", lo, i) > text.rfind("”", lo, i)


def _word_places(word: str, texts: Iterable[str], finder: _Finder | None) -> Iterator[tuple[str, int]]:
    """(text, offset) of each whole-word ``word`` in ``texts``; ``finder`` finds words
    in one of them."""
    for text in texts:
        if text:
            at = finder[word] if finder is not None and text is finder.text else _find_all(text, word)
            for i in at:
                yield text, i


_SURNAME_AFTER_RE = re.compile(
    r"[ \xa0]+(?:[A-Z]\.[ \xa0]+)?([A-ZÀ-ÖØ-Þ][\w'’\-]*[^\W_])(?: ([A-ZÀ-ÖØ-Þ][\w'’\-]*[^\W_]))?")


def _full_names_after(
    first: str, texts: Iterable[str], rules: _Rules, finder: _Finder | None = None
) -> list[str]:
    """Full names written with the given name ``first`` in ``texts`` ("Jake" +
    "Sullivan"); ``finder`` finds words in one of them."""
    out = []
    for text, i in _word_places(first, texts, finder):
        m = _SURNAME_AFTER_RE.match(text, i + len(first))
        if m is None:
            continue
        words = []  # one or two ("Lee" + "Hsien Loong"), up to a possessive
        for w in (m[1], m[2]):
            if not w:
                break
            own = w.endswith(("’s", "'s"))
            w = w[:-2] if own else w
            if not (w and _given_word(w, rules)) or w in rules.orgs:  # "Hillary Clinton Foundation"
                break
            words.append(w)
            if own:
                break
        if words:
            out.append(" ".join([first, *words]))
    return out


def _person_resolver(
    texts: list[str], amap: Mapping[str, str], rules: _Rules, finder: _Finder | None = None
) -> Callable[..., tuple[str, str]]:
    """name -> (display, key): alias table, then join a surname to the article's full name."""
    cache: dict[tuple[str, str, bool, bool], tuple[str, str]] = {}

    def resolve(name: str, title: str = "", office: bool = False, quoted: bool = False) -> tuple[str, str]:
        """``title``: the title word given with the name, if any ("Sen.", "President");
        ``office``: it names the office the speaker holds ("THE PRESIDENT:"), not an
        honorific; ``quoted``: a quote's speaker, whom extract_quotes has already joined
        to the article's full names where it could."""
        hit = cache.get((name, title, office, quoted))
        if hit is not None:
            return hit
        disp = _cn(name)
        key = _nk(disp)
        if " " not in key and disp:
            # a surname alone: the full name written in this article first
            # ("Melania Trump ... Trump said"), then the aliases table
            surname = disp.split()[-1]
            found = _full_names_for(surname, texts, rules, finder)
            if found:
                # a capitalised word the article also writes in lower case is a common
                # word, no given name: a sentence's first ("Poor Ron"), a role's
                # ("Elections Susan Bucher"); the name starts after the last such word
                found = [f for f in (_trim_common(f, texts, rules) for f in found) if f]
            counts = Counter(_nk(f) for f in found).most_common(2)
            if title and (len(counts) > 1 or office):
                # a family ("Naomi Biden", "Joe Biden"), or the holder of an office the
                # quote names ("THE PRESIDENT:"): a titled surname is the one written
                # with that title ("President Joe Biden"), or none of them
                titled = {f for f in found if any(_names.written_with_title(t, title, f) for t in texts if t)}
                found = [f for f in found if f in titled]
                counts = Counter(_nk(f) for f in found).most_common(2)
            if quoted and found and (known := amap.get(key)) is not None:
                # a quote's speaker left as a surname that the alias table knows ("Biden",
                # Joe Biden, in a briefing that names only Hunter Biden): extract_quotes
                # kept it from the article's other persons of that surname, so do not
                # join it to one of them
                found = [f for f in found if _names.same_person(f, known)]
                counts = Counter(_nk(f) for f in found).most_common(2)
            if counts and (len(counts) == 1 or counts[0][1] > counts[1][1]):
                key = counts[0][0]
                disp = _cn(next(f for f in found if _nk(f) == key))
            elif not found and disp.lower() in _names._tables(_V)["first"]:
                # a first name alone ("I'll turn it over to Jake"): the one person the
                # article names in full with it ("Jake Sullivan"), if only one
                # (one surname: its most frequent form, "Jake Sullivan" over a title's
                # "Jake Sullivan En Route")
                fulls = Counter(_full_names_after(disp, texts, rules, finder))
                if len({f.split()[1] for f in fulls}) == 1:
                    full = min(fulls, key=lambda f: (-fulls[f], len(f)))
                    disp = _cn(full)
                    key = _nk(disp)
        if key in amap:
            disp = amap[key]
            key = _nk(disp)
        cache[(name, title, office, quoted)] = (disp, key)
        return disp, key

    return resolve


def _joint_persons(name: str, rules: _Rules) -> list[str]:
    """The two persons of a quote's joint speaker "A and B" (each a full name), else
    ``[name]`` ("Department of Health and Human Services" is one)."""
    if " and " not in name:
        return [name]
    parts = name.split(" and ", 1)
    if all(" " in p and _speaker_kind(p, rules) == "person" for p in parts):
        return parts
    return [name]


_HEAD_END_RE = re.compile(r"\b(?:of|to|for|at|from|with|in|on|about|who|that|linked|filed|wearing)\b")


def _names_a_person(words: str, rules: _Rules) -> bool:
    """Whether a description without a name ("longtime adviser to Trump", "Iowa
    Democrat") is headed by a word for a person, not a thing ("Club for Growth ad",
    "nod to the front-runner", "letter to Facebook")."""
    if words.startswith("of "):
        words = words[3:]  # "one of those advisers"
    head = _HEAD_END_RE.split(words, 1)[0].split()
    # (a participle ends the head: "intelligence source speaking to Fox News")
    head = head[:next((j for j, w in enumerate(head) if j and w.endswith("ing")), len(head))]
    if not head:
        return False
    w = head[-1].lower().strip(".,;:’'")
    nouns = rules.person_words
    return w in nouns or (w.endswith("s") and w[:-1] in nouns) or (w.endswith("es") and w[:-2] in nouns)


@functools.lru_cache(maxsize=1 << 16)
def _speaker_kind(name: str, rules: _Rules) -> str | None:
    """'institution' | 'anonymous' | 'person' | None (pronoun / empty)."""
    words = name.split()
    if not words or all(w.lower().strip(",.") in rules.stop for w in words):
        return None
    if _institution(name, rules) or words[-1] in rules.orgs:
        return "institution"
    m = rules.anon_re.search(name.lower())
    if m and m.end() - m.start() >= 0.6 * len(name.strip()):
        return "anonymous"
    return "person"


def _surname_homograph(name: list[str], i: int, rules: _Rules) -> bool:
    """Whether the stop word ``name[i]`` is a surname there: the last word, after a
    first name ("Theresa May", "Ian Read")."""
    return i == len(name) - 1 and i > 0 and name[i] in rules.homographs \
        and name[i - 1][1:].islower() and name[i - 1].lower() in rules.first_names


@functools.lru_cache(maxsize=1 << 16)
def _person_name(name: str, rules: _Rules, version: int) -> tuple[str, str] | None:
    """(role, name) a cited person's words give; None for a role or an adjective alone."""
    role, toks = _split_chain(_clean_name(name, version), rules)
    if not toks or all(_is_role_token(t, rules) for t in toks):
        return None  # a role or an adjective alone ("Democratic") is nobody in particular
    if toks and any(t in ("of", "on", "for") for t in toks):  # "Director of Communications Kate B."
        cut = max(i for i, t in enumerate(toks) if t in ("of", "on", "for"))
        toks = [t for t in toks[cut + 1 :] if not _is_role_token(t, rules)] or toks
    while len(toks) > 1 and toks[0].endswith(("’s", "'s")) and toks[0][:-2].lower() in rules.stop:
        toks = toks[1:]  # "It’s Jeff Zients", "That’s Jim"
    # the end of a role runs into the name: "Minister of Infrastructure Oleksandr
    # Kubrakov" (the name starts at the first given name, as quotes reads it)
    toks = toks[_names.given_name_start(toks, _names._tables(version)["first"]):]
    return role, " ".join(toks) or name


@functools.lru_cache(maxsize=1 << 16)
def _cite_plan(subject: str, rules: _Rules) -> tuple[str, str, str] | None:
    """What a cited subject is: ("inst", name, ""), ("person", name, word) (the
    person unless ``word``, the lower-cased one-word name, is in the text) or None."""
    subject = " ".join(subject.split())
    if rules.group_lead_re.match(subject):
        return None  # "Residents of Kharkiv": a group the place qualifies, nobody named
    if _institution(subject, rules):
        return ("inst", subject, "")
    toks = subject.split()
    while toks and toks[0].lower() in rules.stop:
        toks = toks[1:]
    if toks and _is_role_token(toks[0], rules) and any(t.lower().rstrip(",") in rules.titles for t in toks):
        # a role first ("Head of the Office of the President of Ukraine Andriy
        # Yermak"): the name is what follows the role's last word
        k = len(toks)
        while k > 0 and not _role_part(toks[k - 1], rules):
            k -= 1
        if k == len(toks):
            return None  # the role alone: who it is is not written here
        subject = " ".join(toks[k:])
        toks = toks[k:]
    if len(toks) > 1 and (
        toks[-1] in rules.orgs
        or any(a in rules.orgs and b in ("of", "on", "for") for a, b in zip(toks, toks[1:], strict=False))
    ):
        return ("inst", " ".join(toks), "")
    for i, t in enumerate(toks):
        if t in ("of", "on", "for"):  # "Mike Pence of Indiana", "Secretary of State X"
            head = toks[:i]
            if any(not _is_role_token(h, rules) for h in head):
                subject = " ".join(head)
            else:
                subject = " ".join(w for w in toks[i + 1 :] if w != "the")
            break
    _, name = _split_chain(subject, rules)
    if not name:
        return None
    nm = " ".join(name)
    if _institution(nm, rules):
        return ("inst", nm, "")
    if rules.aff_re.fullmatch(nm) and not nm.endswith(("ian", "ese", "ish", "ans")):
        return ("inst", nm, "")  # a country or capital ("Ostrovia said")
    if rules.aff_re.fullmatch(nm) or any(t.lower() in rules.stop and not _surname_homograph(name, i, rules)
                                         or _CONTRACTION.search(t) for i, t in enumerate(name)):
        return None
    if nm in rules.places:
        return ("inst", nm, "")  # a state or region ("Texas said", "Europe says")
    if len(name) == 1 and nm.endswith("s") and nm[:-1] in rules.aff_tokens:
        return None  # a people ("the Iranians announced"): nobody named
    if all(_is_role_token(t, rules) for t in name):
        return None  # a role alone ("the President said"): who it is is not written here
    if name[-1] in rules.orgs or " ".join(name[-2:]) in rules.orgs:
        return ("inst", nm, "")
    if len(name) == 1 and name[0].isupper() and len(name[0]) > 1:
        return None  # an acronym alone ("NASA said") that is not a listed institution
    # a common word capitalised at a sentence start ("Polls said", "Aides say") is
    # nobody: the caller looks for the word in lower case
    return ("person", nm, name[0].lower() if len(name) == 1 else "")


def _quotes_for(text: str, title: str | None = None, date: Any = None, url: str | None = None
                ) -> pd.DataFrame | None:
    try:
        from mediakit.quotes import extract_quotes
    except ImportError:
        _warn_no_quotes()
        return None
    return extract_quotes(text, title=title or None, date=date, url=url)


def _quotes_table(df: pd.DataFrame) -> pd.DataFrame | None:
    """``mediakit.quotes`` over a partition (one call: no DataFrame per article)."""
    try:
        from mediakit.quotes import quotes
    except ImportError:
        _warn_no_quotes()
        return None
    frame = df[[c for c in ("doc_id", "text", "title", "summary", "date", "url", "outlet") if c in df.columns]]
    return quotes(frame.assign(text=frame["text"].map(_as_str)), progress=False)


def _named_turn(label: str, rules: _Rules) -> bool:
    """Whether a Title Case label that opens a turn names a person by full name
    ("Vyacheslav Terekhov", "President of Russia Vladimir Putin"; not "Western Europe")."""
    words = label.split()
    if any(w.lower() in rules.stop and w != "of" and not (w.lower() == "the" and i and words[i - 1] == "of")
           for i, w in enumerate(words)):
        return False  # "Across North Africa:", "For Dr. Fauci:", "2:29 P.M. EST THE VICE PRESIDENT:"
    if _speaker_kind(label, rules) != "person":
        return False
    got = _person_name(label, rules, _V)
    if got is None or " " not in got[1]:
        return False
    name = got[1]
    return name not in rules.places and name.rsplit(" ", 1)[-1] not in rules.orgs


def _headline_label(label: str, rules: _Rules) -> bool:
    """Whether a label on an article's first line is a headline in Title Case before
    its quote ("Trump Addresses Munich Attack: ‘…’"), not a speaker: the name it gives
    runs to four plain words or more (no particle, initial or suffix)."""
    got = _person_name(label, rules, _V)
    words = got[1].split() if got is not None else []
    return len(words) >= 4 and all(w[:1].isupper() and "." not in w for w in words)


@functools.cache
def _warn_no_quotes() -> None:
    warnings.warn("mediakit.quotes is not available: no 'quoted' sources are found", stacklevel=3)


def _turn_speaker(spk: str, title: str, text: str, rules: _Rules, chain_re: re.Pattern[str]) -> tuple[str, str]:
    """A transcript speaker label -> (name, role). ``THE PRESIDENT`` -> President named in title."""
    name = _cn(spk)
    toks = name.split()
    if toks and all(_is_role_token(t, rules) for t in toks):
        role = name
        pat = re.compile(rf"\b(?i:{re.escape(role)}){_WS}({chain_re.pattern})")
        for where in (title, text[:5000]):
            m = pat.search(where or "")
            if m:
                _, nm = _split_chain(m.group(1), rules)
                # titles are in Title Case: the name ends at a function word or a verb
                # ("Remarks by President Biden Before Marine One Departure")
                end = next(
                    (i for i, t in enumerate(nm) if i and (t.lower() in rules.stop or t.lower() in rules.title_breaks
                                                           or t.endswith("ing"))),
                    len(nm),
                )
                nm = nm[: min(end, 3)]
                if nm:
                    return " ".join(nm), role
        return name, role
    return name, ""


def _article_rows(
    text: str,
    *,
    title: str = "",
    wire: Any = None,
    byline: Any = None,
    contributors: Any = None,
    photo_credits: Any = None,
    captions: Any = None,
    quotes: pd.DataFrame | tuple[list[Any], list[Any]] | None = None,
    amap: Mapping[str, str],
    rules: _Rules,
    scan: _Scan | None = None,
    found: _Found | None = None,
    day: dt.date | None = None,
    site: str | None = None,
) -> list[dict[str, Any]]:
    """One article's rows (``scan``, ``found``: what :func:`_scanned` gives for ``text``;
    ``day``: the article's date, for who held an office then; ``site``: the country of
    the official site it is on, whose "the President" is that country's)."""
    text = text or ""
    chain_re = rules.chain_re
    captions_l = [c for c in (_as_str(c) for c in _as_list(captions)) if c]
    acc = _Acc()

    # --- credits
    for w in _as_list(wire):
        for part in re.split(r"\s*(?:,|/|;|\band\b|&)\s*", _as_str(w)):
            if part.strip():
                disp = rules.wires.get(part.strip()) or amap.get(_nk(part), part.strip())
                acc.add("wire", _nk(disp), source=disp, kind="wire")
    for b in _as_list(byline):
        b = re.sub(r"^\s*by\s+", "", _as_str(b), flags=re.I)
        agency = None
        names = []
        for part in re.split(r"\s*(?:,|;|\band\b|&|\|)\s*", b):
            part = part.strip()
            if not part:
                continue
            if part in rules.wires or part.split()[-1] in rules.orgs or (part.isupper() and " " not in part):
                agency = rules.wires.get(part) or amap.get(_nk(part), part)
            else:
                names.append(part)
        for n in names:
            disp = amap.get(_nk(n), _cn(n))
            acc.add("byline", _nk(disp), source=disp, kind="byline", agency=agency)
    for c in _as_list(contributors):
        c = _as_str(c).strip()
        if c:
            disp = amap.get(_nk(c), _cn(c))
            acc.add("contributor", _nk(disp), source=disp, kind="contributor")
    for pc in _as_list(photo_credits):
        if isinstance(pc, Mapping):
            n, ag = _as_str(pc.get("name")).strip(), _as_str(pc.get("agency")).strip()
        else:
            n, ag = _as_str(pc).strip(), ""
        if n or ag:
            disp = amap.get(_nk(n), _cn(n)) if n else ag
            agency = _agency(ag, amap, rules.wires) if ag else None
            acc.add("photo", _nk(disp), source=disp, kind="photo", agency=agency)

    if not text.strip():
        return _finish(acc, text, captions_l, title, rules)

    # the body's words, shared by the rules below (with the text's _GAPS bytes in the batch)
    finder = _Finder(text, None if scan is None else np.frombuffer(scan[0], np.uint8, len(text), scan[1]))
    resolve = _person_resolver([text, title, *captions_l], amap, rules, finder)

    def person(name: str, kind: str, title: str = "", office: bool = False,
               quoted: bool = False) -> dict[str, Any] | None:
        got = _person_name(name, rules, _V)
        if got is None:
            return None
        role, name = got
        disp, key = resolve(name, title, office, quoted)
        row = acc.add("person", key, source=disp, kind=kind)
        if role:
            row["_roles"].append((0, role))
        row["_forms"].add(name)
        row["_forms"].add(disp)
        if kind == "quoted":
            row["kind"] = "quoted"
        return row

    def institution(name: str, kind: str) -> dict[str, Any]:
        canon = _institution(name, rules) or name
        disp = amap.get(_nk(canon), canon)
        row = acc.add("inst", disp.lower(), source=disp, kind=kind, is_institution=True)
        row["_forms"].add(canon)
        if kind == "quoted":
            row["kind"] = "quoted"
        return row

    def anonymous(label: str, matched: str) -> dict[str, Any]:
        row = acc.add("anon", label, source=label, kind="anonymous")
        aff = _affiliation(matched, rules)
        if aff and not row["affiliation"]:
            row["affiliation"] = aff
        return row

    def office(label: str) -> dict[str, Any]:
        # a source named only by a defined office: 'the President of Russia said'
        row = acc.add("office", _nk(label), source=label, kind="quoted", role=label)
        aff = _affiliation(label, rules)
        if aff and not row["affiliation"]:
            row["affiliation"] = aff
        return row

    # --- quoted: speakers of quotations
    if quotes is None:
        quotes = _quotes_for(text, _as_str(title))
    if isinstance(quotes, tuple):  # (speakers, roles), from sources_partition
        spk, roles = quotes
    elif quotes is not None and len(quotes):
        spk = quotes["speaker"].tolist() if "speaker" in quotes else [None] * len(quotes)
        roles = quotes["role"].tolist() if "role" in quotes else [None] * len(quotes)
    else:
        spk, roles = [], []
    if spk:
        for s, r in zip(spk, roles, strict=True):
            s = _as_str(s).strip()
            if not s:
                # nobody named: 'said a longtime adviser to Trump', 'said an Iowa
                # Democrat' (extract_quotes keeps the words as the role) is an unnamed source
                rl = " ".join(_as_str(r).split())
                det, _, rest = rl.partition(" ")
                if rest and det.lower() in rules.indefinite:
                    m = rules.anon_re.search(rl.lower())
                    if m is None and not _names_a_person(rest, rules):
                        continue  # "a nod to the front-runner", "One Club for Growth ad"
                    # ("one of those advisers": "those advisers")
                    row = anonymous(rules.anon_labels[m.lastgroup] if m else rest.removeprefix("of "), rl)
                    row["n_quotes"] += 1
                elif rest and det.lower() == "the" and _OFFICE_RE.search(rest):
                    # 'the President of Russia', 'the Head of the President's Office':
                    # an office of a named place or body, whoever holds it
                    office(rest)["n_quotes"] += 1
                continue
            role = _valid_role_of(_as_str(r), rules)
            for one in _joint_persons(s, rules):  # "Brian Deese and Jake Sullivan wrote": both
                sk = _speaker_kind(one, rules)
                if sk is None:
                    continue
                if sk == "institution":
                    row = institution(one, "quoted")
                elif sk == "anonymous":
                    m = rules.anon_re.search(one.lower())
                    row = anonymous(rules.anon_labels[m.lastgroup], one)
                else:
                    # (a titled surname: "THE PRESIDENT:" of "Remarks by President Biden";
                    # a role opening with "The" is the office itself, not an honorific)
                    words = _as_str(r).split() if " " not in one else []
                    honour = words[-1] if words and words[-1][:1].isupper() and words[-1].lower() in rules.titles else ""
                    row = person(one, "quoted", honour, bool(honour) and words[0] == "The", True)
                if row is None:
                    continue
                row["n_quotes"] += 1
                if role:
                    row["_roles"].append((0, role))

    # --- transcript turns (MS. PSAKI:, Q)
    # a transcript repeats its speaker labels: a label's row and the roles each turn
    # adds to it are worked out at its first turn (later turns change nothing else)
    turn_plans: dict[str, tuple[dict[str, Any], tuple[tuple[int, str], ...]] | None] = {}
    q_row: dict[str, Any] | None = None  # the reporters' row, made at the first "Q"
    # turn_re's two groups: (the "Q" of a question, a speaker label in capitals); then
    # the turns a person's name in Title Case opens, at a line start or inside a line
    # (a transcript that lost its line breaks)
    turns = rules.turn_re.findall("\n" + text if text[:1] != "\n" else text)
    at_line, inline = turn_labels(text)
    head_end = text.find("\n")  # (the first line: where a headline stands)
    turns += [("", label) for start, label in at_line + inline
              if _named_turn(label, rules) and not (start < head_end and _headline_label(label, rules))]
    for q_mark, label in turns:
        if q_mark:
            if q_row is None:
                q_row = acc.add("turn", "q", source="Q", kind="quoted", role="reporter")
            q_row["n_quotes"] += 1
            continue
        plan = turn_plans.get(label, _NO_PLAN)
        if plan is None:
            continue
        if plan is not _NO_PLAN:
            row, adds = plan
            row["_roles"] += adds
            row["n_quotes"] += 1
            continue
        sk = _speaker_kind(label, rules)
        if sk is None:
            turn_plans[label] = None
            continue
        added: list[tuple[int, str]] = []
        if sk == "anonymous":
            am = rules.anon_re.search(label.lower())
            row = anonymous(rules.anon_labels[am.lastgroup], label)
        elif sk == "institution":
            row = institution(label, "quoted")
        else:
            name, role = _turn_speaker(label, title, text, rules, chain_re)
            # the holder of the office the label names: "THE PRESIDENT" of "Remarks by
            # President Biden" is no "Naomi Biden" the text names in full
            office = role.split()[-1] if role else ""
            office = office if office.lower() in rules.titles else ""
            row = person(name, "quoted", office, bool(office))
            if row is None:
                row = acc.add("person", _nk(name), source=_cn(name), kind="quoted")
            else:
                prole = _person_name(name, rules, _V)[0]  # type: ignore[index]
                if prole:
                    added.append((0, prole))  # what person() added
            if role:
                row["_roles"].append((0, role))
                added.append((0, role))
        row["n_quotes"] += 1
        turn_plans[label] = (row, tuple(added))

    # --- paraphrased: reporting verb with a named subject, no quote mark in the sentence
    lowered: dict[str, bool] = {}  # is this lower-case word in the text

    def cite(subject: str | None) -> None:
        if not subject:
            return
        plan = _cite_plan(subject, rules)
        if plan is None:
            return
        kind, nm, check = plan
        if kind == "inst":
            institution(nm, "paraphrased")["n_paraphrases"] += 1
            return
        if check:
            common = lowered.get(check)
            if common is None:
                common = lowered[check] = bool(finder[check])
            if common:
                return  # a common word capitalised at a sentence start ("Polls said", "Aides say")
        row = person(nm, "paraphrased")
        if row is not None:
            row["n_paraphrases"] += 1

    def cite_office(description: str) -> bool:
        """Cite the holder on the article's date of the office ``description`` names
        ("the President of Russia said that …"; "the President" on an official site);
        False if it names none or the table has nobody then."""
        got = _offices.office_named(description, site, day, _V) if day is not None else None
        row = person(got[2], "paraphrased") if got is not None and got[2] is not None else None
        if row is None:
            return False
        row["n_paraphrases"] += 1
        return True

    # A verb's sentence is the one found for an earlier verb when it holds this one,
    # else found for this verb. A verb that can cite nobody whatever its sentence
    # (_dead_hit) is put aside; at the next live verb the sentence is its own when
    # _sentence_agrees, else the put-aside verbs are run through the rule first.
    sentence: tuple[int, int] = (-1, -1)
    pronoun_cites: list[int] = []
    shortcut = rules.subj_tails is not None
    dead: list[int] = []
    # one character per byte: beyond Latin-1 "?" (the verb scan and the anonymous
    # triggers are ASCII); not needed where _scanned looked at the text
    latin1 = text.encode("latin-1", "replace") if scan is None or found is None else None
    for v, word in _trig_hits(text, rules, latin1, scan):
        im = rules.inv_re.match(text, v) if word in rules.inv_verbs else None
        if shortcut and im is None and _dead_hit(text, v, word, rules):
            dead.append(v)
            continue
        if dead:
            own = _sentence(text, v, rules)
            if not _sentence_agrees(text, v, own):
                for u in dead:
                    if not sentence[0] <= u < sentence[1]:
                        sentence = _sentence(text, u, rules)
                if sentence[0] <= v < sentence[1]:
                    own = sentence
            sentence = own
            dead = []
        elif not sentence[0] <= v < sentence[1]:
            sentence = _sentence(text, v, rules)
        s0, e0 = sentence
        within = text[s0:e0]  # a quote mark in the sentence (six "in": faster than a regex)
        if '"' in within or "“" in within or "”" in within or "«" in within or "»" in within or "„" in within:
            continue
        if word in rules.inv_verbs:
            if im:
                cite(im.group("s1") or im.group("s2"))
                continue
            if word in ("according", "According"):
                if _ACCORDING_PRONOUN.match(text, v):
                    pronoun_cites.append(v)  # "According to him, ..."
                continue
        pre = text[max(s0, v - 220) : v]
        if len(pre) < 40 and _PRONOUN_SUBJ.fullmatch(pre):
            if not word.endswith("ing"):
                pronoun_cites.append(v)
            continue
        sm = rules.subj_end_re.search(pre)
        if sm and word.endswith("ing") and "," in pre[sm.end("s1") :]:
            continue  # "..., saying": the subject of a participle is not the noun before it
        after_noun = None
        if sm and sm.group("s1") and (gm := rules.group_of_re.search(pre, 0, sm.start("s1"))
                                      or (after_noun := _noun_prep(pre, sm.start("s1"), rules))):
            # a group or an office that the subject qualifies: a body it belongs to
            # still speaks ("representatives of the Russian Federation said", "the head
            # of the Ministry of Health reiterated"), a place or person does not ("people
            # in Fort Pierce", "the senator from Wisconsin", "supporters of Clinton");
            # nor does one after any other noun and preposition ("residents of the town
            # of Vessel say"), unless a body gave it ("estimates from the World Bank")
            if (gm.group("prep") or gm.groupdict().get("tprep")).lower() in (
                    ("of", "for", "from") if after_noun is not None else ("of", "for")):
                plan = _cite_plan(sm.group("s1"), rules)
                if plan is not None and plan[0] == "inst" and not rules.aff_re.fullmatch(plan[1]) \
                        and plan[1] not in rules.places:
                    cite(sm.group("s1"))
        elif sm:
            s1 = sm.group("s1")
            if day is not None and s1 and _cite_plan(s1, rules) is None:
                # an office the text ties to nobody ("the President said that …"): its
                # holder on the article's date (office_holders), as the quotes stage reads it
                the = s1 if s1[:4] in ("The ", "the ") else (
                    "the " + s1 if pre[: sm.start("s1")].endswith(("the ", "The ")) else None)
                if the is not None and cite_office(the):
                    s1 = None
            cite(s1)
            cite(sm.group("s2"))

    # "She noted, however, that ...": the person named last before the pronoun,
    # within 600 characters (only adds to people already cited in the article)
    if pronoun_cites:
        people = [r for (g, _), r in acc.rows.items() if g == "person"]
        marks: list[tuple[int, int]] = []
        for idx, r in enumerate(people):
            for f in {_cn(x).split()[-1] for x in r["_forms"] if _cn(x)}:
                marks += [(i, idx) for i in finder[f]]
        marks.sort()
        starts = [m[0] for m in marks]
        for v in pronoun_cites:
            k = bisect.bisect_left(starts, v) - 1
            if k >= 0 and v - starts[k] <= 600:
                people[marks[k][1]]["n_paraphrases"] += 1

    # --- anonymous: unnamed sources, looked for around cheap trigger words
    # on the bytes lower-cased (ASCII only), triggers are where text.lower() has them
    # unless the text holds a character whose lower case is ASCII (KELVIN SIGN), of
    # another length (İ) or depends on its neighbours (Σ): then the text itself
    fast = rules.anon_keys_b is not None and (
        text.isascii() or not ("\u212a" in text or "\u0130" in text or "\u03a3" in text)
    )
    if fast and found is not None:
        spans = _trigger_spans(found[0], len(text), rules.anon_keys_b, found[2], found[1])
    elif fast and latin1 is not None:
        spans = _trigger_spans(latin1.lower(), len(text), rules.anon_keys_b)
    else:
        lower = text.lower()
        spans = _trigger_spans(lower, len(text), rules.anon_keys)
    spans.sort()
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    if fast:
        # each span lower-cased on its own, with the character before it (\b)
        for a, b in merged:
            a0 = a - 1 if a else 0
            for m in _anon_matches(text[a0:b].lower(), a - a0, b - a0, rules):
                label = rules.anon_labels[m.lastgroup] or " ".join(m.group().split())
                row = anonymous(label, text[a0 + m.start() : a0 + m.end()])
                row["n_mentions"] += 1
        return _finish(acc, text, captions_l, title, rules, finder, day, site)
    if len(lower) != len(text):  # rare characters that change length when lower-cased
        lower = "".join(c.lower()[0] for c in text)
    for a, b in merged:
        for m in _anon_matches(lower, a, b, rules):
            label = rules.anon_labels[m.lastgroup] or " ".join(m.group().split())
            row = anonymous(label, text[m.start() : m.end()])
            row["n_mentions"] += 1

    return _finish(acc, text, captions_l, title, rules, finder, day, site)


def _finish(
    acc: _Acc, text: str, captions: list[str], title: str, rules: _Rules, finder: _Finder | None = None,
    day: dt.date | None = None, site: str | None = None,
) -> list[dict[str, Any]]:
    """Count mentions, pick roles and affiliations, emit plain rows (``finder``:
    the words found in ``text`` so far; ``day``: the article's date; ``site``: the
    country of the official site it is on)."""
    named = [
        r for (g, _), r in acc.rows.items() if g in ("person", "inst", "turn") and r["source"] and r["source"] != "Q"
    ]
    if named and text:
        forms: dict[str, list[dict[str, Any]]] = {}
        for r in named:
            for f in sorted(r["_forms"] | {r["source"]}):  # sorted: roles in a fixed order
                toks = f.split() if r["is_institution"] else _cn(f).split()
                if toks:
                    form = " ".join(toks) if r["is_institution"] else toks[-1]
                    forms.setdefault(form, []).append(r)
        texts = [(0, text), (1, "\n".join(captions)), (2, title or "")]
        skips: dict[int, frozenset[str]] = {}
        for form, rows in forms.items():
            found: dict[int, list[int]] = {}  # where the form is, per text (same for every row)
            appos_at: dict[tuple[int, int], str] = {}
            for r in {id(x): x for x in rows}.values():
                seen = r.setdefault("_seen", set())
                inst = r["is_institution"]
                skip = skips.get(id(r))
                if skip is None:
                    skip = skips[id(r)] = frozenset(tok for f in r["_forms"] for tok in _cn(f).split())
                for prio, t in texts:
                    if not t or (inst and prio):  # an institution: mentions in the body only
                        continue
                    at = found.get(prio)
                    if at is None:
                        at = found[prio] = finder[form] if prio == 0 and finder is not None else _find_all(t, form)
                    for i in at:
                        if prio == 0 and i not in seen:
                            seen.add(i)
                            r["n_mentions"] += 1
                        if inst:
                            continue
                        role = _role_before(t, i, rules, skip)
                        if role:
                            r["_roles"].append((prio, role))
                        appos = appos_at.get((prio, i))
                        if appos is None:
                            am = rules.appos_re.match(t, i + len(form))
                            appos = appos_at[(prio, i)] = _valid_appositive(am.group(1), rules) if am else ""
                        if appos:
                            r["_roles"].append((prio, appos))
    out = []
    for r in acc.rows.values():
        if r["is_institution"] and not r["affiliation"]:
            r["affiliation"] = _affiliation(r["source"], rules)
            if not r["affiliation"] and site and r["source"].islower():
                # a bare body on an official site ("the administration said" on
                # whitehouse.gov, "the government" on president.gov.ua) is its country's
                r["affiliation"] = site
        roles = r.pop("_roles")
        r.pop("_forms")
        r.pop("_seen", None)
        if roles and not r["is_institution"]:
            # the first of the best: min() keeps the first of equals, as sorted()[0] did;
            # an office the person held on the article's day before any other role
            # (a 2022 briefing recalling "Vice President Biden" ten years ago)
            held = _titles_held(r["source"], day) if day is not None and r["source"] else frozenset()
            best = min(roles, key=lambda pr: (_held_rank(pr[1], held), _affiliation(pr[1], rules) is None,
                                              pr[0], -len(pr[1].split())))[1]
            r["role"] = r["role"] or best
            r["affiliation"] = r["affiliation"] or _affiliation(best, rules)
        if day is not None and not r["affiliation"] and not r["is_institution"] \
                and r["kind"] in ("quoted", "paraphrased") and r["source"]:
            # the text gives no country: the one whose office they held that day
            # (``office_holders``: "the President said" on whitehouse.gov, 2022)
            r["affiliation"] = _office_country(r["source"], day)
        if r["kind"] in ("quoted", "paraphrased", "anonymous", "wire", "byline", "contributor", "photo"):
            out.append(r)
    return out


@functools.lru_cache(maxsize=1 << 16)
def _surname_key(name: str) -> str | None:
    return _names.name_key(name)


@functools.cache
def _holder_surnames(version: int) -> frozenset[str]:
    """The surname keys of everyone the dated office table names (at any date)."""
    return frozenset(k for rows in _offices.terms(version).values() for _s, _e, name in rows
                     if (k := _surname_key(name)))


def _held_rank(role: str, held: frozenset[str]) -> int:
    """0 for a role that names one of the ``held`` offices in its own words ("First
    Lady of Ukraine"), 1 for one that names it by a synonym ("wife of the President"),
    2 for any other (and for every role when nothing is ``held``)."""
    if not held:
        return 2
    title = _offices.office_title(role, _V)
    if title not in held:
        return 2
    return 0 if title in " ".join(role.lower().split()) else 1


@functools.lru_cache(maxsize=1 << 12)
def _offices_by_surname(day: dt.date, version: int) -> dict[str, tuple[tuple[str, str, str], ...]]:
    """Surname key -> (name, title, country) of everyone in office on ``day``."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for holder, title, country in _offices.offices_on(day, version):
        key = _surname_key(holder)
        if key:
            out.setdefault(key, []).append((holder, title, country))
    return {k: tuple(v) for k, v in out.items()}


def _offices_held(name: str, day: dt.date) -> list[tuple[str, str]]:
    """(title, country) of the offices that a person named ``name`` held on ``day``
    (``office_holders``)."""
    key = _surname_key(name)
    if key not in _holder_surnames(_V):  # (most people: no office in the table at all)
        return []
    return [(title, country) for holder, title, country in _offices_by_surname(day, _V).get(key, ())
            if _names.same_person(name, holder)]


def _titles_held(name: str, day: dt.date) -> frozenset[str]:
    """The titles of the offices that a person named ``name`` held on ``day``, lower case."""
    return frozenset(title for title, _country in _offices_held(name, day))


def _office_country(name: str, day: dt.date) -> str | None:
    """The one country whose office a person named ``name`` held on ``day``
    (``office_holders``: "Biden" in 2022, the President or the First Lady: the United
    States); None if none or several."""
    countries = {country for _title, country in _offices_held(name, day)}
    return countries.pop() if len(countries) == 1 else None


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=COLUMNS)
    df["is_institution"] = df["is_institution"].astype(bool)
    for c in ("n_quotes", "n_paraphrases", "n_mentions"):
        df[c] = df[c].astype("int64")
    for c in ("doc_id", "source", "kind", "role", "affiliation", "agency"):
        df[c] = df[c].astype(object)
    return df


def article_sources(
    text: str,
    *,
    doc_id: str | None = None,
    title: str | None = None,
    wire: str | None = None,
    byline: str | None = None,
    contributors: Iterable[str] | None = None,
    photo_credits: Iterable[Mapping[str, str]] | None = None,
    captions: Iterable[str] | None = None,
    quotes: pd.DataFrame | None = None,
    aliases: AliasSource = None,
    date: Any = None,
    url: str | None = None,
) -> pd.DataFrame:
    """Sources of one article (same columns as :func:`sources`, names not merged across articles).

    Args:
        text: the clean article body.
        doc_id: copied into the ``doc_id`` column.
        title, captions: read for full names and role words (a caption's "Russian
            President Vladimir Putin" gives Putin's affiliation).
        wire, byline, contributors, photo_credits: the corpus table's credit columns.
        quotes: this article's ``extract_quotes`` table; computed when omitted.
        aliases: extra alias table (see :mod:`mediakit._aliases`).
        date, url: when and where the article appeared, as :func:`mediakit.extract_quotes`
            takes them; the date also gives an office holder the text gives no country
            their office's (``office_holders``).
    """
    if quotes is None:
        quotes = _quotes_for(text or "", _as_str(title), date, url)
    rows = _article_rows(
        text,
        title=_as_str(title),
        wire=wire,
        byline=byline,
        contributors=contributors,
        photo_credits=photo_credits,
        captions=captions,
        quotes=quotes,
        amap=alias_map(aliases),
        rules=_get_rules(),
        day=_offices.day_of(date),
        site=_offices.site_country(url, lexicon_version()),
    )
    for r in rows:
        r["doc_id"] = doc_id
    return _frame(rows)


def sources_partition(
    df: pd.DataFrame,
    *,
    quotes: pd.DataFrame | None = None,
    aliases: AliasSource = None,
    progress: bool | Callable[[int, int], None] | None = None,
) -> pd.DataFrame:
    """Row-local sources of a corpus partition (no merge across articles).

    A pure function of its rows, for ``ddf.map_partitions(sources_partition, meta=...)``.
    The texts are scanned for reporting verbs and anonymous-source triggers about a
    megabyte at a time (:func:`_scanned`); an article's rows still depend on
    nothing but its own row (and its quotes).
    """
    amap = alias_map(aliases)
    rules = _get_rules()
    if quotes is None and "text" in df.columns and len(df):
        quotes = _quotes_table(df)
    # each article's (speakers, roles) as plain lists: a DataFrame per article costs
    # more than the rules that read them
    by_doc: dict[Any, tuple[list[Any], list[Any]]] = {}
    if quotes is not None and len(quotes):
        n_q = len(quotes)
        spk_col = quotes["speaker"].tolist() if "speaker" in quotes else [None] * n_q
        role_col = quotes["role"].tolist() if "role" in quotes else [None] * n_q
        for d, sp, ro in zip(quotes["doc_id"].tolist(), spk_col, role_col, strict=True):
            if _is_missing(d) or d is pd.NaT:  # groupby leaves out missing ids
                continue
            got = by_doc.get(d)
            if got is None:
                got = by_doc[d] = ([], [])
            got[0].append(sp)
            got[1].append(ro)
    empty_q: tuple[list[Any], list[Any]] = ([], [])

    def col(name: str) -> list[Any]:
        return df[name].tolist() if name in df.columns else [None] * len(df)

    ids = col("doc_id") if "doc_id" in df.columns else list(df.index)
    texts = [_as_str(t) for t in col("text")]
    cols = zip(
        ids,
        texts,
        _scanned(texts, rules),
        col("title"),
        col("wire"),
        col("byline"),
        col("contributors"),
        col("photo_credits"),
        col("captions"),
        *_offices.contexts(df, lexicon_version()),
        strict=True,
    )
    it: Iterable[Any] = cols
    n = len(df)
    if progress is True:
        from tqdm.auto import tqdm

        it = tqdm(cols, total=n, desc="sources")
    rows: list[dict[str, Any]] = []
    for i, (doc, text, (scan, found), title, wire, byline, contrib, photos, caps, day, site) in enumerate(it):
        q = by_doc.get(doc, empty_q) if quotes is not None else None
        for r in _article_rows(
            text,
            title=_as_str(title),
            wire=wire,
            byline=byline,
            contributors=contrib,
            photo_credits=photos,
            captions=caps,
            quotes=q,
            amap=amap,
            rules=rules,
            scan=scan,
            found=found,
            day=day,
            site=site,
        ):
            r["doc_id"] = doc
            rows.append(r)
        if callable(progress):
            progress(i + 1, n)
    return _frame(rows)


def merge_names(src: pd.DataFrame, *, aliases: AliasSource = None, fill_affiliation: bool = True) -> pd.DataFrame:
    """One name per person across articles.

    Person rows (not institutions, not anonymous) whose name key agrees get
    the most frequent spelling (ties: the longest, then the first). A surname-only
    name joins a full name when exactly one full name in the corpus has that
    surname. Aliases are applied first. With ``fill_affiliation``, a cited
    person's affiliation written in some articles fills the articles that do not
    say it, when all the articles that say it agree.
    """
    if src.empty:
        return src
    amap = alias_map(aliases)
    _get_rules()
    out = src.copy()
    person = ~out["is_institution"] & ~out["kind"].isin(["anonymous", "wire"]) & out["source"].notna()
    names = out.loc[person, "source"].map(lambda s: amap.get(_nk(s), s))
    keys = names.map(_nk)
    counts = Counter(zip(keys, names, strict=True))
    best: dict[str, str] = {}
    for (k, nm), _c in sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0][1]))):
        best.setdefault(k, nm)
    speakers = out.loc[person, "kind"].isin(["quoted", "paraphrased"])
    joins = surname_joins(set(keys[speakers]))
    def final(k: str, kind: str, name: str) -> str:
        if not k:  # nothing name-like to compare: keep as written
            return name
        if " " not in k and kind in ("quoted", "paraphrased") and k in joins:
            return best[joins[k]]
        return best[k]

    out.loc[person, "source"] = [
        final(k, kd, nm) for k, kd, nm in zip(keys, out.loc[person, "kind"], names, strict=True)
    ]
    # a person quoted in one spelling and paraphrased in another is one row
    group = out["kind"].where(~out["kind"].isin(["quoted", "paraphrased"]), "cited")
    out["_group"] = group
    dup = out.duplicated(["doc_id", "source", "_group"], keep=False)
    if dup.any():
        agg = {
            "kind": lambda k: "quoted" if (k == "quoted").any() else k.iloc[0],
            "is_institution": "first",
            "role": "first",
            "affiliation": "first",
            "n_quotes": "sum",
            "n_paraphrases": "sum",
            "n_mentions": "max",
            "agency": "first",
        }
        merged = out[dup].groupby(["doc_id", "source", "_group"], sort=False, as_index=False).agg(agg)
        out = pd.concat([out[~dup], merged], ignore_index=True)
    if fill_affiliation:
        cited = (out["kind"].isin(["quoted", "paraphrased"]) & ~out["is_institution"].astype(bool)).to_numpy()
        known = out[cited & out["affiliation"].notna().to_numpy()]
        sole = known.groupby("source")["affiliation"].agg(lambda a: a.iloc[0] if a.nunique() == 1 else None)
        sole = sole.dropna()
        fill = cited & out["affiliation"].isna().to_numpy() & out["source"].isin(sole.index).to_numpy()
        if fill.any():
            out.loc[fill, "affiliation"] = out.loc[fill, "source"].map(sole)
    return _renumbered(out)


# values that to_dict() hands back as they are (it turns numpy scalars and pd.NA into
# Python objects)
_PLAIN_TYPES = frozenset([str, int, float, bool, type(None)])


def _renumbered(table: pd.DataFrame) -> pd.DataFrame:
    """``_frame(table[COLUMNS].to_dict("records"))``, without to_dict's look at every
    value where no value needs a change: rows of the columns' own Python values."""
    cols = [table[c] for c in COLUMNS]
    values = [c.tolist() for c in cols]
    for c, vals in zip(cols, values, strict=True):
        # numpy numbers and booleans: tolist() gives what to_dict() does (Python scalars)
        kind = c.dtype.kind if isinstance(c.dtype, np.dtype) else None
        if kind not in ("O", "b", "i", "u", "f") or kind == "O" and not all(type(v) in _PLAIN_TYPES for v in vals):
            return _frame(table[COLUMNS].to_dict("records"))
    return _frame(list(zip(*values, strict=True)))


def sources(
    df: Any,
    *,
    quotes: pd.DataFrame | None = None,
    aliases: AliasSource = None,
    progress: bool | Callable[[int, int], None] | None = None,
    fill_affiliation: bool = True,
    cache: bool | str | os.PathLike[str] = False,
) -> pd.DataFrame:
    """Who each article relies on: one row per (article, source).

    Args:
        df: the corpus table (``load_corpus``), pandas or dask. Used columns:
            ``doc_id``, ``text``, ``title``, ``wire``, ``byline``, ``contributors``,
            ``photo_credits``, ``captions`` (missing ones count as empty).
        quotes: ``mediakit.quotes(df)`` when already computed (else computed per
            article with ``extract_quotes``).
        aliases: extra alias table: CSV/YAML path, ``{alias: canonical}`` or a
            DataFrame ``alias, canonical`` (added to ``data/aliases.csv``).
        progress: True for a tqdm bar, or a callable ``(done, total)``.
        fill_affiliation: give a person the affiliation other articles of the
            corpus write for them when this one does not (only when those agree);
            False keeps every row to its own article's words.
        cache: reuse per-article results (quotes and sources) of earlier runs
            (``mediakit.cache``): True for ``$MEDIAKIT_CACHE_DIR`` or
            ``data/processed/.cache``, or a folder. Ignored when ``quotes`` is given
            or ``df`` is a dask DataFrame. Names are merged across the corpus afterwards.

    Returns:
        Columns ``doc_id, source, kind, is_institution, role, affiliation, n_quotes,
        n_paraphrases, n_mentions, agency``. ``kind`` is one of ``quoted``,
        ``paraphrased``, ``anonymous``, ``wire``, ``byline``, ``contributor``,
        ``photo``; a person both quoted and paraphrased is one ``quoted`` row with
        both counts. ``n_mentions`` counts the name in the body; ``agency`` is set
        for photo credits and agency bylines; unknown affiliation is ``None``.
        A dask input is computed (the table is small) and returned as pandas.
    """
    if cache and quotes is None and isinstance(df, pd.DataFrame):
        from mediakit.cache import cached_stage  # the cache calls back into sources() without it

        return cached_stage(df, "sources", cache_dir=None if cache is True else cache, aliases=aliases,
                            fill_affiliation=fill_affiliation)
    if hasattr(df, "map_partitions") and not isinstance(df, pd.DataFrame):
        meta = _frame([])
        part = df.map_partitions(sources_partition, quotes=quotes, aliases=aliases, meta=meta)
        table = part.compute()
        table = _frame(table.to_dict("records")) if len(table) else meta
    else:
        table = sources_partition(df, quotes=quotes, aliases=aliases, progress=progress)
    return merge_names(table, aliases=aliases, fill_affiliation=fill_affiliation)
