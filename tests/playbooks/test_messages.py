"""The message library: pure rendering, the user's own versions, mailto links and .eml files."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from sqlalchemy.orm import Session

from goodword.errors import InvalidInput, NotFound
from goodword.playbooks import library
from goodword.playbooks.messages import (
    DEFAULTS,
    PLACEHOLDERS,
    SAMPLE_VALUES,
    Draft,
    eml_bytes,
    join_names,
    mailto_url,
    placeholders_in,
    render,
)
from goodword.playbooks.schemas import MessageTemplateIn
from goodword.workspaces.models import Workspace

EXPECTED_KEYS = {
    "thank_and_release",
    "courtesy_ask",
    "referral_thanks",
    "report_back",
    "graceful_close",
    "reference_request",
    "reference_request_applied",
    "reference_thanks",
    "advice_call",
    "keep_in_touch",
    "pass_it_on",
    "favour_thanks",
}


def test_the_library_holds_every_message_the_playbooks_need():
    assert set(DEFAULTS) == EXPECTED_KEYS


@pytest.mark.parametrize("key", sorted(EXPECTED_KEYS))
def test_every_message_fills_completely_from_known_placeholders(key: str):
    template = DEFAULTS[key]
    used = placeholders_in(template.subject) + placeholders_in(template.body)
    assert used, "a message with no placeholders cannot be personal"
    assert set(used) <= set(PLACEHOLDERS)
    draft = render(template, SAMPLE_VALUES)
    assert draft.complete
    assert "{" not in draft.subject + draft.body
    assert draft.body.startswith("Hi Morgan,")


def test_it_reports_missing_values_and_leaves_them_visible():
    draft = render(DEFAULTS["favour_thanks"], {"first_name": "Ada", "my_name": "Sam"})
    assert draft.missing == ("favour",)
    assert "Thank you for {favour}." in draft.body
    assert draft.subject == "Thank you, Ada"


def test_blank_values_count_as_missing():
    draft = render(DEFAULTS["favour_thanks"], {"first_name": "  ", "favour": "x", "my_name": "S"})
    assert draft.missing == ("first_name",)


def test_rendering_is_pure():
    values = dict(SAMPLE_VALUES)
    first = render(DEFAULTS["courtesy_ask"], values)
    second = render(DEFAULTS["courtesy_ask"], values)
    assert first == second
    assert values == SAMPLE_VALUES


def test_wrapped_source_lines_become_paragraphs():
    draft = render(DEFAULTS["courtesy_ask"], SAMPLE_VALUES)
    paragraphs = draft.body.split("\n\n")
    assert paragraphs[0] == "Hi Morgan,"
    assert "professional courtesy? I'm now looking at Lumenfold Optics" in paragraphs[2]
    assert paragraphs[-1] == "With thanks,\nSam Carter"


def test_it_joins_company_names_the_way_people_write_them():
    assert join_names([]) == ""
    assert join_names(["X"]) == "X"
    assert join_names(["X", "Y"]) == "X or Y"
    assert join_names(["X", "Y", "Z"]) == "X, Y or Z"


def _draft(**fields: object) -> Draft:
    base: dict[str, object] = {
        "key": "courtesy_ask",
        "subject": "Café & a question?",
        "body": "Hi Zoë,\n\n50% of it = done; see https://x.example/a?b=c&d=e #1\nThanks",
        "to": ("zoe+jobs@example.org",),
        "to_name": "Zoë Dubois",
    }
    base.update(fields)
    return Draft(**base)  # type: ignore[arg-type]


def test_mailto_links_encode_everything_and_round_trip():
    draft = _draft()
    url = mailto_url(draft)
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "zoe+jobs@example.org"
    assert " " not in url and "&d=" not in url and "#" not in url
    query = parse_qs(parts.query, keep_blank_values=True)
    assert query["subject"] == ["Café & a question?"]
    assert query["body"] == [draft.body.replace("\n", "\r\n")]
    assert "%0D%0A" in url


def test_mailto_links_work_without_a_recipient():
    url = mailto_url(_draft(to=()))
    assert url.startswith("mailto:?subject=")


def test_eml_files_parse_back_with_the_email_package():
    draft = _draft()
    raw = eml_bytes(
        draft,
        from_address="sam@example.org",
        from_name="Sam Carter",
        at=datetime(2026, 11, 25, 9, 30, tzinfo=UTC),
    )
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["Subject"] == "Café & a question?"
    assert message["To"].addresses[0].display_name == "Zoë Dubois"
    assert message["To"].addresses[0].addr_spec == "zoe+jobs@example.org"
    assert message["From"].addresses[0].addr_spec == "sam@example.org"
    assert message["X-Unsent"] == "1"
    assert message["Date"].datetime == datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
    body = message.get_body(("plain",))
    assert body is not None
    assert body.get_content().rstrip("\n") == draft.body


def test_user_versions_override_the_default(session: Session, workspace: Workspace):
    data = MessageTemplateIn(subject="Thanks, {first_name}!", body="Cheers for {favour}.")
    entry = library.save(session, workspace_id=workspace.id, key="favour_thanks", data=data)
    assert entry.customized
    draft = library.draft(
        session,
        workspace_id=workspace.id,
        key="favour_thanks",
        values={"first_name": "Ada", "favour": "the review"},
    )
    assert (draft.subject, draft.body) == ("Thanks, Ada!", "Cheers for the review.")
    listed = {e.template.key: e for e in library.list_(session, workspace_id=workspace.id)}
    assert listed["favour_thanks"].customized
    assert not listed["courtesy_ask"].customized
    assert len(listed) == len(DEFAULTS)


def test_user_versions_stay_in_their_workspace(
    session: Session, workspace: Workspace, other_workspace: Workspace
):
    data = MessageTemplateIn(subject="Mine", body="Mine, {first_name}.")
    library.save(session, workspace_id=workspace.id, key="keep_in_touch", data=data)
    theirs = library.get(session, workspace_id=other_workspace.id, key="keep_in_touch")
    assert not theirs.customized
    assert theirs.template.subject == DEFAULTS["keep_in_touch"].subject


def test_saving_twice_replaces_and_reset_restores_the_default(
    session: Session, workspace: Workspace
):
    for subject in ("One", "Two"):
        library.save(
            session,
            workspace_id=workspace.id,
            key="advice_call",
            data=MessageTemplateIn(subject=subject, body="Hello {first_name}"),
        )
    assert library.get(session, workspace_id=workspace.id, key="advice_call").template.subject == (
        "Two"
    )
    entry = library.reset(session, workspace_id=workspace.id, key="advice_call")
    assert not entry.customized
    assert entry.template == DEFAULTS["advice_call"]


def test_unknown_placeholders_are_refused_with_the_field(session: Session, workspace: Workspace):
    with pytest.raises(InvalidInput) as caught:
        library.save(
            session,
            workspace_id=workspace.id,
            key="advice_call",
            data=MessageTemplateIn(subject="Hi {frist_name}", body="Fine {first_name}"),
        )
    assert [f.field for f in caught.value.fields] == ["subject"]
    assert "{frist_name}" in caught.value.fields[0].message


def test_unknown_keys_are_not_found(session: Session, workspace: Workspace):
    with pytest.raises(NotFound):
        library.get(session, workspace_id=workspace.id, key="no_such_message")


def test_preview_fills_an_unsaved_edit_with_sample_values(session: Session, workspace: Workspace):
    draft = library.preview(
        session,
        workspace_id=workspace.id,
        key="courtesy_ask",
        data=MessageTemplateIn(subject="For {first_name}", body="At {companies}."),
        values={"first_name": "Priya"},
    )
    assert draft.subject == "For Priya"
    assert draft.body == f"At {SAMPLE_VALUES['companies']}."
    assert not library.get(session, workspace_id=workspace.id, key="courtesy_ask").customized


def test_leave_out_drops_the_brackets_or_else_the_sentence_around_a_placeholder():
    from dataclasses import replace

    from goodword.playbooks.messages import leave_out

    template = DEFAULTS["keep_in_touch"]
    body = leave_out(template, "last_contact").body
    assert "in touch, and you came to mind." in body and "{last_contact}" not in body
    own = replace(
        template,
        subject="Since {last_contact}",
        body="Hi {first_name},\n\nWe last spoke on {last_contact}. How are you? "
        "It was {last_contact}, I think.\n\n{my_name}",
    )
    left = leave_out(own, "last_contact")
    assert left.body == "Hi {first_name},\n\nHow are you?\n\n{my_name}"
    # A subject with nothing left keeps the placeholder, so the gap shows.
    assert left.subject == "Since {last_contact}"
