"""Each source shape parses into the right plain records (no database involved)."""

from __future__ import annotations

import gc
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from goodword.importers import registry
from goodword.importers.cleaning import clean_name
from goodword.importers.dates import parse_date
from goodword.importers.reading import Document, documents
from goodword.importers.records import REFERENCE_TAG, ImportFileError, Parsed, Role, Upload
from goodword.interactions.models import Direction
from goodword.organizations.names import organization_key

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"


def parse(name: str) -> Parsed:
    (document,) = documents([DATA / name])
    parsed = registry.parse(document)
    assert parsed is not None
    return parsed


def parse_text(name: str, text: str) -> Parsed:
    (document,) = documents([Upload(name, text.encode())])
    parsed = registry.parse(document)
    assert parsed is not None
    return parsed


def by_name(parsed: Parsed) -> dict[str, object]:
    return {p.name: p for p in parsed.people}


def test_it_reads_new_connections_with_the_notes_preamble():
    parsed = parse("Connections.csv")
    assert parsed.format == "linkedin-connections"
    people = by_name(parsed)
    ada = people["Ada Lovelace"]
    assert ada.key == "https://www.linkedin.com/in/ada-lovelace"
    assert [e.value for e in ada.emails] == ["ada@analytical.example"]
    assert ada.positions[0].organization == "Analytical Engines Ltd"
    assert ada.positions[0].title == "Mathematician"
    assert ada.connected_on == date(2025, 12, 26)
    assert ada.linkedin_connection


def test_it_moves_credentials_pronouns_and_nicknames_out_of_names():
    people = by_name(parse("Connections.csv"))
    assert people["Priya Nayak"].notes == "Credentials: MSc, MBA"
    assert people["Sam Lee"].notes == "Pronouns: she/her"
    assert people["Robert Okafor"].notes == "Goes by Bob"
    assert "José García-López" in people  # the flag is gone, the accents stay
    assert "Yuki 山田" in people


def test_it_keeps_a_member_urn_as_a_key_and_not_as_an_email():
    people = by_name(parse("Connections_old.csv"))
    layla = people["Layla Haddad"]
    assert layla.emails == []
    assert layla.key == "urn:li:member:987654"


def test_it_reports_empty_rows_of_deleted_accounts_as_skipped():
    parsed = parse("Connections.csv")
    assert [(s.line, s.reason) for s in parsed.skipped] == [
        (8, "an empty row (LinkedIn leaves these for deleted accounts)")
    ]
    assert parsed.rows == 7


def test_it_reads_short_connection_rows_and_profile_links_in_any_case():
    parsed = parse_text(
        "Connections.csv",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Lovelace,https://www.linkedin.com/in/Ada-Lovelace,,Engines Ltd,Analyst,26 Dec 2025\n"
        "Grace,Hopper,https://www.linkedin.com/in/grace-hopper/?trk=x,grace@navy.example\n"
        "Alan,Turing,https://uk.linkedin.com/in/alan-turing/\n",
    )
    people = by_name(parsed)
    ada, grace, alan = people["Ada Lovelace"], people["Grace Hopper"], people["Alan Turing"]
    assert ada.key == "https://www.linkedin.com/in/ada-lovelace"
    assert (ada.positions[0].organization, ada.positions[0].title) == ("Engines Ltd", "Analyst")
    assert ada.connected_on == date(2025, 12, 26)
    # Rows that stop early: the missing cells are empty.
    assert grace.key == "https://www.linkedin.com/in/grace-hopper"
    assert [e.value for e in grace.emails] == ["grace@navy.example"]
    assert (grace.positions, grace.connected_on) == ([], None)
    assert alan.key == "https://www.linkedin.com/in/alan-turing"


def test_it_reads_old_connections_without_url_and_with_us_dates():
    parsed = parse("Connections_old.csv")
    people = by_name(parsed)
    assert people["Tunde Balogun"].connected_on == date(2018, 1, 8)
    assert people["Tunde Balogun"].key == "name:tunde balogun|2018-01-08"
    assert people["Kwame Mensah"].positions == []
    assert len(parsed.skipped) == 1


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Connections_cp1252.csv", {"José Müller", "Zoë Brontë"}),
        ("Connections_bom.csv", {"Chloé Dubois", "Renée Léger"}),
    ],
)
def test_it_decodes_legacy_encodings_boms_and_repairs_mojibake(name, expected):
    parsed = parse(name)
    assert set(by_name(parsed)) == expected
    organizations = {p.positions[0].organization for p in parsed.people}
    assert organizations & {"Société Générale", "Hermès"}


