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
    if doc is None:
        return {"text": None, "title": None, "byline": None, "outlet": None, "url": url, "date": None}
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = d.get("text") or None
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
    }
