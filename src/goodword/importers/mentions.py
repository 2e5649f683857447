"""Who the people a message or invitation names are: a whole name as a key to find them by,
and which of them is the user (from the person marked as you, the Direction column of the
old shapes, or the one profile in every message)."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

from goodword.duplicates.names import fold_name
from goodword.importers.cleaning import clean_whole_name
from goodword.importers.mapped import split_whole_name
from goodword.importers.records import IncomingInteraction, PersonRef
from goodword.importers.report import Outcome, RowOutcome
from goodword.importers.state import WorkspaceState, split_name
from goodword.interactions.models import Direction

if TYPE_CHECKING:
    from goodword.importers.plan import Plan


@lru_cache(maxsize=65_536)
def name_key(name: str | None) -> str:
    """The folded full name of someone known only by a whole name, as a saved person known
    only by theirs is indexed (`state.split_name`), so a message naming them finds them.

    >>> name_key("Müller, José"), name_key("Dr. José Müller")
    ('jose muller', 'jose muller')
    """
    given, family = split_whole_name(clean_whole_name(name or "", []))
    return " ".join(part for part in (fold_name(given), fold_name(family)) if part)


def identity(
    interactions: list[IncomingInteraction], plan: Plan, state: WorkspaceState, me: int | None
) -> tuple[set[str], set[str]]:
    """Who the user is in the messages: their LinkedIn profiles and folded names. From the
    person marked as you (or the one `Profile.csv` makes), the Direction column, or the one
    profile in (nearly) every message; when that cannot be told, the report says so."""
    urls: set[str] = set()
    names: set[str] = set()
    if me is not None and me > 0:
        for profile in state.matcher.profiles:
            if profile.ref == me:
                urls |= {key[2:] for key in profile.keys if key.startswith("u:")}
                names.add(profile.full)
                break
    elif me is not None:
        for record in plan.drafts[-me - 1].records:
            urls |= {u.value for u in record.urls}
            names.add(" ".join(p for p in split_name(record) if p))
    _directed(interactions, urls, names, plan, me)
    # Whoever takes part in (nearly) every message is the user; when several do (one
    # correspondent, and both of you in every message), the user is none of them but
    # the one named as you, if any: nobody is guessed.
    # (Among those that give profiles: an old Invitations.csv gives names only.)
    counted: Counter[str] = Counter()
    with_profiles = 0
    for incoming in interactions:
        refs = [incoming.sender, *incoming.recipients]
        profiles = {r.url for r in refs if r.url}
        with_profiles += bool(profiles)
        counted.update(profiles)
    everywhere = [url for url, count in counted.items() if count >= 0.95 * with_profiles]
    if len(everywhere) == 1 and with_profiles >= 2:
        urls.add(everywhere[0])
    elif len(everywhere) > 1 and urls.isdisjoint(everywhere):
        shown = {url: _shown(interactions, url) for url in everywhere}
        named = [url for url in everywhere if name_key(shown[url]) in names]
        if len(named) == 1:
            urls.add(named[0])
        else:
            _unsure(interactions[0], sorted(shown.values()), plan)
    names.discard("")
    return urls, names


def _directed(
    interactions: list[IncomingInteraction],
    urls: set[str],
    names: set[str],
    plan: Plan,
    me: int | None,
) -> None:
    """Add to `urls` or `names` the user as the files' Direction column says (the old
    messages.csv, Invitations.csv): the sender of what went out and a recipient of what
    came in, when that is one profile, or one name, on every such row. Named so, with
    nobody known to be the user, they are no contact of theirs (the report says so)."""
    by_url: set[str] | None = None
    by_name: set[str] | None = None
    first: dict[str, tuple[IncomingInteraction, str]] = {}
    for incoming in interactions:
        if incoming.direction is None:
            continue
        outbound = incoming.direction is Direction.OUTBOUND
        side = [incoming.sender] if outbound else incoming.recipients
        with_url = {ref.url for ref in side if ref.url}
        if with_url:
            by_url = with_url if by_url is None else by_url & with_url
            continue
        named = set()
        for ref in side:
            if ref.name and (key := name_key(ref.name)):
                named.add(key)
                first.setdefault(key, (incoming, ref.name))
        if named:
            by_name = named if by_name is None else by_name & named
    if by_url is not None and len(by_url) == 1:
        urls |= by_url
    if by_name is None or len(by_name) != 1:
        return
    (key,) = by_name
    if me is None and key not in names:
        incoming, name = first[key]
        detail = (
            f"the Direction column names {name} as you, so they are not added as a "
            "contact; import Profile.csv, or mark yourself in Goodword, to link that "
            "name to you"
        )
        plan.rows.append(
            (RowOutcome(incoming.file_name, incoming.line, Outcome.SKIPPED, name, None,
                        detail), 0)
        )  # fmt: skip
    names.add(key)


def _unsure(incoming: IncomingInteraction, shown: list[str], plan: Plan) -> None:
    """Say that the messages cannot tell which of the people in all of them is you."""
    who = ", ".join(shown[:-1]) + " and " + shown[-1]
    detail = (
        f"{who} are each in every message, so Goodword could not tell which of them "
        "is you and adds each as a contact; include Profile.csv in the import, or mark "
        "yourself in Goodword and import again"
    )
    plan.rows.append(
        (RowOutcome(incoming.file_name, incoming.line, Outcome.SKIPPED, "you", None,
                    detail), 0)
    )  # fmt: skip


def is_me(ref: PersonRef, urls: set[str], names: set[str]) -> bool:
    """Whether a person a message names is the user (`identity`'s profiles and names): by
    profile when the user's is known, else by name."""
    if ref.url and urls:
        return ref.url in urls
    return bool(ref.name) and name_key(ref.name) in names


def _shown(interactions: list[IncomingInteraction], url: str) -> str:
    """The name a LinkedIn profile goes by in the messages (its address, when none)."""
    for incoming in interactions:
        for ref in (incoming.sender, *incoming.recipients):
            if ref.url == url and ref.name:
                return ref.name
    return url
