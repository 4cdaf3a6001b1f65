"""The generic main-content search on pages written here: layouts real sites use."""

from __future__ import annotations

from conftest import TALKS_PARAS

from newscrawl.blocks import walk
from newscrawl.extraction import extract_article
from newscrawl.furniture import NONE, SOFT, is_furniture, names_furniture
from newscrawl.mainnode import choose, known_body
from newscrawl.parsing import parse_html

URL = "https://x.example/world/2025/04/05/talks-resume-in-cairo/"
PARAS = [
    *TALKS_PARAS,
    "ومن المتوقع أن تستمر المحادثات ثلاثة أيام، يعقبها مؤتمر صحفي مشترك لإعلان النتائج.",
]
FOOTER_TEXT = ("هذا الموقع يستخدم ملفات تعريف الارتباط لتحسين تجربة التصفح وتقديم محتوى "
               "مخصص، ويمكنك تغيير الإعدادات في أي وقت من صفحة الخصوصية الخاصة بنا. ") * 6
NOTE = FOOTER_TEXT[:140]


def page(body: str, head: str = "", html_attrs: str = "") -> str:
    return (f"<html lang='ar' {html_attrs}><head><title>استئناف المحادثات | موقع</title>"
            f"{head}</head><body><nav><a href='/'>الرئيسية</a> <a href='/world/'>دولي</a></nav>"
            f"{body}</body></html>")


def body_of(html: str) -> list[str]:
    return extract_article(html, URL, fallback=False)["body"].split("\n")


def test_every_paragraph_in_its_own_wrapper_is_merged() -> None:
    # Broadcasters' layout: one wrapper per paragraph, a share bar and a byline between.
    blocks = "".join(f"<div class='text-block'><p>{p}</p></div>" for p in PARAS[:2]) + \
        "<div class='share-bar'><a href='#'>فيسبوك</a> <a href='#'>إكس</a></div>" + \
        "".join(f"<div class='text-block'><p>{p}</p></div>" for p in PARAS[2:])
    html = page(f"<h1>استئناف المحادثات في القاهرة</h1><div class='story'>{blocks}</div>")
    assert body_of(html) == PARAS


def test_footer_aside_and_navigation_never_win() -> None:
    # Each landmark holds more text than the article; none of it is the body.
    for landmark in ("footer", "aside", "nav", "div role='contentinfo'",
                     "div role='complementary'"):
        tag = landmark.split()[0]
        html = page("<h1>استئناف المحادثات</h1><div class='story'>"
                    + "".join(f"<p>{p}</p>" for p in PARAS) + "</div>"
                    f"<{landmark}><p>{FOOTER_TEXT}</p><p>{FOOTER_TEXT}</p></{tag}>")
        body = body_of(html)
        assert body == PARAS, landmark


def test_hidden_and_boilerplate_named_boxes_are_left_out() -> None:
    inner = (f"<p>{PARAS[0]}</p><div style='display:none'><p>{NOTE}</p></div>"
             f"<p>{PARAS[1]}</p><div class='newsletter-signup'><p>{NOTE}</p></div>"
             f"<p>{PARAS[2]}</p><div aria-hidden='true'><p>{NOTE}</p></div>"
             f"<p>{PARAS[3]}</p><div class='comments'><p>{NOTE}</p></div>")
    assert body_of(page(f"<h1>عنوان</h1><div class='story'>{inner}</div>")) == PARAS


def test_a_page_hidden_until_a_script_shows_it_is_read() -> None:
    # Some platforms serve the article in a box hidden until their script has run: it
    # holds most of the page's text, so it is the page, not a hidden widget.
    html = page("<h1>عنوان</h1><div id='content' style='visibility: hidden;'>"
                + "".join(f"<p>{p}</p>" for p in PARAS) + f"</div><div hidden><p>{NOTE}</p></div>")
    assert body_of(html) == PARAS


def test_a_boilerplate_class_on_a_wrapper_of_the_page_is_ignored() -> None:
    # 'html.dst-header', 'main.js-social-anchor': the class names furniture, the element
    # wraps everything.
    html = page("<main class='js-social-anchor'><h1>عنوان</h1><div class='story'>"
                + "".join(f"<p>{p}</p>" for p in PARAS) + "</div></main>",
                html_attrs="class='theme-x dst-header'")
    assert body_of(html) == PARAS


