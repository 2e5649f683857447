"""Goodword's own people CSV and JSON read back in: a CSV a spreadsheet re-saved keeps
everyone with a birthday; a person that cannot be read is named and said why in words;
only the apostrophe the export added is taken off; a tag with a line break stays one tag;
a job at an organization named with punctuation alone comes back; so does how often to keep
in touch."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
from sqlalchemy import func, select

from goodword.importers import own_exports
from goodword.importers.export import export_people
from goodword.importers.reading import documents
from goodword.importers.records import Upload
from goodword.importers.registry import parse as parse_document
from goodword.importers.service import import_files
from goodword.people import service as people
from goodword.people.models import Person
from goodword.people.schemas import PersonCreate, PositionCreate
from goodword.workspaces import service as workspaces

TODAY = date(2026, 11, 26)


def parse(name: str, text: str):
    (document,) = documents([Upload(name, text.encode())])
    parsed = parse_document(document)
    assert parsed is not None
    return parsed


def goodword_csv(*rows: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=own_exports.CSV_HEADERS, restval="")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def people_json(*records: object) -> str:
    return json.dumps({"format": own_exports.PEOPLE_JSON, "version": 1, "people": list(records)})


def resaved(text: str, dates: dict[str, str]) -> str:
    """The CSV as a spreadsheet saves it again: each birthday in the computer's own order."""
    header, *rows = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    column = header.index("Birthday")
    for row in rows:
        row[column] = dates.get(row[column], row[column])
    out = io.StringIO()
    csv.writer(out).writerows([header, *rows])
    return "\ufeff" + out.getvalue()


# A CSV re-saved by a spreadsheet keeps everyone with a birthday (H2).


@pytest.mark.parametrize(
    ("dates", "said"),
    [
        # Every date could be either way round: read month first, as a US spreadsheet
        # writes them, and the report says so.
        ({"1985-04-12": "4/12/1985", "1990-02-03": "2/3/1990"}, "read month first"),
        # 26/05 can only be day first, so 12/04 is 12 April too.
        ({"1985-04-12": "12/04/1985", "1990-02-03": "03/02/1990", "1949-05-26": "26/05/1949"},
         None),
    ],
)  # fmt: skip
def test_a_resaved_csv_keeps_everyone_with_a_birthday(session, workspace, dates, said):
    for name, born in [("Zoë Ødegård", "1985-04-12"), ("Priya Nayak", "1990-02-03"),
                       ("Ward Cunningham", "1949-05-26"), ("Ada Lovelace", None)]:  # fmt: skip
        people.create(
            session,
            workspace_id=workspace.id,
            data=PersonCreate(
                display_name=name, birthday=date.fromisoformat(born) if born else None
            ),
        )
    text = resaved(export_people(session, workspace_id=workspace.id, format="csv"), dates)
    target = workspaces.get_or_create(session, slug="copy", name="Copy")
    report = import_files(
        session, workspace_id=target.id, today=TODAY,
        paths_or_uploads=[Upload("people.csv", text.encode())],
    )  # fmt: skip
    assert report.counts["skipped"] == 0
    born = dict(
        session.execute(
            select(Person.display_name, Person.birthday).where(Person.workspace_id == target.id)
        ).all()
    )
    assert born == {
        "Zoë Ødegård": date(1985, 4, 12),
        "Priya Nayak": date(1990, 2, 3),
        "Ward Cunningham": date(1949, 5, 26),
        "Ada Lovelace": None,
    }
    assert any(said in note for note in report.notes) if said else not report.notes


def test_a_birthday_that_is_no_date_keeps_the_person_and_goes_to_the_notes():
    parsed = parse(
        "people.csv",
        goodword_csv(
            {"Display Name": "Jana Berg", "Birthday": "spring 1985", "Notes": "Met at PyData"}
        ),
    )
    (person,) = parsed.people
    assert person.name == "Jana Berg"
    assert person.birthday is None
    assert person.notes == "Met at PyData\nBirthday: spring 1985"
    assert person.warnings == ["birthday 'spring 1985' is not a date; kept in the notes"]
    assert not parsed.skipped


def test_a_birthday_saved_in_goodword_comes_back_as_it_was_even_one_still_to_come():
    parsed = parse("people.csv", goodword_csv({"Display Name": "Jana", "Birthday": "2099-01-02"}))
    assert parsed.people[0].birthday == date(2099, 1, 2)


# A person that cannot be read is named, and the report says what and how to fix it (H2,
# L9).


