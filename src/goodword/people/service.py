"""People: create, read, update, delete and list, always inside one workspace."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import and_, func, select
from sqlalchemy import update as update_rows
from sqlalchemy.orm import Session, selectinload

from goodword.connections.models import Connection
from goodword.db import utcnow
from goodword.duplicates.models import DuplicateCandidate, Merge
from goodword.errors import Conflict, FieldError, InvalidInput
from goodword.importers import history
from goodword.importers.mapped import split_whole_name
from goodword.interactions.models import Interaction, Participant
from goodword.leads.models import LeadShare
from goodword.people import deleted, job_dates, normalize, positions
from goodword.people.connections import connections_page as connections_page
from goodword.people.models import (
    DeletedSource,
    Person,
    PersonEmail,
    PersonPhone,
    PersonSource,
    PersonUrl,
    Position,
)
from goodword.people.schemas import (
    PersonCreate,
    PersonRead,
    PersonUpdate,
    PositionCreate,
    PositionRead,
    phone_context,
)
from goodword.records import (
    Page,
    clean_list,
    clean_text,
    get_owned,
    keyset_page,
    sort_key,
)
from goodword.references.models import Reference, ReferenceUse
from goodword.referrals.models import ReferralAsk
from goodword.search import service as search
from goodword.workspaces.models import Workspace

KIND = "person"


def get(session: Session, *, workspace_id: int, person_id: int) -> Person:
    """Return the person, or NotFound when it is not in this workspace."""
    return get_owned(session, Person, workspace_id=workspace_id, record_id=person_id, kind=KIND)


def get_me(session: Session, *, workspace_id: int) -> Person | None:
    """Return the person who is the user, if one is recorded."""
    return session.scalar(select(Person).where(Person.workspace_id == workspace_id, Person.is_me))


def with_name_parts(data: PersonCreate) -> PersonCreate:
    """A person added by hand with a whole name alone ("Alex Walker") gets its given and
    family names as an import reads them (`split_whole_name`), so they sort by family name
    and drafts greet them by their given name; a name given in parts, or one word, is kept.

    >>> with_name_parts(PersonCreate(display_name="Jane van der Berg")).family_name
    'van der Berg'
    >>> with_name_parts(PersonCreate(display_name="Prince")).given_name is None
    True
    """
    if data.given_name or data.family_name or not data.display_name:
        return data
    given, family = split_whole_name(data.display_name)
    if not family:
        return data
    return data.model_copy(update={"given_name": given or None, "family_name": family})


def create(session: Session, *, workspace_id: int, data: PersonCreate) -> Person:
    person = Person(workspace_id=workspace_id, positions=[])  # (new: no jobs to load)
    _apply(session, person, data)
    session.add(person)
    session.flush()
    search.index_person(session, person)
    return person


def update(session: Session, *, workspace_id: int, person_id: int, data: PersonUpdate) -> Person:
    person = get(session, workspace_id=workspace_id, person_id=person_id)
    _apply(session, person, data)
    session.flush()
    search.index_person(session, person)
    return person


# The source records remembered of a person deleted: those an import of contacts reads
# (an edge list of who knows whom names people by its own keys, and is not one).
_REMEMBERED = (PersonSource.external_key.is_not(None), PersonSource.source != "edge-list")


def delete(session: Session, *, workspace_id: int, person_id: int) -> None:
    """Delete the person. Their source records are remembered (`DeletedSource`, by a digest
    of each key), so an import that reads one again does not add them back."""
    person = get(session, workspace_id=workspace_id, person_id=person_id)
    now = utcnow()
    # A number of its own for this deletion (not the person's id, which SQLite may give out
    # again), so bringing them back forgets this deletion's records and no other's.
    number = deleted.next_deletion(session, workspace_id=workspace_id)
    session.add_all(
        DeletedSource(
            workspace_id=workspace_id,
            source=source,
            # (Kept only where the key is the file's alone: a file may be named after them.)
            file_name=file_name if deleted.only_in_its_file(source, key) else None,
            key_digest=deleted.digest(source, key, person.display_name),
            deletion=number,
            deleted_at=now,
        )
        for source, file_name, key in session.execute(
            select(PersonSource.source, PersonSource.file_name, PersonSource.external_key).where(
                PersonSource.workspace_id == workspace_id,
                PersonSource.person_id == person_id,
                *_REMEMBERED,
            )
        )
        if key
    )
    identities = [e.address for e in person.emails]
    identities += [u.url for u in person.urls if u.kind == "linkedin"]
    session.add_all(
        DeletedSource(
            workspace_id=workspace_id,
            source=deleted.SPREADSHEET_SOURCE,
            file_name=None,
            key_digest=deleted.digest(
                deleted.SPREADSHEET_SOURCE, deleted.row_id_with(key, identity)
            ),
            deletion=number,
            deleted_at=now,
        )
        for key in session.scalars(
            select(PersonSource.external_key).where(
                PersonSource.workspace_id == workspace_id,
                PersonSource.person_id == person_id,
                PersonSource.source == deleted.SPREADSHEET_SOURCE,
                *_REMEMBERED,
            )
        )
        if key
        for identity in identities
    )
    # Nothing of theirs stays behind: their rows in the kept import reports (and the rows of
    # those merged into them) lose their details, and the merges into them (whose snapshots
    # hold both people, and which cannot be undone without them) are forgotten.
    merges = select(Merge.id, Merge.absorbed_id).where(
        Merge.workspace_id == workspace_id, Merge.survivor_id == person_id
    )
    merged = session.execute(merges).all()
    history.forget_people(
        session,
        workspace_id=workspace_id,
        person_ids={person_id, *(absorbed for _, absorbed in merged)},
    )
    if merged:
        for merge_id, _ in merged:
            session.delete(session.get_one(Merge, merge_id))
    # What they wrote to a group stays, from someone gone: no contact with one left in it.
    wrote = and_(Interaction.workspace_id == workspace_id, Interaction.writer_id == person_id)
    session.execute(update_rows(Interaction).where(wrote).values(writer_gone=True))
    search.remove(session, kind=KIND, record_id=person.id)
    session.delete(person)
    session.flush()


@dataclass(frozen=True)
class GoesWith:
    """What deleting a person takes with them, counted, for the confirmations to say."""

    positions: int
    connections: int
    # The interactions they are taken off; the interactions themselves stay.
    interactions: int
    reference: bool
    # The launches recorded on their reference record: where and when they spoke for you.
    launches: int
    referral_asks: int
    # Leads passed on to them, or suggested for them (the leads stay).
    lead_shares: int
    # Pairs in the possible-duplicates queue they are one of, waiting for a decision or
    # already told apart.
    duplicate_pairs: int = 0
    # The merges of others into them, kept to be undone (which needs them both).
    merges: int = 0
    # The imported records behind them, which are remembered: an import that reads one of
    # them again does not add them back.
    imported_records: int = 0

    @property
    def deletes_more(self) -> bool:
        """Whether anything of theirs is deleted with them."""
        return bool(
            self.positions
            or self.connections
            or self.reference
            or self.referral_asks
            or self.lead_shares
            or self.duplicate_pairs
            or self.merges
        )


def goes_with(session: Session, *, workspace_id: int, person_id: int) -> GoesWith:
    """Count what `delete` deletes with the person (see GoesWith)."""

    def count_of(statement: Any) -> int:
        return session.scalar(statement) or 0

    def rows(model: Any, *where: Any) -> int:
        return count_of(
            select(func.count())
            .select_from(model)
            .where(model.workspace_id == workspace_id, *where)
        )

    reference = session.scalar(
        select(Reference.id).where(
            Reference.workspace_id == workspace_id, Reference.person_id == person_id
        )
    )
    return GoesWith(
        positions=rows(Position, Position.person_id == person_id),
        connections=rows(
            Connection,
            (Connection.person_a_id == person_id) | (Connection.person_b_id == person_id),
        ),
        interactions=count_of(
            select(func.count(func.distinct(Participant.interaction_id))).where(
                Participant.workspace_id == workspace_id, Participant.person_id == person_id
            )
        ),
        reference=reference is not None,
        launches=rows(ReferenceUse, ReferenceUse.reference_id == reference) if reference else 0,
        referral_asks=rows(ReferralAsk, ReferralAsk.person_id == person_id),
        lead_shares=rows(LeadShare, LeadShare.person_id == person_id),
        duplicate_pairs=rows(
            DuplicateCandidate,
            (DuplicateCandidate.person_a_id == person_id)
            | (DuplicateCandidate.person_b_id == person_id),
        ),
        # (A merge already undone could not be undone anyway: its record is not counted.)
        merges=rows(Merge, Merge.survivor_id == person_id, Merge.undone_at.is_(None)),
        imported_records=rows(PersonSource, PersonSource.person_id == person_id, *_REMEMBERED),
    )


def list_(
    session: Session,
    *,
    workspace_id: int,
    cursor: str | None = None,
    limit: int = 50,
    before: str | None = None,
) -> Page[Person]:
    """List people by family name, then given name; keyset-paginated (`before`: the page
    before the one whose `prev_cursor` it is)."""
    statement = select(Person).where(Person.workspace_id == workspace_id).options(*with_details())
    return keyset_page(
        session,
        statement,
        list_name="people",
        sort_column=Person.sort_name,
        id_column=Person.id,
        cursor=cursor,
        limit=limit,
        before=before,
    )


def count(session: Session, *, workspace_id: int) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(Person).where(Person.workspace_id == workspace_id)
        )
        or 0
    )


def add_position(
    session: Session, *, workspace_id: int, person_id: int, data: PositionCreate
) -> Position:
    """Record a job; a current one ends the current jobs elsewhere that it follows
    (`positions.end_earlier`)."""
    person = get(session, workspace_id=workspace_id, person_id=person_id)
    organization = positions.organization_for(session, workspace_id, data)
    if data.is_current:
        positions.end_earlier(
            person.positions, organization_id=organization.id, start=data.start_date,
            keep=None, precision=data.start_precision,
        )  # fmt: skip
    position = Position(
        workspace_id=workspace_id,
        person=person,
        organization=organization,
        title=clean_text(data.title),
        department=clean_text(data.department),
        start_date=data.start_date,
        end_date=data.end_date,
        start_precision=job_dates.kept(data.start_precision),
        end_precision=job_dates.kept(data.end_precision),
        is_current=data.is_current,
    )
    session.add(position)
    session.flush()
    session.refresh(person, ["positions"])
    search.index_person(session, person)
    return position


def remove_position(session: Session, *, workspace_id: int, position_id: int) -> None:
    position = get_owned(
        session, Position, workspace_id=workspace_id, record_id=position_id, kind="position"
    )
    person = position.person
    session.delete(position)
    session.flush()
    session.refresh(person, ["positions"])
    search.index_person(session, person)


def person_sort_name(display_name: str, given_name: str | None, family_name: str | None) -> str:
    """The list order of people: family name then given name, or the display name."""
    if family_name:
        return sort_key(f"{family_name} {given_name or ''}")
    return sort_key(display_name)


def to_read(person: Person) -> PersonRead:
    return PersonRead(
        id=person.id,
        display_name=person.display_name,
        given_name=person.given_name,
        family_name=person.family_name,
        emails=[e.address for e in person.emails],
        phones=[p.number for p in person.phones],
        urls=[u.url for u in person.urls],
        location=person.location,
        notes=person.notes,
        how_we_met=person.how_we_met,
        tags=list(person.tags),
        interests=list(person.interests),
        is_me=person.is_me,
        birthday=person.birthday,
        birthday_no_year=person.birthday_no_year,
        keep_in_touch_days=person.keep_in_touch_days,
        positions=[position_to_read(p) for p in person.positions],
        created_at=person.created_at,
        updated_at=person.updated_at,
    )


def position_to_read(position: Position) -> PositionRead:
    return PositionRead(
        id=position.id,
        organization_id=position.organization_id,
        organization_name=position.organization.name,
        title=position.title,
        department=position.department,
        start_date=position.start_date,
        end_date=position.end_date,
        start_precision=job_dates.precision_of(position.start_date, position.start_precision),
        end_precision=job_dates.precision_of(position.end_date, position.end_precision),
        is_current=position.is_current,
    )


def with_details() -> tuple[Any, ...]:
    """Loader options for showing whole people without a query per row."""
    return (
        selectinload(Person.emails),
        selectinload(Person.phones),
        selectinload(Person.urls),
        selectinload(Person.positions).selectinload(Position.organization),
    )


def phone_region(session: Session, *, workspace_id: int) -> str:
    """The region the workspace reads a phone number without a country code in."""
    workspace = session.get(Workspace, workspace_id)
    return workspace.phone_region if workspace else "US"


def input_context(session: Session, *, workspace_id: int) -> dict[str, str]:
    """The context to validate a person's input in, so a form, the API or the CLI checks
    their phone numbers with their other fields (and reports every problem at once);
    `_apply` checks again."""
    return phone_context(phone_region(session, workspace_id=workspace_id))


def _apply(session: Session, person: Person, data: PersonCreate | PersonUpdate) -> None:
    """Copy validated fields onto the person, normalising contact details."""
    region = phone_region(session, workspace_id=person.workspace_id)
    errors: list[FieldError] = []
    phones: list[str] = []
    for index, raw in enumerate(data.phones):
        try:
            phones.append(normalize.phone(raw, region))
        except ValueError as exc:
            errors.append(FieldError(f"phones.{index}", str(exc)))
    urls: list[tuple[str, str]] = []
    for index, raw in enumerate(data.urls):
        try:
            urls.append(normalize.profile_url(raw))
        except ValueError as exc:
            errors.append(FieldError(f"urls.{index}", str(exc)))
    if data.is_me and not person.is_me:
        me = get_me(session, workspace_id=person.workspace_id)
        if me is not None and me.id != person.id:
            raise Conflict(
                f"{me.display_name} (id {me.id}) is already marked as you; unmark them first.",
                fields=[FieldError("is_me", "Another person is already marked as you.")],
            )
    if errors:
        raise InvalidInput("Some contact details could not be read.", fields=errors)

    given, family = clean_text(data.given_name), clean_text(data.family_name)
    display = clean_text(data.display_name) or " ".join(p for p in (given, family) if p)
    person.display_name = display
    person.given_name = given
    person.family_name = family
    person.sort_name = person_sort_name(display, given, family)
    person.location = clean_text(data.location)
    person.notes = clean_text(data.notes)
    person.how_we_met = clean_text(data.how_we_met)
    person.tags = clean_list(data.tags)
    person.interests = clean_list(data.interests)
    person.is_me = data.is_me
    person.birthday = data.birthday
    person.birthday_no_year = data.birthday_no_year
    person.keep_in_touch_days = data.keep_in_touch_days

    # Rows still given keep their label, kind and id (the form and the API send bare values).
    workspace_id = person.workspace_id
    person.emails = _kept(
        person.emails,
        dict.fromkeys(normalize.email(e) for e in data.emails),
        key=lambda row: normalize.email(row.address),
        field="address",
        new=lambda a: PersonEmail(workspace_id=workspace_id, address=a),
    )
    person.phones = _kept(
        person.phones,
        dict.fromkeys(phones),
        key=lambda row: _or_as_stored(row.number, lambda n: normalize.phone(n, region)),
        field="number",
        new=lambda n: PersonPhone(workspace_id=workspace_id, number=n),
    )
    kinds = dict(urls)
    person.urls = _kept(
        person.urls,
        kinds,
        key=lambda row: _or_as_stored(row.url, lambda u: normalize.profile_url(u)[0]),
        field="url",
        new=lambda u: PersonUrl(workspace_id=workspace_id, url=u, kind=kinds[u]),
    )


_Detail = TypeVar("_Detail", PersonEmail, PersonPhone, PersonUrl)


def _kept(
    rows: Sequence[_Detail],
    values: Iterable[str],
    *,
    key: Callable[[_Detail], str],
    field: str,
    new: Callable[[str], _Detail],
) -> list[_Detail]:
    """The rows for the normalised `values`, in their order: a value the person has (a row
    whose `key` is it) keeps its row, with its label, kind and id; another gets `new(value)`;
    rows whose value is no longer given go."""
    had: dict[str, _Detail] = {}
    for row in rows:
        had.setdefault(key(row), row)
    kept: list[_Detail] = []
    for position, value in enumerate(values):
        if value in had:
            row = had.pop(value)
            setattr(row, field, value)
        else:
            row = new(value)
        row.position = position
        kept.append(row)
    return kept


def _or_as_stored(stored: str, normalise: Callable[[str], str]) -> str:
    """`stored` normalised, or as it is when it cannot be (text an import kept as typed)."""
    try:
        return normalise(stored)
    except ValueError:
        return stored


def get_many(session: Session, *, workspace_id: int, ids: Sequence[int]) -> list[Person]:
    """Return the people with these ids, in the order given, loaded for showing whole.

    Ids not in this workspace are skipped, as are repeats.
    """
    if not ids:
        return []
    found = {
        person.id: person
        for person in session.scalars(
            select(Person)
            .where(Person.workspace_id == workspace_id, Person.id.in_(ids))
            .options(*with_details())
        )
    }
    return [found[i] for i in dict.fromkeys(ids) if i in found]


def names(session: Session, *, workspace_id: int, person_ids: Sequence[int]) -> dict[int, str]:
    """The name of each of these people (ids not in this workspace are left out)."""
    if not person_ids:
        return {}
    rows = session.execute(
        select(Person.id, Person.display_name).where(
            Person.workspace_id == workspace_id, Person.id.in_(sorted(set(person_ids)))
        )
    )
    return {id_: name for id_, name in rows}


def choices(
    session: Session, *, workspace_id: int, limit: int = 500, but_me: bool = False
) -> list[tuple[int, str]]:
    """(id, name) pairs A to Z, for a picker; at most `limit` of them, without the user's
    own person when `but_me` (for a choice they cannot be: their own reference). Two people
    of one name are told apart by their numbers ("Sam Lee (number 12)")."""
    query = select(Person.id, Person.display_name).where(Person.workspace_id == workspace_id)
    if but_me:
        query = query.where(Person.is_me.is_(False))
    rows = session.execute(query.order_by(Person.sort_name, Person.id).limit(limit)).all()
    repeated = {name for name, count in Counter(name for _, name in rows).items() if count > 1}
    return [(id_, f"{name} (number {id_})" if name in repeated else name) for id_, name in rows]
