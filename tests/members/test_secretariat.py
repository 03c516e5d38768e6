"""Who receives the secretariat's mail, and the deploy check that someone does."""

import subprocess
import uuid

import pytest
from django.core.checks import run_checks

from citytwins.models import Kind, Notification
from members.checks import NO_SECRETARIAT, secretariat_reachable
from members.models import Association, CityTwin
from members.services.applications import application_submit
from members.services.profiles import FieldChange, profile_change_notify
from members.services.secretariat import secretariat_recipients
from tests.citytwins.test_settings import PRODUCTION, run_python
from tests.conftest import shared_database_url
from tests.factories import SecretaryFactory, UserFactory

RECORD_ADDRESS = "heikki.laine@imatra.fi"  # the secretariat's address in the loaded record


@pytest.fixture
def record_only(network):
    """The association's record as load_network leaves it, and no secretary account."""
    assert Association.objects.get().email == RECORD_ADDRESS


def test_the_secretaries_receive_it_when_there_are_any(record_only):
    first = SecretaryFactory(email="secretary@imatra.fi")
    second = SecretaryFactory(email="deputy@imatra.fi")
    SecretaryFactory(email="former@imatra.fi", is_active=False)
    UserFactory(email="staff@tornio.fi", is_staff=True)  # staff, not in the group
    assert secretariat_recipients() == [second, first]


def test_without_an_active_secretary_the_records_address_receives_it(record_only):
    SecretaryFactory(email="former@imatra.fi", is_active=False)
    assert secretariat_recipients() == [RECORD_ADDRESS]


@pytest.mark.django_db
def test_with_neither_no_one_does():
    assert secretariat_recipients() == []


def test_a_membership_application_reaches_the_records_address(record_only):
    application_submit(
        city_name="Kirkenes",
        country="NO",
        twin_city_name="Nikel",
        twin_country="RU",
        contact_name="Kari",
        contact_email="kari@kirkenes.example",
        contact_phone="",
        motivation="We share a border.",
        submission=uuid.uuid4(),
    )
    row = Notification.objects.get(kind=Kind.APPLICATION)
    assert row.address == RECORD_ADDRESS
    assert "Kirkenes" in row.text


def test_a_profile_change_notice_reaches_the_records_address(record_only):
    twin = CityTwin.objects.get(slug="tornio-haparanda")
    profile_change_notify(
        twin=twin,
        by=UserFactory(email="staff@tornio.fi"),
        changes=[FieldChange("Tornio", "population", "22000", "21000")],
    )
    row = Notification.objects.get(kind=Kind.CHANGE_NOTICE)
    assert row.address == RECORD_ADDRESS
    assert "21000" in row.text


def test_the_records_address_is_said_to_receive_the_mail_in_the_admin(client, record_only):
    client.force_login(SecretaryFactory(is_superuser=True))
    association = Association.objects.get()
    page = client.get(f"/admin/members/association/{association.pk}/change/").content.decode()
    assert "it also receives the portal's mail for the secretariat" in page


def deploy_errors() -> list[str]:
    return [
        message.id
        for message in run_checks(include_deployment_checks=True)
        if message.id == NO_SECRETARIAT
    ]


@pytest.mark.django_db
def test_the_deploy_check_names_a_missing_secretariat_in_production(settings):
    settings.DEBUG = False
    [error] = secretariat_reachable()
    assert error.id == NO_SECRETARIAT
    assert "secretary_create" in error.hint
    assert deploy_errors() == [NO_SECRETARIAT]


def test_the_deploy_check_is_content_with_the_records_address(settings, record_only):
    settings.DEBUG = False
    assert deploy_errors() == []


@pytest.mark.django_db
def test_the_deploy_check_is_content_with_a_secretary(settings):
    settings.DEBUG = False
    SecretaryFactory()
    assert deploy_errors() == []


@pytest.mark.django_db
def test_development_is_not_judged(settings):
    settings.DEBUG = True
    assert secretariat_reachable() == []


def check_deploy(database_url: str) -> subprocess.CompletedProcess:
    """`manage.py check --deploy` as start-up runs it, under production settings."""
    code = (
        "from django.core.management import execute_from_command_line;"
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'ERROR'])"
    )
    return run_python(code, **PRODUCTION, DATABASE_URL=database_url)


def test_check_deploy_fails_naming_the_missing_recipient_then_passes(transactional_db):
    """The acceptance: on a migrated database with neither a secretary nor a record address,
    start-up's `check --deploy` exits non-zero and says who is missing."""
    url = shared_database_url()
    result = check_deploy(url)
    assert result.returncode != 0
    assert "members.E001" in result.stderr
    assert "No one receives the secretariat's mail" in result.stderr
    assert "secretary_create" in result.stderr

    SecretaryFactory(email="secretary@imatra.fi")
    result = check_deploy(url)
    assert result.returncode == 0, result.stderr


def test_check_deploy_skips_a_database_it_cannot_reach(closed_port):
    result = check_deploy(f"postgres://postgres@127.0.0.1:{closed_port}/nowhere")
    assert result.returncode == 0, result.stderr
    assert "members.E001" not in result.stderr
