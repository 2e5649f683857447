"""What an opportunity added, moved or edited answers with, through the API and with
`goodword opportunity add|edit|move --json`: the opportunity, what its change of stage set
off, and whether its organization was new."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import Field

from goodword.network.schemas import BlindWarningRead, warning_read
from goodword.opportunities import service
from goodword.opportunities.schemas import OpportunityRead
from goodword.organizations.models import Organization
from goodword.organizations.schemas import NearOrganization
from goodword.playbooks import engine
from goodword.playbooks.events import Moved
from goodword.playbooks.schemas import PlaybookResultRead


class StageMoveRead(OpportunityRead):
    """The added, moved or edited opportunity, and what its change of stage's playbook did
    (null when the stage did not change or none ran; an opportunity added starts at its stage
    as if it had moved there).

    `warning` is set when the move to applied has no introduction or referral on record.
    """

    playbook: PlaybookResultRead | None = None
    warning: BlindWarningRead | None = None
    organization_added: bool = Field(
        default=False,
        description="Whether organization_name named no organization, so one was added.",
    )
    did_you_mean: list[NearOrganization] = Field(
        default_factory=list,
        description="For an organization added: those whose names are very close to its name "
        "(a typo?). Give one's id as organization_id to use it instead.",
    )


def moved_read(moved: Moved, near: Sequence[Organization] | None = None) -> StageMoveRead:
    """`near`: `organizations.new_name` of the organization given, asked before saving."""
    read = service.to_read(moved.opportunity)
    return StageMoveRead(
        **read.model_dump(),
        playbook=engine.to_read(moved.outcome) if moved.outcome is not None else None,
        warning=warning_read(moved.warning),
        organization_added=near is not None,
        did_you_mean=[NearOrganization(id=o.id, name=o.name) for o in near or []],
    )