def test_heading_slug_ids_are_not_box_names() -> None:
    # Documentation pages give sections ids made from their headings.
    sections = "".join(f"<div class='section' id='sharing-with-a-single-developer-{i}'>"
                       f"<h2>قسم {i}</h2><p>{p}</p></div>" for i, p in enumerate(PARAS))
    body = body_of(page(f"<h1>عنوان</h1><div class='doc'>{sections}</div>"))
    assert all(p in body for p in PARAS)
    assert is_furniture(parse_html("<div id='comments'>x</div>").find(".//div"))
    assert not is_furniture(parse_html(
        "<div id='sharing-with-a-single-developer'>x</div>").find(".//div"))


def test_link_lists_inside_the_article_are_not_body_text() -> None:
    links = "<ul>" + "".join(f"<li><a href='/x{i}'>خبر آخر رقم {i} في القسم</a></li>"
                             for i in range(6)) + "</ul>"
    html = page(f"<h1>عنوان</h1><div class='story'><p>{PARAS[0]}</p>{links}"
                + "".join(f"<p>{p}</p>" for p in PARAS[1:]) + "</div>")
    assert body_of(html) == PARAS


def test_a_known_body_container_is_used_without_walking_the_page() -> None:
    paras = [p + " " + p for p in PARAS]
    teasers = "".join(f"<div class='card'><p>موجز خبر رقم {i} عن موضوع آخر تماما</p></div>"
                      for i in range(12))
    html = page("<article><h1>عنوان</h1><div class='entry-meta'>5 أبريل 2025</div>"
                "<div class='entry-content'>" + "".join(f"<p>{p}</p>" for p in paras) +
                f"</div></article><section class='more'>{teasers}</section>")
    doc = parse_html(html)
    found = known_body(doc)
    assert found is not None and found[0].get("class") == "entry-content"
    main = choose(doc)
    assert main.known and main.node.get("class") == "entry-content"
    assert body_of(html) == paras
    # When the container's paragraphs are not most of the page's, the page is walked.
    more = "<div class='other'>" + "".join(f"<p>{p}</p>" for p in paras[:2]) + "</div>"
    assert known_body(parse_html(html.replace("<section", more + "<section"))) is None


def test_walk_reads_lines_with_their_link_text() -> None:
    blocks = walk(parse_html("<div><p>نص <a href='/a'>رابط</a> آخر</p><br>ذيل</div>"))
    lines = [(text, links) for _owner, _chars, links, text in blocks.lines]
    assert lines == [("نص رابط آخر", 4), ("ذيل", 0)]


def test_a_long_comment_thread_is_never_the_body() -> None:
    # The thread holds more than half of the page's text, yet it is furniture: the box
    # is excused only when the article lies inside it.
    comments = "".join(f"<div class='comment'><p>{p} تعليق رقم {i}.</p></div>"
                       for i in range(12) for p in PARAS[:1])
    for wrapper in ("<div class='story'>", "<div class='story overflow-hidden'>"):
        html = page(f"<h1>عنوان</h1>{wrapper}" + "".join(f"<p>{p}</p>" for p in PARAS)
                    + f"</div><section id='comments-area'>{comments}</section>")
        assert body_of(html) == PARAS, wrapper


def test_utility_classes_do_not_hide_text() -> None:
    for cls in ("overflow-hidden px-5", "field--label-hidden", "hidden md:block",
                "d-none d-lg-block"):
        html = page(f"<h1>عنوان</h1><div class='{cls}'>" + "".join(f"<p>{p}</p>" for p in PARAS)
                    + "</div>")
        assert body_of(html) == PARAS, cls
    assert is_furniture(parse_html("<div class='x hidden'>x</div>").find(".//div"))


def test_prose_with_linked_names_is_kept_and_headline_lists_are_not() -> None:
    linked = ("والتقى <a href='/p/1'>وزير الصحة فهد الجلاجل</a> مع "
              "<a href='/p/2'>مدير منظمة الصحة العالمية تيدروس</a> في الرياض.")
    headlines = "".join(f"<p><a href='/x{i}'>عنوان خبر آخر رقم {i} في القسم</a> 5 أبريل</p>"
                        for i in range(3))
    html = page("<h1>عنوان</h1><div class='story'>" + "".join(f"<p>{p}</p>" for p in PARAS)
                + f"<p>{linked}</p>{headlines}</div>")
    body = body_of(html)
    assert body[-1].startswith("والتقى وزير الصحة") and not any("عنوان خبر" in b for b in body)


