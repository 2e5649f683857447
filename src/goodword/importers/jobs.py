"""A known person's jobs as an import changes them: a new job, one held already, one ended."""

from __future__ import annotations

from collections.abc import Set
from datetime import date
from typing import Any

from goodword.importers.bulk import Changes, Held, Known, cut
from goodword.importers.organizations import organization_id
from goodword.importers.records import IncomingPosition
from goodword.importers.state import WorkspaceState
from goodword.organizations.names import organization_key
from goodword.people import job_dates
from goodword.people.titles import narrower, same_title

# A report's words for a job to change by hand, as the pages say them (a report is kept so,
# and the API gives it as kept); the command line names its own command instead
# (`registry.on_the_command_line`).
END_THE_JOB = "end the job on their page"
EDIT_THE_JOB = "edit the job on their page"
CHANGE_THE_END = "change the job's end on their page"
EDIT_THEIR_JOBS = "edit their jobs on their page"


def held_job(
    state: WorkspaceState, person: Known, incoming: IncomingPosition, taken: Set[int] = frozenset()
) -> Held | None:
    """The job the person is already known to have held that `incoming` is (the same
    organization and title; for a dated one, the same start and end, read in the coarser
    precision of the two, or an end on one side only, or, ranked after those, another end:
    one corrected by hand, kept (`job_dates.pairing`), when none has
    that very start: "2021" or 17 May 2021 for "May 2021", and of several so, the best
    paired, but for a job another of the record's is already: `taken`, by `id`), if any.

    An address book says less than LinkedIn and says it its own way, so an undated job
    is also one held already when its title is the held one written otherwise, shortened
    or written out ("Director, Data Science", "VP Eng": `titles.same_title`) or with words
    left out ("Analyst" for "Data Analyst": `titles.narrower`), and when it has no title
    and names the employer of a current job longer or shorter by whole words ("Meta
    Platforms, Inc." for "Meta")."""
    dated = incoming.start_date is not None or incoming.end_date is not None
    if dated:
        found = sorted(
            _dated(state, person, incoming),
            key=lambda held: (_pairing(held, incoming), held.id or _NEW),
        )
        # A job the file gives twice is the job held twice over, but one with another end
        # beside it is another stint, once the job held is another's (`taken`).
        exact = next(
            (
                held
                for held in found
                if held.start_date == incoming.start_date
                and (id(held) not in taken or not _ends_differ(held, incoming))
            ),
            None,
        )
        nearly = [held for held in found if id(held) not in taken]
        return exact or next(iter(nearly), None)
    org_id = organization_id(state, incoming.organization)
    title = cut(incoming.title, 200)
    for held in person.positions:
        if _elsewhere(state, held, org_id):
            if not title and held.is_current and _one_employer(state, held, incoming):
                return held
            continue
        if (
            held.title == title
            or not title
            or same_title(held.title, title)
            or narrower(title, held.title)
        ):
            return held
    return None


def _dated(state: WorkspaceState, person: Known, incoming: IncomingPosition) -> list[Held]:
    """The jobs held that a dated job may be: at its organization, with its title, from
    its start and to its end read in the coarser precision of the two ("2021" for "May
    2021"), or with an end on one side only (or another end, ranked after: an end corrected
    by hand), and neither's start after the other's end (`job_dates.pairing`)."""
    org_id = organization_id(state, incoming.organization)
    title = cut(incoming.title, 200)
    return [
        held
        for held in person.positions
        if not _elsewhere(state, held, org_id)
        and held.title == title
        and _pairing(held, incoming) is not None
    ]


