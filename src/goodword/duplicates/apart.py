"""Two records that share an e-mail address or phone number but whose names say they are
two people (colleagues on one switchboard, a household's address, a company's contact and
someone who works there): never merged without the user, whether an import or a scan finds
them."""

from __future__ import annotations

from goodword.duplicates.matching import SUGGEST, Profile, Scored, score, shared_key_reason
from goodword.duplicates.names import fold
from goodword.organizations.names import organization_key


def names_differ(a: Profile, b: Profile) -> bool:
    """Whether the names of two profiles clearly disagree, as the matcher judges names: a
    given or a family name plainly different, or one given name the other with another
    ending (Paul and Paula). A nickname, an initial (of either name: "Ravi S."), a typo or
    a part missing on either side is no disagreement, and neither is a record known only by
    its e-mail address or phone number (a card without a name).

    A company's contact (a record named after its organization: "Acme Corp" and its
    switchboard) is no person: its name disagrees with a person's (one company's number or
    address is shared by everyone there) and with another organization's, not with a
    contact of the same organization."""
    if unnamed(a) or unnamed(b):
        return False
    business_a, business_b = _business(a), _business(b)
    if business_a and business_b:
        return organization_key(a.full) != organization_key(b.full)
    if business_a or business_b:
        return a.full != b.full
    given_a, given_b = _initial(a.given, b.given), _initial(b.given, a.given)
    family_a, family_b = _initial(a.family, b.family), _initial(b.family, a.family)
    return score(Profile(0, given_a, family_a), Profile(0, given_b, family_b)).conflict


def unnamed(profile: Profile) -> bool:
    """Whether the profile has no name but its e-mail address or phone number (or none)."""
    full = profile.full
    if not any(char.isalpha() for char in full):
        return True
    return any(key.startswith("e:") and fold(key[2:]) == full for key in profile.keys)


def _business(profile: Profile) -> bool:
    """Whether the profile is named after its organization: a company's contact."""
    return bool(profile.orgs) and organization_key(profile.full) in profile.orgs


def _initial(part: str, other: str) -> str:
    """The other name for a one-letter part that is its initial (else the part)."""
    return other if len(part) == 1 and other.startswith(part) else part


def shares_key_apart(a: Profile, b: Profile) -> bool:
    """Whether two profiles share an e-mail address or phone number (and no LinkedIn
    profile) while their names clearly differ: two people, maybe (a shared switchboard or
    household address), maybe one (a new family name), so the user decides."""
    return shares_contact_key(a, b) and names_differ(a, b)


def shares_contact_key(a: Profile, b: Profile) -> bool:
    """Whether two profiles share an e-mail address or phone number, and no LinkedIn profile."""
    shared = a.keys & b.keys
    return bool(shared) and not any(k.startswith("u:") for k in shared)


def judged_apart(a: Profile, b: Profile, key: str) -> Scored:
    """The suggestion for two records sharing `key` whose names clearly differ, scored on
    what else they say (at least enough to be queued)."""
    keyless = score(
        Profile(
            0,
            a.given,
            a.family,
            orgs=a.orgs,
            location=a.location,
            birthday=a.birthday,
            titles=a.titles,
        ),
        Profile(
            0,
            b.given,
            b.family,
            orgs=b.orgs,
            location=b.location,
            birthday=b.birthday,
            titles=b.titles,
        ),
    )
    one_company = _business(a) != _business(b)
    why = "one is a company's contact" if one_company else "the names differ"
    reason = f"{shared_key_reason(key)}, but {why}"
    return Scored(max(SUGGEST, keyless.score), (reason,), conflict=True)
