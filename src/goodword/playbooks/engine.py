"""What every playbook shares: idempotent tasks, prompts for missing records, results.

A playbook takes an event (an opportunity rejected, a reference launched, a lead recorded) and
gives back tasks with due dates and drafted messages. Each task carries its origin
("playbook:step") and a key naming the records it concerns, unique per workspace, so running
a playbook again returns the tasks it made before instead of adding new ones.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import TypedDict

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.network import wording
from goodword.people import service as people
from goodword.people.models import Person
from goodword.playbooks import addresses
from goodword.playbooks.messages import Draft, mailto_url
from goodword.playbooks.schemas import DraftRead, PlaybookResultRead, PromptRead
from goodword.tasks import service as tasks
from goodword.tasks.models import Task, TaskStatus
from goodword.tasks.schemas import DRAFT_MARKER, TaskCreate, TaskStatusChange

_TITLE_LIMIT = 300
_NOTES_LIMIT = 20_000


class Links(TypedDict, total=False):
    """The records a task is about."""

    person_id: int | None
    organization_id: int | None
    opportunity_id: int | None
    interaction_id: int | None


@dataclass(frozen=True)
class Prompt:
    """Something the user needs to record before (or to get more from) a playbook."""

    field: str
    message: str
    # A blocking prompt stopped the playbook; a non-blocking one only limits what it could do.
    blocking: bool = True


@dataclass
class Result:
    """What one run of a playbook produced."""

    playbook: str
    tasks: list[Task] = field(default_factory=list)
    created: int = 0
    drafts: list[Draft] = field(default_factory=list)
    prompts: list[Prompt] = field(default_factory=list)
    # What the run changed besides adding tasks (a launch cancelled, a task redrafted), or
    # what the user should know now, each in a sentence.
    notes: list[str] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        return any(prompt.blocking for prompt in self.prompts)

    def add_task(self, task: Task, created: bool) -> Task:
        self.tasks.append(task)
        self.created += int(created)
        return task

    def ask(self, field_name: str, message: str, *, blocking: bool = True) -> None:
        self.prompts.append(Prompt(field_name, message, blocking))


def origin(playbook: str, step: str) -> str:
    """The origin a playbook's task carries: `playbook:step`."""
    return f"{playbook}:{step}"


def find_task(session: Session, *, workspace_id: int, key: str) -> Task | None:
    return session.scalar(
        select(Task).where(Task.workspace_id == workspace_id, Task.origin_key == key)
    )


def finish_task(
    session: Session, *, workspace_id: int, key: str, status: TaskStatus = TaskStatus.DONE
) -> bool:
    """Close the playbook's task with this key once what it waited for is on record (the
    call made, the ask sent): done, or dismissed when the step no longer applies. A task
    the user already closed is left as they left it. True when one was closed."""
    task = find_task(session, workspace_id=workspace_id, key=key)
    if task is None or task.status not in (TaskStatus.OPEN, TaskStatus.SNOOZED):
        return False
    tasks.set_status(
        session, workspace_id=workspace_id, task_id=task.id, change=TaskStatusChange(status=status)
    )
    return True


def ensure_task(
    session: Session,
    *,
    workspace_id: int,
    playbook: str,
    step: str,
    key: str,
    title: str,
    due_date: date | None,
    notes: str | None = None,
    draft: Draft | None = None,
    person_id: int | None = None,
    organization_id: int | None = None,
    opportunity_id: int | None = None,
    interaction_id: int | None = None,
    redraft: bool = False,
    revive: bool = False,
) -> tuple[Task, bool]:
    """Return the task with this key, creating it first if it does not exist yet.

    An existing task is returned as it is, even if the user has edited, snoozed, finished or
    dismissed it: a playbook never undoes the user's own decisions. With `redraft` (what it
    is about has changed since: what a reference should stress, say), an existing task
    still open or snoozed takes the new title, and the new notes and draft unless the user
    has edited its notes (`hand_edited`), and the new title unless they have edited that
    (`title_edited`); its date and status stay. With `revive` (the user
    started again what they had called off: a reference launched anew after a cancel), a
    dismissed task is open again, written and dated anew, and counts as added.
    """
    existing = find_task(session, workspace_id=workspace_id, key=key)
    if existing is not None and revive and existing.status is TaskStatus.DISMISSED:
        existing.status, existing.snoozed_until = TaskStatus.OPEN, None
        existing.title = _clip(title, _TITLE_LIMIT)
        existing.drafted_title_digest = _digest(existing.title)
        existing.notes = task_notes(notes, draft)
        existing.drafted_notes_digest = _digest(existing.notes)
        existing.due_date = due_date
        session.flush()
        return existing, True
    if existing is not None:
        if redraft and existing.status in (TaskStatus.OPEN, TaskStatus.SNOOZED):
            if not title_edited(existing):
                existing.title = _clip(title, _TITLE_LIMIT)
                existing.drafted_title_digest = _digest(existing.title)
            if not hand_edited(existing):
                existing.notes = task_notes(notes, draft)
                existing.drafted_notes_digest = _digest(existing.notes)
            session.flush()
        return existing, False
    task = tasks.create(
        session,
        workspace_id=workspace_id,
        data=TaskCreate(
            title=_clip(title, _TITLE_LIMIT),
            notes=task_notes(notes, draft),
            due_date=due_date,
            person_id=person_id,
            organization_id=organization_id,
            opportunity_id=opportunity_id,
            interaction_id=interaction_id,
        ),
        origin=origin(playbook, step),
    )
    task.origin_key = key
    task.drafted_title_digest = _digest(task.title)
    task.drafted_notes_digest = _digest(task.notes)
    session.flush()
    return task, True


