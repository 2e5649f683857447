"""Files re-saved by spreadsheets and old tools: legacy code pages told apart by the letters
their languages write, said in the report; UTF-16 without its mark; a UTF-8 file with a few
lines in a legacy page; stray NULs and Ctrl-Z; a semicolon file under LinkedIn's notes; and
column names repeated where two files were joined."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from sqlalchemy import select

from goodword.importers.encodings import read_text
from goodword.importers.records import ImportFileError, Upload
from goodword.importers.report import ImportReport, Outcome
from goodword.importers.service import import_files
from goodword.people.models import Person, PersonEmail

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
PREAMBLE = (
    'Notes:\r\n"When exporting your connection data, you may notice that some of the email '
    "addresses are missing. You will only see email addresses for connections who have "
    'allowed their connections to see or download their email address."\r\n\r\n'
)


def run(session, workspace, name: str, data: bytes, **options) -> ImportReport:
    return import_files(
        session, workspace_id=workspace.id, paths_or_uploads=[Upload(name, data)],
        today=date(2026, 11, 25), **options,
    )  # fmt: skip


def read_as(report: ImportReport) -> str:
    [note] = [n for n in report.notes if " read as " in n]
    return note


def names(session) -> list[tuple[str, str | None]]:
    session.expire_all()
    return sorted(
        (p.display_name, p.positions[0].organization.name if p.positions else None)
        for p in session.scalars(select(Person))
    )


@pytest.mark.parametrize(
    ("rows", "encoding", "page"),
    [
        # One row is enough: ř and Č are Czech, not Norwegian ø and French È.
        (["Jiří,Novák,,,Česká spořitelna,Vývojář,26 Dec 2025"], "cp1250", "Windows-1250"),
        (["Ödön,Szőke,,,Győri Keksz,Fejlesztő,26 Dec 2025"], "cp1250", "Windows-1250"),
        (["Ştefan,Ţurcanu,,,Dacia,Inginer,26 Dec 2025"], "cp1250", "Windows-1250"),
        (["Žydrūnas,Šimkūnas,,,Telia,Inžinierius,26 Dec 2025"], "cp1257", "Windows-1257"),
        (["Søren,Ødegård,,,Nørd AS,Ingeniør,26 Dec 2025",
          "José,Muñoz,,,Café Olé,Jefe,26 Dec 2025"], "mac_roman", "Mac Roman"),
        (["Иван,Петров,,,Яндекс,Разработчик,26 Dec 2025"], "koi8_r", "KOI8-R"),
        # Western files stay Western: Italian's ò ì ù è are not Czech ň ě ů č.
        (["Niccolò,Bianchi,,,Forlì Srl,,26 Dec 2025",
          "Luca,Cantù,,,Caffè Nero,,26 Dec 2025"], "cp1252", "Windows-1252"),
        (["João,Simões,,,Lisboa,,26 Dec 2025"], "cp1252", "Windows-1252"),
        # A Mac's é, ö, ñ read as Windows-1252 are Ž, š and a dash: "JosŽ", "Mu\u2013oz".
        (["José,Muñoz,,,Telefónica,Jefe,26 Dec 2025"], "mac_roman", "Mac Roman"),
        (["Jürgen,Müller,,,Müller GmbH,,26 Dec 2025"], "mac_roman", "Mac Roman"),
        (["Γιώργος,Παπαδόπουλος,,,Εθνική,,26 Dec 2025"], "cp1253", "Windows-1253"),
        # A dash between two words (a spreadsheet's autocorrect) is no Mac letter when the
        # Mac reading is no text ("HÈlËne"), in either page.
        (["Hélène,Lefèvre,https://www.linkedin.com/in/helene-l2,,Société Générale,"
          "Analyste\u2013Risques,2 Jan 2025",
          "Iñigo,Peña,https://www.linkedin.com/in/inigo-p2,,Telefónica,Ingeniero,3 Jan 2025"],
         "cp1252", "Windows-1252"),
        (["Hélène,Lefèvre,,,Société Générale,Analyste\u2013Risques,2 Jan 2025"],
         "cp1252", "Windows-1252"),
        (["Jiří,Novák,,,Česká spořitelna,Vývojář\u2013Tester,26 Dec 2025"],
         "cp1250", "Windows-1250"),
    ],
)  # fmt: skip
def test_a_legacy_code_page_is_read_by_its_letters_and_said(
    session, workspace, rows: list[str], encoding: str, page: str
):
    text = PREAMBLE + HEADER + "\r\n".join(rows) + "\r\n"
    report = run(session, workspace, "Connections.csv", text.encode(encoding))
    expected = sorted((" ".join(row.split(",")[:2]), row.split(",")[4]) for row in rows)
    assert names(session) == expected
    assert read_as(report).startswith(f"Connections.csv: not UTF-8, so read as {page}")
    assert read_as(report).endswith(
        "If names look wrong, save it again as CSV UTF-8 (or vCard in UTF-8) and import that."
    )


def test_utf8_says_nothing_of_how_it_was_read(session, workspace):
    report = run(session, workspace, "Connections.csv", (HEADER + "Jiří,Novák,,,,,\r\n").encode())
    assert not [n for n in report.notes if "read as" in n]


def test_a_utf8_file_with_a_line_in_a_legacy_page_keeps_its_other_lines(session, workspace):
    good = (
        HEADER + "Иван,Петров,,,Яндекс,,26 Dec 2025\r\n山田,太郎,,,ソニー,,26 Dec 2025\r\n"
    ).encode()
    bad = "José,Muñoz,,,Café,,26 Dec 2025\r\n".encode("cp1252")
    report = run(session, workspace, "Connections.csv", good + bad)
    assert names(session) == [
        ("José Muñoz", "Café"),
        ("Иван Петров", "Яндекс"),
        ("山田 太郎", "ソニー"),
    ]
    assert read_as(report) == (
        "Connections.csv: read as UTF-8, but line 4 is not: read as Windows-1252 (Western "
        "European)."
    )


def test_utf16_without_its_mark_is_read(session, workspace):
    text = HEADER + "Łukasz,Żółkiewski,,,Śląsk,,26 Dec 2025\r\n"
    for encoding in ("utf-16-le", "utf-16-be"):
        report = run(session, workspace, "Connections.csv", text.encode(encoding), dry_run=True)
        assert [r.name for r in report.rows] == ["Łukasz Żółkiewski"]
        assert read_as(report) == "Connections.csv: read as UTF-16 (it has no byte-order mark)."


def test_stray_nuls_and_the_old_end_of_file_mark_are_dropped(session, workspace):
    rows = "".join(f"P{i},Quill,,,Acme,,26 Dec 2025\r\n" for i in range(80))
    text = HEADER + rows + "Ben,Nul,,ben\x00@example.com,Acme,,4 Feb 2024"
    report = run(session, workspace, "Connections.csv", text.encode() + b"\x1a")
    ben = session.scalar(select(Person).where(Person.family_name == "Nul"))
    assert ben is not None
    assert session.scalars(select(PersonEmail.address)).all() == ["ben@example.com"]
    assert not [n for n in report.notes if "not a date" in n]
    # A NUL early in the file is no sign of a binary file any more.
    early = HEADER.replace("Company", "Comp\x00any") + "Ada,Byron,,,Acme,,26 Dec 2025\r\n"
    again = run(session, workspace, "Connections.csv", early.encode(), dry_run=True)
    assert [r.outcome for r in again.rows] == [Outcome.CREATED]


def test_a_semicolon_file_under_linkedins_notes_is_read(session, workspace):
    text = PREAMBLE + HEADER.replace(",", ";") + "Jürgen;Weiß;;;Müller GmbH;;26.12.2025\r\n"
    run(session, workspace, "Connections.csv", text.encode("utf-8"))
    assert names(session) == [("Jürgen Weiß", "Müller GmbH")]


def test_column_names_given_again_are_no_person(session, workspace):
    first = PREAMBLE + HEADER + "Ada,Byron,,,Acme,,26 Dec 2025\r\n"
    second = PREAMBLE + HEADER + "Bo,Cy,,,Beta,,26 Dec 2025\r\n"
    report = run(session, workspace, "Connections.csv", (first + second).encode())
    assert names(session) == [("Ada Byron", "Acme"), ("Bo Cy", "Beta")]
    skipped = [(r.line, r.detail) for r in report.rows if r.outcome is Outcome.SKIPPED]
    assert skipped == [
        (6, "a note above the column names given again; not a person"),
        (7, "a note above the column names given again; not a person"),
        (9, "the column names again (two files joined into one?); not a person"),
    ]


def test_the_preview_says_how_a_file_was_read(client):
    text = HEADER + "Jiří,Novák,,,Česká spořitelna,,26 Dec 2025\r\n"
    files = {"files": ("Connections.csv", text.encode("cp1250"), "text/csv")}
    [file] = client.post("/api/v1/imports/preview", files=files).json()["files"]
    assert file["read_as"].startswith("Connections.csv: not UTF-8, so read as Windows-1250")
    page = client.post("/import/preview", files=files).text
    assert "data-read-as>Connections.csv: not UTF-8, so read as Windows-1250" in page


def test_a_utf8_file_whose_other_lines_read_as_wider_letters_is_guessed_whole(session, workspace):
    # The legacy lines, read together, came out as fewer lines (UTF-16): no crash, a guess.
    data = (
        "First Name,Last Name,Company\nZoë,Ash,Acme\n".encode()
        + b"\x0b\x97\x1c\r\x85X\x1c\x85|\x00\x95*\r\x85\n\xba\n"
    )
    report = run(session, workspace, "list.csv", data, mapping="given=First Name,family=Last Name")
    assert report.rows


def test_a_binary_file_without_a_known_mark_is_refused_and_a_short_text_with_a_nul_is_not(
    session, workspace
):
    noise = b"".join(hashlib.sha256(bytes([i])).digest() for i in range(128))  # 4 KB of it
    with pytest.raises(ImportFileError, match="is a binary file, not a contacts file"):
        run(session, workspace, "mystery.csv", noise)
    short = (HEADER + "Ada,Byron,,,Acme,,26 Dec\x00 2025\r\n").encode()
    report = run(session, workspace, "Connections.csv", short)
    assert [r.outcome for r in report.rows] == [Outcome.CREATED]


def test_a_utf16_file_cut_off_mid_letter_has_no_phantom_row(session, workspace):
    text = HEADER + "Ada,Byron,,,Acme,,26 Dec 2025\r\n"
    report = run(session, workspace, "Connections.csv", text.encode("utf-16") + b"\x00")
    assert [r.outcome for r in report.rows] == [Outcome.CREATED]


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Ásgeir,Sigurðsson", "cp1252"),  # Icelandic ð is no rare letter
        ("İbrahim,Çelik", "cp1254"),  # Turkish İ, lower-cased, is i
        ("Luca,Vinciguerrà", "mac_roman"),  # no Cyrillic reading without Cyrillic letters
        ("María,Peña", "mac_roman"),  # a dash inside a word is no Western text
        ("Björn,Größ", "mac_roman"),
    ],
)
def test_names_the_second_review_found_misread_are_read_as_written(text, encoding):
    data = (HEADER + text + ",,,,,\r\n").encode(encoding)
    assert read_text(data)[0] == HEADER + text + ",,,,,\r\n"


def test_utf16_without_its_mark_holding_cyrillic_is_read(session, workspace):
    text = HEADER + "Иван,Петров,,,Яндекс,Разработчик,26 Dec 2025\r\n" * 10
    report = run(session, workspace, "Connections.csv", text.encode("utf-16-le"), dry_run=True)
    assert [r.name for r in report.rows] == ["Иван Петров"] * 10
