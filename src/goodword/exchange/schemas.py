"""The Goodword export file, version 1: a whole workspace as one JSON document.

Records point at each other by keys local to the file (`p1`, `o3`, `op2`, `i5`, `ra1`, `r2`,
`ru1`, `l4`), never by database ids, so a file imports into any database. Lists are in the
order the records were created, which an import keeps, so exporting the imported workspace
gives the same document. Lists added to version 1 later are optional, so older files still read.
"""

from __future__ import annotations

import re
from datetime import UTC, date
from decimal import Decimal
from typing import Annotated, Final, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
)

from goodword.connections.models import ConnectionKind
from goodword.importers.matched import Matched
from goodword.interactions.models import Direction, InteractionKind, Rapport
from goodword.leads.models import LeadKind, ShareStatus
from goodword.opportunities.models import PayPeriod, Route, Stage
from goodword.people import birthdays
from goodword.records import one_line
from goodword.references.models import UseStatus
from goodword.referrals.models import AskStatus
from goodword.tasks.models import TaskStatus

FORMAT: Final = "goodword-export"
VERSION: Final = 1


# Times are written in UTC and money with its two decimals, however the record in memory
# happens to hold them, so the same data always gives the same document.
Timestamp = Annotated[AwareDatetime, AfterValidator(lambda value: value.astimezone(UTC))]


def _cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


# Lengths match the database columns, so a file that validates always fits. Text is kept
# exactly as written (no stripping): an import must not change what an export said.
Key = Annotated[str, StringConstraints(pattern=r"^[a-z]+[1-9][0-9]*$", max_length=20)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Text50 = Annotated[str, StringConstraints(max_length=50)]
Text100 = Annotated[str, StringConstraints(max_length=100)]
Text200 = Annotated[str, StringConstraints(max_length=200)]
Text500 = Annotated[str, StringConstraints(max_length=500)]
Tag = Annotated[str, StringConstraints(min_length=1, max_length=60), AfterValidator(one_line)]
# Long text as Goodword may hold it: the forms take notes up to 100,000 characters, but
# versions before that limit kept an imported note of any length, and a backup of them
# must load again (the cap is an import file's size).
LongText = Annotated[str, StringConstraints(max_length=50 * 1024 * 1024)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExportedWorkspace(Record):
    """The workspace's own name; its phone region is a setting of the importing install, and its
    calendar feed token is a secret that never leaves the database."""

    name: Name


def _email(value: str) -> str:
    # As lenient as the importers that store addresses: an export holds whatever they kept.
    if not _EMAIL.fullmatch(value):
        raise ValueError(f"{value!r} is not an e-mail address")
    return value


_EMAIL = re.compile(r"[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+")
Email = Annotated[str, StringConstraints(max_length=320), AfterValidator(_email)]


class ExportedEmail(Record):
    address: Email
    label: Text50 | None = None


class ExportedPhone(Record):
    number: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    label: Text50 | None = None


class ExportedUrl(Record):
    url: Annotated[str, StringConstraints(min_length=4, max_length=500)]
    kind: Annotated[str, StringConstraints(min_length=1, max_length=20)] = "web"
    label: Text50 | None = None


class ExportedSource(Record):
    """Provenance: a source record (a file row, a card, an external id) behind the person."""

    source: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    file_name: Annotated[str, StringConstraints(max_length=300)] | None = None
    external_key: Annotated[str, StringConstraints(max_length=300)] | None = None
    imported_at: Timestamp
    # The line of the file it was first read from.
    line: Annotated[int, Field(ge=1, lt=2**31)] | None = None
    # A digest of what the record said when last imported; a re-import of the same
    # record passes over it while this is unchanged.
    fingerprint: Annotated[int, Field(ge=-(2**63), lt=2**63)] | None = None
    # For a record an import matched to the person: what it held and added, so the match
    # can be undone (`importers/matched.py`), with organizations by their keys here.
    matched: Matched | None = None


class ExportedPerson(Record):
    key: Key
    display_name: Name
    given_name: Text100 | None = None
    family_name: Text100 | None = None
    emails: list[ExportedEmail] = Field(default_factory=list)
    phones: list[ExportedPhone] = Field(default_factory=list)
    urls: list[ExportedUrl] = Field(default_factory=list)
    location: Text200 | None = None
    notes: LongText | None = None
    how_we_met: LongText | None = None
    tags: list[Tag] = Field(default_factory=list)
    interests: list[Tag] = Field(default_factory=list)
    is_me: bool = False
    # (No "not after today" check here, unlike the forms: an import may have kept a birthday
    # as its file gave it, and a backup must come back as it was.)
    birthday: date | None = None
    # A birthday without its year, "--04-12" (files made before it was kept have none).
    birthday_no_year: Annotated[str, AfterValidator(birthdays.check)] | None = None
    keep_in_touch_days: Annotated[int, Field(ge=0, le=3650)] | None = None
    sources: list[ExportedSource] = Field(default_factory=list)
    created_at: Timestamp
    updated_at: Timestamp


class ExportedOrganization(Record):
    key: Key
    name: Name
    aliases: list[Name] = Field(default_factory=list)
    domains: list[Annotated[str, StringConstraints(min_length=1, max_length=253)]] = Field(
        default_factory=list
    )
    location: Text200 | None = None
    notes: LongText | None = None
    created_at: Timestamp
    updated_at: Timestamp


class ExportedPosition(Record):
    person: Key
    organization: Key
    title: Text200 | None = None
    department: Text200 | None = None
    start_date: date | None = None
    end_date: date | None = None
    # "month" or "year" where only that much of the date is known (`people.job_dates`).
    start_precision: Literal["month", "year"] | None = None
    end_precision: Literal["month", "year"] | None = None
    is_current: bool = True
    created_at: Timestamp
    updated_at: Timestamp


class ExportedStageChange(Record):
    from_stage: Stage | None = None
    to_stage: Stage
    changed_at: Timestamp
    note: Text500 | None = None


Money = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2), AfterValidator(_cents)]


