"""The "Check a message" and "Pay laws" pages, and the findings partial an opportunity shows."""

from __future__ import annotations

import html
import random
import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

import factories as f
from factories import LOCAL
from goodword.redflags import all_laws, views
from goodword.redflags.service import MAX_TEXT, findings_for_opportunity, opportunity_location
from goodword.workspaces.models import Workspace
from redflags_surfaces.samples import (
    EML,
    FEDERAL_IN_NEW_YORK,
    NOT_BINDING,
    SCAM_AND_HISTORY,
    SHORT_AD_IN_DENVER,
    TODAY,
)

HTMX = {"HX-Request": "true"}


def _highlighted(page: str) -> str:
    found = re.search(r'<div class="rf-text"[^>]*>(.*?)</div>', page, flags=re.S)
    assert found, "no highlighted text on the page"
    return found.group(1)


def test_the_page_offers_a_form_that_works_without_javascript(client: TestClient) -> None:
    page = client.get("/check")

    assert page.status_code == 200
    assert '<form class="check-form" method="post" action="/check"' in page.text
    assert 'enctype="multipart/form-data"' in page.text
    assert 'hx-post="/check" hx-target="#check-results"' in page.text
    assert 'name="text"' in page.text and 'name="location"' in page.text
    assert 'name="message_file" type="file"' in page.text
    assert '<a href="/check" aria-current="page">Check a message</a>' in page.text


def test_posting_a_message_marks_the_evidence_in_the_text(client: TestClient) -> None:
    page = client.post("/check", data={"text": SCAM_AND_HISTORY, "location": "Wilmington, DE"})

    assert page.status_code == 200
    marked = _highlighted(page.text)
    assert re.findall(r"<mark [^>]*>(.*?)</mark>", marked) == [
        "you have been selected for",
        "registration fee",
        "your current salary",
    ]
    assert "<html" in page.text and "3 red flags" in page.text
    assert '<span class="rf-badge sev-critical">Critical</span>' in page.text
    assert "Where the job is: Wilmington, DE, United States." in page.text
    assert f'<time datetime="{TODAY.isoformat()}">' in page.text
    # The law, its source and its unconfirmed status; a reply ready to copy.
    assert "<strong>Delaware</strong>" in page.text
    assert re.search(r"<strong>Delaware</strong>\s*<span class=\"rf-unconfirmed\"", page.text)
    assert 'rel="noopener noreferrer" target="_blank">Source</a>' in page.text
    assert "Decline and give your expectations" in page.text
    assert 'class="secondary small rf-copy" data-copy="rf-answer-' in page.text
    assert '<script src="/static/copy-answers.js"></script>' in page.text
    # What was pasted is kept in the box.
    assert "Also, what is your current salary?" in page.text


def test_a_federal_posting_shows_state_and_city_laws_only_as_not_binding(
    client: TestClient,
) -> None:
    page = client.post("/check", data={"text": FEDERAL_IN_NEW_YORK, "location": "New York, NY"})

    assert page.status_code == 200
    laws = re.findall(r"<li><strong>(.*?)</strong>", page.text)
    assert laws == ["United States federal government (OPM pay-setting rule)"]
    notes = re.search(r'<ul class="rf-notes[^"]*">(.*?)</ul>', page.text, flags=re.S)
    assert notes is not None and NOT_BINDING in notes.group(1)


OPM_RULE = "United States federal government (OPM pay-setting rule)"


def _pay_laws_link(page: str) -> tuple[str, str]:
    found = re.search(r'<a href="(/laws[^"]*)">(See the pay laws[^<]*)</a>', page)
    assert found, "no link to the pay laws on the page"
    return found.group(1).replace("&amp;", "&"), found.group(2)


def _law_names(html: str) -> list[str]:
    return re.findall(r"<td><strong>(.*?)</strong>", html)


def test_a_federal_postings_link_to_the_pay_laws_keeps_the_state_laws_apart(
    client: TestClient,
) -> None:
    page = client.post("/check", data={"text": FEDERAL_IN_NEW_YORK, "location": "New York, NY"})
    href, words = _pay_laws_link(page.text)

    assert href == "/laws?where=New%20York%2C%20NY&employer=us_federal"
    assert words == "See the pay laws for this place and a US federal employer"
    laws = client.get(href)
    assert laws.status_code == 200
    assert "What applies in New York City, NY, United States to a US federal agency" in laws.text
    applies, _, apart = laws.text.partition('<h3 id="rf-set-aside">')
    # What applies is what the check applied; the state and city laws are listed apart,
    # under the note the check page shows.
    assert _law_names(applies) == [OPM_RULE]
    assert apart.startswith("Not binding on a federal employer (4)</h3>")
    assert _law_names(apart) == [
        "New York (State)",
        "New York City, NY",
        "New York (State)",
        "New York City, NY",
    ]
    notes = re.search(r'<ul class="rf-laws">(.*?)</ul>', applies, flags=re.S)
    assert notes is not None and NOT_BINDING in notes.group(1)
    assert '<option value="us_federal" selected>A US federal agency</option>' in laws.text
    assert 'href="/api/v1/laws?where=New%20York%2C%20NY&amp;employer=us_federal"' in laws.text


