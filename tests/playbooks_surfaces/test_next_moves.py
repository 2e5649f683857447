"""The "Next moves" on an opportunity's page: asks moved on, references launched, the way in."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import factories as f
from goodword.interactions.models import Interaction
from goodword.opportunities import service as opportunities
from goodword.opportunities.models import Stage
from goodword.opportunities.schemas import OpportunityUpdate
from goodword.people import service as people
from goodword.people.schemas import PositionCreate
from goodword.playbooks import rejection
from goodword.references.models import ReferenceUse, UseStatus
from goodword.referrals import service as referrals
from goodword.referrals.models import AskStatus, ReferralAsk
from goodword.tasks.models import Task
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)


def _rejected(session: Session, ws: int, search: Any) -> None:
    opportunities.move(
        session, workspace_id=ws, opportunity_id=search.opportunity.id, stage=Stage.REJECTED
    )
    rejection.run(session, workspace_id=ws, opportunity_id=search.opportunity.id, today=TODAY)


def _origins(session: Session, ws: int) -> set[str]:
    session.expire_all()
    return set(session.scalars(select(Task.origin).where(Task.workspace_id == ws)))


def test_the_preview_shows_prompts_when_no_one_is_marked_clicked(
    client: TestClient, session: Session, workspace: Workspace
):
    opportunity = f.opportunity(session, workspace.id, stage="rejected")
    person = f.person(session, workspace.id, "Kim Lee")
    f.interaction(
        session,
        workspace.id,
        kind="interview",
        opportunity_id=opportunity.id,
        interview_round=2,
        participants=[{"person_id": person.id}],
    )
    page = client.get(f"/opportunities/{opportunity.id}")
    assert page.status_code == 200
    assert "Record how well you clicked with each interviewer" in page.text
    assert session.scalar(select(func.count()).select_from(Task)) == 0
    assert session.scalar(select(func.count()).select_from(ReferralAsk)) == 0


def test_an_ask_goes_asked_agreed_introduced_and_brings_the_follow_ups(
    client: TestClient, session: Session, workspace: Workspace, search: Any
):
    _rejected(session, workspace.id, search)
    response = client.post(
        "/referrals/mark-asked",
        data={"person_id": search.manager.id, "source_opportunity_id": search.opportunity.id},
        follow_redirects=False,
    )
    assert response.status_code == 303
    asks = referrals.list_(session, workspace_id=workspace.id, person_id=search.manager.id)
    assert asks and all(a.status is AskStatus.ASKED and a.asked_on == TODAY for a in asks)
    ask = asks[0]
    for status in ("agreed", "introduced"):
        response = client.post(
            f"/referrals/{ask.id}/advance",
            data={"status": status, "introduced_to": "Ana Ruiz", "return_to": "opportunity"},
            follow_redirects=False,
        )
        assert response.status_code == 303
        assert response.headers["location"] == f"/opportunities/{search.opportunity.id}#next-moves"
    page = client.get(f"/opportunities/{search.opportunity.id}")
    assert "3 follow-up tasks added from the referral playbook." in page.text
    assert "introduced to Ana Ruiz" in page.text
    assert f"Thank {search.manager.display_name} for the referral" in page.text
    assert f"Report back to {search.manager.display_name}" in page.text
    assert {"referral:thank", "referral:prepare", "referral:report-back"} <= _origins(
        session, workspace.id
    )


def _ask_states(session: Session, ws: int) -> list[tuple[int, AskStatus, date | None]]:
    session.expire_all()
    return [(a.id, a.status, a.asked_on) for a in referrals.list_(session, workspace_id=ws)]


@pytest.mark.parametrize("person_id", ["", "Kim", "-1"])
def test_marking_an_ask_without_a_person_comes_back_beside_the_buttons(
    client: TestClient, session: Session, workspace: Workspace, search: Any, person_id: str
):
    _rejected(session, workspace.id, search)
    before = _ask_states(session, workspace.id)
    tasks_before = _origins(session, workspace.id)
    response = client.post(
        "/referrals/mark-asked",
        data={"person_id": person_id, "source_opportunity_id": search.opportunity.id},
        follow_redirects=False,
    )
    assert response.status_code == 422
    page = response.text
    assert f"<h1>{search.opportunity.role_title}" in page  # the opportunity's page
    assert 'class="problems"' not in page  # (not the error page)
    assert '<fieldset id="f-person_id" class="field has-error"' in page
    assert "<legend>Mark as asked</legend>" in page
    summary = re.search(r'<div class="form-errors".*?</div>', page, re.S)
    assert summary and "Nothing was marked:" in summary.group(0)
    assert re.findall(r"<li>(.*?)</li>", summary.group(0), re.S) == [
        '<a href="#f-person_id">Mark as asked</a>: Choose whom you sent the ask to.'
    ]
    assert '<p class="error" id="e-person_id">Choose whom you sent the ask to.</p>' in page
    # The form comes back as it was: the same opportunity and the same people to choose.
    assert f'name="source_opportunity_id" value="{search.opportunity.id}"' in page
    assert f'name="person_id" value="{search.manager.id}"' in page
    assert f"I sent the ask to {search.manager.display_name}" in page
    assert _ask_states(session, workspace.id) == before
    assert all(status is AskStatus.TO_ASK for _, status, _ in before)
    assert _origins(session, workspace.id) == tasks_before


def test_marking_an_ask_of_another_workspaces_opportunity_is_404_and_changes_nothing(
    client: TestClient,
    session: Session,
    workspace: Workspace,
    other_workspace: Workspace,
    search: Any,
):
    _rejected(session, workspace.id, search)
    before = _ask_states(session, workspace.id)
    theirs = f.opportunity(session, other_workspace.id, stage="rejected")
    response = client.post(
        "/referrals/mark-asked",
        data={"person_id": search.manager.id, "source_opportunity_id": theirs.id},
    )
    assert response.status_code == 404
    damaged = client.post(
        "/referrals/mark-asked",
        data={"person_id": search.manager.id, "source_opportunity_id": "seven"},
    )
    assert damaged.status_code == 422
    assert "That form is damaged" in damaged.text
    assert _ask_states(session, workspace.id) == before


def test_a_move_that_skips_ahead_is_refused_and_changes_nothing(
    client: TestClient, session: Session, workspace: Workspace, search: Any
):
    _rejected(session, workspace.id, search)
    ask = referrals.list_(session, workspace_id=workspace.id)[0]
    response = client.post(f"/referrals/{ask.id}/advance", data={"status": "offer"})
    assert response.status_code == 422
    assert "cannot become offer" in response.text
    session.expire_all()
    assert referrals.get(session, workspace_id=workspace.id, ask_id=ask.id).status is (
        AskStatus.TO_ASK
    )


@pytest.mark.parametrize("found_by", ["ticked", "positions"])
def test_launching_a_reference_warns_then_briefs_then_thanks(
    client: TestClient,
    session: Session,
    workspace: Workspace,
    search: Any,
    make_reference: Any,
    found_by: str,
):
    """A current boss or co-worker, ticked as such or found by both current positions."""
    opportunities.update(
        session,
        workspace_id=workspace.id,
        opportunity_id=search.target.id,
        data=OpportunityUpdate(
            organization_name="Lumenfold Optics",
            role_title="PM",
            hiring_manager_id=search.manager.id,
        ),
    )
    boss = f.person(session, workspace.id, "Jo Boss", given_name="Jo", emails=["jo@example.org"])
    reference = make_reference(boss, is_current_workplace=found_by == "ticked")
    if found_by == "positions":
        for person in (search.me, boss):
            people.add_position(
                session, workspace_id=workspace.id, person_id=person.id,
                data=PositionCreate(organization_name="Quillstone", title="Engineer"),
            )  # fmt: skip
    session.commit()
    url = f"/opportunities/{search.target.id}/references/launch"
    page = client.get(url, params={"reference_id": reference.id})
    assert page.status_code == 200
    assert "can cost you your present job" in page.text
    assert "you may decline such requests" in page.text
    assert 'name="confirm_current_workplace"' in page.text
    assert "Would you speak for me at Lumenfold Optics?" in page.text
    assert session.scalar(select(func.count()).select_from(ReferenceUse)) == 0

    refused = client.post(url, data={"reference_id": reference.id})
    assert refused.status_code == 409
    assert "confirm that you accept the risk" in refused.text
    assert session.scalar(select(func.count()).select_from(ReferenceUse)) == 0

    launched = client.post(
        url,
        data={
            "reference_id": reference.id,
            "confirm_current_workplace": "1",
            "stress_points": "small teams",
        },
        follow_redirects=False,
    )
    assert launched.status_code == 303
    use = session.scalars(select(ReferenceUse)).one()
    assert use.stress_points == "small teams"
    detail = client.get(f"/opportunities/{search.target.id}")
    assert "Launched Jo Boss. 2 follow-up tasks added from the reference playbook." in detail.text
    called = client.post(
        f"/references/uses/{use.id}",
        data={"status": "called", "outcome": "They will read my application first"},
        follow_redirects=False,
    )
    assert called.status_code == 303
    session.expire_all()
    assert session.get(ReferenceUse, use.id).status is UseStatus.CALLED  # type: ignore[union-attr]
    assert "reference:thank" in _origins(session, workspace.id)


def test_a_launch_without_a_hiring_manager_asks_for_one_inline(
    client: TestClient, session: Session, workspace: Workspace, search: Any, make_reference: Any
):
    reference = make_reference(search.recruiter)
    response = client.post(
        f"/opportunities/{search.target.id}/references/launch", data={"reference_id": reference.id}
    )
    assert response.status_code == 422
    assert "Record the hiring manager" in response.text
    assert session.scalar(select(func.count()).select_from(ReferenceUse)) == 0


def test_the_reach_panel_lists_side_doors_and_plans_the_advice_call(
    client: TestClient, session: Session, workspace: Workspace, search: Any
):
    seller = f.person(session, workspace.id, "Dana Sales", given_name="Dana")
    people.add_position(
        session,
        workspace_id=workspace.id,
        person_id=seller.id,
        data=PositionCreate(
            organization_name="Lumenfold Optics", title="Account Executive", department="Sales"
        ),
    )
    page = client.get(f"/opportunities/{search.target.id}")
    assert "Reach the hiring manager" in page.text
    assert "Dana Sales" in page.text
    assert "close to customers" in page.text
    response = client.post(
        f"/opportunities/{search.target.id}/playbooks/reach",
        data={"entry_person_id": seller.id},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert {"reach:prepare", "reach:advice-call", "reach:call-plan"} <= _origins(
        session, workspace.id
    )
    again = client.get(f"/opportunities/{search.target.id}")
    assert "Your plan" in again.text
    assert "Write down something useful to say to Dana Sales" in again.text


def test_next_moves_of_another_workspace_are_not_found(
    client: TestClient, session: Session, other_workspace: Workspace
):
    theirs = f.opportunity(session, other_workspace.id, stage="rejected")
    assert client.get(f"/opportunities/{theirs.id}/references/launch").status_code == 404
    assert client.post(f"/opportunities/{theirs.id}/playbooks/rejection").status_code == 404
    assert client.post(f"/opportunities/{theirs.id}/playbooks/reach").status_code == 404


@pytest.mark.parametrize(
    ("stage", "said", "not_said"),
    [
        ("target", "before</em> you apply", "Your application is in"),
        ("applied", "Your application is in", "before</em> you apply"),
        ("interviewing", "Your application is in", "before</em> you apply"),
    ],
)
def test_the_reference_launch_words_fit_the_stage(
    client: TestClient, session: Session, workspace: Workspace, stage: str, said: str, not_said: str
):
    """Once the application is in, the briefing asks for a call while it is weighed: the pages
    say so too, not "before you apply"."""
    opportunity = f.opportunity(session, workspace.id, stage=stage)
    for url in (
        f"/opportunities/{opportunity.id}",
        f"/opportunities/{opportunity.id}/references/launch",
    ):
        page = client.get(url).text
        assert said in page
        assert not_said not in page


@pytest.mark.parametrize("sent", ["", "  ", "first"])
def test_showing_the_briefing_with_no_reference_chosen_says_so_on_the_menu(
    client: TestClient, session: Session, workspace: Workspace, make_reference: Any, sent: str
):
    opportunity = f.opportunity(session, workspace.id, stage="target")
    make_reference(f.person(session, workspace.id, "Jo Boss"))
    page = client.get(
        f"/opportunities/{opportunity.id}/references/launch", params={"reference_id": sent}
    )
    assert page.status_code == 422
    assert re.search(
        r'<select id="f-reference_id" name="reference_id" aria-invalid="true" '
        r'aria-describedby="e-reference_id">',
        page.text,
    )
    assert '<p class="error" id="e-reference_id">Choose a reference.</p>' in page.text
    assert '<a href="#f-reference_id">' in page.text
    # Opened without a choice, the page asks nothing yet.
    fresh = client.get(f"/opportunities/{opportunity.id}/references/launch")
    assert fresh.status_code == 200
    assert "aria-invalid" not in fresh.text


def test_the_page_plans_every_side_door_from_one_snapshot_of_the_network(
    client: TestClient,
    session: Session,
    workspace: Workspace,
    search: Any,
    monkeypatch: pytest.MonkeyPatch,
):
    from goodword.network import loader

    for name in ("Dana Sales", "Eli Support", "Fran Partners"):
        door = f.person(session, workspace.id, name, given_name=name.split()[0])
        people.add_position(
            session,
            workspace_id=workspace.id,
            person_id=door.id,
            data=PositionCreate(
                organization_name="Lumenfold Optics", title="Account Executive", department="Sales"
            ),
        )
    loads: list[int] = []
    real_load = loader.load

    def counted(*args: Any, **kwargs: Any) -> Any:
        loads.append(1)
        return real_load(*args, **kwargs)

    monkeypatch.setattr(loader, "load", counted)
    page = client.get(f"/opportunities/{search.target.id}")
    assert all(name in page.text for name in ("Dana Sales", "Eli Support", "Fran Partners"))
    # The preview and each of the three doors' drafts search the same network once.
    assert len(loads) == 1
    client.get(f"/opportunities/{search.target.id}")
    assert len(loads) == 1


def _words(html: str) -> str:
    """The page's text, one space between words (quotes as the page shows them)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#34;", '"').split())


