"""Date parsing for every stage: one value or a whole column to UTC timestamps.

Accepted forms (``parse_date``):

* ISO 8601 with or without time and offset: ``2022-01-11``, ``2022-01-11T17:30:00Z``,
  ``2022-01-06 10:39:23-05:00``; ISO basic ``20220111``;
* RFC 2822 (e-mail, RSS): ``Tue, 11 Jan 2022 10:00:00 +0000``;
* written dates, AP style and others: ``Jan. 11, 2022``, ``Tuesday, Jan. 11, 2022``,
  ``January 11th, 2022 at 5:30 pm EST``, ``11 January 2022``, ``Sept. 3, 2021``;
* epoch seconds (``1641859200``; 12 to 14 digits are read as milliseconds);
* ``datetime``/``date``/``pd.Timestamp`` objects, as YAML front matter gives them.

A value without an offset is taken as UTC. Every result is a ``pd.Timestamp`` in UTC,
or ``NaT`` with a reason ("unparseable date: ...", "incomplete date: ..."). A missing
value (None, NaN, empty string) is ``NaT`` with no reason: it is not a problem, just
absent.

``infer_date`` finds a publication date in an article's own text where no metadata
gives one (see its docstring for the rule).
"""
from __future__ import annotations

import datetime as _dt
import email.utils
import math
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd
from dateutil import parser as _du

__all__ = ["parse_date", "parse_dates", "infer_date", "find_dates", "MONTH_RE", "WEEKDAY_RE"]

NaT = pd.NaT

MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

# offsets of the zone abbreviations that news sites print (dateutil knows none but UTC)
_TZINFOS = {
    name: _dt.timezone(_dt.timedelta(hours=h))
    for name, h in {
        "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2,
        "EEST": 3, "MSK": 3, "IST": 5.5, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
        "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AEST": 10, "AEDT": 11, "JST": 9,
        "KST": 9, "HKT": 8, "SGT": 8,
    }.items()
}

_NUMERIC = re.compile(r"[+-]?\d+(?:\.\d+)?")
_ISO_PREFIX = re.compile(r"\d{4}-\d{2}-\d{2}")
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.I)
_MONTH_ABBR_DOT = re.compile(r"\b(" + MONTH_RE + r")\.", re.I)
_SEPT = re.compile(r"\bSept\b", re.I)
_AT = re.compile(r"\s+at\s+", re.I)
_DAY_PERIODS = re.compile(r"\b([ap])\.m\.", re.I)
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_LABEL = re.compile(
    r"^(?:(?:first\s+|last\s+)?(?:published|updated|posted|modified|date|dated|released|issued)(?:\s+(?:on|at))?\s*[:|-]?\s*)+",
    re.I,
)
_MONTH_WORD = re.compile(r"\b" + MONTH_RE + r"\b", re.I)
_DOTTED_TIME = re.compile(r"\b(\d{1,2})\.(\d{2})(?=\s|$|[ap]m\b)", re.I)

_MIN = pd.Timestamp.min.tz_localize("UTC")
_MAX = pd.Timestamp.max.tz_localize("UTC")


def _is_missing(value: object) -> bool:
    if value is None or value is NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and not value.strip():
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, (list, tuple, dict)) else False
    except (TypeError, ValueError):
        return False


def _utc(ts: pd.Timestamp | _dt.datetime) -> pd.Timestamp:
    ts = pd.Timestamp(ts)
    return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")


def _from_number(x: float, text: str) -> tuple[pd.Timestamp, str | None]:
    digits = len(text.lstrip("+-").split(".")[0])
    if digits == 8 and "." not in text:  # ISO basic date, 20220111
        try:
            return _utc(_dt.datetime.strptime(text, "%Y%m%d")), None
        except ValueError:
            pass
    if digits <= 11:
        unit = "s"
    elif digits <= 14:
        unit = "ms"
    else:
        return NaT, f"unparseable date: {text!r} (number too large for epoch seconds)"
    try:
        return pd.Timestamp(x, unit=unit, tz="UTC"), None
    except (ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):
        return NaT, f"unparseable date: {text!r} (epoch out of range)"


