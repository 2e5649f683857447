"""People pages: the list, one person's page, and the forms that change them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from goodword import clock
from goodword.deps import AppSettings, DbSession, WorkspaceId
from goodword.duplicates import service as duplicates
from goodword.duplicates.merging import merged_into
from goodword.errors import FieldError, GoodwordError, InvalidInput, NotFound
from goodword.forms import form_to_dict, is_whole_number, validate
from goodword.importers import splitting
from goodword.interactions import service as interactions
from goodword.opportunities import service as opportunities
from goodword.organizations import service as organizations
from goodword.organizations.schemas import NAMES_NO_ORGANIZATION
from goodword.pages import form_errors, found_page, is_htmx, page_or_422, redirect, render
from goodword.people import birthdays, job_dates, normalize, positions, service
from goodword.people.models import Person, Position
from goodword.people.schemas import STARTED_LATER, PersonCreate, PersonUpdate, PositionCreate
from goodword.playbooks import cadence, favours
from goodword.references import service as references
from goodword.search import service as search
from goodword.sentences import full_stop
from goodword.tasks import service as tasks
from goodword.tasks.models import TaskStatus
from goodword.templating import human_date

router = APIRouter()

LIST_FIELDS = ("emails", "phones", "urls", "tags", "interests")
# The schemas' words for the API, said as the forms label their fields.
REWRITE = {
    "keep_in_touch_days": "Give a whole number of days up to 3650 (0 turns reminders off).",
    "Give a display name, or a given or family name.": "Give a name, or a given or family name.",
}
# How many connections a person's page lists, and one page of the list of them all.
CONNECTIONS_SHOWN = 50
CONNECTIONS_PAGE_SIZE = 100
POSITION_FIELDS = ("organization_name", "title", "department", "start_date", "end_date")
POSITION_REWRITE = {
    NAMES_NO_ORGANIZATION: "Name the organization.",
    "end_date is before start_date.": "This is before the day they started.",
    STARTED_LATER: "That day is still to come, and this job has ended: give the day it began, "
    "or tick Works there now.",
    "Give a real date, such as 2026-11-02.": "Give a day, a month or a year, such as 2021-05-14, "
    "2021-05 or 2021.",
}


@router.get("/people", name="people")
def list_people(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    settings: AppSettings,
    q: str = "",
    after: str | None = None,
    before: str | None = None,
) -> Response:
    """List people A to Z, a page at a time; with `q`, the people matching it."""
    query = q.strip()
    if query:
        page = page_or_422(
            lambda: found_page(
                lambda limit, offset: find(
                    session, workspace_id=workspace_id, query=query, limit=limit, offset=offset
                ),
                after,
            ),
            first_page="the first people found",
        )
    else:
        page = page_or_422(
            lambda: service.list_(
                session,
                workspace_id=workspace_id,
                cursor=after,
                limit=settings.page_size,
                before=before,
            ),
            first_page="the first page of people",
        )
    template = "people/_table.html" if is_htmx(request) else "people/list.html"
    return render(request, template, {"page": page, "q": query}, vary_on_htmx=True)


@router.get("/people/new", name="new_person")
def new_person(request: Request) -> Response:
    return render(request, "people/form.html", {"person": None, "values": {}, "errors": {}})


@router.post("/people", name="create_person")
async def create_person(
    request: Request, session: DbSession, workspace_id: WorkspaceId
) -> Response:
    form = await request.form()
    values = dict(form)
    try:
        context = service.input_context(session, workspace_id=workspace_id)
        data = validate(PersonCreate, person_input(form), context=context)
        person = service.create(
            session, workspace_id=workspace_id, data=service.with_name_parts(data)
        )
        duplicates.queue_shared_details(session, workspace_id=workspace_id, person_id=person.id)
    except GoodwordError as exc:
        session.rollback()
        errors = form_errors(exc, general_field="display_name", rewrite=REWRITE)
        return render(
            request,
            "people/form.html",
            {"person": None, "values": values, "errors": errors},
            status_code=exc.status_code,
        )
    return redirect(f"/people/{person.id}", flash=f"Added {full_stop(person.display_name)}")


@router.get("/people/{person_id}", name="person")
def show_person(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    person_id: int,
    connect_q: str = "",
) -> Response:
    """The person's page; for someone since merged into another person (a link in an
    earlier import's report, say), that person's page."""
    try:
        return render_detail(request, session, workspace_id, person_id, connect_q=connect_q)
    except NotFound:
        found = merged_into(session, workspace_id=workspace_id, person_id=person_id)
        if found is None:
            raise
        name, survivor = found
        return redirect(
            f"/people/{survivor.id}",
            flash=f"{name or 'The person you asked for'} (number {person_id}) was merged into "
            f"{survivor.display_name} (number {survivor.id}).",
        )


@router.get("/people/{person_id}/connections", name="person_connections")
def person_connections(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    person_id: int,
    after: str | None = None,
    before: str | None = None,
) -> Response:
    """Every connection of the person, closest first, a page at a time (`after` a page's
    last, `before` its first: the page before)."""
    person = service.get(session, workspace_id=workspace_id, person_id=person_id)
    page = page_or_422(
        lambda: service.connections_page(
            session,
            workspace_id=workspace_id,
            person_id=person.id,
            cursor=after,
            limit=CONNECTIONS_PAGE_SIZE,
            before=before,
        ),
        first_page=f"the first page of {person.display_name}'s connections",
    )
    return render(
        request,
        "people/connections.html",
        {"person": person, "page": page, "first_page": not after and page.prev_cursor is None},
    )


@router.get("/people/{person_id}/edit", name="edit_person")
def edit_person(
    request: Request, session: DbSession, workspace_id: WorkspaceId, person_id: int
) -> Response:
    person = service.get(session, workspace_id=workspace_id, person_id=person_id)
    return render(
        request, "people/form.html", {"person": person, "values": values_of(person), "errors": {}}
    )


@router.post("/people/{person_id}", name="update_person")
async def update_person(
    request: Request, session: DbSession, workspace_id: WorkspaceId, person_id: int
) -> Response:
    person = service.get(session, workspace_id=workspace_id, person_id=person_id)
    form = await request.form()
    values = dict(form)
    try:
        context = service.input_context(session, workspace_id=workspace_id)
        read = person_input(form)
        for field in ("tags", "interests"):
            read[field] = whole_again(read.get(field, []), getattr(person, field))
        data = validate(PersonUpdate, read, context=context)
        service.update(session, workspace_id=workspace_id, person_id=person_id, data=data)
        duplicates.queue_shared_details(session, workspace_id=workspace_id, person_id=person_id)
    except GoodwordError as exc:
        session.rollback()
        person = service.get(session, workspace_id=workspace_id, person_id=person_id)
        errors = form_errors(exc, general_field="display_name", rewrite=REWRITE)
        return render(
            request,
            "people/form.html",
            {"person": person, "values": values, "errors": errors},
            status_code=exc.status_code,
        )
    return redirect(f"/people/{person.id}", flash=f"Saved {full_stop(person.display_name)}")


@router.get("/people/{person_id}/delete", name="confirm_delete_person")
def confirm_delete_person(
    request: Request, session: DbSession, workspace_id: WorkspaceId, person_id: int
) -> Response:
    person = service.get(session, workspace_id=workspace_id, person_id=person_id)
    # What goes with them, so the page can say it (as `goodword person delete` does).
    goes = service.goes_with(session, workspace_id=workspace_id, person_id=person.id)
    return render(request, "people/delete.html", {"person": person, "goes": goes})


@router.post("/people/{person_id}/delete", name="delete_person")
def delete_person(session: DbSession, workspace_id: WorkspaceId, person_id: int) -> Response:
    person = service.get(session, workspace_id=workspace_id, person_id=person_id)
    name = person.display_name
    service.delete(session, workspace_id=workspace_id, person_id=person_id)
    return redirect("/people", flash=f"Deleted {full_stop(name)}")


@router.post("/people/{person_id}/positions", name="add_position")
async def add_position(
    request: Request, session: DbSession, workspace_id: WorkspaceId, person_id: int
) -> Response:
    service.get(session, workspace_id=workspace_id, person_id=person_id)
    form = await request.form()
    values = dict(form)
    data = _job_form(form)
    try:
        checked = validate(PositionCreate, data)
        near = positions.new_organization(session, workspace_id, checked)
        position = service.add_position(
            session, workspace_id=workspace_id, person_id=person_id, data=checked
        )
    except GoodwordError as exc:
        session.rollback()
        return render_detail(
            request,
            session,
            workspace_id,
            person_id,
            position_values=values,
            position_errors=form_errors(exc, fields=POSITION_FIELDS, rewrite=POSITION_REWRITE),
            status_code=exc.status_code,
        )
    where = position.organization.name
    said = f"Added the position at {where}."
    if near is not None:
        said += " " + organizations.new_organization_words(where, near, fix=_FIX)
    return redirect(f"/people/{person_id}#positions", flash=said, warns=bool(near))


def _job_form(form: Mapping[str, Any]) -> dict[str, Any]:
    """A job's form as the schema takes it: a date typed as a whole day is a day (a month
    or a year typed alone, "2021-05" or "2021", is read as one by the schema), so a month's
    first day typed over the month makes it that day."""
    data = form_to_dict(form, booleans=["is_current"])
    for what in ("start", "end"):
        if str(data.get(f"{what}_date") or "").strip():
            data[f"{what}_precision"] = "day"
    return data


# How a job saved with a new organization, perhaps mistyped, is put right on the page.
_FIX = "choose Edit beside the job and give that name"


def _position(session: Session, workspace_id: int, person_id: int, position_id: int) -> Position:
    """One of the person's positions, or 404."""
    person = service.get(session, workspace_id=workspace_id, person_id=person_id)
    position = next((p for p in person.positions if p.id == position_id), None)
    if position is None:
        raise NotFound("position", position_id)
    return position


