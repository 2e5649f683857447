"""JSON API for red flags: check a text, list the laws for a place, an opportunity's findings."""

from __future__ import annotations

import enum
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field, field_validator

from goodword import clock
from goodword.api import API_PREFIX, ERROR_RESPONSES
from goodword.deps import DbSession, WorkspaceId
from goodword.opportunities import service as opportunities
from goodword.redflags import service
from goodword.redflags.analyzer import Category, analyze
from goodword.redflags.employer import US_FEDERAL
from goodword.redflags.signals import Severity

router = APIRouter(prefix=API_PREFIX, tags=["red flags"], responses=ERROR_RESPONSES)


class _Out(BaseModel):
    # Strict about unknown keys, so a change in the analyzer's output cannot go unnoticed.
    model_config = ConfigDict(extra="forbid")


class CheckRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(
        min_length=1,
        max_length=service.MAX_TEXT,
        description="A job posting or a recruiter's message, as plain text.",
    )
    location: str | None = Field(
        default=None,
        max_length=200,
        description='Where the job is, such as "New York, NY", "Remote (US)" or "Berlin". '
        'Left out, Goodword reads a location line ("Location: Denver, CO") or a sentence '
        'that places the job ("This role is based in Toronto, ON") from the text.',
    )
    posting: bool | None = Field(
        default=None,
        description="true: the text is a job posting (checked for a pay range where the law "
        "asks postings for one), false: a message; left out, Goodword tells from the text.",
    )

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("Give the text of a posting or a message to check.")
        return value


class EvidenceOut(_Out):
    start: int = Field(description="Offset of the first character in the checked text.")
    end: int = Field(description="Offset just past the last character.")
    quote: str = Field(description="The quoted words: text[start:end].")


class SourceOut(_Out):
    org: str
    title: str
    url: str
    date: str | None
    quality: str | None
    country: str | None = Field(
        description="The country whose law or guidance the source covers; null when general."
    )


class AnswerOut(_Out):
    kind: str
    label: str
    text: str = Field(description="A reply to send; square brackets mark what you fill in.")
    firmness: int = Field(ge=1, le=5, description="1 is mild, 5 is firm.")


class ChannelOut(_Out):
    name: str
    url: str
    countries: list[str]


class GuidanceOut(_Out):
    country: str
    summary: str
    verified: bool
    sources: list[SourceOut]


class HoursOut(_Out):
    low: float
    high: float
    basis: str
    evidence: list[EvidenceOut]


class LawOut(_Out):
    """A jurisdiction entry and its status on the day asked about."""

    id: str
    name: str
    kind: str
    level: str
    country: str
    region: str | None
    city: str | None
    county: str | None
    recorded_status: str
    scope: str
    employer_threshold: int | None
    threshold_note: str | None
    effective: date | None
    citation: str | None
    source_url: str | None = Field(
        description="The strongest web link among the entry's sources; null when it records "
        "none (its sources are notes alone, given in also_sources)."
    )
    also_sources: list[str]
    verified: bool = Field(description="False: the entry is unconfirmed; check its source.")
    unverified_fields: list[str]
    location_rule: str | None
    notes: str | None
    range_in_posting: bool
    range_rules: dict[str, Any]
    reply_name: str | None = Field(
        description="How a suggested reply names the law to the employer, where the data gives "
        'a name; without one, a reply says "<place> law".'
    )
    range_given: str | None = Field(
        description='When the law gives an applicant the pay or range ("on request, after a '
        'conditional offer"); null for a law that only asks for it in postings.'
    )
    restricts: str | None
    employer: str | None = Field(
        description='Set when the entry binds one kind of employer only ("us_federal").'
    )
    enforced_from: date | None = Field(
        description="When enforcement starts, where it starts later than the law took effect."
    )
    enforced_from_source: str | None = Field(description="Where `enforced_from` was read.")
    remote_reach: Literal["anywhere", "tied"] | None = Field(
        description='How the law reaches a remote job done from outside the place: "anywhere" '
        '(a job that could be done from there, so one open across the country), "tied" (only '
        "when `remote_tie` holds); null for the place's own jobs alone, or not known."
    )
    remote_tie: str | None = Field(
        description='For "tied": what ties a remote job to the place ("you would report to a '
        'supervisor or an office in New York").'
    )
    own_government: bool = Field(
        description="For an entry that covers private employers only: true when it also binds "
        "the government that made it (Columbus's pay-history ban binds the City of Columbus; its "
        "pay-range ordinance is recorded for private employers only), so it "
        "counts for that employer; it never counts for another public employer the text shows."
    )
    status: str
    status_text: str
    in_force: bool
    enforcement_pending: bool = Field(
        description="True when the law is in force but not enforced yet on `today` "
        "(see `enforced_from`)."
    )
    confirmed: bool
    summary: str


class PlaceOut(_Out):
    raw: str
    country: str | None
    region: str | None
    city: str | None
    county: str | None
    area: str | None
    remote: bool
    hybrid: bool
    remote_country: str | None
    label: str


class PayRangeOut(_Out):
    low: float
    high: float | None
    currency: str | None
    period: str | None
    open_ended: bool
    evidence: EvidenceOut


