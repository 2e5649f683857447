"""The job search told on top of the demo population.

Robin Castillo, a senior product manager, is looking quietly while still employed. Most of the
pipeline is ordinary; one thread is the reason the demo exists: a final round at Larkspur Health
where Robin clicked with the hiring manager and a staff engineer, then a rejection a few days
ago. That is the moment Goodword's method turns into referrals. (How a record is made, dated
and counted: `telling`.)
"""

from __future__ import annotations

from dataclasses import dataclass

from goodword.connections.models import ConnectionKind
from goodword.demo import names
from goodword.demo.generator import JobSpec, Network
from goodword.demo.telling import Story
from goodword.interactions.models import Direction, InteractionKind, Rapport
from goodword.opportunities.models import Opportunity, Route, Stage
from goodword.people.models import Person

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
    "copperkey_recruiter": (
        "Copperkey Recruiting",
        "Talent",
        "Senior Technical Recruiter",
        900,
        [],
    ),
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
        jobs: list[JobSpec] = [(org, department, title, d(started), None)]
        jobs += [(o, department, t, d(s), d(e)) for o, t, s, e in earlier]
        person = network.add_person(given, family, jobs, linkedin=True)
        network.reserved.add(person.id)
        roles[role] = person
    return Cast(roles)


def tell(network: Network, cast: Cast) -> Counts:
    """Add the opportunities, the interviews, a year of everyday contact and the open tasks."""
    story = Story(network, cast)
    _ties(story)
    rejected = _rejection(story)
    _pipeline(story)
    _everyday(story)
    return Counts(story.opportunities, story.interactions, story.tasks, rejected.id)


def _ties(s: Story) -> None:
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


def _rejection(s: Story) -> Opportunity:
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
            (Stage.INTERVIEWING, 35, "Screening call booked."),
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
        (
            33,
            "Screening call about background, pay range and timing.",
            [("larkspur_recruiter", Rapport.GOOD)],
        ),
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
    # (Not the thank-you notes: the rejection playbook drafts those, one for each.)
    recruiter = c["larkspur_recruiter"]
    s.task(
        f"Ask {recruiter.display_name} what tipped the decision",
        1,
        opportunity_id=opportunity.id,
        person_id=recruiter.id,
    )
    return opportunity


