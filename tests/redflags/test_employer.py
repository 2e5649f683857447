"""Reading who the employer is: a government only when the text plainly says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from goodword.redflags.employer import US_CITY, US_FEDERAL, US_STATE, find_employer


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Medical Support Assistant, GS-0679-05. Open to the public.", "GS-0679-05"),
        ("Grade: GS-12. Full-time, permanent.", "GS-12"),
        ("Pay scale & grade GS 11/12", "GS 11"),
        ("To apply, submit your application through USAJOBS by the closing date.", "USAJOBS"),
        ("Join the Department of Veterans Affairs as a staff nurse.", "Department of Veterans"),
        ("The U.S. Department of Labor is hiring an economist in Chicago.", "Department of Labor"),
        ("Agency: Veterans Health Administration\nLocation: Denver, CO", "Veterans Health"),
        ("This position is with a federal agency in Washington, DC.", "federal agency"),
        ("Work for the federal government and serve your community.", "federal government"),
        ("This is a federal government position in the excepted service.", "federal government"),
        ("Selectee will receive a Title 5 appointment.", "Title 5"),
        ("Appointed under Title 5, United States Code.", "Title 5"),
    ],
)
def test_it_reads_a_federal_employer(text: str, quote: str) -> None:
    employer = find_employer(text)
    assert employer is not None
    assert employer.kind == US_FEDERAL
    assert quote in " ".join(e.quote for e in employer.evidence)
    assert all(text[e.start : e.end] == e.quote for e in employer.evidence)


@pytest.mark.parametrize(
    "text",
    [
        # A private employer that mentions the government.
        "We are an E-Verify employer and will provide the federal government with your I-9.",
        "Acme is a federal contractor. Join the team supporting the Department of Defense.",
        "Our clients include the Department of Veterans Affairs and other federal agencies.",
        "As a contractor, you will work for the federal government on site.",
        "Join the Texas Department of Transportation as a bridge inspector.",
        "The California Department of Veterans Affairs is hiring.",
        "Join the Department of Labor of the State of Illinois.",
        "Federal, state and local taxes are withheld from your pay.",
        "We observe all federal holidays.",
        "Salary is comparable to a GS-12 in the federal government.",
        "Our company is headquartered in Washington near the federal agencies we serve.",
        # Scams that use the government as a lure.
        "Secret government jobs that aren't posted on USAJobs: our insider list has them.",
        "Get access to unlisted federal agency jobs for a $99 fee.",
        # Ordinary words that look like the signs.
        "Bring your GPS and GSM phone; shift runs 9-5.",
        "California community college: minimum qualifications per Title 5 apply.",
        "We offer competitive service to our customers.",
    ],
)
def test_it_does_not_read_a_federal_employer_into_other_texts(text: str) -> None:
    employer = find_employer(text)
    # A state agency such as the Texas Department of Transportation is a state employer.
    assert employer is None or employer.kind != US_FEDERAL


@pytest.mark.parametrize(
    ("text", "kind", "region", "city"),
    [
        ("The State of Oregon is hiring a nurse in Salem.", US_STATE, "OR", None),
        ("Employer: Commonwealth of Pennsylvania\nLocation: Harrisburg, PA", US_STATE, "PA", None),
        ("Join the Michigan Department of Health and Human Services.", US_STATE, "MI", None),
        ("Work for the New York State Department of Labor.", US_STATE, "NY", None),
        # A unit of a state's government, named in the ways states name them.
        ("The California Department of Veterans Affairs is hiring.", US_STATE, "CA", None),
        ("Texas Department of Transportation seeks a bridge inspector.", US_STATE, "TX", None),
        ("Texas Department of Transportation Is Hiring!", US_STATE, "TX", None),
        ("The State of Oregon, Department of Human Services is hiring.", US_STATE, "OR", None),
        ("State of Oregon, Department of Human Services\nJob: Case Worker", US_STATE, "OR", None),
        ("New York State Office of General Services is hiring a buyer.", US_STATE, "NY", None),
        ("Washington State Department of Health is hiring.", US_STATE, "WA", None),
        ("West Virginia Division of Highways seeks engineers.", US_STATE, "WV", None),
        ("Agency: Pennsylvania Department of Corrections", US_STATE, "PA", None),
        ("The Oregon Board of Nursing is accepting applications.", US_STATE, "OR", None),
        ("Join the Department of Labor of the State of Illinois.", US_STATE, "IL", None),
        ("Join the Department of Veterans Affairs of the State of Ohio.", US_STATE, "OH", None),
        ("The Railroad Commission of Texas is hiring an inspector.", US_STATE, "TX", None),
        ("The Public Utility Commission of Texas is hiring.", US_STATE, "TX", None),
        # Without "State of", a unit "... of <State>" that names a public function.
        ("Join the Department of Labor of Illinois.", US_STATE, "IL", None),
        ("The Department of Health and Human Services of Ohio is hiring.", US_STATE, "OH", None),
        ("The Department of Fish, Wildlife and Parks of Montana is hiring.", US_STATE, "MT", None),
        ("Join the Office of the Attorney General of Texas.", US_STATE, "TX", None),
        ("Department of Transportation of Texas\nJob: Bridge Engineer", US_STATE, "TX", None),
        # With it, any unit: the text says whose it is.
        ("Join the Office of Admissions of the State of Georgia.", US_STATE, "GA", None),
        ("Employer: Department of Human Services, State of Oregon", US_STATE, "OR", None),
        ("Join the City of Philadelphia as a planner.", US_CITY, None, "Philadelphia"),
        ("A position with the City of Chicago Department of Finance.", US_CITY, None, "Chicago"),
        ("The City of New Orleans seeks a clerk.", US_CITY, None, "New Orleans"),
    ],
)
def test_it_reads_a_state_or_city_government_employer(
    text: str, kind: str, region: str | None, city: str | None
) -> None:
    employer = find_employer(text)
    assert employer is not None
    assert (employer.kind, employer.region, employer.city) == (kind, region, city)
    assert all(text[e.start : e.end] == e.quote for e in employer.evidence)


@pytest.mark.parametrize(
    "text",
    [
        # The government as a place, a client, a lure or a school.
        "This job is in the City of Chicago, near the river.",
        "Our office is in the City of Philadelphia.",
        "Acme is a contractor for the State of Oregon. Join Acme!",
        "Our clients include the City of Atlanta and the State of Michigan.",
        "Join the State of Michigan University alumni network.",
        "Register your business with the Commonwealth of Pennsylvania.",
        "We pay all State of Virginia taxes for you.",
        # Private firms whose names begin with a state's, and a firm's own "departments".
        "California Closets is hiring a designer.",
        "Texas Roadhouse is hiring servers.",
        "The Washington Post is hiring a reporter.",
        "New York Life is hiring agents.",
        "Join our Department of Growth at Acme.",
        "The Department of Growth at Acme is hiring.",
        "Join the Department of Growth at Acme in Austin, Texas.",
        "The Texas Department of Sales at Acme is hiring.",
        "Join the California Closets Department of Design.",
        "Join the Board of Directors of Texas Roadhouse.",
        "Join the New York Life Office of Agency Development.",
        "Join the New York office of Acme.",
        # A state's unit as a client, a place or a school's; a city's department.
        "Acme is a contractor for the Texas Department of Transportation.",
        "Our clients include the Washington State Department of Health.",
        "Texas Department of Transportation\nAcme is hiring contractors to support TxDOT.",
        "Work in the Texas Department of Transportation building.",
        "Join the Office of Research of the University of Washington.",
        "The University of California Office of the President is hiring.",
        "Join the Washington State University Department of History.",
        # A firm named "... of <State>" whose unit is no public function.
        "The Advertising Agency of Texas is hiring.",
        "The Office of Admissions of Georgia is hiring.",
        "The Department of Marketing of Washington is hiring.",
        "Join the Marketing Department of Ohio Widgets.",
        "The Creative Agency of New York is hiring.",
        "Join the Creative Agency of New York.",
        "Employer: The Creative Agency of New York",
        "Office of Admissions of Georgia\nJob: Enrollment Advisor",
        "The Insurance Agency of Texas is hiring.",
        "The Department of Health Marketing of Ohio is hiring.",
        "Join the Board of Commerce of New Jersey.",
    ],
)
def test_it_does_not_read_a_state_or_city_employer_into_other_texts(text: str) -> None:
    assert find_employer(text) is None


@pytest.mark.parametrize(
    ("text", "region"),
    [
        # A federal department's name, said of a state: that state's department.
        ("Join the Department of Veterans Affairs of Ohio as a claims clerk.", "OH"),
        ("Agency: Department of Veterans Affairs of Ohio", "OH"),
        ("A position with the Department of Homeland Security of Texas.", "TX"),
        ("Employer: Department of Veterans Affairs, State of Ohio", "OH"),
        ("State of Ohio: Department of Veterans Affairs is hiring.", "OH"),
        ("State of Texas: Department of Homeland Security is hiring.", "TX"),
        # Prefixed by the state's name, for every department a state shares with the nation.
        ("Join the Ohio Department of Veterans Affairs.", "OH"),
        ("The Ohio Department of Veterans Services is hiring.", "OH"),
        ("Join the Ohio Department of Labor.", "OH"),
        ("Agency: Ohio Department of Transportation", "OH"),
        ("Join the Ohio Department of Agriculture.", "OH"),
        ("The Ohio Department of Education is hiring.", "OH"),
        ("Join the Ohio Department of Health and Human Services.", "OH"),
        ("Join the Ohio Department of Justice.", "OH"),
        ("Join the Ohio Department of Commerce.", "OH"),
        ("Join the Texas Department of Homeland Security.", "TX"),
        ("Join the Department of Justice of Ohio.", "OH"),
        ("Join the Office of the Attorney General of Ohio.", "OH"),
        # The attorney general's office, named with the state's name in the ways states do.
        ("Join the Ohio Attorney General's Office as a paralegal.", "OH"),
        ("The Ohio Attorney General\u2019s Office is hiring.", "OH"),
        ("Ohio Attorney General's Office\nJob: Paralegal", "OH"),
        ("Work for the Ohio Attorney General.", "OH"),
        ("The Office of the Texas Attorney General is hiring an investigator.", "TX"),
        ("Employer: Office of the New York State Attorney General", "NY"),
        ("The New York State Attorney General's Office seeks a paralegal.", "NY"),
        ("The Office of the Attorney General of Texas is hiring.", "TX"),
        ("Join the California Department of Justice.", "CA"),
        # A state unit named without "of": a commission, board or department of a public function.
        ("Join the Texas Veterans Commission as a claims counselor.", "TX"),
        ("The Texas Workforce Commission is hiring.", "TX"),
        ("Texas Veterans Commission\nJob: Claims Counselor", "TX"),
        ("The Texas Parks and Wildlife Department is hiring.", "TX"),
        ("Join the Texas Railroad Commission.", "TX"),
        ("Join the New York State Education Department.", "NY"),
    ],
)
def test_a_department_of_a_state_reads_as_the_state_though_the_nation_has_one_so_named(
    text: str, region: str
) -> None:
    employer = find_employer(text)
    assert employer is not None
    assert (employer.kind, employer.region) == (US_STATE, region)


@pytest.mark.parametrize(
    "text",
    [
        "Join the Department of Veterans Affairs as a staff nurse.",
        "The Department of Veterans Affairs is hiring.",
        "Join the U.S. Department of Veterans Affairs.",
        "Agency: Department of Veterans Affairs\nLocation: Columbus, OH",
        "Join the Department of Homeland Security.",
        "Join the US Department of Labor.",
        "The U.S. Department of Transportation is hiring an engineer.",
        "Join the United States Department of Agriculture.",
        "Join the U.S. Department of Education.",
        "Join the U.S. Department of Health and Human Services.",
        "Join the U.S. Department of Justice.",
        "Join the U.S. Department of Commerce.",
        # Where the job is, or a part of the department, is no state's department.
        "Join the Department of Veterans Affairs in Ohio.",
        "Join the Department of Veterans Affairs at its Ohio clinic.",
        "Join the Department of Veterans Affairs of Ohio Valley Healthcare.",
        # A region named after a state is the department's regional office, not the state's.
        "Join the Department of Veterans Affairs of the Ohio region as a nurse.",
        "The Department of Veterans Affairs of the Ohio region is hiring nurses.",
        "Agency: Department of Veterans Affairs of the Ohio regional office",
        "Join the Department of Homeland Security of the Texas district.",
        "Join the Department of Veterans Affairs of the Ohio and Kentucky area.",
        # A state's unit named elsewhere leaves a GS grade federal.
        "Join the Department of Veterans Affairs of Ohio. Grade: GS-12.",
    ],
)
def test_a_federal_department_named_bare_stays_federal(text: str) -> None:
    employer = find_employer(text)
    assert employer is not None and employer.kind == US_FEDERAL


@pytest.mark.parametrize(
    "text",
    [
        # "Of <state>" without a public function, and a department only the nation has.
        "Join the Department of Defense of Ohio.",
        "The Bank of Texas is hiring a teller.",
        "Join the Dental Office of Ohio.",
        "The Advertising Agency of Texas is hiring.",
        # A firm named "<State> ... Agency", or a firm's own board or unit.
        "The Texas Insurance Agency is hiring.",
        "The Texas Employment Agency is hiring.",
        "Join the Texas Health Board of Directors.",
        "Join the Texas Health Department at Acme.",
        "Join the Texas Roadhouse Finance Department.",
        "Our clients include the Texas Workforce Commission.",
        "Acme is a contractor for the Department of Veterans Affairs of Ohio.",
        # An attorney general's office that names no state, a firm named after the title, the
        # office as a client, and someone's staff.
        "Join the Office of the Attorney General.",
        "Join the Smith Attorney General Counsel LLC.",
        "The Texas Attorney General Counsel LLC is hiring.",
        "Join the Georgia Attorney General Group.",
        "We represent clients before the Texas Attorney General.",
        "Acme is a contractor for the Ohio Attorney General's Office.",
        "Join the Ohio Attorney General's team.",
    ],
)
def test_a_look_alike_of_a_state_or_federal_department_is_no_government(text: str) -> None:
    assert find_employer(text) is None


CORPUS = Path(__file__).resolve().parents[1] / "data" / "redflags" / "corpus.jsonl"
# Corpus postings by firms named like a state's unit ("The Advertising Agency of Texas").
PRIVATE_LOOKALIKES = ("employer-06", "employer-07", "employer-08", "employer-09", "employer-10")


def test_the_corpus_firms_named_like_a_state_unit_read_as_no_government() -> None:
    with CORPUS.open(encoding="utf-8") as handle:
        items = {item["id"]: item for item in (json.loads(line) for line in handle if line.strip())}
    for key in PRIVATE_LOOKALIKES:
        assert find_employer(items[key]["text"]) is None, key
