"""Task pages: the list of next moves (overdue ones flagged), forms, and status actions."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from goodword import clock, forms
from goodword.deps import DbSession, WorkspaceId
from goodword.errors import FieldError, InvalidInput
from goodword.pages import (
    filled,
    form_errors,
    form_of,
    form_values,
    is_htmx,
    page_or_422,
    redirect,
    render,
)
from goodword.pickers import opportunity_choices, organization_choices, person_choices
from goodword.playbooks import sender
from goodword.playbooks.addresses import recipient
from goodword.tasks import service
from goodword.tasks.enums import SNOOZE_DAYS
from goodword.tasks.models import Task, TaskStatus
from goodword.tasks.schemas import TaskCreate, TaskStatusChange, TaskUpdate
from goodword.templating import human_date

router = APIRouter()

FIELDS = (
    "title",
    "notes",
    "due_date",
    "person_id",
    "organization_id",
    "opportunity_id",
    "interaction_id",
)
# The page of the task form, whose labels name the fields in errors.
FORM_PAGE = "tasks/form.html"
# The list's tabs: a status, or every task.
FILTERS = (*(status.value for status in TaskStatus), "all")
# Each tab's name on the page.
FILTER_NAMES = {value: "Everything" if value == "all" else value.capitalize() for value in FILTERS}
PAGE_SIZE = 100


def _filter(value: str | None) -> str:
    if not value:
        return TaskStatus.OPEN.value
    if value not in FILTERS:
        raise InvalidInput(
            f"There is no task list called “{value}”; choose one of the tabs: "
            f"{', '.join(FILTER_NAMES.values())}.",
            fields=[FieldError("status", "is not one of the task lists")],
        )
    return value


def _row_context(today: date, back: str) -> dict[str, Any]:
    return {"today": today, "back": back, "snooze_default": today + timedelta(days=SNOOZE_DAYS)}


def _list_page(
    request: Request,
    session: Session,
    workspace_id: int,
    *,
    chosen: str,
    after: str | None = None,
    before: str | None = None,
    row_errors: Mapping[int, str] | None = None,
    row_typed: Mapping[int, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    page = page_or_422(
        lambda: service.list_(
            session,
            workspace_id=workspace_id,
            today=clock.today(),
            status=None if chosen == "all" else TaskStatus(chosen),
            limit=PAGE_SIZE,
            cursor=after,
            before=before,
        ),
        first_page="the first page of tasks",
    )
    return render(
        request,
        "tasks/list.html",
        {
            "tasks": page.items,
            "page": page,
            "chosen": chosen,
            "filters": FILTER_NAMES,
            "first_page": not after and page.prev_cursor is None,
            "row_errors": row_errors or {},
            "row_typed_dates": row_typed or {},
            **_row_context(clock.today(), chosen),
        },
        status_code=status_code,
        vary_on_htmx=True,
    )


def _form_page(
    request: Request,
    session: Session,
    workspace_id: int,
    *,
    values: Mapping[str, str],
    task: Task | None = None,
    errors: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        FORM_PAGE,
        {
            "task": task,
            "values": values,
            "errors": errors or {},
            "people": person_choices(session, workspace_id=workspace_id),
            "organizations": organization_choices(session, workspace_id=workspace_id),
            "opportunities": opportunity_choices(session, workspace_id=workspace_id),
        },
        status_code=status_code,
    )


@router.get("/tasks", response_class=HTMLResponse)
def list_page(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    status: str | None = None,
    after: str | None = None,
    before: str | None = None,
) -> HTMLResponse:
    """The tasks of one list, soonest due first, a page at a time (`after` the page's last
    task, `before` its first: the page before)."""
    return _list_page(
        request, session, workspace_id, chosen=_filter(status), after=after, before=before
    )


@router.get("/tasks/new", response_class=HTMLResponse)
def new_page(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    title: str = "",
    person_id: str = "",
    organization_id: str = "",
    opportunity_id: str = "",
    interaction_id: str = "",
) -> HTMLResponse:
    values = {name: "" for name in FIELDS} | {
        "title": title.strip(),
        "person_id": person_id.strip(),
        "organization_id": organization_id.strip(),
        "opportunity_id": opportunity_id.strip(),
        "interaction_id": interaction_id.strip(),
    }
    return _form_page(request, session, workspace_id, values=values)


@router.post("/tasks", response_class=HTMLResponse, dependencies=[Depends(form_of(FORM_PAGE))])
async def create(request: Request, session: DbSession, workspace_id: WorkspaceId) -> Response:
    values = await form_values(request, FIELDS)
    try:
        task = service.create(
            session, workspace_id=workspace_id, data=forms.validate(TaskCreate, filled(values))
        )
    except InvalidInput as error:
        session.rollback()
        errors = form_errors(error, fields=FIELDS)
        return _form_page(
            request, session, workspace_id, values=values, errors=errors, status_code=422
        )
    return redirect(f"/tasks/{task.id}", flash="Task added.")


@router.get("/tasks/{task_id}", response_class=HTMLResponse)
def detail_page(
    request: Request, task_id: int, session: DbSession, workspace_id: WorkspaceId
) -> HTMLResponse:
    task = service.get(session, workspace_id=workspace_id, task_id=task_id)
    return render(
        request,
        "tasks/detail.html",
        {
            "t": task,
            "to": recipient(task.person),
            "eml_from_note": sender.note(session, workspace_id=workspace_id),
            **_row_context(clock.today(), "detail"),
        },
    )


@router.get("/tasks/{task_id}/edit", response_class=HTMLResponse)
def edit_page(
    request: Request, task_id: int, session: DbSession, workspace_id: WorkspaceId
) -> HTMLResponse:
    task = service.get(session, workspace_id=workspace_id, task_id=task_id)
    values = {
        name: "" if getattr(task, name) is None else str(getattr(task, name)) for name in FIELDS
    }
    return _form_page(request, session, workspace_id, values=values, task=task)


@router.post(
    "/tasks/{task_id}", response_class=HTMLResponse, dependencies=[Depends(form_of(FORM_PAGE))]
)
async def update(
    request: Request, task_id: int, session: DbSession, workspace_id: WorkspaceId
) -> Response:
    service.get(session, workspace_id=workspace_id, task_id=task_id)
    values = await form_values(request, FIELDS)
    try:
        service.update(
            session,
            workspace_id=workspace_id,
            task_id=task_id,
            data=forms.validate(TaskUpdate, filled(values)),
        )
    except InvalidInput as error:
        session.rollback()
        task = service.get(session, workspace_id=workspace_id, task_id=task_id)
        errors = form_errors(error, fields=FIELDS)
        return _form_page(
            request,
            session,
            workspace_id,
            values=values,
            task=task,
            errors=errors,
            status_code=422,
        )
    return redirect(f"/tasks/{task_id}", flash="Changes saved.")


@router.post("/tasks/{task_id}/status", response_class=HTMLResponse)
async def change_status(
    request: Request, task_id: int, session: DbSession, workspace_id: WorkspaceId
) -> Response:
    """Done, snooze, dismiss or reopen: the row for HTMX, else back to the list or the task."""
    task = service.get(session, workspace_id=workspace_id, task_id=task_id)
    values = await form_values(request, ("status", "snoozed_until", "back"))
    back = values["back"] if values["back"] in (*FILTERS, "detail") else TaskStatus.OPEN.value
    today = clock.today()
    try:
        change = forms.validate(
            TaskStatusChange, filled({k: values[k] for k in ("status", "snoozed_until")})
        )
        logged = task.logged_interaction_id
        # (A page left open elsewhere offers what was done since: said, and nothing changed.)
        already = _already_said(task) if service.unchanged(task, change) else None
        service.set_status(session, workspace_id=workspace_id, task_id=task.id, change=change)
    except InvalidInput as error:
        session.rollback()
        task = service.get(session, workspace_id=workspace_id, task_id=task_id)
        message = _status_error(error)
        # The snooze date refused stays in its box beside the error, to be put right (none
        # given, the box offers the usual one).
        snoozing = values["status"] == TaskStatus.SNOOZED.value
        typed = values["snoozed_until"].strip() or None if snoozing else None
        if is_htmx(request):
            context = {
                "t": task,
                "row_error": message,
                "row_typed": typed,
                "swapped": True,
                **_row_context(today, back),
            }
            return render(request, "tasks/_row.html", context, status_code=422, vary_on_htmx=True)
        if back == "detail":
            context = {
                "t": task,
                "to": recipient(task.person),
                "eml_from_note": sender.note(session, workspace_id=workspace_id),
                "row_error": message,
                "row_typed": typed,
                **_row_context(today, back),
            }
            return render(request, "tasks/detail.html", context, status_code=422)
        return _list_page(
            request,
            session,
            workspace_id,
            chosen=back,
            row_errors={task.id: message},
            row_typed={task.id: typed} if typed is not None else None,
            status_code=422,
        )
    contact = already or _contact_said(task, logged)
    if is_htmx(request):
        # The row says what the flash would: the contact logged, or taken back.
        context = {"t": task, "swapped": True, "row_note": contact, **_row_context(today, back)}
        return render(request, "tasks/_row.html", context, vary_on_htmx=True)
    said = contact or "Task updated."
    if back == "detail":
        return redirect(f"/tasks/{task.id}", flash=said, vary_on_htmx=True)
    return redirect(f"/tasks?status={back}", flash=said, vary_on_htmx=True)


def _already_said(task: Task) -> str:
    """What the page says when the task already stood as the button asked."""
    was = task.status.value
    if task.status is TaskStatus.SNOOZED and task.snoozed_until is not None:
        was = f"snoozed until {human_date(task.snoozed_until)}"
    return f"That task was already {was}: nothing changed."


def _contact_said(task: Task, logged: int | None) -> str | None:
    """What a catch-up reminder's change of status did to the contact it logs (`logged`, the
    message it had logged before), in a sentence; None when it did nothing to it."""
    if (
        task.person is None
        or task.logged_interaction_id == logged
        or not service.logs_contact(task)
    ):
        return None
    name = task.person.display_name
    if task.logged_interaction_id is not None:
        return (
            f"Task done, and your contact with {name} is logged today: "
            "their keep-in-touch clock starts again."
        )
    return (
        f"Task updated, and the contact with {name} it logged is taken back: "
        "they are due a catch-up again."
    )


def _status_error(error: InvalidInput) -> str:
    errors = form_errors(error, fields=("snoozed_until", "status"))
    if "snoozed_until" in errors:
        return errors["snoozed_until"]
    if "status" in errors:
        return "Choose done, snooze, dismiss or reopen."
    return next(iter(errors.values()))


@router.get("/tasks/{task_id}/delete", response_class=HTMLResponse)
def delete_page(
    request: Request, task_id: int, session: DbSession, workspace_id: WorkspaceId
) -> HTMLResponse:
    task = service.get(session, workspace_id=workspace_id, task_id=task_id)
    return render(request, "tasks/delete.html", {"t": task})


@router.post("/tasks/{task_id}/delete")
def delete(task_id: int, session: DbSession, workspace_id: WorkspaceId) -> Response:
    service.delete(session, workspace_id=workspace_id, task_id=task_id)
    return redirect("/tasks", flash="Task deleted.")
