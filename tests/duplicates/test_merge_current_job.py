"""A merge of two people who each work somewhere now leaves one sensible current job (the
rule an import follows, or the user's choice), and its undo gives both jobs back exactly."""

from __future__ import annotations

from datetime import date

import pytest

import factories as f
from goodword.duplicates import current_job, merging
from goodword.errors import InvalidInput
from goodword.people import positions
from goodword.people import service as people
from goodword.people.models import PersonSource
from goodword.people.schemas import PositionCreate


def job(session, ws, person, org, title=None, **fields):
    return people.add_position(
        session, workspace_id=ws, person_id=person.id,
        data=PositionCreate(organization_name=org, title=title, **fields),
    )  # fmt: skip


def linkedin(session, ws, person):
    session.add(PersonSource(workspace_id=ws, person_id=person.id, source="linkedin",
                             external_key="https://www.linkedin.com/in/someone"))  # fmt: skip
    session.flush()


def jobs(session, ws, person_id):
    session.expire_all()
    person = people.get(session, workspace_id=ws, person_id=person_id)
    return sorted((p.organization.name, p.is_current, p.end_date) for p in person.positions)


def shown(session, ws, person_id):
    session.expire_all()
    return people.to_read(people.get(session, workspace_id=ws, person_id=person_id)).positions


@pytest.mark.parametrize("keep_linkedin", [True, False])
def test_an_address_books_undated_job_does_not_end_a_linkedin_connections(
    session, workspace, keep_linkedin
):
    ws = workspace.id
    card, connection = f.person(session, ws, "Mia Ruiz"), f.person(session, ws, "Mia Ruiz")
    job(session, ws, card, "Metals Group", "Buyer")
    job(session, ws, connection, "Meta", "Recruiter")
    linkedin(session, ws, connection)
    survivor, absorbed = (connection, card) if keep_linkedin else (card, connection)
    merging.merge(session, workspace_id=ws, survivor_id=survivor.id, absorbed_id=absorbed.id)
    assert jobs(session, ws, survivor.id) == [("Meta", True, None), ("Metals Group", False, None)]


def test_the_job_that_started_later_wins_and_the_other_ends_at_its_start(session, workspace):
    ws = workspace.id
    old, new = f.person(session, ws, "Sam Ode"), f.person(session, ws, "Sam Ode")
    job(session, ws, old, "Initech", start_date=date(2019, 3, 1))
    job(session, ws, new, "Globex", start_date=date(2024, 5, 1))
    merging.merge(session, workspace_id=ws, survivor_id=old.id, absorbed_id=new.id)
    assert jobs(session, ws, old.id) == [
        ("Globex", True, None),
        ("Initech", False, date(2024, 5, 1)),
    ]


def test_a_dated_job_wins_over_an_undated_one_when_neither_is_linkedins(session, workspace):
    ws = workspace.id
    dated, undated = f.person(session, ws, "Sam Ode"), f.person(session, ws, "Sam Ode")
    job(session, ws, dated, "Globex", start_date=date(2024, 5, 1))
    job(session, ws, undated, "Hooli")
    merging.merge(session, workspace_id=ws, survivor_id=undated.id, absorbed_id=dated.id)
    assert jobs(session, ws, undated.id) == [
        ("Globex", True, None), ("Hooli", False, date(2024, 5, 1))
    ]  # fmt: skip


def test_the_choice_overrides_the_rule_and_both_keeps_both(session, workspace):
    ws = workspace.id
    card, connection = f.person(session, ws, "Mia Ruiz"), f.person(session, ws, "Mia Ruiz")
    job(session, ws, card, "Metals Group", "Buyer")
    job(session, ws, connection, "Meta", "Recruiter")
    linkedin(session, ws, connection)
    record = merging.merge(
        session, workspace_id=ws, survivor_id=connection.id, absorbed_id=card.id,
        choices={"current_job": "b"},
    )  # fmt: skip
    assert jobs(session, ws, connection.id) == [("Meta", False, None), ("Metals Group", True, None)]
    merging.undo_merge(session, workspace_id=ws, merge_id=record.id)
    merging.merge(
        session, workspace_id=ws, survivor_id=connection.id, absorbed_id=card.id,
        choices={"current_job": "both"},
    )  # fmt: skip
    assert jobs(session, ws, connection.id) == [("Meta", True, None), ("Metals Group", True, None)]


