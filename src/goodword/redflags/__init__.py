"""Red flags in job postings and recruiter messages: scams, unpaid work, pay-history questions
and missing pay ranges, with the law where the job is and drafted answers.

Public entry points: `analyze`, `laws_for`, `every_law`, `data_compiled`, `parse_location`.
"""

from __future__ import annotations

from goodword.redflags.analyzer import Category, Finding, Report, analyze
from goodword.redflags.laws import LawLookup, all_laws, data_compiled, every_law, laws_for
from goodword.redflags.location import Place, parse_location
from goodword.redflags.signals import Severity

__all__ = [
    "Category",
    "Finding",
    "LawLookup",
    "Place",
    "Report",
    "Severity",
    "all_laws",
    "analyze",
    "data_compiled",
    "every_law",
    "laws_for",
    "parse_location",
]