def paired_jobs(
    state: WorkspaceState, person: Known, positions: list[IncomingPosition]
) -> dict[int, Held]:
    """The job held (by the job's index) that each of a record's dated jobs is, paired best
    first over every pair as a merge pairs them (`job_dates.pairing`: ends that agree, then
    the very dates, then the very start, then both ends or neither, then the closest start;
    unlike a merge, a job held whose end differs is paired too, after those), then by the job held
    first recorded, so neither the order of the file nor the order the jobs held are read in
    changes anything; each job held is one of them only. A dated job left out has none of
    its own: it may still be a job held from its very start that another one is too (a job
    the file gives twice: `held_job`, with these `taken`)."""
    recorded = {id(held): place for place, held in enumerate(person.positions)}
    pairs = [
        ((_pairing(held, incoming), _said(incoming), held.id or _NEW, recorded[id(held)]),
         index, held)
        for index, incoming in enumerate(positions)
        if incoming.start_date is not None or incoming.end_date is not None
        for held in _dated(state, person, incoming)
    ]  # fmt: skip
    found: dict[int, Held] = {}
    for _order, index, held in sorted(pairs, key=lambda pair: pair[0]):
        if index not in found and all(held is not other for other in found.values()):
            found[index] = held
    return found


# A job held that this import added has no id yet: after every job recorded before.
_NEW = float("inf")


def _pairing(held: Held, incoming: IncomingPosition) -> tuple[Any, ...] | None:
    return job_dates.pairing(
        job_dates.Dates(held.start_date, held.start_precision, held.end_date, held.end_precision),
        job_dates.Dates(
            incoming.start_date,
            job_dates.kept(incoming.start_precision),
            incoming.end_date,
            job_dates.kept(incoming.end_precision),
        ),
        ends_may_differ=True,
    )


def _ends_differ(held: Held, incoming: IncomingPosition) -> bool:
    """Whether the job held and the file's have ends that are not one (`job_dates.pairing`'s
    first rank)."""
    order = _pairing(held, incoming)
    return order is not None and bool(order[0])


def _said(incoming: IncomingPosition) -> tuple[Any, ...]:
    """A dated job's dates as the file says them, to order jobs alike in all else."""
    return tuple(
        (day is None, day or date.min, precision or "")
        for day, precision in (
            (incoming.start_date, incoming.start_precision),
            (incoming.end_date, incoming.end_precision),
        )
    )


def _same_start(held: Held, start: date | None, precision: str | None) -> bool:
    """Whether the held job began at `start`, each read in the coarser precision of the two
    (a job kept as "May 2021" began on 17 May 2021, and in 2021: neither says otherwise)."""
    if held.start_date is None or start is None:
        return held.start_date == start
    return job_dates.compared(held.start_date, held.start_precision, start, precision) == 0


def _before(day: date, precision: str | None, held: Held) -> bool:
    """Whether `day` (in its precision) comes before the held job's start, each read in the
    coarser precision of the two (2021 is not before May 2021)."""
    if held.start_date is None:
        return False
    return job_dates.compared(day, precision, held.start_date, held.start_precision) < 0


def _one_employer(state: WorkspaceState, held: Held, incoming: IncomingPosition) -> bool:
    """Whether the incoming organization's name is the held one's with words added or
    left out at its end ("Meta Platforms" and "Meta")."""
    held_name = state.organization_names.get(held.organization_id)
    if held_name is None:
        return False
    a, b = organization_key(held_name).split(), organization_key(incoming.organization).split()
    shorter, longer = sorted((a, b), key=len)
    return bool(shorter) and longer[: len(shorter)] == shorter


def _elsewhere(state: WorkspaceState, held: Held, org_id: int) -> bool:
    """Whether `held` is at another organization than `org_id` (one whose name only
    normalises to its name counts as it; one named apart exactly does not)."""
    same = state.same_organization
    return held.organization_id != org_id and same.get(held.organization_id) != org_id


