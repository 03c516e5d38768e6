"""A synthetic network for measuring the portal at scale (`manage.py generate_network`).

Twins of border towns along Europe's real land borders, their cities, shared services, sectors
and contacts, city staff as user accounts, and the history of who changed what. Deterministic: the
same seed gives the same network, each kind of row drawn from a random stream of its own, so the
first N twins of a larger run are the N twins of a smaller one. Idempotent: every row has a stable
slug or address, and rows that exist already are skipped (the association's record included).
"""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from citytwins.addresses import address_normalise
from members import record
from members.models import (
    City,
    CityTwin,
    Contact,
    MembershipStatus,
    Sector,
    SharedService,
    User,
    Visibility,
    fold,
)
from members.synthetic.places import (
    BORDER_LIST,
    native_name,
    person_name,
    town_name,
    zone_of,
)

Progress = Callable[[str, int, int], None]
BATCH = 2000
# Addresses of synthetic staff end here: a reserved top-level domain (RFC 2606), never delivered.
MAIL_DOMAIN = ".example"
# Synthetic twins come after the record's in the brochure order.
FIRST_POSITION = 1000
HISTORY_REASON = "generate_network"

SUMMARIES = [
    "{a} and {b} share a border crossing, a bus line and a long history.",
    "Two towns facing each other across the border, joined by a bridge since {year}.",
    "{a} and {b} run joint services for residents on both sides of the border.",
    "A twin of two market towns; cross-border shopping and commuting shape daily life.",
    "{a} and {b} plan their centres together and share a tourist information.",
]
SERVICES = [
    "Joint fire and rescue service", "Cross-border bus line", "Shared library card",
    "Joint tourist information", "Bilingual kindergarten", "Shared swimming hall",
    "Joint waste water treatment", "Cross-border health centre", "Shared cultural centre",
]  # fmt: skip
ROLES = ["International affairs", "Mayor's office", "Development manager", "Town secretary"]
STATUS_WEIGHTS = {
    MembershipStatus.MEMBER: 55,
    MembershipStatus.PARTNER: 20,
    MembershipStatus.PROSPECTIVE: 20,
    MembershipStatus.FORMER: 5,
}
STATUS_NOTES = {
    MembershipStatus.PARTNER: "Cooperates with the network; membership needs a decision of "
    "the council.",
    MembershipStatus.PROSPECTIVE: "Has expressed its will to cooperate with the network.",
    MembershipStatus.FORMER: "Left the association; the twin still cooperates.",
}


def no_progress(label: str, done: int, total: int) -> None:
    """The default progress report: none."""


def bulk_insert(model, objs: list, *, progress: Progress, label: str, history=False) -> list:
    """Insert in batches, reporting progress; with `history`, each row's creation is recorded
    (its `_history_date` and `_history_user` when set)."""
    created = []
    for start in range(0, len(objs), BATCH):
        batch = objs[start : start + BATCH]
        if history:
            created += bulk_create_with_history(
                batch, model, batch_size=BATCH, default_change_reason=HISTORY_REASON
            )
        else:
            created += model.objects.bulk_create(batch, batch_size=BATCH)
        progress(label, start + len(batch), len(objs))
    return created


def moment(rng: random.Random, *, days_back: int, days_ahead: int = 0) -> datetime.datetime:
    """A time between `days_back` days ago and `days_ahead` days from now, on the minute."""
    now = timezone.now().replace(second=0, microsecond=0)
    return now + datetime.timedelta(minutes=rng.randint(-days_back * 1440, days_ahead * 1440))


def unique_slug(text: str, taken: set[str], *alternatives: str) -> str:
    """The slug of `text`, else with each alternative appended in turn; marked taken."""
    base = slugify(fold(text))[:40].strip("-")
    for candidate in (base, *(f"{base}-{alt}" for alt in alternatives)):
        if candidate not in taken:
            taken.add(candidate)
            return candidate
    raise ValueError(f"no free slug for {text!r}")


