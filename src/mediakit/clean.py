"""CLEAN stage: one scraped article's plain text -> its body and what surrounds it.

``clean_article(raw_text)`` takes text as a scraper saved it (site chrome, photo
captions and credits inline, a contributors line, a rating widget...) and returns an
:class:`Article`: the clean body plus title, dateline, wire, byline, captions, photo
credits, contributors and an inferred date.

Every rule is data, not code: the patterns live in ``mediakit/data/`` and are read
through :func:`mediakit.lexicons.lexicon`, so a user adds a site's chrome line or a
new agency with ``mediakit.extend_lexicon("chrome_patterns", {"line": ["..."]})``
or a file in ``$MEDIAKIT_LEXICONS``:

* ``chrome_patterns.yaml``: lines removed (``line``), lines removed with the linked
  title after them (``line_and_next``), footers (``footer_start``), menu labels
  (``sections``) and tag lines in the header;
* ``article_patterns.yaml``: caption credits, caption openers ("FILE –"),
  contributors, bylines, datelines, wire cues, photo agencies;
* ``wire_services.yaml``: agencies and their aliases.

How the parts are found, in order:

1. Text is normalised (line ends, non-breaking and zero-width spaces) and split into
   paragraphs at blank lines.
2. Chrome lines go (kept in ``Article.chrome``). "Header" is everything before the
   first paragraph of prose; only there are menu lines ("Top StoryWorld") and
   lower-case tag lines ("ukraine talks") taken for chrome.
3. Captions are paragraphs ending in a photo credit ("(AP Photo/Name)",
   "(Name/Pool via AP)", "(Photo by Name/Getty Images)", "REUTERS/Name") or opening
   with "FILE –"; each credit is parsed into ``{"name", "agency"}``.
4. The contributors line ("X and Y in Washington contributed.", "... contributed to
   this report", "Reporting by X; Editing by Y") becomes ``contributors``.
5. A dateline ("MOSCOW (AP) —", "WASHINGTON, Jan 11 (Reuters) -", "Kyiv (AFP) -")
   starts the body: the paragraphs before it are the page's title (the first
   headline-like one) and ``standfirst`` (an aggregator's intro, a second headline).
   Without a dateline the first headline-like paragraph is the title. The dateline
   text itself is removed from the body (it is in ``dateline`` and ``wire``).
6. Wire: the dateline's agency, else a cue in the text ("The Associated Press has
   the story", "— Reuters", "Copyright ... AP"), else a byline naming an agency,
   else a photo credit "via AP".
7. Date: given by the caller (``date_source="metadata"``), else inferred from the
   text (``_dates.infer_date``: the latest full date in the captions, or else the
   text, moved to the weekday the lead names; ``date_source="text"``).
"""
from __future__ import annotations

import functools
import html
import re
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from mediakit import _dates
from mediakit._text import count_words
from mediakit.lexicons import lexicon, lexicon_version

__all__ = [
    "Article", "clean_article", "normalize_text", "unescape_markdown", "markdown_to_text",
    "parse_credit", "detect_dateline",
]


