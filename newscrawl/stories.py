"""Pages that append the next stories below their own (infinite scroll: each story an
<article> with its own <h1>): the one story that is the page's."""

from __future__ import annotations

from lxml import html as lxml_html

from newscrawl.textnorm import normalize_arabic, tidy

HtmlElement = lxml_html.HtmlElement

# The page's own story holds at least this much text: a teaser card with an <h1> is not
# the article.
STORY_MIN_CHARS = 200


def own_story(node: HtmlElement, title: str | None) -> HtmlElement | None:
    """The <article> below `node` whose <h1> is the page's headline, when `node` holds
    two stories or more (outermost <article>s with an <h1> each); else None."""
    if not title:
        return None
    stories = [article for article in node.iter("article")
               if next(article.iterancestors("article"), None) is None
               and article.find(".//h1") is not None]
    if len(stories) < 2:
        return None
    key = normalize_arabic(title)
    for story in stories:
        heading = normalize_arabic(tidy(story.find(".//h1").text_content()))
        if heading and (heading in key or key in heading) \
                and len(tidy(story.text_content())) >= STORY_MIN_CHARS:
            return story
    return None
