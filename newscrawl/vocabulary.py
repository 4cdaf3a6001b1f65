"""Heuristics as named data: marker phrases, class tokens, URL shapes, month names.

Phrases are written as printed; matching code normalises both sides with
textnorm.normalize_arabic, so one spelling per phrase covers its hamza/alef variants.
"""

from __future__ import annotations

# --- Boilerplate block headings ------------------------------------------------------
RELATED_HEADINGS: tuple[str, ...] = (
    "اقرأ أيضاً", "اقرأ أيضا", "اقرأ ايضاً", "اقرا ايضا", "اقرأ أيضًا", "اقرأ كذلك",
    "شاهد أيضاً", "شاهد ايضا", "طالع أيضاً", "اقرأ المزيد", "المزيد من الأخبار",
    "أخبار ذات صلة", "أخبار متعلقة", "مواضيع ذات صلة", "موضوعات ذات صلة", "مقالات ذات صلة",
    "أخبار قد تهمك", "قد يهمك أيضاً", "قد يعجبك أيضاً", "الأكثر قراءة", "الأكثر مشاهدة",
    "آخر الأخبار", "أحدث الأخبار", "اخترنا لك", "المزيد",
    "read also", "also read", "read more", "related", "related articles", "related stories",
    "related news", "more stories", "most read", "see also", "recommended",
)
# Headings of related boxes that get glued inside a paragraph when a crawler flattens the
# page; only multi-word Arabic ones, so a single common word never splits running text.
RELATED_HEADINGS_INLINE: tuple[str, ...] = (
    "أخبار قد تهمك", "اقرأ أيضاً", "شاهد أيضاً", "أخبار ذات صلة", "أخبار متعلقة",
    "مواضيع ذات صلة", "موضوعات ذات صلة", "قد يهمك أيضاً", "الأكثر قراءة", "اخترنا لك",
)
# Whole lines of interface text (exact, or as the start of a longer line when the phrase
# is long enough to be unambiguous).
UI_LINES: tuple[str, ...] = (
    "شارك", "شارك الخبر", "شارك المقال", "مشاركة", "طباعة", "تابعنا", "تابعونا",
    "اشترك في النشرة البريدية", "النشرة البريدية", "أضف تعليق", "التعليقات", "إعلان",
    "جميع الحقوق محفوظة", "حقوق النشر محفوظة", "عاجل",
    "share", "share this", "share this article", "share on facebook", "print", "email",
    "facebook", "twitter", "linkedin", "whatsapp", "copy link", "show more sharing options",
    "advertisement", "advertising", "you may also like", "you might also like",
    "recommended for you", "most read", "most popular", "latest", "popular", "highlights",
    "read more", "related", "related articles", "related stories", "more stories",
    "sign up to our newsletter", "sign up for our newsletter", "subscribe to our newsletter",
    "copyright ©", "copyright (c)", "all rights reserved", "continue reading",
    "skip to content", "skip advertisement",
)
# Image captions that leaked into the text as lines of their own.
CAPTION_LINES: tuple[str, ...] = (
    "صورة أرشيفية", "صورة من الأرشيف", "أرشيفية", "صورة تعبيرية", "صورة توضيحية",
    "file photo", "stock photo",
)
CAPTION_PREFIXES: tuple[str, ...] = ("الصورة", "صورة", "تصوير", "photo", "image", "credit")
TAG_HEADINGS: tuple[str, ...] = (
    "كلمات دلالية", "الكلمات الدلالية", "الكلمات المفتاحية", "كلمات مفتاحية", "الوسوم",
    "وسوم", "الوسم", "هاشتاج", "tags", "keywords", "topics",
)
SOURCE_PREFIXES: tuple[str, ...] = ("المصدر", "مصدر الخبر", "source")
SHARE_PHRASES: tuple[str, ...] = (
    "شارك الخبر", "شارك المقال", "شارك", "مشاركة", "تابعنا على", "تابعونا على",
    "اشترك في النشرة", "اشترك الآن", "النشرة البريدية", "أضف تعليق", "اترك تعليقاً",
    "جميع الحقوق محفوظة", "share", "follow us", "subscribe", "newsletter",
)
BREAKING_MARKERS: tuple[str, ...] = ("عاجل", "breaking")

# News agencies credited in datelines: "الرياض - واس", "(رويترز)", "المناطق_واس".
AGENCIES: tuple[str, ...] = (
    "واس", "كونا", "سانا", "وام", "قنا", "بنا", "العمانية", "أ ش أ", "أ ف ب", "د ب أ",
    "رويترز", "الأناضول", "وفا", "بترا", "معا", "واج", "لاماب", "تاس", "سبوتنيك",
    "AFP", "Reuters", "AP", "WAM", "SPA", "KUNA", "dpa",
)

# Bylines: "بقلم: محمد العتيبي", "كتب - أحمد علي", "By Jane Doe".
AUTHOR_PREFIXES: tuple[str, ...] = ("بقلم", "كتب", "كتبت", "إعداد", "تقرير", "by", "written by")
AUTHOR_CLASS_TOKENS: tuple[str, ...] = ("author", "author-name", "byline", "writer", "reporter")

