"""Interaction pages: the log of meetings, interviews, calls and favours, and who was there."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from goodword import clock, forms
from goodword.deps import DbSession, WorkspaceId
from goodword.errors import InvalidInput
from goodword.interactions import service
from goodword.interactions.models import Direction, Interaction, InteractionKind, Rapport
from goodword.interactions.schemas import (
    NOTHING_RECORDED,
    STILL_TO_COME,
    WRITER_AMONG,
    WRITER_CAME_IN,
    InteractionCreate,
    InteractionUpdate,
)
from goodword.opportunities import service as opportunities
from goodword.pages import enum_options, filled, form_errors, page_or_422, redirect, render
from goodword.people import service as people
from goodword.pickers import opportunity_choices, person_choices
from goodword.playbooks import cadence
from goodword.records import OUT_OF_YEARS

router = APIRouter()

FIELDS = ("occurred_at", "kind", "summary", "opportunity_id", "interview_round", "direction")
# Blank participant rows offered below the filled ones; blank rows are ignored on save.
SPARE_ROWS = 3
MIN_ROWS = 5
REWRITE = {
    "interview_round is only for interviews.": (
        "A round number belongs to interviews only: clear it, or choose Interview."
    ),
    "direction is only for messages and e-mails.": (
        'Who wrote it is only for messages and e-mails: choose "Not said", or change the kind.'
    ),
    NOTHING_RECORDED: "Choose at least one person who took part, or write a summary above.",
    WRITER_AMONG: "The person you chose as the writer is no longer among the people below: "
    "choose again.",
    WRITER_CAME_IN: "A writer among the people is only for a message that came in.",
    service.YOU_WROTE: "That is you: choose You as who wrote it.",
    OUT_OF_YEARS: OUT_OF_YEARS,  # (a date that is one, in a year out of range)
    STILL_TO_COME: STILL_TO_COME,  # (a date that is one, after today)
    "occurred_at": "Give the date and time, such as 2026-11-02 15:00.",
}
# Who wrote a message or an e-mail, as the form offers it; then each of the people (a
# message that came in, written by that one of them: "inbound:<person id>").
DIRECTION_OPTIONS = [(Direction.OUTBOUND.value, "You"), (Direction.INBOUND.value, "They")]
WRITTEN_BY = f"{Direction.INBOUND.value}:"


def now() -> datetime:
    """The current local time, to the minute (the default for a new interaction)."""
    return clock.now().astimezone().replace(second=0, microsecond=0)


def local_input(value: datetime) -> str:
    """A stored UTC time as a `datetime-local` input value in this machine's zone."""
    return value.astimezone().strftime("%Y-%m-%dT%H:%M")


def _rows(pairs: Sequence[tuple[str, str]]) -> list[dict[str, str]]:
    rows = [{"person_id": person, "rapport": rapport} for person, rapport in pairs]
    wanted = max(MIN_ROWS, len(rows) + SPARE_ROWS)
    return rows + [{"person_id": "", "rapport": ""} for _ in range(wanted - len(rows))]


async def _read_form(request: Request) -> tuple[dict[str, str], list[dict[str, str]]]:
    form = await request.form()
    values = {name: _text(form.get(name)) for name in FIELDS}
    people_ids = [_text(v) for v in form.getlist("participant_person_id")]
    rapports = [_text(v) for v in form.getlist("participant_rapport")]
    rapports += [""] * (len(people_ids) - len(rapports))
    return values, [
        {"person_id": p, "rapport": r} for p, r in zip(people_ids, rapports, strict=False)
    ]


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _payload(values: Mapping[str, str], rows: Sequence[Mapping[str, str]]) -> dict[str, Any]:
    """The schema's input; rows without a person are skipped."""
    data: dict[str, Any] = dict(filled(values))
    direction = data.get("direction", "")
    if isinstance(direction, str) and direction.startswith(WRITTEN_BY):
        data["direction"], data["writer_id"] = Direction.INBOUND.value, direction[len(WRITTEN_BY) :]
    participants = []
    for row in rows:
        if not row["person_id"].strip():
            continue
        participant = {"person_id": row["person_id"].strip()}
        if row["rapport"]:
            participant["rapport"] = row["rapport"]
        participants.append(participant)
    data["participants"] = participants
    return data


