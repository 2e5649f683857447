"""Exports: vCard 3.0 and 4.0, CSV and JSON; importing an export gives the same people back."""

from __future__ import annotations

import csv
import io
import itertools
import json
from datetime import date

import pytest
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import factories as f
from goodword.importers.export import export_people
from goodword.importers.records import Upload
from goodword.importers.service import import_files
from goodword.people import service as people
from goodword.people.schemas import PersonCreate, PositionCreate
from goodword.workspaces import service as workspaces

FORMATS = {
    "vcard": "people.vcf",
    "vcard4": "people.vcf",
    "csv": "people.csv",
    "json": "people.json",
}


def comparable(session, workspace_id):
    """What we hold about each person, without ids or timestamps."""
    found = []
    for person in people.list_(session, workspace_id=workspace_id, limit=500).items:
        read = people.to_read(person)
        data = read.model_dump(exclude={"id", "created_at", "updated_at", "is_me", "positions"})
        data["labels"] = (
            [e.label for e in person.emails],
            [p.label for p in person.phones],
            [u.label for u in person.urls],
        )
        data["positions"] = sorted(
            tuple(p.model_dump(exclude={"id", "organization_id"}).values()) for p in read.positions
        )
        found.append(data)
    return sorted(found, key=lambda d: (d["display_name"], d["emails"]))


def round_trip(session, source_id, target_slug, fmt):
    text = export_people(session, workspace_id=source_id, format=fmt)
    target = workspaces.get_or_create(session, slug=target_slug, name="Copy")
    report = import_files(
        session, workspace_id=target.id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload(FORMATS[fmt], text.encode())],
    )  # fmt: skip
    session.expire_all()
    return target, report


def ada(session, workspace_id):
    person = f.person(
        session, workspace_id, "Ada Lovelace", given_name="Ada", family_name="Lovelace",
        emails=["ada@analytical.example"], phones=["+44 20 7946 0001"],
        urls=["https://www.linkedin.com/in/ada-lovelace"], tags=["mentor", "math, logic"],
        interests=["engines"], location="London, UK", birthday=date(1815, 12, 10),
        notes="Met at the salon.\nWrites; a lot.", how_we_met="Babbage's party",
    )  # fmt: skip
    people.add_position(
        session, workspace_id=workspace_id, person_id=person.id,
        data=PositionCreate(organization_name="Analytical Engines", title="Analyst",
                            start_date=date(1943, 1, 1), end_date=date(1950, 6, 30)),
    )  # fmt: skip
    people.add_position(
        session, workspace_id=workspace_id, person_id=person.id,
        data=PositionCreate(organization_name="Difference Works", title="Countess"),
    )  # fmt: skip
    return person


def test_vcard_3_is_the_default_and_vobject_reads_it(session, workspace):
    ada(session, workspace.id)
    text = export_people(session, workspace_id=workspace.id)
    card = vobject.readOne(text)
    assert card.version.value == "3.0"
    assert card.fn.value == "Ada Lovelace"
    assert card.org.value == ["Difference Works"]
    assert card.categories.value == ["mentor", "math, logic"]
    assert card.uid.value.startswith(f"goodword-{workspace.id}-")


def test_vcard_4_says_so(session, workspace):
    ada(session, workspace.id)
    text = export_people(session, workspace_id=workspace.id, format="vcard4")
    assert "VERSION:4.0" in text and "TYPE=INTERNET" not in text


def test_json_export_holds_positions_and_provenance(session, workspace):
    ada(session, workspace.id)
    document = json.loads(export_people(session, workspace_id=workspace.id, format="json"))
    assert document["format"] == "goodword-people"
    (person,) = document["people"]
    assert [p["organization"] for p in person["positions"]] == [
        "Difference Works", "Analytical Engines",
    ]  # fmt: skip


def test_json_export_lists_each_source_record_with_its_fingerprint(session, workspace):
    from sqlalchemy import select

    from goodword.people.models import PersonSource

    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nUID:ada-1\r\nEND:VCARD\r\n"
    import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[Upload("phone.vcf", card.encode())],
        today=date(2026, 11, 25),
    )
    kept = session.scalar(select(PersonSource.fingerprint))
    document = json.loads(export_people(session, workspace_id=workspace.id, format="json"))
    ((source,),) = [p["sources"] for p in document["people"]]
    assert (source["external_key"], source["fingerprint"]) == ("ada-1", kept)
    assert isinstance(kept, int)


