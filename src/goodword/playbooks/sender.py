"""Whose address a downloaded draft (`.eml`) is from: the user's own, never their employer's.

A job search noticed at work can cost the job, so a draft is from an address that is not at
work: neither labelled work nor at an organization the user works at now (`addresses.py`).
Of the others, the surest to be the user's own (`addresses.own_rank`): one labelled personal
or home, then one at a well-known mail service, then any other, then one at an organization
they have left. When every address recorded is at work, the file has no From and the mail
program picks.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from goodword.people import service as people
from goodword.people.models import Person
from goodword.playbooks import addresses
from goodword.playbooks.messages import join_names


@dataclass(frozen=True)
class Sender:
    """The From of a downloaded draft: `address` is None when there is none to give; then
    `employers` names the current employers the recorded addresses are at, and `labelled`
    says some are labelled work."""

    address: str | None = None
    name: str | None = None
    employers: tuple[str, ...] = ()
    labelled: bool = False

    @property
    def work_only(self) -> bool:
        return bool(self.employers) or self.labelled


def sender_of(person: Person | None) -> Sender:
    """The surest of the person's own addresses not at work, the first of those alike (see
    the module)."""
    if person is None:
        return Sender()
    now = addresses.employers(person, current=True)
    left = addresses.employers(person, current=False)
    own: list[tuple[int, str]] = []
    employers: list[str] = []
    labelled = False
    for email in person.emails:
        at_work = addresses.work_places(email, now)
        if not at_work and not addresses.labelled_work(email):
            own.append((addresses.own_rank(email, left), email.address))
            continue
        employers.extend(name for name in at_work if name not in employers)
        labelled = labelled or not at_work
    if own:
        return Sender(min(own, key=lambda row: row[0])[1], person.display_name)
    return Sender(None, person.display_name, tuple(employers), labelled)


def sender(session: Session, *, workspace_id: int) -> Sender:
    """Who the user's downloaded drafts are from."""
    return sender_of(people.get_me(session, workspace_id=workspace_id))


def work_only_note(found: Sender, *, eml: str = "The .eml file") -> str | None:
    """What to say beside a download that has no From because every address is at work."""
    if not found.work_only:
        return None
    return (
        f"{eml} has no From: every e-mail address of yours recorded is {_where(found)}, "
        "so your mail program picks. "
        "Send it from your own address: a job search noticed at work can cost you the job."
    )


def _where(found: Sender) -> str:
    at = f"at {join_names(found.employers)}, where you work now" if found.employers else ""
    marked = "marked as a work address" if found.labelled else ""
    return " or ".join(words for words in (at, marked) if words)


def note(session: Session, *, workspace_id: int) -> str | None:
    """`work_only_note` for a page's draft boxes: each route that shows one gives it as
    `eml_from_note`."""
    return work_only_note(sender(session, workspace_id=workspace_id))
