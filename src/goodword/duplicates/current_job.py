"""Which current job a merge leaves current, when the two people's current jobs are at
different organizations, and putting the jobs it ended back at an undo.

Two records of one person often disagree on where they work now: an old address book's
card says Metals Group, their LinkedIn connection says Meta. A merge keeps one side's current
jobs current and ends the other's elsewhere (as past jobs, kept as history), by the rule an
import follows (`importers.jobs.add_job`): an undated job does not end a LinkedIn
connection's job; otherwise the job that started later wins (a start known only as a
month or a year read so: one from 2024 did not start before one from May 2024), then a
dated job over an undated one, then the job recorded last. A side's job started later when
it started after each of the other side's (a job from 2021 beside one from March 2021 may
be later than one from June 2021). When the rule cannot tell (the same start, say), both
stay current. The user may choose otherwise ("a", "b" or "both"); jobs at an
organization both sides work at now stay current (one job there, as before).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from goodword.db import Base
from goodword.duplicates.moving import folded_jobs
from goodword.duplicates.snapshot import decode, encode, made
from goodword.importers.linkedin import connection_source
from goodword.people import job_dates
from goodword.people.models import PersonSource

CurrentJob = Literal["a", "b", "both"]


@dataclass(frozen=True)
class Job:
    """A current job, as the rule reads it."""

    id: int
    organization_id: int
    start_date: date | None
    created_at: datetime | None
    # "month" or "year" for a start given so (LinkedIn's "May 2024"), None for a day.
    start_precision: str | None = None


@dataclass(frozen=True)
class Side:
    """One person's current jobs, and whether a LinkedIn connection gave the person."""

    jobs: tuple[Job, ...]
    linkedin: bool


def side(session: Session, person_id: int) -> Side:
    """A person's current jobs and whether a LinkedIn connection gave the person."""
    positions = Base.metadata.tables["positions"]
    query = select(positions).where(
        positions.c.person_id == person_id, positions.c.is_current.is_(True)
    )
    jobs = tuple(
        Job(
            row["id"],
            row["organization_id"],
            row["start_date"],
            row["created_at"],
            row["start_precision"],
        )
        for row in session.execute(query.order_by(positions.c.id)).mappings()
    )
    sources = session.execute(
        select(PersonSource.source, PersonSource.external_key).where(
            PersonSource.person_id == person_id
        )
    )
    return Side(jobs, any(connection_source(source, key) for source, key in sources))


def weighed(session: Session, *, survivor_id: int, absorbed_id: int) -> tuple[Side, Side]:
    """Both people's current jobs as a merge of `absorbed_id` into `survivor_id` weighs them:
    the absorbed person's, less those the merge removes as repeats of others (a job the
    survivor holds already, as a past job, say). A repeat at an organization the survivor
    works at now is weighed still: both say they work there now, so it stays current."""
    mine, theirs = side(session, survivor_id), side(session, absorbed_id)
    folded = folded_jobs(session, survivor_id, absorbed_id)
    working = {job.organization_id for job in mine.jobs}
    weighed = tuple(
        job for job in theirs.jobs if job.id not in folded or job.organization_id in working
    )
    return mine, Side(weighed, theirs.linkedin)


@dataclass(frozen=True)
class Question:
    """Whose current jobs a merge keeps current, to ask: each side's jobs (ids) as the merge
    weighs them, and the rule's answer ("a", "b" or "both") with why."""

    mine: tuple[int, ...]
    theirs: tuple[int, ...]
    suggested: CurrentJob
    why: str


def question(session: Session, *, survivor_id: int, absorbed_id: int) -> Question | None:
    """What a merge of `absorbed_id` into `survivor_id` has to decide of current jobs ("a"
    the survivor), or None when each does not work now somewhere the other does not."""
    mine, theirs = weighed(session, survivor_id=survivor_id, absorbed_id=absorbed_id)
    if not differ(mine, theirs):
        return None
    suggested, why = rule(mine, theirs)
    return Question(
        tuple(job.id for job in mine.jobs), tuple(job.id for job in theirs.jobs), suggested, why
    )


def differ(a: Side, b: Side) -> bool:
    """Whether each works now somewhere the other does not: a current job to choose."""
    mine = {job.organization_id for job in a.jobs}
    theirs = {job.organization_id for job in b.jobs}
    return bool(mine - theirs) and bool(theirs - mine)


