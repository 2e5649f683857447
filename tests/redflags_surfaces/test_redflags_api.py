"""The red-flag API: check a text, the laws by place, an opportunity's findings."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories as f
from goodword.redflags import all_laws
from goodword.redflags.service import MAX_TEXT
from goodword.workspaces.models import Workspace
from redflags_surfaces.samples import (
    FEDERAL_IN_NEW_YORK,
    NEW_YORK_STATE_AND_CITY,
    NOT_BINDING,
    SCAM_AND_HISTORY,
    SHARED_HELP,
    SHORT_AD_IN_DENVER,
    TODAY,
)


def test_it_checks_a_message_and_returns_findings_with_evidence_and_law(
    client: TestClient,
) -> None:
    response = client.post(
        "/api/v1/check", json={"text": SCAM_AND_HISTORY, "location": "Wilmington, DE"}
    )

    assert response.status_code == 200
    report = response.json()
    assert report["today"] == TODAY.isoformat()
    assert report["place"]["region"] == "DE"
    assert report["worst"] == "critical"
    assert set(report["categories"]) == {"scam", "salary_history"}
    fee = next(x for x in report["findings"] if x["signal"] == "rf-pay-to-get-job")
    quote = fee["evidence"][0]
    assert SCAM_AND_HISTORY[quote["start"] : quote["end"]] == quote["quote"] == "registration fee"
    # The scam's signs share where to report and what to say, given once.
    help_ = (
        fee if fee["shared_help_index"] is None else report["shared_help"][fee["shared_help_index"]]
    )
    assert help_["answers"] and help_["report_to"]
    history = next(x for x in report["findings"] if x["category"] == "salary_history")
    delaware = next(law for law in history["laws"] if law["name"] == "Delaware")
    assert delaware["confirmed"] is False and delaware["source_url"].startswith("http")
    assert report["data_compiled"] == history["data_compiled"]


def test_help_shared_by_several_findings_is_given_once(client: TestClient) -> None:
    report = client.post(
        "/api/v1/check", json={"text": SHARED_HELP, "location": "Denver, CO"}
    ).json()

    findings = report["findings"]
    assert [f["shared_help_index"] for f in findings] == [0, 0, None]
    assert [f["report_to"] for f in findings[:2]] == [[], []]
    assert [f["answers"] for f in findings[:2]] == [[], []]
    [shared] = report["shared_help"]
    assert shared["findings"] == [0, 1]
    assert {c["name"] for c in shared["report_to"]} == {"FTC", "FBI IC3", "BBB Scam Tracker"}
    assert "Stop and report" in [a["label"] for a in shared["answers"]]
    # A finding with its own help keeps it in place.
    history = findings[2]
    assert history["category"] == "salary_history" and history["answers"]
    assert '"Stop and report"' not in str(history)
    assert str(report).count("'Stop and report'") == 1


def test_a_check_without_a_location_reads_it_from_the_text(client: TestClient) -> None:
    text = "What is your current salary?\nLocation: Toronto, ON\n"

    report = client.post("/api/v1/check", json={"text": text, "posting": True}).json()

    assert report["location"] == "Toronto, ON"
    assert report["place"]["city"] == "Toronto"


def test_a_clean_message_has_no_findings(client: TestClient) -> None:
    report = client.post("/api/v1/check", json={"text": "Talk soon!", "location": None}).json()

    assert report["findings"] == [] and report["worst"] is None


def test_empty_text_is_a_422_in_the_stable_error_shape(client: TestClient) -> None:
    for text in ("", "   \n "):
        response = client.post("/api/v1/check", json={"text": text})

        assert response.status_code == 422
        error = response.json()["error"]
        assert error["code"] == "invalid"
        assert [item["field"] for item in error["fields"]] == ["text"]


def test_too_long_text_and_unknown_fields_are_422(client: TestClient) -> None:
    too_long = client.post("/api/v1/check", json={"text": "a" * (MAX_TEXT + 1)})
    unknown = client.post("/api/v1/check", json={"text": "hello", "where": "Berlin"})

    assert too_long.status_code == 422
    assert too_long.json()["error"]["fields"][0]["field"] == "text"
    assert unknown.status_code == 422
    assert unknown.json()["error"]["fields"][0]["field"] == "where"


def test_it_lists_the_laws_that_apply_to_a_place(client: TestClient) -> None:
    data = client.get("/api/v1/laws", params={"where": "New York, NY"}).json()

    assert data["where"] == "New York, NY"
    assert data["place"]["city"] == "New York City"
    assert data["compiled"] and data["caveat"]
    names = {law["name"] for law in data["laws"]}
    assert "New York City" in " ".join(names)
    assert {law["kind"] for law in data["laws"]} == {"salary_history_ban", "pay_transparency"}
    assert all(law["status_text"] for law in data["laws"])


def test_without_a_place_it_lists_every_entry(client: TestClient) -> None:
    data = client.get("/api/v1/laws").json()

    assert data["where"] is None and data["place"] is None
    assert len(data["laws"]) == len(all_laws())
    assert any(law["verified"] is False for law in data["laws"])


def test_each_law_says_how_it_reaches_a_remote_job(client: TestClient) -> None:
    laws = {law["id"]: law for law in client.get("/api/v1/laws").json()["laws"]}

    assert (laws["us-co-pt"]["remote_reach"], laws["us-co-pt"]["remote_tie"]) == ("anywhere", None)
    assert laws["us-ny-pt"]["remote_reach"] == "tied"
    assert "New York" in laws["us-ny-pt"]["remote_tie"]
    assert laws["us-ca-pt"]["remote_reach"] is None


def test_a_place_alone_leaves_out_the_federal_pay_setting_rule(client: TestClient) -> None:
    place = client.get("/api/v1/laws", params={"where": "Denver, CO"}).json()
    every = client.get("/api/v1/laws").json()

    assert "us-federal-opm-shb" not in {law["id"] for law in place["laws"]}
    assert any(note.startswith("Not counted: United States federal") for note in place["notes"])
    federal = next(law for law in every["laws"] if law["id"] == "us-federal-opm-shb")
    assert federal["employer"] == "us_federal" and federal["scope"] == "federal_agencies"
    assert federal["status_text"].startswith("took effect on 2024-04-01")


def test_a_federal_posting_lists_state_and_city_laws_apart_as_not_binding(
    client: TestClient,
) -> None:
    body = {"text": FEDERAL_IN_NEW_YORK, "location": "New York, NY"}

    report = client.post("/api/v1/check", json=body).json()

    history = next(x for x in report["findings"] if x["category"] == "salary_history")
    assert [law["id"] for law in history["laws"]] == ["us-federal-opm-shb"]
    assert [law["id"] for law in report["laws"]["laws"]] == ["us-federal-opm-shb"]
    assert {law["id"] for law in report["laws"]["set_aside"]} == NEW_YORK_STATE_AND_CITY
    assert report["laws"]["set_aside_heading"].startswith("Not binding on a federal employer.")
    assert any(note.startswith(NOT_BINDING) for note in report["notes"])
    # A private employer in the same place is held to them, and nothing is set aside.
    private_text = "Acme Corp is hiring an analyst. What is your current salary?"
    private = client.post("/api/v1/check", json={**body, "text": private_text}).json()
    assert {law["id"] for law in private["laws"]["laws"]} >= NEW_YORK_STATE_AND_CITY
    assert private["laws"]["set_aside"] == [] and private["laws"]["set_aside_heading"] is None


def test_the_laws_for_a_place_and_a_federal_employer_set_the_state_and_city_laws_apart(
    client: TestClient,
) -> None:
    params = {"where": "New York, NY", "employer": "us_federal"}

    data = client.get("/api/v1/laws", params=params).json()
    check = client.post(
        "/api/v1/check", json={"text": FEDERAL_IN_NEW_YORK, "location": "New York, NY"}
    ).json()

    assert data["employer"] == "us_federal"
    assert [law["id"] for law in data["laws"]] == ["us-federal-opm-shb"]
    assert {law["id"] for law in data["set_aside"]} == NEW_YORK_STATE_AND_CITY
    # The same as the check of a federal posting there says.
    assert data["laws"] == check["laws"]["laws"] and data["set_aside"] == check["laws"]["set_aside"]
    assert data["set_aside_heading"] == check["laws"]["set_aside_heading"]
    assert any(note.startswith(NOT_BINDING) for note in data["notes"])
    # For any employer, nothing is set aside.
    place = client.get("/api/v1/laws", params={"where": "New York, NY"}).json()
    assert place["employer"] is None and place["set_aside"] == []
    assert place["set_aside_heading"] is None
    assert {law["id"] for law in place["laws"]} >= NEW_YORK_STATE_AND_CITY
    # Every entry is listed whoever the employer is.
    every = client.get("/api/v1/laws", params={"employer": "us_federal"}).json()
    assert every["employer"] is None and len(every["laws"]) == len(all_laws())
    unknown = client.get("/api/v1/laws", params={**params, "employer": "private"})
    assert unknown.status_code == 422
    assert unknown.json()["error"]["fields"][0]["field"] == "employer"


def test_a_check_cites_sources_for_the_jobs_country(client: TestClient) -> None:
    text = "The take-home project usually takes 3-5 days."
    report = client.post("/api/v1/check", json={"text": text, "location": "Austin, TX"}).json()

    unpaid = next(x for x in report["findings"] if x["category"] == "unpaid_work")
    assert unpaid["sources"]
    assert {source["country"] for source in unpaid["sources"]} <= {None, "US"}


def test_a_check_reads_the_location_from_a_plain_sentence(client: TestClient) -> None:
    text = "What is your current salary? This role is based in Toronto, ON."

    report = client.post("/api/v1/check", json={"text": text, "posting": True}).json()

    assert report["location"] == "Toronto, ON"
    assert report["place"]["region"] == "ON"


def test_an_unknown_place_gets_a_note_and_no_laws(client: TestClient) -> None:
    data = client.get("/api/v1/laws", params={"where": "Atlantis"}).json()

    assert data["laws"] == []
    assert "not recognised" in " ".join(data["notes"])


def test_it_checks_an_opportunitys_posting_with_its_location(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    posting = (
        "Senior Analyst\nWe are hiring a senior analyst to join our finance team. "
        "Responsibilities include reporting. Requirements: 5 years of experience. "
        "Please include your current salary in your application."
    )
    opportunity = f.opportunity(
        session, workspace.id, posting_text=posting, city="Denver", region="CO", country="US"
    )

    response = client.get(f"/api/v1/opportunities/{opportunity.id}/findings")

    assert response.status_code == 200
    data = response.json()
    assert data["opportunity_id"] == opportunity.id
    assert data["location"] == "Denver, CO, US"
    assert data["has_posting_text"] is True
    report = data["report"]
    assert report["place"]["region"] == "CO"
    history = next(x for x in report["findings"] if x["category"] == "salary_history")
    assert any(law["name"] == "Colorado" for law in history["laws"])


def test_an_opportunitys_posting_text_is_a_posting_however_short(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    # One posting marker and no "Competitive salary": the text alone does not read as an ad,
    # but saved as an opportunity's posting it is one, and New York City asks for a range.
    posting = (
        "Data Analyst, Northwind Traders\nNorthwind is hiring a Data Analyst for the finance "
        "group in Manhattan. You will build weekly sales reports in SQL and Tableau."
    )
    opportunity = f.opportunity(
        session, workspace.id, posting_text=posting, city="New York", region="NY", country="US"
    )

    report = client.get(f"/api/v1/opportunities/{opportunity.id}/findings").json()["report"]
    pasted = client.post("/api/v1/check", json={"text": posting, "location": "New York, NY"})

    assert report["is_posting"] is True
    missing = next(x for x in report["findings"] if x["signal"] == "cf-missing-pay-range")
    assert missing["title"] == "No pay range where the law requires one"
    assert any(law["id"] == "us-ny-nyc-pt" for law in missing["laws"])
    assert pasted.json()["is_posting"] is False and pasted.json()["findings"] == []


def test_a_text_over_a_megabyte_is_a_422_naming_the_field(client: TestClient) -> None:
    response = client.post("/api/v1/check", json={"text": "a" * 1_100_000, "location": "Berlin"})

    assert response.status_code == 422
    fields = response.json()["error"]["fields"]
    assert [item["field"] for item in fields] == ["text"]
    assert "100000" in fields[0]["message"] or "100,000" in fields[0]["message"]


def test_an_opportunity_without_posting_text_has_no_report(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    opportunity = f.opportunity(session, workspace.id)

    data = client.get(f"/api/v1/opportunities/{opportunity.id}/findings").json()

    assert data == {
        "opportunity_id": opportunity.id,
        "location": None,
        "has_posting_text": False,
        "report": None,
    }


def test_another_workspaces_opportunity_is_a_404(
    client: TestClient, session: Session, workspace: Workspace, other_workspace: Workspace
) -> None:
    theirs = f.opportunity(session, other_workspace.id, posting_text="What is your salary now?")

    response = client.get(f"/api/v1/opportunities/{theirs.id}/findings")
    missing = client.get("/api/v1/opportunities/999999/findings")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert "salary" not in response.text
    assert missing.status_code == 404


def test_the_openapi_document_describes_the_red_flag_responses(client: TestClient) -> None:
    document = client.get("/api/v1/openapi.json").json()
    paths = document["paths"]

    check = paths["/api/v1/check"]["post"]
    ok = check["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    invalid = check["responses"]["422"]["content"]["application/json"]["schema"]["$ref"]
    assert ok.endswith("/ReportOut") and invalid.endswith("/ErrorResponse")
    laws = paths["/api/v1/laws"]["get"]["responses"]["200"]["content"]["application/json"]
    assert laws["schema"]["$ref"].endswith("/LawsOut")
    findings = paths["/api/v1/opportunities/{opportunity_id}/findings"]["get"]["responses"]
    assert findings["404"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ErrorResponse"
    )
    finding = document["components"]["schemas"]["FindingOut"]["properties"]
    assert {"severity", "evidence", "laws", "answers", "shared_help_index"} <= set(finding)
    assert "shared_help_index" in finding["report_to"]["description"]
    report = document["components"]["schemas"]["ReportOut"]["properties"]
    assert report["shared_help"]["items"]["$ref"].endswith("/SharedHelpOut")


def test_posting_true_checks_a_short_ad_for_its_pay_range(client: TestClient) -> None:
    guessed = client.post("/api/v1/check", json={"text": SHORT_AD_IN_DENVER}).json()
    said = client.post("/api/v1/check", json={"text": SHORT_AD_IN_DENVER, "posting": True}).json()

    assert guessed["is_posting"] is False
    assert any("read as a message" in note for note in guessed["notes"])
    assert said["is_posting"] is True
    assert "cf-missing-pay-range" in {f["signal"] for f in said["findings"]}


def test_a_salary_question_with_no_place_says_to_give_it_as_location(client: TestClient) -> None:
    report = client.post("/api/v1/check", json={"text": "What is your current salary?"}).json()

    [history] = [x for x in report["findings"] if x["category"] == "salary_history"]
    assert "Where the job is was not given" in history["explanation"]
    assert 'give it as "location"' in history["explanation"]
    assert 'give it as "location"' in history["verdict"]


def test_an_opportunity_with_no_place_says_to_give_it_its_city_and_country(
    client: TestClient, session: Session, workspace: Workspace
) -> None:
    opportunity = f.opportunity(
        session, workspace.id, posting_text="Analyst. What is your current salary?"
    )

    report = client.get(f"/api/v1/opportunities/{opportunity.id}/findings").json()["report"]

    [history] = [x for x in report["findings"] if x["category"] == "salary_history"]
    assert "give the opportunity its city and country" in history["explanation"]
    assert '"location"' not in history["explanation"]


def test_a_findings_law_is_in_its_laws_not_again_in_its_explanation(client: TestClient) -> None:
    text = SHORT_AD_IN_DENVER + "What is your current salary?\n"
    report = client.post("/api/v1/check", json={"text": text, "posting": True}).json()

    assert len(report["findings"]) == 2
    for finding in report["findings"]:
        [law] = [x for x in finding["laws"] if x["name"] == "Colorado"]
        assert law["citation"] and law["summary"]
        assert law["citation"] not in finding["explanation"]
        assert law["citation"] not in (finding["verdict"] or "")
