"""plot_term_frequency: one line per term, panels by outlet, event markers, labels."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from mediakit.plot import plot_term_frequency  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def tf() -> pd.DataFrame:
    periods = pd.date_range("2022-01-03", periods=8, freq="7D", tz="UTC")
    rows = []
    for outlet, scale in (("putin", 1), ("zelenskyy", 3)):
        for i, p in enumerate(periods):
            for term, c in (("NATO", i), ("sanctions", 8 - i)):
                rows.append((p, outlet, term, c * scale, 1000, 1))
    return pd.DataFrame(rows, columns=["period", "outlet", "term", "count", "n_words", "n_docs"]).assign(
        per_1k_words=lambda d: 1000 * d["count"] / d["n_words"]
    )


def test_one_line_per_term_with_labels_and_events(tf, tmp_path):
    fig = plot_term_frequency(tf, events={"2022-02-07": "invasion"}, title="Attention")
    assert isinstance(fig, Figure)
    assert plt.fignum_exists(fig.number)  # a pyplot figure: plt.show() in a notebook displays it
    (ax,) = fig.axes
    lines = [ln for ln in ax.get_lines() if ln.get_label() in ("NATO", "sanctions")]
    assert [ln.get_label() for ln in lines] == ["NATO", "sanctions"]
    # outlets summed into one panel, as summed counts over summed words
    assert np.allclose(lines[0].get_ydata(), [2 * i for i in range(8)])  # (i + 3i) / 2000 words
    assert ax.get_ylabel() == "Mentions per 1,000 words"
    assert ax.get_xlabel() == "Week starting (UTC)"
    assert fig._suptitle.get_text() == "Attention"
    markers = [ln for ln in ax.get_lines() if ln.get_linestyle() == "--"]
    assert len(markers) == 1
    assert [t.get_text() for t in ax.texts] == ["invasion"]
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["NATO", "sanctions"]
    out = tmp_path / "tf.png"
    fig.savefig(out, dpi=100)
    assert out.stat().st_size > 10_000
    assert fig.get_size_inches()[0] >= 9  # readable at 100% zoom in a report


def test_small_multiples_by_outlet_share_scales(tf):
    fig = plot_term_frequency(tf, by="outlet", events=[("2022-02-07", "invasion")], terms=["sanctions"])
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["putin", "zelenskyy"]
    top, bottom = fig.axes
    assert top.get_ylim() == bottom.get_ylim()
    assert top.get_ylim()[0] == 0 and top.get_ylim()[1] >= 24  # zelenskyy's peak fits both
    assert [ln.get_label() for ln in bottom.get_lines() if ln.get_linestyle() != "--"] == ["sanctions"]
    assert len(top.texts) == 1 and len(bottom.texts) == 0  # event labelled once, marked on every panel
    assert sum(ln.get_linestyle() == "--" for ln in bottom.get_lines()) == 1


def test_counts_and_errors(tf):
    fig = plot_term_frequency(tf, value="count", by="outlet")
    assert fig.axes[0].get_ylabel() == "Mentions"
    with pytest.raises(ValueError, match="outlet2"):
        plot_term_frequency(tf, by="outlet2")
    with pytest.raises(ValueError, match="troops"):
        plot_term_frequency(tf, terms=["troops"])


def test_many_outlets_wrap_into_columns():
    periods = pd.date_range("2022-01-03", periods=6, freq="7D", tz="UTC")
    tf = pd.DataFrame(
        [(p, f"outlet {o}", "NATO", o + i, 1000) for o in range(7) for i, p in enumerate(periods)],
        columns=["period", "outlet", "term", "count", "n_words"],
    ).assign(per_1k_words=lambda d: d["count"].astype(float))
    fig = plot_term_frequency(tf, by="outlet")
    shown = [ax for ax in fig.axes if ax.get_visible()]
    assert len(shown) == 7 and len(fig.axes) == 8  # 4 rows x 2 columns, the last slot hidden
    assert [ax.get_title(loc="left") for ax in shown] == [f"outlet {o}" for o in range(7)]
    labelled = [ax.get_title(loc="left") for ax in shown if ax.get_xlabel()]
    assert labelled == ["outlet 5", "outlet 6"]  # the lowest panel of each column carries the dates
    assert fig.get_size_inches()[1] < 15


# -- plot_bars / plot_lines: the charts the report notebooks draw from tables --------
from mediakit.plot import empty_figure, plot_bars, plot_lines  # noqa: E402


def _notes(fig: Figure) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def _bar_widths(ax) -> list[float]:
    return [p.get_width() for p in ax.patches]


def test_plot_bars_one_bar_per_row_largest_on_top(tmp_path):
    table = pd.DataFrame({"outlet": ["A", "B", "C"], "quotes_per_1k_words": [2.0, 5.0, 1.0]})
    fig = plot_bars(table, value="quotes_per_1k_words", label="outlet", title="Density",
                    xlabel="quotes per 1,000 words")
    assert isinstance(fig, Figure) and plt.fignum_exists(fig.number)
    (ax,) = fig.axes
    assert [t.get_text() for t in ax.get_yticklabels()] == ["C", "A", "B"]  # bottom to top
    assert _bar_widths(ax) == [1.0, 2.0, 5.0]
    assert ax.get_xlabel() == "quotes per 1,000 words" and ax.get_ylabel() == ""
    assert ax.get_title(loc="left") == "Density"
    assert not _notes(fig)
    fig.savefig(tmp_path / "bars.png")


@pytest.mark.parametrize("table", [
    pd.DataFrame(columns=["affiliation", "n_quotes"]),  # quotes_by_affiliation with no quote
    pd.DataFrame(),  # no columns at all
    pd.DataFrame({"affiliation": pd.Series([], dtype=object), "n_quotes": pd.Series([], dtype=object)}),
])
def test_plot_bars_empty_table_says_nothing_to_plot(table, tmp_path):
    fig = plot_bars(table, value="n_quotes", label="affiliation", title="Voice",
                    empty="no attributed direct quote in this article")
    assert _notes(fig) == ["nothing to plot: no attributed direct quote in this article"]
    assert fig._suptitle.get_text() == "Voice"
    fig.savefig(tmp_path / "empty.png")  # out.figure saves it like any other


def test_plot_bars_without_numbers_or_columns():
    fig = plot_bars(pd.DataFrame({"a": ["x"], "n": [None]}), value="n", label="a")
    assert _notes(fig) == ["nothing to plot: no numeric value in column 'n'"]
    fig = plot_bars(pd.DataFrame({"a": ["x", None], "n": ["3", "4"]}), value="n", label="a")
    assert sorted(_bar_widths(fig.axes[0])) == [3.0, 4.0]  # text numbers, a missing label
    assert "(none)" in [t.get_text() for t in fig.axes[0].get_yticklabels()]
    with pytest.raises(ValueError, match=r"plot_bars needs column\(s\) \['share'\]"):
        plot_bars(pd.DataFrame({"a": ["x"], "n": [1]}), value="share", label="a")


def test_plot_bars_stacked_and_vertical_periods():
    voice = pd.DataFrame({
        "outlet": ["A", "A", "B"], "affiliation": ["gov", "ngo", "gov"], "share": [0.75, 0.25, 1.0]})
    fig = plot_bars(voice, value="share", label="outlet", stack="affiliation", xlabel="share")
    (ax,) = fig.axes
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["gov", "ngo"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["B", "A"]  # first row on top
    assert sorted(_bar_widths(ax)) == [0.0, 0.25, 0.75, 1.0]
    periods = pd.to_datetime(["2022-02-01", "2022-01-01"], utc=True)
    over_time = pd.DataFrame({"period": periods, "affiliation": ["gov", "gov"], "share": [1.0, 1.0]})
    fig = plot_bars(over_time, value="share", label="period", stack="affiliation", horizontal=False,
                    xlabel="period (MS)", ylabel="share")
    (ax,) = fig.axes
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2022-01-01", "2022-02-01"]
    assert ax.get_xlabel() == "period (MS)" and ax.get_ylabel() == "share"


def test_plot_bars_one_row():
    fig = plot_bars(pd.DataFrame({"outlet": ["Only"], "v": [3]}), value="v", label="outlet")
    assert _bar_widths(fig.axes[0]) == [3.0]


def test_plot_lines_one_line_per_group():
    periods = pd.date_range("2022-01-03", periods=3, freq="7D", tz="UTC")
    table = pd.DataFrame({"period": list(periods) * 2, "outlet": ["A"] * 3 + ["B"] * 3,
                          "rate": [1.0, 2.0, 3.0, 0.0, 0.0, 4.0]})
    fig = plot_lines(table, group="outlet", value="rate", title="Over time", ylabel="per 1,000 words")
    (ax,) = fig.axes
    assert [ln.get_label() for ln in ax.get_lines()] == ["A", "B"]
    assert list(ax.get_lines()[1].get_ydata()) == [0.0, 0.0, 4.0]
    assert ax.get_ylabel() == "per 1,000 words" and ax.get_title(loc="left") == "Over time"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["A", "B"]


def test_plot_lines_empty_or_undated_says_nothing_to_plot():
    fig = plot_lines(pd.DataFrame(columns=["period", "outlet", "rate"]), group="outlet", value="rate",
                     empty="no dated article")
    assert _notes(fig) == ["nothing to plot: no dated article"]
    undated = pd.DataFrame({"period": pd.Series([pd.NaT], dtype="datetime64[ns, UTC]"),
                            "outlet": ["A"], "rate": [1.0]})
    fig = plot_lines(undated, group="outlet", value="rate")
    assert _notes(fig) == ["nothing to plot: no row has a period (undated articles?)"]
    with pytest.raises(ValueError, match="plot_lines needs column"):
        plot_lines(undated, group="affiliation", value="rate")


def test_plot_term_frequency_on_an_empty_table(tf):
    empty = tf.iloc[:0]
    for by in (None, "outlet"):
        fig = plot_term_frequency(empty, by=by, title="Mentions")
        assert _notes(fig) == ["nothing to plot: no period to show"]
        assert fig._suptitle.get_text() == "Mentions"
    empty.attrs["undated"] = 2
    assert _notes(plot_term_frequency(empty)) == ["nothing to plot: no dated article in the corpus"]


def test_empty_figure_saves(tmp_path):
    fig = empty_figure("no rows", title="T")
    fig.savefig(tmp_path / "e.png")
    assert (tmp_path / "e.png").stat().st_size > 1000
