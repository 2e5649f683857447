"""Message text as plain text: LinkedIn keeps InMail and some messages as HTML
("<p>Hello Kim,</p><p>We have a role.</p>"), which is stored and shown as written words."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_ATTRIBUTE = r"""[A-Za-z_:][-\w:.]*\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+)"""


def _tags(names: str) -> re.Pattern[str]:
    """Real tags of these names: opened ("<b>", "<br/>", "<a href='...'>") or closed ("</b>");
    every attribute is name=value, so "<b and b>" is none."""
    return re.compile(rf"<(?:{names})(?:\s+{_ATTRIBUTE})*\s*/?>|</(?:{names})\s*>", re.IGNORECASE)


# Only text holding a real tag of these is read as HTML: "a <3 b", "x<y" and "if a<b and
# b>c" stay as written.
_TAG = _tags(
    r"p|br|div|span|a|b|i|u|em|strong|ul|ol|li|h[1-6]|blockquote|table|tr|td|th|font|img|hr|"
    r"pre|code|small|sup|sub|script|style"
)
# Tags that lay out lines and paragraphs: text with one of them is laid out by its tags
# alone (its own line breaks are HTML's spaces); text without keeps its own lines.
_LAYOUT = _tags(r"p|br|div|ul|ol|li|h[1-6]|blockquote|table|tr|pre|hr")
# Elements whose content is no text to read.
_HIDDEN = frozenset({"script", "style"})
# An entity written in full ("&amp;", "&#39;", "&#x2019;"); "AT&T" and "R&D" are no entities.
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_BLOCKS = frozenset(
    {"p", "div", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table",
     "tr", "pre", "hr"}
)  # fmt: skip
_SPACES = re.compile(r"[ \t\r\f\v\n]+")


class _Text(HTMLParser):
    """Collects the words of an HTML fragment: a block ends a paragraph, <br> a line."""

    def __init__(self, *, keep_lines: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.keep_lines = keep_lines
        self.hidden = 0
        self.parts: list[str] = []
        self.link: str | None = None
        self.link_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.link = href if href.startswith(("http://", "https://")) else None
            self.link_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
        elif tag == "a" and self.link:
            # Keep where a link went (a job posting, say) unless its words already say it.
            if self.link not in "".join(self.link_text):
                self.parts.append(f" ({self.link})")
            self.link = None

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.keep_lines:
            text = "\n".join(_SPACES.sub(" ", line) for line in data.split("\n"))
        else:
            text = _SPACES.sub(" ", data)
        self.parts.append(text)
        if self.link:
            self.link_text.append(text)

    def text(self) -> str:
        lines = "".join(self.parts).split("\n")
        joined = "\n".join(line.strip() for line in lines)
        return re.sub(r"\n{3,}", "\n\n", joined).strip()


def plain_text(text: str) -> str:
    """The text with its HTML tags read as paragraphs and lines and its entities unescaped.

    >>> plain_text("<p>Hello Kim,</p><p>We have a role &amp; a team.</p>")
    'Hello Kim,\\n\\nWe have a role & a team.'
    >>> plain_text("A <b>bold</b> word\\nand a new line")
    'A bold word\\nand a new line'
    """
    if _TAG.search(text):
        parser = _Text(keep_lines=not _LAYOUT.search(text))
        parser.feed(text)
        parser.close()
        return parser.text()
    if "&" in text:
        return _ENTITY.sub(lambda found: html.unescape(found[0]), text)
    return text
