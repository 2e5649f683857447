"""Scams: each kind is recognised, ordinary hiring messages are not, weak signals count only
together; payment channels, messaging apps and the duties of honest jobs."""

from __future__ import annotations

from datetime import date

import pytest

from goodword.redflags import Report, Severity, analyze

TODAY = date(2026, 11, 25)


def _signals(report: Report) -> set[str]:
    return {f.signal for f in report.findings if f.flagged}


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        (
            "Before your first day, pay the $75 onboarding fee; it is refunded with your "
            "first paycheck.",
            "rf-pay-to-get-job",
        ),
        (
            "I've mailed you a cheque for $2,300. Deposit it and wire the balance to our "
            "supplier for your equipment.",
            "rf-fake-check-send-back",
        ),
        (
            "Order your laptop and software from our approved vendor; we reimburse you by check.",
            "rf-buy-equipment-from-employer",
        ),
        (
            "You'll receive parcels at your home, remove the invoices and reship them abroad.",
            "rf-reshipping",
        ),
        (
            "Receive customer payments into your personal bank account, keep 10% and wire the "
            "rest to our partner.",
            "rf-money-mule",
        ),
        (
            "We would like to offer you the position. There is no need for an interview.",
            "rf-offer-without-interview",
        ),
        (
            "Please confirm your home address and bank account to receive your sign-on bonus.",
            "rf-pii-before-offer",
        ),
        (
            "Could you buy two $200 Google Play cards for the office and send me the numbers?",
            "rf-gift-cards-or-wire",
        ),
        (
            "Hi Jess, to continue, please purchase the $89 onboarding kit from our store.",
            "rf-pay-to-get-job",
        ),
        ("Send 200 USDT to activate your work account.", "rf-crypto-payment-to-employer"),
        (
            "Pick up five $100 gift cards and send me pictures of the codes.",
            "rf-gift-cards-or-wire",
        ),
        (
            "Complete 40 app optimization tasks a day and earn commission; deposit to unlock "
            "the next set.",
            "rf-task-scam-pay-to-earn",
        ),
        (
            "Before we book your interview, email your Social Security number and your bank "
            "routing number.",
            "rf-pii-before-offer",
        ),
        (
            "Reply to this Gmail address with your SSN so we can run a background check today.",
            "rf-pii-before-offer",
        ),
        (
            "Enter your credit card details in our portal to verify your identity.",
            "rf-credit-card-request",
        ),
        (
            "The interview will be conducted over Telegram chat with our HR officer.",
            "rf-chat-only-interview",
        ),
        (
            "Hi, we came across your CV online. Make $200-$400 per day in your spare time. "
            "Reply YES for details.",
            "rf-unsolicited-text-whatsapp",
        ),
        (
            "Congratulations, you are hired! No interview needed, start today.",
            "rf-offer-without-interview",
        ),
        (
            "Apply today at amaz0n-careers-hiring.com to join the warehouse team.",
            "rf-spoofed-site-or-offsite-application",
        ),
        (
            "From: target.hr.team@gmail.com - Target is hiring remote product testers.",
            "rf-brand-or-government-impersonation",
        ),
        (
            "Get access to unlisted federal jobs that are never advertised.",
            "rf-secret-government-jobs",
        ),
        ("100% job guarantee after our paid bootcamp.", "rf-guaranteed-job"),
        (
            "Before we talk, connect your MetaMask to the test build and approve the transaction.",
            "rf-malicious-coding-assignment",
        ),
        (
            "Install our interview client (meet_setup.exe) before the call.",
            "rf-download-unfamiliar-software",
        ),
        (
            "Call centre work in Cambodia: we cover your airfare and visa, the salary is high and "
            "you need no experience.",
            "rf-overseas-job-trafficking",
        ),
    ],
)
def test_it_recognises_each_kind_of_scam(text: str, signal: str) -> None:
    report = analyze(text, today=TODAY)
    assert signal in _signals(report)
    assert "scam" in report.categories
    finding = next(f for f in report.findings if f.signal == signal)
    assert finding.evidence, "every scam finding quotes the text"
    assert finding.sources, "every scam finding says where the signal comes from"


