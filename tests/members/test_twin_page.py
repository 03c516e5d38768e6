"""A twin's public page: both cities, services, description and who sees which contact."""

import re

import pytest

from members.models import (
    City,
    CityTwin,
    SharedService,
    Visibility,
)
from tests.factories import (
    ContactFactory,
    UserFactory,
)
from tests.members.reading import page_text

pytestmark = pytest.mark.django_db


def test_twin_page_shows_both_cities_and_their_shared_services(client, network):
    response = client.get("/twins/tornio-haparanda/")
    assert response.status_code == 200
    text = page_text(response)
    assert "<h1>Tornio – Haparanda</h1>" in response.content.decode()
    assert "Tornio Country Finland Membership Member" in text
    assert "Haparanda Country Sweden Membership Member" in text
    assert "The association's flagship" in text
    assert "EU internal border" in text
    for service in SharedService.objects.filter(twin__slug="tornio-haparanda"):
        assert service.name in text
    assert "Provincia Bothniensis Co-operation between the city administrations · since 1987" in (
        text
    )


def test_twin_page_gives_each_citys_status_note_population_and_website(client, network):
    City.objects.filter(slug="cesky-tesin").update(
        population=24000, website="https://www.tesin.cz/"
    )
    text = page_text(client.get("/twins/cieszyn-cesky-tesin/"))
    assert "Cieszyn Country Poland Membership Cooperating partner" in text
    assert "Not yet a member because of Polish legislation." in text
    assert "Has not joined yet, but has expressed its will to cooperate" in text
    assert "Population 24,000 Website https://www.tesin.cz/" in text
    # Cieszyn gave neither: its card leaves both out rather than saying so.
    cieszyn = text.split("Cieszyn Country")[1].split("Český Těšín Country")[0]
    assert "Population" not in cieszyn and "Website" not in cieszyn


def test_a_twin_page_leaves_out_what_is_not_known(client, network):
    text = page_text(client.get("/twins/imatra-svetogorsk/"))
    for filler in ["Not given yet", "No public contact yet", "Contacts", "Population", "Website"]:
        assert filler not in text
    assert "Shared services" not in text  # none recorded for this twin
    assert "Native name" in text  # Svetogorsk's differs


def test_native_names_show_when_they_differ_in_their_own_language(client, network):
    content = client.get("/twins/imatra-svetogorsk/").content.decode()
    assert '<dd><span lang="ru">Светогорск</span></dd>' in content
    assert "Imatra / Imatra" not in content and content.count("Native name") == 1
    # A name that is the city's own name is marked as such too.
    content = client.get("/twins/cieszyn-cesky-tesin/").content.decode()
    assert '<h2 id="city-cesky-tesin" lang="cs">Český Těšín</h2>' in content
    listing = client.get("/twins/?country=RU").content.decode()
    assert '<span class="native-name">(<span lang="ru">Ивангород</span>)</span>' in listing


def test_the_twins_own_staff_see_how_to_edit_it_and_what_it_lacks(client, network):
    client.force_login(UserFactory(city=City.objects.get(slug="haparanda")))
    content = client.get("/twins/tornio-haparanda/").content.decode()
    assert '<a class="button" href="/my/twins/tornio-haparanda/">Edit this twin</a>' in content
    assert 'href="/my/cities/haparanda/"' in content
    text = page_text(client.get("/twins/tornio-haparanda/"))
    assert "Complete your profile" in text
    assert "For Tornio – Haparanda: a description, a website, an image — edit the twin" in text
    assert (
        "For Haparanda: its population, its website, a description, "
        "a contact shown to the public — edit Haparanda"
    ) in text
    ContactFactory(city=City.objects.get(slug="haparanda"), visibility=Visibility.PUBLIC)
    City.objects.filter(slug="haparanda").update(
        population=10000, website="https://www.haparanda.se/", description="By the sea."
    )
    text = page_text(client.get("/twins/tornio-haparanda/"))
    assert "For Haparanda" not in text and "For Tornio – Haparanda" in text


@pytest.mark.parametrize("city", [None, "narva"])
def test_others_see_no_edit_link_and_no_gaps(client, network, city):
    if city:
        client.force_login(UserFactory(city=City.objects.get(slug=city)))
    content = client.get("/twins/tornio-haparanda/").content.decode()
    assert "Edit this twin" not in content
    assert "Complete your profile" not in content


def test_twin_page_renders_the_description_as_sanitised_markdown(client, network):
    CityTwin.objects.filter(slug="valka-valga").update(
        description="One **town** in two.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))"
    )
    content = client.get("/twins/valka-valga/").content.decode()
    assert "<p>One <strong>town</strong> in two.</p>" in content
    assert "alert(1)" not in content


def test_an_unknown_twin_gets_the_sites_404_page(client, network):
    response = client.get("/twins/atlantis/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()
    assert 'class="site-header"' in response.content.decode()


def test_twin_page_shows_its_place_on_the_map(client, network):
    content = client.get("/twins/tornio-haparanda/").content.decode()
    current = re.search(r'<a href="/twins/tornio-haparanda/" class="map-twin is-current"', content)
    assert current is not None
    assert 'aria-current="page"' in content


@pytest.fixture
def contacts(network):
    """Tornio's contacts: one with details for everyone, members and nobody."""
    tornio = City.objects.get(slug="tornio")
    ContactFactory(
        city=tornio,
        name="Public Person",
        email="public@tornio.fi",
        email_visibility=Visibility.PUBLIC,
        phone="+358 40 111 1111",
        phone_visibility=Visibility.MEMBERS,
    )
    ContactFactory(
        city=tornio,
        name="Member Person",
        visibility=Visibility.MEMBERS,
        email="members@tornio.fi",
        email_visibility=Visibility.MEMBERS,
        phone="+358 40 222 2222",
        phone_visibility=Visibility.HIDDEN,
    )
    ContactFactory(
        city=tornio,
        name="Hidden Person",
        visibility=Visibility.HIDDEN,
        email="hidden@tornio.fi",
        email_visibility=Visibility.PUBLIC,
    )


def test_anonymous_readers_see_public_contact_details_only(client, contacts):
    content = client.get("/twins/tornio-haparanda/").content.decode()
    assert "Public Person" in content and "public@tornio.fi" in content
    for secret in [
        "+358 40 111 1111",
        "Member Person",
        "members@tornio.fi",
        "+358 40 222 2222",
        "Hidden",
        "hidden@",
    ]:
        assert secret not in content


def test_staff_of_a_member_city_see_members_only_details_but_never_hidden_ones(client, contacts):
    client.force_login(UserFactory(city=City.objects.get(slug="valga")))
    content = client.get("/twins/tornio-haparanda/").content.decode()
    for shown in [
        "Public Person",
        "public@tornio.fi",
        "+358 40 111 1111",
        "Member Person",
        "members@",
    ]:
        assert shown in content
    for hidden in ["+358 40 222 2222", "Hidden Person", "hidden@tornio.fi"]:
        assert hidden not in content


@pytest.mark.parametrize("user_kind", ["no city", "prospective city"])
def test_other_signed_in_users_see_what_the_public_sees(client, contacts, user_kind):
    city = City.objects.get(slug="cesky-tesin") if user_kind == "prospective city" else None
    client.force_login(UserFactory(city=city))
    content = client.get("/twins/tornio-haparanda/").content.decode()
    assert "public@tornio.fi" in content
    assert "Member Person" not in content and "+358 40 111 1111" not in content


# The CSV