def test_it_reads_old_messages_with_their_direction_column():
    parsed = parse("messages_old.csv")
    first, second, _third = parsed.interactions
    assert first.direction is Direction.INBOUND
    assert second.direction is Direction.OUTBOUND
    assert first.occurred_at == datetime(2018, 1, 8, 18, 14, tzinfo=UTC)
    assert first.summary == "Coffee?\n\nShall we meet to talk about engines?"


def test_it_reads_new_messages_with_profile_urls():
    parsed = parse("messages.csv")
    first = parsed.interactions[0]
    assert first.sender.url == "https://www.linkedin.com/in/ada-lovelace"
    assert first.recipients[0].url == "https://www.linkedin.com/in/alice-example"
    assert first.direction is None  # settled later, once the user's profile is known
    assert len({i.external_id for i in parsed.interactions}) == 3


def test_it_reads_invitations_both_ways():
    parsed = parse("Invitations.csv")
    sent, received = parsed.interactions
    assert sent.direction is Direction.OUTBOUND
    assert sent.summary == "LinkedIn invitation to connect: Enjoyed your talk on engines."
    assert received.direction is Direction.INBOUND


def test_it_reads_the_users_profile_positions_and_addresses():
    me = parse("Profile.csv").people[0]
    assert me.role is Role.ME
    assert (me.given_name, me.family_name, me.birthday) == ("Alice", "Example", date(1990, 3, 4))
    assert [(u.value, u.label) for u in me.urls] == [("https://alice.example.org", "Portfolio")]
    career = parse("Positions.csv").people[0]
    assert [(p.organization, p.is_current, p.end_date) for p in career.positions] == [
        ("Kestrel Labs", True, None),
        ("Amber Bank", False, date(2021, 2, 1)),
    ]
    assert [e.value for e in parse("Email Addresses.csv").people[0].emails] == ["alice@example.org"]


@pytest.mark.parametrize("name", ["Recommendations_Given.csv", "Recommendations_Received.csv"])
def test_it_flags_recommendation_people_as_reference_candidates(name):
    person = parse(name).people[0]
    assert person.role is Role.FLAG
    assert person.tags == [REFERENCE_TAG]


def test_it_reads_google_contacts_legacy_form_with_multiple_values():
    parsed = parse("google_legacy.csv")
    assert parsed.label == "Google Contacts (legacy form)"
    grace = by_name(parsed)["Grace Brewster Hopper"]
    assert [(e.value, e.label) for e in grace.emails] == [
        ("grace@navy.example", "work"),
        ("grace.hopper@cobol.example", "work"),
        ("grace@home.example", "home"),
    ]
    assert grace.tags == ["Mentors"]  # Google's own "myContacts" group is not a tag
    assert grace.location == "Arlington, VA, USA"
    assert grace.birthday == date(1906, 12, 9)
    assert "Goes by Amazing Grace" in grace.notes
    ada = by_name(parsed)["Ada Lovelace"]
    assert (ada.birthday, ada.birthday_no_year, ada.warnings) == (None, "--12-10", [])


def test_google_organizations_in_one_cell_are_a_job_each_with_its_title():
    header = "First Name,Last Name,Organization Name,Organization Title,E-mail 1 - Value\n"
    rows = "Ada,Lovelace,Acme ::: Beta Labs,CEO ::: CTO,ada@x.example\n"
    rows += "Bo,Kim,Acme ::: Beta Labs,Adviser,bo@x.example\n"
    parsed = registry.parse(Document("contacts.csv", header + rows))
    assert parsed is not None
    jobs = {p.name: [(j.organization, j.title) for j in p.positions] for p in parsed.people}
    assert jobs == {
        "Ada Lovelace": [("Acme", "CEO"), ("Beta Labs", "CTO")],
        "Bo Kim": [("Acme", "Adviser"), ("Beta Labs", None)],
    }


def test_it_reads_google_contacts_labelled_form():
    parsed = parse("google_labelled.csv")
    assert parsed.label == "Google Contacts (labelled form)"
    hedy = by_name(parsed)["Hedy Lamarr"]
    assert [p.value for p in hedy.phones] == ["+43 1 555 0102", "+1 310 555 0103"]
    assert hedy.positions[0].department == "R&D"
    assert hedy.tags == ["Mentors"]


