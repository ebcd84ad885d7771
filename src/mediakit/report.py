"""Run the report notebooks with papermill and collect what they produce.

A report is a notebook in ``notebooks/`` with exactly one cell tagged
``parameters`` (typed and commented, so ``papermill --help-notebook`` explains
it). :func:`run_report` validates the parameters against that cell *before* a
kernel starts (papermill alone only warns), executes the notebook on the pinned
``mediakit`` kernel with a timeout, and writes one folder per run::

    <output_dir>/<report>/<run>/
        <report>.ipynb      the executed notebook (kept when a cell fails)
        <report>.html       the report without code cells
        tables/<name>.csv   every table the notebook saved, also as .parquet
        figures/<name>.png  every figure the notebook saved
        summary.json        headline numbers, plus a "run" record

Notebooks hold no logic: they call mediakit, and save through
:class:`ReportOutput` (``out = report_output(output_dir)``; ``out.table(...)``,
``out.figure(...)``, ``out.summary(...)``). :func:`load_report_corpus`,
:func:`pick_article`, :func:`article_page`, :func:`describe_corpus` and
:func:`use_lexicons` are the other helpers they call.
"""
from __future__ import annotations

import ast
import datetime as dt
import glob
import json
import math
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from mediakit import _progress

__all__ = [
    "run_report",
    "list_reports",
    "report_path",
    "report_parameters",
    "validate_parameters",
    "report_output",
    "ReportOutput",
    "load_report_corpus",
    "pick_article",
    "article_page",
    "describe_corpus",
    "use_lexicons",
    "ReportError",
    "ParameterError",
    "CorpusError",
    "CellFailed",
    "KernelDied",
    "DEFAULT_TIMEOUT",
    "KERNEL_NAME",
]

KERNEL_NAME = "mediakit"
DEFAULT_TIMEOUT = 600.0  # seconds per cell; scheduled runs must never hang forever
_RESERVED = ("output_dir",)  # set by run_report, never by the user
_NOTEBOOKS_ENV = "MEDIAKIT_NOTEBOOKS"


# --------------------------------------------------------------------------- errors
class ReportError(Exception):
    """Base class of the errors :func:`run_report` raises."""

    exit_code = 1


class ParameterError(ReportError, ValueError):
    """A parameter the notebook does not declare, or of the wrong type."""

    exit_code = 2


class CorpusError(ReportError, ValueError):
    """The corpus is missing, unreadable, or yields no article to report on."""

    exit_code = 2


class CellFailed(ReportError, RuntimeError):
    """A notebook cell raised; the executed notebook was still written.

    Attributes:
        notebook: path of the executed notebook holding the error.
        cell: index of the failing cell in that notebook (0-based).
        execution_count: its ``In [n]`` number.
        ename, evalue: the exception name and message raised in the cell.
        run_dir: the run folder.
    """

    exit_code = 1

    def __init__(self, message: str, *, notebook: Path, cell: int | None = None,
                 execution_count: int | None = None, ename: str = "", evalue: str = "",
                 run_dir: Path | None = None) -> None:
        super().__init__(message)
        self.notebook = notebook
        self.cell = cell
        self.execution_count = execution_count
        self.ename = ename
        self.evalue = evalue
        self.run_dir = run_dir


class KernelDied(CellFailed):
    """The kernel died while running the notebook (out of memory, a crash...)."""


# ------------------------------------------------------------------- finding reports
def _notebook_dirs() -> list[Path]:
    """Folders searched for reports: ``$MEDIAKIT_NOTEBOOKS`` if set, else the defaults."""
    dirs = [Path(p) for p in os.environ.get(_NOTEBOOKS_ENV, "").split(os.pathsep) if p]
    if not dirs:
        here = Path(__file__).resolve().parent
        dirs = [here.parents[1] / "notebooks",  # the source checkout (src layout)
                here / "notebooks"]  # installed package data
    return [d for d in dirs if d.is_dir()]


def _report_files() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in _notebook_dirs():
        for path in sorted(folder.glob("*.ipynb")):
            if not path.stem.startswith(("_", ".")) and path.stem not in found:
                found[path.stem] = path
    return found


