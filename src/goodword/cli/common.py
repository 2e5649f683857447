"""What every `goodword` command shares: settings, one transaction per command, output.

Loaded by every command, `--help` too, so it imports no database code: `work` loads
opening.py, and with it SQLAlchemy, the models and Alembic, when a command opens the
database. The command modules keep to the same rule, importing the services they call in the
command's body."""

from __future__ import annotations

import json
import re
import shlex
import sys
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from platformdirs import user_data_path
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from typer._click.types import ParamType  # Typer's own copy of Click

from goodword.errors import FieldError, GoodwordError, InvalidInput
from goodword.people import job_dates

if TYPE_CHECKING:
    from pydantic import BaseModel
    from sqlalchemy.orm import Session

    from goodword.config import Settings
    from goodword.playbooks.schemas import PlaybookResultRead
    from goodword.records import Page


class DatabaseOutOfDate(GoodwordError):
    """The database is not at the migration this Goodword needs."""

    exit_code = 6
    code = "database_out_of_date"


class SaidAlone(InvalidInput):
    """A refusal the CLI says by its message alone, as its fields name nothing typed (the
    API's `status` of a step out of turn); the --json error keeps them, as the API gives them."""

    def __init__(self, exc: InvalidInput) -> None:
        super().__init__(exc.message, fields=exc.fields)


@dataclass
class State:
    database_url: str | None = None
    # Where the URL came from, for messages: the option or the environment variable.
    setting: str = "GOODWORD_DATABASE_URL"
    _settings: Settings | None = field(default=None, repr=False)

    def settings(self) -> Settings:
        from goodword.config import Settings  # (pydantic-settings: not for `--help`)

        if self._settings is None:
            try:
                self._settings = (
                    Settings(database_url=self.database_url) if self.database_url else Settings()
                )
            except ValidationError as exc:
                raise settings_refused(exc) from None
        return self._settings


def settings_refused(exc: ValidationError) -> InvalidInput:
    """The error for settings the environment gives wrongly, naming each variable, what
    was wrong and what to give (config.refusals), a line each when there are several."""
    from goodword.config import refusals

    said = refusals(exc)
    fields = [FieldError(variable, words) for variable, words in said]
    if len(said) == 1:
        variable, words = said[0]
        fix = "Fix it in the environment, or unset it for its default."
        return InvalidInput(f"{variable}: {words} {fix}", fields=fields)
    return InvalidInput(
        f"{len(said)} settings are not valid; fix each in the environment, or unset it for "
        "its default:",
        fields=fields,
    )


def data_dir() -> Path:
    """Where Goodword keeps the user's own SQLite database."""
    return user_data_path("goodword", appauthor=False)


def in_data_dir(path: Path) -> bool:
    return path.expanduser().resolve().is_relative_to(data_dir().resolve())


def state(ctx: typer.Context) -> State:
    return ctx.ensure_object(State)


@contextmanager
def work(ctx: typer.Context, *, set_up_empty: bool = False) -> Iterator[tuple[Session, int]]:
    """One transaction for one command: committed at the end, rolled back on any error.

    The database's code is loaded here, when the command opens it (see opening.py)."""
    from goodword.cli import opening

    with opening.transaction(state(ctx), set_up_empty=set_up_empty) as opened:
        yield opened


def console() -> Console:
    # Wide when piped, so tables are not cut to 80 columns in files and pipes.
    return Console(highlight=False, width=None if sys.stdout.isatty() else 200)


def print_json(value: Any) -> None:
    typer.echo(json.dumps(value, indent=2, ensure_ascii=False))


