"""The import page: upload files, preview them, run the import (in the background when big),
show the report; and people exports as downloads.

Uploads are streamed to a temporary folder (never held in memory whole: `uploads`) and
imported from there. A small import runs inside the request; a big one asked for by HTMX
runs after the response, in its own session and transaction, while the page polls its
progress.
"""

from __future__ import annotations

import csv
import io
import logging
import time
from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from goodword import clock, db
from goodword.deps import DbSession, WorkspaceId, reads_only
from goodword.duplicates import by_import
from goodword.duplicates import service as duplicates
from goodword.errors import Conflict, GoodwordError, NotFound
from goodword.importers import (
    column_map,
    export,
    history,
    older_files,
    registry,
    service,
    undoing,
)
from goodword.importers.cleaning import inert
from goodword.importers.report import ImportReport, Outcome
from goodword.importers.running import UNEXPECTED, jobs_of, message
from goodword.importers.uploads import (
    FilePreview,
    page_columns_from,
    phone_region,
    picks,
    preview_files,
    save_uploads,
    size_in_words,
    typed_map,
)
from goodword.pages import is_htmx, redirect, render

router = APIRouter()
log = logging.getLogger(__name__)

# An upload bigger than this (all files together) is imported in the background when the
# page can poll for progress; smaller ones are quick enough to wait for.
BACKGROUND_BYTES = 2 * 1024 * 1024
# The web report lists at most this many rows; the API and `goodword import --json` give all.
REPORT_ROWS = 2000
NO_PREVIEW = "The files could not be previewed."
OUTCOMES = [outcome.value for outcome in Outcome]


def import_writing(session: Session, **options: Any) -> ImportReport:
    """`service.import_files` in a transaction that holds the write lock from its start (the
    request's session has read the workspace already: `db.begin_writing`). For a worker
    thread: waiting for another writer does not hold up the app."""
    db.begin_writing(session)
    return service.import_files(session, **options)


def _form_context(request: Request, **extra: Any) -> dict[str, Any]:
    return {
        "upload_limit": size_in_words(request.app.state.settings.import_max_bytes),
        "fields": column_map.FIELDS,
        # The fields a picker takes several columns for, and the (field, column)s picked.
        "several": column_map.PICKED_SEVERAL,
        "picked": [],
        "formats": [
            ("vcard", "vCard 3.0"),
            ("vcard4", "vCard 4.0"),
            ("csv", "CSV"),
            ("json", "JSON"),
        ],
        "values": {},
        "previews": [],
        "runs": [],
        "keep_runs": history.KEEP,
        "outcomes": OUTCOMES,
        "error": None,
        **extra,
    }


@router.get("/import", response_class=HTMLResponse)
def import_page(request: Request, session: DbSession, workspace_id: WorkspaceId) -> HTMLResponse:
    """The upload form, the workspace's running import (if any) and its earlier imports."""
    context = _form_context(
        request,
        runs=history.recent(session, workspace_id=workspace_id),
        running=jobs_of(request).running(workspace_id),
    )
    return render(request, "importers/import.html", context)


async def _read_form(
    request: Request,
) -> tuple[list[UploadFile], dict[str, str], list[tuple[str, str]]]:
    """The uploads, the form's values (to show again) and the column pickers' choices."""
    form = await request.form()
    uploads = [
        item
        for item in form.getlist("files")
        if isinstance(item, UploadFile) and (item.filename or item.size)
    ]
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    return uploads, values, picks(form.multi_items())


def _problem(
    request: Request,
    session: Session,
    workspace_id: int,
    message: str,
    values: Mapping[str, str],
    previews: list[FilePreview],
    *,
    heading: str = "Nothing was imported.",
) -> HTMLResponse:
    """The import page (or, for HTMX, its result area) with the message; 422. The whole
    page (without JavaScript) lists the earlier imports, as it always does."""
    template = "importers/_problem.html" if is_htmx(request) else "importers/import.html"
    runs = [] if is_htmx(request) else history.recent(session, workspace_id=workspace_id)
    context = _form_context(
        request, error=message, heading=heading, values=values, previews=previews, runs=runs,
        problem_id="preview-problem" if heading == NO_PREVIEW else "import-problem",
    )  # fmt: skip
    return render(request, template, context, status_code=422, vary_on_htmx=True)


