"""Whether two job titles name one job, as address books and exports write titles their own
way: shortened ("VP Eng"), with words to join them ("Director of Data Science", "Director,
Data Science"), or with words left out ("Analyst" for "Data Analyst"). A pure core, used by
imports (a job held already adds nothing) and merges (two copies of one job are one)."""

from __future__ import annotations

import re

from goodword.duplicates.names import fold

# Grades, where a letter more is another job ("Engineer II" after "Engineer I").
_GRADES = {"i", "ii", "iii", "iv", "v", "vi", "vii"}

# Words of titles written short other than by their beginning ("Eng" is "Engineering"'s).
_SHORT = {
    "mgr": ("manager",), "mngr": ("manager",), "mgmt": ("management",), "mktg": ("marketing",),
    "sr": ("senior",), "snr": ("senior",), "jr": ("junior",), "acct": ("account", "accountant"),
    "acctg": ("accounting",), "asst": ("assistant",), "assoc": ("associate",),
    "engr": ("engineer", "engineering"), "dept": ("department",), "govt": ("government",),
    "intl": ("international",), "natl": ("national",), "sw": ("software",),
    "hw": ("hardware",), "svc": ("service",), "svcs": ("services",), "ops": ("operations",),
    "devt": ("development",), "sls": ("sales",), "cust": ("customer",),
    "admin": ("administrator", "administrative", "administration"),
    "coord": ("coordinator",), "mngmt": ("management",),
}  # fmt: skip

# Words that only join a title's others ("Head of Sales", "Sales and Marketing Lead"). Not
# "to": "Assistant to the Director" is no "Assistant Director".
_JOINING = {"of", "the", "and", "for", "at", "in", "a", "an", "y", "de", "du", "des", "et"}

# Words that make another job of the title they are in: a title without them is not the
# same job said shortly ("President" is not "Vice President", nor "Director" "Managing
# Director", nor "Software Engineer" "Software Engineer Intern").
_ANOTHER_JOB = {
    "vice", "vp", "deputy", "assistant", "asst", "associate", "assoc", "intern", "internship",
    "trainee", "apprentice", "student", "former", "ex", "acting", "interim", "managing",
    "chief", "co", "sub", "under", "executive", "exec", "emeritus", "retired", "volunteer",
    "temporary", "temp", "contract", "contractor", "freelance", "honorary", "board", "to",
}  # fmt: skip


def _words(title: str) -> list[str]:
    return [w for w in fold(title.replace("&", " and ")).split() if w not in _JOINING]


def _head(title: str) -> str:
    """The word a title names the job by: in its first part (before a comma, a dash, a
    bracket, a slash, "&", "and", "at", "in", "for" or "de": "Director, Data Science",
    "President & CEO", "Analyst at Google", "Jefe de Ventas"), the last word, or the one
    before "of" ("Head of Sales" is a head, "Sales Head" too).

    >>> _head("Director, Data Science"), _head("Head of Sales"), _head("Jefe de Ventas")
    ('director', 'head', 'jefe')
    """
    first = _FIRST_PART.split(title, maxsplit=1)[0] or title
    words = fold(first).split() or fold(title).split()
    if "of" in words[1:]:
        return words[words.index("of", 1) - 1]
    return words[-1] if words else ""


# Where a title's first part ends.
_FIRST_PART = re.compile(
    r"\s*[,(/&|]\s*|\s+[-\u2013\u2014]\s+|\s+(?:and|at|in|for|de|du|des)\s+", re.IGNORECASE
)


def same_title(held: str | None, title: str | None) -> bool:
    """Whether two titles are one: the same words, joined otherwise or in another order
    ("Director, Data Science", "Director of Data Science"), or one shortened or written
    out word by word ("VP Eng" and "VP Engineering", "Eng Mgr" and "Engineering Manager").

    >>> same_title("Engineering Manager", "Eng Mgr"), same_title("Mktg Dir", "Marketing Director")
    (True, True)
    >>> same_title("Director of Data Science", "Director, Data Science")
    True
    >>> same_title("Head of Sales & Marketing", "Marketing and Sales Head")
    True
    >>> same_title("Engineer I", "Engineer II"), same_title("CTO", "Coordinator")
    (False, False)
    >>> same_title("Assistant Director", "Assistant to the Director")
    False
    >>> same_title("Account Manager", "Accounting Manager")
    False

    A word in capitals may stand for words of the other title by their initials ("PM" for
    "Product Manager", "Head of HR" for "Head of Human Resources"):

    >>> same_title("PM", "Product Manager"), same_title("CTO", "Chief Technology Officer")
    (True, True)
    >>> same_title("Pm", "Product Manager"), same_title("PM", "Product Marketing Manager")
    (False, False)
    >>> same_title("MD", "Marketing Director"), same_title("MD", "Managing Director")
    (False, True)
    """
    if not (held and title):
        return False
    a, b = _words(held), _words(title)
    a, b = _spelled_out(a, held, b), _spelled_out(b, title, a)
    if not (a and b) or len(a) != len(b):
        return False
    return sorted(a) == sorted(b) or all(_one_word(x, y) for x, y in zip(a, b, strict=True))


