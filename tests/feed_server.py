"""A real local HTTP server for feed tests: the shipped news files, documents set by a test, hostile routes,
and a count of requests per path."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

NEWS = Path(__file__).resolve().parent.parent / "feeds" / "data" / "news"
NEWS_FILES = sorted(p.name for p in NEWS.glob("*.xml"))
PATIENCE = 10.0  # the server gives up on a hostile route after this, whatever the client does


def rss(items: str, *, encoding: str = "utf-8", extra: str = "") -> str:
    return (
        f"<?xml version='1.0' encoding='{encoding}'?>"
        f"<rss version='2.0'><channel><title>Test feed</title>{extra}{items}</channel></rss>"
    )


def item(guid: str, title: str, summary: str = "", published: str = "") -> str:
    date = f"<pubDate>{published}</pubDate>" if published else ""
    return (
        f"<item><guid>{guid}</guid><title>{title}</title>"
        f"<description>{summary}</description>{date}</item>"
    )


Route = tuple[int, dict[str, str], bytes] | Callable[[BaseHTTPRequestHandler], None]


class FeedServer:
    """Routes are set by tests (`server.routes[path] = (status, headers, body)` or a handler function); the
    news files are under /news/NAME with ETag validators. hits counts requests per path."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        self.lock = threading.Lock()
        self.release = threading.Event()
        self.delay = 0.0  # seconds every /news/ answer waits (to make workers overlap)
        self.base = ""

    def url(self, path: str) -> str:
        return self.base + path

    def news_url(self, name: str) -> str:
        return self.url(f"/news/{name}")

    def hit_count(self, path: str) -> int:
        with self.lock:
            return self.hits.get(path, 0)


def _send(
    handler: BaseHTTPRequestHandler, status: int, headers: dict[str, str], body: bytes
) -> None:
    handler.send_response(status)
    for key, value in headers.items():
        handler.send_header(key, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(body)


def stream_forever(chunk: bytes, pause: float, limit: int, server: FeedServer) -> Route:
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Connection", "close")
        handler.end_headers()
        sent = 0
        deadline = time.monotonic() + PATIENCE
        try:
            while sent < limit and time.monotonic() < deadline and not server.release.is_set():
                handler.wfile.write(chunk)
                handler.wfile.flush()
                sent += len(chunk)
                if pause:
                    time.sleep(pause)
        except OSError:
            pass  # the client hung up: what the test wants
        handler.close_connection = True

    return route


def never_answer(server: FeedServer) -> Route:
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.close_connection = True
        server.release.wait(PATIENCE)

    return route


def _make_handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            with server.lock:
                server.hits[path] = server.hits.get(path, 0) + 1
                route = server.routes.get(path)
            if route is not None:
                if callable(route):
                    route(self)
                else:
                    _send(self, *route)
                return
            name = path.removeprefix("/news/")
            if path.startswith("/news/") and name in NEWS_FILES:
                if server.delay:
                    time.sleep(server.delay)
                body = (NEWS / name).read_bytes()
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    _send(self, 304, {"ETag": etag}, b"")
                else:
                    _send(self, 200, {"Content-Type": "application/rss+xml", "ETag": etag}, body)
                return
            _send(self, 404, {}, b"no such route")

    return Handler


class _Httpd(ThreadingHTTPServer):
    request_queue_size = (
        128  # a burst of connections must not drop SYNs (they would read as timeouts)
    )
    daemon_threads = True
    block_on_close = False


@contextmanager
def serve() -> Iterator[FeedServer]:
    state = FeedServer()
    httpd = _Httpd(("127.0.0.1", 0), _make_handler(state))
    httpd.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    host, port = httpd.server_address[:2]
    state.base = f"http://{host!s}:{port}"
    try:
        yield state
    finally:
        state.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
