from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    String,
    Text,
    event,
    inspect,
    text,
    update,
)
from sqlalchemy.orm import (
    Mapped,
    Mapper,
    Session,
    attributes,
    mapped_column,
    relationship,
    validates,
)

from goodword.db import Base, UTCDateTime, WorkspaceScoped, utcnow
from goodword.people import normalize

if TYPE_CHECKING:
    from goodword.organizations.models import Organization


class Person(WorkspaceScoped, Base):
    __tablename__ = "people"
    __table_args__ = (
        Index("ix_people_workspace_sort", "workspace_id", "sort_name", "id"),
        Index(
            "uq_people_one_me",
            "workspace_id",
            unique=True,
            sqlite_where=text("is_me"),
            postgresql_where=text("is_me"),
        ),
    )

    display_name: Mapped[str] = mapped_column(String(200))
    given_name: Mapped[str | None] = mapped_column(String(100))
    family_name: Mapped[str | None] = mapped_column(String(100))
    # Lower-cased "family given" (or display name): the list order and pagination key.
    sort_name: Mapped[str] = mapped_column(String(200))
    location: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    how_we_met: Mapped[str | None] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    interests: Mapped[list[str]] = mapped_column(JSON, default=list)
    is_me: Mapped[bool] = mapped_column(Boolean, default=False)
    birthday: Mapped[date | None] = mapped_column(Date)
    # A birthday known without its year, as "--04-12" (goodword.people.birthdays); a person
    # has this or `birthday`, not both.
    birthday_no_year: Mapped[str | None] = mapped_column(String(7))
    # Keep-in-touch cadence in days, overriding the default for the relationship.
    keep_in_touch_days: Mapped[int | None]
    # The kept import that made them, for as long as nothing else has touched them since
    # (the flush listeners at the end of this module forget it): undoing that import takes
    # them away again.
    # (Deferred, with the database's NULL as its default and not fetched after an insert,
    # so that writing and reading people leaves it out: the migration tests write people
    # at schemas without it.)
    made_by_import: Mapped[int | None] = mapped_column(deferred=True, server_default=text("NULL"))
    __mapper_args__ = {"eager_defaults": False}

    emails: Mapped[list[PersonEmail]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonEmail.position"
    )
    phones: Mapped[list[PersonPhone]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonPhone.position"
    )
    urls: Mapped[list[PersonUrl]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonUrl.position"
    )
    positions: Mapped[list[Position]] = relationship(
        back_populates="person",
        cascade="all, delete-orphan",
        order_by=(
            "(Position.is_current.desc(), Position.start_date.desc().nulls_last(), Position.id)"
        ),
    )
    sources: Mapped[list[PersonSource]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonSource.id"
    )


class _PersonDetail(WorkspaceScoped):
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    label: Mapped[str | None] = mapped_column(String(50))
    position: Mapped[int] = mapped_column(default=0)


class PersonEmail(_PersonDetail, Base):
    __tablename__ = "person_emails"
    __table_args__ = (Index("ix_person_emails_workspace_address", "workspace_id", "address"),)

    address: Mapped[str] = mapped_column(String(320))
    person: Mapped[Person] = relationship(back_populates="emails")

    @validates("label")
    def _keep_label_in_its_form(self, _key: str, label: str | None) -> str | None:
        return normalize.email_label(label)


class PersonPhone(_PersonDetail, Base):
    __tablename__ = "person_phones"
    __table_args__ = (
        Index("ix_person_phones_workspace_number", "workspace_id", "number"),
        Index("ix_person_phones_workspace_reversed", "workspace_id", "reversed_digits"),
    )

    # E.164 when the number could be parsed, with ";ext=12" when it has an extension (a tel:
    # URI without its scheme: normalize.phone), else the text as given.
    number: Mapped[str] = mapped_column(String(64))
    # The number's digits last first (normalize.reversed_digits), so that search finds a
    # number by how it ends through the index. Set with the number here; whatever writes
    # rows without the ORM (imports, restoring a backup) must give it too.
    reversed_digits: Mapped[str] = mapped_column(String(64), server_default="")
    person: Mapped[Person] = relationship(back_populates="phones")

    @validates("number")
    def _keep_reversed_digits(self, _key: str, number: str) -> str:
        self.reversed_digits = normalize.reversed_digits(number)
        return number

    @validates("label")
    def _keep_label_in_its_form(self, _key: str, label: str | None) -> str | None:
        return normalize.phone_label(label)


class PersonUrl(_PersonDetail, Base):
    __tablename__ = "person_urls"
    __table_args__ = (Index("ix_person_urls_workspace_url", "workspace_id", "url"),)

    url: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(20), default="web")
    person: Mapped[Person] = relationship(back_populates="urls")

    @validates("label")
    def _keep_label_in_its_form(self, _key: str, label: str | None) -> str | None:
        return normalize.url_label(label)


class Position(WorkspaceScoped, Base):
    """A person's job at an organization; ended positions stay as career history."""

    __tablename__ = "positions"

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str | None] = mapped_column(String(200))
    department: Mapped[str | None] = mapped_column(String(200))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    # How much of each date the source gave: "month" (LinkedIn's "Jan 2020", kept as the
    # 1st) or "year" ("2020", kept as 1 January); None for a whole day, or no date.
    start_precision: Mapped[str | None] = mapped_column(String(5))
    end_precision: Mapped[str | None] = mapped_column(String(5))
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)

    person: Mapped[Person] = relationship(back_populates="positions")
    organization: Mapped[Organization] = relationship(back_populates="positions")


