import factory
from django.contrib.auth.models import Group

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
