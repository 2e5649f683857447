"""Sample texts and paths the red-flag surface tests share."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from typer.testing import Result

TODAY = date(2026, 11, 25)
DATA = Path(__file__).parent / "data"
EML = DATA / "parcel_job_offer.eml"

# A fee to be hired and a pay-history question, in Delaware (whose ban is unconfirmed data).
SCAM_AND_HISTORY = (
    "Hi Robin, great news: you have been selected for the remote assistant role.\n"
    "Before we start, pay the $40 registration fee for your training kit.\n"
    "Also, what is your current salary?\n"
)
CLEAN = "Thanks for your time today. The team enjoyed the conversation; talk next week!"

# `goodword ARGS...` run in process (the `run` fixture).
Run = Callable[..., Result]
