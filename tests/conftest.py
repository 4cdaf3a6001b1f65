"""Shared fixtures: test sites served from 127.0.0.1 and a runner for the real command."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest

from newscrawl.demosite.build import SiteOptions, build_site
from newscrawl.demosite.server import Route, bundled_site, serve
from newscrawl.items import record_schema
from newscrawl.sitepaths import folder_name
from newscrawl.urls import site_key_of

SEED_PAGES = {
    # bundled copy of ../shared/fixtures/seed page -> URL it was saved from
    "arabkhabar_article": ("a/1020199/index.html", "https://arabkhabar.com/a/1020199"),
    "arabkhabar_mojibake": ("mirror/a/1020199/index.html", "https://arabkhabar.com/a/1020199"),
    "almnatiq_article": ("1203456/index.html", "https://almnatiq.net/1203456/"),
}
FIXTURES = Path(__file__).parent / "fixtures"


def seed_page(name: str) -> tuple[bytes, str, dict]:
    """(page bytes, original URL, expected JSON) of a seed page."""
    rel, url = SEED_PAGES[name]
    expected = json.loads((FIXTURES / "seed" / f"{name}.expected.json").read_text("utf-8"))
    return (bundled_site() / rel).read_bytes(), url, expected


@dataclass
class Site:
    """A test site being served."""

    root: Path
    base: str
    articles: list[str]  # canonical paths of the distinct articles
    seen: list[tuple[str, str]]  # (path, User-Agent) of every request the server answered

    def url(self, path: str) -> str:
        """Absolute URL of a path on this site."""
        return self.base.rstrip("/") + path


@pytest.fixture
def make_site(tmp_path: Path) -> Iterator[Callable[..., Site]]:
    """Build a demo-like site with options into tmp and serve it; stopped at teardown."""
    servers = []

    def factory(options: SiteOptions | None = None, routes: dict[str, Route] | None = None,
                edit: Callable[[Path], None] | None = None) -> Site:
        root = tmp_path / f"site{len(servers)}"
        articles = _build_with_bundled_seed(root, options or SiteOptions(), bundled_site())
        if edit:
            edit(root)
        server, base = serve(root, routes)
        servers.append(server)
        return Site(root, base, articles, server.seen)

    yield factory
    for server in servers:
        server.shutdown()


def _build_with_bundled_seed(root: Path, options: SiteOptions, bundled: Path) -> list[str]:
    """Build with the seed pages taken from the bundled demo site (no ../shared needed)."""
    seeds = root.parent / "seed-pages"
    seeds.mkdir(exist_ok=True)
    for name, (rel, _url) in SEED_PAGES.items():
        shutil.copyfile(bundled / rel, seeds / f"{name}.html")
    return build_site(root, options, seed_dir=seeds)


@dataclass
class Run:
    """Result of one `newscrawl` command."""

    code: int
    stdout: str
    stderr: str
    records: list[dict]

    def skipped(self, reason: str) -> int:
        """The count the summary printed for a skip reason (0 when absent)."""
        for line in self.stdout.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == reason:
                return int(parts[1])
        return 0


def newscrawl_command() -> list[str]:
    """The installed console script (falls back to the module when not on PATH)."""
    script = Path(sys.executable).parent / "newscrawl"
    return [str(script)] if script.exists() else [sys.executable, "-m", "newscrawl.cli"]


def read_records(out_dir: Path) -> list[dict]:
    """Every record of every JSONL file below `out_dir`, checking the line format."""
    records = []
    for path in sorted(out_dir.rglob("*.jsonl")):
        raw = path.read_bytes()
        text = raw.decode("utf-8")  # must be valid UTF-8
        assert raw.endswith(b"\n") or not raw, f"{path} ends with a partial line"
        for line in text.splitlines():
            assert "\\u06" not in line, "Arabic must be written as Arabic, not \\u escapes"
            records.append(json.loads(line))
    return records


@pytest.fixture
def run_newscrawl(tmp_path: Path) -> Callable[..., Run]:
    """Run the real `newscrawl` command in a subprocess; records are read from -o DIR."""

    def runner(*args: str, out: Path | None = None, timeout: float = 120) -> Run:
        out = out or tmp_path / "out"
        cmd = [*newscrawl_command(), *args]
        if args and args[0] in ("crawl", "demo") and "-o" not in args:
            cmd += ["-o", str(out)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                              cwd=tmp_path)
        return Run(proc.returncode, proc.stdout, proc.stderr,
                   read_records(out) if out.exists() else [])

    return runner


def run_scrapy(*args: str, out: Path) -> tuple[subprocess.CompletedProcess[str], list[dict]]:
    """`scrapy crawl ...` from the project folder, fast local settings, records from `out`."""
    scrapy = Path(sys.executable).parent / "scrapy"
    proc = subprocess.run(
        [str(scrapy), "crawl", *args, "-s", f"NEWSCRAWL_OUTPUT_DIR={out}",
         "-s", "AUTOTHROTTLE_START_DELAY=0", "-s", "LOG_LEVEL=WARNING"],
        capture_output=True, text=True, timeout=120, cwd=Path(__file__).parent.parent)
    return proc, read_records(out) if out.exists() else []


def site_dir(out: Path, base: str) -> Path:
    """The folder of a site's records, WARCs and run summaries under `out` (host and port)."""
    return out / folder_name(site_key_of(base))


def assert_valid(records: list[dict]) -> None:
    """Every record validates against the shipped JSON Schema."""
    validator = jsonschema.Draft202012Validator(record_schema())
    for record in records:
        errors = sorted(validator.iter_errors(record), key=str)
        assert not errors, f"{record.get('url')}: {errors[0].message}"


# Three paragraphs of one story, written for the tests: the body several test files build
# pages around.
TALKS_PARAS = [
    "استؤنفت في القاهرة اليوم جولة جديدة من المحادثات بين الوفود المشاركة، وسط أجواء وصفها "
    "المشاركون بأنها إيجابية وبناءة، بعد توقف دام أكثر من شهرين.",
    "وقال مصدر مطلع إن الجولة الحالية تركز على الملفات الإنسانية وتبادل المحتجزين، إضافة إلى "
    "ترتيبات وقف إطلاق النار في المناطق الحدودية.",
    "وأضاف المصدر أن الوسطاء قدموا مقترحًا معدلًا يتضمن جدولًا زمنيًا من ثلاث مراحل، على أن "
    "تبدأ المرحلة الأولى فور التوقيع على الاتفاق.",
]

# Settings that make a local crawl fast; politeness defaults are for real sites.
FAST = ["-s", "AUTOTHROTTLE_START_DELAY=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
        "-s", "NEWSCRAWL_PROGRESS_INTERVAL=0"]
