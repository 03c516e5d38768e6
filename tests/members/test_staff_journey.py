"""The whole journey of an invited city staff member and the secretary, as they live it, through
real pages."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils.html import escape

from citytwins.languages import url_in_language
from members.models import City, CityTwin
from members.roles import secretariat_group_sync
from tests.factories import PASSWORD, SecretaryFactory

pytestmark = pytest.mark.django_db

NEW_SUMMARY = "One town centre, two countries: shops, school and swimming hall shared."


def form_data(response) -> dict:
    """What a browser would send back for an admin change form as it is shown."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, list):
            data[name] = [str(item) for item in value]
        elif value is not None and value is not False:
            data[name] = "on" if value is True else str(value)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        for name in formset.management_form.fields:
            value = formset.management_form[name].value()
            data[f"{formset.prefix}-{name}"] = "" if value is None else str(value)
        for subform in formset.forms:
            for name in subform.fields:
                value = subform[name].value()
                if value is not None and value is not False:
                    data[subform.add_prefix(name)] = "on" if value is True else str(value)
    return data


def test_invited_staff_edit_their_twin_the_secretary_is_told_and_reverts_it(
    client, network, mailoutbox, django_capture_on_commit_callbacks
):
    secretariat_group_sync()
    secretary = SecretaryFactory(email="secretary@imatra.fi")
    EmailAddress.objects.create(user=secretary, email=secretary.email, verified=True, primary=True)
    tornio = City.objects.get(slug="tornio")
    twin = CityTwin.objects.get(slug="tornio-haparanda")
    original_summary = twin.summary

    # The secretary invites staff to Tornio from the city's page in the admin.
    client.post("/accounts/login/", {"login": secretary.email, "password": PASSWORD})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/members/city/{tornio.pk}/invite/",
            {"email": "liisa.virtanen@tornio.fi", "name": "Liisa Virtanen"},
        )
    assert response.status_code == 302
    client.post("/accounts/logout/")

    # The email arrives; its link leads to choosing a password, and on to /my/.
    invitation = mailoutbox[-1]
    assert invitation.to == ["liisa.virtanen@tornio.fi"]
    # The email links to the Finnish page (Tornio's language); this journey reads English.
    link = re.search(r"https?://\S+/invitations/\S+/", invitation.body).group(0)
    link = url_in_language(link, "en").removeprefix(settings.SITE_URL)
    response = client.post(
        link,
        {
            "name": "Liisa Virtanen",
            "password1": "Midnight-sun-1987",
            "password2": "Midnight-sun-1987",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/my/"
    assert "Tornio – Haparanda" in response.content.decode()

    # She edits the twin's summary; the public page shows it.
    page = client.get("/my/twins/tornio-haparanda/")
    services = page.context["services"]
    data = {
        "twin-summary": NEW_SUMMARY,
        "twin-description": twin.description,
        "twin-website": twin.website,
        **{f"services-{key}": value for key, value in services.management_form.initial.items()},
    }
    for form in services.forms:
        for name in form.fields:
            value = form[name].value()
            if value not in (None, False):
                data[form.add_prefix(name)] = str(value)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/my/twins/tornio-haparanda/", data).status_code == 302
    client.post("/accounts/logout/")
    public = client.get("/twins/tornio-haparanda/").content.decode()
    assert NEW_SUMMARY in public
    assert "by Tornio" in public

    # The secretary's email lists the change, before and after.
    notice = next(m for m in mailoutbox if m.to == ["secretary@imatra.fi"])
    assert "summary" in notice.body
    assert original_summary in notice.body
    assert NEW_SUMMARY in notice.body

    # Revert in the admin restores it.
    client.post("/accounts/login/", {"login": secretary.email, "password": PASSWORD})
    before_edit = CityTwin.history.filter(id=twin.pk, summary=original_summary).first()
    url = f"/admin/members/citytwin/{twin.pk}/history/{before_edit.history_id}/"
    response = client.get(url)
    assert response.status_code == 200
    assert client.post(url, form_data(response)).status_code == 302
    twin.refresh_from_db()
    assert twin.summary == original_summary
    assert escape(original_summary) in client.get("/twins/tornio-haparanda/").content.decode()
