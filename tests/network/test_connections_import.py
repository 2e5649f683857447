"""Edge-list import: keys find or create people, duplicates are skipped, bad files add nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import factories as f
from goodword.connections.models import Connection, ConnectionKind
from goodword.errors import InvalidInput
from goodword.network import service
from goodword.people.models import Person
from goodword.workspaces.models import Workspace


def ties(session: Session, workspace_id: int) -> list[tuple[str, str, str, int | None]]:
    a, b = Person.__table__.alias("a"), Person.__table__.alias("b")
    rows = session.execute(
        select(a.c.display_name, b.c.display_name, Connection.kind, Connection.closeness)
        .join(a, a.c.id == Connection.person_a_id)
        .join(b, b.c.id == Connection.person_b_id)
        .where(Connection.workspace_id == workspace_id)
        .order_by(Connection.id)
    ).all()
    return [(x, y, k.value, c) for x, y, k, c in rows]


def load(session: Session, workspace_id: int, text: str):
    return service.connections_import(
        session, workspace_id=workspace_id, path_or_file=io.StringIO(text)
    )


def test_it_matches_people_by_email_url_and_id_and_creates_the_rest(
    session: Session, workspace: Workspace
) -> None:
    w = workspace.id
    ada = f.person(session, w, "Ada Byron", emails=["ada@example.org"])
    bo = f.person(session, w, "Bo Jensen", urls=["https://www.linkedin.com/in/bojensen/"])
    report = load(
        session,
        w,
        "a,b,kind,closeness\n"
        f"ADA@example.org,linkedin.com/in/BoJensen,friend,4\n"
        f"id:{bo.id},member-1042,former colleague,\n"
        "member-1042,new.person@example.org,,\n",
    )
    assert (report.lines, report.people_created, report.connections_created) == (3, 2, 3)
    assert ties(session, w) == [
        ("Ada Byron", "Bo Jensen", "friend", 4),
        ("Bo Jensen", "member-1042", "former_colleague", None),
        ("member-1042", "new.person@example.org", "knows", None),
    ]
    keyed = session.scalar(select(Person).where(Person.display_name == "member-1042"))
    assert keyed is not None and keyed.notes is None
    assert [(s.source, s.external_key) for s in keyed.sources] == [("edge-list", "member-1042")]
    assert ada.id != keyed.id


def test_importing_the_same_file_twice_adds_nothing_the_second_time(
    session: Session, workspace: Workspace
) -> None:
    text = "a,b\nm-1,m-2\nm-2,m-3\nm-2,m-1\n"
    first = load(session, workspace.id, text)
    assert (first.people_created, first.connections_created, first.already_recorded) == (3, 2, 1)
    again = load(session, workspace.id, text)
    assert (again.people_created, again.connections_created, again.already_recorded) == (0, 0, 3)
    assert len(ties(session, workspace.id)) == 2


def test_a_bad_line_means_nothing_is_written_and_the_line_is_named(
    session: Session, workspace: Workspace
) -> None:
    text = "a,b,kind,closeness\nm-1,m-2,friend,3\nm-3,m-3,,\nm-4,m-5,cousin,\nm-6,m-7,,9\n"
    with pytest.raises(InvalidInput) as raised:
        load(session, workspace.id, text)
    problems = {e.field: e.message for e in raised.value.fields}
    assert set(problems) == {"line 3", "line 4", "line 5"}
    assert "same person" in problems["line 3"]
    assert "cousin" in problems["line 4"]
    assert "1 to 5" in problems["line 5"]
    assert "nothing was imported" in raised.value.message
    count = session.scalar(
        select(func.count()).select_from(Person).where(Person.workspace_id == workspace.id)
    )
    assert count == 0


def test_every_problem_of_every_bad_line_is_named_in_line_order(
    session: Session, workspace: Workspace
) -> None:
    text = (
        "a,b,kind,closeness\n"
        "m-1,m-2,friend,3\n"
        "id:999,m-3,friend,9\n"  # an unknown id found late, and a bad closeness
        "m-4,,cousin,\n"  # an empty key and a bad kind
        "m-5,m-5,,\n"
        ",,,\n"
    )
    with pytest.raises(InvalidInput) as raised:
        load(session, workspace.id, text)
    assert [(e.field, e.message) for e in raised.value.fields] == [
        (
            "line 3",
            "No person number 999: they may have been deleted. "
            "Closeness '9' must be a whole number from 1 to 5.",
        ),
        (
            "line 4",
            "Column b is empty: a tie needs a person key in each (an e-mail, a profile URL or "
            "any other key). Kind 'cousin' is not one of colleague, former_colleague, friend, "
            "interviewer, recruiter, referred_by, met_at_event, linkedin, knows.",
        ),
        ("line 5", "Columns a and b name the same person; a tie joins two people."),
        (
            "line 6",
            "Columns a and b are empty: a tie needs a person key in each (an e-mail, a profile "
            "URL or any other key).",
        ),
    ]
    assert raised.value.message.startswith(
        "the file: 4 lines could not be read; nothing was imported. First: line 3: No person "
    )


def test_keys_that_find_one_person_or_cannot_be_read_are_named(
    session: Session, workspace: Workspace
) -> None:
    ada = f.person(session, workspace.id, "Ada Byron", emails=["ada@example.org"])
    long_key = "m" * 301
    text = f"a,b\nid:{ada.id},ADA@example.org\nhttp://,{long_key}\n"
    with pytest.raises(InvalidInput) as raised:
        load(session, workspace.id, text)
    assert [(e.field, e.message) for e in raised.value.fields] == [
        ("line 2", "Columns a and b name the same person; a tie joins two people."),
        (
            "line 3",
            "'http://' is not a web address; write it like 'https://example.com/me'. "
            "The person key in column b is longer than 300 characters.",
        ),
    ]


def test_an_email_that_several_people_share_is_refused_as_ambiguous(
    session: Session, workspace: Workspace, tmp_path: Path
) -> None:
    w = workspace.id
    rob = f.person(session, w, "Rob Smith", emails=["smith@example.org"])
    robert = f.person(session, w, "Robert Smith", emails=["smith@example.org"])
    f.person(session, w, "Ada Byron", emails=["ada@example.org"])
    edges = tmp_path / "e.csv"
    edges.write_text(f"a,b\nada@example.org,id:{rob.id}\nada@example.org,Smith@example.org\n")
    with pytest.raises(InvalidInput) as raised:
        service.connections_import(session, workspace_id=w, path_or_file=edges)
    first, second = sorted([rob, robert], key=lambda p: p.id)
    message = (
        f"'smith@example.org' belongs to 2 people: {first.display_name} (id {first.id}) and "
        f"{second.display_name} (id {second.id}); write id:<number> instead to say which one."
    )
    assert [(e.field, e.message) for e in raised.value.fields] == [("line 3", message)]
    assert raised.value.message.startswith("e.csv: 1 line could not be read; nothing was")
    assert ties(session, w) == []


def test_one_bad_line_is_counted_in_the_singular(session: Session, workspace: Workspace) -> None:
    with pytest.raises(InvalidInput) as raised:
        load(session, workspace.id, "a,b\nm-1,m-1\n")
    assert raised.value.message.startswith("the file: 1 line could not be read;")


def test_it_refuses_a_file_without_the_header(session: Session, workspace: Workspace) -> None:
    with pytest.raises(InvalidInput) as raised:
        load(session, workspace.id, "from,to\nm-1,m-2\n")
    assert raised.value.fields[0].field == "line 1"


def test_an_id_from_another_workspace_is_unknown(
    session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    charlie = f.person(session, other_workspace.id, "Charlie")
    with pytest.raises(InvalidInput) as raised:
        load(session, workspace.id, f"a,b\nid:{charlie.id},m-1\n")
    assert raised.value.fields[0].message == (
        f"No person number {charlie.id}: they may have been deleted."
    )


def test_imported_ties_show_up_in_paths(session: Session, workspace: Workspace) -> None:
    w = workspace.id
    me = f.person(session, w, "Mara Castillo", is_me=True, emails=["mara@example.org"])
    load(session, w, "a,b,kind\nmara@example.org,club-7,friend\nclub-7,club-9,colleague\n")
    target = session.scalar(select(Person).where(Person.display_name == "club-9"))
    assert target is not None
    found = service.ways_in(session, workspace_id=w, to_person_id=target.id)
    assert [p.name for p in found.paths[0].people] == ["Mara Castillo", "club-7", "club-9"]
    assert found.source.id == me.id
    kinds = {k for *_, k, _ in ties(session, w)}
    assert kinds == {ConnectionKind.FRIEND.value, ConnectionKind.COLLEAGUE.value}