class ExportedOpportunity(Record):
    key: Key
    organization: Key
    role_title: Name
    city: Text100 | None = None
    region: Text100 | None = None
    country: Text100 | None = None
    posting_url: Annotated[str, StringConstraints(max_length=1000)] | None = None
    posting_text: LongText | None = None
    pay_min: Money | None = None
    pay_max: Money | None = None
    pay_currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = None
    pay_period: PayPeriod | None = None
    stage: Stage
    route: Route | None = None
    hiring_manager: Key | None = None
    next_step: Text500 | None = None
    next_step_due: date | None = None
    notes: LongText | None = None
    stage_changes: list[ExportedStageChange] = Field(default_factory=list)
    created_at: Timestamp
    updated_at: Timestamp


class ExportedParticipant(Record):
    person: Key
    rapport: Rapport | None = None


class ExportedInteraction(Record):
    key: Key
    occurred_at: Timestamp
    kind: InteractionKind
    summary: LongText | None = None
    opportunity: Key | None = None
    interview_round: Annotated[int, Field(ge=1, le=20)] | None = None
    direction: Direction | None = None
    # Which of the participants wrote a message that came in, where that is known.
    writer: Key | None = None
    # A message that came in from someone not among its participants (a deleted account).
    writer_gone: bool = False
    external_id: Annotated[str, StringConstraints(max_length=300)] | None = None
    participants: list[ExportedParticipant] = Field(default_factory=list)
    created_at: Timestamp
    updated_at: Timestamp


class ExportedConnection(Record):
    person_a: Key
    person_b: Key
    kind: ConnectionKind
    source: Text200 | None = None
    since: date | None = None
    closeness: Annotated[int, Field(ge=1, le=5)] | None = None
    notes: LongText | None = None
    created_at: Timestamp
    updated_at: Timestamp


class ExportedPair(Record):
    """Two people who may be one (`open`, waiting in the possible-duplicates queue) or whom
    the user told apart (`not_same`: no scan or import puts them together)."""

    person_a: Key
    person_b: Key
    status: Literal["open", "not_same"]
    score: Annotated[float, Field(ge=0, le=1)]
    # (Reasons name e-mail addresses and phones, which may be long.)
    reasons: list[Annotated[str, StringConstraints(max_length=2000)]] = Field(default_factory=list)
    created_at: Timestamp
    updated_at: Timestamp


class ExportedTask(Record):
    title: Annotated[str, StringConstraints(min_length=1, max_length=300)]
    notes: LongText | None = None
    due_date: date | None = None
    status: TaskStatus = TaskStatus.OPEN
    snoozed_until: date | None = None
    completed_at: Timestamp | None = None
    origin: Annotated[str, StringConstraints(min_length=1, max_length=100)] = "manual"
    origin_key: Annotated[str, StringConstraints(max_length=300)] | None = None
    # A digest of the notes a playbook last wrote: notes that differ were edited by hand.
    drafted_notes_digest: Annotated[str, StringConstraints(max_length=64)] | None = None
    # The same for the title: a title that differs was renamed by hand.
    drafted_title_digest: Annotated[str, StringConstraints(max_length=64)] | None = None
    person: Key | None = None
    organization: Key | None = None
    opportunity: Key | None = None
    interaction: Key | None = None
    # The message a keep-in-touch reminder logged when marked done: reopened, it is taken back.
    logged_interaction: Key | None = None
    created_at: Timestamp
    updated_at: Timestamp


