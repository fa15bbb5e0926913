"""The claims workflow as a user drives it: articles from files and URLs, questions and claims by hand,
probabilities in every accepted form, amendments with history, filters, and candidate extraction."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import os
import pty
import select
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ledger.db import Database
from tests.conftest import installed_cli

DATA = Path(__file__).parent / "data"
SEED_002 = next((DATA / "seeds").glob("002_*.txt"))

HTML = """<!doctype html><html><head><title>Why the Truce Will Fail | The Gazette</title>
<meta property="og:site_name" content="The Gazette">
<meta name="author" content="Jane Pundit">
<meta property="article:published_time" content="2025-03-20T08:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/subscribe">Subscribe</a></nav>
<article><h1>Why the Truce Will Fail</h1>
<p>Moscow has agreed to talk, but the Kremlin will almost certainly cite Kursk as a sticking point in any
negotiation over the coming weeks. Russian officials said on Tuesday that the talks would begin in Riyadh.</p>
<p>Those who expect a lasting peace will be disappointed: Russia is unlikely to accept a freeze on the current
front line before the end of the year, because the war economy cannot survive demobilisation.</p>
<p>The central bank raised its key rate to 21 percent in October, the highest level in two decades.</p>
</article><footer>Copyright The Gazette. All rights reserved.</footer></body></html>"""


@pytest.fixture
def article_server() -> Iterator[str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = HTML.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/opinion/truce"
    server.shutdown()
    server.server_close()


def _json(result) -> object:  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_article_from_text_file_needs_metadata_without_a_terminal(
    tmp_path: Path, cli, database: Database
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "oped.txt"
    path.write_text("Russia will never negotiate. The war goes on.\n")
    missing = cli(["articles", "add", str(path), "--title", "Never"])
    assert missing.exit_code == 1
    assert "missing outlet, author, published" in missing.stderr and "--author" in missing.stderr
    added = _json(
        cli(
            [
                "articles",
                "add",
                str(path),
                "--title",
                "Never",
                "--outlet",
                "Gazette",
                "--author",
                "",
                "--published",
                "2025-03-01",
                "--json",
            ]
        )
    )
    assert added["created"] and added["authors"] == [] and added["outlet"] == "Gazette"
    # The same text again (other spacing) is the existing article.
    path.write_text("Russia will never   negotiate.\nThe war goes on.")
    again = _json(
        cli(
            [
                "articles",
                "add",
                str(path),
                "--title",
                "Other",
                "--outlet",
                "X",
                "--author",
                "Y",
                "--published",
                "2025-03-02",
                "--json",
            ]
        )
    )
    assert again["id"] == added["id"] and again["created"] is False


def test_article_from_html_file_and_url(
    tmp_path: Path, article_server: str, cli, database: Database
) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "truce.html"
    page.write_text(HTML)
    from_file = _json(cli(["articles", "add", str(page), "--json"]))
    shown = _json(cli(["articles", "show", from_file["id"][:6], "--json"]))
    assert shown["title"] == "Why the Truce Will Fail"
    assert shown["outlet"] == "The Gazette" and shown["authors"] == ["Jane Pundit"]
    assert shown["published"] == "2025-03-20"
    assert "almost certainly cite Kursk" in shown["text"]
    assert "Subscribe" not in shown["text"] and "All rights reserved" not in shown["text"]
    # The same article by URL has the same text: it is the existing article, said so.
    from_url = _json(cli(["articles", "add", article_server, "--json"]))
    assert from_url["id"] == from_file["id"] and from_url["created"] is False


def test_unreachable_url_is_a_clear_error(cli, database: Database) -> None:  # type: ignore[no-untyped-def]
    result = cli(["articles", "add", "http://127.0.0.1:9/nothing", "--title", "x"])
    assert result.exit_code == 1 and result.stderr.startswith(
        "Error: cannot fetch http://127.0.0.1:9/nothing"
    )


def test_questions_and_claims_by_hand(tmp_path: Path, cli, database: Database) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.txt"
    path.write_text("Russia is unlikely to negotiate in good faith. It will fight on.")
    art = _json(
        cli(
            [
                "articles",
                "add",
                str(path),
                "--title",
                "T",
                "--outlet",
                "O",
                "--author",
                "Ann",
                "--published",
                "2025-01-10",
                "--json",
            ]
        )
    )
    q = _json(
        cli(
            [
                "questions",
                "add",
                "Will Russia negotiate in good faith by 2026-12-31?",
                "--criteria",
                "Talks at ministerial level with a signed agenda.",
                "--resolve-by",
                "2026-12-31",
                "--tag",
                "Talks",
                "--key",
                "ru-talks",
                "--json",
            ]
        )
    )
    assert q["tags"] == ["talks"] and q["resolve_by"] == "2026-12-31"
    for prob, expected in [("0.2", 0.2), ("20%", 0.2), ("is unlikely to", None)]:
        result = cli(
            [
                "claims",
                "add",
                "--question",
                "ru-talks",
                "--article",
                art["id"][:5],
                "--quote",
                "Russia is unlikely to negotiate in good faith.",
                "--probability",
                prob,
                "--author",
                f"Reader {prob}",
                "--json",
            ]
        )
        claim = _json(result)
        if expected is not None:
            assert claim["probability"] == expected and claim["basis"] == "stated"
        else:
            assert claim["basis"] == "hedge" and claim["hedge"] == "is unlikely to"
            assert 0.1 < claim["probability"] < 0.35
    for phrase, reading in [
        ("roughly even", 0.5),
        ("toss-up", 0.5),
        ("50-50", 0.5),
        ("a real possibility", 0.45),
    ]:
        claim = _json(
            cli(
                [
                    "claims",
                    "add",
                    "--question",
                    "ru-talks",
                    "--author",
                    f"Hedger {phrase}",
                    "--quote",
                    "It will fight on.",
                    "--probability",
                    phrase,
                    "--json",
                ]
            )
        )
        assert (claim["probability"], claim["basis"], claim["hedge"]) == (reading, "hedge", phrase)
    for bad in ["101%", "1.5", "-0.2", "banana"]:  # 0 and 1 are stated certainties, kept
        refused = cli(
            [
                "claims",
                "add",
                "--question",
                "ru-talks",
                "--author",
                "Z",
                "--quote",
                "q",
                "--probability",
                bad,
            ]
        )
        assert (
            refused.exit_code == 1
            and refused.stderr.startswith("Error: ")
            and "Traceback" not in refused.stderr
        )
    not_quoted = cli(
        [
            "claims",
            "add",
            "--question",
            "ru-talks",
            "--article",
            art["id"],
            "--quote",
            "Words never written.",
            "--probability",
            "0.5",
        ]
    )
    assert not_quoted.exit_code == 1 and "not in article" in not_quoted.stderr
    missing = cli(["questions", "add", "Will it?"])
    assert (
        missing.exit_code == 1
        and "--criteria" in missing.stderr
        and "--resolve-by" in missing.stderr
    )
    no_q = cli(["claims", "add", "--question", "nope-nope", "--quote", "x", "--probability", "0.5"])
    assert no_q.exit_code == 1 and "no question 'nope-nope'" in no_q.stderr


def test_amendments_keep_history_and_first_probability(cli, database: Database) -> None:  # type: ignore[no-untyped-def]
    cli(
        [
            "questions",
            "add",
            "Will X by 2026?",
            "--criteria",
            "X.",
            "--resolve-by",
            "2026-12-31",
            "--key",
            "qx",
        ]
    )
    claim = _json(
        cli(
            [
                "claims",
                "add",
                "--question",
                "qx",
                "--author",
                "P",
                "--quote",
                "X will happen.",
                "--probability",
                "likely",
                "--json",
            ]
        )
    )
    no_reason = cli(["claims", "amend", claim["id"][:6], "--probability", "0.4"])
    assert no_reason.exit_code == 1 and "--reason" in no_reason.stderr
    ok = cli(
        [
            "claims",
            "amend",
            claim["id"][:6],
            "--probability",
            "0.4",
            "--reason",
            "misread the hedge",
        ]
    )
    assert ok.exit_code == 0, ok.stderr
    shown = _json(cli(["claims", "show", claim["id"][:6], "--json"]))
    assert shown["probability"] == 0.7  # as first registered: what scoring uses
    assert shown["current"]["probability"] == 0.4 and shown["amended"]
    assert (
        shown["amendments"][0]["reason"] == "misread the hedge"
        and shown["amendments"][0]["old"] == 0.7
    )
    text = cli(["claims", "show", claim["id"][:6]]).stdout
    assert "Amended: reports score the probability as first registered." in text
    cli(["questions", "amend", "qx", "--resolve-by", "2027-06-30", "--reason", "talks moved"])
    q = _json(cli(["questions", "show", "qx", "--json"]))
    assert q["resolve_by"] == "2027-06-30"
    assert q["amendments"][0]["old"] == "2026-12-31" and q["amendments"][0]["new"] == "2027-06-30"
    assert cli(["verify"]).exit_code == 0


def test_list_filters(cli, database: Database) -> None:  # type: ignore[no-untyped-def]
    from claims.importer import SEED

    assert cli(["import", str(SEED)]).exit_code == 0
    all_q = _json(cli(["questions", "list", "--json"]))
    due = _json(cli(["questions", "list", "--due", "--json"]))
    today = dt.date.today().isoformat()
    assert due
    assert all(
        q["status"] == "open" and q["kind"] == "forecast" and q["resolve_by"] < today for q in due
    )
    assert {q["id"] for q in due} < {q["id"] for q in all_q}
    ceasefire = _json(cli(["questions", "list", "--tag", "ceasefire", "--json"]))
    assert ceasefire and all("ceasefire" in q["tags"] for q in ceasefire)
    garner = _json(cli(["claims", "list", "--source", "Ian Garner", "--json"]))
    assert garner and all(c["author"] == "Ian Garner" for c in garner)
    fp = _json(cli(["claims", "list", "--source", "Foreign Policy", "--json"]))
    assert {c["id"] for c in fp} == {c["id"] for c in garner}
    factual = _json(cli(["questions", "list", "--kind", "factual", "--json"]))
    assert factual and all(q["kind"] == "factual" for q in factual)
    bad = cli(["questions", "list", "--status", "pending"])
    assert bad.exit_code == 1 and "open, resolved" in bad.stderr


def test_extract_json_on_a_file_and_an_article(tmp_path: Path, cli, database: Database) -> None:  # type: ignore[no-untyped-def]
    candidates = _json(
        cli(["claims", "extract", str(SEED_002), "--published", "2025-03-17", "--json"])
    )
    assert isinstance(candidates, list) and len(candidates) > 5
    text = SEED_002.read_text()
    for cand in candidates:
        assert set(cand) == {
            "sentence",
            "kind",
            "hedge",
            "direction",
            "probability",
            "deadline",
            "question",
            "condition",
            "deadline_basis",
            "note",
        }
        assert cand["sentence"] in text
        assert cand["kind"] in ("forecast", "factual") and cand["direction"] in (
            "affirms",
            "denies",
        )
    assert any(c["kind"] == "forecast" and c["probability"] is not None for c in candidates)
    art = _json(
        cli(
            [
                "articles",
                "add",
                str(SEED_002),
                "--title",
                "Putin",
                "--outlet",
                "NYT",
                "--author",
                "",
                "--published",
                "2025-03-17",
                "--json",
            ]
        )
    )
    by_id = _json(cli(["claims", "extract", art["id"][:6], "--json"]))
    assert by_id == candidates
    table = cli(["claims", "extract", art["id"][:6]])
    assert table.exit_code == 0 and "forecast" in table.stdout


def _drive_pty(
    args: list[str], answers: list[tuple[str, str]], env: dict[str, str], timeout: float = 60
) -> str:
    """Runs the installed command on a pseudo-terminal, answering each prompt as it appears."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [installed_cli(), *args], stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True
    )
    os.close(slave)
    seen = b""
    pending = list(answers)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
            if pending and pending[0][0].encode() in seen.rsplit(b"\n", 3)[-1] + seen[-400:]:
                os.write(master, (pending.pop(0)[1] + "\n").encode())
                seen += b"\n"
            if proc.poll() is not None and not ready:
                break
    finally:
        proc.wait(timeout=10)
        os.close(master)
    return seen.decode(errors="replace")


