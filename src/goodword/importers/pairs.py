"""The pairs an import could not decide, queued as possible duplicates; a pair waiting
already takes the import's stronger likeness and reasons."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import bindparam, update
from sqlalchemy.orm import Session

from goodword.db import Base
from goodword.duplicates.models import CandidateStatus, DuplicateCandidate
from goodword.importers.bulk import insert_rows
from goodword.importers.state import WorkspaceState


def queue_pairs(
    session: Session,
    state: WorkspaceState,
    workspace_id: int,
    suggestions: Sequence[tuple[int, int, float, list[str]]],
    person_id: Callable[[int], int],
) -> int:
    """Queue the pairs (of targets, made person ids by `person_id`) the import could not
    decide; how many are new. A pair waiting already takes the import's likeness and reasons
    when they are stronger (a record of one that has the other's phone number: "same
    phone"), as a scan would give them; one told apart stays so."""
    rows: dict[tuple[int, int], dict[str, Any]] = {}
    stronger: dict[tuple[int, int], dict[str, Any]] = {}
    for a_target, b_target, score, reasons in suggestions:
        a, b = sorted((person_id(a_target), person_id(b_target)))
        if a == b:
            continue
        queued = (a, b) in state.candidate_pairs and (a, b) not in rows
        found = stronger if queued else rows
        if (a, b) in found and found[(a, b)]["score"] >= score:
            continue
        found[(a, b)] = {"workspace_id": workspace_id, "person_a_id": a, "person_b_id": b,
                         "score": score, "reasons": reasons,
                         "status": CandidateStatus.OPEN}  # fmt: skip
    state.candidate_pairs.update(rows)
    insert_rows(session, DuplicateCandidate, list(rows.values()))
    if stronger:
        table = Base.metadata.tables[DuplicateCandidate.__tablename__]
        session.execute(
            update(table)
            .where(
                table.c.workspace_id == workspace_id,
                table.c.person_a_id == bindparam("b_a"),
                table.c.person_b_id == bindparam("b_b"),
                table.c.status == CandidateStatus.OPEN,
                table.c.score < bindparam("b_score"),
            )
            .values(score=bindparam("b_score"), reasons=bindparam("b_reasons")),
            [
                {"b_a": a, "b_b": b, "b_score": row["score"], "b_reasons": row["reasons"]}
                for (a, b), row in stronger.items()
            ],
        )
    return len(rows)
