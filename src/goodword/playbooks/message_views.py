"""The message library's pages: each message, a preview, the user's own version, and the
`.eml` download every draft on every page offers. Nothing here sends anything."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from sqlalchemy.orm import Session

from goodword import clock, forms
from goodword.deps import DbSession, WorkspaceId, reads_only
from goodword.errors import InvalidInput
from goodword.pages import form_errors, form_of, form_values, is_htmx, redirect, render
from goodword.playbooks import library, sender
from goodword.playbooks.messages import DEFAULTS, Draft, eml_bytes
from goodword.playbooks.schemas import MessageTemplateIn

router = APIRouter()

FIELDS = ("subject", "body")
# The page whose form these routes take; its labels name the fields in errors.
MESSAGE_PAGE = "playbooks/message.html"


class DraftIn(BaseModel):
    """A draft as a page shows it, posted back to be downloaded as an `.eml` file."""

    model_config = ConfigDict(extra="forbid")

    key: Annotated[str, StringConstraints(max_length=100)] = "draft"
    subject: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
    body: Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
    to: list[Annotated[str, StringConstraints(strip_whitespace=True, max_length=320)]] = Field(
        default_factory=list, max_length=20
    )
    to_name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None


def eml_filename(key: str) -> str:
    """A safe file name: the library's key when it is one, else `draft`."""
    return f"{key if key in DEFAULTS else 'draft'}.eml"


def eml_download(session: Session, workspace_id: int, data: DraftIn) -> Response:
    """The draft as an `.eml` attachment, from the user's own address when one is recorded
    that is not at their current employer (`sender.py`); else without a From."""
    frm = sender.sender(session, workspace_id=workspace_id)
    draft = Draft(
        key=data.key,
        subject=data.subject,
        body=data.body.replace("\r\n", "\n"),
        to=tuple(a for a in data.to if a),
        to_name=data.to_name or None,
    )
    body = eml_bytes(
        draft,
        from_address=frm.address,
        from_name=frm.name,
        at=clock.now(),
    )
    return Response(
        body,
        media_type="message/rfc822",
        headers={"Content-Disposition": f'attachment; filename="{eml_filename(data.key)}"'},
    )


@router.post("/messages/eml")
@reads_only
async def download_eml(request: Request, session: DbSession, workspace_id: WorkspaceId) -> Response:
    """Download any draft shown on a page as an `.eml` file to open in a mail program."""
    form = await request.form()
    data = {
        "key": str(form.get("key") or "draft"),
        "subject": str(form.get("subject") or ""),
        "body": str(form.get("body") or ""),
        "to": [str(v) for v in form.getlist("to") if str(v).strip()],
        "to_name": str(form.get("to_name") or "") or None,
    }
    return eml_download(session, workspace_id, forms.validate(DraftIn, data))


@router.get("/messages", response_class=HTMLResponse)
def library_page(request: Request, session: DbSession, workspace_id: WorkspaceId) -> HTMLResponse:
    """Every message in the library, marked where the user keeps their own version."""
    return render(
        request,
        "playbooks/messages.html",
        {"entries": library.list_(session, workspace_id=workspace_id)},
    )


def _message_page(
    request: Request,
    session: Session,
    workspace_id: int,
    key: str,
    *,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    preview: Draft | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    entry = library.get(session, workspace_id=workspace_id, key=key)
    shown = values or {"subject": entry.template.subject, "body": entry.template.body}
    return render(
        request,
        MESSAGE_PAGE,
        {
            "entry": entry,
            "eml_from_note": sender.note(session, workspace_id=workspace_id),
            "values": shown,
            "errors": errors or {},
            "preview": preview or library.preview(session, workspace_id=workspace_id, key=key),
            "placeholders": library.usable(entry.default),
            # Only a version saved before these were refused can use any; drafts show the gap.
            "unfillable": library.unfillable(entry.template) if entry.customized else [],
        },
        status_code=status_code,
    )


@router.get("/messages/{key}", response_class=HTMLResponse)
def message_page(
    request: Request, key: str, session: DbSession, workspace_id: WorkspaceId
) -> HTMLResponse:
    return _message_page(request, session, workspace_id, key)


@router.post(
    "/messages/{key}", response_class=HTMLResponse, dependencies=[Depends(form_of(MESSAGE_PAGE))]
)
async def save_message(
    request: Request, key: str, session: DbSession, workspace_id: WorkspaceId
) -> Response:
    """Keep the user's own version; placeholders this message cannot use are refused inline."""
    library.default_template(key)
    values = await form_values(request, FIELDS)
    try:
        data = forms.validate(MessageTemplateIn, values)
        library.save(session, workspace_id=workspace_id, key=key, data=data)
    except InvalidInput as error:
        session.rollback()
        errors = form_errors(error, fields=FIELDS)
        return _message_page(
            request, session, workspace_id, key, values=values, errors=errors, status_code=422
        )
    return redirect(f"/messages/{key}", flash="Your version is saved; new drafts use it.")


@router.post(
    "/messages/{key}/preview",
    response_class=HTMLResponse,
    dependencies=[Depends(form_of(MESSAGE_PAGE))],
)
@reads_only
async def preview_message(
    request: Request, key: str, session: DbSession, workspace_id: WorkspaceId
) -> Response:
    """Show the edited text filled with sample values, without saving it."""
    library.default_template(key)
    values = await form_values(request, FIELDS)
    errors: dict[str, str] = {}
    preview = None
    try:
        data = forms.validate(MessageTemplateIn, values)
        preview = library.preview(session, workspace_id=workspace_id, key=key, data=data)
    except InvalidInput as error:
        errors = form_errors(error, fields=FIELDS)
    status_code = 422 if errors else 200
    if is_htmx(request):
        return render(
            request,
            "playbooks/_message_preview.html",
            {
                "preview": preview,
                "errors": errors,
                "key": key,
                "eml_from_note": sender.note(session, workspace_id=workspace_id),
            },
            status_code=status_code,
            vary_on_htmx=True,
            form=MESSAGE_PAGE,
        )
    return _message_page(
        request,
        session,
        workspace_id,
        key,
        values=values,
        errors=errors,
        preview=preview,
        status_code=status_code,
    )


@router.post("/messages/{key}/reset")
def reset_message(key: str, session: DbSession, workspace_id: WorkspaceId) -> Response:
    """Go back to Goodword's own wording."""
    entry = library.reset(session, workspace_id=workspace_id, key=key)
    return redirect(f"/messages/{key}", flash=f"“{entry.template.title}” is back to our wording.")
