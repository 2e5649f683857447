"""Task commands: `goodword task add|list|show|done|snooze|dismiss|reopen` (`goodword tasks`
too)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

import typer

from goodword.cli.common import (
    After,
    Before,
    JsonFlag,
    Limit,
    TaskId,
    details,
    dump,
    fields,
    id_option,
    listed,
    more_hint,
    parse_day,
    print_json,
    saved,
    table,
    work,
)
from goodword.cli.records import known
from goodword.errors import InvalidInput
from goodword.tasks.enums import SNOOZE_DAYS, TaskStatus

task_app = typer.Typer(
    help="Tasks: your next moves.", no_args_is_help=True, rich_markup_mode="markdown"
)


@task_app.command("add")
def task_add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="What to do.", metavar="TITLE")],
    due: Annotated[str | None, typer.Option(help="Due date (YYYY-MM-DD).")] = None,
    notes: Annotated[str | None, typer.Option(help="Details.")] = None,
    person: Annotated[int | None, id_option(help="The person it concerns (id).")] = None,
    org: Annotated[
        str | None,
        typer.Option(
            help="The organization it concerns: its name (or another of its names, or its id)."
        ),
    ] = None,
    opportunity: Annotated[int | None, id_option(help="The opportunity (id).")] = None,
    interaction: Annotated[int | None, id_option(help="The interaction (id).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Add a task.

    --org takes the organization by name, as `paths --to-org` does: case, legal form ("Acme
    Inc.") and its other names are all found. A name that finds none is refused, naming the
    organizations it could mean."""
    from goodword.forms import validate
    from goodword.organizations import service as organizations
    from goodword.records import referenced
    from goodword.tasks import service as tasks
    from goodword.tasks.schemas import TaskCreate, TaskRead

    if org is not None and not org.strip():
        raise InvalidInput("--org needs the organization's name (or its id).")
    data = fields(title=title, due_date=due, notes=notes, person_id=person)
    data |= fields(opportunity_id=opportunity, interaction_id=interaction)
    with work(ctx) as (session, ws):
        checked = validate(TaskCreate, data)
        if org is not None:
            named = referenced(
                "organization_id",
                lambda: organizations.named(session, workspace_id=ws, text=org),
            )
            checked = checked.model_copy(update={"organization_id": named.id})
        task = tasks.create(session, workspace_id=ws, data=checked)
        read = TaskRead.model_validate(task)
    saved(f"Added task {read.id}: {read.title}", read, as_json)


@task_app.command("list")
def task_list(
    ctx: typer.Context,
    status: Annotated[
        TaskStatus | None,
        typer.Option(help="Only tasks with this status (open includes snoozes that have ended)."),
    ] = None,
    person: Annotated[int | None, id_option(help="Only about this person (id).")] = None,
    opportunity: Annotated[int | None, id_option(help="Only about this opportunity (id).")] = None,
    limit: Limit = 50,
    after: After = None,
    before: Before = None,
    as_json: JsonFlag = False,
) -> None:
    """List tasks, soonest due first."""
    from goodword import clock
    from goodword.cursors import checked_cursors
    from goodword.tasks import service as tasks
    from goodword.tasks.schemas import TaskRead

    cursor, before = checked_cursors(after, before, sort="date", list_name="tasks")
    with work(ctx) as (session, ws):
        known(session, ws, person=person, opportunity=opportunity)
        page = tasks.list_(
            session,
            workspace_id=ws,
            today=clock.today(),
            status=status,
            person_id=person,
            opportunity_id=opportunity,
            limit=limit,
            cursor=cursor,
            before=before,
        )
        reads = [TaskRead.model_validate(t) for t in page.items]
    if listed("task list", reads, page, as_json):
        return
    table(
        "Tasks",
        ["ID", "Due", "Status", "Title"],
        [(t.id, t.due_date, t.status, t.title) for t in reads],
    )
    more_hint(ctx, page.next_cursor)


