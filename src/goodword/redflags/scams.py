"""Scam signals: fees, fake cheques, mules, reshipping, task scams, data grabs, impersonation.

Every signal is a handful of word-bounded patterns with the words that must sit near them and
the words that cancel them (disclaimers such as "we will never ask you to pay"); the rules are
in `scam_rules`, the words they share in `scam_words`, and requests for money through a coin,
app or wire, for personal data before an offer, and offers without an interview are read here.
"""

from __future__ import annotations

import re

from goodword.redflags.contacts import contact_hits
from goodword.redflags.scam_rules import RULES
from goodword.redflags.scam_words import (
    CASH_CHANNEL,
    CASH_WORK,
    CHANNEL,
    COIN,
    CRYPTO_WORK,
    DONT_PAY,
    MONEY,
    PAYMENT_APP,
    W,
)
from goodword.redflags.textspan import Hit, Sentences, from_match, run_rules, rx

WEAK = frozenset(
    {
        "rf-urgency-pressure",
        "rf-too-good-pay",
        "rf-no-references",
        "rf-free-webmail-recruiter",
    }
)

PII = (
    r"(?:social\s+security\s+(?:number|no\.?|#)|\bSSN\b|social\s+insurance\s+number|\bSIN\b|"
    r"national\s+insurance\s+number|bank\s+(?:account|details|info(?:rmation)?|login|statements?)|"
    r"routing\s+(?:and\s+account\s+)?numbers?|account\s+(?:and\s+routing\s+)?numbers?|\bIBAN\b|"
    r"online\s+banking\s+(?:login|password|credentials|details)|(?:driver'?s?|driving)\s+licen[cs]e|"
    r"passport|(?:photo|picture|scan|copy)\s+of\s+(?:your\s+)?(?:ID|identity\s+card|national\s+ID)|"
    r"mother'?s\s+maiden\s+name|date\s+of\s+birth)"
)
_PII_REQUEST = re.compile(
    r"\b(?:send|provide|share|submit|upload|text|e-?mail|forward|fill\s+in|enter|attach|give|"
    r"need|require|reply|confirm)\w*\b[^.!?\n]{0,80}?" + PII,
    re.IGNORECASE,
)
_POST_OFFER = re.compile(
    r"\b(?:after\s+(?:you\s+)?(?:have\s+)?(?:accept|sign|receiv)\w*\s+" + W + r"{0,3}offer|"
    r"once\s+(?:you\s+)?(?:have\s+)?(?:accept|sign)\w*\s+"
    + W
    + r"{0,3}offer|after\s+(?:an?\s+|the\s+|"
    r"your\s+)?(?:written\s+|formal\s+|signed\s+|conditional\s+)?offer|first\s+day|I-9|in\s+person|"
    # "HR will send your offer letter; after you sign it they'll ask for your bank details".
    r"(?:after|once)\s+(?:you\s+)?(?:have\s+)?(?:accept|sign|return)\w*\s+(?:it|them|the\s+"
    r"contract|your\s+contract)|"
    r"never\s+(?:ask|request)|will\s+not\s+ask|won't\s+ask|do\s+not\s+send|don't\s+send|"
    r"never\s+(?:send|share)|valid\s+driver'?s?\s+licen[cs]e|clean\s+driving\s+record|"
    r"passport\s+(?:holders?|eligible)|right\s+to\s+work)\b",
    re.IGNORECASE,
)


_SELECTED = re.compile(
    r"\byou(?:'ve|\s+have)\s+been\s+(?:selected|hired|approved|chosen|accepted)\s+(?:for|as|to)\b"
    r"(?!\s+(?:an?\s+|the\s+|your\s+|a\s+first\s+)?(?:interview|next|phone|call|screening|"
    r"assessment|second|final|video|chat\s+with))",
    re.IGNORECASE,
)
_MET = re.compile(
    r"\b(?:interview\w*|spoke|speaking|conversation|met\s+(?:with|you)|our\s+(?:call|chat)|"
    r"chatted|talking\s+with|meeting\s+you)\b",
    re.IGNORECASE,
)