def test_extract_on_a_terminal_registers_accepted_candidates(
    tmp_path: Path, db_url: str, database: Database
) -> None:
    art = tmp_path / "a.txt"
    art.write_text(
        "Russia will almost certainly cite Kursk as a sticking point in the talks by the end of the year.\n\n"
        "The weather in Moscow was cold on Monday, officials said.\n"
    )
    env = {
        **os.environ,
        "FORECAST_LEDGER_DB": db_url,
        "FORECAST_LEDGER_ACTOR": "tty-user",
        "NO_COLOR": "1",
        "COLUMNS": "200",
    }
    out = _drive_pty(
        ["claims", "extract", str(art), "--published", "2025-03-20"],
        [
            ("Title", "Kursk op-ed"),
            ("Outlet", "Gazette"),
            ("Author", "Jane Pundit"),
            ("[a]ccept", "a"),
            ("Kind", ""),
            ("Key", ""),
            ("Tags", ""),
            ("criteria", "Russian officials publicly name Kursk as a condition in talks."),
            ("Register this", "y"),
            ("[a]ccept", "s"),
        ],
        env,
    )
    assert "1 registered, 1 skipped" in out, out
    assert "Kind (forecast or factual) [forecast]" in out
    assert "watch terms" in out and "subject:" in out
    with database.session() as s:
        from claims.queries import list_claims

        [claim] = list_claims(s)
    assert claim["quote"].startswith("Russia will almost certainly cite Kursk")
    assert claim["author"] == "Jane Pundit" and claim["hedge"] == "will almost certainly"
    assert claim["probability"] == pytest.approx(0.95, abs=0.03)