def dump(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json")


def table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    console().print(title, style="bold", markup=False)
    grid = Table()
    for column in columns:
        grid.add_column(column, overflow="fold")
    for row in rows:
        grid.add_row(*(escape(cell(value)) for value in row))
    console().print(grid)


def details(title: str, rows: Sequence[tuple[str, Any]], sections: dict[str, list[str]]) -> None:
    """Print one record: its filled-in fields, then lists such as positions or history."""
    console().print(title, style="bold", markup=False)
    grid = Table(show_header=False)
    grid.add_column(style="bold")
    grid.add_column(overflow="fold")
    for name, value in rows:
        if value not in (None, "", []):
            grid.add_row(name, escape(cell(value)))
    for name, lines in sections.items():
        if lines:
            grid.add_row(name, escape("\n".join(lines)))
    console().print(grid)


def more_hint(
    ctx: typer.Context, next_cursor: str | None, *, leave_out: Collection[str] = ()
) -> None:
    """Say how to get the next page: the same command with every option typed (but the
    cursor it was given and those named in `leave_out`, actions not to repeat), then
    --after."""
    if not next_cursor:
        return
    levels: list[Any] = []
    level: Any = ctx
    while level is not None:
        levels.insert(0, level)
        level = level.parent
    words = ["goodword"]
    for level in levels:
        if level.parent is not None:
            words.append(level.info_name)
        words += typed_options(level, leave_out=leave_out)
    hint = shlex.join([*words, "--after", next_cursor])
    if SECRET_URL in words:  # (shown bare, for the user to put their URL in its place)
        hint = hint.replace(shlex.quote(SECRET_URL), SECRET_URL)
        hint += "  (put your database URL in its place: it holds a password, never shown)"
    typer.echo(f"More: {hint}")


# Where the "More:" line puts a database URL holding a password, which it never shows.
SECRET_URL = "<your-database-url>"


def typed_options(ctx: Any, *, leave_out: Collection[str] = ()) -> list[str]:
    """The options and arguments of one command as typed on the command line (not --after
    nor --before, the page's cursor)."""
    from goodword.db import holds_secret  # (loaded already: the command opened the database)

    options: list[str] = []
    arguments: list[str] = []
    for param in ctx.command.params:
        source = ctx.get_parameter_source(param.name)
        # Typer carries its own copy of Click, so its ParameterSource is compared by name.
        cursor_or_left_out = param.name in ("after", "before", *leave_out)
        if cursor_or_left_out or source is None or source.name != "COMMANDLINE":
            continue
        value = ctx.params[param.name]
        if param.name == "database_url" and holds_secret(value):
            # Never a password on the screen: the hint says to give it again.
            options += ["--database-url", SECRET_URL]
            continue
        if param.param_type_name == "argument":
            arguments += [_word(v) for v in (value if param.multiple else [value])]
            continue
        name = max(param.opts, key=len)
        if param.is_flag:
            flag = name if value else max(param.secondary_opts, key=len, default=None)
            options += [flag] if flag else []
            continue
        for item in value if param.multiple else [value]:
            options += [name, _word(item)]
    return options + arguments


def _word(value: Any) -> str:
    return str(value.value if isinstance(value, Enum) else value)


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(cell(v) for v in value)
    if isinstance(value, StrEnum):
        return str(getattr(value, "label", value.value.replace("_", " ").capitalize()))
    if isinstance(value, datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    return str(value)


JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON, the API's shape.")]
# Where an export goes: a file, or the screen.
OutputFile = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", dir_okay=False, help="Write here instead of the screen (- is the screen)."
    ),
]


def whole_number(low: int, high: int, what: str) -> Callable[[str | int], int]:
    """A parser for an option that takes a whole number from `low` to `high`, refusing any
    other in plain words that say `what` to give ("how many to show"), not Click's "not in
    the range 1<=x<=500". (A default comes in as a number.)"""

    def integer(value: str | int) -> int:
        text = str(value).strip()
        # (Twenty digits at most: Python refuses to read a number of thousands.)
        if not (text.isascii() and text.isdigit() and len(text) <= 20) or not (
            low <= int(text) <= high
        ):
            raise typer.BadParameter(
                f"{value!r} is not a whole number from {low} to {high}; give {what}."
            )
        return int(text)

    return integer


limit = whole_number(1, 500, "how many to show")
Limit = Annotated[int, typer.Option(help="How many to show (1 to 500).", metavar="N", parser=limit)]
After = Annotated[
    str | None, typer.Option(help="Continue a list from the cursor a previous page printed.")
]
Before = Annotated[
    str | None,
    typer.Option(help="Go back to the page before the one whose --json gave this `prev`."),
]


def fields(**values: Any) -> dict[str, Any]:
    """Drop options that were not given, so the schema's defaults apply."""
    return {k: v for k, v in values.items() if v is not None}


def saved(message: str, read: BaseModel, as_json: bool) -> None:
    if as_json:
        print_json(dump(read))
    else:
        typer.echo(message)


def listed(command: str, reads: Sequence[BaseModel], page: Page[Any], as_json: bool) -> bool:
    """Print the page as JSON, as the API pages a list (`prev` is its cursor for the page
    before, which the API takes as `before`), and return True; or return False for the
    caller's table."""
    if as_json:
        print_json(paged(reads, page))
        return True
    if not reads:
        typer.echo("Nothing here yet.")
        return True
    return False


def paged(reads: Sequence[BaseModel], page: Page[Any], **more: Any) -> dict[str, Any]:
    """One page of a list in the API's shape: its items, `next` and `prev`, and any `more`."""
    items = [dump(r) for r in reads]
    return {"items": items, "next": page.next_cursor, "prev": page.prev_cursor, **more}


