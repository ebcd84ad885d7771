"""Rules and lexicons as data: loaded once from package files, extendable by users.

Every table lives in ``mediakit/data/`` as a plain file (``.txt``: one entry per
line, ``#`` comments; ``.csv``; ``.yaml``). A user extends a table in one of two ways:

* at run time: ``mediakit.extend_lexicon("reporting_verbs", ["quipped"])``;
* on disk: put a file of the same name in a folder named by the environment
  variable ``MEDIAKIT_LEXICONS`` (``os.pathsep``-separated); its entries are
  added to the packaged ones (``.txt`` and ``.csv`` rows appended, YAML lists
  appended and YAML mappings merged, the user's keys winning).
"""
from __future__ import annotations

import csv
import functools
import os
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

__all__ = ["lexicon", "extend_lexicon", "lexicon_path"]

_EXTRA: dict[str, Any] = {}
_SUFFIXES = (".txt", ".csv", ".yaml", ".yml")


def _package_dir() -> Path:
    return Path(str(resources.files("mediakit") / "data"))


def _find(name: str, folder: Path) -> Path | None:
    for suffix in _SUFFIXES:
        p = folder / f"{name}{suffix}"
        if p.is_file():
            return p
    return None


def lexicon_path(name: str) -> Path:
    """Path of the packaged file behind lexicon ``name``."""
    p = _find(name, _package_dir())
    if p is None:
        raise KeyError(f"no lexicon named {name!r} in {_package_dir()}")
    return p


def _read(path: Path) -> Any:
    if path.suffix == ".txt":
        out = []
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
            if line:
                out.append(line)
        return out
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as f:
            return [row for row in csv.DictReader(f) if any((v or "").strip() for v in row.values())]
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def _merge(base: Any, extra: Any) -> Any:
    if base is None:
        return extra
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for k, v in extra.items():
            merged[k] = _merge(base.get(k), v) if isinstance(v, (list, dict)) else v
        return merged
    if isinstance(base, list) and isinstance(extra, list):
        return base + extra
    raise TypeError(f"cannot merge {type(extra).__name__} into {type(base).__name__}")


@functools.cache
def _load(name: str, env: str) -> Any:
    data = _read(lexicon_path(name))
    for folder in filter(None, env.split(os.pathsep)):
        p = _find(name, Path(folder))
        if p is not None:
            data = _merge(data, _read(p))
    return data


def lexicon(name: str) -> Any:
    """The table ``name``: packaged entries, then user files, then run-time additions.

    Returns a list (``.txt``: strings; ``.csv``: dicts) or the parsed YAML. Callers
    must not mutate it.
    """
    data = _load(name, os.environ.get("MEDIAKIT_LEXICONS", ""))
    extra = _EXTRA.get(name)
    return data if extra is None else _merge(data, extra)


def extend_lexicon(name: str, entries: Iterable[Any] | dict[str, Any]) -> None:
    """Add ``entries`` to lexicon ``name`` for this process.

    Args:
        name: a packaged table, e.g. ``"reporting_verbs"`` or ``"affiliations"``.
        entries: strings for ``.txt`` tables, dicts (column -> value) for ``.csv``
            tables, a list or mapping for YAML tables.
    """
    lexicon_path(name)  # raises KeyError for an unknown table
    extra = dict(entries) if isinstance(entries, dict) else list(entries)
    _EXTRA[name] = _merge(_EXTRA.get(name), extra)
    _VERSION[0] += 1


# bumped on every run-time extension, so modules that compile patterns from a
# lexicon can cache on (name, lexicon_version()) and recompile when it changes
_VERSION = [0]


def lexicon_version() -> int:
    """A counter that changes whenever a lexicon is extended at run time."""
    return _VERSION[0] + hash(os.environ.get("MEDIAKIT_LEXICONS", ""))
