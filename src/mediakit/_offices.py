"""Who held which office when (the dated rows of the ``office_holders`` lexicon), and
which sites call their own head of state "the President" (``official_sites``).

Shared by the quotes stage (an office the text ties to nobody is its holder on the
article's date) and the sources stage (the same for a paraphrase; such a holder's
country is their affiliation when the text gives none).
"""
from __future__ import annotations

import datetime as dt
import functools
import re

import pandas as pd

from mediakit._quote_rules import (
    affiliation_key,
    affiliation_words,
    owned_role,
    role_phrases,
    role_synonyms,
)
from mediakit.lexicons import lexicon

Term = tuple[dt.date, "dt.date | None", str]


@functools.cache
def terms(version: int) -> dict[tuple[str, str], list[Term]]:
    """(title, country) -> [(start, end, name)] from the dated rows of ``office_holders``:
    ("president", "Russia") -> [(2012-05-07, None, "Vladimir Putin"), …]."""
    out: dict[tuple[str, str], list[Term]] = {}
    for r in lexicon("office_holders"):
        name, title, country, start, end = (str(r.get(k) or "").strip() for k in ("name", "title", "country", "start", "end"))
        if not (name and title and country and start):
            continue  # (a row without dates still gives the office: quotes._office_table)
        term = (dt.date.fromisoformat(start), dt.date.fromisoformat(end) if end else None, name)
        out.setdefault((" ".join(title.lower().split()), country), []).append(term)
    return out


def _in_office(start: dt.date, end: dt.date | None, day: dt.date) -> bool:
    return start <= day and (end is None or day < end)


def holder_on(title: str, country: str, day: dt.date, version: int) -> str | None:
    """Who held the office ``title`` of ``country`` on ``day``, if the table says; the
    first row that fits (one person may have two spellings)."""
    for start, end, name in terms(version).get((title, country), ()):
        if _in_office(start, end, day):
            return name
    return None


@functools.lru_cache(maxsize=1 << 12)
def offices_on(day: dt.date, version: int) -> tuple[tuple[str, str, str], ...]:
    """(name, title, country) of everyone in office on ``day``."""
    return tuple((name, title, country) for (title, country), rows in terms(version).items()
                 for start, end, name in rows if _in_office(start, end, day))


def _titles_pattern(version: int, space: str) -> str:
    """The dated offices' titles as one alternation, the longest first ("Vice
    President" before "President"), ``space`` between their words."""
    titles = {t for t, _c in terms(version)}
    return "|".join(sorted((space.join(map(re.escape, t.split())) for t in titles), key=len, reverse=True))


@functools.cache
def _title_re(version: int) -> re.Pattern[str]:
    """A role ending in a dated office's title, or in the title and "of" a place
    (the longest title that fits: "Vice President", not "President")."""
    title = _titles_pattern(version, r"\s+")
    return re.compile(rf"(?:(?P<before>.*?)\s+)??(?P<title>(?i:{title}))(?:\s+of\s+.*)?", re.S)


@functools.cache
def _past_words(version: int) -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon("past_role_words"))


@functools.lru_cache(maxsize=1 << 14)
def office_title(role: str, version: int) -> str | None:
    """The title of the dated office (``office_holders``) that a role names, lower
    case: "U.S. President", "President of Ukraine" -> "president"; "Vice President"
    -> "vice president"; a role that ``role_synonyms`` makes an office counts as it
    ("Head of State"). None for other roles and for an office not held now
    ("former President", ``past_role_words``)."""
    m = _title_re(version).fullmatch(_synonym_as_title(role.strip(" ,.;:"), version, whole=True))
    if m is None:
        return None
    past = _past_words(version)
    if m["before"] and any(w in past for w in re.split(r"[\s\-]+", m["before"].lower())):
        return None
    return " ".join(m["title"].lower().split())


def day_of(value: object) -> dt.date | None:
    """The calendar date of ``value`` (a date, a timestamp or an ISO string; None for
    none or an unreadable one), read as UTC as :func:`days_of` reads a corpus's dates."""
    if value is None or isinstance(value, float) and value != value:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        ts = pd.to_datetime(value, errors="coerce", utc=True)
    except (ValueError, TypeError):
        return None
    return None if ts is pd.NaT else ts.date()


def days_of(df: pd.DataFrame) -> list[dt.date | None]:
    """Each article's date (its ``date`` column, read as UTC), None where it has none."""
    if "date" not in df.columns:
        return [None] * len(df)
    dates = pd.to_datetime(df["date"], errors="coerce", utc=True)
    return [None if d is pd.NaT else d.date() for d in dates]


@functools.cache
def _office_re(version: int) -> re.Pattern[str]:
    """A description naming a dated office, with the country by an adjective or after
    "of": "the President", "the Russian President", "the Prime Minister of Ukraine"
    (a title of several words is tried whole before a capitalised word as a country:
    "the Vice President")."""
    title = _titles_pattern(version, r"[ \xa0]+")
    place = r"[A-Z][\w.’'\-]*"
    return re.compile(
        rf"[Tt]he[ \xa0]+(?:(?P<adj>{place})[ \xa0]+)??(?P<title>(?i:{title}))"
        rf"(?:[ \xa0]+of[ \xa0]+(?:the[ \xa0]+)?(?P<of>{place}(?:[ \xa0]+{place}){{0,2}}))?")


