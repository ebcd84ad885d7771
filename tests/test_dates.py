"""Date parsing: every accepted form to UTC, unreadable values to NaT with a reason,
and the rule that infers a publication date from an article's text."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from mediakit._dates import find_dates, infer_date, parse_date, parse_dates

UTC = "UTC"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-01-11", "2022-01-11 00:00"),
        ("2022-01-11T17:30:00Z", "2022-01-11 17:30"),
        ("2022-01-06 10:39:23-05:00", "2022-01-06 15:39:23"),
        ("2022-01-11T17:30:00.123+03:00", "2022-01-11 14:30:00.123"),
        ("20220111", "2022-01-11"),
        ("Tue, 11 Jan 2022 10:00:00 +0000", "2022-01-11 10:00"),
        ("Tue, 11 Jan 2022 10:00:00 GMT", "2022-01-11 10:00"),
        ("11 Jan 2022 10:00:00 -0500", "2022-01-11 15:00"),
        ("Jan. 11, 2022", "2022-01-11"),
        ("Tuesday, Jan. 11, 2022", "2022-01-11"),
        ("January 11th, 2022 at 5:30 p.m. EST", "2022-01-11 22:30"),
        ("11 January 2022", "2022-01-11"),
        ("Sept. 3, 2021", "2021-09-03"),
        ("March 2, 2022 14:05 MSK", "2022-03-02 11:05"),
        (1641859200, "2022-01-11"),
        (1641859200.5, "2022-01-11 00:00:00.5"),
        ("1641859200", "2022-01-11"),
        ("1641859200000", "2022-01-11"),
        (dt.date(2022, 1, 11), "2022-01-11"),
        (dt.datetime(2022, 1, 11, 12, 0), "2022-01-11 12:00"),
        (dt.datetime(2022, 1, 11, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=2))), "2022-01-11 10:00"),
        (pd.Timestamp("2022-01-11 12:00", tz="Europe/Kyiv"), "2022-01-11 10:00"),
        (np.datetime64("2022-01-11T12:00"), "2022-01-11 12:00"),
    ],
)
def test_parse_date_forms(value: object, expected: str) -> None:
    ts, reason = parse_date(value)
    assert reason is None
    assert ts == pd.Timestamp(expected, tz=UTC)
    assert str(ts.tz) == "UTC"


@pytest.mark.parametrize(
    ("value", "reason_start"),
    [
        ("yesterday", "unparseable date"),
        ("not a date at all 2022x", "unparseable date"),
        ("January 2022", "incomplete date"),
        ("2022-13-45", "unparseable date"),
        ("99999999999999999", "unparseable date"),
        (True, "unparseable date"),
    ],
)
def test_parse_date_unreadable(value: object, reason_start: str) -> None:
    ts, reason = parse_date(value)
    assert pd.isna(ts)
    assert reason.startswith(reason_start)
    assert repr(value)[:10] in reason or str(value)[:10] in reason


@pytest.mark.parametrize("value", [None, "", "   ", float("nan"), pd.NaT])
def test_missing_is_not_a_problem(value: object) -> None:
    ts, reason = parse_date(value)
    assert pd.isna(ts) and reason is None


def test_parse_dates_column_mixed() -> None:
    s = pd.Series(
        ["2022-01-11T17:30:00Z", "Jan. 11, 2022", None, "garbage", "2022-01-06 10:39:23-05:00", 1641859200, "Jan. 11, 2022"],
        index=list("abcdefg"),
    )
    dates, reasons = parse_dates(s)
    assert str(dates.dtype) == "datetime64[ns, UTC]"
    assert list(dates.index) == list("abcdefg")
    assert dates["a"] == pd.Timestamp("2022-01-11 17:30", tz=UTC)
    assert dates["b"] == dates["g"] == pd.Timestamp("2022-01-11", tz=UTC)
    assert pd.isna(dates["c"]) and reasons["c"] is None
    assert pd.isna(dates["d"]) and reasons["d"].startswith("unparseable date: 'garbage'")
    assert dates["e"] == pd.Timestamp("2022-01-06 15:39:23", tz=UTC)
    assert dates["f"] == pd.Timestamp("2022-01-11", tz=UTC)
    assert reasons.notna().sum() == 1


def test_parse_dates_datetime_column_and_empty() -> None:
    s = pd.Series(pd.to_datetime(["2022-01-11 12:00", None]))
    dates, reasons = parse_dates(s)
    assert dates.iloc[0] == pd.Timestamp("2022-01-11 12:00", tz=UTC) and pd.isna(dates.iloc[1])
    assert reasons.isna().all()
    dates, reasons = parse_dates(pd.Series([], dtype=object))
    assert len(dates) == 0 and str(dates.dtype) == "datetime64[ns, UTC]"


def test_find_dates_forms_and_weekday_check() -> None:
    text = (
        "Talks in Geneva, Monday, Jan. 10, 2022. A deal signed 16 June 2021 and a memo dated "
        "2021-12-01. A typo: Friday, Jan. 11, 2022 (a Tuesday). Then January 5th, 2022."
    )
    found = [d.strftime("%Y-%m-%d") for d, _, _ in find_dates(text)]
    assert found == ["2022-01-10", "2021-06-16", "2021-12-01", "2022-01-05"]


def test_infer_date_prefers_captions_latest_and_lead_weekday() -> None:
    captions = ["Officials meet in Geneva, Monday, Jan. 10, 2022. (AP Photo/X Y)"]
    text = "Talks on Jan. 20, 2022 were planned. Leaders met in 2015."
    # captions win over text: photos precede publication; the text's later date is a plan
    d, ev = infer_date(text, captions=captions, not_after=pd.Timestamp("2023-01-01", tz=UTC))
    assert d == pd.Timestamp("2022-01-10", tz=UTC) and ev.startswith("caption")
    # the lead names Wednesday: two days after the Monday photo
    d, ev = infer_date(text, captions=captions, lead="Leaders met Wednesday.", not_after=pd.Timestamp("2023-01-01", tz=UTC))
    assert d == pd.Timestamp("2022-01-12", tz=UTC) and "Wednesday" in ev
    # no captions: the latest date of the text, future dates beyond not_after ignored
    d, _ = infer_date("Signed Jan. 3, 2022; to be reviewed Jan. 3, 2099.", not_after=pd.Timestamp("2023-01-01", tz=UTC))
    assert d == pd.Timestamp("2022-01-03", tz=UTC)
    assert infer_date("No dates in here at all, only Tuesday.") == (None, None)
