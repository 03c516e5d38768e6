"""The site in the network's languages: the language is in the URL's prefix (/fi/twins/), English
keeps today's addresses without one, so a published link never breaks and a cached page is one
language. The admin has no prefix: it speaks the signed-in person's language.

Each page offers itself in every language (the header's switcher, the head's hreflang links);
signed-in people's choice is remembered on their account and followed when they sign in.
"""

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@dataclass(frozen=True)
class LanguageLink:
    """The page a reader is on, in one language."""

    code: str
    name_local: str
    path: str  # with the query string
    href: str  # where the switcher's link goes (through language_switch for signed-in people)
    current: bool

    @property
    def absolute(self) -> str:
        return settings.SITE_URL + self.path


@dataclass(frozen=True)
class PageLanguages:
    links: list[LanguageLink]
    # Only a page with an address per language has alternates (not the admin, not an error).
    translated: bool

    @property
    def current(self) -> LanguageLink:
        return next(link for link in self.links if link.current)

    @property
    def default(self) -> LanguageLink:
        return next(link for link in self.links if link.code == settings.LANGUAGE_CODE)


def language_codes() -> list[str]:
    return [code for code, _ in settings.LANGUAGES]


def path_in_language(request, code: str) -> str | None:
    """The path of the page `request` shows, in language `code`; None when it has no name."""
    match = getattr(request, "resolver_match", None)
    if match is None or not match.url_name:
        return None
    with translation.override(code):
        try:
            return reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return None


def page_languages(request) -> PageLanguages:
    """The current page in every language, its query string kept (a filter stays applied)."""
    current = translation.get_language()
    query = request.META.get("QUERY_STRING", "")
    signed_in = getattr(request, "user", None) is not None and request.user.is_authenticated
    paths = {code: path_in_language(request, code) for code in language_codes()}
    translated = None not in paths.values() and len(set(paths.values())) > 1
    links = []
    for code in language_codes():
        path = paths[code]
        if path is None:
            with translation.override(code):
                path = reverse("home")
        elif query:
            path = f"{path}?{query}"
        href = path
        if signed_in:
            href = (
                reverse("language_switch", kwargs={"code": code}) + "?" + urlencode({"next": path})
            )
        links.append(
            LanguageLink(
                code=code,
                name_local=translation.get_language_info(code)["name_local"],
                path=path,
                href=href,
                current=code == current,
            )
        )
    return PageLanguages(links=links, translated=translated)


def url_in_language(url: str, code: str) -> str:
    """A link of this site (absolute from SITE_URL, or a path) in language `code`: the one for
    an email in its recipient's language, whatever language the sender's page was in. Any
    other link comes back unchanged."""
    base = settings.SITE_URL
    absolute = url.startswith(base + "/")
    parts = urlsplit(url.removeprefix(base) if absolute else url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return url
    path = parts.path
    for code_other in language_codes():
        if path.startswith(f"/{code_other}/") and code_other != settings.LANGUAGE_CODE:
            path = path.removeprefix(f"/{code_other}")
            break
    with translation.override(settings.LANGUAGE_CODE):
        try:
            match = resolve(path)
        except Resolver404:
            return url
    if not match.url_name:
        return url
    with translation.override(code):
        try:
            path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return url
    return (base if absolute else "") + urlunsplit(("", "", path, parts.query, parts.fragment))


@never_cache
@require_safe
def language_switch(request, code):
    """Signed-in people's choice of language is kept on their account; everyone then goes on
    to the page they were on, in that language (only a local `next`: never another site)."""
    if code not in language_codes():
        raise Http404
    target = request.GET.get("next", "")
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts=None
    ):
        with translation.override(code):
            target = reverse("home")
    user = request.user
    if user.is_authenticated and user.language != code:
        user.language = code
        user.save(update_fields=["language"])
    return redirect(target)


class AdminLanguageMiddleware:
    """The admin (no language prefix) in the signed-in person's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/") and request.user.is_authenticated:
            language = request.user.preferred_language
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
