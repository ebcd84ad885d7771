"""Finding the words that name a speaker around a reporting verb.

All functions work on the *masked* article (quotes replaced by mask characters of the
same length, see :mod:`mediakit.quotes`), walking a handful of word tokens around a cue
in Python instead of running anchored regex searches: a mention is a pronoun, a name
phrase (capitalised words with roles and particles: "White House press secretary Jen
Psaki") or a description ("the senator", "a campaign spokesman", "officials").
"""
from __future__ import annotations

import re

from mediakit._quote_rules import MASKS, Rules

SUBJECT_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_CAP_PRONOUNS = {"He", "She", "They", "It", "We", "I"}
# a subject pronoun with its verb contracted on: "She’d", "I’ve"
# ("You’ve called it …" in a reporter's question: a pronoun that names nobody)
_CONTRACTED = re.compile(rf"({'|'.join(sorted(SUBJECT_PRONOUNS | _CAP_PRONOUNS | {'you', 'You'}))})[’'](?:d|ve|ll|s|re|m)")
DETERMINERS = {"the", "a", "an", "one", "another", "this", "that", "his", "her", "their", "its", "our", "my", "your"}
_CONNECT = {"of", "for", "the", "and", "at", "de", "van", "von", "bin", "al", "la", "le", "da", "del", "der"}
_SUBORDINATORS = frozenset(["as", "what", "that", "if", "when", "whenever", "while", "because", "since", "though",
                            "although", "whether", "how", "why", "where", "unless", "until", "once"])
_PREPOSITIONS = frozenset(["of", "for", "from", "at", "with", "in", "on", "to", "by", "about"])
_STATE_ABBR_RE = re.compile(r"(?:[A-Z][a-z]{0,3}\.){1,3}")
_OPENING_CONJUNCTIONS = frozenset(["And", "But", "So", "Yet", "Or", "Still"])
_SECOND_APPOSITIVE = frozenset(["a", "an", "the", "one", "who", "which", "whose", "now", "then", "also"])
_PUNCT = set(",;:!?()[]\"“”—–") | set(MASKS)
# one-word adverbs that may open a sentence before its subject without a comma
_ADVERB_OPENERS = frozenset(["then", "now", "also", "still", "later", "earlier", "again", "meanwhile",
                             "instead", "separately", "similarly", "likewise", "indeed", "finally"])
INTRO_WORDS = {"hours", "days", "weeks", "months", "minutes", "moments", "here", "in", "on", "at", "after", "before", "during", "speaking", "asked", "when", "while",
                "earlier", "later", "since", "last", "this", "for", "with", "from", "by", "as", "then",
                "meanwhile", "still", "yet", "however", "instead", "now", "today", "also", "separately",
                "similarly", "likewise", "elsewhere", "overall", "indeed", "again", "once", "like", "unlike",
                "despite", "amid", "according", "under", "over", "throughout", "within", "without",
                "rather", "moreover", "furthermore", "nevertheless", "nonetheless", "besides", "thus",
                "otherwise", "afterward", "afterwards", "first", "yesterday", "tonight", "tomorrow",
                "alongside", "beyond", "among", "amongst", "across", "outside", "inside", "behind",
                "against", "regarding", "following", "toward", "towards"}


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


def _possessive(w: str) -> bool:
    return w.endswith(("’s", "'s", "s’", "s'"))


def _name_ish(w: str, R: Rules) -> bool:
    if _is_cap(w):
        return True
    lw = w.lower()
    return lw in R.role_words or lw in R.particles or lw in _CONNECT


def tokens(R: Rules, s: str, a: int, b: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in R.TOKEN.finditer(s, a, b)]


def role_head(w: str, R: Rules) -> bool:
    """Whether the lower-case word ``w`` may end a role that stands in apposition before
    a name: a role word, a relative ("his wife"), or people of a role or kind
    ("top executives")."""
    return w in R.role_words or w in R.kin_gender or (w.endswith("s") and w[:-1] in R.role_or_person)


def _is_adverb(w: str, R: Rules) -> bool:
    lw = w.lower()
    return w.islower() and (lw in R.adverbs or (lw.endswith("ly") and len(lw) > 3))


