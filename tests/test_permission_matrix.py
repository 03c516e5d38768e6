"""Every URL pattern of the project, for every role, by GET and by POST.

A URL pattern that is not declared here fails the test: a new page declares who may see it.
Roles: anonymous, staff of twin A (Tornio – Haparanda), staff of twin B (Narva – Ivangorod),
the secretary. Expected outcomes are HTTP status codes; 302 means "sent to sign in".
"""

import re
import uuid

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from events.models import ActionItem, EventDocument, Registration
from events.services.samples import minutes_pdf
from members.models import City
from tests.factories import (
    EventFactory,
    FundingCallFactory,
    PracticeFactory,
    ProjectFactory,
    SecretaryFactory,
    UserFactory,
)

ROLES = ("anonymous", "staff_a", "staff_b", "secretary")
# Fixed keys, so the matrix can name the members-only document and action item it asks for.
MATRIX_DOCUMENT = uuid.UUID("00000000-0000-4000-8000-000000000012")
MATRIX_ACTION_ITEM = 912


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def all_routes() -> list[str]:
    return sorted(set(walk(get_resolver().url_patterns)))


def everyone(get, post):
    return {role: {"GET": get, "POST": post} for role in ROLES}


def signed_out(get=200, post=200):
    """Pages for signing in: a person already signed in is sent on (302)."""
    return {role: {"GET": 302, "POST": 302} for role in ROLES} | {
        "anonymous": {"GET": get, "POST": post}
    }


def signed_in(get=200, post=200):
    return {
        "anonymous": {"GET": 302, "POST": 302},
        "staff_a": {"GET": get, "POST": post},
        "staff_b": {"GET": get, "POST": post},
        "secretary": {"GET": get, "POST": post},
    }


def members_only(get, post):
    """For members of the network (and the secretary); anonymous people get 404."""
    return signed_in(get, post) | {"anonymous": {"GET": 404, "POST": 405}}


def own_twin_only(get, post):
    """Twin A's staff may; staff of twin B and the secretary (no city) get 404, never 403."""
    return {
        "anonymous": {"GET": 302, "POST": 302},
        "staff_a": {"GET": get, "POST": post},
        "staff_b": {"GET": 404 if get != 405 else 405, "POST": 404},
        "secretary": {"GET": 404 if get != 405 else 405, "POST": 404},
    }


def with_a_city(get, post):
    """Staff of any city may; the secretary (no city) gets 404."""
    return {
        "anonymous": {"GET": 302, "POST": 302},
        "staff_a": {"GET": get, "POST": post},
        "staff_b": {"GET": get, "POST": post},
        "secretary": {"GET": 404, "POST": 404},
    }


# Admin pages: anonymous people are sent to sign in, city staff are refused, the secretary is
# let in. The secretary's POSTs to the admin are not replayed here (they would delete things);
# the admin's own tests cover them.
SECRETARY_ONLY = {
    "anonymous": {"GET": 302, "POST": 302},
    "staff_a": {"GET": 302, "POST": 302},
    "staff_b": {"GET": 302, "POST": 302},
    "secretary": {"GET": (200, 302), "POST": None},
}


def secretary_gets(status):
    return {**SECRETARY_ONLY, "secretary": {"GET": status, "POST": None}}


