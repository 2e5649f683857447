"""Pure clean-ups shared by the formats: names, organization names, contact details (dates:
`importers/dates.py`)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from goodword.people import normalize

_PRONOUNS = re.compile(
    r"\(?\s*\b(she|he|they|ze|xe|zie|ey|fae|it)\s*/\s*(her|him|them|hir|xem|zir|em|faer|its|"
    r"hers|his|theirs|she|he|they)(\s*/\s*\w+)?\b\s*\)?",
    re.IGNORECASE,
)
_ANY_PRONOUNS = re.compile(r"\(\s*(?:any|all)\s+pronouns\s*\)", re.IGNORECASE)
_PAREN = re.compile(r"\(([^()]*)\)")
# A birth name in brackets after the family name: "Schmidt (née Müller)".
_BORN = re.compile(r"(?:née|nee|né)\s+\S", re.IGNORECASE)
_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]+)[\"“”«»]")
# Post-nominal letters seen on LinkedIn, without their dots ("Ph.D." is "phd"); anything
# shaped like one after a comma too (`_is_credential`).
_CREDENTIALS = {
    "mba", "msc", "ms", "ma", "mphil", "phd", "dphil", "md", "jd", "llm", "bsc", "bs", "ba",
    "beng", "meng", "cpa", "cfa", "pmp", "pe", "rn", "np", "pa", "esq", "mpa", "mph", "edd",
    "shrm-cp", "shrm-scp", "sphr", "phr", "cissp", "csm", "cspo", "acca", "aca", "fca", "cma",
    "frm", "caia", "cfp", "dds", "dvm", "psyd", "lcsw", "mfa", "bfa", "ceng", "pgce", "itil",
    "mcse", "ccna", "faicp", "aicp", "med", "peng", "aphr", "bsn", "msn", "msw", "lpc",
    "cisa", "cism", "crisc", "cgeit", "ccsp", "oscp", "gsec", "ceh", "ccnp", "ccie", "cfe",
    "cpcu", "chfc", "lmft", "lcpc", "pharmd", "dnp", "fnp", "aprn", "crna", "gphr", "cpsm",
    "cscp", "cpim", "cipp", "cams",
    "jr", "sr", "ii", "iii", "iv",
}  # fmt: skip
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
# Names without these characters need no more than trimming (the common case, done fast).
_SPECIAL = re.compile(r"[,()\"“”«»/]")
_LOOKS_LIKE_CREDENTIAL = re.compile(r"^[A-Z][A-Za-z]{0,2}(?:[A-Z][A-Za-z]?){1,4}$")
# Courtesy titles, which a given name may begin with ("Dr. Jane" in LinkedIn's First Name).
HONORIFICS = {
    "dr", "dra", "mr", "mrs", "ms", "miss", "mx", "prof", "sir", "dame", "rev", "fr",
}  # fmt: skip
# What spreadsheets, address books and CRMs write in a name cell left empty ("N/A", "(no
# name)"); the second set only when no other part of the name is a name ("Null" and "None"
# are family names too: Jennifer Null). A name of punctuation alone ("-", "?", ".") is none
# either. Not "Na" or "Nil" (real names), nor one letter (an initial, as in "Ravi S.").
_PLACEHOLDERS = {"n/a", "tbd", "no name", "(no name)"}
_PLACEHOLDERS_ALONE = {"unknown", "anonymous", "none", "null"}
_PLACEHOLDER_WORDS = {p for p in _PLACEHOLDERS | _PLACEHOLDERS_ALONE if p.isalpha()}
# What people write after their name on LinkedIn: a headline or a call for work after a
# bar, a spaced bullet or a hashtag ("Jane Doe | Product Leader", "Jo Park #OpenToWork");
# after a spaced dash or an emoji, or in brackets, only when it has a headline's words
# ("Sam Lee - Hiring!", "(Open to Work)"): "Marie - Claire" and "Lloyd - Van Damme" are
# names. (The marks are found without the spaces around them, so a long run of spaces
# costs no more than its length; the bars are | and its full-width form, the dashes a
# hyphen, an en dash and an em dash.)
HEADLINE = "Written with the name: "
_HEADLINE_MARK = re.compile(
    r"[|\uff5c]|(?<=\s)(?:\u2022|#(?=[^\W\d_]))|(?<=\s)(?P<dash>[-\u2013\u2014])(?=\s)"
)
_HEADLINE_WORDS = re.compile(
    r"\b(?:hiring|we'?re\s+hiring|open\s*to\s*work|opentowork|looking\s+for|seeking|"
    r"available|recruit(?:er|ers|ing|ment)?|talent|co-?founder|founder|ceo|cto|cfo|coo|"
    r"consult(?:ant|ing)|coach(?:ing)?|speaker|author|engineer(?:ing)?|manager|"
    r"management|developer|designer|design|freelance(?:r)?|helping|advisor|adviser|"
    r"director|investor|student|entrepreneur|strategist|analyst|marketing|sales|product|"
    r"leader|leadership)\b",
    re.IGNORECASE,
)


# Marks that join or hide (emoji joiners and variation selectors, the keycap, and the
# invisible ones a copied name brings along).
_INVISIBLE = frozenset("\u200d\ufe0f\ufe0e\u20e3\u200b\u2060\ufeff\u00ad")


def strip_symbols(text: str) -> str:
    """Drop emoji, flags and other pictographs, and invisible marks pasted in with a name (a
    zero-width space, a word joiner, a byte-order mark, a soft hyphen); keep letters of
    every script (and the zero-width non-joiner Persian and Indic names need).

    >>> strip_symbols("Ødegård\u200b 🚀")
    'Ødegård'
    """
    if text.isascii():
        return " ".join(text.split())
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category in ("So", "Sk", "Cs", "Co", "Cn") or char in _INVISIBLE:
            continue
        kept.append(char)
    return " ".join("".join(kept).split())


_ONE_WORD = re.compile(r"\s*[^\W\d_][\w'\-]*\s*")


def clean_whole_name(name: str, notes: list[str], *, headlines: bool = True) -> str:
    """A whole name ("Sam Lee (she/her)", "Priya Nayak, MSc, MBA") cleaned as `clean_name`
    cleans its parts; what it moves out is added to `notes` (once). It is read as a family
    name is, so credentials at its end without a comma ("… O'Neil-Smith PhD") go too. A
    placeholder ("N/A", "-") is no name: ""."""
    if _placeholder(name):
        return ""
    family, comma, given = name.partition(",")
    if (
        comma
        and _ONE_WORD.fullmatch(family)
        and _ONE_WORD.fullmatch(given)
        and _credential_key(given.strip()) not in _CREDENTIALS
        and (not (given.isupper() and not family.isupper()) or _name_like(given.strip()))
    ):
        # "Lee, Ann", "WEISS, HANNAH", "Smith, JOHN": a family name then a given name
        # ("Diaz, LMFT" and "Lee, PhD", letters Goodword knows as credentials, or capitals
        # without a vowel after a name that is not, are read as below).
        return f"{family.strip()}, {given.strip()}"
    _given, cleaned, moved = clean_name("", name, headlines=headlines)
    notes.extend(note for note in moved if note not in notes)
    return cleaned or name


def _name_like(word: str) -> bool:
    """Whether a word in capitals reads as a name rather than letters after one: it has a
    vowel ("JOHN", "WEI"), or letters beyond ASCII ("ИВАН"); "LMFT" and "LCSW" have none.

    >>> [_name_like(w) for w in ("JOHN", "ANN", "LMFT", "ИВАН")]
    [True, True, False, True]
    """
    return not word.isascii() or any(c in "AEIOUY" for c in word.upper())


def split_names(text: str) -> list[str]:
    """The names in a list of names separated by commas (a LinkedIn message's To): a
    credential or generational suffix after a comma stays with the name before it, and two
    single words are one name written family name first.

    >>> split_names("Ravi Shankar, PhD, Jo Park")
    ['Ravi Shankar, PhD', 'Jo Park']
    >>> split_names("Müller, José")
    ['Müller, José']
    """
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if len(parts) == 2 and all(" " not in part for part in parts):
        return [", ".join(parts)]
    names: list[str] = []
    for part in parts:
        if names and (part.strip(".").lower() in _SUFFIXES or _is_credential(part)):
            names[-1] += ", " + part
        else:
            names.append(part)
    return names


# What the report says of a value `lossy_copy` tells apart.
LOSSY = "its '?' are letters lost when the file was saved in an older character set"


def lossy_copy(text: str, of: str | None) -> bool:
    """Whether `text` is `of` saved in a character set that lacks some of its letters (a
    spreadsheet's "CSV" saves Windows-1252 or ASCII): each letter it could not hold is
    "?" and nothing else differs. Then it is no change: "Krak?w" is "Kraków" re-saved.

    >>> lossy_copy("Krak?w", "Kraków"), lossy_copy("Krakow?", "Kraków"), lossy_copy("?", "?")
    (True, False, False)
    """
    if of is None or len(text) != len(of) or text == of or "?" not in text:
        return False
    return all(a == b or (a == "?" and not b.isascii()) for a, b in zip(text, of, strict=True))


def lossy_part(text: str, within: str) -> bool:
    """Whether `text` is a `lossy_copy` of some part of `within` (a note among the notes)."""
    if "?" not in text or within.isascii() or len(text) > len(within):
        return False
    pattern = "".join("(?:\\?|[^\\x00-\\x7f])" if c == "?" else re.escape(c) for c in text)
    return re.search(pattern, within) is not None


def split_suffix(suffix: str) -> tuple[str, str]:
    """A name suffix as (generational, credentials): "Jr., PhD" is ("Jr.", "PhD"). The first
    is part of the name; the second goes to the notes as `clean_name` moves credentials."""
    generational: list[str] = []
    credentials: list[str] = []
    for part in (p.strip() for p in suffix.split(",")):
        if part:
            (generational if part.strip(".").lower() in _SUFFIXES else credentials).append(part)
    return " ".join(generational), ", ".join(credentials)


def honorific_name(prefix: str, given: str, family: str, suffix: str = "") -> str | None:
    """The whole name with its honorific prefix and generational suffix ("Dr. Chidi Okafor
    Jr."), which Goodword has no fields of their own for: the given and family names stay
    without them, so the person is still found by them. None when there is neither (the
    name is then its given and family names) or no name to put them on."""
    prefix, suffix = strip_symbols(prefix), strip_symbols(suffix)
    if not (prefix or suffix) or not (given or family):
        return None
    return " ".join(part for part in (prefix, given, family, suffix) if part)


def clean_name(given: str, family: str, *, headlines: bool = True) -> tuple[str, str, list[str]]:
    """Return (given, family, notes): credentials, pronouns, nicknames, a headline after the
    name (`_HEADLINE_MARK`; not without `headlines`) and a courtesy title before the given
    name moved to notes; a placeholder ("N/A", "Unknown", "-") is no name.

    >>> clean_name("Priya", "Nayak, MSc, MBA")
    ('Priya', 'Nayak', ['Credentials: MSc, MBA'])
    >>> clean_name("Dr. Pat", "Lee, Ph.D.")
    ('Pat', 'Lee', ['Name prefix: Dr.', 'Credentials: Ph.D.'])
    >>> clean_name("N/A", "N/A")
    ('', '', [])
    """
    notes: list[str] = []
    # Single words of letters only: nothing to strip or move (a credential needs a space).
    if (
        given.isalpha()
        and family.isalpha()
        and given.casefold() not in _PLACEHOLDER_WORDS
        and family.casefold() not in _PLACEHOLDER_WORDS
    ):
        return given, family, notes
    if headlines:
        taken: list[str] = []
        given, family = _take_headline(given, taken), _take_headline(family, taken)
        if taken:
            notes.append(HEADLINE + "; ".join(taken))
    given, family = strip_symbols(given), strip_symbols(family)
    gone = _placeholder(given, family), _placeholder(family, given)
    given, family = ("" if gone[0] else given), ("" if gone[1] else family)
    words = given.split()
    titles = []
    while len(words) > 1 and words[0].strip(".").lower() in HONORIFICS:
        titles.append(words.pop(0))
    if titles:
        # "Dr. Jane" in a First Name column: the title is kept, but not as her given name.
        notes.append("Name prefix: " + " ".join(titles))
        given = " ".join(words)
    if not _SPECIAL.search(given) and not _SPECIAL.search(family):
        last = _credential_key(family.rsplit(" ", 1)[-1])
        if " " not in family or last not in _CREDENTIALS:
            return given, family, notes
    pronouns: list[str] = []

    def take_pronouns(text: str) -> str:
        if found := _PRONOUNS.search(text):
            pronouns.append(found.group(0).strip(" ()").replace(" ", ""))
        elif found := _ANY_PRONOUNS.search(text):
            pronouns.append(" ".join(found.group(0).strip(" ()").split()))  # "any pronouns"
        else:
            return text
        return " ".join((text[: found.start()] + " " + text[found.end() :]).split())

    given, family = take_pronouns(given), take_pronouns(family)
    if pronouns:
        notes.append(f"Pronouns: {pronouns[0]}")
    credentials: list[str] = []
    given, family = _take_credentials(given, credentials), _take_credentials(family, credentials)
    if credentials:
        notes.append("Credentials: " + ", ".join(credentials))
    nicknames: list[str] = []
    for pattern in (_PAREN, _QUOTED):
        for text_name in ("given", "family"):
            text = given if text_name == "given" else family
            for found in pattern.findall(text):
                if _BORN.match(found.strip()):
                    notes.append(found.strip()[0].upper() + found.strip()[1:])  # "Née Müller"
                elif headlines and _HEADLINE_WORDS.search(found):
                    notes.append(HEADLINE + found.strip())  # "(Open to work)"
                elif found.strip():
                    nicknames.append(found.strip())
            text = " ".join(pattern.sub(" ", text).split())
            if text_name == "given":
                given = text
            else:
                family = text
    if nicknames:
        notes.append("Goes by " + ", ".join(nicknames))
    return given.strip(" ,"), family.strip(" ,"), notes


def name_as_keyed(given: str, family: str, notes: list[str]) -> str | None:
    """The name `clean_name(given, family)` gives with its headline left in, when it took one
    out (`IncomingPerson.keyed_name`); else None."""
    if not any(note.startswith(HEADLINE) for note in notes):
        return None
    kept_given, kept_family, _notes = clean_name(given, family, headlines=False)
    return " ".join(part for part in (kept_given, kept_family) if part) or None


def _take_headline(text: str, headlines: list[str]) -> str:
    """The name in `text` without what follows it that is no name (`_HEADLINE_MARK`), which
    is added to `headlines`.

    >>> found = []
    >>> _take_headline("Doe | Product Leader", found), _take_headline("Marie - Claire", found)
    ('Doe', 'Marie - Claire')
    >>> _take_headline("Lee 🚀 Helping founders scale", found), found
    ('Lee', ['Product Leader', 'Helping founders scale'])
    """
    cut = _headline_start(text)
    if cut is None:
        return text
    start, end, judged = cut
    name, rest = text[:start].rstrip(), text[end:].strip()
    if not any(char.isalpha() for char in name):
        return text  # nothing before it is a name
    if judged and not _HEADLINE_WORDS.search(rest):
        return text
    rest = " ".join(strip_symbols(rest).split())
    if not rest:
        return text  # a mark with nothing after it ("Doe |"): left as it is
    headlines.append(rest)
    return name.rstrip(" ,")


def _headline_start(text: str) -> tuple[int, int, bool] | None:
    """Where the first mark of a headline in `text` begins and where what follows it starts,
    and whether that is a headline only when it has a headline's words (after a spaced dash
    or an emoji); None when there is no mark."""
    found = _HEADLINE_MARK.search(text)
    end = found.start() if found else len(text)
    if not text.isascii():
        for index in range(end):
            if unicodedata.category(text[index]) == "So" and not text[index + 1 :].isspace():
                return index, index + 1, True
    if found is None:
        return None
    return found.start(), found.end(), found.group("dash") is not None


def _take_credentials(text: str, credentials: list[str]) -> str:
    parts = [p.strip() for p in text.split(",")]
    kept = [parts[0]]
    # A name in capitals ("WEISS, HANNAH", as rosters write it) has every word shaped like
    # letters after a name: only the letters known to be such are taken.
    shouted = text.isupper()
    for part in parts[1:]:
        if part.strip(".").lower() in _SUFFIXES:
            # "Okafor, Jr.": a generational suffix is part of the name, not a credential.
            kept[0] = f"{kept[0]} {part}".strip()
        elif _is_credential(part, known_only=shouted):
            credentials.append(part)
        elif part:
            kept.append(part)
    words = kept[0].split()
    # Without a comma, a last word is a credential only when written as one ("PhD", "MBA",
    # "RN"): "Ma" and "Ba" are family names.
    while (
        len(words) > 1
        and _credential_key(words[-1]) in _CREDENTIALS - _SUFFIXES
        and sum(char.isupper() for char in words[-1]) >= 2
    ):
        credentials.insert(0, words.pop())
    kept[0] = " ".join(words)
    return ", ".join(k for k in kept if k)


def _credential_key(word: str) -> str:
    """A word as `_CREDENTIALS` holds it: "Ph.D." is "phd"."""
    return word.replace(".", "").lower()


def _is_credential(part: str, *, known_only: bool = False) -> bool:
    """Whether a part of a name after a comma is post-nominal letters: "PhD", "Ph.D.",
    "M.Ed.", "SHRM-CP", "CCC-SLP"; not a name ("Smith-Jones", "O'Neil", "Ma") or initials
    ("J.R."). With `known_only`, only the letters `_CREDENTIALS` holds."""
    key = _credential_key(part)
    if not key:
        return False
    if key in _CREDENTIALS - _SUFFIXES:
        return True
    if known_only or all(len(piece) < 2 for piece in part.split(".")):
        return False  # "J.R.": initials, not letters after a name
    return all(_LOOKS_LIKE_CREDENTIAL.match(piece) for piece in part.replace(".", "").split("-"))


def _placeholder(text: str, beside: str = "") -> bool:
    """Whether a name cell says only that there is no name: "N/A", "TBD", "-", "?"; or
    "Unknown", "None" and the like when the other part of the name (`beside`) is none."""
    folded = text.strip().casefold()
    if not folded:
        return False
    if folded in _PLACEHOLDERS or not any(c.isalnum() for c in folded):
        return True
    return folded in _PLACEHOLDERS_ALONE and (not beside.strip() or _placeholder(beside))


@lru_cache(maxsize=100_000)
def clean_organization(name: str) -> str:
    """Tidy an organization's name for display: trim spaces and symbols, keep its spelling."""
    return strip_symbols(name).strip(" ,")


# A number a spreadsheet showed as a power of ten and saved so ("4,91701E+11" for
# +49 170 1234567): the digits after the sixth are gone.
_ROUNDED_NUMBER = re.compile(r"[+-]?[0-9](?:[.,][0-9]+)?E\+?[0-9]{1,2}", re.IGNORECASE)


def rounded_by_spreadsheet(text: str) -> bool:
    """Whether a phone number is one a spreadsheet rounded ("4,91701E+11", "1.41555E+10").

    >>> [rounded_by_spreadsheet(t) for t in ("4,91701E+11", "4.91701e11", "+49 170 1234567")]
    [True, True, False]
    """
    return bool(_ROUNDED_NUMBER.fullmatch(text.strip()))


def rounded_from(text: str, number: str) -> bool:
    """Whether a spreadsheet's rounding of a number (`text`, "4.86012E+10") is what it makes
    of a stored one (`number`, "+48601234567"): the same count of digits, and the digits
    rounded to as many as the rounding kept.

    >>> rounded_from("4.86012E+10", "+48601234567"), rounded_from("4,86012E+10", "+48601299999")
    (True, False)
    >>> rounded_from("4.86013E+10", "+48601250000")
    True
    """
    found = re.fullmatch(r"[+]?([0-9])(?:[.,]([0-9]+))?E\+?([0-9]{1,2})", text.strip(), re.I)
    digits = number.split(";", 1)[0].lstrip("+")
    if found is None or not digits.isdigit() or len(digits) != int(found[3]) + 1:
        return False
    kept = found[1] + (found[2] or "")
    cut = len(digits) - len(kept)
    if cut < 0:
        return False
    # Rounded half up, as a spreadsheet rounds (4.860125E+10 shows as 4.86013E+10).
    whole, rest = divmod(int(digits), 10**cut)
    return whole + (2 * rest >= 10**cut) == int(kept)


_EMAIL = re.compile(r"[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+")


def looks_like_email(text: str) -> bool:
    return bool(_EMAIL.fullmatch(text))


_LINKEDIN_PROFILE = re.compile(
    r"^(?:https?://)?(?:[a-z]{2,3}\.|www\.)?linkedin\.com/(?:mwlite/)?(in|pub)/([^?#\s]+?)/?"
    r"(?:[?#].*)?$",
    re.IGNORECASE,
)
_PROFILE_PREFIX = "https://www.linkedin.com/in/"


def profile_url(raw: str) -> tuple[str, str]:
    """`people.normalize.profile_url`, with fast paths for LinkedIn profile links (one
    address per profile: `people.normalize.linkedin_profile`)."""
    text = raw.strip()
    # The link as LinkedIn writes it, its id ASCII letters, digits and hyphens: no regex.
    if text.startswith(_PROFILE_PREFIX):
        profile_id = text[len(_PROFILE_PREFIX) :]
        if profile_id.isascii() and profile_id.replace("-", "").isalnum():
            return _PROFILE_PREFIX + profile_id.lower(), "linkedin"
    found = _LINKEDIN_PROFILE.match(text)
    if found:
        return normalize.linkedin_profile(found[1], found[2]), "linkedin"
    return normalize.profile_url(raw)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(text: str) -> str:
    """Text a spreadsheet will not run as a formula, for a CSV cell: names come from other
    people's profiles, and "=HYPERLINK(…)" is a name anyone can give themselves. A leading
    apostrophe marks it, and marks text whose own apostrophes come before such a character
    ("'=Kim" is written "''=Kim"), so `revived` gives back exactly the text.

    >>> [inert(t) for t in ("=Kim", "'=Kim", "'t Hooft")]
    ["'=Kim", "''=Kim", "'t Hooft"]
    """
    return "'" + text if text.lstrip("'").startswith(_FORMULA_START) else text


def revived(text: str) -> str:
    """A cell `inert` marked, as it was ("'t Hooft" and other apostrophes stay).

    >>> [revived(t) for t in ("'=Kim", "''=Kim", "'t Hooft")]
    ['=Kim', "'=Kim", "'t Hooft"]
    """
    marked = text.startswith("'") and text[1:].lstrip("'").startswith(_FORMULA_START)
    return text[1:] if marked else text


def keep_in_touch_days(value: object) -> int | None:
    """How often to keep in touch, in whole days from 0 (no reminders) to 3650 as the person
    form takes it, from a file's text or a JSON number; None when it is no such number.

    >>> [keep_in_touch_days(v) for v in ("14", 0, " 30 ", "²", "often", True, 4000)]
    [14, 0, 30, None, None, None, None]
    """
    if isinstance(value, str):
        text = value.strip()
        value = int(text) if text.isascii() and text.isdigit() else None
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 0 <= value <= 3650 else None