def ends_sentence(w: str, R: Rules) -> bool:
    """True when a token's final period ends the sentence (not 'Sen.', 'U.S.', 'J.')."""
    if not w.endswith("."):
        return False
    core = w[:-1]
    if len(core) == 1 and core.isupper():
        return False
    if "." in core:
        return False
    # (a short role word ends no sentence when it is an abbreviation, "Gov.", "sen.";
    # "the President.", "the First Lady." do)
    if len(core) <= 4 and core.lower() in R.role_words:
        return core not in R.abbrevs and core.capitalize() not in R.abbrevs
    return core not in R.abbrevs


def _mention_from(toks: list, i: int, k: int, s: str, cue: str | None, R: Rules) -> Mention | None:
    """Classify tokens toks[k..i] as a mention (pronoun / name / description)."""
    words = [t[2] for t in toks[k:i + 1]]
    # a clause's opening word and what comes before it are no part of the mention: "As
    # Dr. King said", "I understand that the White House has said", "a problem with
    # what Secretary Blinken called" (not "that official", a determiner)
    x = next((x for x in range(len(words) - 2, -1, -1) if words[x].lower() in _SUBORDINATORS), -1)
    if x >= 0 and (words[x + 1].lower() in DETERMINERS or _is_cap(words[x + 1])) \
            and all(w[:1].islower() or w in R.not_names for w in words[:x]):
        # (nobody named before it: not "the President noted that Russia …")
        k += x + 1
        words = words[x + 1:]
    last = words[-1]
    if len(words) == 1 and last.lower() in SUBJECT_PRONOUNS and (last.islower() or last in _CAP_PRONOUNS):
        return Mention(toks[k][0], toks[i][1], s[toks[k][0]:toks[i][1]], "pronoun", cue)
    # drop leading connectors ("of", "and") but keep "the"
    while len(words) > 1 and words[0].lower() in _CONNECT and words[0].lower() != "the":
        k += 1
        words.pop(0)
    if (m := _CONTRACTED.fullmatch(last)) is not None:
        # "She’d say, “…”", "I’d also note that …", "What I’ll say is “…”": the
        # pronoun without its verb (and without the words before it)
        a = toks[i][0]
        return Mention(a, a + m.end(1), s[a:a + m.end(1)], "pronoun", cue)
    # "Officials in Moscow", "Residents of Kharkiv": a group of people the place or body
    # after the preposition only qualifies, not a name
    x = next((x for x in range(1, len(words) - 1) if words[x] in _PREPOSITIONS), 0)
    if x and words[x - 1].lower() in R.group_nouns and words[x - 1][1:].islower():
        a, b = toks[k][0], toks[i][1]
        return Mention(a, b - (last.endswith(".") and ends_sentence(last, R)), s[a:b], "desc", cue)
    # "Jeffrey Lewis of the James Martin Center": the person is before "of" (a name of
    # two capitalised words after any role: not "Head of the Office" in "Head of the
    # Office of the President Andriy Yermak")
    for x in range(1, len(words) - 1):
        if words[x] in _PREPOSITIONS and _is_cap(words[x - 1]) \
                and words[x - 1].lower().rstrip(".") not in R.title_words:
            head = words[:x]
            r = max((j for j, w in enumerate(head) if w.lower().rstrip(".") in R.title_words), default=-1)
            caps = [w for w in head[r + 1:] if _is_cap(w)]
            # (a name has no article: after a title, not "Deputy Head of the Ukrainian
            # Delegation to the TCG Andriy Kostin", whose name is after the preposition;
            # an organisation's name goes on with "of" or "for" ("the International
            # Association of Chiefs of Police"), not with "in" ("The U.S. Embassy in Kyiv"))
            article = any(w.lower() in DETERMINERS for w in head[r + 1:])
            if len(caps) >= 2 and not any(w.lower() in R.title_words for w in head[-1:]) \
                    and not (article and (r >= 0 or words[x] in ("of", "for"))):
                i = k + x - 1
                words = head
                last = words[-1]
            break
    a, b = toks[k][0], toks[i][1]
    if last.endswith(".") and ends_sentence(last, R):
        b -= 1
    if _is_cap(last):
        if len(words) == 1:
            if last in R.not_names and last not in R.surname_homographs:
                return None  # ("May said", "Read said": a surname by its verb)
            if last[1:].islower() and last.lower() in R.group_nouns:
                # "People are asking, “…”", "Economists call this “…”": a group, capitalised
                # as the sentence's first word, not a name
                return Mention(a, b, s[a:b], "desc", cue)
        return Mention(a, b, s[a:b], "name", cue)
    if last.lower() in R.speaker_nouns:
        return Mention(a, b, s[a:b], "desc", cue)
    return None


