"""People and events for the events tests: the record's network, its secretary, staff of a
member city in each of two twins, staff of a prospective city (not a member), and a member who
reads the page but belongs to no city."""

import pytest

from members.models import City
from members.roles import secretariat_group_sync
from tests.factories import EventFactory, SecretaryFactory, UserFactory


@pytest.fixture
def secretary(network):
    secretariat_group_sync()
    return SecretaryFactory(email="secretary@imatra.fi", name="Heikki Laine")


@pytest.fixture
def secretary_client(client, secretary):
    client.force_login(secretary)
    return client


@pytest.fixture
def narva_staff(network):
    # Olga reads English (Narva's default is Estonian): the emails checked are the source.
    return UserFactory(
        email="olga@narva.ee", name="Olga", city=City.objects.get(slug="narva"), language="en"
    )


@pytest.fixture
def tornio_staff(network):
    return UserFactory(email="liisa@tornio.fi", name="Liisa", city=City.objects.get(slug="tornio"))


@pytest.fixture
def outsider(network):
    """Staff of Český Těšín, a prospective city: signed in, not a member of the network."""
    return UserFactory(
        email="jana@cesky-tesin.cz", name="Jana", city=City.objects.get(slug="cesky-tesin")
    )


@pytest.fixture
def meeting(network):
    """A public joint meeting in Narva a month from now, 10:00–16:00 Narva time, 5 places."""
    return EventFactory(
        title="Joint meeting on border crossing",
        slug="border-crossing-narva",
        capacity=5,
    )


@pytest.fixture
def members_meeting(network):
    return EventFactory(
        title="Board meeting",
        slug="board-meeting",
        kind="board_meeting",
        audience="members",
        host_city=City.objects.get(slug="tornio"),
    )
