"""Synthetic projects and practices of the synthetic network (`manage.py generate_network`).

Each project has partner cities with roles, exactly one lead among them, funding lines from real
programmes, a status reached through the pipeline (its history kept) and dates that fit it. A
fifth as many practices, good and bad, come from the twins' projects. Deterministic and
idempotent like the network: each item's slug ends in its number, and existing slugs are skipped.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from members.models import fold
from members.synthetic import Network, Progress, bulk_insert, moment, no_progress
from projects.models import (
    STORY,
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

PROGRAMMES = [
    ("interreg-aurora", "Interreg Aurora"),
    ("interreg-estonia-latvia", "Interreg Estonia–Latvia"),
    ("interreg-poland-saxony", "Interreg Poland–Saxony"),
    ("interreg-baltic-sea-region", "Interreg Baltic Sea Region"),
    ("interreg-central-baltic", "Interreg Central Baltic"),
    ("interreg-south-baltic", "Interreg South Baltic"),
    ("interreg-czechia-poland", "Interreg Czechia–Poland"),
    ("interreg-central-europe", "Interreg Central Europe"),
    ("interreg-next-poland-ukraine", "Interreg NEXT Poland–Ukraine"),
    ("erasmus-plus", "Erasmus+"),
    ("cerv", "Citizens, Equality, Rights and Values (CERV)"),
]
TOPICS = [
    "Joint bus line", "Bilingual schools", "Shared health centre", "Cross-border job market",
    "One tourist region", "Border crossing without queues", "Joint rescue service",
    "River clean-up", "Cultural festival", "Youth exchange", "Shared city centre",
    "Energy for both towns", "Cycling route across the border", "Joint waste management",
]  # fmt: skip
DESCRIPTIONS = [
    "The partners prepare a joint service that residents of both towns can use.",
    "A plan the councils of both towns adopt, with the people who live at the border.",
    "Pilots on both sides of the border, then a common way of working.",
]
PIPELINE = [
    ProjectStatus.IDEA,
    ProjectStatus.SEEKING_PARTNERS,
    ProjectStatus.SEEKING_FUNDING,
    ProjectStatus.RUNNING,
    ProjectStatus.COMPLETED,
]
STATUS_WEIGHTS = [12, 10, 14, 30, 28, 6]  # PIPELINE, then cancelled
ORGANISATIONS = ["Regional development agency", "Chamber of commerce", "University of applied "
                 "sciences", "Euroregion secretariat", "Border guard academy"]  # fmt: skip


def _dates(rng: random.Random, status: str) -> tuple[datetime.date | None, datetime.date | None]:
    """Start and end that fit the status: running now, over when completed, ahead or unknown
    before."""
    today = timezone.localdate()
    if status in (ProjectStatus.RUNNING, ProjectStatus.COMPLETED):
        years = rng.randint(1, 4)
        if status == ProjectStatus.RUNNING:
            start = today - datetime.timedelta(days=rng.randint(30, 365 * years - 30))
        else:
            start = today - datetime.timedelta(days=rng.randint(365 * years + 30, 365 * 12))
        return start, start + datetime.timedelta(days=365 * years)
    if rng.random() < 0.5:
        return None, None
    start = today + datetime.timedelta(days=rng.randint(60, 700))
    return start, start + datetime.timedelta(days=365 * rng.randint(1, 3))


def _project_plan(rng: random.Random, number: int, network: Network) -> dict:
    lead = rng.choice(network.cities)
    twin_cities = [city for city in network.cities if city.twin_id == lead.twin_id]
    others = [city for city in twin_cities if city.pk != lead.pk]
    partners = [(lead, Role.LEAD)] + [(city, Role.PARTNER) for city in others[:1]]
    for city in rng.sample(network.cities, rng.randint(0, 2)):
        if city not in (partner for partner, _role in partners):
            partners.append((city, rng.choice([Role.PARTNER, Role.ASSOCIATED])))
    topic = rng.choice(TOPICS)
    title = f"{topic}: {lead.name} and {others[0].name}" if others else f"{topic} in {lead.name}"
    status = rng.choices([*PIPELINE, ProjectStatus.CANCELLED], weights=STATUS_WEIGHTS)[0]
    starts_on, ends_on = _dates(rng, status)
    publication = rng.choices(list(Publication), weights=[7, 8, 85])[0]
    project = Project(
        title=title,
        slug=f"{slugify(fold(title))[:70].strip('-')}-{number}",
        summary=f"{topic} for the people of {lead.name}"
        + (f" and {others[0].name}." if others else "."),
        description=rng.choice(DESCRIPTIONS),
        status=status,
        starts_on=starts_on,
        ends_on=ends_on,
        total_budget=Decimal(rng.randrange(20_000, 3_000_000, 1000)),
        publication=publication,
        submitted_at=moment(rng, days_back=900) if publication != Publication.DRAFT else None,
        proposed_for_id=lead.twin_id,
    )
    project.published_at = (
        project.submitted_at + datetime.timedelta(days=rng.randint(1, 30))
        if publication == Publication.PUBLISHED
        else None
    )
    project.search_text = fold(f"{project.title} {project.summary} {project.description}")
    organisation = None
    if rng.random() < 0.2:
        organisation = (rng.choice(ORGANISATIONS), str(lead.country))
    return {
        "project": project,
        "partners": partners,
        "organisation": organisation,
        "sectors": rng.sample(network.sectors, rng.randint(1, 3)),
        "funding": [
            (rng.randrange(len(PROGRAMMES)), rng.randrange(10_000, 1_500_000, 500))
            for _ in range(rng.randint(0, 3))
        ],
    }


def _funding_status(rng: random.Random, status: str) -> str:
    if status in (ProjectStatus.RUNNING, ProjectStatus.COMPLETED):
        return rng.choices([FundingStatus.GRANTED, FundingStatus.REJECTED], weights=[8, 2])[0]
    if status == ProjectStatus.SEEKING_FUNDING:
        return rng.choice([FundingStatus.PLANNED, FundingStatus.APPLIED])
    return rng.choice([FundingStatus.PLANNED, FundingStatus.REJECTED])


def projects_generate(
    *, network: Network, projects: int, seed: int, progress: Progress = no_progress
) -> dict[str, int]:
    """`projects` projects of the network's cities and a fifth as many practices."""
    if not network.cities:
        return {"projects": 0, "practices": 0}
    rng = random.Random(f"{seed}:projects")
    programmes = [
        Programme.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in PROGRAMMES
    ]
    plans = [_project_plan(rng, number, network) for number in range(1, projects + 1)]
    existing = set(Project.objects.values_list("slug", flat=True))
    plans = [plan for plan in plans if plan["project"].slug not in existing]
    for plan in plans:
        plan["project"]._history_date = plan["project"].submitted_at or timezone.now()
    bulk_insert(
        Project, [plan["project"] for plan in plans], progress=progress, label="projects",
        history=True,
    )  # fmt: skip
    partners, sectors, lines, steps = [], [], [], []
    through = Project.sectors.through
    for plan in plans:
        project = plan["project"]
        for position, (city, role) in enumerate(plan["partners"]):
            partners.append(
                ProjectPartner(project=project, city=city, role=role, position=position)
            )
        if plan["organisation"]:
            name, country = plan["organisation"]
            partners.append(
                ProjectPartner(
                    project=project, organisation=name, country=country, role=Role.ASSOCIATED,
                    position=len(plan["partners"]),
                )
            )  # fmt: skip
        sectors += [through(project_id=project.pk, sector_id=s.pk) for s in plan["sectors"]]
        for position, (index, amount) in enumerate(plan["funding"]):
            lines.append(
                FundingLine(
                    project=project, programme=programmes[index], amount=Decimal(amount),
                    status=_funding_status(rng, project.status), position=position,
                )
            )  # fmt: skip
        steps += _status_history(rng, project)
    bulk_insert(ProjectPartner, partners, progress=progress, label="project partners")
    bulk_insert(through, sectors, progress=progress, label="project sectors")
    bulk_insert(FundingLine, lines, progress=progress, label="funding lines")
    bulk_insert(ProjectStatusChange, steps, progress=progress, label="status history")
    practices = practices_generate(
        network=network, count=projects // 5, seed=seed, progress=progress
    )
    return {"projects": len(plans), "practices": practices}


