"""Write a resolved import: new people in bulk, changes to known people one by one.

New people, their details, provenance and search documents go in with multi-row inserts
(a large import is mostly new people); the few people who changed go through the ORM and
`people.service.add_position`, so job changes follow the same rules as everywhere else.
The user's LinkedIn ties (`ties.py`) and the messages found (`messages.py`) are written
after the people, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from goodword.duplicates.models import CandidateStatus, DuplicateCandidate
from goodword.importers.background import writes_in_background
from goodword.importers.bulk import (
    CHUNK,
    Changes,
    Document,
    Held,
    Known,
    adding_search_documents,
    cut,
    graph_changed_once,
    insert_returning,
    insert_rows,
    insert_search_documents,
    insert_tuples,
    load_known,
    reserve_ids,
    table_named,
    update_search_documents,
)
from goodword.importers.cleaning import organization_key, profile_url, unify_line_breaks
from goodword.importers.messages import write_interactions
from goodword.importers.plan import Draft, Plan
from goodword.importers.records import IncomingPerson, IncomingPosition
from goodword.importers.report import ImportReport, Outcome
from goodword.importers.state import WorkspaceState, phone_key
from goodword.importers.ties import LinkedInTies
from goodword.organizations.models import Organization
from goodword.people import normalize
from goodword.people.models import (
    Person,
    PersonEmail,
    PersonPhone,
    PersonSource,
    PersonUrl,
    Position,
)
from goodword.records import clean_list, sort_key
from goodword.search.models import SearchDocument
from goodword.search.service import organization_body, person_body

# The columns of the rows `Writer._create_slice` builds, in order.
_COLUMNS: dict[type, tuple[str, ...]] = {
    Person: ("id", "display_name", "given_name", "family_name", "sort_name", "location",
             "notes", "how_we_met", "tags", "interests", "is_me", "birthday"),
    PersonEmail: ("person_id", "address", "label", "position"),
    PersonPhone: ("person_id", "number", "label", "position"),
    PersonUrl: ("person_id", "url", "kind", "label", "position"),
    Position: ("person_id", "organization_id", "title", "department", "start_date", "end_date",
               "is_current"),
    PersonSource: ("person_id", "source", "file_name", "external_key", "fingerprint"),
}  # fmt: skip

# People created per slice: large enough that a statement's own cost is small beside its
# rows, small enough that the first slice is written while the second is built.
SLICE = 5000


@dataclass
class Combined:
    """Several records about one person, folded together (first value wins, lists join)."""

    display_name: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    emails: dict[str, str | None] = field(default_factory=dict)
    phones: dict[str, str | None] = field(default_factory=dict)
    urls: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    positions: list[IncomingPosition] = field(default_factory=list)
    location: str | None = None
    birthday: date | None = None
    notes: list[str] = field(default_factory=list)
    how_we_met: str | None = None
    tags: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)


def _fit(text: str | None, length: int, what: str, warnings: list[str]) -> str | None:
    """The text cut to the column's length, saying so when something is cut."""
    fitted = cut(text, length)
    if fitted is not None and text is not None and len(fitted) < len(text.strip()):
        warnings.append(f"the {what} is longer than {length} characters; cut to fit")
    return fitted


