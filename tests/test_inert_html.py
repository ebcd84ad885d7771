"""Article text that carries scripts stays inert in rich displays and exported reports.

Each page is rendered by headless Chromium (Debian package ``chromium``) with
``--dump-dom``; the hostile article text tries four ways to run code (``<script>``,
``<img onerror>``, ``<svg onload>``, a ``javascript:`` link), each of which would
mark the ``<html>`` element. A positive control renders the same payload unescaped
and proves that, in this harness, every one of them does run.
"""
from __future__ import annotations

import importlib.util
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium not installed: `apt-get install -y chromium` (Debian package 'chromium')",
)

_MARK = "document.documentElement.setAttribute"
PAYLOAD = (
    f"<script>document.title='PWNED';{_MARK}('data-pwned-script','1')</script>"
    f"<img src=\"nonexistent-mk.png\" onerror=\"{_MARK}('data-pwned-img','1')\">"
    f"<svg onload=\"{_MARK}('data-pwned-svg','1')\"></svg>"
    f"<a id=\"mkjs\" href=\"javascript:{_MARK}('data-pwned-link','1')\">read more</a>"
)
# clicks the javascript: link if it exists as a real link (only the control page has it)
_CLICKER = "<script>window.addEventListener('load',()=>{const a=document.getElementById('mkjs');if(a)a.click();})</script>"
ARTICLE = (
    f"MOSCOW (AP) — Officials met on Tuesday. {PAYLOAD}\n\n"
    f"“We reject {PAYLOAD} entirely,” said Ann Smith, the envoy.\n\n"
    "The talks will resume next week."
)
FLAGS = ["data-pwned-script", "data-pwned-img", "data-pwned-svg", "data-pwned-link"]


