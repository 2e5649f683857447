"""Every model, imported in one place so the metadata is complete (Alembic, tests)."""

from goodword.connections.models import Connection, ConnectionKind
from goodword.db import Base
from goodword.duplicates.models import CandidateStatus, DuplicateCandidate, Merge
from goodword.interactions.models import (
    Direction,
    Interaction,
    InteractionKind,
    Participant,
    Rapport,
)
from goodword.opportunities.models import Opportunity, PayPeriod, Route, Stage, StageChange
from goodword.organizations.models import Organization
from goodword.people.models import (
    Person,
    PersonEmail,
    PersonPhone,
    PersonSource,
    PersonUrl,
    Position,
)
from goodword.search.models import SearchDocument
from goodword.tasks.models import Task, TaskStatus
from goodword.workspaces.models import Workspace

__all__ = [
    "Base",
    "CandidateStatus",
    "Connection",
    "ConnectionKind",
    "Direction",
    "DuplicateCandidate",
    "Interaction",
    "InteractionKind",
    "Merge",
    "Opportunity",
    "Organization",
    "Participant",
    "PayPeriod",
    "Person",
    "PersonEmail",
    "PersonPhone",
    "PersonSource",
    "PersonUrl",
    "Position",
    "Rapport",
    "Route",
    "SearchDocument",
    "Stage",
    "StageChange",
    "Task",
    "TaskStatus",
    "Workspace",
]
