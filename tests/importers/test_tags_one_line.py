"""A tag is one line: one a file writes over two lines (a vCard's CATEGORIES, a Google
label, a mapped CSV cell) is two tags, so the whole-workspace backup takes every tag back
(SQLite and PostgreSQL)."""

from __future__ import annotations

from goodword.exchange import service as exchange

from .test_messy_names_birthdays_and_links import people, run

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
    "CATEGORIES:Met at\\nPyCon,Maths\r\nEND:VCARD\r\n"
)
GOOGLE = 'First Name,Last Name,Labels\nGrace,Hopper,"Navy\nCOBOL ::: Mentors"\n'
MAPPED = 'First,Last,Tags\nAlan,Turing,"alpha\r\nbeta"\n'


def test_a_tag_over_two_lines_is_two_tags_and_the_backup_takes_them_back(
    session, workspace, other_workspace
):
    run(session, workspace, "contacts.vcf", CARD)
    run(session, workspace, "google.csv", GOOGLE)
    run(session, workspace, "crm.csv", MAPPED, mapping="given=First,family=Last,tags=Tags")

    tags = {p.display_name: p.tags for p in people(session, workspace)}
    assert tags == {
        "Ada Lovelace": ["Met at", "PyCon", "Maths"],
        "Grace Hopper": ["Navy", "COBOL", "Mentors"],
        "Alan Turing": ["alpha", "beta"],
    }
    backup = exchange.export_workspace(session, workspace_id=workspace.id)
    exchange.import_workspace(session, workspace_id=other_workspace.id, data=backup)
    assert {p.display_name: p.tags for p in people(session, other_workspace)} == tags
