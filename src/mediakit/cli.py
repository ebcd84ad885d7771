"""The ``mediakit`` command: what a scheduler (cron, CI, ``make report``) calls.

::

    mediakit report NAME [--corpus PATH] [-p NAME VALUE]... [-f params.yaml]
                         [--out DIR] [--timeout SECONDS]
    mediakit report --list
    mediakit report --all [--corpus PATH] [--out DIR]
    mediakit cache clear [--cache-dir DIR] [--stage S]...

Exit codes: 0 success; 1 a cell failed, timed out, or the kernel died (the
executed notebook is still written and named in the message); 2 bad
parameters, an unknown report, or a missing/unreadable corpus (nothing run).
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["main", "build_parser"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``mediakit`` command."""
    from mediakit import __version__
    from mediakit.report import DEFAULT_TIMEOUT, KERNEL_NAME

    parser = argparse.ArgumentParser(
        prog="mediakit",
        description="Analyse news coverage: run report notebooks over a corpus of articles.",
    )
    parser.add_argument("--version", action="version", version=f"mediakit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    rep = sub.add_parser(
        "report",
        help="run a report notebook (or --list them)",
        description=(
            "Run a report notebook with papermill. Output goes to "
            "OUT/<report>/<run>/: the executed notebook, an HTML report without code, "
            "tables (CSV and Parquet), figures (PNG) and summary.json. "
            "Exit 0 ok, 1 a cell failed, 2 bad parameters or corpus."
        ),
    )
    rep.add_argument("name", nargs="?", help="report name (see --list) or a path to a .ipynb")
    rep.add_argument("--list", action="store_true", help="list the reports and their parameters")
    rep.add_argument("--all", action="store_true", help="run every report")
    rep.add_argument("--corpus", metavar="PATH", help="file, folder or glob of articles")
    rep.add_argument(
        "-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
        help="set a notebook parameter; lists as JSON or YAML: -p terms '[\"NATO\",\"sanctions\"]'",
    )
    rep.add_argument("-f", "--parameters-file", metavar="YAML",
                     help="YAML mapping of parameters (-p values override it)")
    rep.add_argument("--out", metavar="DIR", default="data/processed",
                     help="output base folder (default: data/processed)")
    rep.add_argument("--timeout", metavar="SECONDS", type=float, default=DEFAULT_TIMEOUT,
                     help=f"seconds any one cell may run (default {DEFAULT_TIMEOUT:g}; 0 = no limit)")
    rep.add_argument("--kernel", default=KERNEL_NAME, help=f"Jupyter kernel (default {KERNEL_NAME})")
    rep.add_argument("--run-name", metavar="NAME", help="run folder name (default: UTC timestamp)")
    rep.add_argument("--progress", action="store_true", help="show a progress bar")

    cache = sub.add_parser("cache", help="manage the per-article result cache",
                           add_help=False)
    cache.add_argument("cache_args", nargs=argparse.REMAINDER)
    return parser


def _print_reports() -> int:
    from mediakit.report import list_reports

    table = list_reports()
    if table.empty:
        print("no report notebooks found", file=sys.stderr)
        return EXIT_USAGE
    for report, rows in table.groupby("report", sort=True):
        print(f"{report}: {rows['description'].iloc[0]}")
        for row in rows.itertuples():
            if row.parameter is None:
                print(f"    ({row.help})")
                continue
            line = f"    {row.parameter}: {row.type} = {row.default!r}"
            print(f"{line:<56}  {row.help}" if row.help else line)
    return EXIT_OK


def _load_params_file(path: str) -> dict[str, Any]:
    import yaml

    from mediakit.report import ParameterError

    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ParameterError(f"cannot read parameters file {path}: {exc.strerror or exc}\n"
                             f"  what to do: check the path given to -f (relative to the "
                             f"current folder, {Path.cwd()})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ParameterError(f"parameters file {path} is not valid YAML: {exc}\n"
                             f"  what to do: fix the line shown above (one `name: value` a line; "
                             f"lists as [a, b])") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ParameterError(f"parameters file {path} must hold a mapping of name: value\n"
                             f"  what to do: write one `name: value` a line, e.g. `freq: W`")
    return {str(k): v for k, v in data.items()}


def _run_one(name: str, args: argparse.Namespace, params: dict[str, Any], text: list[str],
             corpus: str | None) -> int:
    from mediakit.report import ReportError, run_report

    try:
        run_dir = run_report(
            name, corpus=corpus, parameters=params, output_dir=args.out,
            timeout=args.timeout or None, kernel_name=args.kernel, run_name=args.run_name,
            text_parameters=text, progress=args.progress,
        )
    except ReportError as exc:
        kind = "error" if exc.exit_code == EXIT_USAGE else "failed"
        print(f"mediakit report: {kind}: {exc}", file=sys.stderr)
        return exc.exit_code
    print(run_dir)
    return EXIT_OK


def _report(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from mediakit.report import ParameterError, list_reports

    if args.list:
        return _print_reports()
    if bool(args.name) == bool(args.all):
        parser.error("give a report NAME, or --all, or --list")
    try:
        params = _load_params_file(args.parameters_file) if args.parameters_file else {}
    except ParameterError as exc:
        print(f"mediakit report: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    text: list[str] = []
    for pname, value in args.parameter:
        params[pname] = value
        text.append(pname)
    corpus = args.corpus
    if corpus is None and "corpus" in params:
        corpus = params.pop("corpus")
        if "corpus" in text:
            text.remove("corpus")
    if not args.all:
        return _run_one(args.name, args, params, text, corpus)

    names = list(dict.fromkeys(list_reports()["report"]))
    if not names:
        print("mediakit report: error: no report notebooks found", file=sys.stderr)
        return EXIT_USAGE
    # each report gets the parameters it declares; a name no report declares is an error
    from mediakit.report import report_parameters

    declared = {name: report_parameters(name) for name in names}
    stray = [p for p in params if not any(p in d for d in declared.values())]
    if stray:
        print(f"mediakit report: error: unknown parameter {stray[0]!r}: no report declares it\n"
              f"  what to do: check its spelling; `mediakit report --list` shows each report's "
              f"parameters", file=sys.stderr)
        return EXIT_USAGE
    codes = []
    for name in names:
        print(f"== {name}", file=sys.stderr)
        own = {k: v for k, v in params.items() if k in declared[name]}
        codes.append(_run_one(name, args, own, [t for t in text if t in own], corpus))
    return max(codes)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``mediakit`` console script; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["cache"]:
        rest = argv[1:]
        if rest[:1] != ["clear"]:
            print("usage: mediakit cache clear [--cache-dir DIR] [--stage S]...", file=sys.stderr)
            return EXIT_USAGE
        from mediakit.cache import cache_clear_command

        return cache_clear_command(rest[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "report":
        return _report(args, parser)
    parser.print_help()
    return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
