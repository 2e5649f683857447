"""How strong a tie is, in (0, 1], and why: a pure function of what Goodword knows about it.

Every piece of evidence (a kind of tie, recent contact, reciprocity, interview rapport, time
worked side by side) is a probability-like term in [0, 1). They combine as a "noisy or": each
term closes part of the gap that is left, so more evidence always helps and nothing passes 1.
The user's own closeness rating, when set, then dominates the blend. `docs/strength.md` gives
the formula and the reasons behind each parameter.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from goodword.config import Settings
from goodword.connections.models import ConnectionKind
from goodword.interactions.models import InteractionKind, Rapport

# Former colleagues' evidence decays per whole year; ten or more years all count alike.
MAX_WORK_YEARS = 10


@dataclass(frozen=True)
class StrengthModel:
    """Every tunable number of the model; the defaults are documented in docs/strength.md."""

    kind_priors: tuple[tuple[ConnectionKind, float], ...] = (
        (ConnectionKind.FRIEND, 0.60),
        (ConnectionKind.COLLEAGUE, 0.45),
        (ConnectionKind.REFERRED_BY, 0.40),
        (ConnectionKind.FORMER_COLLEAGUE, 0.30),
        (ConnectionKind.INTERVIEWER, 0.20),
        (ConnectionKind.RECRUITER, 0.15),
        (ConnectionKind.MET_AT_EVENT, 0.12),
        (ConnectionKind.KNOWS, 0.10),
        (ConnectionKind.LINKEDIN, 0.05),
    )
    contact_weights: tuple[tuple[InteractionKind, float], ...] = (
        (InteractionKind.MEETING, 1.0),
        (InteractionKind.FAVOUR_GIVEN, 1.0),
        (InteractionKind.FAVOUR_RECEIVED, 1.0),
        (InteractionKind.INTERVIEW, 0.8),
        (InteractionKind.CALL, 0.8),
        (InteractionKind.EVENT, 0.5),
        (InteractionKind.EMAIL, 0.4),
        (InteractionKind.MESSAGE, 0.3),
        (InteractionKind.NOTE, 0.0),
    )
    # Contact older than a year still counts, at this fraction.
    older_contact_weight: float = 0.25
    # Weighted contacts at which frequency evidence reaches 1 - 1/e (about 63%).
    frequency_scale: float = 3.0
    # Days after which the pull of the last contact halves.
    recency_half_life_days: float = 180.0
    contact_weight: float = 0.70
    # Directed contact all one way (three or more times, nothing back) keeps this fraction.
    one_sided_factor: float = 0.70
    one_sided_after: int = 3
    reciprocity_weight: float = 0.25
    rapport_evidence: tuple[tuple[Rapport, float], ...] = (
        (Rapport.CLICKED, 0.45),
        (Rapport.GOOD, 0.25),
        (Rapport.NEUTRAL, 0.08),
        (Rapport.POOR, 0.0),
    )
    rapport_half_life_days: float = 730.0
    current_colleague_weight: float = 0.35
    former_colleague_weight: float = 0.25
    work_half_life_years: float = 5.0
    same_employer_weight: float = 0.08
    # The user's closeness rating (1-5) as a strength, and its share of the final blend.
    closeness_levels: tuple[float, float, float, float, float] = (0.2, 0.4, 0.6, 0.8, 1.0)
    closeness_weight: float = 0.8
    floor: float = 0.01

    def prior(self, kind: ConnectionKind) -> float:
        return dict(self.kind_priors).get(kind, 0.0)

    def contact(self, kind: InteractionKind) -> float:
        return dict(self.contact_weights).get(kind, 0.0)

    def rapport(self, rapport: Rapport) -> float:
        return dict(self.rapport_evidence).get(rapport, 0.0)


DEFAULT_MODEL = StrengthModel()


def model_from_settings(settings: Settings) -> StrengthModel:
    """The model with the numbers the user tuned through GOODWORD_STRENGTH_* settings."""
    return replace(
        DEFAULT_MODEL,
        recency_half_life_days=settings.strength_recency_half_life_days,
        frequency_scale=settings.strength_frequency_scale,
        contact_weight=settings.strength_contact_weight,
        reciprocity_weight=settings.strength_reciprocity_weight,
        closeness_weight=settings.strength_closeness_weight,
        current_colleague_weight=settings.strength_current_colleague_weight,
        former_colleague_weight=settings.strength_former_colleague_weight,
    )


@dataclass(frozen=True)
class ContactTally:
    """Contacts of one kind between the two people: how many, how many in the past year, last.

    `direction` is "out" (from the user or from the tie's first person), "in", "others"
    (a message that came in to a group, written by another of its people), or None when
    unknown; favours carry their own direction. `rapport` is the best rating among interviews.
    """

    kind: InteractionKind
    count: int
    recent: int
    last: date
    direction: str | None = None
    rapport: Rapport | None = None

    @property
    def heading(self) -> str | None:
        if self.kind is InteractionKind.FAVOUR_GIVEN:
            return "out"
        if self.kind is InteractionKind.FAVOUR_RECEIVED:
            return "in"
        return self.direction


@dataclass(frozen=True)
class SharedWork:
    """Both people at one organization: now, before with overlapping dates, or dates unknown."""

    organization: str
    current: bool = False
    start_year: int | None = None
    end_year: int | None = None
    # Whole years since the overlap ended (0 while current); None when the dates are unknown.
    years_ago: int | None = None


@dataclass(frozen=True)
class TieEvidence:
    """Everything known about one pair of people, as plain data."""

    kinds: frozenset[ConnectionKind] = frozenset()
    closeness: int | None = None
    contacts: tuple[ContactTally, ...] = ()
    shared_work: tuple[SharedWork, ...] = ()
    # True when the tie joins the user to someone (phrases then say "you").
    with_user: bool = True


@dataclass(frozen=True)
class Strength:
    value: float
    reasons: list[str] = field(default_factory=list)


def terms(
    evidence: TieEvidence, *, today: date, model: StrengthModel = DEFAULT_MODEL
) -> list[float]:
    """Return the evidence terms in [0, 1) that combine into the strength."""
    found = [model.prior(kind) for kind in sorted(evidence.kinds)]
    if evidence.contacts:
        found.append(_contact_term(evidence.contacts, today=today, model=model))
        found.append(_reciprocity_term(evidence.contacts, model=model))
        found.append(_rapport_term(evidence.contacts, today=today, model=model))
    if evidence.shared_work:
        # Shared work counts once, at its strongest: two employers in common are one history.
        found.append(max(work_term(work, model=model) for work in evidence.shared_work))
    return [min(max(term, 0.0), 0.999) for term in found]


def score(evidence: TieEvidence, *, today: date, model: StrengthModel = DEFAULT_MODEL) -> float:
    """Return the tie's strength in (0, 1]."""
    remaining = 1.0
    for term in terms(evidence, today=today, model=model):
        remaining *= 1.0 - term
    value = 1.0 - remaining
    if evidence.closeness is not None:
        level = model.closeness_levels[min(max(evidence.closeness, 1), 5) - 1]
        value = model.closeness_weight * level + (1.0 - model.closeness_weight) * value
    return min(1.0, max(model.floor, value))


def assess(evidence: TieEvidence, *, today: date, model: StrengthModel = DEFAULT_MODEL) -> Strength:
    """Return the strength with the phrases that explain it."""
    return Strength(score(evidence, today=today, model=model), explain(evidence, today=today))


def work_term(work: SharedWork, *, model: StrengthModel = DEFAULT_MODEL) -> float:
    if work.current:
        return model.current_colleague_weight
    if work.years_ago is None:
        return model.same_employer_weight
    years = min(max(work.years_ago, 0), MAX_WORK_YEARS)
    return model.former_colleague_weight * 0.5 ** (years / model.work_half_life_years)


def _contact_term(
    contacts: tuple[ContactTally, ...], *, today: date, model: StrengthModel
) -> float:
    volume = sum(
        model.contact(t.kind) * (t.recent + model.older_contact_weight * (t.count - t.recent))
        for t in contacts
    )
    counted = [t for t in contacts if model.contact(t.kind) > 0]
    if not counted or volume <= 0:
        return 0.0
    last = max(t.last for t in counted)
    days = max((today - last).days, 0)
    recency = 0.5 ** (days / model.recency_half_life_days)
    frequency = 1.0 - math.exp(-volume / model.frequency_scale)
    out, back = _directed(contacts)
    # (Not one-sided where a group's messages of no known writer may be the answers, nor
    # where others of the group answered.)
    unknown = any(
        t.direction in (None, "others") and t.kind in _WRITTEN and t.count for t in contacts
    )
    one_sided = (
        model.one_sided_factor
        if back == 0 and out >= model.one_sided_after and not unknown
        else 1.0
    )
    return model.contact_weight * frequency * recency * one_sided


def _reciprocity_term(contacts: tuple[ContactTally, ...], *, model: StrengthModel) -> float:
    out, back = _directed(contacts)
    if out == 0 or back == 0:
        return 0.0
    return model.reciprocity_weight * min(out, back) / max(out, back)


def _rapport_term(
    contacts: tuple[ContactTally, ...], *, today: date, model: StrengthModel
) -> float:
    best = 0.0
    for tally in contacts:
        if tally.rapport is not None:
            days = max((today - tally.last).days, 0)
            decay = 0.5 ** (days / model.rapport_half_life_days)
            best = max(best, model.rapport(tally.rapport) * decay)
    return best


def _directed(contacts: Iterable[ContactTally]) -> tuple[int, int]:
    out = sum(t.count for t in contacts if t.heading == "out")
    back = sum(t.count for t in contacts if t.heading == "in")
    return out, back


_PLURALS = {
    InteractionKind.MEETING: ("meeting", "meetings"),
    InteractionKind.INTERVIEW: ("interview", "interviews"),
    InteractionKind.CALL: ("call", "calls"),
    InteractionKind.EMAIL: ("e-mail", "e-mails"),
    InteractionKind.MESSAGE: ("message", "messages"),
    InteractionKind.EVENT: ("event together", "events together"),
    InteractionKind.NOTE: ("note", "notes"),
}

_KIND_PHRASES = {
    ConnectionKind.COLLEAGUE: "colleague",
    ConnectionKind.FORMER_COLLEAGUE: "former colleague",
    ConnectionKind.FRIEND: "friend",
    ConnectionKind.INTERVIEWER: "met in an interview",
    ConnectionKind.RECRUITER: "recruiter",
    ConnectionKind.REFERRED_BY: "referral",
    ConnectionKind.MET_AT_EVENT: "met at an event",
    ConnectionKind.LINKEDIN: "LinkedIn connection",
    ConnectionKind.KNOWS: "known to each other",
}


def explain(evidence: TieEvidence, *, today: date) -> list[str]:
    """Return short phrases, strongest signal first: "2 calls in the past year, last on 2 Nov"."""
    you = evidence.with_user
    phrases: list[str] = []
    if evidence.closeness is not None:
        who = "you rate" if you else "rated"
        phrases.append(f"{who} this tie {evidence.closeness} of 5 for closeness")
    for tally in evidence.contacts:
        if tally.rapport is not None and tally.kind is InteractionKind.INTERVIEW:
            phrases.append(f"you rated the interview '{tally.rapport.value}'")
            break
    contact = _contact_phrase(evidence.contacts, today=today)
    if contact:
        phrases.append(contact)
    written = _written_phrase(evidence.contacts, you=you)
    if written:
        phrases.append(written)
    favours = _favour_phrase(evidence.contacts, you=you)
    if favours:
        phrases.append(favours)
    for work in evidence.shared_work:
        phrases.append(_work_phrase(work, you=you))
    kinds = [_KIND_PHRASES[k] for k in sorted(evidence.kinds, key=_kind_order)]
    if kinds:
        text = ", ".join(kinds)
        counted = [t for t in evidence.contacts if t.kind is not InteractionKind.NOTE]
        silent = not counted and you
        phrases.append(f"{text[0].upper()}{text[1:]}" + (", no contact logged" if silent else ""))
    if not phrases:
        phrases.append("no contact logged")
    return phrases


def _kind_order(kind: ConnectionKind) -> int:
    return list(ConnectionKind).index(kind)


def _contact_phrase(contacts: tuple[ContactTally, ...], *, today: date) -> str | None:
    counted = [
        t
        for t in contacts
        if t.kind in _PLURALS and t.kind is not InteractionKind.NOTE and t.count > 0
    ]
    if not counted:
        return None
    last = max(t.last for t in counted)
    # Per kind (a kind can come in several tallies: by direction, by interview rapport).
    in_year: dict[InteractionKind, int] = {}
    for tally in counted:
        in_year[tally.kind] = in_year.get(tally.kind, 0) + tally.recent
    recent = [(n, kind) for kind, n in sorted(in_year.items(), key=lambda k: -k[1]) if n > 0]
    when = _short_date(last, today=today)
    if recent:
        parts = [_count(n, kind) for n, kind in recent]
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return f"{listed} in the past year, last on {when}"
    total = sum(t.count for t in counted)
    years = (today - last).days // 365
    ago = f" ({years} year{'s' if years != 1 else ''} ago)" if years >= 1 else ""
    noun = "contact" if total == 1 else "contacts"
    return f"{total} {noun} logged, the last on {when}{ago}"


def _written_phrase(contacts: tuple[ContactTally, ...], *, you: bool) -> str | None:
    """Who wrote, where the messages and e-mails say (a LinkedIn export does)."""
    if not you:
        return None
    out = sum(t.count for t in contacts if t.direction == "out")
    back = sum(t.count for t in contacts if t.direction == "in")
    # Messages whose writer is not known (one of several in a group conversation): no
    # side can be said to have gone unanswered.
    unknown = sum(
        t.count for t in contacts if t.direction is None and t.kind in _WRITTEN and t.count
    )
    others = sum(t.count for t in contacts if t.direction == "others" and t.kind in _WRITTEN)
    more = ", and ".join(
        text
        for count, text in (
            (unknown, f"{unknown} more with no writer known"),
            (others, f"{others} more from others in a group conversation"),
        )
        if count
    )
    if out and back:
        return f"written both ways: {out} from you, {back} from them" + (
            f", and {more}" if more else ""
        )
    if out and more:
        return f"you wrote {_often(out)}, and {more}"
    if out:
        return f"you wrote {_often(out)}, nothing back yet"
    if back and more:
        return f"they wrote {_often(back)}, and {more}"
    if back:
        return f"they wrote {_often(back)}, no answer from you yet"
    if others:
        return f"{others} written by others in a group conversation"
    return None


# Kinds of contact someone writes (a LinkedIn export says who, for one-to-one messages).
_WRITTEN = (InteractionKind.MESSAGE, InteractionKind.EMAIL)


def _often(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _favour_phrase(contacts: tuple[ContactTally, ...], *, you: bool) -> str | None:
    given = sum(t.count for t in contacts if t.kind is InteractionKind.FAVOUR_GIVEN)
    received = sum(t.count for t in contacts if t.kind is InteractionKind.FAVOUR_RECEIVED)
    if not given and not received:
        return None
    if not you:
        return f"{given + received} favour{'s' if given + received != 1 else ''} exchanged"
    if given and received:
        return f"favours both ways: you did {_times(given)}, they did {_times(received)}"
    if given:
        return f"you did them {_favours(given)}"
    return f"they did you {_favours(received)}"


def _work_phrase(work: SharedWork, *, you: bool) -> str:
    subject = "you work" if you else "they work"
    if work.current:
        return f"{subject} together at {work.organization} now"
    verb = "worked together" if not you else "you worked together"
    if work.years_ago is None:
        return f"both worked at {work.organization} (dates not recorded)"
    if work.start_year and work.end_year:
        span = (
            str(work.end_year)
            if work.start_year == work.end_year
            else f"{work.start_year}\N{EN DASH}{work.end_year}"
        )
        return f"{verb} at {work.organization} {span}"
    if work.end_year:
        return f"{verb} at {work.organization} until {work.end_year}"
    return f"{verb} at {work.organization}"


def _count(n: int, kind: InteractionKind) -> str:
    one, many = _PLURALS[kind]
    return f"{n} {one if n == 1 else many}"


def _times(n: int) -> str:
    return "one" if n == 1 else str(n)


def _favours(n: int) -> str:
    return "a favour" if n == 1 else f"{n} favours"


def _short_date(value: date, *, today: date) -> str:
    return f"{value.day} {value:%b}" if value.year == today.year else f"{value.day} {value:%b %Y}"
