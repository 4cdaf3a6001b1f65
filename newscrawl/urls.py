"""URL normalisation: the canonical form used for requests, dedup and output."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that only track the visitor and never change the page.
TRACKING_PARAMS: frozenset[str] = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid",
    "mc_cid", "mc_eid", "_ga", "_gl", "ref_src", "ocid", "cmpid", "ito",
})
_TRACKING_PREFIXES: tuple[str, ...] = ("utm_", "pk_", "mtm_", "hsa_", "__twitter")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_SAFE_PATH = "/:@!$&'()*+,;=-._~%"


def is_http_url(url: str) -> bool:
    """True for absolute http(s) URLs."""
    return url[:7].lower() == "http://" or url[:8].lower() == "https://"


def host_of(url: str) -> str:
    """Lowercase host without port."""
    return (urlsplit(url).hostname or "").lower()


def site_of(url: str) -> str:
    """Site key of a URL: host without ``www.``."""
    host = host_of(url)
    return host[4:] if host.startswith("www.") else host


def same_site(url: str, site: str) -> bool:
    """True when `url` is on `site` or one of its subdomains."""
    host = site_of(url)
    return host == site or host.endswith("." + site)


def _is_tracking(name: str) -> bool:
    low = name.lower()
    return low in TRACKING_PARAMS or low.startswith(_TRACKING_PREFIXES)


def normalize_url(url: str, base: str | None = None) -> str:
    """Absolute, lowercase scheme/host, no default port, fragment or tracking parameters.

    Percent-encoding is made uniform (Arabic slugs arrive both raw and encoded).
    """
    if base:
        url = urljoin(base, url.strip())
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    netloc = host
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{parts.port}"
    path = quote(unquote(parts.path), safe=_SAFE_PATH) or "/"
    path = re.sub(r"/{2,}", "/", path)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not _is_tracking(k)]
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))


def site_root(url: str) -> str:
    """Scheme and host of a URL, with a trailing slash."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"
