"""Organizations: employers, targets and everyone's past and present workplaces."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from goodword.duplicates.names import fold
from goodword.errors import Conflict, FieldError, NotFound
from goodword.forms import is_whole_number
from goodword.organizations.models import Organization
from goodword.organizations.names import organization_key
from goodword.organizations.schemas import (
    OrganizationCreate,
    OrganizationRead,
    OrganizationUpdate,
    OtherNameAdded,
)
from goodword.people.models import Person, Position
from goodword.records import Page, clean_list, clean_text, get_owned, keyset_page, sort_key
from goodword.search import service as search

KIND = "organization"


class NameOfAnother(Conflict):
    """A name refused because it is another organization's but for its legal form and
    punctuation ("Acme Inc." while Acme exists): the surfaces offer to use that one, or to
    add the name to its other names (`add_other_name`)."""

    def __init__(
        self,
        message: str,
        *,
        fields: list[FieldError],
        name: str,
        organization_id: int,
        organization_name: str,
    ) -> None:
        super().__init__(message, fields=fields)
        self.name = name
        self.organization_id = organization_id
        self.organization_name = organization_name


def get(session: Session, *, workspace_id: int, organization_id: int) -> Organization:
    """Return the organization, or NotFound when it is not in this workspace."""
    return get_owned(
        session, Organization, workspace_id=workspace_id, record_id=organization_id, kind=KIND
    )


def find_by_name(session: Session, *, workspace_id: int, name: str) -> Organization | None:
    """Find the organization a typed name means: its name or one of its other names.

    Case and spacing are ignored, and so are legal forms and punctuation, as an import
    tells organizations apart: "acme inc." finds Acme, or Acme Robotics if one of its other
    names is "Acme". See `best_match` for which organization wins when several could.
    """
    exact = session.scalar(
        select(Organization)
        .where(Organization.workspace_id == workspace_id, Organization.sort_name == sort_key(name))
        .order_by(Organization.id)
        .limit(1)
    )
    if exact is not None:
        return exact
    found = best_match(_spellings(session, workspace_id=workspace_id), name)
    return None if found is None else session.get(Organization, found)


def named(session: Session, *, workspace_id: int, text: str) -> Organization:
    """The organization a typed name or id means (`goodword paths --to-org`, `task add
    --org`): its name or another of its names, as `find_by_name` reads them; else, for a whole
    number, the organization with that id. A name comes first: one may be called "3".

    Names nothing: NotFound, saying which names come close ("Did you mean “Acme Robotics”
    or “Acme Foods”?", and names a letter away, `misspelled`), or to check the spelling
    when none does.
    """
    found = find_by_name(session, workspace_id=workspace_id, name=text)
    if found is not None:
        return found
    text = text.strip()
    if is_whole_number(text):
        return get(session, workspace_id=workspace_id, organization_id=int(text))
    near = similar(session, workspace_id=workspace_id, name=text)
    near += [
        organization
        for organization in near_misses(session, workspace_id=workspace_id, name=text)
        if organization not in near
    ]
    if not near:
        message = f"You have no organization called “{text}”; check the spelling."
        raise NotFound(KIND, text, message=message)
    names = " or ".join(f"“{organization.name}”" for organization in near)
    message = f"{no_organization_called(text)} Did you mean {names}?"
    raise NotFound(KIND, text, message=message)


def no_organization_called(text: str) -> str:
    """What a search for an organization no name or other name finds says first."""
    return f"You have no organization called “{text}”."


def best_match(spellings: Iterable[tuple[int, str, Sequence[str]]], name: str) -> int | None:
    """The id of the organization `name` means, among (id, name, other names) rows; or None.

    The first rule that finds any wins: the same name, case and spacing ignored; then the
    same other name; then the same name but for its legal form and punctuation ("Acme
    Inc." for Acme); then the same other name but for those. Among several found by one
    rule, the oldest (lowest id) wins.
    """
    typed, key = sort_key(name), organization_key(name)
    best: tuple[int, int] | None = None
    for organization_id, main, aliases in spellings:
        if sort_key(main) == typed:
            rank = 0
        elif any(sort_key(alias) == typed for alias in aliases):
            rank = 1
        elif key and organization_key(main) == key:
            rank = 2
        elif key and any(organization_key(alias) == key for alias in aliases):
            rank = 3
        else:
            continue
        if best is None or (rank, organization_id) < best:
            best = (rank, organization_id)
    return None if best is None else best[1]


def similar(
    session: Session, *, workspace_id: int, name: str, limit: int = 5
) -> list[Organization]:
    """The organizations a name that finds none may have been meant for (`close_matches`)."""
    ids = close_matches(_spellings(session, workspace_id=workspace_id), name, limit=limit)
    return get_many(session, workspace_id=workspace_id, ids=ids)


def close_matches(
    spellings: Iterable[tuple[int, str, Sequence[str]]], name: str, *, limit: int = 5
) -> list[int]:
    """The ids of the organizations whose name or other name starts with, or holds, `name`
    (case, accents and punctuation ignored), best first: those that start with it as whole
    words ("Tidewell" in "Tidewell Energy"), then those with a word that starts with it, then
    those that merely hold it; `limit` at most.

    >>> rows = [(1, "Tidewell Energy", []), (2, "Stonewell", []), (3, "Acme", ["Tide Co"])]
    >>> close_matches(rows, "tidewell"), close_matches(rows, "tide"), close_matches(rows, "well")
    ([1], [3, 1], [2, 1])
    """
    typed = fold(name)
    if len(typed) < 2:
        return []
    ranked: dict[int, tuple[int, str]] = {}
    for organization_id, main, aliases in spellings:
        for spelling in (main, *aliases):
            folded = fold(spelling)
            if folded == typed or folded.startswith(typed + " "):
                rank = 0
            elif folded.startswith(typed) or f" {typed}" in f" {folded}":
                rank = 1
            elif len(typed) >= 3 and typed in folded:
                rank = 2
            else:
                continue
            best = ranked.get(organization_id)
            if best is None or rank < best[0]:
                ranked[organization_id] = (rank, fold(main))
    return sorted(ranked, key=lambda id_: (*ranked[id_], id_))[:limit]


# How alike (rapidfuzz's ratio, 0-100) a typed name and an organization's must be, legal
# forms and punctuation aside, to ask whether it was meant: one letter left out or swapped
# in a name of a dozen letters or more. A shorter name is asked about when one letter is
# wrong, missing, extra or swapped with the next (`_TYPO_EDITS`): "Fabrikan" for Fabrikam
# scores only 87. So is one that sounds the same spelled another way ("Initek" for Initech).
_TYPO_SCORE = 90
_TYPO_EDITS = 1
# Letters that spell one sound, each as one (`sounds_alike`): "Initek" for Initech, "Filips"
# for Philips. Only these: taking y for i as well would ask whether Sysco was meant for Cisco.
_SAME_SOUND = (
    (re.compile(r"ph"), "f"),
    (re.compile(r"c(?=[eiy])"), "s"),
    (re.compile(r"ck|ch|c|q"), "k"),
    (re.compile(r"(.)\1+"), r"\1"),
)


def sounds_alike(name: str, other: str) -> bool:
    """Whether two names (as `organization_key` reads them) are the same sounds spelled
    another way (c, k, ck, ch and q; ph and f; a letter doubled), five sounds or more.

    >>> sounds_alike("initek", "initech"), sounds_alike("aksenture", "accenture")
    (True, True)
    >>> sounds_alike("sysco", "cisco"), sounds_alike("kris", "chris")
    (False, False)
    """
    spoken = []
    for text in (name, other):
        for pattern, sound in _SAME_SOUND:
            text = pattern.sub(sound, text)
        spoken.append(text)
    return spoken[0] == spoken[1] and len(spoken[0].replace(" ", "")) >= 5


def misspelled(
    spellings: Iterable[tuple[int, str, Sequence[str]]], name: str, *, limit: int = 3
) -> list[int]:
    """The ids of the organizations whose name or other name is very close to `name` without
    being it (a typo: "Kindlng Nonprofit Software" for Kindling Nonprofit Software), closest
    first; `limit` at most. Names are compared as `organization_key` reads them; a name of
    fewer than five letters is too short to tell a typo from another name ("Meta", "Beta").

    >>> rows = [(1, "Kindling Nonprofit Software", []), (2, "Kestrel Labs", ["Kestrel"])]
    >>> misspelled(rows, "Kindlng Nonprofit Software"), misspelled(rows, "Kestrl Labs Inc.")
    ([1], [2])
    >>> misspelled(rows, "Kindling Nonprofit Software"), misspelled(rows, "Meta")
    ([], [])
    >>> misspelled([(3, "Fabrikam", [])], "Fabrikan"), misspelled([(3, "Fabrikam", [])], "Fabrik")
    ([3], [])
    """
    typed = organization_key(name)
    if len(typed.replace(" ", "")) < 5:
        return []
    scores: dict[int, float] = {}
    for organization_id, main, aliases in spellings:
        for spelling in (main, *aliases):
            other = organization_key(spelling)
            if other == typed:  # (the name itself: no typo, and no other organization)
                scores.pop(organization_id, None)
                break
            score = fuzz.ratio(typed, other)
            slip = OSA.distance(typed, other, score_cutoff=_TYPO_EDITS) <= _TYPO_EDITS
            slip = slip or sounds_alike(typed, other)
            if (score >= _TYPO_SCORE or slip) and score > scores.get(organization_id, 0):
                scores[organization_id] = score
    return sorted(scores, key=lambda id_: (-scores[id_], id_))[:limit]


def near_misses(session: Session, *, workspace_id: int, name: str) -> list[Organization]:
    """The organizations a name that finds none was perhaps meant for (`misspelled`)."""
    ids = misspelled(_spellings(session, workspace_id=workspace_id), name)
    return get_many(session, workspace_id=workspace_id, ids=ids)


def new_name(
    session: Session, *, workspace_id: int, name: str | None, organization_id: int | None = None
) -> list[Organization] | None:
    """Asked before a record (a job, an opportunity, a lead) is saved with an organization:
    None when it names one there is (by id, or a name that finds one, `find_by_name`);
    else, as saving it adds a new organization, the organizations whose names are very
    close to the name typed (a typo? `misspelled`), [] when none is."""
    if organization_id is not None or not name:
        return None
    if find_by_name(session, workspace_id=workspace_id, name=name) is not None:
        return None
    return near_misses(session, workspace_id=workspace_id, name=name)


def new_organization_words(name: str, near: Sequence[Organization], *, fix: str) -> str:
    """What a page or command says of a record saved with a new organization: that it was
    added, and which organizations it may have been meant for, with `fix` (how to change
    the record's organization)."""
    said = f"{name} was new, so it was added as an organization."
    if near:
        names = " or ".join(organization.name for organization in near)
        said += f" Did you mean {names}? If so, {fix}."
    return said


def _spellings(session: Session, *, workspace_id: int) -> Iterable[tuple[int, str, Sequence[str]]]:
    rows = session.execute(
        select(Organization.id, Organization.name, Organization.aliases).where(
            Organization.workspace_id == workspace_id
        )
    )
    return ((id_, name, aliases or []) for id_, name, aliases in rows)


def get_or_create(session: Session, *, workspace_id: int, name: str) -> Organization:
    organization = find_by_name(session, workspace_id=workspace_id, name=name)
    if organization is None:
        organization = create(
            session, workspace_id=workspace_id, data=OrganizationCreate(name=name)
        )
    return organization


def create(session: Session, *, workspace_id: int, data: OrganizationCreate) -> Organization:
    _check_names_free(session, workspace_id=workspace_id, data=data, organization=None)
    organization = Organization(workspace_id=workspace_id)
    _apply(organization, data)
    session.add(organization)
    session.flush()
    search.index_organization(session, organization)
    return organization


def update(
    session: Session, *, workspace_id: int, organization_id: int, data: OrganizationUpdate
) -> Organization:
    organization = get(session, workspace_id=workspace_id, organization_id=organization_id)
    _check_names_free(session, workspace_id=workspace_id, data=data, organization=organization)
    _apply(organization, data)
    session.flush()
    search.index_organization(session, organization)
    return organization


def add_other_name(
    session: Session, *, workspace_id: int, organization_id: int, name: str
) -> Organization:
    """Add `name` to the organization's other names, so typed anywhere it finds this one
    (what the refusal of a legal-form variant as a new organization offers); a name it
    already goes by (`goes_by`) changes nothing."""
    organization = get(session, workspace_id=workspace_id, organization_id=organization_id)
    if goes_by(organization, name):
        return organization
    data = OrganizationUpdate(
        name=organization.name,
        aliases=[*organization.aliases, name],
        domains=organization.domains,
        location=organization.location,
        notes=organization.notes,
    )
    return update(session, workspace_id=workspace_id, organization_id=organization.id, data=data)


def other_name_added(
    session: Session, *, workspace_id: int, organization_id: int, name: str
) -> OtherNameAdded:
    """`add_other_name`, said as the API and `goodword org add-name --json` give it: the
    organization, and whether the name was new to it."""
    known = goes_by(get(session, workspace_id=workspace_id, organization_id=organization_id), name)
    organization = add_other_name(
        session, workspace_id=workspace_id, organization_id=organization_id, name=name
    )
    read = OrganizationRead.model_validate(organization)
    return OtherNameAdded(**read.model_dump(), name_added=not known)


def goes_by(organization: Organization, name: str) -> bool:
    """Whether the organization already has `name`, as its name or another name (case and
    spacing aside), so adding it again changes nothing."""
    return sort_key(name) in {sort_key(s) for s in [organization.name, *organization.aliases]}


def delete(session: Session, *, workspace_id: int, organization_id: int) -> None:
    """Delete an organization and the positions held there; refuse while opportunities use it."""
    from goodword.opportunities.models import Opportunity

    organization = get(session, workspace_id=workspace_id, organization_id=organization_id)
    in_use = session.scalar(
        select(func.count())
        .select_from(Opportunity)
        .where(Opportunity.organization_id == organization.id)
    )
    if in_use:
        raise Conflict(
            f"{organization.name} has {in_use} opportunit{'y' if in_use == 1 else 'ies'}; "
            "delete or move them first."
        )
    forget_in_matches(session, workspace_id, {organization.id})
    search.remove(session, kind=KIND, record_id=organization.id)
    session.delete(organization)
    session.flush()


def forget_in_matches(session: Session, workspace_id: int, organization_ids: set[int]) -> None:
    """What imports kept of matched records' jobs at these organizations goes with them, as
    the jobs do, so their ids (which SQLite gave out again before migration 0033) never name
    another one there."""
    from goodword.importers.matched import forget_organization
    from goodword.people.models import PersonSource

    for source in session.scalars(
        select(PersonSource).where(
            PersonSource.workspace_id == workspace_id, PersonSource.matched.is_not(None)
        )
    ):
        assert source.matched is not None
        kept = source.matched
        for organization_id in organization_ids:
            kept = forget_organization(kept, organization_id)
        if kept != source.matched:
            source.matched = kept


def list_(
    session: Session,
    *,
    workspace_id: int,
    cursor: str | None = None,
    limit: int = 50,
    before: str | None = None,
) -> Page[Organization]:
    """List organizations by name; keyset-paginated, forwards or (`before`) backwards."""
    statement = select(Organization).where(Organization.workspace_id == workspace_id)
    return keyset_page(
        session,
        statement,
        list_name="organizations",
        sort_column=Organization.sort_name,
        id_column=Organization.id,
        cursor=cursor,
        limit=limit,
        before=before,
    )


def _check_names_free(
    session: Session,
    *,
    workspace_id: int,
    data: OrganizationCreate,
    organization: Organization | None,
) -> None:
    """Refuse a name, or another name, that already means some other organization; and a
    name that is another's but for its legal form and punctuation (NameOfAnother).

    Such a name, typed anywhere, could then mean either. Only names the organization does
    not have yet are checked, so older records that already share one can still be edited.
    """
    had = {
        sort_key(s) for s in ([organization.name, *organization.aliases] if organization else [])
    }
    own_id = organization.id if organization else None
    others = [row for row in _spellings(session, workspace_id=workspace_id) if row[0] != own_id]
    names: dict[str, tuple[int, str]] = {}
    aliases: dict[str, tuple[int, str]] = {}
    for other_id, other_name, other_aliases in sorted(others):
        names.setdefault(sort_key(other_name), (other_id, other_name))
        for alias in other_aliases:
            aliases.setdefault(sort_key(alias), (other_id, other_name))
    name = sort_key(data.name)
    if organization is None or name != organization.sort_name:
        if name in names:
            other_id, other_name = names[name]
            raise Conflict(
                f"There is already an organization called {other_name} (id {other_id}).",
                fields=[FieldError("name", "An organization with this name exists; use that one.")],
            )
        if name in aliases:
            other_id, other_name = aliases[name]
            raise Conflict(
                f"“{data.name}” is one of the other names of {other_name} (id {other_id}).",
                fields=[
                    FieldError(
                        "name",
                        f"{other_name} goes by this name; use that one, or take it off its "
                        "other names first.",
                    )
                ],
            )
        # (A new spelling of a name it already has, "ACME Corp." for Acme Corp, clashes with
        # nothing new, even where older records already share the name.)
        if organization_key(data.name) not in {organization_key(n) for n in had}:
            _refuse_legal_form_twin(data.name, others)
    # (A field's message names the other organization, as a page shows it beside the field;
    # the error's own, as the API and the command line give it, its id too, to act on it.)
    taken: list[str] = []
    whose: dict[int, str] = {}
    for alias in data.aliases:
        key = sort_key(alias)
        if key in had or key == name:
            continue
        if key in names:
            other_id, other_name = names[key]
            taken.append(f"“{alias}” is the name of {other_name}")
            whose[other_id] = other_name
        elif key in aliases:
            other_id, other_name = aliases[key]
            taken.append(f"“{alias}” is another name of {other_name}")
            whose[other_id] = other_name
    if taken:
        why = (
            "; ".join(taken) + ". A name can mean only one organization: take it off the "
            "other names here, or off the other organization first."
        )
        named = [f"{other_name} (id {other_id})" for other_id, other_name in whose.items()]
        listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
        who = "Another organization already goes" if len(named) == 1 else "Others already go"
        raise Conflict(
            f"{who} by one of these other names: {listed}.",
            fields=[FieldError("aliases", why)],
        )


def _refuse_legal_form_twin(name: str, others: Sequence[tuple[int, str, Sequence[str]]]) -> None:
    """Refuse `name` when it means one of `others` but for its legal form and punctuation
    ("Acme Inc." while Acme exists): typed anywhere it finds that one (`best_match`), so a
    new organization by it would be one nobody could pick by name."""
    twin = best_match(others, name)
    if twin is None:
        return
    other_name, other_aliases = next((n, a) for i, n, a in others if i == twin)
    key = organization_key(name)
    alias = next((a for a in other_aliases if organization_key(a) == key), None)
    if organization_key(other_name) == key or alias is None:
        same = f"{other_name} (id {twin})"
    else:
        same = f"“{alias}”, another name of {other_name} (id {twin}),"
    raise NameOfAnother(
        f"“{name}” is {same} but for its legal form: use that one, or add “{name}” to its "
        "other names.",
        fields=[
            FieldError(
                "name",
                f"{other_name} goes by this name but for its legal form; use that one, or add "
                "this name to its other names.",
            )
        ],
        name=name,
        organization_id=twin,
        organization_name=other_name,
    )


def _apply(organization: Organization, data: OrganizationCreate) -> None:
    organization.name = data.name
    organization.sort_name = sort_key(data.name)
    organization.aliases = clean_list(data.aliases)
    organization.domains = clean_list(data.domains)
    organization.location = clean_text(data.location)
    organization.notes = clean_text(data.notes)


def get_many(session: Session, *, workspace_id: int, ids: Sequence[int]) -> list[Organization]:
    """Return the organizations with these ids, in the order given.

    Ids not in this workspace are skipped, as are repeats.
    """
    if not ids:
        return []
    found = {
        organization.id: organization
        for organization in session.scalars(
            select(Organization).where(
                Organization.workspace_id == workspace_id, Organization.id.in_(ids)
            )
        )
    }
    return [found[i] for i in dict.fromkeys(ids) if i in found]


def choices(session: Session, *, workspace_id: int, limit: int = 500) -> list[tuple[int, str]]:
    """(id, name) pairs A to Z, for a picker or name suggestions; at most `limit` of them."""
    rows = session.execute(
        select(Organization.id, Organization.name)
        .where(Organization.workspace_id == workspace_id)
        .order_by(Organization.sort_name, Organization.id)
        .limit(limit)
    )
    return [(id_, name) for id_, name in rows]


def positions_at(
    session: Session, *, workspace_id: int, organization_id: int, current: bool
) -> list[Position]:
    """The current (or the former) positions held at the organization, by person's name.

    Each position comes with its person loaded.
    """
    return list(
        session.scalars(
            select(Position)
            .join(Position.person)
            .where(
                Position.workspace_id == workspace_id,
                Position.organization_id == organization_id,
                Position.is_current == current,
            )
            .options(selectinload(Position.person))
            .order_by(Person.sort_name, Position.id)
        )
    )
