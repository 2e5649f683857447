"""What one property of a vCard says, in the words a person's record keeps: its label
(TYPE, a group's X-ABLabel, Android's own; a fax's and an address's), a date (Apple's
year-less one), GENDER, an agent's name, Android's X-ANDROID-CUSTOM extras, the jobs of
ORG and TITLE, and our own exports' X-GOODWORD-POSITION (`vcard` makes people of them)."""

from __future__ import annotations

import re

from goodword.importers.dates import parse_date, parse_job_date
from goodword.importers.reading import Document
from goodword.importers.records import ImportFileError, IncomingPosition
from goodword.importers.vcard_text import (
    ANDROID_LABEL,
    Decoding,
    Property,
    cards,
    split_escaped,
    text_of,
)

GENERIC_TYPES = {"internet", "pref", "voice", "x400", "uri", "text", "x-internet"}


# Apple's built-in labels (written _$!<HomeFAX>!$_), in the words Goodword keeps for each
# kind: small letters, as a phone's or e-mail address's label of that kind is kept
# (`normalize.phone_label`), "iPhone" and "iCloud" as their makers write them.
_APPLE_BUILT_IN = {
    "mobile": "mobile", "iphone": "iPhone", "home": "home", "work": "work", "main": "main",
    "other": "other", "homefax": "home fax", "workfax": "work fax", "otherfax": "other fax",
    "pager": "pager", "homepage": "homepage", "school": "school", "icloud": "iCloud",
    "applewatch": "Apple Watch",
}  # fmt: skip


def apple_label(label: str) -> str:
    """A group's label (item1.X-ABLabel) in Goodword's words: Apple's built-in ones
    ("_$!<HomeFAX>!$_") as the app writes that kind ("home fax"), any other built-in one
    (a relation's "_$!<Father>!$_") by its name, one of the user's own as written.

    >>> apple_label("_$!<HomePage>!$_"), apple_label("_$!<WorkFAX>!$_"), apple_label("Blog")
    ('homepage', 'work fax', 'Blog')
    """
    if label.startswith("_$!<") and label.endswith(">!$_"):
        inner = label[4:-4]
        return _APPLE_BUILT_IN.get(inner.casefold(), inner)
    return label


def label_of(prop: Property, labels: dict[str, str]) -> str | None:
    """A property's label: its group's (`labels`), Android's own, else its first TYPE that
    is not generic ("pref", "voice")."""
    if prop.group and labels:
        label = labels.get(prop.group.lower())
        if label is not None:
            return label
    if custom := prop.params.get(ANDROID_LABEL):
        return custom[0]
    for value in prop.params.get("TYPE", ()):
        lowered = value.lower()
        if lowered not in GENERIC_TYPES:
            # A label of one's own in vCard 2.1 is an "X-" type (TEL;X-Oficina): its words.
            return value[2:] if lowered.startswith("x-") and len(value) > 2 else lowered
    return None


def group_of(prop: Property) -> str | None:
    """The property's group (item1.ORG's "item1"), lower-cased; None without one."""
    return prop.group.lower() if prop.group else None


# What an address's TYPE may say of it besides whose it is (home, work).
_ADDRESS_USES = {"dom", "intl", "postal", "parcel"}


def address_label(prop: Property, labels: dict[str, str]) -> str | None:
    """An address's label: its group's, else its first TYPE that says whose it is (not
    "postal", what it is for)."""
    label = label_of(prop, labels)
    if label not in _ADDRESS_USES:
        return label
    types = (t.lower() for t in prop.params.get("TYPE", ()))
    return next((t for t in types if t not in GENERIC_TYPES | _ADDRESS_USES), None)


def phone_label(prop: Property, labels: dict[str, str]) -> str | None:
    """A number's label; a fax says so beside where it is ("work fax"), as Goodword's own
    exports label one."""
    label = label_of(prop, labels)
    types = {value.lower() for value in prop.params.get("TYPE", ())}
    if "fax" not in types or (label and "fax" in label.lower()):
        return label
    where = next((t for t in ("work", "home") if t in types), None)
    return f"{where} fax" if where else "fax"


# Android's X-ANDROID-CUSTOM: a kind, then the value, then its type by number.
_ANDROID_RELATIONS = {
    "1": "Assistant", "2": "Brother", "3": "Child", "4": "Domestic partner", "5": "Father",
    "6": "Friend", "7": "Manager", "8": "Mother", "9": "Parent", "10": "Partner",
    "11": "Referred by", "12": "Relative", "13": "Sister", "14": "Spouse",
}  # fmt: skip
_ANDROID_EVENTS = {"1": "Anniversary", "2": "Date", "3": "Birthday"}


def android_note(text: str) -> str | None:
    """An Android contact's extra (X-ANDROID-CUSTOM) as a note: a nickname, a relation
    ("Spouse: Giovanni Rossi") or an event ("Anniversary: 2008-09-20"), its custom label
    when it has one; None for a kind Goodword has no words for."""
    parts = [*split_escaped(text, ";"), "", "", ""]
    kind, value, number, custom = parts[0].strip(), parts[1].strip(), parts[2].strip(), parts[3]
    if not value:
        return None
    if kind.endswith("/nickname"):
        return f"Goes by {value}"
    if kind.endswith("/relation"):
        label = custom.strip() if number == "0" else _ANDROID_RELATIONS.get(number, "")
        return f"{capital(label or 'Related')}: {value}"
    if kind.endswith("/contact_event"):
        label = custom.strip() if number == "0" else _ANDROID_EVENTS.get(number, "")
        return f"{capital(label or 'Date')}: {value}"
    return None


