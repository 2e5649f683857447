"""Google Contacts and vCard details kept as the file says them: each value with its own
label, names with their prefixes and suffixes, businesses without a person's name, notes
with one kind of line break, phone numbers a spreadsheet re-saved, and report notes that
cite the line they are about."""

from __future__ import annotations

import base64
import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

import factories as f
from goodword.importers.cleaning import clean_name
from goodword.importers.export import export_people
from goodword.importers.reading import documents
from goodword.importers.records import ImportFileError, Parsed, Upload
from goodword.importers.registry import parse as parse_document
from goodword.importers.report import Outcome
from goodword.importers.service import import_files
from goodword.importers.state import phone_key
from goodword.people import normalize
from goodword.people import service as people
from goodword.people.models import Person, PersonSource

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"
TODAY = date(2026, 11, 25)


def parse(name: str) -> Parsed:
    (document,) = documents([DATA / name])
    parsed = parse_document(document)
    assert parsed is not None
    return parsed


def run(session: Session, workspace_id: int, *files: str | Upload, dry_run: bool = False):
    return import_files(
        session,
        workspace_id=workspace_id,
        paths_or_uploads=[DATA / f if isinstance(f, str) else f for f in files],
        today=TODAY,
        dry_run=dry_run,
    )


def everyone(session: Session, workspace_id: int) -> dict[str, Person]:
    session.expire_all()
    found = session.scalars(
        select(Person).where(Person.workspace_id == workspace_id).options(*people.with_details())
    )
    return {p.display_name: p for p in found}


# --- Google Contacts -------------------------------------------------------------------


def test_each_google_value_gets_its_own_label():
    maria = next(p for p in parse("google_prefixed.csv").people if p.given_name == "Maria Elena")
    assert [(e.value, e.label) for e in maria.emails] == [
        ("maria@globex.com", "work"),
        ("maria.rossi@gmail.com", "home"),
        ("maria.r@outlook.com", "personal"),
    ]
    assert [(p.value, p.label) for p in maria.phones] == [
        ("+39 333 123 4567", "mobile"),
        ("+39 02 1234567", "work"),
    ]


def test_the_primary_google_value_comes_first():
    (marcus,) = parse("google_relations.csv").people
    # "Home ::: * Work": the starred (primary) address is the person's first.
    assert [(e.value, e.label) for e in marcus.emails] == [
        ("marcus@webb-cpa.example", "work"),
        ("marcus@home.example", "home"),
    ]


def test_google_name_prefix_and_suffix_are_kept():
    maria = next(p for p in parse("google_prefixed.csv").people if p.given_name == "Maria Elena")
    assert (maria.display_name, maria.given_name, maria.family_name) == (
        "Dr. Maria Elena Rossi",
        "Maria Elena",
        "Rossi",
    )
    assert maria.notes is not None and "Credentials: PhD" in maria.notes
    (marcus,) = parse("google_relations.csv").people
    # "Jr." is part of the name, not a credential; "CPA" is one.
    assert (marcus.display_name, marcus.family_name) == ("Marcus Webb Jr.", "Webb")
    assert marcus.notes is not None
    assert "Credentials: CPA" in marcus.notes
    assert "Jr" not in marcus.notes


def test_google_relations_and_events_go_to_the_notes():
    (marcus,) = parse("google_relations.csv").people
    assert marcus.notes is not None
    assert "Spouse: Dana Webb" in marcus.notes
    assert "Anniversary: 2012-09-15" in marcus.notes


def test_a_google_row_with_a_company_and_a_number_is_a_contact_named_after_the_company():
    parsed = parse("google_nameless.csv")
    names = [p.name for p in parsed.people]
    assert "Acme Plumbing" in names
    acme = next(p for p in parsed.people if p.name == "Acme Plumbing")
    assert [p.value for p in acme.phones] == ["+1 800 555 0100"]
    assert parsed.skipped == []
    corp = next(p for p in parse("google_prefixed.csv").people if p.name == "Acme Corp")
    assert [p.value for p in corp.phones] == ["+1 212 555 0199"]


def test_a_google_row_with_nothing_to_know_it_by_is_skipped():
    (skipped,) = parse("google_relations.csv").skipped
    assert skipped.line == 3
    assert skipped.reason == "a contact with no name, organization, e-mail address or phone number"


