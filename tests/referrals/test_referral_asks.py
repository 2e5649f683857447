"""Referral asks: recording them and moving them through their story."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories as f
from goodword.errors import Conflict, InvalidInput, NotFound
from goodword.people import service as people
from goodword.people.schemas import PositionCreate
from goodword.referrals import service as referrals
from goodword.referrals.models import AskStatus
from goodword.referrals.schemas import ReferralAskCreate, ReferralAskMove
from goodword.workspaces.models import Workspace

DAY = date(2026, 11, 25)


def new_ask(session: Session, ws: int, **fields: object):
    person = f.person(session, ws, "Morgan Reyes")
    org = f.organization(session, ws, "Lumenfold Optics")
    return referrals.create(
        session,
        workspace_id=ws,
        data=ReferralAskCreate(person_id=person.id, target_organization_id=org.id, **fields),
    )


def move(session: Session, ws: int, ask_id: int, status: AskStatus, **fields: object):
    return referrals.move(
        session,
        workspace_id=ws,
        ask_id=ask_id,
        data=ReferralAskMove(status=status, on=DAY, **fields),
    )


def test_an_ask_starts_to_be_asked_and_reads_with_names(session: Session, workspace: Workspace):
    ask = new_ask(session, workspace.id)
    read = referrals.to_read(ask)
    assert read.status is AskStatus.TO_ASK
    assert (read.person_name, read.target_organization_name) == (
        "Morgan Reyes",
        "Lumenfold Optics",
    )


def test_the_same_ask_twice_is_a_conflict_but_get_or_create_returns_it(
    session: Session, workspace: Workspace
):
    ask = new_ask(session, workspace.id)
    data = ReferralAskCreate(
        person_id=ask.person_id, target_organization_id=ask.target_organization_id
    )
    with pytest.raises(Conflict):
        referrals.create(session, workspace_id=workspace.id, data=data)
    again, created = referrals.get_or_create(session, workspace_id=workspace.id, data=data)
    assert again.id == ask.id and not created


def test_an_ask_walks_the_whole_way_to_an_offer(session: Session, workspace: Workspace):
    ask = new_ask(session, workspace.id)
    result = f.opportunity(session, workspace.id, organization_name="Lumenfold Optics")
    move(session, workspace.id, ask.id, AskStatus.ASKED)
    assert ask.asked_on == DAY
    move(session, workspace.id, ask.id, AskStatus.AGREED)
    move(session, workspace.id, ask.id, AskStatus.INTRODUCED, introduced_to="Dana Whit")
    move(
        session,
        workspace.id,
        ask.id,
        AskStatus.INTERVIEWING,
        result_opportunity_id=result.id,
        notes="First round on Friday.",
    )
    move(session, workspace.id, ask.id, AskStatus.OFFER)
    assert ask.status is AskStatus.OFFER
    assert ask.introduced_to == "Dana Whit"
    assert ask.result_opportunity_id == result.id
    assert ask.notes == "First round on Friday."


def test_at_the_status_it_has_an_ask_still_keeps_what_is_told(
    session: Session, workspace: Workspace
):
    ask = new_ask(session, workspace.id)
    result = f.opportunity(session, workspace.id, organization_name="Lumenfold Optics")
    for status in (AskStatus.ASKED, AskStatus.AGREED):
        move(session, workspace.id, ask.id, status)
    move(session, workspace.id, ask.id, AskStatus.INTRODUCED, introduced_to="Dana")
    # Told again at "introduced", with the whole name, the opportunity and a note; the same
    # request sent twice adds its note once.
    for _ in range(2):
        move(
            session,
            workspace.id,
            ask.id,
            AskStatus.INTRODUCED,
            introduced_to="Dana Whit",
            result_opportunity_id=result.id,
            notes="Coffee on Monday.",
        )

    assert ask.status is AskStatus.INTRODUCED
    assert (ask.introduced_to, ask.result_opportunity_id) == ("Dana Whit", result.id)
    assert ask.notes == "Coffee on Monday."


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ([], AskStatus.INTRODUCED),
        ([AskStatus.ASKED, AskStatus.DECLINED], AskStatus.AGREED),
        ([AskStatus.ASKED], AskStatus.OFFER),
        ([AskStatus.CLOSED], AskStatus.ASKED),
    ],
)
def test_moves_that_skip_or_reverse_the_story_are_refused(
    session: Session, workspace: Workspace, path: list[AskStatus], refused: AskStatus
):
    ask = new_ask(session, workspace.id)
    for status in path:
        move(session, workspace.id, ask.id, status)
    with pytest.raises(InvalidInput) as caught:
        move(session, workspace.id, ask.id, refused)
    assert caught.value.fields[0].field == "status"
    assert ask.status is (path[-1] if path else AskStatus.TO_ASK)
    if not path:  # (an ask still to make reads as one, not as "to ask")
        assert caught.value.message.startswith("This ask is not made yet; it cannot become")
    current = path[-1] if path else AskStatus.TO_ASK
    assert caught.value.fields[0].message == f"Not a next step from {current.label}."


def test_a_result_opportunity_from_another_workspace_is_refused(
    session: Session, workspace: Workspace, other_workspace: Workspace
):
    ask = new_ask(session, workspace.id)
    theirs = f.opportunity(session, other_workspace.id)
    move(session, workspace.id, ask.id, AskStatus.ASKED)
    with pytest.raises(InvalidInput):
        move(session, workspace.id, ask.id, AskStatus.INTRODUCED, result_opportunity_id=theirs.id)


def test_reporting_back_needs_something_to_report(session: Session, workspace: Workspace):
    ask = new_ask(session, workspace.id)
    with pytest.raises(InvalidInput):
        referrals.mark_reported_back(session, workspace_id=workspace.id, ask_id=ask.id, on=DAY)
    move(session, workspace.id, ask.id, AskStatus.ASKED)
    move(session, workspace.id, ask.id, AskStatus.INTRODUCED)
    referrals.mark_reported_back(session, workspace_id=workspace.id, ask_id=ask.id, on=DAY)
    assert ask.reported_back_on == DAY


def test_asks_are_private_to_the_workspace(
    session: Session, workspace: Workspace, other_workspace: Workspace
):
    ask = new_ask(session, workspace.id)
    with pytest.raises(NotFound):
        referrals.get(session, workspace_id=other_workspace.id, ask_id=ask.id)
    assert referrals.list_(session, workspace_id=other_workspace.id) == []
    with pytest.raises(InvalidInput):
        referrals.create(
            session,
            workspace_id=other_workspace.id,
            data=ReferralAskCreate(person_id=ask.person_id),
        )


def _open_ids(session: Session, ws: int) -> list[int]:
    return [a.id for a in referrals.list_(session, workspace_id=ws, open_only=True)]


def test_an_ask_stays_open_until_the_referrer_hears_how_it_went(
    session: Session, workspace: Workspace
):
    ask = new_ask(session, workspace.id)
    ws = workspace.id

    def is_open() -> bool:
        listed = ask.id in _open_ids(session, ws)
        assert referrals.count(session, workspace_id=ws, open_only=True) == int(listed)
        return listed

    assert is_open()  # still to make
    move(session, ws, ask.id, AskStatus.ASKED)
    assert is_open()  # waiting for an answer
    move(session, ws, ask.id, AskStatus.AGREED)
    assert is_open()  # waiting for the introduction
    move(session, ws, ask.id, AskStatus.INTRODUCED)
    assert is_open()  # the referrer has not heard how it went
    referrals.mark_reported_back(session, workspace_id=ws, ask_id=ask.id, on=DAY)
    assert not is_open()
    # Each further step brings its own report-back, so the ask is open again until then.
    move(session, ws, ask.id, AskStatus.INTERVIEWING)
    assert ask.reported_back_on is None and is_open()
    referrals.mark_reported_back(session, workspace_id=ws, ask_id=ask.id, on=DAY)
    assert not is_open()
    move(session, ws, ask.id, AskStatus.OFFER)
    assert is_open()
    referrals.mark_reported_back(session, workspace_id=ws, ask_id=ask.id, on=DAY)
    assert not is_open()
    assert referrals.count(session, workspace_id=ws) == 1


@pytest.mark.parametrize(
    "path",
    [
        [AskStatus.ASKED, AskStatus.DECLINED],
        [AskStatus.ASKED, AskStatus.DECLINED, AskStatus.CLOSED],
        # Let rest before reporting back: the user has closed it, nothing is owed.
        [AskStatus.ASKED, AskStatus.INTRODUCED, AskStatus.CLOSED],
    ],
)
def test_declined_and_closed_asks_are_not_open(
    session: Session, workspace: Workspace, path: list[AskStatus]
):
    ask = new_ask(session, workspace.id)
    for status in path:
        move(session, workspace.id, ask.id, status)
    assert _open_ids(session, workspace.id) == []
    assert referrals.count(session, workspace_id=workspace.id, open_only=True) == 0


def test_the_api_refuses_asking_yourself_naming_the_field(
    session: Session, workspace: Workspace, client: TestClient
):
    me = f.person(session, workspace.id, "Sam Carter", is_me=True)
    org = f.organization(session, workspace.id, "Lumenfold Optics")
    answer = client.post(
        "/api/v1/referrals", json={"person_id": me.id, "target_organization_id": org.id}
    )
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["message"] == (
        "You cannot ask yourself for a referral: choose someone who can recommend you."
    )
    assert error["fields"] == [
        {"field": "person_id", "message": "That is you; choose someone else."}
    ]


def test_the_api_refuses_a_referral_to_where_you_work_now(
    session: Session, workspace: Workspace, client: TestClient
):
    me = f.person(session, workspace.id, "Sam Carter", is_me=True)
    mine = people.add_position(
        session,
        workspace_id=workspace.id,
        person_id=me.id,
        data=PositionCreate(organization_name="Quillstone Software", title="PM"),
    ).organization
    morgan = f.person(session, workspace.id, "Morgan Reyes")
    answer = client.post(
        "/api/v1/referrals", json={"person_id": morgan.id, "target_organization_id": mine.id}
    )
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["message"].startswith(
        "You work at Quillstone Software now: a recommendation there is no way in, and asking "
        "for one can tell your employer you are looking."
    )
    assert [e["field"] for e in error["fields"]] == ["target_organization_id"]
    # A place you worked before is a door like any other.
    before = people.add_position(
        session,
        workspace_id=workspace.id,
        person_id=me.id,
        data=PositionCreate(
            organization_name="Brightwater Analytics",
            title="PM",
            start_date=date(2019, 1, 1),
            end_date=date(2021, 1, 1),
        ),
    ).organization
    made = client.post(
        "/api/v1/referrals", json={"person_id": morgan.id, "target_organization_id": before.id}
    )
    assert made.status_code == 201


def test_whom_you_were_introduced_to_is_refused_with_a_status_before_introduced(
    session: Session, workspace: Workspace
):
    ask = new_ask(session, workspace.id)
    move(session, workspace.id, ask.id, AskStatus.ASKED)
    with pytest.raises(InvalidInput) as caught:
        move(session, workspace.id, ask.id, AskStatus.AGREED, introduced_to="Hao Lin")
    assert [e.field for e in caught.value.fields] == ["introduced_to"]
    assert "choose Introduced" in caught.value.fields[0].message
    assert ask.introduced_to is None and ask.status is AskStatus.ASKED
    move(session, workspace.id, ask.id, AskStatus.AGREED)
    move(session, workspace.id, ask.id, AskStatus.INTRODUCED, introduced_to="Hao Lin")
    assert ask.introduced_to == "Hao Lin"


def test_the_api_names_the_status_a_move_out_of_turn_is_refused_from(
    session: Session, workspace: Workspace, client: TestClient
):
    ask = new_ask(session, workspace.id)
    answer = client.post(f"/api/v1/referrals/{ask.id}/advance", json={"status": "introduced"})
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["message"].startswith("This ask is not made yet; it cannot become introduced.")
    assert error["fields"] == [{"field": "status", "message": "Not a next step from To ask."}]
