"""A record sharing an e-mail address, phone number or LinkedIn profile with several people
is judged against each of them, in an import and in a scan (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

import factories as f
from goodword.duplicates import service as duplicates
from goodword.duplicates.models import DuplicateCandidate
from goodword.importers.records import Upload
from goodword.importers.report import Outcome
from goodword.importers.service import import_files
from goodword.people.models import Person

REASON = "same e-mail address (leefamily@example.com), but the names differ"


def card(name: str, family: str, given: str, *lines: str) -> bytes:
    body = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"FN:{name}",
        f"N:{family};{given};;;",
        "EMAIL:leefamily@example.com",
        *lines,
        "END:VCARD",
    ]
    return "".join(f"{line}\r\n" for line in body).encode()


def queued(session: Session, workspace_id: int) -> set[tuple[frozenset[str], tuple[str, ...]]]:
    session.expire_all()
    names = {
        p.id: p.display_name
        for p in session.scalars(select(Person).where(Person.workspace_id == workspace_id))
    }
    found = session.scalars(
        select(DuplicateCandidate).where(DuplicateCandidate.workspace_id == workspace_id)
    )
    return {
        (frozenset({names[c.person_a_id], names[c.person_b_id]}), tuple(c.reasons)) for c in found
    }


def test_a_third_name_on_a_household_address_is_queued_with_both_who_have_it(session, workspace):
    anna = card("Anna Lee", "Lee", "Anna")
    ben = card("Ben Lee", "Lee", "Ben")
    park = card("Carla Park", "Park", "Carla")
    import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[Upload("family.vcf", anna + ben)],
        today=date(2026, 11, 25),
    )
    report = import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[Upload("carla.vcf", park)],
        today=date(2026, 11, 25),
    )
    (row,) = report.rows
    assert row.outcome is Outcome.SUGGESTED
    assert row.detail.startswith("may be Anna Lee (person ") and row.detail.endswith(REASON)
    assert " or Ben Lee (person " in row.detail
    assert queued(session, workspace.id) == {
        (frozenset({"Anna Lee", "Ben Lee"}), (REASON,)),
        (frozenset({"Anna Lee", "Carla Park"}), (REASON,)),
        (frozenset({"Ben Lee", "Carla Park"}), (REASON,)),
    }


def test_a_record_goes_to_the_holder_whose_name_agrees_whoever_had_the_key_first(
    session, workspace
):
    # Ben Lee has the address first; the record is Anna's, and she has it too.
    import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[
            Upload("family.vcf", card("Ben Lee", "Lee", "Ben") + card("Anna Lee", "Lee", "Anna"))
        ],
        today=date(2026, 11, 25),
    )
    report = import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[Upload("anna.vcf", card("Anna Lee", "Lee", "Anna", "BDAY:1990-04-02"))],
        today=date(2026, 11, 25),
    )
    (row,) = report.rows
    assert (row.outcome, row.detail) == (Outcome.UPDATED, "birthday set to 1990-04-02")
    session.expire_all()
    people = session.scalars(select(Person).where(Person.workspace_id == workspace.id)).all()
    assert sorted((p.display_name, p.birthday) for p in people) == [
        ("Anna Lee", date(1990, 4, 2)),
        ("Ben Lee", None),
    ]


def test_a_scan_pairs_everyone_who_shares_a_key(session, workspace):
    # Three clearly different names share no block: only the key brings them together.
    for name in ("Anna Lee", "Ben Okafor", "Carla Park"):
        f.person(session, workspace.id, name, emails=["leefamily@example.com"])
    result = duplicates.find_duplicates(session, workspace_id=workspace.id)
    assert result.candidates_created == 3
    assert {names for names, _reasons in queued(session, workspace.id)} == {
        frozenset({"Anna Lee", "Ben Okafor"}),
        frozenset({"Anna Lee", "Carla Park"}),
        frozenset({"Ben Okafor", "Carla Park"}),
    }


def test_a_scan_pairs_a_key_on_many_cards_with_its_first_holders_only(session, workspace):
    names = ["Anna Lee", "Ben Okafor", "Carla Park", "Dev Rao", "Eve Stone"]
    for name in names:
        f.person(session, workspace.id, name, emails=["front-desk@example.com"])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(duplicates, "KEY_HOLDERS", 2)
        result = duplicates.find_duplicates(session, workspace_id=workspace.id)
    # Each is paired with the first two (Anna and Ben), never the later ones with each other.
    assert result.candidates_created == 1 + 2 * 3
    pairs = {names for names, _reasons in queued(session, workspace.id)}
    assert frozenset({"Anna Lee", "Ben Okafor"}) in pairs
    assert all(pair & {"Anna Lee", "Ben Okafor"} for pair in pairs)
