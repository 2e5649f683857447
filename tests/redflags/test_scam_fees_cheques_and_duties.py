"""Scams: fees to get the job, cheques and equipment, money passed through your account, how
each is checked, and wires among a job's duties against wires asked of you."""

from __future__ import annotations

from datetime import date

import pytest

from goodword.redflags import Report, Severity, analyze

TODAY = date(2026, 11, 25)


def _signals(report: Report) -> set[str]:
    return {f.signal for f in report.findings if f.flagged}


def test_a_cheque_sent_to_buy_equipment_from_their_vendor_is_not_equipment_sent() -> None:
    text = (
        "Welcome aboard as a remote data entry clerk! Please buy the starter equipment from our "
        "approved vendor; we will send you a cheque to cover it."
    )
    assert "rf-buy-equipment-from-employer" in _signals(analyze(text, today=TODAY))


def test_equipment_they_send_is_still_not_equipment_to_buy() -> None:
    text = (
        "No need to buy equipment from our approved vendor for this role: we will send you a "
        "laptop and a headset before your first day."
    )
    assert "rf-buy-equipment-from-employer" not in _signals(analyze(text, today=TODAY))


@pytest.mark.parametrize(
    "text",
    [
        # Moving costs paid back against receipts, in the first paycheck.
        "Relocation package\nWe cover moving costs up to $5,000. Any costs you pay up front are "
        "reimbursed in your first paycheck once you send the receipts.",
        # The members' fee, which the job helps them with.
        "Responsibilities:\n- Help our members with questions about the annual membership fee "
        "and renewals\n- Process refunds",
    ],
)
def test_a_fee_that_is_not_the_readers_to_pay_is_not_a_fee_to_get_the_job(text: str) -> None:
    assert "rf-pay-to-get-job" not in _signals(analyze(text, location="Austin, TX", today=TODAY))


@pytest.mark.parametrize(
    "text",
    [
        "Before your start date, pay the $95 training fee; it is reimbursed in your first "
        "paycheck.",
        "Welcome aboard! Your onboarding fee of $120 is due today and comes back to you in your "
        "first paycheck.",
        "You will help our customers online after you pay the $99 registration fee.",
    ],
)
def test_a_fee_to_start_paid_back_in_the_first_paycheck_is_still_a_fee(text: str) -> None:
    assert "rf-pay-to-get-job" in _signals(analyze(text, today=TODAY))


def test_a_count_of_review_tasks_a_day_in_an_hourly_job_is_not_a_task_scam() -> None:
    text = (
        "Data Annotation Specialist\nResponsibilities:\n- Rate search results and review product "
        "listings for accuracy\n- Complete about 40 review tasks per day in our tool\n"
        "Requirements: attention to detail\nPay: $21 - $24 per hour"
    )
    assert "rf-task-scam-pay-to-earn" not in _signals(analyze(text, today=TODAY))


def test_rating_products_for_money_by_the_day_is_still_a_task_scam() -> None:
    text = "Rate products from your phone, $150 a day. No experience needed."
    assert "rf-task-scam-pay-to-earn" in _signals(analyze(text, today=TODAY))


def test_a_reply_that_says_never_to_send_personal_data_is_no_request() -> None:
    text = "Reply to book a call; we will never ask for your SSN or bank details by e-mail."
    assert "rf-pii-before-offer" not in _signals(analyze(text, today=TODAY))


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            "Congrats on the job! Just pay the $99 starter fee and we'll send your login.",
            "starter fee",
        ),
        ("To confirm your place there is a $50 joining fee, payable today.", "joining fee"),
        ("The sign-up fee is $30, due before your first shift.", "sign-up fee"),
        ("You're in! Just pay $45 and you can start tomorrow.", "Just pay $45"),
    ],
)
def test_a_starter_or_joining_fee_or_a_bare_sum_to_pay_is_a_fee_to_get_the_job(
    text: str, quote: str
) -> None:
    report = analyze(text, today=TODAY)
    [finding] = [f for f in report.findings if f.signal == "rf-pay-to-get-job"]
    assert [e.quote for e in finding.evidence] == [quote]


