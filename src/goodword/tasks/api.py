"""JSON API for tasks: the user's next moves."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from pydantic import BaseModel

from goodword import clock
from goodword.api import (
    API_PREFIX,
    ERROR_RESPONSES,
    After,
    Before,
    Limit,
    Next,
    Prev,
    checked_cursors,
)
from goodword.deps import DbSession, WorkspaceId
from goodword.tasks import service
from goodword.tasks.models import TaskStatus
from goodword.tasks.schemas import TaskCreate, TaskRead, TaskStatusChange, TaskUpdate

router = APIRouter(prefix=API_PREFIX, tags=["tasks"], responses=ERROR_RESPONSES)


class TaskPage(BaseModel):
    items: list[TaskRead]
    next: Next
    prev: Prev


@router.get("/tasks", response_model=TaskPage, summary="List tasks")
def list_tasks(
    session: DbSession,
    workspace_id: WorkspaceId,
    status_: Annotated[
        TaskStatus | None,
        Query(
            alias="status",
            description="Only tasks with this status; `open` includes snoozes that have ended.",
        ),
    ] = None,
    person_id: Annotated[int | None, Query(description="Only tasks about this person.")] = None,
    opportunity_id: Annotated[
        int | None, Query(description="Only tasks about this opportunity.")
    ] = None,
    after: After = None,
    before: Before = None,
    limit: Limit = 50,
) -> TaskPage:
    """Tasks, soonest due first and undated last; pass `next` back as `after` for more,
    and `prev` as `before` for the page before."""
    cursor, before = checked_cursors(after, before, sort="date", list_name="tasks")
    page = service.list_(
        session,
        workspace_id=workspace_id,
        today=clock.today(),
        status=status_,
        person_id=person_id,
        opportunity_id=opportunity_id,
        limit=limit,
        cursor=cursor,
        before=before,
    )
    return TaskPage(
        items=[TaskRead.model_validate(t) for t in page.items],
        next=page.next_cursor,
        prev=page.prev_cursor,
    )


@router.post(
    "/tasks", response_model=TaskRead, status_code=status.HTTP_201_CREATED, summary="Add a task"
)
def create_task(session: DbSession, workspace_id: WorkspaceId, data: TaskCreate) -> TaskRead:
    return TaskRead.model_validate(service.create(session, workspace_id=workspace_id, data=data))


@router.get("/tasks/{task_id}", response_model=TaskRead, summary="Show a task")
def get_task(session: DbSession, workspace_id: WorkspaceId, task_id: int) -> TaskRead:
    return TaskRead.model_validate(service.get(session, workspace_id=workspace_id, task_id=task_id))


@router.put("/tasks/{task_id}", response_model=TaskRead, summary="Replace a task's fields")
def replace_task(
    session: DbSession, workspace_id: WorkspaceId, task_id: int, data: TaskUpdate
) -> TaskRead:
    """Replace the title, notes, due date and links; the status changes on its own endpoint."""
    task = service.update(session, workspace_id=workspace_id, task_id=task_id, data=data)
    return TaskRead.model_validate(task)


@router.delete(
    "/tasks/{task_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Delete a task",
)
def delete_task(session: DbSession, workspace_id: WorkspaceId, task_id: int) -> Response:
    service.delete(session, workspace_id=workspace_id, task_id=task_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/tasks/{task_id}/status", response_model=TaskRead, summary="Change a task's status")
def change_status(
    session: DbSession, workspace_id: WorkspaceId, task_id: int, data: TaskStatusChange
) -> TaskRead:
    """Mark the task done, snoozed (give `snoozed_until`), dismissed or open again."""
    task = service.set_status(session, workspace_id=workspace_id, task_id=task_id, change=data)
    return TaskRead.model_validate(task)