def _first_round_only(session: Session, ws: int, *, rapport: str, stage: str = "applied") -> int:
    """An opportunity whose one interview recorded is a first round, with Kim Lee."""
    opportunity = f.opportunity(session, ws, stage=stage)
    kim = f.person(session, ws, "Kim Lee")
    f.interaction(
        session,
        ws,
        kind="interview",
        opportunity_id=opportunity.id,
        interview_round=1,
        participants=[{"person_id": kim.id, "rapport": rapport}],
    )
    return opportunity.id


def test_a_rejection_that_does_not_look_late_says_to_tick_the_box_on_the_page(
    client: TestClient, session: Session, workspace: Workspace
):
    opportunity = _first_round_only(session, workspace.id, rapport="clicked")

    moved = client.post(f"/opportunities/{opportunity}/stage", data={"stage": "rejected"})
    ran = client.post(f"/opportunities/{opportunity}/playbooks/rejection")

    tick = (
        "Record the later rounds, or tick “I got to a late round” beside “Run the rejection "
        "playbook” under Next moves."
    )
    assert _words(moved.text).count(tick) == 1  # (the board, with the move's message)
    assert _words(ran.text).count(tick) == 2  # the run's message, and the panel's preview
    assert "confirm that it came late" not in moved.text + ran.text


