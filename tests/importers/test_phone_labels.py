"""A phone number's label is kept in one form for the well-known kinds ("mobile", "work",
"home" ...) whichever file or form it came from ("Mobile" from a CRM's column, "MOBILE"
typed by hand), and as written when it is one of the user's own ("Desk; 2nd floor")."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import factories as f
from goodword.importers.records import Upload
from goodword.importers.service import import_files
from goodword.people.models import PersonEmail, PersonPhone, PersonUrl
from goodword.people.normalize import phone_label

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"


def test_the_well_known_kinds_have_one_form_and_others_stay_as_written() -> None:
    assert [phone_label(x) for x in ("Mobile", "mobile", " MOBILE ", "Work", "HOME", "Fax")] == [
        "mobile", "mobile", "mobile", "work", "home", "fax",
    ]  # fmt: skip
    assert phone_label("Work Fax") == "work fax" and phone_label("IPHONE") == "iPhone"
    assert phone_label("Desk; 2nd floor") == "Desk; 2nd floor"
    assert phone_label("Oficina") == "Oficina" and phone_label(None) is None
    assert phone_label("") is None


def test_a_crm_csv_and_google_contacts_label_a_mobile_alike(session, workspace) -> None:
    crm = "First,Surname,E-mail,Mobile\r\nPriya,Nayak,priya@example.com,+1 415 555 0123\r\n"
    google = (
        "First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\r\n"
        "Jon,Doe,* Work,jon@doe.example,mobile,+1 512 555 0100\r\n"
    )
    import_files(
        session, workspace_id=workspace.id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload("crm.csv", crm.encode())],
        mapping="given=First,family=Surname,email=E-mail,phone=Mobile",
    )  # fmt: skip
    import_files(
        session, workspace_id=workspace.id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload("contacts.csv", google.encode())],
    )  # fmt: skip
    session.expire_all()
    assert sorted(p.label for p in session.query(PersonPhone)) == ["mobile", "mobile"]


def test_a_label_set_by_hand_is_kept_in_the_same_form(session, workspace) -> None:
    person = f.person(session, workspace.id, "Ada Byron")
    person.phones.append(PersonPhone(workspace_id=workspace.id, number="+14155550123"))
    person.phones[0].label = "Mobile"
    person.phones.append(
        PersonPhone(workspace_id=workspace.id, number="+14155550124", label="Desk, 2nd floor")
    )
    session.flush()
    assert [p.label for p in person.phones] == ["mobile", "Desk, 2nd floor"]


def test_an_email_label_of_a_well_known_kind_has_one_form_too(session, workspace) -> None:
    # vCard's TYPE gives "work"; Apple's label and a CRM's column "Work".
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Do\r\nEMAIL;TYPE=WORK:cy@do.example\r\n"
        "item1.EMAIL:cy3@do.example\r\nitem1.X-ABLabel:_$!<Work>!$_\r\n"
        "item2.EMAIL:cy4@do.example\r\nitem2.X-ABLabel:Book club\r\nEND:VCARD\r\n"
    )
    crm = "First,Surname,Email (Work)\r\nEd,Fu,ed@fu.example\r\n"
    import_files(
        session, workspace_id=workspace.id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload("cy.vcf", card.encode())],
    )  # fmt: skip
    import_files(
        session, workspace_id=workspace.id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload("crm.csv", crm.encode())],
        mapping="given=First,family=Surname,email=Email (Work)",
    )  # fmt: skip
    person = f.person(session, workspace.id, "Ada Byron")
    person.emails.append(PersonEmail(workspace_id=workspace.id, address="a@b.example"))
    person.emails[0].label = "HOME"
    session.flush()
    session.expire_all()

    labels = sorted(e.label for e in session.query(PersonEmail))

    assert labels == ["Book club", "home", "work", "work", "work"]


APPLE_CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Byron\r\nN:Byron;Ada;;;\r\n"
    "item1.TEL:+1 415 555 0101\r\nitem1.X-ABLabel:_$!<HomeFAX>!$_\r\n"
    "item2.TEL:+1 415 555 0102\r\nitem2.X-ABLabel:_$!<WorkFAX>!$_\r\n"
    "item3.TEL:+1 415 555 0103\r\nitem3.X-ABLabel:_$!<OtherFAX>!$_\r\n"
    "item4.TEL:+1 415 555 0104\r\nitem4.X-ABLabel:_$!<Main>!$_\r\n"
    "item5.URL:https://ada.example\r\nitem5.X-ABLabel:_$!<HomePage>!$_\r\n"
    "item6.URL:https://blog.ada.example\r\nitem6.X-ABLabel:_$!<Other>!$_\r\n"
    "item7.EMAIL:ada@school.example\r\nitem7.X-ABLabel:_$!<School>!$_\r\n"
    "item8.TEL:+1 415 555 0108\r\nitem8.X-ABLabel:_$!<Pager>!$_\r\n"
    "item9.URL:https://work.ada.example\r\nitem9.X-ABLabel:_$!<Work>!$_\r\n"
    "END:VCARD\r\n"
)


def test_apples_built_in_labels_read_as_the_app_writes_them(session, workspace) -> None:
    import_files(
        session, workspace_id=workspace.id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload("apple.vcf", APPLE_CARD.encode())],
    )  # fmt: skip
    session.expire_all()
    phones = {p.number: p.label for p in session.query(PersonPhone)}
    assert phones == {
        "+14155550101": "home fax", "+14155550102": "work fax", "+14155550103": "other fax",
        "+14155550104": "main", "+14155550108": "pager",
    }  # fmt: skip
    urls = {u.url: u.label for u in session.query(PersonUrl)}
    assert urls == {
        "https://ada.example": "homepage",
        "https://blog.ada.example": "other",
        "https://work.ada.example": "work",
    }
    assert [e.label for e in session.query(PersonEmail)] == ["school"]
    assert phone_label("HomeFAX") == "home fax" and phone_label("WorkFax") == "work fax"


def test_a_web_address_label_of_a_well_known_kind_has_one_form_too(session, workspace) -> None:
    """LinkedIn's OTHER and a card's own "Home" are the "other" and "home" an Apple card,
    vCard's TYPE and Google's columns give; a label of the user's own stays as written."""
    profile = (
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
        "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\r\n"
        'Alice,Example,,,,,,,,,,"[OTHER:alice.example.org,PORTFOLIO:folio.alice.example]",\r\n'
    )
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Do\r\nURL;TYPE=WORK:https://cy.example\r\n"
        "item1.URL:https://home.cy.example\r\nitem1.X-ABLabel:Home\r\nEND:VCARD\r\n"
    )
    import_files(
        session, workspace_id=workspace.id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload("Profile.csv", profile.encode()), Upload("cy.vcf", card.encode())],
    )  # fmt: skip
    person = f.person(session, workspace.id, "Ada Byron")
    person.urls.append(PersonUrl(workspace_id=workspace.id, url="https://ada.example"))
    person.urls[0].label = " WORK"
    session.flush()
    session.expire_all()

    urls = {u.url: u.label for u in session.query(PersonUrl)}

    assert urls == {
        "https://alice.example.org": "other",
        "https://folio.alice.example": "Portfolio",
        "https://cy.example": "work",
        "https://home.cy.example": "home",
        "https://ada.example": "work",
    }