@functools.cache
def _words(version: int) -> tuple[dict[str, str], dict[int, dict[str, str]]]:
    """(one-word affiliations, roles of several words by their number of words), as
    the quotes stage's rules read them (``_quote_rules``), without building those rules."""
    return affiliation_words(), role_phrases(role_synonyms())


@functools.cache
def _titles_by_head(version: int) -> tuple[dict[str, str], dict[str, str]]:
    """(``role_synonyms``, the dated offices' titles by their head and by themselves:
    "lady" -> "first lady", "president" -> "president")."""
    syn = role_synonyms()
    out: dict[str, str] = {}
    for title, _country in terms(version):
        out[title] = title
    for title in list(out):
        out.setdefault(syn.get(title, title), title)
    return syn, out


def _synonym_as_title(text: str, version: int, *, whole: bool) -> str:
    """``text`` with a role that ``role_synonyms`` makes a dated office's title, at its
    end, put as that title: "the Head of State" -> "the president", "the President’s
    wife" and "the wife of the President" -> "the first lady" (``whole``: the role may
    be all of the text, "Head of State")."""
    syn, titles = _titles_by_head(version)
    words = text.split()
    the = int(bool(words) and words[0].lower() == "the")
    got = owned_role(words[the:], syn)  # "the wife of the President (of Ukraine)"
    if got is not None and (title := titles.get(got[0])) is not None:
        return " ".join([*words[:the], title, *got[1]])
    for n, phrases in _words(version)[1].items():
        head = phrases.get(" ".join(words[-n:]).lower().replace("’", "'")) if len(words) > n - whole else None
        title = titles.get(head) if head is not None else None
        if title is not None:
            return " ".join([*words[:-n], title])
    return text


def office_named(mention: str, site_country: str | None, day: dt.date, version: int
                 ) -> tuple[str, str | None, str | None] | None:
    """(title, country the mention names, holder on ``day``) for a description of a
    dated office ("the President of Russia": Russia's; a bare "the President" only on
    an official site, as ``site_country``'s, the named country None); the holder None
    when the table has nobody then; None for any other words. A role that
    ``role_synonyms`` makes an office counts as it ("the Head of State": president);
    ``affiliations`` reads a country word ("Russian")."""
    affiliation_words_ = _words(version)[0]
    m = _office_re(version).fullmatch(_synonym_as_title(mention.strip(" ,.;:"), version, whole=False))
    if m is None:
        return None
    where = m["of"] or m["adj"]
    if where is None:
        named, country = None, site_country
    else:
        named = country = where if any(c == where for _t, c in terms(version)) \
            else affiliation_key(where, affiliation_words_)
    if country is None:
        return None
    title = " ".join(m["title"].lower().split())
    return title, named, holder_on(title, country, day, version)


@functools.cache
def _site_countries(version: int) -> dict[str, str]:
    """Host -> country from ``official_sites``."""
    return {str(r["host"]).strip().lower(): str(r["country"]).strip()
            for r in lexicon("official_sites") if r.get("host") and r.get("country")}


def site_country(where: object, version: int) -> str | None:
    """The country of the official site at ``where`` (a URL or a host: "en.kremlin.ru"
    is kremlin.ru's), None for any other site or for no address (None, "", NaN)."""
    if not isinstance(where, str) or not where:
        return None
    # (the host, as urlsplit gives it: after "//", before the path, port and user)
    host = where.split("//", 1)[1] if "//" in where else where
    return _host_country(host.split("/", 1)[0].rpartition("@")[2].split(":", 1)[0].lower(), version)


@functools.lru_cache(maxsize=1 << 10)
def _host_country(host: str, version: int) -> str | None:
    sites = _site_countries(version)
    labels = host.strip(".").split(".")
    for i in range(len(labels) - 1):
        country = sites.get(".".join(labels[i:]))
        if country is not None:
            return country
    return None


def address_of(url: object, outlet: object, version: int) -> object:
    """Where an article appeared, as far as its site's country goes: its ``url`` if
    that is an official site's, else its ``outlet`` (a host) if that is, else its url."""
    if site_country(url, version) is None and site_country(outlet, version) is not None:
        return outlet
    return url


def contexts(df: pd.DataFrame, version: int) -> tuple[list[dt.date | None], list[str | None]]:
    """Each article's date and, for a page of an official site (its ``url``, else its
    ``outlet``: :func:`address_of`), that site's country."""
    urls = df["url"].tolist() if "url" in df.columns else [None] * len(df)
    outlets = df["outlet"].tolist() if "outlet" in df.columns else [None] * len(df)
    sites = [site_country(address_of(u, o, version), version) for u, o in zip(urls, outlets, strict=True)]
    return days_of(df), sites
