"""Bad input: every refusal names the file (and line), says what to do, and writes nothing."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from goodword.errors import InvalidInput
from goodword.importers.records import ImportFileError, Upload
from goodword.importers.service import import_files
from goodword.organizations.models import Organization
from goodword.people.models import Person

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"


def refused(session, workspace, items, **options) -> str:
    with pytest.raises(ImportFileError) as caught:
        import_files(
            session,
            workspace_id=workspace.id,
            paths_or_uploads=items,
            today=date(2026, 11, 25),
            **options,
        )
    for model in (Person, Organization):
        assert session.scalar(select(func.count()).select_from(model)) == 0
    return caught.value.message


def zip_bytes(members: dict[str, bytes], **options) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, **options) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_wrong_file_type_is_named(session, workspace):
    message = refused(session, workspace, [Upload("resume.pdf", b"%PDF-1.7\n%binary\x00\x01")])
    assert message.startswith("resume.pdf: is a PDF document, not a contacts file.")
    assert "vCard" in message


def test_an_empty_file_is_refused(session, workspace, tmp_path):
    empty = tmp_path / "Connections.csv"
    empty.write_text("  \n")
    assert refused(session, workspace, [empty]).startswith("Connections.csv: is empty.")
    # A spreadsheet's "UTF-8 CSV" with nothing in it is a byte-order mark alone.
    marked = [Upload("contacts.csv", b"\xef\xbb\xbf"), Upload("cards.vcf", b"\xef\xbb\xbf\r\n")]
    for upload in marked:
        assert refused(session, workspace, [upload]).startswith(f"{upload.name}: is empty.")


def test_files_of_column_names_alone_are_refused_but_counted_beside_others(
    session, workspace, tmp_path
):
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    alone = tmp_path / "Connections.csv"
    alone.write_text(header + "\r\n")
    expected = (
        "has its column names but no rows below them, so there is nothing in it to import. If "
        "it should hold more, export it again from where it came."
    )
    assert refused(session, workspace, [alone]) == f"Connections.csv: {expected}"
    crm = Upload("crm.csv", b"ID,First,Surname\n")
    mapping = {"key": ["ID"], "given": ["First"], "family": ["Surname"]}
    assert refused(session, workspace, [crm], mapping=mapping) == f"crm.csv: {expected}"
    invitations = Upload("Invitations.csv", b"From,To,Sent At,Message,Direction\n")
    assert refused(session, workspace, [invitations, alone]) == f"Invitations.csv: {expected}"
    # Beside a file with rows, one of column names alone (LinkedIn writes them for what you
    # have none of) is only counted: picked one by one, or in an archive.
    connections = (DATA / "Connections.csv").read_bytes()
    picked = [invitations, Upload("Connections.csv", connections)]
    archive = zip_bytes({"Invitations.csv": invitations.data, "Connections.csv": connections})
    for items, name in [(picked, "Invitations.csv"), ([Upload("export.zip", archive)],
                                                      "export.zip/Invitations.csv")]:  # fmt: skip
        report = import_files(
            session,
            workspace_id=workspace.id,
            paths_or_uploads=items,
            today=date(2026, 11, 25),
        )
        assert [(f.name, f.rows) for f in report.files if f.rows == 0] == [(name, 0)]
        assert sum(f.people for f in report.files) == 6


def test_blank_lines_at_the_end_of_a_file_are_no_rows(session, workspace, tmp_path):
    trailing = tmp_path / "Connections.csv"
    trailing.write_bytes((DATA / "Connections.csv").read_bytes() + b"\r\n\r\n")
    report = import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[trailing], today=date(2026, 11, 25)
    )
    # Only the row of empty cells LinkedIn leaves for a deleted account is skipped.
    (read,) = report.files
    assert (read.rows, read.skipped) == (7, 1)


def test_a_truncated_zip_is_refused(session, workspace):
    data = zip_bytes({"Connections.csv": (DATA / "Connections.csv").read_bytes()})
    message = refused(session, workspace, [Upload("export.zip", data[: len(data) // 2])])
    assert message == (
        "export.zip: is a damaged or incomplete ZIP archive: it holds LinkedIn's files, but "
        "not whole. Download the archive again (LinkedIn: Settings, Data privacy, Get a copy "
        "of your data)."
    )


def test_a_truncated_workbook_is_told_to_be_saved_as_csv(session, workspace):
    book = zip_bytes({"[Content_Types].xml": b"<Types/>" * 2000, "xl/workbook.xml": b"<w/>"})
    message = refused(session, workspace, [Upload("people.xlsx", book[: len(book) // 2])])
    assert message == (
        "people.xlsx: is a damaged or incomplete ZIP archive: an Office or OpenDocument file "
        "cut short. Save it again where it was made, as CSV (UTF-8), and import that file."
    )


def test_a_truncated_zip_of_other_files_is_not_sent_to_linkedin(session, workspace):
    data = zip_bytes({"phone/contacts.vcf": (DATA / "contacts30.vcf").read_bytes()})
    message = refused(session, workspace, [Upload("cards.zip", data[: len(data) // 2])])
    assert message == (
        "cards.zip: is a damaged or incomplete ZIP archive. Make or download it again, or "
        "import the files in it unpacked (vCards, CSV files)."
    )


def test_a_zip_whose_packed_data_is_damaged_is_refused(session, workspace):
    text = (DATA / "Connections.csv").read_bytes() * 20
    data = bytearray(zip_bytes({"Connections.csv": text}))
    # Scramble the middle of the deflated data; the headers stay whole.
    start = data.find(b"Connections.csv") + len("Connections.csv") + 40
    data[start : start + 64] = bytes(range(64))
    message = refused(session, workspace, [Upload("export.zip", bytes(data))])
    assert message == (
        "export.zip: is damaged: Connections.csv cannot be unpacked. Download the archive again."
    )


def test_an_unclosed_quote_is_refused_at_its_line_not_read_as_one_long_cell(
    session, workspace, tmp_path
):
    lines = (DATA / "Connections.csv").read_text().splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("First Name"))
    lines.insert(header + 2, 'Broken,"Quote,,,,Acme,Engineer,26 Dec 2025')
    broken = tmp_path / "Connections.csv"
    broken.write_text("\n".join(lines) + "\n")
    message = refused(session, workspace, [broken])
    assert message.startswith(f"Connections.csv, line {header + 3}: has a quotation mark that")
    assert "Close or remove that quotation mark" in message


@pytest.mark.parametrize("stray", ["", "Pat,Ng,pat@x.example,6'1\" tall\n"])
def test_a_quote_never_closed_in_a_narrow_file_is_refused_too(session, workspace, tmp_path, stray):
    # (A quotation mark inside a cell that does not begin with one is only a letter.)
    rows = [
        "First Name,Last Name,E-mail 1 - Value,Notes\n" + stray,
        'Ann,Lee,ann@x.example,"Met at PyCon 2024, talked about SRE\n',
        "Bob,Ray,bob@x.example,ok\n",
        "Cat,Sun,cat@x.example,ok\n",
    ]
    broken = tmp_path / "contacts.csv"
    broken.write_text("".join(rows))
    line = 3 if stray else 2
    message = refused(session, workspace, [broken])
    assert message.startswith(f"contacts.csv, line {line}: has a quotation mark that opens")
    assert f"lines {line} to {line + 2} would be read as one row" in message


@pytest.mark.parametrize("width", [3, 4])
def test_a_quote_closing_rows_later_in_a_narrow_file_is_refused(
    session, workspace, tmp_path, width
):
    cells = ["Name", "Email", "Phone", "Notes"][-width:]
    rows = [",".join(cells)]
    for n, note in enumerate(['"Note starts', "ok", 'closes here"', "fine"]):
        row = [f"P{n} Q", f"p{n}@x.example", f"+1 415 555 010{n}", note][-width:]
        rows.append(",".join(row))
    broken = tmp_path / "crm.csv"
    broken.write_text("\n".join(rows) + "\n")
    message = refused(session, workspace, [broken], mapping=",".join(
        f"{f}={c}" for f, c in zip(["name", "email", "phone", "notes"][-width:], cells, strict=True)
    ))  # fmt: skip
    assert message.startswith("crm.csv, line 2: has a quotation mark that opens a cell")
    assert "lines 2 to 4 would be read as one row" in message


@pytest.mark.parametrize("stray", ["", 'Pat x"y,ok\n'])
def test_a_closed_note_over_lines_ending_a_narrow_file_is_one_cell(
    session, workspace, tmp_path, stray
):
    # The last row's note runs over lines, one of them a row's worth of commas, and closes.
    whole = tmp_path / "whole.csv"
    whole.write_text("Name,Notes\n" + stray + 'Mae Lee,"Line one, with a comma\nthen Bob, Ray"\n')
    report = import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[whole],
        mapping="name=Name,notes=Notes", today=date(2026, 11, 25),
    )  # fmt: skip
    assert report.counts["created"] == (2 if stray else 1)
    mae = session.scalars(select(Person).where(Person.display_name == "Mae Lee")).one()
    assert mae.notes == "Line one, with a comma\nthen Bob, Ray"


@pytest.mark.parametrize("newline", ["\n", "\r"])
def test_a_stray_quote_closing_rows_later_is_refused_too(session, workspace, tmp_path, newline):
    rows = [
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
        'Ann,"Lee,,ann@x.example,Acme,Engineer,26 Dec 2025',
        "Bob,Smith,,bob@x.example,Acme,Engineer,26 Dec 2025",
        'Cy,Jones",,cy@x.example,Acme,Engineer,26 Dec 2025',
    ]
    broken = tmp_path / "Connections.csv"
    broken.write_bytes(newline.join(rows).encode() + newline.encode())
    message = refused(session, workspace, [broken])
    assert message.startswith("Connections.csv, line 2: has a quotation mark that opens a cell")
    assert "lines 2 to 4 would be read as one row" in message


def test_a_stray_quote_taking_in_part_of_the_next_row_is_refused(session, workspace, tmp_path):
    # The mark opens a cell on line 2 that a quotation mark of line 3 closes: line 3 would
    # be lost inside line 2's row, set aside for its cells.
    broken = tmp_path / "Invitations.csv"
    broken.write_text(
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        'Kim Example,Ada Lovelace,"12/26/25, 9:14 AM","Hi Ada, loved your talk,OUTGOING,'
        "https://www.linkedin.com/in/kim,https://www.linkedin.com/in/ada\n"
        'Rita Ramos,Kim Example,"11/11/25, 4:02 PM","Hi Kim, open to chat?",INCOMING,'
        "https://www.linkedin.com/in/rita,https://www.linkedin.com/in/kim\n"
    )
    message = refused(session, workspace, [broken])
    assert message.startswith(
        "Invitations.csv, line 2: lines 2 to 3 are read as one row of 9 cells where the "
        "header has 7 columns: a quotation mark on line 2 opens a cell"
    )
    assert session.scalars(select(Person)).all() == []


def test_a_row_with_an_unquoted_comma_beside_a_note_over_lines_is_set_aside_alone(
    session, workspace, tmp_path
):
    sheet = tmp_path / "crm.csv"
    sheet.write_text(
        "Name,Company,Notes\n"
        'Ada Lovelace,Acme, Inc,"Met at a fair\nthen again in March"\n'
        "Bo Li,Globex,\n"
    )
    report = import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[sheet],
        mapping="name=Name,org=Company,notes=Notes", today=date(2026, 11, 25),
    )  # fmt: skip
    assert [(r.line, r.outcome.value) for r in report.rows] == [(2, "skipped"), (4, "created")]


def test_a_note_with_a_comma_on_its_later_line_beside_an_unquoted_comma_is_set_aside_alone(
    session, workspace
):
    # A CRM's export, saved by Excel (CRLF): line 2's "Acme, Inc." lacks its quotes, and its
    # note, properly quoted, has a comma on its second line; so has line 4's note on its first.
    report = import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[DATA / "crm_note_over_lines.csv"],
        mapping="key=ID,name=Name,org=Company,email=E-mail,notes=Notes", today=date(2026, 11, 25),
    )  # fmt: skip
    assert [(r.line, r.outcome.value) for r in report.rows] == [
        (2, "skipped"),
        (4, "created"),
        (6, "created"),
    ]
    assert report.rows[0].detail.startswith(
        "6 cells (on lines 2 to 3, a quoted cell running over them) where the header has 5 "
    )
    bo = session.scalars(select(Person).where(Person.display_name == "Bo Li")).one()
    assert bo.notes == "Referred by Ann,\nwants a data role"


def test_a_quoted_cell_over_several_lines_is_still_one_cell(session, workspace, tmp_path):
    # A line with a row's worth of commas, and longer than the csv module's own field limit.
    notes = "Met at a conference, Berlin, 2019\n" + "x" * 200_000
    table = tmp_path / "crm.csv"
    # An odd quote elsewhere, as a spreadsheet may leave one, is still read as it was.
    table.write_text(
        f'Name,E-mail,Notes\nMae Jemison,mae@example.org,"{notes}"\nSam x"y,s@x.org,\n'
    )
    import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[table], today=date(2026, 11, 25),
        mapping="name=Name,email=E-mail,notes=Notes",
    )  # fmt: skip
    mae, sam = session.scalars(select(Person).order_by(Person.id)).all()
    # (Read whole; kept to the 100,000 characters a person's notes hold.)
    assert mae.notes == notes[:100_000] and sam.display_name == 'Sam x"y'


def test_an_encrypted_zip_is_refused(session, workspace):
    data = bytearray(zip_bytes({"Connections.csv": b"First Name\n"}))
    # Set the "encrypted" flag in both the local and the central header.
    data[6] |= 0x01
    central = data.find(b"PK\x01\x02")
    data[central + 8] |= 0x01
    message = refused(session, workspace, [Upload("export.zip", bytes(data))])
    assert "is encrypted (Connections.csv needs a password)" in message


def test_a_zip_bomb_is_refused_before_unpacking(session, workspace):
    bomb = zip_bytes({"Connections.csv": b"0" * (12 * 1024 * 1024)})
    assert len(bomb) < 100_000
    message = refused(session, workspace, [Upload("export.zip", bomb)])
    assert message.startswith(
        "export.zip: expands far beyond its size, as a ZIP bomb does: Connections.csv would be "
        "12 MB from "
    )
    # The advice names the member to import unpacked, whatever kind of file it is.
    cards = zip_bytes({"backup/all.vcf": b"BEGIN:VCARD\r\n" * 1_000_000})
    message = refused(session, workspace, [Upload("cards.zip", cards)])
    assert "backup/all.vcf would be 12.4 MB from " in message
    assert message.endswith("If you trust the archive, unpack it and import all.vcf itself.")
    # Past the size an import takes too, it is still told as a bomb, not a file to allow.
    message = refused(session, workspace, [Upload("cards.zip", cards)], max_bytes=2_000_000)
    assert "as a ZIP bomb does" in message and "GOODWORD_IMPORT_MAX_BYTES" not in message


def test_an_archive_too_big_unpacked_says_which_limit(session, workspace):
    one = zip_bytes({"Connections.csv": b"0" * 5000})
    message = refused(session, workspace, [Upload("export.zip", one)], max_bytes=4096)
    assert message == (
        "export.zip: holds Connections.csv, which is 5 KB, more than the 4 KB an import "
        "takes. Split it into smaller files, or, if you trust it, raise the limit "
        "(GOODWORD_IMPORT_MAX_BYTES)."
    )
    # Each member within the limit, all of them beyond four times it.
    many = zip_bytes({f"part{n}.vcf": b"x" * 4000 for n in range(5)})
    message = refused(session, workspace, [Upload("export.zip", many)], max_bytes=4096)
    assert message == (
        "export.zip: would unpack to more than 16 KB in all, the most an import takes from "
        "one archive. Unpack it and import the files you need."
    )


def test_a_path_escaping_the_archive_is_refused(session, workspace):
    data = zip_bytes({"../../etc/Connections.csv": b"First Name,Last Name\n"})
    message = refused(session, workspace, [Upload("export.zip", data)])
    assert "points outside the archive (../../etc/Connections.csv)" in message


def test_an_archive_of_too_many_files_says_what_to_do(session, workspace):
    data = zip_bytes({f"card{n}.vcf": b"" for n in range(2_001)})
    message = refused(session, workspace, [Upload("cards.zip", data)])
    assert message == (
        "cards.zip: holds 2,001 files, more than the 2,000 an import takes. Unpack it and "
        "import the files you need."
    )


def test_a_row_cut_in_two_by_a_line_break_is_reported_not_made_a_person(session, workspace):
    connections = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ann,Arbor,,,Acme,Analyst,26 Dec 2025\n"
        "Ben,Bay,,,Co,Senior\n"
        "Engineer,26 Dec 2025\n"
        "Cy,Cole,,,Initech,Manager,26 Dec 2025\n"
    )
    report = import_files(
        session, workspace_id=workspace.id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload("Connections.csv", connections.encode())],
    )  # fmt: skip
    names = set(session.scalars(select(Person.display_name)))
    assert names == {"Ann Arbor", "Cy Cole"}
    skipped = [(r.line, r.detail) for r in report.rows if r.outcome.value == "skipped"]
    assert [line for line, _ in skipped] == [3, 4]
    assert skipped[0][1].startswith(
        "6 cells where the header has 7 columns: a line break inside a cell seems to have cut "
        "the row of lines 3 and 4 in two; not imported: join the two lines"
    )
    assert skipped[1][1].startswith("2 cells where the header has 7 columns")


def test_an_archive_inside_an_archive_is_named(session, workspace):
    inner = zip_bytes({"Connections.csv": b"First Name,Last Name\nAnn,Lee\n"})
    data = zip_bytes({"export/full.zip": inner, "README.txt": b"hello"})
    message = refused(session, workspace, [Upload("download.zip", data)])
    assert message == (
        "download.zip: holds no file Goodword can import, but an archive inside it "
        "(download.zip/export/full.zip): unpack that one, and import it or its files."
    )


def test_short_rows_of_a_sheet_that_leaves_empty_cells_off_are_read_as_they_are(session, workspace):
    # A tool that writes no empty cells at the ends of rows: short rows are its way, and two
    # of them in a row are no row cut in two.
    sheet = (
        "First Name,Last Name,E-mail 1 - Value,Phone 1 - Value,Organization Name,Notes\n"
        "Ann,Arbor,ann@x.example\n"
        "Ben,Bay,ben@x.example,+1 650 555 0100\n"
        "Cy,Cole\n"
    )
    report = import_files(
        session, workspace_id=workspace.id, today=date(2026, 11, 25),
        paths_or_uploads=[Upload("contacts.csv", sheet.encode())],
    )  # fmt: skip
    assert [r.outcome.value for r in report.rows] == ["created"] * 3


def test_a_csv_whose_header_matches_nothing_says_what_was_expected(session, workspace):
    message = refused(session, workspace, [DATA / "inventory.csv"])
    assert message.startswith("inventory.csv: has columns no import recognises (SKU,")
    assert "Goodword reads LinkedIn's export files, Google Contacts CSV" in message
    assert "Preview offers a picker per column" in message and "column map" in message


def test_an_address_book_in_another_language_is_offered_a_column_map(session, workspace):
    header = (
        "Anrede,Vorname,Weitere Vornamen,Nachname,Suffix,Firma,Abteilung,Position,"
        "Telefon geschäftlich,Mobiltelefon,Telefon privat,E-Mail-Typ,E-Mail-Adresse,"
        "Geburtstag,Kategorien,Notizen\n"
    )
    row = ",Jürgen,,Weiß,,Bauhaus AG,,,,,,SMTP,juergen@bauhaus.example,,,\n"

    message = refused(session, workspace, [Upload("Kontakte.CSV", (header + row).encode())])

    # Every column is counted, and a map to read it with is offered.
    assert "Telefon privat, E-Mail-Typ and 4 more)" in message
    assert (
        "Its columns look like a contacts export in another language; map them: "
        "given=Vorname,family=Nachname,email=E-Mail-Adresse,org=Firma." in message
    )


def test_a_french_or_spanish_address_book_is_offered_a_column_map(session, workspace):
    french = (
        "Titre,Prénom,Deuxième prénom,Nom,Suffixe,Société,Service,Adresse de messagerie,"
        "Type de messagerie,Nom complet de l'adresse de messagerie\n"
        ",Élodie,,Martin,,Renault,,elodie@renault.example,SMTP,Élodie Martin\n"
    )
    thunderbird = (
        "Prénom,Nom de famille,Nom à afficher,Surnom,Adresse électronique principale,"
        "Adresse électronique secondaire\n"
        "Élodie,Martin,Élodie Martin,,elodie@renault.example,\n"
    )
    spanish = (
        "Nombre,Segundo nombre,Apellidos,Compañía,Dirección de correo electrónico\n"
        "Lucía,,García,Iberia,lucia@iberia.example\n"
    )

    for name, sheet, mapping in [
        ("Contacts.CSV", french,
         "given=Prénom,family=Nom,email=Adresse de messagerie,org=Société."),
        ("Thunderbird.csv", thunderbird,
         "given=Prénom,family=Nom de famille,email=Adresse électronique principale."),
        ("Contactos.CSV", spanish,
         "given=Nombre,family=Apellidos,email=Dirección de correo electrónico,org=Compañía."),
    ]:  # fmt: skip
        message = refused(session, workspace, [Upload(name, sheet.encode())])
        assert f"another language; map them: {mapping}" in message


def test_a_mapped_column_named_with_more_words_is_offered(session, workspace):
    sheet = "Name,Phone Number,Company Name\nAnn Lee,(415) 555-0100,Acme\n"

    message = refused(session, workspace, [Upload("contacts.csv", sheet.encode())],
                      mapping="name=Name,phone=Phone,org=Company")  # fmt: skip

    assert message.startswith(
        "contacts.csv: has no column 'Phone' (mapped to phone; did you mean 'Phone Number'?), "
        "'Company' (mapped to org; did you mean 'Company Name'?)."
    )


def test_a_malformed_vcard_line_is_named(session, workspace):
    message = refused(session, workspace, [DATA / "Connections.csv", DATA / "malformed.vcf"])
    assert message.startswith("malformed.vcf, line 9: 'this line has no colon at all'")


def test_a_vcard_cut_short_is_named(session, workspace):
    message = refused(session, workspace, [DATA / "truncated.vcf"])
    assert message.startswith("truncated.vcf, line 1: the card that begins on line 1 never ends")


def test_a_file_over_the_size_cap_is_refused_without_reading_it(session, workspace, tmp_path):
    big = tmp_path / "Connections.csv"
    with big.open("wb") as handle:
        handle.truncate(101 * 1024 * 1024)  # sparse: large on paper, nothing written to disk
    message = refused(session, workspace, [big])
    assert message.startswith("Connections.csv: is 101 MB, more than the 100 MB an import takes.")
    assert "raise the limit" in message


def test_the_size_cap_can_be_changed(session, workspace):
    data = (DATA / "contact40.vcf").read_bytes()
    message = refused(session, workspace, [Upload("contacts.vcf", data)], max_bytes=100)
    assert message.startswith(f"contacts.vcf: is {len(data)} bytes, more than the 100 bytes")


def test_sizes_that_round_alike_are_given_in_bytes(session, workspace):
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nNOTE:" + b"x" * 1100 + b"\r\nEND:VCARD\r\n"
    message = refused(session, workspace, [Upload("ada.vcf", data)], max_bytes=1024)
    assert message.startswith(f"ada.vcf: is {len(data):,} bytes, more than the 1,024 bytes")
    assert message.endswith("raise the limit (GOODWORD_IMPORT_MAX_BYTES).")


def test_files_in_an_archive_that_are_no_text_are_listed_as_not_read(session, workspace):
    only = zip_bytes({"photo.png": b"\x89PNG\r\n\x1a\n" + bytes(64)})
    message = refused(session, workspace, [Upload("photos.zip", only)])
    assert "holds no file Goodword can import" in message
    data = zip_bytes({
        "Connections.csv": (DATA / "Connections.csv").read_bytes(),
        "photo.png": b"\x89PNG\r\n\x1a\n" + bytes(64),
        "old.zip": zip_bytes({"x.csv": b"a,b\n"}),
        "blank.csv": b"  \n",
    })  # fmt: skip
    report = import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[Upload("export.zip", data)],
        today=date(2026, 11, 25),
    )  # fmt: skip
    not_read = sorted(f.name for f in report.files if f.label == "not read (not contact data)")
    assert not_read == ["export.zip/blank.csv", "export.zip/old.zip", "export.zip/photo.png"]


def test_a_missing_path_is_named(session, workspace, tmp_path):
    message = refused(session, workspace, [tmp_path / "nowhere.csv"])
    assert message == "nowhere.csv: there is no such file; check the path."


def test_a_web_page_saved_as_an_archive_says_so(session, workspace):
    page = b"<!DOCTYPE html><html><body>Sign in</body></html>"
    message = refused(session, workspace, [Upload("Basic_LinkedInDataExport.zip", page)])
    assert message.startswith(
        "Basic_LinkedInDataExport.zip: is not a ZIP archive, but a web page (a download that "
        "went wrong?). Download the archive again"
    )
    # A gzip file so named is said to be one, as any gzip file is.
    gzipped = refused(session, workspace, [Upload("export.zip", b"\x1f\x8b\x08\x00rest")])
    assert gzipped.startswith("export.zip: is a gzip archive")


def test_an_archive_with_nothing_to_import_is_refused(session, workspace):
    data = zip_bytes({"Skills.csv": b"Name\nSQL\n"})
    message = refused(session, workspace, [Upload("export.zip", data)])
    assert "holds no file Goodword can import" in message


def test_a_bad_column_map_is_a_field_error(session, workspace):
    with pytest.raises(InvalidInput) as caught:
        import_files(
            session,
            workspace_id=workspace.id,
            paths_or_uploads=[DATA / "crm.csv"],
            mapping="given=First,shoe=Size",
            today=date(2026, 11, 25),
        )
    assert caught.value.fields[0].field == "mapping"
    assert "'shoe=Size': 'shoe' is no field a column map knows" in caught.value.fields[0].message


def test_a_mapped_column_missing_from_the_file_is_named(session, workspace):
    message = refused(session, workspace, [DATA / "crm.csv"], mapping="given=Vorname")
    assert message.startswith("crm.csv: has no column 'Vorname' (mapped to given).")
    assert "Its columns are: ID, First, Surname" in message


def test_every_mapped_column_missing_is_named_at_once_with_a_likely_one(session, workspace):
    message = refused(
        session, workspace, [DATA / "crm.csv"], mapping="given=First,family=Surnme,email=Email"
    )
    assert message.startswith(
        "crm.csv: has no column 'Surnme' (mapped to family; did you mean 'Surname'?), "
        "'Email' (mapped to email; did you mean 'E-mail'?)."
    )


@pytest.mark.parametrize(
    ("mapping", "said"),
    [
        (
            "given=First,family=first",
            "'First' is mapped to given and family; a column gives one field, so map it to the "
            "one it holds",
        ),
        ("given=First,given=Surname", "given is mapped twice ('First', 'Surname'); map one"),
        (
            "org=Company",
            "map at least a column that tells who each row is (name, given, family or email)",
        ),
    ],
)
def test_a_column_map_that_cannot_be_meant_is_refused(session, workspace, mapping, said):
    with pytest.raises(InvalidInput) as caught:
        import_files(
            session,
            workspace_id=workspace.id,
            paths_or_uploads=[DATA / "crm.csv"],
            mapping=mapping,
            today=date(2026, 11, 25),
        )
    assert [f.field for f in caught.value.fields] == ["mapping"]
    assert caught.value.fields[0].message.startswith(said)
    assert session.scalars(select(Person)).all() == []


def test_unreadable_rows_are_reported_not_dropped(session, workspace):
    report = import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[DATA / "google_legacy.csv", DATA / "Connections_old.csv"],
        today=date(2026, 11, 25),
    )
    skipped = [(r.file, r.line, r.detail) for r in report.rows if r.outcome == "skipped"]
    assert skipped == [
        ("Connections_old.csv", 4, "an empty row (LinkedIn leaves these for deleted accounts)")
    ]
    # Its birthday without a year ("--12-10") is kept as one, not said to be left out.
    assert not [note for note in report.notes if "--12-10" in note]
    assert session.scalar(select(Person.display_name).where(Person.birthday_no_year == "--12-10"))


def test_a_row_with_more_cells_than_the_header_is_reported_not_read_shifted(session, workspace):
    text = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        "Ann,Archer,https://www.linkedin.com/in/annarcher,,Acme, Inc.,Engineer,12 Mar 2024\r\n"
        "Bo,Berg,https://www.linkedin.com/in/boberg,,Initech,PM,01 Feb 2021,,\r\n"
        "Cy,Cole,https://www.linkedin.com/in/cycole,,Globex,CTO\r\n"
    )
    report = import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[Upload("Connections.csv", text.encode())],
        today=date(2026, 11, 25),
    )
    (skipped,) = [r for r in report.rows if r.outcome == "skipped"]
    assert (skipped.file, skipped.line) == ("Connections.csv", 2)
    assert skipped.detail.startswith("8 cells where the header has 7 columns")
    assert "a comma inside a cell, as in 'Acme, Inc.', needs double quotes" in skipped.detail
    # Empty cells past the last column, and cells left off the end, are read as they are.
    names = session.scalars(select(Person.display_name).order_by(Person.display_name)).all()
    assert names == ["Bo Berg", "Cy Cole"]
    assert report.files[0].rows == 3


def test_a_semicolon_file_with_an_extra_cell_gives_a_semicolon_as_its_example(session, workspace):
    text = (
        "Vorname;Nachname;E-Mail\r\nJana;Novak;jana@x.example\r\nPetr;Dvorak;Vertrieb; Einkauf\r\n"
    )
    report = import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[Upload("kontakte.csv", text.encode())],
        mapping="given=Vorname,family=Nachname,email=E-Mail",
        today=date(2026, 11, 25),
    )
    (skipped,) = [r for r in report.rows if r.outcome == "skipped"]
    assert "a semicolon inside a cell, as in 'Sales; Marketing', needs double" in skipped.detail


def test_a_note_longer_than_the_person_form_takes_is_cut_to_it_saying_so(
    session, workspace, tmp_path
):
    from goodword.people.schemas import NOTES_MAX, PersonUpdate

    contacts = tmp_path / "contacts.csv"
    long_note = ("Thread pasted from mail. " * 5000).strip()  # 124,999 characters
    contacts.write_text(
        f'First Name,Last Name,E-mail 1 - Value,Notes\nAnn,Lee,a@x.example,"{long_note}"\n'
    )
    report = import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[contacts], today=date(2026, 11, 25)
    )
    assert report.notes == [
        "contacts.csv, line 2: the note is longer than 100,000 characters; cut to fit"
    ]
    ann = session.scalars(select(Person)).one()
    assert ann.notes == long_note[:NOTES_MAX]
    # The person's form takes it back as it is.
    PersonUpdate(display_name=ann.display_name, notes=ann.notes)


def test_a_note_that_would_take_someones_notes_past_the_limit_is_not_added(
    session, workspace, tmp_path
):
    first, second = "a" * 60_000, "b" * 60_000
    card = tmp_path / "ann.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nUID:one\r\nEMAIL:ann@x.example\r\n"
        f"NOTE:{first}\r\nEND:VCARD\r\n"
    )
    crm = tmp_path / "crm.csv"
    crm.write_text(f"Name,Email,Notes\nAnn Lee,ann@x.example,{second}\n")
    report = import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[card, crm],
        mapping="name=Name,email=Email,notes=Notes", today=date(2026, 11, 25),
    )  # fmt: skip
    ann = session.scalars(select(Person)).one()
    assert ann.notes == first
    (merged,) = [row for row in report.rows if row.outcome.value == "merged"]
    assert merged.detail.endswith(
        "its note not added: the person's notes would pass the 100,000 characters they hold"
    )


def test_a_merge_choice_that_is_no_side_is_said_in_plain_words():
    from goodword.duplicates.schemas import MergeChoices
    from goodword.errors import InvalidInput
    from goodword.forms import validate

    with pytest.raises(InvalidInput) as caught:
        validate(MergeChoices, {"location": "c"})
    assert [f.message for f in caught.value.fields] == ["Choose one of: a or b."]


def test_a_text_too_long_for_the_form_is_said_in_characters():
    from pydantic import ValidationError

    from goodword.forms import plain_message
    from goodword.people.schemas import PersonUpdate

    with pytest.raises(ValidationError) as caught:
        PersonUpdate(display_name="Ann Lee", notes="x" * 100_001)
    assert plain_message(caught.value.errors()[0]) == ("Keep this to 100,000 characters or fewer.")


def test_values_too_long_to_keep_are_reported_not_silently_cut(session, workspace, tmp_path):
    card = tmp_path / "long.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
        f"URL:https://example.org/{'a' * 600}\r\nORG:Analytical Engines\r\n"
        f"TITLE:{'Very ' * 50}Senior Mathematician\r\nBDAY:2999-01-01\r\nEND:VCARD\r\n"
    )
    report = import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[card], today=date(2026, 11, 25)
    )
    assert report.notes == [
        "long.vcf, line 8: birthday '2999-01-01' is a day still to come; kept in the notes",
        "long.vcf, line 1: a web address of 620 characters (more than 500); not kept",
        "long.vcf, line 1: the job title is longer than 200 characters; cut to fit",
    ]


def test_a_column_a_format_reads_named_twice_says_what_of_the_second_is_not_read(
    session, workspace
):
    # A spreadsheet user added a second "Email Address" column to Connections.csv.
    text = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On,Email Address\n"
        "Ana,Bel,,ana@x.example,Acme,Engineer,26 Dec 2025,ana@home.example\n"
        "Bo,Cy,,bo@x.example,Acme,Engineer,26 Dec 2025,bo@x.example\n"
        "Di,Eck,,,Acme,Engineer,26 Dec 2025,\n"
    )
    report = import_files(
        session, workspace_id=workspace.id,
        paths_or_uploads=[Upload("Connections.csv", text.encode())], today=date(2026, 11, 25),
    )  # fmt: skip
    assert (
        'Connections.csv: the header names "Email Address" twice (columns 4 and 8); only the '
        "first is read, so what column 8 holds on line 2 is not imported: add what you need "
        "of it to those people by hand." in report.notes
    )
    # A column no format reads may repeat unremarked.
    unread = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On,Tag,Tag\n"
        "Ana,Bel,,ana@x.example,Acme,Engineer,26 Dec 2025,a,b\n"
    )
    again = import_files(
        session, workspace_id=workspace.id,
        paths_or_uploads=[Upload("Connections.csv", unread.encode())], today=date(2026, 11, 25),
    )  # fmt: skip
    assert not [note for note in again.notes if "twice" in note]
