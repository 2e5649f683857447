"""The possible duplicates an import left: the pairs with someone its report says it
"suggested" (added as their own person and queued), to list apart or tell apart at once.

A pair keeps no note of what queued it; the import's kept report names the people it
suggested, which also serves the imports saved before this was asked. A pair of such a
person queued later by a scan counts too: it is theirs all the same. A report forgotten
(or beyond the last twenty) can no longer pick its pairs out.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, or_, update
from sqlalchemy.orm import Session

from goodword.duplicates.models import CandidateStatus, DuplicateCandidate
from goodword.importers import history
from goodword.importers.report import ImportReport, Outcome
from goodword.records import among


def suggested_people(report: ImportReport) -> list[int]:
    """The people a kept import added and queued, by id, in order."""
    return sorted(
        {r.person_id for r in report.rows if r.outcome is Outcome.SUGGESTED and r.person_id}
    )


def of_import(session: Session, *, workspace_id: int, run_id: int) -> ColumnElement[bool]:
    """A condition on DuplicateCandidate: the pair has someone the import suggested
    (NotFound: no such import). The report is read here, once: a page that lists and
    counts the import's pairs builds this once and hands it to each (`service`'s
    `of_import`)."""
    return of_report(session, history.get(session, workspace_id=workspace_id, run_id=run_id))


def of_report(session: Session, report: ImportReport) -> ColumnElement[bool]:
    """`of_import` of a report already read. The ids go as one bound value
    (`records.among`), however many and however scattered they are."""
    ids = suggested_people(report)
    if not ids:
        return false()
    return or_(
        among(session, DuplicateCandidate.person_a_id, ids),
        among(session, DuplicateCandidate.person_b_id, ids),
    )


def _set_status(
    session: Session,
    workspace_id: int,
    pairs: ColumnElement[bool],
    old: CandidateStatus,
    new: CandidateStatus,
) -> int:
    done = session.execute(
        update(DuplicateCandidate)
        .where(
            DuplicateCandidate.workspace_id == workspace_id,
            DuplicateCandidate.status == old,
            pairs,
        )
        .values(status=new)
        .execution_options(synchronize_session=False)
    )
    session.expire_all()
    return int(done.rowcount)  # type: ignore[attr-defined]


def mark_not_same(
    session: Session,
    *,
    workspace_id: int,
    run_id: int,
    pairs: ColumnElement[bool] | None = None,
) -> int:
    """Tell apart every pair of the import still waiting; how many. Undone by `reopen`.
    `pairs`: the import's `of_import`, when the caller built it already (to count the
    pairs first), so its report is not read again."""
    if pairs is None:
        pairs = of_import(session, workspace_id=workspace_id, run_id=run_id)
    return _set_status(session, workspace_id, pairs, CandidateStatus.OPEN, CandidateStatus.NOT_SAME)


def reopen(session: Session, *, workspace_id: int, run_id: int) -> int:
    """Put every pair of the import told apart back in the queue; how many."""
    pairs = of_import(session, workspace_id=workspace_id, run_id=run_id)
    return _set_status(session, workspace_id, pairs, CandidateStatus.NOT_SAME, CandidateStatus.OPEN)
