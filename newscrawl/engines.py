"""Well-kept main-content extractors consulted when our own result is doubtful.

Each engine takes the parsed page (after our related/tag stripping) and returns body
lines, or raises EngineError; the cascade (newscrawl.body) counts the error and keeps
its own result. trafilatura was chosen by measurement on the tuning half of
../shared/eval/dev (README, "How the body is chosen").
"""

from __future__ import annotations

import copy
import logging

from lxml import html as lxml_html

from newscrawl.textnorm import restore_joiners, tidy

HtmlElement = lxml_html.HtmlElement
logger = logging.getLogger(__name__)


class EngineError(RuntimeError):
    """A fallback engine failed on a page."""


def trafilatura_lines(doc: HtmlElement, url: str) -> list[str]:
    """trafilatura's main text of a copy of `doc` (it edits the tree it is given).

    Its own fallbacks (readability, jusText) are off: we are the other opinion, and they
    triple its cost. No metadata: we have our own, and its date search costs more than
    the text extraction.
    """
    try:
        import trafilatura
    except ImportError as exc:  # an install without it still extracts on its own
        raise EngineError(f"trafilatura is not installed: {exc}") from exc
    try:
        result = trafilatura.bare_extraction(
            copy.deepcopy(doc), url=url or None, fast=True, with_metadata=False,
            include_comments=False, include_tables=True, include_images=False)
    except Exception as exc:  # a third-party failure must not lose the page
        raise EngineError(f"trafilatura: {type(exc).__name__}: {exc}") from exc
    text = (getattr(result, "text", None) or "") if result is not None else ""
    lines = [line for line in (tidy(raw.removeprefix("- ")) for raw in text.split("\n"))
             if line]
    # It drops the zero-width (non-)joiners of Persian, Urdu and Kurdish spelling.
    page = doc.text_content()
    return restore_joiners(lines, page) if "\u200c" in page or "\u200d" in page else lines


def resiliparse_lines(html: str) -> list[str]:
    """resiliparse's main-content text of the page (its own parser: 2 ms a page)."""
    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree
    except ImportError as exc:
        raise EngineError(f"resiliparse is not installed: {exc}") from exc
    try:
        text = extract_plain_text(
            HTMLTree.parse(html), main_content=True, preserve_formatting=True,
            list_bullets=False, alt_texts=False, links=False, form_fields=False,
            noscript=False, comments=False)
    except Exception as exc:  # a third-party failure must not lose the page
        raise EngineError(f"resiliparse: {type(exc).__name__}: {exc}") from exc
    return [line for line in map(tidy, text.split("\n")) if line]
