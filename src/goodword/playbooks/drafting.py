"""Drafts outside a playbook run: one message for one person, and the JSON shape of a draft."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from goodword.people import service as people
from goodword.playbooks import cadence, library
from goodword.playbooks.engine import emails_of, me, person_values
from goodword.playbooks.messages import Draft, format_date, mailto_url
from goodword.playbooks.schemas import DraftRead
from goodword.records import referenced


def for_person(
    session: Session,
    *,
    workspace_id: int,
    key: str,
    person_id: int,
    values: Mapping[str, str | None] | None = None,
) -> Draft:
    """Fill a message for one person from their record (and the date of the last contact
    logged with them); what the records cannot say stays in braces for the user to fill."""
    template = library.default_template(key)
    person = referenced(
        "person_id", lambda: people.get(session, workspace_id=workspace_id, person_id=person_id)
    )
    user = me(session, workspace_id=workspace_id)
    known = person_values(person, user)
    if "last_contact" in template.fillable:
        last = cadence.last_contacts(session, workspace_id=workspace_id, person_ids={person.id})
        known["last_contact"] = format_date(last.get(person.id))
    return library.draft(
        session,
        workspace_id=workspace_id,
        key=key,
        values={**known, **(values or {})},
        to=emails_of(person),
        to_name=person.display_name,
    )


def to_read(draft: Draft) -> DraftRead:
    return DraftRead(
        key=draft.key,
        subject=draft.subject,
        body=draft.body,
        to=list(draft.to),
        missing=list(draft.missing),
        mailto=mailto_url(draft),
    )