class ExportedReferralAsk(Record):
    """Asking `person` for a referral at `target_organization`, after `source_opportunity`."""

    key: Key
    person: Key
    source_opportunity: Key | None = None
    target_organization: Key | None = None
    result_opportunity: Key | None = None
    status: AskStatus = AskStatus.TO_ASK
    asked_on: date | None = None
    reported_back_on: date | None = None
    notes: LongText | None = None
    introduced_to: Text200 | None = None
    created_at: Timestamp
    updated_at: Timestamp


class ExportedReference(Record):
    """A person who speaks for the user; one reference per person."""

    key: Key
    person: Key
    consent_on: date | None = None
    relationship_text: LongText | None = None
    can_speak_to: LongText | None = None
    is_current_workplace: bool = False
    active: bool = True
    notes: LongText | None = None
    created_at: Timestamp
    updated_at: Timestamp


class ExportedReferenceUse(Record):
    """One launch of a reference for an opportunity; `created_at` is the launch day. With no
    `opportunity`, the opportunity was deleted: the launch is kept so the cap still counts it."""

    key: Key
    reference: Key
    opportunity: Key | None = None
    status: UseStatus = UseStatus.PLANNED
    stress_points: LongText | None = None
    briefed_on: date | None = None
    called_on: date | None = None
    thanked_on: date | None = None
    outcome: LongText | None = None
    created_at: Timestamp
    updated_at: Timestamp


class ExportedLeadShare(Record):
    """Passing the lead on to one person (suggested, sent or skipped)."""

    person: Key
    status: ShareStatus = ShareStatus.SUGGESTED
    reason: Text500 | None = None
    sent_on: date | None = None
    created_at: Timestamp
    updated_at: Timestamp


class ExportedLead(Record):
    key: Key
    kind: LeadKind
    title: Annotated[str, StringConstraints(min_length=1, max_length=300)]
    description: LongText | None = None
    url: Annotated[str, StringConstraints(max_length=1000)] | None = None
    happens_on: date | None = None
    place: Annotated[str, StringConstraints(max_length=200)] | None = None
    in_person: bool = False
    tags: list[Tag] = Field(default_factory=list)
    organization: Key | None = None
    shares: list[ExportedLeadShare] = Field(default_factory=list)
    created_at: Timestamp
    updated_at: Timestamp


class ExportedMessageTemplate(Record):
    """The user's own version of a library message; `key` is the library's name for it."""

    key: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    subject: Annotated[str, StringConstraints(min_length=1, max_length=300)]
    body: LongText
    created_at: Timestamp
    updated_at: Timestamp


class ExportedDeletedSource(Record):
    """A source record of someone the user deleted, by a digest of its key: an import that
    reads it again does not add them back. `deletion` groups the records of one deletion."""

    source: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    file_name: Annotated[str, StringConstraints(max_length=300)] | None = None
    key_digest: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    deletion: Annotated[int, Field(ge=1, lt=2**31)]
    deleted_at: Timestamp


class ExportFile(Record):
    """The whole document; `format` and `version` say what it is before anything else."""

    format: Literal["goodword-export"]
    version: Literal[1]
    workspace: ExportedWorkspace
    organizations: list[ExportedOrganization] = Field(default_factory=list)
    people: list[ExportedPerson] = Field(default_factory=list)
    positions: list[ExportedPosition] = Field(default_factory=list)
    opportunities: list[ExportedOpportunity] = Field(default_factory=list)
    interactions: list[ExportedInteraction] = Field(default_factory=list)
    connections: list[ExportedConnection] = Field(default_factory=list)
    # (Files written before pairs were kept have none: a scan finds the open ones again.)
    duplicate_pairs: list[ExportedPair] = Field(default_factory=list)
    tasks: list[ExportedTask] = Field(default_factory=list)
    referral_asks: list[ExportedReferralAsk] = Field(default_factory=list)
    references: list[ExportedReference] = Field(default_factory=list)
    reference_uses: list[ExportedReferenceUse] = Field(default_factory=list)
    leads: list[ExportedLead] = Field(default_factory=list)
    message_templates: list[ExportedMessageTemplate] = Field(default_factory=list)
    # (Files written before deleted people were remembered have none.)
    deleted_sources: list[ExportedDeletedSource] = Field(default_factory=list)
