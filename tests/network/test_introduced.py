"""An introduction stays on record: a referral ask that reached its company's introduction
keeps the application there out of the blind count, whatever later step the ask reaches."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

import factories as f
from goodword.network import queries
from goodword.opportunities import service as opportunities
from goodword.opportunities.models import Stage
from goodword.playbooks import progress
from goodword.referrals import service as referrals
from goodword.referrals.models import AskStatus
from goodword.referrals.schemas import ReferralAskCreate, ReferralAskMove
from goodword.workspaces.models import Workspace

DAY = date(2026, 11, 25)

STEPS = {
    AskStatus.INTRODUCED: [AskStatus.ASKED, AskStatus.INTRODUCED],
    AskStatus.INTERVIEWING: [AskStatus.ASKED, AskStatus.INTRODUCED, AskStatus.INTERVIEWING],
    AskStatus.OFFER: [
        AskStatus.ASKED,
        AskStatus.INTRODUCED,
        AskStatus.INTERVIEWING,
        AskStatus.OFFER,
    ],
    AskStatus.DECLINED: [AskStatus.ASKED, AskStatus.DECLINED],
    AskStatus.CLOSED: [AskStatus.ASKED, AskStatus.CLOSED],
}


def applied_with_an_ask_at(session: Session, ws: int, status: AskStatus):
    """An application at Lumenfold moved to Applied, and an ask for a referral there (not
    linked to the application) that went as far as `status`."""
    job = f.opportunity(session, ws, organization_name="Lumenfold Optics")
    person = f.person(session, ws, "Morgan Reyes")
    ask = referrals.create(
        session,
        workspace_id=ws,
        data=ReferralAskCreate(person_id=person.id, target_organization_id=job.organization_id),
    )
    for step in STEPS[status]:
        referrals.move(
            session, workspace_id=ws, ask_id=ask.id, data=ReferralAskMove(status=step, on=DAY)
        )
    opportunities.move(session, workspace_id=ws, opportunity_id=job.id, stage=Stage.APPLIED)
    assert ask.status is status and ask.result_opportunity_id is None
    return job


@pytest.mark.parametrize("status", [AskStatus.INTRODUCED, AskStatus.INTERVIEWING, AskStatus.OFFER])
def test_an_introduction_stays_on_record_as_the_ask_moves_on(
    session: Session, workspace: Workspace, status: AskStatus
):
    job = applied_with_an_ask_at(session, workspace.id, status)
    assert queries.introduced(session, workspace_id=workspace.id, opportunity=job)
    assert queries.went_in_blind(session, workspace_id=workspace.id) == set()
    assert queries.count_blind(session, workspace_id=workspace.id) == 0
    assert progress.progress(session, workspace_id=workspace.id, today=DAY).blind_applications == 0
    # The warning on the move to Applied follows the same rule.
    assert queries.blind_warning(session, workspace_id=workspace.id, opportunity=job) is None


@pytest.mark.parametrize("status", [AskStatus.DECLINED, AskStatus.CLOSED])
def test_an_ask_declined_or_closed_without_an_introduction_records_none(
    session: Session, workspace: Workspace, status: AskStatus
):
    job = applied_with_an_ask_at(session, workspace.id, status)
    assert not queries.introduced(session, workspace_id=workspace.id, opportunity=job)
    assert queries.went_in_blind(session, workspace_id=workspace.id) == {job.id}
    assert progress.progress(session, workspace_id=workspace.id, today=DAY).blind_applications == 1
    warning = queries.blind_warning(session, workspace_id=workspace.id, opportunity=job)
    assert warning is not None
    assert warning.message.startswith("No introduction or referral is recorded")
