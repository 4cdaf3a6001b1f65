"""Each article stored once across runs: keys, seen store, near duplicates, crash safety."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import FAST, assert_valid, newscrawl_command, read_records, site_dir

from newscrawl.dedup import content_hash, minhash, similarity
from newscrawl.demosite.build import SiteOptions
from newscrawl.store import RunLock, SqliteSeenStore, reconcile
from newscrawl.urls import url_key

STORY = ("قال وزير الصحة إن المستشفى الجديد في العاصمة يضم خمسمائة سرير ويخدم أكثر من مليون "
         "مواطن في المنطقة المحيطة، مضيفا أن الحكومة تعتزم افتتاح ثلاثة مستشفيات أخرى خلال "
         "العام المقبل في المحافظات الجنوبية ضمن خطة لتطوير الخدمات الصحية وتقليل قوائم "
         "الانتظار التي تجاوزت ستة أشهر في بعض التخصصات الدقيقة مثل جراحة القلب والأعصاب.\n"
         "وأوضح الوزير خلال جولة تفقدية أن المستشفى مجهز بأحدث الأجهزة الطبية وأن الكوادر "
         "الطبية تلقت تدريبا مكثفا في مراكز دولية قبل الافتتاح الرسمي الذي حضره عدد من "
         "المسؤولين وممثلي المنظمات الصحية الإقليمية والدولية.")
OTHER = ("أعلنت وزارة التعليم بدء العام الدراسي الجديد في المدارس الحكومية والخاصة الأسبوع "
         "المقبل، وقالت إن الكتب المدرسية وزعت على جميع المديريات وإن خطة النقل المدرسي "
         "اكتملت في المحافظات كافة بعد تعاقد الوزارة مع شركات جديدة لتوفير الحافلات.")


def test_url_key_folds_every_dress_of_one_article() -> None:
    key = url_key("https://example.com/news/1")
    for dress in ("http://www.Example.com/news/1/?utm_source=fb&fbclid=x#top",
                  "https://m.example.com/news/1", "https://amp.example.com/news/1/amp/",
                  "https://example.com/news/1?amp=1", "https://example.com/news/1.amp"):
        assert url_key(dress) == key, dress
    assert url_key("https://example.com/news/1?id=2") != key
    assert url_key("https://example.com/الخبر") == url_key(
        "https://example.com/%D8%A7%D9%84%D8%AE%D8%A8%D8%B1")


def test_near_duplicates_by_minhash() -> None:
    base = minhash(STORY)
    assert similarity(base, minhash(STORY + "\nالمصدر: وكالة الأنباء السعودية")) >= 0.7
    assert similarity(base, minhash("عاجل | " + STORY)) >= 0.7
    assert similarity(base, minhash(OTHER)) < 0.2


def test_seen_store_answers_by_url_hash_and_near_copy(tmp_path: Path) -> None:
    store = SqliteSeenStore(tmp_path / "seen.sqlite")
    store.add("https://a.example/news/1/", content_hash(STORY), minhash(STORY),
              urls=("https://a.example/news/1/?utm_source=x", "https://a.example/p?id=1"))
    assert store.lookup("https://m.a.example/news/1/amp/").canonical_url == \
        "https://a.example/news/1/"
    assert store.lookup("https://a.example/p?id=1") is not None
    assert store.lookup("https://a.example/news/2/") is None
    assert store.first_with_hash(content_hash(STORY)) == "https://a.example/news/1/"
    copy = STORY + "\nالمصدر: وكالة الأنباء"
    assert store.near(minhash(copy)) == "https://a.example/news/1/"
    assert store.near(minhash(OTHER)) is None
    # A kept duplicate is remembered by URL; the first copy stays the one hashes point to.
    store.add("https://b.example/x/", content_hash(copy), minhash(copy), duplicate=True)
    assert store.lookup("https://b.example/x/") is not None
    assert store.first_with_hash(content_hash(copy)) is None
    # A revision replaces what is stored of the article.
    store.add("https://a.example/news/1/", "new-hash", minhash(OTHER), revision=1)
    assert store.lookup("https://a.example/news/1/").revision == 1
    store.close()
    # State survives reopening.
    again = SqliteSeenStore(tmp_path / "seen.sqlite")
    assert again.count() == 2
    again.close()


def test_reconcile_cuts_a_torn_line_and_recovers_unmarked_records(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    records = [{"url": f"https://a.example/{i}/", "canonical_url": f"https://a.example/{i}/",
                "body": STORY if i == 1 else OTHER, "content_hash": f"h{i}", "revision": 0,
                "duplicate_of": None} for i in (1, 2)]
    path = folder / "2025-04-21.jsonl"
    whole = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    path.write_text(whole + '{"url": "https://a.example/3/", "bo', "utf-8")
    store = SqliteSeenStore(tmp_path / "seen.sqlite")
    assert reconcile(store, folder) == (2, 1)
    assert path.read_text("utf-8") == whole
    assert store.lookup("https://a.example/2/") is not None
    assert reconcile(store, folder) == (0, 0)  # nothing after the mark any more
    store.close()


def test_second_run_fetches_no_archived_article_and_reports(make_site, run_newscrawl,
                                                            tmp_path: Path) -> None:
    site = make_site()
    out = tmp_path / "archive"
    first = run_newscrawl("crawl", site.base, *FAST, out=out)
    assert first.code == 0, first.stderr
    assert first.records
    seen_before = len(site.seen)
    second = run_newscrawl("crawl", site.base, *FAST, out=out)
    assert second.code == 0, second.stderr
    assert len(second.records) == len(first.records), "nothing new may be written"
    fetched = [p for p, _ua in site.seen[seen_before:]]
    assert not set(fetched) & set(site.articles), "an archived article was fetched again"
    assert any("sitemap" in p for p in fetched), "sitemaps must be read again"
    summaries = sorted((site_dir(out, site.base) / "runs").glob("*.json"))
    assert len(summaries) == 2
    last = json.loads(summaries[-1].read_text("utf-8"))
    assert last["new"] == 0 and last["finish_reason"] == "finished"
    assert last["already_stored"] + last["skipped"].get("older_than_watermark", 0) > 0
    assert set(last) >= {"fetched", "new", "duplicates", "skipped", "errors", "elapsed_s"}


def _bump(site_root: Path, path: str, sentence: str) -> None:
    """Change one article's text and move its sitemap lastmod forward."""
    page = site_root / path.strip("/") / "index.html"
    html = page.read_text("utf-8")
    page.write_text(html.replace("</p>", f" {sentence}</p>", 1), "utf-8")
    posts = site_root / "sitemaps" / "posts.xml"
    xml = posts.read_text("utf-8")
    start = xml.index(f"{path}</loc>")
    end = xml.index("</url>", start)
    entry = xml[start:end]
    moved = f"{path}</loc><lastmod>2025-04-21T23:59:00+03:00</lastmod>"
    posts.write_text(xml[:start] + moved + xml[end:] if "<lastmod>" in entry
                     else xml, "utf-8")