@pytest.mark.parametrize(
    "text",
    [
        "We will never ask you to pay for equipment, training or a background check.",
        "There is no application fee, and the company covers your certification exam.",
        "We'll ship you a laptop and give you a $500 home-office stipend for a desk.",
        "As a thank you for the survey, we'll email you a $25 gift card.",
        "On your first day, bring your ID for the I-9; HR collects direct deposit details "
        "in person.",
        "Receptionist: receive packages and mail at the front desk. Pay $19-$21 per hour.",
        "Build systems that let our customers deposit and transfer crypto safely.",
        "Following your interviews, you have been selected for the analyst role.",
        "You can message me on WhatsApp to schedule the video call.",
        "We offer relocation to Berlin with flights and visa sponsorship.",
        "Search engine optimization tasks: keyword research and link building.",
        "A reminder from our security team: we will never ask you to deposit a check, buy "
        "equipment or send money to anyone as part of hiring.",
        "Thanks for the interview. HR will send your offer letter through DocuSign, and after "
        "you sign it they'll ask for your bank details for direct deposit.",
        "Payroll will collect your bank details through our HR portal once you have signed. "
        "We will never ask you to buy equipment or software from a vendor.",
    ],
)
def test_it_does_not_cry_scam_at_ordinary_hiring_messages(text: str) -> None:
    assert "scam" not in analyze(text, today=TODAY).categories


def test_an_honest_recruiter_on_free_mail_is_not_a_scam() -> None:
    text = (
        "Hi Dana, I'm an independent recruiter writing from dana.recruits@gmail.com. A 60-person "
        "startup is hiring a Staff Engineer at $185k-$205k. Open to a call next week?"
    )
    report = analyze(text, location="Oakland, CA", today=TODAY)
    assert report.categories == set()
    assert any("free mail" in note for note in report.notes)


@pytest.mark.parametrize(
    "text",
    [
        "Line Cook\nResponsibilities: prep and cook. Requirements: 1 year in a kitchen.\n"
        "Pay: $17 - $20 per hour. Apply now by emailing joesdiner.austin@gmail.com",
        "Dog walker needed, we train you! $18/hr. Apply now: pawsandwalks@yahoo.com",
    ],
)
def test_an_ads_apply_now_is_no_pressure_beside_free_mail(text: str) -> None:
    report = analyze(text, location="Austin, TX", today=TODAY)
    assert "scam" not in report.categories
    assert any("free mail" in note for note in report.notes)


def test_weak_signals_count_only_together() -> None:
    alone = analyze("Apply now!", today=TODAY)
    assert alone.categories == set()
    together = analyze(
        "Make $4,000 per week working from home in your free hours! Act now, limited spots.",
        today=TODAY,
    )
    assert {"rf-too-good-pay", "rf-urgency-pressure"} <= _signals(together)


def test_scam_findings_say_where_to_report_by_country() -> None:
    text = "To activate your account send 100 USDT to our wallet."
    us = analyze(text, location="Remote (US)", today=TODAY).findings[0]
    canada = analyze(text, location="Toronto, ON", today=TODAY).findings[0]
    assert {c.name for c in us.report_to} == {"FTC", "FBI IC3", "BBB Scam Tracker"}
    assert {c.name for c in canada.report_to} == {
        "BBB Scam Tracker",
        "Canadian Anti-Fraud Centre",
    }
    assert all(c.url.startswith("https://") for c in us.report_to)
    assert us.severity is Severity.CRITICAL
    assert any(a.kind == "stop" for a in us.answers)


def test_severity_comes_from_the_signal_data() -> None:
    report = analyze("Please pay the $50 registration fee to start.", today=TODAY)
    assert report.findings[0].severity is Severity.CRITICAL
    assert report.worst is Severity.CRITICAL