def test_a_job_at_an_organization_both_work_at_stays_current(session, workspace):
    ws = workspace.id
    a, b = f.person(session, ws, "Li Wu"), f.person(session, ws, "Li Wu")
    # (Each side role began before the other job, so adding it ends nothing.)
    job(session, ws, a, "Globex", "Lead", start_date=date(2023, 1, 1))
    job(session, ws, a, "Acme", "Engineer", start_date=date(2020, 1, 1))
    job(session, ws, b, "Hooli", "Advisor", start_date=date(2018, 1, 1))
    job(session, ws, b, "Acme", "Board member", start_date=date(2017, 1, 1))
    merging.merge(session, workspace_id=ws, survivor_id=b.id, absorbed_id=a.id)
    # a's latest start (Globex, 2023) wins; b's Acme job stays, as a works at Acme now too.
    assert jobs(session, ws, b.id) == [
        ("Acme", True, None), ("Acme", True, None), ("Globex", True, None),
        ("Hooli", False, date(2023, 1, 1)),
    ]  # fmt: skip


def test_undo_gives_both_jobs_back_exactly(session, workspace):
    ws = workspace.id
    old, new = f.person(session, ws, "Sam Ode"), f.person(session, ws, "Sam Ode")
    job(session, ws, old, "Initech", "Analyst", start_date=date(2019, 3, 1))
    job(session, ws, old, "Umbrella", start_date=date(2015, 1, 1), end_date=date(2019, 2, 1),
        is_current=False)  # fmt: skip
    job(session, ws, new, "Globex", "Lead", start_date=date(2024, 5, 1))
    before_old, before_new = shown(session, ws, old.id), shown(session, ws, new.id)
    record = merging.merge(session, workspace_id=ws, survivor_id=new.id, absorbed_id=old.id)
    assert ("Initech", False, date(2024, 5, 1)) in jobs(session, ws, new.id)
    merging.undo_merge(session, workspace_id=ws, merge_id=record.id)
    assert shown(session, ws, old.id) == before_old
    assert shown(session, ws, new.id) == before_new


def test_undo_keeps_a_job_edited_since_the_merge(session, workspace):
    ws = workspace.id
    old, new = f.person(session, ws, "Sam Ode"), f.person(session, ws, "Sam Ode")
    initech = job(session, ws, old, "Initech", start_date=date(2019, 3, 1))
    job(session, ws, new, "Globex", start_date=date(2024, 5, 1))
    record = merging.merge(session, workspace_id=ws, survivor_id=new.id, absorbed_id=old.id)
    positions.update_position(
        session, workspace_id=ws, position_id=initech.id,
        data=PositionCreate(organization_name="Initech", start_date=date(2019, 3, 1),
                            end_date=date(2024, 4, 1), is_current=False),
    )  # fmt: skip
    merging.undo_merge(session, workspace_id=ws, merge_id=record.id)
    assert jobs(session, ws, old.id) == [("Initech", False, date(2024, 4, 1))]


def test_a_choice_of_current_job_is_a_b_or_both(session, workspace):
    ws = workspace.id
    a, b = f.person(session, ws, "Li Wu"), f.person(session, ws, "Li Wu")
    with pytest.raises(InvalidInput):
        merging.merge(session, workspace_id=ws, survivor_id=a.id, absorbed_id=b.id,
                      choices={"current_job": "newest"})  # fmt: skip