def test_revisions_write_a_changed_article_again(make_site, run_newscrawl,
                                                 tmp_path: Path) -> None:
    site = make_site(SiteOptions(include_seed=False, news_sitemap=False))
    out = tmp_path / "archive"
    first = run_newscrawl("crawl", site.base, *FAST, out=out)
    assert first.code == 0, first.stderr
    target = sorted(site.articles)[0]
    _bump(site.root, target, "وأضاف المتحدث في تحديث لاحق أن الافتتاح تأجل إلى الأسبوع المقبل.")
    plain = run_newscrawl("crawl", site.base, *FAST, out=out)
    assert len(plain.records) == len(first.records), "without --revisions nothing is re-read"
    revised = run_newscrawl("crawl", site.base, "--revisions", *FAST, out=out)
    assert revised.code == 0, revised.stderr
    new = revised.records[len(first.records):]
    assert [r["revision"] for r in new] == [1]
    assert new[0]["canonical_url"].endswith(target)
    old = next(r for r in first.records if r["canonical_url"] == new[0]["canonical_url"])
    assert old["content_hash"] != new[0]["content_hash"]
    assert "تأجل إلى الأسبوع المقبل" in new[0]["body"]
    assert_valid(new)
    again = run_newscrawl("crawl", site.base, "--revisions", *FAST, out=out)
    assert len(again.records) == len(revised.records), "an unchanged body is no revision"


