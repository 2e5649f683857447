"""Helpers every HTML view shares: render, redirect with a flash, read forms, map errors, pickers.

A flash message travels in a short-lived cookie from the redirect to the next full page, which
shows it once. It never goes into a URL, so nothing a user typed is echoed in a link. A redirect
to a part of a page (`/opportunities/9#next-moves`) names the part in a cookie beside it, as
the browser never sends the `#…` of an address: the page shows the message under the part's
heading, where the browser jumps, with or without JavaScript.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any, TypeVar
from urllib.parse import quote, unquote, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, TemplateNotFound, nodes

from goodword.errors import FieldError, GoodwordError, InvalidInput
from goodword.forms import REQUIRED, quoted, said
from goodword.people.schemas import split_lines
from goodword.records import Page
from goodword.sentences import full_stop
from goodword.templating import label

T = TypeVar("T")

FLASH_COOKIE = "goodword_flash"
# Pages show records as they are now, so the browser keeps none to show again: Back opens a
# page afresh, not a form with problems since fixed or a record's values since changed.
# (A page answering a form that was taken, such as a check's findings, may be kept: without
# it, Back would ask to send the form again.)
NOT_KEPT = "no-store"
# Set beside the flash when it warns (a playbook that needs more first, a blind application):
# the page shows it as a warning, not as a success.
FLASH_WARNING_COOKIE = "goodword_flash_warning"
# Set beside the flash when the redirect goes to a part of the page: the part's id.
FLASH_PART_COOKIE = "goodword_flash_part"


def is_htmx(request: Request) -> bool:
    """True when HTMX made the request (it wants a fragment, not a whole page)."""
    return request.headers.get("HX-Request") == "true"


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    status_code: int = 200,
    vary_on_htmx: bool = False,
    form: str | None = None,
) -> HTMLResponse:
    """Render a template; a full page shows the flash left by the previous redirect, once.

    HTMX fragments leave the flash alone: they are swapped into a page and have no place for it.
    Pass `vary_on_htmx` where the same URL answers with a page or a fragment, and `form` for a
    fragment that lists the errors of a form on the page it goes into (that page's template),
    so they are named by the form's labels.
    """
    templates: Jinja2Templates = request.app.state.templates
    flash = None if is_htmx(request) else request.cookies.get(FLASH_COOKIE)
    warns = bool(flash) and request.cookies.get(FLASH_WARNING_COOKIE) == "1"
    part = unquote(request.cookies.get(FLASH_PART_COOKIE, "")) if flash else ""
    data = {"flash": unquote(flash) if flash else None, "flash_warns": warns, **(context or {})}
    data.update(finished_errors(templates.env, form or template, data))
    refused = request.method == "POST" and status_code >= 400
    if refused and not is_htmx(request):
        data.setdefault("form_page", form_page(request))
    response = templates.TemplateResponse(request, template, data, status_code=status_code)
    if part:
        response.body = flash_under_heading(bytes(response.body).decode(), part).encode()
        response.headers["content-length"] = str(len(response.body))
    if request.method != "POST" or refused:
        response.headers["Cache-Control"] = NOT_KEPT
    if flash:
        response.delete_cookie(FLASH_COOKIE, path="/")
        response.delete_cookie(FLASH_WARNING_COOKIE, path="/")
        response.delete_cookie(FLASH_PART_COOKIE, path="/")
    if vary_on_htmx:
        response.headers["Vary"] = "HX-Request"
    return response


# The flash as base.html writes it (its text is escaped, so holds no tag).
_FLASH = re.compile(r'[ \t]*<p class="flash[^"]*"[^>]*\bdata-flash>[^<]*</p>\n?')
# Elements with no end tag.
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)


class _PartHeading(HTMLParser):
    """Finds, in a page, where the element with the id `part` opens and where its heading
    (an h2 or h3 among its children) ends, as offsets into the page."""

    def __init__(self, page: str, part: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.part = part
        # Where each line starts: the parser counts lines by "\n" alone (not by the other
        # breaks `splitlines` knows, which a name or note may hold).
        self.lines = [0, *(found.end() for found in re.finditer("\n", page))]
        self.open: list[str] = []
        self.depth: int | None = None  # how deep the part is, once found
        self.inside: int | None = None  # after the part's opening tag
        self.heading: str | None = None  # the heading's tag while in it
        self.after_heading: int | None = None

    def here(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth is None and ("id", self.part) in attrs and tag not in _VOID:
            self.depth = len(self.open)
            self.inside = self.here() + len(self.get_starttag_text() or "")
        elif (
            self.depth is not None
            and self.after_heading is None
            and self.heading is None
            and tag in ("h2", "h3")
            and len(self.open) == self.depth + 1
        ):
            self.heading = tag
        if tag not in _VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.open:
            return
        while self.open and self.open.pop() != tag:
            pass
        if self.heading == tag and self.depth is not None and len(self.open) == self.depth + 1:
            self.heading = None
            self.after_heading = self.page.index(">", self.here()) + 1
        if self.depth is not None and len(self.open) == self.depth and self.after_heading is None:
            self.depth = -1  # the part ended with no heading: nothing more to look for


def flash_under_heading(page: str, part: str) -> str:
    """The page with its flash moved under the heading of the element whose id is `part`
    (at the element's start if it has none); unchanged if the page has no such element.

    >>> flash_under_heading('<p class="flash" data-flash>Saved.</p>'
    ...     '<div id="notes"><h2>Notes</h2><p>…</p></div>', "notes")
    '<div id="notes"><h2>Notes</h2><p class="flash" data-flash>Saved.</p><p>…</p></div>'
    """
    found = _FLASH.search(page)
    if not found:
        return page
    rest = page[: found.start()] + page[found.end() :]
    finder = _PartHeading(rest, part)
    finder.feed(rest)
    finder.close()
    at = finder.after_heading if finder.after_heading is not None else finder.inside
    if at is None:
        return page
    return rest[:at] + found.group(0).strip() + rest[at:]


def form_page(request: Request) -> str | None:
    """The address of the page a form was sent from (its Referer, on this site), which the
    page showing the form's problems takes as its own in the browser's history
    (static/form-page.js): Back or Reload then opens that page afresh, rather than this
    copy with its problems, or a prompt to send the form again."""
    referer = urlsplit(request.headers.get("referer", ""))
    if not referer.path.startswith("/") or referer.netloc.lower() != request.url.netloc.lower():
        return None
    return referer.path + (f"?{referer.query}" if referer.query else "")


def redirect(
    url: str, *, flash: str | None = None, warns: bool = False, vary_on_htmx: bool = False
) -> RedirectResponse:
    """Redirect after a form post (303, so the browser follows with GET), with a message;
    `warns` shows the message as a warning."""
    response = RedirectResponse(url, status_code=303)
    if flash:
        response.set_cookie(FLASH_COOKIE, quote(flash), path="/", httponly=True, samesite="lax")
        part = urlsplit(url).fragment
        if part:
            response.set_cookie(
                FLASH_PART_COOKIE, quote(part), path="/", httponly=True, samesite="lax"
            )
        else:
            response.delete_cookie(FLASH_PART_COOKIE, path="/")
        if warns:
            response.set_cookie(FLASH_WARNING_COOKIE, "1", path="/", httponly=True, samesite="lax")
        else:
            response.delete_cookie(FLASH_WARNING_COOKIE, path="/")
    if vary_on_htmx:
        response.headers["Vary"] = "HX-Request"
    return response


async def form_values(request: Request, names: Iterable[str]) -> dict[str, str]:
    """Read the named text fields of a posted form (missing ones as empty strings)."""
    form = await request.form()
    values: dict[str, str] = {}
    for name in names:
        value = form.get(name)
        values[name] = value if isinstance(value, str) else ""
    return values


def filled(values: Mapping[str, str]) -> dict[str, str]:
    """Drop blank fields, so a schema sees them as absent."""
    return {name: value for name, value in values.items() if value.strip()}


class FormErrors(dict[str, str]):
    """Inline messages by top-level field name, and what `render` needs to finish them.

    `positions` holds, per list field, the values with a problem and the problem of each
    (emails.1 is the second), so the message can name them all; `general` the fields holding
    a message about the whole record; `labels` each field's label on the form, for the
    summary at its top (`render` fills them in from the page's template; None until then).
    """

    def __init__(
        self,
        messages: Mapping[str, str] | None = None,
        *,
        positions: Mapping[str, list[tuple[int, str]]] | None = None,
        general: Iterable[str] = (),
        labels: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(messages or {})
        self.positions = {name: list(values) for name, values in (positions or {}).items()}
        self.general = set(general)
        self.labels = None if labels is None else dict(labels)

    def label(self, name: str) -> str | None:
        """The label the form shows for the field, if it has one; a page that declares no
        labelled fields (a table of choices, say) names the field itself."""
        if self.labels is None:
            return name.replace("_", " ")
        return self.labels.get(name)


def form_errors(
    error: GoodwordError,
    *,
    fields: Iterable[str] = (),
    general_field: str | None = None,
    rewrite: Mapping[str, str] | None = None,
) -> FormErrors:
    """Map an error to inline messages by top-level field name, in plain words.

    A message about the whole form moves under the first of `fields` it names ("pay_max is
    below pay_min." goes under pay_max), else under `general_field` (so "Give a name" sits
    next to the name input), else to `__all__`, the list at the top of the form. "Field
    required" becomes "Fill this in."; `rewrite` maps an exact message, or a field name, to
    friendlier words.
    """
    known = list(fields)
    rewrite = rewrite or {}
    found = FormErrors()
    for item in error.fields:
        field = item.field
        if field == "__all__":
            field = _named_field(item.message, known) or general_field or field
        message = REQUIRED if item.message == "Field required" else item.message
        top, _, rest = field.partition(".")
        message = rewrite.get(item.message) or rewrite.get(top, message)
        index = rest.split(".")[0]
        about_a_value = index.isdigit() and message == item.message
        if top in found:
            # (Every value of a list with a problem is named: the phones on lines 1 and 3.)
            if about_a_value and top in found.positions:
                found.positions[top].append((int(index), message))
            continue
        found[top] = message
        if item.field == "__all__":
            found.general.add(top)
        if about_a_value:
            found.positions[top] = [(int(index), message)]
    if not found:
        where = _named_field(error.message, known) or general_field or "__all__"
        found[where] = rewrite.get(error.message, error.message)
        found.general.add(where)
    return found


@dataclass(frozen=True)
class FormField:
    """A field as a form's template declares it."""

    label: str
    required: bool = False


# The macros that draw a field, name first, then label (_macros.html, opportunities/_parts.html).
FIELD_MACROS = {"field", "textarea", "checkbox", "select", "record_choice"}
# Fields drawn by hand: <label for="f-name">…</label>, or a fieldset with a legend.
_HAND_LABEL = re.compile(r'<label for="f-(\w+)">([^<{]+)</label>')
_HAND_FIELDSET = re.compile(r'<fieldset id="f-(\w+)"[^>]*>\s*<legend>([^<{]+)</legend>')


def form_fields(env: Environment, template: str) -> dict[str, dict[str, FormField]]:
    """The fields a page's forms declare, by the errors variable each form shows.

    Read from the template and the ones it includes: each field macro's name, label and
    `required`; the errors variable is the argument named like `errors` ("" for fields drawn
    by hand, which any form on the page may hold).
    """
    found: dict[str, dict[str, FormField]] = {}
    seen: set[str] = set()

    def read(name: str) -> None:
        if name in seen:
            return
        seen.add(name)
        try:
            source = env.loader.get_source(env, name)[0] if env.loader else ""
        except TemplateNotFound:
            return
        tree = env.parse(source)
        for call in tree.find_all(nodes.Call):
            macro = getattr(call.node, "name", None) or getattr(call.node, "attr", None)
            if macro not in FIELD_MACROS or len(call.args) < 2:
                continue
            field, label = call.args[0], call.args[1]
            if not (isinstance(field, nodes.Const) and isinstance(label, nodes.Const)):
                continue
            given = [*call.args, *(keyword.value for keyword in call.kwargs)]
            errors = next(
                (x.name for x in given if isinstance(x, nodes.Name) and x.name.endswith("errors")),
                "errors",
            )
            required = any(
                k.key == "required" and isinstance(k.value, nodes.Const) and k.value.value is True
                for k in call.kwargs
            )
            found.setdefault(errors, {}).setdefault(
                field.value, FormField(str(label.value), required)
            )
        for pattern in (_HAND_LABEL, _HAND_FIELDSET):
            for field_name, text in pattern.findall(source):
                found.setdefault("", {}).setdefault(field_name, FormField(text.strip()))
        for include in tree.find_all(nodes.Include):
            if isinstance(include.template, nodes.Const):
                read(include.template.value)

    read(template)
    return found


def finished_errors(
    env: Environment, template: str, context: Mapping[str, Any]
) -> dict[str, FormErrors]:
    """A page's form errors finished with what only the page knows.

    Each errors mapping in `context` (`errors`, `position_errors`…) gets the labels its form
    shows; a message about the whole record that sits beside a required field left blank
    becomes "Fill this in." (it may speak of fields this form does not have); and a problem
    with one value of a list field quotes that value and, when the values are one a line, its
    line. The typed values are read from the matching `values` (`position_values`…).
    """
    wanted = {
        key: value
        for key, value in context.items()
        if key.endswith("errors")
        and isinstance(value, Mapping)
        and value
        and all(isinstance(name, str) for name in value)
    }
    if not wanted:
        return {}
    declared = form_fields(env, template)
    finished: dict[str, FormErrors] = {}
    for key, errors in wanted.items():
        if key not in declared and "" not in declared:
            continue  # (no form on the page shows these by label)
        # Fields drawn by hand (a row of buttons in a fieldset) may be any form's.
        fields = {**declared.get("", {}), **declared.get(key, {})}
        typed = context.get(key.removesuffix("errors") + "values")
        finished[key] = _finish(errors, fields, typed if isinstance(typed, Mapping) else None)
    return finished


def _finish(
    errors: Mapping[str, str], fields: Mapping[str, FormField], typed: Mapping[str, Any] | None
) -> FormErrors:
    positions = errors.positions if isinstance(errors, FormErrors) else {}
    general = errors.general if isinstance(errors, FormErrors) else set()
    result = FormErrors(
        positions=positions, general=general, labels={name: f.label for name, f in fields.items()}
    )
    for name, message in errors.items():
        field = fields.get(name)
        value = None if typed is None else typed.get(name)
        blank = typed is not None and not (isinstance(value, str) and value.strip())
        if field is not None and field.required and blank and name in general:
            message = REQUIRED
        if name in positions and isinstance(value, str):
            message = about_values(value, positions[name])
        result[name] = message
    return result


def about_values(text: str, problems: Iterable[tuple[int, str]]) -> str:
    """One message naming every value of a list field typed as `text` that has a problem
    (its `index`, the problem), quoted, with its line when the values are one a line; values
    with the same problem share it.

    >>> about_values("abc\\n+1 415 555 0100\\nxyz\\n12", [(0, "Give digits."),
    ...     (2, "'xyz': Give digits."), (3, "'12' is too short.")])
    "'abc' (line 1) and 'xyz' (line 3): Give digits. '12' (line 4) is too short."
    """
    lines = text.splitlines()
    several = len([line for line in lines if line.strip()]) > 1
    values = [
        (value, f" (line {number})" if several else "")
        for number, line in enumerate(lines, start=1)
        for value in split_lines(line)
    ]
    # Each problem, with the values that have it; a message that reads on from the value
    # ("'x' is not an e-mail address…") is that value's alone.
    named: dict[str, list[str]] = {}
    for index, message in problems:
        if index >= len(values):
            named.setdefault(message, [])
            continue
        typed, where = values[index]
        value = quoted(typed)
        if message.startswith(said(typed) + ": "):  # (as `forms.about_value` wrote it)
            message = message[len(said(typed)) + 2 :]
        elif message.startswith(value):
            named.setdefault(value + where + message[len(value) :], [])
            continue
        named.setdefault(message, []).append(value + where)
    parts = []
    for message, which in named.items():
        # (Each ends as a sentence, as the next follows it: most of a value's problems, said
        # alone by the API and the command line, end without a full stop.)
        if not which:
            parts.append(full_stop(message))
            continue
        listed = which[0] if len(which) == 1 else ", ".join(which[:-1]) + " and " + which[-1]
        parts.append(full_stop(f"{listed}: {message}"))
    return " ".join(parts)


# Names the error page gives fields that are no form's (a list's `?after=`), where the
# field's own name would not say what it is.
PLAIN_NAMES = {"after": "The link", "q": "What you searched for"}


def form_of(template: str) -> Callable[[Request], None]:
    """A dependency for a page route that takes the form `template` shows: a problem that
    reaches the error page instead of the form names each field by the form's label."""

    def note(request: Request) -> None:
        request.state.form_template = template

    return note


def plain_problems(
    env: Environment, fields: Iterable[FieldError], *, template: str | None = None
) -> list[str]:
    """Field errors in words for the error page: a field by its label on the form `template`
    when there is one (`pay_min` is "From"), else by its name in words ("Pay min").

    A message about the whole record stands alone; one that reads on from the field's name
    ("is not a page link Goodword made") follows it as a sentence.
    """
    labels: dict[str, str] = {}
    if template:
        for declared in form_fields(env, template).values():
            for name, field in declared.items():
                labels.setdefault(name, field.label)
    lines = []
    for item in fields:
        if item.field == "__all__":
            lines.append(item.message)
            continue
        top, _, rest = item.field.partition(".")
        name = labels.get(top) or PLAIN_NAMES.get(top) or field_words(top)
        index = rest.split(".")[0]
        if index.isdigit():
            name += f" (value {int(index) + 1})"
        reads_on = item.message[:1].islower()
        lines.append(f"{name} {item.message}" if reads_on else f"{name}: {item.message}")
    return lines


def field_words(name: str) -> str:
    """A field's name in words: `pay_min` is "Pay min", `person_id` "Person"."""
    words = name.removesuffix("_id").replace("_", " ").strip() or name
    return words[:1].upper() + words[1:]


def _named_field(message: str, fields: list[str]) -> str | None:
    """The field a message names first, if it names any."""
    named = [name for name in fields if name in message]
    return min(named, key=message.index) if named else None


def enum_options(members: Iterable[Any]) -> list[tuple[str, str]]:
    """(value, label) pairs for a select of enum members."""
    return [(member.value, label(member)) for member in members]


# Records a search page lists.
SEARCH_PAGE = 50


def found_page(
    find: Callable[[int, int], list[T]], after: str | None, size: int = SEARCH_PAGE
) -> Page[T]:
    """A page of what a search finds, best first: `find(limit, offset)` gives the matches
    after the first `offset`. `after` (the page's cursor) is how many came before; the next
    page's is given while more are found. ValueError for a cursor that is no count."""
    offset = 0
    if after is not None:
        if not after.isdigit() or len(after) > 9:
            raise ValueError(after)
        offset = int(after)
    found = find(size + 1, offset)
    return Page(
        items=found[:size],
        next_cursor=str(offset + size) if len(found) > size else None,
        # (The page before is the matches after the ones before it: "" for the first.)
        prev_cursor=(str(offset - size) if offset > size else "") if offset else None,
        prev_param="after",
    )


def page_or_422(load: Callable[[], Page[T]], *, first_page: str = "the first page") -> Page[T]:
    """Run a paged query; a damaged `?after=` link is the user's input, not our failure."""
    try:
        return load()
    except (ValueError, TypeError):
        raise InvalidInput(
            f"That page link is damaged; start again from {first_page}.",
            fields=[FieldError("after", "is not a page link Goodword made")],
        ) from None
