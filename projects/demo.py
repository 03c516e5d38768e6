"""Sample projects, practices and funding calls for trying the portal (`load_network --demo`).

Built from the association's record (shared/seed/city-twins-association.txt): Tornio – Haparanda's
shared municipal services are the good practice; the programmes are real Interreg programmes.
Everything else is invented to show the pages at work, and every item is marked "Sample". A
second run creates nothing: each sample is found by its slug (calls by programme and title).
"""

import datetime
import zoneinfo
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from members.models import City, CityTwin, Sector
from projects.models import (
    FundingCall,
    FundingLine,
    FundingStatus,
    Practice,
    PracticeKind,
    Programme,
    Project,
    ProjectPartner,
    ProjectStatus,
    ProjectStatusChange,
    Publication,
    Role,
)

D = datetime.date
DEMO_REASON = "sample content (load_network --demo)"

PROGRAMMES = [
    ("interreg-aurora", "Interreg Aurora"),
    ("interreg-estonia-latvia", "Interreg Estonia–Latvia"),
    ("interreg-poland-saxony", "Interreg Poland–Saxony"),
]

PROJECTS = [
    {
        "slug": "sample-tornio-haparanda-shared-city-centre",
        "title": "One city centre for Tornio and Haparanda",
        "summary": "The two city centres grow together at the border, with one tourist "
        "service for both.",
        "description": "Tornio and Haparanda plan their centres as one: shops, services and "
        "tourist information on both sides of the border, reached on foot.",
        "outcomes": "- A joint plan for the centre at the border\n- One tourist information",
        "starts_on": D(2024, 1, 1),
        "ends_on": D(2027, 12, 31),
        "total_budget": Decimal("640000"),
        "sectors": ["industrial-development", "city-administrations"],
        "partners": [("tornio", Role.LEAD), ("haparanda", Role.PARTNER)],
        "funding": [
            ("interreg-aurora", Decimal("480000"), FundingStatus.GRANTED, D(2023, 5, 31),
             D(2023, 11, 15)),
        ],
        "history": [
            (ProjectStatus.IDEA, D(2022, 3, 1)),
            (ProjectStatus.SEEKING_FUNDING, D(2023, 2, 1)),
            (ProjectStatus.RUNNING, D(2024, 1, 1)),
        ],
    },
    {
        "slug": "sample-valka-valga-joint-services",
        "title": "One town, two countries: joint services for Valga and Valka",
        "summary": "Health and social services that residents of both towns can use, whichever "
        "side of the border they live on.",
        "description": "Valga and Valka prepare services their residents share across the "
        "Estonian–Latvian border.",
        "starts_on": D(2026, 3, 1),
        "ends_on": D(2028, 8, 31),
        "total_budget": Decimal("420000"),
        "sectors": ["social-and-health", "border-crossing"],
        "partners": [("valga", Role.LEAD), ("valka", Role.PARTNER)],
        "funding": [
            ("interreg-estonia-latvia", Decimal("350000"), FundingStatus.APPLIED,
             D(2025, 10, 15), None),
        ],
        "history": [
            (ProjectStatus.IDEA, D(2024, 9, 1)),
            (ProjectStatus.SEEKING_FUNDING, D(2025, 6, 1)),
        ],
    },
    {
        "slug": "sample-gorlitz-zgorzelec-culture",
        "title": "Culture on both banks of the Neisse",
        "summary": "A shared programme of festivals and exchanges for Görlitz and Zgorzelec.",
        "starts_on": D(2019, 4, 1),
        "ends_on": D(2022, 3, 31),
        "total_budget": Decimal("260000"),
        "sectors": ["culture", "third-sector"],
        "partners": [("gorlitz", Role.LEAD), ("zgorzelec", Role.PARTNER)],
        "funding": [
            ("interreg-poland-saxony", Decimal("210000"), FundingStatus.GRANTED,
             D(2018, 9, 30), D(2019, 2, 28)),
        ],
        "history": [
            (ProjectStatus.SEEKING_FUNDING, D(2018, 6, 1)),
            (ProjectStatus.RUNNING, D(2019, 4, 1)),
            (ProjectStatus.COMPLETED, D(2022, 3, 31)),
        ],
    },
    {
        "slug": "sample-network-practice-exchange",
        "title": "City twins learn from each other",
        "summary": "Twins at different stages of development build common ways of action from "
        "the best practices of the network.",
        "sectors": ["city-administrations", "twins-interests"],
        "partners": [
            ("imatra", Role.LEAD),
            ("tornio", Role.PARTNER),
            ("narva", Role.PARTNER),
            ("valga", Role.PARTNER),
            ("frankfurt-oder", Role.PARTNER),
            ("A regional development agency (sample)", Role.ASSOCIATED),
        ],
        "funding": [],
        "history": [(ProjectStatus.SEEKING_PARTNERS, D(2025, 1, 15))],
    },
]  # fmt: skip

