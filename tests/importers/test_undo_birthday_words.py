"""What an undo or a split takes back says a birthday as the person's page does ("12 April"
for one without its year, "10 Dec 1815"), not as it is kept (--04-12, 1815-12-10)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

import factories as f
from goodword.importers import splitting, undoing
from goodword.importers.records import Upload
from goodword.importers.service import import_files
from goodword.people.models import PersonSource

CARDS = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@analytical.example\r\n"
    "BDAY:--0412\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Grace Hopper\r\nEMAIL:grace@navy.example\r\n"
    "BDAY:18151210\r\nEND:VCARD\r\n"
)


def test_an_undo_says_the_birthdays_it_takes_back_in_words(session, workspace) -> None:
    f.person(session, workspace.id, "Ada Lovelace", emails=["ada@analytical.example"])
    f.person(session, workspace.id, "Grace Hopper", emails=["grace@navy.example"])
    session.commit()
    report = import_files(
        session, workspace_id=workspace.id, today=date(2026, 11, 25),
        now=datetime(2026, 11, 25, 9, 0, tzinfo=UTC),
        paths_or_uploads=[Upload("phone.vcf", CARDS.encode())],
    )  # fmt: skip
    session.commit()

    plan = undoing.preview(session, workspace_id=workspace.id, run_id=report.id)

    assert {taken.name: taken.taken for taken in plan.taken_back} == {
        "Ada Lovelace": ["birthday 12 April"],
        "Grace Hopper": ["birthday 10 Dec 1815"],
    }
    for source in session.scalars(
        select(PersonSource).where(PersonSource.file_name == "phone.vcf")
    ):
        said = splitting.preview(
            session, workspace_id=workspace.id, person_id=source.person_id, source_id=source.id
        )
        assert [g for g in said.gets if g.startswith("birthday")] in (
            ["birthday 12 April"],
            ["birthday 10 Dec 1815"],
        )
        assert [t for t in said.taken_back if t.startswith("birthday")] in (
            ["birthday 12 April"],
            ["birthday 10 Dec 1815"],
        )
