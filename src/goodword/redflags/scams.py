"""Scam signals: fees, fake cheques, mules, reshipping, task scams, data grabs, impersonation.

Every signal is a handful of word-bounded patterns with the words that must sit near them and
the words that cancel them (disclaimers such as "we will never ask you to pay").
"""

from __future__ import annotations

import re

from goodword.redflags.contacts import contact_hits
from goodword.redflags.textspan import Hit, Rule, Sentences, from_match, run_rules, rx

MONEY = r"(?:[$€£]\s?\d[\d,.]*\s?[kK]?|\d[\d,.]*\s?(?:dollars|usd|eur|gbp|usdt|euros?))"
CRYPTO = (
    r"(?:USDT|USDC|bitcoins?|BTC|ETH|ether(?:eum)?|crypto(?:currency|currencies)?|tether|"
    r"TRC-?20|ERC-?20|coinbase|binance)"
)
CHAT_APPS = (
    r"(?:telegram|whats\s?app|signal\s+(?:app|messenger|chat)|wickr|google\s+hangouts|hangouts|"
    r"google\s+chat|textnow|text\s?free|viber|wechat|kik|skype\s+chat|instant\s+messag\w+|"
    r"text\s+messag\w+|text\s+chat|online\s+chat|live\s+chat|sms|texting|chat\s+app)"
)
# The messaging apps by name: where a hiring contact can be moved to. "Signal" on its own is
# the app when written so and not the start of a name ("Signal Hill").
MESSAGING_APPS = (
    r"(?:telegram|whats\s?app|signal\s+(?:app|messenger)|(?-i:Signal)\b(?![ \t]+(?-i:[A-Z]))|"
    r"wickr|google\s+(?:hangouts|chat)|hangouts|viber|wechat|kik|textnow|text\s?free|line\s+app)"
)
# Who does the hiring, named as the contact: "our hiring team", "the HR manager", "our recruiter".
HIRING_CONTACT = (
    r"(?:our|the|my)\s+(?:\w+\s+){0,2}?(?:hiring\s+(?:team|manager|officer|desk|department)|HR\b"
    r"(?:\s+(?:team|manager|officer|desk|department|representative|coordinator))?|"
    r"human\s+resources|recruit(?:er|ers|ment\s+(?:team|officer|manager)|ing\s+team)|"
    r"interviewers?|talent\s+(?:team|acquisition(?:\s+team)?))"
)
# Another way to reach the same people, or a real scheduling tool: WhatsApp is then one option.
OTHER_WAYS = (
    r"\b(?:e-?mail\w*|phone\s+(?:call|screen|number)|by\s+phone|call\s+(?:you|us|me)|video|zoom|"
    r"teams|google\s+meet|in[- ]person|on[- ]?site|at\s+our\s+office|face[- ]to[- ]face|"
    r"calendar|calendly|(?:scheduling|booking)\s+(?:link|page|system|tool))\b"
)
W = r"(?:[\w'\u2019-]+\s+)"  # one word and its trailing space
# A coin named as money, not as a line of business: "pay in USDT", not "our crypto team".
COIN = (
    CRYPTO + r"\b(?!\s+(?:careers?|jobs?|teams?|products?|compan(?:y|ies)|start-?ups?|industry|"
    r"sector|space|portals?|boards?|community|conferences?|meetups?|events?|projects?|firms?|"
    r"desks?|engineers?|developers?|roles?|positions?|clients?|customers?|users?)\b)"
)
# Other ways money leaves for good once sent: instant-payment apps between people, and wires,
# money-transfer services and gift cards.
PAYMENT_APP = (
    r"(?:zelle|venmo|cash\s*app|apple\s+cash|paypal(?:\s+(?:friends\s+(?:and|&)\s+family|"
    r"f&f))?)\b"
)
CASH_CHANNEL = (
    r"(?:western\s+union|money\s*gram|(?:bank\s+|international\s+)?"
    r"wire(?:\s+transfer)?|(?:[\w'-]+\s+)?gift\s*cards?)\b"
)
CHANNEL = r"(?:" + COIN + r"|" + PAYMENT_APP + r"|" + CASH_CHANNEL + r")"
# Someone told not to pay ("never send money via...", "we will never ask you to pay..."),
# but not "don't forget to send...".
DONT_PAY = (
    r"(?:\bnever|\bnot|n't|\bno\s+need\s+to)\s+(?!(?:forget|hesitate|delay|wait|fail)\b)"
    r"(?:[\w'\u2019]+\s+){0,3}?"
)
PAY_WORD = r"(?:send|pay|buy|purchase|wire|transfer|deposit)\w*\b"

