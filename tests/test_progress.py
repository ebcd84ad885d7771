"""When progress bars show by default (mediakit._progress)."""
from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

import mediakit as mk
from mediakit import _progress

DF = pd.DataFrame({"doc_id": ["a", "b"],
                   "text": ["“We are ready,” said Ann Lee.", "“So are we,” Bob Stone said."]})


class _Screen:
    """A stderr that says it is a terminal and keeps what is written to it."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def isatty(self) -> bool:
        return True

    def write(self, s: str) -> int:
        self.parts.append(s)
        return len(s)

    def flush(self) -> None:
        pass


@pytest.mark.parametrize(("env", "screen", "shown"), [
    (None, False, False),   # a pipe, a log file, a cron job
    (None, True, True),     # a terminal
    ("0", True, False),     # turned off, as `mediakit report` does for its kernels
    ("off", True, False),
    ("1", False, True),     # forced on
])
def test_quotes_shows_a_bar_by_default_only_where_someone_watches(monkeypatch, env, screen, shown):
    if env is None:
        monkeypatch.delenv(_progress.ENV, raising=False)
    else:
        monkeypatch.setenv(_progress.ENV, env)
    err = _Screen()
    monkeypatch.setattr(sys, "stderr", err if screen else _Pipe(err))
    q = mk.quotes(DF)
    assert q.speaker.tolist() == ["Ann Lee", "Bob Stone"]
    assert ("quotes" in "".join(err.parts)) is shown
    err.parts.clear()
    mk.quotes(DF, progress=False)  # an explicit choice wins over the screen and the variable
    assert err.parts == []


class _Pipe(_Screen):
    def __init__(self, inner: _Screen) -> None:
        self.parts = inner.parts

    def isatty(self) -> bool:
        return False


def test_a_script_does_not_import_ipython_to_decide():
    # outside a Jupyter kernel, IPython is not imported just to ask get_ipython()
    code = ("import sys, pandas as pd, mediakit as mk; "
            "mk.quotes(pd.DataFrame({'doc_id': ['a'], 'text': ['“Yes,” said Ann Lee.']})); "
            "print('IPython' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={k: v for k, v in os.environ.items() if k != _progress.ENV})
    assert out.stdout.strip() == "False"