def test_google_labels_of_the_users_own_are_tags_even_when_named_like_googles():
    header = (DATA / "google_labelled.csv").read_text().splitlines()[0]
    columns = header.split(",")
    row = ["" for _ in columns]
    row[columns.index("First Name")], row[columns.index("Last Name")] = "Li", "Wei"
    row[columns.index("Labels")] = "Family ::: Coworkers ::: * myContacts ::: * starred"
    (li,) = parse_text("contacts.csv", header + "\n" + ",".join(row) + "\n").people
    assert li.tags == ["Family", "Coworkers"]


def test_an_apple_birthday_without_a_year_is_not_given_the_stand_in_year():
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Maya Angelou\r\n"
        "BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-04\r\nEND:VCARD\r\n"
    )
    (maya,) = parse_text("maya.vcf", card).people
    assert (maya.birthday, maya.birthday_no_year, maya.notes) == (None, "--04-04", None)
    dated = card.replace("BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-04", "BDAY:1928-04-04")
    assert parse_text("maya.vcf", dated).people[0].birthday == date(1928, 4, 4)


def test_it_reads_vcard_3_with_groups_categories_and_a_photo():
    parsed = parse("contacts30.vcf")
    assert parsed.label == "vCard 3.0"
    grace = by_name(parsed)["Grace Hopper"]
    assert [(u.value, u.label) for u in grace.urls] == [
        ("https://www.linkedin.com/in/grace-hopper", "LinkedIn"),
        ("https://grace.example.org", "Blog"),
    ]
    assert grace.tags == ["Mentors", "Navy"]
    assert grace.notes == "Met at the compilers meetup.\nLoves nanoseconds, and wire."
    assert (grace.positions[0].organization, grace.positions[0].department) == (
        "Navy Labs",
        "Computing",
    )
    assert by_name(parsed)["Wanjiru Kamau"].location == "Nairobi, Kenya"


def test_it_unfolds_vcard_lines_soft_breaks_and_quoted_colons():
    parsed = parse_text(
        "folded.vcf",
        "BEGIN:VCARD\r\n"
        "VERSION:2.1\r\n"
        "N:Lovelace;Ada;;;\r\n"
        "FN:Ada \r\n"
        " Lovelace\r\n"
        'EMAIL;X-SERVICE="work:main";TYPE=WORK:ada@engines.example\r\n'
        "NOTE;ENCODING=QUOTED-PRINTABLE:Met at the=0D=0Aengine =\r\n"
        "demo\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\n"
        "VERSION:2.1\r\n"
        "N:Hopper;Grace;;;\r\n"
        'EMAIL;X-SERVICE="work:main";TYPE=WORK:grace@navy.example\r\n'
        "END:VCARD\r\n",
    )
    ada, grace = parsed.people
    assert ada.display_name == "Ada Lovelace"
    assert [(e.value, e.label) for e in ada.emails] == [("ada@engines.example", "work")]
    assert ada.notes == "Met at the\nengine demo"  # one line break, as typed
    assert [(e.value, e.label) for e in grace.emails] == [("grace@navy.example", "work")]


def test_a_vcard_line_ending_in_equals_is_not_joined_unless_quoted_printable():
    parsed = parse_text(
        "plain.vcf",
        "BEGIN:VCARD\nVERSION:3.0\nN:Hopper;Grace;;;\nNOTE:2 + 2 =\nTITLE:Admiral\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nN:Lovelace;Ada;;;\nTITLE:Analyst\nEND:VCARD\n",
    )
    grace, ada = parsed.people
    # (A title without an organization goes to the notes, after the note it was not joined to.)
    assert (grace.notes, grace.positions) == ("2 + 2 =\n\nJob title: Admiral", [])
    assert (ada.given_name, ada.family_name) == ("Ada", "Lovelace")


def test_parsing_leaves_the_garbage_collector_as_it_was_even_when_a_file_fails():
    # Parsing pauses the collector; it must be left as it was whatever happens.
    before = gc.isenabled()
    parse("contacts30.vcf")
    with pytest.raises(ImportFileError):
        parse("malformed.vcf")
    assert gc.isenabled() == before


def test_it_reads_vcard_4():
    emilie = parse("contact40.vcf").people[0]
    assert emilie.name == "Émilie du Châtelet"
    assert emilie.birthday == date(1706, 12, 17)
    assert [p.value for p in emilie.phones] == ["+33-1-55-55-01-04"]
    assert emilie.key == "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"


