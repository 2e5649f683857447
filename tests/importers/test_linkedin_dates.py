"""One date order per LinkedIn file: a spreadsheet's re-save is read the way its own dates
prove, a file that proves both orders is refused, and an assumed order is said."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.connections.models import Connection
from goodword.importers import registry
from goodword.importers.dateorder import DateOrder, month_first, serial_date, settle
from goodword.importers.reading import documents
from goodword.importers.records import ImportFileError, Parsed
from goodword.importers.service import import_files
from goodword.people.models import Person
from goodword.workspaces.models import Workspace

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"
TODAY = date(2026, 11, 25)


def parse(name: str) -> Parsed:
    (document,) = documents([DATA / name])
    parsed = registry.parse(document)
    assert parsed is not None
    return parsed


def connected_on(parsed: Parsed) -> dict[str, date | None]:
    return {p.name: p.connected_on for p in parsed.people}


def test_a_uk_spreadsheet_resave_is_read_day_first_throughout():
    # 26/12/2025 (line 6) proves the file day first, so 05/01/2024 (line 5) is 5 January.
    parsed = parse("Connections_excel_uk.csv")
    assert connected_on(parsed) == {
        "Owen Jones": date(2024, 1, 5),
        "Nia Evans": date(2025, 12, 26),
        "Rhys Price": date(2023, 3, 15),
    }
    assert parsed.notes == []


def test_a_us_spreadsheet_resave_is_read_month_first_and_serial_days_are_dates():
    parsed = parse("Connections_excel_us.csv")
    assert connected_on(parsed) == {
        "Owen Jones": date(2024, 5, 1),
        "Nia Evans": date(2025, 12, 26),
        # A date cell formatted as a plain number: Excel's serial day.
        "Rhys Price": date(2025, 12, 26),
        "Cerys Morgan": date(2025, 12, 26),
    }
    assert [p.warnings for p in parsed.people] == [[], [], [], []]
    assert parsed.notes == []


def test_a_file_whose_dates_prove_both_orders_is_refused_naming_both_lines():
    with pytest.raises(ImportFileError) as raised:
        parse("Connections_two_orders.csv")
    assert str(raised.value) == (
        "Connections_two_orders.csv: its Connected On dates are written in two orders: "
        "line 3 has '12/26/2025', which can only be month first, and line 4 has "
        "'26/12/2025', which can only be day first. Write the column's dates one way (or "
        "import the file as it was exported, before a spreadsheet saved it) and import it "
        "again."
    )


def test_invitations_and_messages_are_read_in_their_files_order_too():
    invitations = parse("Invitations_excel_uk.csv")
    assert [i.occurred_at for i in invitations.interactions] == [
        datetime(2026, 1, 3, 16, 40, tzinfo=UTC),
        datetime(2025, 12, 26, 9, 14, tzinfo=UTC),
    ]
    messages = parse("messages_old_excel_uk.csv")
    assert [i.occurred_at for i in messages.interactions] == [
        datetime(2018, 1, 8, 18, 14, tzinfo=UTC),
        datetime(2018, 1, 13, 9, 0, tzinfo=UTC),
    ]
    # LinkedIn's own export proves month first ("12/26/25") and needs no note.
    assert parse("Invitations.csv").notes == []


def test_dates_as_linkedin_wrote_them_are_month_first_and_need_no_note():
    # ("1/8/18, 6:14 PM": LinkedIn's older exports; a spreadsheet saving it again drops
    # the comma and the AM or PM.)
    parsed = parse("messages_old.csv")
    assert parsed.interactions[0].occurred_at == datetime(2018, 1, 8, 18, 14, tzinfo=UTC)
    assert parsed.notes == []


def test_an_order_nothing_proves_is_kept_as_linkedin_writes_it_and_said(tmp_path: Path):
    resaved = tmp_path / "messages_old.csv"
    resaved.write_text(
        (DATA / "messages_old.csv").read_text()
        .replace('"1/8/18, 6:14 PM"', "1/8/2018 18:14")
        .replace('"1/9/18, 9:00 AM"', "1/9/2018 09:00")
    )  # fmt: skip
    (document,) = documents([resaved])
    parsed = registry.parse(document)
    assert parsed is not None
    assert parsed.interactions[0].occurred_at == datetime(2018, 1, 8, 18, 14, tzinfo=UTC)
    assert parsed.notes == [
        "messages_old.csv: no date in it shows whether its dates are written day or month "
        "first, so they were read month first, as LinkedIn writes them: '1/8/2018 18:14' "
        "(line 2) is 8 January 2018. If they are day first, import the file as it was "
        "exported, before a spreadsheet saved it."
    ]


def test_the_order_is_settled_by_numbers_alone():
    assert settle("x.csv", [(2, "26 Dec 2025"), (3, "2025-12-26")], column="Date") == settle(
        "x.csv", [], column="Date"
    )
    settled = settle("x.csv", [(2, "5/5/2024"), (3, "05-01-2024")], column="Date")
    assert (settled.order, settled.proof, settled.example) == (
        DateOrder.MONTH_FIRST, None, (3, "05-01-2024"),
    )  # fmt: skip
    assert month_first("26-12-2025 09:14", DateOrder.DAY_FIRST) == "12/26/2025 09:14"
    assert month_first("2025-12-26", DateOrder.DAY_FIRST) == "2025-12-26"
    assert serial_date("46017") == date(2025, 12, 26)
    assert serial_date("2019") is None and serial_date("999999") is None


def test_the_import_stores_connections_on_their_days_and_reports_an_assumed_order(
    session: Session, workspace: Workspace
) -> None:
    report = import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[DATA / "Profile.csv", DATA / "Connections_excel_uk.csv"],
        today=TODAY,
    )
    names = dict(session.execute(select(Person.id, Person.display_name)).all())
    ties = session.execute(
        select(Connection.person_a_id, Connection.person_b_id, Connection.since).where(
            Connection.workspace_id == workspace.id
        )
    ).all()
    days = {
        name: since
        for a, b, since in ties
        for name in (names[a], names[b])
        if name != "Alice Example"
    }
    assert days == {
        "Owen Jones": date(2024, 1, 5),
        "Nia Evans": date(2025, 12, 26),
        "Rhys Price": date(2023, 3, 15),
    }
    assert report.notes == []
    report = import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[DATA / "messages_old.csv"],
        today=TODAY,
    )
    # (Dates as LinkedIn wrote them, "1/8/18, 6:14 PM": month first, nothing to say.)
    assert not [n for n in report.notes if n.startswith("messages_old.csv: no date in it")]