def test_the_line_a_record_came_from_is_kept_and_comes_back_from_an_export(session, workspace):
    # A Google row has no id of its own: its line is what names it in its file.
    from sqlalchemy import select

    from goodword.exchange import service as exchange
    from goodword.people.models import PersonSource

    rows = "Given Name,Family Name,E-mail 1 - Value\nAda,Lovelace,ada@x.example\nBo,Lin,\n"
    import_files(
        session, workspace_id=workspace.id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload("google.csv", rows.encode())],
    )  # fmt: skip
    lines = session.execute(
        select(PersonSource.external_key, PersonSource.line).order_by(PersonSource.line)
    ).all()
    assert [line for _key, line in lines] == [2, 3]
    copy, _report = round_trip(session, workspace.id, "copy", "json")
    again = session.scalars(
        select(PersonSource.line)
        .where(PersonSource.workspace_id == copy.id, PersonSource.source == "google")
        .order_by(PersonSource.line)
    ).all()
    assert again == [2, 3]
    backup = exchange.export_workspace(session, workspace_id=workspace.id)
    assert sorted(s["line"] for p in backup["people"] for s in p["sources"]) == [2, 3]


def test_a_json_export_says_who_you_are_where_nobody_is_marked_yet(session, workspace):
    f.person(session, workspace.id, "Alice Example", is_me=True, emails=["alice@example.org"])
    ada(session, workspace.id)
    copy, _report = round_trip(session, workspace.id, "copy", "json")
    marked = [p.display_name for p in people.list_(session, workspace_id=copy.id).items if p.is_me]
    assert marked == ["Alice Example"]
    # Where someone is already marked as you, another export's "you" stays someone else.
    mine = workspaces.get_or_create(session, slug="mine", name="Mine")
    f.person(session, mine.id, "Bea Mine", is_me=True)
    import_files(
        session, workspace_id=mine.id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload("people.json", export_people(
            session, workspace_id=workspace.id, format="json").encode())],
    )  # fmt: skip
    session.expire_all()
    marked = [p.display_name for p in people.list_(session, workspace_id=mine.id).items if p.is_me]
    assert marked == ["Bea Mine"]
    # The CSV does not carry it.
    plain, _report = round_trip(session, workspace.id, "plain", "csv")
    assert not [p for p in people.list_(session, workspace_id=plain.id).items if p.is_me]


def test_every_format_round_trips_a_full_person(session, workspace):
    ada(session, workspace.id)
    expected = comparable(session, workspace.id)
    for number, fmt in enumerate(FORMATS):
        target, report = round_trip(session, workspace.id, f"copy-{number}", fmt)
        assert report.counts["created"] == 1, fmt
        assert comparable(session, target.id) == expected, fmt


def test_importing_an_export_into_the_same_workspace_changes_nothing(session, workspace):
    ada(session, workspace.id)
    before = comparable(session, workspace.id)
    text = export_people(session, workspace_id=workspace.id, format="vcard")
    report = import_files(
        session, workspace_id=workspace.id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload("mine.vcf", text.encode())],
    )  # fmt: skip
    assert report.counts["unchanged"] == 1
    session.expire_all()
    assert comparable(session, workspace.id) == before


def test_phone_extensions_are_written_as_each_format_says_and_read_back(session, workspace):
    person = f.person(session, workspace.id, "Ravi Shankar", phones=[
        "+1 415 555 0100 ext. 12", "+1 415 555 0199", "+44 20 7946 0000 x5"])  # fmt: skip
    person.phones[0].label = "work"
    session.flush()
    three = export_people(session, workspace_id=workspace.id, format="vcard")
    # Text, as address books show it; the label vCard names as a TYPE, the first marked.
    assert "TEL;TYPE=work,pref:+1 415-555-0100 ext. 12\r\n" in three
    assert "TEL:+14155550199\r\n" in three and "TEL:+44 20 7946 0000 ext. 5\r\n" in three
    four = export_people(session, workspace_id=workspace.id, format="vcard4")
    # A tel: URI, unescaped.
    assert "TEL;PREF=1;TYPE=work;VALUE=uri:tel:+14155550100;ext=12\r\n" in four
    assert "TEL;VALUE=uri:tel:+14155550199\r\n" in four
    assert vobject.readOne(four).contents["tel"][0].value == "tel:+14155550100;ext=12"
    (row,) = csv.DictReader(io.StringIO(export_people(session, workspace_id=workspace.id,
                                                      format="csv")))  # fmt: skip
    # Not a formula for a spreadsheet to break: marked, and unmarked again on import.
    assert row["Phones"] == "'+14155550100;ext=12\n+14155550199\n+442079460000;ext=5"
    (record,) = json.loads(export_people(session, workspace_id=workspace.id, format="json"))[
        "people"
    ]
    assert [p["value"] for p in record["phones"]] == [
        "+14155550100;ext=12", "+14155550199", "+442079460000;ext=5",
    ]  # fmt: skip
    expected = comparable(session, workspace.id)
    for number, fmt in enumerate(FORMATS):
        target, _report = round_trip(session, workspace.id, f"copy-{number}", fmt)
        assert comparable(session, target.id) == expected, fmt


