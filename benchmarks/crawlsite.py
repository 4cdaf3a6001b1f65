"""A generated Arabic news site for the crawl benchmark: N article pages of 60-120 KB.

Pages are built like the heavy pages of real Arabic news sites: inline CSS and scripts,
a mega menu, a breaking ticker, a header clock, JSON-LD and Open Graph metadata, a
"most read" sidebar with relative times, an inline read-also box, tag blocks, a source
line, a related-news box with its own dates, a "more from the section" grid, comments,
newsletter and a link-heavy footer. Article text is drawn word by word from the demo
site's articles, so every article is distinct (no page is a near-duplicate of another).
Discovery is robots.txt -> sitemap index -> urlsets of 1,000 plus a Google News sitemap.

`python benchmarks/crawlsite.py DIR [N]` writes a site; `build(DIR, N)` is the API.
"""

from __future__ import annotations

import html
import json
import random
import re
import sys
from datetime import datetime, timedelta
from pathlib import Path

from newscrawl.demosite.build import AR_MONTHS, load_data

SECTIONS = (("local", "محليات"), ("economy", "اقتصاد"), ("sport", "رياضة"),
            ("world", "عربي ودولي"), ("tech", "تكنولوجيا"), ("culture", "ثقافة وفن"),
            ("health", "صحة"), ("opinion", "مقالات الرأي"))
AGENCIES = ("واس", "أ ف ب", "رويترز", "أ ش أ", "قنا", "وام")
CITIES = ("الرياض", "القاهرة", "دبي", "الدوحة", "عمّان", "بيروت", "تونس", "الرباط")
AGO = ("منذ ساعتين", "منذ 3 ساعات", "منذ 45 دقيقة", "منذ يوم", "منذ 5 ساعات")
PER_SITEMAP = 1000
START = datetime(2025, 1, 1, 6, 0)


def _words() -> list[str]:
    data = load_data()
    text = " ".join(p for a in data["articles"] for p in [a["title"], *a["paragraphs"]])
    return [w for w in re.findall(r"[\u0600-\u06ff]+", text) if len(w) > 1]


def _ar_date(day: datetime) -> str:
    hour = day.hour % 12 or 12
    return (f"{day.day} {AR_MONTHS[day.month - 1]} {day.year} - {hour}:{day.minute:02d} "
            f"{'صباحًا' if day.hour < 12 else 'مساءً'}")