NO_PAY = rx(
    r"\b(?:no|zero|never|free\s+of\s+charge|at\s+no\s+(?:cost|charge)|not\s+(?:required|charged)"
    r"|without\s+any)\b[^.!?\n]{0,60}\b(?:fees?|pay|payment|charge|deposit|money|cost)"
    r"|(?:\bnever|\bnot|n't)\s+" + W + r"{0,3}(?:ask|charge|require|request)\w*\s+"
    r"(?:you\s+)?(?:to\s+)?(?:pay|for\s+(?:money|payment|a\s+fee))"
    r"|\b(?:we|we'll|we\s+will|the\s+company\s+will)\s+(?:\w+\s+)?pay\s+(?:you|candidates|an?|the)\b"
    r"|\b(?:we|the\s+company|employer|[A-Z]\w+)\s+(?:will\s+|'ll\s+)?(?:cover|covers|pays?\s+for"
    r"|reimburses?\s+(?:in\s+full|upfront))\b|\bcompany[- ]paid\b|\bat\s+our\s+(?:cost|expense)\b"
    r"|\bpaid\s+(?:for\s+)?by\s+(?:us|the\s+company|the\s+employer)\b"
)

# Work about payments, not a payment asked of you.
CRYPTO_WORK = (
    r"\b(?:build|design|maintain|develop|engineer)\w*\b|\b(?:for|help|enable|allow)\w*\s+"
    r"(?:our\s+)?(?:customers|users|clients)\b"
)
CASH_WORK = (
    r"\b(?:reconcil\w+|ledger|process(?:ing)?\s+(?:incoming|outgoing)|thank[- ]you|"
    r"as\s+a\s+thanks|survey|raffle|prize|reward\s+for\s+(?:completing|taking))\b"
    r"|\b(?:for|help|assist|serve|enable|allow)\w*\s+(?:our\s+)?(?:customers|users|clients)\b"
)

# A fee that is not the reader's to pay: costs of a move paid back against receipts ("costs
# you pay up front are reimbursed in your first paycheck once you send the receipts"), and
# fees the customers pay that the job helps with ("help our members with the membership fee").
FEE_NOT_YOURS = (
    r"\b(?:relocation|moving|travel)\s+(?:costs?|expenses?|package)\b|\breceipts?\b"
    r"|\b(?:help|assist|serve|support|answer|advise|guide)\w*\s+(?:\w+\s+){0,2}?(?:members|"
    r"customers|clients|guests|patients|students|users|tenants|callers)\s+(?:with|about|on)\b"
)
# A job whose duties are to watch for fraud ("spot and report fraud, such as fake cheques or
# gift card scams targeting members"): the scam is named, not asked of you.
FRAUD_WATCH = (
    r"\b(?:spot|report|detect|recogni[sz]e|identify|prevent|flag|investigat\w*|protect\w*|"
    r"watch\s+for)\w*\b[^.!?\n]{0,60}\b(?:scams?|fraud\w*)\b|\b(?:scams?|fraud)\s+(?:targeting|"
    r"against|aimed\s+at)\b"
)
# A shop that sells gift cards: "Our store sells gift cards."
SELLS = r"\b(?:sell|sells|selling|sold)\b"
# A teller's or a cashier's duties: handling other people's deposits and cheques.
TELLER_WORK = (
    r"\b(?:process|handl|accept|post|count|verif)\w*\s+(?:[\w'-]+,?\s+){0,3}?(?:deposits|"
    r"withdrawals|cheques|checks|transactions)\b|\bcash\s+drawers?\b"
)
# Warehouse work on site: relabelling parcels at a dock is the job, not reshipping from home.
WAREHOUSE_WORK = (
    r"\b(?:inbound|outbound|loading\s+dock|forklift|pallets?|trucks?|distribution\s+cent(?:er|re)|"
    r"fulfil+ment\s+cent(?:er|re))\b"
)

