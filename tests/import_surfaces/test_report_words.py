"""The words of an import's report and preview: a count of none is not said ("0 new
connections"), and one is said as one ("1 created or unchanged row")."""

from __future__ import annotations

import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"
HTMX = {"HX-Request": "true"}


def _said(html: str) -> str:
    """The report's sentence of what it added, as read."""
    found = re.search(r'<p class="small">\s*(.*?)\s*</p>', html, re.S)
    assert found is not None
    return re.sub(r"<[^>]+>", "", found.group(1))


def test_the_report_says_only_what_the_import_added(client, files):
    first = client.post("/import", files=files("Connections.csv"), headers=HTMX).text
    assert _said(first) == "6 new people, 4 new organizations."
    again = client.post("/import", files=files("Connections.csv"), headers=HTMX).text
    assert _said(again) == "Nothing new."
    dry = client.post(
        "/import", files=files("Connections.csv"), data={"dry_run": "1"}, headers=HTMX
    ).text
    assert _said(dry) == "Would add nothing new."


def test_messages_already_here_are_said_without_a_count_of_none(client, files):
    client.post("/import", files=files("Connections.csv"))
    report = client.post("/import", files=files("messages.csv"), headers=HTMX).text
    assert _said(report) == "1 new person, 3 new interactions."
    again = client.post("/import", files=files("messages.csv"), headers=HTMX).text
    assert _said(again) == "Nothing new (3 interactions already here)."


def test_the_preview_of_messages_alone_counts_no_people(client, files):
    preview = client.post("/import/preview", files=files("messages.csv"), headers=HTMX).text
    (counted,) = re.findall(r'<p class="small muted">([^<]*)</p>', preview)
    assert re.fullmatch(r"[\d,]+ messages or invitations\.", counted), counted


def test_the_command_says_only_what_the_import_did(run):
    first = run("import", str(DATA / "Connections.csv"))
    assert "\n6 people added; 4 organizations added.\n" in first.stdout
    again = run("import", str(DATA / "Connections.csv"))
    assert again.exit_code == 0 and "\nNothing added.\n" in again.stdout
    dry = run("import", "--dry-run", str(DATA / "Connections.csv"))
    assert "\nNothing would be added.\n" in dry.stdout


def test_the_command_says_one_row_not_listed_as_one(run, tmp_path):
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    ada = "Ada,Lovelace,https://www.linkedin.com/in/ada,,,,26 Dec 2025\n"
    connections = tmp_path / "Connections.csv"
    connections.write_text(header + ada + ",,,,,,\n" * 201, encoding="utf-8")
    result = run("import", str(connections))
    assert result.exit_code == 0, result.output
    assert "\n1 created or unchanged row not listed; --json lists every row.\n" in result.stdout


PEOPLE = (
    '{"format": "goodword-people", "version": 1, "people": [{"display_name": "Kim Lee", '
    '"positions": [{"organization": "+", "title": "Engineer"}]}]}'
)
CRM = "ID,First,Surname,Company,Role\n1,Ada,Lovelace,{org},{title}\n"
CRM_MAP = "key=ID,given=First,family=Surname,org=Company,title=Role"


def test_a_job_to_add_or_change_by_hand_is_said_in_the_api_s_words(client):
    """The report is kept in the pages' words; the API names its own routes, as the
    command line names its commands."""
    api = "/api/v1"
    people = client.post(
        f"{api}/imports", files=[("files", ("people.json", PEOPLE.encode(), "text/plain"))]
    ).json()
    crm = [("files", ("crm.csv", CRM.format(org="Acme", title="Engineer").encode(), "text/csv"))]
    client.post(f"{api}/imports", params={"mapping": CRM_MAP}, files=crm)
    crm = [("files", ("crm.csv", CRM.format(org="", title="").encode(), "text/csv"))]
    left = client.post(f"{api}/imports", params={"mapping": CRM_MAP}, files=crm).json()
    kept = client.get(f"{api}/imports/{left['id']}").json()

    assert people["notes"][-1].endswith(
        f"rename the organization and export again, or add the job with `POST {api}/people/"
        "PERSON_ID/positions`"
    )
    (row,) = left["rows"]
    assert row["detail"].endswith(
        f"(if they left, end the job with `PUT {api}/positions/JOB_ID` (is_current false))"
    )
    assert kept["rows"] == left["rows"]
    assert "page" not in " ".join([*people["notes"], row["detail"]])


def test_a_job_to_add_by_hand_is_said_on_the_command_line_where_it_can_be(run, tmp_path):
    """No command adds a job to someone already here: the command line says where it can be
    added, the web app."""
    path = tmp_path / "people.json"
    path.write_text(PEOPLE, encoding="utf-8")

    result = run("import", str(path))

    assert result.exit_code == 0, result.output
    assert (
        "rename the organization and export again, or add the job on the person's page in the "
        "web app (`goodword serve`)"
    ) in " ".join(result.stdout.split())


BIRTHDAYS = "Name,Birthday\nAnn Lee,05/04/1990\nBo Li,06/07/1991\n"
BIRTHDAY_MAP = "name=Name,birthday=Birthday"


def test_birthdays_to_correct_by_hand_are_said_in_the_api_s_words(client):
    api = "/api/v1"
    sent = [("files", ("birthdays.csv", BIRTHDAYS.encode(), "text/csv"))]
    report = client.post(f"{api}/imports", params={"mapping": BIRTHDAY_MAP}, files=sent).json()
    kept = client.get(f"{api}/imports/{report['id']}").json()

    (note,) = [n for n in report["notes"] if "birthdays" in n]
    assert note.endswith(
        f"If they are day first, correct those birthdays with `PUT {api}/people/PERSON_ID` "
        "(the whole person, as it replaces all their fields: its birthday corrected)."
    )
    assert note in kept["notes"]
    assert "page" not in note


def test_birthdays_to_correct_by_hand_are_said_on_the_command_line(run, tmp_path):
    path = tmp_path / "birthdays.csv"
    path.write_text(BIRTHDAYS, encoding="utf-8")

    result = run("import", str(path), "--map", BIRTHDAY_MAP)

    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert (
        "If they are day first, correct those birthdays with `goodword person edit PERSON_ID "
        "--birthday`." in said
    )
    assert "person's page" not in said


def test_outlook_s_birthdays_and_anniversaries_are_said_in_each_surface_s_words():
    from goodword.importers import dateorder, registry

    said = f"If they are day first, {dateorder.CORRECT_BIRTHDAYS_AND_ANNIVERSARIES}."
    assert registry.in_the_api(said) == (
        "If they are day first, correct those birthdays and anniversaries with "
        "`PUT /api/v1/people/PERSON_ID` (the whole person, as it replaces all their fields: "
        "its birthday corrected, and its notes, which hold an anniversary)."
    )
    assert registry.on_the_command_line(said) == (
        "If they are day first, correct those birthdays and anniversaries with "
        "`goodword person edit PERSON_ID --birthday` (an anniversary is in their notes: "
        "give the whole notes; --notes replaces them)."
    )
    assert registry.on_the_page(said) == said
