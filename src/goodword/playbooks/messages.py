"""The message library: Goodword's drafts in its own words, and pure functions to fill them.

Nothing here touches the database or sends anything. A template is a subject and a body with
`{placeholder}` names; `render` fills them from plain values and reports what it could not
fill, so the user sees the gap instead of a silently broken sentence.

    >>> draft = render(DEFAULTS["favour_thanks"], {"first_name": "Ada", "favour": "the review",
    ...     "my_name": "Robin"})
    >>> draft.subject
    'Thank you, Ada'
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from urllib.parse import quote

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Template:
    """One message in the library: a subject and a body with `{placeholder}` names."""

    key: str
    title: str
    purpose: str
    subject: str
    body: str
    # The placeholders the playbooks that draft this message give values for, in the order
    # shown to the user. A user's own version may use only these: any other would stay in
    # braces in every draft. tests/playbooks/test_message_placeholders.py checks each one
    # against what its playbooks really pass.
    fillable: tuple[str, ...]


@dataclass(frozen=True)
class Draft:
    """A filled-in message, ready for the user to edit and send themselves."""

    key: str
    subject: str
    body: str
    to: tuple[str, ...] = ()
    to_name: str | None = None
    # Which of the person's several addresses `to` is, and why (`addresses.recipient`).
    to_why: str | None = None
    # Placeholders that had no value: they stay in the text as `{name}` for the user to fill.
    missing: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.missing

    def as_text(self) -> str:
        """The draft as one block of text, for task notes and copying."""
        return f"Subject: {self.subject}\n\n{self.body}"


# Every name the library knows, with what fills it. Each message can use only some of them:
# see `Template.fillable`.
PLACEHOLDERS: dict[str, str] = {
    "first_name": "The recipient's given name, or the first word of their name when none is "
    "recorded.",
    "full_name": "The recipient's full name.",
    "my_name": "Your name, from the person marked as you.",
    "organization": "The organization of the opportunity the message is about.",
    "role": "The role of that opportunity.",
    "companies": "The companies you would like to be recommended at, as 'X, Y or Z'.",
    "target_organization": "The organization a referral is for.",
    "introduced_to": "Whom the referrer put you in touch with.",
    "progress": "What has happened since the introduction, in a short phrase.",
    "asked_on": "When you asked for the favour.",
    "hiring_manager": "The hiring manager of the opportunity.",
    "stress_points": "What your reference should stress.",
    "can_speak_to": "What your reference knows about your work first-hand.",
    "apply_after": "The date you plan to apply, after the reference has called.",
    "department": "The department or team you would like to learn about.",
    "last_contact": "When you were last in touch. With no contact logged, the words in brackets "
    "around it (or else its sentence) are left out.",
    "lead_title": "The opportunity, lead or event you are passing on.",
    "lead_details": "Its date, place (when in person), link and description, as known.",
    "reason": "Why it made you think of them.",
    "favour": "The favour they did you.",
}


def placeholder_words(name: str) -> str:
    """A gap in a draft in plain words: `stress_points` is "what your reference should
    stress" (the first sentence of what fills it, else the name with spaces)."""
    said = PLACEHOLDERS.get(name)
    if said is None:
        return name.replace("_", " ")
    first = said.split(". ")[0].rstrip(".")
    return first[:1].lower() + first[1:]


# What every playbook gives every message it drafts: the recipient and the user.
PERSON = ("first_name", "full_name", "my_name")
# A referral ask: whom it was for, where, when it was made and the opportunity it came from.
ASK = ("organization", "role", "target_organization", "introduced_to", "asked_on")
# What a reference is told, before applying or after.
_BRIEFING = """A short briefing, to make it easy:
- The role: {role} at {organization}.
- What matters most for it: {stress_points}
- What you have seen of my work first-hand: {can_speak_to}
- Whom to call: {hiring_manager}
"""

