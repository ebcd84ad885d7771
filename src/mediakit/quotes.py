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
import functools
import re
import sys
from collections.abc import Iterable

import pandas as pd

from mediakit import _names
from mediakit._quote_cues import Mention, mention_after, sentence_subject, subject_before
from mediakit._quote_marks import Span, find_spans
from mediakit._quote_rules import (
    BODY,
    CLOSE_COMMA,
    CLOSE_NONE,
    CLOSE_STOP,
    MASKS,
    OPEN,
    Rules,
    rules,
)
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
_DTYPES = {
    "start": "int64",
    "end": "int64",
    "speaker_start": "Int64",
    "speaker_end": "Int64",
    "continued": "bool",
    "paragraph": "int64",
}

_WINDOW = 400  # how far from a quote its cue may stand (keeps the work linear)
_MARK_CHARS = set('"“”„«»‟')
_TRAIL = set("’'\u2019 )]\xa0")
_ABBREV_RE = re.compile(r"(?:^|[\s(])([\w.]+)\.$")
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
    if ch in ".!?…":
        return CLOSE_STOP
    if ch in ",;:—–-":
        return CLOSE_COMMA
    return CLOSE_NONE


# ------------------------------------------------------------------- sentences
@functools.cache
def _abbrevs(version: int) -> frozenset[str]:
    return frozenset(lexicon("abbreviations"))


_SENT_RE = re.compile(
    rf"(?P<p>[.!?])[\"'’”)\]]*[ \t\xa0]+(?=[\"“‘(\[]?[A-Z0-9{OPEN}])"
    rf"|(?P<q>[{CLOSE_STOP}])[ \t\xa0]+(?=[A-Z{OPEN}\"“‘(])"
    r"|\n+"
)


def _sentence_starts(masked: str, version: int) -> list[int]:
    """Start offsets of the writer's sentences (quotes count as opaque words)."""
    ab = _abbrevs(version)
    starts = [0]
    for m in _SENT_RE.finditer(masked):
        if m.group("p") == ".":
            w = _ABBREV_RE.search(masked, max(0, m.start() - 20), m.start() + 1)
            if w:
                word = w.group(1)
                if word in ab or (len(word) == 1 and word.isupper()) or (
                    "." in word and len(word) <= 5 and word.replace(".", "").isupper()
                ):
                    continue
        starts.append(m.end())
    return starts


# ------------------------------------------------------------------- names
@functools.cache
def _name_info(raw: str, version: int) -> tuple | None:
    """(role, name, key, gender, strong) for a capitalised phrase, None if no name.

    ``strong``: surely a person (has a title/honorific, or a known first name)."""
    R = rules()
    toks = raw.split()
    while toks and (toks[0] in R.not_names or toks[0].rstrip(".") in R.not_names):
        toks.pop(0)
    if not toks:
        return None
    role, name = _names.split_name(" ".join(toks))
    if not name:
        return None
    ntoks = name.split()
    if all(t in R.not_names or t.rstrip(".") in R.not_names for t in ntoks):
        return None
    key = _names.name_key(name)
    if not key:
        return None
    gender = _names.name_gender(name, role)
    t = _names.tables()
    first = ntoks[0].lower() if len(ntoks) >= 2 else None
    strong = bool(role and any(w.lower().rstrip(".") in R.title_words or w.lower() in R.title_words
                               for w in role.split())) or (first is not None and first in t["first"])
    return role, name, key, gender, strong


