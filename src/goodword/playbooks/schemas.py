from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

Subject = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Body = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]


class MessageTemplateIn(BaseModel):
    """The user's own version of a message in the library."""

    model_config = ConfigDict(extra="forbid")

    subject: Subject
    body: Body


class DraftRead(BaseModel):
    key: str
    subject: str
    body: str
    to: list[str]
    missing: list[str]
    mailto: str


class PromptRead(BaseModel):
    field: str
    message: str
    blocking: bool


class PlaybookResultRead(BaseModel):
    playbook: str
    created: int
    task_ids: list[int]
    drafts: list[DraftRead]
    prompts: list[PromptRead]
    # What the run changed besides adding tasks, or what to know now, a sentence each.
    notes: list[str] = []
