import pytest
from allauth.account.models import EmailAddress

from members.models import City
from members.roles import secretariat_group_sync
from tests.factories import SecretaryFactory, UserFactory


@pytest.fixture
def demo(network):
    """The record and the samples `load_network --demo` adds."""
    from projects.demo import samples_load

    samples_load()


def _verified(user):
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


@pytest.fixture
def secretary(network):
    secretariat_group_sync()
    return _verified(SecretaryFactory(email="secretary@imatra.fi", name="Heikki Laine"))


@pytest.fixture
def tornio_staff(network):
    city = City.objects.get(slug="tornio")
    # She reads English (her city's default is Finnish): the emails checked are the source.
    return _verified(UserFactory(email="liisa@tornio.fi", name="Liisa", city=city, language="en"))


@pytest.fixture
def narva_staff(network):
    city = City.objects.get(slug="narva")
    return _verified(UserFactory(email="olga@narva.ee", name="Olga", city=city))
