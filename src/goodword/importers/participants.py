"""Who took part in each message and invitation of an import, and which way it went: someone
known, someone the import adds (a person met only in messages is added), or someone you
deleted (the message is then not added). Nothing is written here; the `Plan` says it."""

from __future__ import annotations

from goodword.importers.cleaning import clean_whole_name
from goodword.importers.deleted import Deleted, deleted_as
from goodword.importers.mapped import split_whole_name
from goodword.importers.mentions import identity, is_me, name_key
from goodword.importers.plan import PlannedInteraction
from goodword.importers.records import IncomingInteraction, IncomingPerson, Labeled, PersonRef
from goodword.importers.report import Outcome, RowOutcome
from goodword.importers.resolver import Resolver
from goodword.interactions.models import Direction


def resolve_interactions(resolver: Resolver, interactions: list[IncomingInteraction]) -> None:
    """Settle who took part in each message and which way it went."""
    if interactions and not resolver.state.people_loaded:
        raise RuntimeError("messages to place, but the workspace's people are not loaded")
    me_urls, me_names = identity(interactions, resolver.plan, resolver.state, resolver.me())
    for incoming in interactions:
        refs = [incoming.sender, *incoming.recipients]
        mine = [is_me(r, me_urls, me_names) for r in refs]
        direction = incoming.direction
        if direction is None and any(mine):
            direction = Direction.OUTBOUND if mine[0] else Direction.INBOUND
        participants: list[int] = []
        writer: int | None = None
        gone: list[str] = []
        written_by_gone = False
        # (A sender LinkedIn names as a placeholder only: someone, but not one of the others.)
        unknown_writer = direction is Direction.INBOUND and not (
            mine[0] or incoming.sender.name or incoming.sender.url
        )
        for index, (ref, you) in enumerate(zip(refs, mine, strict=True)):
            if you or not (ref.name or ref.url):
                continue
            target = _ref_target(resolver, ref, incoming)
            if isinstance(target, Deleted):
                gone.append(ref.name or ref.url or "someone")
                # (Written by them: no contact with the others it went to either.)
                written_by_gone = written_by_gone or (index == 0 and direction is Direction.INBOUND)
                continue
            if target not in participants:
                participants.append(target)
            if index == 0 and direction is Direction.INBOUND:
                writer = target
        if participants and not written_by_gone:
            resolver.plan.interactions.append(
                PlannedInteraction(
                    incoming, direction, participants, writer, writer_gone=unknown_writer
                )
            )
        elif gone:
            resolver.plan.with_deleted.append((incoming, gone, written_by_gone))
        else:
            resolver.plan.unplaced.append(incoming)


def _from_source_alone(resolver: Resolver, target: int, source: str) -> bool:
    """Whether the person is known from the source's records only (a draft of this
    import from it; someone an earlier import added from it alone, a recommendation)."""
    if target < 0:
        return resolver.plan.drafts[-target - 1].records[0].source == source
    keys = resolver.state.explicit_keys.get(target, [])
    return bool(keys) and all(key_source == source for key_source, _key in keys)


def _give_profile(
    resolver: Resolver, target: int, ref: PersonRef, incoming: IncomingInteraction
) -> None:
    """Give the one person of a message's name known from the same source alone without
    a profile (a LinkedIn recommendation's row, in this import or an earlier one), the
    profile the message names them by, so their connection row finds them by it. (Not
    someone from an address book: the name is only a guess.)"""
    assert ref.url is not None
    record = IncomingPerson(
        source=incoming.source,
        file_name=incoming.file_name,
        line=incoming.line,
        key=ref.url,
        display_name=ref.name,
        urls=[Labeled(ref.url, "LinkedIn")],
    )
    resolver.plan.attach(target, record, newer_copy=False)
    resolver.seen_keys[(record.source, ref.url)] = target


def _ref_target(resolver: Resolver, ref: PersonRef, incoming: IncomingInteraction) -> int | Deleted:
    """Who a message's sender or recipient is: someone known, someone this import
    adds, or someone the user deleted (not added again)."""
    if ref.url:
        position = resolver.state.matcher.exact.get("u:" + ref.url)
        if position is not None:
            target = resolver.target_at(position)
            if target is not None:
                return target
        known = resolver.seen_keys.get(("linkedin", ref.url)) or resolver.state.sources.get(
            ("linkedin", ref.url)
        )
        if known is not None:
            return known
    by_name = f"name:{(ref.name or '').casefold()}"
    if ref.name:
        # Whoever a mention of this name was added as before, whatever their name reads
        # as now (an earlier import cut "Dr. Jane Doe" at its last word: "Dr. Jane" Doe).
        pair = (incoming.source, by_name)
        known = resolver.seen_keys.get(pair) or resolver.state.sources.get(pair)
        if known is not None:
            return known
    folded = name_key(ref.name)
    alike = resolver.names.every(folded) if folded else []
    named = alike[0] if len(alike) == 1 else None
    if named is not None:
        profile = resolver.profile_of(named)
        if (
            ref.url
            and _from_source_alone(resolver, named, incoming.source)
            and not (profile and any(key.startswith("u:") for key in profile.keys))
        ):
            _give_profile(resolver, named, ref, incoming)
        return named
    for source, key in (("linkedin", ref.url), (incoming.source, by_name)):
        entry = key and deleted_as(resolver.state.deleted, source, key, incoming.file_name)
        if entry:
            return entry
    # Someone only met in messages (a recruiter, say): add them, their name cleaned and
    # split as a whole name typed into one column is, and kept whole as the name shown.
    notes: list[str] = []
    name = clean_whole_name(ref.name, notes) if ref.name else None
    given, family = split_whole_name(name or "")
    person = IncomingPerson(
        source=incoming.source,
        file_name=incoming.file_name,
        line=incoming.line,
        key=ref.url or by_name,
        given_name=given or None,
        family_name=family or None,
        display_name=name or ref.url,
        urls=[Labeled(ref.url, "LinkedIn")] if ref.url else [],
        notes="\n".join(notes) or None,
    )
    target = resolver.plan.draft(person)
    assert person.key is not None
    resolver.seen_keys[(person.source, person.key)] = target
    resolver.names.add_draft(folded, target)
    detail = "named in a message or invitation"
    if alike:
        # Several people have the name: which one is not guessed. The one added waits
        # beside each of them under possible duplicates.
        detail += (
            f"; {len(alike)} people here have that name, so they were added apart and "
            "wait beside them under possible duplicates"
        )
        resolver.plan.suggestions += [
            (target, other, 0.5, ["the same name, met in a message"]) for other in alike
        ]
    resolver.plan.rows.append(
        (
            RowOutcome(
                person.file_name, person.line, Outcome.CREATED, person.name, None, detail
            ),
            target,
        )
    )  # fmt: skip
    return target