@pytest.mark.parametrize(
    "text",
    [
        "We pay a $500 starter bonus after your first 90 days.",
        "Our starter salary is $20 an hour, and there is no joining fee.",
    ],
)
def test_a_starter_bonus_or_a_joining_fee_ruled_out_is_no_fee(text: str) -> None:
    assert "rf-pay-to-get-job" not in _signals(analyze(text, today=TODAY))


def test_a_fee_that_covers_something_is_still_a_fee_to_pay() -> None:
    # Only a name ("Acme covers the kit") says who pays: "... and covers" is the fee's own use.
    text = "The sign-up fee is $30 and covers your training portal, due before your first shift."
    assert "rf-pay-to-get-job" in _signals(analyze(text, today=TODAY))
    assert "rf-pay-to-get-job" not in _signals(
        analyze("The kit is $30, which Acme covers before your first shift.", today=TODAY)
    )


@pytest.mark.parametrize(
    "text",
    [
        "Successful candidates must purchase a starter equipment kit ($299), which will be "
        "reimbursed.",
        "Before your first day, buy the welcome pack from our partner store.",
    ],
)
def test_a_kit_to_buy_before_starting_is_a_fee_to_get_the_job(text: str) -> None:
    assert "rf-pay-to-get-job" in _signals(analyze(text, today=TODAY))


@pytest.mark.parametrize(
    "text",
    [
        "Congratulations again on accepting our offer! Your start date is March 2. Before then, "
        "please complete the I-9 and direct deposit forms in Workday, and our vendor Sterling "
        "will email you to start your background check (we cover the cost).",
        "Please set up direct deposit in the portal; our vendor will then run your reference "
        "checks and send the results to HR.",
    ],
)
def test_a_background_or_reference_check_is_not_a_cheque(text: str) -> None:
    assert "scam" not in analyze(text, today=TODAY).categories


def test_a_cheque_beside_a_background_check_is_still_one() -> None:
    text = (
        "Your background check is done. We mailed you a cheque for $2,300: deposit it and send "
        "the balance to our supplier."
    )
    assert "rf-fake-check-send-back" in _signals(analyze(text, today=TODAY))


@pytest.mark.parametrize(
    "text",
    [
        "We've mailed you a cashier's check for $2,950. Once it clears in your banking app, keep "
        "$350 for your time and forward the balance to our office supplier.",
        "Your training stipend of $1,800 has been sent by check. Due to an accounting error we "
        "overpaid you $900, so please send the difference back today.",
    ],
)
def test_a_cheque_that_clears_or_was_too_much_and_is_passed_on_is_a_fake_cheque(text: str) -> None:
    assert "rf-fake-check-send-back" in _signals(analyze(text, today=TODAY))


def test_equipment_that_must_be_ordered_through_their_partner_is_equipment_to_buy() -> None:
    text = (
        "To get started you'll need a MacBook, a printer and a Zoom licence. These must be "
        "ordered through our certified equipment partner, TechSource Direct, so they arrive "
        "pre-configured. Our finance team will issue a reimbursement check that you can "
        "mobile-deposit before you place the order."
    )
    assert "rf-buy-equipment-from-employer" in _signals(analyze(text, today=TODAY))


def test_equipment_ordered_through_their_partner_at_no_cost_to_you_is_not() -> None:
    text = (
        "Your laptop and headset must be ordered through our IT portal; they ship at no cost "
        "to you."
    )
    assert "scam" not in analyze(text, today=TODAY).categories


def test_a_course_priced_in_brackets_to_pay_before_starting_is_a_fee() -> None:
    text = (
        "Great news! You've been selected for our Remote Insurance Agent programme. Before you "
        "can take calls you must complete our certification course ($249, payable by card on "
        "the enrolment page)."
    )
    assert "rf-pay-to-get-job" in _signals(analyze(text, today=TODAY))


