"""The import page in a real browser: a background import's report takes the focus when it
arrives, a running import can be stopped, and column pickers chosen in any order keep their
place."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from goodword.importers import service, views

pytestmark = pytest.mark.browser

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"


def test_a_background_imports_report_takes_the_focus_when_it_arrives(
    live_server, page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "BACKGROUND_BYTES", 0)  # every upload goes to the background
    page.goto(f"{live_server.url}/import")
    page.get_by_label("Files").set_input_files(str(DATA / "Connections.csv"))
    page.get_by_role("button", name="Import", exact=True).click()
    heading = page.get_by_role("heading", name="Import finished")
    expect(heading).to_be_visible()
    expect(heading).to_be_focused()
    expect(page.locator('#import-report dd[data-outcome="created"]')).to_have_text("6")
    # The list of earlier imports takes it in without a reload.
    expect(page.get_by_role("heading", name="Earlier imports")).to_be_visible()
    expect(page.locator('#history td[data-outcome="created"]')).to_have_text(["6"])


def test_a_running_import_is_stopped_from_its_progress_and_saves_nothing(
    live_server, page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "BACKGROUND_BYTES", 0)
    real = service.import_files

    def slow_import(*args: Any, progress: Any, **kwargs: Any) -> Any:
        """The real import, held at the matching stage (as a big one is) for up to 20 s."""

        def step(stage: str, done: int, total: int) -> None:
            progress(stage, done, total)
            deadline = time.monotonic() + 20
            while stage == "match" and time.monotonic() < deadline:
                time.sleep(0.05)
                progress(stage, done, total)  # raises once the user has asked it to stop

        return real(*args, progress=step, **kwargs)

    monkeypatch.setattr(service, "import_files", slow_import)
    page.goto(f"{live_server.url}/import")
    page.get_by_label("Files").set_input_files(str(DATA / "Connections.csv"))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator("#import-progress strong")).to_have_text("Matching people")
    expect(page.get_by_role("heading", name="Importing")).to_be_focused()
    # A keyboard user's focus stays on Stop while the progress is polled every second.
    page.keyboard.press("Tab")
    stop = page.get_by_role("button", name="Stop the import")
    expect(stop).to_be_focused()
    page.wait_for_timeout(2500)
    expect(stop).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_text("You stopped the import, so nothing of it was saved.")).to_be_visible()
    page.goto(f"{live_server.url}/people")
    expect(page.get_by_text("Ada Lovelace")).to_have_count(0)
    page.goto(f"{live_server.url}/import")
    expect(page.get_by_role("heading", name="Earlier imports")).to_have_count(0)


def unnamed_columns(tmp_path: Path) -> Path:
    """A spreadsheet whose column names say nothing Goodword could pick by."""
    path = tmp_path / "club.csv"
    path.write_text("Ref,Personal,Household\nC-101,Mae,Jemison\n", encoding="utf-8")
    return path


def test_a_picker_chosen_before_the_name_columns_keeps_the_pickers(
    live_server, page: Page, tmp_path: Path
) -> None:
    page.goto(f"{live_server.url}/import")
    page.get_by_label("Files").set_input_files(str(unnamed_columns(tmp_path)))
    key = page.locator("#f-map_key")
    key.focus()  # as a keyboard user does
    key.select_option("Ref")
    expect(
        page.get_by_text("Pick a name column or the e-mail address column to see the first rows.")
    ).to_be_visible()
    expect(page.locator("#f-map_key")).to_have_value("Ref")
    expect(page.locator("#f-map_key")).to_be_focused()
    # Picked quickly one after the other, the last choice wins (a newer preview replaces
    # one still on its way).
    page.locator("#f-map_given").select_option("Personal")
    page.locator("#f-map_family").select_option("Household")
    expect(page.locator("#import-preview td", has_text="Mae Jemison")).to_be_visible()
    expect(page.locator("#f-map_family")).to_have_value("Household")


def test_a_pick_made_the_moment_a_preview_arrives_is_heard(
    live_server, page: Page, tmp_path: Path
) -> None:
    # HTMX wires freshly swapped content only once it settles (20 ms later); a pick landing
    # in between used to go unheard, leaving the pickers and the rows out of step.
    page.goto(f"{live_server.url}/import")
    # (Choosing the file previews it: no Preview, whose answer would be one more swap.)
    page.get_by_label("Files").set_input_files(str(unnamed_columns(tmp_path)))
    expect(page.locator("#f-map_given")).to_be_visible()
    page.evaluate(
        """() => document.body.addEventListener("htmx:afterSwap", () => {
             const family = document.getElementById("f-map_family");
             family.value = "Household";
             family.dispatchEvent(new Event("change", {bubbles: true}));
           }, {once: true})"""
    )
    page.locator("#f-map_given").select_option("Personal")
    expect(page.locator("#import-preview td", has_text="Mae Jemison")).to_be_visible()
    expect(page.locator("#f-map_given")).to_have_value("Personal")
    expect(page.locator("#f-map_family")).to_have_value("Household")


def test_a_column_whose_name_holds_a_comma_is_picked_previewed_and_imported(
    live_server, page: Page, tmp_path: Path
) -> None:
    odd = tmp_path / "spreadsheet_odd.csv"
    odd.write_text(
        'Surname,"Name, first",E-mail (work) \nNakamura,Hiro,hiro@example.jp\n', encoding="utf-8"
    )
    page.goto(f"{live_server.url}/import")
    page.get_by_label("Files").set_input_files(str(odd))
    page.locator("#f-map_given").select_option("Name, first")
    page.locator("#f-map_family").select_option("Surname")
    expect(page.locator("#import-preview td", has_text="Hiro Nakamura")).to_be_visible()
    expect(page.locator("#f-map_given")).to_have_value("Name, first")
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_role("heading", name="Import finished")).to_be_visible()
    expect(page.locator('#import-report dd[data-outcome="created"]')).to_have_text("1")


def test_the_preview_of_linkedin_connections_fits_a_desktop_window(live_server, page: Page) -> None:
    """Its source ids (profile web addresses) wrap, so no column is cut off."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/import")
    page.get_by_label("Files").set_input_files(str(DATA / "Connections.csv"))
    box = page.locator("#import-preview .table-scroll").last
    expect(box).to_contain_text("linkedin.com/in/ada-lovelace")
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth")