@dataclass
class Article:
    """One cleaned article. ``text`` is the body; everything else was split out of it."""

    text: str
    title: str | None = None
    date: pd.Timestamp | None = None
    date_source: str | None = None
    wire: str | None = None
    dateline: str | None = None
    byline: str | None = None
    contributors: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    photo_credits: list[dict[str, str | None]] = field(default_factory=list)
    chrome: list[str] = field(default_factory=list)
    standfirst: str | None = None

    @property
    def n_words(self) -> int:
        return count_words(self.text)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def _repr_html_(self) -> str:
        e = html.escape
        meta = [
            ("date", None if self.date is None else f"{self.date:%Y-%m-%d} ({self.date_source})"),
            ("wire", self.wire),
            ("dateline", self.dateline),
            ("byline", self.byline),
            ("contributors", ", ".join(self.contributors) or None),
            ("words", str(self.n_words)),
        ]
        rows = "".join(
            f"<tr><th style='text-align:left'>{e(k)}</th><td>{e(v)}</td></tr>"
            for k, v in meta
            if v
        )
        paras = "".join(f"<p>{e(p)}</p>" for p in self.text.split("\n\n") if p.strip())
        caps = "".join(
            f"<li>{e(c)}</li>" for c in self.captions
        )
        credits = ", ".join(
            e(" / ".join(x for x in (c.get("name"), c.get("agency")) if x)) for c in self.photo_credits
        )
        out = [f"<div class='mediakit-article'><h3>{e(self.title or '(no title)')}</h3>"]
        if self.standfirst:
            out.append(f"<p><em>{e(self.standfirst)}</em></p>")
        out.append(f"<table>{rows}</table>")
        out.append(paras)
        if caps:
            out.append(f"<details><summary>{len(self.captions)} caption(s); credits: {credits}</summary><ul>{caps}</ul></details>")
        if self.chrome:
            out.append(
                f"<details><summary>{len(self.chrome)} chrome line(s) removed</summary><ul>"
                + "".join(f"<li>{e(c)}</li>" for c in self.chrome)
                + "</ul></details>"
            )
        out.append("</div>")
        return "".join(out)


# --- text normalisation shared with the loader ------------------------------------

_ODD_SPACES = ("\u00a0", "\u202f", "\u2007", "\u2009", "\u3000")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_MANY_BLANKS = re.compile(r"\n{3,}")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>\"'$&%=:;,/?@^])")


def normalize_text(text: str | None) -> str:
    """Line ends to ``\\n``, non-breaking/odd spaces to spaces, invisible characters
    removed, trailing spaces stripped, runs of blank lines to one."""
    if not text:
        return ""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for ch in _ODD_SPACES:
        if ch in text:
            text = text.replace(ch, " ")
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    if " \n" in text or "\t\n" in text:
        text = "\n".join([line.rstrip(" \t") for line in text.split("\n")])
    if "\n\n\n" in text:
        text = _MANY_BLANKS.sub("\n\n", text)
    return text.strip()


def unescape_markdown(text: str | None) -> str:
    """Undo Markdown backslash escapes (``\\-`` -> ``-``, ``\\[`` -> ``[``)."""
    if not text:
        return text or ""
    return _MD_ESCAPE.sub(r"\1", text)


# (cheap test, pattern, replacement): a rule runs only where its character occurs
_MD_RULES = [
    ("![", re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images -> alt text
    ("](", re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)"), r"\1"),  # links
    ("#", re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M), ""),  # headings
    (">", re.compile(r"^[ \t]{0,3}>[ \t]?", re.M), ""),  # block quotes
    (("---", "***", "___", "- -", "* *", "_ _"), re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.M), ""),  # rules
    ("**", re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S), r"\1"),  # strong
    ("__", re.compile(r"__(?=\S)(.+?)(?<=\S)__", re.S), r"\1"),  # strong
    ("*", re.compile(r"\*(?<![\w*\\]\*)(?=[^\s*])((?:[^*\n]|\n(?!\n))+?)(?<=\S)\*(?![\w*])"), r"\1"),  # *x*
    ("_", re.compile(r"_(?<![\w\\]_)(?=[^\s_])((?:[^_\n]|\n(?!\n))+?)(?<=\S)_(?!\w)"), r"\1"),  # _x_
    ("`", re.compile(r"`([^`\n]+)`"), r"\1"),  # inline code
]


_BLOCK_START = re.compile(r"[ \t]*(?:(?:[-*+•]|\d{1,3}[.)])[ \t]|[#>|]|(?:[-*_][ \t]*){3,}$)")


