"""The `goodword` command: serve the app, manage the database, and work with records.

Thin by design: each command opens one transaction, calls the same service functions the web
app and the API call, and turns a GoodwordError into a message and its exit code.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from pydantic import ValidationError
from typer._click.exceptions import (  # Typer's own copy of Click
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer.core import TyperCommand, TyperGroup

from goodword import clock
from goodword.cli import (
    calendar,
    database,
    interaction,
    leads,
    network,
    opportunity,
    org,
    person,
    playbooks,
    records,
    redflags,
    references,
    task,
)
from goodword.cli.common import (
    SaidAlone,
    State,
    option_for,
    options_in_text,
    parse_day,
    shown_as,
    state,
    table,
    whole_number,
    work,
)
from goodword.cli.importing import import_command, imports_app
from goodword.cli.people import people_app
from goodword.errors import DatabaseUnavailable, FieldError, GoodwordError, InvalidInput

EXIT_CODES = """Exit codes: 0 done; 1 other error; 2 invalid input, usage or settings (a
GOODWORD_ variable given wrongly), an id given in an option that names no record too (`task
add T --person 99`); 3 conflict with existing records; 4 no such record: the one the command
is about (`person show 99`); 5 database unreachable, its URL wrong, or busy (another program
saving); 6 database needs `goodword db upgrade`. Errors are written to stderr, naming the
options you typed; with `--json` they are also printed on stdout in the API's shape,
`{"error": {"code", "message", "fields"}}`, naming the API's fields (a command line refused
before the command runs names the options, and says where the help is)."""


class _Group(TyperGroup):
    """Report expected errors as one message on stderr and an exit code, never a traceback."""

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        if parent is None:  # `goodword --json person list` is `goodword person list --json`
            args = _json_after_command(self, list(args))
        typed = list(args)  # (Click takes the words out of `args` as it reads them.)
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except UsageError as exc:  # an option of `goodword` itself, such as --database-url
            _refused(exc, typed)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        with _in_context(ctx):
            return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        # Asked for JSON: the error comes in the API's shape on stdout too.
        # Typer's own Click keeps the subcommand's name in `_protected_args`.
        named = getattr(ctx, "_protected_args", None) or getattr(ctx, "protected_args", [])
        words = [*named, *ctx.args]
        as_json = "--json" in words
        try:
            return super().invoke(ctx)
        except UsageError as exc:  # refused by Click before the command ran
            _refused(exc, words)
        except GoodwordError as exc:
            _report(exc, self._options(ctx, words))
            if as_json:
                typer.echo(json.dumps(exc.to_dict(), ensure_ascii=False))
            raise typer.Exit(exc.exit_code) from None
        except ValidationError as exc:  # input a command checked with a schema itself
            from goodword.forms import invalid

            error = invalid(exc)
            _report(error, self._options(ctx, words))
            if as_json:
                typer.echo(json.dumps(error.to_dict(), ensure_ascii=False))
            raise typer.Exit(error.exit_code) from None
        except (typer.Exit, typer.Abort):  # (the help shown, a command's exit code, Ctrl+C)
            raise
        except Exception as exc:
            # The database's failures: SQLAlchemy's, so told apart where it is loaded.
            from goodword.cli import opening

            if opening.too_large(exc):
                error = InvalidInput(
                    "A number given is larger than any id or value Goodword keeps."
                )
                _report(error, set())
                if as_json:
                    typer.echo(json.dumps(error.to_dict(), ensure_ascii=False))
                raise typer.Exit(error.exit_code) from None
            reason = opening.failure(exc)
            if reason is None:
                raise
            if reason == "database is locked":  # SQLite: another program is writing
                code, message = (
                    "busy",
                    "the database is busy: another program is saving something big (Goodword's "
                    "web app importing, probably). Nothing was saved; try again in a minute.",
                )
                typer.echo(f"Error: {message}", err=True)
            else:
                code, message = (
                    "database_unavailable",
                    f"the database failed during the command ({reason}). Nothing was saved.",
                )
                typer.echo(f"Error: the database failed during the command ({reason}).", err=True)
                typer.echo("Nothing was saved.", err=True)
            if as_json:  # (as the API says it: scripts read stdout)
                shape = {"error": {"code": code, "message": message[0].upper() + message[1:]}}
                typer.echo(json.dumps({"error": {**shape["error"], "fields": []}}))
            raise typer.Exit(DatabaseUnavailable.exit_code) from None

    def _options(self, ctx: Any, words: list[str]) -> set[str]:
        """The options of the command that ran (`task add`'s for `goodword task add ...`)."""
        command: Any = self
        for word in words:
            found = command.get_command(ctx, word) if hasattr(command, "get_command") else None
            if found is None:
                break
            command = found
        # An argument is named as its help shows it (DATE).
        return {
            name
            for param in command.params
            for name in (
                param.opts if param.param_type_name == "option" else [param.human_readable_name]
            )
        }


class _Command(TyperCommand):
    """A command whose usage line names its arguments as its help does (PERSON_ID, not
    Typer's {PERSON_ID}), and which refuses words past its arguments in our own words."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name != "argument":
                continue
            name = param.human_readable_name
            if param.nargs != 1 and not name.endswith("..."):  # (PATH... says it already)
                name += "..."
            pieces.append(name if param.required else f"[{name}]")
        return pieces

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True  # (to say which words were extra ourselves)
        try:
            with _in_context(ctx):
                rest = super().parse_args(ctx, args)
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            raise UsageError(self._too_many(ctx, rest), ctx)
        return rest

    def _too_many(self, ctx: Any, rest: list[str]) -> str:
        from goodword.records import shown

        # (Quoted as Python writes a string: a control character is shown, not sent to the
        # terminal.)
        words = ", ".join(repr(shown(word)) for word in rest)
        names = [
            p.human_readable_name for p in self.get_params(ctx) if p.param_type_name == "argument"
        ]
        takes = f"takes {' and '.join(names)} and options" if names else "takes options only"
        many = "is a word" if len(rest) == 1 else "are words"
        said = f"{words} {many} too many: `{ctx.command_path}` {takes}."
        valued = [
            p.opts[0]
            for p in self.get_params(ctx)
            if p.param_type_name == "option" and not getattr(p, "is_flag", False)
        ]
        if not names and len(valued) == 1:
            # `goodword laws "Denver, CO"`: the value of its one option, given without it.
            return f"{said} Did you mean {valued[0]} {shlex.quote(' '.join(rest))}?"
        if any(word.split() != [word] for word in rest):
            return said  # (quoted already: a hint to quote it would be wrong)
        return f"{said} Put a value with spaces in quotes."


@contextmanager
def _in_context(ctx: Any) -> Iterator[None]:
    """Give a refusal of Click's parser the command it was refused by: its "Option '--limit'
    requires an argument." comes without one, and so without where the help is."""
    try:
        yield
    except UsageError as exc:
        if exc.ctx is None:
            exc.ctx = ctx
        raise


def _plain_commands(group: typer.Typer) -> None:
    """Make every command of `group` and of its sub-groups a `_Command`."""
    for info in group.registered_commands:
        if info.cls in (None, TyperCommand):  # (Typer's default)
            info.cls = _Command
    for sub in group.registered_groups:
        if sub.typer_instance is not None:
            _plain_commands(sub.typer_instance)


def _json_after_command(group: Any, words: list[str]) -> list[str]:
    """Move a --json typed before the command (`goodword --json person list`) to just after
    the command's name, where every command that prints JSON takes it; a command without
    --json then says so. Words after the command's name are left as typed."""
    rest, command, at, asked = list(words), group, 0, False
    while at < len(rest) and hasattr(command, "commands"):
        word = rest[at]
        if word == "--":
            break
        if word == "--json":
            del rest[at]
            asked = True
        elif word.startswith("-"):  # an option of `goodword` itself, with its value
            name = word.split("=", 1)[0]
            option = next((p for p in command.params if name in p.opts), None)
            takes_value = option is not None and not option.is_flag and "=" not in word
            at += 2 if takes_value else 1
        else:  # a command's name (or a word that names none: Click says so)
            command = command.commands.get(word)
            at += 1
    if not asked or at == 0 or at > len(rest):
        return list(words)
    return [*rest[:at], "--json", *rest[at:]]


def _refused(exc: UsageError, words: list[str]) -> NoReturn:
    """Say why Click refused the command line (a bad value, an unknown option, a missing
    argument) as the CLI's own errors are said: one plain "Error: ..." line on stderr, naming
    the option or argument as the help shows it, then where the help is; exit code 2. Under
    --json the error is printed on stdout in the API's shape too."""
    if isinstance(exc, NoArgsIsHelpError):  # `goodword person`: Typer shows the help
        raise exc
    field = _refused_field(exc, words)
    message = detail = exc.format_message()
    if isinstance(exc, NoSuchOption) and exc.option_name == "--json" and exc.ctx is not None:
        message = detail = f"`{exc.ctx.command_path}` prints no JSON: it takes no --json."
    elif isinstance(exc, BadOptionUsage) and exc.ctx is not None:
        message = detail = _misused(exc, exc.ctx) or detail
    elif isinstance(exc, BadParameter) and not isinstance(exc, MissingParameter):
        # Click's "Invalid value for '--k': ..." said as a field's problem is said.
        detail = exc.message
        message = f"{field}: {detail}" if field else detail
    ctx = exc.ctx
    help_line = None
    if ctx is not None and ctx.command.get_help_option(ctx) is not None:
        help_line = f"Try '{ctx.command_path} {ctx.help_option_names[0]}' for help."
    if any(word.split("=", 1)[0] == "--json" for word in words):  # (as on stderr, help too)
        fields = [FieldError(field, detail)] if field else []
        said = f"{message} {help_line}" if help_line else message
        typer.echo(json.dumps(InvalidInput(said, fields=fields).to_dict(), ensure_ascii=False))
    typer.echo(f"Error: {message}", err=True)
    if help_line:
        typer.echo(help_line, err=True)
    raise typer.Exit(exc.exit_code)


def _misused(exc: BadOptionUsage, ctx: Any) -> str | None:
    """Click's "Option '--limit' requires an argument." and "Option '--json' does not take a
    value." in our words, showing how the option is given ("--limit N")."""
    name = exc.option_name
    param = next(
        (p for p in ctx.command.params if name in (*p.opts, *getattr(p, "secondary_opts", []))),
        None,
    )
    if param is None:
        return None
    if getattr(param, "is_flag", False):
        return f"{name} takes no value: give it alone."
    return f"{name} needs a value after it: {name} {param.make_metavar(ctx)}."


def _refused_field(exc: UsageError, words: list[str]) -> str | None:
    """The option (--k) or argument (PERSON_ID) Click refused, as the help shows it; an
    option of two names by the one typed (`-o`, `--dept`), as Click's own words name it
    ("Option '-o' requires an argument.")."""
    if isinstance(exc, BadParameter) and exc.param is not None:
        opts = getattr(exc.param, "opts", [])
        if exc.param.param_type_name != "option" or not opts:
            return exc.param.human_readable_name
        return _typed(opts, words) or max(opts, key=len)
    if isinstance(exc, NoSuchOption | BadOptionUsage):
        return exc.option_name
    return None


def _typed(opts: list[str], words: list[str]) -> str | None:
    """Which of an option's names was typed: the last given, as Click takes its value
    (`--output=x`, and a short one with its value joined on, `-ox`, too)."""
    for word in reversed(words):
        for opt in opts:
            if (
                word == opt
                or word.startswith(f"{opt}=")
                or (len(opt) == 2 and not opt.startswith("--") and word.startswith(opt))
            ):
                return opt
    return None


def _report(exc: GoodwordError, options: set[str]) -> None:
    """Print an error naming the options the user typed, not the API's field names (the
    JSON error keeps those, for scripts)."""
    typer.echo(f"Error: {options_in_text(exc.message, options)}", err=True)
    for item in [] if isinstance(exc, SaidAlone) else exc.fields:
        # A rule about the whole record ("__all__") names no field of its own.
        name = option_for(item.field, options)
        if name is None and item.field.isidentifier() and item.message in exc.message:
            # (A field the command has no option for, saying what the error already says:
            # a launch refused for the reference's consent_on. A file's "line 2" is kept: a
            # list of every problem names each, the first too.)
            continue
        where = "" if item.field == "__all__" else f"{shown_as(name) if name else item.field}: "
        message = options_in_text(item.message, options)
        if name:
            # The field's own name, a plain word ("direction is only for messages."), too.
            own = re.escape(item.field.split(".", 1)[0])
            message = re.sub(rf"(?<![\w-]){own}\b", shown_as(name), message)
        typer.echo(f"  {where}{message}", err=True)


app = typer.Typer(
    cls=_Group,
    name="goodword",
    help="Goodword: find the warm path to the hiring manager, and keep track of it.\n\n"
    "Lists, shows and the commands that save print the API's JSON with `--json`, typed after "
    "the command or before it (`goodword --json person list`). These take none: `serve`, "
    "`demo`, `export`, `db upgrade`, `person delete`, `people export` and `calendar "
    "export`.",
    epilog=EXIT_CODES,
    no_args_is_help=True,
    rich_markup_mode="markdown",
    pretty_exceptions_enable=False,
)


@app.callback()
def _main(
    ctx: typer.Context,
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            envvar="GOODWORD_DATABASE_URL",
            show_envvar=True,
            metavar="URL",
            help="The database to use, such as sqlite:///path/goodword.sqlite3 or "
            "postgresql://user@host/dbname. Default: goodword.sqlite3 in your data folder.",
        ),
    ] = None,
) -> None:
    # Typer carries its own copy of Click, so its ParameterSource is compared by name.
    source = ctx.get_parameter_source("database_url")
    typed = source is not None and source.name == "COMMANDLINE"
    ctx.obj = State(
        database_url=database_url,
        setting="--database-url" if typed else "GOODWORD_DATABASE_URL",
    )


