"""What has happened is not dated in the future: an interaction, the start of a tie, a birthday.

"Today" is the date where it is latest (UTC+14), so a day that has begun anywhere, written in
the user's own time zone, is accepted; a later one is refused beside its field, as a reference's
consent day is. The clock is pinned.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from goodword import clock
from goodword.connections.schemas import ConnectionCreate, ConnectionUpdate
from goodword.exchange import service as exchange
from goodword.forms import field_errors
from goodword.interactions.schemas import InteractionCreate, InteractionUpdate
from goodword.people.schemas import PersonCreate, PersonUpdate, PositionCreate, PositionUpdate
from goodword.records import latest_today

# 09:30 in London is 23:30 in Kiribati: the 26th has begun nowhere yet.
BEFORE = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
# 10:30 in London is 00:30 on the 26th in Kiribati: the 26th has begun there.
AFTER = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)

HAPPENED = "That day is still to come: give the day it happened."
BEGAN = "That day is still to come: give the day it began."
BORN = "That day is still to come: give the day they were born."
ENDED = (
    "That day is still to come: give the day the job ended, or leave the end empty while "
    "they still work there."
)
STARTED = (
    "That day is still to come, and this job has ended: give the day it began, or say they "
    "work there now."
)


def pin(monkeypatch: pytest.MonkeyPatch, now: datetime) -> None:
    monkeypatch.setattr(clock, "now", lambda: now)
    monkeypatch.setattr(clock, "today", lambda: now.date())


def problems(schema: type, data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        schema.model_validate(data)
    return [(f.field, f.message) for f in field_errors(caught.value.errors())]


def call(when: str) -> dict[str, Any]:
    return {"occurred_at": when, "kind": "call", "summary": "Caught up"}


def tie(since: str) -> dict[str, Any]:
    return {"person_a_id": 1, "person_b_id": 2, "kind": "friend", "since": since}


def test_today_is_the_date_where_it_is_latest(monkeypatch: pytest.MonkeyPatch) -> None:
    pin(monkeypatch, BEFORE)
    before = latest_today()
    pin(monkeypatch, AFTER)

    assert (before, latest_today()) == (date(2026, 11, 25), date(2026, 11, 26))


def test_an_interaction_dated_in_the_future_is_refused_beside_its_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pin(monkeypatch, BEFORE)

    assert problems(InteractionCreate, call("2031-01-01T10:00")) == [("occurred_at", HAPPENED)]
    assert problems(InteractionCreate, call("2026-11-26T00:30")) == [("occurred_at", HAPPENED)]
    assert problems(InteractionCreate, call("2099-01-01T10:00:00Z")) == [("occurred_at", HAPPENED)]


def test_the_rest_of_today_anywhere_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    pin(monkeypatch, BEFORE)
    late_today = InteractionCreate.model_validate(call("2026-11-25T23:00"))
    pin(monkeypatch, AFTER)
    tomorrow_in_kiribati = InteractionCreate.model_validate(call("2026-11-26T08:00+14:00"))
    tomorrow_as_written = InteractionCreate.model_validate(call("2026-11-26T08:00"))

    assert late_today.occurred_at == datetime(2026, 11, 25, 23, 0)
    assert tomorrow_in_kiribati.occurred_at.day == tomorrow_as_written.occurred_at.day == 26
    assert problems(InteractionCreate, call("2026-11-27T00:00")) == [("occurred_at", HAPPENED)]


def test_a_future_day_is_reported_with_the_records_other_problems(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pin(monkeypatch, BEFORE)

    assert problems(InteractionUpdate, call("2062-03-01T10:00") | {"summary": None}) == [
        ("occurred_at", HAPPENED),
        ("participants", "Add at least one person who took part, or a summary of what happened."),
    ]


def test_a_tie_that_begins_in_the_future_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    pin(monkeypatch, BEFORE)
    update = {"kind": "friend", "since": "2099-01-01"}

    assert problems(ConnectionCreate, tie("2099-01-01")) == [("since", BEGAN)]
    assert problems(ConnectionUpdate, update) == [("since", BEGAN)]
    assert problems(ConnectionCreate, tie("2026-11-26")) == [("since", BEGAN)]
    assert ConnectionCreate.model_validate(tie("2026-11-25")).since == date(2026, 11, 25)
    pin(monkeypatch, AFTER)
    assert ConnectionCreate.model_validate(tie("2026-11-26")).since == date(2026, 11, 26)


def test_a_birthday_in_the_future_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    pin(monkeypatch, BEFORE)
    born = {"display_name": "Carol Díaz", "birthday": "2030-01-01"}

    assert problems(PersonCreate, born) == [("birthday", BORN)]
    assert problems(PersonUpdate, born) == [("birthday", BORN)]
    assert PersonCreate.model_validate(born | {"birthday": "1990-01-01"}).birthday == date(
        1990, 1, 1
    )


def job(**fields: Any) -> dict[str, Any]:
    return {"organization_name": "Kestrel Labs", "title": "Analyst", **fields}


def test_a_job_that_ends_after_today_is_refused_beside_its_end(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pin(monkeypatch, BEFORE)

    assert problems(PositionCreate, job(end_date="2026-11-26")) == [("end_date", ENDED)]
    assert problems(PositionUpdate, job(end_date="2027-01-01", is_current=False)) == [
        ("end_date", ENDED)
    ]
    assert PositionCreate.model_validate(job(end_date="2026-11-25")).end_date == date(2026, 11, 25)
    pin(monkeypatch, AFTER)
    assert PositionCreate.model_validate(job(end_date="2026-11-26")).is_current is False


def test_a_job_that_has_ended_cannot_begin_after_today(monkeypatch: pytest.MonkeyPatch) -> None:
    pin(monkeypatch, BEFORE)

    assert problems(PositionCreate, job(start_date="2026-12-01", is_current=False)) == [
        ("start_date", STARTED)
    ]
    backwards = job(start_date="2027-01-01", end_date="2026-11-01", is_current=False)
    assert problems(PositionUpdate, backwards) == [
        ("__all__", "end_date is before start_date."),
        ("start_date", STARTED),
    ]
    # A job taken that starts next month is current: its start may be still to come.
    taken = PositionCreate.model_validate(job(start_date="2026-12-01"))
    assert (taken.start_date, taken.is_current) == (date(2026, 12, 1), True)
    assert PositionCreate.model_validate(job(start_date="2026-11-25", is_current=False))


def test_an_export_file_brings_back_dates_after_today_as_they_were_saved(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A backup comes back whole: an import may have kept a birthday as its file gave it, and
    records saved before the forms' check may hold such a day."""
    pin(monkeypatch, BEFORE)
    stamp = {"created_at": "2026-11-01T10:00:00Z", "updated_at": "2026-11-01T10:00:00Z"}
    document = {
        "format": "goodword-export",
        "version": 1,
        "workspace": {"name": "Ada's search"},
        "people": [
            {"key": "p1", "display_name": "Ada", "birthday": "2030-01-01", **stamp},
            {"key": "p2", "display_name": "Bob", **stamp},
        ],
        "interactions": [
            {"key": "i1", "occurred_at": "2031-01-01T10:00:00Z", "kind": "call", **stamp}
        ],
        "connections": [
            {"person_a": "p1", "person_b": "p2", "kind": "friend", "since": "2099-01-01", **stamp}
        ],
    }

    read = exchange.read_document(document)

    assert read.people[0].birthday == date(2030, 1, 1)
    assert read.interactions[0].occurred_at.year == 2031
    assert read.connections[0].since == date(2099, 1, 1)