@pytest.mark.parametrize(
    ("text", "signals"),
    [
        ("Please pay via Bitcoin for the equipment.", {"rf-crypto-payment-to-employer"}),
        (
            "Send the remaining funds to our vendor via Zelle or Bitcoin.",
            {"rf-payment-app", "rf-crypto-payment-to-employer"},
        ),
        (
            "You will need to pay for the starter laptop with USDT.",
            {"rf-crypto-payment-to-employer"},
        ),
        ("Payment for your kit must be made in crypto.", {"rf-crypto-payment-to-employer"}),
        ("Pay the $300 setup cost with Apple gift cards.", {"rf-gift-cards-or-wire"}),
        (
            "Transfer $450, minus your commission, to the supplier over Venmo today.",
            {"rf-payment-app"},
        ),
        ("Kindly pay the onboarding balance by wire transfer.", {"rf-gift-cards-or-wire"}),
        ("Make the payment for your headset through Cash App.", {"rf-payment-app"}),
        (
            "Pay the training deposit through PayPal friends and family or a wire transfer.",
            {"rf-payment-app", "rf-gift-cards-or-wire"},
        ),
        (
            "Hi, this is the CFO. I'm in a meeting; please wire $4,800 to the vendor account "
            "below right away and keep this between us.",
            {"rf-gift-cards-or-wire"},
        ),
        # The wire as the thing sent or made, and money said before it is wired.
        (
            "Please send a wire transfer of $2,500 to our vendor today.",
            {"rf-gift-cards-or-wire"},
        ),
        ("Can you make an urgent wire to our supplier before noon?", {"rf-gift-cards-or-wire"}),
        (
            "Wire the money to our vendor today from your own account; we'll pay you back.",
            {"rf-gift-cards-or-wire"},
        ),
        ("Please wire the remaining funds to the account below.", {"rf-gift-cards-or-wire"}),
        # An overpayment sent back, and a payee named at length before the channel.
        (
            "Due to an accounting error we overpaid you $900; kindly return the difference by "
            "Cash App today.",
            {"rf-payment-app"},
        ),
        (
            "Keep $350 for your time and forward the balance to our office supplier, Apex "
            "Office Solutions, through Zelle.",
            {"rf-payment-app"},
        ),
    ],
)
def test_paying_out_through_a_payment_channel_is_recognised(text: str, signals: set[str]) -> None:
    report = analyze(text, today=TODAY)
    assert signals <= _signals(report)
    for signal in signals:
        finding = next(f for f in report.findings if f.signal == signal)
        assert finding.evidence


@pytest.mark.parametrize(
    "text",
    [
        "We pay via direct deposit every other Friday.",
        "You would join our crypto product team in Lisbon.",
        "Contractors are paid in USD at the start of each month.",
        "We pay our freelancers via Zelle or Venmo within a week of each invoice.",
        "You'll be paid through Venmo or direct deposit, whichever you prefer.",
        "Send your portfolio by e-mail and we'll pay by wire after each project.",
        "Our customers pay with Bitcoin or by card; you'll help them with refunds.",
        "We will never ask you to pay via gift cards, Zelle or crypto.",
        "Don't send money via Cash App to anyone who offers you a job.",
        "Please send your CV via the Crypto Careers portal by Friday.",
        "We pay our contractors through PayPal at the end of each month.",
        "Send your invoice via PayPal and we'll settle it within a week.",
        "We will wire $500 to your account on Friday for the relocation.",
        "Accounts payable: wire payment to suppliers once invoices are approved.",
        "Never wire $500 to anyone who contacts you about a job.",
        # The employer paying you by wire, or a clerk's wires in a list of duties.
        "Once you sign, we'll wire your relocation bonus to your account.",
        "We'll send a wire transfer to your account on your first Friday.",
        "Our payroll team will send a wire transfer of $1,500 to you for your move.",
        "HR will wire the funds to you once the relocation receipts are in.",
        "You'll be paid by wire transfer or direct deposit, whichever you prefer.",
        "Accounts payable: process wire transfers to suppliers once invoices are approved.",
        "Never send a wire transfer to anyone who offers you a job.",
        "We will return the balance of your deposit via PayPal once the lease ends.",
        "Please return the laptop by FedEx on your last day.",
    ],
)
def test_mentions_of_payment_channels_are_not_scams(text: str) -> None:
    assert "scam" not in analyze(text, today=TODAY).categories


@pytest.mark.parametrize(
    ("text", "signals"),
    [
        # The data file's own example of impersonation, with the headline's capitals.
        (
            "Walmart Work-From-Home Product Tester - message our hiring team on WhatsApp.",
            {"rf-brand-or-government-impersonation", "rf-chat-only-interview"},
        ),
        (
            "Please message our HR manager on WhatsApp to schedule your interview.",
            {"rf-chat-only-interview"},
        ),
        ("Contact our hiring team on Telegram only.", {"rf-chat-only-interview"}),
        (
            "Please schedule your interview via Signal with our recruiter.",
            {"rf-chat-only-interview"},
        ),
        ("Our recruiter will reach you only via Google Chat.", {"rf-chat-only-interview"}),
        (
            "The interview will be conducted via text on Signal. Please add me there at "
            "+1 (213) 555-0147.",
            {"rf-chat-only-interview"},
        ),
        (
            "Your interview will be an online text interview on Microsoft Teams chat with our "
            "hiring manager. No camera or microphone is needed.",
            {"rf-chat-only-interview"},
        ),
    ],
)
def test_hiring_moved_to_a_messaging_app_is_flagged(text: str, signals: set[str]) -> None:
    report = analyze(text, today=TODAY)
    assert signals <= _signals(report)
    finding = next(f for f in report.findings if f.signal == "rf-chat-only-interview")
    assert finding.evidence and finding.title == (
        "The interview, or the only way to reach the hiring team, is a messaging app"
    )


