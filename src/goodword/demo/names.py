"""Word lists for the demo network, all invented for Goodword.

Names come in cultural groups so most people get a given and family name that belong together;
the generator mixes groups now and then, as real families do. Organizations are made up, and
their web domains use the reserved `.example` top-level domain so none can reach a real site;
so do e-mail addresses and the LinkedIn-style profile links (`linkedin.example/in/...`).
"""

from __future__ import annotations

# (given names, family names) per group; a few carry letters beyond ASCII on purpose.
NAME_GROUPS: list[tuple[list[str], list[str]]] = [
    (
        ["Amara", "Chidi", "Ngozi", "Tunde", "Ifeoma", "Kwame", "Abena", "Kofi", "Efua", "Emeka"],
        ["Okafor", "Adeyemi", "Mensah", "Boateng", "Eze", "Nwosu", "Asante", "Owusu", "Balogun"],
    ),
    (
        ["Wanjiru", "Baraka", "Achieng", "Tesfaye", "Hirut", "Selam", "Juma", "Zawadi"],
        ["Kamau", "Otieno", "Mekonnen", "Wambui", "Haile", "Mwangi", "Kiprono", "Abebe"],
    ),
    (
        ["Layla", "Omar", "Yasmin", "Karim", "Nour", "Samir", "Rania", "Tariq", "Hana", "Ziad"],
        ["Haddad", "Khoury", "Mansour", "Nasser", "Saleh", "Farouk", "Aziz", "Hamdan"],
    ),
    (
        ["Darius", "Shirin", "Kian", "Parisa", "Arash", "Laleh", "Navid", "Roya"],
        ["Tehrani", "Farahani", "Rahimi", "Moradi", "Karimi", "Sadeghi"],
    ),
    (
        ["Elif", "Emre", "Zeynep", "Burak", "Defne", "Can", "Aylin", "Murat"],
        ["Yılmaz", "Demir", "Şahin", "Kaya", "Aydın", "Öztürk", "Çelik", "Arslan"],  # noqa: RUF001
    ),
    (
        [
            "Priya",
            "Arjun",
            "Ananya",
            "Rohan",
            "Kavya",
            "Vikram",
            "Meera",
            "Sanjay",
            "Divya",
            "Nikhil",
        ],
        [
            "Raman",
            "Iyer",
            "Patel",
            "Menon",
            "Krishnan",
            "Bhatt",
            "Reddy",
            "Nair",
            "Kulkarni",
            "Rao",
        ],
    ),
    (
        ["Ayesha", "Bilal", "Sana", "Imran", "Farah", "Hamza", "Nadia", "Rafiq", "Tahmina"],
        ["Qureshi", "Siddiqui", "Chowdhury", "Malik", "Rahman", "Hossain", "Butt", "Sheikh"],
    ),
    (
        ["Wei", "Mei", "Jun", "Xiaoling", "Hao", "Lin", "Yan", "Zhiwei", "Ling", "Bo"],
        ["Zhang", "Chen", "Liu", "Wang", "Huang", "Zhou", "Xu", "Lin", "Tang", "Guo"],
    ),
    (
        ["Haruto", "Yui", "Sota", "Aoi", "Ren", "Sakura", "Daiki", "Hina"],
        ["Tanaka", "Sato", "Watanabe", "Kobayashi", "Yamamoto", "Nakamura", "Ishikawa"],
    ),
    (
        ["Ji-woo", "Min-jun", "Seo-yeon", "Hyun-woo", "Ha-eun", "Dong-hyun", "Soo-ah"],
        ["Kim", "Park", "Choi", "Jeong", "Kang", "Yoon", "Han"],
    ),
    (
        ["Linh", "Minh", "Thảo", "Quân", "Hương", "Bảo", "Trang"],
        ["Nguyễn", "Trần", "Phạm", "Lê", "Võ", "Đặng"],
    ),
    (
        ["Maricel", "Paolo", "Jasmine", "Rodel", "Kristine", "Jericho", "Dindo"],
        ["Santos", "Reyes", "Bautista", "Villanueva", "Dela Cruz", "Mendoza", "Aquino"],
    ),
    (
        ["Putri", "Adi", "Sari", "Bayu", "Dewi", "Rizky"],
        ["Wijaya", "Susanto", "Hartono", "Kusuma", "Pratama"],
    ),
    (
        ["Lucía", "Mateo", "Valentina", "Diego", "Camila", "Javier", "Ximena", "Andrés", "Sofía"],
        ["García", "Hernández", "Morales", "Castillo", "Ramírez", "Vargas", "Ortega", "Peña"],
    ),
    (
        ["João", "Beatriz", "Thiago", "Mariana", "Rafael", "Larissa", "Caio", "Fernanda"],
        ["Silva", "Oliveira", "Costa", "Pereira", "Almeida", "Carvalho", "Rocha", "Gonçalves"],
    ),
    (
        ["Emily", "Marcus", "Hannah", "Tyler", "Grace", "Caleb", "Olivia", "Nathan", "Megan"],
        ["Johnson", "Miller", "Brooks", "Turner", "Sullivan", "Hayes", "Foster", "Bennett"],
    ),
    (
        ["DeShawn", "Keisha", "Malik", "Imani", "Jamal", "Tiana", "Andre", "Aaliyah"],
        ["Washington", "Jefferson", "Robinson", "Coleman", "Jenkins", "Simmons", "Harris"],
    ),
    (
        ["Siobhán", "Ciarán", "Aoife", "Niamh", "Declan", "Róisín", "Eoin"],
        ["O'Brien", "Ó Briain", "Murphy", "Kavanagh", "Doyle", "Byrne", "Gallagher"],
    ),
    (
        ["Lukas", "Anja", "Felix", "Jana", "Moritz", "Lena", "Jonas", "Katrin"],
        ["Müller", "Schneider", "Becker", "Hoffmann", "Weiß", "Krüger", "Vogel", "Brandt"],
    ),
    (
        ["Björn", "Ingrid", "Søren", "Astrid", "Mikkel", "Freja", "Henrik", "Saga"],
        ["Lindqvist", "Johansson", "Nørgaard", "Halvorsen", "Berg", "Eriksson", "Dahl"],
    ),
    (
        ["Łukasz", "Agnieszka", "Tomasz", "Magdalena", "Paweł", "Zofia", "Kacper"],
        ["Kowalski", "Nowak", "Wiśniewska", "Zieliński", "Lewandowska", "Wójcik"],
    ),
    (
        ["Tereza", "Ondřej", "Veronika", "Jiří", "Klára"],
        ["Dvořák", "Novotná", "Procházka", "Kučera", "Svobodová"],
    ),
    (
        ["Oksana", "Dmytro", "Yulia", "Andriy", "Iryna", "Taras", "Natalia"],
        ["Kovalenko", "Shevchuk", "Bondarenko", "Melnyk", "Tkachenko", "Hrytsenko"],
    ),
    (
        ["Eleni", "Nikos", "Sofia", "Yannis", "Katerina", "Dimitris"],
        ["Papadopoulos", "Georgiou", "Antonopoulou", "Konstantinou", "Vlachos"],
    ),
    (
        ["Giulia", "Marco", "Chiara", "Luca", "Francesca", "Matteo"],
        ["Rossi", "Bianchi", "Ferrari", "Esposito", "Romano", "Colombo", "Ricci"],
    ),
    (
        ["Camille", "Théo", "Léa", "Hugo", "Chloé", "Mathis", "Zoë", "Renée"],
        ["Dubois", "Lefèvre", "Moreau", "Girard", "Fontaine", "Rousseau", "Mercier"],
    ),
    (
        ["Noa", "Yael", "Eitan", "Tamar", "Ariel", "Shira"],
        ["Levi", "Mizrahi", "Peretz", "Biton", "Friedman", "Avraham"],
    ),
    (
        ["Aroha", "Tama", "Mere", "Nikau", "Losa", "Sione"],
        ["Ngata", "Parata", "Tuilagi", "Fonoti", "Walker"],
    ),
]

