"""Which unknown CSV is said to be nearly a LinkedIn file (only one that shows it came from
LinkedIn), and how a whole name is split: family-name particles ("Van Damme", "de la
Hoya") and names in Chinese, Japanese or Korean script, family name first."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.importers import mapped, registry
from goodword.importers.reading import documents
from goodword.importers.records import ImportFileError, Upload
from goodword.importers.service import import_files
from goodword.people.models import Person

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"
TODAY = date(2026, 11, 25)
HINT = "It looks like LinkedIn"
GENERIC = "Goodword reads LinkedIn's export files, Google Contacts CSV"


def refusal(name: str, text: str) -> str:
    (document,) = documents([Upload(name, text.encode())])
    with pytest.raises(ImportFileError) as refused:
        registry.parse(document)
    return refused.value.message


# Near matches -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # A CRM's or a hand-made list: LinkedIn's columns but for Connected On.
        "First Name,Last Name,Company,Position\nAda,Lovelace,Acme,CTO\n",
        # Mailchimp and many forms spell "Email Address" as LinkedIn does.
        "First Name,Last Name,Email Address,Company,Position\nAda,Lovelace,a@x.org,Acme,CTO\n",
        # A URL column of web sites is no column of LinkedIn profiles.
        "First Name,Last Name,URL,Company,Position\nAda,Lovelace,https://ada.example,Acme,CTO\n",
        # Profile links the user collected, in a column of their own.
        "First Name,Last Name,Company,Position,LinkedIn\n"
        "Ada,Lovelace,Acme,CTO,https://www.linkedin.com/in/ada\n",
        # A mail program's export is not LinkedIn's messages.csv without its Direction.
        "From,To,Date,Subject,Content\nAda,Bo,2025-01-02,Hi,Hello\n",
        # Nor a sales list LinkedIn's Positions.csv without its Started On.
        "Company Name,Title,Contact,Email\nAcme,CTO,Ada Lovelace,a@x.org\n",
    ],
)
def test_a_list_with_linkedins_common_columns_is_not_said_to_be_linkedin(text):
    message = refusal("contacts.csv", text)
    assert HINT not in message
    assert GENERIC in message
    assert "Preview offers a picker per column" in message and "column map" in message


def connections_without(column: str, *, rename: str | None = None) -> str:
    """LinkedIn's Connections.csv (its "Notes:" lines dropped) with a column taken out, or
    renamed."""
    lines = (DATA / "Connections.csv").read_text(encoding="utf-8").splitlines()
    header, *rows = csv.reader(lines[3:])
    at = header.index(column)
    kept = [] if rename is None else [rename]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*header[:at], *kept, *header[at + 1 :]])
    for row in rows:
        writer.writerow([*row[:at], *([] if rename is None else row[at : at + 1]), *row[at + 1 :]])
    return out.getvalue()


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        # Connected On gone, but the URL column holds LinkedIn profiles.
        (connections_without("Connected On"), "Connected On"),
        (connections_without("Connected On", rename="Date Connected"), "Connected On"),
        # Connected On is a column only LinkedIn writes.
        (connections_without("Position", rename="Job Title"), "Position"),
        # LinkedIn's "Notes:" lines above the header.
        (
            'Notes:\n"When exporting your connection data, you may notice..."\n\n'
            "First Name,Last Name,Email Address,Company,Position\nAda,L,,Acme,CTO\n",
            "Connected On",
        ),
    ],
)
def test_a_connections_file_with_a_column_renamed_still_names_the_missing_column(text, missing):
    message = refusal("Connections.csv", text)
    assert f"It looks like LinkedIn Connections.csv, but has no '{missing}' column" in message


def test_a_positions_file_with_a_column_renamed_still_names_the_missing_column():
    text = (DATA / "Positions.csv").read_text(encoding="utf-8").replace("Started On", "Start")
    message = refusal("Positions.csv", text)
    assert "It looks like LinkedIn Positions.csv, but has no 'Started On' column" in message


def test_a_crm_sheet_with_linkedins_columns_takes_the_column_map_path_when_imported(
    session: Session, workspace, tmp_path: Path
):
    sheet = tmp_path / "leads.csv"
    sheet.write_text("First Name,Last Name,Company,Position\nAda,Lovelace,Acme,CTO\n")
    near = tmp_path / "Connections.csv"
    near.write_text(connections_without("Connected On"))
    with pytest.raises(ImportFileError) as refused:
        import_files(session, workspace_id=workspace.id, paths_or_uploads=[sheet], today=TODAY)
    assert HINT not in refused.value.message and GENERIC in refused.value.message
    with pytest.raises(ImportFileError) as hinted:
        import_files(session, workspace_id=workspace.id, paths_or_uploads=[near], today=TODAY)
    assert "It looks like LinkedIn Connections.csv, but has no 'Connected On'" in (
        hinted.value.message
    )
    report = import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[sheet],
        mapping="given=First Name,family=Last Name,org=Company,title=Position",
        today=TODAY,
    )
    assert [f.label for f in report.files] == ["CSV with a column map"]
    ada = session.scalars(select(Person).where(Person.workspace_id == workspace.id)).one()
    assert (ada.given_name, ada.family_name) == ("Ada", "Lovelace")


# Whole names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("whole", "given", "family"),
    [
        ("Jean-Claude Van Damme", "Jean-Claude", "Van Damme"),
        ("Ludwig van Beethoven", "Ludwig", "van Beethoven"),
        ("Vincent van Gogh", "Vincent", "van Gogh"),
        ("Leonardo da Vinci", "Leonardo", "da Vinci"),
        ("Charles de Gaulle", "Charles", "de Gaulle"),
        ("Ursula von der Leyen", "Ursula", "von der Leyen"),
        ("Oscar de la Hoya", "Oscar", "de la Hoya"),
        ("Oscar De La Hoya", "Oscar", "De La Hoya"),
        ("Juan de la Cruz", "Juan", "de la Cruz"),
        ("Maria de los Santos", "Maria", "de los Santos"),
        ("Gerard 't Hooft", "Gerard", "'t Hooft"),
        ("JEAN-CLAUDE VAN DAMME", "JEAN-CLAUDE", "VAN DAMME"),
        # Never the first word: Van Morrison goes by Van.
        ("Van Morrison", "Van", "Morrison"),
        ("Da-Eun Kim", "Da-Eun", "Kim"),
        # The Vietnamese middle name Văn, written without its accent.
        ("Minh Van Nguyen", "Minh Van", "Nguyen"),
        # Suffixes, titles and the comma form as before.
        ("Dick Van Dyke Jr.", "Dick", "Van Dyke Jr."),
        ("Dr. Jean-Claude Van Damme", "Jean-Claude", "Van Damme"),
        ("Van Damme, Jean-Claude", "Jean-Claude", "Van Damme"),
        ("van Beethoven, Ludwig", "Ludwig", "van Beethoven"),
        ("Martin Luther King, Jr.", "Martin Luther", "King Jr."),
    ],
)
def test_family_name_particles_stay_with_the_family_name(whole, given, family):
    assert mapped.split_whole_name(whole) == (given, family)


@pytest.mark.parametrize(
    ("whole", "given", "family"),
    [
        ("山田 太郎", "太郎", "山田"),
        ("山田\u3000太郎", "太郎", "山田"),  # an ideographic space
        ("佐々木 健一", "健一", "佐々木"),
        ("ヤマダ タロウ", "タロウ", "ヤマダ"),
        ("김 민준", "민준", "김"),
        ("王 小明", "小明", "王"),
        ("山田, 太郎", "太郎", "山田"),
        # No space: the syllables are not guessed apart; the whole is the given name.
        ("王小明", "王小明", ""),
        ("김민준", "김민준", ""),
        # In Latin letters a name is given name first, whatever its origin.
        ("Kim Min-jun", "Kim", "Min-jun"),
        ("Taro Yamada", "Taro", "Yamada"),
        ("山田 Taro", "山田", "Taro"),
    ],
)
def test_a_name_in_chinese_japanese_or_korean_script_is_family_name_first(whole, given, family):
    assert mapped.split_whole_name(whole) == (given, family)


def test_whole_names_are_imported_with_their_particles_and_script_order(
    session: Session, workspace, tmp_path: Path
):
    sheet = tmp_path / "people.csv"
    sheet.write_text(
        "Name,Email\n"
        "Jean-Claude Van Damme,jc@x.example\n"
        "Ursula von der Leyen,uvdl@x.example\n"
        "Van Morrison,van@x.example\n"
        "山田 太郎,taro@x.example\n"
        "王小明,xm@x.example\n",
        encoding="utf-8",
    )
    import_files(
        session,
        workspace_id=workspace.id,
        paths_or_uploads=[sheet],
        mapping="name=Name,email=Email",
        today=TODAY,
    )
    people = session.scalars(select(Person).where(Person.workspace_id == workspace.id))
    found = {p.display_name: (p.given_name, p.family_name) for p in people}
    assert found == {
        "Jean-Claude Van Damme": ("Jean-Claude", "Van Damme"),
        "Ursula von der Leyen": ("Ursula", "von der Leyen"),
        "Van Morrison": ("Van", "Morrison"),
        "山田 太郎": ("太郎", "山田"),
        "王小明": ("王小明", None),
    }