def test_a_csv_row_that_cannot_be_read_names_the_person_and_says_why_in_words():
    parsed = parse(
        "people.csv",
        goodword_csv(
            {"Given Name": "Jana", "Family Name": "Berg", "Positions": "[{'organization': "},
            {
                "Display Name": "Ada Lovelace",
                "Positions": json.dumps([{"organization": "Acme", "start_date": "4/12/2019"}]),
            },
        ),
    )
    assert not parsed.people
    assert [s.name for s in parsed.skipped] == ["Jana Berg", "Ada Lovelace"]
    first, second = (s.reason for s in parsed.skipped)
    assert first.startswith("its Positions cell is not the list of jobs")
    assert second.startswith(
        "the start date '4/12/2019' of its job at Acme is not a date written "
        "as 2019-03-05; not imported: correct it in the file"
    )
    for reason in (first, second):
        assert "isoformat" not in reason and "Expecting" not in reason


def test_a_json_person_that_cannot_be_read_is_named_with_what_is_wrong():
    text = json.dumps(json.loads(people_json(
        {"display_name": "Ada Lovelace", "positions": [{"organization": "Acme",
                                                       "end_date": "soon"}]},
        {"display_name": "Jana Berg", "emails": "jana@berg.example"},
        "Grace Hopper",
        {"display_name": "Kim", "birthday": "sometime"},
        {"given_name": "Grace", "location": ["Arlington"]},
    )), indent=2)  # fmt: skip
    # Each person is named by the line their record begins on, as written with an indent.
    begins = [n for n, line in enumerate(text.splitlines(), 1) if re.match(r'    [{"]', line)]
    assert len(begins) == 5 and begins[0] > 1
    parsed = parse("people.json", text)
    reasons = [(s.line, s.name, s.reason.split(";")[0]) for s in parsed.skipped]
    assert reasons == [
        (begins[0], "Ada Lovelace", "the end date 'soon' of its job at Acme is not a date "
                                    "written as 2019-03-05"),
        (begins[1], "Jana Berg", "its emails are not a list"),
        (begins[2], "", "it is not a record of a person"),
        (begins[4], "", "its location is not text"),
    ]  # fmt: skip
    (kim,) = parsed.people
    assert (kim.birthday, kim.notes) == (None, "Birthday: sometime")


# Only the apostrophe the export added is taken off (L4).


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("'=Kim", "=Kim"),  # the export marked "=Kim"
        ("''=Kim", "'=Kim"),  # the export marked "'=Kim", which the user typed
        ("'''+1", "''+1"),
        ("'t Hooft", "'t Hooft"),  # an apostrophe of the name
        ("''t Hooft", "''t Hooft"),
    ],
)
def test_only_the_apostrophe_the_export_added_is_taken_off(cell, value):
    parsed = parse("people.csv", goodword_csv({"Display Name": cell, "Family Name": cell}))
    person = parsed.people[0]
    assert (person.display_name, person.family_name) == (value, value)


# A tag or interest with a line break in it stays one (L6).


def test_a_tags_cell_written_as_a_list_keeps_line_breaks_inside_tags():
    parsed = parse(
        "people.csv",
        goodword_csv(
            {
                "Display Name": "Jana",
                "Tags": json.dumps(["Acme\nalumni", "chess"]),
                "Interests": "go\nchess",
                "Notes": '["not", "a list of tags"]',
            }
        ),
    )
    person = parsed.people[0]
    assert person.tags == ["Acme\nalumni", "chess"]
    assert person.interests == ["go", "chess"]
    assert person.notes == '["not", "a list of tags"]'


def test_a_tag_that_only_looks_like_a_list_is_a_tag():
    parsed = parse("people.csv", goodword_csv({"Display Name": "J", "Tags": "[draft]\nvip"}))
    assert parsed.people[0].tags == ["[draft]", "vip"]


# A job at an organization named with punctuation alone is reported, not dropped unsaid (L8),
# and a value that starts with apostrophes before "=" comes back exactly (L4).


