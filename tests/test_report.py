"""Report notebooks run by papermill: parameters checked first, outputs written,
failures reported with their cell, and every shipped notebook executed once on a
small corpus with its parameters overridden."""
from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from mediakit import report as rp

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
FIXTURE = ROOT / "tests" / "fixtures" / "report_fixture.ipynb"
DEMO = ROOT / "data" / "raw" / "demo"
SEED = ROOT / "data" / "raw" / "000_d77f0df208c26749.txt"
REPORTS = ["term_frequency", "quote_density", "source_attribution", "media_literacy"]
TEXT = "NATO troops said NATO. Troops and sanctions, NATO.\n"


def _notebook(path: Path, *cells: str, params: str = "x: int = 1  # a number") -> Path:
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "mediakit", "display_name": "Python (mediakit)",
                                 "language": "python"}
    nb.cells = [new_code_cell(params, metadata={"tags": ["parameters"]}),
                *(new_code_cell(c) for c in cells)]
    nbformat.write(nb, path)
    return path


def _errors(nb: nbformat.NotebookNode) -> list[tuple[int, dict]]:
    return [(i, o) for i, c in enumerate(nb.cells) for o in c.get("outputs", [])
            if o.get("output_type") == "error"]


# ------------------------------------------------------------- validation, no kernel
def test_report_parameters_read_types_defaults_help():
    params = rp.report_parameters(FIXTURE)
    assert list(params) == ["corpus", "terms", "freq", "start", "scale", "top", "fail", "output_dir"]
    assert params["terms"] == {"type": "list[str]", "default": ["NATO", "troops"],
                               "help": "words to count"}
    assert params["scale"]["type"] == "float" and params["scale"]["default"] == 1.0
    assert params["fail"] == {"type": "bool", "default": False,
                              "help": "raise in the analysis cell (tests the failure path)"}


@pytest.mark.parametrize(
    ("given", "text", "expected"),
    [
        ({"terms": '["NATO","sanctions"]'}, ["terms"], {"terms": ["NATO", "sanctions"]}),
        ({"terms": "[NATO, sanctions]"}, ["terms"], {"terms": ["NATO", "sanctions"]}),
        ({"top": "7", "scale": "2.5", "fail": "yes"}, ["top", "scale", "fail"],
         {"top": 7, "scale": 2.5, "fail": True}),
        ({"top": 7, "scale": 2, "terms": ("a", "b")}, [], {"top": 7, "scale": 2.0, "terms": ["a", "b"]}),
        ({"start": "2022-01-03", "freq": "MS"}, ["start", "freq"], {"start": "2022-01-03", "freq": "MS"}),
        ({"start": pd.Timestamp("2022-01-03").date()}, [], {"start": "2022-01-03"}),
        ({"corpus": "2022-01-03"}, ["corpus"], {"corpus": "2022-01-03"}),  # str stays str
    ],
)
def test_validate_converts_to_declared_types(given, text, expected):
    assert rp.validate_parameters(FIXTURE, given, from_text=text) == expected


@pytest.mark.parametrize(
    ("given", "text", "message"),
    [
        ({"termz": "[a]"}, ["termz"], "unknown parameter 'termz' for report 'report_fixture' (it takes: corpus, terms"),
        ({"top": "3.5"}, ["top"], "parameter 'top' expects int, got '3.5'"),
        ({"top": True}, [], "parameter 'top' expects int, got True (bool)"),
        ({"top": 2.0}, [], "parameter 'top' expects int"),
        ({"scale": "nan"}, ["scale"], "parameter 'scale' expects float, got 'nan' (not a finite number)"),
        ({"fail": "maybe"}, ["fail"], "parameter 'fail' expects bool, got 'maybe'"),
        ({"terms": "NATO"}, ["terms"], "parameter 'terms' expects list[str], got 'NATO'; pass JSON or YAML"),
        ({"terms": ["NATO", 3]}, [], "parameter 'terms[1]' expects str, got 3 (int)"),
        ({"terms": "[NATO"}, ["terms"], "parameter 'terms' expects list[str]"),
        ({"corpus": 5}, [], "parameter 'corpus' expects str, got 5 (int)"),
        ({"start": "last tuesday"}, ["start"], "parameter 'start': 'last tuesday' is not a date"),
        ({"freq": "fortnightly"}, ["freq"], "parameter 'freq': 'fortnightly' is not a pandas offset alias"),
        ({"terms": "[]"}, ["terms"], "parameter 'terms': give at least one"),
        ({"top": "0"}, ["top"], "parameter 'top': 0 must be at least 1"),
    ],
)
def test_validate_rejects_with_a_message_naming_the_parameter(given, text, message):
    with pytest.raises(rp.ParameterError) as info:
        rp.validate_parameters(FIXTURE, given, from_text=text)
    assert message in str(info.value)
    assert info.value.exit_code == 2