def _takes_object(low: str, word: str) -> bool:
    """Whether ``word`` (``low`` lower-cased), right after a verb, starts the verb's
    object ("responded to President Biden", "told President Biden"), not a noun the
    verb as a participle modifies ("the noted historian")."""
    return low in _PREPOSITIONS or _is_cap(word)


def _skip_parens_back(toks: list, i: int) -> int:
    """Index before a parenthesised group ending at toks[i] == ')'."""
    j = i - 1
    while j >= 0 and i - j < 15 and toks[j][2] != "(":
        j -= 1
    return j - 1 if j >= 0 else -1


_LABEL_GAP_RE = re.compile(r"\n|[ \xa0]{3}")


def subject_before(s: str, lo: int, hi: int, cue: str | None, R: Rules) -> Mention | None:
    """The mention ending right before ``hi`` (the start of a reporting verb), allowing
    adverbs ("later said"), a coordinated verb ("laughed and said"), a parenthesis
    ("Sen. Ted Cruz (R-Texas) said") and an appositive or aside ("Smith, who …, said")."""
    if hi - lo > 90 and "," not in s[hi - 40:hi] and ")" not in s[hi - 40:hi]:
        lo = hi - 90  # no appositive: the subject is near
    toks = tokens(R, s, lo, hi)
    i = len(toks) - 1
    n = 0
    while i >= 0 and n < 4 and (_is_adverb(toks[i][2], R) or toks[i][2] in R.time_words):
        # 'Smith later said', 'Priebus later Thursday told'
        i -= 1
        n += 1
    if i >= 1 and toks[i][2] == "and" and toks[i - 1][2].islower() and (
            toks[i - 1][2] in R.verbs or toks[i - 1][2].endswith("ed")):
        # "he laughed and said"
        i -= 2
        n = 0
        while i >= 0 and n < 2 and _is_adverb(toks[i][2], R):
            i -= 1
            n += 1
    if i < 0:
        return None
    if toks[i][2] == ")":
        i = _skip_parens_back(toks, i)
    elif toks[i][2] == ",":
        # a name between commas after a role: "Hunter’s chief of staff, Joe Kasper, told"
        j = i - 1
        while j >= 0 and i - j <= 5 and _is_cap(toks[j][2]) and toks[j][2] not in _PUNCT:
            j -= 1
        if 0 < j < i - 1 and toks[j][2] == "," and (
                # ("His wife, Gabriela Lazar, said"; "One of the university's top
                # executives, Michael Sexton, testified")
                toks[j - 1][2].islower() and role_head(toks[j - 1][2], R)
                # a capitalised title: "Russia’s Foreign Minister, Sergey Lavrov, said"
                or toks[j - 1][2][:1].isupper() and toks[j - 1][2].lower().rstrip(".") in R.person_heads):
            return _mention_from(toks, i - 1, j + 1, s, cue, R)
        # a titled name with its party between commas after an opening phrase: "…, after
        # winning Ohio in the primary, Gov. John Kasich (R-OH), said" (not an aside)
        q = _skip_parens_back(toks, i - 1) if i >= 1 and toks[i - 1][2] == ")" else -1
        if q > 0:
            j = q
            while j >= 0 and q - j <= 4 and _is_cap(toks[j][2]) and toks[j][2] not in _PUNCT:
                j -= 1
            if 0 < j < q - 1 and toks[j][2] == "," and toks[j - 1][2].islower() \
                    and toks[j + 1][2].lower().rstrip(".") in R.title_words:
                return _mention_from(toks, q, j + 1, s, cue, R)
        # an appositive between commas: "Smith, who led the delegation, said";
        # two of them: "Lapp, executive director of the PAC, a Democratic group, said"
        for hop in range(4):
            j = i - 1
            while j >= 0 and i - j < 40:
                t = toks[j][2]
                if t == ")":
                    j = _skip_parens_back(toks, j)
                    continue
                if t in _PUNCT:
                    break
                j -= 1
            if j < 0 or toks[j][2] != "," or i - j < 2:
                if hop and i >= 1 and _is_cap(toks[i - 1][2]):
                    # the aside held a comma of its own: "Clinton, during a town hall
                    # meeting in Columbus, Ohio, said"
                    i -= 1
                    break
                return None
            i = j - 1
            if i >= 0 and toks[i][2] == ")":
                i = _skip_parens_back(toks, i)
            # is the part before this comma itself a description ("executive director
            # of the PAC")? then the name stands before the previous comma
            k = i
            while k >= 0 and toks[k][2] not in _PUNCT and i - k < 12:
                k -= 1
            if k >= 0 and toks[k][2] == "," and k + 1 <= i and (
                    (toks[k + 1][2].islower() and toks[k + 1][2] not in SUBJECT_PRONOUNS)
                    # an age or a state: "Harry Bond, 30, of Raleigh, N.C., who …, said"
                    or (k + 1 == i and (toks[i][2].isdigit() or _STATE_ABBR_RE.fullmatch(toks[i][2])))):
                i = k
                continue
            break
    if i < 0:
        return None
    w = toks[i][2]
    if w in _PUNCT:
        return None
    if w.lower() in SUBJECT_PRONOUNS:
        return _mention_from(toks, i, i, s, cue, R)
    cap = _is_cap(w)
    if not cap and w.lower() not in R.speaker_nouns:
        return None
    if w.endswith(".") and not cap:
        return None
    k = i
    while k - 1 >= 0 and i - (k - 1) < 12:
        prev = toks[k - 1][2]
        if prev in _PUNCT or ends_sentence(prev, R) or _LABEL_GAP_RE.search(s, toks[k - 1][1], toks[k][0]):
            # (a line end or a run of spaces: "Q    And you said …" is a transcript's
            # question label, then the question)
            break
        if _name_ish(prev, R) or (prev.islower() and i - k < 5 and not _is_adverb(prev, R)):
            k -= 1
            continue
        break
    words = [t[2] for t in toks[k:i + 1]]
    lower = [x.lower() for x in words]
    det = next((x for x in range(len(words)) if lower[x] in DETERMINERS), None)
    if not cap:
        # a description must start at a determiner or an owner's name ("Trump’s
        # statement", "Hillary Clinton’s campaign"); a plural noun may stand alone
        own = next((x for x in range(len(words) - 2, -1, -1) if _is_cap(words[x]) and _possessive(words[x])
                    and words[x][:-2] not in R.not_names), None)  # (not "It’s what economists call")
        if own is not None and (det is None or det > own):
            while own > 0 and _is_cap(words[own - 1]) and (
                    words[own - 1] not in R.not_names or f"{words[own - 1]} {words[own]}" in R.place_names):
                own -= 1  # (a place's first word stays: "New Hampshire Sen. Kelly Ayotte’s campaign")
            det = own
        if det is not None:
            k += det
        elif lower[-1].endswith("s") and lower[-1] in R.speaker_nouns:
            k = i
        else:
            return None
    else:
        # a name phrase: keep the run of name-like words before it (roles, possessives,
        # "the"); drop lower-case words that are not roles ("Thursday night Smith")
        j = i
        while j - 1 >= k:
            p = toks[j - 1][2]
            if _name_ish(p, R) or lower[j - 1 - k] in DETERMINERS:
                j -= 1
                continue
            if p.islower() and j - 1 > k and any(
                lower[x] in DETERMINERS or _is_cap(words[x]) and _possessive(words[x]) for x in range(0, j - 1 - k)
            ):
                if p in R.verbs and not p.endswith("ing") and _takes_object(lower[j - k], words[j - k]):
                    # a verb with its object, not a modifier: "The Kremlin responded
                    # to President Biden labeling …" (but "the noted historian Jon
                    # Meacham", "a source speaking to Fox News"): the name phrase
                    # starts after it and its preposition
                    while j < i and lower[j - k] in _PREPOSITIONS:
                        j += 1
                    break
                if _is_cap(words[j - k]) and words[j - k] != "I" and p not in _PREPOSITIONS and not (
                        p in R.role_or_person or p in R.speaker_nouns or role_head(p, R)):
                    # the last word before the capitals must be what the person is
                    # ("Clinton’s top foreign policy aide Jake Sullivan"), not any noun
                    # or adjective: "in a way FBI Director James Comey slammed as …",
                    # "a defensive Obama" (a preposition's object stays in: "the
                    # senator from Vermont")
                    break
                # "Clinton’s top foreign policy aide Jake Sullivan"
                j -= 1
                continue
            break
        p = j if lower[j - k] in _PREPOSITIONS else j - 1  # ("of" is name-like: "Head of …")
        if p - 1 >= k and lower[p - k] in _PREPOSITIONS and lower[p - 1 - k] in R.group_nouns:
            # "officials in Moscow said", "residents of Kharkiv told": a group the place
            # only qualifies, not a name
            g = p - 1
            while g - 1 >= k and (lower[g - 1 - k] in DETERMINERS or lower[g - 1 - k] in R.indefinite
                                  or lower[g - 1 - k].isdigit()):
                g -= 1  # "two officials in Moscow"
            return _mention_from(toks, i, g, s, cue, R)
        k = j
    return _mention_from(toks, i, k, s, cue, R)


