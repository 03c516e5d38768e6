import datetime
from zoneinfo import ZoneInfo

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from members.models import User
from members.roles import SECRETARIAT_GROUP

PASSWORD = "a-long-city-twins-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name")
    password = factory.django.Password(PASSWORD)


class SecretaryFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def secretariat(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "members.Sector"
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"sector-{n}")
    name = factory.Sequence(lambda n: f"Sector {n}")


class CityTwinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "members.CityTwin"
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"twin-{n}")
    name = factory.Sequence(lambda n: f"Twin {n}")
    summary = "Two towns, one border."
    position = factory.Sequence(lambda n: 100 + n)


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "members.City"
        django_get_or_create = ["slug"]

    twin = factory.SubFactory(CityTwinFactory)
    slug = factory.Sequence(lambda n: f"city-{n}")
    name = factory.Sequence(lambda n: f"City {n}")
    native_name = factory.LazyAttribute(lambda city: city.name)
    country = "FI"
    status = "member"
    latitude = "60.00000"
    longitude = "25.00000"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "members.Contact"

    city = factory.SubFactory(CityFactory)
    name = factory.Faker("name")
    role = "International affairs"
    email = factory.Sequence(lambda n: f"contact{n}@city.example.org")
    phone = "+358 40 123 4567"


class SharedServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "members.SharedService"

    twin = factory.SubFactory(CityTwinFactory)
    name = factory.Sequence(lambda n: f"Shared service {n}")


def twins_create(count: int, *, countries=("FI", "SE"), with_details: bool = True) -> list:
    """`count` twins of two cities each (with a contact and a service), made in bulk."""
    from members.models import City, CityTwin, Contact, Sector, SharedService

    sector = Sector.objects.first() or SectorFactory()
    start = CityTwin.objects.count()
    twins = CityTwin.objects.bulk_create(
        CityTwin(
            slug=f"bulk-twin-{start + n}",
            name=f"Bulk {n} – Twin {n}",
            search_text=f"bulk {n} – twin {n}",
            position=1000 + n,
        )
        for n in range(count)
    )
    cities = City.objects.bulk_create(
        City(
            twin=twin,
            slug=f"{twin.slug}-{side}",
            name=f"{twin.name} {side}",
            native_name=f"{twin.name} {side}",
            country=countries[side],
            position=side,
            status="member",
            latitude="60.00000",
            longitude=f"{20 + side}.00000",
            search_text=f"{twin.search_text} {side}",
        )
        for twin in twins
        for side in (0, 1)
    )
    if with_details:
        for twin in twins:
            twin.sectors.add(sector)
        Contact.objects.bulk_create(
            Contact(city=city, name=f"Contact of {city.name}", email=f"{city.slug}@example.org")
            for city in cities
        )
        SharedService.objects.bulk_create(
            SharedService(twin=twin, name=f"Service of {twin.name}", sector=sector)
            for twin in twins
        )
    return twins


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.Programme"
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"programme-{n}")
    name = factory.Sequence(lambda n: f"Programme {n}")


class ProjectFactory(factory.django.DjangoModelFactory):
    """A published project; give `lead=<City>` (and `partners=[...]`) to make its partners."""

    class Meta:
        model = "projects.Project"
        django_get_or_create = ["slug"]
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"project-{n}")
    title = factory.Sequence(lambda n: f"Project {n}")
    summary = "Two towns, one project."
    publication = "published"

    @factory.post_generation
    def lead(self, create, extracted, **kwargs):
        if create and extracted is not None:
            self.partners.create(city=extracted, role="lead")

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        for position, city in enumerate(extracted or [], start=1):
            self.partners.create(city=city, role="partner", position=position)

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)


class EventFactory(factory.django.DjangoModelFactory):
    """A published public joint meeting in Narva, a month from now at 10:00 Narva time."""

    class Meta:
        model = "events.Event"
        django_get_or_create = ["slug"]
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Joint meeting {n}")
    slug = factory.Sequence(lambda n: f"joint-meeting-{n}")
    kind = "joint_meeting"
    host_city = factory.LazyFunction(lambda: _city("narva"))
    host_twin = factory.LazyAttribute(lambda event: event.host_city.twin)
    starts_at = factory.LazyFunction(lambda: _local_in_days(30, 10))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=6))
    venue = "Peetri plats 5, Narva"
    audience = "public"
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)


class PracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.Practice"
        django_get_or_create = ["slug"]
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"practice-{n}")
    title = factory.Sequence(lambda n: f"Practice {n}")
    kind = "good"
    publication = "published"

    @factory.post_generation
    def twins(self, create, extracted, **kwargs):
        if create and extracted:
            self.twins.set(extracted)

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)


class FundingCallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.FundingCall"

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Call {n}")
    deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    time_zone = "Europe/Brussels"
    link = "https://programme.example.org/call"


def projects_create(count: int, *, sectors=(), programme=None) -> list:
    """`count` published projects in bulk, each led by a city of a twin of the network and
    partnered by its twin city, with a sector, a funding line, a status change; and as many
    practices of those twins. Their twins, sectors and cities are the network's as loaded."""
    from members.models import City, Sector
    from projects.models import (
        FundingLine,
        Practice,
        Programme,
        Project,
        ProjectPartner,
        ProjectStatusChange,
    )

    cities = list(City.objects.order_by("twin__position", "position"))
    pairs = [(cities[i], cities[i + 1]) for i in range(0, len(cities) - 1, 2)]
    sectors = list(sectors) or list(Sector.objects.all())
    programme = programme or Programme.objects.first() or ProgrammeFactory()
    start = Project.objects.count()
    projects = Project.objects.bulk_create(
        Project(
            slug=f"bulk-project-{start + n}",
            title=f"Bulk project {n}",
            search_text=f"bulk project {n}",
            publication="published",
            status="running",
            starts_on=datetime.date(2000 + n % 30, 1, 1),
            ends_on=datetime.date(2002 + n % 30, 12, 31),
        )
        for n in range(count)
    )
    ProjectPartner.objects.bulk_create(
        ProjectPartner(project=project, city=city, role=role)
        for n, project in enumerate(projects)
        for city, role in zip(pairs[n % len(pairs)], ("lead", "partner"), strict=True)
    )
    Project.sectors.through.objects.bulk_create(
        Project.sectors.through(project=project, sector=sectors[n % len(sectors)])
        for n, project in enumerate(projects)
    )
    FundingLine.objects.bulk_create(
        FundingLine(project=project, programme=programme, amount=1000 + n, status="granted")
        for n, project in enumerate(projects)
    )
    ProjectStatusChange.objects.bulk_create(
        ProjectStatusChange(project=project, status="running", changed_on=project.starts_on)
        for project in projects
    )
    practices = Practice.objects.bulk_create(
        Practice(
            slug=f"bulk-practice-{start + n}",
            title=f"Bulk practice {n}",
            search_text=f"bulk practice {n}",
            kind="good" if n % 2 else "bad",
            publication="published",
        )
        for n in range(count)
    )
    Practice.twins.through.objects.bulk_create(
        Practice.twins.through(practice=practice, citytwin=pairs[n % len(pairs)][0].twin)
        for n, practice in enumerate(practices)
    )
    Practice.sectors.through.objects.bulk_create(
        Practice.sectors.through(practice=practice, sector=sectors[n % len(sectors)])
        for n, practice in enumerate(practices)
    )
    return projects


def _city(slug: str):
    from members.models import City

    return City.objects.get(slug=slug)


def _local_in_days(days: int, hour: int, zone: str = "Europe/Tallinn") -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=ZoneInfo(zone))


def events_create(count: int, *, city_slug: str = "narva", **fields) -> list:
    """`count` published events hosted by one city, a day apart around today, made in bulk."""
    from events.models import Event

    city = _city(city_slug)
    start = Event.objects.count()
    now = timezone.now()
    return Event.objects.bulk_create(
        Event(
            title=f"Bulk event {start + n}",
            slug=f"bulk-event-{start + n}",
            kind="seminar",
            host_city=city,
            host_twin_id=city.twin_id,
            starts_at=now + datetime.timedelta(days=n - count // 2),
            ends_at=now + datetime.timedelta(days=n - count // 2, hours=3),
            audience="public",
            published_at=now,
            **fields,
        )
        for n in range(count)
    )
