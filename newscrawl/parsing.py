"""Bytes to an lxml tree: decoding, control characters, nesting deeper than libxml2 allows."""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from newscrawl.encoding import decode_html, looks_binary

HtmlElement = lxml_html.HtmlElement

# huge_tree: libxml2 otherwise drops everything nested deeper than 256 elements.
def _parser(encoding: str | None) -> lxml_html.HTMLParser:
    # No table of id attributes either: nothing looks elements up by id (5% of a parse).
    parser = lxml_html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True,
                                  collect_ids=False, encoding=encoding)
    # Every element is a plain HtmlElement: lxml.html's default lookup calls a Python
    # function per element to pick form/input/label subclasses we never use, which made
    # parsing 1.5x and each tree walk 2x slower (benchmarks/crawl.py).
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment,
        pi=lxml_html.HtmlProcessingInstruction, entity=lxml_html.HtmlEntity))
    return parser


_PARSER = _parser(None)
# The decoded text, encoded back to UTF-8, parses 15% faster than the str itself.
_UTF8_PARSER = _parser("utf-8")


# For pages nested deeper than libxml2 allows: every tag but those that carry text
# structure or metadata is dropped.
_NESTING_TAGS = re.compile(
    r"</?(?!(?:html|head|body|title|meta|link|script|style|p|br|h[1-6]|a)\b)[a-zA-Z][^>]*>")
# C0 controls break lxml's tree editing (drop_tree raises on them) and are never text.
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


class EmptyPage(ValueError):
    """The page has no parseable HTML."""


def parse_html(html: bytes | str, charset: str | None = None) -> HtmlElement:
    """Decode (charset sniffing, mojibake repair) and parse once."""
    return parse_page(html, charset)[0]


def parse_page(html: bytes | str, charset: str | None = None) -> tuple[HtmlElement, str]:
    """The parsed tree and the decoded text it was parsed from."""
    if isinstance(html, bytes) and looks_binary(html, charset):
        raise EmptyPage("binary content, not HTML")
    text = decode_html(html, charset)
    if not isinstance(html, bytes) or len(html.translate(None, _CONTROL_BYTES)) != len(html):
        # Control bytes in ASCII-compatible bytes are control characters in the text (and
        # UTF-16 is full of zero bytes): only then scan the text, 8x slower than the bytes.
        text = CONTROL_CHARS.sub(" ", text)
    if not text.strip():
        raise EmptyPage("empty body")
    # lxml rejects str input that carries an XML encoding declaration.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        doc, parser = _parse(text)
        if any("Excessive depth" in e.message for e in parser.error_log):
            # Nesting deeper than libxml2 allows (junk or hostile HTML): drop the layout
            # tags that make it deep and read the text that remains (other engines get
            # that text too: some take minutes on the nesting).
            text = _NESTING_TAGS.sub(" ", text)
            doc, _ = _parse(text)
    except (etree.ParserError, ValueError) as exc:
        raise EmptyPage(f"unparseable HTML: {exc}") from exc
    return doc, text


def _parse(text: str) -> tuple[HtmlElement, lxml_html.HTMLParser]:
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: lxml takes the str as it is
        return lxml_html.document_fromstring(text, parser=_PARSER), _PARSER
    return lxml_html.document_fromstring(data, parser=_UTF8_PARSER), _UTF8_PARSER


