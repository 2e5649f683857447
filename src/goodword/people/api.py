"""JSON API for people and their positions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Body, Depends, Response, status
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

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
from goodword.duplicates import service as duplicates
from goodword.duplicates.schemas import PossibleDuplicate
from goodword.organizations.models import Organization
from goodword.organizations.schemas import organization_added
from goodword.people import positions, service
from goodword.people.models import Person, Position
from goodword.people.schemas import (
    PersonCreate,
    PersonRead,
    PersonUpdate,
    PositionCreate,
    PositionSaved,
    PositionUpdate,
)

router = APIRouter(prefix=API_PREFIX, tags=["people"], responses=ERROR_RESPONSES)

M = TypeVar("M", bound=BaseModel)


def _in_region(schema: type[M]) -> Callable[..., M]:
    """A dependency that reads the request's body as `schema` with the workspace's phone
    region, as the forms do: a number written without a country code that cannot be read
    there is a 422 beside the other fields' problems, not in a second answer."""

    def read(session: DbSession, workspace_id: WorkspaceId, body: Annotated[Any, Body()]) -> M:
        context = service.input_context(session, workspace_id=workspace_id)
        try:
            return schema.model_validate(body, context=context)
        except ValidationError as exc:
            # The shape FastAPI gives a body it validates itself.
            errors = [{**error, "loc": ("body", *error["loc"])} for error in exc.errors()]
            raise RequestValidationError(errors) from None

    return read


def _body_schema(schema: type[BaseModel]) -> dict[str, Any]:
    """The OpenAPI request body of a route that reads its body with `_in_region`."""
    shape = schema.model_json_schema(ref_template="#/components/schemas/{model}")
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": shape}}}}


class PersonPage(BaseModel):
    items: list[PersonRead]
    next: Next
    prev: Prev


class PersonSavedRead(PersonRead):
    """The saved person, and who already had one of their e-mail addresses, phone numbers
    or LinkedIn profiles: each such pair is now in the possible-duplicates queue
    (`/duplicates/{candidate_id}`), to be merged or told apart. The person is saved either
    way."""

    possible_duplicates: list[PossibleDuplicate] = []


@router.get("/people", response_model=PersonPage, summary="List people")
def list_people(
    session: DbSession,
    workspace_id: WorkspaceId,
    after: After = None,
    before: Before = None,
    limit: Limit = 50,
) -> PersonPage:
    """People by family name, then given name; pass `next` back as `after` for more, and
    `prev` as `before` for the page before."""
    cursor, before = checked_cursors(after, before, sort="text", list_name="people")
    page = service.list_(
        session, workspace_id=workspace_id, cursor=cursor, limit=limit, before=before
    )
    return PersonPage(
        items=[service.to_read(p) for p in page.items],
        next=page.next_cursor,
        prev=page.prev_cursor,
    )


@router.post(
    "/people",
    response_model=PersonSavedRead,
    status_code=status.HTTP_201_CREATED,
    summary="Add a person",
    openapi_extra=_body_schema(PersonCreate),
)
def create_person(
    session: DbSession,
    workspace_id: WorkspaceId,
    data: Annotated[PersonCreate, Depends(_in_region(PersonCreate))],
) -> PersonSavedRead:
    """Add a person; `possible_duplicates` lists anyone who already has one of their
    e-mail addresses, phone numbers or LinkedIn profiles."""
    person = service.create(session, workspace_id=workspace_id, data=service.with_name_parts(data))
    return _saved(session, workspace_id, person)


@router.get("/people/{person_id}", response_model=PersonRead, summary="Show a person")
def get_person(session: DbSession, workspace_id: WorkspaceId, person_id: int) -> PersonRead:
    return service.to_read(service.get(session, workspace_id=workspace_id, person_id=person_id))


@router.put(
    "/people/{person_id}",
    response_model=PersonSavedRead,
    summary="Replace a person's fields",
    openapi_extra=_body_schema(PersonUpdate),
)
def replace_person(
    session: DbSession,
    workspace_id: WorkspaceId,
    person_id: int,
    data: Annotated[PersonUpdate, Depends(_in_region(PersonUpdate))],
) -> PersonSavedRead:
    """Replace every field of the person; positions are kept (edit them on their own).
    `possible_duplicates` lists anyone else with one of their e-mail addresses, phone
    numbers or LinkedIn profiles not paired with them before (a pair already in the queue,
    or told apart, is not listed again)."""
    person = service.update(session, workspace_id=workspace_id, person_id=person_id, data=data)
    return _saved(session, workspace_id, person)


def _saved(session: Session, workspace_id: int, person: Person) -> PersonSavedRead:
    found = duplicates.queue_shared_details(session, workspace_id=workspace_id, person_id=person.id)
    return PersonSavedRead(**service.to_read(person).model_dump(), possible_duplicates=found)


@router.delete(
    "/people/{person_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Delete a person",
)
def delete_person(session: DbSession, workspace_id: WorkspaceId, person_id: int) -> Response:
    """Delete the person with their positions, connections, reference record, referral asks,
    possible-duplicate pairs and lead shares; they are taken off their interactions. The
    records they were imported from are remembered, so an import reading them again does not
    add them back (one with `reapply` does)."""
    service.delete(session, workspace_id=workspace_id, person_id=person_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/people/{person_id}/positions",
    response_model=PositionSaved,
    status_code=status.HTTP_201_CREATED,
    summary="Add a position",
)
def add_position(
    session: DbSession, workspace_id: WorkspaceId, person_id: int, data: PositionCreate
) -> PositionSaved:
    """Record a job; a new current job elsewhere ends the person's earlier current ones. An
    organization_name that names none adds one (`organization_added`), with the
    organizations named very like it in `did_you_mean`. A start or end known only as a
    month or a year is given so ("start_date": "2021-05", or "2021"), or as a date with
    `start_precision` (`end_precision`) beside it, and kept as its first day in that
    precision."""
    near = positions.new_organization(session, workspace_id, data)
    position = service.add_position(
        session, workspace_id=workspace_id, person_id=person_id, data=data
    )
    return _position_saved(position, near)


@router.put("/positions/{position_id}", response_model=PositionSaved, summary="Change a position")
def update_position(
    session: DbSession, workspace_id: WorkspaceId, position_id: int, data: PositionUpdate
) -> PositionSaved:
    """Replace what a job says (every field; `is_current` must be given, and a job with an
    `end_date` is over). A job made current ends the person's current jobs elsewhere that
    began before it, as adding one does, with no end date made up for them. A new
    organization is said as when adding a job, and a month or a year as when adding one; a
    date given again as it was with no precision said keeps the precision it had."""
    near = positions.new_organization(session, workspace_id, data)
    position, _ended = positions.update_position(
        session, workspace_id=workspace_id, position_id=position_id, data=data
    )
    return _position_saved(position, near)


def _position_saved(position: Position, near: list[Organization] | None) -> PositionSaved:
    return PositionSaved(
        **service.position_to_read(position).model_dump(),
        **organization_added(near),
    )


@router.delete(
    "/positions/{position_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Delete a position",
)
def delete_position(session: DbSession, workspace_id: WorkspaceId, position_id: int) -> Response:
    service.remove_position(session, workspace_id=workspace_id, position_id=position_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
