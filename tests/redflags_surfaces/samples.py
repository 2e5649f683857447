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
# Two signs of one scam (a fake cheque, a payment app) share where to report and what to say;
# the pay-history question has its own answers.
SHARED_HELP = (
    "Congrats on the job! We mailed you a check for $3,000. Deposit it, keep $200, and send "
    "the remaining funds to our equipment vendor via Zelle. Also, what is your current "
    "salary?\n"
)
CLEAN = "Thanks for your time today. The team enjoyed the conversation; talk next week!"

# `goodword ARGS...` run in process (the `run` fixture).
Run = Callable[..., Result]

# A federal posting (a GS grade, USAJOBS) in New York City, with a range and a pay-history
# question: the federal pay-setting rule binds it; New York's state and city laws do not.
FEDERAL_IN_NEW_YORK = (
    "Job posting: Program Analyst, GS-0343-12. Apply on USAJOBS.\n"
    "Salary: $80,000 - $100,000 per year.\n"
    "What is your current salary? Please include it with your application.\n"
)
NEW_YORK_STATE_AND_CITY = {"us-ny-pt", "us-ny-nyc-pt", "us-ny-shb", "us-ny-nyc-shb"}
NOT_BINDING = (
    "Not binding on a federal employer: the pay-history and pay-range laws of New York (State); "
    "the pay-history and pay-range laws of New York City, NY."
)

# A short ad that reads like a message (one posting marker), with no pay, for a job in
# Colorado, whose law asks postings for a range.
SHORT_AD_IN_DENVER = (
    "Senior Product Manager - Remote\n"
    "Location: Denver, CO\n"
    "We are a fast-growing startup building tools for clinics. Reply with your CV if this "
    "sounds like you.\n"
)
