"""An address book names a job its own way: "Meta Platforms, Inc." with no title for
LinkedIn's "Recruiter at Meta", "VP Eng" for "VP Engineering". Such a card is the job held
already, not a move that ends it (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.importers.records import Upload
from goodword.importers.report import ImportReport, Outcome
from goodword.importers.service import import_files
from goodword.organizations.models import Organization
from goodword.people import service as people
from goodword.people.models import Person, Position
from goodword.people.schemas import PersonCreate, PositionCreate
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)
CONNECTIONS = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"


def linkedin(company: str, position: str) -> Upload:
    url = "https://www.linkedin.com/in/jo-park"
    row = f'Jo,Park,{url},jo@example.org,{company},"{position}",12 Mar 2024'
    return Upload("Connections.csv", (CONNECTIONS + row + "\r\n").encode())


def card(org: str, title: str | None = None) -> Upload:
    lines = ["BEGIN:VCARD", "VERSION:3.0", "FN:Jo Park", "N:Park;Jo;;;", f"ORG:{org}"]
    lines += [f"TITLE:{title}"] if title else []
    lines += ["EMAIL:jo@example.org", "END:VCARD", ""]
    return Upload("phone.vcf", "\r\n".join(lines).encode())


def run(session: Session, workspace: Workspace, upload: Upload) -> ImportReport:
    return import_files(session, workspace_id=workspace.id, paths_or_uploads=[upload], today=TODAY)


def jobs(session: Session) -> list[tuple[str, str | None, bool]]:
    """(organization, title, current) of Jo's positions, oldest first."""
    (jo,) = session.scalars(select(Person)).all()
    return [
        (name, title, current)
        for name, title, current in session.execute(
            select(Organization.name, Position.title, Position.is_current)
            .join(Organization, Organization.id == Position.organization_id)
            .where(Position.person_id == jo.id)
            .order_by(Position.id)
        )
    ]


def test_a_card_naming_the_employer_longer_and_no_title_keeps_the_linkedin_job(session, workspace):
    run(session, workspace, linkedin("Meta", "Recruiter"))
    report = run(session, workspace, card("Meta Platforms, Inc."))
    (row,) = report.rows
    assert (row.outcome, row.detail) == (Outcome.MERGED, "same e-mail address (jo@example.org)")
    assert jobs(session) == [("Meta", "Recruiter", True)]


def test_a_card_naming_another_employer_adds_a_past_job_beside_the_linkedin_one(session, workspace):
    # An address book's job may be years old; a LinkedIn connection's is the one they keep
    # up to date. With no dates to go by, the card's job is kept as a past one.
    run(session, workspace, linkedin("Meta", "Recruiter"))
    report = run(session, workspace, card("Metals Group"))
    (row,) = report.rows
    assert row.detail == (
        "same e-mail address (jo@example.org) — past position added: a role at Metals Group; "
        "not made current: a record without dates does not move a LinkedIn "
        "connection's job (Recruiter at Meta stays; if they have moved since, edit their jobs "
        "on their page)"
    )
    assert jobs(session) == [("Meta", "Recruiter", True), ("Metals Group", None, False)]


def test_a_linkedin_job_moves_a_card_s_job_whichever_came_first(session, workspace):
    run(session, workspace, card("Metals Group", "Buyer"))
    report = run(session, workspace, linkedin("Meta", "Recruiter"))
    (row,) = report.rows
    assert row.detail.endswith("now Recruiter at Meta (was Buyer at Metals Group)")
    assert jobs(session) == [("Metals Group", "Buyer", False), ("Meta", "Recruiter", True)]


def test_in_one_import_the_order_of_the_files_does_not_decide_the_current_job(session, workspace):
    import_files(
        session, workspace_id=workspace.id, today=TODAY,
        paths_or_uploads=[card("Metals Group", "Buyer"), linkedin("Meta", "Recruiter")],
    )  # fmt: skip
    assert [job for job in jobs(session) if job[2]] == [("Meta", "Recruiter", True)]


def test_a_card_s_job_ends_no_current_job_of_a_linkedin_connection_in_the_same_import(
    session, workspace
):
    report = import_files(
        session, workspace_id=workspace.id, today=TODAY,
        paths_or_uploads=[linkedin("Meta", "Recruiter"), card("Metals Group", "Buyer")],
    )  # fmt: skip
    detail = report.rows[-1].detail
    assert "past position added: Buyer at Metals Group; not made current" in detail
    assert jobs(session) == [("Meta", "Recruiter", True), ("Metals Group", "Buyer", False)]