@dataclass
class Network:
    """The synthetic network as it now stands (whichever run created it), in plan order."""

    twins: list[CityTwin] = field(default_factory=list)
    cities: list[City] = field(default_factory=list)
    staff: list[User] = field(default_factory=list)
    sectors: list[Sector] = field(default_factory=list)
    created: dict[str, int] = field(default_factory=dict)


def _twins_plan(count: int, seed: int) -> list[tuple[CityTwin, list[City]]]:
    """Twins and their two cities, unsaved; slugs never those of the association's record."""
    rng = random.Random(f"{seed}:twins")
    twin_slugs = {slug for slug, _name, _cities in record.TWINS}
    city_slugs = {city[0] for _slug, _name, cities in record.TWINS for city in cities}
    plan = []
    for i in range(count):
        a, b, lat, lon = rng.choice(BORDER_LIST)
        if rng.random() < 0.5:
            a, b = b, a
        names = [town_name(rng, a), town_name(rng, b)]
        number = str(i + 1)
        slug = unique_slug(" ".join(names), twin_slugs, f"{a}-{b}".lower(), number)
        lat, lon = lat + rng.uniform(-1.2, 1.2), lon + rng.uniform(-1.2, 1.2)
        twin = CityTwin(
            slug=slug,
            name=" – ".join(names),
            summary=rng.choice(SUMMARIES).format(
                a=names[0], b=names[1], year=rng.randint(1950, 2015)
            ),
            position=FIRST_POSITION + i,
            search_text=fold(" – ".join(names)),
            checked_at=moment(rng, days_back=400) if rng.random() < 0.6 else None,
        )
        twin._history_date = moment(rng, days_back=2000, days_ahead=-400)
        cities = []
        for position, (name, country, neighbour) in enumerate(((names[0], a, b), (names[1], b, a))):
            status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
            native = native_name(name, country)
            city = City(
                slug=unique_slug(name, city_slugs, country.lower(), number),
                name=name,
                native_name=native,
                country=country,
                position=position,
                latitude=round(lat + position * rng.uniform(0.01, 0.06), 5),
                longitude=round(lon + position * rng.uniform(0.01, 0.06), 5),
                population=int(min(max(rng.lognormvariate(9.6, 0.9), 800), 400_000)),
                time_zone=zone_of(country, neighbour),
                status=status,
                status_since=datetime.date(rng.randint(2006, 2025), rng.randint(1, 12), 1),
                status_note=STATUS_NOTES.get(status, ""),
                search_text=fold(f"{name} {native}"),
            )
            city.website = f"https://www.{city.slug}{MAIL_DOMAIN}/"
            city._history_date = twin._history_date
            cities.append(city)
        plan.append((twin, cities))
    return plan


def network_generate(
    *, twins: int, members: int, seed: int, progress: Progress = no_progress
) -> Network:
    """Twins with their cities, services, sectors and contacts, then `members` staff accounts
    spread over the synthetic cities, and a later edit by staff in the history of some twins."""
    sectors = list(Sector.objects.order_by("position", "pk"))
    if not sectors:
        raise ValueError("No sectors: load the association's record first (load_network).")
    plan = _twins_plan(twins, seed)
    existing = set(CityTwin.objects.values_list("slug", flat=True))
    new = [(twin, cities) for twin, cities in plan if twin.slug not in existing]
    network = Network(sectors=sectors)
    bulk_insert(CityTwin, [twin for twin, _ in new], progress=progress, label="twins", history=True)
    for twin, cities in new:
        for city in cities:
            city.twin = twin
    new_cities = [city for _twin, cities in new for city in cities]
    bulk_insert(City, new_cities, progress=progress, label="cities", history=True)
    _twins_furnish(new, sectors, seed, progress)

    by_slug = CityTwin.objects.filter(slug__in=[twin.slug for twin, _ in plan]).in_bulk(
        field_name="slug"
    )
    network.twins = [by_slug[twin.slug] for twin, _ in plan]
    cities = City.objects.filter(twin__in=network.twins).in_bulk(field_name="slug")
    network.cities = [cities[city.slug] for _twin, plan_cities in plan for city in plan_cities]
    network.staff, staff_created = _staff_generate(network.cities, members, seed, progress)
    _staff_edits(new, network, seed)
    network.created = {
        "twins": len(new),
        "cities": len(new_cities),
        "members": staff_created,
    }
    return network


