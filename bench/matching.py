"""Benchmark and quality check of the percolation matcher over the real news sample.

.venv/bin/python bench/matching.py            # items/s at 100 and 10,000 questions
.venv/bin/python bench/matching.py --quality  # flags for ten seed-theme questions
"""

from __future__ import annotations

import argparse
import html
import random
import re
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from feeds.matching.matcher import MatchIndex, QuestionWatch, TermStats, propose_watch

NEWS_DIRS = (
    Path(__file__).resolve().parent.parent / "feeds" / "data" / "news",
    Path("/work/shared/data/news"),
)


@dataclass(frozen=True)
class NewsItem:
    source: str
    title: str
    summary: str
    published: datetime


def _plain(text: str | None) -> str:
    text = re.sub(r"<[^>]+>", " ", text or "")
    return " ".join(html.unescape(text).split())


def load_news() -> list[NewsItem]:
    folder = next((d for d in NEWS_DIRS if d.is_dir() and any(d.glob("*.xml"))), None)
    if folder is None:
        raise SystemExit("no news sample found in " + ", ".join(map(str, NEWS_DIRS)))
    items: list[NewsItem] = []
    for path in sorted(folder.glob("*.xml")):
        for node in ET.parse(path).getroot().iter("item"):
            published = parsedate_to_datetime(node.findtext("pubDate") or "")
            items.append(
                NewsItem(
                    source=path.stem,
                    title=_plain(node.findtext("title")),
                    summary=_plain(node.findtext("description")),
                    published=published.astimezone(UTC),
                )
            )
    return items


# -- a large, varied question set

COUNTRIES_TEXT = """
Germany France Poland Italy Spain Hungary Slovakia Romania Bulgaria Finland Sweden
Norway Denmark Estonia Latvia Lithuania Moldova Georgia Armenia Azerbaijan Kazakhstan Turkey
Iran India China Japan Brazil Mexico Canada Australia Israel Egypt Serbia Austria Switzerland
Netherlands Belgium Portugal Greece Ireland Czechia Croatia Slovenia Albania Montenegro Uzbekistan
Kyrgyzstan Tajikistan Mongolia Vietnam Indonesia Thailand Malaysia Pakistan Nigeria Kenya Ethiopia
Sudan Mali Niger Chad Libya Syria Iraq Jordan Qatar Oman Yemen Argentina Chile Colombia Peru
Venezuela Cuba Nicaragua Bolivia Ecuador Uruguay Paraguay Morocco Algeria Tunisia Ghana Senegal
Angola Zambia Zimbabwe Mozambique Tanzania Uganda Rwanda Cameroon Gabon Iceland Luxembourg Malta
Cyprus Bangladesh Nepal Myanmar Cambodia Laos Philippines Singapore Taiwan Korea"""
CITIES_TEXT = """
Bakhmut Avdiivka Pokrovsk Kramatorsk Sloviansk Kharkiv Kherson Zaporizhzhia Odesa
Mykolaiv Mariupol Melitopol Toretsk Chasiv Kupiansk Vuhledar Lyman Sumy Chernihiv Dnipro Izium
Sievierodonetsk Lysychansk Enerhodar Nikopol Kostiantynivka Orikhiv Robotyne Tokmak Berdiansk"""
COMPANIES_TEXT = """
Siemens Renault Nestle Unilever Raiffeisen UniCredit Danone Carlsberg Heineken Shell
BP Exxon TotalEnergies Volkswagen Mercedes Ikea Apple Microsoft Google Meta Visa Mastercard
McDonalds Starbucks Boeing Airbus Nokia Ericsson Philips Bosch Henkel Metro Auchan Leroy"""
PEOPLE_TEXT = """
Shoigu Gerasimov Lavrov Peskov Medvedev Kadyrov Navalny Nabiullina Surovikin Belousov
Patrushev Mishustin Sobyanin Volodin Matviyenko Zakharova Dmitriev Ushakov Kiriyenko Naryshkin
Budanov Zaluzhny Syrskyi Yermak Umerov Kuleba Sybiha Shmyhal Klitschko Poroshenko Orban Fico
Erdogan Macron Scholz Merz Tusk Meloni Starmer Stoltenberg Rutte Kallas Borrell Blinken Rubio
Witkoff Kellogg Vance Waltz Lukashenko Tokayev Aliyev Pashinyan Modi Lula"""
TOPICS_TEXT = """
inflation recession unemployment wages pensions budget deficit tariffs exports imports
vaccines pandemic elections referendum strikes protests floods wildfires drought earthquake
hurricane tourism football olympics chess rail aviation shipping fertiliser grain wheat copper
nickel aluminium diamonds gold lithium semiconductors satellites drones artillery tanks missiles
airspace refugees asylum housing healthcare education broadband cybersecurity"""
COUNTRIES, CITIES, COMPANIES, PEOPLE, TOPICS = (
    t.split() for t in (COUNTRIES_TEXT, CITIES_TEXT, COMPANIES_TEXT, PEOPLE_TEXT, TOPICS_TEXT)
)