def _pipeline(s: Story) -> None:
    """The rest of the pipeline: one opportunity or more in every other stage but accepted."""
    me, c, n = s.n.me, s.c, s.n
    assert me is not None
    referrer, recruiter = c["northbeam_referrer"], c["copperkey_recruiter"]
    northbeam = s.opportunity(
        "Northbeam Robotics",
        "Senior Product Manager, Fleet Software",
        [
            (Stage.TARGET, 40, None),
            (Stage.APPLIED, 19, f"{referrer.display_name} referred me."),
            (Stage.INTERVIEWING, 9, None),
        ],
        route=Route.REFERRAL,
        manager="northbeam_hm",
        next_step="Second round: product sense with the fleet team",
        next_due=4,
    )
    s.interaction(
        InteractionKind.MESSAGE,
        21,
        f"Asked {referrer.given_name} about the fleet-software role; "
        f"{referrer.given_name} offered to refer me to {c['northbeam_hm'].display_name}.",
        [referrer],
        opportunity=northbeam,
    )
    s.interaction(
        InteractionKind.INTERVIEW,
        9,
        "First round: my background, and how I would measure fleet uptime.",
        [(c["northbeam_hm"], Rapport.GOOD), (c["northbeam_engineer"], Rapport.NEUTRAL)],
        opportunity=northbeam,
        interview_round=1,
    )
    s.task("Prepare for the Northbeam second round", 3, opportunity_id=northbeam.id)

    tidewell = s.opportunity(
        "Tidewell Energy",
        "Product Lead, Grid Analytics",
        [
            (Stage.TARGET, 30, None),
            (Stage.APPLIED, 16, "Submitted by Copperkey Recruiting."),
            (Stage.INTERVIEWING, 6, None),
        ],
        route=Route.RECRUITER,
        manager="tidewell_hm",
        place=("Denver", "CO", "US"),
        next_step="Wait for the hiring manager's feedback",
        next_due=5,
    )
    s.interaction(
        InteractionKind.CALL,
        17,
        f"{recruiter.given_name} pitched the Tidewell role; remote-friendly, Denver team.",
        [recruiter],
        opportunity=tidewell,
    )
    s.interaction(
        InteractionKind.INTERVIEW,
        6,
        "Video call with the hiring manager about battery-fleet dashboards.",
        [(c["tidewell_hm"], Rapport.GOOD)],
        opportunity=tidewell,
        interview_round=1,
    )
    s.task(f"Ask {recruiter.display_name} for Tidewell's timeline", 2, person_id=recruiter.id)

    pinecrest = s.opportunity(
        "Pinecrest Learning",
        "Group Product Manager",
        [
            (Stage.TARGET, 75, None),
            (Stage.INTRODUCED, 66, None),
            (Stage.APPLIED, 60, None),
            (Stage.INTERVIEWING, 52, None),
            (Stage.OFFER, 8, "Verbal offer; the written one follows this week."),
        ],
        route=Route.INTRODUCTION,
        manager="pinecrest_hm",
        place=("Philadelphia", "PA", "US"),
        pay=(145_000, 160_000),
        next_step="Decide on the offer",
        next_due=6,
    )
    intro, pinecrest_hm = c["pinecrest_intro"], c["pinecrest_hm"]
    s.interaction(
        InteractionKind.EMAIL,
        66,
        f"{intro.given_name} introduced me to {pinecrest_hm.display_name}.",
        [intro, pinecrest_hm],
        opportunity=pinecrest,
    )
    for number, days_ago in enumerate((52, 38, 24), start=1):
        s.interaction(
            InteractionKind.INTERVIEW,
            days_ago,
            ["Conversation about reading tutors.", "Team panel.", "Roadmap exercise."][number - 1],
            [(pinecrest_hm, Rapport.GOOD)],
            opportunity=pinecrest,
            interview_round=number,
        )
    s.task("Decide on the Pinecrest Learning offer", 6, opportunity_id=pinecrest.id)

    for org, role, city, region, days_ago in [
        ("Emberline Games", "Product Manager, Live Operations", "Chicago", "IL", 47),
        ("Stonechat Cloud", "Senior Product Manager, Billing", "Raleigh", "NC", 27),
    ]:
        s.opportunity(
            org,
            role,
            [(Stage.TARGET, days_ago + 3, None), (Stage.APPLIED, days_ago, None)],
            route=Route.BLIND,
            place=(city, region, "US"),
            next_step=f"Find someone at {org} who can carry the application in",
            next_due=7,
        )

    oxbow_hm = c["oxbow_hm"]
    oxbow = s.opportunity(
        "Oxbow Civic Tech",
        "Product Manager, Permitting",
        [(Stage.TARGET, 35, None), (Stage.APPLIED, 20, None)],
        route=Route.DIRECT,
        manager="oxbow_hm",
        next_step="Follow up if there is no reply by the end of the month",
        next_due=9,
    )
    s.interaction(
        InteractionKind.EVENT,
        36,
        f"{names.EVENTS[3]}: built a permit-status prototype with {oxbow_hm.given_name}'s team.",
        [oxbow_hm],
        opportunity=oxbow,
        hour=23,
    )
    s.interaction(
        InteractionKind.EMAIL,
        20,
        f"Sent {oxbow_hm.given_name} my portfolio and a note on the permitting role.",
        [oxbow_hm],
        opportunity=oxbow,
        direction=Direction.OUTBOUND,
    )

    fern_hm = c["fernhollow_hm"]
    introducer = _closest(s, exclude=set(c.roles[r].id for r in c.roles))
    s.tie(me, fern_hm, ConnectionKind.KNOWS, closeness=1, source=f"Via {introducer.display_name}")
    fernhollow = s.opportunity(
        "Fernhollow Biotech",
        "Product Manager, Lab Informatics",
        [(Stage.TARGET, 25, None), (Stage.RESEARCHING, 18, None), (Stage.INTRODUCED, 7, None)],
        route=Route.INTRODUCTION,
        manager="fernhollow_hm",
        place=("Philadelphia", "PA", "US"),
        next_step=f"Coffee with {fern_hm.display_name}",
        next_due=8,
    )
    s.interaction(
        InteractionKind.EMAIL,
        7,
        f"{introducer.given_name} introduced me to {fern_hm.display_name}.",
        [introducer, fern_hm],
        opportunity=fernhollow,
    )

    for org, role, city, region, moves in [
        (
            "Halcyon Transit Systems",
            "Senior Product Manager, Rider Apps",
            "Chicago",
            "IL",
            [21, 14],
        ),
        ("Bluefen Data Co-op", "Product Lead", "Columbus", "OH", [12, 5]),
        ("Lumenfold Optics", "Senior Product Manager, Vision Platform", "Pittsburgh", "PA", [10]),
        ("Jadeway Semiconductors", "Product Manager, Developer Tools", "Raleigh", "NC", [9]),
        ("Kindling Nonprofit Software", "Senior Product Manager", "Baltimore", "MD", [8]),
    ]:
        stages = [Stage.TARGET, Stage.RESEARCHING]
        s.opportunity(
            org,
            role,
            [(stage, ago, None) for stage, ago in zip(stages, moves, strict=False)],
            route=None,
            place=(city, region, "US"),
            next_step=f"Find out who leads the team at {org}",
            next_due=10,
        )
    s.task(
        "Read up on Halcyon's fare-system roadmap",
        10,
        organization_id=n.organizations["Halcyon Transit Systems"].id,
    )

    mossgate = s.opportunity(
        "Mossgate Savings Bank",
        "Digital Product Manager",
        [
            (Stage.TARGET, 90, None),
            (Stage.APPLIED, 70, None),
            (Stage.INTERVIEWING, 62, None),
            (Stage.ON_HOLD, 50, "Hiring freeze until the next budget year."),
        ],
        route=Route.DIRECT,
        manager="mossgate_hm",
        place=("Cleveland", "OH", "US"),
        next_step="Check in when the new budget year starts",
        next_due=40,
    )
    s.tie(me, c["mossgate_hm"], ConnectionKind.INTERVIEWER, closeness=2, source="Interview")
    s.interaction(
        InteractionKind.INTERVIEW,
        62,
        "First round about the mobile-banking roadmap.",
        [(c["mossgate_hm"], Rapport.GOOD)],
        opportunity=mossgate,
        interview_round=1,
    )

    heronsgate = s.opportunity(
        "Heronsgate Legal Tech",
        "Product Manager, Contract Review",
        [
            (Stage.TARGET, 100, None),
            (Stage.APPLIED, 92, None),
            (Stage.INTERVIEWING, 85, None),
            (Stage.WITHDRAWN, 78, "The next round was five days of unpaid work on their backlog."),
        ],
        route=Route.RECRUITER,
        manager="heronsgate_hm",
        place=("Philadelphia", "PA", "US"),
        notes="They asked for a five-day 'trial project' on real customer contracts, unpaid.",
    )
    s.interaction(
        InteractionKind.INTERVIEW,
        85,
        "First round; then they described the unpaid trial project.",
        [(c["heronsgate_hm"], Rapport.NEUTRAL)],
        opportunity=heronsgate,
        interview_round=1,
    )