def test_a_second_run_of_the_same_site_waits_for_the_first(make_site, run_newscrawl,
                                                           tmp_path: Path) -> None:
    site = make_site()
    out = tmp_path / "archive"
    lock = RunLock(out / "state" / f"{site_dir(out, site.base).name}.lock")
    lock.acquire()  # a run of the same site in progress
    try:
        run = run_newscrawl("crawl", site.base, *FAST, out=out)
    finally:
        lock.release()
    assert run.code == 3
    assert "not crawled" in run.stderr and "Traceback" not in run.stderr
    assert run.records == []
    assert run_newscrawl("crawl", site.base, *FAST, out=out).code == 0


@pytest.mark.integration
def test_killed_at_random_moments_nothing_lost_torn_or_written_twice(make_site,
                                                                     tmp_path: Path) -> None:
    site = make_site()
    out = tmp_path / "archive"
    # About 0.1 s per page, one at a time: a full crawl takes several seconds to kill in.
    slow = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0.1",
            "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", "NEWSCRAWL_PROGRESS_INTERVAL=0"]
    cmd = [*newscrawl_command(), "crawl", site.base, "-o", str(out), *slow]
    seed = int(os.environ.get("NEWSCRAWL_KILL_SEED", time.time()))
    rng = random.Random(seed)
    kills = attempts = 0
    while kills < 10 and attempts < 30:
        attempts += 1
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                cwd=tmp_path)
        time.sleep(rng.uniform(0.8, 4.0))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
    assert kills >= 10, f"only {kills} runs were still going when killed (seed {seed})"
    final = subprocess.run(cmd, capture_output=True, text=True, timeout=180, cwd=tmp_path)
    assert final.returncode == 0, final.stderr
    for path in out.rglob("*.jsonl"):
        assert path.read_bytes().endswith(b"\n"), f"torn line left in {path} (seed {seed})"
    records = read_records(out)
    assert_valid(records)
    base = site.base.rstrip("/")
    stories = Counter(r["canonical_url"].replace(base, "").replace("/mirror/", "/")
                      for r in records)
    assert set(stories) == {p for p in site.articles if not p.startswith("/mirror/")}, \
        f"articles lost (seed {seed})"
    assert max(stories.values()) == 1, f"an article was written twice (seed {seed})"


def _aggregator_copy(root: Path, original: str, copy: str) -> None:
    """An aggregator's copy of a story: own URL, another title suffix, a credit line."""
    html = (root / original.strip("/") / "index.html").read_text("utf-8")
    html = html.replace(original, copy).replace("| أخبار المدينة", "- موقع المجمّع الإخباري")
    body = '<div class="article-body">'
    assert body in html
    html = html.replace(body, body + "<p>نقلا عن موقع أخبار المدينة، وننشره كما ورد مع الشكر "
                        "لفريق التحرير هناك على التغطية.</p>", 1)
    target = root / copy.strip("/") / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, "utf-8")
    posts = root / "sitemaps" / "posts.xml"
    posts.write_text(posts.read_text("utf-8").replace(
        "</urlset>", f"<url><loc>__BASE__{copy}</loc></url></urlset>"), "utf-8")