def narrower(title: str | None, held: str | None) -> bool:
    """Whether `title` says less of the job `held` says: some of its words and no other,
    the word it names the job by among them, and none of those left out a grade or a word
    that makes another job ("Analyst" of "Data Analyst", "Designer" of "Senior Product
    Designer"; not "Engineer" of "Engineer II" or "Engineer 2", "President" of "Vice
    President", nor "Sales" of "Sales Director").

    >>> narrower("Analyst", "Data Analyst"), narrower("Data Analyst", "Analyst")
    (True, False)
    >>> narrower("Engineer", "Engineer II"), narrower("President", "Vice President")
    (False, False)
    >>> narrower("Sales", "Sales Director"), narrower("Director", "Director of Sales")
    (False, True)
    >>> narrower("PM", "Senior Product Manager")
    True
    """
    if not (held and title):
        return False
    mine, theirs = _words(title), _words(held)
    mine = _spelled_out(mine, title, theirs)
    if not mine or len(mine) >= len(theirs) or not set(mine) <= set(theirs):
        return False
    left_out = set(theirs) - set(mine)
    if left_out & (_GRADES | _ANOTHER_JOB) or any(w.isdigit() for w in theirs):
        return False
    return _head(held) in mine


# Titles' words written by their initials, and what each stands for (only these: "MD" is a
# managing director, not a marketing one, and "CEO" no chief engineering officer).
_ACRONYMS = {
    "pm": ("product manager", "project manager", "program manager", "programme manager"),
    "tpm": ("technical program manager", "technical product manager"),
    "pmm": ("product marketing manager",),
    "em": ("engineering manager",),
    "ceo": ("chief executive officer",),
    "cto": ("chief technology officer", "chief technical officer"),
    "cfo": ("chief financial officer",),
    "coo": ("chief operating officer",),
    "cmo": ("chief marketing officer",),
    "cpo": ("chief product officer", "chief people officer"),
    "cio": ("chief information officer",),
    "cro": ("chief revenue officer",),
    "vp": ("vice president",),
    "svp": ("senior vice president",),
    "evp": ("executive vice president",),
    "avp": ("assistant vice president",),
    "gm": ("general manager",),
    "md": ("managing director",),
    "hr": ("human resources",),
    "it": ("information technology",),
    "qa": ("quality assurance",),
    "ux": ("user experience",),
    "ui": ("user interface",),
    "bd": ("business development",),
    "ae": ("account executive",),
    "sdr": ("sales development representative",),
    "bdr": ("business development representative",),
    "swe": ("software engineer",),
    "sde": ("software development engineer",),
    "sre": ("site reliability engineer",),
    "ml": ("machine learning",),
    "ai": ("artificial intelligence",),
}
# A word of a title written in capitals, which may be one of them.
_CAPITALS = re.compile(r"\b[A-Z]{2,4}\b")


def _spelled_out(words: list[str], title: str, other: list[str]) -> list[str]:
    """`words` (of `title`) with each word the title writes in capitals that is one of
    `_ACRONYMS` and not among the `other` title's words, but whose meaning is a run of them,
    replaced by that run ("pm" by "product", "manager" when the other title is "Senior
    Product Manager")."""
    acronyms = {fold(a) for a in _CAPITALS.findall(title)} & _ACRONYMS.keys()
    if not acronyms:
        return words
    out: list[str] = []
    for word in words:
        if word in acronyms and word not in other:
            run = next(
                (meant for meaning in _ACRONYMS[word] if _within(meant := meaning.split(), other)),
                None,
            )
            if run is not None:
                out.extend(run)
                continue
        out.append(word)
    return out


def _within(run: list[str], words: list[str]) -> bool:
    """Whether `run` is found in `words`, word after word."""
    size = len(run)
    return any(words[at : at + size] == run for at in range(len(words) - size + 1))


def _one_word(a: str, b: str) -> bool:
    """Whether two words of a title are one, one written short: its beginning, of up to
    four letters ("Eng" for "Engineering"; not "Account" for "Accounting"), or a short form
    of `_SHORT` ("Mgr" for "Manager")."""
    shorter, longer = sorted((a, b), key=len)
    if shorter == longer:
        return True
    if len(shorter) < 2 or shorter in _GRADES or shorter.isdigit() or longer.isdigit():
        return False
    if longer in _SHORT.get(shorter, ()):
        return True
    return len(shorter) <= _SHORTENED and longer.startswith(shorter)


# The most letters a title's word written short by its beginning keeps ("Mktg" is `_SHORT`'s).
_SHORTENED = 4
