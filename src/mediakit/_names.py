"""Personal names in news text: roles versus names, surnames, honorifics, gender.

Shared by quote attribution and source attribution, so that both stages normalise a
speaker the same way::

    >>> split_name("U.S. Ambassador Julianne Smith")
    ('U.S. Ambassador', 'Julianne Smith')
    >>> split_name("White House press secretary Jen Psaki")
    ('White House press secretary', 'Jen Psaki')
    >>> surname("Osama bin Laden")
    'bin Laden'
    >>> name_key("Mr. O’Rourke’s")
    'orourke'

The word lists are lexicons (``titles``, ``role_modifiers``, ``name_particles``,
``name_suffixes``, ``honorifics``, ``pronouns``, ``first_names_gender``), so a user
extends them with :func:`mediakit.extend_lexicon`.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Container, Iterable

from mediakit.lexicons import lexicon, lexicon_version

__all__ = [
    "split_name",
    "surname",
    "first_name",
    "name_key",
    "name_gender",
    "pronoun_gender",
    "is_pronoun",
    "is_role_word",
    "same_person",
]

_POSSESSIVE_RE = re.compile(r"['’]s?$")
_TOKEN_RE = re.compile(r"\S+")
_NON_ALNUM_RE = re.compile(r"[\W_]+")


def _strip_period(w: str) -> str:
    return w[:-1] if w.endswith(".") else w


@functools.cache
def _tables(version: int) -> dict:
    titles = {t.lower() for t in lexicon("titles")}
    role_words: set[str] = set()
    for t in titles:
        for w in t.split():
            role_words.add(w)
            role_words.add(_strip_period(w))
    modifiers = {m.lower() for m in lexicon("role_modifiers")}
    honorifics = {str(k).lower(): v for k, v in (lexicon("honorifics") or {}).items()}
    particles = {p.lower() for p in lexicon("name_particles")}
    suffixes = {_strip_period(s).lower() for s in lexicon("name_suffixes")}
    pron = lexicon("pronouns") or {}
    pronoun_gender = {}
    for gender, words in pron.items():
        for w in words:
            pronoun_gender[str(w).lower()] = gender
    first = {}
    for row in lexicon("first_names_gender"):
        n = (row.get("name") or "").strip()
        if n:
            first[n.lower()] = (row.get("gender") or "").strip().lower() or None
    return {
        "role": role_words | set(honorifics),
        "titles": titles,
        "modifiers": modifiers,
        "honorifics": honorifics,
        "particles": particles,
        "suffixes": suffixes,
        "pronouns": pronoun_gender,
        "first": first,
    }


def tables() -> dict:
    """The name tables, rebuilt when a lexicon is extended."""
    return _tables(lexicon_version())


def _clean_token(tok: str) -> str:
    if not tok:
        return tok
    tok = tok.strip(",;:()[]\"“”‘’")
    if tok.endswith(("’s", "'s")):
        return tok[:-2]
    if tok.endswith(("’", "'")):
        return tok[:-1]
    return tok


def is_role_word(word: str) -> bool:
    """True for a title or role word ("ambassador", "Sen.", "spokesman")."""
    t = tables()
    w = word.lower()
    return w in t["role"] or _strip_period(w) in t["role"]


def _is_modifier(word: str, t: dict) -> bool:
    w = word.lower()
    return w in t["modifiers"] or _strip_period(w) in t["modifiers"]


def _is_name_token(tok: str, t: dict) -> bool:
    if not tok or not tok[0].isupper():
        return tok.lower() in t["particles"]
    return not (tok.lower() in t["role"] or _strip_period(tok.lower()) in t["role"])


def split_name(mention: str, _t: dict | None = None) -> tuple[str | None, str | None]:
    """Split a mention into (role, name).

    The name is the trailing run of capitalised words that are not titles; every word
    before it is the role. A mention that is only a role ("the senator") gives
    ``(role, None)``; a bare name gives ``(None, name)``.
    """
    if not mention:
        return None, None
    t = _t or tables()
    toks = mention.strip().strip(",;:").split()  # the \S+ runs
    if not toks:
        return None, None
    # trailing possessive and suffixes stay with the name
    last = toks[-1]
    if last.endswith(("'s", "’s")):
        toks[-1] = last[:-2] or last
    elif last.endswith(("'", "’")):
        toks[-1] = last[:-1] or last
    role_set = t["role"]
    suffixes = t["suffixes"]
    particles = t["particles"]
    modifiers = t["modifiers"]
    n = len(toks)
    i = n
    while i > 0:
        tok = toks[i - 1]
        lower = tok.lower()
        low = lower[:-1] if lower.endswith(".") else lower
        if low in suffixes and i > 1:
            i -= 1
            continue
        if not tok[0].isupper():
            # particles inside a name: "bin" in "Osama bin Laden" (not at the start)
            if low in particles and i < n and i > 1 and (
                    toks[i - 2][:1].isupper() or toks[i - 2].lower() in particles):  # "von der Leyen"
                i -= 1
                continue
            break
        if (low in role_set or lower in role_set or low in modifiers and i < n) and not (
                len(tok) == 2 and tok[1] == "."):  # a middle initial: "Roberta A. Kaplan"
            break
        i -= 1
    tail = n
    while tail > 1 and _strip_period(toks[tail - 1].lower()) in suffixes:
        tail -= 1  # ("Martin Luther King Jr.": the title word is the last before the suffix)
    if i == tail:
        # the last word is a title ("John Major", "Martin Luther King Jr."): keep it as
        # the name if a first name precedes, with the capitalised words before that
        # ("Martin Luther King", not "Luther King" with the role "Martin")
        if tail >= 2 and toks[tail - 2].lower() in t["first"]:
            i = tail - 2
            while i > 0 and toks[i - 1][:1].isupper() and toks[i - 1].lower() in t["first"] \
                    and _strip_period(toks[i - 1].lower()) not in role_set:
                i -= 1
        elif toks[tail - 1][0].isupper() and not (toks[tail - 1].lower() in role_set
                                                  or _strip_period(toks[tail - 1].lower()) in role_set):
            i = tail - 1
    name_toks = toks[i:]
    # "Secretary of Transportation Pete Buttigieg": words right after "of" belong to the role
    while (
        len(name_toks) >= 2
        and i > 0
        and toks[i - 1].lower() in ("of", "for", "at")
        and name_toks[0].lower() not in t["first"]
    ):
        i += 1
        name_toks = toks[i:]
    # leading particles are not a name start, nor a possessive ("Florida’s Rick Wilson")
    while name_toks and (not name_toks[0][0].isupper()
                         or (len(name_toks) > 1 and name_toks[0].endswith(("’s", "'s")))):
        i += 1
        name_toks = toks[i:]
    i += given_name_start(name_toks, t["first"])
    name_toks = toks[i:]
    role = " ".join(toks[:i]).strip(" ,") or None
    name = " ".join(name_toks) or None
    if role is not None and role.lower() in ("the", "a", "an"):
        role = None
    return role, name


def written_with_title(text: str, title: str, name: str) -> bool:
    """Whether ``text`` writes ``name`` right after ``title`` and one space ("President
    Joe Biden"), the title in any case."""
    title = title.lower()
    i = text.find(name)
    while i > 0:
        if text[max(0, i - len(title) - 1):i].lower().rstrip() == title:
            return True
        i = text.find(name, i + 1)
    return False


def written_in_lower_case(word: str, texts: Iterable[str], first: Container[str]) -> bool:
    """Whether the capitalised ``word`` ("Matter", "Blame.") is a common word in these
    texts: they also write it in lower case as a whole word (no letter, digit,
    apostrophe or hyphen beside it), and it is no known ``first`` name ("Will", "Rose",
    "Bill" are often both) nor a single letter."""
    low = word.rstrip(".").lower()
    if low == word or not low.isalpha() or len(low) == 1 or low in first:
        return False
    n = len(low)
    for t in texts:
        i = t.find(low) if t else -1
        while i >= 0:
            if not (i and (t[i - 1].isalnum() or t[i - 1] in "_’'-")) and not (
                    i + n < len(t) and (t[i + n].isalnum() or t[i + n] in "_’'-")):
                return True
            i = t.find(low, i + n)
    return False


def given_name_start(toks: list[str], first: dict) -> int:
    """Where a person's name starts in capitalised words that run into it from the
    end of a role or an organisation: 1 in "Council Oleksiy Danilov", 2 in "Italian
    Republic Sergio Mattarella" (the first given name after a first word that is none);
    0 when the words open with a given name ("Rafael Mariano Grossi") or hold none."""
    if len(toks) < 3 or toks[0].lower() in first:
        return 0
    for j in range(1, len(toks) - 1):
        w = toks[j]
        if len(w) > 2 and w[0].isupper() and w.lower() in first:
            return j
    return 0


def surname(name: str | None, _t: dict | None = None) -> str | None:
    """The family name of ``name``: its last word, with any particles before it
    ("bin Laden", "van Gogh") and without suffixes ("Jr.") or a possessive."""
    if not name:
        return None
    t = _t or tables()
    toks = [_clean_token(x) for x in name.split()[-4:]]  # the \S+ runs
    toks = [x for x in toks if x]
    while len(toks) > 1 and _strip_period(toks[-1].lower()) in t["suffixes"]:
        toks.pop()
    if not toks:
        return None
    j = len(toks) - 1
    while j > 1 and toks[j - 1].lower() in t["particles"]:
        j -= 1
    return " ".join(toks[j:])


def first_name(name: str | None) -> str | None:
    """The first word of a name of two or more words that is not an initial."""
    if not name:
        return None
    raw = name.split()
    if len(raw) < 2:
        return None
    f = _clean_token(raw[0])
    if not f:
        toks = [x for x in (_clean_token(y) for y in raw) if x]
        if len(toks) < 2:
            return None
        f = toks[0]
    else:
        for y in raw[1:]:  # some later word must stay once cleaned
            if _clean_token(y):
                break
        else:
            return None
    return None if len(f.rstrip(".")) <= 1 else f


def name_key(name: str | None, _t: dict | None = None) -> str | None:
    """Normalised surname for comparing mentions: accents, case, punctuation removed."""
    # the last word of surname(name): its last cleaned token once suffixes are dropped
    # (particles before it do not matter here)
    if not name:
        return None
    t = _t or tables()
    toks = [x for x in map(_clean_token, name.split()[-4:]) if x]
    suffixes = t["suffixes"]
    while len(toks) > 1 and _strip_period(toks[-1].lower()) in suffixes:
        toks.pop()
    if not toks:
        return None
    s = toks[-1]
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s)
    if not s.isalnum():  # [\W_] is exactly what is not alphanumeric
        s = _NON_ALNUM_RE.sub("", s)
    return s.lower() or None


def name_gender(name: str | None, role: str | None = None, _t: dict | None = None) -> str | None:
    """"male", "female" or None, from an honorific in ``role`` or the first name."""
    t = _t or tables()
    if role:
        for w in reversed(role.split()):
            g = t["honorifics"].get(_strip_period(w.lower()))
            if g:
                return g
    f = first_name(name)
    if f:
        g = t["first"].get(f.lower())
        if g in ("male", "female"):
            return g
    return None


def pronoun_gender(word: str | None) -> str | None:
    """Gender class of a pronoun ("male", "female", "plural", "neuter", "self"), else None."""
    if not word:
        return None
    return tables()["pronouns"].get(word.strip().lower())


def is_pronoun(word: str | None) -> bool:
    return pronoun_gender(word) is not None


def same_person(a: str | None, b: str | None, _t: dict | None = None) -> bool:
    """True when two names agree on the surname and on the first name where both give one."""
    if not a or not b:
        return False
    t = _t or tables()
    if name_key(a, t) != name_key(b, t):
        return False
    fa, fb = first_name(a), first_name(b)
    return not (fa and fb and fa.lower() != fb.lower())