def parse_date(value: object) -> tuple[pd.Timestamp, str | None]:
    """Parse one date value.

    Returns:
        ``(timestamp_utc, None)`` when parsed, ``(NaT, reason)`` when the value is
        present but unreadable, ``(NaT, None)`` when it is missing.
    """
    if _is_missing(value):
        return NaT, None
    if isinstance(value, pd.Timestamp | _dt.datetime):
        try:
            return _utc(value), None
        except (ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):
            return NaT, f"unparseable date: {value!r} (out of range)"
    if isinstance(value, _dt.date):
        return _utc(_dt.datetime(value.year, value.month, value.day)), None
    if isinstance(value, np.datetime64):
        return _utc(pd.Timestamp(value)), None
    if isinstance(value, bool):
        return NaT, f"unparseable date: {value!r}"
    if isinstance(value, int | float | np.integer | np.floating):
        return _from_number(float(value), str(value))
    text = orig = str(value).strip()
    if _NUMERIC.fullmatch(text):
        return _from_number(float(text), text)
    # ISO 8601
    if _ISO_PREFIX.match(text):
        try:
            return _utc(_dt.datetime.fromisoformat(text.replace("Z", "+00:00"))), None
        except ValueError:
            try:
                return _utc(pd.Timestamp(text)), None
            except (ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):
                pass
    # RFC 2822
    if "," in text[:5] or re.match(r"\d{1,2} [A-Za-z]{3} \d{4}", text):
        try:
            return _utc(email.utils.parsedate_to_datetime(text)), None
        except (TypeError, ValueError, IndexError):
            pass
    # written dates, as pages print them: "Updated: Mon 18 Apr 2022 05.30 BST"
    text = _LABEL.sub("", text)
    if _MONTH_WORD.search(text):
        text = _DOTTED_TIME.sub(r"\1:\2", text)
    if not _YEAR.search(text):
        return NaT, f"unparseable date: {orig!r} (no year)"
    cleaned = _MONTH_ABBR_DOT.sub(r"\1", text)
    cleaned = _SEPT.sub("Sep", cleaned)
    cleaned = _ORDINAL.sub(r"\1", cleaned)
    cleaned = _AT.sub(" ", cleaned)
    cleaned = _DAY_PERIODS.sub(r"\1m", cleaned)
    try:
        a = _du.parse(cleaned, default=_dt.datetime(2000, 1, 1), tzinfos=_TZINFOS)
        b = _du.parse(cleaned, default=_dt.datetime(2001, 2, 2), tzinfos=_TZINFOS)
    except (ValueError, OverflowError, TypeError):
        return NaT, f"unparseable date: {orig!r}"
    if (a.year, a.month, a.day) != (b.year, b.month, b.day):
        return NaT, f"incomplete date: {orig!r} (no day or month)"
    try:
        return _utc(a), None
    except (ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):
        return NaT, f"unparseable date: {orig!r} (out of range)"