def test_a_personal_web_page_is_a_home_one_whichever_file_says_it(session, workspace) -> None:
    """LinkedIn's PERSONAL and Outlook's Personal Web Page are the person's own site: the
    "home" vCard's TYPE=HOME, Thunderbird's Web Page 2 and an Apple card give, in one form
    (not "Personal" from one file and "personal" from the other)."""
    from goodword.exchange.people_rows import url_label as restored_label

    profile = (
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
        "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\r\n"
        'Alice,Example,,,,,,,,,,"[PERSONAL:alice.example.org]",\r\n'
    )
    # (Outlook's own columns, as its export writes them.)
    headers = next(csv.reader((DATA / "outlook_addresses.csv").open(encoding="cp1252")))
    cells = {
        "First Name": "Cy",
        "Last Name": "Moss",
        "Web Page": "",
        "Personal Web Page": "cy.example",
    }
    headers.append("Personal Web Page")  # (a column of Outlook's that file leaves out)
    rows = io.StringIO()
    csv.writer(rows, lineterminator="\r\n").writerows(
        [headers, [cells.get(h, "") for h in headers]]
    )
    outlook = rows.getvalue().encode("cp1252")
    import_files(
        session, workspace_id=workspace.id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload("Profile.csv", profile.encode()),
                          Upload("contacts.csv", outlook)],
    )  # fmt: skip
    session.expire_all()

    urls = {u.url: u.label for u in session.query(PersonUrl)}

    assert urls == {"https://alice.example.org": "home", "https://cy.example": "home"}
    assert restored_label("PERSONAL") == "home"  # (a backup restored)