def hand_edited(task: Task) -> bool:
    """True when the task's notes are no longer those its playbook last wrote: the user
    edited them. (A task made before the playbooks kept a digest counts as not edited.)"""
    if task.drafted_notes_digest is None:
        return False
    return _digest(task.notes) != task.drafted_notes_digest


def title_edited(task: Task) -> bool:
    """True when the task's title is no longer the one its playbook last wrote: the user
    renamed it. (A task made before the playbooks kept a digest counts as not renamed.)"""
    if task.drafted_title_digest is None:
        return False
    return _digest(task.title) != task.drafted_title_digest


def assume_drafted(task: Task, *, title: str, notes: str | None) -> None:
    """For a task made before the playbooks kept a digest of what they wrote: take `title`
    and `notes` as what its playbook last wrote, so a part that differs from them counts as
    edited by hand (`title_edited`, `hand_edited`). A digest kept is left as it is."""
    if task.drafted_title_digest is None:
        task.drafted_title_digest = _digest(_clip(title, _TITLE_LIMIT))
    if task.drafted_notes_digest is None:
        task.drafted_notes_digest = _digest(notes)


def _digest(notes: str | None) -> str:
    # (Line breaks as a form sends them back, "\r\n", are the same notes.)
    text = "\n".join((notes or "").strip().splitlines())
    return hashlib.sha256(text.encode()).hexdigest()


def task_notes(notes: str | None, draft: Draft | None) -> str | None:
    """A playbook task's notes as `ensure_task` writes them: the notes, then the draft."""
    text = notes or ""
    if draft is not None:
        text = f"{text}\n\n{DRAFT_MARKER}\n\n{draft.as_text()}".strip()
    return _clip(text, _NOTES_LIMIT) or None


def playbook_tasks(session: Session, *, workspace_id: int, key_prefix: str) -> list[Task]:
    """Every task whose key starts with the prefix, oldest first."""
    escaped = key_prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return list(
        session.scalars(
            select(Task)
            .where(
                Task.workspace_id == workspace_id,
                Task.origin_key.like(f"{escaped}%", escape="\\"),
            )
            .order_by(Task.id)
        )
    )


def me(session: Session, *, workspace_id: int) -> Person | None:
    """The person marked as the user, whose name signs the drafts."""
    return people.get_me(session, workspace_id=workspace_id)


def first_name(person: Person) -> str:
    """What a draft calls the person: the same guess as the warm-path drafts make."""
    return wording.first_name(person.display_name, person.given_name, person.notes)


def emails_of(person: Person | None) -> tuple[str, ...]:
    """The address a personal ask goes to, the best of the person's (`addresses.recipient`)."""
    chosen = addresses.recipient(person).address
    return (chosen,) if chosen else ()


class Addressee(TypedDict):
    to: tuple[str, ...]
    to_name: str
    to_why: str | None


def addressed_to(person: Person) -> Addressee:
    """Whom a draft for the person goes to, and why that address when they have several."""
    chosen = addresses.recipient(person)
    return {
        "to": (chosen.address,) if chosen.address else (),
        "to_name": person.display_name,
        "to_why": chosen.why,
    }


def person_values(person: Person, user: Person | None) -> dict[str, str | None]:
    """Template values about the recipient and the user."""
    return {
        "first_name": first_name(person),
        "full_name": person.display_name,
        "my_name": user.display_name if user is not None else None,
    }


def checklist(*items: str) -> str:
    """Task notes as a checklist."""
    return "\n".join(f"- [ ] {item}" for item in items)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def to_read(result: Result) -> PlaybookResultRead:
    """The result as the JSON API and `--json` output show it."""
    return PlaybookResultRead(
        playbook=result.playbook,
        created=result.created,
        task_ids=[task.id for task in result.tasks],
        drafts=[
            DraftRead(
                key=d.key,
                subject=d.subject,
                body=d.body,
                to=list(d.to),
                to_why=d.to_why,
                missing=list(d.missing),
                mailto=mailto_url(d),
            )
            for d in result.drafts
        ],
        prompts=[
            PromptRead(field=p.field, message=p.message, blocking=p.blocking)
            for p in result.prompts
        ],
        notes=list(result.notes),
    )