@pytest.mark.parametrize(
    "text",
    [
        "You can message me on WhatsApp to schedule the video call if email is slow on your side.",
        "You can reach our HR team by e-mail at hr@acme-robotics.com, by phone on 555-0100 or "
        "on WhatsApp.",
        "Book your interview through our scheduling link; our recruiter sends reminders on "
        "WhatsApp.",
        "Contact our recruiter on WhatsApp or by email to book a Zoom interview.",
        "Feel free to text me at this number if that's easier, or reply here by email.",
        "Please contact our recruiter in Signal Hill on Monday; she will meet you there.",
        "Your interview is a video call on Microsoft Teams; the link is in the invitation.",
        "The interview is at our Signal Hill office, then a short call over Teams.",
    ],
)
def test_a_messaging_app_offered_beside_other_ways_is_not_a_scam(text: str) -> None:
    assert "scam" not in analyze(text, today=TODAY).categories


@pytest.mark.parametrize(
    "text",
    [
        "Deposit the check we mailed you and send the remaining funds to our equipment vendor via "
        "Zelle.",
        "Send the $300 for your starter kit by Venmo today.",
        "Please make the payment for your laptop through Cash App.",
    ],
)
def test_a_payment_app_has_its_own_finding_not_the_gift_card_one(text: str) -> None:
    report = analyze(text, location="Denver, CO", today=TODAY)
    app = next(f for f in report.findings if f.signal == "rf-payment-app")
    assert app.title == "You are asked to send money through a payment app"
    assert "payment app" in app.explanation and "gift card" not in app.explanation
    assert app.sources and app.report_to
    assert "rf-gift-cards-or-wire" not in _signals(report)


@pytest.mark.parametrize(
    "text",
    [
        # A teller's duties: other people's deposits, cheques and wires.
        "What you'll do:\n- Process deposits, withdrawals, cheques and wire transfer requests for "
        "members at the counter\n- Balance your cash drawer at the end of each shift",
        # A job that watches for scams names them; it does not ask for them.
        "- Balance your cash drawer at the end of each shift\n- Spot and report possible fraud, "
        "such as fake cheques or gift card scams targeting members",
        # Relabelling parcels on a warehouse dock is the job.
        "- Receive inbound packages, check them against the packing list and relabel them for "
        "outbound shipping\n- Load and unload trucks; keep the dock clean and safe",
        # Sending returns back to vendors from the warehouse is the job too.
        "Duties: scan inbound pallets, relabel and reship returned parcels to vendors",
    ],
)
def test_duties_of_a_teller_a_fraud_watcher_or_a_warehouse_are_not_a_scam(text: str) -> None:
    assert not _signals(analyze(text, location="Denver, CO", today=TODAY))


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("You will relabel packages at home and drop them at the post office.", "rf-reshipping"),
        ("Reship the parcels we send you to our buyers abroad from home.", "rf-reshipping"),
        (
            "This is not a scam: deposit the check we mailed you and send the balance to our "
            "vendor.",
            "rf-fake-check-send-back",
        ),
        (
            "We mailed you a check. Deposit it, keep $300 and send the rest to our supplier. Our "
            "bank will process deposits within a day.",
            "rf-fake-check-send-back",
        ),
    ],
)
def test_relabelling_at_home_and_a_cheque_to_pass_on_are_still_scams(
    text: str, signal: str
) -> None:
    assert signal in _signals(analyze(text, today=TODAY))


@pytest.mark.parametrize(
    "text",
    [
        "Welcome to the team! Your first task: please buy three $100 gift cards for our clients "
        "and send photos of the codes.",
        "Hi Jamie, the CEO needs you to pick up four Apple gift cards for our customers today "
        "and text me the codes.",
    ],
)
def test_gift_cards_bought_and_their_codes_sent_on_are_a_scam_whoever_they_are_for(
    text: str,
) -> None:
    assert "rf-gift-cards-or-wire" in _signals(analyze(text, today=TODAY))


def test_a_shop_that_sells_gift_cards_to_its_customers_is_not_a_scam() -> None:
    text = (
        "Our store sells gift cards. Help customers buy gift cards at the register and email the "
        "codes to them on request."
    )
    assert not _signals(analyze(text, location="Austin, TX", today=TODAY))
