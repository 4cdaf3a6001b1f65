"""arabkhabar.com: an Egyptian aggregator that reposts other papers' stories."""

from newscrawl.spiders.news import NewsSpider


class ArabKhabarSpider(NewsSpider):
    """Articles live under /a/<id>; the body is div.post-content."""

    name = "arabkhabar"
    site_url = "https://arabkhabar.com/"
    article_url_pattern = r"/a/\d+"
    title_css = "h1.post-title"
    body_css = "div.post-content"
    date_css = ".post-meta .date"
    # Share buttons sit between headline and body.
    strip_css = ("div.share",)
    timezone = "Africa/Cairo"
