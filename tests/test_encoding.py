"""Charsets, BOMs, legacy Arabic codepages and double-encoded UTF-8."""

from __future__ import annotations

import codecs

import pytest

from newscrawl.encoding import decode_html, repair_mojibake, sniff_charset
from newscrawl.extraction import extract_article

TEXT = "صرّحت المتحدثة الرسمية باسم الخارجية، اليوم الثلاثاء، أن «الحوار» مستمر."
TITLE = "الخارجية تؤكد استمرار الحوار مع الأطراف كافة"


def html(meta: str = "") -> str:
    return (f"<html><head>{meta}<title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
            f"<div class='article-body'><p>{TEXT}</p><p>{TEXT} ثانيا</p><p>{TEXT} ثالثا</p>"
            f"<p>{TEXT} رابعا</p></div></body></html>")


def check(page: bytes, header: str | None = None) -> None:
    record = extract_article(page, "https://x.example/2025/04/05/talks/") if header is None \
        else _with_header(page, header)
    assert record["title"] == TITLE
    assert record["body"].split("\n")[0] == TEXT
    assert "\ufffd" not in record["body"] + record["title"]


def _with_header(page: bytes, header: str) -> dict:
    from newscrawl.extraction import build_record, extract_raw

    article, _ = extract_raw(page, "https://x.example/2025/04/05/talks/", charset=header)
    article.fetched_at = "2025-04-05T00:00:00+00:00"
    return build_record(article)


@pytest.mark.parametrize("meta", ["<meta charset='windows-1256'>",
                                  '<meta http-equiv="Content-Type" '
                                  'content="text/html; charset=windows-1256">', ""])
def test_windows_1256(meta: str) -> None:
    check(html(meta).encode("cp1256"))


def test_iso_8859_6_from_http_header_and_meta() -> None:
    text = html("<meta charset='iso-8859-6'>").replace("«", '"').replace("»", '"') \
        .replace("ّ", "")
    page = text.encode("iso8859_6")
    assert decode_html(page) == text
    assert sniff_charset(page, "ISO-8859-6") == "iso8859-6"


def test_boms_and_utf16() -> None:
    check(codecs.BOM_UTF8 + html().encode("utf-8"))
    check(codecs.BOM_UTF16_LE + html().encode("utf-16-le"))
    check(html().encode("utf-16-le"), header="utf-16-le")  # no BOM, charset from HTTP


def test_meta_charset_after_a_big_style_block() -> None:
    page = html("<style>" + "body{color:red}" * 500 + "</style><meta charset='windows-1256'>")
    check(page.encode("cp1256"))


def test_http_header_charset_wins_over_meta() -> None:
    check(html("<meta charset='utf-8'>").encode("cp1256"), header="windows-1256")


@pytest.mark.parametrize("codec", ["cp1256", "latin-1", "cp1252"])
@pytest.mark.parametrize("drop_soft_hyphen", [False, True])
def test_double_encoded_utf8_is_repaired(codec: str, drop_soft_hyphen: bool) -> None:
    raw = TEXT.encode("utf-8")
    shown = "".join(bytes([b]).decode(codec, "ignore") or bytes([b]).decode("latin-1")
                    for b in raw) if codec == "cp1252" else raw.decode(codec)
    if drop_soft_hyphen:  # the CMS dropped U+00AD, the second byte of ح (D8 AD)
        shown = shown.replace("\u00ad", "")
    assert "ح" in TEXT and repair_mojibake(shown) == TEXT
    page = html().replace(TEXT, shown).encode("utf-8")
    check(page)


def test_cp1256_bytes_inside_a_utf8_page_are_not_replacement_characters() -> None:
    page = html().encode("utf-8").replace(b"</body>", "<p>كلمة</p></body>".encode("cp1256"))
    text = decode_html(page)
    assert "\ufffd" not in text and "كلمة" in text


def test_real_arabic_next_to_mojibake_is_left_alone() -> None:
    # Real words with ط/ظ before a byte-like character (، is 0xA1 in cp1256), on a page
    # that does contain mojibake, so the repair really runs.
    real = "ضغط، حفظ، ربط، ظروف صعبة، الخطط، خطط طويلة «المدى»"
    broken = "العاصمة".encode().decode("cp1256")
    assert repair_mojibake(f"{broken} {real}") == f"العاصمة {real}"
    assert repair_mojibake(real) == real


def test_zero_width_and_bidi_marks_are_stripped_from_fields() -> None:
    marked = html().replace(TITLE, f"\u200f{TITLE}\u200b").replace(TEXT, f"\u202b{TEXT}\u202c")
    check(marked.encode("utf-8"))


def test_joiners_inside_words_are_spelling_and_stay() -> None:
    from newscrawl.textnorm import normalize_arabic, tidy

    # Persian writes a zero-width non-joiner inside words; an emoji family uses joiners.
    for word in ("می\u200cشود", "برچسب\u200cها", "\U0001F468\u200d\U0001F469\u200d\U0001F467"):
        assert tidy(f" {word} ") == word
    # Loose ones (at a word's edge, alone) are dropped; matching keys drop them all.
    assert tidy("\u200cخبر\u200c \u200c جدید") == "خبر جدید"
    assert normalize_arabic("برچسب\u200cها") == normalize_arabic("برچسبها")


def test_utf8_page_labeled_as_a_western_charset_is_read_as_utf8() -> None:
    page = "<html><body><p>القمة العربية في بغداد</p></body></html>".encode()
    for label in ("iso-8859-1", "windows-1252", "us-ascii"):
        assert "القمة العربية" in decode_html(page, label), label
    # A real Latin-1 page (not valid UTF-8) keeps its label.
    assert decode_html("<p>café déjà</p>".encode("latin-1"), "iso-8859-1") == "<p>café déjà</p>"


def test_html_is_recognised_whatever_the_content_type_said() -> None:
    from newscrawl.encoding import looks_like_html

    for body in (b"<!DOCTYPE html><html>", b"\n  <html lang='ar'>", b"<!-- cms -->\n<html>",
                 b"\xef\xbb\xbf<!doctype html>", b'<?xml version="1.0"?>\n<html xmlns="x">'):
        assert looks_like_html(body), body
    for body in (b"plain text, then <html>", b"\xff\xd8\xff\xe0JFIF", b"<rss><channel>"):
        assert not looks_like_html(body), body
