"""What Goodword says about a way in: the first ask, a draft message, an entry point's approach.

Pure text building from names and roles, so the web page, the CLI and the API say the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from goodword.sentences import full_stop


def first_name(name: str, given_name: str | None = None, notes: str | None = None) -> str:
    """What to call someone in a greeting: the name they go by when their notes keep one
    (an import's "Goes by Bob"), else their given name when one is recorded, else the first
    word of their name ("Dmitri Ivanov" is "Dmitri"), else the name as it is."""
    called = goes_by(notes)
    if called:
        return called
    if given_name and given_name.strip():
        return given_name.strip()
    words = name.split()
    return words[0] if words else name


# The line imports write for a nickname ("Goes by Bob", "Goes by Bob, Bobby").
_GOES_BY = re.compile(r"^\s*Goes by ([^,\n]+?)\s*(?:,|\.?\s*$)", re.MULTILINE)


def goes_by(notes: str | None) -> str | None:
    """The name the person goes by, from a "Goes by …" line of their notes (its first name
    when it gives several).

    >>> goes_by("Met at PyCon\\nGoes by Bob, Bobby")
    'Bob'
    """
    found = _GOES_BY.search(notes or "")
    return found.group(1) if found else None


@dataclass(frozen=True)
class Named:
    """A person as the wording needs them."""

    name: str
    given_name: str | None = None
    title: str | None = None
    organization: str | None = None
    # The name their notes say they go by (`goes_by`), which a greeting prefers.
    goes_by: str | None = None

    @property
    def first(self) -> str:
        return self.goes_by or first_name(self.name, self.given_name)

    @property
    def described(self) -> str:
        """ "Dana Li (Head of Product, Acme)" or just the name."""
        role = ", ".join(part for part in (self.title, self.organization) if part)
        return f"{self.name} ({role})" if role else self.name


def subject_for(
    *, role_title: str | None, organization: str | None, person: Named | None = None
) -> str:
    """What the user is exploring, as a phrase: "the Product Manager role at Acme"."""
    if role_title and organization:
        return f"the {role_title} role at {organization}"
    if organization:
        return f"opportunities at {organization}"
    if person is not None and person.organization:
        return f"the work {person.first}'s team does at {person.organization}"
    return "a change of job"


def first_ask(chain: list[Named], *, me: Named, subject: str) -> tuple[str, str]:
    """Return (what to ask for, a draft message) for a path me -> ... -> target."""
    contact, target = chain[0], chain[-1]
    sign = f"Thank you,\n{me.first}"
    if len(chain) == 1:
        ask = f"Ask {contact.name} for a short conversation about {full_stop(subject)}"
        draft = (
            f"Hi {contact.first},\n\n"
            f"I hope all is well. I'm looking into {subject}, and yours is the view I'd "
            "value most. Could we find twenty minutes in the next couple of weeks? I'd like "
            "to hear how you see the team and the work, and I'll come with a few specific "
            f"questions so it's a good use of your time.\n\n{sign}"
        )
        return ask, draft
    if len(chain) == 2:
        ask = f"Ask {contact.name} to introduce you to {full_stop(target.described)}"
        draft = (
            f"Hi {contact.first},\n\n"
            f"I hope you're well. I'm looking into {subject}, and I see you know "
            f"{full_stop(target.name)} Would you be comfortable introducing us? A line on how "
            "you know me is plenty; I can send you a short note about myself to pass on if that "
            "makes it easier. And if now isn't a good moment, no problem at all.\n\n"
            f"{sign}"
        )
        return ask, draft
    middle = chain[1]
    ask = (
        f"Ask {contact.name} to put you in touch with {middle.name}, "
        f"who can introduce you to {full_stop(target.described)}"
    )
    draft = (
        f"Hi {contact.first},\n\n"
        f"I hope you're well. I'm looking into {full_stop(subject)} I'd love to speak with "
        f"{target.name}, and I believe {middle.name} knows them. Would you be willing "
        f"to introduce me to {middle.first}? I'd then ask {middle.first}, with no pressure, "
        "whether an introduction onward makes sense. I'm happy to send a short note about "
        f"myself to make it easy.\n\n{sign}"
    )
    return ask, draft


def introduce(
    friend: Named, chain: list[Named], *, me: Named, subject: str
) -> tuple[str, str, str]:
    """Return (what to do, a draft message, its subject) when a path from a friend runs
    through the user first: the user makes the introduction, writing to the first person
    after them in `chain` (which ends at the target)."""
    contact, target = chain[0], chain[-1]
    sign = f"Thank you,\n{me.first}"
    if len(chain) == 1:
        ask = f"Introduce {friend.name} to {target.described} yourself: you know them both."
        draft = (
            f"Hi {contact.first},\n\n"
            f"I'd like to introduce you to {friend.name}, who is looking into {full_stop(subject)} "
            f"{friend.first} would value twenty minutes of your time, and I think you'd enjoy "
            "the conversation. If you're open to it, just reply to us both; and if now isn't "
            f"a good moment, no problem at all.\n\n{sign}"
        )
    else:
        ask = (
            f"Introduce {friend.name} to {contact.name} yourself; {contact.first} can "
            f"introduce them to {full_stop(target.described)}"
        )
        draft = (
            f"Hi {contact.first},\n\n"
            f"I'd like to introduce you to {friend.name}, who is looking into {subject} and "
            f"would love to speak with {full_stop(target.name)} Would you be open to a short "
            f"conversation with {friend.first}, and, if it feels right, to introducing them "
            f"to {target.first}? If now isn't a good moment, no problem at all.\n\n{sign}"
        )
    return ask, draft, f"Introducing {friend.name}"


ROLE_REASONS = {
    "customer": (
        "Works in a customer-facing role ({role}). People who sell or look after customers "
        "take calls as a habit, know the organization's problems first-hand and know who "
        "decides what."
    ),
    "department": (
        "Works in the department itself ({role}), so knows the team, its work and the "
        "person who makes the hiring decision."
    ),
    "elsewhere": (
        "Works elsewhere in the organization ({role}); can tell you how the place runs and "
        "whom to talk to."
    ),
    "personnel": (
        "Works in personnel or recruiting ({role}). They mostly screen people out, so use "
        "this door last, and not to send a resume."
    ),
}


def entry_reason(role_kind: str, *, title: str | None, department: str | None) -> str:
    role = ", ".join(part for part in (title, department) if part) or "role not recorded"
    return ROLE_REASONS[role_kind].format(role=role)


def advice_approach(person: Named, *, organization: str, department: str | None) -> str:
    """The advice call: ask for insight, not a job, then for the next name."""
    team = f"the {department} team" if department else "the team you're interested in"
    return (
        f"Ask {person.name} for twenty minutes of advice, not for a job. Before the call, "
        f"prepare one useful observation about {organization}'s market or customers. On the "
        f"call, ask how {organization} works, what {team} is busy with and what problems it "
        f"has; then ask whom in {team} they would suggest you talk to, and whether you may "
        "mention their name. Send a thank-you the same day."
    )
