"""Leads: opportunities, events and tips the user heard of, and whom they passed them on to."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from goodword import clock
from goodword.connections.models import Connection
from goodword.cursors import checked_cursors
from goodword.errors import FieldError, InvalidInput
from goodword.leads.matching import Candidate, LeadFacts, Match, best_matches
from goodword.leads.models import Lead, LeadKind, LeadShare, ShareStatus
from goodword.leads.schemas import (
    LeadCreate,
    LeadPage,
    LeadRead,
    LeadSaved,
    LeadShareRead,
    LeadUpdate,
    PassItOnRead,
    SuggestionRead,
)
from goodword.organizations import service as organizations
from goodword.organizations.models import Organization
from goodword.organizations.schemas import organization_added
from goodword.people import service as people
from goodword.people.models import Person
from goodword.records import (
    Page,
    clean_list,
    clean_text,
    get_owned,
    keyset_page,
    ranked_page,
    referenced,
)

KIND = "lead"
# What the place field says when an in-person lead has none (the pages name the box to untick).
NEEDS_A_PLACE = "Give the town or city, or make it not in person."
SHARE_KIND = "lead share"
# The list whose cursors page a lead's suggestions.
SUGGESTIONS = "lead suggestions"


def get(session: Session, *, workspace_id: int, lead_id: int) -> Lead:
    """Return the lead, or NotFound when it is not in this workspace."""
    return get_owned(session, Lead, workspace_id=workspace_id, record_id=lead_id, kind=KIND)


def get_share(session: Session, *, workspace_id: int, share_id: int) -> LeadShare:
    return get_owned(
        session, LeadShare, workspace_id=workspace_id, record_id=share_id, kind=SHARE_KIND
    )


def list_(session: Session, *, workspace_id: int, limit: int = 200) -> list[Lead]:
    """Leads, newest first."""
    return page(session, workspace_id=workspace_id, limit=limit).items


def page(
    session: Session,
    *,
    workspace_id: int,
    cursor: str | None = None,
    limit: int = 50,
    before: str | None = None,
) -> Page[Lead]:
    """A page of the leads, newest first; keyset-paginated (`before`: the page before the
    one whose `prev_cursor` it is)."""
    return keyset_page(
        session,
        select(Lead)
        .where(Lead.workspace_id == workspace_id)
        .options(selectinload(Lead.organization), selectinload(Lead.shares)),
        list_name="leads",
        sort_column=Lead.created_at,
        id_column=Lead.id,
        cursor=cursor,
        limit=limit,
        descending=True,
        decode_sort=datetime.fromisoformat,
        before=before,
    )


def create(session: Session, *, workspace_id: int, data: LeadCreate) -> Lead:
    lead = Lead(workspace_id=workspace_id)
    _apply(session, lead, data)
    session.add(lead)
    session.flush()
    return lead


def update(session: Session, *, workspace_id: int, lead_id: int, data: LeadUpdate) -> Lead:
    lead = get(session, workspace_id=workspace_id, lead_id=lead_id)
    _apply(session, lead, data)
    session.flush()
    return lead


def delete(session: Session, *, workspace_id: int, lead_id: int) -> None:
    session.delete(get(session, workspace_id=workspace_id, lead_id=lead_id))
    session.flush()


def facts(lead: Lead) -> LeadFacts:
    return LeadFacts(
        kind=lead.kind.value,
        title=lead.title,
        description=lead.description,
        tags=tuple(lead.tags or ()),
        organization_id=lead.organization_id,
        organization_name=lead.organization.name if lead.organization else None,
        place=lead.place,
        in_person=lead.in_person,
    )


def candidates(session: Session, *, workspace_id: int) -> list[Candidate]:
    """Everyone but the user, as plain data for matching."""
    people = session.scalars(
        select(Person)
        .where(Person.workspace_id == workspace_id, Person.is_me.is_(False))
        .options(selectinload(Person.positions))
        .order_by(Person.id)
    )
    return [
        Candidate(
            person_id=p.id,
            name=p.display_name,
            location=p.location,
            interests=tuple(p.interests or ()),
            tags=tuple(p.tags or ()),
            current_titles=tuple(pos.title for pos in p.positions if pos.is_current and pos.title),
            current_organization_ids=frozenset(
                pos.organization_id for pos in p.positions if pos.is_current
            ),
            past_organization_ids=frozenset(
                pos.organization_id for pos in p.positions if not pos.is_current
            ),
        )
        for p in people
    ]


def suggest(session: Session, *, workspace_id: int, lead_id: int, limit: int = 5) -> list[Match]:
    """The people the lead fits best, with reasons; people it was already passed to are left
    out. Writes nothing."""
    return fits(session, workspace_id=workspace_id, lead_id=lead_id)[:limit]


def fits(
    session: Session, *, workspace_id: int, lead_id: int, anywhere: bool = False
) -> list[Match]:
    """Everyone the lead fits, best first (see `matching.best_matches`), but those it was
    passed to or is not for (sent or skipped); `anywhere`, as if it were not in person.
    Writes nothing."""
    lead = get(session, workspace_id=workspace_id, lead_id=lead_id)
    done = {s.person_id for s in lead.shares if s.status is not ShareStatus.SUGGESTED}
    about = replace(facts(lead), in_person=False) if anywhere else facts(lead)
    pool = [c for c in candidates(session, workspace_id=workspace_id) if c.person_id not in done]
    fitting = {m.person_id for m in best_matches(about, pool, limit=None)}
    pool = [c for c in pool if c.person_id in fitting]
    return best_matches(about, _with_warmth(session, workspace_id, pool), limit=None)


def suggestions(
    session: Session,
    *,
    workspace_id: int,
    lead_id: int,
    limit: int,
    cursor: str | None = None,
    before: str | None = None,
    offset: int = 0,
) -> Page[Match]:
    """A page of the people the lead fits, best first (`fits`), its `total` how many in all:
    `cursor` (a page's `next_cursor`) gives the page after, `before` (a `prev_cursor`) the
    page before, `offset` a first page that many in. Writes nothing."""
    matches = fits(session, workspace_id=workspace_id, lead_id=lead_id)
    return ranked_page(
        matches,
        list_name=SUGGESTIONS,
        key=lambda match: match.person_id,
        cursor=cursor,
        limit=limit,
        before=before,
        offset=offset,
    )


def pass_on(session: Session, *, workspace_id: int, lead_id: int, today: date) -> PassItOnRead:
    """Run pass it on for the lead (see `playbooks.pass_it_on.run`): keep the suggestions
    with a task and a drafted note for each; `fits` says how many people it fits in all."""
    from goodword.playbooks import engine, pass_it_on  # (pass_it_on reads this module)

    result = pass_it_on.run(session, workspace_id=workspace_id, lead_id=lead_id, today=today)
    everyone = fits(session, workspace_id=workspace_id, lead_id=lead_id)
    return PassItOnRead(
        **engine.to_read(result).model_dump(),
        suggestions=[suggestion_to_read(m) for m in result.matches],
        fits=len(everyone) if result.matches else 0,
    )


def suggestion_to_read(match: Match) -> SuggestionRead:
    return SuggestionRead(
        person_id=match.person_id, name=match.name, score=match.score, reason=match.reason
    )


def _with_warmth(session: Session, workspace_id: int, pool: list[Candidate]) -> list[Candidate]:
    """The candidates with how close the user is to each and when they were last in touch
    (read for the few a lead fits, not for everyone)."""
    from goodword.playbooks.in_touch import last_contacts  # (its tasks service reads this one)

    if not pool:
        return pool
    ids = {c.person_id for c in pool}
    last = last_contacts(session, workspace_id=workspace_id, person_ids=ids)
    closeness: dict[int, int] = {}
    user = people.get_me(session, workspace_id=workspace_id)
    if user is not None:
        rows = session.execute(
            select(Connection.person_a_id, Connection.person_b_id, Connection.closeness).where(
                Connection.workspace_id == workspace_id,
                Connection.closeness.is_not(None),
                or_(Connection.person_a_id == user.id, Connection.person_b_id == user.id),
            )
        )
        for a, b, close in rows:
            other = b if a == user.id else a
            closeness[other] = max(closeness.get(other, 0), close or 0)
    return [
        replace(c, closeness=closeness.get(c.person_id, 0), last_contact=last.get(c.person_id))
        for c in pool
    ]


def record_suggestion(
    session: Session, *, workspace_id: int, lead_id: int, person_id: int, reason: str | None
) -> tuple[LeadShare, bool]:
    """Keep a suggestion to pass the lead on to a person; True when new."""
    lead = get(session, workspace_id=workspace_id, lead_id=lead_id)
    referenced(
        "person_id", lambda: people.get(session, workspace_id=workspace_id, person_id=person_id)
    )
    existing = next((s for s in lead.shares if s.person_id == person_id), None)
    if existing is not None:
        return existing, False
    share = LeadShare(
        workspace_id=workspace_id,
        lead=lead,
        person_id=person_id,
        status=ShareStatus.SUGGESTED,
        reason=(reason or "")[:500] or None,
    )
    session.add(share)
    session.flush()
    return share, True


def mark_share(
    session: Session, *, workspace_id: int, share_id: int, status: ShareStatus, on: date
) -> LeadShare:
    """Mark a suggestion sent (on a date), skipped, or suggested again (waiting, after a
    skip)."""
    share = get_share(session, workspace_id=workspace_id, share_id=share_id)
    if share.status is ShareStatus.SENT and status is not ShareStatus.SENT:
        raise InvalidInput(
            "This lead was already passed on; it cannot be undone.",
            fields=[FieldError("status", "Already sent.")],
        )
    share.status = status
    share.sent_on = on if status is ShareStatus.SENT else None
    session.flush()
    return share


def share_key(lead_id: int, person_id: int) -> str:
    """The origin key of the pass-it-on playbook's task to pass a lead on to one person."""
    return f"pass-it-on:lead:{lead_id}:person:{person_id}"


_SHARE_KEY = re.compile(r"pass-it-on:lead:([0-9]+):person:([0-9]+)")


def shared_by_task(
    session: Session, *, workspace_id: int, key: str | None, on: date
) -> LeadShare | None:
    """Mark the lead passed on (sent, on `on`) when the user marks its task to pass it on
    done, as marking it sent marks the task done. The share, else None (another task, or
    a share already sent)."""
    share = _share_of(session, workspace_id, key)
    if share is None or share.status is ShareStatus.SENT:
        return None
    return mark_share(
        session, workspace_id=workspace_id, share_id=share.id, status=ShareStatus.SENT, on=on
    )


def skipped_by_task(
    session: Session, *, workspace_id: int, key: str | None, on: date
) -> LeadShare | None:
    """Mark the suggestion skipped when the user dismisses its task to pass the lead on, as
    skipping it dismisses the task. The share, else None (another task, or a share already
    sent or skipped)."""
    share = _share_of(session, workspace_id, key)
    if share is None or share.status is not ShareStatus.SUGGESTED:
        return None
    return mark_share(
        session, workspace_id=workspace_id, share_id=share.id, status=ShareStatus.SKIPPED, on=on
    )


def unskipped_by_task(session: Session, *, workspace_id: int, key: str | None) -> LeadShare | None:
    """Put the suggestion back to waiting (suggested, not passed on) when the user brings
    back its dismissed task to pass the lead on (reopened or snoozed), as it was before the
    dismissal skipped it. The share, else None (another task, or a share not skipped)."""
    share = _share_of(session, workspace_id, key)
    if share is None or share.status is not ShareStatus.SKIPPED:
        return None
    return mark_share(
        session,
        workspace_id=workspace_id,
        share_id=share.id,
        status=ShareStatus.SUGGESTED,
        on=clock.today(),
    )


def _share_of(session: Session, workspace_id: int, key: str | None) -> LeadShare | None:
    found = _SHARE_KEY.fullmatch(key or "")
    if found is None:
        return None
    return session.scalar(
        select(LeadShare).where(
            LeadShare.workspace_id == workspace_id,
            LeadShare.lead_id == int(found[1]),
            LeadShare.person_id == int(found[2]),
        )
    )


def share_to_read(share: LeadShare) -> LeadShareRead:
    return LeadShareRead(
        id=share.id,
        lead_id=share.lead_id,
        person_id=share.person_id,
        person_name=share.person.display_name,
        status=share.status,
        reason=share.reason,
        sent_on=share.sent_on,
    )


def to_read(lead: Lead) -> LeadRead:
    return LeadRead(
        id=lead.id,
        kind=lead.kind,
        title=lead.title,
        description=lead.description,
        url=lead.url,
        happens_on=lead.happens_on,
        place=lead.place,
        in_person=lead.in_person,
        tags=list(lead.tags or []),
        organization_id=lead.organization_id,
        organization_name=lead.organization.name if lead.organization else None,
        shares=[share_to_read(s) for s in lead.shares],
        created_at=lead.created_at,
        updated_at=lead.updated_at,
    )


def saved_read(lead: Lead, near: Sequence[Organization] | None) -> LeadSaved:
    """The lead as saved, with whether its organization was new (`near`, as
    `organizations.new_name` said before saving) and the ones very like its name."""
    return LeadSaved(
        **to_read(lead).model_dump(),
        **organization_added(near),
    )


def _apply(session: Session, lead: Lead, data: LeadCreate) -> None:
    _refuse_a_past_event(lead, data)
    workspace_id = lead.workspace_id
    lead.kind = data.kind
    lead.title = data.title
    lead.description = clean_text(data.description)
    lead.url = clean_text(data.url)
    lead.happens_on = data.happens_on
    lead.place = clean_text(data.place)
    if data.in_person and not lead.place:
        raise InvalidInput(
            "An in-person lead needs a place, so Goodword can offer it to the people there: "
            "give place (the town or city), or set in_person to false.",
            fields=[FieldError("place", NEEDS_A_PLACE)],
        )
    lead.in_person = data.in_person
    lead.tags = clean_list(data.tags)
    if data.organization_id is not None:
        organization_id = data.organization_id
        lead.organization = referenced(
            "organization_id",
            lambda: organizations.get(
                session, workspace_id=workspace_id, organization_id=organization_id
            ),
        )
    elif data.organization_name:
        lead.organization = organizations.get_or_create(
            session, workspace_id=workspace_id, name=data.organization_name
        )
    else:
        lead.organization = None


def _refuse_a_past_event(lead: Lead, data: LeadCreate) -> None:
    """An event is passed on so that people can go to it: a day already over is refused (the
    notes would invite them to it). Other kinds keep any date: an article's is the day it
    came out, an opening's or a tip's the day you heard of it, both often past. An event
    kept unchanged on its day, once that day has gone by, can still be edited."""
    day = data.happens_on
    if data.kind is not LeadKind.EVENT or day is None or day >= clock.today():
        return
    if lead.kind is LeadKind.EVENT and lead.happens_on == day:
        return
    raise InvalidInput(
        f"That event was on {day.day} {day:%b %Y}, which has passed, so there is no one to invite "
        "to it. Give the day it happens, or record it as another kind (an article, say).",
        fields=[
            FieldError(
                "happens_on",
                "This day has passed: give the day the event happens, or choose another kind.",
            )
        ],
    )


def leads_page(
    session: Session,
    *,
    workspace_id: int,
    after: str | None = None,
    before: str | None = None,
    limit: int = 50,
) -> LeadPage:
    """The page `GET /leads` answers with (and `goodword leads list --json` prints); a
    damaged cursor, or both, is a 422."""
    cursor, before = checked_cursors(after, before, sort="time", list_name="leads")
    found = page(session, workspace_id=workspace_id, cursor=cursor, limit=limit, before=before)
    return LeadPage(
        items=[to_read(lead) for lead in found.items],
        next=found.next_cursor,
        prev=found.prev_cursor,
    )
