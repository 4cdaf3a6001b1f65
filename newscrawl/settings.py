"""Every default of a newscrawl crawl, in one place.

Scrapy reads this module through scrapy.cfg; `newscrawl crawl` loads it too, and
`-s NAME=VALUE` overrides any of it. NEWSCRAWL_* knobs are ours, the rest is Scrapy's.
"""

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"

# --- Politeness -------------------------------------------------------------------
# Who to contact about the crawl: sites block anonymous bots, so say who we are.
NEWSCRAWL_CONTACT_URL = "https://github.com/newscrawl/newscrawl"
# {version} and {contact} are filled in at crawl start, so `-s NEWSCRAWL_CONTACT_URL=...`
# alone changes the User-Agent.
USER_AGENT = "newscrawl/{version} (+{contact})"
ROBOTSTXT_OBEY = True
# AutoThrottle adapts the delay to the server's latency; a slow site gets fewer requests.
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS = 32
# Scrapy starts this many asyncio tasks for every response's output (default 100); a page
# gives one record and our pipelines are synchronous, so 100 tasks were pure overhead
# (about 1 ms of CPU per page, measured by benchmarks/crawl.py).
CONCURRENT_ITEMS = 4
# News sites are one host each; a few parallel requests per host is polite and enough.
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_TIMEOUT = 30
# Real article pages are 50-500 KB; anything over 10 MB is a mistake or an attack.
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_TIMES = 2
# 429/503 answers are retried after the Retry-After they carry, up to this many seconds;
# a server asking for longer gets the page given up (counted as http_429/http_503).
NEWSCRAWL_RETRY_AFTER_MAX = 120.0
REDIRECT_MAX_TIMES = 10
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# Breadth-first keeps sitemap/feed discovery ahead of article fetching, so memory stays flat.
DEPTH_PRIORITY = 1
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"

# Our errbacks count and log failed pages themselves; Scrapy's HttpError middleware
# must let the failure reach them.
HTTPERROR_ALLOW_ALL = False

# --- Pipelines: clean -> dates -> dedup -> store ----------------------------------
ITEM_PIPELINES = {
    "newscrawl.pipelines.CleanPipeline": 100,
    "newscrawl.pipelines.DatesPipeline": 200,
    "newscrawl.pipelines.DedupPipeline": 300,
    "newscrawl.pipelines.StorePipeline": 900,
}

DOWNLOADER_MIDDLEWARES = {
    # First of all: no request for another host leaves, whatever asked for it (a robots.txt
    # Sitemap: line, a sitemap index, a redirect); ahead of the robots.txt middleware (100).
    "newscrawl.middlewares.OffsiteGuard": 50,
    # robots.txt as RFC 9309 reads it: 5xx or unreachable disallows all, 4xx allows all,
    # 500 KiB parsed. In the place of Scrapy's own (100).
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newscrawl.middlewares.RobotsPolicy": 100,
    # Next to the downloader: sees every response as it came off the wire, with its request.
    "newscrawl.warc.WarcCapture": 950,
    # Distributed crawls only: when each listed page was started, for recovery.
    "newscrawl.archive.Dispatch": 940,
    # Scrapy's retries, honouring Retry-After on 429/503 (same place as Scrapy's).
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newscrawl.middlewares.RetryAfterMiddleware": 550,
    # Sees a redirect before Scrapy's RedirectMiddleware (600) does.
    "newscrawl.middlewares.RedirectLoopMiddleware": 610,
    # Scrapy's meta refresh, in its place (580), without decoding pages that name none.
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "newscrawl.middlewares.HeadMetaRefresh": 580,
}

EXTENSIONS = {
    # Scrapy's LogStats says "crawled N pages"; ours adds records and rate.
    "scrapy.extensions.logstats.LogStats": None,
    "newscrawl.progress.Progress": 500,
}

