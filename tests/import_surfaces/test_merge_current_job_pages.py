"""The review page offers whose current job stays current when each works somewhere the
other does not, the rule's answer chosen; the API and the CLI take and say the same."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

import factories as f
from goodword.duplicates import service as duplicates
from goodword.duplicates.models import DuplicateCandidate, Merge
from goodword.people import service as people
from goodword.people.models import PersonSource
from goodword.people.schemas import PositionCreate

API = "/api/v1"


def card_and_connection(session, ws):
    """The same Mia: an address book's card (Metals Group) and a LinkedIn connection (Meta)."""
    card = f.person(session, ws, "Mia Ruiz", emails=["mia@example.org"])
    connection = f.person(session, ws, "Mia Ruiz", emails=["mia@example.org"])
    for person, org, title in ((card, "Metals Group", "Buyer"), (connection, "Meta", "Recruiter")):
        people.add_position(
            session, workspace_id=ws, person_id=person.id,
            data=PositionCreate(organization_name=org, title=title),
        )  # fmt: skip
    session.add(PersonSource(workspace_id=ws, person_id=connection.id, source="linkedin",
                             external_key="https://www.linkedin.com/in/mia"))  # fmt: skip
    session.flush()
    return card, connection


def queued(session, ws):
    duplicates.find_duplicates(session, workspace_id=ws)
    return session.scalars(
        select(DuplicateCandidate).where(DuplicateCandidate.workspace_id == ws)
    ).one()


def current(session, ws, person_id):
    session.expire_all()
    person = people.get(session, workspace_id=ws, person_id=person_id)
    return sorted((p.organization.name, p.is_current) for p in person.positions)


def test_the_review_offers_the_current_job_with_the_rules_answer_chosen(client, session, workspace):
    card, connection = card_and_connection(session, workspace.id)
    candidate = queued(session, workspace.id)
    assert (candidate.person_a_id, candidate.person_b_id) == (card.id, connection.id)
    page = client.get(f"/duplicates/{candidate.id}").text
    assert re.search(
        r'id="f-current_job-b" name="current_job" value="b" checked>\s*<label '
        r'for="f-current_job-b"><span class="visually-hidden">Current job of B: </span>'
        r"Recruiter at Meta</label>",
        page,
    )
    assert 'id="f-current_job-a" name="current_job" value="a" >' in page
    assert 'name="current_job" value="both" >' in page
    assert (
        "Suggested: B's (a job without dates does not end a LinkedIn connection&#39;s job)" in page
    )
    merged = client.post(
        f"/duplicates/{candidate.id}/merge", data={"keep": "a", "current_job": "b"}
    )
    assert "Now a past job: Buyer at Metals Group." in merged.text
    assert current(session, workspace.id, card.id) == [("Meta", True), ("Metals Group", False)]


def test_keeping_b_reads_the_current_job_as_shown(client, session, workspace):
    _card, connection = card_and_connection(session, workspace.id)
    candidate = queued(session, workspace.id)
    client.post(f"/duplicates/{candidate.id}/merge", data={"keep": "b", "current_job": "a"})
    # A's job (the card's, on the left) stays current, though B's record is kept.
    assert current(session, workspace.id, connection.id) == [
        ("Meta", False), ("Metals Group", True)
    ]  # fmt: skip


def test_the_review_does_not_ask_when_one_job_is_current(client, session, workspace):
    card, _connection = card_and_connection(session, workspace.id)
    job = people.get(session, workspace_id=workspace.id, person_id=card.id).positions[0]
    job.is_current = False
    session.flush()
    candidate = queued(session, workspace.id)
    assert 'name="current_job"' not in client.get(f"/duplicates/{candidate.id}").text


def test_the_api_merge_takes_a_current_job_and_says_the_jobs_it_ended(client, session, workspace):
    card, connection = card_and_connection(session, workspace.id)
    session.commit()
    body = {"survivor_id": card.id, "absorbed_id": connection.id}
    ruled = client.post(f"{API}/merges", json=body).json()
    assert ruled["jobs_ended"] == ["Buyer at Metals Group"]
    client.post(f"{API}/merges/{ruled['merge']['id']}/undo")
    both = client.post(f"{API}/merges", json=body | {"choices": {"current_job": "both"}}).json()
    assert both["jobs_ended"] == []
    assert sorted(p["is_current"] for p in both["person"]["positions"]) == [True, True]
    client.post(f"{API}/merges/{both['merge']['id']}/undo")
    wrong = client.post(f"{API}/merges", json=body | {"choices": {"current_job": "c"}})
    assert wrong.status_code == 422
    assert wrong.json()["error"]["fields"][0]["field"] == "choices.current_job"


