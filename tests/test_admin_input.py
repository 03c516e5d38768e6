"""No admin page answers 500, whatever its address carries.

A property-style sweep over every registered ModelAdmin (the apps' and the installed packages',
including any added later: it reads admin.site._registry): NUL, huge numbers and garbage in each
filter parameter its change list declares, in the date hierarchy's parameters, in q, o and p, and
ids that are not ids in the history pages. On PostgreSQL (CI) a NUL or an out-of-range value
reaches the database's own checks, which SQLite does not have.
"""

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from citytwins.admin_site import PortalAdminSite, SturdyAdmin
from tests.factories import SecretaryFactory

HOSTILE = [
    "\x00",
    "tor\x00nio",
    "99999999999999999999",
    "-99999999999999999999",
    "1e999",
    "garbage",
    "'\"<>%;--",
    "x" * 1000,
]
DATES = ["99999999999", "10000", "0", "-1", "13", "32", "x"]
# A page, the change list's "incorrect lookup" redirect (?e=1), a bad request, not found.
ANSWERS = {200, 302, 400, 404}
REGISTRY = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


@pytest.fixture
def secretary_client(client, network):
    secretary = SecretaryFactory(email="secretary@imatra.fi", is_superuser=True)
    EmailAddress.objects.create(user=secretary, email=secretary.email, primary=True, verified=True)
    client.force_login(secretary)
    return client


def get(client, url: str, params: dict | None = None):
    response = client.get(url, params or {})
    assert response.status_code in ANSWERS, (url, params, response.status_code)
    if response.status_code == 302 and "e=1" in response.get("Location", ""):
        # The change list's own page for an incorrect lookup must open too.
        shown = client.get(url, {**(params or {}), "e": "1"})
        assert shown.status_code in ANSWERS, (url, params, "e=1", shown.status_code)
    return response


def test_every_admin_is_sturdy():
    assert isinstance(admin.site, PortalAdminSite)
    assert REGISTRY
    flimsy = [model for model, model_admin in REGISTRY if not isinstance(model_admin, SturdyAdmin)]
    assert flimsy == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "model_admin"), REGISTRY, ids=[model._meta.label for model, _ in REGISTRY]
)
def test_hostile_parameters_never_give_a_500(secretary_client, model, model_admin):
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    page = get(secretary_client, url)
    assert page.status_code == 200
    names = {"q", "o", "p", "_facets"}
    for spec in page.context["cl"].filter_specs:
        names.update(spec.expected_parameters())
    for name in sorted(names):
        for value in HOSTILE:
            get(secretary_client, url, {name: value})
    if model_admin.date_hierarchy:
        # Each part hostile in turn, the others valid; and the calendar's very ends.
        field = model_admin.date_hierarchy
        year, month, day = f"{field}__year", f"{field}__month", f"{field}__day"
        for value in DATES:
            get(secretary_client, url, {year: value})
            get(secretary_client, url, {year: "2026", month: value})
            get(secretary_client, url, {year: "2026", month: "12", day: value})
        for end in ("1", "9999"):
            get(secretary_client, url, {year: end})
            get(secretary_client, url, {year: end, month: "12" if end == "9999" else "1"})
            get(secretary_client, url, {year: end, month: "12", day: "31"})
            get(secretary_client, url, {year: end, month: "1", day: "1"})

    pk = str(getattr(model._default_manager.order_by("pk").first(), "pk", 1))
    for bad in ("abc", "99999999999999999999", "-1"):
        get(secretary_client, f"{url}{bad}/history/")
        get(secretary_client, f"{url}{bad}/change/")
        try:
            reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[pk, 1])
        except NoReverseMatch:
            continue
        get(secretary_client, f"{url}{pk}/history/{bad}/")
        get(secretary_client, f"{url}{bad}/history/1/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/admin/members/city/?country=%00",
        "/admin/citytwins/notification/?created_at__year=99999999999",
        "/admin/members/citytwin/1/history/abc/",
        "/admin/members/citytwin/?q=tor%00nio",
        "/admin/autocomplete/?term=%00&app_label=members&model_name=city&field_name=twin",
    ],
)
def test_the_inputs_that_gave_500s(secretary_client, path):
    response = secretary_client.get(path)
    assert response.status_code in ANSWERS
    if "%00" in path:
        assert response.status_code == 400
        assert "could not read that request" in response.content.decode()