def test_misleading_box_names_on_the_article_itself() -> None:
    paras = "".join(f"<p>{p}</p>" for p in PARAS)
    # The article's wrapper says its comments are on; the article is still the body.
    html = page(f"<div id='article' class='comments-enabled'><h1>استئناف المحادثات في "
                f"القاهرة</h1>{paras}</div>"
                f"<div class='comments'><p>{NOTE}</p></div>")
    assert body_of(html) == PARAS
    # The text box beside the headline carries a utility name from the furniture list:
    # it holds most of what the page says, so it is the text.
    html = page(f"<div class='story-head'><h1>عنوان</h1><p>{PARAS[0]}</p></div>"
                f"<div class='embed-responsive share'>" + "".join(
                    f"<p>{p} {p}</p>" for p in PARAS[1:]) + "</div>")
    assert all(p in " ".join(body_of(html)) for p in PARAS)


def test_a_consent_dialog_longer_than_the_article_is_never_the_body() -> None:
    # The cookie dialog's legal text outweighs a short article and wraps what the walk
    # would choose; a consent box is never excused as a wrapper of the page.
    legal = "".join(f"<p>{FOOTER_TEXT}</p>" for _ in range(3))
    for box in ("div id='onetrust-consent-sdk'", "div class='cmpBox'",
                "section class='gdpr-banner'"):
        html = page(f"<h1>عنوان</h1><div class='story'><p>{PARAS[0]}</p><p>{PARAS[1]}</p>"
                    f"</div><{box}>{legal}</{box.split()[0]}>")
        assert body_of(html) == PARAS[:2], box
    # A dialog's role, modal flag or element says so whatever its class names, here
    # inside the element that holds the article.
    story = "".join(f"<p>{p}</p>" for p in PARAS)
    for box in ("div class='k9' role='alertdialog'", "div class='k9' aria-modal='true'",
                "dialog class='k9'"):
        html = page(f"<h1>عنوان</h1><div class='k1'>{story}<{box}><h2>الخصوصية</h2>"
                    f"<p>{NOTE}</p></{box.split()[0]}></div>")
        assert body_of(html) == PARAS, box
    # An article opened in a modal over a feed holds its headline: it is not a dialog box.
    cards = "".join(f"<div class='c'><a href='/n/{i}'>خبر {i}</a><p>{NOTE[:100]}</p></div>"
                    for i in range(12))
    html = page(f"<main class='k2'>{cards}</main><div class='k3' aria-modal='true'>"
                f"<div class='k4'><h1>عنوان</h1>{story}</div></div>")
    assert set(PARAS) <= set(body_of(html))
    # On the page's own elements such a name describes the page, not a dialog.
    html = page("<h1>عنوان</h1><div class='story'>" + "".join(f"<p>{p}</p>" for p in PARAS)
                + "</div>", html_attrs="class='cookie-consent-given'")
    assert body_of(html.replace("<body>", "<body class='cookies-accepted'>")) == PARAS


def test_caption_spans_and_camel_case_names_are_read() -> None:
    # Inline elements are not boxes, except when their name marks them as furniture.
    caption = "وزير الخارجية يصل إلى مقر المحادثات في القاهرة صباح السبت (صورة: أرشيف)"
    for figure in (f"<div class='photo'><span class='newsCaption'>{caption}</span></div>",
                   f"<div class='FeaturedImage'><span class='FeaturedImageCaption'>{caption}"
                   "</span></div>"):
        html = page(f"<h1>عنوان</h1><div class='story'><p>{PARAS[0]}</p>{figure}"
                    + "".join(f"<p>{p}</p>" for p in PARAS[1:]) + "</div>")
        assert body_of(html) == PARAS, figure
    # A span with a plain name stays part of its paragraph.
    html = page("<h1>عنوان</h1><div class='story'>" + "".join(
        f"<p><span class='lead'>{p}</span></p>" for p in PARAS) + "</div>")
    assert body_of(html) == PARAS


