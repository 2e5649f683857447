"""Whether two job titles name one job, as address books and exports write titles their own
way: shortened ("VP Eng"), with words to join them ("Director of Data Science", "Director,
Data Science"), or with words left out ("Analyst" for "Data Analyst"). A pure core, used by
imports (a job held already adds nothing) and merges (two copies of one job are one)."""

from __future__ import annotations

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
}  # fmt: skip

# Words that only join a title's others ("Head of Sales", "Sales and Marketing Lead").
_JOINING = {"of", "the", "and", "for", "at", "in", "to", "a", "an", "y", "de", "du", "des", "et"}


def _words(title: str) -> list[str]:
    return [w for w in fold(title.replace("&", " and ")).split() if w not in _JOINING]


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
    """
    if not (held and title):
        return False
    a, b = _words(held), _words(title)
    if not (a and b) or len(a) != len(b):
        return False
    return sorted(a) == sorted(b) or all(_one_word(x, y) for x, y in zip(a, b, strict=True))


def narrower(title: str | None, held: str | None) -> bool:
    """Whether `title` says less of the job `held` says: some of its words and no other,
    none of them a grade ("Analyst" of "Data Analyst", "Designer" of "Senior Product
    Designer"; not "Engineer" of "Engineer II", where the grade is the job).

    >>> narrower("Analyst", "Data Analyst"), narrower("Data Analyst", "Analyst")
    (True, False)
    >>> narrower("Engineer", "Engineer II"), narrower("Talent acquisition", "Recruiter")
    (False, False)
    """
    if not (held and title):
        return False
    mine, theirs = _words(title), _words(held)
    if not mine or len(mine) >= len(theirs) or _GRADES & set(theirs):
        return False
    return set(mine) <= set(theirs)


def _one_word(a: str, b: str) -> bool:
    """Whether two words of a title are one, one written short: its beginning ("Eng" for
    "Engineering") or a short form of `_SHORT` ("Mgr" for "Manager")."""
    shorter, longer = sorted((a, b), key=len)
    if shorter == longer:
        return True
    if len(shorter) < 2 or shorter in _GRADES or shorter.isdigit() or longer.isdigit():
        return False
    return longer.startswith(shorter) or longer in _SHORT.get(shorter, ())