def counted(n: int, one: str, many: str) -> str:
    """`n` and the words for that many: "1 connection added", "2 connections added"."""
    return f"{n} {one if n == 1 else many}"


def show_prompts(read: PlaybookResultRead) -> None:
    """Print the playbook's prompts, a line each: what it needs before it can run (Needed:)
    and what limited it (Note:). Its notes (`read.notes`) are the caller's to print."""
    for prompt in read.prompts:
        typer.echo(f"{'Needed' if prompt.blocking else 'Note'}: {prompt.message}")


def show_playbook_result(read: PlaybookResultRead) -> None:
    """Print a playbook's prompts (see `show_prompts`) and its drafts' subjects; its notes
    are the caller's to print (`events.describe` says them)."""
    show_prompts(read)
    for draft in read.drafts:
        to = ", ".join(draft.to) or "no address recorded"
        typer.echo(f"Draft to {to}: {draft.subject}")


def stop_if_blocked(read: PlaybookResultRead) -> None:
    """A playbook that could not run (a blocking prompt says what it needs) is exit 2, as
    invalid input is, whichever command ran it."""
    if any(prompt.blocking for prompt in read.prompts):
        raise typer.Exit(2)


def to_screen(path: Path | None) -> bool:
    """Whether an output path is `-`, which means the screen (stdout), as for most tools."""
    return path is not None and str(path) == "-"


def write_output(path: Path, data: bytes | str) -> None:
    """Write a command's output file (`-`: stdout), or stop with a short error naming the path.

    A missing folder is refused rather than made, so a mistyped path writes nothing."""
    if to_screen(path):
        typer.echo(data, nl=False)
        return
    if not path.parent.is_dir():
        raise InvalidInput(f"Cannot write {path}: there is no folder {path.parent}.")
    if path.is_dir():
        raise InvalidInput(f"Cannot write {path}: it is a folder; name a file.")
    try:
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InvalidInput(f"Cannot write {path}: {reason}.") from None


# The option (or argument, by its metavar: upper case) a command takes for an API field, where
# the two names differ. Each field lists the options it may come from, tried in order against the
# options the command really has (`organization_id` is --org-id in `opportunity add` but
# --org in `task add`). A field whose option is its own name with dashes (pay_min,
# --pay-min) needs no entry.
OPTIONS_FOR_FIELDS: dict[str, tuple[str, ...]] = {
    "occurred_at": ("--when",),
    "participants": ("--with",),
    "interview_round": ("--round",),
    "opportunity_id": ("--opportunity",),
    "person_id": ("--person",),
    "interaction_id": ("--interaction",),
    "next_step_due": ("--due",),
    "due_date": ("--due",),
    "snoozed_until": ("--until",),
    "consent_on": ("--consent", "DATE"),
    "relationship_text": ("--relationship",),
    "is_current_workplace": ("--current-workplace",),
    "hiring_manager_id": ("--manager",),
    "organization_name": ("--org",),
    "organization_id": ("--org-id", "--org", "ORG_ID"),
    "mapping": ("--map",),
    "pay_currency": ("--currency",),
    "pay_period": ("--period",),
    "posting_url": ("--url",),
    "to_person_id": ("--to-person",),
    "from_person_id": ("--from",),
    "to_organization": ("--to-org",),
    "k": ("--limit",),  # (the paths API's; `goodword paths --k` still works, hidden)
    "start_date": ("--start",),
    "end_date": ("--end",),
    "given_name": ("--given",),
    "family_name": ("--family",),
    "emails": ("--email",),
    "phones": ("--phone",),
    "urls": ("--url",),
    "tags": ("--tag",),
    "interests": ("--interest",),
    "aliases": ("--alias", "NAME"),
    "domains": ("--domain",),
    "stress_points": ("--stress",),
    "introduced_to": ("--introduced-to",),
    "happens_on": ("--date",),
    "display_name": ("NAME",),
    "role_title": ("ROLE",),
    "is_me": ("--me",),
    "choices": ("--prefer",),
    "q": ("QUERY",),
}


def option_for(field: str, options: Collection[str]) -> str | None:
    """The option (one of `options`) a field path such as `participants.0.rapport` came from.

    A list's items and their parts (`emails.1`, `participants.0.person_id`) come from the
    list's option."""
    name = field.split(".", 1)[0]
    # (Else the option of the field's name, or the argument: `task add`'s TITLE.)
    candidates = (*OPTIONS_FOR_FIELDS.get(name, ()), "--" + name.replace("_", "-"), name.upper())
    return next((option for option in candidates if option in options), None)


