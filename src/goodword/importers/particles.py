"""The particles that begin a family name ("van der Berg", "Van Damme", "da Silva"), wherever
a file splits a name into parts: a whole name split at its family name, and a middle name
that is only particles, which address books keep apart from the family name (Outlook's
Dutch "Middle Name: van der"), joined to it."""

from __future__ import annotations

# Words before a family name that begin it (lower case, as the set holds them).
PARTICLES = {
    "van", "von", "vom", "de", "der", "den", "des", "del", "della", "delle", "dei", "degli",
    "da", "di", "du", "la", "le", "los", "las", "dos", "das", "do", "ten", "ter", "'t",
    "bin", "ibn", "al", "el", "zu", "zum", "zur", "af", "av",
}  # fmt: skip
# Before one of these family names a capitalised "Van" (or "Le", "Do") is a Vietnamese
# middle name written without its accents ("Minh Van Nguyen" is Văn), not a particle.
_VIETNAMESE_FAMILIES = {
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui",
    "do", "ho", "ngo", "duong", "ly", "truong", "dinh",
}  # fmt: skip


def is_particle(word: str, family: str) -> bool:
    """Whether the word before the family name `family` is a particle of it: "van" or
    "Van" in "Van Damme", but not the Vietnamese middle name in "Minh Van Nguyen"."""
    key = word.lower()
    if key not in PARTICLES:
        return False
    return word == key or family.lower() not in _VIETNAMESE_FAMILIES


def with_middle(given: str, middle: str, family: str) -> tuple[str, str]:
    """(given, family) of a name whose file keeps a middle name apart: the middle name goes
    with the given name, unless it is only particles of the family name, which begin it.

    >>> with_middle("Anneke", "van der", "Berg")
    ('Anneke', 'van der Berg')
    >>> with_middle("Minh", "Van", "Nguyen"), with_middle("Ada", "", "Lovelace")
    (('Minh Van', 'Nguyen'), ('Ada', 'Lovelace'))
    """
    words = middle.split()
    if words and family.strip() and all(is_particle(word, family.strip()) for word in words):
        return given, f"{' '.join(words)} {family.strip()}"
    return " ".join(p for p in (given, middle) if p), family
