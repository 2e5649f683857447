"""What an opportunity added, moved or edited answers with, through the API and with
`goodword opportunity add|edit|move --json`: the opportunity, what its change of stage set
off, and whether its organization was new."""

from __future__ import annotations

from collections.abc import Sequence

from goodword.network.schemas import BlindWarningRead, warning_read
from goodword.opportunities import service
from goodword.opportunities.schemas import OpportunityRead
from goodword.organizations.models import Organization
from goodword.organizations.schemas import OrganizationAdded, organization_added
from goodword.playbooks import engine
from goodword.playbooks.events import Moved
from goodword.playbooks.schemas import PlaybookResultRead


class StageMoved(OpportunityRead):
    """The opportunity, and what its change of stage set off."""

    playbook: PlaybookResultRead | None = None
    warning: BlindWarningRead | None = None


class StageMoveRead(OrganizationAdded, StageMoved):
    """The added, moved or edited opportunity, and what its change of stage's playbook did
    (null when the stage did not change or none ran; an opportunity added starts at its stage
    as if it had moved there).

    `warning` is set when the move to applied has no introduction or referral on record.
    """


def moved_read(moved: Moved, near: Sequence[Organization] | None = None) -> StageMoveRead:
    """`near`: `organizations.new_name` of the organization given, asked before saving."""
    read = service.to_read(moved.opportunity)
    return StageMoveRead(
        **read.model_dump(),
        playbook=engine.to_read(moved.outcome) if moved.outcome is not None else None,
        warning=warning_read(moved.warning),
        **organization_added(near),
    )