# (route regex, concrete path or None to fill in, expectations)
MATRIX = [
    (r"^$", "/", everyone(200, 405)),
    (r"^healthz$", "/healthz", everyone(200, 405)),
    (r"^favicon\.ico$", "/favicon.ico", everyone(301, 405)),
    # The language switcher's links for signed-in people: store the choice, go on to the page.
    (r"^language/<str:code>/$", "/language/fi/?next=/twins/", everyone(302, 405)),
    (r"^about/$", "/about/", everyone(200, 405)),
    # Public forms: an empty POST is the form again, with its errors.
    (r"^contact/$", "/contact/", everyone(200, 200)),
    (r"^contact/sent/$", "/contact/sent/", everyone(200, 405)),
    (r"^join/$", "/join/", everyone(200, 200)),
    (r"^join/sent/$", "/join/sent/", everyone(200, 405)),
    (r"^twins/$", "/twins/", everyone(200, 405)),
    (r"^twins\.csv$", "/twins.csv", everyone(200, 405)),
    (r"^twins\.xlsx$", "/twins.xlsx", everyone(200, 405)),
    (r"^twins/<slug:slug>/$", "/twins/tornio-haparanda/", everyone(200, 405)),
    (r"^sectors/$", "/sectors/", everyone(200, 405)),
    (r"^sectors/<slug:slug>/$", "/sectors/culture/", everyone(200, 405)),
    (r"^media/<path:path>$", "/media/no-such-file.jpg", everyone(404, 404)),
    (r"^my/notifications/$", "/my/notifications/", signed_in(200, 302)),
    (r"^my/$", "/my/", signed_in(200, 405)),
    (r"^my/account/$", "/my/account/", signed_in(200, 302)),
    # Twin A's and its city's edit pages: only twin A's staff; everyone else signed in gets 404.
    (r"^my/twins/<slug:slug>/$", "/my/twins/tornio-haparanda/", own_twin_only(200, 200)),
    (
        r"^my/twins/<slug:slug>/confirm/$",
        "/my/twins/tornio-haparanda/confirm/",
        own_twin_only(405, 302),
    ),
    (r"^my/cities/<slug:slug>/$", "/my/cities/tornio/", own_twin_only(200, 200)),
    # Projects, practices, funding calls: published ones for everyone; drafts answer 404.
    (r"^projects/$", "/projects/", everyone(200, 405)),
    (r"^projects\.csv$", "/projects.csv", everyone(200, 405)),
    (r"^projects\.xlsx$", "/projects.xlsx", everyone(200, 405)),
    (r"^projects/<slug:slug>/$", "/projects/published-project/", everyone(200, 405)),
    (r"^practices/$", "/practices/", everyone(200, 405)),
    (r"^practices/<slug:slug>/$", "/practices/published-practice/", everyone(200, 405)),
    (r"^funding/$", "/funding/", everyone(200, 405)),
    # Proposals: staff propose for their own twin (an empty POST is the form with its errors);
    # a person without a city has nothing to propose; another twin's draft answers 404.
    (r"^my/projects/new/$", "/my/projects/new/", with_a_city(200, 200)),
    (r"^my/practices/new/$", "/my/practices/new/", with_a_city(200, 200)),
    (r"^my/projects/<slug:slug>/$", "/my/projects/draft-project/", own_twin_only(200, 200)),
    (r"^my/practices/<slug:slug>/$", "/my/practices/draft-practice/", own_twin_only(200, 200)),
    (r"^invitations/<str:token>/$", "/invitations/not-a-token/", everyone(404, 404)),
    # Events. The event used is for members only (see `matrix_events`): anonymous people get 404
    # or the sign-in page, never its content; staff of member cities and the secretary read it.
    (r"^events/$", "/events/", everyone(200, 405)),
    (r"^events/feed\.ics$", "/events/feed.ics", everyone(200, 405)),
    (r"^events/<slug:slug>\.ics$", "/events/matrix-board.ics", members_only(200, 405)),
    (r"^events/<slug:slug>/$", "/events/matrix-board/", members_only(200, 405)),
    (
        r"^events/<slug:slug>/register/$",
        "/events/matrix-board/register/",
        signed_in(405, 302),
    ),
    # Only staff of twin A is registered: the others have nothing to cancel.
    (
        r"^events/<slug:slug>/cancel-registration/$",
        "/events/matrix-board/cancel-registration/",
        own_twin_only(405, 302) | {"secretary": {"GET": 405, "POST": 404}},
    ),
    (
        r"^events/<slug:slug>/documents/<uuid:key>/$",
        f"/events/matrix-board/documents/{MATRIX_DOCUMENT}/",
        signed_in(200, 405),
    ),
    # Twin A's staff own the action item; anyone else's request is 404.
    (
        r"^events/action-items/<int:pk>/done/$",
        f"/events/action-items/{MATRIX_ACTION_ITEM}/done/",
        own_twin_only(405, 302) | {"secretary": {"GET": 405, "POST": 404}},
    ),
    (r"^unsubscribe/<str:token>/$", "/unsubscribe/not-a-token/", everyone(400, 400)),
    # allauth: the sign-in pages are open (a signed-in person is sent on); account pages need a
    # session; second-factor pages answer 404 until a factor exists.
    (r"^accounts/login/$", None, signed_out(200, 200)),
    (r"^accounts/logout/$", None, {**everyone(200, 302), "anonymous": {"GET": 302, "POST": 302}}),
    (r"^accounts/inactive/$", None, everyone(200, 405)),
    (r"^accounts/signup/$", None, signed_out(200, 200)),
    (r"^accounts/reauthenticate/$", None, signed_in()),
    (r"^accounts/reauthenticate/code/$", None, signed_in(200, 200)),
    (r"^accounts/reauthenticate/code/confirm/$", None, signed_in(302, 302)),
    (r"^accounts/email/$", None, signed_in(200, 302)),
    (r"^accounts/confirm-email/$", None, everyone(200, 405)),
    (r"^accounts/\^confirm-email/", "/accounts/confirm-email/bogus-key/", everyone(200, 404)),
    (r"^accounts/password/change/$", None, signed_in()),
    (r"^accounts/password/set/$", None, signed_in(302, 302)),
    (r"^accounts/password/reset/$", None, everyone(200, 200)),
    (r"^accounts/password/reset/done/$", None, everyone(200, 405)),
    (r"^accounts/password/reset/key/done/$", None, everyone(200, 405)),
    (
        r"^accounts/\^password/reset/key/",
        "/accounts/password/reset/key/1-bogus/",
        everyone(200, 200),
    ),
    (r"^accounts/login/code/confirm/$", None, everyone(302, 302)),
    (r"^accounts/2fa/$", None, signed_in(200, 405)),
    (r"^accounts/2fa/authenticate/$", None, everyone(302, 302)),
    (r"^accounts/2fa/reauthenticate/$", None, signed_in(302, 302)),
    (r"^accounts/2fa/totp/activate/$", None, signed_in(302, 302)),
    (r"^accounts/2fa/totp/deactivate/$", None, signed_in(404, 404)),
    (r"^accounts/2fa/recovery-codes/$", None, signed_in(404, 405)),
    (r"^accounts/2fa/recovery-codes/generate/$", None, signed_in(302, 302)),
    (r"^accounts/2fa/recovery-codes/download/$", None, signed_in(404, 404)),
    # The admin: a few views take only POST, or refuse what the model does not allow.
    (r"^admin/logout/$", None, secretary_gets(405)),
    (
        r"^admin/login/$",
        None,
        secretary_gets(302)
        | {staff: {"GET": 403, "POST": 403} for staff in ("staff_a", "staff_b")},
    ),
    (r"^admin/autocomplete/$", None, secretary_gets(403)),
    (r"^admin/\w+/\w+/process_import/$", None, secretary_gets(405)),
    (r"^admin/citytwins/(notification|contactmessage)/add/$", None, secretary_gets(403)),
    (r"^admin/members/association/(add|<path:object_id>/delete)/$", None, secretary_gets(403)),
    (r"^admin/members/(membershipapplication|invitation)/add/$", None, secretary_gets(403)),
    (r"^admin/events/registration/add/$", None, secretary_gets(403)),
    (r"^admin/", None, SECRETARY_ONLY),
]


