"""Red flags on Goodword's surfaces: an opportunity's findings, saved e-mails, highlighted text.

Everything here is plain data in, plain data out; the API, the pages and the CLI call it.
"""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from functools import cached_property
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from goodword.errors import FieldError, InvalidInput
from goodword.redflags.analyzer import Report, analyze
from goodword.redflags.findings import Finding, SharedHelp, help_shared_by, shared_help
from goodword.redflags.history import GIVE_IT_FOR_AN_OPPORTUNITY, place_said_where
from goodword.redflags.laws import data_caveat, data_compiled, every_law, laws_for
from goodword.redflags.pay import RecordedPay
from goodword.redflags.signals import Severity

if TYPE_CHECKING:
    from goodword.opportunities.models import Opportunity

# Postings and messages are a few kilobytes; a hundred thousand characters leaves ample room.
MAX_TEXT = 100_000
# A saved e-mail with its attachments may be far larger than the text it carries.
MAX_FILE_BYTES = 10_000_000


def opportunity_location(opportunity: Opportunity) -> str | None:
    """The opportunity's place as one line ("Denver, CO, US"), or None when none is recorded."""
    parts = [p.strip() for p in (opportunity.city, opportunity.region, opportunity.country) if p]
    joined = ", ".join(p for p in parts if p)
    return joined or None


@dataclass(frozen=True)
class Checked:
    """A report with its text ready to show: the evidence marked up for a page."""

    report: Report
    highlighted: Markup

    @property
    def flagged(self) -> int:
        """How many findings are red flags (information-only findings are not counted)."""
        return sum(1 for f in self.report.findings if f.flagged)

    @cached_property
    def shared_help(self) -> list[SharedHelp]:
        """The places to report and the answers that two findings or more have alike (the
        scam signals of one message all point to the same), in the findings' order."""
        return shared_help(self.report.findings)

    def help_shared_by(self, finding: Finding) -> int | None:
        """The number (from 1) of the shared help that covers this finding, or None when the
        finding's own help is shown with it."""
        return help_shared_by(self.shared_help, finding)


def check(
    text: str,
    *,
    location: str | None,
    today: date,
    posting: bool | None = None,
    recorded_pay: RecordedPay | None = None,
) -> Checked:
    """Analyse `text` and mark its evidence for display; `posting` and `recorded_pay` as for
    `analyze`."""
    report = analyze(
        text, location=location, today=today, posting=posting, recorded_pay=recorded_pay
    )
    return Checked(report=report, highlighted=highlight(text, marks_for(report)))


def findings_for_opportunity(opportunity: Opportunity, *, today: date) -> Checked | None:
    """Check the opportunity's saved posting text; None when no posting text is saved.

    The text is a job posting by definition, however short, so a missing pay range is
    flagged where the law asks for one, even when the opportunity's pay fields hold one: the
    finding then says the range is on record here but not in the posting. The location is the
    opportunity's city, region and country; with none recorded, the analyzer reads the
    location the posting states (see `location_text.find_location`).
    """
    text = (opportunity.posting_text or "").strip()
    if not text:
        return None
    location = opportunity_location(opportunity)
    checked = check(
        text[:MAX_TEXT],
        location=location,
        today=today,
        posting=True,
        recorded_pay=opportunity_pay(opportunity),
    )
    # Its place is given in the opportunity's own fields, on its page and in the API alike.
    place_said_where(checked.report.findings, GIVE_IT_FOR_AN_OPPORTUNITY)
    return checked


def opportunity_pay(opportunity: Opportunity) -> RecordedPay | None:
    """The pay kept in the opportunity's own fields, or None when none is recorded."""
    low, high = opportunity.pay_min, opportunity.pay_max
    if low is None and high is None:
        return None
    period = opportunity.pay_period
    return RecordedPay(
        low=float(low) if low is not None else None,
        high=float(high) if high is not None else None,
        currency=opportunity.pay_currency,
        period=period.value if period is not None else None,
    )


