"""The job search told on top of the demo population.

Robin Castillo, a senior product manager, is looking quietly while still employed. Most of the
pipeline is ordinary; one thread is the reason the demo exists: a final round at Larkspur Health
where Robin clicked with the hiring manager and a staff engineer, then a rejection a few days
ago. That is the moment Goodword's method turns into referrals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from goodword.connections.models import ConnectionKind
from goodword.demo import names
from goodword.demo.generator import Network
from goodword.interactions import service as interactions
from goodword.interactions.models import InteractionKind, Rapport
from goodword.interactions.schemas import InteractionCreate, ParticipantIn
from goodword.opportunities import service as opportunities
from goodword.opportunities.models import Opportunity, PayPeriod, Route, Stage
from goodword.opportunities.schemas import OpportunityCreate
from goodword.people.models import Person
from goodword.tasks import service as tasks
from goodword.tasks.schemas import TaskCreate

TOPICS = [
    "roadmapping with small teams",
    "pricing experiments",
    "how their team hires product managers",
    "health-tech regulation",
    "moving from analytics into product",
    "onboarding research",
    "running discovery interviews",
    "the local product meetup",
]


@dataclass
class Cast:
    """People with a part in the story, by role."""

    roles: dict[str, Person]

    def __getitem__(self, role: str) -> Person:
        return self.roles[role]


@dataclass
class Counts:
    opportunities: int
    interactions: int
    tasks: int
    rejected_opportunity_id: int


# role -> (organization, department, title, started days ago, earlier jobs as
# (organization, title, started days ago, ended days ago))
_ROLES: dict[str, tuple[str, str, str, int, list[tuple[str, str, int, int]]]] = {
    "larkspur_hm": (
        "Larkspur Health",
        "Product",
        "Director of Product",
        900,
        [
            ("Lumenfold Optics", "Senior Product Manager", 2400, 920),
            ("Jadeway Semiconductors", "Product Manager", 3600, 2430),
        ],
    ),
    "larkspur_engineer": (
        "Larkspur Health",
        "Engineering",
        "Staff Engineer",
        1300,
        [("Kindling Nonprofit Software", "Senior Software Engineer", 2900, 1330)],
    ),
    "larkspur_people": ("Larkspur Health", "People Operations", "People Partner", 700, []),
    "larkspur_recruiter": (
        "Larkspur Health",
        "People Operations",
        "Talent Acquisition Lead",
        500,
        [],
    ),
    "larkspur_designer": ("Larkspur Health", "Design", "Senior Product Designer", 800, []),
    "larkspur_friend": ("Larkspur Health", "Data", "Senior Data Scientist", 1000, []),
    "lumenfold_contact": ("Lumenfold Optics", "Engineering", "Director of Engineering", 2600, []),
    "jadeway_contact": ("Jadeway Semiconductors", "Product", "Director of Product", 3900, []),
    "kindling_contact": ("Kindling Nonprofit Software", "Data", "Head of Data", 3100, []),
    "northbeam_hm": ("Northbeam Robotics", "Product", "Director of Product", 1400, []),
    "northbeam_referrer": (
        "Northbeam Robotics",
        "Engineering",
        "Senior Software Engineer",
        1000,
        [("Brightwater Analytics", "Software Engineer", 2500, 1040)],
    ),
    "northbeam_engineer": ("Northbeam Robotics", "Engineering", "Engineering Manager", 1200, []),
    "tidewell_hm": ("Tidewell Energy", "Product", "Group Product Manager", 650, []),
    "copperkey_recruiter": ("Copperkey Recruiting", "Talent", "Senior Technical Recruiter", 900, []),
    "pinecrest_hm": ("Pinecrest Learning", "Product", "Director of Product", 1100, []),
    "pinecrest_intro": (
        "Pinecrest Learning",
        "Design",
        "Product Designer",
        600,
        [("Cobalt Ferry Logistics", "Product Designer", 3400, 2800)],
    ),
    "fernhollow_hm": ("Fernhollow Biotech", "Product", "Director of Product", 1500, []),
    "oxbow_hm": ("Oxbow Civic Tech", "Leadership", "Chief Technology Officer", 1900, []),
    "mossgate_hm": ("Mossgate Savings Bank", "Product", "Director of Product", 800, []),
    "heronsgate_hm": ("Heronsgate Legal Tech", "Product", "Director of Product", 1000, []),
}


def cast(network: Network) -> Cast:
    """Create the people the story needs, with the careers their parts require."""
    d = network.days_ago
    roles: dict[str, Person] = {}
    for role, (org, department, title, started, earlier) in _ROLES.items():
        given, family = network.draw_name()
        jobs = [(org, department, title, d(started), None)]
        jobs += [(o, department, t, d(s), d(e)) for o, t, s, e in earlier]
        person = network.add_person(given, family, jobs, linkedin=True)
        network.reserved.add(person.id)
        roles[role] = person
    return Cast(roles)


class _Story:
    def __init__(self, network: Network, cast: Cast) -> None:
        self.n = network
        self.c = cast
        self.interactions = 0
        self.tasks = 0
        self.opportunities = 0

    def at(self, days_ago: int, hour: int = 15) -> datetime:
        return datetime.combine(self.n.days_ago(days_ago), time(hour, 0), tzinfo=UTC)

    def due(self, days_ahead: int) -> date:
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
        for stage, days_ago, note in moves[1:]:
            opportunities.move(
                self.n.session,
                workspace_id=self.n.workspace_id,
                opportunity_id=opportunity.id,
                stage=stage,
                note=note,
                at=self.at(days_ago, 16),
            )
        self.opportunities += 1
        return opportunity

    def interaction(
        self,
        kind: InteractionKind,
        days_ago: int,
        summary: str,
        people: list[Person] | list[tuple[Person, Rapport | None]],
        *,
        opportunity: Opportunity | None = None,
        interview_round: int | None = None,
        hour: int = 15,
    ) -> None:
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
                participants=participants,
            ),
        )
        self.interactions += 1

    def task(self, title: str, due_in: int, **links: int) -> None:
        tasks.create(
            self.n.session,
            workspace_id=self.n.workspace_id,
            data=TaskCreate(title=title, due_date=self.due(due_in), **links),
        )
        self.tasks += 1

    def tie(self, a: Person, b: Person, kind: ConnectionKind, **extra: object) -> None:
        self.n.connect(a, b, kind, **extra)  # type: ignore[arg-type]


def tell(network: Network, cast: Cast) -> Counts:
    """Add the opportunities, the interviews, a year of everyday contact and the open tasks."""
    story = _Story(network, cast)
    _ties(story)
    rejected = _rejection(story)
    _pipeline(story)
    _everyday(story)
    return Counts(story.opportunities, story.interactions, story.tasks, rejected.id)


def _ties(s: _Story) -> None:
    me, c, d = s.n.me, s.c, s.n.days_ago
    assert me is not None
    friend = c["larkspur_friend"]
    s.tie(me, friend, ConnectionKind.FRIEND, closeness=5, since=d(4000), source="University")
    s.tie(friend, c["larkspur_hm"], ConnectionKind.COLLEAGUE, source="Work")
    s.tie(c["larkspur_hm"], c["larkspur_engineer"], ConnectionKind.COLLEAGUE, source="Work")
    # The people Robin clicked with know people at the companies Robin is targeting next.
    for contact in ("lumenfold_contact", "jadeway_contact"):
        s.tie(c["larkspur_hm"], c[contact], ConnectionKind.FORMER_COLLEAGUE, source="Work")
    s.tie(c["larkspur_engineer"], c["kindling_contact"], ConnectionKind.FORMER_COLLEAGUE)
    s.tie(c["larkspur_engineer"], c["lumenfold_contact"], ConnectionKind.FRIEND)
    referrer = c["northbeam_referrer"]
    s.tie(me, referrer, ConnectionKind.FORMER_COLLEAGUE, closeness=4, since=d(2500))
    s.tie(me, referrer, ConnectionKind.REFERRED_BY, closeness=4, since=d(20))
    s.tie(referrer, c["northbeam_hm"], ConnectionKind.COLLEAGUE, source="Work")
    s.tie(me, c["copperkey_recruiter"], ConnectionKind.RECRUITER, closeness=2, since=d(40))
    s.tie(me, c["pinecrest_intro"], ConnectionKind.FORMER_COLLEAGUE, closeness=3, since=d(3400))
    s.tie(c["pinecrest_intro"], c["pinecrest_hm"], ConnectionKind.COLLEAGUE, source="Work")
    s.tie(me, c["oxbow_hm"], ConnectionKind.MET_AT_EVENT, closeness=2, source=names.EVENTS[3])
    for role, closeness in [
        ("larkspur_hm", 3),
        ("larkspur_engineer", 3),
        ("larkspur_people", 2),
        ("larkspur_recruiter", 2),
        ("larkspur_designer", 2),
        ("northbeam_hm", 2),
        ("northbeam_engineer", 1),
        ("tidewell_hm", 2),
        ("pinecrest_hm", 3),
        ("heronsgate_hm", 1),
    ]:
        s.tie(me, c[role], ConnectionKind.INTERVIEWER, closeness=closeness, source="Interview")


def _rejection(s: _Story) -> Opportunity:
    """Introduced, applied, three rounds, clicked with two in the final one, then a no."""
    me, c = s.n.me, s.c
    assert me is not None
    friend, hm, engineer = c["larkspur_friend"], c["larkspur_hm"], c["larkspur_engineer"]
    opportunity = s.opportunity(
        "Larkspur Health",
        "Senior Product Manager, Patient Experience",
        [
            (Stage.INTRODUCED, 45, None),
            (Stage.APPLIED, 38, f"Applied through the referral link {friend.given_name} sent."),
            (Stage.INTERVIEWING, 33, "Screening call booked."),
            (
                Stage.REJECTED,
                4,
                "They chose a candidate with more clinical-software experience; "
                f"{hm.given_name} asked to stay in touch.",
            ),
        ],
        route=Route.INTRODUCTION,
        manager="larkspur_hm",
        pay=(128_000, 152_000),
        next_step="Thank the interviewers and keep the door open.",
        next_due=1,
    )
    s.interaction(
        InteractionKind.EMAIL,
        46,
        f"{friend.given_name} introduced me to {hm.display_name} by e-mail, with a note on "
        "my scheduling work at Quillstone.",
        [friend, hm],
        opportunity=opportunity,
    )
    s.interaction(
        InteractionKind.CALL,
        42,
        f"Half-hour call with {hm.given_name} about the patient-experience roadmap and the team.",
        [hm],
        opportunity=opportunity,
    )
    rounds = [
        (33, "Screening call about background, pay range and timing.", [("larkspur_recruiter", Rapport.GOOD)]),
        (
            24,
            "Product case: redesign appointment reminders for patients without smartphones.",
            [("larkspur_designer", Rapport.GOOD), ("larkspur_engineer", Rapport.GOOD)],
        ),
        (
            12,
            "Final round: roadmap presentation and a long conversation about the team's "
            "way of working. Easy rapport with "
            f"{hm.given_name} and {engineer.given_name}; the people partner was reserved.",
            [
                ("larkspur_hm", Rapport.CLICKED),
                ("larkspur_engineer", Rapport.CLICKED),
                ("larkspur_people", Rapport.NEUTRAL),
            ],
        ),
    ]
    for number, (days_ago, summary, panel) in enumerate(rounds, start=1):
        s.interaction(
            InteractionKind.INTERVIEW,
            days_ago,
            summary,
            [(c[role], rapport) for role, rapport in panel],
            opportunity=opportunity,
            interview_round=number,
        )
    s.interaction(
        InteractionKind.CALL,
        4,
        f"{c['larkspur_recruiter'].given_name} called with the decision: no offer.",
        [c["larkspur_recruiter"]],
        opportunity=opportunity,
    )
    s.task(
        f"Send thank-you notes to {hm.display_name} and {engineer.display_name}",
        1,
        opportunity_id=opportunity.id,
        person_id=hm.id,
    )
    return opportunity