def _closest(s: Story, *, exclude: set[int]) -> Person:
    """The person nearest the user by recorded closeness, first created on a tie."""
    by_id = {p.id: p for p in s.n.people}
    ranked = sorted(
        (pid for pid in s.n.near_me if pid not in exclude),
        key=lambda pid: (-s.n.near_me[pid], pid),
    )
    return by_id[ranked[0]]


_EVERYDAY: list[tuple[InteractionKind, int, list[str]]] = [
    (
        InteractionKind.MEETING,
        25,
        ["Coffee with {given}: talked about {topic}.", "Lunch with {given}; caught up on {topic}."],
    ),
    (InteractionKind.CALL, 18, ["Call with {given} about {topic}."]),
    (
        InteractionKind.EMAIL,
        22,
        ["E-mailed {given} a follow-up on {topic}.", "{given} wrote about {topic}."],
    ),
    (
        InteractionKind.MESSAGE,
        14,
        ["Congratulated {given} on the new role.", "Quick note to {given}."],
    ),
    (InteractionKind.EVENT, 6, ["{event}: talked with {given} about {topic}."]),
    (
        InteractionKind.FAVOUR_GIVEN,
        6,
        ["Sent {given} a write-up on {topic}.", "Reviewed {given}'s resume before an interview."],
    ),
    (
        InteractionKind.FAVOUR_RECEIVED,
        5,
        ["{given} reviewed my portfolio case study.", "{given} passed along a lead on {topic}."],
    ),
    (InteractionKind.NOTE, 4, ["{given} is open to helping with introductions."]),
]
# Who wrote the everyday messages and e-mails above.
_WRITER = {
    "E-mailed {given} a follow-up on {topic}.": Direction.OUTBOUND,
    "{given} wrote about {topic}.": Direction.INBOUND,
    "Congratulated {given} on the new role.": Direction.OUTBOUND,
    "Quick note to {given}.": Direction.OUTBOUND,
}


def _everyday(s: Story) -> None:
    """A year of ordinary contact, mostly with the people closest to the user."""
    rng = s.n.rng
    by_id = {p.id: p for p in s.n.people}
    reserved = s.n.reserved
    ids = [pid for pid in s.n.near_me if pid not in reserved]
    weights = [s.n.near_me[pid] ** 2 for pid in ids]
    kinds = [k for k, _, _ in _EVERYDAY]
    for _ in range(rng.randint(110, 150)):
        index = rng.choices(range(len(kinds)), weights=[w for _, w, _ in _EVERYDAY])[0]
        kind, _, templates = _EVERYDAY[index]
        person = by_id[rng.choices(ids, weights=weights)[0]]
        party = [person]
        if kind is InteractionKind.EVENT:
            party += [by_id[pid] for pid in rng.sample(ids, 2) if pid != person.id]
        template = rng.choice(templates)
        summary = template.format(
            given=person.given_name or person.display_name,
            topic=rng.choice(TOPICS + names.INTERESTS),
            event=rng.choice(names.EVENTS),
        )
        s.interaction(
            kind, rng.randint(1, 365), summary, party,
            direction=_WRITER.get(template), hour=rng.randint(13, 22),
        )  # fmt: skip
    friend = by_id[rng.choice([pid for pid in ids if s.n.near_me[pid] >= 4])]
    s.task(f"Send {friend.display_name} the article on transit data", 5, person_id=friend.id)