@pytest.mark.parametrize("keep", [False, True])
def test_near_duplicate_copy_on_another_url_is_caught(make_site, run_newscrawl,
                                                      tmp_path: Path, keep: bool) -> None:
    original = "/sport/2025/04/20/shabab-al-ahli-beats-wasl/"
    copy = "/aggregated/2025/04/21/shabab-copy/"
    site = make_site(SiteOptions(include_seed=False),
                     edit=lambda root: _aggregator_copy(root, original, copy))
    extra = ["-s", "NEWSCRAWL_KEEP_DUPLICATES=True"] if keep else []
    run = run_newscrawl("crawl", site.base, *FAST, *extra, out=tmp_path / f"out{keep}")
    assert run.code == 0, run.stderr
    assert copy in {p for p, _ua in site.seen}, "the copy must have been fetched"
    copies = [r for r in run.records if r["canonical_url"].endswith(copy)]
    if keep:
        assert len(copies) == 1 and copies[0]["duplicate_of"].endswith(original)
        assert copies[0]["content_hash"] != next(
            r for r in run.records if r["canonical_url"].endswith(original))["content_hash"]
    else:
        assert copies == [] and run.skipped("duplicate_near") == 1
    assert any(r["canonical_url"].endswith(original) for r in run.records)


# --- Review regressions -------------------------------------------------------------------
@pytest.fixture
def pipelines(tmp_path: Path):
    """Dedup and Store pipelines of a real crawler (no network), sharing one archive."""
    from scrapy.utils.test import get_crawler

    from newscrawl import settings as defaults
    from newscrawl.pipelines import DedupPipeline, StorePipeline
    from newscrawl.spiders.news import NewsSpider

    project = {k: v for k, v in vars(defaults).items() if k.isupper()}
    crawler = get_crawler(NewsSpider, {**project, "NEWSCRAWL_OUTPUT_DIR": str(tmp_path / "out")})
    crawler.spider = crawler._create_spider(url="https://a.example/")
    dedup, store = DedupPipeline.from_crawler(crawler), StorePipeline.from_crawler(crawler)
    dedup.open_spider()
    store.open_spider()

    def push(url: str, body: str, **fields: object) -> bool:
        """True when the record was written."""
        from scrapy.exceptions import DropItem

        from newscrawl.items import Article

        item = Article(url=url, canonical_url=url, site="a.example", body=body,
                       **fields)  # type: ignore[arg-type]
        try:
            store.process_item(dedup.process_item(item))
        except DropItem:
            return False
        return True

    yield push, crawler
    store.close_spider()


def test_stub_bodies_and_briefs_are_not_content_duplicates(pipelines) -> None:
    push, crawler = pipelines
    assert push("https://a.example/1", "التفاصيل بعد قليل")
    assert push("https://a.example/2", "التفاصيل بعد قليل"), "a stub is no duplicate"
    note = ("والآراء الواردة في الخبر تعبر عن أصحابها ولا تعبر بالضرورة عن رأي الموقع الذي "
            "ينشرها نقلا عن مصادره المعتمدة في المنطقة. ")
    assert push("https://a.example/3", "أغلقت السلطات الطريق الساحلي بسبب الأمطار. " + note * 2)
    assert push("https://a.example/4", "افتتح الوزير معرض الكتاب في دورته العاشرة. " + note * 2)
    assert push("https://a.example/5", STORY)
    assert not push("https://a.example/6", STORY + "\nالمصدر: وكالة الأنباء")
    assert crawler.stats.get_value("newscrawl/skipped/duplicate_near") == 1


def test_lone_surrogates_never_break_a_record(pipelines, tmp_path: Path) -> None:
    push, _crawler = pipelines
    assert push("https://a.example/1", STORY, authors=["محمد \ud83d"])
    records = read_records(tmp_path / "out")
    assert records[0]["authors"] == ["محمد \ufffd"]


