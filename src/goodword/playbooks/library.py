"""The user's own versions of the message library, kept per workspace, and drafting with them."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.errors import FieldError, InvalidInput, NotFound
from goodword.playbooks.messages import (
    DEFAULTS,
    OPTIONAL,
    PLACEHOLDER,
    PLACEHOLDERS,
    SAMPLE_VALUES,
    Draft,
    Template,
    join_names,
    leave_out,
    placeholders_in,
    render,
)
from goodword.playbooks.models import MessageTemplate
from goodword.playbooks.schemas import MessageLibrary, MessageRead, MessageTemplateIn


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
    template = replace(default, subject=own.subject, body=own.body)
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
        template = replace(default, subject=mine.subject, body=mine.body) if mine else default
        entries.append(LibraryEntry(template, default, customized=mine is not None))
    return entries


def read_all(session: Session, *, workspace_id: int) -> MessageLibrary:
    """Every message as `list_` gives it, and every placeholder there is, as the API and
    `goodword messages list --json` show them."""
    return MessageLibrary(
        items=[to_read(e) for e in list_(session, workspace_id=workspace_id)],
        placeholders=PLACEHOLDERS,
    )


def to_read(entry: LibraryEntry) -> MessageRead:
    return MessageRead(
        key=entry.template.key,
        title=entry.template.title,
        purpose=entry.template.purpose,
        subject=entry.template.subject,
        body=entry.template.body,
        customized=entry.customized,
        default_subject=entry.default.subject,
        default_body=entry.default.body,
        placeholders=usable(entry.default),
    )


def usable(template: Template) -> dict[str, str]:
    """The placeholders this message can use, with what fills each, in the library's order."""
    return {name: PLACEHOLDERS[name] for name in template.fillable}


def unfillable(template: Template) -> list[str]:
    """Placeholders the text uses that this message is never given a value for.

    Only a version saved before Goodword checked for them can have any; its drafts keep them
    in braces for the user to fill.
    """
    used = placeholders_in(template.subject + "\n" + template.body)
    return [name for name in dict.fromkeys(used) if name not in template.fillable]


def check(data: MessageTemplateIn, *, key: str) -> None:
    """Refuse placeholders this message is never given a value for, per field, naming each
    one and the placeholders the message can use."""
    template = default_template(key)
    errors = [
        FieldError(name, problem)
        for name, text in (("subject", data.subject), ("body", data.body))
        if (problem := _problem(text, template))
    ]
    if errors:
        raise InvalidInput("Some placeholders can't be filled in this message.", fields=errors)


def _problem(text: str, template: Template) -> str | None:
    used = placeholders_in(text)
    unknown = [name for name in used if name not in PLACEHOLDERS]
    unused = [name for name in used if name in PLACEHOLDERS and name not in template.fillable]
    braced, lone = _stray_braces(text)
    unknown += [name for name in braced if name not in unknown]
    if not unknown and not unused and not lone:
        return None
    sentences = list(lone)
    if unknown:
        names = _braced(unknown, "and")
        if len(unknown) == 1:
            sentences.append(f"{names} is not a placeholder Goodword can fill.")
        else:
            sentences.append(f"{names} are not placeholders Goodword can fill.")
    if unused:
        it = "it" if len(unused) == 1 else "they"
        sentences.append(
            f"Goodword has nothing to fill {_braced(unused, 'or')} with in this message, "
            f"so {it} would stay in braces."
        )
    sentences.append(f"This message can use {_braced(list(template.fillable), 'and')}.")
    return " ".join(sentences)


_ODD_PAIR = re.compile(r"\{([^{}\n]*)\}")


def _stray_braces(text: str) -> tuple[list[str], list[str]]:
    """What braces hold that is no placeholder's name ("{First Name}"), and a sentence for
    each brace with no partner ("Bye {first_name"), saying where it is and what to write;
    a draft would keep either as typed."""
    masked = PLACEHOLDER.sub(lambda m: " " * len(m.group()), text)
    braced = [text[m.start(1) : m.end(1)] for m in _ODD_PAIR.finditer(masked)]
    masked = _ODD_PAIR.sub(lambda m: " " * len(m.group()), masked)
    lone = []
    for found in re.finditer(r"[{}]", masked):
        at = found.start()
        line_start = text.rfind("\n", 0, at) + 1
        if found.group() == "{":
            word = re.match(r"[^\s{}]*", text[at + 1 :])
            name = word.group() if word else ""
            shown = text[max(line_start, at - 12) : at + 1 + len(name)].lstrip()
            fix = name.rstrip(".,;:!?")
            said = f"The “{{” in “{shown}” is never closed"
        else:
            before = re.search(r"[^\s{}]*$", text[line_start:at])
            name = before.group() if before else ""
            shown = text[at - len(name) : at + 1]
            fix = name.lstrip("([\"'“")
            said = f"The “}}” in “{shown}” closes no placeholder"
        if fix in PLACEHOLDERS:
            lone.append(f"{said}: write {{{fix}}}, with both braces.")
        else:
            lone.append(
                f"{said}: a placeholder is a name in braces, like {{first_name}}; "
                "add the missing brace or take this one out."
            )
    return braced, lone


def _braced(names: list[str], conjunction: str) -> str:
    return join_names([f"{{{name}}}" for name in names], conjunction)


def save(session: Session, *, workspace_id: int, key: str, data: MessageTemplateIn) -> LibraryEntry:
    """Keep the user's own version of a message (replacing an earlier one)."""
    check(data, key=key)
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
    to_why: str | None = None,
) -> Draft:
    """Fill the user's version of a message (or the default) from the given values.

    An optional placeholder with no value (no contact logged for `{last_contact}`) takes the
    words around it out of the draft rather than staying in braces.
    """
    template = get(session, workspace_id=workspace_id, key=key).template
    for name in OPTIONAL:
        value = values.get(name)
        if name in template.fillable and (value is None or not value.strip()):
            template = leave_out(template, name)
    return render(template, values, to=to, to_name=to_name, to_why=to_why)


def preview(
    session: Session,
    *,
    workspace_id: int,
    key: str,
    data: MessageTemplateIn | None = None,
    values: Mapping[str, str | None] | None = None,
) -> Draft:
    """Show a message filled in, without saving: an edited text, or the current version.

    Values not given come from sample values for the placeholders this message can use, so
    the preview leaves in braces exactly what a real draft would.
    """
    template = get(session, workspace_id=workspace_id, key=key).template
    if data is not None:
        check(data, key=key)
        template = replace(template, subject=data.subject, body=data.body)
    samples = {name: SAMPLE_VALUES[name] for name in template.fillable}
    return render(template, {**samples, **(values or {})})
