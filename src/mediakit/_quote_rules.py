"""Compiled patterns and word sets for quote attribution, built from the lexicons.

Everything word-specific (reporting verbs, roles, particles, non-names) comes from a
lexicon; this module turns the tables into regular expressions and sets, once per
``lexicon_version()``. Word lists become trie-shaped regexes, so a scan costs about
the same however long the lists grow.
"""
from __future__ import annotations

import functools
import re

from mediakit.lexicons import lexicon, lexicon_version

# mask characters used for quoted text when looking for cues outside quotes
BODY = "\ue000"
OPEN = "\ue001"
CLOSE_COMMA = "\ue002"  # quote ended with a comma: the sentence goes on
CLOSE_STOP = "\ue003"  # quote ended with . ? or !
CLOSE_NONE = "\ue004"  # quote ended without punctuation (a phrase)
CLOSE_ASK = "\ue005"  # quote ended with ? or ! (a cue may follow: '“Why?” he asked.')
MASKS = BODY + OPEN + CLOSE_COMMA + CLOSE_STOP + CLOSE_NONE + CLOSE_ASK
MASK_CLASS = "\ue000-\ue005"

_VOWELS = set("aeiou")


def inflect(lemma: str) -> set[str]:
    """Regular -s, -ed and -ing forms of a verb."""
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
    return forms


def trie_regex(words) -> str:
    """A regex matching exactly ``words``, shaped as a trie (fast to scan)."""
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and not end:
            return branches[0]
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if end else body

    return build(trie)


def affiliation_words() -> dict[str, str]:
    """One-word affiliation patterns (``affiliations``), lower case -> affiliation:
    "chinese" -> "China"."""
    return {r["pattern"].lower(): r["affiliation"] for r in lexicon("affiliations")
            if r.get("pattern") and r.get("affiliation") and " " not in r["pattern"]}


def affiliation_key(word: str, aff: dict[str, str]) -> str | None:
    """The affiliation a capitalised word names ("Chinese" -> "China", "U.S" ->
    "United States"), if it names one (``aff``: :func:`affiliation_words`)."""
    w = word.lower()
    return aff.get(w) or aff.get(w + ".") or aff.get(w.replace(".", ""))


def role_synonyms() -> dict[str, str]:
    """Role word or phrase -> its head (``role_synonyms``): "sen." -> "senator",
    "head of state" -> "president"."""
    return {r["word"].lower(): r["head"].lower() for r in lexicon("role_synonyms") if r.get("word") and r.get("head")}


def owned_role(words: list[str], synonyms: dict[str, str]) -> tuple[str, list[str]] | None:
    """(head, the words after it) of a possessive role turned round, ``words`` from
    the role on: "wife of the President [of Ukraine]" -> ("lady", ["of", "Ukraine"]),
    where ``synonyms`` (``role_synonyms``) know "president's wife"; None otherwise (or
    when anything but "of" and a place follows)."""
    if len(words) < 4 or words[1] != "of" or words[2].lower() != "the":
        return None
    head = synonyms.get(f"{words[3].lower()}'s {words[0].lower()}")
    rest = words[4:]
    if head is None or rest and (rest[0] != "of" or len(rest) < 2):
        return None
    return head, rest


def role_phrases(synonyms: dict[str, str]) -> dict[int, dict[str, str]]:
    """The synonyms of several words ("head of state"), by their number of words."""
    out: dict[int, dict[str, str]] = {}
    for k, v in synonyms.items():
        if " " in k:
            out.setdefault(k.count(" ") + 1, {})[k] = v
    return out


def reporting_verbs() -> tuple[set[str], frozenset[str]]:
    """(every form of the ``reporting_verbs`` lexicon, the past forms among them:
    "said", "noted", "written", not the base, -s or -ing form)."""
    verbs: set[str] = set()
    past: set[str] = set()
    for line in lexicon("reporting_verbs"):
        parts = line.split()
        if not parts:
            continue
        lemma = parts[0].lower()
        forms = inflect(lemma) if len(parts) == 1 else {p.lower() for p in parts}
        verbs |= forms
        past |= {f for f in forms if f != lemma and not f.endswith(("s", "ing"))}
    return verbs, frozenset(past)