def _role_then_name(toks: list, i: int, R: Rules) -> bool:
    """Whether toks[i:] is a short description ending in a role noun, then a full name:
    "undecided Republican voter Stephanie Hooton"."""
    for p in range(i + 1, min(i + 6, len(toks) - 1)):
        w = toks[p][2]
        if w in _PUNCT:
            return False
        if _is_cap(w) and _is_cap(toks[p + 1][2]) and toks[p - 1][2] in R.role_or_person:
            return w not in R.not_names
    return False


_APPOSITION_END = re.compile(r"[ \xa0]*(?:[,.;:)\n]|$)")


def mention_after(s: str, pos: int, lim: int, cue: str | None, R: Rules) -> Mention | None:
    """The mention right after ``pos`` (the end of a reporting verb): 'said Smith',
    'said U.S. Ambassador Julianne Smith', 'said Clinton’s top aide Jake Sullivan',
    'said the senator', 'said he'."""
    toks = tokens(R, s, pos, min(lim, pos + 140))
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
    desc = w.lower() in DETERMINERS and w.lower() != "that"
    if not desc and not _name_ish(w, R):
        # "said election lawyer Joe Birkenstock": lower-case words, then a full name
        z = i
        while z < len(toks) and z - i < 3 and toks[z][2].islower() and toks[z][2] not in _PUNCT:
            z += 1
        if not (z > i and z + 1 < len(toks) and _is_cap(toks[z][2]) and _is_cap(toks[z + 1][2])
                and toks[z][2] not in R.not_names) and not _role_then_name(toks, i, R):
            return None
    # the words up to punctuation (at most 14)
    j = i
    while j < len(toks) and j - i < 14 and toks[j][2] not in _PUNCT:
        if ends_sentence(toks[j][2], R):
            j += 1
            break
        j += 1
    words = [t[2] for t in toks[i:j]]
    end = None
    x = 0
    chain = False  # inside a title's "of" chain: "Head of the Office of the President …"
    while x < len(words):
        t = words[x]
        if _is_cap(t):
            # a run of capitalised words (particles inside)
            y = x
            while y + 1 < len(words) and (_is_cap(words[y + 1]) or words[y + 1].lower() in R.particles):
                if ends_sentence(words[y], R):
                    break
                y += 1
            run_end = y
            nxt = words[y + 1].lower() if y + 1 < len(words) else ""
            last_run = words[y]
            if _possessive(last_run) or nxt in R.role_words or (
                nxt in ("of", "for") and (chain or last_run.lower().rstrip(".") in R.title_words)
            ):
                # "Clinton’s top aide …", "Ohio State University professor …", "Secretary of
                # State …", and on along the chain: "Head of the Office of the President of
                # Ukraine Andriy Yermak"
                chain = chain or nxt in ("of", "for")
                x = y + 1
                end = None
                continue
            if nxt and nxt.islower() and nxt not in SUBJECT_PRONOUNS:
                # "Montclair State University political scientist Brigid Harrison": lower-case
                # words up to a role word right before another name
                z = y + 1
                while z < len(words) and z - y <= 4 and words[z].islower() and words[z] not in _PREPOSITIONS:
                    z += 1
                if z < len(words) and z - y >= 2 and _is_cap(words[z]) and (
                        words[z - 1].lower() in R.role_words
                        or (z - y <= 3 and z + 1 < len(words) and _is_cap(words[z + 1]))):
                    # "Clinton ally James Carville": a full name after a short description
                    x = z
                    end = None
                    continue
            end = run_end
            break
        lt = t.lower()
        if lt in R.role_words or lt in DETERMINERS or lt in R.particles or lt in ("of", "for"):
            x += 1
            continue
        if t.islower() and x > 0 and (desc or any(_possessive(v) for v in words[:x])) and x < 8:
            x += 1
            continue
        if t.islower():
            # "Republican party boss Reince Priebus", "election lawyer Joe Birkenstock":
            # a few lower-case words, then a name
            z = x
            while z < len(words) and z - x < 3 and words[z].islower() and (words[z] not in _CONNECT or (
                    # (an "of" between lower-case words of the role: "master of ceremonies Asab Al-Tabchi")
                    words[z] == "of" and z > x and z + 1 < len(words) and words[z + 1].islower())):
                z += 1
            if z < len(words) and z > x and _is_cap(words[z]):
                x = z
                continue
        break
    if end is None and x > 0 and x >= len(words) and i + j < len(toks) and toks[i + j][2] == "," and (
            not desc and any(_possessive(v) for v in words[:x])
            or desc and words[x - 1].lower() in R.role_or_person):
        # a role, then the name in apposition: "exhorted Clinton’s introducer, actress
        # Jamie Lee Curtis", "said the bureau's director, James B. Comey" (the name
        # closes the phrase: not "According to the President's wife, Russian soldiers
        # are …")
        c = mention_after(s, toks[i + j][1], lim, cue, R)
        if c is not None and c.kind == "name" and (not desc or _APPOSITION_END.match(s, c.end)):
            return c
    if end is None:
        if not desc:
            return None
        # a description: "the senator", "a spokesman for the campaign"
        y = min(x, len(words)) - 1
        while y >= 0 and words[y].lower() not in R.speaker_nouns:
            y -= 1
        if y < 1:
            return None
        return _mention_from(toks, i + y, i, s, cue, R)
    return _mention_from(toks, i + end, i, s, cue, R)


