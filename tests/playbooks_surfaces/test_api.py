"""The playbooks' JSON API: the same features as the pages, and 404 for other workspaces."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from sqlalchemy.orm import Session

import factories as f
from goodword.leads import service as leads
from goodword.leads.schemas import LeadCreate
from goodword.opportunities import service as opportunities
from goodword.opportunities.schemas import OpportunityUpdate
from goodword.references import service as references
from goodword.references.schemas import ReferenceCreate
from goodword.referrals import service as referrals
from goodword.referrals.schemas import ReferralAskCreate
from goodword.workspaces.models import Workspace


def test_the_rejection_and_the_ask_through_the_api(
    client: TestClient, session: Session, workspace: Workspace, search: Any
):
    early = client.post(f"/api/v1/opportunities/{search.opportunity.id}/playbooks/rejection")
    assert early.status_code == 200
    assert early.json()["prompts"][0]["field"] == "stage" and early.json()["created"] == 0
    assert 'send {"confirm_late": true} to run it anyway' in early.json()["prompts"][0]["message"]
    body = client.post(
        f"/api/v1/opportunities/{search.opportunity.id}/playbooks/rejection",
        json={"confirm_late": True},
    ).json()
    assert body["created"] == 4
    assert {c["person_name"] for c in body["clicked"]} == {"Morgan Reyes", "Priya Natarajan"}
    morgan = next(c for c in body["clicked"] if c["person_name"] == "Morgan Reyes")
    # Where Morgan worked comes before a target Morgan has no tie to.
    assert [c["organization_name"] for c in morgan["companies"]][:2] == [
        "Jadeway Semiconductors",
        "Lumenfold Optics",
    ]
    assert all(d["mailto"].startswith("mailto:") for d in body["drafts"])
    listed = client.get("/api/v1/referrals", params={"open": True}).json()["items"]
    assert sorted(a["id"] for a in listed) == sorted(body["ask_ids"])
    ask_id = body["ask_ids"][0]
    asked = client.post(f"/api/v1/referrals/{ask_id}/advance", json={"status": "asked"})
    assert asked.json()["ask"]["asked_on"] == "2026-11-25"
    introduced = client.post(
        f"/api/v1/referrals/{ask_id}/advance",
        json={"status": "introduced", "introduced_to": "Ana Ruiz"},
    ).json()
    assert introduced["ask"]["status"] == "introduced"
    assert introduced["playbook"]["created"] == 3
    refused = client.post(f"/api/v1/referrals/{ask_id}/advance", json={"status": "asked"})
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"][0]["field"] == "status"
    reported = client.post(f"/api/v1/referrals/{ask_id}/reported-back")
    assert reported.json()["reported_back_on"] == "2026-11-25"
    assert client.get(f"/api/v1/referrals/{ask_id}").json()["introduced_to"] == "Ana Ruiz"


def test_open_asks_through_the_api_include_introductions_not_yet_reported_back(
    client: TestClient, session: Session, workspace: Workspace
):
    person = f.person(session, workspace.id, "Kim Lee")
    made = [
        referrals.create(
            session,
            workspace_id=workspace.id,
            data=ReferralAskCreate(
                person_id=person.id,
                target_organization_id=f.organization(session, workspace.id, name).id,
            ),
        ).id
        for name in ("Lumenfold", "Bluefen", "Jadeway")
    ]
    introduced, declined, waiting = made
    for ask_id, steps in ((introduced, ("asked", "introduced")), (declined, ("asked", "declined"))):
        for step in steps:
            assert client.post(
                f"/api/v1/referrals/{ask_id}/advance", json={"status": step}
            ).is_success

    def open_ids(**params: object) -> list[int]:
        listed = client.get("/api/v1/referrals", params={"open": True, **params}).json()["items"]
        return [a["id"] for a in listed]

    def counts() -> tuple[int, int]:
        digest = client.get("/api/v1/keep-in-touch/digest").json()["open_asks"]
        return digest, len(client.get("/api/v1/progress").json()["open_asks"])

    assert open_ids() == [introduced, waiting]
    assert counts() == (2, 2)
    # The filters combine: open asks with this status.
    assert open_ids(status="introduced") == [introduced]
    assert open_ids(status="declined") == []
    assert client.post(f"/api/v1/referrals/{introduced}/reported-back").is_success
    assert open_ids() == [waiting] and open_ids(status="introduced") == []
    assert counts() == (1, 1)
    moved = client.post(f"/api/v1/referrals/{introduced}/advance", json={"status": "interviewing"})
    assert moved.json()["ask"]["reported_back_on"] is None
    assert open_ids() == [introduced, waiting] and counts() == (2, 2)


def test_an_unknown_id_in_a_body_is_that_fields_error_and_changes_nothing(
    client: TestClient, session: Session, workspace: Workspace, search: Any
):
    unused = 987_654
    rejection = client.post(
        f"/api/v1/opportunities/{search.opportunity.id}/playbooks/rejection",
        json={
            "confirm_late": True,
            "target_organization_ids": [search.target.organization_id, unused],
        },
    )
    reference = client.post(
        "/api/v1/references", json={"person_id": search.recruiter.id, "consent_on": "2026-10-01"}
    ).json()
    launch = client.post(
        f"/api/v1/references/{reference['id']}/launch", json={"opportunity_id": unused}
    )
    merge = client.post(
        "/api/v1/merges", json={"survivor_id": search.recruiter.id, "absorbed_id": unused}
    )

    def fields(response: Any) -> list[str]:
        assert response.status_code == 422, response.text
        return [e["field"] for e in response.json()["error"]["fields"]]

    assert fields(rejection) == ["target_organization_ids.1"]
    assert fields(launch) == ["opportunity_id"]
    assert fields(merge) == ["absorbed_id"]
    assert client.get("/api/v1/referrals").json()["items"] == []
    assert client.get(f"/api/v1/references/{reference['id']}/uses").json() == []
    assert client.get("/api/v1/merges").json()["items"] == []


def test_references_crud_launch_and_record_through_the_api(
    client: TestClient, session: Session, workspace: Workspace, search: Any
):
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
    created = client.post("/api/v1/references", json={"person_id": search.recruiter.id})
    assert created.status_code == 201
    reference = created.json()
    assert reference["warnings"] == [
        "Lee Park has not agreed to be your reference yet: ask them first."
    ]
    no_consent = client.post(
        f"/api/v1/references/{reference['id']}/launch", json={"opportunity_id": search.target.id}
    )
    assert no_consent.status_code == 409
    replaced = client.put(
        f"/api/v1/references/{reference['id']}",
        json={"consent_on": "2026-10-01", "can_speak_to": "hiring"},
    ).json()
    assert replaced["consent_on"] == "2026-10-01" and replaced["warnings"] == []
    unsaid = client.post(
        f"/api/v1/references/{reference['id']}/launch", json={"opportunity_id": search.target.id}
    ).json()
    assert unsaid["use"] is None and unsaid["playbook"]["created"] == 0
    assert [p["field"] for p in unsaid["playbook"]["prompts"]] == ["stress_points"]
    launched = client.post(
        f"/api/v1/references/{reference['id']}/launch",
        json={"opportunity_id": search.target.id, "stress_points": "shipping with small teams"},
    ).json()
    assert launched["use"]["status"] == "planned"
    assert launched["playbook"]["created"] == 2
    assert (
        launched["playbook"]["drafts"][0]["subject"]
        == "Would you speak for me at Lumenfold Optics?"
    )
    use_id = launched["use"]["id"]
    called = client.post(f"/api/v1/reference-uses/{use_id}", json={"status": "called"}).json()
    assert called["use"]["called_on"] == "2026-11-25" and called["playbook"]["created"] == 1
    assert client.get(f"/api/v1/references/{reference['id']}/uses").json()[0]["status"] == "called"
    listed = client.get("/api/v1/references").json()["items"]
    assert listed[0]["uses_count"] == 1 and listed[0]["last_used_on"] == "2026-11-25"
    assert client.delete(f"/api/v1/references/{reference['id']}").status_code == 204
    assert client.get("/api/v1/references").json()["items"] == []


def test_leads_suggestions_and_shares_through_the_api(
    client: TestClient, session: Session, workspace: Workspace
):
    f.person(session, workspace.id, "Sam Carter", is_me=True)
    fan = f.person(session, workspace.id, "Ana Ruiz", interests=["pricing"])
    lead = client.post(
        "/api/v1/leads", json={"kind": "article", "title": "Pricing essay", "tags": ["pricing"]}
    ).json()
    suggestions = client.get(f"/api/v1/leads/{lead['id']}/suggestions").json()["items"]
    assert [s["person_id"] for s in suggestions] == [fan.id]
    assert "pricing" in suggestions[0]["reason"]
    passed = client.post(f"/api/v1/leads/{lead['id']}/pass-it-on").json()
    assert passed["created"] == 1 and passed["suggestions"][0]["name"] == "Ana Ruiz"
    share_id = client.get(f"/api/v1/leads/{lead['id']}").json()["shares"][0]["id"]
    marked = client.post(f"/api/v1/lead-shares/{share_id}", json={"status": "skipped"})
    assert marked.json()["status"] == "skipped"
    replaced = client.put(
        f"/api/v1/leads/{lead['id']}", json={"kind": "article", "title": "Pricing essay, part 2"}
    )
    assert replaced.json()["title"] == "Pricing essay, part 2"
    assert len(client.get("/api/v1/leads").json()["items"]) == 1
    assert client.delete(f"/api/v1/leads/{lead['id']}").status_code == 204


def test_messages_through_the_api(client: TestClient, session: Session, workspace: Workspace):
    person = f.person(session, workspace.id, "Ana Ruiz", given_name="Ana", emails=["a@x.org"])
    library = client.get("/api/v1/messages").json()
    assert len(library["items"]) == 12 and "first_name" in library["placeholders"]
    saved = client.put(
        "/api/v1/messages/keep_in_touch", json={"subject": "Hi {first_name}", "body": "Coffee?"}
    )
    assert saved.json()["customized"] is True
    bad = client.put("/api/v1/messages/keep_in_touch", json={"subject": "{nope}", "body": "x"})
    assert bad.status_code == 422
    preview = client.post("/api/v1/messages/keep_in_touch/preview").json()
    assert preview["subject"] == "Hi Morgan"
    drafted = client.post(
        "/api/v1/messages/keep_in_touch/draft", json={"person_id": person.id}
    ).json()
    assert drafted["subject"] == "Hi Ana" and drafted["to"] == ["a@x.org"]
    filled = client.get(
        "/api/v1/messages/keep_in_touch/drafts", params={"person_id": person.id}
    ).json()
    assert filled == {"key": "keep_in_touch", "drafts": [drafted]}
    wording = client.get("/api/v1/messages/keep_in_touch/drafts").json()["drafts"]
    assert [d["subject"] for d in wording] == ["Hi {first_name}"]
    nobody = client.get("/api/v1/messages/keep_in_touch/drafts", params={"person_id": 99_999})
    assert nobody.status_code == 422
    assert nobody.json()["error"]["fields"][0]["field"] == "person_id"
    reset = client.delete("/api/v1/messages/keep_in_touch").json()
    assert reset["customized"] is False and reset["subject"] == "Catching up"
    unknown = client.get("/api/v1/messages/nothing_like_it")
    assert unknown.status_code == 404
    assert unknown.json()["error"]["message"] == (
        "There is no message called “nothing_like_it” in the library."
    )


def test_a_placeholder_the_message_never_gets_is_refused_through_the_api(
    client: TestClient, session: Session, workspace: Workspace
):
    usable = ["first_name", "full_name", "my_name", "organization", "role"]
    shown = client.get("/api/v1/messages/thank_and_release").json()
    assert list(shown["placeholders"]) == usable
    listed = client.get("/api/v1/messages").json()
    assert {i["key"]: list(i["placeholders"]) for i in listed["items"]}["keep_in_touch"] == [
        "first_name", "full_name", "my_name", "last_contact",
    ]  # fmt: skip
    assert "favour" in listed["placeholders"]
    wording = {"subject": "Thanks, {first_name}", "body": "Thank you for {favour}."}
    refused = client.put("/api/v1/messages/thank_and_release", json=wording)
    assert refused.status_code == 422
    [field] = refused.json()["error"]["fields"]
    assert field["field"] == "body"
    assert field["message"].startswith("Goodword has nothing to fill {favour} with")
    assert field["message"].endswith(
        "This message can use {first_name}, {full_name}, {my_name}, {organization} and {role}."
    )
    assert client.get("/api/v1/messages/thank_and_release").json()["customized"] is False
    preview = client.post("/api/v1/messages/thank_and_release/preview", json=wording)
    assert preview.status_code == 422
    assert preview.json()["error"]["fields"][0]["field"] == "body"
    fine = client.put(
        "/api/v1/messages/favour_thanks", json={"subject": "Thanks", "body": "For {favour}."}
    )
    assert fine.status_code == 200 and fine.json()["customized"] is True


def test_keep_in_touch_progress_routines_and_calendar_through_the_api(
    client: TestClient, session: Session, workspace: Workspace
):
    me = f.person(session, workspace.id, "Sam Carter", is_me=True)
    friend = f.person(session, workspace.id, "Ana Ruiz")
    f.connection(session, workspace.id, me, friend, kind="friend", since=date(2026, 1, 1))
    due = client.get("/api/v1/keep-in-touch").json()
    assert [d["person_id"] for d in due["items"]] == [friend.id]
    assert due["total"] == 1 and due["next"] is None and due["prev"] is None
    damaged = client.get("/api/v1/keep-in-touch", params={"after": "WzEsMiwzXQ"})
    assert damaged.status_code == 422
    assert [p["field"] for p in damaged.json()["error"]["fields"]] == ["after"]
    run = client.post("/api/v1/playbooks/run").json()
    assert run["created"] == 1
    assert client.post("/api/v1/playbooks/run").json()["created"] == 0
    digest = client.get("/api/v1/keep-in-touch/digest").json()
    assert digest["week_start"] == "2026-11-23" and len(digest["tasks_this_week"]) == 1
    favours = client.get(f"/api/v1/people/{friend.id}/favours").json()
    assert favours == {
        "person_id": friend.id,
        "name": "Ana Ruiz",
        "given": 0,
        "received": 0,
        "balance": 0,
        "entries": [],
    }
    progress = client.get("/api/v1/progress").json()
    assert [r["route"] for r in progress["routes"]][:2] == ["introduction", "referral"]
    assert len(progress["activity"]) == 8
    assert client.get("/api/v1/calendar/feed").json() == {"enabled": False, "url": None}
    on = client.post("/api/v1/calendar/feed").json()
    assert on["enabled"] and on["url"].endswith(".ics")
    path = on["url"].split("localhost", 1)[1]
    assert client.get(path).status_code == 200
    rotated = client.post("/api/v1/calendar/feed/rotate").json()
    assert rotated["url"] != on["url"] and client.get(path).status_code == 404
    assert client.delete("/api/v1/calendar/feed").status_code == 204
    download = client.get("/api/v1/calendar.ics")
    assert len(list(Calendar.from_ical(download.content).walk("VEVENT"))) == 1


def _theirs(session: Session, ws: int) -> dict[str, int]:
    person = f.person(session, ws, "Their Person")
    opportunity = f.opportunity(session, ws, stage="interviewing")
    ask = referrals.create(session, workspace_id=ws, data=ReferralAskCreate(person_id=person.id))
    reference = references.create(
        session,
        workspace_id=ws,
        data=ReferenceCreate(person_id=person.id, consent_on=date(2026, 1, 1)),
    )
    manager = f.person(session, ws, "Their Manager")
    opportunities.update(
        session,
        workspace_id=ws,
        opportunity_id=opportunity.id,
        data=OpportunityUpdate(
            organization_name="Acme Robotics", role_title="PM", hiring_manager_id=manager.id
        ),
    )
    use, _ = references.start_use(
        session,
        workspace_id=ws,
        reference_id=reference.id,
        opportunity_id=opportunity.id,
        today=date(2026, 11, 25),
    )
    lead = leads.create(session, workspace_id=ws, data=LeadCreate(kind="lead", title="Theirs"))
    share, _ = leads.record_suggestion(
        session, workspace_id=ws, lead_id=lead.id, person_id=person.id, reason=None
    )
    return {
        "person": person.id,
        "opportunity": opportunity.id,
        "ask": ask.id,
        "reference": reference.id,
        "use": use.id,
        "lead": lead.id,
        "share": share.id,
    }


ENDPOINTS: list[tuple[str, str, dict[str, Any] | None]] = [
    ("POST", "/api/v1/opportunities/{opportunity}/playbooks/rejection", None),
    ("POST", "/api/v1/opportunities/{opportunity}/playbooks/reach", None),
    ("GET", "/api/v1/people/{person}/favours", None),
    ("GET", "/api/v1/referrals/{ask}", None),
    ("POST", "/api/v1/referrals/{ask}/advance", {"status": "asked"}),
    ("POST", "/api/v1/referrals/{ask}/reported-back", None),
    ("GET", "/api/v1/references/{reference}", None),
    ("PUT", "/api/v1/references/{reference}", {"consent_on": "2026-01-01"}),
    ("DELETE", "/api/v1/references/{reference}", None),
    ("GET", "/api/v1/references/{reference}/uses", None),
    ("POST", "/api/v1/references/{reference}/launch", {"opportunity_id": "{opportunity}"}),
    ("POST", "/api/v1/reference-uses/{use}", {"status": "briefed"}),
    ("GET", "/api/v1/leads/{lead}", None),
    ("PUT", "/api/v1/leads/{lead}", {"kind": "lead", "title": "Mine now"}),
    ("DELETE", "/api/v1/leads/{lead}", None),
    ("GET", "/api/v1/leads/{lead}/suggestions", None),
    ("POST", "/api/v1/leads/{lead}/pass-it-on", None),
    ("POST", "/api/v1/lead-shares/{share}", {"status": "sent"}),
]


@pytest.mark.parametrize(("method", "template", "body"), ENDPOINTS)
def test_another_workspaces_records_are_not_found(
    client: TestClient,
    session: Session,
    workspace: Workspace,
    other_workspace: Workspace,
    method: str,
    template: str,
    body: dict[str, Any] | None,
):
    ids = _theirs(session, other_workspace.id)
    if body is not None:
        body = {k: int(v.format(**ids)) if "{" in str(v) else v for k, v in body.items()}
    response = client.request(method, template.format(**ids), json=body)
    assert response.status_code == 404, response.text
    assert response.json()["error"]["code"] == "not_found"
    session.expire_all()
    assert (
        referrals.get(session, workspace_id=other_workspace.id, ask_id=ids["ask"]).asked_on is None
    )
    assert (
        leads.get(session, workspace_id=other_workspace.id, lead_id=ids["lead"]).title == "Theirs"
    )
    assert references.get(
        session, workspace_id=other_workspace.id, reference_id=ids["reference"]
    ).consent_on == date(2026, 1, 1)


def test_another_workspaces_person_named_in_a_body_is_no_record_here(
    client: TestClient, session: Session, other_workspace: Workspace
):
    # As any unknown id in a body: the field's error, saying no more than for an id unused.
    theirs = _theirs(session, other_workspace.id)["person"]
    unused = theirs + 1000

    drafts = [
        client.post("/api/v1/messages/keep_in_touch/draft", json={"person_id": person_id})
        for person_id in (theirs, unused)
    ]

    assert [d.status_code for d in drafts] == [422, 422]
    assert [d.json()["error"]["fields"] for d in drafts] == [
        [
            {
                "field": "person_id",
                "message": f"No person number {person_id}: they may have been deleted.",
            }
        ]
        for person_id in (theirs, unused)
    ]


def test_lists_never_show_another_workspaces_records(
    client: TestClient, session: Session, workspace: Workspace, other_workspace: Workspace
):
    _theirs(session, other_workspace.id)
    feeds_token = client.post("/api/v1/calendar/feed").json()
    assert feeds_token["enabled"]
    assert client.get("/api/v1/referrals").json()["items"] == []
    assert client.get("/api/v1/references").json()["items"] == []
    assert client.get("/api/v1/leads").json()["items"] == []
    assert client.get("/api/v1/keep-in-touch").json()["items"] == []
    assert client.get("/api/v1/progress").json()["open_asks"] == []
    assert client.get("/api/v1/referrals", params={"open": True}).json()["items"] == []
    assert client.get("/api/v1/keep-in-touch/digest").json()["open_asks"] == 0


def test_a_move_to_rejected_that_does_not_look_late_names_the_api_call_that_runs_it_anyway(
    client: TestClient, session: Session, workspace: Workspace
):
    opportunity = f.opportunity(session, workspace.id, stage="applied")
    kim = f.person(session, workspace.id, "Kim Lee")
    f.interaction(
        session,
        workspace.id,
        kind="interview",
        opportunity_id=opportunity.id,
        interview_round=1,
        participants=[{"person_id": kim.id, "rapport": "clicked"}],
    )

    moved = client.post(f"/api/v1/opportunities/{opportunity.id}/stage", json={"stage": "rejected"})

    prompt = moved.json()["playbook"]["prompts"][0]
    assert prompt["field"] == "interview_round"
    assert prompt["message"].endswith(
        'Record the later rounds, or send {"confirm_late": true} to POST '
        f"/api/v1/opportunities/{opportunity.id}/playbooks/rejection."
    )


def test_the_rejection_with_no_company_to_name_says_the_api_can_name_them(
    client: TestClient, session: Session, search: Any
):
    """Only the API's run takes companies named (`target_organization_ids`): it says so
    where the page and the command line, which cannot, do not."""
    session.delete(search.target)
    session.flush()

    body = client.post(
        f"/api/v1/opportunities/{search.opportunity.id}/playbooks/rejection",
        json={"confirm_late": True},
    ).json()

    assert [p["message"] for p in body["prompts"] if p["field"] == "target_companies"] == [
        "Goodword found no companies to name in an ask. Add the companies you want to work at "
        "next as opportunities at the Target stage (or name them in target_organization_ids), "
        "then run it again."
    ]


def test_planning_through_someone_not_a_side_door_says_it_in_the_apis_words(
    client: TestClient, session: Session, workspace: Workspace
):
    from goodword.people import service as people
    from goodword.people.schemas import PositionCreate

    f.person(session, workspace.id, "Sam Carter", is_me=True)
    sol = f.person(session, workspace.id, "Sol Vega")
    people.add_position(
        session, workspace_id=workspace.id, person_id=sol.id,
        data=PositionCreate(
            organization_name="Larkspur Health", title="Account Executive", department="Sales"
        ),
    )  # fmt: skip
    outsider = f.person(session, workspace.id, "Kim Lee")
    opportunity = f.opportunity(session, workspace.id, organization_name="Larkspur Health")

    ran = client.post(
        f"/api/v1/opportunities/{opportunity.id}/playbooks/reach",
        json={"entry_person_id": outsider.id},
    )

    assert ran.status_code == 200
    prompt = next(p for p in ran.json()["prompts"] if p["field"] == "entry_person_id")
    assert prompt["message"] == (
        "That person is not a current contact at Larkspur Health outside the personnel "
        "office; send the person_id of one of entry_points as entry_person_id."
    )
    assert [e["name"] for e in ran.json()["entry_points"]] == ["Sol Vega"]
