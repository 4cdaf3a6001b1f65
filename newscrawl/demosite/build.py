"""Builds the demo news site (and test variants of it) from articles.json.

`python -m newscrawl.demosite.build` rewrites the bundled site under newscrawl/demosite/site.
Pages are built like real Arabic news pages: navigation, a breaking ticker, a header
clock, a "most read" sidebar with relative times, inline read-also boxes, tag blocks,
source lines, agency datelines, related boxes with their own dates, comment forms.
"""

from __future__ import annotations

import base64
import html
import json
import re
import shutil
import sys
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

B = "__BASE__"
AR_MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
             "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")
AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PER_PAGE = 5
OFFSET = "+03:00"  # the demo paper is in Riyadh


@dataclass(frozen=True)
class SiteOptions:
    """Which discovery paths a built site offers."""

    robots_sitemap: bool = True
    sitemap_xml: bool = True
    news_sitemap: bool = True
    feed: bool = True
    include_seed: bool = True
    missing_article: bool = True  # a sitemap entry whose page was deleted (404)


def load_data() -> dict[str, Any]:
    """The article texts of the demo site."""
    text = resources.files("newscrawl.demosite").joinpath("articles.json").read_text("utf-8")
    return json.loads(text)


def esc(text: str) -> str:
    """HTML-escape text and attributes."""
    return html.escape(text, quote=True)


def article_path(art: dict[str, Any]) -> str:
    """/section/yyyy/mm/dd/slug/ -- a WordPress-like permalink."""
    day = datetime.fromisoformat(art["published"])
    return f"/{art['section']}/{day:%Y/%m/%d}/{art['slug']}/"


def alias_path(art: dict[str, Any]) -> str:
    """Second URL of a cross-posted story: the same page under another section."""
    day = datetime.fromisoformat(art["published"])
    return f"/local/{day:%Y/%m/%d}/{art['slug']}/"


def ar_date(iso: str, *, digits: bool = False, time: bool = True) -> str:
    """'5 أبريل 2025 - 10:14 صباحًا' as the page prints it."""
    day = datetime.fromisoformat(iso)
    text = f"{day.day} {AR_MONTHS[day.month - 1]} {day.year}"
    if time:
        hour = day.hour % 12 or 12
        text += f" - {hour}:{day.minute:02d} {'صباحًا' if day.hour < 12 else 'مساءً'}"
    return text.translate(AR_DIGITS) if digits else text


def _tag_slug(tags: list[str], tag: str) -> str:
    return str(tags.index(tag) + 1)


def _header(data: dict[str, Any]) -> str:
    nav = "".join(f'<li><a href="{B}/section/{s["slug"]}/">{esc(s["name"])}</a></li>'
                  for s in data["sections"])
    first = data["articles"][0]
    return (
        f'<header class="site-header"><div class="top-bar"><span class="today-date">'
        f'الثلاثاء 24 نوفمبر 2026</span></div>'
        f'<a class="logo" href="{B}/">{esc(data["site_name"])}</a>'
        f'<nav class="main-nav"><ul><li><a href="{B}/">الرئيسية</a></li>{nav}'
        f'<li><a href="{B}/most-read/">الأكثر قراءة</a></li></ul></nav>'
        f'<div class="breaking-ticker"><span>عاجل</span> '
        f'<a href="{B}{article_path(first)}">{esc(first["title"])}</a></div></header>'
    )


def _sidebar(data: dict[str, Any], exclude: int) -> str:
    ago = ("منذ ساعتين", "منذ 3 ساعات", "منذ 5 ساعات", "منذ يوم", "منذ 45 دقيقة")
    items = [a for a in data["articles"] if a["id"] != exclude][:5]
    lis = "".join(f'<li><a href="{B}{article_path(a)}">{esc(a["title"])}</a>'
                  f'<span class="ago">{ago[i % len(ago)]}</span></li>'
                  for i, a in enumerate(items))
    return (f'<aside class="sidebar"><div class="widget most-read"><h3>الأكثر قراءة</h3>'
            f'<ul>{lis}</ul></div><div class="widget newsletter"><h3>النشرة البريدية</h3>'
            f'<form><input type="email" placeholder="بريدك الإلكتروني">'
            f'<button>اشترك</button></form></div></aside>')