EXAMPLES = itertools.count()
# Letters and digits of many scripts, spaces and a little punctuation; no control characters.
text = (
    st.text(
        alphabet=st.characters(
            categories=("Lu", "Ll", "Lo", "Nd", "Zs"), include_characters="-'.,;:\\\"()&/"
        ),
        min_size=1,
        max_size=24,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)
# Labels vCard names (written as TYPE), others Goodword holds, and labels with punctuation.
labels = st.sampled_from(
    [None, "work", "home", "cell", "Mobile", "voice", "Other", "LinkedIn", "Work, London",
     "Desk; 2nd floor"]
)  # fmt: skip
# Line breaks of every kind a note may hold: a vCard writes each as a newline.
BREAKS = ["\n", "\u2028", "\u2029", "\x85"]
lines = st.builds(
    lambda parts, breaks: "".join(p + b for p, b in zip(parts, breaks, strict=False)) + parts[-1],
    st.lists(text, min_size=1, max_size=3),
    st.lists(st.sampled_from(BREAKS), min_size=2, max_size=2),
)
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2025, 12, 31))
# A birthday without its year ("--02-29" among them).
days_alone = dates.map(lambda day: f"--{day.month:02d}-{day.day:02d}")


@st.composite
def person_data(draw, number):
    emails = [f"p{number}.{i}@x{i}.example" for i in range(draw(st.integers(0, 3)))]
    # Some with an extension, written as people write them ("ext. 7", "x7", "#7").
    phones = [
        f"+1412555{number:02d}{i:02d}" + draw(st.sampled_from(["", " ext. 7", " x12", " #0045"]))
        for i in range(draw(st.integers(0, 2)))
    ]
    urls = [f"https://site{number}-{i}.example/me" for i in range(draw(st.integers(0, 2)))]
    born = draw(st.none() | dates | days_alone)
    return {
        "data": PersonCreate(
            display_name=draw(text), given_name=draw(st.none() | text),
            family_name=draw(st.none() | text), emails=emails, phones=phones, urls=urls,
            tags=draw(st.lists(text, max_size=3, unique_by=str.casefold)),
            interests=draw(st.lists(text, max_size=2, unique_by=str.casefold)),
            location=draw(st.none() | text),
            birthday=born if isinstance(born, date) else None,
            birthday_no_year=born if isinstance(born, str) else None,
            notes=draw(st.none() | lines), how_we_met=draw(st.none() | lines),
            keep_in_touch_days=draw(st.none() | st.integers(0, 3650)),
        ),
        "labels": [draw(labels) for _ in range(len(emails) + len(phones) + len(urls))],
        "positions": draw(st.lists(
            # (One whose name a job's line could not give back: the CSV writes JSON then.)
            # (A start known only as a month or year too, as LinkedIn's "Jan 2020".)
            st.tuples(st.sampled_from(["Kestrel Labs", "Amber Bank", "Sorrel Health",
                                       "Eat at Joe's (UK), Inc., now"]),
                      st.none() | text, st.none() | dates, st.none() | text,
                      st.sampled_from([None, "day", "month", "year"])),
            max_size=3, unique_by=lambda p: p[0],
        )),
    }  # fmt: skip


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.data(), st.sampled_from(list(FORMATS)))
def test_import_of_an_export_loses_nothing(session, data, fmt):
    number = next(EXAMPLES)  # a fresh pair of workspaces for every example, shrinks included
    source = workspaces.get_or_create(session, slug=f"src-{number}")
    for index in range(data.draw(st.integers(1, 3))):
        drawn = data.draw(person_data(index))
        person = people.create(session, workspace_id=source.id, data=drawn["data"])
        details = [*person.emails, *person.phones, *person.urls]
        for detail, label in zip(details, drawn["labels"], strict=False):
            detail.label = label
        for org, title, start, department, precision in drawn["positions"]:
            people.add_position(
                session, workspace_id=source.id, person_id=person.id,
                data=PositionCreate(organization_name=org, title=title, start_date=start,
                                    start_precision=precision, department=department,
                                    is_current=start is None),
            )  # fmt: skip
    session.flush()
    expected = comparable(session, source.id)
    if fmt.startswith("vcard"):
        for held in expected:
            for key in ("notes", "how_we_met"):
                for line_break in BREAKS:
                    held[key] = held[key] and held[key].replace(line_break, "\n")
    target, _report = round_trip(session, source.id, f"dst-{number}", fmt)
    assert comparable(session, target.id) == expected


