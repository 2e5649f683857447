"""JSON API for imports (upload files, preview them), for exporting people, and for where a
person came from (their source records, and splitting off one an import matched wrongly)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from goodword import clock, db
from goodword.api import API_PREFIX, ERROR_RESPONSES
from goodword.deps import AppSettings, DbSession, WorkspaceId, reads_only
from goodword.errors import Conflict, FieldError, GoodwordError, InvalidInput
from goodword.importers import history, older_files, splitting, undoing
from goodword.importers.schemas import (
    ImportList,
    ImportReportOut,
    PersonSources,
    SplitOut,
    SplitResult,
    UndoOut,
    import_list,
    report_out,
    source_out,
    split_out,
    split_result,
    undo_out,
)
from goodword.importers.uploads import phone_region, preview_files, save_uploads
from goodword.importers.views import (
    ExportFormat,
    export_response,
    import_writing,
    jobs_of,
    undoing_allowed,
)

router = APIRouter(prefix=API_PREFIX, tags=["imports"], responses=ERROR_RESPONSES)

Mapping = Annotated[
    str | None,
    Query(
        description="A column map for any other CSV, such as "
        "`key=ID,given=First,family=Surname,email=E-mail,org=Company,title=Role`. A column "
        'whose name holds a comma goes in double quotes: `given="Name, first"`. `email`, '
        "`phone`, `url`, `notes`, `tags` and `location` may each be given more than once "
        "(`location=City,location=Country`: the parts are joined in order, empty ones left "
        "out); `name=` takes a whole name and splits it into given and family names.",
        max_length=2000,
    ),
]
# The same map sent as a field of the multipart form, as the import page sends it.
MappingField = Annotated[
    str | None,
    Form(
        alias="mapping",
        description="The column map as a field of the form instead of the query (given in "
        "both, it is refused: 422).",
        max_length=2000,
    ),
]
# `dry_run` and `reapply` as fields of the multipart form, as the import page sends them.
DryRunField = Annotated[
    bool | None, Form(alias="dry_run", description="As the query's `dry_run`, in the form.")
]
ReapplyField = Annotated[
    bool | None, Form(alias="reapply", description="As the query's `reapply`, in the form.")
]


def one_mapping(query: str | None, form: str | None) -> str | None:
    """The column map sent, in the query or the form; both is a 422 (which was meant?)."""
    if query and form and query != form:
        raise InvalidInput(
            "The column map is given twice, in the query and in the form.",
            fields=[FieldError("mapping", "Give the column map once: in the query or the form.")],
        )
    return query or form or None


Files = Annotated[
    list[UploadFile],
    File(
        description="LinkedIn ZIP or CSVs, Google Contacts, Outlook or Thunderbird CSV, vCard "
        "files, or any CSV."
    ),
]


@router.post("/imports", response_model=ImportReportOut, summary="Import files")
@reads_only
async def create_import(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    settings: AppSettings,
    files: Files,
    dry_run: Annotated[
        bool, Query(description="Do everything and report it, but save nothing.")
    ] = False,
    reapply: Annotated[
        bool,
        Query(
            description="Apply every record in full, unchanged ones too, bringing back "
            "details deleted since and people deleted; by default unchanged records are "
            "passed over, and what was taken off stays off."
        ),
    ] = False,
    mapping: Mapping = None,
    mapping_field: MappingField = None,
    dry_run_field: DryRunField = None,
    reapply_field: ReapplyField = None,
) -> ImportReportOut:
    """Import the files in one transaction; a file that cannot be read saves nothing (422);
    while another import runs in the workspace (from the page, say), 409 and nothing done;
    stopped from the import page while it runs, 409 `import_stopped` and nothing saved.
    `dry_run`, `reapply` and `mapping` may come in the query or as fields of the form."""
    dry_run, reapply = dry_run or bool(dry_run_field), reapply or bool(reapply_field)
    column_map = one_mapping(mapping, mapping_field)
    job = jobs_of(request).claim(workspace_id, dry_run=dry_run, reapply=reapply)
    if job is None:
        raise Conflict("An import is already running; import again when it has finished.")
    try:
        saved = await save_uploads(files, max_bytes=settings.import_max_bytes)
        try:
            # In a worker thread: the app goes on answering other requests meanwhile.
            report = await run_in_threadpool(
                import_writing,
                session,
                workspace_id=workspace_id,
                paths_or_uploads=saved.paths,
                mapping=column_map,
                dry_run=dry_run,
                reapply=reapply,
                today=clock.today(),
                progress=job.progress,
                max_bytes=settings.import_max_bytes,
            )
        finally:
            saved.remove()
        job.last_chance_to_stop()  # a stop asked for from the import page: 409, nothing saved
        if dry_run:
            session.rollback()
        else:
            session.commit()  # before the import page, if watching, is shown the report
        job.report = report
        return report_out(report)
    except GoodwordError as exc:  # the import page, if watching, says so too
        job.error = exc.message
        raise
    except Exception:
        job.error = "The import stopped on an unexpected problem; nothing was saved."
        raise
    finally:
        job.finished = True


@router.get("/imports", response_model=ImportList, summary="List kept imports")
def list_imports(session: DbSession, workspace_id: WorkspaceId) -> ImportList:
    """The workspace's last imports (dry runs are not kept), the latest first."""
    runs = history.recent(session, workspace_id=workspace_id)
    return import_list(runs)


