"""Pass it on: when the user hears of an opportunity, lead or event, offer it to whom it fits.

Suggestions come with their reasons (interests, the work people do, their history with the
organization) and a drafted note; the user decides whom to send it to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy.orm import Session

from goodword.leads import service as leads
from goodword.leads.matching import Match
from goodword.leads.models import Lead, LeadKind, LeadShare, ShareStatus
from goodword.leads.schemas import LeadUpdate
from goodword.people import service as people
from goodword.people.models import Person
from goodword.playbooks import library
from goodword.playbooks.engine import (
    Result,
    addressed_to,
    assume_drafted,
    ensure_task,
    find_task,
    finish_task,
    me,
    person_values,
    task_notes,
)
from goodword.playbooks.messages import Draft, format_date
from goodword.tasks import service as tasks
from goodword.tasks.models import TaskStatus
from goodword.tasks.schemas import TaskStatusChange

PLAYBOOK = "pass-it-on"


def share_key(lead_id: int, person_id: int) -> str:
    """The key of the task to pass a lead on to one person."""
    return leads.share_key(lead_id, person_id)


@dataclass
class PassItOnResult(Result):
    matches: list[Match] = field(default_factory=list)


def run(
    session: Session, *, workspace_id: int, lead_id: int, today: date, limit: int = 5
) -> PassItOnResult:
    """Suggest the people a lead fits, keep the suggestions and draft a note to each."""
    lead = leads.get(session, workspace_id=workspace_id, lead_id=lead_id)
    result = PassItOnResult(PLAYBOOK)
    if lead.kind is LeadKind.EVENT and lead.happens_on is not None and lead.happens_on < today:
        # (Saved before it happened: no one can go to it now.)
        result.ask(
            "happens_on",
            f"{lead.title} was on {format_date(lead.happens_on)}: there is no one to invite to "
            "it now. Pass on the next one.",
        )
        return result
    if not lead.tags and not lead.description and lead.organization_id is None:
        result.ask(
            "tags",
            "Add a few tags, a description or the organization, so Goodword can tell whom "
            "this fits.",
            blocking=False,
        )
    result.matches = leads.suggest(session, workspace_id=workspace_id, lead_id=lead.id, limit=limit)
    if (
        not result.matches
        and lead.in_person
        and lead.place
        and leads.fits(session, workspace_id=workspace_id, lead_id=lead.id, anywhere=True)
    ):
        # (The page, the API and the command line all say this: "location" is the person's
        # field on each, so no surface's own label is used.)
        result.ask(
            "place",
            f"No one known to be in {lead.place} fits this yet (people with no place on their "
            "record are offered it too). Add where the people you know there live or work "
            "(their location), or make the lead not in person to offer it to everyone it "
            "fits, wherever they are.",
        )
        return result
    if not result.matches:
        result.ask(
            "people",
            "No one in your records fits this yet. Add interests or tags to the people you "
            "know (and their jobs), then run it again.",
        )
        return result
    user = me(session, workspace_id=workspace_id)
    # Pass an event on well before it happens; anything else within a couple of days.
    due = today + timedelta(days=2)
    if lead.happens_on is not None:
        due = max(today, min(due, lead.happens_on - timedelta(days=3)))
    for match in result.matches:
        leads.record_suggestion(
            session,
            workspace_id=workspace_id,
            lead_id=lead.id,
            person_id=match.person_id,
            reason=match.reason,
        )
        person = people.get(session, workspace_id=workspace_id, person_id=match.person_id)
        note = _note(session, workspace_id, lead, person, match, user)
        result.drafts.append(note)
        result.add_task(
            *ensure_task(
                session,
                workspace_id=workspace_id,
                playbook=PLAYBOOK,
                step="share",
                key=share_key(lead.id, person.id),
                title=_title(lead, person),
                due_date=due,
                notes=_why(match),
                draft=note,
                person_id=person.id,
                organization_id=lead.organization_id,
            )
        )
    return result


def _title(lead: Lead, person: Person) -> str:
    return f"Pass “{lead.title}” on to {person.display_name}"


def _why(match: Match) -> str:
    return f"Why it fits: {match.reason}."


def _note(
    session: Session,
    workspace_id: int,
    lead: Lead,
    person: Person,
    match: Match,
    user: Person | None,
) -> Draft:
    """The note passing the lead on to one person."""
    return library.draft(
        session,
        workspace_id=workspace_id,
        key="pass_it_on",
        values={
            **person_values(person, user),
            "lead_title": lead.title,
            "lead_details": note_details(lead) or None,
            "reason": match.reasons[0].phrase,  # (a match made always has one: `Match`)
        },
        **addressed_to(person),
    )


def edit(
    session: Session, *, workspace_id: int, lead_id: int, data: LeadUpdate
) -> tuple[Lead, list[str]]:
    """Change a lead, and its suggestions with it: a suggestion (not yet sent or skipped)
    to someone it no longer fits is taken off, its open task dismissed; one it still fits
    keeps its task, with the new title and note, but a title or notes the user has edited
    stay as they are, each apart. Sent and skipped ones stay as history. The
    lead and the names of the people taken off."""
    written = _as_written(session, workspace_id, lead_id)
    lead = leads.update(session, workspace_id=workspace_id, lead_id=lead_id, data=data)
    fitting = {m.person_id: m for m in leads.fits(session, workspace_id=workspace_id,
                                                  lead_id=lead.id)}  # fmt: skip
    user = me(session, workspace_id=workspace_id)
    dropped: list[str] = []
    for share in [s for s in lead.shares if s.status is ShareStatus.SUGGESTED]:
        key = share_key(lead.id, share.person_id)
        match = fitting.get(share.person_id)
        if match is None:
            dropped.append(share.person.display_name)
            lead.shares.remove(share)
            session.flush()  # (gone before its task is dismissed: not marked skipped)
            finish_task(session, workspace_id=workspace_id, key=key, status=TaskStatus.DISMISSED)
            continue
        share.reason = match.reason[:500] or None
        task = find_task(session, workspace_id=workspace_id, key=key)
        if task is None:
            continue
        if key in written:
            assume_drafted(task, title=written[key][0], notes=written[key][1])
        elif task.drafted_title_digest is None or task.drafted_notes_digest is None:
            continue  # (what the playbook wrote is unknown: left as it is)
        ensure_task(
            session,
            workspace_id=workspace_id,
            playbook=PLAYBOOK,
            step="share",
            key=key,
            title=_title(lead, share.person),
            due_date=task.due_date,
            notes=_why(match),
            draft=_note(session, workspace_id, lead, share.person, match, user),
            redraft=True,
        )
    session.flush()
    return lead, dropped


def _as_written(
    session: Session, workspace_id: int, lead_id: int
) -> dict[str, tuple[str, str | None]]:
    """The title and notes of each open suggestion's task as the playbook writes them for
    the lead as it is, by key: for a task made before the playbooks kept what they wrote,
    a part whose own differs was edited by hand."""
    lead = leads.get(session, workspace_id=workspace_id, lead_id=lead_id)
    suggested = {s.person_id for s in lead.shares if s.status is ShareStatus.SUGGESTED}
    user = me(session, workspace_id=workspace_id)
    written = {}
    for match in leads.fits(session, workspace_id=workspace_id, lead_id=lead_id):
        if match.person_id not in suggested:
            continue
        person = people.get(session, workspace_id=workspace_id, person_id=match.person_id)
        note = _note(session, workspace_id, lead, person, match, user)
        written[share_key(lead_id, person.id)] = (
            _title(lead, person),
            task_notes(_why(match), note),
        )
    return written


def note_details(lead: Lead) -> str:
    """What the note says of the lead besides its title: the date, where it happens when
    it is in person ("in Berlin"), the link and the description, as known."""
    where = f"in {lead.place}" if lead.in_person and lead.place else None
    parts = [format_date(lead.happens_on), where, lead.url, lead.description]
    return " · ".join(filter(None, parts))


def mark_share(
    session: Session, *, workspace_id: int, share_id: int, status: ShareStatus, on: date
) -> LeadShare:
    """Mark a suggestion sent (on a date) or skipped, and close its task to pass the lead on:
    done once sent, dismissed when skipped. A skipped one suggested again is waiting once
    more: its dismissed task is open again."""
    share = leads.mark_share(
        session, workspace_id=workspace_id, share_id=share_id, status=status, on=on
    )
    key = share_key(share.lead_id, share.person_id)
    if status is ShareStatus.SUGGESTED:
        task = find_task(session, workspace_id=workspace_id, key=key)
        if task is not None and task.status is TaskStatus.DISMISSED:
            tasks.set_status(
                session,
                workspace_id=workspace_id,
                task_id=task.id,
                change=TaskStatusChange(status=TaskStatus.OPEN),
            )
        return share
    closing = {ShareStatus.SENT: TaskStatus.DONE, ShareStatus.SKIPPED: TaskStatus.DISMISSED}
    if status in closing:
        finish_task(
            session,
            workspace_id=workspace_id,
            key=key,
            status=closing[status],
        )
    return share