def _pty_env(db_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "FORECAST_LEDGER_DB": db_url,
        "FORECAST_LEDGER_ACTOR": "tty-user",
        "NO_COLOR": "1",
        "COLUMNS": "200",
    }


_META = [("Title", "Rates op-ed"), ("Outlet", "Gazette"), ("Author", "Jane Pundit")]


def test_extract_edit_turns_a_factual_candidate_into_a_forecast_with_key_and_tags(
    tmp_path: Path, db_url: str, database: Database
) -> None:
    art = tmp_path / "rates.txt"
    art.write_text(
        "The central bank raised its key rate to 21 percent in October, officials said.\n"
    )
    out = _drive_pty(
        ["claims", "extract", str(art), "--published", "2025-03-20"],
        [
            *_META,
            ("[a]ccept", "e"),
            ("Question", "Will the central bank cut its key rate below 20 percent by 2026-01-31?"),
            ("Resolve by", "2026-01-31"),
            ("Probability", "toss-up"),
            ("Kind", ""),  # proposed from the edit: a deadline and a probability make a forecast
            ("Key", "Bad Key!"),  # refused, asked again
            ("Key", "cbr-cut-2026"),
            ("Tags", "economy, rates"),
            ("YES or NO", "The bank's published key rate is below 20% on 2026-01-31."),
            ("Register this", "y"),
        ],
        _pty_env(db_url),
    )
    assert "Kind (forecast or factual) [forecast]" in out, out
    assert "Error: a key is lowercase letters" in out
    assert "1 registered, 0 skipped" in out, out
    from sqlmodel import select

    from claims.register import question_tags
    from ledger.models import Claim, Question

    with database.session() as s:
        [q] = s.exec(select(Question)).all()
        [c] = s.exec(select(Claim)).all()
        assert (q.kind, q.key, q.resolve_by) == ("forecast", "cbr-cut-2026", dt.date(2026, 1, 31))
        assert question_tags(s, q.id) == ["economy", "rates"]
        assert (c.probability, c.hedge) == (0.5, "toss-up")


