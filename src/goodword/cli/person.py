"""Person commands: `goodword person add|list|show|edit|job|delete`."""

from __future__ import annotations

import re
import shlex
from typing import TYPE_CHECKING, Annotated, Any

import typer

from goodword.cli.common import (
    After,
    Before,
    JsonFlag,
    Limit,
    PersonId,
    cell,
    day_given,
    details,
    dump,
    fields,
    id_argument,
    listed,
    more_hint,
    print_json,
    span,
    table,
    work,
)
from goodword.errors import InvalidInput
from goodword.people import birthdays, job_dates
from goodword.sentences import full_stop

if TYPE_CHECKING:
    from goodword.people.service import GoesWith


person_app = typer.Typer(
    help="People in your network, you included.", no_args_is_help=True, rich_markup_mode="markdown"
)


@person_app.command("add")
def person_add(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(help="The name to show, such as 'Ada Lovelace'.", metavar="NAME")
    ],
    given: Annotated[str | None, typer.Option(help="Given name.")] = None,
    family: Annotated[str | None, typer.Option(help="Family name.")] = None,
    email: Annotated[list[str] | None, typer.Option(help="E-mail address (repeatable).")] = None,
    phone: Annotated[
        list[str] | None,
        typer.Option(
            help="Phone number, with any extension: '+1 415 555 0100 ext. 12' (repeatable)."
        ),
    ] = None,
    url: Annotated[list[str] | None, typer.Option(help="Profile or web URL (repeatable).")] = None,
    location: Annotated[str | None, typer.Option(help="Where they live or work.")] = None,
    tag: Annotated[list[str] | None, typer.Option(help="A tag (repeatable).")] = None,
    interest: Annotated[list[str] | None, typer.Option(help="An interest (repeatable).")] = None,
    how_we_met: Annotated[str | None, typer.Option(help="How you met.")] = None,
    notes: Annotated[str | None, typer.Option(help="Anything worth remembering.")] = None,
    birthday: Annotated[
        str | None,
        typer.Option(
            help="Their birthday (YYYY-MM-DD), or the day alone when the year is unknown "
            "('12 April' or --04-12)."
        ),
    ] = None,
    me: Annotated[bool, typer.Option("--me", help="This person is you.")] = False,
    org: Annotated[str | None, typer.Option(help="Where they work now (found or added).")] = None,
    title: Annotated[str | None, typer.Option(help="Their job title there (needs --org).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Add a person, optionally with their current job.

    Someone who already has one of their e-mail addresses, phone numbers or LinkedIn
    profiles is named in a warning, and the pair waits in `people duplicates`.
    """
    from goodword.duplicates import service as duplicates
    from goodword.forms import validate
    from goodword.organizations import service as organizations
    from goodword.organizations.schemas import OrganizationAdded, organization_added
    from goodword.people import service as people
    from goodword.people.schemas import PersonCreate, PositionCreate

    if title and not org:
        raise InvalidInput("--title needs --org: say where they hold that title.")
    data = fields(display_name=name, given_name=given, family_name=family, emails=email)
    data |= fields(phones=phone, urls=url, location=location, tags=tag, interests=interest)
    data |= fields(how_we_met=how_we_met, notes=notes, is_me=me)
    if birthday and birthday.strip():
        data |= _birthday(birthday)
    with work(ctx) as (session, ws):
        context = people.input_context(session, workspace_id=ws)
        checked = validate(PersonCreate, data, context=context)
        person = people.create(session, workspace_id=ws, data=people.with_name_parts(checked))
        new_organization, near = None, None
        if org:
            job = validate(PositionCreate, fields(organization_name=org, title=title))
            near = organizations.new_name(session, workspace_id=ws, name=job.organization_name)
            position = people.add_position(session, workspace_id=ws, person_id=person.id, data=job)
            if near is not None:
                first = shlex.quote(near[0].name) if near else "NAME"
                fix = f"change it with: goodword person job {position.id} --org {first}"
                new_organization = organizations.new_organization_words(
                    position.organization.name, near, fix=fix
                )
        found = duplicates.queue_shared_details(session, workspace_id=ws, person_id=person.id)
        read = people.to_read(person)
        added = dump(OrganizationAdded(**organization_added(near)))
    if as_json:
        print_json(dump(read) | added | {"possible_duplicates": [dump(d) for d in found]})
        return
    typer.echo(f"Added {read.display_name} (person {read.id}).")
    if new_organization:
        typer.echo(new_organization)
    for pair in found:
        typer.echo(f"Warning: {pair.message}")
        typer.echo(
            f"  Pair {pair.candidate_id} in `goodword people duplicates`; merge them with "
            f"`goodword people merge {pair.person_id} {read.id}`, or keep them apart with "
            f"`goodword people not-same {pair.candidate_id}`."
        )


@person_app.command("list")
def person_list(
    ctx: typer.Context,
    limit: Limit = 50,
    after: After = None,
    before: Before = None,
    as_json: JsonFlag = False,
) -> None:
    """List people by family name."""
    from goodword.cursors import checked_cursors
    from goodword.people import service as people

    with work(ctx) as (session, ws):
        cursor, before = checked_cursors(after, before, sort="text", list_name="people")
        page = people.list_(session, workspace_id=ws, cursor=cursor, limit=limit, before=before)
        reads = [people.to_read(p) for p in page.items]
    if listed("person list", reads, page, as_json):
        return
    rows = [
        (
            p.id,
            p.display_name + (" (you)" if p.is_me else ""),
            p.location,
            "; ".join(
                f"{j.title} at {j.organization_name}" if j.title else j.organization_name
                for j in p.positions
                if j.is_current
            ),
            p.emails[:1],
        )
        for p in reads
    ]
    table("People", ["ID", "Name", "Location", "Works at", "E-mail"], rows)
    more_hint(ctx, page.next_cursor)


@person_app.command("show")
def person_show(ctx: typer.Context, person_id: PersonId, as_json: JsonFlag = False) -> None:
    """Show a person with their jobs and closest connections.

    --json prints the person as GET /api/v1/people/PERSON_ID gives it, without connections:
    `goodword person connections` lists them all."""
    from goodword.connections import service as connections
    from goodword.people import service as people
    from goodword.people.normalize import phone_text

    with work(ctx) as (session, ws):
        read = people.to_read(people.get(session, workspace_id=ws, person_id=person_id))
        closest = people.connections_page(
            session, workspace_id=ws, person_id=person_id, cursor=None, limit=SHOWN_CONNECTIONS
        )
        ties = [connections.to_read(c) for c in closest.items]
    if as_json:
        print_json(dump(read))
        return
    fields = [
        "given_name",
        "family_name",
        "emails",
        "phones",
        "urls",
        "location",
        "birthday",
        "keep_in_touch_days",
        "tags",
        "interests",
        "how_we_met",
        "notes",
        "is_me",
        "created_at",
        "updated_at",
    ]
    shown: dict[str, Any] = {"phones": [phone_text(n) for n in read.phones]}
    if read.birthday_no_year:
        shown["birthday"] = birthdays.shown(read.birthday_no_year)
    if read.keep_in_touch_days:
        shown["keep_in_touch_days"] = f"every {_some(read.keep_in_touch_days, 'day')}"
    jobs = [
        f"{j.title or 'Works'}{', ' + j.department if j.department else ''} at "
        f"{j.organization_name}{span(j)} (job {j.id})"
        for j in read.positions
    ]
    knows = [
        f"{t.person_b_name if t.person_a_id == person_id else t.person_a_name} "
        f"({cell(t.kind)}{f', closeness {t.closeness}' if t.closeness else ''})"
        for t in ties
    ]
    more = (closest.total or 0) - len(ties)
    if more > 0:
        # (Your own person after a LinkedIn import has thousands.)
        knows.append(
            f"and {more:,} more: all of them, closest first: "
            f"goodword person connections {person_id}"
        )
    details(
        f"{read.display_name} (person {read.id})",
        [
            (PERSON_LABELS.get(f, f.replace("_", " ").capitalize()), shown.get(f, getattr(read, f)))
            for f in fields
            if f != "is_me"
        ]
        + [("This is you", "yes" if read.is_me else None)],
        {"Positions": jobs, "Connections": knows},
    )


# The closest connections `person show` lists (as the person's page does).
SHOWN_CONNECTIONS = 50


@person_app.command("connections")
def person_connections(
    ctx: typer.Context,
    person_id: PersonId,
    limit: Limit = 50,
    after: After = None,
    before: Before = None,
    as_json: JsonFlag = False,
) -> None:
    """List whom a person knows, closest first.

    A page at a time, as `GET /api/v1/people/{person_id}/connections` gives it: --json
    prints its items and `next` and `prev` cursors.
    """
    from goodword.connections.service import person_connections_page

    with work(ctx) as (session, ws):
        page = person_connections_page(
            session, workspace_id=ws, person_id=person_id, after=after, before=before, limit=limit
        )
    if as_json:
        print_json(dump(page))
        return
    if not page.items:
        typer.echo("No connections yet. Add them in bulk: goodword connections import FILE")
        return
    table(
        "Connections",
        ["ID", "Knows", "Kind", "Closeness", "Since"],
        [
            (
                t.id,
                t.person_b_name if t.person_a_id == person_id else t.person_a_name,
                t.kind,
                t.closeness,
                t.since,
            )
            for t in page.items
        ],
    )
    more_hint(ctx, page.next)


# Labels in our own words where the field's name is not one (as the person's page says them).
PERSON_LABELS = {"urls": "Web addresses", "keep_in_touch_days": "Keep in touch"}


def _some(count: int, thing: str, many: str | None = None) -> str:
    """A count with its noun: 1 day, 2 days."""
    return f"{count} {thing if count == 1 else many or thing + 's'}"


@person_app.command("edit")
def person_edit(
    ctx: typer.Context,
    person_id: PersonId,
    name: Annotated[str | None, typer.Option(help="The name to show.")] = None,
    given: Annotated[str | None, typer.Option(help="Given name ('' for none).")] = None,
    family: Annotated[str | None, typer.Option(help="Family name ('' for none).")] = None,
    email: Annotated[
        list[str] | None,
        typer.Option(help="E-mail address (repeatable; replaces them all, '' for none)."),
    ] = None,
    phone: Annotated[
        list[str] | None,
        typer.Option(help="Phone number (repeatable; replaces them all, '' for none)."),
    ] = None,
    url: Annotated[
        list[str] | None,
        typer.Option(help="Profile or web URL (repeatable; replaces them all, '' for none)."),
    ] = None,
    location: Annotated[
        str | None, typer.Option(help="Where they live or work ('' for none).")
    ] = None,
    tag: Annotated[
        list[str] | None, typer.Option(help="A tag (repeatable; replaces them all, '' for none).")
    ] = None,
    interest: Annotated[
        list[str] | None,
        typer.Option(help="An interest (repeatable; replaces them all, '' for none)."),
    ] = None,
    how_we_met: Annotated[str | None, typer.Option(help="How you met ('' for none).")] = None,
    notes: Annotated[str | None, typer.Option(help="Notes ('' for none).")] = None,
    birthday: Annotated[
        str | None,
        typer.Option(
            help="Their birthday (YYYY-MM-DD), or the day alone when the year is unknown "
            "('12 April' or --04-12); '' for none."
        ),
    ] = None,
    keep_in_touch: Annotated[
        str | None,
        typer.Option(
            "--keep-in-touch",
            metavar="DAYS",
            help="How often to be reminded to get in touch, in days (0: never; '' for the "
            "usual rhythm).",
        ),
    ] = None,
    me: Annotated[
        bool | None, typer.Option("--me/--not-me", help="Whether this person is you.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Change a person: what the options give changes, the rest stays (their jobs are
    changed with `goodword person job`)."""
    from goodword.forms import validate
    from goodword.people import service as people
    from goodword.people.schemas import PersonUpdate

    given_now: dict[str, Any] = {
        "display_name": name, "given_name": given, "family_name": family,
        "location": location, "how_we_met": how_we_met, "notes": notes,
    }  # fmt: skip
    lists = {"emails": email, "phones": phone, "urls": url, "tags": tag, "interests": interest}
    with work(ctx) as (session, ws):
        read = people.to_read(people.get(session, workspace_id=ws, person_id=person_id))
        data = read.model_dump(include=set(PersonUpdate.model_fields))
        for field, value in given_now.items():
            if value is not None:
                data[field] = value.strip() or None
        for field, values in lists.items():
            if values is not None:
                data[field] = [v for v in values if v.strip()]
        if birthday is not None:
            data.update(_birthday(birthday))
        if keep_in_touch is not None:
            data["keep_in_touch_days"] = _days(keep_in_touch)
        if me is not None:
            data["is_me"] = me
        context = people.input_context(session, workspace_id=ws)
        checked = validate(PersonUpdate, data, context=context)
        saved = people.to_read(
            people.update(session, workspace_id=ws, person_id=person_id, data=checked)
        )
    if as_json:
        print_json(dump(saved))
        return
    typer.echo(f"Saved {saved.display_name} (person {saved.id}).")


def _birthday(given: str) -> dict[str, str | None]:
    """--birthday read: a whole date, or a day and month alone ("12 April", --04-12)."""
    if not given.strip():
        return {"birthday": None, "birthday_no_year": None}
    if no_year := birthdays.read(given):
        return {"birthday": None, "birthday_no_year": no_year}
    return {"birthday": day_given(given, "--birthday"), "birthday_no_year": None}


def _days(text: str) -> int | None:
    """--keep-in-touch: a number of days, or '' for the usual rhythm."""
    if not text.strip():
        return None
    if not (text.strip().isascii() and text.strip().isdigit()):
        raise InvalidInput(
            f"--keep-in-touch: {text!r} is not a number of days; give one such as 30 (0 for "
            "never, '' for the usual rhythm)."
        )
    return int(text)


@person_app.command("job")
def person_job(
    ctx: typer.Context,
    job_id: Annotated[
        int, id_argument("JOB_ID", "The job's id (`goodword person show` gives it).")
    ],
    org: Annotated[str | None, typer.Option(help="Where it is (found or added).")] = None,
    title: Annotated[str | None, typer.Option(help="Its title ('' for none).")] = None,
    department: Annotated[str | None, typer.Option(help="Its department ('' for none).")] = None,
    start: Annotated[
        str | None,
        typer.Option(
            help="When it began: a day (YYYY-MM-DD), or the month or year alone if that is "
            "all you know (YYYY-MM, YYYY); '' if not known."
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option(
            help="When it ended, as --start: YYYY-MM-DD, YYYY-MM or YYYY ('' if not known)."
        ),
    ] = None,
    current: Annotated[
        bool | None,
        typer.Option(
            "--current/--past",
            help="Whether they work there now. Made current, it ends their current jobs "
            "elsewhere that began before it.",
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Change one of a person's jobs: what the options give changes, the rest stays."""
    from goodword.forms import validate
    from goodword.organizations import service as organizations
    from goodword.organizations.schemas import OrganizationAdded, organization_added
    from goodword.people import positions
    from goodword.people import service as people
    from goodword.people.models import Position
    from goodword.people.schemas import PositionCreate
    from goodword.records import get_owned

    with work(ctx) as (session, ws):
        job = get_owned(session, Position, workspace_id=ws, record_id=job_id, kind="job")
        given = {"title": title, "department": department, "start_date": start, "end_date": end}
        data: dict[str, Any] = {
            "organization_name": org or job.organization.name,
            "title": job.title, "department": job.department,
            "start_date": job.start_date and job.start_date.isoformat(),
            "end_date": job.end_date and job.end_date.isoformat(),
            "start_precision": job_dates.precision_of(job.start_date, job.start_precision),
            "end_precision": job_dates.precision_of(job.end_date, job.end_precision),
            "is_current": job.is_current if current is None else current,
        }  # fmt: skip
        for name, value in given.items():
            if value is not None:
                option = f"--{name.removesuffix('_date')}"
                dated = name.endswith("_date") and value.strip()
                if dated and (partly := job_dates.read(value)):  # ("2021-05": a month)
                    data[name] = partly[0].isoformat()
                    data[name.replace("date", "precision")] = partly[1]
                    continue
                data[name] = _job_day(value, option) if dated else (value.strip() or None)
                if name.endswith("_date"):  # (a whole day, or none)
                    data[name.replace("date", "precision")] = "day" if dated else None
        if current and end is None:
            data["end_date"] = None  # (Made current again: the end it had is over.)
        checked = validate(PositionCreate, data)
        near = positions.new_organization(session, ws, checked)
        changed, ended = positions.update_position(
            session, workspace_id=ws, position_id=job_id, data=checked
        )
        read = people.position_to_read(changed)
        gone = [people.position_to_read(p) for p in ended]
        name = changed.person.display_name
        added = dump(OrganizationAdded(**organization_added(near)))
    if as_json:
        print_json(dump(read) | added | {"ended": [dump(p) for p in gone]})
        return
    typer.echo(f"Saved {_job_words(read)} of {name} (job {read.id}).")
    for other in gone:
        typer.echo(f"Ended {_job_words(other)} (job {other.id}), as it came before.")
    if near is not None:
        first = added["did_you_mean"][0]["name"] if near else ""
        fix = f"change it with: goodword person job {read.id} --org {shlex.quote(str(first))}"
        typer.echo(organizations.new_organization_words(read.organization_name, near, fix=fix))


def _job_day(value: str, option: str) -> str | None:
    """--start or --end given as a whole day (a month or a year alone is read before)."""
    try:
        return day_given(value, option)
    except InvalidInput:
        if re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value):
            raise  # (a day that is not one: 2027-13-01)
        raise InvalidInput(
            f"{option} takes a day, a month or a year (2021-05-14, 2021-05 or 2021), not {value!r}."
        ) from None


def _job_words(job: Any) -> str:
    at = f"{job.title} at {job.organization_name}" if job.title else job.organization_name
    return at + span(job)


@person_app.command("delete")
def person_delete(
    ctx: typer.Context,
    person_id: PersonId,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a person with their jobs, connections, reference record, referral asks,
    possible-duplicate pairs and lead shares, taking them off their interactions. It first
    lists what goes, and asks; with --yes it says what went. Saying no deletes nothing (exit
    0). The records they were imported from are remembered, so importing them again does
    not add them back (goodword import --reapply does)."""
    from goodword.opportunities import service as opportunities
    from goodword.people import service as people

    with work(ctx) as (session, ws):
        person = people.get(session, workspace_id=ws, person_id=person_id)
        name = person.display_name
        goes = people.goes_with(session, workspace_id=ws, person_id=person_id)
        managed = opportunities.list_(
            session, workspace_id=ws, hiring_manager_id=person_id, limit=1
        ).items
        if not yes:
            for line in _what_goes(goes, manages=bool(managed)):
                typer.echo(line)
            if not typer.confirm(f"Delete {name}? This cannot be undone."):
                typer.echo("Nothing deleted.")
                return
        people.delete(session, workspace_id=ws, person_id=person_id)
    typer.echo(f"Deleted {full_stop(name)}")
    if yes:
        for line in _what_goes(goes, manages=bool(managed), done=True):
            typer.echo(line)


def _what_goes(goes: GoesWith, *, manages: bool, done: bool = False) -> list[str]:
    """What deleting a person takes (or, once `done`, took) with them, as the web's delete
    page says it (people/delete.html), from the same counts (`people.service.goes_with`)."""
    some = _some
    lines = []
    if goes.deletes_more:
        lines.append("This also deleted:" if done else "This also deletes:")
        if goes.positions:
            lines.append(f"  {some(goes.positions, 'position')} they held")
        if goes.connections:
            lines.append(f"  {some(goes.connections, 'connection')} with other people")
        if goes.reference:
            record = "  their reference record"
            if goes.launches:
                launches = some(goes.launches, "launch", "launches")
                record += f", with the record of {launches} (where and when they spoke for you)"
            lines.append(record)
        if goes.referral_asks:
            asks = some(goes.referral_asks, "referral ask")
            lines.append(f"  {asks} made of them, with how far each got")
        if goes.duplicate_pairs:
            pairs = some(goes.duplicate_pairs, "possible-duplicate pair")
            lines.append(f"  {pairs} they are in (waiting for your decision, or told apart)")
        if goes.merges:
            merges = some(goes.merges, "merge")
            lines.append(
                f"  the record of {merges} of others into them, which could be undone until now"
            )
        if goes.lead_shares:
            shared = some(goes.lead_shares, "lead")
            lines.append(f"  the record of passing {shared} on to them (the leads stay)")
    if goes.interactions:
        took = "It took" if done else "It takes"
        lines.append(f"{took} them off {some(goes.interactions, 'interaction')}, which stay.")
    if manages:
        lines.append(
            "Opportunities where they were the hiring manager stay, with no manager named."
        )
    if goes.imported_records:
        records = "record" if goes.imported_records == 1 else f"{goes.imported_records} records"
        again = "it" if goes.imported_records == 1 else "them"
        lines.append(
            f"Goodword remembers the {records} they were imported from (by a digest, not "
            f"their details), so importing {again} again does not add them back (goodword "
            "import --reapply does)."
        )
    return lines
