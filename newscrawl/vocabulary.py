"""Heuristics as named data: marker phrases, class tokens, tags and URL shapes (dates are in
newscrawl.datewords).

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
# The same headings on Persian and Urdu pages. Never read as glued to the next word:
# 'اخبار مرتبط' is how Arabic's 'أخبار مرتبطة' (related news, in a sentence) starts.
RELATED_HEADINGS_PERSIAN_URDU: tuple[str, ...] = (
    "اخبار مرتبط", "خبرهای مرتبط", "مطالب مرتبط", "مطلب مرتبط", "مطالب پیشنهادی",
    "بیشتر بخوانید", "همچنین بخوانید", "پربازدیدترین‌ها", "پربازدیدترین ها", "آخرین اخبار",
    "متعلقہ خبریں", "یہ بھی پڑھیں", "مزید پڑھیں", "مزید خبریں",
)
RELATED_HEADINGS += RELATED_HEADINGS_PERSIAN_URDU
# Headings of related boxes that get glued inside a paragraph when a crawler flattens the
# page; only multi-word Arabic ones, so a single common word never splits running text.
RELATED_HEADINGS_INLINE: tuple[str, ...] = (
    "أخبار قد تهمك", "اقرأ أيضاً", "شاهد أيضاً", "أخبار ذات صلة", "أخبار متعلقة",
    "مواضيع ذات صلة", "موضوعات ذات صلة", "قد يهمك أيضاً", "الأكثر قراءة", "اخترنا لك",
    "بیشتر بخوانید", "متعلقہ خبریں", "یہ بھی پڑھیں",
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
    # Persian, Urdu
    "نظرات", "ارسال نظر", "نظر شما", "دیدگاه‌ها", "دیدگاه ها", "اشتراک گذاری", "اشتراک‌گذاری",
    "چاپ", "کپی لینک", "لینک کوتاه", "ادامه مطلب", "بیشتر بخوانید", "اخبار مرتبط",
    "مطالب مرتبط", "تبصرے", "تبصرہ کریں", "شیئر کریں", "مزید پڑھیں", "متعلقہ خبریں",
)
# A line that is only the label over an ad slot ("Advertisement"), in the languages of the
# sites we meet; matched as the whole line only.
AD_LABELS: tuple[str, ...] = (
    "إعلان", "اعلان", "تبلیغات", "اشتہار", "advertisement", "anzeige", "werbung",
    "reklam", "reklama", "reklame", "publicidad", "publicité", "pubblicità", "publicidade",
    "advertentie", "annons", "annonse", "mainos", "hirdetés", "реклама", "διαφήμιση",
    "פרסומת", "广告", "広告", "광고", "iklan", "quảng cáo",
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
    "برچسب‌ها", "برچسب ها", "برچسب", "کلیدواژه‌ها", "کلیدواژه ها", "ٹیگز",
)
SOURCE_PREFIXES: tuple[str, ...] = ("المصدر", "مصدر الخبر", "source", "منبع", "ماخذ")
SHARE_PHRASES: tuple[str, ...] = (
    "شارك الخبر", "شارك المقال", "شارك", "مشاركة", "تابعنا على", "تابعونا على",
    "اشترك في النشرة", "اشترك الآن", "النشرة البريدية", "أضف تعليق", "اترك تعليقاً",
    "جميع الحقوق محفوظة", "share", "follow us", "subscribe", "newsletter",
    "اشتراک گذاری", "اشتراک‌گذاری", "شیئر کریں",
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
# Of those, the ones that are also ordinary words ('تقرير وزاري', 'إعدادات'): a byline
# line needs a ':' or a dash after them.
AUTHOR_PREFIXES_WITH_MARK: tuple[str, ...] = ("كتب", "كتبت", "إعداد", "تقرير")
AUTHOR_CLASS_TOKENS: tuple[str, ...] = ("author", "author-name", "byline", "writer", "reporter")

# --- Edges of the body (newscrawl.edges) -----------------------------------------------
# Counters printed beside the article: "1,234 مشاهدة", "Comments (3)".
COUNTER_WORDS: tuple[str, ...] = (
    "مشاهدة", "مشاهدات", "قراءة", "قراءات", "تعليق", "تعليقات", "زيارة", "زيارات", "مشاركة",
    "مشاركات", "إعجاب", "views", "view", "reads", "comments", "comment", "shares", "likes",
    "بازدید", "نظر", "دیدگاه", "ویوز", "تبصرے",
)
# Labels of the number a site gives a story ("کد خبر: ۸۴۵۶۲۱۳", "Article ID: 20931").
STORY_ID_LABELS: tuple[str, ...] = (
    "کد خبر", "کد مطلب", "شناسه خبر", "شماره خبر", "رقم الخبر", "رقم المقال", "رمز الخبر",
    "article id", "story id", "news id", "post id", "id",
)
# Words a date stamp is made of besides numbers, months and weekdays ("Updated 5:30 PM
# GMT", "نشر في: ...", "منذ ساعتين").
STAMP_WORDS: tuple[str, ...] = (
    "gmt", "utc", "est", "edt", "cet", "cest", "bst", "pst", "pdt", "jst", "ast", "ist",
    "eet", "eest", "msk", "wat", "cat", "eat",
    "updated", "published", "posted", "last updated", "am", "pm", "at", "on", "ago", "hours",
    "hour", "minutes", "minute", "mins", "min", "days", "day", "today", "yesterday",
    "نشر", "نشره", "نشرت", "تم", "في", "بتاريخ", "تاريخ", "التاريخ", "النشر", "آخر", "تحديث",
    "التحديث", "منذ", "قبل", "ساعة", "ساعات", "ساعتين", "دقيقة", "دقائق", "يوم", "أيام",
    "اليوم", "أمس", "الساعة", "صباحا", "صباحاً", "مساء", "مساءً", "ص", "م", "بتوقيت", "مكة",
    "المكرمة", "غرينتش", "هـ", "الموافق",
    "ساعت", "به‌روزرسانی", "بروزرسانی", "شمسی",
)
# Words of a share bar printed as a line: "طباعة Email فيسبوك تويتر واتساب".
SHARE_BAR_WORDS: tuple[str, ...] = (
    "طباعة", "شارك", "مشاركة", "فيسبوك", "فيس", "بوك", "تويتر", "إكس", "واتساب", "واتس", "اب",
    "تيليجرام", "تلغرام", "لينكدين", "انستغرام", "إنستغرام", "يوتيوب", "بريد", "إلكتروني",
    "print", "email", "e-mail", "mail", "share", "facebook", "twitter", "x", "whatsapp",
    "whats", "app", "telegram", "linkedin", "pinterest", "pin", "interest", "reddit",
    "messenger", "copy", "link", "tumblr", "flipboard",
    "اشتراک", "گذاری", "چاپ", "تلگرام", "واتساپ", "توییتر", "اینستاگرام", "فیسبوک", "ایتا",
    "بله", "لینک", "کپی", "شیئر", "واٹس", "ایپ", "فیس", "بک", "ٹوئٹر",
)
# Credits that end an image caption: "… (Image: Getty)", "(صورة: رويترز)".
PHOTO_CREDIT_WORDS: tuple[str, ...] = (
    "image", "images", "photo", "photos", "picture", "foto", "fotos", "bild", "bildrechte",
    "credit", "credits", "صورة", "الصورة", "تصوير", "الصور", "عدسة",
)

# --- DOM class/id tokens ----------------------------------------------------------------
# Page furniture: an element whose class or id holds one of these (as a whole word or a
# two-word '-'/'_' run) is weighed as boilerplate by the block walk (newscrawl.furniture),
# unless it wraps most of the page's text.
BOILERPLATE_CLASS_TOKENS: tuple[str, ...] = (
    "comment", "comments", "footer", "sidebar", "side-bar", "related", "share", "sharing",
    "social", "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "cookie",
    "cookies", "promo", "newsletter", "subscribe", "advert", "advertisement", "ads", "ad",
    "banner", "popular", "most-read", "trending", "recommended", "outbrain", "taboola",
    "masthead", "header", "login", "signup", "modal", "popup", "disqus", "tags", "tag-list",
    "more-stories", "more-news", "teaser", "rail", "skip", "print",
    "toolbar", "pagination", "pager", "author-box", "author-bio", "about-author", "caption",
    "wp-caption", "ticker", "breaking", "colophon", "ad-slot", "keywords", "post-tags",
    "read-also", "readalso", "also-read", "tweet", "consent", "onetrust", "gdpr", "cmp",
    "disclaimer", "carousel", "lightbox", "byline", "embed", "video-player",
)
# Of those, the ones also read at the start of a longer word of a class name, where
# sites glue a box's name to its part ('jp-relatedposts', 'newsletterBox',
# 'outbrainWidget'). None names a page layout or the article itself when glued: not
# 'sidebar' ('sidebarright' is the content column), 'advert' ('advertorial' is an
# article), 'footer', 'sharing', 'trending' ('trendingstory'), 'subscribe'
# ('subscriber-content'), 'header', 'comment' ('commentary').
GLUED_FURNITURE_TOKENS: tuple[str, ...] = (
    "breadcrumb", "colophon", "disqus", "masthead", "navbar", "newsletter", "outbrain",
    "pagination", "readalso", "recommended", "related", "signup", "taboola", "toolbar",
)
# Of those, the names of cookie and consent dialogs: never article text, even when their
# legal text is longer than a short article (a landmark's mark, except on <html>/<body>,
# where 'cookie-consent-given' describes the page).
CONSENT_CLASS_TOKENS: tuple[str, ...] = (
    "cookie", "cookies", "consent", "onetrust", "gdpr", "cmp",
)
# Of those, the names of comment threads: never article text, however long the thread
# (on <html> and <body> they describe the page: WordPress prints 'comments-open' there).
COMMENT_CLASS_TOKENS: tuple[str, ...] = (
    "comment", "comments", "commentlist", "comment-list", "disqus", "replies", "responses",
)
TAG_CLASS_TOKENS: tuple[str, ...] = ("tags", "tag-list", "keywords", "post-tags", "tagcloud")
RELATED_CLASS_TOKENS: tuple[str, ...] = (
    "related", "read-also", "readalso", "also-read", "more-news", "more-stories",
)
SOURCE_CLASS_TOKENS: tuple[str, ...] = ("source", "news-source", "post-source")
# Elements never holding article text: removed before stripping related/tag blocks.
BOILERPLATE_TAGS: tuple[str, ...] = (
    "script", "style", "noscript", "nav", "aside", "footer", "iframe", "svg",
    "button", "select", "input", "textarea", "template", "figure", "figcaption",
)
# Whole class names that hide an element (not parts of names: 'overflow-hidden' and
# 'field--label-hidden' hide nothing), unless a responsive class shows it again
# ('hidden md:block', 'd-none d-lg-block').
HIDDEN_CLASSES: frozenset[str] = frozenset({
    "hidden", "is-hidden", "hide", "d-none", "visually-hidden", "sr-only",
    "screen-reader-text", "invisible", "display-none",
})
# --- The block walk (newscrawl.blocks) -----------------------------------------------
# Elements that end a line of text; inline ones (a, strong, span) do not.
BLOCK_TAGS: frozenset[str] = frozenset({
    "p", "div", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "li", "ul",
    "ol", "pre", "section", "article", "header", "footer", "main", "table", "tr", "td", "th",
    "dl", "dt", "dd", "figure", "figcaption", "address", "details", "summary", "caption",
    "form", "nav", "aside", "fieldset", "menu",
})
# Inline elements: they never own a line of text (furniture marks are not read on them).
INLINE_TAGS: frozenset[str] = frozenset({
    "a", "span", "img", "source", "picture", "i", "em", "strong", "b", "time", "label",
    "small", "sup", "sub", "abbr", "cite", "code", "u", "s", "font", "wbr", "q", "mark",
})
# Elements whose content a reader never sees as text.
UNSEEN_TAGS: frozenset[str] = frozenset({
    "script", "style", "noscript", "template", "svg", "iframe", "select", "textarea",
    "button", "input", "head", "title", "meta", "link", "object", "embed", "canvas", "map",
    "option",
})
# HTML landmarks and ARIA roles of page furniture (navigation, site footer, sidebars):
# never article text, however much text they hold.
LANDMARK_TAGS: frozenset[str] = frozenset({"nav", "aside", "footer", "menu"})
LANDMARK_ROLES: frozenset[str] = frozenset({
    "navigation", "complementary", "contentinfo", "banner", "menu", "menubar", "search",
})
# Furniture too, unless the element wraps most of the page's text: some sites put the
# whole page in a <form>, a dialog, or a box hidden until a script shows it.
WRAPPER_TAGS: frozenset[str] = frozenset({"form", "dialog"})
WRAPPER_ROLES: frozenset[str] = frozenset({"dialog", "alertdialog", "alert"})
# A body written in <p> (newscrawl.looselines) leaves short text in boxes set apart
# from the paragraphs out, unless it stands in a content box: a list, table, quote,
# subhead or details box.
CONTENT_BOX_TAGS: frozenset[str] = frozenset({
    "p", "blockquote", "pre", "li", "ul", "ol", "dl", "dd", "dt", "table", "tr", "td", "th",
    "h1", "h2", "h3", "h4", "h5", "h6", "details", "summary",
})
# A box holding one of these prints a caption, a credit or a player's labels (buttons,
# frames and figures are stripped before the body is read: BOILERPLATE_TAGS).
MEDIA_TAGS: tuple[str, ...] = ("img", "picture", "video", "audio", "object", "embed")
# Containers that usually hold the article body, most specific first.
BODY_SELECTORS: tuple[str, ...] = (
    "[itemprop=articleBody]", ".entry-content", ".post-content", ".article-content",
    ".article-body", ".article__body", ".story-body", ".news-content", ".content-body",
    ".field-name-body", "#article-body", "article",
)
# Elements a body container can be: the class/id/itemprop of BODY_SELECTORS is only looked
# for on these (lxml filters tags in C; reading every element's class was 3x slower).
BODY_CONTAINER_TAGS: tuple[str, ...] = (
    "div", "article", "section", "main", "span", "td", "font", "center", "dd", "body",
)
TITLE_SELECTORS: tuple[str, ...] = (
    "h1[itemprop=headline]", "h1.entry-title", "h1.post-title", "h1.article-title", "h1",
)
# Keys under which a script-rendered page's state holds the article's text or HTML
# (newscrawl.hydration): Next.js and other React sites' CMS fields, compared lowercased.
HYDRATION_BODY_KEYS: tuple[str, ...] = (
    "articleBody", "article_body", "body", "bodyHtml", "body_html", "htmlBody", "content",
    "contentHtml", "content_html", "contentBody", "fullText", "full_text", "html", "text",
    "story", "storyBody", "story_body", "articleText", "article_text", "articleContent",
)
# Keys beside it naming the story: the body is the page's article only when one of them
# is the page's headline (a listing's stories and related items name others).
HYDRATION_TITLE_KEYS: tuple[str, ...] = (
    "title", "headline", "webTitle", "mobileTitle", "seoTitle", "shortTitle",
    "displayTitle", "articleTitle", "article_title",
)

# --- Page kinds -------------------------------------------------------------------------
JSONLD_ARTICLE_TYPES: frozenset[str] = frozenset({
    "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle",
    "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting",
    "LiveBlogPosting", "Report",
})
# The page's own post when it has no article object (an Article subtype in schema.org;
# after the article types: a page embeds other people's posts too).
JSONLD_ARTICLE_LIKE_TYPES: frozenset[str] = frozenset({"SocialMediaPosting"})
# Objects whose date is the page's when nothing else gives one, and nothing else: a
# fact-check desk's review (its author is the desk, its headline the verdict).
JSONLD_DATED_TYPES: frozenset[str] = frozenset({"ClaimReview"})
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
