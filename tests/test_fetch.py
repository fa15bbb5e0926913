"""HTTP behaviour of feeds.fetch against a real local server, hostile cases included."""

from __future__ import annotations

import gzip
import json
import select
import socket
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from feeds.fetch import (
    DEFAULT_USER_AGENT,
    MIB,
    FetchRequest,
    FetchResult,
    fetch_all,
    iter_fetch,
    parse_max_age,
    parse_retry_after,
)
from feeds.parse import FeedParseError, parse_feed

NEWS = Path(__file__).resolve().parent.parent / "feeds" / "data" / "news"
FEED = (NEWS / "bbc-2023-07.xml").read_bytes()
FEED_ITEMS = 12
ALL_NEWS = b"".join(p.read_bytes() for p in sorted(NEWS.glob("*.xml")))  # 3.7 MB
HUGE = 100 * 1000 * 1000
BOMB_SIZE = 64 * MIB
CHUNK = b"x" * 65536
# Short limits keep the whole file to seconds; the server's own loops stop well after them.
FAST: dict[str, Any] = {"connect_timeout": 1.0, "total_timeout": 1.0}
SERVER_PATIENCE = 10.0


def _rss(items: str, encoding: str = "utf-8") -> str:
    return (
        f"<?xml version='1.0' encoding='{encoding}'?>"
        f"<rss version='2.0'><channel><title>Test</title>{items}</channel></rss>"
    )