def test_report_specific_values_are_checked():
    with pytest.raises(rp.ParameterError, match="'match': 'fuzzy' is not one of stem, exact, regex"):
        rp.validate_parameters("term_frequency", {"match": "fuzzy"})
    with pytest.raises(rp.ParameterError, match="'kwic_rows': -1 must be at least 1"):
        rp.validate_parameters("term_frequency", {"kwic_rows": "-1"}, from_text=["kwic_rows"])
    assert rp.validate_parameters("term_frequency", {"events": '{"2022-02-24": invasion}'},
                                  from_text=["events"]) == {"events": {"2022-02-24": "invasion"}}
    with pytest.raises(rp.ParameterError, match="'events' expects dict"):
        rp.validate_parameters("term_frequency", {"events": "[1, 2]"}, from_text=["events"])


def test_run_report_rejects_before_starting_a_kernel(tmp_path):
    corpus = tmp_path / "c.txt"
    corpus.write_text(TEXT)
    with pytest.raises(rp.ParameterError, match="unknown parameter 'nope'"):
        rp.run_report(FIXTURE, corpus=corpus, parameters={"nope": 1}, output_dir=tmp_path / "out")
    with pytest.raises(rp.CorpusError, match="corpus not found: .*missing.csv"):
        rp.run_report(FIXTURE, corpus=tmp_path / "missing.csv", output_dir=tmp_path / "out")
    with pytest.raises(rp.CorpusError, match="corpus pattern matches no file"):
        rp.run_report(FIXTURE, corpus=str(tmp_path / "*.jsonl"), output_dir=tmp_path / "out")
    (tmp_path / "empty").mkdir()
    with pytest.raises(rp.CorpusError, match="corpus folder holds no file"):
        rp.run_report(FIXTURE, corpus=tmp_path / "empty", output_dir=tmp_path / "out")
    with pytest.raises(rp.ParameterError, match="unknown report 'nosuch'"):
        rp.run_report("nosuch")
    assert not (tmp_path / "out").exists()


def test_two_parameters_cells_are_refused(tmp_path):
    path = _notebook(tmp_path / "two.ipynb", "")
    nb = nbformat.read(path, as_version=4)
    nb.cells[1].metadata["tags"] = ["parameters"]
    nbformat.write(nb, path)
    with pytest.raises(rp.ParameterError, match="2 cells tagged 'parameters'; a report needs exactly one"):
        rp.report_parameters(path)


