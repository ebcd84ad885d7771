"""Shared by the quote tests: extract quotes and check the offsets they report."""
from __future__ import annotations

import pandas as pd

from mediakit.quotes import extract_quotes


def checked_rows(text: str, *, title: str | None = None) -> list[dict]:
    """The rows of ``extract_quotes(text, title=title)``, after checking that every quote
    and speaker mention is the text at its offsets."""
    df = extract_quotes(text, title=title)
    for r in df.itertuples():
        assert text[r.start:r.end] == r.quote
        if r.speaker_start is not pd.NA and r.speaker_start is not None:
            assert text[r.speaker_start:r.speaker_end] == r.speaker_mention
    return df.to_dict("records")


def checked_speakers(text: str, *, title: str | None = None) -> list[str | None]:
    """The speaker of each quote of ``text``, in order (offsets checked as in
    :func:`checked_rows`)."""
    return [r["speaker"] for r in checked_rows(text, title=title)]
