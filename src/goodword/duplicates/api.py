"""JSON API for possible duplicates: list, scan, review, merge, keep apart, undo."""

from __future__ import annotations

from functools import partial
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from goodword.api import (
    API_PREFIX,
    ERROR_RESPONSES,
    After,
    Before,
    Limit,
    Next,
    Prev,
    checked_cursors,
    one_way,
)
from goodword.deps import DbSession, WorkspaceId
from goodword.duplicates import by_import, current_job, merging, service
from goodword.duplicates.models import CandidateStatus
from goodword.duplicates.schemas import CandidateRead, MergeChoices, MergeRead, ScanResult
from goodword.duplicates.service import list_merges, score_cursor
from goodword.people import service as people
from goodword.people.schemas import PersonRead
from goodword.records import RecordId, referenced

router = APIRouter(prefix=API_PREFIX, tags=["duplicates"], responses=ERROR_RESPONSES)


class CandidatePage(BaseModel):
    items: list[CandidateRead]
    next: Next
    prev: Prev
    # How many pairs have the status asked for, in all pages.
    total: int


class MergeList(BaseModel):
    items: list[MergeRead]
    next: Next = None
    prev: Prev = None


class MergeRequest(BaseModel):
    """Which of the pair to keep ("a" or "b", as listed), and per field whose value to take:
    in `choices`, "a" is the kept person's value and "b" the other's."""

    model_config = ConfigDict(extra="forbid")

    keep: Literal["a", "b"] = "a"
    choices: MergeChoices = MergeChoices()


class MergeResult(BaseModel):
    merge: MergeRead
    person: PersonRead
    jobs_ended: list[str] = Field(
        default=[],
        description='The current jobs the merge made past jobs ("Buyer at Metals Group"): '
        "each worked somewhere now the other did not (see `choices.current_job`).",
    )


class PeopleMergeRequest(BaseModel):
    """Merge any two people: `absorbed_id` into `survivor_id`."""

    model_config = ConfigDict(extra="forbid")

    survivor_id: RecordId
    absorbed_id: RecordId
    choices: MergeChoices = MergeChoices()


@router.get("/duplicates", response_model=CandidatePage, summary="List possible duplicates")
def list_duplicates(
    session: DbSession,
    workspace_id: WorkspaceId,
    status: Annotated[
        Literal["open", "not_same"],
        Query(
            description="open (the default) or not_same (pairs told apart). A pair merged "
            "leaves the queue: the merge is listed by `GET /merges`."
        ),
    ] = "open",
    after: After = None,
    before: Before = None,
    limit: Limit = 50,
    import_id: Annotated[
        int | None,
        Query(
            ge=1,
            description="Only the pairs of this kept import (`GET /imports`): those with "
            "someone it added and queued. 404 when the import's report is not kept.",
        ),
    ] = None,
) -> CandidatePage:
    """Pairs that may be one person, most likely first, with both people in full; pass
    `next` back as `after` for more, and `prev` as `before` for the page before."""
    one_way(after, before)
    of_import = (
        None
        if import_id is None
        else by_import.of_import(session, workspace_id=workspace_id, run_id=import_id)
    )
    page = service.list_candidates(
        session,
        workspace_id=workspace_id,
        status=CandidateStatus(status),
        cursor=score_cursor(after),
        limit=limit,
        before=score_cursor(before, field="before"),
        of_import=of_import,
    )
    return CandidatePage(
        items=[service.candidate_to_read(session, c) for c in page.items],
        next=page.next_cursor,
        prev=page.prev_cursor,
        total=service.count_candidates(
            session, workspace_id=workspace_id, status=CandidateStatus(status), of_import=of_import
        ),
    )


@router.post("/duplicates/scan", response_model=ScanResult, summary="Scan for duplicates")
def scan(
    session: DbSession,
    workspace_id: WorkspaceId,
    auto_merge: Annotated[
        bool, Query(description="Also merge the sure pairs at once (each can be undone).")
    ] = False,
) -> ScanResult:
    """Look through everyone and queue the likely pairs not yet queued or decided."""
    return service.find_duplicates(session, workspace_id=workspace_id, auto_merge=auto_merge)


@router.get("/duplicates/{candidate_id}", response_model=CandidateRead, summary="Show a pair")
def get_duplicate(
    session: DbSession, workspace_id: WorkspaceId, candidate_id: int
) -> CandidateRead:
    candidate = service.get_candidate(session, workspace_id=workspace_id, candidate_id=candidate_id)
    return service.candidate_to_read(session, candidate)


def _reopen_in_the_api(candidate_id: int) -> str:
    """How the API puts pair `candidate_id` back in the queue."""
    return f"`POST {API_PREFIX}/duplicates/{candidate_id}/reopen`"


def _merged(session: DbSession, workspace_id: int, record_id: int) -> MergeResult:
    record = merging.get_merge(session, workspace_id=workspace_id, merge_id=record_id)
    assert record.survivor_id is not None
    person = people.get(session, workspace_id=workspace_id, person_id=record.survivor_id)
    return MergeResult(
        merge=merging.merge_to_read(record),
        person=people.to_read(person),
        jobs_ended=current_job.words(session, record.snapshot),
    )


@router.post("/duplicates/{candidate_id}/merge", response_model=MergeResult, summary="Merge a pair")
def merge_duplicate(
    session: DbSession, workspace_id: WorkspaceId, candidate_id: int, data: MergeRequest
) -> MergeResult:
    """Merge the pair, keeping `keep`'s record; `choices` picks field values (a = kept one).
    A pair told apart is a 409: put it back in the queue first."""
    candidate = service.waiting_candidate(
        session, workspace_id=workspace_id, candidate_id=candidate_id, put_back=_reopen_in_the_api
    )
    survivor, absorbed = candidate.person_a_id, candidate.person_b_id
    if data.keep == "b":
        survivor, absorbed = absorbed, survivor
    record = merging.merge(
        session,
        workspace_id=workspace_id,
        survivor_id=survivor,
        absorbed_id=absorbed,
        choices=data.choices,
        reason=("; ".join(candidate.reasons) or "reviewed")[:300],
    )
    return _merged(session, workspace_id, record.id)