def test_a_private_postings_link_to_the_pay_laws_is_for_any_employer(
    client: TestClient,
) -> None:
    text = "Acme Corp is hiring an analyst. What is your current salary?"
    page = client.post("/check", data={"text": text, "location": "New York, NY"})
    href, words = _pay_laws_link(page.text)

    assert (href, words) == ("/laws?where=New%20York%2C%20NY", "See the pay laws for this place")
    laws = client.get(href)
    assert "rf-set-aside" not in laws.text
    assert OPM_RULE not in _law_names(laws.text)

    assert "New York City, NY" in _law_names(laws.text)
    assert '<option value="" selected>Any employer</option>' in laws.text


def test_the_laws_page_refuses_an_employer_it_does_not_know(client: TestClient) -> None:
    page = client.get("/laws", params={"where": "New York, NY", "employer": "us_state"})

    assert page.status_code == 422
    assert "employer" in page.text


def test_pasted_markup_is_shown_as_text_never_run(client: TestClient) -> None:
    text = "<script>alert(1)</script> Pay the $40 registration fee <b>now</b>."

    page = client.post("/check", data={"text": text})

    marked = _highlighted(page.text)
    assert marked.startswith("&lt;script&gt;alert(1)&lt;/script&gt; Pay the $40 <mark")
    assert "&lt;b&gt;now&lt;/b&gt;" in marked
    assert "<script>alert(1)" not in page.text


def test_htmx_gets_only_the_results_partial(client: TestClient) -> None:
    response = client.post("/check", data={"text": SCAM_AND_HISTORY}, headers=HTMX)
    # The page that asked has the stylesheet in its head already.
    assert "<link" not in response.text

    assert response.status_code == 200
    assert response.headers["Vary"] == "HX-Request"
    assert "<html" not in response.text
    assert response.text.lstrip().startswith('<div id="check-results"')
    assert "<mark" in response.text and "Suggested answers" in response.text


def test_an_empty_post_is_a_422_with_an_inline_message(client: TestClient) -> None:
    page = client.post("/check", data={"text": "  ", "location": "Berlin"})
    fragment = client.post("/check", data={"text": ""}, headers=HTMX)

    assert page.status_code == 422
    assert '<p class="error" id="e-text">Paste a job posting or a message' in page.text
    assert 'value="Berlin"' in page.text
    assert fragment.status_code == 422
    assert 'role="alert"' in fragment.text and "Nothing was checked" in fragment.text


def test_too_long_a_text_is_refused_with_its_length(client: TestClient) -> None:
    page = client.post("/check", data={"text": "a" * (MAX_TEXT + 5)})

    assert page.status_code == 422
    assert "100,005 characters long" in page.text


def test_a_text_over_a_megabyte_is_refused_in_our_words_keeping_the_location(
    client: TestClient,
) -> None:
    # Starlette's form parser refuses a field over 1 MB in its own words ("Field exceeded
    # maximum size of 1024KB.") and loses the form; the check page reads it and says why.
    big = "Northwind is hiring. " * 55_000
    assert len(big.encode()) > 1024 * 1024
    files = {"message_file": ("", b"", "application/octet-stream")}

    page = client.post("/check", data={"text": big, "location": "New York, NY"}, files=files)
    fragment = client.post("/check", data={"text": big}, files=files, headers=HTMX)

    assert page.status_code == 422
    assert "Something went wrong" not in page.text and "1024KB" not in page.text
    assert (
        f'<p class="error" id="e-text">The text is {len(big):,} characters long, too long to '
        "check or to keep here; Goodword checks up to 100,000 characters. Paste just the posting "
        "or the message that matters.</p>"
    ) in page.text
    assert 'value="New York, NY"' in page.text
    assert "Northwind is hiring" not in page.text
    assert fragment.status_code == 422 and "Nothing was checked" in fragment.text
    assert f"The text is {len(big):,} characters long" in fragment.text


