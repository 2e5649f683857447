"""Calendar commands: `goodword calendar export`, the one-off .ics, and `goodword calendar feed`,
the subscription feed's switch and secret address, as the Calendar page and
`/api/v1/calendar/feed` have them."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from goodword import clock
from goodword.cli.common import (
    JsonFlag,
    OutputFile,
    print_json,
    state,
    to_screen,
    work,
    write_output,
)
from goodword.errors import Conflict, InvalidInput

if TYPE_CHECKING:
    from goodword.config import Settings

calendar_app = typer.Typer(
    help="Your tasks and next steps as a calendar.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)


@calendar_app.command("export")
def calendar_export(
    ctx: typer.Context,
    file: Annotated[
        Path | None,
        typer.Argument(
            dir_okay=False,
            help="The older form of --output, kept so scripts that give it still work.",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    output: OutputFile = None,
) -> None:
    """Write open tasks with a date and each opportunity's next step as an .ics calendar:
    to the file --output names, or on the screen."""
    from goodword.playbooks import calendar

    if file is not None and output is not None:
        raise InvalidInput("Give the file once: with --output, and leave out FILE.")
    target = output or file or Path("-")
    with work(ctx) as (session, ws):
        body = calendar.download(session, workspace_id=ws, stamp=clock.now())
        count = len(calendar.items(session, workspace_id=ws))
    write_output(target, body)
    if not to_screen(target):
        typer.echo(f"Wrote {count} entr{'y' if count == 1 else 'ies'} to {target}.")


class FeedAction(enum.StrEnum):
    """What to do with the feed: the Calendar page's buttons."""

    ON = "on"
    ROTATE = "rotate"
    OFF = "off"


# What each action did, in the Calendar page's words.
_DONE = {
    FeedAction.ON: "The calendar feed was turned on. Subscribe to this address in your calendar "
    "program; keep it private:",
    FeedAction.ROTATE: "The calendar feed was given a new address; the old one no longer works. "
    "Subscribe to this one instead:",
    FeedAction.OFF: "The calendar feed was turned off. The old address no longer works.",
}
# What the address adds when it reaches this machine alone (`here_only`).
_HERE_ONLY = (
    "This address works on this machine only. For a phone's calendar, set "
    "GOODWORD_ALLOWED_HOSTS to the name this machine has on your network (mybox.local), serve "
    "on every address (GOODWORD_HOST=0.0.0.0), and the address uses that name."
)
# What on and off say when the feed was so already.
_ALREADY = {
    FeedAction.ON: "The calendar feed is already on. Subscribe to this address in your calendar "
    "program; keep it private:",
    FeedAction.OFF: "The calendar feed is already off.",
}


@calendar_app.command("feed")
def calendar_feed(
    ctx: typer.Context,
    action: Annotated[
        FeedAction | None,
        typer.Argument(
            help="One of on, rotate or off. on: turn the feed on (the same address if it is); "
            "rotate: give it a new address, the old one stops working; off: turn it off. "
            "Without it, shows the feed's address.",
            metavar="ACTION",
            show_default=False,
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Show the calendar feed's private address, or turn the feed on, give it a new address,
    or turn it off, as the Calendar page does.

    A calendar program subscribed to the address keeps your open tasks and next steps up to
    date while `goodword serve` runs; the address is on the first name GOODWORD_ALLOWED_HOSTS
    gives, else on the address it serves on (GOODWORD_HOST; on every address, 127.0.0.1,
    which works on this machine only), at GOODWORD_PORT. Anyone with the address can read
    your tasks: keep it private, and rotate it if it gets out. --json prints `enabled` and
    `url`, as `/api/v1/calendar/feed` names them (the API's url is on the name the request
    came to)."""
    from goodword.playbooks import calendar as feeds
    from goodword.workspaces.models import Workspace

    with work(ctx) as (session, ws):
        workspace = session.get(Workspace, ws)
        was_on = workspace is not None and workspace.calendar_token is not None
        if action is FeedAction.ON:
            token: str | None = feeds.enable_feed(session, workspace_id=ws)
        elif action is FeedAction.ROTATE:
            try:
                token = feeds.rotate_feed(session, workspace_id=ws)
            except Conflict:
                raise Conflict(
                    "The calendar feed is off, so it has no address to replace. goodword "
                    "calendar feed on turns it on with a new private address."
                ) from None
        elif action is FeedAction.OFF:
            feeds.disable_feed(session, workspace_id=ws)
            token = None
        else:
            token = workspace.calendar_token if workspace else None
    settings = state(ctx).settings()
    url = feed_url(settings, token) if token else None
    # (said with how to reach it from a phone when it reaches this machine alone)
    url_said = f"{url}\n{_HERE_ONLY}" if url and here_only(settings) else url
    if as_json:
        print_json({"enabled": url is not None, "url": url})
    elif action is not None:
        unchanged = was_on is (url is not None)  # (on, or off, as it was already)
        done = _ALREADY.get(action, _DONE[action]) if unchanged else _DONE[action]
        typer.echo(done if url is None else f"{done}\n{url_said}")
    elif url is not None:
        typer.echo(
            "The calendar feed is on. Subscribe to this address in your calendar program; keep "
            f"it private:\n{url_said}"
        )
    else:
        typer.echo(
            "The calendar feed is off. goodword calendar feed on makes a private address your "
            "calendar program can subscribe to."
        )


def feed_url(settings: Settings, token: str) -> str:
    """The feed's address: on the first name GOODWORD_ALLOWED_HOSTS gives that another
    machine can reach (not a whole domain, *, or this machine's loopback name), else on the
    host `goodword serve` listens on (this machine's own address when it listens on every
    one); on its port."""
    host = _host(settings)
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address
    return f"http://{host}:{settings.port}/calendar/{token}.ics"


def here_only(settings: Settings) -> bool:
    """True when the feed's address reaches this machine only: a loopback address."""
    return _loopback(_host(settings))


def _host(settings: Settings) -> str:
    from goodword.config import WILDCARD_ADDRESSES, host_name

    for name in (host_name(entry) for entry in settings.allowed_hosts.split(",")):
        if name and "*" not in name and not _loopback(name):
            return name
    return "127.0.0.1" if settings.host in WILDCARD_ADDRESSES else settings.host


def _loopback(host: str) -> bool:
    name = host.strip("[]").lower()
    return name in ("localhost", "::1") or name.startswith("127.")