# name, one-line description, home city, whether it is a recruiting agency
ORGANIZATIONS: list[tuple[str, str, str, bool]] = [
    ("Quillstone Software", "Developer tools for data teams.", "Pittsburgh, PA", False),
    ("Larkspur Health", "Patient scheduling and care-navigation apps.", "Pittsburgh, PA", False),
    ("Brightwater Analytics", "Retail demand forecasting.", "Columbus, OH", False),
    ("Tidewell Energy", "Software for grid-scale batteries.", "Denver, CO", False),
    ("Northbeam Robotics", "Autonomous carts for warehouses.", "Pittsburgh, PA", False),
    ("Mossgate Savings Bank", "A regional savings bank.", "Cleveland, OH", False),
    ("Cobalt Ferry Logistics", "Freight brokerage and tracking.", "Baltimore, MD", False),
    ("Pinecrest Learning", "Reading tutors for schools.", "Philadelphia, PA", False),
    ("Emberline Games", "Mobile puzzle games.", "Chicago, IL", False),
    ("Stonechat Cloud", "Managed hosting for small firms.", "Raleigh, NC", False),
    ("Oxbow Civic Tech", "Permit and licensing software for cities.", "Pittsburgh, PA", False),
    ("Fernhollow Biotech", "Lab automation for enzyme research.", "Philadelphia, PA", False),
    ("Halcyon Transit Systems", "Fare and scheduling systems for buses.", "Chicago, IL", False),
    ("Bluefen Data Co-op", "A worker-owned data consultancy.", "Columbus, OH", False),
    ("Lumenfold Optics", "Industrial machine-vision cameras.", "Pittsburgh, PA", False),
    ("Jadeway Semiconductors", "Power-management chips.", "Raleigh, NC", False),
    ("Kindling Nonprofit Software", "Donor and volunteer tools.", "Baltimore, MD", False),
    ("Heronsgate Legal Tech", "Contract review software.", "Philadelphia, PA", False),
    ("Saltmarsh Foods", "Snack foods and regional brands.", "Cleveland, OH", False),
    ("Kestrel Loom", "Direct-to-customer home textiles.", "Pittsburgh, PA", False),
    ("Orchard Lane Media", "Local news and podcasts.", "Columbus, OH", False),
    ("Granite Sparrow Security", "Identity and access tools.", "Denver, CO", False),
    ("Ironleaf Manufacturing", "Precision metal parts.", "Cleveland, OH", False),
    ("Juniper Crane Architecture", "Architecture and urban design.", "Pittsburgh, PA", False),
    ("Kettle & Key Hospitality", "Boutique hotels.", "Baltimore, MD", False),
    ("Nightjar Labs", "A product studio for startups.", "Toronto, ON", False),
    ("Plover Insurance Group", "Home and small-business insurance.", "Columbus, OH", False),
    ("Quarry Hill Capital", "Venture fund for industrial software.", "Pittsburgh, PA", False),
    ("Redwing Pharmacy Services", "Pharmacy benefits administration.", "Philadelphia, PA", False),
    ("Silverbirch Telecom", "Rural broadband.", "Raleigh, NC", False),
    ("Umbra Clean Water", "Water-quality sensors.", "Denver, CO", False),
    ("Vesper Aerial Mapping", "Drone surveys for construction.", "Pittsburgh, PA", False),
    ("Wildrye Bakeries", "A chain of neighbourhood bakeries.", "Pittsburgh, PA", False),
    ("Yarrow Mobility", "E-bike fleet software.", "Chicago, IL", False),
    ("Zephyr Bell Audio", "Headphones and studio gear.", "London, UK", False),
    ("Alder & Ash Design Studio", "Brand and product design.", "Philadelphia, PA", False),
    ("Cinderpath Outdoor", "Outdoor gear retail.", "Denver, CO", False),
    ("Driftwood Travel", "Group travel booking.", "Baltimore, MD", False),
    ("Elmstead Hospital Network", "A network of community hospitals.", "Pittsburgh, PA", False),
    ("Foxglove Clinical Research", "Clinical trial operations.", "Raleigh, NC", False),
    ("Goldcrest Freight Software", "Dispatch software for trucking.", "Columbus, OH", False),
    ("Inkcap Publishing", "Educational publishing.", "Chicago, IL", False),
    ("Lanternfish Marine Robotics", "Underwater inspection robots.", "Berlin, Germany", False),
    ("Marigold Home Care", "In-home care services.", "Cleveland, OH", False),
    (
        "Wayfinder Talent Partners",
        "Recruiting for product and engineering.",
        "Pittsburgh, PA",
        True,
    ),
    ("Copperkey Recruiting", "Technical recruiting agency.", "Chicago, IL", True),
]