@pytest.mark.parametrize("fmt", ["csv", "json", "vcard", "vcard4"])
def test_a_job_at_an_organization_named_with_punctuation_is_reported(session, workspace, fmt):
    person = people.create(
        session, workspace_id=workspace.id, data=PersonCreate(display_name="Org Punct")
    )
    for name in ("+", "Acme"):
        people.add_position(
            session,
            workspace_id=workspace.id,
            person_id=person.id,
            data=PositionCreate(organization_name=name, title="Founder"),
        )
    text = export_people(session, workspace_id=workspace.id, format=fmt)
    target = workspaces.get_or_create(session, slug="copy", name="Copy")
    report = import_files(
        session, workspace_id=target.id, today=TODAY,
        paths_or_uploads=[Upload(f"people.{fmt.removesuffix('4')}", text.encode())],
    )  # fmt: skip
    (note,) = report.notes
    assert note.startswith(f"people.{fmt.removesuffix('4')}, line ")
    assert "the job 'Founder' at '+' was not kept: an organization's name needs a letter" in note
    copy = session.scalars(select(Person).where(Person.workspace_id == target.id)).one()
    assert [p.organization.name for p in copy.positions] == ["Acme"]


def test_an_organization_whose_letters_a_resave_lost_is_said_to_be_so(session, workspace):
    person = people.create(
        session, workspace_id=workspace.id, data=PersonCreate(display_name="Aiko Tanaka")
    )
    people.add_position(
        session, workspace_id=workspace.id, person_id=person.id,
        data=PositionCreate(organization_name="楽天", title="Engineer"),
    )  # fmt: skip
    text = export_people(session, workspace_id=workspace.id, format="csv")
    # A spreadsheet's plain CSV writes each letter it has no code for as "?".
    resaved = text.lstrip("\ufeff").encode("cp1252", errors="replace")
    target = workspaces.get_or_create(session, slug="copy", name="Copy")
    report = import_files(
        session, workspace_id=target.id, today=TODAY,
        paths_or_uploads=[Upload("people.csv", resaved)],
    )  # fmt: skip
    (note,) = report.notes
    assert note.endswith(
        "the job 'Engineer' at '??' was not kept: the organization's name is question marks "
        "alone, as letters become when a spreadsheet saves the file in an older character "
        "set; import the file as Goodword exported it, or save it as CSV UTF-8"
    )


def test_a_placeholder_company_in_a_linkedin_file_is_no_organization(session, workspace):
    rows = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        "Ann,Archer,https://www.linkedin.com/in/annarcher,,-,Engineer,12 Mar 2024\r\n"
        "Bob,Berg,https://www.linkedin.com/in/bobberg,,-,Designer,12 Mar 2024\r\n"
        "Cy,Cole,https://www.linkedin.com/in/cycole,,.,CTO,12 Mar 2024\r\n"
    )
    import_files(session, workspace_id=workspace.id, today=TODAY,
                 paths_or_uploads=[Upload("Connections.csv", rows.encode())])  # fmt: skip
    from goodword.organizations.models import Organization

    assert session.scalars(select(Organization)).all() == []
    found = session.scalars(select(Person).where(Person.workspace_id == workspace.id)).all()
    assert len(found) == 3 and all(p.positions == [] for p in found)


def test_a_name_typed_with_an_apostrophe_before_a_formula_sign_comes_back_exactly(
    session, workspace
):
    people.create(
        session,
        workspace_id=workspace.id,
        data=PersonCreate(display_name="'=Kim", given_name="=Kim", family_name="'t Hooft"),
    )
    text = export_people(session, workspace_id=workspace.id, format="csv")
    target = workspaces.get_or_create(session, slug="copy", name="Copy")
    import_files(
        session, workspace_id=target.id, today=TODAY,
        paths_or_uploads=[Upload("people.csv", text.encode())],
    )  # fmt: skip
    copy = session.scalars(select(Person).where(Person.workspace_id == target.id)).one()
    assert (copy.display_name, copy.given_name, copy.family_name) == ("'=Kim", "=Kim", "'t Hooft")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_how_often_to_keep_in_touch_comes_back(session, workspace, fmt):
    for name, days in (("Ada Lovelace", 14), ("Grace Hopper", 0), ("Alan Turing", None)):
        people.create(
            session,
            workspace_id=workspace.id,
            data=PersonCreate(display_name=name, keep_in_touch_days=days),
        )
    text = export_people(session, workspace_id=workspace.id, format=fmt)
    target = workspaces.get_or_create(session, slug="copy", name="Copy")

    def again() -> dict[str, int | None]:
        report = import_files(
            session, workspace_id=target.id, today=TODAY,
            paths_or_uploads=[Upload(f"people.{fmt}", text.encode())],
        )  # fmt: skip
        assert report.notes == []
        session.expire_all()
        found = session.scalars(select(Person).where(Person.workspace_id == target.id))
        return {p.display_name: p.keep_in_touch_days for p in found}

    expected = {"Ada Lovelace": 14, "Grace Hopper": 0, "Alan Turing": None}
    assert again() == expected
    # Set by hand since: a second import of the same file leaves it, as for any value.
    ada = session.scalars(
        select(Person).where(Person.workspace_id == target.id, Person.given_name.is_(None),
                             Person.display_name == "Ada Lovelace")
    ).one()  # fmt: skip
    ada.keep_in_touch_days = 30
    session.flush()
    assert again() == {**expected, "Ada Lovelace": 30}