def add_job(
    state: WorkspaceState,
    org_names: dict[int, str],
    person: Known,
    incoming: IncomingPosition,
    out: Changes,
    own: set[int],
    *,
    retitle: bool = False,
    left: list[str] | None = None,
    keep_current: bool = False,
    reopen: bool = False,
    title_now: str | None = None,
    older: bool = False,
    taken: set[int] | None = None,
    paired: Held | None = None,
) -> list[str]:
    """Add a job as `people.service.add_position` does, minding dates.

    A new current job at another organization ends the current ones elsewhere that
    started no later than it (or either is undated); a new title at the same
    organization keeps the old title as history. Jobs in `own` (the ids of the
    `Held` this record holds or adds) are not ended: one record's jobs are one set.
    An end date is never set before the job's start. A job the person is already
    known to have held (the same organization and title; for a dated one, the same
    start) adds nothing: a record without dates cannot tell that the person went back
    to a job that has since ended, and an older copy (an old address book) must not
    undo the move a newer one recorded. With `retitle` (a newer copy of a record), a dated
    current job at the organization and from the start of the one current job held there
    that the record does not list is that job retitled: a dated record lists every job
    (Positions.csv, an export). Two such jobs, or a first import, add the job as a new one
    (the held one may be a job typed in by hand). A job the record gives as current that
    ended here is said in `left`, as left ended.

    With `keep_current` (another source's record matched to someone LinkedIn knows: an
    address book's job is often years old, while a connection's is the one they keep up to
    date), an undated job that would end a current one is added as a past job instead, and
    `left` says so: which job is current no longer depends on the order of the imports.
    So is one when the connection's row gave a title with no company (`title_now`: a
    freelancer, someone between jobs, a company kept hidden), unless it is that title: the
    row still says what they do now.
    With `reopen` (a newer copy of a LinkedIn connection that gave another job when last
    imported), an undated job it gives as current
    that is held as past with no end (such an address book's job, say) is their job now
    again, ending the current ones elsewhere: LinkedIn says they moved.
    With `older` (a record of a file older than another export imported, `older_files`),
    `keep_current` holds as well, and `left` says why: an old export does not undo a move.
    With `taken` (the `id`s of the jobs held that the record's other dated jobs are), a job
    held is the one dated job of the record only: two stints in 2021 beside a job held from
    2021 are that job and another. `paired` is the job held it is, when the record's jobs
    were paired with the jobs held before (`paired_jobs`).
    """
    keep_current = keep_current or older
    held_already = paired or held_job(state, person, incoming, taken or frozenset())
    if held_already is not None:
        if taken is not None and (incoming.start_date, incoming.end_date) != (None, None):
            taken.add(id(held_already))
        if reopen and _reopens(held_already, incoming):
            return _reopened(state, org_names, person, held_already, out, own)
        if left is not None and _still_ended(state, person, held_already, incoming):
            where = org_names[held_already.organization_id]
            end = job_dates.written(held_already.end_date, held_already.end_precision)
            left.append(
                f"job at {where} left as ended{f' {end}' if end else ''}: the file "
                f"gives it as current (if they went back, {EDIT_THE_JOB})"
            )
        if (
            left is not None
            and incoming.end_date is not None
            and held_already.end_date is not None
            and _ends_differ(held_already, incoming)
        ):  # (an end the user corrected, kept: `job_dates.pairing`'s `ends_may_differ`)
            where = org_names[held_already.organization_id]
            end = job_dates.written(held_already.end_date, held_already.end_precision)
            given = job_dates.written(incoming.end_date, job_dates.kept(incoming.end_precision))
            left.append(
                f"job at {where} kept as ended {end}: the file gives {given} "
                f"(if the file is right, {CHANGE_THE_END})"
            )
        _precise(out, held_already, incoming)
        return (
            _started(out, held_already, incoming, org_names)
            + _written_out(out, held_already, incoming.title)
            + _department(out, held_already, incoming.department)
            + _ended(out, held_already, incoming, org_names)
        )
    org_id = organization_id(state, incoming.organization)
    org_name = org_names[org_id]
    title = cut(incoming.title, 200)
    start = incoming.start_date
    dated = start is not None or incoming.end_date is not None
    current = incoming.is_current and incoming.end_date is None
    if retitle and current and start is not None:
        retitled = _retitled(state, person, org_id, start, incoming.start_precision, own)
        if retitled is not None:
            was_title = retitled.title
            _set_title(out, retitled, title)
            own.add(id(retitled))
            said = [f"title {title or 'none'} at {org_name} (was {was_title or 'none'})"]
            return said + _started(out, retitled, incoming, org_names)
    ending = (
        _to_end(state, person, org_id, start, dated, own, incoming.start_precision)
        if current
        else []
    )
    titled = bool(title_now) and current and not ending and not _that_title(title, title_now)
    if keep_current and (ending or titled) and not dated:
        current, kept = False, ending
        ending = []
        if left is not None and kept and older:
            stays = ", ".join(_role(job, org_names) for job in kept)
            left.append(
                "not made current: the file is an older export than another you imported "
                f"({stays} {'stay' if len(kept) > 1 else 'stays'} their job now)"
            )
        elif left is not None and kept:
            stays = ", ".join(_role(job, org_names) for job in kept)
            left.append(
                "not made current: a record without dates does not move a LinkedIn "
                f"connection's job ({stays} {'stay' if len(kept) > 1 else 'stays'}; if they "
                f"have moved since, {EDIT_THEIR_JOBS})"
            )
        elif left is not None:
            left.append(
                "not made current: a record without dates does not move a LinkedIn "
                f"connection's job ({title_now}, with no company, stays their job now; if "
                f"they have moved since, {EDIT_THEIR_JOBS})"
            )
    was = _end(state, org_names, ending, org_id, start, out, incoming.start_precision)
    department = cut(incoming.department, 200)
    start_precision = job_dates.kept(incoming.start_precision) if start else None
    end_precision = job_dates.kept(incoming.end_precision) if incoming.end_date else None
    row = {"workspace_id": state.workspace_id, "person_id": person.id, "organization_id": org_id,
           "title": title, "department": department,
           "start_date": start, "end_date": incoming.end_date,
           "start_precision": start_precision, "end_precision": end_precision,
           "is_current": current}  # fmt: skip
    out.positions.append(row)
    added = Held(0, org_id, title, start, incoming.end_date, current, row,
                 department=department, start_precision=start_precision,
                 end_precision=end_precision)  # fmt: skip
    person.positions.append(added)
    own.add(id(added))
    if not current:
        return [f"past position added: {title or 'a role'} at {org_name}"]
    role = f"{title} at {org_name}" if title else org_name
    return [f"now {role}" + (f" (was {', '.join(was)})" if was else "")]