_PAY_VERB = (
    r"(?:pay|paying|send|sending|transfer|transferring|wire|wiring|remit|remitting|forward|"
    r"forwarding|make\s+(?:the\s+|a\s+|your\s+|all\s+)?(?:[\w-]+\s+)?payments?|"
    # Money said to be too much, sent back: "kindly return the difference by Cash App".
    r"return(?:ing)?(?=\s+(?:the\s+|any\s+)?(?:difference|balance|rest|remainder|excess|extra|"
    r"overpa\w+|surplus|funds|money)\b))"
)
# Up to ten words of the same clause between the verb and the channel: what is paid, to
# whom, how much ("the remaining funds to our vendor", "$450, minus your commission,").
# Another paying verb ends the gap, so each request is read from its own verb; "you", "we"
# and the like end it too ("pay you via Zelle" is money coming to you).
_GAP = r"(?:\s+(?!(?:we|I|they|he|she|you|" + _PAY_VERB + r")\b)(?:[^\s.!?;:]|\.(?=\d))+){0,10}?"
# "as" names the channel too: "send it as a Venmo payment".
_CONNECT = r"\s+(?:via|through|by|using|with|in|on|over|at|as)\s+(?:an?\s+|the\s+|your\s+|any\s+)?"
_CHANNELS = (
    CHANNEL + r"(?:\s*(?:,|/|or|and)\s*(?:or\s+|and\s+)?(?:an?\s+|the\s+)?" + CHANNEL + r")*"
)
_WIRE_MADE = (
    r"\b(?:send|make)\s+(?:an?|the|one)\s+(?:[\w-]+\s+)?"
    r"wire(?:\s+(?:transfer|payment))?"
)
_YOU = r"(?:you|your|yourself)\b"
# What is left over or paid twice, to send back: "the difference", "the extra", "overpayments".
_SURPLUS = (
    r"(?:difference|extra|excess|surplus|rest|remainder|balance|overpa\w+|duplicate(?:\s+\w+)?)"
)
_PAY_OUT = (
    rx(r"\b" + _PAY_VERB + r"\b" + _GAP + _CONNECT + _CHANNELS),
    rx(
        r"\b(?:payments?|fees?|deposits?|balance|amount|costs?|funds|money)\s+" + W + r"{0,4}?"
        r"(?:must|should|has\s+to|have\s+to|needs?\s+to|is\s+to|are\s+to|can\s+only)\s+"
        r"(?:only\s+)?be\s+(?:made|sent|paid|settled|transferred|wired|done)\s+(?:only\s+)?"
        r"(?:via|through|by|using|with|in|on|over)\s+(?:an?\s+|the\s+)?" + _CHANNELS
    ),
    # The verb is the channel, with a sum: "please wire $4,800 to the vendor account below"
    # (not a duty, "wire payment to suppliers once invoices are approved").
    rx(r"\bwire\s+" + MONEY + r"\s+to\b"),
    # The wire as what is sent or made, with its sum or whom it goes to: "send a wire transfer
    # of $2,500 to our vendor", "make an urgent wire to our supplier" (not a wire to you).
    rx(_WIRE_MADE + r"\s+(?:of|for)\s+" + MONEY + r"(?![\d,.]|\s*to\s+" + _YOU + ")"),
    rx(_WIRE_MADE + r"(?:\s+(?:of|for)\s+" + MONEY + r")?\s+to\b(?!\s+" + _YOU + ")"),
    # Money spoken of before, wired on: "wire the money to our vendor from your own account".
    rx(
        r"\bwire\s+(?:the|this|that|these|those|your)\s+(?:[\w-]+\s+)?(?:money|funds|cash|sum|"
        r"amount)\s+to\b(?!\s+" + _YOU + ")"
    ),
    # To someone named before ("wire them the $980", "wire them from your account"), or out of
    # your own account whatever is wired.
    rx(r"\bwire\s+(?:them|him|her)\s+(?:the\s+|a\s+)?" + MONEY),
    rx(
        r"\bwire\s+(?:them|it|this|that|(?:the|this|that|these|those)\s+(?:[\w-]+\s+)?"
        r"(?:money|funds|cash|sum|amount|payments?))\s+(?:[\w$,.-]+\s+){0,3}?from\s+your\s+"
        r"(?:own\s+|personal\s+)?(?:bank\s+)?account\b"
    ),
    # Back, after money said to be too much: "wire back the difference", "wire the extra $700
    # back", "wire back the rest to our vendor".
    rx(
        r"\bwire\s+(?:back\s+(?:the\s+|any\s+)?"
        + _SURPLUS
        + r"|(?:the\s+|any\s+)?"
        + _SURPLUS
        + r"(?:\s+"
        + MONEY
        + r")?\s+back)\b"
    ),
)
# The one paying is the employer or its customers: "we pay our freelancers via Zelle",
# "our customers pay with Bitcoin", "let users pay in USDT".
_PAYER_NOT_YOU = rx(
    r"\b(?:we|we'll|we\u2019ll|we've|they|they'll|I'll|I\s+will|I\s+can|(?:the|our|your)\s+"
    r"(?:[\w-]+\s+)?(?:company|employer|client|clients|customers?|users?|payroll|team|firm|"
    r"agency|buyers?)|"
    r"clients|customers|users|buyers|employers?|payroll|HR)(?:\s+(?:will|would|can|could|may|"
    r"might|shall|usually|normally|always|typically|currently|also|then|just|only|often|do|"
    r"does|to))*\s*$"
)
_TOLD_NOT_TO = rx(DONT_PAY + r"$")
# "Pay" after "your", "first", "the"... is the noun: "we'll send your first pay by wire".
_PAY_NOUN = rx(
    r"\b(?:your|my|our|their|his|her|the|first|last|weekly|monthly|base|holiday|back|sick)\s+$"
)
# Sending an application through a portal is not paying: "send your CV via the portal".
_NOT_MONEY = rx(
    r"\b(?:CV|resume|r\u00e9sum\u00e9|portfolio|cover\s+letter|application(?!\s+fees?)|"
    r"samples?|references|availability|answers|invoices?|documents?|details)\b"
)
# A wire the job makes with the employer's money is one of its duties ("wire $500 to the venue
# from the company account", an item of a list of responsibilities, "as our travel coordinator
# you'll"), when the wire itself sits in that sentence or list item, unless money came to the
# reader first ("we are sending the funds to you; once they arrive, wire..."), the wire pays for
# the reader's own kit or fee, the money is the reader's own or a cheque they are sent, or it is
# asked now rather than a duty ("please wire", "wire $900 today", "your first task").
_WIRE = rx(r"\bwire\b")
_EMPLOYERS_MONEY = rx(
    r"\bfrom\s+(?:the|our)\s+(?:company|business|firm|corporate|operating|client)(?:'s|\u2019s)?"
    r"\s+(?:bank\s+)?(?:account|card|funds)\b|\b(?:corporate|company)\s+(?:card|account|funds)\b"
    r"|\bonce\s+(?:finance|accounts|(?:the|your|a)\s+(?:finance\s+team|manager))\s+"
    r"(?:has\s+|have\s+)?approve[sd]?\b|\bapproved\s+by\s+(?:finance|your\s+manager)\b"
)
_DUTIES = rx(
    r"\b(?:responsibilities|duties|key\s+tasks|what\s+you(?:'ll|\u2019ll|\s+will)\s+do|in\s+"
    r"this\s+role,?\s+you|as\s+(?:our|the|an?)\s+(?:[\w-]+\s+){1,3}you(?:'ll|\u2019ll|\s+will))\b"
)
# A list of duties: a heading line ("Responsibilities:", "What you'll do:") and the lines after it.
_DUTIES_HEADING = rx(r"^\W*(?:[\w'\u2019-]+\s+){0,3}?" + _DUTIES.pattern + r"[^\n]{0,20}:?\s*$")
_LIST_LINES = 30
# Whose money a receivables job takes in: its customers', not the reader's.
_OTHERS = (
    r"(?:customer|client|member|patient|tenant|donor|guest|buyer|user|insurer|distributor|"
    r"debtor|incoming|trade)"
)
# Money that comes to the reader before the wire: "we are sending the equipment funds to you",
# "we will send you a payment by mobile deposit", "once it clears", "your salary advance".
_MONEY_TO_YOU = rx(
    r"\b(?:send|sending|sent|transfer|transferring|transferred|wire|wiring|wired|mail|mailing|"
    r"mailed|pay|paying|deposit|depositing|deposited)\s+(?:to\s+)?you\s+(?:an?\s+|the\s+|your\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:payments?|funds|money|checks?|cheques?|advance|deposit|transfer|"
    r"[$\u20ac\u00a3]\s?\d)"
    r"|\b(?:payments?|funds|money|checks?|cheques?|advance|transfer)\s+(?:[\w-]+\s+){0,2}?to\s+you\b"
    # Not other people's money the job takes in: "receive customer payments", "receive
    # payments from clients" (but "receive client payments into your own bank account" is).
    r"|\b(?:receive|get)\s+(?!(?:[\w'-]+\s+){0,2}?" + _OTHERS + r"['\u2019]?s?['\u2019]?\s)"
    r"(?:our\s+|an?\s+|the\s+|your\s+)?(?:[\w'-]+\s+){0,2}?"
    r"(?:payments?|funds|money|checks?|cheques?|advance|transfer)\b"
    r"(?!\s+(?:by\s+[\w\s,]{0,30}?)?(?:from|of)\s+(?:our\s+|the\s+|its\s+)?" + _OTHERS + r")"
    r"|\b(?:once|when|after|as\s+soon\s+as)\s+(?:it|they|the\s+(?:[\w-]+\s+)?(?:payment|funds|money|"
    r"check|cheque|deposit|transfer|advance)s?)\s+(?:has\s+|have\s+|is\s+|are\s+)?(?:clears?|cleared|"
    r"arrives?|arrived|lands?|landed|reach(?:es)?\s+you|reached\s+you|hits?|posts?|posted|"
    r"deposited|credited|received|in\s+your)\b"
    r"|\bmobile\s+deposit|\b(?:salary|pay|cash|payment|equipment|signing)\s+advance\b"
    r"|\ban\s+advance\s+(?:of|on)\b|\binto\s+your\s+(?:own\s+|personal\s+)?(?:bank\s+)?account\b"
)
# The wire pays for the reader's own things: "to receive your starter kit", "for your training
# course", "for your equipment fee".
_FOR_YOUR_OWN = rx(
    r"\byour\s+(?:(?:own|new|starter|home[- ]office|required|work|first|onboarding|training)\s+)*"
    r"(?:kit|training|course|certification|equipment|laptop|computer|workstation|software|"
    r"licen[cs]e|uniform|materials|supplies|fee|deposit|background\s+check|registration|"
    r"onboarding|visa|permit)s?\b"
    r"|\bstarter\s+(?:kit|pack|package)\b|\b(?:training|registration|onboarding|"
    r"certification|processing|application|visa|background[- ]check|equipment)\s+fees?\b"
)
# Said in the wire's own sentence or list item: the money is the reader's own or a cheque's,
# or the wire is urgent, secret or asked of a new hire ("your first task").
_NOT_A_DUTY = rx(
    r"\b(?:your\s+(?:own|personal|savings|money|funds|card)|(?:your|personal)\s+(?:bank\s+)?"
    r"account|pay\s+you\s+back|reimburs\w*|paycheck|cheques?|deposit\s+(?:it|them)|"
    # A cheque, not the verb: "deposit the check we mail you", not "check today's cash".
    r"(?:an?|the|this|that|our|my|their|your|cashier'?s|certified)\s+(?:[\w$,.-]+\s+)?checks?|"
    r"urgent\w*|quiet|secret|gift\s*cards?|first\s+task|before\s+(?:noon|you\s+start|your\s+"
    r"(?:first|start))|welcome\s+(?:aboard|to\s+the\s+team))\b"
)
# Asked now, tied to the wire itself: "please wire", "can you make a wire", "today, wire", and
# "wire $900 to our supplier today" (not "please apply by Friday" nor "today's cash position").
_ASKED_NOW = r"(?:today|tonight|immediately|right\s+away|asap|now)(?![\'\u2019]s)\b"
_ASKED_BEFORE_WIRE = rx(
    r"\b(?:(?:please|kindly|can\s+you|could\s+you|I\s+need\s+you\s+to)|"
    + _ASKED_NOW
    + r",?)\s+(?:[\w-]+\s+){0,2}$"
)
# Only courtesy, before a refund among the duties ("Responsibilities include ... please wire
# back the duplicate payment to the client"): a duty still, as the same wire without "please"
# (not "please wire $900 to our supplier", nor a wire back to a vendor).
_ONLY_POLITE = rx(r"\b(?:please|kindly)\s+(?:[\w-]+\s+){0,2}$")
_REFUND_TO_OTHERS = rx(
    r"^wire\s+back\b[^;\n]*?\bto\s+(?:the|our|a|each|that|this|its)\s+(?:[\w-]+\s+)?"
    + _OTHERS
    + r"s?\b"
)
_ASKED_AFTER_WIRE = rx(r"^[^;\n]*?\b(?:" + _ASKED_NOW + r"|before\s+noon\b)")
_CONNECTED = rx(_CONNECT)
_COIN = rx(COIN)
_PAYMENT_APP = rx(PAYMENT_APP)
_CASH_CHANNEL = rx(CASH_CHANNEL)
_CRYPTO_WORK = rx(CRYPTO_WORK)
_CASH_WORK = rx(CASH_WORK)