@router.post(
    "/duplicates/{candidate_id}/not-same",
    response_model=CandidateRead,
    summary="Mark a pair as two people",
)
def not_same(session: DbSession, workspace_id: WorkspaceId, candidate_id: int) -> CandidateRead:
    """The two are different people; they will not be suggested again."""
    candidate = service.mark_not_same(session, workspace_id=workspace_id, candidate_id=candidate_id)
    return service.candidate_to_read(session, candidate)


class NotSameRequest(BaseModel):
    """The pairs to tell apart, by their ids."""

    model_config = ConfigDict(extra="forbid")

    ids: Annotated[list[RecordId], Field(min_length=1, max_length=500)]


class NotSameResult(BaseModel):
    marked: list[int]


@router.post(
    "/duplicates/not-same", response_model=NotSameResult, summary="Mark several pairs as two people"
)
def not_same_many(
    session: DbSession, workspace_id: WorkspaceId, body: NotSameRequest
) -> NotSameResult:
    """Each pair is two different people; none is suggested again. All or none: an id that
    is not a pair is a 422 on `ids.<n>`, and nothing is marked."""
    marked = service.mark_many_not_same(session, workspace_id=workspace_id, candidate_ids=body.ids)
    return NotSameResult(marked=[c.id for c in marked])


class ImportPairsResult(BaseModel):
    import_id: int
    # How many pairs changed: told apart (not-same), or put back in the queue (reopen).
    changed: int


@router.post(
    "/duplicates/imports/{import_id}/not-same",
    response_model=ImportPairsResult,
    summary="Mark every waiting pair of an import as two people",
)
def not_same_of_import(
    session: DbSession, workspace_id: WorkspaceId, import_id: int
) -> ImportPairsResult:
    """Every pair still waiting with someone the kept import added and queued is two
    people (`GET /duplicates?import_id=` lists them). Undone by `.../reopen`; 404 when the
    import's report is not kept."""
    changed = by_import.mark_not_same(session, workspace_id=workspace_id, run_id=import_id)
    return ImportPairsResult(import_id=import_id, changed=changed)


@router.post(
    "/duplicates/imports/{import_id}/reopen",
    response_model=ImportPairsResult,
    summary="Put an import's pairs marked as two people back in the queue",
)
def reopen_of_import(
    session: DbSession, workspace_id: WorkspaceId, import_id: int
) -> ImportPairsResult:
    """Every pair of the kept import told apart waits in the queue again."""
    changed = by_import.reopen(session, workspace_id=workspace_id, run_id=import_id)
    return ImportPairsResult(import_id=import_id, changed=changed)


@router.post(
    "/duplicates/{candidate_id}/reopen",
    response_model=CandidateRead,
    summary="Put a pair marked as two people back in the queue",
)
def reopen(session: DbSession, workspace_id: WorkspaceId, candidate_id: int) -> CandidateRead:
    """Undo "not the same person": the pair is open for review again (409 for any other)."""
    candidate = service.reopen(session, workspace_id=workspace_id, candidate_id=candidate_id)
    return service.candidate_to_read(session, candidate)


@router.get("/merges", response_model=MergeList, summary="List merges")
def merges(
    session: DbSession,
    workspace_id: WorkspaceId,
    after: After = None,
    before: Before = None,
    limit: Limit = 50,
) -> MergeList:
    """Merges, newest first, including undone ones; pass `next` back as `after` for more,
    and `prev` as `before` for the page before."""
    cursor, before = checked_cursors(after, before, sort="time", list_name="merges")
    page = list_merges(
        session, workspace_id=workspace_id, limit=limit, cursor=cursor, before=before
    )
    return MergeList(
        items=[merging.merge_to_read(m) for m in page.items],
        next=page.next_cursor,
        prev=page.prev_cursor,
    )


@router.post("/merges", response_model=MergeResult, summary="Merge two people")
def merge_people(
    session: DbSession, workspace_id: WorkspaceId, data: PeopleMergeRequest
) -> MergeResult:
    """Merge any two people, queued or not; undo with `POST /merges/{id}/undo`."""
    for field, person_id in (("survivor_id", data.survivor_id), ("absorbed_id", data.absorbed_id)):
        referenced(
            field, partial(people.get, session, workspace_id=workspace_id, person_id=person_id)
        )
    record = merging.merge(
        session,
        workspace_id=workspace_id,
        survivor_id=data.survivor_id,
        absorbed_id=data.absorbed_id,
        choices=data.choices,
        reason="merged by hand",
    )
    return _merged(session, workspace_id, record.id)


@router.get("/merges/{merge_id}", response_model=MergeRead, summary="Show a merge")
def get_merge(session: DbSession, workspace_id: WorkspaceId, merge_id: int) -> MergeRead:
    return merging.merge_to_read(
        merging.get_merge(session, workspace_id=workspace_id, merge_id=merge_id)
    )


@router.post("/merges/{merge_id}/undo", response_model=PersonRead, summary="Undo a merge")
def undo_merge(session: DbSession, workspace_id: WorkspaceId, merge_id: int) -> PersonRead:
    """Put both people back as they were; returns the person restored. 409 if already undone,
    if a later merge into the same person must be undone first, or if the person kept has
    since been deleted."""
    restored = merging.undo_merge(session, workspace_id=workspace_id, merge_id=merge_id)
    return people.to_read(restored)