def combine(records: Iterable[IncomingPerson], region: str, today: date) -> Combined:
    out = Combined()
    seen_positions: dict[tuple[str, str | None, date | None, date | None], int] = {}
    for record in records:
        if not (out.given_name or out.family_name or out.display_name):
            out.given_name = _fit(record.given_name, 100, "given name", record.warnings)
            out.family_name = _fit(record.family_name, 100, "family name", record.warnings)
            out.display_name = _fit(record.display_name, 200, "name", record.warnings)
        for email in record.emails:
            address = normalize.email(email.value)
            if len(address) <= 320:
                out.emails.setdefault(address, cut(email.label, 50))
            else:
                record.warnings.append(f"an e-mail address of {len(address)} characters; not kept")
        for phone in record.phones:
            number = phone_key(phone.value, region) or phone.value.strip()[:64]
            if number:
                out.phones.setdefault(number, cut(phone.label, 50))
        for url in record.urls:
            try:
                value, kind = profile_url(url.value)
            except ValueError:
                record.warnings.append(f"'{url.value}' is not a web address; not kept")
                continue
            if len(value) <= 500:
                out.urls.setdefault(value, (kind, cut(url.label, 50)))
            else:
                record.warnings.append(
                    f"a web address of {len(value)} characters (more than 500); not kept"
                )
        for position in record.positions:
            _fit(position.title, 200, "job title", record.warnings)
            _fit(position.organization, 200, "organization", record.warnings)
            key = (
                organization_key(position.organization),
                position.title,
                position.start_date,
                position.end_date,
            )
            if not key[0]:
                continue
            if key not in seen_positions:
                seen_positions[key] = len(out.positions)
                out.positions.append(position)
            elif position.department and not out.positions[seen_positions[key]].department:
                # The same job, where this record also knows the department (a vCard's ORG
                # has it, a Google row may not): a copy, so the records stay as they read.
                index = seen_positions[key]
                out.positions[index] = replace(out.positions[index], department=position.department)
        out.location = out.location or _fit(record.location, 200, "place", record.warnings)
        # (A day still to come is kept from other formats' files by `read_birthday`;
        # Goodword's own export brings back what was saved, as `import-json` does.)
        out.birthday = out.birthday or record.birthday
        note = unify_line_breaks(record.notes or "").strip()
        if note and note not in out.notes:
            out.notes.append(note)
        out.how_we_met = out.how_we_met or cut(record.how_we_met, 2000)
        if record.tags:
            out.tags = clean_list([*out.tags, *(t[:60] for t in record.tags)])
        if record.interests:
            out.interests = clean_list([*out.interests, *(t[:60] for t in record.interests)])
    return out