def _which(position: Position) -> str:
    """A position in words: a person may have held two positions at one organization."""
    which = f"{position.title} at " if position.title else "the position at "
    which += position.organization.name
    start = human_date(position.start_date, position.start_precision)
    if position.start_date and position.end_date:
        which += f" (from {start} to {human_date(position.end_date, position.end_precision)})"
    elif position.start_date:
        which += f" (since {start})"
    return which


@router.get("/people/{person_id}/positions/{position_id}/edit", name="edit_position_form")
def edit_position_form(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    person_id: int,
    position_id: int,
) -> HTMLResponse:
    """The form that changes a job: its title, dates, and whether they still work there."""
    position = _position(session, workspace_id, person_id, position_id)
    values = {
        "organization_name": position.organization.name,
        "title": position.title,
        "department": position.department,
        # (In its precision: "2020-01" for LinkedIn's "Jan 2020", kept so if left as it is.)
        "start_date": job_dates.written(position.start_date, position.start_precision),
        "end_date": job_dates.written(position.end_date, position.end_precision),
        "is_current": "1" if position.is_current else "",
    }
    return _edit_position_page(request, position, values, {})


def _edit_position_page(
    request: Request,
    position: Position,
    values: Mapping[str, Any],
    errors: Mapping[str, str],
    status_code: int = 200,
) -> HTMLResponse:
    context = {"position": position, "which": _which(position), "values": values}
    return render(
        request, "people/edit_position.html", {**context, "errors": errors},
        status_code=status_code,
    )  # fmt: skip