class _DOM(HTMLParser):
    """Elements and attributes of a dumped DOM, and its visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.title = ""
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in.append(tag)

    def handle_endtag(self, tag):
        if tag in self._in:
            while self._in and self._in.pop() != tag:
                pass

    def handle_data(self, data):
        where = self._in[-1] if self._in else ""
        if where == "title":
            self.title += data
        elif where not in ("script", "style"):
            self.text.append(data)


def _render(page: Path, tmp_path: Path) -> _DOM:
    profile = tmp_path / "chromium-profile"
    cmd = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={profile}", "--virtual-time-budget=3000",
        "--dump-dom", page.resolve().as_uri(),
    ]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=90)
    assert res.returncode == 0, res.stderr[-2000:]
    assert "</html>" in res.stdout, "chromium dumped no DOM"
    dom = _DOM()
    dom.feed(res.stdout)
    return dom


def _assert_inert(dom: _DOM) -> None:
    root = next(attrs for tag, attrs in dom.elements if tag == "html")
    ran = [f for f in FLAGS if f in root]
    assert not ran, f"injected code ran: {ran}"
    assert dom.title != "PWNED"
    for tag, attrs in dom.elements:
        handlers = [a for a in attrs if a.startswith("on")]
        assert not handlers, f"<{tag}> carries event handler(s) {handlers}"
        href = (attrs.get("href") or "").strip().lower()
        assert not href.startswith("javascript:"), f"<{tag}> links to {href[:40]}"
        assert attrs.get("id") != "mkjs", "the injected link became a real element"
    # and the payload is still there, as text a reader can see
    visible = "".join(dom.text)
    assert "<script>document.title='PWNED'" in visible
    assert 'onerror="' in visible and "javascript:" in visible


def test_harness_detects_injection(tmp_path):
    """Positive control: the same payload, unescaped, runs every one of its four tricks."""
    page = tmp_path / "control.html"
    page.write_text(f"<!DOCTYPE html><html><head><title>control</title></head><body>"
                    f"<p>{PAYLOAD}</p>{_CLICKER}</body></html>", encoding="utf-8")
    dom = _render(page, tmp_path)
    root = next(attrs for tag, attrs in dom.elements if tag == "html")
    assert [f for f in FLAGS if f in root] == FLAGS
    assert dom.title == "PWNED"


def _quotes_for(text: str) -> pd.DataFrame:
    """The real extractor when built; else the one quote, located by hand."""
    if importlib.util.find_spec("mediakit.quotes") is not None:
        from mediakit.quotes import extract_quotes

        return extract_quotes(text)
    q = f"“We reject {PAYLOAD} entirely,”"
    start = text.index(q)
    return pd.DataFrame([{"start": start, "end": start + len(q), "quote": q, "speaker": "Ann Smith"}])


def test_show_quotes_export_is_inert(tmp_path):
    from mediakit.display import show_quotes

    view = show_quotes(ARTICLE, quotes=_quotes_for(ARTICLE))
    exported = tmp_path / "quotes.html"
    view.to_html(exported)
    dom = _render(exported, tmp_path)
    _assert_inert(dom)
    assert any(tag == "mark" for tag, _ in dom.elements)  # the quote is highlighted


def test_show_quotes_fragment_is_inert_without_csp(tmp_path):
    """Escaping alone must hold: the fragment Jupyter shows, in a page with no CSP."""
    from mediakit.display import show_article

    art = {"title": f"Title {PAYLOAD}", "text": ARTICLE, "byline": PAYLOAD,
           "url": f"javascript:{_MARK}('data-pwned-link','1')", "captions": [PAYLOAD],
           "photo_credits": [{"name": PAYLOAD, "agency": "AP"}], "contributors": [PAYLOAD],
           "chrome": [PAYLOAD]}
    frag = show_article(art, quotes=_quotes_for(ARTICLE))._repr_html_()
    page = tmp_path / "fragment.html"
    page.write_text(f"<!DOCTYPE html><html><head><title>fragment</title></head><body>{frag}"
                    f"{_CLICKER}</body></html>", encoding="utf-8")
    _assert_inert(_render(page, tmp_path))


def test_article_and_table_displays_are_inert(tmp_path):
    """Other rich displays a report shows article text through: the Article's own
    ``_repr_html_`` (clean.py) and a pandas table of the corpus."""
    from mediakit.clean import clean_article

    art = clean_article(f"Talks stall {PAYLOAD}\n\n{ARTICLE}\n\nJo Roe in Kyiv contributed.\n")
    table = pd.DataFrame({"doc_id": ["x"], "title": [PAYLOAD], "text": [ARTICLE]}).to_html()
    page = tmp_path / "displays.html"
    page.write_text(f"<!DOCTYPE html><html><head><title>displays</title></head><body>"
                    f"{art._repr_html_()}{table}{_CLICKER}</body></html>", encoding="utf-8")
    _assert_inert(_render(page, tmp_path))


def test_real_teaching_report_on_hostile_article_is_inert(tmp_path):
    """The media-literacy report (article walk-through: chrome, credits, captions,
    quotes highlighted, sources) on a scraped page full of markup, exported and rendered."""
    from mediakit.report import list_reports, run_report

    if "media_literacy" not in set(list_reports()["report"]):
        pytest.skip("no media_literacy report notebook")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    page = (
        f"Top StoryWorld\n\nTalks stall {PAYLOAD}\n\n{ARTICLE}\n\n"
        f"A delegate arrives in Geneva {PAYLOAD}, Jan. 10, 2022. (AP Photo/Jane {PAYLOAD} Doe)\n\n"
        f"Jo Roe in Kyiv {PAYLOAD} contributed.\n\nHow useful was this article?\n"
    )
    (corpus / "hostile_page.txt").write_text(page, encoding="utf-8")
    run_dir = run_report("media_literacy", corpus=str(corpus), output_dir=tmp_path / "out",
                         parameters={"article": ""}, timeout=300)
    exported = run_dir / "media_literacy.html"
    raw = exported.read_text(encoding="utf-8")
    assert "&lt;script&gt;document.title=" in raw
    assert 'class="mediakit-quote"' in raw  # the quotes display is in the report
    _assert_inert(_render(exported, tmp_path))
