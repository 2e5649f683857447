"""Check a whole export document before anything is written; name the record of each problem."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import ValidationError

from goodword.errors import FieldError, InvalidInput
from goodword.exchange.schemas import FORMAT, VERSION, ExportFile
from goodword.interactions.models import Direction
from goodword.records import sort_key

MAX_REPORTED = 25


def read_document(data: Any) -> ExportFile:
    """Validate a whole export document; every problem is reported with the record it is in."""
    if not isinstance(data, dict):
        raise InvalidInput(
            f"This is not a Goodword export: the file holds a JSON {_json_type(data)}, "
            "not an object with a format header."
        )
    if data.get("format") != FORMAT:
        said = (
            f'it has no "format" field, which a Goodword export sets to "{FORMAT}"'
            if data.get("format") is None
            else f'its format is {_shown(data["format"])}, not "{FORMAT}"'
        )
        raise InvalidInput(
            f"This is not a Goodword export: {said}.",
            fields=[FieldError("format", f'Expected "{FORMAT}".')],
        )
    if data.get("version") != VERSION:
        said = (
            'names no version (it has no "version" field)'
            if data.get("version") is None
            else f"is version {_shown(data['version'])}"
        )
        raise InvalidInput(
            f"This export {said}; this Goodword reads version {VERSION}. "
            "A newer Goodword may read it.",
            fields=[FieldError("version", f"Expected {VERSION}.")],
        )
    try:
        document = ExportFile.model_validate(data)
    except ValidationError as exc:
        problems = [
            FieldError(
                _path(e["loc"]),
                f"{e['msg'].removeprefix('Value error, ')}{_which(data, e['loc'])}",
            )
            for e in exc.errors()
        ]
        raise _invalid(problems) from None
    problems = _reference_problems(document)
    if problems:
        raise _invalid(problems)
    return document


def _shown(value: Any) -> str:
    """A value as the file writes it (JSON), not as Python would."""
    return json.dumps(value, ensure_ascii=False)


def _reference_problems(document: ExportFile) -> list[FieldError]:
    """Find keys that repeat or point nowhere, and records the database would refuse."""
    problems: list[FieldError] = []

    def keys_of(name: str, records: Sequence[Any]) -> set[str]:
        seen: dict[str, int] = {}
        for index, record in enumerate(records):
            if record.key in seen:
                problems.append(
                    FieldError(
                        f"{name}[{index}].key",
                        f"The key {record.key!r} is already used by {name}[{seen[record.key]}].",
                    )
                )
            seen.setdefault(record.key, index)
        return set(seen)

    kinds = {
        "person": keys_of("people", document.people),
        "organization": keys_of("organizations", document.organizations),
        "opportunity": keys_of("opportunities", document.opportunities),
        "interaction": keys_of("interactions", document.interactions),
        "referral ask": keys_of("referral_asks", document.referral_asks),
        "reference": keys_of("references", document.references),
        "reference use": keys_of("reference_uses", document.reference_uses),
        "lead": keys_of("leads", document.leads),
    }

    def check(path: str, kind: str, value: str | None) -> None:
        if value is not None and value not in kinds[kind]:
            problems.append(FieldError(path, f"{value!r} names no {kind} in this file."))

    names: dict[str, int] = {}
    for index, o in enumerate(document.organizations):
        if sort_key(o.name) in names:
            problems.append(
                FieldError(
                    f"organizations[{index}].name",
                    f"{o.name!r} repeats organizations[{names[sort_key(o.name)]}]; "
                    "organization names are unique.",
                )
            )
        names.setdefault(sort_key(o.name), index)
    me = [index for index, p in enumerate(document.people) if p.is_me]
    for index in me[1:]:
        problems.append(
            FieldError(
                f"people[{index}].is_me", f"Only one person can be you; people[{me[0]}] already is."
            )
        )
    for index, person in enumerate(document.people):
        for n, source in enumerate(person.sources):
            if source.matched is None:
                continue
            path = f"people[{index}].sources[{n}].matched"
            record, added = source.matched.record, source.matched.added
            for where, held in (
                ("record.jobs", [job[0] for job in record.jobs]),
                ("added.jobs", [job[0] for job in added.jobs]),
                ("added.changed_jobs", [job[0] for job in added.changed_jobs]),
            ):
                for j, organization in enumerate(held):
                    check(f"{path}.{where}[{j}][0]", "organization", str(organization))
    for index, pos in enumerate(document.positions):
        check(f"positions[{index}].person", "person", pos.person)
        check(f"positions[{index}].organization", "organization", pos.organization)
    for index, op in enumerate(document.opportunities):
        check(f"opportunities[{index}].organization", "organization", op.organization)
        check(f"opportunities[{index}].hiring_manager", "person", op.hiring_manager)
    for index, i in enumerate(document.interactions):
        check(f"interactions[{index}].opportunity", "opportunity", i.opportunity)
        present: set[str] = set()
        for n, part in enumerate(i.participants):
            path = f"interactions[{index}].participants[{n}].person"
            check(path, "person", part.person)
            if part.person in present:
                problems.append(FieldError(path, f"{part.person!r} is listed twice."))
            present.add(part.person)
        if i.writer is not None and i.writer not in present:
            problems.append(
                FieldError(
                    f"interactions[{index}].writer",
                    f"{i.writer!r} is not among the interaction's participants: name one of "
                    "them, or leave the writer out.",
                )
            )
        if i.writer is not None and i.direction is not Direction.INBOUND:
            problems.append(
                FieldError(
                    f"interactions[{index}].writer",
                    'A writer is named only for a message that came in (direction "inbound").',
                )
            )
        # (As the app keeps it: someone gone wrote a message that came in, no one named.)
        if i.writer_gone and i.writer is not None:
            problems.append(
                FieldError(
                    f"interactions[{index}].writer_gone",
                    "writer_gone says someone not among its people wrote it, yet the writer "
                    f"is {i.writer!r}: leave out one of the two.",
                )
            )
        elif i.writer_gone and i.direction is not Direction.INBOUND:
            problems.append(
                FieldError(
                    f"interactions[{index}].writer_gone",
                    'writer_gone is set only for a message that came in (direction "inbound").',
                )
            )
    pairs: dict[frozenset[str], int] = {}
    for index, pair in enumerate(document.duplicate_pairs):
        check(f"duplicate_pairs[{index}].person_a", "person", pair.person_a)
        check(f"duplicate_pairs[{index}].person_b", "person", pair.person_b)
        both = frozenset((pair.person_a, pair.person_b))
        if len(both) == 1:
            problems.append(
                FieldError(f"duplicate_pairs[{index}]", "A pair is two different people.")
            )
        elif both in pairs:
            problems.append(
                FieldError(
                    f"duplicate_pairs[{index}]",
                    f"The same two people as duplicate_pairs[{pairs[both]}]; list a pair once.",
                )
            )
        pairs.setdefault(both, index)
    for index, c in enumerate(document.connections):
        check(f"connections[{index}].person_a", "person", c.person_a)
        check(f"connections[{index}].person_b", "person", c.person_b)
        if c.person_a == c.person_b:
            problems.append(
                FieldError(f"connections[{index}]", "A connection joins two different people.")
            )
    origin_keys: dict[str, int] = {}
    for index, t in enumerate(document.tasks):
        if t.origin_key is not None and t.origin_key in origin_keys:
            problems.append(
                FieldError(
                    f"tasks[{index}].origin_key",
                    f"{t.origin_key!r} repeats tasks[{origin_keys[t.origin_key]}].",
                )
            )
        if t.origin_key is not None:
            origin_keys.setdefault(t.origin_key, index)
        check(f"tasks[{index}].person", "person", t.person)
        check(f"tasks[{index}].organization", "organization", t.organization)
        check(f"tasks[{index}].opportunity", "opportunity", t.opportunity)
        check(f"tasks[{index}].interaction", "interaction", t.interaction)
        check(f"tasks[{index}].logged_interaction", "interaction", t.logged_interaction)
    _playbook_problems(document, check, problems)
    return problems


def _playbook_problems(
    document: ExportFile,
    check: Callable[[str, str, str | None], None],
    problems: list[FieldError],
) -> None:
    """Dangling keys in the playbook records go through `check`; what the database holds once
    (a person's reference, a launch per reference and opportunity, a share per lead and
    person, the user's version of a message) is a problem when the file repeats it."""
    for index, a in enumerate(document.referral_asks):
        check(f"referral_asks[{index}].person", "person", a.person)
        check(f"referral_asks[{index}].source_opportunity", "opportunity", a.source_opportunity)
        check(f"referral_asks[{index}].target_organization", "organization", a.target_organization)
        check(f"referral_asks[{index}].result_opportunity", "opportunity", a.result_opportunity)
    people_with_reference: dict[str, int] = {}
    for index, r in enumerate(document.references):
        path = f"references[{index}].person"
        check(path, "person", r.person)
        if r.person in people_with_reference:
            problems.append(
                FieldError(
                    path,
                    f"{r.person!r} already is references[{people_with_reference[r.person]}]; "
                    "a person is one reference.",
                )
            )
        people_with_reference.setdefault(r.person, index)
    launches: dict[tuple[str, str], int] = {}
    for index, u in enumerate(document.reference_uses):
        check(f"reference_uses[{index}].reference", "reference", u.reference)
        check(f"reference_uses[{index}].opportunity", "opportunity", u.opportunity)
        if u.opportunity is None:
            continue  # a launch for a deleted opportunity: any number may remain
        pair = (u.reference, u.opportunity)
        if pair in launches:
            problems.append(
                FieldError(
                    f"reference_uses[{index}]",
                    f"{u.reference!r} is launched for {u.opportunity!r} again; "
                    f"reference_uses[{launches[pair]}] already is that launch.",
                )
            )
        launches.setdefault(pair, index)
    for index, lead in enumerate(document.leads):
        check(f"leads[{index}].organization", "organization", lead.organization)
        shared: set[str] = set()
        for n, share in enumerate(lead.shares):
            path = f"leads[{index}].shares[{n}].person"
            check(path, "person", share.person)
            if share.person in shared:
                problems.append(FieldError(path, f"{share.person!r} is listed twice."))
            shared.add(share.person)
    templates: dict[str, int] = {}
    for index, t in enumerate(document.message_templates):
        if t.key in templates:
            problems.append(
                FieldError(
                    f"message_templates[{index}].key",
                    f"{t.key!r} repeats message_templates[{templates[t.key]}]; "
                    "a message has one version of yours.",
                )
            )
        templates.setdefault(t.key, index)


def _invalid(problems: list[FieldError]) -> InvalidInput:
    count = len(problems)
    shown = problems[:MAX_REPORTED]
    more = f" The first {MAX_REPORTED} are listed." if count > MAX_REPORTED else ""
    return InvalidInput(
        f"The file has {count} problem{'s' if count != 1 else ''}; nothing was imported.{more}",
        fields=shown,
    )


def _path(loc: Sequence[int | str]) -> str:
    """('people', 3, 'emails', 0, 'address') -> people[3].emails[0].address"""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text or "file"


def _which(data: dict[str, Any], loc: Sequence[int | str]) -> str:
    """Name the record a problem is in, e.g. ` (in p4, Jane Doe)`, when the file says it."""
    if len(loc) < 3 or not isinstance(loc[1], int):
        return ""
    records = data.get(str(loc[0]))
    if not isinstance(records, list) or not 0 <= loc[1] < len(records):
        return ""
    record = records[loc[1]]
    if not isinstance(record, dict):
        return ""
    labels = [
        record.get("key"),
        *(record.get(f) for f in ("display_name", "name", "role_title", "title")),
    ]
    found = [str(label) for label in labels if isinstance(label, str) and label]
    return f" (in {', '.join(found[:2])})" if found else ""


def _json_type(value: Any) -> str:
    return {list: "list", str: "string", int: "number", float: "number", bool: "boolean"}.get(
        type(value), "null" if value is None else type(value).__name__
    )