# The organizations the story needs, which every seed keeps.
STORY_ORGANIZATIONS = [
    "Quillstone Software",
    "Larkspur Health",
    "Brightwater Analytics",
    "Cobalt Ferry Logistics",
    "Tidewell Energy",
    "Northbeam Robotics",
    "Mossgate Savings Bank",
    "Pinecrest Learning",
    "Emberline Games",
    "Stonechat Cloud",
    "Oxbow Civic Tech",
    "Fernhollow Biotech",
    "Halcyon Transit Systems",
    "Bluefen Data Co-op",
    "Lumenfold Optics",
    "Jadeway Semiconductors",
    "Kindling Nonprofit Software",
    "Heronsgate Legal Tech",
    "Wayfinder Talent Partners",
    "Copperkey Recruiting",
]

# department -> titles from junior to senior; weights say how common each department is.
DEPARTMENTS: dict[str, tuple[int, list[str]]] = {
    "Engineering": (
        26,
        [
            "Software Engineer",
            "Senior Software Engineer",
            "Staff Engineer",
            "Engineering Manager",
            "Director of Engineering",
        ],
    ),
    "Product": (
        12,
        [
            "Associate Product Manager",
            "Product Manager",
            "Senior Product Manager",
            "Group Product Manager",
            "Director of Product",
        ],
    ),
    "Design": (6, ["Product Designer", "Senior Product Designer", "Design Lead"]),
    "Data": (7, ["Data Analyst", "Data Scientist", "Senior Data Scientist", "Head of Data"]),
    "Sales": (
        14,
        [
            "Sales Development Representative",
            "Account Executive",
            "Senior Account Executive",
            "Regional Sales Manager",
            "VP of Sales",
        ],
    ),
    "Marketing": (6, ["Marketing Coordinator", "Product Marketing Manager", "Head of Marketing"]),
    "Customer Success": (
        7,
        ["Support Specialist", "Customer Success Manager", "Director of Customer Success"],
    ),
    "People Operations": (
        6,
        ["People Operations Coordinator", "People Partner", "Talent Acquisition Lead"],
    ),
    "Finance": (6, ["Financial Analyst", "Controller", "VP of Finance"]),
    "Leadership": (4, ["Chief Operating Officer", "Chief Technology Officer", "Chief Executive"]),
}

