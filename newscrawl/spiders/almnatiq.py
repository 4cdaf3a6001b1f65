"""almnatiq.net: صحيفة المناطق, a Saudi WordPress news site."""

from newscrawl.spiders.news import NewsSpider


class AlmnatiqSpider(NewsSpider):
    """Articles are /<numeric id>/; WordPress markup with .entry-content bodies."""

    name = "almnatiq"
    site_url = "https://almnatiq.net/"
    article_url_pattern = r"^https?://(?:www\.)?almnatiq\.net/\d+/?$"
    body_css = "div.entry-content"
    strip_css = (".related-posts-inline",)
    timezone = "Asia/Riyadh"
