from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from goodword.records import Next, Prev
from goodword.tasks.schemas import TaskRead

Subject = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Body = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]


class MessageTemplateIn(BaseModel):
    """The user's own version of a message in the library."""

    model_config = ConfigDict(extra="forbid")

    subject: Subject
    body: Body


class MessageRead(BaseModel):
    key: str
    title: str
    purpose: str
    subject: str
    body: str
    customized: bool
    default_subject: str
    default_body: str
    placeholders: dict[str, str] = Field(
        description="The placeholders this message can use, with what fills each."
    )


class MessageLibrary(BaseModel):
    items: list[MessageRead]
    placeholders: dict[str, str] = Field(
        description="Every placeholder Goodword knows; each message lists the ones it can use."
    )


class DraftRead(BaseModel):
    key: str
    subject: str
    body: str
    to: list[str]
    # Which of the person's several addresses `to` is, and why; null for one or none.
    to_why: str | None = None
    missing: list[str]
    mailto: str


class MessageDrafts(BaseModel):
    """A message filled for each person asked for, in that order; for no one, its wording
    with every placeholder in braces."""

    key: str
    drafts: list[DraftRead]


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


class CompanyRead(BaseModel):
    organization_id: int
    organization_name: str
    on_target_list: bool
    reason: str


class InterviewerRead(BaseModel):
    person_id: int
    person_name: str
    companies: list[CompanyRead]


class RejectionRead(PlaybookResultRead):
    clicked: list[InterviewerRead]
    ask_ids: list[int]


class DueRead(BaseModel):
    person_id: int
    name: str
    cadence_days: int
    reason: str
    last_contact: date | None
    due_on: date
    days_overdue: int
    # The day an import brought the last contact, when they were due by then: due_on is that
    # day and days_overdue counts from it (None: the usual rhythm, from the last contact).
    imported_on: date | None = None


class DuePage(BaseModel):
    items: list[DueRead]
    next: Next
    prev: Prev
    # How many people are due in all, in all pages.
    total: int


class FavourEntryRead(BaseModel):
    """A favour logged (`kind` favour_given or favour_received, its `interaction_id`), or a
    lead passed on to them (`kind` lead_passed_on, its `lead_id`, its title as `summary`)."""

    interaction_id: int | None
    lead_id: int | None = None
    kind: str
    on: date
    summary: str | None


class FavoursRead(BaseModel):
    person_id: int
    name: str
    given: int
    received: int
    balance: int
    entries: list[FavourEntryRead]


class DigestRead(BaseModel):
    week_start: date
    week_end: date
    keep_in_touch: list[DueRead]
    overdue_tasks: list[TaskRead]
    tasks_this_week: list[TaskRead]
    open_asks: int
    owe_favours: list[FavoursRead]
    leads_to_pass_on: list[dict[str, int | str | None]]
