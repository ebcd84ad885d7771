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
