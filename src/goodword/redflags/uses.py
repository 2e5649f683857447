"""What an employer says it will do with work asked of a candidate, and how that is quoted.

"We may publish the best ones", "the winning designs will be printed" put the work to use;
"we will use it to see how you approach problems", "we'll run through it in the interview"
only assess it, and "you will use our code" is the reader using the employer's things.
"""

from __future__ import annotations

import re

from goodword.redflags.textspan import Evidence, Sentences, evidence, from_match, rx

# What the employer says it will do with the work: "we may use", "we'll publish them", "we're
# going to run the strongest ones", "the winning designs will be printed".
_WE_WILL = (
    r"(?:may|might|will|could|intend\s+to|plan\s+(?:to|on)|(?:are|['\u2019]re)\s+going\s+to|"
    r"reserve\s+the\s+right\s+to|would\s+like\s+to|(?<=[a-z]['\u2019])d\s+like\s+to|"
    r"(?<=\bwe['\u2019])ll|(?<=\bthey['\u2019])ll)"
)
_PUT_TO_USE = (
    r"use|using|ship|publish|release|launch|deploy|implement|run|adopt|keep|air|post|feature|"
    r"showcase|print|reuse|re-use|repurpose|incorporate|merge"
)
# Whom the work may be sent or shown to: "shared with our board", "go out to our subscribers".
_AUDIENCE = (
    r"(?:our|the)\s+(?:\w+\s+)?(?:board|clients?|customers|investors|leadership|partners|"
    r"readers|subscribers|followers|audience|mailing\s+list|members|users)"
)
# What the work may be put on: "on the menu", "to our range", "in our store".
_OUR_THINGS = (
    r"(?:menus?|site|website|store|shop|shelves|blog|feed|channel|catalog(?:ue)?|range|"
    r"specials\s+board)"
)
USED = rx(
    r"\b" + _WE_WILL + r"\s+(?:\w+\s+){0,2}(?:" + _PUT_TO_USE + r"|"
    r"present\s+to\s+(?:the\s+)?client|pitch)\w*\s+(?:\w+\s+){0,4}(?:submissions?|work|designs?|"
    r"code|"
    r"articles?|ideas?|campaigns?|posts?|copy|plans?|strateg\w+|best\s+(?:one|entry|submission|"
    r"ideas?)|it|them|pieces|entries|ones|samples|concepts|briefs?|translations?)\b"
    # Results are the work when used ("we may use the results in our report"), but posting or
    # sharing them is telling candidates the outcome ("We'll post the results by Friday").
    r"|\b" + _WE_WILL + r"\s+(?:\w+\s+){0,2}(?:use|using|reuse|re-use|repurpose|incorporate)\w*\s+"
    r"(?:\w+\s+){0,4}results?\b"
    # Sent on to a client: "which we will submit to the client", "the ones we like best we'll
    # send to our client" (not "we will submit your CV to the client").
    r"|\b" + _WE_WILL + r"\s+(?:\w+\s+){0,2}(?:submit|present|pitch|send|show|forward)\w*\s+"
    r"(?:(?:it|them|this|these|those|(?:the|your)\s+(?:\w+\s+)?(?:best|work|ones?|campaigns?|"
    r"designs?|scripts?|copy|drafts?|plans?|concepts?|ideas?))\s+)?to\s+(?:our|the|a|their)\s+"
    r"(?:\w+\s+)?clients?\b"
    # Put on their own menu, site or shelves: "we may put them on the menu".
    r"|\b" + _WE_WILL + r"\s+(?:\w+\s+){0,2}(?:put|add)\w*\s+(?:it|them|some|one|any|"
    r"(?:the|your)\s+(?:\w+\s+)?(?:best|ones?|dishes|recipes|designs?|work))\s+(?:on|to|in)\s+"
    r"(?:our|the)\s+(?:\w+\s+)?" + _OUR_THINGS + r"\b"
    r"|\b(?:(?:we|they|the\s+client)\s+(?:may|might|will|could|would|intend\s+to|plan\s+(?:to|on)|"
    r"are\s+going\s+to)|(?:we|they)['\u2019](?:ll|re\s+going\s+to|d\s+like\s+to))\s+"
    r"(?:\w+\s+){0,2}" + r"(?:" + _PUT_TO_USE + r")\b"
    # ...of some of what was made ("use the strongest", "publish some of them"), or with
    # nothing after: not "we'll keep you posted", "we will run a short call".
    r"(?=\s+(?:\w+\s+){0,3}?(?:the\s+)?(?:best|strongest|winning|top|favou?rites?|most|some|"
    r"any|all|one|parts?|elements|bits|few|these|those|it|them)\b(?!\s+(?:of\s+)?(?:the\s+)?"
    r"(?:results|scores|outcomes?|decisions?|shortlist)\b)|\s*(?:[.!?,;]|$))"
    # The work itself said to be put to use: "the winning illustrations will be printed".
    r"|\b(?:designs?|entries|entry|submissions?|pieces|posts|articles|concepts|ideas|videos|"
    r"graphics|illustrations|drafts|ones|one|copy|work|reports?|plans?|decks?|strateg(?:y|ies)|"
    r"pages|descriptions|logos|banners|scripts|newsletters|mockups|briefs?|versions|e-?mails|"
    r"variants|headlines|captions|slogans|taglines|dishes|recipes|cocktails|cakes|bakes)"
    # "Any strategy you submit may be used by our team."
    r"(?:\s+(?:that\s+)?(?:you|candidates)\s+(?:submit|send|create|write|make|produce|share|"
    r"deliver)\w*"
    # "The versions we like best may go out to our subscribers."
    r"|\s+(?:that\s+|which\s+)?we\s+(?:like|pick|choose|select|prefer|love)\w*"
    r"(?:\s+(?:best|most))?)?"
    r"\s+(?:will|may|might|could|would)\s+(?:then\s+|also\s+)?(?:be\s+(?:used|published|"
    r"featured|posted|aired|launched|printed|shipped|deployed|implemented|adopted|released|"
    r"showcased|reused|repurposed|incorporated|sent\s+out|(?:shared\s+"
    r"with|presented\s+to|sent\s+(?:out\s+)?to)\s+" + _AUDIENCE + r"|(?:added|put)\s+(?:on|to)\s+"
    r"(?:our|the)\s+(?:\w+\s+)?" + _OUR_THINGS + r")|go\s+live"
    r"|go\s+out\s+to\s+" + _AUDIENCE + r")\b"
    r"|\bwe\s+keep\s+(?:the|all|any|what)\b"
    # The best one picked for the employer's own things: "We'll pick the winning concept for
    # the launch packaging" (not "the best candidate for the role").
    r"|\b(?:pick|choose|select)\w*\s+(?:the\s+|a\s+|one\s+)?(?:winning|best|strongest|top|"
    r"favou?rite)\s+(?:concepts?|designs?|logos?|entr(?:y|ies)|submissions?|ideas?|pieces?|"
    r"versions?|drafts?|names?|slogans?|taglines?)\s+(?:for|to\s+use\s+(?:for|on|in)|as)\s+"
    r"(?:our|the|a)\s+(?:\w+\s+){0,2}(?:packaging|launch|campaign|brand|products?|site|website|"
    r"store|menu|labels?|cans?|ads?|billboards?|signage|line|logo|identity|rebrand)\b"
    r"|(?:\b(?:may|might|will|could)|\b(?:we|they)['\u2019]ll)\s+send\s+(?:it|them|one|some|the\s+best\s+\w+)"
    r"(?:\s+of\s+them)?\s+out\b"
    r"|\bour\s+(?:real|actual|live)\s+(?:leads|customers|clients|data|users|backlog|inbox|"
    r"customer\s+\w+)\b"
    r"|\b(?:for|on|in|against)\s+(?:our|a)\s+(?:live|real|actual|current|production|existing|"
    r"upcoming|next|q[1-4])\s+(?:\w+\s+)?(?:client|site|website|app|product|codebase|customers?|"
    r"campaign|brand|store|checkout|data|launch|account|backlog|tickets?)"
    r"|\b(?:real|actual|live)\s+(?:client|customer)\s+(?:work|project|brief|data|accounts?)"
    # "The posts are ours to keep" (not "the pleasure is ours").
    r"|\b(?:is|are)\s+ours\s+to\s+(?:keep|use|publish|run|own)\b"
    r"|\b(?:becomes?|will\s+be)\s+(?:the\s+)?(?:property|ours)\b|\b(?:own|retain)\s+(?:all\s+)?"
    r"(?:rights|IP|intellectual\s+property)"
)
# What the words after such a phrase may say instead: that the work is only read, talked over
# or kept safe in hiring ("We will use it to see how you approach problems", "We'll run through
# your solution in the interview", "We will keep your submission confidential"), not put to use.
# The words between stay in the use's own clause: "We may use your designs, and you'll present
# them at the interview" is a use (the interview is where the reader presents them), as is
# "we may use them and you will walk us through them in the interview".
_SAME_CLAUSE = (
    r"(?:(?!\b(?:and|but|then|plus|so)\s+(?:\w+\s+)?(?:you|we|they|i)\b)[^.!?;,\n]"
    r"|,\s*(?:but\s+)?only\b"
    # An aside between commas: "We will use your code, if any, to structure the interview".
    r"|,\s*(?:if|where|when|as|along\s+with|together\s+with)\b[^,.!?;\n]{0,30},)"
)
_ONLY_ASSESSED = rx(
    r"\s*(?:through|over)\b"
    r"|" + _SAME_CLAUSE + r"{0,60}?\b(?:to\s+(?:see|assess|evaluate|judge|gauge|understand|"
    r"discuss|learn|get\s+a\s+sense|review|score|compare|decide|guide|structure|prepare\s+for)|"
    r"as\s+(?:a|the|our)\s+(?:\w+\s+)?(?:basis|starting\s+point|springboard|talking\s+point|"
    r"reference)|"
    r"for\s+(?:(?:the|our|your)\s+)?(?:\w+\s+)?(?:discussion|interview|debrief|assessment|"
    r"evaluation|review|follow-up|conversation)|(?:in|during|at)\s+(?:the|your|our)\s+"
    r"(?:\w+\s+)?(?:interview|discussion|call|debrief|panel|round|conversation|meeting)|"
    r"confidential|private|on\s+file|secure(?:ly)?)\b"
)