def _list_of_duties(text: str, pos: int) -> bool:
    """The line at `pos` is an item of a list under a duties heading ("Responsibilities:" on a
    line of its own, then one item a line, with no blank line between)."""
    end = text.find("\n", pos)
    start = text.rfind("\n", 0, pos) + 1
    for _ in range(_LIST_LINES):
        if start == 0:
            return False
        end, start = start - 1, text.rfind("\n", 0, start - 1) + 1
        line = text[start:end]
        if not line.strip():
            return False
        if _DUTIES_HEADING.search(line):
            return True
    return False


def _wire_among_duties(text: str, sents: Sentences, found: re.Match[str], named: str) -> bool:
    """A wire the job makes from the employer's money, not the reader's own or a cheque's;
    `named` is the channel (a wire, not Western Union or gift cards)."""
    if not _WIRE.search(named):
        return False
    lo, hi = sents.window(found.start())
    duties = bool(_DUTIES.search(text, lo, found.start())) or _list_of_duties(text, lo)
    if not (duties or _EMPLOYERS_MONEY.search(text, lo, hi)):
        return False
    if _MONEY_TO_YOU.search(text, sents.window(found.start(), 2)[0], found.start()):
        return False
    if _FOR_YOUR_OWN.search(text, found.start(), hi):
        return False
    asked = _ASKED_BEFORE_WIRE.search(text[lo : found.start()])
    refund = duties and _REFUND_TO_OTHERS.search(text[found.start() : hi])
    if asked and not (refund and _ONLY_POLITE.fullmatch(asked.group(0))):
        return False
    if _ASKED_AFTER_WIRE.search(text[found.start() : hi]):
        return False
    return not _NOT_A_DUTY.search(text, lo, hi)