def test_report_output_writes_csv_parquet_png_summary(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = rp.report_output(tmp_path / "run")
    df = pd.DataFrame({"outlet": ["A", "A", "B"], "n": [1, 2, 3],
                       "names": [["x"], [], ["y", "z"]], "mixed": [1, "a", None]})
    grouped = df.groupby("outlet")["n"].sum()
    assert out.table("by_outlet", grouped) is grouped
    out.table("raw", df)
    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    out.figure("line", fig)
    out.summary(n_docs=pd.Series([3]).sum(), share=float("nan"), when=pd.Timestamp("2022-01-03", tz="UTC"))
    out.summary(top="A")
    assert (tmp_path / "run/tables/by_outlet.csv").read_text().splitlines() == ["outlet,n", "A,3", "B,3"]
    assert pd.read_parquet(tmp_path / "run/tables/by_outlet.parquet")["n"].tolist() == [3, 3]
    back = pd.read_parquet(tmp_path / "run/tables/raw.parquet")
    assert len(back) == 3 and list(back["names"].iloc[2]) == ["y", "z"]
    assert (tmp_path / "run/figures/line.png").read_bytes()[:4] == b"\x89PNG"
    assert json.loads((tmp_path / "run/summary.json").read_text()) == {
        "n_docs": 3, "share": None, "when": "2022-01-03T00:00:00+00:00", "top": "A"}
    # no output_dir: nothing written, values handed back for display
    idle = rp.report_output("")
    assert idle.table("t", df) is df and idle.path is None
    plt.close("all")


def test_list_reports_table():
    table = rp.list_reports()
    assert list(table.columns) == ["report", "description", "parameter", "type", "default", "help", "path"]
    assert set(REPORTS) <= set(table["report"])
    tf = table[table["report"] == "term_frequency"].set_index("parameter")
    assert tf.loc["terms", "default"] == ["NATO", "sanctions", "troops"]
    assert tf.loc["freq", "help"].startswith("pandas offset alias")
    for name in REPORTS:
        declared = set(table.loc[table["report"] == name, "parameter"])
        assert {"corpus", "start", "end", "freq", "outlets", "output_dir"} <= declared, name
        assert table.loc[table["report"] == name, "help"].str.len().gt(0).all(), name


# ------------------------------------------------------------------ with a kernel
def test_timeout_and_dead_kernel_are_reported(tmp_path):
    slow = _notebook(tmp_path / "slow.ipynb", "y = 2", "import time\ntime.sleep(60)")
    with pytest.raises(rp.CellFailed) as info:
        rp.run_report(slow, output_dir=tmp_path, timeout=2)
    assert "cell 2 (In [3]) ran longer than the 2 s timeout" in str(info.value)
    assert "the cell starts: import time" in str(info.value)
    dead = _notebook(tmp_path / "dead.ipynb", "import os\nos._exit(1)")
    with pytest.raises(rp.KernelDied) as info:
        rp.run_report(dead, output_dir=tmp_path, timeout=60)
    assert "the kernel died while running cell 1" in str(info.value)
    assert info.value.exit_code == 1 and info.value.notebook.is_file()
    # the message names the file and the cell, and says what to do
    assert f"partial notebook: {info.value.notebook}" in str(info.value)
    assert "what to do: the kernel usually dies when it runs out of memory" in str(info.value)


def test_timeout_message_says_what_to_do(tmp_path):
    slow = _notebook(tmp_path / "slow.ipynb", "import time\ntime.sleep(60)")
    with pytest.raises(rp.CellFailed) as info:
        rp.run_report(slow, output_dir=tmp_path, timeout=1)
    message = str(info.value)
    assert "cell 1 (In [2]) ran longer than the 1 s timeout" in message
    assert f"partial notebook: {info.value.notebook}" in message
    assert "what to do: raise the limit (--timeout SECONDS, per cell) or run on less data" in message


def test_failing_cell_message_names_notebook_cell_and_what_to_do(tmp_path):
    bad = _notebook(tmp_path / "bad.ipynb", "y = 2", "z = {}['missing']")
    with pytest.raises(rp.CellFailed) as info:
        rp.run_report(bad, output_dir=tmp_path, run_name="r", timeout=60)
    message = str(info.value)
    where = f"cell {info.value.cell} (In [3])"  # the cell's index in the executed notebook
    assert info.value.notebook.is_file()
    assert nbformat.read(info.value.notebook, as_version=4).cells[info.value.cell].source.startswith("z =")
    assert f"bad: {where} raised KeyError: 'missing'" in message
    assert "the cell starts: z = {}['missing']" in message
    assert f"executed notebook with the error: {tmp_path / 'bad' / 'r' / 'bad.ipynb'}" in message
    assert f"what to do: open that notebook (or bad.html next to it) at {where}" in message


# ------------------------------------------------------------- the shipped notebooks
def _code_cells(name: str) -> list[nbformat.NotebookNode]:
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    return [c for c in nb.cells if c.cell_type == "code"]


@pytest.mark.parametrize("name", REPORTS)
def test_committed_notebook_is_clean(name):
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code), "strip outputs"
    assert sum("parameters" in c.metadata.get("tags", []) for c in nb.cells) == 1
    assert nb.metadata["kernelspec"]["name"] == "mediakit"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    # every line of the parameters cell is read by papermill (a missed line would only warn)
    assert list(rp.report_parameters(name)) == rp._assigned_names(NOTEBOOKS / f"{name}.ipynb")
    # notebooks hold narrative and calls, not logic: short code cells
    assert max(len(c.source.splitlines()) for c in code) <= 14