def test_the_review_asks_about_a_current_job_only_when_the_merge_will_decide_it(
    client, session, workspace
):
    card, _connection = card_and_connection(session, workspace.id)
    # The card had the connection's job at Meta once: kept as the card, the connection's
    # undated job there is that past job, so no current job is left to choose.
    people.add_position(
        session, workspace_id=workspace.id, person_id=card.id,
        data=PositionCreate(organization_name="Meta", title="Recruiter", is_current=False),
    )  # fmt: skip
    candidate = queued(session, workspace.id)
    page = client.get(f"/duplicates/{candidate.id}").text
    assert 'name="current_job"' in page
    assert "Asked only if you keep B; keeping A, the merge has no current job to choose." in page
    merged = client.post(f"/duplicates/{candidate.id}/merge", data={"keep": "a"})
    assert "Now a past job" not in merged.text
    assert current(session, workspace.id, card.id) == [("Meta", False), ("Metals Group", True)]
    # Kept as the connection, the card's past job folds into the connection's current one,
    # and the question is the merge's.
    client.post(f"{API}/merges/{session.scalars(select(Merge.id)).one()}/undo")
    session.commit()
    merged = client.post(
        f"/duplicates/{candidate.id}/merge", data={"keep": "b", "current_job": "a"}
    )
    assert "Now a past job: Recruiter at Meta." in merged.text


def left_northwind(session, ws):
    """Two records of Mia whose current-job question depends on which is kept: A left
    Northwind for Globex; B's undated Northwind is that past job when A is kept (so only
    Hooli is weighed), and B's own current job when B is kept."""
    a = f.person(session, ws, "Mia Ruiz", emails=["mia@example.org"])
    b = f.person(session, ws, "Mia Ruiz", emails=["mia@example.org"])
    for person, org, title, fields in (
        (a, "Northwind", "Recruiter", {"start_date": date(2019, 1, 1), "end_date":
                                       date(2023, 12, 1), "is_current": False}),
        (a, "Globex", "Talent Lead", {"start_date": date(2024, 1, 1)}),
        (b, "Northwind", None, {}),
        (b, "Hooli", "Advisor", {}),
    ):  # fmt: skip
        people.add_position(
            session, workspace_id=ws, person_id=person.id,
            data=PositionCreate(organization_name=org, title=title, **fields),
        )  # fmt: skip
    # (Adding Hooli ended the undated Northwind job; both records say both are current.)
    for job in people.get(session, workspace_id=ws, person_id=b.id).positions:
        job.is_current = True
    session.flush()
    return a, b


def test_the_current_job_question_follows_the_one_kept(client, session, workspace):
    a, b = left_northwind(session, workspace.id)
    candidate = queued(session, workspace.id)
    assert (candidate.person_a_id, candidate.person_b_id) == (a.id, b.id)
    page = client.get(f"/duplicates/{candidate.id}").text
    assert f'hx-get="/duplicates/{candidate.id}/current-job"' in page
    assert "Current job of B: </span>Advisor at Hooli</label>" in page
    kept_b = client.get(f"/duplicates/{candidate.id}/current-job", params={"keep": "b"})
    assert kept_b.status_code == 200
    assert kept_b.text.lstrip().startswith('<tbody id="current-job">')
    assert "Current job of B: </span>Northwind, Advisor at Hooli</label>" in kept_b.text
    assert 'value="a" checked' in kept_b.text  # (Globex's dated start: the rule's answer)
    kept_a = client.get(f"/duplicates/{candidate.id}/current-job", params={"keep": "a"})
    assert "Current job of B: </span>Advisor at Hooli</label>" in kept_a.text


def test_the_current_job_part_is_an_empty_place_when_there_is_nothing_to_ask(
    client, session, workspace
):
    card, _connection = card_and_connection(session, workspace.id)
    job = people.get(session, workspace_id=workspace.id, person_id=card.id).positions[0]
    job.is_current = False
    session.flush()
    candidate = queued(session, workspace.id)
    part = client.get(f"/duplicates/{candidate.id}/current-job", params={"keep": "b"}).text
    assert part.strip() == '<tbody id="current-job" hidden></tbody>'