def _footer(data: dict[str, Any]) -> str:
    return (f'<footer class="site-footer"><p>جميع الحقوق محفوظة © {esc(data["site_name"])} 2025'
            f'</p><a href="{B}/privacy/">سياسة الخصوصية</a> <a href="{B}/contact/">اتصل بنا</a>'
            f'</footer>')


def _page(data: dict[str, Any], title: str, head: str, main: str, exclude: int = 0) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{esc(title)}</title>'
        f'<meta property="og:site_name" content="{esc(data["site_name"])}">'
        f'<link rel="alternate" type="application/rss+xml" title="RSS" href="{B}/feed.xml">'
        f'{head}</head><body>{_header(data)}<div class="container"><main id="main">{main}'
        f'</main>{_sidebar(data, exclude)}</div>{_footer(data)}</body></html>\n'
    )


def _dateline(art: dict[str, Any], i: int) -> tuple[str, bool]:
    """(html of the first paragraph, whether it is a standalone dateline paragraph)."""
    first = esc(art["paragraphs"][0])
    if not art["agency"]:
        return f"<p>{first}</p>", False
    if i % 2 == 0:
        # Dateline on its own line, as SPA copy is pasted: "الرياض - واس".
        return f'<p><strong>{esc(art["city"])} - {esc(art["agency"])}</strong></p>' \
               f"<p>{first}</p>", True
    # Dateline glued to the lead, as wire copy prints it: "القاهرة (أ ش أ) - ...".
    return f"<p>{esc(art['city'])} ({esc(art['agency'])}) - {first}</p>", False


def article_html(data: dict[str, Any], art: dict[str, Any], i: int,
                 canonical: str | None = None) -> str:
    """One article page; which metadata it carries varies with its index."""
    arts = data["articles"]
    section = next(s for s in data["sections"] if s["slug"] == art["section"])
    pub = art["published"] + ":00" + OFFSET
    mod = (art["modified"] + ":00" + OFFSET) if art.get("modified") else None
    url = f"{B}{canonical or article_path(art)}"
    style = i % 4
    head = [f'<link rel="canonical" href="{url}">',
            f'<meta name="description" content="{esc(art["description"])}">',
            f'<meta property="og:title" content="{esc(art["title"])}">',
            f'<meta property="og:url" content="{url}">',
            f'<meta property="og:image" content="{B}/images/{art["id"]}.jpg">',
            f'<meta property="article:section" content="{esc(section["name"])}">']
    if style != 2:
        head.append('<meta property="og:type" content="article">')
    if style == 0:
        ld = {"@context": "https://schema.org", "@type": "NewsArticle",
              "headline": art["title"], "datePublished": pub, "mainEntityOfPage": url,
              "image": [f"{B}/images/{art['id']}.jpg"], "articleSection": section["name"],
              "publisher": {"@type": "Organization", "name": data["site_name"]}}
        if mod:
            ld["dateModified"] = mod
        if art["author"]:
            ld["author"] = {"@type": "Person", "name": art["author"]}
        head.append('<script type="application/ld+json">'
                    f"{json.dumps(ld, ensure_ascii=False)}</script>")
    elif style == 1:
        head.append(f'<meta property="article:published_time" content="{pub}">')
        if mod:
            head.append(f'<meta property="article:modified_time" content="{mod}">')
        head.extend(f'<meta property="article:tag" content="{esc(t)}">' for t in art["tags"])
    # Visible byline: every page prints its date; styles 2/3 have only this (and <time>).
    printed = ar_date(art["published"], digits=(i % 5 == 0))
    if style == 3:
        date_html = f'<time class="published" datetime="{pub}">{printed}</time>'
    else:
        date_html = f'<span class="post-date">نشر في: {printed}</span>'
    author = f'<span class="author">بقلم: {esc(art["author"])}</span> ' if art["author"] else ""
    updated = (f' <span class="updated">آخر تحديث: {ar_date(art["modified"])}</span>'
               if mod and style == 2 else "")

    paras = [f"<p>{esc(p)}</p>" for p in art["paragraphs"][1:]]
    first, _ = _dateline(art, i)
    other = arts[(i + 7) % len(arts)]
    inline = (f'<div class="read-also-inline"><span>اقرأ أيضاً:</span> '
              f'<a href="{B}{article_path(other)}">{esc(other["title"])}</a></div>'
              if i % 3 == 0 else
              f'<p>إقرأ أيضا: <a href="{B}{article_path(other)}">{esc(other["title"])}</a></p>')
    paras.insert(min(2, len(paras)), inline)
    if art["source"]:
        paras.append(f"<p>المصدر: {esc(art['source'])}</p>" if i % 2 else
                     f'<p class="news-source">المصدر: {esc(art["source"])}</p>')
    tags = "".join(f'<a href="{B}/tag/{_tag_slug(data["all_tags"], t)}/" rel="tag">{esc(t)}</a> '
                   for t in art["tags"])
    related = [arts[(i + k) % len(arts)] for k in (1, 2, 3)]
    cards = "".join(
        f'<div class="card"><a href="{B}{article_path(r)}">{esc(r["title"])}</a>'
        f'<span class="card-date">{ar_date(r["published"])}</span></div>' for r in related)
    main = (
        f'<nav class="breadcrumb"><a href="{B}/">الرئيسية</a> › '
        f'<a href="{B}/section/{section["slug"]}/">{esc(section["name"])}</a></nav>'
        f'<article class="article"><header class="article-header">'
        f'<h1 class="article-title">{esc(art["title"])}</h1>'
        f'<div class="byline">{author}{date_html}{updated}</div></header>'
        f'<figure class="lead-image"><img src="{B}/images/{art["id"]}.jpg" alt="">'
        f'<figcaption>صورة أرشيفية</figcaption></figure>'
        f'<div class="share-buttons"><span>شارك الخبر:</span> <a href="#">فيسبوك</a> '
        f'<a href="#">إكس</a> <a href="#">واتساب</a></div>'
        f'<div class="article-body">{first}{"".join(paras)}</div>'
        f'<div class="post-tags"><span>كلمات دلالية:</span> {tags}</div>'
        f'<section class="related-news"><h3>أخبار ذات صلة</h3>{cards}</section>'
        f'<div class="comments"><h3>التعليقات</h3><form><textarea></textarea>'
        f'<button>أضف تعليق</button></form></div></article>'
    )
    return _page(data, f"{art['title']} | {data['site_name']}", "".join(head), main,
                 exclude=art["id"])


