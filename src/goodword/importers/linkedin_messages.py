"""LinkedIn's messages and invitations (messages.csv, Invitations.csv), each with an id that
a newer archive or a re-saved file gives again; drafts, spam, advertisements and
conversations with no one but a LinkedIn placeholder are left out, with why."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime

from goodword.importers import dateorder
from goodword.importers.cleaning import split_names
from goodword.importers.dates import parse_datetime
from goodword.importers.linkedin import SOURCE, date_order, digest, linkedin_url
from goodword.importers.plaintext import plain_text
from goodword.importers.records import IncomingInteraction, Parsed, PersonRef, Skipped
from goodword.importers.tables import Table, cell, row_getter
from goodword.interactions.models import Direction, InteractionKind
from goodword.records import shown


def _who(ref: PersonRef) -> str:
    """A person a message names, as its id takes them: by profile, which outlives a change
    of name; else by name, however spaced or capitalised."""
    return ref.url or " ".join((ref.name or "").casefold().split())


def _stable_id(
    kind: str, when: datetime, sender: PersonRef, others: Sequence[PersonRef], *text: str
) -> str:
    """A message's or invitation's id from what stays the same in a newer archive or a
    re-saved file: who (`_who`), the time as read (not as written: a spreadsheet writes
    "1/8/18, 6:14 PM" as "1/8/2018 18:14"), and the text with its spacing evened out."""
    return kind + digest(
        _who(sender),
        *sorted(_who(r) for r in others),
        when.isoformat(),
        *(" ".join(t.split()) for t in text),
    )


def _numbered(seen: dict[str, int], external_id: str) -> str:
    """The id, numbered from the second time a file holds it (the same words sent twice in
    one minute are two messages)."""
    count = seen[external_id] = seen.get(external_id, 0) + 1
    return external_id if count == 1 else f"{external_id}#{count}"


def parse_invitations(table: Table) -> Parsed:
    """Invitations.csv: invitations sent and received, as dated interactions."""
    parsed = Parsed(table.name, "linkedin-invitations", "LinkedIn invitations")
    sent_column = table.getter("sent at")
    order = date_order(
        parsed, [(line, cell(table, row, sent_column)) for line, row in table.rows], "Sent At"
    )
    seen: dict[str, int] = {}
    for line, row in table.rows:
        parsed.rows += 1
        get = row_getter(table, row)
        sent_at = parse_datetime(dateorder.month_first(get("sent at"), order))
        if sent_at is None:
            parsed.skipped.append(
                Skipped(
                    table.name, line, f"'{shown(get('sent at'))}' is not a date this reader knows"
                )
            )
            continue
        sender = PersonRef(get("from") or None, linkedin_url(get("inviterprofileurl")))
        invitee = PersonRef(get("to") or None, linkedin_url(get("inviteeprofileurl")))
        direction = get("direction").upper()
        message = get("message")
        summary = "LinkedIn invitation to connect" + (f": {message}" if message else "")
        parsed.interactions.append(
            IncomingInteraction(
                source=SOURCE, file_name=table.name, line=line,
                external_id=_numbered(seen, _stable_id(
                    "linkedin-invitation:", sent_at, sender, [invitee], message
                )),
                former_id="linkedin-invitation:" + digest(
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


# Names LinkedIn puts where a person would be (lower-cased), and why a conversation with no
# one else on the other side is skipped. None of them is a person to add.
PLACEHOLDERS = {
    "linkedin member": "a conversation with a deleted or hidden account only (LinkedIn "
    "shows it as 'LinkedIn Member'); no one to add it to",
    "sponsored": "an advertisement (LinkedIn shows its sender as 'Sponsored'), not a "
    "conversation with a person",
    "linkedin": "a message from LinkedIn itself, not from a person",
}


def _ref(name: str, url: str | None, placeholders: set[str]) -> PersonRef:
    """Who a message names; a placeholder's name is dropped (noted in `placeholders`)."""
    if " ".join(name.casefold().split()) in PLACEHOLDERS:
        placeholders.add(" ".join(name.casefold().split()))
        return PersonRef(None, url)
    return PersonRef(name or None, url)


# How a sponsored message (an advertiser's, sent as if from a person) shows itself: its
# conversation's title, its template's markup, or a name left to fill in.
_SPONSORED = re.compile(r"spinmail|%FIRSTNAME%|%LASTNAME%", re.IGNORECASE)
# Skipped, with why: messages LinkedIn filed as spam, and sponsored ones.
_SPAM = "a message LinkedIn filed as spam, not a conversation with someone you know"
_ADVERT = (
    "a sponsored message (an advertiser's, sent as if from a person), not a conversation "
    "with someone you know"
)


def _not_a_conversation(get: Callable[..., str]) -> str | None:
    """Why a message is no one's conversation with you (spam, an advertisement), or None."""
    if get("folder").upper() == "SPAM":
        return _SPAM
    if get("conversation title").casefold().startswith("sponsored") or _SPONSORED.search(
        get("content")
    ):
        return _ADVERT
    return None


# How a message's summary names its conversation's title (a group's own name, "PyCon 2026
# speakers"), before its subject and text; no part of the text two copies are told by.
TITLED = re.compile(r"\AConversation: [^\n]*\n\n")