def test_google_notes_have_one_kind_of_line_break():
    maria = next(p for p in parse("google_prefixed.csv").people if p.given_name == "Maria Elena")
    assert maria.notes is not None
    assert "\r" not in maria.notes
    assert maria.notes.endswith("Met at PyCon 2019\nLikes hiking")


# --- vCard -----------------------------------------------------------------------------


def test_iphone_related_names_and_dates_go_to_the_notes():
    people_by_name = {p.name: p for p in parse("iphone_related.vcf").people}
    chidi = people_by_name["Dr. Chidi Emeka Okafor Jr."]
    assert chidi.notes is not None
    assert "Spouse: Ngozi Okafor" in chidi.notes
    assert people_by_name["Yuki Sato"].notes == "Anniversary: 2015-05-20"


def test_a_generational_suffix_is_part_of_the_name_not_a_credential():
    chidi = parse("iphone_related.vcf").people[0]
    assert chidi.notes is not None
    assert "Credentials" not in chidi.notes
    assert (chidi.given_name, chidi.family_name) == ("Chidi Emeka", "Okafor")


def test_a_card_without_fn_keeps_its_prefix_and_suffix_in_the_name():
    text = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Okafor;Chidi;;Dr.;Jr., MD\r\nEND:VCARD\r\n"
    (document,) = documents([Upload("old.vcf", text.encode())])
    parsed = parse_document(document)
    assert parsed is not None
    (chidi,) = parsed.people
    assert (chidi.display_name, chidi.family_name) == ("Dr. Chidi Okafor Jr.", "Okafor")
    assert chidi.notes == "Credentials: MD"


def test_vcard_4_anniversary_and_related_are_kept():
    text = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana Ruiz\r\nN:Ruiz;Ana;;;\r\n"
        "ANNIVERSARY:2009-06-20\r\nRELATED;TYPE=spouse;VALUE=text:Luis Ruiz\r\nEND:VCARD\r\n"
    )
    (document,) = documents([Upload("ana.vcf", text.encode())])
    parsed = parse_document(document)
    assert parsed is not None
    (ana,) = parsed.people
    assert ana.notes == "Anniversary: 2009-06-20\n\nSpouse: Luis Ruiz"


def test_a_note_line_that_was_not_folded_is_kept_with_the_note_and_reported():
    parsed = parse("note_unfolded.vcf")
    erin = parsed.people[0]
    assert erin.notes == "Call back\nRe: the job at Acme"
    (warning,) = erin.warnings
    assert getattr(warning, "line", None) == 6
    assert warning.startswith("'Re: the job at Acme' is not a vCard property")


def test_a_stray_line_elsewhere_still_refuses_the_file():
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dan Dash\r\nthis line was pasted by hand\r\nEND:VCARD\r\n"
    )
    (document,) = documents([Upload("stray.vcf", text.encode())])
    with pytest.raises(ImportFileError, match=r"^stray\.vcf, line 4: 'this line was pasted"):
        parse_document(document)


def test_a_quoted_printable_soft_break_then_a_folding_space_is_read():
    sebnem = parse("android_qp_folded.vcf").people[0]
    assert sebnem.notes is not None
    first, second = sebnem.notes.split("\n")
    assert first.endswith(" ki soft line break ile devam ediyor")
    assert second.startswith("ikinci sat")


def test_note_lines_led_by_a_property_name_written_as_a_word_stay_in_the_note():
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nN:Lee;Ann;;;\r\n"
        "NOTE:Call notes from our chat\r\nSource: a friend at PyCon\r\n"
        "Title: she hopes to become Head of Talent\r\nOrg: moving to Initech next year\r\n"
        "EMAIL:ann@lee.example\r\nTITLE:Recruiter\r\nEND:VCARD\r\n"
    )
    (document,) = documents([Upload("ann.vcf", text.encode())])
    (ann,) = parse_document(document).people
    assert ann.notes == (
        "Call notes from our chat\nSource: a friend at PyCon\n"
        "Title: she hopes to become Head of Talent\nOrg: moving to Initech next year\n\n"
        "Job title: Recruiter"
    )
    assert ann.positions == [] and [e.value for e in ann.emails] == ["ann@lee.example"]
    assert len(ann.warnings) == 3
    # A writer of lower-case names writes properties so: "email:" is one, not the note's.
    lower = text.replace("EMAIL:ann@lee.example", "email: ann@lee.example")
    (document,) = documents([Upload("ann.vcf", lower.encode())])
    (ann,) = parse_document(document).people
    assert [e.value for e in ann.emails] == ["ann@lee.example"]


