"""show_quotes / show_article: highlighted quotes, legend, escaping, export."""
from __future__ import annotations

import importlib.util
import re
from types import SimpleNamespace

import pandas as pd
import pytest

from mediakit.display import PALETTE, QuoteView, show_article, show_quotes

HAS_QUOTES = importlib.util.find_spec("mediakit.quotes") is not None
HAS_CLEAN = importlib.util.find_spec("mediakit.clean") is not None

HOSTILE = ('<script>document.title="PWNED"</script> <img src=x onerror="alert(1)"> '
           '<a href="javascript:alert(2)">click</a>')


def _q(text: str, spec: list[tuple[str, str | None]]) -> pd.DataFrame:
    rows = []
    pos = 0
    for quote, speaker in spec:
        start = text.index(quote, pos)
        pos = start + len(quote)
        rows.append({"start": start, "end": pos, "quote": quote, "speaker": speaker,
                     "speaker_mention": speaker, "speaker_start": None, "speaker_end": None,
                     "role": None, "cue": "said", "kind": "full", "continued": False,
                     "paragraph": 0})
    return pd.DataFrame(rows)


TEXT = ("“We will not allow it,” said Ann Smith.\n\n“No,” Bo Jones said. "
        "“Never,” she said. “Perhaps,” someone said.")
SPEC = [("“We will not allow it,”", "Ann Smith"), ("“No,”", "Bo Jones"),
        ("“Never,”", "Ann Smith"), ("“Perhaps,”", None)]


def _marks(html: str) -> list[str]:
    return re.findall(r'<mark class="mediakit-quote"[^>]*>(.*?)</mark>', html, flags=re.S)


def test_each_quote_highlighted_with_one_colour_per_speaker():
    view = show_quotes(TEXT, quotes=_q(TEXT, SPEC))
    html = view._repr_html_()
    assert _marks(html) == ["“We will not allow it,”", "“No,”", "“Never,”", "“Perhaps,”"]
    speakers = re.findall(r'data-speaker="([^"]*)"', html)
    assert speakers == ["Ann Smith", "Bo Jones", "Ann Smith", ""]
    # Smith's two quotes share a colour; Jones has another; both from the safe palette
    colours = re.findall(r'border-bottom:3px \w+ (#[0-9A-F]{6})', html)
    legend, body = html.split('class="mediakit-body"')
    body_colours = re.findall(r'border-bottom:3px \w+ (#[0-9A-F]{6})', body)
    assert body_colours[0] == body_colours[2] == PALETTE[0]
    assert body_colours[1] == PALETTE[1]
    assert body_colours[3] not in PALETTE  # unattributed: grey
    assert len(colours) == 4 + 3  # legend: 3 entries
    # legend names speakers with their counts, and the unattributed quote
    assert "Ann Smith (2)" in legend and "Bo Jones (1)" in legend
    assert "unattributed" in legend and "(1)" in legend
    # the text between quotes is kept verbatim (whitespace preserved by pre-wrap)
    plain = re.sub(r"<[^>]+>", "", body.split(">", 1)[1])
    assert plain.startswith(TEXT[:40])
    assert "white-space:pre-wrap" in html


def test_unnamed_sources_are_in_the_legend_by_their_description():
    # media-literacy classes ask who an anonymous source is: the legend says what the
    # text says of them; a pronoun or nothing stays "unattributed"
    text = "“Too far behind,” said an Iowa Democrat. “Fine,” a source said. “Yes,” they said. “No.”"
    q = _q(text, [("“Too far behind,”", None), ("“Fine,”", None), ("“Yes,”", None), ("“No.”", None)])
    q["speaker_mention"] = ["an Iowa Democrat", "a source", "they", None]
    q["role"] = ["an Iowa Democrat", "a source", None, None]
    legend = show_quotes(text, quotes=q)._repr_html_().split('class="mediakit-body"')[0]
    assert "<em>unnamed:</em> an Iowa Democrat ? (1)" in legend
    assert "<em>unnamed:</em> a source ? (1)" in legend
    assert "<em>unattributed</em> ? (2)" in legend
    # a pronoun that goes back to an unnamed person is that person ("My dad … He said"),
    # as the evaluator's identified_speakers scores it: one definition for both
    from mediakit.quotes import unnamed_speaker

    q["speaker_mention"] = ["an Iowa Democrat", "a source", "He", None]
    q["role"] = ["an Iowa Democrat", "a  source", "my dad", "they"]
    legend = show_quotes(text, quotes=q)._repr_html_().split('class="mediakit-body"')[0]
    assert "<em>unnamed:</em> my dad ? (1)" in legend and "<em>unnamed:</em> a source ? (1)" in legend
    assert "<em>unattributed</em> ? (1)" in legend
    assert [unnamed_speaker(s, r) for s, r in zip(q["speaker"], q["role"], strict=True)] == [
        "an Iowa Democrat", "a source", "my dad", None]
    assert unnamed_speaker("Joe Biden", "President") is None
    # a description is article text: escaped
    q["role"] = q["speaker_mention"] = ["a <script>x</script> aide", "a source", "they", None]
    html = show_quotes(text, quotes=q).to_html()
    assert "<script>x" not in html and "a &lt;script&gt;x&lt;/script&gt; aide" in html


