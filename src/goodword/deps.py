"""FastAPI dependencies: one session per request (committed before the response), the workspace."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from goodword.config import Settings
from goodword.db import transaction
from goodword.workspaces import service as workspaces


def _session(request: Request) -> Iterator[Session]:
    with transaction(request.app.state.session_factory) as session:
        yield session


def _workspace_id(session: Annotated[Session, Depends(_session, scope="function")]) -> int:
    # Local mode: the single workspace. Server mode will resolve it from the signed-in account.
    return workspaces.get_or_create(session).id


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


# scope="function": the transaction commits (or rolls back) before the response is sent,
# so a failed commit is reported to the user instead of a false success.
DbSession = Annotated[Session, Depends(_session, scope="function")]
WorkspaceId = Annotated[int, Depends(_workspace_id)]
AppSettings = Annotated[Settings, Depends(_settings)]
get_session = _session
get_workspace_id = _workspace_id
