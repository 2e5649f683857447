"""Export a whole workspace to one JSON document, and import such a document losslessly.

`import_workspace(export_workspace(x))` into an empty workspace, exported again, gives the
same document: keys are numbered in creation order and the import creates records in file
order, so the numbering survives; timestamps are written as they were, not as "now". The
import checks the document and the workspace here, and writes the records in `writing`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, selectinload

from goodword.connections.models import Connection
from goodword.duplicates.models import CandidateStatus, DuplicateCandidate
from goodword.errors import Conflict, FieldError, NotFound
from goodword.exchange.checks import read_document
from goodword.exchange.playbook_records import (
    check_templates_free,
    export_playbook_records,
    utc,
)
from goodword.exchange.schemas import (
    FORMAT,
    VERSION,
    ExportedConnection,
    ExportedDeletedSource,
    ExportedEmail,
    ExportedInteraction,
    ExportedOpportunity,
    ExportedOrganization,
    ExportedPair,
    ExportedParticipant,
    ExportedPerson,
    ExportedPhone,
    ExportedPosition,
    ExportedSource,
    ExportedStageChange,
    ExportedTask,
    ExportedUrl,
    ExportedWorkspace,
    ExportFile,
)
from goodword.exchange.writing import ImportSummary, write_document
from goodword.importers.matched import Matched, organizations_as
from goodword.importers.splitting import merged_in
from goodword.interactions.models import Interaction
from goodword.leads.models import Lead
from goodword.opportunities.models import Opportunity
from goodword.organizations.models import Organization
from goodword.people.models import DeletedSource, Person, Position
from goodword.playbooks.keys import rekey
from goodword.playbooks.models import MessageTemplate
from goodword.tasks.models import Task
from goodword.workspaces.models import Workspace


def export_text(session: Session, *, workspace_id: int) -> str:
    """The workspace's `goodword-export` document as the file `goodword export` writes."""
    document = export_workspace(session, workspace_id=workspace_id)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def export_workspace(session: Session, *, workspace_id: int) -> dict[str, Any]:
    """Return every record of the workspace as a `goodword-export` version 1 document."""
    workspace = session.get(Workspace, workspace_id)
    if workspace is None:
        raise NotFound("workspace", workspace_id)

    def rows(model: Any, *options: Any) -> Sequence[Any]:
        statement = select(model).where(model.workspace_id == workspace_id)
        return session.scalars(statement.options(*options).order_by(model.id)).all()

    organizations = rows(Organization)
    merged = merged_in(session, workspace_id=workspace_id)
    people = rows(
        Person,
        selectinload(Person.emails),
        selectinload(Person.phones),
        selectinload(Person.urls),
        selectinload(Person.sources),
    )
    opportunities = rows(Opportunity, selectinload(Opportunity.stage_changes))
    interactions = rows(Interaction, selectinload(Interaction.participants))
    org_key = {o.id: f"o{n}" for n, o in enumerate(organizations, 1)}
    person_key = {p.id: f"p{n}" for n, p in enumerate(people, 1)}
    opportunity_key = {o.id: f"op{n}" for n, o in enumerate(opportunities, 1)}
    interaction_key = {i.id: f"i{n}" for n, i in enumerate(interactions, 1)}

    def key(keys: dict[int, str], record_id: int | None) -> str | None:
        return None if record_id is None else keys[record_id]

    playbook_lists, playbook_keys = export_playbook_records(
        rows, person_key=person_key, org_key=org_key, opportunity_key=opportunity_key
    )
    # Tasks' origin keys name records by the file's keys, not by this database's ids.
    origin_names = {
        kind: {str(record_id): name for record_id, name in keys.items()}
        for kind, keys in {
            "person": person_key, "opp": opportunity_key, "interaction": interaction_key,
            **playbook_keys,
        }.items()
    }  # fmt: skip
    document = ExportFile.model_construct(
        format=FORMAT,
        version=VERSION,
        workspace=ExportedWorkspace.model_construct(name=workspace.name),
        organizations=[
            ExportedOrganization.model_construct(
                key=org_key[o.id],
                name=o.name,
                aliases=list(o.aliases),
                domains=list(o.domains),
                location=o.location,
                notes=o.notes,
                created_at=utc(o.created_at),
                updated_at=utc(o.updated_at),
            )
            for o in organizations
        ],
        people=[_export_person(p, person_key[p.id], org_key, merged) for p in people],
        positions=[
            ExportedPosition.model_construct(
                person=person_key[p.person_id],
                organization=org_key[p.organization_id],
                title=p.title,
                department=p.department,
                start_date=p.start_date,
                end_date=p.end_date,
                start_precision=p.start_precision,
                end_precision=p.end_precision,
                is_current=p.is_current,
                created_at=utc(p.created_at),
                updated_at=utc(p.updated_at),
            )
            for p in rows(Position)
        ],
        opportunities=[
            ExportedOpportunity.model_construct(
                key=opportunity_key[o.id],
                organization=org_key[o.organization_id],
                role_title=o.role_title,
                city=o.city,
                region=o.region,
                country=o.country,
                posting_url=o.posting_url,
                posting_text=o.posting_text,
                pay_min=_cents(o.pay_min),
                pay_max=_cents(o.pay_max),
                pay_currency=o.pay_currency,
                pay_period=o.pay_period,
                stage=o.stage,
                route=o.route,
                hiring_manager=key(person_key, o.hiring_manager_id),
                next_step=o.next_step,
                next_step_due=o.next_step_due,
                notes=o.notes,
                stage_changes=[
                    ExportedStageChange.model_construct(
                        from_stage=c.from_stage,
                        to_stage=c.to_stage,
                        changed_at=utc(c.changed_at),
                        note=c.note,
                    )
                    for c in o.stage_changes
                ],
                created_at=utc(o.created_at),
                updated_at=utc(o.updated_at),
            )
            for o in opportunities
        ],
        interactions=[
            ExportedInteraction.model_construct(
                key=interaction_key[i.id],
                occurred_at=utc(i.occurred_at),
                kind=i.kind,
                summary=i.summary,
                opportunity=key(opportunity_key, i.opportunity_id),
                interview_round=i.interview_round,
                direction=i.direction,
                writer=key(person_key, i.writer_id),
                writer_gone=i.writer_gone,
                external_id=i.external_id,
                participants=[
                    ExportedParticipant.model_construct(
                        person=person_key[p.person_id], rapport=p.rapport
                    )
                    for p in i.participants
                ],
                created_at=utc(i.created_at),
                updated_at=utc(i.updated_at),
            )
            for i in interactions
        ],
        connections=[
            ExportedConnection.model_construct(
                person_a=person_key[c.person_a_id],
                person_b=person_key[c.person_b_id],
                kind=c.kind,
                source=c.source,
                since=c.since,
                closeness=c.closeness,
                notes=c.notes,
                created_at=utc(c.created_at),
                updated_at=utc(c.updated_at),
            )
            for c in rows(Connection)
        ],
        duplicate_pairs=[
            ExportedPair.model_construct(
                person_a=person_key[c.person_a_id],
                person_b=person_key[c.person_b_id],
                status=c.status.value,
                score=c.score,
                reasons=list(c.reasons),
                created_at=utc(c.created_at),
                updated_at=utc(c.updated_at),
            )
            for c in rows(DuplicateCandidate)
            if c.status is not CandidateStatus.MERGED
        ],
        tasks=[
            ExportedTask.model_construct(
                title=t.title,
                notes=t.notes,
                due_date=t.due_date,
                status=t.status,
                snoozed_until=t.snoozed_until,
                completed_at=utc(t.completed_at),
                origin=t.origin,
                origin_key=None if t.origin_key is None else rekey(t.origin_key, origin_names),
                drafted_notes_digest=t.drafted_notes_digest,
                drafted_title_digest=t.drafted_title_digest,
                person=key(person_key, t.person_id),
                organization=key(org_key, t.organization_id),
                opportunity=key(opportunity_key, t.opportunity_id),
                interaction=key(interaction_key, t.interaction_id),
                logged_interaction=key(interaction_key, t.logged_interaction_id),
                created_at=utc(t.created_at),
                updated_at=utc(t.updated_at),
            )
            for t in rows(Task)
        ],
        **playbook_lists,
        deleted_sources=[
            ExportedDeletedSource.model_construct(
                source=d.source,
                file_name=d.file_name,
                key_digest=d.key_digest,
                deletion=d.deletion,
                deleted_at=utc(d.deleted_at),
            )
            for d in rows(DeletedSource)
        ],
    )
    return document.model_dump(mode="json")


