"""Finding the words that name a speaker around a reporting verb.

All functions work on the *masked* article (quotes replaced by mask characters of the
same length, see :mod:`mediakit.quotes`), walking a handful of word tokens around a cue
in Python instead of running anchored regex searches: a mention is a pronoun, a name
phrase (capitalised words with roles and particles: "White House press secretary Jen
Psaki") or a description ("the senator", "a campaign spokesman", "officials").
"""
from __future__ import annotations

from mediakit._quote_rules import MASKS, Rules

SUBJECT_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_DETERMINERS = {"the", "a", "an", "one", "another", "this", "that", "his", "her", "their", "its", "our"}
_CONNECT = {"of", "for", "the", "and", "at", "de", "van", "von", "bin", "al", "la", "le", "da", "del", "der"}
_PUNCT = set(",;:!?()[]\"“”—–") | set(MASKS)
_INTRO_PREPS = {"in", "on", "at", "after", "before", "during", "speaking", "asked", "when", "while",
                "earlier", "later", "since", "last", "this", "for", "with", "from", "by", "as", "then"}


class Mention:
    """Words naming a speaker: ``text`` = masked[start:end]; ``kind`` is "pronoun",
    "name" or "desc"."""

    __slots__ = ("start", "end", "text", "kind", "cue")

    def __init__(self, start: int, end: int, text: str, kind: str, cue: str | None) -> None:
        self.start, self.end, self.text, self.kind, self.cue = start, end, text, kind, cue

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Mention({self.text!r}, {self.kind}, cue={self.cue!r})"


def _is_cap(w: str) -> bool:
    return w[:1].isupper()


def _name_ish(w: str, R: Rules) -> bool:
    if _is_cap(w):
        return True
    lw = w.lower()
    return lw in R.role_words or lw in R.particles or lw in _CONNECT


def _tokens(R: Rules, s: str, a: int, b: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in R.TOKEN.finditer(s, a, b)]


def _is_adverb(w: str, R: Rules) -> bool:
    lw = w.lower()
    return w.islower() and (lw in R.adverbs or (lw.endswith("ly") and len(lw) > 3))


def _strip_final_period(w: str, R: Rules) -> bool:
    """True when a token's final period ends the sentence (not 'Sen.', 'U.S.', 'J.')."""
    if not w.endswith("."):
        return False
    core = w[:-1]
    if len(core) == 1 and core.isupper():
        return False
    if "." in core:
        return False
    return core.lower() not in R.role_words and core not in R.abbrevs


def _mention_from(toks: list, i: int, k: int, s: str, cue: str | None, R: Rules) -> Mention | None:
    """Classify tokens toks[k..i] as a mention (pronoun / name / description)."""
    a, b = toks[k][0], toks[i][1]
    words = [t[2] for t in toks[k:i + 1]]
    last = words[-1]
    if len(words) == 1 and last.lower() in SUBJECT_PRONOUNS and (last.islower() or last in ("He", "She", "They", "It", "We", "I")):
        return Mention(a, b, s[a:b], "pronoun", cue)
    # drop leading connectors ("of", "and") but keep "the"
    while len(words) > 1 and words[0].lower() in _CONNECT and words[0].lower() != "the":
        k += 1
        words.pop(0)
        a = toks[k][0]
    if _is_cap(last):
        # a name phrase: everything capitalised or a role/connector word
        return Mention(a, b, s[a:b], "name", cue)
    lw = last.lower()
    if lw in R.speaker_nouns:
        return Mention(a, b, s[a:b], "desc", cue)
    return None


def subject_before(s: str, lo: int, hi: int, cue: str | None, R: Rules,
                   allow_apposition: bool = True) -> Mention | None:
    """The mention ending right before ``hi`` (the start of a reporting verb), allowing
    adverbs ("later said") and an appositive or aside ("Smith, who led …, said")."""
    toks = _tokens(R, s, lo, hi)
    i = len(toks) - 1
    n = 0
    while i >= 0 and n < 3 and _is_adverb(toks[i][2], R):
        i -= 1
        n += 1
    if i < 0:
        return None
    if toks[i][2] == "," and allow_apposition:
        # an appositive between commas: "Smith, who led the delegation, said"
        j = i - 1
        while j >= 0 and i - j < 30 and toks[j][2] not in _PUNCT:
            j -= 1
        if j < 0 or toks[j][2] != "," or i - j < 2:
            return None
        i = j - 1
        if i < 0:
            return None
    w = toks[i][2]
    if w in _PUNCT:
        return None
    if w.lower() in SUBJECT_PRONOUNS:
        return _mention_from(toks, i, i, s, cue, R)
    if not _name_ish(w, R) and w.lower() not in R.speaker_nouns:
        return None
    if w.endswith(".") and not _is_cap(w):
        return None
    k = i
    while k - 1 >= 0 and i - (k - 1) < 10:
        prev = toks[k - 1][2]
        if prev in _PUNCT or _strip_final_period(prev, R):
            break
        if _name_ish(prev, R) or (not _is_cap(w) and prev.islower() and i - k < 4):
            k -= 1
            continue
        break
    # a description must start at a determiner; a plural noun may stand alone
    if not _is_cap(w):
        words = [t[2].lower() for t in toks[k:i + 1]]
        det = next((x for x in range(len(words)) if words[x] in _DETERMINERS), None)
        if det is not None:
            k += det
        elif not (len(words) >= 1 and words[-1].endswith("s")):
            # "officials said" is fine; "campaign said" is not a mention
            k = i
            if words[-1] not in R.speaker_nouns or not words[-1].endswith("s"):
                return None
    return _mention_from(toks, i, k, s, cue, R)