# Each report runs once (cached per module) on a small slice of the demo corpus,
# with parameters overridden; the tests below read what the run wrote.
OVERRIDES = {
    "term_frequency": dict(corpus=DEMO, parameters={
        "terms": '["NATO", "sanctions"]', "start": "2021-11-01", "end": "2021-12-19",
        "outlets": '["Northfield Courier", "Lakeside Post"]', "kwic_rows": "3",
        "events": '{"2021-11-23": "NATO decision"}'}),
    "quote_density": dict(corpus=DEMO / "northfield_courier.jsonl", parameters={
        "freq": "MS", "top": "3"}),
    "source_attribution": dict(corpus=DEMO, parameters={
        "start": "2021-10-18", "end": "2021-11-28", "top": "5"}),
    "media_literacy": dict(corpus=SEED, parameters={"article": ""}),
}
_RUNS: dict[str, Path] = {}


@pytest.fixture(scope="module")
def out_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("reports")


def _run(name: str, root: Path) -> Path:
    if name not in _RUNS:
        spec = OVERRIDES[name]
        params = dict(spec["parameters"])
        _RUNS[name] = rp.run_report(name, corpus=spec["corpus"], parameters=params, output_dir=root,
                                    run_name="test", timeout=300, text_parameters=list(params))
    return _RUNS[name]


def _summary(run_dir: Path) -> dict:
    return json.loads((run_dir / "summary.json").read_text())


@pytest.mark.slow
@pytest.mark.parametrize("name", REPORTS)
def test_notebook_runs_and_writes_everything(name, out_root):
    run_dir = _run(name, out_root)
    assert run_dir == out_root / name / "test"
    summary = _summary(run_dir)
    assert summary["run"]["status"] == "ok" and summary["run"]["report"] == name
    nb = nbformat.read(run_dir / f"{name}.ipynb", as_version=4)
    assert not _errors(nb)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and f"output_dir = \"{run_dir}\"" in injected[0].source
    tables = sorted(p.stem for p in (run_dir / "tables").glob("*.csv"))
    assert tables == sorted(p.stem for p in (run_dir / "tables").glob("*.parquet"))
    assert sorted(p.stem for p in (run_dir / "figures").glob("*.png"))  # at least one figure
    for p in (run_dir / "figures").glob("*.png"):
        assert p.read_bytes()[:4] == b"\x89PNG" and p.stat().st_size > 5_000