# Built without validation (the database is trusted, and an export must never fail), so
# the canonical forms the file schema would apply are applied here: UTC times (`utc`), two
# decimals.
def _cents(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.01"))


def _export_person(
    person: Person, key: str, org_key: dict[int, str], merged: set[int]
) -> ExportedPerson:
    """The person as the file has them; `merged` are the source records a merge still in
    place brought to someone (what was kept of their match is left out: `splitting`)."""
    return ExportedPerson.model_construct(
        key=key,
        display_name=person.display_name,
        given_name=person.given_name,
        family_name=person.family_name,
        emails=[
            ExportedEmail.model_construct(address=e.address, label=e.label) for e in person.emails
        ],
        phones=[
            ExportedPhone.model_construct(number=p.number, label=p.label) for p in person.phones
        ],
        urls=[
            ExportedUrl.model_construct(url=u.url, kind=u.kind, label=u.label) for u in person.urls
        ],
        location=person.location,
        notes=person.notes,
        how_we_met=person.how_we_met,
        tags=list(person.tags),
        interests=list(person.interests),
        is_me=person.is_me,
        birthday=person.birthday,
        birthday_no_year=person.birthday_no_year,
        keep_in_touch_days=person.keep_in_touch_days,
        sources=[
            ExportedSource.model_construct(
                source=s.source,
                file_name=s.file_name,
                external_key=s.external_key,
                imported_at=utc(s.imported_at),
                line=s.line,
                fingerprint=s.fingerprint,
                matched=(
                    Matched.model_validate(organizations_as(s.matched, org_key.get))
                    if s.matched is not None and s.id not in merged
                    else None
                ),
            )
            for s in person.sources
        ],
        created_at=utc(person.created_at),
        updated_at=utc(person.updated_at),
    )


def import_workspace(
    session: Session, *, workspace_id: int, data: Any, into_nonempty: bool = False
) -> ImportSummary:
    """Write every record of an export into the workspace; the caller's transaction makes it
    all-or-nothing, and nothing is written before the whole document has been checked.

    A workspace that already holds records is refused unless `into_nonempty`; then the
    records are added, and an organization a name of the file means (as a typed name finds
    it: `organizations.service.find_by_name`) is reused instead of repeated.
    """
    document = data if isinstance(data, ExportFile) else read_document(data)
    workspace = session.get(Workspace, workspace_id)
    if workspace is None:
        raise NotFound("workspace", workspace_id)
    empty = is_empty(session, workspace_id=workspace_id)
    if not empty and not into_nonempty:
        raise Conflict(
            "This workspace already holds records, so the import would mix two networks. "
            "Import into an empty database, or say that you want the records added to these."
        )
    me = None
    if not empty:
        me = session.scalar(select(Person).where(Person.workspace_id == workspace_id, Person.is_me))
    if me is not None:
        for index, person in enumerate(document.people):
            if person.is_me:
                raise Conflict(
                    f"people[{index}] ({person.key}, {person.display_name}) is marked as you, "
                    f"but {me.display_name} is already marked as you.",
                    fields=[FieldError(f"people[{index}].is_me", "Another person is you here.")],
                )
    if not empty:
        _check_origin_keys_free(session, workspace_id, document)
        check_templates_free(session, workspace_id, document)
    if empty:
        workspace.name = document.workspace.name
    return write_document(session, workspace_id, document, reuse_organizations=not empty)


def _check_origin_keys_free(session: Session, workspace_id: int, document: ExportFile) -> None:
    """Tasks a playbook made carry a key the workspace holds once; adding one twice is refused.

    A key naming records of the file (`person:p3`) gets their new ids, so it cannot be taken;
    the others (from files written before keys were renamed) are checked as they are.
    """
    in_file = {
        "person": {p.key: "" for p in document.people},
        "opp": {o.key: "" for o in document.opportunities},
        "interaction": {i.key: "" for i in document.interactions},
        "ask": {a.key: "" for a in document.referral_asks},
        "use": {u.key: "" for u in document.reference_uses},
        "lead": {lead.key: "" for lead in document.leads},
    }
    wanted = {
        t.origin_key: n
        for n, t in enumerate(document.tasks)
        if t.origin_key is not None and rekey(t.origin_key, in_file) == t.origin_key
    }
    if not wanted:
        return
    taken = session.scalars(
        select(Task.origin_key).where(
            Task.workspace_id == workspace_id, Task.origin_key.in_(list(wanted))
        )
    ).all()
    if taken:
        fields = [
            FieldError(f"tasks[{wanted[k]}].origin_key", "This workspace already has this task.")
            for k in sorted(k for k in taken if k is not None)
        ]
        raise Conflict(
            (
                "A task in the file is already in your records"
                if len(fields) == 1
                else f"{len(fields)} tasks in the file are already in your records"
            )
            + "; nothing was imported.",
            fields=fields,
        )


def is_empty(session: Session, *, workspace_id: int) -> bool:
    """Whether the workspace holds no records at all."""
    # Every other record hangs on one of these, or (shares) on a lead.
    for model in (Person, Organization, Opportunity, Interaction, Task, Lead, MessageTemplate):
        statement = select(exists().where(model.workspace_id == workspace_id))
        if session.scalar(statement):
            return False
    return True