class _People:
    """Person mentions of one article, in order, for resolving names and pronouns."""

    def __init__(self, masked: str, R: Rules, version: int) -> None:
        found = []
        title_words = R.title_words
        for m in R.CAPSEQ.finditer(masked):
            raw = m.group()
            info = _name_info(raw, version)
            if info is None:
                continue
            if not info[4]:
                # a lower-case role right before: "press secretary Jen Psaki"
                k = m.start() - 1
                while k >= 0 and masked[k] == " ":
                    k -= 1
                j = k
                while j >= 0 and masked[j].isalpha():
                    j -= 1
                if masked[j + 1:k + 1].lower() in title_words and len(info[1].split()) >= 1:
                    info = (masked[j + 1:k + 1], *info[1:4], True)
            found.append((m.start(), m.end(), info))
        strong_keys: dict[str, list[str]] = {}
        gender: dict[str, str] = {}
        for _s, _e, (_role, name, key, g, strong) in found:
            if strong:
                strong_keys.setdefault(key, []).append(name)
            if g and key not in gender:
                gender[key] = g
        self.full: dict[str, str] = {}
        for key, names in strong_keys.items():
            self.full[key] = max(names, key=lambda n: (len(n.split()), len(n)))
        # pronoun evidence: "Smith said she ..."
        for _s, e, (_role, _name, key, _g, _strong) in found:
            if key in gender or key not in strong_keys:
                continue
            pm = R.HE_SHE_AFTER.match(masked, e)
            if pm:
                gender[key] = "male" if pm.group("p") == "he" else "female"
        self.gender = gender
        self.pos: list[int] = []
        self.items: list[tuple[str, str]] = []  # (key, name as written)
        for s, _e, (_role, name, key, _g, _strong) in found:
            if key in strong_keys:
                self.pos.append(s)
                self.items.append((key, name))

    def add_speaker(self, key: str, name: str) -> None:
        """A name seen as the subject of a reporting verb is a person too."""
        if key not in self.full or len(name.split()) > len(self.full[key].split()):
            self.full[key] = name

    def resolve(self, name: str, at: int) -> str:
        key = _names.name_key(name)
        if not key:
            return name
        best = self.full.get(key)
        if best is None:
            return name
        first = _names.first_name(name)
        if first and not _names.same_person(name, best):
            return name
        if len(best.split()) >= len(name.split()):
            return best
        return name

    def pronoun(self, gender: str, at: int) -> tuple[str | None, str | None]:
        """(key, full name) of the person of ``gender`` mentioned last before ``at``."""
        i = bisect.bisect_left(self.pos, at)
        fallback = None
        while i > 0:
            i -= 1
            key, _name = self.items[i]
            g = self.gender.get(key)
            if g == gender:
                return key, self.full.get(key, _name)
            if g is None and fallback is None:
                fallback = (key, self.full.get(key, _name))
        return fallback if fallback else (None, None)

    def named_between(self, a: int, b: int) -> list[str]:
        i = bisect.bisect_left(self.pos, a)
        j = bisect.bisect_left(self.pos, b)
        return [self.items[k][0] for k in range(i, j)]


# ------------------------------------------------------------------- attribution
class _Cue:
    """A mention at a cue, resolved to a speaker."""

    __slots__ = ("mention", "m_start", "m_end", "cue", "speaker", "role", "key", "kind")

    def __init__(self, m: Mention) -> None:
        self.mention = m.text
        self.m_start = m.start
        self.m_end = m.end
        self.cue = m.cue
        self.kind = m.kind  # "name" | "pronoun" | "desc"
        self.speaker = None
        self.role = None
        self.key = None


def _cue(m: Mention | None) -> _Cue | None:
    return None if m is None else _Cue(m)


