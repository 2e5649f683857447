"""A person added by hand with a whole name alone gets its given and family names, on the
form and through the API (`goodword person add`: tests/cli/test_cli_person_edit.py); one
given in parts is kept."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.people.models import Person


def _parts(session: Session, name: str) -> tuple[str | None, str | None]:
    person = session.scalars(select(Person).where(Person.display_name == name)).one()
    return person.given_name, person.family_name


def test_the_form_and_the_api_split_a_whole_name(client: TestClient, session: Session) -> None:
    client.post("/people", data={"display_name": "Alex Walker"})
    client.post("/api/v1/people", json={"display_name": "Jane van der Berg"})
    client.post("/api/v1/people", json={"display_name": "Sam Lee", "given_name": "Samuel"})
    client.post("/api/v1/people", json={"display_name": "Prince"})

    assert _parts(session, "Alex Walker") == ("Alex", "Walker")
    assert _parts(session, "Jane van der Berg") == ("Jane", "van der Berg")
    assert _parts(session, "Sam Lee") == ("Samuel", None)
    assert _parts(session, "Prince") == (None, None)
    # Filed by family name: Walker after van der Berg and before a name with none.
    names = [p["display_name"] for p in client.get("/api/v1/people").json()["items"]]
    assert names.index("Jane van der Berg") < names.index("Alex Walker")
