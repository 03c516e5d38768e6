"""The site in the network's languages: /fi/… addresses, English without a prefix, a switcher
that keeps the page and its filter, hreflang alternates, and a signed-in person's language
remembered and followed."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings

from citytwins.models import Notification
from members.models import City, User
from tests.factories import PASSWORD, SecretaryFactory, UserFactory

pytestmark = pytest.mark.django_db

CODES = ["en", "fi", "sv", "et", "lv", "ru", "de", "pl", "cs"]


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def switcher_links(response) -> dict[str, str]:
    """The header switcher's links, by the language they lead to."""
    content = response.content.decode()
    block = re.search(r'<details class="language-switcher">.*?</details>', content, re.S).group(0)
    return {
        lang: href.replace("&amp;", "&")
        for href, lang in re.findall(r'<a href="([^"]+)" lang="([a-z]+)"', block)
    }


def alternates(response) -> dict[str, str]:
    content = response.content.decode()
    return {
        lang: href.replace("&amp;", "&")
        for lang, href in re.findall(
            r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', content
        )
    }


@pytest.mark.parametrize(
    "path", ["/", "/twins/", "/twins/tornio-haparanda/", "/about/", "/sectors/", "/contact/"]
)
def test_published_addresses_still_answer_in_english(client, network, path):
    response = client.get(path)
    assert response.status_code == 200
    assert html_lang(response) == "en"
    assert response["Content-Language"] == "en"


def test_every_language_has_its_prefix_and_the_admin_none(client, network):
    for code in CODES[1:]:
        response = client.get(f"/{code}/twins/")
        assert response.status_code == 200, code
        assert html_lang(response) == code
    assert client.get("/en/twins/").status_code == 404  # English has one address, unprefixed
    assert client.get("/fi/admin/").status_code == 404


def test_switching_to_polish_keeps_the_page_and_its_filter(client, network):
    response = client.get("/twins/?country=PL")
    links = switcher_links(response)
    assert list(links) == CODES
    assert links["pl"] == "/pl/twins/?country=PL"
    assert links["en"] == "/twins/?country=PL"
    polish = client.get(links["pl"])
    assert polish.status_code == 200
    assert html_lang(polish) == "pl"
    assert "<h1>Katalog dwumiast</h1>" in polish.content.decode()  # in Polish
    assert "Directory of city twins" not in polish.content.decode()
    assert "Słubice" in polish.content.decode()  # the filter still applies
    assert "Tornio" not in polish.content.decode()
    # Back to English from the Polish page.
    assert switcher_links(polish)["en"] == "/twins/?country=PL"


def test_the_switcher_names_each_language_in_itself_and_marks_the_current_one(client, network):
    content = client.get("/fi/twins/").content.decode()
    block = re.search(r'<details class="language-switcher">.*?</details>', content, re.S).group(0)
    assert '<a href="/de/twins/" lang="de" hreflang="de">Deutsch</a>' in block
    assert '<a href="/pl/twins/" lang="pl" hreflang="pl">Polski</a>' in block
    assert '<a href="/ru/twins/" lang="ru" hreflang="ru">Русский</a>' in block
    assert re.findall(r"<a [^>]*aria-current[^>]*>", block) == [
        '<a href="/fi/twins/" lang="fi" hreflang="fi" aria-current="true">'
    ]
    assert "<form" not in block  # plain links: an anonymous page stays cacheable


def test_each_page_names_its_alternates_absolute_with_the_query(client, network):
    found = alternates(client.get("/fi/twins/?country=PL"))
    assert list(found) == [*CODES, "x-default"]
    assert found["x-default"] == f"{settings.SITE_URL}/twins/?country=PL"
    assert found["en"] == f"{settings.SITE_URL}/twins/?country=PL"
    assert found["cs"] == f"{settings.SITE_URL}/cs/twins/?country=PL"
    # A page that is not found has no alternates.
    assert alternates(client.get("/fi/twins/no-such-twin/")) == {}


def test_the_menu_marks_the_part_of_the_site_in_any_language(client, network):
    content = client.get("/pl/twins/tornio-haparanda/").content.decode()
    assert re.findall(r'<a href="([^"]+)" aria-current="page"', content) == ["/pl/twins/"]


