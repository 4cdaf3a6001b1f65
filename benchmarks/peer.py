"""The peer extractor for the crawl benchmark: trafilatura inside the newscrawl crawl.

Set `-s NEWSCRAWL_EXTRACTOR=peer.trafilatura_extract` (with benchmarks/ on PYTHONPATH)
and trafilatura replaces our extraction; discovery, pipelines and output stay ours.
"""

from __future__ import annotations

from typing import Any

import trafilatura

from newscrawl.classify import PageKind
from newscrawl.extraction import SiteRules
from newscrawl.items import Article
from newscrawl.urls import site_of


def trafilatura_extract(body: bytes, url: str, rules: SiteRules, charset: str | None = None,
                        **_options: Any) -> tuple[Article, PageKind]:
    """trafilatura.bare_extraction with metadata, as a raw Article and a verdict."""
    doc: Any = trafilatura.bare_extraction(body, url=url, with_metadata=True)
    data = (doc if isinstance(doc, dict) else doc.as_dict()) if doc is not None else {}
    text = data.get("text") or ""
    article = Article(url=url, canonical_url=data.get("url") or url, site=site_of(url),
                      title=data.get("title"), description=data.get("description"),
                      body=text, authors=[a.strip() for a in (data.get("author") or "").split(";")
                                          if a.strip()],
                      tags=[t for t in (data.get("tags") or []) if t],
                      language=data.get("language"), image=data.get("image"))
    if data.get("date"):
        article.date_candidates.append({"kind": "published", "source": "meta",
                                        "raw": data["date"]})
    kind = PageKind("article", "trafilatura text") if len(text) >= 250 else \
        PageKind("thin", f"only {len(text)} characters")
    return article, kind
