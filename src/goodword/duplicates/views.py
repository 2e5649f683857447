"""The possible-duplicates queue: scan, review two people side by side, merge or keep apart,
and undo a merge from the history."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from goodword.deps import DbSession, WorkspaceId
from goodword.duplicates import by_import, current_job, merging, service
from goodword.duplicates.models import CandidateStatus, DuplicateCandidate
from goodword.duplicates.schemas import CHOOSABLE, CandidateRead
from goodword.duplicates.service import HISTORY_SIZE, list_merges, names_of
from goodword.errors import Conflict, GoodwordError, InvalidInput, NotFound
from goodword.forms import record_id
from goodword.importers import history
from goodword.organizations.models import Organization
from goodword.pages import form_errors, page_or_422, redirect, render
from goodword.people import birthdays
from goodword.people.models import Person, PersonEmail, Position
from goodword.people.normalize import phone_text
from goodword.people.schemas import PersonRead

router = APIRouter()

PAGE_SIZE = 50
FIELD_LABELS = {
    "name": "Name",
    "display_name": "Name shown",
    "given_name": "Given name",
    "family_name": "Family name",
    "location": "Location",
    "notes": "Notes",
    "how_we_met": "How you met",
    "birthday": "Birthday",
    "current_job": "Current job",
}


def details_of(session: Session, *, workspace_id: int, ids: set[int]) -> dict[int, dict[str, str]]:
    """What may tell a person from another of the same name, by id: their current job
    ("Recruiter at Acme"), their place and their first e-mail address, those they have."""
    if not ids:
        return {}
    found: dict[int, dict[str, str]] = {person_id: {} for person_id in ids}
    jobs = session.execute(
        select(Position.person_id, Position.title, Organization.name)
        .join(Organization, Organization.id == Position.organization_id)
        .where(
            Position.workspace_id == workspace_id,
            Position.person_id.in_(ids),
            Position.is_current.is_(True),
        )
        .order_by(Position.person_id, Position.start_date.desc().nulls_last(), Position.id)
    )
    for person_id, title, organization in jobs:
        found[person_id].setdefault("job", f"{title} at {organization}" if title else organization)
    places = session.execute(
        select(Person.id, Person.location).where(
            Person.workspace_id == workspace_id, Person.id.in_(ids), Person.location != ""
        )
    )
    for person_id, location in places:
        if location:
            found[person_id]["place"] = location
    addresses = session.execute(
        select(PersonEmail.person_id, PersonEmail.address)
        .where(PersonEmail.workspace_id == workspace_id, PersonEmail.person_id.in_(ids))
        .order_by(PersonEmail.person_id, PersonEmail.position, PersonEmail.id)
    )
    for person_id, address in addresses:
        found[person_id].setdefault("email", address)
    return found


def told_apart(
    pairs: Sequence[DuplicateCandidate], details: dict[int, dict[str, str]]
) -> dict[int, tuple[str, str]]:
    """Under each name of each pair (by the pair's id), the first of job, place and e-mail
    address that both have and differ in, else the first in which they differ, else the
    first either has.

    >>> from types import SimpleNamespace as P
    >>> told_apart([P(id=1, person_a_id=7, person_b_id=8)],
    ...            {7: {"place": "Seattle", "email": "a@x"}, 8: {"place": "Seattle"}})
    {1: ('a@x', '')}
    """
    shown: dict[int, tuple[str, str]] = {}
    for pair in pairs:
        a, b = details.get(pair.person_a_id, {}), details.get(pair.person_b_id, {})
        kinds = [kind for kind in ("job", "place", "email") if a.get(kind) or b.get(kind)]
        differing = [kind for kind in kinds if a.get(kind) != b.get(kind)]
        both = [kind for kind in differing if a.get(kind) and b.get(kind)]
        if kinds:
            kind = (both or differing or kinds)[0]
            shown[pair.id] = (a.get(kind, ""), b.get(kind, ""))
    return shown


@router.get("/duplicates", response_class=HTMLResponse)
def queue_page(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    after: str | None = None,
    before: str | None = None,
    apart_after: str | None = None,
    apart_before: str | None = None,
    merges_after: str | None = None,
    merges_before: str | None = None,
    import_id: Annotated[int | None, Query(alias="import", ge=1)] = None,
) -> HTMLResponse:
    """Open pairs, most likely first (only those of one kept import with `import`), the
    pairs told apart, and the merge history with undo: each a page at a time, by its own
    cursors (`after` a page's last, `before` its first: the page before)."""
    # (The import's report is read once, for the page, the count and the pairs told apart.)
    of_import = (
        None
        if import_id is None
        else by_import.of_import(session, workspace_id=workspace_id, run_id=import_id)
    )
    page = page_or_422(
        lambda: service.list_candidates(
            session,
            workspace_id=workspace_id,
            cursor=after,
            limit=PAGE_SIZE,
            before=before,
            of_import=of_import,
        ),
        first_page="the first page of possible duplicates",
    )
    merges_page = page_or_422(
        lambda: list_merges(
            session,
            workspace_id=workspace_id,
            limit=HISTORY_SIZE,
            cursor=merges_after,
            before=merges_before,
        ),
        first_page="the first page of the merge history",
    )
    merges_page.prev_param = "merges_before"
    merges = merges_page.items
    apart_page = page_or_422(
        lambda: service.list_candidates(
            session,
            workspace_id=workspace_id,
            status=CandidateStatus.NOT_SAME,
            limit=HISTORY_SIZE,
            cursor=apart_after,
            before=apart_before,
        ),
        first_page="the first page of pairs told apart",
    )
    apart_page.prev_param = "apart_before"
    apart = apart_page.items
    ids = {c.person_a_id for c in [*page.items, *apart]}
    ids |= {c.person_b_id for c in [*page.items, *apart]}
    ids |= {m.survivor_id for m in merges if m.survivor_id is not None}
    return render(
        request,
        "duplicates/queue.html",
        {
            "page": page,
            "waiting": service.count_candidates(
                session, workspace_id=workspace_id, of_import=of_import
            ),
            **_import_filter(session, workspace_id, import_id, of_import),
            "page_size": PAGE_SIZE,
            "names": names_of(session, workspace_id=workspace_id, ids=ids),
            "details": told_apart(
                [*page.items, *apart], details_of(session, workspace_id=workspace_id, ids=ids)
            ),
            "merges": [merging.merge_to_read(m) for m in merges],
            "merges_page": merges_page,
            "apart": apart,
            "apart_page": apart_page,
            "first_page": not after and page.prev_cursor is None,
            # Each list's pager keeps the other two lists where they are.
            "queue_url": _keeping(request, "apart", "merges"),
            "apart_url": _keeping(request, "", "merges"),
            "merges_url": _keeping(request, "", "apart"),
        },
    )


def _import_filter(
    session: Session,
    workspace_id: int,
    import_id: int | None,
    of_import: ColumnElement[bool] | None,
) -> dict[str, Any]:
    """The kept imports to filter the queue by, the one chosen, and how many of its pairs
    (`of_import`) were told apart (to put back)."""
    apart = 0
    if of_import is not None:
        apart = service.count_candidates(
            session, workspace_id=workspace_id, status=CandidateStatus.NOT_SAME, of_import=of_import
        )
    return {
        "imports": history.recent(session, workspace_id=workspace_id),
        "import_id": import_id,
        "import_apart": apart,
    }


def _keeping(request: Request, *lists: str) -> str:
    """The queue's address with the cursors of `lists` ("" the pairs to review, "apart",
    "merges") the page was opened with, and the import it is filtered by."""
    names = {f"{p}_{way}" if p else way for p in lists for way in ("after", "before")}
    names.add("import")
    kept = [(k, v) for k, v in request.query_params.multi_items() if k in names and v]
    return "/duplicates" + (f"?{urlencode(kept)}" if kept else "")


@router.post("/duplicates/scan")
async def scan(request: Request, session: DbSession, workspace_id: WorkspaceId) -> Response:
    """Look through everyone for likely pairs (and merge the sure ones, if asked)."""
    form = await request.form()
    auto_merge = form.get("auto_merge") not in (None, "", "0")
    result = service.find_duplicates(session, workspace_id=workspace_id, auto_merge=auto_merge)
    found = result.candidates_created
    message = (
        f"Found {found} new possible {'duplicate' if found == 1 else 'duplicates'}."
        if found
        else "No new possible duplicates."
    )
    if result.merged:
        count = len(result.merged)
        message += f" Merged {count} sure {'pair' if count == 1 else 'pairs'}; undo below."
    return redirect("/duplicates", flash=message)


# What the queue says of a pair that is gone when one of its buttons is pressed.
GONE = (
    "That pair is no longer waiting for you: the two were merged, or one of them deleted, "
    "perhaps in another tab or window. Nothing was changed."
)


# The fields the review page offers: the name is one choice (the name shown with its given
# and family names), not three that could be mixed.
_NAME_PARTS = ("display_name", "given_name", "family_name")
_OFFERED = ("name", *(name for name in CHOOSABLE if name not in _NAME_PARTS))


def _whole_name(person: PersonRead) -> str:
    """A name as the review page shows it: "Wen Voduru (given Wen, family Voduru)"."""
    parts = [f"given {person.given_name}" if person.given_name else "",
             f"family {person.family_name}" if person.family_name else ""]  # fmt: skip
    said = ", ".join(part for part in parts if part)
    return f"{person.display_name} ({said})" if said else person.display_name


def _offered(person: PersonRead, name: str) -> object:
    if name == "birthday" and person.birthday_no_year:
        return birthdays.shown(person.birthday_no_year)  # ("12 April": no year)
    return _whole_name(person) if name == "name" else getattr(person, name)


def _default_choices(candidate: CandidateRead) -> dict[str, str]:
    """Keep A's value unless only B has one; notes default to keeping both."""
    chosen = {}
    for name in _OFFERED:
        mine = _offered(candidate.person_a, name)
        theirs = _offered(candidate.person_b, name)
        if name == "notes" and mine and theirs:
            chosen[name] = "both"
        else:
            chosen[name] = "b" if (not mine and theirs) else "a"
    chosen["keep"] = "a"
    return chosen


def _review_page(
    request: Request,
    session: Session,
    candidate: DuplicateCandidate,
    *,
    chosen: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    shown = service.candidate_to_read(session, candidate)
    rows = [
        (name, FIELD_LABELS[name], _offered(shown.person_a, name), _offered(shown.person_b, name))
        for name in _OFFERED
    ]
    jobs = _current_jobs(session, shown, (chosen or {}).get("keep", "a"))
    if chosen is None:
        chosen = _default_choices(shown)
        if jobs is not None:
            chosen["current_job"] = jobs["suggested"]
    return render(
        request,
        "duplicates/review.html",
        {
            "candidate": shown,
            "a": shown.person_a,
            "b": shown.person_b,
            "rows": rows,
            "lists": _lists(shown.person_a, shown.person_b),
            "profiles": _other_profiles(shown.person_a, shown.person_b),
            "chosen": chosen,
            "jobs": jobs,
            "errors": errors or {},
            "open": candidate.status is CandidateStatus.OPEN,
        },
        status_code=status_code,
    )


def _current_jobs(session: Session, shown: CandidateRead, keep: str) -> dict[str, str] | None:
    """What the merge has to decide of current jobs (`current_job.question`), as the page
    asks it: each one's current jobs the merge weighs, in words, the side its rule keeps
    current ("a", "b" or "both") and why, for A kept or B, as `keep` says; when the merge
    decides only with one of them kept, the page asks that one's question and says so
    ("only")."""
    a, b = shown.person_a, shown.person_b
    keeping_a = current_job.question(session, survivor_id=a.id, absorbed_id=b.id)
    keeping_b = current_job.question(session, survivor_id=b.id, absorbed_id=a.id)
    if keeping_a is None and keeping_b is None:
        return None
    if keeping_b is not None and (keep == "b" or keeping_a is None):
        # (The merge speaks of the one kept as "a": the sides swap back to A and B.)
        ids_a, ids_b = keeping_b.theirs, keeping_b.mine
        swap = {"a": "b", "b": "a", "both": "both"}
        suggested, why = swap[keeping_b.suggested], keeping_b.why
    else:
        assert keeping_a is not None
        ids_a, ids_b = keeping_a.mine, keeping_a.theirs
        suggested, why = keeping_a.suggested, keeping_a.why

    def now(person: PersonRead, ids: tuple[int, ...]) -> str:
        return ", ".join(
            f"{x.title + ' at ' if x.title else ''}{x.organization_name}"
            for x in person.positions
            if x.id in ids
        )

    only = "" if keeping_a is not None and keeping_b is not None else ("a" if keeping_a else "b")
    return {"a": now(a, ids_a), "b": now(b, ids_b), "suggested": suggested, "why": why,
            "only": only}  # fmt: skip


def _lists(a: PersonRead, b: PersonRead) -> list[tuple[str, list[str], list[str]]]:
    """What is always kept from both: contact details, positions, tags."""

    def positions(p: PersonRead) -> list[str]:
        return [
            f"{x.title + ' at ' if x.title else ''}{x.organization_name}"
            f"{'' if x.is_current else ' (past)'}"
            for x in p.positions
        ]

    return [
        ("E-mails", list(a.emails), list(b.emails)),
        ("Phones", [phone_text(n) for n in a.phones], [phone_text(n) for n in b.phones]),
        ("Web addresses", list(a.urls), list(b.urls)),
        ("Positions", positions(a), positions(b)),
        ("Tags", list(a.tags), list(b.tags)),
        ("Interests", list(a.interests), list(b.interests)),
    ]


_PROFILE = "https://www.linkedin.com/in/"


def _other_profiles(a: PersonRead, b: PersonRead) -> tuple[list[str], list[str]] | None:
    """Each one's LinkedIn profiles, when both have one and they share none: a sign of two
    people (one person may keep two accounts, so it is said, not decided)."""
    mine = [u for u in a.urls if u.startswith(_PROFILE)]
    theirs = [u for u in b.urls if u.startswith(_PROFILE)]
    if mine and theirs and not set(mine) & set(theirs):
        return mine, theirs
    return None


@router.get("/duplicates/{candidate_id}", response_class=HTMLResponse)
def review_page(
    request: Request, session: DbSession, workspace_id: WorkspaceId, candidate_id: int
) -> Response:
    """Both people side by side, with a choice of value for each field that differs. A pair
    no longer waiting (merged since: the page reloaded, or opened from a bookmark) goes to
    the queue, which says so."""
    try:
        candidate = service.get_candidate(
            session, workspace_id=workspace_id, candidate_id=candidate_id
        )
    except NotFound:
        return redirect("/duplicates", flash=GONE.replace(" Nothing was changed.", ""))
    return _review_page(request, session, candidate)


@router.get("/duplicates/{candidate_id}/current-job", response_class=HTMLResponse)
def current_job_part(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    candidate_id: int,
    keep: Annotated[str, Query()] = "a",
) -> Response:
    """The review page's current-job question for the one now chosen to keep ("a" or "b"),
    the rule's answer chosen: the page swaps it in when the choice changes."""
    candidate = service.get_candidate(session, workspace_id=workspace_id, candidate_id=candidate_id)
    shown = service.candidate_to_read(session, candidate)
    jobs = _current_jobs(session, shown, "b" if keep == "b" else "a")
    chosen = {"current_job": jobs["suggested"]} if jobs else {}
    return render(request, "duplicates/_current_job.html", {"jobs": jobs, "chosen": chosen})


def choices_from(values: dict[str, str]) -> tuple[bool, dict[str, str]]:
    """Read the review form: whether B is the one kept, and per-field choices for `merge`.

    The form speaks of the people as shown (A on the left, B on the right); `merge` speaks
    of the survivor ("a") and the absorbed one ("b"), so the sides swap when B is kept.
    """
    keep_b = values.get("keep") == "b"
    choices: dict[str, str] = {}
    job = values.get("current_job", "")
    if job in ("a", "b") and keep_b:
        job = "a" if job == "b" else "b"
    if job:
        choices["current_job"] = job
    for name in _OFFERED:
        side = values.get(name, "")
        if side in ("", "both"):
            continue
        if side in ("a", "b") and keep_b:
            side = "a" if side == "b" else "b"
        for field in _NAME_PARTS if name == "name" else (name,):
            choices[field] = side
    return keep_b, choices


@router.post("/duplicates/{candidate_id}/merge")
async def merge_pair(
    request: Request, session: DbSession, workspace_id: WorkspaceId, candidate_id: int
) -> Response:
    """Merge the two with the chosen values; everything else of both is kept."""
    try:
        candidate = service.waiting_candidate(
            session, workspace_id=workspace_id, candidate_id=candidate_id
        )
    except NotFound:
        return redirect("/duplicates", flash=GONE)
    except Conflict as exc:  # (told apart in another tab)
        return redirect("/duplicates", flash=f"Nothing was merged: {exc.message}")
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    keep_b, choices = choices_from(values)
    survivor, absorbed = candidate.person_a_id, candidate.person_b_id
    if keep_b:
        survivor, absorbed = absorbed, survivor
    reason = "; ".join(candidate.reasons) or "reviewed side by side"
    try:
        record = merging.merge(
            session,
            workspace_id=workspace_id,
            survivor_id=survivor,
            absorbed_id=absorbed,
            choices=choices,
            reason=f"Reviewed: {reason}"[:300],
        )
    except GoodwordError as exc:
        session.rollback()  # a refused merge keeps nothing it had begun
        errors = form_errors(exc, fields=(*CHOOSABLE, "current_job"))
        return _review_page(
            request, session, candidate, chosen=values, errors=errors, status_code=422
        )
    absorbed = record.snapshot.get("absorbed", {})
    name, number = absorbed.get("display_name", ""), absorbed.get("id", "")
    kept = names_of(session, workspace_id=workspace_id, ids={survivor}).get(survivor, "")
    flash = f"Merged {name} (number {number}) into {kept} (number {survivor}), who stays."
    ended = current_job.words(session, record.snapshot)
    if ended:
        flash += f" Now a past job: {', '.join(ended)}."
    told = len(record.snapshot.get("told_apart", []))
    if told:
        # A pair of the kept person's that was waiting is now told apart: the user had told
        # the one merged apart from the other of it.
        pairs = "pair" if told == 1 else "pairs"
        flash += (
            f" {told} {pairs} of {kept}'s waiting in the queue moved to Told apart, as you had "
            f"told {name} apart from {'that person' if told == 1 else 'those people'}."
        )
    return redirect(
        "/duplicates",
        flash=flash + " Changed your mind? Undo it under Merge history, at the foot of this page.",
    )


@router.post("/duplicates/{candidate_id}/not-same")
def not_same(session: DbSession, workspace_id: WorkspaceId, candidate_id: int) -> Response:
    """Keep the two apart; they will not be suggested again."""
    try:
        candidate = service.mark_not_same(
            session, workspace_id=workspace_id, candidate_id=candidate_id
        )
    except NotFound:
        return redirect("/duplicates", flash=GONE)
    a, b = candidate.person_a_id, candidate.person_b_id
    names = names_of(session, workspace_id=workspace_id, ids={a, b})
    first, second = names.get(a, ""), names.get(b, "")
    if first == second:  # (two people of one name: told apart by their numbers)
        first, second = f"{first} (number {a})", f"{second} (number {b})"
    return redirect(
        "/duplicates",
        flash=f"Marked {first} and {second} as two different people; they will not be "
        "suggested again. Changed your mind? Put them back under Told apart below.",
    )


@router.post("/duplicates/not-same")
async def not_same_many(
    request: Request, session: DbSession, workspace_id: WorkspaceId
) -> Response:
    """Tell apart the pairs ticked in the queue, all of them or (one being gone) none."""
    ticked = (await request.form()).getlist("pair")
    ids = [i for value in ticked if isinstance(value, str) and (i := record_id(value)) is not None]
    if not ids or len(ids) != len(ticked):
        return redirect(
            "/duplicates",
            flash="Tick the pairs that are two different people first, then press the button.",
        )
    try:
        marked = service.mark_many_not_same(session, workspace_id=workspace_id, candidate_ids=ids)
    except InvalidInput:
        return redirect("/duplicates", flash=_GONE_SOME)
    count = "the pair" if len(marked) == 1 else f"{len(marked)} pairs"
    return redirect(
        "/duplicates",
        flash=f"Marked {count} as two different people; they will not be suggested again. "
        "Changed your mind? Put a pair back under Told apart below.",
    )


_GONE_SOME = (
    "One of the ticked pairs is no longer waiting for you: merged, or one of the two "
    "deleted, perhaps in another tab or window. Nothing was changed; tick them again."
)


@router.post("/duplicates/{candidate_id}/reopen")
def reopen(session: DbSession, workspace_id: WorkspaceId, candidate_id: int) -> Response:
    """Put a pair marked as two people back in the queue."""
    try:
        service.reopen(session, workspace_id=workspace_id, candidate_id=candidate_id)
    except NotFound:
        return redirect("/duplicates", flash=GONE)
    return redirect("/duplicates", flash="The pair is back in the queue to review.")


@router.post("/duplicates/merges/{merge_id}/undo")
def undo(session: DbSession, workspace_id: WorkspaceId, merge_id: int) -> Response:
    """Put both people back exactly as they were before the merge."""
    try:
        merge = merging.get_merge(session, workspace_id=workspace_id, merge_id=merge_id)
        old_id = merge.absorbed_id
        restored = merging.undo_merge(session, workspace_id=workspace_id, merge_id=merge_id)
    except (NotFound, Conflict) as exc:
        # (Undone already in another tab, say: said on the queue page, nothing changed.)
        session.rollback()
        return redirect("/duplicates", flash=f"Nothing was undone. {exc.message}")
    flash = (
        f"Undid the merge: {restored.display_name} (number {restored.id}) is their own "
        "person again."
    )
    if restored.id != old_id:
        flash += (
            f" They are number {restored.id} now: number {old_id} was given to someone"
            " added since the merge."
        )
    return redirect("/duplicates", flash=flash)
