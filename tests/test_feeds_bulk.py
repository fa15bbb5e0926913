"""Feeds in bulk, through the CLI on both databases: several URLs at once, OPML in and out, titles listed."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>My reader</title></head><body>
  <outline text="World">
    <outline type="rss" text="Guardian World" title="The Guardian — World" xmlUrl="https://www.theguardian.com/world/rss"/>
    <outline type="rss" text="BBC World" xmlUrl="https://feeds.bbci.co.uk/news/world/rss.xml"/>
  </outline>
  <outline type="rss" text="Meduza &amp; co" xmlURL="https://meduza.io/rss/en/all"/>
  <outline text="a folder with nothing"/>
</body></opml>
"""


def _json(result: Any) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_several_urls_in_one_command(cli) -> None:  # type: ignore[no-untyped-def]
    urls = ["https://example.org/a.xml", "https://example.org/b.xml", "https://example.org/a.xml"]
    result = cli(["feeds", "add", *urls])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "2 feeds added, 0 watched again, 0 already watched"
    again = _json(
        cli(["feeds", "add", "https://example.org/a.xml", "https://example.org/c.xml", "--json"])
    )
    assert [(f["url"], f["created"]) for f in again] == [
        ("https://example.org/a.xml", False),
        ("https://example.org/c.xml", True),
    ]
    bad = cli(["feeds", "add", "https://example.org/d.xml", "ftp://nope"])
    assert bad.exit_code == 1 and "ftp://nope" in bad.stderr and "nothing was written" in bad.stderr
    assert len(_json(cli(["feeds", "list", "--json"]))) == 3  # d.xml was not added either
    assert _json(cli(["log", "-n", "1", "--json"]))[0]["action"] == "feeds.added"
    assert cli(["verify"]).exit_code == 0


def test_opml_import_with_titles_and_export_round_trip(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    opml = tmp_path / "subs.opml"
    opml.write_text(OPML)
    result = cli(["feeds", "import", str(opml)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("3 feeds added")
    listed = {f["url"]: f["title"] for f in _json(cli(["feeds", "list", "--json"]))}
    assert listed == {
        "https://www.theguardian.com/world/rss": "The Guardian — World",
        "https://feeds.bbci.co.uk/news/world/rss.xml": "BBC World",
        "https://meduza.io/rss/en/all": "Meduza & co",
    }
    table = cli(["feeds", "list"])
    assert "The Guardian — World" in table.stdout and "title" in table.stdout
    assert cli(["feeds", "import", str(opml)]).stdout.startswith(
        "0 feeds added, 0 watched again, 3 already"
    )

    exported = cli(["feeds", "export", "--opml"])
    assert exported.exit_code == 0
    root = ET.fromstring(exported.stdout)
    assert {o.get("xmlUrl"): o.get("title") for o in root.iter("outline")} == listed
    out = tmp_path / "out.opml"
    assert cli(["feeds", "export", "--out", str(out)]).exit_code == 0
    other = cli(["--db", str(tmp_path / "other.db"), "feeds", "import", str(out), "--json"])
    assert {f["url"]: f["title"] for f in _json(other)} == listed


def test_bad_opml_is_one_error_and_writes_nothing(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cases = {
        "broken.opml": ("<opml><body><outline xmlUrl='https://x.org/a'></body>", "not valid XML"),
        "empty.opml": ("", "the file is empty"),
        "html.opml": ("<html><body/></html>", "not <opml>"),
        "none.opml": ("<opml><body><outline text='x'/></body></opml>", "no <outline xmlUrl"),
        "badurl.opml": (
            "<opml><body><outline xmlUrl='javascript:alert(1)'/></body></opml>",
            "not an http(s) URL",
        ),
    }
    for name, (text, words) in cases.items():
        path = tmp_path / name
        path.write_text(text)
        result = cli(["feeds", "import", str(path)])
        assert result.exit_code == 1, name
        assert words in result.stderr and "Error: " in result.stderr, (name, result.stderr)
        assert "Traceback" not in result.stderr
    assert _json(cli(["feeds", "list", "--json"])) == []
