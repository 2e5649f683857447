"""Which addresses a draft is from and goes to: never the user's work address as From, and
for a personal ask the person's own address before one at work or one at a job they left."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

import factories as f
from goodword.people import service as people
from goodword.people.models import Person
from goodword.people.schemas import PositionCreate
from goodword.playbooks.addresses import Recipient, recipient
from goodword.playbooks.engine import emails_of
from goodword.playbooks.sender import sender, work_only_note
from goodword.workspaces.models import Workspace


def _with_job(
    session: Session, ws: int, person: Person, organization: str, *, left: bool = False
) -> None:
    people.add_position(
        session,
        workspace_id=ws,
        person_id=person.id,
        data=PositionCreate(
            organization_name=organization,
            start_date=date(2019, 1, 1),
            end_date=date(2022, 1, 1) if left else None,
        ),
    )


def _labelled(session: Session, person: Person, *labels: str | None) -> None:
    for email, label in zip(person.emails, labels, strict=True):
        email.label = label
    session.flush()


def test_an_address_labelled_work_is_not_the_from(session: Session, workspace: Workspace):
    me = f.person(
        session, workspace.id, "Robin Castillo", is_me=True,
        emails=["robin@pinecrest.example", "robin.castillo@mail.example"],
    )  # fmt: skip
    _labelled(session, me, "work", None)
    assert sender(session, workspace_id=workspace.id).address == "robin.castillo@mail.example"


def test_only_addresses_labelled_work_give_no_from_and_say_why(
    session: Session, workspace: Workspace
):
    me = f.person(session, workspace.id, "Robin", is_me=True, emails=["r@pinecrest.example"])
    _labelled(session, me, "Work")
    found = sender(session, workspace_id=workspace.id)
    assert found.address is None
    assert work_only_note(found) == (
        "The .eml file has no From: every e-mail address of yours recorded is marked as a work "
        "address, so your mail program picks. Send it from your own address: a job search "
        "noticed at work can cost you the job."
    )


def test_an_address_at_a_current_employer_with_no_domain_recorded_is_not_the_from(
    session: Session, workspace: Workspace
):
    f.organization(session, workspace.id, "Quillstone Software, Inc.")
    me = f.person(
        session, workspace.id, "Robin Castillo", is_me=True,
        emails=["robin@mail.quillstone-software.example", "robin.castillo@mail.example"],
    )  # fmt: skip
    _with_job(session, workspace.id, me, "Quillstone Software, Inc.")
    assert sender(session, workspace_id=workspace.id).address == "robin.castillo@mail.example"


def test_an_alias_written_as_a_domain_marks_the_employers_addresses(
    session: Session, workspace: Workspace
):
    f.organization(session, workspace.id, "Northwind Traders", aliases=["nwt.example"])
    me = f.person(
        session, workspace.id, "Robin Castillo", is_me=True,
        emails=["robin@nwt.example", "robin.castillo@mail.example"],
    )  # fmt: skip
    _with_job(session, workspace.id, me, "Northwind Traders")
    assert sender(session, workspace_id=workspace.id).address == "robin.castillo@mail.example"


def test_a_recorded_domain_is_trusted_over_the_name(session: Session, workspace: Workspace):
    # Yahoo's staff write from yahooinc.com: a yahoo.example address is the user's own.
    f.organization(session, workspace.id, "Yahoo", domains=["yahooinc.example"])
    me = f.person(
        session, workspace.id, "Robin Castillo", is_me=True,
        emails=["robin@yahooinc.example", "robin@yahoo.example"],
    )  # fmt: skip
    _with_job(session, workspace.id, me, "Yahoo")
    assert sender(session, workspace_id=workspace.id).address == "robin@yahoo.example"


def test_an_address_at_a_former_employer_named_so_is_still_a_from(
    session: Session, workspace: Workspace
):
    f.organization(session, workspace.id, "Brightwater Analytics")
    me = f.person(
        session, workspace.id, "Robin", is_me=True, emails=["r@brightwater-analytics.example"]
    )  # fmt: skip
    _with_job(session, workspace.id, me, "Brightwater Analytics", left=True)
    assert sender(session, workspace_id=workspace.id).address == "r@brightwater-analytics.example"


def test_a_personal_ask_goes_to_the_address_labelled_home_first(
    session: Session, workspace: Workspace
):
    ana = f.person(
        session, workspace.id, "Ana Ruiz",
        emails=["ana@pinecrest.example", "ana.ruiz@mail.example", "ana@home.example"],
    )  # fmt: skip
    _labelled(session, ana, "work", None, "home")
    assert emails_of(ana) == ("ana@home.example",)
    assert recipient(ana).why == "To ana@home.example, of their 3 addresses: labelled home."


def test_a_personal_ask_passes_over_a_current_work_address(session: Session, workspace: Workspace):
    f.organization(session, workspace.id, "Quillstone Software")
    ana = f.person(
        session, workspace.id, "Ana Ruiz",
        emails=["ana@quillstonesoftware.example", "ana.ruiz@mail.example"],
    )  # fmt: skip
    _with_job(session, workspace.id, ana, "Quillstone Software")
    assert emails_of(ana) == ("ana.ruiz@mail.example",)
    assert recipient(ana).why == (
        "To ana.ruiz@mail.example, of their 2 addresses: not a work address."
    )


def test_an_old_work_address_comes_after_a_current_one(session: Session, workspace: Workspace):
    f.organization(session, workspace.id, "Brightwater Analytics", domains=["brightwater.example"])
    f.organization(session, workspace.id, "Quillstone Software", domains=["quillstone.example"])
    ana = f.person(
        session, workspace.id, "Ana", emails=["ana@brightwater.example", "ana@quillstone.example"]
    )  # fmt: skip
    _with_job(session, workspace.id, ana, "Brightwater Analytics", left=True)
    _with_job(session, workspace.id, ana, "Quillstone Software")
    assert emails_of(ana) == ("ana@quillstone.example",)
    assert recipient(ana).why == (
        "To ana@quillstone.example, of their 2 addresses: their others are at jobs they have left."
    )
    # An address of their own beats both.
    ana.emails[1].address = "ana.ruiz@mail.example"
    session.flush()
    assert recipient(ana).why == (
        "To ana.ruiz@mail.example, of their 2 addresses: not at a job they have left."
    )


def test_one_address_is_the_one_whatever_it_is(session: Session, workspace: Workspace):
    f.organization(session, workspace.id, "Brightwater Analytics", domains=["brightwater.example"])
    ana = f.person(session, workspace.id, "Ana Ruiz", emails=["ana@brightwater.example"])
    _with_job(session, workspace.id, ana, "Brightwater Analytics", left=True)
    assert recipient(ana) == Recipient("ana@brightwater.example")
    assert emails_of(f.person(session, workspace.id, "No One")) == ()


def test_an_address_labelled_home_is_the_from_before_an_unlabelled_one(
    session: Session, workspace: Workspace
):
    me = f.person(
        session, workspace.id, "Robin Vale", is_me=True,
        emails=["robin@vale-studio.example", "robin@home.example"],
    )  # fmt: skip
    _labelled(session, me, None, "home")
    assert sender(session, workspace_id=workspace.id).address == "robin@home.example"


def test_a_well_known_personal_mail_domain_is_the_from_before_another(
    session: Session, workspace: Workspace
):
    # (robin@kestrel-ops.example may be a work address Goodword cannot tell; gmail.com is not.)
    me = f.person(
        session, workspace.id, "Robin Vale", is_me=True,
        emails=["robin@kestrel-ops.example", "robin.vale@GMail.com"],
    )  # fmt: skip
    _labelled(session, me, None, None)
    assert sender(session, workspace_id=workspace.id).address == "robin.vale@gmail.com"


def test_an_address_at_a_former_employer_is_the_from_only_after_the_others(
    session: Session, workspace: Workspace
):
    f.organization(session, workspace.id, "Brightwater Analytics", domains=["brightwater.example"])
    me = f.person(
        session, workspace.id, "Robin", is_me=True,
        emails=["r@brightwater.example", "robin.castillo@mail.example"],
    )  # fmt: skip
    _with_job(session, workspace.id, me, "Brightwater Analytics", left=True)
    assert sender(session, workspace_id=workspace.id).address == "robin.castillo@mail.example"


def test_the_first_word_of_an_employers_name_marks_its_addresses_without_a_domain(
    session: Session, workspace: Workspace
):
    # The reviewer's case: Kestrel Labs, no domain recorded; robin@kestrel.io is at work.
    f.organization(session, workspace.id, "Kestrel Labs")
    me = f.person(
        session, workspace.id, "Robin Vale", is_me=True,
        emails=["robin@kestrel.io", "robin@vale.example"],
    )  # fmt: skip
    _with_job(session, workspace.id, me, "Kestrel Labs")
    assert sender(session, workspace_id=workspace.id).address == "robin@vale.example"
    me.emails[1].address = "robin.vale@gmail.com"
    me.emails[1].label = "home"
    session.flush()
    assert sender(session, workspace_id=workspace.id).address == "robin.vale@gmail.com"
    session.delete(me.emails[1])
    session.flush()
    session.refresh(me)
    found = sender(session, workspace_id=workspace.id)
    assert (found.address, found.employers) == (None, ("Kestrel Labs",))


def test_a_common_first_word_or_a_personal_mail_domain_is_not_taken_for_the_employer(
    session: Session, workspace: Workspace
):
    f.organization(session, workspace.id, "Global Freight Partners")
    f.organization(session, workspace.id, "Outlook Ventures")
    me = f.person(session, workspace.id, "Robin", is_me=True, emails=["robin@global.example"])
    _with_job(session, workspace.id, me, "Global Freight Partners")
    _with_job(session, workspace.id, me, "Outlook Ventures")
    assert sender(session, workspace_id=workspace.id).address == "robin@global.example"
    me.emails[0].address = "r@outlook.com"
    session.flush()
    assert sender(session, workspace_id=workspace.id).address == "r@outlook.com"


def test_a_personal_ask_goes_to_a_well_known_mail_service_before_another_unlabelled_address(
    session: Session, workspace: Workspace
):
    # (ana@kestrel-ops.example may be a work address Goodword cannot tell; gmail.com is not.)
    ana = f.person(
        session, workspace.id, "Ana Ruiz", emails=["ana@kestrel-ops.example", "ana.ruiz@gmail.com"]
    )
    assert emails_of(ana) == ("ana.ruiz@gmail.com",)
    assert recipient(ana).why == (
        "To ana.ruiz@gmail.com, of their 2 addresses: at gmail.com, a well-known mail service."
    )
    # A label says more than the service: home first, then gmail.com before a work address.
    _labelled(session, ana, "home", None)
    assert recipient(ana).address == "ana@kestrel-ops.example"
    _labelled(session, ana, "work", None)
    assert recipient(ana).why == (
        "To ana.ruiz@gmail.com, of their 2 addresses: not a work address."
    )


def test_an_unlabelled_address_comes_before_a_current_work_one_and_after_a_mail_service(
    session: Session, workspace: Workspace
):
    f.organization(session, workspace.id, "Quillstone Software", domains=["quillstone.example"])
    ana = f.person(
        session, workspace.id, "Ana",
        emails=["ana@quillstone.example", "ana@ruiz-family.example", "ana.ruiz@outlook.com"],
    )  # fmt: skip
    _with_job(session, workspace.id, ana, "Quillstone Software")
    assert recipient(ana).why == (
        "To ana.ruiz@outlook.com, of their 3 addresses: at outlook.com, a well-known mail service."
    )
    session.delete(ana.emails[2])
    session.flush()
    session.refresh(ana)
    assert recipient(ana).why == (
        "To ana@ruiz-family.example, of their 2 addresses: not a work address."
    )
