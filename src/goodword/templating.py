"""Jinja filters and globals shared by every page."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from jinja2 import Environment

from goodword import __version__
from goodword.connections.models import ConnectionKind
from goodword.interactions.models import InteractionKind, Rapport
from goodword.opportunities.models import PayPeriod, Route, Stage
from goodword.opportunities.wording import pay_of
from goodword.people.normalize import phone_text, phone_uri, source_id, source_name
from goodword.tasks.models import TaskStatus
from goodword.tasks.schemas import origin_words


def human_date(value: date | datetime | None) -> str:
    """2 Nov 2026; with a time for datetimes shown in the machine's local zone."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        local = value.astimezone()
        return f"{local.day} {local:%b %Y, %H:%M}"
    return f"{value.day} {value:%b %Y}"


def thousands(value: int | None) -> str:
    """12,345: counts on pages, grouped the way the page's other figures are."""
    return "" if value is None else f"{value:,}"


def uploads(files: Any) -> str:
    """The files an import was given, an archive's or folder's members counted under its
    name rather than listed (the list of earlier imports stays narrow).

    >>> from types import SimpleNamespace as F
    >>> uploads([F(name="export.zip/Connections.csv"), F(name="export.zip/messages.csv"),
    ...          F(name="phone.vcf"), F(name="phone.vcf")])
    'export.zip (2 files), phone.vcf, phone.vcf'
    """
    shown: list[str] = []
    members: dict[str, int] = {}  # an archive or folder -> its place in `shown`
    counts: dict[str, int] = {}
    for item in files:
        name = item["name"] if isinstance(item, dict) else item.name  # (a kept report's: dicts)
        top, inside, _rest = name.partition("/")
        if not inside:
            shown.append(name)
            continue
        if top not in members:
            members[top] = len(shown)
            shown.append(top)
        counts[top] = counts.get(top, 0) + 1
    for top, at in members.items():
        count = counts[top]
        shown[at] = f"{top} ({count} file{'s' if count != 1 else ''})"
    return ", ".join(shown)


def label(value: Any) -> str:
    """The human label of an enum member (or the text itself)."""
    if value is None:
        return ""
    return str(getattr(value, "label", str(value).replace("_", " ").capitalize()))


def install(env: Environment) -> None:
    env.filters["human_date"] = human_date
    env.filters["label"] = label
    env.filters["origin_words"] = origin_words
    env.filters["pay"] = pay_of
    env.filters["thousands"] = thousands
    env.filters["uploads"] = uploads
    env.filters["phone"] = phone_text
    env.filters["tel_uri"] = phone_uri
    env.filters["source_name"] = source_name
    env.globals["source_id"] = source_id
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