_LIBRARY = [
    Template(
        key="thank_and_release",
        title="Thank-you and release after a rejection",
        purpose="Thank an interviewer after a no, and free them of any awkwardness about it.",
        subject="Thank you for the {role} conversations",
        body="""Hi {first_name},

I've heard that {organization} went with another candidate for the {role} role. I'm \
disappointed, naturally, but mostly I'm grateful: you gave me real time and real attention, \
and I enjoyed our conversations.

Please don't feel awkward about the outcome on my account. You owe me nothing, and I would be \
glad if our paths crossed again.

With thanks,
{my_name}""",
        fillable=(*PERSON, "organization", "role"),
    ),
    Template(
        key="courtesy_ask",
        title="Ask for a professional courtesy",
        purpose="Ask someone who thought well of you to recommend you at a few named companies.",
        subject="A professional courtesy, if you're willing",
        body="""Hi {first_name},

Thank you again for the time you spent with me during the {role} process at {organization}. \
I came away with a lot of respect for you and the team.

May I ask a professional courtesy? I'm now looking at {companies}. If you know someone there \
and feel comfortable doing it, would you recommend me to them, or let me mention that we \
spoke? A short note from you would carry more weight than anything I could send.

If it doesn't feel right, just say so; no explanation needed.

With thanks,
{my_name}""",
        fillable=(*PERSON, "organization", "role", "companies"),
    ),
    Template(
        key="referral_thanks",
        title="Thanks for a referral, with a promise to report back",
        purpose="Thank someone who recommended you, and promise to tell them how it goes.",
        subject="Thank you for the introduction to {introduced_to}",
        body="""Hi {first_name},

Thank you for putting me in touch with {introduced_to} at {target_organization}. I know a \
recommendation carries your name as well as mine, and I'll treat it with care: I'll prepare \
properly and be on time for everything.

I'll let you know how it goes after the next step.

Gratefully,
{my_name}""",
        fillable=(*PERSON, *ASK, "progress"),
    ),
    Template(
        key="report_back",
        title="Report back to a referrer",
        purpose="Tell the person who recommended you what came of it, as promised.",
        subject="News from {target_organization}",
        body="""Hi {first_name},

As promised, an update: since you introduced me to {introduced_to} at {target_organization}, \
{progress}.

None of it would have happened without your word. Thank you again, and if there's anything \
I can do for you in return, I'd be glad to.

{my_name}""",
        fillable=(*PERSON, *ASK, "progress"),
    ),
    Template(
        key="graceful_close",
        title="Graceful close",
        purpose="Thank someone anyway when a request led nowhere, and leave the door open.",
        subject="Thank you all the same, {first_name}",
        body="""Hi {first_name},

I wanted to close the loop on the note I sent on {asked_on}. Please don't give it another \
thought if nothing came of it; I know how full everyone's days are.

I'm grateful for the time you gave me at {organization}, and I'd like to stay in touch. If I \
can ever return the favour, I'd be happy to.

All the best,
{my_name}""",
        fillable=(*PERSON, *ASK),
    ),
    Template(
        key="reference_request",
        title="Reference request with a briefing",
        purpose="Ask a reference to call the hiring manager before you apply, with what to say.",
        subject="Would you speak for me at {organization}?",
        body="""Hi {first_name},

I'm about to apply for the {role} role at {organization}, and I'd be grateful if you would \
speak for me. What would help most is a short call to {hiring_manager} before my application \
goes in, so that they hear about me first from someone they can trust.

"""
        + _BRIEFING
        + """
I plan to apply on or after {apply_after}. If the timing or the request doesn't suit you, \
please just say so; I'll understand completely.

Thank you,
{my_name}""",
        fillable=(
            *PERSON,
            "organization",
            "role",
            "hiring_manager",
            "stress_points",
            "can_speak_to",
            "apply_after",
        ),
    ),
    Template(
        key="reference_request_applied",
        title="Reference request, once you have applied",
        purpose="Ask a reference to call the hiring manager while your application is "
        "weighed, with what to say.",
        subject="Would you speak for me at {organization}?",
        body="""Hi {first_name},

My application for the {role} role at {organization} is in, and I'd be grateful if you would \
speak for me. A short call to {hiring_manager} while they weigh it would mean they hear \
about me from someone they can trust, not only from my own papers.

"""
        + _BRIEFING
        + """
If the timing or the request doesn't suit you, please just say so; I'll understand \
completely.

Thank you,
{my_name}""",
        fillable=(
            *PERSON,
            "organization",
            "role",
            "hiring_manager",
            "stress_points",
            "can_speak_to",
        ),
    ),
    Template(
        key="reference_thanks",
        title="Thank a reference",
        purpose="Thank a reference after they have spoken for you.",
        subject="Thank you for speaking for me, {first_name}",
        body="""Hi {first_name},

Thank you for calling {hiring_manager} about the {role} role at {organization}. Speaking for \
someone takes time and puts your own name forward, and I don't take it lightly.

I'll let you know how it turns out.

With thanks,
{my_name}""",
        fillable=(*PERSON, "organization", "role", "hiring_manager"),
    ),
    Template(
        key="advice_call",
        title="Advice-call request",
        purpose="Ask someone at a company for advice about how it works, not for a job.",
        subject="Could I ask your advice about {organization}?",
        body="""Hi {first_name},

I'm interested in the work {organization} does in {department}, and I'd value the view of \
someone who knows it from the inside. Could I have twenty minutes of your time for a call in \
the next week or two?

I'm not asking for a job; I'd like to understand how things work there and what matters to \
the people doing the work.

Thank you for considering it,
{my_name}""",
        fillable=(*PERSON, "organization", "role", "department"),
    ),
    Template(
        key="keep_in_touch",
        title="Keep-in-touch note",
        purpose="Check in with someone you haven't spoken to for a while.",
        subject="Catching up",
        body="""Hi {first_name},

It's been a while since we were last in touch (around {last_contact}), and you came to mind. \
How are things with you? I'd love to hear what you're working on these days.

If there's anything I can help with, just say.

{my_name}""",
        fillable=(*PERSON, "last_contact"),
    ),
    Template(
        key="pass_it_on",
        title="Pass-it-on note",
        purpose="Pass an opportunity, lead or event on to someone it fits.",
        subject="Thought of you: {lead_title}",
        body="""Hi {first_name},

I came across this and thought of you, {reason}:

{lead_title}
{lead_details}

No need to reply; I just didn't want it to pass you by.

{my_name}""",
        fillable=(*PERSON, "lead_title", "lead_details", "reason"),
    ),
    Template(
        key="favour_thanks",
        title="Thanks for a favour",
        purpose="Thank someone for a favour they did you.",
        subject="Thank you, {first_name}",
        body="""Hi {first_name},

Thank you for {favour}. It helped more than you might think, and I'd be glad to return the \
favour whenever I can.

{my_name}""",
        fillable=(*PERSON, "favour"),
    ),
]

