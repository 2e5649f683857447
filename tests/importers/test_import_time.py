"""An import's time is taken once, from goodword.clock: every row it writes carries it (when
the people, jobs, messages, ties and pairs were made, and when the import was saved), so a
test can set it, as keep-in-touch's "imported on" reads it (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select

from goodword import clock
from goodword.db import Base
from goodword.importers.records import Upload
from goodword.importers.service import import_files

DATA = Path(__file__).resolve().parents[1] / "data" / "importers"
THEN = datetime(2026, 3, 14, 9, 26, 53, tzinfo=UTC)
# A second Ada Lovelace, on a card: asked about beside the one of the LinkedIn archive.
CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\nEND:VCARD\r\n"


def test_every_row_an_import_writes_carries_its_time_from_the_clock(
    session, workspace, monkeypatch
):
    monkeypatch.setattr(clock, "now", lambda: THEN)
    monkeypatch.setattr(clock, "today", lambda: THEN.date())
    files = [DATA / name for name in ("Profile.csv", "Connections.csv", "messages.csv")]
    report = import_files(
        session,
        workspace_id=workspace.id,
        today=date(2026, 3, 14),
        paths_or_uploads=[*files, Upload("phone.vcf", CARD.encode())],
    )
    session.flush()
    assert report.finished_at == THEN and report.candidates_created >= 1

    stamped: dict[str, set[datetime]] = {}
    for table in Base.metadata.sorted_tables:
        if "workspace_id" not in table.c:
            continue
        for column in ("created_at", "updated_at", "imported_at", "finished_at"):
            if column in table.c:
                found = session.scalars(
                    select(table.c[column]).where(table.c.workspace_id == workspace.id).distinct()
                ).all()
                if found:
                    stamped[f"{table.name}.{column}"] = set(found)
    for written in ("people", "person_sources", "positions", "organizations", "interactions",
                    "connections", "duplicate_candidates", "import_runs"):  # fmt: skip
        assert f"{written}.created_at" in stamped
    assert {name: {THEN} for name in stamped} == stamped