class Writer:
    def __init__(
        self,
        session: Session,
        state: WorkspaceState,
        report: ImportReport,
        *,
        today: date,
        now: datetime,
        progress: Callable[[str, int, int], None] | None = None,
    ) -> None:
        self.session = session
        self.state = state
        self.report = report
        self.today = today
        self.now = now
        self.ws = state.workspace_id
        self.progress = progress or (lambda stage, done, total: None)
        self.ids: dict[int, int] = {}
        self.org_names: dict[int, str] = {}
        # id() of a record -> what it changed about a known person
        self.record_changes: dict[int, list[str]] = {}
        # id() of a record -> what it left as it was, and why (said when nothing changed too)
        self.record_notes: dict[int, list[str]] = {}
        self.ties = LinkedInTies(
            session,
            workspace_id=self.ws,
            now=now,
            report=report,
            record_changes=self.record_changes,
            record_notes=self.record_notes,
        )

    def person_id(self, target: int) -> int:
        return self.ids[target] if target < 0 else target

    def write(self, plan: Plan) -> None:
        self.progress("people", 0, len(plan.drafts))
        # Each record is applied on its own, in order, so the report can say what each
        # one changed.
        updates = {
            pid: [(r, combine([r], self.state.region, self.today), newer) for r, newer in records]
            for pid, records in plan.updates.items()
        }
        names = [
            p.organization
            for draft in plan.drafts
            for record in draft.records
            for p in record.positions
        ]
        self._organizations(
            [
                *names,
                *(p.organization for u in updates.values() for _r, c, _n in u for p in c.positions),
            ]
        )
        # On SQLite the inserts run on a second thread while the next rows are built; what
        # needs reading is read before the first of them is queued, so nothing waits.
        with (
            writes_in_background(self.session),
            graph_changed_once(self.session, self.ws, len(plan.drafts)),
        ):
            ids = reserve_ids(self.session, Person, len(plan.drafts))
            self.ids = {-(index + 1): person_id for index, person_id in enumerate(ids)}
            # (Read before `_update` brings the fingerprints up to date.)
            self.ties.read_prints(plan, self.state.fingerprints)
            self._update(plan, updates)
            self.ties.read_linked(plan, self._me(plan))
            with adding_search_documents(
                self.session, self.ws, "person", len(ids)
            ) as add_documents:
                self._create(plan, ids, add_documents)
                # (Each step below is a point where a stop asked for is heard.)
                self.progress("people", len(ids), len(ids))
                self.ties.link(plan, self._me(plan), self.person_id)
                self._candidates(plan)
            self.progress("people", len(ids), len(ids))
            write_interactions(
                self.session,
                workspace_id=self.ws,
                plan=plan,
                report=self.report,
                person_id=self.person_id,
            )
        for row, target in plan.rows:
            if target == 0:
                continue
            row.person_id = self.person_id(target)
            record = plan.records.get(id(row))
            changed = self.record_changes.get(id(record), []) if record is not None else []
            notes = self.record_notes.get(id(record), []) if record is not None else []
            if target < 0:
                first = plan.drafts[-target - 1].records[0]
                if row.outcome is Outcome.UPDATED and record is not first:
                    # Found (by key, as you, or by name) in someone this import creates.
                    row.outcome = Outcome.MERGED
                    row.detail = (
                        f"added to {first.name or 'you'} ({first.file_name}, line {first.line})"
                    )
                if row.outcome is Outcome.MERGED and changed:
                    row.detail += " — " + "; ".join(changed)
                continue
            if row.outcome is Outcome.UPDATED:
                if changed or notes:
                    row.detail = "; ".join([*changed, *notes])
                if not changed:
                    row.outcome = Outcome.UNCHANGED
            elif row.outcome is Outcome.MERGED and changed:
                row.detail += " — " + "; ".join(changed)
        self.session.flush()

    def organization_id(self, name: str) -> int:
        exact = self.state.exact_organizations.get(name.casefold())
        return exact[0] if exact else self.state.organizations[organization_key(name)][0]

    def _organizations(self, names: list[str]) -> None:
        """Find or create every organization named; other spellings become aliases."""
        spellings: dict[str, list[str]] = {}
        exact = self.state.exact_organizations
        for name in names:
            key = organization_key(name)
            if key and name.casefold() not in exact and name not in spellings.setdefault(key, []):
                spellings[key].append(name)
        new: list[tuple[str, str, list[str]]] = []
        extra: dict[int, list[str]] = {}
        for key, found_names in spellings.items():
            known = self.state.organizations.get(key)
            if known is None:
                cut = [n[:200] for n in found_names]
                new.append((key, cut[0], cut[1:]))
            else:
                more = [n for n in found_names if n != known[1] and n not in known[2]]
                if more:
                    extra[known[0]] = more
        rows = [
            {"workspace_id": self.ws, "name": name, "sort_name": sort_key(name),
             "aliases": aliases, "domains": []}
            for _key, name, aliases in new
        ]  # fmt: skip
        ids = insert_returning(self.session, Organization, rows)
        for (key, name, aliases), org_id in zip(new, ids, strict=True):
            self.state.organizations[key] = (org_id, name, aliases)
            for spelling in [name, *aliases]:
                exact.setdefault(spelling.casefold(), (org_id, name, aliases))
        insert_search_documents(
            self.session,
            [
                {"workspace_id": self.ws, "kind": "organization", "record_id": org_id,
                 "title": name, "body": organization_body(name=name, aliases=aliases,
                                                          domains=(), location=None)}
                for (_key, name, aliases), org_id in zip(new, ids, strict=True)
            ],
        )  # fmt: skip
        self.report.organizations_created += len(new)
        if extra:
            alias_rows, document_rows = [], []
            by_id = {v[0]: v for v in self.state.organizations.values()}
            for org_id, more in extra.items():
                _org_id, name, aliases = by_id[org_id]
                aliases = clean_list([*aliases, *more])
                for spelling in [name, *aliases]:
                    self.state.organizations[organization_key(spelling)] = (org_id, name, aliases)
                    exact[spelling.casefold()] = (org_id, name, aliases)
                alias_rows.append({"id": org_id, "aliases": aliases, "updated_at": self.now})
                document_rows.append((org_id, name, aliases))
            session = self.session
            session.execute(update(table_named("organizations")).where(
                table_named("organizations").c.id == bindparam("org_id")
            ).values(aliases=bindparam("new_aliases"), updated_at=bindparam("stamp")),
                [{"org_id": r["id"], "new_aliases": r["aliases"], "stamp": self.now}
                 for r in alias_rows])  # fmt: skip
            self._organization_documents(document_rows)
        self.org_names = {
            **self.state.organization_names,
            **{i: n for i, n, _a in self.state.organizations.values()},
        }

    def _organization_documents(self, rows: list[tuple[int, str, list[str]]]) -> None:
        """Rewrite the search text of organizations that gained aliases (as search does)."""
        ids = {org_id: (name, aliases) for org_id, name, aliases in rows}
        known: dict[int, tuple[int, str | None, list[str]]] = {}
        old: dict[int, tuple[str, str]] = {}
        keys = sorted(ids)
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start : start + CHUNK]
            statement = (
                select(
                    SearchDocument.id,
                    SearchDocument.record_id,
                    SearchDocument.title,
                    SearchDocument.body,
                    Organization.location,
                    Organization.domains,
                )
                .join(Organization, Organization.id == SearchDocument.record_id)
                .where(SearchDocument.kind == "organization", SearchDocument.record_id.in_(chunk))
            )
            for doc_id, record_id, title, body, location, domains in self.session.execute(
                statement
            ):
                known[record_id] = (doc_id, location, domains)
                old[doc_id] = (title, body)
        updates = []
        for org_id, (name, aliases) in ids.items():
            if org_id in known:
                doc_id, location, domains = known[org_id]
                body = organization_body(
                    name=name, aliases=aliases, domains=domains, location=location
                )
                updates.append({"id": doc_id, "title": name, "body": body})
        update_search_documents(self.session, updates, old)

    def _create(
        self, plan: Plan, ids: list[int], add_documents: Callable[[list[Document]], None]
    ) -> None:
        """Create the drafted people with the ids reserved for them, a slice at a time
        (on SQLite each slice is written while the next is built)."""
        total = len(plan.drafts)
        self.progress("people", 0, total)
        for start in range(0, total, SLICE):
            end = min(start + SLICE, total)
            self._create_slice(plan.drafts[start:end], ids[start:end], add_documents)
            self.progress("people", end, total)

    def _create_slice(
        self, drafts: list[Draft], ids: list[int], add_documents: Callable[[list[Document]], None]
    ) -> None:
        """Write one slice of new people: rows as tuples, column by column as named in
        `_COLUMNS`, with the workspace bound once per table."""
        now = self.now
        org_names = self.org_names
        people: list[tuple[Any, ...]] = []
        emails: list[tuple[Any, ...]] = []
        phones: list[tuple[Any, ...]] = []
        urls: list[tuple[Any, ...]] = []
        positions: list[tuple[Any, ...]] = []
        sources: list[tuple[Any, ...]] = []
        documents: list[Document] = []
        for person_id, draft in zip(ids, drafts, strict=True):
            person, held = self._fold(draft.records)
            given, family = person.given_name, person.family_name
            display = (person.display_name or " ".join(p for p in (given, family) if p))[:200]
            sorted_as = f"{family} {given or ''}" if family else display
            people.append(
                (person_id, display, given, family, sort_key(sorted_as)[:200], person.location,
                 "\n\n".join(person.notes) or None, person.how_we_met, person.tags,
                 person.interests, draft.is_me, person.birthday)
            )  # fmt: skip
            for i, (address, label) in enumerate(person.emails.items()):
                emails.append((person_id, address, label, i))
            for i, (number, label) in enumerate(person.phones.items()):
                phones.append((person_id, number, label, i))
            for i, (url, (kind, label)) in enumerate(person.urls.items()):
                urls.append((person_id, url, kind, label, i))
            current = []
            for org_id, title, department, start, end, is_current in held:
                positions.append((person_id, org_id, title, department, start, end, is_current))
                if is_current:
                    current.append((org_names[org_id], title))
            for record in draft.records:
                sources.append(
                    (person_id, record.source, cut(record.file_name, 300), cut(record.key, 300),
                     record.fingerprint())
                )  # fmt: skip
            body = person_body(
                name=display, emails=person.emails, urls=person.urls, current=current,
                location=person.location, tags=person.tags, interests=person.interests,
            )  # fmt: skip
            documents.append((person_id, display, body))
        self.state.person_ids.update(ids)
        session, ws = self.session, {"workspace_id": self.ws}
        for model, rows in (
            (Person, people),
            (PersonEmail, emails),
            (PersonPhone, phones),
            (PersonUrl, urls),
            (Position, positions),
        ):
            insert_tuples(session, model, _COLUMNS[model], rows, ws)
        insert_tuples(session, PersonSource, _COLUMNS[PersonSource], sources,
                      {**ws, "imported_at": now})  # fmt: skip
        add_documents(documents)

    def _fold(self, records: list[IncomingPerson]) -> tuple[Combined, list[tuple[Any, ...]]]:
        """A new person from their records, with their positions as rows (organization id,
        title, department, start, end, current).

        The first record is taken as it reads; each later one is applied the way a later
        import would apply it to the person the first created (`_apply`), so a second
        record of the same job adds nothing, a new job ends the old one, and the report
        can say what each record added.
        """
        region, today = self.state.region, self.today
        person = combine(records[:1], region, today)
        rows = [
            {"organization_id": self.organization_id(p.organization), "title": cut(p.title, 200),
             "department": cut(p.department, 200), "start_date": p.start_date,
             "end_date": p.end_date, "is_current": p.is_current and p.end_date is None}
            for p in person.positions
        ]  # fmt: skip
        if len(records) > 1:
            self._fold_later(person, rows, records[1:])
        columns = ("organization_id", "title", "department", "start_date", "end_date",
                   "is_current")  # fmt: skip
        return person, [tuple(row[c] for c in columns) for row in rows]

    def _fold_later(
        self, person: Combined, rows: list[dict[str, Any]], later: list[IncomingPerson]
    ) -> None:
        """Apply the later records of a new person to what the first one made (`_fold`)."""
        values: dict[str, Any] = {
            "display_name": person.display_name, "given_name": person.given_name,
            "family_name": person.family_name, "location": person.location,
            "birthday": person.birthday, "notes": "\n\n".join(person.notes) or None,
            "how_we_met": person.how_we_met, "tags": person.tags,
            "interests": person.interests,
        }  # fmt: skip
        known = Known(
            0,
            values,
            emails={address: i for i, address in enumerate(person.emails)},
            phones={number: i for i, number in enumerate(person.phones)},
            urls={url: i for i, url in enumerate(person.urls)},
            positions=[
                Held(0, row["organization_id"], row["title"], row["start_date"],
                     row["end_date"], row["is_current"], row, department=row["department"])
                for row in rows
            ],
        )  # fmt: skip
        out = Changes()
        for record in later:
            data = combine([record], self.state.region, self.today)
            named: list[str] = []
            has_name = values["display_name"] or values["given_name"] or values["family_name"]
            if not has_name and (data.display_name or data.given_name or data.family_name):
                values["display_name"] = data.display_name
                values["given_name"] = data.given_name
                values["family_name"] = data.family_name
                named.append("name filled in")
            changed = self._apply(known, data, out, newer=False)
            self.record_changes[id(record)] = named + changed
        person.display_name = values["display_name"]
        person.given_name, person.family_name = values["given_name"], values["family_name"]
        person.location, person.birthday = values["location"], values["birthday"]
        person.notes = [values["notes"]] if values["notes"] else []
        person.how_we_met = values["how_we_met"]
        person.tags, person.interests = values["tags"], values["interests"]
        for row in out.emails:
            person.emails[row["address"]] = row["label"]
        for row in out.phones:
            person.phones[row["number"]] = row["label"]
        for row in out.urls:
            person.urls[row["url"]] = (row["kind"], row["label"])
        rows[:] = [held.row for held in known.positions if held.row is not None]

    def _update(
        self, plan: Plan, updates: dict[int, list[tuple[IncomingPerson, Combined, bool]]]
    ) -> None:
        """Apply what is new about known people, with set-based reads and writes."""
        if plan.make_me is not None:
            updates.setdefault(plan.make_me, [])
        if not updates:
            return
        known = load_known(self.session, sorted(updates))
        out = Changes()
        rekeyed: list[dict[str, Any]] = []
        for person_id, records in updates.items():
            person = known[person_id]
            changed_any = False
            for record, data, newer in records:
                changes = self._apply(person, data, out, newer=newer)
                if record is plan.make_me_record:
                    person.values["is_me"] = True
                    person.dirty = True
                    changes.append("marked as you")
                self.record_changes[id(record)] = changes
                changed_any = changed_any or bool(changes)
                self._provenance(person, record, out, plan.former_keys.get(id(record)), rekeyed)
            if person_id == plan.make_me and not person.values["is_me"]:
                person.values["is_me"] = True  # by a record not applied to them here
                person.dirty = True
            if person.dirty:
                out.people.append({"id": person_id, **person.values, "updated_at": self.now})
            if changed_any or person.dirty:
                out.documents.append(person)
        out.write(self.session, self.ws, self.org_names)
        if rekeyed:
            table = table_named("person_sources")
            self.session.execute(
                update(table)
                .where(
                    table.c.workspace_id == self.ws,
                    table.c.person_id == bindparam("b_person"),
                    table.c.source == bindparam("b_source"),
                    table.c.external_key == bindparam("b_former"),
                )
                .values(external_key=bindparam("b_key"), fingerprint=bindparam("b_print")),
                rekeyed,
            )

    def _provenance(
        self,
        person: Known,
        record: IncomingPerson,
        out: Changes,
        former: str | None,
        rekeyed: list[dict[str, Any]],
    ) -> None:
        """The record's provenance row, added, or its fingerprint brought up to date; a row
        kept under the record's `former` key (found by it) takes the record's own key."""
        pair = (record.source, record.key)
        if pair not in person.sources and former and record.key:
            kept = (record.source, former)
            if kept in person.sources:
                fingerprint = record.fingerprint()
                own = (record.source, record.key)
                person.sources.discard(kept)
                person.sources.add(own)
                self.state.sources[own] = self.state.sources.pop(kept)
                self.state.fingerprints.pop(kept, None)
                self.state.fingerprints[own] = fingerprint
                rekeyed.append(
                    {"b_person": person.id, "b_source": record.source,
                     "b_former": cut(former, 300), "b_key": cut(record.key, 300),
                     "b_print": fingerprint}
                )  # fmt: skip
                return
        if pair not in person.sources:
            person.sources.add(pair)
            out.sources.append(
                {"workspace_id": self.ws, "person_id": person.id, "source": record.source,
                 "file_name": cut(record.file_name, 300),
                 "external_key": cut(record.key, 300), "imported_at": self.now,
                 "fingerprint": record.fingerprint()}
            )  # fmt: skip
        elif record.key:
            # Imported before and changed since (or imported before fingerprints were
            # kept): what it says now is what the next import compares with.
            held, fingerprint = (record.source, record.key), record.fingerprint()
            if self.state.fingerprints.get(held) != fingerprint:
                self.state.fingerprints[held] = fingerprint
                out.fingerprints.append(
                    {"b_source": record.source, "b_key": cut(record.key, 300),
                     "b_print": fingerprint}
                )  # fmt: skip

    def _apply(self, person: Known, data: Combined, out: Changes, *, newer: bool) -> list[str]:
        changes: list[str] = []
        values = person.values
        base = {"workspace_id": self.ws, "person_id": person.id}
        if data.given_name and not values["given_name"] and not values["family_name"]:
            values["given_name"], values["family_name"] = data.given_name, data.family_name
            changes.append("name filled in")
        for label, attribute in (("location", "location"), ("birthday", "birthday")):
            value, current = getattr(data, attribute), values[attribute]
            if value and value != current and (newer or current is None):
                values[attribute] = value
                changes.append(f"{label} {'set to' if current is None else 'now'} {value}")
        if data.how_we_met and not values["how_we_met"]:
            values["how_we_met"] = data.how_we_met
            changes.append("how you met filled in")
        for note in data.notes:
            # Notes stored before line breaks were unified may still hold "\r\n".
            if unify_line_breaks(note) not in unify_line_breaks(values["notes"] or ""):
                values["notes"] = f"{values['notes']}\n\n{note}" if values["notes"] else note
                changes.append("notes added")
        for attribute in ("tags", "interests"):
            before = list(values[attribute] or [])
            after = clean_list([*before, *getattr(data, attribute)])
            if after != before:
                values[attribute] = after
                changes.append(f"{attribute} added: " + ", ".join(after[len(before) :]))
        person.dirty = person.dirty or bool(changes)
        for address, email_label in data.emails.items():
            if address not in person.emails:
                person.emails[address] = len(person.emails)
                out.emails.append({**base, "address": address, "label": email_label,
                                   "position": person.emails[address]})  # fmt: skip
                changes.append(f"new e-mail {address}")
        for number, phone_label in data.phones.items():
            if number not in person.phones:
                person.phones[number] = len(person.phones)
                out.phones.append({**base, "number": number, "label": phone_label,
                                   "position": person.phones[number]})  # fmt: skip
                changes.append(f"new phone {normalize.phone_text(number)}")
        for url, (kind, url_label) in data.urls.items():
            if url not in person.urls:
                person.urls[url] = len(person.urls)
                out.urls.append({**base, "url": url, "kind": kind, "label": url_label,
                                 "position": person.urls[url]})  # fmt: skip
                changes.append(f"new web address {url}")
        # One record's jobs are one set (LinkedIn's Positions.csv lists every job, newest
        # first): none of them ends another, nor a job held already that it says is current.
        own = {
            id(held)
            for position in data.positions
            if position.is_current and position.end_date is None
            for held in [self._held(person, position)]
            if held is not None
        }
        for position in data.positions:
            changes += self._position(person, position, out, own)
        return changes

    def _held(self, person: Known, incoming: IncomingPosition) -> Held | None:
        """The job the person is already known to have held that `incoming` is (the same
        organization and title; for a dated one, the same start), if any."""
        org_id = self.organization_id(incoming.organization)
        title = cut(incoming.title, 200)
        dated = incoming.start_date is not None or incoming.end_date is not None
        for held in person.positions:
            if self._elsewhere(held, org_id):
                continue
            if (dated and (held.title, held.start_date) == (title, incoming.start_date)) or (
                not dated and (held.title == title or not title)
            ):
                return held
        return None

    def _elsewhere(self, held: Held, org_id: int) -> bool:
        """Whether `held` is at another organization than `org_id` (one whose name only
        normalises to its name counts as it; one named apart exactly does not)."""
        same = self.state.same_organization
        return held.organization_id != org_id and same.get(held.organization_id) != org_id

    def _position(
        self, person: Known, incoming: IncomingPosition, out: Changes, own: set[int]
    ) -> list[str]:
        """Add a job as `people.service.add_position` does, minding dates.

        A new current job at another organization ends the current ones elsewhere that
        started no later than it (or either is undated); a new title at the same
        organization keeps the old title as history. Jobs in `own` (the ids of the
        `Held` this record holds or adds) are not ended: one record's jobs are one set.
        An end date is never set before the job's start. A job the person is already
        known to have held (the same organization and title; for a dated one, the same
        start) adds nothing: a record without dates cannot tell that the person went back
        to a job that has since ended, and an older copy (an old address book) must not
        undo the move a newer one recorded.
        """
        held_already = self._held(person, incoming)
        if held_already is not None:
            return self._department(out, held_already, incoming.department)
        org_id = self.organization_id(incoming.organization)
        org_name = self.org_names[org_id]
        title = cut(incoming.title, 200)
        start = incoming.start_date
        dated = start is not None or incoming.end_date is not None
        current = incoming.is_current and incoming.end_date is None
        was = []
        for held in person.positions:
            moved = self._elsewhere(held, org_id)
            if not (current and held.is_current and (moved or not dated)) or id(held) in own:
                continue
            if start is not None and held.start_date is not None and start < held.start_date:
                continue  # the job held started later: both stay current (no end before a start)
            held.is_current = False
            if moved:
                was.append(self.org_names[held.organization_id])
            ended = held.end_date or start
            if held.id:
                out.ended.append({"id": held.id, "is_current": False, "end_date": ended})
            elif held.row is not None:  # started by an earlier record of this import
                held.row.update(is_current=False, end_date=ended)
        department = cut(incoming.department, 200)
        row = {"workspace_id": self.ws, "person_id": person.id, "organization_id": org_id,
               "title": title, "department": department,
               "start_date": start, "end_date": incoming.end_date,
               "is_current": current}  # fmt: skip
        out.positions.append(row)
        added = Held(0, org_id, title, start, incoming.end_date, current, row,
                     department=department)  # fmt: skip
        person.positions.append(added)
        own.add(id(added))
        if not current:
            return [f"past position added: {title or 'a role'} at {org_name}"]
        role = f"{title} at {org_name}" if title else org_name
        return [f"now {role}" + (f" (was at {', '.join(was)})" if was else "")]

    @staticmethod
    def _department(out: Changes, held: Held, department: str | None) -> list[str]:
        """The job is held already; fill in its department when only this record knows it."""
        department = cut(department, 200)
        if not department or held.department:
            return []
        held.department = department
        if held.id:
            out.departments.append({"id": held.id, "department": department})
        elif held.row is not None:  # started by an earlier record of this import
            held.row["department"] = department
        return [f"department {department} added to {held.title or 'a role'}"]

    def _me(self, plan: Plan) -> int | None:
        me_target = plan.me if plan.me is not None else self.state.me_id
        return None if me_target is None else self.person_id(me_target)

    def _candidates(self, plan: Plan) -> None:
        rows = []
        for a_target, b_target, score, reasons in plan.suggestions:
            a, b = sorted((self.person_id(a_target), self.person_id(b_target)))
            if a == b or (a, b) in self.state.candidate_pairs:
                continue
            self.state.candidate_pairs.add((a, b))
            rows.append(
                {"workspace_id": self.ws, "person_a_id": a, "person_b_id": b, "score": score,
                 "reasons": reasons, "status": CandidateStatus.OPEN}
            )  # fmt: skip
        insert_rows(self.session, DuplicateCandidate, rows)
        self.report.candidates_created += len(rows)