def jobs_of(
    orgs: list[tuple[str | None, str, str | None]], titles: list[tuple[str | None, str]]
) -> tuple[list[IncomingPosition], list[str]]:
    """The card's jobs, each organization with its title, and the titles no organization
    holds. A title in an organization's group (item1.ORG, item1.TITLE) is that job's; the
    others go to the organizations without one, in the order the card gives them."""
    held = {group for group, _org, _dept in orgs if group}
    by_group: dict[str, list[str]] = {}
    for group, title in titles:
        if group in held:
            by_group.setdefault(group, []).append(title)
    loose = [title for group, title in titles if group not in held]
    jobs = []
    for group, org, dept in orgs:
        own = by_group.get(group) if group else None
        its = own.pop(0) if own else (loose.pop(0) if loose else None)
        jobs.append(IncomingPosition(org, its or None, dept or None))
    return jobs, [*loose, *(title for rest in by_group.values() for title in rest)]


def agent_name(
    document: Document, prop: Property, text: str, decoding: Decoding | None
) -> tuple[str, bool]:
    """The name of the person an AGENT property gives (someone who acts for the card's
    person; "" for no name), and whether it came with a card of its own (vCard 2.1's on the
    lines after the property, 3.0's escaped in its value) rather than as a name or a link."""
    card = prop.agent
    value = split_escaped(text, "\x00")[0].strip()
    if card is None and value[:11].upper() == "BEGIN:VCARD":
        try:
            card = next(cards(Document(document.name, value)), None)
        except ImportFileError:
            return "", True
    if card is None:
        return value, False
    names = {
        p.name: split_escaped(text_of(p, decoding=decoding), "\x00")[0]
        for p in card.properties
        if p.name in ("FN", "N")
    }
    if names.get("FN", "").strip():
        return names["FN"].strip(), True
    parts = [*split_escaped(names.get("N", ""), ";"), "", ""]
    return " ".join(filter(None, (parts[1].strip(), parts[0].strip()))), True


def date_of(prop: Property, text: str) -> tuple[str, str]:
    """(The date as the card says it, the date to read): Apple's year-less date
    (X-APPLE-OMIT-YEAR=1604:1604-05-20) is "--05-20", its stand-in year no year at all."""
    said, day = text.strip(), text.split("T")[0].strip()
    omitted = (prop.params.get("X-APPLE-OMIT-YEAR") or [""])[0]
    if omitted and day.startswith(omitted):
        said = day = "--" + day[len(omitted) :].lstrip("-")
    return said, day


def shown_date(said: str, day: str) -> str:
    """A date as a note shows it: vCard 4's basic form ("20100101", "--0412") written as
    ISO writes it ("2010-01-01", "--04-12"); any other text as the card says it."""
    if said != day:
        return said  # a date and time, kept whole
    if re.fullmatch(r"\d{8}", day) and parse_date(day) is not None:
        return f"{day[:4]}-{day[4:6]}-{day[6:]}"
    if re.fullmatch(r"--\d{4}", day):
        return f"--{day[2:4]}-{day[4:]}"
    return said


# vCard 4's GENDER: a sex (one letter), then optionally ";" and the gender identity in words.
_SEXES = {
    "M": "male",
    "F": "female",
    "O": "other",
    "N": "none or not applicable",
    "U": "unknown",
}


def gender_in_words(text: str) -> str:
    """GENDER in words: "F" is "female", "O;intersex" "other (intersex)", ";it's
    complicated" "it's complicated"; a value of another shape as it is."""
    sex, *rest = split_escaped(text, ";")
    sex, identity = sex.strip(), ";".join(rest).strip()
    sex = _SEXES.get(sex.upper(), sex)
    if sex and identity:
        return f"{sex} ({identity})"
    return sex or identity


def chat_handle(text: str) -> str:
    """A chat address as a handle to compare: without its scheme ("xmpp:", "skype:") and
    AIM's query ("aim:goim?screenname=jin" is jin), folded."""
    scheme, colon, rest = text.partition(":")
    handle = rest if colon and "@" not in scheme else text
    return handle.rpartition("screenname=")[2].partition("&")[0].strip().casefold()


def capital(label: str) -> str:
    """A label as a note starts with it: "spouse" is "Spouse", "Coach" stays."""
    return label[:1].upper() + label[1:]


def own_position(text: str) -> IncomingPosition:
    """X-GOODWORD-POSITION:organization;title;department;start;end;current (our exports)."""
    parts = [*split_escaped(text, ";"), "", "", "", "", "", ""]
    start, start_precision = parse_job_date(parts[3])  # ("2020-01": a month, `job_dates`)
    end, end_precision = parse_job_date(parts[4])
    return IncomingPosition(
        organization=parts[0],
        title=parts[1] or None,
        department=parts[2] or None,
        start_date=start,
        end_date=end,
        is_current=parts[5].strip().lower() != "false",
        start_precision=start_precision,
        end_precision=end_precision,
    )
