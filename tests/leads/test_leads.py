"""Leads and pass it on: whom a lead fits, why, and the drafted note."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories as f
from goodword import clock
from goodword.errors import InvalidInput, NotFound
from goodword.leads import service as leads
from goodword.leads.matching import Candidate, LeadFacts, best_matches, score
from goodword.leads.models import LeadKind, ShareStatus
from goodword.leads.schemas import LeadCreate, LeadUpdate
from goodword.people import service as people
from goodword.people.schemas import PositionCreate
from goodword.playbooks import pass_it_on
from goodword.records import encode_cursor
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def test_interests_matching_a_tag_score_highest():
    lead = LeadFacts(kind="event", title="Meetup", tags=("Pricing",))
    fan = Candidate(1, "Ada", interests=("pricing",))
    bystander = Candidate(2, "Bo", interests=("cycling",))
    [match] = best_matches(lead, [fan, bystander])
    assert (match.person_id, match.score, match.reason) == (1, 3, "interested in pricing")
    assert match.reasons[0].phrase == "since you're interested in pricing"


def test_an_interest_named_in_the_text_counts_as_a_phrase_not_a_substring():
    lead = LeadFacts(kind="article", title="Public transit data, explained")
    assert score(lead, Candidate(1, "A", tags=("public transit",))).score == 2
    assert score(lead, Candidate(2, "B", tags=("transit data science",))).score == 0
    assert score(lead, Candidate(3, "C", tags=("data",))).score == 2
    assert score(lead, Candidate(4, "D", tags=("dat",))).score == 0


def test_the_work_someone_does_fits_an_opening_like_it():
    lead = LeadFacts(kind="opportunity", title="Senior Product Manager, Rider Apps")
    pm = Candidate(1, "PM", current_titles=("Product Manager",))
    engineer = Candidate(2, "Eng", current_titles=("Senior Software Engineer",))
    assert score(lead, pm).reason == "works as Product Manager"
    assert score(lead, engineer).score == 0


def test_an_opening_at_someones_own_employer_is_not_news_to_them():
    opening = LeadFacts(kind="opportunity", title="X", organization_id=7, organization_name="Acme")
    event = LeadFacts(kind="event", title="X", organization_id=7, organization_name="Acme")
    insider = Candidate(1, "In", current_organization_ids=frozenset({7}))
    alumna = Candidate(2, "Out", past_organization_ids=frozenset({7}))
    assert score(opening, insider).score == 0
    assert score(event, insider).reason == "works at Acme"
    assert score(opening, alumna).reason == "used to work at Acme"


def test_matches_are_ordered_by_score_then_name():
    lead = LeadFacts(kind="event", title="Pricing and roadmaps", tags=("pricing",))
    people_ = [
        Candidate(1, "Zed", interests=("pricing",)),
        Candidate(2, "Amy", interests=("pricing",)),
        Candidate(3, "Bea", interests=("roadmaps",)),
        Candidate(4, "Cy", interests=("pricing", "roadmaps")),
    ]
    assert [m.name for m in best_matches(lead, people_)] == ["Cy", "Amy", "Zed", "Bea"]
    assert len(best_matches(lead, people_, limit=2)) == 2


def _network(session: Session, ws: int):
    f.person(session, ws, "Sam Carter", is_me=True, interests=["pricing"])
    ada = f.person(
        session, ws, "Ada Lovelace", given_name="Ada", interests=["pricing"], emails=["a@x.org"]
    )
    bo = f.person(session, ws, "Bo Zhou", given_name="Bo")
    people.add_position(
        session,
        workspace_id=ws,
        person_id=bo.id,
        data=PositionCreate(organization_name="Acme Robotics", end_date=date(2024, 1, 1)),
    )
    f.person(session, ws, "Cy Twombly", interests=["painting"])
    return ada, bo


def test_passing_it_on_suggests_people_drafts_notes_and_keeps_the_suggestions(
    session: Session, workspace: Workspace
):
    ada, bo = _network(session, workspace.id)
    lead = leads.create(
        session,
        workspace_id=workspace.id,
        data=LeadCreate(
            kind=LeadKind.EVENT,
            title="Pricing night at Acme",
            url="https://acme.example/pricing-night",
            happens_on=TODAY + timedelta(days=10),
            tags=["pricing"],
            organization_name="Acme Robotics",
        ),
    )
    result = pass_it_on.run(session, workspace_id=workspace.id, lead_id=lead.id, today=TODAY)
    assert [m.person_id for m in result.matches] == [ada.id, bo.id]
    assert not result.prompts
    shares = {s.person_id: s for s in lead.shares}
    assert set(shares) == {ada.id, bo.id}
    assert shares[ada.id].reason == "interested in pricing"
    assert shares[bo.id].reason == "used to work at Acme Robotics"
    assert {s.status for s in shares.values()} == {ShareStatus.SUGGESTED}
    note = next(d for d in result.drafts if d.to_name == "Ada Lovelace")
    assert note.complete
    assert note.to == ("a@x.org",)
    assert "thought of you, since you're interested in pricing:" in note.body
    assert "5 Dec 2026 · https://acme.example/pricing-night" in note.body
    task = next(t for t in result.tasks if t.person_id == ada.id)
    assert task.origin == "pass-it-on:share"
    assert task.due_date == TODAY + timedelta(days=2)


def test_a_note_on_a_lead_with_nothing_but_its_title_reads_well_without_details(
    session: Session, workspace: Workspace
):
    """No date, place, link or description: the note gives the title alone, complete,
    not a `{lead_details}` left in braces to fill."""
    _network(session, workspace.id)
    lead = leads.create(
        session,
        workspace_id=workspace.id,
        data=LeadCreate(kind=LeadKind.LEAD, title="Pricing team hiring", tags=["pricing"]),
    )

    result = pass_it_on.run(session, workspace_id=workspace.id, lead_id=lead.id, today=TODAY)

    note = next(d for d in result.drafts if d.to_name == "Ada Lovelace")
    assert note.complete
    assert note.body == (
        "Hi Ada,\n\nI came across this and thought of you, since you're interested in "
        "pricing:\n\nPricing team hiring\n\nNo need to reply; I just didn't want it to pass "
        "you by.\n\nSam Carter"
    )


def test_passing_it_on_twice_duplicates_nothing(session: Session, workspace: Workspace):
    _network(session, workspace.id)
    lead = leads.create(
        session,
        workspace_id=workspace.id,
        data=LeadCreate(kind=LeadKind.ARTICLE, title="On pricing", tags=["pricing"]),
    )
    first = pass_it_on.run(session, workspace_id=workspace.id, lead_id=lead.id, today=TODAY)
    second = pass_it_on.run(session, workspace_id=workspace.id, lead_id=lead.id, today=TODAY)
    assert second.created == 0 and first.created == 1
    assert len(lead.shares) == 1


def test_an_event_soon_is_due_now(session: Session, workspace: Workspace):
    _network(session, workspace.id)
    lead = leads.create(
        session,
        workspace_id=workspace.id,
        data=LeadCreate(
            kind=LeadKind.EVENT, title="Pricing talk", tags=["pricing"], happens_on=TODAY
        ),
    )
    result = pass_it_on.run(session, workspace_id=workspace.id, lead_id=lead.id, today=TODAY)
    assert {t.due_date for t in result.tasks} == {TODAY}


def test_an_event_that_has_happened_since_is_passed_on_to_no_one(
    session: Session, workspace: Workspace
):
    _network(session, workspace.id)
    lead = leads.create(
        session,
        workspace_id=workspace.id,
        data=LeadCreate(
            kind=LeadKind.EVENT, title="Pricing talk", tags=["pricing"], happens_on=TODAY
        ),
    )

    later = pass_it_on.run(
        session, workspace_id=workspace.id, lead_id=lead.id, today=TODAY + timedelta(days=1)
    )

    assert [(p.field, p.blocking) for p in later.prompts] == [("happens_on", True)]
    assert later.prompts[0].message.startswith("Pricing talk was on 25 Nov 2026:")
    assert not later.drafts and not later.tasks


def test_a_lead_that_fits_no_one_asks_for_more_to_go_on(session: Session, workspace: Workspace):
    _network(session, workspace.id)
    lead = leads.create(
        session,
        workspace_id=workspace.id,
        data=LeadCreate(kind=LeadKind.LEAD, title="Something"),
    )
    result = pass_it_on.run(session, workspace_id=workspace.id, lead_id=lead.id, today=TODAY)
    assert [(p.field, p.blocking) for p in result.prompts] == [("tags", False), ("people", True)]
    assert result.tasks == [] and lead.shares == []


def test_sent_and_skipped_shares_leave_the_suggestions(session: Session, workspace: Workspace):
    _network(session, workspace.id)
    lead = leads.create(
        session,
        workspace_id=workspace.id,
        data=LeadCreate(kind=LeadKind.EVENT, title="x", tags=["pricing"], organization_id=None),
    )
    pass_it_on.run(session, workspace_id=workspace.id, lead_id=lead.id, today=TODAY)
    share = lead.shares[0]
    leads.mark_share(
        session, workspace_id=workspace.id, share_id=share.id, status=ShareStatus.SENT, on=TODAY
    )
    assert share.sent_on == TODAY
    assert leads.suggest(session, workspace_id=workspace.id, lead_id=lead.id) == []
    with pytest.raises(InvalidInput):
        leads.mark_share(
            session,
            workspace_id=workspace.id,
            share_id=share.id,
            status=ShareStatus.SKIPPED,
            on=TODAY,
        )


def test_the_user_is_never_suggested(session: Session, workspace: Workspace):
    _network(session, workspace.id)
    lead = leads.create(
        session,
        workspace_id=workspace.id,
        data=LeadCreate(kind=LeadKind.ARTICLE, title="x", tags=["pricing"]),
    )
    names = [m.name for m in leads.suggest(session, workspace_id=workspace.id, lead_id=lead.id)]
    assert names == ["Ada Lovelace"]


def test_leads_belong_to_their_workspace(
    session: Session, workspace: Workspace, other_workspace: Workspace
):
    lead = leads.create(
        session,
        workspace_id=workspace.id,
        data=LeadCreate(kind=LeadKind.LEAD, title="Mine", tags=[" a ", "A", "b"]),
    )
    assert lead.tags == ["a", "b"]
    with pytest.raises(NotFound):
        leads.get(session, workspace_id=other_workspace.id, lead_id=lead.id)
    with pytest.raises(NotFound):
        pass_it_on.run(session, workspace_id=other_workspace.id, lead_id=lead.id, today=TODAY)
    assert leads.list_(session, workspace_id=other_workspace.id) == []
    stranger = f.person(session, other_workspace.id, "Stranger")
    with pytest.raises(InvalidInput):
        leads.record_suggestion(
            session, workspace_id=workspace.id, lead_id=lead.id, person_id=stranger.id, reason=None
        )


def test_a_lead_tag_is_one_line() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="A tag is one line"):
        LeadCreate(kind=LeadKind.EVENT, title="Meetup", tags=["pricing\nsales"])
    assert LeadCreate(kind=LeadKind.EVENT, title="Meetup", tags=[" pricing "]).tags == ["pricing"]


def test_an_event_on_a_day_gone_by_is_refused_but_an_article_of_then_is_kept(
    session: Session, workspace: Workspace
):
    past = TODAY - timedelta(days=1)
    with pytest.raises(InvalidInput) as refused:
        leads.create(
            session,
            workspace_id=workspace.id,
            data=LeadCreate(kind=LeadKind.EVENT, title="Meetup", happens_on=past),
        )
    assert [e.field for e in refused.value.fields] == ["happens_on"]
    article = leads.create(
        session,
        workspace_id=workspace.id,
        data=LeadCreate(kind=LeadKind.ARTICLE, title="Essay", happens_on=past),
    )
    assert article.happens_on == past
    with pytest.raises(InvalidInput):
        leads.update(
            session,
            workspace_id=workspace.id,
            lead_id=article.id,
            data=LeadUpdate(kind=LeadKind.EVENT, title="Essay", happens_on=past),
        )


@pytest.mark.parametrize(
    ("address", "above"),
    [("/leads/new", "/leads"), ("/duplicates/new", "/duplicates"), ("/imports/new", None)],
)
def test_a_new_page_where_there_is_none_is_not_found_not_a_number_to_fix(
    client: TestClient, address: str, above: str | None
):
    page = client.get(address)
    assert page.status_code == 404
    assert "There is no such page." in page.text
    assert "whole number" not in page.text
    if above is not None:
        assert f"Add or find one from the page at {above}." in page.text
    else:
        assert "Add or find one" not in page.text
    # A damaged number is still a number to fix.
    assert client.get("/leads/12a").status_code == 422


def test_among_people_a_lead_fits_as_well_the_warmer_tie_comes_first():
    lead = LeadFacts(kind="event", title="Pricing night", tags=("pricing",))
    people_ = [
        Candidate(1, "Amy", interests=("pricing",)),
        Candidate(2, "Zed", interests=("pricing",), closeness=4),
        Candidate(3, "Bea", interests=("pricing",), last_contact=date(2026, 1, 5)),
        Candidate(4, "Cy", interests=("pricing",), last_contact=date(2026, 10, 1)),
        Candidate(5, "Dee", interests=("pricing",), closeness=2, last_contact=date(2025, 1, 1)),
    ]
    assert [m.name for m in best_matches(lead, people_)] == ["Zed", "Dee", "Cy", "Bea", "Amy"]
    assert len(best_matches(lead, people_ * 3, limit=None)) == 15


def _pricing_fans(session: Session, ws: int, count: int):
    me = f.person(session, ws, "Sam Carter", is_me=True, interests=["pricing"])
    fans = [f.person(session, ws, f"Fan {n:02}", interests=["pricing"]) for n in range(count)]
    # The last two are the warmest: one the user is close to, one they saw this week.
    f.connection(session, ws, me, fans[-1], closeness=5)
    f.interaction(
        session, ws, occurred_at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC), summary=None,
        participants=[{"person_id": fans[-2].id}],
    )  # fmt: skip
    return fans


def test_the_page_says_how_many_people_a_lead_fits_and_shows_them_all_on_asking(
    client: TestClient, session: Session, workspace: Workspace
):
    fans = _pricing_fans(session, workspace.id, 21)
    session.commit()
    saved = client.post("/leads", data={"kind": "event", "title": "Pricing night",
                                         "tags": "pricing"})  # fmt: skip
    assert saved.status_code == 200
    assert "It fits 21 people; the 5 it fits best are suggested below." in saved.text
    lead_id = int(str(saved.url).rsplit("/", 1)[-1])
    shares = leads.get(session, workspace_id=workspace.id, lead_id=lead_id).shares
    suggested = [s.person.display_name for s in shares]
    assert suggested == ["Fan 20", "Fan 19", "Fan 00", "Fan 01", "Fan 02"]
    assert f'<a href="/leads/{lead_id}?fits=1#everyone-h">show all 21</a>' in saved.text
    assert "Fan 10" not in saved.text
    everyone = client.get(f"/leads/{lead_id}", params={"fits": 1}).text
    assert all(f'<a href="/people/{fan.id}">' in everyone for fan in fans)
    assert "show all 21" not in everyone
    # The JSON: how many in all, and the rest after the first few.
    api = client.get(f"/api/v1/leads/{lead_id}/suggestions", params={"limit": 50, "offset": 5})
    assert api.headers["X-Total-Count"] == "21"
    assert [s["name"] for s in api.json()["items"]] == [f"Fan {n:02}" for n in range(3, 19)]


def test_the_suggestions_api_pages_by_cursor_as_every_list_does(
    client: TestClient, session: Session, workspace: Workspace
):
    fans = _pricing_fans(session, workspace.id, 21)
    session.commit()
    lead_id = client.post("/api/v1/leads", json={"kind": "event", "title": "Pricing night",
                                                  "tags": ["pricing"]}).json()["id"]  # fmt: skip
    url = f"/api/v1/leads/{lead_id}/suggestions"
    first = client.get(url, params={"limit": 8}).json()
    assert [s["name"] for s in first["items"]] == ["Fan 20", "Fan 19"] + [
        f"Fan {n:02}" for n in range(6)
    ]
    assert first["prev"] is None
    second = client.get(url, params={"limit": 8, "after": first["next"]}).json()
    assert [s["name"] for s in second["items"]] == [f"Fan {n:02}" for n in range(6, 14)]
    last = client.get(url, params={"limit": 8, "after": second["next"]}).json()
    assert [s["name"] for s in last["items"]] == [f"Fan {n:02}" for n in range(14, 19)]
    assert last["next"] is None
    back = client.get(url, params={"limit": 8, "before": last["prev"]}).json()
    assert back == second
    assert client.get(url, params={"limit": 8, "before": second["prev"]}).json() == first
    # `offset` still works (for clients written before), and the same cursors follow it.
    skipped = client.get(url, params={"limit": 8, "offset": 8}).json()
    assert skipped["items"] == second["items"] and skipped["next"] == second["next"]
    both = client.get(url, params={"offset": 8, "after": first["next"]})
    assert both.status_code == 422
    assert both.json()["error"]["fields"][0]["field"] == "offset"
    # The person a cursor was made at gone since, the next page begins where they were.
    client.delete(f"/api/v1/people/{fans[5].id}")
    after_gone = client.get(url, params={"limit": 8, "after": first["next"]}).json()
    assert [s["name"] for s in after_gone["items"]] == [f"Fan {n:02}" for n in range(6, 14)]
    other = client.get(url, params={"after": encode_cursor(3, 1, list_name="tasks")})
    assert other.status_code == 422
    assert "from the tasks list" in other.json()["error"]["fields"][0]["message"]


def test_the_page_of_everyone_a_lead_fits_pages_fifty_at_a_time(
    client: TestClient, session: Session, workspace: Workspace
):
    _pricing_fans(session, workspace.id, 60)
    session.commit()
    ran = client.post("/api/v1/leads", json={"kind": "event", "title": "Pricing night",
                                             "tags": ["pricing"]}).json()  # fmt: skip
    passed = client.post(f"/api/v1/leads/{ran['id']}/pass-it-on").json()
    assert (len(passed["suggestions"]), passed["fits"]) == (5, 60)
    first = client.get(f"/leads/{ran['id']}", params={"fits": 1}).text
    assert "Fan 47" in first and "Fan 48" not in first
    assert f'href="/leads/{ran["id"]}?fits=2#everyone-h">Next page' in first
    second = client.get(f"/leads/{ran['id']}", params={"fits": 2}).text
    assert "Fan 48" in second and "Fan 57" in second and "Fan 47" not in second
    assert f'href="/leads/{ran["id"]}?fits=1#everyone-h">← Previous page' in second


def test_an_in_person_lead_goes_to_the_people_there_never_to_those_elsewhere():
    berlin = LeadFacts(kind="event", title="Meetup", tags=("pricing",), place="Berlin",
                       in_person=True)  # fmt: skip
    people_ = [
        Candidate(1, "Amy", location="Lyon, France", interests=("pricing",), closeness=5),
        Candidate(2, "Bea", interests=("pricing",), closeness=5),
        Candidate(3, "Cy", location="Greater Berlin Area", interests=("pricing",)),
        Candidate(4, "Dee", location="Berlin, Germany", interests=("cycling",)),
        Candidate(5, "Eve", location="Remote", interests=("pricing",)),
    ]
    found = best_matches(berlin, people_)
    assert [m.name for m in found] == ["Cy", "Bea", "Eve"]
    assert found[0].reason == "interested in pricing; in Berlin"
    assert found[0].reasons[0].phrase == "since you're interested in pricing"
    # Not in person (a talk streamed from Berlin, say): everyone it fits, wherever they are.
    online = replace(berlin, in_person=False)
    assert [m.name for m in best_matches(online, people_)] == ["Amy", "Bea", "Cy", "Eve"]


def test_a_lead_keeps_its_place_and_an_in_person_one_needs_one(
    client: TestClient, session: Session, workspace: Workspace
):
    f.person(session, workspace.id, "Ana Lima", location="Lisbon, Portugal", interests=["ux"])
    f.person(session, workspace.id, "Ben Ode", location="Berlin", interests=["ux"])
    session.commit()
    refused = client.post(
        "/leads", data={"kind": "event", "title": "UX night", "tags": "ux", "in_person": "1"}
    )
    assert refused.status_code == 422
    assert "Give the town or city, or untick In person." in refused.text
    saved = client.post("/leads", data={"kind": "event", "title": "UX night", "tags": "ux",
                                        "in_person": "1", "place": "Berlin"})  # fmt: skip
    assert "It fits 1 person." in saved.text
    assert "<dd>Berlin (in person)</dd>" in saved.text
    lead_id = int(str(saved.url).rsplit("/", 1)[-1])
    shown = client.get(f"/api/v1/leads/{lead_id}").json()
    assert (shown["place"], shown["in_person"]) == ("Berlin", True)
    assert [s["person_name"] for s in shown["shares"]] == ["Ben Ode"]
    form = client.get(f"/leads/{lead_id}/edit").text
    assert 'name="place" type="text" value="Berlin"' in form
    assert 'name="in_person" type="checkbox" value="1" checked' in form
    # Through the API: a place is one line, and in person needs one.
    api = "/api/v1/leads"
    bad = client.post(api, json={"kind": "event", "title": "X", "in_person": True})
    assert bad.status_code == 422 and "set in_person to false" in bad.text
    assert "untick" not in bad.text
    two_lines = client.post(api, json={"kind": "event", "title": "X", "place": "Berlin\nMitte"})
    assert two_lines.status_code == 422 and "A place is one line" in two_lines.text
    online = client.post(api, json={"kind": "event", "title": "X", "place": "Berlin"}).json()
    assert (online["place"], online["in_person"]) == ("Berlin", False)