@router.get("/imports/{run_id}", response_model=ImportReportOut, summary="Get a kept import")
def get_import(session: DbSession, workspace_id: WorkspaceId, run_id: int) -> ImportReportOut:
    """A kept import's whole report, every row included, as it was when it finished."""
    return report_out(history.get(session, workspace_id=workspace_id, run_id=run_id))


@router.delete("/imports/{run_id}", status_code=204, summary="Delete a kept import's report")
def delete_import(session: DbSession, workspace_id: WorkspaceId, run_id: int) -> Response:
    """Forget the report; the people, messages and changes the import brought in stay."""
    history.forget(session, workspace_id=workspace_id, run_id=run_id)
    return Response(status_code=204)


@router.get(
    "/imports/{run_id}/undo", response_model=UndoOut, summary="What undoing an import would do"
)
def undo_preview(session: DbSession, workspace_id: WorkspaceId, run_id: int) -> UndoOut:
    """Changes nothing: the people it would take away, with their jobs, ties and messages,
    and the people who would stay, each with why. 409 when it cannot be undone: undone
    already, not the latest import, or kept before imports could be undone."""
    return undo_out(undoing.preview(session, workspace_id=workspace_id, run_id=run_id))


@router.post("/imports/{run_id}/undo", response_model=UndoOut, summary="Undo an import")
def undo_import(
    request: Request, session: DbSession, workspace_id: WorkspaceId, run_id: int
) -> UndoOut:
    """Undo the latest import in one go: the people it made that nothing touched since go,
    with their jobs and ties, and so do the messages it added and the organizations it made
    that nothing else holds; what its records added to people already here comes off them.
    Nothing is remembered as deleted, so importing the file again brings it back. What
    stays (fields it updated, anything changed since) is listed with why. 409 as for GET,
    and while an import is running."""
    undoing_allowed(request, workspace_id)
    db.begin_writing(session)
    return undo_out(undoing.undo(session, workspace_id=workspace_id, run_id=run_id))


class PreviewRow(BaseModel):
    line: int
    name: str
    emails: list[str]
    phones: list[str]
    urls: list[str]
    organization: str | None
    title: str | None
    location: str | None
    birthday: str | None
    key: str | None
    warnings: list[str]


class FilePreviewOut(BaseModel):
    name: str
    format: str | None
    label: str
    headers: list[str]
    rows: list[PreviewRow]
    needs_mapping: bool
    problem: str | None
    # How its text was read when that was a guess: its code page, as the report's notes say.
    read_as: str | None = None
    # Why a LinkedIn Connections.csv is older than an export imported before or beside it,
    # in words (its people would keep what the newer one gave them); None when it is not.
    older: str | None = None