def test_a_keep_in_touch_cadence_that_is_no_whole_number_of_days_is_said():
    header = ",".join([*own_exports.CSV_HEADERS, "Keep in touch days"])
    blank = "," * len(own_exports.CSV_HEADERS)
    text = f"{header}\r\n,Kim{blank[1:]}21\r\n,Jo{blank[1:]}often\r\n"
    kim, jo = parse("people.csv", text).people
    assert (kim.name, kim.keep_in_touch_days) == ("Kim", 21)
    assert (jo.name, jo.keep_in_touch_days) == ("Jo", None)
    assert jo.warnings == [
        "keep in touch days 'often' is not a whole number of days from 0 to 3650; not kept"
    ]


def test_a_newer_export_moves_how_often_to_keep_in_touch_unless_set_by_hand(session, workspace):
    ada = people.create(
        session, workspace_id=workspace.id,
        data=PersonCreate(display_name="Ada Lovelace", keep_in_touch_days=14),
    )  # fmt: skip
    grace = people.create(
        session, workspace_id=workspace.id,
        data=PersonCreate(display_name="Grace Hopper", keep_in_touch_days=14),
    )  # fmt: skip
    target = workspaces.get_or_create(session, slug="copy", name="Copy")

    def copy_over() -> dict[str, str]:
        text = export_people(session, workspace_id=workspace.id, format="json")
        report = import_files(
            session, workspace_id=target.id, today=TODAY,
            paths_or_uploads=[Upload("people.json", text.encode())],
        )  # fmt: skip
        return {row.name: row.detail for row in report.rows}

    copy_over()
    copies = {
        p.display_name: p
        for p in session.scalars(select(Person).where(Person.workspace_id == target.id))
    }
    copies["Grace Hopper"].keep_in_touch_days = 30  # set by hand in the copy
    ada.keep_in_touch_days = grace.keep_in_touch_days = 21
    session.flush()
    details = copy_over()
    session.expire_all()
    assert (copies["Ada Lovelace"].keep_in_touch_days, details["Ada Lovelace"]) == (
        21, "keep in touch every 21 days",
    )  # fmt: skip
    assert copies["Grace Hopper"].keep_in_touch_days == 30
    assert details["Grace Hopper"] == (
        "keep in touch left at every 30 days (the file says every 21 days; edit the person to "
        "change it)"
    )


def test_the_report_names_a_person_it_could_not_read(session, workspace):
    text = goodword_csv({"Given Name": "Jana", "Family Name": "Berg", "Positions": "[{"})
    report = import_files(session, workspace_id=workspace.id, today=TODAY,
                          paths_or_uploads=[Upload("people.csv", text.encode())])  # fmt: skip
    (row,) = report.rows
    assert (row.outcome.value, row.name, row.line) == ("skipped", "Jana Berg", 2)


def test_a_restore_from_the_json_keeps_where_each_person_came_from(session, workspace):
    """Importing the original files after a restore finds everyone unchanged, as the
    database the export came from would (not merged as if never seen)."""
    from pathlib import Path

    from goodword.people.models import PersonSource

    data = Path(__file__).resolve().parents[1] / "data" / "importers"
    originals = [data / "Connections.csv", data / "google_legacy.csv"]
    import_files(session, workspace_id=workspace.id, paths_or_uploads=originals, today=TODAY)
    again_here = import_files(
        session, workspace_id=workspace.id, paths_or_uploads=originals, today=TODAY
    )
    text = export_people(session, workspace_id=workspace.id, format="json")
    target = workspaces.get_or_create(session, slug="copy", name="Copy")
    import_files(session, workspace_id=target.id, today=TODAY,
                 paths_or_uploads=[Upload("people.json", text.encode())])  # fmt: skip
    kept = session.execute(
        select(PersonSource.source, PersonSource.external_key).where(
            PersonSource.workspace_id == target.id, PersonSource.source == "linkedin"
        )
    ).all()
    assert ("linkedin", "https://www.linkedin.com/in/ada-lovelace") in kept
    again_there = import_files(
        session, workspace_id=target.id, paths_or_uploads=originals, today=TODAY
    )
    assert again_there.counts == again_here.counts
    assert again_there.counts["unchanged"] > 0 and again_there.counts["merged"] == 0
    # The JSON again changes nothing either, and adds no second provenance row.
    once = session.scalar(select(func.count()).select_from(PersonSource))
    import_files(session, workspace_id=target.id, today=TODAY,
                 paths_or_uploads=[Upload("people.json", text.encode())])  # fmt: skip
    assert session.scalar(select(func.count()).select_from(PersonSource)) == once