PRACTICES = [
    {
        "slug": "sample-tornio-haparanda-shared-services",
        "title": "Municipal services run together across the border",
        "kind": PracticeKind.GOOD,
        "twins": ["tornio-haparanda"],
        "sectors": ["city-administrations", "education-and-training", "social-and-health"],
        "project": "sample-tornio-haparanda-shared-city-centre",
        "context": "Tornio and Haparanda face each other across the Finnish–Swedish border. "
        "The association calls them the best example of successful co-operation and common "
        "development of a city pair.",
        "what_was_done": "Many municipal services are carried out in co-operation between the "
        "two cities:\n\n"
        "- Provincia Bothniensis (since 1987), the cities' joint body for planning and running "
        "common services;\n"
        "- a joint language school (since 1989), where Finnish- and Swedish-speaking children "
        "learn together;\n"
        "- a shared city centre and one tourist information for both;\n"
        "- rescue services that help each other across the border without delay.",
        "what_happened": "Sustainable results: the co-operation proved extremely useful and "
        "mutually important for the two cities.",
        "lessons": "A joint body with a mandate from both councils keeps shared services "
        "running beyond any single project.",
        "transferability": "Twins at a different stage of development can start with one "
        "service (rescue co-operation, a school) and build the joint body from there.",
    },
    {
        "slug": "sample-rules-checked-too-late",
        "title": "Planning a shared service before checking both countries' rules",
        "kind": PracticeKind.BAD,
        "twins": [],
        "sectors": ["social-and-health", "border-crossing"],
        "context": "Different conditions and ways of action on social, health and safety "
        "matters cause practical problems between the cities of a twin.",
        "what_was_done": "A shared service was planned in detail on one side of the border "
        "before the other side's legal framework was examined.",
        "what_happened": "The plan met rules it could not satisfy, and months were lost "
        "redrawing it.",
        "lessons": "Map both countries' rules at the start, with officials from both sides at "
        "the table.",
        "transferability": "Every twin plans with two legal systems: ask the network who "
        "solved the same question before.",
    },
]


def _calls(now: datetime.datetime) -> list[dict]:
    """Deadlines a few weeks ahead of the first load, so /funding/ and the digest have calls."""

    def at(days: int, hour: int, zone: str) -> datetime.datetime:
        day = (now + datetime.timedelta(days=days)).date()
        return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=zoneinfo.ZoneInfo(zone))

    return [
        {
            "programme": "interreg-aurora",
            "title": "Small projects across the northern borders (sample call)",
            "deadline": at(21, 15, "Europe/Stockholm"),
            "time_zone": "Europe/Stockholm",
            "eligible_countries": ["FI", "SE", "NO"],
            "link": "https://www.interregaurora.eu/",
        },
        {
            "programme": "interreg-estonia-latvia",
            "title": "Joint public services of border towns (sample call)",
            "deadline": at(60, 16, "Europe/Tallinn"),
            "time_zone": "Europe/Tallinn",
            "eligible_countries": ["EE", "LV"],
            "link": "https://estlat.eu/",
        },
    ]


