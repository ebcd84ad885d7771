"""Rich displays for Jupyter: an article with its quotes highlighted per speaker.

Article text is untrusted (it comes from scrapers): every piece of it goes through
``html.escape`` before it reaches the page, links are made only from ``http(s)``
URLs, and the exported document carries a Content-Security-Policy that forbids
scripts as a second line of defence. Colours come from the Okabe-Ito palette,
which stays distinguishable under the common colour-vision deficiencies; each
speaker also gets a border style so colour is never the only cue.
"""
from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["show_quotes", "show_article", "QuoteView"]

# Okabe & Ito (2008) colour-blind-safe palette (black left out: it is the text colour).
PALETTE: tuple[str, ...] = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
)
_BORDERS = ("solid", "dashed", "dotted", "double")
_UNATTRIBUTED = "#999999"

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'"
_FONT = "font-family:Georgia,'Times New Roman',serif;line-height:1.55;max-width:48em"


@dataclass(frozen=True)
class QuoteView:
    """An HTML fragment that Jupyter renders inline; ``to_html`` exports a page."""

    fragment: str
    title: str = "mediakit"

    def _repr_html_(self) -> str:
        return self.fragment

    def to_html(self, path: str | Path | None = None) -> str:
        """A complete, self-contained HTML document; written to ``path`` when given."""
        doc = (
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
            '<meta name="referrer" content="no-referrer">'
            f"<title>{_esc(self.title)}</title></head>\n<body>\n{self.fragment}\n</body></html>\n"
        )
        if path is not None:
            Path(path).write_text(doc, encoding="utf-8")
        return doc

    def __str__(self) -> str:
        return self.fragment


def show_quotes(text_or_article: Any, *, quotes: pd.DataFrame | None = None) -> QuoteView:
    """Render an article's text with each direct quote highlighted by speaker.

    Args:
        text_or_article: The clean text, an ``Article`` or a corpus row
            (anything with a ``text`` attribute or key).
        quotes: The ``extract_quotes`` table for this text; computed when None.

    Returns:
        A ``QuoteView``: displays itself in Jupyter; ``.to_html(path)`` exports it.
        One colour (and border style) per speaker, a legend naming the speakers
        with their quote counts, unattributed quotes in grey marked "?" (in the
        legend by the description the text gives, "unnamed: a person close to the
        Clintons", where it gives one).
    """
    text = _text_of(text_or_article)
    if quotes is None:
        quotes = _extract(text, text_or_article)
    body, legend = _render_body(text, quotes)
    frag = f'<div class="mediakit-quotes" style="{_FONT}">{legend}{body}</div>'
    return QuoteView(frag, title=_first(_get(text_or_article, "title")) or "Quotes")


def show_article(article: Any, *, quotes: pd.DataFrame | None = None) -> QuoteView:
    """Render a whole article: metadata, body with quotes, captions, credits, chrome.

    Args:
        article: An ``Article`` (``clean_article``), a corpus row (Series or
            mapping), or raw text (cleaned with ``clean_article`` first).
        quotes: The ``extract_quotes`` table for the clean text; computed when None.

    Returns:
        A ``QuoteView`` showing the title, standfirst, date (and where it came
        from), dateline, wire and byline, the
        body with quotes highlighted and a speaker legend, photo captions and
        credits, contributors, and (folded) the page chrome the cleaner removed.
    """
    if isinstance(article, str):
        from mediakit.clean import clean_article

        article = clean_article(article)
    text = _text_of(article)
    if quotes is None:
        quotes = _extract(text, article)
    title = _first(_get(article, "title"))
    parts: list[str] = [f'<div class="mediakit-article" style="{_FONT}">']
    parts.append(f'<h2 style="margin:0 0 .3em">{_esc(title) if title else "<em>(no title)</em>"}</h2>')

    standfirst = _first(_get(article, "standfirst"))
    if standfirst:
        parts.append(f'<p class="mediakit-standfirst" style="font-style:italic;margin:0 0 .4em">{_esc(standfirst)}</p>')

    meta = []
    date = _get(article, "date")
    if date is not None and not _isna(date):
        source = _first(_get(article, "date_source"))
        meta.append(_esc(_fmt_date(date)) + (f" <span style=\"color:#777\">({_esc(source)})</span>" if source else ""))
    for label, key in (("Dateline", "dateline"), ("Wire", "wire"), ("By", "byline"), ("Outlet", "outlet")):
        v = _first(_get(article, key))
        if v:
            meta.append(f"{label}: <strong>{_esc(v)}</strong>")
    url = _first(_get(article, "url"))
    if url:
        meta.append(_link(url))
    if meta:
        meta_html = " &middot; ".join(meta)
        parts.append(f'<p class="mediakit-meta" style="color:#444;font-size:.9em;margin:0 0 .8em">{meta_html}</p>')

    body, legend = _render_body(text, quotes)
    parts.append(legend)
    parts.append(body)

    captions = _list(_get(article, "captions"))
    credits = _list(_get(article, "photo_credits"))
    if captions or credits:
        parts.append(_section("Captions", [_esc(str(c)) for c in captions]))
        if credits:
            parts.append(_section("Photo credits", [_credit(c) for c in credits]))
    contributors = _list(_get(article, "contributors"))
    if contributors:
        parts.append(_section("Contributors", [_esc(str(c)) for c in contributors]))
    chrome = _list(_get(article, "chrome"))
    if chrome:
        items = "".join(f"<li>{_esc(str(c))}</li>" for c in chrome)
        parts.append(
            '<details class="mediakit-chrome" style="margin-top:1em;color:#555">'
            f"<summary>Removed page chrome ({len(chrome)} lines)</summary>"
            f'<ul style="font-size:.85em">{items}</ul></details>'
        )
    parts.append("</div>")
    return QuoteView("".join(parts), title=title or "Article")