def test_extract_declining_the_confirmation_writes_nothing(
    tmp_path: Path, db_url: str, database: Database
) -> None:
    art = tmp_path / "a.txt"
    art.write_text("The coalition will collapse before the budget vote in the autumn.\n")
    out = _drive_pty(
        ["claims", "extract", str(art), "--published", "2025-03-20"],
        [
            *_META,
            ("[a]ccept", "a"),
            ("Kind", "factual"),  # the analyst's kind wins; the probability is dropped
            ("Key", "-"),
            ("Tags", "-"),
            ("TRUE, FALSE", "Whatever the record shows."),
            ("Register this", "n"),
        ],
        _pty_env(db_url),
    )
    assert "0 registered, 1 skipped" in out, out
    assert "a factual question carries no probability" in out
    from sqlmodel import select

    from ledger.models import Article, Question

    with database.session() as s:
        assert s.exec(select(Question)).all() == []
        assert s.exec(select(Article)).all() == []


def test_extract_marks_registered_sentences_and_links_to_open_questions(
    tmp_path: Path, db_url: str, database: Database
) -> None:
    first = tmp_path / "first.txt"
    sentence = "The central bank will cut its key rate below 15 percent by the end of the year."
    first.write_text(sentence + "\n")
    args = ["claims", "extract", str(first), "--published", "2025-03-20"]
    accept = [
        ("[a]ccept", "a"),
        ("Kind", ""),
        ("Key", "cbr-below-15"),
        ("Tags", ""),
        ("YES or NO", "The key rate is below 15% on 2025-12-31."),
        ("Register this", "y"),
    ]
    out = _drive_pty(args, [*_META, *accept], _pty_env(db_url))
    assert "1 registered" in out, out
    # The same op-ed again: the sentence is named as registered, with its claim and question.
    again = _drive_pty(args, _META, _pty_env(db_url))
    assert "already registered: claim" in again and "cbr-below-15" in again, again
    assert "0 registered, 0 skipped, 1 already registered" in again
    # Another pundit on the same event: proposed as bearing on the open question, and linked.
    second = tmp_path / "second.txt"
    second.write_text(
        "The central bank will probably cut the key rate below 15 percent this year.\n"
    )
    linked = _drive_pty(
        ["claims", "extract", str(second), "--published", "2025-04-02"],
        [
            ("Title", "Second op-ed"),
            ("Outlet", "Herald"),
            ("Author", "John Pundit"),
            ("[a]ccept", "a"),
            ("Register on open question", ""),
            ("Probability", ""),
            ("Register this claim", "y"),
        ],
        _pty_env(db_url),
    )
    assert "may bear on open question [1] cbr-below-15" in linked, linked
    assert "1 linked to existing questions" in linked
    from sqlmodel import select

    from ledger.models import Claim, Question

    with database.session() as s:
        [q] = s.exec(select(Question)).all()
        claims = s.exec(select(Claim).where(Claim.question_id == q.id)).all()
        assert sorted(c.probability for c in claims) == [0.75, 0.9]
