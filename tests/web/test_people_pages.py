"""People pages: list, search, detail, create, edit, delete, positions."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

import factories
from goodword.duplicates.models import DuplicateCandidate
from goodword.interactions import service as interactions
from goodword.interactions.models import InteractionKind
from goodword.interactions.schemas import InteractionCreate, ParticipantIn
from goodword.leads.models import Lead, LeadShare
from goodword.opportunities import service as opportunities
from goodword.opportunities.schemas import OpportunityCreate
from goodword.organizations import service as organizations
from goodword.organizations.schemas import OrganizationCreate
from goodword.people import service as people
from goodword.people.models import Person, Position
from goodword.people.schemas import PersonCreate, PositionCreate
from goodword.tasks import service as tasks
from goodword.tasks.models import TaskStatus
from goodword.tasks.schemas import TaskStatusChange
from goodword.workspaces.models import Workspace
from person_records import everything_of


def _person(session: Session, workspace: Workspace, name: str, **fields: Any) -> Person:
    return people.create(
        session, workspace_id=workspace.id, data=PersonCreate(display_name=name, **fields)
    )


def _count_people(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Person)) or 0


class QueryCounter:
    """Counts the SQL statements sent on one connection."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *args: Any) -> None:
        self.count += 1


@pytest.fixture
def queries(connection: Connection) -> Iterator[QueryCounter]:
    counter = QueryCounter()
    event.listen(connection, "before_cursor_execute", counter)
    yield counter
    event.remove(connection, "before_cursor_execute", counter)