class _Article:
    def __init__(self, text: str) -> None:
        self.text = text
        self.version = lexicon_version()
        self.spans = find_spans(text)
        self.R = rules()
        if self.spans:
            self.masked = _mask(text, self.spans)
            self.sents = _sentence_starts(self.masked, self.version)
            self.people = _People(self.masked, self.R, self.version)

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sents, pos) - 1
        s0 = self.sents[i]
        s1 = self.sents[i + 1] if i + 1 < len(self.sents) else len(self.masked)
        return s0, s1

    # -- cues around one quote
    def cue_for(self, sp: Span) -> _Cue | None:
        R, masked = self.R, self.masked
        end = sp.end
        nl = masked.find("\n", end, end + 300)
        lim = end + 300 if nl < 0 else nl
        lim = min(lim, len(masked))
        closing = masked[end - 1]
        # 1. right after the quote: ', he said' / ', said Smith' / ', Smith, a Democrat, said'
        vm = R.VERB_RE.search(masked, end, min(lim, end + 200))
        if vm is not None:
            gap = masked[end:vm.start()]
            if not gap.strip(" ,\xa0"):
                c = mention_after(masked, vm.end(), lim, vm.group(), R)
                if c is not None:
                    return _Cue(c)
            elif "\n" not in gap:
                c = subject_before(masked, end, vm.start(), vm.group(), R)
                if (c is not None and not masked[end:c.start].strip(" ,\xa0")
                        and not (closing == CLOSE_STOP and c.kind != "pronoun"
                                 and not _short_tail(masked, vm.end(), lim))):
                    return _Cue(c)
        m = R.POST_DASH.match(masked, end, lim)
        if m:
            c = mention_after(masked, m.end(), lim, "—", R)
            if c is not None and c.kind == "name":
                return _Cue(c)
        s0, s1 = self.sentence(sp.start)
        s0 = max(s0, sp.start - _WINDOW)
        s1 = min(max(s1, end), end + _WINDOW)
        # 2. "according to X" in the sentence
        m = R.ACCORDING.search(masked, s0, s1)
        if m:
            c = mention_after(masked, m.end(), s1, "according to", R)
            if c is not None:
                return _Cue(c)
        # 3. before the quote, in its sentence: the nearest reporting verb with a subject
        if sp.start > s0:
            verbs = list(R.VERB_RE.finditer(masked, s0, sp.start))
            for vm in reversed(verbs[-4:]):
                c = self._subject_of(vm, s0)
                if c is not None:
                    return _Cue(c)
            # 4. a partial quote: the subject of the sentence
            c = sentence_subject(masked, s0, sp.start, None, R)
            if c is not None and c.kind != "desc":
                return _Cue(c)
        return None

    def _subject_of(self, vm: re.Match, s0: int) -> Mention | None:
        R, masked = self.R, self.masked
        v = vm.group()
        vs = vm.start()
        lo = max(s0, vs - 220)
        if v in R.ing_forms:
            qa = R.QUOTED_AS.search(masked, lo, vs)
            if qa:
                return subject_before(masked, lo, qa.start(), v, R)
            before = masked[max(lo, vs - 12):vs].rstrip()
            if before.endswith(",") or before.endswith((" while", " after", " before", " in", " by", " when")):
                return sentence_subject(masked, s0, vs, v, R)
            return None
        return subject_before(masked, lo, vs, v, R)

    def colon_intro(self, sp: Span) -> _Cue | None:
        """'Obama said:' ending the paragraph before a quote paragraph."""
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
        return None

    # -- naming
    def resolve(self, c: _Cue) -> None:
        P = self.people
        if c.kind == "pronoun":
            g = _names.pronoun_gender(c.mention)
            if g in ("male", "female"):
                key, full = P.pronoun(g, c.m_start)
                c.key, c.speaker = key, full
            return
        if c.kind == "desc":
            c.role = c.mention
            return
        info = _name_info(c.mention, self.version)
        if info is None:
            return
        c.role = info[0]
        c.key = info[2]
        c.speaker = P.resolve(info[1], c.m_start)


def _short_tail(masked: str, pos: int, lim: int) -> bool:
    """True when the attribution sentence ends soon after the verb ('Trump said.')."""
    seg = masked[pos:min(lim, pos + 40)]
    return bool(re.match(r"^[^.;:!?\n]{0,30}[.,;:!?]|^\s*$", seg))


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
_SMALL = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "&"}


def _non_speech(text: str, masked: str, sp: Span, has_cue: bool, kind: str) -> bool:
    """Scare quotes, titles of works, nicknames."""
    inner = text[sp.start + 1: sp.end - 1].strip(" ,.;:!?'’‘\"“”")
    words = _TITLE_WORD_RE.findall(inner)
    n = len(words)
    if n == 0:
        return True
    if sp.pieces:
        return False
    before = masked[max(0, sp.start - 40): sp.start]
    after = masked[sp.end: sp.end + 3]
    # nickname between two name words: George “Jay” Smith / goes by "Shorty"
    if n <= 3 and re.search(r"(?:[A-Z][\w’'.\-]*\s+$)", before) and re.match(r"\s+[A-Z]", after):
        return True
    if n <= 4 and re.search(
        r"(?:known as|nicknamed|dubbed|goes by|went by|go by|called himself|called herself|named|titled|entitled|headlined)\s+$",
        before,
    ):
        return not has_cue or n <= 2
    if has_cue or kind == "full":
        return False
    # title of a work: every content word capitalised, no sentence inside
    if n <= 8 and all(w[0].isupper() or w.lower() in _SMALL for w in words) and not re.search(r"[.!?]\s", inner):
        return True
    # a short phrase with nobody saying it
    return n <= 3