@router.post("/import/preview", response_class=HTMLResponse)
@reads_only
async def preview_page(
    request: Request, session: DbSession, workspace_id: WorkspaceId
) -> HTMLResponse:
    """Show each file's detected format and first rows (and column pickers for any CSV)."""
    uploads, values, picked = await _read_form(request)
    if not uploads:
        return _problem(
            request,
            session,
            workspace_id,
            "Choose one or more files to preview.",
            values,
            [],
            heading=NO_PREVIEW,
        )
    limit = request.app.state.settings.import_max_bytes
    try:
        saved = await save_uploads(uploads, max_bytes=limit)
    except GoodwordError as exc:  # (a file over the size cap: said where the preview goes)
        return _problem(
            request, session, workspace_id, message(exc), values, [], heading=NO_PREVIEW
        )
    region = phone_region(session, workspace_id)
    kept = older_files.kept_files(session, workspace_id)  # (to say which export is older)
    guessed: list[tuple[str, str]] = []
    try:
        mapping = typed_map(values)
        previews = preview_files(
            saved.paths, mapping=mapping, picked=picked, max_bytes=limit, region=region, kept=kept
        )
        headers = next((p.headers for p in previews if p.needs_mapping), None)
        if headers and picked and any(header not in headers for _field, header in picked):
            # Picked for a file chosen before (the pickers came with the form): this one's
            # columns are guessed anew.
            picked = []
            values = {k: v for k, v in values.items() if not k.startswith("map_")}
            previews = []
        if headers and not (mapping or picked):
            # Columns whose names say what they hold are picked for you to check.
            guessed = column_map.guess_columns(headers)
            picked = guessed
            values = {**values, **{f"map_{field}": header for field, header in guessed}}
        if guessed or not previews:
            previews = preview_files(
                saved.paths,
                mapping=mapping,
                picked=picked,
                max_bytes=limit,
                region=region,
                kept=kept,
            )
    except GoodwordError as exc:
        return _problem(
            request, session, workspace_id, message(exc), values, [], heading=NO_PREVIEW
        )
    finally:
        saved.remove()
    for preview in previews:  # (a file's problem said in its place, in the page's words)
        preview.problem = preview.problem and registry.on_the_page(preview.problem)
    template = "importers/_preview.html" if is_htmx(request) else "importers/import.html"
    # Without JavaScript the whole page comes back, and browsers forget chosen files.
    context = _form_context(
        request,
        values=values,
        previews=previews,
        choose_again=True,
        guessed=bool(guessed),
        picked=picked,
    )
    return render(request, template, context, vary_on_htmx=True)


@router.post("/import", response_class=HTMLResponse)
@reads_only
async def run_import(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    background: BackgroundTasks,
) -> HTMLResponse:
    """Import the uploaded files in one transaction and show what happened to every row."""
    uploads, values, picked = await _read_form(request)
    if not uploads:
        return _problem(
            request, session, workspace_id, "Choose one or more files to import.", values, []
        )
    dry_run = values.get("dry_run", "") not in ("", "0")
    reapply = values.get("reapply", "") not in ("", "0")
    started, job = jobs_of(request).claim_or_running(workspace_id, dry_run=dry_run, reapply=reapply)
    if not started:  # `job` is the import already running: show it
        template = "importers/_progress.html" if is_htmx(request) else "importers/progress.html"
        return render(request, template, {"job": job, "busy": True}, vary_on_htmx=True)
    in_background = False
    try:
        job.picked = bool(picked) and not typed_map(values)
        try:
            mapping = page_columns_from(typed_map(values), picked)
            saved = await save_uploads(
                uploads, max_bytes=request.app.state.settings.import_max_bytes
            )
        except GoodwordError as exc:
            job.error = message(exc, picked=job.picked)
            return _problem(request, session, workspace_id, job.error, values, [])
        if is_htmx(request) and saved.size > BACKGROUND_BYTES:
            in_background = True
            job.queued_at = time.monotonic()
            background.add_task(
                job.run,
                request.app.state.session_factory,
                saved,
                mapping,
                request.app.state.settings.import_max_bytes,
            )
            return render(request, "importers/_progress.html", {"job": job}, vary_on_htmx=True)
        try:
            # In a worker thread, so the app goes on answering (other pages, this
            # workspace's "already running" notice) while the files are imported.
            report = await run_in_threadpool(
                import_writing,
                session,
                workspace_id=workspace_id,
                paths_or_uploads=saved.paths,
                mapping=mapping,
                dry_run=dry_run,
                reapply=reapply,
                today=clock.today(),
                progress=job.progress,
                max_bytes=request.app.state.settings.import_max_bytes,
            )
            job.last_chance_to_stop()
        except GoodwordError as exc:
            session.rollback()  # nothing of a refused or stopped import is kept
            job.error = message(exc, picked=job.picked)
            return _problem(request, session, workspace_id, job.error, values, [])
        finally:
            saved.remove()
        if dry_run:
            session.rollback()
        else:
            session.commit()  # before anyone watching (another tab) is shown the report
        job.report = report
        return _report_response(request, session, workspace_id, report, job.id)
    except Exception:
        # (A problem of ours: this request fails, and its progress page, open in another
        # tab, says so instead of showing progress that will never come.)
        if job.error is None and job.report is None:
            job.error = UNEXPECTED
        raise
    finally:
        if not in_background:
            job.finished = True  # whatever happened, the workspace may import again


