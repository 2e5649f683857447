"""Money wired on from your own account or back after an overpayment is a scam; the same
words as the duties of a bookkeeping or receivables job (deposits reconciled, customers'
cheques recorded, refunds wired from the company account) are not."""

from __future__ import annotations

from datetime import date

import pytest

from goodword.redflags import analyze

TODAY = date(2026, 11, 25)


def _signals(text: str) -> set[str]:
    return {f.signal for f in analyze(text, today=TODAY).findings if f.flagged}


@pytest.mark.parametrize(
    "text",
    [
        # To a vendor named as "them", with or without the sum.
        "Our print supplier only takes bank transfers, so please wire them the $980 from your "
        "account and we will pay you back.",
        "Your desk comes from our partner Deskhaus. Wire them from your personal account "
        "tonight and send me the receipt.",
        # Back, after money said to be too much.
        "We paid you $1,500 instead of $500 by mistake. Please wire back the difference to the "
        "company account today.",
        "Your welcome payment went through twice. Wire the extra $700 back to our accountant "
        "before Monday.",
        "We sent you $2,000 for the laptop, which costs $1,200. Wire back the rest to our "
        "vendor tomorrow.",
    ],
)
def test_money_wired_on_from_your_account_or_back_after_an_overpayment_is_a_scam(
    text: str,
) -> None:
    assert "rf-gift-cards-or-wire" in _signals(text)


@pytest.mark.parametrize(
    "text",
    [
        "If we ever overpay you, payroll takes it off your next payslip; you never need to wire "
        "anything back.",
        # Refunds to the employer's customers, from its account, are the job.
        "Credit controller. In this role you will chase overdue invoices and wire back "
        "overpayments to customers from the company account once your manager approves them.",
    ],
)
def test_wiring_back_that_is_not_asked_of_you_is_not_a_scam(text: str) -> None:
    assert "rf-gift-cards-or-wire" not in _signals(text)


@pytest.mark.parametrize(
    "text",
    [
        # "Please" in a sentence or list item that names its duties is courtesy, not a request.
        "Responsibilities include matching remittances to invoices and, if a client pays twice, "
        "please wire back the duplicate payment to the client within five days.",
        "Accounts Receivable Clerk\nResponsibilities:\n- Post customer payments to the ledger "
        "daily\n- When a customer pays an invoice twice, please wire back the overpayment to the "
        "customer within 3 business days\n- Chase overdue invoices by phone and e-mail",
    ],
)
def test_a_polite_wire_back_among_the_duties_is_not_a_scam(text: str) -> None:
    assert "rf-gift-cards-or-wire" not in _signals(text)


@pytest.mark.parametrize(
    "text",
    [
        # Asked of you now, not a duty: no duties named, or "can you" and "today".
        "We sent you $3,000 by mistake for your equipment. Please wire back the difference to "
        "our vendor today.",
        "Duties: invoicing and filing. Can you please wire back the difference to our vendor?",
    ],
)
def test_please_wire_back_asked_of_you_is_still_a_scam(text: str) -> None:
    assert "rf-gift-cards-or-wire" in _signals(text)


@pytest.mark.parametrize(
    "text",
    [
        "Bookkeeper wanted: reconcile deposits, log incoming checks from tenants, and send "
        "monthly statements to our contractors.",
        "Duties: match client cheques to open invoices, prepare the daily deposit and follow up "
        "any remaining balance with the client's finance team.",
        "Accounts clerk. Record cheques received from members, take the weekly bank deposit "
        "and forward remittance slips to the treasurer.",
    ],
)
def test_bookkeeping_duties_with_cheques_and_deposits_are_not_a_fake_cheque(text: str) -> None:
    assert "rf-fake-check-send-back" not in _signals(text)


@pytest.mark.parametrize(
    "text",
    [
        "Welcome aboard as our bookkeeper! Deposit the $2,900 check we mail you, then send the "
        "balance to our supplier by Zelle once it clears.",
        "Reconcile this first: deposit the cheque we sent you and wire the remaining funds to "
        "our vendor today.",
    ],
)
def test_a_cheque_sent_to_you_and_passed_on_is_still_a_fake_cheque(text: str) -> None:
    assert "rf-fake-check-send-back" in _signals(text)


@pytest.mark.parametrize(
    "text",
    [
        "Accounts Receivable Specialist. Responsibilities: receive customer payments by card "
        "and ACH and post them. Send refunds to customers via wire transfer from the company "
        "account once a credit note is approved.",
        "Cash applications lead. Receive payments from clients and apply them to invoices. "
        "Return duplicate payments to clients by bank wire from the company account when "
        "finance approves.",
    ],
)
def test_receiving_customers_payments_is_not_money_sent_to_you_before_a_duty_wire(
    text: str,
) -> None:
    assert "rf-gift-cards-or-wire" not in _signals(text)


def test_money_received_into_your_own_account_before_a_wire_is_still_a_scam() -> None:
    text = (
        "As our payments assistant you will receive client payments into your own bank account. "
        "Then send the money to our partners via wire transfer from the company account."
    )
    assert "rf-gift-cards-or-wire" in _signals(text)


def test_the_wire_finding_says_why_a_wire_is_never_asked_not_only_gift_cards() -> None:
    report = analyze(
        "Your welcome payment went through twice. Wire the extra $700 back to our accountant "
        "before Monday.",
        today=TODAY,
    )
    [finding] = [f for f in report.findings if f.signal == "rf-gift-cards-or-wire"]
    assert "or to wire money on or back for it" in finding.explanation


def test_a_polite_wire_back_to_a_vendor_among_the_duties_is_still_a_scam() -> None:
    text = (
        "Responsibilities include supplier payments and, if we overpay you, please wire back "
        "the difference to our vendor."
    )
    assert "rf-gift-cards-or-wire" in _signals(text)