def test_reconcile_keeps_a_whole_last_record_that_lost_its_newline(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    path = folder / "2025-04-21.jsonl"
    record = {"url": "https://a.example/1/", "canonical_url": "https://a.example/1/",
              "body": STORY, "content_hash": "h1", "revision": 0, "duplicate_of": None}
    path.write_text(json.dumps(record, ensure_ascii=False), "utf-8")  # no newline
    (folder / "notes.jsonl").write_text('{"mine": tru', "utf-8")  # not ours: left alone
    store = SqliteSeenStore(tmp_path / "seen.sqlite")
    assert reconcile(store, folder) == (1, 1)
    assert path.read_text("utf-8").endswith("}\n")
    assert (folder / "notes.jsonl").read_text("utf-8") == '{"mine": tru'
    # Shrunk by hand below the mark: read again, nothing cut that the store holds.
    path.write_text(json.dumps(record, ensure_ascii=False), "utf-8")
    assert reconcile(store, folder)[0] == 0
    assert json.loads(path.read_text("utf-8"))["url"] == record["url"]
    store.close()


def _add_many(args: tuple[str, int]) -> int:
    path, worker = args
    store = SqliteSeenStore(path)
    for n in range(400):
        with store.batch():  # a read, then writes: the upgrade another writer can block
            store.lookup(f"https://w{worker}.example/{n}/")
            store.add(f"https://w{worker}.example/{n}/", f"{worker}-{n}", ())
    count = store.count()
    store.close()
    return count


def test_processes_sharing_the_store_wait_for_each_other(tmp_path: Path) -> None:
    from multiprocessing import get_context

    path = str(tmp_path / "seen.sqlite")
    SqliteSeenStore(path).close()
    with get_context("spawn").Pool(3) as pool:
        pool.map(_add_many, [(path, w) for w in range(3)])  # raises if one failed
    store = SqliteSeenStore(path)
    assert store.count() == 1200
    store.close()


def test_watermark_never_passes_an_article_that_was_not_stored(make_site, run_newscrawl,
                                                               tmp_path: Path) -> None:
    from newscrawl.demosite.server import Answer

    # The server keeps this dict: a route added or removed later takes effect at once.
    routes: dict = {"/never-asked/": Answer(404)}
    site = make_site(SiteOptions(include_seed=False), routes=routes)
    down = sorted(site.articles)[len(site.articles) // 2]
    routes[down] = Answer(503, b"busy", {"Content-Type": "text/html"})
    out = tmp_path / "archive"
    first = run_newscrawl("crawl", site.base, *FAST, out=out)
    assert first.code == 0 and not any(r["canonical_url"].endswith(down) for r in first.records)
    del routes[down]  # the server is back
    second = run_newscrawl("crawl", site.base, *FAST, out=out)
    assert any(r["canonical_url"].endswith(down) for r in second.records)
    # A run limited by --since leaves the older stories for the next full run.
    since_out = tmp_path / "since"
    limited = run_newscrawl("crawl", site.base, "--since", "2025-04-19", *FAST, out=since_out)
    full = run_newscrawl("crawl", site.base, *FAST, out=since_out)
    assert len(full.records) == len(site.articles) > len(limited.records)


def test_demo_waits_for_a_running_demo(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "demo").mkdir(parents=True)
    (out / "demo" / "2025-04-21.jsonl").write_text("{}\n", "utf-8")
    lock = RunLock(out / "state" / "demo-command.lock")
    lock.acquire()
    try:
        proc = subprocess.run([*newscrawl_command(), "demo", "-o", str(out)],
                              capture_output=True, text=True, timeout=120)
    finally:
        lock.release()
    assert proc.returncode == 3 and "demo not run" in proc.stderr
    assert (out / "demo" / "2025-04-21.jsonl").exists(), "a running demo's records were wiped"


def test_two_start_urls_of_one_site_are_one_run(make_site, run_newscrawl,
                                                tmp_path: Path) -> None:
    site = make_site(SiteOptions(include_seed=False))
    run = run_newscrawl("crawl", site.base + "section/sport/", site.base + "section/tech/",
                        *FAST, out=tmp_path / "two")
    assert run.code == 0, run.stderr
    assert "not crawled" not in run.stderr
    assert run.records and len({r["canonical_url"] for r in run.records}) == len(run.records)


def test_body_keys_equal_the_separate_keys_from_one_normalisation() -> None:
    from newscrawl.dedup import MINHASH_PERMUTATIONS, body_keys, comparable

    for body in (STORY, OTHER, "التفاصيل بعد قليل", "a_b c__d " * 40, ""):
        keys = body_keys(body)
        assert keys.content_hash == content_hash(body)
        assert keys.comparable == comparable(body)
        assert keys.signature == (minhash(body) if keys.comparable else ())
    assert body_keys(STORY, near=False).signature == ()
    # A body of about 50 shingles leaves buckets empty: densification fills each one, and
    # the same text always gives the same values (they are stored across runs).
    short = " ".join(STORY.split()[:53])
    signature = minhash(short)
    assert len(signature) == MINHASH_PERMUTATIONS and all(v < 2 ** 32 for v in signature)
    assert signature == minhash(short)
    assert similarity(signature, minhash(short + " وأضاف")) >= 0.7


def test_old_import_paths_of_the_store_keep_working() -> None:
    import newscrawl.redisstore as old_redis
    import newscrawl.state as old_state
    from newscrawl import store
    from newscrawl.store.redis import RedisSeenStore

    assert old_state.SqliteSeenStore is store.SqliteSeenStore
    assert old_state.RunLock is store.RunLock and old_state.reconcile is store.reconcile
    assert old_redis.RedisSeenStore is RedisSeenStore


def test_a_store_from_before_lsh_bands_is_migrated(tmp_path: Path) -> None:
    import sqlite3

    from newscrawl.dedup import band_keys, key64, minhash, pack

    path = tmp_path / "seen.sqlite"
    signature = minhash(" ".join(f"كلمة{i}" for i in range(300)))
    with sqlite3.connect(path) as db:  # the schema before: a rowid table and an index
        db.executescript(
            "CREATE TABLE articles (id INTEGER PRIMARY KEY, key INTEGER UNIQUE NOT NULL, "
            "canonical_url TEXT NOT NULL, content_hash TEXT NOT NULL, signature BLOB, "
            "listed TEXT, revision INTEGER NOT NULL);"
            "CREATE TABLE bands (band INTEGER NOT NULL, article INTEGER NOT NULL);"
            "CREATE INDEX bands_by_key ON bands(band);")
        db.execute("INSERT INTO articles VALUES (1, ?, 'https://s.example/a', 'h', ?, NULL, 0)",
                   (key64("s.example/a"), pack(signature)))
        db.executemany("INSERT INTO bands VALUES (?, 1)", [(b,) for b in band_keys(signature)])
    store = SqliteSeenStore(path)
    assert store.near(signature) == "https://s.example/a"  # found through the new table
    tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master")}
    assert "bands" not in tables and "bands_by_key" not in tables and "lsh_bands" in tables
    store.close()
    assert SqliteSeenStore(path).near(signature) == "https://s.example/a"  # idempotent


def test_a_schema_1_store_is_migrated_to_the_compact_schema(tmp_path: Path) -> None:
    import sqlite3

    from newscrawl.dedup import band_keys, content_hash, key64, minhash, pack
    from newscrawl.urls import url_key

    path = tmp_path / "seen.sqlite"
    body = " ".join(f"كلمة{i}" for i in range(300))
    signature, digest = minhash(body), content_hash(body)
    url = "https://s.example/news/1/"
    with sqlite3.connect(path) as db:  # the schema before: a second URL index, hex hashes
        db.executescript(
            "CREATE TABLE articles (id INTEGER PRIMARY KEY, key INTEGER UNIQUE NOT NULL, "
            "canonical_url TEXT NOT NULL, content_hash TEXT NOT NULL, signature BLOB, "
            "listed TEXT, revision INTEGER NOT NULL);"
            "CREATE TABLE urls (key INTEGER PRIMARY KEY, article INTEGER NOT NULL);"
            "CREATE TABLE hashes (key INTEGER PRIMARY KEY, article INTEGER NOT NULL);"
            "CREATE TABLE lsh_bands (band INTEGER NOT NULL, article INTEGER NOT NULL, "
            "PRIMARY KEY (band, article)) WITHOUT ROWID;")
        db.execute("INSERT INTO articles VALUES (1, ?, ?, ?, ?, '2025-04-01', 2)",
                   (key64(url_key(url)), url, digest, pack(signature)))
        # The canonical key was only in articles.key; an alias was in urls.
        db.execute("INSERT INTO urls VALUES (?, 1)", (key64(url_key(url + "amp/")),))
        db.execute("INSERT INTO hashes VALUES (?, 1)", (key64(digest),))
        db.executemany("INSERT INTO lsh_bands VALUES (?, 1)", [(b,) for b in band_keys(signature)])
    store = SqliteSeenStore(path)
    stored = store.lookup(url)
    assert stored is not None and stored.canonical_url == url and stored.revision == 2
    assert stored.has_body(digest) and stored.listed == "2025-04-01"
    assert store.lookup(url + "amp/").canonical_url == url
    assert store.first_with_hash(digest) == url
    assert store.near(signature) == url
    columns = {r[1] for r in store.db.execute("PRAGMA table_info(articles)")}
    assert "key" not in columns and "content_hash" not in columns
    assert store.db.execute("SELECT length(signature) FROM articles").fetchone()[0] == 64
    indexes = [r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE "
                                              "type='index' AND sql IS NOT NULL")]
    assert indexes == []  # no second index anywhere: every table is its own key
    store.close()
    again = SqliteSeenStore(path)  # idempotent
    assert again.near(signature) == url and again.lookup(url).revision == 2
    again.close()


def test_stored_fingerprints_do_not_make_a_near_duplicate_of_a_different_story() -> None:
    from newscrawl.dedup import NEAR_JACCARD, closest_stored, fingerprint, minhash

    first = minhash(" ".join(f"كلمة{i}" for i in range(300)))
    # 10 of 32 min-hashes differ (22 agree: below NEAR_JACCARD), but only above their
    # low byte: a one-byte fingerprint would read the two as the same text.
    other = tuple(v ^ 0x100 if i < 10 else v for i, v in enumerate(first))
    assert sum(a == b for a, b in zip(first, other, strict=True)) / 32 < NEAR_JACCARD
    assert closest_stored(other, [("first", fingerprint(first))]) is None
    assert closest_stored(first, [("first", fingerprint(first))]) == "first"


def test_a_store_migrated_by_another_process_meanwhile_is_left_alone(tmp_path: Path,
                                                                      monkeypatch) -> None:
    from newscrawl.store import schema

    store = SqliteSeenStore(tmp_path / "seen.sqlite")  # already the current schema
    seen = []
    real = schema._outdated

    def stale(db):  # the first look ran before the other process took the lock
        seen.append(1)
        return ({"articles", "bands"}, True) if len(seen) == 1 else real(db)
    monkeypatch.setattr(schema, "_outdated", stale)
    assert schema.migrate(store.db) is False and len(seen) == 2
    store.close()


def test_one_byte_fingerprints_of_an_interim_store_still_find_their_copies() -> None:
    from newscrawl.dedup import closest_stored, minhash

    signature = minhash(" ".join(f"كلمة{i}" for i in range(300)))
    interim = bytes(v & 0xFF for v in signature)
    assert closest_stored(signature, [("first", interim)]) == "first"