# --- newscrawl knobs ----------------------------------------------------------------
# Records go to <NEWSCRAWL_OUTPUT_DIR>/<site>/<UTC date>.jsonl, run summaries to
# <NEWSCRAWL_OUTPUT_DIR>/<site>/runs/<start time>.json.
NEWSCRAWL_OUTPUT_DIR = "output"
# The seen store (seen.sqlite) and run locks; "" means <NEWSCRAWL_OUTPUT_DIR>/state.
NEWSCRAWL_STATE_DIR = ""
# Skip articles already archived (deltafetch) and listings older than the last finished
# run (watermarks). Sitemaps, feeds and listing pages are always read again.
NEWSCRAWL_INCREMENTAL = True
# Sites list some stories late with an older date: entries up to this many days older
# than the last finished run's newest are still looked at (and skipped if archived).
NEWSCRAWL_WATERMARK_MARGIN_DAYS = 2
# Catch the same story under another URL or on another site (MinHash-LSH, Jaccard >= 0.7).
NEWSCRAWL_NEAR_DUPLICATES = True
# Write duplicates anyway, with duplicate_of set to the first copy's canonical URL.
NEWSCRAWL_KEEP_DUPLICATES = False
# Re-fetch archived articles whose sitemap lastmod / feed date moved; `--revisions` sets it.
NEWSCRAWL_REVISIONS = False
# Write every fetch to <output>/<site>/warc/*.warc.gz (WARC 1.1); `--archive` sets it.
NEWSCRAWL_ARCHIVE = False
# Start a new WARC file past this size.
NEWSCRAWL_WARC_MAX_BYTES = 1024 ** 3
# A distributed crawl: workers share Redis for the queue, the dupefilter and the seen
# store; `--redis URL` sets it. Workers stop after the shared queue stays empty this long.
NEWSCRAWL_REDIS_URL = ""
NEWSCRAWL_REDIS_IDLE_SECONDS = 10.0
# Follow every on-site link and page requisite, not only articles; `--whole-site` sets it.
NEWSCRAWL_WHOLE_SITE = False
# Whole-site limits: links followed from the discovery pages, and pages in all.
NEWSCRAWL_WHOLE_SITE_DEPTH = 8
NEWSCRAWL_WHOLE_SITE_MAX_PAGES = 10000
# Records are written and flushed at once (a killed crawl loses none); the fsync, and the
# seen-store marks that must follow it, happen in groups at most this many seconds apart
# (0 = an fsync and a store transaction per record, about 1 ms each; distributed workers
# always sync each record, as other workers must see it at once).
NEWSCRAWL_SYNC_SECONDS = 1.0
# Time zone for naive times printed by a site that has no profile saying otherwise.
NEWSCRAWL_TIMEZONE = "UTC"
# Stop after writing this many records (0 = no limit); `--max-articles` sets it.
NEWSCRAWL_MAX_ARTICLES = 0
# Only articles published on or after this day (YYYY-MM-DD); `--since` sets it.
NEWSCRAWL_SINCE = ""
# Listing fallback: how many pages of one section's pagination to follow.
NEWSCRAWL_MAX_LISTING_PAGES = 50
# Sitemap indexes can nest; real sites go 2 deep, loops exist in the wild.
NEWSCRAWL_MAX_SITEMAP_DEPTH = 4
# Article URLs discovered wait on disk in the frontier (<state>/<site>.frontier.sqlite,
# newest listing day first); at most this many article requests are out at once (in
# flight or on their way to the file), so memory stays bounded whatever a site lists.
NEWSCRAWL_FRONTIER_WINDOW = 200
# Seconds between progress lines on the terminal (0 = off).
NEWSCRAWL_PROGRESS_INTERVAL = 10.0
# A page with less body text than this (characters) is not an article ("thin"); a page
# with structured article data or og:type=article needs half of it.
NEWSCRAWL_MIN_ARTICLE_CHARS = 250
# When the generic body is doubtful (too short, not the page's description, not what
# resiliparse reads as the main text), consult trafilatura and keep the body the evidence
# favours (README, "How the body is chosen"). Off: the generic body always stands.
NEWSCRAWL_SECOND_OPINION = True
# The function that turns a page into a raw Article, by import path. Another extractor
# (the crawl benchmark plugs in trafilatura) takes (body, url, rules, charset=,
# min_chars=, fallback=) and returns (Article, PageKind); the pipelines after it are the
# same, for the crawl and `newscrawl reextract` alike.
NEWSCRAWL_EXTRACTOR = "newscrawl.extraction.extract_raw"

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
LOG_FORMATTER = "newscrawl.logformat.OneLineLogFormatter"
# Scrapy reads a callback's source on every response to warn about a generator that
# returns a value (its cache misses bound methods): 1.3% of a crawl's CPU for a check
# of our own spiders' code, which tests run instead.
WARN_ON_GENERATOR_RETURN_VALUE = False