def test_choosing_files_previews_them_and_another_file_its_own_columns(
    live_server, page: Page, tmp_path: Path
) -> None:
    page.goto(f"{live_server.url}/import")
    page.get_by_label("Files").set_input_files(str(DATA / "crm.csv"))
    expect(page.locator("#import-preview td", has_text="Mae Jemison")).to_be_visible()
    expect(page.locator("#f-map_given")).to_have_value("First")
    club = tmp_path / "club.csv"
    club.write_text("Full name,E-mail\nGrace Hopper,grace@navy.example\n", encoding="utf-8")
    page.get_by_label("Files").set_input_files(str(club))
    expect(page.locator("#import-preview td", has_text="Grace Hopper")).to_be_visible()
    expect(page.locator("#f-map_name")).to_have_value("Full name")
    expect(page.locator("#f-map_given")).to_have_value("")


def test_a_refused_file_marks_the_file_box_and_a_good_one_clears_it(
    live_server, page: Page, tmp_path: Path
) -> None:
    pdf = tmp_path / "cv.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%binary\x00\x01")
    page.goto(f"{live_server.url}/import")
    box = page.get_by_label("Files")
    box.set_input_files(str(pdf))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator("#import-problem")).to_contain_text("is a PDF document")
    expect(page.locator("#preview-problem")).to_contain_text("is a PDF document")
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(box).to_have_accessible_description(re.compile("is a PDF document"))
    box.set_input_files(str(DATA / "Connections.csv"))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_role("heading", name="Import finished")).to_be_visible()
    expect(box).not_to_have_attribute("aria-invalid", "true")


def test_choosing_other_files_clears_the_refusal_of_the_last_ones(
    live_server, page: Page, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01 not a contact file")
    page.goto(f"{live_server.url}/import")
    box = page.get_by_label("Files")
    box.set_input_files(str(bad))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator("#import-result")).to_contain_text("Nothing was imported. bad.txt")
    box.set_input_files(str(DATA / "Connections.csv"))
    expect(page.locator("#import-preview td", has_text="Ada Lovelace")).to_be_visible()
    expect(page.locator("#import-result")).to_be_empty()
    expect(box).not_to_have_attribute("aria-invalid", "true")


def test_a_folder_chosen_whole_keeps_its_name_so_the_export_is_dated_by_it(
    live_server, page: Page, tmp_path: Path
) -> None:
    folder = tmp_path / "Basic_LinkedInDataExport_03-20-2026"
    folder.mkdir()
    (folder / "Connections.csv").write_bytes((DATA / "Connections.csv").read_bytes())
    (folder / "Skills.csv").write_text("Name\nSQL\n", encoding="utf-8")
    page.goto(f"{live_server.url}/import")
    page.get_by_label("Or a whole folder").set_input_files(str(folder))
    preview = page.locator("#import-preview")
    expect(preview.get_by_role("heading", level=3)).to_have_text(
        [
            re.compile(r"^Basic_LinkedInDataExport_03-20-2026/Connections\.csv"),
            re.compile(r"^Basic_LinkedInDataExport_03-20-2026/Skills\.csv"),
        ]
    )
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_role("heading", name="Import finished")).to_be_visible()
    expect(page.locator("#history td.long-id")).to_have_text(
        ["Basic_LinkedInDataExport_03-20-2026 (2 files)"]
    )


def test_several_columns_are_ticked_under_notes_and_kept_in_the_notes(
    live_server, page: Page, tmp_path: Path
) -> None:
    club = tmp_path / "club.csv"
    club.write_text("Who,Headline,Team\nMae Jemison,Astronaut,Endeavour\n", encoding="utf-8")
    page.goto(f"{live_server.url}/import")
    page.get_by_label("Files").set_input_files(str(club))
    page.locator("#f-map_name").select_option("Who")
    expect(page.locator("#import-preview td", has_text="Mae Jemison")).to_be_visible()
    notes = page.get_by_role("group", name="Notes (as many columns as you like)")
    notes.get_by_label("Headline").check()
    expect(notes.get_by_label("Headline")).to_be_checked()
    notes.get_by_label("Team").check()
    expect(notes.get_by_label("Team")).to_be_checked()
    expect(notes.get_by_label("Headline")).to_be_checked()  # (the preview kept the first)
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_role("heading", name="Import finished")).to_be_visible()
    page.get_by_role("link", name="Mae Jemison").first.click()
    expect(page.get_by_text("Headline: Astronaut")).to_be_visible()
    expect(page.get_by_text("Team: Endeavour")).to_be_visible()