def _gzip_bomb() -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(MIB)
    parts = [packer.compress(zeros) for _ in range(BOMB_SIZE // MIB)]
    return b"".join([*parts, packer.flush()])


def _raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


class Server:
    """What the handler needs to share with tests: counters and a release switch."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.lock = threading.Lock()
        self.active = 0
        self.max_active = 0
        self.hits: dict[str, int] = {}
        self.bomb = _gzip_bomb()
        self.huge_sent = 0
        self.hung_up = threading.Event()
        self.slow_target = 1


STATIC: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/404": (404, {}, b"not here"),
    "/410": (410, {}, b"gone"),
    "/500": (500, {}, b"oops"),
    "/429": (429, {"Retry-After": "120"}, b"slow down"),
    "/503-date": (503, {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, b""),
    "/300-no-location": (300, {}, b""),
    "/invalid-xml": (200, {"Content-Type": "application/rss+xml"}, b"<rss><channel><<<"),
    "/html": (
        200,
        {"Content-Type": "text/html; charset=utf-8"},
        b"<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hi</p></body></html>",
    ),
    "/empty": (200, {"Content-Type": "application/rss+xml"}, b""),
    "/wrong-encoding": (
        200,
        {"Content-Type": "application/rss+xml; charset=utf-8"},
        _rss("<item><guid>g1</guid><title>Zürich café</title></item>").encode("latin-1"),
    ),
    "/bozo": (
        200,
        {"Content-Type": "application/rss+xml"},
        _rss("<item><guid>g1</guid><title>A & B</title></item>").encode(),
    ),
    "/enormous-entry": (
        200,
        {"Content-Type": "application/rss+xml"},
        _rss(
            "<item><guid>big</guid><title>Big</title><description>"
            + "lorem ipsum " * 400_000
            + "</description></item>"
        ).encode(),
    ),
    "/cache": (200, {"Cache-Control": "public, max-age=3600"}, FEED),
    "/gzip": (200, {"Content-Encoding": "gzip"}, gzip.compress(FEED)),
    "/deflate": (200, {"Content-Encoding": "deflate"}, zlib.compress(FEED)),
    "/raw-deflate": (
        200,
        {"Content-Encoding": "deflate"},
        _raw_deflate(FEED),
    ),
    "/gzip-members": (
        200,
        {"Content-Encoding": "gzip"},
        gzip.compress(FEED[:5000]) + gzip.compress(FEED[5000:]),
    ),
    "/gzip-large": (200, {"Content-Encoding": "gzip"}, gzip.compress(ALL_NEWS)),
    "/corrupt-gzip": (200, {"Content-Encoding": "gzip"}, b"\x1f\x8b\x08\x00garbage-garbage"),
    "/brotli": (200, {"Content-Encoding": "br"}, b"\x0b\x02\x80hello\x03"),
}
REDIRECTS = {
    "/moved": (301, "/feed"),
    "/hop1": (302, "/hop2"),
    "/hop2": (301, "/feed"),
    "/loop-a": (302, "/loop-b"),
    "/loop-b": (302, "/loop-a"),
}


def make_handler(state: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _stream_forever(self, chunk: bytes, pause: float, limit: int) -> None:
            sent = 0
            deadline = time.monotonic() + SERVER_PATIENCE
            try:
                while sent < limit and time.monotonic() < deadline:
                    if state.release.is_set():
                        break
                    self.wfile.write(chunk)
                    self.wfile.flush()
                    sent += len(chunk)
                    if pause:
                        time.sleep(pause)
            except OSError:
                pass  # the client hung up, which is what the test wants
            finally:
                with state.lock:
                    state.huge_sent = max(state.huge_sent, sent)
                self.close_connection = True

        def _wait_for_hangup(self) -> None:
            deadline = time.monotonic() + SERVER_PATIENCE
            self.close_connection = True
            while not state.release.is_set() and time.monotonic() < deadline:
                readable, _, _ = select.select([self.connection], [], [], 0.05)
                if readable and not self.connection.recv(1, socket.MSG_PEEK):
                    state.hung_up.set()
                    return

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            with state.lock:
                state.hits[path] = state.hits.get(path, 0) + 1
            if path in STATIC:
                self._send(*STATIC[path])
            elif path in REDIRECTS:
                status, target = REDIRECTS[path]
                self._send(status, {"Location": target}, b"")
            elif path == "/feed":
                validators = {"ETag": '"v1"', "Last-Modified": "Mon, 03 Jul 2023 21:00:00 GMT"}
                if self.headers.get("If-None-Match") == '"v1"':
                    self._send(304, validators, b"")
                else:
                    self._send(200, {"Content-Type": "application/rss+xml", **validators}, FEED)
            elif path == "/headers":
                echo = json.dumps(dict(self.headers.items())).encode()
                self._send(200, {"Content-Type": "application/json"}, echo)
            elif path == "/slow":
                with state.lock:
                    state.active += 1
                    state.max_active = max(state.max_active, state.active)
                try:
                    # Hold until the expected number of fetches overlap (so overlap never
                    # depends on luck), then a little longer so any excess one shows up too.
                    deadline = time.monotonic() + 2.0
                    while state.active < state.slow_target and time.monotonic() < deadline:
                        time.sleep(0.01)
                    with state.lock:
                        if state.active >= state.slow_target:
                            state.slow_target = 1  # shown once; later waves need not wait
                    time.sleep(0.1)
                finally:
                    # Counted out before answering: the client may start its next request the
                    # moment it has this response.
                    with state.lock:
                        state.active -= 1
                self._send(200, {}, FEED)
            elif path == "/hang":
                self._wait_for_hangup()
            elif path == "/trickle":
                self.send_response(200)
                self.send_header("Connection", "close")
                self.end_headers()
                self._stream_forever(b"<", 0.05, HUGE)
            elif path == "/huge":
                self.send_response(200)
                self.send_header("Content-Length", str(HUGE))
                self.end_headers()
                self._stream_forever(CHUNK, 0.0, HUGE)
            elif path == "/huge-undeclared":
                self.send_response(200)
                self.send_header("Connection", "close")
                self.end_headers()
                self._stream_forever(CHUNK, 0.0, HUGE)
            elif path == "/bomb":
                self._send(200, {"Content-Encoding": "gzip"}, state.bomb)
            else:
                self._send(404, {}, b"no such route")

    return Handler


class _Httpd(ThreadingHTTPServer):
    # The default backlog of 5 drops SYNs under a burst of connections; a dropped SYN is
    # retried only after a second, which would read as a spurious timeout.
    request_queue_size = 128
    daemon_threads = True
    block_on_close = False


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, Server]]:
    state = Server()
    httpd = _Httpd(("127.0.0.1", 0), make_handler(state))
    httpd.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    host, port = httpd.server_address[:2]
    try:
        yield f"http://{host!s}:{port}", state
    finally:
        state.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def get(server: tuple[str, Server]) -> Callable[..., FetchResult]:
    base, _ = server

    def fetch(path: str, **kwargs: Any) -> FetchResult:
        options = {**FAST, **kwargs}
        etag = options.pop("etag", None)
        modified = options.pop("last_modified", None)
        request = FetchRequest(base + path, etag=etag, last_modified=modified)
        [result] = fetch_all([request], **options)
        return result

    return fetch


def test_200_then_304_with_validators(get: Callable[..., FetchResult]) -> None:
    first = get("/feed")
    assert first.ok and first.status == 200 and first.content == FEED
    assert first.etag == '"v1"'
    assert first.last_modified == "Mon, 03 Jul 2023 21:00:00 GMT"
    assert first.headers["content-type"] == "application/rss+xml"
    second = get("/feed", etag=first.etag, last_modified=first.last_modified)
    assert second.ok and second.not_modified and second.status == 304
    assert second.content is None
    assert second.etag == '"v1"'


def test_request_headers(get: Callable[..., FetchResult]) -> None:
    result = get("/headers", etag='"abc"', last_modified="Sat, 01 Jul 2023 00:00:00 GMT")
    assert result.content is not None
    sent = {k.lower(): v for k, v in json.loads(result.content).items()}
    assert sent["user-agent"] == DEFAULT_USER_AGENT
    assert sent["if-none-match"] == '"abc"'
    assert sent["if-modified-since"] == "Sat, 01 Jul 2023 00:00:00 GMT"
    assert sent["accept-encoding"] == "gzip, deflate"
    assert "rss+xml" in sent["accept"]


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/404", 404, "HTTP 404 Not Found"),
        ("/410", 410, "HTTP 410 Gone"),
        ("/500", 500, "HTTP 500 Internal Server Error"),
        ("/300-no-location", 300, "HTTP 300 Multiple Choices"),
    ],
)
def test_http_errors(get: Callable[..., FetchResult], path: str, status: int, message: str) -> None:
    result = get(path)
    assert result.status == status
    assert result.error == message
    assert result.content is None and not result.not_modified


def test_429_retry_after_seconds(get: Callable[..., FetchResult]) -> None:
    result = get("/429")
    assert result.error == "HTTP 429 Too Many Requests"
    assert result.retry_after == 120.0


def test_503_retry_after_date_in_the_past_is_zero(get: Callable[..., FetchResult]) -> None:
    result = get("/503-date")
    assert result.error is not None and result.error.startswith("HTTP 503")
    assert result.retry_after == 0.0


def test_cache_control_max_age(get: Callable[..., FetchResult]) -> None:
    assert get("/cache").max_age == 3600.0
    assert get("/feed").max_age is None


def test_redirects_followed_and_final_url_kept(
    get: Callable[..., FetchResult], server: tuple[str, Server]
) -> None:
    base, _ = server
    moved = get("/moved")
    assert moved.ok and moved.content == FEED
    assert moved.url == base + "/moved"
    assert moved.final_url == base + "/feed"
    assert moved.permanent_redirect
    hopped = get("/hop1")
    assert hopped.ok and hopped.final_url == base + "/feed"
    assert not hopped.permanent_redirect  # one hop was a 302: keep the old URL
    assert not get("/feed").permanent_redirect


def test_redirect_loop(get: Callable[..., FetchResult]) -> None:
    result = get("/loop-a")
    assert result.error == "too many redirects"
    assert result.status is None


def test_server_that_never_answers(get: Callable[..., FetchResult]) -> None:
    result = get("/hang", total_timeout=0.5)
    assert result.error == "timed out after 0.5 s"


def test_server_that_trickles_forever(
    get: Callable[..., FetchResult], server: tuple[str, Server]
) -> None:
    # Each byte arrives well within any per-read timeout; only a wall-clock deadline ends it.
    result = get("/trickle", total_timeout=0.5)
    assert result.error == "timed out after 0.5 s"
    assert server[1].hits["/trickle"] == 1


def test_connect_timeout() -> None:
    # A listening socket with a full accept queue drops new SYNs: connect hangs locally.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    try:
        for _ in range(4):
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", port))
            fillers.append(filler)
        [result] = fetch_all(
            [FetchRequest(f"http://127.0.0.1:{port}/feed")],
            connect_timeout=0.3,
            total_timeout=1.0,
        )
    finally:
        for filler in fillers:
            filler.close()
        listener.close()
    assert result.error in ("could not connect within 0.3 s", "timed out after 1 s")


def test_connection_refused() -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now
    [result] = fetch_all([FetchRequest(f"http://127.0.0.1:{port}/")], **FAST)
    assert result.error is not None and result.error.startswith("could not connect")


@pytest.mark.parametrize("url", ["not a url", "ftp://127.0.0.1/feed", "http://"])
def test_invalid_urls_are_errors_not_exceptions(url: str) -> None:
    [result] = fetch_all([FetchRequest(url)], **FAST)
    assert result.error is not None and result.error.startswith("invalid URL")


def _peak_during(fetch: Callable[[], FetchResult]) -> tuple[FetchResult, int]:
    tracemalloc.start()
    try:
        result = fetch()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_100_mb_body_with_declared_length_is_refused(
    get: Callable[..., FetchResult],
) -> None:
    result, peak = _peak_during(lambda: get("/huge", max_bytes=MIB))
    assert result.error == "body larger than 1 MiB"
    assert result.content is None
    assert peak < 8 * MIB


def test_100_mb_body_without_length_stops_at_the_cap(
    get: Callable[..., FetchResult], server: tuple[str, Server]
) -> None:
    result, peak = _peak_during(lambda: get("/huge-undeclared", max_bytes=MIB, total_timeout=5))
    assert result.error == "body larger than 1 MiB"
    # The body was really streamed and cut, not refused up front, and memory stayed small.
    assert peak < 8 * MIB
    assert server[1].huge_sent < HUGE


def test_gzip_bomb_stops_at_the_decompressed_cap(get: Callable[..., FetchResult]) -> None:
    result, peak = _peak_during(lambda: get("/bomb", max_bytes=MIB))
    assert result.error == "decompressed body larger than 1 MiB"
    # httpx's own decoder would inflate a whole 64 KiB chunk, i.e. tens of MiB, at once.
    assert peak < 8 * MIB


def test_gzip_bomb_under_a_cap_that_fits_is_read(get: Callable[..., FetchResult]) -> None:
    result = get("/bomb", max_bytes=BOMB_SIZE)
    assert result.ok and result.content is not None and len(result.content) == BOMB_SIZE


@pytest.mark.parametrize("path", ["/gzip", "/deflate", "/raw-deflate", "/gzip-members"])
def test_compressed_bodies(get: Callable[..., FetchResult], path: str) -> None:
    result = get(path)
    assert result.error is None
    assert result.content == FEED


def test_large_gzip_body_is_inflated_intact(get: Callable[..., FetchResult]) -> None:
    # Many inflate steps and network chunks: order and completeness must survive them.
    result = get("/gzip-large", total_timeout=5.0)
    assert result.error is None
    assert result.content == ALL_NEWS


def test_corrupt_gzip(get: Callable[..., FetchResult]) -> None:
    assert get("/corrupt-gzip").error == "corrupt compressed body"


def test_unsupported_encoding(get: Callable[..., FetchResult]) -> None:
    assert get("/brotli").error == "unsupported content encoding 'br'"


def test_at_most_two_requests_at_a_time_to_one_host(server: tuple[str, Server]) -> None:
    base, state = server
    with state.lock:
        state.max_active, state.slow_target = 0, 2
    results = fetch_all([FetchRequest(f"{base}/slow?n={i}") for i in range(4)], **FAST)
    assert all(r.ok for r in results)
    assert state.max_active == 2


def test_per_host_limit_is_a_parameter(server: tuple[str, Server]) -> None:
    base, state = server
    with state.lock:
        state.max_active, state.slow_target = 0, 4
    results = fetch_all([FetchRequest(f"{base}/slow?n={i}") for i in range(8)], per_host=4, **FAST)
    assert all(r.ok for r in results)
    assert state.max_active == 4


def test_feeds_queued_behind_one_host_do_not_block_another_host(
    server: tuple[str, Server],
) -> None:
    base, state = server
    try:
        if socket.gethostbyname("localhost") != "127.0.0.1":
            pytest.skip("localhost does not resolve to 127.0.0.1 here")
    except OSError:
        pytest.skip("localhost does not resolve here")
    other_host = base.replace("127.0.0.1", "localhost")
    with state.lock:
        state.max_active, state.slow_target = 0, 2
    requests = [FetchRequest(f"{base}/slow?n={i}") for i in range(3)]
    requests.append(FetchRequest(f"{other_host}/slow"))
    # One request per host at a time, two overall: the localhost feed must run beside the
    # first 127.0.0.1 feed, not wait behind the 127.0.0.1 queue.
    results = fetch_all(requests, per_host=1, concurrency=2, **FAST)
    assert [r.error for r in results] == [None] * 4
    assert state.max_active == 2


def test_one_failing_feed_does_not_stop_the_others(server: tuple[str, Server]) -> None:
    base, state = server
    with state.lock:
        state.max_active, state.slow_target = 0, 2
    paths = ["/slow", "/hang", "/404", "/slow", "/feed", "/trickle"]
    seen: list[int] = []
    results = fetch_all(
        [FetchRequest(base + p) for p in paths],
        per_host=8,
        total_timeout=0.5,
        on_result=lambda i, r: seen.append(i),
    )
    assert [r.url for r in results] == [base + p for p in paths]  # request order
    assert sorted(seen) == list(range(len(paths)))
    assert [r.error is None for r in results] == [True, False, False, True, True, False]
    assert state.max_active == 2  # the two /slow fetches overlapped: fetched concurrently


def test_iter_fetch_yields_as_completed_and_can_stop_early(server: tuple[str, Server]) -> None:
    base, state = server
    state.hung_up.clear()
    requests = [FetchRequest(base + "/hang"), FetchRequest(base + "/feed")]
    stream = iter_fetch(requests, per_host=2, total_timeout=60.0)
    index, first = next(stream)
    assert index == 1 and first.ok  # the quick one arrives first
    assert not state.hung_up.is_set()
    stream.close()  # cancels the hanging fetch, which closes its connection
    # The wait only bounds a failure; a working cancel sets the event at once.
    assert state.hung_up.wait(SERVER_PATIENCE / 2)
    assert list(iter_fetch([])) == []


def test_hostile_feeds_in_one_poll(server: tuple[str, Server]) -> None:
    """Every hostile feed ends with an error recorded and the poll goes on to the next feed."""
    base, _ = server
    hostile = [
        "/404", "/410", "/429", "/500", "/loop-a", "/hang", "/trickle", "/huge", "/bomb",
        "/invalid-xml", "/html", "/empty",
    ]  # fmt: skip
    warned = ["/wrong-encoding", "/bozo"]
    fine = ["/feed", "/gzip", "/enormous-entry"]
    paths = [*hostile, *warned, *fine]
    results = fetch_all(
        [FetchRequest(base + p) for p in paths],
        max_bytes=6 * MIB,
        per_host=8,
        connect_timeout=1.0,
        total_timeout=0.5,
    )
    errors: dict[str, str] = {}
    warnings: dict[str, str] = {}
    entries: dict[str, int] = {}
    for path, result in zip(paths, results, strict=True):
        if result.error is not None:
            errors[path] = result.error
            continue
        assert result.content is not None
        try:
            parsed = parse_feed(result.content, url=result.final_url, headers=result.headers)
        except FeedParseError as exc:
            errors[path] = exc.message
            continue
        entries[path] = len(parsed.entries)
        if parsed.warning:
            warnings[path] = parsed.warning
    assert set(errors) == set(hostile)
    assert set(warnings) == set(warned)
    assert entries == {"/wrong-encoding": 1, "/bozo": 1, "/feed": FEED_ITEMS, "/gzip": 12,
                       "/enormous-entry": 1}  # fmt: skip
    assert errors["/html"] == "an HTML page, not a feed"
    assert errors["/empty"] == "empty body"
    assert errors["/huge"] == "body larger than 6 MiB"
    assert errors["/bomb"] == "decompressed body larger than 6 MiB"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("", None),
        ("120", 120.0),
        ("1.5", 1.5),
        ("-3", None),
        ("soon", None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),
    ],
)
def test_parse_retry_after(header: str | None, expected: float | None) -> None:
    assert parse_retry_after(header) == expected


def test_parse_retry_after_future_date() -> None:
    from datetime import UTC, datetime

    now = datetime(2015, 10, 21, 7, 0, tzinfo=UTC)
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now) == 28 * 60


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("no-cache", None),
        ("max-age=60", 60.0),
        ("public, max-age=3600, must-revalidate", 3600.0),
        ('max-age="30"', 30.0),
        ("s-maxage=10", None),
    ],
)
def test_parse_max_age(header: str | None, expected: float | None) -> None:
    assert parse_max_age(header) == expected
