"""Decide, for every incoming record, who it is: someone known, someone new, or maybe-someone.

Nothing is written here. A target is a person id (positive) or a draft: a person to be
created, numbered -1, -2, ... in the order the import found them. Who took part in each
message is settled after the records, by `participants`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from goodword.duplicates.apart import judged_apart, names_differ, shares_contact_key, unnamed
from goodword.duplicates.index import Listings
from goodword.duplicates.matching import Profile, Scored, given_names_differ, shared_key_reason
from goodword.importers.by_name import NameLookup
from goodword.importers.plan import Plan
from goodword.importers.records import IncomingPerson, Role
from goodword.importers.renamed import RenamedKeys
from goodword.importers.report import YOU, Outcome, RowOutcome
from goodword.importers.spreadsheet_ids import SpreadsheetIds
from goodword.importers.state import WorkspaceState

_OWN_KEY = re.compile(r"^goodword-(\d+)-(\d+)$")


def _key_order(key: str) -> tuple[bool, str]:
    # A LinkedIn profile first: it is one person's own, whatever name they go by now
    # (people change their display name), so it settles a record that other keys cannot.
    return (not key.startswith("u:"), key)


# The most candidate pairs a record keeps while matching; `_decide` takes the best one it
# can use, and only the user or a record passed over can be unusable.
KEEP_CANDIDATES = 50
# How close in score another person must come to a record's best candidate for the record
# to be only a suggestion with both: half a point of the matcher's ten, less than the
# least it counts for or against (a swapped name, employers that differ), so two people
# this close are told apart by nothing the record says.
RIVAL_MARGIN = 0.05


class Resolver:
    """Resolve the incoming people of one import against the workspace, in file order."""

    def __init__(self, state: WorkspaceState) -> None:
        self.state = state
        self.plan = Plan()
        self.seen_keys: dict[tuple[str, str], int] = {}
        self.spreadsheet_ids = SpreadsheetIds(state)
        # matcher position -> target, for incoming records (existing ones map to their id)
        self.position_target: dict[int, int] = {}
        # draft -> the (source, key) of its explicit source records
        self.draft_keys: dict[int, list[tuple[str, str]]] = {}
        self.names = NameLookup(state.names)
        # target -> the profile it goes by, where this import changed it (a draft, or a
        # nameless person given a name); `profile_of` finds everyone else's
        self.identities: dict[int, Profile] = {}
        self._person_profiles: dict[int, Profile] | None = None
        # (source, key) of every record being resolved: no record is found by a former key
        # that another record of this import holds as its own
        self.own_keys: set[tuple[str, str]] = set()
        self.renamed = RenamedKeys(state.name_files)
        # (source, key) -> id() of the record renamed at its source that had it
        self.renamed_from: dict[tuple[str, str], int] = {}

    def target_at(self, position: int) -> int | None:
        ref = self.state.matcher.profiles[position].ref
        return ref if ref > 0 else self.position_target.get(position)

    def unchanged(self, people: list[IncomingPerson]) -> dict[int, int]:
        """The records imported before and unchanged at their source since (same
        fingerprint), by index in `people`, with the person each belongs to. Nothing
        needs deciding about them: `resolve` passes over them."""
        fingerprints = self.state.fingerprints
        if not fingerprints:
            return {}
        found: dict[int, int] = {}
        sources = self.state.sources
        for index, person in enumerate(people):
            if person.key and person.role is not Role.ME:
                pair = (person.source, person.key)
                if pair in self.state.shared:
                    # (Whichever of the people holding the key has this very record.)
                    printed = person.fingerprint()
                    holders = self.state.shared[pair].items()
                    same = [holder for holder, kept in holders if kept == printed]
                    if same:
                        found[index] = same[0]
                    continue
                known = fingerprints.get(pair)
                if known is not None and known == person.fingerprint():
                    found[index] = sources[pair]
        return found

    def resolve(
        self,
        people: list[IncomingPerson],
        unchanged: dict[int, int] | None = None,
        *,
        progress: Callable[[int], None] | None = None,
    ) -> Plan:
        """Decide every record; `unchanged` is what `unchanged(people)` found, when the
        caller asked already (the people need not be loaded if it is every record).
        `progress(done)` hears how many records have been compared, now and then."""
        if unchanged is None:
            unchanged = self.unchanged(people)
        self.own_keys = {(p.source, p.key) for p in people if p.key}
        # The user's own records first, the named one (Profile.csv) before the nameless
        # (Positions.csv, Email Addresses.csv), whatever order the files came in: those
        # need to know who the user is.
        order = sorted(
            range(len(people)),
            key=lambda i: (
                people[i].role is not Role.ME,
                people[i].role is Role.ME and not people[i].name,
                # The people a recommendation names last: LinkedIn only lets connections
                # recommend each other, so each is found by name among them.
                people[i].role is Role.FLAG,
                i,
            ),
        )
        people = [people[i] for i in order]
        known_unchanged = {
            index: unchanged[old] for index, old in enumerate(order) if old in unchanged
        }
        matcher = self.state.matcher
        first_incoming = len(matcher.profiles)
        # Only the records still to decide are indexed and compared; `decided` lists them
        # (by index) in the order they were indexed.
        decided = [i for i in range(len(people)) if i not in known_unchanged]
        if decided and not self.state.people_loaded:
            # Matched against nobody, every record would become a new person.
            raise RuntimeError("records to decide, but the workspace's people are not loaded")
        profiles: list[Profile | None] = [None] * len(people)
        positions = [0] * len(people)
        # Each record is compared with everyone before it: the workspace, then the
        # records of this import that came earlier. A record imported before, or with an
        # e-mail, profile or phone someone here already has, is settled without comparing
        # names (a re-import compares nothing).
        settled: set[int] = set()
        # Rows of one Connections.csv with a profile each are never compared with each
        # other (`index.Listings`); with those of other files and imports they are.
        listed: dict[int, int] = {}
        for index in decided:
            person = people[index]
            profile = self.state.profile(person, -(index + 1))
            profiles[index], positions[index] = profile, matcher.add(profile)
            if self._imported(person, profile) or self._held_key(profile, first_incoming):
                settled.add(positions[index])
            if person.listed_in is not None:
                listed[positions[index]] = person.listed_in
        best: dict[int, list[tuple[int, Scored]]] = {}
        compared = None if progress is None else (lambda at: progress(at - first_incoming))
        pairs = matcher.pairs_within(
            since=first_incoming,
            skip=settled,
            progress=compared,
            listings=Listings.of(matcher.profiles, listed),
        )
        for earlier, later, judged in pairs:
            found_for = best.setdefault(decided[later - first_incoming], [])
            found_for.append((earlier, judged))
            if len(found_for) > 2 * KEEP_CANDIDATES:
                # A record alike to thousands (a very common name in a huge block) keeps
                # only its best candidates, in the order `_decide` ranks them.
                found_for.sort(key=lambda c: -c[1].score)
                del found_for[KEEP_CANDIDATES:]
        for index, person in enumerate(people):
            if index in known_unchanged:
                self._pass_over(person, known_unchanged[index])
                continue
            if person.role is Role.ME and not person.name and self.me() is None:
                self.plan.rows.append(
                    (
                        RowOutcome(
                            person.file_name, person.line, Outcome.SKIPPED, "you", None,
                            f"your own details ({person.held()}) need Profile.csv in the "
                            "same import, or someone marked as you in Goodword",
                        ),
                        0,
                    )
                )  # fmt: skip
                continue
            found = profiles[index]
            assert found is not None
            target, outcome, detail, suggested = self._decide(
                person, found, positions[index], best.get(index, [])
            )
            if target is None:
                target = self.plan.draft(person, is_me=person.role is Role.ME)
                if person.role is Role.ME:
                    self.plan.me = target
                self.names.add_draft(found.full, target)
                self.identities[target] = found
            else:
                self.plan.attach(target, person, newer_copy=outcome is Outcome.UPDATED)
                named = self.profile_of(target)
                if named is None or (unnamed(named) and not unnamed(found)):
                    self.identities[target] = found
            if person.says_me and self.me() is None:
                if target > 0:
                    self.plan.make_me, self.plan.make_me_record = target, person
                else:
                    self.plan.drafts[-target - 1].is_me = True
                self.plan.me = target
            self.position_target[positions[index]] = target
            if person.key:
                self.seen_keys.setdefault((person.source, person.key), target)
                self.spreadsheet_ids.saw(person, target)
                if target < 0 and not person.key.startswith("name:"):
                    self.draft_keys.setdefault(target, []).append((person.source, person.key))
            for other, judged in suggested:
                self.plan.suggestions.append((target, other, judged.score, list(judged.reasons)))
            if person.linkedin_connection:
                self.plan.connections.append((target, person))
            name = person.name or ("you" if person.role is Role.ME else "")
            row = RowOutcome(person.file_name, person.line, outcome, name, None, detail)
            self.plan.rows.append((row, target))
            self.plan.records[id(row)] = person
        return self.plan

    def _pass_over(self, person: IncomingPerson, target: int) -> None:
        """A record unchanged since it was last imported: reported, not applied again (so
        what the user has edited or deleted since stays as they left it)."""
        assert person.key is not None
        self.seen_keys.setdefault((person.source, person.key), target)
        if person.linkedin_connection:
            self.plan.connections.append((target, person))
        row = RowOutcome(person.file_name, person.line, Outcome.UNCHANGED, person.name, None,
                         "unchanged since the last import")  # fmt: skip
        self.plan.rows.append((row, target))
        # (So the row can say what linking the user to a connection did.)
        self.plan.records[id(row)] = person

    def _decide(
        self,
        person: IncomingPerson,
        profile: Profile,
        position: int,
        candidates: list[tuple[int, Scored]],
    ) -> tuple[int | None, Outcome, str, list[tuple[int, Scored]]]:
        """Who the record is (None: someone new), how it went, in words, and the pairs
        to queue as possible duplicates."""
        state = self.state
        if person.role is Role.ME:
            me = self.me()
            if me is not None:
                self.plan.me = me
                return me, Outcome.UPDATED, YOU, []
        if person.key:
            known = self._known(person, profile)
            if known is not None:
                if person.role is Role.ME and known > 0 and self.me() is None:
                    # (Your profile, imported before, on someone no longer marked as you,
                    # and nobody else is: they are marked again, and your other records
                    # of this import are theirs.)
                    self.plan.make_me, self.plan.make_me_record = known, person
                    self.plan.me = known
                return known, Outcome.UPDATED, "", self._sharing(profile, position, known)
        # An exact key shared with someone whose name clearly differs (colleagues on one
        # switchboard, a household's e-mail address) is only a suggestion.
        apart: list[tuple[int, Scored]] = []
        held = state.matcher.holders
        for key, other in [(k, o) for k in sorted(profile.keys, key=_key_order) for o in held(k)]:
            if other == position:
                continue
            target = self.target_at(other)
            if target is None or any(target == t for t, _judged in apart):
                continue
            judged = Scored(1.0, (shared_key_reason(key),))
            holder = state.matcher.profiles[other]
            differs = None if key.startswith("u:") else self._differs(profile, holder, target)
            if not key.startswith("u:") and self._distinct_records(person, target):
                # (Two records of one source, each with an id of its own: asked about, and
                # as two people when their names say so, a couple or a switchboard. A
                # LinkedIn profile is one person's, however many records name it: a row
                # repeated in a file, a work card and a home card.)
                if differs is not None:
                    judged = judged_apart(profile, differs, key)
                return None, Outcome.SUGGESTED, judged.reasons[0], [(target, judged)]
            if differs is None:
                return self._merged(person, profile, position, target, judged)
            apart.append((target, judged_apart(profile, differs, key)))
        if person.role is Role.FLAG:
            named = self.names.only(profile.full)
            if named is not None:
                return named, Outcome.UPDATED, "", []
        ranked = sorted(candidates, key=lambda c: -c[1].score)
        # The user is never merged into by name alone (a contact of theirs may share it),
        # only suggested: their own phone card, say, whose name is short for theirs.
        me = self.me() if person.role is not Role.ME else None
        you: tuple[int, Scored] | None = None
        for at, (other, judged) in enumerate(ranked):
            target = self.target_at(other)
            if target is None or any(target == t for t, _judged in apart):
                continue
            if target == me:
                you = you or (target, judged)
                continue
            found = state.matcher.profiles[other]
            differs = (
                self._differs(profile, found, target)
                if shares_contact_key(profile, found)
                else None
            )
            if differs is not None:
                # (`score` stops at a shared key; here the names say otherwise.)
                key = min(profile.keys & found.keys)
                apart.append((target, judged_apart(profile, differs, key)))
                continue
            if given_names_differ(profile, found) and self._distinct_records(person, target):
                continue  # two profiles of one source under two given names: two people
            rivals = [] if you is None else [you]
            if judged.auto:
                rivals += self._rivals(target, judged, ranked[at + 1 :], [*rivals, *apart])
                if not rivals and not self._distinct_records(person, target):
                    return self._merged(person, profile, position, target, judged)
            suggested = [(target, judged), *rivals, *apart]
            return None, Outcome.SUGGESTED, "; ".join(judged.reasons), suggested
        if you is not None:
            return None, Outcome.SUGGESTED, "; ".join(you[1].reasons), [you, *apart]
        if apart:
            return None, Outcome.SUGGESTED, "; ".join(apart[0][1].reasons), apart
        return None, Outcome.CREATED, "", []

    def _sharing(
        self, profile: Profile, position: int, known: int, *, alike_only: bool = False
    ) -> list[tuple[int, Scored]]:
        """The others holding an e-mail address, phone or LinkedIn profile of a record
        imported before (a newer copy that gained an address someone else has): asked
        about with each, as an edit by hand is, never merged (both are people already).
        With `alike_only`, only those whose names do not clearly differ from the person's
        (not a switchboard's other people, nor a company's contact)."""
        found: list[tuple[int, Scored]] = []
        held = self.state.matcher.holders
        own = self._person_profile(known)
        gained = profile.keys - own.keys if own is not None else profile.keys
        for key, other in [(k, o) for k in sorted(gained, key=_key_order) for o in held(k)]:
            target = None if other == position else self.target_at(other)
            if target is None or target == known or any(target == t for t, _ in found):
                continue
            holder = self.state.matcher.profiles[other]
            # (A record merged just now is judged by the name of the one it went to: a
            # nameless card says nothing by its own.)
            who = (self.profile_of(known) or profile) if alike_only else profile
            differs = self._differs(who, holder, target)
            if alike_only and differs is not None:
                continue
            judged = (
                Scored(1.0, (shared_key_reason(key),))
                if differs is None
                else judged_apart(profile, differs, key)
            )
            found.append((target, judged))
        return found

    def _rivals(
        self,
        target: int,
        judged: Scored,
        rest: list[tuple[int, Scored]],
        taken: list[tuple[int, Scored]],
    ) -> list[tuple[int, Scored]]:
        """The other people (after those `taken` already) a record `judged` sure to be
        `target` is about as like (the user among them), or would be merged into too while
        `target` and they are queued as a pair or were told apart: the evidence does not
        say which one the record is, so it is only suggested with each."""
        rivals: list[tuple[int, Scored]] = []
        pairs = self.state.candidate_pairs
        for other, scored in rest:
            close = scored.score >= judged.score - RIVAL_MARGIN
            if not (close or scored.auto):
                break  # (ranked: nobody after is either)
            rival = self.target_at(other)
            if (
                rival is None
                or rival == target
                or scored.conflict
                or any(rival == t for t, _ in (*taken, *rivals))
            ):
                continue
            if close or (min(target, rival), max(target, rival)) in pairs:
                rivals.append((rival, scored))
        return rivals

    def profile_of(self, target: int) -> Profile | None:
        """The profile a target goes by: the first named record of a draft, or an existing
        person's own (unless a record of this import named them)."""
        if target in self.identities:
            return self.identities[target]
        return self._person_profile(target)

    def _person_profile(self, target: int) -> Profile | None:
        """An existing person's own profile, as the workspace holds it (None: no such person)."""
        if target < 0:
            return None
        if self._person_profiles is None:
            profiles = self.state.matcher.profiles
            self._person_profiles = {p.ref: p for p in profiles if p.ref > 0}
        return self._person_profiles.get(target)

    def _differs(self, profile: Profile, holder: Profile, target: int) -> Profile | None:
        """Who a record sharing a key with `holder` clearly differs from by name: the
        holder, or the person the holder's record went to (a nameless card merged into a
        company's contact is no reason to merge a person into it), or None."""
        if names_differ(profile, holder):
            return holder
        named = self.profile_of(target)
        if named is not None and named is not holder and names_differ(profile, named):
            return named
        return None

    def me(self) -> int | None:
        """The person or draft who is you, when this import or the workspace knows."""
        return self.plan.me if self.plan.me is not None else self.state.me_id

    def _merged(
        self, person: IncomingPerson, profile: Profile, position: int, target: int, judged: Scored
    ) -> tuple[int | None, Outcome, str, list[tuple[int, Scored]]]:
        """The record merged into `target`; whoever else holds an e-mail address, phone or
        profile it brings them, under a name alike, is asked about beside them (`_sharing`)."""
        if person.role is Role.ME and target > 0 and self.state.me_id is None:
            self.plan.make_me, self.plan.make_me_record = target, person
            self.plan.me = target
        pairs = self._sharing(profile, position, target, alike_only=True)
        return target, Outcome.MERGED, "; ".join(judged.reasons), pairs

    def _imported(self, person: IncomingPerson, profile: Profile) -> bool:
        """Whether `_known` finds the record in the workspace whatever else this import
        holds (so `_decide` never gets as far as comparing names)."""
        if not person.key or person.role is Role.ME:
            return False
        if self._own_id(person, profile) is not None:
            return True
        if (person.source, person.key) in self.state.sources:
            return self._holder(person, profile, person.key) is not None
        former = self._former(person)
        if former is not None and self._holder(person, profile, former) is not None:
            return True
        return self._renamed(person, profile) is not None

    def _held_key(self, profile: Profile, first_incoming: int) -> bool:
        """Whether an exact key of the profile belongs to someone already in the workspace
        who is plainly the same person (`_decide` then settles the record by that key,
        merged or queued). A key held by someone whose name clearly differs settles
        nothing: the record is compared by name too, in case someone else is the one."""
        matcher = self.state.matcher
        for key in profile.keys:
            held = matcher.exact.get(key, first_incoming)
            if held < first_incoming and (
                key.startswith("u:") or not names_differ(profile, matcher.profiles[held])
            ):
                return True
        return False

    def _known(self, person: IncomingPerson, profile: Profile) -> int | None:
        assert person.key is not None
        own = self._own_id(person, profile)
        if own is not None:
            return own
        found = self.seen_keys.get((person.source, person.key))
        if found is not None and self._still_theirs(person, profile, found):
            return found
        if (person.source, person.key) in self.state.sources:
            return self._holder(person, profile, person.key)
        former = self._former(person)
        holder = None if former is None else self._holder(person, profile, former)
        if holder is None and (former := self._renamed(person, profile)) is not None:
            holder = self._holder(person, profile, former)
            self.renamed_from[(person.source, former)] = id(person)
        if former is not None and holder is not None:
            self.plan.former_keys[id(person)] = former
        return holder

    def _renamed(self, person: IncomingPerson, profile: Profile) -> str | None:
        """The key by name the record had before it was renamed at its source, when one
        alone fits (`renamed.RenamedKeys.former`) and no other record took it."""

        def holder(key: str) -> Profile | None:
            claimed = self.renamed_from.get((person.source, key))
            found = self._holder(person, profile, key) if claimed in (None, id(person)) else None
            return None if found is None else self._person_profile(found)

        return self.renamed.former(person, profile, self.own_keys, holder)

    def _holder(self, person: IncomingPerson, profile: Profile, key: str) -> int | None:
        """The person holding `key` (the record's, or one it was kept under before) who is
        still the record's (the first, when several hold it), or None."""
        pair = (person.source, key)
        holders = self.state.shared.get(pair) or [self.state.sources[pair]]
        return next((h for h in holders if self._still_theirs(person, profile, h)), None)

    def _still_theirs(self, person: IncomingPerson, profile: Profile, target: int) -> bool:
        """Whether `target`, who holds the record's id, is the record's person: another
        spreadsheet's row of the same id is not (`importers/spreadsheet_ids.py`)."""
        return self.spreadsheet_ids.still_theirs(person, profile, target, self.profile_of)

    def _former(self, person: IncomingPerson) -> str | None:
        """The key an earlier import gave the record, when it is known by that one only (a
        LinkedIn connection without a profile, its date then read in the other order)."""
        for key in person.former_keys:
            pair = (person.source, key)
            if pair in self.state.sources and pair not in self.own_keys:
                return key
        return None

    def _own_id(self, person: IncomingPerson, profile: Profile) -> int | None:
        """The person a key Goodword itself exported from this workspace names, if they are
        still the record's person: their names agree, or they share an e-mail address,
        LinkedIn profile or phone number (a nameless one counts by those only).

        The key alone says too little: every install's first workspace is 1, and before
        migration 0033 SQLite gave a deleted person's id to someone added after, so an
        export from another database, or an old one, names strangers. Those records are
        matched like any other.
        """
        own = _OWN_KEY.match(person.key or "") if person.source == "goodword" else None
        if not own or int(own[1]) != self.state.workspace_id:
            return None
        held = self._person_profile(int(own[2]))
        if held is None:
            return None
        if profile.keys & held.keys or not (
            unnamed(profile) or unnamed(held) or names_differ(profile, held)
        ):
            return held.ref
        # Two with no name matching compares ("Unknown", "TBD"): by the name shown.
        shown = self.state.shown_names.get(held.ref)
        if (
            shown
            and not profile.full
            and shown.casefold() == (person.display_name or "").casefold()
        ):
            return held.ref
        return None

    def _distinct_records(self, person: IncomingPerson, target: int) -> bool:
        """Two different records of one source (two UIDs, two profiles) stay two people."""
        if not person.key or person.key.startswith("name:"):
            return False
        held = self.draft_keys if target < 0 else self.state.explicit_keys
        known = [key for source, key in held.get(target, ()) if source == person.source]
        known = self.spreadsheet_ids.of_this_file(person, target, known)
        return bool(known) and person.key not in known
