"""The command line: demo, extract, parse-date, errors a user can act on."""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FAST, assert_valid, newscrawl_command, seed_page

from newscrawl.demosite.server import bundled_site


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_demo_runs_offline_and_writes_records(run_newscrawl, tmp_path: Path) -> None:
    run = run_newscrawl("demo", "-s", "NEWSCRAWL_PROGRESS_INTERVAL=0")
    assert run.code == 0, run.stderr
    files = list((tmp_path / "out" / "demo").glob("*.jsonl"))
    assert len(files) == 1
    # >= 30 Arabic articles, each once.
    assert len(run.records) >= 30
    assert len({r["canonical_url"] for r in run.records}) == len(run.records)
    assert all(r["language"] == "ar" for r in run.records)
    # The seed pages are part of the demo site.
    assert any(r["url"].endswith("/1203456/") for r in run.records)
    assert any("/a/1020199/" in r["url"] for r in run.records)
    assert_valid(run.records)
    for heading in ("pages fetched", "records written", "skipped", "elapsed"):
        assert heading in run.stdout
    # A second demo replaces the first instead of appending to it.
    again = run_newscrawl("demo", "-s", "NEWSCRAWL_PROGRESS_INTERVAL=0")
    assert len(again.records) == len(run.records)


def test_unreachable_target_is_one_line_and_non_zero(run_newscrawl, tmp_path: Path) -> None:
    log = tmp_path / "crawl.log"
    run = run_newscrawl("crawl", f"http://127.0.0.1:{_free_port()}/", *FAST,
                        "--log-file", str(log))  # retries as by default
    assert run.code == 1
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr  # the one line, nothing else on the terminal
    assert lines[0].startswith("newscrawl: error:") and "connection refused" in lines[0]
    assert run.stdout == "" and run.records == []
    assert "Gave up retrying" in log.read_text()  # the details are in the log file


@pytest.mark.parametrize(("setting", "message"), [
    ("DOWNLOAD_TIMEOUT=abc", "DOWNLOAD_TIMEOUT expects a number, got 'abc'"),
    ("NEWSCRAWL_MAX_LISTING_PAGES=abc", "NEWSCRAWL_MAX_LISTING_PAGES expects a whole number"),
    ("CONCURRENT_REQUESTS_PER_DOMAIN=-3", "CONCURRENT_REQUESTS_PER_DOMAIN expects 1 or more"),
    ("NEWSCRAWL_TIMEZONE=Mars/Olympus", "NEWSCRAWL_TIMEZONE expects an IANA time zone"),
    ("NEWSCRAWL_ARCHIVE=maybe", "NEWSCRAWL_ARCHIVE expects True or False"),
    ("NEWSCRAWL_MAX_ARTICLE=5", "did you mean NEWSCRAWL_MAX_ARTICLES?"),
])
def test_bad_settings_are_refused_before_the_crawl(tmp_path: Path, setting: str,
                                                    message: str) -> None:
    proc = subprocess.run([*newscrawl_command(), "crawl", "http://127.0.0.1:9/", "-s", setting],
                          capture_output=True, text=True, timeout=30, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"newscrawl: error: {message}"] or \
        (len(proc.stderr.strip().splitlines()) == 1 and message in proc.stderr), proc.stderr
    assert not (tmp_path / "output").exists()  # nothing started


def test_a_non_numeric_max_articles_is_a_usage_error(tmp_path: Path) -> None:
    proc = subprocess.run([*newscrawl_command(), "crawl", "http://127.0.0.1:9/",
                           "--max-articles", "five"], capture_output=True, text=True,
                          timeout=30, cwd=tmp_path)
    assert proc.returncode == 2 and "expects a whole number, got 'five'" in proc.stderr