@pytest.mark.slow
@pytest.mark.parametrize("name", REPORTS)
def test_html_report_has_figures_and_no_code(name, out_root):
    run_dir = _run(name, out_root)
    html = (run_dir / f"{name}.html").read_text(encoding="utf-8")
    figures = list((run_dir / "figures").glob("*.png"))
    images = re.findall(r'<img[^>]+src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)
    assert len(images) >= len(figures) >= 1
    assert all(base64.b64decode(img)[:4] == b"\x89PNG" for img in images)
    body = html.split("</style>")[-1]
    assert "hl-ipython3" not in body and "jp-InputPrompt" not in body  # no code input areas
    for cell in _code_cells(name):  # no line of code shows up in the report
        first = next(ln for ln in cell.source.splitlines() if ln.strip())
        assert first not in html, first
    assert "<h1" in html  # the narrative is kept
    # nobody watches a scheduled run: no progress bar ("quotes: 100%|█████| 32/32")
    # in the notebook's outputs or its HTML
    outputs = json.dumps([c.get("outputs", []) for c in nbformat.read(run_dir / f"{name}.ipynb", 4).cells])
    assert not re.search(r"\d+%\|", outputs) and not re.search(r"\d+%\|", html)


@pytest.mark.slow
def test_term_frequency_content(out_root):
    run_dir = _run("term_frequency", out_root)
    tf = pd.read_parquet(run_dir / "tables" / "term_frequency.parquet")
    assert list(tf["term"].unique()) == ["NATO", "sanctions"]
    weeks = pd.date_range("2021-11-01", "2021-12-13", freq="W-MON", tz="UTC")
    assert sorted(tf["period"].unique()) == list(weeks)  # every week, no holes
    by_outlet = pd.read_csv(run_dir / "tables" / "term_frequency_by_outlet.csv")
    assert set(by_outlet["outlet"]) == {"Northfield Courier", "Lakeside Post"}
    summary = _summary(run_dir)
    assert summary["n_outlets"] == 2
    assert summary["totals"]["NATO"]["count"] == int(tf.loc[tf["term"] == "NATO", "count"].sum()) > 0
    # sanctions rise after NATO in the demo story: NATO peaks in November, sanctions in December
    assert summary["peaks"]["NATO"]["period"] < summary["peaks"]["sanctions"]["period"]
    assert summary["peaks"]["sanctions"]["period"].startswith("2021-12")
    copies = pd.read_csv(run_dir / "tables" / "syndicated_copies.csv")
    assert len(copies) >= 3 and (copies["copies"] == 2).all()  # the two outlets share wire stories
    assert summary["run"]["parameters"]["events"] == {"2021-11-23": "NATO decision"}


@pytest.mark.slow
def test_quote_density_content(out_root):
    run_dir = _run("quote_density", out_root)
    summary = _summary(run_dir)
    quotes = pd.read_csv(run_dir / "tables" / "quotes.csv")
    assert summary["n_articles"] == 11 and summary["n_quotes"] == len(quotes) > 20
    assert set(summary["by_outlet"]) == {"Northfield Courier"}
    assert set(pd.read_csv(run_dir / "tables" / "density_over_time.csv")["period"].str[:7]) == {
        "2021-10", "2021-11", "2021-12", "2022-01"}
    assert len(pd.read_csv(run_dir / "tables" / "most_quoted_articles.csv")) == 3
    # straight quotation marks (this outlet's style) are found and attributed
    assert "Clara Lindqvist" in set(quotes["speaker"])


@pytest.mark.slow
def test_source_attribution_content(out_root):
    run_dir = _run("source_attribution", out_root)
    src = pd.read_csv(run_dir / "tables" / "sources.csv")
    aff = src[src["kind"] == "quoted"].groupby("source")["affiliation"].first()
    # the demo's lexicon extension (data/lexicons) places the fictional countries
    assert aff.get("Jonas Aberg") == "Ostrovia" and aff.get("Clara Lindqvist") == "NATO"
    assert (src["kind"] == "anonymous").sum() >= 3
    summary = _summary(run_dir)
    assert 0 < summary["wire_share"] < 1 and 0 < summary["anonymous_article_share"] < 1
    assert {"NATO", "Ostrovia"} <= set(summary["quotes_by_affiliation"])
    wires = pd.read_csv(run_dir / "tables" / "wire_share_by_service.csv")
    assert "CNS" in set(wires.astype(str).stack())


@pytest.mark.slow
def test_media_literacy_walks_the_seed(out_root):
    run_dir = _run("media_literacy", out_root)
    summary = _summary(run_dir)
    assert summary["wire"] == "AP" and summary["dateline"] == "MOSCOW"
    assert summary["n_captions"] == 4 and summary["n_chrome_lines"] >= 8
    assert {"United States", "Russia", "Ukraine"} <= set(summary["quotes_by_affiliation"])
    chrome = pd.read_csv(run_dir / "tables" / "chrome.csv")["removed line"].tolist()
    assert "Previous Article" in chrome and "How useful was this article?" in chrome
    credits = pd.read_csv(run_dir / "tables" / "photo_credits.csv")
    assert {"Denis Balibouse", "Alexander Zemlianichenko", "Alexei Nikolsky", "John Thys"} == set(credits["name"])
    assert len(pd.read_csv(run_dir / "tables" / "captions.csv")) == 4
    quotes = pd.read_csv(run_dir / "tables" / "quotes.csv")
    assert {"Julianne Smith", "Dmitry Peskov"} <= set(quotes["speaker"])
    html = (run_dir / "media_literacy.html").read_text(encoding="utf-8")
    assert "Questions for students" in html and "Julianne Smith" in html


# --------------------------------------------------------------- corpus problems
def test_load_report_corpus_filters_and_explains(tmp_path):
    df = rp.load_report_corpus(DEMO, start="2021-11-01", end="2021-11-07", outlets=["Lakeside Post"])
    assert len(df) == 2 and set(df["outlet"]) == {"Lakeside Post"}
    assert df["date"].min() >= pd.Timestamp("2021-11-01", tz="UTC")
    assert df.attrs["loaded"] == 32
    with pytest.raises(rp.CorpusError) as info:
        rp.load_report_corpus(DEMO, outlets=["The Daily Nobody"])
    assert "none of the 32 articles" in str(info.value)
    assert "'Lakeside Post', 'Northfield Courier', 'The Harbour Ledger'" in str(info.value)
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "a.txt").write_bytes(b"")
    (junk / "b.jsonl").write_text("{not json\n")
    with pytest.raises(rp.CorpusError, match=r"no article loaded from .*junk; skipped: a.txt: .*b.jsonl"):
        rp.load_report_corpus(junk)


