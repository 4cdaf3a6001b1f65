"""almnatiq.net: صحيفة المناطق, a Saudi WordPress news site."""

from newscrawl.spiders.news import NewsSpider


class AlmnatiqSpider(NewsSpider):
    """Articles are /<numeric id>/; WordPress markup with .entry-content bodies."""

    name = "almnatiq"
    site_url = "https://almnatiq.net/"
    # Matched against the whole URL; host-agnostic so a saved copy of the site works too.
    article_url_pattern = r"^https?://[^/]+/\d{5,}/?$"
    body_css = "div.entry-content"
    strip_css = (".entry-footer .sharing",)
    timezone = "Asia/Riyadh"