@pytest.mark.parametrize(("keep_card", "choice"), [(True, None), (True, "b"), (False, None)])
def test_a_job_both_say_is_current_stays_current_when_one_copy_is_folded_into_the_other(
    session, workspace, keep_card, choice
):
    # Both records say Mia works at Acme now (the same job, so the merge keeps one copy);
    # the connection also sits on Beta's board. Nothing is to choose: both jobs stay
    # current, whichever record is kept and whatever was chosen, and the undo gives each
    # record its jobs back.
    ws = workspace.id
    card, connection = f.person(session, ws, "Mia Ruiz"), f.person(session, ws, "Mia Ruiz")
    job(session, ws, card, "Acme", "Buyer", start_date=date(2020, 1, 1))
    job(session, ws, connection, "Acme", "Buyer", start_date=date(2020, 1, 1))
    job(session, ws, connection, "Beta", "Board member", start_date=date(2018, 1, 1))
    linkedin(session, ws, connection)
    before_card, before_connection = shown(session, ws, card.id), shown(session, ws, connection.id)
    survivor, absorbed = (card, connection) if keep_card else (connection, card)
    assert current_job.question(session, survivor_id=survivor.id, absorbed_id=absorbed.id) is None
    record = merging.merge(
        session, workspace_id=ws, survivor_id=survivor.id, absorbed_id=absorbed.id,
        choices={"current_job": choice} if choice else None,
    )  # fmt: skip
    assert jobs(session, ws, survivor.id) == [("Acme", True, None), ("Beta", True, None)]
    merging.undo_merge(session, workspace_id=ws, merge_id=record.id)
    assert shown(session, ws, card.id) == before_card
    assert shown(session, ws, connection.id) == before_connection


def test_a_job_ended_at_a_start_given_as_a_month_ends_in_that_month_and_undo_forgets_it(
    session, workspace
):
    ws = workspace.id
    old, new = f.person(session, ws, "Sam Ode"), f.person(session, ws, "Sam Ode")
    job(session, ws, old, "Initech", start_date=date(2019, 3, 1))
    moved = job(session, ws, new, "Globex", start_date=date(2024, 5, 1))
    moved.start_precision = "month"  # (LinkedIn's "May 2024")
    session.flush()

    record = merging.merge(session, workspace_id=ws, survivor_id=old.id, absorbed_id=new.id)

    ended = [p for p in shown(session, ws, old.id) if p.organization_name == "Initech"]
    assert [(p.end_date, p.end_precision) for p in ended] == [(date(2024, 5, 1), "month")]
    merging.undo_merge(session, workspace_id=ws, merge_id=record.id)
    (back,) = shown(session, ws, old.id)
    assert (back.is_current, back.end_date, back.end_precision) == (True, None, None)
    session.expire_all()
    (kept,) = people.get(session, workspace_id=ws, person_id=old.id).positions
    assert kept.end_precision is None


def test_a_job_both_hold_keeps_the_month_one_of_them_gives_and_undo_the_day(session, workspace):
    ws = workspace.id
    # The same job: one kept as a whole day before months were kept, one as LinkedIn's month.
    kept, other = f.person(session, ws, "Sam Ode"), f.person(session, ws, "Sam Ode")
    job(session, ws, kept, "Globex", "Lead", start_date=date(2024, 5, 1))
    monthly = job(session, ws, other, "Globex", "Lead", start_date=date(2024, 5, 1))
    monthly.start_precision = "month"
    session.flush()

    record = merging.merge(session, workspace_id=ws, survivor_id=kept.id, absorbed_id=other.id)

    (one,) = shown(session, ws, kept.id)
    assert (one.start_date, one.start_precision) == (date(2024, 5, 1), "month")
    merging.undo_merge(session, workspace_id=ws, merge_id=record.id)
    assert [p.start_precision for p in shown(session, ws, kept.id)] == ["day"]
    assert [p.start_precision for p in shown(session, ws, other.id)] == ["month"]