RECRUITER_TITLES = ["Recruiter", "Senior Technical Recruiter", "Recruiting Partner"]

CITIES = [
    "Pittsburgh, PA",
    "Pittsburgh, PA",
    "Pittsburgh, PA",
    "Columbus, OH",
    "Cleveland, OH",
    "Philadelphia, PA",
    "Baltimore, MD",
    "Chicago, IL",
    "Denver, CO",
    "Raleigh, NC",
    "Toronto, ON",
    "London, UK",
    "Berlin, Germany",
]

# Fictitious numbers: 555-0100..0199 in North America, Ofcom's drama range in London.
PHONE_AREAS = ["412", "415", "614", "216", "312", "303", "919", "410"]

TAGS = [
    "mentor",
    "alumni",
    "former team",
    "product community",
    "meetup organiser",
    "hiring manager",
    "recruiter",
    "neighbour",
    "climbing gym",
    "conference",
    "book club",
    "volunteer",
    "investor",
    "open to intros",
]

INTERESTS = [
    "cycling",
    "jazz",
    "open source",
    "data visualisation",
    "sourdough",
    "chess",
    "urbanism",
    "accessibility",
    "climate tech",
    "running",
    "board games",
    "photography",
    "gardening",
    "mentoring",
    "public transit",
    "healthcare access",
    "robotics",
    "poetry",
    "woodworking",
    "music production",
]

HOW_WE_MET = [
    "Worked together on the checkout rebuild.",
    "Met at the Steel City Product meetup.",
    "Introduced by a former manager over coffee.",
    "Sat next to each other at a data conference workshop.",
    "Friends from university.",
    "Met volunteering at the food bank's Saturday shift.",
    "Connected after a panel on hiring practices.",
    "Neighbours for three years.",
    "Same climbing gym; we belay each other.",
]

EVENTS = [
    "Steel City Product meetup",
    "Rust Belt Data Summit",
    "Women in Product breakfast",
    "Civic tech hack night",
    "Health tech founders panel",
    "Design systems workshop",
]
