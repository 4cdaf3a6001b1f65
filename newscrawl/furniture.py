"""Page furniture: what marks an element as navigation, a footer, a sidebar, a hidden or
boilerplate-named box, by its tag, ARIA role, attributes and class or id names.

The block walk (newscrawl.blocks) marks every element with `furniture_mark`; names are
read as words (`name_words`) against the named vocabularies of newscrawl.vocabulary.
"""

from __future__ import annotations

import re
from itertools import pairwise

from lxml import html as lxml_html

from newscrawl.keycache import CLASS_MEMO_CHARS, CLASS_MEMO_SIZE, short_key_cache
from newscrawl.vocabulary import (
    BODY_SELECTORS,
    BOILERPLATE_CLASS_TOKENS,
    COMMENT_CLASS_TOKENS,
    CONSENT_CLASS_TOKENS,
    GLUED_FURNITURE_TOKENS,
    HIDDEN_CLASSES,
    LANDMARK_ROLES,
    LANDMARK_TAGS,
    WRAPPER_ROLES,
    WRAPPER_TAGS,
)

HtmlElement = lxml_html.HtmlElement
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Furniture marks: none; a box name or hidden element, which a wrapper of most of the
# page's text can be excused from; a comment thread's name, excused only when the article
# lies inside it ('comments-enabled' on the article's wrapper); a landmark, never.
NONE, SOFT, THREAD, HARD = 0, 1, 2, 3
# An id of this many words or more is a heading's slug.
ID_WORDS = 3


