"""The JSON export and import: lossless round trips, and bad files that write nothing."""

from __future__ import annotations

import copy
import itertools
import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

import factories
from goodword.connections.models import Connection, ConnectionKind
from goodword.db import Base
from goodword.errors import Conflict, InvalidInput
from goodword.exchange import schemas
from goodword.exchange import service as exchange
from goodword.interactions.models import Direction, Interaction, Participant
from goodword.leads import service as leads
from goodword.leads.models import Lead, LeadKind, LeadShare, ShareStatus
from goodword.leads.schemas import LeadCreate
from goodword.network.loader import graph_version
from goodword.opportunities import service as opportunities
from goodword.opportunities.models import Opportunity, Stage, StageChange
from goodword.organizations.models import Organization
from goodword.people import service as people
from goodword.people.deleted import digest
from goodword.people.models import (
    DeletedSource,
    Person,
    PersonEmail,
    PersonPhone,
    PersonSource,
    PersonUrl,
    Position,
)
from goodword.people.schemas import PositionCreate
from goodword.playbooks import library
from goodword.playbooks.models import MessageTemplate
from goodword.playbooks.schemas import MessageTemplateIn
from goodword.records import sort_key
from goodword.references import service as references
from goodword.references.models import Reference, ReferenceUse, UseStatus
from goodword.references.schemas import ReferenceCreate, ReferenceUseMove
from goodword.referrals import service as referrals
from goodword.referrals.models import AskStatus, ReferralAsk
from goodword.referrals.schemas import ReferralAskCreate, ReferralAskMove
from goodword.search import service as search
from goodword.search.models import SearchDocument
from goodword.tasks import service as tasks
from goodword.tasks.models import Task, TaskStatus
from goodword.tasks.schemas import TaskStatusChange
from goodword.workspaces import service as workspaces
from goodword.workspaces.models import Workspace

_slugs = itertools.count()


def fresh_workspace(session: Session) -> Workspace:
    return workspaces.get_or_create(session, slug=f"w{next(_slugs)}", name="A search")


def build_network(session: Session, ws: int) -> None:
    """A small workspace touching every field the export carries."""
    me = factories.person(
        session,
        ws,
        "Alice Moreau",
        given_name="Alice",
        family_name="Moreau",
        is_me=True,
        emails=["alice@example.org"],
        phones=["+44 20 7946 0000"],
        urls=["linkedin.com/in/Alice-Moreau/"],
        tags=["product"],
        interests=["cycling", "jazz"],
        birthday=date(1990, 4, 1),
    )
    me.keep_in_touch_days = 30
    me.sources.append(
        PersonSource(
            workspace_id=ws,
            source="linkedin",
            file_name="Connections.csv",
            external_key="row 4",
            imported_at=datetime(2026, 10, 1, 9, 30, tzinfo=UTC),
        )
    )
    hana = factories.person(session, ws, "Hana Haddad", location="Lyon", how_we_met="Meetup")
    omar = factories.person(session, ws, "Omar Khoury", notes="Sales lead; always answers.")
    factories.organization(session, ws, "Acme Robotics", aliases=["Acme"], domains=["acme.example"])
    people.add_position(
        session,
        workspace_id=ws,
        person_id=hana.id,
        data=PositionCreate(
            organization_name="Acme Robotics",
            title="VP Product",
            department="Product",
            start_date=date(2021, 3, 1),
        ),
    )
    people.add_position(
        session,
        workspace_id=ws,
        person_id=omar.id,
        data=PositionCreate(
            organization_name="Globex", start_date=date(2015, 1, 1), end_date=date(2020, 6, 30)
        ),
    )
    job = factories.opportunity(
        session,
        ws,
        role_title="Product Manager",
        hiring_manager_id=hana.id,
        pay_min="95000",
        pay_max="120000.50",
        pay_currency="EUR",
        pay_period="year",
        route="introduction",
        city="Lyon",
        country="France",
        next_step="Send the case study",
        next_step_due=date(2026, 11, 20),
    )
    opportunities.move(
        session, workspace_id=ws, opportunity_id=job.id, stage=Stage.INTERVIEWING, note="Round 1"
    )
    interview = factories.interaction(
        session,
        ws,
        kind="interview",
        interview_round=3,
        opportunity_id=job.id,
        summary="Final round.",
        participants=[
            {"person_id": hana.id, "rapport": "clicked"},
            {"person_id": omar.id, "rapport": "good"},
        ],
    )
    message = factories.interaction(
        session, ws, kind="message", participants=[{"person_id": omar.id}]
    )
    message.direction = Direction.OUTBOUND
    message.external_id = "msg-1"
    factories.connection(session, ws, me, hana, kind="interviewer", closeness=4, source="Acme")
    factories.connection(session, ws, hana, omar, kind="colleague", since=date(2021, 3, 1))
    thanks = factories.task(
        session, ws, "Thank Hana", due_date=date(2026, 11, 21), person_id=hana.id
    )
    thanks.origin_key = "rejection:1:thank"
    done = factories.task(
        session, ws, "Ask Omar", opportunity_id=job.id, interaction_id=interview.id
    )
    tasks.set_status(
        session, workspace_id=ws, task_id=done.id, change=TaskStatusChange(status=TaskStatus.DONE)
    )
    factories.task(session, ws, "Look at Acme", organization_id=job.organization_id)
    build_playbook_records(session, ws, hana=hana, omar=omar, job=job)
    session.flush()


