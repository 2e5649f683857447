"""Stopping an import from its progress page (it rolls back, saving nothing), and the app
answering other requests while an import runs."""

from __future__ import annotations

import re
import threading
from pathlib import Path

from sqlalchemy import func, select

from goodword.importers import service, views
from goodword.importers.models import ImportRun
from goodword.importers.report import ImportReport

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"
HTMX = {"HX-Request": "true"}


def _saved(tmp_path: Path, *names: str) -> views.Saved:
    folder = tmp_path / "upload"
    folder.mkdir()
    paths = []
    for name in names:
        (folder / name).write_bytes((DATA / name).read_bytes())
        paths.append(folder / name)
    return views.Saved(folder, paths, sum(p.stat().st_size for p in paths))


class _StopsWhenSaving(views.Job):
    """A job whose user presses Stop as soon as the people start being saved."""

    def progress(self, stage: str, done: int, total: int) -> None:
        if stage == "people":
            self.stop_requested = True
        super().progress(stage, done, total)


def test_an_import_stopped_while_saving_people_saves_nothing(
    session, session_factory, workspace, count_people, tmp_path
):
    session.commit()
    job = _StopsWhenSaving("job", workspace.id, dry_run=False)
    saved = _saved(tmp_path, "Connections.csv", "contacts30.vcf")
    job.run(session_factory, saved, None)
    assert job.stop_requested and job.finished
    assert job.error == views.STOPPED and job.report is None
    assert job.stage == "match"  # it got as far as saving, and stopped there
    assert count_people() == 0
    assert session.scalar(select(func.count()).select_from(ImportRun)) == 0
    assert not saved.folder.exists()


def test_an_import_stopped_before_it_began_never_starts(
    session_factory, workspace, count_people, tmp_path
):
    job = views.Job("job", workspace.id, dry_run=False, stop_requested=True)
    job.run(session_factory, _saved(tmp_path, "Connections.csv"), None)
    assert (job.error, job.finished, job.stage) == (views.STOPPED, True, "read")
    assert count_people() == 0


def test_the_progress_offers_stop_and_stopping_says_so(client, app, workspace, other_workspace):
    jobs = views.Jobs()
    app.state.import_jobs = jobs
    job = jobs.claim(workspace.id, dry_run=False)
    running = client.get(f"/import/jobs/{job.id}", headers=HTMX).text
    assert f'hx-post="/import/jobs/{job.id}/stop"' in running
    assert "Stop the import" in running

    stopping = client.post(f"/import/jobs/{job.id}/stop", headers=HTMX)
    assert stopping.status_code == 200 and job.stop_requested
    assert "Stopping… nothing of this import will be saved." in stopping.text
    assert "Stop the import" not in stopping.text
    assert 'hx-trigger="every 1s"' in stopping.text  # it goes on polling until it has stopped

    theirs = jobs.claim(other_workspace.id, dry_run=False)
    assert client.post(f"/import/jobs/{theirs.id}/stop", headers=HTMX).status_code == 404
    assert not theirs.stop_requested


def test_stopping_a_finished_import_changes_nothing(client, app, workspace):
    jobs = views.Jobs()
    app.state.import_jobs = jobs
    job = jobs.claim(workspace.id, dry_run=False)
    job.report, job.finished = ImportReport(), True
    response = client.post(f"/import/jobs/{job.id}/stop", headers=HTMX)
    assert not job.stop_requested
    assert "Import finished" in response.text
    plain = client.post(f"/import/jobs/{job.id}/stop", follow_redirects=False)
    assert plain.status_code == 303 and plain.headers["location"] == f"/import/jobs/{job.id}"


def test_the_stop_button_works_without_javascript(client, files, count_people, monkeypatch):
    """The background page's Stop posts a form; the import then shows as stopped."""
    monkeypatch.setattr(views, "BACKGROUND_BYTES", 0)
    started = client.post("/import", files=files("Connections.csv"), headers=HTMX)
    job_url = re.search(r'hx-get="(/import/jobs/[\w-]+)/status"', started.text).group(1)
    assert f'<form method="post" action="{job_url}/stop"' in started.text


def test_the_app_answers_other_requests_while_an_import_runs(client, files, monkeypatch):
    """The import runs in a worker thread, not in the app's event loop."""
    started, answered = threading.Event(), threading.Event()
    real = service.import_files

    def import_files(*args, **kwargs):
        started.set()
        # Were the import holding the event loop, the request below could not be answered.
        if not answered.wait(timeout=20):
            raise AssertionError("no other request was answered while the import ran")
        return real(*args, **kwargs)

    monkeypatch.setattr(service, "import_files", import_files)
    result = {}

    def post() -> None:
        result["response"] = client.post("/api/v1/imports", files=files("Connections.csv"))

    thread = threading.Thread(target=post)
    thread.start()
    assert started.wait(timeout=20)
    assert client.get("/favicon.ico").status_code == 200
    answered.set()
    thread.join(timeout=60)
    assert result["response"].status_code == 200
    assert result["response"].json()["counts"]["created"] == 6
