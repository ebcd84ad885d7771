"""mediakit: analyse news coverage in Jupyter.

Load article corpora into pandas, find quotations and their speakers, attribute
sources, count terms over time, and run parameterised report notebooks.

The public API is listed in ``__all__``; names are imported lazily so that
``import mediakit`` stays fast and a notebook pays only for what it uses.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it (one module per pipeline stage)
_API: dict[str, str] = {
    # load
    "load_corpus": "corpus",
    "save_corpus": "corpus",
    # clean
    "clean_article": "clean",
    "Article": "clean",
    # extract
    "extract_quotes": "quotes",
    "quotes": "quotes",
    "sources": "sources",
    # aggregate
    "quote_density": "density",
    "term_frequency": "terms",
    "kwic": "terms",
    "find_duplicates": "duplicates",
    "quotes_by_affiliation": "summaries",
    "top_sources": "summaries",
    "wire_share": "summaries",
    "anonymous_share": "summaries",
    "quoted_vs_paraphrased": "summaries",
    # present
    "plot_term_frequency": "plot",
    "show_quotes": "display",
    "show_article": "display",
    # run
    "run_report": "report",
    "list_reports": "report",
    # rules and lexicons
    "lexicon": "lexicons",
    "extend_lexicon": "lexicons",
}

# written out, so tools and readers see the public names (a test checks it matches _API)
__all__ = [
    "Article",
    "__version__",
    "anonymous_share",
    "clean_article",
    "extend_lexicon",
    "extract_quotes",
    "find_duplicates",
    "kwic",
    "lexicon",
    "list_reports",
    "load_corpus",
    "plot_term_frequency",
    "quote_density",
    "quoted_vs_paraphrased",
    "quotes",
    "quotes_by_affiliation",
    "run_report",
    "save_corpus",
    "show_article",
    "show_quotes",
    "sources",
    "term_frequency",
    "top_sources",
    "wire_share",
]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'mediakit' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"mediakit.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


# ``quotes`` and ``sources`` name both a module and the function it defines. Bind
# the functions now: a submodule is set as a package attribute only when it is
# first imported, so after this no later ``import mediakit.sources`` can shadow
# ``mediakit.sources`` (the function) with the module.
from mediakit.quotes import quotes  # noqa: E402
from mediakit.sources import sources  # noqa: E402

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from mediakit.clean import Article, clean_article
    from mediakit.corpus import load_corpus, save_corpus
    from mediakit.density import quote_density
    from mediakit.display import show_article, show_quotes
    from mediakit.duplicates import find_duplicates
    from mediakit.lexicons import extend_lexicon, lexicon
    from mediakit.plot import plot_term_frequency
    from mediakit.quotes import extract_quotes, quotes
    from mediakit.report import list_reports, run_report
    from mediakit.sources import sources
    from mediakit.summaries import (
        anonymous_share,
        quoted_vs_paraphrased,
        quotes_by_affiliation,
        top_sources,
        wire_share,
    )
    from mediakit.terms import kwic, term_frequency