def build_playbook_records(
    session: Session, ws: int, *, hana: Person, omar: Person, job: Opportunity
) -> None:
    """Each playbook record, made through its own service and taken through its statuses."""
    globex = session.scalars(
        select(Organization).where(Organization.workspace_id == ws, Organization.name == "Globex")
    ).one()
    ask = referrals.create(
        session,
        workspace_id=ws,
        data=ReferralAskCreate(
            person_id=hana.id,
            target_organization_id=globex.id,
            source_opportunity_id=job.id,
            notes="She offered after the final round.",
        ),
    )
    for status, on in [
        (AskStatus.ASKED, date(2026, 11, 2)),
        (AskStatus.INTRODUCED, date(2026, 11, 9)),
    ]:
        referrals.move(
            session,
            workspace_id=ws,
            ask_id=ask.id,
            data=ReferralAskMove(
                status=status,
                on=on,
                introduced_to="Lena at Globex" if status is AskStatus.INTRODUCED else None,
                result_opportunity_id=job.id,
            ),
        )
    referrals.mark_reported_back(session, workspace_id=ws, ask_id=ask.id, on=date(2026, 11, 12))
    referrals.create(session, workspace_id=ws, data=ReferralAskCreate(person_id=omar.id))

    speaker = references.create(
        session,
        workspace_id=ws,
        data=ReferenceCreate(
            person_id=omar.id,
            consent_on=date(2026, 10, 20),
            relationship_text="My manager at Globex",
            can_speak_to="The launch I led",
        ),
    )
    references.create(
        session,
        workspace_id=ws,
        data=ReferenceCreate(person_id=hana.id, is_current_workplace=True, active=False),
    )
    use, _ = references.start_use(
        session,
        workspace_id=ws,
        reference_id=speaker.id,
        opportunity_id=job.id,
        today=date(2026, 11, 3),
        stress_points="Shipping under pressure",
    )
    for status, on in [
        (UseStatus.BRIEFED, date(2026, 11, 4)),
        (UseStatus.CALLED, date(2026, 11, 6)),
        (UseStatus.THANKED, date(2026, 11, 7)),
    ]:
        references.move_use(
            session,
            workspace_id=ws,
            use_id=use.id,
            data=ReferenceUseMove(status=status, on=on, outcome="Went well"),
        )
    # Rejected after the reference spoke (no reference is launched for a closed opportunity).
    opportunities.move(session, workspace_id=ws, opportunity_id=job.id, stage=Stage.REJECTED)

    meetup = leads.create(
        session,
        workspace_id=ws,
        data=LeadCreate(
            kind=LeadKind.EVENT,
            title="Robotics meetup",
            description="Demo night",
            url="https://example.org/meetup",
            happens_on=date(2026, 12, 1),
            place="Berlin",
            in_person=True,
            tags=["robotics", "product"],
            organization_name="Globex",
        ),
    )
    sent, _ = leads.record_suggestion(
        session, workspace_id=ws, lead_id=meetup.id, person_id=hana.id, reason="Likes robots"
    )
    leads.mark_share(
        session, workspace_id=ws, share_id=sent.id, status=ShareStatus.SENT, on=date(2026, 11, 8)
    )
    skipped, _ = leads.record_suggestion(
        session, workspace_id=ws, lead_id=meetup.id, person_id=omar.id, reason=None
    )
    leads.mark_share(
        session,
        workspace_id=ws,
        share_id=skipped.id,
        status=ShareStatus.SKIPPED,
        on=date(2026, 11, 8),
    )
    leads.create(session, workspace_id=ws, data=LeadCreate(kind=LeadKind.ARTICLE, title="A read"))

    library.save(
        session,
        workspace_id=ws,
        key="favour_thanks",
        data=MessageTemplateIn(subject="Thanks, {first_name}", body="Thank you.\n{my_name}"),
    )
    # Someone imported and then deleted: an import reading their record again passes over it.
    gone = factories.person(session, ws, "Gus Gone")
    gone.sources.append(
        PersonSource(
            workspace_id=ws,
            source="vcard",
            file_name="phone.vcf",
            external_key="uid-gus",
            imported_at=datetime(2026, 10, 2, tzinfo=UTC),
        )
    )
    session.flush()
    people.delete(session, workspace_id=ws, person_id=gone.id)


def count(session: Session, model: Any, ws: int) -> int:
    return session.scalar(select(func.count()).select_from(model).where(model.workspace_id == ws))