def test_the_box_ticked_on_a_run_refused_all_the_same_stays_ticked_and_says_why(
    client: TestClient, session: Session, workspace: Workspace
):
    opportunity = _first_round_only(session, workspace.id, rapport="good", stage="rejected")

    ran = client.post(
        f"/opportunities/{opportunity}/playbooks/rejection", data={"confirm_late": "1"}
    )

    assert ran.status_code == 422
    assert "No interviewer is marked as someone you clicked with." in ran.text
    # Said at the top of the page too, where the page opens, not only far down in the card.
    flash = re.search(r'<p class="flash warns"[^>]*data-flash>([^<]*)</p>', ran.text)
    assert flash and "No interviewer is marked as someone you clicked with." in flash.group(1)
    assert "does not look like a late rejection" not in ran.text
    assert 'name="confirm_late" value="1" style="width:auto" checked>' in ran.text
    assert session.scalar(select(func.count()).select_from(Task)) == 0


@pytest.mark.parametrize("late", [{}, {"confirm_late": "1"}])
def test_the_rejection_playbook_is_refused_for_an_opportunity_not_rejected(
    client: TestClient, session: Session, workspace: Workspace, search: Any, late: dict[str, str]
):
    """The page shows the playbook only once the opportunity is rejected: a run sent for one
    still under way (a page left open, the stage moved back since) does nothing, and says
    what to do on the page, not to tick a box it does not show."""
    opportunity = search.opportunity.id

    ran = client.post(f"/opportunities/{opportunity}/playbooks/rejection", data=late)

    said = _words(ran.text)
    assert (
        "Senior PM at Larkspur Health is not marked rejected, so the rejection playbook did "
        "not run. If you were turned down, move it to Rejected under Stage: the playbook then "
        "shows under Next moves." in said
    )
    assert "I got to a late round" not in said
    assert session.scalar(select(func.count()).select_from(Task)) == 0
    assert session.scalar(select(func.count()).select_from(ReferralAsk)) == 0


