from __future__ import annotations

import pytest
from sqlalchemy import func, select

import factories as f
from goodword.connections.models import Connection
from goodword.errors import Conflict, InvalidInput, NotFound
from goodword.people import service as people
from goodword.people.models import PersonEmail, Position
from goodword.people.schemas import PersonCreate, PersonUpdate, PositionCreate
from goodword.search import service as search


def test_it_normalises_contact_details(session, workspace):
    person = people.create(
        session,
        workspace_id=workspace.id,
        data=PersonCreate(
            given_name="Grace",
            family_name="Hopper",
            emails=["Grace.Hopper@Example.COM", "grace.hopper@example.com"],
            phones=["(415) 555-0142", "+44 20 7946 0018"],
            urls=["linkedin.com/in/GraceHopper/?trk=abc", "https://hopper.example.org/"],
            tags=["Navy", "navy", " compilers "],
        ),
    )
    read = people.to_read(person)
    assert read.display_name == "Grace Hopper"
    assert read.emails == ["grace.hopper@example.com"]
    assert read.phones == ["+14155550142", "+442079460018"]
    assert read.urls == ["https://www.linkedin.com/in/gracehopper", "https://hopper.example.org"]
    assert read.tags == ["Navy", "compilers"]
    assert person.sort_name == "hopper grace"


def test_it_reports_each_unreadable_phone_and_url_by_field(session, workspace):
    # (Input no schema checked: the forms check these with the other fields, the service
    # again, for whatever reaches it another way.)
    unchecked = PersonCreate.model_construct(
        display_name="Bad Data", phones=["+1 555", "123 45"], urls=["mailto:x"]
    )
    with pytest.raises(InvalidInput) as caught:
        people.create(session, workspace_id=workspace.id, data=unchecked)
    fields = [e.field for e in caught.value.fields]
    assert fields == ["phones.0", "phones.1", "urls.0"]


def test_it_needs_some_name():
    with pytest.raises(ValueError, match="display name"):
        PersonCreate(emails=["a@example.com"])


def test_only_one_person_can_be_me(session, workspace):
    f.person(session, workspace.id, "Me", is_me=True)
    with pytest.raises(Conflict, match="already marked as you"):
        f.person(session, workspace.id, "Also me", is_me=True)


def test_update_replaces_contact_details(session, workspace):
    person = f.person(session, workspace.id, "Lin Wu", emails=["lin@old.example"])
    people.update(
        session,
        workspace_id=workspace.id,
        person_id=person.id,
        data=PersonUpdate(display_name="Lin Wu", emails=["lin@new.example"]),
    )
    addresses = session.scalars(
        select(PersonEmail.address).where(PersonEmail.person_id == person.id)
    ).all()
    assert addresses == ["lin@new.example"]


def test_a_new_current_job_ends_the_previous_one(session, workspace):
    person = f.person(session, workspace.id, "Sam Okafor")
    first = people.add_position(
        session,
        workspace_id=workspace.id,
        person_id=person.id,
        data=PositionCreate(organization_name="Old Co", title="Engineer"),
    )
    people.add_position(
        session,
        workspace_id=workspace.id,
        person_id=person.id,
        data=PositionCreate(organization_name="New Co", title="Lead", start_date="2026-03-01"),
    )
    assert first.is_current is False
    assert str(first.end_date) == "2026-03-01"
    current = [p.organization.name for p in person.positions if p.is_current]
    assert current == ["New Co"]


def test_a_side_role_that_began_earlier_leaves_the_newer_job_current(session, workspace):
    person = f.person(session, workspace.id, "Sam Okafor")
    job = people.add_position(
        session,
        workspace_id=workspace.id,
        person_id=person.id,
        data=PositionCreate(
            organization_name="Kestrel Labs", title="Analyst", start_date="2023-03-01"
        ),
    )
    people.add_position(
        session,
        workspace_id=workspace.id,
        person_id=person.id,
        data=PositionCreate(
            organization_name="Open Data Society", title="Board member", start_date="2019-01-01"
        ),
    )
    assert job.is_current is True and job.end_date is None
    current = sorted(p.organization.name for p in person.positions if p.is_current)
    assert current == ["Kestrel Labs", "Open Data Society"]