def test_box_names_glued_into_one_word_are_read() -> None:
    # WordPress' Jetpack prints 'jp-relatedposts'; other themes 'newsletterbox'. A word
    # that only contains a token by chance names no box ('subscriber-content' is the
    # paywalled article itself).
    teaser = ("استؤنفت المحادثات في جولة سابقة الشهر الماضي وسط توقعات بتقدم في الملفات "
              "العالقة، وفق ما نقلته مصادر مطلعة على سير المفاوضات.")
    for box in ("jp-relatedposts", "newsletterbox", "outbrainwidget"):
        html = page("<h1>عنوان</h1><div class='entry-content'>"
                    + "".join(f"<p>{p}</p>" for p in PARAS)
                    + f"<div class='{box}'><p>{teaser}</p><p>{teaser}</p></div></div>")
        assert body_of(html) == PARAS, box
    # Nor one that names a layout or the article: the review's cases.
    assert names_furniture["jp-relatedposts"] == SOFT
    assert names_furniture["field-name-body relatedposts"] == NONE  # a known container
    for name in ("subscriber-content", "article-stickers", "entry-content nosidebar",
                 "article-body advertorial", "content-area sidebarright",
                 "story-body trendingstory", "post unrelated", "relatedless",
                 "field-name-body relatedposts"):
        html = page(f"<h1>عنوان</h1><div class='{name}'>"
                    + "".join(f"<p>{p}</p>" for p in PARAS) + "</div>")
        assert body_of(html) == PARAS, name


def test_a_photo_carousel_inside_the_article_is_furniture() -> None:
    # A news agency's photo carousel: each slide a count and a long caption.
    caption = ("الوفود المشاركة في المحادثات تصل إلى مقر الاجتماع في القاهرة صباح السبت، "
               "وسط إجراءات أمنية مشددة حول المبنى (صورة: أرشيف)")
    slides = "".join(f"<div class='CarouselSlide'><div class='CarouselSlide-info'>"
                     f"<span>{n} من 6 |</span> {caption}</div></div>" for n in range(1, 7))
    html = page(f"<h1>عنوان</h1><div class='story'><div class='Carousel'>{slides}</div>"
                + "".join(f"<p>{p}</p>" for p in PARAS) + "</div>")
    assert body_of(html) == PARAS


def test_an_image_lightbox_inside_the_article_is_furniture() -> None:
    # The overlay that shows a photo enlarged prints its caption again (often twice: the
    # photo's own and the overlay's); neither is article text.
    caption = ("الوفود المشاركة في المحادثات تصل إلى مقر الاجتماع في القاهرة صباح السبت، "
               "وسط إجراءات أمنية مشددة حول المبنى")
    for box in ("lightbox", "lightbox-gallery__description", "c-lightbox__item"):
        html = page(f"<h1>عنوان</h1><div class='story'><p>{PARAS[0]}</p>"
                    f"<div class='{box}'><div>{caption}</div></div>"
                    + "".join(f"<p>{p}</p>" for p in PARAS[1:]) + "</div>")
        assert body_of(html) == PARAS, box


def test_byline_embed_and_video_player_boxes_inside_the_article_are_furniture() -> None:
    # A byline box (names, date, 'updated'), an embed's consent placeholder and a video
    # player's title and duration sit between paragraphs; none is article text.
    boxes = {"article-byline": "بقلم سارة أحمد ومحمد علي · نشر في 5 أبريل 2025 · آخر تحديث",
             "embed-wrapper": "محتوى مضمن من منصة خارجية يكمل المقال، اضغط لعرضه",
             "video-player__caption": "شاهد: الوفود تصل إلى القاهرة · المدة 1:30"}
    for name, text in boxes.items():
        html = page(f"<h1>عنوان</h1><div class='story'><p>{PARAS[0]}</p>"
                    f"<div class='{name}'><div>{text}</div></div>"
                    + "".join(f"<p>{p}</p>" for p in PARAS[1:]) + "</div>")
        assert body_of(html) == PARAS, name


def test_utility_classes_and_generated_ids_name_no_box() -> None:
    # Tailwind-style classes with a variant say how a paragraph looks, in print too
    # ('print:article-dropcap-print'); a generated id's camelCase is no word ('…AuAdJl…'
    # is not an ad). Both once marked article paragraphs as furniture.
    lead = PARAS[0]
    html = page("<h1>عنوان</h1><div class='story'>"
                f"<p class='my-6 print:article-dropcap-print'>{lead}</p>"
                f"<div id='block-id-n1AuAdJlVL'><p>{PARAS[1]}</p></div>"
                + "".join(f"<p>{p}</p>" for p in PARAS[2:]) + "</div>")
    assert body_of(html) == PARAS
    assert names_furniture["print:article-dropcap-print"] == NONE
    assert names_furniture["block-id-n1AuAdJlVL"] == NONE
    # Real camelCase names still read as words, numbered ones too; so do names beside a
    # utility class.
    for name in ("AdSlot", "outbrainWidget", "shareBar1", "md:hidden share-bar"):
        assert names_furniture[name] == SOFT, name
    # A CSS module's hash after '__' is no word either ('XudAd' holds no ad).
    assert names_furniture["ArticleBody_content__XudAd"] == NONE


