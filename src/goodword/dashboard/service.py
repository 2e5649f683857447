"""Questions only the dashboard asks."""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from goodword.organizations.models import Organization
from goodword.people.models import Person


def is_empty(session: Session, *, workspace_id: int) -> bool:
    """True when the workspace has no people and no organizations yet (a first run)."""
    has_people = session.scalar(select(exists().where(Person.workspace_id == workspace_id)))
    if has_people:
        return False
    return not session.scalar(select(exists().where(Organization.workspace_id == workspace_id)))
