"""Drafts outside a playbook run: one message for one person, and the JSON shape of a draft."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from sqlalchemy.orm import Session

from goodword import clock
from goodword.people import service as people
from goodword.playbooks import in_touch, library
from goodword.playbooks.engine import addressed_to, me, person_values
from goodword.playbooks.messages import Draft, as_it_was, format_date, mailto_url, render
from goodword.playbooks.schemas import DraftRead, MessageDrafts
from goodword.records import referenced


def for_person(
    session: Session,
    *,
    workspace_id: int,
    key: str,
    person_id: int,
    values: Mapping[str, str | None] | None = None,
    today: date | None = None,
) -> Draft:
    """Fill a message for one person from their record (and the date of the last contact
    logged with them); what the records cannot say stays in braces for the user to fill.
    A keep-in-touch note says how long it has been (`as_it_was`)."""
    template = library.default_template(key)
    person = referenced(
        "person_id", lambda: people.get(session, workspace_id=workspace_id, person_id=person_id)
    )
    user = me(session, workspace_id=workspace_id)
    known = person_values(person, user)
    last = None
    if "last_contact" in template.fillable:
        found = in_touch.last_contacts(session, workspace_id=workspace_id, person_ids={person.id})
        last = found.get(person.id)
        known["last_contact"] = format_date(last)
    filled = {**known, **(values or {})}
    made = library.draft(
        session,
        workspace_id=workspace_id,
        key=key,
        values=filled,
        **addressed_to(person),
    )
    if last is not None and filled.get("last_contact") == known["last_contact"]:
        return as_it_was(made, last, today or clock.today())
    return made


def for_people(
    session: Session, *, workspace_id: int, key: str, person_ids: Sequence[int]
) -> list[Draft]:
    """The message filled for each person (`for_person`), in the order given; for no one,
    its wording with every placeholder in braces. `goodword messages show` and
    GET /messages/{key}/drafts."""
    entry = library.get(session, workspace_id=workspace_id, key=key)
    filled = [
        for_person(session, workspace_id=workspace_id, key=key, person_id=person_id)
        for person_id in person_ids
    ]
    return filled or [render(entry.template, {})]


def drafts_to_read(key: str, drafts: Sequence[Draft]) -> MessageDrafts:
    return MessageDrafts(key=key, drafts=[to_read(draft) for draft in drafts])


def to_read(draft: Draft) -> DraftRead:
    return DraftRead(
        key=draft.key,
        subject=draft.subject,
        body=draft.body,
        to=list(draft.to),
        to_why=draft.to_why,
        missing=list(draft.missing),
        mailto=mailto_url(draft),
    )