def parse_dates(values: Iterable[object] | pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse a column of dates at once.

    ISO 8601 strings (the common case) go through one vectorised ``pd.to_datetime``;
    the rest are parsed once per distinct value.

    Returns:
        ``(dates, reasons)``: a ``datetime64[ns, UTC]`` Series and an object Series
        holding a reason where a present value could not be read (None elsewhere),
        both on the input's index.
    """
    s = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    index = s.index
    if isinstance(s.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_any_dtype(s.dtype):
        out = s if isinstance(s.dtype, pd.DatetimeTZDtype) else s.dt.tz_localize("UTC")
        out = out.dt.tz_convert("UTC").astype("datetime64[ns, UTC]")
        return out, pd.Series([None] * len(s), index=index, dtype=object)
    out = pd.Series(pd.NaT, index=index, dtype="datetime64[ns, UTC]")
    reasons = pd.Series([None] * len(s), index=index, dtype=object)
    if len(s) == 0:
        return out, reasons
    obj = s.astype(object)
    is_str = obj.map(lambda v: isinstance(v, str))
    iso = is_str & obj.where(is_str, "").str.match(r"\s*\d{4}-\d{2}-\d{2}")
    if iso.any():
        fast = pd.to_datetime(obj[iso].str.strip(), utc=True, format="ISO8601", errors="coerce")
        out.loc[iso] = fast.astype("datetime64[ns, UTC]")
    rest = ~(iso & out.notna())
    if rest.any():
        cache: dict[object, tuple[pd.Timestamp, str | None]] = {}
        dates, why = [], []
        for v in obj[rest]:
            try:
                key = v if isinstance(v, str | int | float) or v is None else repr(v)
                hit = cache.get(key)
            except TypeError:
                key, hit = None, None
            if hit is None:
                hit = parse_date(v)
                if key is not None:
                    cache[key] = hit
            dates.append(hit[0])
            why.append(hit[1])
        parsed = pd.to_datetime(pd.Series(dates, dtype=object, index=out.index[rest]), utc=True)
        out.loc[rest] = parsed.astype("datetime64[ns, UTC]")
        reasons.loc[rest] = why
    return out, reasons


# --- dates written in running text -------------------------------------------------

# Every written full date carries a year: find the years (one cheap scan), then try
# the full patterns only on the few characters before each (anchored at its end).
_YEAR_IN_TEXT = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_BEFORE_YEAR = [
    # (Tuesday, ) Jan. 11(th), 2022
    re.compile(
        r"(?:\b(?P<wd>" + WEEKDAY_RE + r"),?\s+)?\b(?P<mon>" + MONTH_RE + r")\.?\s+(?P<day>\d{1,2})"
        r"(?:st|nd|rd|th)?,?\s+\Z"
    ),
    # (Tuesday, )(the) 11(th) (of) January(,) 2022
    re.compile(
        r"(?:\b(?P<wd>" + WEEKDAY_RE + r"),?\s+)?(?:the\s+)?\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+"
        r"(?:of\s+)?(?P<mon>" + MONTH_RE + r")\.?,?\s+\Z"
    ),
]
_ISO_AFTER_YEAR = re.compile(r"-(?P<mnum>\d{2})-(?P<day>\d{2})(?!\d)")
_WINDOW = 40


def find_dates(text: str) -> list[tuple[pd.Timestamp, int, int]]:
    """Every full date (day, month and year) written in ``text``.

    Forms: "Jan. 11, 2022", "January 11th, 2022", "11 January 2022", "2022-01-11",
    each optionally after a weekday ("Tuesday, Jan. 11, 2022"). Returns
    ``(date_utc_midnight, start, end)`` in text order. A date whose written weekday
    contradicts it ("Monday, Jan. 11, 2022") is dropped as a typo.
    """
    out: list[tuple[pd.Timestamp, int, int]] = []
    if not text:
        return out
    for y in _YEAR_IN_TEXT.finditer(text):
        year, ys, ye = int(y.group(0)), y.start(), y.end()
        hit = None
        m = _ISO_AFTER_YEAR.match(text, ye)
        if m:
            hit = (int(m.group("mnum")), int(m.group("day")), None, ys, m.end())
        else:
            lo = max(0, ys - _WINDOW)
            window = text[lo:ys]
            for rx in _BEFORE_YEAR:
                m = rx.search(window)
                if m:
                    month = _MONTHS.get(m.group("mon").lower().rstrip("."))
                    hit = (month, int(m.group("day")), m.group("wd"), lo + m.start(), ye)
                    break
        if not hit or not hit[0]:
            continue
        month, day, wd, start, end = hit
        try:
            d = _dt.date(year, month, day)
        except ValueError:
            continue
        if wd and _WEEKDAYS[d.weekday()] != wd.lower():
            continue
        out.append((pd.Timestamp(d).tz_localize("UTC"), start, end))
    return out


_WEEKDAY_WORD = re.compile(r"\b(" + WEEKDAY_RE + r")\b")


def infer_date(
    text: str,
    *,
    captions: Iterable[str] = (),
    lead: str | None = None,
    not_after: pd.Timestamp | None = None,
) -> tuple[pd.Timestamp | None, str | None]:
    """Infer an article's publication date from its own words.

    The rule: news text dates past events; a photo is taken before the story that
    carries it is published. So the candidates are the full dates written in the
    captions when there are any (else in the text), not later than ``not_after``
    (default: now), and the latest of them is a lower bound that is usually the
    day itself. AP-style ledes name the day of the news by weekday ("took stands
    Tuesday"); when the lead paragraph names a weekday that the chosen date does
    not fall on, the date moves forward to the next such weekday (at most 6 days).

    Returns:
        ``(date, evidence)``: a UTC midnight timestamp and the text it came from, or
        ``(None, None)`` where the text carries no full date.
    """
    limit = not_after if not_after is not None else pd.Timestamp.now(tz="UTC")
    caption_text = "\n".join(c for c in captions if c)
    source = "caption"
    cands = [c for c in find_dates(caption_text) if c[0] <= limit]
    hay = caption_text
    if not cands:
        source, hay = "text", text or ""
        cands = [c for c in find_dates(hay) if c[0] <= limit]
    if not cands:
        return None, None
    date, start, end = max(cands, key=lambda c: (c[0], -c[1]))
    evidence = f"{source}: {hay[start:end]}"
    if lead:
        wd = _WEEKDAY_WORD.search(lead)
        if wd:
            want = _WEEKDAYS.index(wd.group(1).lower())
            shift = (want - date.weekday()) % 7
            if shift and date + pd.Timedelta(days=shift) <= limit:
                date = date + pd.Timedelta(days=shift)
                evidence += f"; lead says {wd.group(1)}"
    return date, evidence


def clamp_ok(ts: pd.Timestamp) -> bool:
    """True when ``ts`` is a real timestamp inside pandas' range."""
    return ts is not NaT and not pd.isna(ts) and _MIN <= ts <= _MAX
