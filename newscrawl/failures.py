"""Failed downloads to skip reasons: what went wrong, in words a stats key can hold."""

from __future__ import annotations

import re

from scrapy import exceptions as scrapy_exceptions
from scrapy.exceptions import IgnoreRequest
from twisted.internet.error import (
    ConnectionLost,
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure

# Failures that mean the host cannot be reached at all. Scrapy >= 2.15 raises its own
# exception types; older versions let Twisted's through.
NETWORK_ERRORS: dict[type[BaseException], str] = {
    DNSLookupError: "dns_error",
    ConnectionRefusedError: "connection_refused",
    TimeoutError: "timeout",
    TCPTimedOutError: "timeout",
    ConnectionLost: "connection_lost",
}
for _name, _reason in (("CannotResolveHostError", "dns_error"),
                       ("DownloadConnectionRefusedError", "connection_refused"),
                       ("DownloadTimeoutError", "timeout")):
    if hasattr(scrapy_exceptions, _name):
        NETWORK_ERRORS[getattr(scrapy_exceptions, _name)] = _reason
# Failures of one response, not of the host.
RESPONSE_ERRORS: dict[str, str] = {
    "ResponseDataLossError": "truncated",
    "ResponseNeverReceived": "no_response",
    "DownloadFailedError": "download_failed",
}


def network_reason(failure: Failure) -> str | None:
    """'dns_error', 'connection_refused', ... when the host could not be reached."""
    for exc_type, reason in NETWORK_ERRORS.items():
        if failure.check(exc_type):
            return reason
    return None


def failure_reason(failure: Failure) -> str:
    """Skip reason for a failed download that is not a network or HTTP error."""
    text = str(failure.value)
    if "max size" in text or "maxsize" in text.lower() or "larger than download" in text:
        return "too_large"
    if text.startswith("redirect loop"):
        return "redirect_loop"
    if "max redirections" in text:
        return "too_many_redirects"
    if "ConnectionDone" in text or "ConnectionLost" in text or "Connection was closed" in text:
        return "connection_lost"  # the server hung up before answering
    name = type(failure.value).__name__
    if name in RESPONSE_ERRORS:
        return RESPONSE_ERRORS[name]
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower().removesuffix("_error") or "error"


class OffsiteRequest(IgnoreRequest):
    """A request for a host the crawl does not admit (newscrawl.middlewares.OffsiteGuard)."""
