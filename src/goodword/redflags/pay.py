"""Pay figures in a text: ranges ("$80,000-$95,000 a year"), open-ended pay ("from $22/hr"),
each with its currency and period, and pay recorded for an opening; `transparency` weighs them
against the pay-transparency laws.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from goodword.opportunities.wording import pay_words
from goodword.redflags.textspan import Evidence, Sentences, evidence, rx

CURRENCY = r"(?:US\$|CA\$|C\$|CAD\s?\$?|A\$|AU\$|NZ\$|USD\s?\$?|EUR|GBP|AUD|CHF|\$|€|£)"
NUM = r"\d{1,3}(?:[,.\s]\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?"
PERIOD = (
    r"(?:\s*(?:/|per|an?|each)\s*(?P<{n}>hour|hr|h|year|yr|annum|month|mo|week|wk|day)\b"
    r"|\s+(?P<{n}2>annually|yearly|hourly|monthly|p\.a\.|per\s+annum))"
)
_AMOUNT = r"(?P<{c}>{cur})?\s?(?P<{v}>{num})(?P<{k}>\s?[kK]\b)?\s?(?P<{c}x>{cur}|€|euros?)?"


def _amount(c: str, v: str, k: str) -> str:
    return _AMOUNT.format(c=c, v=v, k=k, cur=CURRENCY, num=NUM)


_RANGE = re.compile(
    r"(?:\bbetween\s+)?"
    + _amount("c1", "v1", "k1")
    + r"\s*(?:-|\u2013|\u2014|to|and)\s*"
    + _amount("c2", "v2", "k2")
    + r"(?:"
    + PERIOD.format(n="p", **{})
    + r")?",
    re.IGNORECASE,
)
_OPEN = re.compile(
    r"(?:\b(?P<lead>up\s+to|starting\s+(?:at|from)|from|minimum(?:\s+of)?|at\s+least)\s+)?"
    + _amount("c1", "v1", "k1")
    + r"(?:"
    + PERIOD.format(n="p", **{})
    + r")?(?P<tail>\s*\+|\s+(?:and\s+up|and\s+above|or\s+more|plus)\b)?",
    re.IGNORECASE,
)
_PAY_LABEL = rx(
    r"\b(?:salary|pay|compensation|wage|OTE|base(?:\s+(?:salary|pay))?)(?:\s+(?:is|of))?"
    r"\s*[:\-\u2013]?\s*$"
)
_PAY_CONTEXT = rx(
    r"\b(?:salary|salaries|pay|paid|compensation|wage|rate|base|range|OTE|earn\w*|income|"
    r"per\s+(?:hour|year|annum)|hourly|annual\w*|stipend)\b"
)
_PERIODS = {
    "hour": "hour",
    "hr": "hour",
    "h": "hour",
    "hourly": "hour",
    "year": "year",
    "yr": "year",
    "annum": "year",
    "annually": "year",
    "yearly": "year",
    "p.a.": "year",
    "per annum": "year",
    "month": "month",
    "mo": "month",
    "monthly": "month",
    "week": "week",
    "wk": "week",
    "day": "day",
}
_CURRENCY_CODES = {"$": "USD", "€": "EUR", "£": "GBP", "EUR": "EUR", "GBP": "GBP", "CHF": "CHF"}


@dataclass(frozen=True)
class PayRange:
    """A stated pay figure or range; `high` is None for open-ended or single amounts."""

    low: float
    high: float | None
    currency: str | None
    period: str | None
    open_ended: bool
    evidence: Evidence

    @property
    def spread_ratio(self) -> float | None:
        if self.high is None or self.low <= 0:
            return None
        return self.high / self.low

    def to_dict(self) -> dict[str, Any]:
        return {
            "low": self.low,
            "high": self.high,
            "currency": self.currency,
            "period": self.period,
            "open_ended": self.open_ended,
            "evidence": self.evidence.to_dict(),
        }


def _number(raw: str) -> float:
    raw = raw.strip()
    if re.fullmatch(r"\d{1,3}(?:[,.\s]\d{3})+", raw):
        return float(re.sub(r"[,.\s]", "", raw))
    if re.fullmatch(r"\d{1,3}(?:[,\s]\d{3})+\.\d{1,2}", raw):
        return float(re.sub(r"[,\s]", "", raw))
    return float(raw.replace(",", ""))


def _currency(*raw: str | None) -> str | None:
    for item in raw:
        if not item:
            continue
        code = item.strip().upper().rstrip("$").strip()
        if item.strip().lower().startswith("euro"):
            return "EUR"
        if code in ("US", "USD", ""):
            return "USD" if "$" in item or code in ("US", "USD") else None
        if code in ("CA", "C", "CAD"):
            return "CAD"
        if code in ("A", "AU", "AUD"):
            return "AUD"
        if code == "NZ":
            return "NZD"
        return _CURRENCY_CODES.get(item.strip(), code or None)
    return None


def _period(match: re.Match[str]) -> str | None:
    raw = match.group("p") or match.group("p2")
    return _PERIODS.get(" ".join(raw.lower().split())) if raw else None


def _trimmed(text: str, match: re.Match[str]) -> Evidence:
    end = match.end()
    while end > match.start() and text[end - 1].isspace():
        end -= 1
    return evidence(text, match.start(), end)


@dataclass(frozen=True)
class RecordedPay:
    """The pay kept in an opportunity's own fields, apart from its posting text."""

    low: float | None
    high: float | None
    currency: str | None = None
    period: str | None = None

    @property
    def words(self) -> str:
        """The pay in words: "$120,000 to $150,000 a year", "from £30,000", "up to $40 an hour".

        >>> RecordedPay(120000, 150000, "USD", "year").words
        '$120,000 to $150,000 a year'
        """
        return pay_words(self.low, self.high, self.currency, self.period)


