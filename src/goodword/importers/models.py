"""The imports a workspace has kept: when each was saved, its files, what it did."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, LargeBinary, event, false, update
from sqlalchemy.orm import Mapped, Session, attributes, mapped_column

from goodword.db import Base, UTCDateTime, WorkspaceScoped, utcnow
from goodword.interactions.models import Interaction, Participant
from goodword.organizations.models import Organization


class ImportRun(WorkspaceScoped, Base):
    """One saved import and its whole report (a dry run saves nothing, so keeps none)."""

    __tablename__ = "import_runs"

    finished_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # For the list of imports: each file's name, what it was read as and its people;
    # and how many rows were created, updated, merged and so on.
    files: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    counts: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    # The whole report, every row included, as zlib-compressed JSON (`history.encode`):
    # a 70,000-row report takes about half a megabyte so, against five as JSON text.
    report: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    # Whether it can be undone (`importers/undoing.py`): false for one kept before Goodword
    # marked the people an import made (migration 0029); `undone_at` says when it was.
    undoable: Mapped[bool] = mapped_column(Boolean, default=True, server_default=false())
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LinkedInExportDays(WorkspaceScoped, Base):
    """The newest LinkedIn Connections.csv days of the imports a workspace no longer keeps
    (beyond the last 20, or their reports deleted; never one undone), as `ImportRun.files`
    keeps them, each with when it was imported ("imported"): an older export is still told
    from them (`older_files.remember_gone`). One row a workspace; no names of people."""

    __tablename__ = "linkedin_export_days"

    files: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


# A message or organization an import added is that import's to take back on undo
# (`import_run_id`) until it is changed through the ORM: every edit by hand, a person added
# to or taken out of a message. The imports write with Core, so their own changes (a writer
# filled in, an alias added) keep it; so does a merge, which forgets it itself for the
# messages it moves (`duplicates.moving`).
_CHANGED = "import_records_changed"


@event.listens_for(Session, "before_flush")
def _note_imported_records_changed(session: Session, _context: Any, _instances: Any) -> None:
    changed: set[int] = session.info.setdefault(_CHANGED, set())
    for instance in session.dirty:
        if (
            isinstance(instance, (Interaction, Organization))
            and instance.import_run_id is not None
            and session.is_modified(instance)
        ):
            instance.import_run_id = None
    for instance in (*session.new, *session.deleted):
        if isinstance(instance, Participant) and instance.interaction_id is not None:
            changed.add(instance.interaction_id)
    for instance in session.dirty:
        if isinstance(instance, Participant) and session.is_modified(instance):
            changed.add(instance.interaction_id)
            for old in attributes.get_history(instance, "interaction_id").deleted or ():
                if old is not None:
                    changed.add(old)


@event.listens_for(Session, "after_flush")
def _forget_imports_of_records_changed(session: Session, _context: Any) -> None:
    changed: set[int] = session.info.pop(_CHANGED, set())
    if not changed:
        return
    ids = sorted(changed)
    for start in range(0, len(ids), 500):
        session.connection().execute(
            update(Interaction)
            .where(
                Interaction.id.in_(ids[start : start + 500]),
                Interaction.import_run_id.is_not(None),
            )
            .values(import_run_id=None)
            .execution_options(synchronize_session=False)
        )
