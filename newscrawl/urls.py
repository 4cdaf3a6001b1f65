"""URL normalisation: the canonical form used for requests, dedup and output."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

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
    """Lowercase host without port or trailing dot, IDN hosts in their punycode (ASCII)
    form, as they are fetched ('' for unparseable URLs)."""
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""
    return host if host.isascii() else ascii_host(host)


@lru_cache(maxsize=1024)
def ascii_host(host: str) -> str:
    """The punycode form of an internationalised host name ('مثال.مصر' -> 'xn--...')."""
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host  # not a valid IDN: the name stays as it is, and fetches nothing


def site_key_of(url: str) -> str:
    """The site a crawl's folder, lock and watermarks belong to: the site (host without
    www.) and its port when not the scheme's default ("127.0.0.1:8765")."""
    site = site_of(url)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return site
    return site if not port or port == _DEFAULT_PORTS.get(parts.scheme.lower()) \
        else f"{site}:{port}"


def ascii_url(url: str) -> str:
    """The URL with an IDN host in punycode, a trailing dot dropped: how it is fetched."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    fixed = host_of(url)
    if fixed == host:
        return url
    netloc = fixed if parts.port is None else f"{fixed}:{parts.port}"
    if parts.username:
        netloc = parts.netloc.rsplit("@", 1)[0] + "@" + netloc
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def effective_port(url: str) -> int | None:
    """The port a URL is fetched on (the scheme's default when none is written)."""
    try:
        parts = urlsplit(url)
        return parts.port or _DEFAULT_PORTS.get(parts.scheme.lower())
    except ValueError:
        return None


def admitted(url: str, site: str, extra_hosts: tuple[str, ...] = (),
             port: int | None = None) -> bool:
    """The fetch policy: a URL is fetched only on the crawled site (or a subdomain) and,
    when `port` is given, on the site's port (http 80 and https 443 are one site); or on a
    host the profile lists for it (a sitemap CDN). `localhost`, `0x7f000001`, `[::1]`,
    another port of the site's own machine: all other hosts."""
    if extra_hosts and host_of(url) in extra_hosts:
        return True
    if not same_site(url, site):
        return False
    if port is None:
        return True
    got = effective_port(url)
    return got == port or {got, port} == {80, 443}


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


# A path of these characters only is in normal form already (the common case: the
# quoting below costs more than the rest of normalize_url).
_PLAIN_PATH = re.compile(r"[A-Za-z0-9/:@!$&'()*+,;=\-._~]*")
_ENCODED_SLASH = re.compile("%2f", re.IGNORECASE)
_SLASHES = re.compile(r"/{2,}")


def _normalize_path(path: str) -> str:
    """Uniform percent-encoding of a path, leaving alone what decoding would change."""
    if _PLAIN_PATH.fullmatch(path):
        return path
    if _ENCODED_SLASH.search(path):
        return quote(path, safe=_SAFE_PATH)  # an encoded slash is not a path separator
    try:
        raw = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return path  # legacy-charset (cp1256) escapes: the server expects them as they are
    return quote(raw, safe=_SAFE_PATH.replace("%", ""))


def normalize_url(url: str, base: str | None = None) -> str:
    """Absolute, lowercase scheme/host, no default port, fragment or tracking parameters.

    Percent-encoding is made uniform (Arabic slugs arrive both raw and encoded).
    Raises ValueError for URLs that cannot be parsed (``http://[oops/``, bad ports).
    """
    url = url.strip()
    if base and not is_http_url(url):
        url = urljoin(base, url)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port  # raises ValueError when out of range
    if ":" in host:
        host = f"[{host}]"  # an IPv6 literal keeps its brackets
    netloc = host if not port or port == _DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    path = _normalize_path(parts.path) or "/"
    if "//" in path:
        path = _SLASHES.sub("/", path)
    # Filter the raw query so values we keep are not re-encoded ('?12345' stays as it is).
    query = "&".join(q for q in parts.query.split("&")
                     if q and not _is_tracking(q.split("=", 1)[0]))
    return urlunsplit((scheme, netloc, path, query, ""))


def safe_url(href: str | None, base: str) -> str | None:
    """Normalised absolute http(s) URL of a link, or None when it is not one."""
    if not href:
        return None
    try:
        url = normalize_url(href.strip(), base)
    except ValueError:
        return None
    return url if is_http_url(url) and urlsplit(url).hostname else None


def site_root(url: str) -> str:
    """Scheme and host of a URL, with a trailing slash."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


# Hosts and paths that serve the same article in another dress: AMP and mobile copies.
_MIRROR_HOST = re.compile(r"^(?:www|m|mobile|amp)\.")
_AMP_PATH = re.compile(r"(?:/amp/?|\.amp)$")
_AMP_QUERY = re.compile(r"(?:^|&)(?:amp|amp=1|amp=true|outputtype=amp)(?=&|$)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def url_key(url: str) -> str:
    """The dedup key of an article URL: normalised, then www./m./amp. hosts, /amp paths and
    ?amp queries folded, so every dress of one article has one key. Not a fetchable URL."""
    try:
        norm = normalize_url(url)
    except ValueError:
        return url.strip()
    parts = urlsplit(norm)
    host = _MIRROR_HOST.sub("", parts.netloc)
    path = _AMP_PATH.sub("", parts.path) or "/"
    path = path.rstrip("/") or "/"
    # Parameter order and escaping never tell two articles apart: sorted, decoded.
    query = "&".join(sorted(unquote(q) for q in _AMP_QUERY.sub("", parts.query).split("&")
                            if q))
    return urlunsplit(("https" if parts.scheme in ("http", "https") else parts.scheme,
                       host, path, query, ""))