def test_the_list_shows_name_workplace_location_and_tags(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    bob = _person(session, workspace, "Bob Brown", location="Leeds", tags=["mentor"])
    people.add_position(
        session,
        workspace_id=workspace.id,
        person_id=bob.id,
        data=PositionCreate(organization_name="Acme", title="Head of Sales"),
    )
    response = client.get("/people")
    assert response.status_code == 200
    assert f'<a href="/people/{bob.id}">Bob Brown</a>' in response.text
    assert "Head of Sales, <a href=" in response.text
    assert ">Acme</a>" in response.text
    assert "Leeds" in response.text
    assert '<span class="tag">mentor</span>' in response.text


def test_the_list_pages_with_a_cursor(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    for i in range(55):
        _person(session, workspace, f"Person {i:02d}")
    first = client.get("/people")
    assert "Person 49" in first.text and "Person 50" not in first.text
    cursor = first.text.split('rel="next" href="/people?after=')[1].split('"')[0]
    second = client.get(f"/people?after={cursor}")
    assert "Person 50" in second.text and "Person 54" in second.text
    assert "Person 49" not in second.text
    assert 'rel="next"' not in second.text


def test_a_damaged_cursor_is_a_clear_error(client: TestClient, workspace: Workspace) -> None:
    response = client.get("/people?after=not-a-cursor")
    assert response.status_code == 422
    assert "page link is damaged" in response.text


def test_the_list_does_not_query_once_per_person(
    client: TestClient, session: Session, workspace: Workspace, queries: QueryCounter
) -> None:
    def add(start: int, stop: int) -> None:
        for i in range(start, stop):
            person = _person(session, workspace, f"Person {i:02d}", emails=[f"p{i}@example.com"])
            people.add_position(
                session,
                workspace_id=workspace.id,
                person_id=person.id,
                data=PositionCreate(organization_name=f"Org {i}", title="Engineer"),
            )

    add(0, 3)
    queries.count = 0
    assert client.get("/people").status_code == 200
    with_three = queries.count
    add(3, 30)
    queries.count = 0
    response = client.get("/people")
    assert response.text.count('<a href="/people/') == 30
    assert queries.count == with_three
    assert queries.count < 20


def test_the_list_finds_people_with_q_and_serves_htmx_the_table_only(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    _person(session, workspace, "Alice Green")
    _person(session, workspace, "Bob Brown")
    organizations.create(session, workspace_id=workspace.id, data=OrganizationCreate(name="Greco"))
    full = client.get("/people", params={"q": "gre"})
    assert "Alice Green" in full.text and "Bob Brown" not in full.text
    assert "Greco" not in full.text
    assert "<h1>People</h1>" in full.text
    assert full.headers["vary"] == "HX-Request"
    partial = client.get("/people", params={"q": "bro"}, headers={"HX-Request": "true"})
    assert partial.text.lstrip().startswith('<div id="people-table">')
    assert "Bob Brown" in partial.text and "<h1>" not in partial.text


def test_a_search_that_finds_more_than_a_page_goes_on_to_the_next(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    for n in range(53):
        _person(session, workspace, f"Sam Smith{n:02d}" if n % 2 else f"Jo Smith{n:02d}")
    session.flush()
    first = client.get("/people", params={"q": "smith"})
    shown = set(re.findall(r">((?:Sam|Jo) Smith\d\d)<", first.text))
    assert len(shown) == 50
    (link,) = re.findall(r'href="(/people\?q=smith&amp;after=\d+)"', first.text)
    second = client.get(link.replace("&amp;", "&"))
    rest = set(re.findall(r">((?:Sam|Jo) Smith\d\d)<", second.text))
    assert len(rest) == 3 and not rest & shown
    assert "after=" not in second.text
    damaged = client.get("/people", params={"q": "smith", "after": "x"})
    assert damaged.status_code == 422


def test_a_two_letter_search_goes_on_to_the_next_page_a_to_z(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    names = [f"{given} Wu" for given in (f"{a}{b}" for a in "BDFHK" for b in "aeiouy")][:28]
    names += [f"Zed Wu{n:02d}" for n in range(25)]
    for name in reversed(names):  # (added Z to A: the list is A to Z all the same)
        _person(session, workspace, name)
    session.flush()
    seen: list[str] = []
    link: str | None = "/people?q=wu"
    while link:
        page = client.get(link.replace("&amp;", "&")).text
        seen += re.findall(r">([A-Z][a-z]+ Wu\d*)<", page)
        found = re.findall(r'href="(/people\?q=wu&amp;after=\d+)"', page)
        link = found[0] if found else None
    assert seen == sorted(names, key=str.casefold)


def test_creating_a_person_from_the_form(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    response = client.post(
        "/people",
        data={
            "display_name": "Carol Diaz",
            "emails": "carol@example.com\nCAROL@example.com\ncarol.d@example.org",
            "tags": "design, mentor",
            "interests": "cycling",
            "location": "Bristol",
            "how_we_met": "At the design meetup",
        },
    )
    assert response.status_code == 200
    carol = session.scalar(select(Person).where(Person.display_name == "Carol Diaz"))
    assert carol is not None
    assert str(response.url).endswith(f"/people/{carol.id}")
    assert "Added Carol Diaz." in response.text
    assert [e.address for e in carol.emails] == ["carol@example.com", "carol.d@example.org"]
    assert carol.tags == ["design", "mentor"]
    assert carol.interests == ["cycling"]
    assert "At the design meetup" in response.text


def test_an_invalid_person_form_comes_back_with_what_was_typed(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    response = client.post(
        "/people",
        data={"display_name": "Dan Evans", "emails": "dan@example.com\nnot an address"},
    )
    assert response.status_code == 422
    assert 'id="e-emails"' in response.text
    assert "dan@example.com\nnot an address</textarea>" in response.text
    assert 'value="Dan Evans"' in response.text
    assert _count_people(session) == 0


def test_a_person_form_without_a_name_points_at_the_name(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    response = client.post("/people", data={"location": "Leeds"})
    assert response.status_code == 422
    assert 'id="e-display_name"' in response.text
    assert 'value="Leeds"' in response.text
    assert _count_people(session) == 0


def test_the_detail_page_shows_everything_about_a_person(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    bob = _person(
        session,
        workspace,
        "Bob Brown",
        emails=["bob@example.com"],
        notes="Likes early calls",
        how_we_met="University",
        interests=["sailing"],
    )
    carol = _person(session, workspace, "Carol Diaz")
    people.add_position(
        session,
        workspace_id=workspace.id,
        person_id=bob.id,
        data=PositionCreate(organization_name="Acme", title="Director"),
    )
    interactions.create(
        session,
        workspace_id=workspace.id,
        data=InteractionCreate(
            occurred_at=datetime(2026, 2, 2, 10, tzinfo=UTC),
            kind=InteractionKind.MEETING,
            summary="Coffee about the sales team",
            participants=[ParticipantIn(person_id=bob.id), ParticipantIn(person_id=carol.id)],
        ),
    )
    job = opportunities.create(
        session,
        workspace_id=workspace.id,
        data=OpportunityCreate(
            organization_name="Acme", role_title="Account Manager", hiring_manager_id=bob.id
        ),
    )
    text = client.get(f"/people/{bob.id}").text
    assert "<h1>Bob Brown</h1>" in text
    assert 'href="mailto:bob@example.com"' in text
    assert "Likes early calls" in text and "University" in text and "sailing" in text
    assert "Director" in text
    assert "Coffee about the sales team" in text
    assert f'<a href="/people/{carol.id}">Carol Diaz</a>' in text
    assert f'<a href="/opportunities/{job.id}">Account Manager</a>' in text


def test_a_persons_page_lists_their_open_tasks_and_offers_to_add_one(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    bob = _person(session, workspace, "Bob Brown")
    carol = _person(session, workspace, "Carol Diaz")
    call = factories.task(
        session, workspace.id, "Call Bob about the sales team", person_id=bob.id,
        due_date=date(2026, 12, 1),
    )  # fmt: skip
    done = factories.task(session, workspace.id, "Thank Bob", person_id=bob.id)
    tasks.set_status(
        session,
        workspace_id=workspace.id,
        task_id=done.id,
        change=TaskStatusChange(status=TaskStatus.DONE),
    )
    factories.task(session, workspace.id, "Write to Carol", person_id=carol.id)

    text = client.get(f"/people/{bob.id}").text

    tasks_section = text[text.index('<h2 id="tasks-heading">Open tasks</h2>') :]
    tasks_section = tasks_section[: tasks_section.index("</section>")]
    assert f'<a href="/tasks/{call.id}">Call Bob about the sales team</a>' in tasks_section
    assert "due 1 Dec 2026" in tasks_section
    assert "Thank Bob" not in tasks_section and "Write to Carol" not in tasks_section
    assert f'href="/tasks/new?person_id={bob.id}">Add a task</a>' in text
    form = client.get(f"/tasks/new?person_id={bob.id}").text
    assert re.search(rf'<option value="{bob.id}" selected>Bob Brown</option>', form)
    assert "Write to Carol" in client.get(f"/people/{carol.id}").text
    dan = _person(session, workspace, "Dan Ek")
    assert "No open tasks about Dan Ek." in client.get(f"/people/{dan.id}").text


def test_editing_a_person_replaces_their_fields(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    bob = _person(session, workspace, "Bob Brown", tags=["old"], emails=["bob@example.com"])
    form = client.get(f"/people/{bob.id}/edit")
    assert form.status_code == 200
    assert 'value="Bob Brown"' in form.text
    assert "bob@example.com</textarea>" in form.text
    response = client.post(
        f"/people/{bob.id}",
        data={"display_name": "Robert Brown", "tags": "new, shiny", "emails": ""},
    )
    assert response.status_code == 200
    assert "Saved Robert Brown." in response.text
    session.expire_all()
    bob = people.get(session, workspace_id=workspace.id, person_id=bob.id)
    assert bob.display_name == "Robert Brown"
    assert bob.tags == ["new", "shiny"]
    assert bob.emails == []


class _Form(HTMLParser):
    """The values a browser would post from the page's first form that posts."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self._inside = self._done = False
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and not self._done:
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
        elif tag == "form" and self._inside:
            self._inside, self._done = False, True

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea] += data


def test_saving_the_edit_form_unchanged_changes_nothing(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    """Every field a person has is on the form: saving it as shown loses nothing (the
    birthday, which imports fill in, was not, and a save erased it)."""
    ada = _person(
        session, workspace, "Ada Lovelace", given_name="Ada", family_name="King",
        emails=["ada@example.org"], phones=["+44 20 7946 0001"], urls=["https://ada.example"],
        location="London", birthday=date(1815, 12, 10), notes="Engines.", how_we_met="A salon",
        # (A tag with a comma, as an imported label may be, though the form splits on them.)
        tags=["maths", "Stanford, class of 2012"], interests=["poetry, old and new"],
        keep_in_touch_days=30,
    )  # fmt: skip
    session.commit()
    before = people.to_read(ada).model_dump(exclude={"updated_at"})
    form = _Form()
    form.feed(client.get(f"/people/{ada.id}/edit").text)
    assert form.values["birthday"] == "1815-12-10"

    saved = client.post(f"/people/{ada.id}", data=form.values)

    assert saved.status_code == 200, saved.text
    assert "10 Dec 1815" in client.get(f"/people/{ada.id}").text
    session.expire_all()
    after = people.to_read(people.get(session, workspace_id=workspace.id, person_id=ada.id))
    assert after.model_dump(exclude={"updated_at"}) == before


def test_a_phone_extension_typed_in_the_form_is_kept_shown_and_dialled(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    form = client.get("/people/new").text
    assert "with its extension if it has one (ext. 12)" in form
    response = client.post(
        "/people",
        data={
            "display_name": "Ravi Shankar",
            "phones": "+1 415 555 0100 ext. 12\n(415) 555-0100 x34\ntel:+1-415-555-0100;ext=56",
        },
    )
    assert response.status_code == 200, response.text
    ravi = session.scalar(select(Person).where(Person.display_name == "Ravi Shankar"))
    assert ravi is not None
    numbers = ["+14155550100;ext=12", "+14155550100;ext=34", "+14155550100;ext=56"]
    assert [p.number for p in ravi.phones] == numbers
    assert '<a href="tel:+14155550100;ext=12">+1 415-555-0100 ext. 12</a>' in response.text
    assert '<a href="tel:+14155550100;ext=34">+1 415-555-0100 ext. 34</a>' in response.text
    # The edit form shows them as they read, and saving it as shown keeps them.
    edit = _Form()
    edit.feed(client.get(f"/people/{ravi.id}/edit").text)
    assert edit.values["phones"] == (
        "+1 415-555-0100 ext. 12\n+1 415-555-0100 ext. 34\n+1 415-555-0100 ext. 56"
    )
    assert client.post(f"/people/{ravi.id}", data=edit.values).status_code == 200
    session.expire_all()
    assert [p.number for p in people.get(session, workspace_id=workspace.id,
                                         person_id=ravi.id).phones] == numbers  # fmt: skip


def test_every_phone_line_that_cannot_be_read_is_named_in_one_message(
    client: TestClient, session: Session
) -> None:
    response = client.post(
        "/people",
        data={"display_name": "Ravi Shankar", "phones": "abc\n+1 415 555 0100\nxyz\n12\n555-0100"},
    )
    assert response.status_code == 422
    digits = (
        "Give a phone number in digits, such as +44 20 7946 0001 (an extension may follow, "
        "as in ext. 12)."
    )
    message = (
        f"'abc' (line 1) and 'xyz' (line 3): {digits} '12' (line 4): Give at least 3 "
        "characters. '555-0100' (line 5) is too short for a whole phone number (is its area "
        "code missing?); write it with its country and area code, such as +1 415 555 0100."
    )
    text = html.unescape(response.text)
    assert re.findall(r'<p class="error" id="e-phones">(.*?)</p>', text) == [message]
    # The list at the top of the form says the same.
    assert f'<a href="#f-phones">Phone numbers</a>: {message}</li>' in text
    assert _count_people(session) == 0


def test_a_number_kept_as_typed_is_shown_as_text_not_as_a_link(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    ada = _person(session, workspace, "Ada Lovelace", phones=["+44 20 7946 0001"])
    ada.phones[0].number = "ask the front desk"  # as an import keeps text it cannot read
    session.commit()
    text = client.get(f"/people/{ada.id}").text
    assert "<dd>ask the front desk</dd>" in text
    assert 'href="tel:' not in text


def test_an_invalid_edit_changes_nothing(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    bob = _person(session, workspace, "Bob Brown")
    response = client.post(
        f"/people/{bob.id}", data={"display_name": "Robert", "phones": "call me maybe"}
    )
    assert response.status_code == 422
    assert 'id="e-phones"' in response.text
    assert "call me maybe</textarea>" in response.text
    session.expire_all()
    assert people.get(session, workspace_id=workspace.id, person_id=bob.id).display_name == (
        "Bob Brown"
    )


def test_marking_a_second_person_as_me_is_refused_inline(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    _person(session, workspace, "Alice Green", is_me=True)
    bob = _person(session, workspace, "Bob Brown")
    response = client.post(f"/people/{bob.id}", data={"display_name": "Bob Brown", "is_me": "1"})
    assert response.status_code == 409
    assert "Another person is already marked as you." in response.text
    session.expire_all()
    assert not people.get(session, workspace_id=workspace.id, person_id=bob.id).is_me


def test_deleting_a_person_asks_first_then_deletes(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    bob = _person(session, workspace, "Bob Brown")
    confirm = client.get(f"/people/{bob.id}/delete")
    assert confirm.status_code == 200
    assert f'action="/people/{bob.id}/delete"' in confirm.text
    assert _count_people(session) == 1
    response = client.post(f"/people/{bob.id}/delete")
    assert response.status_code == 200
    assert str(response.url).endswith("/people")
    assert "Deleted Bob Brown." in response.text
    assert _count_people(session) == 0


def test_adding_and_removing_a_position(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    bob = _person(session, workspace, "Bob Brown")
    response = client.post(
        f"/people/{bob.id}/positions",
        data={
            "organization_name": "Initech",
            "title": "Engineer",
            "department": "Platform",
            "start_date": "2024-01-15",
            "is_current": "1",
        },
    )
    assert response.status_code == 200
    assert "Added the position at Initech." in response.text
    position = session.scalar(select(Position).where(Position.person_id == bob.id))
    assert position is not None
    assert (position.title, position.department, position.is_current) == (
        "Engineer",
        "Platform",
        True,
    )
    assert position.start_date is not None and position.start_date.isoformat() == "2024-01-15"
    # Remove asks first, as removing a person, an organization or a connection does.
    page = client.get(f"/people/{bob.id}").text
    remove = f'<a class="small" href="/people/{bob.id}/positions/{position.id}/delete"'
    assert remove in page
    assert f'action="/people/{bob.id}/positions/{position.id}/delete"' not in page
    asked = client.get(f"/people/{bob.id}/positions/{position.id}/delete")
    assert asked.status_code == 200
    assert "<h1>Remove Engineer at Initech (since 15 Jan 2024) from Bob Brown?</h1>" in asked.text
    assert f'<a href="/people/{bob.id}#positions">Keep it</a>' in asked.text
    assert session.scalar(select(func.count()).select_from(Position)) == 1
    response = client.post(f"/people/{bob.id}/positions/{position.id}/delete")
    assert response.status_code == 200
    assert "Removed Engineer at Initech (since 15 Jan 2024)." in response.text
    assert session.scalar(select(func.count()).select_from(Position)) == 0


def test_a_position_without_a_start_reads_without_a_dangling_dash(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    bob = _person(session, workspace, "Bob Brown")
    for title, current, end in (("Engineer", True, None), ("Analyst", False, date(2020, 5, 1))):
        people.add_position(
            session, workspace_id=workspace.id, person_id=bob.id,
            data=PositionCreate(organization_name="Initech", title=title, is_current=current,
                                end_date=end),
        )  # fmt: skip
    page = client.get(f"/people/{bob.id}").text
    cells = re.findall(r'<td data-label="When">(.*?)</td>', page)
    assert sorted(cells) == ["now", "until 1 May 2020"]


def test_an_invalid_position_comes_back_on_the_person_page(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    bob = _person(session, workspace, "Bob Brown")
    response = client.post(
        f"/people/{bob.id}/positions",
        data={"organization_name": "Initech", "start_date": "2024-05-01", "end_date": "2023-01-01"},
    )
    assert response.status_code == 422
    assert '<p class="error" id="e-end_date">This is before the day they started.</p>' in (
        response.text
    )
    assert 'value="Initech"' in response.text
    assert "<h1>Bob Brown</h1>" in response.text
    assert session.scalar(select(func.count()).select_from(Position)) == 0


def test_a_position_of_another_person_cannot_be_removed_through_this_one(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    bob = _person(session, workspace, "Bob Brown")
    carol = _person(session, workspace, "Carol Diaz")
    position = people.add_position(
        session,
        workspace_id=workspace.id,
        person_id=carol.id,
        data=PositionCreate(organization_name="Acme"),
    )
    asked = client.get(f"/people/{bob.id}/positions/{position.id}/delete")
    assert asked.status_code == 404
    response = client.post(f"/people/{bob.id}/positions/{position.id}/delete")
    assert response.status_code == 404
    assert session.scalar(select(func.count()).select_from(Position)) == 1


@pytest.mark.parametrize(
    ("method", "suffix"),
    [
        ("get", ""),
        ("get", "/edit"),
        ("get", "/delete"),
        ("post", ""),
        ("post", "/delete"),
        ("post", "/positions"),
    ],
)
def test_another_workspace_s_person_is_not_found(
    client: TestClient,
    session: Session,
    workspace: Workspace,
    other_workspace: Workspace,
    method: str,
    suffix: str,
) -> None:
    charlie = _person(session, other_workspace, "Charlie Secret")
    response = client.request(
        method, f"/people/{charlie.id}{suffix}", data={"display_name": "Taken over"}
    )
    assert response.status_code == 404
    assert "Charlie Secret" not in response.text
    session.expire_all()
    assert people.get(
        session, workspace_id=other_workspace.id, person_id=charlie.id
    ).display_name == ("Charlie Secret")


def test_an_unknown_person_is_a_404_page(client: TestClient, workspace: Workspace) -> None:
    response = client.get("/people/999999")
    assert response.status_code == 404
    assert "No person number 999999: they may have been deleted." in response.text
    assert "workspace" not in response.text


def test_the_list_never_shows_another_workspace_s_people(
    client: TestClient, session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    _person(session, workspace, "Alice Green")
    _person(session, other_workspace, "Charlie Secret")
    assert "Charlie Secret" not in client.get("/people").text
    assert "Charlie Secret" not in client.get("/people", params={"q": "charlie"}).text


def test_adding_someone_with_another_person_s_e_mail_says_so_and_queues_the_pair(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    alice = _person(session, workspace, "Alice Chen", emails=["alice@acme.example"])

    response = client.post(
        "/people", data={"display_name": "Alice  CHEN", "emails": "ALICE@acme.example"}
    )

    assert response.status_code == 200
    again = session.scalar(select(Person).where(Person.display_name == "Alice  CHEN"))
    assert again is not None
    assert str(response.url).endswith(f"/people/{again.id}")
    pair = session.scalar(select(DuplicateCandidate))
    assert pair is not None
    assert (pair.person_a_id, pair.person_b_id) == (alice.id, again.id)
    assert "Alice Chen already has the e-mail address alice@acme.example." in response.text
    assert f'<a href="/people/{alice.id}">Open Alice Chen</a>' in response.text
    assert f'<a href="/duplicates/{pair.id}">Review the pair' in response.text
    queue = client.get("/duplicates").text
    assert "Nothing to review" not in queue
    assert f"/duplicates/{pair.id}" in queue
    # Alice's page says it too, until the pair is decided.
    assert "Alice  CHEN already has the e-mail address" in client.get(f"/people/{alice.id}").text
    client.post(f"/duplicates/{pair.id}/not-same")
    assert "already has" not in client.get(f"/people/{alice.id}").text


def test_an_edit_giving_someone_another_person_s_phone_says_so(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    _person(session, workspace, "Ravi Shankar", phones=["+1 415 555 0100"])
    bob = _person(session, workspace, "Bob Brown")

    response = client.post(
        f"/people/{bob.id}", data={"display_name": "Bob Brown", "phones": "(415) 555-0100"}
    )

    assert response.status_code == 200
    assert "Saved Bob Brown." in response.text
    assert "Ravi Shankar already has the phone number +1 415-555-0100." in response.text
    assert session.scalar(select(func.count()).select_from(DuplicateCandidate)) == 1


def test_a_person_sharing_nothing_shows_no_duplicate_notice(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    _person(session, workspace, "Alice Chen", emails=["alice@acme.example"])

    response = client.post("/people", data={"display_name": "Alice Chen", "emails": "a@b.example"})

    assert response.status_code == 200
    assert "already has" not in response.text
    assert session.scalar(select(func.count()).select_from(DuplicateCandidate)) == 0


def test_the_delete_page_counts_everything_that_goes_with_them(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    bob = _person(session, workspace, "Bob Brown")
    carol = _person(session, workspace, "Carol Diaz")
    everything_of(session, workspace.id, bob, carol)
    session.commit()

    page = client.get(f"/people/{bob.id}/delete").text

    assert "takes them off <strong>1 interaction</strong>, which stay" in page
    assert "<li><strong>2 positions</strong> they held</li>" in page
    assert "<li><strong>1 connection</strong> with other people</li>" in page
    assert "<li>their reference record</li>" in page
    assert "<strong>1 referral ask</strong> made of them" in page
    assert "<strong>1 possible-duplicate pair</strong> they are in (waiting for your" in page
    assert "passing <strong>2 leads</strong> on to them (the leads stay)" in page
    assert "the record of <strong>1 merge</strong> of others into them, which could be" in page
    # The lead shares go with them; the leads stay.
    assert client.post(f"/people/{bob.id}/delete").status_code == 200
    assert session.scalar(select(func.count()).select_from(LeadShare)) == 0
    assert session.scalar(select(func.count()).select_from(Lead)) == 2
    assert session.scalar(select(func.count()).select_from(DuplicateCandidate)) == 0


def test_the_delete_page_of_someone_with_nothing_else_lists_nothing_else(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    bob = _person(session, workspace, "Bob Brown")
    session.commit()

    page = client.get(f"/people/{bob.id}/delete").text

    assert 'id="also-deleted"' not in page
    assert "This removes Bob Brown.</p>" in page


def test_a_position_dated_in_a_mistyped_year_comes_back_beside_its_date(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    bob = _person(session, workspace, "Bob Brown")
    response = client.post(
        f"/people/{bob.id}/positions",
        data={"organization_name": "Initech", "start_date": "0202-05-01"},
    )
    assert response.status_code == 422
    assert (
        '<p class="error" id="e-start_date">Give a date from 1900 to 2199: is the year right?</p>'
        in response.text
    )
    assert session.scalar(select(func.count()).select_from(Position)) == 0


def test_the_person_page_shows_each_address_and_numbers_label(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    from goodword.importers.records import Upload
    from goodword.importers.service import import_files

    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
        "EMAIL;TYPE=WORK:ada@engines.example\r\nEMAIL:ada@home.example\r\n"
        "item1.TEL:+44 20 7946 0001\r\nitem1.X-ABLabel:Personal\\, old\r\n"
        "URL;TYPE=blog:https://ada.example\r\nEND:VCARD\r\n"
    )
    import_files(
        session, workspace_id=workspace.id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload("ada.vcf", card.encode())],
    )  # fmt: skip
    ada = session.scalars(select(Person).where(Person.display_name == "Ada Lovelace")).one()
    page = client.get(f"/people/{ada.id}").text
    assert 'ada@engines.example</a> <span class="muted small">work</span>' in page
    assert re.search(r"ada@home.example</a>(?! <span)", page)  # (no label, none shown)
    assert '</a> <span class="muted small">Personal, old</span>' in page
    assert 'https://ada.example</a> <span class="muted small">blog</span>' in page


def test_the_person_page_says_who_wrote_each_message(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    ben = factories.person(session, workspace.id, "Ben Ortiz")
    chen = factories.person(session, workspace.id, "Chen Wei")
    for direction, who, writer in (
        ("outbound", [ben], None),
        ("inbound", [ben], None),
        ("inbound", [ben, chen], chen),
        ("inbound", [ben, chen], None),
    ):
        factories.interaction(
            session, workspace.id, kind="message", direction=direction,
            writer_id=writer.id if writer else None,
            participants=[{"person_id": p.id} for p in who],
        )  # fmt: skip
    page = client.get(f"/people/{ben.id}").text
    said = re.findall(r">Message</a>(, from [^<\n]*)", page)
    assert sorted(said) == sorted(
        [", from you", ", from Ben Ortiz", ", from Chen Wei", ", from one of them"]
    )


@pytest.mark.parametrize(
    ("sent_to", "page"),
    [
        ("/people/{id}/positions", "/people/{id}"),
        ("/leads/shares/3", "/leads"),
        ("/import/preview", "/import"),
    ],
)
def test_a_form_s_address_opened_again_goes_to_the_page_it_is_on(
    client: TestClient, session: Session, workspace: Workspace, sent_to: str, page: str
) -> None:
    bob = _person(session, workspace, "Bob Brown")
    response = client.get(sent_to.format(id=bob.id), follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == page.format(id=bob.id)
    assert client.get(sent_to.format(id=bob.id)).status_code == 200


def test_a_birthday_without_its_year_is_typed_shown_and_saved_again_unchanged(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    typed = {"display_name": "Ada Lovelace", "birthday_no_year": "10 Dec"}
    added = client.post("/people", data=typed)
    ada = session.scalars(select(Person).where(Person.display_name == "Ada Lovelace")).one()
    form = _Form()
    form.feed(client.get(f"/people/{ada.id}/edit").text)
    saved = client.post(f"/people/{ada.id}", data=form.values)
    wrong = client.post(f"/people/{ada.id}", data={**form.values, "birthday_no_year": "31 Feb"})

    assert added.status_code == 200, added.text
    assert form.values["birthday_no_year"] == "10 December"
    assert saved.status_code == 200, saved.text
    assert "<dt>Birthday</dt><dd>10 December</dd>" in client.get(f"/people/{ada.id}").text
    assert wrong.status_code == 422
    assert "Give the day and month, such as 12 April or --04-12." in wrong.text
    session.expire_all()
    assert (ada.birthday, ada.birthday_no_year) == (None, "--12-10")