def past_beside_title(
    org_names: dict[int, str], person: Known, out: Changes, title_alone: str
) -> list[str]:
    """A LinkedIn connection's title given with no company (`title_alone`) says what they
    do now: the undated current jobs held (an address book's) that are not that title
    become past jobs, with no end (when they left is not known), as `add_job` adds them
    when the connection came first (its `title_now`); in words."""
    said = []
    for held in person.positions:
        if (
            held.is_current
            and held.start_date is None
            and held.end_date is None
            and not _that_title(held.title, title_alone)
        ):
            _set_current(out, held, False, None)
            said.append(
                f"{_role(held, org_names)} now a past job (LinkedIn gives {title_alone}, "
                "with no company, as their job now)"
            )
    return said


def _that_title(title: str | None, title_now: str | None) -> bool:
    """Whether a job's title is the one a connection gives with no company, written
    otherwise or with words left out (their company kept hidden: this may be that job)."""
    if not (title and title_now):
        return False
    folded, now = title.casefold(), title_now.casefold()
    return folded == now or same_title(title, title_now) or narrower(title, title_now)


def _to_end(
    state: WorkspaceState,
    person: Known,
    org_id: int,
    start: date | None,
    dated: bool,
    own: set[int],
    precision: str | None = None,
) -> list[Held]:
    """The current jobs a new current job at `org_id` from `start` (in `precision`) ends:
    those elsewhere (and, for an undated one, another title at the same organization), but
    for the jobs in `own` and a job held that started later (no end before a start; one
    from May 2021 did not start later than a job from 2021)."""
    return [
        held
        for held in person.positions
        if held.is_current
        and (_elsewhere(state, held, org_id) or not dated)
        and id(held) not in own
        and not (start is not None and _before(start, precision, held))
    ]


