"""What phones and address books put in vCards beyond the common fields is kept or said:
faxes, interests, Outlook's and Android's extras, Google's own groups, group and place
cards, a relation named by UID, and any property no field keeps."""

from __future__ import annotations

from goodword.importers.reading import Document
from goodword.importers.vcard import parse


def cards(*bodies: str) -> Document:
    text = "".join(f"BEGIN:VCARD\r\n{body.strip()}\r\nEND:VCARD\r\n" for body in bodies)
    return Document("phone.vcf", text)


def test_a_fax_is_labelled_a_fax():
    parsed = parse(
        cards(
            "VERSION:2.1\r\nN:Rossi;Maria\r\nTEL;WORK;FAX:+39 02 1234 5679\r\n"
            "TEL;TYPE=HOME,FAX:+39 02 1234 5670\r\nTEL;FAX:+39 02 1234 5671\r\nTEL;WORK:+39 02 1"
        )
    )
    [maria] = parsed.people
    assert [(p.value, p.label) for p in maria.phones] == [
        ("+39 02 1234 5679", "work fax"),
        ("+39 02 1234 5670", "home fax"),
        ("+39 02 1234 5671", "fax"),
        ("+39 02 1", "work"),
    ]


def test_interests_hobbies_and_expertise_are_interests():
    parsed = parse(
        cards(
            "VERSION:4.0\r\nFN:Léa Dubois\r\nINTEREST:Jazz\r\nHOBBY;LEVEL=high:Escalade\r\n"
            "EXPERTISE:Machine learning,Statistics"
        )
    )
    [lea] = parsed.people
    assert lea.interests == ["Jazz", "Escalade", "Machine learning", "Statistics"]


def test_outlook_and_android_extras_go_to_the_notes_once():
    parsed = parse(
        cards(
            "VERSION:2.1\r\nN:Müller;François\r\nX-MS-SPOUSE:Hélène\r\nX-MS-MANAGER:Jean Dupont\r\n"
            "X-MS-ANNIVERSARY:19950610\r\nX-MS-IMADDRESS:fm@im.example",
            "VERSION:3.0\r\nFN:Maria Rossi\r\nNICKNAME:Mari\r\n"
            "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Mari;1;;;;;;;;;;;;;\r\n"
            "X-ANDROID-CUSTOM:vnd.android.cursor.item/relation;Gio Rossi;14;;;;;;;;;;;;;\r\n"
            "X-ANDROID-CUSTOM:vnd.android.cursor.item/relation;Luca;0;Mentor;;;;;;;;;;;;\r\n"
            "X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event;2008-09-20;1;;;;;;;;;;;;;\r\n"
            "X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event;2015-01-10;0;Prima riunione\r\n"
            "X-GROUP-MEMBERSHIP:Colleghi",
        )
    )
    francois, maria = parsed.people
    assert francois.notes == (
        "Spouse: Hélène\n\nManager: Jean Dupont\n\nAnniversary: 1995-06-10\n\nIM: fm@im.example"
    )
    assert maria.notes == (
        "Goes by Mari\n\nSpouse: Gio Rossi\n\nMentor: Luca\n\nAnniversary: 2008-09-20\n\n"
        "Prima riunione: 2015-01-10"
    )
    assert maria.tags == ["Colleghi"]
    assert parsed.notes == []


def test_googles_own_groups_are_no_tags():
    parsed = parse(cards("VERSION:3.0\r\nFN:Grace Hopper\r\nCATEGORIES:myContacts,starred,Navy"))
    assert parsed.people[0].tags == ["Navy"]
    # Without Google's mark, a category called "starred" is the user's own.
    again = parse(cards("VERSION:3.0\r\nFN:Grace Hopper\r\nCATEGORIES:starred,Navy"))
    assert again.people[0].tags == ["starred", "Navy"]


def test_group_and_place_cards_are_no_people_and_members_take_the_groups_name():
    parsed = parse(
        cards(
            "VERSION:4.0\r\nUID:urn:uuid:aa-1\r\nFN:Léa Dubois\r\n"
            "RELATED;TYPE=colleague:urn:uuid:BB-2\r\nRELATED;TYPE=friend:urn:uuid:cc-9",
            "VERSION:4.0\r\nUID:urn:uuid:bb-2\r\nFN:Pierre Martin",
            "VERSION:4.0\r\nKIND:group\r\nFN:Paris data people\r\nMEMBER:urn:uuid:aa-1\r\n"
            "MEMBER:urn:uuid:bb-2\r\nMEMBER:mailto:someone@example.fr",
            "VERSION:3.0\r\nX-ADDRESSBOOKSERVER-KIND:group\r\nN:Colleagues\r\nFN:Colleagues\r\n"
            "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:ff-7",
            "VERSION:4.0\r\nKIND:location\r\nFN:Salle de réunion 3",
        )
    )
    lea, pierre = parsed.people
    assert (lea.tags, pierre.tags) == (["Paris data people"], ["Paris data people"])
    # A relation named by the UID of a card in the file names that card's person.
    assert lea.notes == "Colleague: Pierre Martin\n\nFriend: urn:uuid:cc-9"
    assert [(s.line, s.name, s.reason) for s in parsed.skipped] == [
        (28, "Salle de réunion 3", "a place's card, not a person"),
        (13, "Paris data people",
         "a group's card, not a person: 2 of its members in this file are tagged Paris data "
         "people"),
        (21, "Colleagues", "a group's card, not a person: its one member is not in this file"),
    ]  # fmt: skip


def test_a_property_no_field_keeps_is_named_in_the_report():
    parsed = parse(
        cards(
            "VERSION:4.0\r\nFN:Léa Dubois\r\nORG-DIRECTORY:ldap://dir.example\r\n"
            "X-CUSTOM-THING:42\r\nGEO:geo:48.85,2.35\r\nX-PHONETIC-FIRST-NAME:Lay-ah\r\n"
            "X-ANDROID-CUSTOM:vnd.com.example.item/loyalty;Gold;;;;",
            "VERSION:4.0\r\nFN:Pierre Martin\r\nX-CUSTOM-THING:7",
        )
    )
    assert parsed.notes == [
        "phone.vcf: not imported, as Goodword has no field for them: ORG-DIRECTORY (1 card), "
        "X-ANDROID-CUSTOM (1 card), X-CUSTOM-THING (2 cards). Add what you need of them to "
        "those people by hand."
    ]
