"""Write a checked `goodword-export` document into a workspace: every record in file order,
the file's keys mapped to the new ids (a playbook task's origin key too), an organization
already here that a name of the file means reused when asked; and what was written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.connections.models import Connection
from goodword.duplicates.models import CandidateStatus, DuplicateCandidate
from goodword.exchange.people_rows import index_people, write_people, write_positions
from goodword.exchange.playbook_records import write_playbook_records
from goodword.exchange.schemas import ExportedOpportunity, ExportFile
from goodword.importers.bulk import graph_changed_once
from goodword.interactions.models import Interaction, Participant
from goodword.opportunities.models import Opportunity, StageChange
from goodword.organizations import service as organizations_service
from goodword.organizations.models import Organization
from goodword.people.deleted import next_deletion
from goodword.people.models import DeletedSource
from goodword.playbooks.keys import rekey
from goodword.records import sort_key
from goodword.search import service as search
from goodword.tasks.models import Task


@dataclass(frozen=True)
class ImportSummary:
    """What an import wrote; `organizations_matched` were already there and were reused."""

    organizations: int = 0
    organizations_matched: int = 0
    people: int = 0
    positions: int = 0
    opportunities: int = 0
    interactions: int = 0
    connections: int = 0
    tasks: int = 0
    referral_asks: int = 0
    references: int = 0
    reference_uses: int = 0
    leads: int = 0
    lead_shares: int = 0
    message_templates: int = 0


def _origin_names(
    records: dict[str, dict[str, Any]], playbook_ids: dict[str, dict[str, int]]
) -> dict[str, dict[str, str]]:
    """For `rekey`: kind -> file key -> the new id, as text."""
    names = {kind: {k: str(r.id) for k, r in found.items()} for kind, found in records.items()}
    names.update(
        {kind: {k: str(i) for k, i in found.items()} for kind, found in playbook_ids.items()}
    )
    return names


def write_document(
    session: Session, workspace_id: int, document: ExportFile, *, reuse_organizations: bool
) -> ImportSummary:
    """Write the document's records (checked already) into the workspace; say what was written."""
    ws = workspace_id
    organizations: dict[str, Organization] = {}
    created_organizations: list[Organization] = []
    # An organization of the file is the one already here that its name means, found as a
    # typed name finds it: by its name or another name, legal form aside ("Acme" is Acme
    # Robotics when one of its other names is "Acme"). Read once, not once per organization.
    here: list[tuple[int, str, list[str]]] = []
    if reuse_organizations:
        rows = session.execute(
            select(Organization.id, Organization.name, Organization.aliases).where(
                Organization.workspace_id == ws
            )
        )
        here = [(id_, name, aliases or []) for id_, name, aliases in rows]
    for o in document.organizations:
        matched = organizations_service.best_match(here, o.name)
        found = None if matched is None else session.get(Organization, matched)
        if found is None:
            found = Organization(
                workspace_id=ws,
                name=o.name,
                sort_name=sort_key(o.name),
                aliases=list(o.aliases),
                domains=list(o.domains),
                location=o.location,
                notes=o.notes,
                created_at=o.created_at,
                updated_at=o.updated_at,
            )
            session.add(found)
            created_organizations.append(found)
        organizations[o.key] = found
    session.flush()

    organization_ids = {key: o.id for key, o in organizations.items()}
    count = len(document.people) + len(document.positions)
    with graph_changed_once(session, ws, count):
        people = write_people(session, ws, document.people, organization_ids)
        write_positions(session, ws, document.positions, people, organization_ids)

    opportunities: dict[str, Opportunity] = {}
    for op in document.opportunities:
        opportunity = _new_opportunity(ws, op, organizations, people)
        session.add(opportunity)
        opportunities[op.key] = opportunity
    session.flush()

    interactions: dict[str, Interaction] = {}
    for i in document.interactions:
        interaction = Interaction(
            workspace_id=ws,
            occurred_at=i.occurred_at,
            kind=i.kind,
            summary=i.summary,
            opportunity_id=opportunities[i.opportunity].id if i.opportunity else None,
            interview_round=i.interview_round,
            direction=i.direction,
            writer_id=people[i.writer] if i.writer else None,
            writer_gone=i.writer_gone,
            external_id=i.external_id,
            created_at=i.created_at,
            updated_at=i.updated_at,
            participants=[
                Participant(
                    workspace_id=ws,
                    person_id=people[part.person],
                    rapport=part.rapport,
                    created_at=i.created_at,
                    updated_at=i.updated_at,
                )
                for part in i.participants
            ],
        )
        session.add(interaction)
        interactions[i.key] = interaction
    session.flush()

    for pair in document.duplicate_pairs:
        a, b = sorted((people[pair.person_a], people[pair.person_b]))
        session.add(
            DuplicateCandidate(
                workspace_id=ws, person_a_id=a, person_b_id=b,
                status=CandidateStatus(pair.status), score=pair.score,
                reasons=list(pair.reasons), created_at=pair.created_at,
                updated_at=pair.updated_at,
            )
        )  # fmt: skip
    for c in document.connections:
        session.add(
            Connection(
                workspace_id=ws,
                person_a_id=people[c.person_a],
                person_b_id=people[c.person_b],
                kind=c.kind,
                source=c.source,
                since=c.since,
                closeness=c.closeness,
                notes=c.notes,
                created_at=c.created_at,
                updated_at=c.updated_at,
            )
        )
    session.flush()
    playbook_ids = write_playbook_records(
        session,
        ws,
        document,
        people=people,
        organizations=organizations,
        opportunities=opportunities,
    )
    # The records tasks' origin keys name are known by their new ids now.
    names = _origin_names(
        {"opp": opportunities, "interaction": interactions}, {"person": people, **playbook_ids}
    )
    for t in document.tasks:
        session.add(
            Task(
                workspace_id=ws,
                title=t.title,
                notes=t.notes,
                due_date=t.due_date,
                status=t.status,
                snoozed_until=t.snoozed_until,
                completed_at=t.completed_at,
                origin=t.origin,
                origin_key=None if t.origin_key is None else rekey(t.origin_key, names),
                drafted_notes_digest=t.drafted_notes_digest,
                drafted_title_digest=t.drafted_title_digest,
                person_id=people[t.person] if t.person else None,
                organization_id=organizations[t.organization].id if t.organization else None,
                opportunity_id=opportunities[t.opportunity].id if t.opportunity else None,
                interaction_id=interactions[t.interaction].id if t.interaction else None,
                logged_interaction_id=(
                    interactions[t.logged_interaction].id if t.logged_interaction else None
                ),
                created_at=t.created_at,
                updated_at=t.updated_at,
            )
        )

    # (Numbered after the workspace's own deletions: two are never taken for one.)
    after = next_deletion(session, workspace_id=ws) - 1
    session.add_all(
        DeletedSource(
            workspace_id=ws,
            source=d.source,
            file_name=d.file_name,
            key_digest=d.key_digest,
            deletion=after + d.deletion,
            deleted_at=d.deleted_at,
        )
        for d in document.deleted_sources
    )
    for organization in created_organizations:
        search.index_organization(session, organization)
    organization_names = {key: o.name for key, o in organizations.items()}
    index_people(session, ws, document.people, people, document.positions, organization_names)
    return ImportSummary(
        organizations=len(created_organizations),
        organizations_matched=len(document.organizations) - len(created_organizations),
        people=len(document.people),
        positions=len(document.positions),
        opportunities=len(document.opportunities),
        interactions=len(document.interactions),
        connections=len(document.connections),
        tasks=len(document.tasks),
        referral_asks=len(document.referral_asks),
        references=len(document.references),
        reference_uses=len(document.reference_uses),
        leads=len(document.leads),
        lead_shares=sum(len(lead.shares) for lead in document.leads),
        message_templates=len(document.message_templates),
    )


def _new_opportunity(
    workspace_id: int,
    op: ExportedOpportunity,
    organizations: dict[str, Organization],
    people: dict[str, int],
) -> Opportunity:
    return Opportunity(
        workspace_id=workspace_id,
        organization_id=organizations[op.organization].id,
        role_title=op.role_title,
        city=op.city,
        region=op.region,
        country=op.country,
        posting_url=op.posting_url,
        posting_text=op.posting_text,
        pay_min=op.pay_min,
        pay_max=op.pay_max,
        pay_currency=op.pay_currency,
        pay_period=op.pay_period,
        stage=op.stage,
        route=op.route,
        hiring_manager_id=people[op.hiring_manager] if op.hiring_manager else None,
        next_step=op.next_step,
        next_step_due=op.next_step_due,
        notes=op.notes,
        created_at=op.created_at,
        updated_at=op.updated_at,
        stage_changes=[
            StageChange(
                workspace_id=workspace_id,
                from_stage=c.from_stage,
                to_stage=c.to_stage,
                changed_at=c.changed_at,
                note=c.note,
                created_at=c.changed_at,
                updated_at=c.changed_at,
            )
            for c in op.stage_changes
        ],
    )