class PersonSource(WorkspaceScoped, Base):
    """Provenance: one source record (a file row, a card, an external id) behind a person."""

    __tablename__ = "person_sources"
    __table_args__ = (
        Index("ix_person_sources_workspace_key", "workspace_id", "source", "external_key"),
    )

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    # linkedin, google, vcard, csv, edge-list, goodword-json ...
    source: Mapped[str] = mapped_column(String(40))
    file_name: Mapped[str | None] = mapped_column(String(300))
    # The source's own id for the record, or its row/line number when it has none.
    external_key: Mapped[str | None] = mapped_column(String(300))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The line of the file the record was first read from (its first line, for one of
    # several); None for one added by hand or imported before this was kept.
    line: Mapped[int | None]
    # What the record said when last imported (`IncomingPerson.fingerprint`): a re-import
    # passes over a record whose fingerprint is unchanged. None where nothing was imported
    # (a record added by hand, an edge list) or before fingerprints were kept.
    fingerprint: Mapped[int | None] = mapped_column(BigInteger)
    # For a record an import matched to a person it did not make: what it held and what it
    # added to them, so the match can be undone (`importers/matched.py`). None for the
    # record that made the person, one added by hand, or one imported before this was kept.
    matched: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))

    person: Mapped[Person] = relationship(back_populates="sources")


class DeletedSource(WorkspaceScoped, Base):
    """A source record of a person the user deleted: an import that reads it again passes
    over it rather than adding them back (unless asked to reapply). Only a digest of the
    record's key is kept, never the key (an e-mail address, a profile) or the name."""

    __tablename__ = "deleted_sources"
    __table_args__ = (
        Index("ix_deleted_sources_workspace_key", "workspace_id", "source", "key_digest"),
    )

    source: Mapped[str] = mapped_column(String(40))
    # The file the record came from: a spreadsheet's row id and a name key are its alone.
    file_name: Mapped[str | None] = mapped_column(String(300))
    # SHA-256 of the record's key (`importers.deleted.digest`), in hex.
    key_digest: Mapped[str] = mapped_column(String(64))
    # Which deletion it was (a count of the workspace's deletions, `deleted.next_deletion`):
    # the records of one person deleted share it, so bringing them back by one of them
    # forgets the others too.
    deletion: Mapped[int]
    deleted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# What touching a person is, for `Person.made_by_import`: any record of theirs added,
# changed or deleted through the ORM (every hand edit, a merge, a split, a message or
# meeting logged with them, a lead, a task, a reference), and their own row changed. The
# imports write with Core and say themselves whom they touched (`importers/history.save`).
_TOUCHED = "people_touched"
# Records about people that change nothing of theirs: telling a pair in the duplicates
# queue apart, putting it back, or a scan queueing it (the import's report sends you there).
_NOT_TOUCHING = {"duplicate_candidates"}
_PEOPLE_COLUMNS: dict[type, tuple[list[str], list[str]]] = {}


def _people_columns(cls: type) -> tuple[list[str], list[str]]:
    """The attributes of a mapped class that name a person: its columns with a foreign key
    to people.id, and its relationships to a Person."""
    found = _PEOPLE_COLUMNS.get(cls)
    if found is None and inspect(cls).local_table.name in _NOT_TOUCHING:
        found = _PEOPLE_COLUMNS[cls] = ([], [])
    if found is None:
        mapper: Mapper[Any] = inspect(cls)
        columns = [
            attribute.key
            for attribute in mapper.column_attrs
            if any(
                key.column.table.name == "people"
                for column in attribute.columns
                for key in column.foreign_keys
            )
        ]
        related = [
            relation.key
            for relation in mapper.relationships
            if relation.mapper.class_ is Person and not relation.uselist
        ]
        found = _PEOPLE_COLUMNS[cls] = (columns, related)
    return found


@event.listens_for(Session, "before_flush")
def _note_people_touched(session: Session, _context: Any, _instances: Any) -> None:
    touched: set[int] = session.info.setdefault(_TOUCHED, set())
    for instance in (*session.new, *session.dirty, *session.deleted):
        if isinstance(instance, Person):
            if instance.id is not None and session.is_modified(instance):
                touched.add(instance.id)
            continue
        columns, related = _people_columns(type(instance))
        for key in columns:
            value = getattr(instance, key, None)
            if value is not None:
                touched.add(value)
            history = attributes.get_history(instance, key)
            touched.update(old for old in history.deleted or () if old is not None)
        for key in related:
            person = getattr(instance, key, None)
            if person is not None and person.id is not None:
                touched.add(person.id)


@event.listens_for(Session, "after_flush")
def _forget_imports_of_people_touched(session: Session, _context: Any) -> None:
    touched: set[int] = session.info.pop(_TOUCHED, set())
    if not touched:
        return
    ids = sorted(touched)
    for start in range(0, len(ids), 500):
        session.connection().execute(
            update(Person)
            .where(Person.id.in_(ids[start : start + 500]), Person.made_by_import.is_not(None))
            .values(made_by_import=None)
            .execution_options(synchronize_session=False)
        )