def _twins_furnish(new, sectors: list[Sector], seed: int, progress: Progress) -> None:
    """The sectors ticked on each new twin, its shared services and each city's contacts."""
    rng = random.Random(f"{seed}:furnish")
    ticks, services, contacts = [], [], []
    through = CityTwin.sectors.through
    for twin, cities in new:
        for sector in rng.sample(sectors, rng.randint(1, 3)):
            ticks.append(through(citytwin_id=twin.pk, sector_id=sector.pk))
        for position, name in enumerate(rng.sample(SERVICES, rng.randint(0, 3))):
            services.append(
                SharedService(
                    twin=twin,
                    name=name,
                    sector=rng.choice(sectors),
                    since=rng.randint(1990, 2024),
                    position=position,
                )
            )
        for city in cities:
            name = person_name(rng, str(city.country))
            contacts.append(
                Contact(
                    city=city,
                    name=name,
                    role=rng.choice(ROLES),
                    email=f"{slugify(fold(name)).replace('-', '.')}@{city.slug}{MAIL_DOMAIN}",
                    email_visibility=rng.choice([Visibility.PUBLIC, Visibility.MEMBERS]),
                )
            )
    bulk_insert(through, ticks, progress=progress, label="sectors ticked")
    bulk_insert(SharedService, services, progress=progress, label="shared services")
    bulk_insert(Contact, contacts, progress=progress, label="contacts")


def _staff_generate(cities: list[City], count: int, seed: int, progress: Progress):
    """City staff accounts: one shared unusable password (nobody signs in as them)."""
    rng = random.Random(f"{seed}:members")
    password = make_password(None)
    people = []
    for i in range(count):
        city = cities[rng.randrange(len(cities))] if cities else None
        country = str(city.country) if city else "FI"
        name = person_name(rng, country)
        domain = f"{city.slug}{MAIL_DOMAIN}" if city else f"network{MAIL_DOMAIN}"
        local = slugify(fold(name)).replace("-", ".")
        joined = moment(rng, days_back=2500)
        people.append(
            User(
                email=address_normalise(f"{local}.{i + 1}@{domain}"),
                name=name,
                city=city,
                password=password,
                is_active=rng.random() < 0.97,
                date_joined=joined,
                last_login=joined + datetime.timedelta(days=rng.randint(0, 300))
                if rng.random() < 0.6
                else None,
            )
        )
    existing = set(User.objects.filter(email__endswith=MAIL_DOMAIN).values_list("email", flat=True))
    new = [person for person in people if person.email not in existing]
    bulk_insert(User, new, progress=progress, label="members")
    stored = User.objects.filter(email__endswith=MAIL_DOMAIN).in_bulk(field_name="email")
    return [stored[person.email] for person in people if person.email in stored], len(new)


def _staff_edits(new, network: Network, seed: int) -> None:
    """A third of the new twins were later edited by their own staff: a history row each, so
    a twin's page says when and from which city it was last updated."""
    rng = random.Random(f"{seed}:edits")
    staff_of: dict[int, list[User]] = {}
    for person in network.staff:
        staff_of.setdefault(person.city_id, []).append(person)
    edited = []
    for twin, cities in new:
        people = [person for city in cities for person in staff_of.get(city.pk, [])]
        if people and rng.random() < 0.33:
            twin._history_user = rng.choice(people)
            twin._history_date = moment(rng, days_back=365)
            edited.append(twin)
    CityTwin.history.bulk_history_create(
        edited, batch_size=BATCH, update=True, default_change_reason="profile edited"
    )