def _status_history(rng: random.Random, project: Project) -> list[ProjectStatusChange]:
    """The pipeline's steps up to the project's status, a few months apart."""
    if project.status == ProjectStatus.CANCELLED:
        reached = [*PIPELINE[: rng.randint(1, 3)], ProjectStatus.CANCELLED]
    else:
        reached = PIPELINE[: PIPELINE.index(project.status) + 1]
    day = (project.starts_on or timezone.localdate()) - datetime.timedelta(days=120 * len(reached))
    steps = []
    for status in reached:
        if status == ProjectStatus.RUNNING and project.starts_on:
            day = project.starts_on
        elif status == ProjectStatus.COMPLETED and project.ends_on:
            day = project.ends_on
        steps.append(ProjectStatusChange(project=project, status=status, changed_on=day))
        day += datetime.timedelta(days=rng.randint(30, 150))
    return steps


def practices_generate(*, network: Network, count: int, seed: int, progress: Progress) -> int:
    rng = random.Random(f"{seed}:practices")
    plans = []
    for number in range(1, count + 1):
        twin = rng.choice(network.twins)
        kind = rng.choices([PracticeKind.GOOD, PracticeKind.BAD], weights=[3, 1])[0]
        topic = rng.choice(TOPICS)
        title = (
            f"{topic} in {twin.name}"
            if kind == PracticeKind.GOOD
            else f"Lessons of {topic.lower()} in {twin.name}"
        )
        publication = rng.choices(list(Publication), weights=[7, 8, 85])[0]
        texts = {
            "context": f"{twin.name}: two towns, one border, two sets of rules.",
            "what_was_done": rng.choice(DESCRIPTIONS),
            "what_happened": "Residents used the service from the first month."
            if kind == PracticeKind.GOOD
            else "The service stopped when the funding ended.",
            "lessons": "Agree on the running costs before the project ends.",
            "transferability": "Any twin with a daily border crossing can do the same.",
        }
        practice = Practice(
            title=title,
            slug=f"{slugify(fold(title))[:70].strip('-')}-{number}",
            kind=kind,
            publication=publication,
            published_at=moment(rng, days_back=900)
            if publication == Publication.PUBLISHED
            else None,
            proposed_for=twin,
            search_text=fold(" ".join([title, *(texts[name] for name in STORY)])),
            **texts,
        )
        plans.append((practice, twin, rng.sample(network.sectors, rng.randint(1, 2))))
    existing = set(Practice.objects.values_list("slug", flat=True))
    plans = [plan for plan in plans if plan[0].slug not in existing]
    bulk_insert(
        Practice, [p for p, _t, _s in plans], progress=progress, label="practices", history=True
    )
    twins, sectors = Practice.twins.through, Practice.sectors.through
    bulk_insert(
        twins, [twins(practice_id=p.pk, citytwin_id=t.pk) for p, t, _s in plans],
        progress=progress, label="practice twins",
    )  # fmt: skip
    bulk_insert(
        sectors, [sectors(practice_id=p.pk, sector_id=s.pk) for p, _t, ss in plans for s in ss],
        progress=progress, label="practice sectors",
    )  # fmt: skip
    return len(plans)