def report_path(name: str | os.PathLike[str]) -> Path:
    """The notebook of report ``name`` (a report name, or a path to any ``.ipynb``).

    Raises:
        ParameterError: no such report (the message lists the known ones).
    """
    text = os.fspath(name)
    if text.endswith(".ipynb"):
        path = Path(text).expanduser()
        if not path.is_file():
            raise ParameterError(f"notebook not found: {path}\n  what to do: check the path, or give a "
                                 f"report name (`mediakit report --list`)")
        return path.resolve()
    reports = _report_files()
    if text not in reports:
        known = ", ".join(sorted(reports)) or "none found"
        raise ParameterError(f"unknown report {text!r} (known reports: {known})\n  what to do: use one "
                             f"of those names, or a path to a .ipynb; `mediakit report --list` "
                             f"describes them")
    return reports[text]


def _report_name(path: Path) -> str:
    return path.stem


# ----------------------------------------------------------------------- parameters
def _parameters_cell_count(path: Path) -> int:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    return sum("parameters" in c.get("metadata", {}).get("tags", []) for c in nb.cells)


def _assigned_names(path: Path) -> list[str]:
    """Names assigned at top level in the notebook's parameters cell."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            try:
                tree = ast.parse(cell.source)
            except SyntaxError as exc:
                raise ParameterError(f"{path.name}: the parameters cell is not valid Python: {exc}") from None
            names = []
            for node in tree.body:
                if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                    names.append(node.target.id)
                elif isinstance(node, ast.Assign):
                    names += [t.id for t in node.targets if isinstance(t, ast.Name)]
            return names
    return []


def report_parameters(name: str | os.PathLike[str]) -> dict[str, dict[str, Any]]:
    """The parameters a report declares: ``{name: {"type", "default", "help"}}``.

    ``default`` is the Python value (the literal in the parameters cell).

    Raises:
        ParameterError: unknown report, or a notebook without exactly one
            ``parameters`` cell.
    """
    from papermill import inspect_notebook

    path = report_path(name)
    n_cells = _parameters_cell_count(path)
    if n_cells != 1:
        raise ParameterError(
            f"{path.name} has {n_cells} cells tagged 'parameters'; a report needs exactly one"
        )
    params = inspect_notebook(str(path))
    missed = [n for n in _assigned_names(path) if n not in params]
    if missed:
        raise ParameterError(
            f"{path.name}: papermill cannot read the parameters line for {missed[0]!r} "
            f"(write `name: type = value  # help` with a plain type such as str, int, list[str], and no '=' in the comment)"
        )
    out: dict[str, dict[str, Any]] = {}
    for pname, info in params.items():
        try:
            default = ast.literal_eval(info["default"])
        except (ValueError, SyntaxError):
            default = info["default"]
        type_name = info["inferred_type_name"]
        if type_name in ("None", "", None):
            type_name = type(default).__name__ if default is not None else "any"
        out[pname] = {"type": type_name, "default": default, "help": info.get("help", "")}
    return out


def _description(path: Path) -> str:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                line = line.strip().lstrip("#").strip()
                if line:
                    return line
    return ""


def list_reports() -> pd.DataFrame:
    """The available reports and their parameters, one row per (report, parameter).

    Columns: ``report``, ``description`` (the notebook's first heading),
    ``parameter``, ``type``, ``default``, ``help``, ``path``.
    """
    rows = []
    for name, path in _report_files().items():
        desc = _description(path)
        try:
            params = report_parameters(path)
        except ParameterError as exc:
            rows.append({"report": name, "description": desc, "parameter": None,
                         "type": None, "default": None, "help": str(exc), "path": str(path)})
            continue
        for pname, info in params.items():
            rows.append({"report": name, "description": desc, "parameter": pname,
                         "type": info["type"], "default": info["default"],
                         "help": info["help"], "path": str(path)})
    return pd.DataFrame(rows, columns=["report", "description", "parameter", "type",
                                       "default", "help", "path"])


_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


def _parse_structured(raw: str) -> Any:
    """JSON first, then YAML (``'["NATO","sanctions"]'`` or ``'[NATO, sanctions]'``)."""
    try:
        return json.loads(raw)
    except ValueError:
        pass
    import yaml

    try:
        return yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise ValueError(f"not JSON or YAML ({exc.__class__.__name__})") from None


def _as_str(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dt.datetime | dt.date):  # YAML turns 2022-01-01 into a date
        return value.isoformat()
    raise TypeError


def _coerce(name: str, value: Any, type_name: str, *, from_text: bool) -> Any:
    """``value`` converted to the declared ``type_name``; ParameterError if it cannot be."""
    base, _, inner = type_name.partition("[")
    inner = inner.rstrip("]")
    example = {"list": '\'["NATO", "sanctions"]\'', "dict": "'{\"key\": 1}'"}

    def fail(why: str = "") -> ParameterError:
        got = repr(value) if from_text else f"{value!r} ({type(value).__name__})"
        hint = f"; pass JSON or YAML, e.g. {example[base]}" if base in example else ""
        return ParameterError(
            f"parameter {name!r} expects {type_name}, got {got}{why}{hint}"
        )

    try:
        if base in ("any", "object"):
            return _parse_structured(value) if from_text else value
        if base == "str":
            return value if from_text else _as_str(value)
        if base == "bool":
            if isinstance(value, bool):
                return value
            if from_text and value.strip().lower() in _TRUE | _FALSE:
                return value.strip().lower() in _TRUE
            raise fail()
        if base == "int":
            if from_text:
                return int(value.strip())
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            raise fail()
        if base == "float":
            if from_text:
                out = float(value.strip())
            elif isinstance(value, int | float) and not isinstance(value, bool):
                out = float(value)
            else:
                raise fail()
            if not math.isfinite(out):
                raise fail(" (not a finite number)")
            return out
        if base in ("list", "tuple", "dict"):
            parsed = _parse_structured(value) if from_text else value
            if base == "dict":
                if not isinstance(parsed, Mapping):
                    raise fail()
                return dict(parsed)
            if isinstance(parsed, str) or not isinstance(parsed, Sequence):
                raise fail()
            items = list(parsed)
            if inner:
                items = [_coerce(f"{name}[{i}]", item, inner, from_text=False)
                         for i, item in enumerate(items)]
            return items
    except ParameterError:
        raise
    except (TypeError, ValueError) as exc:
        why = f" ({exc})" if isinstance(exc, ValueError) and str(exc) else ""
        raise fail(why) from None
    # a type we do not know how to check: take the value as given
    return value


def _check_date(name: str, value: Any) -> None:
    if value in ("", None):
        return
    try:
        pd.Timestamp(value)
    except (ValueError, TypeError):
        raise ParameterError(
            f"parameter {name!r}: {value!r} is not a date (use YYYY-MM-DD, or \"\" for no bound)"
        ) from None


def _check_freq(name: str, value: Any) -> None:
    from pandas.tseries.frequencies import to_offset

    try:
        to_offset(value)
    except (ValueError, TypeError):
        raise ParameterError(
            f"parameter {name!r}: {value!r} is not a pandas offset alias (e.g. \"D\", \"W\", \"MS\")"
        ) from None


def _check_match(name: str, value: Any) -> None:
    if value not in ("stem", "exact", "regex"):
        raise ParameterError(f"parameter {name!r}: {value!r} is not one of stem, exact, regex")


def _check_nonempty(name: str, value: Any) -> None:
    if not value:
        raise ParameterError(f"parameter {name!r}: give at least one")


def _check_positive(name: str, value: Any) -> None:
    if value < 1:
        raise ParameterError(f"parameter {name!r}: {value!r} must be at least 1")


# value checks beyond the type, by parameter name (the notebooks share these names)
_VALUE_CHECKS = {
    "start": _check_date, "end": _check_date, "freq": _check_freq, "match": _check_match,
    "terms": _check_nonempty, "top": _check_positive, "kwic_rows": _check_positive,
}


def validate_parameters(
    name: str | os.PathLike[str],
    parameters: Mapping[str, Any] | None = None,
    *,
    from_text: Sequence[str] = (),
) -> dict[str, Any]:
    """Check ``parameters`` against the report's parameters cell and convert them.

    Args:
        name: report name or notebook path.
        parameters: values by name.
        from_text: names whose values are raw command-line text (``-p NAME VALUE``):
            these are converted to the declared type (lists as JSON or YAML).

    Returns:
        The converted parameters.

    Raises:
        ParameterError: an unknown name, a value of the wrong type, an invalid
            date (``start``/``end``), offset alias (``freq``) or ``match``, no
            ``terms``, or a count (``top``, ``kwic_rows``) below 1.
    """
    declared = report_parameters(name)
    path = report_path(name)
    out: dict[str, Any] = {}
    for pname, value in (parameters or {}).items():
        try:
            if pname not in declared:
                known = ", ".join(declared) or "none"
                raise ParameterError(
                    f"unknown parameter {pname!r} for report {_report_name(path)!r} "
                    f"(it takes: {known})"
                )
            converted = _coerce(pname, value, declared[pname]["type"], from_text=pname in from_text)
            if pname in _VALUE_CHECKS:
                _VALUE_CHECKS[pname](pname, converted)
        except ParameterError as exc:
            raise ParameterError(f"{exc}\n{_parameter_hint(path)}") from None
        out[pname] = converted
    return out


def _parameter_hint(path: Path) -> str:
    """The "what to do" line of a bad-parameter message."""
    return (f"  what to do: fix the value (-p NAME VALUE or the -f YAML file); the parameters "
            f"cell of {path} declares them, `mediakit report --list` shows each one's type, "
            f"default and help")


def _check_corpus(corpus: str) -> None:
    """Raise CorpusError unless ``corpus`` names something readable."""
    if not corpus:
        raise CorpusError(f"no corpus given\n  what to do: {_CORPUS_HINT}")
    if any(ch in corpus for ch in "*?["):
        if not glob.glob(corpus, recursive=True):
            raise CorpusError(
                f"corpus pattern matches no file: {corpus}\n  what to do: check the pattern "
                f"(relative to {Path.cwd()}; quote it so the shell does not expand it)")
        return
    path = Path(corpus)
    if not path.exists():
        raise CorpusError(
            f"corpus not found: {corpus}\n  what to do: check the path (relative paths are "
            f"taken from {Path.cwd()}); {_CORPUS_HINT}")
    if not os.access(path, os.R_OK):
        raise CorpusError(
            f"corpus not readable (permission denied): {corpus}\n  what to do: give the user "
            f"running the report read access (chmod/chown), or copy the corpus somewhere readable")
    if path.is_dir():
        try:
            next(iter(path.iterdir()), None)
        except OSError as exc:
            raise CorpusError(
                f"corpus folder not readable: {corpus} ({exc})\n  what to do: check the "
                f"folder's permissions (it needs read and execute access)") from None
        if not any(p.is_file() for p in path.rglob("*")):
            raise CorpusError(
                f"corpus folder holds no file: {corpus}\n  what to do: put the articles there "
                f"({_FORMATS}) or pass another --corpus")


_FORMATS = ".txt, .html, .md, .csv, .jsonl or .json files"
_CORPUS_HINT = f"pass --corpus PATH: a file, folder or glob of {_FORMATS}"


def _resolve_corpus(value: Any, base: Path) -> Any:
    """Absolute path(s) for a corpus parameter given relative to ``base``."""
    if isinstance(value, str) and value:
        path = Path(value).expanduser()
        return str(path if path.is_absolute() else (base / path).resolve())
    if isinstance(value, list):
        return [_resolve_corpus(v, base) for v in value]
    return value


# ---------------------------------------------------------------------------- output
def _jsonable(value: Any) -> Any:
    import numpy as np

    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, pd.Timestamp | dt.datetime | dt.date):
        return None if pd.isna(value) else value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if value is pd.NaT or value is None:
        return None
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _write_json(path: Path, data: Mapping[str, Any]) -> None:
    path.write_text(json.dumps(_jsonable(data), indent=2, ensure_ascii=False) + "\n",
                    encoding="utf-8")


def _flat(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with a plain index and string column names, ready for CSV/Parquet."""
    if isinstance(df, pd.Series):
        df = df.to_frame()
    out = df.copy()
    if not isinstance(out.index, pd.RangeIndex) or out.index.name is not None:
        out = out.reset_index()
    if isinstance(out.columns, pd.MultiIndex):
        out.columns = ["_".join(str(p) for p in col if str(p)) for col in out.columns]
    out.columns = [str(c) for c in out.columns]
    return out


def _as_text_where_needed(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with the object columns Arrow cannot type (mixed values) as text."""
    import pyarrow as pa

    out = df.copy()
    for column in out.columns:
        if out[column].dtype != object:
            continue
        try:
            pa.array(out[column], from_pandas=True)
        except (pa.ArrowException, ValueError, TypeError):
            out[column] = out[column].map(lambda v: None if v is None else str(v))
    return out


@dataclass
class ReportOutput:
    """Where a report notebook saves its tables, figures and headline numbers.

    With an empty ``output_dir`` (a notebook opened in JupyterLab) nothing is
    written: the methods only return what they were given, for display.
    """

    output_dir: str | os.PathLike[str] | None = None
    numbers: dict[str, Any] = field(default_factory=dict)
    tables: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)

    @property
    def path(self) -> Path | None:
        """The run folder, or None when not saving."""
        return Path(self.output_dir) if self.output_dir else None

    def table(self, name: str, df: pd.DataFrame) -> pd.DataFrame:
        """Save ``df`` as ``tables/<name>.csv`` and ``.parquet``; return ``df``."""
        self.tables.append(name)
        if self.path is None:
            return df
        folder = self.path / "tables"
        folder.mkdir(parents=True, exist_ok=True)
        flat = _flat(df)
        flat.to_csv(folder / f"{name}.csv", index=False)
        try:
            flat.to_parquet(folder / f"{name}.parquet", index=False)
        except (ValueError, TypeError, NotImplementedError):
            # pyarrow rejects mixed-type object columns: write them as text, keep the table
            _as_text_where_needed(flat).to_parquet(folder / f"{name}.parquet", index=False)
        return df

    def figure(self, name: str, fig: Any, *, dpi: int = 120) -> Any:
        """Save a matplotlib figure as ``figures/<name>.png``; return it for display.

        The figure is closed in pyplot, so a notebook shows it once: as the cell's
        value (end the cell with ``out.figure(...)``), not again at the cell's end.
        """
        import matplotlib.pyplot as plt

        self.figures.append(name)
        if self.path is not None:
            folder = self.path / "figures"
            folder.mkdir(parents=True, exist_ok=True)
            fig.savefig(folder / f"{name}.png", dpi=dpi, bbox_inches="tight")
        plt.close(fig)
        return fig

    def summary(self, **numbers: Any) -> dict[str, Any]:
        """Record headline numbers into ``summary.json`` (merged over earlier calls)."""
        self.numbers.update(numbers)
        if self.path is not None:
            self.path.mkdir(parents=True, exist_ok=True)
            _write_json(self.path / "summary.json", self.numbers)
        return dict(self.numbers)


def report_output(output_dir: str | os.PathLike[str] | None) -> ReportOutput:
    """The :class:`ReportOutput` for a notebook's ``output_dir`` parameter."""
    return ReportOutput(output_dir)


# --------------------------------------------------------------- notebook helpers
def load_report_corpus(
    corpus: str | os.PathLike[str] | Sequence[str],
    *,
    start: str | None = None,
    end: str | None = None,
    outlets: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Load a corpus and keep the articles a report covers.

    Args:
        corpus: what :func:`mediakit.load_corpus` accepts (file, folder, glob, list).
        start, end: inclusive date bounds (``YYYY-MM-DD``; ``""``/None for none).
            With a bound, articles without a date are left out.
        outlets: keep only these outlets (empty = all).

    Raises:
        CorpusError: the corpus is missing or unreadable, or no article is left
            (the message says how many were loaded and what removed them).
    """
    from mediakit import load_corpus

    source = [os.fspath(c) for c in corpus] if isinstance(corpus, list | tuple) else os.fspath(corpus)
    for item in source if isinstance(source, list) else [source]:
        _check_corpus(item)
    try:
        df = load_corpus(source, progress=False)
    except (OSError, ValueError) as exc:
        raise CorpusError(
            f"cannot load corpus {corpus}: {exc}\n  what to do: fix or remove the file named "
            f"above, or pass another --corpus") from exc
    loaded = len(df)
    if loaded == 0:
        skipped = df.attrs.get("skipped")
        why = ""
        if isinstance(skipped, pd.DataFrame) and len(skipped):
            why = "; skipped: " + "; ".join(
                f"{Path(str(r.source_path)).name}: {r.reason}" for r in skipped.head(5).itertuples()
            )
        raise CorpusError(
            f"no article loaded from {corpus}{why}\n  what to do: every input was skipped for the "
            f"reason given; fix those files (encoding, format, a text column) or pass another "
            f"--corpus ({_FORMATS})")
    keep = pd.Series(True, index=df.index)
    if start:
        keep &= df["date"] >= pd.Timestamp(start, tz="UTC")
    if end:
        # inclusive: everything on the end day
        keep &= df["date"] < pd.Timestamp(end, tz="UTC") + pd.Timedelta(days=1)
    if outlets:
        keep &= df["outlet"].isin(list(outlets))
    out = df[keep]
    out.attrs = dict(df.attrs)
    out.attrs["loaded"] = loaded
    if out.empty:
        known = sorted(df["outlet"].dropna().astype(str).unique())
        raise CorpusError(
            f"none of the {loaded} articles in {corpus} is left after the filters "
            f"(start={start!r}, end={end!r}, outlets={list(outlets or [])!r}; "
            f"outlets in the corpus: {known})\n  what to do: widen start/end, or name outlets "
            f"as they are spelled in the corpus (-p outlets '[...]'; [] for all)"
        )
    return out


def describe_corpus(df: pd.DataFrame) -> str:
    """One line saying what a report covers: articles, outlets and date range.

    Articles without a date are counted and said so; a corpus where no article
    has a date says that instead of a range (no ``NaT`` formatting error).

    Args:
        df: A corpus table (:func:`load_report_corpus`), with ``date`` and ``outlet``.

    Returns:
        E.g. ``"32 articles from 3 outlets, 2021-10-04 to 2021-12-19"`` or
        ``"1 article from 0 outlets, no article has a date"``.
    """
    n = len(df)
    outlets = int(df["outlet"].nunique()) if "outlet" in df else 0
    line = f"{n} article{'s' if n != 1 else ''} from {outlets} outlet{'s' if outlets != 1 else ''}"
    dates = pd.to_datetime(df["date"], utc=True, errors="coerce") if "date" in df else pd.Series([], dtype=object)
    dated = dates.dropna()
    if dated.empty:
        return f"{line}, no article has a date" if n else line
    line += f", {dated.min():%Y-%m-%d} to {dated.max():%Y-%m-%d}"
    undated = n - len(dated)
    if undated:
        line += f" ({undated} without a date)"
    return line


def use_lexicons(folder: str | os.PathLike[str] | None) -> Path | None:
    """Add a folder of extra rule tables for this process (like ``$MEDIAKIT_LEXICONS``).

    A file there extends the packaged table of the same name (e.g. the demo
    corpus's fictional countries in ``data/lexicons/affiliations.csv``).
    ``""``/None or a folder that does not exist changes nothing.

    Returns:
        The folder added, or None.
    """
    if not folder:
        return None
    path = Path(folder).expanduser().resolve()
    if not path.is_dir():
        return None
    current = [p for p in os.environ.get("MEDIAKIT_LEXICONS", "").split(os.pathsep) if p]
    if str(path) not in current:
        os.environ["MEDIAKIT_LEXICONS"] = os.pathsep.join([*current, str(path)])
    return path


def pick_article(df: pd.DataFrame, article: str = "") -> pd.Series:
    """One article of ``df``: by ``doc_id``, file name, or title fragment.

    ``""`` picks the first article. An ``article`` that matches nothing falls
    back to the first article with a printed note (a teaching notebook should
    still run on any corpus).
    """
    if df.empty:
        raise CorpusError("no article to pick from an empty corpus\n  what to do: "
                          "widen the start/end/outlets filters or pass another --corpus")
    if article:
        needle = article.lower()
        for column in ("doc_id", "source_path", "title"):
            if column in df:
                hit = df[df[column].astype(str).str.lower().str.contains(needle, regex=False)]
                if len(hit):
                    return hit.iloc[0]
        print(f"No article matches {article!r}; showing the first one instead.")
    return df.iloc[0]


def article_page(row: pd.Series) -> Any:
    """The :class:`mediakit.Article` of a corpus row, with the page chrome when known.

    For an article loaded from a scraped ``.txt`` page the page is cleaned again
    so that ``chrome`` lists the lines the cleaner removed; for other inputs
    (CSV, JSON, Markdown) the Article is built from the row and ``chrome`` is empty.
    """
    from mediakit.clean import Article, clean_article

    path = Path(str(row.get("source_path") or ""))
    if path.suffix.lower() == ".txt" and path.is_file():
        page = clean_article(path.read_text(encoding="utf-8", errors="replace"))
        if page.text.strip() == str(row.get("text") or "").strip() or not row.get("text"):
            return page
    date = row.get("date")
    return Article(
        text=str(row.get("text") or ""),
        title=row.get("title"),
        date=None if pd.isna(date) else date,
        date_source=row.get("date_source"),
        wire=row.get("wire"),
        dateline=row.get("dateline"),
        byline=row.get("byline"),
        contributors=list(row.get("contributors") or []),
        captions=list(row.get("captions") or []),
        photo_credits=list(row.get("photo_credits") or []),
    )


# -------------------------------------------------------------------------- running
def _run_name(base: Path) -> str:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    name, i = stamp, 1
    while (base / name).exists():
        i += 1
        name = f"{stamp}-{i}"
    return name


def _failed_cell(nb_path: Path) -> tuple[int | None, int | None, str, str, str]:
    """(index, execution count, ename, evalue, first source line) of the first error."""
    import nbformat

    try:
        nb = nbformat.read(nb_path, as_version=4)
    except (OSError, ValueError):
        return None, None, "", "", ""
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                first = next((ln for ln in cell.source.splitlines() if ln.strip()), "")
                return (index, cell.get("execution_count"), output.get("ename", ""),
                        output.get("evalue", ""), first)
    return None, None, "", "", ""


def _last_started_cell(nb_path: Path) -> tuple[int | None, int | None, str]:
    """(index, execution count, first source line) of the last cell papermill started."""
    import nbformat

    try:
        nb = nbformat.read(nb_path, as_version=4)
    except (OSError, ValueError):
        return None, None, ""
    found: tuple[int | None, int | None, str] = (None, None, "")
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and cell.get("metadata", {}).get("papermill", {}).get("start_time"):
            first = next((ln for ln in cell.source.splitlines() if ln.strip()), "")
            found = (index, cell.get("execution_count"), first)
    return found


def _export_html(nb_path: Path, html_path: Path) -> None:
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(nb_path, as_version=4)
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    html_path.write_text(body, encoding="utf-8")


def _update_summary(run_dir: Path, record: Mapping[str, Any]) -> None:
    path = run_dir / "summary.json"
    data: dict[str, Any] = {}
    if path.is_file():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            data = {}
    data["run"] = dict(record)
    _write_json(path, data)


def _latest_link(report_dir: Path, run_dir: Path) -> None:
    link = report_dir / "latest"
    try:
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(run_dir.name, target_is_directory=True)
    except OSError:  # e.g. filesystems without symlinks: the link is a convenience
        pass


def run_report(
    name: str | os.PathLike[str],
    *,
    corpus: str | os.PathLike[str] | None = None,
    parameters: Mapping[str, Any] | None = None,
    output_dir: str | os.PathLike[str] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    kernel_name: str = KERNEL_NAME,
    run_name: str | None = None,
    text_parameters: Sequence[str] = (),
    progress: bool = False,
) -> Path:
    """Execute report ``name`` with papermill and write its outputs.

    Args:
        name: a report in ``notebooks/`` (see :func:`list_reports`) or a path to a notebook.
        corpus: the corpus to report on (a file, folder or glob); relative
            paths are taken from the current directory. Default: the notebook's.
        parameters: other notebook parameters, checked against its parameters cell.
        output_dir: base folder; the run goes to ``<output_dir>/<report>/<run>/``.
            Default ``data/processed``.
        timeout: seconds any one cell may run (None: no limit, not advised).
        kernel_name: the Jupyter kernel (registered by ``make setup``).
        run_name: the run folder's name (default: a UTC timestamp).
        text_parameters: names in ``parameters`` that are raw command-line text
            to convert to the declared type.
        progress: show papermill's progress bar.

    Returns:
        The run folder.

    Raises:
        ParameterError: unknown report or parameter, wrong type (nothing is run).
        CorpusError: missing or unreadable corpus (before running), or the
            notebook's corpus step failed on it.
        CellFailed: a cell raised or timed out; the executed notebook and its
            HTML are written, with the error in the failing cell.
        KernelDied: the kernel died.
    """
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    nb_path = report_path(name)
    report = _report_name(nb_path)
    params = dict(parameters or {})
    reserved = [p for p in _RESERVED if p in params]
    if reserved:
        raise ParameterError(f"parameter {reserved[0]!r} is set by the runner; use the output folder "
                             f"option instead (--out DIR, or output_dir= in run_report)")
    if corpus is not None:
        if "corpus" in params:
            raise ParameterError("corpus given twice (as an option and as a parameter)\n  what to do: "
                                 "give it once, with --corpus PATH (or corpus= in run_report)")
        params["corpus"] = os.fspath(corpus)
    params = validate_parameters(nb_path, params, from_text=text_parameters)
    declared = report_parameters(nb_path)

    if "corpus" in declared:
        if "corpus" in params:
            params["corpus"] = _resolve_corpus(params["corpus"], Path.cwd())
        else:
            params["corpus"] = _resolve_corpus(declared["corpus"]["default"], nb_path.parent)
        for item in params["corpus"] if isinstance(params["corpus"], list) else [params["corpus"]]:
            _check_corpus(item)
    if "lexicons" in declared:
        if params.get("lexicons"):
            params["lexicons"] = _resolve_corpus(params["lexicons"], Path.cwd())
            if not Path(params["lexicons"]).is_dir():
                raise ParameterError(
                    f"parameter 'lexicons': no such folder: {params['lexicons']}\n  what to do: "
                    f"check the path (relative paths are taken from {Path.cwd()}), or -p lexicons "
                    f"'' for none")
        elif "lexicons" not in params and declared["lexicons"]["default"]:
            params["lexicons"] = _resolve_corpus(declared["lexicons"]["default"], nb_path.parent)

    base = Path(output_dir if output_dir is not None else Path("data") / "processed")
    report_dir = (base / report).resolve()
    report_dir.mkdir(parents=True, exist_ok=True)
    run_dir = report_dir / (run_name or _run_name(report_dir))
    run_dir.mkdir(parents=True, exist_ok=run_name is not None)
    if "output_dir" in declared:
        params["output_dir"] = str(run_dir)
    out_nb = run_dir / f"{report}.ipynb"

    record: dict[str, Any] = {
        "report": report,
        "notebook": str(nb_path),
        "parameters": params,
        "kernel": kernel_name,
        "timeout": timeout,
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    t0 = time.perf_counter()
    error: ReportError | None = None
    # per-article results are cached next to the runs (the kernel's working
    # directory is notebooks/), unless the caller chose a cache folder
    cache_env = os.environ.get("MEDIAKIT_CACHE_DIR")
    if cache_env is None:
        os.environ["MEDIAKIT_CACHE_DIR"] = str((base / ".cache").resolve())
    # nobody watches a scheduled run: no progress bars in its notebook and HTML
    # (unless the caller asked for them)
    progress_env = os.environ.get(_progress.ENV)
    if progress_env is None:
        os.environ[_progress.ENV] = "0"
    try:
        pm.execute_notebook(
            str(nb_path), str(out_nb), parameters=params, kernel_name=kernel_name,
            execution_timeout=timeout, cwd=str(nb_path.parent), progress_bar=progress,
            report_mode=False,
        )
    except PapermillExecutionError as exc:
        index, count, ename, evalue, first = _failed_cell(out_nb)
        ename = ename or exc.ename
        evalue = evalue or exc.evalue
        where = f"cell {index} (In [{count}])" if index is not None else f"cell In [{exc.exec_count}]"
        message = f"{report}: {where} raised {ename}: {evalue}"
        if first:
            message += f"\n  the cell starts: {first.strip()}"
        message += f"\n  executed notebook with the error: {out_nb}"
        message += (f"\n  what to do: open that notebook (or {report}.html next to it) at {where} "
                    f"for the traceback; fix the input or parameter it points to and run again, "
                    f"or report it as a bug with the notebook attached")
        if ename in ("CorpusError", "ParameterError"):
            error = (CorpusError if ename == "CorpusError" else ParameterError)(
                f"{report}: {evalue}\n  executed notebook: {out_nb}")
        else:
            error = CellFailed(message, notebook=out_nb, cell=index, execution_count=count,
                               ename=ename, evalue=evalue, run_dir=run_dir)
    except Exception as exc:  # nbclient raises its own types for timeouts and dead kernels
        kind = type(exc).__name__
        if kind == "NoSuchKernel":
            raise ReportError(f"no Jupyter kernel named {kernel_name!r}: run `make setup` "
                              f"(it registers the project's kernel)") from exc
        if kind not in ("DeadKernelError", "CellTimeoutError") and not isinstance(exc, TimeoutError):
            raise
        index, count, first = _last_started_cell(out_nb)
        where = f"cell {index} (In [{count}])" if index is not None else "a cell"
        if kind == "DeadKernelError":
            message = f"{report}: the kernel died while running {where}"
            cls: type[CellFailed] = KernelDied
            todo = ("the kernel usually dies when it runs out of memory: run on less data "
                    "(-p start/end/outlets, a smaller --corpus) or with more memory; "
                    "check the kernel's log (dmesg, journalctl) for an out-of-memory kill")
        else:
            message = f"{report}: {where} ran longer than the {timeout:g} s timeout and was stopped"
            cls = CellFailed
            todo = ("raise the limit (--timeout SECONDS, per cell) or run on less data "
                    "(-p start/end/outlets, a smaller --corpus)")
        if first:
            message += f"\n  the cell starts: {first.strip()}"
        message += f"\n  partial notebook: {out_nb}"
        message += f"\n  what to do: {todo}"
        error = cls(message, notebook=out_nb, cell=index, execution_count=count,
                    ename=kind, evalue=str(exc), run_dir=run_dir)
    finally:
        if cache_env is None:
            os.environ.pop("MEDIAKIT_CACHE_DIR", None)
        if progress_env is None:
            os.environ.pop(_progress.ENV, None)
    record["seconds"] = round(time.perf_counter() - t0, 2)
    record["status"] = "ok" if error is None else "failed"
    if error is not None:
        record["error"] = str(error)
    if out_nb.is_file():
        _export_html(out_nb, run_dir / f"{report}.html")
    _update_summary(run_dir, record)
    if error is None:
        _latest_link(report_dir, run_dir)
    else:
        raise error
    return run_dir
