"""Phone search looks a number up by its last digits through an index, on both backends:
each number keeps its digits reversed (`person_phones.reversed_digits`), so "ends with
5550123" is "begins with 3210555", a range of `ix_person_phones_workspace_reversed`."""

from __future__ import annotations

import copy
from typing import Any

from sqlalchemy import event, insert, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

import factories as f
from goodword.duplicates import merging
from goodword.people import service as people
from goodword.people.models import PersonPhone
from goodword.people.normalize import reversed_digits
from goodword.people.schemas import PersonUpdate
from goodword.search import service as search
from goodword.workspaces.models import Workspace

INDEX = "ix_person_phones_workspace_reversed"


def _found(session: Session, workspace: Workspace, query: str) -> list[str]:
    return [hit.title for hit in search.search(session, workspace_id=workspace.id, query=query)]


def _plans(connection: Connection, run: Any) -> list[str]:
    """The query plan of each statement `run` sends that reads the phone numbers."""
    sent: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "person_phones" in statement:
            sent.append((statement, parameters))

    event.listen(connection, "before_cursor_execute", keep)
    try:
        run()
    finally:
        event.remove(connection, "before_cursor_execute", keep)
    explain = "EXPLAIN QUERY PLAN " if connection.dialect.name == "sqlite" else "EXPLAIN "
    return [
        "\n".join(str(row[-1]) for row in connection.exec_driver_sql(explain + sql, params))
        for sql, params in sent
    ]


def test_a_phone_search_reads_the_numbers_through_the_index_of_their_last_digits(
    connection: Connection, session: Session, workspace: Workspace
) -> None:
    ravi = f.person(session, workspace.id, "Ravi Shankar", phones=["+1 415 555 0123"])
    cy = f.person(session, workspace.id, "Cy Ng")
    cy.phones = [PersonPhone(workspace_id=workspace.id, number="07700 900123")]  # (as written)
    # A workspace of many numbers, so the planner weighs a scan against the index as it would.
    numbers = [f"+1 212 {n // 10000:03d} {n % 10000:04d}" for n in range(3000)]
    session.execute(
        insert(PersonPhone),
        [
            {"workspace_id": workspace.id, "person_id": ravi.id, "number": number,
             "reversed_digits": reversed_digits(number), "position": 1 + i}
            for i, number in enumerate(numbers)
        ],
    )  # fmt: skip
    session.flush()
    connection.execute(text("ANALYZE person_phones"))

    for query in ("555 0123", "(415) 555-0123", "+1 415 555 0123 ext. 9", "07700 900123"):
        plans = _plans(connection, lambda q=query: _found(session, workspace, q))
        assert plans, query
        for plan in plans:
            assert INDEX in plan, (query, plan)
            assert "SCAN person_phones" not in plan and "Seq Scan" not in plan, (query, plan)
    assert _found(session, workspace, "555 0123") == ["Ravi Shankar"]


def test_the_range_of_a_number_ending_in_nines_ends_where_it_should(
    session: Session, workspace: Workspace
) -> None:
    # Reversed, "…99990" begins "09999": the range up to "1", and past it nothing is kept.
    f.person(session, workspace.id, "Nina Nines", phones=["+1 415 999 9990"])
    f.person(session, workspace.id, "Ten Tens", phones=["+1 415 999 9991"])
    f.person(session, workspace.id, "Zed Zero", phones=["+1 415 999 9980"])
    f.person(session, workspace.id, "All Nines", phones=["+1 415 599 9999"])
    f.person(session, workspace.id, "More Nines", phones=["+1 415 999 9999"])

    def ending(digits: str) -> list[str]:
        found = session.execute(search.numbers_ending(workspace_id=workspace.id, digits=digits))
        return sorted(number for _person, number in found)

    assert ending("9999990") == ["+14159999990"]
    assert ending("9999") == ["+14155999999", "+14159999999"]
    assert ending("9999999") == ["+14159999999"]
    assert _found(session, workspace, "999 9990") == ["Nina Nines"]
    assert _found(session, workspace, "415 999 9999") == ["More Nines"]


def test_a_number_changed_in_place_is_found_by_its_new_digits(
    session: Session, workspace: Workspace
) -> None:
    # Imported with region US, "020 7946 0001" was kept as written; the workspace now reads
    # numbers as British, and saving the person stores it E.164 in the same row.
    cy = f.person(session, workspace.id, "Cy Ng")
    cy.phones = [PersonPhone(workspace_id=workspace.id, number="020 7946 0001")]
    session.flush()
    row_id = cy.phones[0].id
    workspace.phone_region = "GB"
    people.update(
        session, workspace_id=workspace.id, person_id=cy.id,
        data=PersonUpdate(display_name="Cy Ng", phones=["020 7946 0001"]),
    )  # fmt: skip
    session.flush()
    session.expire_all()
    row = session.get(PersonPhone, row_id)
    assert row is not None and row.number == "+442079460001"
    assert row.reversed_digits == "100064970244"
    assert _found(session, workspace, "+44 20 7946 0001") == ["Cy Ng"]


def test_a_merge_noted_before_phones_kept_their_digits_undoes_with_them(
    session: Session, workspace: Workspace
) -> None:
    ada = f.person(session, workspace.id, "Ada Lovelace", phones=["+44 20 7946 0001"])
    also = f.person(session, workspace.id, "Ada L.", phones=["+44 20 7946 0001"])
    record = merging.merge(
        session, workspace_id=workspace.id, survivor_id=ada.id, absorbed_id=also.id
    )
    # As a merge made before migration 0023 noted the phone it removed: without the column.
    snapshot = copy.deepcopy(record.snapshot)
    removed = snapshot["deleted"]["person_phones"]
    assert [row["number"] for row in removed] == ["+442079460001"]
    for row in removed:
        del row["reversed_digits"]
    record.snapshot = snapshot
    session.flush()

    back = merging.undo_merge(session, workspace_id=workspace.id, merge_id=record.id)
    session.flush()
    kept = session.scalars(
        select(PersonPhone.reversed_digits).where(PersonPhone.person_id == back.id)
    ).all()
    assert kept == ["100064970244"]
    assert _found(session, workspace, "7946 0001") == ["Ada L.", "Ada Lovelace"]