app.add_typer(database.db_app, name="db")


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[
        str | None, typer.Option(help="Address to listen on. Default: GOODWORD_HOST or 127.0.0.1.")
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(
            help="Port to listen on (1 to 65535). Default: GOODWORD_PORT or 8765.",
            metavar="PORT",
            parser=whole_number(1, 65535, "the port to listen on, such as 8765"),
        ),
    ] = None,
    reload: Annotated[
        bool,
        typer.Option("--reload", help="Restart when Goodword's code changes (for development)."),
    ] = False,
) -> None:
    """Start the web app and the API.

    Checks first that every GOODWORD_ setting is valid (one given wrongly is named, with what
    it takes), and that the database answers and is at the latest version. Your own database
    in Goodword's data folder is upgraded automatically, and a new SQLite file anywhere is
    set up (as every command does); any other database (a PostgreSQL server, a SQLite file
    elsewhere that already holds records) is left alone and you are asked to run
    `goodword db upgrade`, so nobody's shared database changes without them saying so.

    Goodword has no sign-in yet: served on an address other than this machine's own
    (127.0.0.1), anyone who can reach it sees and changes everything in it. That suits your
    own phone on your home network, not a server for a job club.

    Ctrl+C stops the server; an import still running is stopped too and saves nothing.
    Upload folders left behind by a Goodword killed during an import are removed at start.
    """
    import uvicorn

    from goodword.cli.opening import ready_engine
    from goodword.config import WILDCARD_ADDRESSES
    from goodword.server import STALE_AFTER, CannotListen, listen, sweep_stale_uploads
    from goodword.web import beyond_this_machine, create_app

    settings = state(ctx).settings()
    ready_engine(state(ctx)).dispose()
    host = host or settings.host
    port = port or settings.port
    # The app answers to the address it is served on (Settings.trusted_hosts).
    settings = settings.model_copy(update={"host": host, "port": port})
    try:
        sock = listen(host, port)
    except CannotListen as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from None
    if reload:
        sock.close()  # uvicorn's reloader takes the port itself
    if swept := sweep_stale_uploads():
        typer.echo(
            f"Removed {swept} upload folder{'s' if swept > 1 else ''} that a Goodword stopped "
            f"during an import left in {tempfile.gettempdir()} over {STALE_AFTER // 3600} "
            "hours ago (they held uploaded files).",
            err=True,
        )
    typer.echo(f"Goodword is running at http://{host}:{port}/ (Ctrl+C stops it).", err=True)
    names = settings.trusted_hosts()
    if names == ["*"]:
        typer.echo(
            "It answers to any host name (GOODWORD_ALLOWED_HOSTS=*), so a web page that points "
            "a name of its own at this machine can reach it. Prefer listing the names.",
            err=True,
        )
    elif host in WILDCARD_ADDRESSES:
        typer.echo(
            f"It answers on every address of this machine, by these names: {', '.join(names)}. "
            "If you reach it by another name (such as mybox.local), add that name to "
            "GOODWORD_ALLOWED_HOSTS.",
            err=True,
        )
    # Last, so it is what the person starting it reads.
    if beyond_this_machine(host):
        typer.echo(
            "Warning: Goodword has no sign-in yet. Anyone who can reach this address sees "
            "and changes the whole workspace: every person, note and import, and can export "
            "or delete it all. Serve it beyond this machine only where everyone who can reach "
            "it may do that (your own phone on your home network, say), never to a job club's "
            "members or the internet.",
            err=True,
        )
    if reload:
        os.environ["GOODWORD_DATABASE_URL"] = settings.database_url
        os.environ["GOODWORD_HOST"] = host
        uvicorn.run(
            "goodword.cli:app_from_environment",
            factory=True,
            host=host,
            port=port,
            reload=True,
            reload_dirs=[str(Path(__file__).parent.parent)],  # (all of goodword, not cli/)
            access_log=False,
        )
    else:
        from goodword.server import serve as serve_app

        serve_app(create_app(settings), sock)


