"""What an import needs to know about the workspace, loaded once with set-based queries."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from typing import Any

import phonenumbers
from sqlalchemy import Executable, select
from sqlalchemy.orm import Session

from goodword.duplicates.apart import names_differ
from goodword.duplicates.index import Matcher
from goodword.duplicates.matching import Profile, job_titles
from goodword.duplicates.models import DuplicateCandidate
from goodword.duplicates.names import GENERATIONS, fold, fold_name
from goodword.importers import deleted
from goodword.importers.bulk import driver_rows
from goodword.importers.cleaning import clean_whole_name, profile_url
from goodword.importers.deleted import Remembered
from goodword.importers.mapped import SOURCE as MAPPED_SOURCE
from goodword.importers.mapped import split_whole_name
from goodword.importers.records import IncomingPerson
from goodword.organizations.models import Organization
from goodword.organizations.names import NO_EMPLOYER, organization_key
from goodword.people import normalize
from goodword.people.models import Person, PersonEmail, PersonPhone, PersonSource, PersonUrl
from goodword.people.models import Position as PositionRow
from goodword.workspaces.models import Workspace

_NO_ORGS: frozenset[str] = frozenset()
# "+" then digits in groups split by one space, dash or dot: an international number as most
# files write it, read without phonenumbers (fast) when `_plainly_whole` says phonenumbers
# would read it digit for digit.
_PLAIN_INTERNATIONAL = re.compile(r"\+([1-9][0-9]*(?:[ .\-][0-9]+)*)")
_GROUP_SEPARATOR = re.compile(r"[ .\-]")


@lru_cache(maxsize=65_536)
def phone_key(raw: str, region: str) -> str | None:
    """The number as Goodword stores it (E.164, with ";ext=12" when it has an extension), or
    None when it cannot be read as a phone number: always what `normalize.phone` gives
    (remembered: matching and writing both ask, and phonenumbers is slow)."""
    plain = _PLAIN_INTERNATIONAL.fullmatch(raw.strip())
    if plain:
        digits = _GROUP_SEPARATOR.sub("", plain[1])
        if _plainly_whole(digits):
            return "+" + digits
    try:
        return normalize.phone(raw, region)
    except ValueError:
        return None


def phone_form(raw: str, region: str) -> str:
    """The number as an import stores it: its key, else the text as written (without the
    apostrophe a spreadsheet puts before a number kept as text), cut to the column."""
    return phone_key(raw, region) or raw.strip().removeprefix("'").strip()[:64]


def holds_phone(held: Iterable[str], number: str, region: str) -> bool:
    """Whether a person's stored numbers (`held`) hold `number` (as `phone_form` gives it):
    one stored as written by an older reading ("0049 30 1234567", "'07700 900123") is the
    number it reads as now."""
    if number in held:
        return True
    return any(
        phone_form(stored, region) == number for stored in held if not _STORED.fullmatch(stored)
    )


# A key of a record without an id or e-mail address: its name and its first number's
# digits as written (`address_book.key_by_name`), maybe with "#2", "#3"...
_PHONED_KEY = re.compile(r"(name:.*)\|tel:[0-9]+(?:#[0-9]+)?")


def key_numbers(people: Iterable[IncomingPerson], region: str) -> None:
    """Key the records keyed by a phone number by the number as stored, not its digits as
    written: "(415) 555-0123" and "+1 415-555-0123" are then one record of the source
    whichever way the file writes it next. The key by the digits, which imports before
    this one kept, stays a former key (the record is re-keyed the next time it comes)."""
    seen: dict[str, int] = {}
    for person in people:
        key = person.key or ""
        phoned = _PHONED_KEY.fullmatch(key) if person.phones else None
        number = phoned and phone_key(person.phones[0].value, region)
        if not phoned or not number:
            continue
        base = f"{phoned[1]}|tel:{number}"
        times = seen[base] = seen.get(base, 0) + 1
        keyed = base if times == 1 else f"{base}#{times}"
        if keyed != key:
            person.key = keyed
            person.former_keys.insert(0, key)


# A number as an import stores one it reads: "+", digits, and its extension.
_STORED = re.compile(r"\+[0-9]+(?:;ext=[0-9]+)?")


def _plainly_whole(digits: str) -> bool:
    """Whether "+" and `digits` is a whole number as written: a country code, then a national
    number of a length that country's numbers have (not one only dialled locally) and not
    starting with its trunk prefix, which phonenumbers drops ("+44 020 7946 0958" is
    +44 20 7946 0958). Else phonenumbers decides."""
    for size in (1, 2, 3):
        country = _country(digits[:size])
        if country is not None:
            lengths, trunk = country
            national = digits[size:]
            return len(national) in lengths and (trunk is None or not trunk.match(national))
    return False


@cache
def _country(digits: str) -> tuple[frozenset[int], re.Pattern[str] | None] | None:
    """The whole-number lengths and trunk prefix pattern of the country calling code these
    digits are, or None when no country has it (country codes are prefix-free: at most one
    of "4", "44" and "441" is one)."""
    code = int(digits)
    if code not in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
        return None
    metadata = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(
        code, phonenumbers.region_code_for_country_code(code)
    )
    if metadata is None:
        return None
    general = metadata.general_desc
    if general is None:
        return None
    lengths = frozenset(general.possible_length) - frozenset(general.possible_length_local_only)
    trunk = metadata.national_prefix_for_parsing
    return lengths, (re.compile(trunk) if trunk else None)


def _linkedin(raw: str) -> str | None:
    if "linkedin." not in raw:
        return None
    try:
        url, kind = profile_url(raw)
    except ValueError:
        return None
    return url if kind == "linkedin" else None


def split_name(person: IncomingPerson) -> tuple[str, str]:
    """Folded (given, family); a lone display name is split as a whole name typed into
    one column is (`split_whole_name`: "Jane van der Berg", "Müller, José", "山田 太郎")."""
    return _split(person.given_name, person.family_name, person.display_name)


def _split(given: str | None, family: str | None, display: str | None) -> tuple[str, str]:
    folded_given, folded_family = fold_name(given), fold_name(family)
    if not folded_given and not folded_family and display:
        if not any(char.isalpha() for char in display):
            return "", ""  # a phone number shown as the name of someone without one
        whole_given, whole_family = split_whole_name(clean_whole_name(display, []))
        return fold_name(whole_given), fold_name(whole_family)
    # (A whole name no longer than the two parts has no suffix: the common case, told fast.)
    if display and folded_family and len(display) > len(given or "") + len(family or "") + 1:
        return folded_given, _with_generation(folded_family, display)
    return folded_given, folded_family


def _with_generation(family: str, display: str) -> str:
    """The folded family name with the generational suffix the whole name ends with, when
    only the whole name has it (a vCard's N and Google's Name Suffix keep "Jr." there, not
    in the family name, which a LinkedIn "Smith, Jr." keeps it in): matching tells
    "John Smith Sr." from "John Smith Jr." by it.

    >>> _with_generation("smith", "John Smith Jr."), _with_generation("smith jr", "John Smith Jr.")
    ('smith jr', 'smith jr')
    """
    last = display.rpartition(" ")[2].strip(".,").lower()
    if last not in GENERATIONS or family.endswith(last):
        return family
    return f"{family} {last}"


def _employers(names: Iterable[str]) -> frozenset[str]:
    """The keys of the organizations a person works or worked at that are evidence of who
    they are: not "Self-employed" or "Stealth Startup" (`NO_EMPLOYER`), which many share."""
    return frozenset(organization_key(name) for name in names) - NO_EMPLOYER or _NO_ORGS


def saved_profile(person: Person) -> Profile:
    """The matching profile of a person already saved, as `load_people` indexes them."""
    given, family = _split(person.given_name, person.family_name, person.display_name)
    orgs = _employers(p.organization.name for p in person.positions)
    return Profile(
        ref=person.id,
        given=given,
        family=family,
        emails=[e.address for e in person.emails],
        urls=[u.url for u in person.urls if u.kind == "linkedin"],
        phones=[p.number for p in person.phones],
        orgs=orgs or _NO_ORGS,
        location=fold(person.location),
        birthday=_iso(person.birthday),
        titles=job_titles(p.title for p in person.positions),
    )


def _read(session: Session, statement: Executable) -> Sequence[Any]:
    # Core, not the ORM, and every row at once: no per-row bookkeeping.
    return session.connection().execute(statement).all()


def _iso(day: date | str | None) -> str:
    """A birthday as the driver gives it (text on SQLite, a date on PostgreSQL), as text."""
    if day is None or isinstance(day, str):
        return day or ""
    return day.isoformat()


@dataclass
class WorkspaceState:
    """The people, organizations and provenance of one workspace, indexed for matching."""

    workspace_id: int
    region: str
    matcher: Matcher = field(default_factory=Matcher)
    # (source, external key) -> person id
    sources: dict[tuple[str, str], int] = field(default_factory=dict)
    # (source, external key) -> the record's fingerprint when it was last imported
    fingerprints: dict[tuple[str, str], int] = field(default_factory=dict)
    # A key several people hold (row 2 of two spreadsheets): (source, key) -> {person id:
    # fingerprint or None}
    shared: dict[tuple[str, str], dict[int, int | None]] = field(default_factory=dict)
    # A mapped CSV's record id -> {person id: the files it came from} (another spreadsheet's
    # row of the same id is another record: `Resolver._still_theirs`)
    csv_files: dict[str, dict[int, set[str]]] = field(default_factory=dict)
    # (source, key by name and address or phone) -> the file it came from (a card renamed
    # at its source is found in a newer copy of its file: `importers/renamed.py`)
    name_files: dict[tuple[str, str], str] = field(default_factory=dict)
    # person id -> the (source, key) of the explicit (not name-only) records behind it
    explicit_keys: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    # organization key -> (id, name, aliases)
    organizations: dict[str, tuple[int, str, list[str]]] = field(default_factory=dict)
    # organization id -> name, for every organization (two of them may share a key, when
    # someone named "Acme" and "Acme Inc." apart by hand)
    organization_names: dict[int, str] = field(default_factory=dict)
    # organization id -> the id the import uses for its key (itself, unless it shares one)
    same_organization: dict[int, int] = field(default_factory=dict)
    # a name or alias exactly as kept (case folded) -> (id, name, aliases): an exact name
    # wins over the normalised key, so organizations told apart by hand stay apart
    exact_organizations: dict[str, tuple[int, str, list[str]]] = field(default_factory=dict)
    # folded full name -> person ids (to find people a message names)
    names: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    person_ids: set[int] = field(default_factory=set)
    me_id: int | None = None
    # (smaller id, larger id) of every pair already queued or decided
    candidate_pairs: set[tuple[int, int]] = field(default_factory=set)
    # person id -> the name shown, for those with no name matching can compare ("Unknown",
    # "TBD"): one of Goodword's own exports finds them by it (`Resolver._own_id`)
    shown_names: dict[int, str] = field(default_factory=dict)
    # Whether `load_people` ran (the fields above it fills are empty until it does).
    people_loaded: bool = False
    # The records of people the user deleted (`importers/deleted.py`)
    deleted: Remembered = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session, *, workspace_id: int) -> WorkspaceState:
        """Everything: the provenance, then the people indexed for matching."""
        state = cls.load_provenance(session, workspace_id=workspace_id)
        state.load_people(session)
        return state

    @classmethod
    def load_provenance(cls, session: Session, *, workspace_id: int) -> WorkspaceState:
        """Only what tells a record imported before, and unchanged since, from the rest
        (and who the user is); `load_people` adds the rest when any record needs it."""
        workspace = session.get(Workspace, workspace_id)
        state = cls(workspace_id, workspace.phone_region if workspace else "US")
        ws = workspace_id
        for source, key, person_id, printed, file_name in driver_rows(
            session,
            select(
                PersonSource.source,
                PersonSource.external_key,
                PersonSource.person_id,
                PersonSource.fingerprint,
                PersonSource.file_name,
            ).where(PersonSource.workspace_id == ws),
        ):
            if key:
                pair = (source, key)
                held = state.sources.get(pair)
                if held is not None and held != person_id:
                    shared = state.shared.setdefault(pair, {held: state.fingerprints.get(pair)})
                    shared[person_id] = printed
                state.sources[pair] = person_id
                if printed is not None:
                    state.fingerprints[pair] = printed
                if not key.startswith("name:"):
                    state.explicit_keys.setdefault(person_id, []).append(pair)
                elif file_name and "|" in key:
                    state.name_files[pair] = file_name
        for key, person_id, file_name in session.execute(
            select(PersonSource.external_key, PersonSource.person_id, PersonSource.file_name).where(
                PersonSource.workspace_id == ws, PersonSource.source == MAPPED_SOURCE
            )
        ):
            if key and file_name:
                state.csv_files.setdefault(key, {}).setdefault(person_id, set()).add(file_name)
        state.me_id = session.scalar(
            select(Person.id).where(Person.workspace_id == ws, Person.is_me.is_(True))
        )
        state.deleted = deleted.load(session, workspace_id=ws)
        return state

    def load_people(self, session: Session, step: Callable[[], None] | None = None) -> None:
        """The people, their organizations and the queued pairs, indexed for matching.
        `step` is called after each table is read and every 10,000 people indexed (an
        import hears a stop asked for there)."""
        state, ws = self, self.workspace_id
        heard = step or (lambda: None)

        def read(statement: Executable) -> Sequence[Any]:
            found = driver_rows(session, statement)
            heard()
            return found

        emails: dict[int, list[str]] = defaultdict(list)
        for person_id, address in read(
            select(PersonEmail.person_id, PersonEmail.address).where(PersonEmail.workspace_id == ws)
        ):
            emails[person_id].append(address)
        urls: dict[int, list[str]] = defaultdict(list)
        for person_id, url in read(
            select(PersonUrl.person_id, PersonUrl.url).where(
                PersonUrl.workspace_id == ws, PersonUrl.kind == "linkedin"
            )
        ):
            urls[person_id].append(url)
        phones: dict[int, list[str]] = defaultdict(list)
        for person_id, number in read(
            select(PersonPhone.person_id, PersonPhone.number).where(PersonPhone.workspace_id == ws)
        ):
            phones[person_id].append(number)
        org_keys: dict[int, str] = {}
        for org_id, name, aliases in _read(
            session,
            select(Organization.id, Organization.name, Organization.aliases)
            .where(Organization.workspace_id == ws)
            .order_by(Organization.id),
        ):
            state.organization_names[org_id] = name
            org_keys[org_id] = organization_key(name)
            for spelling in [name, *aliases]:
                state.organizations.setdefault(organization_key(spelling), (org_id, name, aliases))
                state.exact_organizations.setdefault(spelling.casefold(), (org_id, name, aliases))
        for org_id, key in org_keys.items():
            known = state.organizations.get(key)
            if known is not None and known[0] != org_id:
                state.same_organization[org_id] = known[0]
        orgs: dict[int, set[str]] = defaultdict(set)
        titles: dict[int, list[str]] = defaultdict(list)
        for person_id, org_id, title in read(
            select(PositionRow.person_id, PositionRow.organization_id, PositionRow.title).where(
                PositionRow.workspace_id == ws
            )
        ):
            if org_id in org_keys and org_keys[org_id] not in NO_EMPLOYER:
                orgs[person_id].add(org_keys[org_id])
            if title:
                titles[person_id].append(title)
        # People of one title share one string.
        title_strings: dict[str, str] = {}
        held_titles = {
            person_id: title_strings.setdefault(joined, joined)
            for person_id, said in titles.items()
            if (joined := job_titles(said))
        }
        del titles
        # People at the same organizations share one set.
        shared: dict[frozenset[str], frozenset[str]] = {}
        org_sets = {
            person_id: shared.setdefault(frozen, frozen)
            for person_id, held in orgs.items()
            if (frozen := frozenset(held))
        }
        del orgs
        for a, b in read(
            select(DuplicateCandidate.person_a_id, DuplicateCandidate.person_b_id).where(
                DuplicateCandidate.workspace_id == ws
            )
        ):
            state.candidate_pairs.add((a, b))
        rows = read(
            select(
                Person.id,
                Person.given_name,
                Person.family_name,
                Person.display_name,
                Person.location,
                Person.birthday,
            ).where(Person.workspace_id == ws)
        )
        for index, (person_id, given, family, display, location, birthday) in enumerate(rows):
            if index % 10_000 == 9_999:
                heard()
            state.person_ids.add(person_id)
            folded_given, folded_family = _split(given, family, display)
            profile = Profile(
                ref=person_id,
                given=folded_given,
                family=folded_family,
                emails=emails.get(person_id, ()),
                urls=urls.get(person_id, ()),
                phones=phones.get(person_id, ()),
                orgs=org_sets.get(person_id, _NO_ORGS),
                location=fold(location),
                birthday=_iso(birthday),
                titles=held_titles.get(person_id, ""),
            )
            state.matcher.add(profile)
            state.names[profile.full].append(person_id)
            if not profile.full and display:
                state.shown_names[person_id] = display
        state.people_loaded = True

    def held_again(self, person: IncomingPerson) -> bool:
        """Whether the record of someone deleted would go to someone here, not make a person
        (they were added back by hand, say): someone holds the record itself, or has its
        LinkedIn profile, or an e-mail address or phone it gives under a name that agrees,
        and no other record of its source (another card's UID: two people, kept apart)."""
        key = person.key
        if key and (person.source, key) in self.sources:
            if person.source == MAPPED_SOURCE:
                # (A spreadsheet's row id is its file's: row 7 of another list is another.)
                if any(person.file_name in files for files in self.csv_files.get(key, {}).values()):
                    return True
            elif not key.startswith("name:"):
                return True
        profile = self.profile(person, 0)
        for exact in profile.keys:
            position = self.matcher.exact.get(exact)
            if position is None:
                continue
            held = self.matcher.profiles[position]
            if not exact.startswith("u:") and names_differ(profile, held):
                continue  # (an office's shared number, say)
            theirs = [
                k for source, k in self.explicit_keys.get(held.ref, ()) if source == person.source
            ]
            if theirs and person.key and not person.key.startswith("name:"):
                continue  # another record of the same source
            return True
        return False

    def profile(self, person: IncomingPerson, ref: int) -> Profile:
        """The matching profile of an incoming person."""
        given, family = split_name(person)
        phones = [phone_key(p.value, self.region) for p in person.phones]
        urls = [_linkedin(u.value) for u in person.urls]
        return Profile(
            ref=ref,
            given=given,
            family=family,
            emails=[normalize.email(e.value) for e in person.emails],
            urls=[u for u in urls if u],
            phones=[p for p in phones if p],
            orgs=_employers(p.organization for p in person.positions)
            if person.positions
            else _NO_ORGS,
            location=fold(person.location),
            birthday=person.birthday.isoformat() if person.birthday else "",
            titles=job_titles(p.title for p in person.positions),
        )
