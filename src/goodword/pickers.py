"""Record pickers for forms: the people, organizations or opportunities to choose from, a
list while there are few enough to look through, a number box with a search beside it when
there are more."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from goodword.opportunities import service as opportunities
from goodword.organizations import service as organizations
from goodword.people import service as people

# Above this many records a picker becomes a number box: a select of thousands helps no one.
CHOICE_LIMIT = 500
# Above this many, a picker of people or organizations has a search box beside its list too,
# as a long list is slow to look through (on a phone, a scroll through all of it).
FIND_FROM = 20


@dataclass(frozen=True)
class Choices:
    """Options for a record picker; `options` is None when there are too many to list.

    `kind` is what the picker's search box looks up then ("person", "organization"), or
    None for records search does not hold.
    """

    options: list[tuple[int, str]] | None
    kind: str | None = None
    # Whether the user's own person is left out (their search box leaves them out too).
    but_me: bool = False

    @property
    def searchable(self) -> bool:
        """Whether the picker has a search box: too many records to list, or too many to
        look through (`FIND_FROM`), of a kind search holds."""
        return self.kind is not None and (self.options is None or len(self.options) > FIND_FROM)


def _choices(
    rows: list[tuple[int, str]], kind: str | None = None, *, but_me: bool = False
) -> Choices:
    return Choices(options=rows if len(rows) <= CHOICE_LIMIT else None, kind=kind, but_me=but_me)


def person_choices(session: Session, *, workspace_id: int, but_me: bool = False) -> Choices:
    """The people to pick from, A to Z (without the user's own person, when `but_me`)."""
    found = people.choices(session, workspace_id=workspace_id, limit=CHOICE_LIMIT + 1,
                           but_me=but_me)  # fmt: skip
    return _choices(found, "person", but_me=but_me)


def organization_choices(session: Session, *, workspace_id: int) -> Choices:
    """The organizations to pick from, A to Z."""
    return _choices(
        organizations.choices(session, workspace_id=workspace_id, limit=CHOICE_LIMIT + 1),
        "organization",
    )


def opportunity_choices(session: Session, *, workspace_id: int) -> Choices:
    """The opportunities to pick from, by organization, as "role — organization"."""
    return _choices(
        opportunities.choices(session, workspace_id=workspace_id, limit=CHOICE_LIMIT + 1)
    )


def organization_names(session: Session, *, workspace_id: int, limit: int = 1000) -> list[str]:
    """Names to suggest while typing an organization; a suggestion list may stop short."""
    return [
        name for _, name in organizations.choices(session, workspace_id=workspace_id, limit=limit)
    ]