def _extract(text: str) -> list[tuple]:
    """Rows (in COLUMNS order) for one article."""
    if not text or not isinstance(text, str):
        return []
    art = _Article(text)
    if not art.spans:
        return []
    masked = art.masked
    cues: list[_Cue | None] = []
    for sp in art.spans:
        c = art.cue_for(sp)
        cues.append(c)
    last: tuple | None = None  # (speaker, key, end, paragraph, para_with_cue)
    prev_para_quote: dict[int, int] = {}
    out = []
    for idx, (sp, c) in enumerate(zip(art.spans, cues, strict=True)):
        s0, _ = art.sentence(sp.start)
        kind = _kind(text, masked, sp, s0)
        if _non_speech(text, masked, sp, c is not None, kind):
            continue
        continued = False
        if c is None:
            c = art.colon_intro(sp)
        if c is not None:
            art.resolve(c)
            speaker, key = c.speaker, c.key
        else:
            speaker = key = None
            # same paragraph: a quote before it with a speaker, or the next one's cue
            if last is not None and last[3] == sp.paragraph:
                speaker, key = last[0], last[1]
                continued = True
                c = last[4]
            else:
                nxt = None
                for j in range(idx + 1, len(art.spans)):
                    if art.spans[j].paragraph != sp.paragraph:
                        break
                    if cues[j] is not None:
                        nxt = cues[j]
                        break
                if nxt is not None:
                    art.resolve(nxt)
                    speaker, key, c = nxt.speaker, nxt.key, nxt
                elif last is not None:
                    others = [k for k in art.people.named_between(last[2], sp.start) if k != last[1]]
                    if not others:
                        speaker, key, c = last[0], last[1], last[4]
                        continued = True
        if c is not None and c.key and speaker:
            art.people.add_speaker(c.key, speaker)
        row = [
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
        ]
        out.append(row)
        if speaker is not None or c is not None:
            last = (speaker, key, sp.end, sp.paragraph, c)
        prev_para_quote[sp.paragraph] = idx
    return out


def _frame(rows: list) -> pd.DataFrame:
    if not rows:
        df = pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
    else:
        df = pd.DataFrame({c: [r[i] for r in rows] for i, c in enumerate(COLUMNS)})
    return df.astype(_DTYPES)


def extract_quotes(text: str) -> pd.DataFrame:
    """Every direct quotation in ``text`` with its speaker.

    Returns one row per quotation with columns ``start``, ``end`` (offsets, marks
    included: ``text[start:end] == quote``), ``quote``, ``speaker`` (most complete
    name in the article, None where nobody is named), ``speaker_mention`` (the words
    naming the speaker at this quote) with ``speaker_start``/``speaker_end``, ``role``,
    ``cue`` (reporting verb or phrase), ``kind`` ("full" or "partial"), ``continued``
    (speaker carried over from an earlier quote) and ``paragraph`` (index of the
    paragraph where the quote starts). Never raises on odd marks.
    """
    return _frame(_extract(text))


def quotes(df: pd.DataFrame, *, progress: bool | None = None) -> pd.DataFrame:
    """:func:`extract_quotes` for every article of a corpus table.

    Args:
        df: a corpus table with ``doc_id`` and ``text`` columns.
        progress: show a progress bar (tqdm.auto); None shows one only in an
            interactive session.

    Returns:
        One row per quotation, ``doc_id`` first, then the :func:`extract_quotes` columns.
    """
    if progress is None:
        progress = _interactive()
    ids = df["doc_id"].tolist() if "doc_id" in df.columns else list(df.index)
    texts = df["text"].tolist()
    it: Iterable = zip(ids, texts, strict=True)
    if progress:
        from tqdm.auto import tqdm

        it = tqdm(it, total=len(texts), desc="quotes", unit="doc")
    doc_col: list = []
    rows: list = []
    for doc_id, text in it:
        r = _extract(text) if isinstance(text, str) else []
        rows.extend(r)
        doc_col.extend([doc_id] * len(r))
    out = _frame(rows)
    out.insert(0, "doc_id", pd.Series(doc_col, dtype="object"))
    return out


def _interactive() -> bool:
    try:
        from IPython import get_ipython

        if get_ipython() is not None:
            return True
    except Exception:  # pragma: no cover - IPython missing
        pass
    return bool(getattr(sys.stderr, "isatty", lambda: False)())