# A field in a message: `quoted`, snake_case, or a list item's path (participants.0.rapport).
_FIELD_IN_TEXT = re.compile(
    r"`([a-z][a-z0-9_]*)`"
    r"|\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+(?:\.\d+(?:\.[a-z][a-z0-9_]*)?)?"
    r"|[a-z][a-z0-9]*\.\d+(?:\.[a-z][a-z0-9_]*)?)\b"
)


def options_in_text(text: str, options: Collection[str]) -> str:
    """A message with the API field names in it as the options they came from."""

    def swap(match: re.Match[str]) -> str:
        option = option_for(match.group(1) or match.group(2), options)
        if option is None:
            return match.group(0)
        shown = shown_as(option)
        return f"`{shown}`" if match.group(1) else shown

    return _FIELD_IN_TEXT.sub(swap, text)


def shown_as(option: str) -> str:
    """An option as typed (--org), an argument as its help shows it (TITLE)."""
    return option if option.startswith("-") else option.upper()


def addressed(name: str | None, to: Sequence[str]) -> str:
    """Whom a draft goes to, as an e-mail's To line writes it:
    "Maria Santos <maria@northwind.example>, maria.santos@mail.example"."""
    if not to:
        return name or ""
    first = f"{name} <{to[0]}>" if name else to[0]
    return ", ".join([first, *to[1:]])


def span(job: Any) -> str:
    """A job's dates, each in its precision ("2020-01" for LinkedIn's "Jan 2020")."""
    start = job_dates.written(job.start_date, job.start_precision)
    end = job_dates.written(job.end_date, job.end_precision)
    if not (start or end or job.is_current):
        return ""
    return f" ({start or '?'} to {'now' if job.is_current and not end else end or '?'})"


def parse_day(value: str, option: str) -> date:
    """Read a date option written as YYYY-MM-DD, saying whether the form or the day is wrong."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise InvalidInput(
                f"{option} takes a real date, and {value!r} is not one: give a real date, "
                "such as 2026-11-02."
            ) from None
        raise InvalidInput(f"{option} takes a date written as YYYY-MM-DD, not {value!r}.") from None


def day_given(value: str | None, option: str) -> str | None:
    """An optional date option read as `parse_day` reads it, as the text a schema takes."""
    return None if value is None else parse_day(value, option).isoformat()


def record_id(value: str) -> int:
    """Read a record id typed on the command line: a whole number from 1 to the largest id."""
    from goodword.db import LARGEST_ID  # (the command that takes an id opens the database)
    from goodword.records import shown

    text = value.strip()
    digits = text.isascii() and text.isdigit()
    if digits and text.lstrip("0") and (len(text) > 20 or int(text) > LARGEST_ID):
        raise typer.BadParameter(
            f"{shown(value)!r} is larger than any id; give its number, such as 12."
        )
    if not digits or not 1 <= int(text) <= LARGEST_ID:
        raise typer.BadParameter(
            f"{shown(value)!r} is not a record id; give its number, such as 12."
        )
    return int(text)


class RecordIdType(ParamType):
    """A record id, for an argument or an option: refused as `record_id` says, in our words
    (naming the option: "--person: 'abc' is not a record id"), not Click's "'abc' is not a
    valid integer"; shown as <id> in the help."""

    name = "id"

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        return value if isinstance(value, int) else record_id(str(value))


RECORD_ID = RecordIdType()


def id_argument(metavar: str, help: str) -> Any:
    """An argument that takes a record's id, named `metavar` (PERSON_ID) in usage, help and
    errors alike; every argument's name is upper case, as Click writes them."""
    return typer.Argument(help=help, metavar=metavar, click_type=RECORD_ID)


def id_option(*names: str, help: str) -> Any:
    """An option that takes a record's id (or, for a list, ids), refused as an id argument is."""
    return typer.Option(*names, help=help, click_type=RECORD_ID)


PersonId = Annotated[
    int, id_argument("PERSON_ID", "The person's id (shown in lists and on their page).")
]
OrgId = Annotated[
    int, id_argument("ORG_ID", "The organization's id (shown in lists and on its page).")
]
OpportunityId = Annotated[
    int, id_argument("OPPORTUNITY_ID", "The opportunity's id (shown in lists and on its page).")
]
InteractionId = Annotated[
    int, id_argument("INTERACTION_ID", "The interaction's id (shown in lists and on its page).")
]
TaskId = Annotated[int, id_argument("TASK_ID", "The task's id (shown in lists).")]
