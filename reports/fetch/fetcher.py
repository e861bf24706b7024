"""One polite HTTP GET: timeouts, a size limit, redirects followed by hand (each hop recorded), robots.txt.

Bad input raises FetchError with a reason a person can read (the import line shows it). A non-2xx final
status is not an error here: the watcher needs to see a 404 as an answer; the importer refuses it.
Every hop of the exchange (request and response) is written to one gzipped WARC file with warcio, so what
we archived can be cited and replayed by standard web-archive tools.
"""

from __future__ import annotations

import http.client
import io
import socket
import ssl
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

REDIRECTS = {301, 302, 303, 307, 308}
MAX_CRAWL_DELAY = 60.0


class FetchError(Exception):
    """The page could not be fetched; the message says why."""


@dataclass(frozen=True)
class Policy:
    user_agent: str
    timeout: float = 15.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    respect_robots: bool = True


@dataclass
class Hop:
    url: str
    status: int
    location: str = ""


@dataclass
class Fetched:
    url: str  # as asked
    final_url: str
    status: int
    content_type: str
    body: bytes
    fetched_at: datetime
    hops: list[Hop] = field(default_factory=list)
    warc: bytes = b""

    @property
    def redirected(self) -> bool:
        return len(self.hops) > 1


class RobotsCache:
    """robots.txt per host for one run; a missing file (4xx) allows everything, as RFC 9309 says."""

    def crawl_delay(self, url: str) -> float:
        """The host's Crawl-delay for our user agent in seconds (0 when it sets none)."""
        self.allowed(url)
        parts = urlsplit(url)
        parser = self.parsers.get(f"{parts.scheme}://{parts.netloc}")
        delay = parser.crawl_delay(self.policy.user_agent) if parser else None
        # Honoured up to a minute: one host must not stall a run over thousands of others.
        return min(float(delay or 0), MAX_CRAWL_DELAY)

    def __init__(self, policy: Policy):
        self.policy = policy
        self.parsers: dict[str, RobotFileParser | None] = {}

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self.parsers:
            self.parsers[origin] = self._load(origin)
        parser = self.parsers[origin]
        return True if parser is None else parser.can_fetch(self.policy.user_agent, url)

    def _load(self, origin: str) -> RobotFileParser | None:
        try:
            status, _headers, body = _get(origin + "/robots.txt", self.policy, small=True)
        except FetchError:
            return None  # the page fetch itself will report an unreachable host
        if status >= 400:
            return None
        parser = RobotFileParser()
        parser.parse(body.decode("utf-8", "replace").splitlines())
        return parser


def _connection(url: str, timeout: float):
    parts = urlsplit(url)
    if parts.scheme == "https":
        return http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=timeout, context=ssl.create_default_context()
        )
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)


def _get(url: str, policy: Policy, small: bool = False):
    """(status, headers as a list of pairs, body). Reads at most the size limit plus one byte."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"not a web address: {url}")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    limit = 512 * 1024 if small else policy.max_bytes
    connection = _connection(url, policy.timeout)
    started = time.monotonic()
    try:
        connection.request(
            "GET",
            path,
            headers={"User-Agent": policy.user_agent, "Accept": "text/html,*/*;q=0.8", "Connection": "close"},
        )
        response = connection.getresponse()
        declared = response.getheader("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(f"response too large: {int(declared)} bytes, the limit is {limit}")
        chunks, size = [], 0
        while True:
            chunk = response.read(65536)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise FetchError(f"response too large: more than {limit} bytes")
            # The socket timeout bounds each read; this bounds a server that trickles bytes forever.
            if time.monotonic() - started > policy.timeout * 4:
                raise FetchError(f"timed out after {policy.timeout * 4:.0f} s reading the response")
            chunks.append(chunk)
        return response.status, response.getheaders(), b"".join(chunks)
    except TimeoutError as exc:
        raise FetchError(f"timed out after {policy.timeout:g} s") from exc
    except socket.gaierror as exc:
        raise FetchError(f"host not found: {parts.hostname}") from exc
    except ConnectionRefusedError as exc:
        raise FetchError(f"connection refused by {parts.netloc}") from exc
    except (OSError, http.client.HTTPException) as exc:
        raise FetchError(f"could not fetch {url}: {type(exc).__name__}: {exc}") from exc
    finally:
        connection.close()


def _header(headers, name: str) -> str:
    for key, value in headers:
        if key.lower() == name.lower():
            return value
    return ""


def fetch(url: str, policy: Policy, robots: RobotsCache | None = None) -> Fetched:
    """GET url, following redirects by hand. Raises FetchError for robots, loops, size, network trouble."""
    robots = robots or RobotsCache(policy)
    fetched_at = datetime.now(UTC)
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    # warcinfo first, as web archives do: who captured this, with what, under which rules.
    info = {
        "software": "security-governance-archive (warcio)",
        "http-header-user-agent": policy.user_agent,
        "robots": "obey" if policy.respect_robots else "ignore",
        "format": "WARC File Format 1.1",
    }
    writer.write_record(writer.create_warcinfo_record("capture.warc.gz", info))
    hops: list[Hop] = []
    seen = set()
    current = url
    while True:
        if current in seen:
            raise FetchError(f"redirect loop at {current}")
        if len(hops) > policy.max_redirects:
            raise FetchError(f"more than {policy.max_redirects} redirects")
        seen.add(current)
        if policy.respect_robots and not robots.allowed(current):
            raise FetchError(f"robots.txt of {urlsplit(current).netloc} disallows {current}")
        status, headers, body = _get(current, policy)
        _write_exchange(writer, current, status, headers, body, policy)
        location = _header(headers, "Location")
        hops.append(Hop(current, status, urljoin(current, location) if location else ""))
        if status in REDIRECTS and location:
            current = urljoin(current, location)
            continue
        return Fetched(
            url=url,
            final_url=current,
            status=status,
            content_type=_header(headers, "Content-Type"),
            body=body,
            fetched_at=fetched_at,
            hops=hops,
            warc=buffer.getvalue(),
        )


def _write_exchange(writer: WARCWriter, url: str, status: int, headers, body: bytes, policy: Policy) -> None:
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    request_headers = StatusAndHeaders(
        f"GET {path} HTTP/1.1",
        [("Host", parts.netloc), ("User-Agent", policy.user_agent)],
        is_http_request=True,
    )
    writer.write_record(writer.create_warc_record(url, "request", http_headers=request_headers))
    reason = http.client.responses.get(status, "")
    # Transfer-level headers no longer describe the stored (de-chunked) body.
    kept = [(k, v) for k, v in headers if k.lower() not in ("transfer-encoding", "content-length")]
    kept.append(("Content-Length", str(len(body))))
    response_headers = StatusAndHeaders(f"{status} {reason}", kept, protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=response_headers)
    )


def read_warc(data: bytes) -> list[tuple[str, str, int | None, bytes]]:
    """(record type, target URI, HTTP status, payload) of each record: for tests and for checking captures."""
    from warcio.archiveiterator import ArchiveIterator

    records = []
    for record in ArchiveIterator(io.BytesIO(data)):
        status = None
        if record.http_headers is not None and record.rec_type == "response":
            status = int(record.http_headers.get_statuscode())
        records.append(
            (
                record.rec_type,
                record.rec_headers.get_header("WARC-Target-URI"),
                status,
                record.content_stream().read(),
            )
        )
    return records