class _Writer:
    """Random Arabic text and page furniture from one seeded generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.words = _words()

    def sentence(self, low: int, high: int) -> str:
        return " ".join(self.rng.choices(self.words, k=self.rng.randint(low, high)))

    def paragraph(self) -> str:
        return "، ".join(self.sentence(6, 14) for _ in range(self.rng.randint(2, 5))) + "."

    def css(self) -> str:
        rules = [f".c{self.rng.randrange(10**6)} .x{i}{{margin:{i % 9}px;padding:{i % 5}px;"
                 f"color:#{self.rng.randrange(16**6):06x};font-size:{12 + i % 8}px}}"
                 for i in range(self.rng.randint(150, 260))]
        return "<style>" + "".join(rules) + "</style>"

    def script(self) -> str:
        calls = [f"window.dataLayer.push({{'event':'e{i}','slot':'ad-{self.rng.randrange(999)}',"
                 f"'value':{self.rng.random():.6f}}});" for i in range(self.rng.randint(120, 260))]
        return "<script>window.dataLayer=window.dataLayer||[];" + "".join(calls) + "</script>"


def _path(i: int, day: datetime, section: str) -> str:
    return f"/{section}/{day:%Y/%m/%d}/news-{i}.html"


def article_page(w: _Writer, i: int, day: datetime, section: tuple[str, str],
                 titles: list[tuple[str, str, datetime]], base: str) -> str:
    """One heavy article page."""
    rng = w.rng
    title = w.sentence(7, 13)
    paragraphs = [w.paragraph() for _ in range(rng.randint(7, 14))]
    url = base + _path(i, day, section[0])
    pub = day.isoformat() + "+03:00"
    agency, city = rng.choice(AGENCIES), rng.choice(CITIES)
    esc = html.escape
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
          "datePublished": pub, "dateModified": pub, "mainEntityOfPage": url,
          "articleSection": section[1], "image": [f"{base}/img/{i}.jpg"],
          "author": {"@type": "Person", "name": w.sentence(2, 3)},
          "publisher": {"@type": "Organization", "name": "أخبار الخليج اليوم",
                        "logo": {"@type": "ImageObject", "url": f"{base}/logo.png"}}}
    menu = "".join(f'<li class="menu-item"><a href="{base}/{s}/">{n}</a><ul class="sub">'
                   + "".join(f'<li><a href="{base}/{s}/topic-{k}/">{esc(w.sentence(1, 2))}</a>'
                             f"</li>" for k in range(rng.randint(8, 14)))
                   + "</ul></li>" for s, n in SECTIONS)
    picks = [titles[rng.randrange(len(titles))] for _ in range(40)]

    def card(t: tuple[str, str, datetime], cls: str, dated: bool = True) -> str:
        stamp = f'<span class="date">{_ar_date(t[2])}</span>' if dated else ""
        image = f"{base}/img/t{rng.randrange(997)}.jpg"
        return (f'<div class="{cls}"><a href="{base}{t[1]}"><img src="{image}" alt="" '
                f'loading="lazy"></a><h3><a href="{base}{t[1]}">{esc(t[0])}</a></h3>'
                f"{stamp}<p class=\"excerpt\">{esc(w.sentence(10, 18))}</p></div>")

    body = [f"<p>{city} ({agency}) - {esc(paragraphs[0])}</p>"]
    for k, para in enumerate(paragraphs[1:], 1):
        body.append(f"<p>{esc(para)}</p>")
        if k == 2:
            r = picks[0]
            body.append(f'<div class="read-also-inline"><span>اقرأ أيضاً:</span> '
                        f'<a href="{base}{r[1]}">{esc(r[0])}</a></div>')
        if k == 5 and rng.random() < 0.5:
            body.append(f'<figure class="inline-image"><img src="{base}/img/{i}-2.jpg" alt="">'
                        f"<figcaption>{esc(w.sentence(4, 8))}</figcaption></figure>")
    body.append(f"<p>المصدر: {agency}</p>")
    tags = "".join(f'<a href="{base}/tag/{rng.randrange(500)}/" rel="tag">{esc(w.sentence(1, 2))}'
                   f"</a> " for _ in range(rng.randint(4, 9)))
    most_read = "".join(f'<li><a href="{base}{t[1]}">{esc(t[0])}</a>'
                        f'<span class="ago">{AGO[k % len(AGO)]}</span></li>'
                        for k, t in enumerate(picks[1:11]))
    related = "".join(card(t, "card related-card") for t in picks[11:17])
    grid = "".join(card(t, "card grid-card", dated=False)
                   for t in picks[17:17 + rng.randint(12, 23)])
    footer_links = "".join(f'<li><a href="{base}/page/{k}/">{esc(w.sentence(1, 3))}</a></li>'
                           for k in range(rng.randint(40, 70)))
    ticker = "".join(f'<li><a href="{base}{t[1]}">{esc(t[0])}</a></li>' for t in picks[:6])
    return (
        f'<!DOCTYPE html>\n<html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)} | أخبار الخليج اليوم</title>"
        f'<link rel="canonical" href="{url}">'
        f'<meta name="description" content="{esc(paragraphs[0][:150])}">'
        f'<meta property="og:type" content="article"><meta property="og:title" '
        f'content="{esc(title)}"><meta property="og:url" content="{url}">'
        f'<meta property="og:image" content="{base}/img/{i}.jpg">'
        f'<meta property="og:site_name" content="أخبار الخليج اليوم">'
        f'<meta property="article:published_time" content="{pub}">'
        f'<meta property="article:section" content="{section[1]}">'
        f'<link rel="alternate" type="application/rss+xml" href="{base}/feed.xml">'
        f"{w.css()}"
        f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
        f"{w.script()}</head><body>"
        f'<header class="site-header"><div class="top-bar"><span class="today-date">'
        f"الثلاثاء 24 نوفمبر 2026</span></div><a class=\"logo\" href=\"{base}/\">أخبار الخليج "
        f'اليوم</a><nav class="main-nav"><ul>{menu}</ul></nav>'
        f'<div class="breaking-ticker"><span>عاجل</span><ul>{ticker}</ul></div></header>'
        f'<div class="container"><main id="main"><nav class="breadcrumb"><a href="{base}/">'
        f'الرئيسية</a> › <a href="{base}/{section[0]}/">{section[1]}</a></nav>'
        f'<article class="article"><header class="article-header">'
        f'<h1 class="article-title">{esc(title)}</h1><div class="byline">'
        f'<span class="author">بقلم: {esc(ld["author"]["name"])}</span> '
        f'<span class="post-date">نشر في: {_ar_date(day)}</span></div></header>'
        f'<figure class="lead-image"><img src="{base}/img/{i}.jpg" alt="">'
        f"<figcaption>صورة أرشيفية</figcaption></figure>"
        f'<div class="share-buttons"><span>شارك الخبر:</span> <a href="#">فيسبوك</a> '
        f'<a href="#">إكس</a> <a href="#">واتساب</a> <a href="#">تيليجرام</a></div>'
        f'<div class="article-body">{"".join(body)}</div>'
        f'<div class="post-tags"><span>كلمات دلالية:</span> {tags}</div>'
        f'<section class="related-news"><h3>أخبار ذات صلة</h3>{related}</section>'
        f'<div class="comments"><h3>التعليقات</h3><form><textarea></textarea>'
        f"<button>أضف تعليق</button></form></div></article>"
        f'<section class="more-news"><h2>المزيد من {section[1]}</h2>{grid}</section></main>'
        f'<aside class="sidebar"><div class="widget most-read"><h3>الأكثر قراءة</h3>'
        f'<ul>{most_read}</ul></div><div class="widget newsletter"><h3>النشرة البريدية</h3>'
        f'<form><input type="email" placeholder="بريدك الإلكتروني"><button>اشترك</button>'
        f"</form></div></aside></div>"
        f'<footer class="site-footer"><ul class="footer-links">{footer_links}</ul>'
        f"<p>جميع الحقوق محفوظة © أخبار الخليج اليوم 2025</p></footer>"
        f"{w.script()}</body></html>\n"
    )


def _urlset(base: str, entries: list[tuple[str, datetime]], news: bool = False) -> str:
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    items = []
    for path, day in entries:
        stamp = day.isoformat() + "+03:00"
        extra = (f"<news:news><news:publication><news:name>أخبار الخليج اليوم</news:name>"
                 f"<news:language>ar</news:language></news:publication>"
                 f"<news:publication_date>{stamp}</news:publication_date></news:news>"
                 if news else f"<lastmod>{stamp}</lastmod>")
        items.append(f"<url><loc>{base}{path}</loc>{extra}</url>")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/'
            f'schemas/sitemap/0.9"{ns}>{"".join(items)}</urlset>\n')


def build(dest: Path, count: int, base: str, seed: int = 8) -> dict[str, float]:
    """Write `count` article pages, robots.txt and sitemaps under dest; return page sizes."""
    w = _Writer(seed)
    rng = w.rng
    plan = []
    for i in range(count):
        day = START + timedelta(minutes=37 * i)
        section = SECTIONS[rng.randrange(len(SECTIONS))]
        plan.append((i, day, section))
    titles = [(w.sentence(6, 11), _path(i, d, s[0]), d) for i, d, s in plan]
    sizes = []
    for i, day, section in plan:
        path = dest / _path(i, day, section[0]).lstrip("/")
        path.parent.mkdir(parents=True, exist_ok=True)
        data = article_page(w, i, day, section, titles, base).encode()
        path.write_bytes(data)
        sizes.append(len(data))
    entries = [(_path(i, d, s[0]), d) for i, d, s in plan]
    children = []
    for k in range(0, count, PER_SITEMAP):
        name = f"sitemap-{k // PER_SITEMAP + 1}.xml"
        (dest / name).write_text(_urlset(base, entries[k:k + PER_SITEMAP]), "utf-8")
        children.append((name, entries[min(k + PER_SITEMAP, count) - 1][1]))
    # The news sitemap repeats the newest 1,000: the spider must queue each page once.
    (dest / "news-sitemap.xml").write_text(_urlset(base, entries[-PER_SITEMAP:], news=True),
                                           "utf-8")
    children.append(("news-sitemap.xml", entries[-1][1]))
    index = "".join(f"<sitemap><loc>{base}/{name}</loc><lastmod>{day.isoformat()}+03:00"
                    f"</lastmod></sitemap>" for name, day in children)
    (dest / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/'
        f'schemas/sitemap/0.9">{index}</sitemapindex>\n', "utf-8")
    (dest / "robots.txt").write_text(f"User-agent: *\nDisallow: /search\n\n"
                                     f"Sitemap: {base}/sitemap.xml\n", "utf-8")
    (dest / "index.html").write_text("<html><body><h1>أخبار الخليج اليوم</h1></body></html>",
                                     "utf-8")
    sizes.sort()
    return {"pages": count, "min_kb": sizes[0] / 1024, "median_kb": sizes[len(sizes) // 2] / 1024,
            "max_kb": sizes[-1] / 1024, "total_mb": sum(sizes) / 1024 ** 2}


if __name__ == "__main__":
    out = Path(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    print(build(out, n, sys.argv[3] if len(sys.argv) > 3 else "http://127.0.0.1:8080"))
