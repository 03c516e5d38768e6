"""The Nu HTML checker finds no error on the projects app's public pages and proposal forms."""

import pytest

from members.models import City
from tests.factories import UserFactory
from tests.test_html_checker import html_errors, rendered

pytestmark = pytest.mark.django_db


def test_the_html_checker_passes_on_projects_practices_funding_and_proposals(
    client, demo, tmp_path
):
    pages = {}
    for path in [
        "/projects/",
        "/projects/?status=bogus&sector=culture",
        "/projects/?q=atlantis",
        "/projects/sample-tornio-haparanda-shared-city-centre/",
        "/projects/sample-network-practice-exchange/",
        "/practices/",
        "/practices/sample-tornio-haparanda-shared-services/",
        "/practices/sample-rules-checked-too-late/",
        "/funding/",
        "/sectors/",
        "/sectors/culture/",
        "/twins/tornio-haparanda/",
    ]:
        pages[path] = rendered(client, path)
    client.force_login(UserFactory(email="staff@tornio.fi", city=City.objects.get(slug="tornio")))
    for path in ["/my/", "/my/projects/new/", "/my/practices/new/"]:
        pages[f"{path} (staff)"] = rendered(client, path)
    # A form with its errors shown.
    pages["/my/projects/new/ (errors)"] = client.post("/my/projects/new/", {}).content.decode()
    assert html_errors(pages, tmp_path) == []
