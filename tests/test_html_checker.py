"""The Nu HTML checker (vnu.jar, from the npm package vnu-jar) finds no error on the pages with
forms people fill in, nor on the public pages. The pages are rendered here and checked in one
run of the checker. `.ci/run` installs the jar; under REQUIRE_SERVICES=1 a missing jar fails."""

import json
import shutil
import subprocess

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str

from citytwins.models import Notification
from members.models import City
from members.services.invitations import invitation_send
from tests.conftest import BASE_DIR, service_missing
from tests.factories import UserFactory

VNU = BASE_DIR / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = pytest.mark.django_db


def html_errors(pages: dict[str, str], folder) -> list[str]:
    """Run vnu once over every page; its errors, each named by the page's path."""
    java = shutil.which("java")
    if not VNU.is_file() or java is None:
        service_missing(f"the Nu HTML checker ({VNU.relative_to(BASE_DIR)} and java)")
    files = {}
    for number, (path, content) in enumerate(pages.items()):
        file = folder / f"page-{number}.html"
        file.write_text(content, encoding="utf-8")
        files[f"file:{file.resolve()}"] = path
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, folder.iterdir())],
        capture_output=True,
        text=True,
        timeout=180,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{files.get(message.get('url'), message.get('url'))}:{message.get('lastLine')}: "
        f"{message['message']} ({message.get('extract', '').strip()})"
        for message in messages
    ]


def rendered(client, path: str, **kwargs) -> str:
    response = client.get(path, follow=True, **kwargs)
    assert response.status_code == 200, path
    return response.content.decode()


def test_the_html_checker_passes_on_forms_and_public_pages(client, network, tmp_path):
    pages = {}
    for path in ["/", "/twins/", "/twins/?country=PL", "/twins/tornio-haparanda/", "/sectors/",
                 "/sectors/culture/", "/about/", "/contact/", "/join/", "/accounts/login/",
                 "/accounts/password/reset/", "/accounts/signup/"]:  # fmt: skip
        pages[path] = rendered(client, path)

    outcome = invitation_send(email="new@tornio.fi", city=City.objects.get(slug="tornio"))
    assert outcome.invitation is not None
    text = Notification.objects.get(address="new@tornio.fi").text
    token = text.split("/invitations/", 1)[1].split("/", 1)[0]
    pages["/invitations/<token>/"] = rendered(client, f"/invitations/{token}/")

    staff = UserFactory(email="staff@tornio.fi", city=City.objects.get(slug="tornio"))
    EmailAddress.objects.create(user=staff, email=staff.email, primary=True, verified=True)
    key = f"{user_pk_to_url_str(staff)}-{default_token_generator.make_token(staff)}"
    pages["/accounts/password/reset/key/<key>/"] = rendered(
        client, f"/accounts/password/reset/key/{key}/"
    )
    client.force_login(staff)
    for path in ["/my/", "/my/twins/tornio-haparanda/", "/my/cities/tornio/", "/my/account/",
                 "/my/notifications/", "/accounts/password/change/", "/accounts/email/",
                 "/twins/tornio-haparanda/"]:  # fmt: skip
        pages[f"{path} (staff)"] = rendered(client, path)
    staff.set_unusable_password()
    staff.save(update_fields=["password"])
    client.force_login(staff)
    pages["/accounts/password/set/"] = rendered(client, "/accounts/password/set/")
    assert 'name="password1"' in pages["/accounts/password/set/"]
    assert 'name="password1"' in pages["/accounts/password/reset/key/<key>/"]

    assert html_errors(pages, tmp_path) == []