def declaration(route: str):
    for pattern, path, expected in MATRIX:
        if re.search(pattern, route):
            return path, expected
    return None


def test_every_url_pattern_is_declared():
    undeclared = [route for route in all_routes() if declaration(route) is None]
    assert undeclared == [], "declare who may use these URLs in tests/test_permission_matrix.py"


ADMIN_MODEL = re.compile(r"^admin/(?P<app>\w+)/(?P<model>\w+)/")


def admin_path(route: str) -> str | None:
    """A concrete path for an admin route: real object ids where the route needs one."""
    path = route
    match = ADMIN_MODEL.match(route)
    if "<path:object_id>" in path or "<id>" in path:
        if not match:
            return None
        model = apps.get_model(match["app"], match["model"])
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            return None
        path = path.replace("<path:object_id>", str(obj.pk)).replace("<id>", str(obj.pk))
    if "<" in path or "(?P" in path or "^" in path:
        return None
    return "/" + path


@pytest.fixture
def people(network):
    def staff(email: str, city_slug: str):
        user = UserFactory(email=email, city=City.objects.get(slug=city_slug))
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        return user

    secretary = SecretaryFactory(email="secretary@imatra.fi", is_superuser=True)
    EmailAddress.objects.create(user=secretary, email=secretary.email, primary=True, verified=True)
    staff_a = staff("staff@tornio.fi", "tornio")
    tornio = City.objects.get(slug="tornio")
    # Published content, and twin A's drafts, proposed by its staff.
    ProjectFactory(slug="published-project", lead=tornio)
    PracticeFactory(slug="published-practice")
    mine = {"publication": "draft", "proposed_for": tornio.twin, "proposed_by": staff_a}
    ProjectFactory(slug="draft-project", lead=tornio, **mine)
    PracticeFactory(slug="draft-practice", **mine)
    FundingCallFactory()
    people = {
        "anonymous": None,
        "staff_a": staff_a,
        "staff_b": staff("staff@narva.ee", "narva"),
        "secretary": secretary,
    }
    matrix_events(people["staff_a"])
    return people


def matrix_events(staff_a) -> None:
    """A members-only board meeting with a document, staff A registered and owning an action."""
    board = EventFactory(
        slug="matrix-board",
        audience="members",
        capacity=10,
        host_city=City.objects.get(slug="tornio"),
    )
    document = EventDocument(
        key=MATRIX_DOCUMENT,
        event=board,
        title="Minutes",
        extension="pdf",
        content_type="application/pdf",
    )
    document.file.save("upload", ContentFile(minutes_pdf(["Minutes"])), save=False)
    document.save()
    Registration.objects.create(event=board, person=staff_a, status="confirmed")
    ActionItem.objects.create(
        pk=MATRIX_ACTION_ITEM,
        event=board,
        text="Report",
        owner=staff_a,
        due_on=timezone.localdate(),
    )


def outcomes_for(client, people, route: str) -> list[str]:
    if declaration(route) is None:
        return []  # reported by test_every_url_pattern_is_declared
    path, expected = declaration(route)
    if path is None:
        path = admin_path(route) if route.startswith("admin/") else "/" + route
    if path is None or "<" in path:
        return []
    problems = []
    for role in ROLES:
        client.logout()
        if people[role] is not None:
            client.force_login(people[role])
        for method in ("GET", "POST"):
            want = expected[role][method]
            if want is None:
                continue
            response = client.get(path) if method == "GET" else client.post(path, {})
            allowed = want if isinstance(want, tuple) else (want,)
            if response.status_code not in allowed:
                problems.append(f"{method} {path} as {role}: {response.status_code}, want {want}")
    return problems


@pytest.mark.django_db
def test_each_role_gets_what_is_declared(client, people):
    problems = []
    for route in all_routes():
        problems += outcomes_for(client, people, route)
    assert problems == []