class PreviewOut(BaseModel):
    files: list[FilePreviewOut]


@router.post("/imports/preview", response_model=PreviewOut, summary="Preview files")
@reads_only
async def preview_import(
    settings: AppSettings,
    session: DbSession,
    workspace_id: WorkspaceId,
    files: Files,
    mapping: Mapping = None,
    mapping_field: MappingField = None,
) -> PreviewOut:
    """Each file's detected format, its CSV headers and first rows as they would be
    imported (each phone number as it would be stored: E.164 when it can be read)."""
    saved = await save_uploads(files, max_bytes=settings.import_max_bytes)
    try:
        previews = preview_files(
            saved.paths,
            mapping=one_mapping(mapping, mapping_field),
            max_bytes=settings.import_max_bytes,
            region=phone_region(session, workspace_id),
            kept=older_files.kept_files(session, workspace_id),
        )
    finally:
        saved.remove()
    return PreviewOut(
        files=[
            FilePreviewOut(
                name=p.name,
                format=p.format,
                label=p.label,
                headers=p.headers,
                rows=[PreviewRow(**row) for row in p.rows],
                needs_mapping=p.needs_mapping,
                problem=p.problem,
                read_as=p.read_as,
                older=p.older,
            )
            for p in previews
        ]
    )


@router.get(
    "/people/export",
    summary="Export people",
    response_class=Response,
    responses={200: {"content": {"text/vcard": {}, "text/csv": {}, "application/json": {}}}},
)
def export_people(
    session: DbSession, workspace_id: WorkspaceId, format_: ExportFormat = "vcard"
) -> Response:
    """Everyone as vCard 3.0 (the default) or 4.0, CSV or JSON; each imports back losslessly."""
    return export_response(session, workspace_id=workspace_id, format_=format_)


@router.get(
    "/people/{person_id}/sources",
    response_model=PersonSources,
    summary="Where a person came from",
)
def person_sources(session: DbSession, workspace_id: WorkspaceId, person_id: int) -> PersonSources:
    """The source records behind a person (provenance), oldest first."""
    found = splitting.sources(session, workspace_id=workspace_id, person_id=person_id)
    return PersonSources(person_id=person_id, sources=[source_out(s) for s in found])


@router.get(
    "/people/{person_id}/sources/{source_id}/split",
    response_model=SplitOut,
    summary="What splitting a matched record off would do",
)
def split_preview(
    session: DbSession, workspace_id: WorkspaceId, person_id: int, source_id: int
) -> SplitOut:
    """Changes nothing. 409 for a record that made the person (nothing to split it from)."""
    return split_out(
        splitting.preview(
            session,
            workspace_id=workspace_id,
            person_id=person_id,
            source_id=source_id,
            undo_merge=_undo_in_the_api,
            listed=_listed_in_the_api,
        )
    )


@router.post(
    "/people/{person_id}/sources/{source_id}/split",
    response_model=SplitResult,
    status_code=201,
    summary="Split a matched record off as a person of their own",
)
def split_source(
    session: DbSession, workspace_id: WorkspaceId, person_id: int, source_id: int
) -> SplitResult:
    """Undo an import's match: make the person the record describes, take back from this
    one what it added (where unchanged since), and mark the two as not the same person.
    409 for a record that made the person; merging the two puts them together again."""
    return split_result(
        splitting.split_off(
            session,
            workspace_id=workspace_id,
            person_id=person_id,
            source_id=source_id,
            undo_merge=_undo_in_the_api,
            listed=_listed_in_the_api,
        )
    )


def _listed_in_the_api(person_id: int) -> str:
    """Where the API lists person `person_id`'s source records."""
    return f"`GET {API_PREFIX}/people/{person_id}/sources` lists theirs"


def _undo_in_the_api(merge_id: int) -> str:
    """How the API undoes merge `merge_id`."""
    return f"POST {API_PREFIX}/merges/{merge_id}/undo"