def test_a_source_record_the_json_lists_that_cannot_be_read_is_said_not_kept():
    parsed = parse("people.json", people_json({
        "display_name": "Ada Lovelace",
        "sources": [
            {"source": "linkedin", "external_key": "https://www.linkedin.com/in/ada",
             "file_name": "Connections.csv", "imported_at": "2026-01-02T03:04:05+00:00",
             "fingerprint": 42},
            {"source": "goodword", "external_key": "goodword-1-1"},
            {"source": 5, "external_key": "x"},
        ],
    }))  # fmt: skip
    (ada,) = parsed.people
    assert [(s.source, s.key, s.fingerprint) for s in ada.earlier_sources] == [
        ("linkedin", "https://www.linkedin.com/in/ada", 42)
    ]
    assert ada.warnings == ["a source record it lists cannot be read; not kept"]


def test_a_vcard_keep_in_touch_cadence_that_is_no_number_is_said_not_a_failed_import(
    session, workspace
):
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nX-GOODWORD-KEEP-IN-TOUCH-DAYS:{days}\r\n"
        "END:VCARD\r\n"
        for name, days in (("Kim Lee", "21"), ("Jo Park", "²"))
    )
    report = import_files(session, workspace_id=workspace.id, today=TODAY,
                          paths_or_uploads=[Upload("people.vcf", cards.encode())])  # fmt: skip
    everyone = session.scalars(select(Person).where(Person.workspace_id == workspace.id))
    found = {p.display_name: p.keep_in_touch_days for p in everyone}
    assert found == {"Kim Lee": 21, "Jo Park": None}
    assert any("keep in touch days '²' is not a whole number" in n for n in report.notes)


def test_a_tag_like_a_list_comes_back_from_the_csv_as_it_was_and_one_of_two_lines_as_two(
    session, workspace
):
    person = people.create(
        session, workspace_id=workspace.id, data=PersonCreate(display_name="Kim Lee")
    )
    # (A tag with a line break came in before the forms refused it, or from a vCard, until
    # migration 0014 split them: it comes back as a tag per line.)
    person.tags = ["Acme\nalumni", '["a"]', "ok"]
    person.interests = ["chess\ngo"]
    session.flush()
    text = export_people(session, workspace_id=workspace.id, format="csv")
    target = workspaces.get_or_create(session, slug="copy", name="Copy")
    import_files(session, workspace_id=target.id, today=TODAY,
                 paths_or_uploads=[Upload("people.csv", text.encode())])  # fmt: skip
    copy = session.scalars(select(Person).where(Person.workspace_id == target.id)).one()
    assert (copy.tags, copy.interests) == (["Acme", "alumni", '["a"]', "ok"], ["chess", "go"])


def test_a_json_person_whose_tags_or_job_flag_are_not_what_the_export_writes_is_said():
    parsed = parse("people.json", people_json(
        {"display_name": "Kim Lee", "tags": ["vip", None]},
        {"display_name": "Jo Park", "tags": [{"a": 1}]},
        {"display_name": "Al Diaz", "positions": [{"organization": "Acme", "is_current": "false"}]},
        {"display_name": "Bo Chan", "emails": [{"value": 5}]},
    ))  # fmt: skip
    (kim,) = parsed.people
    assert kim.tags == ["vip"]
    assert [(s.name, s.reason.split(";")[0]) for s in parsed.skipped] == [
        ("Jo Park", "one of its tags is not text"),
        ("Al Diaz", 'a job\'s is_current is "false", not true or false'),
        ("Bo Chan", "one of its e-mails is not text"),
    ]