def _report_response(
    request: Request, session: Session, workspace_id: int, report: ImportReport, job_id: str
) -> HTMLResponse:
    context = report_context(report, rows_url=f"/import/jobs/{job_id}/rows.csv")
    context["waiting"] = duplicates.count_candidates(session, workspace_id=workspace_id)
    if not is_htmx(request):
        return render(request, "importers/report.html", context, vary_on_htmx=True)
    # On the import page, the list of earlier imports takes this one in too.
    runs = history.recent(session, workspace_id=workspace_id)
    context.update(history_oob=True, runs=runs, keep_runs=history.KEEP, outcomes=OUTCOMES)
    return render(request, "importers/_report.html", context, vary_on_htmx=True)


def report_context(report: ImportReport, *, rows_url: str | None = None) -> dict[str, Any]:
    rows = report.rows
    return {
        "rows_url": rows_url,
        "report": report,
        "counts": report.counts,
        # (Kept in the API's and the command line's words where they name a typed map.)
        "notes": [registry.on_the_page(note) for note in report.notes],
        "rows": rows[:REPORT_ROWS],
        "hidden_rows": max(0, len(rows) - REPORT_ROWS),
        "suggested": len(report.of(Outcome.SUGGESTED)) or report.candidates_created,
        **_added(report),
    }


def _added(report: ImportReport) -> dict[str, Any]:
    """What the import added besides people, in words, only what it added ("3 new
    interactions (2 already here)", never "0 new connections"); and the interactions
    already here when none is new."""
    added = [
        f"{n:,} {one if n == 1 else many}"
        + (f" ({report.interactions_existing:,} already here)" if more else "")
        for n, one, many, more in (
            (report.organizations_created, "new organization", "new organizations", False),
            (
                report.interactions_created,
                "new interaction",
                "new interactions",
                report.interactions_existing,
            ),
            (report.connections_created, "new connection", "new connections", False),
        )
        if n
    ]
    existing = report.interactions_existing if not report.interactions_created else 0
    there = f"{existing:,} {'interaction' if existing == 1 else 'interactions'} already here"
    return {"added": added, "already_here": there if existing else ""}


@router.get("/import/jobs/{job_id}", response_class=HTMLResponse)
def import_status(
    request: Request, session: DbSession, workspace_id: WorkspaceId, job_id: str
) -> HTMLResponse:
    """How far a background import is; its report (or its problem) once it is done."""
    job = jobs_of(request).get(job_id, workspace_id=workspace_id)
    if job.error is not None:
        return _problem(request, session, workspace_id, job.error, {}, [])
    if job.report is not None:
        return _report_response(request, session, workspace_id, job.report, job.id)
    template = "importers/_progress.html" if is_htmx(request) else "importers/progress.html"
    return render(request, template, {"job": job}, vary_on_htmx=True)


@router.get("/import/jobs/{job_id}/status", response_class=HTMLResponse)
def import_progress(
    request: Request, session: DbSession, workspace_id: WorkspaceId, job_id: str
) -> HTMLResponse:
    """The progress bar's next reading, polled by the page; once the import is done, its
    report or problem in place of the whole progress card."""
    job = jobs_of(request).get(job_id, workspace_id=workspace_id)
    if job.error is None and job.report is None:
        return render(request, "importers/_progress_status.html", {"job": job})
    response = import_status(request, session, workspace_id, job_id)
    response.headers["HX-Retarget"] = "#import-progress"
    response.headers["HX-Reswap"] = "outerHTML"
    return response


@router.post("/import/jobs/{job_id}/stop", response_class=HTMLResponse)
@reads_only
def stop_import(
    request: Request, session: DbSession, workspace_id: WorkspaceId, job_id: str
) -> Response:
    """Ask a running import to stop; it rolls back, saving nothing. A finished one stays
    as it finished."""
    job = jobs_of(request).get(job_id, workspace_id=workspace_id)
    job.request_stop()
    if not is_htmx(request):
        return redirect(f"/import/jobs/{job_id}")
    if job.finished:
        return import_status(request, session, workspace_id, job_id)
    return render(request, "importers/_progress.html", {"job": job}, vary_on_htmx=True)


@router.get("/import/jobs/{job_id}/rows.csv")
def import_rows(request: Request, workspace_id: WorkspaceId, job_id: str) -> Response:
    """Every row of a finished import's report as CSV (the page lists the first rows); 409
    while it runs (its rows are still to come), 404 once it ended saving nothing."""
    job = jobs_of(request).get(job_id, workspace_id=workspace_id)
    if job.report is None and job.error is None and not job.finished:
        raise Conflict("This import is still running; its rows are ready when it ends.")
    if job.report is None:
        raise NotFound(
            "import report",
            job_id,
            message="This import saved nothing, so it has no rows to download: its page says why.",
        )
    return _rows_csv(job.report)


