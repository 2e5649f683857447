"""The path finder, the "ways in" panels and the network view, over a small real network."""

from __future__ import annotations

import html
import re
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

import factories as f
from goodword.connections import service as connections
from goodword.connections.models import ConnectionKind
from goodword.connections.schemas import ConnectionUpdate
from goodword.demo import build as build_demo
from goodword.organizations import service as organizations
from goodword.organizations.models import Organization
from goodword.organizations.schemas import OrganizationCreate
from goodword.people.models import PersonEmail
from goodword.workspaces.models import Workspace
from network_surfaces.network_data import TODAY, Net

HTMX = {"HX-Request": "true"}


def text(html: str) -> str:
    """The page's words, tags dropped and spaces squeezed, for checking what a reader sees."""
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    return words.replace("&#39;", "'").replace("&amp;", "&")


def chains(html: str) -> list[str]:
    """The numbered chains of the results, in order: "1. A → B → C"."""
    name = r"[A-Z]\w*(?: [A-Z]\w*)*"
    return re.findall(rf"\d+\. {name}(?: → {name})+", text(html))


def test_the_path_finder_shows_each_path_with_its_ties_explained(
    client: TestClient, net: Net
) -> None:
    page = client.get("/paths", params={"to_person_id": net.dana.id})
    assert page.status_code == 200
    words = text(page.text)
    assert "Ways in to Dana Li" in words
    assert chains(page.text)[:2] == [
        "1. Mara Castillo → Bo Jensen → Cy Okafor → Dana Li",
        "2. Mara Castillo → Eve Marsh → Dana Li",
    ]
    assert "3 meetings in the past year, last on 20 Oct" in words
    assert "you rate this tie 5 of 5 for closeness" in words
    assert "The strongest way in found." in words
    assert "Ranks below #1" in words
    assert "First ask: Ask Bo Jensen to put you in touch with Cy Okafor" in words
    # The draft is addressed to the first contact, ready to copy, open or download.
    assert "Bo Jensen &lt;bo@example.org&gt;" in page.text
    assert 'action="/messages/eml"' in page.text
    assert "mailto:bo@example.org?subject=" in page.text


def test_a_ways_in_draft_goes_to_the_first_contacts_own_address_and_says_why(
    client: TestClient, session: Session, net: Net
) -> None:
    # Bo's first address is labelled work; his second, home, is the one for a personal ask.
    net.bo.emails[0].label = "work"
    net.bo.emails.append(
        PersonEmail(
            workspace_id=net.bo.workspace_id, address="bo.jensen@home.example", label="home",
            position=1,
        )
    )  # fmt: skip
    session.flush()
    page = client.get("/paths", params={"to_person_id": net.dana.id})
    assert "Bo Jensen &lt;bo.jensen@home.example&gt;" in page.text
    assert "bo@example.org" not in page.text
    assert "To bo.jensen@home.example, of their 2 addresses: labelled home." in page.text
    api = client.get("/api/v1/paths", params={"to_person_id": net.dana.id}).json()
    draft = api["paths"][0]["first_ask"]["draft"]
    assert draft["to"] == ["bo.jensen@home.example"]
    assert draft["to_why"] == "To bo.jensen@home.example, of their 2 addresses: labelled home."


def test_a_deleted_connection_leaves_the_results_at_once(
    client: TestClient, session: Session, workspace: Any, net: Net
) -> None:
    before = client.get("/paths", params={"to_person_id": net.dana.id})
    assert "Bo Jensen → Cy Okafor" in text(before.text)
    connections.delete(session, workspace_id=workspace.id, connection_id=net.bo_cy.id)
    session.flush()
    after = client.get("/paths", params={"to_person_id": net.dana.id})
    assert "Bo Jensen → Cy Okafor" not in text(after.text)
    assert chains(after.text) == ["1. Mara Castillo → Eve Marsh → Dana Li"]


def test_an_edited_connection_changes_the_ranking(
    client: TestClient, session: Session, workspace: Any, net: Net
) -> None:
    for tie in f.ties_of(session, workspace_id=workspace.id, person_id=net.eve.id):
        connections.update(
            session,
            workspace_id=workspace.id,
            connection_id=tie.id,
            data=ConnectionUpdate(kind=ConnectionKind.FRIEND, closeness=5),
        )
    session.flush()
    page = client.get("/paths", params={"to_person_id": net.dana.id})
    assert chains(page.text)[0] == "1. Mara Castillo → Eve Marsh → Dana Li"
    assert "you rate this tie 5 of 5 for closeness; Friend" in text(page.text)


def test_entry_points_with_the_advice_call_when_nothing_reaches_the_target(
    client: TestClient, net: Net
) -> None:
    page = client.get("/paths", params={"to_person_id": net.zed.id})
    words = text(page.text)
    assert "No chain of up to three introductions reaches Zed Aalto yet" in words
    assert "Entry points" in words
    assert "1. Yan Moss Account Manager" in words
    assert "customer-facing role" in words
    assert "Advice call: Ask Yan Moss for twenty minutes of advice, not for a job." in words
    assert "First ask: Ask Bo Jensen to introduce you to Yan Moss" in words