def rule(a: Side, b: Side) -> tuple[CurrentJob, str]:
    """Whose current jobs stay current, by the import's rule, and why in words. The same
    answer whichever of the two is kept."""
    if a.linkedin != b.linkedin:
        winner: CurrentJob = "a" if a.linkedin else "b"
        other = b if a.linkedin else a
        if not any(job.start_date for job in other.jobs):
            return winner, "a job without dates does not end a LinkedIn connection's job"
    mine, theirs = _starts(a), _starts(b)
    if mine and theirs:
        # (In the coarser precision of the two: one from 2021 did not start before May 2021.)
        if _later(mine, theirs):
            return "a", "it started later"
        if _later(theirs, mine):
            return "b", "it started later"
        return "both", "both started then"
    if mine or theirs:
        return ("a" if mine else "b"), "only it has a start date"
    made_a = max((job.created_at for job in a.jobs if job.created_at), default=None)
    made_b = max((job.created_at for job in b.jobs if job.created_at), default=None)
    if made_a is None or made_b is None or made_a == made_b:
        return "both", "neither is newer"
    return ("a" if made_a > made_b else "b"), "it was recorded last"


def settle(
    session: Session,
    snapshot: dict[str, Any],
    a: Side,
    b: Side,
    choice: CurrentJob | None,
) -> None:
    """End the current jobs of the side not kept current (`choice`, or the rule's answer)
    at organizations the other does not work at now, each at the kept side's latest start
    it started no later than, read in the coarser precision of the two (no job ends before
    it began), in that start's precision (a job left when one from May 2024 began ended in
    May 2024; one from June 2024 left when one from 2024 began ended in 2024). Each is
    noted in "jobs_ended" ([id, made, end before, end after, end's precision before, after])
    for an undo."""
    if not differ(a, b):
        return
    chosen = choice or rule(a, b)[0]
    if chosen == "both":
        return
    kept, ending = (a, b) if chosen == "a" else (b, a)
    where = {job.organization_id for job in kept.jobs}
    starts = _starts(kept)
    positions = Base.metadata.tables["positions"]
    ended = snapshot.setdefault("jobs_ended", [])
    for job in ending.jobs:
        if job.organization_id in where:
            continue
        row = session.execute(select(positions).where(positions.c.id == job.id)).mappings().one()
        end, end_precision = row["end_date"], row["end_precision"]
        began = job.start_date
        after = [
            (start, precision)
            for start, precision in starts
            if began is None
            or job_dates.compared(began, job.start_precision, start, precision) <= 0
        ]
        if end is None and after:
            end, end_precision = after[-1]
        ended.append([job.id, made(row), encode(row["end_date"]), encode(end),
                      row["end_precision"], end_precision])  # fmt: skip
        session.execute(
            update(positions)
            .where(positions.c.id == job.id)
            .values(is_current=False, end_date=end, end_precision=end_precision)
        )


def _starts(side: Side) -> list[tuple[date, str | None]]:
    """The side's jobs' starts, each in its precision, latest last: by first day, then a
    whole day after a month, a month after a year (it says more of when)."""
    finer = {"year": 0, "month": 1}
    return sorted(
        ((job.start_date, job.start_precision) for job in side.jobs if job.start_date),
        key=lambda start: (start[0], finer.get(start[1] or "", 2)),
    )


def _later(starts: list[tuple[date, str | None]], others: list[tuple[date, str | None]]) -> bool:
    """Whether a start of `starts` comes after every one of `others`, each pair read in the
    coarser precision of the two: March 2021 is not after a start known only as 2021, which
    may be June."""
    return any(
        all(job_dates.compared(day, precision, other, said) > 0 for other, said in others)
        for day, precision in starts
    )


def unsettle(session: Session, snapshot: dict[str, Any]) -> None:
    """Make the jobs a merge ended current again, with the end they had (and its
    precision): each one still there (made when noted) and as the merge left it; one
    edited since keeps the edit."""
    positions = Base.metadata.tables["positions"]
    column = positions.c.end_date
    for job_id, when, before, after, *precisions in snapshot.get("jobs_ended", []):
        row = session.execute(select(positions).where(positions.c.id == job_id)).mappings().first()
        if row is None or made(row) != when or row["is_current"]:
            continue
        if row["end_date"] != decode(column, after):
            continue
        values = {"is_current": True, "end_date": decode(column, before)}
        if precisions:  # (a merge noted before precisions were kept left it as it was)
            values["end_precision"] = precisions[0]
        session.execute(update(positions).where(positions.c.id == job_id).values(**values))


def words(session: Session, snapshot: dict[str, Any]) -> list[str]:
    """The jobs a merge ended, as a page says them ("Buyer at Metals Group")."""
    ids = [entry[0] for entry in snapshot.get("jobs_ended", [])]
    if not ids:
        return []
    positions = Base.metadata.tables["positions"]
    organizations = Base.metadata.tables["organizations"]
    rows = session.execute(
        select(positions.c.title, organizations.c.name)
        .join(organizations, organizations.c.id == positions.c.organization_id)
        .where(positions.c.id.in_(ids))
        .order_by(positions.c.id)
    )
    return [f"{title} at {name}" if title else name for title, name in rows]
