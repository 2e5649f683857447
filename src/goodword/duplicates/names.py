"""Names as matching reads them: folded (case, accents and punctuation set aside), with
the letters an older character set lost kept as "?", common nicknames, the sound of a
family name, and generational suffixes ("Jr.", "Sr."). Pure functions and tables; the
matcher (`duplicates.matching`) and the importers use them."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import lru_cache

import jellyfish

_ASCII_SPACE = re.compile(r"[\s\-/,.]+")
_ASCII_DROP = re.compile(r"[^a-z0-9 ]+")

# Generational suffixes as a folded name ends with them ("smith jr"), each as one word for its
# generation ("2nd" is "ii"); two records with different ones are two people (a father and
# son often share a home phone and e-mail address), however alike the rest.
GENERATIONS = {
    "jr": "jr", "sr": "sr", "i": "i", "ii": "ii", "iii": "iii", "iv": "iv",
    "2nd": "ii", "3rd": "iii", "4th": "iv",
}  # fmt: skip
GENERATION_ENDS = tuple(" " + word for word in GENERATIONS)
GENERATION_SHOWN = {"jr": "Jr.", "sr": "Sr.", "i": "I", "ii": "II", "iii": "III", "iv": "IV"}
# What `fold_name` puts for a "?" while `fold` runs: a letter no name folds to.
_LOST = "\u0294"

_FOLD = str.maketrans(
    {"\u0131": "i", "ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"}
)

# Common nicknames, both ways (English, and a few of other languages); enough to see "Bob
# Smith" and "Robert Smith" as close.
_NICKNAMES = {
    "robert": {"bob", "rob", "bobby", "robbie"},
    "william": {"bill", "will", "billy", "liam"},
    "richard": {"rick", "dick", "rich", "richie"},
    "elizabeth": {"liz", "beth", "lizzie", "eliza", "betty"},
    "margaret": {"maggie", "meg", "peggy"},
    "katherine": {"kate", "kathy", "katie", "kat"},
    "catherine": {"cathy", "kate", "cat"},
    "james": {"jim", "jimmy", "jamie"},
    "john": {"jack", "johnny"},
    "michael": {"mike", "mikey", "mick"},
    "jennifer": {"jen", "jenny"},
    "christopher": {"chris", "kit"},
    "christine": {"chris", "chrissy", "tina"},
    "alexander": {"alex", "sasha", "xander"},
    "alexandra": {"alex", "sasha", "lexi"},
    "daniel": {"dan", "danny"},
    "david": {"dave", "davy"},
    "edward": {"ed", "eddie", "ted", "ned"},
    "thomas": {"tom", "tommy"},
    "joseph": {"joe", "joey"},
    "samuel": {"sam", "sammy"},
    "samantha": {"sam", "sammy"},
    "benjamin": {"ben", "benny"},
    "nicholas": {"nick", "nicky"},
    "anthony": {"tony"},
    "matthew": {"matt"},
    "andrew": {"andy", "drew"},
    "patricia": {"pat", "patty", "trish"},
    "patrick": {"pat", "paddy"},
    "susan": {"sue", "susie"},
    "deborah": {"deb", "debbie"},
    "rebecca": {"becky", "becca"},
    "victoria": {"vicky", "tori"},
    "jonathan": {"jon", "jonny"},
    "steven": {"steve"},
    "stephen": {"steve"},
    "timothy": {"tim", "timmy"},
    "gregory": {"greg"},
    "charles": {"charlie", "chuck"},
    "frederick": {"fred", "freddie"},
    "theodore": {"theo", "ted"},
    "abigail": {"abby"},
    "jessica": {"jess", "jessie"},
    "zachary": {"zach", "zack"},
    # Short forms that are the start of the name: without them here, such a pair would be
    # taken for two names with another ending (see `_other_ending`) and only suggested.
    "jeffrey": {"jeff"},
    "geoffrey": {"geoff"},
    "philip": {"phil"},
    "phillip": {"phil"},
    "stephanie": {"steph"},
    "maximilian": {"max"},
    "nathaniel": {"nate", "nat"},
    "nathan": {"nate"},
    "kenneth": {"ken", "kenny"},
    "ronald": {"ron"},
    "donald": {"don"},
    "douglas": {"doug"},
    "gabriel": {"gabe"},
    "vincent": {"vince"},
    "leonard": {"len", "leo"},
    # Two spellings of one name.
    "sarah": {"sara"},
    "anna": {"ana"},
    # Other languages' whole names with the short forms their speakers go by at work abroad
    # ("Tom Kowalski" on one card, "Tomasz Kowalski" on the other), written folded.
    "tomasz": {"tom", "tomek"},
    "tomas": {"tom"},
    "krzysztof": {"chris", "krzys"},
    "wojciech": {"wojtek"},
    "katarzyna": {"kasia", "kate"},
    "malgorzata": {"gosia"},
    "aleksander": {"alex", "olek"},
    "aleksandra": {"alex", "ola"},
    "aleksandr": {"alex", "sasha"},
    "ekaterina": {"katya", "kate"},
    "mikhail": {"misha"},
    "dmitry": {"dima"},
    "francesca": {"fran"},
    "francisco": {"paco", "fran"},
    "giuseppe": {"beppe"},
    "alejandro": {"alex"},
}
# Every name of a group, whatever way round: what blocks look under ("Chris" with Tina,
# both Christine's), so no likely pair is missed.
NICK_GROUPS: dict[str, set[str]] = defaultdict(set)
# A name and its own short or whole forms ("Chris": Christopher and Christine, not Tina):
# what counts as the same given name. Two short forms of one name are less: Chris and Tina
# Pena are likelier sisters than one Christine.
NICK_FORMS: dict[str, set[str]] = defaultdict(set)
for _full, _short in _NICKNAMES.items():
    for _name in {_full, *_short}:
        NICK_GROUPS[_name] |= {_full, *_short}
    NICK_FORMS[_full] |= _short
    for _name in _short:
        NICK_FORMS[_name].add(_full)


@lru_cache(maxsize=200_000)
def soundex(name: str) -> str:
    """The American Soundex code of a folded name ("shankar" and "sankar": "s526"), or ""
    for a name of one letter or none in a-z (a name in another script has no code)."""
    letters = "".join(c for c in name if "a" <= c <= "z")
    return jellyfish.soundex(letters).lower() if len(letters) > 1 else ""


@lru_cache(maxsize=200_000)
def fold(text: str | None) -> str:
    """Lower-case, fold accents, drop punctuation: "Zoë O'Brien" becomes "zoe obrien"."""
    if not text:
        return ""
    if text.isascii():
        spaced = _ASCII_SPACE.sub(" ", text.lower())
        return " ".join(_ASCII_DROP.sub("", spaced).split())
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    kept = []
    for char in decomposed:
        category = unicodedata.category(char)
        if category[0] in "LN":
            kept.append(char)
        elif category[0] == "Z" or char in "-/,.":
            kept.append(" ")
    return " ".join("".join(kept).split())


def fold_name(text: str | None) -> str:
    """`fold` for a name, keeping each "?": a letter lost when the file was saved in an
    older character set ("Zoë ?ukasiewicz" is "zoe ?ukasiewicz"), which names are
    compared as any letter there (`lossy_same`).

    >>> fold_name("Zoë ?ukasiewicz"), fold("Zoë ?ukasiewicz")
    ('zoe ?ukasiewicz', 'zoe ukasiewicz')
    """
    if not text or "?" not in text:
        return fold(text)
    return fold(text.replace("?", _LOST)).replace(_LOST, "?")


@lru_cache(maxsize=4096)
def _lost_letters(name: str) -> re.Pattern[str] | None:
    """The folded names a folded name with "?" may be, as a pattern: each "?" one letter an
    older character set lacked, folded to up to two ("ß" is "ss"), or none (a curly
    apostrophe, which folding drops). None when too few letters are left to tell ("??")."""
    lost = name.count("?")
    kept = len(name) - lost - name.count(" ")
    if kept < 2 or kept <= lost:
        return None
    return re.compile("[^ ]{0,2}".join(map(re.escape, name.split("?"))))


def lossy_same(a: str, b: str) -> bool:
    """Whether two folded names differ only where one of them has "?" (`fold_name`).

    >>> lossy_same("?ukasiewicz", "lukasiewicz"), lossy_same("??", "li")
    (True, False)
    """
    for lossy, other in ((a, b), (b, a)):
        if "?" in lossy:
            pattern = _lost_letters(lossy)
            if pattern is not None and pattern.fullmatch(other):
                return True
    return False
