"""Name normalisation for source attribution: one name per person across a corpus.

Two names are the same person when their *keys* agree. A key drops honorifics and
suffixes (``Mr.``, ``Ms.``, ``Jr.``), middle names and initials, accents and case,
and folds common transliteration variants (``Dmitri``/``Dmitry``/``Dmitriy``,
``Zelensky``/``Zelenskyy``/``Zelenskiy``, ``Aleksei``/``Alexei``/``Alexey``):
the key is ``"<first> <surname>"``, or ``"<surname>"`` for a surname-only mention.

The aliases table maps any written form to the canonical name. Format (CSV, UTF-8,
header required)::

    alias,canonical
    Zelensky,Volodymyr Zelenskyy
    Associated Press,AP

An alias is matched by its key, so ``Dmitri Peskov`` also covers ``Mr. Dmitri
Peskov``. The packaged table is ``mediakit/data/aliases.csv``; a file named
``aliases.csv`` in a folder of ``$MEDIAKIT_LEXICONS`` is appended to it, and the
``aliases=`` argument of :func:`mediakit.sources` adds a CSV/YAML path (YAML: a
mapping ``alias: canonical``), a ``{alias: canonical}`` dict or a DataFrame with
columns ``alias``, ``canonical``. Later entries win.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from mediakit.lexicons import lexicon, lexicon_version

__all__ = ["name_key", "surname_key", "clean_name", "alias_map", "AliasSource"]

AliasSource = str | Path | Mapping[str, str] | pd.DataFrame | None

_PARTICLES = frozenset(
    ["von", "van", "der", "den", "de", "da", "di", "del", "della", "du", "la", "le",
     "bin", "al", "el", "ibn", "ter", "dos", "das", "st."]
)
# transliteration endings folded into one: -iy/-yy/-ij/-ii/-ey/-ei/-y/-i -> i;
# inside a word ks -> x, ia -> ya, iu -> yu (Podoliak/Podolyak, Iuliia/Yuliya)
_PAREN_RE = re.compile(r"\s*(?:\([^)]*\)|-LRB-.*?-RRB-)")
_CONNECTORS = frozenset(["of", "the", "for", "on", "and", "to", "in", "at"])
_ENDING_RE = re.compile(r"(?:iy|yy|ij|ii|ey|ei|y|i)$")
_TOKEN_SPLIT = re.compile(r"[\s\u00a0]+")


def _optional(name: str) -> Any:
    """A lexicon of another stage, or None where it is not installed."""
    try:
        return lexicon(name)
    except KeyError:
        return None


@functools.cache
def _name_tables(version: int) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(honorifics, suffixes, particles), lower case without final periods.

    Shared with the quotes stage (``honorifics.yaml``, ``name_suffixes.txt``,
    ``name_particles.txt``) plus ``source_honorifics.txt``.
    """
    hon = {w.lower().rstrip(".") for w in lexicon("source_honorifics")}
    hon |= {str(k).lower().rstrip(".") for k in (_optional("honorifics") or {})}
    suffixes = {"jr", "sr", "ii", "iii", "iv"} | {str(w).lower().rstrip(".") for w in _optional("name_suffixes") or []}
    particles = set(_PARTICLES) | {str(w).lower() for w in _optional("name_particles") or []}
    return frozenset(hon), frozenset(suffixes), frozenset(particles)


def _strip_accents(s: str) -> str:
    if s.isascii():
        return s
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def _fold(token: str) -> str:
    t = _strip_accents(token.lower()).replace("’", "'").replace("ks", "x").replace("ia", "ya").replace("iu", "yu")
    t = t.rstrip(".")
    if len(t) > 3:
        t = _ENDING_RE.sub("i", t)
    return t


def _tokens(name: str, version: int | None = None) -> list[str]:
    """Name tokens without honorifics, suffixes, possessive 's and a leading 'the'."""
    name = _PAREN_RE.sub("", name).strip().strip(",;:")
    if name.endswith(("'s", "’s")):
        name = name[:-2]
    toks = [t for t in _TOKEN_SPLIT.split(name) if t]
    hon, suffixes, _ = _name_tables(lexicon_version() if version is None else version)
    if toks and toks[0].lower() == "the" and len(toks) > 1:
        toks = toks[1:]
    # honorifics lead ("Mr.", "MS.", "Dr."), suffixes trail ("Jr.", "III"): only there
    while len(toks) > 1 and toks[0].lower().rstrip(".,") in hon:
        toks = toks[1:]
    while len(toks) > 1 and toks[-1].lower().rstrip(".,") in suffixes:
        toks = toks[:-1]
    return toks


def clean_name(name: str) -> str:
    """The written name without honorifics and suffixes, ALL-CAPS turned to Title Case.

    ``"MS. PSAKI"`` -> ``"Psaki"``, ``"Mr. Dmitri Peskov"`` -> ``"Dmitri Peskov"``.
    """
    return _clean_name(name, lexicon_version())