def _summary(title: str, subject: str, content: str) -> str:
    """A message's summary: its conversation's title (when it has one, other than its
    subject), its subject and its text, each a paragraph."""
    named = f"Conversation: {' '.join(title.split())}" if title and title != subject else ""
    return "\n\n".join(part for part in (named, subject, content) if part)


def _is_draft(get: Callable[..., str]) -> bool:
    return get("folder").upper() == "DRAFTS" or get("is message draft").lower() in {
        "yes", "true", "1",
    }  # fmt: skip


def parse_messages(table: Table) -> Parsed:
    """messages.csv, old (From, To, Direction) and new (sender and recipient URLs) shapes.

    Drafts (never sent) are left out, and so is a conversation whose other side is only a
    LinkedIn placeholder (a deleted account, an advertisement, LinkedIn itself); HTML in a
    message's text (InMail) is read as plain text.
    """
    parsed = Parsed(table.name, "linkedin-messages", "LinkedIn messages")
    date_column = table.getter("date")
    order = date_order(
        parsed, [(line, cell(table, row, date_column)) for line, row in table.rows], "Date"
    )
    drafts = 0
    left_out: dict[str, int] = {}  # spam and sponsored messages, by why
    # Conversation -> the people in it (names or profiles) and the placeholders met in it.
    people_in: dict[str, set[str]] = {}
    placeholders_in: dict[str, set[str]] = {}
    kept: list[tuple[str, IncomingInteraction]] = []
    seen: dict[str, int] = {}
    for line, row in table.rows:
        parsed.rows += 1
        get = row_getter(table, row)
        if _is_draft(get):
            drafts += 1
            parsed.skipped.append(Skipped(table.name, line, "a draft, never sent"))
            continue
        unwanted = _not_a_conversation(get)
        if unwanted is not None:
            left_out[unwanted] = left_out.get(unwanted, 0) + 1
            parsed.skipped.append(Skipped(table.name, line, unwanted))
            continue
        # Without a conversation id (the old shape), a message is its own conversation.
        conversation = get("conversation id") or f"line {line}"
        placeholders = placeholders_in.setdefault(conversation, set())
        sender = _ref(get("from"), linkedin_url(get("sender profile url")), placeholders)
        urls = [
            linkedin_url(u.strip())
            for u in get("recipient profile urls").replace(";", ",").split(",")
        ]
        names = split_names(get("to"))
        if len(names) == 2 and len(urls) == 1 and urls[0] and " " not in names[0].strip():
            # One recipient, whose name has a comma of its own ("Nayak, Priya Devi"); not
            # two people, one of them linked ("Kim Example, Priya Nayak").
            names = [" ".join(get("to").split())]
        recipients = [
            _ref(names[i] if i < len(names) else "", urls[i] if i < len(urls) else None,
                 placeholders)
            for i in range(max(len(names), len(urls)))
        ]  # fmt: skip
        recipients = [r for r in recipients if r.name or r.url]
        people_in.setdefault(conversation, set()).update(
            " ".join(r.name.casefold().split()) if r.name else r.url or ""
            for r in (sender, *recipients)
            if r.name or r.url
        )
        when = parse_datetime(dateorder.month_first(get("date"), order))
        if when is None:
            parsed.skipped.append(
                Skipped(table.name, line, f"'{shown(get('date'))}' is not a date this reader knows")
            )
            continue
        subject, raw_content = get("subject"), get("content")
        content = plain_text(raw_content)
        if not (subject or content):
            parsed.skipped.append(Skipped(table.name, line, "a message with no text"))
            continue
        direction = get("direction").upper()
        kept.append(
            (
                conversation,
                IncomingInteraction(
                    source=SOURCE, file_name=table.name, line=line,
                    external_id=_numbered(seen, _stable_id(
                        f"linkedin-message:{get('conversation id')}:", when, sender,
                        recipients, subject, raw_content,
                    )),
                    former_id=f"linkedin-message:{get('conversation id')}:" + digest(
                        get("from"), get("to"), get("date"), subject, raw_content
                    ),
                    occurred_at=when, kind=InteractionKind.MESSAGE,
                    summary=_summary(get("conversation title"), subject, content),
                    sender=sender, recipients=recipients,
                    direction={"OUTGOING": Direction.OUTBOUND,
                               "INCOMING": Direction.INBOUND}.get(direction),
                ),
            )
        )  # fmt: skip
    for conversation, interaction in kept:
        # You are in every conversation: one person in it is you alone.
        placeholders = placeholders_in[conversation]
        if placeholders and len(people_in[conversation]) <= 1:
            reason = next(why for name, why in PLACEHOLDERS.items() if name in placeholders)
            parsed.skipped.append(Skipped(table.name, interaction.line, reason))
        else:
            parsed.interactions.append(interaction)
    if drafts:
        parsed.notes.append(
            f"{table.name}: {drafts} draft{'s' if drafts > 1 else ''} left out (never sent)"
        )
    for why, said in ((_SPAM, "LinkedIn filed as spam"), (_ADVERT, "sponsored (adverts)")):
        if left_out.get(why):
            count = left_out[why]
            parsed.notes.append(
                f"{table.name}: {count} message{'s' if count > 1 else ''} {said} left out"
            )
    return parsed


# Header signatures (lower-cased) of the two files, most specific first (before the
# other LinkedIn files': `linkedin.TABLE_FORMATS`).
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
]
