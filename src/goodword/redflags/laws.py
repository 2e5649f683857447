"""Which salary-history bans and pay-range laws apply to a place, and why, in words.

The entries themselves, their status on a day and the lookup they make are in `law_data`;
the names are given from here too, where the rest of the package has always found them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from goodword.redflags.employer import US_CITY, US_FEDERAL, US_STATE, Employer
from goodword.redflags.law_data import (
    PUBLIC_EMPLOYERS,
    SCOPE_WORDS,
    SET_ASIDE_HEADING,
    SET_ASIDE_TITLE,
    SET_ASIDE_WHY,
    AppliedLaw,
    Kind,
    Law,
    LawLookup,
    Status,
    all_laws,
    data_caveat,
    data_compiled,
    employer_kind,
    preemption_notes,
)
from goodword.redflags.location import Place, parse_location
from goodword.redflags.places import US_STATES

__all__ = [
    "EMPLOYER_KINDS",
    "PUBLIC_EMPLOYERS",
    "SCOPE_WORDS",
    "SET_ASIDE_HEADING",
    "AppliedLaw",
    "EmployerKind",
    "Kind",
    "Law",
    "LawLookup",
    "Status",
    "all_laws",
    "binds_federal_agencies",
    "counted_note",
    "data_caveat",
    "data_compiled",
    "every_law",
    "laws_for",
    "laws_for_place",
    "left_out_note",
    "private_only_note",
    "set_aside_list_note",
    "set_aside_note",
]


@dataclass(frozen=True)
class EmployerKind:
    """A kind of employer that some entries bind alone, in words.

    `{state}` and `{city}` stand for the entry's own state and city.
    """

    one: str
    many: str
    shown_by: str
    # Why the other entries for the place step back when this employer is shown.
    aside: str = ""


EMPLOYER_KINDS = {
    US_FEDERAL: EmployerKind(
        one="a US federal agency",
        many="US federal agencies",
        shown_by="a USAJOBS posting or a GS pay grade",
        aside="State and city pay laws do not generally bind federal agencies, so what is said "
        "about pay-history questions rests on the federal rule.",
    ),
    US_STATE: EmployerKind(
        one="an agency of the State of {state}",
        many="public employers: agencies of the State of {state}",
        shown_by='"State of {state}" or one of its units ("{state} Department of ...", '
        '"{state} Office of ...") named as the employer',
    ),
    US_CITY: EmployerKind(
        one="the City of {city}",
        many="public employers: the government of the City of {city}",
        shown_by='"City of {city}" named as the employer',
    ),
}


def _words(text: str, law: Law, employer: str | Employer | None = None) -> str:
    """Fill in `{state}` and `{city}`: the employer's own, when the text shows them, else the
    entry's (a state's law left out for the City of Buffalo names Buffalo, not no city)."""
    region, city = law.region, law.city
    if isinstance(employer, Employer):
        region, city = employer.region or region, employer.city or city
    return text.format(state=US_STATES.get(region or "", region), city=city)


def _public_employer(employer: str | Employer | None, law: Law) -> str:
    """The public employer the text shows, in words ("an agency of the State of New York")."""
    kind = employer_kind(employer) or ""
    if kind == US_CITY and not (isinstance(employer, Employer) and employer.city) and not law.city:
        return "a city's own government"
    return _words(EMPLOYER_KINDS[kind].one, law, employer)


def left_out_note(law: Law, employer: str | Employer | None = None) -> str:
    """Say why an entry for the place was not counted: it binds another kind of employer.

    `employer` is the employer the laws were looked up for (an `Employer`, or its kind): for
    an entry that covers private employers, the public employer it does not bind.
    """
    if law.employer is None:
        return (
            f"Not counted: {law.name}. It covers {law.coverage.split(';')[0]}; the employer "
            f"reads as {_public_employer(employer, law)}, a public employer."
        )
    kind = EMPLOYER_KINDS[law.employer]
    return _words(
        f"Not counted: {law.name}. It binds only {kind.many}; Goodword counts it when the job's "
        f"text shows the employer is one, such as {kind.shown_by}.",
        law,
    )


def counted_note(law: Law, quote: str, *, aside: bool = True) -> str:
    """Say why an entry for one kind of employer was counted, quoting the text that shows it.

    `aside=False` leaves out why the other laws of the place step back, when a note that
    names them follows.
    """
    kind = EMPLOYER_KINDS[law.employer or ""]
    note = _words(f"The employer reads as {kind.one}", law)
    note += f' (the text says "{quote}"), so {law.name} is counted.'
    return f"{note} {kind.aside}" if kind.aside and aside else note


def private_only_note(laws: list[Law], employer: Employer) -> str:
    """Name the pay-range laws for private employers that a public employer is not held to."""
    names = "; ".join(f"{law.name} ({law.citation})" if law.citation else law.name for law in laws)
    many = len(laws) > 1
    return (
        f"Not applied to this public employer: the pay-range law{'s' if many else ''} of "
        f"{names}, which cover{'' if many else 's'} private employers only. The employer reads "
        f'as {_public_employer(employer, laws[0])} (the text says "{employer.quote}").'
    )


def set_aside_note(laws: list[Law], quote: str) -> str:
    """Say why state and local pay-range laws were not applied to a federal agency's posting."""
    names = "; ".join(law.name for law in laws)
    return (
        f"Not applied: the pay-range law of {names}. The employer reads as a US federal agency "
        f'(the text says "{quote}"), and state and local pay laws do not generally bind federal '
        "agencies, so what is said about the posting's pay range does not rest on them."
    )


