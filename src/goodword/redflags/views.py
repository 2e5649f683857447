"""Pages: check a message for red flags, and the pay laws by place.

The check form posts normally and works without JavaScript; with HTMX it posts in place and
swaps in just the results (`redflags/_results.html`, the same partial the page includes).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException

from goodword import clock
from goodword.deps import reads_own_form
from goodword.errors import FieldError, InvalidInput
from goodword.pages import is_htmx, render
from goodword.redflags import service
from goodword.redflags.analyzer import ON_THE_PAGE, said_where
from goodword.redflags.employer import US_FEDERAL
from goodword.redflags.history import GIVE_IT_ON_THE_PAGE, place_said_where
from goodword.redflags.laws import data_caveat, data_compiled, every_law, laws_for

router = APIRouter()

# The most a form field may hold, in bytes: a pasted text over `service.MAX_TEXT` characters is
# refused in our words, as long as the form parser gives it to us. Starlette's own limit (1 MB)
# would refuse it in its words instead and lose the rest of the form.
MAX_FIELD_BYTES = service.MAX_FILE_BYTES
# A refused text at most this long goes back into the box to be cut down; a longer one is not
# sent back (a page holding megabytes of text helps no one).
KEEP_TEXT = 1_000_000


@router.get("/check", name="check")
def check_page(request: Request) -> Response:
    """The empty form: paste a posting or a message, or choose a saved e-mail."""
    return render(request, "redflags/check.html", _context())


@router.post("/check")
@reads_own_form
async def check_post(request: Request) -> Response:
    """Check what was pasted or uploaded; the whole page, or only the results for HTMX."""
    fragment = is_htmx(request)
    template = "redflags/_results.html" if fragment else "redflags/check.html"
    form = await _form(request)
    if form is None:
        context = _context(errors={"text": _too_long(None)}, fragment=fragment)
        return render(request, template, context, status_code=422, vary_on_htmx=True)
    text = _text(form.get("text"))
    location = _text(form.get("location")).strip()[:200]
    # Ticked, the text is a posting; unticked, Goodword tells (a message is never said so).
    posting = True if form.get("posting") else None
    upload = form.get("message_file")
    errors: dict[str, str] = {}
    field = "text"
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read()
        if data:
            field = "message_file"
            try:
                as_email = True if upload.filename.lower().endswith(".eml") else None
                text = service.text_from_file(data, name=upload.filename, as_email=as_email)
            except InvalidInput as exc:
                errors[field] = exc.message
    if not errors and field == "text" and len(text) > KEEP_TEXT:
        errors, text = {"text": _too_long(len(text))}, ""
    if not errors:
        try:
            service.check_length(text, field=field)
        except InvalidInput as exc:
            errors = {item.field: item.message for item in exc.fields}
    if errors:
        context = _context(
            text=text, location=location, posting=bool(posting), errors=errors, fragment=fragment
        )
        return render(request, template, context, status_code=422, vary_on_htmx=True)
    # A long text takes a moment to analyse; keep the event loop free meanwhile.
    checked = await run_in_threadpool(
        service.check, text, location=location or None, today=clock.today(), posting=posting
    )
    checked.report.notes = said_where(checked.report.notes, ON_THE_PAGE)  # (the page's box)
    place_said_where(checked.report.findings, GIVE_IT_ON_THE_PAGE)  # (the page's field)
    context = _context(text=text, location=location, posting=bool(posting), checked=checked)
    return render(request, template, context, vary_on_htmx=True)


@router.get("/laws", name="laws")
def laws_page(request: Request, where: str = "", employer: str = "") -> Response:
    """The salary-history and pay-range laws for a place, or every entry in the data.

    `employer=us_federal` looks the place's laws up for a US federal agency, as the check page
    does when the text shows one: the state and local laws are listed apart, as not binding.
    """
    if employer not in ("", US_FEDERAL):
        raise InvalidInput(
            "Goodword looks pay laws up for any employer or for a US federal agency.",
            fields=[FieldError("employer", 'Choose "Any employer" or "A US federal agency".')],
        )
    today = clock.today()
    where = where.strip()[:200]
    lookup = laws_for(where, today, employer=employer or None) if where else None
    context = {
        "where": where,
        "employer": employer,
        "lookup": lookup,
        "laws": list(lookup.laws) if lookup else every_law(today),
        "compiled": data_compiled(),
        "caveat": data_caveat(),
    }
    return render(request, "redflags/laws.html", context)


async def _form(request: Request) -> FormData | None:
    """The posted form; None when a field is too large for the form parser to read at all."""
    try:
        return await request.form(max_part_size=MAX_FIELD_BYTES)
    except HTTPException as exc:
        # Starlette refuses a part over the limit with a 400 ("Field exceeded maximum size");
        # any other fault in the form is left to the usual error page.
        if exc.status_code == 400 and "exceeded maximum size" in str(exc.detail):
            return None
        raise


def _too_long(length: int | None) -> str:
    """Say that a pasted text is too long to check or to keep, and what to paste instead."""
    if length is not None:
        size = f"{length:,} characters long"
    else:
        size = f"over {MAX_FIELD_BYTES / 1_000_000:g} MB"
    return (
        f"The text is {size}, too long to check or to keep here; Goodword checks up to "
        f"{service.MAX_TEXT:,} characters. Paste just the posting or the message that matters."
    )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _context(
    *,
    text: str = "",
    location: str = "",
    posting: bool = False,
    checked: service.Checked | None = None,
    errors: dict[str, str] | None = None,
    fragment: bool = False,
) -> dict[str, Any]:
    return {
        "text": text,
        "location": location,
        "posting": posting,
        "checked": checked,
        "open_text": True,
        "errors": errors or {},
        "fragment": fragment,
        "max_text": service.MAX_TEXT,
        "compiled": data_compiled(),
    }