RULES: list[Rule] = [
    Rule(
        "rf-pay-to-get-job",
        find=(
            rx(
                r"\b(?:registration|application|training|certification|onboarding|processing|"
                r"background[- ]check|screening|placement|enrol?lment|activation|membership|"
                r"admin(?:istrative|istration)?|uniform|starter[- ]kit|kit|verification|"
                r"equipment|visa\s+processing|consultation)\s+(?:fee|charge|deposit|cost)s?\b"
            ),
            rx(r"\brefundable\s+" + W + r"{0,2}(?:fee|deposit|payment)\b"),
            rx(
                r"\b(?:pay|purchase|buy|cover)\s+(?:for\s+)?(?:a\s+|the\s+|your\s+)?" + W + r"{0,2}"
                r"(?:starter\s+kit|training\s+(?:course|materials|package|program(?:me)?)|"
                r"certification|background\s+check|registration|onboarding\s+kit|work\s+permit)\b"
            ),
            rx(
                r"\b(?:reimburs\w+|refund\w*|returned(?:\s+to\s+you)?|paid\s+back)\s+(?:in|with|from|on)"
                r"\s+your\s+(?:first|next)\s+"
                r"(?:pay\s*(?:check|cheque)|paycheck|salary|payment|wages?)"
            ),
            rx(r"\b(?:fee|deposit)\s+of\s+" + MONEY),
            rx(
                r"\b(?:kit|training|registration|onboarding|certification|starter\s+pack|uniform)\b"
                r"[^.!?\n]{0,80}?\b(?:costs?|is|are)\s+"
                + MONEY
                + r"[^.!?\n]{0,40}?\b(?:payable|pay|due)\b"
            ),
            rx(r"\b(?:to|you\s+must|please)\s+(?:first\s+)?pay\s+" + MONEY),
        ),
        unless=rx(NO_PAY.pattern + "|" + FEE_NOT_YOURS),
    ),
    Rule(
        "rf-fake-check-send-back",
        find=(
            rx(r"\b(?:check|cheque)s?\b"),
            rx(
                r"\b(?:funds|money|payment)(?:\s+of\s+\S+)?\s+(?:has\s+been\s+|have\s+been\s+|were\s+|"
                r"was\s+)?"
                r"(?:deposited|sent|transferred)\s+(?:in)?to\s+your\s+(?:bank\s+)?account"
            ),
        ),
        near=(
            rx(r"\b(?:deposit\w*|cash\s+it|mobile\s+deposit|deposited)\b"),
            rx(
                r"\b(?:send|forward|wire|transfer|zelle|venmo|cash\s*app|remaining|balance|"
                r"rest\s+of|the\s+difference|gift\s+cards?|vendor|supplier)\b"
            ),
        ),
        around=2,
        unless=rx(
            r"\b(?:payroll|direct\s+deposit\s+or\s+(?:paper\s+)?check)\b|"
            + FRAUD_WATCH
            + "|"
            + TELLER_WORK
            # A warning: "we will never ask you to deposit a check or send money".
            + "|"
            + DONT_PAY
            + PAY_WORD
        ),
    ),
    Rule(
        "rf-buy-equipment-from-employer",
        find=(
            rx(
                r"\b(?:purchase|buy|order|pay\s+for)\s+" + W + r"{0,4}(?:equipment|laptop|computer|"
                r"software|supplies|devices?|printer|licen[cs]es?|headset|materials|tools?)\b"
            ),
            rx(
                r"\b(?:purchase|buy|order)\s+(?:them|it|these|those|the\s+items)\s+(?:from|through|at)\b"
            ),
        ),
        near=(
            rx(
                r"\b(?:our|approved|designated|certified|preferred|authori[sz]ed|specific|"
                r"company'?s?)\s+(?:\w+\s+)?(?:vendors?|suppliers?|stores?|portal|partners?)\b"
                r"|\breimburs\w*\s+(?:\w+\s+){0,3}(?:check|cheque)|\bsend\s+you\s+a\s+(?:check|cheque)"
            ),
        ),
        around=1,
        unless=rx(
            r"\b(?:stipend|allowance|budget|expense\s+(?:report|system|policy)|company[- ]issued|"
            r"at\s+no\s+cost|free\s+of\s+charge|no\s+cost\s+to\s+you|"
            # Equipment sent, not a cheque to buy it with ("we will send you a cheque to cover it").
            r"we\s+(?:will\s+)?(?:ship|send|provide|supply)\s+(?:you\s+)?(?:a|the|with|all)\b"
            r"(?!\s+(?:\w+\s+)?(?:check|cheque|payment|refund|reimbursement|funds|money)s?\b))\b"
            # A warning: "we will never ask you to buy equipment".
            + "|"
            + DONT_PAY
            + PAY_WORD
        ),
    ),
    Rule(
        "rf-task-scam-pay-to-earn",
        find=(
            rx(r"\b(?:app|product|data|store|rating|review|order|merchant)\s+optimi[sz]ation\b"),
            rx(r"\boptimi[sz]ation\s+(?:tasks?|orders?|sets?|jobs?)\b"),
            rx(
                r"\b(?:boost|rate|rating|review|reviewing|like|liking|click|clicking)\s+"
                + W
                + r"{0,2}(?:products?|apps?|hotels?|restaurants?|videos?|movies?|items?)\b"
            ),
            rx(r"\bcombo\s+(?:orders?|tasks?|products?)\b"),
            rx(r"\bnegative\s+balance\b"),
            rx(r"\b(?:recharge|top[- ]?up)\s+" + W + r"{0,3}(?:account|balance|wallet)\b"),
            rx(r"\b(?:complete|finish|do)\s+\d+\s+(?:tasks|orders|ratings|reviews|sets)\b"),
        ),
        near=(
            rx(
                r"\b(?:commissions?|earn\w*|income|withdraw\w*|USDT|deposit\w*|"
                r"recharge|vip|unlock\w*|profit)\b"
                # Money by the day, not a count of tasks by the day ("40 review tasks per day").
                r"|\b(?:paid|pays?)\s+daily\b|" + MONEY + r"\s*(?:(?:per|a|/)\s*day|daily)\b"
            ),
        ),
        around=1,
        unless=rx(r"\b(?:search\s+engine|seo|query|database|conversion\s+rate)\s+optimi[sz]ation"),
    ),
    Rule(
        "rf-crypto-payment-to-employer",
        find=(
            rx(
                r"\b(?:send|deposit|transfer|top[- ]?up|recharge|fund)\w*\s+(?:\S+\s+){0,5}?" + COIN
            ),
            rx(r"\bpay\s+" + W + r"{0,2}?\$?\d[\d,.]*\s*" + CRYPTO),
            rx(
                CRYPTO + r"\s+" + W + r"{0,4}(?:deposit|activation|to\s+activate|to\s+unlock|fee)\b"
            ),
            rx(r"\b(?:bitcoin|crypto)\s+ATM\b"),
        ),
        unless=rx(CRYPTO_WORK + "|" + DONT_PAY + PAY_WORD),
    ),
    Rule(
        "rf-gift-cards-or-wire",
        find=(
            rx(r"\b(?:buy|purchase|pick\s+up|load)\s+" + W + r"{0,4}?gift\s*cards?\b"),
            rx(r"\bgift\s*cards?\b"),
            rx(r"\b(?:western\s+union|money\s*gram)\b"),
        ),
        near=(
            rx(
                r"\b(?:codes?|photos?|pictures?|scratch\w*|pins?|back\s+of|buy|purchase|send|"
                r"wire|transfer|remaining|balance|funds)\b"
            ),
        ),
        around=1,
        unless=rx(CASH_WORK + "|" + DONT_PAY + PAY_WORD + "|" + FRAUD_WATCH + "|" + SELLS),
    ),
    # Gift cards bought and their codes sent on are the cash-out, whoever they are said to be
    # for ("buy three gift cards for our clients and send photos of the codes").
    Rule(
        "rf-gift-cards-or-wire",
        find=(
            rx(
                r"\b(?:buy|purchase|pick\s+up|get)\s+(?:\S+\s+){0,4}?gift\s*cards?\b[^.!?\n]{0,80}?"
                r"\b(?:send|text|e-?mail|share|upload)\w*\s+" + W + r"{0,4}?(?:photos?|pictures?|"
                r"codes?|pins?|(?:the\s+)?backs?)\b"
            ),
        ),
        unless=rx(
            DONT_PAY
            + PAY_WORD
            + "|"
            + FRAUD_WATCH
            + "|"
            + SELLS
            + r"|\b(?:thank[- ]you|survey|raffle|prize)\b"
            r"|\b(?:help|assist|serve)\w*\s+(?:our\s+)?(?:customers|shoppers|guests|members)\b"
        ),
    ),
    Rule(
        "rf-money-mule",
        find=(
            rx(
                r"\b(?:send|transfer|pay|deposit)\w*\s+(?:money|funds|payments?)\s+(?:in)?to\s+your\s+"
                r"(?:own\s+|personal\s+|private\s+)?(?:bank\s+)?account\b[^.!?\n]{0,60}\b(?:forward|"
                r"wire|pass|remit)\w*\s+(?:it|them|the\s+(?:money|funds))"
            ),
            rx(
                r"\b(?:receive|accept|process|collect|handle)\w*\s+" + W + r"{0,3}(?:payments?|"
                r"funds|money|transfers|deposits|donations)\s+" + W + r"{0,3}(?:in|into|to|through|"
                r"via|on)\s+(?:your|their)\s+(?:own\s+|personal\s+|private\s+)?(?:bank\s+)?"
                r"(?:accounts?|paypal|cash\s*app|zelle|venmo)\b"
            ),
            rx(
                r"\bopen\s+(?:a\s+)?(?:new\s+)?(?:personal\s+|business\s+|second\s+)?(?:bank\s+)?"
                r"accounts?\b[^.!?\n]{0,60}\b(?:transfers?|payments?|funds|route|receive|forward)"
            ),
            rx(
                r"\b(?:receive|accept|collect)\s+(?:funds|money|payments?|transfers)\b[^.!?\n]{0,80}"
                r"\b(?:remit|forward|wire|pass)\w*\s+(?:them|it|the\s+(?:money|funds))"
            ),
            rx(
                r"\bkeep\s+(?:\d+\s?%|a\s+(?:small\s+)?(?:percentage|commission|cut|share)|"
                r"your\s+(?:commission|fee|percentage|cut))[^.!?\n]{0,60}\b(?:forward|wire|send|"
                r"transfer|remit)\w*\b"
            ),
            rx(
                r"\b(?:payment|money|funds)\s+(?:processing|transfer|collection)\s+(?:agent|"
                r"assistant|representative|coordinator|clerk)\b"
            ),
        ),
        unless=rx(r"\b(?:reconcil\w+|ledger|ERP|accounts\s+(?:payable|receivable)|payroll)\b"),
    ),
    Rule(
        "rf-reshipping",
        find=(
            rx(
                r"\b(?:receive|accept|collect|take\s+delivery\s+of)\w*\s+"
                + W
                + r"{0,3}(?:packages?"
                r"|parcels?|shipments?|goods|merchandise|items|boxes|orders)\s+" + W + r"{0,3}"
                r"(?:at|to|in)\s+(?:your\s+)?(?:home|house|residence|apartment|address)\b"
            ),
            rx(
                r"\b(?:remove|discard|throw\s+away|take\s+out)\s+" + W + r"{0,3}(?:invoices?|"
                r"receipts?|packing\s+slips?|original\s+(?:labels?|packaging)|price\s+tags?)\b"
            ),
            rx(r"\bwarehouse\s+redistribution\b"),
            rx(
                r"\b(?:ship|send|forward|mail)\w*\s+(?:them|it|the\s+(?:packages?|parcels?|items?|"
                r"goods))\s+(?:on\s+)?to\s+(?:the\s+)?(?:new\s+)?(?:address(?:es)?|recipients?)\s+"
                r"(?:we|our|that\s+we|provided|given|in\s+the)"
            ),
        ),
    ),
    Rule(
        "rf-reshipping",
        find=(rx(r"\bre-?label\w*\b"),),
        unless=rx(WAREHOUSE_WORK),
    ),
    Rule(
        "rf-reshipping",
        find=(rx(r"\bre-?ship\w*\b"),),
        unless=rx(r"\b(?:customers?'?|returns?\s+(?:desk|process)|damaged|replacement)\b"),
    ),
    Rule(
        "rf-credit-card-request",
        find=(
            rx(
                r"\b(?:your\s+)?(?:credit|debit)\s+card\s+(?:number|details|info(?:rmation)?|data)\b"
            ),
            rx(
                r"\b(?:enter|provide|add|link|send)\s+" + W + r"{0,2}(?:credit|debit)\s+card\b"
                r"|\bverify\s+" + W + r"{0,3}with\s+(?:a\s+|your\s+)?(?:credit|debit)\s+card\b"
            ),
        ),
        unless=rx(r"\b(?:corporate|company)\s+(?:credit\s+)?card\b|\bcustomers?'?\s+"),
    ),
    Rule(
        "rf-chat-only-interview",
        find=(
            rx(
                r"\binterview\w*\s+" + W + r"{0,6}?(?:via|on|over|through|by|using|in)\s+"
                r"(?:a\s+|an\s+|the\s+)?(?:\w+\s+)?" + CHAT_APPS + r"\b"
            ),
            rx(CHAT_APPS + r"\s+(?:\w+\s+){0,2}interview\w*\b"),
            rx(r"\b(?:text|chat)[- ]based\s+interview\b"),
            # The interview arranged in the app: "schedule your interview on WhatsApp",
            # "message us on Telegram to book your interview".
            rx(
                r"\b(?:schedul\w*|arrang\w*|book\w*|set\s+up|confirm)\s+(?:your|the|an?)\s+"
                r"(?:\w+\s+)?interview\w*\s+(?:on|via|through|over|using)\s+(?:the\s+)?"
                + MESSAGING_APPS
                + r"\b"
            ),
            rx(
                r"\b(?:on|via|through|over|using)\s+(?:the\s+)?"
                + MESSAGING_APPS
                + r"\s+(?:\w+\s+){0,2}?to\s+(?:schedule|arrange|book|set\s+up|confirm)\s+"
                r"(?:your|the|an?)\s+(?:\w+\s+)?interview\w*\b"
            ),
        ),
        # A video or phone interview, an e-mail or a scheduling tool beside the app: the app is
        # one way among others, not the only one. (Not "schedule" alone: scammers schedule too.)
        unless=rx(OTHER_WAYS),
    ),
    Rule(
        # Those who hire, reachable in a messaging app: "Contact our hiring team on Telegram",
        # "message our HR manager on WhatsApp".
        "rf-chat-only-interview",
        find=(
            rx(
                r"\b(?:message|contact|add|text|reach|dm|write\s+to|chat\s+with|talk\s+to|"
                r"speak\s+(?:to|with)|connect\s+with|get\s+in\s+touch\s+with)\s+"
                + HIRING_CONTACT
                + r"(?:[ \t]+[\w.'-]+){0,3}?\s+(?:on|via|through|using|over)\s+(?:the\s+)?"
                + MESSAGING_APPS
                + r"\b"
            ),
        ),
        unless=rx(OTHER_WAYS),
    ),
    Rule(
        # A messaging app as the only way: "Telegram only", "only via WhatsApp". Only rules the
        # other ways out, so they do not cancel it; it must be about hiring.
        "rf-chat-only-interview",
        find=(
            rx(
                r"\b(?:on|via|through|using|over|by)\s+(?:the\s+)?" + MESSAGING_APPS + r"\s+only\b"
                r"|\bonly\s+(?:on|via|through|using|over|by)\s+(?:the\s+)?" + MESSAGING_APPS + r"\b"
            ),
        ),
        near=(
            rx(
                r"\b(?:interview\w*|hiring|HR|recruit\w*|appl(?:y|ied|ication)|candidates?|"
                r"contact|reach|message|onboarding|offer)\b"
            ),
        ),
    ),
    Rule(
        "rf-unsolicited-text-whatsapp",
        find=(
            rx(r"\breply\s+(?:with\s+)?[\"'\u201c]?(?:yes|y|1|ok|interested)\b[\"'\u201d]?"),
            rx(
                r"\b(?:add|contact|message|text|whatsapp|reach|dm)\s+(?:me|us|our\s+\w+(?:\s+\w+)?)"
                r"\s+" + W + r"{0,3}(?:on|via|at|through)\s+(?:whats\s?app|telegram|signal)\b"
            ),
            rx(r"\b(?:wa\.me|t\.me)/\S+"),
            rx(
                r"\b(?:saw|found|got|received|came\s+across|obtained|reviewed)\s+your\s+(?:resume|"
                r"CV|profile|number|contact\s+details)\b"
            ),
        ),
        near=(
            rx(
                r"\b(?:per\s+day|daily|a\s+day|/\s?day|from\s+(?:your\s+)?phone|minutes\s+a\s+day|"
                r"spare\s+time|no\s+experience|easy\s+(?:tasks|work|money)|"
                r"reply\s+[\"'\u201c]?(?:yes|y|1))\b"
            ),
        ),
        around=2,
    ),
    Rule(
        "rf-offer-without-interview",
        find=(
            rx(
                r"\b(?:no|without(?:\s+an?)?|skip\s+the|zero)\s+(?:job\s+|formal\s+)?interviews?"
                r"(?:\s+(?:is\s+|are\s+)?(?:needed|required|necessary))?\b"
            ),
            rx(r"\bhired\s+on\s+the\s+spot\b"),
        ),
        unless=rx(
            r"\b(?:prep|preparation|questions\s+about|tips|coaching|internal\s+transfers?)\b"
            r"|\bno\s+interview\s+(?:will|can)\s+(?:be\s+)?(?:skip|replace)"
        ),
    ),
    Rule(
        "rf-malicious-coding-assignment",
        find=(
            rx(r"\bconnect\s+(?:your\s+)?(?:metamask|phantom|crypto\s+wallet|wallet)\b"),
            rx(
                r"\b(?:disable|turn\s+off|deactivate|pause)\s+(?:your\s+)?(?:antivirus|anti-virus|"
                r"defender|firewall|security\s+software|endpoint\s+protection)\b"
            ),
            rx(
                r"\b(?:export|share|paste|send|enter)\s+" + W + r"{0,2}(?:\.env|environment\s+"
                r"variables|private\s+keys?|seed\s+phrase|recovery\s+phrase)\b"
            ),
        ),
    ),
    Rule(
        "rf-download-unfamiliar-software",
        find=(
            rx(
                r"\b(?:download|install|run|open)\w*\s+" + W + r"{0,5}?[\w-]+\.(?:exe|msi|dmg|apk|"
                r"scr|bat|pkg|jar)\b"
            ),
            rx(
                r"\b(?:download|install)\w*\s+" + W + r"{0,3}(?:our|this|the)\s+" + W + r"{0,2}"
                r"(?:interview|meeting|assessment|onboarding|screening)\s+(?:client|app|"
                r"application|software|tool|plugin|extension)\b"
            ),
        ),
    ),
    Rule(
        "rf-guaranteed-job",
        find=(
            rx(
                r"\bguarantee[ds]?\s+" + W + r"{0,2}(?:jobs?|placements?|employment|positions?|"
                r"hire|income|earnings|offers?)\b"
            ),
            rx(r"\b(?:job|placement|employment|income|hiring)\s+guarantee\b"),
            rx(r"\b100\s?%\s+(?:job\s+)?(?:guaranteed|placement|guarantee)\b"),
        ),
        unless=rx(r"(?:\bno|\bnot|\bcannot|n't|\bnever)\s+" + W + r"{0,2}guarantee"),
    ),
    Rule(
        "rf-secret-government-jobs",
        find=(
            rx(
                r"\b(?:federal|government|postal|USPS|civil\s+service|public\s+sector)\s+"
                + W
                + r"{0,2}(?:jobs?|positions?|openings|vacancies)\b"
            ),
        ),
        near=(
            rx(
                r"\b(?:unlisted|undisclosed|hidden|unadvertised|secret|not\s+(?:advertised|listed|"
                r"posted|public)|exclusive\s+access|insider)\b"
            ),
        ),
        around=1,
    ),
    Rule(
        "rf-overseas-job-trafficking",
        find=(
            rx(
                r"\b(?:flights?|air\s?fare|air\s+tickets?|tickets?|travel)\b[^.!?\n]{0,40}?"
                r"\b(?:visas?|accommodation|housing|work\s+permits?)\b"
            ),
        ),
        near=(
            rx(
                r"\b(?:south-?east\s+asia|cambodia|myanmar|laos|thailand|golden\s+triangle|dubai|"
                r"overseas|abroad)\b"
            ),
            rx(
                r"\b(?:no\s+experience|high\s+(?:salary|pay|income)|start\s+(?:next\s+week|"
                r"immediately|asap|within\s+days)|urgent\w*|typing|call\s+cent(?:er|re)|"
                r"online\s+sales|customer\s+service)\b"
            ),
        ),
        around=3,
    ),
    # Weak signals: counted only together with another signal.
    Rule(
        "rf-urgency-pressure",
        find=(
            rx(
                r"\b(?:offer|position|spot|opportunity|link|slot)\s+" + W + r"{0,2}(?:expires?|"
                r"closes?|will\s+be\s+(?:given|offered|filled))\s+" + W + r"{0,3}(?:in|within)\s+"
                r"(?:\d+|one|two|a\s+few)\s+(?:hours?|minutes?|mins?)\b"
            ),
            rx(
                r"\b(?:respond|reply|confirm|act|send\s+\w+)\s+" + W + r"{0,3}(?:within|in)\s+"
                r"(?:the\s+next\s+)?(?:\d+|one|two|a\s+few)\s+(?:hours?|minutes?|mins?)\b"
            ),
            # "Apply now" and "apply today" head every ad; only a demand to answer is pressure.
            rx(r"\b(?:act|respond|reply)\s+(?:now|immediately|fast|asap)\b|\bapply\s+asap\b"),
            rx(r"\blimited\s+(?:slots|spots|seats)\b|\b(?:today|tonight)\s+only\b"),
        ),
    ),
    Rule(
        "rf-too-good-pay",
        find=(
            rx(
                r"\b(?:earn|make|receive|get\s+paid)\s+(?:up\s+to\s+)?"
                + MONEY
                + r"(?:\s?(?:-|\u2013|to)"
                r"\s?" + MONEY + r")?\s*(?:/|a|per|each|every)\s*(?:day|week|hour)\b"
            ),
            rx(
                r"\b(?:earn|make)\s+(?:up\s+to\s+)?"
                + MONEY
                + r"\s+(?:(?:a|per)\s+(?:week|day)|weekly|daily)"
            ),
        ),
        near=(
            rx(
                r"\b(?:part[- ]time|phone|from\s+home|minutes|flexible|no\s+experience|"
                r"spare\s+time|few\s+hours|easy|\d+\s+hours?\s+a\s+day)\b"
            ),
        ),
        around=1,
    ),
    Rule(
        "rf-no-references",
        find=(
            rx(
                r"\bno\s+(?:references?|resume|CV)\b[^.!?\n]{0,30}\bno\s+(?:experience|interview|"
                r"resume|CV|references?)\b|\bno\s+(?:experience|interview)\b[^.!?\n]{0,30}\bno\s+"
                r"(?:references?|resume|CV)\b"
            ),
        ),
    ),
]

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
    r"need|require|reply\s+with)\w*\b[^.!?\n]{0,80}?" + PII,
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
    r"forwarding|make\s+(?:the\s+|a\s+|your\s+|all\s+)?(?:[\w-]+\s+)?payments?)"
)
# Up to eight words of the same clause between the verb and the channel: what is paid, to
# whom, how much ("the remaining funds to our vendor", "$450, minus your commission,").
# Another paying verb ends the gap, so each request is read from its own verb; "you", "we"
# and the like end it too ("pay you via Zelle" is money coming to you).
_GAP = r"(?:\s+(?!(?:we|I|they|he|she|you|" + _PAY_VERB + r")\b)(?:[^\s.!?;:]|\.(?=\d))+){0,8}?"
_CONNECT = r"\s+(?:via|through|by|using|with|in|on|over|at)\s+(?:an?\s+|the\s+|your\s+|any\s+)?"
_CHANNELS = (
    CHANNEL + r"(?:\s*(?:,|/|or|and)\s*(?:or\s+|and\s+)?(?:an?\s+|the\s+)?" + CHANNEL + r")*"
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
_CONNECTED = rx(_CONNECT)
_COIN = rx(COIN)
_PAYMENT_APP = rx(PAYMENT_APP)
_CASH_CHANNEL = rx(CASH_CHANNEL)
_CRYPTO_WORK = rx(CRYPTO_WORK)
_CASH_WORK = rx(CASH_WORK)


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
            if _CASH_CHANNEL.search(named) and not cash_work:
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