def _end(
    state: WorkspaceState,
    org_names: dict[int, str],
    ending: list[Held],
    org_id: int,
    start: date | None,
    out: Changes,
    start_precision: str | None = None,
) -> list[str]:
    """End the jobs, each at its own end or the new job's start (in its precision: a job
    that ended when one from Jan 2020 began ended in Jan 2020); what they were, in words."""
    was = []
    for held in ending:
        held.is_current = False
        if _elsewhere(state, held, org_id):
            at = f"at {org_names[held.organization_id]}"
            was.append(f"{held.title} {at}" if held.title else at)
        else:  # a new title at the same organization
            was.append(held.title or "no title")
        if held.end_date is not None or start is None:
            _set_current(out, held, False, held.end_date)
        else:
            _set_current(out, held, False, start, end_precision=job_dates.kept(start_precision))
    return was


def _set_current(
    out: Changes, held: Held, current: bool, end: date | None, **precision: str | None
) -> None:
    """Make a job current or past, with `end`; an `end_precision` given is written with it
    (none given leaves the one the job has)."""
    # (An end written is not kept on `held`: a later record's own end for it still counts.)
    held.is_current = current
    if held.id:
        out.ended.append({"id": held.id, "is_current": current, "end_date": end, **precision})
    elif held.row is not None:  # started by an earlier record of this import
        held.row.update(is_current=current, end_date=end, **precision)


def _reopens(held: Held, incoming: IncomingPosition) -> bool:
    """Whether a job held as past with no end is one an undated record gives as current."""
    return (
        not held.is_current
        and held.end_date is None
        and incoming.is_current
        and incoming.start_date is None
        and incoming.end_date is None
    )


def _reopened(
    state: WorkspaceState, org_names: dict[int, str], person: Known, held: Held, out: Changes,
    own: set[int],
) -> list[str]:  # fmt: skip
    """Make a job held as past their job now again, ending the current ones it follows."""
    _set_current(out, held, True, None)
    own.add(id(held))
    ending = _to_end(state, person, held.organization_id, None, False, own)
    was = _end(state, org_names, ending, held.organization_id, None, out)
    return [f"now {_role(held, org_names)}" + (f" (was {', '.join(was)})" if was else "")]


def _role(held: Held, org_names: dict[int, str]) -> str:
    where = org_names[held.organization_id]
    return f"{held.title} at {where}" if held.title else where


def _retitled(
    state: WorkspaceState,
    person: Known,
    org_id: int,
    start: date,
    precision: str | None,
    own: set[int],
) -> Held | None:
    """The current job held at the organization since `start` that the record does not
    list (not in `own`): the job a job of the record with another title is. Since that very
    start, or when none began then, since it read in the coarser precision of the two (a
    job held from May 2021 for one from 17 May 2021); of several, the one whose start is
    closest (of jobs held from 2021 and from Nov 2021, the second for 20 Nov 2021, the
    first for one from 2021), and none when two are as close or from that very start (it
    may be either: one typed in by hand, say)."""
    found = [
        held
        for held in person.positions
        if held.is_current
        and _same_start(held, start, precision)
        and id(held) not in own
        and not _elsewhere(state, held, org_id)
    ]
    exact = [held for held in found if held.start_date == start]
    if exact:
        return exact[0] if len(exact) == 1 else None

    def apart(held: Held) -> tuple[int, int]:
        if held.start_date is None:
            return (0, 0)
        return job_dates.apart(held.start_date, held.start_precision, start)

    ranked = sorted(found, key=apart)
    if not ranked or (len(ranked) > 1 and apart(ranked[0]) == apart(ranked[1])):
        return None
    return ranked[0]


def _set_title(out: Changes, held: Held, title: str | None) -> None:
    held.title = title
    if held.id:
        out.titles.append({"id": held.id, "title": title})
    elif held.row is not None:  # started by an earlier record of this import
        held.row["title"] = title


def _written_out(out: Changes, held: Held, title: str | None) -> list[str]:
    """The job is held already; its title written out in full when this record has it so
    ("VP Engineering" for "VP Eng")."""
    title = cut(title, 200)
    if not (title and held.title) or len(title) <= len(held.title):
        return []
    was = held.title
    _set_title(out, held, title)
    return [f"title {title} (was {was})"]


def _still_ended(
    state: WorkspaceState, person: Known, held: Held, incoming: IncomingPosition
) -> bool:
    """Whether a job the record gives as current is one that ended here, with no current
    job at its organization: the file may be older than the end, or they went back."""
    if held.is_current or not incoming.is_current or incoming.end_date is not None:
        return False
    return not any(
        job.is_current and not _elsewhere(state, job, held.organization_id)
        for job in person.positions
    )