def _join_soft_breaks(text: str) -> str:
    """Markdown line breaks: a hard break (two spaces or a backslash at the end of a
    line) stays a line break; a soft one (a line wrapped inside a paragraph) becomes
    a space. Lines that start a list item, heading, quote or table stay apart."""
    lines = text.split("\n")
    out: list[str] = []
    prev_open = False  # the previous line may be continued by this one
    for line in lines:
        s = line.rstrip(" \t")
        if not s:
            out.append("\n")
            prev_open = False
            continue
        if prev_open and not _BLOCK_START.match(s):
            out.append(" ")
        elif out:
            out.append("\n")
        hard = len(line) - len(s) >= 2 or s.endswith("\\")
        if s.endswith("\\"):
            s = s[:-1]
        out.append(s.strip() if prev_open else s)
        prev_open = not hard and not s.lstrip().startswith("#")
    return "".join(out)


def markdown_to_text(text: str | None) -> str:
    """Markdown to plain text: emphasis, links, headings and escapes removed; line
    breaks and paragraphs kept; non-breaking spaces normalised."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n")
    # line breaks: a hard break (two spaces or a backslash at the end of a line) stays
    # a line break; a soft one (a line wrapped inside a paragraph) becomes a space
    text = _join_soft_breaks(text)
    for probe, rx, repl in _MD_RULES:
        if probe in text if isinstance(probe, str) else any(p in text for p in probe):
            text = rx.sub(repl, text)
    return normalize_text(unescape_markdown(text))


# --- rules, compiled once per lexicon version ------------------------------------


def _alternation(words: list[str]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) + ")"


@dataclass
class _Rules:
    chrome_line: re.Pattern
    chrome_next: re.Pattern | None
    footer: re.Pattern | None
    nav: re.Pattern
    tag_max: int
    caption_end: list[tuple[re.Pattern, tuple[str, ...]]]
    caption_start: list[re.Pattern]
    credit_marker: re.Pattern
    credit_noise: re.Pattern
    agencies: dict[str, str]  # lower-case alias -> name as printed
    agency_suffix: re.Pattern
    wire_alias: dict[str, str]  # alias -> canonical
    wire_any: re.Pattern
    contributors: list[re.Pattern]
    contributors_needs: tuple[str, ...]
    contributor_roles: re.Pattern
    contributor_seps: re.Pattern
    contributor_steps: re.Pattern
    byline: list[re.Pattern]
    dateline: list[re.Pattern]
    wire_cues: list[tuple[re.Pattern, tuple[str, ...]]]
    wire_cues_weak: list[re.Pattern]


def _with_needs(entry: Any, sub: Any, flags: int = 0) -> tuple[re.Pattern, tuple[str, ...]]:
    """A table entry, a pattern or {pattern, needs}, compiled with its prefilter."""
    if isinstance(entry, dict):
        return re.compile(sub(entry["pattern"]), flags), tuple(w.lower() for w in entry.get("needs", []))
    return re.compile(sub(entry), flags), ()


def _full(patterns: list[str]) -> re.Pattern:
    return re.compile("(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\Z", re.I)


@functools.cache
def _compile(version: int) -> _Rules:
    chrome = lexicon("chrome_patterns")
    art = lexicon("article_patterns")
    wires: dict[str, list[str]] = lexicon("wire_services")
    wire_alias = {a: canon for canon, aliases in wires.items() for a in [canon, *aliases]}
    wire_rx = _alternation(list(wire_alias))

    def sub(p: str) -> str:
        return p.replace("{WIRE}", wire_rx).replace("{MONTH}", _dates.MONTH_RE)

    sections = chrome.get("sections", [])
    nav = re.compile(
        r"(?:(?:" + "|".join(sections) + r")(?:\s*[|/›»>·•,:\-–]\s*|\s+|(?=[A-Z])|\Z))+\Z", re.I
    ) if sections else re.compile(r"(?!x)x")
    # nav labels may be glued ("Top StoryWorld"): case-insensitive match of the label
    # itself, glue allowed only where an upper-case letter follows
    nav = re.compile(
        r"(?:(?i:" + "|".join(sections) + r")(?:\s*[|/›»>·•,:\-–]\s*|\s+|(?=[A-Z])|\Z))+\Z"
    ) if sections else nav
    agencies = {a.lower(): a for a in art.get("photo_agencies", [])}
    for a, canon in wire_alias.items():
        agencies.setdefault(a.lower(), canon)
    return _Rules(
        chrome_line=_full(chrome.get("line", [])),
        chrome_next=_full(chrome["line_and_next"]) if chrome.get("line_and_next") else None,
        footer=_full(chrome["footer_start"]) if chrome.get("footer_start") else None,
        nav=nav,
        tag_max=int(chrome.get("tag_line_max_words", 6)),
        caption_end=[_with_needs(e, sub) for e in art.get("caption_credit_end", [])],
        caption_start=[re.compile(sub(p)) for p in art.get("caption_start", [])],
        credit_marker=re.compile("|".join(f"(?:{sub(p)})" for p in art.get("credit_markers", ["/"]))),
        credit_noise=re.compile(
            r"^(?:" + _alternation(art.get("credit_noise", [])) + r")(?:\s*[:|]\s*|\s+|\Z)|\s+(?:Photos?|Photograph)\Z"
        ),
        agencies=agencies,
        agency_suffix=re.compile(r"\b" + _alternation(art.get("agency_suffixes", [])) + r"\Z"),
        wire_alias=wire_alias,
        wire_any=re.compile(r"(?<![\w-])" + wire_rx + r"(?![\w-])"),
        contributors=[re.compile(sub(p), re.S) for p in art.get("contributors", [])],
        contributors_needs=tuple(w.lower() for w in art.get("contributors_needs", [])),
        contributor_roles=re.compile(art.get("contributor_roles", r"(?!x)x")),
        contributor_seps=re.compile(art.get("contributor_separators", r"\s*[;,]\s*|\s+and\s+")),
        contributor_steps=re.compile(art.get("contributor_steps", r"(?!x)x")),
        byline=[re.compile(sub(p)) for p in art.get("byline", [])],
        dateline=[re.compile(sub(p)) for p in art.get("dateline", [])],
        wire_cues=[_with_needs(e, sub, re.M) for e in art.get("wire_cues", [])],
        wire_cues_weak=[re.compile(sub(p), re.M) for p in art.get("wire_cues_weak", [])],
    )


def _rules() -> _Rules:
    return _compile(lexicon_version())


# --- pieces ------------------------------------------------------------------------

_DATE_LINE_HINT = re.compile(r"(?:\b" + _dates.MONTH_RE + r"\b.*\d{4}|\b\d{4}-\d{2}-\d{2}\b)", re.I)
_SENTENCE_END = re.compile(r"[.!?:;\"”’)\]…]\s*$")
_PLACE = r"[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*)*(?:,\s*[A-Z][\w.'’\-]*(?![\w.'’\-]*\s+[A-Z]))?"
_IN_PLACE = re.compile(r"\s+(?:in|from|at)\s+" + _PLACE)
_PARTICLES = {"de", "da", "del", "della", "der", "den", "van", "von", "la", "le", "al", "el", "bin", "ibn", "di", "du", "dos", "das", "ter", "y", "st.", "mc"}
_NAME_TOKEN = re.compile(r"[A-ZÀ-ÖØ-Þ][\w.'’\-]*\Z")


def _looks_like_name(s: str) -> bool:
    toks = s.split()
    if not 2 <= len(toks) <= 5 or any(ch.isdigit() for ch in s):
        return False
    if not (_NAME_TOKEN.match(toks[0]) and _NAME_TOKEN.match(toks[-1])):
        return False
    if any(t.endswith(("'s", "’s")) for t in toks):
        return False
    return all(_NAME_TOKEN.match(t) or t.lower() in _PARTICLES for t in toks)


def _tidy_name(s: str) -> str:
    s = " ".join(s.split()).strip(" .,;:")
    if s.isupper() and len(s) > 3:  # SERGEI SUPINSKY -> Sergei Supinsky
        s = s.title()
    return s


@functools.lru_cache(maxsize=4096)
def _words(s: str) -> int:
    """Rough word count (whitespace tokens) used by the layout rules; cached because
    each paragraph is measured by several rules."""
    return s.count(" ") + s.count("\n") + 1 if s else 0


def _is_prose(block: str) -> bool:
    n = _words(block)
    return n >= 30 or (n >= 12 and bool(_SENTENCE_END.search(block)))


def _is_headline(block: str) -> bool:
    if "\n" in block:
        return False
    n = _words(block)
    return 2 <= n <= 25 and not re.search(r"[.;,:]\s*$", block)


def _agency_name(part: str, r: _Rules) -> str | None:
    """The agency ``part`` names (as printed, wires canonical), or None if it is not one."""
    key = part.lower()
    if key in r.agencies:
        return r.agencies[key]
    if part in r.wire_alias:
        return r.wire_alias[part]
    if r.agency_suffix.search(part) or re.search(r"(?i)\bpool\b", part):
        return part
    return None


def parse_credit(credit: str) -> list[dict[str, str | None]]:
    """Photo credit -> ``[{"name": photographer or None, "agency": agency or None}]``.

    The agency is the credited organisations as printed, in order, without the words
    "Photo" and "File": ``"AP Photo/Alexander Zemlianichenko, Pool, File"`` gives
    ``{"name": "Alexander Zemlianichenko", "agency": "AP, Pool"}``;
    ``"Denis Balibouse/Pool via AP"`` gives ``"Pool via AP"``;
    ``"Photo by Chip Somodevilla/Getty Images"`` gives ``"Getty Images"``;
    ``"REUTERS/Gleb Garanich"`` gives ``"Reuters"``.
    """
    r = _rules()
    text = " ".join(credit.split())
    for _ in range(3):
        new = r.credit_noise.sub("", text).strip(" :|,")
        if new == text:
            break
        text = new
    via = None
    m = re.search(r"\s+via\s+(.+)$", text)
    if m:
        via_raw = r.credit_noise.sub("", m.group(1)).strip()
        via = _agency_name(via_raw, r) or via_raw
        text = text[: m.start()]
    names: list[str] = []
    agencies: list[str] = []
    for part in re.split(r"\s*[/,;]\s*|\s+for\s+", text):
        part = part.strip()
        part = re.sub(r"\s+(?:Photos?|Photograph|Photo by)\Z", "", part).strip()
        if not part or r.credit_noise.fullmatch(part) or part.lower() in {"file", "photo", "files"}:
            continue
        part = re.sub(r"^(?:Photo|Photograph|Picture|Image)\s+by\s+", "", part, flags=re.I)
        agency = _agency_name(part, r)
        if agency:
            if agency not in agencies:
                agencies.append(agency)
        elif _looks_like_name(part) or (part.isupper() and _looks_like_name(part.title())):
            names.append(_tidy_name(part))
        elif part[:1].isupper():
            agencies.append(part)
    agency = ", ".join(agencies) or None
    if via:
        agency = f"{agency} via {via}" if agency else via
    if not names and not agency:
        return []
    return [{"name": n, "agency": agency} for n in names] or [{"name": None, "agency": agency}]


_CREDIT_TAIL = 300
_CREDIT_LABEL = re.compile(r"^(?:photo|photograph|image|picture|credit|photo credit|photo by|source)\s*[:|]\s*", re.I)
_NOT_CREDIT = re.compile(r"[:!?;\"“”]|\b(?:that|this|the|was|is|are|of|comes?|from|when|which)\b")


def _caption(block: str, r: _Rules) -> list[dict[str, str | None]] | None:
    """Credits of a caption paragraph ([] when it is a caption without credit),
    or None when the paragraph is not a caption."""
    if _words(block) > 120:
        return None
    tail = block[-_CREDIT_TAIL:]  # credits end the paragraph: search its tail only
    low = tail.lower()
    for rx, needs in r.caption_end:
        if needs and not any(w in low for w in needs):
            continue
        m = rx.search(tail)
        if not m:
            continue
        credit = m.group("credit")
        core = _CREDIT_LABEL.sub("", credit.strip())
        if len(core.split()) > 12 or _NOT_CREDIT.search(core):
            continue  # a credit is a few names, not a sentence: "(WARNING: Video ...)"
        parsed = parse_credit(credit)
        if not parsed:
            continue
        has_marker = bool(r.credit_marker.search(credit))
        named = any(c["name"] for c in parsed) and any(c["agency"] for c in parsed)
        if has_marker or named:
            return parsed
    if any(rx.match(block) for rx in r.caption_start):
        return []
    return None


def _contributors(block: str, r: _Rules) -> list[str] | None:
    if _words(block) > 60:
        return None
    names: list[str] = []
    matched = False
    if r.contributors_needs:
        low = block.lower()
        if not any(w in low for w in r.contributors_needs):
            return None
    for line in block.split("\n"):
        flat = " ".join(line.split())
        for rx in r.contributors:
            m = rx.search(flat)
            if not m:
                continue
            matched = True
            s = m.group("names")
            s = r.contributor_roles.sub(" ", s)
            s = _IN_PLACE.sub(" ", s)
            s = r.contributor_steps.sub(";", s)
            for part in r.contributor_seps.split(s):
                part = _tidy_name(part)
                if _looks_like_name(part) and part not in names:
                    names.append(part)
            break
        else:
            return None  # a line of the paragraph is not a contributors line
    return names if matched and names else None


_BARE_BYLINE = re.compile(r"^(?P<names>[^\n]+?)(?:\s+in\s+(?P<place>[A-Z][\w .,'’\-]{1,40}))?$")


@functools.cache
def _first_names(version: int) -> frozenset[str]:
    try:
        rows = lexicon("first_names_gender")
    except KeyError:
        return frozenset()
    return frozenset(str(row.get("name", "")).strip() for row in rows if isinstance(row, dict))


def _bare_byline(block: str) -> str | None:
    """ "Dan Sabbagh in Kyiv" or "Jane Roe and John Doe": a byline without "By",
    taken when the names look like people's (a known first name, or "in Place")."""
    if "\n" in block or _words(block) > 10:
        return None
    m = _BARE_BYLINE.match(block.strip())
    if not m:
        return None
    names = [n for n in re.split(r"\s*(?:,|\band\b|&)\s*", m.group("names")) if n]
    if not names or not all(_looks_like_name(n) for n in names):
        return None
    firsts = _first_names(lexicon_version())
    if m.group("place") or all(n.split()[0] in firsts for n in names):
        return " ".join(block.split())
    return None


