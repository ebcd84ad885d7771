"""The public API: ``mediakit.__all__`` is written out and matches what resolves."""
from __future__ import annotations

import mediakit


def test_all_lists_exactly_the_lazy_api_and_the_version() -> None:
    assert mediakit.__all__ == sorted([*mediakit._API, "__version__"])
    assert len(set(mediakit.__all__)) == len(mediakit.__all__)


def test_every_public_name_resolves_to_the_module_that_defines_it() -> None:
    for name, module in mediakit._API.items():
        obj = getattr(mediakit, name)
        assert getattr(obj, "__module__", "") == f"mediakit.{module}", name
    assert not [n for n in mediakit.__all__ if n.startswith("_") and n != "__version__"]
