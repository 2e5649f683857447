"""A person with something of every kind that goes when they are deleted, for the tests of
what the confirmations say (the web's delete page and `goodword person delete`)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from goodword.connections import service as connections
from goodword.connections.schemas import ConnectionCreate
from goodword.duplicates.merging import merge
from goodword.duplicates.models import DuplicateCandidate
from goodword.interactions import service as interactions
from goodword.interactions.models import InteractionKind
from goodword.interactions.schemas import InteractionCreate, ParticipantIn
from goodword.leads import service as leads
from goodword.leads.models import LeadKind, LeadShare
from goodword.leads.schemas import LeadCreate
from goodword.organizations import service as organizations
from goodword.organizations.schemas import OrganizationCreate
from goodword.people import service as people
from goodword.people.models import Person
from goodword.people.schemas import PersonCreate, PositionCreate
from goodword.references import service as references
from goodword.references.schemas import ReferenceCreate
from goodword.referrals import service as referrals
from goodword.referrals.schemas import ReferralAskCreate


def everything_of(session: Session, workspace_id: int, person: Person, other: Person) -> None:
    """Give `person` a merge of someone into them, two positions, a connection and an
    interaction with `other`, a reference record (never launched), a referral ask, a
    possible-duplicate pair with `other` and two lead shares."""
    twin = people.create(
        session, workspace_id=workspace_id, data=PersonCreate(display_name="Someone Alike")
    )
    merge(session, workspace_id=workspace_id, survivor_id=person.id, absorbed_id=twin.id)
    for org in ("Initech", "Hooli"):
        people.add_position(
            session,
            workspace_id=workspace_id,
            person_id=person.id,
            data=PositionCreate(organization_name=org),
        )
    connections.create(
        session,
        workspace_id=workspace_id,
        data=ConnectionCreate(person_a_id=other.id, person_b_id=person.id, kind="friend"),
    )
    interactions.create(
        session,
        workspace_id=workspace_id,
        data=InteractionCreate(
            occurred_at=datetime(2026, 1, 5, 10, 0, tzinfo=UTC),
            kind=InteractionKind.MEETING,
            participants=[ParticipantIn(person_id=person.id), ParticipantIn(person_id=other.id)],
        ),
    )
    references.create(session, workspace_id=workspace_id, data=ReferenceCreate(person_id=person.id))
    target = organizations.create(
        session, workspace_id=workspace_id, data=OrganizationCreate(name="Lumenfold")
    )
    referrals.create(
        session,
        workspace_id=workspace_id,
        data=ReferralAskCreate(person_id=person.id, target_organization_id=target.id),
    )
    for title in ("A meetup", "An opening"):
        lead = leads.create(
            session, workspace_id=workspace_id, data=LeadCreate(kind=LeadKind.LEAD, title=title)
        )
        session.add(LeadShare(workspace_id=workspace_id, lead_id=lead.id, person_id=person.id))
    low, high = sorted((person.id, other.id))
    session.add(
        DuplicateCandidate(
            workspace_id=workspace_id, person_a_id=low, person_b_id=high, score=0.9, reasons=[]
        )
    )
    session.flush()