@router.post("/people/{person_id}/positions/{position_id}/edit", name="edit_position")
async def edit_position(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    person_id: int,
    position_id: int,
) -> Response:
    was_current = _position(session, workspace_id, person_id, position_id).is_current
    form = await request.form()
    values = dict(form)
    try:
        data = validate(PositionCreate, _job_form(form))
        if form.get("is_current") and data.end_date is not None and not was_current:
            # (Ticked just now beside an end: which of the two they meant is not guessed.)
            said = "They cannot work there now and have left: clear Ended, or untick the box."
            raise InvalidInput(said, fields=[FieldError("end_date", said)])
        near = positions.new_organization(session, workspace_id, data)
        position, ended = positions.update_position(
            session, workspace_id=workspace_id, position_id=position_id, data=data
        )
    except GoodwordError as exc:
        session.rollback()
        errors = form_errors(exc, fields=POSITION_FIELDS, rewrite=POSITION_REWRITE)
        position = _position(session, workspace_id, person_id, position_id)
        return _edit_position_page(request, position, values, errors, exc.status_code)
    said = f"Saved {_which(position)}."
    if ended:
        said += f" {' and '.join(_which(job) for job in ended)} ended, as it came before."
    if near is not None:
        where = position.organization.name
        said += " " + organizations.new_organization_words(where, near, fix=_FIX)
    return redirect(f"/people/{person_id}#positions", flash=said, warns=bool(near))


@router.get("/people/{person_id}/positions/{position_id}/delete", name="confirm_remove_position")
def confirm_remove_position(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    person_id: int,
    position_id: int,
) -> HTMLResponse:
    """Ask before a position is removed."""
    position = _position(session, workspace_id, person_id, position_id)
    return render(
        request, "people/remove_position.html", {"position": position, "which": _which(position)}
    )


@router.post("/people/{person_id}/positions/{position_id}/delete", name="remove_position")
def remove_position(
    session: DbSession, workspace_id: WorkspaceId, person_id: int, position_id: int
) -> Response:
    position = _position(session, workspace_id, person_id, position_id)
    gone = _which(position)
    service.remove_position(session, workspace_id=workspace_id, position_id=position_id)
    return redirect(f"/people/{person_id}#positions", flash=f"Removed {gone}.")


