"""Periods for aggregates: the one rule that turns dates into period starts.

``term_frequency``, ``quote_density`` and the source summaries group by the same
periods, so a week or month means the same thing in every table.
"""
from __future__ import annotations

import pandas as pd


def to_period(d: pd.Series, freq: str) -> pd.Series:
    """Naive datetimes -> pandas periods of ``freq`` (offset aliases; "MS"/"ME" mean "M")."""
    try:
        return d.dt.to_period(freq)
    except ValueError:
        # offset aliases like "MS"/"QS"/"YS" (starts) or "ME"/"QE"/"YE" (ends)
        # name the same periods as "M"/"Q"/"Y"
        if not (len(freq) > 1 and freq[-1] in "SE"):
            raise
        return d.dt.to_period(freq[:-1])


def period_start(dates: pd.Series, freq: str) -> pd.Series:
    """Start of each date's period, timezone-aware UTC (NaT stays NaT); same index."""
    d = pd.to_datetime(dates, utc=True, errors="coerce").dt.tz_convert(None)
    # (.array, not .to_numpy(): a timezone-aware column would become Timestamp objects)
    return pd.Series(to_period(d, freq).dt.start_time.dt.tz_localize("UTC").array, index=dates.index)


def period_range(first: pd.Timestamp, last: pd.Timestamp, freq: str) -> pd.DatetimeIndex:
    """Starts of every period from the one holding ``first`` to the one holding ``last``."""
    s = pd.Series([first, last])
    per = to_period(pd.to_datetime(s, utc=True).dt.tz_convert(None), freq)
    rng = pd.period_range(per.iloc[0], per.iloc[1], freq=per.dt.freq)
    return rng.start_time.tz_localize("UTC")
