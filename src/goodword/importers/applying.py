"""One record applied to a person the workspace knows: what it fills in, adds or moves, and
what it leaves as the user set it, in words for the report. A newer copy of a record
imported before moves the name, place, birthday and keep-in-touch rhythm it said then
(`earlier.said_then`); e-mails, phones, web addresses, notes and tags are only ever added,
and jobs change as `jobs.py` says. What such a copy said then and still says, yet the
person lacks, was taken off by hand since, and is not put back (see `apply_record`)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from goodword.duplicates.names import fold
from goodword.importers.bulk import Changes, Known
from goodword.importers.cleaning import (
    LOSSY,
    lossy_copy,
    lossy_part,
    rounded_by_spreadsheet,
    rounded_from,
)
from goodword.importers.combine import Combined
from goodword.importers.jobs import (
    END_THE_JOB,
    add_job,
    held_job,
    paired_jobs,
    past_beside_title,
)
from goodword.importers.records import IncomingPosition
from goodword.importers.state import WorkspaceState, holds_phone
from goodword.people import birthdays, normalize
from goodword.people.schemas import NOTES_MAX
from goodword.records import clean_list, unify_line_breaks

# Between a note's paragraphs: a blank line, or a line of spaces.
_PARAGRAPHS = re.compile(r"\n[ \t]*\n\s*")


def apply_record(
    state: WorkspaceState,
    org_names: dict[int, str],
    workspace_id: int,
    person: Known,
    data: Combined,
    out: Changes,
    *,
    newer: bool,
    said: frozenset[str] | None = None,
    left: list[str] | None = None,
    keep_off: bool = False,
    again: bool = False,
    keep_current: bool = False,
    reopen: bool = False,
    title_alone: str | None = None,
    older: bool = False,
    lines_then: dict[str, str] | None = None,
) -> list[str]:
    """Apply one record's values to a known person and say what changed. A newer copy
    of a record imported before moves the name, place and birthday the record `said` when
    last imported (see `_said_then`); one set apart from it (by hand, say) stays, and
    `left` says what the file holds.

    With `keep_off` (a newer copy whose `said` is known, not imported with reapply), every
    field outside `said` says what it said when last imported. What of a list it gave (an
    e-mail address, a tag, a note, a job) the person lacks now was taken off by hand since
    (an import adds all of them), and stays off; a place, birthday, how-you-met or rhythm
    emptied since stays empty (the record may not have set it: someone had one already).
    `left` names both. `again` (a copy of a record imported before, found by its key) may
    retitle a job; with `keep_current`, an undated job ends no current one, and with `reopen`
    one held as past may be current again (`jobs.add_job`). A LinkedIn connection's
    `title_alone` (matched to the person, not a newer copy) makes their undated current
    jobs past, unless one is that title (`jobs.past_beside_title`). `lines_then` (a newer
    copy's labelled note lines that replace one it said then: `SaidThen.lines_then`) changes
    those lines of the notes in place."""
    off = keep_off and newer and said is not None
    told = said or frozenset()
    taken_off: list[str] = []
    changes: list[str] = []
    values = person.values
    if data.given_name and not values["given_name"] and not values["family_name"]:
        values["given_name"], values["family_name"] = data.given_name, data.family_name
        if _stands_in(values["display_name"], person):
            # (A card with no name is shown by its e-mail address or phone, until one says.)
            shown = data.display_name or " ".join(
                p for p in (data.given_name, data.family_name) if p
            )
            values["display_name"] = shown[:200]
        changes.append("name filled in")
    elif newer:
        _rename(
            values, data, said, changes, left, stood_in=_stands_in(values["display_name"], person)
        )
    elif left is not None:
        # Another source's record, matched: the name stays, and the report says the file's
        # when it says more or otherwise ("Chiamaka Ada Okafor", "Bob Smith").
        name = data.display_name or " ".join(p for p in (data.given_name, data.family_name) if p)
        current = values["display_name"] or " ".join(
            p for p in (values["given_name"], values["family_name"]) if p
        )
        if (
            name
            and name != current
            and not _stands_in(current, person)
            and not lossy_copy(name, current)
            and not _says_less(name, current)
        ):
            left.append(
                f"name left at {current} (the file says {name}; edit the person to change it)"
            )
    for label, attribute in (("location", "location"), ("birthday", "birthday")):
        value, current = getattr(data, attribute), values[attribute]
        if not value or value == current:
            continue
        if attribute == "birthday" and current is None and values["birthday_no_year"]:
            _whole_birthday_over_day(values, value, changes, left, newer=newer, told=told)
            continue
        if isinstance(value, str) and lossy_copy(value, current):
            if left is not None:
                left.append(f"{label} left at {current} (the file says {value}: {LOSSY})")
            continue
        if current is None and off and attribute not in told:
            if left is not None:
                left.append(_left_empty(label, str(value)))
        elif current is None or (newer and attribute in told):
            values[attribute] = value
            changes.append(f"{label} {'set to' if current is None else 'now'} {value}")
            if attribute == "birthday":
                values["birthday_no_year"] = None  # (the whole date says more)
        elif left is not None:
            left.append(
                f"{label} left at {current} (the file says {value}; edit the person to change it)"
            )
    _birthday_without_year(values, data.birthday_no_year, changes, left, off=off, told=told)
    days, held_days = data.keep_in_touch_days, values["keep_in_touch_days"]
    if days is not None and days != held_days:
        every = f"every {days} days" if days else "no reminders"
        if held_days is None and off and "keep_in_touch_days" not in told:
            if left is not None:
                left.append(_left_empty("keep in touch", every))
        elif held_days is None or (newer and "keep_in_touch_days" in told):
            values["keep_in_touch_days"] = days
            changes.append(f"keep in touch {every}")
        elif left is not None:
            left.append(
                f"keep in touch left at every {held_days} days (the file says {every}; "
                "edit the person to change it)"
                if held_days
                else f"keep in touch left at no reminders (the file says {every})"
            )
    how, held_how = data.how_we_met, values["how_we_met"]
    if how and not held_how and off:
        if left is not None:
            left.append(_left_empty("how you met", f"'{how}'"))
    elif how and not held_how:
        values["how_we_met"] = how
        changes.append("how you met filled in")
    elif how and left is not None and unify_line_breaks(how) != unify_line_breaks(held_how):
        why = f": {LOSSY}" if lossy_copy(how, held_how) else "; edit the person to change it"
        left.append(f"how you met left as it was (the file says '{how}'{why})")
    for line, then in (lines_then or {}).items():
        # A labelled line the record said otherwise when last imported (a card's RELATED
        # renamed, `SaidThen.lines_then`) takes the place of the line it added then.
        written = unify_line_breaks(values["notes"] or "").split("\n")
        at = next((i for i, held in enumerate(written) if held.strip() == then), None)
        if at is not None:
            written[at] = line
            values["notes"] = "\n".join(written)
            changes.append(f"note '{then}' now '{line}'")
    for note in data.notes:
        # Notes stored before line breaks were unified may still hold "\r\n".
        kept = unify_line_breaks(values["notes"] or "")
        note = unify_line_breaks(note)
        if note in kept:
            continue
        # Of a note in paragraphs, those the person's notes hold already are not added
        # twice (a newer headline above the same summary adds the headline), nor is one
        # whose every line they hold (Google's CSV writes a contact's nickname, relations
        # and note a line each; its vCard the same a paragraph each).
        paragraphs = [p.strip() for p in _PARAGRAPHS.split(note) if p.strip()]
        held = {p.strip() for p in _PARAGRAPHS.split(kept)}
        lines = {line.strip() for line in kept.split("\n") if line.strip()}
        # (A line under a column's name is held as written without it: "Acme" for "Met at:
        # Acme", as one column alone, or a version before the names were kept, wrote it.)
        lines |= {named for named, bare in data.note_labels.items() if bare in lines}
        # Of a paragraph some of whose lines the notes hold, only the other lines are new (a
        # CRM's note that grew a line; Thunderbird's notes beside a nickname that changed).
        new = [
            "\n".join(line for line in p.split("\n") if line.strip() not in lines) or p
            if p not in held
            else ""
            for p in paragraphs
        ]
        new = [p for p in new if p and not all(line.strip() in lines for line in p.split("\n"))]
        if not new:
            continue
        if new != paragraphs:
            note = "\n\n".join(new)
        if lossy_part(note, kept):
            if left is not None:
                left.append(f"notes left as they were ({LOSSY})")
            continue
        if off and "notes" not in told:
            taken_off.append("its note")
            continue
        joined = f"{values['notes']}\n\n{note}" if values["notes"] else note
        if len(joined) > NOTES_MAX:
            if left is not None:
                left.append(
                    f"its note not added: the person's notes would pass the {NOTES_MAX:,} "
                    "characters they hold"
                )
            continue
        values["notes"] = joined
        changes.append("notes added")
    for attribute, one in (("tags", "tag"), ("interests", "interest")):
        before = list(values[attribute] or [])
        after = clean_list([*before, *getattr(data, attribute)])
        if after != before and off and attribute not in told:
            taken_off += [f"{one} {value}" for value in after[len(before) :]]
        elif after != before:
            values[attribute] = after
            changes.append(f"{attribute} added: " + ", ".join(after[len(before) :]))
    person.dirty = person.dirty or bool(changes)
    # A list the file added to since (in `told`) gives its new ones; of the others, one
    # the person lacks was taken off by hand.
    contacts = {"emails", "phones", "urls"} & told if off else {"emails", "phones", "urls"}
    if "emails" not in contacts:
        taken_off += [f"e-mail {a}" for a in data.emails if a not in person.emails]
    if "phones" not in contacts:
        taken_off += [
            f"phone {normalize.phone_text(n)}"
            for n in data.phones
            if not holds_phone(person.phones, n, state.region)
        ]
    if "urls" not in contacts:
        taken_off += [f"web address {u}" for u in data.urls if u not in person.urls]
    changes += _add_contacts(person, data, out, workspace_id, contacts, state.region)
    # (Each dated job of the record paired with a job held best first: `jobs.paired_jobs`.)
    paired = paired_jobs(state, person, data.positions)
    taken = {id(held) for held in paired.values()}  # (the jobs held a dated job of it is)
    if off and "positions" not in told:
        taken_off += [
            f"job {_job_words(position)}"
            for index, position in enumerate(data.positions)
            if (paired.get(index) or held_job(state, person, position, taken)) is None
        ]
    else:
        # One record's jobs are one set (LinkedIn's Positions.csv lists every job, newest
        # first): none of them ends another, nor a job held already that it says is current.
        own = {
            id(held)
            for index, position in enumerate(data.positions)
            if position.is_current and position.end_date is None
            for held in [paired.get(index) or held_job(state, person, position, taken)]
            if held is not None
        }
        # The jobs it says ended go first, so a job it says is current ends none of them
        # at its own start (their own ends are the file's); the report keeps the file's order.
        done: dict[int, list[str]] = {}
        title_now = _title_alone(values["notes"]) if keep_current else None
        for index in sorted(
            range(len(data.positions)), key=lambda i: data.positions[i].end_date is None
        ):
            done[index] = add_job(
                state, org_names, person, data.positions[index], out, own, retitle=again,
                left=left, keep_current=keep_current, reopen=reopen, title_now=title_now,
                older=older, taken=taken, paired=paired.get(index),
            )  # fmt: skip
        changes += [change for index in sorted(done) for change in done[index]]
    if title_alone and not newer:
        names = {**state.organization_names, **org_names}
        changes += past_beside_title(names, person, out, title_alone)
    if newer and "positions" in told and not data.positions and left is not None:
        # The file gave a job when last imported and gives none now (a LinkedIn connection
        # with no Company any more): they may have left it, or hidden it. Said, not ended.
        names = {**state.organization_names, **org_names}
        current = [
            f"{job.title} at {names[job.organization_id]}"
            if job.title
            else names[job.organization_id]
            for job in person.positions
            if job.is_current and job.organization_id in names
        ]
        if current:
            left.append(
                f"the file gives no job now; {', '.join(current)} left as current (if they "
                f"left, {END_THE_JOB})"
            )
    if taken_off and left is not None:
        left.append(
            "not put back, as taken off since the last import: "
            + ", ".join(taken_off)
            + f" (import with reapply to bring {'them' if len(taken_off) > 1 else 'it'} back)"
        )
    return changes


def _title_alone(notes: str | None) -> str | None:
    """The title a LinkedIn connection's row gave with no company, as its import keeps it
    in the notes ("Job title: Freelance UX designer", `linkedin.parse_connections`); the
    last, when a newer row added another."""
    said = [line[len(_TITLE_ALONE) :].strip() for line in (notes or "").splitlines()
            if line.startswith(_TITLE_ALONE)]  # fmt: skip
    return said[-1] if said and said[-1] else None


_TITLE_ALONE = "Job title: "


def _birthday_without_year(
    values: dict[str, Any],
    day: str | None,
    changes: list[str],
    left: list[str] | None,
    *,
    off: bool,
    told: frozenset[str],
) -> None:
    """A birthday without its year fills in a person who has no birthday; one with a whole
    birthday keeps it (the file's day is said when it is another day)."""
    if not day or day == values["birthday_no_year"]:
        return
    said, held = birthdays.shown(day), values["birthday"] or values["birthday_no_year"]
    if isinstance(held, date) and (held.month, held.day) == birthdays.parts(day):
        return  # the same day, with its year
    if held is None and off and "birthday" not in told:
        if left is not None:
            left.append(_left_empty("birthday", said))
    elif held is None:
        values["birthday_no_year"] = day
        changes.append(f"birthday set to {said}")
    elif left is not None:
        shown = held if isinstance(held, date) else birthdays.shown(held)
        left.append(
            f"birthday left at {shown} (the file says {said}; edit the person to change it)"
        )


def _whole_birthday_over_day(
    values: dict[str, Any],
    whole: date,
    changes: list[str],
    left: list[str] | None,
    *,
    newer: bool,
    told: frozenset[str],
) -> None:
    """A whole birthday from the file where the person has only its day: on the same day it
    adds the year; on another day the day kept stays, as a whole birthday would."""
    day = values["birthday_no_year"]
    if (whole.month, whole.day) == birthdays.parts(day) or (newer and "birthday" in told):
        values["birthday"], values["birthday_no_year"] = whole, None
        changes.append(f"birthday now {whole}")
    elif left is not None:
        left.append(
            f"birthday left at {birthdays.shown(day)} (the file says {whole}; "
            "edit the person to change it)"
        )


def _left_empty(label: str, said: str) -> str:
    return f"{label} left empty (the file says {said}; edit the person to change it)"


def _add_contacts(
    person: Known, data: Combined, out: Changes, workspace_id: int, lists: set[str], region: str
) -> list[str]:
    """Add the e-mail addresses, phones and web addresses the person lacks, of the `lists`
    named ("emails", "phones", "urls")."""
    changes: list[str] = []
    base = {"workspace_id": workspace_id, "person_id": person.id}
    emails = data.emails if "emails" in lists else {}
    phones = data.phones if "phones" in lists else {}
    urls = data.urls if "urls" in lists else {}
    for address, email_label in emails.items():
        if address not in person.emails:
            person.emails[address] = len(person.emails)
            out.emails.append({**base, "address": address, "label": email_label,
                               "position": person.emails[address]})  # fmt: skip
            changes.append(f"new e-mail {address}")
    for number, phone_label in phones.items():
        if rounded_by_spreadsheet(number) and any(rounded_from(number, n) for n in person.phones):
            continue  # (the number the person has, as a spreadsheet re-saved it: rounded)
        if not holds_phone(person.phones, number, region):
            person.phones[number] = len(person.phones)
            out.phones.append({**base, "number": number, "label": phone_label,
                               "reversed_digits": normalize.reversed_digits(number),
                               "position": person.phones[number]})  # fmt: skip
            changes.append(f"new phone {normalize.phone_text(number)}")
    for url, (kind, url_label) in urls.items():
        if url not in person.urls:
            person.urls[url] = len(person.urls)
            out.urls.append({**base, "url": url, "kind": kind, "label": url_label,
                             "position": person.urls[url]})  # fmt: skip
            changes.append(f"new web address {url}")
    return changes


def _job_words(position: IncomingPosition) -> str:
    return (
        f"{position.title} at {position.organization}"
        if position.title
        else (position.organization)
    )


def _rename(
    values: dict[str, Any],
    data: Combined,
    said: frozenset[str] | None,
    changes: list[str],
    left: list[str] | None,
    *,
    stood_in: bool = False,
) -> None:
    """Move the person's name to a newer copy's (a married name, say) when the name
    Goodword holds is the one the record gave when last imported, keeping the old one in
    the notes (unless it only `stood_in` for a name: their e-mail address or phone); a
    name set apart from the record stays, and `left` says the file's.

    The name shown, given name and family name move together: they are one name, and
    a name shown set by hand beside the record's given and family names is the user's.
    """
    given, family = data.given_name, data.family_name
    shown = (data.display_name or " ".join(p for p in (given, family) if p))[:200]
    held = (values["display_name"], values["given_name"], values["family_name"])
    if not shown or (shown, given, family) == held:
        return
    current, name = held[0], shown
    if shown == current:  # the same name, split otherwise
        name = f"{shown} (given name {given or 'none'}, family name {family or 'none'})"
    if lossy_copy(name, current):
        if left is not None:
            left.append(f"name left at {current} (the file says {name}: {LOSSY})")
    elif said is None or "name" not in said:
        if left is not None:
            left.append(
                f"name left at {current} (the file says {name}; edit the person to change it)"
            )
    else:
        values["display_name"], values["given_name"], values["family_name"] = (
            shown,
            given,
            family,
        )
        changes.append(f"name now {name} (was {current})")
        if shown != current and not stood_in:
            # So the name they were known by stays with them (old letters, referrals).
            former = f"Formerly {current}"
            notes = values["notes"]
            if former not in unify_line_breaks(notes or ""):
                values["notes"] = f"{notes}\n\n{former}" if notes else former


def _says_less(name: str, current: str) -> bool:
    """Whether a file's name says nothing the name held does not: the same letters but for
    case and marks ("jose muller" beside "José Müller"), or initials of its words ("C.
    Okafor" beside "Chidi Okafor").

    >>> _says_less("C. Okafor", "Chidi Okafor"), _says_less("Bob Smith", "Robert Smith")
    (True, False)
    """
    said, held = fold(name).split(), fold(current).split()
    return len(said) == len(held) and all(
        s == h or (len(s) == 1 and h.startswith(s)) for s, h in zip(said, held, strict=True)
    )


def _stands_in(shown: str | None, person: Known) -> bool:
    """Whether the name a person is shown by is only one of their e-mail addresses or phone
    numbers (what a record without a name is shown as: `IncomingPerson.known_by`)."""
    if not shown:
        return True
    if "@" in shown:
        return shown.strip().casefold() in person.emails
    digits = re.sub(r"\D", "", shown)
    return len(digits) >= 6 and any(
        re.sub(r"\D", "", n).endswith(digits[-9:]) for n in person.phones
    )