def test_outlooks_extra_phones_and_chat_handles_without_impp_are_kept():
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Okoro;Helen\r\nFN:Helen Okoro\r\n"
        "TEL;WORK;VOICE:+1 212 555 0100\r\nX-MS-TEL;VOICE;ASSISTANT:+1 212 555 0177\r\n"
        "X-MS-TEL;VOICE;CALLBACK:+1 212 555 0188\r\nX-SKYPE-USERNAME:helen.okoro\r\n"
        "X-JABBER;WORK:helen@jabber.example\r\nEND:VCARD\r\n"
        # Apple writes a handle twice, as IMPP and as its own property: said once.
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jin Park\r\nN:Park;Jin;;;\r\n"
        "IMPP;X-SERVICE-TYPE=Jabber:xmpp:jin@jabber.example\r\n"
        "X-JABBER;type=HOME:xmpp:jin@jabber.example\r\nX-SKYPE:jin\r\n"
        "IMPP;X-SERVICE-TYPE=Skype:skype:jinny\r\nIMPP:aim:goim?screenname=jinpark\r\n"
        "X-AIM:jinpark\r\nEND:VCARD\r\n"
    )
    (document,) = documents([Upload("outlook.vcf", text.encode())])
    parsed = parse_document(document)
    helen, jin = parsed.people
    assert [(p.value, p.label) for p in helen.phones] == [
        ("+1 212 555 0100", "work"),
        ("+1 212 555 0177", "assistant"),
        ("+1 212 555 0188", "callback"),
    ]
    assert helen.notes == "IM (Skype): helen.okoro\n\nIM (Jabber): helen@jabber.example"
    # (Another handle that only begins the same is another.)
    assert jin.notes == (
        "IM: xmpp:jin@jabber.example\n\nIM: skype:jinny\n\nIM: aim:goim?screenname=jinpark"
        "\n\nIM (Skype): jin"
    )
    assert parsed.notes == []  # (nothing left unread to name)


def test_a_fold_through_a_character_in_a_file_with_a_legacy_line_keeps_the_rest_utf8():
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Brontë\r\nN:Brontë;Zoë;;;\r\nORG:Société\r\n"
        "NOTE:Ren".encode()
        + b"\xc3\r\n \xa9e caf\xc3\xa9\r\n"
        + "TITLE:Directrice générale\r\nEND:VCARD\r\n".encode("cp1252")
    )
    (document,) = documents([Upload("zoe.vcf", card)])
    (zoe,) = parse_document(document).people
    assert (zoe.display_name, zoe.notes) == ("Zoë Brontë", "Renée café")
    assert [(p.organization, p.title) for p in zoe.positions] == [
        ("Société", "Directrice générale")
    ]


def test_a_legacy_file_with_a_line_beginning_with_a_space_is_read_as_it_is():
    text = 'Name,Notes\r\nAnn,"Rencontré\r\n • à relancer"\r\n'
    (document,) = documents([Upload("outlook.csv", text.encode("cp1252"))])
    # (The bullet stays where it was written, at the start of the cell's second line.)
    assert document.text.split("\r\n")[2].startswith(" • ")


def test_outlooks_contact_picture_is_passed_over_without_a_word():
    picture = base64.b64encode(bytes(range(256)) * 3).decode()
    folded = "\r\n ".join(picture[i : i + 74] for i in range(0, len(picture), 74))
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Okoro;Helen\r\nFN:Helen Okoro\r\n"
        f"X-MS-CARDPICTURE;TYPE=JPEG;ENCODING=BASE64:\r\n {folded}\r\n\r\nEND:VCARD\r\n"
    )
    (document,) = documents([Upload("outlook.vcf", text.encode())])
    parsed = parse_document(document)
    (helen,) = parsed.people
    assert (helen.display_name, helen.warnings, helen.notes) == ("Helen Okoro", [], None)
    assert parsed.notes == []


