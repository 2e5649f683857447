"""Playbook commands: `goodword playbooks|referrals|keep-in-touch|messages ...`. Each
is a thin caller of the same functions the web app uses; nothing is sent. `goodword references`,
`goodword leads` and `goodword calendar` have modules of their own."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from goodword import clock
from goodword.cli.common import (
    After,
    Before,
    JsonFlag,
    Limit,
    OpportunityId,
    addressed,
    dump,
    id_argument,
    id_option,
    more_hint,
    print_json,
    show_playbook_result,
    stop_if_blocked,
    table,
    to_screen,
    whole_number,
    work,
    write_output,
)
from goodword.errors import InvalidInput
from goodword.referrals.enums import AskStatus
from goodword.sentences import full_stop

if TYPE_CHECKING:
    from goodword.playbooks.schemas import DigestRead, DueRead
    from goodword.referrals.schemas import ReferralAskRead

AskId = Annotated[
    int, id_argument("ASK_ID", "The referral ask's id (see `goodword referrals list`).")
]

playbooks_app = typer.Typer(
    help="Playbooks: the method's moves as tasks and drafts.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)


@playbooks_app.command("run")
def playbooks_run(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Close quiet referral asks, remind of people due a catch-up, thank for recent favours.

    Safe to run as often as you like (from cron, say): nothing is added twice.
    """
    from goodword.playbooks import engine, events

    with work(ctx) as (session, ws):
        routines = events.run_routines(session, workspace_id=ws, today=clock.today())
        reads = [engine.to_read(r) for r in routines.results]
    if as_json:
        print_json(
            {
                "created": routines.created,
                "summary": routines.summary(),
                "results": [dump(r) for r in reads],
            }
        )
        return
    typer.echo(routines.summary())
    for prompt in routines.prompts:
        typer.echo(f"Note: {prompt.message}")