def test_a_card_still_moves_a_job_no_linkedin_connection_gave(session, workspace):
    run(session, workspace, card("Metals Group", "Buyer"))
    # (Another address book's card: its own UID, the same e-mail address.)
    other = card("Initech", "Buyer").data.replace(b"VERSION:3.0", b"VERSION:3.0\r\nUID:w-1")
    report = run(session, workspace, Upload("work.vcf", other))
    assert report.rows[0].outcome is Outcome.MERGED
    (row,) = report.rows
    assert row.detail.endswith("now Buyer at Initech (was Buyer at Metals Group)")


def test_a_shortened_title_at_the_same_employer_is_the_same_job(session, workspace):
    run(session, workspace, linkedin("Globex", "VP Engineering"))
    run(session, workspace, card("Globex Corporation", "VP Eng"))
    assert jobs(session) == [("Globex", "VP Engineering", True)]


def test_a_title_written_out_later_replaces_the_shortened_one(session, workspace):
    run(session, workspace, card("Globex", "VP Eng"))
    report = run(session, workspace, linkedin("Globex Corporation", "VP Engineering"))
    (row,) = report.rows
    assert "title VP Engineering (was VP Eng)" in row.detail
    assert jobs(session) == [("Globex", "VP Engineering", True)]


def test_another_grade_is_another_job(session, workspace):
    run(session, workspace, card("Globex", "Engineer I"))
    run(session, workspace, linkedin("Globex", "Engineer II"))
    assert jobs(session) == [("Globex", "Engineer I", False), ("Globex", "Engineer II", True)]


@pytest.mark.parametrize(
    ("short", "whole"),
    [("Eng Mgr", "Engineering Manager"), ("Sr Acct Exec", "Senior Account Executive"),
     ("Mktg Dir", "Marketing Director")],
)  # fmt: skip
def test_a_title_written_short_word_by_word_is_the_same_job(session, workspace, short, whole):
    run(session, workspace, linkedin("Globex", whole))
    run(session, workspace, card("Globex", short))
    assert jobs(session) == [("Globex", whole, True)]


def test_letters_of_a_title_in_order_are_no_short_form_of_it(session, workspace):
    run(session, workspace, card("Globex", "Coordinator"))
    run(session, workspace, linkedin("Globex", "CTO"))
    assert jobs(session) == [("Globex", "Coordinator", False), ("Globex", "CTO", True)]


@pytest.mark.parametrize(
    ("held", "said"),
    [("Director of Data Science", "Director, Data Science"),
     ("Head of Sales & Marketing", "Marketing and Sales Head"),
     ("Data Analyst", "Analyst"), ("Senior Product Designer", "Designer"),
     ("Director, Data Science", "Director"), ("Founder & CEO", "Founder"),
     ("Analyst at Google", "Analyst")],
)  # fmt: skip
def test_a_title_written_otherwise_or_with_words_left_out_is_the_same_job(
    session, workspace, held, said
):
    run(session, workspace, linkedin("Globex", held))
    report = run(session, workspace, card("Globex", said))
    (row,) = report.rows
    assert "now" not in row.detail
    assert jobs(session) == [("Globex", held, True)]


def test_a_new_title_at_the_same_employer_says_the_one_before(session, workspace):
    run(session, workspace, card("Globex", "Recruiter"))
    report = run(session, workspace, linkedin("Globex", "Talent Partner"))
    (row,) = report.rows
    assert "now Talent Partner at Globex (was Recruiter)" in row.detail
    assert jobs(session) == [("Globex", "Recruiter", False), ("Globex", "Talent Partner", True)]


def test_a_title_saying_more_is_still_a_new_title(session, workspace):
    # (A promotion keeps the job before as history: "Senior Engineer" after "Engineer".)
    run(session, workspace, card("Globex", "Engineer"))
    run(session, workspace, linkedin("Globex", "Senior Engineer"))
    assert jobs(session) == [("Globex", "Engineer", False), ("Globex", "Senior Engineer", True)]