def test_article_text_is_escaped_everywhere():
    text = f"He wrote {HOSTILE} and said “<b>bold</b> {HOSTILE}” today."
    q = _q(text, [(f"“<b>bold</b> {HOSTILE}”", '<img src=y onerror="alert(3)">')])
    html = show_quotes(text, quotes=q).to_html()
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert 'href="javascript' not in html
    assert "&lt;script&gt;document.title=&quot;PWNED&quot;&lt;/script&gt;" in html
    assert "&lt;img src=y onerror=&quot;alert(3)&quot;&gt;" in html  # speaker name escaped too
    # the export is a whole document with a script-forbidding policy
    assert html.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in html
    assert "default-src 'none'" in html


def test_bad_offsets_are_skipped_not_drawn():
    q = _q(TEXT, SPEC[:1])
    bad = pd.concat([q, pd.DataFrame([{"start": 5, "end": 10_000, "quote": "x", "speaker": "Z"},
                                      {"start": None, "end": None, "quote": "y", "speaker": "Z"}])])
    html = show_quotes(TEXT, quotes=bad)._repr_html_()
    assert _marks(html) == ["“We will not allow it,”"]
    assert "Z (" not in html


def test_no_quotes_says_so():
    html = show_quotes("Plain text.", quotes=pd.DataFrame())._repr_html_()
    assert "No direct quotes found" in html and "Plain text." in html


def test_show_article_from_article_like_object(tmp_path):
    art = SimpleNamespace(
        text=TEXT, title="Talks <stall>", date=pd.Timestamp("2022-01-11", tz="UTC"),
        date_source="text", wire="AP", dateline="MOSCOW", byline="By <i>Someone</i>",
        contributors=["Aamer Madhani", "Ellen Knickmeyer"],
        captions=["Putin at the ‘Villa la Grange’ <script>x()</script>"],
        photo_credits=[{"name": "Denis Balibouse", "agency": "AP"}],
        chrome=["Top StoryWorld", "How useful was this article?"],
        url="javascript:alert(1)", standfirst="An aggregator's <em>intro</em>",
    )
    view = show_article(art, quotes=_q(TEXT, SPEC))
    assert isinstance(view, QuoteView)
    html = view._repr_html_()
    assert "<h2" in html and "Talks &lt;stall&gt;" in html
    for shown in ("2022-01-11", "MOSCOW", "AP", "By &lt;i&gt;Someone&lt;/i&gt;",
                  "Aamer Madhani", "Ellen Knickmeyer", "Denis Balibouse",
                  "‘Villa la Grange’ &lt;script&gt;", "Top StoryWorld",
                  "Removed page chrome (2 lines)", "An aggregator&#x27;s &lt;em&gt;intro&lt;/em&gt;",
                  "(text)"):
        assert shown in html, shown
    assert len(_marks(html)) == 4
    assert 'href="javascript' not in html and "<code>javascript:alert(1)</code>" in html
    out = tmp_path / "article.html"
    doc = view.to_html(out)
    assert out.read_text(encoding="utf-8") == doc
    assert "<title>Talks &lt;stall&gt;</title>" in doc


