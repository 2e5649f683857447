"""Each message may use only the placeholders its playbooks give it values for.

The declared set sits next to each default message; these tests draft every message through
the playbooks that really draft it, and check that what they pass is exactly what is declared.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

import factories as f
from goodword.errors import InvalidInput
from goodword.leads import service as leads
from goodword.leads.models import LeadKind
from goodword.leads.schemas import LeadCreate
from goodword.people import service as people
from goodword.people.schemas import PositionCreate
from goodword.playbooks import (
    cadence,
    favours,
    follow_up,
    launch,
    library,
    pass_it_on,
    reach,
    rejection,
    views,
)
from goodword.playbooks.messages import (
    DEFAULTS,
    PLACEHOLDERS,
    SAMPLE_VALUES,
    placeholders_in,
    render,
)
from goodword.playbooks.models import MessageTemplate
from goodword.playbooks.schemas import MessageTemplateIn
from goodword.references import service as references
from goodword.references.models import UseStatus
from goodword.references.schemas import ReferenceCreate
from goodword.referrals import service as referrals
from goodword.referrals.models import AskStatus
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)
SRC = Path(__file__).resolve().parents[2] / "src" / "goodword"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "playbooks.md"

# Every function that drafts a library message from a playbook's values. `for_person` is not
# here: it fills a message from the person's record plus whatever values the user gives.
CALLERS = {
    "playbooks/rejection.py": {"run"},
    "playbooks/follow_up.py": {"advance_ask", "_close_gracefully"},
    "playbooks/launch.py": {"_briefing", "record"},
    "playbooks/reach.py": {"advice_call_draft"},
    "playbooks/cadence.py": {"remind"},
    "playbooks/favours.py": {"thank_for_favours"},
    "playbooks/views.py": {"due_drafts"},
    "playbooks/pass_it_on.py": {"_note"},  # (for run and edit)
}
USER_DIRECTED = {"playbooks/drafting.py": {"for_person"}}


def _at(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), UTC)


def _staff(session: Session, ws: int, name: str, org: str, title: str, department: str):
    person = f.person(session, ws, name, given_name=name.split()[0])
    people.add_position(
        session,
        workspace_id=ws,
        person_id=person.id,
        data=PositionCreate(organization_name=org, title=title, department=department),
    )
    return person


def _run_every_playbook(session: Session, ws: int) -> None:
    """One small search that makes every playbook draft each of its messages."""
    me = f.person(session, ws, "Sam Carter", given_name="Sam", is_me=True, interests=["pricing"])

    # Rejection: thank and release, the courtesy ask; then the asks move on.
    lost = f.opportunity(
        session, ws, organization_name="Larkspur Health", role_title="Senior PM", stage="rejected"
    )
    morgan = f.person(session, ws, "Morgan Reyes", given_name="Morgan", emails=["m@l.example"])
    targets = [
        f.opportunity(session, ws, organization_name=name, role_title="PM", stage="target")
        for name in ("Lumenfold Optics", "Jadeway Semiconductors")
    ]
    f.interaction(
        session,
        ws,
        kind="interview",
        opportunity_id=lost.id,
        interview_round=3,
        participants=[{"person_id": morgan.id, "rapport": "clicked"}, {"person_id": me.id}],
    )
    ran = rejection.run(
        session,
        workspace_id=ws,
        opportunity_id=lost.id,
        today=TODAY,
        target_organization_ids=[t.organization_id for t in targets],
    )
    assert len(ran.asks) == 2
    introduced, declined = referrals.mark_asked(
        session, workspace_id=ws, person_id=morgan.id, source_opportunity_id=lost.id, on=TODAY
    )
    follow_up.advance_ask(
        session,
        workspace_id=ws,
        ask_id=introduced.id,
        status=AskStatus.INTRODUCED,
        today=TODAY,
        introduced_to="Dana Whit",
    )
    follow_up.advance_ask(
        session, workspace_id=ws, ask_id=declined.id, status=AskStatus.DECLINED, today=TODAY
    )

    # Keep in touch and thanks for a favour.
    ada = f.person(
        session, ws, "Ada Lovelace", given_name="Ada", emails=["ada@x.org"], interests=["pricing"]
    )
    f.connection(session, ws, me, ada, kind="friend", closeness=5)
    f.interaction(
        session, ws, kind="call", occurred_at=_at(TODAY - timedelta(days=60)),
        participants=[{"person_id": ada.id}],
    )  # fmt: skip
    bo = f.person(session, ws, "Bo Zhou", given_name="Bo")
    f.interaction(
        session, ws, kind="favour_received", occurred_at=_at(TODAY - timedelta(days=3)),
        summary="Read my case study", participants=[{"person_id": bo.id}],
    )  # fmt: skip
    assert cadence.remind(session, workspace_id=ws, today=TODAY).drafts
    due = cadence.due_list(session, workspace_id=ws, today=TODAY)
    assert views.due_drafts(session, ws, due)
    assert favours.thank_for_favours(session, workspace_id=ws, today=TODAY).drafts

    # Launching a reference: the briefing, then the thanks after the call.
    manager = f.person(session, ws, "Lee Park", emails=["lee@northbeam.example"])
    opening = f.opportunity(
        session,
        ws,
        organization_name="Northbeam Robotics",
        role_title="Product Lead",
        hiring_manager_id=manager.id,
    )
    reference = references.create(
        session,
        workspace_id=ws,
        data=ReferenceCreate(
            person_id=ada.id, consent_on=date(2026, 10, 1), can_speak_to="the scheduling project"
        ),
    )
    launched = launch.launch(
        session,
        workspace_id=ws,
        reference_id=reference.id,
        opportunity_id=opening.id,
        today=TODAY,
        stress_points="calm under pressure",
    )
    assert launched.use is not None
    for status in (UseStatus.BRIEFED, UseStatus.CALLED):
        launch.record(session, workspace_id=ws, use_id=launched.use.id, status=status, today=TODAY)
    # And once the application is in.
    weighed = f.opportunity(session, ws, organization_name="Quillstone", stage="interviewing",
                            hiring_manager_id=manager.id)  # fmt: skip
    assert launch.launch(session, workspace_id=ws, reference_id=reference.id,
                         opportunity_id=weighed.id, today=TODAY, stress_points="x").use  # fmt: skip

    # Reaching the hiring manager through a side door.
    grace = _staff(session, ws, "Grace Hopper", "Tidewell Energy", "Group PM", "Product")
    _staff(session, ws, "Sol Vega", "Tidewell Energy", "Account Executive", "Sales")
    grid = f.opportunity(
        session,
        ws,
        organization_name="Tidewell Energy",
        role_title="Product Lead",
        hiring_manager_id=grace.id,
    )
    assert reach.plan(session, workspace_id=ws, opportunity_id=grid.id, today=TODAY).drafts

    # Passing a lead on.
    lead = leads.create(
        session,
        workspace_id=ws,
        data=LeadCreate(kind=LeadKind.EVENT, title="Pricing night", tags=["pricing"]),
    )
    assert pass_it_on.run(session, workspace_id=ws, lead_id=lead.id, today=TODAY).drafts


@pytest.fixture
def passed(
    session: Session, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> dict[str, list[set[str]]]:
    """For each message, the names of the values each real drafting call gave it."""
    seen: dict[str, list[set[str]]] = defaultdict(list)
    real: Callable[..., Any] = library.draft

    def spy(session: Session, **kwargs: Any) -> Any:
        seen[kwargs["key"]].append(set(kwargs["values"]))
        return real(session, **kwargs)

    monkeypatch.setattr(library, "draft", spy)
    _run_every_playbook(session, workspace.id)
    return dict(seen)


def test_every_message_is_drafted_by_a_playbook(passed: dict[str, list[set[str]]]):
    assert set(passed) == set(DEFAULTS)


def test_each_message_declares_exactly_the_values_its_playbooks_pass(
    passed: dict[str, list[set[str]]],
):
    wrong = {
        key: (sorted(DEFAULTS[key].fillable), sorted(names))
        for key, calls in passed.items()
        for names in calls
        if names != set(DEFAULTS[key].fillable)
    }
    assert wrong == {}


def _drafting_functions(relative: str) -> set[str]:
    """Top-level functions in a module that call `library.draft`."""
    tree = ast.parse((SRC / relative).read_text(encoding="utf-8"))
    found = set()
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for inner in ast.walk(node):
            if (
                isinstance(inner, ast.Call)
                and isinstance(inner.func, ast.Attribute)
                and inner.func.attr == "draft"
                and isinstance(inner.func.value, ast.Name)
                and inner.func.value.id == "library"
            ):
                found.add(node.name)
    return found


def test_the_callers_checked_above_are_all_the_callers_there_are():
    known = {**CALLERS, **USER_DIRECTED}
    actual = {
        str(path.relative_to(SRC)): names
        for path in SRC.rglob("*.py")
        if (names := _drafting_functions(str(path.relative_to(SRC))))
    }
    assert actual == known, "a new caller drafts a message: run it in _run_every_playbook"


@pytest.mark.parametrize("key", sorted(DEFAULTS))
def test_each_default_uses_only_what_it_declares_and_previews_complete(key: str):
    template = DEFAULTS[key]
    assert set(template.fillable) <= set(PLACEHOLDERS) <= set(SAMPLE_VALUES)
    used = placeholders_in(template.subject) + placeholders_in(template.body)
    assert set(used) <= set(template.fillable)
    only_its_own = {name: SAMPLE_VALUES[name] for name in template.fillable}
    assert render(template, only_its_own).complete


def test_a_placeholder_the_message_never_gets_is_refused_by_name(
    session: Session, workspace: Workspace
):
    with pytest.raises(InvalidInput) as caught:
        library.save(
            session,
            workspace_id=workspace.id,
            key="thank_and_release",
            data=MessageTemplateIn(subject="Thanks, {first_name}", body="Thanks for {favour}."),
        )
    [error] = caught.value.fields
    assert error.field == "body"
    assert error.message == (
        "Goodword has nothing to fill {favour} with in this message, so it would stay in "
        "braces. This message can use {first_name}, {full_name}, {my_name}, {organization} "
        "and {role}."
    )
    assert not library.get(session, workspace_id=workspace.id, key="thank_and_release").customized


def test_typos_and_unusable_placeholders_are_named_together_per_field(
    session: Session, workspace: Workspace
):
    with pytest.raises(InvalidInput) as caught:
        library.save(
            session,
            workspace_id=workspace.id,
            key="keep_in_touch",
            data=MessageTemplateIn(
                subject="Hi {frist_name}",
                body="Thanks for {favour} at {organization}, {frist_name}. {favour}!",
            ),
        )
    fields = {e.field: e.message for e in caught.value.fields}
    assert fields["subject"] == (
        "{frist_name} is not a placeholder Goodword can fill. This message can use "
        "{first_name}, {full_name}, {my_name} and {last_contact}."
    )
    assert fields["body"].startswith(
        "{frist_name} is not a placeholder Goodword can fill. Goodword has nothing to fill "
        "{favour} or {organization} with in this message, so they would stay in braces."
    )


@pytest.mark.parametrize("key", sorted(DEFAULTS))
def test_every_placeholder_a_message_declares_can_be_saved(
    session: Session, workspace: Workspace, key: str
):
    names = DEFAULTS[key].fillable
    body = " ".join(f"{{{name}}}" for name in names)
    entry = library.save(
        session,
        workspace_id=workspace.id,
        key=key,
        data=MessageTemplateIn(subject=f"For {{{names[0]}}}", body=body),
    )
    assert entry.customized and entry.template.fillable == names


def test_the_preview_refuses_what_saving_refuses(session: Session, workspace: Workspace):
    with pytest.raises(InvalidInput) as caught:
        library.preview(
            session,
            workspace_id=workspace.id,
            key="thank_and_release",
            data=MessageTemplateIn(subject="Hi", body="Thanks for {favour}."),
        )
    assert "{favour}" in caught.value.fields[0].message


def _saved_before_the_check(session: Session, ws: int) -> None:
    session.add(
        MessageTemplate(
            workspace_id=ws,
            key="thank_and_release",
            subject="Thanks, {first_name}",
            body="Thank you for {favour} at {organization}.\n\n{my_name}",
        )
    )
    session.flush()


def test_a_version_saved_before_the_check_still_drafts_with_the_gap_shown(
    session: Session, workspace: Workspace
):
    _saved_before_the_check(session, workspace.id)
    entry = library.get(session, workspace_id=workspace.id, key="thank_and_release")
    assert entry.customized
    assert library.unfillable(entry.template) == ["favour"]
    draft = library.draft(
        session,
        workspace_id=workspace.id,
        key="thank_and_release",
        values={"first_name": "Ada", "organization": "Acme", "my_name": "Sam"},
    )
    assert draft.missing == ("favour",)
    assert draft.body.startswith("Thank you for {favour} at Acme.")
    # The preview agrees with the drafts: no sample value fills what the playbook never gives.
    preview = library.preview(session, workspace_id=workspace.id, key="thank_and_release")
    assert preview.missing == ("favour",)
    assert preview.subject == f"Thanks, {SAMPLE_VALUES['first_name']}"


def test_a_version_saved_before_the_check_still_runs_through_its_playbook(
    session: Session, workspace: Workspace
):
    _saved_before_the_check(session, workspace.id)
    me = f.person(session, workspace.id, "Sam Carter", is_me=True)
    lost = f.opportunity(session, workspace.id, organization_name="Acme", stage="rejected")
    ada = f.person(session, workspace.id, "Ada Lovelace", given_name="Ada")
    f.interaction(
        session,
        workspace.id,
        kind="interview",
        opportunity_id=lost.id,
        interview_round=2,
        participants=[{"person_id": ada.id, "rapport": "clicked"}, {"person_id": me.id}],
    )
    result = rejection.run(session, workspace_id=workspace.id, opportunity_id=lost.id, today=TODAY)
    thanks = next(d for d in result.drafts if d.key == "thank_and_release")
    assert thanks.missing == ("favour",)
    assert thanks.body.startswith("Thank you for {favour} at Acme.")


def test_the_user_guide_lists_what_each_message_can_use():
    rows = re.findall(r"^\| `(\w+)` \| (.+?) \|$", DOCS.read_text(encoding="utf-8"), re.M)
    documented = {key: re.findall(r"`\{(\w+)\}`", names) for key, names in rows}
    assert documented == {key: list(t.fillable) for key, t in DEFAULTS.items()}


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (
            "Thanks again.\n\nBye {first_name",
            "The “{” in “Bye {first_name” is never closed: write {first_name}, with both braces.",
        ),
        (
            "Good to hear from you, first_name}.",
            "The “}” in “first_name}” closes no placeholder: write {first_name}, with both braces.",
        ),
        (
            "Rates are { per hour",
            "The “{” in “Rates are {” is never closed: a placeholder is a name in braces, like "
            "{first_name}; add the missing brace or take this one out.",
        ),
        ("Hi {First Name},", "{First Name} is not a placeholder Goodword can fill."),
    ],
)
def test_a_brace_that_makes_no_placeholder_is_refused_saying_where(
    session: Session, workspace: Workspace, body: str, said: str
):
    """Saved, the brace would go out as typed in every draft."""
    with pytest.raises(InvalidInput) as caught:
        library.save(
            session,
            workspace_id=workspace.id,
            key="keep_in_touch",
            data=MessageTemplateIn(subject="Hello", body=body),
        )
    [error] = caught.value.fields
    assert error.field == "body"
    assert error.message == (
        f"{said} This message can use {{first_name}}, {{full_name}}, {{my_name}} and "
        "{last_contact}."
    )
    assert not library.get(session, workspace_id=workspace.id, key="keep_in_touch").customized
