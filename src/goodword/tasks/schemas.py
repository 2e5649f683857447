from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    StringConstraints,
    ValidationError,
    computed_field,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from goodword import clock
from goodword.playbooks.messages import PLACEHOLDERS, placeholders_in
from goodword.records import Day, RecordId
from goodword.tasks.models import TaskStatus

# The playbooks' names, as a task's page and `goodword task show` say where it came from.
PLAYBOOK_NAMES = {
    "rejection": "Rejection playbook",
    "referral": "Referral follow-up",
    "reference": "Launch a reference",
    "reach": "Reach the hiring manager",
    "keep-in-touch": "Keep in touch",
    "favours": "Favours",
    "pass-it-on": "Pass it on",
}


# What a playbook writes before the draft it keeps in a task's notes (`playbooks/engine.py`).
DRAFT_MARKER = "Draft (edit it, then send it yourself):"


def unfilled(notes: str | None) -> list[str]:
    """The placeholders a task's draft still has in braces, to fill in before sending: a
    value the playbook did not know ("{introduced_to}", whom a referrer introduced you to).

    >>> unfilled(f"{DRAFT_MARKER} Subject: Thanks to {{my_name}} for {{introduced_to}}")
    ['my_name', 'introduced_to']
    >>> unfilled("Notes only, {introduced_to} too")
    []
    """
    if not notes or DRAFT_MARKER not in notes:
        return []
    draft = notes.split(DRAFT_MARKER, 1)[1]
    return [name for name in placeholders_in(draft) if name in PLACEHOLDERS]


def origin_words(origin: str) -> str:
    """Where a task came from, in words ("referral:report-back" is "Referral follow-up:
    report back"); "" for a task the user made."""
    if origin == "manual":
        return ""
    playbook, _, step = origin.partition(":")
    name = PLAYBOOK_NAMES.get(playbook, playbook.replace("-", " ").capitalize())
    return f"{name}: {step.replace('-', ' ')}" if step else name


SNOOZE_DATE_MISSING = "Pick a date to snooze until."
SNOOZE_DATE_PAST = "Pick a day after today."


class TaskCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
    notes: Annotated[str, StringConstraints(max_length=20_000)] | None = None
    due_date: Day | None = None
    person_id: RecordId | None = None
    organization_id: RecordId | None = None
    opportunity_id: RecordId | None = None
    interaction_id: RecordId | None = None


class TaskUpdate(TaskCreate):
    pass


class TaskStatusChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: TaskStatus
    snoozed_until: Day | None = None

    @model_validator(mode="after")
    def _check(self) -> TaskStatusChange:
        if self.status is not TaskStatus.SNOOZED:
            return self
        # Said of the date field (a plain ValueError would be of the whole record), so the
        # API names it and a page shows it beside the snooze date.
        if self.snoozed_until is None:
            problem = PydanticCustomError("snooze_date_missing", SNOOZE_DATE_MISSING)
        elif self.snoozed_until <= clock.today():
            # (A snooze until today or before would be over before it began.)
            problem = PydanticCustomError("snooze_date_past", SNOOZE_DATE_PAST)
        else:
            return self
        raise ValidationError.from_exception_data(
            type(self).__name__,
            [InitErrorDetails(type=problem, loc=("snoozed_until",), input=self.snoozed_until)],
        )


class TaskRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str
    notes: str | None
    due_date: date | None
    status: TaskStatus
    snoozed_until: date | None
    completed_at: datetime | None
    origin: str
    origin_key: str | None
    person_id: int | None
    organization_id: int | None
    opportunity_id: int | None
    interaction_id: int | None
    created_at: datetime
    updated_at: datetime

    @computed_field  # type: ignore[prop-decorator]
    @property
    def missing_placeholders(self) -> list[str]:
        """The placeholders the task's draft still has in braces: fill them in before sending."""
        return unfilled(self.notes)