def render_detail(
    request: Request,
    session: Session,
    workspace_id: int,
    person_id: int,
    *,
    connect_q: str = "",
    position_values: Mapping[str, Any] | None = None,
    position_errors: Mapping[str, str] | None = None,
    connection_values: Mapping[str, Any] | None = None,
    connection_errors: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    """Render a person's page; the add forms can come back with what was typed and errors."""
    person = service.get(session, workspace_id=workspace_id, person_id=person_id)
    query = connect_q.strip()
    context = {
        "person": person,
        # Shown on the page until the user merges them or keeps them apart: right after a
        # save that gave someone another person's e-mail address, phone or LinkedIn profile.
        "possible_duplicates": duplicates.open_pairs(
            session, workspace_id=workspace_id, person=person
        ),
        # The closest first; your own page could otherwise list every LinkedIn connection.
        "connections": service.connections_page(
            session,
            workspace_id=workspace_id,
            person_id=person_id,
            cursor=None,
            limit=CONNECTIONS_SHOWN,
        ),
        "interactions": interactions.list_(
            session, workspace_id=workspace_id, person_id=person_id, limit=20
        ),
        "tasks": tasks.list_(
            session,
            workspace_id=workspace_id,
            today=clock.today(),
            person_id=person_id,
            status=TaskStatus.OPEN,
            limit=50,
        ).items,
        "managed": opportunities.list_(
            session, workspace_id=workspace_id, hiring_manager_id=person_id, limit=50
        ).items,
        # Where they came from, each record saying whether an import matched it to them.
        "sources": splitting.sources(session, workspace_id=workspace_id, person_id=person_id),
        "connect_q": query,
        "candidates": candidates(session, workspace_id=workspace_id, person_id=person_id, q=query)
        if query
        else None,
        "position_values": position_values or {"is_current": "1"},
        "position_errors": position_errors or {},
        "connection_values": connection_values or {},
        "connection_errors": connection_errors or {},
        "favours": next(
            iter(favours.favour_ledger(session, workspace_id=workspace_id, person_id=person_id)),
            None,
        ),
        "cadence": cadence.cadence_for(session, workspace_id=workspace_id, person=person),
        # Their reference record, if any: the page links to it instead of offering to add one.
        "reference": references.for_person(session, workspace_id=workspace_id, person_id=person_id),
    }
    return render(request, "people/detail.html", context, status_code=status_code)


def candidates(session: Session, *, workspace_id: int, person_id: int, q: str) -> list[Person]:
    """People matching `q` whom this person could be connected to (never themselves)."""
    return [p for p in find(session, workspace_id=workspace_id, query=q) if p.id != person_id][:10]


def find(
    session: Session, *, workspace_id: int, query: str, limit: int = 50, offset: int = 0
) -> list[Person]:
    """The people the search finds for `query`, best match first, loaded for listing."""
    hits = search.search(
        session,
        workspace_id=workspace_id,
        query=query,
        kinds=("person",),
        limit=limit,
        offset=offset,
    )
    return service.get_many(session, workspace_id=workspace_id, ids=[hit.record_id for hit in hits])


def whole_again(values: list[str], held: list[str]) -> list[str]:
    """The form's list field as read (split on commas), with each value the person holds
    that has a comma in it ("Stanford, class of 2012", an imported label) put back
    together, so saving the form leaves it as it was.

    >>> whole_again(["Stanford", "class of 2012", "Maths"], ["Stanford, class of 2012"])
    ['Stanford, class of 2012', 'Maths']
    """
    commas = {_comma_spaced(tag).casefold(): tag for tag in held if "," in tag}
    if not commas:
        return values
    out: list[str] = []
    index = 0
    while index < len(values):
        for end in range(len(values), index + 1, -1):
            joined = ", ".join(values[index:end]).casefold()
            if joined in commas:
                out.append(commas[joined])
                index = end
                break
        else:
            out.append(values[index])
            index += 1
    return out


def _comma_spaced(text: str) -> str:
    return ", ".join(part.strip() for part in text.split(","))


def person_input(form: Mapping[str, Any]) -> dict[str, Any]:
    """Read the person form: one value a line (or comma-separated) for the list fields."""
    data = form_to_dict(form, lists=LIST_FIELDS, booleans=["is_me"])
    days = str(data.get("keep_in_touch_days") or "").strip()
    if days:
        # A whole number of days; anything else is left for the schema to refuse inline.
        data["keep_in_touch_days"] = int(days) if is_whole_number(days) else days
    return data


def values_of(person: Person) -> dict[str, Any]:
    """The person's fields as the form shows them."""
    return {
        "display_name": person.display_name,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "emails": "\n".join(e.address for e in person.emails),
        "phones": "\n".join(normalize.phone_text(p.number) for p in person.phones),
        "urls": "\n".join(u.url for u in person.urls),
        "location": person.location,
        "birthday": person.birthday.isoformat() if person.birthday else None,
        "birthday_no_year": birthdays.shown(person.birthday_no_year)
        if person.birthday_no_year
        else None,
        "tags": ", ".join(person.tags),
        "interests": ", ".join(person.interests),
        "how_we_met": person.how_we_met,
        "notes": person.notes,
        "is_me": "1" if person.is_me else None,
        "keep_in_touch_days": person.keep_in_touch_days,
    }