TEMPLATES = (
    "Will {country} impose new sanctions on Russia by {date}?",
    "Will {country} hold an early parliamentary election before {date}?",
    "Will {company} fully exit the Russian market by {date}?",
    "Will Russian forces capture {city} by {date}?",
    "Will Ukraine recapture {city} before {date}?",
    "Will {person} leave office by {date}?",
    "Will {country} report {topic} above forecasts in its next official release before {date}?",
    "Will {country} sign a {topic} agreement with Ukraine by {date}?",
    "Will {person} visit {country} before {date}?",
    "Will {company} report a loss linked to {topic} by {date}?",
    "Will {country} ban imports of Russian {topic} by {date}?",
    "Will {person} publicly call for peace talks with Kyiv by {date}?",
)


def generated_questions(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out: list[str] = []
    for _ in range(n):
        template = rng.choice(TEMPLATES)
        date = f"20{rng.randint(22, 27)}-{rng.randint(1, 12):02d}-28"
        out.append(
            template.format(
                country=rng.choice(COUNTRIES),
                city=rng.choice(CITIES),
                company=rng.choice(COMPANIES),
                person=rng.choice(PEOPLE),
                topic=rng.choice(TOPICS),
                date=date,
            )
        )
    return out


def build_index(texts: list[str], stats: TermStats) -> MatchIndex:
    questions = {
        i: QuestionWatch(propose_watch(text), datetime(2022, 1, 1, tzinfo=UTC))
        for i, text in enumerate(texts)
    }
    return MatchIndex(questions, stats=stats)


def bench(items: list[NewsItem], stats: TermStats, repeats: int) -> None:
    # Matching and feedparser both see every item; the tokenising cost is per item.
    for size in (100, 10_000):
        texts = generated_questions(size)
        t0 = time.perf_counter()
        index = build_index(texts, stats)
        build_s = time.perf_counter() - t0
        best = float("inf")
        flags = 0
        for _ in range(repeats):
            index.stats.reset()
            t0 = time.perf_counter()
            flags = sum(len(index.match(it.title, it.summary, it.published)) for it in items)
            best = min(best, time.perf_counter() - t0)
        s = index.stats
        print(
            f"questions={size:>6}  build={build_s:6.2f}s  items={len(items)}  "
            f"items/s={len(items) / best:>9.0f}  us/item={best / len(items) * 1e6:6.1f}  "
            f"signatures/item={s.signatures_checked / s.items:5.2f}  "
            f"scored/item={s.questions_scored / s.items:5.2f}  flags={flags}"
        )


# -- the quality check: seed themes

SEED_QUESTIONS: tuple[tuple[str, datetime], ...] = (
    ("Will Russia and Ukraine agree to a general ceasefire by 2025-12-31?", datetime(2022, 11, 1)),
    ("Will Russia accept the US-proposed 30-day ceasefire by 2025-04-30?", datetime(2025, 3, 1)),
    ("Will Russia announce a new wave of mobilisation before 2023-12-31?", datetime(2022, 11, 1)),
    (
        "Will an armed mutiny against the Russian military leadership take place by 2023-12-31?",
        datetime(2022, 11, 1),
    ),
    ("Will Russia escalate its nuclear threats against NATO by 2023-12-31?", datetime(2022, 2, 1)),
    ("Will Russia and Ukraine hold direct peace talks by 2025-12-31?", datetime(2022, 3, 1)),
    (
        "Will Russia make sanctions relief a condition of any ceasefire by 2025-12-31?",
        datetime(2025, 3, 1),
    ),
    (
        "Will Ukrainian forces be pushed out of the Kursk region by 2025-06-30?",
        datetime(2025, 3, 1),
    ),
    ("Will Russia's economy fall into recession by 2025-12-31?", datetime(2024, 12, 1)),
    (
        "Will the Wagner Group be formally disbanded or absorbed by 2023-12-31?",
        datetime(2023, 6, 1),
    ),
)


def quality(items: list[NewsItem], stats: TermStats, per_question: int) -> None:
    questions = {
        i: QuestionWatch(propose_watch(text), not_before.replace(tzinfo=UTC))
        for i, (text, not_before) in enumerate(SEED_QUESTIONS)
    }
    index = MatchIndex(questions, stats=stats)
    flagged: dict[int, list[tuple[float, NewsItem, list[str]]]] = {i: [] for i in questions}
    for item in items:
        for m in index.match(item.title, item.summary, item.published):
            flagged[m.question_id].append((m.score, item, m.matched_terms))
    total = 0
    for qid, (text, _) in enumerate(SEED_QUESTIONS):
        rows = sorted(flagged[qid], key=lambda r: -r[0])
        total += len(rows)
        print(f"\n## Q{qid} {text}  flags={len(rows)}")
        for score, item, terms in rows[:per_question]:
            print(f"  {score:6.2f}  {item.published:%Y-%m-%d} {item.source:<22} {item.title[:90]}")
            print(f"          terms={terms}")
    print(f"\ntotal flags={total}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quality", action="store_true", help="print flags of seed questions")
    parser.add_argument("--per-question", type=int, default=1000)
    parser.add_argument("--prior-only", action="store_true", help="no corpus idf statistics")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    items = load_news()
    stats = (
        TermStats()
        if args.prior_only
        else TermStats.from_items((it.title, it.summary) for it in items)
    )
    if args.quality:
        quality(items, stats, args.per_question)
    else:
        bench(items, stats, args.repeats)


if __name__ == "__main__":
    main()
