"""JSON API for the message library: list, show, preview, keep your own version, reset, and
draft a message for one person. Nothing is ever sent."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from goodword.deps import DbSession, WorkspaceId, reads_only
from goodword.playbooks import drafting, library
from goodword.playbooks.schemas import (
    DraftRead,
    MessageDrafts,
    MessageLibrary,
    MessageRead,
    MessageTemplateIn,
)
from goodword.records import RecordId

router = APIRouter(tags=["messages"])

Value = Annotated[str, StringConstraints(max_length=2_000)]


class PreviewIn(BaseModel):
    """Preview an edited text (or the current version) with sample values and your own."""

    model_config = ConfigDict(extra="forbid")

    subject: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] | None = None
    body: Annotated[str, StringConstraints(max_length=20_000)] | None = None
    values: dict[str, Value] = Field(default_factory=dict, max_length=50)


class DraftIn(BaseModel):
    """Draft the message for one person, filled from their record and the values given."""

    model_config = ConfigDict(extra="forbid")

    person_id: RecordId
    values: dict[str, Value] = Field(default_factory=dict, max_length=50)


@router.get("/messages", response_model=MessageLibrary, summary="The message library")
def list_messages(session: DbSession, workspace_id: WorkspaceId) -> MessageLibrary:
    """Every message, your own version where you keep one, and every placeholder there is."""
    return library.read_all(session, workspace_id=workspace_id)


@router.get("/messages/{key}", response_model=MessageRead, summary="Show one message")
def get_message(session: DbSession, workspace_id: WorkspaceId, key: str) -> MessageRead:
    return library.to_read(library.get(session, workspace_id=workspace_id, key=key))


@router.get("/messages/{key}/drafts", response_model=MessageDrafts, summary="Fill it for people")
def message_drafts(
    session: DbSession,
    workspace_id: WorkspaceId,
    key: str,
    person_id: Annotated[
        list[int] | None,
        Query(description="Fill it for this person (repeatable), in the order given."),
    ] = None,
) -> MessageDrafts:
    """The message filled for each person_id, as `goodword messages show KEY --person ID
    --json` prints it; with none, its wording with every placeholder in braces. A person
    who is not there is refused (422, under person_id). Saves nothing."""
    drafts = drafting.for_people(
        session, workspace_id=workspace_id, key=key, person_ids=person_id or []
    )
    return drafting.drafts_to_read(key, drafts)


@router.put("/messages/{key}", response_model=MessageRead, summary="Keep your own version")
def save_message(
    session: DbSession, workspace_id: WorkspaceId, key: str, data: MessageTemplateIn
) -> MessageRead:
    """Replace the wording. A placeholder this message is never given a value for is refused
    (422), naming the field and the placeholders the message can use."""
    return library.to_read(library.save(session, workspace_id=workspace_id, key=key, data=data))


@router.delete("/messages/{key}", response_model=MessageRead, summary="Go back to our wording")
def reset_message(session: DbSession, workspace_id: WorkspaceId, key: str) -> MessageRead:
    return library.to_read(library.reset(session, workspace_id=workspace_id, key=key))


@router.post("/messages/{key}/preview", response_model=DraftRead, summary="Preview a message")
@reads_only
def preview_message(
    session: DbSession, workspace_id: WorkspaceId, key: str, data: PreviewIn | None = None
) -> DraftRead:
    """Fill the message (or an edited text) with sample values; saves nothing."""
    data = data or PreviewIn()
    edited = None
    if data.subject is not None or data.body is not None:
        current = library.get(session, workspace_id=workspace_id, key=key).template
        edited = MessageTemplateIn(
            subject=data.subject if data.subject is not None else current.subject,
            body=data.body if data.body is not None else current.body,
        )
    draft = library.preview(
        session, workspace_id=workspace_id, key=key, data=edited, values=data.values
    )
    return drafting.to_read(draft)


@router.post("/messages/{key}/draft", response_model=DraftRead, summary="Draft it for someone")
@reads_only
def draft_message(
    session: DbSession, workspace_id: WorkspaceId, key: str, data: DraftIn
) -> DraftRead:
    """The message filled for one person; placeholders the records cannot fill stay in braces."""
    draft = drafting.for_person(
        session, workspace_id=workspace_id, key=key, person_id=data.person_id, values=data.values
    )
    return drafting.to_read(draft)