def test_the_rejection_preview_says_who_gets_only_a_thank_you_and_how_to_add_companies(
    client: TestClient, session: Session, workspace: Workspace, search: Any
):
    """With no company to name for Priya (no targets, no ties), the page does not promise
    her an ask, nor say to name companies it has no box for."""
    search.opportunity.stage = Stage.REJECTED
    session.delete(search.target)
    session.flush()

    said = _words(client.get(f"/opportunities/{search.opportunity.id}").text)

    assert (
        "Running the playbook adds a thank-you for each of them, and an ask for each with a "
        "company to name: Morgan Reyes: Jadeway Semiconductors" in said
    )
    assert "Priya Natarajan: no company to name yet, so a thank-you only" in said
    assert (
        "Add the companies you want to work at next as opportunities at the Target stage, "
        "then run it again." in said
    )
    assert "name them" not in said and "companies you name" not in said
    assert "companies you name" not in _words(client.get("/playbooks").text)


def test_the_rejection_preview_with_a_company_for_everyone_promises_each_an_ask(
    client: TestClient, session: Session, workspace: Workspace, search: Any
):
    search.opportunity.stage = Stage.REJECTED
    session.flush()

    said = _words(client.get(f"/opportunities/{search.opportunity.id}").text)

    assert "Running the playbook adds a thank-you and an ask for each of them:" in said
    assert "a thank-you only" not in said and "Add the companies" not in said