DEFAULTS: dict[str, Template] = {template.key: template for template in _LIBRARY}

# Plausible values for previews, so a user editing a template sees it filled in.
SAMPLE_VALUES: dict[str, str] = {
    "first_name": "Morgan",
    "full_name": "Morgan Reyes",
    "my_name": "Sam Carter",
    "organization": "Larkspur Health",
    "role": "Senior Product Manager",
    "companies": "Lumenfold Optics, Jadeway Semiconductors or Kindling Nonprofit Software",
    "target_organization": "Lumenfold Optics",
    "introduced_to": "Priya Natarajan",
    "progress": "I've had a first conversation and I'm preparing for the next one",
    "asked_on": "3 Nov 2026",
    "hiring_manager": "Jordan Blake",
    "stress_points": "shipping with small teams; patient-facing products",
    "can_speak_to": "the scheduling project we ran together",
    "apply_after": "20 Nov 2026",
    "department": "Product",
    "last_contact": "Jun 2026",
    "lead_title": "Product meetup: pricing experiments",
    "lead_details": "2 Dec 2026 · https://example.org/meetup",
    "reason": "since you're interested in pricing",
    "favour": "reading my case study so closely",
}


def placeholders_in(text: str) -> list[str]:
    """The placeholder names a text uses, in order of first use."""
    seen: list[str] = []
    for name in PLACEHOLDER.findall(text):
        if name not in seen:
            seen.append(name)
    return seen


