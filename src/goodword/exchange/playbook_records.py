"""The playbook records in the export: referral asks, references and their uses, leads with
their shares, and the user's own message templates.

`export_playbook_records` adds their lists to a document; `write_playbook_records` creates
them in file order once the people, organizations and opportunities they point at exist.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, overload

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from goodword.errors import Conflict, FieldError
from goodword.exchange.schemas import (
    ExportedLead,
    ExportedLeadShare,
    ExportedMessageTemplate,
    ExportedReference,
    ExportedReferenceUse,
    ExportedReferralAsk,
    ExportFile,
)
from goodword.leads.models import Lead, LeadShare
from goodword.opportunities.models import Opportunity
from goodword.organizations.models import Organization
from goodword.playbooks.models import MessageTemplate
from goodword.references.models import Reference, ReferenceUse
from goodword.referrals.models import ReferralAsk

Rows = Callable[..., Sequence[Any]]


# Records are built without validation, so the UTC form the file schema would give is given here.
@overload
def utc(value: datetime) -> datetime: ...
@overload
def utc(value: None) -> None: ...
def utc(value: datetime | None) -> datetime | None:
    return None if value is None else value.astimezone(UTC)


def export_playbook_records(
    rows: Rows,
    *,
    person_key: dict[int, str],
    org_key: dict[int, str],
    opportunity_key: dict[int, str],
) -> tuple[dict[str, Any], dict[str, dict[int, str]]]:
    """The playbook lists of the document, keyed by the ids of the records already keyed,
    and the keys given to the records that tasks' origin keys name (`ask`, `use`, `lead`)."""

    def key(keys: dict[int, str], record_id: int | None) -> str | None:
        return None if record_id is None else keys[record_id]

    asks = rows(ReferralAsk)
    ask_key = {a.id: f"ra{n}" for n, a in enumerate(asks, 1)}
    references = rows(Reference)
    reference_key = {r.id: f"r{n}" for n, r in enumerate(references, 1)}
    uses = rows(ReferenceUse)
    use_key = {u.id: f"ru{n}" for n, u in enumerate(uses, 1)}
    leads = rows(Lead, selectinload(Lead.shares))
    lead_key = {lead.id: f"l{n}" for n, lead in enumerate(leads, 1)}
    lists = {
        "referral_asks": [
            ExportedReferralAsk.model_construct(
                key=ask_key[a.id],
                person=person_key[a.person_id],
                source_opportunity=key(opportunity_key, a.source_opportunity_id),
                target_organization=key(org_key, a.target_organization_id),
                result_opportunity=key(opportunity_key, a.result_opportunity_id),
                status=a.status,
                asked_on=a.asked_on,
                reported_back_on=a.reported_back_on,
                notes=a.notes,
                introduced_to=a.introduced_to,
                created_at=utc(a.created_at),
                updated_at=utc(a.updated_at),
            )
            for a in asks
        ],
        "references": [
            ExportedReference.model_construct(
                key=reference_key[r.id],
                person=person_key[r.person_id],
                consent_on=r.consent_on,
                relationship_text=r.relationship_text,
                can_speak_to=r.can_speak_to,
                is_current_workplace=r.is_current_workplace,
                active=r.active,
                notes=r.notes,
                created_at=utc(r.created_at),
                updated_at=utc(r.updated_at),
            )
            for r in references
        ],
        "reference_uses": [
            ExportedReferenceUse.model_construct(
                key=use_key[u.id],
                reference=reference_key[u.reference_id],
                opportunity=key(opportunity_key, u.opportunity_id),
                status=u.status,
                stress_points=u.stress_points,
                briefed_on=u.briefed_on,
                called_on=u.called_on,
                thanked_on=u.thanked_on,
                outcome=u.outcome,
                created_at=utc(u.created_at),
                updated_at=utc(u.updated_at),
            )
            for u in uses
        ],
        "leads": [
            ExportedLead.model_construct(
                key=lead_key[lead.id],
                kind=lead.kind,
                title=lead.title,
                description=lead.description,
                url=lead.url,
                happens_on=lead.happens_on,
                place=lead.place,
                in_person=lead.in_person,
                tags=list(lead.tags or []),
                organization=key(org_key, lead.organization_id),
                shares=[
                    ExportedLeadShare.model_construct(
                        person=person_key[s.person_id],
                        status=s.status,
                        reason=s.reason,
                        sent_on=s.sent_on,
                        created_at=utc(s.created_at),
                        updated_at=utc(s.updated_at),
                    )
                    for s in lead.shares
                ],
                created_at=utc(lead.created_at),
                updated_at=utc(lead.updated_at),
            )
            for lead in leads
        ],
        "message_templates": [
            ExportedMessageTemplate.model_construct(
                key=t.key,
                subject=t.subject,
                body=t.body,
                created_at=utc(t.created_at),
                updated_at=utc(t.updated_at),
            )
            for t in rows(MessageTemplate)
        ],
    }
    return lists, {"ask": ask_key, "use": use_key, "lead": lead_key}