def test_a_course_priced_in_brackets_that_the_employer_pays_is_no_fee() -> None:
    text = (
        "You'll complete our certification course ($249, paid by the company) in your first month."
    )
    assert "scam" not in analyze(text, today=TODAY).categories


def _verify(report: Report, signal: str) -> str:
    finding = next(f for f in report.findings if f.signal == signal)
    return finding.answers[0].text


def test_a_wire_asked_by_someone_who_says_they_are_the_boss_is_checked_by_phone() -> None:
    text = (
        "Hi Sam, it's Rachel Ortiz, CEO. Welcome aboard. Before your first day, please wire "
        "$6,400 to the vendor account in the attachment. Don't mention it to HR yet."
    )
    reply = _verify(analyze(text, today=TODAY), "rf-gift-cards-or-wire")
    assert "careers site" not in reply
    assert "opening" not in reply
    assert "by phone" in reply
    assert "before I buy or send anything" in reply


def test_a_cheque_for_equipment_is_checked_with_hr_not_the_careers_site() -> None:
    text = (
        "I've mailed you a cheque for $2,300. Deposit it and wire the balance to our supplier "
        "for your equipment."
    )
    reply = _verify(analyze(text, today=TODAY), "rf-fake-check-send-back")
    assert "careers site" not in reply
    assert "deposit a cheque or buy anything" in reply


def test_money_passed_through_your_account_is_checked_before_you_take_any_in() -> None:
    text = (
        "Receive customer payments into your personal bank account, keep 10% and wire the rest "
        "to our partner."
    )
    reply = _verify(analyze(text, today=TODAY), "rf-money-mule")
    assert "before I take in any money or parcels" in reply


def test_a_fee_for_an_opening_is_still_checked_on_the_careers_site() -> None:
    text = (
        "Before your first day, pay the $75 onboarding fee; it is refunded with your first "
        "paycheck."
    )
    reply = _verify(analyze(text, today=TODAY), "rf-pay-to-get-job")
    assert "official careers site" in reply


@pytest.mark.parametrize(
    "text",
    [
        "You'll receive a check for your equipment. Buy the equipment and send us your "
        "receipts, we reimburse you.",
        "We're mailing you a cheque today to cover your home-office setup. Please buy the "
        "laptop and headset and send us your receipts.",
        "A cheque for $3,000 is on its way. Buy the equipment and send us your receipts.",
    ],
)
def test_a_cheque_sent_ahead_for_equipment_you_buy_is_the_cheque_scam(text: str) -> None:
    assert "rf-buy-equipment-from-employer" in _signals(analyze(text, today=TODAY))


@pytest.mark.parametrize(
    "text",
    [
        "Buy a laptop of your choice and send us your receipts; we'll reimburse you by check.",
        "Buy the equipment and send us your receipts, we reimburse you.",
    ],
)
def test_equipment_you_choose_paid_back_against_receipts_is_no_scam(text: str) -> None:
    assert "scam" not in analyze(text, today=TODAY).categories


def test_money_sent_as_a_payment_in_an_app_is_a_payment_app_request() -> None:
    text = (
        "Before you start, you'll need our time-tracking software licence ($79). Send it as a "
        "Venmo payment to our IT coordinator and she'll email you your login."
    )
    assert "rf-payment-app" in _signals(analyze(text, today=TODAY))


@pytest.mark.parametrize(
    "text",
    ["Send your portfolio as a PDF.", "We pay our contractors as a Zelle transfer every Friday."],
)
def test_a_file_sent_as_a_pdf_or_the_employer_paying_by_app_is_not(text: str) -> None:
    assert "scam" not in analyze(text, today=TODAY).categories


def test_parcels_that_arrive_at_your_home_to_repack_under_new_labels_are_reshipping() -> None:
    text = (
        "Role: Quality Control Inspector (home-based). Packages will arrive at your address; "
        "open them, check the items, repack them with the new labels we email you and drop "
        "them at the post office."
    )
    assert "rf-reshipping" in _signals(analyze(text, today=TODAY))


