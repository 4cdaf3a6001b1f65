"""The `newscrawl` command: crawl, demo, reextract, extract, clean, parse-date."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from newscrawl.archive import EXIT_LOCKED
from newscrawl.dates import OLDEST_YEAR
from newscrawl.logformat import terminal_filter
from newscrawl.settingcheck import check_settings
from newscrawl.urls import host_of, is_http_url, normalize_url, site_of

# Exit codes (documented in the README).
EXIT_OK = 0
EXIT_FAILED = 1  # a target was unreachable or the crawl could not run
EXIT_USAGE = 2  # bad arguments
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), as shells report it
# EXIT_LOCKED (3): another run of the same site holds its lock (see newscrawl.archive).

logger = logging.getLogger("newscrawl")


class OneLineFormatter(logging.Formatter):
    """Terminal log lines: one per event, the exception's message but no traceback."""

    def format(self, record: logging.LogRecord) -> str:
        """Format without exc_info/stack."""
        exc = record.exc_info[1] if record.exc_info else None
        record = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None,
                                        "stack_info": None})
        line = super().format(record).splitlines()[0] if record.getMessage() else ""
        if exc is not None and str(exc) and str(exc) not in line:
            line += f": {type(exc).__name__}: {str(exc).splitlines()[0]}"
        return line


def setup_logging(level: str, log_file: str | None) -> None:
    """One-line terminal logs; a full log (with tracebacks) only to --log-file."""
    root = logging.getLogger()
    root.handlers.clear()
    root.setLevel(logging.DEBUG if log_file else getattr(logging, level))
    terminal = logging.StreamHandler(sys.stderr)
    terminal.setLevel(getattr(logging, level))
    terminal.setFormatter(OneLineFormatter("%(levelname)s %(name)s: %(message)s"))
    terminal.addFilter(terminal_filter)
    root.addHandler(terminal)
    if log_file:
        Path(log_file).parent.mkdir(parents=True, exist_ok=True)
        full = logging.FileHandler(log_file, encoding="utf-8")
        full.setLevel(logging.DEBUG)
        full.setFormatter(logging.Formatter("%(asctime)s [%(name)s] %(levelname)s: %(message)s"))
        root.addHandler(full)
    # Scrapy's per-component INFO chatter (settings, middlewares) is noise on a terminal.
    for noisy in ("scrapy.middleware", "scrapy.addons", "scrapy.extensions.telnet",
                  "scrapy.utils.log", "scrapy.crawler", "py.warnings", "asyncio"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, getattr(logging, level)))


