"""Find or create the organizations an import names, before its people are written."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from goodword.importers.bulk import (
    CHUNK,
    insert_returning,
    insert_search_documents,
    table_named,
    update_search_documents,
)
from goodword.importers.report import ImportReport
from goodword.importers.state import WorkspaceState
from goodword.organizations.models import Organization
from goodword.organizations.names import organization_key
from goodword.organizations.service import forget_in_matches
from goodword.people.models import Position
from goodword.records import clean_list, sort_key
from goodword.search.models import SearchDocument
from goodword.search.service import organization_body


def organization_id(state: WorkspaceState, name: str) -> int:
    """The id of the organization `name` names (by its exact spelling first), once written."""
    exact = state.exact_organizations.get(name.casefold())
    return exact[0] if exact else state.organizations[organization_key(name)][0]


def write_organizations(
    session: Session,
    state: WorkspaceState,
    report: ImportReport,
    *,
    names: list[str],
    now: datetime,
    run_id: int | None = None,
) -> dict[int, str]:
    """Find or create every organization named (other spellings become aliases), and return
    the name of every organization the workspace holds by id. Those created name the import
    (`run_id`), for undoing it."""
    spellings: dict[str, list[str]] = {}
    exact = state.exact_organizations
    for name in names:
        key = organization_key(name)
        if key and name.casefold() not in exact and name not in spellings.setdefault(key, []):
            spellings[key].append(name)
    new: list[tuple[str, str, list[str]]] = []
    extra: dict[int, list[str]] = {}
    for key, found_names in spellings.items():
        known = state.organizations.get(key)
        if known is None:
            cut = [n[:200] for n in found_names]
            new.append((key, cut[0], cut[1:]))
        else:
            more = [n for n in found_names if n != known[1] and n not in known[2]]
            if more:
                extra[known[0]] = more
    rows = [
        {"workspace_id": state.workspace_id, "name": name, "sort_name": sort_key(name),
         "aliases": aliases, "domains": [], "import_run_id": run_id}
        for _key, name, aliases in new
    ]  # fmt: skip
    ids = insert_returning(session, Organization, rows)
    for (key, name, aliases), org_id in zip(new, ids, strict=True):
        state.organizations[key] = (org_id, name, aliases)
        for spelling in [name, *aliases]:
            exact.setdefault(spelling.casefold(), (org_id, name, aliases))
    insert_search_documents(
        session,
        [
            {"workspace_id": state.workspace_id, "kind": "organization", "record_id": org_id,
             "title": name, "body": organization_body(name=name, aliases=aliases,
                                                      domains=(), location=None)}
            for (_key, name, aliases), org_id in zip(new, ids, strict=True)
        ],
    )  # fmt: skip
    report.organizations_created += len(new)
    if extra:
        alias_rows, document_rows = [], []
        by_id = {v[0]: v for v in state.organizations.values()}
        for org_id, more in extra.items():
            _org_id, name, aliases = by_id[org_id]
            aliases = clean_list([*aliases, *more])
            for spelling in [name, *aliases]:
                state.organizations[organization_key(spelling)] = (org_id, name, aliases)
                exact[spelling.casefold()] = (org_id, name, aliases)
            alias_rows.append({"id": org_id, "aliases": aliases, "updated_at": now})
            document_rows.append((org_id, name, aliases))
        session.execute(update(table_named("organizations")).where(
            table_named("organizations").c.id == bindparam("org_id")
        ).values(aliases=bindparam("new_aliases"), updated_at=bindparam("stamp")),
            [{"org_id": r["id"], "new_aliases": r["aliases"], "stamp": now}
             for r in alias_rows])  # fmt: skip
        _organization_documents(session, document_rows)
    return {
        **state.organization_names,
        **{i: n for i, n, _a in state.organizations.values()},
    }


def drop_unheld(
    session: Session, state: WorkspaceState, report: ImportReport, org_ids: set[int]
) -> None:
    """Delete the organizations among `org_ids`, made by this import, that no job is at:
    named only by jobs it then left off (taken off by hand since the record's last import)."""
    if not org_ids:
        return
    held = set(session.scalars(select(Position.organization_id).where(
        Position.workspace_id == state.workspace_id, Position.organization_id.in_(org_ids)
    )))  # fmt: skip
    unheld = sorted(org_ids - held)
    if not unheld:
        return
    session.execute(delete(SearchDocument).where(
        SearchDocument.workspace_id == state.workspace_id,
        SearchDocument.kind == "organization", SearchDocument.record_id.in_(unheld),
    ))  # fmt: skip
    forget_in_matches(session, state.workspace_id, set(unheld))
    session.execute(delete(Organization).where(Organization.id.in_(unheld)))
    report.organizations_created -= len(unheld)
    for key, (org_id, _name, _aliases) in list(state.organizations.items()):
        if org_id in unheld:
            del state.organizations[key]
    for spelling, (org_id, _name, _aliases) in list(state.exact_organizations.items()):
        if org_id in unheld:
            del state.exact_organizations[spelling]


def _organization_documents(session: Session, rows: list[tuple[int, str, list[str]]]) -> None:
    """Rewrite the search text of organizations that gained aliases (as search does)."""
    ids = {org_id: (name, aliases) for org_id, name, aliases in rows}
    known: dict[int, tuple[int, str | None, list[str]]] = {}
    old: dict[int, tuple[str, str]] = {}
    keys = sorted(ids)
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        statement = (
            select(
                SearchDocument.id,
                SearchDocument.record_id,
                SearchDocument.title,
                SearchDocument.body,
                Organization.location,
                Organization.domains,
            )
            .join(Organization, Organization.id == SearchDocument.record_id)
            .where(SearchDocument.kind == "organization", SearchDocument.record_id.in_(chunk))
        )
        for doc_id, record_id, title, body, location, domains in session.execute(statement):
            known[record_id] = (doc_id, location, domains)
            old[doc_id] = (title, body)
    updates = []
    for org_id, (name, aliases) in ids.items():
        if org_id in known:
            doc_id, location, domains = known[org_id]
            body = organization_body(name=name, aliases=aliases, domains=domains, location=location)
            updates.append({"id": doc_id, "title": name, "body": body})
    update_search_documents(session, updates, old)