@pytest.mark.parametrize(
    "text",
    [
        "Parcels will be delivered to your home; please sign for them.",
        "Your laptop will arrive at your home address a week before you start.",
        "Packages will arrive at the loading dock; repack them with outbound labels for the "
        "trucks.",
    ],
)
def test_a_delivery_home_or_repacking_on_a_dock_is_not_reshipping(text: str) -> None:
    assert "scam" not in analyze(text, today=TODAY).categories


@pytest.mark.parametrize(
    "task",
    [
        "send a wire transfer of $2,500 to our vendor today",
        "wire $2,500 to our vendor today",
        "wire the money to our vendor today from your own account",
    ],
)
def test_a_wire_asked_of_a_new_hire_by_someone_who_says_they_are_the_boss_is_critical(
    task: str,
) -> None:
    text = (
        f"Congratulations on the new job! This is Mark, the CEO. Your first task: {task}; we'll "
        "pay you back on your first paycheck."
    )
    finding = next(
        f for f in analyze(text, today=TODAY).findings if f.signal == "rf-gift-cards-or-wire"
    )
    assert finding.severity is Severity.CRITICAL
    assert "by phone" in finding.answers[0].text


@pytest.mark.parametrize(
    "text",
    [
        # A wire the job makes from the employer's money, as one of its duties.
        "Event Coordinator. Responsibilities: book venues and caterers for client events; wire "
        "$500 to the venue when contracts are signed; keep the budget tracker up to date.",
        "As our Travel Coordinator you'll book flights and hotels for the sales team and make a "
        "wire transfer to the hotel for group bookings once finance approves them.",
        "You'll wire $500 to the venue from the company account when contracts are signed.",
        "Office manager duties: pay suppliers with the corporate card and send a wire transfer "
        "of $2,000 to the landlord each month.",
    ],
)
def test_a_wire_among_a_jobs_duties_from_the_employers_money_is_not_a_scam(text: str) -> None:
    assert "scam" not in analyze(text, location="Chicago, IL", today=TODAY).categories


@pytest.mark.parametrize(
    "text",
    [
        # Your own money, however the job is framed.
        "Responsibilities: book venues; wire $500 to the venue from your own account when "
        "contracts are signed, and we'll pay you back in your first paycheck.",
        "As our new assistant you'll wire $1,200 to our IT vendor from your personal account.",
        # A cheque they send you, with the money wired on.
        "Duties: deposit the check we mail you and wire $2,300 to our supplier the same day.",
        # Asked now, not a duty: "please", "today", "your first task", "before your first day".
        "Welcome aboard! As our new assistant you'll wire $1,200 to our IT vendor today.",
        "Duties: answer the phone. Your first task: wire $2,500 to our vendor.",
        "Responsibilities: book venues. Before your first day, please wire $900 to our supplier.",
        # A duty paid through Western Union is not a bank wire.
        "Responsibilities: process payments and wire funds to our partners via Western Union.",
        # No duty and no employer money named: the chief executive's urgent wire.
        "Hi Jo, it's Dana from the CFO's office. Can you make an urgent wire to our supplier "
        "before noon?",
    ],
)
def test_a_wire_from_your_own_money_or_a_cheque_they_send_is_a_scam_among_duties_too(
    text: str,
) -> None:
    assert "rf-gift-cards-or-wire" in _signals(analyze(text, today=TODAY))