@pytest.mark.parametrize("fmt", ["vcard", "vcard4", "csv", "json"])
def test_people_with_placeholder_names_come_back_as_themselves(session, workspace, fmt):
    # "Unknown" and "TBD" are no names matching can compare; the export's own id, with the
    # name shown as it was, still finds each.
    for name in ("Unknown", "TBD", "(no name)", "?"):
        people.create(session, workspace_id=workspace.id, data=PersonCreate(display_name=name))
    text = export_people(session, workspace_id=workspace.id, format=fmt)
    extension = {"vcard": "vcf", "vcard4": "vcf"}.get(fmt, fmt)
    report = import_files(
        session, workspace_id=workspace.id,
        paths_or_uploads=[Upload(f"people.{extension}", text.encode())], today=TODAY,
    )  # fmt: skip
    assert {r.outcome.value for r in report.rows} == {"unchanged"}
    assert session.scalar(select(func.count()).select_from(Person)) == 4


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\v", "\f"])
def test_a_note_with_a_rare_line_break_comes_back_from_a_vcard_unchanged(
    session, workspace, separator: str
):
    # Kept as "\n" when saved, as the vCard export writes it, so the note is not added twice.
    data = PersonCreate(display_name="Line Sep", notes=f"first{separator}second",
                        how_we_met=f"met{separator}here")  # fmt: skip
    person = people.create(session, workspace_id=workspace.id, data=data)
    assert (person.notes, person.how_we_met) == ("first\nsecond", "met\nhere")
    text = export_people(session, workspace_id=workspace.id, format="vcard")
    report = import_files(
        session, workspace_id=workspace.id,
        paths_or_uploads=[Upload("people.vcf", text.encode())], today=TODAY,
    )  # fmt: skip
    assert [r.outcome.value for r in report.rows] == ["unchanged"]
    session.expire_all()
    assert session.get(Person, person.id).notes == "first\nsecond"


def test_a_people_export_cut_short_or_broken_by_hand_says_which(session, workspace):
    from goodword.importers.records import ImportFileError

    people.create(session, workspace_id=workspace.id, data=PersonCreate(display_name="Ada"))
    whole = export_people(session, workspace_id=workspace.id, format="json")
    # Cut in a value and between values (where it is cut depends on what the export holds).
    middle = whole.index('"Ada"') + 2
    for text, said in (
        (whole[:middle], "is a Goodword people export cut short (it ends in the middle)"),
        (whole[: middle + 4], "is a Goodword people export cut short (it ends in the middle)"),
        (whole.replace('"Ada"', '"Ada",,'), "is a Goodword people export that is no longer valid"),
    ):
        with pytest.raises(ImportFileError) as refused:
            import_files(
                session, workspace_id=workspace.id, today=date(2026, 11, 25),
                paths_or_uploads=[Upload("people.json", text.encode())],
            )  # fmt: skip
        assert re.match(rf"people\.json(, line \d+)?: {re.escape(said)}", refused.value.message)


def _edited(text: str, column: str, value: str) -> str:
    header, *rows = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    for row in rows:
        row[header.index(column)] = value
    out = io.StringIO()
    csv.writer(out).writerows([header, *rows])
    return "\ufeff" + out.getvalue()


def test_a_title_edited_beside_the_positions_column_is_said_not_read(session, workspace):
    person = people.create(
        session, workspace_id=workspace.id, data=PersonCreate(display_name="Ngozi Okafor")
    )
    people.add_position(
        session, workspace_id=workspace.id, person_id=person.id,
        data=PositionCreate(organization_name="Kestrel Labs", title="Analyst"),
    )  # fmt: skip
    text = export_people(session, workspace_id=workspace.id, format="csv")
    same = import_files(
        session, workspace_id=workspace.id, today=TODAY,
        paths_or_uploads=[Upload("people.csv", text.encode())],
    )  # fmt: skip
    assert same.notes == []

    report = import_files(
        session, workspace_id=workspace.id, today=TODAY,
        paths_or_uploads=[Upload("people.csv", _edited(text, "Title", "Head of Data").encode())],
    )  # fmt: skip

    (note,) = report.notes
    assert note.endswith(
        "its Title and Organization columns (Head of Data at Kestrel Labs) were not read: "
        "they only show the job now, and the Positions column gives the jobs (Analyst at "
        "Kestrel Labs now); change the job in the Positions column, or empty that cell to "
        "have the two columns read"
    )
    session.expire_all()
    assert [p.title for p in people.get(session, workspace_id=workspace.id,
                                        person_id=person.id).positions] == ["Analyst"]  # fmt: skip
