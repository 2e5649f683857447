"""JSON API for people and their positions."""

from __future__ import annotations

from fastapi import APIRouter, Response, status
from pydantic import BaseModel
from sqlalchemy.orm import Session

from goodword.api import API_PREFIX, ERROR_RESPONSES, After, Limit, checked_cursor
from goodword.deps import DbSession, WorkspaceId
from goodword.duplicates import service as duplicates
from goodword.duplicates.schemas import PossibleDuplicate
from goodword.people import service
from goodword.people.models import Person
from goodword.people.schemas import (
    PersonCreate,
    PersonRead,
    PersonUpdate,
    PositionCreate,
    PositionRead,
)

router = APIRouter(prefix=API_PREFIX, tags=["people"], responses=ERROR_RESPONSES)


class PersonPage(BaseModel):
    items: list[PersonRead]
    next: str | None


class PersonSavedRead(PersonRead):
    """The saved person, and who already had one of their e-mail addresses, phone numbers
    or LinkedIn profiles: each such pair is now in the possible-duplicates queue
    (`/duplicates/{candidate_id}`), to be merged or told apart. The person is saved either
    way."""

    possible_duplicates: list[PossibleDuplicate] = []


@router.get("/people", response_model=PersonPage, summary="List people")
def list_people(
    session: DbSession, workspace_id: WorkspaceId, after: After = None, limit: Limit = 50
) -> PersonPage:
    """People by family name, then given name; pass `next` back as `after` for more."""
    page = service.list_(
        session,
        workspace_id=workspace_id,
        cursor=checked_cursor(after, sort="text"),
        limit=limit,
    )
    return PersonPage(items=[service.to_read(p) for p in page.items], next=page.next_cursor)


@router.post(
    "/people",
    response_model=PersonSavedRead,
    status_code=status.HTTP_201_CREATED,
    summary="Add a person",
)
def create_person(
    session: DbSession, workspace_id: WorkspaceId, data: PersonCreate
) -> PersonSavedRead:
    """Add a person; `possible_duplicates` lists anyone who already has one of their
    e-mail addresses, phone numbers or LinkedIn profiles."""
    person = service.create(session, workspace_id=workspace_id, data=data)
    return _saved(session, workspace_id, person)


@router.get("/people/{person_id}", response_model=PersonRead, summary="Show a person")
def get_person(session: DbSession, workspace_id: WorkspaceId, person_id: int) -> PersonRead:
    return service.to_read(service.get(session, workspace_id=workspace_id, person_id=person_id))


@router.put(
    "/people/{person_id}", response_model=PersonSavedRead, summary="Replace a person's fields"
)
def replace_person(
    session: DbSession, workspace_id: WorkspaceId, person_id: int, data: PersonUpdate
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
    """Delete the person with their positions, connections and interview ratings."""
    service.delete(session, workspace_id=workspace_id, person_id=person_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/people/{person_id}/positions",
    response_model=PositionRead,
    status_code=status.HTTP_201_CREATED,
    summary="Add a position",
)
def add_position(
    session: DbSession, workspace_id: WorkspaceId, person_id: int, data: PositionCreate
) -> PositionRead:
    """Record a job; a new current job elsewhere ends the person's earlier current ones."""
    position = service.add_position(
        session, workspace_id=workspace_id, person_id=person_id, data=data
    )
    return service.position_to_read(position)


@router.delete(
    "/positions/{position_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Delete a position",
)
def delete_position(session: DbSession, workspace_id: WorkspaceId, position_id: int) -> Response:
    service.remove_position(session, workspace_id=workspace_id, position_id=position_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
