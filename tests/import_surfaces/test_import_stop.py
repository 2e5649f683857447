"""Stopping an import from its progress page (it rolls back, saving nothing), and the app
answering other requests while an import runs."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from factories import LOCAL
from goodword.importers import history, running, service, views
from goodword.importers.models import ImportRun
from goodword.importers.records import ImportStopped
from goodword.importers.report import ImportReport

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"
HTMX = {"HX-Request": "true"}
STOPPED = ImportStopped().message


def _saved(tmp_path: Path, *names: str) -> running.Saved:
    folder = tmp_path / "upload"
    folder.mkdir()
    paths = []
    for name in names:
        (folder / name).write_bytes((DATA / name).read_bytes())
        paths.append(folder / name)
    return running.Saved(folder, paths, sum(p.stat().st_size for p in paths))


class _StopsWhenSaving(running.Job):
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
    assert job.error == STOPPED and job.report is None
    assert job.stage == "match"  # it got as far as saving, and stopped there
    assert count_people() == 0
    assert session.scalar(select(func.count()).select_from(ImportRun)) == 0
    assert not saved.folder.exists()


def test_an_import_stopped_before_it_began_never_starts(
    session_factory, workspace, count_people, tmp_path
):
    job = running.Job("job", workspace.id, dry_run=False, stop_requested=True)
    job.run(session_factory, _saved(tmp_path, "Connections.csv"), None)
    assert (job.error, job.finished, job.stage) == (STOPPED, True, "read")
    assert count_people() == 0


def test_the_progress_offers_stop_and_stopping_says_so(client, app, workspace, other_workspace):
    jobs = running.Jobs()
    app.state.import_jobs = jobs
    job = jobs.claim(workspace.id, dry_run=False)
    shown = client.get(f"/import/jobs/{job.id}", headers=HTMX).text
    assert f'hx-post="/import/jobs/{job.id}/stop"' in shown
    assert "Stop the import" in shown

    stopping = client.post(f"/import/jobs/{job.id}/stop", headers=HTMX)
    assert stopping.status_code == 200 and job.stop_requested
    assert "Stopping… nothing of this import will be saved." in stopping.text
    assert "Stop the import" not in stopping.text
    assert 'hx-trigger="every 1s"' in stopping.text  # it goes on polling until it has stopped

    theirs = jobs.claim(other_workspace.id, dry_run=False)
    assert client.post(f"/import/jobs/{theirs.id}/stop", headers=HTMX).status_code == 404
    assert not theirs.stop_requested


def test_stopping_a_finished_import_changes_nothing(client, app, workspace):
    jobs = running.Jobs()
    app.state.import_jobs = jobs
    job = jobs.claim(workspace.id, dry_run=False)
    job.report, job.finished = ImportReport(), True
    response = client.post(f"/import/jobs/{job.id}/stop", headers=HTMX)
    assert not job.stop_requested
    assert "Import finished" in response.text
    plain = client.post(f"/import/jobs/{job.id}/stop", follow_redirects=False)
    assert plain.status_code == 303 and plain.headers["location"] == f"/import/jobs/{job.id}"


def test_the_stop_button_works_without_javascript(client, app, workspace):
    """Stop is a plain form: it posts, and the import's own page then says it is stopping."""
    jobs = running.Jobs()
    app.state.import_jobs = jobs
    job = jobs.claim(workspace.id, dry_run=False)
    page = client.get(f"/import/jobs/{job.id}")
    assert f'<form method="post" action="/import/jobs/{job.id}/stop"' in page.text
    stopped = client.post(f"/import/jobs/{job.id}/stop", follow_redirects=False)
    assert stopped.status_code == 303 and stopped.headers["location"] == f"/import/jobs/{job.id}"
    assert job.stop_requested
    assert (
        "Stopping… nothing of this import will be saved."
        in client.get(f"/import/jobs/{job.id}").text
    )


def test_a_stop_after_the_last_step_still_saves_nothing_not_even_the_report(
    session, session_factory, workspace, count_people, tmp_path, monkeypatch
):
    """Stop pressed once the work is done but before the commit: everything rolls back."""
    session.commit()
    job = running.Job("job", workspace.id, dry_run=False)
    real_save = history.save

    def save_then_stop(*args, **kwargs):
        saved_id = real_save(*args, **kwargs)
        assert job.request_stop()  # the report is written; the commit has not begun
        return saved_id

    monkeypatch.setattr(history, "save", save_then_stop)
    job.run(session_factory, _saved(tmp_path, "Connections.csv"), None)
    assert job.error == STOPPED and job.report is None
    assert count_people() == 0
    assert session.scalar(select(func.count()).select_from(ImportRun)) == 0


def test_once_it_commits_an_import_can_no_longer_be_stopped(workspace):
    job = running.Job("job", workspace.id, dry_run=False)
    job.last_chance_to_stop()
    assert job.committing and not job.request_stop() and not job.stop_requested
    finished = running.Job("done", workspace.id, dry_run=False, finished=True)
    assert not finished.request_stop()


def test_too_late_to_stop_says_so(client, app, workspace):
    jobs = running.Jobs()
    app.state.import_jobs = jobs
    job = jobs.claim(workspace.id, dry_run=False)
    job.last_chance_to_stop()
    response = client.post(f"/import/jobs/{job.id}/stop", headers=HTMX)
    assert "Saving… it is too late to stop the import now." in response.text
    assert "Stop the import" not in response.text and not job.stop_requested


