"""The feeds commands driven as a user drives them: add, list, remove, poll."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from feeds.matching.index import CACHE
from tests.conftest import run_installed
from tests.feed_server import FeedServer, item, rss, serve

FEED = rss(
    item("urn:1", "Russia and Ukraine agree a ceasefire", "The Kremlin says the truce holds")
    + item("urn:2", "[bold]markup[/bold] title", "weather")
)


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    with serve() as s:
        s.routes["/feed"] = (200, {"Content-Type": "application/rss+xml"}, FEED.encode())
        s.routes["/broken"] = (500, {}, b"oops")
        yield s


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    CACHE.clear()
    yield


def _json(result: Any) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_add_list_poll_remove(cli: Any, server: FeedServer) -> None:
    added = _json(cli(["feeds", "add", server.url("/feed"), "--interval", "30", "--json"]))
    assert added["created"] and added["interval_minutes"] == 30 and added["status"] == "new"
    again = cli(["feeds", "add", server.url("/feed")])
    assert again.exit_code == 0 and "already watched" in again.stdout
    broken = cli(["feeds", "add", server.url("/broken")])
    assert broken.exit_code == 0 and broken.stdout.startswith("feed ")

    polled = cli(["feeds", "poll", "--due"])
    assert polled.exit_code == 0, polled.stderr
    assert polled.stdout.strip() == (
        "2 feeds polled: 1 fetched, 0 not modified, 2 new items, 0 new flags, 1 failure"
    )
    assert "failed: HTTP 500 Internal Server Error" in polled.stderr

    feeds = {f["url"]: f for f in _json(cli(["feeds", "list", "--json"]))}
    good, bad = feeds[server.url("/feed")], feeds[server.url("/broken")]
    assert (good["status"], good["items"], good["consecutive_errors"]) == ("ok", 2, 0)
    assert good["title"] == "Test feed" and good["last_checked_at"] and good["next_check_at"]
    assert (bad["status"], bad["consecutive_errors"]) == ("error", 1)
    assert bad["last_error"] == "HTTP 500 Internal Server Error"

    table = cli(["feeds", "list"])
    assert table.exit_code == 0
    words = table.stdout.split()  # the table wraps to the terminal's width
    assert {"status", "errors", "items", "flags", "error", "ok", "HTTP"} <= set(words)

    # Nothing due now; a named feed is polled anyway (by short id).
    assert cli(["feeds", "poll"]).stdout.startswith("0 feeds polled")
    one = _json(cli(["feeds", "poll", good["id"][:8], "--json"]))
    assert (
        one["fetched"] == 1 and one["new_items"] == 0 and one["feeds"][0]["feed_id"] == good["id"]
    )

    removed = cli(["feeds", "remove", bad["id"][:8]])
    assert removed.exit_code == 0 and removed.stdout.startswith(f"removed feed {bad['id'][:8]}")
    assert [f["url"] for f in _json(cli(["feeds", "list", "--json"]))] == [server.url("/feed")]
    assert cli(["verify"]).exit_code == 0


def test_poll_all_flags_items_for_open_questions(cli: Any, server: FeedServer) -> None:
    assert cli(["feeds", "add", server.url("/feed")]).exit_code == 0
    q = cli(
        [
            "questions", "add", "Will Russia and Ukraine agree to a general ceasefire by 2027-12-31?",
            "--criteria", "Both governments announce a general ceasefire.", "--resolve-by", "2027-12-31",
        ]
    )  # fmt: skip
    assert q.exit_code == 0, q.stderr
    summary = _json(cli(["feeds", "poll", "--all", "--json"]))
    assert (summary["new_items"], summary["new_flags"], summary["failures"]) == (2, 1, 0)
    flags = _json(cli(["flags", "list", "--json"]))
    assert len(flags) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["feeds", "add", "ftp://example.org/feed"], "is not an http(s) URL"),
        (["feeds", "add", "not a url"], "has a space (U+0020) at character 4"),
        (
            ["feeds", "add", "https://example.org/\x1b[31mred"],
            "control character (U+001B) at character 21",
        ),
        (["feeds", "add", "https://example.org/a\u202eb"], "control character (U+202E)"),
        (
            ["feeds", "add", "https://example.org/rss", "--interval", "4"],
            "--interval 4 is out of range",
        ),
        (["feeds", "add", "https://example.org/rss", "--interval", "1441"], "between 5 and 1440"),
        (["feeds", "poll", "--due", "--all"], "give one of --due, --all or a FEED"),
        (["feeds", "poll", "abcd1234"], "no feed with id starting 'abcd1234'"),
        (["feeds", "poll", "https://nowhere.example/rss"], "no feed with URL"),
        (["feeds", "remove", "zz"], "no feed 'zz'"),
    ],
)
def test_bad_input_is_one_clear_error(cli: Any, args: list[str], message: str) -> None:
    assert (
        _json(cli(["feeds", "list", "--json"])) == []
    )  # the ledger exists: stderr is only the error
    result = cli(args)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "\x1b" not in result.stderr
    assert _json(cli(["feeds", "list", "--json"])) == []


def test_feed_text_is_inert_in_the_terminal_table(cli: Any, server: FeedServer) -> None:
    server.routes["/evil"] = (
        200,
        {},
        rss(item("urn:e", "x", "y"), extra="")
        .replace("Test feed", "\x1b[2J[red]Evil[/red]")
        .encode(),
    )
    assert cli(["feeds", "add", server.url("/evil")]).exit_code == 0
    assert cli(["feeds", "poll", "--all"]).exit_code == 0
    listed = _json(cli(["feeds", "list", "--json"]))
    assert listed[0]["title"] == "[red]Evil[/red]"  # stored as plain text, escape sequence gone


def test_installed_command_polls_and_lists(db_url: str, server: FeedServer) -> None:
    env = {"FORECAST_LEDGER_DB": db_url}
    assert run_installed(["feeds", "add", server.url("/feed")], env=env).exit_code == 0
    polled = run_installed(["feeds", "poll", "--due"], env=env)
    assert polled.exit_code == 0, polled.stderr
    assert polled.stdout.strip().endswith("2 new items, 0 new flags, 0 failures")
    listed = run_installed(["feeds", "list", "--json"], env=env)
    assert json.loads(listed.stdout)[0]["items"] == 2


def test_help_has_examples(cli: Any) -> None:
    for command in ("add", "list", "remove", "poll"):
        result = cli(["feeds", command, "--help"])
        assert result.exit_code == 0 and "e.g." in result.stdout, command


@pytest.mark.parametrize(
    "args",
    [
        ["feeds", "add", "ftp://example.org/feed"],
        ["feeds", "add", "https://example.org/a", "not a url"],
        ["feeds", "add", "https://example.org/a", "--interval", "1"],
    ],
)
def test_a_bad_feed_url_leaves_no_ledger_behind(tmp_path: Any, args: list[str]) -> None:
    path = tmp_path / "new.db"
    result = run_installed(["--db", str(path), *args])
    assert result.exit_code == 1 and result.stderr.count("Error:") == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert not path.exists() and list(tmp_path.iterdir()) == []
