"""Failures are logged without the people in them."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy.exc import IntegrityError

from goodword import logs


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
