"""Every model, imported in one place so the metadata is complete (Alembic, tests)."""

from goodword.connections.models import Connection, ConnectionKind
from goodword.db import Base
from goodword.duplicates.models import CandidateStatus, DuplicateCandidate, Merge
from goodword.importers.models import ImportRun
from goodword.interactions.models import (
    Direction,
    Interaction,
    InteractionKind,
    Participant,
    Rapport,
)
from goodword.leads.models import Lead, LeadKind, LeadShare, ShareStatus
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
from goodword.playbooks.models import MessageTemplate
from goodword.references.models import Reference, ReferenceUse, UseStatus
from goodword.referrals.models import AskStatus, ReferralAsk
from goodword.search.models import SearchDocument
from goodword.tasks.models import Task, TaskStatus
from goodword.workspaces.models import Workspace

__all__ = [
    "AskStatus",
    "Base",
    "CandidateStatus",
    "Connection",
    "ConnectionKind",
    "Direction",
    "DuplicateCandidate",
    "ImportRun",
    "Interaction",
    "InteractionKind",
    "Lead",
    "LeadKind",
    "LeadShare",
    "Merge",
    "MessageTemplate",
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
    "Reference",
    "ReferenceUse",
    "ReferralAsk",
    "Route",
    "SearchDocument",
    "ShareStatus",
    "Stage",
    "StageChange",
    "Task",
    "TaskStatus",
    "UseStatus",
    "Workspace",
]