def test_a_department_narrows_an_organization(client: TestClient, net: Net) -> None:
    page = client.get("/paths", params={"to_organization": "acme robotics"})
    assert chains(page.text)[0] == "1. Mara Castillo → Bo Jensen → Cy Okafor → Dana Li"
    sales = client.get("/paths", params={"to_organization": "Acme Robotics", "department": "sales"})
    words = text(sales.text)
    assert "Ways in to Acme Robotics (sales)" in words
    # Nobody reaches the salesperson; the head of product is the way into the building.
    assert "Entry points" in words
    assert "1. Dana Li Head of Product" in words


def test_the_path_finder_explains_a_bad_query_next_to_the_form(
    client: TestClient, net: Net
) -> None:
    both = client.get(
        "/paths", params={"to_person_id": net.dana.id, "opportunity_id": net.acme_job.id}
    )
    assert both.status_code == 422
    assert "Choose a person, an organization or an opportunity (just one)." in both.text
    assert 'name="to_person_id"' in both.text
    letters = client.get("/paths", params={"to_person_id": "dana"})
    assert letters.status_code == 422
    assert "Give a record number, such as 12." in letters.text
    blank = client.get("/paths")
    assert blank.status_code == 200
    assert "Find ways in" in blank.text
    assert "Ways in to" not in blank.text


def test_the_nav_links_to_the_path_finder(client: TestClient) -> None:
    page = client.get("/paths")
    assert '<a href="/paths" aria-current="page">Ways in</a>' in page.text


def test_the_opportunity_page_loads_its_ways_in_panel(client: TestClient, net: Net) -> None:
    page = client.get(f"/opportunities/{net.acme_job.id}")
    assert f'hx-get="/ways-in/panel?opportunity_id={net.acme_job.id}"' in page.text
    panel = client.get("/ways-in/panel", params={"opportunity_id": net.acme_job.id}, headers=HTMX)
    assert panel.status_code == 200
    assert "<html" not in panel.text
    assert chains(panel.text)[0] == "1. Mara Castillo → Bo Jensen → Cy Okafor → Dana Li"
    assert f'href="/paths?opportunity_id={net.acme_job.id}"' in panel.text
    assert panel.headers["Vary"] == "HX-Request"


def test_the_panel_targets_the_organization_when_no_hiring_manager_is_known(
    client: TestClient, session: Session, workspace: Any, net: Net
) -> None:
    unknown = f.opportunity(
        session, workspace.id, organization_name="Acme Robotics", role_title="Designer"
    )
    panel = client.get("/ways-in/panel", params={"opportunity_id": unknown.id}, headers=HTMX)
    words = text(panel.text)
    assert "Every way in to Acme Robotics" in words
    assert "Dana Li" in words


def test_the_organization_and_person_pages_carry_the_panel(client: TestClient, net: Net) -> None:
    org_id = net.acme_job.organization_id
    org_page = client.get(f"/organizations/{org_id}")
    assert f'hx-get="/ways-in/panel?organization_id={org_id}"' in org_page.text
    org_panel = client.get("/ways-in/panel", params={"organization_id": org_id}, headers=HTMX)
    assert "Every way in to Acme Robotics" in text(org_panel.text)
    assert chains(org_panel.text)[0].endswith("→ Dana Li")

    person_page = client.get(f"/people/{net.dana.id}")
    assert f'hx-get="/ways-in/panel?person_id={net.dana.id}"' in person_page.text
    assert f'href="/people/{net.dana.id}/network"' in person_page.text
    mine = client.get("/ways-in/panel", params={"person_id": net.me.id}, headers=HTMX)
    assert "This is you: paths start here." in text(mine.text)
    # The panel's styles are in each page's head, not in the middle of its body.
    for page in (org_page, person_page, client.get(f"/opportunities/{net.acme_job.id}")):
        head, _, body = page.text.partition("</head>")
        assert ".ways {" in head and "<style" not in body


def test_the_panel_without_javascript_is_a_whole_page(client: TestClient, net: Net) -> None:
    page = client.get("/ways-in/panel", params={"person_id": net.dana.id})
    assert page.status_code == 200
    assert "<html" in page.text
    assert "Ways in to Dana Li" in text(page.text)
    assert "Every way in to Dana Li, with draft messages" in text(page.text)


def test_the_panel_and_network_view_are_private_to_the_workspace(
    client: TestClient, session: Session, other_workspace: Any, net: Net
) -> None:
    stranger = f.person(session, other_workspace.id, "Charlie Stranger")
    job = f.opportunity(session, other_workspace.id, organization_name="Charlie Co")
    for params in (
        {"person_id": stranger.id},
        {"opportunity_id": job.id},
        {"organization_id": job.organization_id},
    ):
        assert client.get("/ways-in/panel", params=params, headers=HTMX).status_code == 404
    assert client.get(f"/people/{stranger.id}/network").status_code == 404
    assert client.get("/paths", params={"to_person_id": stranger.id}).status_code == 404


