"""Charts for reports: term frequency over time.

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

__all__ = ["plot_term_frequency"]

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
