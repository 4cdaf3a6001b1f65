"""Several workers share one crawl through a real Redis (scrapy-redis)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import assert_valid, newscrawl_command

from newscrawl.demosite.build import SiteOptions

pytestmark = pytest.mark.integration


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A real redis-server on 127.0.0.1 for this test, stopped after it."""
    server = shutil.which("redis-server")
    if server is None:
        if os.environ.get("NEWSCRAWL_REQUIRE_REDIS"):
            pytest.fail("redis-server is not installed (.ci/run installs Debian's package)")
        pytest.skip("redis-server not installed")
    port = _free_port()
    proc = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(tmp_path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(timeout=10)


def _worker(base: str, redis_url: str, out: Path, delay: str = "0.05") -> subprocess.Popen:
    cmd = [*newscrawl_command(), "crawl", base, "--redis", redis_url, "-o", str(out),
           "-s", "NEWSCRAWL_REDIS_IDLE_SECONDS=2", "-s", "AUTOTHROTTLE_ENABLED=False",
           "-s", f"DOWNLOAD_DELAY={delay}", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2",
           "-s", "NEWSCRAWL_PROGRESS_INTERVAL=0"]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=out.parent)


def _records(folder: Path) -> dict[str, list[dict]]:
    """Records by worker file name."""
    found = {}
    for path in sorted(folder.rglob("*.jsonl")):
        found[path.name] = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    return found


def _stories(site, records: list[dict]) -> Counter[str]:
    base = site.base.rstrip("/")
    return Counter(r["canonical_url"].replace(base, "").replace("/mirror/", "/")
                   for r in records)


def test_workers_split_the_crawl_and_write_each_article_once(make_site, redis_url,
                                                             tmp_path: Path) -> None:
    site = make_site()
    outs = [tmp_path / f"machine{i}" for i in range(3)]
    workers = [_worker(site.base, redis_url, out) for out in outs]
    results = [w.communicate(timeout=180) for w in workers]
    assert [w.returncode for w in workers] == [0, 0, 0], [r[1][-500:] for r in results]
    files = {}
    for out in outs:
        files.update(_records(out))
    # One file per worker, named <date>-<host>-<pid>.jsonl: the union is the archive.
    assert all(name.count("-") >= 4 for name in files)
    union = [r for records in files.values() for r in records]
    assert_valid(union)
    stories = _stories(site, union)
    assert set(stories) == {p for p in site.articles if not p.startswith("/mirror/")}
    assert max(stories.values()) == 1, "an article was written by two workers"
    fetched = [int(line.split()[2]) for out, _err in results for line in out.splitlines()
               if line.strip().startswith("pages fetched")]
    assert len(fetched) == 3 and sum(1 for n in fetched if n > 0) >= 2, fetched
    # Every article page was requested once across all workers.
    article_hits = Counter(p for p, _ua in site.seen if p in site.articles)
    assert max(article_hits.values()) == 1, article_hits.most_common(3)


def test_killing_a_worker_loses_nothing(make_site, redis_url, tmp_path: Path) -> None:
    site = make_site()
    outs = [tmp_path / "a", tmp_path / "b"]
    victim = _worker(site.base, redis_url, outs[0], delay="0.1")
    survivor = _worker(site.base, redis_url, outs[1], delay="0.1")
    time.sleep(3.0)
    assert victim.poll() is None, "the crawl ended before the kill"
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    _out, err = survivor.communicate(timeout=180)
    assert survivor.returncode == 0, err[-800:]
    union = [r for o in outs for records in _records(o).values() for r in records]
    stories = _stories(site, union)
    assert set(stories) == {p for p in site.articles if not p.startswith("/mirror/")}, \
        "an article the killed worker held was lost"
    assert max(stories.values()) == 1


def test_workers_stop_when_the_shared_queue_stays_empty(make_site, redis_url,
                                                        tmp_path: Path) -> None:
    site = make_site(SiteOptions(include_seed=False))
    start = time.monotonic()
    worker = _worker(site.base, redis_url, tmp_path / "only", delay="0")
    worker.communicate(timeout=120)
    assert worker.returncode == 0
    # A finished site: a new worker finds nothing to do and stops after the idle time.
    late = _worker(site.base, redis_url, tmp_path / "late", delay="0")
    late_start = time.monotonic()
    out, _err = late.communicate(timeout=60)
    assert late.returncode == 0
    assert 2 <= time.monotonic() - late_start < 40
    assert "records written         0" in out
    assert time.monotonic() - start < 120


def test_a_late_worker_refetches_nothing_already_settled(make_site, redis_url,
                                                          tmp_path: Path) -> None:
    site = make_site()
    first = _worker(site.base, redis_url, tmp_path / "one")
    time.sleep(1.0)
    second = _worker(site.base, redis_url, tmp_path / "two")
    for worker in (first, second):
        worker.communicate(timeout=180)
        assert worker.returncode == 0
    # Every worker reads robots.txt, sitemaps and feeds; any other page is fetched once,
    # hubs, listings and the deleted story included.
    pages = Counter(p for p, _ua in site.seen
                    if p != "/robots.txt" and "sitemap" not in p and "feed" not in p)
    assert max(pages.values()) == 1, pages.most_common(3)