def _rows_csv(report: ImportReport) -> Response:
    out = io.StringIO()
    out.write("\ufeff")  # so a spreadsheet reads the names as UTF-8, as the people export
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["file", "line", "outcome", "person", "person id", "detail"])
    for row in report.rows:
        writer.writerow(
            [inert(row.file), row.line or "", row.outcome.value, inert(row.name),
             row.person_id or "", inert(row.detail)]
        )  # fmt: skip
    name = f"goodword-import-{report.id}" if report.id else "goodword-import-report"
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


@router.get("/imports/{run_id}", response_class=HTMLResponse)
def saved_report(
    request: Request, session: DbSession, workspace_id: WorkspaceId, run_id: int
) -> HTMLResponse:
    """An earlier import's report, as it was when the import finished."""
    report = history.get(session, workspace_id=workspace_id, run_id=run_id)
    context = report_context(report, rows_url=f"/imports/{run_id}/rows.csv")
    # (Pairs it queued may be settled since: the queue's count now, not the report's; its
    # own pairs apart from those of other imports and scans.)
    waiting = duplicates.count_candidates(session, workspace_id=workspace_id)
    own_waiting = duplicates.count_candidates(
        session, workspace_id=workspace_id, of_import=by_import.of_report(session, report)
    )
    can_undo = undoing.undoable_id(session, workspace_id=workspace_id) == run_id
    return render(
        request,
        "importers/report.html",
        {
            **context,
            "saved_page": True,
            "waiting": waiting,
            "own_waiting": own_waiting,
            "can_undo": can_undo,
        },
    )


def undoing_allowed(request: Request, workspace_id: int) -> None:
    """Refuse to undo an import while another runs in the workspace (it may be matching
    records to the people the undo takes away)."""
    if jobs_of(request).running(workspace_id):
        raise Conflict("An import is running: undo this one once it has finished.")


@router.get("/imports/{run_id}/undo", response_class=HTMLResponse)
def confirm_undo(
    request: Request, session: DbSession, workspace_id: WorkspaceId, run_id: int
) -> HTMLResponse:
    """Say what undoing the import would do, before doing it."""
    plan = undoing.preview(session, workspace_id=workspace_id, run_id=run_id)
    report = history.get(session, workspace_id=workspace_id, run_id=run_id)
    return render(request, "importers/undo.html", {"plan": plan, "report": report})


@router.post("/imports/{run_id}/undo")
def undo_import(
    request: Request, session: DbSession, workspace_id: WorkspaceId, run_id: int
) -> Response:
    """Undo the import, then show its report, marked undone."""
    undoing_allowed(request, workspace_id)
    db.begin_writing(session)
    done = undoing.undo(session, workspace_id=workspace_id, run_id=run_id)
    return redirect(
        f"/imports/{run_id}", flash=f"Import {run_id} undone. {done.summary(naming=True)}"
    )


@router.get("/imports/{run_id}/rows.csv")
def saved_rows(session: DbSession, workspace_id: WorkspaceId, run_id: int) -> Response:
    """Every row of an earlier import's report as CSV."""
    return _rows_csv(history.get(session, workspace_id=workspace_id, run_id=run_id))


@router.get("/imports/{run_id}/forget", response_class=HTMLResponse)
def confirm_forget_report(
    request: Request, session: DbSession, workspace_id: WorkspaceId, run_id: int
) -> HTMLResponse:
    """Ask before deleting an earlier import's report."""
    report = history.get(session, workspace_id=workspace_id, run_id=run_id)
    return render(request, "importers/forget.html", {"report": report})


@router.post("/imports/{run_id}/forget")
def forget_report(session: DbSession, workspace_id: WorkspaceId, run_id: int) -> Response:
    """Delete an earlier import's report; the people it brought in stay."""
    history.forget(session, workspace_id=workspace_id, run_id=run_id)
    return redirect("/import#history", flash="Deleted the import's report. The people stay.")


ExportFormat = Annotated[
    export.Format,
    Query(description="vcard (3.0, the default), vcard4, csv or json.", alias="format"),
]


def export_response(
    session: Session,
    *,
    workspace_id: int,
    format_: export.Format,
    filename: str = "goodword-people",
) -> Response:
    """The workspace's people as a download in the chosen format."""
    text = export.export_people(session, workspace_id=workspace_id, format=format_)
    name = export.download_name(format_, filename)
    return Response(
        text,
        media_type=f"{export.MEDIA_TYPES[format_]}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/export/people")
def export_people(
    session: DbSession, workspace_id: WorkspaceId, format_: ExportFormat = "vcard"
) -> Response:
    """Download everyone as vCard 3.0 (the default) or 4.0, CSV or JSON."""
    return export_response(session, workspace_id=workspace_id, format_=format_)