@task_app.command("show")
def task_show(ctx: typer.Context, task_id: TaskId, as_json: JsonFlag = False) -> None:
    """Show a task."""
    from goodword.tasks import service as tasks
    from goodword.tasks.schemas import TaskRead, origin_words

    with work(ctx) as (session, ws):
        task = tasks.get(session, workspace_id=ws, task_id=task_id)
        read = TaskRead.model_validate(task)
        person = f"{task.person.display_name} (person {task.person_id})" if task.person else None
        organization = (
            f"{task.organization.name} (organization {task.organization_id})"
            if task.organization
            else None
        )
        job = task.opportunity
        opportunity = (
            f"{job.role_title} at {job.organization.name} (opportunity {job.id})" if job else None
        )
    if as_json:
        print_json(dump(read))
        return
    rows: list[tuple[str, Any]] = [
        ("Status", read.status),
        ("Due date", read.due_date),
        ("Snoozed until", read.snoozed_until),
        ("Completed at", read.completed_at),
        ("Notes", read.notes),
        ("Fill in before sending", ", ".join(f"{{{n}}}" for n in read.missing_placeholders)),
        ("From", origin_words(read.origin) or None),
        ("Person", person),
        ("Organization", organization),
        ("Opportunity", opportunity),
        ("Interaction", read.interaction_id),
        ("Created at", read.created_at),
    ]
    details(f"{read.title} (task {read.id})", rows, {})


@task_app.command("done")
def task_done(ctx: typer.Context, task_id: TaskId, as_json: JsonFlag = False) -> None:
    """Mark a task done. A reminder to get back in touch logs the contact, as on its page; to
    clear one without logging a contact, snooze or dismiss it."""
    _change(ctx, task_id, TaskStatus.DONE, None, as_json)


@task_app.command("snooze")
def task_snooze(
    ctx: typer.Context,
    task_id: TaskId,
    until: Annotated[
        str | None,
        typer.Option(
            help=f"The day it comes back (YYYY-MM-DD, after today). Default: in {SNOOZE_DAYS} "
            "days, as the task page offers.",
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Put a task off until a day after today; from that day it is back among the open tasks.
    A reminder to get back in touch logs no contact (one done takes back the contact it
    logged)."""
    from goodword import clock

    day = parse_day(until, "--until") if until is not None else None
    day = day or clock.today() + timedelta(days=SNOOZE_DAYS)
    _change(ctx, task_id, TaskStatus.SNOOZED, day, as_json)


@task_app.command("dismiss")
def task_dismiss(ctx: typer.Context, task_id: TaskId, as_json: JsonFlag = False) -> None:
    """Clear a task without doing it: a reminder to get back in touch logs no contact (one done
    takes back the contact it logged), and a task to pass a lead on marks the suggestion
    skipped."""
    _change(ctx, task_id, TaskStatus.DISMISSED, None, as_json)


@task_app.command("reopen")
def task_reopen(ctx: typer.Context, task_id: TaskId, as_json: JsonFlag = False) -> None:
    """Open a task that is done, snoozed or dismissed again (one already open is left as it
    is). A reminder to get back in touch that was done takes back the contact it logged; a
    task to pass a lead on that was dismissed puts the suggestion back."""
    _change(ctx, task_id, TaskStatus.OPEN, None, as_json)


# What each command says before the task's title.
_DONE_WORDS = {
    TaskStatus.DONE: "Done",
    TaskStatus.DISMISSED: "Dismissed",
    TaskStatus.OPEN: "Open again",
}


def _change(
    ctx: typer.Context, task_id: int, status: TaskStatus, until: date | None, as_json: bool
) -> None:
    """Change the task's status as its page and `POST /api/v1/tasks/N/status` do, and say what
    it did to the contact a catch-up reminder logs."""
    from goodword.forms import validate
    from goodword.tasks import service as tasks
    from goodword.tasks.schemas import TaskRead, TaskStatusChange

    with work(ctx) as (session, ws):
        task = tasks.get(session, workspace_id=ws, task_id=task_id)
        before = task.logged_interaction_id
        change = validate(TaskStatusChange, {"status": status, "snoozed_until": until})
        # (As `goodword referrals mark-asked` with none to mark: said, and exit 0.)
        already = tasks.unchanged(task, change)
        task = tasks.set_status(session, workspace_id=ws, task_id=task_id, change=change)
        read = TaskRead.model_validate(task)
        said = (
            f"Snoozed until {read.snoozed_until}: {read.title}"
            if status is TaskStatus.SNOOZED
            else f"{_DONE_WORDS[status]}: {read.title}"
        )
        if already:
            was = status.value
            if status is TaskStatus.SNOOZED:
                was = f"snoozed until {read.snoozed_until}"
            said = f"Already {was}: {read.title} (nothing changed)"
        if task.person and task.logged_interaction_id != before and tasks.logs_contact(task):
            name = task.person.display_name
            said += (
                f"\nContact with {name} logged today (interaction {read.interaction_id})."
                if task.logged_interaction_id is not None
                else f"\nThe contact with {name} it logged is taken back: they are due a "
                "catch-up again."
            )
    saved(said, read, as_json)