def test_a_job_from_a_year_did_not_start_before_one_from_a_day_of_it(session, workspace):
    # Initech is known only as 2024: it may have started after 17 May 2024, or before. The
    # rule cannot tell (as for the same start), so both stay current. (Before: read as
    # 1 January 2024, Globex "started later" and Initech ended on 17 May 2024.)
    ws = workspace.id
    old, new = f.person(session, ws, "Sam Ode"), f.person(session, ws, "Sam Ode")
    initech = job(session, ws, old, "Initech", start_date=date(2024, 1, 1))
    initech.start_precision = "year"
    job(session, ws, new, "Globex", start_date=date(2024, 5, 17))
    session.flush()

    asked = current_job.question(session, survivor_id=old.id, absorbed_id=new.id)
    merging.merge(session, workspace_id=ws, survivor_id=old.id, absorbed_id=new.id)

    assert asked is not None and (asked.suggested, asked.why) == ("both", "both started then")
    assert jobs(session, ws, old.id) == [("Globex", True, None), ("Initech", True, None)]


def test_a_job_kept_current_from_a_year_ends_one_from_a_month_of_it_in_that_year(
    session, workspace
):
    ws = workspace.id
    old, new = f.person(session, ws, "Sam Ode"), f.person(session, ws, "Sam Ode")
    initech = job(session, ws, old, "Initech", start_date=date(2024, 1, 1))
    initech.start_precision = "year"
    globex = job(session, ws, new, "Globex", start_date=date(2024, 6, 1))
    globex.start_precision = "month"
    session.flush()

    merging.merge(session, workspace_id=ws, survivor_id=old.id, absorbed_id=new.id,
                  choices={"current_job": "a"})  # fmt: skip

    # Globex ended in 2024, when Initech began: June 2024 is not after 2024. (Before: it
    # was ended with no end, June read as after 1 January.)
    ended = [p for p in shown(session, ws, old.id) if p.organization_name == "Globex"]
    assert [(p.is_current, p.end_date, p.end_precision) for p in ended] == [
        (False, date(2024, 1, 1), "year")
    ]


def both_current(session, ws, person):
    """Two current jobs: at Initech from 2021, at Umbrella from March 2021."""
    initech = job(session, ws, person, "Initech", start_date=date(2021, 1, 1))
    umbrella = job(session, ws, person, "Umbrella", start_date=date(2021, 3, 1))
    initech.start_precision, umbrella.start_precision = "year", "month"
    initech.is_current, initech.end_date = True, None  # (both, as one record gave them)


def test_a_side_whose_job_from_a_year_may_be_the_later_is_not_said_to_have_started_before(
    session, workspace
):
    # Initech is known only as 2021 (it may have begun after June 2021), Umbrella as
    # March 2021: neither side's jobs all began before the other's. (Before, the latest by
    # its first day was March 2021, so Globex "started later" and both of hers ended.)
    ws = workspace.id
    old, new = f.person(session, ws, "Sam Ode"), f.person(session, ws, "Sam Ode")
    both_current(session, ws, old)
    job(session, ws, new, "Globex", start_date=date(2021, 6, 1)).start_precision = "month"
    session.flush()

    asked = current_job.question(session, survivor_id=old.id, absorbed_id=new.id)
    back = current_job.question(session, survivor_id=new.id, absorbed_id=old.id)

    assert asked is not None and (asked.suggested, asked.why) == ("both", "both started then")
    assert back is not None and back.suggested == "both"


def test_a_side_kept_ends_the_others_job_at_a_start_it_did_not_begin_after(session, workspace):
    ws = workspace.id
    old, new = f.person(session, ws, "Sam Ode"), f.person(session, ws, "Sam Ode")
    both_current(session, ws, old)
    job(session, ws, new, "Globex", start_date=date(2021, 6, 1)).start_precision = "month"
    session.flush()

    merging.merge(session, workspace_id=ws, survivor_id=old.id, absorbed_id=new.id,
                  choices={"current_job": "a"})  # fmt: skip

    # June 2021 is after March 2021 but not after 2021: Globex ended in 2021, when Initech
    # began. (Before, it was left with no end, weighed against March 2021 alone.)
    ended = [p for p in shown(session, ws, old.id) if p.organization_name == "Globex"]
    assert [(p.is_current, p.end_date, p.end_precision) for p in ended] == [
        (False, date(2021, 1, 1), "year")
    ]
