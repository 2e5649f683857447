"""A sentence that ends with a name ending in a full stop ("Reddit, Inc.", "Carlos R.")
ends with that one full stop, not two: drafts, flashes and pages."""

from __future__ import annotations

from fastapi.testclient import TestClient

from goodword.network.wording import Named, first_ask, introduce, subject_for
from goodword.workspaces.models import Workspace

ME = Named("Ada Byron", "Ada")
INC = Named("Carlos R.", "Carlos", "Engineer", "Reddit, Inc.")


def test_a_drafted_ask_ends_an_organization_ending_in_a_full_stop_once() -> None:
    subject = subject_for(role_title="Analyst", organization="Reddit, Inc.")
    for chain in ([INC], [Named("Bo Jensen", "Bo"), INC], [Named("Bo"), Named("Cy"), INC]):
        ask, draft = first_ask(chain, me=ME, subject=subject)
        assert ".." not in ask and ".." not in draft
        assert "Reddit, Inc." in ask + draft
    for chain in ([INC], [Named("Bo Jensen", "Bo"), INC]):
        ask, draft, _ = introduce(Named("Dee Fox", "Dee"), chain, me=ME, subject=subject)
        assert ".." not in ask and ".." not in draft
    ask, draft = first_ask([Named("Carlos R.", "Carlos")], me=ME, subject="a change of job")
    assert ask.endswith("about a change of job.")
    ask, _ = first_ask([Named("Bo Jensen", "Bo"), Named("Carlos R.")], me=ME, subject="x")
    assert ask == "Ask Bo Jensen to introduce you to Carlos R."


def test_adding_a_person_or_an_organization_ending_in_a_full_stop_says_it_once(
    client: TestClient, workspace: Workspace
) -> None:
    page = client.post("/people", data={"display_name": "Carlos R."})
    assert "Added Carlos R." in page.text and "Carlos R.." not in page.text
    assert "No open tasks about Carlos R." in page.text
    page = client.post("/organizations", data={"name": "Reddit, Inc."})
    assert "Added Reddit, Inc." in page.text and "Inc.." not in page.text
    assert "No opportunities at Reddit, Inc." in page.text
