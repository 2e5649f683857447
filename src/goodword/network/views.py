"""Warm-path pages: the path finder, the "ways in" panel, and the network around a person.

What they share with the API and the CLI lives in `queries.py`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from goodword.deps import DbSession, WorkspaceId
from goodword.errors import FieldError, InvalidInput, NotFound
from goodword.network.queries import (
    BlindWarning,
    DraftMessage,
    PathQuery,
    blind_warning,
    drafts,
    ego_network,
    find,
    read_query,
)
from goodword.network.service import SnapshotCache, WaysIn
from goodword.network.strength import StrengthModel, model_from_settings
from goodword.opportunities import service as opportunities
from goodword.organizations import service as organizations
from goodword.pages import form_errors, is_htmx, render
from goodword.people import service as people
from goodword.pickers import opportunity_choices, organization_names, person_choices
from goodword.playbooks import sender

router = APIRouter()

PANEL_WAYS = 3
QUERY_FIELDS = (
    "to_person_id",
    "to_organization",
    "department",
    "opportunity_id",
    "from_person_id",
    "k",
)
# The finder's words for what the API and the CLI say by field.
REWRITE = {
    "target": "Choose a person, an organization or an opportunity (just one).",
    "k": "Give a whole number from 1 to 50.",
    "No person is marked as you.": (
        'No person is marked as you: choose whom to start from, or tick "This is me" on your '
        "own person page."
    ),
}


def cache_of(request: Request) -> SnapshotCache:
    """The app's snapshot cache: one per app, reused until the workspace's data changes."""
    cache = getattr(request.app.state, "ways_in_cache", None)
    if cache is None:
        cache = SnapshotCache()
        request.app.state.ways_in_cache = cache
    return cache


def model_of(request: Request) -> StrengthModel:
    """The strength model as the app's settings tune it."""
    return model_from_settings(request.app.state.settings)


def _targets(session: Session, workspace_id: int) -> dict[str, Any]:
    return {
        "people": person_choices(session, workspace_id=workspace_id),
        "organization_names": organization_names(session, workspace_id=workspace_id),
        "opportunities": opportunity_choices(session, workspace_id=workspace_id),
    }


@router.get("/paths", response_class=HTMLResponse)
def path_finder(request: Request, session: DbSession, workspace_id: WorkspaceId) -> HTMLResponse:
    """Choose a target; see the ranked ways in, each explained, with its first ask."""
    values = {name: request.query_params.get(name, "") for name in QUERY_FIELDS}
    # The form sends all its fields: a search without a target is a mistake to point out,
    # while the bare page (no fields) is the blank form.
    searched = any(name in request.query_params for name in QUERY_FIELDS)
    errors: dict[str, str] = {}
    found: WaysIn | None = None
    messages: list[DraftMessage] = []
    suggestions: list[tuple[str, str]] = []
    status = 200
    try:
        query = read_query(values)
        if query.has_target or searched:
            found = find(
                session,
                workspace_id=workspace_id,
                query=query,
                cache=cache_of(request),
                model=model_of(request),
            )
            ways = found.paths or [p.way_in for p in found.entry_points]
            messages = drafts(session, workspace_id=workspace_id, ways=ways)
    except InvalidInput as error:
        errors = form_errors(error, fields=(*QUERY_FIELDS, "target"), rewrite=REWRITE)
        status = 422
    except NotFound as error:
        if error.kind != "organization" or not values["to_organization"]:
            raise
        errors = {"to_organization": error.message}  # shown beside the field, the form kept
        status = 404
        typed = values["to_organization"].strip()
        near = organizations.similar(session, workspace_id=workspace_id, name=typed)
        if near:  # said with a link to each, to search again for it
            errors = {"to_organization": organizations.no_organization_called(typed)}
            kept = {name: value for name, value in values.items() if value}
            suggestions = [
                (o.name, "/paths?" + urlencode(kept | {"to_organization": o.name})) for o in near
            ]
    return render(
        request,
        "network/paths.html",
        {
            "values": values,
            "errors": errors,
            "found": found,
            "drafts": messages,
            "eml_from_note": sender.note(session, workspace_id=workspace_id),
            "organization_suggestions": suggestions,
            **_targets(session, workspace_id),
        },
        status_code=status,
    )


@router.get("/ways-in/panel", response_class=HTMLResponse)
def panel(
    request: Request,
    session: DbSession,
    workspace_id: WorkspaceId,
    person_id: int | None = None,
    organization_id: int | None = None,
    opportunity_id: int | None = None,
) -> HTMLResponse:
    """The "ways in" panel for a person, organization or opportunity page (loaded by HTMX)."""
    given = [x for x in (person_id, organization_id, opportunity_id) if x is not None]
    if len(given) != 1:
        raise InvalidInput(
            "Say which record the panel is for: one person, organization or opportunity.",
            fields=[FieldError("target", "Give exactly one of the three.")],
        )
    warning: BlindWarning | None = None
    if opportunity_id is not None:
        opportunity = opportunities.get(
            session, workspace_id=workspace_id, opportunity_id=opportunity_id
        )
        query = PathQuery(opportunity_id=opportunity.id)
        target = (
            opportunity.hiring_manager.display_name
            if opportunity.hiring_manager
            else opportunity.organization.name
        )
        warning = blind_warning(
            session,
            workspace_id=workspace_id,
            opportunity=opportunity,
            cache=cache_of(request),
            model=model_of(request),
        )
    elif organization_id is not None:
        organization = organizations.get(
            session, workspace_id=workspace_id, organization_id=organization_id
        )
        query = PathQuery(to_organization=organization.name)
        target = organization.name
    else:
        assert person_id is not None
        person = people.get(session, workspace_id=workspace_id, person_id=person_id)
        query = PathQuery(to_person_id=person.id)
        target = person.display_name
        if person.is_me:
            return _panel(request, {"is_me": True, "person": person})
    found: WaysIn | None = None
    problem: str | None = None
    try:
        found = find(
            session,
            workspace_id=workspace_id,
            query=replace(query, k=PANEL_WAYS),
            cache=cache_of(request),
            model=model_of(request),
        )
    except InvalidInput as error:
        problem = error.message
    return _panel(
        request,
        {
            "found": found,
            "problem": problem,
            "target": target,
            "finder_url": query.url(),
            "warning": warning,
        },
    )


def _panel(request: Request, context: dict[str, Any]) -> HTMLResponse:
    template = "network/_panel.html" if is_htmx(request) else "network/panel.html"
    return render(request, template, context, vary_on_htmx=True)


@router.get("/people/{person_id}/network", response_class=HTMLResponse)
def network_page(
    request: Request, person_id: int, session: DbSession, workspace_id: WorkspaceId
) -> HTMLResponse:
    """The person's ties drawn as a network (strength as line weight), with a plain list too."""
    ego = ego_network(
        session,
        workspace_id=workspace_id,
        person_id=person_id,
        among=False,
        cache=cache_of(request),
        model=model_of(request),
    )
    names = {node.id: node for node in ego.nodes}
    # Paths start from the user, so there are no "ways in" to the user's own record.
    me = people.get_me(session, workspace_id=workspace_id)
    is_me = me is not None and me.id == ego.person.id
    return render(request, "network/network.html", {"ego": ego, "names": names, "is_me": is_me})
