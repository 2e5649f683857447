"""A person's jobs changed by hand: which current jobs a newly current one ends, and a job
edited in place (its title, dates, or whether they still work there)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy.orm import Session

from goodword.organizations import service as organizations
from goodword.organizations.models import Organization
from goodword.people import job_dates
from goodword.people.models import Position
from goodword.people.schemas import PositionCreate
from goodword.records import clean_text, get_owned, referenced
from goodword.search import service as search


def end_earlier(
    positions: Iterable[Position],
    *,
    organization_id: int,
    start: date | None,
    keep: Position | None,
    dated: bool = True,
    precision: str | None = None,
) -> list[Position]:
    """End the current jobs at other organizations that a current job at `organization_id`
    from `start` follows: those that started no later than it (or whose start, or its own,
    is not known), each at the new job's start when `dated`. A side role with an older
    start (a board seat since 2019) leaves a newer current job alone, so no job ends before
    it began. The jobs ended, in order; one ended at a start known only as a month or year
    (`precision`: "May 2021") ends in that month or year, not on its first day."""
    ended = []
    for earlier in positions:
        if (
            earlier is not keep
            and earlier.is_current
            and earlier.organization_id != organization_id
            and (start is None or earlier.start_date is None or earlier.start_date <= start)
        ):
            earlier.is_current = False
            if dated and earlier.end_date is None and start is not None:
                earlier.end_date, earlier.end_precision = start, job_dates.kept(precision)
            ended.append(earlier)
    return ended


def organization_for(session: Session, workspace_id: int, data: PositionCreate) -> Organization:
    """The organization a position's input names, by id or by name (made if new)."""
    if data.organization_id is not None:
        organization_id = data.organization_id
        return referenced(
            "organization_id",
            lambda: organizations.get(
                session, workspace_id=workspace_id, organization_id=organization_id
            ),
        )
    assert data.organization_name is not None
    return organizations.get_or_create(
        session, workspace_id=workspace_id, name=data.organization_name
    )


def new_organization(
    session: Session, workspace_id: int, data: PositionCreate
) -> list[Organization] | None:
    """Asked before a job is saved: `organizations.new_name` of its organization."""
    return organizations.new_name(
        session,
        workspace_id=workspace_id,
        name=data.organization_name,
        organization_id=data.organization_id,
    )


def update_position(
    session: Session, *, workspace_id: int, position_id: int, data: PositionCreate
) -> tuple[Position, list[Position]]:
    """Replace what a job says: organization, title, department, dates and whether they work
    there now; the job, and the jobs its change ended. A job made current ends the current
    jobs elsewhere it follows, as adding one does (`end_earlier`), but with no end date made
    up for them (the user says when, if they know); a job that stays current ends nothing
    more."""
    position = get_owned(
        session, Position, workspace_id=workspace_id, record_id=position_id, kind="position"
    )
    organization = organization_for(session, workspace_id, data)
    person = position.person
    ended = []
    if data.is_current and not position.is_current:
        ended = end_earlier(
            person.positions, organization_id=organization.id, start=data.start_date,
            keep=position, dated=False,
        )  # fmt: skip
    position.organization = organization
    position.title = clean_text(data.title)
    position.department = clean_text(data.department)
    # (A precision said is kept; not said, a date kept as it was keeps its precision, "Jan
    # 2020", and one changed is a whole day.)
    if data.start_precision is not None or position.start_date != data.start_date:
        position.start_date = data.start_date
        position.start_precision = job_dates.kept(data.start_precision)
    if data.end_precision is not None or position.end_date != data.end_date:
        position.end_date = data.end_date
        position.end_precision = job_dates.kept(data.end_precision)
    position.is_current = data.is_current
    session.flush()
    session.refresh(person, ["positions"])
    search.index_person(session, person)
    return position, ended
