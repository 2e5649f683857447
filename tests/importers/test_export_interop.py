"""vCard exports other address books read as they should, and that Goodword reads back
exactly: line breaks of every kind, labels as TYPE, dates, web addresses, several jobs."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
import vobject

import factories as f
from goodword.importers.export import download_name, export_people
from goodword.importers.reading import Document
from goodword.importers.records import Upload
from goodword.importers.service import import_files
from goodword.importers.vcard import parse
from goodword.people import service as people
from goodword.people.normalize import phone_label
from goodword.people.schemas import PositionCreate
from goodword.workspaces import service as workspaces

VERSIONS = ["vcard", "vcard4"]
TODAY = date(2026, 11, 25)


def imported(session, text: str, slug: str, name: str = "people.vcf"):
    """The people of the file, imported into a workspace of their own."""
    target = workspaces.get_or_create(session, slug=slug, name="Copy")
    import_files(
        session, workspace_id=target.id, today=TODAY,
        paths_or_uploads=[Upload(name, text.encode())],
    )  # fmt: skip
    session.expire_all()
    return people.list_(session, workspace_id=target.id).items


def read_card(text: str):
    (person,) = parse(Document("card.vcf", text)).people
    return person


def card(*lines: str) -> str:
    return "\r\n".join(["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD", ""])


@pytest.mark.parametrize("fmt", VERSIONS)
def test_every_kind_of_line_break_in_a_note_is_a_line_break_and_adds_no_property(
    session, workspace, fmt
):
    f.person(session, workspace.id, "Sep Test", emails=["sep@x.example"],
             notes="first\u2028 second\u2029third\x85fourth\x0bfifth\x0cpage\x01two\r\nend",
             how_we_met="met at\u2028TEL:+14125550199")  # fmt: skip
    text = export_people(session, workspace_id=workspace.id, format=fmt)
    for character in "\u2028\u2029\x85\x0b\x0c\x01":
        assert character not in text
    (vcard,) = vobject.readComponents(text, validate=True)
    assert vcard.note.value == "first\n second\nthird\nfourth\nfifth\npagetwo\nend"
    (back,) = imported(session, text, "copy")
    assert back.notes == "first\n second\nthird\nfourth\nfifth\npagetwo\nend"
    assert back.how_we_met == "met at\nTEL:+14125550199"
    assert back.phones == []


def test_a_line_separator_inside_another_apps_value_is_text():
    # It does not end the property: the note goes on, its breaks kept as new lines.
    person = read_card(card("FN:Ann Lee", "NOTE:one\u2028two\u2029three", "TEL:+14125550100"))
    assert person.notes == "one\ntwo\nthree"
    assert [p.value for p in person.phones] == ["+14125550100"]


@pytest.mark.parametrize("fmt", VERSIONS)
def test_a_label_with_a_comma_or_semicolon_comes_back_the_same_every_time(session, workspace, fmt):
    person = f.person(session, workspace.id, "Label Test", emails=["a@x.example"],
                      phones=["+14125550101"], urls=["https://label.example"])  # fmt: skip
    person.emails[0].label = "Work, London"
    person.phones[0].label = "Desk; 2nd floor"
    person.urls[0].label = "Blog\\Notes"
    session.flush()
    text = export_people(session, workspace_id=workspace.id, format=fmt)
    for round_ in range(2):
        (back,) = imported(session, text, f"copy-{round_}")
        assert (back.emails[0].label, back.phones[0].label, back.urls[0].label) == (
            "Work, London", "Desk; 2nd floor", "Blog\\Notes",
        )  # fmt: skip
        text = export_people(session, workspace_id=back.workspace_id, format=fmt)


def test_an_apple_label_with_escaped_punctuation_is_read_as_written():
    person = read_card(card(
        "FN:Priya Nayak", "item1.EMAIL;TYPE=INTERNET:priya@x.example",
        'item1.X-ABLabel:Side project\\, "Nayak Labs"\\; beta',
    ))  # fmt: skip
    assert person.emails[0].label == 'Side project, "Nayak Labs"; beta'


LABELS = ["cell", "work", "home", "fax", "Mobile", "voice", "Other", "Side gig"]


@pytest.mark.parametrize("fmt", VERSIONS)
def test_labels_vcard_names_are_types_and_goodword_reads_back_the_same_labels(
    session, workspace, fmt
):
    phones = [f"+1412555010{i}" for i in range(len(LABELS))]
    person = f.person(session, workspace.id, "Type Test", phones=phones,
                      emails=["w@x.example", "h@x.example", "o@x.example"])  # fmt: skip
    for phone, label in zip(person.phones, LABELS, strict=True):
        phone.label = label
    for email, label in zip(person.emails, ["work", "home", "Work"], strict=True):
        email.label = label
    session.flush()
    text = export_people(session, workspace_id=workspace.id, format=fmt)
    (vcard,) = vobject.readComponents(text, validate=True)
    types = {
        prop.value.removeprefix("tel:"): [t.lower() for t in prop.params.get("TYPE", [])]
        for prop in vcard.contents["tel"]
    }
    assert types["+14125550100"][0] == "cell"
    assert [types[f"+1412555010{i}"] for i in range(1, 8)] == [
        ["work"], ["home"], ["fax"], ["cell"], ["voice"], [], [],
    ]  # fmt: skip
    # A label Goodword holds in other words than vCard's rides in a group besides its TYPE;
    # Apple's own labels in Apple's own way. (An e-mail's "Work" is kept as "work", TYPE's.)
    labels = [prop.value for prop in vcard.contents["x-ablabel"]]
    assert sorted(labels) == ["Side gig", "_$!<Mobile>!$_", "_$!<Other>!$_", "voice"]
    emails = {
        p.value: [t.lower() for t in p.params.get("TYPE", [])] for p in vcard.contents["email"]
    }
    internet = ["internet"] if fmt == "vcard" else []
    assert emails["h@x.example"] == [*internet, "home"]
    assert emails["o@x.example"] == [*internet, "work"]
    (back,) = imported(session, text, "copy")
    # (A phone's label of a well-known kind is kept in one form: "Mobile" is "mobile".)
    assert [p.label for p in back.phones] == [phone_label(label) for label in LABELS]
    assert [e.label for e in back.emails] == ["work", "home", "work"]


@pytest.mark.parametrize(("fmt", "written"), [("vcard", "1985-04-12"), ("vcard4", "19850412")])
def test_a_birthday_is_written_as_each_version_says_and_read_back(session, workspace, fmt, written):
    f.person(session, workspace.id, "Born Test", birthday=date(1985, 4, 12))
    text = export_people(session, workspace_id=workspace.id, format=fmt)
    assert f"\r\nBDAY:{written}\r\n" in text
    (back,) = imported(session, text, "copy")
    assert back.birthday == date(1985, 4, 12)
    # The extended form Goodword's earlier 4.0 exports wrote is read too.
    old = card("FN:Ann Lee", "BDAY:1985-04-12").replace("VERSION:3.0", "VERSION:4.0")
    assert read_card(old).birthday == date(1985, 4, 12)


@pytest.mark.parametrize("fmt", VERSIONS)
def test_a_web_address_is_written_as_a_uri_not_as_escaped_text(session, workspace, fmt):
    url = "https://maps.example.com/place/@52.52,13.40,15z;a=b"
    f.person(session, workspace.id, "Map Test", urls=[url])
    text = export_people(session, workspace_id=workspace.id, format=fmt)
    assert f"\r\nURL:{url}\r\n" in text
    (back,) = imported(session, text, "copy")
    assert [u.url for u in back.urls] == [url]
    # Goodword's earlier exports escaped it as text; that is read right still.
    escaped = card(
        "FN:Map Test", "UID:goodword-9-9", "URL:" + url.replace(",", "\\,").replace(";", "\\;")
    )
    assert [u.value for u in read_card(escaped).urls] == [url]


def test_vcard_4_escapes_a_semicolon_only_where_the_value_has_parts(session, workspace):
    f.person(session, workspace.id, "Semi; Colon", given_name="Semi;", family_name="Colon",
             notes="Met at PyData, London; loves chess.", tags=["semi;colon", "a,b"],
             how_we_met="at a; b")  # fmt: skip
    four = export_people(session, workspace_id=workspace.id, format="vcard4")
    assert "\r\nNOTE:Met at PyData\\, London; loves chess.\r\n" in four
    assert "\r\nCATEGORIES:semi;colon,a\\,b\r\n" in four
    assert "\r\nFN:Semi; Colon\r\n" in four and "\r\nN:Colon;Semi\\;;;;\r\n" in four
    three = export_people(session, workspace_id=workspace.id, format="vcard")
    assert "\r\nNOTE:Met at PyData\\, London\\; loves chess.\r\n" in three
    assert "\r\nCATEGORIES:semi\\;colon,a\\,b\r\n" in three
    for fmt, text in (("vcard4", four), ("vcard", three)):
        (vcard,) = vobject.readComponents(text, validate=True)
        assert vcard.categories.value == ["semi;colon", "a,b"]
        (back,) = imported(session, text, f"copy-{fmt}")
        assert (back.display_name, back.given_name, back.notes, back.tags, back.how_we_met) == (
            "Semi; Colon", "Semi;", "Met at PyData, London; loves chess.",
            ["semi;colon", "a,b"], "at a; b",
        )  # fmt: skip


@pytest.mark.parametrize("fmt", VERSIONS)
def test_each_current_job_pairs_its_organization_and_title(session, workspace, fmt):
    person = f.person(session, workspace.id, "Zoë Ødegård")
    # (Each started before the one added before it, so all three stay current.)
    jobs = [
        ("Żabka Polska", "CTO", 2024),
        ("Board\\Org", "Advisor", 2019),
        ("Quiet Co", None, 2010),
    ]
    for org, title, year in jobs:
        people.add_position(
            session, workspace_id=workspace.id, person_id=person.id,
            data=PositionCreate(organization_name=org, title=title, start_date=date(year, 1, 1)),
        )  # fmt: skip
    text = export_people(session, workspace_id=workspace.id, format=fmt)
    (vcard,) = vobject.readComponents(text, validate=True)
    orgs = {p.group: p.value[0] for p in vcard.contents["org"]}
    titles = {p.group: p.value for p in vcard.contents["title"]}
    assert {orgs[group]: title for group, title in titles.items()} == {
        "Żabka Polska": "CTO", "Board\\Org": "Advisor",
    }  # fmt: skip
    assert None not in orgs and len(orgs) == 3
    # Another app's card, its groups in another order than its lines.
    other = read_card(card(
        "FN:Zoë Ødegård", "item2.ORG:Board", "item1.ORG:Żabka Polska", "item1.TITLE:CTO",
        "TITLE:Stray", "item2.TITLE:Advisor",
    ))  # fmt: skip
    assert [(p.organization, p.title) for p in other.positions] == [
        ("Board", "Advisor"), ("Żabka Polska", "CTO"),
    ]  # fmt: skip
    assert other.notes == "Job title: Stray"
    # A card without groups pairs them in order, as before.
    plain = read_card(card("FN:Ann Lee", "ORG:A", "ORG:B", "TITLE:TA", "TITLE:TB", "TITLE:TC"))
    assert [(p.organization, p.title) for p in plain.positions] == [("A", "TA"), ("B", "TB")]
    assert plain.notes == "Job title: TC"


@pytest.mark.parametrize("fmt", VERSIONS)
def test_a_jobs_department_is_the_second_part_of_its_org(session, workspace, fmt):
    person = f.person(session, workspace.id, "Ada Lovelace")
    people.add_position(
        session, workspace_id=workspace.id, person_id=person.id,
        data=PositionCreate(organization_name="Trinity College; Dublin", title="Lecturer",
                            department="School of Computer Science"),
    )  # fmt: skip
    text = export_people(session, workspace_id=workspace.id, format=fmt)
    (vcard,) = vobject.readComponents(text, validate=True)
    assert vcard.org.value == ["Trinity College; Dublin", "School of Computer Science"]
    # Another app reads it so too (Goodword's own reader takes X-GOODWORD-POSITION).
    (job,) = read_card(text).positions
    assert (job.organization, job.department) == (
        "Trinity College; Dublin", "School of Computer Science",
    )  # fmt: skip


def test_the_csv_tells_a_spreadsheet_it_is_utf_8(session, workspace):
    f.person(session, workspace.id, "山田 太郎", emails=["taro@x.example"])
    text = export_people(session, workspace_id=workspace.id, format="csv")
    assert text.startswith("\ufeffGoodword ID,Display Name,")
    (back,) = imported(session, text, "copy", "people.csv")
    assert back.display_name == "山田 太郎"


def test_every_people_export_carries_the_keep_in_touch_cadence(session, workspace):
    f.person(session, workspace.id, "Every Fortnight", keep_in_touch_days=14)
    f.person(session, workspace.id, "Never Remind", keep_in_touch_days=0)
    f.person(session, workspace.id, "Default Rhythm")
    records = json.loads(export_people(session, workspace_id=workspace.id, format="json"))
    assert [p["keep_in_touch_days"] for p in records["people"]] == [14, 0, None]
    text = export_people(session, workspace_id=workspace.id, format="csv")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [row["Keep in touch days"] for row in rows] == ["14", "0", ""]
    for fmt in VERSIONS:
        text = export_people(session, workspace_id=workspace.id, format=fmt)
        cards = list(vobject.readComponents(text, validate=True))
        days = [c.contents.get("x-goodword-keep-in-touch-days") for c in cards]
        assert [d[0].value if d else None for d in days] == ["14", "0", None]


def test_the_two_vcard_versions_download_under_different_names():
    names = [download_name(fmt) for fmt in ("vcard", "vcard4", "csv", "json")]
    assert names == [
        "goodword-people.vcf", "goodword-people-vcard4.vcf", "goodword-people.csv",
        "goodword-people.json",
    ]  # fmt: skip


@pytest.mark.parametrize("fmt", VERSIONS)
def test_a_name_s_prefix_and_suffix_are_n_s_and_come_back_once(session, workspace, fmt):
    # A card's "Dr." and "Jr." stay in the name shown; "Prof." and "MBA", which its name
    # shown leaves out, in the notes. Other address books build a name from N's parts.
    cards = card("FN:Dr. Chidi Okafor Jr.", "N:Okafor;Chidi;;Dr.;Jr.\\,PhD") + card(
        "FN:Ana Ruiz", "N:Ruiz;Ana;;Prof.;MBA"
    )
    imported(session, cards, "first")
    first = workspaces.get_or_create(session, slug="first", name="Copy")

    text = export_people(session, workspace_id=first.id, format=fmt)

    chidi, ana = vobject.readComponents(text, validate=True)
    assert (chidi.n.value.prefix, chidi.n.value.suffix) == ("Dr.", ["Jr.", "PhD"])
    assert (ana.n.value.prefix, ana.n.value.suffix) == ("Prof.", "MBA")
    assert (chidi.fn.value, chidi.n.value.given, chidi.n.value.family) == (
        "Dr. Chidi Okafor Jr.", "Chidi", "Okafor",
    )  # fmt: skip
    back = {p.display_name: p for p in imported(session, text, "again")}
    assert (back["Dr. Chidi Okafor Jr."].given_name, back["Ana Ruiz"].family_name) == (
        "Chidi", "Ruiz",
    )  # fmt: skip
    assert back["Dr. Chidi Okafor Jr."].notes == "Credentials: PhD"
    assert back["Ana Ruiz"].notes == "Name prefix: Prof.\n\nCredentials: MBA"
