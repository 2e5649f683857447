"""Possible duplicates: find them, list them, or keep them apart.

A scan reads the whole workspace; a person added or edited by hand is checked at once
against everyone who shares an e-mail address, phone number or LinkedIn profile with them.
Merging a pair, and undoing a merge, is `duplicates.merging`; a scan with `auto_merge`
merges the sure pairs through it.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, bindparam, func, or_, select, update
from sqlalchemy.orm import Session

from goodword.cursors import cursor_refused
from goodword.db import Base
from goodword.duplicates.apart import judged_apart, shares_key_apart
from goodword.duplicates.index import KEY_HOLDERS, Listings, Matcher
from goodword.duplicates.matching import Profile, Scored, given_names_differ, score
from goodword.duplicates.merging import merge, merge_to_read
from goodword.duplicates.models import CandidateStatus, DuplicateCandidate, Merge
from goodword.duplicates.schemas import CandidateRead, MergeRead, PossibleDuplicate, ScanResult
from goodword.errors import Conflict, FieldError, InvalidInput
from goodword.people import service as people
from goodword.people.models import Person, PersonEmail, PersonPhone, PersonUrl
from goodword.people.normalize import phone_text
from goodword.records import Page, decode_cursor, get_owned, keyset_page

if TYPE_CHECKING:
    from goodword.importers.state import WorkspaceState

_SHARED_KEY = Scored(1.0, ("the same e-mail address, phone number or LinkedIn profile",))


def get_candidate(session: Session, *, workspace_id: int, candidate_id: int) -> DuplicateCandidate:
    return get_owned(
        session,
        DuplicateCandidate,
        workspace_id=workspace_id,
        record_id=candidate_id,
        kind="possible duplicate",
    )


def list_candidates(
    session: Session,
    *,
    workspace_id: int,
    status: CandidateStatus = CandidateStatus.OPEN,
    cursor: str | None = None,
    limit: int = 50,
    before: str | None = None,
    of_import: ColumnElement[bool] | None = None,
) -> Page[DuplicateCandidate]:
    """List possible duplicates, most likely first; `before` (a page's `prev_cursor`)
    gives the page before; `of_import`, only the pairs of one kept import
    (`by_import.of_import`, built once for all a page lists and counts)."""
    statement = select(DuplicateCandidate).where(
        DuplicateCandidate.workspace_id == workspace_id, DuplicateCandidate.status == status
    )
    if of_import is not None:
        statement = statement.where(of_import)
    return keyset_page(
        session,
        statement,
        list_name="duplicates",
        sort_column=DuplicateCandidate.score,
        id_column=DuplicateCandidate.id,
        cursor=cursor,
        limit=limit,
        descending=True,
        before=before,
    )


def count_candidates(
    session: Session,
    *,
    workspace_id: int,
    status: CandidateStatus = CandidateStatus.OPEN,
    of_import: ColumnElement[bool] | None = None,
) -> int:
    """How many pairs have the status (those waiting to be reviewed, by default), of one
    kept import with `of_import` (`by_import.of_import`)."""
    statement = select(func.count(DuplicateCandidate.id)).where(
        DuplicateCandidate.workspace_id == workspace_id, DuplicateCandidate.status == status
    )
    if of_import is not None:
        statement = statement.where(of_import)
    return int(session.scalar(statement) or 0)


def candidate_to_read(session: Session, candidate: DuplicateCandidate) -> CandidateRead:
    """Both people in full, for a side-by-side review."""
    ws = candidate.workspace_id
    return CandidateRead(
        id=candidate.id,
        score=candidate.score,
        reasons=list(candidate.reasons),
        status=candidate.status,
        person_a=people.to_read(
            people.get(session, workspace_id=ws, person_id=candidate.person_a_id)
        ),
        person_b=people.to_read(
            people.get(session, workspace_id=ws, person_id=candidate.person_b_id)
        ),
        created_at=candidate.created_at,
    )


# How to put pair N back in the queue where a merge of it is asked for (the page's Told
# apart list; the API's route), for the refusal of a pair told apart.
PutBack = Callable[[int], str]


def _on_the_page(_candidate_id: int) -> str:
    return "Told apart, on the duplicates page"


def waiting_candidate(
    session: Session, *, workspace_id: int, candidate_id: int, put_back: PutBack = _on_the_page
) -> DuplicateCandidate:
    """A pair to merge: one still waiting (409 for a pair told apart, in another tab say,
    saying how to put it back: `put_back(candidate_id)`, the page's way unless asked
    elsewhere)."""
    candidate = get_candidate(session, workspace_id=workspace_id, candidate_id=candidate_id)
    if candidate.status is CandidateStatus.NOT_SAME:
        raise Conflict(
            "This pair was marked as two different people. To merge them, put the pair back "
            f"in the queue first ({put_back(candidate.id)})."
        )
    return candidate


def mark_not_same(session: Session, *, workspace_id: int, candidate_id: int) -> DuplicateCandidate:
    """Record that the two are different people; they will not be suggested again."""
    candidate = get_candidate(session, workspace_id=workspace_id, candidate_id=candidate_id)
    candidate.status = CandidateStatus.NOT_SAME
    session.flush()
    return candidate


def mark_many_not_same(
    session: Session, *, workspace_id: int, candidate_ids: list[int]
) -> list[DuplicateCandidate]:
    """Tell several pairs apart at once (the queue's ticked rows): all of them or, when one
    is not in this workspace (merged in another tab, say), none, and InvalidInput names it
    by its place in `candidate_ids`."""
    wanted = list(dict.fromkeys(candidate_ids))
    found = {
        c.id: c
        for c in session.scalars(
            select(DuplicateCandidate).where(
                DuplicateCandidate.workspace_id == workspace_id,
                DuplicateCandidate.id.in_(wanted),
            )
        )
    }
    missing = [
        FieldError(f"ids.{n}", f"No possible duplicate {i} waits here (merged meanwhile?).")
        for n, i in enumerate(candidate_ids)
        if i not in found
    ]
    if missing:
        raise InvalidInput("Nothing was marked: a pair is no longer here.", fields=missing)
    for candidate in found.values():
        candidate.status = CandidateStatus.NOT_SAME
    session.flush()
    return [found[i] for i in wanted]


def reopen(session: Session, *, workspace_id: int, candidate_id: int) -> DuplicateCandidate:
    """Undo "not the same person": the pair waits in the queue again."""
    candidate = get_candidate(session, workspace_id=workspace_id, candidate_id=candidate_id)
    if candidate.status is not CandidateStatus.NOT_SAME:
        raise Conflict(
            "Only a pair marked as two different people can be put back in the queue; "
            f"this one is {candidate.status.value.replace('_', ' ')}."
        )
    candidate.status = CandidateStatus.OPEN
    session.flush()
    return candidate


def find_duplicates(session: Session, *, workspace_id: int, auto_merge: bool = False) -> ScanResult:
    """Scan the whole workspace for likely duplicates and queue the pairs not yet decided.

    With `auto_merge`, confident pairs (a shared LinkedIn profile; a shared e-mail or phone
    when the names do not clearly differ; a name with agreeing evidence) are merged at
    once, those already waiting in the queue too, each merge undoable like any other. As in
    an import, two different records of one source (two LinkedIn profiles, two vCard UIDs)
    are queued, never merged, and not even queued under two names with no key in common;
    two people who are each only a row of one Connections.csv of one import, with a profile
    each, are not compared at all (`importers.listings`), only found by a key they share;
    a pair whose merge the user undid is queued, never merged.
    """
    from goodword.importers.listings import listed_people
    from goodword.importers.state import WorkspaceState

    state = WorkspaceState.load(session, workspace_id=workspace_id)
    matcher: Matcher = state.matcher
    refs = [p.ref for p in matcher.profiles]
    # Two rows of one Connections.csv of one import with a profile each are two members, as
    # the import found them: not compared (their exact keys still are, below).
    listed = listed_people(session, workspace_id=workspace_id)
    lists = {at: number for at, ref in enumerate(refs) if (number := listed.get(ref)) is not None}
    pairs: dict[tuple[int, int], Scored] = {}
    for earlier, later, judged in matcher.pairs_within(
        listings=Listings.of(matcher.profiles, lists)
    ):
        a, b = sorted((refs[earlier], refs[later]))
        pairs[(a, b)] = judged
    for pair in _exact_pairs(matcher):
        pairs.setdefault(pair, _SHARED_KEY)
    profiles = {profile.ref: profile for profile in matcher.profiles}
    for (a, b), judged in list(pairs.items()):
        pairs[(a, b)] = _unless_apart(profiles[a], profiles[b], judged)
    merged: list[MergeRead] = []
    gone: set[int] = set()
    created = 0
    refreshed: list[dict[str, Any]] = []
    # A sure pair already waiting in the queue (a person saved by hand is queued with
    # whoever has their e-mail address at once) is merged too; a pair told apart never is.
    apart = {
        (a, b)
        for a, b in session.execute(
            select(DuplicateCandidate.person_a_id, DuplicateCandidate.person_b_id).where(
                DuplicateCandidate.workspace_id == workspace_id,
                DuplicateCandidate.status != CandidateStatus.OPEN,
            )
        )
    }
    undone = _undone_pairs(session, workspace_id) if auto_merge else set()
    for (a, b), judged in sorted(pairs.items(), key=lambda item: -item[1].score):
        if (a, b) in apart or a in gone or b in gone:
            continue
        first, second = profiles[a], profiles[b]
        if (
            first.keys.isdisjoint(second.keys)
            and given_names_differ(first, second)
            and _distinct_records(state, a, b)
        ):
            continue  # two profiles of one source under two names: two people, as imported
        record = None
        if (
            auto_merge
            and judged.auto
            and state.me_id not in (a, b)
            and (a, b) not in undone
            and not _distinct_records(state, a, b)
        ):
            # (Refused when their notes together are too long to keep: asked about instead.)
            with suppress(InvalidInput):
                record = merge(
                    session,
                    workspace_id=workspace_id,
                    survivor_id=a,
                    absorbed_id=b,
                    reason="; ".join(judged.reasons),
                )
        if record is not None:
            merged.append(merge_to_read(record))
            gone.add(b)
            # The merge handed b's pairs to a: one told apart keeps a apart from them too.
            for pair, status in _pairs_of(session, workspace_id, a):
                state.candidate_pairs.add(pair)
                if status is not CandidateStatus.OPEN:
                    apart.add(pair)
            continue
        if (a, b) in state.candidate_pairs:
            # Waiting already: its likeness and reasons as they read now (a phone added
            # since, say), not as when it was queued.
            refreshed.append({"b_a": a, "b_b": b, "b_score": judged.score,
                              "b_reasons": list(judged.reasons)})  # fmt: skip
            continue
        session.add(
            DuplicateCandidate(
                workspace_id=workspace_id,
                person_a_id=a,
                person_b_id=b,
                score=judged.score,
                reasons=list(judged.reasons),
            )
        )
        state.candidate_pairs.add((a, b))
        created += 1
    if refreshed:
        table = Base.metadata.tables[DuplicateCandidate.__tablename__]
        session.execute(
            update(table)
            .where(
                table.c.workspace_id == workspace_id,
                table.c.person_a_id == bindparam("b_a"),
                table.c.person_b_id == bindparam("b_b"),
                table.c.status == CandidateStatus.OPEN,
            )
            .values(score=bindparam("b_score"), reasons=bindparam("b_reasons")),
            refreshed,
        )
    session.flush()
    return ScanResult(candidates_created=created, merged=merged)


def _pairs_of(
    session: Session, workspace_id: int, person_id: int
) -> list[tuple[tuple[int, int], CandidateStatus]]:
    """((smaller id, larger id), status) of every pair the person is in."""
    rows = session.execute(
        select(
            DuplicateCandidate.person_a_id,
            DuplicateCandidate.person_b_id,
            DuplicateCandidate.status,
        ).where(
            DuplicateCandidate.workspace_id == workspace_id,
            or_(
                DuplicateCandidate.person_a_id == person_id,
                DuplicateCandidate.person_b_id == person_id,
            ),
        )
    )
    return [((a, b), status) for a, b, status in rows]


def _distinct_records(state: WorkspaceState, a: int, b: int) -> bool:
    """Whether the two came from two different records of one source (two LinkedIn
    profiles, two vCard UIDs): the import keeps such records two people, and so does a scan.
    Records known only by a name are no sign, as in the import."""
    sources = {source for source, _key in state.explicit_keys.get(a, ())}
    return any(source in sources for source, _key in state.explicit_keys.get(b, ()))


def _undone_pairs(session: Session, workspace_id: int) -> set[tuple[int, int]]:
    """(smaller id, larger id) of the two people of every merge the user undid: an undo
    says they may not be the same, so a scan asks rather than merging them again."""
    rows = session.execute(
        select(Merge.survivor_id, Merge.absorbed_id).where(
            Merge.workspace_id == workspace_id, Merge.undone_at.is_not(None)
        )
    )
    return {(min(a, b), max(a, b)) for a, b in rows if a is not None and b is not None}


def _unless_apart(first: Profile, second: Profile, judged: Scored) -> Scored:
    """A shared e-mail or phone between two clearly different names (a switchboard, a
    household address) is asked about, never merged: the import's rule."""
    if shares_key_apart(first, second):
        return judged_apart(first, second, min(first.keys & second.keys))
    return judged


def queue_shared_details(
    session: Session, *, workspace_id: int, person_id: int
) -> list[PossibleDuplicate]:
    """Queue the person with everyone who already has one of their e-mail addresses, phone
    numbers or LinkedIn profiles, each pair judged as a scan judges it, and return those
    pairs: a person added or edited by hand is checked at once, not at the next scan. A
    pair already queued, merged or told apart is left as it is, and not returned.
    """
    from goodword.importers.state import saved_profile

    person = people.get(session, workspace_id=workspace_id, person_id=person_id)
    holders = _holders(session, workspace_id, person)
    if not holders:
        return []
    decided = {
        (a, b)
        for a, b in session.execute(
            select(DuplicateCandidate.person_a_id, DuplicateCandidate.person_b_id).where(
                DuplicateCandidate.workspace_id == workspace_id,
                or_(
                    DuplicateCandidate.person_a_id == person.id,
                    DuplicateCandidate.person_b_id == person.id,
                ),
            )
        )
    }
    profile = saved_profile(person)
    found = []
    for other in people.get_many(session, workspace_id=workspace_id, ids=holders):
        a, b = sorted((person.id, other.id))
        if (a, b) in decided:
            continue
        theirs = saved_profile(other)
        judged = _unless_apart(profile, theirs, score(profile, theirs))
        candidate = DuplicateCandidate(
            workspace_id=workspace_id,
            person_a_id=a,
            person_b_id=b,
            score=judged.score,
            reasons=list(judged.reasons),
        )
        session.add(candidate)
        session.flush()
        found.append(_possible(candidate, other, profile.keys & theirs.keys))
    return found


def open_pairs(session: Session, *, workspace_id: int, person: Person) -> list[PossibleDuplicate]:
    """The possible duplicates of this person waiting in the queue, most likely first."""
    from goodword.importers.state import saved_profile

    candidates = session.scalars(
        select(DuplicateCandidate)
        .where(
            DuplicateCandidate.workspace_id == workspace_id,
            DuplicateCandidate.status == CandidateStatus.OPEN,
            or_(
                DuplicateCandidate.person_a_id == person.id,
                DuplicateCandidate.person_b_id == person.id,
            ),
        )
        .order_by(DuplicateCandidate.score.desc(), DuplicateCandidate.id)
    ).all()
    if not candidates:
        return []
    other_of = {
        c.id: c.person_b_id if c.person_a_id == person.id else c.person_a_id for c in candidates
    }
    others = {
        other.id: other
        for other in people.get_many(
            session, workspace_id=workspace_id, ids=list(other_of.values())
        )
    }
    keys = saved_profile(person).keys
    return [
        _possible(c, other, keys & saved_profile(other).keys)
        for c in candidates
        if (other := others.get(other_of[c.id])) is not None
    ]


def _holders(session: Session, workspace_id: int, person: Person) -> list[int]:
    """Everyone else with one of the person's e-mail addresses, phone numbers or LinkedIn
    profiles (the matcher's exact keys; another web address is no sign), by id."""
    emails = [e.address for e in person.emails]
    phones = [p.number for p in person.phones]
    profiles = [u.url for u in person.urls if u.kind == "linkedin"]
    asked = []
    if emails:
        asked.append(
            select(PersonEmail.person_id).where(
                PersonEmail.workspace_id == workspace_id, PersonEmail.address.in_(emails)
            )
        )
    if phones:
        asked.append(
            select(PersonPhone.person_id).where(
                PersonPhone.workspace_id == workspace_id, PersonPhone.number.in_(phones)
            )
        )
    if profiles:
        asked.append(
            select(PersonUrl.person_id).where(
                PersonUrl.workspace_id == workspace_id,
                PersonUrl.kind == "linkedin",
                PersonUrl.url.in_(profiles),
            )
        )
    found: set[int] = set()
    for statement in asked:
        found.update(session.scalars(statement))
    found.discard(person.id)
    return sorted(found)


def _possible(
    candidate: DuplicateCandidate, other: Person, shared: set[str] | frozenset[str]
) -> PossibleDuplicate:
    """A queued pair as the person saved sees it: who the other one is, and why."""
    name = other.display_name
    details = [_detail(key) for key in sorted(shared)]
    if details:
        message = f"{name} already has {' and '.join(details)}."
    else:
        message = f"{name} may be the same person ({'; '.join(candidate.reasons)})."
    return PossibleDuplicate(
        candidate_id=candidate.id,
        person_id=other.id,
        display_name=name,
        shared=details,
        message=message,
    )


def _detail(key: str) -> str:
    """An exact key (`e:ada@example.org`) in words: "the e-mail address ada@example.org"."""
    kind = {"e": "e-mail address", "u": "LinkedIn profile", "p": "phone number"}[key[0]]
    value = phone_text(key[2:]) if key[0] == "p" else key[2:]
    return f"the {kind} {value}"


def _exact_pairs(matcher: Matcher) -> list[tuple[int, int]]:
    """(smaller id, larger id) of people who share an exact key: each holder of a key with
    each of its first KEY_HOLDERS holders (a third person with a couple's e-mail address
    is paired with both), so that a key on hundreds of cards stays in proportion."""
    holders: dict[str, list[int]] = {}
    for profile in matcher.profiles:
        for key in profile.keys:
            holders.setdefault(key, []).append(profile.ref)
    pairs: set[tuple[int, int]] = set()
    for refs in holders.values():
        ids = sorted(set(refs))
        for index, later in enumerate(ids[1:], start=1):
            pairs.update((earlier, later) for earlier in ids[: min(index, KEY_HOLDERS)])
    return sorted(pairs)


# The merges a page of the history lists at a time.
HISTORY_SIZE = 50


def list_merges(
    session: Session,
    *,
    workspace_id: int,
    limit: int = HISTORY_SIZE,
    cursor: str | None = None,
    before: str | None = None,
) -> Page[Merge]:
    """The workspace's merges, newest first, a page at a time (`cursor`: the last page's
    `next_cursor`; `before`: a page's `prev_cursor`, for the page before it)."""
    return keyset_page(
        session,
        select(Merge).where(Merge.workspace_id == workspace_id),
        list_name="merges",
        sort_column=Merge.merged_at,
        id_column=Merge.id,
        cursor=cursor,
        limit=limit,
        descending=True,
        decode_sort=datetime.fromisoformat,
        before=before,
    )


def names_of(session: Session, *, workspace_id: int, ids: set[int]) -> dict[int, str]:
    """Display names by id, in one query."""
    if not ids:
        return {}
    rows = session.execute(
        select(Person.id, Person.display_name).where(
            Person.workspace_id == workspace_id, Person.id.in_(ids)
        )
    )
    return {row.id: row.display_name for row in rows}


def score_cursor(after: str | None, *, field: str = "after") -> str | None:
    """The list is ordered by score (a number): check the cursor (sent as `field`) has that
    shape."""
    if not after:
        return None
    try:
        values = decode_cursor(after, list_name="duplicates")
        numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
        if len(values) != 2 or not numbers or not isinstance(values[1], int):
            raise ValueError
    except (ValueError, TypeError) as exc:
        raise cursor_refused(field, exc) from None
    return after
