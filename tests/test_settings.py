"""Politeness and safety defaults live in settings.py and stay sensible."""

from __future__ import annotations

from newscrawl.cli import project_settings


def test_politeness_defaults() -> None:
    settings = project_settings({})
    assert settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
    assert 1 <= settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 8
    assert settings.getint("DOWNLOAD_MAXSIZE") == 10 * 1024 * 1024
    assert "{contact}" in settings.get("USER_AGENT")
    assert settings.get("NEWSCRAWL_CONTACT_URL").startswith("https://")
    pipelines = settings.getdict("ITEM_PIPELINES")
    order = sorted(pipelines, key=pipelines.get)
    assert [p.rsplit(".", 1)[1] for p in order] == [
        "CleanPipeline", "DatesPipeline", "DedupPipeline", "StorePipeline"]


def test_command_line_overrides_win() -> None:
    settings = project_settings({"DOWNLOAD_MAXSIZE": "1000", "NEWSCRAWL_TIMEZONE": "Asia/Riyadh"})
    assert settings.getint("DOWNLOAD_MAXSIZE") == 1000
    assert settings.get("NEWSCRAWL_TIMEZONE") == "Asia/Riyadh"
