"""Drafted replies, from mild to firm. Square brackets mark what the user fills in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Answer:
    """A suggested reply: `kind` names the move, `firmness` runs from 1 (mild) to 5 (firm)."""

    kind: str
    label: str
    text: str
    firmness: int

    def to_dict(self) -> dict[str, str | int]:
        return {
            "kind": self.kind,
            "label": self.label,
            "text": self.text,
            "firmness": self.firmness,
        }


def _hours_words(low: float | None, high: float | None) -> str | None:
    """The size of the work in words ("about 2 days of"), or None when it is not known."""
    if low is None or high is None:
        return None
    if high >= 16:
        days_low, days_high = int(low // 8), int(-(-high // 8))  # (20 hours: 2 to 3 days)
        if days_low == days_high:
            return f"about {max(days_low, 1)} days of"
        return f"about {max(days_low, 1)} to {days_high} days of"
    if round(low) == round(high):
        hours = round(high)
        return f"about {hours} hour{'s' if hours != 1 else ''} of"
    return f"about {round(low)} to {round(high)} hours of"


def unpaid_work(
    low: float | None, high: float | None, *, trial: bool = False, used: bool = False
) -> list[Answer]:
    """The unpaid-work ladder: show the skill another way, ask, bill, agree in writing, leave.

    A trial shift or day has its own ladder (a paid shift, a short demonstration); work the
    employer has said it may use is asked to be paid if used, not how it will be used."""
    if trial:
        return _unpaid_trial()
    size = _hours_words(low, high)
    project = f"a project of this size ({size} work)" if size else "a project like this one"
    bill = (
        f"The brief reads as {size} work. I'm glad to do it as a paid piece at [your rate]; "
        "I'll send an invoice for the estimate before I start."
        if size
        else "I'm glad to do it as a paid piece at [your rate]; I'll send an estimate before I "
        "start."
    )
    unpaid = (
        "Unpaid work on this scale"
        if size
        else "Unpaid work that may be used"
        if used
        else "Unpaid work like this"
    )
    ask_use = (
        Answer(
            "ask_use",
            "Ask for pay if they use the work",
            "I see that you may use what candidates send. If my work is used, I'd like it to be "
            "paid at [your rate]; if it is only for assessing candidates, could you confirm that "
            "in writing?",
            2,
        )
        if used
        else Answer(
            "ask_use",
            "Ask how the work will be used",
            "Before I begin, could you tell me what happens to the finished work? I'd like to "
            "know whether it is used only to assess candidates or may end up in your product or "
            "with a client.",
            2,
        )
    )
    return [
        Answer(
            "offer_alternative",
            "Offer another way to show the skill",
            f"Thank you for sending the brief. I'd like to show you how I work without {project}. "
            "Could I walk your team through a comparable piece I've done, or take on a short "
            "exercise of an hour or two together on a call?",
            1,
        ),
        ask_use,
        Answer(
            "bill_in_advance",
            "Offer to do it as paid work",
            bill,
            3,
        ),
        Answer(
            "written_agreement",
            "Ask for a written agreement",
            "I'm happy to go ahead once we have a short note in writing that the work is used "
            "only to evaluate my application, won't be used, published or shown to clients, and "
            "that I keep the rights to it.",
            4,
        ),
        Answer(
            "walk_away",
            "Withdraw politely",
            f"Thank you for considering me. {unpaid} isn't something I take on during a hiring "
            "process, so I'll step back from this one. If the format changes, I'd be glad to "
            "talk again.",
            5,
        ),
    ]


# Work on the job itself for a while, not a project: a trial shift, day or week, a working
# interview, a kitchen's stage (not a "trial project" or a "trial article").
_SHIFT_TRIAL = re.compile(
    r"\btrial\s+(?:shift|day|week|period)|\b(?:shift|day|week|hour)s?[- ](?:long\s+)?(?:unpaid\s+)?"
    r"trial\b|\bunpaid\s+(?:trial|shift)|\bworking\s+interview|\bwork\s+trial|\bstag(?:e|ing)\b",
    re.IGNORECASE,
)


def is_shift_trial(asked: str) -> bool:
    """Whether the work asked (the request's words) is a trial on the job, not a project."""
    return _SHIFT_TRIAL.search(asked) is not None


def _unpaid_trial() -> list[Answer]:
    """A trial shift, day or week, or a kitchen's stage: ask for it paid, offer a short
    demonstration instead, ask what it involves, or step back."""
    return [
        Answer(
            "paid_trial",
            "Ask for a paid trial",
            "Thanks for the chance to come in. Could the trial be paid? I'm glad to work it at "
            "the job's usual rate.",
            1,
        ),
        Answer(
            "short_demo",
            "Offer a short demonstration instead",
            "I'd be glad to show you my skills in a short demonstration, an hour or so with "
            "someone from your team watching, rather than an unpaid trial.",
            2,
        ),
        Answer(
            "ask_details",
            "Ask what the trial involves",
            "Before I come in, could you tell me how long the trial lasts and what I'd be doing? "
            "I'd like to know whether I'd be working with real customers or orders.",
            3,
        ),
        Answer(
            "walk_away",
            "Withdraw politely",
            "Thank you for considering me. I don't work unpaid trials as part of applying for a "
            "job, so I'll step back from this one. If the trial can be paid, I'd be glad to come "
            "in.",
            5,
        ),
    ]


def salary_history(law_line: str | None) -> list[Answer]:
    """Decline pay history gracefully, give expectations, ask for the range."""
    answers = [
        Answer(
            "decline_with_expectations",
            "Decline and give your expectations",
            "I keep my current pay between me and my employer; I'd rather we agree on what "
            "this role is worth. From the scope and the market, I'm looking for [your range]. "
            "Does that fit what you have budgeted?",
            1,
        ),
        Answer(
            "ask_for_range",
            "Ask for the range first",
            "Could you share the pay range set for this role? It will help us both see "
            "quickly whether we're aligned.",
            2,
        ),
        Answer(
            "form_field",
            "If a form insists on a number",
            'Write "prefer not to say" (or 0 if the field only takes digits) and put your '
            "expected range in the cover note or the next message.",
            2,
        ),
    ]
    if law_line:
        answers.append(
            Answer(
                "point_to_law",
                "Mention the rule where the job is",
                f"I understand that {law_line} bars questions about pay history, so I'll leave "
                "that question aside. I'm glad to talk about expectations instead.",
                3,
            )
        )
    return answers


def _enforced(enforced_from: date | None) -> str:
    return f" (enforced from {enforced_from.isoformat()})" if enforced_from else ""


def missing_range(law_line: str | None, *, enforced_from: date | None = None) -> list[Answer]:
    """Ask for the range; `enforced_from` is when the law that asks for it starts to be
    enforced, where that is still to come."""
    reason = (
        f" I understand postings there should include one under {law_line}"
        f"{_enforced(enforced_from)}."
        if law_line
        else ""
    )
    return [
        Answer(
            "ask_for_range",
            "Ask for the range",
            f"Thanks for the posting. Could you tell me the pay range for this role?{reason} "
            "Knowing it helps me decide quickly whether to apply.",
            1,
        )
    ]


def missing_range_remote(law_line: str, state: str) -> list[Answer]:
    """Ask for the range of a remote job open across the country, naming a state's law that
    likely reaches it (a job that could be done from Colorado)."""
    return [
        Answer(
            "ask_for_range",
            "Ask for the range",
            "Thanks for the posting. Could you tell me the pay range for this role? As it is "
            f"open to people working from {state}, I understand the posting should include one "
            f"under {law_line}. Knowing it helps me decide quickly whether to apply.",
            1,
        )
    ]


def confirm_range(
    on_record: str, law_line: str | None, *, enforced_from: date | None = None
) -> list[Answer]:
    """Confirm a range known from elsewhere that the posting itself leaves out."""
    reason = (
        f" I understand postings there should include it under {law_line}"
        f"{_enforced(enforced_from)}."
        if law_line
        else ""
    )
    return [
        Answer(
            "confirm_range",
            "Confirm the range",
            f"Thanks for the posting. I have the pay for this role noted as {on_record}; could "
            "you confirm that range in writing? I don't see it in the posting itself."
            f"{reason}",
            1,
        )
    ]


def wide_range(shown: str) -> list[Answer]:
    return [
        Answer(
            "narrow_range",
            "Ask where in the range they hire",
            f"The posting gives {shown}. Where in that range do you expect to hire for this "
            "role, and what decides where an offer lands?",
            1,
        )
    ]


# The first step fits what is asked, read from every sign of the scam (so they share it): a
# cheque or equipment to buy is checked with HR, money or parcels passed through you before
# any come in, a request for money or gift cards with the person by phone (often one who says
# they are your new boss); the rest (fees, interviews, offers) is about an opening.
_CHEQUE = (
    "I'll confirm this with your HR team, on contact details from the company's own website, "
    "before I deposit a cheque or buy anything."
)
_THROUGH_YOU = (
    "I'll confirm this role with the company, on contact details from its own website, before "
    "I take in any money or parcels."
)
_REQUEST = (
    "I'll check this request with you by phone, on a number from the company's own website or "
    "one I already have, before I buy or send anything."
)
_VERIFY = (
    ({"rf-fake-check-send-back", "rf-buy-equipment-from-employer"}, _CHEQUE),
    ({"rf-money-mule", "rf-reshipping"}, _THROUGH_YOU),
    ({"rf-gift-cards-or-wire", "rf-payment-app"}, _REQUEST),
)
_VERIFY_OPENING = (
    "I'll confirm this opening through your company's official careers site and contact "
    "details before going further."
)


def scam(channel_names: list[str], signals: list[str]) -> list[Answer]:
    """Verify, then stop and report; the first step fits the signs found (`signals`)."""
    verify = next((text for ids, text in _VERIFY if ids.intersection(signals)), _VERIFY_OPENING)
    where = ", ".join(channel_names) if channel_names else "your national fraud reporting service"
    return [
        Answer(
            "verify",
            "Verify before anything else",
            verify,
            1,
        ),
        Answer(
            "stop",
            "Stop and report",
            "Send no money, codes, documents or account details, and don't install anything "
            f"they sent. Keep the messages and report them ({where}). No reply is needed.",
            5,
        ),
    ]