def test_an_imported_workspace_exports_to_the_same_document(
    session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    build_network(session, workspace.id)
    document = exchange.export_workspace(session, workspace_id=workspace.id)
    [gone] = document["deleted_sources"]
    # Only a digest of the deleted record's key goes in the file: not the key, not the name.
    assert (gone["source"], gone["key_digest"]) == ("vcard", digest("vcard", "uid-gus"))
    assert "Gus" not in json.dumps(document["deleted_sources"])

    summary = exchange.import_workspace(session, workspace_id=other_workspace.id, data=document)

    assert exchange.export_workspace(session, workspace_id=other_workspace.id) == document
    assert summary == exchange.ImportSummary(
        organizations=2,
        people=3,
        positions=2,
        opportunities=1,
        interactions=2,
        connections=2,
        tasks=3,
        referral_asks=2,
        references=2,
        reference_uses=1,
        leads=2,
        lead_shares=2,
        message_templates=1,
    )


def test_the_export_refers_by_keys_and_keeps_timestamps(
    session: Session, workspace: Workspace
) -> None:
    build_network(session, workspace.id)
    hana = session.scalar(select(Person).where(Person.display_name == "Hana Haddad"))

    document = exchange.export_workspace(session, workspace_id=workspace.id)

    assert (document["format"], document["version"]) == ("goodword-export", 1)
    assert [p["key"] for p in document["people"]] == ["p1", "p2", "p3"]
    [job] = document["opportunities"]
    assert (job["key"], job["organization"], job["hiring_manager"]) == ("op1", "o1", "p2")
    assert (job["pay_min"], job["pay_max"]) == ("95000.00", "120000.50")
    assert [c["to_stage"] for c in job["stage_changes"]] == ["target", "interviewing", "rejected"]
    assert document["interactions"][0]["participants"] == [
        {"person": "p2", "rapport": "clicked"},
        {"person": "p3", "rapport": "good"},
    ]
    assert document["people"][1]["created_at"] == hana.created_at.isoformat().replace("+00:00", "Z")
    assert str(hana.id) not in {p["key"] for p in document["people"]}


def test_phone_extensions_go_out_and_come_back(
    session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    factories.person(
        session, workspace.id, "Ravi Shankar", phones=["+1 415 555 0100 ext. 12", "(415) 555-0100"]
    )
    document = exchange.export_workspace(session, workspace_id=workspace.id)
    [ravi] = document["people"]
    assert [p["number"] for p in ravi["phones"]] == ["+14155550100;ext=12", "+14155550100"]

    exchange.import_workspace(session, workspace_id=other_workspace.id, data=document)

    copied = session.scalar(select(Person).where(Person.workspace_id == other_workspace.id))
    assert [p.number for p in copied.phones] == ["+14155550100;ext=12", "+14155550100"]


def test_a_birthday_without_its_year_goes_out_and_comes_back(
    session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    factories.person(session, workspace.id, "Leap Day", birthday_no_year="--02-29")
    document = exchange.export_workspace(session, workspace_id=workspace.id)
    [leap] = document["people"]
    assert (leap["birthday"], leap["birthday_no_year"]) == (None, "--02-29")

    exchange.import_workspace(session, workspace_id=other_workspace.id, data=document)

    copied = session.scalar(select(Person).where(Person.workspace_id == other_workspace.id))
    assert (copied.birthday, copied.birthday_no_year) == (None, "--02-29")


def test_notes_longer_than_a_form_takes_still_restore(
    session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    # (Versions before the forms' 100,000 characters kept an imported note of any length.)
    pat = factories.person(session, workspace.id, "Pat One")
    pat.notes = "N" * 150_000
    session.flush()
    document = exchange.export_workspace(session, workspace_id=workspace.id)
    exchange.import_workspace(session, workspace_id=other_workspace.id, data=document)
    copied = session.scalar(select(Person).where(Person.workspace_id == other_workspace.id))
    assert copied.notes == "N" * 150_000


def test_imported_records_keep_their_times_and_are_searchable(
    session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    build_network(session, workspace.id)
    document = exchange.export_workspace(session, workspace_id=workspace.id)

    exchange.import_workspace(session, workspace_id=other_workspace.id, data=document)

    copied = session.scalar(
        select(Person).where(
            Person.workspace_id == other_workspace.id, Person.display_name == "Hana Haddad"
        )
    )
    assert (
        copied.created_at.isoformat().replace("+00:00", "Z")
        == (document["people"][1]["created_at"])
    )
    hits = search.search(session, workspace_id=other_workspace.id, query="acme vp")
    assert [(h.kind, h.record_id) for h in hits] == [("person", copied.id)]
    orgs = search.search(session, workspace_id=other_workspace.id, query="globex")
    assert [h.kind for h in orgs] == ["organization"]


def test_an_empty_workspace_exports_an_empty_document(
    session: Session, workspace: Workspace
) -> None:
    document = exchange.export_workspace(session, workspace_id=workspace.id)

    assert document == {
        "format": "goodword-export",
        "version": 1,
        "workspace": {"name": "My job search"},
        "organizations": [],
        "people": [],
        "positions": [],
        "opportunities": [],
        "interactions": [],
        "connections": [],
        "duplicate_pairs": [],
        "tasks": [],
        "referral_asks": [],
        "references": [],
        "reference_uses": [],
        "leads": [],
        "message_templates": [],
        "deleted_sources": [],
    }


def test_the_playbook_records_refer_by_keys_and_keep_their_dates(
    session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    build_network(session, workspace.id)
    use = session.scalar(select(ReferenceUse).where(ReferenceUse.workspace_id == workspace.id))
    workspace.calendar_token = "s3cret-calendar-token"
    session.flush()

    document = exchange.export_workspace(session, workspace_id=workspace.id)
    exchange.import_workspace(session, workspace_id=other_workspace.id, data=document)

    assert "s3cret-calendar-token" not in str(document)
    asked, waiting = document["referral_asks"]
    assert (asked["key"], asked["person"], asked["target_organization"]) == ("ra1", "p2", "o2")
    assert (asked["source_opportunity"], asked["result_opportunity"]) == ("op1", "op1")
    assert (asked["status"], asked["asked_on"], asked["reported_back_on"]) == (
        "introduced",
        "2026-11-02",
        "2026-11-12",
    )
    assert (waiting["person"], waiting["status"], waiting["target_organization"]) == (
        "p3",
        "to_ask",
        None,
    )
    assert [(r["key"], r["person"], r["active"]) for r in document["references"]] == [
        ("r1", "p3", True),
        ("r2", "p2", False),
    ]
    [launch] = document["reference_uses"]
    assert (launch["key"], launch["reference"], launch["opportunity"]) == ("ru1", "r1", "op1")
    assert (launch["status"], launch["called_on"], launch["outcome"]) == (
        "thanked",
        "2026-11-06",
        "Went well",
    )
    assert launch["created_at"] == "2026-11-03T12:00:00Z"
    meetup, article = document["leads"]
    assert (meetup["key"], meetup["organization"], article["key"]) == ("l1", "o2", "l2")
    assert [(s["person"], s["status"], s["sent_on"]) for s in meetup["shares"]] == [
        ("p2", "sent", "2026-11-08"),
        ("p3", "skipped", None),
    ]
    assert document["message_templates"] == [
        {
            "key": "favour_thanks",
            "subject": "Thanks, {first_name}",
            "body": "Thank you.\n{my_name}",
            "created_at": document["message_templates"][0]["created_at"],
            "updated_at": document["message_templates"][0]["updated_at"],
        }
    ]
    copied = session.scalar(
        select(ReferenceUse).where(ReferenceUse.workspace_id == other_workspace.id)
    )
    assert copied.created_at == use.created_at
    assert session.get(Workspace, other_workspace.id).calendar_token is None
    for model in (ReferralAsk, Reference, ReferenceUse, Lead, LeadShare, MessageTemplate):
        assert count(session, model, other_workspace.id) == count(session, model, workspace.id)
    entry = library.get(session, workspace_id=other_workspace.id, key="favour_thanks")
    assert entry.customized


names = st.from_regex(r"[A-Z][a-zà-ÿ]{1,8}( [A-Z][a-zé]{1,8})?", fullmatch=True)


@st.composite
def networks(draw: st.DrawFn) -> dict[str, Any]:
    """A small random workspace, described as plain data for `make_network`."""
    n_people = draw(st.integers(min_value=0, max_value=6))
    org_names = draw(st.lists(names, max_size=4, unique_by=sort_key))
    people_ = [
        {
            "name": draw(names),
            "emails": draw(st.lists(st.from_regex(r"[a-z]{1,6}", fullmatch=True), max_size=2)),
            # Numbers with and without an extension, as people write them.
            "phones": draw(
                st.lists(
                    st.tuples(
                        st.integers(min_value=100, max_value=199),
                        st.sampled_from(["", " ext. 12", " x7", " #0045", ";ext=99"]),
                    ).map(lambda p: f"+1 415 555 0{p[0]}{p[1]}"),
                    max_size=2,
                    unique=True,
                )
            ),
            "tags": draw(st.lists(st.sampled_from(["a", "b", "c"]), max_size=2, unique=True)),
            "me": False,
        }
        for _ in range(n_people)
    ]
    if people_ and draw(st.booleans()):
        people_[0]["me"] = True
    pick_person = st.integers(min_value=0, max_value=max(n_people - 1, 0))
    pick_org = st.integers(min_value=0, max_value=max(len(org_names) - 1, 0))
    positions = (
        draw(st.lists(st.tuples(pick_person, pick_org, st.booleans()), max_size=5))
        if people_ and org_names
        else []
    )
    jobs = (
        draw(
            st.lists(
                st.tuples(pick_org, st.lists(st.sampled_from(list(Stage)), max_size=3)),
                max_size=3,
            )
        )
        if org_names
        else []
    )
    meetings = draw(
        st.lists(
            st.tuples(
                st.lists(pick_person, max_size=3, unique=True) if people_ else st.just([]),
                st.sampled_from(["clicked", "good", None]),
            ),
            max_size=3,
        )
    )
    ties = (
        draw(
            st.lists(
                st.tuples(pick_person, pick_person, st.sampled_from(list(ConnectionKind))),
                max_size=6,
                unique_by=lambda t: (frozenset(t[:2]), t[2]),
            )
        )
        if n_people > 1
        else []
    )
    todo = draw(st.lists(st.tuples(st.booleans(), st.booleans()), max_size=3))
    # (person, consented, launched for the first job) and (organization?, people told).
    speakers = (
        draw(st.lists(st.tuples(pick_person, st.booleans(), st.booleans()), max_size=3))
        if people_
        else []
    )
    tips = draw(
        st.lists(
            st.tuples(
                st.booleans(),
                st.lists(pick_person, max_size=3, unique=True) if people_ else st.just([]),
            ),
            max_size=2,
        )
    )
    asks = draw(st.lists(pick_person, max_size=2, unique=True)) if people_ else []
    return {
        "people": people_,
        "orgs": org_names,
        "positions": positions,
        "jobs": jobs,
        "meetings": meetings,
        "ties": [t for t in ties if t[0] != t[1]],
        "tasks": todo,
        "references": list({p: (p, c, u) for p, c, u in speakers}.values()),
        "leads": tips,
        "asks": asks,
    }


def make_network(session: Session, ws: int, plan: dict[str, Any]) -> None:
    made = [
        factories.person(
            session,
            ws,
            p["name"],
            emails=[f"{local}@example.org" for local in p["emails"]],
            phones=p["phones"],
            tags=p["tags"],
            is_me=p["me"],
        )
        for p in plan["people"]
    ]
    orgs = [factories.organization(session, ws, name) for name in plan["orgs"]]
    for person_index, org_index, current in plan["positions"]:
        people.add_position(
            session,
            workspace_id=ws,
            person_id=made[person_index].id,
            data=PositionCreate(organization_id=orgs[org_index].id, is_current=current),
        )
    jobs = [
        factories.opportunity(
            session, ws, organization_id=orgs[org_index].id, organization_name=None
        )
        for org_index, _stages in plan["jobs"]
    ]
    meetings = [
        factories.interaction(
            session,
            ws,
            opportunity_id=jobs[0].id if jobs else None,
            participants=[{"person_id": made[i].id, "rapport": rapport} for i in who],
        )
        for who, rapport in plan["meetings"]
    ]
    if len(made) >= 2:
        # A message that came in to a group, and the one of them who wrote it.
        factories.interaction(
            session, ws, kind="message", direction="inbound", writer_id=made[1].id,
            participants=[{"person_id": made[0].id}, {"person_id": made[1].id}],
        )  # fmt: skip
        # One from someone gone (a deleted account) to a group: no one left in it wrote it.
        gone = factories.interaction(
            session, ws, kind="message", direction="inbound", summary="From a deleted account",
            participants=[{"person_id": made[0].id}],
        )  # fmt: skip
        gone.writer_id, gone.writer_gone = None, True
    for a, b, kind in plan["ties"]:
        factories.connection(session, ws, made[a], made[b], kind=kind)
    for linked, done in plan["tasks"]:
        task = factories.task(
            session,
            ws,
            person_id=made[0].id if linked and made else None,
            interaction_id=meetings[0].id if linked and meetings else None,
        )
        if done:
            tasks.set_status(
                session, workspace_id=ws, task_id=task.id, change=TaskStatusChange(status="done")
            )
    make_playbook_records(session, ws, plan, made, orgs, jobs)


def make_playbook_records(
    session: Session,
    ws: int,
    plan: dict[str, Any],
    made: list[Person],
    orgs: list[Organization],
    jobs: list[Opportunity],
) -> None:
    # (No one asks themselves for a referral, nor for one where they work now.)
    mine = {p.organization_id for who in made if who.is_me for p in who.positions if p.is_current}
    for index in plan["asks"]:
        if made[index].is_me:
            continue
        referrals.create(
            session,
            workspace_id=ws,
            data=ReferralAskCreate(
                person_id=made[index].id,
                target_organization_id=orgs[-1].id if orgs and orgs[-1].id not in mine else None,
                source_opportunity_id=jobs[0].id if jobs else None,
            ),
        )
    for index, consented, launched in plan["references"]:
        if made[index].is_me:
            continue  # (nobody is their own reference)
        reference = references.create(
            session,
            workspace_id=ws,
            data=ReferenceCreate(
                person_id=made[index].id, consent_on=date(2026, 10, 1) if consented else None
            ),
        )
        if consented and launched and jobs:
            references.start_use(
                session,
                workspace_id=ws,
                reference_id=reference.id,
                opportunity_id=jobs[0].id,
                today=date(2026, 11, 1),
                confirm_current_workplace=True,  # (they may work where "me" works)
            )
    # Moved on after the references were launched (none is launched for a closed one).
    for job, (_org_index, stages) in zip(jobs, plan["jobs"], strict=True):
        for stage in stages:
            opportunities.move(session, workspace_id=ws, opportunity_id=job.id, stage=stage)
    for with_org, told in plan["leads"]:
        lead = leads.create(
            session,
            workspace_id=ws,
            data=LeadCreate(
                kind=LeadKind.LEAD,
                title="A tip",
                tags=["b"],
                organization_id=orgs[0].id if with_org and orgs else None,
            ),
        )
        for index in told:
            leads.record_suggestion(
                session, workspace_id=ws, lead_id=lead.id, person_id=made[index].id, reason="b"
            )


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=networks())
def test_export_import_export_is_lossless(session: Session, plan: dict[str, Any]) -> None:
    source, target = fresh_workspace(session), fresh_workspace(session)
    make_network(session, source.id, plan)
    document = exchange.export_workspace(session, workspace_id=source.id)

    exchange.import_workspace(session, workspace_id=target.id, data=copy.deepcopy(document))

    assert exchange.export_workspace(session, workspace_id=target.id) == document


def minimal_document(**changes: Any) -> dict[str, Any]:
    stamp = {"created_at": "2026-11-01T10:00:00Z", "updated_at": "2026-11-01T10:00:00Z"}
    document: dict[str, Any] = {
        "format": "goodword-export",
        "version": 1,
        "workspace": {"name": "Ada's search"},
        "organizations": [{"key": "o1", "name": "Acme", **stamp}],
        "people": [
            {"key": "p1", "display_name": "Ada", "emails": [{"address": "ada@example.org"}]},
            {"key": "p2", "display_name": "Bob"},
        ],
        "positions": [{"person": "p1", "organization": "o1", **stamp}],
    }
    for person in document["people"]:
        person.update(stamp)
    document.update(changes)
    return document


def problems(data: Any) -> tuple[str, list[tuple[str, str]]]:
    with pytest.raises(InvalidInput) as caught:
        exchange.read_document(data)
    return caught.value.message, [(f.field, f.message) for f in caught.value.fields]


def test_a_minimal_hand_written_file_imports(session: Session, workspace: Workspace) -> None:
    summary = exchange.import_workspace(session, workspace_id=workspace.id, data=minimal_document())

    assert (summary.people, summary.organizations, summary.positions) == (2, 1, 1)
    assert session.get(Workspace, workspace.id).name == "Ada's search"
    ada = session.scalar(select(Person).where(Person.workspace_id == workspace.id).limit(1))
    assert people.to_read(ada).positions[0].organization_name == "Acme"


def test_a_large_restore_makes_everyone_findable(session: Session, workspace: Workspace) -> None:
    # Past a thousand people their search documents are written together (see bulk.py).
    stamp = {"created_at": "2026-11-01T10:00:00Z", "updated_at": "2026-11-01T10:00:00Z"}
    many = [{"key": f"p{n}", "display_name": f"Person {n:04d} Kowalczyk", **stamp,
             "emails": [{"address": f"p{n}@example.org"}]} for n in range(1, 1203)]  # fmt: skip
    document = minimal_document(people=many, positions=[])
    exchange.import_workspace(session, workspace_id=workspace.id, data=document)
    hits = search.search(session, workspace_id=workspace.id, query="1202 kowal", limit=5)
    assert [h.title for h in hits] == ["Person 1202 Kowalczyk"]
    found = search.search(session, workspace_id=workspace.id, query="kowalczyk", limit=2000)
    assert len(found) == 1202


def test_a_large_restore_changes_the_graphs_version(session: Session, workspace: Workspace) -> None:
    # Past a thousand rows the per-row triggers are set aside and the version changed once.
    stamp = {"created_at": "2026-11-01T10:00:00Z", "updated_at": "2026-11-01T10:00:00Z"}
    many = [{"key": f"p{n}", "display_name": f"P{n}", **stamp} for n in range(1, 1101)]
    before = graph_version(session, workspace_id=workspace.id)
    exchange.import_workspace(
        session, workspace_id=workspace.id, data=minimal_document(people=many, positions=[])
    )
    assert graph_version(session, workspace_id=workspace.id) != before


@pytest.mark.parametrize("into_nonempty", [False, True])
def test_a_restored_persons_search_document_is_the_one_their_details_make(
    session: Session, workspace: Workspace, into_nonempty: bool
) -> None:
    # Restored people's documents are made from the file, not from saved details: they must
    # read as the people service writes them, jobs in the person's order, an organization
    # reused by its name here.
    if into_nonempty:
        factories.organization(session, workspace.id, "Acme Robotics", aliases=["Acme"])
    stamp = {"created_at": "2026-11-01T10:00:00Z", "updated_at": "2026-11-01T10:00:00Z"}
    organizations = [
        {"key": f"o{n}", "name": name, **stamp}
        for n, name in enumerate(["Acme", "Globex", "Initech", "Hooli"], 1)
    ]
    jobs = [
        ("o1", "Engineer", None, True),
        ("o2", "Advisor", "2019-03-01", True),
        ("o3", "Founder", "2022-05-01", True),
        ("o4", "Intern", "2010-01-01", False),
        ("o4", "Mentor", None, True),
    ]
    positions = [
        {"person": "p1", "organization": o, "title": title, "start_date": start,
         "is_current": current, **stamp}
        for o, title, start, current in jobs
    ]  # fmt: skip
    person = {
        "key": "p1", "display_name": "Ada Lovelace", "given_name": "Ada",
        "family_name": "Lovelace", "location": "London, UK", "tags": ["maths"],
        "interests": ["engines"], "notes": "Also known as Augusta Byron",
        "emails": [{"address": "ada@example.org"}, {"address": "al@engines.test"}],
        "urls": [{"url": "https://www.linkedin.com/in/ada-l", "kind": "linkedin"}], **stamp,
    }  # fmt: skip
    document = minimal_document(organizations=organizations, people=[person], positions=positions)
    exchange.import_workspace(
        session, workspace_id=workspace.id, data=document, into_nonempty=into_nonempty
    )

    ada = session.scalar(
        select(Person)
        .where(Person.workspace_id == workspace.id, Person.display_name == "Ada Lovelace")
        .options(*people.with_details())
    )
    kept = session.scalar(
        select(SearchDocument.body).where(
            SearchDocument.kind == "person", SearchDocument.record_id == ada.id
        )
    )
    assert kept == search.body_of(ada)
    assert [p.title for p in ada.positions] == [
        "Founder", "Advisor", "Engineer", "Mentor", "Intern"
    ]  # fmt: skip
    employer = "Acme Robotics" if into_nonempty else "Acme"
    assert search.search(session, workspace_id=workspace.id, query="augusta")[0].title == (
        "Ada Lovelace"
    )
    assert employer in kept


def test_a_file_that_is_not_an_object_is_refused() -> None:
    message, _ = problems(["people"])

    assert message == (
        "This is not a Goodword export: the file holds a JSON list, not an object with a "
        "format header."
    )


def test_a_wrong_format_header_is_refused() -> None:
    message, fields = problems(minimal_document(format="monica-export"))

    assert message == (
        'This is not a Goodword export: its format is "monica-export", not "goodword-export".'
    )
    assert fields == [("format", 'Expected "goodword-export".')]


def test_a_missing_format_header_is_named_without_python_words() -> None:
    message, fields = problems({})

    assert message == (
        'This is not a Goodword export: it has no "format" field, which a Goodword export '
        'sets to "goodword-export".'
    )
    assert "None" not in message
    assert fields == [("format", 'Expected "goodword-export".')]


def test_a_missing_version_is_named_without_python_words() -> None:
    document = minimal_document()
    del document["version"]

    message, _ = problems(document)

    assert message.startswith(
        'This export names no version (it has no "version" field); this Goodword reads version 1.'
    )


def test_a_newer_version_is_refused_with_advice() -> None:
    message, _ = problems(minimal_document(version=2))

    assert message.startswith("This export is version 2; this Goodword reads version 1.")


def test_an_invalid_email_names_the_record() -> None:
    document = minimal_document()
    document["people"][1]["emails"] = [{"address": "bob-at-example"}]

    message, fields = problems(document)

    assert message == "The file has 1 problem; nothing was imported."
    [(field, text)] = fields
    assert field == "people[1].emails[0].address"
    assert text.startswith("'bob-at-example' is not an e-mail address")
    assert text.endswith("(in p2, Bob)")


def test_a_dangling_reference_names_the_record() -> None:
    document = minimal_document()
    document["positions"][0]["organization"] = "o9"

    _, fields = problems(document)

    assert fields == [("positions[0].organization", "'o9' names no organization in this file.")]


def test_a_writer_outside_the_interaction_names_the_record() -> None:
    stamp = {"created_at": "2026-11-01T10:00:00Z", "updated_at": "2026-11-01T10:00:00Z"}
    message = {"key": "i1", "occurred_at": "2026-11-01T10:00:00Z", "kind": "message", **stamp}
    document = minimal_document(
        interactions=[
            message | {"direction": "inbound", "writer": "p2", "participants": [{"person": "p1"}]},
            message | {"key": "i2", "writer": "p1", "participants": [{"person": "p1"}]},
        ]
    )

    _, fields = problems(document)

    assert fields == [
        (
            "interactions[0].writer",
            "'p2' is not among the interaction's participants: name one of them, or leave the "
            "writer out.",
        ),
        (
            "interactions[1].writer",
            'A writer is named only for a message that came in (direction "inbound").',
        ),
    ]


def test_a_message_from_someone_gone_with_a_writer_or_not_come_in_names_the_record() -> None:
    """writer_gone says who wrote a message is not among its people: a file naming its writer
    too, or setting it on a message that did not come in, says two things at once."""
    stamp = {"created_at": "2026-11-01T10:00:00Z", "updated_at": "2026-11-01T10:00:00Z"}
    message = {"key": "i1", "occurred_at": "2026-11-01T10:00:00Z", "kind": "message", **stamp}
    ada = {"participants": [{"person": "p1"}, {"person": "p2"}]}
    document = minimal_document(
        interactions=[
            message | ada | {"direction": "inbound", "writer": "p1", "writer_gone": True},
            message | ada | {"key": "i2", "direction": "outbound", "writer_gone": True},
            message | ada | {"key": "i3", "writer_gone": True},
            message | ada | {"key": "i4", "direction": "inbound", "writer_gone": True},
        ]
    )

    _, fields = problems(document)

    gone = "writer_gone says someone not among its people wrote it, yet"
    assert fields == [
        (
            "interactions[0].writer_gone",
            f"{gone} the writer is 'p1': leave out one of the two.",
        ),
        (
            "interactions[1].writer_gone",
            'writer_gone is set only for a message that came in (direction "inbound").',
        ),
        (
            "interactions[2].writer_gone",
            'writer_gone is set only for a message that came in (direction "inbound").',
        ),
    ]


def test_repeated_keys_two_mes_and_self_ties_are_all_reported() -> None:
    stamp = {"created_at": "2026-11-01T10:00:00Z", "updated_at": "2026-11-01T10:00:00Z"}
    document = minimal_document()
    document["people"][1]["key"] = "p1"
    for person in document["people"]:
        person["is_me"] = True
    document["connections"] = [{"person_a": "p1", "person_b": "p1", "kind": "friend", **stamp}]

    message, fields = problems(document)

    assert message == "The file has 3 problems; nothing was imported."
    assert [f for f, _ in fields] == ["people[1].key", "people[1].is_me", "connections[0]"]


def test_many_problems_are_capped_but_counted() -> None:
    document = minimal_document()
    document["people"] = [{"key": f"p{n}", "display_name": ""} for n in range(1, 41)]

    message, fields = problems(document)

    assert message.startswith("The file has 120 problems; nothing was imported.")
    assert len(fields) == 25


def playbook_document() -> dict[str, Any]:
    stamp = {"created_at": "2026-11-01T10:00:00Z", "updated_at": "2026-11-01T10:00:00Z"}
    return minimal_document(
        opportunities=[
            {"key": "op1", "organization": "o1", "role_title": "PM", "stage": "target", **stamp}
        ],
        referral_asks=[{"key": "ra1", "person": "p1", "target_organization": "o1", **stamp}],
        references=[{"key": "r1", "person": "p2", "consent_on": "2026-10-01", **stamp}],
        reference_uses=[{"key": "ru1", "reference": "r1", "opportunity": "op1", **stamp}],
        leads=[
            {
                "key": "l1",
                "kind": "event",
                "title": "Meetup",
                "organization": "o1",
                "shares": [{"person": "p1", **stamp}],
                **stamp,
            }
        ],
        message_templates=[{"key": "favour_thanks", "subject": "Hi", "body": "Thanks", **stamp}],
    )


def test_a_hand_written_file_with_playbook_records_imports(
    session: Session, workspace: Workspace
) -> None:
    summary = exchange.import_workspace(
        session, workspace_id=workspace.id, data=playbook_document()
    )

    assert (summary.referral_asks, summary.references, summary.reference_uses) == (1, 1, 1)
    assert (summary.leads, summary.lead_shares, summary.message_templates) == (1, 1, 1)
    [reference] = references.list_(session, workspace_id=workspace.id)
    assert (reference.person.display_name, reference.consent_on) == ("Bob", date(2026, 10, 1))
    assert [u.opportunity.role_title for u in reference.uses] == ["PM"]


def test_dangling_playbook_references_name_their_records() -> None:
    document = playbook_document()
    document["referral_asks"][0]["source_opportunity"] = "op7"
    document["references"][0]["person"] = "p9"
    document["reference_uses"][0]["reference"] = "r4"
    document["leads"][0]["organization"] = "o3"
    document["leads"][0]["shares"][0]["person"] = "p5"

    _, fields = problems(document)

    assert fields == [
        ("referral_asks[0].source_opportunity", "'op7' names no opportunity in this file."),
        ("references[0].person", "'p9' names no person in this file."),
        ("reference_uses[0].reference", "'r4' names no reference in this file."),
        ("leads[0].organization", "'o3' names no organization in this file."),
        ("leads[0].shares[0].person", "'p5' names no person in this file."),
    ]


def test_playbook_records_the_database_holds_once_are_refused_when_repeated() -> None:
    document = playbook_document()
    for name in ("references", "reference_uses", "message_templates"):
        document[name].append(dict(document[name][0]))
    document["references"][1]["key"] = "r2"
    document["reference_uses"][1]["key"] = "ru2"
    document["leads"][0]["shares"].append(dict(document["leads"][0]["shares"][0]))

    message, fields = problems(document)

    assert message == "The file has 4 problems; nothing was imported."
    assert [f for f, _ in fields] == [
        "references[1].person",
        "reference_uses[1]",
        "leads[0].shares[1].person",
        "message_templates[1].key",
    ]


def test_into_nonempty_refuses_a_message_template_already_there(
    session: Session, workspace: Workspace
) -> None:
    library.save(
        session,
        workspace_id=workspace.id,
        key="favour_thanks",
        data=MessageTemplateIn(subject="Mine", body="Kept"),
    )

    with pytest.raises(Conflict) as caught:
        exchange.import_workspace(
            session, workspace_id=workspace.id, data=playbook_document(), into_nonempty=True
        )

    assert [(f.field, f.message) for f in caught.value.fields] == [
        (
            "message_templates[0].key",
            "You already have your own version of the 'favour_thanks' message.",
        )
    ]
    assert caught.value.message == (
        "A message template in the file is already in your records; nothing was imported."
    )
    assert count(session, Person, workspace.id) == 0
    assert library.get(session, workspace_id=workspace.id, key="favour_thanks").template.body == (
        "Kept"
    )


def test_a_bad_file_writes_nothing(session: Session, workspace: Workspace) -> None:
    document = minimal_document()
    document["positions"][0]["person"] = "p7"

    with pytest.raises(InvalidInput):
        exchange.import_workspace(session, workspace_id=workspace.id, data=document)

    for model in (Person, Organization, Position):
        assert count(session, model, workspace.id) == 0


def test_it_refuses_a_workspace_that_already_has_records(
    session: Session, workspace: Workspace
) -> None:
    factories.person(session, workspace.id, "Zoe")

    with pytest.raises(Conflict):
        exchange.import_workspace(session, workspace_id=workspace.id, data=minimal_document())

    assert count(session, Person, workspace.id) == 1


def test_into_nonempty_adds_and_reuses_organizations_by_name(
    session: Session, workspace: Workspace
) -> None:
    factories.organization(session, workspace.id, "ACME")

    summary = exchange.import_workspace(
        session, workspace_id=workspace.id, data=minimal_document(), into_nonempty=True
    )

    assert (summary.organizations, summary.organizations_matched, summary.people) == (0, 1, 2)
    assert count(session, Organization, workspace.id) == 1
    assert session.get(Workspace, workspace.id).name == "My job search"


@pytest.mark.parametrize(
    ("here", "aliases", "in_file"),
    [
        ("Acme Robotics", ["Acme"], "Acme"),  # another name of the one here
        ("Acme Robotics", ["Acme"], "ACME Inc."),  # that name but for its legal form
        ("Acme", [], "Acme, Inc."),  # the name but for its legal form
    ],
)
def test_into_nonempty_reuses_the_organization_a_name_means_as_typed(
    session: Session, workspace: Workspace, here: str, aliases: list[str], in_file: str
) -> None:
    acme = factories.organization(session, workspace.id, here, aliases=aliases)
    stamp = {"created_at": "2026-11-01T10:00:00Z", "updated_at": "2026-11-01T10:00:00Z"}
    document = minimal_document(organizations=[{"key": "o1", "name": in_file, **stamp}])

    summary = exchange.import_workspace(
        session, workspace_id=workspace.id, data=document, into_nonempty=True
    )

    assert (summary.organizations, summary.organizations_matched) == (0, 1)
    assert count(session, Organization, workspace.id) == 1
    ada = session.scalar(select(Person).where(Person.display_name == "Ada"))
    assert [p.organization_id for p in ada.positions] == [acme.id]


def test_into_nonempty_adds_an_organization_no_name_here_means(
    session: Session, workspace: Workspace
) -> None:
    factories.organization(session, workspace.id, "Acme Robotics", aliases=["Acme"])
    stamp = {"created_at": "2026-11-01T10:00:00Z", "updated_at": "2026-11-01T10:00:00Z"}
    document = minimal_document(organizations=[{"key": "o1", "name": "Acme Foods", **stamp}])

    summary = exchange.import_workspace(
        session, workspace_id=workspace.id, data=document, into_nonempty=True
    )

    assert (summary.organizations, summary.organizations_matched) == (1, 0)
    assert count(session, Organization, workspace.id) == 2


def test_into_nonempty_refuses_a_second_me(session: Session, workspace: Workspace) -> None:
    factories.person(session, workspace.id, "Alice", is_me=True)
    document = minimal_document()
    document["people"][0]["is_me"] = True

    with pytest.raises(Conflict) as caught:
        exchange.import_workspace(
            session, workspace_id=workspace.id, data=document, into_nonempty=True
        )

    assert caught.value.fields[0].field == "people[0].is_me"
    assert count(session, Person, workspace.id) == 1


def test_into_nonempty_refuses_a_playbook_task_already_there(
    session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    build_network(session, workspace.id)
    document = exchange.export_workspace(session, workspace_id=workspace.id)
    document["people"][0]["is_me"] = False

    with pytest.raises(Conflict) as caught:
        exchange.import_workspace(
            session, workspace_id=workspace.id, data=document, into_nonempty=True
        )

    assert [f.field for f in caught.value.fields] == ["tasks[0].origin_key"]
    assert caught.value.message == (
        "A task in the file is already in your records; nothing was imported."
    )


# Columns an export leaves out on purpose: database identity, values derived from others,
# order given by list position, and the target workspace's own identity and secrets.
NOT_EXPORTED = {"id", "workspace_id", "sort_name"}
DETAIL = {"person_id", "position", "created_at", "updated_at"}
EXPORTED: list[tuple[type[Base], type[BaseModel], set[str]]] = [
    (
        Workspace,
        schemas.ExportedWorkspace,
        # graph_version belongs to the database it is in (triggers keep it).
        {"slug", "created_at", "calendar_token", "phone_region", "graph_version"},
    ),
    # made_by_import and import_run_id name a kept import, and kept imports stay with their
    # database: a restored record was made by the restore, so no import's undo takes it away.
    (Organization, schemas.ExportedOrganization, {"import_run_id"}),
    (Person, schemas.ExportedPerson, {"made_by_import"}),
    (PersonEmail, schemas.ExportedEmail, DETAIL),
    (PersonPhone, schemas.ExportedPhone, DETAIL | {"reversed_digits"}),  # (from the number)
    (PersonUrl, schemas.ExportedUrl, DETAIL),
    (PersonSource, schemas.ExportedSource, {"person_id", "created_at", "updated_at"}),
    (Position, schemas.ExportedPosition, set()),
    (Opportunity, schemas.ExportedOpportunity, set()),
    (StageChange, schemas.ExportedStageChange, {"opportunity_id", "created_at", "updated_at"}),
    (Interaction, schemas.ExportedInteraction, {"import_run_id"}),
    (Participant, schemas.ExportedParticipant, {"interaction_id", "created_at", "updated_at"}),
    (Connection, schemas.ExportedConnection, set()),
    (Task, schemas.ExportedTask, set()),
    (ReferralAsk, schemas.ExportedReferralAsk, set()),
    (Reference, schemas.ExportedReference, set()),
    (ReferenceUse, schemas.ExportedReferenceUse, set()),
    (Lead, schemas.ExportedLead, set()),
    (LeadShare, schemas.ExportedLeadShare, {"lead_id"}),
    (MessageTemplate, schemas.ExportedMessageTemplate, set()),
    (DeletedSource, schemas.ExportedDeletedSource, {"created_at", "updated_at"}),
]
# Tables outside the export: search text is rebuilt on import; duplicate candidates, merge
# snapshots and kept import reports hold database ids.
# (An import's LinkedIn export days go with its kept report: `older_files.remember_gone`.)
OUTSIDE_THE_EXPORT = {
    "search_documents",
    "duplicate_candidates",
    "merges",
    "import_runs",
    "linkedin_export_days",
}


@pytest.mark.parametrize(("model", "schema", "left_out"), EXPORTED)
def test_every_column_of_an_exported_record_is_in_the_file(
    model: type[Base], schema: type[BaseModel], left_out: set[str]
) -> None:
    fields = set(schema.model_fields)
    missing = [
        column.key
        for column in inspect(model).columns
        if column.key not in fields | NOT_EXPORTED | left_out
        and column.key.removesuffix("_id") not in fields
    ]

    assert missing == [], f"add {missing} to {schema.__name__} and the exchange service"


def test_every_table_is_exported_or_left_out_on_purpose() -> None:
    exported = {model.__tablename__ for model, _, _ in EXPORTED}

    assert set(Base.metadata.tables) - exported == OUTSIDE_THE_EXPORT


def test_a_tag_with_a_line_break_names_the_record() -> None:
    # (Exported tags are one line each; a backup edited by hand must keep them so.)
    document = minimal_document()
    document["people"][1]["tags"] = ["Mentor", "Met at\nPyCon"]

    message, fields = problems(document)

    assert message == "The file has 1 problem; nothing was imported."
    [(field, text)] = fields
    assert field == "people[1].tags[1]"
    assert text.startswith("A tag is one line: write it without a line break")


def test_a_message_from_someone_gone_stays_no_ones(session: Session) -> None:
    """A message a deleted account wrote to a group keeps saying so through a restore, so
    it stays no contact with the one person left in it."""
    source, target = fresh_workspace(session), fresh_workspace(session)
    ada = factories.person(session, source.id, "Ada Lovelace")
    gone = factories.interaction(
        session, source.id, kind="message", direction="inbound",
        participants=[{"person_id": ada.id}],
    )  # fmt: skip
    gone.writer_id, gone.writer_gone = None, True  # (as an import keeps a deleted account's)
    session.flush()
    document = exchange.export_workspace(session, workspace_id=source.id)
    assert [i["writer_gone"] for i in document["interactions"]] == [True]
    exchange.import_workspace(session, workspace_id=target.id, data=copy.deepcopy(document))
    restored = session.scalars(
        select(Interaction.writer_gone).where(Interaction.workspace_id == target.id)
    ).all()
    assert restored == [True]