def sentence_subject(s: str, s0: int, hi: int, cue: str | None, R: Rules) -> Mention | None:
    """The subject opening the sentence at ``s0`` ('Peskov described …', 'But Smith,
    a Democrat, said …', 'On Tuesday, President Putin warned …', 'Reached by phone,
    Smith said …')."""
    toks = tokens(R, s, s0, min(hi, s0 + 180))
    i = 0
    while i < len(toks) and toks[i][2] in _PUNCT and toks[i][2] not in MASKS:
        i += 1
    if i + 1 < len(toks) and _LABEL_GAP_RE.search(s, toks[i][1], toks[i + 1][0]):
        i += 1  # a transcript's label: "Q    Senate Minority Leader Mitch McConnell has …"
    # a sentence opening with a conjunction: "And after the court refused, Gov. X blamed …"
    if i + 1 < len(toks) and toks[i][2] in _OPENING_CONJUNCTIONS and toks[i + 1][2][:1].islower():
        i += 1
    # an introductory phrase ending with a comma ("On Tuesday, ", "Reached by phone, ")
    intro = False
    for _ in range(3):
        if i >= len(toks):
            break
        first = toks[i][2].lower()
        if not (first in INTRO_WORDS or (
                first.endswith(("ing", "ed", "ly")) and first not in R.role_words
                # a first name before a surname is no participle: "Carly Fiorina", "Ted Cruz"
                and not (i + 1 < len(toks) and _is_cap(toks[i + 1][2]) and toks[i + 1][2] not in R.time_words))):
            break
        if first in _ADVERB_OPENERS and i + 1 < len(toks) and _is_cap(toks[i + 1][2]) \
                and toks[i + 1][2] not in R.not_names:
            i += 1  # an adverb right before the subject: "And then Trump went … , saying"
            continue
        j = i
        # a participle phrase may run long: "Hastily politicizing the tragedy in Nice ― much
        # like he did after the attacks in Paris ―, Trump cast …"
        span = 36 if i + 1 < len(toks) and toks[i + 1][2].endswith("ing") or first.endswith("ing") else 14
        while j < len(toks) and j - i < span and toks[j][2] not in (",", ";", ":") and toks[j][2] not in MASKS:
            j += 1
        if j < len(toks) and toks[j][2] == ",":
            i = j + 1
            intro = True
        else:
            break
    opened = i
    while i < len(toks) and toks[i][2] in R.not_names and toks[i][2] not in _CAP_PRONOUNS and not (
            i + 1 < len(toks) and (toks[i][2] in R.surname_homographs and toks[i + 1][2] in R.verbs
                                   or f"{toks[i][2]} {toks[i + 1][2]}" in R.place_names)):
        # ("But", "Today"; not "May" before a reporting verb: "May told reporters", nor
        # the first word of a place: "The New York Times")
        i += 1
    if i >= len(toks):
        return None
    w = toks[i][2]
    first_cap = i
    if w.islower() and w in R.role_words and i == opened:
        # a role in lower case before a full name: "former Arkansas Gov. Mike Huckabee
        # agreed" (not "The former Republican candidate", a description)
        while first_cap < len(toks) and first_cap - i < 4 and toks[first_cap][2] in R.role_words:
            first_cap += 1
        if first_cap + 1 < len(toks) and _is_cap(toks[first_cap][2]) and _is_cap(toks[first_cap + 1][2]):
            w = toks[first_cap][2]
        else:
            first_cap = i
    if w.lower() in SUBJECT_PRONOUNS:
        k = i
    elif _is_cap(w):
        k = first_cap
        while k + 1 < len(toks) and k - i < 10 and _name_ish(toks[k + 1][2], R) and toks[k + 1][2] != "and":
            if ends_sentence(toks[k][2], R) or _LABEL_GAP_RE.search(s, toks[k][1], toks[k + 1][0]):
                break
            k += 1
        ext = k
        while k > first_cap and not _is_cap(toks[k][2]):
            k -= 1
        if ext > k and toks[opened][2].lower() == "the" and ext + 1 < len(toks) \
                and toks[ext + 1][2][:1].islower() and toks[ext][2].lower() in R.person_heads \
                and all(t[2].lower() in R.role_words for t in toks[k + 1:ext + 1]):
            # "The Republican nominee also outlined …": a description, the capitalised
            # words qualify the role (not "Republican", a name)
            return _mention_from(toks, ext, opened, s, cue, R)
        if _possessive(toks[k][2]):
            return None
    else:
        return None
    nxt = k + 1
    if nxt < len(toks) and toks[nxt][2] == "(":
        while nxt < len(toks) and nxt - k < 15 and toks[nxt][2] != ")":
            nxt += 1
        nxt += 1
    if intro and nxt + 1 < len(toks) and toks[nxt][2] == "," and _is_cap(toks[nxt + 1][2]) and toks[nxt + 1][2] not in _CAP_PRONOUNS:
        # the intro went on with a place: "In Salem, New Hampshire, Trump went …"
        return sentence_subject(s, toks[nxt + 1][0], hi, cue, R)
    if nxt < len(toks) and toks[nxt][2] == ",":
        # skip an appositive (parentheses inside it too), or two: "Marty West, an
        # education professor who worked for Sen. Lamar Alexander (R-Tenn.), one of
        # the bill’s architects, called it …"
        for n_app in range(2):
            j = nxt + 1
            while j < len(toks) and j - nxt < 40:
                t = toks[j][2]
                if t == "(":
                    while j < len(toks) and toks[j][2] != ")" and j - nxt < 40:
                        j += 1
                elif t in _PUNCT:
                    break
                j += 1
            if j < len(toks) and toks[j][2] == ",":
                nxt = j + 1
            else:
                return None
            if not (n_app == 0 and nxt < len(toks) and toks[nxt][2].lower() in _SECOND_APPOSITIVE):
                break
            nxt -= 1  # at the comma again: skip the second one
    if nxt >= len(toks) or not toks[nxt][2][:1].islower():
        return None
    if nxt == k + 1 and (toks[nxt][2] in R.group_nouns
                         or toks[nxt][2].endswith("s") and toks[nxt][2][:-1] in R.person_heads):
        # "Seventeen Nobel laureates … said": capitalised words that qualify a group
        return _mention_from(toks, nxt, i, s, cue, R)
    return _mention_from(toks, k, i, s, cue, R)