def test_the_rejection_playbook_runs_again_from_its_panel_after_a_company_is_added(
    client: TestClient, session: Session, workspace: Workspace, search: Any
):
    """Run once with no company to name for Priya, the panel keeps a button to run it again:
    with a target added since, the run adds her ask, and Morgan's ask names it too."""
    search.opportunity.stage = Stage.REJECTED
    session.delete(search.target)
    session.flush()
    url = f"/opportunities/{search.opportunity.id}/playbooks/rejection"
    client.post(url)
    assert _origins(session, workspace.id) == {"rejection:thank", "rejection:ask"}

    page = client.get(f"/opportunities/{search.opportunity.id}").text
    panel = page[page.index('id="rejection-playbook"') : page.index('id="launch-reference"')]
    form = re.search(rf'<form method="post" action="{url}"[^>]*>(.*?)</form>', panel, re.S)
    assert form is not None and "Run it again" in form.group(1)
    assert "Run the rejection playbook" not in panel

    f.opportunity(session, workspace.id, organization_name="Oxbow Civic Tech", stage="target")
    # It ran once, so the rejection came late: run again as the form sends it, it still runs
    # with no interview from round two on recorded.
    for interview in session.scalars(
        select(Interaction).where(Interaction.opportunity_id == search.opportunity.id)
    ):
        interview.interview_round = 1
    session.flush()
    sent = dict(re.findall(r'<input[^>]*\bname="([^"]+)"[^>]*\bvalue="([^"]*)"', form.group(1)))
    ran = client.post(url, data=sent, follow_redirects=True)

    assert (
        "1 follow-up task added from the rejection playbook. "
        "Added to the asks: Morgan Reyes at Oxbow Civic Tech." in _words(ran.text)
    )
    session.expire_all()
    titles = set(session.scalars(select(Task.title).where(Task.origin == "rejection:ask")))
    assert titles == {
        "Ask Priya Natarajan to recommend you at Oxbow Civic Tech",
        "Ask Morgan Reyes to recommend you at Jadeway Semiconductors or Oxbow Civic Tech",
    }


def test_a_late_run_with_no_interviews_says_so_at_the_top_and_how_to_log_one(
    client: TestClient, session: Session, workspace: Workspace
):
    opportunity = f.opportunity(session, workspace.id, stage="rejected")
    ran = client.post(
        f"/opportunities/{opportunity.id}/playbooks/rejection", data={"confirm_late": "1"}
    )
    assert ran.status_code == 422
    flash = re.search(r'<p class="flash warns"[^>]*data-flash>([^<]*)</p>', ran.text)
    assert flash and "No interviewer is recorded" in flash.group(1)
    assert "Log an interaction" in flash.group(1)
