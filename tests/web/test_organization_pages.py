"""Organization pages: list, search, detail with its people, create, edit, delete."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from goodword.opportunities import service as opportunities
from goodword.opportunities.models import Opportunity
from goodword.opportunities.schemas import OpportunityCreate
from goodword.organizations import service as organizations
from goodword.organizations.models import Organization
from goodword.organizations.schemas import OrganizationCreate
from goodword.people import service as people
from goodword.people.models import Position
from goodword.people.schemas import PersonCreate, PositionCreate
from goodword.workspaces.models import Workspace


def _organization(session: Session, workspace: Workspace, name: str, **fields: Any) -> Organization:
    return organizations.create(
        session, workspace_id=workspace.id, data=OrganizationCreate(name=name, **fields)
    )


def _count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Organization)) or 0


def test_the_list_shows_each_organization(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    acme = _organization(session, workspace, "Acme", location="Leeds", domains=["acme.example"])
    response = client.get("/organizations")
    assert response.status_code == 200
    assert f'<a href="/organizations/{acme.id}">Acme</a>' in response.text
    assert "Leeds" in response.text and "acme.example" in response.text


def test_the_list_pages_with_a_cursor(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    for i in range(52):
        _organization(session, workspace, f"Company {i:02d}")
    first = client.get("/organizations")
    assert "Company 49" in first.text and "Company 50" not in first.text
    cursor = first.text.split('rel="next" href="/organizations?after=')[1].split('"')[0]
    second = client.get(f"/organizations?after={cursor}")
    assert "Company 50" in second.text and "Company 51" in second.text
    assert "Company 49" not in second.text


def test_the_list_finds_organizations_with_q_and_serves_htmx_the_table_only(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    _organization(session, workspace, "Initech", aliases=["Initrode"])
    _organization(session, workspace, "Globex")
    people.create(session, workspace_id=workspace.id, data=PersonCreate(display_name="Ini Person"))
    full = client.get("/organizations", params={"q": "initrode"})
    assert "Initech" in full.text and "Globex" not in full.text
    assert full.headers["vary"] == "HX-Request"
    partial = client.get("/organizations", params={"q": "ini"}, headers={"HX-Request": "true"})
    assert partial.text.lstrip().startswith('<div id="organizations-table">')
    assert "Initech" in partial.text and "Ini Person" not in partial.text


def test_creating_an_organization_from_the_form(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    response = client.post(
        "/organizations",
        data={
            "name": "Umbrella",
            "aliases": "Umbrella Corp\nUmbrella Corporation",
            "domains": "umbrella.example, Umbrella.test",
            "location": "Raccoon City",
            "notes": "Avoid the basement.",
        },
    )
    assert response.status_code == 200
    umbrella = organizations.find_by_name(session, workspace_id=workspace.id, name="umbrella")
    assert umbrella is not None
    assert str(response.url).endswith(f"/organizations/{umbrella.id}")
    assert "Added Umbrella." in response.text
    assert umbrella.aliases == ["Umbrella Corp", "Umbrella Corporation"]
    assert umbrella.domains == ["umbrella.example", "umbrella.test"]
    assert "Avoid the basement." in response.text


def test_an_invalid_organization_form_comes_back_with_what_was_typed(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    response = client.post(
        "/organizations", data={"name": "", "domains": "not a domain", "location": "Paris"}
    )
    assert response.status_code == 422
    assert 'id="e-name"' in response.text
    assert 'id="e-domains"' in response.text
    assert "not a domain</textarea>" in response.text
    assert 'value="Paris"' in response.text
    assert _count(session) == 0


def test_a_taken_name_is_refused_inline(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    _organization(session, workspace, "Acme")
    response = client.post("/organizations", data={"name": " ACME "})
    assert response.status_code == 409
    assert 'id="e-name"' in response.text
    assert "An organization with this name exists" in response.text
    assert _count(session) == 1


def test_the_detail_page_shows_people_now_people_before_and_opportunities(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    acme = _organization(session, workspace, "Acme")
    now = people.create(session, workspace_id=workspace.id, data=PersonCreate(display_name="Nia"))
    before = people.create(
        session, workspace_id=workspace.id, data=PersonCreate(display_name="Omar")
    )
    people.add_position(
        session,
        workspace_id=workspace.id,
        person_id=now.id,
        data=PositionCreate(organization_id=acme.id, title="Sales Lead"),
    )
    people.add_position(
        session,
        workspace_id=workspace.id,
        person_id=before.id,
        data=PositionCreate(organization_id=acme.id, title="Analyst", is_current=False),
    )
    job = opportunities.create(
        session,
        workspace_id=workspace.id,
        data=OpportunityCreate(organization_id=acme.id, role_title="Product Manager"),
    )
    text = client.get(f"/organizations/{acme.id}").text
    current = text.split('id="people-now"')[1].split("</section>")[0]
    former = text.split('id="people-before"')[1].split("</section>")[0]
    assert f'<a href="/people/{now.id}">Nia</a> · Sales Lead' in current
    assert "Omar" not in current
    assert f'<a href="/people/{before.id}">Omar</a> · Analyst' in former
    assert f'<a href="/opportunities/{job.id}">Product Manager</a>' in text


def test_editing_an_organization(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    acme = _organization(session, workspace, "Acme", aliases=["ACME Ltd"])
    form = client.get(f"/organizations/{acme.id}/edit")
    assert 'value="Acme"' in form.text and "ACME Ltd</textarea>" in form.text
    assert "Typed anywhere, each finds this organization." in form.text
    response = client.post(f"/organizations/{acme.id}", data={"name": "Acme Group"})
    assert response.status_code == 200
    assert "Saved Acme Group." in response.text
    session.expire_all()
    acme = organizations.get(session, workspace_id=workspace.id, organization_id=acme.id)
    assert acme.name == "Acme Group"
    assert acme.aliases == []


def test_an_invalid_edit_changes_nothing(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    acme = _organization(session, workspace, "Acme")
    response = client.post(f"/organizations/{acme.id}", data={"name": "   "})
    assert response.status_code == 422
    assert 'id="e-name"' in response.text
    session.expire_all()
    assert organizations.get(session, workspace_id=workspace.id, organization_id=acme.id).name == (
        "Acme"
    )


def test_deleting_an_organization_asks_first_then_deletes_with_its_positions(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    acme = _organization(session, workspace, "Acme")
    nia = people.create(session, workspace_id=workspace.id, data=PersonCreate(display_name="Nia"))
    people.add_position(
        session,
        workspace_id=workspace.id,
        person_id=nia.id,
        data=PositionCreate(organization_id=acme.id),
    )
    confirm = client.get(f"/organizations/{acme.id}/delete")
    assert f'action="/organizations/{acme.id}/delete"' in confirm.text
    response = client.post(f"/organizations/{acme.id}/delete")
    assert response.status_code == 200
    assert "Deleted Acme." in response.text
    assert _count(session) == 0
    assert session.scalar(select(func.count()).select_from(Position)) == 0
    assert people.count(session, workspace_id=workspace.id) == 1


def test_an_organization_with_opportunities_is_not_deleted_and_says_why(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    acme = _organization(session, workspace, "Acme")
    opportunities.create(
        session,
        workspace_id=workspace.id,
        data=OpportunityCreate(organization_id=acme.id, role_title="Engineer"),
    )
    response = client.post(f"/organizations/{acme.id}/delete")
    assert response.status_code == 409
    assert "Acme was not deleted." in response.text
    assert "has 1 opportunity" in response.text
    assert _count(session) == 1


@pytest.mark.parametrize(
    ("method", "suffix"),
    [
        ("get", ""),
        ("get", "/edit"),
        ("get", "/delete"),
        ("post", ""),
        ("post", "/delete"),
        ("post", "/other-names"),
    ],
)
def test_another_workspace_s_organization_is_not_found(
    client: TestClient,
    session: Session,
    workspace: Workspace,
    other_workspace: Workspace,
    method: str,
    suffix: str,
) -> None:
    secret = _organization(session, other_workspace, "Charlie Corp")
    response = client.request(
        method, f"/organizations/{secret.id}{suffix}", data={"name": "Taken over"}
    )
    assert response.status_code == 404
    assert "Charlie Corp" not in response.text
    session.expire_all()
    assert (
        organizations.get(session, workspace_id=other_workspace.id, organization_id=secret.id).name
        == "Charlie Corp"
    )


def test_an_unknown_organization_is_a_404_page(client: TestClient, workspace: Workspace) -> None:
    response = client.get("/organizations/424242")
    assert response.status_code == 404
    assert "No organization number 424242" in response.text


def test_a_position_typed_with_another_name_goes_to_that_organization(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    acme = _organization(session, workspace, "Acme Robotics", aliases=["Acme", "Acme Inc."])
    alice = people.create(
        session, workspace_id=workspace.id, data=PersonCreate(display_name="Alice Chen")
    )
    response = client.post(
        f"/people/{alice.id}/positions", data={"organization_name": "acme", "is_current": "1"}
    )
    assert response.status_code == 200
    assert "Added the position at Acme Robotics." in response.text
    assert _count(session) == 1
    page = client.get(f"/organizations/{acme.id}").text
    assert f'<a href="/people/{alice.id}">Alice Chen</a>' in page.split('id="people-now"')[1]


def test_an_opportunity_typed_with_another_name_goes_to_that_organization(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    acme = _organization(session, workspace, "Acme Robotics", aliases=["Acme Inc."])
    client.post(
        "/opportunities",
        data={"organization_name": "ACME INC.", "role_title": "Analyst", "stage": "target"},
    )
    assert _count(session) == 1
    assert session.scalars(select(Opportunity.organization_id)).all() == [acme.id]


def test_another_name_taken_by_another_organization_is_refused_inline(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    _organization(session, workspace, "Globex", aliases=["Globex Corp"])
    acme = _organization(session, workspace, "Acme Robotics")
    response = client.post(
        f"/organizations/{acme.id}", data={"name": "Acme Robotics", "aliases": "Acme\nglobex corp"}
    )
    assert response.status_code == 409
    error = response.text.split('id="e-aliases"')[1].split("</p>")[0]
    assert "“globex corp” is another name of Globex." in error and "(id" not in error
    assert "globex corp</textarea>" in response.text
    session.expire_all()
    assert (
        organizations.get(session, workspace_id=workspace.id, organization_id=acme.id).aliases == []
    )


def test_a_new_organization_named_like_another_s_other_name_is_refused_inline(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    _organization(session, workspace, "Acme Robotics", aliases=["Acme"])
    response = client.post("/organizations", data={"name": "acme"})
    assert response.status_code == 409
    error = response.text.split('id="e-name"')[1].split("</p>")[0]
    assert "Acme Robotics goes by this name" in error and "(id" not in error
    assert _count(session) == 1


def test_a_new_organization_named_like_another_but_for_its_legal_form_is_refused_with_an_offer(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    acme = _organization(session, workspace, "Acme")
    session.commit()

    response = client.post("/organizations", data={"name": "Acme Inc."})

    assert response.status_code == 409
    error = response.text.split('id="e-name"')[1].split("</p>")[0]
    assert "Acme goes by this name but for its legal form" in error and "(id" not in error
    offer = response.text.split('id="other-name-offer"')[1].split("</form>")[0]
    assert f'<a href="/organizations/{acme.id}">Acme</a>' in offer
    assert 'name="name" value="Acme Inc."' in offer
    assert _count(session) == 1

    taken = client.post(f"/organizations/{acme.id}/other-names", data={"name": "Acme Inc."})

    assert taken.status_code == 200
    assert "Added “Acme Inc.” to the other names of Acme." in taken.text
    session.expire_all()
    assert organizations.get(
        session, workspace_id=workspace.id, organization_id=acme.id
    ).aliases == ["Acme Inc."]


def test_another_name_it_already_goes_by_is_said_to_be_known(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    acme = _organization(session, workspace, "Acme")
    session.commit()

    client.post(f"/organizations/{acme.id}/other-names", data={"name": "Acme Inc."})
    again = client.post(f"/organizations/{acme.id}/other-names", data={"name": "ACME INC."})

    assert again.status_code == 200
    assert "Acme already goes by “ACME INC.”; nothing to add." in again.text
    assert "Added" not in again.text
    session.expire_all()
    assert organizations.get(
        session, workspace_id=workspace.id, organization_id=acme.id
    ).aliases == ["Acme Inc."]


def test_another_name_taken_elsewhere_comes_back_on_the_edit_form(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    acme = _organization(session, workspace, "Acme")
    _organization(session, workspace, "Globex")
    session.commit()

    response = client.post(f"/organizations/{acme.id}/other-names", data={"name": "globex"})

    assert response.status_code == 409
    assert "“globex” is the name of Globex" in response.text
    assert "globex</textarea>" in response.text
