"""What a job, an opportunity and a lead saved with a new organization answer with: one
shape, organization_added and did_you_mean last (after what each adds of its own)."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from goodword.leads.schemas import LeadRead, LeadSaved
from goodword.opportunities.moves import StageMoveRead
from goodword.opportunities.schemas import OpportunityRead
from goodword.people.schemas import PositionRead, PositionSaved

ADDED = ["organization_added", "did_you_mean"]


@pytest.mark.parametrize(
    ("saved", "read", "own"),
    [
        (PositionSaved, PositionRead, []),
        (LeadSaved, LeadRead, []),
        (StageMoveRead, OpportunityRead, ["playbook", "warning"]),
    ],
)
def test_a_record_saved_answers_with_its_fields_then_whether_its_organization_was_added(
    saved: type[BaseModel], read: type[BaseModel], own: list[str]
) -> None:
    assert list(saved.model_fields) == [*read.model_fields, *own, *ADDED]
    properties = saved.model_json_schema()["properties"]
    assert properties["organization_added"] == {
        "default": False,
        "description": "Whether organization_name named no organization, so one was added.",
        "title": "Organization Added",
        "type": "boolean",
    }
    assert properties["did_you_mean"]["type"] == "array"
    assert properties["did_you_mean"]["items"] == {"$ref": "#/$defs/NearOrganization"}
    assert "organization_id" in properties["did_you_mean"]["description"]
