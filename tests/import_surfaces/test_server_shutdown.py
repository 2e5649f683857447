"""`goodword serve`'s server: the first Ctrl+C also stops a running import, so the server
does not wait minutes for it; a second exits at once."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI

from goodword.importers import running
from goodword.importers.records import ImportStopped
from goodword.importers.report import ImportReport
from goodword.importers.running import app_jobs
from goodword.server import Server

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"


def test_the_first_ctrl_c_stops_running_imports_and_leaves_finished_ones(
    app: FastAPI, workspace, other_workspace, capsys
) -> None:
    jobs = app_jobs(app)
    mine = jobs.claim(workspace.id, dry_run=False)
    theirs = jobs.claim(other_workspace.id, dry_run=True)
    done = jobs.remember(workspace.id, ImportReport())
    server = Server(uvicorn.Config(app))

    server.handle_exit(signal.SIGINT, None)

    assert mine is not None and theirs is not None
    assert mine.stop_requested and theirs.stop_requested and not done.stop_requested
    assert server.should_exit and not server.force_exit
    assert "Stopping the import that is running" in capsys.readouterr().err

    server.handle_exit(signal.SIGINT, None)  # impatient: the second one does not wait
    assert server.force_exit


def test_shutting_down_with_no_import_running_says_nothing_of_imports(app: FastAPI, capsys) -> None:
    server = Server(uvicorn.Config(app))
    server.handle_exit(signal.SIGTERM, None)
    assert server.should_exit
    assert capsys.readouterr().err == ""


def test_a_stopped_background_import_saves_nothing(
    app: FastAPI, session_factory, workspace, count_people, tmp_path: Path
) -> None:
    folder = tmp_path / "upload"
    folder.mkdir()
    upload = folder / "Connections.csv"
    upload.write_bytes((DATA / "Connections.csv").read_bytes())
    job = app_jobs(app).claim(workspace.id, dry_run=False)
    assert job is not None
    Server(uvicorn.Config(app)).handle_exit(signal.SIGTERM, None)

    job.run(session_factory, running.Saved(folder, [upload], upload.stat().st_size), None)

    assert job.finished and job.error == ImportStopped(shut_down=True).message
    assert job.error.startswith("Goodword was shut down while importing, so nothing")
    assert count_people() == 0


def test_an_import_stopped_by_the_shutdown_says_so_not_that_the_user_stopped_it(
    app: FastAPI, workspace
) -> None:
    jobs = app_jobs(app)
    job = jobs.claim(workspace.id, dry_run=True)
    assert job is not None
    Server(uvicorn.Config(app)).handle_exit(signal.SIGTERM, None)

    with pytest.raises(ImportStopped) as stopped:
        job.progress("match", 1, 10)  # the request's own import, at its next step

    assert "shut down" in stopped.value.message
    assert "You stopped" not in stopped.value.message


def test_an_import_the_user_stopped_still_says_they_did(app: FastAPI, workspace) -> None:
    job = app_jobs(app).claim(workspace.id, dry_run=True)
    assert job is not None and job.request_stop()

    with pytest.raises(ImportStopped) as stopped:
        job.progress("match", 1, 10)

    assert stopped.value.message == "You stopped the import, so nothing of it was saved."
