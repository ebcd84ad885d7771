"""Shared fixtures. Real data lives outside the repo in ../shared/data; tests that
need it skip cleanly where it is absent (a user's fresh clone has no ../shared)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MEDIAKIT_SHARED_DATA", ROOT.parent / "shared" / "data"))
SEED = ROOT / "data" / "raw" / "000_d77f0df208c26749.txt"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Path to ../shared/data; skips the test where it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"real data not available at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article as scraped (committed in data/raw/ as the first example)."""
    return SEED.read_text(encoding="utf-8")