def fill(text: str, values: Mapping[str, str | None]) -> tuple[str, list[str]]:
    """Fill `{name}` placeholders; return the text and the names that had no value."""
    missing: list[str] = []

    def replace(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        if value is None or not str(value).strip():
            if match.group(1) not in missing:
                missing.append(match.group(1))
            return match.group(0)
        return str(value)

    return PLACEHOLDER.sub(replace, text), missing


def render(
    template: Template,
    values: Mapping[str, str | None],
    *,
    to: Sequence[str] = (),
    to_name: str | None = None,
    to_why: str | None = None,
) -> Draft:
    """Fill a template from plain values; a pure function."""
    subject, missing_subject = fill(template.subject, values)
    body, missing_body = fill(template.body, values)
    missing = list(dict.fromkeys(missing_subject + missing_body))
    return Draft(
        key=template.key,
        subject=" ".join(subject.split()),
        body=body.strip(),
        to=tuple(to),
        to_name=to_name,
        to_why=to_why,
        missing=tuple(missing),
    )


# Placeholders that can rightly have no value: with none, the words around them are left out
# of the draft instead of leaving the placeholder in braces for the user to fill (a lead known
# by its title alone: the pass-it-on note gives the title, with no line of details after it).
OPTIONAL = ("last_contact", "lead_details")


def leave_out(template: Template, name: str) -> Template:
    """The template without the words around `{name}`; a pure function.

    The brackets holding it go first ("in touch (around {last_contact}), and" becomes "in
    touch, and"); a placeholder outside brackets takes its sentence with it. A subject that
    would be left empty keeps the placeholder, so the gap shows instead.
    """
    subject = _without(template.subject, name)
    return replace(
        template,
        subject=subject if subject.strip() else template.subject,
        body=_without(template.body, name),
    )


def _without(text: str, name: str) -> str:
    token = re.escape(f"{{{name}}}")
    sentence = rf"[^.!?()\n]*{token}[^.!?()\n]*[.!?]?"
    text = re.sub(rf"[ \t]*\([^()\n]*{token}[^()\n]*\)", "", text)
    # A sentence first on its line goes with the spaces after it; a later one with the
    # spaces before it.
    text = re.sub(rf"(?m)^([ \t]*){sentence}[ \t]*", r"\1", text)
    text = re.sub(rf"(?<=[.!?])[ \t]+{sentence}", "", text)
    return re.sub(r"\n{3,}", "\n\n", text)


# What people do for each other, as a favour's summary says it ("Nour sent me the org chart")
# and as a thank-you does ("Thank you for sending me the org chart").
_DOING = {
    "answered": "answering",
    "arranged": "arranging",
    "bought": "buying",
    "brought": "bringing",
    "called": "calling",
    "checked": "checking",
    "coached": "coaching",
    "connected": "connecting",
    "covered": "covering",
    "drove": "driving",
    "edited": "editing",
    "endorsed": "endorsing",
    "explained": "explaining",
    "forwarded": "forwarding",
    "found": "finding",
    "gave": "giving",
    "got": "getting",
    "helped": "helping",
    "hosted": "hosting",
    "introduced": "introducing",
    "invited": "inviting",
    "lent": "lending",
    "looked": "looking",
    "made": "making",
    "mentioned": "mentioning",
    "met": "meeting",
    "offered": "offering",
    "paid": "paying",
    "passed": "passing",
    "proofread": "proofreading",
    "put": "putting",
    "read": "reading",
    "recommended": "recommending",
    "referred": "referring",
    "reviewed": "reviewing",
    "sent": "sending",
    "set": "setting",
    "shared": "sharing",
    "showed": "showing",
    "spoke": "speaking",
    "talked": "talking",
    "taught": "teaching",
    "told": "telling",
    "took": "taking",
    "vouched": "vouching",
    "walked": "walking",
    "wrote": "writing",
}


def favour_phrase(summary: str | None, names: Sequence[str]) -> str | None:
    """What a thank-you thanks someone for, from the summary of the favour they did, written
    about them by one of their `names` (or they, she, he); None when the summary does not
    read that way, so the draft leaves `{favour}` for the user to fill.

    >>> favour_phrase("Nour sent me the Halcyon org chart.", ["Nour Nasser", "Nour"])
    'sending me the Halcyon org chart'
    >>> favour_phrase("She reviewed my portfolio case study", ["Ada"])
    'reviewing my portfolio case study'
    >>> favour_phrase("Org chart from Nour", ["Nour"]) is None
    True
    """
    text = " ".join((summary or "").split()).rstrip(".!;, ")
    folded = text.casefold()
    for name in sorted({*names, "they", "she", "he"}, key=len, reverse=True):
        if name and folded.startswith(name.casefold() + " "):
            verb, _, rest = text[len(name) + 1 :].partition(" ")
            doing = _DOING.get(verb.casefold())
            return f"{doing} {rest}".strip() if doing else None
    return None


def join_names(names: Sequence[str], conjunction: str = "or") -> str:
    """'X', 'X or Y', 'X, Y or Z'."""
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def format_date(value: date | None) -> str | None:
    """'12 Nov 2026', the way the rest of Goodword writes dates."""
    if value is None:
        return None
    return f"{value.day} {value:%b %Y}"


# Under this long since the last contact, "it's been a while" is not true; from this long,
# it is more than a while.
RECENT = timedelta(days=28)
LONG_AGO = timedelta(days=365)
_A_WHILE = re.compile(
    r"It's been a while since we were last in touch \(around ([^()\n]+)\), and you came to "
    r"mind\."
)


def as_it_was(made: Draft, last: date, today: date) -> Draft:
    """The keep-in-touch note's opening said as long as it has been since `last`: "We were
    in touch today" or "only recently (on 20 Nov 2026)" within four weeks, "It's been a long
    time ... (around March 2024)" after a year, else as the note says it. A sentence of the
    user's own wording is left as they wrote it."""
    if today - last < RECENT:
        when = "today" if last >= today else f"only recently (on {format_date(last)})"
        said = f"We were in touch {when}, and you came to mind again."
    elif today - last >= LONG_AGO:
        said = (
            f"It's been a long time since we were last in touch (around {last:%B %Y}), and "
            "you came to mind."
        )
    else:
        return made
    return replace(made, body=_A_WHILE.sub(said, made.body))


def mailto_url(draft: Draft) -> str:
    """A `mailto:` link that opens the draft in the user's mail client (RFC 6068).

    Every reserved character is percent-encoded, line breaks become CRLF, and the addresses
    keep their `@`.
    """
    addresses = ",".join(quote(address, safe="@") for address in draft.to)
    body = draft.body.replace("\r\n", "\n").replace("\n", "\r\n")
    query = f"subject={quote(draft.subject, safe='')}&body={quote(body, safe='')}"
    return f"mailto:{addresses}?{query}"


def eml_bytes(
    draft: Draft,
    *,
    from_address: str | None = None,
    from_name: str | None = None,
    at: datetime | None = None,
) -> bytes:
    """The draft as an `.eml` file the user can open, edit and send from their mail client.

    Marked `X-Unsent: 1` so clients that understand it open the file as a draft to send.
    """
    message = EmailMessage()
    if from_address:
        message["From"] = formataddr((from_name or "", from_address))
    if draft.to:
        first = formataddr((draft.to_name or "", draft.to[0]))
        message["To"] = ", ".join([first, *draft.to[1:]])
    message["Subject"] = draft.subject
    message["Date"] = format_datetime((at or datetime.now(UTC)).astimezone(UTC))
    message["X-Unsent"] = "1"
    message.set_content(draft.body)
    return bytes(message)