# -- body rendering ----------------------------------------------------------


def _render_body(text: str, quotes: pd.DataFrame | None) -> tuple[str, str]:
    """Escaped body with <mark>s at quote offsets, and the legend."""
    rows = _quote_rows(text, quotes)
    styles = _speaker_styles(rows)
    spans: list[tuple[int, int, str, dict]] = []
    for r in rows:
        spans.append((r["start"], r["end"], "quote", r))
        ms, me = r.get("speaker_start"), r.get("speaker_end")
        if _valid_span(text, ms, me):
            spans.append((int(ms), int(me), "mention", r))
    spans.sort(key=lambda s: (s[0], s[2] != "quote"))

    out: list[str] = []
    pos = 0
    counts: dict[str | None, int] = {}
    for start, end, kind, r in spans:
        if start < pos:  # overlaps a span already drawn: keep the first
            continue
        out.append(_esc(text[pos:start]))
        speaker = r["speaker"]
        colour, border = styles.get(speaker, (_UNATTRIBUTED, "dashed"))
        segment = _esc(text[start:end])
        if kind == "quote":
            key = speaker if speaker is not None else _unnamed(r)
            counts[key] = counts.get(key, 0) + 1
            tip = _tooltip(r)
            tag = "" if speaker is not None else '<sup style="color:#555">?</sup>'
            out.append(
                f'<mark class="mediakit-quote" data-speaker="{_esc(speaker or "")}" title="{tip}" '
                f'style="background:{_tint(colour)};border-bottom:3px {border} {colour};'
                f'color:inherit;padding:0 1px">{segment}</mark>{tag}'
            )
        else:
            out.append(
                f'<span class="mediakit-speaker" style="font-weight:bold;'
                f'text-decoration-line:underline;text-decoration-thickness:2px;'
                f'text-decoration-color:{colour}">{segment}</span>'
            )
        pos = end
    out.append(_esc(text[pos:]))
    body = (
        '<div class="mediakit-body" style="white-space:pre-wrap;margin:.6em 0">'
        + "".join(out)
        + "</div>"
    )
    return body, _legend(styles, counts)


def _legend(styles: dict[str | None, tuple[str, str]], counts: dict[Any, int]) -> str:
    if not counts:
        return '<p class="mediakit-legend" style="color:#555;font-size:.9em">No direct quotes found.</p>'
    items = []
    for speaker, (colour, border) in styles.items():
        n = counts.get(speaker, 0)
        if not n:
            continue
        items.append(_legend_item(_esc(speaker), colour, border, n))
    # sources the text describes but does not name ("a person close to the Clintons")
    for key, n in counts.items():
        if isinstance(key, _Unnamed):
            items.append(_legend_item(f"<em>unnamed:</em> {_esc(key.description)} ?", _UNATTRIBUTED, "dashed", n))
    if counts.get(None):
        items.append(_legend_item("<em>unattributed</em> ?", _UNATTRIBUTED, "dashed", counts[None]))
    return (
        '<div class="mediakit-legend" style="font-size:.9em;margin:.4em 0">'
        '<span style="color:#555">Speakers: </span>' + " ".join(items) + "</div>"
    )


def _legend_item(label_html: str, colour: str, border: str, n: int) -> str:
    return (
        f'<span style="display:inline-block;margin:0 .6em .2em 0;padding:0 .3em;'
        f'background:{_tint(colour)};border-bottom:3px {border} {colour}">'
        f"{label_html} ({n})</span>"
    )


@dataclass(frozen=True)
class _Unnamed:
    """A legend entry for quotes whose speaker the text describes without a name."""

    description: str


def _unnamed(r: Mapping[str, Any]) -> _Unnamed | None:
    """The legend entry of a speaker the text describes without a name
    (:func:`mediakit.quotes.unnamed_speaker`, as the evaluator scores it), or None."""
    from mediakit.quotes import unnamed_speaker

    description = unnamed_speaker(r.get("speaker"), r.get("role"))
    return None if description is None else _Unnamed(description)