@pytest.mark.parametrize(
    ("held", "said"),
    [("Vice President", "President"), ("Deputy Director", "Director"),
     ("Software Engineer Intern", "Software Engineer"), ("Sales Director", "Sales"),
     ("Engineer 2", "Engineer"), ("Assistant to the Director", "Assistant Director"),
     ("Accounting Manager", "Account Manager")],
)  # fmt: skip
def test_a_title_that_is_another_job_is_a_new_title(session, workspace, held, said):
    # Words that make another job (vice, deputy, intern; the word it names the job by; a
    # grade) are never left out of "the same job", nor is a whole word taken for a short one.
    run(session, workspace, card("Globex", held))
    run(session, workspace, linkedin("Globex", said))
    assert jobs(session) == [("Globex", held, False), ("Globex", said, True)]


@pytest.mark.parametrize(
    ("held", "written"),
    [
        ("Product Manager", "PM"),
        ("Chief Technology Officer", "CTO"),
        ("Head of Human Resources", "Head of HR"),
    ],
)
def test_a_card_giving_the_title_by_its_initials_keeps_the_linkedin_job(
    session, workspace, held: str, written: str
):
    run(session, workspace, linkedin("Google", held))
    report = run(session, workspace, card("Google", written))
    (row,) = report.rows
    assert row.outcome is Outcome.MERGED
    assert jobs(session) == [("Google", held, True)]
    # A newer LinkedIn title is then a new job, the one held before kept as history.
    run(session, workspace, linkedin("Google", f"Senior {held}"))
    assert jobs(session) == [("Google", held, False), ("Google", f"Senior {held}", True)]


def test_a_title_by_its_initials_is_written_out_by_a_record_that_spells_it(session, workspace):
    run(session, workspace, card("Google", "PM"))
    report = run(session, workspace, linkedin("Google", "Product Manager"))
    (row,) = report.rows
    assert "title Product Manager (was PM)" in row.detail
    assert jobs(session) == [("Google", "Product Manager", True)]


def test_a_job_given_as_current_that_ended_here_is_said_to_be_left_ended(session, workspace):
    run(session, workspace, linkedin("Nightjar Labs", "Software Engineer"))
    job = session.scalars(select(Position)).one()
    job.is_current, job.end_date = False, date(2026, 8, 23)  # ended by hand since
    session.flush()
    report = run(session, workspace, linkedin("Nightjar Labs", "Engineer"))
    (row,) = report.rows
    assert row.detail.endswith(
        "job at Nightjar Labs left as ended 2026-08-23: the file gives it as current "
        "(if they went back, edit the job on their page)"
    )
    session.expire_all()
    assert [(p.is_current, p.end_date) for p in session.scalars(select(Position))] == [
        (False, date(2026, 8, 23))
    ]


def test_a_connection_whose_row_gives_no_job_now_is_said_to_keep_the_job(session, workspace):
    run(session, workspace, linkedin("Globex", "Engineering Manager"))
    report = run(session, workspace, linkedin("", ""))
    (row,) = report.rows
    assert row.detail.endswith(
        "the file gives no job now; Engineering Manager at Globex left as current (if they "
        "left, end the job on their page)"
    )
    session.expire_all()
    assert [p.is_current for p in session.scalars(select(Position))] == [True]


def test_two_current_jobs_a_card_would_end_are_both_named(session, workspace):
    run(session, workspace, linkedin("Meta", "Recruiter"))
    for job in session.scalars(select(Position)):
        session.add(
            Position(workspace_id=workspace.id, person_id=job.person_id,
                     organization_id=job.organization_id, title="Mentor", is_current=True)
        )  # fmt: skip
    session.flush()
    report = run(session, workspace, card("Metals Group", "Buyer"))
    assert report.rows[0].detail.endswith(
        "connection's job (Recruiter at Meta, Mentor at Meta stay; if they have moved since, "
        "edit their jobs on their page)"
    )


def test_a_newer_linkedin_row_makes_the_card_s_past_job_current(session, workspace):
    run(session, workspace, linkedin("Meta", "Recruiter"))
    run(session, workspace, card("Metals Group", "Buyer"))  # kept as past
    report = run(session, workspace, linkedin("Metals Group", "Buyer"))
    (row,) = report.rows
    assert row.detail.endswith("now Buyer at Metals Group (was Recruiter at Meta)")
    assert jobs(session) == [("Meta", "Recruiter", False), ("Metals Group", "Buyer", True)]