def test_a_text_the_form_parser_cannot_hold_is_refused_in_our_words(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Past the most the page reads (10 MB), the parser's refusal is caught and said plainly.
    monkeypatch.setattr(views, "MAX_FIELD_BYTES", 1000)
    files = {"message_file": ("", b"", "application/octet-stream")}

    page = client.post("/check", data={"text": "a" * 2000, "location": "Berlin"}, files=files)

    assert page.status_code == 422
    assert "Field exceeded" not in page.text and "Part exceeded" not in page.text
    assert (
        '<p class="error" id="e-text">The text is over 0.001 MB, too long to check or to keep '
        "here; Goodword checks up to 100,000 characters."
    ) in page.text


def test_a_saved_email_upload_is_checked_instead_of_the_box(client: TestClient) -> None:
    files = {"message_file": (EML.name, EML.read_bytes(), "message/rfc822")}

    page = client.post("/check", data={"text": "", "location": ""}, files=files)

    assert page.status_code == 200
    marked = _highlighted(page.text)
    assert "<mark" in marked and "hiring.dept.jobs@gmail.com</mark>" in marked
    assert "Subject: Remote package coordinator" in marked


def test_a_file_that_is_not_text_is_refused_by_name(client: TestClient) -> None:
    files = {"message_file": ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")}

    page = client.post("/check", data={"text": ""}, files=files)

    assert page.status_code == 422
    assert '<p class="error" id="e-message_file">photo.png is not a text file' in page.text


def test_a_binary_file_named_eml_is_refused_not_shown(client: TestClient) -> None:
    noise = random.Random(7).randbytes(3000)
    files = {"message_file": ("bin.eml", noise, "message/rfc822")}

    page = client.post("/check", data={"text": ""}, files=files)

    assert page.status_code == 422
    assert '<p class="error" id="e-message_file">bin.eml is not a text file' in page.text
    assert 'class="rf-text"' not in page.text


def test_the_laws_page_lists_what_applies_where(client: TestClient) -> None:
    page = client.get("/laws", params={"where": "Wilmington, DE"})

    assert page.status_code == 200
    assert "What applies in Wilmington, DE, United States" in page.text
    assert re.search(r"<strong>Delaware</strong><br><span class=\"rf-unconfirmed\"", page.text)
    assert f'Law data compiled <time datetime="{TODAY.isoformat()}">' in page.text
    assert 'value="Wilmington, DE"' in page.text


def test_the_laws_page_lists_every_entry_without_a_place(client: TestClient) -> None:
    page = client.get("/laws")

    assert page.status_code == 200
    assert f"Every entry ({len(all_laws())})" in page.text
    assert page.text.count("<tr>") == len(all_laws()) + 1


def test_an_opportunitys_posting_is_checked_with_its_location(
    app: FastAPI, session: Session, workspace: Workspace
) -> None:
    posting = "Analyst, finance team.\nPlease include your current salary in your application."
    opportunity = f.opportunity(
        session, workspace.id, posting_text=posting, city="Wilmington", region="DE"
    )
    bare = f.opportunity(session, workspace.id, role_title="Designer")

    checked = findings_for_opportunity(opportunity, today=TODAY)

    assert opportunity_location(opportunity) == "Wilmington, DE"
    assert checked is not None and checked.report.place.region == "DE"
    assert findings_for_opportunity(bare, today=TODAY) is None
    partial = app.state.templates.get_template("redflags/_findings.html")
    shown = partial.render(checked=checked, findings_heading="Red flags in the posting")
    assert '<h2 id="rf-heading" tabindex="-1" data-focus>Red flags in the posting</h2>' in shown
    assert "<mark" in shown and "rf-unconfirmed" in shown
    none_yet = partial.render(checked=None, opportunity=bare)
    assert "No posting text is saved for this opportunity" in none_yet
    session.flush()
    with TestClient(app, base_url=LOCAL) as client:
        page = client.get(f"/opportunities/{opportunity.id}")
    head, _, body = page.text.partition("</head>")
    assert '<link rel="stylesheet" href="/static/redflags.css">' in head
    assert "redflags.css" not in body and "Red flags in the posting" in body


def test_an_opportunitys_pay_range_on_record_is_named_beside_the_postings_missing_one(
    session: Session, workspace: Workspace
) -> None:
    posting = (
        "Data Analyst\nResponsibilities: build reports.\nRequirements: SQL.\n"
        "Benefits: health insurance.\nWe offer a competitive salary."
    )
    opportunity = f.opportunity(
        session,
        workspace.id,
        posting_text=posting,
        city="Denver",
        region="CO",
        pay_min="90000",
        pay_max="110000",
        pay_currency="USD",
        pay_period="year",
    )

    checked = findings_for_opportunity(opportunity, today=TODAY)

    assert checked is not None
    finding = next(x for x in checked.report.findings if x.signal == "cf-missing-pay-range")
    assert finding.title == "Pay range on record here, but not in the posting"
    assert "($90,000 to $110,000 a year) is not in the posting text" in finding.explanation


MANY_SCAM_SIGNS = (
    "From: talent.team.hiring@gmail.com\n"
    "Congratulations, you have been selected for the remote data entry role! To start, pay the "
    "$85 registration fee for your training kit. Interview over Telegram. Send a copy of your "
    "passport.\n"
)


def test_where_to_report_and_the_answers_several_findings_share_are_shown_once(
    client: TestClient,
) -> None:
    page = client.post("/check", data={"text": MANY_SCAM_SIGNS}, headers=HTMX).text

    assert page.count('<h3><span class="rf-badge') >= 4
    assert page.count("<h4>Where to report it</h4>") == 1
    assert page.count("<h4>Suggested answers</h4>") == 1
    assert page.count(">Stop and report</p>") == 1
    assert page.count('href="#rf-shared-1">Where to report it and suggested answers</a>') >= 4
    shared = page[page.index('id="rf-shared-1"') :]
    assert "Where to report it and what to say" in shared and "FTC" in shared


def test_a_findings_own_answers_stay_with_it(client: TestClient) -> None:
    page = client.post("/check", data={"text": SCAM_AND_HISTORY}, headers=HTMX).text

    history = page[page.index('<li class="card rf-finding sev-medium">') :]
    history = history[: history.index("</li>")]
    assert "<h4>Suggested answers</h4>" in history and "rf-shared" not in history
    assert "The same for these findings: “You are asked to pay before you can start”;" in page


def test_a_text_with_no_place_links_to_the_pay_laws_by_place(client: TestClient) -> None:
    page = client.post("/check", data={"text": "What is your current salary?"})
    assert _pay_laws_link(page.text) == ("/laws", "See the pay laws by place")


def test_a_remote_us_posting_without_a_range_shows_the_laws_that_likely_reach_it(
    client: TestClient,
) -> None:
    text = (
        "Support Engineer\nAbout the role: help our customers.\nResponsibilities: answer tickets.\n"
        "Requirements: 2+ years of support.\nCompensation: competitive.\nApply now!"
    )
    page = client.post("/check", data={"text": text, "location": "Remote (US)"})

    assert page.status_code == 200
    assert "No pay range, though the job can be done from a state that requires one" in page.text
    assert "<h4>The laws that likely reach this remote job</h4>" in page.text
    laws = page.text.partition("<h4>The laws that likely reach this remote job</h4>")[2]
    names = re.findall(r"<li><strong>(.*?)</strong>", laws.partition("</ul>")[0])
    assert names == ["Colorado", "Illinois", "New York (State)", "Vermont"]
    assert 'rel="noopener noreferrer" target="_blank">Source</a>' in laws


def test_ticking_this_is_a_job_posting_checks_a_short_ad_for_its_pay_range(
    client: TestClient,
) -> None:
    guessed = client.post("/check", data={"text": SHORT_AD_IN_DENVER})
    ticked = client.post("/check", data={"text": SHORT_AD_IN_DENVER, "posting": "1"})

    assert "This was read as a message, not a job posting" in guessed.text
    # Said in the page's words: its box, not the command line's option or the API's field.
    assert (
        "If it is a posting, say so (tick “This is a job posting”) and check it again."
        in html.unescape(guessed.text)
    )
    assert "--posting" not in guessed.text and "in the API" not in guessed.text
    assert 'name="posting" type="checkbox" value="1" >' in guessed.text
    assert ticked.status_code == 200
    assert "No pay range where the law requires one" not in guessed.text
    assert "No pay range where the law requires one" in ticked.text
    assert "This was read as a message" not in ticked.text
    # The box stays ticked for the next check.
    assert 'name="posting" type="checkbox" value="1" checked>' in ticked.text


def test_a_salary_question_with_no_place_says_to_give_it_in_the_pages_field(
    client: TestClient,
) -> None:
    page = html.unescape(client.post("/check", data={"text": "What is your current salary?"}).text)

    assert "Where the job is was not given" in page
    assert "give it in “Where the job is”" in page
    assert 'as "location"' not in page and "--where" not in page


def test_a_findings_law_is_listed_once_under_it_not_again_in_its_explanation(
    client: TestClient,
) -> None:
    text = SHORT_AD_IN_DENVER + "What is your current salary?\n"
    page = html.unescape(client.post("/check", data={"text": text, "posting": "on"}).text)

    assert page.count("The law where the job is") == 2
    assert page.count("Equal Pay for Equal Work Act, Part 2") == 1  # (pay ranges)
    assert page.count("wage-history provision in § 8-5-102") == 1  # (pay history)
