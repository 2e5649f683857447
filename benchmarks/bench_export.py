"""Export benchmark: writing a workspace as vCard, beside vobject writing the same cards.

    python benchmarks/bench_export.py                   # 10,000 people, three rounds
    python benchmarks/bench_export.py --people 50000 --rounds 5

A new SQLite workspace is filled by importing an address book of `--people` cards written
here (untimed): every card has a name, one to three e-mails and phones (some under labels
vCard has no TYPE for, so they ride on item groups), a LinkedIn profile, one to three jobs
with dates, a place, tags, and every fourth a note of several lines, some in Turkish or
Japanese, long enough to be folded.

Then, alternately in each round, for vCard 3.0 and 4.0:
- Goodword, writing: `to_vcard` for every person, loaded once beforehand (untimed).
- vobject, writing: the same cards, read once with vobject (untimed) and written back with
  its `serialize()`, as Goodword's export wrote them until the twenty-fifth session.
- Goodword, the whole export a download runs (`export_people`): loading the people from the
  database and writing every card.

Every card Goodword writes is read back with vobject (its UID and name checked), so a faster
writer cannot be a wrong one. Prints a Markdown table: the median wall-clock and CPU seconds,
and cards a second by CPU time.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import vobject
from sqlalchemy import select

from goodword import migrate
from goodword.db import make_engine, make_session_factory
from goodword.importers.export import export_people, to_vcard
from goodword.importers.records import Upload
from goodword.importers.service import import_files
from goodword.people import service as people_service
from goodword.people.models import Person
from goodword.workspaces import service as workspaces

SYLLABLES = [c + v for c in "bdfghjklmnprstvz" for v in "aeiou"]
ORGS = ["Quartzwick Robotics", "Cindergate Bank", "Harbourline Health", "Larchmont Foods"]
TITLES = ["Engineer", "Analyst", "Director of Sales", "Nurse Manager", "Controller"]
# (city, region, country)
PLACES = [("Pittsburgh", "PA", ""), ("Berlin", "", "Germany"), ("İstanbul", "", "Türkiye"),
          ("Osaka", "", "Japan"), ("Lagos", "", "")]  # fmt: skip
NOTES = [
    "Met at the spring meetup.\nAsked about the data team; follow up in June.",
    "Çiçekçinin yanındaki kafede görüştük; işe alım sürecini anlattı, ağabeyi de mühendis.",  # noqa: RUF001
    "勉強会で会いました。来月の採用説明会に誘ってくれるそうです。履歴書を送る前に連絡すること。",
]
LABELS = ["Mobile", "work", "home", "Signal", "Desk line"]
VERSIONS = {"vcard": "3.0", "vcard4": "4.0"}
SIDES = {
    "goodword-write": "Goodword, writing",
    "vobject-write": "vobject, writing",
    "goodword-export": "Goodword, whole export (load + write)",
}


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).title()


def address_book(count: int) -> str:
    """`count` cards in vCard 3.0, the same for the same count."""
    rng = random.Random(count)
    cards = []
    for number in range(count):
        given, family = _word(rng, 2), _word(rng, 3)
        lines = ["BEGIN:VCARD", "VERSION:3.0", f"UID:bench-{number}"]
        lines += [f"FN:{given} {family}", f"N:{family};{given};;;"]
        for item in range(rng.randint(1, 3)):
            label = rng.choice(LABELS)
            address = f"{given}.{family}.{item}@{rng.choice(('mail', 'work', 'home'))}.example"
            lines += [f"item{item}.EMAIL:{address.lower()}", f"item{item}.X-ABLabel:{label}"]
        for item in range(rng.randint(1, 2)):  # (numbers nobody else has)
            exchange = 200 + 300 * item + number // 10000
            kind = rng.choice(("cell", "work"))
            lines.append(f"TEL;TYPE={kind}:+1 412 {exchange} {number % 10000:04d}")
        lines.append(f"URL:https://www.linkedin.com/in/{given}-{family}-{number}".lower())
        lines += [f"ORG:{rng.choice(ORGS)}", f"TITLE:{rng.choice(TITLES)}"]
        city, region, country = rng.choice(PLACES)
        lines.append(f"ADR:;;;{city};{region};;{country}")
        lines.append(f"BDAY:{date(1960 + number % 40, 1 + number % 12, 1 + number % 28)}")
        lines.append(f"CATEGORIES:{rng.choice(('alumni', 'mentor', 'meetup'))}")
        if number % 4 == 0:
            note = rng.choice(NOTES).replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")
            lines.append(f"NOTE:{note}")
        cards.append("\r\n".join([*lines, "END:VCARD"]) + "\r\n")
    return "".join(cards)


def timed(work: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def run(people: int, rounds: int, database_url: str) -> dict[str, dict[str, float]]:
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    sessions = make_session_factory(engine)
    with sessions.begin() as session:
        workspace = workspaces.get_or_create(session, slug="bench", name="Bench")
        workspace_id = workspace.id
        upload = Upload("contacts.vcf", address_book(people).encode())
        import_files(
            session, workspace_id=workspace_id, paths_or_uploads=[upload], today=date.today()
        )

    times: dict[str, list[tuple[float, float]]] = {}
    baseline: dict[str, list[vobject.base.Component]] = {}
    loaded = sessions()
    chosen = list(
        loaded.scalars(
            select(Person)
            .where(Person.workspace_id == workspace_id)
            .options(*people_service.with_details())
            .order_by(Person.id)
        )
    )
    for fmt in ("vcard", "vcard4"):
        with sessions() as session:
            text = export_people(session, workspace_id=workspace_id, format=fmt)
        if text != "".join(to_vcard(p, version=VERSIONS[fmt]) for p in chosen):
            sys.exit(f"writing loaded people is not what the {fmt} export writes")
        cards = list(vobject.readComponents(text))
        uids = [card.uid.value for card in cards]
        if len(cards) != people or any(not uid.startswith("goodword-") for uid in uids):
            sys.exit(f"vobject read {len(cards)} cards of {people} in the {fmt} export")
        baseline[fmt] = cards

    def export(fmt: str) -> Callable[[], object]:
        def work() -> object:
            with sessions() as session:
                return export_people(session, workspace_id=workspace_id, format=fmt)

        return work

    def write(fmt: str) -> Callable[[], object]:
        return lambda: "".join(to_vcard(p, version=VERSIONS[fmt]) for p in chosen)

    def with_vobject(fmt: str) -> Callable[[], object]:
        return lambda: "".join(card.serialize() for card in baseline[fmt])

    for _ in range(rounds):
        for fmt in ("vcard", "vcard4"):
            for side, work in (
                ("goodword-write", write(fmt)),
                ("vobject-write", with_vobject(fmt)),
                ("goodword-export", export(fmt)),
            ):
                times.setdefault(f"{side} {fmt}", []).append(timed(work))
    loaded.close()
    engine.dispose()
    return {
        name: {
            "wall": statistics.median(wall for wall, _ in runs),
            "cpu": statistics.median(cpu for _, cpu in runs),
        }
        for name, runs in times.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database-url", help="default: a new SQLite file in a temp folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'export.sqlite3'}"
        results = run(args.people, args.rounds, url)
    print(f"{args.people:,} people, median of {args.rounds} rounds\n")
    print("| writer | format | wall s | CPU s | cards/s (CPU) |")
    print("|---|---|---|---|---|")
    for name, figures in results.items():
        side, fmt = name.split()
        rate = args.people / figures["cpu"] if figures["cpu"] else float("inf")
        what = SIDES[side]
        print(f"| {what} | {fmt} | {figures['wall']:.2f} | {figures['cpu']:.2f} | {rate:,.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