def test_a_card_giving_a_job_ended_here_leaves_it_ended(session, workspace):
    # (Only LinkedIn says they moved back: an old card does not.)
    run(session, workspace, card("Metals Group", "Buyer"))
    run(session, workspace, linkedin("Meta", "Recruiter"))  # Metals Group ended
    other = card("Metals Group", "Buyer").data.replace(b"VERSION:3.0", b"VERSION:3.0\r\nUID:o-1")
    run(session, workspace, Upload("old.vcf", other))
    assert jobs(session) == [("Metals Group", "Buyer", False), ("Meta", "Recruiter", True)]


def test_a_job_ended_by_hand_that_linkedin_still_gives_stays_ended(session, workspace):
    run(session, workspace, linkedin("Meta", "Recruiter"))
    job = session.scalars(select(Position)).one()
    job.is_current = False  # ended by hand, the day not known
    session.flush()
    # A newer row, changed elsewhere (its e-mail address), still gives the job.
    newer = linkedin("Meta", "Recruiter").data.replace(b"jo@example.org", b"jo@meta.example")
    report = run(session, workspace, Upload("Connections.csv", newer))
    (row,) = report.rows
    assert "left as ended" in row.detail
    assert jobs(session) == [("Meta", "Recruiter", False)]


def test_a_connection_with_a_title_and_no_company_keeps_a_card_s_job_past(session, workspace):
    # A title alone still says what they do now (a freelancer, between jobs, a company kept
    # hidden): the card's undated job is kept as a past one, whichever import came first.
    run(session, workspace, linkedin("", "Freelance UX designer"))
    report = run(session, workspace, card("Metals Group", "Buyer"))
    assert report.rows[0].detail.endswith(
        "past position added: Buyer at Metals Group; not made current: a record without dates "
        "does not move a LinkedIn connection's job (Freelance UX designer, with no company, "
        "stays their job now; if they have moved since, edit their jobs on their page)"
    )
    assert jobs(session) == [("Metals Group", "Buyer", False)]


def test_in_one_import_a_title_alone_keeps_a_card_s_job_past(session, workspace):
    import_files(
        session, workspace_id=workspace.id, today=TODAY,
        paths_or_uploads=[linkedin("", "Freelance UX designer"), card("Metals Group", "Buyer")],
    )  # fmt: skip
    assert jobs(session) == [("Metals Group", "Buyer", False)]


def test_a_card_s_job_with_the_connection_s_title_alone_is_their_job_now(session, workspace):
    # The company kept hidden on LinkedIn may be the card's: the same title says it is.
    run(session, workspace, linkedin("", "UX Designer"))
    run(session, workspace, card("Metals Group", "UX designer"))
    assert jobs(session) == [("Metals Group", "UX designer", True)]


def test_a_title_alone_imported_after_a_card_makes_its_job_past(session, workspace):
    # The other order: the connection's title alone comes after the card's undated job.
    run(session, workspace, card("Metals Group", "Buyer"))
    report = run(session, workspace, linkedin("", "Freelance UX designer"))
    (row,) = report.rows
    assert row.detail.endswith(
        "Buyer at Metals Group now a past job (LinkedIn gives Freelance UX designer, with no "
        "company, as their job now)"
    )
    assert jobs(session) == [("Metals Group", "Buyer", False)]


def test_in_one_import_a_card_before_a_title_alone_keeps_its_job_past(session, workspace):
    import_files(
        session, workspace_id=workspace.id, today=TODAY,
        paths_or_uploads=[card("Metals Group", "Buyer"), linkedin("", "Freelance UX designer")],
    )  # fmt: skip
    assert jobs(session) == [("Metals Group", "Buyer", False)]


def test_a_title_alone_after_a_card_s_job_with_that_title_keeps_it_current(session, workspace):
    run(session, workspace, card("Metals Group", "UX designer"))
    run(session, workspace, linkedin("", "UX Designer"))
    assert jobs(session) == [("Metals Group", "UX designer", True)]


def test_a_title_alone_leaves_the_job_of_someone_added_by_hand(session, workspace):
    # A job you typed in is yours: only a record's undated job is made past.
    jo = people.create(
        session,
        workspace_id=workspace.id,
        data=PersonCreate(given_name="Jo", family_name="Park", emails=["jo@example.org"]),
    )
    people.add_position(
        session, workspace_id=workspace.id, person_id=jo.id,
        data=PositionCreate(organization_name="Metals Group", title="Buyer"),
    )  # fmt: skip
    session.flush()
    run(session, workspace, linkedin("", "Freelance UX designer"))
    session.expire_all()
    assert jobs(session) == [("Metals Group", "Buyer", True)]