# "You will use our code", "candidates will use our codebase": the reader uses the employer's
# things, the employer does not use the reader's work.
_READER_USES = rx(r"\b(?:you|candidates?|applicants?)\s+$")
# A use ruled out: "We will not publish your work", "we'll never use your code", "we don't
# plan to use it".
_USE_DENIED = rx(r"\b(?:not|never)\b|n['\u2019]t\b")
_USE_DENIED_BEFORE = rx(r"(?:\b(?:not|never)|n['\u2019]t)\s+(?:\w+\s+)?$")


def uses_of_work(text: str, lo: int, hi: int) -> list[Evidence]:
    """What in text[lo:hi] says the employer may put the work to use, leaving out uses that
    only assess it or keep it safe."""
    return [
        from_match(text, m)
        for m in USED.finditer(text, lo, hi)
        if not _ONLY_ASSESSED.match(text, m.end(), min(len(text), m.end() + 120))
        and not _READER_USES.search(text, max(0, m.start() - 20), m.start())
        and not _USE_DENIED.search(m.group(0))
        and not _USE_DENIED_BEFORE.search(text, max(0, m.start() - 20), m.start())
    ]


# A use is quoted as its sentence, so the reader knows it again ("The winning designs will be
# printed and hung in all our stores", not "designs will be printed"); a sentence longer than
# this is cut to the clause that holds the use.
LONGEST_USE_QUOTE = 200


