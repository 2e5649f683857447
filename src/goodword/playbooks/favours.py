"""Do favours: the favour ledger (given and received, per person, from logged favours and
the leads passed on to them) and a thank-you for each favour received lately."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from goodword.interactions.models import Interaction, InteractionKind, Participant
from goodword.leads.enums import ShareStatus
from goodword.leads.models import LeadShare
from goodword.people.models import Person
from goodword.playbooks import library
from goodword.playbooks.engine import (
    Result,
    addressed_to,
    checklist,
    ensure_task,
    first_name,
    me,
    person_values,
)
from goodword.playbooks.messages import favour_phrase
from goodword.playbooks.schemas import FavourEntryRead, FavoursRead

FAVOURS = "favours"
# The kind of a ledger entry that is a lead passed on (marked sent): a favour given.
LEAD_PASSED_ON = "lead_passed_on"


@dataclass(frozen=True)
class FavourEntry:
    """One favour: a logged favour interaction (`kind` favour_given or favour_received), or
    a lead passed on to them (`LEAD_PASSED_ON`, `lead_id`, its title as the summary)."""

    interaction_id: int | None
    kind: str
    on: date
    summary: str | None
    lead_id: int | None = None

    @property
    def given(self) -> bool:
        return self.kind != InteractionKind.FAVOUR_RECEIVED.value


@dataclass
class FavourBalance:
    person_id: int
    name: str
    given: int = 0
    received: int = 0
    entries: list[FavourEntry] = field(default_factory=list)

    @property
    def balance(self) -> int:
        """Favours given minus favours received: below zero, the user owes one."""
        return self.given - self.received


def favour_ledger(
    session: Session, *, workspace_id: int, person_id: int | None = None
) -> list[FavourBalance]:
    """Favours given and received, per person, newest first: the favour interactions logged,
    and each lead passed on to them (marked sent), a favour given on the day it went."""
    statement = (
        select(Interaction)
        .where(
            Interaction.workspace_id == workspace_id,
            Interaction.kind.in_([InteractionKind.FAVOUR_GIVEN, InteractionKind.FAVOUR_RECEIVED]),
        )
        .options(selectinload(Interaction.participants).selectinload(Participant.person))
        .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
    )
    if person_id is not None:
        statement = statement.where(
            Interaction.id.in_(
                select(Participant.interaction_id).where(Participant.person_id == person_id)
            )
        )
    ledger: dict[int, FavourBalance] = {}
    for interaction in session.scalars(statement):
        entry = FavourEntry(
            interaction.id,
            interaction.kind.value,
            interaction.occurred_at.date(),
            interaction.summary,
        )
        for participant in interaction.participants:
            if person_id is not None and participant.person_id != person_id:
                continue
            if participant.person.is_me:
                continue
            row = ledger.setdefault(
                participant.person_id,
                FavourBalance(participant.person_id, participant.person.display_name),
            )
            _add(row, entry)
    shares = (
        select(LeadShare)
        .where(
            LeadShare.workspace_id == workspace_id,
            LeadShare.status == ShareStatus.SENT,
            LeadShare.sent_on.is_not(None),
        )
        .options(selectinload(LeadShare.lead), selectinload(LeadShare.person))
        .order_by(LeadShare.sent_on.desc(), LeadShare.id.desc())
    )
    if person_id is not None:
        shares = shares.where(LeadShare.person_id == person_id)
    for share in session.scalars(shares):
        if share.person.is_me or share.sent_on is None:
            continue
        row = ledger.setdefault(
            share.person_id, FavourBalance(share.person_id, share.person.display_name)
        )
        _add(row, FavourEntry(None, LEAD_PASSED_ON, share.sent_on, share.lead.title, share.lead_id))
    for row in ledger.values():
        row.entries.sort(key=lambda e: e.on, reverse=True)  # (stable: logged order within a day)
    return sorted(ledger.values(), key=lambda b: (b.balance, b.name.casefold()))


def _add(row: FavourBalance, entry: FavourEntry) -> None:
    if entry.given:
        row.given += 1
    else:
        row.received += 1
    row.entries.append(entry)


def to_read(balance: FavourBalance) -> FavoursRead:
    return FavoursRead(
        person_id=balance.person_id,
        name=balance.name,
        given=balance.given,
        received=balance.received,
        balance=balance.balance,
        entries=[
            FavourEntryRead(
                interaction_id=e.interaction_id,
                lead_id=e.lead_id,
                kind=e.kind,
                on=e.on,
                summary=e.summary,
            )
            for e in balance.entries
        ],
    )


def thank_for_favours(
    session: Session, *, workspace_id: int, today: date, within_days: int = 14
) -> Result:
    """A thank-you task for each favour received in the last `within_days`."""
    result = Result(FAVOURS)
    user = me(session, workspace_id=workspace_id)
    start = today - timedelta(days=within_days)
    for balance in favour_ledger(session, workspace_id=workspace_id):
        person = session.get(Person, balance.person_id)
        assert person is not None
        for entry in balance.entries:
            if entry.given or entry.interaction_id is None or not start <= entry.on <= today:
                continue
            # Their favour in the summary's words; one the words cannot be read from stays
            # `{favour}` in the draft, with the summary beside it in the task's notes.
            favour = favour_phrase(entry.summary, [person.display_name, first_name(person)])
            note = library.draft(
                session,
                workspace_id=workspace_id,
                key="favour_thanks",
                values={
                    **person_values(person, user),
                    "favour": favour if entry.summary else "your help",
                },
                **addressed_to(person),
            )
            result.drafts.append(note)
            result.add_task(
                *ensure_task(
                    session,
                    workspace_id=workspace_id,
                    playbook=FAVOURS,
                    step="thank",
                    key=f"{FAVOURS}:interaction:{entry.interaction_id}:thank:person:{person.id}",
                    title=f"Thank {person.display_name} for the favour",
                    # Two days after the favour, or today once that has gone by.
                    due_date=max(today, entry.on + timedelta(days=2)),
                    notes=checklist(
                        f"What they did: {entry.summary or 'see the logged favour'}",
                        *(
                            []
                            if favour or not entry.summary
                            else ["Say what they did for you where the draft shows {favour}."]
                        ),
                        "Say what it made possible; offer to return it.",
                    ),
                    draft=note,
                    person_id=person.id,
                    interaction_id=entry.interaction_id,
                )
            )
    return result