class LawLookupOut(_Out):
    place: PlaceOut
    today: date
    compiled: date
    laws: list[LawOut] = Field(description="The laws that apply to this job where it is.")
    notes: list[str]
    set_aside: list[LawOut] = Field(
        description="Laws of the place that do not bind the employer the text shows: the state, "
        "county and city laws, when the employer reads as a US federal agency. Not applied."
    )
    set_aside_heading: str | None = Field(
        description="Why `set_aside` is listed apart, in plain words; null when it is empty."
    )


class FindingOut(_Out):
    category: Category
    signal: str
    severity: Severity
    flagged: bool = Field(description="False for information-only findings.")
    title: str
    explanation: str
    evidence: list[EvidenceOut]
    laws: list[LawOut]
    verdict: str | None
    estimated_hours: HoursOut | None
    time_allowed: HoursOut | None
    answers: list[AnswerOut] = Field(
        description="Replies to send, mild to firm. Empty when `shared_help_index` is set: "
        "the finding's answers are then the shared help's."
    )
    report_to: list[ChannelOut] = Field(
        description="Where to report it (scams). Empty when `shared_help_index` is set: the "
        "finding's places to report are then the shared help's."
    )
    shared_help_index: int | None = Field(
        description="Where this finding's places to report and answers are, when other "
        "findings have the same (the signs of one scam): the index, from 0, of the report's "
        "`shared_help`. Null when the finding has its own, in `report_to` and `answers`."
    )
    guidance: GuidanceOut | None
    sources: list[SourceOut]
    verified: bool
    data_compiled: date | None


class SharedHelpOut(_Out):
    """Where to report and what to say, alike for several findings, given once."""

    findings: list[int] = Field(
        description="The findings it is for: their indexes, from 0, in the report's `findings`."
    )
    report_to: list[ChannelOut]
    answers: list[AnswerOut]


class ReportOut(_Out):
    """What Goodword found in one text."""

    location: str | None = Field(description="The location used (given, or read from the text).")
    place: PlaceOut
    today: date
    data_compiled: date = Field(description="When the jurisdiction data was compiled.")
    categories: list[str]
    worst: Severity | None
    is_posting: bool
    findings: list[FindingOut]
    shared_help: list[SharedHelpOut] = Field(
        description="Places to report and answers that two findings or more have alike, each "
        "given once; those findings point here by `shared_help_index`."
    )
    notes: list[str]
    pay_ranges: list[PayRangeOut]
    laws: LawLookupOut | None


class LawsEmployer(enum.StrEnum):
    """The kinds of employer the laws of a place can be looked up for."""

    US_FEDERAL = US_FEDERAL


class LawsOut(_Out):
    """The laws that apply to a place (or every entry), and how current the data is."""

    where: str | None
    employer: LawsEmployer | None = Field(
        description="The kind of employer the place's laws were looked up for; null for any."
    )
    place: PlaceOut | None
    today: date
    compiled: date = Field(description="When the jurisdiction data was compiled.")
    caveat: str
    laws: list[LawOut]
    notes: list[str]
    set_aside: list[LawOut] = Field(
        description="Laws of the place that do not bind that employer: the state, county and "
        "city laws, for a US federal agency. Not applied; as in a check's `laws.set_aside`."
    )
    set_aside_heading: str | None = Field(
        description="Why `set_aside` is listed apart, in plain words; null when it is empty."
    )


class OpportunityFindings(_Out):
    opportunity_id: int
    location: str | None = Field(description="The opportunity's city, region and country.")
    has_posting_text: bool
    report: ReportOut | None = Field(description="Null when no posting text is saved.")


@router.post("/check", response_model=ReportOut, summary="Check a posting or message")
def check(body: CheckRequest) -> ReportOut:
    """Find red flags in a text: scams, unpaid work, pay-history questions, missing pay ranges."""
    report = analyze(body.text, location=body.location, today=clock.today(), posting=body.posting)
    return ReportOut.model_validate(report.to_dict())


@router.get("/laws", response_model=LawsOut, summary="Pay laws by place")
def laws(
    where: Annotated[
        str | None,
        Query(max_length=200, description='A place such as "Toronto, ON"; leave out for all.'),
    ] = None,
    employer: Annotated[
        LawsEmployer | None,
        Query(
            description='With `where`: "us_federal" looks the laws up for a US federal agency, '
            "as a check does when the text shows one; the state and local laws, which do not "
            "generally bind it, are listed apart in `set_aside`. Leave out for any employer."
        ),
    ] = None,
) -> LawsOut:
    """The salary-history and pay-range laws that apply where a job is, with their status."""
    kind = employer.value if employer is not None else None
    document = service.laws_document(where, today=clock.today(), employer=kind)
    return LawsOut.model_validate(document)


@router.get(
    "/opportunities/{opportunity_id}/findings",
    response_model=OpportunityFindings,
    summary="Red flags in an opportunity's posting",
)
def opportunity_findings(
    opportunity_id: int, session: DbSession, workspace_id: WorkspaceId
) -> OpportunityFindings:
    """Check the opportunity's saved posting text, with its location."""
    opportunity = opportunities.get(
        session, workspace_id=workspace_id, opportunity_id=opportunity_id
    )
    checked = service.findings_for_opportunity(opportunity, today=clock.today())
    return OpportunityFindings(
        opportunity_id=opportunity.id,
        location=service.opportunity_location(opportunity),
        has_posting_text=checked is not None,
        report=ReportOut.model_validate(checked.report.to_dict()) if checked else None,
    )