def app_from_environment() -> Any:
    """Build the web app from the environment's settings (`serve --reload` runs this)."""
    from goodword.config import Settings
    from goodword.web import create_app

    return create_app(Settings())


@app.command()
def demo(
    ctx: typer.Context,
    seed: Annotated[int, typer.Option(help="Which demo network; the same seed, the same one.")] = (
        2026
    ),
    today: Annotated[
        str | None,
        typer.Option(
            help="Tell the story as of this day (YYYY-MM-DD, from 2000-01-01 to today). "
            "Default: today."
        ),
    ] = None,
) -> None:
    """Load a believable demo network: people, organizations, a job search under way.

    Loads only into an empty database (or one that holds only you, who then play its job
    seeker), so it never mixes with your own records; to look around first, point
    --database-url at a separate file (a new file is set up for it).
    """
    from goodword import demo as demo_network
    from goodword.people import service as people

    day = _demo_day(today)
    with work(ctx, set_up_empty=True) as (session, workspace_id):
        # You alone do not count: the demo keeps you as its job seeker.
        if not demo_network.fits(session, workspace_id=workspace_id):
            from goodword.errors import Conflict

            raise Conflict(
                "This database already holds records besides you, and the demo loads only "
                "into an empty one (or one that holds only you). Try it in a separate file: "
                "goodword --database-url sqlite:///goodword-demo.sqlite3 demo"
            )
        mine = people.get_me(session, workspace_id=workspace_id)
        summary = demo_network.build(session, workspace_id=workspace_id, seed=seed, today=day)
    counts = [(k.replace("_", " "), v) for k, v in asdict(summary).items() if not k.endswith("_id")]
    table(f"Loaded the demo network (seed {seed})", ["Records", "Count"], counts)
    if mine is not None:
        typer.echo(
            f"You play its job seeker, {mine.display_name}, so your record now holds a made-up "
            "career; everyone else is made up too."
        )


