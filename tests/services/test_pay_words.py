"""An opportunity's pay is written one way on its page, by the CLI and in red flags."""

from __future__ import annotations

from decimal import Decimal

import pytest

from goodword.opportunities.models import PayPeriod
from goodword.opportunities.wording import pay_of, pay_words
from goodword.redflags.pay import RecordedPay


@pytest.mark.parametrize(
    ("low", "high", "currency", "period", "words"),
    [
        (Decimal("120000"), Decimal("150000"), "USD", "year", "$120,000 to $150,000 a year"),
        (None, Decimal("21.50"), None, "hour", "up to 21.50 an hour"),
        (Decimal("30000"), None, "CHF", None, "from CHF 30,000"),
        (Decimal("55000"), Decimal("55000"), "gbp", "year", "£55,000 a year"),
        (None, None, "USD", "year", ""),
    ],
)
def test_pay_is_written_as_people_write_it(low, high, currency, period, words) -> None:
    assert pay_words(low, high, currency, period) == words


def test_the_opportunity_and_red_flags_write_it_alike() -> None:
    class Read:
        pay_min, pay_max, pay_currency = Decimal("90000"), Decimal("120000"), "EUR"
        pay_period = PayPeriod.YEAR

    assert pay_of(Read()) == "€90,000 to €120,000 a year"
    assert RecordedPay(90000, 120000, "EUR", "year").words == pay_of(Read())