class _Counter:
    def __init__(self):
        self.created = 0

    def add(self, count: int = 1) -> None:
        self.created += count


@transaction.atomic
def samples_load(*, now: datetime.datetime | None = None) -> int:
    """Create the samples that do not exist yet; return how many rows were created."""
    now = now or timezone.now()
    counter = _Counter()
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    cities = {city.slug: city for city in City.objects.all()}
    twins = {twin.slug: twin for twin in CityTwin.objects.all()}
    programmes = {}
    for slug, name in PROGRAMMES:
        programmes[slug], created = Programme.objects.get_or_create(
            slug=slug, defaults={"name": name}
        )
        counter.add(created)
    projects = {project.slug: project for project in Project.objects.filter(is_sample=True)}
    for sample in PROJECTS:
        if sample["slug"] not in projects:
            projects[sample["slug"]] = _project_create(sample, sectors, cities, programmes, counter)
    for sample in PRACTICES:
        if not Practice.objects.filter(slug=sample["slug"]).exists():
            _practice_create(sample, sectors, twins, projects, counter)
    for call in _calls(now):
        programme = programmes[call["programme"]]
        if not FundingCall.objects.filter(programme=programme, title=call["title"]).exists():
            FundingCall.objects.create(**{**call, "programme": programme}, is_sample=True)
            counter.add()
    return counter.created


def _project_create(sample, sectors, cities, programmes, counter) -> Project:
    fields = {
        key: sample[key]
        for key in ("slug", "title", "summary", "description", "outcomes", "starts_on",
                    "ends_on", "total_budget")
        if key in sample
    }  # fmt: skip
    history = sample["history"]
    project = Project(
        **fields,
        status=history[-1][0],
        publication=Publication.PUBLISHED,
        published_at=timezone.now(),
        is_sample=True,
    )
    project._change_reason = DEMO_REASON
    project.save()
    project.sectors.set([sectors[slug] for slug in sample["sectors"] if slug in sectors])
    partners = []
    for position, (name, role) in enumerate(sample["partners"]):
        if name in cities:
            where = {"city": cities[name]}
        elif role == Role.ASSOCIATED:
            where = {"organisation": name}
        else:
            continue  # a city the secretary removed from the network
        partners.append(ProjectPartner(project=project, role=role, position=position, **where))
    bulk_create_with_history(partners, ProjectPartner)
    bulk_create_with_history(
        [
            FundingLine(
                project=project,
                programme=programmes[programme],
                amount=amount,
                status=status,
                call_deadline=deadline,
                decision_on=decided,
                position=position,
            )
            for position, (programme, amount, status, deadline, decided) in enumerate(
                sample["funding"]
            )
        ],
        FundingLine,
    )
    ProjectStatusChange.objects.bulk_create(
        ProjectStatusChange(project=project, status=status, changed_on=day)
        for status, day in history
    )
    counter.add(1 + len(partners) + len(sample["funding"]) + len(history))
    return project


def _practice_create(sample, sectors, twins, projects, counter) -> Practice:
    fields = {
        key: sample[key]
        for key in ("slug", "title", "kind", "context", "what_was_done", "what_happened",
                    "lessons", "transferability")
    }  # fmt: skip
    practice = Practice(
        **fields,
        project=projects.get(sample.get("project")),
        publication=Publication.PUBLISHED,
        published_at=timezone.now(),
        is_sample=True,
    )
    practice._change_reason = DEMO_REASON
    practice.save()
    practice.sectors.set([sectors[slug] for slug in sample["sectors"] if slug in sectors])
    practice.twins.set([twins[slug] for slug in sample["twins"] if slug in twins])
    counter.add()
    return practice
