"""Whose address a downloaded draft (`.eml`) is from: the user's own, never their employer's.

A job search noticed at work can cost the job, so a draft is from an address that is not on
a domain of an organization the user works at now (its recorded domains); when every address
recorded is such a work address, the file has no From and the mail program picks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from goodword.people import service as people
from goodword.people.models import Person
from goodword.playbooks.messages import join_names


@dataclass(frozen=True)
class Sender:
    """The From of a downloaded draft: `address` is None when there is none to give, and
    `employers` names the current employers when every recorded address is at one of them."""

    address: str | None = None
    name: str | None = None
    employers: tuple[str, ...] = ()

    @property
    def work_only(self) -> bool:
        return bool(self.employers)


def _bare(domain: str) -> str:
    return domain.strip().casefold().removeprefix("www.").rstrip(".")


def _at(address: str, domain: str) -> bool:
    host = _bare(address.rpartition("@")[2])
    return host == domain or host.endswith(f".{domain}")


def employer_domains(person: Person) -> dict[str, str]:
    """The recorded domains of the organizations the person works at now, each with the name."""
    found: dict[str, str] = {}
    for position in person.positions:
        if position.is_current:
            for domain in position.organization.domains or []:
                if _bare(domain):
                    found.setdefault(_bare(domain), position.organization.name)
    return found


def sender_of(person: Person | None) -> Sender:
    """The first of the person's addresses not at a current employer (see the module)."""
    if person is None:
        return Sender()
    domains = employer_domains(person)
    employers: list[str] = []
    for email in person.emails:
        at_work = [name for domain, name in domains.items() if _at(email.address, domain)]
        if not at_work:
            return Sender(email.address, person.display_name)
        employers.extend(name for name in at_work if name not in employers)
    return Sender(None, person.display_name, tuple(employers))


def sender(session: Session, *, workspace_id: int) -> Sender:
    """Who the user's downloaded drafts are from."""
    return sender_of(people.get_me(session, workspace_id=workspace_id))


def work_only_note(found: Sender, *, eml: str = "The .eml file") -> str | None:
    """What to say beside a download that has no From because every address is at work."""
    if not found.work_only:
        return None
    return (
        f"{eml} has no From: every e-mail address of yours recorded is at "
        f"{join_names(found.employers)}, where you work now, so your mail program picks. "
        "Send it from your own address: a job search noticed at work can cost you the job."
    )


def page_note(request: Any) -> str | None:
    """`work_only_note` for a page's draft boxes, worked out once a request from the session
    and workspace its dependencies left on `request.state` (none: nothing said)."""
    state = request.state
    if not hasattr(state, "eml_sender_note"):
        session = getattr(state, "session", None)
        workspace_id = getattr(state, "workspace_id", None)
        found = (
            sender(session, workspace_id=workspace_id)
            if session is not None and workspace_id is not None
            else Sender()
        )
        state.eml_sender_note = work_only_note(found)
    return state.eml_sender_note