def test_the_csv_shows_the_job_now_and_every_job_a_line(session, workspace):
    ada(session, workspace.id)  # (Countess at Difference Works, now; Analyst, 1943 to 1950)
    text = export_people(session, workspace_id=workspace.id, format="csv")

    (row,) = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))

    assert (row["Organization"], row["Title"]) == ("Difference Works", "Countess")
    assert row["Positions"] == (
        "Countess at Difference Works, now\nAnalyst at Analytical Engines, 1943-01-01 to 1950-06-30"
    )
    copy, _report = round_trip(session, workspace.id, "copy", "csv")
    assert comparable(session, copy.id) == comparable(session, workspace.id)


def test_a_job_a_line_could_not_give_back_makes_the_cell_json(session, workspace):
    person = f.person(session, workspace.id, "Jo Park")
    people.add_position(
        session, workspace_id=workspace.id, person_id=person.id,
        data=PositionCreate(organization_name="Joe's (UK)", title="Cook at night",
                            department="Grill"),
    )  # fmt: skip
    text = export_people(session, workspace_id=workspace.id, format="csv")

    (row,) = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))

    assert json.loads(row["Positions"])[0]["title"] == "Cook at night"
    assert (row["Organization"], row["Title"]) == ("Joe's (UK)", "Cook at night")
    copy, _report = round_trip(session, workspace.id, "copy", "csv")
    assert comparable(session, copy.id) == comparable(session, workspace.id)


def test_a_row_typed_into_the_sheet_takes_its_organization_and_title(session, workspace):
    rows = (
        "Goodword ID,Display Name,Organization,Title,Positions\r\n"
        ",Jo Park,Kestrel Labs,Recruiter,\r\n"
        ',Bo Lin,Kestrel Labs,Recruiter,"Analyst at Amber Bank (Risk), since 2024-02"\r\n'
    )
    import_files(
        session, workspace_id=workspace.id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload("people.csv", rows.encode())],
    )  # fmt: skip

    jobs = {
        p.display_name: [(j.organization.name, j.title, j.department, j.start_precision)
                         for j in p.positions]
        for p in people.list_(session, workspace_id=workspace.id).items
    }  # fmt: skip
    assert jobs == {
        "Jo Park": [("Kestrel Labs", "Recruiter", None, None)],
        # (Organization and Title only show the job now: the Positions cell has every job.)
        "Bo Lin": [("Amber Bank", "Analyst", "Risk", "month")],
    }


def test_the_csv_keeps_formulas_from_running_and_gives_them_back_on_import(session, workspace):
    f.person(session, workspace.id, "=SUM(1,2)", given_name="=SUM(1", family_name="2)",
             notes="-just a note", tags=["@home"])  # fmt: skip
    f.person(session, workspace.id, "Gerard 't Hooft", given_name="Gerard", family_name="'t Hooft")
    text = export_people(session, workspace_id=workspace.id, format="csv")
    assert "'=SUM(1,2)" in text and "'-just a note" in text and "'@home" in text
    assert ",=SUM" not in text
    copy, _report = round_trip(session, workspace.id, "copy", "csv")
    assert comparable(session, copy.id) == comparable(session, workspace.id)


def test_the_csv_marks_formulas_in_details_but_leaves_readable_phone_numbers(session, workspace):
    phones = ["+44 20 7946 0958", "+1 212 555 0100"]
    someone = f.person(session, workspace.id, "Ada Lovelace", emails=["ada@example.org"],
                       phones=phones, urls=["https://ada.example"])  # fmt: skip
    someone.emails[0].label = "=HYPERLINK(1)"
    someone.urls[0].label = "-x"
    someone.phones[1].label = "@work"
    other = f.person(session, workspace.id, "Grace Hopper", phones=["+44 20 7946 0959"])
    other.phones[0].number = '=HYPERLINK("http://x.example","call")'  # kept as typed
    session.flush()
    rows = {row["Display Name"]: row for row in csv.DictReader(io.StringIO(
        export_people(session, workspace_id=workspace.id, format="csv")))}  # fmt: skip
    ada, grace = rows["Ada Lovelace"], rows["Grace Hopper"]
    assert ada["Phones"] == "+442079460958\n+12125550100"  # E.164: left as it is
    assert ada["E-mail Labels"] == "'=HYPERLINK(1)"
    assert ada["Website Labels"] == "'-x"
    assert ada["Phone Labels"] == "\n@work"  # a later line is not the cell's start
    assert grace["Phones"].startswith("'=HYPERLINK")
    copy, _report = round_trip(session, workspace.id, "copy", "csv")
    assert comparable(session, copy.id) == comparable(session, workspace.id)


