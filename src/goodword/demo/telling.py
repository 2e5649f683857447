"""How the demo's story makes its records: through the services, as a person would make them,
each dated so many days before the demo's today, and counted (`story` tells what happens)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from goodword.connections.models import ConnectionKind
from goodword.demo.generator import Network
from goodword.interactions import service as interactions
from goodword.interactions.models import Direction, InteractionKind, Rapport
from goodword.interactions.schemas import InteractionCreate, ParticipantIn
from goodword.opportunities import service as opportunities
from goodword.opportunities.models import Opportunity, PayPeriod, Route, Stage
from goodword.opportunities.schemas import OpportunityCreate
from goodword.people.models import Person
from goodword.tasks import service as tasks
from goodword.tasks.schemas import TaskCreate

if TYPE_CHECKING:
    from goodword.demo.story import Cast


class Story:
    """The network and cast the story is told on, the records it makes, and their counts."""

    def __init__(self, network: Network, cast: Cast) -> None:
        self.n = network
        self.c = cast
        self.interactions = 0
        self.tasks = 0
        self.opportunities = 0

    def at(self, days_ago: int, hour: int = 15) -> datetime:
        """The time so many days ago, at the hour (UTC)."""
        return datetime.combine(self.n.days_ago(days_ago), time(hour, 0), tzinfo=UTC)

    def due(self, days_ahead: int) -> date:
        """The day so many days ahead."""
        return self.n.today + timedelta(days=days_ahead)

    def opportunity(
        self,
        org: str,
        role: str,
        moves: list[tuple[Stage, int, str | None]],
        *,
        route: Route | None,
        manager: str | None = None,
        place: tuple[str | None, str | None, str | None] = ("Pittsburgh", "PA", "US"),
        next_step: str | None = None,
        next_due: int | None = None,
        pay: tuple[int, int] | None = None,
        notes: str | None = None,
    ) -> Opportunity:
        """Create an opportunity and walk it through dated stage moves (stage, days ago, note)."""
        first, first_ago, _ = moves[0]
        city, region, country = place
        opportunity = opportunities.create(
            self.n.session,
            workspace_id=self.n.workspace_id,
            data=OpportunityCreate(
                organization_id=self.n.organizations[org].id,
                role_title=role,
                city=city,
                region=region,
                country=country,
                posting_url=f"https://{self.n.organizations[org].domains[0]}/careers/"
                + "-".join(role.lower().replace(",", "").split()),
                stage=first,
                route=route,
                hiring_manager_id=self.c[manager].id if manager else None,
                next_step=next_step,
                next_step_due=self.due(next_due) if next_due is not None else None,
                pay_min=Decimal(pay[0]) if pay else None,
                pay_max=Decimal(pay[1]) if pay else None,
                pay_currency="USD" if pay else None,
                pay_period=PayPeriod.YEAR if pay else None,
                notes=notes,
            ),
            at=self.at(first_ago, 10),
        )
        last = self.at(first_ago, 10)
        for stage, days_ago, note in moves[1:]:
            last = self.at(days_ago, 16)
            opportunities.move(
                self.n.session,
                workspace_id=self.n.workspace_id,
                opportunity_id=opportunity.id,
                stage=stage,
                note=note,
                at=last,
            )
        # Added and last changed when the story says, not when the demo was loaded: the page
        # shows "Added" next to a history that starts weeks earlier.
        opportunity.created_at = self.at(first_ago, 10)
        opportunity.updated_at = last
        self.n.session.flush()
        self.opportunities += 1
        return opportunity

    def interaction(
        self,
        kind: InteractionKind,
        days_ago: int,
        summary: str,
        people: Sequence[Person | tuple[Person, Rapport | None]],
        *,
        opportunity: Opportunity | None = None,
        interview_round: int | None = None,
        direction: Direction | None = None,
        hour: int = 15,
    ) -> None:
        """Record an interaction so many days ago with the people (and their rapport)."""
        participants = [
            ParticipantIn(person_id=p[0].id, rapport=p[1])
            if isinstance(p, tuple)
            else ParticipantIn(person_id=p.id)
            for p in people
        ]
        interactions.create(
            self.n.session,
            workspace_id=self.n.workspace_id,
            data=InteractionCreate(
                occurred_at=self.at(days_ago, hour),
                kind=kind,
                summary=summary,
                opportunity_id=opportunity.id if opportunity else None,
                interview_round=interview_round,
                direction=direction,
                participants=participants,
            ),
        )
        self.interactions += 1

    def task(self, title: str, due_in: int, **links: int) -> None:
        """Add an open task due so many days ahead."""
        tasks.create(
            self.n.session,
            workspace_id=self.n.workspace_id,
            data=TaskCreate(title=title, due_date=self.due(due_in), **links),
        )
        self.tasks += 1

    def tie(self, a: Person, b: Person, kind: ConnectionKind, **extra: object) -> None:
        """Connect two people."""
        self.n.connect(a, b, kind, **extra)  # type: ignore[arg-type]
