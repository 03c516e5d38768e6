"""Headers on every response: what browsers may do with the page, who may embed it, and that
nothing shown to a signed-in person is cached."""

import pytest

from citytwins.middleware import PERMISSIONS_POLICY
from tests.citytwins.test_settings import PRODUCTION, run_python
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/", "/twins.csv", "/no-such-page/", "/accounts/login/", "/admin/", "/healthz"]
)
def test_every_response_turns_off_powerful_features_and_cross_origin_embedding(client, url):
    response = client.get(url)
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in response["Permissions-Policy"]
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_anonymous_pages_stay_cacheable(client, network):
    cache_control = client.get("/twins/").get("Cache-Control", "")
    assert "private" not in cache_control and "no-store" not in cache_control


@pytest.mark.parametrize("url", ["/my/", "/my/account/", "/twins/", "/", "/no-such-page/"])
def test_every_response_to_a_signed_in_person_is_private_and_not_stored(client, network, url):
    client.force_login(UserFactory())
    response = client.get(url)
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
    assert "public" not in directives
    assert "Cookie" in response["Vary"]


def test_the_sign_in_response_itself_is_private(client):
    from allauth.account.models import EmailAddress

    user = UserFactory(email="staff@tornio.fi")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def settings_in_production(**env) -> list[str]:
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "from django.core.management import call_command;"
        "call_command('check', deploy=True, fail_level='WARNING');"
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
    )
    result = run_python(code, **PRODUCTION, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()[-3:]


def test_hsts_preload_only_when_the_operator_asks_and_the_deploy_check_is_clean_either_way():
    assert settings_in_production() == ["31536000", "True", "False"]
    assert settings_in_production(SECURE_HSTS_PRELOAD="1") == ["31536000", "True", "True"]