@playbooks_app.command("rejection")
def playbooks_rejection(
    ctx: typer.Context,
    opportunity_id: OpportunityId,
    confirm_late: Annotated[
        bool,
        typer.Option(
            "--confirm-late",
            help="The rejection came late (a final round, say): run even when the "
            "opportunity is not marked Rejected yet or no interview from round two on is "
            "recorded.",
        ),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Run the rejection playbook for an opportunity: thank the interviewers you clicked
    with and ask them for introductions (as moving it to Rejected does).

    Safe to run again: nothing is added twice. When it cannot run (the opportunity is not
    marked rejected, say), it says what is needed and exits 2.
    """
    from goodword.playbooks import rejection

    with work(ctx) as (session, ws):
        result = rejection.run(
            session,
            workspace_id=ws,
            opportunity_id=opportunity_id,
            today=clock.today(),
            confirm_late=confirm_late,
            confirm=confirm_late_words(opportunity_id),
        )
        read = rejection.to_read(result)
    if as_json:
        print_json(dump(read))
        stop_if_blocked(read)
        return
    if read.created:
        typer.echo(f"Added {read.created} task{'s' if read.created != 1 else ''}.")
    for note in read.notes:
        typer.echo(note)
    show_playbook_result(read)
    stop_if_blocked(read)
    if read.created:
        typer.echo("See them with: goodword tasks list")


def confirm_late_words(opportunity_id: int) -> str:
    """How the command line runs an opportunity's rejection playbook anyway (its prompts, and
    a move's, say so)."""
    return f"run goodword playbooks rejection {opportunity_id} --confirm-late"


referrals_app = typer.Typer(
    help="Referral asks: whom you asked to recommend you, and how far it got.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)


@referrals_app.command("list")
def referrals_list(
    ctx: typer.Context,
    status: Annotated[
        list[AskStatus] | None, typer.Option(help="Only asks with this status (repeatable).")
    ] = None,
    open_only: Annotated[
        bool,
        typer.Option(
            "--open",
            help="Only asks that still need something from you: still to make, waiting for an "
            "answer or an introduction, or introduced (or further) and not yet reported back.",
        ),
    ] = False,
    limit: Limit = 50,
    after: After = None,
    before: Before = None,
    as_json: JsonFlag = False,
) -> None:
    """List referral asks, oldest first.

    A page at a time, as `GET /api/v1/referrals` gives it: --json prints its items and
    `next` and `prev` cursors.
    """
    from goodword.referrals import service as referrals

    with work(ctx) as (session, ws):
        page = referrals.asks_page(
            session,
            workspace_id=ws,
            statuses=frozenset(status) if status else None,
            open_only=open_only,
            after=after,
            before=before,
            limit=limit,
        )
        total = referrals.count(session, workspace_id=ws)
    if as_json:
        print_json(dump(page))
        return
    reads = page.items
    if not reads:
        typer.echo(
            "No referral asks yet."
            if not total
            else f"No referral ask matches; you have {total} in all (list them without options)."
        )
        return
    table(
        "Referral asks",
        ["ID", "Person", "Where", "Status", "Asked"],
        # (An ask with no company is for anywhere, as the Referrals page says.)
        [
            (r.id, r.person_name, r.target_organization_name or "anywhere", r.status, r.asked_on)
            for r in reads
        ],
    )
    more_hint(ctx, page.next)


@referrals_app.command("advance")
def referrals_advance(
    ctx: typer.Context,
    ask_id: AskId,
    status: Annotated[
        AskStatus,
        typer.Argument(
            help="Where the ask stands now: asked, agreed, declined, introduced, interviewing, "
            "offer or closed.",
            metavar="STATUS",
        ),
    ],
    introduced_to: Annotated[str | None, typer.Option(help="Whom they introduced you to.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Move an ask on; an introduction brings the thank-you, the preparation, a report back."""
    from goodword.playbooks import engine, events, follow_up
    from goodword.referrals import service as referrals

    with work(ctx) as (session, ws):
        result = follow_up.advance_ask(
            session,
            workspace_id=ws,
            ask_id=ask_id,
            status=status,
            today=clock.today(),
            introduced_to=introduced_to,
        )
        ask = referrals.to_read(referrals.get(session, workspace_id=ws, ask_id=ask_id))
        read = engine.to_read(result)
        left = []
        if status is AskStatus.ASKED and ask.source_opportunity_id is not None:
            # (Its other asks still to make: the page's "I sent the ask" marks them all.)
            waiting = referrals.list_(
                session,
                workspace_id=ws,
                person_id=ask.person_id,
                source_opportunity_id=ask.source_opportunity_id,
                statuses=frozenset({AskStatus.TO_ASK}),
            )
            left = [referrals.to_read(a) for a in waiting]
    if as_json:
        print_json({"ask": dump(ask), "playbook": dump(read)})
        return
    where = f" for {ask.target_organization_name}" if ask.target_organization_name else ""
    typer.echo(f"The ask of {ask.person_name}{where} is now {ask.status.label.lower()}.")
    if result.created:
        typer.echo(events.describe(result))
    if left:
        typer.echo(_still_to_make(ask.person_name, ask.person_id, ask.source_opportunity_id, left))


def _still_to_make(
    name: str, person_id: int, source_id: int | None, left: list[ReferralAskRead]
) -> str:
    """What is still to make of the person after one ask was marked asked, and the command
    that marks the rest, as the opportunity page's "I sent the ask" button does."""
    where = ", ".join(f"{a.target_organization_name or 'no company named'} (ask {a.id})"
                      for a in left)  # fmt: skip
    it = "it" if len(left) == 1 else "them"
    rest = f" --opportunity {source_id}" if source_id is not None else ""
    return (
        f"Still to make of {name} from that opportunity: {where}. The task to ask them is done "
        f"once none is; if your message named {it} too, run goodword referrals mark-asked "
        f"{person_id}{rest}."
    )


@referrals_app.command("mark-asked")
def referrals_mark_asked(
    ctx: typer.Context,
    person_id: Annotated[
        int, id_argument("PERSON_ID", "Whom you sent the ask to (their person id).")
    ],
    opportunity: Annotated[
        int | None,
        id_option(help="Only the asks that came from this opportunity (id); else from any."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Mark every ask still to make of one person as asked: one message usually names several
    companies. The task to ask them is done, as the opportunity page's "I sent the ask to ..."
    does. --json prints what `POST /api/v1/referrals/mark-asked` answers."""
    from goodword.cli.records import known
    from goodword.people import service as people
    from goodword.playbooks import follow_up
    from goodword.referrals import service as referrals

    with work(ctx) as (session, ws):
        name = people.get(session, workspace_id=ws, person_id=person_id).display_name
        known(session, ws, opportunity=opportunity)
        asks = follow_up.mark_asked(
            session,
            workspace_id=ws,
            person_id=person_id,
            source_opportunity_id=opportunity,
            on=clock.today(),
        )
        reads = [referrals.to_read(ask) for ask in asks]
    if as_json:
        print_json({"items": [dump(read) for read in reads]})
        return
    if not reads:
        typer.echo(f"{name} has no ask still to make; nothing changed.")
        return
    where = ", ".join(r.target_organization_name or "no company named" for r in reads)
    many = "s" if len(reads) != 1 else ""
    typer.echo(f"Marked {len(reads)} ask{many} of {name} as asked ({where}).")


@referrals_app.command("reported-back")
def referrals_reported_back(ctx: typer.Context, ask_id: AskId, as_json: JsonFlag = False) -> None:
    """Record that you told the referrer how the latest step went; the ask is then no longer
    open."""
    from goodword.referrals import service as referrals

    with work(ctx) as (session, ws):
        ask = referrals.to_read(
            referrals.mark_reported_back(session, workspace_id=ws, ask_id=ask_id, on=clock.today())
        )
    if as_json:
        print_json(dump(ask))
        return
    typer.echo(f"Noted: you reported back to {full_stop(ask.person_name)}")


def keep_in_touch(
    ctx: typer.Context,
    digest: Annotated[bool, typer.Option("--digest", help="The whole week instead.")] = False,
    within_days: Annotated[
        int,
        typer.Option(
            help="Also those due within this many days (0 to 3,660).",
            metavar="DAYS",
            parser=whole_number(0, 3660, "how many days ahead"),
        ),
    ] = 0,
    limit: Limit = 50,
    after: After = None,
    before: Before = None,
    as_json: JsonFlag = False,
) -> None:
    """Who is due for a catch-up, closest relationships first (or the week's digest).

    A page at a time, as `GET /api/v1/keep-in-touch` gives it: --json prints its items,
    `next` and `prev` cursors and the `total` due in all.
    """
    from goodword.cursors import one_way
    from goodword.playbooks import cadence
    from goodword.playbooks import digest as weekly

    if digest and (after or before or within_days):
        raise InvalidInput(
            "--digest shows the whole week on one page: leave out --within-days, --after "
            "and --before."
        )
    one_way(after, before)
    with work(ctx) as (session, ws):
        if digest:
            week = weekly.read(session, workspace_id=ws, today=clock.today())
        else:
            page = cadence.due_page_read(
                session,
                workspace_id=ws,
                today=clock.today(),
                within_days=within_days,
                after=after,
                before=before,
                limit=limit,
            )
    if digest:
        if as_json:
            print_json(dump(week))
            return
        _show_week(week)
        items = week.keep_in_touch
    else:
        if as_json:
            print_json(dump(page))
            return
        items = page.items
    if not items:
        typer.echo("No one is due for a catch-up.")
        return
    table(
        "Due for a catch-up",
        ["Person", "Rhythm", "Last contact", "Due"],
        [(i.name, i.reason, i.last_contact, _due_words(i)) for i in items],
    )
    if not digest and page.total > len(items):
        typer.echo(f"{len(items)} of the {page.total} people due.")
        more_hint(ctx, page.next)


def _due_words(item: DueRead) -> str:
    """When someone is due, as the table says it: a last contact an import brought late is
    said as the month it was, not counted as overdue since."""
    if item.imported_on and item.last_contact:
        return f"now (last in touch {item.last_contact:%B %Y})"
    return str(item.due_on)


def _show_week(week: DigestRead) -> None:
    """The digest's counts, then the favours you owe and the leads waiting to go out."""
    typer.echo(f"The week of {week.week_start} to {week.week_end}")
    typer.echo(f"Open referral asks: {week.open_asks}")
    typer.echo(f"Overdue tasks: {len(week.overdue_tasks)}")
    typer.echo(f"Tasks due this week: {len(week.tasks_this_week)}")
    if week.owe_favours:
        typer.echo("You owe a favour to: " + ", ".join(f.name for f in week.owe_favours))
    for share in week.leads_to_pass_on:
        typer.echo(f"Pass on: {share['lead_title']} to {share['person_name']}")


messages_app = typer.Typer(
    help="The message library: the wording of every draft. Nothing is ever sent.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)


@messages_app.command("list")
def messages_list(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Every message in the library, marked where you keep your own version."""
    from goodword.playbooks import library

    with work(ctx) as (session, ws):
        messages = library.read_all(session, workspace_id=ws)
    if as_json:
        print_json(dump(messages))
        return
    rows = [(m.key, m.title, "yours" if m.customized else "ours") for m in messages.items]
    table("Messages", ["Key", "Title", "Wording"], rows)


@messages_app.command("show")
def messages_show(
    ctx: typer.Context,
    key: Annotated[
        str, typer.Argument(help="The message's key (see `goodword messages list`).", metavar="KEY")
    ],
    person: Annotated[
        list[int] | None, id_option(help="Fill it for this person (id; repeatable).")
    ] = None,
    eml: Annotated[
        Path | None,
        typer.Option(
            dir_okay=False,
            help="Also write the draft to this .eml file (one person); - prints the mail file "
            "instead of the draft.",
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Show a message: the wording, or filled for each --person; --eml writes a mail file.
    --json prints what GET /api/v1/messages/KEY/drafts answers."""
    from goodword.playbooks import drafting
    from goodword.playbooks.messages import eml_bytes
    from goodword.playbooks.sender import sender, work_only_note

    if eml is not None and len(person or []) > 1:
        raise InvalidInput("--eml writes one draft: give at most one --person with it.")
    if to_screen(eml) and as_json:
        raise InvalidInput("--eml - and --json both print on the screen: leave out one.")
    with work(ctx) as (session, ws):
        drafts = drafting.for_people(session, workspace_id=ws, key=key, person_ids=person or [])
        frm = sender(session, workspace_id=ws)
    if eml is not None:
        mail = eml_bytes(drafts[0], from_address=frm.address, from_name=frm.name, at=clock.now())
        write_output(eml, mail)
        if to_screen(eml):
            note = work_only_note(frm, eml="The mail")
            if note:
                typer.echo(note, err=True)
            return
    if as_json:
        print_json(dump(drafting.drafts_to_read(key, drafts)))
        return
    for draft in drafts:
        if draft.to or draft.to_name:
            typer.echo(f"To: {addressed(draft.to_name, draft.to)}")
        if draft.to_why:
            typer.echo(draft.to_why)
        typer.echo(draft.as_text())
        if draft.missing:
            typer.echo(f"\n(Fill in before sending: {', '.join(draft.missing)})")
        typer.echo("")
    if eml is not None:
        typer.echo(f"Wrote {eml}; open it in your mail program, edit, and send it yourself.")
        note = work_only_note(frm, eml="The file")
        if note:
            typer.echo(note)