def test_corpus_and_parameter_messages_say_what_to_do(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "c.txt"
    corpus.write_text(TEXT)
    with pytest.raises(rp.CorpusError) as info:
        rp.run_report(FIXTURE, corpus="missing.csv", output_dir=tmp_path / "out")
    assert "corpus not found: " in str(info.value) and "missing.csv" in str(info.value)
    assert f"what to do: check the path (relative paths are taken from {tmp_path})" in str(info.value)
    with pytest.raises(rp.CorpusError, match=r"matches no file: .*\n  what to do: check the pattern"):
        rp.run_report(FIXTURE, corpus="*.jsonl", output_dir=tmp_path / "out")
    (tmp_path / "empty").mkdir()
    with pytest.raises(rp.CorpusError, match=r"holds no file: .*\n  what to do: put the articles there"):
        rp.run_report(FIXTURE, corpus="empty", output_dir=tmp_path / "out")
    with pytest.raises(rp.ParameterError) as info:
        rp.run_report(FIXTURE, corpus=corpus, parameters={"top": "x"}, text_parameters=["top"],
                      output_dir=tmp_path / "out")
    assert "parameter 'top' expects int, got 'x'" in str(info.value)
    assert f"the parameters cell of {FIXTURE} declares them" in str(info.value)
    assert "what to do: fix the value" in str(info.value) and "mediakit report --list" in str(info.value)
    with pytest.raises(rp.ParameterError, match="unknown report 'nosuch'.*\n  what to do: use one"):
        rp.report_path("nosuch")
    with pytest.raises(rp.CorpusError) as info:
        rp.load_report_corpus(DEMO, outlets=["The Daily Nobody"])
    assert "what to do: widen start/end, or name outlets as they are spelled" in str(info.value)
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "a.txt").write_bytes(b"")
    with pytest.raises(rp.CorpusError) as info:
        rp.load_report_corpus(junk)
    assert "a.txt" in str(info.value) and "what to do: every input was skipped" in str(info.value)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("dates", "outlets", "want"), [
    (["2022-01-03", "2022-02-10"], ["A", "B"], "2 articles from 2 outlets, 2022-01-03 to 2022-02-10"),
    ([None], [None], "1 article from 0 outlets, no article has a date"),
    (["2022-01-03", None, None], ["A", "A", "A"],
     "3 articles from 1 outlet, 2022-01-03 to 2022-01-03 (2 without a date)"),
    ([], [], "0 articles from 0 outlets"),
])
def test_describe_corpus(dates, outlets, want):
    df = pd.DataFrame({"date": pd.to_datetime(pd.Series(dates, dtype=object), utc=True),
                       "outlet": pd.Series(outlets, dtype=object)})
    assert rp.describe_corpus(df) == want


@pytest.mark.slow
def test_corpus_error_inside_the_notebook_is_exit_2(tmp_path):
    with pytest.raises(rp.CorpusError) as info:
        rp.run_report("quote_density", corpus=DEMO / "northfield_courier.jsonl",
                      parameters={"outlets": ["The Daily Nobody"]}, output_dir=tmp_path, timeout=120)
    assert info.value.exit_code == 2
    assert "none of the 11 articles" in str(info.value) and "Northfield Courier" in str(info.value)


@pytest.mark.shared
@pytest.mark.slow
def test_term_frequency_on_the_white_house_corpus(shared_data, tmp_path):
    corpus = shared_data / "corpora" / "whitehouse"
    run_dir = rp.run_report("term_frequency", corpus=corpus, output_dir=tmp_path, timeout=600,
                            parameters={"terms": ["sanctions"], "start": "2022-01-03",
                                        "end": "2022-04-03", "kwic_rows": 2})
    summary = _summary(run_dir)
    assert summary["peaks"]["sanctions"]["period"] == "2022-02-21T00:00:00+00:00"
    tf = pd.read_csv(run_dir / "tables" / "term_frequency.csv")
    assert len(tf) == 13  # 13 weeks from 3 January to 3 April, none missing
    assert summary["totals"]["sanctions"]["count"] == tf["count"].sum() > 100
