"""Fixtures of the members tests: the secretary in the admin, and two contacts."""

import pytest

from members.models import City
from members.roles import secretariat_group_sync
from tests.factories import ContactFactory, SecretaryFactory


@pytest.fixture
def secretary(db):
    secretariat_group_sync()
    return SecretaryFactory(email="secretary@imatra.fi", name="Heikki Secretary")


@pytest.fixture
def secretary_client(client, secretary):
    client.force_login(secretary)
    return client


@pytest.fixture
def contacts(network):
    return [
        ContactFactory(city=City.objects.get(slug="imatra"), name="Anna Imatra"),
        ContactFactory(city=City.objects.get(slug="narva"), name="Jaan Narva"),
    ]