def _payment_channel_hits(text: str, sents: Sentences, hits: dict[str, Hit]) -> None:
    """Add a hit for each request to pay or send money through a coin, app, wire or gift card.

    The channel decides the signal: a coin is `rf-crypto-payment-to-employer`, a payment app
    (Zelle, Venmo, Cash App, PayPal) `rf-payment-app`, a wire, a money-transfer service or
    gift cards `rf-gift-cards-or-wire`; "via Zelle or Bitcoin" is two.
    """
    work: dict[int, tuple[bool, bool]] = {}  # by sentence: about crypto work, cash work
    for pattern in _PAY_OUT:
        for found in pattern.finditer(text):
            # The payer and a "never" sit in the few words before the verb; looking no further
            # keeps a long run-on text from being read again for every match.
            lo = max(sents.window(found.start())[0], found.start() - 100)
            before = text[lo : found.start()]
            if (
                (found.group(0)[:3].lower() == "pay" and _PAY_NOUN.search(before))
                or _PAYER_NOT_YOU.search(before)
                or _TOLD_NOT_TO.search(before)
                or _NOT_MONEY.search(found.group(0))
            ):
                continue
            connect = _CONNECTED.search(found.group(0))
            named = found.group(0)[connect.end() if connect else 0 :]
            index = sents.index(found.start())
            if index not in work:
                sentence = sents.sentence(found.start())
                work[index] = (
                    bool(_CRYPTO_WORK.search(sentence)),
                    bool(_CASH_WORK.search(sentence)),
                )
            crypto_work, cash_work = work[index]
            wanted = []
            if _COIN.search(named) and not crypto_work:
                wanted.append("rf-crypto-payment-to-employer")
            if _PAYMENT_APP.search(named) and not cash_work:
                wanted.append("rf-payment-app")
            if (
                _CASH_CHANNEL.search(named)
                and not cash_work
                and not _wire_among_duties(text, sents, found, named)
            ):
                wanted.append("rf-gift-cards-or-wire")
            for signal in wanted:
                hits.setdefault(signal, Hit(signal)).add(from_match(text, found))


def find_scams(text: str, sents: Sentences | None = None) -> dict[str, Hit]:
    """Return scam-signal hits by signal id (weak ones included; the analyzer weighs them)."""
    sents = sents or Sentences(text)
    hits = run_rules(text, RULES, sents)
    _payment_channel_hits(text, sents, hits)
    for found in _PII_REQUEST.finditer(text):
        lo, hi = sents.window(found.start(), 1)
        if _POST_OFFER.search(text, lo, hi):
            continue
        hits.setdefault("rf-pii-before-offer", Hit("rf-pii-before-offer")).add(
            from_match(text, found)
        )
    selected = _SELECTED.search(text)
    if selected and not _MET.search(text):
        hits.setdefault("rf-offer-without-interview", Hit("rf-offer-without-interview")).add(
            from_match(text, selected)
        )
    contact_hits(text, hits)
    return hits