def test_it_detects_formats_from_content_not_file_names(tmp_path):
    disguised = tmp_path / "export.txt"
    disguised.write_bytes((DATA / "contacts30.vcf").read_bytes())
    (document,) = documents([disguised])
    assert registry.detect(document) == "vcard"
    renamed = tmp_path / "contacts.vcf"
    renamed.write_bytes((DATA / "google_labelled.csv").read_bytes())
    (document,) = documents([renamed])
    assert registry.detect(document) == "google-contacts"


def test_the_organization_key_drops_legal_forms():
    assert {organization_key(n) for n in ("Google", "Google LLC", "Google Inc.")} == {"google"}
    assert organization_key("Reddit, Inc.") == "reddit"
    assert organization_key("The Walt Disney Company") == "walt disney"
    assert organization_key("Co") == "co"


def test_names_without_decorations_pass_through_unchanged():
    assert clean_name("Ann", "Van Der Berg") == ("Ann", "Van Der Berg", [])
    assert clean_name("Li", "Wei (Kevin), PhD") == (
        "Li",
        "Wei",
        ["Credentials: PhD", "Goes by Kevin"],
    )


def test_single_word_names_in_any_script_pass_through_unchanged():
    assert clean_name("Zoë", "Brontë") == ("Zoë", "Brontë", [])
    assert clean_name("Yuki", "山田") == ("Yuki", "山田", [])
    assert clean_name("Ann", "MBA") == ("Ann", "MBA", [])
    assert clean_name("Ann🚀", "Lee") == ("Ann", "Lee", [])
    assert clean_name("Priya", "Nayak, MBA") == ("Priya", "Nayak", ["Credentials: MBA"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("26 Dec 2025", date(2025, 12, 26)),
        ("1/8/18, 6:14 PM", date(2018, 1, 8)),
        ("Mar 2019", date(2019, 3, 1)),
        # A spreadsheet's month-and-year and long date forms.
        ("Apr-85", date(1985, 4, 1)),
        # Excel's month and year (mmm-yy) shows December 2010 as "Dec-10"; its day and
        # month (d-mmm) shows 10 December as "10-Dec", which names no year and is no date.
        ("Dec-10", date(2010, 12, 1)),
        ("10-Dec", None),
        ("Wednesday, April 3, 1985", date(1985, 4, 3)),
        ("Wednesday, 3 April 1985", date(1985, 4, 3)),
        ("mercredi 3 avril 1985", date(1985, 4, 3)),
        ("sabato 3 aprile 1985", date(1985, 4, 3)),
        ("mié 3 abr 1985", date(1985, 4, 3)),
        ("Circa April 3, 1985", None),  # (a weekday leads a long date; no other word does)
        ("Mar 19", None),
        ("Dec 10, 1990", date(1990, 12, 10)),
        ("19901210", date(1990, 12, 10)),
        # A Connections.csv re-saved by a spreadsheet in a day-first locale.
        ("26/12/2025", date(2025, 12, 26)),
        ("26-Dec-25", date(2025, 12, 26)),
        ("26.12.2025", date(2025, 12, 26)),
        ("5.6.25", date(2025, 6, 5)),
        # Re-saved by a spreadsheet set up for another language, the month in its words.
        ("26. Dez. 2025", date(2025, 12, 26)),
        ("26-déc.-25", date(2025, 12, 26)),
        ("26 dic 2025", date(2025, 12, 26)),
        ("1 août 2024", date(2024, 8, 1)),
        ("3 März 2021", date(2021, 3, 3)),
        ("5 mrt 2019", date(2019, 3, 5)),
        ("12 out 2020", date(2020, 10, 12)),
        ("26 abc 2025", None),
        ("--12-10", None),
        ("13/13/2025", None),
        ("soon", None),
    ],
)
def test_it_reads_the_date_shapes_sources_use(text, expected):
    assert parse_date(text) == expected


def test_a_connection_date_it_cannot_read_is_noted_not_silently_dropped():
    text = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Lovelace,,,,,someday\n"
    )
    (ada,) = parse_text("Connections.csv", text).people
    assert ada.connected_on is None
    assert ada.warnings == ["connected on 'someday' is not a date Goodword reads; not kept"]


