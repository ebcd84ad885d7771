"""The ``mediakit`` command as a scheduler calls it: exit codes, messages, files.

Calls ``mediakit.cli.main`` in-process (and the installed console script once)
on a fixture notebook (a report folder given by $MEDIAKIT_NOTEBOOKS), so nothing
here depends on the analysis modules.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from mediakit.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "report_fixture.ipynb"
MEDIAKIT = Path(sys.executable).with_name("mediakit")
TEXT = "NATO troops said NATO. Troops and sanctions, NATO.\n"


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def env(tmp_path: Path, monkeypatch) -> dict[str, str]:
    books = tmp_path / "books"
    books.mkdir()
    shutil.copy(FIXTURE, books / "alpha.ipynb")
    shutil.copy(FIXTURE, books / "beta.ipynb")
    (tmp_path / "corpus.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.setenv("MEDIAKIT_NOTEBOOKS", str(books))
    monkeypatch.chdir(tmp_path)
    return {**os.environ, "MEDIAKIT_NOTEBOOKS": str(books)}


@pytest.fixture
def run(capsys):
    def call(args: list[str], env: dict[str, str], cwd: Path) -> Result:
        try:
            code = main(args)
        except SystemExit as exc:  # argparse errors
            code = exc.code
        out = capsys.readouterr()
        return Result(code, out.out, out.err)

    return call


def test_list_shows_reports_parameters_types_defaults_help(env, run, tmp_path):
    res = run(["report", "--list"], env, tmp_path)
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[0] == "alpha: Fixture report"
    assert any(ln.strip().startswith("terms: list[str] = ['NATO', 'troops']") and ln.endswith("words to count")
               for ln in lines)
    assert sum(ln.startswith(("alpha:", "beta:")) for ln in lines) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-p", "bogus", "1"], "unknown parameter 'bogus'"),
        (["-p", "top", "three"], "parameter 'top' expects int"),
        (["-p", "terms", "NATO"], "parameter 'terms' expects list[str]"),
        (["-p", "start", "2022-13-45"], "'start': '2022-13-45' is not a date"),
        (["-p", "freq", "weekly"], "'freq': 'weekly' is not a pandas offset alias"),
        (["-p", "output_dir", "x"], "'output_dir' is set by the runner"),
    ],
)
def test_bad_parameters_exit_2_naming_them(env, run, tmp_path, args, message):
    res = run(["report", "alpha", "--corpus", "corpus.txt", "--out", "out", *args], env, tmp_path)
    assert res.returncode == 2
    assert message in res.stderr
    # names the notebook, and says what to do
    if "output_dir" in args:
        assert "use the output folder option instead (--out DIR" in res.stderr
    else:
        assert "what to do: fix the value" in res.stderr and "alpha.ipynb" in res.stderr
        assert "mediakit report --list" in res.stderr
    assert not (tmp_path / "out").exists()  # validated before anything ran


def test_missing_corpus_exit_2(env, run, tmp_path):
    res = run(["report", "alpha", "--corpus", "nowhere/articles", "--out", "out"], env, tmp_path)
    assert res.returncode == 2
    assert "corpus not found" in res.stderr and "nowhere/articles" in res.stderr
    assert f"what to do: check the path (relative paths are taken from {tmp_path})" in res.stderr


def test_unreadable_corpus_exit_2(env, run, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads any file: permission cannot be denied")
    locked = tmp_path / "corpus.txt"
    locked.chmod(0)
    try:
        res = run(["report", "alpha", "--corpus", "corpus.txt", "--out", "out"], env, tmp_path)
    finally:
        locked.chmod(0o644)
    assert res.returncode == 2 and "not readable" in res.stderr


def test_unknown_report_and_bad_params_file(env, run, tmp_path):
    res = run(["report", "gamma"], env, tmp_path)
    assert res.returncode == 2 and "unknown report 'gamma' (known reports: alpha, beta)" in res.stderr
    (tmp_path / "p.yaml").write_text("- just\n- a list\n")
    res = run(["report", "alpha", "-f", "p.yaml"], env, tmp_path)
    assert res.returncode == 2 and "must hold a mapping" in res.stderr
    assert "p.yaml" in res.stderr and "what to do: write one `name: value` a line" in res.stderr
    (tmp_path / "q.yaml").write_text("terms: [a, b\n")
    res = run(["report", "alpha", "-f", "q.yaml"], env, tmp_path)
    assert res.returncode == 2 and "q.yaml is not valid YAML" in res.stderr and "line 1" in res.stderr
    assert "what to do: fix the line shown above" in res.stderr
    res = run(["report", "alpha", "-f", "nofile.yaml"], env, tmp_path)
    assert res.returncode == 2 and "cannot read parameters file nofile.yaml" in res.stderr
    assert "what to do: check the path given to -f" in res.stderr
    res = run(["report"], env, tmp_path)
    assert res.returncode == 2 and "give a report NAME" in res.stderr


def test_console_script_failing_cell_exit_1_keeps_notebook(env, tmp_path):
    """The installed `mediakit` script, as cron runs it, on a notebook whose cell raises."""
    cmd = [str(MEDIAKIT)] if MEDIAKIT.exists() else [sys.executable, "-m", "mediakit.cli"]
    res = subprocess.run(cmd + ["report", "alpha", "--corpus", "corpus.txt", "-p", "fail", "true",
                                "--out", "out", "--run-name", "bad"],
                         env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert res.returncode == 1
    nb_path = tmp_path / "out" / "alpha" / "bad" / "alpha.ipynb"
    assert "raised ValueError: fixture asked to fail" in res.stderr
    assert "the cell starts: if fail:" in res.stderr and str(nb_path) in res.stderr
    assert "what to do: open that notebook (or alpha.html next to it)" in res.stderr
    nb = nbformat.read(nb_path, as_version=4)
    errors = [c for c in nb.cells if any(o.get("output_type") == "error" for o in c.get("outputs", []))]
    assert len(errors) == 1 and errors[0].source.startswith("if fail:")
    summary = json.loads((nb_path.parent / "summary.json").read_text())
    assert summary["run"]["status"] == "failed" and "fixture asked to fail" in summary["run"]["error"]
    html = (nb_path.parent / "alpha.html").read_text()
    assert "fixture asked to fail" in html  # the shared HTML shows the error too
    assert not (tmp_path / "out" / "alpha" / "latest").exists()


def test_all_runs_every_report_with_yaml_and_p(env, run, tmp_path):
    (tmp_path / "params.yaml").write_text("terms: [troops, sanctions]\nscale: 3\nstart: 2022-01-03\n")
    res = run(["report", "--all", "--corpus", "corpus.txt", "-f", "params.yaml", "-p", "scale", "2",
               "--out", "out", "--run-name", "w", "--timeout", "120"], env, tmp_path)
    assert res.returncode == 0, res.stderr
    assert res.stdout.split() == [str(tmp_path / "out" / n / "w") for n in ("alpha", "beta")]
    for name in ("alpha", "beta"):
        run_dir = tmp_path / "out" / name / "w"
        assert sorted(p.name for p in run_dir.iterdir()) == [
            f"{name}.html", f"{name}.ipynb", "figures", "summary.json", "tables"]
        assert sorted(p.name for p in (run_dir / "tables").iterdir()) == [
            "counts.csv", "counts.parquet", "top_words.csv", "top_words.parquet"]
        assert (run_dir / "figures" / "counts.png").read_bytes()[:4] == b"\x89PNG"
        csv = (run_dir / "tables" / "counts.csv").read_text().splitlines()
        assert csv == ["term,count", "troops,4.0", "sanctions,2.0"]  # -p scale 2 overrides the file's 3
        summary = json.loads((run_dir / "summary.json").read_text())
        assert summary["n_words"] == 8 and summary["top"] == 3
        params = summary["run"]["parameters"]
        assert params["corpus"] == str(tmp_path / "corpus.txt")
        assert params["start"] == "2022-01-03"  # a YAML date arrives as the string the notebook declares
        assert params["scale"] == 2.0 and summary["run"]["status"] == "ok"
        assert (tmp_path / "out" / name / "latest").resolve() == run_dir


def test_all_rejects_a_parameter_no_report_declares(env, run, tmp_path):
    res = run(["report", "--all", "--corpus", "corpus.txt", "-p", "tems", "[a]"], env, tmp_path)
    assert res.returncode == 2 and "unknown parameter 'tems'" in res.stderr
    assert "what to do: check its spelling" in res.stderr


def test_cache_clear_hook(env, run, tmp_path):
    cache = tmp_path / "cache" / "quotes"
    (cache / "fingerprint" / "index").mkdir(parents=True)  # the layout cached_map writes
    (cache / "fingerprint" / "index" / "a.parquet").write_bytes(b"x")
    other = tmp_path / "cache" / "notes"  # not a cache stage: left alone
    other.mkdir()
    (other / "keep.txt").write_text("mine")
    res = run(["cache", "clear", "--cache-dir", str(tmp_path / "cache")], env, tmp_path)
    assert res.returncode == 0 and "removed 1 cached file" in res.stdout
    assert not cache.exists() and (other / "keep.txt").is_file()
