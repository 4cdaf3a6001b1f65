"""newscrawl: a Scrapy crawler and archiver for news sites, Arabic first."""

__version__ = "0.1.0"