def _ended(
    out: Changes, held: Held, incoming: IncomingPosition, org_names: dict[int, str]
) -> list[str]:
    """The job is held already; this record says when it ended (a newer Positions.csv
    gives a Finished On), not before it began (an end in 2021 is not before a start in May
    2021): a job with no end ends then, and one that ended in a month or a year ends on the
    day the record knows in it (17 Mar 2023 for one that ended in March 2023:
    `job_dates.finer`), as a start known more precisely is taken (`_started`)."""
    end = incoming.end_date
    if end is None or _before(end, incoming.end_precision, held):
        return []
    precision = job_dates.kept(incoming.end_precision)
    was = ""
    if held.end_date is not None:
        if not job_dates.finer(held.end_date, held.end_precision, end, precision):
            return []
        was = f" (was {job_dates.written(held.end_date, held.end_precision)})"
    held.end_date, held.end_precision, held.is_current = end, precision, False
    if held.id:
        out.ended.append(
            {"id": held.id, "is_current": False, "end_date": end, "end_precision": precision}
        )
    elif held.row is not None:  # started by an earlier record of this import
        held.row.update(is_current=False, end_date=end, end_precision=precision)
    role = held.title or "a role"
    return [
        f"{role} at {org_names[held.organization_id]} ended "
        f"{job_dates.written(end, precision)}{was}"
    ]


def _precise(out: Changes, held: Held, incoming: IncomingPosition) -> None:
    """The job is held already; a date of it kept as a whole day that this record gives as
    a month or a year on that day ("Jan 2020" is kept as 1 January 2020) is kept as the
    month or year from now on. Quietly, as nothing the user sees changes but how it is
    written: a job imported before months were kept (migration 0030) is its file again."""
    found = {}
    for name, was, day, precision in (
        ("start_precision", held.start_date, incoming.start_date, incoming.start_precision),
        ("end_precision", held.end_date, incoming.end_date, incoming.end_precision),
    ):
        partial = job_dates.kept(precision)
        if partial and was is not None and was == day and getattr(held, name) is None:
            setattr(held, name, partial)
            found[name] = partial
    if not found:
        return
    if held.id:
        out.precisions.append({"id": held.id, **found})
    elif held.row is not None:  # started by an earlier record of this import
        held.row.update(found)


def _started(
    out: Changes, held: Held, incoming: IncomingPosition, org_names: dict[int, str]
) -> list[str]:
    """The job is held already; a start this record knows more precisely (17 May 2021 for
    one held from May 2021, May 2021 for 2021: `job_dates.finer`) is its start from now on,
    in words; never one after the job's end (September 2021 for a job from 2021 that ended
    in March)."""
    start, precision = incoming.start_date, job_dates.kept(incoming.start_precision)
    if held.start_date is None or start is None:
        return []
    if not job_dates.finer(held.start_date, held.start_precision, start, precision):
        return []
    if held.end_date is not None and (
        job_dates.compared(start, precision, held.end_date, held.end_precision) > 0
    ):
        return []  # (never a start after the job's end)
    was = job_dates.written(held.start_date, held.start_precision)
    held.start_date, held.start_precision = start, precision
    if held.id:
        out.starts.append({"id": held.id, "start_date": start, "start_precision": precision})
    elif held.row is not None:  # started by an earlier record of this import
        held.row.update(start_date=start, start_precision=precision)
    role = held.title or "a role"
    return [
        f"{role} at {org_names[held.organization_id]} started "
        f"{job_dates.written(start, precision)} (was {was})"
    ]


def _department(out: Changes, held: Held, department: str | None) -> list[str]:
    """The job is held already; fill in its department when only this record knows it."""
    department = cut(department, 200)
    if not department or held.department:
        return []
    held.department = department
    if held.id:
        out.departments.append({"id": held.id, "department": department})
    elif held.row is not None:  # started by an earlier record of this import
        held.row["department"] = department
    return [f"department {department} added to {held.title or 'a role'}"]
