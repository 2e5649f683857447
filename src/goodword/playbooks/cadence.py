"""Stay in touch: cadences, the due list and the reminders (who the user is tied to and in
touch with is read in `in_touch.py`, favours are in `favours.py`, the weekly digest in
`digest.py`).

A person's cadence comes from the relationship (close friends and colleagues every month or
two, interviewers every quarter, LinkedIn-only contacts twice a year once you have been in
touch) unless the user set their own on the person. The clock starts again at the last
logged contact, so logging a call or a coffee is all it takes to reset it. A LinkedIn
connection never contacted has no reminder: an imported archive of thousands is not a
backlog of people "overdue" on the first day; nor is one whose last message, years old,
came in that archive: they are due from the day it was imported (`in_touch.imported_last`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.connections.models import ConnectionKind
from goodword.cursors import cursor_refused
from goodword.people.models import Person
from goodword.playbooks import in_touch, library
from goodword.playbooks.engine import (
    Result,
    addressed_to,
    checklist,
    ensure_task,
    me,
    person_values,
    playbook_tasks,
)
from goodword.playbooks.messages import as_it_was, format_date
from goodword.playbooks.schemas import DuePage, DueRead
from goodword.records import Page, among, decode_cursor, encode_cursor
from goodword.tasks import service as tasks
from goodword.tasks.models import Task, TaskStatus
from goodword.tasks.schemas import TaskStatusChange

PLAYBOOK = "keep-in-touch"

# Days between contacts by relationship; None: not the user's own tie, so no reminder.
DEFAULT_DAYS: dict[ConnectionKind, int | None] = {
    ConnectionKind.FRIEND: 60,
    ConnectionKind.COLLEAGUE: 60,
    ConnectionKind.FORMER_COLLEAGUE: 60,
    ConnectionKind.REFERRED_BY: 60,
    ConnectionKind.INTERVIEWER: 90,
    ConnectionKind.RECRUITER: 90,
    ConnectionKind.MET_AT_EVENT: 120,
    ConnectionKind.LINKEDIN: 180,
    ConnectionKind.KNOWS: None,
}
CLOSE_DAYS = 30
INTERVIEWED_DAYS = 90
# Someone you have met or called, or written to and heard from, with no tie recorded (a
# recruiter's InMail you answered): as a LinkedIn connection you have been in touch with.
TWO_WAY_DAYS = 180
TWO_WAY = f"in touch both ways, with no tie recorded (every {TWO_WAY_DAYS} days)"
# Someone known only second-hand ("knows"): a tie, but no rhythm of its own.
SECOND_HAND = "known to you second-hand; reminders start once you are in touch both ways"
SECOND_HAND_TWO_WAY = f"known second-hand, in touch both ways (every {TWO_WAY_DAYS} days)"
# Closeness (1-5) from which friends and colleagues count as close.
CLOSE = 4


@dataclass(frozen=True)
class Cadence:
    days: int | None
    reason: str

    @property
    def why(self) -> str:
        """The reason without the rhythm it gives, for a page that shows the days already.

        >>> Cadence(180, "LinkedIn connection (every 180 days)").why
        'LinkedIn connection'
        """
        return self.reason.removesuffix(f" (every {self.days} days)")


def cadence_from(
    kinds: list[tuple[ConnectionKind, int | None]],
    *,
    override: int | None,
    interviewed: bool = False,
    contacted: bool = True,
    two_way: bool = False,
) -> Cadence:
    """The cadence for a person from their ties to the user; a pure function.

    `kinds` holds (kind, closeness) of each tie; `override` is the person's own setting
    (0 turns reminders off); `interviewed` counts as an interviewer tie; a LinkedIn tie
    counts only once the user has been in touch (`contacted`); contact both ways
    (`two_way`: met, called, or written to and heard from) gives a rhythm to someone with
    no tie.

    >>> cadence_from([(ConnectionKind.LINKEDIN, None)], override=None).days
    180
    >>> cadence_from([(ConnectionKind.LINKEDIN, None)], override=None, contacted=False).reason
    'a LinkedIn connection you have not been in touch with yet'
    """
    if override is not None:
        if override <= 0:
            return Cadence(None, "reminders turned off for this person")
        return Cadence(override, f"your own setting (every {override} days)")
    best: Cadence | None = None
    candidates = list(kinds)
    if interviewed:
        candidates.append((ConnectionKind.INTERVIEWER, None))
    linked_only = False
    for kind, closeness in candidates:
        days = DEFAULT_DAYS[kind]
        if kind is ConnectionKind.LINKEDIN and not contacted:
            linked_only, days = True, None
        if days is None:
            continue
        # ("LinkedIn" keeps its capitals.)
        label = kind.label if kind is ConnectionKind.LINKEDIN else kind.label.lower()
        if kind in (ConnectionKind.FRIEND, ConnectionKind.COLLEAGUE) and (closeness or 0) >= CLOSE:
            days, label = CLOSE_DAYS, f"close {label}"
        if best is None or best.days is None or days < best.days:
            best = Cadence(days, f"{label} (every {days} days)")
    if best is None and linked_only:
        return Cadence(None, "a LinkedIn connection you have not been in touch with yet")
    second_hand = any(kind is ConnectionKind.KNOWS for kind, _ in candidates)
    if best is None and two_way:
        return Cadence(TWO_WAY_DAYS, SECOND_HAND_TWO_WAY if second_hand else TWO_WAY)
    if best is None and second_hand:
        return Cadence(None, SECOND_HAND)
    return best or Cadence(None, "no relationship with you is recorded")


def cadence_for(session: Session, *, workspace_id: int, person: Person) -> Cadence:
    """The cadence for one person."""
    user = me(session, workspace_id=workspace_id)
    kinds = in_touch.ties_to(session, workspace_id, user).get(person.id, [])
    interviewed = person.id in in_touch.interviewed(session, workspace_id, {person.id})
    contacted = bool(
        in_touch.last_contacts(session, workspace_id=workspace_id, person_ids={person.id})
    )
    two_way = person.id in in_touch.two_way(session, workspace_id, {person.id}, user)
    return cadence_from(
        kinds,
        override=person.keep_in_touch_days,
        interviewed=interviewed,
        contacted=contacted,
        two_way=two_way,
    )


@dataclass(frozen=True)
class DueItem:
    person_id: int
    name: str
    cadence_days: int
    reason: str
    last_contact: date | None
    due_on: date
    days_overdue: int
    # The day an import brought the last contact, when they were due by then already: they
    # count as due from that day, not from years before Goodword knew (None otherwise).
    imported_on: date | None = None


def due_list(
    session: Session, *, workspace_id: int, today: date, within_days: int = 0
) -> list[DueItem]:
    """People due for contact by `today + within_days`: closest relationships first, then the
    most overdue (those due on one day, the one out of touch longest first).

    Tracked: people with their own setting, people tied to the user, interviewers, and
    people in touch with the user both ways. The clock runs from the last logged contact, or
    from when the tie began; a last contact Goodword learned of only through an import, past
    due by then, makes the person due from the day it was imported (`DueItem.imported_on`).
    """
    user = me(session, workspace_id=workspace_id)
    ties, since = in_touch.ties_and_since(session, workspace_id, user)
    overrides = set(
        session.scalars(
            select(Person.id).where(
                Person.workspace_id == workspace_id, Person.keep_in_touch_days.is_not(None)
            )
        )
    )
    interviewed = in_touch.interviewed(session, workspace_id, None)
    two_way = in_touch.two_way(session, workspace_id, None, user)
    ids = (set(ties) | overrides | interviewed | two_way) - ({user.id} if user else set())
    if not ids:
        return []
    # Columns, not whole records: with thousands of imported connections this list is long.
    people = {
        person_id: (name, days)
        for person_id, name, days in session.execute(
            select(Person.id, Person.display_name, Person.keep_in_touch_days).where(
                Person.workspace_id == workspace_id, among(session, Person.id, sorted(ids))
            )
        )
    }
    last = in_touch.last_contacts(session, workspace_id=workspace_id, person_ids=set(people))
    learned = in_touch.imported_last(session, workspace_id=workspace_id, person_ids=set(last))
    horizon = today + timedelta(days=within_days)
    items = []
    for person_id, (name, own_days) in people.items():
        cadence = cadence_from(
            ties.get(person_id, []),
            override=own_days,
            interviewed=person_id in interviewed,
            contacted=person_id in last,
            two_way=person_id in two_way,
        )
        if cadence.days is None:
            continue
        contact = last.get(person_id)
        start = contact or since.get(person_id)
        due_on = start + timedelta(days=cadence.days) if start else today
        # (An import's time of day can be after `today`'s: news today, then.)
        imported_on = min(learned[person_id], today) if person_id in learned else None
        if imported_on is not None and imported_on > due_on:
            due_on = imported_on
        else:
            imported_on = None
        if due_on <= horizon:
            items.append(
                DueItem(
                    person_id=person_id,
                    name=name,
                    cadence_days=cadence.days,
                    reason=cadence.reason,
                    last_contact=contact,
                    due_on=due_on,
                    days_overdue=max(0, (today - due_on).days),
                    imported_on=imported_on,
                )
            )
    items.sort(key=_due_order)
    return items


def _due_order(item: DueItem) -> tuple[int, str, str, str, int]:
    """Where an item stands in the due list (and in a page link's cursor): by rhythm, then
    the day due, then the one out of touch longest (the people an import made due on its
    day, the oldest last contact first), then by name."""
    since = item.last_contact or item.due_on - timedelta(days=item.cadence_days)
    return (
        item.cadence_days,
        item.due_on.isoformat(),
        since.isoformat(),
        item.name.casefold(),
        item.person_id,
    )


# The name the due list's cursors give their list.
KEEP_IN_TOUCH = "keep-in-touch"


def due_page(
    items: list[DueItem], *, cursor: str | None, limit: int, before: str | None = None
) -> Page[DueItem]:
    """One page of the due list `items` (as `due_list` orders them), after `cursor`, or
    the page before `before` (a page's `prev_cursor`).

    A cursor holds an item's place in the order, not a count, so logging contact with
    someone on the first page does not skip anyone on the next. A damaged cursor raises
    ValueError. `total` is the length of the whole list.
    """

    def place(where: str) -> tuple[int, str, str, str, int]:
        days, due_on, since, name, person_id = decode_cursor(where, list_name=KEEP_IN_TOUCH)
        if not (type(days) is int and type(person_id) is int):
            raise ValueError("cursor is damaged")
        return (
            days,
            date.fromisoformat(str(due_on)).isoformat(),
            date.fromisoformat(str(since)).isoformat(),
            str(name),
            person_id,
        )

    def key(item: DueItem) -> str:
        return encode_cursor(*_due_order(item), list_name=KEEP_IN_TOUCH)

    start = 0
    if before:
        first = place(before)
        end = next((i for i, item in enumerate(items) if _due_order(item) >= first), len(items))
        # (Near the start, the first page, whole.)
        start = max(0, end - limit) if end > limit else 0
    elif cursor:
        after = place(cursor)
        start = next((i for i, item in enumerate(items) if _due_order(item) > after), len(items))
    shown = items[start : start + limit]
    more = start + limit < len(items)
    next_cursor = key(shown[-1]) if shown and more else None
    prev_cursor = key(shown[0]) if shown and start else None
    return Page(
        items=shown,
        next_cursor=next_cursor,
        total=len(items),
        extra={"start": start},
        prev_cursor=prev_cursor,
    )


def due_read(item: DueItem) -> DueRead:
    return DueRead(**asdict(item))


def due_page_read(
    session: Session,
    *,
    workspace_id: int,
    today: date,
    within_days: int = 0,
    after: str | None = None,
    before: str | None = None,
    limit: int = 50,
) -> DuePage:
    """One page of the people due by `today + within_days` (see `due_list`), after the
    cursor `after` or before `before`, with how many are due in all: as
    `GET /api/v1/keep-in-touch` and `goodword keep-in-touch --json` answer. A damaged
    cursor is invalid input, named by its field."""
    items = due_list(session, workspace_id=workspace_id, today=today, within_days=within_days)
    try:
        page = due_page(items, cursor=after, limit=limit, before=before)
    except (ValueError, TypeError) as exc:
        raise cursor_refused("before" if before else "after", exc) from None
    return DuePage(
        items=[due_read(i) for i in page.items],
        next=page.next_cursor,
        prev=page.prev_cursor,
        total=page.total or 0,
    )


def settle(session: Session, *, workspace_id: int, today: date) -> list[DueItem]:
    """Mark done the open reminders of people no longer due (contact was logged since): the
    edges call this when an interaction is logged, so the reminder goes at once. The people
    due, most overdue first."""
    due = due_list(session, workspace_id=workspace_id, today=today)
    due_ids = {item.person_id for item in due}
    for task in playbook_tasks(session, workspace_id=workspace_id, key_prefix=f"{PLAYBOOK}:"):
        waiting = task.status in (TaskStatus.OPEN, TaskStatus.SNOOZED)
        if waiting and task.person_id not in due_ids:
            tasks.set_status(
                session,
                workspace_id=workspace_id,
                task_id=task.id,
                change=TaskStatusChange(status=TaskStatus.DONE),
                records_step=False,
            )
    return due


def reminder_key(person_id: int, last_contact: date | None) -> str:
    """The key of the reminder to get back in touch with a person since their last contact
    (or ever): logging contact starts the next one, a new rhythm keeps it.

    >>> reminder_key(12, date(2026, 9, 1))
    'keep-in-touch:person:12:since:2026-09-01'
    >>> reminder_key(12, None)
    'keep-in-touch:person:12:since:never'
    """
    since = last_contact.isoformat() if last_contact else "never"
    return f"{PLAYBOOK}:person:{person_id}:since:{since}"


def _dated_key(person_id: int, due_on: date) -> str:
    """The key reminders had before `reminder_key`: by the day the person was due."""
    return f"{PLAYBOOK}:person:{person_id}:due:{due_on.isoformat()}"


@dataclass
class Reminded(Result):
    """What `remind` produced, and the due list it worked from (which the dashboard shows:
    worked out once, as it takes a while in a large network)."""

    due: list[DueItem] = field(default_factory=list)


def remind(session: Session, *, workspace_id: int, today: date) -> Reminded:
    """Make a keep-in-touch task for each person due, with a drafted note: everyone due,
    so a run that says it is up to date is. The result's drafts are those of the tasks it
    added (a reminder made on an earlier run keeps its own).

    Open reminders for people who are no longer due (contact was logged since) are marked
    done, so the list resets on its own.
    """
    result = Reminded(PLAYBOOK)
    user = me(session, workspace_id=workspace_id)
    if user is None:
        result.ask(
            "me",
            "Mark yourself among your people: cadences come from your ties to others.",
            blocking=False,
        )
    due = result.due = settle(session, workspace_id=workspace_id, today=today)
    # The reminders made before, read at once: after an import hundreds can be due, and the
    # dashboard runs this on every visit.
    made: dict[str | None, Task] = {}
    waiting: dict[int, Task] = {}
    for task in session.scalars(
        select(Task)
        .where(
            Task.workspace_id == workspace_id,
            Task.origin == f"{PLAYBOOK}:due",
            among(session, Task.person_id, sorted({item.person_id for item in due})),
        )
        .order_by(Task.id)
    ):
        made[task.origin_key] = task
        if task.person_id is not None and task.status in (TaskStatus.OPEN, TaskStatus.SNOOZED):
            waiting.setdefault(task.person_id, task)
    for item in due:
        key = reminder_key(item.person_id, item.last_contact)
        # One reminder waits per person: a new rhythm moves the day they are due, not the
        # reminder. (Reminders made before were keyed by that day: they still count.)
        earlier = made.get(key) or made.get(_dated_key(item.person_id, item.due_on))
        found = waiting.get(item.person_id) or earlier
        if found is not None:
            result.add_task(found, False)
            continue
        person = session.get(Person, item.person_id)
        assert person is not None
        note = library.draft(
            session,
            workspace_id=workspace_id,
            key="keep_in_touch",
            values={
                **person_values(person, user),
                "last_contact": format_date(item.last_contact),
            },
            **addressed_to(person),
        )
        if item.last_contact is not None:
            note = as_it_was(note, item.last_contact, today)
        result.drafts.append(note)
        result.add_task(
            *ensure_task(
                session,
                workspace_id=workspace_id,
                playbook=PLAYBOOK,
                step="due",
                key=key,
                title=f"Get back in touch with {person.display_name}",
                due_date=max(item.due_on, today),
                notes=checklist(
                    f"Cadence: {item.reason}.",
                    "Marking this done logs the contact (a message, today) and resets the "
                    "reminder; log a call or a coffee yourself to say what it was.",
                ),
                draft=note,
                person_id=person.id,
            )
        )
    return result
