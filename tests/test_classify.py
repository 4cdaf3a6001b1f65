"""Article pages told apart from hubs, listings, tag pages and the home page."""

from __future__ import annotations

import pytest

from newscrawl.classify import classify_page, url_kind
from newscrawl.extraction import extract_raw


@pytest.mark.parametrize(("url", "kind"), [
    ("https://x.com/", "home"),
    ("https://x.com/tag/gold/", "hub"),
    ("https://x.com/category/sport", "hub"),
    ("https://x.com/section/local/page/2/", "hub"),
    ("https://x.com/author/ahmad/", "hub"),
    ("https://x.com/sport?page=3", "hub"),
    ("https://x.com/news/2025/04/05/gold-prices/", "article"),
    ("https://x.com/a/1020199", "article"),
    ("https://almnatiq.net/1203456/", "article"),
    ("https://x.com/world/gold-prices-rise-again-today", "article"),
    ("https://x.com/sport", "unknown"),
    ("https://x.com/news/ارتفاع-أسعار-الذهب", "article"),
    ("https://x.com/news/%D8%A7%D8%B1%D8%AA%D9%81%D8%A7%D8%B9-%D8%A3%D8%B3%D8%B9%D8%A7%D8%B1-"
     "%D8%A7%D9%84%D8%B0%D9%87%D8%A8", "article"),
    ("https://x.com/article.php?id=123456", "article"),
    ("https://x.com/news/details/123", "article"),
    ("https://x.com/?p=12345", "article"),
    ("https://x.com/?lang=ar", "home"),
    ("https://x.com/about-us", "unknown"),
])
def test_url_shape(url: str, kind: str) -> None:
    assert url_kind(url) == kind


def _kind(**kw: object) -> str:
    base = {"url": "https://x.com/sport", "jsonld_types": set(), "og_type": None,
            "text_chars": 0, "link_chars": 0}
    return classify_page(**{**base, **kw}).kind  # type: ignore[arg-type]


def test_structured_data_and_text_decide() -> None:
    assert _kind(jsonld_types={"NewsArticle"}, text_chars=900) == "article"
    assert _kind(jsonld_types={"ReportageNewsArticle"}, text_chars=900) == "article"
    assert _kind(jsonld_types={"NewsArticle"}, text_chars=40) == "thin"
    assert _kind(jsonld_types={"CollectionPage"}, text_chars=900) == "listing"
    assert _kind(og_type="article", text_chars=300) == "article"
    assert _kind(url="https://x.com/tag/gold/", text_chars=900) == "hub"
    assert _kind(url="https://x.com/", og_type="website", text_chars=900) == "home"
    # Plenty of plain paragraph text on an article-shaped URL is an article...
    assert _kind(url="https://x.com/a/1234567", text_chars=800) == "article"
    # ...but text that is mostly link text is a listing, whatever the markup says.
    assert _kind(og_type="article", text_chars=600, link_chars=500) == "listing"
    assert _kind(text_chars=0) == "empty"
    # A site-wide WebSite object says nothing about the page.
    assert _kind(url="https://x.com/a/1234567", jsonld_types={"WebSite"}, text_chars=800) \
        == "article"


def test_listing_of_articles_in_jsonld_is_not_an_article() -> None:
    items = ",".join(f'{{"@type": "ListItem", "position": {i}, "item": {{"@type": "NewsArticle",'
                     f' "headline": "خبر {i}", "datePublished": "2025-01-01"}}}}' for i in range(5))
    page = (f'<html><head><script type="application/ld+json">{{"@type": "ItemList", '
            f'"itemListElement": [{items}]}}</script></head><body><h1>رياضة</h1>'
            f'<div class="list">{"<p>نص تعريفي قصير عن القسم الرياضي وأخباره.</p>" * 12}</div>'
            "</body></html>")
    _article, kind = extract_raw(page, "https://x.com/category/sport/")
    assert not kind.is_article, kind


ARTICLE = """<html lang="ar"><head><title>عنوان | موقع</title></head><body>
<h1>وزارة الصحة تطلق حملة وطنية للتطعيم في المدارس</h1><div class="content">{}</div>
</body></html>""".format("".join(
    f"<p>الفقرة رقم {i} من نص الخبر تتحدث عن تفاصيل الحملة الوطنية للتطعيم في المدارس "
    f"وأهدافها ومراحلها المختلفة خلال الأسابيع المقبلة.</p>" for i in range(5)))
LISTING = """<html lang="ar"><head><title>رياضة</title></head><body><h1>رياضة</h1>
<div class="news-list">{}</div></body></html>""".format("".join(
    f'<div class="item"><h2><a href="/sport/2025/04/0{i}/story-{i}-title/">عنوان خبر رياضي '
    f'رقم {i} عن مباراة الأمس بين الفريقين</a></h2><p><a href="/sport/x{i}">موجز الخبر الرياضي '
    f'رقم {i} في سطر واحد قصير</a></p></div>' for i in range(1, 9)))


def test_pages_from_html() -> None:
    _article, kind = extract_raw(ARTICLE, "https://x.com/health/2025/04/05/vaccination-campaign/")
    assert kind.is_article, kind
    _article, kind = extract_raw(LISTING, "https://x.com/sport")
    assert kind.kind == "listing", kind