def quoted_uses(
    text: str, sents: Sentences, uses: list[Evidence], assignment: list[Evidence]
) -> list[Evidence]:
    """Each use widened to its sentence, once a sentence; a use in the sentence that asks for
    the work is left as it is, since the request's own quote shows that sentence."""
    asked = {sents.index(e.start) for e in assignment}
    seen: set[int] = set()
    quoted: list[Evidence] = []
    for use in uses:
        index = sents.index(use.start)
        if index in asked:
            quoted.append(use)
        elif index not in seen:
            seen.add(index)
            quoted.append(_sentence_quote(text, sents, use))
    return quoted


def _sentence_quote(text: str, sents: Sentences, use: Evidence) -> Evidence:
    """The sentence holding `use`, without a list bullet or its closing stop; cut to the use's
    clause when the sentence is longer than `LONGEST_USE_QUOTE`, and to the words around it if
    that is too."""
    lo, hi = sents.window(use.start)
    while lo < use.start and text[lo] in " \t-*\u2022":
        lo += 1
    if hi - lo > LONGEST_USE_QUOTE:
        breaks = [m.end() for m in re.finditer(r"[,;:\u2013\u2014]", text[lo : use.start])]
        lo += breaks[-1] if breaks else 0
        after = re.compile(r"[,;:\u2013\u2014]").search(text, use.end, hi)
        hi = after.start() if after else hi
    if hi - lo > LONGEST_USE_QUOTE:
        half = max(0, (LONGEST_USE_QUOTE - (use.end - use.start)) // 2)
        if use.start - half > lo:
            space = text.find(" ", use.start - half, use.start)
            lo = space + 1 if space != -1 else use.start
        if use.end + half < hi:
            space = text.rfind(" ", use.end, use.end + half)
            hi = space if space != -1 else use.end
    # Without its closing stop, as a request's own quote is ("write three blog posts").
    while hi > use.end and text[hi - 1] in " \t\r\n.!?;:,":
        hi -= 1
    return evidence(text, lo, hi)