def test_rfc_6350s_own_name_keeps_every_part_where_it_belongs():
    text = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Dr. John Stevenson\r\n"
        "N:Stevenson;John;Philip,Paul;Dr.;Jr.,M.D.,A.C.P.\r\nEND:VCARD\r\n"
    )
    (document,) = documents([Upload("rfc.vcf", text.encode())])
    (john,) = parse_document(document).people
    assert (john.given_name, john.family_name) == ("John Philip Paul", "Stevenson")
    assert john.notes == "Name suffix: Jr.\n\nCredentials: M.D., A.C.P."


def test_an_apple_social_profile_without_a_web_address_keeps_its_handle():
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ngozi Okafor\r\nN:Okafor;Ngozi;;;\r\n"
        "X-SOCIALPROFILE;type=twitter;x-user=ngozi_data:x-apple:ngozi_data\r\nEND:VCARD\r\n"
    )
    (document,) = documents([Upload("apple.vcf", text.encode())])
    (ngozi,) = parse_document(document).people
    assert (ngozi.notes, ngozi.urls, ngozi.warnings) == ("Twitter: ngozi_data", [], [])


def test_a_vcard_21_photo_whose_lines_are_not_indented_runs_to_the_blank_line():
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Hopper;Grace\r\nFN:Grace Hopper\r\n"
        "PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\r\n"
        "2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4n\r\n"
        "ICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL==\r\n\r\n"
        "TEL;CELL:+1 202 555 0100\r\nEND:VCARD\r\n"
    )
    (document,) = documents([Upload("palm.vcf", text.encode())])
    (grace,) = parse_document(document).people
    assert grace.display_name == "Grace Hopper" and grace.warnings == []
    assert [p.value for p in grace.phones] == ["+1 202 555 0100"]


def test_quoted_printable_folded_after_every_soft_break_loses_the_folding_spaces():
    # As ez-vcard writes it (a Samsung phone's export): a space after each soft break, one
    # of them inside a character ("=D0=" then " =BF"), so the spaces are no part of the text.
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=9A=D0=B0=D0=BF=D1=83=D1=81=D1=82=D0=B8"
        "=D0=BD;=D0=92=\r\n =D0=BB=D0=B0=D0=B4=D0=B8=D0=BC=D0=B8=D1=80;;;\r\n"
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=92=D0=BB=D0=B0=D0=B4=D0=B8=D0=BC=D0=B8"
        "=D1=80 =D0=9A=D0=B0=D0=\r\n =BF=D1=83=D1=81=D1=82=D0=B8=D0=BD\r\nEND:VCARD\r\n"
    )
    (document,) = documents([Upload("samsung.vcf", text.encode())])
    (person,) = parse_document(document).people
    assert (person.display_name, person.given_name, person.family_name) == (
        "Владимир Капустин", "Владимир", "Капустин",
    )  # fmt: skip
    assert person.warnings == []


def test_a_bare_quoted_printable_parameter_is_decoded():
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen\r\n"
        "FN;CHARSET=UTF-8;QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller\r\n"
        "NOTE;QUOTED-PRINTABLE:Zeile eins=0D=0AZeile zwei\r\nTEL;WORK;VOICE:+49 30 1234567\r\n"
        "END:VCARD\r\n"
    )
    (document,) = documents([Upload("nokia.vcf", text.encode())])
    (person,) = parse_document(document).people
    assert (person.display_name, person.notes) == ("Jürgen Müller", "Zeile eins\nZeile zwei")
    assert [(p.value, p.label) for p in person.phones] == [("+49 30 1234567", "work")]


def test_a_fold_through_a_character_keeps_the_character_whole():
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Amélie Poulain\r\nN:Poulain;Amélie;;;\r\n"
        "NOTE:Rencontrée à la conférence\r\nEND:VCARD\r\n"
    ).encode()
    cut = text.index("conférence".encode()) + len("confé".encode()) - 1  # inside the é
    (document,) = documents([Upload("amelie.vcf", text[:cut] + b"\r\n " + text[cut:])])
    (person,) = parse_document(document).people
    assert person.notes == "Rencontrée à la conférence"
    assert document.read_as is None  # (read as UTF-8: no guess to report)


