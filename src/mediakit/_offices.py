"""Who held which office when: the dated rows of the ``office_holders`` lexicon.

Shared by the quotes stage (an office the text ties to nobody is its holder on the
article's date) and the sources stage (such a holder's country is their affiliation when
the text gives none).
"""
from __future__ import annotations

import datetime as dt
import functools

import pandas as pd

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


def holder_on(title: str, country: str, day: dt.date, version: int) -> str | None:
    """Who held the office ``title`` of ``country`` on ``day``, if the table says; the
    first row that fits (one person may have two spellings)."""
    for start, end, name in terms(version).get((title, country), ()):
        if start <= day and (end is None or day < end):
            return name
    return None


@functools.lru_cache(maxsize=1 << 12)
def holders_on(day: dt.date, version: int) -> tuple[tuple[str, str], ...]:
    """(name, country) of everyone in office on ``day``."""
    return tuple((name, country) for (_title, country), rows in terms(version).items()
                 for start, end, name in rows if start <= day and (end is None or day < end))


def day_of(value: object) -> dt.date | None:
    """The calendar date of ``value`` (a date, a timestamp or an ISO string; None for
    none or an unreadable one)."""
    if value is None or isinstance(value, float) and value != value:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        return None
    return None if ts is pd.NaT else ts.date()


def days_of(df: pd.DataFrame) -> list[dt.date | None]:
    """Each article's date (its ``date`` column, read as UTC), None where it has none."""
    if "date" not in df.columns:
        return [None] * len(df)
    dates = pd.to_datetime(df["date"], errors="coerce", utc=True)
    return [None if d is pd.NaT else d.date() for d in dates]
