"""A person saved with only a whole name is matched by its parts as an import reads a whole
name: family name particles, "Family, Given", family name first in Chinese, Japanese and
Korean script (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

import factories as f
from goodword.duplicates import service as duplicates
from goodword.duplicates.models import DuplicateCandidate
from goodword.importers.records import Upload
from goodword.importers.report import Outcome
from goodword.importers.service import import_files
from goodword.importers.state import saved_profile
from goodword.people.models import Person


@pytest.mark.parametrize(
    ("whole", "given", "family"),
    [
        ("Jane van der Berg", "jane", "van der berg"),
        ("Müller, José", "jose", "muller"),
        ("山田 太郎", "太郎", "山田"),
        ("Martin Luther King Jr.", "martin luther", "king jr"),
        ("Dr. Ada Lovelace", "ada", "lovelace"),
        ("Cher", "cher", ""),
    ],
)
def test_a_saved_whole_name_is_split_as_an_import_splits_it(whole, given, family):
    found = saved_profile(Person(id=1, workspace_id=1, display_name=whole))
    assert (found.given, found.family) == (given, family)


def test_a_saved_whole_name_with_a_particle_meets_the_same_name_in_parts(session, workspace):
    saved = f.person(session, workspace.id, "Jane van der Berg", birthday=date(1990, 4, 2))
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane van der Berg\r\nN:van der Berg;Jane;;;\r\n"
        "BDAY:1990-04-02\r\nEMAIL:jane@example.nl\r\nEND:VCARD\r\n"
    )
    report = import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[Upload("jane.vcf", card.encode())],
        today=date(2026, 11, 25),
    )
    (row,) = report.rows
    assert (row.outcome, row.person_id) == (Outcome.MERGED, saved.id)


def test_a_scan_finds_a_saved_whole_name_and_the_same_name_in_parts(session, workspace):
    whole = f.person(session, workspace.id, "Jane van der Berg", location="Utrecht")
    parts = f.person(
        session,
        workspace.id,
        "Jane van der Berg",
        given_name="Jane",
        family_name="van der Berg",
        location="Utrecht",
    )
    assert duplicates.find_duplicates(session, workspace_id=workspace.id).candidates_created == 1
    (pair,) = session.scalars(
        select(DuplicateCandidate).where(DuplicateCandidate.workspace_id == workspace.id)
    )
    assert (pair.person_a_id, pair.person_b_id) == (whole.id, parts.id)