def test_a_wordpress_posts_tag_and_category_classes_name_no_box() -> None:
    # post_class() prints the post's tags and categories on its box: a post tagged
    # 'Meta' or filed under 'Breaking news' is an article, whatever its topics are named;
    # on any other element the same words still name a box.
    post = "post-4521 post type-post status-publish hentry category-breaking tag-share"
    assert names_furniture[post] == NONE
    assert names_furniture["category-breaking"] == SOFT
    comments = "".join(f"<li class='comment'><p>{p}</p></li>" for p in PARAS * 3)
    html = page(f"<h1>عنوان</h1><article class='{post}'>"
                + "".join(f"<p>{p}</p>" for p in PARAS)
                + f"</article><ol class='comment-list'>{comments}</ol>")
    assert body_of(html) == PARAS


def test_a_subhead_that_anchors_its_own_section_is_kept() -> None:
    # Jump labels and section anchors ('<h3><a name=…>', '<h2><a href="#sec-2">') made
    # a subhead all link text, dropped as navigation; a heading linking to another page
    # is still a link line (a teaser's headline).
    subs = ["الوسطاء يقدمون مقترحا جديدا", "المرحلة الأولى بعد التوقيع"]
    for anchor_ in ("<a name='s{i}'>{t}</a>", "<a href='#s{i}'>{t}</a>"):
        heads = [f"<h3>{anchor_.format(i=i, t=t)}</h3>" for i, t in enumerate(subs)]
        html = page(f"<h1>عنوان</h1><div class='story'><p>{PARAS[0]}</p>{heads[0]}"
                    f"<p>{PARAS[1]}</p>{heads[1]}"
                    + "".join(f"<p>{p}</p>" for p in PARAS[2:]) + "</div>")
        assert body_of(html) == [PARAS[0], subs[0], PARAS[1], subs[1], *PARAS[2:]], anchor_
    # Headings linking elsewhere stay link lines: another page, a script router's path
    # after '#', an <a> that is a script's button (no href, no name).
    for link in ("href='https://x.example/other-story'", "href='#/news/123'",
                 "href='#!/story/7'", "onclick='go(7)'"):
        teasers = "".join(f"<h3><a {link}>خبر آخر رقم {i} عن موضوع مختلف تماما</a></h3>"
                          for i in range(4))
        html = page("<h1>عنوان</h1><div class='story'>"
                    + "".join(f"<p>{p}</p>" for p in PARAS) + f"{teasers}</div>")
        assert body_of(html) == PARAS, link


def test_a_body_split_into_two_known_containers_keeps_both() -> None:
    # 'div.story-body-1' above a photo and 'div.story-body-2' below it, each inside its
    # own wrapper: the narrowing to the known container takes both parts.
    first = "".join(f"<p>{p}</p>" for p in PARAS[:2])
    second = "".join(f"<p>{p} {p}</p>" for p in PARAS[2:] * 3)
    html = page(f"<article><h1>عنوان</h1><div class='wrap'><div class='story-body "
                f"story-body-1'>{first}</div></div><figure><img src='a.jpg'></figure>"
                f"<div class='wrap'><div class='story-body story-body-2'>{second}</div>"
                "</div></article>")
    body = body_of(html)
    assert body[:2] == PARAS[:2] and len(body) == 2 + len(PARAS[2:]) * 3


def test_the_rest_of_the_article_behind_a_read_more_heading_is_kept() -> None:
    # A 'Read more' expander holds the article's continuation as prose: not a related box.
    paras = [p + " " + p for p in PARAS]
    rest = "".join(f"<p>{p}</p>" for p in paras[1:])
    html = page(f"<h1>عنوان</h1><div class='story'><p>{paras[0]}</p>"
                f"<div><h4>اقرأ المزيد</h4>{rest}</div></div>")
    assert body_of(html) == paras
    # The same heading over linked headlines is a related box: its links go to `related`.
    links = "".join(f"<li><a href='/n/{i}'>عنوان خبر آخر رقم {i} في القسم نفسه</a></li>"
                    for i in range(6))
    html = page(f"<h1>عنوان</h1><div class='story'>{rest}"
                f"<div><h4>اقرأ المزيد</h4><ul>{links}</ul></div></div>")
    article = extract_article(html, URL, fallback=False)
    assert article["body"].split("\n") == paras[1:] and len(article["related"]) == 6
