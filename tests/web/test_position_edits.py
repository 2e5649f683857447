"""A job changed in place, on the person's page and by the API: its title and dates, or
whether they still work there (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword import clock
from goodword.people import service as people
from goodword.people.models import Person, Position
from goodword.people.schemas import PersonCreate, PositionCreate
from goodword.workspaces.models import Workspace


def _jo(session: Session, workspace: Workspace) -> tuple[Person, Position, Position]:
    """Jo, a recruiter at Meta now, and a buyer at Metals Group before."""
    jo = people.create(session, workspace_id=workspace.id, data=PersonCreate(display_name="Jo"))
    meta = people.add_position(
        session, workspace_id=workspace.id, person_id=jo.id,
        data=PositionCreate(organization_name="Meta", title="Recruiter"),
    )  # fmt: skip
    metals = people.add_position(
        session, workspace_id=workspace.id, person_id=jo.id,
        data=PositionCreate(organization_name="Metals Group", title="Buyer", is_current=False),
    )  # fmt: skip
    session.commit()
    return jo, meta, metals


def _jobs(session: Session, jo: Person) -> list[tuple[str, str | None, bool, date | None]]:
    session.expire_all()
    mine = select(Position).where(Position.person_id == jo.id)
    rows = session.scalars(mine.order_by(Position.id))
    return [(p.organization.name, p.title, p.is_current, p.end_date) for p in rows]


def test_the_edit_form_holds_what_the_job_says(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    jo, meta, metals = _jo(session, workspace)
    page = client.get(f"/people/{jo.id}").text
    assert f'href="/people/{jo.id}/positions/{metals.id}/edit"' in page
    form = client.get(f"/people/{jo.id}/positions/{metals.id}/edit")
    assert form.status_code == 200
    assert "<h1>Edit a position</h1>" in form.text
    assert '<p class="muted">Jo: Buyer at Metals Group</p>' in form.text
    assert 'value="Metals Group"' in form.text and 'value="Buyer"' in form.text
    assert 'name="is_current" type="checkbox" value="1" >' in form.text  # not ticked
    ticked = client.get(f"/people/{jo.id}/positions/{meta.id}/edit").text
    assert 'name="is_current" type="checkbox" value="1" checked>' in ticked


def test_a_past_job_made_current_ends_the_one_now(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    jo, _, metals = _jo(session, workspace)
    response = client.post(
        f"/people/{jo.id}/positions/{metals.id}/edit",
        data={"organization_name": "Metals Group", "title": "Head Buyer", "is_current": "1"},
    )
    assert response.status_code == 200
    assert "Saved Head Buyer at Metals Group. Recruiter at Meta ended, as it came before." in (
        response.text
    )
    assert _jobs(session, jo) == [
        ("Meta", "Recruiter", False, None),
        ("Metals Group", "Head Buyer", True, None),
    ]


def test_a_past_job_ticked_current_beside_its_end_asks_which(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    jo, _, metals = _jo(session, workspace)
    response = client.post(
        f"/people/{jo.id}/positions/{metals.id}/edit",
        data={"organization_name": "Metals Group", "title": "Buyer", "end_date": "2020-05-01",
              "is_current": "1"},
    )  # fmt: skip
    assert response.status_code == 422
    assert (
        '<p class="error" id="e-end_date">They cannot work there now and have left: clear '
        "Ended, or untick the box.</p>"
    ) in response.text
    assert _jobs(session, jo)[1] == ("Metals Group", "Buyer", False, None)


def test_a_job_ended_on_the_form_keeps_its_end_and_ends_nothing_else(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    jo, meta, _ = _jo(session, workspace)
    client.post(
        f"/people/{jo.id}/positions/{meta.id}/edit",
        data={"organization_name": "Meta", "title": "Recruiter", "end_date": "2026-10-31",
              "is_current": "1"},
    )  # fmt: skip
    assert _jobs(session, jo) == [
        ("Meta", "Recruiter", False, date(2026, 10, 31)),
        ("Metals Group", "Buyer", False, None),
    ]


def test_a_wrong_edit_comes_back_with_what_was_typed_and_changes_nothing(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    jo, meta, _ = _jo(session, workspace)
    response = client.post(
        f"/people/{jo.id}/positions/{meta.id}/edit",
        data={"organization_name": "", "title": "Lead Recruiter", "start_date": "2025-05-01",
              "end_date": "2024-01-01"},
    )  # fmt: skip
    assert response.status_code == 422
    assert '<p class="error" id="e-end_date">This is before the day they started.</p>' in (
        response.text
    )
    assert '<p class="error" id="e-organization_name">Fill this in.</p>' in response.text
    assert 'value="Lead Recruiter"' in response.text
    assert _jobs(session, jo)[0] == ("Meta", "Recruiter", True, None)


def test_another_person_s_job_is_not_edited_through_this_one(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    jo, meta, _ = _jo(session, workspace)
    kim = people.create(session, workspace_id=workspace.id, data=PersonCreate(display_name="Kim"))
    session.commit()
    assert client.get(f"/people/{kim.id}/positions/{meta.id}/edit").status_code == 404
    changed = client.post(
        f"/people/{kim.id}/positions/{meta.id}/edit", data={"organization_name": "Elsewhere"}
    )
    assert changed.status_code == 404
    assert _jobs(session, jo)[0] == ("Meta", "Recruiter", True, None)


def test_the_api_replaces_a_job(client: TestClient, session: Session, workspace: Workspace) -> None:
    jo, _, metals = _jo(session, workspace)
    response = client.put(
        f"/api/v1/positions/{metals.id}",
        json={"organization_name": "Metals Group", "title": "Head Buyer",
              "start_date": "2026-09-01", "is_current": True},
    )  # fmt: skip
    assert response.status_code == 200
    assert response.json() == {
        "id": metals.id, "organization_id": metals.organization_id,
        "organization_name": "Metals Group", "title": "Head Buyer", "department": None,
        "start_date": "2026-09-01", "end_date": None, "start_precision": "day",
        "end_precision": None, "is_current": True, "organization_added": False,
        "did_you_mean": [],
    }  # fmt: skip
    # (Made current, it ends the job now elsewhere, with no end date made up for it.)
    assert _jobs(session, jo)[0] == ("Meta", "Recruiter", False, None)


def test_the_api_refuses_a_wrong_job_and_changes_nothing(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    jo, meta, _ = _jo(session, workspace)
    response = client.put(
        f"/api/v1/positions/{meta.id}",
        json={"title": "Lead", "organization_id": 999999, "is_current": True},
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == [
        {
            "field": "organization_id",
            "message": "No organization number 999999: it may have been deleted.",
        }
    ]
    missing = client.put(
        "/api/v1/positions/999999", json={"organization_name": "Meta", "is_current": True}
    )
    assert missing.status_code == 404
    # (Whether they work there now is said, never taken as yes: a past job renamed stays past.)
    unsaid = client.put(f"/api/v1/positions/{meta.id}", json={"organization_name": "Meta"})
    assert unsaid.status_code == 422
    assert [f["field"] for f in unsaid.json()["error"]["fields"]] == ["is_current"]
    assert _jobs(session, jo)[0] == ("Meta", "Recruiter", True, None)


def test_a_day_still_to_come_is_refused_for_a_job_that_has_ended(
    client: TestClient, session: Session, workspace: Workspace, monkeypatch
) -> None:
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 25, 9, 30, tzinfo=UTC))
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 25))
    jo, meta, metals = _jo(session, workspace)
    ended = client.post(
        f"/people/{jo.id}/positions/{meta.id}/edit",
        data={"organization_name": "Meta", "title": "Recruiter", "end_date": "2026-12-31"},
    )
    assert ended.status_code == 422
    assert (
        '<p class="error" id="e-end_date">That day is still to come: give the day the job '
        "ended, or leave the end empty while they still work there.</p>"
    ) in ended.text
    begun = client.post(
        f"/people/{jo.id}/positions/{metals.id}/edit",
        data={"organization_name": "Metals Group", "title": "Buyer", "start_date": "2027-01-01"},
    )
    assert begun.status_code == 422
    assert (
        '<p class="error" id="e-start_date">That day is still to come, and this job has ended: '
        "give the day it began, or tick Works there now.</p>"
    ) in begun.text
    api = client.put(
        f"/api/v1/positions/{metals.id}",
        json={"organization_name": "Metals Group", "start_date": "2027-01-01",
              "is_current": False},
    )  # fmt: skip
    assert api.status_code == 422
    assert [f["field"] for f in api.json()["error"]["fields"]] == ["start_date"]
    added = client.post(
        f"/api/v1/people/{jo.id}/positions",
        json={"organization_name": "Hooli", "end_date": "2026-11-26"},
    )
    assert [f["field"] for f in added.json()["error"]["fields"]] == ["end_date"]
    # A job taken that starts next month is theirs now: its start may be still to come.
    taken = client.post(
        f"/people/{jo.id}/positions/{metals.id}/edit",
        data={"organization_name": "Metals Group", "title": "Buyer", "start_date": "2027-01-01",
              "is_current": "1"},
    )  # fmt: skip
    assert taken.status_code == 200
    assert _jobs(session, jo) == [
        ("Meta", "Recruiter", False, None), ("Metals Group", "Buyer", True, None)
    ]  # fmt: skip


def test_the_edit_form_shows_a_date_known_only_as_a_month_or_year_as_it_is(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    jo, meta, metals = _jo(session, workspace)
    metals.start_date, metals.start_precision = date(2020, 1, 1), "month"
    metals.end_date, metals.end_precision = date(2022, 1, 1), "year"
    meta.start_date = date(2023, 4, 17)
    session.commit()

    form = client.get(f"/people/{jo.id}/positions/{metals.id}/edit").text

    assert 'name="start_date" type="text" value="2020-01"' in form
    assert 'name="end_date" type="text" value="2022"' in form
    assert "or the month or year alone if that is all you know: 2021-05-14, 2021-05" in form
    assert "Leave empty if they still work there" in form
    whole = client.get(f"/people/{jo.id}/positions/{meta.id}/edit").text
    assert 'name="start_date" type="text" value="2023-04-17"' in whole


def _dated(session: Session, jo: Person) -> list[tuple[str, str, str | None, str, str | None]]:
    session.expire_all()
    mine = select(Position).where(Position.person_id == jo.id).order_by(Position.id)
    return [
        (p.organization.name, str(p.start_date), p.start_precision, str(p.end_date),
         p.end_precision)
        for p in session.scalars(mine)
    ]  # fmt: skip


def test_a_job_known_only_as_a_month_or_year_is_added_and_edited_so(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    jo, _, metals = _jo(session, workspace)

    client.post(
        f"/people/{jo.id}/positions",
        data={"organization_name": "Kestrel Labs", "start_date": "2019", "end_date": "May 2021"},
    )
    client.post(
        f"/people/{jo.id}/positions/{metals.id}/edit",
        data={"organization_name": "Metals Group", "title": "Buyer", "start_date": "2016-03",
              "end_date": "2018-11-30"},
    )  # fmt: skip

    assert _dated(session, jo)[1:] == [
        ("Metals Group", "2016-03-01", "month", "2018-11-30", None),
        ("Kestrel Labs", "2019-01-01", "year", "2021-05-01", "month"),
    ]
    page = client.get(f"/people/{jo.id}").text
    assert "Mar 2016 \N{EN DASH} 30 Nov 2018" in page and "2019 \N{EN DASH} May 2021" in page
    # The form again, left as it is, keeps the month; its first day typed makes it a day.
    form = client.get(f"/people/{jo.id}/positions/{metals.id}/edit").text
    assert 'value="2016-03"' in form
    for typed, kept in (("2016-03", "month"), ("2016-03-01", None)):
        client.post(
            f"/people/{jo.id}/positions/{metals.id}/edit",
            data={"organization_name": "Metals Group", "title": "Buyer", "start_date": typed,
                  "end_date": "2018-11-30"},
        )  # fmt: skip
        assert _dated(session, jo)[1][1:3] == ("2016-03-01", kept)


def test_a_date_that_is_no_day_month_or_year_says_what_to_give(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    jo, meta, _ = _jo(session, workspace)
    for typed in ("spring 2021", "0000", "May 0000"):  # (there was no year 0)
        response = client.post(
            f"/people/{jo.id}/positions/{meta.id}/edit",
            data={"organization_name": "Meta", "title": "Recruiter", "start_date": typed,
                  "is_current": "1"},
        )  # fmt: skip
        assert response.status_code == 422
        assert (
            '<p class="error" id="e-start_date">Give a day, a month or a year, such as '
            "2021-05-14, 2021-05 or 2021.</p>"
        ) in response.text
        assert f'value="{typed}"' in response.text


def test_the_api_takes_a_month_or_year_as_it_gives_one(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    jo, meta, _ = _jo(session, workspace)

    added = client.post(
        f"/api/v1/people/{jo.id}/positions",
        json={"organization_name": "Kestrel Labs", "start_date": "2019-06", "end_date": "2021",
              "is_current": False},
    ).json()  # fmt: skip
    kept = {k: added[k] for k in ("start_date", "start_precision", "end_date", "end_precision")}
    assert kept == {"start_date": "2019-06-01", "start_precision": "month",
                    "end_date": "2021-01-01", "end_precision": "year"}  # fmt: skip
    # What it answers, sent back, keeps it so; a precision said with a day makes it its first.
    changed = client.put(
        f"/api/v1/positions/{meta.id}",
        json={"organization_name": "Meta", "title": "Recruiter", "start_date": "2024-03-17",
              "start_precision": "month", "is_current": True},
    ).json()  # fmt: skip
    assert (changed["start_date"], changed["start_precision"]) == ("2024-03-01", "month")
    again = client.put(
        f"/api/v1/positions/{added['id']}",
        json={"organization_name": "Kestrel Labs", "title": "Lead", "is_current": False,
              **{k: added[k] for k in kept}},
    ).json()  # fmt: skip
    assert {k: again[k] for k in kept} == kept


def test_a_job_it_ends_at_a_start_known_only_as_a_month_ends_in_that_month(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    jo, meta, _ = _jo(session, workspace)
    meta.start_date = date(2020, 1, 6)
    session.commit()

    client.post(
        f"/people/{jo.id}/positions", data={"organization_name": "Kestrel Labs",
                                            "start_date": "2024-05", "is_current": "1"},
    )  # fmt: skip

    assert _dated(session, jo)[0] == ("Meta", "2020-01-06", None, "2024-05-01", "month")
    assert "6 Jan 2020 \N{EN DASH} May 2024" in client.get(f"/people/{jo.id}").text