def test_positions_reuse_organizations_by_name(session, workspace):
    a = f.person(session, workspace.id, "A Person")
    b = f.person(session, workspace.id, "B Person")
    for who in (a, b):
        people.add_position(
            session,
            workspace_id=workspace.id,
            person_id=who.id,
            data=PositionCreate(organization_name="  northwind  TRADERS "),
        )
    org_ids = {p.organization_id for p in (*a.positions, *b.positions)}
    assert len(org_ids) == 1


def test_delete_removes_details_positions_connections_and_search_entry(session, workspace):
    me = f.person(session, workspace.id, "Me", is_me=True)
    gone = f.person(session, workspace.id, "Temporary Contact", emails=["t@example.com"])
    people.add_position(
        session,
        workspace_id=workspace.id,
        person_id=gone.id,
        data=PositionCreate(organization_name="Somewhere"),
    )
    f.connection(session, workspace.id, me, gone)
    people.delete(session, workspace_id=workspace.id, person_id=gone.id)
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Position)) == 0
    assert session.scalar(select(func.count()).select_from(Connection)) == 0
    assert session.scalar(select(func.count()).select_from(PersonEmail)) == 0
    assert search.search(session, workspace_id=workspace.id, query="temporary") == []
    with pytest.raises(NotFound):
        people.get(session, workspace_id=workspace.id, person_id=gone.id)


def test_keyset_pages_cover_everyone_once_in_name_order(session, workspace):
    names = ["Zoe Adams", "Yuki Baker", "Xavier Chen", "Wanda Diaz", "Victor Evans", "Uma Fox"]
    for name in names:
        given, family = name.split()
        people.create(
            session,
            workspace_id=workspace.id,
            data=PersonCreate(given_name=given, family_name=family),
        )
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        page = people.list_(session, workspace_id=workspace.id, cursor=cursor, limit=4)
        seen += [p.display_name for p in page.items]
        pages += 1
        cursor = page.next_cursor
        if cursor is None:
            break
    assert pages == 2
    assert seen == names  # ordered by family name: Adams, Baker, Chen, ...


def test_a_damaged_cursor_is_refused(session, workspace):
    with pytest.raises(ValueError, match="damaged"):
        people.list_(session, workspace_id=workspace.id, cursor="!!not-a-cursor")


def test_search_finds_a_person_by_their_email_address_alone(session, workspace):
    # (PostgreSQL's text search keeps an address whole; its words are kept to find it.)
    zed = f.person(session, workspace.id, "Zed Quill", emails=["zed@nowhere.example"])
    for query in ("zed@nowhere", "zed@nowhere.example", "nowhere", "nowh"):
        hits = search.search(session, workspace_id=workspace.id, query=query)
        assert [h.record_id for h in hits] == [zed.id], query


def test_search_matches_word_prefixes_of_name_workplace_and_email(session, workspace):
    person = f.person(session, workspace.id, "Amara Nwosu", emails=["amara@lumen.example"])
    people.add_position(
        session,
        workspace_id=workspace.id,
        person_id=person.id,
        data=PositionCreate(organization_name="Lumen Analytics", title="Sales Director"),
    )
    f.person(session, workspace.id, "Someone Else")
    for query in ("ama", "nwo", "lumen sal", "AMARA nwosu", "amara@lumen"):
        hits = search.search(session, workspace_id=workspace.id, query=query, kinds=("person",))
        assert [h.record_id for h in hits] == [person.id], query
    assert search.search(session, workspace_id=workspace.id, query="mara") == []
    assert search.search(session, workspace_id=workspace.id, query='"*) OR (') == []


def test_one_or_two_letters_find_names_with_a_word_starting_so(session, workspace):
    for name in ("Bea Okoro", "Ana Bell", "Tom Hardy", "Abe_Underscore Test"):
        f.person(session, workspace.id, name)
    titles = [h.title for h in search.search(session, workspace_id=workspace.id, query="b")]
    assert titles == ["Ana Bell", "Bea Okoro"]
    assert [h.title for h in search.search(session, workspace_id=workspace.id, query="ok")] == [
        "Bea Okoro"
    ]
    # "_" is a LIKE wildcard; it must only match itself.
    assert search.search(session, workspace_id=workspace.id, query="a_") == []