def test_a_company_only_card_without_fn_is_named_after_the_company():
    text = "BEGIN:VCARD\r\nVERSION:2.1\r\nORG:Luigi's Pizza\r\nTEL;WORK:2125550123\r\nEND:VCARD\r\n"
    (document,) = documents([Upload("pizza.vcf", text.encode())])
    parsed = parse_document(document)
    assert parsed is not None
    assert [p.name for p in parsed.people] == ["Luigi's Pizza"]


def test_vcard_report_notes_cite_the_line_of_the_property(session, workspace):
    report = run(session, workspace.id, "iphone_related.vcf", "note_unfolded.vcf")
    assert "iphone_related.vcf, line 22: 'x-apple:chidi_o' is not a web address; not kept" in (
        report.notes
    )
    assert any(
        n.startswith("note_unfolded.vcf, line 6: 'Re: the job at Acme'") for n in report.notes
    )


def test_android_s_own_phone_labels_are_read_and_come_back_from_an_export(session, workspace):
    # Samsung and other Android phones write a label of one's own as X-Custom(...), in
    # quoted-printable when it is not ASCII, and vCard 2.1's own as an "X-" type.
    card = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Ruiz;Marta;;;\r\nFN:Marta Ruiz\r\n"
        "TEL;X-Custom(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,=E5=B7=A5=E4=BD=9C)"
        ":+34 600 111 222\r\n"
        "TEL;X-Oficina:+34 600 111 333\r\nTEL;X-Custom(Despacho):+34 600 111 444\r\n"
        "END:VCARD\r\n"
    )
    run(session, workspace.id, Upload("samsung.vcf", card.encode()))
    marta = everyone(session, workspace.id)["Marta Ruiz"]
    assert [(p.number, p.label) for p in marta.phones] == [
        ("+34600111222", "工作"),
        ("+34600111333", "Oficina"),
        ("+34600111444", "Despacho"),
    ]
    exported = export_people(session, workspace_id=workspace.id)
    assert "X-ABLABEL:Oficina" in exported and "X-ABLABEL:工作" in exported


def test_an_unread_phone_number_on_a_card_is_cited_by_its_own_line(session, workspace):
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Weber\r\nN:Weber;Anna;;;\r\n"
    card += "EMAIL:anna@example.org\r\nTEL;TYPE=cell:030 1234567\r\nEND:VCARD\r\n"
    report = run(session, workspace.id, Upload("android.vcf", card.encode()))
    assert any(n.startswith("android.vcf, line 6: '030 1234567' could not") for n in report.notes)


# --- Round trips -----------------------------------------------------------------------


def test_a_vcard_export_imported_again_does_not_repeat_csv_notes(session, workspace):
    run(session, workspace.id, "google_prefixed.csv")
    exported = export_people(session, workspace_id=workspace.id, format="vcard")
    again = run(session, workspace.id, Upload("people.vcf", exported.encode()), dry_run=True)
    assert not [r for r in again.rows if "notes added" in r.detail]
    run(session, workspace.id, Upload("people.vcf", exported.encode()))
    maria = everyone(session, workspace.id)["Dr. Maria Elena Rossi"]
    assert maria.notes is not None
    assert maria.notes.count("Likes hiking") == 1


def test_a_vcard_export_of_text_with_windows_line_breaks_imports_again(session, workspace):
    person = f.person(session, workspace.id, "Wen Li")
    person.how_we_met = "At the meetup\r\nthen lunch"
    person.location = "Taipei"
    session.flush()
    exported = export_people(session, workspace_id=workspace.id, format="vcard")
    report = run(session, workspace.id, Upload("people.vcf", exported.encode()))
    assert report.counts["created"] == 0
    assert everyone(session, workspace.id)["Wen Li"].how_we_met == "At the meetup\r\nthen lunch"


def test_an_unreadable_short_number_is_kept_as_written(session, workspace):
    run(session, workspace.id, "android_qp_folded.vcf")
    found = everyone(session, workspace.id)
    assert [p.number for p in found["John Smith"].phones] == ["+1-555-0100"]
    assert [p.number for p in found["Иван Иванов"].phones] == ["+79161234567"]


