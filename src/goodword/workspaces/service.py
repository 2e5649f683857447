"""Workspaces. Local mode has one, `local`; server mode will have one per seeker."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.workspaces.models import Workspace

LOCAL_SLUG = "local"


def get_or_create(
    session: Session,
    *,
    slug: str = LOCAL_SLUG,
    name: str = "My job search",
    phone_region: str | None = None,
) -> Workspace:
    """Return the workspace with this slug, creating it on first use.

    `phone_region`, when given, becomes the region for numbers written without a country code.
    """
    workspace = session.scalar(select(Workspace).where(Workspace.slug == slug))
    if workspace is None:
        workspace = Workspace(slug=slug, name=name, phone_region=(phone_region or "US").upper())
        session.add(workspace)
        session.flush()
    elif phone_region and workspace.phone_region != phone_region.upper():
        workspace.phone_region = phone_region.upper()
        session.flush()
    return workspace