def _setting_pairs(pairs: list[str]) -> dict[str, str]:
    """-s NAME=VALUE pairs, each checked before anything starts (exit 2 naming it)."""
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise SystemExit(_usage_error(f"-s expects NAME=VALUE, got {pair!r}"))
        out[name.strip()] = value
    problems = check_settings(out)
    if problems:
        for problem in problems[:-1]:
            print(f"newscrawl: error: {problem}", file=sys.stderr)
        raise SystemExit(_usage_error(problems[-1]))
    return out


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expects a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def _usage_error(message: str) -> int:
    print(f"newscrawl: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def project_settings(overrides: dict[str, Any]) -> Any:
    """newscrawl.settings with command-line overrides on top."""
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("newscrawl.settings", priority="project")
    settings.setdict(overrides, priority="cmdline")
    return settings


def resolve_target(target: str) -> tuple[type, str | None]:
    """(spider class, url argument) for a site URL or profile name."""
    from newscrawl.spiders import profile_for
    from newscrawl.spiders.news import NewsSpider
    from newscrawl.urls import is_http_url

    profile = profile_for(target)
    if profile is not None and target == profile.name:
        return profile, None
    url = target if "://" in target else f"https://{target}"
    if not is_http_url(url) or ("." not in url.split("://", 1)[1].split("/")[0] and \
            "localhost" not in url and "127.0.0.1" not in url):
        raise ValueError(f"{target!r} is neither a profile name nor an http(s) site URL")
    try:
        normalize_url(url)  # a port out of range, a broken IPv6 literal
    except ValueError as exc:
        raise ValueError(f"{target!r} is not a valid URL: {exc}") from None
    return (profile or NewsSpider), url


def run_crawl(targets: list[str], settings: dict[str, Any], *, since: str | None = None,
              max_articles: int | None = None, site_keys: list[str | None] | None = None,
              log_level: str = "WARNING", log_file: str | None = None) -> int:
    """Crawl every target in one process; the exit code says whether all went well."""
    from scrapy.crawler import CrawlerProcess

    setup_logging(log_level, log_file)
    try:
        resolved = [resolve_target(t) for t in targets]
    except ValueError as exc:
        return _usage_error(str(exc))
    # Our one-line terminal handler is installed already; Scrapy must not add its own.
    process = CrawlerProcess(project_settings({**settings, "LOG_INSTALL_ROOT_HANDLER": False}))
    # Scrapy's logging defaults put its loggers at DEBUG: each page would build records of
    # "Crawled" and "Scraped" lines that the handlers then drop (1% of a crawl's CPU).
    logging.getLogger("scrapy").setLevel(logging.getLogger().level)
    crawlers = []
    for index, (spidercls, url) in enumerate(resolved):
        crawler = process.create_crawler(spidercls)
        kwargs: dict[str, Any] = {"url": url, "since": since, "max_articles": max_articles}
        if site_keys and site_keys[index]:
            kwargs["site_key"] = site_keys[index]
        process.crawl(crawler, **kwargs)
        crawlers.append(crawler)
    process.start()
    code = EXIT_OK
    for crawler in crawlers:
        spider = crawler.spider
        problem = getattr(spider, "unreachable", None) or getattr(spider, "failure", None)
        if getattr(spider, "locked", None):
            print(f"newscrawl: {spider.site_key} not crawled: {spider.locked}; it is still "
                  "running or was killed a moment ago, try again later", file=sys.stderr)
            code = max(code, EXIT_LOCKED)
        elif problem:
            print(f"newscrawl: error: {problem}", file=sys.stderr)
            code = EXIT_FAILED
        elif crawler.stats.get_value("finish_reason") == "shutdown":  # Ctrl-C or SIGTERM
            written = crawler.stats.get_value("newscrawl/records_written") or 0
            print(f"newscrawl: interrupted: {spider.site_key} stopped after {written} records; "
                  "the same command goes on from here", file=sys.stderr)
            code = max(code, EXIT_INTERRUPTED)
        elif crawler.stats.get_value("finish_reason") not in ("finished", "max_articles",
                                                              "closespider_itemcount"):
            print(f"newscrawl: error: {spider.name} ended with "
                  f"{crawler.stats.get_value('finish_reason')}", file=sys.stderr)
            code = EXIT_FAILED
    return code


def redis_problem(url: str) -> str | None:
    """Why the Redis at `url` cannot be used (one line), or None."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=5).ping()
    except ValueError as exc:
        return f"--redis {url!r} is not a Redis URL ({exc})"
    except redis.RedisError as exc:
        return f"Redis at {url} is unreachable: {exc}"
    return None


def redis_settings(url: str, site: str) -> dict[str, Any]:
    """scrapy-redis for the queue and the request dupefilter, keyed per site."""
    import warnings

    from scrapy.exceptions import ScrapyDeprecationWarning

    # scrapy-redis 0.9.1 still passes `spider` to the stats API; nothing a user can act on.
    warnings.filterwarnings("ignore", category=ScrapyDeprecationWarning, module="scrapy_redis")
    return {
        "NEWSCRAWL_REDIS_URL": url,
        "REDIS_URL": url,
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        # Never flush on close: the first worker to stop would empty everyone's queue.
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_QUEUE_KEY": f"newscrawl:{site}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"newscrawl:{site}:dupefilter",
    }


def cmd_crawl(args: argparse.Namespace) -> int:
    """`newscrawl crawl TARGET…`."""
    settings = _setting_pairs(args.set)
    if args.output:
        settings["NEWSCRAWL_OUTPUT_DIR"] = args.output
    if args.revisions:
        settings["NEWSCRAWL_REVISIONS"] = True
    if args.archive:
        settings["NEWSCRAWL_ARCHIVE"] = True
    redis_url = args.redis or settings.get("NEWSCRAWL_REDIS_URL") or \
        project_settings({}).get("NEWSCRAWL_REDIS_URL")
    if redis_url:
        if len(args.targets) != 1:
            return _usage_error("--redis takes one target: start one worker per target")
        try:
            spidercls, url = resolve_target(args.targets[0])
        except ValueError as exc:
            return _usage_error(str(exc))
        problem = redis_problem(redis_url)
        if problem:
            if "not a Redis URL" in problem:
                return _usage_error(problem)
            print(f"newscrawl: error: {problem}", file=sys.stderr)
            return EXIT_FAILED
        settings.update(redis_settings(redis_url, site_of(url or spidercls.site_url or "")))
    if args.whole_site:
        settings["NEWSCRAWL_WHOLE_SITE"] = True
    if args.since:
        try:
            date.fromisoformat(args.since)
        except ValueError:
            return _usage_error(f"--since expects YYYY-MM-DD, got {args.since!r}")
    return run_crawl(args.targets, settings, since=args.since, max_articles=args.max_articles,
                     log_level=args.log_level, log_file=args.log_file)


def cmd_demo(args: argparse.Namespace) -> int:
    """`newscrawl demo`: serve the bundled site on 127.0.0.1 and crawl it (or only serve)."""
    from newscrawl.store import Locked, RunLock

    if args.serve:
        return _serve_demo(args.port)

    out_dir = Path(args.output) / "demo"
    state_dir = Path(args.output) / "state" / "demo"
    # Taken before anything is cleared: a second demo must not wipe a running one.
    command_lock = RunLock(Path(args.output) / "state" / "demo-command.lock")
    try:
        command_lock.acquire()
    except Locked as exc:
        print(f"newscrawl: demo not run: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    try:
        return _run_demo(args, out_dir, state_dir)
    finally:
        command_lock.release()


def _serve_demo(port: int) -> int:
    """Serve the bundled demo site on 127.0.0.1:port until interrupted."""
    import time

    from newscrawl.demosite.server import bundled_site, serve

    try:
        server, base_url = serve(bundled_site(), port=port)
    except OSError as exc:
        return _usage_error(f"cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}")
    print(f"demo site: {base_url} (Ctrl-C stops it); try: newscrawl crawl {base_url}",
          flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.shutdown()
    return EXIT_OK


def _run_demo(args: argparse.Namespace, out_dir: Path, state_dir: Path) -> int:
    """Clear the last demo, serve the bundled site, crawl it."""
    import shutil

    from newscrawl.demosite.server import bundled_site, serve

    # The demo is a fresh show every time: yesterday's demo records and state are not kept.
    shutil.rmtree(out_dir, ignore_errors=True)
    shutil.rmtree(state_dir, ignore_errors=True)
    server, base_url = serve(bundled_site())
    print(f"demo site: {base_url} (bundled with newscrawl, served from 127.0.0.1)",
          file=sys.stderr)
    settings = {
        "NEWSCRAWL_OUTPUT_DIR": args.output,
        # Every demo starts from nothing: its own seen store, cleared above.
        "NEWSCRAWL_STATE_DIR": str(state_dir),
        # A local server needs no politeness delay; robots.txt is still obeyed.
        "AUTOTHROTTLE_START_DELAY": 0.0,
        "DOWNLOAD_DELAY": 0,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
        "NEWSCRAWL_PROGRESS_INTERVAL": 2.0,
        # The demo paper prints Riyadh times without an offset.
        "NEWSCRAWL_TIMEZONE": "Asia/Riyadh",
        **_setting_pairs(args.set),
    }
    try:
        code = run_crawl([base_url], settings, since=args.since, site_keys=["demo"],
                         log_level=args.log_level, log_file=args.log_file)
    finally:
        server.shutdown()
    files = sorted(out_dir.glob("*.jsonl"))
    if code == EXIT_OK and not files:
        print("newscrawl: error: the demo crawl wrote no records", file=sys.stderr)
        return EXIT_FAILED
    for path in files:
        print(f"records: {path}")
    return code


def cmd_reextract(args: argparse.Namespace) -> int:
    """`newscrawl reextract WARC… -o DIR`: records from archives, no network."""
    from scrapy.crawler import CrawlerProcess

    from newscrawl.spiders.reextract import ReextractSpider, warc_files

    paths = warc_files(args.warcs)
    missing = [str(p) for p in paths if not p.is_file()]
    if missing or not paths:
        return _usage_error(f"no such WARC file: {', '.join(missing) or ' '.join(args.warcs)}")
    rules = _profile_rules(args.profile)
    if rules is None:
        return _usage_error(f"unknown profile {args.profile!r}; see `scrapy list`")
    settings = {**_setting_pairs(args.set), "NEWSCRAWL_OUTPUT_DIR": args.output,
                "NEWSCRAWL_SINCE": args.since or "", "LOG_INSTALL_ROOT_HANDLER": False}
    setup_logging(args.log_level, args.log_file)
    process = CrawlerProcess(project_settings(settings))
    crawler = process.create_crawler(ReextractSpider)
    process.crawl(crawler, warcs=[str(p) for p in paths], rules=rules)
    process.start()
    if getattr(crawler.spider, "locked", None):
        print(f"newscrawl: not re-extracted: {crawler.spider.locked}", file=sys.stderr)
        return EXIT_LOCKED
    if getattr(crawler.spider, "failure", None):
        print(f"newscrawl: error: {crawler.spider.failure}", file=sys.stderr)
        return EXIT_FAILED
    if not crawler.stats.get_value("newscrawl/reextract/responses"):
        print("newscrawl: error: no readable response records in "
              f"{', '.join(str(p) for p in paths)}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _profile_rules(name: str | None) -> Any:
    """Extraction rules of a profile (the defaults without one); None when unknown."""
    from newscrawl.extraction import DEFAULT_RULES

    if not name:
        return DEFAULT_RULES
    from newscrawl.spiders import profiles

    spider = profiles().get(name)
    return spider.site_rules() if spider is not None else None


def cmd_extract(args: argparse.Namespace) -> int:
    """`newscrawl extract PAGE.html --url URL`: print the record of a saved page."""
    from newscrawl.extraction import SiteRules, build_record, page_article

    path = Path(args.page)
    if path.is_dir():
        return _usage_error(f"{path} is a directory: extract reads one saved page")
    if not path.is_file():
        return _usage_error(f"no such file: {path}")
    if not is_http_url(args.url) or not host_of(args.url):
        return _usage_error(f"--url expects the page's http(s) URL, got {args.url!r}")
    rules: SiteRules | None = _profile_rules(args.profile)
    if rules is None:
        return _usage_error(f"unknown profile {args.profile!r}; see `scrapy list`")
    # The crawl's own path from bytes to an article (a saved file has no Content-Type).
    from newscrawl import settings as defaults

    page = page_article(path.read_bytes(), args.url, rules=rules,
                        min_chars=defaults.NEWSCRAWL_MIN_ARTICLE_CHARS,
                        fallback=defaults.NEWSCRAWL_SECOND_OPINION and not args.no_second_opinion)
    if page.article is None:
        print(f"newscrawl: error: {path}: {page.skipped}"
              f"{f' ({page.detail})' if page.detail else ''}", file=sys.stderr)
        return EXIT_FAILED
    page.article.fetched_at = datetime.now(UTC).isoformat(timespec="seconds")
    record = build_record(page.article, tz=rules.timezone)
    print(json.dumps(record, ensure_ascii=False, indent=None if args.compact else 2))
    if not record["body"]:
        print(f"newscrawl: warning: {path}: no article text found", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def cmd_clean(args: argparse.Namespace) -> int:
    """`newscrawl clean FILE.txt` or `newscrawl clean DUMP.jsonl [--field text]`."""
    from newscrawl.cleancmd import run_clean

    return run_clean(args)


def cmd_parse_date(args: argparse.Namespace) -> int:
    """`newscrawl parse-date TEXT`: show what the date parser understands."""
    from newscrawl.dates import parse_date, zone

    try:
        now = datetime.fromisoformat(args.now) if args.now else datetime.now(UTC)
    except ValueError:
        return _usage_error(f"--now expects ISO 8601 (2025-04-21T12:00:00+03:00), "
                            f"got {args.now!r}")
    if args.tz and zone(args.tz) is None:
        return _usage_error(f"unknown time zone {args.tz!r} (IANA names: Asia/Riyadh, UTC)")
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    value = parse_date(args.text, now=now, tz=args.tz, min_year=args.min_year)
    if value is None:
        print(f"newscrawl: no sure date in {args.text!r} (partial dates, future dates, years "
              f"before {args.min_year} and weekday mismatches are refused)", file=sys.stderr)
    print(value.isoformat() if value is not None else "None")
    return EXIT_OK if value is not None else EXIT_FAILED


def build_parser() -> argparse.ArgumentParser:
    """Argument parser of every subcommand."""
    parser = argparse.ArgumentParser(prog="newscrawl", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("-o", "--output", default="output", help="output folder (default: output)")
        p.add_argument("--since", help="only articles published on/after YYYY-MM-DD")
        p.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                       help="Scrapy setting, as with `scrapy crawl -s`")
        p.add_argument("--log-level", default="WARNING",
                       choices=["DEBUG", "INFO", "WARNING", "ERROR"])
        p.add_argument("--log-file", help="also write a full log (with tracebacks) here")

    crawl = sub.add_parser("crawl", help="crawl news sites to JSONL")
    crawl.add_argument("targets", nargs="+", metavar="TARGET",
                       help="site URL (https://almnatiq.net) or profile name (`scrapy list`)")
    crawl.add_argument("--max-articles", type=_positive_int, default=None, metavar="N",
                       help="stop after writing N records per target")
    crawl.add_argument("--redis", metavar="URL",
                       help="one worker of a distributed crawl: queue, dupefilter and seen "
                            "store in this Redis (redis://host:6379/0)")
    crawl.add_argument("--archive", action="store_true",
                       help="also write every fetch to <output>/<site>/warc/*.warc.gz")
    crawl.add_argument("--whole-site", action="store_true",
                       help="follow every on-site link and page requisite (with --archive: "
                            "a complete capture), within NEWSCRAWL_WHOLE_SITE_* limits")
    crawl.add_argument("--revisions", action="store_true",
                       help="re-fetch archived articles whose sitemap/feed date moved; a "
                            "changed body is written as the next revision")
    common(crawl)
    crawl.set_defaults(func=cmd_crawl)

    reextract = sub.add_parser("reextract", help="rebuild records from WARC archives, offline")
    reextract.add_argument("warcs", nargs="+", metavar="WARC",
                           help="WARC files or folders (e.g. output/almnatiq.net/warc)")
    reextract.add_argument("--profile", help="site profile whose extraction rules to use")
    common(reextract)
    reextract.set_defaults(func=cmd_reextract)

    demo = sub.add_parser("demo", help="crawl the bundled demo site, offline")
    common(demo)
    demo.add_argument("--serve", action="store_true",
                      help="only serve the demo site (its URL is printed) until Ctrl-C")
    demo.add_argument("--port", type=int, default=8765,
                      help="port of --serve on 127.0.0.1 (default 8765)")
    demo.set_defaults(func=cmd_demo)

    extract = sub.add_parser("extract", help="print the record of a saved page")
    extract.add_argument("page", help="saved HTML file")
    extract.add_argument("--url", required=True, help="the URL the page was fetched from")
    extract.add_argument("--profile", help="site profile whose selectors to use")
    extract.add_argument("--compact", action="store_true", help="one line of JSON")
    extract.add_argument("--no-second-opinion", action="store_true",
                         help="never consult trafilatura, even when the body is doubtful")
    extract.set_defaults(func=cmd_extract)

    clean = sub.add_parser("clean", help="clean text another crawler already flattened")
    clean.add_argument("file", help="a .txt page, or a .jsonl dump (one record per line)")
    clean.add_argument("--field", help="JSONL field holding the text (default: the first of "
                                       "text, body, content)")
    clean.add_argument("-o", "--output", help="write the cleaned JSONL here (default stdout)")
    clean.add_argument("--tz", help="IANA zone for naive times in the text")
    clean.add_argument("--explain", action="store_true",
                       help="print each removed segment with its kind instead of the record")
    clean.set_defaults(func=cmd_clean)

    parse_date_cmd = sub.add_parser("parse-date", help="parse one date string (debugging)")
    parse_date_cmd.add_argument("text")
    parse_date_cmd.add_argument("--tz", help="IANA zone for naive times")
    parse_date_cmd.add_argument("--now", help="reference time, ISO 8601")
    parse_date_cmd.add_argument("--min-year", type=int, default=OLDEST_YEAR,
                                help=f"earliest Gregorian year accepted (default {OLDEST_YEAR})")
    parse_date_cmd.set_defaults(func=cmd_parse_date)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Console entry point."""
    args = build_parser().parse_args(argv)
    if getattr(args, "set", None):
        _setting_pairs(args.set)  # checked before anything is made (exit 2 naming it)
    output = getattr(args, "output", None)
    if output and args.command in ("crawl", "demo", "reextract"):
        try:
            Path(output).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return _usage_error(f"cannot use {output!r} as the output folder: "
                                f"{exc.strerror or exc}")
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("newscrawl: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `newscrawl extract … | head`: the reader left; not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