def test_show_article_from_corpus_row_links_http_urls():
    row = pd.Series({"doc_id": "x", "title": "T", "text": TEXT, "date": pd.NaT,
                     "url": "https://example.org/a?b=1&c=2", "captions": [],
                     "photo_credits": [], "contributors": []})
    html = show_article(row, quotes=_q(TEXT, SPEC[:2]))._repr_html_()
    assert '<a href="https://example.org/a?b=1&amp;c=2"' in html
    assert "Captions" not in html and "Contributors" not in html and "NaT" not in html
    assert len(_marks(html)) == 2


def test_many_speakers_cycle_palette_with_distinct_borders():
    names = [f"Speaker {i}" for i in range(10)]
    text = " ".join(f"“q{i},” said {n}." for i, n in enumerate(names))
    view = show_quotes(text, quotes=_q(text, [(f"“q{i},”", n) for i, n in enumerate(names)]))
    body = view._repr_html_().split('class="mediakit-body"')[1]
    styles = re.findall(r"border-bottom:3px (\w+) (#[0-9A-F]{6})", body)
    assert len(set(styles)) == 10  # colour + border pairs never repeat


@pytest.mark.skipif(not HAS_QUOTES, reason="mediakit.quotes not built yet")
def test_seed_quotes_real_extractor(seed_text):
    from mediakit.quotes import extract_quotes

    q = extract_quotes(seed_text)
    html = show_quotes(seed_text)._repr_html_()
    assert len(_marks(html)) == len(q) > 0
    for name in q["speaker"].dropna().unique():
        n = int((q["speaker"] == name).sum())
        assert f"{name} ({n})" in html


@pytest.mark.skipif(not HAS_CLEAN or not HAS_QUOTES, reason="clean/quotes not built yet")
def test_show_article_on_raw_seed(seed_text):
    html = show_article(seed_text)._repr_html_()
    assert "Removed page chrome" in html
    assert "Julianne Smith" in html
    assert "Aamer Madhani" in html  # contributors line
    assert len(_marks(html)) >= 10


@pytest.mark.skipif(not HAS_QUOTES, reason="mediakit.quotes not built yet")
def test_any_text_round_trips_escaped():
    """Arbitrary text (markup included): the body, tags removed and unescaped, is the
    text itself, and no '<' from the text survives as markup."""
    import html as _html

    from hypothesis import given, settings
    from hypothesis import strategies as st

    pieces = st.sampled_from(["<script>", "</div>", "<img src=x onerror=alert(1)>", "&amp;", "&",
                              "“", "”", '"', "'", " said Ann Smith.", "\n\n", "javascript:", "a"])

    @settings(max_examples=40, deadline=None)
    @given(st.lists(pieces | st.text(max_size=5), max_size=30).map("".join))
    def check(text):
        frag = show_quotes(text)._repr_html_()
        body = frag.split('class="mediakit-body"', 1)[1].split(">", 1)[1].rsplit("</div>", 2)[0]
        tags = re.findall(r"<[^>]*>", body)
        assert all(re.match(r"</?(mark|span|sup)[ >]", t) for t in tags), tags
        plain = _html.unescape(re.sub(r"<sup[^>]*>\?</sup>|<[^>]+>", "", body))
        assert plain == text

    check()


@pytest.mark.skipif(not HAS_QUOTES, reason="quotes module not built")
def test_a_corpus_row_is_shown_with_the_speakers_quotes_gives_it():
    from mediakit.quotes import quotes

    df = pd.DataFrame({
        "doc_id": ["a"], "title": ["Press Briefing"],
        "text": ["Q    Will the sanctions work?\n\n“They are biting,” the President said."],
        "date": pd.to_datetime(["2022-03-01"], utc=True),
        "url": ["https://www.whitehouse.gov/briefing-room/press-briefings/x/"],
    })
    assert quotes(df, progress=False).speaker.tolist() == ["Joe Biden"]
    row = df.iloc[0]
    for view in (show_quotes(row), show_article(row)):
        assert "Joe Biden (1)" in view.fragment, view.fragment[:400]
    # the text alone has no date and no site: nobody is named
    assert "Joe Biden" not in show_quotes(row["text"]).fragment
    # a page elsewhere whose outlet is the official site: the outlet's country, as quotes(df) reads it
    df = df.assign(url=["https://example.com/x"], outlet=["whitehouse.gov"])
    assert quotes(df, progress=False).speaker.tolist() == ["Joe Biden"]
    assert "Joe Biden (1)" in show_quotes(df.iloc[0]).fragment