@pytest.mark.parametrize(
    "text",
    [
        # Duty wording earlier in the text, not in the wire's own sentence.
        "As our new remote assistant you will first set up your workstation. We are sending the "
        "equipment funds to you now. Once they arrive, wire $1,950 to our vendor, Techserve "
        "Supplies.",
        "In this role, you will need training materials. Wire $350 to our training partner to "
        "receive your starter kit.",
        # Money comes to you first, whatever account the wire is said to be from.
        "As our accounts coordinator you'll wire funds to our vendors. We will send you a "
        "payment by mobile deposit; once it clears, wire $1,900 to our equipment vendor from the "
        "company account.",
        "In this role, you will process vendor payments. We will transfer the funds to you "
        "first; wire $3,200 to our supplier from the company account the same day.",
        "What you'll do:\n- Receive our equipment payment in your bank account\n- Once it "
        "arrives, wire $1,800 to our vendor, OfficeHub\n- Start training on Monday",
        # The wire pays for your own kit, training, equipment or fee.
        "Customer Support Agent (remote). In this role, you will wire $250 to our certification "
        "partner for your training course.",
        "Responsibilities:\n- Answer customer chats\n- Wire $120 to our IT partner for your "
        "equipment fee",
    ],
)
def test_a_wire_is_a_duty_only_in_the_duties_own_sentence_with_no_money_sent_to_you_first(
    text: str,
) -> None:
    finding = next(
        f for f in analyze(text, today=TODAY).findings if f.signal == "rf-gift-cards-or-wire"
    )
    assert finding.severity is Severity.CRITICAL


@pytest.mark.parametrize(
    "text",
    [
        # A list of duties, one wire an item of it.
        "Office Coordinator\nWhat you'll do:\n- Order supplies and keep the kitchen stocked\n- "
        "Wire $1,200 to the cleaning company each month from the company account\n- Greet "
        "visitors",
        "Responsibilities:\nBook venues for client events\nWire $500 to the venue when "
        "contracts are signed\nKeep the budget tracker up to date",
    ],
)
def test_a_wire_that_is_an_item_of_a_list_of_duties_is_not_a_scam(text: str) -> None:
    assert "scam" not in analyze(text, location="Chicago, IL", today=TODAY).categories


@pytest.mark.parametrize(
    "text",
    [
        # Ordinary closing lines beside a wire among the duties.
        "Events Coordinator. Duties: pay venues by wire from the company account. Please apply "
        "by 30 November.",
        "Travel Coordinator. Responsibilities: pay venues by wire from the company account. "
        "Apply today!",
        "Travel Coordinator, Meridian Health. Responsibilities: book staff travel and pay venues "
        "by wire from the company account. Your own travel expenses are reimbursed monthly.",
        "Accounts Payable Specialist, Denver. Responsibilities: order stock for our three shops "
        "and wire $25,000 to approved vendors each week from the company account. Please send "
        "your CV by 15 December.",
        "Events Coordinator, Harbour Hotel. In this role, you will wire $2,000 to each venue once "
        "finance approves the booking. Apply today!",
        "Bookkeeper (part-time). Duties: run payroll and wire $3,500 to the landlord from the "
        "operating account on the first of each month. You'll use your own laptop; we reimburse "
        "internet costs.",
        "Office Coordinator\nWhat you'll do:\n- Book travel for the team; your own travel costs "
        "are reimbursed\n- Wire $800 to the caterer from the company account after each event\n"
        "- Greet visitors",
        # "Today" said of other work in the sentence, not of the wire.
        "Treasury Assistant. In this role, you will wire $50,000 to suppliers from the company "
        "account and check today's cash position each morning.",
    ],
)
def test_words_beside_a_duty_wire_but_outside_its_sentence_leave_it_a_duty(text: str) -> None:
    assert "scam" not in analyze(text, location="Chicago, IL", today=TODAY).categories


@pytest.mark.parametrize(
    "text",
    [
        # Asked of you in the wire's own sentence: "please wire", "wire ... today".
        "As our office assistant you'll order supplies; please wire $900 to our supplier from the "
        "company account.",
        "As our office assistant you'll wire $900 to our supplier from the company account today.",
        "Responsibilities: book venues and wire $500 to the venue from your own account; it is "
        "reimbursed monthly.",
    ],
)
def test_a_request_or_your_own_money_in_the_wires_own_sentence_is_still_a_scam(text: str) -> None:
    assert "rf-gift-cards-or-wire" in _signals(analyze(text, today=TODAY))
