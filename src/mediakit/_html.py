"""Saved HTML pages -> main text and metadata, with trafilatura, offline.

Used by ``load_corpus`` for ``.html``/``.htm`` files. Nothing is fetched: trafilatura
gets the page's own markup and never a URL to download.
"""
from __future__ import annotations

import re
from typing import Any

__all__ = ["extract_html"]

_LINES = re.compile(r"\n+")


def extract_html(markup: str, *, url: str | None = None) -> dict[str, Any]:
    """Main text and metadata of one page.

    Returns a record with ``text`` (paragraphs separated by blank lines; None when
    no main text is found), ``title``, ``byline`` (the author), ``outlet`` (the site
    name), ``url``, ``date`` (the page's own publication date, as a string) and
    ``description``.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(
        markup,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    d = (doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)) if doc is not None else {}
    text = d.get("text") or None
    problem = None
    if not text:
        # lxml (under trafilatura) stops at 255 levels of nesting: such a page loses
        # its text. The standard library's tokenizer has no such limit.
        whole, depth = _page_text(markup)
        if depth > _LXML_MAX_DEPTH and whole:
            text = whole
            problem = (f"HTML nested {depth} levels deep (the parser stops at {_LXML_MAX_DEPTH}): "
                       "the whole page text was taken, not its main text")
        else:
            return {"text": None, "title": d.get("title") or None, "byline": None, "outlet": None,
                    "url": url, "date": None, "__reason": "no main text found in the HTML page"}
    title = d.get("title") or None
    if text:
        text = text.strip()
        first, _, rest = text.partition("\n")
        if title and rest and " ".join(first.split()) == " ".join(title.split()):
            text = rest.strip()  # the headline is the title, not the body
        text = _LINES.sub("\n\n", text)
    return {
        "text": text,
        "title": title,
        "byline": d.get("author") or None,
        "outlet": d.get("sitename") or d.get("hostname") or None,
        "url": d.get("url") or url,
        "date": d.get("date") or None,
        "description": d.get("description") or None,
        "__problem": problem,
    }


_LXML_MAX_DEPTH = 255
_SKIP_TAGS = {"script", "style", "head", "noscript", "template", "svg"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param"}
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article", "br"}


def _page_text(markup: str) -> tuple[str, int]:
    """All visible text of a page (paragraphs at block tags) and its deepest nesting,
    by the standard library's tokenizer (no depth limit, no tree)."""
    from html.parser import HTMLParser

    class _P(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.depth = self.max_depth = self.skip = 0
            self.parts: list[str] = []

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            if tag in _VOID:
                if tag == "br":
                    self.parts.append("\n")
                return
            self.depth += 1
            self.max_depth = max(self.max_depth, self.depth)
            if tag in _SKIP_TAGS:
                self.skip += 1
            if tag in _BLOCKS:
                self.parts.append("\n\n")

        def handle_endtag(self, tag: str) -> None:
            if tag in _VOID:
                return
            self.depth = max(0, self.depth - 1)
            if tag in _SKIP_TAGS and self.skip:
                self.skip -= 1
            if tag in _BLOCKS:
                self.parts.append("\n\n")

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.parts.append(data)

    parser = _P()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paras if p), parser.max_depth
