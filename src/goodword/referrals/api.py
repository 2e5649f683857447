"""JSON API for referral asks: list, add, show, move on (with the playbook's follow-ups), and
mark every ask of one person as asked."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status
from pydantic import BaseModel, ConfigDict, StringConstraints

from goodword import clock
from goodword.api import (
    API_PREFIX,
    ERROR_RESPONSES,
    After,
    Before,
    Limit,
)
from goodword.deps import DbSession, WorkspaceId
from goodword.opportunities import service as opportunities
from goodword.people import service as people
from goodword.playbooks import engine, follow_up
from goodword.playbooks.schemas import PlaybookResultRead
from goodword.records import RecordId, referenced
from goodword.referrals import service
from goodword.referrals.models import AskStatus, ReferralAsk
from goodword.referrals.schemas import ReferralAskCreate, ReferralAskPage, ReferralAskRead
from goodword.referrals.service import asks_page

router = APIRouter(prefix=API_PREFIX, tags=["referrals"], responses=ERROR_RESPONSES)


class AdvanceIn(BaseModel):
    """What happened with the ask; `introduced_to` names whom the referrer introduced you to."""

    model_config = ConfigDict(extra="forbid")

    status: AskStatus
    introduced_to: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None
    ) = None
    result_opportunity_id: RecordId | None = None


class MarkAskedIn(BaseModel):
    """Whom you sent the ask to, and (optionally) the opportunity the asks came from."""

    model_config = ConfigDict(extra="forbid")

    person_id: RecordId
    source_opportunity_id: RecordId | None = None


class MarkedAsks(BaseModel):
    items: list[ReferralAskRead]


class AdvanceRead(BaseModel):
    ask: ReferralAskRead
    playbook: PlaybookResultRead


@router.get("/referrals", response_model=ReferralAskPage, summary="List referral asks")
def list_asks(
    session: DbSession,
    workspace_id: WorkspaceId,
    status_: Annotated[
        list[AskStatus] | None, Query(alias="status", description="Only asks with these statuses.")
    ] = None,
    open_only: Annotated[
        bool,
        Query(
            alias="open",
            description="Only asks that still need something from you: still to make, waiting "
            "for an answer or an introduction, or introduced (or further) and not yet reported "
            "back. The web list's Open view.",
        ),
    ] = False,
    person_id: Annotated[int | None, Query(description="Only asks of this person.")] = None,
    source_opportunity_id: Annotated[
        int | None, Query(description="Only asks that came from this opportunity.")
    ] = None,
    after: After = None,
    before: Before = None,
    limit: Limit = 50,
) -> ReferralAskPage:
    """Asks, oldest first; the filters combine (`status` with `open` keeps the open asks
    with those statuses). Pass `next` back as `after` for more, and `prev` as `before` for
    the page before."""
    return asks_page(
        session,
        workspace_id=workspace_id,
        person_id=person_id,
        source_opportunity_id=source_opportunity_id,
        statuses=frozenset(status_) if status_ else None,
        open_only=open_only,
        after=after,
        before=before,
        limit=limit,
    )


@router.post(
    "/referrals",
    response_model=ReferralAskRead,
    status_code=status.HTTP_201_CREATED,
    summary="Add a referral ask",
)
def create_ask(
    session: DbSession, workspace_id: WorkspaceId, data: ReferralAskCreate
) -> ReferralAskRead:
    """Someone to ask for a recommendation, and where; the same ask twice is a 409."""
    return service.to_read(service.create(session, workspace_id=workspace_id, data=data))


@router.post(
    "/referrals/mark-asked",
    response_model=MarkedAsks,
    summary="Mark every ask still to make of one person as asked",
)
def mark_asked(session: DbSession, workspace_id: WorkspaceId, data: MarkAskedIn) -> MarkedAsks:
    """One message usually names several companies: every ask of the person still to make
    (from `source_opportunity_id`, else from any opportunity) becomes asked today, and the
    rejection playbook's task to ask them is done, as the opportunity page's "I sent the ask
    to ..." button does. `items` are the asks it marked, none when none was still to make."""
    person_id, source_id = data.person_id, data.source_opportunity_id
    referenced(
        "person_id", lambda: people.get(session, workspace_id=workspace_id, person_id=person_id)
    )
    if source_id is not None:
        referenced(
            "source_opportunity_id",
            lambda: opportunities.get(session, workspace_id=workspace_id, opportunity_id=source_id),
        )
    asks = follow_up.mark_asked(
        session,
        workspace_id=workspace_id,
        person_id=person_id,
        source_opportunity_id=source_id,
        on=clock.today(),
    )
    return MarkedAsks(items=[service.to_read(ask) for ask in asks])


@router.get("/referrals/{ask_id}", response_model=ReferralAskRead, summary="Show a referral ask")
def get_ask(session: DbSession, workspace_id: WorkspaceId, ask_id: int) -> ReferralAskRead:
    return service.to_read(service.get(session, workspace_id=workspace_id, ask_id=ask_id))


@router.post(
    "/referrals/{ask_id}/advance", response_model=AdvanceRead, summary="Move a referral ask on"
)
def advance_ask(
    session: DbSession, workspace_id: WorkspaceId, ask_id: int, data: AdvanceIn
) -> AdvanceRead:
    """Asked, agreed, declined, introduced, interviewing, offer or closed; moves that skip or
    go back are refused (422). Introduced brings the thank-you, the preparation and a report
    back; declined a graceful close."""
    result = follow_up.advance_ask(
        session,
        workspace_id=workspace_id,
        ask_id=ask_id,
        status=data.status,
        today=clock.today(),
        introduced_to=data.introduced_to,
        result_opportunity_id=data.result_opportunity_id,
    )
    ask = service.get(session, workspace_id=workspace_id, ask_id=ask_id)
    read = engine.to_read(result)
    if data.status is AskStatus.ASKED:
        left = follow_up.still_to_make(session, workspace_id=workspace_id, ask=ask)
        if left:
            read.notes.append(_still_to_make(ask, left))
    return AdvanceRead(ask=service.to_read(ask), playbook=read)


def _still_to_make(ask: ReferralAsk, left: list[ReferralAsk]) -> str:
    """What is still to make of the person after `advance` marked one ask asked, and the
    route that marks the rest, as the page's "I sent the ask to ..." does."""
    where = ", ".join(
        f"{a.target_organization.name if a.target_organization else 'anywhere'} (ask {a.id})"
        for a in left
    )
    it = "it" if len(left) == 1 else "them"
    return (
        f"Still to make of {ask.person.display_name} from opportunity "
        f"{ask.source_opportunity_id}: {where}. The task to ask them is done once none is; if "
        f"your message named {it} too, POST /api/v1/referrals/mark-asked with person_id "
        f"{ask.person_id} and source_opportunity_id {ask.source_opportunity_id}."
    )


@router.post(
    "/referrals/{ask_id}/reported-back",
    response_model=ReferralAskRead,
    summary="Record that you reported back",
)
def reported_back(session: DbSession, workspace_id: WorkspaceId, ask_id: int) -> ReferralAskRead:
    ask = service.mark_reported_back(
        session, workspace_id=workspace_id, ask_id=ask_id, on=clock.today()
    )
    return service.to_read(ask)
