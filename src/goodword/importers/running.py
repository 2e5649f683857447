"""Imports run in the background while the page polls for their progress: one at a time
in each workspace, each stoppable until it commits, the last few kept with their report."""

from __future__ import annotations

import logging
import secrets
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import Request
from sqlalchemy.orm import Session, sessionmaker

from goodword import clock, db, logs
from goodword.errors import GoodwordError, NotFound
from goodword.importers import column_map, registry, service
from goodword.importers.reading import MAX_BYTES
from goodword.importers.records import ImportStopped
from goodword.importers.report import ImportReport

log = logging.getLogger(__name__)

# Finished imports kept for their report page and rows' CSV: per workspace, and in all.
KEEP_JOBS = 10
# Seconds after which an import queued for the background but never begun stops holding
# its workspace.
ABANDONED_AFTER = 60
KEEP_ALL_JOBS = 200
# An import's page (its address is no number: nothing to have mistyped) once it is not kept.
GONE = (
    "This import is no longer here: Goodword keeps an import's page only for a while, and not "
    "after it restarts. Imports that were saved are under Earlier imports on the Import page."
)

STAGES = {
    "read": "Reading the files",
    "load": "Loading your network",
    "match": "Matching people",
    "people": "Saving people",
}


def message(exc: GoodwordError, *, picked: bool = False) -> str:
    """An import's error as the import page shows it: its words and its fields', in the
    page's own (`registry.on_the_page`); a column its map names and the file lacks in its
    pickers' words when they made the map (`picked`), not a typed map."""
    details = "; ".join(f.message for f in exc.fields)
    said = f"{exc.message} {details}".strip() if details else exc.message
    if picked:
        said = column_map.in_the_pickers_words(said)
    return registry.on_the_page(said)


@dataclass
class Saved:
    """Uploaded files written to a temporary folder, named as the user named them."""

    folder: Path
    paths: list[Path]
    size: int

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


# What an import that failed on a problem of ours (not the files') says to whoever watches it.
UNEXPECTED = "The import stopped on an unexpected problem; nothing was saved."


@dataclass
class Job:
    """One import: how far it is, then its report or its error."""

    id: str
    workspace_id: int
    dry_run: bool
    reapply: bool = False
    stage: str = "read"
    done: int = 0
    total: int = 0
    report: ImportReport | None = None
    error: str | None = None
    finished: bool = False
    # Handed to the background but not begun: when (time.monotonic()) it was handed over.
    queued_at: float | None = None
    # The user asked it to stop; it does at its next progress step (between files, while
    # loading the network, at least twice a second while matching, every batch of people
    # saved), or at the latest just before it is committed. Once committing, it cannot be.
    stop_requested: bool = False
    # Stopped because the server is shutting down, not by the user.
    shut_down: bool = False
    committing: bool = False
    # Its column map was made with the import page's pickers alone (its errors say so).
    picked: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @property
    def abandoned(self) -> bool:
        """Queued for the background but never begun (the response failed to go out, so
        the task never ran): it no longer holds the workspace."""
        return self.queued_at is not None and time.monotonic() - self.queued_at > ABANDONED_AFTER

    @property
    def stage_label(self) -> str:
        return STAGES.get(self.stage, self.stage.capitalize())

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0

    def progress(self, stage: str, done: int, total: int) -> None:
        if self.stop_requested:
            raise ImportStopped(shut_down=self.shut_down)
        self.stage, self.done, self.total = stage, done, total

    def request_stop(self, *, shut_down: bool = False) -> bool:
        """Ask the import to stop: True when it will (it saves nothing), False when it is
        too late (finished, or being committed)."""
        with self._lock:
            if self.finished or self.committing:
                return False
            self.stop_requested = True
            self.shut_down = self.shut_down or shut_down
            return True

    def last_chance_to_stop(self) -> None:
        """Called once the import's work is done and before its transaction commits: a
        stop asked for until now is honoured (ImportStopped); after this, none is."""
        with self._lock:
            if self.stop_requested:
                raise ImportStopped(shut_down=self.shut_down)
            self.committing = True

    def run(
        self,
        factory: sessionmaker[Session],
        saved: Saved,
        mapping: dict[str, list[str]] | None,
        max_bytes: int = MAX_BYTES,
    ) -> None:
        """Import in a session and transaction of its own (rolled back for a dry run)."""
        self.queued_at = None
        try:
            if self.stop_requested:  # stopped before it began
                raise ImportStopped(shut_down=self.shut_down)
            with db.transaction(factory) as session:
                report = service.import_files(
                    session,
                    workspace_id=self.workspace_id,
                    paths_or_uploads=saved.paths,
                    mapping=mapping,
                    dry_run=self.dry_run,
                    reapply=self.reapply,
                    today=clock.today(),
                    progress=self.progress,
                    max_bytes=max_bytes,
                )
                self.last_chance_to_stop()
                if self.dry_run:
                    session.rollback()
            self.report = report  # shown once it is committed, never before
        except GoodwordError as exc:
            self.error = message(exc, picked=self.picked)
        except Exception as exc:
            logs.failure(log, f"background import {self.id}", exc)
            self.error = UNEXPECTED
        finally:
            saved.remove()
            self.finished = True


