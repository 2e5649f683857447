"""Pages for undoing an import's match: what splitting a record off would do, and doing it."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from goodword.deps import DbSession, WorkspaceId
from goodword.importers import splitting
from goodword.pages import redirect, render
from goodword.people import service as people

router = APIRouter()


def _undo_on_the_page(_merge_id: int) -> str:
    """How the pages undo a merge (its number is not shown there)."""
    return "choose Undo beside it under Merge history on the Possible duplicates page"


@router.get("/people/{person_id}/sources/{source_id}/split", name="confirm_split")
def confirm_split(
    request: Request, session: DbSession, workspace_id: WorkspaceId, person_id: int, source_id: int
) -> Response:
    """What splitting the record off would do, to confirm."""
    outcome = splitting.preview(
        session,
        workspace_id=workspace_id,
        person_id=person_id,
        source_id=source_id,
        undo_merge=_undo_on_the_page,
    )
    person = people.get(session, workspace_id=workspace_id, person_id=person_id)
    return render(request, "people/split.html", {"person": person, "outcome": outcome})


@router.post("/people/{person_id}/sources/{source_id}/split", name="split_source")
def split_source(
    session: DbSession, workspace_id: WorkspaceId, person_id: int, source_id: int
) -> Response:
    split = splitting.split_off(
        session,
        workspace_id=workspace_id,
        person_id=person_id,
        source_id=source_id,
        undo_merge=_undo_on_the_page,
    )
    taken = len(split.outcome.taken_back)
    lost = f", taking back the {taken} change{'s' if taken != 1 else ''} the record made to them"
    return redirect(
        f"/people/{split.person.id}",
        flash=f"{split.person.display_name} (number {split.person.id}) is now a person of "
        f"their own, split off {split.kept.display_name} (number {split.kept.id})"
        f"{lost if taken else ''}. The two "
        "are marked as not the same person; merge them to put them together again.",
    )