def _listing(data: dict[str, Any], title: str, arts: list[dict[str, Any]], base_path: str,
             page: int, pages: int, kind: str | None = "CollectionPage") -> str:
    items = "".join(
        f'<div class="news-item"><h2><a href="{B}{article_path(a)}">{esc(a["title"])}</a></h2>'
        f'<span class="date">{ar_date(a["published"])}</span>'
        f'<p class="excerpt">{esc(a["description"][:90])}…</p></div>' for a in arts)
    nav = ""
    if page < pages:
        nav += f'<a class="next" rel="next" href="{B}{base_path}page/{page + 1}/">التالي</a>'
    if page > 1:
        prev = base_path if page == 2 else f"{base_path}page/{page - 1}/"
        nav = f'<a class="prev" href="{B}{prev}">السابق</a> ' + nav
    # Not every listing says what it is: tag pages and "most read" carry no JSON-LD.
    head = ""
    if kind:
        ld = json.dumps({"@context": "https://schema.org", "@type": kind, "name": title},
                        ensure_ascii=False)
        head = f'<script type="application/ld+json">{ld}</script>'
    main = (f'<h1 class="page-title">{esc(title)}</h1><div class="news-list">{items}</div>'
            f'<div class="pagination">{nav}</div>')
    return _page(data, f"{title} | {data['site_name']}", head, main)