def _as_excel_saves_it(text: str) -> bytes:
    """The CSV export opened in a spreadsheet and saved again: a number shown as a number
    loses its "+", a cell marked as text loses the apostrophe that marked it."""
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    phones = header.index("Phones")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows[1:]:
        row = [cell[1:] if cell.startswith("'") else cell for cell in row]
        if row[phones].startswith("+") and row[phones][1:].isdigit():
            row[phones] = row[phones][1:]
        writer.writerow(row)
    return out.getvalue().encode()


def test_numbers_a_spreadsheet_saved_without_their_plus_are_not_added_again(session, workspace):
    run(session, workspace.id, "android_qp_folded.vcf")
    exported = export_people(session, workspace_id=workspace.id, format="csv")
    resaved = _as_excel_saves_it(exported)
    assert b"79161234567" in resaved and b"+79161234567" not in resaved
    report = run(session, workspace.id, Upload("people.csv", resaved))
    assert not [r for r in report.rows if "new phone" in r.detail]
    found = everyone(session, workspace.id)
    assert [p.number for p in found["Иван Иванов"].phones] == ["+79161234567"]
    assert [p.number for p in found["John Smith"].phones] == ["+1-555-0100"]
    assert report.of(Outcome.CREATED) == []


def test_a_number_a_spreadsheet_rounded_is_kept_as_written_and_reported(session, workspace):
    # European Excel shows 491701234567 as "4,91701E+11" and saves it so: digits are gone.
    sheet = "Name;Mobile\nAnna Weber;4,91701E+11\nBen Ott;+49 170 7654321\n".encode("cp1252")
    report = import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[Upload("kontakte.csv", sheet)],
        mapping="given=Name,phone=Mobile",
        today=TODAY,
    )
    found = everyone(session, workspace.id)
    assert [p.number for p in found["Anna Weber"].phones] == ["4,91701E+11"]
    assert [p.number for p in found["Ben Ott"].phones] == ["+491707654321"]
    (note,) = [n for n in report.notes if "rounded" in n]
    assert note.startswith(
        "kontakte.csv: the phone number was rounded by a spreadsheet (line 2 '4,91701E+11'), "
        "so its last digits are lost"
    )
    assert "Format the column as text" in note


# --- Phone numbers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "region", "stored"),
    [
        ("79161234567", "US", "+79161234567"),  # +7 916 123-45-67, saved without its "+"
        ("79161234567", "FR", "+79161234567"),
        ("442079460958", "US", "+442079460958"),  # London
        ("442079460958", "FR", "+442079460958"),
        ("61412345678", "GB", "+61412345678"),  # an Australian mobile
        ("14155550100", "DE", "+14155550100"),  # San Francisco, in a German workspace
        ("905321234567", "US", "+905321234567"),
        # Valid numbers of the region stay the region's.
        ("4155550100", "US", "+14155550100"),
        ("14155550100", "US", "+14155550100"),
        ("0612345678", "FR", "+33612345678"),
        ("030 1234567", "DE", "+49301234567"),
        ("3331234567", "IT", "+393331234567"),
        # Written with its country code, a possible number is kept though its area code is
        # not given out yet (phonenumbers learns of new ranges late).
        ("+1 653-282-1001", "US", "+16532821001"),
        ("+1 653-282-1001", "DE", "+16532821001"),
        ("011 1 653 282 1001", "US", "+16532821001"),
    ],
)
def test_a_number_without_its_plus_is_read_as_international_when_only_that_is_valid(
    written, region, stored
):
    assert normalize.phone(written, region) == stored


@pytest.mark.parametrize(
    ("written", "region"),
    [
        ("030 1234567", "US"),  # Berlin without its +49, not +1 030 123 4567
        ("06 12 34 56 78", "US"),  # a French mobile without its +33
        ("98765 43210", "US"),  # an Indian mobile without its +91
        # Of the region's length, but its area code is not given out (and not +65 3282
        # 1001 in Singapore either).
        ("653-282-1001", "US"),
        ("(653) 282-1001", "US"),
        ("4155550100", "GB"),
    ],
)
def test_a_number_without_its_country_code_that_is_no_number_of_the_region_is_refused(
    written, region
):
    with pytest.raises(ValueError, match=re.escape(f"'{written}' is no number in region")):
        normalize.phone(written, region)
    assert phone_key(written, region) is None


