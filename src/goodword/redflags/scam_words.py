"""The words scam rules share: sums of money, coins, payment apps and wires, messaging apps, who
does the hiring, and the kinds of work that handle money or parcels honestly.

`scam_rules` builds its rules from them and `scams` reads payment channels with them.
"""

from __future__ import annotations

from goodword.redflags.textspan import rx

MONEY = r"(?:[$€£]\s?\d[\d,.]*\s?[kK]?|\d[\d,.]*\s?(?:dollars|usd|eur|gbp|usdt|euros?))"
CRYPTO = (
    r"(?:USDT|USDC|bitcoins?|BTC|ETH|ether(?:eum)?|crypto(?:currency|currencies)?|tether|"
    r"TRC-?20|ERC-?20|coinbase|binance)"
)
CHAT_APPS = (
    r"(?:telegram|whats\s?app|signal\s+(?:app|messenger|chat)|wickr|google\s+hangouts|hangouts|"
    r"google\s+chat|textnow|text\s?free|viber|wechat|kik|skype\s+chat|instant\s+messag\w+|"
    r"text\s+messag\w+|text\s+chat|online\s+chat|live\s+chat|sms|texting|chat\s+app|"
    # "via text on Signal" (the app, not "Signal Hill"), "on Microsoft Teams chat".
    r"(?-i:Signal)\b(?![ \t]+(?-i:[A-Z]))|(?:microsoft\s+)?teams\s+chat)"
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
    r"teams(?!\s+chat)|google\s+meet|in[- ]person|on[- ]?site|at\s+our\s+office|face[- ]to[- ]face|"
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
    r"|\b(?:we|the\s+company|employer|(?-i:[A-Z])\w+)\s+(?:will\s+|'ll\s+)?(?:cover|covers|pays?\s+for"
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
# A bookkeeper's or a receivables clerk's duties: others' cheques and deposits kept in the
# books ("reconcile deposits", "log incoming checks from tenants", "match client cheques to
# open invoices", "prepare the daily deposit"), not a cheque sent to the reader to pass on.
BOOKKEEPING_WORK = (
    r"\breconcil\w+\s+(?:the\s+|our\s+|all\s+)?(?:\w+\s+)?(?:deposits|accounts|bank|statements?|"
    r"payments|receipts|ledgers?|books)\b|\b(?:ledgers?|remittances?|bookkeep\w*|invoices)\b"
    r"|\b(?:customer|client|member|patient|tenant|insurer|incoming|trade)s?['\u2019]?\s+"
    r"(?:checks|cheques|payments|receipts)\b"
    r"|\b(?:checks|cheques|payments)\s+(?:received\s+)?from\s+(?:our\s+|the\s+)?(?:\w+\s+)?"
    r"(?:customers|clients|members|patients|tenants|insurers|debtors|donors)\b"
    r"|\b(?:daily|weekly|nightly|monthly)\s+(?:bank\s+)?deposits?\b|\bdeposit\s+slips?\b"
)
# Warehouse work on site: relabelling parcels at a dock is the job, not reshipping from home.
WAREHOUSE_WORK = (
    r"\b(?:inbound|outbound|loading\s+dock|forklift|pallets?|trucks?|distribution\s+cent(?:er|re)|"
    r"fulfil+ment\s+cent(?:er|re))\b"
)