# --- DOM class/id tokens ----------------------------------------------------------------
# Nodes whose class or id contains one of these (as a whole '-'/'_' separated token run)
# are never article text.
BOILERPLATE_CLASS_TOKENS: tuple[str, ...] = (
    "related", "read-also", "readalso", "also-read", "more-news", "more-stories",
    "share", "sharing", "social", "tags", "tag-list", "keywords", "post-tags",
    "comments", "comment", "newsletter", "subscribe", "author-box", "author-bio",
    "breadcrumb", "breadcrumbs", "ticker", "breaking", "sidebar", "widget",
    "most-read", "popular", "trending", "nav", "navbar", "menu", "footer", "header",
    "advert", "ads", "ad-slot", "banner", "promo", "caption", "wp-caption", "print",
    "pagination", "pager", "cookie", "modal", "masthead", "colophon",
)
TAG_CLASS_TOKENS: tuple[str, ...] = ("tags", "tag-list", "keywords", "post-tags", "tagcloud")
RELATED_CLASS_TOKENS: tuple[str, ...] = (
    "related", "read-also", "readalso", "also-read", "more-news", "more-stories",
)
SOURCE_CLASS_TOKENS: tuple[str, ...] = ("source", "news-source", "post-source")
# Elements never holding article text.
BOILERPLATE_TAGS: tuple[str, ...] = (
    "script", "style", "noscript", "nav", "aside", "footer", "form", "iframe", "svg",
    "button", "select", "input", "textarea", "template", "figure", "figcaption",
)
# Containers that usually hold the article body, most specific first.
BODY_SELECTORS: tuple[str, ...] = (
    "[itemprop=articleBody]", ".entry-content", ".post-content", ".article-content",
    ".article-body", ".article__body", ".story-body", ".news-content", ".content-body",
    ".field-name-body", "#article-body", "article",
)
TITLE_SELECTORS: tuple[str, ...] = (
    "h1[itemprop=headline]", "h1.entry-title", "h1.post-title", "h1.article-title", "h1",
)

# --- Page kinds -------------------------------------------------------------------------
JSONLD_ARTICLE_TYPES: frozenset[str] = frozenset({
    "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle",
    "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting",
    "LiveBlogPosting", "Report",
})
# Not WebSite: sites print it on every page, articles included.
JSONLD_LISTING_TYPES: frozenset[str] = frozenset({
    "CollectionPage", "ItemList", "SearchResultsPage", "ProfilePage",
})
# Path segments of listing/hub pages.
HUB_PATH_SEGMENTS: frozenset[str] = frozenset({
    "tag", "tags", "category", "categories", "section", "sections", "topic", "topics",
    "author", "authors", "writer", "page", "search", "archive", "archives", "c",
    "keyword", "keywords", "hashtag", "feed", "rss", "video", "videos", "gallery",
    "login", "register", "contact", "about", "privacy", "terms",
})
# Regexes (strings) of article-looking URLs (path and query), generic across CMSs.
ARTICLE_PATH_PATTERNS: tuple[str, ...] = (
    r"/\d{4}/\d{1,2}/\d{1,2}/",                      # /2023/09/19/slug
    r"/\d{5,}(?:[/_.\-?]|$)",                         # /a/1020199, /1203456/, /news/123456-slug
    r"/(?:news|articles?|stor(?:y|ies)|details?|posts?|content|node|akhbar)/"
    r"(?:[^/?]+/)*\d{3,}(?:[/_.\-?]|$)",                # /news/details/123
    r"[?&](?:id|p|nid|aid|newsid|news_id|article_?id|artid)=\d{3,}",  # /article.php?id=123456
    r"/[^/?]{3,}-[^/?]+-[^/?]{3,}/?(?:$|\?)",           # a slug of three words or more
    r"\.html?(?:$|\?)",
)
# Link text of "next page" links in listings.
NEXT_PAGE_TEXTS: tuple[str, ...] = (
    "التالي", "الصفحة التالية", "التالية", "المزيد", "next", "next page", "older posts",
    "»", "›", ">",
)
FEED_TYPES: frozenset[str] = frozenset({
    "application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
})

# --- Dates --------------------------------------------------------------------------------
# Gregorian month names of every Arabic region, and English; value is month number.
MONTHS: dict[str, int] = {
    # Egypt / Gulf
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "أبريل": 4, "إبريل": 4, "مايو": 5,
    "يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليه": 7, "اغسطس": 8, "أغسطس": 8,
    "سبتمبر": 9, "اكتوبر": 10, "أكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    # Levant / Iraq
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "اذار": 3, "نيسان": 4, "أيار": 5, "ايار": 5,
    "حزيران": 6, "تموز": 7, "آب": 8, "اب": 8, "أيلول": 9, "ايلول": 9,
    "تشرين الأول": 10, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الأول": 12,
    "كانون الاول": 12,
    # Morocco
    "ماي": 5, "يوليوز": 7, "غشت": 8, "شتنبر": 9, "نونبر": 11, "دجنبر": 12,
    # Algeria / Tunisia
    "جانفي": 1, "فيفري": 2, "أفريل": 4, "افريل": 4, "جوان": 6, "جويلية": 7, "أوت": 8,
    "اوت": 8,
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
PM_MARKERS: tuple[str, ...] = ("م", "مساء", "مساءً", "مساءا", "pm", "p.m.")
AM_MARKERS: tuple[str, ...] = ("ص", "صباحا", "صباحاً", "صباحًا", "am", "a.m.")
# Labels printed before an article's own date.
DATE_LABELS: tuple[str, ...] = (
    "تاريخ النشر", "نشر في", "نشر بتاريخ", "بتاريخ", "published", "posted on",
)
MODIFIED_LABELS: tuple[str, ...] = ("آخر تحديث", "اخر تحديث", "تم التحديث", "updated",
                                    "last updated")
# Class tokens of elements that hold the article's date near the headline.
DATE_CLASS_TOKENS: tuple[str, ...] = (
    "date", "time", "posted-on", "published", "post-date", "entry-date", "article-date",
    "timestamp", "meta-date", "dateline", "created", "publish", "pubdate", "publish-date",
)