@pytest.mark.parametrize("fmt", ["vcard", "vcard4"])
def test_a_place_is_an_address_for_other_apps_and_exact_for_goodword(session, workspace, fmt):
    places = {
        "Ada": "Austin, TX, United States",
        "Bo": "Berlin, Germany",
        "Cy": "Austin, TX",
        "Di": "San Francisco Bay Area",
        "Ed": "Unit 4, 12 Elm St, Springfield,, IL",
        "Fay": "San Francisco, California",
        "Gus": "London, UK",
        "Hal": "Sydney, NSW",
        "Ida": "Amsterdam, NL",
        "Jo": "Tbilisi, Georgia",
        "Kit": "Macon, Georgia",
    }
    for name, place in places.items():
        f.person(session, workspace.id, name, location=place)
    text = export_people(session, workspace_id=workspace.id, format=fmt)

    cards = {card.fn.value: card for card in vobject.readComponents(text)}
    parts = {
        name: (card.adr.value.city, card.adr.value.region, card.adr.value.country)
        for name, card in cards.items()
    }
    assert parts["Ada"] == ("Austin", "TX", "United States")
    assert parts["Bo"] == ("Berlin", "", "Germany")
    assert parts["Cy"] == ("Austin", "TX", "")
    assert parts["Di"] == ("San Francisco Bay Area", "", "")
    assert parts["Ed"] == ("Unit 4, 12 Elm St", "Springfield", "IL")
    # A state by its name is a state; a country's code that no state has is a country.
    assert parts["Fay"] == ("San Francisco", "California", "")
    assert parts["Gus"] == ("London", "", "UK")
    assert parts["Hal"] == ("Sydney", "NSW", "")
    assert parts["Ida"] == ("Amsterdam", "", "NL")
    # Georgia is a state and a country: the city before it tells which.
    assert parts["Jo"] == ("Tbilisi", "", "Georgia")
    assert parts["Kit"] == ("Macon", "Georgia", "")

    target, _report = round_trip(session, workspace.id, "copy", fmt)
    back = {p.display_name: p.location for p in people.list_(session, workspace_id=target.id).items}
    assert back == places


@pytest.mark.parametrize("fmt", ["vcard", "vcard4"])
def test_no_line_is_longer_than_75_octets_and_a_letter_is_never_cut(session, workspace, fmt):
    # 60 letters, 120 octets: a line under 75 letters is still over 75 octets.
    note = "Çiçekçi, görüştük " + "ğ" * 42
    f.person(session, workspace.id, "Şükrü Ağaoğlu", notes=note, tags=["🌷" * 30])
    raw = export_people(session, workspace_id=workspace.id, format=fmt).encode()
    lines = raw.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # (folded, not cut)
    for line in lines:
        line.decode()  # each folded line is whole UTF-8: no letter cut in two
    card = vobject.readOne(raw.decode())
    assert card.note.value == note
    assert card.categories.value == ["🌷" * 30]


@pytest.mark.parametrize(
    ("fmt", "written"),
    [
        ("vcard", "BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29"),
        ("vcard4", "BDAY:--0229"),
        ("csv", "'--02-29"),
        ("json", '"birthday": "--02-29"'),
    ],
)
def test_a_birthday_without_its_year_is_written_as_each_format_says_and_read_back(
    session, workspace, fmt, written
):
    people.create(
        session,
        workspace_id=workspace.id,
        data=PersonCreate(display_name="Leap Day", birthday_no_year="--02-29"),
    )
    session.flush()

    text = export_people(session, workspace_id=workspace.id, format=fmt)
    target, _report = round_trip(session, workspace.id, f"leap-{fmt}", fmt)

    assert written in text
    (copy,) = comparable(session, target.id)
    assert (copy["birthday"], copy["birthday_no_year"], copy["notes"]) == (None, "--02-29", None)