def _wire_of(s: str | None, r: _Rules) -> str | None:
    if not s:
        return None
    s = s.strip()
    if s in r.wire_alias:
        return r.wire_alias[s]
    m = r.wire_any.search(s)
    return r.wire_alias.get(m.group(0)) if m else None


# --- the cleaner ---------------------------------------------------------------------


def clean_article(
    raw_text: str,
    *,
    title: str | None = None,
    date: object = None,
    infer_date: bool = True,
    strip_dateline: bool = True,
) -> Article:
    """Split scraped article text into its clean body and the parts around it.

    Args:
        raw_text: the text as scraped, paragraphs separated by blank lines.
        title: a title known from metadata; the text's own headline is then not
            taken for it (but is still kept out of the body).
        date: a date known from metadata (any form ``_dates.parse_date`` reads);
            used instead of inferring one from the text.
        infer_date: infer a date from the text where none is given.
        strip_dateline: remove "MOSCOW (AP) —" from the start of the body.

    Returns:
        An :class:`Article`; the module docstring gives the rules.
    """
    r = _rules()
    text = normalize_text(raw_text)
    lines = text.split("\n")

    # 1. paragraphs as lists of line numbers
    blocks: list[list[int]] = []
    cur: list[int] = []
    for i, line in enumerate(lines):
        if line.strip():
            cur.append(i)
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)

    # 2. chrome lines
    drop = [False] * len(lines)
    nonempty = [i for i, line in enumerate(lines) if line.strip()]
    if r.footer is not None and nonempty:
        cut_from = nonempty[(2 * len(nonempty)) // 3] if len(nonempty) >= 3 else nonempty[-1] + 1
        for i in nonempty:
            if i >= cut_from and r.footer.match(lines[i].strip()):
                for j in range(i, len(lines)):
                    drop[j] = True
                break
    for k, i in enumerate(nonempty):
        s = lines[i].strip()
        if r.chrome_line.match(s):
            drop[i] = True
        if r.chrome_next is not None and r.chrome_next.match(s):
            drop[i] = True
            if k + 1 < len(nonempty):
                nxt = nonempty[k + 1]
                ns = lines[nxt].strip()
                if _words(ns) <= 25 and not (r.chrome_next.match(ns)):
                    drop[nxt] = True
    # header: menus, tag lines and the page's date line before the first prose
    page_date = None
    for b in blocks:
        kept = [i for i in b if not drop[i]]
        if kept and _is_prose(" ".join(lines[i] for i in kept)):
            break
        nav_lines = 0
        for i in kept:
            s = lines[i].strip()
            if r.nav.match(s):
                drop[i] = True
                nav_lines += 1
            elif (
                _words(s) <= r.tag_max
                and s == s.lower()
                and re.search(r"[a-z]", s)
                and not re.search(r"[.!?:;\"“”]", s)
            ):
                drop[i] = True
            elif _words(s) <= 12 and _DATE_LINE_HINT.search(s):
                ts, _why = _dates.parse_date(s)
                if not pd.isna(ts):
                    drop[i] = True
                    page_date = page_date if page_date is not None else ts
        if nav_lines >= 2:  # a menu block: its other short labels are menu items too
            for i in kept:
                s = lines[i].strip()
                if not drop[i] and _words(s) <= 3 and not re.search(r"[.!?:;,\"“”]", s):
                    drop[i] = True
    chrome = [lines[i].strip() for i in range(len(lines)) if drop[i] and lines[i].strip()]
    paras = ["\n".join(lines[i] for i in b if not drop[i]).strip() for b in blocks]
    paras = [p for p in paras if p]

    # 3-4. captions, contributors, byline
    captions: list[str] = []
    credits: list[dict[str, str | None]] = []
    contributors: list[str] = []
    byline: str | None = None
    body: list[str] = []
    for k, p in enumerate(paras):
        cap = _caption(p, r)
        if cap is not None:
            captions.append(" ".join(p.split()))
            credits.extend(cap)
            continue
        if "\n" in p:  # caption lines inside a block ("Image source, ...\nImage caption, ...")
            rest = []
            for line in p.split("\n"):
                cap = _caption(line, r) if _words(line) <= 40 else None
                if cap is None:
                    rest.append(line)
                else:
                    captions.append(" ".join(line.split()))
                    credits.extend(cap)
            if not rest:
                continue
            p = "\n".join(rest)
        names = _contributors(p, r)
        if names is not None:
            contributors.extend(n for n in names if n not in contributors)
            continue
        if byline is None and k < 6 and _words(p) <= 15:
            for rx in r.byline:
                m = rx.match(p)
                if m:
                    byline = " ".join(m.group("byline").split())
                    break
            if byline is not None:
                continue
        body.append(p)

    # 5. dateline, title, standfirst
    dateline = wire = None
    start = None
    for k, p in enumerate(body[:8]):
        for rx in r.dateline:
            m = rx.match(p)
            if m and _words(p) >= 8:
                start, dm = k, m
                break
        if start is not None:
            break
    standfirst: list[str] = []
    page_title = None
    if start is not None:
        place = dm.groupdict().get("place")
        dateline = " ".join(place.split()).rstrip(",") if place else None
        wire = _wire_of(dm.groupdict().get("wire"), r)
        header, body = body[:start], body[start:]
        if strip_dateline:
            body[0] = body[0][dm.end():].lstrip()
        for p in header:
            if page_title is None and _is_headline(p):
                page_title = p
            else:
                standfirst.append(p)
    elif body and _is_headline(body[0]) and len(body) > 1:
        page_title = body.pop(0)
        while body and len(body) > 1 and _is_headline(body[0]) and not _is_prose(body[0]):
            standfirst.append(body.pop(0))
    if title is not None and page_title is not None and page_title != title:
        standfirst.insert(0, page_title)
    if byline is None:  # a byline without "By" between headline and story
        for k, p in enumerate(standfirst):
            found = _bare_byline(p)
            if found:
                byline = found
                del standfirst[k]
                break

    # 6. wire
    if wire is None:
        low = text.lower()
        for rx, needs in r.wire_cues:
            if needs and not any(w in low for w in needs):
                continue
            m = rx.search(text)
            if m:
                wire = r.wire_alias.get(m.group("wire"))
                break
    if wire is None and byline:
        wire = _wire_of(byline, r)
    if wire is None:
        cap_text = "\n".join(captions)
        for rx in r.wire_cues_weak:
            m = rx.search(cap_text)
            if m:
                wire = r.wire_alias.get(m.group("wire"))
                break

    body_text = "\n\n".join(body)
    # 7. date
    when, source = None, None
    if date is not None:
        ts, _ = _dates.parse_date(date)
        if not pd.isna(ts):
            when, source = ts, "metadata"
    if when is None and page_date is not None:
        when, source = page_date, "text"
    if when is None and infer_date:
        ts, _ev = _dates.infer_date(body_text, captions=captions, lead=body[0] if body else None)
        if ts is not None:
            when, source = ts, "text"

    return Article(
        text=body_text,
        title=title if title is not None else page_title,
        date=when,
        date_source=source,
        wire=wire,
        dateline=dateline,
        byline=byline,
        contributors=contributors,
        captions=captions,
        photo_credits=credits,
        chrome=chrome,
        standfirst="\n\n".join(standfirst) or None,
    )


def detect_dateline(texts: pd.Series) -> pd.DataFrame:
    """Dateline and wire at the start of each text of a column, texts unchanged.

    The loader uses this for formats other than ``.txt`` (whose text is already a
    body), so a CSV of wire stories gets ``dateline="MOSCOW"``, ``wire="AP"`` from
    "MOSCOW (AP) — ...". Vectorised: one ``str.extract`` per dateline pattern over
    the first 250 characters.

    Returns:
        A frame on ``texts.index`` with object columns ``dateline`` and ``wire``
        (None where there is none).
    """
    r = _rules()
    heads = texts.astype(object).where(texts.notna(), "").astype(str).str.slice(0, 250)
    place = pd.Series([None] * len(texts), index=texts.index, dtype=object)
    wire = pd.Series([None] * len(texts), index=texts.index, dtype=object)
    todo = pd.Series(True, index=texts.index)
    for rx in r.dateline:
        if not todo.any():
            break
        found = heads[todo].str.extract(rx)
        if found.empty:
            continue
        hit = found.notna().any(axis=1)
        if not hit.any():
            continue
        idx = found.index[hit]
        if "place" in found:
            place.loc[idx] = found.loc[idx, "place"].map(
                lambda v: " ".join(v.split()).rstrip(",") if isinstance(v, str) else None
            )
        if "wire" in found:
            wire.loc[idx] = found.loc[idx, "wire"].map(lambda v: _wire_of(v, r) if isinstance(v, str) else None)
        todo.loc[idx] = False
    return pd.DataFrame({"dateline": place, "wire": wire}, index=texts.index)
