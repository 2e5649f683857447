"""The user's own versions of the message library, kept per workspace, and drafting with them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.errors import FieldError, InvalidInput, NotFound
from goodword.playbooks.messages import (
    DEFAULTS,
    PLACEHOLDERS,
    SAMPLE_VALUES,
    Draft,
    Template,
    render,
    unknown_placeholders,
)
from goodword.playbooks.models import MessageTemplate
from goodword.playbooks.schemas import MessageTemplateIn


@dataclass(frozen=True)
class LibraryEntry:
    """One message as the user will get it: their own version if they keep one."""

    template: Template
    default: Template
    customized: bool


def default_template(key: str) -> Template:
    """The library's own template, or NotFound for an unknown key."""
    try:
        return DEFAULTS[key]
    except KeyError:
        raise NotFound(
            "message", key, message=f"There is no message called “{key}” in the library."
        ) from None


def _own(session: Session, *, workspace_id: int, key: str) -> MessageTemplate | None:
    return session.scalar(
        select(MessageTemplate).where(
            MessageTemplate.workspace_id == workspace_id, MessageTemplate.key == key
        )
    )


def get(session: Session, *, workspace_id: int, key: str) -> LibraryEntry:
    """The template used for `key`: the user's version when there is one, else the default."""
    default = default_template(key)
    own = _own(session, workspace_id=workspace_id, key=key)
    if own is None:
        return LibraryEntry(default, default, customized=False)
    template = Template(
        key=key, title=default.title, purpose=default.purpose, subject=own.subject, body=own.body
    )
    return LibraryEntry(template, default, customized=True)


def list_(session: Session, *, workspace_id: int) -> list[LibraryEntry]:
    """Every message in the library, in the library's order."""
    own = {
        row.key: row
        for row in session.scalars(
            select(MessageTemplate).where(MessageTemplate.workspace_id == workspace_id)
        )
    }
    entries = []
    for key, default in DEFAULTS.items():
        mine = own.get(key)
        template = (
            Template(key, default.title, default.purpose, mine.subject, mine.body)
            if mine
            else default
        )
        entries.append(LibraryEntry(template, default, customized=mine is not None))
    return entries


def check(data: MessageTemplateIn) -> None:
    """Refuse placeholders the library cannot fill, naming each one and the field."""
    errors = [
        FieldError(name, f"{{{unknown}}} is not a placeholder Goodword can fill. {_known()}")
        for name, text in (("subject", data.subject), ("body", data.body))
        for unknown in unknown_placeholders(text)
    ]
    if errors:
        raise InvalidInput("The message uses placeholders Goodword does not know.", fields=errors)


def save(session: Session, *, workspace_id: int, key: str, data: MessageTemplateIn) -> LibraryEntry:
    """Keep the user's own version of a message (replacing an earlier one)."""
    default_template(key)
    check(data)
    own = _own(session, workspace_id=workspace_id, key=key)
    if own is None:
        own = MessageTemplate(workspace_id=workspace_id, key=key)
        session.add(own)
    own.subject = data.subject
    own.body = data.body
    session.flush()
    return get(session, workspace_id=workspace_id, key=key)


def reset(session: Session, *, workspace_id: int, key: str) -> LibraryEntry:
    """Drop the user's version so the library's default is used again."""
    default_template(key)
    own = _own(session, workspace_id=workspace_id, key=key)
    if own is not None:
        session.delete(own)
        session.flush()
    return get(session, workspace_id=workspace_id, key=key)


def draft(
    session: Session,
    *,
    workspace_id: int,
    key: str,
    values: Mapping[str, str | None],
    to: Sequence[str] = (),
    to_name: str | None = None,
) -> Draft:
    """Fill the user's version of a message (or the default) from the given values."""
    template = get(session, workspace_id=workspace_id, key=key).template
    return render(template, values, to=to, to_name=to_name)


def preview(
    session: Session,
    *,
    workspace_id: int,
    key: str,
    data: MessageTemplateIn | None = None,
    values: Mapping[str, str | None] | None = None,
) -> Draft:
    """Show a message filled in, without saving: an edited text, or the current version.

    Values not given come from sample values, so every placeholder shows something.
    """
    entry = get(session, workspace_id=workspace_id, key=key)
    template = entry.template
    if data is not None:
        check(data)
        template = Template(key, template.title, template.purpose, data.subject, data.body)
    return render(template, {**SAMPLE_VALUES, **(values or {})})


def _known() -> str:
    return "Known placeholders: " + ", ".join(f"{{{name}}}" for name in PLACEHOLDERS) + "."