def pay_ranges(text: str) -> list[PayRange]:
    """Parse pay ranges and single figures ("$120,000-$150,000", "€55k - €65k", "$25/hr+")."""
    found: list[PayRange] = []
    # The characters a range already covers, and whether each sentence speaks of pay: both
    # looked up in constant time, so a long text full of figures costs time in proportion.
    taken = bytearray(len(text) + 1)
    sents = Sentences(text)
    about_pay: dict[int, bool] = {}

    def pay_sentence(pos: int) -> bool:
        index = sents.index(pos)
        if index not in about_pay:
            lo, hi = sents.spans[index]
            about_pay[index] = _PAY_CONTEXT.search(text, lo, hi) is not None
        return about_pay[index]

    for match in _RANGE.finditer(text):
        has_money = bool(match.group("c1") or match.group("c2") or match.group("c1x"))
        has_money = has_money or bool(match.group("c2x"))
        has_k = bool(match.group("k2"))
        period = _period(match)
        if not (has_money or has_k or (period and pay_sentence(match.start()))):
            continue
        low, high = _number(match.group("v1")), _number(match.group("v2"))
        if match.group("k2"):
            high *= 1000
            if match.group("k1") or low < 1000:
                low *= 1000
        elif match.group("k1"):
            low *= 1000
        if high <= low or (period is None and high < 100 and not has_money):
            continue
        currency = _currency(match.group("c1"), match.group("c2"), match.group("c1x"))
        currency = currency or _currency(match.group("c2x"))
        found.append(PayRange(low, high, currency, period, False, _trimmed(text, match)))
        taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    for match in _OPEN.finditer(text):
        if taken[match.start()]:
            continue
        money = match.group("c1") or match.group("c1x")
        if not money:
            continue
        period = _period(match)
        lead = (match.group("lead") or "").lower()
        open_ended = bool(match.group("tail")) or lead.startswith(("start", "from", "min", "at"))
        is_pay = period or pay_sentence(match.start())
        # A lone figure counts when a pay label names it: "Salary: $95,000", "OTE $250,000".
        labelled = _PAY_LABEL.search(text, max(0, match.start() - 30), match.start())
        if not (period or open_ended or lead == "up to" or labelled) or not is_pay:
            continue
        value = _number(match.group("v1")) * (1000 if match.group("k1") else 1)
        currency = _currency(match.group("c1"), match.group("c1x"))
        found.append(
            PayRange(
                value, None, currency, period, open_ended or lead == "up to", _trimmed(text, match)
            )
        )
    return sorted(found, key=lambda r: r.evidence.start)
