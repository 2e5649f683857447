"""Build the demo network through the service functions, deterministically for a seed.

The population (organizations, people, careers, ties) is made here; the job search told on top
of it (opportunities, interviews, the rejection, everyday contact, tasks) is in `story.py`.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from goodword.connections import service as connections
from goodword.connections.models import ConnectionKind
from goodword.connections.schemas import ConnectionCreate
from goodword.demo import names
from goodword.errors import Conflict
from goodword.organizations import service as organizations
from goodword.organizations.models import Organization
from goodword.organizations.schemas import OrganizationCreate
from goodword.people import service as people
from goodword.people.models import Person
from goodword.people.schemas import PersonCreate, PositionCreate

_TRANSLITERATE = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "\u0131": "i",
        "đ": "d",
        "Đ": "d",
        "æ": "ae",
    }
)


@dataclass(frozen=True)
class DemoSummary:
    """What the demo loaded: record counts, the user, and the rejection to learn from."""

    people: int
    organizations: int
    positions: int
    opportunities: int
    interactions: int
    connections: int
    tasks: int
    me_id: int
    rejected_opportunity_id: int


# (organization name, department, title, start, end or None while current)
JobSpec = tuple[str, str, str, date, date | None]


@dataclass
class Job:
    organization: Organization
    department: str
    title: str
    start: date
    end: date | None


@dataclass
class Network:
    """The population as the story needs it, with the counts so far."""

    session: Session
    workspace_id: int
    rng: random.Random
    today: date
    organizations: dict[str, Organization] = field(default_factory=dict)
    people: list[Person] = field(default_factory=list)
    jobs: dict[int, list[Job]] = field(default_factory=dict)
    ties: set[tuple[int, int, ConnectionKind]] = field(default_factory=set)
    used_names: set[str] = field(default_factory=set)
    reserved: set[int] = field(default_factory=set)
    # person id -> the closest tie the user has recorded with them (1 when not rated)
    near_me: dict[int, int] = field(default_factory=dict)
    used_emails: set[str] = field(default_factory=set)
    positions: int = 0
    phones_used: int = 0
    me: Person | None = None

    def days_ago(self, days: int) -> date:
        return self.today - timedelta(days=days)

    def current(self, person: Person) -> Job | None:
        return next((job for job in self.jobs.get(person.id, []) if job.end is None), None)

    def staff(self, organization_name: str, *, current: bool = True) -> list[Person]:
        """People with a current (or any past) job at the organization, in creation order."""
        org_id = self.organizations[organization_name].id
        return [
            person
            for person in self.people
            if any(
                job.organization.id == org_id and ((job.end is None) == current)
                for job in self.jobs.get(person.id, [])
            )
        ]

    def connect(
        self,
        a: Person,
        b: Person,
        kind: ConnectionKind,
        *,
        closeness: int | None = None,
        since: date | None = None,
        source: str | None = None,
        notes: str | None = None,
    ) -> bool:
        """Record a tie unless the same kind already joins the two; True when it was added."""
        key = (min(a.id, b.id), max(a.id, b.id), kind)
        if a.id == b.id or key in self.ties:
            return False
        self.ties.add(key)
        if self.me is not None and self.me.id in (a.id, b.id):
            other = b.id if a.id == self.me.id else a.id
            self.near_me[other] = max(self.near_me.get(other, 1), closeness or 1)
        connections.create(
            self.session,
            workspace_id=self.workspace_id,
            data=ConnectionCreate(
                person_a_id=a.id,
                person_b_id=b.id,
                kind=kind,
                closeness=closeness,
                since=since,
                source=source,
                notes=notes,
            ),
        )
        return True

    def draw_name(self) -> tuple[str, str]:
        """A given and family name no one in the demo has yet; now and then across groups."""
        while True:
            given_names, family_names = self.rng.choice(names.NAME_GROUPS)
            if self.rng.random() < 0.12:
                family_names = self.rng.choice(names.NAME_GROUPS)[1]
            given, family = self.rng.choice(given_names), self.rng.choice(family_names)
            # Only the user is a Castillo, so no one looks like a relative.
            if f"{given} {family}" not in self.used_names and family != "Castillo":
                self.used_names.add(f"{given} {family}")
                return given, family

    def phone(self, city: str) -> str:
        """A fictitious number, written the way people in that city tend to write it."""
        self.phones_used += 1
        tail = self.phones_used % 100
        if city.startswith("London"):
            return f"+44 20 7946 0{self.phones_used % 1000:03d}"
        area = "416" if city.startswith("Toronto") else self.rng.choice(names.PHONE_AREAS)
        style = self.rng.randrange(3)
        if style == 0:
            return f"+1 {area} 555 01{tail:02d}"
        if style == 1:
            return f"({area}) 555-01{tail:02d}"
        return f"{area}.555.01{tail:02d}"

    def email(self, given: str, family: str, domain: str) -> str:
        base = f"{slug(given)}.{slug(family)}"
        address, n = f"{base}@{domain}", 2
        while address in self.used_emails:
            address, n = f"{base}{n}@{domain}", n + 1
        self.used_emails.add(address)
        return address

    def add_person(
        self,
        given: str,
        family: str,
        jobs: list[JobSpec],
        *,
        location: str | None = None,
        is_me: bool = False,
        tags: list[str] | None = None,
        interests: list[str] | None = None,
        how_we_met: str | None = None,
        phone: bool | None = None,
        linkedin: bool | None = None,
        personal_email: bool | None = None,
    ) -> Person:
        """Create a person with jobs given as (organization, department, title, start, end)."""
        rng = self.rng
        current = next((j for j in jobs if j[4] is None), None)
        if location is None:
            home = self.organizations[current[0]].location if current else None
            location = home if home and rng.random() < 0.8 else rng.choice(names.CITIES)
        emails = []
        if current is not None:
            domain = self.organizations[current[0]].domains[0]
            emails.append(self.email(given, family, domain))
        if personal_email if personal_email is not None else rng.random() < 0.25:
            emails.append(
                self.email(given, family, rng.choice(["postbox.example", "mail.example"]))
            )
        phones = []
        wants_phone = phone if phone is not None else rng.random() < 0.35
        if wants_phone and not location.startswith("Berlin"):
            phones.append(self.phone(location))
        urls = []
        if linkedin if linkedin is not None else rng.random() < 0.6:
            # Shaped like a LinkedIn profile, but on the reserved .example domain: a real
            # linkedin.com address could open a real person's profile.
            handle = f"{slug(given)}-{slug(family)}-{rng.randrange(16**4):04x}"
            form = rng.choice(["https://www.linkedin.example/in/{}/", "linkedin.example/in/{}"])
            urls.append(form.format(handle))
        person = people.create(
            self.session,
            workspace_id=self.workspace_id,
            data=PersonCreate(
                given_name=given,
                family_name=family,
                emails=emails,
                phones=phones,
                urls=urls,
                location=location,
                tags=tags if tags is not None else rng.sample(names.TAGS, rng.choice([0, 0, 1, 2])),
                interests=(
                    interests
                    if interests is not None
                    else rng.sample(names.INTERESTS, rng.choice([0, 1, 2, 3]))
                ),
                how_we_met=how_we_met,
                is_me=is_me,
            ),
        )
        self._hire(person, jobs)
        self.people.append(person)
        if is_me:
            self.me = person
        return person

    def adopt_me(self, person: Person, jobs: list[JobSpec]) -> Person:
        """Cast the user's own person as the job seeker: the story's career, nothing else.

        Their name and whatever else they wrote stay as they are; no made-up e-mail, phone or
        profile link is added to them.
        """
        self.used_names.add(person.display_name)
        self._hire(person, jobs)
        self.people.append(person)
        self.me = person
        return person

    def _hire(self, person: Person, jobs: list[JobSpec]) -> None:
        self.jobs[person.id] = []
        # Past jobs first: a new current job would otherwise close the ones before it.
        for org_name, department, title, start, end in sorted(jobs, key=lambda j: j[3]):
            organization = self.organizations[org_name]
            people.add_position(
                self.session,
                workspace_id=self.workspace_id,
                person_id=person.id,
                data=PositionCreate(
                    organization_id=organization.id,
                    title=title,
                    department=department,
                    start_date=start,
                    end_date=end,
                    is_current=end is None,
                ),
            )
            self.jobs[person.id].append(Job(organization, department, title, start, end))
            self.positions += 1


def slug(text: str) -> str:
    """An ASCII e-mail or URL fragment for a name: 'Łukasz' -> 'lukasz', "O'Brien" -> 'obrien'."""
    plain = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    ascii_text = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return "".join(c for c in ascii_text if c.isascii() and (c.isalnum() or c == "-"))


def fits(session: Session, *, workspace_id: int) -> bool:
    """Whether the demo may load: nothing is recorded yet, except perhaps the user themself
    (whose record then takes the job seeker's part and the story's career)."""
    from goodword.interactions.models import Interaction
    from goodword.leads.models import Lead
    from goodword.opportunities.models import Opportunity
    from goodword.tasks.models import Task

    others = exists().where(Person.workspace_id == workspace_id, Person.is_me.is_(False))
    if session.scalar(select(others)):
        return False
    return not any(
        session.scalar(select(exists().where(model.workspace_id == workspace_id)))
        for model in (Organization, Opportunity, Interaction, Task, Lead)
    )


def build(
    session: Session, *, workspace_id: int, seed: int = 2026, today: date | None = None
) -> DemoSummary:
    """Load the demo network into an empty workspace; the same seed and day give the same data.

    The workspace may already hold the user's own person (and no one else): the demo keeps
    them and casts them as its job seeker instead of making up Robin Castillo.
    """
    from goodword.demo import story

    if not fits(session, workspace_id=workspace_id):
        raise Conflict(
            "This workspace already holds records besides you; the demo loads only into an "
            "empty one (or one that holds only you)."
        )
    mine = people.get_me(session, workspace_id=workspace_id)
    network = Network(session, workspace_id, random.Random(seed), today or date.today())
    _organizations(network)
    me = _me(network, mine)
    _population(network)
    cast = story.cast(network)
    _ties_of_me(network, me)
    _ties_among_others(network)
    counts = story.tell(network, cast)
    return DemoSummary(
        people=len(network.people),
        organizations=len(network.organizations),
        positions=network.positions,
        opportunities=counts.opportunities,
        interactions=counts.interactions,
        connections=len(network.ties),
        tasks=counts.tasks,
        me_id=me.id,
        rejected_opportunity_id=counts.rejected_opportunity_id,
    )


def _organizations(network: Network) -> None:
    rng = network.rng
    others = [o for o in names.ORGANIZATIONS if o[0] not in names.STORY_ORGANIZATIONS]
    chosen = set(names.STORY_ORGANIZATIONS) | {
        o[0] for o in rng.sample(others, rng.randint(14, len(others)))
    }
    for name, about, city, agency in names.ORGANIZATIONS:
        if name not in chosen:
            continue
        domain_stem = slug(name.replace("&", "and").replace(" ", "").replace("-", ""))
        aliases = [name.split()[0]] if len(name.split()) > 2 and rng.random() < 0.5 else []
        network.organizations[name] = organizations.create(
            network.session,
            workspace_id=network.workspace_id,
            data=OrganizationCreate(
                name=name,
                aliases=aliases,
                domains=[f"{domain_stem}.example"],
                location=city,
                notes=about + (" A recruiting agency." if agency else ""),
            ),
        )


def _me(network: Network, mine: Person | None) -> Person:
    """The user: a senior product manager in Pittsburgh, still employed, looking quietly.

    Robin Castillo, unless the user recorded themself already: then they take Robin's part.
    """
    d = network.days_ago
    jobs: list[JobSpec] = [
        ("Cobalt Ferry Logistics", "Operations", "Business Analyst", d(3650), d(2740)),
        ("Brightwater Analytics", "Product", "Product Manager", d(2700), d(1150)),
        ("Quillstone Software", "Product", "Senior Product Manager", d(1120), None),
    ]
    if mine is not None:
        return network.adopt_me(mine, jobs)
    return network.add_person(
        "Robin",
        "Castillo",
        jobs,
        location="Pittsburgh, PA",
        is_me=True,
        tags=[],
        interests=["accessibility", "public transit", "data visualisation", "cycling"],
        phone=True,
        linkedin=True,
        personal_email=True,
    )


def _agency(network: Network, org_name: str) -> bool:
    return "recruiting agency" in (network.organizations[org_name].notes or "")


def career(network: Network, org_names: list[str], weights: list[float]) -> list[JobSpec]:
    """A plausible career: maybe a current job, and up to three earlier ones going back."""
    rng = network.rng
    department = rng.choices(
        list(names.DEPARTMENTS), weights=[w for w, _ in names.DEPARTMENTS.values()]
    )[0]
    titles = names.DEPARTMENTS[department][1]
    level = min(len(titles) - 1, int(rng.triangular(0, len(titles), 1)))
    jobs: list[JobSpec] = []
    start = network.days_ago(rng.randint(45, 2900))
    if rng.random() > 0.06:
        org = rng.choices(org_names, weights=weights)[0]
        if _agency(network, org):
            jobs.append((org, "Talent", rng.choice(names.RECRUITER_TITLES), start, None))
        else:
            jobs.append((org, department, titles[level], start, None))
    else:
        start = network.days_ago(rng.randint(30, 200))  # between jobs since then
    for _ in range(rng.choices([0, 1, 2, 3], weights=[3, 4, 2, 1])[0]):
        end = start - timedelta(days=rng.randint(0, 75))
        start = end - timedelta(days=rng.randint(300, 1600))
        level = max(0, level - rng.choice([0, 1]))
        earlier = [
            o for o in org_names if o not in {j[0] for j in jobs} and not _agency(network, o)
        ]
        org = rng.choice(earlier)
        jobs.append((org, department, titles[level], start, end))
    return jobs


def _population(network: Network) -> None:
    rng = network.rng
    org_names = list(network.organizations)
    # A few large employers and many small ones, as in any city.
    weights = [min(12.0, rng.paretovariate(1.3)) for _ in org_names]
    for index, name in enumerate(org_names):
        if name in ("Quillstone Software", "Brightwater Analytics", "Larkspur Health"):
            weights[index] = max(weights[index], 6.0)
        elif _agency(network, name):
            weights[index] = 0.6
    for _ in range(rng.randint(280, 340)):
        given, family = network.draw_name()
        how = rng.choice(names.HOW_WE_MET) if rng.random() < 0.2 else None
        network.add_person(given, family, career(network, org_names, weights), how_we_met=how)


def _ties_of_me(network: Network, me: Person) -> None:
    """The user's own ties, of every kind, each with a closeness the user chose."""
    rng, d = network.rng, network.days_ago
    connect = network.connect
    for person in network.staff("Quillstone Software")[:14]:
        connect(me, person, ConnectionKind.COLLEAGUE, closeness=rng.randint(2, 4), source="Work")
    my_jobs = network.jobs[me.id]
    for person in network.people:
        for job in network.jobs.get(person.id, []):
            for mine in my_jobs:
                if mine.end is None or job.organization.id != mine.organization.id:
                    continue
                overlaps = job.start < mine.end and (job.end is None or job.end > mine.start)
                if overlaps and rng.random() < 0.8:
                    connect(
                        me,
                        person,
                        ConnectionKind.FORMER_COLLEAGUE,
                        closeness=rng.randint(1, 4),
                        since=max(job.start, mine.start),
                        source=f"Worked together at {mine.organization.name}",
                    )
    # People the story casts in particular roles get their ties to the user from the story.
    others = [p for p in network.people if p.id != me.id and p.id not in network.reserved]
    for person in rng.sample(others, 14):
        connect(me, person, ConnectionKind.FRIEND, closeness=rng.randint(4, 5), since=d(3000))
    for person in rng.sample(others, 16):
        connect(
            me,
            person,
            ConnectionKind.MET_AT_EVENT,
            closeness=rng.randint(1, 2),
            since=d(rng.randint(20, 700)),
            source=rng.choice(names.EVENTS),
        )
    for person in rng.sample(others, 45):
        connect(
            me,
            person,
            ConnectionKind.LINKEDIN,
            closeness=rng.choice([None, 1, 1, 2]),
            since=d(rng.randint(30, 3000)),
            source="LinkedIn",
        )
    for agency in ("Wayfinder Talent Partners", "Copperkey Recruiting"):
        for person in network.staff(agency)[:3]:
            connect(me, person, ConnectionKind.RECRUITER, closeness=rng.randint(2, 3))
    friends = [
        a + b - me.id
        for (a, b, kind) in sorted(network.ties)
        if kind is ConnectionKind.FRIEND and me.id in (a, b)
    ]
    by_id = {p.id: p for p in network.people}
    for person in rng.sample(others, 6):
        teller = by_id[rng.choice(friends)]
        connect(
            me,
            person,
            ConnectionKind.KNOWS,
            closeness=1,
            source=f"Mentioned by {teller.display_name}",
        )


