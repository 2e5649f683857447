"""LinkedIn's data archive: connections, messages, invitations, profile, positions, e-mail
addresses and recommendations. Columns are found by header name, never by position."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from goodword.importers.cleaning import (
    clean_name,
    clean_organization,
    looks_like_email,
    parse_date,
    parse_datetime,
    profile_url,
)
from goodword.importers.reading import Table, cell, cells_getter, row_getter
from goodword.importers.records import (
    REFERENCE_TAG,
    IncomingInteraction,
    IncomingPerson,
    IncomingPosition,
    Labeled,
    Parsed,
    PersonRef,
    Role,
    Skipped,
)
from goodword.interactions.models import Direction, InteractionKind

SOURCE = "linkedin"


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:20]


def _linkedin_url(raw: str) -> str | None:
    if not raw:
        return None
    try:
        url, kind = profile_url(raw)
    except ValueError:
        return None
    return url if kind == "linkedin" else None


def _person(table: Table, line: int, first: str, last: str, **fields: object) -> IncomingPerson:
    given, family, notes = clean_name(first, last)
    person = IncomingPerson(
        source=SOURCE, file_name=table.name, line=line, given_name=given or None,
        family_name=family or None, **fields,  # type: ignore[arg-type]
    )  # fmt: skip
    if notes:
        person.notes = "\n".join(notes)
    return person


def parse_connections(table: Table) -> Parsed:
    """Connections.csv, old and new shapes: each row a person the user is connected to."""
    parsed = Parsed(table.name, "linkedin-connections", "LinkedIn connections")
    get_cells = cells_getter(
        table,
        [
            table.getter("first name"),
            table.getter("last name"),
            table.getter("url", "profile url"),
            table.getter("email address"),
            table.getter("company"),
            table.getter("position"),
            table.getter("connected on"),
        ],
    )
    seen: dict[str, int] = {}
    for line, row in table.rows:
        parsed.rows += 1
        values = get_cells(row)
        raw_first, raw_last, raw_url, raw_email, org, job, raw_connected = values
        # A date alone (Connected On) is still an empty row.
        if not any(values[:6]):
            parsed.skipped.append(
                Skipped(
                    table.name, line, "an empty row (LinkedIn leaves these for deleted accounts)"
                )
            )
            continue
        person = _person(table, line, raw_first, raw_last)
        if not person.given_name and not person.family_name:
            parsed.skipped.append(Skipped(table.name, line, "a connection without a name"))
            continue
        person.linkedin_connection = True
        person.connected_on = parse_date(raw_connected)
        if raw_connected and person.connected_on is None:
            person.warnings.append(
                f"connected on '{raw_connected}' is not a date Goodword reads; not kept"
            )
        url = _linkedin_url(raw_url)
        if url:
            person.urls.append(Labeled(url, "LinkedIn"))
        elif raw_url:
            person.warnings.append(f"'{raw_url}' is not a LinkedIn profile address; not kept")
        if raw_email.lower().startswith("urn:li:"):
            # A member id, not an address: still a stable key for this connection.
            person.key = raw_email
        elif raw_email and looks_like_email(raw_email):
            person.emails.append(Labeled(raw_email))
        elif raw_email:
            person.warnings.append(f"'{raw_email}' is not an e-mail address; not kept")
        if org:
            person.positions.append(IncomingPosition(clean_organization(org), job or None))
        key = url or person.key or f"name:{person.name.casefold()}|{person.connected_on or ''}"
        count = seen[key] = seen.get(key, 0) + 1
        person.key = key if count == 1 else f"{key}#{count}"
        parsed.people.append(person)
    return parsed


def parse_profile(table: Table) -> Parsed:
    """Profile.csv: the user themself."""
    parsed = Parsed(table.name, "linkedin-profile", "LinkedIn profile")
    for line, row in table.rows[:1]:
        parsed.rows += 1
        get = row_getter(table, row)
        person = _person(table, line, get("first name"), get("last name"), role=Role.ME)
        person.key = "profile"
        person.location = get("geo location", "location") or None
        person.birthday = parse_date(get("birth date"))
        headline, summary = get("headline"), get("summary")
        person.notes = "\n\n".join(p for p in (person.notes, headline, summary) if p) or None
        # Websites reads like "[PORTFOLIO:alice.example.org,BLOG:https://...]".
        for item in get("websites").strip("[]").split(","):
            label, _, address = item.strip().partition(":")
            if address.startswith("//"):
                label, address = "", item.strip()
            if not address:
                label, address = "", label
            try:
                url, _kind = profile_url(address.strip())
            except ValueError:
                continue
            person.urls.append(Labeled(url, label.strip().capitalize() or None))
        own_profile = _linkedin_url(get("public profile url", "profile url", "url"))
        if own_profile:
            person.urls.append(Labeled(own_profile, "LinkedIn"))
        parsed.people.append(person)
    return parsed


def parse_positions(table: Table) -> Parsed:
    """Positions.csv: the user's own career."""
    parsed = Parsed(table.name, "linkedin-positions", "LinkedIn positions (your career)")
    first = table.rows[0][0] if table.rows else 1
    me = IncomingPerson(
        source=SOURCE, file_name=table.name, line=first, role=Role.ME, key="profile"
    )
    for line, row in table.rows:
        parsed.rows += 1
        org = clean_organization(cell(table, row, table.getter("company name", "company")))
        if not org:
            parsed.skipped.append(Skipped(table.name, line, "a position without a company"))
            continue
        finished = cell(table, row, table.getter("finished on", "end date"))
        me.positions.append(
            IncomingPosition(
                organization=org,
                title=cell(table, row, table.getter("title")) or None,
                start_date=parse_date(cell(table, row, table.getter("started on", "start date"))),
                end_date=parse_date(finished),
                is_current=not finished,
            )
        )
    if me.positions:
        parsed.people.append(me)
    return parsed


