"""Charts for reports: term frequency over time, bars and lines from tables.

:func:`plot_bars` and :func:`plot_lines` draw the tidy tables the aggregate
functions return (one bar per row, or one line per group over periods). On an
empty table (no quotes, no sources, no dated article) they return a figure that
says "nothing to plot" and why, so a report runs to the end on any corpus.

Figures are created through pyplot, so they behave like any matplotlib chart:
``plt.show()`` (or the end of a notebook cell) displays them and
``fig.savefig(path)`` writes them. In a notebook, assign the result
(``fig = plot_term_frequency(tf)``) rather than leaving it as the cell's last
expression, or Jupyter shows it twice; close figures you no longer need in long
scripts (``plt.close(fig)``).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

__all__ = ["plot_term_frequency", "plot_bars", "plot_lines"]

_VALUE_LABELS = {
    "per_1k_words": "Mentions per 1,000 words",
    "count": "Mentions",
    "docs_with_term": "Articles mentioning the term",
}


def _period_name(periods: pd.Series) -> str:
    p = pd.Series(pd.to_datetime(periods.dropna().unique())).sort_values()
    if len(p) < 2:
        return "Period starting"
    step = p.diff().dropna().dt.days.median()
    if step <= 1:
        return "Day"
    if step <= 7:
        return "Week starting"
    if step <= 31:
        return "Month"
    if step <= 92:
        return "Quarter"
    return "Year"


def _events(events: Mapping[Any, str] | Sequence[tuple[Any, str]] | None) -> list[tuple[pd.Timestamp, str]]:
    if not events:
        return []
    items = events.items() if isinstance(events, Mapping) else events
    out = []
    for when, label in items:
        ts = pd.Timestamp(when)
        ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
        out.append((ts, str(label)))
    return sorted(out)


def plot_term_frequency(
    tf: pd.DataFrame,
    *,
    events: Mapping[Any, str] | Sequence[tuple[Any, str]] | None = None,
    by: str | None = None,
    terms: Sequence[str] | None = None,
    value: Literal["per_1k_words", "count", "docs_with_term"] = "per_1k_words",
    title: str | None = None,
    width: float = 10.0,
    panel_height: float = 3.0,
    ncols: int | None = None,
    sharey: bool = True,
) -> Any:
    """Line chart of term frequency over time, one line per term.

    Args:
        tf: Output of :func:`mediakit.term_frequency` (``period``, ``term`` and
            ``value``; with ``by``, that column too).
        events: Vertical markers, e.g. ``{"2022-02-24": "invasion"}`` (date -> label),
            or a list of ``(date, label)`` pairs.
        by: A column of ``tf`` (e.g. ``"outlet"``): one panel per value (small
            multiples), same time axis. None sums any groups into one panel (rates recomputed
            as summed counts over summed words).
        terms: Terms to draw, in this order (default: all, as in ``tf``).
        value: What to draw: ``"per_1k_words"`` (default), ``"count"`` or
            ``"docs_with_term"``.
        title: Figure title (default names the measure).
        width: Figure width in inches.
        panel_height: Height of each row of panels in inches.
        ncols: Panels per row (default: 1 up to 4 panels, 2 up to 10, then 3).
        sharey: Same y scale in every panel (compare outlets directly).

    Returns:
        A :class:`matplotlib.figure.Figure`.
    """
    import matplotlib.pyplot as plt
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    need = ["period", "term", value, *([by] if by else [])]
    missing = [c for c in need if c not in tf.columns]
    if missing:
        raise ValueError(f"plot_term_frequency needs column(s) {missing}; tf has {list(tf.columns)}")
    if tf.empty or tf["period"].isna().all():
        why = "no dated article in the corpus" if tf.attrs.get("undated") else "no period to show"
        return empty_figure(why, title=title or _VALUE_LABELS[value], figsize=(width, 2.5))
    order = list(dict.fromkeys(tf["term"])) if terms is None else list(terms)
    unknown = [t for t in order if t not in set(tf["term"])]
    if unknown:
        raise ValueError(f"terms not in tf: {unknown}")
    data = tf[tf["term"].isin(order)].copy()
    data["period"] = pd.to_datetime(data["period"], utc=True)
    panels = list(dict.fromkeys(data[by])) if by else [None]
    if by:
        panels = sorted(panels, key=str)

    n = len(panels)
    cols = ncols or (1 if n <= 4 else 2 if n <= 10 else 3)
    cols = max(1, min(cols, n))
    rows = -(-n // cols)
    fig = plt.figure(figsize=(width, 1.2 + panel_height * rows), layout="constrained")
    grid = fig.subplots(rows, cols, sharex=True, sharey=sharey, squeeze=False)
    axes = list(grid.ravel()[:n])
    for k, ax in enumerate(grid.ravel()):
        if k >= n:
            ax.set_visible(False)
        elif k + cols >= n:  # lowest panel of its column: show its dates
            ax.xaxis.set_tick_params(labelbottom=True)
    colors = {t: f"C{i % 10}" for i, t in enumerate(order)}
    marks = _events(events)
    for ax, panel in zip(axes, panels, strict=True):
        part = data if panel is None else data[data[by] == panel]
        for term in order:
            series = _series(part[part["term"] == term], value)
            ax.plot(
                series.index.tz_convert(None),
                series.to_numpy(),
                color=colors[term],
                linewidth=2,
                marker="o" if len(series) <= 40 else None,
                markersize=3.5,
                label=term,
            )
        if panel is not None:
            ax.set_title(str(panel), loc="left", fontsize=12, fontweight="bold")
        if axes.index(ax) % cols == 0:
            ax.set_ylabel(_VALUE_LABELS[value], fontsize=11)
        ax.grid(axis="y", color="0.9", linewidth=0.8)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=10)
        for when, _ in marks:
            ax.axvline(when.tz_convert(None), color="0.35", linestyle="--", linewidth=1.1, zorder=0)
    for ax in axes:  # after all panels are drawn: shared axes scale to every panel
        ax.relim()
        ax.autoscale_view()
        ax.set_ylim(bottom=0)
    top = axes[0]
    for when, label in marks:
        top.annotate(
            label,
            xy=(when.tz_convert(None), 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(4, -4),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=10,
            color="0.2",
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.85},
        )
    locator = AutoDateLocator(minticks=4, maxticks=10)
    axes[-1].xaxis.set_major_locator(locator)
    axes[-1].xaxis.set_major_formatter(ConciseDateFormatter(locator))
    for k, ax in enumerate(axes):
        if k + cols >= n:
            ax.set_xlabel(f"{_period_name(data['period'])} (UTC)", fontsize=11)
    handles, labels = top.get_legend_handles_labels()
    fig.legend(
        handles, labels, loc="outside upper right", ncols=min(len(order), 6), frameon=False, fontsize=11
    )
    fig.suptitle(title or f"{_VALUE_LABELS[value]}, by {_period_name(data['period']).split()[0].lower()}",
                 fontsize=14, x=0.01, ha="left")
    return fig


def _series(rows: pd.DataFrame, value: str) -> pd.Series:
    """One value per period (groups summed; rates as summed counts over summed words)."""
    if rows.empty:
        return pd.Series([], dtype=float, index=pd.DatetimeIndex([], tz="UTC"))
    if value == "per_1k_words" and {"count", "n_words"} <= set(rows.columns):
        g = rows.groupby("period")[["count", "n_words"]].sum()
        words = g["n_words"].to_numpy(dtype=float)
        rate = np.divide(1000.0 * g["count"].to_numpy(dtype=float), words, out=np.zeros(len(g)), where=words > 0)
        return pd.Series(rate, index=g.index).sort_index()
    return rows.groupby("period")[value].sum().sort_index().astype(float)


def empty_figure(why: str, *, title: str | None = None, figsize: tuple[float, float] = (7.0, 2.5)) -> Any:
    """A figure that says there is nothing to plot, and why.

    Args:
        why: The reason, shown after "nothing to plot: ".
        title: Figure title (the chart's usual title), if any.
        figsize: Figure size in inches.

    Returns:
        A :class:`matplotlib.figure.Figure` with one blank panel holding the note.
    """
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=figsize, layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.text(0.5, 0.5, f"nothing to plot: {why}", ha="center", va="center",
            transform=ax.transAxes, fontsize=12, color="0.3", wrap=True)
    if title:
        fig.suptitle(title, fontsize=13, x=0.01, ha="left")
    return fig


def _labels(values: pd.Series) -> pd.Series:
    """Category labels as text: dates as YYYY-MM-DD, missing values as "(none)"."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.dt.strftime("%Y-%m-%d").fillna("(no date)")
    return values.map(lambda v: "(none)" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v))