def _errors(error: InvalidInput) -> tuple[dict[str, str], dict[int, str]]:
    """Inline errors for the plain fields, and per participant.

    The form shows the filled rows first, in order, so participant N is shown in row N.
    """
    errors = form_errors(error, fields=(*FIELDS, "participants", "writer_id"), rewrite=REWRITE)
    if "writer_id" in errors:  # (chosen with who wrote it)
        errors.setdefault("direction", errors.pop("writer_id"))
    by_row: dict[int, str] = {}
    for item in error.fields:
        parts = item.field.split(".")
        if parts[0] == "participants" and len(parts) > 1 and parts[1].isdigit():
            detail = "Choose a listed person." if parts[-1] == "person_id" else item.message
            by_row.setdefault(int(parts[1]), detail)
    if by_row:
        errors["participants"] = "Check the highlighted rows."
    return errors, by_row


def _form_page(
    request: Request,
    session: Session,
    workspace_id: int,
    *,
    values: Mapping[str, str],
    rows: Sequence[Mapping[str, str]],
    interaction: Interaction | None = None,
    errors: Mapping[str, str] | None = None,
    row_errors: Mapping[int, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    kept = [(row["person_id"], row["rapport"]) for row in rows if row["person_id"].strip()]
    return render(
        request,
        "interactions/form.html",
        {
            "interaction": interaction,
            "values": values,
            "rows": _rows(kept),
            "errors": errors or {},
            "row_errors": row_errors or {},
            "people": person_choices(session, workspace_id=workspace_id),
            "opportunities": opportunity_choices(session, workspace_id=workspace_id),
            "kind_options": enum_options(InteractionKind),
            "rapport_options": enum_options(Rapport),
            "direction_options": DIRECTION_OPTIONS,
            "writer_options": _writer_options(session, workspace_id, kept),
        },
        status_code=status_code,
    )


def _writer_options(
    session: Session, workspace_id: int, kept: Sequence[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Each of the people listed, as the one who wrote a message that came in (two of one
    name told apart by their numbers)."""
    ids = [i for person, _ in kept if (i := forms.record_id(person)) is not None]
    names = people.names(session, workspace_id=workspace_id, person_ids=ids)
    listed = [i for i in dict.fromkeys(ids) if i in names]
    repeated = {n for n, count in Counter(names[i] for i in listed).items() if count > 1}
    return [
        (f"{WRITTEN_BY}{i}", f"{names[i]} (number {i})" if names[i] in repeated else names[i])
        for i in listed
    ]


def _id_or_none(raw: str | None) -> int | None:
    if raw is None or not raw.strip():
        return None
    try:
        return int(raw)
    except ValueError:
        raise InvalidInput("That filter needs a record number.") from None


@router.get("/interactions", response_class=HTMLResponse)
def list_page(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    after: str | None = None,
    person_id: str | None = None,
    opportunity_id: str | None = None,
    before: str | None = None,
) -> HTMLResponse:
    person = _id_or_none(person_id)
    opportunity = _id_or_none(opportunity_id)
    page = page_or_422(
        lambda: service.list_(
            session,
            workspace_id=workspace_id,
            person_id=person,
            opportunity_id=opportunity,
            cursor=after,
            limit=request.app.state.settings.page_size,
            before=before,
        )
    )
    about_person = (
        people.get(session, workspace_id=workspace_id, person_id=person) if person else None
    )
    about_opportunity = (
        opportunities.get(session, workspace_id=workspace_id, opportunity_id=opportunity)
        if opportunity
        else None
    )
    query = "&".join(
        f"{name}={value}"
        for name, value in (("person_id", person), ("opportunity_id", opportunity))
        if value
    )
    return render(
        request,
        "interactions/list.html",
        {
            "page": page,
            "person": about_person,
            "opportunity": about_opportunity,
            "base_url": f"/interactions?{query}" if query else "/interactions",
            "new_url": f"/interactions/new?{query}" if query else "/interactions/new",
            "first_page": after is None and page.prev_cursor is None,
        },
    )


@router.get("/interactions/new", response_class=HTMLResponse)
def new_page(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    person_id: str = "",
    opportunity_id: str = "",
    kind: str = "",
) -> HTMLResponse:
    values = {name: "" for name in FIELDS}
    values["occurred_at"] = local_input(now())
    values["opportunity_id"] = opportunity_id.strip()
    values["kind"] = kind if kind in {k.value for k in InteractionKind} else "meeting"
    rows = [{"person_id": person_id.strip(), "rapport": ""}] if person_id.strip() else []
    return _form_page(request, session, workspace_id, values=values, rows=rows)


@router.post("/interactions", response_class=HTMLResponse)
async def create(request: Request, session: DbSession, workspace_id: WorkspaceId) -> Response:
    values, rows = await _read_form(request)
    data = _payload(values, rows)
    try:
        interaction = service.create(
            session, workspace_id=workspace_id, data=forms.validate(InteractionCreate, data)
        )
        cadence.settle(session, workspace_id=workspace_id, today=clock.today())
    except InvalidInput as error:
        session.rollback()
        errors, row_errors = _errors(error)
        return _form_page(
            request,
            session,
            workspace_id,
            values=values,
            rows=rows,
            errors=errors,
            row_errors=row_errors,
            status_code=422,
        )
    return redirect(f"/interactions/{interaction.id}", flash="Interaction logged.")


@router.get("/interactions/{interaction_id}", response_class=HTMLResponse)
def detail_page(
    request: Request, interaction_id: int, session: DbSession, workspace_id: WorkspaceId
) -> HTMLResponse:
    interaction = service.get(session, workspace_id=workspace_id, interaction_id=interaction_id)
    return render(request, "interactions/detail.html", {"interaction": interaction})


@router.get("/interactions/{interaction_id}/edit", response_class=HTMLResponse)
def edit_page(
    request: Request, interaction_id: int, session: DbSession, workspace_id: WorkspaceId
) -> HTMLResponse:
    interaction = service.get(session, workspace_id=workspace_id, interaction_id=interaction_id)
    values = {
        "occurred_at": local_input(interaction.occurred_at),
        "kind": interaction.kind.value,
        "summary": interaction.summary or "",
        "opportunity_id": str(interaction.opportunity_id or ""),
        "interview_round": str(interaction.interview_round or ""),
        "direction": (
            # (Which of them: of a group; the one person of a conversation of two is "They".)
            f"{WRITTEN_BY}{interaction.writer_id}"
            if interaction.writer_id is not None and len(interaction.participants) > 1
            else interaction.direction.value
            if interaction.direction
            else ""
        ),
    }
    rows = [
        {"person_id": str(p.person_id), "rapport": p.rapport.value if p.rapport else ""}
        for p in interaction.participants
    ]
    return _form_page(
        request, session, workspace_id, values=values, rows=rows, interaction=interaction
    )


@router.post("/interactions/{interaction_id}", response_class=HTMLResponse)
async def update(
    request: Request, interaction_id: int, session: DbSession, workspace_id: WorkspaceId
) -> Response:
    before = service.get(session, workspace_id=workspace_id, interaction_id=interaction_id)
    values, rows = await _read_form(request)
    data = _payload(values, rows)
    if (
        data.get("direction") == Direction.INBOUND.value
        and "writer_id" not in data
        and len(before.participants) == 1
        and before.writer_id is not None
        and str(before.writer_id) in {p["person_id"] for p in data["participants"]}
    ):
        # (The writer of a conversation of two, which the form shows as "They", stays the
        # writer when people are added.)
        data["writer_id"] = str(before.writer_id)
    try:
        service.update(
            session,
            workspace_id=workspace_id,
            interaction_id=interaction_id,
            data=forms.validate(InteractionUpdate, data),
        )
    except InvalidInput as error:
        session.rollback()
        interaction = service.get(session, workspace_id=workspace_id, interaction_id=interaction_id)
        errors, row_errors = _errors(error)
        return _form_page(
            request,
            session,
            workspace_id,
            values=values,
            rows=rows,
            interaction=interaction,
            errors=errors,
            row_errors=row_errors,
            status_code=422,
        )
    return redirect(f"/interactions/{interaction_id}", flash="Changes saved.")


@router.get("/interactions/{interaction_id}/delete", response_class=HTMLResponse)
def delete_page(
    request: Request, interaction_id: int, session: DbSession, workspace_id: WorkspaceId
) -> HTMLResponse:
    interaction = service.get(session, workspace_id=workspace_id, interaction_id=interaction_id)
    return render(request, "interactions/delete.html", {"interaction": interaction})


@router.post("/interactions/{interaction_id}/delete")
def delete(interaction_id: int, session: DbSession, workspace_id: WorkspaceId) -> Response:
    service.delete(session, workspace_id=workspace_id, interaction_id=interaction_id)
    return redirect("/interactions", flash="Interaction deleted.")