def test_short_queries_fold_accents_and_names_run_together(session, workspace):
    f.person(session, workspace.id, "Órla Ó Briain")
    f.person(session, workspace.id, "Łukasz Nowak")
    f.person(session, workspace.id, "Seán O'Brien")
    f.person(session, workspace.id, "Kim Ha-eun")
    titles = lambda q: [h.title for h in search.search(session, workspace_id=workspace.id, query=q)]  # noqa: E731
    assert titles("ó") == ["Órla Ó Briain", "Seán O'Brien"]
    assert titles("ł") == ["Łukasz Nowak"]
    assert titles("obr") == ["Seán O'Brien"]
    assert titles("haeun") == ["Kim Ha-eun"]
    # One or two letters: a word inside a name, or the name run together.
    assert titles("ob") == ["Seán O'Brien"]
    assert titles("br") == ["Órla Ó Briain", "Seán O'Brien"]
    assert titles("eu") == ["Kim Ha-eun"]


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("lukasz", "Łukasz Nowak"),
        ("łukasz", "Łukasz Nowak"),
        ("lu", "Łukasz Nowak"),
        ("zoe", "Zoë Ødegaard"),
        ("odeg", "Zoë Ødegaard"),
        ("ø", "Zoë Ødegaard"),
        ("emile", "Émile Zola"),
        ("em", "Émile Zola"),
        ("strasse", "Ilse Straße"),
        ("straße", "Ilse Straße"),
        ("STRASSE", "Ilse Straße"),
        ("nguyen", "Nguyễn Văn An"),
        ("van an", "Nguyễn Văn An"),
    ],
)
def test_search_finds_names_typed_without_their_accents(session, workspace, query, name):
    for each in ("Łukasz Nowak", "Zoë Ødegaard", "Émile Zola", "Ilse Straße", "Nguyễn Văn An"):
        f.person(session, workspace.id, each)
    f.person(session, workspace.id, "Someone Else")
    titles = [h.title for h in search.search(session, workspace_id=workspace.id, query=query)]
    assert titles == [name], query


def test_search_finds_workplaces_and_places_without_accents(session, workspace):
    person = f.person(session, workspace.id, "Amara Nwosu", location="Zürich")
    people.add_position(
        session,
        workspace_id=workspace.id,
        person_id=person.id,
        data=PositionCreate(organization_name="Société Générale"),
    )
    for query in ("societe gen", "zurich"):
        hits = search.search(session, workspace_id=workspace.id, query=query, kinds=("person",))
        assert [h.record_id for h in hits] == [person.id], query
    hits = search.search(
        session, workspace_id=workspace.id, query="societe", kinds=("organization",)
    )
    assert [h.title for h in hits] == ["Société Générale"]


def test_a_result_shows_its_details_not_the_terms_kept_for_finding(session, workspace):
    f.person(session, workspace.id, "Łukasz O'Brien", emails=["lukasz@example.org"])
    f.person(session, workspace.id, "Ana Straße")
    hits = {h.title: h for h in search.search(session, workspace_id=workspace.id, query="obrien")}
    assert hits["Łukasz O'Brien"].detail == "lukasz@example.org"
    (ana,) = search.search(session, workspace_id=workspace.id, query="strasse")
    assert ana.detail == ""


def test_only_the_merges_still_to_undo_are_counted_as_going_with_a_person(session, workspace):
    from goodword.duplicates.merging import merge, undo_merge

    ada = f.person(session, workspace.id, "Ada Lovelace")
    twins = [f.person(session, workspace.id, name) for name in ("Ada L.", "A. Lovelace")]
    first = merge(session, workspace_id=workspace.id, survivor_id=ada.id, absorbed_id=twins[0].id)
    session.flush()
    counted = people.goes_with(session, workspace_id=workspace.id, person_id=ada.id).merges
    second = merge(session, workspace_id=workspace.id, survivor_id=ada.id, absorbed_id=twins[1].id)
    undo_merge(session, workspace_id=workspace.id, merge_id=second.id)
    session.flush()

    goes = people.goes_with(session, workspace_id=workspace.id, person_id=ada.id)

    assert (counted, goes.merges) == (1, 1)
    assert first.undone_at is None