class Jobs:
    """The app's imports, by id (an unguessable token): the one running in each workspace
    (one at a time: a second would wait on the first's transaction and fail), and the last
    few finished, for their report page and rows' CSV."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def start(self, workspace_id: int, *, dry_run: bool, reapply: bool = False) -> Job:
        with self._lock:
            return self._start(workspace_id, dry_run, reapply)

    def claim(self, workspace_id: int, *, dry_run: bool, reapply: bool = False) -> Job | None:
        """Start the workspace's import, or None while another is running there."""
        started, job = self.claim_or_running(workspace_id, dry_run=dry_run, reapply=reapply)
        return job if started else None

    def claim_or_running(
        self, workspace_id: int, *, dry_run: bool, reapply: bool = False
    ) -> tuple[bool, Job]:
        """(True, the import started) or (False, the one already running there). The check
        and the start are one step, so two requests at once cannot both pass."""
        with self._lock:
            running = self._running(workspace_id)
            if running is not None:
                return False, running
            return True, self._start(workspace_id, dry_run, reapply)

    def remember(self, workspace_id: int, report: ImportReport) -> Job:
        """Keep a finished import's report (for its rows' CSV)."""
        job = self.start(workspace_id, dry_run=report.dry_run)
        job.report, job.finished = report, True
        return job

    def running(self, workspace_id: int) -> Job | None:
        """The workspace's import still running, if there is one."""
        with self._lock:
            return self._running(workspace_id)

    def stop_all(self) -> int:
        """Ask every running import to stop (the app is shutting down): how many will."""
        with self._lock:
            running = [j for j in self._jobs.values() if not j.finished]
        return sum(job.request_stop(shut_down=True) for job in running)

    def get(self, job_id: str, *, workspace_id: int) -> Job:
        job = self._jobs.get(job_id)
        if job is None or job.workspace_id != workspace_id:
            raise NotFound("import", job_id, message=GONE)
        return job

    def _running(self, workspace_id: int) -> Job | None:
        return next(
            (
                j
                for j in self._jobs.values()
                if j.workspace_id == workspace_id and not j.finished and not j.abandoned
            ),
            None,
        )

    def _start(self, workspace_id: int, dry_run: bool, reapply: bool) -> Job:
        # Each workspace keeps its own last few reports (a busy workspace does not push
        # out another's), and the app a bounded number in all.
        finished = [key for key, j in self._jobs.items() if j.finished]
        mine = [key for key in finished if self._jobs[key].workspace_id == workspace_id]
        for key in mine[: max(0, len(mine) - KEEP_JOBS + 1)]:
            del self._jobs[key]
        finished = [key for key in finished if key in self._jobs]
        for key in finished[: max(0, len(finished) - KEEP_ALL_JOBS + 1)]:
            del self._jobs[key]
        job = Job(secrets.token_urlsafe(16), workspace_id, dry_run, reapply)
        self._jobs[job.id] = job
        return job


def jobs_of(request: Request) -> Jobs:
    return app_jobs(request.app)


def app_jobs(app: Any) -> Jobs:
    """The app's imports (`create_app` makes them)."""
    jobs: Jobs = app.state.import_jobs
    return jobs
