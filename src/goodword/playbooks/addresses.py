"""Which of a person's e-mail addresses are at work, and which one a personal ask goes to.

An address is at work when it is labelled so (a vCard's TYPE=work, Google's "Work") or is at
an organization the person works at now. An organization's addresses are on its recorded
domains and on a name or alias written as one ("nwt.example"); with none recorded, on a
domain named after it ("robin@quillstone-software.example" for Quillstone Software, Inc.) or
after the distinctive first word of its name ("robin@kestrel.io" for Kestrel Labs; not
"global" of Global Freight, nor a well-known mail service's, outlook.com for Outlook Ventures).
A recorded domain is taken at its word: Yahoo's staff write from yahooinc.com, so a
yahoo.com address beside it is the person's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from goodword.organizations.models import Organization
from goodword.organizations.names import NO_EMPLOYER, organization_key
from goodword.people.models import Person, PersonEmail

WORK = "work"
PERSONAL = ("personal", "home")
# Well-known mail services anyone signs up to: an address there is the person's own, not
# their employer's. (Short, and no more than that: an address elsewhere may be theirs too.)
PERSONAL_MAIL = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com",
    "msn.com", "yahoo.com", "yahoo.co.uk", "ymail.com", "icloud.com", "me.com", "mac.com",
    "aol.com", "proton.me", "protonmail.com", "pm.me", "gmx.de", "gmx.net", "gmx.com",
    "gmx.at", "gmx.ch", "web.de", "t-online.de", "mail.com", "fastmail.com", "hey.com",
    "zoho.com", "yandex.ru", "mail.ru", "qq.com", "163.com", "orange.fr", "free.fr",
    "laposte.net", "libero.it", "btinternet.com",
})  # fmt: skip
_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*$")


def bare(domain: str) -> str:
    return domain.strip().casefold().removeprefix("www.").rstrip(".")


def host_of(address: str) -> str:
    return bare(address.rpartition("@")[2])


def _at(host: str, domain: str) -> bool:
    return host == domain or host.endswith(f".{domain}")


def domains_of(organization: Organization) -> set[str]:
    """The domains recorded for the organization, with its name and aliases written as one."""
    found = {bare(domain) for domain in organization.domains or []}
    names = [bare(name) for name in [organization.name, *organization.aliases]]
    found |= {name for name in names if _DOMAIN.match(name)}
    return {domain for domain in found if domain}


# First words of organizations' names too common to say which one an address is at.
_COMMON_FIRST = frozenset({
    "advanced", "all", "american", "applied", "best", "big", "blue", "british", "capital",
    "central", "city", "digital", "east", "first", "general", "global", "great", "green",
    "home", "international", "mail", "metro", "modern", "national", "new", "next", "north",
    "open", "pacific", "prime", "red", "royal", "smart", "south", "united", "west", "world",
})  # fmt: skip


def _named(organization: Organization, host: str) -> set[str]:
    """The organization's name and aliases as a domain would spell them ("quillstonesoftware"),
    with a distinctive first word of each ("kestrel" of Kestrel Labs) unless the host is a
    well-known mail service's."""
    keys = {organization_key(name) for name in [organization.name, *organization.aliases]}
    keys = {key for key in keys if key and key not in NO_EMPLOYER}
    found = {key.replace(" ", "") for key in keys}
    if host not in PERSONAL_MAIL:
        firsts = {key.split()[0] for key in keys if " " in key}
        found |= {word for word in firsts if len(word) >= 3 and word not in _COMMON_FIRST}
    return found


def at_organization(address: str, organization: Organization) -> bool:
    """Whether the address is one of the organization's (see the module)."""
    host = host_of(address)
    domains = domains_of(organization)
    if domains:
        return any(_at(host, domain) for domain in domains)
    # (The last part is the country or kind, never the organization's name.)
    labels = {label.replace("-", "") for label in host.split(".")[:-1]}
    return bool(labels & _named(organization, host))


def employers(person: Person, *, current: bool) -> list[Organization]:
    """The organizations the person works at now (or has left: not also one they work at now)."""
    now = {p.organization_id for p in person.positions if p.is_current}
    found: dict[int, Organization] = {}
    for position in person.positions:
        if position.is_current == current and (current or position.organization_id not in now):
            found.setdefault(position.organization_id, position.organization)
    return list(found.values())


def labelled_work(email: PersonEmail) -> bool:
    return email.label == WORK


def personal_mail(address: str) -> bool:
    """Whether the address is at a well-known mail service anyone signs up to (gmail.com)."""
    return host_of(address) in PERSONAL_MAIL


def own_rank(email: PersonEmail, left: list[Organization]) -> int:
    """How surely an address not at work is the person's own, surest first: labelled personal
    or home (0), at a well-known mail service (1), any other (2), at an organization they
    have left (3: an old work address may no longer work)."""
    if email.label in PERSONAL:
        return 0
    if work_places(email, left):
        return 3
    return 1 if personal_mail(email.address) else 2


def work_places(email: PersonEmail, organizations: list[Organization]) -> list[str]:
    """The names of the organizations the address is at, of those given."""
    return [o.name for o in organizations if at_organization(email.address, o)]


def work_address(person: Person, organization: Organization) -> str | None:
    """The address to give a third party for reaching the person at work: one at the
    organization, else one labelled work but not at an organization they have left (it may
    bounce, and is no way to reach them there); never one labelled personal or home (None)."""
    work = [email for email in person.emails if email.label not in PERSONAL]
    at = [email for email in work if at_organization(email.address, organization)]
    left = employers(person, current=False)
    chosen = at or [
        email for email in work if labelled_work(email) and not work_places(email, left)
    ]
    return chosen[0].address if chosen else None


@dataclass(frozen=True)
class Recipient:
    """The address a personal ask goes to, and why, when the person has several."""

    address: str | None = None
    why: str | None = None


def recipient(person: Person | None) -> Recipient:
    """The best address for a personal ask: one labelled personal or home; else one at a
    well-known mail service (gmail.com); else one neither at work nor at an organization they
    have left (an old work address bounces); else one at work; else one at an organization
    they have left, their only kind."""
    if person is None or not person.emails:
        return Recipient()
    now = employers(person, current=True)
    before = employers(person, current=False)
    ranked: list[tuple[int, PersonEmail]] = []
    for email in person.emails:
        at_work = work_places(email, now)
        if email.label in PERSONAL:
            ranked.append((0, email))
        elif work_places(email, before) and not at_work:
            ranked.append((4, email))
        elif at_work or labelled_work(email):
            ranked.append((3, email))
        else:
            ranked.append((1 if personal_mail(email.address) else 2, email))
    rank, chosen = min(ranked, key=lambda row: row[0])
    if len(ranked) == 1:
        return Recipient(chosen.address)
    passed = {r for r, _ in ranked if r > rank}
    # (Past a work address or an old one, that is the reason; past one of theirs Goodword
    # cannot place, the mail service is.)
    not_work = " or ".join(
        words
        for kind, words in ((3, "not a work address"), (4, "not at a job they have left"))
        if kind in passed
    ).replace(" or not", " or")
    why = {
        0: f"labelled {chosen.label}",
        1: f"at {host_of(chosen.address)}, a well-known mail service" if 2 in passed else not_work,
        2: not_work,
        3: "their others are at jobs they have left" if passed else "",
        4: "all are at jobs they have left, so it may bounce",
    }[rank] or "the first recorded"
    return Recipient(
        chosen.address, f"To {chosen.address}, of their {len(ranked)} addresses: {why}."
    )
