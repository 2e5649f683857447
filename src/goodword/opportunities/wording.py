"""An opportunity's pay in words, the one way the pages, the CLI and red flags write it."""

from __future__ import annotations

from decimal import Decimal

_SYMBOLS = {"USD": "$", "GBP": "\u00a3", "EUR": "\u20ac"}


def _amount(value: Decimal | float, currency: str | None) -> str:
    figure = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
    code = (currency or "").upper()
    if code in _SYMBOLS:
        return _SYMBOLS[code] + figure
    return f"{code} {figure}" if code else figure


def pay_words(
    low: Decimal | float | None,
    high: Decimal | float | None,
    currency: str | None = None,
    period: str | None = None,
) -> str:
    """The pay as people write it, or "" when none is given.

    >>> pay_words(120000, 150000, "USD", "year")
    '$120,000 to $150,000 a year'
    >>> pay_words(None, Decimal("21.50"), None, "hour")
    'up to 21.50 an hour'
    >>> pay_words(30000, None, "CHF")
    'from CHF 30,000'
    """
    if low is not None and high is not None and high != low:
        text = f"{_amount(low, currency)} to {_amount(high, currency)}"
    elif low is not None:
        text = ("" if high == low else "from ") + _amount(low, currency)
    elif high is not None:
        text = f"up to {_amount(high, currency)}"
    else:
        return ""
    if not period:
        return text
    return f"{text} {'an' if period == 'hour' else 'a'} {period}"


def pay_of(opportunity: object) -> str:
    """The pay of an opportunity (its model or its read schema) in words (`pay_words`)."""
    period = getattr(opportunity, "pay_period", None)
    return pay_words(
        getattr(opportunity, "pay_min", None),
        getattr(opportunity, "pay_max", None),
        getattr(opportunity, "pay_currency", None),
        getattr(period, "value", period),
    )