def laws_document(where: str | None, *, today: date, employer: str | None = None) -> dict[str, Any]:
    """What applies where (or every entry when `where` is blank), and how current the data is.

    `employer` is a kind of employer ("us_federal") to look the place's laws up for, as a check
    does when the text shows one; the laws that do not bind it are listed apart. Every entry is
    listed whoever the employer is, so without a place it is not used.
    """
    where = (where or "").strip() or None
    if where is None:
        applied = every_law(today)
        place = None
        notes: list[str] = []
        set_aside: list[dict[str, Any]] = []
        heading = None
        employer = None
    else:
        lookup = laws_for(where, today, employer=employer)
        applied = list(lookup.laws)
        place = lookup.place.to_dict()
        notes = list(lookup.notes)
        set_aside = [a.to_dict() for a in lookup.set_aside]
        heading = lookup.set_aside_heading
    return {
        "where": where,
        "employer": employer,
        "place": place,
        "today": today.isoformat(),
        "compiled": data_compiled().isoformat(),
        "caveat": data_caveat(),
        "laws": [a.to_dict() for a in applied],
        "notes": notes,
        "set_aside": set_aside,
        "set_aside_heading": heading,
    }


def check_length(text: str, *, field: str = "text", source: str | None = None) -> str:
    """Return `text` when there is something to check and it is not too long, else a 422.
    `source` names the file the text came from (the CLI's), for the message."""
    if not text.strip():
        if source is not None:
            raise InvalidInput(
                f"There is nothing to check: {source} is empty.",
                fields=[FieldError(field, "Give a file with the posting or the message in it.")],
            )
        raise InvalidInput(
            "There is nothing to check.",
            fields=[FieldError(field, "Paste a job posting or a message, or give a saved e-mail.")],
        )
    if len(text) > MAX_TEXT:
        what = f"The text in {source}" if source is not None else "The text"
        message = f"{what} is {len(text):,} characters long; Goodword checks up to {MAX_TEXT:,}."
        advice = "Give just the posting or the message that matters."
        if source is not None:
            raise InvalidInput(message, fields=[FieldError(field, advice)])
        raise InvalidInput(f"{message} {advice}", fields=[FieldError(field, f"{message} {advice}")])
    return text


# Reading files -------------------------------------------------------------------------------

_HEADER_LINE = re.compile(
    rb"^(?:Return-Path|Received|Delivered-To|From|To|Subject|Date|Message-ID|MIME-Version|"
    rb"Reply-To|X-[A-Za-z0-9-]+):[ \t]",
    re.IGNORECASE,
)


def looks_like_email(data: bytes) -> bool:
    """True when the bytes start with mail headers (a saved message rather than plain text)."""
    head = data.lstrip()[:2000].splitlines()
    return bool(head) and bool(_HEADER_LINE.match(head[0])) and b"" in [h.strip() for h in head]


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Control bytes that text never holds. Tab, newlines, form feed and escape are left out:
# escape starts the shifts of ISO-2022 encodings, which some Japanese mail still uses.
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}
_SNIFF = 8000


