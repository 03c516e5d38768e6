import pytest
from allauth.mfa.models import Authenticator

from tests.factories import SecretaryFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary():
    return SecretaryFactory(email="secretary@imatra.fi", is_superuser=True)


def test_without_a_second_factor_the_admin_sends_staff_to_set_one_up(client, settings, secretary):
    settings.MFA_REQUIRED_FOR_ADMIN = True
    client.force_login(secretary)
    response = client.get("/admin/members/citytwin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/totp/activate/")


def test_with_an_authenticator_app_the_admin_opens(client, settings, secretary):
    settings.MFA_REQUIRED_FOR_ADMIN = True
    Authenticator.objects.create(user=secretary, type=Authenticator.Type.TOTP, data={})
    client.force_login(secretary)
    assert client.get("/admin/").status_code == 200


def test_development_may_leave_it_off(client, settings, secretary):
    settings.MFA_REQUIRED_FOR_ADMIN = False
    client.force_login(secretary)
    assert client.get("/admin/").status_code == 200


def test_production_requires_it_by_default():
    from tests.citytwins.test_settings import PRODUCTION, run_python

    code = (
        "import django; django.setup(); from django.conf import settings;"
        " print(settings.MFA_REQUIRED_FOR_ADMIN)"
    )
    result = run_python(code, **PRODUCTION)
    assert result.stdout.strip() == "True", result.stderr


def test_city_staff_pages_do_not_need_it(client, settings, network):
    settings.MFA_REQUIRED_FOR_ADMIN = True
    client.force_login(UserFactory())
    assert client.get("/my/").status_code == 200