@functools.lru_cache(maxsize=65536)
def _clean_name(name: str, version: int) -> str:
    toks = _tokens(name, version)
    out = []
    for t in toks:
        if t.isupper() and len(t) > 1 and not re.fullmatch(r"(?:[A-Z]\.)+", t) and "." not in t:
            low = t.lower()
            t = low if low in _CONNECTORS else "-".join(map(_capitalised, t.split("-")))
        out.append(t)
    return " ".join(out)


def _capitalised(part: str) -> str:
    """A name part in capitals as a name is written: "HARA" -> "Hara", and after a
    one-letter prefix and an apostrophe both capitalised: "O’HARA" -> "O’Hara",
    "D'SOUZA" -> "D'Souza"."""
    if len(part) > 2 and part[1] in "’'":
        return part[:2] + part[2:].capitalize()
    return part.capitalize()


def _split(toks: list[str], version: int | None = None) -> tuple[list[str], list[str]]:
    """(given-name tokens, surname tokens); particles stay with the surname."""
    if not toks:
        return [], []
    i = len(toks) - 1
    particles = _name_tables(lexicon_version() if version is None else version)[2]
    while i > 0 and toks[i - 1].lower() in particles:
        i -= 1
    return toks[:i], toks[i:]


def surname_key(name: str) -> str:
    """Folded surname of ``name`` (``"Mr. Zelenskiy"`` -> ``"zelenski"``)."""
    _, last = _split(_tokens(name))
    return " ".join(_fold(t) for t in last)


def name_key(name: str) -> str:
    """Matching key: folded first name and surname; initials and middle names dropped.

    ``"Dmitri Peskov"``, ``"Mr. Dmitry Peskov"`` -> ``"dmitri peskov"``; ``"Peskov"``
    -> ``"peskov"``; ``"Joseph R. Biden Jr."`` -> ``"joseph biden"``.
    """
    return _name_key(name, lexicon_version())


@functools.lru_cache(maxsize=65536)
def _name_key(name: str, version: int) -> str:
    toks = _tokens(name, version)
    first, last = _split(toks, version)
    sur = " ".join(_fold(t) for t in last)
    given = [t for t in first if not re.fullmatch(r"[A-Z]\.?", t)]
    if not given:
        return sur
    return f"{_fold(given[0])} {sur}"


def _read_aliases(source: AliasSource) -> list[tuple[str, str]]:
    if source is None:
        return []
    if isinstance(source, pd.DataFrame):
        return [(str(a), str(c)) for a, c in zip(source["alias"], source["canonical"], strict=True)]
    if isinstance(source, Mapping):
        return [(str(a), str(c)) for a, c in source.items()]
    path = Path(source)
    if path.suffix in (".yaml", ".yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if isinstance(data, list):
            return [(str(d["alias"]), str(d["canonical"])) for d in data]
        return [(str(a), str(c)) for a, c in data.items()]
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"alias", "canonical"} - set(frame.columns)
    if missing:
        raise ValueError(f"aliases file {path} lacks columns {sorted(missing)}")
    return _read_aliases(frame)


def _freeze(source: AliasSource) -> tuple[str, Any]:
    """A hashable stand-in for ``source`` (pairs, or a path with its mtime)."""
    if source is None:
        return ("none", None)
    if isinstance(source, (Mapping, pd.DataFrame)):
        return ("pairs", tuple(_read_aliases(source)))
    p = Path(source)
    return ("path", (str(p), p.stat().st_mtime_ns if p.exists() else 0))


@functools.lru_cache(maxsize=32)
def _alias_map_cached(frozen: tuple[str, Any], version: int) -> dict[str, str]:
    pairs = [(r["alias"], r["canonical"]) for r in lexicon("aliases")]
    kind, value = frozen
    if kind == "pairs":
        pairs += list(value)
    elif kind == "path":
        pairs += _read_aliases(value[0])
    out: dict[str, str] = {}
    for alias, canonical in pairs:
        alias, canonical = alias.strip(), canonical.strip()
        if alias and canonical:
            out[name_key(alias)] = canonical
            out.setdefault(name_key(canonical), canonical)
    return out


def alias_map(source: AliasSource = None) -> dict[str, str]:
    """``{name_key(alias): canonical}`` from the packaged, user and given tables."""
    return _alias_map_cached(_freeze(source), lexicon_version())


def surname_joins(keys: Iterable[str]) -> dict[str, str]:
    """Surname key -> the one full-name key among ``keys`` with that surname ("biden"
    -> "joe biden"); a surname that two full names share ("clinton": "bill clinton",
    "hillary clinton") is left out. Keys as :func:`name_key` gives them."""
    by_surname: dict[str, set[str]] = {}
    for k in keys:
        if " " in k:
            by_surname.setdefault(k.split(" ", 1)[1], set()).add(k)
    return {sur: next(iter(fulls)) for sur, fulls in by_surname.items() if len(fulls) == 1}
