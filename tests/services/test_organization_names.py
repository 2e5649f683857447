"""A typed organization name finds the organization by its name or any of its other names."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import factories as f
from goodword.errors import Conflict, NotFound
from goodword.leads import service as leads
from goodword.leads.schemas import LeadCreate
from goodword.network import service as network
from goodword.opportunities import service as opportunities
from goodword.organizations import service as organizations
from goodword.organizations.models import Organization
from goodword.organizations.schemas import OrganizationUpdate
from goodword.people import service as people
from goodword.people.schemas import PositionCreate
from goodword.workspaces.models import Workspace


def _count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Organization)) or 0


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Acme Robotics", 1),
        ("acme", 1),  # another name, case ignored
        ("ACME  INC.", 1),  # another name, case and spacing ignored
        ("Acme, LLC", 1),  # another name but for its legal form and punctuation
        ("Acme Robotics Ltd", 1),  # the name but for its legal form
        ("Acme Bakery", None),
        ("Robotics", None),
    ],
)
def test_best_match_reads_names_and_other_names(typed: str, expected: int | None) -> None:
    rows = [(1, "Acme Robotics", ["Acme", "Acme Inc."]), (2, "Globex", [])]
    assert organizations.best_match(rows, typed) == expected


def test_best_match_prefers_the_name_then_another_name_then_the_oldest() -> None:
    rows = [
        (3, "Acme Inc", []),
        (1, "Acme Robotics", ["Acme"]),
        (2, "Acme", []),
        (4, "Initech", ["Initrode"]),
        (5, "Initrode Ltd", []),
    ]
    assert organizations.best_match(rows, "ACME") == 2  # its name beats another's other name
    assert organizations.best_match(reversed(rows), "acme") == 2  # whatever the row order
    assert organizations.best_match(rows[:2], "acme") == 1  # an exact other name beats a near name
    assert organizations.best_match(rows, "Acme Corp") == 2  # two near names: the oldest
    assert organizations.best_match(rows, "Initrode") == 4  # an exact other name first
    assert organizations.best_match(rows, "Initrode Inc") == 5  # a near name before near aliases


def test_a_position_at_another_name_is_a_position_at_that_organization(
    session: Session, workspace: Workspace
) -> None:
    acme = f.organization(session, workspace.id, "Acme Robotics", aliases=["Acme", "Acme Inc."])
    alice = f.person(session, workspace.id, "Alice Chen")
    for typed in ("acme", "Acme Inc.", "ACME, Inc", "Acme Robotics LLC"):
        position = people.add_position(
            session,
            workspace_id=workspace.id,
            person_id=alice.id,
            data=PositionCreate(organization_name=typed, is_current=False),
        )
        assert position.organization_id == acme.id, typed
    assert _count(session) == 1


def test_opportunities_and_leads_named_by_another_name_use_that_organization(
    session: Session, workspace: Workspace
) -> None:
    acme = f.organization(session, workspace.id, "Acme Robotics", aliases=["Acme Inc."])
    job = opportunities.create(
        session,
        workspace_id=workspace.id,
        data=f.OpportunityCreate(organization_name="acme inc.", role_title="Analyst"),
    )
    lead = leads.create(
        session,
        workspace_id=workspace.id,
        data=LeadCreate(kind="opportunity", title="Data Analyst", organization_name="Acme"),
    )
    assert job.organization_id == acme.id
    assert lead.organization_id == acme.id
    assert _count(session) == 1


def test_paths_to_an_organization_find_it_by_another_name(
    session: Session, workspace: Workspace
) -> None:
    acme = f.organization(session, workspace.id, "Acme Robotics", aliases=["Acme"])
    assert network._organization(session, workspace_id=workspace.id, value="ACME") is acme


def test_a_new_name_still_adds_an_organization(session: Session, workspace: Workspace) -> None:
    f.organization(session, workspace.id, "Acme Robotics", aliases=["Acme"])
    globex = organizations.get_or_create(session, workspace_id=workspace.id, name="Globex")
    assert globex.name == "Globex"
    assert _count(session) == 2


def test_names_are_looked_up_in_this_workspace_only(
    session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    f.organization(session, other_workspace.id, "Acme Robotics", aliases=["Acme"])
    assert organizations.find_by_name(session, workspace_id=workspace.id, name="Acme") is None
    mine = organizations.get_or_create(session, workspace_id=workspace.id, name="Acme")
    assert mine.workspace_id == workspace.id and mine.name == "Acme"


def test_another_name_already_used_by_another_organization_is_refused(
    session: Session, workspace: Workspace
) -> None:
    globex = f.organization(session, workspace.id, "Globex", aliases=["Globex Corp"])
    acme = f.organization(session, workspace.id, "Acme Robotics")
    with pytest.raises(Conflict) as refused:
        organizations.update(
            session,
            workspace_id=workspace.id,
            organization_id=acme.id,
            data=OrganizationUpdate(
                name="Acme Robotics", aliases=["Acme", "globex", "GLOBEX CORP"]
            ),
        )
    assert [e.field for e in refused.value.fields] == ["aliases"]
    message = refused.value.fields[0].message
    assert "“globex” is the name of Globex; " in message
    assert "“GLOBEX CORP” is another name of Globex. " in message
    # (The field's words are the page's, beside the field; the error's name its id.)
    assert f"these other names: Globex (id {globex.id})." in refused.value.message
    assert "Acme”" not in message
    with pytest.raises(Conflict) as refused_again:
        f.organization(session, workspace.id, "Initech", aliases=["Globex Corp"])
    assert "another name of Globex" in refused_again.value.fields[0].message


def test_a_name_that_is_another_organization_s_other_name_is_refused(
    session: Session, workspace: Workspace
) -> None:
    acme = f.organization(session, workspace.id, "Acme Robotics", aliases=["Acme"])
    with pytest.raises(Conflict) as refused:
        f.organization(session, workspace.id, "ACME")
    assert [e.field for e in refused.value.fields] == ["name"]
    assert "Acme Robotics goes by this name" in refused.value.fields[0].message
    assert f"other names of Acme Robotics (id {acme.id})." in refused.value.message
    assert _count(session) == 1


def test_an_organization_keeps_its_own_names_and_older_shared_ones_when_edited(
    session: Session, workspace: Workspace
) -> None:
    acme = f.organization(session, workspace.id, "Acme Robotics", aliases=["Acme"])
    renamed = organizations.update(
        session,
        workspace_id=workspace.id,
        organization_id=acme.id,
        data=OrganizationUpdate(name="Acme", aliases=["Acme Robotics", "ACME"]),
    )
    assert renamed.name == "Acme"
    # Two organizations that already share a name (say, from an older version) stay editable.
    globex = f.organization(session, workspace.id, "Globex")
    globex.aliases = ["Acme"]
    session.flush()
    edited = organizations.update(
        session,
        workspace_id=workspace.id,
        organization_id=globex.id,
        data=OrganizationUpdate(name="Globex", aliases=["Acme"], location="Springfield"),
    )
    assert edited.location == "Springfield"


def test_a_new_organization_named_like_another_but_for_its_legal_form_is_refused(
    session: Session, workspace: Workspace
) -> None:
    acme = f.organization(session, workspace.id, "Acme")
    robotics = f.organization(session, workspace.id, "Initech Robotics", aliases=["Initech"])

    with pytest.raises(organizations.NameOfAnother) as refused:
        f.organization(session, workspace.id, "Acme Inc.")
    with pytest.raises(organizations.NameOfAnother) as by_another_name:
        f.organization(session, workspace.id, "Initech, LLC")

    assert refused.value.message == (
        f"“Acme Inc.” is Acme (id {acme.id}) but for its legal form: use that one, or add "
        "“Acme Inc.” to its other names."
    )
    assert [e.field for e in refused.value.fields] == ["name"]
    assert (refused.value.organization_id, refused.value.name) == (acme.id, "Acme Inc.")
    assert by_another_name.value.organization_id == robotics.id
    assert f"“Initech”, another name of Initech Robotics (id {robotics.id})," in (
        by_another_name.value.message
    )
    assert _count(session) == 2
    # Renaming another organization to it is refused too.
    globex = f.organization(session, workspace.id, "Globex")
    with pytest.raises(organizations.NameOfAnother):
        organizations.update(
            session,
            workspace_id=workspace.id,
            organization_id=globex.id,
            data=OrganizationUpdate(name="ACME, Ltd"),
        )


def test_the_refused_name_can_be_added_as_another_name_of_that_one(
    session: Session, workspace: Workspace
) -> None:
    acme = f.organization(session, workspace.id, "Acme", aliases=["Acme Labs"])

    organizations.add_other_name(
        session, workspace_id=workspace.id, organization_id=acme.id, name="Acme Inc."
    )
    # Its own names restyled are no new clash, even beside an older record sharing the name.
    twin = Organization(workspace_id=workspace.id, name="Acme, Inc", sort_name="acme, inc")
    session.add(twin)
    session.flush()
    restyled = organizations.update(
        session,
        workspace_id=workspace.id,
        organization_id=twin.id,
        data=OrganizationUpdate(name="Acme Incorporated"),
    )

    assert acme.aliases == ["Acme Labs", "Acme Inc."]
    assert organizations.find_by_name(session, workspace_id=workspace.id, name="Acme Inc.") == acme
    assert restyled.name == "Acme Incorporated"


@pytest.mark.parametrize(
    ("typed", "known"),
    [
        ("Fabrikan", "Fabrikam"),  # a letter changed
        ("Fabrikum", "Fabrikam"),
        ("Fabricam", "Fabrikam"),
        ("Fabrikaam", "Fabrikam"),  # a letter too many
        ("Fabrkam", "Fabrikam"),  # a letter left out
        ("Fabrikma", "Fabrikam"),  # two letters swapped
        ("Contosa", "Contoso"),
        ("Initecj", "Initech"),
        ("Globex", "Glbex"),  # a typo already saved is found from the right name
        ("Initek", "Initech"),  # the same sounds spelled another way
        ("Filips", "Philips"),
        ("Aksenture", "Accenture"),
    ],
)
def test_a_one_letter_or_same_sound_slip_in_a_name_of_five_letters_or_more_is_a_typo(
    typed: str, known: str
) -> None:
    assert organizations.misspelled([(1, known, [])], typed) == [1]


@pytest.mark.parametrize(
    ("typed", "known"),
    [
        ("Meta", "Beta"),  # too short to tell a typo from another name
        ("Beta", "Meta"),
        ("Fabrik", "Fabrikam"),  # two letters away
        ("Fabrikam", "Fabrik"),
        ("Contoso", "Contoso Consulting"),
        # Names of much the same length and sounds that are not spelled alike
        ("Sysco", "Cisco"),  # (y is not taken for i)
        ("Cisco", "Sysco"),
        ("Initek", "Intel"),
        ("Kodak", "Codec"),
        ("Chris", "Kris"),  # alike, but four sounds: too short to tell
        ("Kris", "Chris"),
    ],
)
def test_short_or_different_names_are_not_typos_of_each_other(typed: str, known: str) -> None:
    assert organizations.misspelled([(1, known, [])], typed) == []


def test_a_name_a_letter_away_is_named_when_refused(session: Session, workspace: Workspace) -> None:
    f.organization(session, workspace.id, "Initech")

    with pytest.raises(NotFound) as refused:
        organizations.named(session, workspace_id=workspace.id, text="Initecj")

    assert "Did you mean “Initech”?" in str(refused.value)


def test_a_name_that_sounds_the_same_asks_whether_the_known_one_was_meant(
    session: Session, workspace: Workspace
) -> None:
    initech = f.organization(session, workspace.id, "Initech")
    f.organization(session, workspace.id, "Intel")

    near = organizations.new_name(session, workspace_id=workspace.id, name="Initek")

    assert near == [initech]