class Rules:
    """All compiled patterns and word sets, for one lexicon version."""

    def __init__(self) -> None:
        verbs, self.past_forms = reporting_verbs()
        self.verbs = verbs
        self.ing_forms = {v for v in verbs if v.endswith("ing")}
        phrases = {p.strip() for p in lexicon("reporting_phrases") if p.strip()}
        # when every verb and phrase starts with a word character, a match starts at a
        # word boundary: a leading \b then changes nothing but is a cheap first test at
        # each position (the look-behind alone costs a nested match there; ~12% faster)
        lead = r"\b" if all(w[:1].isalnum() or w[:1] == "_" for w in phrases | verbs) else ""
        self.VERB_RE = re.compile(rf"{lead}(?<![\w\-’'])(?:{trie_regex(phrases | verbs)})(?![\w\-])")
        # a reporting verb ending a clause right before a comma: 'Spicer said, adding'
        self.VERB_BEFORE_COMMA = re.compile(rf"{lead}(?<![\w\-’'])({trie_regex(verbs)})[ \xa0]*,")

        self.particles = {p.lower() for p in lexicon("name_particles")}
        role_words: set[str] = set()
        for t in list(lexicon("titles")) + list(lexicon("role_modifiers")):
            role_words |= set(t.lower().split())
        stop = {"of", "and", "the", "for", "a", "an", "at", "in", "on", "to", "&"}
        self.role_words = (role_words | {w.rstrip(".") for w in role_words}) - stop
        self.title_words = set()
        for t in lexicon("titles"):
            self.title_words |= set(t.lower().split())
        self.title_words = (self.title_words | {w.rstrip(".") for w in self.title_words}) - stop
        # what stands right before a name ("press secretary Jen Psaki"): the last word
        # of a title, or a whole title that has "of" ("secretary of state Antony
        # Blinken"), not any word of one ("state Medicaid")
        heads: set[str] = set()
        self.pre_name_titles: dict[str, tuple[str, ...]] = {}  # last word -> titles with "of"
        for t in lexicon("titles"):
            words = t.lower().split()
            if not words:
                continue
            if "of" in words:
                self.pre_name_titles[words[-1]] = (*self.pre_name_titles.get(words[-1], ()), " ".join(words))
            else:
                heads |= {words[-1], words[-1].rstrip(".")}
        self.pre_name_heads = frozenset(heads)
        # the last three letters of those words: a cheap first test (most lower-case
        # words before a capital are no title)
        self.pre_name_tails = frozenset(w[-3:] for w in heads | set(self.pre_name_titles))
        # people described by their role: "the senator", "the billionaire businessman"
        self.person_heads = frozenset(
            {t.lower().split()[-1].rstrip(".") for t in lexicon("titles") if t.strip()}
            - {"mr", "mrs", "ms", "dr", "miss", "sir", "lord", "lady", "member", "official", "officials",
               "executive", "partner", "chair", "head", "host", "spokespeople"}
        )
        # the nouns that head a role ("adviser" in "national security adviser")
        self.title_heads = frozenset(t.lower().split()[-1].rstrip(".") for t in lexicon("titles") if t.strip())
        # places, nationalities and parties ("North Korea", "GOP"): never a person
        self.place_names = frozenset(r["pattern"] for r in lexicon("affiliations") if r.get("pattern")) | frozenset(
            lexicon("places"))
        # "chinese" -> "China": one-word affiliation patterns, for comparing roles
        self.affiliation_words = affiliation_words()
        # what an appositive right after a name may call a person ("…, a Sanders supporter")
        self.appositive_heads = self.title_heads | {w.lower() for w in lexicon("person_nouns")}
        # the words of a role that a name may modify ("Clinton campaign manager …")
        self.role_or_person = frozenset(self.role_words | self.appositive_heads)
        self.not_names = set(lexicon("not_names"))
        # ... some of which are surnames after a first name ("Theresa May")
        homographs = lexicon("surname_homographs") or {}
        self.surname_homographs = frozenset(str(w) for w in homographs.get("words") or [])
        self.homograph_not_after = frozenset(str(w).lower() for w in homographs.get("not_after") or [])
        self.homograph_not_before = frozenset(str(w).lower() for w in homographs.get("not_before") or [])
        self.title_surnames = frozenset(str(w) for w in homographs.get("after_honorific") or [])
        # a number written with a hyphen is no name either ("Twenty-five years ago, …"):
        # the tens and units of the list, joined
        tens = [w for w in ("Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety")
                if w in self.not_names]
        units = [w.lower() for w in ("One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine")
                 if w in self.not_names]
        self.not_names |= {f"{t}-{u}" for t in tens for u in units}
        self.speech_nouns = frozenset(w.lower() for w in lexicon("speech_nouns"))
        self.indefinite = frozenset(w.lower() for w in lexicon("indefinite_determiners"))
        # "sen." -> "senator": a description's head matched with a title
        self.role_synonyms = role_synonyms()
        self.synonym_heads = frozenset(self.role_synonyms.values())  # what they map to
        # roles of several words ("head of state"), by their number of words
        self.role_phrases = role_phrases(self.role_synonyms)
        self.abbrevs = frozenset(lexicon("abbreviations"))
        self.time_words = frozenset(
            ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Today", "Tonight", "Yesterday"]
        )
        self.group_nouns = frozenset(w.lower() for w in lexicon("group_nouns"))
        # an unnamed man or woman as a clause subject: "my dad used to say", "a guy said"
        kin = lexicon("kin_nouns") or {}
        self.kin_gender = {str(w).lower(): g for g in ("male", "female") for w in kin.get(g) or []}
        # one who speaks for another ("the spokesman"): not the person last named
        self.agent_nouns = frozenset(str(w).lower() for w in lexicon("agent_nouns"))
        kin_re = trie_regex(sorted(self.kin_gender))
        self.KIN_WORD = re.compile(rf"(?:{kin_re})(?![\w’'])")
        self.KIN_SUBJECT = re.compile(
            r"(?:^[ \xa0]*|(?:[.!?,;:—(]|\b(?:and|but|so|then|And|But|So|Then))"
            r"[ \xa0]+)(?P<m>(?:[Mm]y|[Oo]ur|[Yy]our|[Aa]|[Tt]he)[ \xa0]+(?:[a-z]+[ \xa0]+)?"
            rf"(?P<noun>{kin_re}))(?![\w’'])(?=,|[ \xa0]+[a-z])", re.M)
        # an unnamed person brought in as a clause subject by "a"/"one of the" and a
        # person noun of either sex ("one of the conductors walked up", "a reporter
        # asked"): a he or she after it is that person too (not after a comma or dash:
        # "Smith, an analyst, said", "she — a teacher — got" are Smith and she)
        new_heads = trie_regex(sorted(self.appositive_heads - set(self.kin_gender)))
        self.NEW_PERSON_SUBJECT = re.compile(
            r"(?:^[ \xa0]*|(?:[.!?;:]|\b(?:and|but|so|then|And|But|So|Then))[ \xa0]+)"
            r"(?P<m>(?:[Aa]n?|[Oo]ne[ \xa0]+of[ \xa0]+(?:the|my|our|his|her|their|these|those))[ \xa0]+"
            rf"(?:[a-z\-]+[ \xa0]+){{0,2}}?(?P<noun>{new_heads})s?)(?![\w’'])(?=,|[ \xa0]+(?:[a-z]|I[ \xa0’']))",
            re.M)
        # "Will he?": a first name that is a question's verb when a subject follows it
        modal = lexicon("modal_names") or {}
        self.modal_names = frozenset(str(w) for w in modal.get("names") or [])
        self.MODAL_SUBJECT = re.compile(
            rf"[ \xa0]+(?i:{trie_regex(sorted({str(w).lower() for w in modal.get('subjects') or []}))})\b")
        self.speaker_nouns = {w.lower() for w in lexicon("speaker_nouns")} | self.title_words | self.group_nouns
        self.title_case_breaks = frozenset(w.lower() for w in lexicon("title_case_breaks"))
        # (by their number of words: the words before a surname are looked up as one)
        offices = {" ".join(str(w).lower().split()) for w in lexicon("office_titles")}
        self.office_titles: dict[int, frozenset[str]] = {
            n: frozenset(o for o in offices if o.count(" ") + 1 == n) for n in {o.count(" ") + 1 for o in offices}}
        self.adverbs = {w.lower() for w in lexicon("cue_adverbs")}

        cap = (
            r"(?:[A-Z](?:\.[A-Z])*\.(?![\w])|[A-Z][a-z]{1,3}\.(?=[ \xa0]+[A-Z])"
            r"|[A-ZÀ-ÖØ-Þ](?:[\w\-]|['’](?!s\b)\w)*)"
        )
        self.CAP = cap
        part = trie_regex(self.particles)
        # a run of capitalised words (particles and suffixes allowed inside)
        self.CAPSEQ = re.compile(
            rf"(?<![\w’'\-.]){cap}(?:[ \xa0]{{1,2}}(?:(?:{part}|of)[ \xa0]+)*{cap})*"
            r"(?:,?[ \xa0](?:Jr\.|Sr\.|II|III|IV)(?!\w))?"
        )
        self.CAP_TOKEN = re.compile(cap)
        # the same runs, loosely (fast to scan; cut into names by mediakit.quotes)
        tok = (r"[A-ZÀ-ÖØ-Þ](?:[a-z]{0,3}\.(?=[ \xa0][A-ZÀ-ÖØ-Þ])|(?:\.[A-Z])+\.?"
               r"|[\w\-]*(?:['’](?!s\b)\w+)*)")
        # (a name is never split by a run of spaces: "Q    Thanks, Jen." is a transcript's
        # question label, then the question)
        self.CAPSEQ_FAST = re.compile(rf"{tok}(?:[ \xa0]{{1,2}}(?:(?:{part}|of)[ \xa0]+)*{tok})*")
        sp = r"[ \xa0]+"
        self.POST_DASH = re.compile(rf"[ \xa0,]*(?:[—–]|--?)[ \xa0]*(?={cap})")
        # the owner of what was said, right before a colon: 'From Bush’s Facebook post:',
        # 'Clinton’s response was:'
        self.OWNER_BEFORE_COLON = re.compile(
            rf"((?:{cap}[ \xa0]+)*{cap})[’']s[ \xa0]+(?:[\w\-]+[ \xa0]+){{0,2}}"
            rf"(?:{trie_regex(self.speech_nouns)})(?:[ \xa0]+(?:was|is|read|reads))?[ \xa0]*$")
        # a line of its own under the quote's paragraph: '“…” ¶ — Bernie Sanders.'
        self.DASH_LINE = re.compile(rf"[ \xa0]*\n[\n \xa0]*(?:[—–]|--?)[ \xa0]*(?={cap})")
        # "\b[Aa]ccording": the word-boundary test after the first letter, so that the
        # scan only tries a match at an "A"/"a" (a leading \b made it try everywhere: 3x slower)
        self.ACCORDING = re.compile(rf"[Aa](?<!\w.)ccording{sp}to{sp}")
        # (also "is quoted in the New York Times saying", "was quoted by Reuters as saying")
        self.QUOTED_AS = re.compile(rf"{sp}(?:was|were|is|are|has been|had been){sp}quoted{sp}"
                                    rf"(?:(?:in|by){sp}(?:[\w.’'&\-]+{sp}){{1,6}}?)?(?:as{sp})?$")
        self.HE_SHE_AFTER = re.compile(
            rf"(?:[ \xa0]*\([^()\n]{{1,40}}\))?(?:,[^,\n]{{1,140}},)?{sp}(?:[a-z]+{sp}){{0,2}}?(?:{trie_regex(verbs)}){sp}(?:that{sp})?(?P<p>he|she)(?!\w)"
        )
        self.org_words = frozenset(lexicon("org_words"))
        # a name right before a reporting verb, or with an age: a person
        # (or a described name: "Irena Kovac, the baker on the main square, said")
        self.PERSON_AFTER = re.compile(
            rf"(?:,[ \xa0]*\d{{1,3}},|(?:[ \xa0]*\([^()\n]{{1,40}}\)|,[ \xa0]+(?:the|a|an)[ \xa0]+[^,\n“”\"]{{1,80}},)?"
            rf"[ \xa0]+(?:[a-z]+ly[ \xa0]+)?(?:{trie_regex(verbs | phrases)})(?![\w\-]))"
        )
        # words of the writer's sentence, for walking around a cue
        self.TOKEN = re.compile(rf"[^\s,;:!?()\[\]\"“”{MASK_CLASS}—–]+|[,;:!?()\[\]\"“”{MASK_CLASS}—–]")


@functools.cache
def _rules(version: int) -> Rules:
    return Rules()


def rules() -> Rules:
    return _rules(lexicon_version())
