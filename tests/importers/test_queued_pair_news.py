"""A pair waiting in the duplicates queue takes what a later import learns of it: a record
of one that shares the other's phone number gives the pair that reason, and its likeness
(SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.duplicates.models import CandidateStatus, DuplicateCandidate
from goodword.importers.records import Upload
from goodword.importers.service import import_files

TODAY = date(2026, 11, 25)
CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Priya,Raman,https://www.linkedin.com/in/priya-raman,priya@example.org,Acme,Engineer,"
    "01 Mar 2020\n"
)
GOOGLE = "First Name,Last Name,E-mail 1 - Value,Phone 1 - Value,Organization Name\n"


def run(session: Session, workspace_id: int, upload: Upload) -> None:
    import_files(session, workspace_id=workspace_id, paths_or_uploads=[upload], today=TODAY)


def waiting(session: Session, workspace_id: int) -> list[tuple[float, list[str]]]:
    session.expire_all()
    return [
        (c.score, c.reasons)
        for c in session.scalars(
            select(DuplicateCandidate).where(DuplicateCandidate.workspace_id == workspace_id)
        )
    ]


PRIYA_R = Upload("phone.csv", (GOOGLE + "Priya,R.,,+44 7700 900123,\n").encode())
BOTH = Upload(
    "google.csv", (GOOGLE + "Priya,Raman,priya@example.org,+44 7700 900123,Acme\n").encode()
)


def test_a_phone_the_two_share_is_the_pair_s_reason_now(session, workspace):
    run(session, workspace.id, Upload("Connections.csv", CONNECTIONS.encode()))
    run(session, workspace.id, PRIYA_R)
    assert waiting(session, workspace.id) == [(0.43, ["names 83% alike"])]
    # Her e-mail address makes the row hers; the phone it brings her is the other's.
    run(session, workspace.id, BOTH)
    assert waiting(session, workspace.id) == [(1.0, ["same phone number (+44 7700 900123)"])]


def test_a_pair_told_apart_stays_as_it_was(session, workspace):
    run(session, workspace.id, Upload("Connections.csv", CONNECTIONS.encode()))
    run(session, workspace.id, PRIYA_R)
    (pair,) = session.scalars(select(DuplicateCandidate))
    pair.status = CandidateStatus.NOT_SAME
    session.flush()
    run(session, workspace.id, BOTH)
    session.expire_all()
    assert [(c.status, c.reasons) for c in session.scalars(select(DuplicateCandidate))] == [
        (CandidateStatus.NOT_SAME, ["names 83% alike"])
    ]


def test_a_record_that_brings_someone_a_phone_of_a_switchboard_queues_nobody(session, workspace):
    # (Colleagues on one number, a household: no reason to ask about the two.)
    run(session, workspace.id, Upload("Connections.csv", CONNECTIONS.encode()))
    desk = GOOGLE + "Front,Desk,,+44 7700 900123,\n"
    run(session, workspace.id, Upload("desk.csv", desk.encode()))
    run(session, workspace.id, BOTH)
    assert waiting(session, workspace.id) == []


def test_a_record_that_brings_someone_the_phone_of_a_nameless_contact_queues_the_two(
    session, workspace
):
    run(session, workspace.id, Upload("Connections.csv", CONNECTIONS.encode()))
    nameless = GOOGLE + ",,,+44 7700 900123,\n"
    run(session, workspace.id, Upload("phone.csv", nameless.encode()))
    assert waiting(session, workspace.id) == []
    run(session, workspace.id, BOTH)
    assert waiting(session, workspace.id) == [(1.0, ["same phone number (+44 7700 900123)"])]