def test_the_network_view_lists_the_ties_strongest_first_without_javascript(
    client: TestClient, net: Net
) -> None:
    page = client.get(f"/people/{net.bo.id}/network")
    assert page.status_code == 200
    words = text(page.text)
    assert words.index("Mara Castillo 0.95") < words.index("Yan Moss Account Manager")
    assert words.index("Yan Moss") < words.index("Cy Okafor 0.30 Former colleague")
    assert "3 meetings in the past year, last on 20 Oct" in words
    assert "/static/vendor/cytoscape-3.34.4.min.js" in page.text
    assert f'data-person="{net.bo.id}"' in page.text
    script = client.get("/static/vendor/cytoscape-3.34.4.min.js")
    assert script.status_code == 200
    assert "cytoscape" in script.text[:2000].lower()


def test_the_demo_network_shows_ways_in_to_its_target_organizations(
    client: TestClient, session: Session, workspace: Any
) -> None:
    build_demo(session, workspace_id=workspace.id, today=TODAY)
    session.flush()
    for organization in ("Lumenfold Optics", "Jadeway Semiconductors"):
        page = client.get("/paths", params={"to_organization": organization})
        assert page.status_code == 200
        found = chains(page.text)
        assert found and found[0].startswith("1. Robin")
        assert "First ask:" in text(page.text)


def test_an_organization_called_by_a_number_is_that_organization_not_the_one_with_that_id(
    client: TestClient, session: Session, net: Net, workspace: Any
) -> None:
    from network_surfaces.network_data import job

    acme_id = net.acme_job.organization_id
    job(session, workspace.id, net.hal, str(acme_id), "Founder", "")
    f.connection(session, workspace.id, net.me, net.hal, kind="friend")
    named = session.scalars(select(Organization).where(Organization.name == str(acme_id))).one()
    panel = text(client.get("/ways-in/panel", params={"organization_id": named.id}).text)
    assert f"Ways in to {acme_id}" in panel and "Hal Ode" in panel and "Dana Li" not in panel
    found = chains(client.get("/paths", params={"to_organization": str(acme_id)}).text)
    assert found == ["1. Mara Castillo → Hal Ode"]
    # A number that names no organization still means the one with that id.
    borealis = net.borealis_job.organization_id
    assert "Ways in to Borealis Freight" in text(
        client.get("/paths", params={"to_organization": str(borealis)}).text
    )


def test_a_name_that_matches_no_organization_is_explained_beside_the_field(
    client: TestClient, net: Net
) -> None:
    page = client.get("/paths", params={"to_organization": "Stonechat"})
    assert page.status_code == 404
    words = text(page.text)
    assert "You have no organization called “Stonechat”; check the spelling." in words
    assert 'name="to_organization"' in page.text and 'value="Stonechat"' in page.text
    api = client.get("/api/v1/paths", params={"to_organization": "Stonechat"})
    assert api.status_code == 404 and "called “Stonechat”" in api.json()["error"]["message"]


def test_a_name_that_starts_an_organizations_name_is_offered_as_did_you_mean(
    client: TestClient, net: Net, session: Session, workspace: Workspace
) -> None:
    page = client.get("/paths", params={"to_organization": "Borealis", "department": "sales"})
    assert page.status_code == 404
    link = "/paths?to_organization=Borealis+Freight&amp;department=sales"
    assert (
        '<p class="error" id="e-to_organization">You have no organization called '
        f'“Borealis”. Did you mean <a href="{link}">Borealis Freight</a>?</p>'
    ) in page.text
    assert "Ways in to Borealis Freight" in text(client.get(html.unescape(link)).text)
    # A word inside a name, or in another name one goes by, is offered too; several, each.
    organizations.create(
        session,
        workspace_id=workspace.id,
        data=OrganizationCreate(name="Northwind", aliases=["Acme North"]),
    )
    page = client.get("/paths", params={"to_organization": "robot"}).text
    assert 'Did you mean <a href="/paths?to_organization=Acme+Robotics">Acme Robotics</a>?' in page
    page = client.get("/paths", params={"to_organization": "nort"}).text
    assert re.search(r"Did you mean <a [^>]+>Northwind</a>\?", page)
    page = client.get("/paths", params={"to_organization": "ac"}).text
    assert re.search(r"Did you mean <a [^>]+>Acme Robotics</a> or <a [^>]+>Northwind</a>\?", page)
    api = client.get("/api/v1/paths", params={"to_organization": "wind"})
    assert api.json()["error"]["message"] == (
        "You have no organization called “wind”. Did you mean “Northwind”?"
    )