@pytest.fixture
def liisa(network):
    """Staff of Tornio (Finland), who never chose a language."""
    user = UserFactory(email="liisa@tornio.fi", city=City.objects.get(slug="tornio"))
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def test_a_person_reads_in_their_city_s_language_unless_they_chose_one(network, liisa):
    assert liisa.preferred_language == "fi"
    narva = UserFactory(city=City.objects.get(slug="narva"))
    assert narva.preferred_language == "et"
    assert UserFactory(city=City.objects.get(slug="cesky-tesin")).preferred_language == "cs"
    assert UserFactory().preferred_language == "en"  # no city
    narva.language = "ru"
    assert narva.preferred_language == "ru"


def test_a_signed_in_person_s_switch_is_remembered(client, liisa):
    client.force_login(liisa)
    links = switcher_links(client.get("/twins/?country=PL"))
    assert links["pl"] == "/language/pl/?next=%2Fpl%2Ftwins%2F%3Fcountry%3DPL"
    response = client.get(links["pl"])
    assert response.status_code == 302
    assert response["Location"] == "/pl/twins/?country=PL"
    liisa.refresh_from_db()
    assert liisa.language == "pl"


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""]
)
def test_the_switch_goes_on_only_to_a_page_of_this_site(client, liisa, next_url):
    client.force_login(liisa)
    response = client.get("/language/de/", {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/de/"


def test_an_unknown_language_changes_nothing(client, liisa):
    client.force_login(liisa)
    assert client.get("/language/xx/", {"next": "/twins/"}).status_code == 404
    liisa.refresh_from_db()
    assert liisa.language == ""


def test_signing_in_leads_to_the_person_s_language(client, liisa):
    response = client.post("/accounts/login/", {"login": liisa.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/fi/my/"


def test_the_person_chooses_their_language_on_their_account_page(client, liisa):
    client.force_login(liisa)
    response = client.post("/fi/my/account/", {"name": "Liisa", "language": "sv"})
    assert response.status_code == 302
    assert response["Location"] == "/sv/my/"
    liisa.refresh_from_db()
    assert (liisa.name, liisa.language, liisa.preferred_language) == ("Liisa", "sv", "sv")


def test_a_password_reset_is_written_in_the_person_s_language(
    client, liisa, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": liisa.email})
    assert response.status_code == 302
    row = Notification.objects.get(address=liisa.email)
    assert (row.recipient, row.language) == (liisa, "fi")
    assert f"{settings.SITE_URL}/fi/accounts/password/reset/key/" in row.text


def test_the_admin_speaks_the_secretary_s_language(client, network):
    secretary = SecretaryFactory(email="secretary@imatra.fi", language="de")
    client.force_login(secretary)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert response["Content-Language"] == "de"
    assert 'lang="de"' in response.content.decode()
    User.objects.filter(pk=secretary.pk).update(language="")
    assert client.get("/admin/")["Content-Language"] == "en"  # no city: English


SVG_NUMBERS = re.compile(r'\s(?:x|y|x1|y1|x2|y2|cx|cy|width|height|viewBox)="([^"]*)"')


@pytest.mark.parametrize("code", CODES)
def test_drawings_keep_their_numbers_unlocalised_in_every_language(client, network, code):
    """A decimal comma in an SVG coordinate ("217,2") is an error for the browser."""
    prefix = "" if code == "en" else f"/{code}"
    content = client.get(f"{prefix}/").content.decode()
    svg = re.search(r"<svg[^>]*network-map-svg.*?</svg>", content, re.S).group(0)
    values = SVG_NUMBERS.findall(svg)
    assert values
    assert all(re.fullmatch(r"-?[\d.]+(?: -?[\d.]+)*", value) for value in values), values[:5]


@pytest.mark.parametrize(
    ("code", "title"),
    [("en", "Twins with a member city"), ("de", "„Mitglied“"), ("pl", "członek")],
)
def test_a_label_inside_a_sentence_keeps_the_language_s_capitals(client, network, code, title):
    """German writes its nouns with a capital, also inside a sentence; English lowers them."""
    prefix = "" if code == "en" else f"/{code}"
    content = client.get(f"{prefix}/twins/?status=member").content.decode()
    assert title in re.search(r"<title>(.*?)</title>", content, re.S).group(1)