@pytest.mark.parametrize(
    "written",
    # Moscow, Rostov and St Petersburg as dialled within Russia, after its trunk prefix 8:
    # with a "+" in front they would be Vietnamese and Taiwanese numbers.
    ["8 (495) 987-65-43", "8 (863) 234-56-78", "8-812-987-65-43", "8 495 987 65 43"],
)
def test_a_number_written_as_dialled_at_home_is_not_moved_to_another_country(written):
    with pytest.raises(ValueError, match="write it with its country code"):
        normalize.phone(written, "US")
    assert phone_key(written, "US") is None
    assert normalize.phone(written, "RU").startswith("+7")
    assert normalize.phone("0049 30 1234567", "US") == "+49301234567"  # ("00" for the "+")


def test_the_refusal_says_how_to_write_the_number():
    with pytest.raises(ValueError) as refused:
        normalize.phone("030 1234567", "US")
    assert str(refused.value) == (
        "'030 1234567' is no number in region US; write it with its country code, "
        "such as +49 30 1234567"
    )
    assert normalize.phone("030 1234567", "DE") == "+49301234567"


def test_an_import_keeps_a_number_of_no_country_as_written(session, workspace):
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Claire Petit\r\nN:Petit;Claire;;;\r\n"
        "TEL;TYPE=CELL:06 12 34 56 78\r\nTEL;TYPE=WORK:030 1234567\r\n"
        "TEL;TYPE=HOME:+33 6 12 34 56 78\r\nEND:VCARD\r\n"
    )
    assert workspace.phone_region == "US"
    run(session, workspace.id, Upload("petit.vcf", card.encode()))
    claire = everyone(session, workspace.id)["Claire Petit"]
    assert sorted(p.number for p in claire.phones) == [
        "+33612345678",
        "030 1234567",
        "06 12 34 56 78",
    ]


@pytest.mark.parametrize("written", ["+1-555-0100", "555-0100", "15550100"])
def test_a_number_too_short_to_be_whole_is_not_stored_as_one(written):
    with pytest.raises(ValueError, match=re.escape(f"'{written}' is")):
        normalize.phone(written, "US")
    assert phone_key(written, "US") is None


def test_a_generational_suffix_after_a_comma_stays_in_the_family_name():
    assert clean_name("John", "Smith, Jr., CPA") == ("John", "Smith Jr.", ["Credentials: CPA"])


def test_a_birthday_no_calendar_has_is_said_to_be_no_date_not_yearless(tmp_path):
    google = tmp_path / "contacts.csv"
    google.write_text(
        "Name,Given Name,Family Name,Birthday,E-mail 1 - Value\n"
        "Ada Lovelace,Ada,Lovelace,1990-02-30,ada@x.example\n"
        "Bob Stone,Bob,Stone,--12-10,bob@x.example\n",
        encoding="utf-8",
    )
    (document,) = documents([google])
    parsed = parse_document(document)
    assert parsed is not None
    ada, bob = parsed.people
    assert ada.warnings == ["birthday '1990-02-30' is not a date; kept in the notes"]
    assert (bob.warnings, bob.birthday_no_year) == ([], "--12-10")
    card = tmp_path / "ada.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
        "BDAY:1990-02-30\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    (document,) = documents([card])
    parsed = parse_document(document)
    assert parsed is not None
    assert [str(w) for w in parsed.people[0].warnings] == [
        "birthday '1990-02-30' is not a date; kept in the notes"
    ]


def _import(session: Session, workspace_id: int, name: str, sheet: str, mapping: str):
    return import_files(
        session,
        workspace_id=workspace_id,
        paths_or_uploads=[Upload(name, sheet.encode())],
        mapping=mapping,
        today=TODAY,
    )


def test_a_spreadsheets_rounding_of_a_number_the_person_has_adds_nothing(session, workspace):
    first = "Name,Email,Phone\nAnna Weber,anna@x.example,+48 601 234 567\n"
    resaved = "Name,Email,Phone\nAnna Weber,anna@x.example,4.86012E+10\n"
    _import(session, workspace.id, "network.csv", first, "name=Name,email=Email,phone=Phone")

    again = _import(
        session, workspace.id, "network.csv", resaved, "name=Name,email=Email,phone=Phone"
    )

    assert [p.number for p in everyone(session, workspace.id)["Anna Weber"].phones] == [
        "+48601234567"
    ]
    assert [r.outcome for r in again.rows] == [Outcome.UNCHANGED]


