"""Finding records: `goodword search` gives their ids, and `known` checks that an id a list
is filtered by names one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, cast

import typer

from goodword.cli.common import (
    JsonFlag,
    dump,
    print_json,
    table,
    whole_number,
    work,
)
from goodword.errors import FieldError, InvalidInput

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from goodword.search.schemas import Kind


def known(
    session: Session,
    workspace_id: int,
    *,
    person: int | None = None,
    opportunity: int | None = None,
    org_id: int | None = None,
) -> None:
    """Refuse a list filter's id that names no record (exit 2, naming the option), so a typo
    is not read as an empty list."""
    from goodword.errors import NotFound
    from goodword.opportunities import service as opportunities
    from goodword.organizations import service as organizations
    from goodword.people import service as people

    checks = [
        ("--person", person, lambda i: people.get(session, workspace_id=workspace_id, person_id=i)),
        (
            "--opportunity",
            opportunity,
            lambda i: opportunities.get(session, workspace_id=workspace_id, opportunity_id=i),
        ),
        (
            "--org-id",
            org_id,
            lambda i: organizations.get(session, workspace_id=workspace_id, organization_id=i),
        ),
    ]
    for option, record_id, load in checks:
        if record_id is None:
            continue
        try:
            load(record_id)
        except NotFound as exc:
            raise InvalidInput(f"{option}: {exc.message}") from None


def search_command(
    ctx: typer.Context,
    query: Annotated[
        str,
        typer.Argument(
            help="Words the names start with, accents or none; or a phone number.",
            metavar="QUERY",
        ),
    ],
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help="Only people ('person') or only organizations ('organization').",
        ),
    ] = None,
    limit: Annotated[
        int,
        typer.Option(
            help="At most this many (1 to 100).",
            metavar="N",
            parser=whole_number(1, 100, "how many to show at most"),
        ),
    ] = 20,
    as_json: JsonFlag = False,
) -> None:
    """Find people and organizations by name, workplace or e-mail, to get their ids.

    Each word must start a word ("ali gre" finds Alice Green); one or two letters look at
    names only (two Chinese, Japanese or Korean characters look everywhere). A phone
    number finds the people who have it, however either is written: "(415) 555-0123",
    "415 555 0123" and "+14155550123" all find +1 415-555-0123.
    """
    from goodword.search import service
    from goodword.search.schemas import QUERY_LENGTH

    if kind is not None and kind not in ("person", "organization"):
        raise InvalidInput(f"--kind takes 'person' or 'organization', not {kind!r}.")
    if not query.strip():  # (the API refuses an empty q too)
        raise InvalidInput(
            "Give something to search for: a name, a workplace, an e-mail address or a phone "
            "number.",
            fields=[FieldError("q", "Fill this in.")],
        )
    if len(query) > QUERY_LENGTH:  # (as the API refuses it)
        raise InvalidInput(
            "That is too long to search for: give a few words, or a phone number.",
            fields=[FieldError("q", f"Keep this to {QUERY_LENGTH} characters or fewer.")],
        )
    with work(ctx) as (session, ws):
        only = cast("Kind | None", kind)  # (checked above)
        found = service.results(session, workspace_id=ws, query=query, kind=only, limit=limit)
    if as_json:
        print_json(dump(found))
        return
    if not found.items:
        typer.echo(f"Nothing found for {query!r}.")
        return
    table(
        f"Found for {query!r}",
        ["Kind", "ID", "Name", "Details"],
        [(f.kind, f.id, f.title, f.detail) for f in found.items],
    )
