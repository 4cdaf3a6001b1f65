"""Pages that append the next stories below their own (infinite scroll: each story an
<article> with its own <h1>): the one story that is the page's."""

from __future__ import annotations

import re

from lxml import html as lxml_html

from newscrawl.boilerplate import text_length
from newscrawl.textnorm import normalize_arabic, tidy

HtmlElement = lxml_html.HtmlElement

# Every story of such a page holds at least this much text: entries of a live blog, or
# cards of other stories with a heading, are shorter and are not narrowed away.
STORY_MIN_CHARS = 500
# The story's <h1> and the page's title share at least this share of the longer one's
# words (a site name after the title, a kicker before it): 'الذهب' is not the headline
# 'الذهب يرتفع مع تراجع الدولار'.
SAME_HEADLINE_SHARE = 0.6
# Text of the chosen subtree outside every story, as a share of the page's story, that
# says the article is not in its <article> (an <article> around the header and deck).
OUTSIDE_SHARE = 0.5
_WORD = re.compile(r"[^\W_]+")


def own_story(node: HtmlElement, title: str | None) -> HtmlElement | None:
    """The <article> below `node` whose <h1> is the page's headline, when `node` holds
    two full stories or more (outermost <article>s with an <h1> each) and little text
    besides them; else None."""
    if not title:
        return None
    stories = [article for article in node.iter("article")
               if next(article.iterancestors("article"), None) is None
               and article.find(".//h1") is not None]
    if len(stories) < 2:
        return None
    sizes = [text_length(story) for story in stories]
    if min(sizes) < STORY_MIN_CHARS:
        return None
    own = [i for i, story in enumerate(stories)
           if _same_headline(story.find(".//h1").text_content(), title)]
    # The headline must be the story's own: one match, and no matching <h1> outside.
    headlines = [h1 for h1 in node.iter("h1") if _same_headline(h1.text_content(), title)]
    if len(own) != 1 or any(next(h1.iterancestors("article"), None) is None
                            for h1 in headlines):
        return None
    if text_length(node) - sum(sizes) > OUTSIDE_SHARE * sizes[own[0]]:
        return None
    return stories[own[0]]


def _same_headline(heading: str, title: str) -> bool:
    """Whether a heading and the page's title are one headline: the words of one are
    among the other's and make most of them."""
    a, b = _words(heading), _words(title)
    if not a or not b:
        return False
    shorter, longer = sorted((a, b), key=len)
    return set(shorter) <= set(longer) and len(shorter) >= SAME_HEADLINE_SHARE * len(longer)


def _words(text: str) -> list[str]:
    return _WORD.findall(normalize_arabic(tidy(text)).lower())