def parse_emails(table: Table) -> Parsed:
    """Email Addresses.csv: the user's own addresses."""
    parsed = Parsed(table.name, "linkedin-emails", "LinkedIn e-mail addresses (yours)")
    first = table.rows[0][0] if table.rows else 1
    me = IncomingPerson(
        source=SOURCE, file_name=table.name, line=first, role=Role.ME, key="profile"
    )
    for line, row in table.rows:
        parsed.rows += 1
        address = cell(table, row, table.getter("email address"))
        if looks_like_email(address):
            me.emails.append(Labeled(address))
        else:
            parsed.skipped.append(Skipped(table.name, line, f"'{address}' is not an address"))
    if me.emails:
        parsed.people.append(me)
    return parsed


def parse_recommendations(table: Table) -> Parsed:
    """Recommendations given or received: flag those people as candidate references."""
    parsed = Parsed(table.name, "linkedin-recommendations", "LinkedIn recommendations")
    for line, row in table.rows:
        parsed.rows += 1
        get = row_getter(table, row)
        person = _person(table, line, get("first name"), get("last name"), role=Role.FLAG)
        if not person.name:
            parsed.skipped.append(Skipped(table.name, line, "a recommendation without a name"))
            continue
        person.tags.append(REFERENCE_TAG)
        org = clean_organization(get("company"))
        if org:
            person.positions.append(IncomingPosition(org, get("job title") or None))
        person.key = f"name:{person.name.casefold()}"
        parsed.people.append(person)
    return parsed