def _ties_among_others(network: Network) -> None:
    """Colleagues, former colleagues, friends and second-hand acquaintances among everyone else."""
    rng = network.rng
    me_id = network.me.id if network.me else -1
    current: dict[int, list[Person]] = {}
    alumni: dict[int, list[Person]] = {}
    for person in network.people:
        if person.id == me_id:
            continue
        for job in network.jobs[person.id]:
            (current if job.end is None else alumni).setdefault(job.organization.id, []).append(
                person
            )
    for staff in current.values():
        for person in staff:
            for other in rng.sample(staff, min(len(staff), rng.randint(1, 3))):
                network.connect(person, other, ConnectionKind.COLLEAGUE, source="Work")
    for org_id, former in alumni.items():
        pool = former + current.get(org_id, [])
        for person in former:
            for other in rng.sample(pool, min(len(pool), rng.randint(1, 2))):
                network.connect(person, other, ConnectionKind.FORMER_COLLEAGUE)
    others = [p for p in network.people if p.id != me_id]
    for _ in range(len(others) // 2):
        a, b = rng.sample(others, 2)
        network.connect(a, b, ConnectionKind.FRIEND)
    for _ in range(len(others) // 3):
        a, b = rng.sample(others, 2)
        network.connect(a, b, ConnectionKind.KNOWS, source="Second-hand")