def _check_columns(func: str, table: pd.DataFrame, need: Sequence[str]) -> None:
    missing = [c for c in need if c not in table.columns]
    if missing:
        raise ValueError(f"{func} needs column(s) {missing}; the table has {list(table.columns)}")


def plot_bars(
    table: pd.DataFrame,
    *,
    value: str,
    label: str,
    title: str = "",
    xlabel: str = "",
    ylabel: str = "",
    stack: str | None = None,
    horizontal: bool = True,
    sort: bool = True,
    empty: str = "the table has no rows",
    width: float = 7.0,
) -> Any:
    """Bar chart of one numeric column of a tidy table, one bar per ``label``.

    Args:
        table: A tidy table, e.g. :func:`mediakit.quote_density` by outlet or
            :func:`mediakit.quotes_by_affiliation`.
        value: The numeric column drawn (text that reads as numbers is converted).
        label: The column naming each bar (dates are shown as YYYY-MM-DD).
        title: Chart title.
        xlabel: Label of the horizontal axis (the values, for horizontal bars).
        ylabel: Label of the vertical axis.
        stack: A column whose values become stacked segments of each bar (e.g.
            ``"affiliation"``), summed per (label, stack) pair; None for one bar per row.
        horizontal: Horizontal bars (default), or vertical ones (e.g. periods).
        sort: Without ``stack``: bars ordered by value, the largest at the top.
        empty: Why there is nothing to plot when ``table`` has no rows, shown in
            the figure (e.g. "no attributed quote in these articles").
        width: Figure width in inches (the height follows the number of bars).

    Returns:
        A :class:`matplotlib.figure.Figure`; on an empty table (or no numeric
        value), one that says "nothing to plot: <why>".

    Raises:
        ValueError: ``table`` has rows but lacks ``value``, ``label`` or ``stack``.
    """
    if table.empty:
        return empty_figure(empty, title=title or None, figsize=(width, 2.5))
    _check_columns("plot_bars", table, [value, label, *([stack] if stack else [])])
    numbers = pd.to_numeric(table[value], errors="coerce")
    if numbers.isna().all():
        return empty_figure(f"no numeric value in column {value!r}", title=title or None,
                            figsize=(width, 2.5))
    data = pd.DataFrame({"label": _labels(table[label]), "value": numbers.fillna(0.0)})
    if stack:
        data["stack"] = _labels(table[stack])
        wide = data.pivot_table(index="label", columns="stack", values="value", aggfunc="sum",
                                fill_value=0.0, sort=False)
        wide = wide.sort_index() if not horizontal else wide.iloc[::-1]
    else:
        wide = data.set_index("label")["value"]
        if sort:
            wide = wide.sort_values(ascending=horizontal)
        elif horizontal:
            wide = wide.iloc[::-1]  # first row at the top
    n = len(wide)
    figsize = (width, max(2.5, 0.9 + 0.38 * n)) if horizontal else (max(width, 0.9 + 0.45 * n), 3.8)
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=figsize, layout="constrained")
    ax = fig.add_subplot()
    kind = "barh" if horizontal else "bar"
    rot = 0 if horizontal or n <= 12 else 45  # short labels (periods) stay readable upright
    if stack:
        wide.plot(kind=kind, stacked=True, ax=ax, colormap="tab20", width=0.75, rot=rot)
        ax.legend(bbox_to_anchor=(1.01, 1), loc="upper left", fontsize="small", frameon=False)
    else:
        wide.plot(kind=kind, ax=ax, color="#4c72b0", width=0.75, rot=rot)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title, loc="left")
    ax.grid(axis="x" if horizontal else "y", color="0.9", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def plot_lines(
    table: pd.DataFrame,
    *,
    value: str,
    group: str | None = None,
    x: str = "period",
    title: str = "",
    xlabel: str = "",
    ylabel: str = "",
    empty: str = "the table has no rows",
    width: float = 9.0,
) -> Any:
    """Line chart of a tidy table over periods: one line per ``group`` value.

    Args:
        table: A tidy table with one row per (``x``, ``group``), e.g.
            :func:`mediakit.quote_density` with ``freq``.
        value: The numeric column drawn (e.g. ``"quotes_per_1k_words"``).
        group: The column naming each line (e.g. ``"outlet"``); None for one line.
        x: The column along the horizontal axis (default ``"period"``); rows
            where it is missing (undated articles) are left out.
        title: Chart title.
        xlabel: Label of the horizontal axis.
        ylabel: Label of the vertical axis.
        empty: Why there is nothing to plot when ``table`` has no rows.
        width: Figure width in inches.

    Returns:
        A :class:`matplotlib.figure.Figure`; on an empty table, or one where
        no row has an ``x`` value or a numeric ``value``, one that says
        "nothing to plot: <why>".

    Raises:
        ValueError: ``table`` has rows but lacks ``x``, ``value`` or ``group``.
    """
    if table.empty:
        return empty_figure(empty, title=title or None, figsize=(width, 2.5))
    _check_columns("plot_lines", table, [x, value, *([group] if group else [])])
    data = pd.DataFrame({"x": table[x], "value": pd.to_numeric(table[value], errors="coerce")})
    data["group"] = _labels(table[group]) if group else (ylabel or value)
    data = data[data["x"].notna()]
    if data.empty:
        return empty_figure(f"no row has a {x} (undated articles?)", title=title or None,
                            figsize=(width, 2.5))
    if data["value"].isna().all():
        return empty_figure(f"no numeric value in column {value!r}", title=title or None,
                            figsize=(width, 2.5))
    wide = data.pivot_table(index="x", columns="group", values="value", aggfunc="sum", sort=True)
    if isinstance(wide.index, pd.DatetimeIndex) and wide.index.tz is not None:
        wide.index = wide.index.tz_convert(None)
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(width, 3.8), layout="constrained")
    ax = fig.add_subplot()
    for k, column in enumerate(wide.columns):
        series = wide[column]
        ax.plot(series.index, series.to_numpy(dtype=float), marker="o" if len(series) <= 40 else None,
                markersize=3.5, linewidth=2, color=f"C{k % 10}", label=str(column))
    if group:
        ax.legend(bbox_to_anchor=(1.01, 1), loc="upper left", fontsize="small", frameon=False)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title, loc="left")
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", color="0.9", linewidth=0.8)
    ax.spines[["top", "right"]].set_visible(False)
    return fig
