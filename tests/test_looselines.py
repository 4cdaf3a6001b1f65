"""Loose lines: short text outside the paragraphs of a body written in paragraphs."""

from __future__ import annotations

from conftest import TALKS_PARAS
from test_extraction import PERSIAN_PAGE, PERSIAN_PARAGRAPHS

from newscrawl.body import agreement, words
from newscrawl.extraction import extract_raw
from newscrawl.textnorm import restore_joiners

URL = "https://x.example/world/2025/04/05/talks-resume-in-cairo/"
PARAS = TALKS_PARAS
# Template furniture in boxes whose class names say nothing (a site the vocabulary does
# not know): a photo caption with its credit, an audio player, and a header box with a
# byline, a time stamp and a follow prompt.
CAPTION = ("<div class='q7'><img src='/a.jpg' alt=''><span class='z1'>الوفود المشاركة "
           "قبيل بدء الجلسة الأولى في القاهرة (رويترز)</span></div>")
PLAYER = ("<div class='q8'><audio src='/a.mp3'></audio><span>00:00</span> <span>استمع إلى "
          "المقال</span></div>")
BYLINE = ("<div class='q0'><div class='q9'>أحمد علي - القاهرة</div><div class='q6'>منذ "
          "ساعتين</div><div class='q5'>تابعنا على فيسبوك</div></div>")


def page(body: str, header: str = "") -> str:
    return ("<html lang='ar'><head><title>المحادثات</title></head><body><div class='w0'>"
            f"<h1>استئناف المحادثات في القاهرة</h1>{header}<div class='w1'>{body}</div>"
            "</div></body></html>")


def body_of(html: str) -> list[str]:
    article, _ = extract_raw(html, URL, fallback=False)
    return article.body.split("\n")


def test_furniture_between_paragraphs_leaves_the_body() -> None:
    html = page(f"<p>{PARAS[0]}</p>{CAPTION}<p>{PARAS[1]}</p>{PLAYER}<p>{PARAS[2]}</p>",
                header=BYLINE)
    assert body_of(html) == PARAS


def test_prose_outside_paragraphs_stays() -> None:
    standfirst = ("جولة جديدة من المحادثات في القاهرة بعد توقف دام شهرين، والوسطاء يقدمون "
                  "مقترحًا معدلًا.")
    long_line = " ".join([PARAS[1]] * 3)  # a paragraph set in a <div> is long
    cells = ("<table><tr><td><div>المرحلة الأولى</div></td>"
             "<td><div>فور التوقيع</div></td></tr></table>")
    between = "وختم المصدر حديثه بالتأكيد على أهمية الجولة المقبلة."
    html = page(f"<div class='s1'>{standfirst}</div><p>{PARAS[0]}</p>{between}"
                f"<div class='d2'>{long_line}</div><p>{PARAS[1]}</p>{cells}"
                f"<p>{PARAS[2]}</p>")
    assert body_of(html) == [standfirst, PARAS[0], between, long_line, PARAS[1],
                             "المرحلة الأولى", "فور التوقيع", PARAS[2]]


def test_editors_boxes_among_the_paragraphs_stay() -> None:
    # A pasted paragraph in a <div>, an interview question in bold, a poem's lines and
    # match results in nested <div>s, a question in <summary>: among the paragraphs and
    # holding no image or player, they are the article's.
    poem = ["إذا الشعب يوما أراد الحياة", "فلا بد أن يستجيب القدر"]
    results = ["الأهلي 2 - 1 الزمالك", "بيراميدز 3 - 1 سموحة"]
    html = page(f"<p>{PARAS[0]}</p><div class='x2'>وأكد المتحدث أن الجولة ستستمر.</div>"
                "<div class='x3'><strong>ما الذي تغير في المقترح؟</strong></div>"
                f"<p>{PARAS[1]}</p><div class='x4'>" + "".join(f"<div>{line}</div>" for line
                                                              in poem + results)
                + "</div><details><summary>متى تبدأ المرحلة الأولى؟</summary>"
                f"<p>{PARAS[2]}</p></details>")
    assert body_of(html) == [PARAS[0], "وأكد المتحدث أن الجولة ستستمر.",
                             "ما الذي تغير في المقترح؟", PARAS[1], *poem, *results,
                             "متى تبدأ المرحلة الأولى؟", PARAS[2]]


def test_a_long_quote_does_not_make_a_body_of_divs_one_of_paragraphs() -> None:
    statement = " ".join(PARAS * 2)
    divs = ["وجاء في نص البيان الصادر عن الوسطاء:", "وأكد المتحدث أن الجولة ستستمر.",
            "وختم المصدر حديثه بالتأكيد على أهمية الجولة المقبلة."]
    html = page(f"<div>{divs[0]}</div><blockquote>{statement}</blockquote>"
                f"<div>{divs[1]}</div><div>{divs[2]}</div>")
    assert body_of(html) == [divs[0], statement, *divs[1:]]


def test_a_body_written_in_divs_keeps_its_divs() -> None:
    # Fewer than half of the characters in <p>: the divs are the paragraphs.
    html = page(f"<div>{PARAS[0]}</div><div>{PARAS[1]}</div><p>{PARAS[2]}</p>"
                "<div>وختم المصدر حديثه بالتأكيد على أهمية الجولة المقبلة.</div>")
    assert body_of(html)[:3] == PARAS


def test_joiners_dropped_by_an_engine_are_put_back() -> None:
    source = "در اختیار مراجعه\u200cکنندگان قرار می\u200cدهد."
    assert restore_joiners(["مراجعهکنندگان قرار میدهد و قرار"], source) == [
        "مراجعه\u200cکنندگان قرار می\u200cدهد و قرار"]
    assert restore_joiners(["no joiners"], "none here") == ["no joiners"]
    # A stray joiner in a menu link does not spread into the body's spelling of the word,
    # which the page also prints without it.
    menu = "الوزا‌رة تنفي. " + "قالت الوزارة إن"
    assert restore_joiners(["قالت الوزارة إن"], menu) == ["قالت الوزارة إن"]
    # Two spellings with joiners: neither is chosen.
    assert restore_joiners(["علیرضا"], "علی‌رضا و عل‌یرضا") == ["علیرضا"]
    # Two engines' bodies that differ only in joiners read as the same words.
    assert agreement(words(source), words(source.replace("\u200c", ""))) == 1.0


def test_trafilatura_body_keeps_persian_spelling() -> None:
    p1, p2, p3 = PERSIAN_PARAGRAPHS
    article, _ = extract_raw(PERSIAN_PAGE.format(p1=p1, p2=p2, p3=p3),
                             "https://news.example.ir/fa/news/8456213/x", engine="trafilatura")
    assert article.extraction["engine"] == "trafilatura"
    assert p2 in article.body.split("\n")
