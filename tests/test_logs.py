"""Failures are logged without the people in them."""

from __future__ import annotations

import logging

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.exc import IntegrityError

from factories import LOCAL
from goodword import logs
from goodword.people.schemas import PersonCreate


class _Driver(Exception):
    sqlstate = "23505"


def _fail() -> None:
    orig = _Driver(
        'duplicate key value violates unique constraint "uq_email"\n'
        "DETAIL:  Key (workspace_id, address)=(1, ann@example.org) already exists."
    )
    raise IntegrityError("INSERT INTO person_emails ...", {"address": "ann@example.org"}, orig)


def test_a_failure_is_logged_as_its_kind_code_and_place_not_its_message(
    caplog: pytest.LogCaptureFixture,
):
    try:
        _fail()
    except IntegrityError as exc:
        with caplog.at_level(logging.ERROR):
            logs.failure(logging.getLogger("goodword.test"), "POST /people", exc)
    (record,) = caplog.records
    text = record.getMessage()
    assert "ann@example.org" not in text and "DETAIL" not in text
    assert text.startswith("POST /people failed: sqlalchemy.exc.IntegrityError from ")
    assert "(23505)" in text
    assert "in _fail" in text  # where it happened


def test_a_schema_refusing_a_value_inside_the_app_is_logged_without_the_value(
    app: FastAPI, caplog: pytest.LogCaptureFixture
):
    def build_from_records() -> None:
        PersonCreate(display_name="Ann \u202eExample", emails=["ann@example.org", "not one"])

    app.add_api_route("/api/v1/broken", build_from_records, methods=["GET"])
    with TestClient(app, base_url=LOCAL) as client, caplog.at_level(logging.WARNING):
        answer = client.get("/api/v1/broken")
    assert answer.status_code == 422
    assert {f["field"] for f in answer.json()["error"]["fields"]} == {"display_name", "emails.1"}
    (record,) = [r for r in caplog.records if r.name == "goodword.web"]
    text = record.getMessage()
    assert text.startswith("GET /api/v1/broken: PersonCreate refused display_name, emails.1")
    assert "in build_from_records" in text
    assert "Ann" not in text and "example.org" not in text and "not one" not in text