def _speaker_styles(rows: list[dict]) -> dict[str | None, tuple[str, str]]:
    """Colour and border per named speaker, in order of first quote."""
    styles: dict[str | None, tuple[str, str]] = {}
    for r in rows:
        s = r["speaker"]
        if s is None or s in styles:
            continue
        i = len(styles)
        styles[s] = (PALETTE[i % len(PALETTE)], _BORDERS[(i // len(PALETTE)) % len(_BORDERS)])
    return styles


def _quote_rows(text: str, quotes: pd.DataFrame | None) -> list[dict]:
    if quotes is None or len(quotes) == 0:
        return []
    rows = []
    for r in quotes.to_dict("records"):
        start, end = r.get("start"), r.get("end")
        if not _valid_span(text, start, end):
            continue
        speaker = r.get("speaker")
        r = dict(r, start=int(start), end=int(end))
        r["speaker"] = speaker.strip() if isinstance(speaker, str) and speaker.strip() else None
        rows.append(r)
    rows.sort(key=lambda r: r["start"])
    return rows


def _tooltip(r: dict) -> str:
    bits = [f"speaker: {r['speaker'] or 'unattributed'}"]
    for key in ("speaker_mention", "role", "cue", "kind"):
        v = r.get(key)
        if isinstance(v, str) and v:
            bits.append(f"{key.replace('_', ' ')}: {v}")
    if r.get("continued") is True:
        bits.append("speaker carried over")
    return _esc("; ".join(bits))


# -- small helpers -----------------------------------------------------------


def _esc(s: Any) -> str:
    return html.escape("" if s is None else str(s), quote=True)


def _tint(hex_colour: str, alpha: float = 0.35) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _valid_span(text: str, start: Any, end: Any) -> bool:
    if start is None or end is None or _isna(start) or _isna(end):
        return False
    try:
        s, e = int(start), int(end)
    except (TypeError, ValueError):
        return False
    return 0 <= s < e <= len(text)


def _isna(v: Any) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _get(obj: Any, key: str) -> Any:
    if isinstance(obj, str):
        return obj if key == "text" else None
    if isinstance(obj, pd.Series | Mapping):
        return obj.get(key)
    return getattr(obj, key, None)


def _first(v: Any) -> str | None:
    if v is None or (not isinstance(v, list | tuple) and _isna(v)):
        return None
    s = str(v).strip()
    return s or None


def _list(v: Any) -> list:
    if v is None:
        return []
    if isinstance(v, str):
        return [v] if v.strip() else []
    if isinstance(v, Sequence) or hasattr(v, "tolist"):
        return [x for x in list(v) if x is not None and not (isinstance(x, float) and _isna(x))]
    return []


def _text_of(obj: Any) -> str:
    t = _get(obj, "text")
    if t is None or (not isinstance(t, str) and _isna(t)):
        return ""
    return str(t)


def _extract(text: str, source: Any) -> pd.DataFrame:
    """``extract_quotes`` for the text of ``source`` with what ``quotes(df)`` gives it
    from a corpus row: title, summary, date and url (else outlet)."""
    from mediakit._offices import address_of
    from mediakit.lexicons import lexicon_version
    from mediakit.quotes import extract_quotes

    def field(key: str) -> Any:
        v = _get(source, key) if not isinstance(source, str) else None
        return None if v is None or (not isinstance(v, list | tuple) and _isna(v)) else v

    url = address_of(field("url"), field("outlet"), lexicon_version())
    return extract_quotes(text, title=_first(field("title")), summary=_first(field("summary")),
                          date=field("date"), url=str(url) if url else None)


def _fmt_date(d: Any) -> str:
    try:
        return pd.Timestamp(d).strftime("%Y-%m-%d %H:%M %Z").strip()
    except (TypeError, ValueError):
        return str(d)


def _link(url: str) -> str:
    """A link only for http(s) URLs; anything else (javascript:, data:) as text."""
    if url.lower().startswith(("http://", "https://")):
        u = _esc(url)
        return f'<a href="{u}" rel="noopener noreferrer nofollow" target="_blank">{u}</a>'
    return f"<code>{_esc(url)}</code>"


def _credit(c: Any) -> str:
    if isinstance(c, Mapping):
        name, agency = _first(c.get("name")), _first(c.get("agency"))
        if name and agency:
            return f"{_esc(name)} <span style=\"color:#555\">({_esc(agency)})</span>"
        return _esc(name or agency or "")
    return _esc(str(c))


def _section(heading: str, items: list[str]) -> str:
    if not items:
        return ""
    lis = "".join(f"<li>{i}</li>" for i in items)
    return (
        f'<div class="mediakit-{heading.lower().replace(" ", "-")}" style="margin-top:.8em">'
        f'<strong>{heading}</strong><ul style="margin:.2em 0;font-size:.9em">{lis}</ul></div>'
    )
