"""vCards as old phones and address books write them, imported whole (SQLite and PostgreSQL):
quoted-printable text in a code page the card does not name, a title with no organization,
a role, an address typed on one line, and an agent's card inside a card."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.importers.records import Upload
from goodword.importers.report import ImportReport, Outcome
from goodword.importers.service import import_files
from goodword.people.models import Person
from goodword.workspaces.models import Workspace

TODAY = date(2026, 11, 25)


def run(session: Session, workspace: Workspace, *cards: str) -> ImportReport:
    text = "".join(f"BEGIN:VCARD\r\n{card}END:VCARD\r\n" for card in cards)
    return import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[Upload("contacts.vcf", text.encode("ascii"))],
        today=TODAY,
    )


def saved(session: Session, workspace: Workspace) -> dict[str, Person]:
    people = session.scalars(select(Person).where(Person.workspace_id == workspace.id))
    return {person.display_name: person for person in people}


@pytest.mark.parametrize("charset", ["", "CHARSET=UTF-8;"])
def test_quoted_printable_in_an_unnamed_code_page_keeps_its_letters(session, workspace, charset):
    # As older phones and Outlook Express write vCard 2.1: Windows-1252 bytes, named as
    # nothing or (wrongly) as UTF-8.
    report = run(
        session,
        workspace,
        "VERSION:2.1\r\n"
        f"N;{charset}ENCODING=QUOTED-PRINTABLE:Sch=E4fer;Anna\r\n"
        f"FN;{charset}ENCODING=QUOTED-PRINTABLE:Anna Sch=E4fer\r\n"
        f"NOTE;{charset}ENCODING=QUOTED-PRINTABLE:Gr=FC=DFe, kennt Fr. W=F6hler bei BMW\r\n"
        "TEL;CELL:+49 171 7654321\r\n",
    )
    anna = saved(session, workspace)["Anna Schäfer"]
    assert (anna.given_name, anna.family_name) == ("Anna", "Schäfer")
    assert anna.notes == "Grüße, kennt Fr. Wöhler bei BMW"
    assert report.notes == []


def test_a_value_naming_no_charset_is_read_in_the_one_its_card_names(session, workspace):
    run(
        session,
        workspace,
        "VERSION:2.1\r\n"
        "N;CHARSET=WINDOWS-1252;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen\r\n"
        "FN;CHARSET=WINDOWS-1252;ENCODING=QUOTED-PRINTABLE:J=FCrgen M=FCller\r\n"
        "ADR;WORK;ENCODING=QUOTED-PRINTABLE:;;Stra=DFe 1;M=FCnchen;;80331;Deutschland\r\n",
        # "été" alone reads as nothing sensible in any code page guessed from it; the card
        # says which.
        "VERSION:2.1\r\n"
        "N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Martin;No=EBl\r\n"
        "NOTE;ENCODING=QUOTED-PRINTABLE:=E9t=E9 2019\r\n",
    )
    people = saved(session, workspace)
    assert people["Jürgen Müller"].location == "München, Deutschland"
    assert people["Noël Martin"].notes == "été 2019"


def test_a_cards_values_in_an_unnamed_code_page_are_read_together(session, workspace):
    # "Sète" on its own could be Central European ("Sčte"); with the name beside it, it is
    # plainly French in Windows-1252.
    run(
        session,
        workspace,
        "VERSION:2.1\r\n"
        "N;ENCODING=QUOTED-PRINTABLE:Dubois;H=E9l=E8ne\r\n"
        "ADR;HOME;ENCODING=QUOTED-PRINTABLE:;;;S=E8te;;;France\r\n"
        "NOTE;ENCODING=QUOTED-PRINTABLE:Rencontr=E9e =E0 Montpellier=0D=0Acaf=E9 en juin\r\n",
    )
    helene = saved(session, workspace)["Hélène Dubois"]
    assert helene.location == "Sète, France"
    assert helene.notes == "Rencontrée à Montpellier\ncafé en juin"


def test_letters_lost_before_the_card_was_written_are_reported(session, workspace):
    # A phone that could not read a letter wrote U+FFFD in its place.
    report = run(
        session,
        workspace,
        "VERSION:2.1\r\n"
        "N:Schafer;Anna\r\n"
        "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Gr=EF=BF=BD=EF=BF=BDe\r\n",
    )
    assert saved(session, workspace)["Anna Schafer"].notes == "Gr\ufffd\ufffde"
    assert report.notes == [
        "contacts.vcf, line 4: 'Gr\ufffd\ufffde' has letters that cannot be read "
        "(each shown as \ufffd); kept as it is"
    ]


def test_a_title_without_an_organization_is_kept_in_the_notes(session, workspace):
    run(
        session,
        workspace,
        "VERSION:3.0\r\nFN:Nina Berg\r\nN:Berg;Nina;;;\r\nTITLE:Head of Talent\r\n"
        "EMAIL:nina@example.com\r\n",
        # Two titles, one organization: the first is the job there, the second a note.
        "VERSION:3.0\r\nFN:Omar Haddad\r\nN:Haddad;Omar;;;\r\nORG:Hydro\r\nTITLE:Engineer\r\n"
        "TITLE:Union steward\r\n",
    )
    people = saved(session, workspace)
    nina, omar = people["Nina Berg"], people["Omar Haddad"]
    assert (nina.notes, nina.positions) == ("Job title: Head of Talent", [])
    assert [(p.organization.name, p.title) for p in omar.positions] == [("Hydro", "Engineer")]
    assert omar.notes == "Job title: Union steward"


def test_a_role_and_an_address_on_one_line_are_kept_in_the_notes(session, workspace):
    report = run(
        session,
        workspace,
        "VERSION:3.0\r\nN:Ortiz;Luis;;;\r\nFN:Luis Ortiz\r\n"
        "ADR;TYPE=HOME:;;742 Evergreen Terrace, Springfield, OR 97403;;;;\r\n"
        "EMAIL:luis@example.org\r\nROLE:Hiring manager for the data team\r\n",
        # A role that only repeats the title says nothing more; an address gives the place when
        # one does, and every street is kept in the notes.
        "VERSION:3.0\r\nN:Park;Jo;;;\r\nFN:Jo Park\r\nORG:Meta\r\nTITLE:Recruiter\r\n"
        "ROLE:recruiter\r\nADR;TYPE=HOME:;;12 Elm Street, Palo Alto;;;;\r\n"
        "ADR;TYPE=WORK:;;1 Hacker Way;Menlo Park;CA;94025;USA\r\n",
    )
    people = saved(session, workspace)
    luis, jo = people["Luis Ortiz"], people["Jo Park"]
    assert luis.location is None
    assert luis.notes == (
        "Home address: 742 Evergreen Terrace, Springfield, OR 97403\n\n"
        "Role: Hiring manager for the data team"
    )
    assert (jo.notes, jo.location) == (
        "Home address: 12 Elm Street, Palo Alto\n\n"
        "Work address: 1 Hacker Way, Menlo Park, CA 94025, USA",
        "Menlo Park, CA, USA",
    )
    assert report.notes == []


def test_an_agents_card_inside_a_card_is_kept_as_a_name_not_as_a_person(session, workspace):
    report = run(
        session,
        workspace,
        # vCard 2.1: the agent's whole card on the lines after "AGENT:".
        "VERSION:2.1\r\nN:Boss;Big\r\nFN:Big Boss\r\nAGENT:\r\n"
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Friday;Girl\r\nTEL:+1 212 555 0100\r\nEND:VCARD\r\n"
        "TEL:+1 212 555 0199\r\n",
        # vCard 3.0: the agent's card escaped in the value.
        "VERSION:3.0\r\nN:Chair;Carla;;;\r\nFN:Carla Chair\r\n"
        "AGENT:BEGIN:VCARD\\nFN:Susan Thomas\\nTEL:+1-919-555-1234\\nEND:VCARD\\n\r\n",
    )
    people = saved(session, workspace)
    assert sorted(people) == ["Big Boss", "Carla Chair"]
    boss, carla = people["Big Boss"], people["Carla Chair"]
    assert (boss.notes, [p.number for p in boss.phones]) == (
        "Agent: Girl Friday",
        ["+12125550199"],
    )
    assert carla.notes == "Agent: Susan Thomas"
    assert len(report.of(Outcome.CREATED)) == 2
    assert report.notes == [
        "contacts.vcf, line 5: the agent's card (Girl Friday) is another person's; only "
        "their name is kept, in the notes",
        "contacts.vcf, line 17: the agent's card (Susan Thomas) is another person's; only "
        "their name is kept, in the notes",
    ]