_NAME_SPLIT = re.compile(r"[\s_\-]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
# camelCase pieces of a name average at least this many letters ('AdSlot', 'newsletterBox');
# a generated one's do not ('AuAdJlVL', a CSS module's '__XudAd'), nor has it a digit
# before a letter ('n1AuAd'). Short real names ('adBox') are the price of that.
CAMEL_MIN_PIECE = 3
_GENERATED = re.compile(r"\d[A-Za-z]")
_UPPER = re.compile("[A-Z]")
# WordPress's post_class() names the post's tags and categories on its box ('tag-meta',
# 'category-breaking-news'): words of the post's topics, not of what the box is.
_POST_CLASS = re.compile(r"(?:^|\s)(?:hentry|type-[\w-]+|status-publish|post-\d+)(?=\s|$)")
_POST_TAXONOMY = ("tag-", "category-", "format-")
_FURNITURE_NAMES = frozenset(t.lower() for t in BOILERPLATE_CLASS_TOKENS)
# A word this long or shorter is a whole token or none ('navbars' is not a glued name).
GLUED_MIN_CHARS = 7
_GLUED_FURNITURE = re.compile("|".join(GLUED_FURNITURE_TOKENS))
# Glued names that say a box is absent: 'relatedless', 'newsletterdisabled'.
_NEGATED = ("less", "disabled", "off", "none", "hidden")
# Class names of the known body containers (BODY_SELECTORS): a class that also names one
# ('entry-content') is never furniture by a glued name.
BODY_CLASS_NAMES = frozenset(s[1:] for s in BODY_SELECTORS if s.startswith("."))
_COMMENT_NAMES = frozenset(t.lower() for t in COMMENT_CLASS_TOKENS)
_CONSENT_NAMES = frozenset(CONSENT_CLASS_TOKENS)
_PAGE_TAGS = frozenset({"html", "body", "main", "article"})
_SHOWN_AGAIN = re.compile(r"(?:^|\s)(?:(?:sm|md|lg|xl|2xl):(?:block|flex|grid|inline|table)"
                          r"|d-(?:sm|md|lg|xl|xxl)-(?:block|flex|grid|inline|table))")


def name_words(value: str) -> list[str]:
    """The lowercase words of a class or id value: split at '-', '_' and camelCase, but
    not a utility class with a variant ('print:article-dropcap-print', 'md:hidden': it
    says how a box looks, not what it is), a WordPress post's tag and category classes,
    nor camelCase in a generated name ('block-id-n1AuAdJlVL')."""
    names = value.split()
    if ":" in value:
        names = [name for name in names if ":" not in name]
    if _POST_CLASS.search(value):
        names = [name for name in names if not name.startswith(_POST_TAXONOMY)]
    if not _UPPER.search(value):
        # No capital, no camelCase (most names): one split in C.
        return [word for word in _NAME_SPLIT.split(" ".join(names).lower()) if word]
    words: list[str] = []
    for name in names:
        for word in _NAME_SPLIT.split(name):
            pieces = _CAMEL.split(word)
            if len(pieces) > 1 and not _GENERATED.search(word) \
                    and len(word) >= CAMEL_MIN_PIECE * len(pieces):
                words.extend(piece.lower() for piece in pieces)
            elif word:
                words.append(word.lower())
    return words


@short_key_cache(maxsize=CLASS_MEMO_SIZE, max_chars=CLASS_MEMO_CHARS)
def names_furniture(value: str) -> int:
    """The mark a class or id value gives: THREAD for a comment thread's name, SOFT for
    another BOILERPLATE_CLASS_TOKENS token (a whole word or a two-word run: 'most-read'
    in 'box most_read'), a GLUED_FURNITURE_TOKENS token starting a longer word
    ('jp-relatedposts') or a HIDDEN_CLASSES class, else NONE. Cached: a page repeats its
    class strings and a site its templates."""
    lowered = value.lower()
    words = name_words(value)
    names = {*words, *(f"{a}-{b}" for a, b in pairwise(words))}
    if not _FURNITURE_NAMES.isdisjoint(names):
        if not _CONSENT_NAMES.isdisjoint(names):
            return HARD
        return THREAD if not _COMMENT_NAMES.isdisjoint(names) else SOFT
    hidden = not HIDDEN_CLASSES.isdisjoint(lowered.split()) and not _SHOWN_AGAIN.search(lowered)
    glued = any(_GLUED_FURNITURE.match(word) and not word.endswith(_NEGATED)
                for word in words if len(word) > GLUED_MIN_CHARS) \
        and BODY_CLASS_NAMES.isdisjoint(names) and BODY_CLASS_NAMES.isdisjoint(lowered.split())
    return SOFT if hidden or glued else NONE


def furniture_mark(el: HtmlElement) -> int:
    """HARD for landmarks and their ARIA roles; THREAD for comment threads; SOFT for
    hidden elements, forms, dialogs and other boilerplate-named boxes; else NONE."""
    tag = el.tag
    if tag in LANDMARK_TAGS:
        return HARD
    mark = SOFT if tag in WRAPPER_TAGS and not _shows_article(el) else NONE
    get = el.get
    for name in el.keys():  # one call; most elements have no attributes that matter
        if name == "class" or name == "id":
            value = get(name)
            # Long ids are slugs of headings ('sharing-with-a-single-developer'), not
            # names of boxes.
            if value and (name == "class" or value.count("-") + value.count("_") < ID_WORDS):
                mark = max(mark, names_furniture[value])
        elif name == "role":
            role = (get(name) or "").lower()
            if role in LANDMARK_ROLES:
                return HARD
            if role in WRAPPER_ROLES and not _shows_article(el):
                mark = max(mark, SOFT)
        elif name == "hidden" or (name == "aria-hidden" and get(name) == "true"):
            mark = max(mark, SOFT)
        elif name == "aria-modal" and get(name) == "true" and not _shows_article(el):
            mark = max(mark, SOFT)
        elif name == "style":
            style = get(name)
            if style and _HIDDEN_STYLE.search(style):
                mark = max(mark, SOFT)
    # On the page's own elements a consent name describes the page's state.
    return SOFT if mark == HARD and tag in _PAGE_TAGS else mark


def _shows_article(el: HtmlElement) -> bool:
    """True for a dialog or form that holds a headline: an article opened over a feed,
    not a consent box."""
    return el.tag != "form" and next(el.iter("h1"), None) is not None


def is_furniture(el: HtmlElement) -> bool:
    """True for landmarks, ARIA roles, hidden elements and boilerplate-named boxes."""
    return furniture_mark(el) != NONE