def check_templates_free(session: Session, workspace_id: int, document: ExportFile) -> None:
    """The workspace keeps one version of each message; adding a second one is refused."""
    wanted = {t.key: n for n, t in enumerate(document.message_templates)}
    if not wanted:
        return
    taken = session.scalars(
        select(MessageTemplate.key).where(
            MessageTemplate.workspace_id == workspace_id, MessageTemplate.key.in_(list(wanted))
        )
    ).all()
    if taken:
        fields = [
            FieldError(
                f"message_templates[{wanted[k]}].key",
                f"You already have your own version of the {k!r} message.",
            )
            for k in sorted(taken)
        ]
        raise Conflict(
            (
                "A message template in the file is already in your records"
                if len(fields) == 1
                else f"{len(fields)} message templates in the file are already in your records"
            )
            + "; nothing was imported.",
            fields=fields,
        )


def write_playbook_records(
    session: Session,
    workspace_id: int,
    document: ExportFile,
    *,
    people: dict[str, int],
    organizations: dict[str, Organization],
    opportunities: dict[str, Opportunity],
) -> dict[str, dict[str, int]]:
    """Create the playbook records of the document in file order (so ids keep that order);
    return the new ids of those that tasks' origin keys name, by kind and file key."""
    ws = workspace_id
    created: dict[str, dict[str, Any]] = {"ask": {}, "use": {}, "lead": {}}

    def org_id(key: str | None) -> int | None:
        return None if key is None else organizations[key].id

    def opportunity_id(key: str | None) -> int | None:
        return None if key is None else opportunities[key].id

    for a in document.referral_asks:
        ask = ReferralAsk(
            workspace_id=ws,
            person_id=people[a.person],
            source_opportunity_id=opportunity_id(a.source_opportunity),
            target_organization_id=org_id(a.target_organization),
            result_opportunity_id=opportunity_id(a.result_opportunity),
            status=a.status,
            asked_on=a.asked_on,
            reported_back_on=a.reported_back_on,
            notes=a.notes,
            introduced_to=a.introduced_to,
            created_at=a.created_at,
            updated_at=a.updated_at,
        )
        session.add(ask)
        created["ask"][a.key] = ask
    references: dict[str, Reference] = {}
    for r in document.references:
        reference = Reference(
            workspace_id=ws,
            person_id=people[r.person],
            consent_on=r.consent_on,
            relationship_text=r.relationship_text,
            can_speak_to=r.can_speak_to,
            is_current_workplace=r.is_current_workplace,
            active=r.active,
            notes=r.notes,
            created_at=r.created_at,
            updated_at=r.updated_at,
        )
        session.add(reference)
        references[r.key] = reference
    session.flush()

    for u in document.reference_uses:
        use = ReferenceUse(
            workspace_id=ws,
            reference_id=references[u.reference].id,
            opportunity_id=opportunity_id(u.opportunity),
            status=u.status,
            stress_points=u.stress_points,
            briefed_on=u.briefed_on,
            called_on=u.called_on,
            thanked_on=u.thanked_on,
            outcome=u.outcome,
            created_at=u.created_at,
            updated_at=u.updated_at,
        )
        session.add(use)
        created["use"][u.key] = use
    for lead in document.leads:
        new_lead = Lead(
            workspace_id=ws,
            kind=lead.kind,
            title=lead.title,
            description=lead.description,
            url=lead.url,
            happens_on=lead.happens_on,
            place=lead.place,
            in_person=lead.in_person,
            tags=list(lead.tags),
            organization_id=org_id(lead.organization),
            created_at=lead.created_at,
            updated_at=lead.updated_at,
            shares=[
                LeadShare(
                    workspace_id=ws,
                    person_id=people[s.person],
                    status=s.status,
                    reason=s.reason,
                    sent_on=s.sent_on,
                    created_at=s.created_at,
                    updated_at=s.updated_at,
                )
                for s in lead.shares
            ],
        )
        session.add(new_lead)
        created["lead"][lead.key] = new_lead
    for t in document.message_templates:
        session.add(
            MessageTemplate(
                workspace_id=ws,
                key=t.key,
                subject=t.subject,
                body=t.body,
                created_at=t.created_at,
                updated_at=t.updated_at,
            )
        )
    session.flush()
    return {
        kind: {key: record.id for key, record in records.items()}
        for kind, records in created.items()
    }
