"""The scam rules: each signal's patterns, the words that must sit near them and the words that
cancel them (disclaimers such as "we will never ask you to pay"); `scams.find_scams` runs them.
"""

from __future__ import annotations

from goodword.redflags.scam_words import (
    BOOKKEEPING_WORK,
    CASH_WORK,
    CHAT_APPS,
    COIN,
    CRYPTO,
    CRYPTO_WORK,
    DONT_PAY,
    FEE_NOT_YOURS,
    FRAUD_WATCH,
    HIRING_CONTACT,
    MESSAGING_APPS,
    MONEY,
    NO_PAY,
    OTHER_WAYS,
    PAY_WORD,
    SELLS,
    TELLER_WORK,
    WAREHOUSE_WORK,
    W,
)
from goodword.redflags.textspan import Rule, rx

RULES: list[Rule] = [
    Rule(
        "rf-pay-to-get-job",
        find=(
            rx(
                r"\b(?:registration|application|training|certification|onboarding|processing|"
                r"background[- ]check|screening|placement|enrol?lment|activation|membership|"
                r"admin(?:istrative|istration)?|uniform|starter(?:[- ](?:kit|pack))?|kit|"
                r"verification|joining|sign[- ]?up|equipment|visa\s+processing|consultation)\s+"
                r"(?:fee|charge|deposit|cost)s?\b"
            ),
            rx(r"\brefundable\s+" + W + r"{0,2}(?:fee|deposit|payment)\b"),
            rx(
                r"\b(?:pay|purchase|buy|cover)\s+(?:for\s+)?(?:a\s+|the\s+|your\s+)?" + W + r"{0,2}"
                r"(?:(?:starter|equipment|onboarding|welcome)\s+(?:kit|pack)|"
                r"training\s+(?:course|materials|package|program(?:me)?)|"
                r"certification|background\s+check|registration|work\s+permit)\b"
            ),
            rx(
                r"\b(?:reimburs\w+|refund\w*|returned(?:\s+to\s+you)?|paid\s+back)\s+(?:in|with|from|on)"
                r"\s+your\s+(?:first|next)\s+"
                r"(?:pay\s*(?:check|cheque)|paycheck|salary|payment|wages?)"
            ),
            # A kit with its price before it: "purchase the $89 onboarding kit from our store".
            rx(
                r"\b(?:purchase|buy|order)\s+(?:a\s+|the\s+|your\s+)?"
                + MONEY
                + r"\s+(?:starter|onboarding|training|welcome)\s+(?:kit|pack)\b"
            ),
            rx(r"\b(?:fee|deposit)\s+of\s+" + MONEY),
            rx(
                r"\b(?:kit|training|registration|onboarding|certification|starter\s+pack|uniform)\b"
                r"[^.!?\n]{0,80}?\b(?:costs?|is|are)\s+"
                + MONEY
                + r"[^.!?\n]{0,40}?\b(?:payable|pay|due)\b"
            ),
            # The price in brackets: "complete our certification course ($249, payable by card)".
            rx(
                r"\b(?:course|training|certification|registration|onboarding|kit|program(?:me)?|"
                r"exam|licen[cs]ing)\s*\(\s*" + MONEY + r"[^)\n]{0,40}?\b(?:payable|pay|paid|due)\b"
            ),
            # "Just pay $45 and you can start": a bare sum asked of you, as an order.
            rx(r"\b(?:to|you\s+must|please|just|simply)\s+(?:first\s+)?pay\s+" + MONEY),
        ),
        unless=rx(NO_PAY.pattern + "|" + FEE_NOT_YOURS),
    ),
    Rule(
        "rf-fake-check-send-back",
        find=(
            # A cheque, not a check made of you: "start your background check", "reference checks".
            rx(
                r"(?<!background[ -])(?<!reference[ -])(?<!credit[ -])(?<!security[ -])"
                r"(?<!criminal[ -])(?<!record[ -])(?<!DBS[ -])(?<!health[ -])(?<!safety[ -])"
                r"(?<!identity[ -])(?<!ID[ -])\b(?:check|cheque)s?\b"
            ),
            rx(
                r"\b(?:funds|money|payment)(?:\s+of\s+\S+)?\s+(?:has\s+been\s+|have\s+been\s+|were\s+|"
                r"was\s+)?"
                r"(?:deposited|sent|transferred)\s+(?:in)?to\s+your\s+(?:bank\s+)?account"
            ),
        ),
        near=(
            # Paid in, or said to be too much: "once it clears in your banking app", "we
            # overpaid you".
            rx(
                r"\b(?:deposit\w*|cash\s+it|mobile\s+deposit|deposited|clears|cleared|"
                r"banking\s+app|overpa(?:id|yments?))\b"
            ),
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
            + "|"
            + BOOKKEEPING_WORK
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
            # Said the other way round: "These must be ordered through our certified partner".
            rx(
                r"\b(?:must|(?:need|needs|has|have|are|is)\s+to|should|can\s+only)\s+(?:only\s+)?be\s+"
                r"(?:purchased|bought|ordered|paid\s+for)\s+(?:only\s+)?(?:from|through|via|at)\b"
            ),
        ),
        near=(
            rx(
                r"\b(?:our|approved|designated|certified|preferred|authori[sz]ed|specific|"
                r"company'?s?)\s+(?:\w+\s+)?(?:vendors?|suppliers?|stores?|portal|partners?)\b"
                # A cheque that comes to you for it ("You'll receive a check for your
                # equipment", "we're mailing you a cheque"), not one that pays you back for
                # what you chose and bought ("send us your receipts; we'll reimburse you by
                # check"), which is how an honest expense claim works.
                r"|\b(?:send|mail|post|courier|overnight|issu)\w*\s+(?:you\s+)?(?:a|the)\s+"
                r"(?:\w+\s+){0,2}?(?:check|cheque)s?\b|\b(?:receive|get)\s+a\s+(?:\w+\s+){0,2}?"
                r"(?:check|cheque)\b|\b(?:check|cheque)\s+(?:for\s+\S+\s+)?(?:is|has\s+been|was)\s+"
                r"(?:on\s+its\s+way|in\s+the\s+(?:mail|post)|mailed|posted|sent|issued)\b"
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
    # for ("buy three gift cards for our clients and send photos of the codes"), also named by
    # the store ("buy two $200 Google Play cards for the office and send me the numbers").
    Rule(
        "rf-gift-cards-or-wire",
        find=(
            rx(
                r"\b(?:buy|purchase|pick\s+up|get)\s+(?:\S+\s+){0,4}?(?:gift|google\s+play|itunes|"
                r"steam|vanilla(?:\s+visa)?|razer\s+gold)\s*cards?\b[^.!?\n]{0,80}?"
                r"\b(?:send|text|e-?mail|share|upload)\w*\s+" + W + r"{0,4}?(?:photos?|pictures?|"
                r"codes?|pins?|numbers?|(?:the\s+)?backs?)\b"
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
    # Said of the parcels, and packed again under new labels: "Packages will arrive at your
    # address; ... repack them with the new labels we email you and drop them at the post
    # office". Parcels to your home alone are any delivery, so the sending on must be near.
    Rule(
        "rf-reshipping",
        find=(
            rx(
                r"\b(?:packages?|parcels?|shipments?|boxes)\s+(?:\w+\s+){0,2}?(?:will\s+|would\s+|"
                r"are\s+going\s+to\s+)?(?:arrive|come|be\s+(?:delivered|sent|shipped))\s+(?:at|to)\s+"
                r"(?:your\s+)?(?:home|house|residence|apartment|flat|address|door)\b"
            ),
            rx(r"\bre-?pack\w*\s+(?:\w+\s+){0,3}?(?:\w+\s+)?labels?\b"),
        ),
        near=(
            rx(
                r"\bre-?(?:pack|label|ship)\w*|\b(?:new|shipping|prepaid|return)\s+labels?\b|"
                r"\bpost\s+office\b|\bforward\w*\s+(?:them|it)\b|\bship\w*\s+(?:them|it)\s+(?:on|out)\b"
            ),
        ),
        around=1,
        unless=rx(WAREHOUSE_WORK),
    ),
    Rule(
        "rf-reshipping",
        find=(rx(r"\bre-?ship\w*\b"),),
        # A store's or a warehouse's returns: "reship returned parcels to vendors from the dock".
        unless=rx(
            r"\b(?:customers?'?|returns?\s+(?:desk|process)|returned|damaged|replacement)\b|"
            + WAREHOUSE_WORK
        ),
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
            rx(r"\b(?:(?:text|chat)[- ]based|text)\s+interview\b"),
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
            rx(
                r"\bno\s+need\s+for\s+(?:an?\s+)?(?:job\s+|formal\s+)?interviews?\b(?!\s+(?:outfit|suit))"
            ),
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