def test_a_cell_of_labelled_numbers_gives_each_with_its_label(session, workspace):
    sheet = (
        "Name,Phone\n"
        '"Ann Lee","Mobile: 415-555-0123, Work: 415-555-0124"\n'
        '"Bo Chen","415-555-0125 or 415-555-0126"\n'
        '"Cy Diaz","+1 415 555 0127 (mobile)"\n'
        # Abroad as most of the world dials it, and a spreadsheet's apostrophe before it.
        '"Di Eze",0049 30 1234567\n"Ed Fox",\'00 44 20 7946 0958\n'
        '"Flo Gil",\'030 1234567\n'
    )

    report = _import(session, workspace.id, "phones.csv", sheet, "name=Name,phone=Phone")

    found = everyone(session, workspace.id)
    numbers = {name: [(p.number, p.label) for p in person.phones] for name, person in found.items()}
    assert numbers == {
        "Ann Lee": [("+14155550123", "mobile"), ("+14155550124", "work")],
        "Bo Chen": [("+14155550125", None), ("+14155550126", None)],
        "Cy Diaz": [("+14155550127", "mobile")],
        "Di Eze": [("+49301234567", None)],
        "Ed Fox": [("+442079460958", None)],
        # No number with region US: kept as written, without the apostrophe, and said.
        "Flo Gil": [("030 1234567", None)],
    }
    assert [n for n in report.notes if "phone number" in n] == [
        "phones.csv, line 7: '030 1234567' could not be read as a phone number (is its "
        "country code missing?); kept as written"
    ]


def test_a_number_an_older_reading_kept_as_written_is_the_number_it_reads_as_now(
    session, workspace
):
    mapping = "key=ID,name=Name,email=Email,phone=Phone"
    rows = ["1,Di Eze,di@x.example,0049 30 1234567", "2,Ed Fox,ed@x.example,'07700 900123"]
    _import(session, workspace.id, "crm.csv", "\n".join(["ID,Name,Email,Phone", *rows]), mapping)
    # As Goodword stored them before it read "00" and a spreadsheet's apostrophe.
    written = {"Di Eze": "0049 30 1234567", "Ed Fox": "'07700 900123"}
    for name, person in everyone(session, workspace.id).items():
        person.phones[0].number = written[name]
    session.flush()

    # The file again, with a column more: a changed record, its number the same.
    grown = "\n".join(["ID,Name,Email,Phone,Company", *(row + ",Acme" for row in rows)])
    again = _import(session, workspace.id, "crm.csv", grown, mapping + ",org=Company")

    found = everyone(session, workspace.id)
    assert {name: [p.number for p in found[name].phones] for name in written} == {
        name: [number] for name, number in written.items()
    }
    assert not any("taken off" in r.detail for r in again.rows)


def test_a_row_keyed_by_its_number_is_the_same_record_however_the_number_is_written(
    session, workspace
):
    # Rows without an id or e-mail address are keyed by their name and first number.
    mapping = "name=Name,phone=Phone,org=Company"
    first = "Name,Phone,Company\nAnn Lee,(415) 555-0123,\n"
    _import(session, workspace.id, "book.csv", first, mapping)
    # As imports before kept it: by the digits as written. The same file finds it still.
    (source,) = session.scalars(select(PersonSource)).all()
    source.external_key = "name:ann lee|tel:4155550123"
    session.flush()
    assert [r.outcome for r in _import(session, workspace.id, "book.csv", first, mapping).rows] == [
        Outcome.UNCHANGED
    ]

    again = _import(
        session, workspace.id, "book.csv",
        "Name,Phone,Company\nAnn Lee,+1 415-555-0123,Acme\nAnn Lee,+1 415 555 0199,Initech\n",
        mapping,
    )  # fmt: skip

    sources = session.scalars(
        select(PersonSource.external_key).where(PersonSource.workspace_id == workspace.id)
    ).all()
    # The first row is the record kept before (re-keyed by the number as stored), not a
    # second record of the source beside it; the second row, another number, is another.
    assert sorted(sources) == ["name:ann lee|tel:+14155550123", "name:ann lee|tel:+14155550199"]
    assert again.rows[0].outcome is Outcome.UPDATED
