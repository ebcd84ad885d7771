"""Whether a progress bar is wanted by default: on a screen someone is watching.

A notebook that papermill runs for a scheduled report has no one watching it, and a
bar there ends up as text in the saved notebook and its HTML, so ``mediakit report``
sets ``MEDIAKIT_PROGRESS=0`` for its kernels; a user can set it too (``1`` forces the
bars on). IPython is only asked when a Jupyter kernel is running: importing it from a
plain script or a cron job would only cost time.
"""
from __future__ import annotations

import os
import sys

ENV = "MEDIAKIT_PROGRESS"
_OFF = frozenset({"0", "false", "no", "off", ""})


def interactive() -> bool:
    """True in a Jupyter kernel with a front end or on a terminal, unless ``MEDIAKIT_PROGRESS``
    says otherwise."""
    env = os.environ.get(ENV)
    if env is not None:
        return env.strip().lower() not in _OFF
    if "ipykernel" in sys.modules:
        try:
            from IPython import get_ipython
        except ImportError:  # pragma: no cover - ipykernel without IPython
            return False
        return get_ipython() is not None
    return bool(getattr(sys.stderr, "isatty", lambda: False)())
