"""Feed fetching over HTTP: the only module that imports httpx; errors come back as values.

Every fetch is bounded: a connect timeout, a wall-clock deadline for the whole exchange (httpx's
own timeouts are per read, so a server trickling a byte a second would never trip them), and a
size cap counted on the decompressed body while it streams. Decompression is done here rather
than by httpx so that one 64 KiB chunk of a gzip bomb cannot inflate to 64 MiB before the cap is
checked. Fetches run concurrently on an asyncio loop in a background thread; callers stay
synchronous and may consume results as they arrive.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import queue
import re
import threading
import time
import zlib
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx

MIB = 1024 * 1024
DEFAULT_USER_AGENT = "forecast-ledger/0.1 (+https://github.com/forecast-ledger)"
DEFAULT_CONNECT_TIMEOUT = 10.0
DEFAULT_TOTAL_TIMEOUT = 30.0
DEFAULT_MAX_BYTES = 10 * MIB
DEFAULT_PER_HOST = 2
DEFAULT_CONCURRENCY = 8
DEFAULT_MAX_REDIRECTS = 5
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"
)
_INFLATE_STEP = 256 * 1024
_MAX_AGE_RE = re.compile(r"(?:^|,)\s*max-age\s*=\s*\"?(\d+)\"?", re.IGNORECASE)


@dataclass(frozen=True)
class FetchRequest:
    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class FetchResult:
    """The outcome of one fetch. error is None on success and on 304 (not_modified).

    etag and last_modified are the validators to store for the next conditional GET: the
    response's when it sent them, else the request's. retry_after and max_age are in seconds.
    """

    url: str
    final_url: str
    status: int | None
    content: bytes | None
    headers: dict[str, str]
    etag: str | None
    last_modified: str | None
    not_modified: bool
    error: str | None
    retry_after: float | None
    max_age: float | None
    elapsed: float
    # Every redirect on the way was 301/308: the feed has moved and its URL may be updated.
    permanent_redirect: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class _Options:
    connect_timeout: float
    total_timeout: float
    max_bytes: int
    per_host: int
    concurrency: int
    user_agent: str
    max_redirects: int
    semaphores: dict[str, asyncio.Semaphore] = field(default_factory=dict)


class _Failure(Exception):
    """A fetch failure with its message already worded for the user."""


def format_bytes(n: int) -> str:
    for unit, size in (("GiB", 1024 * MIB), ("MiB", MIB), ("KiB", 1024)):
        if n >= size:
            return f"{n / size:.4g} {unit}"
    return f"{n} bytes"


def _seconds(s: float) -> str:
    return f"{s:g} s"


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.replace(".", "", 1).isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def parse_max_age(value: str | None) -> float | None:
    """max-age in seconds from a Cache-Control header, or None."""
    if not value:
        return None
    match = _MAX_AGE_RE.search(value)
    return float(match.group(1)) if match else None


class _Body:
    """Accumulates a response body, decoding Content-Encoding, within a byte cap."""

    def __init__(self, encoding: str, max_bytes: int) -> None:
        codings = [c.strip() for c in encoding.lower().split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise _Failure(f"unsupported content encoding {encoding!r}")
        self.coding = codings[0] if codings else ""
        self.max_bytes = max_bytes
        self.out = bytearray()
        self.raw_size = 0
        self._wbits = 16 + zlib.MAX_WBITS if self.coding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self._inflater = zlib.decompressobj(self._wbits) if self.coding else None
        self._started = False
        self._finished = False

    def _too_big(self, what: str) -> _Failure:
        return _Failure(f"{what} larger than {format_bytes(self.max_bytes)}")

    def feed(self, chunk: bytes) -> None:
        self.raw_size += len(chunk)
        if self.raw_size > self.max_bytes:
            raise self._too_big("body")
        if self._inflater is None:
            self.out += chunk
            return
        try:
            self._inflate(chunk)
        except zlib.error:
            if self.coding == "deflate" and not self._started:
                # Some servers send raw deflate for "deflate"; try that before giving up.
                self._wbits = -zlib.MAX_WBITS
                self._inflater = zlib.decompressobj(self._wbits)
                self._inflate(chunk)
            else:
                raise
        self._started = True

    def _inflate(self, data: bytes) -> None:
        assert self._inflater is not None
        while data and not self._finished:
            # One byte more than the room left, so exceeding the cap is seen, never buffered;
            # and in modest steps, so no large temporary piece sits beside the body.
            room = min(self.max_bytes - len(self.out) + 1, _INFLATE_STEP)
            self.out += self._inflater.decompress(data, room)
            if len(self.out) > self.max_bytes:
                raise self._too_big("decompressed body")
            data = self._inflater.unconsumed_tail
            if self._inflater.eof:
                rest = self._inflater.unused_data
                if rest.strip(b"\0") and self.coding != "deflate":
                    # A gzip body may hold several members back to back.
                    self._inflater = zlib.decompressobj(self._wbits)
                    data = rest
                else:
                    self._finished = True

    def finish(self) -> bytes:
        if self._inflater is not None and not self._finished:
            self.out += self._inflater.flush()
            if len(self.out) > self.max_bytes:
                raise self._too_big("decompressed body")
        return bytes(self.out)


def _host_key(url: str) -> str:
    try:
        return httpx.URL(url).host.lower()
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise _Failure(f"invalid URL: {exc}") from exc


def _describe(exc: BaseException, opts: _Options) -> str:
    if isinstance(exc, _Failure):
        return str(exc)
    if isinstance(exc, TimeoutError):
        return f"timed out after {_seconds(opts.total_timeout)}"
    if isinstance(exc, httpx.TooManyRedirects):
        return "too many redirects"
    if isinstance(exc, httpx.ConnectTimeout):
        return f"could not connect within {_seconds(opts.connect_timeout)}"
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out after {_seconds(opts.total_timeout)}"
    if isinstance(exc, (httpx.UnsupportedProtocol, httpx.InvalidURL)):
        return f"invalid URL: {exc}"
    if isinstance(exc, zlib.error):
        return "corrupt compressed body"
    detail = str(exc).strip() or type(exc).__name__
    if isinstance(exc, httpx.ConnectError):
        return f"could not connect: {detail}"
    if isinstance(exc, (httpx.RemoteProtocolError, httpx.LocalProtocolError)):
        return f"protocol error: {detail}"
    if isinstance(exc, httpx.ReadError):
        return f"connection broken: {detail}"
    return f"{type(exc).__name__}: {detail}"[:300]


async def _exchange(client: httpx.AsyncClient, req: FetchRequest, opts: _Options) -> FetchResult:
    started = time.monotonic()
    headers = {"User-Agent": opts.user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"}
    if req.etag:
        headers["If-None-Match"] = req.etag
    if req.last_modified:
        headers["If-Modified-Since"] = req.last_modified

    async with client.stream("GET", req.url, headers=headers) as resp:
        response_headers = {k.lower(): v for k, v in resp.headers.items()}
        history = resp.history

        def result(
            *, content: bytes | None = None, error: str | None = None, not_modified: bool = False
        ) -> FetchResult:
            return FetchResult(
                url=req.url,
                final_url=str(resp.url),
                status=resp.status_code,
                content=content,
                headers=response_headers,
                etag=response_headers.get("etag") or req.etag,
                last_modified=response_headers.get("last-modified") or req.last_modified,
                not_modified=not_modified,
                error=error,
                retry_after=parse_retry_after(response_headers.get("retry-after")),
                max_age=parse_max_age(response_headers.get("cache-control")),
                elapsed=time.monotonic() - started,
                permanent_redirect=bool(history)
                and all(r.status_code in (301, 308) for r in history),
            )

        if resp.status_code == 304:
            return result(not_modified=True)
        if not 200 <= resp.status_code < 300:
            return result(error=f"HTTP {resp.status_code} {resp.reason_phrase}".strip())

        declared = response_headers.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > opts.max_bytes:
            raise _Failure(f"body larger than {format_bytes(opts.max_bytes)}")
        body = _Body(response_headers.get("content-encoding", ""), opts.max_bytes)
        async for chunk in resp.aiter_raw():
            body.feed(chunk)
        return result(content=body.finish())


async def _fetch_one(
    client: httpx.AsyncClient, req: FetchRequest, opts: _Options, slots: asyncio.Semaphore
) -> FetchResult:
    started = time.monotonic()
    try:
        host = _host_key(req.url)
        per_host = opts.semaphores.setdefault(host, asyncio.Semaphore(opts.per_host))
        # Host first, then a global slot: a feed queued behind its own host must not hold a
        # slot that a feed of another host could use.
        async with per_host, slots:
            # The deadline starts once both are free: queueing is not this feed's fault.
            started = time.monotonic()
            async with asyncio.timeout(opts.total_timeout):
                return await _exchange(client, req, opts)
    except Exception as exc:  # one failing feed must never stop the others
        return FetchResult(
            url=req.url,
            final_url=req.url,
            status=None,
            content=None,
            headers={},
            etag=req.etag,
            last_modified=req.last_modified,
            not_modified=False,
            error=_describe(exc, opts),
            retry_after=None,
            max_age=None,
            elapsed=time.monotonic() - started,
        )


async def _run(
    requests: list[FetchRequest], opts: _Options, emit: Callable[[int, FetchResult], None]
) -> None:
    timeout = httpx.Timeout(
        connect=opts.connect_timeout,
        read=opts.total_timeout,
        write=opts.total_timeout,
        pool=opts.total_timeout,
    )
    limits = httpx.Limits(
        max_connections=opts.concurrency, max_keepalive_connections=opts.concurrency
    )
    slots = asyncio.Semaphore(opts.concurrency)

    async def one(index: int, req: FetchRequest) -> None:
        emit(index, await _fetch_one(client, req, opts, slots))

    async with (
        httpx.AsyncClient(
            timeout=timeout,
            limits=limits,
            follow_redirects=True,
            max_redirects=opts.max_redirects,
        ) as client,
        asyncio.TaskGroup() as group,
    ):
        for index, req in enumerate(requests):
            group.create_task(one(index, req))


@dataclass
class _LoopHandle:
    loop: asyncio.AbstractEventLoop | None = None
    task: asyncio.Task[object] | None = None


def iter_fetch(
    requests: Iterable[FetchRequest],
    *,
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
    total_timeout: float = DEFAULT_TOTAL_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    per_host: int = DEFAULT_PER_HOST,
    concurrency: int = DEFAULT_CONCURRENCY,
    user_agent: str = DEFAULT_USER_AGENT,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
) -> Generator[tuple[int, FetchResult], None, None]:
    """Fetch concurrently, yielding (index into requests, result) as each fetch completes.

    The network runs on its own thread, so slow work done by the caller between items (database
    writes) never eats into another fetch's deadline. Closing the iterator early cancels the
    fetches still running.
    """
    if per_host < 1 or concurrency < 1 or max_bytes < 0:
        raise ValueError("per_host and concurrency must be at least 1, max_bytes not negative")
    reqs = list(requests)
    if not reqs:
        return
    opts = _Options(
        connect_timeout=connect_timeout,
        total_timeout=total_timeout,
        max_bytes=max_bytes,
        per_host=per_host,
        concurrency=concurrency,
        user_agent=user_agent,
        max_redirects=max_redirects,
    )
    # None marks the end; an exception is a failure of the machinery itself, not of a feed.
    results: queue.SimpleQueue[tuple[int, FetchResult] | BaseException | None]
    results = queue.SimpleQueue()
    stop = threading.Event()
    handle = _LoopHandle()

    async def main() -> None:
        handle.loop = asyncio.get_running_loop()
        handle.task = asyncio.current_task()
        # Set before stop is read here and read after stop is set there: no lost cancel.
        if stop.is_set():
            return
        await _run(reqs, opts, lambda i, r: results.put((i, r)))

    def worker() -> None:
        try:
            asyncio.run(main())
        except BaseException as exc:  # handed to the consuming thread, which re-raises it
            results.put(exc)
        finally:
            results.put(None)

    thread = threading.Thread(target=worker, name="feed-fetch", daemon=True)
    thread.start()
    try:
        while True:
            item = results.get()
            if item is None:
                break
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        loop, task = handle.loop, handle.task
        if thread.is_alive() and loop is not None and task is not None:
            with contextlib.suppress(RuntimeError):  # the loop closed in the meantime
                loop.call_soon_threadsafe(task.cancel)
        thread.join()


def fetch_all(
    requests: Iterable[FetchRequest],
    *,
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
    total_timeout: float = DEFAULT_TOTAL_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    per_host: int = DEFAULT_PER_HOST,
    concurrency: int = DEFAULT_CONCURRENCY,
    user_agent: str = DEFAULT_USER_AGENT,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    on_result: Callable[[int, FetchResult], None] | None = None,
) -> list[FetchResult]:
    """Fetch every request concurrently; results in request order. Never raises for a feed.

    on_result(index, result) is called in the calling thread as each fetch completes (for a
    progress bar or to ingest early).
    """
    reqs = list(requests)
    found: dict[int, FetchResult] = {}
    for index, result in iter_fetch(
        reqs,
        connect_timeout=connect_timeout,
        total_timeout=total_timeout,
        max_bytes=max_bytes,
        per_host=per_host,
        concurrency=concurrency,
        user_agent=user_agent,
        max_redirects=max_redirects,
    ):
        found[index] = result
        if on_result is not None:
            on_result(index, result)
    return [found[i] for i in range(len(reqs))]