def _write(dest: Path, url_path: str, text: str) -> None:
    path = dest / url_path.lstrip("/")
    if url_path.endswith("/"):
        path = path / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _urlset(urls: list[tuple[str, str | None]]) -> str:
    rows = "".join(f"<url><loc>{B}{xml_escape(u)}</loc>"
                   + (f"<lastmod>{m}</lastmod>" if m else "") + "</url>" for u, m in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>\n')


def build_site(dest: Path, options: SiteOptions = SiteOptions(),
               seed_dir: Path | None = None) -> list[str]:
    """Write the site into `dest`; returns the canonical paths of its articles."""
    data = load_data()
    arts = sorted(data["articles"], key=lambda a: a["published"], reverse=True)
    data = {**data, "articles": arts,
            "all_tags": list(dict.fromkeys(t for a in arts for t in a["tags"]))}
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    canonical: list[str] = []
    lastmods: list[tuple[str, str | None]] = []
    for i, art in enumerate(arts):
        _write(dest, article_path(art), article_html(data, art, i))
        canonical.append(article_path(art))
        lastmods.append((article_path(art), (art.get("modified") or art["published"])
                         + ":00" + OFFSET))
    # One story cross-posted under a second section: same page, canonical to the first.
    twin = next(a for a in arts if a["section"] != "local")
    _write(dest, alias_path(twin), article_html(data, twin, arts.index(twin),
                                                canonical=article_path(twin)))
    lastmods.append((alias_path(twin), None))

    sections = data["sections"]
    listing_paths = []
    for sec in sections:
        members = [a for a in arts if a["section"] == sec["slug"]]
        pages = max(1, -(-len(members) // PER_PAGE))
        base = f"/section/{sec['slug']}/"
        for page in range(1, pages + 1):
            chunk = members[(page - 1) * PER_PAGE: page * PER_PAGE]
            path = base if page == 1 else f"{base}page/{page}/"
            _write(dest, path, _listing(data, sec["name"], chunk, base, page, pages))
            listing_paths.append(path)
    for n, tag in enumerate(data["all_tags"][:6], start=1):
        members = [a for a in arts if tag in a["tags"]]
        _write(dest, f"/tag/{n}/", _listing(data, f"وسم: {tag}", members, f"/tag/{n}/", 1, 1,
                                                kind=None))
        listing_paths.append(f"/tag/{n}/")
    _no_dead_links(dest, data, arts)
    _write(dest, "/most-read/", _listing(data, "الأكثر قراءة", arts[:8], "/most-read/", 1, 1,
                                         kind=None))
    listing_paths.append("/most-read/")
    _write(dest, "/", _listing(data, data["site_name"], arts[:10], "/", 1, 1, kind="WebSite"))

    if options.include_seed:
        seeds = seed_dir or _find_seed_dir()
        if seeds is not None:
            for name, path in (("arabkhabar_article.html", "/a/1020199/"),
                               ("arabkhabar_mojibake.html", "/mirror/a/1020199/"),
                               ("almnatiq_article.html", "/1203456/")):
                target = dest / path.lstrip("/") / "index.html"
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(seeds / name, target)
                lastmods.append((path, None))
                canonical.append(path)

            _stub_links_of_seed_pages(dest, data)

    if options.missing_article:
        lastmods.append(("/economy/2025/04/02/deleted-story/", None))
    if options.news_sitemap:
        recent = arts[:12]
        rows = "".join(
            f"<url><loc>{B}{article_path(a)}</loc><news:news><news:publication>"
            f"<news:name>{esc(data['site_name'])}</news:name><news:language>ar</news:language>"
            f"</news:publication><news:publication_date>{a['published']}:00{OFFSET}"
            f"</news:publication_date><news:title>{esc(a['title'])}</news:title></news:news>"
            f"</url>" for a in recent)
        _write(dest, "/sitemaps/news.xml",
               '<?xml version="1.0" encoding="UTF-8"?>\n<urlset '
               'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
               'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
               f"{rows}</urlset>\n")
    _write(dest, "/sitemaps/posts.xml", _urlset(lastmods))
    _write(dest, "/sitemaps/pages.xml", _urlset([(p, None) for p in listing_paths]))
    children = (["/sitemaps/news.xml"] if options.news_sitemap else []) + [
        "/sitemaps/posts.xml", "/sitemaps/pages.xml"]
    newest = arts[0]["published"] + ":00" + OFFSET
    index = "".join(f"<sitemap><loc>{B}{c}</loc><lastmod>{newest}</lastmod></sitemap>"
                    for c in children)
    index_xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex '
                 f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{index}</sitemapindex>\n')
    if options.robots_sitemap:
        _write(dest, "/sitemap_index.xml", index_xml)
    if options.sitemap_xml:
        _write(dest, "/sitemap.xml", index_xml)
    robots = "User-agent: *\nDisallow: /wp-admin/\n"
    if options.robots_sitemap:
        robots += f"\nSitemap: {B}/sitemap_index.xml\n"
    _write(dest, "/robots.txt", robots)
    if options.feed:
        items = "".join(
            f"<item><title>{esc(a['title'])}</title>"
            f"<link>{B}{article_path(a)}?utm_source=rss&amp;utm_medium=feed</link>"
            f"<guid isPermaLink=\"false\">post-{a['id']}</guid>"
            f"<pubDate>{_rfc822(a['published'])}</pubDate>"
            f"<description>{esc(a['description'])}</description></item>"
            for a in arts[:15])
        _write(dest, "/feed.xml",
               '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
               f"<title>{esc(data['site_name'])}</title><link>{B}/</link>"
               f"<language>ar</language>{items}</channel></rss>\n")
    return canonical


# The smallest valid JPEG (1x1 pixel): every article's lead image link leads somewhere.
_TINY_JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////"
    "////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/a"
    "AAgBAQABPxA=")


def _stub(data: dict[str, Any], title: str) -> str:
    return _page(data, title, "", f"<main><h1>{esc(title)}</h1>"
                                  "<p>صفحة من الموقع التجريبي.</p></main>")


def _no_dead_links(dest: Path, data: dict[str, Any], arts: list[dict[str, Any]]) -> None:
    """Every link of the demo leads somewhere, so a whole-site capture meets no 404 but the
    deleted story: each tag's page, each lead image, the footer's pages. None of them is
    in the sitemaps (a sitemap crawl reads what it always read)."""
    for n, tag in enumerate(data["all_tags"], start=1):
        if not (dest / "tag" / str(n) / "index.html").exists():
            members = [a for a in arts if tag in a["tags"]]
            _write(dest, f"/tag/{n}/", _listing(data, f"وسم: {tag}", members, f"/tag/{n}/",
                                                1, 1, kind=None))
    (dest / "images").mkdir(parents=True, exist_ok=True)
    for art in arts:
        (dest / "images" / f"{art['id']}.jpg").write_bytes(_TINY_JPEG)
    _write(dest, "/privacy/", _stub(data, "سياسة الخصوصية"))
    _write(dest, "/contact/", _stub(data, "اتصل بنا"))


_SITE_HREF = re.compile(r'href="(/[^"#?]*)"')


def _stub_links_of_seed_pages(dest: Path, data: dict[str, Any]) -> None:
    """The seed pages keep their real sites' navigation: each on-site link they make gets a
    small page, so nothing they link is dead."""
    for page in ("a/1020199", "mirror/a/1020199", "1203456"):
        text = (dest / page / "index.html").read_text("utf-8", errors="replace")
        for path in set(_SITE_HREF.findall(text)):
            target = dest / path.strip("/")
            if path.strip("/") and not target.exists() and not (target / "index.html").exists():
                _write(dest, path.rstrip("/") + "/", _stub(data, path.strip("/")))


def _rfc822(local_iso: str) -> str:
    """RSS pubDate of a local demo time."""
    return f"{datetime.fromisoformat(local_iso + ':00' + OFFSET):%a, %d %b %Y %H:%M:%S %z}"


def _find_seed_dir() -> Path | None:
    """../shared/fixtures/seed beside the repository, when it is there."""
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "fixtures" / "seed"
        if (candidate / "arabkhabar_article.html").is_file():
            return candidate
    return None


def main() -> int:
    """Rebuild the bundled demo site (the seed pages must be reachable)."""
    dest = Path(__file__).resolve().parent / "site"
    seeds = _find_seed_dir()
    if seeds is None:
        print("cannot find shared/fixtures/seed next to the repository", file=sys.stderr)
        return 1
    paths = build_site(dest, seed_dir=seeds)
    print(f"wrote {len(paths)} article pages to {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
