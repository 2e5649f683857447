"""Write a resolved import: new people in bulk, changes to known people one by one.

New people, their details, provenance and search documents go in with multi-row inserts
(a large import is mostly new people); the few people who changed go through the ORM and
`people.service.add_position`, so job changes follow the same rules as everywhere else.
Each person's records are folded by `combine.py`, the organizations they name are found or
created first (`organizations.py`), a record is applied to a known person as `applying.py`
says (their jobs as `jobs.py` says), what a record imported before said then is told by
`earlier.py`, and each record's provenance row is written as `provenance.py` says. What a
record changed about a known person is kept with its row of the report, for an undo
(`undo_updates.py`). The user's LinkedIn ties
(`ties.py`) and the messages found (`messages.py`) are written after the people, in the
same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import Any

from sqlalchemy import bindparam, update
from sqlalchemy.orm import Session

from goodword.importers import matched, older_files, undo_updates
from goodword.importers.applying import apply_record
from goodword.importers.background import writes_in_background
from goodword.importers.bulk import (
    Changes,
    Document,
    Held,
    Known,
    adding_search_documents,
    cut,
    graph_changed_once,
    insert_rows,
    insert_tuples,
    load_known,
    reserve_ids,
    table_named,
)
from goodword.importers.combine import Combined, combine
from goodword.importers.earlier import SaidThen
from goodword.importers.kept_matches import KeptMatches, restored_organizations
from goodword.importers.linkedin import connection_source
from goodword.importers.messages import write_interactions
from goodword.importers.organizations import (
    drop_unheld,
    organization_id,
    write_organizations,
)
from goodword.importers.pairs import queue_pairs
from goodword.importers.plan import Draft, Plan
from goodword.importers.provenance import Provenance
from goodword.importers.records import IncomingPerson, Role
from goodword.importers.report import ImportReport
from goodword.importers.row_words import say_rows
from goodword.importers.state import WorkspaceState
from goodword.importers.ties import LinkedInTies
from goodword.people import job_dates
from goodword.people.models import (
    Person,
    PersonEmail,
    PersonPhone,
    PersonSource,
    PersonUrl,
    Position,
)
from goodword.people.normalize import reversed_digits
from goodword.records import sort_key
from goodword.search.service import person_body

# The columns of the rows `Writer._create_slice` builds, in order.
_COLUMNS: dict[type, tuple[str, ...]] = {
    Person: ("id", "display_name", "given_name", "family_name", "sort_name", "location",
             "notes", "how_we_met", "tags", "interests", "is_me", "birthday",
             "birthday_no_year", "keep_in_touch_days"),
    PersonEmail: ("person_id", "address", "label", "position"),
    PersonPhone: ("person_id", "number", "label", "position", "reversed_digits"),
    PersonUrl: ("person_id", "url", "kind", "label", "position"),
    Position: ("person_id", "organization_id", "title", "department", "start_date", "end_date",
               "is_current", "start_precision", "end_precision"),
    PersonSource: ("person_id", "source", "file_name", "external_key", "line", "fingerprint"),
}  # fmt: skip

# People created per slice: large enough that a statement's own cost is small beside its
# rows, small enough that the first slice is written while the second is built.
SLICE = 5000


class Writer(Provenance):
    def __init__(
        self,
        session: Session,
        state: WorkspaceState,
        report: ImportReport,
        *,
        today: date,
        now: datetime,
        progress: Callable[[str, int, int], None] | None = None,
        reapply: bool = False,
        run_id: int | None = None,
    ) -> None:
        self.session = session
        # The kept import this one is (`history.begin`), named by what it adds; none in a dry run.
        self.run_id = run_id
        # (With reapply, what a newer copy of a record said then is put back too.)
        self.reapply = reapply
        # ids of the organizations of jobs a newer copy of a record left off
        self.left_off: set[int] = set()
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
        # id() of a record found by its key whose fingerprint changed since the last import
        self.changed_at_source: set[int] = set()
        # id() of a record that changed a known person -> what undoing the import puts back
        self.put_back: dict[int, dict[str, Any]] = {}
        self.ties = LinkedInTies(
            session,
            workspace_id=self.ws,
            now=now,
            report=report,
            record_changes=self.record_changes,
            record_notes=self.record_notes,
        )
        self.said_then = SaidThen(state, self.ties.linked)
        # (Given the state, not this writer: a cycle through the writer would keep the whole
        # workspace's state alive until the cycle collector, paused meanwhile, got to it.)
        self.kept = KeptMatches(session, state, organization_id=partial(organization_id, state))

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
        known_organizations = {
            *self.state.organization_names,
            *(v[0] for v in self.state.organizations.values()),
        }
        self.org_names = write_organizations(
            self.session,
            self.state,
            self.report,
            names=[
                *names,
                *(p.organization for u in updates.values() for _r, c, _n in u for p in c.positions),
                *restored_organizations(plan),
            ],
            now=self.now,
            run_id=self.run_id,
        )
        # On SQLite the inserts run on a second thread while the next rows are built; what
        # needs reading is read before the first of them is queued, so nothing waits.
        with (
            writes_in_background(self.session),
            graph_changed_once(self.session, self.ws, len(plan.drafts)),
        ):
            ids = reserve_ids(self.session, Person, len(plan.drafts))
            self.ids = {-(index + 1): person_id for index, person_id in enumerate(ids)}
            # (Read before `_update`: what the ties' dates are tells what records said.)
            self.ties.read_linked(plan, self._me(plan))
            self.kept.will_link = self.ties.will_link(plan, self._me(plan), self.person_id)
            self._update(plan, updates)
            with adding_search_documents(
                self.session, self.ws, "person", len(ids)
            ) as add_documents:
                self._create(plan, ids, add_documents)
                # (Each step below is a point where a stop asked for is heard.)
                self.progress("people", len(ids), len(ids))
                self.ties.link(plan, self._me(plan), self.person_id)
                undo_updates.note_ties(
                    self.put_back, self.ties.made, plan.connections, self.ties.moved,
                    self.record_changes,
                )  # fmt: skip
                self.report.candidates_created += queue_pairs(
                    self.session, self.state, self.ws, plan.suggestions, self.person_id
                )
            self.progress("people", len(ids), len(ids))
            write_interactions(
                self.session,
                workspace_id=self.ws,
                plan=plan,
                report=self.report,
                person_id=self.person_id,
                run_id=self.run_id,
            )
        self.ties.say_left_out(
            list(dict.fromkeys(record.file_name for _target, record in plan.connections))
        )
        # (An organization made only for jobs left off goes again.)
        drop_unheld(self.session, self.state, self.report, self.left_off - known_organizations)
        say_rows(
            self.session,
            plan,
            workspace_id=self.ws,
            me=self._me(plan),
            person_id=self.person_id,
            changes=self.record_changes,
            notes=self.record_notes,
            linked=self.ties.made_words,
            changed_at_source=self.changed_at_source,
            put_back=self.put_back,
        )
        self.session.flush()

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
        # (the later records of a person, with what each held and added: `matched.py`)
        joined: list[tuple[Any, ...]] = []
        restored: list[dict[str, Any]] = []
        documents: list[Document] = []
        for person_id, draft in zip(ids, drafts, strict=True):
            person, held = self._fold(draft.records, person_id)
            given, family = person.given_name, person.family_name
            display = (person.display_name or " ".join(p for p in (given, family) if p))[:200]
            sorted_as = f"{family} {given or ''}" if family else display
            notes = "\n\n".join(person.notes) or None
            people.append(
                (person_id, display, given, family, sort_key(sorted_as)[:200], person.location,
                 notes, person.how_we_met, person.tags, person.interests, draft.is_me,
                 person.birthday, person.birthday_no_year, person.keep_in_touch_days)
            )  # fmt: skip
            for i, (address, label) in enumerate(person.emails.items()):
                emails.append((person_id, address, label, i))
            for i, (number, label) in enumerate(person.phones.items()):
                phones.append((person_id, number, label, i, reversed_digits(number)))
            for i, (url, (kind, label)) in enumerate(person.urls.items()):
                urls.append((person_id, url, kind, label, i))
            current = []
            for org_id, title, department, start, end, is_current, *precision in held:
                positions.append((person_id, org_id, title, department, start, end, is_current,
                                  *precision))  # fmt: skip
                if is_current:
                    current.append((org_names[org_id], title))
            for record in draft.records:
                kept = self.kept.joined.pop(id(record), None)
                (sources if kept is None else joined).append(
                    (person_id, record.source, cut(older_files.as_named(record.file_name), 300),
                     cut(record.key, 300),
                     record.line, kept["fingerprint"] if kept else record.fingerprint(),
                     *((kept,) if kept else ()))
                )  # fmt: skip
                if record.earlier_sources:
                    # (Kept for a record that made the person; one matched brings them along.)
                    brought = self._restored_sources(person_id, record, keep_matches=kept is None)
                    if kept is not None:
                        kept["restored"] = [[row["source"], row["external_key"]] for row in brought]
                    restored += brought
            body = person_body(
                name=display, emails=person.emails, urls=person.urls, current=current,
                location=person.location, tags=person.tags, interests=person.interests,
                notes=notes,
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
        insert_tuples(session, PersonSource, (*_COLUMNS[PersonSource], "matched"), joined,
                      {**ws, "imported_at": now})  # fmt: skip
        insert_rows(session, PersonSource, restored)
        add_documents(documents)

    def _fold(
        self, records: list[IncomingPerson], person_id: int
    ) -> tuple[Combined, list[tuple[Any, ...]]]:
        """A new person from their records, with their positions as rows (organization id,
        title, department, start, end, current, and the start's and end's precisions).

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
             "end_date": p.end_date, "is_current": p.is_current and p.end_date is None,
             "start_precision": job_dates.kept(p.start_precision) if p.start_date else None,
             "end_precision": job_dates.kept(p.end_precision) if p.end_date else None}
            for p in person.positions
        ]  # fmt: skip
        if len(records) > 1:
            self._fold_later(person, rows, records, person_id)
        columns = ("organization_id", "title", "department", "start_date", "end_date",
                   "is_current", "start_precision", "end_precision")  # fmt: skip
        return person, [tuple(row[c] for c in columns) for row in rows]

    def _fold_later(
        self,
        person: Combined,
        rows: list[dict[str, Any]],
        records: list[IncomingPerson],
        person_id: int,
    ) -> None:
        """Apply the later records of a new person (`person_id`) to what the first one made
        (`_fold`)."""
        first, later = records[0], records[1:]
        values: dict[str, Any] = {
            "display_name": person.display_name, "given_name": person.given_name,
            "family_name": person.family_name, "location": person.location,
            "birthday": person.birthday, "birthday_no_year": person.birthday_no_year,
            "notes": "\n\n".join(person.notes) or None,
            "how_we_met": person.how_we_met, "tags": person.tags,
            "interests": person.interests, "keep_in_touch_days": person.keep_in_touch_days,
        }  # fmt: skip
        known = Known(
            0,
            values,
            emails={address: i for i, address in enumerate(person.emails)},
            phones={number: i for i, number in enumerate(person.phones)},
            urls={url: i for i, url in enumerate(person.urls)},
            positions=[
                Held(0, row["organization_id"], row["title"], row["start_date"],
                     row["end_date"], row["is_current"], row, department=row["department"],
                     start_precision=row["start_precision"],
                     end_precision=row["end_precision"])
                for row in rows
            ],
        )  # fmt: skip
        out = Changes()
        seen = {(first.source, first.key): first}
        # (Whether a LinkedIn connection gave the person: another source's undated job then
        # does not end theirs, `jobs.add_job`.)
        linkedin = first.linkedin_connection
        for record in later:
            data = combine([record], self.state.region, self.today)
            # A second copy of a record the person was made from is no match to undo; one of
            # a record matched to them adds to what that one did.
            earlier = seen.setdefault((record.source, record.key), record)
            copy = None if earlier is record else earlier
            mark = (
                matched.take(known, out)
                if record.role is not Role.ME and copy is not first
                else None
            )
            named: list[str] = []
            has_name = values["display_name"] or values["given_name"] or values["family_name"]
            if not has_name and (data.display_name or data.given_name or data.family_name):
                values["display_name"] = data.display_name
                values["given_name"] = data.given_name
                values["family_name"] = data.family_name
                named.append("name filled in")
            changed = apply_record(
                self.state, self.org_names, self.ws, known, data, out, newer=False,
                left=self.record_notes.setdefault(id(record), []),
                keep_current=linkedin and not record.linkedin_connection,
                # (A record of an older file than another of this import: `older_files`.)
                title_alone=record.title_alone
                if record.linkedin_connection and not record.older_copy
                else None,
                older=record.older_copy,
            )  # fmt: skip
            linkedin = linkedin or record.linkedin_connection
            self.record_changes[id(record)] = named + changed
            if mark is not None:
                self.kept.fold(record, data, matched.added(mark, known, out), person_id, copy)
        person.display_name = values["display_name"]
        person.given_name, person.family_name = values["given_name"], values["family_name"]
        person.location, person.birthday = values["location"], values["birthday"]
        person.birthday_no_year = values["birthday_no_year"]
        person.notes = [values["notes"]] if values["notes"] else []
        person.how_we_met = values["how_we_met"]
        person.tags, person.interests = values["tags"], values["interests"]
        person.keep_in_touch_days = values["keep_in_touch_days"]
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
        # Matched records that come again, changed at their source: what they added grows.
        self.kept.read(updates)
        for person_id, records in updates.items():
            person = known[person_id]
            changed_any = False
            linkedin = any(connection_source(*source) for source in person.sources)
            for record, data, copy in records:
                newer = copy and not record.older_copy  # (`older_files`: no newer copy)
                said = self.said_then(plan, person, record) if newer else None
                if record.linkedin_connection and newer and record.key:
                    self.ties.said[id(record)] = said
                left = self.record_notes.setdefault(id(record), [])
                former = plan.former_keys.get(id(record))
                pending = self.kept.begin(plan, person, record, former, out)
                # (What it changes is kept for an undo, unless it joins them: then its
                # provenance keeps it, `kept_matches`.)
                joins = pending is not None and (pending.held is None or pending.held[0] is None)
                mark = None if joins else pending.mark if pending else matched.take(person, out)
                source = (
                    undo_updates.source_before(self.state, person, record, former) if mark else None
                )
                # (A copy of a record imported before, found by its key: it may retitle a job.)
                key = former or record.key
                again = (
                    key is not None
                    and self.state.fingerprints.get((record.source, key)) is not None
                )
                lines_then = self.said_then.lines_then(plan, person, record) if newer else None
                changes = apply_record(
                    self.state, self.org_names, self.ws, person, data, out,
                    newer=newer, said=said, left=left, keep_off=not self.reapply,
                    again=newer and again,
                    keep_current=linkedin and not (newer or record.linkedin_connection),
                    # (Only when LinkedIn gave another job last time: one you ended by
                    # hand that it still gives stays ended.)
                    reopen=record.linkedin_connection and "positions" in (said or ()),
                    # (Not for someone added by hand: a job typed in is the user's.)
                    title_alone=record.title_alone
                    if record.linkedin_connection and person.sources and not record.older_copy
                    else None,
                    older=record.older_copy,
                    lines_then=lines_then,
                )  # fmt: skip
                linkedin = linkedin or record.linkedin_connection
                if newer and said is not None and "positions" not in said and not self.reapply:
                    self.left_off |= {
                        organization_id(self.state, p.organization) for p in data.positions
                    }
                if record is plan.make_me_record:
                    person.values["is_me"] = True
                    person.dirty = True
                    changes.append("marked as you")
                self.record_changes[id(record)] = changes
                changed_any = changed_any or bool(changes)
                restored = (
                    self._restored_sources(person.id, record, keep_matches=pending is None)
                    if record.earlier_sources
                    else []
                )
                kept = self.kept.end(pending, person, record, data, out, restored)
                moved = self._provenance(person, record, out, former, rekeyed, kept)
                out.sources += restored
                # (Or, with nothing new, it may re-key their source record or give it a new
                # fingerprint, link them to you, or move the date of your LinkedIn tie to
                # them, once they are linked: its source record is put back with that.)
                if mark is not None and (
                    changes
                    or moved
                    or id(record) in self.kept.will_link
                    or self.ties.may_move(record, person.id)
                ):
                    held = pending.held if pending else None
                    self.put_back[id(record)] = undo_updates.noted(
                        self.state, mark, person, out, record, source, held=held,
                        me=record is plan.make_me_record, lines=lines_then,
                    )  # fmt: skip
                elif joins and changes:
                    # (What it changed is kept with the match it joins, and undone with it.)
                    self.put_back[id(record)] = dict(undo_updates.JOINED)
            if person_id == plan.make_me and not person.values["is_me"]:
                person.values["is_me"] = True  # by a record not applied to them here
                person.dirty = True
            if person.dirty:
                out.people.append({"id": person_id, **person.values, "updated_at": self.now})
            elif changed_any:
                # (A new e-mail or job changes the person too: they were updated now.)
                out.touched.append({"id": person_id, "updated_at": self.now})
            if changed_any or person.dirty:
                out.documents.append(person)
        out.write(self.session, self.ws, self.org_names)
        self.kept.write()
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

    def _me(self, plan: Plan) -> int | None:
        me_target = plan.me if plan.me is not None else self.state.me_id
        return None if me_target is None else self.person_id(me_target)