@pytest.mark.parametrize(
    ("text", "encoding", "bom"),
    [
        # A spreadsheet that puts a UTF-8 mark before text it wrote in Windows-1252.
        ("Name,Company\nJosé Müller,Société Générale\n", "cp1252", True),
        ("Name,Company\nJosé Müller,Société Générale\n", "cp1252", False),
        ("Name,Company\nАлексей Иванов,Газпром\nМария Петрова,Яндекс\n", "cp1251", False),  # noqa: RUF001
        ("Imię,Nazwisko\nŁukasz,Wąsik\nZofia,Żółć\n", "cp1250", False),
        ("Jméno,Příjmení\nAntonín,Dvořák\nJana,Černá\n", "cp1250", False),
        ("Név,Város\nSzőke Anna,Győr\n", "cp1250", False),
        ("Nom,Prénom\nDupré,Hélène\nLefèvre,François\n", "cp1252", False),
        # One row each, too short for a statistical guess (each used to come out wrong).
        ("Name,Company\nPaweł Nowak,Acme\n", "cp1250", False),
        ("Name,Company\nÖdön Szűcs,Magyar Telekom\n", "cp1250", False),
        ("Name,Company\nИван Петров,Яндекс\n", "cp1251", False),  # noqa: RUF001
        ("Name,Company\nΜαρία Νικολάου,Cosmote\n", "cp1253", False),  # noqa: RUF001
        ("Name,Company\nŞükrü Yılmaz,Türk Telekom\n", "cp1254", False),  # noqa: RUF001
        ("Name,Company\nAyşe Öztürk,Arçelik\n", "cp1254", False),
        ("Name,Company\nJūratė Kazlauskienė,Telia\n", "cp1257", False),
        ("Name,Company\nJānis Bērziņš,Lattelecom\n", "cp1257", False),
        ("Name,Company\nSøren Kierkegaard,Novo Nordisk\n", "cp1252", False),
        ("Name,Company\nBjörk Guðmundsdóttir,Össur\n", "cp1252", False),
    ],
)
def test_short_files_in_legacy_code_pages_are_read_as_written(text, encoding, bom):
    from goodword.importers.encodings import decode

    data = text.encode(encoding)
    assert decode(b"\xef\xbb\xbf" + data if bom else data) == text


def test_a_whole_name_keeps_its_pronouns_and_credentials_in_the_notes():
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam Lee (she/her) \U0001f33b\r\nN:Lee;Sam;;;\r\n"
        "END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Priya Nayak, MSc, MBA\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mary Ann O'Neil-Smith PhD\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mei Ma\r\nN:Ma;Mei;;;\r\nEND:VCARD\r\n"
    )
    sam, priya, mary, mei = parse_text("people.vcf", card).people
    # A family name that is also a credential's letters stays a name ("Ma", not "MA").
    assert (mei.display_name, mei.family_name, mei.notes) == ("Mei Ma", "Ma", None)
    assert (sam.display_name, sam.notes) == ("Sam Lee", "Pronouns: she/her")
    assert (priya.display_name, priya.notes) == ("Priya Nayak", "Credentials: MSc, MBA")
    # Credentials at the end without a comma go too.
    assert (mary.display_name, mary.notes) == ("Mary Ann O'Neil-Smith", "Credentials: PhD")
    (document,) = documents([Upload("crm.csv", b"Full Name,Mail\nSam Lee (she/her),s@x.org\n")])
    parsed = registry.parse(document, mapping={"name": ["Full Name"], "email": ["Mail"]})
    assert parsed is not None
    (mapped,) = parsed.people
    assert (mapped.display_name, mapped.notes) == ("Sam Lee", "Pronouns: she/her")


def test_the_docs_list_the_columns_each_csv_is_recognised_by():
    docs = (Path(__file__).resolve().parents[2] / "docs" / "importing.md").read_text()
    section = docs.split("### How a CSV is recognised", 1)[1].split("###", 1)[0]
    for format_id, signature, _parse in registry.TABLE_FORMATS:
        line = next(
            row
            for row in section.splitlines()
            if row.startswith(f"| {registry.LABELS[format_id]} |")
        )
        assert ", ".join(h.title() for h in sorted(signature)) in line


def test_a_header_that_nearly_matches_names_the_missing_column():
    # The URL column's LinkedIn profiles show the file is LinkedIn's; the same columns
    # without them are any list of people (test_near_matches_and_whole_names.py).
    text = "First Name,Last Name,URL,Company,Position\nAda,L,https://www.linkedin.com/in/ada,A,B\n"
    with pytest.raises(ImportFileError) as refused:
        parse_text("Connections.csv", text)
    assert "It looks like LinkedIn Connections.csv, but has no 'Connected On' column" in (
        refused.value.message
    )