def looks_binary(data: bytes) -> bool:
    """True when the bytes are not text in any encoding: a NUL byte, or many control bytes.

    UTF-16 text with its byte-order mark is text, though half its bytes are NUL.
    """
    if data.startswith(_UTF16_BOMS):
        return False
    head = data[:_SNIFF]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    return controls > max(3, len(head) // 100)


# What to give instead of a file that is not text: the web page has a box to paste into; the
# command line says its own (it reads standard input).
PASTE = "give a text file, a saved e-mail (.eml) or paste the text"


def _not_text(name: str, instead: str = PASTE) -> InvalidInput:
    return InvalidInput(f"{name} is not a text file; {instead}.")


def decode_text(data: bytes, *, name: str, instead: str = PASTE) -> str:
    """Decode a text file, guessing its encoding when it is not UTF-8."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if looks_binary(data):
        raise _not_text(name, instead)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InvalidInput(f"{name} could not be read as text; save it as UTF-8 and try again.")
    return str(best)


def text_from_file(
    data: bytes, *, name: str, as_email: bool | None = None, instead: str = PASTE
) -> str:
    """The text to check in a file: a saved e-mail's headers and body, or the text itself.

    `as_email=None` decides from the content: a file that opens with mail headers is read as
    an e-mail. Either way, a file that is not text (a picture, an archive, random bytes named
    `.eml`) is refused by name.
    """
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput(
            f"{name} is {len(data):,} bytes, too large to be a posting or a message "
            f"(the limit is {MAX_FILE_BYTES:,})."
        )
    if as_email is None:
        as_email = looks_like_email(data)
    if as_email:
        return text_from_email(data, name=name, instead=instead)
    return decode_text(data, name=name, instead=instead)


def text_from_email(data: bytes, *, name: str, instead: str = PASTE) -> str:
    """The sender, subject and body of a saved e-mail (.eml), as text.

    The sender stays in: where a message comes from is part of what gives a scam away. A plain
    text body is preferred; an HTML-only body is reduced to its text. Bytes that are not text
    are refused as they are for any other file; a message saved as UTF-16 is read.
    """
    if data.startswith(_UTF16_BOMS):
        data = decode_text(data, name=name, instead=instead).encode("utf-8")
    if looks_binary(data):
        raise _not_text(name, instead)
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    lines = []
    for header in ("From", "Reply-To", "Subject"):
        value = _header(message, header)
        if value and not (header == "Reply-To" and value == _header(message, "From")):
            lines.append(f"{header}: {value}")
    part = message.get_body(preferencelist=("plain", "html"))
    body = ""
    if isinstance(part, EmailMessage):
        try:
            content = part.get_content()
        except (LookupError, ValueError):
            content = part.get_payload(decode=True) or b""
        if isinstance(content, bytes):
            content = content.decode("utf-8", errors="replace")
        body = html_to_text(content) if part.get_content_subtype() == "html" else str(content)
    if not lines and not body.strip():
        raise InvalidInput(
            f"{name} holds no message text: it is not a saved e-mail, or its body is only "
            "attachments. Open it in your mail program and paste the text instead."
        )
    head = "\n".join(lines)
    return f"{head}\n\n{body.strip()}".strip() + "\n"


def _header(message: EmailMessage, name: str) -> str:
    try:
        value = message.get(name)
    except (ValueError, IndexError):
        return ""
    return " ".join(str(value).split()) if value else ""


_BLOCKS = frozenset(
    {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol"}
    | {"blockquote", "pre", "section", "article", "header", "footer", "hr", "dd", "dt"}
)


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head", "title"):
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head", "title"):
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The readable text of an HTML body: tags, scripts and styles dropped, one block a line."""
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


# Highlighting --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """A stretch of the text to highlight: why (`label`) and how serious (`severity`)."""

    start: int
    end: int
    label: str
    severity: Severity = Severity.MEDIUM


def marks_for(report: Report) -> list[Mark]:
    """One mark per piece of evidence in the report's findings."""
    return [
        Mark(item.start, item.end, finding.title, finding.severity)
        for finding in report.findings
        for item in finding.evidence
    ]


def highlight(text: str, marks: Iterable[Mark]) -> Markup:
    """The text as HTML with each marked stretch in a `<mark>`; everything else is escaped.

    Overlapping or touching marks become one `<mark>` that carries every reason and the worst
    severity, so no stretch is highlighted twice:

    >>> str(highlight("a <b> c", [Mark(2, 5, "tag")]))
    'a <mark class="sev-medium" title="tag">&lt;b&gt;</mark> c'
    """
    merged = _merge(text, marks)
    out: list[str] = []
    pos = 0
    for start, end, labels, severity in merged:
        out.append(str(escape(text[pos:start])))
        title = escape("; ".join(labels))
        out.append(f'<mark class="sev-{severity.value}" title="{title}">')
        out.append(str(escape(text[start:end])))
        out.append("</mark>")
        pos = end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def _merge(text: str, marks: Iterable[Mark]) -> list[tuple[int, int, list[str], Severity]]:
    spans: list[tuple[int, int, list[str], Severity]] = []
    size = len(text)
    for mark in sorted(marks, key=lambda m: (m.start, m.end)):
        start, end = max(0, mark.start), min(size, mark.end)
        if end <= start:
            continue
        if spans and start <= spans[-1][1]:
            last_start, last_end, labels, severity = spans[-1]
            if mark.label not in labels:
                labels.append(mark.label)
            worst = mark.severity if mark.severity.rank > severity.rank else severity
            spans[-1] = (last_start, max(last_end, end), labels, worst)
        else:
            spans.append((start, end, [mark.label], mark.severity))
    return spans


def severity_words(severity: Severity) -> str:
    """How a severity reads to a person."""
    return _SEVERITY_WORDS[severity]


_SEVERITY_WORDS = {
    Severity.CRITICAL: "Critical",
    Severity.HIGH: "High",
    Severity.MEDIUM: "Medium",
    Severity.LOW: "Low",
    Severity.INFO: "Good to know",
}
