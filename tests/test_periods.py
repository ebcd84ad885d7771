"""One period rule for every aggregate (terms, density, summaries)."""
from __future__ import annotations

import pandas as pd
import pytest

from mediakit._periods import period_range, period_start

DATES = pd.Series(pd.to_datetime(["2022-01-03 10:00", "2022-01-09 23:59", "2022-02-28 00:00", None], utc=True))


def test_weeks_start_on_monday_and_nat_stays():
    out = period_start(DATES, "W")
    assert out.iloc[0] == out.iloc[1] == pd.Timestamp("2022-01-03", tz="UTC")
    assert out.iloc[2] == pd.Timestamp("2022-02-28", tz="UTC")
    assert pd.isna(out.iloc[3])
    assert list(out.index) == list(DATES.index)


@pytest.mark.parametrize("freq", ["M", "MS", "ME"])
def test_month_aliases_name_the_same_periods(freq):
    out = period_start(DATES, freq)
    assert list(out.iloc[:3]) == [pd.Timestamp(d, tz="UTC") for d in ("2022-01-01", "2022-01-01", "2022-02-01")]


def test_range_has_every_period_between():
    rng = period_range(pd.Timestamp("2022-01-05", tz="UTC"), pd.Timestamp("2022-03-20", tz="UTC"), "MS")
    assert list(rng) == [pd.Timestamp(d, tz="UTC") for d in ("2022-01-01", "2022-02-01", "2022-03-01")]


def test_unknown_alias_raises():
    with pytest.raises(ValueError):
        period_start(DATES, "fortnight")


def test_period_start_is_utc_aware_even_when_empty_or_all_missing() -> None:
    for dates in (pd.Series([], dtype="datetime64[ns, UTC]"), pd.Series([pd.NaT, pd.NaT]), pd.Series(["x", None])):
        out = period_start(dates, "W")
        assert str(out.dtype) == "datetime64[ns, UTC]"
        assert out.isna().all() and len(out) == len(dates)