# The demo's careers go back some twenty years, and its story is of what has happened by
# `--today`: a day after the real today would date contact still to come.
DEMO_EARLIEST_DAY = date(2000, 1, 1)


def _demo_day(value: str | None) -> date | None:
    if value is None:
        return None
    day, today = parse_day(value, "--today"), clock.today()
    if not DEMO_EARLIEST_DAY <= day <= today:
        raise InvalidInput(
            f"--today takes a day from {DEMO_EARLIEST_DAY} to today ({today}), not {value}: "
            "the demo tells what has happened by then."
        )
    return day


app.command("export")(database.export)
app.command("import-json")(database.import_json)
app.add_typer(person.person_app, name="person")
app.add_typer(people_app, name="people")
app.command("search")(records.search_command)
app.command("import")(import_command)
app.add_typer(imports_app, name="imports")
app.add_typer(org.org_app, name="org")
app.add_typer(opportunity.opportunity_app, name="opportunity")
app.add_typer(interaction.interaction_app, name="interaction")
app.add_typer(task.task_app, name="task")
app.add_typer(task.task_app, name="tasks", help="Tasks (the same as `goodword task`).")
app.add_typer(playbooks.playbooks_app, name="playbooks")
app.add_typer(playbooks.referrals_app, name="referrals")
app.add_typer(references.references_app, name="references")
app.command("keep-in-touch")(playbooks.keep_in_touch)
app.add_typer(leads.leads_app, name="leads")
app.add_typer(playbooks.messages_app, name="messages")
app.add_typer(calendar.calendar_app, name="calendar")
app.command("check")(redflags.check)
app.command("laws")(redflags.laws)
app.command("paths")(network.paths)
app.add_typer(network.connections_app, name="connections")


_plain_commands(app)


def main() -> None:
    """Run the command line (the `goodword` entry point)."""
    app()
