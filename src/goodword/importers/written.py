"""What a record added, as it wrote it: an e-mail address or phone with its label, a web
address with its kind and label, a job with its department. A split and an undo take back
only what is still so (`taking_back.take_back`): one you gave a label or a department since
stays, said "(changed since)".

A matched record keeps what it held (`matched.RecordHeld`), which is what it wrote of
them; an update keeps it beside what it changed (`undo_updates.noted`, "written"):

    {"emails": [[address, label]], "phones": [[number, label]],
     "urls": [[url, kind, label]], "jobs": [[organization id, title, start, department]]}

What Goodword kept before has none of it: what was added is then known by its address,
number, web address or job alone, as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from goodword.importers.bulk import Changes
from goodword.importers.matched import Added, Org, RecordHeld
from goodword.importers.vcard_values import apple_label
from goodword.people import normalize
from goodword.people.models import Person, PersonEmail, PersonPhone, PersonUrl, Position


@dataclass
class Written:
    """What records wrote of what they added, by address, number, web address or job."""

    emails: dict[str, str | None] = field(default_factory=dict)
    phones: dict[str, str | None] = field(default_factory=dict)
    urls: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    departments: dict[tuple[Org, str | None, date | None], str | None] = field(default_factory=dict)

    def take_details(
        self, person: Person, added: Added, taken: list[str], left: list[str], *, apply: bool
    ) -> None:
        """Take from `person` the e-mail addresses, phones and web addresses a record
        `added`, where still as it wrote them; say which in `taken`, and in `left` the
        ones that stay (changed since)."""
        emails = [e for e in person.emails if e.address in set(added.emails)]
        phones = [n for n in person.phones if n.number in set(added.phones)]
        urls = [u for u in person.urls if u.url in set(added.urls)]
        for said, same in [
            *((f"e-mail {e.address}", self.email(e)) for e in emails),
            *((f"phone {normalize.phone_text(n.number)}", self.phone(n)) for n in phones),
            *((f"web address {u.url}", self.url(u)) for u in urls),
        ]:
            if same:
                taken.append(said)
            else:
                left.append(f"{said} (changed since)")
        if apply:
            person.emails = [e for e in person.emails if e not in emails or not self.email(e)]
            person.phones = [n for n in person.phones if n not in phones or not self.phone(n)]
            person.urls = [u for u in person.urls if u not in urls or not self.url(u)]

    def email(self, email: PersonEmail) -> bool:
        """Whether the e-mail address is as written (or what was written is unknown)."""
        if email.address not in self.emails:
            return True
        return email.label == normalize.email_label(_label(self.emails[email.address]))

    def phone(self, phone: PersonPhone) -> bool:
        if phone.number not in self.phones:
            return True
        return phone.label == normalize.phone_label(_label(self.phones[phone.number]))

    def url(self, url: PersonUrl) -> bool:
        if url.url not in self.urls:
            return True
        kind, label = self.urls[url.url]
        # (Migration 0035 wrote a "HomePage" kept before as "homepage", 0037 an "Other" as
        # "other", as the app keeps it now.)
        labels = {label, _label(label), normalize.url_label(_label(label))}
        if label is not None and label.strip().casefold() == "homepage":
            labels.add("homepage")
        return url.kind == kind and url.label in labels

    def job(self, job: Position) -> bool:
        key = (job.organization_id, job.title, job.start_date)
        return key not in self.departments or job.department == self.departments[key]


def _label(label: str | None) -> str | None:
    # (A label kept before Apple's were read in the app's words is read so now.)
    return apple_label(label) if label else label


def from_record(record: RecordHeld) -> Written:
    """What a matched record wrote of what it added: what it held."""
    return Written(
        emails=dict(record.emails),
        phones=dict(record.phones),
        urls={url: (kind, label) for url, kind, label in record.urls},
        departments={(job[0], job[1], job[3]): job[2] for job in record.jobs},
    )


def kept(out: Changes, emails: int, phones: int, urls: int, positions: int) -> dict[str, Any]:
    """What a record wrote of what it added, since `out` held so many rows of each (as
    `matched.added` reads them), as JSON (see the module)."""
    return {
        "emails": [[row["address"], row["label"]] for row in out.emails[emails:]],
        "phones": [[row["number"], row["label"]] for row in out.phones[phones:]],
        "urls": [[row["url"], row["kind"], row["label"]] for row in out.urls[urls:]],
        "jobs": [
            [
                row["organization_id"],
                row["title"],
                _day(row["start_date"]),
                row["department"],
            ]
            for row in out.positions[positions:]
        ],
    }


def from_kept(kept: list[dict[str, Any]]) -> Written | None:
    """What records wrote (`kept`'s "written", in order); None when none kept it."""
    if not any(kept):
        return None
    written = Written()
    for held in kept:
        written.emails.update((address, label) for address, label in held.get("emails", []))
        written.phones.update((number, label) for number, label in held.get("phones", []))
        written.urls.update((url, (kind, label)) for url, kind, label in held.get("urls", []))
        for org, title, start, department in held.get("jobs", []):
            day = date.fromisoformat(start) if start else None
            written.departments[(org, title, day)] = department
    return written


def _day(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, date) else value