def mention_after(s: str, pos: int, lim: int, cue: str | None, R: Rules) -> Mention | None:
    """The mention right after ``pos`` (the end of a reporting verb): 'said Smith',
    'said U.S. Ambassador Julianne Smith', 'said the senator', 'said he'."""
    toks = _tokens(R, s, pos, min(lim, pos + 160))
    i = 0
    n = 0
    while i < len(toks) and n < 2 and _is_adverb(toks[i][2], R):
        i += 1
        n += 1
    if i >= len(toks):
        return None
    w = toks[i][2]
    if w.lower() in SUBJECT_PRONOUNS:
        return _mention_from(toks, i, i, s, cue, R)
    if w in _PUNCT:
        return None
    k = i
    desc = w.lower() in _DETERMINERS
    j = i
    while j < len(toks) and j - i < 10:
        t = toks[j][2]
        if t in _PUNCT:
            break
        if _is_cap(t) or t.lower() in R.role_words or t.lower() in R.particles or t.lower() in ("of", "for") and j > i and toks[j - 1][2].lower() in R.role_words or desc and t.islower() and j - i < 5:
            pass
        else:
            break
        if _strip_final_period(t, R):
            j += 1
            break
        j += 1
    j -= 1
    while j >= k and (toks[j][2].lower() in _CONNECT or not (_is_cap(toks[j][2]) or toks[j][2].lower() in R.speaker_nouns)):
        j -= 1
    if j < k:
        return None
    m = _mention_from(toks, j, k, s, cue, R)
    if m is not None and m.text.endswith(".") and _strip_final_period(m.text.split()[-1], R):
        m.end -= 1
        m.text = m.text[:-1]
    return m


def sentence_subject(s: str, s0: int, hi: int, cue: str | None, R: Rules) -> Mention | None:
    """The subject opening the sentence at ``s0`` ('Peskov described …', 'But Smith,
    a Democrat, said …', 'On Tuesday, President Putin warned …')."""
    toks = _tokens(R, s, s0, min(hi, s0 + 300))
    i = 0
    while i < len(toks) and toks[i][2] in _PUNCT and toks[i][2] not in MASKS:
        i += 1
    # an introductory phrase ending with a comma ("On Tuesday, ", "In a statement, ")
    if i < len(toks) and toks[i][2].lower() in _INTRO_PREPS:
        j = i
        while j < len(toks) and j - i < 10 and toks[j][2] != ",":
            j += 1
        if j < len(toks) and toks[j][2] == ",":
            i = j + 1
    while i < len(toks) and toks[i][2] in R.not_names and toks[i][2].lower() not in SUBJECT_PRONOUNS:
        i += 1
    if i >= len(toks):
        return None
    w = toks[i][2]
    if w.lower() in SUBJECT_PRONOUNS:
        k = i
    elif _is_cap(w):
        k = i
        while k + 1 < len(toks) and k - i < 10 and _name_ish(toks[k + 1][2], R) and toks[k + 1][2].lower() not in ("and",):
            if _strip_final_period(toks[k][2], R):
                break
            k += 1
        while k > i and not _is_cap(toks[k][2]):
            k -= 1
    else:
        return None
    nxt = k + 1
    if nxt < len(toks) and toks[nxt][2] == ",":
        # skip an appositive
        j = nxt + 1
        while j < len(toks) and j - nxt < 30 and toks[j][2] not in _PUNCT:
            j += 1
        if j < len(toks) and toks[j][2] == ",":
            nxt = j + 1
        else:
            return None
    if nxt >= len(toks) or not toks[nxt][2][:1].islower():
        return None
    return _mention_from(toks, k, i, s, cue, R)