def parse_invitations(table: Table) -> Parsed:
    """Invitations.csv: invitations sent and received, as dated interactions."""
    parsed = Parsed(table.name, "linkedin-invitations", "LinkedIn invitations")
    for line, row in table.rows:
        parsed.rows += 1
        get = row_getter(table, row)
        sent_at = parse_datetime(get("sent at"))
        if sent_at is None:
            parsed.skipped.append(
                Skipped(table.name, line, f"'{get('sent at')}' is not a date this reader knows")
            )
            continue
        sender = PersonRef(get("from") or None, _linkedin_url(get("inviterprofileurl")))
        invitee = PersonRef(get("to") or None, _linkedin_url(get("inviteeprofileurl")))
        direction = get("direction").upper()
        message = get("message")
        summary = "LinkedIn invitation to connect" + (f": {message}" if message else "")
        parsed.interactions.append(
            IncomingInteraction(
                source=SOURCE, file_name=table.name, line=line,
                external_id="linkedin-invitation:" + _digest(
                    get("from"), get("to"), get("sent at"), message
                ),
                occurred_at=sent_at, kind=InteractionKind.MESSAGE, summary=summary,
                sender=sender, recipients=[invitee],
                direction={"OUTGOING": Direction.OUTBOUND, "INCOMING": Direction.INBOUND}.get(
                    direction
                ),
            )
        )  # fmt: skip
    return parsed


def parse_messages(table: Table) -> Parsed:
    """messages.csv, old (From, To, Direction) and new (sender and recipient URLs) shapes."""
    parsed = Parsed(table.name, "linkedin-messages", "LinkedIn messages")
    for line, row in table.rows:
        parsed.rows += 1
        get = row_getter(table, row)
        when = parse_datetime(get("date"))
        if when is None:
            parsed.skipped.append(
                Skipped(table.name, line, f"'{get('date')}' is not a date this reader knows")
            )
            continue
        subject, content = get("subject"), get("content")
        if not (subject or content):
            parsed.skipped.append(Skipped(table.name, line, "a message with no text"))
            continue
        sender = PersonRef(get("from") or None, _linkedin_url(get("sender profile url")))
        names = [n.strip() for n in get("to").split(",") if n.strip()]
        urls = [_linkedin_url(u.strip()) for u in get("recipient profile urls").split(",")]
        recipients = [
            PersonRef(names[i] if i < len(names) else None, urls[i] if i < len(urls) else None)
            for i in range(max(len(names), len(urls)))
        ]
        recipients = [r for r in recipients if r.name or r.url]
        direction = get("direction").upper()
        conversation = get("conversation id")
        parsed.interactions.append(
            IncomingInteraction(
                source=SOURCE, file_name=table.name, line=line,
                external_id=f"linkedin-message:{conversation}:" + _digest(
                    get("from"), get("to"), get("date"), subject, content
                ),
                occurred_at=when, kind=InteractionKind.MESSAGE,
                summary=f"{subject}\n\n{content}".strip() if subject else content,
                sender=sender, recipients=recipients,
                direction={"OUTGOING": Direction.OUTBOUND, "INCOMING": Direction.INBOUND}.get(
                    direction
                ),
            )
        )  # fmt: skip
    return parsed


# Header signatures (lower-cased) that identify each file, most specific first.
TABLE_FORMATS: list[tuple[str, frozenset[str], Callable[[Table], Parsed]]] = [
    (
        "linkedin-messages",
        frozenset({"conversation id", "from", "to", "date", "content"}),
        parse_messages,
    ),
    (
        "linkedin-messages",
        frozenset({"from", "to", "date", "subject", "content", "direction"}),
        parse_messages,
    ),
    ("linkedin-invitations", frozenset({"from", "to", "sent at", "direction"}), parse_invitations),
    (
        "linkedin-connections",
        frozenset({"first name", "last name", "company", "position", "connected on"}),
        parse_connections,
    ),
    (
        "linkedin-recommendations",
        frozenset({"first name", "last name", "text", "creation date"}),
        parse_recommendations,
    ),
    ("linkedin-profile", frozenset({"first name", "last name", "headline"}), parse_profile),
    ("linkedin-positions", frozenset({"company name", "title", "started on"}), parse_positions),
    ("linkedin-emails", frozenset({"email address", "confirmed", "primary"}), parse_emails),
]
