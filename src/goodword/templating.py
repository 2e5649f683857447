"""Jinja filters and globals shared by every page."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from jinja2 import Environment

from goodword import __version__
from goodword.connections.models import ConnectionKind
from goodword.importers.history import files_in_words
from goodword.interactions.models import InteractionKind, Rapport
from goodword.opportunities.models import PayPeriod, Route, Stage
from goodword.opportunities.wording import pay_of
from goodword.people import job_dates
from goodword.people.birthdays import shown as month_day
from goodword.people.normalize import phone_text, phone_uri, source_id, source_name
from goodword.playbooks.messages import placeholder_words
from goodword.sentences import full_stop
from goodword.tasks.models import TaskStatus
from goodword.tasks.schemas import origin_words, unfilled


def human_date(value: date | datetime | None, precision: str | None = None) -> str:
    """2 Nov 2026; with a time for datetimes shown in the machine's local zone; a job's
    date in the precision it was given ("Nov 2026", "2026": `job_dates`)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        local = value.astimezone()
        return f"{local.day} {local:%b %Y, %H:%M}"
    return job_dates.in_words(value, precision)


def thousands(value: int | None) -> str:
    """12,345: counts on pages, grouped the way the page's other figures are."""
    return "" if value is None else f"{value:,}"


def birthday_words(kept: str | None) -> str:
    """A birthday as a person's page shows it, from its kept text: "--04-12" is "12 April",
    "1990-04-12" is "12 Apr 1990" (the import preview's rows carry the text)."""
    if not kept:
        return ""
    if kept.startswith("--"):
        return month_day(kept)
    return human_date(date.fromisoformat(kept))


def label(value: Any) -> str:
    """The human label of an enum member (or the text itself)."""
    if value is None:
        return ""
    return str(getattr(value, "label", str(value).replace("_", " ").capitalize()))


def install(env: Environment) -> None:
    env.filters["human_date"] = human_date
    env.filters["label"] = label
    env.filters["month_day"] = month_day
    env.filters["birthday_words"] = birthday_words
    env.filters["full_stop"] = full_stop
    env.filters["placeholder_words"] = placeholder_words
    env.filters["origin_words"] = origin_words
    env.filters["pay"] = pay_of
    env.filters["thousands"] = thousands
    env.filters["uploads"] = files_in_words
    env.filters["phone"] = phone_text
    env.filters["tel_uri"] = phone_uri
    env.filters["source_name"] = source_name
    env.globals["source_id"] = source_id
    env.globals["unfilled"] = unfilled
    env.globals.update(
        version=__version__,
        Stage=Stage,
        Route=Route,
        PayPeriod=PayPeriod,
        InteractionKind=InteractionKind,
        Rapport=Rapport,
        ConnectionKind=ConnectionKind,
        TaskStatus=TaskStatus,
    )
