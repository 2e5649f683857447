"""Package data: loadable with importlib.resources, sourced, and written in our own words."""

from __future__ import annotations

import re
from importlib import resources

import yaml

from goodword.redflags import scams
from goodword.redflags.signals import catalogue, channels, signals_compiled


def _load(name: str) -> dict:
    text = (resources.files("goodword.redflags") / "data" / name).read_text("utf-8")
    data: dict = yaml.safe_load(text)
    return data


def test_both_data_files_load_from_the_package() -> None:
    laws = _load("pay_laws.yaml")
    signals = _load("signals.yaml")
    assert laws["compiled"] == signals["compiled"] == "2026-11-25"
    assert len(laws["entries"]) >= 70
    assert signals_compiled().isoformat() == "2026-11-25"


def test_every_law_entry_has_its_sources_and_flags() -> None:
    for entry in _load("pay_laws.yaml")["entries"]:
        assert entry["source_url"], entry["id"]
        assert isinstance(entry["verified"], bool), entry["id"]
        assert entry["level"] in {"union", "country", "region", "city", "county"}
        assert entry["region"] is None or isinstance(entry["region"], str), entry["id"]


def test_every_signal_the_rules_can_raise_is_in_the_catalogue() -> None:
    raised = {rule.signal for rule in scams.RULES} | {
        "rf-pii-before-offer",
        "rf-free-webmail-recruiter",
        "rf-spoofed-site-or-offsite-application",
        "rf-brand-or-government-impersonation",
        "rf-offer-without-interview",
        "rf-payment-app",
    }
    assert raised <= set(catalogue())
    for signal in catalogue().values():
        assert signal.title and signal.explanation
        assert signal.sources, signal.id


def test_signal_data_carries_no_copied_example_phrasing() -> None:
    assert "example_phrasing" not in (
        resources.files("goodword.redflags") / "data" / "signals.yaml"
    ).read_text("utf-8")


def test_reporting_channels_are_links() -> None:
    assert {c.name for c in channels()} >= {"FTC", "FBI IC3", "Canadian Anti-Fraud Centre"}
    assert all(re.match(r"https?://", c.url) for c in channels())