def test_an_api_import_stopped_from_the_page_is_a_409_and_saves_nothing(
    client, app, files, workspace, count_people, monkeypatch
):
    real = service.import_files

    watched = []

    def import_then_user_stops(*args, **kwargs):
        report = real(*args, **kwargs)
        watched.append(app.state.import_jobs.running(workspace.id))
        assert watched[0].request_stop()  # as the Stop button does
        return report

    monkeypatch.setattr(service, "import_files", import_then_user_stops)
    response = client.post("/api/v1/imports", files=files("Connections.csv"))
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "import_stopped"
    assert count_people() == 0
    assert client.get("/api/v1/imports").json() == {"items": []}
    assert app.state.import_jobs.running(workspace.id) is None  # the workspace is free again
    # The import page that pressed Stop stops polling and says so.
    status = client.get(f"/import/jobs/{watched[0].id}/status", headers=HTMX)
    assert status.headers["HX-Retarget"] == "#import-progress"
    assert STOPPED in status.text


def test_an_api_import_refused_for_a_bad_file_says_so_on_a_watching_page(
    client, app, files, workspace, monkeypatch
):
    jobs = running.Jobs()
    app.state.import_jobs = jobs
    response = client.post("/api/v1/imports", files=files("Connections.csv", "malformed.vcf"))
    assert response.status_code == 422
    (job,) = [j for j in jobs._jobs.values() if j.workspace_id == workspace.id]
    status = client.get(f"/import/jobs/{job.id}/status", headers=HTMX)
    assert "malformed.vcf, line 9" in status.text


def test_a_dry_run_stopped_at_the_end_says_it_was_stopped(
    session_factory, workspace, tmp_path, monkeypatch
):
    job = running.Job("job", workspace.id, dry_run=True)
    real = service.import_files

    def import_then_user_stops(*args, **kwargs):
        report = real(*args, **kwargs)
        assert job.request_stop()
        return report

    monkeypatch.setattr(service, "import_files", import_then_user_stops)
    job.run(session_factory, _saved(tmp_path, "Connections.csv"), None)
    assert job.error == STOPPED and job.report is None


@pytest.mark.parametrize("url", ["/api/v1/imports", "/import"])
def test_the_app_answers_other_requests_while_an_import_runs(client, files, monkeypatch, url):
    """The import (through the API, or the page's own) runs in a worker thread, not in the
    app's event loop."""
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
        result["response"] = client.post(url, files=files("Connections.csv"))

    thread = threading.Thread(target=post)
    thread.start()
    assert started.wait(timeout=20)
    assert client.get("/favicon.ico").status_code == 200
    answered.set()
    thread.join(timeout=60)
    assert result["response"].status_code == 200
    answer = result["response"]
    if url == "/import":  # the page
        assert '<dd data-outcome="created">6</dd>' in answer.text
    else:
        assert answer.json()["counts"]["created"] == 6


def test_an_import_page_no_longer_kept_says_so_not_a_number(client, app):
    """An import's progress page is kept a while (not after a restart): its address is no
    number to have mistyped, and the message says where kept imports are."""
    app.state.import_jobs = running.Jobs()
    for url in ("/import/jobs/Xy3-gone", "/import/jobs/Xy3-gone/rows.csv"):
        response = client.get(url)
        assert response.status_code == 404
        assert "number" not in response.text and "Xy3-gone" not in response.text
        assert "This import is no longer here" in response.text
        assert "Earlier imports on the Import page" in response.text


def test_the_rows_of_an_import_not_finished_or_stopped_say_why_there_are_none(
    client, app, workspace
):
    jobs = running.Jobs()
    app.state.import_jobs = jobs
    job = jobs.claim(workspace.id, dry_run=False)
    still = client.get(f"/import/jobs/{job.id}/rows.csv")
    assert still.status_code == 409  # its rows are still to come, not missing
    assert "number" not in still.text and "import report" not in still.text
    assert "This import is still running; its rows are ready when it ends." in still.text

    job.finished = True  # ended on an unexpected problem, with no word kept: not running
    ended = client.get(f"/import/jobs/{job.id}/rows.csv")
    assert ended.status_code == 404
    assert "This import saved nothing, so it has no rows to download" in ended.text

    job.error = STOPPED
    stopped = client.get(f"/import/jobs/{job.id}/rows.csv")
    assert stopped.status_code == 404 and "number" not in stopped.text
    assert "This import saved nothing, so it has no rows to download" in stopped.text


def test_an_import_on_the_page_that_fails_on_a_problem_of_ours_says_so_where_it_is_watched(
    app, workspace, count_people, monkeypatch
):
    """The request that ran it fails (500), and the import's own page, open in another tab,
    says it stopped instead of showing progress that will never come; the workspace may
    import again."""

    def fails(*args: object, **kwargs: object) -> ImportReport:
        raise RuntimeError("a bug of ours")

    jobs = running.Jobs()
    app.state.import_jobs = jobs
    monkeypatch.setattr(views, "import_writing", fails)
    card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n"
    with TestClient(app, base_url=LOCAL, raise_server_exceptions=False) as client:
        failed = client.post("/import", files=[("files", ("ada.vcf", card, "text/vcard"))])
        assert failed.status_code == 500
        (job,) = jobs._jobs.values()
        assert job.finished
        page = client.get(f"/import/jobs/{job.id}")
        assert running.UNEXPECTED in page.text
        assert "Stop the import" not in page.text
        polled = client.get(f"/import/jobs/{job.id}/status", headers=HTMX)
        assert running.UNEXPECTED in polled.text
        assert jobs.claim(workspace.id, dry_run=False) is not None  # not still running
    assert count_people() == 0