def test_ctrl_c_prints_the_summary_and_exits_130(make_site, tmp_path: Path) -> None:
    site = make_site()
    out = tmp_path / "out"
    proc = subprocess.Popen([*newscrawl_command(), "crawl", site.base, "-o", str(out),
                             "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0.3",
                             "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1",
                             "-s", "NEWSCRAWL_PROGRESS_INTERVAL=0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=tmp_path)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(
            p.stat().st_size for p in out.rglob("*.jsonl")):
        time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "records written" in stdout  # the summary
    assert "newscrawl: interrupted" in stderr and "ended with shutdown" not in stderr


def test_bad_arguments_exit_2(run_newscrawl) -> None:
    assert run_newscrawl("crawl", "not a url").code == 2
    assert run_newscrawl("crawl", "https://x.example", "--max-articles", "-1").code == 2
    assert run_newscrawl("crawl", "https://x.example", "--since", "yesterday").code == 2
    assert run_newscrawl("crawl", "https://x.example", "-s", "NOEQUALS").code == 2


def test_extract_prints_the_record(tmp_path: Path) -> None:
    page, url, expected = seed_page("almnatiq_article")
    file = tmp_path / "page.html"
    file.write_bytes(page)
    proc = subprocess.run([*newscrawl_command(), "extract", str(file), "--url", url,
                           "--compact"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert record["title"] == expected["title"]
    assert "\\u06" not in proc.stdout
    assert_valid([record])


def test_extract_with_profile_and_missing_file(tmp_path: Path) -> None:
    page, url, expected = seed_page("arabkhabar_article")
    file = tmp_path / "page.html"
    file.write_bytes(page)
    proc = subprocess.run([*newscrawl_command(), "extract", str(file), "--url", url,
                           "--profile", "arabkhabar"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["body"].split("\n") == expected["body_paragraphs"]
    missing = subprocess.run([*newscrawl_command(), "extract", str(tmp_path / "nope.html"),
                              "--url", url], capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_parse_date_command() -> None:
    proc = subprocess.run([*newscrawl_command(), "parse-date", "5 أبريل 2025 - 10:14 صباحًا",
                           "--tz", "Asia/Riyadh"], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "2025-04-05T10:14:00+03:00"
    proc = subprocess.run([*newscrawl_command(), "parse-date", "قرار رقم 123/2023"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and proc.stdout.strip() == "None"
    assert "no sure date" in proc.stderr and "Traceback" not in proc.stderr
    proc = subprocess.run([*newscrawl_command(), "parse-date", "منذ ساعتين", "--now",
                           "2025-04-21T12:00:00+03:00"], capture_output=True, text=True,
                          timeout=60)
    assert proc.stdout.strip() == "2025-04-21T10:00:00+03:00"
    proc = subprocess.run([*newscrawl_command(), "parse-date", "11 فبراير 1987",
                           "--min-year", "1900"], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "1987-02-11"


def test_scrapy_list_shows_generic_spider_and_profiles() -> None:
    scrapy = Path(sys.executable).parent / "scrapy"
    proc = subprocess.run([str(scrapy), "list"], capture_output=True, text=True, timeout=60,
                          cwd=Path(__file__).parent.parent)
    assert proc.returncode == 0, proc.stderr
    assert set(proc.stdout.split()) >= {"news", "arabkhabar", "almnatiq"}


def test_profile_name_and_site_url_resolve_to_the_profile() -> None:
    from newscrawl.cli import resolve_target
    from newscrawl.spiders.arabkhabar import ArabKhabarSpider
    from newscrawl.spiders.news import NewsSpider

    assert resolve_target("arabkhabar") == (ArabKhabarSpider, None)
    assert resolve_target("https://www.arabkhabar.com/") == (ArabKhabarSpider,
                                                             "https://www.arabkhabar.com/")
    assert resolve_target("example.org") == (NewsSpider, "https://example.org")
    # www. and the bare domain are one site: neither is off-site for the other.
    assert NewsSpider(url="https://www.almnatiq.net/").allowed_domains == ["almnatiq.net"]


def test_bundled_site_is_package_data() -> None:
    pages = list(bundled_site().rglob("index.html"))
    assert len(pages) >= 40
    assert (bundled_site() / "robots.txt").read_text().count("Sitemap:") == 1


def test_clean_text_file_and_jsonl_dump(tmp_path: Path) -> None:
    from conftest import FIXTURES

    seed = (FIXTURES / "seed" / "seed.txt").read_text("utf-8")
    expected = json.loads((FIXTURES / "seed" / "seed.expected.json").read_text("utf-8"))
    proc = subprocess.run([*newscrawl_command(), "clean", str(FIXTURES / "seed" / "seed.txt")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["body"].split("\n") == expected["body_paragraphs"]

    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"id": 1, "text": seed}, ensure_ascii=False) + "\n{broken\n"
                    + json.dumps({"id": 3}) + "\n", encoding="utf-8")
    out = tmp_path / "clean.jsonl"
    proc = subprocess.run([*newscrawl_command(), "clean", str(dump), "--field", "text", "-o",
                           str(out)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(rows) == 1 and rows[0]["id"] == 1
    assert rows[0]["text"].split("\n") == expected["body_paragraphs"]
    assert rows[0]["title"] == expected["title"] and rows[0]["source"] == "الأسبوع"
    assert "skipped line 2" in proc.stderr and "skipped line 3" in proc.stderr
    assert "cleaned 1 records, skipped 2" in proc.stderr


def _clean(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*newscrawl_command(), "clean", *args], capture_output=True,
                          text=True, timeout=60)


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is empty"),
    (b"  \n\n ", "is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "is binary data"),
    (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" * 50, "is binary data"),
])
def test_clean_refuses_empty_and_binary_files(tmp_path: Path, content: bytes,
                                              message: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    proc = _clean(str(path))
    assert proc.returncode == 1 and message in proc.stderr and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_clean_finds_the_text_field_of_a_dump_or_says_which_it_needs(tmp_path: Path) -> None:
    from conftest import FIXTURES

    seed = (FIXTURES / "seed" / "seed.txt").read_text("utf-8")
    expected = json.loads((FIXTURES / "seed" / "seed.expected.json").read_text("utf-8"))
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"id": 1, "content": seed}, ensure_ascii=False) + "\n"
                    + json.dumps({"id": 2, "content": 5}) + "\n", encoding="utf-8")
    proc = _clean(str(dump))
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["id"] for r in rows] == [1]
    assert rows[0]["content"].split("\n") == expected["body_paragraphs"]
    assert "skipped line 2" in proc.stderr and "cleaned 1 records, skipped 1" in proc.stderr

    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"id": 1, "html": "<p>x</p>", "words": seed}) + "\n",
                     encoding="utf-8")
    proc = _clean(str(other))
    assert proc.returncode == 2 and "--field" in proc.stderr and "words" in proc.stderr
    assert proc.stdout == ""
    proc = _clean(str(other), "--field", "words")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["words"].split("\n") == expected["body_paragraphs"]


def test_clean_dump_with_nothing_cleanable_fails(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_text("{broken\n" + json.dumps({"text": 5}) + "\n", encoding="utf-8")
    proc = _clean(str(dump), "--field", "text")
    assert proc.returncode == 1 and "cleaned 0 records, skipped 2" in proc.stderr


def test_clean_explain_prints_each_cut_line_with_its_kind() -> None:
    from conftest import FIXTURES

    proc = _clean(str(FIXTURES / "seed" / "seed.txt"), "--explain")
    assert proc.returncode == 0, proc.stderr
    cuts = [line.split(None, 2) for line in proc.stdout.splitlines() if line.startswith("cut")]
    kinds = {text: kind for _, kind, text in cuts}
    assert kinds["المصدر: الأسبوع"] == "source"
    assert kinds["تاريخ النشر: 19th, September 2023 GMT"] == "stamp"
    assert any(kind == "other_article" for kind in kinds.values())
    assert proc.stdout.splitlines()[-1].startswith("kept 5 paragraphs")


def test_clean_skips_a_dump_line_longer_than_a_page(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from newscrawl import cleancmd

    monkeypatch.setattr(cleancmd, "MAX_PAGE_BYTES", 1000)
    dump = tmp_path / "dump.jsonl"
    long = json.dumps({"text": "نص " * 2000})
    short = json.dumps({"text": "عنوان الخبر هنا\n" + "جملة طويلة من نص الخبر، " * 8},
                       ensure_ascii=False)
    dump.write_text(f"{long}\n{short}\n", encoding="utf-8")
    args = argparse.Namespace(file=str(dump), field=None, output=None, tz=None, explain=False)
    assert cleancmd.run_clean(args) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 1 and "skipped line 1: longer than one page" in err


@pytest.mark.parametrize(("args", "code", "message"), [
    (["crawl", "http://127.0.0.1:99999/"], 2, "not a valid URL"),
    (["parse-date", "5 أبريل 2025", "--now", "garbage"], 2, "--now expects ISO 8601"),
    (["parse-date", "5 أبريل 2025 10:00", "--tz", "Nope/Zone"], 2, "unknown time zone"),
    (["crawl", "http://127.0.0.1:9/", "--redis", "notaurl"], 2, "not a Redis URL"),
    (["crawl", "http://127.0.0.1:9/", "--redis", "redis://127.0.0.1:9/0"], 1,
     "Redis at redis://127.0.0.1:9/0 is unreachable"),
])
def test_usage_and_setup_errors_are_one_line(tmp_path: Path, args: list[str], code: int,
                                             message: str) -> None:
    proc = subprocess.run([*newscrawl_command(), *args], capture_output=True, text=True,
                          timeout=60, cwd=tmp_path)
    assert proc.returncode == code, proc.stderr
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_output_folder_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("x", "utf-8")
    proc = subprocess.run([*newscrawl_command(), "crawl", "http://127.0.0.1:9/", "-o",
                           str(tmp_path / "page.html")], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 2 and "cannot use" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_extract_refuses_a_folder_and_a_bad_url(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>x</p></body></html>", "utf-8")
    for args, message in (([str(tmp_path), "--url", "http://x.example/a"], "is a directory"),
                          ([str(page), "--url", "not-a-url"], "--url expects")):
        proc = subprocess.run([*newscrawl_command(), "extract", *args], capture_output=True,
                              text=True, timeout=60)
        assert proc.returncode == 2 and message in proc.stderr and proc.stdout == ""


def test_demo_serve_prints_its_url_and_serves_the_site(tmp_path: Path) -> None:
    port = _free_port()
    proc = subprocess.Popen([*newscrawl_command(), "demo", "--serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=tmp_path)
    try:
        line = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line
        import urllib.request

        with urllib.request.urlopen(f"http://127.0.0.1:{port}/sitemap.xml", timeout=10) as r:
            body = r.read()
        assert b"<urlset" in body or b"<sitemapindex" in body
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=20)
    assert proc.returncode == 0


def test_progress_lines_name_the_site(make_site, run_newscrawl) -> None:
    site = make_site()
    run = run_newscrawl("crawl", site.base, *FAST[:-2], "-s", "NEWSCRAWL_PROGRESS_INTERVAL=0.2",
                        "-s", "DOWNLOAD_DELAY=0.05")
    progress = [line for line in (run.stdout + run.stderr).splitlines()
                if line.startswith("[")]
    key = site.base.split("//")[1].rstrip("/")
    assert progress and all(line.startswith(f"[{key}] ") for line in progress), run.stdout


def test_the_demo_site_has_no_dead_links() -> None:
    from newscrawl.demosite.server import PLACEHOLDER, _file_for, bundled_site

    root = bundled_site()
    dead = set()
    for page in root.rglob("*.html"):
        text = page.read_text("utf-8", errors="replace")
        for link in re.findall(r'(?:href|src)="([^"#?]+)', text):
            path = link.removeprefix(PLACEHOLDER)
            if path.startswith("/") and not path.startswith("//") \
                    and _file_for(root, path) is None:
                dead.add(path)
    # The one deleted story is on purpose: the crawl must count its 404.
    assert dead <= {"/economy/2025/04/02/deleted-story/"}, sorted(dead)[:20]


def test_reextract_of_a_binary_file_is_an_error_without_its_bytes(tmp_path: Path) -> None:
    junk = tmp_path / "junk.warc.gz"
    junk.write_bytes(Path(sys.executable).resolve().read_bytes()[:2000])  # an ELF head
    proc = subprocess.run([*newscrawl_command(), "reextract", str(junk), "-o",
                           str(tmp_path / "out")], capture_output=True, timeout=120)
    assert proc.returncode == 1
    shown = (proc.stdout + proc.stderr).decode("utf-8")  # raises on raw binary bytes
    assert all(c == "\n" or c.isprintable() for c in shown), "binary on screen"
    assert b"no readable response records" in proc.stderr
