"""Saving a person through the API or the edit form, which send bare e-mails, phones and web
addresses, keeps each one still given as it was (its label, a web address's kind, its row);
new ones are added, removed ones go, and the order is the one given (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.importers.records import Upload
from goodword.importers.service import import_files
from goodword.people import service as people
from goodword.people.models import Person
from goodword.search import service as search
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)
# A Google Contacts export: every e-mail, phone and website labelled.
GOOGLE_CSV = (
    "First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,"
    "Website 1 - Label,Website 1 - Value,Website 2 - Label,Website 2 - Value\r\n"
    "Anita,Nayak,Home,anita.n@gmail.example,Other,nayak.anita@proton.example,"
    "Mobile,+1 512 555 0101,Work,+1 512 555 0199 ext. 42,"
    "Blog,https://anita.example/blog,Profile,https://www.linkedin.com/in/anitanayak\r\n"
)


def anita(session: Session, workspace: Workspace) -> Person:
    """Import the labelled contact, commit it (as an import does) and return her."""
    import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[Upload("contacts.csv", GOOGLE_CSV.encode())],
        today=TODAY,
    )
    session.commit()
    return session.scalars(select(Person).where(Person.workspace_id == workspace.id)).one()


def details(session: Session, person_id: int) -> dict[str, list[tuple[Any, ...]]]:
    """The person's stored rows as (id, value, label[, kind]), in their order."""
    session.expire_all()
    person = session.get_one(Person, person_id)
    return {
        "emails": [(e.id, e.address, e.label) for e in person.emails],
        "phones": [(p.id, p.number, p.label) for p in person.phones],
        "urls": [(u.id, u.url, u.label, u.kind) for u in person.urls],
    }


def labels(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The rows without their ids."""
    return [row[1:] for row in rows]


def test_the_import_labels_every_detail(session: Session, workspace: Workspace) -> None:
    person = anita(session, workspace)

    assert {k: labels(v) for k, v in details(session, person.id).items()} == {
        "emails": [("anita.n@gmail.example", "home"), ("nayak.anita@proton.example", "other")],
        "phones": [("+15125550101", "mobile"), ("+15125550199;ext=42", "work")],
        "urls": [
            ("https://anita.example/blog", "blog", "web"),
            ("https://www.linkedin.com/in/anitanayak", "LinkedIn", "linkedin"),
        ],
    }


def test_saving_unchanged_through_the_api_keeps_every_row(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    person = anita(session, workspace)
    before = details(session, person.id)
    shown = client.get(f"/api/v1/people/{person.id}").json()
    read_only = ("id", "positions", "created_at", "updated_at")
    body = {k: v for k, v in shown.items() if k not in read_only}

    response = client.put(f"/api/v1/people/{person.id}", json=body)

    assert response.status_code == 200, response.text
    assert details(session, person.id) == before


def test_an_api_save_keeps_the_rows_still_given_adds_new_ones_and_drops_the_rest(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    person = anita(session, workspace)
    before = details(session, person.id)
    (gmail_id, *_), (proton_id, *_) = before["emails"]
    (blog_id, *_), (linkedin_id, *_) = before["urls"]

    response = client.put(
        f"/api/v1/people/{person.id}",
        json={
            "display_name": "Anita Nayak",
            # Gmail dropped, a new one first, Proton written otherwise.
            "emails": ["anita@kestrel.example", "Nayak.Anita@Proton.example"],
            # Written as a person types them, the work number first.
            "phones": ["(512) 555-0199 x42", "+1 512-555-0101"],
            "urls": ["linkedin.com/in/AnitaNayak/", "https://anita.example/blog"],
        },
    )

    assert response.status_code == 200, response.text
    after = details(session, person.id)
    new_id = after["emails"][0][0]
    assert after["emails"] == [
        (new_id, "anita@kestrel.example", None),
        (proton_id, "nayak.anita@proton.example", "other"),
    ]
    assert new_id not in (gmail_id, proton_id)
    assert after["phones"] == [before["phones"][1], before["phones"][0]]
    assert after["urls"] == [
        (linkedin_id, "https://www.linkedin.com/in/anitanayak", "LinkedIn", "linkedin"),
        (blog_id, "https://anita.example/blog", "blog", "web"),
    ]
    # The search document is rebuilt with the new address and without the dropped one.
    (hit,) = search.search(session, workspace_id=workspace.id, query="nayak")
    assert "anita@kestrel.example" in hit.body
    assert "gmail" not in hit.body


class _Form(HTMLParser):
    """The values a browser would post from the edit page's form."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self._inside = False
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and not self.values:
            self._inside = a.get("method", "").lower() == "post"
        if not self._inside or "name" not in a:
            return
        if tag == "textarea":
            self._textarea = a["name"]
            self.values[a["name"]] = ""
        elif tag == "input" and a.get("type") == "checkbox":
            if "checked" in a:
                self.values[a["name"]] = a.get("value", "on")
        elif tag == "input" and a.get("type") != "submit":
            self.values[a["name"]] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea] += data


def test_editing_the_notes_in_the_form_keeps_every_label(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    person = anita(session, workspace)
    before = details(session, person.id)
    form = _Form()
    form.feed(client.get(f"/people/{person.id}/edit").text)
    assert form.values["phones"] == "+1 512-555-0101\n+1 512-555-0199 ext. 42"

    saved = client.post(f"/people/{person.id}", data={**form.values, "notes": "Called today."})

    assert saved.status_code == 200, saved.text
    assert details(session, person.id) == before
    assert people.get(session, workspace_id=workspace.id, person_id=person.id).notes == (
        "Called today."
    )
