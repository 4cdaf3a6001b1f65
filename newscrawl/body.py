"""The main-content cascade: which text of the page is the article body.

1. a site profile's body selector, else our generic subtree (newscrawl.mainnode);
2. JSON-LD articleBody instead, when it holds the full text the page shows a part of;
   or, when the body is short, the article in the page's script state (newscrawl.hydration);
3. when the generic result is doubtful (signals below), a well-kept extractor
   (newscrawl.engines) gives a second opinion and the two are chosen between by
   agreement.

Related / tag / source / share blocks around the generic body (its <article>, or the
parts it was chosen from) are stripped from the tree before the second engine reads a
copy of it; the edges here and the text-level cleaning of the pipelines run on whichever
body won.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from lxml import html as lxml_html

from newscrawl import metadata as md
from newscrawl.blocks import nesting_depth
from newscrawl.boilerplate import Harvest, strip_boilerplate
from newscrawl.edges import trim_edges
from newscrawl.engines import EngineError, resiliparse_lines, trafilatura_lines
from newscrawl.hydration import state_lines
from newscrawl.mainnode import MainContent, body_lines, choose, whole
from newscrawl.stories import own_story
from newscrawl.textnorm import normalize_arabic, tidy, without_joiners
from newscrawl.titles import css_first

HtmlElement = lxml_html.HtmlElement
_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]{0,2000}>")

# Doubt: a generic body shorter than this (characters) ...
DOUBT_MIN_CHARS = 500
# ... or holding less than this share of the page's text outside furniture ...
DOUBT_PAGE_SHARE = 0.5
# ... or missing most words of the page's description ...
DOUBT_DESCRIPTION_COVER = 0.5
# ... or disagreeing with JSON-LD articleBody.
DOUBT_JSONLD_AGREE = 0.6
# A referee's text of fewer words is no opinion (it found no main text either).
REFEREE_MIN_WORDS = 40
# ... or disagreeing with the referee engine (resiliparse), which is not consulted when the
# chosen subtree holds this share of the page's prose (or the page confirms it otherwise).
CONFIRM_SHARE = 0.95
REFEREE_AGREE = 0.8
# Pages larger than this (decoded characters) or nested deeper than this get no second
# opinion: the other engines take seconds on a 20 MB page and minutes on 200,000 nested
# divs (junk or hostile HTML), where our walk is linear.
SECOND_OPINION_MAX_CHARS = 2_000_000
SECOND_OPINION_MAX_DEPTH = 250
# The page's JSON-LD articleBody referees between two bodies when it holds at least this
# share of the shorter one's words and agrees this well with one of them (the
# publisher's own text beats a third engine's).
LD_REFEREE_SHARE = 0.9
LD_REFEREE_AGREE = 0.6
# Two bodies whose word bags agree this well are the same text.
AGREE = 0.9
# A second opinion made mostly of the page's link lines is a listing's headlines.
LISTING_SHARE = 0.2
# JSON-LD articleBody replaces the page's text when it holds at least this share of it
# and is this much longer: the page shows a teaser or a first page.
JSONLD_COVERS = 0.8
JSONLD_LONGER = 1.3


@dataclass
class Body:
    """The chosen body lines, what they came from, and why the cascade doubted."""

    lines: list[str]
    engine: str  # "profile", "generic", "jsonld" or a fallback engine's name
    harvest: Harvest
    link_chars: int = 0
    doubts: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # engines that failed on the page
    ld_words: Counter[str] | None = field(default=None, repr=False)  # JSON-LD articleBody


def words(lines: list[str] | str) -> Counter[str]:
    """Bag of lowercase words, spelled without joiners (engines differ in keeping them)."""
    text = lines if isinstance(lines, str) else "\n".join(lines)
    return Counter(_WORD.findall(without_joiners(text).lower()))


def agreement(a: Counter[str], b: Counter[str]) -> float:
    """F1 of two word bags (1.0 the same words, 0.0 none shared)."""
    shared = sum((a & b).values())
    if not shared:
        return 0.0
    return 2 * shared / (sum(a.values()) + sum(b.values()))


def cover(part: Counter[str], whole: Counter[str]) -> float:
    """Share of the words of `part` found in `whole`."""
    total = sum(part.values())
    return sum((part & whole).values()) / total if total else 0.0


def jsonld_lines(ld: dict[str, Any] | None) -> list[str]:
    """articleBody as plain lines: entities decoded, stray tags dropped."""
    lines = []
    for line in md.article_body(ld):
        text = tidy(_TAG.sub(" ", html.unescape(line)))
        if text:
            lines.append(text)
    return lines


def _scope(node: HtmlElement, parts: list[HtmlElement]) -> HtmlElement:
    """Where related/tag boxes of this body sit: its <article>, else around its parts."""
    article = next((a for a in node.iterancestors("article")), None)
    if article is not None:
        return article
    if len(parts) > 1:
        return node.getparent() if node.getparent() is not None else node
    return node


def _without_title(lines: list[str], title: str | None) -> list[str]:
    if title and lines and normalize_arabic(lines[0]) == normalize_arabic(title):
        return lines[1:]
    return lines


def doubts(lines: list[str], ours: Counter[str], page_chars: int, description: str | None,
           ld_words: Counter[str] | None) -> list[str]:
    """Why a generic body (`lines`, its word bag `ours`) may be the wrong text (empty: no
    reason to doubt it)."""
    found = []
    chars = sum(map(len, lines))
    if chars < DOUBT_MIN_CHARS:
        found.append("short")
    if page_chars and chars < DOUBT_PAGE_SHARE * page_chars:
        found.append("small_share")
    if description and len(description) >= 40 and lines \
            and cover(words(description), ours) < DOUBT_DESCRIPTION_COVER:
        found.append("description_missing")
    if ld_words and agreement(ld_words, ours) < DOUBT_JSONLD_AGREE:
        found.append("jsonld_disagrees")
    return found


def main_text(doc: HtmlElement, url: str, *, html_text: str | None = None,
              body_css: str | None = None, strip_css: tuple[str, ...] = (),
              ld: dict[str, Any] | None = None, description: str | None = None,
              title: str | None = None, fallback: bool = True, engine: str = "auto") -> Body:
    """Run the cascade on a parsed page (which it edits: stripped blocks are removed).

    `html_text` is the decoded page, for the referee engine; without it, or with
    `fallback` off, the generic body stands. `engine` "trafilatura" takes the second
    engine's body whenever it gives one (to compare engines on the same stripped page).
    Whichever body wins loses its edge lines (newscrawl.edges).
    """
    body, main = _first_opinion(doc, url, body_css, strip_css, ld, title)
    if engine == "trafilatura":
        _second_opinion(body, doc, url, title, None, set(), always=True)
    elif body.engine == "generic" and fallback and not main.known_and_long(body.lines):
        _weigh_doubts(body, main, doc, url, html_text, description, title)
    body.lines, agency = trim_edges(body.lines, title)
    body.harvest.source = body.harvest.source or agency
    return body


def _first_opinion(doc: HtmlElement, url: str, body_css: str | None,
                   strip_css: tuple[str, ...], ld: dict[str, Any] | None,
                   title: str | None) -> tuple[Body, MainContent]:
    """The profile's or the generic body, replaced by JSON-LD articleBody when that holds
    the full text the page shows a part of."""
    node = css_first(doc, body_css)
    # The profile's element is the whole body (its own furniture still left out).
    main = choose(doc) if node is None else whole(node)
    if node is None and (story := own_story(main.node, title)) is not None:
        main = choose(story)  # the next stories of an endless page are not this one
    parts = [main.blocks.elements[i] for i in main.parts]
    # No prose, no body: nothing to strip related or tag boxes from (on a 20 MB page of
    # junk that walk would cost seconds).
    harvest = strip_boilerplate(_scope(main.node, parts), url, strip_css) if main.prose \
        else Harvest()
    lines, links = body_lines(main, harvest.removed, harvest.parents)
    body = Body(_without_title(lines, title), "generic" if node is None else "profile",
                harvest, links)
    ld_body = jsonld_lines(ld)
    body.ld_words = words(ld_body) if ld_body else None
    if ld_body and (not body.lines or (
            sum(map(len, ld_body)) > JSONLD_LONGER * sum(map(len, body.lines))
            and cover(words(body.lines), words(ld_body)) >= JSONLD_COVERS)):
        body.lines, body.engine = ld_body, "jsonld"
    elif (chars := sum(map(len, body.lines))) < DOUBT_MIN_CHARS:
        # A short body may be a script-rendered page's placeholder or teaser: its article
        # is in the state its scripts hydrate from (holding what the page shows, if any).
        state = _without_title(state_lines(doc, title), title)
        if sum(map(len, state)) > JSONLD_LONGER * chars and (
                not body.lines or cover(words(body.lines), words(state)) >= JSONLD_COVERS):
            body.lines, body.engine = state, "state"
    return body, main


def _weigh_doubts(body: Body, main: MainContent, doc: HtmlElement, url: str,
                  html_text: str | None, description: str | None, title: str | None) -> None:
    """Find reasons to doubt the generic body; with any, ask trafilatura."""
    ours = words(body.lines)
    ld_words = body.ld_words
    body.doubts = doubts(body.lines, ours, main.page_chars, description, ld_words)
    # Confirmed by the page itself: its JSON-LD articleBody, or nearly all of its prose in
    # the chosen subtree; then the referee is not asked either.
    confirmed = not body.doubts and (main.share >= CONFIRM_SHARE or bool(
        ld_words and agreement(ld_words, ours) >= AGREE))
    if (html_text is not None and len(html_text) > SECOND_OPINION_MAX_CHARS) \
            or nesting_depth(doc, SECOND_OPINION_MAX_DEPTH) > SECOND_OPINION_MAX_DEPTH:
        return  # no other engine on such a page: seconds to minutes, and much memory
    referee = None
    if html_text is not None and not confirmed:
        try:
            referee = words(resiliparse_lines(html_text))
        except EngineError as exc:
            body.errors.append(str(exc))
        if referee is not None and sum(referee.values()) < REFEREE_MIN_WORDS:
            referee = None  # it found no main text either: no opinion to weigh
        if referee is not None and agreement(ours, referee) < REFEREE_AGREE:
            body.doubts.append("referee_disagrees")
    if body.doubts:
        link_texts = {text for _owner, chars, links, text in main.blocks.lines
                      if links >= 0.5 * chars}
        _second_opinion(body, doc, url, title, referee, link_texts)


def _second_opinion(body: Body, doc: HtmlElement, url: str, title: str | None,
                    referee: Counter[str] | None, link_texts: set[str],
                    always: bool = False) -> None:
    """Consult trafilatura; its body replaces ours when `prefer_second` says so."""
    try:
        other = _without_title(trafilatura_lines(doc, url), title)
    except EngineError as exc:
        body.errors.append(str(exc))
        return
    referee = _publishers_body(body.ld_words, body.lines, other) or referee
    if other and (always or prefer_second(body.lines, other, referee, link_texts)):
        body.lines, body.engine = other, "trafilatura"
        # What tells a listing from an article, for this body: its link lines.
        body.link_chars = sum(len(line) for line in other if line in link_texts)


def _publishers_body(ld_words: Counter[str] | None, ours: list[str], other: list[str]
                     ) -> Counter[str] | None:
    """The page's own JSON-LD articleBody as the referee between two bodies, when it is
    about as long as the shorter of them and reads as the same article as one of them: a
    teaser cut from the article would favour whichever body is cut shortest, and another
    article's text (a wrong template) whichever is nearest its length."""
    if not ld_words:
        return None
    size = sum(ld_words.values())
    mine, theirs = words(ours), words(other)
    if size < REFEREE_MIN_WORDS or size < LD_REFEREE_SHARE * min(
            sum(mine.values()), sum(theirs.values())):
        return None
    if max(agreement(ld_words, mine), agreement(ld_words, theirs)) < LD_REFEREE_AGREE:
        return None
    return ld_words


def prefer_second(ours: list[str], other: list[str], referee: Counter[str] | None,
                  link_texts: set[str]) -> bool:
    """True when the evidence favours the second engine's body over ours.

    Never a body made of the page's link lines (a listing's headlines). Ours when the two
    agree; else the one closer to the referee; without a referee, the second only when it
    holds ours and more (we cut the article short).
    """
    chars = sum(map(len, other))
    if not chars or sum(len(line) for line in other if line in link_texts) > LISTING_SHARE * chars:
        return False
    mine, theirs = words(ours), words(other)
    if agreement(mine, theirs) >= AGREE:
        return False
    if referee is not None:
        return agreement(theirs, referee) > agreement(mine, referee)
    return sum(theirs.values()) > sum(mine.values()) and cover(mine, theirs) >= JSONLD_COVERS