def binds_federal_agencies(law: Law) -> bool:
    """Say whether an entry can bind a US federal agency: not a state, county or city law."""
    return not (law.country == "US" and law.level in ("region", "county", "city"))


def set_aside_list_note(laws: list[AppliedLaw]) -> str:
    """Name the state and local laws for the place that a federal employer is not held to."""
    by_name: dict[str, set[Kind]] = {}
    for applied in laws:
        by_name.setdefault(applied.law.name, set()).add(applied.law.kind)
    parts = []
    for name, kinds in by_name.items():
        words = [w for k, w in _KIND_WORDS.items() if k in kinds]
        parts.append(f"the {' and '.join(words)} law{'s' if len(words) > 1 else ''} of {name}")
    return f"{SET_ASIDE_TITLE}: {'; '.join(parts)}. {SET_ASIDE_WHY}"


_KIND_WORDS = {Kind.SALARY_HISTORY_BAN: "pay-history", Kind.PAY_TRANSPARENCY: "pay-range"}


def _notes_for(
    place: Place,
    found: list[AppliedLaw],
    left_out: list[Law],
    set_aside: list[AppliedLaw],
    *,
    federal: bool = False,
    employer: str | Employer | None = None,
) -> list[str]:
    notes: list[str] = []
    if not place.known:
        if place.area:
            notes.append(
                f'"{place.area}" is not one country; the law that applies depends on where the '
                "work is performed."
            )
        else:
            notes.append(
                "The location was not recognised, so no law could be looked up. Give a city and "
                'state or country, for example "Denver, CO" or "Toronto, ON".'
            )
        return notes
    if place.remote:
        where = place.label.removesuffix(" (remote)")
        notes.append(
            "For remote roles these laws usually follow where the work is performed, so what "
            f"applies is the law where you would work. Listed here: what applies in {where}."
        )
        reach = [a.law for a in found if a.law.location_rule]
        for law in reach:
            notes.append(f"{law.name} ({law.kind.value.replace('_', ' ')}): {law.location_rule}.")
    # State and local law does not bind a federal employer, so what it says is listed apart.
    local_law_matters = not (federal and place.country == "US")
    if place.country in ("US", "CA") and place.region is None and local_law_matters:
        notes.append(
            "No state or province given: state, provincial and city laws depend on where the "
            "job is performed."
        )
    local = [
        law
        for law in all_laws()
        if law.level in ("city", "county")
        and law.country == place.country
        and law.region == place.region
        and place.region is not None
        and not law.covers_place(place)
    ]
    names = sorted({law.name for law in local})
    if names and place.city is None and place.county is None and local_law_matters:
        notes.append("Local ordinances exist in this state: " + "; ".join(names) + ".")
    for item in preemption_notes():
        states = str(item.get("jurisdiction", ""))
        in_state = place.country == "US" and US_STATES.get(place.region or "", "?") in states
        if in_state and local_law_matters:
            notes.append(f"{states}: {item['fact']}")
    if place.country == "GB":
        notes.append("The EU Pay Transparency Directive does not apply in the United Kingdom.")
    notes.extend(left_out_note(law, employer) for law in left_out)
    if set_aside:
        notes.append(set_aside_list_note(set_aside))
    return notes


def laws_for_place(
    place: Place, *, today: date, employer: str | Employer | None = None
) -> LawLookup:
    """List the laws that cover `place`, each with its status on `today`.

    `employer` is the employer the text shows (an `Employer`, or a kind such as "us_federal"),
    or None when nothing says; entries that bind only another employer are left out, with a
    note. For a US federal agency, the state, county and city laws of the place, which do not
    generally bind it, are listed apart in `set_aside`, under a note that says so.
    """
    federal = employer_kind(employer) == US_FEDERAL
    covering = [law for law in all_laws() if place.known and law.covers_place(place)]
    apart = {law.id for law in covering if federal and not binds_federal_agencies(law)}
    found = [
        AppliedLaw.on(law, today) for law in covering if law.id not in apart and law.binds(employer)
    ]
    left_out = [law for law in covering if law.id not in apart and not law.binds(employer)]
    set_aside = [AppliedLaw.on(law, today) for law in covering if law.id in apart]
    found.sort(key=_listing_order)
    set_aside.sort(key=_listing_order)
    return LawLookup(
        place=place,
        today=today,
        compiled=data_compiled(),
        laws=tuple(found),
        notes=tuple(
            _notes_for(
                place,
                found,
                left_out,
                set_aside,
                federal=federal,
                employer=employer,
            )
        ),
        left_out=tuple(left_out),
        set_aside=tuple(set_aside),
        employer=employer_kind(employer),
    )


_LEVEL_ORDER = {"union": 0, "country": 1, "region": 2, "county": 3, "city": 4}


def _listing_order(applied: AppliedLaw) -> tuple[str, int]:
    return applied.law.kind.value, _LEVEL_ORDER.get(applied.law.level, 9)


def laws_for(where: str, today: date, *, employer: str | Employer | None = None) -> LawLookup:
    """Parse `where` (free text such as "Remote (US)" or "Toronto, ON") and look up its laws."""
    return laws_for_place(parse_location(where), today=today, employer=employer)


def every_law(today: date) -> list[AppliedLaw]:
    """Every entry with its status on `today` (for listing the whole data set)."""
    return [AppliedLaw.on(law, today) for law in all_laws()]
